//! Quote and attribution evaluation on PolNeAR (`../shared/eval/quotes/polnear_*.jsonl`).
//!
//! Why: "who said what" is the heart of newsdesk, and PolNeAR's hand-annotated
//! attributions of 2016 election news are the public yardstick, with textacy (direct quotes
//! only) and BERT-based systems as baselines. Read here only to score; never trained on.
//!
//! How (the metric of `../shared/eval/README.md`):
//! * each article's `text` is analysed as it is (no title: PolNeAR puts the headline in the
//!   text) by the pipeline up to claims: sentences, actors, claims;
//! * gold spans are Unicode code points and are converted to byte offsets; a gold content
//!   of several spans is their union;
//! * a prediction matches a gold attribution when their contents overlap by at least half
//!   of the shorter, one-to-one, greedily in document order;
//! * quote P/R/F1 over matches; speaker accuracy = matched pairs whose predicted speaker
//!   span overlaps a gold speaker span (a gold attribution without a speaker wants none);
//!   end-to-end = matched with the speaker right, as P/R/F1;
//! * reported twice: direct quotes only (gold `direct`, prediction `direct`) and all
//!   attributions;
//! * speed: articles per second of the three stages on one thread (reading and scoring
//!   outside the clock), the fastest of three passes, since the machine is shared.

use crate::sentences::EvalError;
use newsdesk_analyze::{Doc, Stage};
use newsdesk_core::{Analysis, Article, ArticleId, Claim, SourceRef, Span};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Deserialize)]
struct GoldRecord {
    #[serde(default)]
    id: String,
    text: String,
    #[serde(default)]
    quotes: Vec<GoldQuoteRaw>,
}

#[derive(Debug, Deserialize)]
struct GoldQuoteRaw {
    #[serde(default)]
    content_spans: Option<Vec<[usize; 2]>>,
    #[serde(default)]
    speaker_spans: Option<Vec<[usize; 2]>>,
    #[serde(default)]
    direct: bool,
}

/// A gold attribution with byte spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldQuote {
    pub content: Vec<Span>,
    pub speaker: Vec<Span>,
    pub direct: bool,
}

/// Precision, recall and F1 of one view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From counts: `right` of `predicted` predictions and `gold` references.
    pub fn new(right: usize, predicted: usize, gold: usize) -> Prf {
        let p = if predicted > 0 {
            right as f64 / predicted as f64
        } else {
            0.0
        };
        let r = if gold > 0 {
            right as f64 / gold as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// Counts and scores of one view (direct quotes, or all attributions).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct View {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub speaker_right: usize,
    /// Content match (≥ 50% overlap of the shorter).
    pub quote: Prf,
    /// Matched pairs whose speakers overlap, over matched pairs.
    pub speaker_accuracy: f64,
    /// Matched and speaker right.
    pub end_to_end: Prf,
}

impl View {
    fn finish(&mut self) {
        self.quote = Prf::new(self.matched, self.predicted, self.gold);
        self.end_to_end = Prf::new(self.speaker_right, self.predicted, self.gold);
        self.speaker_accuracy = if self.matched > 0 {
            self.speaker_right as f64 / self.matched as f64
        } else {
            0.0
        };
    }
}

/// One error, for reading what goes wrong.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteError {
    pub article: String,
    /// `missed`, `spurious` or `speaker`.
    pub kind: &'static str,
    pub content: String,
    pub speaker: String,
    /// For `speaker` errors: the gold speaker.
    pub gold_speaker: String,
    /// Byte offset of the content in the article text (the first gold span for `missed`
    /// and `speaker`, the prediction for `spurious`): for reading the error in context.
    pub start: usize,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct QuotesReport {
    pub articles: usize,
    pub direct: View,
    pub all: View,
    /// Articles per second through sentences, actors and claims, one thread.
    pub articles_per_second: f64,
    pub seconds: f64,
    /// Of `seconds`, the time in the claims stage alone.
    pub claims_seconds: f64,
    /// `debug` or `release`.
    pub build: &'static str,
    /// Up to 300 errors of the all-attributions view, in file order.
    pub sample_errors: Vec<QuoteError>,
    /// Up to 300 errors of the direct-quotes view, in file order.
    pub direct_errors: Vec<QuoteError>,
}

/// Byte offset of every code point index (one more than the number of chars).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn convert(spans: &Option<Vec<[usize; 2]>>, map: &[usize]) -> Vec<Span> {
    spans
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .filter_map(|[a, b]| Some(Span::new(*map.get(*a)?, *map.get(*b)?)))
        .filter(|s| !s.is_empty())
        .collect()
}

fn overlap(a: &[Span], b: Span) -> usize {
    a.iter()
        .map(|s| s.end.min(b.end).saturating_sub(s.start.max(b.start)))
        .sum()
}

/// Score `path`, optionally its first `limit` articles.
pub fn evaluate(path: &Path, limit: Option<usize>) -> Result<QuotesReport, EvalError> {
    let raw = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut docs = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if limit.is_some_and(|l| docs.len() >= l) {
            break;
        }
        let rec: GoldRecord = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        docs.push(rec);
    }
    Ok(score(&docs))
}

fn score(docs: &[GoldRecord]) -> QuotesReport {
    let sentences = newsdesk_analyze::sentences::Sentences;
    let actors = newsdesk_analyze::actors::Actors::builtin();
    let claims = newsdesk_analyze::claims::Claims::builtin();
    let stages: [&dyn Stage; 3] = [&sentences, &actors, &claims];
    let mut direct = View::default();
    let mut all = View::default();
    let mut errors = Vec::new();
    let mut direct_errors = Vec::new();
    let articles: Vec<Article> = docs
        .iter()
        .map(|d| Article {
            id: ArticleId::from_content(None, &d.text),
            input_id: Some(d.id.clone()),
            url: None,
            title: None,
            text: d.text.clone(),
            published: None,
            outlet: None,
            lang: None,
            authors: Vec::new(),
            origin: SourceRef::default(),
        })
        .collect();
    // speed: the fastest of three passes (the machine is shared; one pass is noisy)
    let mut seconds = f64::MAX;
    let mut claims_seconds = f64::MAX;
    for _ in 0..3 {
        let (mut all_s, mut claims_s) = (0.0, 0.0);
        for article in &articles {
            let doc = Doc::new(article);
            let mut an = Analysis::empty(article.id.clone());
            let t0 = Instant::now();
            sentences.run(&doc, &mut an);
            actors.run(&doc, &mut an);
            let t1 = Instant::now();
            claims.run(&doc, &mut an);
            let t2 = Instant::now();
            all_s += (t2 - t0).as_secs_f64();
            claims_s += (t2 - t1).as_secs_f64();
        }
        seconds = seconds.min(all_s);
        claims_seconds = claims_seconds.min(claims_s);
    }
    if articles.is_empty() {
        seconds = 0.0;
        claims_seconds = 0.0;
    }
    for (d, article) in docs.iter().zip(&articles) {
        let map = char_to_byte(&d.text);
        let gold: Vec<GoldQuote> = d
            .quotes
            .iter()
            .map(|q| GoldQuote {
                content: convert(&q.content_spans, &map),
                speaker: convert(&q.speaker_spans, &map),
                direct: q.direct,
            })
            .filter(|q| !q.content.is_empty())
            .collect();
        let doc = Doc::new(article);
        let mut an = Analysis::empty(article.id.clone());
        for s in stages {
            s.run(&doc, &mut an);
        }
        let errs = if errors.len() < 300 {
            Some(&mut errors)
        } else {
            None
        };
        tally(&d.id, &d.text, &gold, &an.claims, false, &mut all, errs);
        let derrs = if direct_errors.len() < 300 {
            Some(&mut direct_errors)
        } else {
            None
        };
        tally(&d.id, &d.text, &gold, &an.claims, true, &mut direct, derrs);
    }
    direct.finish();
    all.finish();
    QuotesReport {
        articles: docs.len(),
        direct,
        all,
        articles_per_second: if seconds > 0.0 {
            docs.len() as f64 / seconds
        } else {
            0.0
        },
        seconds,
        claims_seconds,
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        sample_errors: errors,
        direct_errors,
    }
}

/// Match one article's predictions against its gold attributions and add to `view`.
pub fn tally(
    id: &str,
    text: &str,
    gold: &[GoldQuote],
    pred: &[Claim],
    direct_only: bool,
    view: &mut View,
    mut errors: Option<&mut Vec<QuoteError>>,
) {
    let mut gold: Vec<&GoldQuote> = gold.iter().filter(|g| !direct_only || g.direct).collect();
    gold.sort_by_key(|g| g.content.iter().map(|s| s.start).min().unwrap_or(0));
    let mut pred: Vec<&Claim> = pred.iter().filter(|c| !direct_only || c.direct).collect();
    pred.sort_by_key(|c| c.content.start);
    view.gold += gold.len();
    view.predicted += pred.len();
    let mut used = vec![false; pred.len()];
    for g in &gold {
        let glen: usize = g.content.iter().map(Span::len).sum();
        let hit = pred.iter().enumerate().find(|(k, c)| {
            if used[*k] {
                return false;
            }
            let ps = Span::new(c.content.start, c.content.end);
            let ov = overlap(&g.content, ps);
            ov > 0 && ov * 2 >= glen.min(ps.len()).max(1)
        });
        let gtext = |g: &GoldQuote| {
            g.content
                .iter()
                .map(|s| s.slice(text))
                .collect::<Vec<_>>()
                .join(" … ")
        };
        let gstart = g.content.iter().map(|s| s.start).min().unwrap_or(0);
        let gspk = g
            .speaker
            .iter()
            .map(|s| s.slice(text))
            .collect::<Vec<_>>()
            .join(" ");
        match hit {
            Some((k, c)) => {
                used[k] = true;
                view.matched += 1;
                let right = match &c.speaker {
                    Some(s) => {
                        let ps = Span::new(s.start, s.end);
                        overlap(&g.speaker, ps) > 0
                    }
                    None => g.speaker.is_empty(),
                };
                if right {
                    view.speaker_right += 1;
                } else if let Some(e) = errors.as_deref_mut() {
                    e.push(QuoteError {
                        article: id.to_string(),
                        kind: "speaker",
                        content: gtext(g),
                        speaker: c.speaker.as_ref().map_or(String::new(), |s| s.text.clone()),
                        gold_speaker: gspk,
                        start: gstart,
                    });
                }
            }
            None => {
                if let Some(e) = errors.as_deref_mut() {
                    e.push(QuoteError {
                        article: id.to_string(),
                        kind: "missed",
                        content: gtext(g),
                        speaker: gspk,
                        gold_speaker: String::new(),
                        start: gstart,
                    });
                }
            }
        }
    }
    if let Some(e) = errors {
        for (k, c) in pred.iter().enumerate() {
            if !used[k] {
                e.push(QuoteError {
                    article: id.to_string(),
                    kind: "spurious",
                    content: c.content.text.clone(),
                    speaker: c.speaker.as_ref().map_or(String::new(), |s| s.text.clone()),
                    gold_speaker: String::new(),
                    start: c.content.start,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_become_bytes() {
        let t = "“Ab” é x";
        let m = char_to_byte(t);
        assert_eq!(m[1], 3);
        assert_eq!(convert(&Some(vec![[5, 6]]), &m), vec![Span::new(9, 11)]);
    }

    #[test]
    fn greedy_one_to_one_half_of_shorter() {
        let text = "aaaaaaaaaa bbbbbbbbbb";
        let gold = vec![GoldQuote {
            content: vec![Span::new(0, 10)],
            speaker: vec![Span::new(11, 21)],
            direct: true,
        }];
        let claim = |s: usize, e: usize, sp: Option<(usize, usize)>| {
            let v = serde_json::json!({
                "speaker": sp.map(|(a, b)| serde_json::json!({"text": "", "start": a, "end": b, "actor": null})),
                "cue": {"text": "", "start": 0, "end": 0},
                "content": {"text": "", "start": s, "end": e},
                "direct": true, "stance": "assert",
                "evidence": {"article": "x", "sentence": 0, "span": {"start": 0, "end": 0}}
            });
            serde_json::from_value::<Claim>(v).expect("claim")
        };
        let mut v = View::default();
        tally(
            "x",
            text,
            &gold,
            &[claim(0, 4, Some((12, 13))), claim(0, 10, None)],
            false,
            &mut v,
            None,
        );
        v.finish();
        assert_eq!(
            (v.gold, v.predicted, v.matched, v.speaker_right),
            (1, 2, 1, 1)
        );
        let mut v = View::default();
        tally("x", text, &gold, &[claim(8, 20, None)], false, &mut v, None);
        assert_eq!(v.matched, 0);
    }
}
