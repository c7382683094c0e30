//! Rules over paragraphs rather than cues: "NAME: …" transcripts and headlines, dash and
//! mixed quotations, and a quotation opening a paragraph that continues the previous
//! speaker.

use super::*;

impl Reader<'_> {
    /// "NAME: content" at the start of a paragraph (transcripts, headlines): a direct
    /// claim of NAME when NAME is a name in capitals or a short capitalised phrase.
    pub(super) fn colon_paragraphs(&self, out: &mut Vec<Raw>) {
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
    pub(super) fn dash_and_mixed(&self, out: &mut Vec<Raw>) {
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

    /// A quotation no attribution took, opening its paragraph, with a claim in one of the
    /// two paragraphs before: the same speaker goes on.
    pub(super) fn continued_quotes(&self, out: &mut [Raw]) {
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
}
