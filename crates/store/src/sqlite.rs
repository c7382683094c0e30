//! The SQLite implementation of [`crate::Store`] (to be written).
use crate::*;
use std::path::Path;

/// A store in one SQLite file.
pub struct SqliteStore {
    #[allow(dead_code)]
    conn: rusqlite::Connection,
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<Self> {
        Ok(SqliteStore { conn: rusqlite::Connection::open(path)? })
    }
}

impl Store for SqliteStore {
    fn write_batch(&mut self, _batch: &Batch) -> Result<BatchOutcome> { todo!() }
    fn existing(&self, _ids: &[ArticleId]) -> Result<HashSet<ArticleId>> { todo!() }
    fn article(&self, _id: &ArticleId) -> Result<Option<StoredArticle>> { todo!() }
    fn articles(&self, _page: Page) -> Result<Vec<ArticleSummary>> { todo!() }
    fn stories(&self, _page: Page) -> Result<Vec<Story>> { todo!() }
    fn story(&self, _id: &StoryId) -> Result<Option<Story>> { todo!() }
    fn story_articles(&self, _id: &StoryId) -> Result<Vec<ArticleSummary>> { todo!() }
    fn search(&self, _query: &str, _page: Page) -> Result<Vec<SearchHit>> { todo!() }
    fn rejects(&self, _page: Page) -> Result<Vec<RejectRecord>> { todo!() }
    fn counts(&self) -> Result<Counts> { todo!() }
    fn index_state(&self) -> Result<Option<String>> { todo!() }
}
