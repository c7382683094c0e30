//! Text primitives with byte spans: NFC normalisation, sentence segmentation, word
//! tokens, stemming and stop words.
//!
//! Everything here works on `&str` and returns [`Span`]s into it, so later stages can
//! point evidence at the exact bytes they used.

mod sentences;
mod tokens;

pub use sentences::split_sentences;
pub use tokens::{STOP_WORDS, Stemmer, is_stop_word, word_count, words};

use crate::model::Span;
use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC-normalise `s`, borrowing when it already is (the common case, checked quickly).
///
/// Ingest applies this once to every article; all spans are offsets into its result.
pub fn nfc(s: &str) -> Cow<'_, str> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let n: String = s.nfc().collect();
            if n == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(n)
            }
        }
    }
}

/// Append `s` to `out` folded for identity keys: lowercase, runs of whitespace made one
/// space, leading and trailing whitespace dropped. Used for stable ids and exact-duplicate
/// detection, where "Talks  resume\n" and "talks resume" must agree.
pub fn fold_for_key(s: &str, out: &mut String) {
    let mut pending_space = false;
    let mut wrote = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = wrote;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
        wrote = true;
    }
}

/// The span of `s` without its leading and trailing whitespace, offset by `base`.
pub fn trimmed_span(s: &str, base: usize) -> Span {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    Span::new(base + start, base + end.max(start))
}

/// A stable 64-bit fingerprint of `s` folded as by [`fold_for_key`] (FNV-1a), for exact
/// duplicate detection: the same text with other spacing or case gets the same value, in
/// every run and every version of newsdesk (unlike `std`'s hasher, which may change).
pub fn content_fingerprint(s: &str) -> u64 {
    // Streams the folding of `fold_for_key` into the hash, without building the string.
    let mut h = Fnv1a::default();
    let mut pending_space = false;
    let mut wrote = false;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = wrote;
            continue;
        }
        if pending_space {
            h.write(b" ");
            pending_space = false;
        }
        for l in c.to_lowercase() {
            h.write(l.encode_utf8(&mut buf).as_bytes());
        }
        wrote = true;
    }
    h.0
}

/// Incremental FNV-1a state.
struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// FNV-1a over bytes: tiny, stable across versions and platforms, good enough for keys
/// that are not adversarial.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.write(bytes);
    h.0
}

#[cfg(test)]
mod fingerprint_tests {
    use super::*;

    #[test]
    fn fingerprint_equals_hash_of_folded_text() {
        for s in ["", "  Talks  Resume\n", "Ünïcode ÉTÉ  x", "a\tb"] {
            let mut folded = String::new();
            fold_for_key(s, &mut folded);
            assert_eq!(content_fingerprint(s), fnv1a(folded.as_bytes()), "{s:?}");
        }
        assert_eq!(
            content_fingerprint("Talks resume"),
            content_fingerprint(" talks\n RESUME ")
        );
        assert_ne!(
            content_fingerprint("talks resume"),
            content_fingerprint("talks resumed")
        );
    }
}
