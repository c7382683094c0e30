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

use newsdesk_core::{Analysis, Article, ArticleId, Assignment, Reject, Story, StoryId};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub mod sqlite;

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data could not be decoded: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("unsupported database URL {0:?} (use sqlite:PATH or a file path)")]
    BadUrl(String),
    #[error("database schema version {found} is newer than this newsdesk supports ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One article with everything derived from it, ready to be stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredArticle {
    pub article: Article,
    pub analysis: Analysis,
    pub assignment: Assignment,
}

/// A rejected input item and when it was rejected (RFC 3339, set by the store when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectRecord {
    pub reject: Reject,
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
    /// The serialised story index after this batch, when the caller keeps one.
    pub index_state: Option<String>,
}

/// What a batch changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    pub inserted: usize,
    pub already_present: usize,
    pub rejects_new: usize,
}

/// A line of an article listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: ArticleId,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub story: Option<StoryId>,
    pub duplicate_of: Option<ArticleId>,
    pub word_count: usize,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// A passage around the matched terms, with matches wrapped in `[` `]`.
    pub snippet: String,
    /// bm25 score (lower is better in SQLite's convention; listed best first).
    pub score: f64,
}

/// How many of each thing the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub articles: u64,
    pub duplicates: u64,
    pub stories: u64,
    pub rejects: u64,
}

/// Paging for listings: newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
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
    fn article(&self, id: &ArticleId) -> Result<Option<StoredArticle>>;
    /// Articles, newest publication first (undated last), then by insertion.
    fn articles(&self, page: Page) -> Result<Vec<ArticleSummary>>;
    /// Stories with the most articles first, then the most recent.
    fn stories(&self, page: Page) -> Result<Vec<Story>>;
    fn story(&self, id: &StoryId) -> Result<Option<Story>>;
    /// The articles of one story, oldest first.
    fn story_articles(&self, id: &StoryId) -> Result<Vec<ArticleSummary>>;
    /// Full-text search over titles and texts, best (bm25) first. The query is taken as
    /// words to match (all of them), not as raw FTS syntax, so user input cannot break it.
    fn search(&self, query: &str, page: Page) -> Result<Vec<SearchHit>>;
    /// Rejected items, most recent first.
    fn rejects(&self, page: Page) -> Result<Vec<RejectRecord>>;
    fn counts(&self) -> Result<Counts>;
    /// The story index state saved by the last batch that had one.
    fn index_state(&self) -> Result<Option<String>>;
}

/// Open the store named by `url`: `sqlite:PATH`, `sqlite://PATH` or a plain file path.
pub fn open(url: &str) -> Result<Box<dyn Store>> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    if path.starts_with("postgres://") || path.starts_with("postgresql://") || path.is_empty() {
        return Err(StoreError::BadUrl(url.to_string()));
    }
    Ok(Box::new(sqlite::SqliteStore::open(std::path::Path::new(path))?))
}
