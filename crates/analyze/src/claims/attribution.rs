//! Attributions: a cue read with the words around it, its speaker phrase before or after,
//! its content after ("X said (that) …") or before ("…, X said", "“…,” he said"), with
//! the quotation-mark rules that bound that content.
//!
//! Why apart: the heart of the stage, the rules a reader of an error sample looks for.

use super::*;

impl Reader<'_> {
    /// The cue starting at token `i`: its kind, stance and exclusive end token.
    pub(super) fn cue_at(&self, i: usize) -> Option<CueAt> {
        self.cues.get(i).copied().flatten()
    }

    /// [`Reader::cue_at`] read from the lexicon (once per token, by [`Claims::find`]).
    pub(super) fn read_cue_at(&self, i: usize) -> Option<CueAt> {
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
    pub(super) fn skip_adverbs_back(&self, mut i: usize) -> usize {
        while i > 0 && self.in_list(i - 1, ADVERBS) {
            i -= 1;
        }
        i
    }

    /// The end of a content that starts at token `i`: a quotation opening there runs to
    /// its close; else the end of the sentence. Returns (exclusive end token, direct).
    pub(super) fn content_from(&self, i: usize) -> (usize, bool) {
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
    pub(super) fn trim(&self, mut a: usize, mut b: usize) -> (usize, usize) {
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

    /// Read the attribution around the cue at tokens `[c, ce)`; a naming or judging verb
    /// ([`QUOTE_ONLY`]) stands only with a quotation in its content.
    pub(super) fn attribution(
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
    pub(super) fn attribution_around(
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

    /// Whether the words from token `i` on (to `s_end`) read as what was said: "that",
    /// a colon or a quotation, or a clause that opens with no adverbial word.
    pub(super) fn tail_is_content(&self, i: usize, s_end: usize) -> bool {
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

    /// The token of the opening mark of the quotation whose closing mark is token `k - 1`.
    pub(super) fn quote_open_before(&self, k: usize) -> Option<usize> {
        let close = self.tok(k.checked_sub(1)?)?;
        if !close.is(T_QCLOSE) {
            return None;
        }
        let q = self.quotes.iter().find(|q| q.close == close.end as usize)?;
        Some(self.toks.partition_point(|t| (t.start as usize) < q.open))
    }

    /// Whether a quotation closes just before token `k` (over commas and dashes).
    pub(super) fn quote_closes_before(&self, k: usize) -> bool {
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
    pub(super) fn quote_follows(&self, after: usize) -> Option<usize> {
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
    pub(super) fn trailing_fits(&self, at: usize, after: usize) -> bool {
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
    pub(super) fn and_quote_after(&self, r: Option<Raw>, after: usize) -> Option<Raw> {
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
    pub(super) fn tail_ok(&self, i: usize, s_end: usize) -> bool {
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
    pub(super) fn content_before(
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

    pub(super) fn raw(
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

    pub(super) fn cue_free(&self, a: usize, b: usize) -> bool {
        (a..b).all(|k| self.cue_at(k).is_none())
    }
}
