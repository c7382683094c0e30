-- 0003_authors: the byline's names of an article (HTML bylines and JSON-LD, feed items,
-- JSONL `author`/`authors`), as a JSON array of strings; NULL when the source gave none.
--
-- Applied by `SqliteStore::open` after 0002 (one transaction, then `PRAGMA user_version = 3`).

ALTER TABLE articles ADD COLUMN authors TEXT;
