//! The actors side of the CLI: user dictionaries (`--actors FILE`) and `eval ner`.

use crate::output::Style;
use crate::{Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_analyze::actors::{Dictionary, Recogniser, add_user_dictionary};
use newsdesk_analyze::{Config, Pipeline};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// The recogniser for this run: the embedded dictionaries plus every `--actors FILE`
/// (a bad line of ours is an error naming the file and line; PETRARCH lines read only in
/// part are warnings on stderr).
pub fn recogniser(g: &Global) -> Result<Arc<Recogniser>> {
    if let Some(e) = Recogniser::builtin_error() {
        anyhow::bail!("the embedded actor dictionaries do not load: {e}");
    }
    if g.actors.is_empty() {
        return Ok(Recogniser::builtin());
    }
    let mut dict: Dictionary = Recogniser::builtin().dictionary().clone();
    for path in &g.actors {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the actor dictionary {}", path.display()))?;
        let warnings = add_user_dictionary(&mut dict, &path.display().to_string(), &text)?;
        if !g.quiet {
            for w in warnings.iter().take(10) {
                eprintln!("newsdesk: warning: {w}");
            }
            if warnings.len() > 10 {
                eprintln!(
                    "newsdesk: warning: {} more lines of {} read only in part",
                    warnings.len() - 10,
                    path.display()
                );
            }
        }
    }
    Ok(Arc::new(Recogniser::new(dict)))
}

/// The analysis pipeline with this run's actor dictionaries.
pub fn pipeline(g: &Global, config: Config) -> Result<Pipeline> {
    let p = if g.actors.is_empty() {
        Pipeline::new(config)
    } else {
        Pipeline::with_actors(config, recogniser(g)?)
    };
    crate::cmd_events::with_user_verbs(g, p)
}

/// `newsdesk eval ner`.
pub fn eval_ner(g: &Global, data: &Path, limit: Option<usize>) -> Result<Outcome> {
    let rec = recogniser(g)?;
    let r = newsdesk_eval::ner::evaluate(data, &rec, limit)
        .with_context(|| format!("cannot evaluate on {}", data.display()))?;
    let mut out = std::io::stdout().lock();
    if g.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    writeln!(
        out,
        "named entities on {} ({} documents, {} sentences, {} tokens)",
        data.display(),
        r.documents,
        r.sentences,
        r.tokens
    )?;
    writeln!(
        out,
        "  {:<5} {:>9} {:>7} {:>7} {:>6} {:>6} {:>6}",
        "type", "precision", "recall", "F1", "gold", "pred", "right"
    )?;
    for s in std::iter::once(&r.overall).chain(r.per_type.iter()) {
        writeln!(
            out,
            "  {:<5} {:>9.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}",
            s.label, s.precision, s.recall, s.f1, s.gold, s.predicted, s.correct
        )?;
    }
    writeln!(
        out,
        "  recognition + coreference: {:.0} tokens/s on one thread ({} build)",
        r.tokens_per_second, r.build
    )?;
    writeln!(out, "  mapping: {}", r.mapping)?;
    writeln!(
        out,
        "  entity-level exact match (span and type), micro-averaged as seqeval; `--json` lists sample errors"
    )?;
    Ok(Outcome::Done)
}

/// One line of the article's most salient actors for `newsdesk analyze` without
/// `--json`: "actors: Abbas Araghchi (IRNGOV), Iran (IRN), ..." (at most six, and only
/// those with a country or a known code, so bare sectors do not crowd it).
pub fn print_actors(
    out: &mut impl Write,
    st: Style,
    an: &newsdesk_core::Analysis,
) -> std::io::Result<()> {
    let list: Vec<String> = an
        .actors
        .iter()
        .filter(|a| {
            (!a.actor.code.starts_with("---") && a.actor.country.is_some())
                || a.actor.code.starts_with("IGO")
        })
        .take(6)
        .map(|a| format!("{} ({})", a.actor.name, a.actor.code))
        .collect();
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {}", st.dim(&format!("actors: {}", list.join(", "))))
}
