//! The streaming reader over a list of inputs: files, directories and stdin.

use crate::stream::{Items, read_stream_sized};
use crate::warc::{WarcReader, is_warc_path, looks_like_warc};
use crate::{Format, Input, Item, Options, RejectReason};
use newsdesk_core::{Reject, SourceRef};
use serde::Serialize;
use std::collections::VecDeque;
use std::fs::{self, DirEntry, File};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The buffer size for reading files: large enough that JSONL lines are found with few
/// system calls, small enough not to matter next to the line limit.
const BUF_BYTES: usize = 64 * 1024;

/// Counts of what a [`Reader`] has done so far, for progress reports and the end-of-run
/// summary. `articles + rejects` is the number of items yielded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files (and stdin) opened and read, whatever they yielded.
    pub files_read: u64,
    /// Files inside directories that were not read because their extension is not one
    /// ingest reads (`.jsonl`, `.ndjson`, `.txt`, `.text`, `.html`, `.htm`, `.html.gz`,
    /// `.warc`, `.warc.gz`).
    pub files_skipped: u64,
    /// Hidden entries (name starting with `.`) inside directories, not visited.
    pub hidden_skipped: u64,
    /// Symbolic links to directories inside directories, not followed (this is what keeps
    /// the walk free of loops).
    pub symlinks_skipped: u64,
    /// JSONL lines read, blank and over-long lines included.
    pub lines: u64,
    /// Articles yielded.
    pub articles: u64,
    /// Rejects yielded.
    pub rejects: u64,
}

/// Reads a list of inputs in order and yields their [`Item`]s as an iterator.
///
/// Inputs are read one after the other, in the order given; a directory is walked
/// depth-first in sorted (byte-wise) name order, so a run over the same tree always yields
/// the same items in the same order. Only one file is open at a time and JSONL is read
/// line by line, so memory stays bounded whatever the input size; an engine that batches
/// can take items with `reader.by_ref().take(n)` and look at [`Reader::summary`] between
/// batches.
///
/// Nothing fails the run: every problem (unreadable file, bad line, ...) is an
/// [`Item::Reject`] with the reason, in its place in the sequence.
///
/// Directory walking rules: hidden entries are skipped; symbolic links to directories are
/// not followed (a link named explicitly as an input is); symbolic links to files are read;
/// files are read by extension (`.jsonl`/`.ndjson` as JSONL, `.txt`/`.text` as plain text,
/// `.html`/`.htm`/`.xhtml`, also gzipped, as web pages through the extractor,
/// `.warc`/`.warc.gz` as web archives record by record ([`crate::warc`]);
/// case-insensitive) and others counted in [`Summary::files_skipped`]. A file named
/// explicitly is read whatever its extension (sniffed when unknown: a web archive is
/// recognised by its `WARC/1.` start, also gzipped). [`Options::format`], when not
/// [`Format::Auto`], sets the format of every file read (and of stdin), but does not
/// change which files of a directory are read.
pub struct Reader {
    opts: Options,
    pending: VecDeque<Input>,
    /// Directories being walked: the remaining sorted entries of each level.
    walk: Vec<VecDeque<DirEntry>>,
    /// Items waiting to be yielded before anything else (rejects from listing a directory).
    queued: VecDeque<Item>,
    current: Option<Current>,
    summary: Summary,
    /// WARC records without a page (request, metadata...) in archives already finished.
    warc_skipped: u64,
}

/// The stream being read.
struct Current {
    source: String,
    items: Stream,
}

/// The items of one input: a stream of one of the line or whole-file formats, or a web
/// archive read record by record.
enum Stream {
    Items(Box<Items<Box<dyn BufRead + Send>>>),
    Warc(Box<WarcReader<Box<dyn BufRead + Send>>>),
}

impl Stream {
    fn next(&mut self) -> Option<Item> {
        match self {
            Stream::Items(i) => i.next(),
            Stream::Warc(w) => w.next(),
        }
    }

    fn lines_read(&self) -> u64 {
        match self {
            Stream::Items(i) => i.lines_read(),
            Stream::Warc(_) => 0,
        }
    }

    fn warc_skipped(&self) -> u64 {
        match self {
            Stream::Items(_) => 0,
            Stream::Warc(w) => w.records_skipped(),
        }
    }
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("opts", &self.opts)
            .field("pending", &self.pending)
            .field("current", &self.current_source())
            .field("summary", &self.summary())
            .finish_non_exhaustive()
    }
}

/// Read `inputs` in order with `opts`. Shorthand for [`Reader::new`].
pub fn read_all(inputs: &[Input], opts: &Options) -> Reader {
    Reader::new(inputs.iter().cloned(), opts.clone())
}

impl Reader {
    /// A reader over `inputs`, read in the order given. Nothing is opened until the first
    /// call to `next`.
    pub fn new(inputs: impl IntoIterator<Item = Input>, opts: Options) -> Self {
        Reader {
            opts,
            pending: inputs.into_iter().collect(),
            walk: Vec::new(),
            queued: VecDeque::new(),
            current: None,
            summary: Summary::default(),
            warc_skipped: 0,
        }
    }

    /// WARC records skipped so far because they hold no page (`warcinfo`, `request`,
    /// `metadata`, `revisit`, non-HTML resources...): not rejects, since nothing was wrong
    /// with them, but counted so that a run over an archive can say what it passed over.
    pub fn warc_records_skipped(&self) -> u64 {
        self.warc_skipped + self.current.as_ref().map_or(0, |c| c.items.warc_skipped())
    }

    /// What has been read so far (live: includes the lines of the file being read).
    pub fn summary(&self) -> Summary {
        let mut s = self.summary;
        if let Some(cur) = &self.current {
            s.lines += cur.items.lines_read();
        }
        s
    }

    /// The file (or `-`) being read, for progress display.
    pub fn current_source(&self) -> Option<&str> {
        self.current.as_ref().map(|c| c.source.as_str())
    }

    fn count(&mut self, item: Item) -> Item {
        match &item {
            Item::Article(_) => self.summary.articles += 1,
            Item::Reject(_) => self.summary.rejects += 1,
        }
        item
    }

    /// Start an input given by the caller. Returns an item to yield at once, if any.
    fn start_input(&mut self, input: Input) -> Option<Item> {
        match input {
            Input::Stdin => {
                self.summary.files_read += 1;
                let stdin: Box<dyn BufRead + Send> =
                    Box::new(BufReader::with_capacity(BUF_BYTES, std::io::stdin()));
                self.open_stream("-".to_string(), stdin, self.opts.format, None);
                None
            }
            Input::Path(path) => {
                let source = path.display().to_string();
                let meta = match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return Some(reject(&source, RejectReason::open(&source, &e))),
                };
                if meta.is_dir() {
                    return self.enter_dir(&path, &source);
                }
                let format = match self.opts.format {
                    Format::Auto => match extension_format(&path) {
                        Ext::Jsonl => Format::Jsonl,
                        Ext::Text => Format::Text,
                        Ext::Html => Format::Html,
                        Ext::Warc => return self.open_warc(&path, source),
                        Ext::Other => Format::Auto,
                    },
                    f => f,
                };
                let len = meta.is_file().then_some(meta.len());
                self.open_file(&path, source, format, len)
            }
        }
    }

    /// Visit one entry of a directory being walked.
    fn visit_entry(&mut self, entry: DirEntry) -> Option<Item> {
        let path = entry.path();
        let source = path.display().to_string();
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            self.summary.hidden_skipped += 1;
            return None;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => return Some(reject(&source, RejectReason::open(&source, &e))),
        };
        if file_type.is_dir() {
            return self.enter_dir(&path, &source);
        }
        let ext = extension_format(&path);
        // Follow a symlink to learn what it points at (a dangling link with a readable
        // extension is reported; links to directories are never followed).
        let meta = if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    self.summary.symlinks_skipped += 1;
                    return None;
                }
                Ok(m) => Some(m),
                Err(e) => {
                    return match ext {
                        Ext::Jsonl | Ext::Text | Ext::Html | Ext::Warc => {
                            Some(reject(&source, RejectReason::open(&source, &e)))
                        }
                        Ext::Other => {
                            self.summary.files_skipped += 1;
                            None
                        }
                    };
                }
            }
        } else {
            None
        };
        let format = match ext {
            Ext::Jsonl => Format::Jsonl,
            Ext::Text => Format::Text,
            Ext::Html => Format::Html,
            Ext::Warc => Format::Auto,
            Ext::Other => {
                self.summary.files_skipped += 1;
                return None;
            }
        };
        let format = match self.opts.format {
            Format::Auto => format,
            f => f,
        };
        let meta = match meta.map(Ok).unwrap_or_else(|| entry.metadata()) {
            Ok(m) => m,
            Err(e) => return Some(reject(&source, RejectReason::open(&source, &e))),
        };
        if !meta.is_file() {
            return Some(reject(
                &source,
                RejectReason::NotRegularFile {
                    path: source.clone(),
                },
            ));
        }
        if ext == Ext::Warc && format == Format::Auto {
            return self.open_warc(&path, source);
        }
        self.open_file(&path, source, format, Some(meta.len()))
    }

    /// Open a web archive and make it the current stream.
    fn open_warc(&mut self, path: &Path, source: String) -> Option<Item> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(reject(&source, RejectReason::open(&source, &e))),
        };
        self.summary.files_read += 1;
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(BUF_BYTES, file));
        let warc = WarcReader::new(reader, &source, &self.opts);
        self.current = Some(Current {
            source,
            items: Stream::Warc(Box::new(warc)),
        });
        None
    }

    /// List a directory and push its sorted entries on the walk stack.
    fn enter_dir(&mut self, path: &Path, source: &str) -> Option<Item> {
        let listing = match fs::read_dir(path) {
            Ok(l) => l,
            Err(e) => return Some(reject(source, RejectReason::read_dir(source, &e))),
        };
        let mut entries = Vec::new();
        for entry in listing {
            match entry {
                Ok(e) => entries.push(e),
                Err(e) => self
                    .queued
                    .push_back(reject(source, RejectReason::read_dir(source, &e))),
            }
        }
        entries.sort_by_key(|e| e.file_name());
        self.walk.push(entries.into());
        None
    }

    /// Open a file and make it the current stream (or reject it from its size alone).
    fn open_file(
        &mut self,
        path: &Path,
        source: String,
        format: Format,
        len: Option<u64>,
    ) -> Option<Item> {
        if format == Format::Text
            && let Some(len) = len.filter(|&l| l > self.opts.max_text_bytes as u64)
        {
            return Some(reject(
                &source,
                RejectReason::FileTooLarge {
                    len,
                    limit: self.opts.max_text_bytes,
                },
            ));
        }
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(reject(&source, RejectReason::open(&source, &e))),
        };
        self.summary.files_read += 1;
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(BUF_BYTES, file));
        self.open_stream(source, reader, format, len);
        None
    }

    fn open_stream(
        &mut self,
        source: String,
        mut reader: Box<dyn BufRead + Send>,
        format: Format,
        len: Option<u64>,
    ) {
        // A web archive without its extension (stdin, an odd name) is known by its start.
        // A read error here comes back, and is reported, when the stream is read.
        let warc = format == Format::Auto && reader.fill_buf().is_ok_and(looks_like_warc);
        let items = if warc {
            Stream::Warc(Box::new(WarcReader::new(reader, &source, &self.opts)))
        } else {
            Stream::Items(Box::new(read_stream_sized(
                reader, &source, format, &self.opts, len,
            )))
        };
        self.current = Some(Current { source, items });
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(self.count(item));
            }
            if let Some(cur) = &mut self.current {
                match cur.items.next() {
                    Some(item) => return Some(self.count(item)),
                    None => {
                        self.summary.lines += cur.items.lines_read();
                        self.warc_skipped += cur.items.warc_skipped();
                        self.current = None;
                    }
                }
            }
            let immediate = if let Some(level) = self.walk.last_mut() {
                match level.pop_front() {
                    Some(entry) => self.visit_entry(entry),
                    None => {
                        self.walk.pop();
                        None
                    }
                }
            } else {
                let input = self.pending.pop_front()?;
                self.start_input(input)
            };
            if let Some(item) = immediate {
                return Some(self.count(item));
            }
        }
    }
}

/// What a file's extension says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ext {
    Jsonl,
    Text,
    Html,
    Warc,
    Other,
}

fn extension_format(path: &Path) -> Ext {
    if is_warc_path(path) {
        return Ext::Warc;
    }
    if crate::html::is_html_path(path) {
        return Ext::Html;
    }
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ext::Other;
    };
    match ext.to_ascii_lowercase().as_str() {
        "jsonl" | "ndjson" => Ext::Jsonl,
        "txt" | "text" => Ext::Text,
        "html" | "htm" => Ext::Html,
        _ => Ext::Other,
    }
}

fn reject(source: &str, reason: RejectReason) -> Item {
    Item::Reject(Reject {
        origin: SourceRef {
            source: source.to_string(),
            position: 0,
        },
        reason: reason.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_is_send() {
        fn is_send<T: Send>() {}
        is_send::<Reader>();
    }

    #[test]
    fn extensions() {
        assert_eq!(extension_format(Path::new("a/B.JSONL")), Ext::Jsonl);
        assert_eq!(extension_format(Path::new("a.ndjson")), Ext::Jsonl);
        assert_eq!(extension_format(Path::new("a.Text")), Ext::Text);
        assert_eq!(extension_format(Path::new("a.htm")), Ext::Html);
        assert_eq!(extension_format(Path::new("a/B.HTML.GZ")), Ext::Html);
        assert_eq!(extension_format(Path::new("a.txt.gz")), Ext::Other);
        assert_eq!(extension_format(Path::new("CC-NEWS-1.warc.gz")), Ext::Warc);
        assert_eq!(extension_format(Path::new("a.WARC")), Ext::Warc);
        assert_eq!(extension_format(Path::new("a.json")), Ext::Other);
        assert_eq!(extension_format(Path::new("README")), Ext::Other);
    }
}
