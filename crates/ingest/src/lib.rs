//! `newsdesk-ingest`: turns bytes from a source into [`Article`]s.
//!
//! Local sources: plain-text files, JSON Lines files, HTML pages (`.html`, `.htm`, also
//! gzipped: the [`html`] extractor), WARC archives (`.warc`, `.warc.gz`: the [`warc`]
//! reader), directories of them and stdin. Web sources have their own parts, driven by the
//! CLI: [`feed`] (RSS, Atom, JSON Feed, OPML) and [`fetch`] (HTTP with timeouts, size
//! limits, conditional GET and per-host politeness); their pages go through the same
//! extractor and [`Draft`]. The entry point for local sources is
//! [`Reader`] (or [`read_all`]): an iterator of [`Item`]s over a list of [`Input`]s that
//! streams (one file open at a time, JSONL line by line with a bounded buffer) and keeps
//! input order, so an engine can batch it and a CLI can print results in order.
//!
//! Two rules shape everything here:
//!
//! * **Nothing read is silently dropped.** Every input item becomes an
//!   [`Item::Article`] or an [`Item::Reject`] whose reason (a [`RejectReason`], rendered
//!   to text) says what is wrong and whose origin says where (path as given, or `-`, and
//!   the 1-based line for JSONL, 0 for a whole file). A bad item never stops the run.
//! * **Text is normalised once, here.** `\r\n` becomes `\n`, then NFC; every span anywhere
//!   in newsdesk is a byte offset into that normalised text. Plain-text files are also
//!   trimmed (their title taken out); JSONL texts are not trimmed, so that offsets that
//!   outside scripts compute on the given text stay valid.
//!
//! ```no_run
//! use newsdesk_ingest::{Input, Item, Options, Reader};
//! let mut reader = Reader::new([Input::parse("articles.jsonl"), Input::parse("-")], Options::default());
//! for item in reader.by_ref() {
//!     match item {
//!         Item::Article(a) => println!("{} {}", a.id, a.title.unwrap_or_default()),
//!         Item::Reject(r) => eprintln!("rejected {r}"),
//!     }
//! }
//! eprintln!("{:?}", reader.summary());
//! ```

#![warn(missing_docs)]

mod article;
pub mod feed;
pub mod fetch;
pub mod html;
mod jsonl;
mod reader;
mod reason;
mod stream;
mod text;
pub mod warc;

pub use article::{Draft, SNIFF_BYTES, decode_utf8, inspect_head, normalise_text};
pub use jsonl::{DATE_FIELDS, JsonlReader, TEXT_FIELDS, parse_jsonl_line};
pub use reader::{Reader, Summary, read_all};
pub use reason::{Error, RejectReason};
pub use stream::{Items, read_html, read_stream, sniff};
pub use text::{MAX_TITLE_CHARS, parse_text, read_text};

use newsdesk_core::{Article, Reject, SourceRef};
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// One result of reading input: an article, or an item that could not become one.
///
/// A single type for both keeps them in input order in one stream, which is what lets the
/// CLI print one output line per input line and the engine log rejects where they occur.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A readable article, normalised and with its stable id.
    Article(Article),
    /// An input item that could not become an article, with where it was and why.
    Reject(Reject),
}

impl Item {
    /// Where the item came from, whichever it is (for progress and logs).
    pub fn origin(&self) -> &SourceRef {
        match self {
            Item::Article(a) => &a.origin,
            Item::Reject(r) => &r.origin,
        }
    }
}

/// One input named by the user: a path (file or directory) or stdin.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file (read whatever its extension, sniffed when unknown) or a directory (walked).
    Path(PathBuf),
    /// Standard input, sniffed like a file of unknown extension. Named `-` in origins.
    Stdin,
}

impl Input {
    /// A command-line argument as an input: `-` is stdin, anything else a path. Infallible,
    /// because whether a path can be read is only known when reading it (and is then a
    /// reject, not an error).
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The name used in origins: the path as given, or `-`.
    pub fn name(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Stdin => f.write_str("-"),
        }
    }
}

impl From<PathBuf> for Input {
    fn from(p: PathBuf) -> Self {
        Input::Path(p)
    }
}

/// How to read an input's bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// By extension (`.jsonl`/`.ndjson`, `.txt`/`.text`, `.html`/`.htm`/`.html.gz`), else
    /// sniffed: first non-whitespace byte `{` means JSONL, `<` HTML, anything else plain
    /// text.
    #[default]
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// The whole input is one article.
    Text,
    /// The whole input is one web page (possibly gzipped), run through the extractor.
    Html,
}

impl FromStr for Format {
    type Err = Error;

    /// `auto`, `jsonl` (or `ndjson`), `text` (or `txt`), `html` (or `htm`),
    /// case-insensitive: the values of the CLI's `--format`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Format::Auto),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            "text" | "txt" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(Error::UnknownFormat(s.to_string())),
        }
    }
}

/// Settings of a read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Forces the format of every input read (see [`Format`]); `Auto` by default.
    pub format: Format,
    /// The largest article text accepted, in bytes (default 5 000 000). Bounds memory per
    /// article and keeps a mis-split dump from becoming one giant "article".
    pub max_text_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Auto,
            max_text_bytes: Options::DEFAULT_MAX_TEXT_BYTES,
        }
    }
}

impl Options {
    /// The default of [`Options::max_text_bytes`].
    pub const DEFAULT_MAX_TEXT_BYTES: usize = 5_000_000;

    /// The longest JSONL line buffered: twice the text limit (JSON escapes such as
    /// `\u00e9` make the encoded text longer than the text) plus 64 KiB for metadata.
    /// Longer lines are skipped unbuffered and rejected.
    pub fn max_line_bytes(&self) -> usize {
        self.max_text_bytes
            .saturating_mul(2)
            .saturating_add(64 * 1024)
    }
}
