//! The fetcher against a small HTTP server on 127.0.0.1 (one thread per connection, one
//! response per connection), for the limits the CLI tests do not reach.

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// Requests seen: (path, headers lowercased).
type Seen = Arc<Mutex<Vec<(String, Vec<(String, String)>)>>>;

fn server() -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let _ = answer(conn, &log);
            });
        }
    });
    (base, seen)
}

fn answer(conn: TcpStream, log: &Seen) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let has = |k: &str| headers.iter().any(|(n, _)| n == k);
    let conditional = has("if-modified-since");
    log.lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((path.clone(), headers));
    let mut out = conn;
    let reply = |out: &mut TcpStream, head: &str, body: &[u8]| -> std::io::Result<()> {
        out.write_all(head.as_bytes())?;
        out.write_all(body)
    };
    if let Some(n) = path.strip_prefix("/hop/") {
        let n: u32 = n.parse().unwrap_or(0);
        let head = format!(
            "HTTP/1.1 301 Moved\r\nLocation: /hop/{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            n + 1
        );
        return reply(&mut out, &head, b"");
    }
    match path.as_str() {
        "/relative" => reply(
            &mut out,
            "HTTP/1.1 302 Found\r\nLocation: target?x=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/target?x=1" => reply(
            &mut out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
            b"ok",
        ),
        "/big" => reply(
            &mut out,
            "HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n",
            b"only the start",
        ),
        "/dated" if conditional => reply(
            &mut out,
            "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/dated" => reply(
            &mut out,
            "HTTP/1.1 200 OK\r\nLast-Modified: Tue, 24 Jun 2025 07:30:00 GMT\r\nContent-Length: 4\r\nConnection: close\r\n\r\n",
            b"feed",
        ),
        "/robots.txt" => reply(
            &mut out,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 47\r\nConnection: close\r\n\r\n",
            b"User-agent: *\nDisallow: /private/\nAllow: /p*c$\n",
        ),
        "/private/memo" | "/public" => reply(
            &mut out,
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
            b"ok",
        ),
        "/busy" => reply(
            &mut out,
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/gone" => reply(
            &mut out,
            "HTTP/1.1 410 Gone\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        _ => reply(
            &mut out,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(
        FetchConfig {
            per_host_delay: Duration::ZERO,
            max_bytes: 1000,
            ..FetchConfig::default()
        }
        .with_timeout(Duration::from_secs(5)),
    )
}

#[test]
fn relative_redirect_is_followed_and_headers_kept() {
    let (base, seen) = server();
    let got = fetcher().get(&format!("{base}/relative"), None);
    let Ok(FetchOutcome::Fetched(page)) = got else {
        panic!("{got:?}");
    };
    assert_eq!(page.url, format!("{base}/target?x=1"));
    assert_eq!(page.requested, format!("{base}/relative"));
    assert_eq!(page.body, b"ok");
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=iso-8859-1")
    );
    let seen = seen.lock().unwrap_or_else(|p| p.into_inner());
    let ua = seen[0]
        .1
        .iter()
        .find(|(k, _)| k == "user-agent")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    assert_eq!(ua, default_user_agent());
    assert!(ua.starts_with(&format!("newsdesk/{}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn too_many_redirects_and_declared_size_over_the_limit() {
    let (base, seen) = server();
    let f = fetcher();
    let e = f.get(&format!("{base}/hop/0"), None).unwrap_err();
    assert_eq!(
        e,
        FetchError::TooManyRedirects {
            limit: 5,
            last: format!("{base}/hop/6")
        }
    );
    assert!(!e.is_transient());
    // 0..=5 were asked for: the limit is checked before following the sixth.
    assert_eq!(seen.lock().map(|s| s.len()).unwrap_or(0), 6);

    // A Content-Length over the limit is refused without reading the body.
    let e = f.get(&format!("{base}/big"), None).unwrap_err();
    assert_eq!(e, FetchError::TooLarge { limit: 1000 });
    assert_eq!(
        e.to_string(),
        "response is over the size limit of 1000 bytes; download stopped"
    );
}

#[test]
fn last_modified_makes_the_next_get_conditional() {
    let (base, _) = server();
    let f = fetcher();
    let url = format!("{base}/dated");
    let Ok(FetchOutcome::Fetched(page)) = f.get(&url, None) else {
        panic!("first GET failed");
    };
    assert_eq!(
        page.validators.last_modified.as_deref(),
        Some("Tue, 24 Jun 2025 07:30:00 GMT")
    );
    assert_eq!(page.validators.etag, None);
    assert_eq!(
        f.get(&url, Some(&page.validators)),
        Ok(FetchOutcome::NotModified { url: url.clone() })
    );
}

#[test]
fn statuses_and_bad_urls_are_typed() {
    let (base, _) = server();
    let f = fetcher();
    let e = f.get(&format!("{base}/gone"), None).unwrap_err();
    assert_eq!(e.to_string(), "HTTP 410 Gone");
    assert!(!e.is_transient());
    assert!(matches!(
        f.get("ftp://x.example/a", None),
        Err(FetchError::BadUrl(_))
    ));
    assert!(matches!(
        f.get("not a url", None),
        Err(FetchError::BadUrl(_))
    ));
    // Nothing listens on port 9 of 127.0.0.1 here: refused, a passing network error.
    let e = f.get("http://127.0.0.1:9/", None).unwrap_err();
    assert!(e.is_transient(), "{e:?}");
}

#[test]
fn feed_item_fills_what_the_page_lacks() {
    let page = Page {
        requested: "https://x.example/a".into(),
        url: "https://x.example/a".into(),
        status: 200,
        content_type: Some("text/html; charset=utf-8".into()),
        body: format!(
            "<html><body><div><p>{}</p><p>{}</p></div></body></html>",
            "Word after word the story goes on. ".repeat(12),
            "A second paragraph adds more facts. ".repeat(10)
        )
        .into_bytes(),
        validators: Validators::default(),
    };
    let item = FeedItem {
        guid: "g".into(),
        url: Some(page.url.clone()),
        title: Some("Title from the feed".into()),
        published: Some("2025-06-22T15:45:00Z".into()),
        author: None,
        summary: None,
    };
    let Item::Article(a) = page_item(&page, Some(&item), Some("Feed Outlet"), &Options::default())
    else {
        panic!("not an article");
    };
    assert_eq!(a.title.as_deref(), Some("Title from the feed"));
    assert_eq!(a.published.as_deref(), Some("2025-06-22T15:45:00Z"));
    assert_eq!(a.outlet.as_deref(), Some("Feed Outlet"));
    assert_eq!(a.origin.source, "https://x.example/a");
    // Without a feed behind it, the same page has no article markers: rejected.
    assert!(matches!(
        page_item(&page, None, None, &Options::default()),
        Item::Reject(_)
    ));
    // Binary content is not handed to the extractor.
    let pdf = Page {
        content_type: Some("application/pdf".into()),
        ..page
    };
    let Item::Reject(r) = page_item(&pdf, Some(&item), None, &Options::default()) else {
        panic!("a PDF became an article");
    };
    assert_eq!(r.reason, "not a web page: the server sent application/pdf");
}

#[test]
fn robots_txt_is_read_once_and_obeyed_for_crawled_pages() {
    let (base, seen) = server();
    let f = fetcher();
    let e = f.get_page(&format!("{base}/private/memo")).unwrap_err();
    assert_eq!(
        e,
        FetchError::Disallowed {
            robots: format!("{base}/robots.txt")
        }
    );
    assert!(!e.is_transient());
    assert!(matches!(
        f.get_page(&format!("{base}/public")),
        Ok(FetchOutcome::Fetched(_))
    ));
    // A page the user names is fetched as asked.
    assert!(matches!(
        f.get(&format!("{base}/private/memo"), None),
        Ok(FetchOutcome::Fetched(_))
    ));
    let paths: Vec<String> = seen
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(
        paths,
        ["/robots.txt", "/public", "/private/memo"],
        "robots.txt once, the disallowed page never through get_page"
    );
    // Without robots checks, get_page is a plain GET.
    let f = Fetcher::new(FetchConfig {
        respect_robots: false,
        per_host_delay: Duration::ZERO,
        ..FetchConfig::default()
    });
    assert!(matches!(
        f.get_page(&format!("{base}/private/memo")),
        Ok(FetchOutcome::Fetched(_))
    ));
    // A site whose robots.txt cannot be read counts as disallowed, and may be retried.
    let e = fetcher().get_page("http://127.0.0.1:9/story").unwrap_err();
    assert!(
        matches!(&e, FetchError::RobotsUnreachable { robots, .. } if robots == "http://127.0.0.1:9/robots.txt"),
        "{e:?}"
    );
    assert!(e.is_transient());
}

#[test]
fn retry_after_defers_the_host_and_is_reported() {
    let (base, seen) = server();
    let f = fetcher();
    let e = f.get(&format!("{base}/busy"), None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "HTTP 429 Too Many Requests (retry after 120 s)"
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
    assert!(e.is_transient());
    // The host is left alone for the rest of the wait: no request goes out.
    let e = f.get(&format!("{base}/gone"), None).unwrap_err();
    assert!(
        matches!(e, FetchError::Deferred { secs } if secs > 100 && secs <= 120),
        "{e:?}"
    );
    assert_eq!(seen.lock().map(|s| s.len()).unwrap_or(0), 1);
    assert_eq!(parse_retry_after(" 30 "), Some(30));
    assert_eq!(parse_retry_after("Tue, 24 Jun 2025 07:30:00 GMT"), Some(0));
    assert_eq!(parse_retry_after("soon"), None);
}

/// An HTTPS server on 127.0.0.1 with the test certificate (signed by the test CA in
/// tests/fixtures/tls/), answering every request with a small page.
fn tls_server() -> String {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(include_bytes!("../../tests/fixtures/tls/server.pem"))
            .collect::<Result<_, _>>()
            .expect("test certificate");
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("../../tests/fixtures/tls/server.key"))
        .expect("test key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .expect("server config");
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("https://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || -> Option<()> {
                let conn = rustls::ServerConnection::new(config).ok()?;
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                let mut reader = BufReader::new(&mut tls);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).ok()? == 0 || line.trim().is_empty() {
                        break;
                    }
                }
                let body = b"<p>over TLS</p>";
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                tls.write_all(head.as_bytes()).ok()?;
                tls.write_all(body).ok()?;
                tls.conn.send_close_notify();
                tls.flush().ok()
            });
        }
    });
    base
}

#[test]
fn https_with_our_ca_and_refused_without_it() {
    let base = tls_server();
    let url = format!("{base}/page");
    // The bundled Mozilla roots do not know the test CA: a clear TLS failure.
    let e = fetcher().get(&url, None).unwrap_err();
    assert!(
        matches!(&e, FetchError::Network(m) if m.to_lowercase().contains("certificate")),
        "{e:?}"
    );
    let roots =
        read_pem_certificates(include_bytes!("../../tests/fixtures/tls/ca.pem")).expect("test CA");
    assert_eq!(roots.len(), 1);
    let f = Fetcher::new(FetchConfig {
        root_certs: roots,
        per_host_delay: Duration::ZERO,
        ..FetchConfig::default()
    });
    let got = f.get(&url, None);
    let Ok(FetchOutcome::Fetched(page)) = got else {
        panic!("{got:?}");
    };
    assert_eq!(page.body, b"<p>over TLS</p>");
    assert_eq!(page.url, url);
    // A key file is not a certificate file.
    assert!(matches!(
        read_pem_certificates(include_bytes!("../../tests/fixtures/tls/server.key")),
        Err(FetchError::BadCertificates(_))
    ));
}
