//! Disputes within one article: claims on the same proposition with opposite polarity,
//! from different speakers.
//!
//! Why: "Trump said talks would happen next week" and "Araghchi said no agreement to
//! restart talks had been made" are two accounts of one matter that disagree; a reader
//! should see them side by side. The stories stage lifts the same logic across articles.
//!
//! How: each claim gets a normalised proposition — the predicate terms of its content's
//! first clause, with synonyms grouped ("talks", "negotiations", "meeting" are one term),
//! and a polarity (negative when the content is negated or the claim denies). Two claims
//! with different speakers that share a term and have opposite polarities dispute it;
//! the dispute's sides are the claims grouped by stance, in order of first appearance.

use super::lexicon::{Lexicon, WordMap};
use super::stance::markers;
use newsdesk_core::{ArticleId, Claim, ClaimRef, Dispute, DisputeSide, Mention, Stance};
use std::sync::OnceLock;

/// Groups of predicate words that name one matter; the first word names the group.
const GROUPS: &[&[&str]] = &[
    &[
        "talks",
        "talk",
        "negotiations",
        "negotiation",
        "negotiate",
        "negotiating",
        "meeting",
        "meetings",
        "meet",
        "dialogue",
        "diplomacy",
    ],
    &[
        "agreement",
        "agreements",
        "deal",
        "deals",
        "arrangement",
        "accord",
        "pact",
        "treaty",
    ],
    &["ceasefire", "truce", "armistice"],
    &[
        "attack", "attacks", "strike", "strikes", "struck", "bombing", "bombed", "raid", "raids",
    ],
    &["weapon", "weapons", "bomb", "warhead", "warheads"],
    &[
        "enrichment",
        "enrich",
        "enriched",
        "enriching",
        "uranium",
        "stockpile",
    ],
    &["sanctions", "sanction", "embargo"],
    &[
        "casualties",
        "killed",
        "dead",
        "deaths",
        "died",
        "wounded",
        "injured",
    ],
    &["inspections", "inspectors", "inspection", "inspect"],
    &[
        "damage",
        "damaged",
        "destroyed",
        "obliterated",
        "destruction",
    ],
    &[
        "election",
        "elections",
        "vote",
        "votes",
        "voting",
        "fraud",
        "rigged",
    ],
    &["withdrawal", "withdraw", "withdrew", "troops", "pullout"],
];

/// Which group of [`GROUPS`] each word names, built once.
fn group_of() -> &'static WordMap<usize> {
    static MAP: OnceLock<WordMap<usize>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = WordMap::default();
        for (g, words) in GROUPS.iter().enumerate() {
            for w in *words {
                m.entry((*w).to_string()).or_insert(g);
            }
        }
        m
    })
}

/// The group (index into [`GROUPS`]) a lower-case word names, if any.
pub(crate) fn group_of_word(w: &str) -> Option<usize> {
    if w.len() < 3 || w.len() > 13 {
        return None;
    }
    group_of().get(w).copied()
}

/// What the claims stage knows of each claim's content besides the claim, read from its
/// tokens once: whether it is negated, and the groups its words name.
pub(crate) struct Facts {
    pub(crate) negated: bool,
    pub(crate) groups: Vec<usize>,
}

/// The groups (indexes into [`GROUPS`]) the words of `text` name, in order of first use.
fn groups_in(text: &str) -> Vec<usize> {
    let map = group_of();
    let mut groups = Vec::new();
    let mut lw = String::new();
    for w in text.split(|ch: char| !ch.is_alphanumeric()) {
        // every grouped word is ASCII, 3 to 13 letters
        if w.len() < 3 || w.len() > 13 || !w.is_ascii() {
            continue;
        }
        lw.clear();
        lw.push_str(w);
        lw.make_ascii_lowercase();
        if let Some(&g) = map.get(lw.as_str())
            && !groups.contains(&g)
        {
            groups.push(g);
        }
    }
    groups
}

/// The normalised proposition of a claim: what it is about and whether it affirms or
/// denies it, so that two claims can be compared whatever their wording — here within an
/// article, by the stories stage across articles and outlets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposition {
    /// The actors the content names (actor ids of the mentions inside it, in order, without
    /// repeats): "Iran" and "the United States" in "no talks between Iran and the U.S.".
    pub actors: Vec<String>,
    /// The key predicate terms, each the name of its synonym group ("talks" for talks,
    /// negotiations, meeting, dialogue …), in order of first use.
    pub terms: Vec<&'static str>,
    /// Negative when the content is negated ("no talks were scheduled") or the claim
    /// denies it.
    pub negative: bool,
    /// The first temporal expression of the content, resolved against the publication day
    /// when one is given ("next week" → the Monday of that week).
    pub time: Option<crate::dates::TimeExpr>,
}

/// The proposition of `claim`, given the article's `mentions` (from the actors stage) and
/// its publication day `anchor`. `time` spans are relative to the claim's content.
pub fn proposition(
    lex: &Lexicon,
    claim: &Claim,
    mentions: &[Mention],
    anchor: Option<chrono::NaiveDate>,
) -> Proposition {
    let (negated, _) = markers(lex, &claim.content.text);
    let negative = negated || claim.stance == Stance::Deny;
    let terms = groups_in(&claim.content.text)
        .into_iter()
        .filter_map(|g| GROUPS.get(g).and_then(|w| w.first().copied()))
        .collect();
    let (from, to) = (claim.content.start, claim.content.end);
    let mut actors: Vec<String> = Vec::new();
    for m in mentions {
        if m.span.start >= from
            && m.span.end <= to
            && let Some(a) = &m.actor
            && !actors.contains(&a.id)
        {
            actors.push(a.id.clone());
        }
    }
    let time = crate::dates::find_dates(&claim.content.text, anchor)
        .into_iter()
        .next();
    Proposition {
        actors,
        terms,
        negative,
        time,
    }
}

/// What disputes need of a claim's proposition.
struct Prop {
    /// Indexes into `GROUPS`.
    groups: Vec<usize>,
    negative: bool,
    speaker: String,
}

fn prop(c: &Claim, facts: &Facts) -> Prop {
    let negative = facts.negated || c.stance == Stance::Deny;
    let groups = facts.groups.clone();
    // (a claim on no term takes part in no dispute: its speaker is not needed)
    let speaker = match (&c.speaker, groups.is_empty()) {
        (Some(s), false) => match &s.actor {
            Some(a) => a.id.clone(),
            None => s.text.to_lowercase(),
        },
        _ => String::new(),
    };
    Prop {
        groups,
        negative,
        speaker,
    }
}

/// The disputes among `claims` of article `article`.
pub fn find(lex: &Lexicon, article: &ArticleId, claims: &[Claim]) -> Vec<Dispute> {
    let facts: Vec<Facts> = claims
        .iter()
        .map(|c| Facts {
            negated: markers(lex, &c.content.text).0,
            groups: groups_in(&c.content.text),
        })
        .collect();
    find_with(article, claims, &facts)
}

/// [`find`] with each claim's [`Facts`] already read (`facts[i]` for `claims[i]`), as the
/// claims stage has them from its tokens and the stance.
pub(crate) fn find_with(article: &ArticleId, claims: &[Claim], facts: &[Facts]) -> Vec<Dispute> {
    let none = Facts {
        negated: false,
        groups: Vec::new(),
    };
    let props: Vec<Prop> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| prop(c, facts.get(i).unwrap_or(&none)))
        .collect();
    let mut out = Vec::new();
    for (g, words) in GROUPS.iter().enumerate() {
        let on: Vec<usize> = (0..claims.len())
            .filter(|&i| props[i].groups.contains(&g) && !props[i].speaker.is_empty())
            .collect();
        let disputed = on.iter().any(|&a| {
            on.iter().any(|&b| {
                props[a].negative != props[b].negative && props[a].speaker != props[b].speaker
            })
        });
        if !disputed {
            continue;
        }
        // sides: by stance, with the polarity read into it (a negated assert denies)
        let mut sides: Vec<DisputeSide> = Vec::new();
        for &i in &on {
            let stance = match (claims[i].stance, props[i].negative) {
                (Stance::Assert | Stance::Confirm, true) => Stance::Deny,
                (s, _) => s,
            };
            let r = ClaimRef {
                article: article.clone(),
                claim: i,
            };
            match sides.iter_mut().find(|s| s.stance == stance) {
                Some(s) => s.claims.push(r),
                None => sides.push(DisputeSide {
                    stance,
                    claims: vec![r],
                }),
            }
        }
        out.push(Dispute {
            proposition: words.first().copied().unwrap_or("").to_string(),
            sides,
        });
    }
    out
}
