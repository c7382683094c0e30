//! Web archives: a streaming reader of WARC 1.0/1.1 files (plain `.warc` or `.warc.gz`),
//! as written by crawlers such as Common Crawl (CC-NEWS), Heritrix and wget.
//!
//! Why streaming: a CC-NEWS file is about a gigabyte of gzip holding tens of thousands of
//! pages, so it is read record by record and memory is bounded by one record (at most
//! [`DEFAULT_MAX_RECORD_BYTES`], or the limit given), whatever the file size. A record
//! over the limit is rejected from its `Content-Length` and read past unbuffered.
//!
//! What becomes what:
//!
//! * `response` records holding an HTTP `200` HTML page go through the article
//!   [`Extractor`], with `WARC-Target-URI` as the page URL (the fallback canonical URL)
//!   and `WARC-Date` (the crawl time) as the fallback publication date; chunking and
//!   gzip/deflate are removed (a body the crawler cut short, marked `WARC-Truncated`,
//!   keeps what decodes);
//! * `resource` records of an HTML type are pages without HTTP headers, read the same way;
//! * `warcinfo`, `request`, `metadata`, `revisit`, `conversion` and `continuation`
//!   records, `resource` records of other types and non-HTTP responses (`dns:`) hold no
//!   page: they are skipped and counted ([`WarcReader::records_skipped`]);
//! * everything else that goes wrong is an [`Item::Reject`] naming the file, the record
//!   (byte offset, `WARC-Record-ID`, URL) and the reason ([`WarcProblem`]): other HTTP
//!   statuses, non-HTML content types, unsupported encodings, a truncated record, a record
//!   over the limit, bytes between records that are not a record (the reader then looks
//!   for the next `WARC/1.` and goes on), a corrupt gzip member (the reader goes on at the
//!   next gzip member).
//!
//! Gzip: a `.warc.gz` is normally one gzip member per record (so that tools can seek to a
//! record), but one member for the whole file is accepted too: members are decoded one
//! after the other, and a broken one is reported and skipped by looking for the next
//! gzip header. When a record starts a member, its reported offset is the member's offset
//! in the file (what CDX indexes call the offset); otherwise it is the offset in the
//! uncompressed stream, and the reject says so.

use crate::html::{Extractor, PageContext};
use crate::{Item, Options, RejectReason};
use memchr::memmem;
use newsdesk_core::{Reject, SourceRef};
use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead, Read};

/// The largest record read into memory by default (20 MB, the extractor's page limit):
/// larger records are rejected and read past without being buffered.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = crate::html::MAX_HTML_BYTES as u64;

/// The largest WARC record header (the `WARC/1.x` line and its fields) read: real headers
/// are under 2 KiB; a longer "header" is garbage without a blank line.
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// The buffer size of each layer (file bytes, decompressed bytes).
const BUF_BYTES: usize = 64 * 1024;

/// What every WARC record starts with (the version line); the reader resynchronises on it.
const VERSION_MAGIC: &[u8] = b"WARC/1.";

/// The first bytes of a gzip member (magic number and the deflate method).
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];

/// Whether a path names a web archive by its extension: `.warc` or `.warc.gz`
/// (case-insensitive).
pub fn is_warc_path(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Whether the first bytes of an input are a web archive: `WARC/1.` after optional blank
/// lines, or a gzip stream whose first decompressed bytes are. Used to sniff stdin and
/// files without a known extension; `head` can be any prefix of the input (a few hundred
/// bytes are enough for a gzip header and the start of its data).
pub fn looks_like_warc(head: &[u8]) -> bool {
    fn starts_warc(b: &[u8]) -> bool {
        let b = b
            .iter()
            .position(|c| !matches!(c, b'\r' | b'\n'))
            .and_then(|i| b.get(i..))
            .unwrap_or_default();
        b.starts_with(b"WARC/")
    }
    if head.starts_with(&GZIP_MAGIC[..2]) {
        let mut out = [0u8; 16];
        let mut dec = flate2::read::GzDecoder::new(head);
        let mut got = 0;
        while got < out.len() {
            match dec.read(out.get_mut(got..).unwrap_or_default()) {
                Ok(0) | Err(_) => break,
                Ok(n) => got += n,
            }
        }
        return starts_warc(out.get(..got).unwrap_or_default());
    }
    starts_warc(head)
}

/// Why a WARC record (or a stretch of a WARC file) gave no article. The `Display` text is
/// the reason part of the reject; the record's label comes before it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WarcProblem {
    /// Bytes where a record should start that are not a `WARC/` version line. They are
    /// skipped up to the next `WARC/1.` (or the end).
    #[error(
        "not a WARC record: found {found:?} where a `WARC/1.x` line should start; skipped {skipped} bytes to the next record"
    )]
    Garbage {
        /// The first bytes found (at most 24, lossily decoded).
        found: String,
        /// How many bytes were skipped.
        skipped: u64,
    },
    /// A record header that never ends (no blank line within the limit, or the end of the
    /// input first).
    #[error("record header is not terminated by a blank line within {limit} bytes")]
    HeaderUnterminated {
        /// The header size limit.
        limit: usize,
    },
    /// A record header without a `Content-Length` field, or with one that is not a number:
    /// the record's end is unknown, so the reader looks for the next record.
    #[error("record header has no valid Content-Length (found {found:?})")]
    BadContentLength {
        /// The field's value, or empty when absent.
        found: String,
    },
    /// A page record larger than the limit: read past without being buffered.
    #[error("record is {len} bytes, over the limit of {limit} bytes; skipped unread")]
    TooLarge {
        /// The record's `Content-Length`.
        len: u64,
        /// The limit ([`WarcReader::with_max_record_bytes`]).
        limit: u64,
    },
    /// The input ends inside the record.
    #[error("truncated record: the input ends after {got} of its {len} bytes")]
    Truncated {
        /// Bytes of the record block present.
        got: u64,
        /// Its `Content-Length`.
        len: u64,
    },
    /// A response record whose block is not an HTTP response.
    #[error("not an HTTP response: {what}")]
    BadHttp {
        /// What is wrong (no status line, no end of headers...).
        what: String,
    },
    /// An HTTP status other than 200: redirects, errors, "not modified" have no page.
    #[error("HTTP status {code}{}{}", if reason.is_empty() { String::new() } else { format!(" {reason}") }, location.as_ref().map(|l| format!(", redirect to {l}")).unwrap_or_default())]
    Status {
        /// The status code.
        code: u16,
        /// The reason phrase.
        reason: String,
        /// The `Location` header of a redirect.
        location: Option<String>,
    },
    /// A response whose `Content-Type` is not HTML (an image, a PDF, JSON...).
    #[error("not HTML: Content-Type {content_type}")]
    NotHtml {
        /// The media type, without its parameters.
        content_type: String,
    },
    /// A `Content-Encoding` we do not decode (br, zstd, compress, stacked encodings).
    #[error("unsupported Content-Encoding {encoding:?}")]
    UnsupportedEncoding {
        /// The header's value.
        encoding: String,
    },
    /// A body that does not decode with its `Content-Encoding`.
    #[error("cannot decode the {encoding} body: {error}")]
    BadEncoding {
        /// The encoding.
        encoding: String,
        /// What the decoder said.
        error: String,
    },
    /// A gzip member that does not decompress; the reader goes on at the next member.
    #[error("corrupt gzip member at byte {file_offset} of the file: {error}")]
    CorruptGzip {
        /// Where the member starts in the (compressed) file.
        file_offset: u64,
        /// What the decoder said.
        error: String,
    },
    /// An I/O error reading the file: reading it stops.
    #[error("cannot read: {error}; reading stopped")]
    Io {
        /// The OS error.
        error: String,
    },
    /// The page was read but gave no article (not an article, no text, bad charset...).
    #[error("{0}")]
    Page(RejectReason),
}

/// Where a record is, for reject messages: offset, id and URL, whichever are known.
#[derive(Debug, Clone, Default)]
struct Label {
    /// Byte offset of the record in the file, or in the uncompressed stream.
    offset: u64,
    /// `offset` counts uncompressed bytes (a record inside a gzip member).
    uncompressed: bool,
    id: Option<String>,
    uri: Option<String>,
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.uncompressed {
            "uncompressed byte"
        } else {
            "byte"
        };
        write!(f, "WARC record at {kind} {}", self.offset)?;
        if let Some(id) = &self.id {
            write!(f, " {id}")?;
        }
        if let Some(uri) = &self.uri {
            write!(f, " ({uri})")?;
        }
        Ok(())
    }
}

/// Reads the page records of one WARC stream as [`Item`]s, in file order.
///
/// Give it the raw bytes (gzip is detected from the magic number). Memory: two 64 KiB
/// buffers, the gzip window, and one record (up to the record limit) at a time. A problem
/// with one record is a reject for that record and the next record is read; only an I/O
/// error of the underlying reader stops the stream (after a reject saying so).
pub struct WarcReader<R: Read> {
    input: Peek<Source<R>>,
    source: String,
    opts: Options,
    extractor: Extractor,
    max_record: u64,
    /// The current record's block, reused across records.
    block: Vec<u8>,
    done: bool,
    skipped: u64,
    records: u64,
}

impl<R: Read> fmt::Debug for WarcReader<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcReader")
            .field("source", &self.source)
            .field("offset", &self.input.offset())
            .field("records", &self.records)
            .field("skipped", &self.skipped)
            .finish_non_exhaustive()
    }
}

/// What one step of the reader produced. Short-lived (returned and matched at once), so
/// the size of the `Item` variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
enum Step {
    Item(Item),
    Skipped,
    End,
}

/// The fields of a record header that matter here.
#[derive(Debug, Default)]
struct Header {
    warc_type: Option<String>,
    id: Option<String>,
    uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    content_length: Option<String>,
    /// `WARC-Truncated`: the crawler stored only the start of the payload (CC-NEWS cuts
    /// at 1 MiB), so an encoded body may end mid-stream.
    truncated: Option<String>,
}

impl<R: Read> WarcReader<R> {
    /// A reader over `reader` (plain or gzipped WARC), named `source` in origins. `opts`
    /// gives the article limits ([`Options::max_text_bytes`]); the format is ignored.
    pub fn new(reader: R, source: &str, opts: &Options) -> Self {
        let mut raw = Peek::new(reader, BUF_BYTES);
        // An I/O error here is met again (and reported) on the first read.
        let gz = raw
            .ensure(GZIP_MAGIC.len())
            .map(|h| h.starts_with(&GZIP_MAGIC[..2]))
            .unwrap_or(false);
        let inner = if gz {
            Source::Gz(Box::new(GzMembers::new(raw)))
        } else {
            Source::Plain(raw)
        };
        WarcReader {
            input: Peek::new(inner, BUF_BYTES),
            source: source.to_string(),
            opts: opts.clone(),
            extractor: Extractor::default(),
            max_record: DEFAULT_MAX_RECORD_BYTES,
            block: Vec::new(),
            done: false,
            skipped: 0,
            records: 0,
        }
    }

    /// Set the largest record read into memory (bytes of the record block, HTTP headers
    /// included). Page records over it are rejected and read past unbuffered.
    pub fn with_max_record_bytes(mut self, limit: u64) -> Self {
        self.max_record = limit;
        self
    }

    /// Records skipped because they hold no page (`warcinfo`, `request`, `metadata`,
    /// `revisit`, non-HTML `resource`, non-HTTP `response`...). Not rejects: nothing was
    /// wrong with them.
    pub fn records_skipped(&self) -> u64 {
        self.skipped
    }

    /// Records whose header was read, whatever became of them.
    pub fn records_read(&self) -> u64 {
        self.records
    }

    /// Bytes of the (uncompressed) stream consumed so far.
    pub fn offset(&self) -> u64 {
        self.input.offset()
    }

    fn reject(&self, label: &Label, problem: WarcProblem) -> Step {
        Step::Item(Item::Reject(Reject {
            origin: SourceRef {
                source: self.source.clone(),
                position: label.offset,
            },
            reason: format!("{label}: {problem}"),
        }))
    }

    /// The label of a record starting at `stream_offset` of the uncompressed stream.
    fn label_at(&mut self, stream_offset: u64) -> Label {
        match self.input.inner_mut() {
            Source::Plain(_) => Label {
                offset: stream_offset,
                ..Label::default()
            },
            Source::Gz(g) => match g.file_offset_of(stream_offset) {
                Some(offset) => Label {
                    offset,
                    ..Label::default()
                },
                None => Label {
                    offset: stream_offset,
                    uncompressed: true,
                    ..Label::default()
                },
            },
        }
    }

    /// An I/O error of the underlying reader: one reject, then the stream ends.
    fn fatal(&mut self, label: &Label, e: &io::Error) -> Step {
        self.done = true;
        self.reject(
            label,
            WarcProblem::Io {
                error: e.to_string(),
            },
        )
    }

    fn step(&mut self) -> Step {
        // Report gzip members that failed before the current position, in stream order.
        let here = self.input.offset();
        if let Some(step) = self.gzip_error_before(here) {
            return step;
        }
        // Blank lines between records (the CRLF CRLF after each block, and stray ones).
        loop {
            let buf = match self.input.ensure(1) {
                Ok(b) => b,
                Err(e) => {
                    let label = self.label_at(here);
                    return self.fatal(&label, &e);
                }
            };
            let Some(first) = buf.first() else {
                return self.end_of_stream();
            };
            if matches!(first, b'\r' | b'\n') {
                let n = buf
                    .iter()
                    .position(|c| !matches!(c, b'\r' | b'\n'))
                    .unwrap_or(buf.len());
                self.input.consume(n);
            } else {
                break;
            }
        }
        let start = self.input.offset();
        let mut label = self.label_at(start);
        let head = match self.input.ensure(VERSION_MAGIC.len()) {
            Ok(h) => h,
            Err(e) => return self.fatal(&label, &e),
        };
        if !head.starts_with(b"WARC/") {
            let found: String = String::from_utf8_lossy(head.get(..24).unwrap_or(head))
                .chars()
                .take(24)
                .collect();
            return match self.resync() {
                Ok(skipped) => self.reject(&label, WarcProblem::Garbage { found, skipped }),
                Err(e) => self.fatal(&label, &e),
            };
        }
        self.records += 1;
        let header = match self.read_header() {
            Ok(HeaderRead::Header(h)) => h,
            Ok(HeaderRead::Broken) => return self.broken(&label),
            Ok(HeaderRead::Unterminated) => {
                let problem = WarcProblem::HeaderUnterminated {
                    limit: MAX_HEADER_BYTES,
                };
                return match self.resync() {
                    Ok(_) => self.reject(&label, problem),
                    Err(e) => self.fatal(&label, &e),
                };
            }
            Err(e) => return self.fatal(&label, &e),
        };
        label.id = header.id.clone();
        label.uri = header.uri.clone();
        let len_text = header.content_length.clone().unwrap_or_default();
        let Ok(len) = len_text.trim().parse::<u64>() else {
            return match self.resync() {
                Ok(_) => self.reject(&label, WarcProblem::BadContentLength { found: len_text }),
                Err(e) => self.fatal(&label, &e),
            };
        };
        let kind = classify(&header);
        if kind == Kind::Skip {
            self.skipped += 1;
            return match self.advance(len, None) {
                Ok(Advance::Done) => Step::Skipped,
                Ok(Advance::Eof(got)) => {
                    self.done = true;
                    self.reject(&label, WarcProblem::Truncated { got, len })
                }
                Ok(Advance::Broken) => self.broken(&label),
                Err(e) => self.fatal(&label, &e),
            };
        }
        if len > self.max_record {
            let problem = WarcProblem::TooLarge {
                len,
                limit: self.max_record,
            };
            return match self.advance(len, None) {
                Ok(Advance::Broken) => self.broken(&label),
                Ok(_) => self.reject(&label, problem),
                Err(e) => self.fatal(&label, &e),
            };
        }
        let mut block = std::mem::take(&mut self.block);
        block.clear();
        let step = match self.advance(len, Some(&mut block)) {
            Err(e) => self.fatal(&label, &e),
            Ok(Advance::Eof(got)) => {
                self.done = true;
                self.reject(&label, WarcProblem::Truncated { got, len })
            }
            Ok(Advance::Broken) => self.broken(&label),
            Ok(Advance::Done) if self.member_failed(&label) => self.broken(&label),
            Ok(Advance::Done) => match self.page(&block, &header, kind, &label) {
                Ok(item) => Step::Item(item),
                Err(problem) => self.reject(&label, problem),
            },
        };
        // Keep the buffer for the next record unless one huge record inflated it.
        if block.capacity() <= 4 * 1024 * 1024 {
            self.block = block;
        }
        step
    }

    /// The end of the input: any gzip failure not yet reported comes first.
    fn end_of_stream(&mut self) -> Step {
        self.gzip_error_before(u64::MAX).unwrap_or(Step::End)
    }

    /// The reject of the first gzip member that failed before uncompressed offset `pos`
    /// and is not yet reported (plain inputs have none).
    fn gzip_error_before(&mut self, pos: u64) -> Option<Step> {
        let Source::Gz(g) = self.input.inner_mut() else {
            return None;
        };
        let err = g.take_error_before(pos)?;
        let label = Label {
            offset: err.file_offset,
            ..Label::default()
        };
        Some(self.reject(
            &label,
            WarcProblem::CorruptGzip {
                file_offset: err.file_offset,
                error: err.message,
            },
        ))
    }

    /// Read the record header at the current position (which starts with `WARC/`).
    fn read_header(&mut self) -> io::Result<HeaderRead> {
        let mut want = 256usize;
        loop {
            let buf = self.input.ensure(want)?;
            let (len, end) = (buf.len(), header_end(buf));
            // A gzip member that broke inside the header: what follows is another member.
            let here = self.input.offset();
            let broken = |f: u64| match end {
                Some(e) => f < here + e as u64,
                None => f <= here + len as u64,
            };
            if let Some(f) = self.next_failure()
                && broken(f)
            {
                let n = usize::try_from(f.saturating_sub(here)).unwrap_or(usize::MAX);
                self.input.consume(n);
                return Ok(HeaderRead::Broken);
            }
            if let Some(end) = end {
                let header = parse_header(self.input.buffered().get(..end).unwrap_or_default());
                self.input.consume(end);
                return Ok(HeaderRead::Header(header));
            }
            if len < want || len >= MAX_HEADER_BYTES {
                return Ok(HeaderRead::Unterminated);
            }
            want = (want * 4).min(MAX_HEADER_BYTES);
        }
    }

    /// The stream offset of the first gzip failure not yet reported: decoded bytes from
    /// there on belong to a later member, not to the record being read.
    fn next_failure(&mut self) -> Option<u64> {
        match self.input.inner_mut() {
            Source::Plain(_) => None,
            Source::Gz(g) => g.failures.front().map(|f| f.stream_offset),
        }
    }

    /// Whether the gzip member that starts with the record at `label` (just read) fails
    /// its checks. Damaged deflate data can decode to the right number of wrong bytes,
    /// caught only by the checksum at the member's end: decoding a little further makes
    /// the member finish before its record is used. When it failed, the reader moves to
    /// where the next member's output starts.
    fn member_failed(&mut self, label: &Label) -> bool {
        if label.uncompressed || !matches!(self.input.inner_mut(), Source::Gz(_)) {
            return false;
        }
        // An I/O error is met again, and reported, by the next step.
        if self.input.ensure(BUF_BYTES / 2).is_err() {
            return false;
        }
        let here = self.input.offset();
        let Source::Gz(g) = self.input.inner_mut() else {
            return false;
        };
        let Some(f) = g
            .failures
            .front()
            .filter(|f| f.file_offset == label.offset)
            .map(|f| f.stream_offset)
        else {
            return false;
        };
        let n = usize::try_from(f.saturating_sub(here)).unwrap_or(usize::MAX);
        self.input.consume(n);
        true
    }

    /// The record at `label` was cut by a corrupt gzip member: report the member (the
    /// reader is now at the start of the next one).
    fn broken(&mut self, label: &Label) -> Step {
        let failure = match self.input.inner_mut() {
            Source::Gz(g) => g.failures.pop_front(),
            Source::Plain(_) => None,
        };
        let (file_offset, error) = failure
            .map(|f| (f.file_offset, f.message))
            .unwrap_or_default();
        self.reject(label, WarcProblem::CorruptGzip { file_offset, error })
    }

    /// Consume `len` bytes of the record (kept in `keep` when given), stopping early at
    /// the end of the input or where a broken gzip member was left off.
    fn advance(&mut self, len: u64, mut keep: Option<&mut Vec<u8>>) -> io::Result<Advance> {
        if let Some(v) = keep.as_deref_mut() {
            // The limit bounds `len`; grow past 1 MiB only as bytes arrive.
            v.reserve(usize::try_from(len.min(1 << 20)).unwrap_or(0));
        }
        let mut got = 0u64;
        while got < len {
            let avail = self.input.ensure(1)?.len() as u64;
            if avail == 0 {
                return Ok(Advance::Eof(got));
            }
            let here = self.input.offset();
            let mut n = avail.min(len - got);
            if let Some(f) = self.next_failure() {
                if f <= here {
                    return Ok(Advance::Broken);
                }
                n = n.min(f - here);
            }
            // `n <= avail`, a buffer length.
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            if let Some(v) = keep.as_deref_mut() {
                v.extend_from_slice(self.input.buffered().get(..n).unwrap_or_default());
            }
            self.input.consume(n);
            got += n as u64;
        }
        Ok(Advance::Done)
    }

    /// Skip to the next `WARC/1.` after the current position (at least one byte on).
    /// Returns how many bytes were skipped.
    fn resync(&mut self) -> io::Result<u64> {
        let mut skipped = self.input.skip(1)?;
        loop {
            let buf = self.input.ensure(VERSION_MAGIC.len())?;
            if buf.len() < VERSION_MAGIC.len() {
                let n = buf.len();
                self.input.consume(n);
                return Ok(skipped + n as u64);
            }
            if let Some(p) = memmem::find(buf, VERSION_MAGIC) {
                self.input.consume(p);
                return Ok(skipped + p as u64);
            }
            let n = buf.len() - (VERSION_MAGIC.len() - 1);
            self.input.consume(n);
            skipped += n as u64;
        }
    }

    /// Turn a page record's block into an article.
    fn page(
        &self,
        block: &[u8],
        header: &Header,
        kind: Kind,
        label: &Label,
    ) -> Result<Item, WarcProblem> {
        let (body, content_type) = match kind {
            Kind::Response => {
                let http = parse_http(block)?;
                if http.status != 200 {
                    return Err(WarcProblem::Status {
                        code: http.status,
                        reason: http.reason,
                        location: http.location,
                    });
                }
                check_html_type(http.content_type.as_deref())?;
                let partial = header.truncated.is_some();
                let body = decode_body(&http, self.extractor.max_bytes, partial)?;
                (body, http.content_type)
            }
            _ => (
                std::borrow::Cow::Borrowed(block),
                header.content_type.clone(),
            ),
        };
        let ctx = PageContext {
            url: header.uri.as_deref(),
            content_type: content_type.as_deref(),
        };
        let mut draft = self
            .extractor
            .extract(&body, &ctx)
            .and_then(crate::html::Extracted::into_draft)
            .map_err(WarcProblem::Page)?;
        if draft.published.is_none() {
            draft.published = header.date.clone();
        }
        let origin = SourceRef {
            source: self.source.clone(),
            position: label.offset,
        };
        draft
            .finish(origin, &self.opts)
            .map(Item::Article)
            .map_err(WarcProblem::Page)
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                // Failures recorded before an I/O error or truncation still get reported.
                return match self.end_of_stream() {
                    Step::Item(item) => Some(item),
                    _ => None,
                };
            }
            match self.step() {
                Step::Item(item) => return Some(item),
                Step::Skipped => {}
                Step::End => {
                    self.done = true;
                    return None;
                }
            }
        }
    }
}

/// How reading a record header ended.
enum HeaderRead {
    Header(Header),
    /// No blank line within [`MAX_HEADER_BYTES`] or before the end.
    Unterminated,
    /// A gzip member broke inside it.
    Broken,
}

/// How consuming a record block ended.
enum Advance {
    Done,
    /// The input ended after this many bytes.
    Eof(u64),
    /// A gzip member broke inside it; the reader is at the next member.
    Broken,
}

/// What to do with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An HTTP response: status and headers, then the page.
    Response,
    /// A resource of an HTML type: the block is the page.
    Resource,
    /// No page here.
    Skip,
}

fn classify(h: &Header) -> Kind {
    let t = h
        .warc_type
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match t.as_str() {
        "response" => {
            let uri = h.uri.as_deref().unwrap_or_default().to_ascii_lowercase();
            let ct = h
                .content_type
                .as_deref()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let http_uri = uri.starts_with("http:") || uri.starts_with("https:");
            if http_uri || ct.starts_with("application/http") {
                Kind::Response
            } else {
                Kind::Skip
            }
        }
        "resource" => {
            if is_html_type(h.content_type.as_deref()) {
                Kind::Resource
            } else {
                Kind::Skip
            }
        }
        _ => Kind::Skip,
    }
}

/// The end (exclusive, blank line included) of a header block at the start of `buf`:
/// the first empty line, CRLF or LF.
fn header_end(buf: &[u8]) -> Option<usize> {
    let crlf = memmem::find(buf, b"\n\r\n").map(|p| p + 3);
    let lf = memmem::find(buf, b"\n\n").map(|p| p + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Split a header block into `(name, value)` fields: one per line after the first
/// (version or status) line, continuation lines (starting with a space or tab) joined to
/// the field before them, lines without a colon ignored.
fn fields(block: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(block);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split('\n').skip(1) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            out.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    out
}

fn parse_header(block: &[u8]) -> Header {
    let mut h = Header::default();
    for (name, value) in fields(block) {
        let slot = match name.as_str() {
            "warc-type" => &mut h.warc_type,
            "warc-record-id" => &mut h.id,
            "warc-target-uri" => &mut h.uri,
            "warc-date" => &mut h.date,
            "content-type" => &mut h.content_type,
            "content-length" => &mut h.content_length,
            "warc-truncated" => &mut h.truncated,
            _ => continue,
        };
        if slot.is_none() {
            // WARC 1.0 drafts wrote the URI in angle brackets.
            let v = value
                .strip_prefix('<')
                .and_then(|v| v.strip_suffix('>'))
                .filter(|_| name == "warc-target-uri")
                .map(str::to_string)
                .unwrap_or(value);
            *slot = Some(v);
        }
    }
    h
}

/// The parts of an HTTP response that decide whether and how its body is a page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Http<'a> {
    status: u16,
    reason: String,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
    location: Option<String>,
    body: &'a [u8],
}

/// Parse the status line and headers of an HTTP response block.
fn parse_http(block: &[u8]) -> Result<Http<'_>, WarcProblem> {
    let bad = |what: &str| WarcProblem::BadHttp {
        what: what.to_string(),
    };
    if !block.starts_with(b"HTTP/") {
        let found: String = String::from_utf8_lossy(block.get(..16).unwrap_or(block))
            .chars()
            .take(16)
            .collect();
        return Err(WarcProblem::BadHttp {
            what: format!("no status line (block starts with {found:?})"),
        });
    }
    let scan = block.get(..MAX_HEADER_BYTES).unwrap_or(block);
    let end = header_end(scan).ok_or_else(|| bad("no blank line after the HTTP headers"))?;
    let head = block.get(..end).unwrap_or_default();
    let body = block.get(end..).unwrap_or_default();
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    let mut parts = first.trim_end().splitn(3, ' ');
    let _version = parts.next();
    let status = parts
        .next()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .filter(|s| (100..1000).contains(s))
        .ok_or_else(|| WarcProblem::BadHttp {
            what: format!("bad status line {:?}", first.trim_end()),
        })?;
    let reason = parts.next().unwrap_or_default().trim().to_string();
    let mut http = Http {
        status,
        reason,
        content_type: None,
        content_encoding: None,
        chunked: false,
        location: None,
        body,
    };
    for (name, value) in fields(head) {
        match name.as_str() {
            "content-type" if http.content_type.is_none() => http.content_type = Some(value),
            "content-encoding" if http.content_encoding.is_none() => {
                http.content_encoding = Some(value)
            }
            "transfer-encoding" => {
                http.chunked |= value.to_ascii_lowercase().contains("chunked");
            }
            "location" if http.location.is_none() => http.location = Some(value),
            _ => {}
        }
    }
    Ok(http)
}

fn is_html_type(ct: Option<&str>) -> bool {
    let m = crate::html::charset::media_type(ct.unwrap_or_default());
    matches!(m.as_str(), "text/html" | "application/xhtml+xml")
}

/// Accept HTML types, and types that say nothing (absent, `application/octet-stream`,
/// `unknown/unknown`): the extractor sniffs those and rejects what is not HTML.
fn check_html_type(ct: Option<&str>) -> Result<(), WarcProblem> {
    let m = crate::html::charset::media_type(ct.unwrap_or_default());
    match m.as_str() {
        ""
        | "text/html"
        | "application/xhtml+xml"
        | "application/octet-stream"
        | "unknown/unknown"
        | "application/unknown" => Ok(()),
        _ => Err(WarcProblem::NotHtml { content_type: m }),
    }
}

/// The page bytes of a response body: chunking removed, content encoding decoded
/// (at most `limit` bytes out).
fn decode_body<'a>(
    http: &Http<'a>,
    limit: usize,
    partial: bool,
) -> Result<std::borrow::Cow<'a, [u8]>, WarcProblem> {
    use std::borrow::Cow;
    let body: Cow<'a, [u8]> = if http.chunked {
        match dechunk(http.body) {
            Some(b) => Cow::Owned(b),
            // Not chunked after all: some crawlers store the decoded payload and keep
            // the header.
            None => Cow::Borrowed(http.body),
        }
    } else {
        Cow::Borrowed(http.body)
    };
    let encoding = http
        .content_encoding
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let bad = |error: String| WarcProblem::BadEncoding {
        encoding: encoding.clone(),
        error,
    };
    match encoding.as_str() {
        "" | "identity" | "none" => Ok(body),
        // Already decoded by the crawler when there is no gzip header.
        "gzip" | "x-gzip" if !body.starts_with(&GZIP_MAGIC[..2]) => Ok(body),
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..]), limit, partial)
            .map(Cow::Owned)
            .map_err(bad),
        "deflate" => {
            // Servers send zlib-wrapped (as the RFC says) or raw deflate; try both.
            inflate(flate2::read::ZlibDecoder::new(&body[..]), limit, partial)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), limit, partial))
                .map(Cow::Owned)
                .map_err(bad)
        }
        _ => Err(WarcProblem::UnsupportedEncoding { encoding }),
    }
}

/// Read a decoder to the end, refusing more than `limit` bytes. With `partial` (a payload
/// the crawler cut short), a stream that breaks off keeps what was decoded before, if
/// anything: the start of a page still holds its article.
fn inflate(mut dec: impl Read, limit: usize, partial: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    // On an error, `read_to_end` keeps the bytes read before it in `out`.
    if let Err(e) = (&mut dec).take(cap).read_to_end(&mut out)
        && (!partial || out.is_empty())
    {
        return Err(e.to_string());
    }
    if out.len() > limit {
        return Err(format!("more than {limit} bytes once decoded"));
    }
    Ok(out)
}

/// Remove HTTP/1.1 chunked transfer coding. `None` when the body does not start with a
/// chunk-size line. A body cut short (a truncated capture) keeps what is there.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut first = true;
    loop {
        let Some(nl) = memchr::memchr(b'\n', body) else {
            return (!first).then_some(out);
        };
        let line = String::from_utf8_lossy(body.get(..nl).unwrap_or_default());
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return (!first).then_some(out);
        };
        first = false;
        body = body.get(nl + 1..).unwrap_or_default();
        if size == 0 {
            return Some(out);
        }
        let take = size.min(body.len());
        out.extend_from_slice(body.get(..take).unwrap_or_default());
        body = body.get(take..).unwrap_or_default();
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
        if body.is_empty() {
            return Some(out);
        }
    }
}

/// A buffered reader that can look ahead a bounded number of bytes and knows its offset.
///
/// `BufReader` cannot be asked for "at least n bytes" (its `fill_buf` returns what is
/// left of the buffer), which is what finding a magic string across buffer boundaries
/// needs.
struct Peek<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Stream offset of `buf[pos]`.
    offset: u64,
    eof: bool,
}

impl<R: Read> Peek<R> {
    fn new(inner: R, capacity: usize) -> Self {
        Peek {
            inner,
            buf: vec![0; capacity.max(16)],
            pos: 0,
            end: 0,
            offset: 0,
            eof: false,
        }
    }

    fn offset(&self) -> u64 {
        self.offset
    }

    fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    fn buffered(&self) -> &[u8] {
        self.buf.get(self.pos..self.end).unwrap_or_default()
    }

    /// Have at least `n` bytes buffered (at most the capacity), fewer only at the end of
    /// the input; returns the buffered bytes.
    fn ensure(&mut self, n: usize) -> io::Result<&[u8]> {
        let n = n.min(self.buf.len());
        if self.end - self.pos < n && !self.eof {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            }
            while self.end < n {
                let free = self.buf.get_mut(self.end..).unwrap_or_default();
                match self.inner.read(free) {
                    Ok(0) => {
                        self.eof = true;
                        break;
                    }
                    Ok(k) => self.end += k,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(self.buffered())
    }

    /// Read past `n` bytes without keeping them; fewer only at the end of the input.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut done = 0u64;
        while done < n {
            if self.pos == self.end {
                if self.eof {
                    break;
                }
                self.pos = 0;
                self.end = 0;
                if self.ensure(1)?.is_empty() {
                    break;
                }
            }
            let avail = (self.end - self.pos) as u64;
            let k = avail.min(n - done);
            // `k <= avail`, which is a usize.
            self.consume(usize::try_from(k).unwrap_or(usize::MAX));
            done += k;
        }
        Ok(done)
    }
}

impl<R: Read> Read for Peek<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.end {
            if self.eof || out.is_empty() {
                return Ok(0);
            }
            if out.len() >= self.buf.len() {
                let n = self.inner.read(out)?;
                if n == 0 {
                    self.eof = true;
                }
                self.offset += n as u64;
                return Ok(n);
            }
            self.ensure(1)?;
        }
        let avail = self.buffered();
        let n = avail.len().min(out.len());
        if let (Some(dst), Some(src)) = (out.get_mut(..n), avail.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Peek<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end && !self.eof {
            self.pos = 0;
            self.end = 0;
            return self.ensure(1);
        }
        Ok(self.buffered())
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }
}

/// The bytes under the WARC parser: the file itself, or its gzip members decoded.
enum Source<R: Read> {
    Plain(Peek<R>),
    Gz(Box<GzMembers<R>>),
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(p) => p.read(out),
            Source::Gz(g) => g.read(out),
        }
    }
}

/// A gzip member that failed to decode.
#[derive(Debug, Clone)]
struct GzFailure {
    /// Where the member starts in the file.
    file_offset: u64,
    /// How much had been decoded (stream offset) when it failed.
    stream_offset: u64,
    message: String,
}

enum GzState<R: Read> {
    /// Between members: the next byte starts a member (or the input ends).
    Between(Peek<R>),
    /// Inside the member that starts at `start` in the file.
    In {
        dec: flate2::bufread::GzDecoder<Peek<R>>,
        start: u64,
    },
}

/// Concatenated gzip members decoded one after the other. A member that fails is
/// recorded (not returned as an error, so that the bytes decoded before it stay
/// readable) and decoding goes on at the next gzip header.
struct GzMembers<R: Read> {
    state: Option<GzState<R>>,
    /// Decoded bytes produced so far.
    produced: u64,
    /// `(stream offset, file offset)` of members started and not yet asked about.
    members: VecDeque<(u64, u64)>,
    failures: VecDeque<GzFailure>,
}

impl<R: Read> GzMembers<R> {
    fn new(raw: Peek<R>) -> Self {
        GzMembers {
            state: Some(GzState::Between(raw)),
            produced: 0,
            members: VecDeque::new(),
            failures: VecDeque::new(),
        }
    }

    /// The file offset of the member that starts at `stream_offset` of the decoded
    /// stream, if one does. Offsets must be asked in increasing order (earlier members
    /// are forgotten).
    fn file_offset_of(&mut self, stream_offset: u64) -> Option<u64> {
        while self
            .members
            .front()
            .is_some_and(|&(s, _)| s < stream_offset)
        {
            self.members.pop_front();
        }
        // Empty members share a stream offset with the next one; the last of them is the
        // one holding the record.
        let mut found = None;
        while let Some(&(s, f)) = self.members.front() {
            if s != stream_offset {
                break;
            }
            found = Some(f);
            if self.members.get(1).is_some_and(|&(s2, _)| s2 == s) {
                self.members.pop_front();
            } else {
                break;
            }
        }
        found
    }

    /// The first recorded failure at or before `stream_offset`.
    fn take_error_before(&mut self, stream_offset: u64) -> Option<GzFailure> {
        if self
            .failures
            .front()
            .is_some_and(|f| f.stream_offset <= stream_offset)
        {
            self.failures.pop_front()
        } else {
            None
        }
    }
}

/// Move `p` to the next gzip header (or the end of the input).
fn seek_gzip_magic<R: Read>(p: &mut Peek<R>) -> io::Result<()> {
    loop {
        let buf = p.ensure(GZIP_MAGIC.len())?;
        if buf.len() < GZIP_MAGIC.len() {
            let n = buf.len();
            p.consume(n);
            return Ok(());
        }
        if let Some(at) = memmem::find(buf, GZIP_MAGIC) {
            p.consume(at);
            return Ok(());
        }
        let n = buf.len() - (GZIP_MAGIC.len() - 1);
        p.consume(n);
    }
}

impl<R: Read> Read for GzMembers<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(state) = self.state.take() else {
                return Ok(0);
            };
            match state {
                GzState::Between(mut p) => {
                    match p.ensure(1) {
                        Ok([]) => return Ok(0),
                        Ok(_) => {}
                        Err(e) => {
                            self.state = Some(GzState::Between(p));
                            return Err(e);
                        }
                    }
                    let start = p.offset();
                    self.members.push_back((self.produced, start));
                    self.state = Some(GzState::In {
                        dec: flate2::bufread::GzDecoder::new(p),
                        start,
                    });
                }
                GzState::In { mut dec, start } => match dec.read(out) {
                    Ok(0) => self.state = Some(GzState::Between(dec.into_inner())),
                    Ok(n) => {
                        self.produced += n as u64;
                        self.state = Some(GzState::In { dec, start });
                        return Ok(n);
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                        self.state = Some(GzState::In { dec, start });
                    }
                    Err(e) => {
                        let mut p = dec.into_inner();
                        let at_end = matches!(p.ensure(1), Ok([]));
                        let message = if at_end {
                            format!("the file ends inside this member, truncated ({e})")
                        } else {
                            format!("{e}; reading goes on at the next member")
                        };
                        self.failures.push_back(GzFailure {
                            file_offset: start,
                            stream_offset: self.produced,
                            message,
                        });
                        let moved = if p.offset() == start {
                            p.skip(1)
                        } else {
                            Ok(1)
                        };
                        let sought = moved.and_then(|_| seek_gzip_magic(&mut p));
                        self.state = Some(GzState::Between(p));
                        sought?;
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_parsing() {
        let block = b"HTTP/1.1 301 Moved Permanently\r\nLocation: https://a.example/x\r\nContent-Type: text/html\r\n\r\n<html>";
        let h = parse_http(block).expect("parses");
        assert_eq!(h.status, 301);
        assert_eq!(h.reason, "Moved Permanently");
        assert_eq!(h.location.as_deref(), Some("https://a.example/x"));
        assert_eq!(h.body, b"<html>");
        assert!(parse_http(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_http(b"HTTP/1.1 abc\r\n\r\n").is_err());
        assert!(parse_http(b"HTTP/1.1 200 OK\r\nno end").is_err());
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n7;x=1\r\n, world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello, world"[..])
        );
        // Cut short: keeps what is there.
        assert_eq!(dechunk(b"a\r\nhello").as_deref(), Some(&b"hello"[..]));
        // Not chunked at all.
        assert_eq!(dechunk(b"<html>\r\n"), None);
    }

    #[test]
    fn header_fields() {
        let h = parse_header(
            b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <https://a.example/>\r\nContent-Length: 12\r\nX-Long: a\r\n  b\r\n\r\n",
        );
        assert_eq!(h.warc_type.as_deref(), Some("response"));
        assert_eq!(h.uri.as_deref(), Some("https://a.example/"));
        assert_eq!(h.content_length.as_deref(), Some("12"));
        assert_eq!(header_end(b"WARC/1.0\nA: b\n\nrest"), Some(15));
    }

    #[test]
    fn content_types() {
        assert!(check_html_type(Some("text/html; charset=ISO-8859-1")).is_ok());
        assert!(check_html_type(None).is_ok());
        assert_eq!(
            check_html_type(Some("image/png")),
            Err(WarcProblem::NotHtml {
                content_type: "image/png".into()
            })
        );
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_warc(b"\r\nWARC/1.1\r\n"));
        assert!(!looks_like_warc(b"<html>"));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"WARC/1.0\r\nWARC-Type: warcinfo\r\n").expect("gz");
        let gz = gz.finish().expect("gz");
        assert!(looks_like_warc(&gz));
        assert!(is_warc_path(std::path::Path::new("a/CC-NEWS-1.WARC.GZ")));
        assert!(!is_warc_path(std::path::Path::new("a.warc.txt")));
    }

    #[test]
    fn peek_finds_across_boundaries() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut p = Peek::new(&data[..], 16);
        p.consume(0);
        let mut all = Vec::new();
        p.read_to_end(&mut all).expect("read");
        assert_eq!(all, data);
        let mut p = Peek::new(&data[..], 16);
        assert_eq!(p.skip(99_990).expect("skip"), 99_990);
        assert_eq!(p.offset(), 99_990);
        assert_eq!(p.skip(50).expect("skip"), 10);
    }
}
