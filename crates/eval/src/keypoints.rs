//! Key-point evaluation on CNN stories (`summ/cnn_dev.jsonl`) against Lead-3, and the
//! fitting of the key-point weights.
//!
//! Why both here: a scorer's weights are only as good as the measurement they are fitted
//! to, so fitting ([`fit`]) and reporting ([`evaluate`]) share the data reader, the split,
//! the ROUGE code ([`crate::rouge`], identical to rouge-score) and the way a prediction is
//! built: the bullets' texts joined by newlines, against the highlights joined by newlines
//! (ROUGE-Lsum splits both at newlines).
//!
//! The split: the first [`FIT_ARTICLES`] stories of the file are the *fit* part, the rest
//! (2,054 of `cnn_dev.jsonl`'s 7,054) the *held-out* part. Weights are fitted on the fit part
//! only and figures are reported on the held-out part by default, so the reported gain
//! over Lead-3 is not a fitting artefact.
//!
//! Lead-3 is the first three sentences of the same sentence split newsdesk uses, untrimmed;
//! both systems see the same articles. Speeds are measured on one thread, per article,
//! excluding JSON parsing and ROUGE: Lead-3 as split + take three; newsdesk as the whole
//! analysis pipeline; and the key-point stage alone, given the analysis of the stages
//! before it (sentences, mentions).

use crate::rouge::{RougeScores, Tokenized, Vocab, score_tokenized};
use crate::sentences::EvalError;
use newsdesk_analyze::keypoints::{
    Candidates, DocInput, FEATURE_NAMES, N_FEATURES, ScoredKeyPoints, Scorer, TITLE_FEATURE,
    Weights,
};
use newsdesk_analyze::{Config, Doc, Pipeline, Stage};
use newsdesk_core::text::{nfc, split_sentences};
use newsdesk_core::{Analysis, Article, ArticleId, KeyPoints, SourceRef};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};

/// Stories at the start of the data file used for fitting; the rest are held out.
pub const FIT_ARTICLES: usize = 5000;

/// Which part of the data file to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// The first [`FIT_ARTICLES`] stories (what the weights were fitted on).
    Fit,
    /// The stories after the first [`FIT_ARTICLES`] (never seen by fitting).
    Heldout,
    /// Every story.
    All,
}

impl Split {
    fn contains(self, index: usize) -> bool {
        match self {
            Split::Fit => index < FIT_ARTICLES,
            Split::Heldout => index >= FIT_ARTICLES,
            Split::All => true,
        }
    }
}

/// One story: the article as newsdesk reads it, its sentences, and the reference summary.
pub struct Example {
    /// The article (no title: CNN records have none).
    pub article: Article,
    /// The analysis by the default pipeline with its key points cleared: sentences and
    /// whatever the stages before key points add (mentions, from the actors stage).
    pub analysis: Analysis,
    /// The human highlights joined by newlines.
    pub reference: String,
}

/// Read the stories of `split` from `path` (at most `limit` of them), each analysed by the
/// default pipeline with its key points cleared: fitting and evaluation then see exactly
/// what the key-point stage sees in production (sentences, and mentions once the actors
/// stage runs before it).
pub fn load(path: &Path, split: Split, limit: Option<usize>) -> Result<Vec<Example>, EvalError> {
    #[derive(Deserialize)]
    struct Record {
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        title: Option<String>,
        article: String,
        #[serde(default)]
        highlights: Vec<String>,
    }
    let io_err = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let reader = BufReader::new(File::open(path).map_err(io_err)?);
    // Every stage but the key points' own output: what the key-point stage sees.
    let pipeline = Pipeline::default();
    let mut out = Vec::new();
    let mut index = 0usize;
    for (n, line) in reader.lines().enumerate() {
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
        let line = line.map_err(io_err)?;
        if line.trim().is_empty() {
            continue;
        }
        let this = index;
        index += 1;
        if !split.contains(this) {
            continue;
        }
        let rec: Record = serde_json::from_str(&line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            line: n + 1,
            source,
        })?;
        let text = nfc(&rec.article).into_owned();
        let title = rec.title.filter(|t| !t.trim().is_empty());
        let article = Article {
            id: ArticleId::from_content(title.as_deref(), &text),
            input_id: rec.id,
            url: None,
            title,
            text,
            published: None,
            outlet: None,
            lang: None,
            authors: Vec::new(),
            origin: SourceRef {
                source: path.display().to_string(),
                position: (n + 1) as u64,
            },
        };
        let mut analysis = pipeline.analyze(&article);
        analysis.key_points = KeyPoints::default();
        out.push(Example {
            article,
            analysis,
            reference: rec.highlights.join("\n"),
        });
    }
    Ok(out)
}

/// Mean ROUGE F1 (×100) of one system over the evaluated articles, and its speed.
#[derive(Debug, Clone, Serialize)]
pub struct SystemScores {
    /// Mean ROUGE-1 F1 × 100.
    pub rouge1: f64,
    /// Mean ROUGE-2 F1 × 100.
    pub rouge2: f64,
    /// Mean ROUGE-Lsum F1 × 100.
    pub rouge_lsum: f64,
    /// Articles per second on one thread (see the module documentation for what is timed);
    /// 0 when not timed.
    pub articles_per_s: f64,
}

/// Running sums of ROUGE F1.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    r1: f64,
    r2: f64,
    rl: f64,
    n: usize,
}

impl Sums {
    fn add(&mut self, s: &RougeScores) {
        self.r1 += s.rouge1.f1;
        self.r2 += s.rouge2.f1;
        self.rl += s.rouge_lsum.f1;
        self.n += 1;
    }

    fn merge(&mut self, o: Sums) {
        self.r1 += o.r1;
        self.r2 += o.r2;
        self.rl += o.rl;
        self.n += o.n;
    }

    /// The fitting objective: mean of the three F1s.
    fn objective(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        (self.r1 + self.r2 + self.rl) / (3.0 * self.n as f64)
    }

    fn scores(&self, elapsed: Option<Duration>) -> SystemScores {
        let n = self.n.max(1) as f64;
        SystemScores {
            rouge1: 100.0 * self.r1 / n,
            rouge2: 100.0 * self.r2 / n,
            rouge_lsum: 100.0 * self.rl / n,
            articles_per_s: match elapsed {
                Some(d) if d.as_secs_f64() > 0.0 => self.n as f64 / d.as_secs_f64(),
                _ => 0.0,
            },
        }
    }
}

/// The side-by-side comparison `newsdesk eval keypoints` prints.
#[derive(Debug, Clone, Serialize)]
pub struct KeypointsReport {
    /// Which part of the file was evaluated.
    pub split: Split,
    /// Stories evaluated.
    pub articles: usize,
    /// Bullets per article (Lead-3 always takes 3 sentences).
    pub points: usize,
    /// The first three sentences; speed = sentence split + take three.
    pub lead3: SystemScores,
    /// newsdesk's bullets; speed = the whole analysis pipeline.
    pub newsdesk: SystemScores,
    /// The same bullets untrimmed (whole sentences): how much of the gain is selection and
    /// how much trimming. Not timed.
    pub newsdesk_whole_sentences: SystemScores,
    /// Articles per second of the key-point stage alone, given the output of the stages
    /// before it (one thread).
    pub keypoints_only_articles_per_s: f64,
    /// The stages of the pipeline that was timed.
    pub stages: Vec<&'static str>,
    /// The weights used.
    pub weights: WeightsRecord,
    /// "release" or "debug": speeds mean little in a debug build.
    pub build: &'static str,
}

/// Weights by feature name, for reports.
#[derive(Debug, Clone, Serialize)]
pub struct WeightsRecord {
    /// (feature name, weight) in the order of the feature vector.
    pub features: Vec<(&'static str, f32)>,
    /// The MMR redundancy penalty.
    pub redundancy: f32,
}

impl From<&Weights> for WeightsRecord {
    fn from(w: &Weights) -> Self {
        WeightsRecord {
            features: FEATURE_NAMES
                .iter()
                .copied()
                .zip(w.features.iter().copied())
                .collect(),
            redundancy: w.redundancy,
        }
    }
}

/// Evaluate Lead-3 and newsdesk's key points (with `weights`, `points` bullets) on the
/// stories of `examples`.
pub fn evaluate(
    examples: &[Example],
    split: Split,
    points: usize,
    weights: Weights,
) -> KeypointsReport {
    // The whole pipeline is timed with its own (fitted) weights: weights change which
    // sentences win, not what it costs to score them.
    let pipeline = Pipeline::new(Config { points });
    let stage = ScoredKeyPoints::with_weights(points, weights);
    let mut vocab = Vocab::new();
    let (mut lead, mut ours, mut whole) = (Sums::default(), Sums::default(), Sums::default());
    let (mut t_lead, mut t_full, mut t_kp) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    // Warm up code and caches before timing.
    for ex in examples.iter().take(20) {
        std::hint::black_box(pipeline.analyze(&ex.article));
    }
    for ex in examples {
        let text = ex.article.text.as_str();
        let t0 = Instant::now();
        let lead_spans = split_sentences(text);
        let lead3: Vec<&str> = lead_spans.iter().take(3).map(|s| s.slice(text)).collect();
        let lead3 = std::hint::black_box(lead3.join("\n"));
        t_lead += t0.elapsed();

        let t0 = Instant::now();
        let full = std::hint::black_box(pipeline.analyze(&ex.article));
        t_full += t0.elapsed();

        let mut an = ex.analysis.clone();
        let t0 = Instant::now();
        stage.run(&Doc::new(&ex.article), &mut an);
        t_kp += t0.elapsed();
        debug_assert!(weights != Weights::default() || an.key_points == full.key_points);

        let reference = vocab.summary(&ex.reference);
        let pred: Vec<&str> = an
            .key_points
            .points
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        let untrimmed: Vec<&str> = an
            .key_points
            .points
            .iter()
            .filter_map(|p| ex.analysis.sentences.get(p.evidence.sentence))
            .map(|s| s.slice(text))
            .collect();
        lead.add(&score_tokenized(&reference, &vocab.summary(&lead3)));
        ours.add(&score_tokenized(
            &reference,
            &vocab.summary(&pred.join("\n")),
        ));
        whole.add(&score_tokenized(
            &reference,
            &vocab.summary(&untrimmed.join("\n")),
        ));
    }
    let n = examples.len();
    KeypointsReport {
        split,
        articles: n,
        points,
        lead3: lead.scores(Some(t_lead)),
        newsdesk: ours.scores(Some(t_full)),
        newsdesk_whole_sentences: whole.scores(None),
        keypoints_only_articles_per_s: if t_kp.as_secs_f64() > 0.0 {
            n as f64 / t_kp.as_secs_f64()
        } else {
            0.0
        },
        stages: pipeline.stage_names(),
        weights: WeightsRecord::from(&weights),
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    }
}

/// What fitting did: the weights found and the objective along the way.
#[derive(Debug, Clone, Serialize)]
pub struct FitReport {
    /// Stories fitted on (from the fit part).
    pub articles: usize,
    /// Candidate sentences over those stories.
    pub candidates: usize,
    /// Mean of and R-Lsum F1 (×100) on the fit stories with the weights the code
    /// had before fitting.
    pub objective_current: f64,
    /// The same with the least-squares weights.
    pub objective_least_squares: f64,
    /// The same at the start of the search: the better of the two above.
    pub objective_start: f64,
    /// After coordinate search.
    pub objective_fitted: f64,
    /// The fitted weights.
    pub weights: WeightsRecord,
    /// The fitted weights as Rust source, to paste over `FITTED_WEIGHTS`.
    pub rust: String,
    #[serde(skip)]
    /// The fitted weights, to evaluate them.
    pub fitted: Weights,
}

/// Rounds of coordinate search; the step starts at 0.5 and shrinks by 0.6 each round.
const SEARCH_ROUNDS: usize = 7;

/// One fit story prepared once: candidates with their features and ROUGE tokens.
struct Prepared {
    candidates: Candidates,
    /// ROUGE token ids of each candidate's (trimmed) text.
    tokens: Vec<Vec<u32>>,
    reference: Tokenized,
}

/// Fit the key-point weights on `examples` (which should be the fit part) for `points`
/// bullets: least squares of each candidate's own ROUGE against its features gives a start,
/// then coordinate search on the real objective (mean of, R-Lsum F1 of the chosen
/// bullets) refines every weight (but the title prior, [`TITLE_FEATURE`], which CNN data
/// cannot inform) and the redundancy penalty in turn, halving the step each round. Uses `threads` threads for the objective (the result does not depend on it).
pub fn fit(examples: &[Example], points: usize, threads: usize) -> FitReport {
    let scorer = Scorer::default();
    let mut vocab = Vocab::new();
    let prepared: Vec<Prepared> = examples
        .iter()
        .map(|ex| {
            let docs = [DocInput {
                article: &ex.article,
                analysis: &ex.analysis,
            }];
            let candidates = scorer.candidates(&docs);
            let tokens = candidates
                .items
                .iter()
                .map(|c| {
                    let mut ids = Vec::new();
                    vocab.tokens_into(c.span.slice(&ex.article.text), &mut ids);
                    ids
                })
                .collect();
            Prepared {
                candidates,
                tokens,
                reference: vocab.summary(&ex.reference),
            }
        })
        .collect();
    let candidates: usize = prepared.iter().map(|p| p.candidates.items.len()).sum();
    let threads = threads.max(1);
    let objective = |w: &Weights| -> f64 { 100.0 * objective_on(&prepared, w, points, threads) };

    let current = *scorer.weights();
    let objective_current = objective(&current);
    let mut w = least_squares_start(&prepared, current.redundancy);
    // The title weight is a prior the data cannot inform (no titles): keep it.
    w.features[TITLE_FEATURE] = current.features[TITLE_FEATURE];
    let objective_least_squares = objective(&w);
    let mut best = objective_least_squares;
    if objective_current > best {
        w = current;
        best = objective_current;
    }
    let objective_start = best;

    // Coordinate search: every weight (and the redundancy penalty) in turn.
    let mut step = 0.5f32;
    for _round in 0..SEARCH_ROUNDS {
        for k in (0..=N_FEATURES).filter(|&k| k != TITLE_FEATURE) {
            let original = get(&w, k);
            for m in [1.0f32, -1.0, 2.0, -2.0, 4.0, -4.0] {
                let mut t = w;
                set(&mut t, k, original + m * step);
                if k == N_FEATURES && get(&t, k) < 0.0 {
                    continue; // a negative redundancy penalty would reward repetition
                }
                let v = objective(&t);
                if v > best + 1e-9 {
                    best = v;
                    w = t;
                }
            }
        }
        step *= 0.6;
    }
    let rust = weights_as_rust(&w);
    FitReport {
        articles: prepared.len(),
        candidates,
        objective_current,
        objective_least_squares,
        objective_start,
        objective_fitted: best,
        weights: WeightsRecord::from(&w),
        rust,
        fitted: w,
    }
}

fn get(w: &Weights, k: usize) -> f32 {
    w.features.get(k).copied().unwrap_or(w.redundancy)
}

fn set(w: &mut Weights, k: usize, v: f32) {
    match w.features.get_mut(k) {
        Some(f) => *f = v,
        None => w.redundancy = v,
    }
}

/// Mean objective of `w` over the prepared stories, split across `threads` threads.
fn objective_on(prepared: &[Prepared], w: &Weights, points: usize, threads: usize) -> f64 {
    let scorer = Scorer::new(*w);
    let chunk = prepared.len().div_ceil(threads).max(1);
    let mut total = Sums::default();
    std::thread::scope(|s| {
        let handles: Vec<_> = prepared
            .chunks(chunk)
            .map(|part| {
                let scorer = &scorer;
                s.spawn(move || {
                    let mut sums = Sums::default();
                    for p in part {
                        let chosen = scorer.select(&p.candidates, points);
                        let prediction = Tokenized {
                            lines: chosen.iter().map(|&i| p.tokens[i].clone()).collect(),
                        };
                        sums.add(&score_tokenized(&p.reference, &prediction));
                    }
                    sums
                })
            })
            .collect();
        for h in handles {
            if let Ok(sums) = h.join() {
                total.merge(sums);
            }
        }
    });
    total.objective()
}

/// A starting point: least squares (with a little ridge) of each candidate's own ROUGE
/// (mean of F1 of the sentence alone against the highlights) on its features,
/// centred per story (only differences within a story matter for choosing), scaled so the
/// largest weight is 1.
fn least_squares_start(prepared: &[Prepared], redundancy: f32) -> Weights {
    const D: usize = N_FEATURES;
    let mut xtx = [[0f64; D]; D];
    let mut xty = [0f64; D];
    for p in prepared {
        let n = p.candidates.items.len();
        if n < 2 {
            continue;
        }
        let ys: Vec<f64> = p
            .tokens
            .iter()
            .map(|t| {
                let s = score_tokenized(
                    &p.reference,
                    &Tokenized {
                        lines: vec![t.clone()],
                    },
                );
                (s.rouge1.f1 + s.rouge2.f1) / 2.0
            })
            .collect();
        let mut mean_x = [0f64; D];
        for c in &p.candidates.items {
            for (m, f) in mean_x.iter_mut().zip(&c.features) {
                *m += f64::from(*f) / n as f64;
            }
        }
        let mean_y = ys.iter().sum::<f64>() / n as f64;
        for (c, y) in p.candidates.items.iter().zip(&ys) {
            let mut x = [0f64; D];
            for k in 0..D {
                x[k] = f64::from(c.features[k]) - mean_x[k];
            }
            for i in 0..D {
                xty[i] += x[i] * (y - mean_y);
                for j in 0..D {
                    xtx[i][j] += x[i] * x[j];
                }
            }
        }
    }
    for (i, row) in xtx.iter_mut().enumerate() {
        row[i] += 1e-3 * (1.0 + row[i]);
    }
    let beta = solve(xtx, xty).unwrap_or([0.0; D]);
    let scale = beta.iter().fold(0f64, |m, b| m.max(b.abs()));
    let mut w = Weights {
        features: [0.0; D],
        redundancy,
    };
    if scale > 0.0 {
        for (f, b) in w.features.iter_mut().zip(beta) {
            *f = (b / scale) as f32;
        }
    }
    w
}

/// Solve `a x = b` by Gaussian elimination with partial pivoting; `None` when singular.
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> Option<[f64; D]> {
    for col in 0..D {
        let pivot = (col..D).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let pivot_row = a[col];
        for row in col + 1..D {
            let f = a[row][col] / pivot_row[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0f64; D];
    for row in (0..D).rev() {
        let s: f64 = (row + 1..D).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

/// The weights as the Rust constant in `newsdesk_analyze::keypoints`.
pub fn weights_as_rust(w: &Weights) -> String {
    let mut s = String::from("pub const FITTED_WEIGHTS: Weights = Weights {\n    features: [\n");
    for (k, (name, v)) in FEATURE_NAMES.iter().zip(&w.features).enumerate() {
        let note = if k == TITLE_FEATURE {
            " (a prior, not fitted: see TITLE_FEATURE)"
        } else {
            ""
        };
        s.push_str(&format!("        {v:.3}, // {name}{note}\n"));
    }
    s.push_str(&format!(
        "    ],\n    redundancy: {:.3},\n}};\n",
        w.redundancy
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_data(dir: &Path, n: usize) -> std::path::PathBuf {
        // Stories written for this test: the highlight restates the third sentence, so a
        // scorer can beat the lead only by looking past it.
        let mut s = String::new();
        for i in 0..n {
            let rec = serde_json::json!({
                "id": format!("t{i}"),
                "article": format!(
                    "(CNN) -- Officials met in the capital on day {i}.\nThe weather was mild and the streets were quiet that morning.\nFlood defences along the river Kalu failed, forcing {i}00 families from their homes in Kalu.\nResidents of Kalu said the flood defences had been neglected for years.\nA local bakery stayed open."
                ),
                "highlights": [format!("Flood defences on the river Kalu failed, forcing {i}00 families from their homes")],
            });
            s.push_str(&rec.to_string());
            s.push('\n');
        }
        let path = dir.join("summ.jsonl");
        std::fs::write(&path, s).expect("write");
        path
    }

    #[test]
    fn split_selects_fit_and_heldout_parts() {
        assert!(Split::Fit.contains(0) && !Split::Fit.contains(FIT_ARTICLES));
        assert!(Split::Heldout.contains(FIT_ARTICLES) && !Split::Heldout.contains(0));
        assert!(Split::All.contains(0) && Split::All.contains(FIT_ARTICLES));
    }

    #[test]
    fn evaluation_compares_both_systems_on_the_same_articles() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = write_data(dir.path(), 12);
        let ex = load(&path, Split::All, Some(10)).expect("load");
        assert_eq!(ex.len(), 10);
        assert!(ex[0].reference.starts_with("Flood defences"));
        let r = evaluate(&ex, Split::All, 3, Weights::default());
        assert_eq!(r.articles, 10);
        for s in [&r.lead3, &r.newsdesk, &r.newsdesk_whole_sentences] {
            for v in [s.rouge1, s.rouge2, s.rouge_lsum] {
                assert!((0.0..=100.0).contains(&v), "{r:?}");
            }
        }
        assert!(r.lead3.articles_per_s > 0.0 && r.keypoints_only_articles_per_s > 0.0);
        // A scorer that takes position only behaves like Lead-3 here, up to trimming.
        let mut position_only = [0.0; N_FEATURES];
        position_only[1] = 1.0;
        let w = Weights {
            features: position_only,
            ..Weights::default()
        };
        let pos = evaluate(&ex, Split::All, 3, w);
        assert!((pos.newsdesk_whole_sentences.rouge1 - pos.lead3.rouge1).abs() < 1e-9);
        // Trimming the "(CNN) --" dateline only removes tokens absent from the highlights.
        assert!(pos.newsdesk.rouge1 > pos.lead3.rouge1);
    }

    #[test]
    fn fitting_improves_the_objective_and_beats_the_lead_when_the_data_says_so() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = write_data(dir.path(), 30);
        let ex = load(&path, Split::Fit, None).expect("load");
        let r = fit(&ex, 1, 2);
        assert_eq!(r.articles, 30);
        assert!(r.objective_fitted >= r.objective_start);
        assert!(r.objective_start >= r.objective_current);
        assert!(r.objective_start >= r.objective_least_squares);
        assert!(r.rust.contains("FITTED_WEIGHTS") && r.rust.contains("// centrality"));
        // With one bullet, the fitted scorer picks the flood sentence, not the lead.
        let eval = evaluate(&ex, Split::Fit, 1, r.fitted);
        let lead = evaluate(&ex, Split::Fit, 1, {
            let mut w = r.fitted;
            w.features = [0.0; N_FEATURES];
            w.features[0] = 1.0;
            w
        });
        assert!(
            eval.newsdesk.rouge1 > lead.newsdesk.rouge1 + 20.0,
            "{eval:?} vs {lead:?}"
        );
    }

    #[test]
    fn solver_solves() {
        let x = solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0]).expect("regular");
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
        assert!(solve([[1.0, 2.0], [2.0, 4.0]], [1.0, 2.0]).is_none());
    }

    #[test]
    fn bad_data_is_an_error() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("bad.jsonl");
        std::fs::write(
            &path,
            "{\"article\": \"A.\", \"highlights\": []}\n{\"x\": 1}\n",
        )
        .expect("w");
        let e = load(&path, Split::All, None).err().expect("must fail");
        assert!(e.to_string().contains(":2:"), "{e}");
    }
}
