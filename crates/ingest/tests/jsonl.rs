//! JSON Lines: field aliases, rejects with their reasons and positions, ids, CRLF, NFC.

mod common;

use common::*;
use newsdesk_core::{ArticleId, SourceRef};
use newsdesk_ingest::{Input, Item, JsonlReader, Options, RejectReason, parse_jsonl_line};
use std::io::{self, BufReader, Cursor, Read};

fn jsonl(bytes: &[u8], opts: &Options) -> Vec<Item> {
    JsonlReader::new(Cursor::new(bytes.to_vec()), "mem", opts).collect()
}

fn origin(line: u64) -> SourceRef {
    SourceRef {
        source: "mem".into(),
        position: line,
    }
}

#[test]
fn field_aliases_and_types() {
    let name = fixture_name("jsonl/aliases.jsonl");
    let items = read(&[Input::Path(fixture("jsonl/aliases.jsonl"))]);
    assert_eq!(items.len(), 8, "{items:#?}");
    let a: Vec<_> = items.iter().map(article).collect();

    assert_eq!(a[0].input_id.as_deref(), Some("a1"));
    assert_eq!(a[0].url.as_deref(), Some("https://example.com/a1"));
    assert_eq!(a[0].title.as_deref(), Some("Text field"));
    assert_eq!(a[0].text, "Plain text field.");
    assert_eq!(a[0].published.as_deref(), Some("2025-06-26"));
    assert_eq!(a[0].outlet.as_deref(), Some("Wire"));
    assert_eq!(a[0].lang.as_deref(), Some("en"));
    assert_eq!(
        a[0].origin,
        SourceRef {
            source: name.clone(),
            position: 1
        }
    );

    assert_eq!(a[1].input_id.as_deref(), Some("42"));
    assert_eq!(a[1].text, "From the article field.");
    assert_eq!(a[1].published.as_deref(), Some("2025-06-26"));
    assert_eq!(a[1].outlet.as_deref(), Some("Daily"));
    assert_eq!(a[1].url, None);

    // Line 3 is blank: skipped, not an item, but lines keep their numbers.
    assert_eq!(a[2].origin.position, 4);
    assert_eq!(a[2].text, "From the body field.");
    assert_eq!(a[2].published.as_deref(), Some("2025-06-26T08:30:00Z"));
    assert_eq!(a[2].outlet, None, "a non-string source is not an outlet");

    assert_eq!(a[3].text, "From the content field.");
    assert_eq!(a[3].published, None, "an unreadable date keeps the article");

    assert_eq!(a[4].text, "Null text falls through.");
    assert_eq!(a[4].title, None, "title: 5 is treated as missing");
    assert_eq!(a[4].outlet.as_deref(), Some("Fallback"));
    assert_eq!(a[4].lang, None);

    assert_eq!(a[5].text, "Blank text falls through.");

    assert_eq!(a[6].text, "Unparseable date kept.");
    assert_eq!(
        a[6].published.as_deref(),
        Some("2025-06-27"),
        "the first readable date wins"
    );

    // Line 9 holds only spaces.
    assert_eq!(a[7].origin.position, 10);
    assert_eq!(a[7].input_id.as_deref(), Some("1.5"));
}

#[test]
fn rejects_name_reason_and_line() {
    let name = fixture_name("jsonl/rejects.jsonl");
    let items = read(&[Input::Path(fixture("jsonl/rejects.jsonl"))]);
    let got: Vec<(u64, Result<&str, String>)> = items
        .iter()
        .map(|i| match i {
            Item::Article(a) => {
                assert_eq!(a.origin.source, name);
                (a.origin.position, Ok(a.text.as_str()))
            }
            Item::Reject(r) => {
                assert_eq!(r.origin.source, name);
                (r.origin.position, Err(r.reason.clone()))
            }
        })
        .collect();
    let want: Vec<(u64, Result<&str, String>)> = vec![
        (1, Ok("A good article.")),
        (
            2,
            Err("malformed JSON at column 43: EOF while parsing an object".into()),
        ),
        (3, Err("not a JSON object: the line holds an array".into())),
        (
            4,
            Err("missing text: none of the fields `text`, `article`, `body`, `content` holds a string"
                .into()),
        ),
        (
            5,
            Err("wrong type for field `text`: expected a string, found a number".into()),
        ),
        (6, Err("empty text: nothing but whitespace".into())),
        (7, Err("not a JSON object: the line holds a string".into())),
        (8, Ok("Another good article.")),
    ];
    assert_eq!(got, want);
}

#[test]
fn malformed_json_reports_serde_column() {
    let items = jsonl(b"{\"text\": \"a\" \"b\"}\n", &Options::default());
    let r = reject(&items[0]);
    assert_eq!(r.origin, origin(1));
    assert_eq!(r.reason, "malformed JSON at column 14: expected `,` or `}`");
    let items = jsonl(b"{\"text\": \"a\"} trailing\n", &Options::default());
    assert_eq!(
        reject(&items[0]).reason,
        "malformed JSON at column 15: trailing characters"
    );
}

#[test]
fn wrong_text_type_rejects_but_a_later_alias_saves_it() {
    let items = jsonl(
        b"{\"text\": {\"html\": \"x\"}}\n{\"text\": [\"x\"], \"body\": \"Saved.\"}\n{\"body\": true}\n",
        &Options::default(),
    );
    assert_eq!(
        reject(&items[0]).reason,
        "wrong type for field `text`: expected a string, found an object"
    );
    assert_eq!(article(&items[1]).text, "Saved.");
    let r = reject(&items[2]);
    assert_eq!(r.origin, origin(3));
    assert_eq!(
        r.reason,
        "wrong type for field `body`: expected a string, found a boolean"
    );
}

#[test]
fn invalid_utf8_is_repaired_or_rejected() {
    // One bad byte in a long line: repaired with U+FFFD.
    let mut good = b"{\"text\": \"caf".to_vec();
    good.push(0xE9); // Latin-1 'é'
    good.extend_from_slice(format!(" {}\"}}\n", "x".repeat(200)).as_bytes());
    // Four bad sequences: rejected with the count and the first offset.
    let mut bad = b"{\"text\": \"".to_vec();
    for _ in 0..4 {
        bad.extend_from_slice(b"caf\xE9 ");
    }
    bad.extend_from_slice(format!("{}\"}}\n", "x".repeat(500)).as_bytes());
    // One bad byte in a short line is over 1% of it.
    let short = b"{\"text\": \"caf\xE9\"}\n".to_vec();

    let mut input = good;
    input.extend_from_slice(&bad);
    input.extend_from_slice(&short);
    let items = jsonl(&input, &Options::default());
    assert_eq!(items.len(), 3);
    assert!(article(&items[0]).text.starts_with("caf\u{FFFD} x"));
    let r = reject(&items[1]);
    assert_eq!(r.origin, origin(2));
    assert_eq!(
        r.reason,
        "invalid UTF-8: 4 invalid byte sequence(s), the first at byte offset 13 of the line"
    );
    let r = reject(&items[2]);
    assert_eq!(r.origin, origin(3));
    assert_eq!(
        r.reason,
        "invalid UTF-8: 1 invalid byte sequence(s), the first at byte offset 13 of the line"
    );
}

#[test]
fn text_over_the_limit_is_rejected() {
    let opts = Options {
        max_text_bytes: 100,
        ..Options::default()
    };
    let line = format!("{{\"text\": \"{}\"}}\n", "x".repeat(101));
    let items = jsonl(line.as_bytes(), &opts);
    let r = reject(&items[0]);
    assert_eq!(r.origin, origin(1));
    assert_eq!(r.reason, "text is 101 bytes, over the limit of 100 bytes");
    // Exactly at the limit is fine.
    let line = format!("{{\"text\": \"{}\"}}\n", "x".repeat(100));
    assert_eq!(article(&jsonl(line.as_bytes(), &opts)[0]).text.len(), 100);
}

#[test]
fn over_long_line_is_skipped_unbuffered_and_reading_goes_on() {
    let opts = Options {
        max_text_bytes: 1000,
        ..Options::default()
    };
    assert_eq!(opts.max_line_bytes(), 2000 + 64 * 1024);
    let huge = format!("{{\"text\": \"{}\"}}", "y".repeat(200_000));
    let input = format!("{{\"text\": \"before\"}}\n{huge}\n{{\"text\": \"after\"}}\n");
    // A small buffer, so the long line really arrives in many pieces.
    let reader = BufReader::with_capacity(4096, Cursor::new(input.into_bytes()));
    let mut r = JsonlReader::new(reader, "mem", &opts);
    let items: Vec<Item> = r.by_ref().collect();
    assert_eq!(items.len(), 3);
    assert_eq!(article(&items[0]).text, "before");
    let rej = reject(&items[1]);
    assert_eq!(rej.origin, origin(2));
    assert_eq!(
        rej.reason,
        format!(
            "line is {} bytes, over the limit of {} bytes; skipped",
            huge.len(),
            opts.max_line_bytes()
        )
    );
    assert_eq!(article(&items[2]).text, "after");
    assert_eq!(r.lines_read(), 3);
}

/// A reader that fails after giving some bytes, like a disk error mid-file.
struct FailingReader {
    data: Cursor<Vec<u8>>,
}

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.data.read(buf)?;
        if n == 0 {
            Err(io::Error::other("disk on fire"))
        } else {
            Ok(n)
        }
    }
}

#[test]
fn io_error_mid_stream_is_a_reject_at_its_line() {
    let reader = BufReader::new(FailingReader {
        data: Cursor::new(b"{\"text\": \"one\"}\n{\"text\": \"tw".to_vec()),
    });
    let items: Vec<Item> = JsonlReader::new(reader, "disk.jsonl", &Options::default()).collect();
    assert_eq!(items.len(), 2);
    assert_eq!(article(&items[0]).text, "one");
    let r = reject(&items[1]);
    assert_eq!(
        r.origin,
        SourceRef {
            source: "disk.jsonl".into(),
            position: 2
        }
    );
    assert_eq!(r.reason, "cannot read disk.jsonl: disk on fire");
}

#[test]
fn crlf_lines_and_escaped_crlf_in_text() {
    let input = b"{\"title\": \"T\\r\\n\", \"text\": \"Line one.\\r\\nLine two.\"}\r\n\r\n{\"text\": \"x\"}\r\n";
    let items = jsonl(input, &Options::default());
    assert_eq!(items.len(), 2);
    let a = article(&items[0]);
    assert_eq!(a.text, "Line one.\nLine two.");
    assert_eq!(a.title.as_deref(), Some("T"));
    assert_eq!(article(&items[1]).origin, origin(3));
}

#[test]
fn text_and_title_come_out_nfc() {
    // "é" as "e" + U+0301, raw and as JSON escapes.
    let input = "{\"title\": \"Caf\\u0065\\u0301\", \"text\": \"Cafe\u{301} ouvert.\"}\n";
    let a = article(&jsonl(input.as_bytes(), &Options::default())[0]).clone();
    assert_eq!(a.text, "Caf\u{e9} ouvert.");
    assert_eq!(a.title.as_deref(), Some("Caf\u{e9}"));
}

#[test]
fn jsonl_text_is_not_trimmed() {
    // Outside scripts compute offsets on the text they gave; trimming would shift them.
    let a = article(&jsonl(b"{\"text\": \"  Indented.\\n\"}", &Options::default())[0]).clone();
    assert_eq!(a.text, "  Indented.\n");
}

#[test]
fn ids_are_stable() {
    let line = br#"{"title": "Talks resume", "text": "Iran and the US met."}"#;
    let a = article(&jsonl(line, &Options::default())[0]).clone();
    let b = article(&jsonl(line, &Options::default())[0]).clone();
    assert_eq!(a.id, b.id);
    assert_eq!(
        a.id,
        ArticleId::from_content(Some("Talks resume"), "Iran and the US met.")
    );
    // Reading the same file twice gives the same ids.
    let first: Vec<_> = read(&[Input::Path(fixture("jsonl/aliases.jsonl"))]);
    let second: Vec<_> = read(&[Input::Path(fixture("jsonl/aliases.jsonl"))]);
    let ids = |v: &[Item]| v.iter().map(|i| article(i).id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));

    // With a URL, the id depends only on the canonical URL.
    let u1 =
        br#"{"url": "https://Example.com/story/?utm_source=x#top", "title": "A", "text": "One."}"#;
    let u2 = br#"{"url": "http://www.example.com/story", "title": "B", "text": "Two."}"#;
    let a1 = article(&jsonl(u1, &Options::default())[0]).clone();
    let a2 = article(&jsonl(u2, &Options::default())[0]).clone();
    assert_eq!(a1.id, a2.id);
    assert_eq!(a1.id, ArticleId::from_url("https://example.com/story"));
    // An empty URL is no URL.
    let e = article(&jsonl(br#"{"url": " ", "text": "One."}"#, &Options::default())[0]).clone();
    assert_eq!(e.url, None);
    assert_eq!(e.id, ArticleId::from_content(None, "One."));
}

#[test]
fn parse_single_line() {
    let o = origin(7);
    assert_eq!(
        parse_jsonl_line(b"  \r", o.clone(), &Options::default()),
        None
    );
    let item = parse_jsonl_line(br#"{"text":"x"}"#, o.clone(), &Options::default());
    assert_eq!(item.as_ref().map(|i| i.origin().clone()), Some(o));
}

#[test]
fn bom_on_first_line_is_ignored() {
    let items = jsonl(b"\xEF\xBB\xBF{\"text\": \"x\"}\n", &Options::default());
    assert_eq!(article(&items[0]).text, "x");
}

#[test]
fn reason_texts_match_the_enum() {
    // The enum is the single source of the message formats.
    assert_eq!(
        RejectReason::LineTooLong { len: 5, limit: 4 }.to_string(),
        "line is 5 bytes, over the limit of 4 bytes; skipped"
    );
}

#[test]
fn authors_from_author_or_authors_cleaned() {
    let input = concat!(
        r#"{"text":"One.","author":" Mara Quill "}"#,
        "\n",
        r#"{"text":"Two.","authors":["Ode Lind","","ode lind","Pia Holm",7]}"#,
        "\n",
        r#"{"text":"Three.","author":{"name":"not a string"}}"#,
        "\n",
    );
    let items = jsonl(input.as_bytes(), &Options::default());
    let a: Vec<_> = items.iter().map(article).collect();
    assert_eq!(a[0].authors, ["Mara Quill"]);
    assert_eq!(
        a[1].authors,
        ["Ode Lind", "Pia Holm"],
        "blanks, repeats and non-strings dropped"
    );
    assert!(a[2].authors.is_empty(), "an object is not a name");
}
