//! `newsdesk extract FILE...` and `newsdesk eval html`: article extraction from web pages,
//! and its score on WCXB.

use crate::{Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_ingest::html::{Extracted, Extractor, PageType, extract_file};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Extract each file and print one result per file, in argument order (the DESIGN.md
/// contract with `--json`: `path`, `title`, `author`, `published`, `lang`, `text`, and
/// more; a file that cannot be read gets its line with `error`).
pub fn extract(g: &Global, files: &[String]) -> Result<Outcome> {
    let extractor = Extractor::default();
    let results: Vec<Result<Extracted, String>> = files
        .par_iter()
        .map(|f| extract_file(Path::new(f), &extractor).map_err(|e| e.to_string()))
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut any = false;
    for (path, r) in files.iter().zip(results) {
        if r.is_ok() {
            any = true;
        }
        if g.json {
            serde_json::to_writer(&mut out, &record(path, &r))?;
            writeln!(out)?;
        } else {
            match &r {
                Ok(x) => print_page(&mut out, path, x)?,
                Err(e) => {
                    writeln!(out, "== {path}\nerror: {e}\n")?;
                }
            }
        }
        if let Err(e) = &r
            && !g.quiet
            && g.json
        {
            eprintln!("newsdesk: {path}: {e}");
        }
    }
    out.flush()?;
    Ok(if any {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// The JSON line of one file.
fn record(path: &str, r: &Result<Extracted, String>) -> serde_json::Value {
    match r {
        Ok(x) => {
            let reject = x.clone().into_draft().err().map(|e| e.to_string());
            serde_json::json!({
                "path": path,
                "title": x.title,
                "author": x.author(),
                "authors": x.authors,
                "published": x.published.as_ref().map(|d| &d.value),
                "date_source": x.published.as_ref().map(|d| d.source.as_str()),
                "timezone": x.published.as_ref().and_then(|d| d.timezone.as_deref()),
                "updated": x.updated.as_ref().map(|d| &d.value),
                "lang": x.lang,
                "canonical_url": x.canonical_url,
                "site_name": x.site_name,
                "page_type": x.page_type.as_str(),
                "charset": x.charset,
                "reject": reject,
                "text": x.text,
            })
        }
        Err(e) => serde_json::json!({
            "path": path,
            "title": null,
            "author": null,
            "published": null,
            "lang": null,
            "text": null,
            "error": e,
        }),
    }
}

fn print_page(out: &mut impl Write, path: &str, x: &Extracted) -> std::io::Result<()> {
    writeln!(out, "== {path}")?;
    writeln!(
        out,
        "{} · {} · {} · {}{}",
        x.page_type,
        x.title.as_deref().unwrap_or("(no title)"),
        x.author().as_deref().unwrap_or("(no author)"),
        x.published
            .as_ref()
            .map_or("(no date)".to_string(), |d| format!(
                "{} ({})",
                d.value,
                d.source.as_str()
            )),
        x.updated
            .as_ref()
            .map_or(String::new(), |d| format!(" · updated {}", d.value)),
    )?;
    if x.page_type != PageType::Article {
        writeln!(out, "(not an article: ingest rejects this page)")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", x.text)?;
    writeln!(out)
}

/// `newsdesk eval html`: score newsdesk's extractor, or a predictions file, on WCXB.
pub fn eval_html(
    g: &Global,
    data: &Path,
    predictions: Option<&PathBuf>,
    limit: Option<usize>,
) -> Result<Outcome> {
    let r = match predictions {
        Some(p) => newsdesk_eval::html::evaluate_predictions(data, p),
        None => newsdesk_eval::html::evaluate(data, limit),
    }
    .with_context(|| format!("cannot evaluate on {}", data.display()))?;
    let mut out = std::io::stdout().lock();
    if g.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    writeln!(out, "article extraction on {} ({})", r.data, r.system)?;
    for (name, b) in [("all pages", &r.all), ("article pages", &r.articles)] {
        writeln!(
            out,
            "  {name:<14} body F1 {:.3}  P {:.3}  R {:.3}  ({} pages, {} with text predicted)",
            b.f1, b.precision, b.recall, b.pages, b.predicted_pages
        )?;
    }
    let m = &r.meta_articles;
    writeln!(
        out,
        "  article pages: title {:.3}  author {:.3}  date {:.3}  (of {}/{}/{} with gold; spurious author {}, date {})",
        m.title.rate,
        m.author.rate,
        m.date.rate,
        m.title.gold,
        m.author.gold,
        m.date.gold,
        m.author.spurious,
        m.date.spurious
    )?;
    writeln!(
        out,
        "  article pages: date or, when none, the update {:.3} (the update is never taken as `published`)",
        m.date_or_update.rate
    )?;
    let a = &r.date_audit;
    if a.gold > 0 {
        writeln!(
            out,
            "  article pages: date misses {} of {}: gold is the predicted update {}, gold day not in the page {}, gold without a day {}, others {}; ceiling keeping the update apart {:.3}",
            a.gold - a.matched,
            a.gold,
            a.gold_is_update,
            a.not_in_page,
            a.no_day,
            a.other,
            a.ceiling
        )?;
    }
    let m = &r.meta_all;
    writeln!(
        out,
        "  all pages:     title {:.3}  author {:.3}  date {:.3}",
        m.title.rate, m.author.rate, m.date.rate
    )?;
    writeln!(
        out,
        "  page type (article or not): accuracy {:.3}  article precision {:.3}  recall {:.3}  ({} pages)",
        r.page_type.accuracy,
        r.page_type.article_precision,
        r.page_type.article_recall,
        r.page_type.pages
    )?;
    if r.pages_per_second > 0.0 {
        writeln!(
            out,
            "  speed: {:.0} pages/s, {:.1} MB/s on one thread ({} build); {} failures",
            r.pages_per_second,
            r.mb_per_second,
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            },
            r.failures
        )?;
    } else {
        writeln!(out, "  {} pages without a prediction", r.failures)?;
    }
    Ok(Outcome::Done)
}
