-- 0001_init: the first schema of a newsdesk SQLite store.
--
-- Applied by `SqliteStore::open` inside one transaction, which then sets
-- `PRAGMA user_version = 1`. Never edit a migration that has shipped: add 0002_*.sql.

-- One row per article, written once and never changed (ingest is idempotent by `id`).
--
-- `seq` is an INTEGER PRIMARY KEY (an alias of the rowid) rather than `id` being the
-- primary key because the FTS index below refers to articles by an integer rowid, and only
-- an aliased rowid is guaranteed to survive VACUUM unchanged; it doubles as the insertion
-- order. `id` is still the article's identity, enforced by its UNIQUE constraint.
CREATE TABLE articles (
    seq           INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    input_id      TEXT,
    url           TEXT,
    title         TEXT,
    text          TEXT    NOT NULL,
    -- As ingest wrote it: `YYYY-MM-DD` or RFC 3339 with its original offset.
    published     TEXT,
    -- `published` converted to UTC (`YYYY-MM-DDTHH:MM:SSZ`, or the bare day), so that
    -- string order is time order across time zones. Only used for ordering.
    published_key TEXT,
    outlet        TEXT,
    lang          TEXT,
    source        TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    word_count    INTEGER NOT NULL,
    story_id      TEXT    NOT NULL,
    duplicate_of  TEXT,
    new_story     INTEGER NOT NULL DEFAULT 0,
    ingested_at   TEXT    NOT NULL
);
CREATE INDEX articles_by_published ON articles (published_key DESC, seq DESC);
CREATE INDEX articles_by_story ON articles (story_id, published_key, seq);
CREATE INDEX articles_duplicates ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- The `Analysis` of each article, as JSON: it is only ever read whole, with its article.
CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    json       TEXT NOT NULL
);

-- Stories as JSON, plus the columns listings order by.
CREATE TABLE stories (
    id                 TEXT    PRIMARY KEY,
    json               TEXT    NOT NULL,
    article_count      INTEGER NOT NULL,
    -- `Story::last_published` in UTC, as `articles.published_key`.
    last_published_key TEXT,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX stories_by_size ON stories (article_count DESC, last_published_key DESC, id);

-- Rejected input items. Re-running an ingest over the same input refreshes `time` instead
-- of adding a second row, hence the UNIQUE constraint.
CREATE TABLE rejects (
    id       INTEGER PRIMARY KEY,
    source   TEXT    NOT NULL,
    position INTEGER NOT NULL,
    reason   TEXT    NOT NULL,
    time     TEXT    NOT NULL,
    UNIQUE (source, position, reason)
);
CREATE INDEX rejects_by_time ON rejects (time DESC, id DESC);

-- Small named values saved with batches; `index_state` is the serialised story index.
CREATE TABLE state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Full-text index over titles and texts. External content: the text lives once, in
-- `articles`, and `snippet()` reads it from there. The triggers keep the index in step
-- with `articles` inside the writing transaction, so no path can forget it.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title,
    text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
