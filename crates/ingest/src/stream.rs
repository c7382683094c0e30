//! One input stream (a file or stdin) whose format may have to be sniffed.

use crate::article::{BOM, SNIFF_BYTES, inspect_head};
use crate::jsonl::JsonlReader;
use crate::text::read_text_after;
use crate::{Format, Item, Options, RejectReason};
use newsdesk_core::{Reject, SourceRef};
use std::io::{self, BufRead, Chain, Cursor, Read};

/// The items of one input stream: any number for JSONL, exactly one for plain text or
/// HTML (or one reject for the whole stream).
#[derive(Debug)]
pub struct Items<R> {
    inner: Inner<R>,
}

#[derive(Debug)]
enum Inner<R> {
    Jsonl(JsonlReader<Chain<Cursor<Vec<u8>>, R>>),
    One(Option<Item>),
}

impl<R: BufRead> Items<R> {
    /// How many JSONL lines have been read so far (0 for plain text).
    pub fn lines_read(&self) -> u64 {
        match &self.inner {
            Inner::Jsonl(j) => j.lines_read(),
            Inner::One(_) => 0,
        }
    }

    fn one(item: Item) -> Self {
        Items {
            inner: Inner::One(Some(item)),
        }
    }
}

impl<R: BufRead> Iterator for Items<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match &mut self.inner {
            Inner::Jsonl(j) => j.next(),
            Inner::One(item) => item.take(),
        }
    }
}

/// Read one input stream named `source` in `format`, sniffing it when `format` is
/// [`Format::Auto`]: the first non-whitespace byte (after a UTF-8 byte order mark) being
/// `{` means JSONL, `<` HTML, anything else plain text.
///
/// The start of the stream is inspected first ([`crate::inspect_head`]): binary data and
/// UTF-16 are rejected as a whole (except for HTML named as such, which may be gzipped or
/// in another charset: the extractor checks it after decoding). Only what is needed is read ahead (what the first read
/// returns, more only while everything so far is whitespace, at most 8 KiB), so a JSONL
/// pipe yields its first line as soon as it arrives. This is what stdin goes through, and
/// it is generic so that tests (and callers with data in memory) can feed bytes.
pub fn read_stream<R: BufRead>(
    reader: R,
    source: &str,
    format: Format,
    opts: &Options,
) -> Items<R> {
    read_stream_sized(reader, source, format, opts, None)
}

/// [`read_stream`] for an input whose size is known (a regular file): a sniffed text file
/// larger than the limit is rejected from the size alone, before reading past the head.
pub(crate) fn read_stream_sized<R: BufRead>(
    mut reader: R,
    source: &str,
    format: Format,
    opts: &Options,
    known_len: Option<u64>,
) -> Items<R> {
    let origin = SourceRef {
        source: source.to_string(),
        position: 0,
    };
    let head = match read_head(&mut reader) {
        Ok(h) => h,
        Err(e) => return Items::one(reject(origin, RejectReason::read(source, &e))),
    };
    if format == Format::Html {
        return Items::one(read_html_after(head, reader, origin, opts, known_len));
    }
    if let Some(reason) = inspect_head(&head) {
        return Items::one(reject(origin, reason));
    }
    let format = match format {
        Format::Auto => sniff(&head),
        f => f,
    };
    match format {
        Format::Html => Items::one(read_html_after(head, reader, origin, opts, known_len)),
        Format::Jsonl | Format::Auto => Items {
            inner: Inner::Jsonl(JsonlReader::new(
                Cursor::new(head).chain(reader),
                source,
                opts,
            )),
        },
        Format::Text => {
            if let Some(len) = known_len.filter(|&l| l > opts.max_text_bytes as u64) {
                return Items::one(reject(
                    origin,
                    RejectReason::FileTooLarge {
                        len,
                        limit: opts.max_text_bytes,
                    },
                ));
            }
            Items::one(read_text_after(head, reader, source, opts))
        }
    }
}

/// The format of a stream from its first bytes.
pub fn sniff(head: &[u8]) -> Format {
    let head = head.strip_prefix(BOM).unwrap_or(head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::Jsonl,
        Some(b'<') => Format::Html,
        _ => Format::Text,
    }
}

/// Read all of an HTML stream whose first bytes are `head` (at most
/// [`crate::html::MAX_HTML_BYTES`]) and extract its article.
fn read_html_after<R: Read>(
    mut bytes: Vec<u8>,
    reader: R,
    origin: SourceRef,
    opts: &Options,
    known_len: Option<u64>,
) -> Item {
    let limit = crate::html::MAX_HTML_BYTES;
    if let Some(len) = known_len.filter(|&l| l > limit as u64) {
        return reject(origin, RejectReason::FileTooLarge { len, limit });
    }
    if bytes.len() <= limit {
        let room = (limit - bytes.len()) as u64 + 1;
        if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
            let source = origin.source.clone();
            return reject(origin, RejectReason::read(&source, &e));
        }
    }
    if bytes.len() > limit {
        return reject(origin, RejectReason::InputTooLarge { limit });
    }
    read_html(&bytes, origin, opts)
}

/// Make one article from a whole HTML page (possibly gzipped) read from `origin`.
///
/// The page goes through [`crate::html::Extractor`]; a page that is not an article
/// (listing, wall, error page, other) or has no text is a reject with that reason. The
/// page's canonical URL, when it declares one, makes the article id (through
/// [`crate::Draft`]), so the same article saved twice under different names is one
/// article.
pub fn read_html(bytes: &[u8], origin: SourceRef, opts: &Options) -> Item {
    let extractor = crate::html::Extractor::default();
    let result = extractor
        .extract(bytes, &crate::html::PageContext::default())
        .and_then(crate::html::Extracted::into_draft)
        .and_then(|d| d.finish(origin.clone(), opts));
    match result {
        Ok(a) => Item::Article(a),
        Err(reason) => reject(origin, reason),
    }
}

/// Read the first bytes of a stream: what is available now, and more only while all of it
/// is whitespace (or a BOM), up to [`SNIFF_BYTES`].
fn read_head<R: BufRead>(reader: &mut R) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let take = available.len().min(SNIFF_BYTES - head.len());
        head.extend_from_slice(&available[..take]);
        reader.consume(take);
        let content = head.strip_prefix(BOM).unwrap_or(&head);
        let decided = content.iter().any(|b| !b.is_ascii_whitespace())
            // A possible partial BOM or UTF-16 mark needs one more byte to be sure.
            && head.len() >= 3;
        if decided || head.len() >= SNIFF_BYTES {
            break;
        }
    }
    Ok(head)
}

fn reject(origin: SourceRef, reason: RejectReason) -> Item {
    Item::Reject(Reject {
        origin,
        reason: reason.to_string(),
    })
}
