//! The subcommands: each parses nothing itself (clap did) and does little itself (the
//! engine, store and eval crates do the work); it chooses what to print.

use crate::output::{Style, article_line, day, key_points, story_header};
use crate::{Cli, Command, EvalCommand, FormatArg, Global, Outcome};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsdesk_analyze::Config;
use newsdesk_core::contract::AnalysisRecord;
use newsdesk_core::{Article, Reject, StoryId};
use newsdesk_engine::{Engine, Progress, Report};
use newsdesk_ingest::Item;
use newsdesk_store::{Page, Store};
use rayon::prelude::*;
use std::borrow::Cow;
use std::io::{IsTerminal, Write};

pub fn run(cli: Cli) -> Result<Outcome> {
    let g = &cli.global;
    match cli.command {
        Command::Ingest {
            paths,
            format,
            batch_size,
            fetch,
        } => match crate::cmd_feeds::ingest(g, &paths, format, batch_size, &fetch)? {
            Some(outcome) => Ok(outcome),
            None => ingest(g, &paths, format, batch_size),
        },
        Command::Watch {
            sources,
            every,
            rounds,
            batch_size,
            fetch,
        } => crate::cmd_feeds::watch(g, &sources, every, rounds, batch_size, &fetch),
        Command::Feeds => crate::cmd_feeds::feeds(g),
        Command::Analyze {
            input,
            jsonl,
            points,
        } => analyze(
            g,
            &input,
            if jsonl {
                FormatArg::Jsonl
            } else {
                FormatArg::Auto
            },
            points,
        ),
        Command::Extract { files } => crate::cmd_extract::extract(g, &files),
        Command::Articles(p) => articles(g, p.into()),
        Command::Stories(p) => stories(g, p.into()),
        Command::Story { id } => story(g, &id),
        Command::Search { query, page } => search(g, &query.join(" "), page.into()),
        Command::Rejects(p) => rejects(g, p.into()),
        Command::Check => check(g),
        Command::Demo { keep } => crate::demo::run(g, keep),
        Command::Bench { articles } => crate::bench::run(g, articles),
        Command::Claims { input, jsonl } => crate::cmd_claims::claims(g, &input, jsonl),
        Command::Events { filter, limit } => crate::cmd_events::list(g, &filter.parse()?, limit),
        Command::Export { format, filter } => {
            crate::cmd_events::export(g, &filter.parse()?, format)
        }
        Command::Eval { what } => match what {
            EvalCommand::Quotes { data, limit } => crate::cmd_claims::eval_quotes(g, &data, limit),
            EvalCommand::Sentences { data, limit } => eval_sentences(g, &data, limit),
            EvalCommand::Ner { data, limit } => crate::cmd_actors::eval_ner(g, &data, limit),
            EvalCommand::Events { data, limit } => crate::cmd_events::eval_events(g, &data, limit),
            EvalCommand::Html {
                data,
                predictions,
                limit,
            } => crate::cmd_extract::eval_html(g, &data, predictions.as_ref(), limit),
            EvalCommand::Keypoints {
                data,
                limit,
                fit,
                split,
                points,
            } => crate::cmd_keypoints::run(g, &data, limit, fit, split, points),
        },
    }
}

fn format_of(f: FormatArg) -> newsdesk_ingest::Format {
    match f {
        FormatArg::Auto => newsdesk_ingest::Format::Auto,
        FormatArg::Jsonl => newsdesk_ingest::Format::Jsonl,
        FormatArg::Text => newsdesk_ingest::Format::Text,
        FormatArg::Html => newsdesk_ingest::Format::Html,
    }
}

/// Items from the command line's inputs, in order, streamed.
pub fn read_inputs(paths: &[String], format: FormatArg) -> newsdesk_ingest::Reader {
    let inputs: Vec<newsdesk_ingest::Input> = paths
        .iter()
        .map(|p| newsdesk_ingest::Input::parse(p))
        .collect();
    let opts = newsdesk_ingest::Options {
        format: format_of(format),
        ..Default::default()
    };
    newsdesk_ingest::Reader::new(inputs, opts)
}

/// Items of the embedded demo corpus.
pub fn read_demo() -> impl Iterator<Item = Item> {
    newsdesk_ingest::JsonlReader::new(
        crate::demo::DEMO_JSONL.as_bytes(),
        crate::demo::DEMO_SOURCE,
        &newsdesk_ingest::Options::default(),
    )
}

fn open_store(g: &Global) -> Result<Box<dyn Store>> {
    newsdesk_store::open(&g.db).with_context(|| format!("cannot open the store {}", g.db))
}

/// Progress on stderr: a bar when stderr is a terminal, reject lines always (unless quiet).
struct CliProgress {
    bar: Option<ProgressBar>,
    quiet: bool,
    /// Rejects shown so far: after [`SHOWN_REJECTS`] the rest are only counted, so a file
    /// of a million bad lines does not flood the terminal (all are in the store).
    shown: std::cell::Cell<u64>,
}

/// How many reject lines an ingest prints before it only counts them.
const SHOWN_REJECTS: u64 = 20;

impl CliProgress {
    fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        });
        CliProgress {
            bar,
            quiet,
            shown: std::cell::Cell::new(0),
        }
    }
}

impl Progress for CliProgress {
    fn batch_done(&self, r: &Report) {
        if let Some(b) = &self.bar {
            b.set_message(format!(
                "{} read, {} new, {} rejected, {:.0} articles/s",
                r.read,
                r.ingested,
                r.rejected,
                r.articles_per_second()
            ));
        }
    }

    fn rejected(&self, reject: &Reject) {
        let n = self.shown.get() + 1;
        self.shown.set(n);
        if self.quiet || n > SHOWN_REJECTS + 1 {
            return;
        }
        let line = if n == SHOWN_REJECTS + 1 {
            "newsdesk: more rejects follow; `newsdesk rejects` lists them all".to_string()
        } else {
            format!("newsdesk: rejected {reject}")
        };
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }
}

fn ingest(g: &Global, paths: &[String], format: FormatArg, batch_size: usize) -> Result<Outcome> {
    let store = open_store(g)?;
    let mut engine = Engine::new(store, crate::cmd_actors::pipeline(g, Config::default())?)?;
    engine.batch_size = batch_size.max(1);
    let progress = CliProgress::new(g.quiet);
    let mut reader = read_inputs(paths, format);
    let report = engine.ingest(reader.by_ref(), &progress)?;
    let inputs = reader.summary();
    if let Some(b) = &progress.bar {
        b.finish_and_clear();
    }
    let mut out = std::io::stdout().lock();
    if g.json {
        let mut v = serde_json::to_value(report)?;
        v["inputs"] = serde_json::to_value(inputs)?;
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else if !g.quiet {
        let skipped = inputs.files_skipped + inputs.hidden_skipped + inputs.symlinks_skipped;
        writeln!(
            out,
            "read {} file{}{}",
            inputs.files_read,
            if inputs.files_read == 1 { "" } else { "s" },
            if skipped > 0 {
                format!(" ({skipped} not read: other extensions, hidden files or directory links)")
            } else {
                String::new()
            }
        )?;
        writeln!(
            out,
            "ingested {} new articles ({} duplicates), {} already stored, {} rejected, in {:.2} s ({:.0} articles/s)",
            report.ingested,
            report.duplicates,
            report.already_present,
            report.rejected,
            report.seconds,
            report.articles_per_second()
        )?;
        if report.rejected > 0 {
            writeln!(out, "see `newsdesk rejects` for the reasons")?;
        }
    }
    Ok(Outcome::Done)
}

/// Analyse without a store. Input order is kept; work is done in parallel chunks so a
/// large input streams instead of being held whole in memory.
fn analyze(g: &Global, input: &str, format: FormatArg, points: usize) -> Result<Outcome> {
    const CHUNK: usize = 2048;
    let pipeline = crate::cmd_actors::pipeline(g, Config { points })?;
    let st = Style::detect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut items = read_inputs(&[input.to_string()], format).peekable();
    let mut any = false;
    while items.peek().is_some() {
        let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
        let results: Vec<Analysed<'_>> = chunk
            .par_iter()
            .map(|item| match item {
                Item::Article(a) => match newsdesk_engine::analyse_guarded(&pipeline, a) {
                    Ok(an) => Analysed::Ok(a, Box::new(an)),
                    Err(r) => Analysed::Rejected(Cow::Owned(r)),
                },
                Item::Reject(r) => Analysed::Rejected(Cow::Borrowed(r)),
            })
            .collect();
        for r in results {
            match r {
                Analysed::Ok(article, analysis) => {
                    any = true;
                    if g.json {
                        serde_json::to_writer(&mut out, &AnalysisRecord::new(article, &analysis))?;
                        writeln!(out)?;
                    } else {
                        print_analysis(&mut out, st, article, &analysis)?;
                    }
                }
                Analysed::Rejected(reject) => {
                    if !g.quiet {
                        eprintln!("newsdesk: rejected {reject}");
                    }
                    if g.json {
                        // Keep one line per input line, so outputs align with inputs.
                        let line = serde_json::json!({
                            "id": null,
                            "error": reject.reason,
                            "source": reject.origin.source,
                            "position": reject.origin.position,
                        });
                        serde_json::to_writer(&mut out, &line)?;
                        writeln!(out)?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if any {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// One input item after analysis.
enum Analysed<'a> {
    Ok(&'a Article, Box<newsdesk_core::Analysis>),
    Rejected(Cow<'a, Reject>),
}

fn print_analysis(
    out: &mut impl Write,
    st: Style,
    a: &Article,
    an: &newsdesk_core::Analysis,
) -> std::io::Result<()> {
    key_points(out, st, &an.key_points, "")?;
    crate::cmd_actors::print_actors(out, st, an)?;
    writeln!(
        out,
        "  {}",
        st.dim(&format!(
            "{} · {} · {} sentences, {} words · {}",
            a.outlet.as_deref().unwrap_or("unknown outlet"),
            day(a.published.as_deref()),
            an.sentences.len(),
            an.word_count,
            a.origin
        ))
    )?;
    writeln!(out)
}

fn articles(g: &Global, page: Page) -> Result<Outcome> {
    let store = open_store(g)?;
    let list = store.articles(page)?;
    let mut out = std::io::stdout().lock();
    if g.json {
        for a in &list {
            serde_json::to_writer(&mut out, a)?;
            writeln!(out)?;
        }
    } else {
        let st = Style::detect();
        for a in &list {
            article_line(&mut out, st, a)?;
        }
    }
    Ok(found(!list.is_empty()))
}

fn stories(g: &Global, page: Page) -> Result<Outcome> {
    let store = open_store(g)?;
    let list = store.stories(page)?;
    let mut out = std::io::stdout().lock();
    let st = Style::detect();
    for s in &list {
        if g.json {
            serde_json::to_writer(&mut out, s)?;
            writeln!(out)?;
        } else {
            story_header(&mut out, st, s)?;
        }
    }
    Ok(found(!list.is_empty()))
}

fn story(g: &Global, id: &str) -> Result<Outcome> {
    let store = open_store(g)?;
    let Some(s) = store.story(&StoryId(id.to_string()))? else {
        eprintln!("newsdesk: no story {id}");
        return Ok(Outcome::NothingFound);
    };
    let arts = store.story_articles(&s.id)?;
    let mut out = std::io::stdout().lock();
    if g.json {
        let v = serde_json::json!({"story": s, "articles": arts});
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else {
        let st = Style::detect();
        story_header(&mut out, st, &s)?;
        writeln!(out)?;
        key_points(&mut out, st, &s.key_points, "  ")?;
        writeln!(out)?;
        writeln!(out, "{}", st.bold("Articles"))?;
        for a in &arts {
            article_line(&mut out, st, a)?;
        }
    }
    Ok(Outcome::Done)
}

fn search(g: &Global, query: &str, page: Page) -> Result<Outcome> {
    let store = open_store(g)?;
    let hits = store.search(query, page)?;
    let mut out = std::io::stdout().lock();
    let st = Style::detect();
    for h in &hits {
        if g.json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
        } else {
            article_line(&mut out, st, &h.article)?;
            writeln!(out, "    {}", h.snippet.replace('\n', " "))?;
        }
    }
    Ok(found(!hits.is_empty()))
}

fn rejects(g: &Global, page: Page) -> Result<Outcome> {
    let store = open_store(g)?;
    let list = store.rejects(page)?;
    let mut out = std::io::stdout().lock();
    for r in &list {
        if g.json {
            serde_json::to_writer(&mut out, r)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}  {}", r.time, r.reject)?;
        }
    }
    Ok(found(!list.is_empty()))
}

fn check(g: &Global) -> Result<Outcome> {
    let store = open_store(g)?;
    let problems = store.check()?;
    let counts = store.counts()?;
    let mut out = std::io::stdout().lock();
    if g.json {
        let v =
            serde_json::json!({"ok": problems.is_empty(), "problems": problems, "counts": counts});
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
    } else {
        for p in &problems {
            writeln!(out, "problem: {p}")?;
        }
        writeln!(
            out,
            "{}: {} articles ({} duplicates), {} stories, {} rejects",
            if problems.is_empty() {
                "ok"
            } else {
                "INCONSISTENT"
            },
            counts.articles,
            counts.duplicates,
            counts.stories,
            counts.rejects
        )?;
    }
    if problems.is_empty() {
        Ok(Outcome::Done)
    } else {
        anyhow::bail!("the store has {} problem(s)", problems.len())
    }
}

fn eval_sentences(g: &Global, data: &std::path::Path, limit: Option<usize>) -> Result<Outcome> {
    let r = newsdesk_eval::sentences::evaluate(data, limit)
        .with_context(|| format!("cannot evaluate on {}", data.display()))?;
    let mut out = std::io::stdout().lock();
    if g.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "sentence boundaries on {} ({} articles, {} gold boundaries)",
            data.display(),
            r.articles,
            r.gold_boundaries
        )?;
        writeln!(
            out,
            "  precision {:.4}  recall {:.4}  F1 {:.4}",
            r.precision, r.recall, r.f1,
        )?;
        writeln!(
            out,
            "  recall of gold boundaries after . ? ! or …: {:.4} ({} boundaries)",
            r.punctuated_recall, r.punctuated_gold_boundaries
        )?;
        writeln!(
            out,
            "  segmenter speed {:.1} MB/s ({} build)",
            r.mb_per_s,
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
        )?;
        writeln!(
            out,
            "  note: many gold lines hold several sentences (each correct split inside one counts \
             as a false positive), and headings without a stop cannot be recovered once lines are \
             joined; `--json` lists sample errors"
        )?;
    }
    Ok(Outcome::Done)
}

fn found(any: bool) -> Outcome {
    if any {
        Outcome::Done
    } else {
        Outcome::NothingFound
    }
}
