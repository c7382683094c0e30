//! Web archives: WARC files we build here from pages we wrote, read through the
//! [`Reader`] (as `newsdesk ingest FILE.warc.gz` does) and through [`WarcReader`] directly:
//! the articles with their URLs and dates, the records skipped, and a reject with a reason
//! for every record that holds no article, in file order.

use newsdesk_core::{Article, Reject};
use newsdesk_ingest::warc::{WarcProblem, WarcReader};
use newsdesk_ingest::{Input, Item, Options, Reader};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::{Read, Write};
use std::path::Path;

// ---------------------------------------------------------------------------------------
// Memory accounting: a global allocator that counts live bytes per thread, so a test can
// show that a huge record is skipped without being buffered.

struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grew(n: usize) {
    let _ = LIVE.try_with(|live| {
        let v = live.get().saturating_add(n);
        live.set(v);
        let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
    });
}

fn shrank(n: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(n)));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counters are
// plain thread-local cells with const initialisers, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Live bytes of this thread now, and reset the peak to it.
fn reset_peak() -> usize {
    let live = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(live));
    live
}

fn peak() -> usize {
    PEAK.with(Cell::get)
}

// ---------------------------------------------------------------------------------------
// A small WARC writer.

const WARCINFO: &str = "software: newsdesk tests\r\nformat: WARC File Format 1.0\r\n";

/// One record: version line, fields, blank line, block, CRLF CRLF.
fn record(kind: &str, id: u32, uri: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"WARC/1.0\r\n");
    out.extend_from_slice(format!("WARC-Type: {kind}\r\n").as_bytes());
    out.extend_from_slice(b"WARC-Date: 2025-06-02T08:15:00Z\r\n");
    out.extend_from_slice(
        format!("WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\n").as_bytes(),
    );
    if let Some(uri) = uri {
        out.extend_from_slice(format!("WARC-Target-URI: {uri}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response record.
fn response(id: u32, uri: &str, status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (k, v) in headers {
        block.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    block.extend_from_slice(b"\r\n");
    block.extend_from_slice(body);
    record(
        "response",
        id,
        Some(uri),
        "application/http; msgtype=response",
        &block,
    )
}

fn request(id: u32, uri: &str) -> Vec<u8> {
    let block = format!("GET {uri} HTTP/1.1\r\nUser-Agent: test\r\n\r\n");
    record(
        "request",
        id,
        Some(uri),
        "application/http; msgtype=request",
        block.as_bytes(),
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(size) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

// ---------------------------------------------------------------------------------------
// Pages (ours).

/// An article with no date and no canonical URL of its own: the WARC record supplies both.
const FERRY: &str = r#"<!doctype html>
<html lang="en"><head><title>Night ferry returns to the island route</title>
<meta property="og:type" content="article"></head>
<body>
<nav><a href="/">Home</a> <a href="/travel">Travel</a></nav>
<article>
<h1>Night ferry returns to the island route</h1>
<p>The night ferry between the harbour and the outer islands will run again from next week, the regional transport board said, after a winter in which the route was suspended for engine repairs.</p>
<p>Crossings will leave the harbour at 22:30 on weekdays and at midnight on Saturdays, taking about two hours, and the board expects most sailings in the summer months to be fully booked.</p>
<p>Islanders had campaigned for the service to return before the tourist season, saying the day boats alone could not carry the workers who commute to the mainland hospital.</p>
<p>The board said fares would stay at last year's level until the end of August at the earliest.</p>
</article>
<footer>Copyright The Harbour Herald</footer>
</body></html>"#;

/// An article with its own canonical URL and publication date (which win over the
/// record's), served gzipped and chunked.
const ORCHARD: &str = r#"<!doctype html>
<html lang="en"><head>
<title>Orchard growers expect a late harvest</title>
<link rel="canonical" href="https://valley.example/farming/orchard-harvest">
<meta property="article:published_time" content="2025-05-30T06:00:00+02:00">
<meta property="og:type" content="article">
</head>
<body>
<div class="story">
<h1>Orchard growers expect a late harvest</h1>
<p>Apple growers in the valley expect to pick their fruit two to three weeks later than usual this year, after a cold April slowed the trees' flowering across most of the region.</p>
<p>The growers' cooperative said the crop itself looked healthy and that it still hoped for an average yield, provided the autumn stays dry enough for the pickers to work.</p>
<p>Some farms have already asked seasonal workers to arrive later, and the cooperative said it would adjust the opening of its pressing hall to match the later start.</p>
</div>
</body></html>"#;

const NOT_FOUND: &str = "<html><body><h1>Not found</h1></body></html>";

/// The records of a small CC-NEWS-like archive, one per item, and what each one is.
fn records() -> Vec<Vec<u8>> {
    let orchard_body = chunked(&gzip(ORCHARD.as_bytes()), 100);
    vec![
        record(
            "warcinfo",
            1,
            None,
            "application/warc-fields",
            WARCINFO.as_bytes(),
        ),
        request(2, "https://herald.example/travel/night-ferry"),
        response(
            3,
            "https://herald.example/travel/night-ferry",
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            FERRY.as_bytes(),
        ),
        record(
            "metadata",
            4,
            Some("https://herald.example/travel/night-ferry"),
            "application/warc-fields",
            b"fetchTimeMs: 120\r\n",
        ),
        request(5, "https://valley.example/farming/orchard-harvest?utm=feed"),
        response(
            6,
            "https://valley.example/farming/orchard-harvest?utm=feed",
            "200 OK",
            &[
                ("Content-Type", "text/html"),
                ("Content-Encoding", "gzip"),
                ("Transfer-Encoding", "chunked"),
            ],
            &orchard_body,
        ),
        response(
            7,
            "https://herald.example/missing",
            "404 Not Found",
            &[("Content-Type", "text/html")],
            NOT_FOUND.as_bytes(),
        ),
        response(
            8,
            "https://herald.example/img/ferry.png",
            "200 OK",
            &[("Content-Type", "image/png")],
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        ),
        response(
            9,
            "http://herald.example/old",
            "301 Moved Permanently",
            &[("Location", "https://herald.example/new")],
            b"",
        ),
    ]
}

/// The last record, cut in the middle of its block.
fn truncated() -> Vec<u8> {
    let full = response(
        10,
        "https://herald.example/travel/night-ferry-2",
        "200 OK",
        &[("Content-Type", "text/html")],
        FERRY.as_bytes(),
    );
    full.get(..full.len() / 2).expect("half").to_vec()
}

/// The archive as CC-NEWS writes it: one gzip member per record. Also returns the file
/// offset of each member.
fn gzip_per_record(recs: &[Vec<u8>]) -> (Vec<u8>, Vec<u64>) {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for r in recs {
        offsets.push(out.len() as u64);
        out.extend_from_slice(&gzip(r));
    }
    (out, offsets)
}

fn all_records() -> Vec<Vec<u8>> {
    let mut recs = records();
    recs.push(truncated());
    recs
}

fn articles(items: &[Item]) -> Vec<&Article> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a),
            Item::Reject(_) => None,
        })
        .collect()
}

fn rejects(items: &[Item]) -> Vec<&Reject> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Reject(r) => Some(r),
            Item::Article(_) => None,
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// What every reading of [`all_records`] must give, whatever the compression: two
/// articles, four rejects, in record order.
fn check_common(items: &[Item]) {
    assert_eq!(items.len(), 6, "{items:#?}");
    let arts = articles(items);
    assert_eq!(arts.len(), 2);

    let ferry = arts[0];
    assert_eq!(
        ferry.url.as_deref(),
        Some("https://herald.example/travel/night-ferry")
    );
    assert_eq!(
        ferry.title.as_deref(),
        Some("Night ferry returns to the island route")
    );
    // No date in the page: the crawl date of the record.
    assert_eq!(ferry.published.as_deref(), Some("2025-06-02T08:15:00Z"));
    assert!(ferry.text.starts_with("The night ferry"), "{}", ferry.text);
    assert!(!ferry.text.contains("Copyright"), "{}", ferry.text);

    let orchard = arts[1];
    // The page's canonical URL and date win over the record's.
    assert_eq!(
        orchard.url.as_deref(),
        Some("https://valley.example/farming/orchard-harvest")
    );
    assert_eq!(
        orchard.published.as_deref(),
        Some("2025-05-30T06:00:00+02:00")
    );
    assert!(
        orchard.text.contains("pressing hall"),
        "gzip + chunked body decoded: {}",
        orchard.text
    );

    let rej = rejects(items);
    assert_eq!(rej.len(), 4);
    let reasons: Vec<&str> = rej.iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons[0].contains("<urn:uuid:00000000-0000-0000-0000-000000000007>")
            && reasons[0].contains("(https://herald.example/missing)")
            && reasons[0].ends_with(": HTTP status 404 Not Found"),
        "{}",
        reasons[0]
    );
    assert!(
        reasons[1].ends_with(": not HTML: Content-Type image/png"),
        "{}",
        reasons[1]
    );
    assert!(
        reasons[2].ends_with(
            ": HTTP status 301 Moved Permanently, redirect to https://herald.example/new"
        ),
        "{}",
        reasons[2]
    );
    assert!(
        reasons[3].contains("000000000010")
            && reasons[3].contains(": truncated record: the input ends after "),
        "{}",
        reasons[3]
    );
    // In file order: ferry, orchard, then the rejects.
    assert!(matches!(items[0], Item::Article(_)));
    assert!(matches!(items[1], Item::Article(_)));
}

#[test]
fn cc_news_style_archive_through_the_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let recs = all_records();
    let (bytes, offsets) = gzip_per_record(&recs);
    let path = write(dir.path(), "CC-NEWS-test.warc.gz", &bytes);
    let source = path.display().to_string();
    let mut reader = Reader::new([Input::Path(path)], Options::default());
    let items: Vec<Item> = reader.by_ref().collect();
    check_common(&items);
    // Every item names the file and the record's gzip member offset (what CDX indexes
    // use), also in the reason.
    for (item, rec) in items.iter().zip([2usize, 5, 6, 7, 8, 9]) {
        assert_eq!(item.origin().source, source);
        assert_eq!(item.origin().position, offsets[rec], "{item:?}");
    }
    if let Item::Reject(r) = &items[2] {
        assert!(
            r.reason
                .starts_with(&format!("WARC record at byte {} <urn:", offsets[6])),
            "{}",
            r.reason
        );
    }
    // warcinfo, two requests, metadata.
    assert_eq!(reader.warc_records_skipped(), 4);
    let s = reader.summary();
    assert_eq!((s.files_read, s.articles, s.rejects), (1, 2, 4));
}

#[test]
fn plain_and_single_member_archives_give_the_same_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain: Vec<u8> = all_records().concat();
    let per_record = gzip_per_record(&all_records()).0;
    let inputs = [
        write(dir.path(), "a.warc", &plain),
        write(dir.path(), "b.warc.gz", &gzip(&plain)),
        // No telling extension: recognised by its content.
        write(dir.path(), "c.bin", &per_record),
    ];
    let mut runs = Vec::new();
    for path in inputs {
        let items: Vec<Item> = Reader::new([Input::Path(path)], Options::default()).collect();
        check_common(&items);
        runs.push(items);
    }
    let ids = |items: &[Item]| -> Vec<String> {
        articles(items).iter().map(|a| a.id.to_string()).collect()
    };
    assert_eq!(ids(&runs[0]), ids(&runs[1]));
    assert_eq!(ids(&runs[0]), ids(&runs[2]));
    // Plain: offsets are file offsets. One gzip member for all: offsets in the
    // uncompressed stream, and the reason says so.
    let recs = all_records();
    let at_404: usize = recs[..6].iter().map(Vec::len).sum();
    assert_eq!(rejects(&runs[0])[0].origin.position, at_404 as u64);
    assert_eq!(rejects(&runs[1])[0].origin.position, at_404 as u64);
    assert!(
        rejects(&runs[1])[0]
            .reason
            .starts_with(&format!("WARC record at uncompressed byte {at_404} ")),
        "{}",
        rejects(&runs[1])[0].reason
    );
}

#[test]
fn archives_inside_directories_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "x.warc.gz", &gzip_per_record(&records()).0);
    write(dir.path(), "notes.md", b"not read");
    let items: Vec<Item> =
        Reader::new([Input::Path(dir.path().to_path_buf())], Options::default()).collect();
    assert_eq!(articles(&items).len(), 2);
    assert_eq!(rejects(&items).len(), 3);
}

#[test]
fn garbage_between_records_is_reported_and_skipped() {
    let recs = records();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(&recs[2]); // ferry
    bytes.extend_from_slice(b"this is not a record\r\nnor is this line\r\n");
    bytes.extend_from_slice(&recs[5]); // orchard
    // A record whose header never gives its length.
    bytes.extend_from_slice(
        b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x:nolen>\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>\r\n\r\n",
    );
    bytes.extend_from_slice(&recs[2]);
    let items: Vec<Item> = WarcReader::new(&bytes[..], "mixed.warc", &Options::default()).collect();
    let kinds: Vec<&str> = items
        .iter()
        .map(|i| match i {
            Item::Article(_) => "article",
            Item::Reject(_) => "reject",
        })
        .collect();
    assert_eq!(kinds, ["article", "reject", "article", "reject", "article"]);
    let rej = rejects(&items);
    assert!(
        rej[0]
            .reason
            .contains("not a WARC record: found \"this is not a record")
            && rej[0].reason.contains("skipped 40 bytes"),
        "{}",
        rej[0].reason
    );
    assert_eq!(rej[0].origin.position, recs[2].len() as u64);
    assert!(
        rej[1].reason.contains("<urn:x:nolen>")
            && rej[1].reason.contains("no valid Content-Length"),
        "{}",
        rej[1].reason
    );
}

#[test]
fn a_corrupt_gzip_member_is_reported_and_the_next_one_read() {
    let recs = records();
    let mut bytes = gzip(&recs[2]);
    let mut broken = gzip(&recs[5]);
    // Damage the deflate data in the middle of the member.
    let mid = broken.len() / 2;
    for b in broken.iter_mut().skip(mid).take(40) {
        *b = 0xFF;
    }
    let broken_at = bytes.len() as u64;
    bytes.extend_from_slice(&broken);
    bytes.extend_from_slice(&gzip(&recs[6])); // 404
    bytes.extend_from_slice(&gzip(&recs[2]));
    let items: Vec<Item> =
        WarcReader::new(&bytes[..], "broken.warc.gz", &Options::default()).collect();
    // The broken record is one reject naming its member; the records after it are intact.
    assert_eq!(items.len(), 4, "{items:#?}");
    assert!(matches!(items[0], Item::Article(_)));
    assert!(matches!(items[3], Item::Article(_)));
    let reasons: Vec<&str> = rejects(&items).iter().map(|r| r.reason.as_str()).collect();
    assert!(
        reasons[0].starts_with(&format!("WARC record at byte {broken_at}"))
            && reasons[0].contains(&format!(
                ": corrupt gzip member at byte {broken_at} of the file: "
            )),
        "{reasons:#?}"
    );
    assert!(
        reasons[1].ends_with("HTTP status 404 Not Found"),
        "{reasons:#?}"
    );
}

#[test]
fn an_archive_cut_inside_a_gzip_member_ends_with_a_clear_reject() {
    let recs = records();
    let (mut bytes, offsets) = gzip_per_record(&recs[..4]);
    // A download interrupted in the middle of the metadata record's member.
    let cut = (offsets[3] as usize + bytes.len()) / 2;
    bytes.truncate(cut);
    let items: Vec<Item> =
        WarcReader::new(&bytes[..], "cut.warc.gz", &Options::default()).collect();
    assert_eq!(articles(&items).len(), 1);
    let r = rejects(&items);
    assert_eq!(r.len(), 1, "{items:#?}");
    assert!(
        r[0].reason
            .starts_with(&format!("WARC record at byte {}:", offsets[3]))
            && r[0]
                .reason
                .contains("the file ends inside this member, truncated"),
        "{}",
        r[0].reason
    );
}

#[test]
fn content_encodings_and_resource_records() {
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(FERRY.as_bytes()).expect("zlib");
    let zlib = zlib.finish().expect("zlib");
    let bytes = [
        response(
            1,
            "https://herald.example/a",
            "200 OK",
            &[
                ("Content-Type", "text/html"),
                ("Content-Encoding", "deflate"),
            ],
            &zlib,
        ),
        response(
            2,
            "https://herald.example/b",
            "200 OK",
            &[("Content-Type", "text/html"), ("Content-Encoding", "br")],
            b"\x1b\x00\x00",
        ),
        response(
            3,
            "https://herald.example/c",
            "200 OK",
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            b"\x1f\x8b\x08\x00broken",
        ),
        // A page saved without HTTP headers (as wget and browsers' archivers do).
        record(
            "resource",
            4,
            Some("https://herald.example/saved"),
            "text/html; charset=utf-8",
            ORCHARD.as_bytes(),
        ),
        // A crawl log: no page, skipped.
        record(
            "resource",
            5,
            Some("metadata://crawler/log"),
            "text/plain",
            b"fetched 3 URLs",
        ),
        // Not HTTP at all.
        record(
            "response",
            6,
            Some("dns:herald.example"),
            "text/dns",
            b"A 10.0.0.1",
        ),
    ]
    .concat();
    let mut reader = WarcReader::new(&bytes[..], "enc.warc", &Options::default());
    let items: Vec<Item> = reader.by_ref().collect();
    assert_eq!(items.len(), 4, "{items:#?}");
    assert!(
        matches!(&items[0], Item::Article(a) if a.text.starts_with("The night ferry")),
        "{:?}",
        items[0]
    );
    let r = rejects(&items);
    assert!(
        r[0].reason
            .ends_with(": unsupported Content-Encoding \"br\""),
        "{}",
        r[0].reason
    );
    assert!(
        r[1].reason.contains(": cannot decode the gzip body: "),
        "{}",
        r[1].reason
    );
    assert!(
        matches!(&items[3], Item::Article(a) if a.url.as_deref() == Some("https://valley.example/farming/orchard-harvest")),
        "{:?}",
        items[3]
    );
    assert_eq!(reader.records_skipped(), 2);
    assert_eq!(reader.records_read(), 6);
}

#[test]
fn a_payload_cut_by_the_crawler_still_gives_its_article() {
    // CC-NEWS stores at most 1 MiB of a payload and marks the record `WARC-Truncated`;
    // a gzip body cut there decodes to the start of the page.
    let mut page = ORCHARD.replace("</body></html>", "");
    for k in 0..200 {
        page.push_str(&format!(
            "<div class=\"related\"><a href=\"/r/{k}\">More {k}</a></div>\n"
        ));
    }
    let body = gzip(page.as_bytes());
    let cut = body.get(..body.len() * 3 / 4).expect("cut").to_vec();
    let with_header = |truncated: bool| {
        let mut r = response(
            1,
            "https://valley.example/x",
            "200 OK",
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            &cut,
        );
        if truncated {
            let at = r.windows(2).position(|w| w == b"\r\n").expect("line") + 2;
            r.splice(at..at, b"WARC-Truncated: length\r\n".iter().copied());
        }
        r
    };
    let marked: Vec<Item> =
        WarcReader::new(&with_header(true)[..], "t.warc", &Options::default()).collect();
    assert!(
        matches!(&marked[..], [Item::Article(a)] if a.text.contains("pressing hall")),
        "{marked:#?}"
    );
    // Without the mark, a body that breaks off is an error in the record.
    let unmarked: Vec<Item> =
        WarcReader::new(&with_header(false)[..], "t.warc", &Options::default()).collect();
    assert!(
        matches!(&unmarked[..], [Item::Reject(r)] if r.reason.contains("cannot decode the gzip body")),
        "{unmarked:#?}"
    );
}

#[test]
fn a_non_warc_file_named_warc_is_one_reject() {
    let items: Vec<Item> = WarcReader::new(
        &b"<html><body>hello</body></html>"[..],
        "page.warc",
        &Options::default(),
    )
    .collect();
    assert_eq!(items.len(), 1);
    assert!(
        rejects(&items)[0]
            .reason
            .starts_with("WARC record at byte 0: not a WARC record: found \"<html>"),
        "{:?}",
        items
    );
}

/// A reader producing bytes from parts, some of them generated: `n` bytes of filler that
/// never exist in memory all at once.
struct Generated {
    parts: std::collections::VecDeque<Part>,
}

enum Part {
    Bytes(Vec<u8>, usize),
    Fill(u64),
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.parts.front_mut() {
                None => return Ok(0),
                Some(Part::Bytes(b, pos)) => {
                    let rest = &b[*pos..];
                    if rest.is_empty() {
                        self.parts.pop_front();
                        continue;
                    }
                    let n = rest.len().min(out.len());
                    out[..n].copy_from_slice(&rest[..n]);
                    *pos += n;
                    return Ok(n);
                }
                Some(Part::Fill(left)) => {
                    if *left == 0 {
                        self.parts.pop_front();
                        continue;
                    }
                    let n = (out.len() as u64).min(*left) as usize;
                    out[..n].fill(b'x');
                    *left -= n as u64;
                    return Ok(n);
                }
            }
        }
    }
}

#[test]
fn a_huge_record_is_rejected_without_being_read_into_memory() {
    // A 3 GB response (over u32 and i32) followed by an ordinary page.
    const HUGE: u64 = 3 * 1024 * 1024 * 1024;
    let http_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
    let len = HUGE + http_head.len() as u64;
    let header = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:x:huge>\r\nWARC-Target-URI: https://big.example/\r\nContent-Length: {len}\r\n\r\n"
    );
    let recs = records();
    let generated = Generated {
        parts: [
            Part::Bytes(header.into_bytes(), 0),
            Part::Bytes(http_head.to_vec(), 0),
            Part::Fill(HUGE),
            Part::Bytes(b"\r\n\r\n".to_vec(), 0),
            Part::Bytes(recs[2].clone(), 0),
        ]
        .into(),
    };
    let before = reset_peak();
    let mut reader = WarcReader::new(generated, "huge.warc", &Options::default());
    let first = reader.next().expect("a reject");
    let peak_after_skip = peak().saturating_sub(before);
    let second = reader.next().expect("the next record");
    assert!(reader.next().is_none());
    match first {
        Item::Reject(r) => assert_eq!(
            r.reason,
            format!(
                "WARC record at byte 0 <urn:x:huge> (https://big.example/): {}",
                WarcProblem::TooLarge {
                    len,
                    limit: newsdesk_ingest::warc::DEFAULT_MAX_RECORD_BYTES
                }
            )
        ),
        Item::Article(a) => panic!("not rejected: {a:?}"),
    }
    assert!(
        matches!(&second, Item::Article(a) if a.url.as_deref() == Some("https://herald.example/travel/night-ferry")),
        "{second:?}"
    );
    // Two 64 KiB buffers and the record header; nowhere near the record.
    assert!(
        peak_after_skip < 1024 * 1024,
        "peak {peak_after_skip} bytes while skipping a {HUGE}-byte record"
    );
    assert!(reader.offset() > HUGE);
}

#[test]
fn the_record_limit_is_settable_and_counts_the_whole_block() {
    let recs = records();
    let bytes: Vec<u8> = [recs[2].clone(), recs[5].clone()].concat();
    let items: Vec<Item> = WarcReader::new(&bytes[..], "small.warc", &Options::default())
        .with_max_record_bytes(1000)
        .collect();
    // The ferry page's block is over 1000 bytes; the orchard page is gzipped and under.
    let r = rejects(&items);
    assert_eq!(r.len(), 1, "{items:#?}");
    assert!(
        r[0].reason
            .contains("over the limit of 1000 bytes; skipped unread"),
        "{}",
        r[0].reason
    );
    assert_eq!(articles(&items).len(), 1);
}

#[test]
fn every_prefix_of_an_archive_is_read_without_panic() {
    // Cut anywhere: a truncated archive gives what it holds and rejects, never a panic.
    let recs = records();
    let plain: Vec<u8> = recs[..4].concat();
    let gz = gzip_per_record(&recs[..4]).0;
    for bytes in [&plain, &gz] {
        for cut in (0..bytes.len()).step_by(7) {
            let items: Vec<Item> =
                WarcReader::new(&bytes[..cut], "cut.warc", &Options::default()).collect();
            assert!(articles(&items).len() <= 1);
        }
    }
}

/// Throughput of the reader on a real archive named by `NEWSDESK_WARC` (not run by
/// default; no archive is part of the repository). Run with
/// `NEWSDESK_WARC=FILE cargo test --release -p newsdesk-ingest --test warc -- --ignored --nocapture`.
#[test]
#[ignore = "needs an archive in NEWSDESK_WARC"]
fn throughput_on_an_archive() {
    let Some(path) = std::env::var_os("NEWSDESK_WARC") else {
        return;
    };
    let start = std::time::Instant::now();
    let mut reader = Reader::new([Input::Path(path.into())], Options::default());
    let (mut arts, mut rejs) = (0u64, 0u64);
    for item in reader.by_ref() {
        match item {
            Item::Article(_) => arts += 1,
            Item::Reject(_) => rejs += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let pages = arts + rejs;
    println!(
        "{arts} articles, {rejs} rejects, {} records skipped in {secs:.2} s: {:.0} page records/s (one thread, gunzip and extraction included)",
        reader.warc_records_skipped(),
        pages as f64 / secs
    );
    assert!(pages > 0);
}
