//! The SQLite implementation of [`crate::Store`]: one file, WAL journal, FTS5 search.
//!
//! Why SQLite by default: newsdesk runs on a laptop as often as on a server, and a single
//! file needs no service. WAL lets the web UI read while an ingest writes.
//!
//! Layout (see `migrations/0001_init.sql`): articles as columns (so listings need no JSON
//! decoding), analyses and stories as JSON (they are only ever read whole), rejects with a
//! uniqueness key so re-runs refresh instead of duplicating, a key/value `state` table for
//! the story index, and an external-content FTS5 index kept in step by triggers.

use crate::*;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use std::path::Path;
use std::time::Duration;

/// The schema migrations, in order. Migration `i` (0-based) brings the database from
/// `user_version = i` to `i + 1`. They are embedded so that a binary carries the schema it
/// expects and can upgrade any older file it is pointed at.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_feeds.sql"),
    include_str!("../migrations/0003_authors.sql"),
];

/// The schema version this code writes and reads (`PRAGMA user_version` of an up-to-date
/// database). Public so that tools and tests can tell which version a file should have.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a writer waits for another connection's lock before failing with "database
/// is locked": long enough for another process's batch to commit.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Most search words taken from a query; more only slows the query without narrowing it.
const MAX_QUERY_TOKENS: usize = 32;

/// The key of the story index state in the `state` table.
const INDEX_STATE_KEY: &str = "index_state";

/// The columns [`summary_from_row`] reads, in its order.
const SUMMARY_COLUMNS: &str = "a.id, a.title, a.outlet, a.published, a.url, a.story_id, a.duplicate_of, a.word_count, \
     a.authors";

/// A store in one SQLite file.
///
/// Holds one connection, so it is `Send` but not `Sync`: use it from one thread at a time
/// (the engine's writer thread). Other processes or threads may open the same file with
/// their own `SqliteStore`; WAL lets readers proceed while one writer writes, and a writer
/// waits up to 5 s for another writer's batch.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Open (creating if needed) the store at `path` and bring its schema up to date.
    ///
    /// Sets WAL journaling (readers don't block the writer), `synchronous=NORMAL` (durable
    /// at checkpoints, never corrupt; the right trade-off for WAL), foreign keys and a 5 s
    /// busy timeout. The parent directory must exist. Fails with [`StoreError::Open`] when
    /// the file cannot be opened or is not a database, and with [`StoreError::TooNew`] when
    /// it was written by a newer newsdesk.
    pub fn open(path: &Path) -> Result<Self> {
        let open_err = |source: rusqlite::Error| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let conn = Connection::open(path).map_err(open_err)?;
        // The first statement is where SQLite notices a file that is not a database, so the
        // connection settings still count as "opening".
        configure(&conn).map_err(open_err)?;
        let mut store = SqliteStore { conn };
        migrate(&mut store.conn, MIGRATIONS)?;
        Ok(store)
    }

    /// Read a list of article summaries from a prepared query.
    fn summaries(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params, |row| summary_from_row(row, 0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

impl Drop for SqliteStore {
    /// Let SQLite refresh its query-planner statistics where they are stale, as its
    /// documentation recommends before closing a connection. Cheap, and errors are moot.
    fn drop(&mut self) {
        let _ = self.conn.execute_batch("PRAGMA optimize;");
    }
}

/// Per-connection settings (none of them are stored in the file except WAL).
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Returns the resulting mode; "memory" for in-memory databases, which is fine.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Every statement of write_batch and the reads stays prepared.
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Apply the migrations the database has not seen yet, all in one transaction, so that a
/// failed upgrade leaves the file at its old version (still usable by the old binary).
///
/// The transaction is `IMMEDIATE` and the version is read again inside it, so two
/// processes opening an old file at once do not both migrate it.
fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let supported = migrations.len() as i64;
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > supported {
        return Err(StoreError::TooNew {
            found: current,
            supported,
        });
    }
    if current == supported {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > supported {
        return Err(StoreError::TooNew {
            found: current,
            supported,
        });
    }
    let start = usize::try_from(current)
        .map_err(|_| StoreError::Other(format!("invalid schema version {current}")))?;
    for (i, sql) in migrations.iter().enumerate().skip(start) {
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Other(format!("schema migration {} failed: {e}", i + 1)))?;
    }
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(())
}

/// Now, as RFC 3339 UTC with milliseconds: fixed width, so string order is time order, and
/// fine enough that two batches a moment apart are ordered.
fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The ordering key of a publication date: RFC 3339 times converted to UTC with a fixed
/// width (`YYYY-MM-DDTHH:MM:SSZ`), so that string order is time order whatever the
/// original offset; a bare day, or anything unparsed, is kept as it is (a day sorts just
/// before the times of that day).
fn published_key(published: &str) -> String {
    match DateTime::parse_from_rfc3339(published) {
        Ok(t) => t
            .with_timezone(&Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        Err(_) => published.to_string(),
    }
}

/// A count or offset for SQLite, which has only signed 64-bit integers.
fn to_i64(v: impl TryInto<i64>, what: &str) -> Result<i64> {
    v.try_into()
        .map_err(|_| StoreError::Other(format!("{what} does not fit in a 64-bit signed integer")))
}

/// Paging values as SQL `LIMIT` / `OFFSET` (saturating: nobody pages past 2^63).
fn limit_offset(page: Page) -> (i64, i64) {
    (
        i64::try_from(page.limit).unwrap_or(i64::MAX),
        i64::try_from(page.offset).unwrap_or(i64::MAX),
    )
}

/// The `authors` column: a JSON array, or NULL for none (most articles).
fn authors_json(authors: &[String]) -> Result<Option<String>> {
    if authors.is_empty() {
        return Ok(None);
    }
    Ok(Some(serde_json::to_string(authors)?))
}

/// Read the `authors` column back; a value that is not an array of strings is an error
/// naming the column, not an empty list (it would mean the database was edited by hand).
fn authors_from_json(value: Option<String>, idx: usize) -> rusqlite::Result<Vec<String>> {
    match value {
        None => Ok(Vec::new()),
        Some(s) => serde_json::from_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        }),
    }
}

/// Read a non-negative integer column, failing (not wrapping) on a bad value.
fn get_unsigned<T: TryFrom<i64>>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let v: i64 = row.get(idx)?;
    T::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, v))
}

/// An [`ArticleSummary`] from [`SUMMARY_COLUMNS`] starting at column `at`.
fn summary_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: ArticleId(row.get(at)?),
        title: row.get(at + 1)?,
        outlet: row.get(at + 2)?,
        published: row.get(at + 3)?,
        url: row.get(at + 4)?,
        story: row.get::<_, Option<String>>(at + 5)?.map(StoryId),
        duplicate_of: row.get::<_, Option<String>>(at + 6)?.map(ArticleId),
        word_count: get_unsigned(row, at + 7)?,
        authors: authors_from_json(row.get(at + 8)?, at + 8)?,
    })
}

/// The FTS5 query for user text: every word as a quoted string, all required.
///
/// Words are runs of letters, digits and combining marks, the characters FTS5's unicode61
/// tokenizer keeps; everything else (quotes, parentheses, `*`, `-`, `:`, `^`) separates
/// words, so no FTS5 operator, column filter or syntax error can come from user input, and
/// `AND`/`OR`/`NOT` are searched as words. `None` when there are no words.
fn fts_query(text: &str) -> Option<String> {
    fn is_mark(c: char) -> bool {
        matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}')
    }
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_QUERY_TOKENS)
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" AND "))
    }
}

/// Check that the parts of a stored article agree on whose they are, so that a mix-up in
/// the engine fails the batch instead of filing one article's analysis under another.
fn check_consistent(sa: &StoredArticle) -> Result<()> {
    let id = &sa.article.id;
    if &sa.analysis.article != id {
        return Err(StoreError::Other(format!(
            "article {id}: its analysis is of article {}",
            sa.analysis.article
        )));
    }
    if &sa.assignment.article != id {
        return Err(StoreError::Other(format!(
            "article {id}: its story assignment is of article {}",
            sa.assignment.article
        )));
    }
    Ok(())
}

const INSERT_ARTICLE: &str = "INSERT INTO articles (id, input_id, url, title, text, published, \
     published_key, outlet, lang, source, position, word_count, story_id, duplicate_of, \
     new_story, ingested_at, authors) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) \
     ON CONFLICT (id) DO NOTHING";

const INSERT_ANALYSIS: &str = "INSERT INTO analyses (article_id, json) VALUES (?1, ?2)";

const UPSERT_STORY: &str = "INSERT INTO stories (id, json, article_count, last_published_key, \
     updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
     ON CONFLICT (id) DO UPDATE SET json = excluded.json, \
     article_count = excluded.article_count, \
     last_published_key = excluded.last_published_key, updated_at = excluded.updated_at";

const INSERT_REJECT: &str = "INSERT INTO rejects (source, position, reason, time) \
     VALUES (?1, ?2, ?3, ?4) ON CONFLICT (source, position, reason) DO NOTHING";

const REFRESH_REJECT: &str =
    "UPDATE rejects SET time = ?4 WHERE source = ?1 AND position = ?2 AND reason = ?3";

const UPSERT_STATE: &str = "INSERT INTO state (key, value) VALUES (?1, ?2) \
     ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/// A feed row with its item counts, for [`feed_from_row`].
const FEED_SELECT: &str = "SELECT f.url, f.title, f.etag, f.last_modified, f.last_success, \
     f.last_error, f.last_error_time, f.consecutive_errors, f.next_poll, \
     (SELECT count(*) FROM feed_items i WHERE i.feed_url = f.url), \
     (SELECT count(*) FROM feed_items i WHERE i.feed_url = f.url AND i.outcome = 'ingested') \
     FROM feeds f";

/// Insert a feed or replace its state, keeping the time it was first added.
const UPSERT_FEED: &str = "INSERT INTO feeds (url, title, etag, last_modified, last_success, \
     last_error, last_error_time, consecutive_errors, next_poll, added) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
     ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag, \
     last_modified = excluded.last_modified, last_success = excluded.last_success, \
     last_error = excluded.last_error, last_error_time = excluded.last_error_time, \
     consecutive_errors = excluded.consecutive_errors, next_poll = excluded.next_poll";

fn feed_from_row(row: &Row<'_>) -> rusqlite::Result<FeedState> {
    Ok(FeedState {
        url: row.get(0)?,
        title: row.get(1)?,
        etag: row.get(2)?,
        last_modified: row.get(3)?,
        last_success: row.get(4)?,
        last_error: row.get(5)?,
        last_error_time: row.get(6)?,
        consecutive_errors: get_unsigned(row, 7)?,
        next_poll: row.get(8)?,
        items_seen: get_unsigned(row, 9)?,
        items_ingested: get_unsigned(row, 10)?,
    })
}

impl Store for SqliteStore {
    /// One `BEGIN IMMEDIATE` transaction (taking the write lock up front, so the batch
    /// cannot fail half-way on a lock upgrade); any error rolls all of it back.
    ///
    /// Articles are inserted with `ON CONFLICT (id) DO NOTHING` (not `INSERT OR IGNORE`,
    /// which would also silently skip rows violating other constraints); the analysis and
    /// the FTS entry are written only for articles actually inserted.
    fn write_batch(&mut self, batch: &Batch) -> Result<BatchOutcome> {
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = BatchOutcome::default();
        {
            let mut insert_article = tx.prepare_cached(INSERT_ARTICLE)?;
            let mut insert_analysis = tx.prepare_cached(INSERT_ANALYSIS)?;
            for sa in &batch.articles {
                check_consistent(sa)?;
                let a = &sa.article;
                let inserted = insert_article.execute(params![
                    a.id.as_str(),
                    a.input_id,
                    a.url,
                    a.title,
                    a.text,
                    a.published,
                    a.published.as_deref().map(published_key),
                    a.outlet,
                    a.lang,
                    a.origin.source,
                    to_i64(a.origin.position, "source position")?,
                    to_i64(sa.analysis.word_count, "word count")?,
                    sa.assignment.story.0,
                    sa.assignment.duplicate_of.as_ref().map(ArticleId::as_str),
                    sa.assignment.new_story,
                    now,
                    authors_json(&a.authors)?,
                ])?;
                if inserted == 0 {
                    out.already_present += 1;
                    continue;
                }
                let json = serde_json::to_string(&sa.analysis)?;
                insert_analysis.execute(params![a.id.as_str(), json])?;
                out.inserted += 1;
            }

            let mut upsert_story = tx.prepare_cached(UPSERT_STORY)?;
            for story in &batch.stories {
                let json = serde_json::to_string(story)?;
                upsert_story.execute(params![
                    story.id.0,
                    json,
                    to_i64(story.articles.len(), "article count")?,
                    story.last_published.as_deref().map(published_key),
                    now,
                ])?;
            }

            let mut insert_reject = tx.prepare_cached(INSERT_REJECT)?;
            let mut refresh_reject = tx.prepare_cached(REFRESH_REJECT)?;
            for r in &batch.rejects {
                let position = to_i64(r.origin.position, "source position")?;
                let p = params![r.origin.source, position, r.reason, now];
                if insert_reject.execute(p)? == 1 {
                    out.rejects_new += 1;
                } else {
                    refresh_reject.execute(p)?;
                }
            }

            if let Some(state) = &batch.index_state {
                tx.prepare_cached(UPSERT_STATE)?
                    .execute(params![INDEX_STATE_KEY, state])?;
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// One query whatever the number of ids: they are passed as a single JSON array and
    /// unpacked with `json_each`, so no `IN (...)` list can hit SQLite's variable limit.
    fn existing(&self, ids: &[ArticleId]) -> Result<HashSet<ArticleId>> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let json = serde_json::to_string(ids)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([json], |r| r.get::<_, String>(0).map(ArticleId))?;
        Ok(rows.collect::<Result<HashSet<_>, _>>()?)
    }

    fn article(&self, id: &ArticleId) -> Result<Option<StoredArticle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.input_id, a.url, a.title, a.text, a.published, a.outlet, a.lang, \
                    a.source, a.position, a.story_id, a.duplicate_of, a.new_story, n.json, \
                    a.authors \
             FROM articles a LEFT JOIN analyses n ON n.article_id = a.id \
             WHERE a.id = ?1",
        )?;
        let row = stmt
            .query_row([id.as_str()], |r| {
                let article = Article {
                    id: ArticleId(r.get(0)?),
                    input_id: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    text: r.get(4)?,
                    published: r.get(5)?,
                    outlet: r.get(6)?,
                    lang: r.get(7)?,
                    authors: authors_from_json(r.get(14)?, 14)?,
                    origin: newsdesk_core::SourceRef {
                        source: r.get(8)?,
                        position: get_unsigned(r, 9)?,
                    },
                };
                let assignment = Assignment {
                    article: article.id.clone(),
                    story: StoryId(r.get(10)?),
                    duplicate_of: r.get::<_, Option<String>>(11)?.map(ArticleId),
                    new_story: r.get(12)?,
                };
                let json: Option<String> = r.get(13)?;
                Ok((article, assignment, json))
            })
            .optional()?;
        let Some((article, assignment, json)) = row else {
            return Ok(None);
        };
        let json = json.ok_or_else(|| {
            StoreError::Other(format!(
                "article {} is stored without its analysis",
                article.id
            ))
        })?;
        let analysis: Analysis = serde_json::from_str(&json)?;
        Ok(Some(StoredArticle {
            article,
            analysis,
            assignment,
        }))
    }

    /// Newest first by the UTC publication time, undated last, then latest inserted first.
    fn articles(&self, page: Page) -> Result<Vec<ArticleSummary>> {
        let (limit, offset) = limit_offset(page);
        self.summaries(
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a \
                 ORDER BY a.published_key DESC NULLS LAST, a.seq DESC LIMIT ?1 OFFSET ?2"
            ),
            params![limit, offset],
        )
    }

    /// Most articles first, then the latest `last_published` (undated last), then by id so
    /// that pages never overlap.
    fn stories(&self, page: Page) -> Result<Vec<Story>> {
        let (limit, offset) = limit_offset(page);
        let mut stmt = self.conn.prepare_cached(
            "SELECT json FROM stories \
             ORDER BY article_count DESC, last_published_key DESC NULLS LAST, id \
             LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit, offset], |r| r.get::<_, String>(0))?;
        let mut stories = Vec::new();
        for json in rows {
            stories.push(serde_json::from_str(&json?)?);
        }
        Ok(stories)
    }

    fn story(&self, id: &StoryId) -> Result<Option<Story>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM stories WHERE id = ?1")?
            .query_row([&id.0], |r| r.get(0))
            .optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }

    /// Oldest publication first, undated last, then in insertion order.
    fn story_articles(&self, id: &StoryId) -> Result<Vec<ArticleSummary>> {
        self.summaries(
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.story_id = ?1 \
                 ORDER BY a.published_key ASC NULLS LAST, a.seq ASC"
            ),
            [&id.0],
        )
    }

    /// bm25 with the title weighted 5× the text; the snippet is ~12 tokens of the text
    /// around the matches, matches in `[` `]`, cuts marked `…`. Equal scores list the
    /// latest inserted first. A query without words finds nothing.
    fn search(&self, query: &str, page: Page) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let (limit, offset) = limit_offset(page);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, \
                    snippet(articles_fts, 1, '[', ']', '…', 12), \
                    bm25(articles_fts, 5.0, 1.0) AS score \
             FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid \
             WHERE articles_fts MATCH ?1 \
             ORDER BY score, a.seq DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(params![fts, limit, offset], |r| {
            Ok(SearchHit {
                article: summary_from_row(r, 0)?,
                snippet: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                score: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Latest `time` first; among rejects of one batch (same time), latest recorded first.
    fn rejects(&self, page: Page) -> Result<Vec<RejectRecord>> {
        let (limit, offset) = limit_offset(page);
        let mut stmt = self.conn.prepare_cached(
            "SELECT source, position, reason, time FROM rejects \
             ORDER BY time DESC, id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit, offset], |r| {
            Ok(RejectRecord {
                reject: Reject {
                    origin: newsdesk_core::SourceRef {
                        source: r.get(0)?,
                        position: get_unsigned(r, 1)?,
                    },
                    reason: r.get(2)?,
                },
                time: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn counts(&self) -> Result<Counts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM articles), \
                    (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), \
                    (SELECT count(*) FROM stories), \
                    (SELECT count(*) FROM rejects)",
        )?;
        Ok(stmt.query_row([], |r| {
            Ok(Counts {
                articles: get_unsigned(r, 0)?,
                duplicates: get_unsigned(r, 1)?,
                stories: get_unsigned(r, 2)?,
                rejects: get_unsigned(r, 3)?,
            })
        })?)
    }

    fn index_state(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM state WHERE key = ?1")?
            .query_row([INDEX_STATE_KEY], |r| r.get(0))
            .optional()?)
    }

    fn feed(&self, url: &str) -> Result<Option<FeedState>> {
        let sql = format!("{FEED_SELECT} WHERE f.url = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([url], feed_from_row).optional()?)
    }

    fn feeds(&self) -> Result<Vec<FeedState>> {
        let sql = format!("{FEED_SELECT} ORDER BY f.url");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], feed_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn save_feed(&mut self, f: &FeedState) -> Result<()> {
        self.conn.prepare_cached(UPSERT_FEED)?.execute(params![
            f.url,
            f.title,
            f.etag,
            f.last_modified,
            f.last_success,
            f.last_error,
            f.last_error_time,
            f.consecutive_errors,
            f.next_poll,
            now_rfc3339(),
        ])?;
        Ok(())
    }

    fn item_seen(&self, feed_url: &str, guid: &str, canonical_url: Option<&str>) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM feed_items WHERE feed_url = ?1 AND guid = ?2) \
             OR (?3 IS NOT NULL AND EXISTS (SELECT 1 FROM feed_items WHERE canonical_url = ?3))",
        )?;
        Ok(stmt.query_row(params![feed_url, guid, canonical_url], |r| r.get(0))?)
    }

    fn record_items(&mut self, items: &[SeenItem]) -> Result<usize> {
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut new = 0;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO feed_items (feed_url, guid, url, canonical_url, article_id, outcome, seen_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (feed_url, guid) DO NOTHING",
            )?;
            for i in items {
                new += insert.execute(params![
                    i.feed_url,
                    i.guid,
                    i.url,
                    i.canonical_url,
                    i.article_id.as_ref().map(ArticleId::as_str),
                    i.outcome,
                    now,
                ])?;
            }
        }
        tx.commit()?;
        Ok(new)
    }

    fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut integrity = self.conn.prepare("PRAGMA integrity_check")?;
        for row in integrity.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("sqlite integrity: {row}"));
            }
        }
        let checks: [(&str, &str); 5] = [
            (
                "articles without an analysis",
                "SELECT count(*) FROM articles a LEFT JOIN analyses n ON n.article_id = a.id \
                 WHERE n.article_id IS NULL",
            ),
            (
                "analyses without an article",
                "SELECT count(*) FROM analyses n LEFT JOIN articles a ON a.id = n.article_id \
                 WHERE a.id IS NULL",
            ),
            (
                "articles whose story is not stored",
                "SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id \
                 WHERE s.id IS NULL",
            ),
            (
                "stories whose article count differs from their stored articles",
                "SELECT count(*) FROM stories s WHERE s.article_count <> \
                 (SELECT count(*) FROM articles a WHERE a.story_id = s.id)",
            ),
            (
                "duplicates whose original is not stored",
                "SELECT count(*) FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of \
                 WHERE a.duplicate_of IS NOT NULL AND o.id IS NULL",
            ),
        ];
        for (what, sql) in checks {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        // The FTS index must hold exactly the stored articles.
        if let Err(e) = self.conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!("full-text index: {e}"));
        }
        let has_articles: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?;
        if has_articles && self.index_state()?.is_none() {
            problems.push("articles are stored but the story index state is missing".into());
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn migrations_apply_only_what_is_missing() {
        let mut conn = Connection::open_in_memory().unwrap();
        let m1 = "CREATE TABLE t (a INTEGER);";
        let m2 = "ALTER TABLE t ADD COLUMN b TEXT; INSERT INTO t VALUES (1, 'x');";
        migrate(&mut conn, &[m1]).unwrap();
        assert_eq!(version(&conn), 1);
        // An older database (version 1) is brought to version 2 by running only m2: m1
        // again would fail with "table t already exists".
        migrate(&mut conn, &[m1, m2]).unwrap();
        assert_eq!(version(&conn), 2);
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        // Up to date: nothing runs (the insert would add a second row).
        migrate(&mut conn, &[m1, m2]).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        // Older code meets the newer file.
        assert!(matches!(
            migrate(&mut conn, &[m1]),
            Err(StoreError::TooNew {
                found: 2,
                supported: 1
            })
        ));
    }

    #[test]
    fn failed_migration_leaves_the_old_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let m1 = "CREATE TABLE t (a INTEGER);";
        migrate(&mut conn, &[m1]).unwrap();
        let m2 = "CREATE TABLE u (a INTEGER); THIS IS NOT SQL;";
        assert!(migrate(&mut conn, &[m1, m2]).is_err());
        assert_eq!(version(&conn), 1);
        let u: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'u'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(u, 0, "the half-applied migration must be rolled back");
    }

    #[test]
    fn query_words_are_quoted() {
        assert_eq!(
            fts_query("Iran talks").as_deref(),
            Some("\"Iran\" AND \"talks\"")
        );
        assert_eq!(
            fts_query("\"foo AND OR (bar) -x* col:y^").as_deref(),
            Some("\"foo\" AND \"AND\" AND \"OR\" AND \"bar\" AND \"x\" AND \"col\" AND \"y\"")
        );
        assert_eq!(fts_query("  \"( )* - ^ :"), None);
        assert_eq!(fts_query(""), None);
        assert_eq!(
            fts_query("e\u{301}te\u{301}").as_deref(),
            Some("\"e\u{301}te\u{301}\"")
        );
    }

    #[test]
    fn published_keys_order_across_offsets() {
        let a = published_key("2025-06-26T10:00:00+02:00"); // 08:00 UTC
        let b = published_key("2025-06-26T09:00:00Z");
        assert_eq!(a, "2025-06-26T08:00:00Z");
        assert!(a < b);
        assert_eq!(published_key("2025-06-26"), "2025-06-26");
        assert!(published_key("2025-06-26") < b);
    }
}
