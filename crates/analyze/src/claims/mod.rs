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

mod attribution;
pub mod disputes;
mod finish;
pub mod lexicon;
mod paragraphs;
mod phrases;
pub mod scan;
pub mod stance;
mod words;

#[cfg(test)]
mod tests;

use crate::{Doc, Stage};
use finish::dedupe;
use lexicon::{CueError, CueKind, Lexicon};
use newsdesk_core::{Actor, Analysis, Claim, Evidence, Mention, Span, Speaker, Stance, TextSpan};
use scan::{Quote, T_ALLCAPS, T_CAP, T_END, T_QCLOSE, T_QOPEN, T_WORD, Tok};
use std::sync::{Arc, OnceLock};
use words::*;

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
}
