-- 0002_feeds: what newsdesk remembers of the feeds it reads (`ingest FEED`, `watch`).
--
-- Applied by `SqliteStore::open` after 0001, in the same way (one transaction, then
-- `PRAGMA user_version = 2`). Never edit a migration that has shipped: add 0003_*.sql.

-- One row per feed URL ever read. The validators make the next GET conditional; the
-- error columns and `next_poll` are the backoff state that `newsdesk feeds` shows.
-- Times are RFC 3339 UTC with milliseconds (string order is time order).
CREATE TABLE feeds (
    url                TEXT    PRIMARY KEY,
    title              TEXT,
    etag               TEXT,
    last_modified      TEXT,
    last_success       TEXT,
    last_error         TEXT,
    last_error_time    TEXT,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    next_poll          TEXT,
    added              TEXT    NOT NULL
);

-- One row per feed item dealt with for good: ingested, rejected, or skipped as already
-- known. Items whose page failed for a passing reason (timeout, 5xx) are not written,
-- so a later run retries them. An item is known by its GUID within its feed, and by the
-- canonical URL of its page across all feeds (the same story syndicated in two feeds is
-- fetched once).
CREATE TABLE feed_items (
    feed_url      TEXT NOT NULL,
    guid          TEXT NOT NULL,
    url           TEXT,
    canonical_url TEXT,
    article_id    TEXT,
    -- `ingested`, `rejected` or `duplicate`.
    outcome       TEXT NOT NULL,
    seen_at       TEXT NOT NULL,
    PRIMARY KEY (feed_url, guid)
);
CREATE INDEX feed_items_canonical ON feed_items (canonical_url);
