//! Fuzz the WARC reader: any bytes, plain or inside gzip members, must give articles and
//! rejects, never a panic, a hang or memory beyond one record. The first byte picks how
//! the rest is presented: as is, as one gzip stream, as one gzip member per `WARC/`
//! record (the CC-NEWS layout), or as is with a tiny record limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk_ingest::Options;
use newsdesk_ingest::warc::{WarcReader, looks_like_warc};
use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// One gzip member per record: split before every `WARC/`.
fn gzip_members(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut start = 0;
    let starts = bytes.windows(5).enumerate().filter(|(_, w)| w == b"WARC/");
    for at in starts.map(|(i, _)| i).chain([bytes.len()]) {
        if at > start {
            out.extend_from_slice(&gzip(&bytes[start..at]));
            start = at;
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input: Vec<u8> = match mode % 4 {
        1 => gzip(rest),
        2 => gzip_members(rest),
        _ => rest.to_vec(),
    };
    let _ = looks_like_warc(&input);
    let limit = if mode % 4 == 3 { 64 } else { 1 << 20 };
    let reader =
        WarcReader::new(&input[..], "fuzz.warc", &Options::default()).with_max_record_bytes(limit);
    let mut n = 0usize;
    for _ in reader {
        n += 1;
        // Every item consumes input: there cannot be more items than bytes.
        assert!(n <= input.len() + 1, "more items than input bytes");
    }
});
