//! `newsdesk-store`: the one place that talks to a database.
//!
//! The [`Store`] trait is what the engine, CLI and server see; [`sqlite::SqliteStore`] is
//! its embedded implementation (rusqlite, bundled SQLite with FTS5, WAL journal). A
//! PostgreSQL implementation will pass the same test suite.
//!
//! Invariants:
//! * A [`Batch`] is written in one transaction: after a crash the database holds whole
//!   batches or nothing of them, never half an article or an article without its analysis.
//! * Writing an article whose id is already stored adds nothing (idempotent ingest).
//! * The story index state saved with a batch always matches the articles stored with it,
//!   so a restarted ingest resumes from a consistent index.
//!
//! Threading: a store holds one connection and is `Send`, not `Sync`; drive it from one
//! thread. Several processes may share one SQLite file (WAL; writers queue for up to 5 s).

#![warn(missing_docs)]

use newsdesk_core::{Analysis, Article, ArticleId, Assignment, Reject, Story, StoryId};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub mod sqlite;

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An error from SQLite (including "database is locked" after the busy timeout).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database file could not be opened or is not a database. Separate from
    /// [`StoreError::Sqlite`] so that the message names the path, which SQLite's
    /// "unable to open database file" does not.
    #[error("cannot open database {path}: {source}")]
    Open {
        /// The path as given.
        path: String,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
    /// Stored JSON (an analysis or a story) could not be decoded, or a value could not be
    /// encoded.
    #[error("stored data could not be decoded: {0}")]
    Decode(#[from] serde_json::Error),
    /// [`open`] was given a URL naming a database it cannot handle.
    #[error("unsupported database URL {0:?} (use sqlite:PATH or a file path)")]
    BadUrl(String),
    /// The database was written by a newer newsdesk; opening it with this one could corrupt
    /// it, so it is refused.
    #[error("database schema version {found} is newer than this newsdesk supports ({supported})")]
    TooNew {
        /// The schema version of the file.
        found: i64,
        /// The newest schema version this code knows.
        supported: i64,
    },
    /// Anything else: inconsistent input (e.g. an analysis filed under another article's
    /// id), values out of range, a failed migration.
    #[error("{0}")]
    Other(String),
}

/// The result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One article with everything derived from it, ready to be stored.
///
/// `analysis.article` and `assignment.article` must equal `article.id`; a batch holding a
/// mismatch fails as a whole.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredArticle {
    /// The article as ingest produced it.
    pub article: Article,
    /// Its analysis (stored as JSON, read back whole).
    pub analysis: Analysis,
    /// Where the story index put it.
    pub assignment: Assignment,
}

/// A rejected input item and when it was rejected (RFC 3339 UTC, set by the store when the
/// reject is written or re-written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectRecord {
    /// What was rejected and why.
    pub reject: Reject,
    /// When it was last rejected.
    pub time: String,
}

/// Everything one step of an ingest writes, atomically.
#[derive(Debug, Default)]
pub struct Batch {
    /// New articles; any whose id is already stored is skipped.
    pub articles: Vec<StoredArticle>,
    /// Stories created or changed by this batch (upserted by id).
    pub stories: Vec<Story>,
    /// Rejected items; a reject with the same source, position and reason as a stored one
    /// only refreshes its time.
    pub rejects: Vec<Reject>,
    /// The serialised story index after this batch, when the caller keeps one. Saved in the
    /// same transaction as the articles; `None` leaves the previously saved state as it is.
    pub index_state: Option<String>,
}

/// What a batch changed, for progress reports and the ingest summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// Articles newly stored.
    pub inserted: usize,
    /// Articles skipped because their id was already stored (or repeated in the batch).
    pub already_present: usize,
    /// Rejects not seen before (the others only had their time refreshed).
    pub rejects_new: usize,
}

/// What newsdesk remembers of one feed between runs: the validators for the next
/// conditional GET, the outcome of the last polls and the backoff state. `newsdesk feeds`
/// prints it, so that a feed that silently stopped working is visible.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    /// The feed's URL (or local path), as subscribed.
    pub url: String,
    /// The feed's own title, from its last successful read.
    pub title: Option<String>,
    /// The `ETag` of the last successful response.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last successful response.
    pub last_modified: Option<String>,
    /// When the feed was last read successfully (a 304 counts), RFC 3339 UTC.
    pub last_success: Option<String>,
    /// The last error, kept after a later success so that flapping feeds show it.
    pub last_error: Option<String>,
    /// When that error happened.
    pub last_error_time: Option<String>,
    /// Failed polls in a row since the last success (0 when healthy): drives the backoff.
    pub consecutive_errors: u32,
    /// When the feed should be polled next (backoff after errors), RFC 3339 UTC.
    pub next_poll: Option<String>,
    /// Items of this feed dealt with for good (ingested, rejected or duplicate); derived
    /// from the stored items, ignored when saving.
    pub items_seen: u64,
    /// Of those, items whose page became a new article; derived, ignored when saving.
    pub items_ingested: u64,
}

/// A feed item dealt with for good, remembered so that later runs skip it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenItem {
    /// The feed it came from.
    pub feed_url: String,
    /// Its identity within the feed (GUID, Atom id, else its link).
    pub guid: String,
    /// The page it linked to.
    pub url: Option<String>,
    /// That page's canonical form (`newsdesk_core::canonical_url`), for skipping the same
    /// page listed by another feed.
    pub canonical_url: Option<String>,
    /// The article made from it, when one was.
    pub article_id: Option<ArticleId>,
    /// `ingested`, `rejected` or `duplicate`.
    pub outcome: String,
}

/// A line of an article listing: what a list or search result shows, without the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's id.
    pub id: ArticleId,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// Its publication time as ingest wrote it (ISO 8601), when known.
    pub published: Option<String>,
    /// Its URL, when it came from one.
    pub url: Option<String>,
    /// The story it belongs to.
    pub story: Option<StoryId>,
    /// The article it (nearly) duplicates, when it is a copy.
    pub duplicate_of: Option<ArticleId>,
    /// Word count from its analysis.
    pub word_count: usize,
    /// The byline's names; omitted from JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The matching article.
    pub article: ArticleSummary,
    /// A passage around the matched terms, with matches wrapped in `[` `]`.
    pub snippet: String,
    /// bm25 score (lower is better in SQLite's convention; listed best first).
    pub score: f64,
}

/// How many of each thing the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Articles stored, duplicates included.
    pub articles: u64,
    /// Articles that are (near-)duplicates of another.
    pub duplicates: u64,
    /// Stories stored.
    pub stories: u64,
    /// Distinct rejects (by source, position and reason).
    pub rejects: u64,
}

/// Paging for listings (each listing documents its order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// At most this many items.
    pub limit: usize,
    /// After skipping this many.
    pub offset: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 50,
            offset: 0,
        }
    }
}

/// The storage interface. Implementations: [`sqlite::SqliteStore`] (PostgreSQL later).
pub trait Store: Send {
    /// Write a batch in one transaction (see the crate's invariants).
    fn write_batch(&mut self, batch: &Batch) -> Result<BatchOutcome>;
    /// Which of `ids` are already stored (to skip analysing them again).
    fn existing(&self, ids: &[ArticleId]) -> Result<HashSet<ArticleId>>;
    /// One article with its analysis and assignment, as it was written.
    fn article(&self, id: &ArticleId) -> Result<Option<StoredArticle>>;
    /// Articles, newest publication first (undated last), then by insertion.
    fn articles(&self, page: Page) -> Result<Vec<ArticleSummary>>;
    /// Stories with the most articles first, then the most recent.
    fn stories(&self, page: Page) -> Result<Vec<Story>>;
    /// One story, as last written.
    fn story(&self, id: &StoryId) -> Result<Option<Story>>;
    /// The articles of one story, oldest first.
    fn story_articles(&self, id: &StoryId) -> Result<Vec<ArticleSummary>>;
    /// Full-text search over titles and texts, best (bm25) first. The query is taken as
    /// words to match (all of them), not as raw FTS syntax, so user input cannot break it.
    fn search(&self, query: &str, page: Page) -> Result<Vec<SearchHit>>;
    /// Rejected items, most recent first.
    fn rejects(&self, page: Page) -> Result<Vec<RejectRecord>>;
    /// How many articles, duplicates, stories and rejects are stored.
    fn counts(&self) -> Result<Counts>;
    /// The story index state saved by the last batch that had one.
    fn index_state(&self) -> Result<Option<String>>;
    /// One feed's state, when it was ever read.
    fn feed(&self, url: &str) -> Result<Option<FeedState>>;
    /// Every feed ever read, by URL, with its item counts.
    fn feeds(&self) -> Result<Vec<FeedState>>;
    /// Insert or replace a feed's state (the item counts in it are ignored: they are
    /// derived from the stored items).
    fn save_feed(&mut self, state: &FeedState) -> Result<()>;
    /// Whether a feed item was dealt with before: by `guid` within `feed_url`, or by the
    /// canonical URL of its page in any feed.
    fn item_seen(&self, feed_url: &str, guid: &str, canonical_url: Option<&str>) -> Result<bool>;
    /// Remember items as dealt with, in one transaction; an item already remembered (same
    /// feed and GUID) is left as it was. Returns how many were new.
    fn record_items(&mut self, items: &[SeenItem]) -> Result<usize>;
    /// Check the store's invariants and return what is wrong (empty when consistent):
    /// every article has its analysis and a stored story, every story's articles exist,
    /// the full-text index matches the articles, and the database's own integrity check.
    /// `newsdesk check` and the crash tests rely on it.
    fn check(&self) -> Result<Vec<String>>;
}

/// Open the store named by `url`: `sqlite:PATH`, `sqlite://PATH` or a plain file path
/// (`sqlite:///abs/path` is the absolute `/abs/path`).
///
/// Any other `scheme://` URL (PostgreSQL until its store exists, or a typo) is
/// [`StoreError::BadUrl`] rather than being taken for a relative file name.
pub fn open(url: &str) -> Result<Box<dyn Store>> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    if path.is_empty() || has_url_scheme(path) {
        return Err(StoreError::BadUrl(url.to_string()));
    }
    Ok(Box::new(sqlite::SqliteStore::open(std::path::Path::new(
        path,
    ))?))
}

/// Whether `s` starts like a URL (`scheme://`), e.g. `postgres://`, `mysql://`. SQLite's
/// own `file:` URIs are let through: SQLite opens them itself.
fn has_url_scheme(s: &str) -> bool {
    s.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !scheme.eq_ignore_ascii_case("file")
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}
