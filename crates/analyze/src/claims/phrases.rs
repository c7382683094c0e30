//! Speaker phrases: the noun phrase before or after a cue ("the U.S. envoy said", "…,
//! said Foreign Minister Abbas Araghchi"), the subject of a sentence, loose speaker
//! phrases after a quotation, and whether a span names an actor.
//!
//! Why apart: these rules decide *who* spoke and are tuned separately from the rules
//! that find *what* was said ([`super::attribution`]).

use super::*;

impl Reader<'_> {
    /// Whether token `i` may be part of a speaker phrase.
    pub(super) fn np_word(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if !t.is(T_WORD) || t.quoted() {
            return false;
        }
        if t.is(T_CAP) {
            // a capitalised cue word, function word or day is not a name
            let w = self.word(i);
            if crate::dates::day_or_month_name(w) {
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
    pub(super) fn np_before(&self, end: usize) -> Option<usize> {
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
    pub(super) fn common_np_before(&self, last: usize) -> Option<usize> {
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
    pub(super) fn np_after(&self, i: usize) -> Option<usize> {
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

    /// The subject of the sentence from token `s_start` up to token `c`: a phrase at its
    /// start, else the first pronoun or phrase naming an actor that opens a clause
    /// ("During the speech, Trump attacked …, saying …").
    pub(super) fn sentence_subject(&self, s_start: usize, c: usize) -> Option<Span> {
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

    /// The end of a loosely read speaker phrase from token `i`: up to twelve words (with
    /// initials, hyphens, brackets and "/"), ending at a comma or the sentence end.
    pub(super) fn loose_speaker_after(&self, i: usize, s_end: usize) -> Option<usize> {
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
    pub(super) fn loose_speaker_before(&self, before: usize, s_start: usize) -> Option<usize> {
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

    /// Whether `s` is (mostly) a mention of a person, organisation, government or group.
    pub(super) fn names_actor(&self, s: Span) -> bool {
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
}
