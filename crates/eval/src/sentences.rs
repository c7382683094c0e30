//! Sentence-boundary evaluation on CNN articles (`cnn_dev.jsonl`).
//!
//! Why this exists: sentence spans are the unit of all evidence in newsdesk, so a
//! segmentation change must be measured, not eyeballed. The data has one JSON object per
//! line whose `article` field holds one gold sentence per line. We join those lines with a
//! single space — which hides the easy newline cue — run the segmenter on the joined text,
//! and compare boundary positions.
//!
//! A boundary is the byte offset where a sentence starts, for every sentence but the
//! first (so whitespace between sentences never matters; a leading bullet marker such as
//! `• ` is skipped too, since the segmenter leaves it out of the sentence). Scores are
//! micro-averaged over all boundaries of all articles.
//!
//! Two limits of the gold data bound what any segmenter can score, and are worth knowing
//! before reading the numbers:
//!
//! * Many lines of the CNN `article` field are paragraphs holding two or more sentences,
//!   so a correct split inside such a line counts as a false positive. Precision is
//!   therefore a lower bound on the real one (`sample_errors` shows them).
//! * Many lines are headings, photo captions or link texts without final punctuation
//!   ("Timeline: the fall of a leader"). Once joined with a space, nothing marks their
//!   end, so they count as false negatives. [`SentenceReport::punctuated_recall`] is the
//!   recall over the boundaries whose previous line does end with `.` `?` `!` or `…`
//!   (possibly followed by a closing quote or bracket): the part a segmenter can find.

use newsdesk_core::Span;
use newsdesk_core::text::split_sentences;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why an evaluation could not run: the data file is unreadable or a line is not the
/// expected JSON. Carries the path and line number so the user can find the bad record.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The data file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The data file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A line of the data file is not a JSON object with a string `article` field.
    #[error("{path}:{line}: not a JSON article record: {source}")]
    Json {
        /// The data file.
        path: PathBuf,
        /// 1-based line number of the bad record.
        line: usize,
        /// What the JSON parser said.
        #[source]
        source: serde_json::Error,
    },
}

/// True-positive, false-positive and false-negative boundary counts, kept separately so
/// that scores over many articles are micro-averaged (summed, then divided).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BoundaryCounts {
    /// Predicted boundaries that are gold boundaries.
    pub true_positives: usize,
    /// Predicted boundaries the gold does not have.
    pub false_positives: usize,
    /// Gold boundaries not predicted.
    pub false_negatives: usize,
}

impl BoundaryCounts {
    /// Add another article's counts.
    pub fn add(&mut self, other: BoundaryCounts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    /// TP / (TP + FP); 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// TP / (TP + FN); 0 when the gold has no boundary.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Compare two sorted, distinct lists of boundary offsets.
pub fn score_boundaries(gold: &[usize], predicted: &[usize]) -> BoundaryCounts {
    let (mut i, mut j) = (0, 0);
    let mut c = BoundaryCounts::default();
    while i < gold.len() && j < predicted.len() {
        match gold[i].cmp(&predicted[j]) {
            std::cmp::Ordering::Equal => {
                c.true_positives += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                c.false_negatives += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                c.false_positives += 1;
                j += 1;
            }
        }
    }
    c.false_negatives += gold.len() - i;
    c.false_positives += predicted.len() - j;
    c
}

/// An article's gold sentences joined into one text, with the gold boundaries in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldArticle {
    /// The lines joined with single spaces.
    pub text: String,
    /// Byte offsets where gold sentences (after the first) start.
    pub boundaries: Vec<usize>,
    /// For each boundary, whether the previous line ends with a stop (findable).
    pub punctuated: Vec<bool>,
}

/// Join gold sentences (one per line of `article`) with single spaces. Lines are trimmed
/// and empty lines skipped, so the boundaries never point at whitespace.
pub fn join_gold(article: &str) -> GoldArticle {
    let mut gold = GoldArticle {
        text: String::with_capacity(article.len()),
        boundaries: Vec::new(),
        punctuated: Vec::new(),
    };
    let mut prev_line = "";
    for line in article.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !gold.text.is_empty() {
            gold.text.push(' ');
            gold.boundaries.push(gold.text.len() + bullet_len(line));
            gold.punctuated.push(ends_with_stop(prev_line));
        }
        gold.text.push_str(line);
        prev_line = line;
    }
    gold
}

/// The length of a leading bullet marker and the whitespace after it ("• "), or 0.
fn bullet_len(line: &str) -> usize {
    match line.strip_prefix(['-', '*', '•', '▪', '◦', '‣']) {
        Some(rest) if rest.starts_with(char::is_whitespace) => line.len() - rest.trim_start().len(),
        _ => 0,
    }
}

/// Whether `line` ends with `.` `?` `!` or `…`, possibly followed by closing quotes or
/// brackets.
fn ends_with_stop(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '?', '!', '…'])
}

/// The boundaries a segmenter predicts: the start of every span but the first.
pub fn predicted_boundaries(spans: &[Span]) -> Vec<usize> {
    spans.iter().skip(1).map(|s| s.start).collect()
}

/// Which way a boundary was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Predicted, not in the gold.
    FalsePositive,
    /// In the gold, not predicted.
    FalseNegative,
}

/// One wrong boundary, with context, for looking at errors rather than only counting.
#[derive(Debug, Clone, Serialize)]
pub struct BoundaryError {
    /// Which way it was wrong.
    pub kind: ErrorKind,
    /// The article's id (or its line number in the data file).
    pub article: String,
    /// About 60 bytes each side, with `|` at the boundary.
    pub context: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceReport {
    /// Articles evaluated.
    pub articles: usize,
    /// Gold boundaries (sentence starts after the first, summed over articles).
    pub gold_boundaries: usize,
    /// Predicted boundaries, summed over articles.
    pub predicted_boundaries: usize,
    /// The raw counts the scores come from.
    pub counts: BoundaryCounts,
    /// Gold boundaries whose previous line ends with sentence-final punctuation.
    pub punctuated_gold_boundaries: usize,
    /// Recall over those boundaries only: headings and captions without a final stop
    /// cannot be found once the lines are joined, and this leaves them out.
    pub punctuated_recall: f64,
    /// Micro-averaged boundary precision (a lower bound: see the module documentation).
    pub precision: f64,
    /// Micro-averaged boundary recall.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Bytes of joined article text segmented.
    pub bytes: usize,
    /// Time spent inside the segmenter only (not reading or parsing JSON).
    pub seconds: f64,
    /// `bytes / seconds`, in millions of bytes per second. Depends on the build profile:
    /// measure with a release build.
    pub mb_per_s: f64,
    /// The first errors met, at most [`MAX_SAMPLE_ERRORS`] of each kind.
    pub sample_errors: Vec<BoundaryError>,
}

/// How many errors of each kind [`SentenceReport::sample_errors`] keeps.
pub const MAX_SAMPLE_ERRORS: usize = 25;

/// Evaluate [`split_sentences`] on the JSONL file at `path` (records with an `article`
/// field holding one sentence per line), reading at most `limit` articles.
pub fn evaluate(path: &Path, limit: Option<usize>) -> Result<SentenceReport, EvalError> {
    evaluate_with(path, limit, split_sentences)
}

/// Like [`evaluate`] but with any segmenter, so that a candidate replacement (another
/// crate, a new rule set) is scored exactly the same way.
pub fn evaluate_with<F>(
    path: &Path,
    limit: Option<usize>,
    mut segment: F,
) -> Result<SentenceReport, EvalError>
where
    F: FnMut(&str) -> Vec<Span>,
{
    #[derive(Deserialize)]
    struct Record {
        #[serde(default)]
        id: Option<String>,
        article: String,
    }

    let io_err = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let reader = BufReader::new(File::open(path).map_err(io_err)?);
    let mut counts = BoundaryCounts::default();
    let (mut articles, mut gold_total, mut pred_total, mut bytes) = (0, 0, 0, 0);
    let (mut punct_total, mut punct_found) = (0usize, 0usize);
    let mut elapsed = Duration::ZERO;
    let (mut fp_samples, mut fn_samples) = (Vec::new(), Vec::new());

    for (n, line) in reader.lines().enumerate() {
        if limit.is_some_and(|l| articles >= l) {
            break;
        }
        let line = line.map_err(io_err)?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: Record = serde_json::from_str(&line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            line: n + 1,
            source,
        })?;
        let GoldArticle {
            text,
            boundaries: gold,
            punctuated,
        } = join_gold(&rec.article);
        let t0 = Instant::now();
        let spans = segment(&text);
        elapsed += t0.elapsed();
        let mut pred = predicted_boundaries(&spans);
        // a segmenter is not trusted to return sorted, distinct spans
        pred.sort_unstable();
        pred.dedup();

        let c = score_boundaries(&gold, &pred);
        for (g, _) in gold.iter().zip(&punctuated).filter(|(_, p)| **p) {
            punct_total += 1;
            punct_found += usize::from(pred.binary_search(g).is_ok());
        }
        if (c.false_positives > 0 && fp_samples.len() < MAX_SAMPLE_ERRORS)
            || (c.false_negatives > 0 && fn_samples.len() < MAX_SAMPLE_ERRORS)
        {
            let id = rec.id.clone().unwrap_or_else(|| format!("line {}", n + 1));
            collect_errors(&text, &gold, &pred, &id, &mut fp_samples, &mut fn_samples);
        }
        counts.add(c);
        articles += 1;
        gold_total += gold.len();
        pred_total += pred.len();
        bytes += text.len();
    }

    let seconds = elapsed.as_secs_f64();
    let mut sample_errors = fp_samples;
    sample_errors.append(&mut fn_samples);
    Ok(SentenceReport {
        articles,
        gold_boundaries: gold_total,
        predicted_boundaries: pred_total,
        counts,
        punctuated_gold_boundaries: punct_total,
        punctuated_recall: ratio(punct_found, punct_total),
        precision: counts.precision(),
        recall: counts.recall(),
        f1: counts.f1(),
        bytes,
        seconds,
        mb_per_s: if seconds > 0.0 {
            bytes as f64 / 1e6 / seconds
        } else {
            0.0
        },
        sample_errors,
    })
}

/// Record the wrong boundaries of one article, up to [`MAX_SAMPLE_ERRORS`] of each kind.
fn collect_errors(
    text: &str,
    gold: &[usize],
    pred: &[usize],
    id: &str,
    fps: &mut Vec<BoundaryError>,
    fns: &mut Vec<BoundaryError>,
) {
    for &p in pred {
        if fps.len() < MAX_SAMPLE_ERRORS && gold.binary_search(&p).is_err() {
            fps.push(error_at(text, p, ErrorKind::FalsePositive, id));
        }
    }
    for &g in gold {
        if fns.len() < MAX_SAMPLE_ERRORS && pred.binary_search(&g).is_err() {
            fns.push(error_at(text, g, ErrorKind::FalseNegative, id));
        }
    }
}

fn error_at(text: &str, at: usize, kind: ErrorKind, id: &str) -> BoundaryError {
    let floor = |mut i: usize| {
        while i > 0 && !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let at = floor(at.min(text.len()));
    let start = floor(at.saturating_sub(60));
    let end = floor((at + 60).min(text.len()));
    BoundaryError {
        kind,
        article: id.to_string(),
        context: format!("{}|{}", &text[start..at], &text[at..end]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_counts_matches_misses_and_extras() {
        let c = score_boundaries(&[10, 20, 30], &[10, 25, 30, 40]);
        assert_eq!(
            c,
            BoundaryCounts {
                true_positives: 2,
                false_positives: 2,
                false_negatives: 1
            }
        );
        assert!((c.precision() - 0.5).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(score_boundaries(&[], &[]).f1(), 0.0);
    }

    #[test]
    fn gold_is_joined_with_spaces_and_bullets_skipped() {
        let g = join_gold("First one.\n\n  Second one  \n• Third\nFourth.");
        assert_eq!(g.text, "First one. Second one • Third Fourth.");
        assert_eq!(g.boundaries, vec![11, 26, 32]);
        assert_eq!(&g.text[26..31], "Third");
        assert_eq!(g.punctuated, vec![true, false, false]);
    }

    #[test]
    fn our_segmenter_scores_perfectly_on_a_small_clean_file() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("gold.jsonl");
        let lines = [
            r#"{"id": "a", "article": "U.S. officials met on Tuesday.\nThe talks ended at 3 p.m. Wednesday.\n\"No deal,\" he said."}"#,
            r#"{"id": "b", "article": "Growth slowed to 3.5 percent.\nDr. Smith disagreed."}"#,
        ];
        std::fs::write(&path, lines.join("\n")).expect("write");
        let r = evaluate(&path, None).expect("evaluate");
        assert_eq!(r.articles, 2);
        assert_eq!(r.gold_boundaries, 3);
        assert_eq!(r.counts.true_positives, 3, "{:?}", r.sample_errors);
        assert!((r.f1 - 1.0).abs() < 1e-9);

        // a segmenter that never splits finds nothing
        let r = evaluate_with(&path, None, |t| vec![Span::new(0, t.len())]).expect("eval");
        assert_eq!(r.counts.false_negatives, 3);
        assert_eq!(r.recall, 0.0);
        assert_eq!(evaluate(&path, Some(1)).expect("eval").articles, 1);
    }

    #[test]
    fn bad_data_is_an_error_naming_the_line() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("bad.jsonl");
        std::fs::write(&path, "{\"article\": \"A.\"}\n{\"nope\": 1}\n").expect("write");
        let e = evaluate(&path, None).expect_err("must fail");
        assert!(e.to_string().contains(":2:"), "{e}");
        assert!(evaluate(&dir.path().join("missing"), None).is_err());
    }
}
