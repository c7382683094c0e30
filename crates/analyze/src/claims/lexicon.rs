//! The cue lexicon of the claims stage: which words introduce speech ("said", "denied",
//! "according to"), which stance each gives the speaker, and which words in the content
//! turn a plain assertion into a denial (negation) or a suggestion (modality).
//!
//! Why a file and not code: the words are data that linguists and users extend, and a
//! strict loader (a bad line is an error naming its line) keeps a typo from silently
//! dropping a cue. The format is the one of `crates/analyze/data/cues.tsv`:
//! `stance TAB kind TAB forms TAB note`, `#` comments, one `#columns:` line; `stance` is
//! `assert|deny|confirm|suggest|warn|question` or `-`, `kind` is
//! `verb|noun|phrase|negation|modal`, `forms` are `|`-separated, every inflection written
//! out, a form may be several words.

use newsdesk_core::Stance;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small multiplicative hasher for the lexicon's short lower-case keys: the claims stage
/// looks up every word of every article, and the default SipHash (built against hostile
/// keys we do not have here) was a visible share of the stage's time.
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by lower-case words, hashed with [`WordHasher`].
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// The shared cue file, `crates/analyze/data/cues.tsv` (see the module docs).
pub const BUILTIN_CUES: &str = include_str!("../../data/cues.tsv");

/// Our supplement: reporting verbs the shared file leaves out (same format).
pub const SUPPLEMENT_CUES: &str = include_str!("supplement_cues.tsv");

/// A cue lexicon line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CueError {
    /// A line of the file is malformed; `line` is 1-based.
    #[error("{file}:{line}: {message}")]
    Line {
        file: String,
        line: usize,
        message: String,
    },
    /// The file as a whole is unusable (no `#columns:` line).
    #[error("{file}: {message}")]
    File { file: String, message: String },
}

/// What a lexicon form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// A speech or attribution verb ("said", "denied"); its subject is the speaker.
    Verb,
    /// A noun that carries a claim ("claim", "assertion"): "Trump's claim that …".
    Noun,
    /// A fixed multi-word attribution ("according to", "told reporters").
    Phrase,
    /// A negation word in the content ("no", "not", "never"): the speaker denies.
    Negation,
    /// A modal or hedge in the content ("might", "could"): the speaker suggests.
    Modal,
}

impl CueKind {
    fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "verb" => CueKind::Verb,
            "noun" => CueKind::Noun,
            "phrase" => CueKind::Phrase,
            "negation" => CueKind::Negation,
            "modal" => CueKind::Modal,
            _ => return None,
        })
    }
}

/// One form of the lexicon: its words (lower case) and what it signals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The lower-case words of the form ("according", "to").
    pub words: Vec<String>,
    /// The stance it gives; `None` for `-` (a negation or modal without its own stance).
    pub stance: Option<Stance>,
    pub kind: CueKind,
}

/// The loaded lexicon: forms indexed by their first word, so the stage looks each token
/// up once.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    by_first: WordMap<Vec<Cue>>,
    /// Per length of a first word (clamped to 23), the bit set of the letters it may end
    /// with (bit 26 for anything else): most words of a text are turned away by one
    /// look at this before any hashing.
    shapes: [u32; 24],
}

/// The [`Lexicon::shapes`] slot and bit of a word.
fn shape(w: &str) -> (usize, u32) {
    let len = w.len().min(23);
    let bit = match w.as_bytes().last() {
        Some(b) if b.is_ascii_lowercase() => u32::from(b - b'a'),
        _ => 26,
    };
    (len, 1 << bit)
}

fn parse_stance(s: &str) -> Result<Option<Stance>, String> {
    Ok(Some(match s {
        "-" => return Ok(None),
        "assert" => Stance::Assert,
        "deny" => Stance::Deny,
        "confirm" => Stance::Confirm,
        "suggest" => Stance::Suggest,
        "warn" => Stance::Warn,
        "question" => Stance::Question,
        other => return Err(format!("unknown stance {other:?}")),
    }))
}

const COLUMNS: [&str; 4] = ["stance", "kind", "forms", "note"];

impl Lexicon {
    /// The embedded lexicon.
    pub fn builtin() -> Result<Lexicon, CueError> {
        let mut l = Lexicon::default();
        l.add_tsv("cues.tsv", BUILTIN_CUES)?;
        l.add_tsv("supplement_cues.tsv", SUPPLEMENT_CUES)?;
        Ok(l)
    }

    /// Add the forms of a cue file's `text`; `file` names it in errors. Strict: a line
    /// with the wrong number of fields, an unknown stance or kind, or an empty form is an
    /// error naming the line.
    pub fn add_tsv(&mut self, file: &str, text: &str) -> Result<(), CueError> {
        let mut added: Vec<Cue> = Vec::new();
        let found = crate::tsv::read(
            text,
            |names| {
                let mut o = [usize::MAX; 4];
                for (k, want) in COLUMNS.iter().enumerate() {
                    match names.iter().position(|n| n == want) {
                        Some(p) => o[k] = p,
                        None if *want == "note" => {}
                        None => return Err(format!("no {want:?} column")),
                    }
                }
                Ok(o)
            },
            |o, _, fields| {
                let get = |k: usize| fields.get(o[k]).copied().unwrap_or("");
                let stance = parse_stance(get(0))?;
                let kind =
                    CueKind::parse(get(1)).ok_or_else(|| format!("unknown kind {:?}", get(1)))?;
                if matches!(kind, CueKind::Verb | CueKind::Noun | CueKind::Phrase)
                    && stance.is_none()
                {
                    return Err(format!("a {} needs a stance, not -", get(1)));
                }
                let forms = get(2);
                if forms.is_empty() {
                    return Err("no forms".to_string());
                }
                for form in forms.split('|') {
                    let words: Vec<String> =
                        form.split_whitespace().map(|w| w.to_lowercase()).collect();
                    if words.is_empty() {
                        return Err(format!("an empty form in {forms:?}"));
                    }
                    added.push(Cue {
                        words,
                        stance,
                        kind,
                    });
                }
                Ok(())
            },
        )
        .map_err(|e| match e.line {
            Some(line) => CueError::Line {
                file: file.to_string(),
                line,
                message: e.message,
            },
            None => CueError::File {
                file: file.to_string(),
                message: e.message,
            },
        })?;
        if found.is_none() {
            return Err(CueError::File {
                file: file.to_string(),
                message: "no #columns: line".into(),
            });
        }
        for c in added {
            if let Some(first) = c.words.first().cloned() {
                let v = self.by_first.entry(first).or_default();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
        }
        for v in self.by_first.values_mut() {
            // longest first, so a lookup takes the longest form that matches
            v.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        }
        for k in self.by_first.keys() {
            let (len, bit) = shape(k);
            if let Some(s) = self.shapes.get_mut(len) {
                *s |= bit;
            }
        }
        Ok(())
    }

    /// The forms that start with `lower` (a lower-case word), longest first.
    pub fn starting_with(&self, lower: &str) -> &[Cue] {
        let (len, bit) = shape(lower);
        if self.shapes.get(len).is_none_or(|s| s & bit == 0) {
            return &[];
        }
        self.by_first.get(lower).map_or(&[], Vec::as_slice)
    }

    /// Number of distinct first words (for diagnostics and tests).
    pub fn len(&self) -> usize {
        self.by_first.len()
    }

    /// Whether the lexicon has no forms.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads() {
        let l = Lexicon::builtin().expect("embedded cues load");
        assert!(
            l.starting_with("said")
                .iter()
                .any(|c| c.kind == CueKind::Verb)
        );
        assert!(
            l.starting_with("denied")
                .iter()
                .any(|c| c.stance == Some(Stance::Deny))
        );
        assert!(
            l.starting_with("according")
                .iter()
                .any(|c| c.words.len() == 2)
        );
    }

    #[test]
    fn bad_lines_name_their_line() {
        let mut l = Lexicon::default();
        let e = l
            .add_tsv("x.tsv", "# c\n#columns:\tstance\tkind\tforms\tnote\nassert\tverb\tsaid\t\nnope\tverb\tx\t\n")
            .unwrap_err();
        assert_eq!(e.to_string(), "x.tsv:4: unknown stance \"nope\"");
        let e = l
            .add_tsv(
                "x.tsv",
                "#columns:\tstance\tkind\tforms\tnote\nassert\tverb\n",
            )
            .unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:2:"), "{e}");
        let e = l.add_tsv("x.tsv", "assert\tverb\tsaid\t\n").unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:1:"), "{e}");
        assert!(l.add_tsv("x.tsv", "# nothing\n").is_err());
        let e = l
            .add_tsv(
                "x.tsv",
                "#columns:\tstance\tkind\tforms\tnote\ndeny\tadverb\tno\t\n",
            )
            .unwrap_err();
        assert!(e.to_string().contains("unknown kind"), "{e}");
    }
}
