//! Trimming a sentence into a bullet, and compressing one into a headline.
//!
//! Why trim: a bullet is read in isolation, so a leading dateline ("WASHINGTON (Reuters)
//! —") or a trailing attribution (", officials said on Thursday.") is noise there — and
//! it is noise a reader pays for, since bullets are short. Both trims only cut at the ends,
//! so a trimmed bullet is still one contiguous span of the article and keeps exact evidence.

use newsdesk_core::Span;

/// Longest headline made from a sentence, in words.
pub const HEADLINE_WORDS: usize = 15;

/// A headline cut at a clause boundary keeps at least this many words; otherwise it is cut
/// at [`HEADLINE_WORDS`].
const HEADLINE_MIN_CLAUSE_WORDS: usize = 8;

/// A trimmed bullet keeps at least this many words; a trim that would leave fewer is not
/// made (the sentence is then kept whole).
const MIN_KEPT_WORDS: usize = 6;

/// The part of `sentence` (a span into `text`) worth showing as a bullet: without a leading
/// dateline and without a trailing attribution. Never empty when the sentence is not, and
/// always within the sentence.
pub fn bullet_span(text: &str, sentence: Span) -> Span {
    trimmed_span(text, sentence, true)
}

/// [`bullet_span`], looking for a dateline only when `may_have_dateline` (datelines open
/// an article, so the scorer only asks for the first paragraphs' openings).
pub(super) fn trimmed_span(text: &str, sentence: Span, may_have_dateline: bool) -> Span {
    let s = sentence.slice(text);
    if s.is_empty() {
        return sentence;
    }
    let body = if may_have_dateline {
        strip_dateline(s)
    } else {
        s
    };
    let start = sentence.start + (s.len() - body.len());
    let kept = strip_attribution(body);
    let span = Span::new(start, start + kept.trim_end().len());
    if span.is_empty() { sentence } else { span }
}

/// The sentence without a leading dateline: a place name in capitals ("WASHINGTON —",
/// "THE HAGUE, Netherlands —"), or a capitalised place followed by a parenthesised outlet
/// ("Seoul (CNN) --", "KYIV (Meridian Wire) —"), or the outlet alone ("(CNN) --"), then a
/// dash. Anything else is returned unchanged.
pub fn strip_dateline(sentence: &str) -> &str {
    // A dash, or the underscore AP copy uses ("LONDON (AP) _ Text").
    let dash = sentence
        .char_indices()
        .take_while(|&(i, _)| i < 80)
        .find(|&(i, c)| {
            matches!(c, '—' | '–' | '-')
                || (c == '_' && sentence[..i].ends_with(' ') && sentence[i + 1..].starts_with(' '))
        });
    let Some((di, dc)) = dash else {
        return sentence;
    };
    let head = sentence[..di].trim();
    let (place, outlet) = match head.split_once('(') {
        Some((p, rest)) if rest.ends_with(')') && !rest.contains('(') => (p.trim(), true),
        Some(_) => return sentence,
        None => (head, false),
    };
    let n_words = place.split_whitespace().count();
    let capitalised = n_words <= 5
        && place
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    // A capitalised place needs the outlet to be a dateline; capitals alone suffice for the
    // first word, with an optional ", Region" after a comma ("THE HAGUE, Netherlands").
    let first_part_caps = place.split(',').next().is_some_and(|p| {
        p.chars().any(char::is_alphabetic)
            && p.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    });
    let dateline = if n_words == 0 {
        outlet && head.len() > 2 // "(CNN)": an outlet with no place
    } else {
        capitalised && (outlet || all_caps || first_part_caps)
    };
    if !dateline {
        return sentence;
    }
    let rest = &sentence[di + dc.len_utf8()..];
    let rest = rest.trim_start_matches(['-', '—', '–', '_']).trim_start();
    if rest.is_empty() { sentence } else { rest }
}

/// Verbs that report speech; a trailing clause built on one is an attribution.
const SPEECH_VERBS: &[&str] = &[
    "added",
    "announced",
    "argued",
    "claimed",
    "confirmed",
    "explained",
    "insisted",
    "noted",
    "reported",
    "said",
    "says",
    "stated",
    "told",
    "warned",
    "wrote",
];

/// Words that make a trailing clause more than an attribution (it carries content of its
/// own: "..., officials said it would reopen"), so it is kept.
const CONTENT_MARKERS: &[&str] = &[
    "and", "are", "because", "but", "could", "had", "has", "have", "if", "is", "it", "not",
    "should", "that", "was", "were", "whether", "which", "while", "who", "whom", "whose", "will",
    "would",
];

/// Words that may start what follows the speech verb in an attribution: a time or place
/// ("said on Thursday", "said in a statement").
const AFTER_VERB_STARTS: &[&str] = &[
    "after",
    "at",
    "before",
    "during",
    "earlier",
    "friday",
    "from",
    "in",
    "last",
    "late",
    "later",
    "monday",
    "on",
    "saturday",
    "sunday",
    "this",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "via",
    "wednesday",
    "yesterday",
];

/// `body` without a trailing attribution such as ", officials said.", ", he told
/// reporters on Friday." or ", according to the ministry." — cut before the comma. The
/// kept part must have `MIN_KEPT_WORDS` (6) words and balanced quotation marks (so a quote
/// followed by its speaker, `"...," Lee said.`, is left whole).
pub fn strip_attribution(body: &str) -> &str {
    let trimmed = body.trim_end();
    let Some(inner) = trimmed.strip_suffix('.') else {
        return body;
    };
    // Commas from the right, as long as the tail stays short.
    let mut search_end = inner.len();
    for _ in 0..3 {
        let Some(comma) = inner[..search_end].rfind(',') else {
            break;
        };
        search_end = comma;
        let tail = &inner[comma + 1..];
        if tail.contains(['"', '“', '”']) {
            break;
        }
        if is_attribution(tail) {
            let kept = &inner[..comma];
            if kept.split_whitespace().count() >= MIN_KEPT_WORDS && quotes_balanced(kept) {
                return kept;
            }
            break;
        }
    }
    body
}

/// Whether `word` is one of `list`, ignoring ASCII case (no allocation).
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a trailing clause (after a comma, without the final stop) is only an
/// attribution.
fn is_attribution(tail: &str) -> bool {
    let mut words = [""; 17];
    let mut n = 0;
    for w in tail.split_whitespace() {
        if n == words.len() {
            return false; // too long to be only an attribution
        }
        words[n] = w.trim_matches(|c: char| !c.is_alphanumeric());
        n += 1;
    }
    let words = &words[..n];
    let Some(&first) = words.first() else {
        return false;
    };
    // Most tails have no speech verb at all: settle those before the longer checks.
    if !words
        .iter()
        .any(|w| is_one_of(w, SPEECH_VERBS) || w.eq_ignore_ascii_case("according"))
    {
        return false;
    }
    if words.iter().any(|w| is_one_of(w, CONTENT_MARKERS)) {
        return false;
    }
    // ", said the minister" / ", according to the ministry"
    if is_one_of(first, &["said", "says"]) {
        return words.len() <= 10;
    }
    if first.eq_ignore_ascii_case("according") {
        return words.len() >= 3 && words[1].eq_ignore_ascii_case("to") && words.len() <= 10;
    }
    // ", <speaker of at most 7 words> <verb> [time, place or 'told X']"
    let Some(v) = words.iter().position(|w| is_one_of(w, SPEECH_VERBS)) else {
        return false;
    };
    if v == 0 || v > 7 {
        return false;
    }
    let after = &words[v + 1..];
    match after.first() {
        None => true,
        Some(_) if words[v].eq_ignore_ascii_case("told") => after.len() <= 6,
        Some(a) => is_one_of(a, AFTER_VERB_STARTS) && after.len() <= 8,
    }
}

/// Whether straight double quotes pair up and curly ones open as often as they close.
fn quotes_balanced(s: &str) -> bool {
    let (mut straight, mut open, mut close) = (0usize, 0usize, 0usize);
    for c in s.chars() {
        match c {
            '"' => straight += 1,
            '“' => open += 1,
            '”' => close += 1,
            _ => {}
        }
    }
    straight % 2 == 0 && open == close
}

/// A headline from a sentence: no dateline, no trailing attribution, no parentheticals,
/// at most about [`HEADLINE_WORDS`] words. Returns the headline and the span of the part
/// of the sentence it was made from (the sentence span when nothing was cut).
///
/// Over the limit, the cut is at the last clause boundary (comma, semicolon, colon, dash)
/// that keeps at least eight words; otherwise at the word limit, moved back so that it
/// neither splits a run of capitalised words (a name) nor ends on a function word, and
/// marked with "…".
pub fn headline_from_sentence(text: &str, sentence: Span) -> (String, Span) {
    let span = bullet_span(text, sentence);
    let body = span.slice(text);
    let clean = without_parentheticals(body);
    let words: Vec<(usize, usize)> = word_bounds(&clean);
    if words.len() <= HEADLINE_WORDS {
        return (clean.trim().to_string(), span);
    }
    // A clause boundary right after word k (1-based count k).
    let clause_end = (HEADLINE_MIN_CLAUSE_WORDS..=HEADLINE_WORDS)
        .rev()
        .find(|&k| {
            let end = words[k - 1].1;
            clean[end..].starts_with([',', ';', ':'])
                || clean[end..].trim_start().starts_with(['—', '–'])
                || clean[end..].trim_start().starts_with("--")
        });
    if let Some(k) = clause_end {
        let end = words[k - 1].1;
        return (format!("{}…", clean[..end].trim()), span);
    }
    let mut k = HEADLINE_WORDS;
    let is_cap = |i: usize| {
        clean[words[i].0..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    // Do not split a name: back off to before a capitalised run cut by the limit.
    if is_cap(k - 1) && is_cap(k) {
        let mut j = k - 1;
        while j > 0 && is_cap(j - 1) {
            j -= 1;
        }
        if j >= HEADLINE_MIN_CLAUSE_WORDS {
            k = j;
        }
    }
    // Do not end on a function word ("of the…").
    while k > HEADLINE_MIN_CLAUSE_WORDS {
        let w = &clean[words[k - 1].0..words[k - 1].1];
        if newsdesk_core::text::is_stop_word(&w.to_lowercase()) {
            k -= 1;
        } else {
            break;
        }
    }
    let end = words[k - 1].1;
    let h = clean[..end].trim_end_matches([',', ';', ':']).trim();
    (format!("{h}…"), span)
}

/// Byte bounds of the words of `s` (via the shared word tokenizer).
fn word_bounds(s: &str) -> Vec<(usize, usize)> {
    newsdesk_core::text::words(s)
        .map(|w| (w.start, w.end))
        .collect()
}

/// `s` without parenthesised asides ("(CNN)", "(27 miles)"), with the spaces around them
/// collapsed. An unbalanced parenthesis is kept as it is.
fn without_parentheticals(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(rest[..open].trim_end());
        rest = &rest[open + close + 1..];
        if !rest.starts_with([',', '.', ';', ':']) && !out.is_empty() {
            out.push(' ');
        }
        rest = rest.trim_start();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_is_stripped_only_when_it_is_one() {
        for (s, want) in [
            ("WASHINGTON — Talks resumed.", "Talks resumed."),
            ("THE HAGUE (Wire) - Leaders met.", "Leaders met."),
            ("Leaders met - briefly.", "Leaders met - briefly."),
            ("Co-operation grew.", "Co-operation grew."),
            ("Seoul (CNN) -- South Korea acted.", "South Korea acted."),
            (
                "(CNN) -- Swedish prosecutors acted.",
                "Swedish prosecutors acted.",
            ),
            (
                "THE HAGUE, Netherlands (Wire) — Leaders met.",
                "Leaders met.",
            ),
            ("KANANASKIS, Alta. — Leaders met.", "Leaders met."),
            (
                "The talks - which failed - ended.",
                "The talks - which failed - ended.",
            ),
            ("() - x", "() - x"),
            ("WASHINGTON —", "WASHINGTON —"),
        ] {
            assert_eq!(strip_dateline(s), want, "{s}");
        }
    }

    #[test]
    fn trailing_attribution_is_trimmed_only_when_it_is_one() {
        for (s, want) in [
            (
                "The ministry will reopen the border crossing next week, officials said.",
                "The ministry will reopen the border crossing next week",
            ),
            (
                "Rescue teams reached the village after two days of searching, the agency said on Thursday.",
                "Rescue teams reached the village after two days of searching",
            ),
            (
                "The company held a working meeting with the government about the trip, according to the ministry.",
                "The company held a working meeting with the government about the trip",
            ),
            (
                "North Korea delivered the message through the company's office in the park, said Roh Jee-hwan, a Hyundai spokesman.",
                "North Korea delivered the message through the company's office in the park",
            ),
            (
                "Nine people were hurt in the blast, police told reporters.",
                "Nine people were hurt in the blast",
            ),
        ] {
            assert_eq!(strip_attribution(s), want, "{s}");
        }
        // Content after the verb, a quote before its speaker, too little left: kept whole.
        for s in [
            "The ministry will act soon, officials said it would reopen the border.",
            "\"The border will reopen soon and stay open,\" the minister said.",
            "It rained, he said.",
            "The ministry will reopen the border crossing next week, and officials said so.",
            "Did the ministry reopen the border crossing last week, officials asked?",
        ] {
            assert_eq!(strip_attribution(s), s, "{s}");
        }
    }

    #[test]
    fn bullet_span_stays_inside_the_sentence_and_on_char_boundaries() {
        let text = "Intro. Seoul (CNN) -- Café owners in Zürich protested the new rules on Monday, officials said.";
        let sent = Span::new(7, text.len());
        let b = bullet_span(text, sent);
        assert!(sent.contains(b));
        assert_eq!(
            b.slice(text),
            "Café owners in Zürich protested the new rules on Monday"
        );
    }

    #[test]
    fn headline_is_compressed() {
        let text = "Seoul (CNN) -- South Korea's actions toward Pyongyang after the death of the North Korean leader Kim Jong Il were intended to show goodwill, President Lee Myung-bak said in a meeting with political leaders Thursday.";
        let (h, span) = headline_from_sentence(text, Span::new(0, text.len()));
        assert!(h.ends_with('…'), "{h}");
        let n = newsdesk_core::text::words(&h).count();
        assert!(
            (HEADLINE_MIN_CLAUSE_WORDS..=HEADLINE_WORDS).contains(&n),
            "{h}"
        );
        assert!(h.starts_with("South Korea's actions"), "{h}");
        assert!(!h.contains("Kim Jong…") && !h.contains("the…"), "{h}");
        assert!(span.slice(text).starts_with("South Korea's"));
        assert!(!span.slice(text).contains("said"));

        let text = "Officials in Doha (Qatar) met on Monday.";
        let (h, _) = headline_from_sentence(text, Span::new(0, text.len()));
        assert_eq!(h, "Officials in Doha met on Monday.");
    }
}
