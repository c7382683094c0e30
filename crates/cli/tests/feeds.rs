//! End-to-end tests of `newsdesk ingest URL|FEED|OPML`, `watch` and `feeds` against a real
//! HTTP server on 127.0.0.1, started by each test, serving our own fixtures
//! (`tests/fixtures/web/`) and the failures the web is made of: 404, 500, a slow answer, an
//! endless body, a redirect loop, a feed that is not XML, and 304 on a matching ETag.

use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

// ---------------------------------------------------------------------------------------
// The test server.

/// What the server saw, for assertions.
#[derive(Default)]
struct Log {
    /// Requests per path.
    hits: Mutex<HashMap<String, u64>>,
    /// 304 answers sent.
    not_modified: AtomicU64,
    /// Requests that carried If-None-Match or If-Modified-Since.
    conditional: AtomicU64,
    /// Bytes of the endless body written before the client hung up.
    endless_bytes: AtomicU64,
    /// User-Agent headers seen.
    agents: Mutex<Vec<String>>,
}

struct Server {
    base: String,
    log: Arc<Log>,
    stop: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let log = Arc::new(Log::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (b, l, s) = (base.clone(), Arc::clone(&log), Arc::clone(&stop));
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (b, l) = (b.clone(), Arc::clone(&l));
                std::thread::spawn(move || {
                    let _ = serve(conn, &b, &l);
                });
            }
        });
        Server { base, log, stop }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> u64 {
        let hits = self.log.hits.lock().unwrap_or_else(|p| p.into_inner());
        hits.get(path).copied().unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
    }
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web")
}

/// The ETag of a fixture: fixed per file, so a second request can match it.
fn etag_of(name: &str) -> String {
    format!("\"v1-{name}\"")
}

fn serve(conn: TcpStream, base: &str, log: &Log) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let bare = path.split('?').next().unwrap_or("/").to_string();
    *log.hits
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .entry(bare.clone())
        .or_default() += 1;
    if let Some(ua) = headers.get("user-agent") {
        log.agents
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(ua.clone());
    }
    if headers.contains_key("if-none-match") || headers.contains_key("if-modified-since") {
        log.conditional.fetch_add(1, Ordering::SeqCst);
    }
    let mut out = conn;
    match bare.as_str() {
        "/missing.html" | "/gone-feed.xml" => respond(&mut out, "404 Not Found", &[], b"gone"),
        "/broken.html" => respond(&mut out, "500 Internal Server Error", &[], b"oops"),
        "/busy-feed.xml" => respond(
            &mut out,
            "429 Too Many Requests",
            &[("Retry-After", "7200")],
            b"slow down",
        ),
        "/slow.html" => {
            std::thread::sleep(Duration::from_secs(4));
            respond(
                &mut out,
                "200 OK",
                &[("Content-Type", "text/html")],
                b"<p>late</p>",
            )
        }
        "/loop-a" => respond(&mut out, "302 Found", &[("Location", "/loop-b")], b""),
        "/loop-b" => respond(&mut out, "302 Found", &[("Location", "/loop-a")], b""),
        "/endless.html" => {
            out.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><p>",
            )?;
            let chunk = vec![b'a'; 64 * 1024];
            // At most 2 GiB; the client is expected to hang up long before.
            for _ in 0..(2u64 << 30) / chunk.len() as u64 {
                if out.write_all(&chunk).is_err() {
                    break;
                }
                log.endless_bytes
                    .fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
            Ok(())
        }
        p => {
            let name = p.trim_start_matches("/pages/").trim_start_matches('/');
            let file = fixture_dir().join(name);
            let Ok(body) = std::fs::read_to_string(&file) else {
                return respond(&mut out, "404 Not Found", &[], b"no such fixture");
            };
            let etag = etag_of(name);
            let is_feed = !p.starts_with("/pages/");
            if is_feed && headers.get("if-none-match") == Some(&etag) {
                log.not_modified.fetch_add(1, Ordering::SeqCst);
                return respond(&mut out, "304 Not Modified", &[("ETag", &etag)], b"");
            }
            let body = body.replace("{BASE}", base);
            let ct = match name.rsplit('.').next() {
                Some("html") => "text/html; charset=utf-8",
                Some("json") => "application/feed+json",
                Some("opml") => "text/x-opml",
                _ => "application/xml",
            };
            let mut h = vec![("Content-Type", ct)];
            if is_feed {
                h.push(("ETag", &etag));
            }
            respond(&mut out, "200 OK", &h, body.as_bytes())
        }
    }
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !status.starts_with("304") {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

// ---------------------------------------------------------------------------------------
// Running newsdesk.

/// Short limits so that the failure cases are quick: 1 s timeout, 1 MB bodies, no delay.
const FAST: &[&str] = &[
    "--timeout",
    "1s",
    "--host-delay",
    "0ms",
    "--max-bytes",
    "1000000",
];

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .env_remove("NEWSDESK_DB")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(format!("sqlite:{}", db.display()))
        .args(args)
        .output()
        .expect("run newsdesk")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "newsdesk failed: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

/// The reject reasons stored, keyed by source.
fn rejects(db: &Path) -> Vec<(String, String)> {
    let out = ok(&run(db, &["rejects", "--limit", "100", "--json"]));
    json_lines(&out)
        .iter()
        .map(|r| {
            (
                r["reject"]["origin"]["source"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
                r["reject"]["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn reason_for(rejects: &[(String, String)], source: &str) -> String {
    rejects
        .iter()
        .find(|(s, _)| s == source)
        .map(|(_, r)| r.clone())
        .unwrap_or_else(|| panic!("no reject for {source}: {rejects:?}"))
}

// ---------------------------------------------------------------------------------------
// The tests.

#[test]
fn ingest_opml_fetches_feeds_and_pages_and_reruns_conditionally() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let opml = server.url("/feeds.opml");

    let mut args = vec!["ingest", opml.as_str(), "--json"];
    args.extend_from_slice(FAST);
    let first = json_lines(&ok(&run(&db, &args)));
    let report = &first[0];
    // bridge (RSS), harvest (Atom), library and plain (JSON Feed); the Atom copy of the
    // bridge story is skipped by its canonical URL.
    assert_eq!(report["ingested"], 4, "{report}");

    let articles = json_lines(&ok(&run(&db, &["articles", "--json"])));
    let mut titles: Vec<&str> = articles
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        vec![
            "Late frost cuts the apple harvest in the Vell valley",
            "Old mill reopens as a public library",
            "Riverton council approves new bridge over the Alder",
            // The page has no title and no date: the feed item's fill them.
            "Volunteers replant the burned hills above Marrow Bay",
        ]
    );
    let plain = articles
        .iter()
        .find(|a| a["title"] == "Volunteers replant the burned hills above Marrow Bay")
        .expect("plain page ingested");
    assert_eq!(plain["published"], "2025-06-22T15:45:00Z");
    assert_eq!(plain["outlet"], "Harbour Times");
    // Bylines: the bridge page names its author; the plain page names none, so the JSON
    // Feed item's author fills it.
    let authors_of = |title_start: &str| {
        articles
            .iter()
            .find(|a| {
                a["title"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(title_start))
            })
            .map(|a| a["authors"].clone())
    };
    assert_eq!(
        authors_of("Riverton council"),
        Some(serde_json::json!(["Mara Quill"]))
    );
    assert_eq!(
        authors_of("Volunteers replant"),
        Some(serde_json::json!(["Rui Santos"]))
    );

    let rj = rejects(&db);
    assert!(reason_for(&rj, &server.url("/pages/listing.html")).contains("not an article"));
    assert_eq!(
        reason_for(&rj, &server.url("/missing.html")),
        "HTTP 404 Not Found"
    );
    assert_eq!(
        reason_for(&rj, &server.url("/broken.html")),
        "HTTP 500 Internal Server Error"
    );
    assert!(reason_for(&rj, &server.url("/slow.html")).starts_with("timed out after 1 s"));
    assert!(reason_for(&rj, &server.url("/endless.html")).contains("size limit of 1000000 bytes"));
    let looped = reason_for(&rj, &server.url("/loop-a"));
    assert!(looped.starts_with("redirect loop: "), "{looped}");
    assert!(looped.contains("/loop-b"), "{looped}");
    assert!(reason_for(&rj, &server.url("/notafeed.xml")).starts_with("not a feed:"));
    assert_eq!(
        reason_for(&rj, &server.url("/gone-feed.xml")),
        "HTTP 404 Not Found"
    );
    assert!(
        rj.iter()
            .any(|(s, r)| s == &server.url("/rss.xml") && r.contains("has no link")),
        "{rj:?}"
    );
    // The endless body was cut off near the limit, far from its 2 GiB.
    let endless = server.log.endless_bytes.load(Ordering::SeqCst);
    eprintln!("endless body: {endless} bytes written before the client hung up");
    assert!(endless < 64 << 20, "{endless}");
    // Every request named newsdesk.
    let agents = server.log.agents.lock().unwrap_or_else(|p| p.into_inner());
    assert!(!agents.is_empty());
    assert!(
        agents.iter().all(|a| a.starts_with("newsdesk/")),
        "{agents:?}"
    );
    drop(agents);
    assert_eq!(server.hits("/pages/bridge.html"), 1);

    // Second run: the Atom and JSON feeds answer 304 to the validators of the first. The
    // RSS feed had items failing for passing reasons (500, timeout), so it is asked for
    // unconditionally and those two items are retried; the items settled are not.
    let second = json_lines(&ok(&run(&db, &args)));
    assert_eq!(second[0]["ingested"], 0, "{}", second[0]);
    assert_eq!(server.log.not_modified.load(Ordering::SeqCst), 2);
    assert_eq!(server.log.conditional.load(Ordering::SeqCst), 2);
    assert_eq!(server.hits("/rss.xml"), 2);
    assert_eq!(
        server.hits("/broken.html"),
        2,
        "transient failures are retried"
    );
    assert_eq!(
        server.hits("/slow.html"),
        2,
        "transient failures are retried"
    );
    assert_eq!(server.hits("/missing.html"), 1, "a 404 is settled");
    assert_eq!(
        server.hits("/pages/bridge.html"),
        1,
        "seen items are not fetched again"
    );
    assert_eq!(server.hits("/pages/harvest.html"), 1);

    // `feeds` reports each feed's health.
    let feeds = json_lines(&ok(&run(&db, &["feeds", "--json"])));
    assert_eq!(feeds.len(), 5, "{feeds:?}");
    let by_url = |p: &str| {
        feeds
            .iter()
            .find(|f| f["url"] == server.url(p).as_str())
            .unwrap_or_else(|| panic!("no feed {p}"))
            .clone()
    };
    let rss = by_url("/rss.xml");
    assert_eq!(rss["title"], "Riverton Courier");
    assert_eq!(rss["consecutive_errors"], 0);
    assert_eq!(rss["items_ingested"], 1);
    // bridge, listing, missing, endless, loop and the notice without link are settled;
    // the 500 and the timeout will be retried.
    assert_eq!(rss["items_seen"], 6);
    assert!(rss["last_success"].is_string());
    assert_eq!(rss["backing_off"], false);
    let atom = by_url("/atom.xml");
    assert_eq!(atom["items_ingested"], 1);
    assert_eq!(
        atom["items_seen"], 1,
        "the syndicated copy is skipped by URL"
    );
    let bad = by_url("/notafeed.xml");
    assert_eq!(bad["consecutive_errors"], 2);
    assert!(
        bad["last_error"]
            .as_str()
            .unwrap_or("")
            .starts_with("not a feed")
    );
    assert_eq!(bad["backing_off"], true);
    assert!(bad["last_success"].is_null());

    let text = ok(&run(&db, &["feeds"]));
    assert!(text.contains("Riverton Courier"), "{text}");
    assert!(text.contains("2 errors in a row; backing off"), "{text}");
}

#[test]
fn watch_polls_conditionally_and_backs_off() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let atom = server.url("/atom.xml");
    let gone = server.url("/gone-feed.xml");
    let mut args = vec![
        "watch",
        atom.as_str(),
        gone.as_str(),
        "--every",
        "100ms",
        "--rounds",
        "3",
        "--json",
    ];
    args.extend_from_slice(FAST);
    let rounds = json_lines(&ok(&run(&db, &args)));
    assert_eq!(rounds.len(), 3);
    // The harvest page and the bridge page (its Atom link).
    assert_eq!(rounds[0]["ingested"], 2, "{}", rounds[0]);
    assert_eq!(rounds[1]["ingested"], 0);
    let status = |r: &Value, url: &str| {
        r["feeds"]
            .as_array()
            .and_then(|fs| fs.iter().find(|f| f["url"] == url))
            .map(|f| f["status"].as_str().unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert_eq!(status(&rounds[0], &atom), "ok");
    assert_eq!(status(&rounds[0], &gone), "error");
    assert_eq!(status(&rounds[1], &atom), "not_modified");
    assert_eq!(status(&rounds[2], &atom), "not_modified");
    assert_eq!(status(&rounds[1], &gone), "backing_off");
    assert_eq!(status(&rounds[2], &gone), "backing_off");
    // The failing feed was asked once; the healthy one three times, twice conditionally.
    assert_eq!(server.hits("/gone-feed.xml"), 1);
    assert_eq!(server.hits("/atom.xml"), 3);
    assert_eq!(server.log.not_modified.load(Ordering::SeqCst), 2);
}

#[test]
fn ingest_single_page_and_local_feed_file() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");

    // A page URL: extracted with the HTTP charset, ingested, no feed state.
    let page = server.url("/pages/library.html");
    let mut args = vec!["ingest", page.as_str(), "--json"];
    args.extend_from_slice(FAST);
    let r = json_lines(&ok(&run(&db, &args)));
    assert_eq!(r[0]["ingested"], 1);

    // A local Atom file whose item links point at the server; the library page is
    // already stored (by canonical URL), so only the harvest page is new.
    let atom = std::fs::read_to_string(fixture_dir().join("atom.xml"))
        .expect("atom fixture")
        .replace("{BASE}", &server.base)
        .replace("pages/bridge.html?utm_source=atom", "pages/library.html");
    let local = dir.path().join("local-feed.xml");
    std::fs::write(&local, atom).expect("write feed");
    let local_s = local.to_string_lossy().into_owned();
    let mut args = vec!["ingest", local_s.as_str(), "--json"];
    args.extend_from_slice(FAST);
    let r = json_lines(&ok(&run(&db, &args)));
    assert_eq!(r[0]["ingested"], 1, "{}", r[0]);
    assert_eq!(r[0]["already_present"], 1, "{}", r[0]);
    let feeds = json_lines(&ok(&run(&db, &["feeds", "--json"])));
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0]["title"], "Valley Post");
    assert_eq!(feeds[0]["items_seen"], 2);
    assert_eq!(feeds[0]["items_ingested"], 1);

    // A URL that does not answer with a page, a feed or a list is a reject, not a crash.
    let missing = server.url("/missing.html");
    let mut args = vec!["ingest", missing.as_str()];
    args.extend_from_slice(FAST);
    ok(&run(&db, &args));
    assert_eq!(reason_for(&rejects(&db), &missing), "HTTP 404 Not Found");
}

#[test]
fn robots_txt_and_retry_after_are_obeyed() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let feed = server.url("/guarded.xml");
    let mut args = vec!["ingest", feed.as_str(), "--json"];
    args.extend_from_slice(FAST);
    let r = json_lines(&ok(&run(&db, &args)));
    assert_eq!(r[0]["ingested"], 1, "{}", r[0]);
    let memo = server.url("/pages/private/memo.html");
    assert_eq!(
        reason_for(&rejects(&db), &memo),
        format!("not fetched: disallowed by {}", server.url("/robots.txt"))
    );
    assert_eq!(server.hits("/pages/private/memo.html"), 0);
    assert_eq!(server.hits("/robots.txt"), 1);

    // With --ignore-robots the page is asked for (and is missing on this server).
    let db2 = dir.path().join("t2.db");
    let mut args = vec!["ingest", feed.as_str(), "--ignore-robots"];
    args.extend_from_slice(FAST);
    ok(&run(&db2, &args));
    assert_eq!(server.hits("/pages/private/memo.html"), 1);
    assert_eq!(reason_for(&rejects(&db2), &memo), "HTTP 404 Not Found");

    // A feed answering 429 with Retry-After: 2 h is not polled again before then, even
    // though the backoff after one error would allow it sooner.
    let busy = server.url("/busy-feed.xml");
    let mut args = vec!["watch", busy.as_str(), "--every", "1m", "--rounds", "1"];
    args.extend_from_slice(FAST);
    ok(&run(&db, &args));
    let feeds = json_lines(&ok(&run(&db, &["feeds", "--json"])));
    let state = feeds
        .iter()
        .find(|f| f["url"] == busy)
        .expect("busy feed state");
    assert_eq!(
        state["last_error"],
        "HTTP 429 Too Many Requests (retry after 7200 s)"
    );
    let next = state["next_poll"].as_str().unwrap_or_default();
    let next = chrono::DateTime::parse_from_rfc3339(next).expect("next poll time");
    let wait = next.signed_duration_since(chrono::Utc::now());
    assert!(
        wait > chrono::Duration::minutes(110) && wait <= chrono::Duration::minutes(121),
        "next poll in {wait}"
    );
}

#[test]
fn watch_stops_cleanly_on_ctrl_c() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let atom = server.url("/atom.xml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .env_remove("NEWSDESK_DB")
        .arg("--db")
        .arg(format!("sqlite:{}", db.display()))
        .args(["watch", atom.as_str(), "--every", "1h", "--json"])
        .args(FAST)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn newsdesk watch");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    // The first round is printed once it is done; then the process sleeps for an hour.
    let first = lines.next().and_then(Result::ok).unwrap_or_default();
    let round: Value = serde_json::from_str(&first).unwrap_or_else(|e| panic!("{first}: {e}"));
    assert_eq!(round["round"], 1);
    assert_eq!(round["ingested"], 2);
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "watch did not stop on SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(lines.next().is_none(), "no second round after Ctrl-C");
    // What the round stored is intact.
    let check = ok(&run(&db, &["check"]));
    assert!(check.starts_with("ok: 2 articles"), "{check}");
}

#[test]
fn watch_reads_a_local_opml_list_and_feeds_reports_nothing_before() {
    let server = Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    // No feed yet: `feeds` finds nothing (exit code 1).
    let none = run(&db, &["feeds"]);
    assert_eq!(none.status.code(), Some(1));

    // A local list: its relative `atom.xml` has no base to resolve against and is left out.
    let opml = std::fs::read_to_string(fixture_dir().join("feeds.opml"))
        .expect("opml fixture")
        .replace("{BASE}", &server.base);
    let list = dir.path().join("subs.opml");
    std::fs::write(&list, opml).expect("write list");
    let list_s = list.to_string_lossy().into_owned();
    let mut args = vec!["watch", list_s.as_str(), "--rounds", "1", "--json"];
    args.extend_from_slice(FAST);
    let rounds = json_lines(&ok(&run(&db, &args)));
    assert_eq!(rounds.len(), 1);
    let urls: Vec<&str> = rounds[0]["feeds"]
        .as_array()
        .map(|fs| fs.iter().filter_map(|f| f["url"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        urls,
        vec![
            server.url("/rss.xml"),
            server.url("/feed.json"),
            server.url("/notafeed.xml"),
            server.url("/gone-feed.xml"),
        ]
    );
    // bridge (RSS), library and plain (JSON Feed).
    assert_eq!(rounds[0]["ingested"], 3, "{}", rounds[0]);
    assert_eq!(server.hits("/atom.xml"), 0);
}
