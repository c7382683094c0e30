//! Named-entity evaluation on CoNLL-2003 (`../shared/eval/ner/conll2003_eng_*.txt`).
//!
//! Why: the actor recogniser's first job is to find names and tell people from
//! organisations and places; CoNLL-2003 is the public yardstick for that, and spaCy's
//! small English model (0.595 F1 on the test split) the baseline to beat without training.
//! We never train on it or build lists from its names: it is read here only to score.
//!
//! How:
//! * The file has one token a line (`TOKEN POS CHUNK TAG`, IOB2 tags), a blank line
//!   between sentences and `-DOCSTART-` lines between documents. Each document becomes one
//!   text: tokens joined with single spaces, sentences with newlines (so "Iran 's" keeps
//!   CoNLL's tokenisation), and every token keeps its byte span.
//! * The recogniser runs on the whole document (so coreference and the per-article
//!   consistency of name kinds work as on real articles). Each name it finds is mapped to
//!   the tokens it overlaps, and typed by the kind of the *name*: person → PER;
//!   organisation, government, group → ORG; country, place → LOC; nationality, other →
//!   MISC (see [`newsdesk_analyze::actors::Ner`]: "Iranian" in "Iranian lawmakers" is
//!   MISC, a capital used as a metonym stays LOC).
//! * Scores are entity-level micro P/R/F1 with exact span and type, as `seqeval` computes
//!   them (its default mode: chunks read from the IOB tags like `conlleval`), overall and
//!   per type.
//! * Speed: tokens per second of recognition and coreference alone (sentence splitting
//!   and the reading of the file are outside the clock), on one thread.

use crate::sentences::EvalError;
use newsdesk_analyze::actors::{Ner, Recogniser};
use newsdesk_core::Span;
use newsdesk_core::text::split_sentences;
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

/// One entity: type and first and last token (inclusive), in document-wide token indexes.
pub type Entity = (String, usize, usize);

/// A CoNLL document joined into text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The document's tokens joined by spaces, sentences by newlines.
    pub text: String,
    /// Byte span of every token in `text`.
    pub tokens: Vec<Span>,
    /// Gold tag of every token.
    pub tags: Vec<String>,
    /// Number of sentences.
    pub sentences: usize,
}

/// Parse CoNLL-2003 text into documents.
pub fn parse(conll: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut doc = Document::default();
    let mut sentence_open = false;
    for line in conll.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            sentence_open = false;
            continue;
        }
        if line.is_empty() {
            if sentence_open {
                doc.sentences += 1;
            }
            sentence_open = false;
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(tok), Some(tag)) = (parts.next(), line.split_whitespace().next_back()) else {
            continue;
        };
        if !doc.text.is_empty() {
            doc.text.push(if sentence_open { ' ' } else { '\n' });
        }
        let start = doc.text.len();
        doc.text.push_str(tok);
        doc.tokens.push(Span::new(start, doc.text.len()));
        doc.tags.push(tag.to_string());
        sentence_open = true;
    }
    if sentence_open {
        doc.sentences += 1;
    }
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    docs
}

/// The entities of a tag sequence, as `seqeval.metrics.sequence_labeling.get_entities`
/// reads them (IOB1/IOB2/IOBES tolerant; a chunk also ends where the type changes).
pub fn entities_of(tags: &[String]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut prev_tag = "O";
    let mut prev_type = "";
    let mut begin = 0usize;
    for (i, t) in tags
        .iter()
        .map(String::as_str)
        .chain(std::iter::once("O"))
        .enumerate()
    {
        let (tag, ty) = split(t);
        if end_of_chunk(prev_tag, tag, prev_type, ty) {
            out.push((prev_type.to_string(), begin, i - 1));
        }
        if start_of_chunk(prev_tag, tag, prev_type, ty) {
            begin = i;
        }
        prev_tag = tag;
        prev_type = ty;
    }
    out
}

fn split(t: &str) -> (&str, &str) {
    if t == "O" {
        return ("O", "");
    }
    match t.split_once('-') {
        Some((p, ty)) => (p, ty),
        None => (t, ""),
    }
}

fn end_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    (prev_tag == "E")
        || (prev_tag == "S")
        || (prev_tag == "B" && matches!(tag, "B" | "S" | "O"))
        || (prev_tag == "I" && matches!(tag, "B" | "S" | "O"))
        || (prev_tag != "O" && prev_tag != "." && prev_type != ty)
}

fn start_of_chunk(prev_tag: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!(tag, "B" | "S")
        || (matches!(prev_tag, "E" | "S" | "O") && matches!(tag, "E" | "I"))
        || (tag != "O" && tag != "." && prev_type != ty)
}

/// Map predicted name spans to token entities: a name covers the tokens it overlaps.
pub fn to_entities(tokens: &[Span], names: &[(Span, Ner)]) -> Vec<Entity> {
    let mut out = Vec::with_capacity(names.len());
    for (s, n) in names {
        let first = tokens.partition_point(|t| t.end <= s.start);
        let mut last = first;
        while last + 1 < tokens.len() && tokens[last + 1].start < s.end {
            last += 1;
        }
        if first < tokens.len() && tokens[first].start < s.end {
            out.push((n.label().to_string(), first, last));
        }
    }
    out.dedup();
    out
}

/// Precision, recall and F1 of one type (or all).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Score {
    /// `PER`, `ORG`, `LOC`, `MISC` or `ALL`.
    pub label: String,
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities with exactly the gold span and type.
    pub correct: usize,
    /// correct / predicted.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Score {
    fn new(label: &str, gold: usize, predicted: usize, correct: usize) -> Self {
        let p = if predicted == 0 {
            0.0
        } else {
            correct as f64 / predicted as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Score {
            label: label.to_string(),
            gold,
            predicted,
            correct,
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// A wrong or missed entity, with its text, for looking at errors.
#[derive(Debug, Clone, Serialize)]
pub struct NerError {
    /// `false_positive` (predicted, not gold) or `false_negative`.
    pub kind: &'static str,
    /// `PER`, `ORG`, `LOC`, `MISC` or `ALL`.
    pub label: String,
    /// The document's tokens joined by spaces, sentences by newlines.
    pub text: String,
}

/// The result of `newsdesk eval ner`.
#[derive(Debug, Clone, Serialize)]
pub struct NerReport {
    /// Documents scored.
    pub documents: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Micro-averaged over all types.
    pub overall: Score,
    /// PER, ORG, LOC, MISC.
    pub per_type: Vec<Score>,
    /// Tokens per second of recognition and coreference on one thread.
    pub tokens_per_second: f64,
    /// Time spent in recognition and coreference.
    pub seconds: f64,
    /// `debug` or `release`: speeds of debug builds mean little.
    pub build: &'static str,
    /// The kind → CoNLL type mapping used.
    pub mapping: &'static str,
    /// Up to 200 errors, in file order.
    pub sample_errors: Vec<NerError>,
}

/// The documented kind → CoNLL mapping.
pub const MAPPING: &str = "person->PER; organization, government, group->ORG; country, place->LOC; nationality, other->MISC (by the kind of the name)";

/// Score `rec` on the CoNLL file at `path`, optionally on its first `limit` documents.
pub fn evaluate(
    path: &Path,
    rec: &Recogniser,
    limit: Option<usize>,
) -> Result<NerReport, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut docs = parse(&text);
    if let Some(l) = limit {
        docs.truncate(l);
    }
    Ok(score(&docs, rec))
}

/// Score `rec` on parsed documents.
pub fn score(docs: &[Document], rec: &Recogniser) -> NerReport {
    const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
    let mut gold_n = [0usize; 5];
    let mut pred_n = [0usize; 5];
    let mut correct_n = [0usize; 5];
    let mut seconds = 0.0f64;
    let mut tokens = 0usize;
    let mut sentences = 0usize;
    let mut errors = Vec::new();
    for d in docs {
        tokens += d.tokens.len();
        sentences += d.sentences;
        let spans = split_sentences(&d.text);
        let t0 = Instant::now();
        let found = rec.find(&d.text, &spans, None);
        seconds += t0.elapsed().as_secs_f64();
        let names = rec.names_of(&found);
        let pred = to_entities(&d.tokens, &names);
        let gold = entities_of(&d.tags);
        let gold_set: HashSet<&Entity> = gold.iter().collect();
        let pred_set: HashSet<&Entity> = pred.iter().collect();
        let idx = |l: &str| TYPES.iter().position(|t| *t == l).unwrap_or(4);
        for e in &gold {
            gold_n[idx(&e.0)] += 1;
            if pred_set.contains(e) {
                correct_n[idx(&e.0)] += 1;
            } else if errors.len() < 200 {
                errors.push(error("false_negative", e, d));
            }
        }
        for e in &pred {
            pred_n[idx(&e.0)] += 1;
            if !gold_set.contains(e) && errors.len() < 200 {
                errors.push(error("false_positive", e, d));
            }
        }
    }
    let sum = |a: &[usize; 5]| a.iter().sum::<usize>();
    NerReport {
        documents: docs.len(),
        sentences,
        tokens,
        overall: Score::new("ALL", sum(&gold_n), sum(&pred_n), sum(&correct_n)),
        per_type: TYPES
            .iter()
            .enumerate()
            .map(|(k, t)| Score::new(t, gold_n[k], pred_n[k], correct_n[k]))
            .collect(),
        tokens_per_second: if seconds > 0.0 {
            tokens as f64 / seconds
        } else {
            0.0
        },
        seconds,
        build: if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        mapping: MAPPING,
        sample_errors: errors,
    }
}

fn error(kind: &'static str, e: &Entity, d: &Document) -> NerError {
    let text = match (d.tokens.get(e.1), d.tokens.get(e.2)) {
        (Some(a), Some(b)) => d.text.get(a.start..b.end).unwrap_or("").to_string(),
        _ => String::new(),
    };
    NerError {
        kind,
        label: e.0.clone(),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n. . O O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n";

    #[test]
    fn parses_documents_and_entities() {
        let docs = parse(SAMPLE);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "EU rejects German call .\nPeter Blackburn");
        assert_eq!(docs[0].sentences, 2);
        assert_eq!(
            entities_of(&docs[0].tags),
            vec![
                ("ORG".to_string(), 0, 0),
                ("MISC".to_string(), 2, 2),
                ("PER".to_string(), 5, 6)
            ]
        );
        assert_eq!(docs[1].text, "BRUSSELS 1996-08-22");
    }

    #[test]
    fn seqeval_reads_iob1_style_chunks() {
        let tags: Vec<String> = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            entities_of(&tags),
            vec![
                ("PER".to_string(), 0, 1),
                ("PER".to_string(), 2, 2),
                ("LOC".to_string(), 4, 4),
                ("ORG".to_string(), 5, 5)
            ]
        );
    }

    #[test]
    fn names_map_to_overlapping_tokens() {
        let tokens = vec![Span::new(0, 4), Span::new(5, 7), Span::new(8, 12)];
        let names = vec![(Span::new(0, 7), Ner::Loc), (Span::new(9, 10), Ner::Per)];
        assert_eq!(
            to_entities(&tokens, &names),
            vec![("LOC".to_string(), 0, 1), ("PER".to_string(), 2, 2)]
        );
    }

    #[test]
    fn scores_a_small_sample() {
        let docs = parse(SAMPLE);
        let r = score(&docs, &Recogniser::builtin());
        assert_eq!(r.overall.gold, 4);
        assert!(r.overall.correct >= 3, "{:?}", r.sample_errors);
        assert!(r.tokens_per_second > 0.0);
    }
}
