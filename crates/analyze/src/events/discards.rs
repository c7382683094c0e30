//! Discard lists: phrases that mark a sentence, or a whole story, as one not to code
//! (sports results, historical chronologies, weather), in the format of PETRARCH's
//! `*.discards.txt`, so that analysts can bring the lists they already keep with
//! `--discards FILE`.
//!
//! The format, as PETRARCH documents it:
//!
//! ```text
//! # a comment (also `<!-- … -->` and, from TABARI, `;`)
//! CUP FINAL          # a sentence containing "cup final…" is not coded
//! +HURRICANE         # `+`: the whole story containing it is not coded
//! GOLF_              # a trailing `_`: a whole word ("golf", not "golfer")
//! ```
//!
//! A phrase matches when it starts at a word boundary of the text, in any case; without a
//! trailing `_` it is a stem ("referee" also matches "referees"); words separated by
//! spaces or `_` in the file match words separated by one space in the text.
//!
//! Why a separate list and not verbs patterns: a discard is about the topic of the text,
//! not its event; one phrase anywhere cancels coding.

use super::dict::EventDictError;
use aho_corasick::{AhoCorasick, MatchKind};

/// One phrase of a discard list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Lower case, words separated by one space.
    pub phrase: String,
    /// Whether the whole story (the article) is skipped, not only the sentence.
    pub story: bool,
    /// Whether the phrase must end at a word boundary (`_` at its end in the file).
    pub whole_word: bool,
}

/// A compiled discard list; empty by default (nothing is discarded).
#[derive(Clone, Default)]
pub struct Discards {
    items: Vec<Discard>,
    ac: Option<AhoCorasick>,
}

impl std::fmt::Debug for Discards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Discards")
            .field("phrases", &self.items.len())
            .finish()
    }
}

/// What a discard list says about a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// A story phrase is in the text: code nothing.
    pub story: bool,
    /// Byte offsets (into the text) where sentence phrases start.
    pub sentence_hits: Vec<usize>,
}

impl Discards {
    /// Read a discard list. A line with no phrase left after its comment is skipped;
    /// a file with no phrase at all is an error (most likely the wrong file).
    pub fn parse(file: &str, text: &str) -> Result<Discards, EventDictError> {
        let mut items = Vec::new();
        let mut in_comment = false;
        for raw in text.lines() {
            let mut line = raw;
            // `<!-- … -->`, possibly over several lines
            if in_comment {
                match line.find("-->") {
                    Some(i) => {
                        in_comment = false;
                        line = &line[i + 3..];
                    }
                    None => continue,
                }
            }
            let owned;
            if let Some(i) = line.find("<!--") {
                match line[i..].find("-->") {
                    Some(j) => {
                        owned = format!("{}{}", &line[..i], &line[i + j + 3..]);
                        line = &owned;
                    }
                    None => {
                        in_comment = true;
                        line = &line[..i];
                    }
                }
            }
            let line = line.split(['#', ';']).next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (story, body) = match line.strip_prefix('+') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let whole_word = body.ends_with('_');
            let phrase = body
                .split(|c: char| c == '_' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if phrase.is_empty() {
                continue;
            }
            items.push(Discard {
                phrase,
                story,
                whole_word,
            });
        }
        if items.is_empty() {
            return Err(EventDictError::File {
                file: file.to_string(),
                message: "no discard phrase in the file".into(),
            });
        }
        Ok(Discards::new(items))
    }

    /// Compile `items`.
    pub fn new(items: Vec<Discard>) -> Discards {
        let ac = if items.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(items.iter().map(|d| d.phrase.as_str()))
                .ok()
        };
        Discards { items, ac }
    }

    /// This list and `other`'s phrases.
    pub fn merged(mut self, other: Discards) -> Discards {
        self.items.extend(other.items);
        Discards::new(self.items)
    }

    /// The phrases.
    pub fn items(&self) -> &[Discard] {
        &self.items
    }

    /// Whether the list is empty (then [`Discards::check`] finds nothing, at no cost).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Where the list's phrases occur in `text` (a story phrase stops the search).
    pub fn check(&self, text: &str) -> Verdict {
        let mut v = Verdict::default();
        let Some(ac) = &self.ac else {
            return v;
        };
        let bytes = text.as_bytes();
        let boundary_before = |i: usize| {
            // (a match of a whole UTF-8 phrase starts and ends on char boundaries;
            // `get` keeps that an assumption, not a panic)
            text.get(..i)
                .and_then(|t| t.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric())
        };
        let boundary_after = |i: usize| {
            i >= bytes.len()
                || text
                    .get(i..)
                    .and_then(|t| t.chars().next())
                    .is_none_or(|c| !c.is_alphanumeric())
        };
        for m in ac.find_overlapping_iter(text) {
            let Some(d) = self.items.get(m.pattern().as_usize()) else {
                continue;
            };
            if !boundary_before(m.start()) || (d.whole_word && !boundary_after(m.end())) {
                continue;
            }
            if d.story {
                v.story = true;
                return v;
            }
            v.sentence_hits.push(m.start());
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "# our own test list\n\
<!-- a note -->\n\
CUP FINAL   # ab\n\
+HURRICANE\n\
GOLF_\n\
\n\
; a TABARI comment\n";

    #[test]
    fn reads_phrases_with_story_and_word_marks() {
        let d = Discards::parse("t.discards.txt", LIST).unwrap();
        assert_eq!(
            d.items(),
            &[
                Discard {
                    phrase: "cup final".into(),
                    story: false,
                    whole_word: false
                },
                Discard {
                    phrase: "hurricane".into(),
                    story: true,
                    whole_word: false
                },
                Discard {
                    phrase: "golf".into(),
                    story: false,
                    whole_word: true
                },
            ]
        );
        assert!(Discards::parse("empty.txt", "# nothing\n").is_err());
    }

    #[test]
    fn matches_at_word_starts_in_any_case() {
        let d = Discards::parse("t.discards.txt", LIST).unwrap();
        // a story phrase, as a stem ("Hurricanes")
        assert!(d.check("Two Hurricanes hit the coast.").story);
        // a sentence phrase: where it starts
        let v = d.check("Fans cheered. The Cup Finals begin.");
        assert!(!v.story);
        assert_eq!(v.sentence_hits, vec![18]);
        // not inside a word ("megolf"), and a whole word only ("golfer" is not "golf")
        assert!(
            d.check("The megolf club and a golfer met.")
                .sentence_hits
                .is_empty()
        );
        assert_eq!(d.check("They played golf.").sentence_hits.len(), 1);
        assert_eq!(Discards::default().check("golf"), Verdict::default());
    }
}
