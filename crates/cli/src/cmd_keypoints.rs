//! `newsdesk eval keypoints`: Lead-3 and newsdesk's key points side by side (ROUGE-1/2/Lsum
//! and speed) on CNN stories, and `--fit` to refit the key-point weights.

use crate::{Global, Outcome};
use anyhow::{Context, Result};
use newsdesk_analyze::keypoints::{FITTED_WEIGHTS, MAX_POINTS, Weights};
use newsdesk_eval::keypoints::{
    FIT_ARTICLES, FitReport, KeypointsReport, Split, evaluate, fit, load,
};
use std::io::Write;
use std::path::Path;

/// The part of the data to report on, as the command line spells it.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitArg {
    /// Stories after the first 5,000 (never used for fitting).
    Heldout,
    /// The first 5,000 stories (the fitting data).
    Fit,
    /// Every story.
    All,
}

impl From<SplitArg> for Split {
    fn from(s: SplitArg) -> Split {
        match s {
            SplitArg::Heldout => Split::Heldout,
            SplitArg::Fit => Split::Fit,
            SplitArg::All => Split::All,
        }
    }
}

/// Run the evaluation (after fitting, with `fit_weights`).
pub fn run(
    g: &Global,
    data: &Path,
    limit: Option<usize>,
    fit_weights: bool,
    split: SplitArg,
    points: usize,
) -> Result<Outcome> {
    let points = points.clamp(1, MAX_POINTS);
    let split = Split::from(split);
    let mut out = std::io::stdout().lock();
    let mut fitted: Option<FitReport> = None;
    if fit_weights {
        let examples = load(data, Split::Fit, limit)
            .with_context(|| format!("cannot read {}", data.display()))?;
        if !g.quiet {
            eprintln!(
                "newsdesk: fitting on {} stories (the fit part: the first {FIT_ARTICLES})…",
                examples.len()
            );
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let r = fit(&examples, points, threads);
        if !g.json {
            writeln!(
                out,
                "fitted on {} stories ({} candidate sentences), objective = mean of R-1, R-2, R-Lsum F1:",
                r.articles, r.candidates
            )?;
            writeln!(
                out,
                "  weights in the source {:.3}   least squares {:.3}   after coordinate search from the better {:.3}",
                r.objective_current, r.objective_least_squares, r.objective_fitted
            )?;
            writeln!(
                out,
                "paste into crates/analyze/src/keypoints.rs:\n\n{}",
                r.rust
            )?;
        }
        fitted = Some(r);
    }
    let weights: Weights = fitted.as_ref().map_or(FITTED_WEIGHTS, |r| r.fitted);
    let examples =
        load(data, split, limit).with_context(|| format!("cannot read {}", data.display()))?;
    let report = evaluate(&examples, split, points, weights);
    if g.json {
        let v = serde_json::json!({"fit": fitted, "evaluation": report});
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else {
        print_report(&mut out, data, &report, fitted.is_some())?;
    }
    Ok(if report.articles > 0 {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

fn print_report(
    out: &mut impl Write,
    data: &Path,
    r: &KeypointsReport,
    refitted: bool,
) -> std::io::Result<()> {
    let split = match r.split {
        Split::Heldout => "held-out part",
        Split::Fit => "fit part",
        Split::All => "all",
    };
    writeln!(
        out,
        "key points on {} ({split}: {} stories), {} bullets, {} weights, {} build",
        data.display(),
        r.articles,
        r.points,
        if refitted { "just-fitted" } else { "built-in" },
        r.build
    )?;
    writeln!(
        out,
        "  {:<26} {:>6} {:>6} {:>7} {:>12}",
        "system", "R-1", "R-2", "R-Lsum", "articles/s"
    )?;
    let row = |out: &mut dyn Write, name: &str, s: &newsdesk_eval::keypoints::SystemScores| {
        let speed = if s.articles_per_s > 0.0 {
            format!("{:.0}", s.articles_per_s)
        } else {
            "-".to_string()
        };
        writeln!(
            out,
            "  {name:<26} {:>6.2} {:>6.2} {:>7.2} {speed:>12}",
            s.rouge1, s.rouge2, s.rouge_lsum
        )
    };
    row(out, "Lead-3", &r.lead3)?;
    row(out, "newsdesk", &r.newsdesk)?;
    row(
        out,
        "newsdesk, whole sentences",
        &r.newsdesk_whole_sentences,
    )?;
    writeln!(
        out,
        "  difference (newsdesk - Lead-3): R-1 {:+.2}  R-2 {:+.2}  R-Lsum {:+.2}",
        r.newsdesk.rouge1 - r.lead3.rouge1,
        r.newsdesk.rouge2 - r.lead3.rouge2,
        r.newsdesk.rouge_lsum - r.lead3.rouge_lsum
    )?;
    writeln!(
        out,
        "  speed, one thread: Lead-3 = split + first three; newsdesk = whole analysis ({}); key points alone: {:.0} articles/s",
        r.stages.join(" + "),
        r.keypoints_only_articles_per_s
    )?;
    writeln!(
        out,
        "  ROUGE F1 x100 as rouge-score computes it (use_stemmer=True); prediction = bullets joined by newlines"
    )
}
