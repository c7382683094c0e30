//! Plain-text files and streams: titles, CRLF, NFC, size limits, binary and UTF-8 rejects.

mod common;

use common::*;
use newsdesk_core::{ArticleId, SourceRef};
use newsdesk_ingest::{Format, Input, Item, Options, read_stream, read_text};
use std::fs::{self, File};
use std::io::Cursor;
use std::time::{Duration, Instant};

fn text_opts() -> Options {
    Options::default()
}

fn whole(source: &str) -> SourceRef {
    SourceRef {
        source: source.into(),
        position: 0,
    }
}

#[test]
fn first_line_before_a_blank_line_is_the_title() {
    let a = article(&only(read_path(fixture("text/titled.txt"), &text_opts()))).clone();
    assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(
        a.text,
        "Iran and the United States met in Geneva on Tuesday.\n\nThe talks will continue."
    );
    assert_eq!(a.origin, whole(&fixture_name("text/titled.txt")));
    assert_eq!(a.url, None);
    assert_eq!(a.published, None);
    assert_eq!(a.input_id, None);
    assert_eq!(a.id, ArticleId::from_content(a.title.as_deref(), &a.text));
}

#[test]
fn without_a_blank_line_there_is_no_title() {
    let a = article(&only(read_path(fixture("text/untitled.txt"), &text_opts()))).clone();
    assert_eq!(a.title, None);
    assert_eq!(
        a.text,
        "Iran and the United States met in Geneva on Tuesday.\nThe talks will continue."
    );
}

#[test]
fn whitespace_only_file_is_empty_text() {
    let r = reject(&only(read_path(fixture("text/blank.txt"), &text_opts()))).clone();
    assert_eq!(r.origin, whole(&fixture_name("text/blank.txt")));
    assert_eq!(r.reason, "empty text: nothing but whitespace");
}

#[test]
fn crlf_becomes_lf_before_anything_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("crlf.txt");
    fs::write(&p, b"Title here\r\n\r\nLine one.\r\nLine two.\r\n").expect("write");
    let a = article(&only(read_path(&p, &text_opts()))).clone();
    assert_eq!(a.title.as_deref(), Some("Title here"));
    assert_eq!(a.text, "Line one.\nLine two.");
    // Same id as the LF copy.
    let q = dir.path().join("lf.txt");
    fs::write(&q, b"Title here\n\nLine one.\nLine two.\n").expect("write");
    assert_eq!(article(&only(read_path(&q, &text_opts()))).id, a.id);
}

#[test]
fn decomposed_input_comes_out_composed() {
    let item = read_text(
        Cursor::new("Cafe\u{301}\n\nLe cafe\u{301} est ouvert.".as_bytes()),
        "-",
        &text_opts(),
    );
    let a = article(&item);
    assert_eq!(a.title.as_deref(), Some("Caf\u{e9}"));
    assert_eq!(a.text, "Le caf\u{e9} est ouvert.");
}

#[test]
fn sparse_file_over_the_limit_is_rejected_from_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("big.txt");
    let f = File::create(&p).expect("create");
    f.set_len(6_000_001).expect("set_len");
    let r = reject(&only(read_path(&p, &text_opts()))).clone();
    assert_eq!(r.origin, whole(&p.display().to_string()));
    assert_eq!(
        r.reason,
        "file is 6000001 bytes, over the limit of 5000000 bytes for one text article; not read"
    );
    // A configurable limit.
    let small = Options {
        max_text_bytes: 10,
        ..Options::default()
    };
    let q = dir.path().join("eleven.txt");
    fs::write(&q, b"hello world").expect("write");
    assert_eq!(
        reject(&only(read_path(&q, &small))).reason,
        "file is 11 bytes, over the limit of 10 bytes for one text article; not read"
    );
}

#[test]
fn multi_gigabyte_sparse_file_is_rejected_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["huge.txt", "huge.unknown"] {
        let p = dir.path().join(name);
        let f = File::create(&p).expect("create");
        f.set_len(3 << 30).expect("set_len");
        let start = Instant::now();
        let r = reject(&only(read_path(&p, &text_opts()))).clone();
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{name} took {:?}",
            start.elapsed()
        );
        assert_eq!(r.origin, whole(&p.display().to_string()));
        if name == "huge.txt" {
            assert_eq!(
                r.reason,
                "file is 3221225472 bytes, over the limit of 5000000 bytes for one text article; not read"
            );
        } else {
            // Sniffed: its first bytes are NULs.
            assert_eq!(r.reason, "binary data: NUL byte at offset 0");
        }
    }
}

#[test]
fn sniffed_text_file_over_the_limit_is_rejected_from_its_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("big.log");
    fs::write(&p, "word ".repeat(30)).expect("write");
    let small = Options {
        max_text_bytes: 100,
        ..Options::default()
    };
    assert_eq!(
        reject(&only(read_path(&p, &small))).reason,
        "file is 150 bytes, over the limit of 100 bytes for one text article; not read"
    );
}

#[test]
fn stream_over_the_limit_stops_reading() {
    let small = Options {
        max_text_bytes: 100,
        ..Options::default()
    };
    let r = reject(&read_text(Cursor::new(vec![b'a'; 1000]), "-", &small)).clone();
    assert_eq!(r.origin, whole("-"));
    assert_eq!(
        r.reason,
        "input is over the limit of 100 bytes for one text article; not read further"
    );
    // At the limit it is read.
    assert_eq!(
        article(&read_text(Cursor::new(vec![b'a'; 100]), "-", &small))
            .text
            .len(),
        100
    );
}

#[test]
fn binary_files_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nul = dir.path().join("nul.txt");
    let mut bytes = b"Looks like text at first".to_vec();
    bytes.push(0);
    bytes.extend_from_slice(b"then not");
    fs::write(&nul, &bytes).expect("write");
    let r = reject(&only(read_path(&nul, &text_opts()))).clone();
    assert_eq!(r.origin, whole(&nul.display().to_string()));
    assert_eq!(r.reason, "binary data: NUL byte at offset 24");

    let ctl = dir.path().join("ctl.txt");
    let bytes: Vec<u8> = (0..1000u32)
        .map(|i| if i % 4 == 0 { 0x01 } else { b'a' })
        .collect();
    fs::write(&ctl, &bytes).expect("write");
    assert_eq!(
        reject(&only(read_path(&ctl, &text_opts()))).reason,
        "binary data: 25% of the first 1000 bytes are control characters"
    );

    // A NUL after the first 8 KiB is not looked for.
    let late = dir.path().join("late.txt");
    let mut bytes = vec![b'a'; 9000];
    bytes[8500] = 0;
    fs::write(&late, &bytes).expect("write");
    assert!(matches!(
        only(read_path(&late, &text_opts())),
        Item::Article(_)
    ));

    // JSONL files are checked the same way, as a whole.
    let bin = dir.path().join("bin.jsonl");
    fs::write(&bin, b"{\"text\": \"x\"}\n\x00\x00\x00").expect("write");
    let r = reject(&only(read_path(&bin, &text_opts()))).clone();
    assert_eq!(r.origin, whole(&bin.display().to_string()));
    assert_eq!(r.reason, "binary data: NUL byte at offset 14");
}

#[test]
fn utf16_is_named() {
    let r = reject(&read_text(
        Cursor::new(b"\xFF\xFEh\x00i\x00".to_vec()),
        "-",
        &text_opts(),
    ))
    .clone();
    assert_eq!(
        r.reason,
        "UTF-16 text is not supported (byte order mark found); convert the input to UTF-8"
    );
}

#[test]
fn invalid_utf8_in_a_text_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("latin1.txt");
    let mut bytes = b"Caf".to_vec();
    for _ in 0..10 {
        bytes.extend_from_slice(b"\xE9 caf");
    }
    fs::write(&p, &bytes).expect("write");
    let r = reject(&only(read_path(&p, &text_opts()))).clone();
    assert_eq!(r.origin, whole(&p.display().to_string()));
    assert_eq!(
        r.reason,
        "invalid UTF-8: 10 invalid byte sequence(s), the first at byte offset 3 of the input"
    );

    // A single stray byte in a long text is repaired.
    let q = dir.path().join("stray.txt");
    let mut bytes = "word ".repeat(100).into_bytes();
    bytes[7] = 0xFF;
    fs::write(&q, &bytes).expect("write");
    let a = article(&only(read_path(&q, &text_opts()))).clone();
    assert!(a.text.starts_with("word wo\u{FFFD}d"));
}

#[test]
fn stdin_is_sniffed_via_a_reader() {
    let opts = Options::default();
    let run = |bytes: &[u8], format: Format| -> Vec<Item> {
        read_stream(Cursor::new(bytes.to_vec()), "-", format, &opts).collect()
    };
    // JSONL, even after leading whitespace and a BOM.
    let items = run(
        b"\xEF\xBB\xBF \n{\"text\": \"one\"}\n{\"text\": \"two\"}\n",
        Format::Auto,
    );
    assert_eq!(items.len(), 2);
    assert_eq!(article(&items[0]).text, "one");
    assert_eq!(
        article(&items[1]).origin,
        SourceRef {
            source: "-".into(),
            position: 3
        }
    );
    // Text.
    let items = run(b"Headline\n\n{not json} body", Format::Auto);
    let a = article(&items[0]);
    assert_eq!(a.title.as_deref(), Some("Headline"));
    assert_eq!(a.origin, whole("-"));
    // Overrides.
    let items = run(b"{\"text\": \"one\"}\n", Format::Text);
    assert_eq!(article(&items[0]).text, "{\"text\": \"one\"}");
    let items = run(b"plain words\n", Format::Jsonl);
    assert_eq!(
        reject(&items[0]).reason,
        "malformed JSON at column 1: expected value"
    );
    // Empty stdin: an empty text.
    let items = run(b"", Format::Auto);
    assert_eq!(
        reject(&items[0]).reason,
        "empty text: nothing but whitespace"
    );
    // Empty stdin read as JSONL: nothing.
    assert!(run(b"\n\n", Format::Jsonl).is_empty());
}

#[test]
fn a_long_first_paragraph_is_not_a_title() {
    let para = "word ".repeat(80);
    let body = format!("{para}\n\nSecond paragraph.");
    let a = article(&read_text(
        Cursor::new(body.clone().into_bytes()),
        "-",
        &text_opts(),
    ))
    .clone();
    assert_eq!(a.title, None);
    assert_eq!(a.text, body.trim());
}

#[test]
fn explicit_inputs_keep_their_order() {
    let items = read(&[
        Input::Path(fixture("text/untitled.txt")),
        Input::Path(fixture("text/titled.txt")),
    ]);
    assert_eq!(items.len(), 2);
    assert_eq!(
        article(&items[0]).origin.source,
        fixture_name("text/untitled.txt")
    );
    assert_eq!(
        article(&items[1]).origin.source,
        fixture_name("text/titled.txt")
    );
}
