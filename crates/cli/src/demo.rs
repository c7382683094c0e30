//! `newsdesk demo`: the embedded demo corpus, ingested into a fresh store, and a digest.

use crate::output::{Style, key_points, story_header};
use crate::{Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_analyze::Pipeline;
use newsdesk_engine::Engine;
use newsdesk_store::Page;
use std::io::Write;
use std::path::PathBuf;

/// The demo corpus: articles written for newsdesk about real events, by fictional outlets
/// (see `demo/README.md`). Embedded so that `newsdesk demo` works from the binary alone.
pub const DEMO_JSONL: &str = include_str!("../../../demo/articles.jsonl");

/// The name the demo corpus goes by in rejects and evidence.
pub const DEMO_SOURCE: &str = "demo/articles.jsonl";

pub fn run(global: &Global, keep: Option<PathBuf>) -> Result<Outcome> {
    let tmp;
    let kept = keep.is_some();
    let path = match keep {
        Some(p) => {
            if p.exists() {
                anyhow::bail!("{} exists already: demo writes a fresh store", p.display());
            }
            p
        }
        None => {
            tmp = tempfile::tempdir().context("cannot create a temporary directory")?;
            tmp.path().join("demo.db")
        }
    };
    let url = format!("sqlite:{}", path.display());
    let store = newsdesk_store::open(&url)?;
    let mut engine = Engine::new(store, Pipeline::default())?;
    let items = crate::commands::read_demo();
    let report = engine.ingest(items, &newsdesk_engine::Quiet)?;
    let store = engine.store();
    let stories = store.stories(Page {
        limit: 1000,
        offset: 0,
    })?;

    let mut out = std::io::stdout().lock();
    if global.json {
        let digest = serde_json::json!({ "report": report, "stories": stories });
        serde_json::to_writer(&mut out, &digest)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    let st = Style::detect();
    writeln!(
        out,
        "{}",
        st.bold(&format!(
            "newsdesk demo: {} articles ({} duplicates, {} rejected) in {} stories, {:.2} s",
            report.ingested,
            report.duplicates,
            report.rejected,
            stories.len(),
            report.seconds
        ))
    )?;
    writeln!(out)?;
    for s in &stories {
        story_header(&mut out, st, s)?;
        key_points(&mut out, st, &s.key_points, "  ")?;
        writeln!(out)?;
    }
    if kept {
        writeln!(out, "{}", st.dim(&format!("store kept at {url}")))?;
    }
    Ok(Outcome::Done)
}
