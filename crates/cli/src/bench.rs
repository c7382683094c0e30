//! `newsdesk bench`: analysis throughput on the demo corpus, one thread and all threads.

use crate::{Global, Outcome};
use anyhow::{Result, bail};
use newsdesk_analyze::Pipeline;
use newsdesk_core::{Article, ArticleId};
use newsdesk_ingest::Item;
use rayon::prelude::*;
use std::io::Write;
use std::time::Instant;

pub fn run(global: &Global, target: usize) -> Result<Outcome> {
    let base: Vec<Article> = crate::commands::read_demo()
        .filter_map(|i| match i {
            Item::Article(a) => Some(a),
            Item::Reject(_) => None,
        })
        .collect();
    if base.is_empty() {
        bail!("the embedded demo corpus has no articles");
    }
    let copies = target.div_ceil(base.len()).max(1);
    let mut corpus = Vec::with_capacity(copies * base.len());
    for c in 0..copies {
        for a in &base {
            let mut a = a.clone();
            a.id = ArticleId(format!("{}-{c}", a.id));
            corpus.push(a);
        }
    }
    let bytes: usize = corpus.iter().map(|a| a.text.len()).sum();
    let pipeline = Pipeline::default();

    // Warm up (page in code and dictionaries) before timing.
    for a in base.iter().take(50) {
        std::hint::black_box(pipeline.analyze(a));
    }

    let t = Instant::now();
    let mut sentences = 0usize;
    for a in &corpus {
        sentences += pipeline.analyze(a).sentences.len();
    }
    let one = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let sentences_par: usize = corpus
        .par_iter()
        .map(|a| pipeline.analyze(a).sentences.len())
        .sum();
    let all = t.elapsed().as_secs_f64();
    debug_assert_eq!(sentences, sentences_par);

    let threads = rayon::current_num_threads();
    let n = corpus.len() as f64;
    let mb = bytes as f64 / 1e6;
    let result = serde_json::json!({
        "articles": corpus.len(),
        "megabytes": mb,
        "stages": pipeline.stage_names(),
        "one_thread": {"seconds": one, "articles_per_s": n / one, "mb_per_s": mb / one},
        "all_threads": {"threads": threads, "seconds": all, "articles_per_s": n / all, "mb_per_s": mb / all},
        "build": if cfg!(debug_assertions) { "debug" } else { "release" },
    });
    let mut out = std::io::stdout().lock();
    if global.json {
        serde_json::to_writer(&mut out, &result)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "analyze ({}) on {} articles ({:.1} MB, demo corpus x{copies}), {} build",
            pipeline.stage_names().join(" + "),
            corpus.len(),
            mb,
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
        )?;
        writeln!(
            out,
            "  1 thread : {:>10.0} articles/s  {:>7.1} MB/s  ({one:.2} s)",
            n / one,
            mb / one
        )?;
        writeln!(
            out,
            "  {threads} threads: {:>10.0} articles/s  {:>7.1} MB/s  ({all:.2} s)",
            n / all,
            mb / all
        )?;
    }
    Ok(Outcome::Done)
}
