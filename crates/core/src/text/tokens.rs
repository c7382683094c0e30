//! Word tokens, stemming and stop words.

use crate::model::Span;
use std::borrow::Cow;

/// The word tokens of `text` as byte spans: maximal runs of alphanumeric characters,
/// keeping inner apostrophes and hyphens ("don't", "Al-Aqsa") and inner periods or commas
/// between digits ("3.5", "1,200"). Punctuation is not a token.
pub fn words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // skip to the first alphanumeric char
        let (start, _) = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let mut end = text.len();
        let mut prev_digit = bytes[start].is_ascii_digit();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                prev_digit = c.is_ascii_digit();
                chars.next();
                continue;
            }
            let joiner =
                matches!(c, '\'' | '\u{2019}' | '-') || (prev_digit && matches!(c, '.' | ','));
            if joiner {
                let after = text[i + c.len_utf8()..].chars().next();
                let ok = match after {
                    Some(n) if matches!(c, '.' | ',') => n.is_ascii_digit(),
                    Some(n) => n.is_alphanumeric(),
                    None => false,
                };
                if ok {
                    chars.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some(Span::new(start, end))
    })
}

/// The number of word tokens in `text`.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// English Snowball (Porter 2) stemmer. Cheap to create, but keep one per thread or
/// analyzer rather than per word.
pub struct Stemmer(rust_stemmers::Stemmer);

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer(rust_stemmers::Stemmer::create(
            rust_stemmers::Algorithm::English,
        ))
    }
}

impl Stemmer {
    /// The stem of a lowercase word ("negotiations" → "negoti").
    pub fn stem<'a>(&self, lowercase_word: &'a str) -> Cow<'a, str> {
        self.0.stem(lowercase_word)
    }
}

/// Whether a lowercase word is an English stop word (function words that carry no topic:
/// articles, pronouns, auxiliaries, prepositions, conjunctions, and the reporting verb
/// "said", which is in nearly every news sentence).
pub fn is_stop_word(lowercase_word: &str) -> bool {
    STOP_WORDS.binary_search(&lowercase_word).is_ok()
}

/// The stop words, sorted, so that lookup is a binary search without a hash set to build.
/// Public so analyzers that hash words their own way reuse the one list.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        words(t).map(|s| s.slice(t)).collect()
    }

    #[test]
    fn tokens_keep_inner_joiners() {
        assert_eq!(
            toks("Iran's GDP fell 3.5 percent, to $1,200 — don't panic; Al-Aqsa."),
            vec![
                "Iran's", "GDP", "fell", "3.5", "percent", "to", "1,200", "don't", "panic",
                "Al-Aqsa"
            ]
        );
        assert_eq!(toks("end. 3. Next"), vec!["end", "3", "Next"]);
        assert_eq!(toks("Zürich’s café"), vec!["Zürich’s", "café"]);
        assert_eq!(toks("-- ..."), Vec::<&str>::new());
    }

    #[test]
    fn stop_words_are_sorted_and_found() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("the"));
        assert!(is_stop_word("said"));
        assert!(!is_stop_word("iran"));
    }

    #[test]
    fn stems_english() {
        let s = Stemmer::default();
        assert_eq!(s.stem("negotiations"), "negoti");
        assert_eq!(s.stem("talks"), "talk");
    }
}
