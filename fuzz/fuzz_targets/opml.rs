//! Fuzz the OPML reader: any bytes must give subscriptions or an `OpmlError`, never a
//! panic or a hang; every subscription is an absolute http(s) URL, listed once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_ingest::feed::parse_opml;

fuzz_target!(|data: &[u8]| {
    if let Ok(subs) = parse_opml(data, Some("https://fuzz.example/lists/me.opml")) {
        let mut seen = std::collections::HashSet::new();
        for s in &subs {
            assert!(s.xml_url.starts_with("http://") || s.xml_url.starts_with("https://"));
            assert!(seen.insert(s.xml_url.clone()));
        }
    }
});
