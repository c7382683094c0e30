//! The events side of the CLI: `newsdesk eval events`.

use crate::{Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_analyze::Config;
use newsdesk_analyze::events::EventCoder;
use std::io::Write;
use std::path::Path;

/// `newsdesk eval events`: per-dataset P/R/F1 at the event, code, pair and exact levels.
pub fn eval_events(g: &Global, data: &Path, limit: Option<usize>) -> Result<Outcome> {
    if let Some(e) = EventCoder::builtin_error() {
        anyhow::bail!("the embedded event dictionaries do not load: {e}");
    }
    let pipeline = crate::cmd_actors::pipeline(g, Config::default())?;
    let petr = newsdesk_eval::events::petr_pipeline(data);
    let r = newsdesk_eval::events::evaluate(data, &pipeline, petr.as_ref(), limit)
        .with_context(|| format!("cannot evaluate on {}", data.display()))?;
    let mut out = std::io::stdout().lock();
    if g.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    writeln!(out, "events on {}", data.display())?;
    for d in &r.datasets {
        writeln!(
            out,
            "{} ({} sentences, {} gold events, {} predicted{})",
            d.dataset,
            d.sentences,
            d.gold_events,
            d.predicted_events,
            if d.pentaclass {
                ", codes as 5-class groups"
            } else {
                ""
            }
        )?;
        writeln!(
            out,
            "  {:<11} {:>9} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "level", "precision", "recall", "F1", "tp", "fp", "fn"
        )?;
        for l in &d.levels {
            writeln!(
                out,
                "  {:<11} {:>9.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}",
                l.name, l.precision, l.recall, l.f1, l.tp, l.fp, l.fn_
            )?;
        }
        if d.no_event_sentences > 0 {
            writeln!(
                out,
                "  no-event sentences: {} of {} got events ({} false events)",
                d.false_event_sentences, d.no_event_sentences, d.false_events
            )?;
        }
        writeln!(
            out,
            "  {:.0} sentences/s on one thread, whole pipeline",
            d.sentences_per_second
        )?;
    }
    writeln!(
        out,
        "all: {:.0} sentences/s ({} build); `--json` adds sample errors",
        r.sentences_per_second, r.build
    )?;
    Ok(Outcome::Done)
}
