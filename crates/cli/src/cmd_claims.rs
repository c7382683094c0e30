//! The claims side of the CLI: `newsdesk claims` (who said what in articles, no store)
//! and `newsdesk eval quotes`.

use crate::{FormatArg, Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_analyze::Config;
use newsdesk_analyze::claims::Claims;
use newsdesk_analyze::claims::disputes::proposition;
use newsdesk_analyze::claims::lexicon::Lexicon;
use newsdesk_core::contract::AnalysisRecord;
use newsdesk_ingest::Item;
use std::io::Write;
use std::path::Path;

/// `newsdesk claims [FILE|-]`: analyse the articles and print their claims — speaker (with
/// the actor's code), stance, cue and content — one line each, followed by its normalised
/// proposition (actors, terms, polarity, time) when it has terms; `--json` prints one object
/// per article: `{"id", "claims", "disputes"}` in the shapes of `analyze --json`.
pub fn claims(g: &Global, input: &str, jsonl: bool) -> Result<Outcome> {
    if let Some(e) = Claims::builtin_error() {
        anyhow::bail!("the embedded cue lexicon does not load: {e}");
    }
    let pipeline = crate::cmd_actors::pipeline(g, Config::default())?;
    let format = if jsonl {
        FormatArg::Jsonl
    } else {
        FormatArg::Auto
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let lex = Lexicon::builtin().ok();
    let mut found = false;
    for item in crate::commands::read_inputs(&[input.to_string()], format) {
        let article = match item {
            Item::Article(a) => a,
            Item::Reject(r) => {
                if !g.quiet {
                    eprintln!("newsdesk: rejected {r}");
                }
                continue;
            }
        };
        let an = match newsdesk_engine::analyse_guarded(&pipeline, &article) {
            Ok(an) => an,
            Err(r) => {
                if !g.quiet {
                    eprintln!("newsdesk: rejected {r}");
                }
                continue;
            }
        };
        found |= !an.claims.is_empty();
        if g.json {
            let rec = AnalysisRecord::new(&article, &an);
            let line = serde_json::json!({
                "id": rec.id,
                "claims": rec.claims,
                "disputes": rec.disputes,
            });
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
            continue;
        }
        let title = article.title.as_deref().unwrap_or("(untitled)");
        writeln!(out, "{title}")?;
        let day = article.published_date();
        for c in &an.claims {
            let who = match &c.speaker {
                Some(s) => match &s.actor {
                    Some(a) => format!("{} ({})", s.text, a.code),
                    None => s.text.clone(),
                },
                None => "(no speaker)".to_string(),
            };
            let stance = serde_json::to_value(c.stance)?;
            let q = if c.direct { "“" } else { "" };
            let qe = if c.direct { "”" } else { "" };
            writeln!(
                out,
                "  [{}] {who} {}: {q}{}{qe}",
                stance.as_str().unwrap_or("?"),
                c.cue.text,
                c.content.text.replace('\n', " ")
            )?;
            // the normalised proposition, when it names a matter or a time
            if let Some(lex) = &lex {
                let p = proposition(lex, c, &an.mentions, day);
                if !p.terms.is_empty() || p.time.is_some() {
                    let about = if p.actors.is_empty() {
                        "-".to_string()
                    } else {
                        p.actors.join(", ")
                    };
                    let polarity = if p.negative { "negative" } else { "positive" };
                    let time = p.time.map_or(String::new(), |t| format!(" · {}", t.date));
                    writeln!(
                        out,
                        "      about {about} · {} · {polarity}{time}",
                        p.terms.join("/")
                    )?;
                }
            }
        }
        for d in &an.disputes {
            writeln!(out, "  dispute: {}", d.proposition)?;
        }
    }
    out.flush()?;
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// `newsdesk eval quotes`.
pub fn eval_quotes(g: &Global, data: &Path, limit: Option<usize>) -> Result<Outcome> {
    if let Some(e) = Claims::builtin_error() {
        anyhow::bail!("the embedded cue lexicon does not load: {e}");
    }
    let r = newsdesk_eval::quotes::evaluate(data, limit)
        .with_context(|| format!("cannot evaluate on {}", data.display()))?;
    let mut out = std::io::stdout().lock();
    if g.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    writeln!(
        out,
        "quotes and attributions on {} ({} articles)",
        data.display(),
        r.articles
    )?;
    writeln!(
        out,
        "  {:<17} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>7}",
        "view", "gold", "pred", "match", "P", "R", "F1", "speaker", "e2e P", "e2e R", "e2e F1"
    )?;
    for (name, v) in [("direct quotes", &r.direct), ("all attributions", &r.all)] {
        writeln!(
            out,
            "  {:<17} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3} {:>8.3} {:>7.3} {:>7.3} {:>7.3}",
            name,
            v.gold,
            v.predicted,
            v.matched,
            v.quote.precision,
            v.quote.recall,
            v.quote.f1,
            v.speaker_accuracy,
            v.end_to_end.precision,
            v.end_to_end.recall,
            v.end_to_end.f1
        )?;
    }
    writeln!(
        out,
        "  sentences + actors + claims: {:.0} articles/s on one thread ({} build; claims stage {:.0}% of the time)",
        r.articles_per_second,
        r.build,
        if r.seconds > 0.0 {
            100.0 * r.claims_seconds / r.seconds
        } else {
            0.0
        }
    )?;
    writeln!(
        out,
        "  match: content overlap >= 50% of the shorter, one-to-one, greedy in document order; `--json` lists sample errors"
    )?;
    Ok(Outcome::Done)
}
