//! Plain text: a whole file (or stream) is one article.

use crate::article::{Fields, assemble, decode_utf8, inspect_head, normalise_text, strip_bom};
use crate::{Item, Options, RejectReason};
use newsdesk_core::{Reject, SourceRef};
use std::io::Read;

/// A first line longer than this (in characters) is a paragraph, not a headline: it stays
/// in the text rather than being taken out as the title, so no content is lost to analysis.
pub const MAX_TITLE_CHARS: usize = 300;

/// Read all of `reader` as one plain-text article from `source` (a path as given, or `-`).
///
/// At most `opts.max_text_bytes` bytes are read: a longer input is rejected with
/// [`RejectReason::InputTooLarge`] as soon as the limit is passed, so a huge stream is
/// never held in memory. The position of the origin is 0 (a whole input).
pub fn read_text<R: Read>(reader: R, source: &str, opts: &Options) -> Item {
    read_text_after(Vec::new(), reader, source, opts)
}

/// [`read_text`] where the first bytes (`head`) were already read, for sniffing.
pub(crate) fn read_text_after<R: Read>(
    mut bytes: Vec<u8>,
    reader: R,
    source: &str,
    opts: &Options,
) -> Item {
    let origin = SourceRef {
        source: source.to_string(),
        position: 0,
    };
    let limit = opts.max_text_bytes;
    if bytes.len() <= limit {
        let room = (limit - bytes.len()) as u64 + 1;
        if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
            return reject(origin, RejectReason::read(source, &e));
        }
    }
    if bytes.len() > limit {
        return reject(origin, RejectReason::InputTooLarge { limit });
    }
    parse_text(&bytes, origin, opts)
}

/// Make one article from the whole content of a plain-text input.
///
/// Checks, in order: binary content ([`inspect_head`]), size, UTF-8 (see
/// [`crate::decode_utf8`]), then normalises (`\r\n` → `\n`, NFC) and trims. When the first
/// line is followed by a blank line (and is at most [`MAX_TITLE_CHARS`] long), it is the
/// title and the text is the rest, trimmed. URL and publication date are unknown.
pub fn parse_text(bytes: &[u8], origin: SourceRef, opts: &Options) -> Item {
    match parse_fields(bytes, opts) {
        Ok(fields) => Item::Article(assemble(fields, origin)),
        Err(reason) => reject(origin, reason),
    }
}

fn parse_fields(bytes: &[u8], opts: &Options) -> Result<Fields, RejectReason> {
    if let Some(reason) = inspect_head(bytes) {
        return Err(reason);
    }
    if bytes.len() > opts.max_text_bytes {
        return Err(RejectReason::TextTooLong {
            len: bytes.len(),
            limit: opts.max_text_bytes,
        });
    }
    let decoded = decode_utf8(strip_bom(bytes), "input")?.into_owned();
    let normalised = normalise_text(decoded);
    let body = normalised.trim();
    if body.is_empty() {
        return Err(RejectReason::EmptyText);
    }
    let (title, text) = split_title(body);
    Ok(Fields {
        input_id: None,
        url: None,
        title: title.map(str::to_string),
        text: text.to_string(),
        published: None,
        outlet: None,
        lang: None,
        authors: Vec::new(),
    })
}

/// Split a trimmed body into title and text when its first line is followed by a blank
/// line.
fn split_title(body: &str) -> (Option<&str>, &str) {
    let Some((first, rest)) = body.split_once('\n') else {
        return (None, body);
    };
    let (second, _) = rest.split_once('\n').unwrap_or((rest, ""));
    let first_trimmed = first.trim();
    if !second.trim().is_empty()
        || first_trimmed.is_empty()
        || first_trimmed.chars().count() > MAX_TITLE_CHARS
    {
        return (None, body);
    }
    // `body` is trimmed, so `rest` holds something after the blank line(s).
    (Some(first_trimmed), rest.trim())
}

fn reject(origin: SourceRef, reason: RejectReason) -> Item {
    Item::Reject(Reject {
        origin,
        reason: reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_split() {
        assert_eq!(split_title("T\n\nBody"), (Some("T"), "Body"));
        assert_eq!(
            split_title("T\n  \n\n Body\n more"),
            (Some("T"), "Body\n more")
        );
        assert_eq!(split_title("T\nBody"), (None, "T\nBody"));
        assert_eq!(split_title("Only"), (None, "Only"));
        let long = format!("{}\n\nBody", "x".repeat(MAX_TITLE_CHARS + 1));
        assert_eq!(split_title(&long), (None, long.as_str()));
    }
}
