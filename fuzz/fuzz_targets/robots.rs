//! Fuzz the robots.txt reader: any bytes must give rules, never a panic or a hang; the
//! first line of the input, read as a path, is checked against the rest (so the matcher's
//! wildcards meet arbitrary patterns and paths), and robots.txt itself stays allowed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_ingest::fetch::robots::Robots;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let (path, rules) = data.split_at(split);
    let robots = Robots::parse(rules, "newsdesk");
    let path = String::from_utf8_lossy(path);
    let _ = robots.allowed(&path);
    assert!(robots.allowed("/robots.txt"));
    if let Some(d) = robots.crawl_delay() {
        assert!(d <= newsdesk_ingest::fetch::robots::MAX_CRAWL_DELAY);
    }
});
