//! From raw claims to [`Claim`]s: nested claims cut, duplicates merged, predicate groups
//! read, speakers resolved to actors (anonymous sources get an actor of their own), and the
//! evidence (sentence and byte span) attached.

use super::*;

impl Reader<'_> {
    /// A content that runs over a later attribution's speaker ("…, though he added that
    /// …") ends before that speaker.
    pub(super) fn cut_nested(&self, out: &mut [Raw]) {
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

    /// The synonym groups the words of `content` name (see [`disputes`]), in order of first
    /// use, read from the lower-cased tokens.
    pub(super) fn groups(&self, content: Span) -> Vec<usize> {
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
    pub(super) fn finish(
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
pub(super) fn dedupe(out: &mut Vec<Raw>, text: &str) {
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
pub(super) fn speaker_actor(s: Span, text: &str, mentions: &[Mention]) -> Option<Actor> {
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
