//! Why an input item could not become an article.
//!
//! Every reject carries one of these, rendered to text in [`newsdesk_core::Reject::reason`].
//! They are an enum (rather than ad-hoc strings) so that the message formats live in one
//! place, callers can match on the kind when they want to count rejects by cause, and tests
//! can build the exact expected text.

use std::io;

/// What was wrong with an input item. The `Display` text is the reject's `reason`.
///
/// Messages name the offending field, byte offset or limit, so that a user reading the
/// rejects log can fix the input without re-running with a debugger.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RejectReason {
    /// A JSONL line that serde_json could not parse.
    #[error("malformed JSON at column {column}: {message}")]
    MalformedJson {
        /// serde's 1-based column in the line.
        column: usize,
        /// serde's message, without its "at line L column C" suffix.
        message: String,
    },

    /// A JSONL line holding valid JSON that is not an object (an array, string, ...).
    #[error("not a JSON object: the line holds {found}")]
    NotAnObject {
        /// The JSON type found, with its article ("an array").
        found: &'static str,
    },

    /// A JSONL object without any of the text fields.
    #[error("missing text: none of the fields `text`, `article`, `body`, `content` holds a string")]
    MissingText,

    /// A JSONL object whose text field is not a string (and no other text field is).
    #[error("wrong type for field `{field}`: expected a string, found {found}")]
    TextWrongType {
        /// The first text field with a wrong type.
        field: &'static str,
        /// The JSON type it holds, with its article ("a number").
        found: &'static str,
    },

    /// The text is empty or whitespace only: there is nothing to analyse.
    #[error("empty text: nothing but whitespace")]
    EmptyText,

    /// Bytes that are not UTF-8, too many to repair with U+FFFD without losing meaning.
    #[error(
        "invalid UTF-8: {count} invalid byte sequence(s), the first at byte offset {first_offset} of the {scope}"
    )]
    InvalidUtf8 {
        /// How many invalid sequences there are.
        count: usize,
        /// The byte offset of the first one, from the start of `scope`.
        first_offset: usize,
        /// `"line"` (a JSONL line) or `"input"` (a whole text file or stream).
        scope: &'static str,
    },

    /// A text (JSONL text field after decoding) larger than `Options::max_text_bytes`.
    #[error("text is {len} bytes, over the limit of {limit} bytes")]
    TextTooLong {
        /// The text's length in bytes.
        len: usize,
        /// `Options::max_text_bytes`.
        limit: usize,
    },

    /// A text file whose size (from its metadata) is over the limit: it was not read.
    #[error("file is {len} bytes, over the limit of {limit} bytes for one text article; not read")]
    FileTooLarge {
        /// The file's size in bytes.
        len: u64,
        /// `Options::max_text_bytes`.
        limit: usize,
    },

    /// A text stream (stdin, a pipe) that went past the limit while reading; reading stopped.
    #[error("input is over the limit of {limit} bytes for one text article; not read further")]
    InputTooLarge {
        /// `Options::max_text_bytes`.
        limit: usize,
    },

    /// A JSONL line longer than `Options::max_line_bytes()`; it was skipped without being
    /// buffered.
    #[error("line is {len} bytes, over the limit of {limit} bytes; skipped")]
    LineTooLong {
        /// The line's full length in bytes, without its newline.
        len: u64,
        /// `Options::max_line_bytes()`.
        limit: usize,
    },

    /// Binary data: a NUL byte among the first 8 KiB.
    #[error("binary data: NUL byte at offset {offset}")]
    BinaryNul {
        /// The byte offset of the first NUL.
        offset: usize,
    },

    /// Binary data: more than 10% control characters among the first 8 KiB.
    #[error("binary data: {percent}% of the first {sampled} bytes are control characters")]
    BinaryControl {
        /// The share of control characters, in percent (rounded down).
        percent: usize,
        /// How many bytes were inspected.
        sampled: usize,
    },

    /// A UTF-16 byte order mark: the input is text, but not in the encoding we read.
    #[error("UTF-16 text is not supported (byte order mark found); convert the input to UTF-8")]
    Utf16,

    /// An HTML page that is not an article: a listing, a paywall or consent wall, an error
    /// page, or something else (see `html::PageType`). Rejected rather than ingested so
    /// that menus and teasers never become "articles".
    #[error("not an article: the page is {}", page_type_phrase(page_type))]
    NotAnArticle {
        /// `listing`, `wall`, `error` or `other`.
        page_type: &'static str,
    },

    /// An HTML page in which no article text was found.
    #[error("no article text found in the page")]
    NoArticleText,

    /// A file read as HTML (by its extension) that holds no HTML markup.
    #[error("not HTML: no markup found at the start of the input")]
    NotHtml,

    /// A gzip file (`.html.gz`) that is corrupt or truncated.
    #[error("cannot decompress gzip data: {error}")]
    BadGzip {
        /// What the decoder said.
        error: String,
    },

    /// A file that could not be opened (not found, permission denied, ...).
    #[error("cannot open {path}: {error}")]
    Open {
        /// The path as given (or as found in a directory).
        path: String,
        /// The OS error.
        error: String,
    },

    /// An I/O error while reading an opened file or stdin. Reading that source stops.
    #[error("cannot read {path}: {error}")]
    Read {
        /// The path as given, or `-`.
        path: String,
        /// The OS error.
        error: String,
    },

    /// A directory that could not be listed (or an entry of it that could not be read).
    #[error("cannot read directory {path}: {error}")]
    ReadDir {
        /// The directory's path.
        path: String,
        /// The OS error.
        error: String,
    },

    /// A non-regular file (FIFO, socket, device) found inside a directory: reading it could
    /// block forever, so it is reported instead. Named explicitly, such files are read.
    #[error("{path} is not a regular file; skipped")]
    NotRegularFile {
        /// Its path.
        path: String,
    },
}

/// How a page type reads in a reject reason.
fn page_type_phrase(t: &str) -> &'static str {
    match t {
        "listing" => "a listing (links to other pages)",
        "wall" => "a paywall or consent wall",
        "error" => "an error page",
        _ => "of another kind (too little text, or a product, forum or tool page)",
    }
}

impl RejectReason {
    /// An I/O error while opening `path`.
    pub(crate) fn open(path: &str, e: &io::Error) -> Self {
        RejectReason::Open {
            path: path.to_string(),
            error: e.to_string(),
        }
    }

    /// An I/O error while reading `path`.
    pub(crate) fn read(path: &str, e: &io::Error) -> Self {
        RejectReason::Read {
            path: path.to_string(),
            error: e.to_string(),
        }
    }

    /// An I/O error while listing the directory `path`.
    pub(crate) fn read_dir(path: &str, e: &io::Error) -> Self {
        RejectReason::ReadDir {
            path: path.to_string(),
            error: e.to_string(),
        }
    }
}

/// Errors of this crate's API itself (as opposed to rejects of input data, which are
/// [`RejectReason`]s inside [`crate::Item::Reject`] and never stop a run).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A `--format` value that is not `auto`, `jsonl`, `text` or `html`.
    #[error("unknown input format {0:?}: expected `auto`, `jsonl`, `text` or `html`")]
    UnknownFormat(String),
}

/// The JSON type of a value, with an article, for messages ("found a number").
pub(crate) fn json_type(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
