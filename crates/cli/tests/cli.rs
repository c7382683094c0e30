//! End-to-end tests of the `newsdesk` binary: real processes, real SQLite files.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    c.env_remove("NEWSDESK_DB").env("NO_COLOR", "1");
    c
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run newsdesk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn db_arg(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("t.db").display())
}

#[test]
fn analyze_prints_the_contract_one_line_per_input_line() {
    let input = fixtures().join("mixed.jsonl");
    let o = run(&[
        "analyze",
        input.to_str().unwrap_or_default(),
        "--jsonl",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lines = json_lines(&o);
    let raw = std::fs::read_to_string(&input).unwrap_or_default();
    assert_eq!(
        lines.len(),
        raw.lines().count(),
        "one object per input line"
    );

    let ok: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_none()).collect();
    assert_eq!(ok.len(), 3);
    assert_eq!(ok[0]["id"], "m1");
    assert_eq!(ok[1]["id"], "m2");
    assert_eq!(ok[1]["published"], "2025-06-26");
    assert_eq!(ok[2]["id"], "m7");
    for l in &ok {
        for key in ["mentions", "claims", "events", "disputes", "sentences"] {
            assert!(l[key].is_array(), "{key} must be a list");
        }
        assert!(l["key_points"]["headline"].is_string());
    }
    // Offsets index the text: check them against the input's text.
    let m1: Value =
        serde_json::from_str(raw.lines().next().unwrap_or_default()).unwrap_or_default();
    let text = m1["text"].as_str().unwrap_or_default();
    let sents = ok[0]["sentences"].as_array().cloned().unwrap_or_default();
    assert_eq!(sents.len(), 4);
    let first = &sents[0];
    let (s, e) = (
        first[0].as_u64().unwrap_or(0) as usize,
        first[1].as_u64().unwrap_or(0) as usize,
    );
    assert!(text[s..e].starts_with("THE HAGUE"));
    assert!(text[s..e].ends_with("next week."));
    let points = ok[0]["key_points"]["points"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(points.len(), 3);
    // Bullets are (possibly trimmed) sentences of the text, in document order: each span
    // is the bullet's text and lies inside the sentence it names.
    let mut last_sentence = None;
    for p in &points {
        let (s, e) = (
            p["start"].as_u64().unwrap_or(0) as usize,
            p["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(&text[s..e], p["text"].as_str().unwrap_or("?"));
        let i = p["sentence"].as_u64().unwrap_or(99) as usize;
        let sent = &sents[i];
        let (ss, se) = (
            sent[0].as_u64().unwrap_or(0) as usize,
            sent[1].as_u64().unwrap_or(0) as usize,
        );
        assert!(ss <= s && e <= se, "bullet {p} inside sentence {sent}");
        assert!(last_sentence < Some(i), "document order");
        last_sentence = Some(i);
    }
    // The lead's dateline ("THE HAGUE (Example Wire) —") is not part of its bullet.
    assert!(
        points
            .iter()
            .all(|p| !p["text"].as_str().unwrap_or("").starts_with("THE HAGUE"))
    );
    assert_eq!(
        ok[0]["key_points"]["headline"],
        "Trump says talks with Iran may come next week"
    );

    // Rejected lines keep their place and say why.
    let errs: Vec<(u64, String)> = lines
        .iter()
        .filter(|l| l.get("error").is_some())
        .map(|l| {
            (
                l["position"].as_u64().unwrap_or(0),
                l["error"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let positions: Vec<u64> = errs.iter().map(|e| e.0).collect();
    assert_eq!(positions, vec![3, 4, 5, 6]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("mixed.jsonl:5"),
        "rejects named on stderr: {stderr}"
    );
}

#[test]
fn analyze_reads_stdin_and_plain_text() {
    let mut child = bin()
        .args(["analyze", "-", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(
                b"A title line\n\nFirst sentence of the body is here. Second one follows it now.\n",
            )
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["title"], "A title line");
    assert_eq!(lines[0]["sentences"].as_array().map(Vec::len), Some(2));
}

#[test]
fn ingest_is_idempotent_and_queries_work() {
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_arg(tmp.path());
    let mixed = fixtures().join("mixed.jsonl");
    let dir = fixtures().join("dir");
    let (mixed, dir) = (
        mixed.to_str().unwrap_or_default(),
        dir.to_str().unwrap_or_default(),
    );

    let first = run(&["--db", &db, "--json", "ingest", mixed, dir]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let r1 = &json_lines(&first)[0];
    assert_eq!(r1["ingested"], 6, "{r1}");
    assert_eq!(r1["rejected"], 4);

    let second = run(&["--db", &db, "--json", "ingest", mixed, dir]);
    let r2 = &json_lines(&second)[0];
    assert_eq!(r2["ingested"], 0, "{r2}");
    assert_eq!(r2["already_present"], 6);

    let rejects = json_lines(&run(&["--db", &db, "--json", "rejects"]));
    assert_eq!(rejects.len(), 4, "rejects are not duplicated by a re-run");

    let arts = json_lines(&run(&["--db", &db, "--json", "articles"]));
    assert_eq!(arts.len(), 6);

    let hits = run(&["--db", &db, "--json", "search", "Guardian", "Council"]);
    assert!(hits.status.success());
    let hits = json_lines(&hits);
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap_or("")
            .contains("[Guardian]")
    );

    let none = run(&["--db", &db, "search", "zeppelin"]);
    assert_eq!(none.status.code(), Some(1), "nothing found exits 1");

    let stories = json_lines(&run(&["--db", &db, "--json", "stories"]));
    assert!(!stories.is_empty());
    let id = stories[0]["id"].as_str().unwrap_or_default().to_string();
    let story = run(&["--db", &db, "story", &id]);
    assert!(story.status.success());
    assert!(stdout(&story).contains("Articles"));
    assert_eq!(run(&["--db", &db, "story", "nope"]).status.code(), Some(1));

    let check = run(&["--db", &db, "check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn errors_exit_2_with_a_message() {
    let o = run(&["--db", "postgres://nowhere/x", "articles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("newsdesk: error"));
}

#[test]
fn demo_prints_a_digest_of_stories() {
    let o = run(&["demo"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.starts_with("newsdesk demo: "), "{out}");
    assert!(out.contains("Iran"), "{out}");
    let o = run(&["--json", "demo"]);
    let v = &json_lines(&o)[0];
    let ingested = v["report"]["ingested"].as_u64().unwrap_or(0);
    assert!(ingested >= 40, "{ingested}");
    assert!(v["report"]["duplicates"].as_u64().unwrap_or(0) >= 3);
    assert!(v["stories"].as_array().map(Vec::len).unwrap_or(0) >= 8);
}

#[test]
fn eval_keypoints_compares_with_lead3_on_the_same_stories() {
    // Stories written here, in the shape of summ/cnn_dev.jsonl: the highlight restates the
    // fourth sentence, which Lead-3 never takes.
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("summ.jsonl");
    let mut s = String::new();
    for i in 0..6 {
        let rec = serde_json::json!({
            "id": format!("s{i}"),
            "article": format!("(CNN) -- The council met on day {i}.\nIt was a quiet morning in town.\nCoffee was served at nine.\nThe council voted to close the Kalu bridge after {i}0 cracks were found in the Kalu bridge.\nEngineers had warned the council about the Kalu bridge for years."),
            "highlights": [format!("Council votes to close the Kalu bridge after {i}0 cracks were found")],
        });
        s.push_str(&rec.to_string());
        s.push('\n');
    }
    std::fs::write(&data, s).expect("write data");
    let data = data.to_str().unwrap_or_default();
    let o = run(&[
        "--json",
        "eval",
        "keypoints",
        "--data",
        data,
        "--split",
        "all",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v = &json_lines(&o)[0]["evaluation"];
    assert_eq!(v["articles"], 6);
    let r1 = |k: &str| v[k]["rouge1"].as_f64().unwrap_or(-1.0);
    assert!((0.0..=100.0).contains(&r1("lead3")), "{v}");
    assert!(r1("newsdesk") > r1("lead3"), "{v}");
    let text = stdout(&run(&[
        "eval",
        "keypoints",
        "--data",
        data,
        "--split",
        "all",
    ]));
    assert!(
        text.contains("Lead-3") && text.contains("newsdesk"),
        "{text}"
    );
    // The held-out part of a 6-story file is empty: nothing found.
    let o = run(&["eval", "keypoints", "--data", data]);
    assert_eq!(o.status.code(), Some(1));
}

/// A JSONL file of `n` distinct generated articles.
fn generated(path: &Path, n: usize) {
    use std::fmt::Write;
    let topics = [
        "ceasefire",
        "sanctions",
        "summit",
        "election",
        "strike",
        "treaty",
        "tariff",
        "inspection",
    ];
    let places = [
        "Tehran", "Kyiv", "Brussels", "Doha", "Ottawa", "Manila", "Lima", "Accra",
    ];
    let mut s = String::new();
    for i in 0..n {
        let t = topics[i % topics.len()];
        let p = places[(i / topics.len()) % places.len()];
        let _ = writeln!(
            s,
            "{{\"id\": \"g{i}\", \"title\": \"Report {i} on the {t} in {p}\", \"text\": \"Officials in {p} discussed the {t} on day {i}. Observers said the {t} would shape talks for weeks. A spokesman in {p} declined to comment on item {i}. Further meetings on the {t} are planned.\", \"published\": \"2025-06-{:02}\"}}",
            1 + i % 28
        );
    }
    std::fs::write(path, s).expect("write generated corpus");
}

#[test]
fn an_ingest_killed_midway_leaves_a_consistent_store_and_a_rerun_completes_it() {
    const N: usize = 6000;
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_arg(tmp.path());
    let input = tmp.path().join("big.jsonl");
    generated(&input, N);
    let input = input.to_str().unwrap_or_default();
    // Create and migrate the store first, so that the polling below never races the
    // ingest for the schema's write lock; keep the child's stderr to show on failure.
    let created = run(&["--db", &db, "check"]);
    assert!(created.status.success(), "{}", stdout(&created));
    let child_err = tmp.path().join("ingest.stderr");
    let err_file = std::fs::File::create(&child_err).expect("stderr file");

    let mut child = bin()
        .args([
            "--db",
            &db,
            "--quiet",
            "ingest",
            input,
            "--batch-size",
            "10",
        ])
        .stdout(Stdio::null())
        .stderr(err_file)
        .spawn()
        .expect("spawn ingest");

    // Wait until some batches are committed, then SIGKILL the ingest.
    let started = Instant::now();
    // Poll with a read-only listing (`check` takes a write lock for the FTS check).
    let count = |db: &str| -> u64 {
        let o = run(&["--db", db, "--json", "articles", "--limit", "20"]);
        stdout(&o).lines().count() as u64
    };
    while count(&db) < 20 && started.elapsed() < Duration::from_secs(300) {
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the ingest was killed, not finished");

    let check = run(&["--db", &db, "--json", "check"]);
    let v = &json_lines(&check)[0];
    assert_eq!(v["ok"], true, "consistent after the kill: {v}");
    let partial = v["counts"]["articles"].as_u64().unwrap_or(0);
    assert!(
        partial >= 20 && partial < N as u64,
        "killed midway: {partial}; ingest stderr: {}",
        std::fs::read_to_string(&child_err).unwrap_or_default()
    );

    let rerun = run(&["--db", &db, "--json", "ingest", input]);
    assert!(rerun.status.success());
    let r = &json_lines(&rerun)[0];
    assert_eq!(r["ingested"].as_u64(), Some(N as u64 - partial), "{r}");
    assert_eq!(r["already_present"].as_u64(), Some(partial));

    let check = run(&["--db", &db, "--json", "check"]);
    let v = &json_lines(&check)[0];
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["counts"]["articles"].as_u64(), Some(N as u64));
}

#[test]
fn ingest_reads_a_crawl_archive_and_rejects_what_is_not_an_article_page() {
    // crawl.warc.gz: one gzip member per record, as in CC-NEWS; a warcinfo record, three
    // request/response pairs of our fixture pages, a 404 response and an image response.
    let tmp = tempfile::tempdir().expect("tmp");
    let db = db_arg(tmp.path());
    let warc = fixtures().join("web/crawl.warc.gz");
    let warc = warc.to_str().unwrap_or_default();

    let first = run(&["--db", &db, "--json", "ingest", warc]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let r1 = &json_lines(&first)[0];
    assert_eq!(r1["ingested"], 3, "{r1}");
    assert_eq!(r1["rejected"], 2, "{r1}");

    let arts = json_lines(&run(&["--db", &db, "--json", "articles"]));
    let mut urls: Vec<&str> = arts.iter().filter_map(|a| a["url"].as_str()).collect();
    urls.sort_unstable();
    let bridge = arts
        .iter()
        .find(|a| a["url"] == "http://news.example.test/2026/11/bridge.html")
        .map(|a| a["authors"].clone());
    assert_eq!(
        bridge,
        Some(serde_json::json!(["Mara Quill"])),
        "byline kept"
    );
    assert_eq!(
        urls,
        [
            "http://news.example.test/2026/11/bridge.html",
            "http://news.example.test/2026/11/harvest.html",
            "http://news.example.test/2026/11/library.html"
        ]
    );

    let rejects = json_lines(&run(&["--db", &db, "--json", "rejects"]));
    let reasons: Vec<String> = rejects.iter().map(|r| r.to_string()).collect();
    assert_eq!(rejects.len(), 2, "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("404")), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.contains("image/png")),
        "{reasons:?}"
    );

    let second = run(&["--db", &db, "--json", "ingest", warc]);
    let r2 = &json_lines(&second)[0];
    assert_eq!(r2["ingested"], 0, "a re-run adds nothing: {r2}");
}

#[test]
fn discard_lists_keep_sentences_and_articles_out_of_event_coding() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let war = "Russian forces shelled Ukrainian positions near Kharkiv on Tuesday.";
    let lines = [
        serde_json::json!({"id": "a", "title": "Shelling", "published": "2025-06-24",
            "text": format!("{war} The friendly match in Kyiv was cancelled after Russia attacked the stadium.")}),
        serde_json::json!({"id": "b", "title": "Cup", "published": "2025-06-24",
            "text": format!("{war} The club's CUP FINAL ends the season.")}),
    ];
    let body: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&input, body.join("\n")).expect("write input");
    let discards = dir.path().join("sport.discards.txt");
    std::fs::write(
        &discards,
        "# our test list: a sentence phrase, and an article phrase\nFRIENDLY MATCH\n+CUP FINAL\n",
    )
    .expect("write discards");
    let analyze = |extra: &[&str]| {
        let mut args = vec![
            "analyze",
            input.to_str().unwrap_or_default(),
            "--jsonl",
            "--json",
        ];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        json_lines(&o)
            .iter()
            .map(|l| l["events"].as_array().map_or(0, Vec::len))
            .collect::<Vec<_>>()
    };
    let plain = analyze(&[]);
    assert!(
        plain[0] >= 2,
        "shelling and attack coded without the list: {plain:?}"
    );
    assert!(plain[1] >= 1, "{plain:?}");
    let d = discards.to_str().unwrap_or_default();
    let with = analyze(&["--discards", d]);
    assert_eq!(
        with[0],
        plain[0] - 1,
        "only the match sentence is skipped: {with:?}"
    );
    assert_eq!(with[1], 0, "a `+` phrase skips the whole article: {with:?}");
}
