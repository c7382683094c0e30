//! Coreference within one article: later, shorter mentions point back at the full one.
//!
//! Three rules, applied after the walk (so they see every name mention):
//! 1. **Names**: a person named again by their surname or by the same full name
//!    ("Araghchi" after "Foreign Minister Abbas Araghchi") is the same actor, with the
//!    role and country the first mention established.
//! 2. **Roles**: "the minister", "the president" (a title after "the", not followed by a
//!    name) refer to the last person mentioned whose role ends with that title ("foreign
//!    minister" for "the minister").
//! 3. **Pronouns**: "he", "him" and "she" refer to the most recent person mention of a
//!    compatible gender (from honorifics, titles and first names; unknown fits both) within
//!    the pronoun's sentence and the two before it. A pronoun becomes a mention only when
//!    resolved.
//!
//! Everything is a scan over the mentions and tokens already found; the only allocations
//! are the new mentions and one small map of names.

use super::dict::Standing;
use super::lexicon::{Gender, PRONOUNS};
use super::recognise::{Found, Walk, Who, canonical_role};
use super::tokens::{CAP, LOWER, SENT_START, WORD};
use newsdesk_core::MentionKind;
use std::collections::HashMap;

/// How many sentences back a pronoun looks for its antecedent (besides its own).
const PRONOUN_WINDOW: u32 = 2;

impl Walk<'_> {
    /// Apply the three rules; `found` stays sorted by position.
    pub fn corefer(&mut self) {
        self.sort_found();
        self.names();
        let mut extra = Vec::new();
        self.roles_and_pronouns(&mut extra);
        if !extra.is_empty() {
            self.found.extend(extra);
            self.sort_found();
        }
    }

    /// Sort the mentions by position, keeping `Same` links pointing at the same mentions.
    fn sort_found(&mut self) {
        let n = self.found.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (self.found[i].span.start, self.found[i].span.end, i));
        if order.iter().enumerate().all(|(k, &i)| k == i) {
            return;
        }
        let mut new_pos = vec![0usize; n];
        for (k, &i) in order.iter().enumerate() {
            new_pos[i] = k;
        }
        let mut old: Vec<Option<Found>> = std::mem::take(&mut self.found)
            .into_iter()
            .map(Some)
            .collect();
        self.found = order.iter().filter_map(|&i| old[i].take()).collect();
        for f in &mut self.found {
            if let Who::Same(j) = &mut f.who {
                *j = new_pos.get(*j).copied().unwrap_or(*j);
            }
        }
    }

    /// Rule 1.
    fn names(&mut self) {
        let mut by_name: HashMap<u64, usize> = HashMap::new();
        let mut by_last: HashMap<u64, usize> = HashMap::new();
        for i in 0..self.found.len() {
            let f = &self.found[i];
            if f.kind != MentionKind::Person {
                continue;
            }
            let Some((span, _)) = f.name else { continue };
            let name = span.slice(self.text);
            let key = fold_key(name);
            let words = name.split(' ').count();
            if let Who::Unknown { .. } = f.who {
                let target = by_name
                    .get(&key)
                    .or_else(|| (words == 1).then(|| by_last.get(&key)).flatten())
                    .copied();
                if let Some(t) = target {
                    self.found[i].who = Who::Same(self.root(t));
                    if self.found[i].gender == Gender::Unknown {
                        self.found[i].gender = self.found[t].gender;
                    }
                    continue;
                }
            }
            by_name.entry(key).or_insert(i);
            if words > 1
                && let Some(last) = name.split(' ').next_back()
            {
                by_last.insert(fold_key(last), i);
            }
        }
    }

    /// Follow `Same` links to the first mention.
    pub fn root(&self, mut i: usize) -> usize {
        for _ in 0..64 {
            match self.found.get(i).map(|f| &f.who) {
                Some(Who::Same(j)) if *j != i => i = *j,
                _ => break,
            }
        }
        i
    }

    /// The role a person mention holds (canonical form), if any.
    fn role_of(&self, i: usize) -> Option<String> {
        let r = self.root(i);
        match &self.found.get(r)?.who {
            Who::Person(p) => match self.rec.dict.people.get(*p as usize)?.role_at(self.date) {
                Standing::InOffice(role) => Some(canonical_role(&role.role)),
                _ => None,
            },
            Who::Unknown {
                title: Some(t),
                former: false,
                ..
            }
            | Who::Role { title: t, .. } => self
                .rec
                .titles
                .list
                .get(*t as usize)
                .map(|x| x.role.clone()),
            _ => None,
        }
    }

    /// Rules 2 and 3: a scan of the tokens not covered by a mention.
    fn roles_and_pronouns(&self, extra: &mut Vec<Found>) {
        let mut next_found = 0usize;
        let mut i = 0usize;
        while i < self.toks.len() {
            let t = self.toks[i];
            while next_found < self.found.len()
                && self.found[next_found].span.end <= t.start as usize
            {
                next_found += 1;
            }
            let covered = self
                .found
                .get(next_found)
                .is_some_and(|f| f.span.start < t.end as usize);
            if covered || !t.is(WORD) {
                i += 1;
                continue;
            }
            // "the minister"
            if self.is_word(i, "the")
                && let Some((te, title)) = self.title_at(i + 1)
                && self.flags(te) & CAP == 0
                && self.t(te) != ","
            {
                let Some(want) = self
                    .rec
                    .titles
                    .list
                    .get(title as usize)
                    .map(|x| x.role.clone())
                else {
                    i += 1;
                    continue;
                };
                let before = self.toks[i].start as usize;
                if let Some(a) = self.last_person(before, 0, |w, k| {
                    w.role_of(k)
                        .is_some_and(|r| r == want || r.ends_with(&format!(" {want}")))
                }) {
                    let root = self.root(a);
                    extra.push(Found {
                        span: self.span(i + 1, te),
                        kind: MentionKind::Person,
                        who: Who::Same(root),
                        name: None,
                        modifier: None,
                        gender: self.found[a].gender,
                        sent: t.sent,
                    });
                }
                i = te;
                continue;
            }
            // "he", "him", "she"
            if t.is(LOWER) || t.is(SENT_START) {
                let w = self.t(i);
                if let Some(&(_, g)) = PRONOUNS.iter().find(|(p, _)| p.eq_ignore_ascii_case(w))
                    && (t.is(LOWER) || t.is(SENT_START))
                {
                    let floor = t.sent.saturating_sub(PRONOUN_WINDOW);
                    let start = t.start as usize;
                    let fits = |fg: Gender| fg == Gender::Unknown || fg == g;
                    let named = self
                        .last_person(start, floor, |walk, k| fits(walk.found[k].gender))
                        .map(|a| (self.found[a].span.end, self.root(a)));
                    // a chain of pronouns: "he ... he ... he" keeps its referent
                    let chained = extra
                        .iter()
                        .rev()
                        .find(|f| f.span.end <= start && f.sent >= floor && fits(f.gender))
                        .and_then(|f| match f.who {
                            Who::Same(r) => Some((f.span.end, r)),
                            _ => None,
                        });
                    let best = match (named, chained) {
                        (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
                        (a, b) => a.or(b),
                    };
                    if let Some((_, root)) = best {
                        extra.push(Found {
                            span: t.span(),
                            kind: MentionKind::Person,
                            who: Who::Same(root),
                            name: None,
                            modifier: None,
                            gender: g,
                            sent: t.sent,
                        });
                    }
                }
            }
            i += 1;
        }
    }

    /// The last person mention ending before byte `before`, in sentence `floor` or later,
    /// that `ok` accepts. Pronoun mentions found in this scan are not candidates, so a
    /// chain "he ... he" goes back to the name.
    fn last_person(
        &self,
        before: usize,
        floor: u32,
        ok: impl Fn(&Self, usize) -> bool,
    ) -> Option<usize> {
        let upto = self.found.partition_point(|f| f.span.end <= before);
        (0..upto)
            .rev()
            .take_while(|&k| self.found[k].sent >= floor)
            .find(|&k| self.found[k].kind == MentionKind::Person && ok(self, k))
    }
}

/// A case-folded hash of a name.
fn fold_key(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
