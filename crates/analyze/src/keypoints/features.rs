//! Sentence features for key-point selection, over one article or a set of articles.
//!
//! Why a feature vector and not one hand-written score: the weights that combine position,
//! centrality, salience and length are fitted on data (`newsdesk eval keypoints --fit`),
//! and the fitting code must see exactly the numbers the stage uses. So this module turns
//! articles into [`Candidates`] (one per sentence that can be a bullet, with its features
//! and its set of content terms) and nothing else; [`super::Scorer`] combines them.
//!
//! Cost: one pass over the bytes of each sentence, hashing lowercased words as it goes
//! (FNV-1a, no string is built per word), then sorting small integer arrays per article.
//! Nothing is allocated per token.

use super::trim::trimmed_span;
use crate::keypoints::{DocInput, MIN_BULLET_WORDS};
use newsdesk_core::text::fold_for_key;
use newsdesk_core::{Analysis, Span};

/// Number of features per sentence.
pub const N_FEATURES: usize = 17;

/// Index of the title-similarity feature. It is zero on every story of the fitting data
/// (CNN records have no title), so its weight cannot be fitted there: it is a prior,
/// which fitting leaves as it is (see [`super::FITTED_WEIGHTS`]).
pub const TITLE_FEATURE: usize = 5;

/// Names of the features, in the order of [`Candidate::features`] and of the fitted
/// weights, for reports and for the fitting command's output.
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "first",           // the article's first candidate sentence
    "position_inv",    // 1 / (1 + candidate index)
    "position_rel",    // candidate index / (number of candidates - 1)
    "paragraph_start", // it opens a paragraph (a line of the text)
    "centrality",      // cosine to the centroid of the other sentences' content terms
    "title_sim",       // cosine to the title's content terms (0 without a title)
    "lead_sim",        // cosine to the first candidate (0 for the first itself)
    "entities",        // salience of the main entities it names (mentions, else capitals)
    "numbers",         // it has a number
    "length",          // words / 30, capped at 2
    "length_sq",       // length squared
    "quote_start",     // it opens with a quotation mark
    "has_quote",       // it contains a quotation mark
    "pronoun_start",   // it opens with a pronoun or a connective (needs context)
    "first_person",    // it has I, we, my, our, you (voices in quotes)
    "no_final_stop",   // it does not end with . ! ? (captions, headings, links)
    "question",        // it ends with a question mark
];

/// Only the first this many sentences are checked for a dateline.
const DATELINE_SENTENCES: usize = 4;

/// One sentence that can be a bullet, with what the scorer needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index of its article in the slice given to [`super::Scorer::candidates`].
    pub doc: usize,
    /// Index of its sentence in that article's [`Analysis::sentences`].
    pub sentence: usize,
    /// The bullet's span: the sentence without a leading dateline or trailing
    /// attribution (see [`super::trim`]).
    pub span: Span,
    /// The feature values, named by [`FEATURE_NAMES`].
    pub features: [f32; N_FEATURES],
    /// Range of its distinct content terms in [`Candidates::terms`].
    terms: (u32, u32),
}

/// The candidate sentences of one or more articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// In article order, then sentence order.
    pub items: Vec<Candidate>,
    /// Every candidate's distinct content-term hashes, sorted, concatenated.
    terms: Vec<u64>,
}

impl Candidates {
    /// The sorted distinct content terms of candidate `i`.
    fn terms_of(&self, i: usize) -> &[u64] {
        let (a, b) = self.items[i].terms;
        self.terms.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// Cosine similarity of the content-term sets of candidates `a` and `b` (0 to 1): how
    /// much one repeats the other, which redundancy control penalises.
    pub fn similarity(&self, a: usize, b: usize) -> f32 {
        set_cosine(self.terms_of(a), self.terms_of(b))
    }
}

/// Number of values two sorted, deduplicated lists share.
fn sorted_common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// One word as the feature pass sees it.
#[derive(Debug, Clone, Copy)]
struct Tok {
    /// Hash of the lowercased word, a final plural "s" folded ("talks" = "talk").
    term: u64,
    /// Stop word (not a content term).
    stop: bool,
    /// Starts with an upper-case letter.
    upper: bool,
    /// Starts with a digit.
    digit: bool,
    /// First word of its sentence.
    initial: bool,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// One word as [`scan_words`] reports it.
#[derive(Debug, Clone, Copy)]
struct Word {
    /// Hash of the lowercased word, a final plural "s" folded ("talks" = "talk").
    term: u64,
    /// Hash of the lowercased word as it is.
    raw: u64,
    /// Starts with an upper-case letter.
    upper: bool,
    /// Every letter is upper-case ("US", "NATO").
    caps: bool,
    /// Starts with a digit.
    digit: bool,
    /// Length in bytes.
    len: usize,
}

/// Call `f` for every word of `s`: runs of alphanumeric characters (apostrophes and
/// hyphens split words, so "Iran's" gives "iran" and a one-letter "s" that is never a
/// content term).
fn scan_words(s: &str, mut f: impl FnMut(Word)) {
    let b = s.as_bytes();
    let mut i = 0;
    // state of the current word
    let (mut h, mut h_before_last, mut len) = (FNV_OFFSET, FNV_OFFSET, 0usize);
    let (mut upper, mut caps, mut digit) = (false, true, false);
    let (mut last, mut second_last) = (0u8, 0u8);
    macro_rules! finish {
        () => {
            if len > 0 {
                let plural = len > 3 && last == b's' && second_last != b's' && second_last != b'u';
                f(Word {
                    term: if plural { h_before_last } else { h },
                    raw: h,
                    upper,
                    caps: caps && !digit,
                    digit,
                    len,
                });
            }
        };
    }
    macro_rules! reset {
        () => {
            (h, h_before_last, len, last, second_last) = (FNV_OFFSET, FNV_OFFSET, 0, 0, 0);
            caps = true;
        };
    }
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_alphanumeric() {
                if len == 0 {
                    upper = c.is_ascii_uppercase();
                    digit = c.is_ascii_digit();
                }
                caps &= !c.is_ascii_lowercase();
                let l = c.to_ascii_lowercase();
                h_before_last = h;
                h = (h ^ u64::from(l)).wrapping_mul(FNV_PRIME);
                second_last = last;
                last = l;
                len += 1;
            } else {
                finish!();
                reset!();
            }
            i += 1;
            continue;
        }
        let Some(ch) = s.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let w = ch.len_utf8();
        if ch.is_alphanumeric() {
            if len == 0 {
                upper = ch.is_uppercase();
                digit = false;
            }
            caps &= !ch.is_lowercase();
            h_before_last = h;
            for l in ch.to_lowercase() {
                let mut buf = [0u8; 4];
                for &byte in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
                }
            }
            second_last = last;
            last = 0;
            len += w;
        } else {
            finish!();
            reset!();
        }
        i += w;
    }
    finish!();
}

/// The hash [`scan_words`] gives a lowercase ASCII word as its raw hash.
fn raw_hash(word: &str) -> u64 {
    let mut out = 0;
    scan_words(word, |w| out = w.raw);
    out
}

/// Sorted hashes of the stop words, so that the hot loop checks a `u64` by binary search
/// rather than building a string per word.
pub(super) fn stop_hashes() -> Vec<u64> {
    let mut v: Vec<u64> = newsdesk_core::text::STOP_WORDS
        .iter()
        .chain(EXTRA_STOP_WORDS)
        .map(|w| raw_hash(w))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Added to the shared stop words (`newsdesk_core::text::STOP_WORDS`): reporting and
/// function words that are frequent in news but say nothing about the topic, and the
/// pronouns the features look for separately.
const EXTRA_STOP_WORDS: &[&str] = &[
    "told",
    "according",
    "like",
    "one",
    "new",
    "s",
    "t",
    "mr",
    "mrs",
    "ms",
    "cnn",
];

/// Words that need the previous sentence to be understood when they open a sentence.
const CONTEXT_OPENERS: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its",
    "but", "and", "so", "also", "however", "still", "yet", "then", "there", "both",
];

/// First- and second-person words: a sentence with them is someone's voice, not the news.
const PERSONAL: &[&str] = &["i", "we", "my", "our", "you", "your", "me", "us"];

fn sorted_hashes(words: &[&str]) -> Vec<u64> {
    let mut v: Vec<u64> = words.iter().map(|w| raw_hash(w)).collect();
    v.sort_unstable();
    v
}

/// Word lists hashed once, held by the [`super::Scorer`].
#[derive(Debug, Clone)]
pub(super) struct Lexicon {
    stop: Vec<u64>,
    openers: Vec<u64>,
    personal: Vec<u64>,
}

impl Lexicon {
    pub(super) fn new() -> Self {
        Lexicon {
            stop: stop_hashes(),
            openers: sorted_hashes(CONTEXT_OPENERS),
            personal: sorted_hashes(PERSONAL),
        }
    }
}

/// Per-sentence facts gathered in the first pass, before the document-level features.
#[derive(Debug, Clone, Copy, Default)]
struct SentFacts {
    doc: usize,
    sentence: usize,
    span: Span,
    /// Range of its tokens in the token buffer.
    toks: (usize, usize),
    words: usize,
    candidate_index: usize,
    opens_quote: bool,
    has_quote: bool,
    opener: bool,
    personal: bool,
    number: bool,
    final_stop: bool,
    question: bool,
    paragraph_start: bool,
}

/// Build the candidates of `docs`: every sentence that can be a bullet (at least
/// [`MIN_BULLET_WORDS`] words, not a byline, not a repeat of the title), with features.
///
/// With several articles, centrality is measured against the centroid of all of them (what
/// the set of articles is about), and position, title and lead similarity and entity salience
/// within each sentence's own article.
pub(super) fn build(lex: &Lexicon, docs: &[DocInput<'_>]) -> Candidates {
    let mut toks: Vec<Tok> = Vec::new();
    let mut facts: Vec<SentFacts> = Vec::new();
    // Per doc: range in `facts`, its title's terms and its lead's (first candidate's).
    let mut doc_ranges: Vec<(usize, usize)> = Vec::with_capacity(docs.len());
    let mut title_terms: Vec<Vec<u64>> = Vec::with_capacity(docs.len());
    let mut lead_terms: Vec<Vec<u64>> = Vec::with_capacity(docs.len());

    for (d, doc) in docs.iter().enumerate() {
        let text = doc.article.text.as_str();
        let title = doc
            .article
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty());
        let title_key = title.map(|t| {
            let mut k = String::new();
            fold_for_key(t, &mut k);
            k
        });
        let start = facts.len();
        let mut key = String::new();
        let mut prev_end = 0usize;
        for (i, &sent) in doc.analysis.sentences.iter().enumerate() {
            let paragraph_start = i == 0
                || text
                    .get(prev_end..sent.start)
                    .is_some_and(|g| g.contains('\n'));
            prev_end = sent.end;
            let s = sent.slice(text);
            if s.is_empty() || is_byline(s) {
                continue;
            }
            if let Some(tk) = &title_key {
                key.clear();
                fold_for_key(s, &mut key);
                if &key == tk {
                    continue; // the text repeats its title as a first line
                }
            }
            // Datelines open an article (after a title line or a byline at most).
            let span = trimmed_span(text, sent, paragraph_start && i < DATELINE_SENTENCES);
            let body = span.slice(text);
            let t0 = toks.len();
            let mut words = 0usize;
            let mut opener = false;
            let mut personal = false;
            let mut number = false;
            scan_words(body, |w| {
                let stop = w.len <= 10 && lex.stop.binary_search(&w.raw).is_ok();
                if words == 0 {
                    opener = lex.openers.binary_search(&w.raw).is_ok();
                }
                // "US" in capitals is the country, not the pronoun
                personal |= lex.personal.binary_search(&w.raw).is_ok() && !(w.caps && w.len == 2);
                number |= w.digit;
                toks.push(Tok {
                    term: w.term,
                    stop: stop || (w.len < 2 && !w.digit),
                    upper: w.upper,
                    digit: w.digit,
                    initial: words == 0,
                });
                words += 1;
            });
            if words < MIN_BULLET_WORDS {
                toks.truncate(t0);
                continue;
            }
            let trimmed = body.trim_end();
            let last = trimmed
                .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
                .chars()
                .last();
            facts.push(SentFacts {
                doc: d,
                sentence: i,
                span,
                toks: (t0, toks.len()),
                words,
                candidate_index: facts.len() - start,
                opens_quote: body.starts_with(['"', '“', '\'', '‘']),
                has_quote: body.contains(['"', '“', '”']),
                opener,
                personal,
                number,
                final_stop: matches!(last, Some('.' | '!' | '?' | '…')),
                question: last == Some('?'),
                paragraph_start,
            });
        }
        doc_ranges.push((start, facts.len()));
        let mut title_set: Vec<u64> = Vec::new();
        if let Some(t) = title {
            scan_words(t, |w| {
                let stop = w.len <= 10 && lex.stop.binary_search(&w.raw).is_ok();
                if !stop && (w.len >= 2 || w.digit) {
                    title_set.push(w.term);
                }
            });
        }
        title_set.sort_unstable();
        title_set.dedup();
        title_terms.push(title_set);
        let mut lead: Vec<u64> = facts
            .get(start)
            .map(|f| content_terms(&toks[f.toks.0..f.toks.1]).collect())
            .unwrap_or_default();
        lead.sort_unstable();
        lead.dedup();
        lead_terms.push(lead);
    }

    // Centroid: counts of content terms over all sentences of all docs.
    let mut all_terms: Vec<u64> = toks.iter().filter(|t| !t.stop).map(|t| t.term).collect();
    all_terms.sort_unstable();
    let counts = run_lengths(&all_terms);
    let centroid_norm = counts
        .iter()
        .map(|&(_, c)| (c as f32) * (c as f32))
        .sum::<f32>()
        .sqrt()
        .max(1.0);

    let mut out = Candidates {
        items: Vec::with_capacity(facts.len()),
        terms: Vec::with_capacity(all_terms.len()),
    };
    let mut scratch: Vec<u64> = Vec::new();
    for (d, &(a, b)) in doc_ranges.iter().enumerate() {
        let n = b - a;
        let entity = EntityTable::new(docs[d].analysis, &toks, &facts[a..b]);
        for f in &facts[a..b] {
            scratch.clear();
            scratch.extend(content_terms(&toks[f.toks.0..f.toks.1]));
            scratch.sort_unstable();
            scratch.dedup();
            // centrality: support of each term by the rest of the text
            let mut dot = 0.0f32;
            for t in &scratch {
                if let Ok(k) = counts.binary_search_by_key(t, |&(term, _)| term) {
                    dot += (counts[k].1.saturating_sub(1)) as f32;
                }
            }
            let len_norm = (scratch.len() as f32).sqrt().max(1.0);
            let centrality = dot / (len_norm * centroid_norm);
            let k = f.candidate_index;
            let title_sim = set_cosine(&scratch, &title_terms[d]);
            let lead_sim = if k == 0 {
                0.0
            } else {
                set_cosine(&scratch, &lead_terms[d])
            };
            let length = (f.words as f32 / 30.0).min(2.0);
            let features = [
                f32::from(u8::from(k == 0)),
                1.0 / (1.0 + k as f32),
                if n > 1 {
                    k as f32 / (n - 1) as f32
                } else {
                    0.0
                },
                f32::from(u8::from(f.paragraph_start)),
                centrality,
                title_sim,
                lead_sim,
                entity.salience(f, &toks),
                f32::from(u8::from(f.number)),
                length,
                length * length,
                f32::from(u8::from(f.opens_quote)),
                f32::from(u8::from(f.has_quote)),
                f32::from(u8::from(f.opener)),
                f32::from(u8::from(f.personal)),
                f32::from(u8::from(!f.final_stop)),
                f32::from(u8::from(f.question)),
            ];
            let t0 = out.terms.len() as u32;
            out.terms.extend_from_slice(&scratch);
            out.items.push(Candidate {
                doc: f.doc,
                sentence: f.sentence,
                span: f.span,
                features,
                terms: (t0, out.terms.len() as u32),
            });
        }
    }
    out
}

/// FNV-1a of `s` lowercased with whitespace runs folded to one space, without building the
/// folded string: "Abbas  Araghchi" and "abbas araghchi" are one entity.
fn folded_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut space = false;
    let mut buf = [0u8; 4];
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            h = (h ^ u64::from(b' ')).wrapping_mul(FNV_PRIME);
            space = false;
        }
        for l in c.to_lowercase() {
            for &b in l.encode_utf8(&mut buf).as_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
            }
        }
    }
    h
}

/// Cosine similarity of two sorted, deduplicated term sets (0 when either is empty).
fn set_cosine(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    sorted_common(a, b) as f32 / ((a.len() * b.len()) as f32).sqrt()
}

/// The content terms (not stop words) of a run of tokens.
fn content_terms(toks: &[Tok]) -> impl Iterator<Item = u64> + '_ {
    toks.iter().filter(|t| !t.stop).map(|t| t.term)
}

/// (value, count) of a sorted list.
fn run_lengths(sorted: &[u64]) -> Vec<(u64, u32)> {
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(sorted.len() / 2 + 1);
    for &t in sorted {
        match out.last_mut() {
            Some((v, c)) if *v == t => *c += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

/// How often each entity of an article is named, to rate sentences by the main entities
/// they name.
///
/// With actor mentions (the actors stage), an entity is an actor (or a mention's folded
/// text when it has none) and a sentence names it when a mention's evidence points there.
/// Without, capitalised words that are not the first word of their sentence stand in for
/// names (a first word counts when the same word is capitalised elsewhere mid-sentence),
/// and numbers count as entities too.
struct EntityTable {
    /// (key, count), sorted by key.
    counts: Vec<(u64, u32)>,
    max: u32,
    /// With mentions: (sentence index, key), sorted.
    by_sentence: Option<Vec<(usize, u64)>>,
}

impl EntityTable {
    fn new(analysis: &Analysis, toks: &[Tok], facts: &[SentFacts]) -> Self {
        if !analysis.mentions.is_empty() {
            let mut by_sentence: Vec<(usize, u64)> = analysis
                .mentions
                .iter()
                .map(|m| {
                    let key = match &m.actor {
                        Some(a) => newsdesk_core::text::fnv1a(a.id.as_bytes()),
                        None => folded_hash(&m.text),
                    };
                    (m.evidence.sentence, key)
                })
                .collect();
            by_sentence.sort_unstable();
            let mut keys: Vec<u64> = by_sentence.iter().map(|&(_, k)| k).collect();
            keys.sort_unstable();
            let counts = run_lengths(&keys);
            let max = counts.iter().map(|&(_, c)| c).max().unwrap_or(0);
            return EntityTable {
                counts,
                max,
                by_sentence: Some(by_sentence),
            };
        }
        let mut names: Vec<u64> = Vec::new();
        for f in facts {
            for t in &toks[f.toks.0..f.toks.1] {
                if !t.stop && ((t.upper && !t.initial) || t.digit) {
                    names.push(t.term);
                }
            }
        }
        names.sort_unstable();
        let mut counts = run_lengths(&names);
        // sentence-initial occurrences of known names count too
        for f in facts {
            if let Some(t) = toks.get(f.toks.0)
                && t.upper
                && !t.stop
                && let Ok(k) = counts.binary_search_by_key(&t.term, |&(v, _)| v)
            {
                counts[k].1 += 1;
            }
        }
        let max = counts.iter().map(|&(_, c)| c).max().unwrap_or(0);
        EntityTable {
            counts,
            max,
            by_sentence: None,
        }
    }

    fn count(&self, key: u64) -> u32 {
        self.counts
            .binary_search_by_key(&key, |&(v, _)| v)
            .map_or(0, |k| self.counts[k].1)
    }

    /// Sum over the distinct entities a sentence names of their share of the most frequent
    /// entity's count, saturating at 3 and scaled to 0–1.
    fn salience(&self, f: &SentFacts, toks: &[Tok]) -> f32 {
        if self.max == 0 {
            return 0.0;
        }
        let mut seen = [0u64; 16];
        let mut n_seen = 0;
        let mut sum = 0.0f32;
        let mut add = |key: u64, c: u32| {
            if c < 2 || seen[..n_seen].contains(&key) {
                return; // named once in the whole article: not a main entity
            }
            if n_seen < seen.len() {
                seen[n_seen] = key;
                n_seen += 1;
            }
            sum += c as f32 / self.max as f32;
        };
        match &self.by_sentence {
            Some(list) => {
                let from = list.partition_point(|&(s, _)| s < f.sentence);
                for &(_, key) in list[from..].iter().take_while(|&&(s, _)| s == f.sentence) {
                    add(key, self.count(key));
                }
            }
            None => {
                for t in &toks[f.toks.0..f.toks.1] {
                    if !t.stop && (t.upper || t.digit) {
                        add(t.term, self.count(t.term));
                    }
                }
            }
        }
        sum.min(3.0) / 3.0
    }
}

/// "By Jane Doe" and similar credit lines.
fn is_byline(s: &str) -> bool {
    let t = s.trim_start();
    (t.starts_with("By ") || t.starts_with("BY "))
        && newsdesk_core::text::words(t).take(7).count() < 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(s: &str) -> Vec<(u64, bool, bool)> {
        let mut v = Vec::new();
        scan_words(s, |w| v.push((w.term, w.upper, w.digit)));
        v
    }

    #[test]
    fn words_fold_case_and_plural_and_split_at_apostrophes() {
        let a = words_of("Talks talk TALKS Iran's 1,200 Zürich zürich");
        assert_eq!(a.len(), 9); // Talks talk TALKS Iran s 1 200 Zürich zürich
        assert_eq!(a[0].0, a[1].0);
        assert_eq!(a[1].0, a[2].0);
        assert!(a[0].1 && !a[1].1);
        assert!(a[5].2);
        assert_eq!(a[7].0, a[8].0);
        // "ss" and "us" endings are not plurals
        let b = words_of("class clas status statu");
        assert_ne!(b[0].0, b[1].0);
        assert_ne!(b[2].0, b[3].0);
    }

    #[test]
    fn mention_keys_fold_case_and_spacing() {
        assert_eq!(
            folded_hash("Abbas  Araghchi"),
            folded_hash(" abbas araghchi")
        );
        assert_ne!(folded_hash("Abbas Araghchi"), folded_hash("AbbasAraghchi"));
    }

    #[test]
    fn stop_words_hash_like_words_in_text() {
        let lex = Lexicon::new();
        let mut stops = 0;
        scan_words("The talks and THE sanctions", |w| {
            stops += usize::from(lex.stop.binary_search(&w.raw).is_ok());
        });
        assert_eq!(stops, 3);
    }
}
