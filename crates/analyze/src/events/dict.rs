//! The event dictionaries: `cameo.tsv` (every CAMEO code with its name, Goldstein score,
//! quad class and PLOVER type) and `verbs.tsv` (the heads and patterns that signal a code).
//!
//! Why strict: a typo in a dictionary silently loses events, so a bad line is an error
//! naming the file and the line (as the actor dictionaries do), and the embedded files are
//! loaded by a unit test, which keeps a broken file from ever shipping. The format is the
//! one of `crates/analyze/data/README.md`: `#` comments, one `#columns:` line, TABs.

use std::collections::HashMap;

/// Why a dictionary did not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventDictError {
    /// A line does not follow the format.
    #[error("{file}:{line}: {message}")]
    Line {
        /// The file's name as given to the loader.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The file as a whole is wrong (no `#columns:` line, wrong columns).
    #[error("{file}: {message}")]
    File { file: String, message: String },
}

/// What CAMEO says about one code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    /// The code as written ("195", "0211", "19").
    pub code: String,
    /// The codebook's short description.
    pub name: String,
    /// −10 (most conflictual) … +10 (most cooperative).
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// The PLOVER event type, when PLOVER has one for the code.
    pub plover: Option<String>,
}

/// The CAMEO code table, by code.
#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: HashMap<String, CodeInfo>,
}

impl CameoTable {
    /// The information on `code`, else on its three-digit parent, else on its root (a coder
    /// may emit a code narrower than the table knows only through a bug, but a score from
    /// the parent is better than none).
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        self.codes
            .get(code)
            .or_else(|| code.get(..3).and_then(|c| self.codes.get(c)))
            .or_else(|| code.get(..2).and_then(|c| self.codes.get(c)))
    }

    /// Whether `code` is a code of the table itself.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the table is empty (the data file is missing).
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Load a `cameo.tsv` text (`code name goldstein quad_class plover root`).
    pub fn parse(file: &str, text: &str) -> Result<CameoTable, EventDictError> {
        let mut codes = HashMap::new();
        let cols = ["code", "name", "goldstein", "quad_class", "plover", "root"];
        for_records(file, text, &cols, |f| {
            let err = |message: String| message;
            let code = f[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("code {code:?} is not 2-4 digits")));
            }
            let goldstein: f32 = f[2]
                .parse()
                .map_err(|_| err(format!("goldstein {:?} is not a number", f[2])))?;
            if !(-10.0..=10.0).contains(&goldstein) {
                return Err(err(format!("goldstein {goldstein} is outside -10..10")));
            }
            let quad_class: u8 = match f[3] {
                "1" => 1,
                "2" => 2,
                "3" => 3,
                "4" => 4,
                q => return Err(err(format!("quad_class {q:?} is not 1-4"))),
            };
            if f[5] != &code[..2] {
                return Err(err(format!("root {:?} is not the start of {code}", f[5])));
            }
            let info = CodeInfo {
                code: code.to_string(),
                name: f[1].to_string(),
                goldstein,
                quad_class,
                plover: (!f[4].is_empty()).then(|| f[4].to_string()),
            };
            if codes.insert(code.to_string(), info).is_some() {
                return Err(err(format!("code {code} is defined twice")));
            }
            Ok(())
        })?;
        Ok(CameoTable { codes })
    }
}

/// Whether a head is a verb (source = the subject) or a noun (source = its possessor or
/// modifier, or the subject of the clause's light verb).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    Verb,
    Noun,
}

/// One token of a pattern (what must follow the head).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pat {
    /// The target actor slot: a mention, else the noun phrase there.
    Target,
    /// A target slot that only an actor mention fills (`A`): for movement verbs, where
    /// "went to school" or "flew to the front" is no visit.
    Actor,
    /// Up to three other words.
    Gap,
    /// This word (lower case), matched in any case.
    Word(String),
}

impl Pat {
    /// Whether this is a target slot (`T` or `A`).
    pub fn is_target(&self) -> bool {
        matches!(self, Pat::Target | Pat::Actor)
    }
}

/// One row of `verbs.tsv` (or of a PETRARCH verbs file).
#[derive(Debug, Clone, PartialEq)]
pub struct VerbRow {
    /// The CAMEO code it signals.
    pub code: String,
    pub kind: HeadKind,
    /// What must follow the head; empty: the target is the nearest actor after it.
    pub pattern: Vec<Pat>,
    /// What must come before the head, in text order (PETRARCH patterns with words
    /// before the verb: `- SAID WOULD * [..]`, `- % HAVE * [..]`); `Gap` lets up to
    /// three words come between, words are otherwise adjacent. Empty for our rows.
    pub before: Vec<Pat>,
    /// The code of the event the other way round, target to source (PETRARCH's paired
    /// code `[032:033]`: a visit by the source is hosted by the target).
    pub reverse: Option<String>,
    /// The subject is a compound whose members act on one another (PETRARCH's `%`:
    /// "X and Y agree" is X→Y and Y→X); the row applies only to a compound subject.
    pub compound: bool,
    /// The code is taken as written: no rewriting of announced acts as intents or of
    /// refused ones as rejections. PETRARCH dictionaries spell modality and negation out
    /// in their own patterns (`- WILL NOT * [..]`), so their rows are coded literally.
    pub literal: bool,
}

/// The event dictionary: rows, and every head form (lower case, possibly several words)
/// with the rows it starts.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    pub rows: Vec<VerbRow>,
    /// Distinct head forms; `heads[i]` starts the rows `by_head[i]`.
    pub heads: Vec<String>,
    pub by_head: Vec<Vec<u32>>,
}

impl VerbDict {
    /// Load a `verbs.tsv` text (`code kind head pattern note`). With `cameo`, every code
    /// must exist in it.
    pub fn parse(
        file: &str,
        text: &str,
        cameo: Option<&CameoTable>,
    ) -> Result<VerbDict, EventDictError> {
        let mut d = VerbDict::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        let cols = ["code", "kind", "head", "pattern", "note"];
        for_records(file, text, &cols, |f| {
            let err = |message: String| message;
            let code = f[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("code {code:?} is not 2-4 digits")));
            }
            if let Some(t) = cameo
                && !t.contains(code)
            {
                return Err(err(format!("code {code} is not in cameo.tsv")));
            }
            let kind = match f[1] {
                "verb" => HeadKind::Verb,
                "noun" => HeadKind::Noun,
                k => return Err(err(format!("kind {k:?} is neither verb nor noun"))),
            };
            let mut pattern = Vec::new();
            for t in f[3].split_whitespace() {
                pattern.push(match t {
                    "T" => Pat::Target,
                    "A" => Pat::Actor,
                    "*" => Pat::Gap,
                    w if w.chars().all(|c| !c.is_uppercase()) => Pat::Word(w.to_string()),
                    w => return Err(err(format!("pattern word {w:?} is not lower case"))),
                });
            }
            if pattern.iter().filter(|p| p.is_target()).count() > 1 {
                return Err(err("a pattern has at most one T or A".into()));
            }
            let row = d.rows.len() as u32;
            d.rows.push(VerbRow {
                code: code.to_string(),
                kind,
                pattern,
                before: Vec::new(),
                reverse: None,
                compound: false,
                literal: false,
            });
            let mut any = false;
            for form in f[2].split('|') {
                // heads match in any case, so a capital ("pro-Palestinian") is folded
                // rather than refused
                let form: String = form
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if form.is_empty() {
                    continue;
                }
                any = true;
                let i = *index.entry(form.clone()).or_insert_with(|| {
                    d.heads.push(form);
                    d.by_head.push(Vec::new());
                    d.heads.len() - 1
                });
                if let Some(rows) = d.by_head.get_mut(i)
                    && !rows.contains(&row)
                {
                    rows.push(row);
                }
            }
            if !any {
                return Err(err("empty head".into()));
            }
            Ok(())
        })?;
        Ok(d)
    }
}

impl VerbDict {
    /// Add the rows of `other` (a user's file) to this dictionary. Where a head form is in
    /// both, the user's rows come first, so that on a tie (same head, same length of
    /// pattern) the user's code wins: a user file extends and overrides ours.
    pub fn extend_with(&mut self, other: VerbDict) {
        let offset = self.rows.len() as u32;
        let mut index: HashMap<String, usize> = self
            .heads
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        self.rows.extend(other.rows);
        for (form, rows) in other.heads.into_iter().zip(other.by_head) {
            let i = *index.entry(form.clone()).or_insert_with(|| {
                self.heads.push(form);
                self.by_head.push(Vec::new());
                self.heads.len() - 1
            });
            if let Some(list) = self.by_head.get_mut(i) {
                let mut merged: Vec<u32> = rows.iter().map(|r| r + offset).collect();
                merged.extend(list.iter().copied());
                *list = merged;
            }
        }
    }
}

/// Call `f(fields)` for every record of a TSV text whose `#columns:` line
/// must be exactly `cols` (the layout is read by [`crate::tsv::read`]).
fn for_records(
    file: &str,
    text: &str,
    cols: &[&str],
    mut f: impl FnMut(&[&str]) -> Result<(), String>,
) -> Result<(), EventDictError> {
    let found = crate::tsv::read(
        text,
        |names| {
            if names == cols {
                Ok(())
            } else {
                Err(format!("columns are {names:?}, expected {cols:?}"))
            }
        },
        |_, _, fields| f(fields),
    )
    .map_err(|e| match e.line {
        Some(line) => EventDictError::Line {
            file: file.to_string(),
            line,
            message: e.message,
        },
        None => EventDictError::File {
            file: file.to_string(),
            message: e.message,
        },
    })?;
    match found {
        Some(()) => Ok(()),
        None => Err(EventDictError::File {
            file: file.to_string(),
            message: "no #columns: line naming the columns".into(),
        }),
    }
}
