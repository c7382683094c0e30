//! From tokens and dictionary matches to mentions: the patterns (titles, possessives,
//! adjective + sector, metonyms, compounds) and the classifier of unknown capitalised
//! names.
//!
//! One left-to-right walk over the tokens. At each token, in this order:
//! 1. a dictionary match starting there is read with what follows it: a sector term
//!    ("Iranian lawmakers" → `IRNLEG`), a title ("US President Donald Trump",
//!    "Iran's foreign minister, Abbas Araghchi"), an organisation word ("Iran Air"); a
//!    capital is a place after "in"/"at"/... and in datelines, else its government;
//! 2. a title followed by a name ("Foreign Minister Abbas Araghchi") makes a person with
//!    that role; a title after a country and without a name ("the Iranian foreign
//!    minister") names the role's holder on the publication date when the dictionary
//!    knows them;
//! 3. an honorific ("Mr.", "Dr.") makes the next name a person;
//! 4. any other capitalised word starts a candidate name (capitalised words, name
//!    particles, "of" after an organisation or place word: "Bank of Japan"), classified
//!    afterwards.
//!
//! The classifier gives each candidate votes for person, organisation, place and other
//! from its context (honorifics and person nouns before it, first names, organisation
//! and place words inside it, "in"/"at" before it, "who" or an age after it, datelines,
//! sports-results lines...), sums the votes of all candidates with the same text in the
//! article (one name keeps one kind through an article), lets a lone surname follow the
//! full name it ends, and takes the best kind; without any vote, a name of two or more
//! words is a person and a single word an organisation.

use super::dict::{Dictionary, Standing};
use super::gazetteer::{GazMatch, Sense};
use super::lexicon::{Cue, EXTRA_TITLES, Gender, Lexicon, UNIQUE_ROLES, WordMap, WordSet};
use super::tokens::{
    self, ABBR, CAP, CAPS, DIGIT, LOWER, OPEN, POSS, SENT_START, Tok, UPPER, WORD,
};
use super::{Ner, Recogniser};
use chrono::NaiveDate;
use newsdesk_core::text::fnv1a;
use newsdesk_core::{MentionKind, Span};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Who a found mention refers to, before it is turned into an [`newsdesk_core::Actor`].
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    Country(u32),
    /// A country's institution ("Iranian lawmakers", "the Pentagon"), or a sector alone
    /// ("rebels").
    Sector {
        country: Option<u32>,
        sector: String,
    },
    Igo(u32),
    Group(u32),
    /// A person of the dictionary.
    Person(u32),
    /// A PETRARCH entry.
    Named(u32),
    /// A name no dictionary knows (its text is the name), with what the context told.
    Unknown {
        country: Option<u32>,
        /// The title before or after the name (index into [`Titles::list`]).
        title: Option<u32>,
        former: bool,
    },
    /// A role whose holder the dictionary does not know ("the Iranian foreign minister").
    Role {
        country: u32,
        title: u32,
    },
    /// The same actor as an earlier found mention (coreference).
    Same(usize),
}

/// A mention as the recogniser finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The mention's byte span.
    pub span: Span,
    /// What the mention names, as the text uses it.
    pub kind: MentionKind,
    /// Who it refers to.
    pub who: Who,
    /// The proper name inside the mention and its CoNLL type (for `eval ner`).
    pub name: Option<(Span, Ner)>,
    /// A country or adjective modifying it ("Iranian" in "Iranian lawmakers").
    pub modifier: Option<(Span, Ner)>,
    /// For pronouns: from honorifics, titles and first names.
    pub gender: Gender,
    /// Index of its sentence (the evidence).
    pub sent: u32,
}

/// A candidate name awaiting classification.
struct Cand {
    found: usize,
    key: u64,
    last_key: u64,
    ntok: usize,
    votes: [f32; 4],
    gender: Gender,
    /// A single word whose capital says nothing (a sentence opener, a headline word).
    weak: bool,
}

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;
const MISC: usize = 3;

/// Lower-case function words that may not stand between an adjective and its sector term.
const FUNCTION: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "that", "which", "who", "as", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "not", "said", "says", "it", "its", "their", "they",
];

/// Capitalised words that are never names, besides the weekday and month names
/// ([`newsdesk_core::date`]): month abbreviations, units, and the like.
const NOT_NAMES: &[&str] = &[
    "may", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.",
    "dec.", "i", "a", "ok", "tv", "gdp", "dna", "ceo", "cfo", "ai", "pm", "am", "a.m.", "p.m.",
    "gmt", "utc", "et", "edt", "est", "pdt", "pst", "bst", "cet", "usd", "ipo", "km", "kg", "mph",
];

/// [`FUNCTION`] as a set.
fn function_words() -> &'static WordSet<&'static str> {
    static S: OnceLock<WordSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| FUNCTION.iter().copied().collect())
}

/// [`NOT_NAMES`] and the day and month names as a set.
fn not_names() -> &'static WordSet<&'static str> {
    static S: OnceLock<WordSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        newsdesk_core::date::WEEKDAY_NAMES
            .iter()
            .chain(&newsdesk_core::date::MONTH_NAMES)
            .chain(NOT_NAMES)
            .copied()
            .collect()
    })
}

/// The walk's state for one text.
pub struct Walk<'a> {
    pub(super) rec: &'a Recogniser,
    pub(super) lex: &'static Lexicon,
    pub(super) text: &'a str,
    pub(super) toks: &'a [Tok],
    gaz: &'a [GazMatch],
    /// For each token, the dictionary match starting at its first byte (`u32::MAX`: none).
    gaz_at: Vec<u32>,
    pub(super) date: Option<NaiveDate>,
    /// The mentions found so far, in text order after coreference.
    pub found: Vec<Found>,
    cands: Vec<Cand>,
    /// Hashes of the lower-case words of the text, sorted: a capitalised word that also
    /// appears in lower case is a common word.
    lower_vocab: Vec<u64>,
    /// Each token's lower case ([`Lexicon::lower`] of its text) as a byte range of
    /// `lowered`; `u32::MAX` as the start: it has none.
    low: Vec<(u32, u32)>,
    lowered: String,
}

/// Hash of the lower-cased text (ASCII folding), for grouping candidates.
fn key_of(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl<'a> Walk<'a> {
    /// Prepare a walk over `toks` with the dictionary matches `gaz` of `text`.
    pub fn new(
        rec: &'a Recogniser,
        text: &'a str,
        toks: &'a [Tok],
        gaz: &'a [GazMatch],
        date: Option<NaiveDate>,
    ) -> Self {
        let mut gaz_at = vec![u32::MAX; toks.len()];
        let mut g = 0usize;
        for (i, t) in toks.iter().enumerate() {
            while g < gaz.len() && gaz[g].start < t.start as usize {
                g += 1;
            }
            if g < gaz.len() && gaz[g].start == t.start as usize {
                gaz_at[i] = g as u32;
            }
        }
        let mut lower_vocab: Vec<u64> = toks
            .iter()
            .filter(|t| t.is(WORD | LOWER))
            .map(|t| fnv1a(t.text(text).as_bytes()))
            .collect();
        lower_vocab.sort_unstable();
        lower_vocab.dedup();
        let mut low = Vec::with_capacity(toks.len());
        let mut lowered = String::with_capacity(text.len());
        for t in toks {
            let word = t.text(text);
            if word.is_ascii() && word.len() <= 64 {
                // what `Lexicon::lower` gives, written in place
                let a = lowered.len();
                lowered.push_str(word);
                if let Some(l) = lowered.get_mut(a..) {
                    l.make_ascii_lowercase();
                }
                low.push((a as u32, lowered.len() as u32));
                continue;
            }
            let mut buf = [0u8; 64];
            match Lexicon::lower(word, &mut buf) {
                Some(l) => {
                    let a = lowered.len() as u32;
                    lowered.push_str(l);
                    low.push((a, lowered.len() as u32));
                }
                None => low.push((u32::MAX, 0)),
            }
        }
        Walk {
            rec,
            lex: Lexicon::get(),
            text,
            toks,
            gaz,
            gaz_at,
            date,
            found: Vec::with_capacity(toks.len() / 8 + 4),
            cands: Vec::new(),
            lower_vocab,
            low,
            lowered,
        }
    }

    /// [`Lexicon::lower`] of token `i`'s text (of "" past the end), computed once.
    #[inline]
    pub(super) fn low(&self, i: usize) -> Option<&str> {
        match self.low.get(i) {
            Some(&(a, b)) if a != u32::MAX => self.lowered.get(a as usize..b as usize),
            Some(_) => None,
            None => Some(""),
        }
    }

    pub(super) fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    pub(super) fn t(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    pub(super) fn flags(&self, i: usize) -> u16 {
        self.toks.get(i).map_or(0, |t| t.flags)
    }

    /// Whether token `i` is the lower-case word `w` (any case).
    pub(super) fn is_word(&self, i: usize, w: &str) -> bool {
        self.t(i).eq_ignore_ascii_case(w)
    }

    fn in_set(&self, i: usize, set: &WordSet<&'static str>) -> bool {
        self.low(i).is_some_and(|l| set.contains(l))
    }

    fn is_common(&self, i: usize) -> bool {
        match self.low(i) {
            Some(l) => {
                self.lex.common.contains(l)
                    || self.lower_vocab.binary_search(&fnv1a(l.as_bytes())).is_ok()
            }
            None => false,
        }
    }

    fn first_name(&self, i: usize) -> Option<Gender> {
        self.low(i)
            .and_then(|l| self.lex.first_names.get(l).copied())
    }

    /// The dictionary match starting at token `i`, if any.
    pub(super) fn gaz_at(&self, i: usize) -> Option<GazMatch> {
        let g = *self.gaz_at.get(i)?;
        self.gaz.get(g as usize).copied()
    }

    fn sense(&self, m: &GazMatch) -> Sense {
        self.rec.gaz.aliases[m.alias as usize].sense
    }

    /// Index of the first token starting at or after byte `end`.
    pub(super) fn tok_after(&self, from: usize, end: usize) -> usize {
        let mut j = from;
        while j < self.toks.len() && (self.toks[j].start as usize) < end {
            j += 1;
        }
        j
    }

    /// `tok_after(0, end)` by binary search (the tokens are in text order).
    pub(super) fn tok_at_or_after(&self, end: usize) -> usize {
        self.toks.partition_point(|t| (t.start as usize) < end)
    }

    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if b > a => Span::new(x.start as usize, y.end as usize),
            _ => Span::default(),
        }
    }

    pub(super) fn sent(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(0, |t| t.sent)
    }

    /// The title starting at token `i` (longest, up to four words): its end and its index
    /// in [`Titles::list`]. Titles written with capitals in the dictionary ("Gen.",
    /// "Speaker") match only as written (or in an all-caps sentence).
    pub(super) fn title_at(&self, i: usize) -> Option<(usize, u32)> {
        let t = self.tok(i)?;
        if !t.is(WORD) || t.is(DIGIT) {
            return None;
        }
        let titles = &self.rec.titles;
        let first = self.low(i)?;
        if !titles.first.contains(first) {
            return None;
        }
        let mut key = [0u8; 64];
        let mut orig = [0u8; 64];
        let mut best = None;
        let mut len = 0usize;
        for k in 0..4 {
            let Some(tk) = self.tok(i + k) else { break };
            if !tk.is(WORD) || (k > 0 && tk.sent != t.sent) {
                break;
            }
            let word = self.t(i + k);
            let Some(w) = self.low(i + k) else {
                break;
            };
            let need = w.len() + usize::from(k > 0);
            if len + need > key.len() || w.len() != word.len() {
                break;
            }
            if k > 0 {
                key[len] = b' ';
                orig[len] = b' ';
                len += 1;
            }
            key[len..len + w.len()].copy_from_slice(w.as_bytes());
            orig[len..len + w.len()].copy_from_slice(word.as_bytes());
            len += w.len();
            let (Ok(lk), Ok(ok)) = (
                std::str::from_utf8(&key[..len]),
                std::str::from_utf8(&orig[..len]),
            ) else {
                break;
            };
            if let Some(ids) = titles.index.get(lk) {
                let caps = tk.is(CAPS);
                if let Some(&id) = ids.iter().find(|&&id| {
                    titles.list[id as usize]
                        .exact
                        .as_deref()
                        .is_none_or(|e| caps || e == ok)
                }) {
                    best = Some((i + k + 1, id));
                }
            }
        }
        best
    }

    /// Whether token `i` can start a name.
    fn name_start(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if !t.is(WORD) || t.is(DIGIT) || self.in_set_not_name(i) {
            return false;
        }
        if t.is(CAPS) {
            // a headline: case says nothing; common words are not names
            return t.is(UPPER) && !self.is_common(i) && has_letters(self.t(i), 2);
        }
        if !t.is(CAP) || !(has_letters(self.t(i), 2) || t.is(ABBR)) {
            return false; // a single letter is a name only as an initial ("J.")
        }
        if t.is(SENT_START) && self.is_common(i) {
            // "Will Smith": a common word that is also a first name, before a capital
            return self.first_name(i).is_some()
                && self
                    .tok(i + 1)
                    .is_some_and(|n| n.is(CAP) && n.sent == t.sent);
        }
        true
    }

    fn in_set_not_name(&self, i: usize) -> bool {
        self.low(i).is_some_and(|l| not_names().contains(l))
    }

    /// Whether token `i` continues a name (same sentence, capitalised).
    fn name_continues(&self, i: usize, sent: u32) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.sent != sent || !t.is(WORD) || t.is(DIGIT) {
            return false;
        }
        if t.is(CAPS) {
            return t.is(UPPER) && !self.is_common(i) && has_letters(self.t(i), 1);
        }
        t.is(CAP) && !self.in_set_not_name(i) && (has_letters(self.t(i), 2) || t.is(ABBR))
    }

    /// The end of the name starting at `i` (exclusive). Stops at punctuation, lower-case
    /// words (except particles and "of"/"&" joins), dictionary matches (except after a
    /// join) and titles followed by a name.
    fn name_end(&self, i: usize) -> usize {
        let sent = self.sent(i);
        let mut j = i + 1;
        loop {
            // "Bank of Japan", "Gulf of Oman", "Marks & Spencer", "Ali bin Hamad"
            let join = self.is_word(j, "of") || self.t(j) == "&" || self.is_particle(j);
            if join {
                let head_ok = self.t(j) == "&"
                    || self.is_particle(j)
                    || self.in_set(j - 1, &self.lex.org_heads)
                    || self.in_set(i, &self.lex.org_heads)
                    || self.in_set(i, &self.lex.loc_heads)
                    || self.is_tail(j - 1);
                if head_ok && self.name_continues(j + 1, sent) {
                    j += 2;
                    if let Some(g) = self.gaz_at(j - 1) {
                        j = self.tok_after(j - 1, g.end);
                    }
                    continue;
                }
                break;
            }
            if !self.name_continues(j, sent) {
                break;
            }
            if let Some(g) = self.gaz_at(j) {
                // "Dynamo Moscow", "Red Star Belgrade": a club named after its city
                let city = matches!(self.sense(&g), Sense::Place | Sense::Capital(_));
                if city && j > i && self.first_name(i).is_none() && self.flags(i) & CAPS == 0 {
                    j = self.tok_after(j, g.end);
                }
                break;
            }
            if let Some((te, _)) = self.title_at(j)
                && self.name_continues(te, sent)
            {
                break; // "Chelsea chairman Ken Bates" written "Chelsea Chairman Ken Bates"
            }
            j += 1;
        }
        j
    }

    fn is_tail(&self, i: usize) -> bool {
        self.low(i).is_some_and(|l| self.lex.tails.contains_key(l))
    }

    fn is_function(&self, i: usize) -> bool {
        self.low(i).is_some_and(|l| function_words().contains(l))
    }

    fn is_particle(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is(LOWER)) && self.in_set(i, &self.lex.particles)
    }

    fn push(&mut self, f: Found) -> usize {
        self.found.push(f);
        self.found.len() - 1
    }

    /// Walk the tokens.
    pub fn run(&mut self) {
        let n = self.toks.len();
        let mut i = 0usize;
        let mut g = 0usize; // next dictionary match
        while i < n {
            let t = self.toks[i];
            // dictionary matches inside this token but not at its start ("anti-Iran")
            while g < self.gaz.len() && self.gaz[g].start < t.start as usize {
                g += 1;
            }
            if let Some(m) = self.gaz_at(i) {
                let next = self.on_gaz(i, m);
                i = next.max(i + 1);
                continue;
            }
            if g < self.gaz.len() && (self.gaz[g].start as u32) < t.end {
                while g < self.gaz.len() && (self.gaz[g].start as u32) < t.end {
                    let m = self.gaz[g];
                    self.simple(m, i);
                    g += 1;
                }
                i += 1;
                continue;
            }
            if !t.is(WORD) {
                i += 1;
                continue;
            }
            if let Some((te, title)) = self.title_at(i) {
                if let Some(next) = self.on_title(i, te, title, None) {
                    i = next;
                    continue;
                }
                if t.is(CAP) && !t.is(CAPS) {
                    // "the President said": a title, not a name
                    i = te;
                    continue;
                }
            }
            let low = self.low(i).unwrap_or("");
            if let Some(&gender) = self.lex.honorifics.get(low)
                && (t.is(CAP) || t.is(CAPS))
                && self.name_continues(i + 1, t.sent)
            {
                i = self.person_name(i + 1, gender, 8.0);
                continue;
            }
            if t.is(LOWER)
                && self.lex.person_nouns.contains(low)
                && self.name_continues(i + 1, t.sent)
            {
                i = self.person_name(i + 1, Gender::Unknown, 4.0);
                continue;
            }
            if self.name_start(i) {
                let end = self.name_end(i);
                self.candidate(i, end, [0.0; 4], Gender::Unknown);
                i = end;
                continue;
            }
            i += 1;
        }
        self.classify();
    }

    /// A name known to be a person's (after an honorific or a person noun).
    fn person_name(&mut self, i: usize, gender: Gender, weight: f32) -> usize {
        if let Some(m) = self.gaz_at(i)
            && matches!(self.sense(&m), Sense::Person(_))
        {
            return self.on_gaz(i, m);
        }
        let end = self.name_end(i);
        let mut votes = [0.0; 4];
        votes[PER] = weight;
        self.candidate(i, end, votes, gender);
        end
    }

    /// Register a candidate name over tokens `[a, b)` with initial votes.
    fn candidate(&mut self, a: usize, b: usize, mut votes: [f32; 4], gender: Gender) {
        let span = self.span(a, b);
        if span.is_empty() {
            return;
        }
        let text = span.slice(self.text);
        self.context_votes(a, b, &mut votes);
        let gender = match gender {
            Gender::Unknown => self.first_name(a).unwrap_or(Gender::Unknown),
            g => g,
        };
        let f = self.push(Found {
            span,
            kind: MentionKind::Other,
            who: Who::Unknown {
                country: None,
                title: None,
                former: false,
            },
            name: Some((span, Ner::Misc)),
            modifier: None,
            gender,
            sent: self.sent(a),
        });
        self.cands.push(Cand {
            found: f,
            key: key_of(text),
            last_key: key_of(self.t(b - 1)),
            ntok: b - a,
            votes,
            gender,
            weak: b - a == 1 && self.flags(a) & (SENT_START | CAPS) != 0,
        });
    }

    /// The votes a candidate's own words and context give.
    fn context_votes(&self, a: usize, b: usize, v: &mut [f32; 4]) {
        let lex = self.lex;
        let ta = self.toks[a];
        let last = b - 1;
        let ntok = b - a;
        let last_low = self.low(last).unwrap_or("");
        // words inside
        match lex.tails.get(last_low) {
            Some(Cue::Org) => v[ORG] += 4.0,
            Some(Cue::Loc) => v[LOC] += 4.0,
            Some(Cue::Misc) => v[MISC] += 4.0,
            None => {}
        }
        if ntok > 1 && (self.in_set(a, &lex.org_heads) && (a..b).any(|k| self.is_word(k, "of"))) {
            v[ORG] += 3.0;
        }
        if ntok > 1 && self.in_set(a, &lex.loc_heads) {
            v[LOC] += 1.0;
        }
        if self.first_name(a).is_some() {
            v[PER] += if ntok > 1 { 3.0 } else { 1.0 };
        }
        if ntok > 1 && (a..b).any(|k| is_initial(self.t(k))) {
            v[PER] += 3.0;
        }
        if ntok > 1 && (a..b).any(|k| self.is_particle(k)) {
            v[PER] += 1.0;
        }
        let text = self.t(a);
        if ntok == 1 && !ta.is(CAPS) && ta.is(UPPER) && (2..=6).contains(&text.len()) {
            v[ORG] += 2.0;
        }
        if ntok == 1 && self.in_set(a, &lex.misc_words) {
            v[MISC] += 5.0;
        }
        if ntok == 1 && text.len() > 5 && self.first_name(a).is_none() {
            let l = text.to_ascii_lowercase();
            if l.ends_with("ian") || l.ends_with("ese") || l.ends_with("ish") {
                v[MISC] += 1.5;
            }
        }
        if ntok == 1 && ta.is(crate::actors::tokens::PLAIN) && has_digit(text) {
            v[MISC] += 1.0;
        }
        // before it
        let mut p = a;
        while p > 0 && self.in_set(p - 1, &lex.loc_modifiers) && self.sent(p - 1) == ta.sent {
            p -= 1;
        }
        if p > 0 && self.sent(p - 1) == ta.sent {
            let prev = self.low(p - 1).unwrap_or("");
            if matches!(prev, "in" | "at" | "near") {
                v[LOC] += 2.0;
            } else if lex.loc_preps.contains(prev) {
                v[LOC] += 1.0;
            }
            if prev == "the" {
                v[ORG] += if ntok > 1 { 1.0 } else { 0.5 };
            }
            if matches!(prev, "shares" | "stake" | "of" | "by") && prev != "of" {
                v[ORG] += 1.0;
            }
        }
        // after it
        let n1 = self.t(b);
        let n2 = self.t(b + 1);
        if n1 == "," && self.tok(b + 2).is_some_and(|t| t.is(DIGIT)) && self.t(b + 3) == "," {
            v[PER] += 3.0; // "Smith, 34,"
        }
        if n1.eq_ignore_ascii_case("who") || (n1 == "," && n2.eq_ignore_ascii_case("who")) {
            v[PER] += 2.0;
        }
        if n1 == ","
            && self.gaz_at(b + 1).is_some_and(|m| {
                matches!(
                    self.sense(&m),
                    Sense::Country(_) | Sense::Place | Sense::Capital(_)
                )
            })
            && ntok == 1
        {
            v[LOC] += 2.0; // "Springfield, Illinois"
        }
        if matches!(n1, "shares" | "Inc" | "Corp") {
            v[ORG] += 2.0;
        }
        // datelines: "LONDON 1996-08-30", "TEHRAN (Reuters) -", "KANANASKIS, Alta. -"
        if ta.is(SENT_START) && (ta.is(CAPS) || ta.is(UPPER)) {
            let nt = self.tok(b);
            if nt.is_some_and(|t| t.is(DIGIT) || t.is(OPEN))
                || matches!(n1, "-" | "—" | "–")
                || (n1 == "," && ta.is(UPPER) && !ta.is(CAPS) && ntok == 1)
            {
                v[LOC] += 3.0;
            }
        }
        // the agency in a dateline: "TEHRAN (Reuters) -", "KYIV, Ukraine (AP) —"
        if a >= 2
            && self.t(a - 1) == "("
            && n1 == ")"
            && ((self.flags(a - 2) & UPPER != 0 && self.flags(a - 2) & SENT_START != 0)
                || matches!(n2, "-" | "—" | "–" | "--"))
        {
            v[ORG] += 4.0;
        }
        if ntok > 1
            && self
                .gaz_at(last)
                .is_some_and(|m| matches!(self.sense(&m), Sense::Place | Sense::Capital(_)))
        {
            v[ORG] += 1.5;
        }
        // a title in quotes: "The Great Conflagration"
        let mut q = a;
        if q > 0 && self.is_word(q - 1, "the") {
            q -= 1;
        }
        if q > 0
            && matches!(self.t(q - 1), "\"" | "“")
            && matches!(n1, "\"" | "”" | ",")
            && !ta.is(SENT_START)
        {
            v[MISC] += 2.0;
        }
        // the next sentence goes on about "he" or "she"
        if let Some(next) = self.toks[b..].iter().position(|t| t.sent != ta.sent)
            && let Some(t) = self.tok(b + next)
            && t.sent == ta.sent + 1
            && matches!(t.text(self.text), "He" | "She")
        {
            v[PER] += 1.5;
        }
        // "Operation Rising Lion"
        if ntok > 1 && self.is_word(a, "operation") {
            v[MISC] += 4.0;
        }
    }

    /// Classify all candidates (see the module documentation) and fill in their kinds.
    fn classify(&mut self) {
        if self.cands.is_empty() {
            return;
        }
        // sports results: "Barnsley 1 Wolverhampton 2"
        let mut scored: HashMap<u32, usize> = HashMap::new();
        for c in &self.cands {
            let f = &self.found[c.found];
            let j = self.tok_at_or_after(f.span.end);
            if self.tok(j).is_some_and(|t| t.is(DIGIT) && t.sent == f.sent) {
                *scored.entry(f.sent).or_default() += 1;
            }
        }
        if !scored.is_empty() {
            for ci in 0..self.cands.len() {
                let f = &self.found[self.cands[ci].found];
                let j = self.tok_at_or_after(f.span.end);
                if scored.get(&f.sent).is_some_and(|&k| k >= 2)
                    && self.tok(j).is_some_and(|t| t.is(DIGIT))
                {
                    self.cands[ci].votes[ORG] += 1.5;
                }
            }
        }
        // surnames of people named in full (dictionary people and full-name candidates)
        let mut person_last: Vec<u64> = Vec::new();
        for f in &self.found {
            if let Who::Person(_) | Who::Unknown { title: Some(_), .. } = f.who
                && let Some((s, _)) = f.name
                && let Some(last) = s.slice(self.text).split(' ').next_back()
            {
                person_last.push(key_of(last));
            }
        }
        // group votes by text
        let mut groups: HashMap<u64, [f32; 4]> = HashMap::new();
        for c in &self.cands {
            let g = groups.entry(c.key).or_insert([0.0; 4]);
            for (x, v) in g.iter_mut().zip(c.votes) {
                *x += v;
            }
        }
        let label = |v: &[f32; 4], ntok: usize| -> usize {
            let (mut best, mut bv) = (usize::MAX, 0.0f32);
            for (k, &x) in v.iter().enumerate() {
                if x > bv {
                    best = k;
                    bv = x;
                }
            }
            if best == usize::MAX {
                if ntok > 1 { PER } else { ORG }
            } else {
                best
            }
        };
        // full names classified as people lend their kind to their lone surnames
        for c in &self.cands {
            if c.ntok > 1
                && let Some(g) = groups.get(&c.key)
                && label(g, c.ntok) == PER
            {
                person_last.push(c.last_key);
            }
        }
        person_last.sort_unstable();
        for c in &self.cands {
            if c.ntok == 1
                && person_last.binary_search(&c.key).is_ok()
                && let Some(g) = groups.get_mut(&c.key)
            {
                g[PER] += 3.0;
            }
        }
        // a lone sentence opener or headline word with no evidence at all, and not seen
        // elsewhere in the article, is not taken for a name
        let mut seen: HashMap<u64, (usize, usize)> = HashMap::new();
        for c in &self.cands {
            let e = seen.entry(c.key).or_default();
            e.0 += 1;
            e.1 += usize::from(!c.weak);
        }
        let mut drop = vec![false; self.found.len()];
        for c in &self.cands {
            let no_votes = groups
                .get(&c.key)
                .is_none_or(|g| g.iter().all(|&x| x <= 0.0));
            let alone = seen
                .get(&c.key)
                .is_none_or(|&(n, strong)| n == 1 || strong == 0);
            if c.weak && no_votes && alone {
                drop[c.found] = true;
            }
        }
        for ci in 0..self.cands.len() {
            let c = &self.cands[ci];
            if drop[c.found] {
                continue;
            }
            let l = groups.get(&c.key).map_or(ORG, |g| label(g, c.ntok));
            let (kind, ner) = match l {
                PER => (MentionKind::Person, Ner::Per),
                LOC => (MentionKind::Place, Ner::Loc),
                MISC => (MentionKind::Other, Ner::Misc),
                _ => (MentionKind::Organization, Ner::Org),
            };
            let gender = c.gender;
            let f = &mut self.found[c.found];
            f.kind = kind;
            f.gender = gender;
            if let Some((s, _)) = f.name {
                f.name = Some((s, ner));
            }
        }
        if drop.iter().any(|&d| d) {
            let mut k = 0;
            self.found.retain(|_| {
                k += 1;
                !drop[k - 1]
            });
            self.cands.clear();
        }
    }

    /// A dictionary match inside a token ("Iran" in "Iran-backed"): a plain mention.
    fn simple(&mut self, m: GazMatch, i: usize) {
        let span = Span::new(m.start, m.end);
        let sent = self.sent(i);
        let (kind, who, ner) = match self.sense(&m) {
            Sense::Country(c) => (MentionKind::Country, Who::Country(c), Ner::Loc),
            Sense::Adjective(c) | Sense::Plural(c) => {
                (MentionKind::Nationality, Who::Country(c), Ner::Misc)
            }
            Sense::Capital(c) => (MentionKind::Government, self.sector_who(c, "GOV"), Ner::Loc),
            Sense::Igo(g) => (MentionKind::Organization, Who::Igo(g), Ner::Org),
            Sense::Group(g) => (self.group_kind(g), Who::Group(g), Ner::Org),
            Sense::Person(p) => (MentionKind::Person, Who::Person(p), Ner::Per),
            Sense::Named(n) => self.named_kind(n),
            Sense::Seat(..) | Sense::SectorTerm(_) | Sense::Place => return,
        };
        self.push(Found {
            span,
            kind,
            who,
            name: Some((span, ner)),
            modifier: None,
            gender: Gender::Unknown,
            sent,
        });
    }

    fn sector_who(&self, country: u32, sector: &str) -> Who {
        Who::Sector {
            country: Some(country),
            sector: sector.to_string(),
        }
    }

    fn group_kind(&self, g: u32) -> MentionKind {
        let d = &self.rec.dict;
        match d.groups.get(g as usize) {
            Some(gr) => match gr.sector.as_deref() {
                Some(s) if is_state_sector(s) => MentionKind::Government,
                _ if gr.kind.eq_ignore_ascii_case("organization")
                    || gr.kind.eq_ignore_ascii_case("organisation")
                    || gr.kind.eq_ignore_ascii_case("party")
                    || gr.kind.eq_ignore_ascii_case("company") =>
                {
                    MentionKind::Organization
                }
                _ => MentionKind::Group,
            },
            None => MentionKind::Group,
        }
    }

    fn named_kind(&self, n: u32) -> (MentionKind, Who, Ner) {
        let kind = self
            .rec
            .dict
            .named
            .get(n as usize)
            .map_or(MentionKind::Organization, |x| x.kind);
        let ner = match kind {
            MentionKind::Person => Ner::Per,
            MentionKind::Country | MentionKind::Place => Ner::Loc,
            MentionKind::Nationality | MentionKind::Other => Ner::Misc,
            _ => Ner::Org,
        };
        (kind, Who::Named(n), ner)
    }

    /// Read a dictionary match at token `i` with what follows it; returns the next token.
    fn on_gaz(&mut self, i: usize, m: GazMatch) -> usize {
        let j = self.tok_after(i, m.end);
        let span = Span::new(m.start, m.end);
        let sent = self.sent(i);
        // inside the token (Iran-backed): plain
        if self
            .toks
            .get(j.saturating_sub(1))
            .is_some_and(|t| t.end as usize > m.end)
        {
            self.simple(m, i);
            let mut g = self.gaz_at[i] as usize + 1;
            let end = self.toks[j - 1].end as usize;
            while g < self.gaz.len() && self.gaz[g].start < end {
                let mm = self.gaz[g];
                self.simple(mm, j - 1);
                g += 1;
            }
            return j;
        }
        match self.sense(&m) {
            Sense::Country(c) => {
                let modifier = (span, Ner::Loc);
                if let Some(next) = self.modified(i, j, c, modifier, true) {
                    return next;
                }
                if let Some(next) = self.org_from_place(i, j) {
                    return next;
                }
                self.push(Found {
                    span,
                    kind: MentionKind::Country,
                    who: Who::Country(c),
                    name: Some((span, Ner::Loc)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Adjective(c) => {
                let modifier = (span, Ner::Misc);
                if let Some(next) = self.modified(i, j, c, modifier, false) {
                    return next;
                }
                // "British Airways", "Italian Open": one name
                if let Some(next) = self.org_from_place(i, j) {
                    return next;
                }
                self.push(Found {
                    span,
                    kind: MentionKind::Nationality,
                    who: Who::Country(c),
                    name: Some((span, Ner::Misc)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Plural(c) => {
                self.push(Found {
                    span,
                    kind: MentionKind::Nationality,
                    who: Who::Country(c),
                    name: Some((span, Ner::Misc)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Capital(_) | Sense::Place if self.is_table_row(i, j) => {
                // "NEW YORK 74 59 .556": a team in a standings table
                let f = self.push(Found {
                    span,
                    kind: MentionKind::Organization,
                    who: Who::Unknown {
                        country: None,
                        title: None,
                        former: false,
                    },
                    name: Some((span, Ner::Org)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                let _ = f;
                j
            }
            Sense::Capital(c) => {
                if let Some(next) = self.org_from_place(i, j) {
                    return next;
                }
                // "Tehran residents", "Moscow's officials"
                if let Some(next) = self.modified(i, j, c, (span, Ner::Loc), true) {
                    return next;
                }
                let place = self.is_place_context(i, j);
                let (kind, who) = if place {
                    (MentionKind::Place, Who::Country(c))
                } else {
                    (MentionKind::Government, self.sector_who(c, "GOV"))
                };
                self.push(Found {
                    span,
                    kind,
                    who,
                    name: Some((span, Ner::Loc)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Seat(c, s) => {
                let sector = self
                    .rec
                    .dict
                    .sectors
                    .get(s as usize)
                    .map_or_else(|| "GOV".to_string(), |x| x.code.clone());
                let kind = if is_state_sector(&sector) {
                    MentionKind::Government
                } else {
                    MentionKind::Organization
                };
                self.push(Found {
                    span,
                    kind,
                    who: Who::Sector {
                        country: Some(c),
                        sector,
                    },
                    name: Some((span, Ner::Org)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Igo(g) => {
                self.push(Found {
                    span,
                    kind: MentionKind::Organization,
                    who: Who::Igo(g),
                    name: Some((span, Ner::Org)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Group(g) => {
                let kind = self.group_kind(g);
                self.push(Found {
                    span,
                    kind,
                    who: Who::Group(g),
                    name: Some((span, Ner::Org)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::Person(p) => {
                let gender = self.person_gender(p);
                let f = self.push(Found {
                    span,
                    kind: MentionKind::Person,
                    who: Who::Person(p),
                    name: Some((span, Ner::Per)),
                    modifier: None,
                    gender,
                    sent,
                });
                self.apposition(f, j)
            }
            Sense::Named(n) => {
                let (kind, who, ner) = self.named_kind(n);
                self.push(Found {
                    span,
                    kind,
                    who,
                    name: Some((span, ner)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
            Sense::SectorTerm(s) => {
                // "University of Ruritania", "Ministry of Ports": the head of a name
                let t = self.toks[i];
                if j == i + 1
                    && t.is(CAP)
                    && !t.is(CAPS)
                    && self.is_word(j, "of")
                    && self.name_continues(j + 1, t.sent)
                {
                    let end = self.name_end(i);
                    if end > j {
                        self.candidate(i, end, [0.0, 3.0, 0.0, 0.0], Gender::Unknown);
                        return end;
                    }
                }
                self.sector_term(i, m, s, None)
            }
            Sense::Place => {
                let t = self.toks[i];
                if t.is(SENT_START) && !t.is(CAPS) && j == i + 1 && self.is_common(i) {
                    // "Nice work", "Reading the report"
                    return i + 1;
                }
                if let Some(next) = self.org_from_place(i, j) {
                    return next;
                }
                self.push(Found {
                    span,
                    kind: MentionKind::Place,
                    who: Who::Unknown {
                        country: None,
                        title: None,
                        former: false,
                    },
                    name: Some((span, Ner::Loc)),
                    modifier: None,
                    gender: Gender::Unknown,
                    sent,
                });
                j
            }
        }
    }

    /// A sector term at token `k` ("lawmakers", "Foreign Ministry"), with the country
    /// before it if any: that country's institution, else the bare sector. A sector term
    /// written with capitals is also a name (an organisation, for `eval ner`).
    fn sector_term(
        &mut self,
        k: usize,
        m: GazMatch,
        s: u32,
        country: Option<(u32, (Span, Ner))>,
    ) -> usize {
        let end = self.tok_after(k, m.end);
        let Some(sec) = self.rec.dict.sectors.get(s as usize) else {
            return end;
        };
        let sector = sec.code.clone();
        let kind = sector_kind(&sec.kind, &sector);
        let own = Span::new(m.start, m.end);
        let capitalised = (k..end).all(|x| {
            let f = self.flags(x);
            f & CAP != 0 || (f & LOWER != 0 && self.is_function(x))
        }) && !(end == k + 1 && self.flags(k) & (SENT_START | CAPS) != 0)
            && self.flags(k) & CAPS == 0;
        let name = capitalised.then_some((own, Ner::Org));
        let span = match &country {
            Some((_, (ms, _))) => Span::new(ms.start, m.end),
            None => own,
        };
        self.push(Found {
            span,
            kind,
            who: Who::Sector {
                country: country.as_ref().map(|c| c.0),
                sector,
            },
            name,
            modifier: country.map(|c| c.1),
            gender: Gender::Unknown,
            sent: self.sent(k),
        });
        end
    }

    fn person_gender(&self, p: u32) -> Gender {
        let Some(person) = self.rec.dict.people.get(p as usize) else {
            return Gender::Unknown;
        };
        let first = person.name.split(' ').next().unwrap_or("");
        let mut b = [0u8; 64];
        Lexicon::lower(first, &mut b)
            .and_then(|l| self.lex.first_names.get(l).copied())
            .unwrap_or(Gender::Unknown)
    }

    /// A place name followed by capitalised words ending in an organisation or event word
    /// is one name: "Iran Air", "Tehran University", "US Open".
    fn org_from_place(&mut self, i: usize, j: usize) -> Option<usize> {
        let sent = self.sent(i);
        if self.flags(j.saturating_sub(1)) & POSS != 0 || self.gaz_at(j).is_some() {
            return None;
        }
        // the capitalised words after the place (in a headline, common words count too
        // when they end the name: "U.S. OPEN", "ENGLISH COUNTY CHAMPIONSHIP")
        let mut end = j;
        while end < j + 4
            && self.gaz_at(end).is_none()
            && (self.name_continues(end, sent)
                || (self.flags(end) & (CAPS | UPPER) == CAPS | UPPER && self.is_tail(end)))
        {
            end += 1;
        }
        while end > j && !self.is_tail(end - 1) {
            end -= 1;
        }
        if end == j {
            return None;
        }
        let last = self.low(end - 1).unwrap_or("");
        match self.lex.tails.get(last) {
            Some(Cue::Org | Cue::Misc) => {
                self.candidate(i, end, [0.0, 1.0, 0.0, 0.0], Gender::Unknown);
                Some(end)
            }
            _ => None,
        }
    }

    /// Whether the name at `[i, j)` opens a row of a results or standings table: it starts
    /// the sentence and is followed by at least two numbers and at most one other word.
    fn is_table_row(&self, i: usize, j: usize) -> bool {
        if self.flags(i) & SENT_START == 0 {
            return false;
        }
        let sent = self.sent(i);
        let (mut numbers, mut words) = (0, 0);
        let mut k = j;
        while let Some(t) = self.tok(k) {
            if t.sent != sent {
                break;
            }
            if t.is(DIGIT) {
                numbers += 1;
            } else if t.is(WORD) {
                words += 1;
            }
            k += 1;
        }
        self.flags(j) & DIGIT != 0 && numbers >= 2 && words <= 1
    }

    /// A capital is a place after a place preposition ("in Tehran"), in a dateline, or
    /// before a comma and a country ("Paris, France"); otherwise the government it seats.
    fn is_place_context(&self, i: usize, j: usize) -> bool {
        let t = self.toks[i];
        let mut p = i;
        while p > 0 && self.in_set(p - 1, &self.lex.loc_modifiers) && self.sent(p - 1) == t.sent {
            if self.is_word(p - 1, "the") {
                break;
            }
            p -= 1;
        }
        if p > 0 && self.sent(p - 1) == t.sent && self.in_set(p - 1, &self.lex.loc_preps) {
            return true;
        }
        if t.is(SENT_START) && (t.is(CAPS) || t.is(UPPER)) {
            let n = self.tok(j);
            if n.is_some_and(|n| n.is(DIGIT) || n.is(OPEN)) || matches!(self.t(j), "-" | "—" | "–")
            {
                return true;
            }
        }
        if self.t(j) == ","
            && self
                .gaz_at(j + 1)
                .is_some_and(|m| matches!(self.sense(&m), Sense::Country(_)))
        {
            return true;
        }
        // "the streets of Tehran", "Tehran residents"
        if p > 0 && self.is_word(p - 1, "of") {
            return true;
        }
        false
    }

    /// What follows a country or adjective: a sector term ("Iranian lawmakers", "U.S.
    /// forces", "Iran's military") or a title ("Iran's foreign minister", "US President
    /// Donald Trump"). Returns the next token when it made a mention.
    fn modified(
        &mut self,
        i: usize,
        j: usize,
        country: u32,
        modifier: (Span, Ner),
        is_name: bool,
    ) -> Option<usize> {
        let mut k = j;
        let sent = self.sent(i);
        if self.flags(k) & POSS != 0 {
            k += 1;
        } else if !is_name {
            k = self.skip_to_sector(k);
            // "Iranian and Israeli troops": the first adjective shares the sector term
            if (self.t(k) == "," || self.is_word(k, "and"))
                && let Some(m2) = self.gaz_at(k + 1)
                && matches!(self.sense(&m2), Sense::Adjective(_))
            {
                let k2 = self.skip_to_sector(self.tok_after(k + 1, m2.end));
                if let Some(ms) = self.gaz_at(k2)
                    && let Sense::SectorTerm(s) = self.sense(&ms)
                    && self.sent(k2) == sent
                    && let Some(sec) = self.rec.dict.sectors.get(s as usize)
                {
                    let sector = sec.code.clone();
                    let kind = sector_kind(&sec.kind, &sector);
                    self.push(Found {
                        span: modifier.0,
                        kind,
                        who: Who::Sector {
                            country: Some(country),
                            sector,
                        },
                        name: None,
                        modifier: Some(modifier),
                        gender: Gender::Unknown,
                        sent,
                    });
                    return Some(k + 1);
                }
            }
        }
        if self.sent(k) != sent {
            return None;
        }
        if let Some(m) = self.gaz_at(k)
            && let Sense::SectorTerm(s) = self.sense(&m)
        {
            return Some(self.sector_term(k, m, s, Some((country, modifier))));
        }
        if let Some((te, title)) = self.title_at(k) {
            let m = Modifier {
                country,
                span: modifier.0,
                ner: modifier.1,
                start_tok: i,
            };
            return self.on_title(k, te, title, Some(m));
        }
        None
    }

    /// After an adjective: skip up to two lower-case words when a sector term follows them
    /// ("Iranian state media", "Israeli fighter jets"); returns where to look.
    fn skip_to_sector(&self, k: usize) -> usize {
        let mut skip = 0;
        while skip < 2
            && self.flags(k + skip) & LOWER != 0
            && self.gaz_at(k + skip).is_none()
            && !self.is_function(k + skip)
            && !self.in_set(k + skip, &self.lex.action_verbs)
            && self.title_at(k + skip).is_none()
        {
            skip += 1;
        }
        if skip > 0
            && self
                .gaz_at(k + skip)
                .is_some_and(|m| matches!(self.sense(&m), Sense::SectorTerm(_)))
        {
            k + skip
        } else {
            k
        }
    }

    /// A title at `[i, te)`: with a name after it, a person in that role; after a country
    /// and without a name, the role's holder; after a name and a comma ("Abbas Araghchi,
    /// Iran's foreign minister"), the role of that name. Returns the next token when it
    /// made or changed a mention.
    fn on_title(&mut self, i: usize, te: usize, title: u32, m: Option<Modifier>) -> Option<usize> {
        let rec = self.rec;
        let info = rec.titles.list.get(title as usize)?;
        let start_tok = m.as_ref().map_or(i, |m| m.start_tok);
        let sent = self.sent(i);
        let former = start_tok > 0
            && (self.is_word(start_tok - 1, "former") || self.is_word(start_tok - 1, "ex"));
        let mut k = te;
        let comma = self.t(k) == ",";
        if comma {
            k += 1;
        }
        // the name
        if let Some(g) = self.gaz_at(k)
            && let Sense::Person(p) = self.sense(&g)
        {
            let span = Span::new(g.start, g.end);
            let gender = match info.gender {
                Gender::Unknown => self.person_gender(p),
                g => g,
            };
            let f = self.push(Found {
                span,
                kind: MentionKind::Person,
                who: Who::Person(p),
                name: Some((span, Ner::Per)),
                modifier: m.as_ref().map(|m| (m.span, m.ner)),
                gender,
                sent,
            });
            let end = self.tok_after(k, g.end);
            return Some(self.apposition(f, end));
        }
        let title_capitalised = self.flags(i) & (CAP | CAPS) != 0;
        let name_ok = self.sent(k) == sent
            && self.gaz_at(k).is_none()
            && self.name_continues(k, sent)
            && !(self.flags(k) & SENT_START != 0 && self.is_common(k))
            && (title_capitalised || !comma || m.is_some());
        if name_ok {
            let end = self.name_end(k);
            let span = self.span(k, end);
            let text = span.slice(self.text);
            let gender = match info.gender {
                Gender::Unknown => self.first_name(k).unwrap_or(Gender::Unknown),
                g => g,
            };
            let f = self.push(Found {
                span,
                kind: MentionKind::Person,
                who: Who::Unknown {
                    country: m.as_ref().map(|m| m.country),
                    title: Some(title),
                    former,
                },
                name: Some((span, Ner::Per)),
                modifier: m.as_ref().map(|m| (m.span, m.ner)),
                gender,
                sent,
            });
            // let the doc-level classifier know this text is a person
            self.cands.push(Cand {
                found: f,
                key: key_of(text),
                last_key: key_of(self.t(end - 1)),
                ntok: end - k,
                votes: [10.0, 0.0, 0.0, 0.0],
                gender,
                weak: false,
            });
            return Some(end);
        }
        // no name: an appositive of the name before ("Abbas Araghchi, Iran's foreign
        // minister", "Smith, the foreign minister,")
        let mut p = start_tok;
        if p > 0 && self.is_word(p - 1, "the") {
            p -= 1;
        }
        if p > 0 && self.t(p - 1) == "," {
            let comma_start = self.toks[p - 1].start as usize;
            if let Some(fi) = self.found.iter().rposition(|f| f.span.end <= comma_start)
                && self.found[fi].kind == MentionKind::Person
                && self.found[fi].name.is_some()
                && self.tok_at_or_after(self.found[fi].span.end) == p - 1
            {
                if let Who::Unknown {
                    country: c,
                    title: t,
                    former: fo,
                } = &mut self.found[fi].who
                {
                    if c.is_none() {
                        *c = m.as_ref().map(|m| m.country);
                    }
                    *t = Some(title);
                    *fo |= former;
                }
                if let Some(m) = &m {
                    self.found[fi].modifier = Some((m.span, m.ner));
                }
                if let Some(c) = self.cands.iter_mut().find(|c| c.found == fi) {
                    c.votes[PER] += 10.0;
                }
                return Some(te);
            }
        }
        // a role after a country: its holder on the day
        let m = m?;
        let span = Span::new(m.span.start, self.span(i, te).end);
        let who = match self.rec.holder(m.country, &info.role, self.date) {
            Some(p) => Who::Person(p),
            None => Who::Role {
                country: m.country,
                title,
            },
        };
        self.push(Found {
            span,
            kind: MentionKind::Person,
            who,
            name: None,
            modifier: Some((m.span, m.ner)),
            gender: info.gender,
            sent,
        });
        Some(te)
    }

    /// After a person's name: ", Iran's foreign minister," and the like are read by the
    /// title code when the walk reaches them; nothing to do here but continue.
    fn apposition(&mut self, _f: usize, end: usize) -> usize {
        end
    }
}

/// A title: what it says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleInfo {
    /// CAMEO sector of the holder ("" when the title does not say).
    pub sector: String,
    /// The role, canonical ("foreign minister").
    pub role: String,
    /// For pronouns: from honorifics, titles and first names.
    pub gender: Gender,
    /// One holder per country at a time (see [`UNIQUE_ROLES`]).
    pub unique: bool,
    /// The written form, when it has capitals and must match as written ("Gen.").
    pub exact: Option<String>,
}

/// All titles: the `role:` terms of `sectors.tsv` and [`EXTRA_TITLES`].
#[derive(Debug, Default)]
pub struct Titles {
    /// Every title, indexed by the ids the walk stores.
    pub list: Vec<TitleInfo>,
    /// Lower-case title → indexes into `list`.
    pub index: WordMap<String, Vec<u32>>,
    /// Lower-case first words, to test a token cheaply.
    pub first: WordSet<String>,
}

impl Titles {
    /// Build from the dictionary's sector roles, then the extra titles for keys the
    /// dictionary does not define.
    pub fn build(dict: &Dictionary) -> Titles {
        let mut t = Titles::default();
        for s in &dict.sectors {
            for r in &s.roles {
                t.add(r, &s.code);
            }
        }
        for &(title, sector, _) in EXTRA_TITLES {
            if !t.index.contains_key(title) {
                t.add(title, sector);
            }
        }
        t
    }

    fn add(&mut self, written: &str, sector: &str) {
        let key = written.to_lowercase();
        let role = canonical_role(&key);
        let gender = if key.ends_with("woman") || matches!(key.as_str(), "queen" | "princess") {
            Gender::Female
        } else if key.ends_with("man")
            || matches!(
                key.as_str(),
                "king" | "prince" | "emir" | "sultan" | "pope" | "sheikh"
            )
        {
            Gender::Male
        } else {
            Gender::Unknown
        };
        let info = TitleInfo {
            sector: sector.to_string(),
            unique: UNIQUE_ROLES.contains(&role.as_str()),
            role,
            gender,
            exact: written
                .chars()
                .any(char::is_uppercase)
                .then(|| written.to_string()),
        };
        let id = self.list.len() as u32;
        self.list.push(info);
        if let Some(first) = key.split(' ').next() {
            self.first.insert(first.to_string());
        }
        self.index.entry(key).or_default().push(id);
    }
}

/// A country that modifies what follows it.
struct Modifier {
    country: u32,
    span: Span,
    ner: Ner,
    start_tok: usize,
}

/// The mention kind of a sector: state organs are governments, media, business and
/// civil-society bodies organisations, the rest groups.
fn sector_kind(kind: &str, code: &str) -> MentionKind {
    if kind == "state" || is_state_sector(code) {
        MentionKind::Government
    } else if matches!(
        code,
        "MED" | "BUS" | "EDU" | "NGO" | "HLH" | "MNC" | "IGO" | "HRI" | "DEV"
    ) {
        MentionKind::Organization
    } else {
        MentionKind::Group
    }
}

/// Sectors of the state: a mention of one is a government mention.
pub fn is_state_sector(s: &str) -> bool {
    matches!(
        s,
        "GOV" | "LEG" | "JUD" | "MIL" | "COP" | "SPY" | "ELI" | "PTY"
    )
}

fn has_letters(s: &str, n: usize) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).nth(n - 1).is_some()
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// "J." or "J.K.": an initial.
fn is_initial(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2
        && b.len() <= 5
        && b[b.len() - 1] == b'.'
        && b.chunks(2)
            .all(|c| c[0].is_ascii_uppercase() && c.get(1).is_none_or(|&d| d == b'.'))
}

impl Recogniser {
    /// The dictionary person holding `role` for `country` on `date`.
    pub(crate) fn holder(&self, country: u32, role: &str, date: Option<NaiveDate>) -> Option<u32> {
        let code = &self.dict.countries.get(country as usize)?.code;
        let list = self.holders.get(&(code.clone(), canonical_role(role)))?;
        list.iter().copied().find(|&p| {
            matches!(
                self.dict.people.get(p as usize).map(|x| x.role_at(date)),
                Some(Standing::InOffice(r)) if canonical_role(&r.role) == canonical_role(role)
            )
        })
    }
}

/// A role in the form titles and dictionary roles are compared in: lower case, American
/// spelling, "minister of foreign affairs" as "foreign minister".
pub fn canonical_role(role: &str) -> String {
    let r = role.trim().to_lowercase().replace("defence", "defense");
    match r.as_str() {
        "minister of foreign affairs" | "foreign affairs minister" | "foreign secretary" => {
            "foreign minister".into()
        }
        "minister of defense"
        | "defense secretary"
        | "secretary of defense"
        | "war secretary"
        | "secretary of war" => "defense minister".into(),
        "premier" => "prime minister".into(),
        _ => r,
    }
}

/// Index people by (country, canonical role) for role descriptions.
pub fn holders_index(dict: &Dictionary) -> HashMap<(String, String), Vec<u32>> {
    let mut m: HashMap<(String, String), Vec<u32>> = HashMap::new();
    for (i, p) in dict.people.iter().enumerate() {
        for r in &p.roles {
            if let Some(c) = &r.country {
                let e = m.entry((c.clone(), canonical_role(&r.role))).or_default();
                if !e.contains(&(i as u32)) {
                    e.push(i as u32);
                }
            }
        }
    }
    m
}

/// Tokenise for the recogniser (re-exported for the stage).
pub fn tokenize(text: &str, sentences: &[Span], out: &mut Vec<Tok>) {
    tokens::tokenize(text, sentences, out);
}
