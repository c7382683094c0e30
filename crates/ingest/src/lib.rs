//! `newsdesk-ingest`: turns bytes from a source into [`Article`]s (to be written; see the
//! API sketch in the task description).
use newsdesk_core::{Article, Reject};

/// One result of reading input: an article, or an item that could not become one.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Article(Article),
    Reject(Reject),
}
