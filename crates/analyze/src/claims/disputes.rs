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

use super::lexicon::Lexicon;
use super::stance::markers;
use newsdesk_core::{ArticleId, Claim, ClaimRef, Dispute, DisputeSide, Stance};

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

/// The proposition of one claim.
struct Prop {
    /// Indexes into `GROUPS`.
    groups: Vec<usize>,
    negative: bool,
    speaker: String,
}

fn proposition(lex: &Lexicon, c: &Claim) -> Prop {
    let (negated, _) = markers(lex, &c.content.text);
    let negative = negated || c.stance == Stance::Deny;
    let mut groups = Vec::new();
    for w in c.content.text.split(|ch: char| !ch.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let lw = w.to_lowercase();
        if let Some(g) = GROUPS.iter().position(|g| g.contains(&lw.as_str()))
            && !groups.contains(&g)
        {
            groups.push(g);
        }
    }
    let speaker = c
        .speaker
        .as_ref()
        .map(|s| match &s.actor {
            Some(a) => a.id.clone(),
            None => s.text.to_lowercase(),
        })
        .unwrap_or_default();
    Prop {
        groups,
        negative,
        speaker,
    }
}

/// The disputes among `claims` of article `article`.
pub fn find(lex: &Lexicon, article: &ArticleId, claims: &[Claim]) -> Vec<Dispute> {
    let props: Vec<Prop> = claims.iter().map(|c| proposition(lex, c)).collect();
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
