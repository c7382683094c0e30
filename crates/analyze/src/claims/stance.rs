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
    stance_with(cue, content, markers(lex, content))
}

/// [`stance`] from the [`markers`] of `content` already read (the claims stage reads them
/// once per claim for the stance and the dispute polarity both).
pub fn stance_with(cue: Stance, content: &str, marks: (bool, Option<Stance>)) -> Stance {
    if cue != Stance::Assert {
        return cue;
    }
    let t = content.trim_end_matches(['"', '”', '’', '\'', ' ', '\n']);
    if t.ends_with('?') {
        return Stance::Question;
    }
    match marks {
        (_, Some(s)) => s,
        (true, None) => Stance::Deny,
        (false, None) => Stance::Assert,
    }
}

/// Whether the first clause of `content` is negated, and the stance of its first modal
/// marker if any. Disputes read the polarity of a proposition from the first.
pub fn markers(lex: &Lexicon, content: &str) -> (bool, Option<Stance>) {
    // the words of the first clause, lower-cased into one buffer (no string per word)
    let mut buf = String::with_capacity(content.len().min(400));
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(24);
    // a leading condition ("if no deal is reached, …") is not what is claimed
    let first = content.split_whitespace().next().unwrap_or("");
    let mut in_condition = ["if", "unless", "when", "once"]
        .iter()
        .any(|c| first.eq_ignore_ascii_case(c))
        && content.contains(',');
    for raw in content.split(|c: char| c.is_whitespace() || c == '—') {
        let ends_clause = raw.ends_with([',', ';', ':']);
        if in_condition {
            in_condition = !raw.ends_with(',');
            continue;
        }
        if spans.len() >= 40 {
            break;
        }
        let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let from = buf.len();
        for ch in t.chars() {
            if ch == '’' {
                buf.push('\'');
            } else {
                buf.extend(ch.to_lowercase());
            }
        }
        if buf.len() > from {
            let w = &buf[from..];
            if !spans.is_empty() && BREAKS.contains(&w) {
                buf.truncate(from);
                break;
            }
            spans.push((from, buf.len()));
        }
        if ends_clause && spans.len() >= 4 {
            break;
        }
    }
    let words: Vec<&str> = spans.iter().map(|&(a, b)| &buf[a..b]).collect();
    // a negation alone denies; a modal alone suggests; both ("would not") suggest (the
    // polarity is then negative, which disputes read from the content)
    let mut negated = false;
    let mut modal: Option<Stance> = None;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
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
