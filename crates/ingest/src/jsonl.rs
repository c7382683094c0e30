//! JSON Lines: one article object per line, streamed line by line with a bounded buffer.

use crate::article::{Draft, decode_utf8, strip_bom};
use crate::reason::json_type;
use crate::{Item, Options, RejectReason};
use newsdesk_core::{Reject, SourceRef};
use serde_json::{Map, Value};
use std::io::{self, BufRead};

/// The fields that may hold the text, in order of preference.
pub const TEXT_FIELDS: [&str; 4] = ["text", "article", "body", "content"];
/// The fields that may hold the publication date, in order of preference.
pub const DATE_FIELDS: [&str; 3] = ["published", "date", "published_at"];

/// Streams the items of a JSONL input, one line at a time.
///
/// Memory is bounded by [`Options::max_line_bytes`]: a longer line is read through and
/// counted, never buffered, and becomes a [`RejectReason::LineTooLong`]. Blank lines are
/// skipped (they are not items). After an I/O error one [`RejectReason::Read`] is yielded
/// and the stream ends, since the position in the input is no longer known.
///
/// It parses lines only: the whole-input checks (binary data, UTF-16) are done by
/// [`crate::read_stream`] and [`crate::Reader`], which wrap it.
#[derive(Debug)]
pub struct JsonlReader<R> {
    reader: R,
    source: String,
    opts: Options,
    line_no: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// Read JSONL from `reader`; `source` names it in origins (a path as given, or `-`).
    pub fn new(reader: R, source: impl Into<String>, opts: &Options) -> Self {
        JsonlReader {
            reader,
            source: source.into(),
            opts: opts.clone(),
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// How many lines have been read so far (blank and over-long lines included).
    pub fn lines_read(&self) -> u64 {
        self.line_no
    }

    fn origin(&self) -> SourceRef {
        SourceRef {
            source: self.source.clone(),
            position: self.line_no,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let limit = self.opts.max_line_bytes();
            match read_line_bounded(&mut self.reader, &mut self.buf, limit) {
                Ok(Line::Eof) => self.done = true,
                Err(e) => {
                    self.done = true;
                    self.line_no += 1;
                    return Some(reject(self.origin(), RejectReason::read(&self.source, &e)));
                }
                Ok(Line::TooLong(len)) => {
                    self.line_no += 1;
                    return Some(reject(
                        self.origin(),
                        RejectReason::LineTooLong { len, limit },
                    ));
                }
                Ok(Line::Complete) => {
                    self.line_no += 1;
                    let line = if self.line_no == 1 {
                        strip_bom(&self.buf)
                    } else {
                        &self.buf[..]
                    };
                    let origin = SourceRef {
                        source: self.source.clone(),
                        position: self.line_no,
                    };
                    if let Some(item) = parse_jsonl_line(line, origin, &self.opts) {
                        return Some(item);
                    }
                }
            }
        }
        None
    }
}

fn reject(origin: SourceRef, reason: RejectReason) -> Item {
    Item::Reject(Reject {
        origin,
        reason: reason.to_string(),
    })
}

/// What [`read_line_bounded`] found.
enum Line {
    /// End of input, nothing read.
    Eof,
    /// A line (without its `\n`) is in the buffer.
    Complete,
    /// The line was longer than the limit: it was consumed but not kept. Its length.
    TooLong(u64),
}

/// Read one line into `buf` (cleared first, without the `\n`), keeping at most `limit`
/// bytes: a longer line is consumed to its end without being stored.
fn read_line_bounded<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut len: u64 = 0;
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            if !any {
                return Ok(Line::Eof);
            }
            break;
        }
        any = true;
        let (chunk, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        let n = chunk.len();
        len += n as u64;
        if !too_long {
            if buf.len() + n > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        r.consume(n + usize::from(found));
        if found {
            break;
        }
    }
    if too_long {
        // Give back the memory of a line that almost reached the limit.
        buf.shrink_to(64 * 1024);
        Ok(Line::TooLong(len))
    } else {
        Ok(Line::Complete)
    }
}

/// Parse one JSONL line (without its `\n`; a trailing `\r` is allowed) read from `origin`.
///
/// Returns `None` for a blank line, which is not an item. Public so that callers holding a
/// line already (a message queue, an HTTP body) get exactly the file reader's behaviour.
pub fn parse_jsonl_line(line: &[u8], origin: SourceRef, opts: &Options) -> Option<Item> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    Some(match parse_object(line, opts) {
        Ok(draft) => match draft.finish(origin.clone(), opts) {
            Ok(article) => Item::Article(article),
            Err(reason) => reject(origin, reason),
        },
        Err(reason) => reject(origin, reason),
    })
}

/// Decode, parse and pick the fields of one line.
fn parse_object(line: &[u8], opts: &Options) -> Result<Draft, RejectReason> {
    let line = decode_utf8(line, "line")?;
    let value: Value = serde_json::from_str(&line).map_err(|e| {
        let mut message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        RejectReason::MalformedJson {
            column: e.column(),
            message,
        }
    })?;
    let Value::Object(mut obj) = value else {
        return Err(RejectReason::NotAnObject {
            found: json_type(&value),
        });
    };
    let text = take_text(&mut obj)?;
    if text.len() > opts.max_text_bytes {
        return Err(RejectReason::TextTooLong {
            len: text.len(),
            limit: opts.max_text_bytes,
        });
    }
    let published = DATE_FIELDS
        .iter()
        .filter_map(|k| string_field(&mut obj, k))
        .find(|d| newsdesk_core::date::normalise_published(d).is_some());
    Ok(Draft {
        input_id: match obj.remove("id") {
            Some(Value::String(s)) => Some(s),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        },
        url: string_field(&mut obj, "url"),
        title: string_field(&mut obj, "title"),
        text,
        published,
        outlet: string_field(&mut obj, "outlet").or_else(|| string_field(&mut obj, "source")),
        lang: string_field(&mut obj, "lang"),
        authors: authors_field(&mut obj),
    })
}

/// `authors` (an array of names, or one string) else `author` (a string or an array);
/// other types are ignored like any unknown field, since a missing author loses nothing.
fn authors_field(obj: &mut Map<String, Value>) -> Vec<String> {
    for key in ["authors", "author"] {
        match obj.remove(key) {
            Some(Value::String(s)) => return vec![s],
            Some(Value::Array(items)) => {
                return items
                    .into_iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s),
                        _ => None,
                    })
                    .collect();
            }
            _ => {}
        }
    }
    Vec::new()
}

/// The first text field holding a non-blank string. A blank string or a wrong type does not
/// stop the search (datasets often carry an empty `text` next to a full `content`); when no
/// field qualifies, the reject names the first wrong-typed field, else says the text is
/// empty, else missing.
fn take_text(obj: &mut Map<String, Value>) -> Result<String, RejectReason> {
    let mut wrong_type = None;
    let mut blank = false;
    for field in TEXT_FIELDS {
        match obj.remove(field) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                if s.trim().is_empty() {
                    blank = true;
                } else {
                    return Ok(s);
                }
            }
            Some(other) => {
                wrong_type.get_or_insert(RejectReason::TextWrongType {
                    field,
                    found: json_type(&other),
                });
            }
        }
    }
    Err(match wrong_type {
        Some(reason) => reason,
        None if blank => RejectReason::EmptyText,
        None => RejectReason::MissingText,
    })
}

/// An optional string field; any other type counts as missing (optional metadata of the
/// wrong type is not worth losing the article over).
fn string_field(obj: &mut Map<String, Value>, key: &str) -> Option<String> {
    match obj.remove(key) {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_lines() {
        let data = b"abc\nlonger line here\n\nxyz";
        let mut r = io::BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 8),
            Ok(Line::Complete)
        ));
        assert_eq!(buf, b"abc");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 8),
            Ok(Line::TooLong(16))
        ));
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 8),
            Ok(Line::Complete)
        ));
        assert_eq!(buf, b"");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 8),
            Ok(Line::Complete)
        ));
        assert_eq!(buf, b"xyz");
        assert!(matches!(
            read_line_bounded(&mut r, &mut buf, 8),
            Ok(Line::Eof)
        ));
    }
}
