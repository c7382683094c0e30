//! Fuzz the HTML article extractor: any bytes (plain, gzipped, any charset) must give an
//! `Extracted` or a reject reason, never a panic, a hang or unbounded memory. The result
//! also goes through `into_draft` and `Draft::finish`, the path ingest takes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_core::SourceRef;
use newsdesk_ingest::html::{Extractor, PageContext};

fuzz_target!(|data: &[u8]| {
    let extractor = Extractor::default();
    let ctx = PageContext {
        url: Some("https://fuzz.example/2025/01/02/page"),
        content_type: None,
    };
    if let Ok(x) = extractor.extract(data, &ctx)
        && let Ok(draft) = x.into_draft()
    {
        let origin = SourceRef {
            source: "fuzz".to_string(),
            position: 0,
        };
        let _ = draft.finish(origin, &newsdesk_ingest::Options::default());
    }
});
