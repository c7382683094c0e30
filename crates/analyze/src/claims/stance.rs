//! The stance of a claim: from its cue first, then from its content.
//!
//! Why both: "denied", "warned" and "suggested" say the stance outright; "said" says
//! nothing, and then the content decides — "no meetings were scheduled" is a denial, "talks
//! might happen" a suggestion, a content ending in "?" a question. Only the content's first
//! clause counts, so "they might talk, though he was not sure" stays a suggestion. A
//! negation with a modal ("would not") is a suggestion, as `data/cues.tsv` documents.

use super::lexicon::{CueKind, Lexicon};
use newsdesk_core::Stance;

/// Words after which the rest of a content is another clause.
const BREAKS: &[&str] = &[
    "but", "though", "although", "while", "whereas", "because", "however", "which", "since",
    "unless",
];

/// The stance of a claim whose cue gives `cue` and whose content is `content`.
pub fn stance(lex: &Lexicon, cue: Stance, content: &str) -> Stance {
    if cue != Stance::Assert {
        return cue;
    }
    let t = content.trim_end_matches(['"', '”', '’', '\'', ' ', '\n']);
    if t.ends_with('?') {
        return Stance::Question;
    }
    match markers(lex, content) {
        (_, Some(s)) => s,
        (true, None) => Stance::Deny,
        (false, None) => Stance::Assert,
    }
}

/// Whether the first clause of `content` is negated, and the stance of its first modal
/// marker if any. Disputes read the polarity of a proposition from the first.
pub fn markers(lex: &Lexicon, content: &str) -> (bool, Option<Stance>) {
    let mut words: Vec<String> = Vec::with_capacity(24);
    // a leading condition ("if no deal is reached, …") is not what is claimed
    let first = content
        .split_whitespace()
        .next()
        .map(|w| w.to_lowercase())
        .unwrap_or_default();
    let mut in_condition =
        matches!(first.as_str(), "if" | "unless" | "when" | "once") && content.contains(',');
    for raw in content.split(|c: char| c.is_whitespace() || c == '—') {
        let ends_clause = raw.ends_with([',', ';', ':']);
        if in_condition {
            in_condition = !raw.ends_with(',');
            continue;
        }
        if words.len() >= 40 {
            break;
        }
        let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let mut w = t.to_lowercase();
        if w.contains('’') {
            w = w.replace('’', "'");
        }
        if !w.is_empty() {
            if !words.is_empty() && BREAKS.contains(&w.as_str()) {
                break;
            }
            words.push(w);
        }
        if ends_clause && words.len() >= 4 {
            break;
        }
    }
    // a negation alone denies; a modal alone suggests; both ("would not") suggest (the
    // polarity is then negative, which disputes read from the content)
    let mut negated = false;
    let mut modal: Option<Stance> = None;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let mut step = 1;
        if w.ends_with("n't") {
            negated = true;
        }
        for c in lex.starting_with(w) {
            let n = c.words.len();
            let matches = (1..n).all(|k| words.get(i + k).is_some_and(|x| *x == c.words[k]));
            if !matches {
                continue;
            }
            match c.kind {
                CueKind::Negation => negated = true,
                CueKind::Modal => {
                    modal.get_or_insert(c.stance.unwrap_or(Stance::Suggest));
                }
                _ => continue,
            }
            step = n;
            break;
        }
        i += step;
    }
    (negated, modal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_modality_questions() {
        let l = Lexicon::builtin().expect("lexicon");
        let s = |c: &str| stance(&l, Stance::Assert, c);
        assert_eq!(
            s("no meetings with Iran were currently scheduled"),
            Stance::Deny
        );
        assert_eq!(s("there is no agreement"), Stance::Deny);
        assert_eq!(s("the talks would not happen"), Stance::Suggest);
        assert_eq!(s("Iran hasn’t agreed"), Stance::Deny);
        assert_eq!(s("talks might happen next week"), Stance::Suggest);
        assert_eq!(
            s("the two sides would talk and might sign an agreement, though he was not sure"),
            Stance::Suggest
        );
        assert_eq!(s("the talks went well"), Stance::Assert);
        assert_eq!(
            s("if no deal is reached, he will impose tariffs"),
            Stance::Assert
        );
        assert_eq!(s("Why would we talk?"), Stance::Question);
        assert_eq!(stance(&l, Stance::Deny, "talks went well"), Stance::Deny);
    }
}
