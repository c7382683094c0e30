//! Feeds pseudo-random bytes to every reader: whatever comes in, nothing panics and every
//! item is either an article that keeps the invariants or a reject with a reason.

use newsdesk_core::SourceRef;
use newsdesk_ingest::{
    Format, Item, JsonlReader, Options, parse_jsonl_line, parse_text, read_stream, read_text,
};
use std::io::{BufReader, Cursor};

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that steer random input into the interesting paths (JSON syntax, the fields,
/// CRLF, combining marks, invalid UTF-8, BOMs, NULs).
const PIECES: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b"\n",
    b"\r\n",
    b" ",
    b"\\",
    b"\\u0301",
    b"\\ud800",
    b"\"text\"",
    b"\"title\"",
    b"\"url\"",
    b"\"id\"",
    b"\"published\"",
    b"\"body\"",
    b"null",
    b"5",
    b"-1e999",
    b"true",
    b"\"2025-06-26\"",
    b"e\xCC\x81",
    b"\xFF",
    b"\xE2\x82",
    b"\xEF\xBB\xBF",
    b"\x00",
    b"\x01",
    b"\xFF\xFE",
    b"word",
    b"{\"text\": \"",
    b"\"}\n",
];

/// Pieces that keep a JSON string valid.
const STRING_PIECES: &[&[u8]] = &[
    b"word",
    b" ",
    b"\\n",
    b"\\r\\n",
    b"\\u0065\\u0301",
    b"e\xCC\x81",
    b"\\\"",
    b"\xC3\xA9",
];

fn sample(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    if rng.below(3) == 0 {
        // Mostly well-formed lines, with a random field set, some corrupted.
        for _ in 0..rng.below(5) + 1 {
            out.extend_from_slice(b"{\"title\": 5, \"url\": \"https://x.org/");
            out.extend((0..rng.below(4)).map(|_| b'a' + (rng.next() % 26) as u8));
            out.extend_from_slice(b"\", \"text\": \"");
            for _ in 0..rng.below(12) {
                out.extend_from_slice(STRING_PIECES[rng.below(STRING_PIECES.len())]);
            }
            out.extend_from_slice(b"\"}");
            if rng.below(4) == 0 {
                out.extend_from_slice(PIECES[rng.below(PIECES.len())]);
            }
            out.extend_from_slice(if rng.below(2) == 0 { b"\n" } else { b"\r\n" });
        }
        return out;
    }
    let parts = rng.below(40);
    for _ in 0..parts {
        if rng.below(3) == 0 {
            let n = rng.below(8);
            out.extend((0..n).map(|_| rng.next() as u8));
        } else {
            out.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
    }
    out
}

fn check(item: &Item, opts: &Options) {
    match item {
        Item::Article(a) => {
            assert!(!a.text.trim().is_empty());
            assert!(a.text.len() <= opts.max_text_bytes);
            assert!(!a.text.contains("\r\n"));
            assert_eq!(a.id.as_str().len(), 32);
        }
        Item::Reject(r) => assert!(!r.reason.is_empty()),
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let opts = Options {
        max_text_bytes: 64,
        ..Options::default()
    };
    let origin = SourceRef {
        source: "fuzz".into(),
        position: 1,
    };
    let mut articles = 0;
    for _ in 0..400 {
        let bytes = sample(&mut rng);
        for opts in [&opts, &Options::default()] {
            if let Some(item) = parse_jsonl_line(&bytes, origin.clone(), opts) {
                check(&item, opts);
            }
            check(&parse_text(&bytes, origin.clone(), opts), opts);
            check(&read_text(Cursor::new(&bytes), "fuzz", opts), opts);
            for item in JsonlReader::new(BufReader::with_capacity(7, &bytes[..]), "fuzz", opts) {
                check(&item, opts);
                articles += usize::from(matches!(item, Item::Article(_)));
            }
            for format in [Format::Auto, Format::Jsonl, Format::Text] {
                for item in read_stream(
                    BufReader::with_capacity(5, &bytes[..]),
                    "fuzz",
                    format,
                    opts,
                ) {
                    check(&item, opts);
                }
            }
        }
    }
    // The generator does reach the article path, not only rejects.
    assert!(articles > 0);
}
