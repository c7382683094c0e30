//! Event coding evaluation on `../shared/eval/events/events_dev.jsonl`.
//!
//! Why: the event coder is a set of heuristics; only a score on sentences coded by others
//! tells whether a change helps. We read the data only to score: nothing is learnt from it.
//!
//! How, per sentence, comparing the multisets of predicted and gold events:
//! * levels, from loose to strict: **event** (an event at all, ignoring code and actors),
//!   **code** (the CAMEO root; for `conflibert_cameo_train`, whose gold `code` is a
//!   five-class group `PENTA0`–`PENTA4`, the group of the predicted root: 01–02, 03–05,
//!   06–08, 09–13, 14–20), **pair** (source and target at country level: the first three
//!   letters of a code, or the whole code for `IGO…`/`NGO…`/`IMG…`; for conflibert, whose
//!   actors are text spans, a predicted actor matches when its mention overlaps the gold
//!   span, and an empty gold span matches no actor), **code+pair**, and **exact** (full
//!   code and country-level pair; equal to code+pair on conflibert);
//! * micro precision, recall and F1 over all sentences of a dataset; matching is greedy
//!   (each gold event takes the first unmatched prediction that fits);
//! * 250 conflibert gold events have an empty `code` (the class is unknown): they count
//!   at the event and pair levels; at the levels that compare codes they are left out, and
//!   so is one otherwise unmatched prediction of the same sentence for each of them;
//! * false events: predictions on sentences marked `expect_no_events`;
//! * speed: sentences per second of the whole pipeline (sentences, actors, claims, events,
//!   key points), on one thread, reading excluded.
//!
//! The conflibert sentences are tokenised ("Iran 's", "forces ,"); they are joined back
//! ("Iran's", "forces,") before analysis, and the gold spans with them, so the actor
//! recogniser reads news text. The `petr2_unittest` sentences name fictional actors and use
//! the validation suite's own codes: their dictionaries (`dicts/PETR.Validate.actors.txt`
//! and `PETR.Validate.verbs.txt`, next to the data) are added to ours for them, as a user
//! adds files with `--actors` and `--verbs`, and its discard list
//! (`PETR.Validate.discards.txt`) is applied as with `--discards` (see [`petr_pipeline`]).

use crate::sentences::EvalError;
use newsdesk_analyze::Pipeline;
use newsdesk_core::{Article, ArticleId, Event, SourceRef};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::{Duration, Instant};

/// One line of the data.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    pub dataset: String,
    pub text: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub expect_no_events: bool,
    #[serde(default)]
    pub actor_codes: Option<String>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// A gold event: codes (or text spans, for conflibert) and the CAMEO code or group.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub code: String,
}

/// Counts and scores at one level.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Level {
    pub name: &'static str,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Level {
    fn finish(&mut self) {
        let p = self.tp + self.fp;
        let g = self.tp + self.fn_;
        self.precision = if p == 0 {
            0.0
        } else {
            self.tp as f64 / p as f64
        };
        self.recall = if g == 0 {
            0.0
        } else {
            self.tp as f64 / g as f64
        };
        let s = self.precision + self.recall;
        self.f1 = if s == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / s
        };
    }
}

/// A sentence coded wrongly, for `--json` readers who want to see why.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub id: String,
    pub text: String,
    pub gold: Vec<String>,
    pub predicted: Vec<String>,
}

/// The scores of one dataset.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetReport {
    pub dataset: String,
    pub sentences: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    /// Whether codes are five-class groups (PENTA0–4) rather than CAMEO codes.
    pub pentaclass: bool,
    pub levels: Vec<Level>,
    /// Sentences expected to have no event, and how many of them got one or more.
    pub no_event_sentences: usize,
    pub false_event_sentences: usize,
    pub false_events: usize,
    pub sentences_per_second: f64,
    /// Up to 30 sentences whose exact coding differs.
    pub samples: Vec<Sample>,
    /// On sentences with one gold and one predicted event: "gold>predicted" code groups
    /// (root or 5-class) and how often, to see which codes the coder confuses.
    pub confusion: std::collections::BTreeMap<String, usize>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub datasets: Vec<DatasetReport>,
    pub sentences_per_second: f64,
    /// "release" or "debug": speeds mean little in a debug build.
    pub build: &'static str,
}

/// Join a tokenised sentence back into text ("Iran 's forces ," → "Iran's forces,").
pub fn detokenize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let toks: Vec<&str> = s.split_whitespace().collect();
    let mut no_space_next = false;
    for (i, t) in toks.iter().enumerate() {
        // "cease - fire", "Russia - backed": a hyphen between two words joins them (the
        // tokeniser split compounds; a spaced dash between clauses is rarer in this data)
        let word = |s: &str| s.chars().next().is_some_and(char::is_alphanumeric);
        let hyphen = *t == "-"
            && i > 0
            && word(toks[i - 1])
            && toks
                .get(i + 1)
                .is_some_and(|n| n.chars().next().is_some_and(char::is_alphabetic));
        // "6 . 3 million", "1 , 141 refugees": a number split at its point or thousands
        // separator ("March 24 , 2010" keeps its comma: four digits follow)
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let number_mark = i > 0
            && digits(toks[i - 1])
            && toks.get(i + 1).is_some_and(|n| match *t {
                "." => digits(n),
                "," => digits(n) && n.len() == 3 && toks[i - 1].len() <= 3,
                _ => false,
            });
        let after_mark = i > 1
            && digits(t)
            && (toks[i - 1] == "." || toks[i - 1] == ",")
            && digits(toks[i - 2])
            && (toks[i - 1] == "." || (t.len() == 3 && toks[i - 2].len() <= 3));
        let attach_left = matches!(
            *t,
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "%" | "'s" | "’s" | "'" | "n't" | "’"
        ) || t.starts_with('\'') && t.len() <= 3
            || (i > 0 && toks[i - 1] == "’" && *t == "s")
            || hyphen
            || number_mark
            || after_mark;
        if i > 0 && !attach_left && !no_space_next {
            out.push(' ');
        }
        out.push_str(t);
        no_space_next = matches!(*t, "(" | "[" | "$") || hyphen || number_mark;
    }
    out
}

/// Read the data file.
pub fn read(path: &Path) -> Result<Vec<Item>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut items = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            line: n + 1,
            source,
        })?;
        items.push(item);
    }
    Ok(items)
}

/// The five-class group of a CAMEO code.
pub fn penta(code: &str) -> &'static str {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=2) => "PENTA0",
        Some(3..=5) => "PENTA1",
        Some(6..=8) => "PENTA2",
        Some(9..=13) => "PENTA3",
        Some(14..=20) => "PENTA4",
        _ => "",
    }
}

/// The country-level part of an actor code.
pub fn country_level(code: &str) -> &str {
    if ["IGO", "NGO", "IMG", "---"]
        .iter()
        .any(|p| code.starts_with(p))
    {
        code
    } else {
        code.get(..3).unwrap_or(code)
    }
}

/// A predicted or gold event reduced to what the levels compare.
#[derive(Debug, Clone)]
struct Unit {
    /// The code at the level's granularity (root or penta group); "" unknown (gold only).
    group: String,
    code: String,
    source: Side,
    target: Side,
}

#[derive(Debug, Clone)]
enum Side {
    /// A country-level code.
    Code(String),
    /// A byte range in the analysed text (conflibert); `None` an empty gold span.
    Span(Option<(usize, usize)>),
    /// A predicted actor on a text-span dataset: its mention's range first, then the
    /// ranges of the mentions coreference linked to the same actor in the sentence ("NAF
    /// says it has killed…": "it" is NAF), so that a resolved pronoun counts.
    Coref(Vec<(usize, usize)>),
}

fn side_match(gold: &Side, pred: &Side) -> bool {
    match (gold, pred) {
        (Side::Code(g), Side::Code(p)) => g == p,
        (Side::Span(None), Side::Span(None)) => true,
        (Side::Span(Some((a, b))), Side::Span(Some((c, d)))) => a < d && c < b,
        (Side::Span(Some((a, b))), Side::Coref(spans)) => {
            spans.iter().any(|&(c, d)| *a < d && c < *b)
        }
        (Side::Span(None), Side::Coref(spans)) => spans.is_empty(),
        _ => false,
    }
}

/// Greedy multiset matching of `gold` against `pred` with `fits`; `wild` gold units are
/// don't-cares that absorb one unmatched prediction each. Adds to `lv`.
fn score(
    lv: &mut Level,
    gold: &[Unit],
    pred: &[Unit],
    fits: impl Fn(&Unit, &Unit) -> bool,
    wild: impl Fn(&Unit) -> bool,
) {
    let mut used = vec![false; pred.len()];
    let mut wildcards = 0;
    for g in gold {
        if wild(g) {
            wildcards += 1;
            continue;
        }
        match (0..pred.len()).find(|&i| !used[i] && fits(g, &pred[i])) {
            Some(i) => {
                used[i] = true;
                lv.tp += 1;
            }
            None => lv.fn_ += 1,
        }
    }
    let unmatched = used.iter().filter(|u| !**u).count();
    lv.fp += unmatched.saturating_sub(wildcards);
}

fn describe(u: &Unit) -> String {
    let side = |s: &Side| match s {
        Side::Code(c) => c.clone(),
        Side::Span(None) => "-".into(),
        Side::Span(Some((a, b))) => format!("[{a},{b})"),
        Side::Coref(v) => v.first().map_or("-".into(), |(a, b)| format!("[{a},{b})")),
    };
    format!("{}→{} {}", side(&u.source), side(&u.target), u.code)
}

/// The pipeline for the PETRARCH unit tests: our dictionaries extended by theirs (next to
/// the data, `dicts/PETR.Validate.actors.txt` and `PETR.Validate.verbs.txt`), as a user
/// would with `--actors` and `--verbs`; `None` when the files are not there.
///
/// Why both: the tests name fictional actors and are coded with the validation suite's
/// own codes (mostly WEIS-style, such as 903 or 223, not CAMEO), so without their files
/// the root level measures a different code book; their verbs therefore replace ours
/// (a code book of its own), while their actors extend ours. `NEWSDESK_PETR_DICTS` =
/// `extend` adds their verbs to ours instead, `actors` loads only the actors, `none`
/// neither (to report the figures without them).
pub fn petr_pipeline(data: &Path) -> Option<Pipeline> {
    let which = std::env::var("NEWSDESK_PETR_DICTS").unwrap_or_else(|_| "all".into());
    if which == "none" {
        return None;
    }
    let dicts = data.parent()?.join("dicts");
    let path = dicts.join("PETR.Validate.actors.txt");
    let text = std::fs::read_to_string(&path).ok()?;
    let mut dict = newsdesk_analyze::actors::Recogniser::builtin()
        .dictionary()
        .clone();
    newsdesk_analyze::actors::add_user_dictionary(&mut dict, &path.display().to_string(), &text)
        .ok()?;
    let rec = std::sync::Arc::new(newsdesk_analyze::actors::Recogniser::new(dict));
    let pipeline = Pipeline::with_actors(newsdesk_analyze::Config::default(), rec);
    if which == "actors" {
        return Some(pipeline);
    }
    let vpath = dicts.join("PETR.Validate.verbs.txt");
    let Ok(vtext) = std::fs::read_to_string(&vpath) else {
        return Some(pipeline);
    };
    let name = vpath.display().to_string();
    match newsdesk_analyze::events::EventCoder::from_verb_files(
        &[(name.as_str(), vtext.as_str())],
        which == "extend",
    ) {
        Ok((coder, _)) => {
            // the suite's discard list, as a user gives it with `--discards`
            let dpath = dicts.join("PETR.Validate.discards.txt");
            let coder = match std::fs::read_to_string(&dpath).ok().and_then(|t| {
                newsdesk_analyze::events::Discards::parse(&dpath.display().to_string(), &t).ok()
            }) {
                Some(d) => coder.with_discards(d),
                None => coder,
            };
            Some(pipeline.with_events(std::sync::Arc::new(coder)))
        }
        Err(_) => Some(pipeline),
    }
}

/// Evaluate `pipeline` on the data at `path` (at most `limit` sentences); `petr` codes the
/// `petr2_unittest` sentences when given.
pub fn evaluate(
    path: &Path,
    pipeline: &Pipeline,
    petr: Option<&Pipeline>,
    limit: Option<usize>,
) -> Result<Report, EvalError> {
    let items = read(path)?;
    let items = &items[..limit.unwrap_or(items.len()).min(items.len())];
    let mut names: Vec<String> = Vec::new();
    for it in items {
        if !names.contains(&it.dataset) {
            names.push(it.dataset.clone());
        }
    }
    let mut reports = Vec::new();
    let mut total_time = Duration::ZERO;
    let mut total_n = 0usize;
    for name in names {
        let mut time = Duration::ZERO;
        let set: Vec<&Item> = items.iter().filter(|i| i.dataset == name).collect();
        let pentaclass = set
            .iter()
            .flat_map(|i| i.events.iter())
            .any(|e| e.code.starts_with("PENTA"));
        let spans = set.iter().any(|i| i.actor_codes.as_deref() == Some("text"));
        let pl = if name == "petr2_unittest" {
            petr.unwrap_or(pipeline)
        } else {
            pipeline
        };
        let mut levels: Vec<Level> = ["event", "code", "pair", "code+pair", "exact"]
            .iter()
            .map(|n| Level {
                name: n,
                ..Default::default()
            })
            .collect();
        if pentaclass {
            levels[1].name = "penta";
            levels[3].name = "penta+pair";
        } else {
            levels[1].name = "root";
            levels[3].name = "root+pair";
        }
        let (mut gold_n, mut pred_n, mut none_n, mut false_s, mut false_e) = (0, 0, 0, 0, 0);
        let mut samples = Vec::new();
        let mut confusion = std::collections::BTreeMap::new();
        for it in &set {
            let text = if spans {
                detokenize(&it.text)
            } else {
                it.text.clone()
            };
            let article = Article {
                id: ArticleId::from_content(None, &text),
                input_id: Some(it.id.clone()),
                url: None,
                title: None,
                text,
                published: it.date.clone(),
                outlet: None,
                lang: None,
                authors: Vec::new(),
                origin: SourceRef::default(),
            };
            let t0 = Instant::now();
            let an = pl.analyze(&article);
            time += t0.elapsed();
            let text = &article.text;
            let gold: Vec<Unit> = it
                .events
                .iter()
                .map(|g| {
                    let side = |s: &str| {
                        if spans {
                            let s = detokenize(s);
                            Side::Span(if s.is_empty() {
                                None
                            } else {
                                text.find(&s).map(|a| (a, a + s.len()))
                            })
                        } else {
                            Side::Code(country_level(s).to_string())
                        }
                    };
                    Unit {
                        group: if pentaclass {
                            g.code.clone()
                        } else {
                            g.code.get(..2).unwrap_or("").to_string()
                        },
                        code: g.code.clone(),
                        source: side(&g.source),
                        target: side(&g.target),
                    }
                })
                .collect();
            let pred: Vec<Unit> = an
                .events
                .iter()
                .map(|e| unit(e, pentaclass, spans, &an))
                .collect();
            gold_n += gold.len();
            pred_n += pred.len();
            if let ([g], [p]) = (gold.as_slice(), pred.as_slice()) {
                *confusion
                    .entry(format!("{}>{}", g.group, p.group))
                    .or_insert(0) += 1;
            }
            if it.expect_no_events {
                none_n += 1;
                if !pred.is_empty() {
                    false_s += 1;
                    false_e += pred.len();
                }
            }
            let pair = |g: &Unit, p: &Unit| {
                side_match(&g.source, &p.source) && side_match(&g.target, &p.target)
            };
            let unknown = |g: &Unit| g.group.is_empty();
            score(&mut levels[0], &gold, &pred, |_, _| true, |_| false);
            score(
                &mut levels[1],
                &gold,
                &pred,
                |g, p| g.group == p.group,
                unknown,
            );
            score(&mut levels[2], &gold, &pred, pair, |_| false);
            score(
                &mut levels[3],
                &gold,
                &pred,
                |g, p| g.group == p.group && pair(g, p),
                unknown,
            );
            let exact = |g: &Unit, p: &Unit| {
                (if pentaclass {
                    g.group == p.group
                } else {
                    g.code == p.code
                }) && pair(g, p)
            };
            let mut one = Level::default();
            score(&mut one, &gold, &pred, exact, unknown);
            levels[4].tp += one.tp;
            levels[4].fp += one.fp;
            levels[4].fn_ += one.fn_;
            if (one.fp > 0 || one.fn_ > 0) && samples.len() < samples_limit() {
                samples.push(Sample {
                    id: it.id.clone(),
                    text: article.text.clone(),
                    gold: gold.iter().map(describe).collect(),
                    predicted: pred.iter().map(describe).collect(),
                });
            }
        }
        for l in &mut levels {
            l.finish();
        }
        total_time += time;
        total_n += set.len();
        reports.push(DatasetReport {
            dataset: name,
            sentences: set.len(),
            gold_events: gold_n,
            predicted_events: pred_n,
            pentaclass,
            levels,
            no_event_sentences: none_n,
            false_event_sentences: false_s,
            false_events: false_e,
            sentences_per_second: set.len() as f64 / time.as_secs_f64().max(1e-9),
            samples,
            confusion,
        });
    }
    Ok(Report {
        datasets: reports,
        sentences_per_second: total_n as f64 / total_time.as_secs_f64().max(1e-9),
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    })
}

fn unit(e: &Event, pentaclass: bool, spans: bool, an: &newsdesk_core::Analysis) -> Unit {
    let side = |a: &Option<newsdesk_core::EventActor>| {
        if spans {
            let Some(a) = a else {
                return Side::Coref(Vec::new());
            };
            let mut ranges = vec![(a.start, a.end)];
            let id = an
                .mentions
                .iter()
                .find(|m| m.span.start == a.start && m.span.end == a.end)
                .and_then(|m| m.actor.as_ref())
                .map(|x| x.id.as_str());
            if let Some(id) = id {
                ranges.extend(
                    an.mentions
                        .iter()
                        .filter(|m| m.evidence.sentence == e.evidence.sentence)
                        .filter(|m| m.actor.as_ref().is_some_and(|x| x.id == id))
                        .map(|m| (m.span.start, m.span.end)),
                );
            }
            Side::Coref(ranges)
        } else {
            Side::Code(
                a.as_ref()
                    .map_or("-".to_string(), |a| country_level(&a.code).to_string()),
            )
        }
    };
    Unit {
        group: if pentaclass {
            penta(&e.code.0).to_string()
        } else {
            e.code.root().to_string()
        },
        code: e.code.0.clone(),
        source: side(&e.source),
        target: side(&e.target),
    }
}

/// How many wrongly coded sentences a report keeps (`NEWSDESK_EVENT_SAMPLES` overrides,
/// for whoever tunes the coder).
fn samples_limit() -> usize {
    std::env::var("NEWSDESK_EVENT_SAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenize_joins_news_tokens() {
        assert_eq!(
            detokenize("Iran 's forces , ( NAF ) said 50 % ."),
            "Iran's forces, (NAF) said 50%."
        );
        assert_eq!(detokenize("Baghdad ’ s forces"), "Baghdad’s forces");
        assert_eq!(
            detokenize("a cease - fire with Russia - backed rebels - 5 %"),
            "a cease-fire with Russia-backed rebels - 5%"
        );
        assert_eq!(
            detokenize("gave 6 . 3 million to 1 , 141 people on March 24 , 2010 ."),
            "gave 6.3 million to 1,141 people on March 24, 2010."
        );
    }

    #[test]
    fn penta_groups() {
        assert_eq!(penta("010"), "PENTA0");
        assert_eq!(penta("036"), "PENTA1");
        assert_eq!(penta("0871"), "PENTA2");
        assert_eq!(penta("138"), "PENTA3");
        assert_eq!(penta("195"), "PENTA4");
        assert_eq!(country_level("USAGOV"), "USA");
        assert_eq!(country_level("IGOUNOIAE"), "IGOUNOIAE");
    }

    #[test]
    fn wildcards_absorb_one_prediction() {
        let u = |g: &str| Unit {
            group: g.into(),
            code: g.into(),
            source: Side::Code("A".into()),
            target: Side::Code("B".into()),
        };
        let mut lv = Level::default();
        score(
            &mut lv,
            &[u(""), u("19")],
            &[u("19"), u("04")],
            |g, p| g.group == p.group,
            |g| g.group.is_empty(),
        );
        assert_eq!((lv.tp, lv.fp, lv.fn_), (1, 0, 0));
    }
}
