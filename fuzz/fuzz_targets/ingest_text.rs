//! Any bytes as a plain-text file or a sniffed stream: an article or a reject, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsdesk_core::SourceRef;
use newsdesk_ingest::{Format, Options, parse_text, read_stream};

fuzz_target!(|data: &[u8]| {
    let opts = Options::default();
    let _ = parse_text(data, SourceRef::default(), &opts);
    for _ in read_stream(data, "-", Format::Auto, &opts) {}
});
