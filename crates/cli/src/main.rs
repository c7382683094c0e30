//! `newsdesk`: the command-line interface. Each subcommand is a thin shell over
//! `newsdesk-engine`, `newsdesk-store` or `newsdesk-eval`.
//!
//! Exit codes, as ripgrep's: 0 when something was done or found, 1 when a query found
//! nothing, 2 on an error.

mod bench;
mod cmd_actors;
mod cmd_claims;
mod cmd_events;
mod cmd_extract;
mod cmd_feeds;
mod cmd_keypoints;
mod commands;
mod demo;
mod output;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// newsdesk turns a stream of news into stories a reader can trust: key points, actors,
/// who said what, coded events and story timelines, each traceable to its sentence.
#[derive(Parser, Debug)]
#[command(name = "newsdesk", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 ok, 1 nothing found, 2 error. Colours follow NO_COLOR.")]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// The store: sqlite:PATH (or a plain path).
    #[arg(
        long,
        global = true,
        env = "NEWSDESK_DB",
        default_value = "sqlite:newsdesk.db"
    )]
    pub db: String,
    /// Print JSON for machines instead of text for people.
    #[arg(long, global = true)]
    pub json: bool,
    /// No progress bar and no summary on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Add actors from this dictionary (our TSV with a `#columns:` line, or a
    /// PETRARCH/Phoenix `.actors.txt`); may be repeated.
    #[arg(long = "actors", value_name = "FILE", global = true)]
    pub actors: Vec<PathBuf>,
    /// Add event patterns from this verbs file (our `verbs.tsv` layout with a `#columns:`
    /// line, or a PETRARCH verbs dictionary); may be repeated; a later file wins ties.
    #[arg(long = "verbs", value_name = "FILE", global = true)]
    pub verbs: Vec<PathBuf>,
    /// Skip sentences (and with a `+` phrase, whole articles) containing a phrase of this
    /// discard list (PETRARCH's `.discards.txt` format) when coding events; may be
    /// repeated.
    #[arg(long = "discards", value_name = "FILE", global = true)]
    pub discards: Vec<PathBuf>,
}

/// How to read an input whose kind is not clear from its name.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    /// By extension, else by the first byte (`{` means JSONL).
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// One plain-text article per file.
    Text,
    /// One web page per file (also gzipped), through the article extractor.
    Html,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read articles (files, directories, JSONL, `-` for stdin), analyse them, group them
    /// into stories and store them. Re-running on the same input adds nothing.
    Ingest {
        /// Files or directories (read recursively); `-` reads stdin; http(s) URLs of pages,
        /// feeds (RSS, Atom, JSON Feed) or OPML lists; local feed or OPML files.
        #[arg(required = true)]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value = "auto")]
        format: FormatArg,
        /// Articles per transaction.
        #[arg(long, default_value_t = 500)]
        batch_size: usize,
        #[command(flatten)]
        fetch: cmd_feeds::FetchArgs,
    },
    /// Poll feeds on a schedule (conditional GET, backoff on errors) and ingest their new
    /// items; Ctrl-C stops after the feed in flight.
    Watch {
        /// OPML lists (re-read every round) and feed URLs or files.
        #[arg(required = true)]
        sources: Vec<String>,
        /// Time between the starts of two rounds (30s, 5m, 1h).
        #[arg(long, default_value = "5m", value_parser = cmd_feeds::parse_duration)]
        every: std::time::Duration,
        /// Stop after this many rounds (default: until Ctrl-C).
        #[arg(long)]
        rounds: Option<u64>,
        /// Articles per transaction.
        #[arg(long, default_value_t = 500)]
        batch_size: usize,
        #[command(flatten)]
        fetch: cmd_feeds::FetchArgs,
    },
    /// The feeds read so far: last success, last error, items seen and ingested, errors in
    /// a row and backoff (next poll).
    Feeds,
    /// Analyse articles without storing them and print the result (the JSON contract of
    /// DESIGN.md with --json, one object per input article, in input order).
    Analyze {
        /// A file, or `-` (the default) for stdin.
        #[arg(default_value = "-")]
        input: String,
        /// The input is JSONL (one article per line) whatever its name.
        #[arg(long)]
        jsonl: bool,
        /// Number of key points per article (1-5).
        #[arg(long, default_value_t = 3)]
        points: usize,
    },
    /// Extract the article from web pages (HTML, also .html.gz): text, title, author,
    /// dates, language, page type. One result per file in argument order (--json: one
    /// object per line; a file that cannot be read gets its line with "error").
    Extract {
        /// HTML files.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// List stored articles, newest first.
    Articles(PageArgs),
    /// List stories, largest first.
    Stories(PageArgs),
    /// Show one story: its brief, sources and articles.
    Story {
        /// The story id (as `stories` prints it).
        id: String,
    },
    /// Full-text search (bm25) over titles and texts, with snippets.
    Search {
        /// Words to search for (all must match).
        #[arg(required = true)]
        query: Vec<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// List rejected input items with their reasons, most recent first.
    Rejects(PageArgs),
    /// Check the store's consistency (every article has its analysis and story, the
    /// full-text index matches, SQLite's own integrity check).
    Check,
    /// Ingest the embedded demo corpus into a fresh temporary store and print a digest of
    /// its stories.
    Demo {
        /// Keep the demo store at this path instead of a temporary file.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Measure analysis throughput (articles/s on one thread and on all threads) on the
    /// demo corpus replicated to at least --articles articles.
    Bench {
        #[arg(long, default_value_t = 20_000)]
        articles: usize,
    },
    /// Analyse articles without storing them and print who said what: speaker (and the
    /// actor's code), stance, cue and content of every claim.
    Claims {
        /// A file, or `-` (the default) for stdin.
        #[arg(default_value = "-")]
        input: String,
        /// The input is JSONL (one article per line) whatever its name.
        #[arg(long)]
        jsonl: bool,
    },
    /// Coded events from the store (who did what to whom, CAMEO), oldest first.
    Events {
        #[command(flatten)]
        filter: cmd_events::EventFilterArgs,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Export the stored events: the GDELT 2.0 events table (tab-separated, no header) or
    /// JSONL, to stdout; takes the filters of `events`.
    Export {
        #[arg(long, value_enum, default_value = "gdelt")]
        format: cmd_events::ExportFormat,
        #[command(flatten)]
        filter: cmd_events::EventFilterArgs,
    },
    /// Score an analyzer against public evaluation data (see ../shared/eval/README.md).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Article extraction on WCXB pages: ScrapingHub body F1 (all and article pages),
    /// title/author/date match, page type, pages/s on one thread.
    Html {
        #[arg(long, default_value = "/work/shared/eval/html/wcxb_dev")]
        data: PathBuf,
        /// Score this JSONL of predictions ({id, text, title, author, published,
        /// page_type}) instead of running newsdesk's extractor.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// At most this many pages.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Named entities on CoNLL-2003: entity-level micro F1 (exact span and type, as
    /// seqeval) overall and per type, and tokens/s of recognition and coreference.
    Ner {
        #[arg(long, default_value = "../shared/eval/ner/conll2003_eng_valid.txt")]
        data: PathBuf,
        /// At most this many documents.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Event coding: per sentence, multisets of (source, target, code) compared; micro
    /// P/R/F1 at the event, root (or 5-class group), actor-pair and exact levels, false
    /// events on sentences without any, sentences/s, per dataset.
    Events {
        #[arg(long, default_value = "../shared/eval/events/events_dev.jsonl")]
        data: PathBuf,
        /// At most this many sentences.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Sentence-boundary precision/recall/F1 on cnn_dev.jsonl (one gold sentence a line).
    Sentences {
        #[arg(long, default_value = "../shared/eval/summ/cnn_dev.jsonl")]
        data: PathBuf,
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Quotes and attributions on PolNeAR: content match P/R/F1, speaker accuracy and
    /// end-to-end F1 for direct quotes and for all attributions, and articles/s.
    Quotes {
        #[arg(long, default_value = "../shared/eval/quotes/polnear_dev.jsonl")]
        data: PathBuf,
        /// At most this many articles.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Key points against Lead-3 on CNN stories: ROUGE-1/2/Lsum (as rouge-score) and
    /// articles/s side by side; `--fit` refits the scorer's weights on the first 5,000
    /// stories first.
    Keypoints {
        #[arg(long, default_value = "../shared/eval/summ/cnn_dev.jsonl")]
        data: PathBuf,
        /// At most this many stories (of the chosen split; of the fit part when fitting).
        #[arg(long)]
        limit: Option<usize>,
        /// Fit the weights on the fit part, print them, and evaluate them.
        #[arg(long)]
        fit: bool,
        /// Which stories to report on.
        #[arg(long, value_enum, default_value = "heldout")]
        split: cmd_keypoints::SplitArg,
        /// Bullets per article (1-5).
        #[arg(long, default_value_t = 3)]
        points: usize,
    },
}

/// Paging for listings.
#[derive(Args, Debug, Clone, Copy)]
pub struct PageArgs {
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

impl From<PageArgs> for newsdesk_store::Page {
    fn from(p: PageArgs) -> Self {
        newsdesk_store::Page {
            limit: p.limit,
            offset: p.offset,
        }
    }
}

/// What a command achieved, mapped to the exit code.
pub enum Outcome {
    Done,
    NothingFound,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (`newsdesk ... | head`) is not an error worth a message.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsdesk: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
