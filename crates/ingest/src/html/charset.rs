//! Bytes of a page to text: which encoding, then decoding.
//!
//! The order is the one browsers use, because pages are written for browsers: a byte order
//! mark wins; then the HTTP header's charset; then `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">` among the first 4 KiB;
//! then UTF-8 if the bytes are valid UTF-8; else chardetng guesses (Windows-1252 for most
//! old Western pages). A declared charset that encoding_rs does not know is ignored
//! rather than trusted. Decoding never fails: malformed sequences become U+FFFD.

use crate::RejectReason;
use encoding_rs::{Encoding, UTF_8};

/// How much of the page start is searched for `<meta charset>` (browsers use 1024 bytes;
/// real pages put long scripts first, so we look further).
const PRESCAN_BYTES: usize = 4096;

/// Decode `bytes` to text, returning the text and the encoding's name.
///
/// UTF-16 and binary data are refused with a reason: a page in UTF-16 without a BOM is
/// vanishingly rare, and bytes with NULs are not a page.
pub fn decode(
    bytes: &[u8],
    content_type: Option<&str>,
) -> Result<(String, &'static str), RejectReason> {
    let enc = detect(bytes, content_type);
    if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
        let sample = bytes.get(..crate::SNIFF_BYTES).unwrap_or(bytes);
        if let Some(offset) = memchr::memchr(0, sample) {
            return Err(RejectReason::BinaryNul { offset });
        }
    }
    let (text, _had_errors) = enc.decode_with_bom_removal(bytes);
    let text = if has_c1_controls(&text) {
        repair_double_utf8(&text)
    } else {
        text.into_owned()
    };
    Ok((text, enc.name()))
}

/// Whether the text holds C1 control characters (U+0080–U+009F), which no page means to
/// show: their presence is the mark of UTF-8 bytes that were once read as Latin-1 and
/// written back as UTF-8 ("letâ\u{80}\u{99}s" for "let’s").
fn has_c1_controls(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1).is_some_and(|&c| (0x80..=0x9F).contains(&c)))
}

/// Undo double encoding: every run of characters U+0080–U+00FF that, taken as bytes, is one
/// valid UTF-8 sequence of two to four bytes becomes that character. Called only on text
/// that shows the C1 mark, so a genuine "Ã©" on a clean page is never touched.
fn repair_double_utf8(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i] as u32;
        let need = match c {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if need > 0 && i + need < chars.len() {
            let mut bytes = [c as u8, 0, 0, 0];
            let mut ok = true;
            for k in 1..=need {
                let d = chars[i + k] as u32;
                if (0x80..=0xBF).contains(&d) {
                    bytes[k] = d as u8;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok && let Ok(s) = std::str::from_utf8(&bytes[..=need]) {
                out.push_str(s);
                i += need + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The encoding of a page, by BOM, HTTP header, `<meta>`, validity as UTF-8, detection.
pub fn detect(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = content_type.and_then(charset_param).and_then(label) {
        return enc;
    }
    let head = bytes.get(..PRESCAN_BYTES).unwrap_or(bytes);
    if let Some(enc) = meta_charset(head) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes.get(..64 * 1024).unwrap_or(bytes), true);
    det.guess(None, true)
}

/// An encoding label as encoding_rs knows it. A page that declares UTF-16 in a `<meta>` is
/// in fact ASCII-compatible (the meta could be read), so that becomes UTF-8, as in browsers.
fn label(l: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(l.trim().trim_matches(['"', '\'']).as_bytes())?;
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            enc
        },
    )
}

/// The media type of a `Content-Type` value, lowercased, without parameters
/// (`"Text/HTML; charset=utf-8"` → `"text/html"`); shared by the WARC reader and the fetcher.
pub fn media_type(ct: &str) -> String {
    ct.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// `charset=VALUE` inside a Content-Type value.
fn charset_param(ct: &str) -> Option<&str> {
    let lower = ct.to_ascii_lowercase();
    let i = lower.find("charset")?;
    let rest = ct.get(i + 7..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    rest.get(..end).filter(|s| !s.is_empty())
}

/// The charset a `<meta>` tag among `head` declares, if any.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while let Some(i) = memchr::memmem::find(head.get(pos..)?, b"<meta").or_else(|| {
        // Upper-case tags are rare; look for them only when lower-case ones are absent.
        memchr::memmem::find(head.get(pos..).unwrap_or_default(), b"<META")
    }) {
        let start = pos + i + 5;
        let end = head
            .get(start..)
            .and_then(|r| memchr::memchr(b'>', r))
            .map_or(head.len(), |e| start + e);
        let tag = String::from_utf8_lossy(head.get(start..end).unwrap_or_default());
        if let Some(enc) = charset_param(&tag).and_then(label) {
            return Some(enc);
        }
        pos = end;
        if pos >= head.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_order() {
        assert_eq!(detect(b"\xEF\xBB\xBF<p>x", None), UTF_8);
        let latin = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert_eq!(detect(latin, None), encoding_rs::WINDOWS_1252);
        // The header wins over the meta tag.
        assert_eq!(detect(latin, Some("text/html; charset=UTF-8")), UTF_8);
        let equiv =
            b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">";
        assert_eq!(detect(equiv, None), encoding_rs::WINDOWS_1251);
        assert_eq!(detect("<p>café</p>".as_bytes(), None), UTF_8);
        // Undeclared Latin-1 bytes are detected rather than garbled as UTF-8.
        let (text, _) =
            decode(b"<p>Le caf\xe9 est tr\xe8s bon, d\xe9j\xe0.</p>", None).unwrap_or_default();
        assert!(text.contains("café"), "{text}");
    }

    #[test]
    fn repairs_double_encoded_utf8() {
        // "let’s" and "café" whose UTF-8 bytes were read as Latin-1 and re-encoded.
        let page = "<p>Now let\u{e2}\u{80}\u{99}s see the caf\u{c3}\u{a9}.</p>";
        let (text, _) = decode(page.as_bytes(), None).unwrap_or_default();
        assert_eq!(text, "<p>Now let\u{2019}s see the café.</p>");
        // Without the C1 mark, Latin-1 letters in a clean page stay as they are.
        let clean = "<p>Ã©tude, Â© 2025</p>";
        let (text, _) = decode(clean.as_bytes(), None).unwrap_or_default();
        assert_eq!(text, clean);
    }

    #[test]
    fn refuses_binary() {
        assert!(matches!(
            decode(b"<p>\0\0\0", None),
            Err(RejectReason::BinaryNul { offset: 3 })
        ));
    }
}
