//! Any bytes as a JSONL stream: every line must become an article or a reject, never a
//! panic, and every article's text must be non-empty NFC.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdesk_ingest::{Item, JsonlReader, Options};

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        max_text_bytes: 4096,
        ..Options::default()
    };
    for item in JsonlReader::new(data, "fuzz.jsonl", &opts) {
        if let Item::Article(a) = item {
            assert!(!a.text.trim().is_empty());
        }
    }
});
