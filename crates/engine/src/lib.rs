//! `newsdesk-engine`: wires the stages — ingest → analyze (rayon) → stories → store.
//!
//! The CLI and the server both drive newsdesk through [`Engine`], so an ingest behaves the
//! same whichever door it came in by.
//!
//! How an ingest runs: items from `newsdesk-ingest` are taken in batches of
//! [`Engine::batch_size`]. For each batch, articles already stored (or repeated inside the
//! batch) are counted and skipped; the new ones are analysed in parallel (rayon, input
//! order kept); then, one at a time and in input order, each is placed in the story index;
//! finally the articles, their analyses, the changed stories, the rejects and the story
//! index state are written in **one transaction**. A process killed at any point therefore
//! leaves whole batches, and a re-run skips what was stored and completes the rest.

use newsdesk_analyze::Pipeline;
use newsdesk_core::{Analysis, Article, ArticleId, Reject};
use newsdesk_ingest::Item;
use newsdesk_store::{Batch, Store, StoreError, StoredArticle};
use newsdesk_stories::{StateError, StoryIndex};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::time::Instant;

/// What can stop an ingest (bad input never does: it becomes a reject).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    State(#[from] StateError),
}

/// The closing summary of an ingest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Report {
    /// Items read from the input (articles and rejects).
    pub read: u64,
    /// New articles stored.
    pub ingested: u64,
    /// Of the new articles, how many are (near-)duplicates of an earlier one.
    pub duplicates: u64,
    /// Articles skipped because they were stored before (or repeated in the input).
    pub already_present: u64,
    /// Items rejected, with their reasons recorded in the store.
    pub rejected: u64,
    /// New stories started.
    pub new_stories: u64,
    pub seconds: f64,
}

impl Report {
    /// Add the counts and time of another ingest to these (a command that runs several
    /// ingests, one per feed, reports their sum).
    pub fn add(&mut self, other: &Report) {
        self.read += other.read;
        self.ingested += other.ingested;
        self.duplicates += other.duplicates;
        self.already_present += other.already_present;
        self.rejected += other.rejected;
        self.new_stories += other.new_stories;
        self.seconds += other.seconds;
    }

    /// Articles read per second of wall time.
    pub fn articles_per_second(&self) -> f64 {
        let articles = self.read.saturating_sub(self.rejected) as f64;
        if self.seconds > 0.0 {
            articles / self.seconds
        } else {
            0.0
        }
    }
}

/// Receives progress while an ingest runs. Every method has a no-op default, so a caller
/// implements only what it shows.
pub trait Progress {
    /// After each batch is stored, with the totals so far.
    fn batch_done(&self, _so_far: &Report) {}
    /// For every rejected item, as it is found.
    fn rejected(&self, _reject: &Reject) {}
}

/// A [`Progress`] that shows nothing.
pub struct Quiet;
impl Progress for Quiet {}

/// The wired pipeline over one store.
pub struct Engine {
    pipeline: Pipeline,
    store: Box<dyn Store>,
    index: StoryIndex,
    /// Articles per transaction: larger is faster, smaller loses less work on a crash.
    pub batch_size: usize,
}

impl Engine {
    /// An engine over `store`, resuming the story index the store saved.
    pub fn new(store: Box<dyn Store>, pipeline: Pipeline) -> Result<Self, EngineError> {
        let index = match store.index_state()? {
            Some(state) => StoryIndex::from_state(&state)?,
            None => StoryIndex::default(),
        };
        Ok(Engine {
            pipeline,
            store,
            index,
            batch_size: 500,
        })
    }

    /// The store, for queries.
    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The store, for writes that are not part of an ingest batch (feed state and seen
    /// feed items, which `newsdesk ingest FEED` and `watch` keep beside the articles).
    pub fn store_mut(&mut self) -> &mut dyn Store {
        self.store.as_mut()
    }

    /// The analysis pipeline.
    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Ingest every item of `items` (see the crate docs for the guarantees).
    pub fn ingest(
        &mut self,
        items: impl IntoIterator<Item = Item>,
        progress: &dyn Progress,
    ) -> Result<Report, EngineError> {
        let started = Instant::now();
        let mut report = Report::default();
        let mut articles = Vec::with_capacity(self.batch_size);
        let mut rejects = Vec::new();
        for item in items {
            report.read += 1;
            match item {
                Item::Article(a) => articles.push(a),
                Item::Reject(r) => {
                    progress.rejected(&r);
                    rejects.push(r);
                }
            }
            if articles.len() >= self.batch_size || rejects.len() >= self.batch_size {
                self.flush(&mut articles, &mut rejects, &mut report, progress)?;
                report.seconds = started.elapsed().as_secs_f64();
                progress.batch_done(&report);
            }
        }
        if !articles.is_empty() || !rejects.is_empty() {
            self.flush(&mut articles, &mut rejects, &mut report, progress)?;
        }
        report.seconds = started.elapsed().as_secs_f64();
        progress.batch_done(&report);
        Ok(report)
    }

    fn flush(
        &mut self,
        articles: &mut Vec<Article>,
        rejects: &mut Vec<Reject>,
        report: &mut Report,
        progress: &dyn Progress,
    ) -> Result<(), EngineError> {
        let ids: Vec<ArticleId> = articles.iter().map(|a| a.id.clone()).collect();
        let stored = self.store.existing(&ids)?;
        let mut seen: HashSet<ArticleId> = HashSet::with_capacity(articles.len());
        let fresh: Vec<Article> = articles
            .drain(..)
            .filter(|a| {
                let new = !stored.contains(&a.id) && seen.insert(a.id.clone());
                if !new {
                    report.already_present += 1;
                }
                new
            })
            .collect();

        let pipeline = &self.pipeline;
        let analysed: Vec<Result<Analysis, Reject>> = fresh
            .par_iter()
            .map(|a| analyse_guarded(pipeline, a))
            .collect();

        let mut batch = Batch::default();
        for (article, analysis) in fresh.into_iter().zip(analysed) {
            match analysis {
                Ok(analysis) => {
                    let assignment = self.index.add(&article, &analysis);
                    report.duplicates += u64::from(assignment.duplicate_of.is_some());
                    report.new_stories += u64::from(assignment.new_story);
                    batch.articles.push(StoredArticle {
                        article,
                        analysis,
                        assignment,
                    });
                }
                Err(r) => {
                    progress.rejected(&r);
                    rejects.push(r);
                }
            }
        }
        report.rejected += rejects.len() as u64;
        batch.rejects = std::mem::take(rejects);
        batch.stories = self.index.take_changed();
        if !batch.articles.is_empty() {
            batch.index_state = Some(self.index.to_state());
        }
        let outcome = self.store.write_batch(&batch)?;
        report.ingested += outcome.inserted as u64;
        report.already_present += outcome.already_present as u64;
        Ok(())
    }
}

/// Analyse one article; a panic inside an analyzer (a bug, never expected) becomes a
/// reject naming the article instead of ending the whole ingest.
pub fn analyse_guarded(pipeline: &Pipeline, article: &Article) -> Result<Analysis, Reject> {
    std::panic::catch_unwind(AssertUnwindSafe(|| pipeline.analyze(article))).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Reject {
            origin: article.origin.clone(),
            reason: format!(
                "internal error while analysing article {}: {msg}",
                article.id
            ),
        }
    })
}
