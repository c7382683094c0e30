//! The claims stage: who said what, and with which stance.
//!
//! Why: a reader must see at a glance that the president *suggested* talks would happen,
//! that his press secretary said *no* meeting was scheduled and that Iran's foreign
//! minister *denied* any agreement — three claims, each with its speaker (an actor with a
//! country and a role, through the actors stage) and its sentence.
//!
//! How, in one pass over the tokens of the article (see [`scan`] for the tokens and the
//! quotation marks):
//! 1. every cue of the [`lexicon`] outside quotations ("said", "denied", "according to",
//!    "told reporters", "it was reported") is read with the words around it: a speaker
//!    noun phrase before it ("X said …"), after it ("…, said X"), or none (passive); the
//!    content after it ("X said (that) …", up to the end of the sentence or of a quotation
//!    that opens there) or before it ("…, X said.", "“…,” he said", where the content is
//!    the quotation or the sentence up to the comma);
//!    "X rejected Y's claim that P" gives two claims: Y's (the noun cue after a
//!    possessor) and X's denial around it;
//! 2. a paragraph opening with "NAME: …" (transcripts, headlines) is a direct claim of NAME;
//! 3. a quotation no cue claimed, opening a paragraph, continues the previous speaker;
//! 4. the speaker's actor is the actors stage's mention covering the speaker phrase
//!    (pronouns included, which the actors stage resolved); anonymous speakers ("a senior
//!    official", "sources") get an actor of their own with the phrase as the role;
//! 5. the stance (see [`stance`]) comes from the cue, then from the content.
//!
//! A claim is direct when its content is, or contains, a quotation (mixed quotes count).
//! Then [`disputes`] finds the claims of the article that disagree.

pub mod disputes;
pub mod lexicon;
pub mod scan;
pub mod stance;

#[cfg(test)]
mod tests;

use crate::{Doc, Stage};
use lexicon::{CueError, CueKind, Lexicon};
use newsdesk_core::{Actor, Analysis, Claim, Evidence, Mention, Span, Speaker, Stance, TextSpan};
use scan::{Quote, T_ALLCAPS, T_CAP, T_END, T_QCLOSE, T_QOPEN, T_WORD, Tok};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

/// The claims stage, holding its cue lexicon.
pub struct Claims {
    lex: Arc<Lexicon>,
}

fn builtin_cell() -> &'static (Arc<Lexicon>, Option<CueError>) {
    static CELL: OnceLock<(Arc<Lexicon>, Option<CueError>)> = OnceLock::new();
    CELL.get_or_init(|| match Lexicon::builtin() {
        Ok(l) => (Arc::new(l), None),
        Err(e) => (Arc::new(Lexicon::default()), Some(e)),
    })
}

impl Claims {
    /// The stage with the embedded lexicon (loaded once per process).
    pub fn builtin() -> Claims {
        Claims {
            lex: builtin_cell().0.clone(),
        }
    }

    /// Why the embedded lexicon did not load, if it did not (the tests keep this `None`).
    pub fn builtin_error() -> Option<&'static CueError> {
        builtin_cell().1.as_ref()
    }

    /// The stage with a lexicon of the caller's (the embedded one plus user files).
    pub fn new(lex: Arc<Lexicon>) -> Claims {
        Claims { lex }
    }

    /// The claims of `text`, given its sentences and the actors stage's mentions.
    pub fn find(
        &self,
        text: &str,
        sentences: &[Span],
        mentions: &[Mention],
        article: &newsdesk_core::ArticleId,
    ) -> Vec<Claim> {
        self.find_with_polarity(text, sentences, mentions, article)
            .0
    }

    /// [`Claims::find`], with what disputes need of each claim's content.
    fn find_with_polarity(
        &self,
        text: &str,
        sentences: &[Span],
        mentions: &[Mention],
        article: &newsdesk_core::ArticleId,
    ) -> (Vec<Claim>, Vec<disputes::Facts>) {
        let quotes = scan::quotes(text);
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        scan::tokenize(text, &quotes, &mut toks);
        let lower = text.to_ascii_lowercase();
        let mut r = Reader {
            text,
            lower: &lower,
            toks: &toks,
            quotes: &quotes,
            lex: &self.lex,
            mentions,
            cues: Vec::new(),
        };
        // every token's cue, looked up once: the rules ask about the same tokens many times
        let cues: Vec<Option<CueAt>> = (0..toks.len()).map(|i| r.read_cue_at(i)).collect();
        r.cues = cues;
        let raw = r.run();
        let mut facts = Vec::with_capacity(raw.len());
        let claims = raw
            .into_iter()
            .map(|c| {
                let groups = r.groups(c.content);
                let (claim, negated) = r.finish(c, sentences, mentions, article);
                facts.push(disputes::Facts { negated, groups });
                claim
            })
            .collect();
        (claims, facts)
    }
}

impl Stage for Claims {
    fn name(&self) -> &'static str {
        "claims"
    }

    fn run(&self, doc: &Doc<'_>, out: &mut Analysis) {
        let (claims, facts) =
            self.find_with_polarity(doc.text(), &out.sentences, &out.mentions, &out.article);
        out.claims = claims;
        out.disputes = disputes::find_with(&out.article, &out.claims, &facts);
    }
}

/// A claim before speaker resolution, in token and byte terms.
#[derive(Debug, Clone)]
struct Raw {
    speaker: Option<Span>,
    cue: Span,
    cue_stance: Stance,
    content: Span,
    direct: bool,
    /// The cue is a noun with a possessor ("Trump's claim that …").
    nominal: bool,
}

/// The text read with its tokens; all the rules are methods.
struct Reader<'a> {
    text: &'a str,
    lower: &'a str,
    toks: &'a [Tok],
    quotes: &'a [Quote],
    lex: &'a Lexicon,
    mentions: &'a [Mention],
    /// The cue starting at each token, if any (see [`Reader::read_cue_at`]).
    cues: Vec<Option<CueAt>>,
}

/// A cue found at a token: its kind, its stance and its exclusive end token.
type CueAt = (CueKind, Stance, usize);

/// Words that may sit between a speaker and the cue ("X also said", "X has told").
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "previously",
    "once",
    "has",
    "had",
    "have",
    "recently",
    "separately",
    "further",
    "again",
    "earlier",
    "repeatedly",
    "publicly",
    "privately",
    "reportedly",
    "flatly",
    "quickly",
    "firmly",
    "strongly",
    "had",
    "would",
    "will",
    "did",
    "does",
    "do",
    "never",
    "often",
    "frequently",
    "initially",
    "subsequently",
    "is",
    "was",
    "are",
    "were",
    "been",
    "now",
    "still",
    "even",
    "once",
    "already",
    "openly",
    "immediately",
    "now",
    "just",
];

/// Lower-case words that belong to a speaker phrase: roles and the nouns of anonymous
/// sources, and the modifiers around them.
const SPEAKER_WORDS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "secretary",
    "minister",
    "president",
    "press",
    "senior",
    "top",
    "chief",
    "former",
    "foreign",
    "deputy",
    "state",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "diplomat",
    "diplomats",
    "lawmaker",
    "lawmakers",
    "critic",
    "critics",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "police",
    "authorities",
    "media",
    "television",
    "military",
    "army",
    "ministry",
    "government",
    "administration",
    "campaign",
    "people",
    "person",
    "familiar",
    "matter",
    "director",
    "director-general",
    "general",
    "commander",
    "governor",
    "senator",
    "representative",
    "lawyer",
    "attorney",
    "leader",
    "leaders",
    "candidate",
    "nominee",
    "chairman",
    "chairwoman",
    "chair",
    "ambassador",
    "envoy",
    "negotiator",
    "negotiators",
    "agency",
    "group",
    "statement",
    "report",
    "reports",
    "poll",
    "survey",
    "study",
    "spokesmen",
    "officer",
    "officers",
    "manager",
    "organizer",
    "organizers",
    "supporters",
    "supporter",
    "voters",
    "voter",
    "staff",
    "staffer",
    "staffers",
    "worker",
    "workers",
    "doctor",
    "doctors",
    "activist",
    "activists",
    "observers",
    "insiders",
    "insider",
    "member",
    "members",
    "house",
    "white",
    "presidential",
    "democratic",
    "republican",
    "iranian",
    "israeli",
    "u.s.",
    "american",
    "federal",
    "local",
    "intelligence",
    "security",
    "defense",
    "defence",
    "national",
    "international",
    "independent",
    "anonymous",
    "unnamed",
    "knowledgeable",
    "close",
    "briefed",
    "authorized",
    "speak",
    "on",
    "condition",
    "of",
    "anonymity",
    "shopkeeper",
    "correspondent",
    "reporter",
    "reporters",
    "editor",
    "author",
    "economist",
    "economists",
    "researcher",
    "researchers",
    "professor",
    "scientist",
    "scientists",
    "mayor",
    "prosecutor",
    "prosecutors",
    "judge",
    "court",
    "department",
    "office",
    "team",
    "party",
    "committee",
    "council",
    "board",
    "company",
    "firm",
];

/// [`SPEAKER_WORDS`] as a set: looked up for every word of every speaker phrase.
fn speaker_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| SPEAKER_WORDS.iter().copied().collect())
}

/// [`COMMON_NOT_HEAD`] as a set.
fn common_not_head() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_NOT_HEAD.iter().copied().collect())
}

/// Lower-case words that never head (or sit inside) a speaker phrase.
const COMMON_NOT_HEAD: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "be",
    "been",
    "being",
    "it",
    "that",
    "which",
    "this",
    "there",
    "what",
    "who",
    "not",
    "and",
    "but",
    "or",
    "also",
    "than",
    "then",
    "when",
    "where",
    "while",
    "because",
    "after",
    "before",
    "from",
    "into",
    "over",
    "about",
    "with",
    "for",
    "the",
    "they",
    "them",
    "she",
    "her",
    "his",
    "him",
    "its",
    "our",
    "their",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "did",
    "does",
    "too",
    "very",
    "only",
    "just",
    "even",
    "still",
    "yet",
    "now",
    "here",
    "all",
    "any",
    "each",
    "every",
    "such",
    "same",
    "own",
    "out",
    "off",
    "again",
    "ever",
    "never",
    "week",
    "year",
    "month",
    "day",
    "time",
    "today",
    "tonight",
    "yesterday",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "evening",
    "night",
    "afternoon",
    "ago",
    "last",
    "next",
    "later",
    "earlier",
];

/// Determiners and numbers that open a speaker phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "two", "three", "four", "several", "some", "many", "other", "another", "one",
    "his", "her", "their", "its", "our", "both", "most", "few", "more", "u.s.",
];

/// Pronouns that are a speaker phrase on their own.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who"];

/// Words inside a speaker phrase only between two other words of it ("director-general
/// of the agency").
const INNER: &[&str] = &["of", "for", "and", "in", "at", "to", "with", "on"];

/// Cue words that are as often nouns or other verbs ("state media", "a note"): a cue
/// only before "that", a colon, a comma or a quotation (or after a quotation).
const AMBIGUOUS: &[&str] = &[
    "note",
    "notes",
    "stress",
    "stresses",
    "state",
    "states",
    "post",
    "posts",
    "report",
    "reports",
    "counter",
    "counters",
    "question",
    "questions",
    "doubt",
    "doubts",
    "challenge",
    "challenges",
    "fear",
    "fears",
    "remark",
    "remarks",
    "comment",
    "comments",
    "tweet",
    "tweets",
    "float",
    "floats",
    "signal",
    "signals",
    "mention",
    "mentions",
    "claim",
    "claims",
    "read",
    "reads",
    "written",
    "forecast",
    "forecasts",
    "estimate",
    "estimates",
    "query",
    "promise",
    "promises",
    "pledge",
    "pledges",
];

/// Cue verbs that name or judge rather than report ("called Y “a disgrace”", "likened Y to
/// “…”", "the letter reads"): an attribution only when its content holds a quotation,
/// since without one they are ordinary verbs ("called the police", "compared prices").
const QUOTE_ONLY: &[&str] = &[
    "called",
    "calls",
    "calling",
    "dubbed",
    "dubs",
    "termed",
    "terms",
    "labeled",
    "labelled",
    "labels",
    "branded",
    "brands",
    "likened",
    "likens",
    "likening",
    "compared",
    "compares",
    "comparing",
    "characterized",
    "characterizes",
    "characterised",
    "characterises",
    "hailed",
    "hails",
    "lauded",
    "lauds",
    "condemned",
    "condemns",
    "denounced",
    "denounces",
    "decried",
    "decries",
    "ridiculed",
    "ridicules",
    "chanted",
    "chanting",
    "chants",
    "read",
    "reads",
];

/// Rubrics of a newsroom before a colon ("The Latest: …", "CLARIFICATION: …"): labels of
/// the text, never a speaker.
const RUBRICS: &[&str] = &[
    "latest",
    "analysis",
    "opinion",
    "editorial",
    "update",
    "updated",
    "breaking",
    "watch",
    "video",
    "exclusive",
    "live",
    "explainer",
    "factbox",
    "clarification",
    "correction",
    "note",
    "photos",
    "review",
];

/// Words that open an adverbial between a cue and its "that" ("said on Tuesday that").
const ADVERBIAL_START: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "via",
    "to",
    "from",
    "while",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "repeatedly",
    "publicly",
    "privately",
    "again",
    "also",
    "recently",
    "previously",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "in",
    "separately",
    "flatly",
    "firmly",
    "through",
    "over",
    "when",
    "with",
];

/// Days and months: capitalised, never part of a speaker's name.
const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words after which a content clause is cut ("…, though he added …").
const CLAUSE_BREAK: &[&str] = &[
    "but", "though", "although", "while", "whereas", "because", "which", "however",
];

impl<'a> Reader<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.lower.get(t.start as usize..t.end as usize))
            .unwrap_or("")
    }

    fn raw_word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start as usize..t.end as usize))
            .unwrap_or("")
    }

    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tok(i).is_some_and(|t| !t.is(T_WORD)) && self.raw_word(i) == p
    }

    /// Whether token `i` ends a sentence: `.`/`!`/`?` outside a quotation followed by a
    /// capital, a quotation mark, a new paragraph or the end.
    fn ends_sentence(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return true };
        if !t.is(T_END) {
            return false;
        }
        match self.tok(i + 1) {
            None => true,
            Some(n) => {
                // "R-Ky., said", "(D-Md.) said": a dot before a comma or a bracket ends an
                // abbreviation, not the sentence
                let inner_punct = !n.is(T_WORD)
                    && matches!(
                        self.text.as_bytes().get(n.start as usize),
                        Some(b',' | b';' | b')' | b':')
                    );
                n.para != t.para || n.is(T_CAP) || n.is(T_QOPEN) || (!n.is(T_WORD) && !inner_punct)
            }
        }
    }

    /// The first token of the sentence that holds token `i` (not crossing a quotation
    /// close, a paragraph, or a sentence end).
    fn sentence_start(&self, i: usize) -> usize {
        let para = self.tok(i).map_or(0, |t| t.para);
        let mut j = i;
        while j > 0 {
            let p = j - 1;
            let Some(t) = self.tok(p) else { break };
            if t.para != para || (!t.quoted() && self.ends_sentence(p)) {
                break;
            }
            if t.is(T_QCLOSE) && p > 0 && self.tok(p - 1).is_some_and(|x| x.is(T_END)) {
                break;
            }
            j = p;
        }
        j
    }

    /// The last token (exclusive end) of the sentence from token `i` on.
    fn sentence_end(&self, i: usize) -> usize {
        let para = self.tok(i).map_or(0, |t| t.para);
        let mut j = i;
        while let Some(t) = self.tok(j) {
            if t.para != para {
                return j;
            }
            if !t.quoted() && self.ends_sentence(j) {
                return j + 1;
            }
            // "… “is unhinged.” She says …": a quotation that ends its sentence inside
            if t.is(T_QCLOSE)
                && j > i
                && self.tok(j - 1).is_some_and(|p| p.is(T_END))
                && self
                    .tok(j + 1)
                    .is_none_or(|n| n.para != para || n.is(T_CAP) || n.is(T_QOPEN))
            {
                return j + 1;
            }
            j += 1;
        }
        j
    }

    fn in_list(&self, i: usize, list: &[&str]) -> bool {
        let w = self.word(i);
        list.contains(&w)
    }

    /// Whether token `i` may be part of a speaker phrase.
    fn np_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if !t.is(T_WORD) || t.quoted() {
            return false;
        }
        if t.is(T_CAP) {
            // a capitalised cue word, function word or day is not a name
            let w = self.word(i);
            if DAYS.contains(&w) {
                return false;
            }
            return !matches!(
                w,
                "but"
                    | "and"
                    | "in"
                    | "on"
                    | "at"
                    | "as"
                    | "if"
                    | "when"
                    | "while"
                    | "after"
                    | "before"
                    | "because"
                    | "though"
                    | "although"
                    | "so"
                    | "yet"
                    | "still"
                    | "meanwhile"
                    | "however"
                    | "also"
                    | "that"
                    | "this"
                    | "there"
                    | "it's"
                    | "speaking"
                    | "asked"
                    | "earlier"
                    | "later"
                    | "now"
                    | "then"
                    | "under"
                    | "recently"
                    | "two"
                    | "our"
                    | "with"
                    | "for"
                    | "by"
                    | "from"
                    | "about"
                    | "despite"
                    | "during"
                    | "since"
                    | "today"
                    | "yesterday"
                    | "here"
                    | "what"
                    | "why"
                    | "how"
                    | "where"
                    | "we"
                    | "i'd"
                    | "i’d"
                    | "i"
                    | "of"
                    | "to"
                    | "the"
                    | "a"
                    | "an"
            ) || t.is(T_ALLCAPS);
        }
        speaker_words().contains(self.word(i))
            || self.word(i).ends_with("'s")
            || self.word(i).ends_with("’s")
    }

    /// The speaker phrase ending just before token `end` (exclusive), walking back; its
    /// first token, or `None`.
    fn np_before(&self, end: usize) -> Option<usize> {
        if end == 0 {
            return None;
        }
        let mut last = end - 1;
        if self.is_punct(last, ")") {
            // "Rep. Gwen Moore (D-Wis.) said"
            let open = (last.saturating_sub(8)..last)
                .rev()
                .find(|&k| self.is_punct(k, "("))?;
            if open == 0 || !self.np_word(open - 1) {
                return None;
            }
            last = open - 1;
        }
        if self.in_list(last, PRONOUNS) && self.tok(last).is_some_and(|t| !t.quoted()) {
            return Some(last);
        }
        if !self.np_word(last) {
            return self.common_np_before(last);
        }
        let mut start = last;
        let mut j = last;
        let mut steps = 0;
        while j > 0 && steps < 10 {
            steps += 1;
            let p = j - 1;
            if self.np_word(p) {
                start = p;
                j = p;
                continue;
            }
            if self.in_list(p, DETERMINERS) && self.tok(p).is_some_and(|t| t.is(T_WORD)) {
                start = p;
                // "of the" may continue backwards
                if p > 0 && self.in_list(p - 1, INNER) && p > 1 && self.np_word(p - 2) {
                    j = p - 1;
                    continue;
                }
                break;
            }
            if self.in_list(p, INNER) && p > 0 && self.np_word(p - 1) {
                j = p;
                continue;
            }
            break;
        }
        // never open on an inner word, never only determiners and inner words
        while start < last && self.in_list(start, INNER) {
            start += 1;
        }
        if (start..=last).all(|k| self.in_list(k, INNER) || self.in_list(k, DETERMINERS)) {
            return None;
        }
        Some(start)
    }

    /// A speaker phrase headed by a common noun no list knows ("the announcer", "The New
    /// York businessman", "a doctor"): the head at `last`, a determiner or a name at most
    /// four words before it; its first token.
    fn common_np_before(&self, last: usize) -> Option<usize> {
        let t = self.tok(last)?;
        let w = self.word(last);
        if !t.is(T_WORD)
            || t.quoted()
            || t.is(T_CAP)
            || w.len() < 3
            || common_not_head().contains(w)
            || w.ends_with("ly")
            || w.ends_with("ed")
            || w.ends_with("ing")
            || w.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        let mut j = last;
        for _ in 0..4 {
            if j == 0 {
                return None;
            }
            let p = j - 1;
            if self.in_list(p, DETERMINERS) {
                return Some(p);
            }
            if self.np_word(p) {
                j = p;
                continue;
            }
            let pt = self.tok(p)?;
            let pw = self.word(p);
            if pt.is(T_WORD) && !pt.quoted() && !common_not_head().contains(pw) && pw.len() > 2 {
                j = p;
                continue;
            }
            return None;
        }
        None
    }

    /// The speaker phrase starting at token `i`, walking forward: its exclusive end.
    fn np_after(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if t.quoted() || !t.is(T_WORD) {
            return None;
        }
        if self.in_list(i, PRONOUNS) {
            return Some(i + 1);
        }
        if self.in_list(i, INNER) {
            // "said on Twitter": an adjunct, not a speaker
            return None;
        }
        let mut j = i;
        if self.in_list(j, DETERMINERS) {
            j += 1;
        }
        let first = j;
        while self.np_word(j) && j - first < 10 {
            j += 1;
        }
        if j > first && self.is_punct(j, "(") {
            // "Rep. G.K. Butterfield (D-N.C.)"
            if let Some(k) = (j + 1..j + 8).find(|&k| self.is_punct(k, ")")) {
                j = k + 1;
            }
        }
        (j > first).then_some(j)
    }

    /// Span from token `a` to token `b` (inclusive of `a`, exclusive of `b`).
    fn span(&self, a: usize, b: usize) -> Span {
        let s = self.tok(a).map_or(0, |t| t.start as usize);
        let e = if b > a {
            self.tok(b - 1).map_or(s, |t| t.end as usize)
        } else {
            s
        };
        Span::new(s, e)
    }

    /// The cue starting at token `i`: its kind, stance and exclusive end token.
    fn cue_at(&self, i: usize) -> Option<CueAt> {
        self.cues.get(i).copied().flatten()
    }

    /// [`Reader::cue_at`] read from the lexicon (once per token, by [`Claims::find`]).
    fn read_cue_at(&self, i: usize) -> Option<CueAt> {
        let t = self.tok(i)?;
        if !t.is(T_WORD)
            || t.quoted()
            || (t.is(T_CAP) && !matches!(self.word(i), "according" | "it"))
        {
            return None;
        }
        // after a possessor ("Trump's claim") a word is the noun, not the verb
        let pw = if i > 0 { self.word(i - 1) } else { "" };
        let possessed = pw.ends_with("'s") || pw.ends_with("’s");
        let cands = self.lex.starting_with(self.word(i));
        let has_noun = possessed && cands.iter().any(|c| c.kind == CueKind::Noun);
        for c in cands {
            if !matches!(c.kind, CueKind::Verb | CueKind::Phrase | CueKind::Noun)
                || c.words.iter().any(|w| w == "anonymity")
                || (has_noun && c.kind != CueKind::Noun)
            {
                continue;
            }
            let n = c.words.len();
            if (1..n).all(|k| {
                self.tok(i + k).is_some_and(|t| !t.quoted()) && self.word(i + k) == c.words[k]
            }) {
                return Some((c.kind, c.stance.unwrap_or(Stance::Assert), i + n));
            }
        }
        None
    }

    /// Skip adverbs backwards from `i` (exclusive): the index after the last non-adverb.
    fn skip_adverbs_back(&self, mut i: usize) -> usize {
        while i > 0 && self.in_list(i - 1, ADVERBS) {
            i -= 1;
        }
        i
    }

    /// The end of a content that starts at token `i`: a quotation opening there runs to
    /// its close; else the end of the sentence. Returns (exclusive end token, direct).
    fn content_from(&self, i: usize) -> (usize, bool) {
        if let Some(t) = self.tok(i)
            && t.is(T_QOPEN)
        {
            // the quotation, then the rest of the sentence where it closes
            let mut j = i + 1;
            while self.tok(j).is_some_and(|t| t.quoted()) {
                j += 1;
            }
            if self.tok(j).is_some_and(|t| t.is(T_QCLOSE)) {
                j += 1;
            }
            let end = if j > 0
                && self.tok(j - 1).is_some_and(|t| t.is(T_QCLOSE))
                && j >= 2
                && self.tok(j - 2).is_some_and(|t| t.is(T_END))
            {
                j
            } else {
                self.sentence_end(j.min(self.toks.len().saturating_sub(1)))
                    .max(j)
            };
            return (end, true);
        }
        let end = self.sentence_end(i);
        let direct = (i..end).any(|k| self.tok(k).is_some_and(|t| t.is(T_QOPEN)));
        (end, direct)
    }

    /// Trim a content token range: no final punctuation or closing commas, no leading
    /// "that", commas or colons.
    fn trim(&self, mut a: usize, mut b: usize) -> (usize, usize) {
        while a < b
            && (self.word(a) == "that"
                || self.is_punct(a, ",")
                || self.is_punct(a, ":")
                || self.is_punct(a, "—"))
        {
            a += 1;
        }
        while b > a {
            let k = b - 1;
            let t = self.tok(k);
            if t.is_some_and(|t| !t.is(T_WORD) && !t.is(T_QCLOSE) && !t.quoted()) {
                b -= 1;
            } else {
                break;
            }
        }
        (a, b)
    }

    fn run(&self) -> Vec<Raw> {
        let mut out: Vec<Raw> = Vec::new();
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if let Some((kind, stance, cue_end)) = self.cue_at(i)
                && let Some(raw) = self.attribution(i, cue_end, kind, stance, out.last())
            {
                out.push(raw);
                i = cue_end;
                continue;
            }
            i += 1;
        }
        self.colon_paragraphs(&mut out);
        self.dash_and_mixed(&mut out);
        out.sort_by_key(|r| (r.content.start, r.content.end));
        self.cut_nested(&mut out);
        dedupe(&mut out, self.text);
        self.continued_quotes(&mut out);
        out.sort_by_key(|r| (r.content.start, r.content.end));
        // direct when the content, as finally cut, holds or lies in a quotation
        for r in &mut out {
            let from = self.quotes.partition_point(|q| q.close <= r.content.start);
            r.direct = self
                .quotes
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .take_while(|q| q.open < r.content.end)
                .any(|q| q.inner.end > r.content.start && q.inner.start < r.content.end);
        }
        out
    }

    /// Read the attribution around the cue at tokens `[c, ce)`; a naming or judging verb
    /// ([`QUOTE_ONLY`]) stands only with a quotation in its content.
    fn attribution(
        &self,
        c: usize,
        ce: usize,
        kind: CueKind,
        stance: Stance,
        prev: Option<&Raw>,
    ) -> Option<Raw> {
        let r = self.attribution_around(c, ce, kind, stance, prev)?;
        if ce == c + 1 && QUOTE_ONLY.contains(&self.word(c)) {
            if !r.direct {
                return None;
            }
            // passive ("was formally called"): no speaker naming anything
            let mut b = c;
            while b > 0 && self.word(b - 1).ends_with("ly") {
                b -= 1;
            }
            if matches!(
                self.word(b.wrapping_sub(1)),
                "was" | "were" | "is" | "are" | "be" | "been" | "being"
            ) {
                return None;
            }
            // "denounced what X called “…”": the words are the outer speaker's claim
            if let Some(sp) = r.speaker {
                let at = self.toks.partition_point(|t| (t.start as usize) < sp.start);
                if at > 0 && matches!(self.word(at - 1), "what" | "which" | "whom") {
                    return None;
                }
            }
        }
        Some(r)
    }

    /// [`Reader::attribution`] before the quotation check.
    fn attribution_around(
        &self,
        c: usize,
        ce: usize,
        kind: CueKind,
        stance: Stance,
        prev: Option<&Raw>,
    ) -> Option<Raw> {
        let cue_span = self.span(c, ce);
        let s_start = self.sentence_start(c);
        let s_end = self.sentence_end(c);
        let w = self.word(c);
        let coordinated =
            c > s_start + 1 && self.word(self.skip_adverbs_back(c).wrapping_sub(1)) == "and";
        if kind == CueKind::Verb
            && c > s_start
            && ((w.ends_with("ing")
                && (self.is_punct(c - 1, ",")
                    || matches!(
                        self.word(c - 1),
                        "before" | "after" | "while" | "by" | "without" | "when"
                    )))
                || coordinated)
        {
            // "…, he said, adding that …": the speaker of the sentence goes on
            let sent_from = self.tok(s_start).map_or(0, |t| t.start as usize);
            let speaker = match prev {
                Some(p) if p.cue.start >= sent_from && p.speaker.is_some() => p.speaker,
                _ => self.sentence_subject(s_start, c),
            }?;
            let mut k = ce;
            // "asking her, “…”": over a short hearer to the quotation
            if let Some(q) = self.quote_follows(ce) {
                k = q;
            }
            while self.is_punct(k, ",") || self.is_punct(k, ":") || self.word(k) == "that" {
                k += 1;
            }
            if k >= s_end {
                return None;
            }
            let (end, direct) = self.content_from(k);
            let (a, b) = self.trim(k, end);
            if b < a + 3 && !direct {
                return None;
            }
            return self.raw(Some(speaker), cue_span, stance, a, b, direct);
        }
        if w == "according" {
            // the source: a speaker phrase, else any words up to the comma or the end
            let np_end = self.np_after(ce).or_else(|| {
                let e = (ce..ce + 9)
                    .find(|&k| self.tok(k).is_none_or(|t| !t.is(T_WORD) || t.quoted()))
                    .unwrap_or(ce);
                (e > ce
                    && (self.is_punct(e, ",")
                        || e >= s_end
                        || self.tok(e).is_some_and(|t| t.is(T_END))))
                .then_some(e)
            })?;
            let speaker = self.span(ce, np_end);
            // "according to X, CONTENT" or "CONTENT, according to X"
            if c == s_start || self.is_punct(c.wrapping_sub(1), "(") {
                if self.is_punct(np_end, ",") {
                    let (end, direct) = self.content_from(np_end + 1);
                    let (a, b) = self.trim(np_end + 1, end);
                    return self.raw(Some(speaker), cue_span, stance, a, b, direct);
                }
                return None;
            }
            let (a, b) = self.trim(s_start, c);
            let direct = (a..b).any(|k| self.tok(k).is_some_and(|t| t.is(T_QOPEN)));
            return self.raw(Some(speaker), cue_span, stance, a, b, direct);
        }
        if kind == CueKind::Phrase && w == "it" {
            // passive: "it was reported that …"
            let (end, direct) = self.content_from(ce);
            let (a, b) = self.trim(ce, end);
            return self.raw(None, cue_span, stance, a, b, direct);
        }
        if kind == CueKind::Noun {
            // "X's claim that …"
            let p = c.checked_sub(1)?;
            let pw = self.word(p);
            if !(pw.ends_with("'s") || pw.ends_with("’s")) || self.word(ce) != "that" {
                return None;
            }
            let sp = self.np_before(c)?;
            let (end, direct) = self.content_from(ce + 1);
            let (a, b) = self.trim(ce + 1, end);
            let mut r = self.raw(Some(self.span(sp, c)), cue_span, stance, a, b, direct)?;
            r.nominal = true;
            return Some(r);
        }
        // verbs (and verb-like phrases)
        if ce == c + 1
            && AMBIGUOUS.contains(&w)
            && self.tok(ce).is_some_and(|t| t.is(T_WORD) && !t.quoted())
            && self.word(ce) != "that"
        {
            // "the secretary of state said": a noun here, not the cue
            return None;
        }
        let before = self.skip_adverbs_back(c);
        let prev_is_break = |k: usize| -> bool {
            k == 0
                || self.is_punct(k - 1, ",")
                || self.is_punct(k - 1, "—")
                || self.is_punct(k - 1, "–")
                || self.tok(k - 1).is_some_and(|t| t.is(T_QCLOSE))
        };
        // 1. inverted and trailing: "…,” said X." / "…, said X, the minister."
        let after_quote = |k: usize| {
            k > 0
                && self.tok(k - 1).is_some_and(|t| {
                    t.is(T_QCLOSE) && self.tok(k).is_some_and(|n| n.para == t.para)
                })
        };
        let hearer_verb = matches!(w, "told" | "tells" | "tell" | "telling" | "asked" | "asks");
        if prev_is_break(c)
            && !hearer_verb
            && (c > s_start || after_quote(c))
            && let Some(np_end) = self.np_after(ce)
        {
            let after = np_end;
            // "“…,” said X, summing up …": right after a quotation the attribution stands
            // whatever adjunct or appositive follows the speaker
            let quoted_before = self.quote_closes_before(c);
            if (quoted_before || self.tail_ok(after, s_end)) && self.trailing_fits(c, after) {
                let speaker = self.span(ce, np_end);
                let r = self.content_before(c, Some(speaker), cue_span, stance, s_start);
                return self.and_quote_after(r, after);
            }
        }
        // "“…,” said 9/11 widow Terry Strada.": whatever words follow a cue that follows a
        // quotation name the speaker
        if !hearer_verb
            && self.quote_closes_before(c)
            && let Some(e) = self.loose_speaker_after(ce, s_end)
        {
            let r = self.content_before(c, Some(self.span(ce, e)), cue_span, stance, s_start);
            return self.and_quote_after(r, e);
        }
        // "“…,” retired Air Force general Lloyd Newton said.": the words between the close
        // and the cue, when nothing but an adjunct follows the cue
        if self.tail_ok(ce, s_end)
            && let Some(a) = self.loose_speaker_before(before, s_start)
            && self.np_before(before).is_none_or(|s| s > a)
            && self.trailing_fits(a, ce)
        {
            let r = self.content_before(a, Some(self.span(a, before)), cue_span, stance, s_start);
            return self.and_quote_after(r, ce);
        }
        // the subject: a phrase before the cue, or "X, who said", or an appositive
        let mut subj = self.np_before(before).map(|s| (s, before));
        if let Some((s, e)) = subj
            && self.word(s) == "who"
            && s >= 2
            && self.is_punct(s - 1, ",")
        {
            subj = self.np_before(s - 1).map(|a| (a, s - 1));
            let _ = e;
        }
        if subj.is_none() && before > 0 && self.is_punct(before - 1, ",") {
            // "Grossi, director-general of the agency, told …"
            let mut k = before - 1;
            let lim = k.saturating_sub(14);
            while k > lim && k > s_start {
                k -= 1;
                if self.is_punct(k, ",") {
                    if let Some(s) = self.np_before(k) {
                        subj = Some((s, k));
                    }
                    break;
                }
            }
        }
        let (sp_start, sp_end) = subj?;
        if self.word(sp_start) == "who" {
            return None;
        }
        let speaker = self.span(sp_start, sp_end);
        // "… “same rigged system.” She adds, “…”": a new sentence that opens a quotation
        let new_sentence_quote = sp_start >= 2
            && self.tok(sp_start - 2).is_some_and(|t| t.is(T_END))
            && self.tok(sp_start).is_some_and(|t| t.is(T_CAP))
            && self.quote_follows(ce).is_some();
        // 2. trailing: "…, X said." / "“…,” he told reporters."
        if prev_is_break(sp_start)
            && !new_sentence_quote
            && (sp_start > s_start || after_quote(sp_start))
            && self.tail_ok(ce, s_end)
            && self.trailing_fits(sp_start, ce)
        {
            let r = self.content_before(sp_start, Some(speaker), cue_span, stance, s_start);
            return self.and_quote_after(r, ce);
        }
        if after_quote(sp_start) {
            // "“A,” he said as he left." but not "… “Face the Nation,” X said the plan …"
            // nor "… “unhinged.” She adds, “…”"
            let ended = sp_start >= 2 && self.tok(sp_start - 2).is_some_and(|t| t.is(T_END));
            // a quotation that opens its sentence is what the attribution after it is about
            let opens_sentence = self.quote_open_before(sp_start).is_some_and(|o| {
                o == 0
                    || self
                        .tok(o - 1)
                        .is_some_and(|p| p.is(T_END) || p.is(T_QCLOSE))
                    || self.tok(o - 1).map(|p| p.para) != self.tok(o).map(|t| t.para)
            });
            let lower = self.tok(sp_start).is_some_and(|t| !t.is(T_CAP));
            if (self.tail_ok(ce, s_end) && !new_sentence_quote)
                || (!ended && (opens_sentence || !self.tail_is_content(ce, s_end)))
                || (ended && lower && !self.tail_is_content(ce, s_end))
            {
                let r = self.content_before(sp_start, Some(speaker), cue_span, stance, s_start);
                return self.and_quote_after(r, ce);
            }
        }
        // 3. leading: "X said (that) …", "X told reporters (that) …", "X said: “…”"
        let mut k = ce;
        if matches!(w, "told" | "tells" | "tell" | "telling" | "asked" | "asks") {
            // the hearer: a phrase up to "that", ":" or a quotation
            let mut j = ce;
            let lim = ce + 8;
            while j < lim && j < s_end {
                if matches!(self.word(j), "that" | "how" | "why" | "whether" | "what")
                    || (j > ce + 1 && self.word(j) == "to")
                    || self.is_punct(j, ":")
                    || self.is_punct(j, ",")
                    || self.tok(j).is_some_and(|t| t.is(T_QOPEN))
                {
                    break;
                }
                j += 1;
            }
            if j >= lim || j >= s_end {
                return None;
            }
            k = j;
        } else {
            // adverbials before "that": "said on Tuesday that", "said in a statement that"
            let lim = (ce + 16).min(s_end);
            let adverbial = self.is_punct(ce, ",")
                || self.in_list(ce, ADVERBIAL_START)
                || self.tok(ce).is_some_and(|t| t.is(T_CAP));
            if adverbial && let Some(j) = (ce..lim).find(|&j| self.word(j) == "that") {
                let clean = (ce..j).all(|x| {
                    self.tok(x)
                        .is_some_and(|t| t.is(T_WORD) || self.is_punct(x, ","))
                        && self.cue_at(x).is_none()
                });
                if clean {
                    k = j;
                }
            }
        }
        if self.is_punct(k, ",") && self.in_list(k + 1, CLAUSE_BREAK) {
            return None;
        }
        if ce == c + 1
            && AMBIGUOUS.contains(&w)
            && !(matches!(self.word(k), "that")
                || self.is_punct(k, ":")
                || self.is_punct(k, ",")
                || self.tok(k).is_some_and(|t| t.is(T_QOPEN)))
        {
            return None;
        }
        while self.is_punct(k, ",") || self.is_punct(k, ":") || self.word(k) == "that" {
            k += 1;
        }
        if self.word(k) == "reports" && self.word(k + 1) == "that" {
            // "denied reports that …"
            k += 2;
        }
        let colon = self.is_punct(k.wrapping_sub(1), ":");
        let (end, direct) = if colon && self.tok(k).is_some_and(|t| t.is(T_QOPEN)) {
            self.content_from(k)
        } else if colon
            && k == s_end
            && let Some(t) = self.tok(k)
            && self.tok(k - 1).is_some_and(|p| p.para != t.para)
        {
            // "X continued:" and the next paragraph is what was said
            if t.is(T_QOPEN) {
                self.content_from(k)
            } else {
                let mut e = k;
                while self.tok(e).is_some_and(|x| x.para == t.para) {
                    e += 1;
                }
                (e, matches!(self.raw_word(k), "\"" | "“"))
            }
        } else if k >= s_end {
            return None;
        } else {
            self.content_from(k)
        };
        let (a, b) = self.trim(k, end);
        if b <= a + 1 {
            return None;
        }
        // the content must read as a clause, not "said goodbye"
        if !direct && b - a < 3 {
            return None;
        }
        self.raw(Some(speaker), cue_span, stance, a, b, direct)
    }

    /// The subject of the sentence from token `s_start` up to token `c`: a phrase at its
    /// start, else the first pronoun or phrase naming an actor that opens a clause
    /// ("During the speech, Trump attacked …, saying …").
    fn sentence_subject(&self, s_start: usize, c: usize) -> Option<Span> {
        if let Some(e) = self.np_after(s_start) {
            return Some(self.span(s_start, e));
        }
        for k in s_start + 1..c {
            if !self.is_punct(k - 1, ",") {
                continue;
            }
            if let Some(e) = self.np_after(k).filter(|&e| e <= c) {
                let sp = self.span(k, e);
                if self.in_list(k, PRONOUNS) || self.names_actor(sp) {
                    return Some(sp);
                }
            }
        }
        None
    }

    /// Whether the words from token `i` on (to `s_end`) read as what was said: "that",
    /// a colon or a quotation, or a clause that opens with no adverbial word.
    fn tail_is_content(&self, i: usize, s_end: usize) -> bool {
        if i >= s_end {
            return false;
        }
        let Some(t) = self.tok(i) else { return false };
        if self.word(i) == "that" || self.is_punct(i, ":") || t.is(T_QOPEN) {
            return true;
        }
        if self.is_punct(i, ",") {
            return self.tok(i + 1).is_some_and(|n| n.is(T_QOPEN));
        }
        t.is(T_WORD) && !self.in_list(i, ADVERBIAL_START)
    }

    /// The end of a loosely read speaker phrase from token `i`: up to twelve words (with
    /// initials, hyphens, brackets and "/"), ending at a comma or the sentence end.
    fn loose_speaker_after(&self, i: usize, s_end: usize) -> Option<usize> {
        let mut j = i;
        while j < s_end && j < i + 12 {
            let t = self.tok(j)?;
            if t.quoted() || t.is(T_QOPEN) || t.is(T_QCLOSE) || self.is_punct(j, ",") {
                break;
            }
            if !t.is(T_WORD) && !matches!(self.raw_word(j), "(" | ")" | "/" | "-") {
                break;
            }
            j += 1;
        }
        let end_ok =
            j >= s_end || self.is_punct(j, ",") || self.tok(j).is_some_and(|t| t.is(T_END));
        let capital = (i..j).any(|k| self.tok(k).is_some_and(|t| t.is(T_CAP)));
        (j > i && end_ok && capital && self.cue_free(i, j)).then_some(j)
    }

    /// The first token of the words between a quotation that closes (in the sentence
    /// from `s_start`, at most twelve tokens back) and token `before`, when they are only
    /// words, initials and brackets naming someone.
    fn loose_speaker_before(&self, before: usize, s_start: usize) -> Option<usize> {
        let lim = before.saturating_sub(13).max(s_start.saturating_sub(1));
        let mut k = before;
        while k > lim {
            let p = k - 1;
            let t = self.tok(p)?;
            if t.is(T_QCLOSE) {
                let mut a = k;
                while self.is_punct(a, ",") {
                    a += 1;
                }
                let capital = (a..before).any(|x| self.tok(x).is_some_and(|t| t.is(T_CAP)));
                return (a < before && capital && self.cue_free(a, before)).then_some(a);
            }
            let word_ok = t.is(T_WORD)
                && (self.np_word(p)
                    || self.in_list(p, DETERMINERS)
                    || (!t.is(T_CAP)
                        && !common_not_head().contains(self.word(p))
                        && !self.in_list(p, INNER)
                        && !self.word(p).ends_with("ly")));
            if t.quoted() || !(word_ok || matches!(self.raw_word(p), "(" | ")" | "/" | "-")) {
                return None;
            }
            k = p;
        }
        None
    }

    /// The token of the opening mark of the quotation whose closing mark is token `k - 1`.
    fn quote_open_before(&self, k: usize) -> Option<usize> {
        let close = self.tok(k.checked_sub(1)?)?;
        if !close.is(T_QCLOSE) {
            return None;
        }
        let q = self.quotes.iter().find(|q| q.close == close.end as usize)?;
        Some(self.toks.partition_point(|t| (t.start as usize) < q.open))
    }

    /// Whether a quotation closes just before token `k` (over commas and dashes).
    fn quote_closes_before(&self, k: usize) -> bool {
        let mut b = k;
        while b > 0
            && (self.is_punct(b - 1, ",") || self.is_punct(b - 1, "—") || self.is_punct(b - 1, "–"))
        {
            b -= 1;
        }
        let para = self.tok(k).map(|t| t.para);
        b > 0
            && self
                .tok(b - 1)
                .is_some_and(|t| t.is(T_QCLOSE) && Some(t.para) == para)
    }

    /// The comma (or a short adjunct) after token `after` opening a quotation.
    fn quote_follows(&self, after: usize) -> Option<usize> {
        (after..after + 4)
            .find(|&k| self.tok(k).is_some_and(|t| t.is(T_QOPEN)))
            .filter(|&k| {
                (after..k)
                    .all(|x| self.tok(x).is_some_and(|t| t.is(T_WORD)) || self.is_punct(x, ","))
            })
    }

    /// A trailing attribution followed by a quotation ("As the phone rang, the announcer
    /// said, “…”") is a leading one unless a quotation also closes before it ("“A,” he
    /// said, “B.”").
    fn trailing_fits(&self, at: usize, after: usize) -> bool {
        if self.quote_follows(after).is_none() {
            return true;
        }
        let mut b = at;
        while b > 0 && (self.is_punct(b - 1, ",") || self.is_punct(b - 1, "—")) {
            b -= 1;
        }
        b > 0 && self.tok(b - 1).is_some_and(|t| t.is(T_QCLOSE))
    }

    /// An interrupted quotation: the content runs on to the close of the quotation that
    /// follows the attribution.
    fn and_quote_after(&self, r: Option<Raw>, after: usize) -> Option<Raw> {
        let mut r = r?;
        if let Some(k) = self.quote_follows(after)
            && let Some(t) = self.tok(k)
            && let Some(q) = self.quotes.iter().find(|q| q.open == t.start as usize)
        {
            r.content.end = r.content.end.max(q.inner.end);
            r.direct = true;
        }
        Some(r)
    }

    /// Whether tokens `[i, s_end)` after a trailing attribution are only a short
    /// adjunct ("on Tuesday", "in a statement", "told reporters") and the sentence end,
    /// or a comma that goes on to a quotation.
    fn tail_ok(&self, i: usize, s_end: usize) -> bool {
        if i >= s_end {
            return true;
        }
        if self.is_punct(i, ",") && self.tok(i + 1).is_some_and(|t| t.is(T_QOPEN)) {
            return true;
        }
        // "said Friday afternoon, as they bristled at …": a short adverbial, then a
        // subordinate or participial clause set off by a comma, says nothing itself
        let mut k = i;
        while k < s_end && k < i + 4 && !self.is_punct(k, ",") {
            let adverbial = self.in_list(k, ADVERBIAL_START)
                || matches!(self.word(k), "afternoon" | "morning" | "evening" | "night");
            if !adverbial {
                break;
            }
            k += 1;
        }
        if self.is_punct(k, ",")
            && (matches!(
                self.word(k + 1),
                "as" | "while" | "after" | "before" | "when" | "because" | "though" | "although"
            ) || self.word(k + 1).ends_with("ing"))
            && !(k + 1..s_end).any(|x| self.tok(x).is_some_and(|t| t.is(T_QOPEN)))
        {
            return true;
        }
        if s_end - i > 9 {
            // an appositive: ", the minister, who …" — no clause of its own
            return self.is_punct(i, ",")
                && s_end - i < 30
                && !(i + 1..s_end)
                    .any(|k| self.word(k) == "that" || self.tok(k).is_some_and(|t| t.is(T_QOPEN)));
        }
        !(i..s_end).any(|k| self.word(k) == "that" || self.tok(k).is_some_and(|t| t.is(T_QOPEN)))
    }

    /// The content of a trailing attribution at token `at`: the quotation that closes
    /// just before, else the sentence from its start to the comma.
    fn content_before(
        &self,
        at: usize,
        speaker: Option<Span>,
        cue: Span,
        stance: Stance,
        s_start: usize,
    ) -> Option<Raw> {
        let mut b = at;
        while b > 0
            && (self.is_punct(b - 1, ",") || self.is_punct(b - 1, "—") || self.is_punct(b - 1, "–"))
        {
            b -= 1;
        }
        if b > 0 && self.tok(b - 1).is_some_and(|t| t.is(T_QCLOSE)) {
            // back to the opening mark of that quotation
            let close = self.tok(b - 1)?;
            let q = self
                .quotes
                .iter()
                .rposition(|q| q.close == close.end as usize)?;
            let open = self.quotes.get(q)?.open;
            let a = self.toks.partition_point(|t| (t.start as usize) < open);
            // mixed: "X said that “…,” he added" keeps the words before the mark
            // (not over another attribution: "X said she felt … “…,” she said")
            let a = if a > s_start
                && !self.toks[s_start..a].iter().any(|t| t.is(T_QCLOSE))
                && (s_start..a).all(|k| self.cue_at(k).is_none())
            {
                s_start
            } else {
                a
            };
            let (a, bb) = self.trim(a, b);
            return self.raw(speaker, cue, stance, a, bb, true);
        }
        let (a, bb) = self.trim(s_start, b);
        if bb <= a + 2 {
            return None;
        }
        let direct = (a..bb).any(|k| self.tok(k).is_some_and(|t| t.is(T_QOPEN)));
        self.raw(speaker, cue, stance, a, bb, direct)
    }

    fn raw(
        &self,
        speaker: Option<Span>,
        cue: Span,
        stance: Stance,
        a: usize,
        b: usize,
        direct: bool,
    ) -> Option<Raw> {
        if b <= a {
            return None;
        }
        let mut content = self.span(a, b);
        // a content that starts at an opening mark and ends at its close: inside the marks
        if let Some(q) = self.quotes.iter().find(|q| q.open == content.start)
            && q.close == content.end
        {
            content = q.inner;
            let t = content.slice(self.text);
            let trimmed = t.trim_end_matches([',', ' ', '\n']);
            content = Span::new(content.start, content.start + trimmed.len());
        }
        if content.is_empty() {
            return None;
        }
        Some(Raw {
            speaker,
            cue,
            cue_stance: stance,
            content,
            direct,
            nominal: false,
        })
    }

    /// "NAME: content" at the start of a paragraph (transcripts, headlines): a direct
    /// claim of NAME when NAME is a name in capitals or a short capitalised phrase.
    fn colon_paragraphs(&self, out: &mut Vec<Raw>) {
        let mut i = 0;
        let n = self.toks.len();
        while i < n {
            let para = self.toks[i].para;
            let para_first = i;
            if self.toks[i].is(T_QOPEN) || matches!(self.raw_word(i), "\"" | "“") {
                i += 1;
            }
            // the name: up to four words, all capitalised
            let mut j = i;
            while j < n && j - i < 4 && self.toks[j].para == para && self.toks[j].is(T_CAP) {
                j += 1;
            }
            if j > i
                && self.is_punct(j, ":")
                && self.toks.get(j + 1).is_some_and(|t| t.para == para)
                && (self.toks[i..j].iter().all(|t| t.is(T_ALLCAPS))
                    || (j - i <= 3
                        && !self.word(j - 1).ends_with("'s")
                        && !self.word(j - 1).ends_with("’s")
                        && self.cue_free(i, j)
                        && self.names_actor(self.span(i, j))))
                && !(i..j).any(|k| RUBRICS.contains(&self.word(k)))
            {
                let mut e = j + 1;
                while e < n && self.toks[e].para == para {
                    e += 1;
                }
                let (a, b) = self.trim(j + 1, e);
                // a transcript's speaker in capitals says the words; a headline's "X: …"
                // paraphrases unless it opens a quotation
                let transcript = self.toks[i..j].iter().all(|t| t.is(T_ALLCAPS));
                let quoted = matches!(self.raw_word(a), "\"" | "“" | "‘" | "'");
                if b > a + 2 {
                    out.push(Raw {
                        speaker: Some(self.span(i, j)),
                        cue: self.span(j, j + 1),
                        cue_stance: Stance::Assert,
                        content: self.span(a, b),
                        direct: transcript || quoted,
                        nominal: false,
                    });
                }
            }
            // next paragraph
            i = para_first;
            while i < n && self.toks[i].para == para {
                i += 1;
            }
        }
    }

    /// Quotations no cue took: "“…” — Name." (a dash and a name after the close), and
    /// mixed quotes, where a sentence's subject says something with a quoted fragment in
    /// it ("Trump is calling the plan “a disaster.”"): the subject is the speaker, the
    /// words after its verb the content.
    fn dash_and_mixed(&self, out: &mut Vec<Raw>) {
        let mut add = Vec::new();
        for q in self.quotes.iter().filter(|q| q.closed) {
            let taken = out
                .iter()
                .chain(add.iter())
                .any(|r| r.content.start < q.close && q.open < r.content.end);
            if taken {
                continue;
            }
            let close = self.toks.partition_point(|t| (t.end as usize) < q.close);
            let open = self.toks.partition_point(|t| (t.start as usize) < q.open);
            // "“…” — Name."
            let mut d = close + 1;
            if self.is_punct(d, ",") {
                d += 1;
            }
            if matches!(self.raw_word(d), "—" | "―" | "–" | "-")
                && let Some(e) = self.np_after(d + 1)
                && self.tok(e).is_none_or(|t| {
                    t.para != self.toks[d].para
                        || t.is(T_END)
                        || t.is(T_QOPEN)
                        || self.is_punct(e, ",")
                })
            {
                add.push(Raw {
                    speaker: Some(self.span(d + 1, e)),
                    cue: self.span(d, d + 1),
                    cue_stance: Stance::Assert,
                    content: q.inner,
                    direct: true,
                    nominal: false,
                });
                continue;
            }
            // a mixed quote: subject, verb, content with the fragment
            let s_start = self.sentence_start(open);
            if s_start == open {
                continue;
            }
            let Some(np_end) = self.np_after(s_start) else {
                continue;
            };
            let sp = self.span(s_start, np_end);
            let pronoun = np_end == s_start + 1 && self.in_list(s_start, PRONOUNS);
            if !pronoun && !self.names_actor(sp) {
                continue;
            }
            let mut v = np_end;
            while self.in_list(v, ADVERBS) || matches!(self.word(v), "is" | "was" | "are" | "were")
            {
                v += 1;
            }
            let vt = self.tok(v);
            if v >= open || !vt.is_some_and(|t| t.is(T_WORD) && !t.is(T_CAP)) {
                continue;
            }
            let mut k = v + 1;
            if self.word(k) == "that" {
                k += 1;
            }
            let s_end = self.sentence_end(open).max(close + 1);
            let (a, b) = self.trim(k, s_end);
            if b <= a {
                continue;
            }
            add.push(Raw {
                speaker: Some(sp),
                cue: self.span(v, v + 1),
                cue_stance: Stance::Assert,
                content: self.span(a, b),
                direct: true,
                nominal: false,
            });
        }
        out.extend(add);
    }

    /// Whether `s` is (mostly) a mention of a person, organisation, government or group.
    fn names_actor(&self, s: Span) -> bool {
        use newsdesk_core::MentionKind as K;
        let from = self.mentions.partition_point(|m| m.span.end <= s.start);
        self.mentions
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.span.start < s.end)
            .any(|m| {
                matches!(
                    m.kind,
                    K::Person | K::Organization | K::Government | K::Group
                ) && m.span.len() * 2 >= s.len()
            })
    }

    fn cue_free(&self, a: usize, b: usize) -> bool {
        (a..b).all(|k| self.cue_at(k).is_none())
    }

    /// A content that runs over a later attribution's speaker ("…, though he added that
    /// …") ends before that speaker.
    fn cut_nested(&self, out: &mut [Raw]) {
        // where each leading claim starts: its speaker when that is inside the content,
        // else its cue ("X said … and warned …")
        let spk: Vec<(Option<usize>, usize, usize)> = out
            .iter()
            .filter(|o| !o.cue.is_empty() && o.cue.start < o.content.start)
            .map(|o| (o.speaker.map(|s| s.start), o.cue.start, o.content.start))
            .collect();
        for r in out.iter_mut() {
            for &(sp, cue, cstart) in &spk {
                let s = match sp {
                    Some(x) if x > r.content.start && x < cue => x,
                    _ => cue,
                };
                // only at a clause break: "…, though he added", "… and warned"
                let at = self.toks.partition_point(|t| (t.start as usize) < s);
                let broken = at > 0
                    && (self.in_list(at - 1, CLAUSE_BREAK)
                        || self.word(at - 1) == "and"
                        || self.is_punct(at - 1, ",")
                        || self.is_punct(at - 1, ";")
                        || (at > 1
                            && self.tok(at - 1).is_some_and(|t| t.is(T_QCLOSE))
                            && self.is_punct(at - 2, ",")));
                if broken
                    && s > r.content.start
                    && s < r.content.end
                    && cstart > s
                    && cstart < r.content.end
                    && r.cue.start < r.content.start
                {
                    // cut at the speaker, then back over a clause break word and commas
                    let mut end = s;
                    let i = self.toks.partition_point(|t| (t.start as usize) < end);
                    let mut k = i;
                    while k > 0 {
                        let p = k - 1;
                        if self.in_list(p, CLAUSE_BREAK)
                            || self.word(p) == "and"
                            || self
                                .tok(p)
                                .is_some_and(|t| !t.is(T_WORD) && !t.is(T_QCLOSE))
                        {
                            k = p;
                        } else {
                            break;
                        }
                    }
                    if let Some(t) = self.tok(k.saturating_sub(1)) {
                        end = (t.end as usize).min(end);
                    }
                    if end > r.content.start {
                        r.content.end = end;
                    }
                }
            }
        }
    }

    /// A quotation no attribution took, opening its paragraph, with a claim in one of the
    /// two paragraphs before: the same speaker goes on.
    fn continued_quotes(&self, out: &mut [Raw]) {
        let mut add = Vec::new();
        for q in self.quotes {
            if !q.closed {
                continue;
            }
            let taken = out
                .iter()
                .any(|r| r.content.start < q.close && q.open < r.content.end);
            if taken || q.words(self.text) < 4 {
                continue;
            }
            let i = self.toks.partition_point(|t| (t.start as usize) < q.open);
            let Some(t) = self.tok(i) else { continue };
            let para_start = i == 0 || self.tok(i - 1).is_some_and(|p| p.para != t.para);
            // or a new sentence right after a claim's sentence: "“A,” she said. “B.”"
            let sent_start = i > 0 && self.tok(i - 1).is_some_and(|p| p.is(T_END));
            if !para_start && !sent_start {
                continue;
            }
            let prev = out
                .iter()
                .rev()
                .find(|r| r.content.end <= q.open && r.speaker.is_some());
            let Some(prev) = prev else { continue };
            let pi = self
                .toks
                .partition_point(|x| (x.start as usize) < prev.content.start);
            let pp = self.tok(pi).map_or(0, |x| x.para);
            let ci = self
                .toks
                .partition_point(|x| (x.start as usize) < prev.cue.start.max(prev.content.start));
            let cp = self.tok(ci).map_or(0, |x| x.para);
            if para_start && (t.para > pp + 2 || !prev.direct) {
                continue;
            }
            if !para_start && cp != t.para {
                continue;
            }
            // one utterance goes on: the previous claim's content extends over it
            let _ = prev;
            add.push(q.inner.end);
        }
        for end in add {
            if let Some(r) = out
                .iter_mut()
                .rev()
                .find(|r| r.content.end <= end && r.speaker.is_some())
            {
                r.content.end = r.content.end.max(end);
                r.direct = true;
            }
        }
    }

    /// The synonym groups the words of `content` name (see [`disputes`]), in order of first
    /// use, read from the lower-cased tokens.
    fn groups(&self, content: Span) -> Vec<usize> {
        let mut out = Vec::new();
        let from = self
            .toks
            .partition_point(|t| (t.start as usize) < content.start);
        for k in from..self.toks.len() {
            let Some(t) = self.tok(k) else { break };
            if t.end as usize > content.end {
                break;
            }
            if t.is(T_WORD)
                && let Some(g) = disputes::group_of_word(self.word(k))
                && !out.contains(&g)
            {
                out.push(g);
            }
        }
        out
    }

    /// The finished claim: texts, the speaker's actor, the stance and the evidence; and
    /// whether its content is negated.
    fn finish(
        &self,
        r: Raw,
        sentences: &[Span],
        mentions: &[Mention],
        article: &newsdesk_core::ArticleId,
    ) -> (Claim, bool) {
        let ts = |s: Span| TextSpan {
            text: s.slice(self.text).to_string(),
            start: s.start,
            end: s.end,
        };
        let speaker = r.speaker.map(|s| Speaker {
            text: s.slice(self.text).to_string(),
            start: s.start,
            end: s.end,
            actor: speaker_actor(s, self.text, mentions),
        });
        let content = r.content.slice(self.text);
        let marks = stance::markers(self.lex, content);
        let stance = stance::stance_with(r.cue_stance, content, marks);
        let at = if r.cue.is_empty() {
            r.content.start
        } else {
            r.cue.start
        };
        let sentence = sentences
            .partition_point(|s| s.end <= at)
            .min(sentences.len().saturating_sub(1));
        let mut lo = r.content.start.min(r.cue.start);
        let mut hi = r.content.end.max(r.cue.end);
        if let Some(s) = r.speaker {
            lo = lo.min(s.start);
            hi = hi.max(s.end);
        }
        let claim = Claim {
            speaker,
            cue: ts(r.cue),
            content: ts(r.content),
            direct: r.direct,
            stance,
            evidence: Evidence {
                article: article.clone(),
                sentence,
                span: Span::new(lo, hi),
            },
        };
        (claim, marks.0)
    }
}

/// Two claims on (mostly) the same content are one: keep the first found that has a
/// speaker.
fn dedupe(out: &mut Vec<Raw>, text: &str) {
    // (a claim with a nominal cue, "Y's claim that", kept inside another's content)
    let mut keep: Vec<Raw> = Vec::with_capacity(out.len());
    for r in out.drain(..) {
        let dup = keep.iter_mut().find(|k| {
            let ov = k
                .content
                .end
                .min(r.content.end)
                .saturating_sub(k.content.start.max(r.content.start));
            let short = k.content.len().min(r.content.len()).max(1);
            // "X rejected Y's claim that P": Y's claim lies inside X's, both stand
            let nested = k.speaker != r.speaker
                && k.content.contains(r.cue)
                && r.speaker.is_some_and(|sp| k.content.contains(sp))
                && r.nominal;
            ov * 2 >= short && !nested
        });
        match dup {
            Some(k) => {
                // "Iran denied that …, officials said": the inner claim, when it takes a
                // stance of its own, says more than the outer one
                // — but "X said that she thinks …" stays X's: a pronoun inside a leading
                // attribution is X again
                let pronoun_inside = r.speaker.is_some_and(|s| {
                    let w = s.slice(text).to_ascii_lowercase();
                    PRONOUNS.contains(&w.as_str())
                        && k.cue.start < k.content.start
                        && k.content.contains(s)
                });
                let inner = !r.cue.is_empty()
                    && k.content.contains(r.cue)
                    && r.cue_stance != Stance::Assert
                    && !pronoun_inside;
                if (k.speaker.is_none() && r.speaker.is_some()) || inner {
                    *k = r;
                }
            }
            None => keep.push(r),
        }
    }
    *out = keep;
}

/// The actor of the speaker phrase: the mention that overlaps it most (the last one on a
/// tie, the head of "the U.S. envoy"); an anonymous source ("a senior official",
/// "sources") gets an actor whose role is the phrase.
fn speaker_actor(s: Span, text: &str, mentions: &[Mention]) -> Option<Actor> {
    let from = mentions.partition_point(|m| m.span.end <= s.start);
    let mut best: Option<(&Mention, usize)> = None;
    for m in mentions.get(from..).unwrap_or(&[]) {
        if m.span.start >= s.end {
            break;
        }
        let ov = m
            .span
            .end
            .min(s.end)
            .saturating_sub(m.span.start.max(s.start));
        if ov > 0 && best.is_none_or(|(_, b)| ov >= b) {
            best = Some((m, ov));
        }
    }
    if let Some((m, _)) = best
        && let Some(a) = &m.actor
    {
        return Some(a.clone());
    }
    let phrase = s.slice(text);
    let lower = phrase.to_ascii_lowercase();
    let anonymous = lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "official"
                | "officials"
                | "source"
                | "sources"
                | "aide"
                | "aides"
                | "diplomat"
                | "diplomats"
                | "people"
                | "person"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
        )
    });
    if !anonymous {
        return None;
    }
    let role = lower
        .trim_start_matches("a ")
        .trim_start_matches("an ")
        .trim_start_matches("the ")
        .to_string();
    let slug: String = role
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    Some(Actor {
        id: format!("anonymous:{slug}"),
        name: phrase.to_string(),
        code: "---".to_string(),
        country: None,
        role: Some(role),
    })
}
