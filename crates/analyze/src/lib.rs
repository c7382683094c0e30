//! `newsdesk-analyze`: `Article -> Analysis`, pure and deterministic, one article at a time.
//!
//! Every analyzer has the same shape, so a newcomer finds any of them the same way: a
//! type built once (holding its dictionaries or settings) that implements [`Stage`], whose
//! `run(&self, doc, out)` reads the article and what earlier stages wrote into the
//! [`Analysis`] and adds its own part. A [`Pipeline`] runs the stages in order.
//!
//! Stages today: [`sentences::Sentences`] (sentence spans and word count),
//! [`actors::Actors`] (mentions resolved to coded actors, actors by salience),
//! [`claims::Claims`] (who said what, with stance, and the article's disputes) and
//! [`keypoints::ScoredKeyPoints`] (headline and scored bullets). Dates and events plug in
//! the same way.
//!
//! Invariants: no I/O; the same article always gives the same analysis; every fact
//! carries `Evidence` pointing at a sentence of the article.

pub mod actors;
pub mod claims;
pub mod dates;
pub mod events;
pub mod keypoints;
pub mod sentences;
pub mod tsv;

use newsdesk_core::{Analysis, Article};

/// What a stage sees of the article being analysed.
pub struct Doc<'a> {
    pub article: &'a Article,
}

impl<'a> Doc<'a> {
    pub fn new(article: &'a Article) -> Self {
        Doc { article }
    }

    /// The article's text: the one string all spans index into.
    pub fn text(&self) -> &'a str {
        &self.article.text
    }
}

/// One analyzer. `run` must be deterministic and must not panic on any article.
pub trait Stage: Send + Sync {
    /// A short name for diagnostics and benchmarks.
    fn name(&self) -> &'static str;
    /// Add this stage's findings to `out`, reading what earlier stages wrote.
    fn run(&self, doc: &Doc<'_>, out: &mut Analysis);
}

/// Settings of the default pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Number of key-point bullets (1–5).
    pub points: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { points: 3 }
    }
}

/// The stages in order. Built once, shared across threads (`&Pipeline` is `Sync`).
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(Config::default())
    }
}

impl Pipeline {
    /// The default pipeline with `config`.
    pub fn new(config: Config) -> Self {
        Pipeline {
            stages: vec![
                Box::new(sentences::Sentences),
                Box::new(actors::Actors::builtin()),
                Box::new(claims::Claims::builtin()),
                Box::new(events::Events::builtin()),
                Box::new(keypoints::ScoredKeyPoints::new(config.points)),
            ],
        }
    }

    /// Names of the stages, in the order they run.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Analyse one article.
    pub fn analyze(&self, article: &Article) -> Analysis {
        let doc = Doc::new(article);
        let mut out = Analysis::empty(article.id.clone());
        for stage in &self.stages {
            stage.run(&doc, &mut out);
        }
        out
    }
}
