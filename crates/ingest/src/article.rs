//! Turning decoded fields into an [`Article`]: the one place where text is normalised and
//! ids are made, so that every input format agrees on both.

use crate::{Options, RejectReason};
use newsdesk_core::text::nfc;
use newsdesk_core::{Article, ArticleId, SourceRef, date::normalise_published};
use std::borrow::Cow;

/// The fields of an article as an input format found them, before normalisation.
///
/// Every reader (text, JSONL, HTML, WARC, feed items) fills a `Draft` and calls
/// [`Draft::finish`], so that line endings, NFC, trimming of metadata, date normalisation
/// and ids are done identically whatever the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The id the input gave the article (kept for the caller's joins).
    pub input_id: Option<String>,
    /// The article's URL; its canonical form makes the id.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The article text, as found (not trimmed: in JSONL, offsets computed by outside
    /// scripts on the given text must stay valid, so only line endings and NFC change).
    pub text: String,
    /// The publication date as written in the input; normalised by `finish`.
    pub published: Option<String>,
    /// The publisher's name.
    pub outlet: Option<String>,
    /// The language as the input states it (not detected here).
    pub lang: Option<String>,
    /// The authors as the input names them; trimmed, blank and repeated names dropped.
    pub authors: Vec<String>,
}

impl Draft {
    /// Normalise the draft and make it an [`Article`] read from `origin`.
    ///
    /// * the text: `\r\n` → `\n`, then NFC (once; every span in newsdesk points into the
    ///   result). It is rejected when longer than `opts.max_text_bytes` or only whitespace.
    /// * the title: the same, then trimmed; empty → `None`.
    /// * `published`: [`normalise_published`]; unreadable → `None` (the article is kept,
    ///   a missing date is not a reason to lose it).
    /// * `url`, `outlet`, `lang`, `input_id`: trimmed; empty → `None`.
    /// * the id: [`ArticleId::from_url`] when there is a URL, else
    ///   [`ArticleId::from_content`] over the normalised title and text.
    pub fn finish(self, origin: SourceRef, opts: &Options) -> Result<Article, RejectReason> {
        if self.text.len() > opts.max_text_bytes {
            return Err(RejectReason::TextTooLong {
                len: self.text.len(),
                limit: opts.max_text_bytes,
            });
        }
        let text = normalise_text(self.text);
        if text.trim().is_empty() {
            return Err(RejectReason::EmptyText);
        }
        let title = self.title.map(normalise_text).and_then(non_empty);
        Ok(assemble(
            Fields {
                input_id: self.input_id.and_then(non_empty),
                url: self.url.and_then(non_empty),
                title,
                text,
                published: self.published.as_deref().and_then(normalise_published),
                outlet: self.outlet.and_then(non_empty),
                lang: self.lang.and_then(non_empty),
                authors: clean_authors(self.authors),
            },
            origin,
        ))
    }
}

/// Already-normalised fields, ready to become an article.
pub(crate) struct Fields {
    pub input_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    pub authors: Vec<String>,
}

/// Trimmed and NFC-normalised names, without blanks or repeats, in input order.
fn clean_authors(authors: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(authors.len());
    for a in authors {
        let Some(a) = non_empty(normalise_text(a)) else {
            continue;
        };
        if !out.iter().any(|b| b.eq_ignore_ascii_case(&a)) {
            out.push(a);
        }
    }
    out
}

/// Build the article and its id from normalised fields.
pub(crate) fn assemble(f: Fields, origin: SourceRef) -> Article {
    let id = match f.url.as_deref() {
        Some(url) => ArticleId::from_url(url),
        None => ArticleId::from_content(f.title.as_deref(), &f.text),
    };
    Article {
        id,
        input_id: f.input_id,
        url: f.url,
        title: f.title,
        text: f.text,
        published: f.published,
        outlet: f.outlet,
        lang: f.lang,
        authors: f.authors,
        origin,
    }
}

/// `Some(trimmed)` unless the string is empty after trimming. Reuses the allocation when
/// nothing needs trimming (the common case).
fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

/// The normalisation every article text and title gets, once: `\r\n` becomes `\n` (so that
/// a Windows-edited file and its Unix copy have the same text, spans and id), then NFC.
/// A lone `\r` is left alone: it is rare and not clearly a line break.
pub fn normalise_text(s: String) -> String {
    let s = if memchr::memmem::find(s.as_bytes(), b"\r\n").is_some() {
        s.replace("\r\n", "\n")
    } else {
        s
    };
    match nfc(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(n) => n,
    }
}

/// How many invalid UTF-8 sequences the lossy decoding tolerates.
const MAX_REPAIRED_SEQUENCES: usize = 3;

/// Decode bytes as UTF-8 under newsdesk's repair policy.
///
/// A few stray bad bytes (at most 3 invalid sequences, together under 1% of the bytes) are
/// typical of a truncated or mis-concatenated file and are replaced with U+FFFD; more than
/// that means the input is in another encoding (Latin-1, Windows-1252...) and decoding it
/// as UTF-8 would garble it, so it is rejected with the count and the first offset.
/// `scope` names what the offsets are relative to in the message (`"line"`, `"input"`).
pub fn decode_utf8<'a>(bytes: &'a [u8], scope: &'static str) -> Result<Cow<'a, str>, RejectReason> {
    let first_err = match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(Cow::Borrowed(s)),
        Err(e) => e,
    };
    let mut count = 0usize;
    let mut bad_bytes = 0usize;
    let first_offset = first_err.valid_up_to();
    let mut pos = 0usize;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                count += 1;
                match e.error_len() {
                    Some(n) => {
                        bad_bytes += n;
                        pos += e.valid_up_to() + n;
                    }
                    None => {
                        // A truncated sequence at the very end.
                        bad_bytes += rest.len() - e.valid_up_to();
                        break;
                    }
                }
            }
        }
    }
    if count <= MAX_REPAIRED_SEQUENCES && bad_bytes.saturating_mul(100) < bytes.len() {
        Ok(String::from_utf8_lossy(bytes))
    } else {
        Err(RejectReason::InvalidUtf8 {
            count,
            first_offset,
            scope,
        })
    }
}

/// How many leading bytes are inspected for binary content.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// Whether the start of an input looks like something other than UTF-8 text: a UTF-16
/// byte order mark, a NUL byte in the first 8 KiB, or more than 10% control characters
/// (other than tab, newline, carriage return and form feed) there. Such inputs would only
/// produce garbage articles, so they are rejected as a whole.
pub fn inspect_head(head: &[u8]) -> Option<RejectReason> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Some(RejectReason::Utf16);
    }
    let sample = head.get(..SNIFF_BYTES).unwrap_or(head);
    if let Some(offset) = memchr::memchr(0, sample) {
        return Some(RejectReason::BinaryNul { offset });
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    if !sample.is_empty() && control * 10 > sample.len() {
        return Some(RejectReason::BinaryControl {
            percent: control * 100 / sample.len(),
            sampled: sample.len(),
        });
    }
    None
}

/// The UTF-8 byte order mark, which some Windows tools write at the start of a file.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading UTF-8 byte order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_policy() {
        let mut ok = vec![b'a'; 400];
        ok[10] = 0xFF;
        assert!(decode_utf8(&ok, "line").is_ok());
        let mut bad = vec![b'a'; 400];
        for i in [1, 5, 9, 13] {
            bad[i] = 0xFF;
        }
        assert_eq!(
            decode_utf8(&bad, "line"),
            Err(RejectReason::InvalidUtf8 {
                count: 4,
                first_offset: 1,
                scope: "line"
            })
        );
        // One bad byte in a short input is over 1%.
        assert!(decode_utf8(b"ab\xFFcd", "line").is_err());
        // A truncated sequence at the end counts.
        let mut t = vec![b'a'; 400];
        t.extend_from_slice(&[0xE2, 0x82]);
        assert!(decode_utf8(&t, "line").is_ok());
    }

    #[test]
    fn normalise_crlf_and_nfc() {
        assert_eq!(normalise_text("e\u{301}\r\nx\r".into()), "\u{e9}\nx\r");
    }
}
