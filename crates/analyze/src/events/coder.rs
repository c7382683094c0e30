//! The coder proper: one sentence at a time, tokens → clauses → head hits (one
//! aho-corasick pass) → pattern matching → source and target → events.
//!
//! Every buffer lives in [`Scratch`] and is reused from sentence to sentence, so the hot
//! loops allocate nothing per token; strings are made only for the events kept.

use super::dict::{HeadKind, Pat, VerbDict};
use newsdesk_core::Span;
use newsdesk_core::text::words;

/// A token of a sentence: a word, or one of the punctuation marks that split clauses.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// 0 for a word, else the punctuation byte (`,` `;` `:` `(` `)`).
    pub punct: u8,
    /// Index of the clause the token belongs to.
    pub clause: u16,
}

/// A mention of the sentence, by token range `[t0, t1)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ment {
    /// Index into `Analysis::mentions`.
    pub idx: usize,
    pub t0: usize,
    pub t1: usize,
}

/// A clause: its first token, and how it gets a subject it lacks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clause {
    pub start: usize,
    pub end: usize,
    pub inherit: Inherit,
}

/// Where a clause without a subject of its own takes one from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inherit {
    /// Nowhere: an event without a subject has no source.
    No,
    /// "…, who met X": the antecedent, the nearest mention before the clause.
    Antecedent,
    /// "X struck Y and threatened Z": the subject of the previous clause.
    Coordinate,
    /// "X attacked Y, killing five": as `Coordinate`, and the clause is a detail of the
    /// main one.
    Participle,
    /// ", as …", ", after …", "while …": no subject from elsewhere, and the clause is
    /// background to the main one.
    Subordinate,
    /// The words after a reporting verb ("Ghani announced a ceasefire with the Taliban",
    /// "Iran said Israel attacked"): a reported clause keeps its own subject, and one
    /// without ("announced a ceasefire") is the reporting verb's object, so its subject
    /// is the reporter's.
    Reported,
}

impl Inherit {
    /// Whether a clause of this kind is background to the sentence's main clauses (a
    /// relative or participial clause): its events yield to theirs.
    pub fn secondary(self) -> bool {
        matches!(
            self,
            Inherit::Antecedent | Inherit::Participle | Inherit::Subordinate
        )
    }
}

/// An actor slot filled: a mention (index into `Scratch::ments`) or, where no mention
/// is there, the noun phrase itself (token range), which has no actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    M(usize),
    P(usize, usize),
}

/// A head found in the sentence, with its best row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// The first token the row explains: `h0`, or the first word of its `before` part.
    pub b0: usize,
    pub h0: usize,
    pub h1: usize,
    pub row: usize,
    /// The token after the last one the row matched.
    pub end: usize,
    /// What the pattern's `T` bound.
    pub target: Option<Who>,
    /// How much of the text the row explains (head words + pattern tokens).
    pub score: usize,
    pub keep: bool,
    /// Whether a cooperative act is refused rather than done ("will not lift the ban",
    /// "failed to reach agreement", "refused to meet"): CAMEO codes the refusal (12x).
    pub refused: bool,
}

/// Reused buffers.
#[derive(Default)]
pub(crate) struct Scratch {
    pub toks: Vec<Tok>,
    pub clauses: Vec<Clause>,
    pub ments: Vec<Ment>,
    pub hits: Vec<Hit>,
}

const CLAUSE_OPENERS: &[&str] = &[
    "but",
    "while",
    "whereas",
    "although",
    "though",
    "because",
    "after",
    "before",
    "as",
    "when",
    "who",
    "which",
    "where",
    "and",
    "saying",
    "adding",
    "amid",
    "despite",
    "since",
    "until",
    "following",
    "prompting",
];
const NEGATORS: &[&str] = &["not", "never", "no", "neither", "nor", "cannot", "without"];
const MODALS: &[&str] = &["could", "might", "may", "if", "whether", "unless", "should"];
/// Verbs that, before "to" and a cooperative head, make it a refusal ("failed to reach
/// agreement", "refused to meet", "declined to lift").
const REFUSALS: &[&str] = &[
    "fail", "fails", "failed", "refuse", "refuses", "refused", "decline", "declines", "declined",
];
/// Words that, before a head in the same sentence, make it a denied or disputed event
/// when a complementiser follows them ("denied that", "rejected … claim that").
const DENIALS: &[&str] = &[
    "deny",
    "denies",
    "denied",
    "denying",
    "dismissed",
    "dismisses",
    "refuted",
    "rejected",
    "rejects",
];
const COMPLEMENTS: &[&str] = &[
    "that", "claim", "claims", "reports", "report", "plans", "plan", "to",
];
/// Words that end a noun phrase (prepositions, conjunctions, relatives, auxiliaries).
const STOP: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "that", "which",
    "who", "whom", "as", "after", "before", "into", "against", "over", "near", "since", "during",
    "while", "when", "where", "than", "about", "under", "between", "across", "through", "amid",
    "despite", "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says",
    "not", "also",
];
/// Auxiliaries and adverbs between a subject and its verb.
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "did",
    "does",
    "do",
    "been",
    "be",
    "also",
    "reportedly",
    "allegedly",
    "shall",
    "can",
    "to",
    "then",
    "later",
    "already",
    "just",
    "now",
    "again",
];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "such", "any",
    "no",
];
/// Words before a head form that make it a noun ("several attacks", "fresh talks").
const QUANTIFIERS: &[&str] = &[
    "several",
    "many",
    "numerous",
    "multiple",
    "further",
    "fresh",
    "repeated",
    "more",
    "two",
    "three",
    "four",
    "five",
    "dozens",
    "hundreds",
    "sixfold",
    "twofold",
    "threefold",
];
/// Prepositions of place: a mention after one is where, not who.
const LOCATIVES: &[&str] = &["in", "near", "at", "outside", "inside", "across", "around"];
/// Prepositions that make a following noun head an oblique argument.
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "for",
    "over",
    "about",
    "against",
    "after",
    "following",
    "since",
    "despite",
    "amid",
    "before",
    "during",
    "by",
    "to",
    "from",
    "into",
    "with",
    "without",
    "under",
    "behind",
    "on",
    "at",
];
/// Prepositions that only head noun phrases (not also clauses, as "after", "before",
/// "since" do): a head after one of them and a determiner is a noun.
const NP_PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "for", "with", "during", "to", "from", "into", "about", "over",
    "against", "under", "without", "through", "amid",
];
/// Conjunctions that open a subordinate clause even without a comma.
const SUBORDINATORS: &[&str] = &[
    "while", "whereas", "although", "though", "because", "when", "until", "unless",
];
/// Openers of background clauses (time, cause, concession, circumstance).
const BACKGROUND: &[&str] = &[
    "after",
    "before",
    "as",
    "when",
    "while",
    "since",
    "until",
    "following",
    "amid",
    "despite",
    "because",
    "although",
    "though",
    "whereas",
];
/// Verbs whose infinitive complement is an intention, not an act.
const INTENT_VERBS: &[&str] = &[
    "agree", "agrees", "agreed", "pledge", "pledges", "pledged", "promise", "promises", "promised",
    "vow", "vows", "vowed", "offer", "offers", "offered", "plan", "plans", "planned", "planning",
    "intend", "intends", "intended", "seek", "seeks", "sought", "want", "wants", "wanted", "hope",
    "hopes", "hoped", "expect", "expects", "expected", "prepared", "ready", "willing", "set",
    "poised", "going",
];
/// Reporting verbs whose complement is a clause of its own.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "stated",
    "states",
    "claimed",
    "claims",
    "added",
    "adds",
    "insisted",
    "insists",
    "warned",
    "warns",
    "reported",
    "reports",
    "believes",
    "believed",
    "thinks",
    "noted",
    "notes",
    "argued",
    "argues",
    "acknowledged",
    "confirmed",
    "confirms",
    "alleged",
    "alleges",
    "suggested",
    "denied",
    "denies",
    "indicated",
    "revealed",
    "explained",
    "stressed",
    "declared",
];
const BE: &[&str] = &[
    "was", "were", "is", "are", "been", "be", "being", "got", "get", "gets",
];
const SKIPPABLE_ADVERBS: &[&str] = &["also", "reportedly", "allegedly", "later", "then", "been"];

fn is_any(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

impl Scratch {
    /// Tokens of `text[sent]`, with the clause-splitting punctuation.
    pub fn tokenize(&mut self, text: &str, sent: Span) {
        self.toks.clear();
        let Some(s) = text.get(sent.start..sent.end) else {
            return;
        };
        let mut prev = 0usize;
        let push_punct = |toks: &mut Vec<Tok>, from: usize, to: usize| {
            let Some(gap) = s.get(from..to) else {
                return;
            };
            for (i, c) in gap.char_indices() {
                // a dash (em or en) splits like a semicolon: "DUBAI (Wire) — Iranian
                // lawmakers voted…" keeps the dateline out of the clause
                let punct = match c {
                    ',' | ';' | ':' | '(' | ')' => c as u8,
                    '\u{2014}' | '\u{2013}' => b'-',
                    _ => continue,
                };
                let at = sent.start + from + i;
                toks.push(Tok {
                    start: at,
                    end: at + c.len_utf8(),
                    punct,
                    clause: 0,
                });
            }
        };
        for w in words(s) {
            push_punct(&mut self.toks, prev, w.start);
            self.toks.push(Tok {
                start: sent.start + w.start,
                end: sent.start + w.end,
                punct: 0,
                clause: 0,
            });
            prev = w.end;
        }
        push_punct(&mut self.toks, prev, s.len());
    }

    /// The token index whose span contains or follows byte `at`.
    pub fn tok_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.end <= at)
    }

    /// Split the sentence into clauses (see [`CLAUSE_OPENERS`]); `verb_at(i)` says whether
    /// a verbal head starts at token `i` (for "and" + verb).
    pub fn split_clauses(&mut self, text: &str, verb_at: impl Fn(usize) -> bool) {
        self.clauses.clear();
        let n = self.toks.len();
        let mut start = 0usize;
        let mut inherit = Inherit::No;
        let word = |t: &Tok| text.get(t.start..t.end).unwrap_or("");
        let mut i = 0;
        while i < n {
            let t = self.toks[i];
            let mut cut: Option<(usize, Inherit)> = None;
            if t.punct == b';' || t.punct == b':' || t.punct == b'-' {
                cut = Some((i + 1, Inherit::No));
            } else if t.punct == b',' {
                if let Some(nx) = self.toks.get(i + 1)
                    && nx.punct == 0
                {
                    let w = word(nx);
                    // ", killing five", ", accusing him of": a participial clause whose
                    // subject is the main clause's
                    let participle = w.len() > 5
                        && w.ends_with("ing")
                        && w.chars().next().is_some_and(char::is_lowercase);
                    if participle {
                        cut = Some((i + 1, Inherit::Participle));
                    } else if is_any(w, CLAUSE_OPENERS) {
                        let inh = if is_any(w, &["who", "which"]) {
                            Inherit::Antecedent
                        } else if (is_any(w, &["and", "but"]) && verb_at(i + 2))
                            || is_any(w, &["saying", "adding"])
                        {
                            Inherit::Coordinate
                        } else if is_any(w, BACKGROUND) {
                            Inherit::Subordinate
                        } else {
                            Inherit::No
                        };
                        cut = Some((i + 1, inh));
                    }
                }
            } else if t.punct == 0
                && i > start
                && is_any(word(&t), &["and", "but"])
                && verb_at(i + 1)
            {
                cut = Some((i, Inherit::Coordinate));
            } else if t.punct == 0
                && i > start
                && is_any(word(&t), REPORTING)
                && self.toks.get(i + 1).is_some_and(|n| n.punct == 0)
                // "claimed responsibility for", "acknowledged responsibility": the noun is
                // the verb's object, not the subject of a reported clause
                && !self
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| is_any(word(n), &["responsibility", "credit"]))
            {
                // "Iran said (that) Israel attacked…": the reported clause has its own
                // subject; "Ghani announced a ceasefire" has none and takes Ghani
                cut = Some((i + 1, Inherit::Reported));
            } else if t.punct == 0 && i > start && is_any(word(&t), &["who", "which"]) {
                cut = Some((i, Inherit::Antecedent));
            } else if t.punct == 0
                && i > start
                && word(&t).eq_ignore_ascii_case("that")
                && verb_at(i + 1)
            {
                // "a rocket attack that killed a contractor": a relative clause
                cut = Some((i, Inherit::Antecedent));
            } else if t.punct == 0
                && i > start
                && is_any(word(&t), &["after", "before", "since", "while"])
                && verb_at(i + 1)
                && self
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| word(n).ends_with("ing"))
            {
                // "stormed the base after striking it": the participle is background
                cut = Some((i, Inherit::Subordinate));
            } else if t.punct == 0
                && i > start
                && is_any(word(&t), &["after", "before", "since", "until"])
                && self.clause_after(text, i, &verb_at)
            {
                // "five years after crowds burned down its embassy": a clause of its own
                // (background), with its own subject
                cut = Some((i, Inherit::Subordinate));
            } else if t.punct == 0 && i > start && is_any(word(&t), SUBORDINATORS) {
                cut = Some((i, Inherit::Subordinate));
            } else if t.punct == 0
                && i > start
                && word(&t).eq_ignore_ascii_case("as")
                && i > 0
                && self
                    .toks
                    .get(i - 1)
                    .is_some_and(|p| word(p).eq_ignore_ascii_case("even"))
            {
                cut = Some((i - 1, Inherit::No));
            }
            // a word inside an actor's name ("The United States is", "Bosnia and
            // Herzegovina") opens no clause
            if let Some((at, _)) = cut
                && t.punct == 0
                && self
                    .ments
                    .iter()
                    .any(|m| m.t0 <= i && i < m.t1 && at <= m.t1)
            {
                cut = None;
            }
            if let Some((at, inh)) = cut
                && at > start
            {
                self.clauses.push(Clause {
                    start,
                    end: at,
                    inherit,
                });
                start = at;
                inherit = inh;
            }
            i += 1;
        }
        self.clauses.push(Clause {
            start,
            end: n,
            inherit,
        });
        for (ci, c) in self.clauses.iter().enumerate() {
            for t in &mut self.toks[c.start.min(n)..c.end.min(n)] {
                t.clause = ci as u16;
            }
        }
    }

    /// Where the target of a head ending at token `end` may be looked for: the end of
    /// its clause, or when the head closes its clause and a reported clause follows
    /// (a reporting verb: "warned their people about X", "believes X can cope"), the end
    /// of that one.
    pub fn target_end(&self, ci: usize, end: usize) -> usize {
        let Some(c) = self.clauses.get(ci) else {
            return self.toks.len();
        };
        match self.clauses.get(ci + 1) {
            Some(n) if n.inherit == Inherit::Reported && end >= c.end && n.start == c.end => n.end,
            _ => c.end,
        }
    }

    /// The phrase of a trailing attribution ("…, a senior official said", "…, officials
    /// said") for a reporting head at `h0`: the words between the last comma of the
    /// clause before the head and the head, when they are one to six words with no
    /// preposition or conjunction (an apposition, "X, the leader of Y, said", is not
    /// one); determiners stripped.
    pub fn attribution(&self, text: &str, from: usize, h0: usize) -> Option<(usize, usize)> {
        if !is_any(self.word(text, h0), REPORTING) {
            return None;
        }
        let comma = (from..h0)
            .rev()
            .find(|&k| self.toks.get(k).is_some_and(|t| t.punct != 0))?;
        if self.toks.get(comma).is_none_or(|t| t.punct != b',') {
            return None;
        }
        let mut a = comma + 1;
        if a >= h0 || h0 - a > 6 || (a..h0).any(|k| is_any(self.word(text, k), STOP)) {
            return None;
        }
        while a < h0 && is_any(self.word(text, a), DETERMINERS) {
            a += 1;
        }
        (a < h0).then_some((a, h0))
    }

    /// Whether the conjunction at token `i` ("after", "before") opens a clause: one to
    /// four words (a subject, auxiliaries) and then a verbal head, the word before it no
    /// determiner ("after crowds burned", "after a typhoon had struck"; not "after the
    /// attack on…").
    fn clause_after(&self, text: &str, i: usize, verb_at: &impl Fn(usize) -> bool) -> bool {
        for j in i + 2..i + 6 {
            let Some(t) = self.toks.get(j - 1) else {
                return false;
            };
            let w = self.word(text, j - 1);
            if t.punct != 0 || w.is_empty() {
                return false;
            }
            if j - 1 > i && is_any(w, PREPOSITIONS) {
                return false;
            }
            if verb_at(j)
                && !is_any(w, DETERMINERS)
                && !is_any(w, QUANTIFIERS)
                && (i + 1..j).any(|k| !is_any(self.word(text, k), AUX))
            {
                return true;
            }
        }
        false
    }

    /// The word of token `i` ("" for punctuation or out of range).
    pub fn word<'t>(&self, text: &'t str, i: usize) -> &'t str {
        match self.toks.get(i) {
            Some(t) if t.punct == 0 => text.get(t.start..t.end).unwrap_or(""),
            _ => "",
        }
    }

    /// The mention starting at token `t` or within `slack` word tokens after it, not
    /// crossing punctuation or the clause end.
    fn mention_from(&self, text: &str, t: usize, slack: usize, clause_end: usize) -> Option<usize> {
        let mut k = t;
        let mut skipped = 0;
        while k < clause_end {
            if let Some(m) = self.ments.iter().position(|m| m.t0 == k) {
                return Some(m);
            }
            if self.toks.get(k).is_none_or(|x| x.punct != 0)
                || skipped >= slack
                || is_any(self.word(text, k), STOP)
            {
                return None;
            }
            k += 1;
            skipped += 1;
        }
        None
    }

    /// Match `pattern[p..]` from token `t`; returns the end token and the bound target.
    fn match_pattern(
        &self,
        text: &str,
        pattern: &[Pat],
        p: usize,
        t: usize,
        clause_end: usize,
        target: Option<Who>,
    ) -> Option<(usize, Option<Who>)> {
        let Some(pat) = pattern.get(p) else {
            return Some((t, target));
        };
        match pat {
            Pat::Word(w) => {
                let tw = self.word(text, t);
                if t < clause_end && tw.eq_ignore_ascii_case(w) {
                    self.match_pattern(text, pattern, p + 1, t + 1, clause_end, target)
                } else {
                    None
                }
            }
            Pat::Target => match self.mention_from(text, t, 3, clause_end) {
                Some(m) => {
                    let end = self.ments.get(m)?.t1;
                    self.match_pattern(text, pattern, p + 1, end, clause_end, Some(Who::M(m)))
                }
                None => {
                    let (a, b) = self.phrase_from(text, t, clause_end)?;
                    // "an extradition request for X", "appeals to release X": the actor
                    // the phrase is about, when one follows closely
                    if pattern.len() == p + 1
                        && is_any(
                            self.word(text, b),
                            &["for", "of", "to", "from", "against", "with", "on"],
                        )
                        && let Some(m) = self.mention_from(text, b + 1, 3, clause_end)
                    {
                        let end = self.ments.get(m)?.t1;
                        return Some((end, Some(Who::M(m))));
                    }
                    self.match_pattern(text, pattern, p + 1, b, clause_end, Some(Who::P(a, b)))
                }
            },
            Pat::Actor => {
                let m = self.mention_from(text, t, 3, clause_end)?;
                let end = self.ments.get(m)?.t1;
                self.match_pattern(text, pattern, p + 1, end, clause_end, Some(Who::M(m)))
            }
            Pat::Gap => {
                for skip in 0..=3 {
                    let tt = t + skip;
                    if tt > clause_end {
                        break;
                    }
                    if skip > 0 && self.toks.get(tt - 1).is_none_or(|x| x.punct != 0) {
                        break; // only words may be skipped
                    }
                    if let Some(r) =
                        self.match_pattern(text, pattern, p + 1, tt, clause_end, target)
                    {
                        return Some(r);
                    }
                }
                None
            }
        }
    }

    /// Whether the head at `h0` ends a noun phrase inside a prepositional phrase:
    /// preposition, determiner, then up to three modifiers ("during a brief private
    /// visit", "on his first official trip"). A verb never stands there, so a verb row
    /// of a dictionary without parts of speech (PETRARCH's) is a noun here.
    fn noun_phrase_in_pp(&self, text: &str, h0: usize) -> bool {
        let mut k = h0;
        for _ in 0..4 {
            if k < 2 {
                return false;
            }
            let w = self.word(text, k - 1);
            if is_any(w, DETERMINERS) {
                return is_any(self.word(text, k - 2), NP_PREPOSITIONS);
            }
            let modifier = !w.is_empty()
                && !is_any(w, STOP)
                && !is_any(w, AUX)
                && w.chars().next().is_some_and(char::is_lowercase);
            if !modifier {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// Whether the head at `h0` follows "anti-X" or "pro-X" (a name made an adjective:
    /// "an anti-Gondor parade", "pro-Kremlin rallies"): then it is a noun.
    fn after_anti(&self, text: &str, h0: usize) -> bool {
        let prev = self.word(text, h0.wrapping_sub(1)).as_bytes();
        let starts = |p: &[u8]| {
            prev.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        if starts(b"anti-") || starts(b"pro-") {
            return true;
        }
        let Some(m) = self.ments.iter().find(|m| m.t1 == h0) else {
            return false;
        };
        let Some(t) = self.toks.get(m.t0) else {
            return false;
        };
        // the word before the name, a hyphen or a space between ("anti-Gondor",
        // "anti- Gondor", "pro Kremlin")
        let before = text.get(..t.start).unwrap_or("").trim_end();
        let before = before.strip_suffix('-').unwrap_or(before);
        let from = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        is_any(before.get(from..).unwrap_or(""), &["anti", "pro"])
    }

    /// Match a row's `before` part backwards from the head at `h0` (words adjacent,
    /// `Gap` up to three words, never across punctuation); the first token matched.
    fn match_before(&self, text: &str, before: &[Pat], t: usize) -> Option<usize> {
        let Some((last, rest)) = before.split_last() else {
            return Some(t);
        };
        match last {
            Pat::Word(w) => {
                let k = t.checked_sub(1)?;
                if self.word(text, k).eq_ignore_ascii_case(w) {
                    self.match_before(text, rest, k)
                } else {
                    None
                }
            }
            Pat::Gap => {
                for skip in 0..=3 {
                    let Some(k) = t.checked_sub(skip) else { break };
                    if skip > 0 && self.toks.get(k).is_none_or(|x| x.punct != 0) {
                        break; // only words may be skipped
                    }
                    if let Some(r) = self.match_before(text, rest, k) {
                        return Some(r);
                    }
                }
                None
            }
            Pat::Target | Pat::Actor => None,
        }
    }

    /// Whether the subject before token `t` in the clause starting at `from` is a
    /// compound ("Gondor and Osgiliath have…").
    fn compound_subject(&self, text: &str, from: usize, t: usize) -> bool {
        let Some(m) = self.mention_before(text, from, t) else {
            return false;
        };
        let mut tmp = Vec::with_capacity(4);
        self.compound(text, m, true, &mut tmp);
        tmp.len() >= 2
    }

    /// Record a head found at tokens `[h0, h1)` with its best row.
    pub fn add_hit(&mut self, text: &str, dict: &VerbDict, head: usize, h0: usize, h1: usize) {
        let Some(rows) = dict.by_head.get(head) else {
            return;
        };
        let ci = self.toks.get(h0).map_or(0, |t| t.clause as usize);
        let clause_start = self.clauses.get(ci).map_or(0, |c| c.start);
        let clause_end = self.target_end(ci, h1);
        // "an arms depot", "the attack": a determiner makes a verb form a noun
        // (also after a quantifier: "several attacks", "two strikes", "fresh talks")
        let noun_use = h0 > 0 && {
            let w = self.word(text, h0 - 1);
            is_any(w, DETERMINERS)
                || is_any(w, QUANTIFIERS)
                || w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        } || self.noun_phrase_in_pp(text, h0)
            || self.after_anti(text, h0);
        // "should be resolved", "must have known": a modal before "be"/"have" is an
        // auxiliary, whatever a dictionary without parts of speech says of it
        let aux_use = h1 == h0 + 1
            && is_any(
                self.word(text, h0),
                &[
                    "should", "would", "could", "must", "can", "will", "may", "might", "shall",
                ],
            )
            && is_any(self.word(text, h1), &["be", "have", "been"]);
        let mut best: Option<Hit> = None;
        for &r in rows {
            let Some(row) = dict.rows.get(r as usize) else {
                continue;
            };
            if row.kind == HeadKind::Verb && (noun_use || aux_use) {
                continue;
            }
            // "held talks in Jerusalem with X", "met on Monday with X": a place or time
            // adverbial between the head and its pattern is skipped
            let Some((end, target)) = self
                .match_pattern(text, &row.pattern, 0, h1, clause_end, None)
                .or_else(|| {
                    let skip = self.adverbial(text, h1, clause_end)?;
                    self.match_pattern(text, &row.pattern, 0, skip, clause_end, None)
                })
            else {
                continue;
            };
            // words before the head (PETRARCH's "- SAID WOULD * …", "- % HAVE * …")
            let b0 = if row.before.is_empty() {
                h0
            } else {
                match self.match_before(text, &row.before, h0) {
                    Some(b0) => b0,
                    None => continue,
                }
            };
            if row.compound && !self.compound_subject(text, clause_start, b0) {
                continue;
            }
            let score = (h1 - h0) + row.pattern.len() + row.before.len() + row.compound as usize;
            if best.is_none_or(|b| score > b.score) {
                best = Some(Hit {
                    b0,
                    h0,
                    h1,
                    row: r as usize,
                    end,
                    target,
                    score,
                    keep: true,
                    refused: false,
                });
            }
        }
        if let Some(b) = best {
            self.hits.push(b);
        }
    }

    /// The token after a short place or time adverbial starting at `t` ("in Jerusalem",
    /// "on Monday", "at the Kremlin"): a preposition, an optional article, then one to
    /// three capitalised words or one mention; `None` when there is none.
    fn adverbial(&self, text: &str, t: usize, clause_end: usize) -> Option<usize> {
        if !is_any(self.word(text, t), &["in", "on", "at"]) {
            return None;
        }
        let mut k = t + 1;
        if is_any(self.word(text, k), &["the"]) {
            k += 1;
        }
        if let Some(m) = self.ments.iter().find(|m| m.t0 == k) {
            return (m.t1 < clause_end).then_some(m.t1);
        }
        let start = k;
        while k < clause_end
            && k - start < 3
            && self
                .word(text, k)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
        {
            k += 1;
        }
        (k > start && k < clause_end).then_some(k)
    }

    /// Keep the best hit where hits overlap, and drop heads consumed by another row's
    /// pattern ("threatened to strike T": the strike is part of the threat) or standing
    /// in the infinitive complement of another head, and negated or hypothetical heads.
    pub fn prune(&mut self, text: &str, dict: &VerbDict) {
        let mut hits = std::mem::take(&mut self.hits);
        hits.sort_by(|a, b| a.h0.cmp(&b.h0).then(b.score.cmp(&a.score)));
        let n = hits.len();
        for i in 0..n {
            if !hits[i].keep {
                continue;
            }
            for j in 0..n {
                if i == j || !hits[j].keep {
                    continue;
                }
                let (a, b) = (hits[i], hits[j]);
                // b's head lies inside what a matched (or overlaps a's head)
                let inside = b.h0 >= a.b0.min(a.h0) && b.h0 < a.end.max(a.h1);
                if inside && (b.h0 > a.h0 || b.score < a.score || (b.score == a.score && j > i)) {
                    hits[j].keep = false;
                }
            }
        }
        for i in 0..n {
            if !hits[i].keep {
                continue;
            }
            let h = hits[i];
            let clause = self.toks.get(h.h0).map_or(0, |t| t.clause);
            let cstart = self.clauses.get(clause as usize).map_or(0, |c| c.start);
            // the infinitive complement of another head in the clause is what was said,
            // asked or intended ("threatened to strike", "called X to apologize", "agreed
            // to reopen"), not an act
            // (a row with words before its head has said what may come there)
            // ("to be allowed to leave", "to have met": a passive or perfect infinitive)
            let after_to = h.b0 == h.h0
                && h.h0 > 0
                && (self.word(text, h.h0 - 1).eq_ignore_ascii_case("to")
                    || (h.h0 > 1
                        && is_any(self.word(text, h.h0 - 1), &["be", "have"])
                        && self.word(text, h.h0 - 2).eq_ignore_ascii_case("to")));
            if after_to {
                let governed = hits[..i]
                    .iter()
                    .any(|g| g.keep && g.h0 >= cstart && !self.statement(text, dict, g));
                if governed {
                    hits[i].keep = false;
                    continue;
                }
            }
            // negation and modality between the clause start and the head
            // (the words a row's `before` part matched are its own: "- WILL NOT * …")
            let until = h.b0.min(h.h0);
            let from = cstart.max(h.h0.saturating_sub(6)).min(until);
            let mut negated = false;
            let mut modal_seen = false;
            let mut refusal = false;
            for k in from..until {
                let w = self.word(text, k);
                // modals in lower case only: "Theresa May will…" is no modal
                let modal = MODALS.contains(&w) || (k == 0 && is_any(w, MODALS));
                modal_seen |= modal;
                let not = is_any(w, &["not", "never"]) || w.ends_with("n't") || w.ends_with("n’t");
                if is_any(w, NEGATORS) || modal || not {
                    negated = true;
                }
                // "failed to reach", "refused to meet", "will not lift": a refusal
                if not || (is_any(w, REFUSALS) && self.word(text, k + 1).eq_ignore_ascii_case("to"))
                {
                    refusal = true;
                }
            }
            // a refused cooperative act is a rejection (12x); a hypothetical one is
            // nothing
            let cooperative = dict.rows.get(h.row).is_some_and(|r| {
                r.kind == HeadKind::Verb
                    && !r.literal
                    && matches!(
                        r.code.get(..2),
                        Some("03" | "04" | "05" | "06" | "07" | "08")
                    )
            });
            if refusal && !modal_seen && cooperative {
                hits[i].refused = true;
                continue;
            }
            // a denial anywhere before it in the sentence, with a complement between
            if !negated {
                let mut denial = false;
                for k in 0..h.h0 {
                    let w = self.word(text, k);
                    if is_any(w, DENIALS) {
                        denial = true;
                    } else if denial && is_any(w, COMPLEMENTS) {
                        negated = true;
                        break;
                    }
                }
            }
            if negated {
                hits[i].keep = false;
            }
        }
        // a noun head inside a prepositional phrase names a topic or a cause ("blamed
        // them for the attack", "in an ambush", "over brazen attack"), not an event of
        // the sentence; "US strikes on Iran killed…" and "launched strikes" keep theirs
        for hit in hits.iter_mut() {
            if !hit.keep
                || !dict
                    .rows
                    .get(hit.row)
                    .is_some_and(|r| r.kind == HeadKind::Noun)
            {
                continue;
            }
            let mut k = hit.h0;
            let mut steps = 0;
            while k > 0 && steps < 4 {
                let w = self.word(text, k - 1);
                let in_mention = self.ments.iter().any(|m| m.t0 < k && k - 1 < m.t1);
                let skippable = in_mention
                    || is_any(w, DETERMINERS)
                    || (steps < 2 && !w.is_empty() && !is_any(w, STOP))
                    || w.ends_with("'s")
                    || w.ends_with("’s")
                    || w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                if !skippable {
                    break;
                }
                k -= 1;
                steps += 1;
            }
            if k > 0 && is_any(self.word(text, k - 1), PREPOSITIONS) {
                hit.keep = false;
            }
        }
        // a noun head is an argument of the clause's verbal head when there is one
        // ("condemned the attack", "air strikes hit"): the verb is the event
        for i in 0..n {
            if !hits[i].keep
                || !dict
                    .rows
                    .get(hits[i].row)
                    .is_some_and(|r| r.kind == HeadKind::Noun)
            {
                continue;
            }
            let c = self.toks.get(hits[i].h0).map_or(0, |t| t.clause);
            let verb_in_clause = hits.iter().any(|v| {
                v.keep
                    && self.toks.get(v.h0).is_some_and(|t| t.clause == c)
                    && dict
                        .rows
                        .get(v.row)
                        .is_some_and(|r| r.kind == HeadKind::Verb)
                    && !self.statement(text, dict, v)
            });
            if verb_in_clause {
                hits[i].keep = false;
            }
        }
        // a bare statement ("said") only when nothing else happened in the sentence
        let other = hits
            .iter()
            .any(|h| h.keep && !self.statement(text, dict, h));
        if other {
            for h in hits.iter_mut() {
                if self.statement(text, dict, h) {
                    h.keep = false;
                }
            }
        }
        self.hits = hits;
    }

    /// Whether a hit is a bare statement: code 010, or a reporting verb ("said", "told")
    /// with no pattern, whatever code a user's dictionary gives it (PETRARCH's
    /// validation suite codes "said" 023). Such a head is the frame of what is reported,
    /// so it yields to any other event of the sentence.
    fn statement(&self, text: &str, dict: &VerbDict, h: &Hit) -> bool {
        dict.rows.get(h.row).is_some_and(|r| {
            r.code == "010"
                || (r.pattern.is_empty()
                    && h.h1 == h.h0 + 1
                    && is_any(self.word(text, h.h0), REPORTING))
        })
    }

    /// Whether the head at `h0` names an act announced rather than done: after "will" or
    /// "would" ("will meet", "would hold talks"), or in the infinitive after a verb of
    /// intent ("agreed to provide", "vowed to retaliate", "plans to open").
    pub fn intent(&self, text: &str, h0: usize, clause_start: usize) -> bool {
        let mut k = h0;
        for _ in 0..3 {
            if k <= clause_start {
                return false;
            }
            k -= 1;
            let w = self.word(text, k);
            if is_any(w, &["will", "would", "shall"]) || w.ends_with("'ll") {
                return true;
            }
            if w.eq_ignore_ascii_case("to") {
                return k > clause_start && is_any(self.word(text, k - 1), INTENT_VERBS);
            }
            if !(is_any(w, AUX) || w.ends_with("ly")) {
                return false;
            }
        }
        false
    }

    /// Whether the head at `[h0, h1)` is a passive participle ("were struck").
    pub fn passive(&self, text: &str, h0: usize, h1: usize) -> bool {
        let last = self.word(text, h1.saturating_sub(1));
        // "is skeptical about", "was hopeful": an adjective after "be" is no passive
        if last.ends_with("ing")
            || ["ic", "al", "ful", "ous", "ive"]
                .iter()
                .any(|e| last.len() > 4 && last.to_ascii_lowercase().ends_with(e))
        {
            return false;
        }
        let mut k = h0;
        for _ in 0..3 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let w = self.word(text, k);
            if is_any(w, BE) {
                return true;
            }
            if !(w.ends_with("ly") || is_any(w, SKIPPABLE_ADVERBS)) || w.is_empty() {
                return false;
            }
        }
        false
    }

    /// The noun phrase starting at token `t`: up to five words, ending before a
    /// preposition, conjunction or auxiliary (see [`STOP`]).
    pub fn phrase_from(&self, text: &str, t: usize, clause_end: usize) -> Option<(usize, usize)> {
        let mut k = t;
        while k < clause_end && k - t < 5 {
            let w = self.word(text, k);
            if w.is_empty() || is_any(w, STOP) {
                break;
            }
            k += 1;
        }
        let only_determiners = (t..k).all(|i| is_any(self.word(text, i), DETERMINERS));
        (k > t && !only_determiners).then_some((t, k))
    }

    /// The direct object after a verb ending at token `t`: a mention within the noun
    /// phrase that starts there (determiners and numbers skipped; "on"/"at"/"against"
    /// allowed first: "fired at Israel"). An object that names no actor ("attacked an
    /// army base") leaves the target empty, as CAMEO coders do.
    pub fn object(&self, text: &str, t: usize, clause_end: usize) -> Option<Who> {
        let mut k = t;
        if is_any(self.word(text, k), &["on", "at", "against", "upon"]) {
            k += 1;
        }
        self.mention_from(text, k, 4, clause_end).map(Who::M)
    }

    /// The noun phrase just before token `h0` (its subject when no mention is there),
    /// auxiliaries skipped: "a car bomb [has] killed".
    pub fn phrase_before(
        &self,
        text: &str,
        h0: usize,
        clause_start: usize,
    ) -> Option<(usize, usize)> {
        let mut e = h0;
        while e > clause_start && is_any(self.word(text, e - 1), AUX) {
            e -= 1;
        }
        let mut s = e;
        while s > clause_start && e - s < 5 {
            let w = self.word(text, s - 1);
            if w.is_empty() || is_any(w, STOP) {
                break;
            }
            s -= 1;
        }
        // "a car bomb in Kiev killed": the place is a modifier, the phrase before it
        // the subject
        if s > clause_start + 1 && s < e && is_any(self.word(text, s - 1), LOCATIVES) {
            let pe = s - 1;
            let mut ps = pe;
            while ps > clause_start && pe - ps < 5 {
                let w = self.word(text, ps - 1);
                if w.is_empty() || is_any(w, STOP) {
                    break;
                }
                ps -= 1;
            }
            while ps < pe && is_any(self.word(text, ps), DETERMINERS) {
                ps += 1;
            }
            if ps < pe {
                return Some((ps, pe));
            }
        }
        while s < e && is_any(self.word(text, s), DETERMINERS) {
            s += 1;
        }
        (s < e).then_some((s, e))
    }

    /// The nearest mention ending at or before token `before`, from token `from` on.
    /// Mentions in a place adverbial ("a car bomb in Kiev killed") are skipped.
    pub fn mention_before(&self, text: &str, from: usize, before: usize) -> Option<usize> {
        self.ments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t0 >= from && m.t1 <= before.max(m.t0 + 1) && m.t0 < before)
            .filter(|(_, m)| m.t0 == 0 || !is_any(self.word(text, m.t0 - 1), LOCATIVES))
            .max_by_key(|(_, m)| (m.t1, m.t0))
            .map(|(i, _)| i)
    }

    /// Whether mention `m` sits in a prepositional phrase ("in a Paris court", "of the
    /// former Afghan President"): then it is rarely the subject.
    pub fn in_pp(&self, text: &str, m: usize) -> bool {
        let Some(x) = self.ments.get(m) else {
            return false;
        };
        let mut k = x.t0;
        let mut steps = 0;
        while k > 0 && steps < 3 {
            let w = self.word(text, k - 1);
            let skippable = is_any(w, DETERMINERS)
                || self.ments.iter().any(|o| o.t0 < k && k - 1 < o.t1)
                || w.chars().next().is_some_and(|c| c.is_uppercase());
            if !skippable {
                break;
            }
            k -= 1;
            steps += 1;
        }
        k > 0 && is_any(self.word(text, k - 1), PREPOSITIONS)
    }

    /// The subject of a head at token `h0` in a clause starting at `from`: the nearest
    /// mention before it that is not in a prepositional phrase (with `first`, the first
    /// such mention of the clause: the controller of "X accepted an invitation to visit"),
    /// else the nearest mention at all.
    pub fn subject(&self, text: &str, from: usize, h0: usize, first: bool) -> Option<usize> {
        let cands = || {
            self.ments
                .iter()
                .enumerate()
                .filter(move |(_, m)| m.t0 >= from && m.t0 < h0 && m.t1 <= h0.max(m.t0 + 1))
        };
        let free = cands().filter(|(i, _)| !self.in_pp(text, *i));
        let pick = if first {
            free.min_by_key(|(_, m)| m.t0)
        } else {
            free.max_by_key(|(_, m)| (m.t1, m.t0))
        };
        pick.map(|(i, _)| i)
            .or_else(|| self.mention_before(text, from, h0))
    }

    /// The mention directly modifying a noun head at `h0` ("US strikes", "Iran's talks",
    /// "Israeli strikes"), allowing one adjective between.
    pub fn modifier(&self, text: &str, h0: usize) -> Option<usize> {
        self.ments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t0 < h0 && (m.t1 == h0 || m.t1 + 1 == h0))
            .find(|(_, m)| {
                m.t1 == h0 || {
                    let w = self.word(text, h0 - 1);
                    !w.is_empty() && !is_any(w, STOP) && !is_any(w, DETERMINERS)
                }
            })
            .map(|(i, _)| i)
    }

    /// The first mention in `[from, to)` that is not a place adverbial.
    pub fn first_mention(&self, text: &str, from: usize, to: usize) -> Option<usize> {
        self.ments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t0 >= from && m.t0 < to)
            .find(|(_, m)| m.t0 == 0 || !is_any(self.word(text, m.t0 - 1), LOCATIVES))
            .map(|(i, _)| i)
    }

    /// The country of the place or state a sector mention `m` is "from" or "of"
    /// ("soldiers from Gondor", "the police of Kabul"): the first three letters of the
    /// code of the mention right after the preposition (an article allowed), when that
    /// code starts with a country rather than a sector. `code_of(k)` gives mention
    /// `k`'s code.
    pub fn owner_country(
        &self,
        text: &str,
        m: usize,
        code_of: impl Fn(usize) -> Option<String>,
    ) -> Option<String> {
        let x = self.ments.get(m)?;
        if !is_any(self.word(text, x.t1), &["from", "of", "in"]) {
            return None;
        }
        let mut k = x.t1 + 1;
        if is_any(self.word(text, k), &["the"]) {
            k += 1;
        }
        let o = self.ments.iter().position(|y| y.t0 == k)?;
        let code = code_of(o)?;
        let c = code.get(..3)?;
        (c.bytes().all(|b| b.is_ascii_uppercase()) && !super::is_type_block(c))
            .then(|| c.to_string())
    }

    /// The first mention in `[t, clause_end)` introduced by one of `preps` ("to", "in",
    /// …) within three words before it: the recipient of aid, the addressee, the place
    /// hit.
    pub fn recipient(
        &self,
        text: &str,
        t: usize,
        clause_end: usize,
        preps: &[&str],
    ) -> Option<usize> {
        self.ments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t0 >= t && m.t0 < clause_end)
            .find(|(_, m)| {
                (m.t0.saturating_sub(3).max(t)..m.t0).any(|k| is_any(self.word(text, k), preps))
            })
            .map(|(i, _)| i)
    }

    /// The first mention starting in `[from, to)`.
    pub fn mention_after(&self, from: usize, to: usize) -> Option<usize> {
        self.ments
            .iter()
            .enumerate()
            .filter(|(_, m)| m.t0 >= from && m.t0 < to)
            .min_by_key(|(_, m)| m.t0)
            .map(|(i, _)| i)
    }

    /// The agent of a passive: the mention after "by" shortly after the head.
    pub fn agent(&self, text: &str, h1: usize, clause_end: usize) -> Option<usize> {
        let stop = (h1 + 6).min(clause_end);
        (h1..stop)
            .find(|&k| self.word(text, k).eq_ignore_ascii_case("by"))
            .and_then(|k| self.mention_from(text, k + 1, 3, clause_end))
    }

    /// `m` and the mentions joined to it by "and" or commas ("the US and Israel", "Britain,
    /// France and Germany", "Fornost and the awful Gondor"), in text order; `left` extends
    /// to the left, else to the right. At most four; a chain joined by commas alone is an
    /// apposition, not a compound.
    pub fn compound(&self, text: &str, m: usize, left: bool, out: &mut Vec<usize>) {
        let saw_and = self.walk(text, m, left, out);
        if !saw_and {
            out.truncate(1);
        }
        if left {
            out.reverse();
        }
    }

    /// The whole compound around `m`, both ways ("the ambassadors of Arnor, Osgiliath and
    /// Gondor" from "Osgiliath"), in text order; at most six; `m` alone unless an "and"
    /// joins the chain somewhere.
    pub fn compound_chain(&self, text: &str, m: usize, out: &mut Vec<usize>) {
        let mut right = Vec::with_capacity(4);
        let and_left = self.walk(text, m, true, out);
        let and_right = self.walk(text, m, false, &mut right);
        if !(and_left || and_right) {
            out.truncate(1);
            return;
        }
        out.reverse();
        out.extend(right.into_iter().skip(1));
        out.truncate(6);
    }

    /// Walk from `m` over mentions joined by "and", commas, articles and up to three
    /// lower-case modifiers ("and the evil awful Gondor"); `out` gets `m` and the
    /// mentions walked over, nearest first. Returns whether an "and" was crossed.
    fn walk(&self, text: &str, m: usize, left: bool, out: &mut Vec<usize>) -> bool {
        out.clear();
        out.push(m);
        let mut cur = m;
        let mut saw_and = false;
        while out.len() < 4 {
            let Some(c) = self.ments.get(cur).copied() else {
                break;
            };
            let next = self
                .ments
                .iter()
                .enumerate()
                .filter(|(_, x)| {
                    if left {
                        x.t1 <= c.t0 && c.t0 - x.t1 <= 5
                    } else {
                        x.t0 >= c.t1 && x.t0 - c.t1 <= 5
                    }
                })
                .min_by_key(|(_, x)| if left { c.t0 - x.t1 } else { x.t0 - c.t1 })
                .map(|(i, _)| i);
            let Some(nx) = next else { break };
            let Some(n) = self.ments.get(nx).copied() else {
                break;
            };
            let (g0, g1) = if left { (n.t1, c.t0) } else { (c.t1, n.t0) };
            let mut joiner = false;
            let mut ok = true;
            let mut modifiers = 0;
            let mut and_here = false;
            for k in g0..g1 {
                let t = self.toks.get(k);
                let w = self.word(text, k);
                // "neither X nor Y boycotted": both did not, one event each
                if w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("nor") {
                    and_here = true;
                    joiner = true;
                } else if t.is_some_and(|t| t.punct == b',') {
                    joiner = true;
                } else if is_any(w, &["the", "both"]) {
                } else if !w.is_empty()
                    && modifiers < 3
                    && !is_any(w, STOP)
                    && !is_any(w, AUX)
                    && !is_any(w, DETERMINERS)
                    && w.chars().next().is_some_and(char::is_lowercase)
                    // modifiers only after the joiner, before the next name ("and the
                    // evil Gondor"), never between a name and the joiner
                    && joiner
                {
                    modifiers += 1;
                } else {
                    ok = false;
                }
            }
            if !ok || !joiner {
                break;
            }
            saw_and |= and_here;
            out.push(nx);
            cur = nx;
        }
        saw_and
    }
}
