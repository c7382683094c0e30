//! Key points: a headline and a few bullets, like a wire editor's brief.
//!
//! This is the lead-based version: the headline is the article's title (or, without one,
//! its first sentence cut to at most [`HEADLINE_WORDS`] words) and the bullets are the
//! first sentences that can stand as bullets. Scored selection replaces it in the key
//! points issue; the output shape stays.

use crate::{Doc, Stage};
use newsdesk_core::text::{fold_for_key, words};
use newsdesk_core::{Analysis, Evidence, KeyPoint, KeyPoints, Span};

/// Longest headline made from a sentence, in words.
pub const HEADLINE_WORDS: usize = 15;

/// A sentence with fewer words than this is a fragment (a byline, a dateline, a caption
/// credit) and not a bullet.
const MIN_BULLET_WORDS: usize = 4;

/// Lead-based key points.
pub struct LeadKeyPoints {
    points: usize,
}

impl LeadKeyPoints {
    /// `points` bullets, clamped to 1–5.
    pub fn new(points: usize) -> Self {
        LeadKeyPoints {
            points: points.clamp(1, 5),
        }
    }
}

impl Stage for LeadKeyPoints {
    fn name(&self) -> &'static str {
        "key_points"
    }

    fn run(&self, doc: &Doc<'_>, out: &mut Analysis) {
        let text = doc.text();
        let title = doc
            .article
            .title
            .as_deref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        let title_key = title.as_deref().map(|t| {
            let mut k = String::new();
            fold_for_key(t, &mut k);
            k
        });

        let mut points = Vec::with_capacity(self.points);
        for (i, span) in out.sentences.iter().enumerate() {
            if points.len() == self.points {
                break;
            }
            let s = span.slice(text);
            if words(s).take(MIN_BULLET_WORDS).count() < MIN_BULLET_WORDS || is_byline(s) {
                continue;
            }
            if let Some(tk) = &title_key {
                let mut k = String::new();
                fold_for_key(s, &mut k);
                if &k == tk {
                    continue; // the text repeats its title as a first line
                }
            }
            points.push(KeyPoint {
                text: s.to_string(),
                evidence: Evidence {
                    article: out.article.clone(),
                    sentence: i,
                    span: *span,
                },
            });
        }

        let (headline, headline_evidence) = match title {
            Some(t) => (t, None),
            None => match points.first().or(None) {
                Some(p) => {
                    let h = headline_from_sentence(&p.text);
                    (h, Some(p.evidence.clone()))
                }
                None => match out.sentences.first() {
                    Some(span) => (
                        headline_from_sentence(span.slice(text)),
                        Some(Evidence {
                            article: out.article.clone(),
                            sentence: 0,
                            span: *span,
                        }),
                    ),
                    None => (String::new(), None),
                },
            },
        };
        out.key_points = KeyPoints {
            headline,
            headline_evidence,
            points,
        };
    }
}

/// "By Jane Doe" and similar credit lines.
fn is_byline(s: &str) -> bool {
    let t = s.trim_start();
    (t.starts_with("By ") || t.starts_with("BY ")) && words(t).take(7).count() < 7
}

/// A headline from a sentence: drop a leading dateline ("WASHINGTON (Reuters) —",
/// "TEHRAN —") and cut to at most [`HEADLINE_WORDS`] words, marking a cut with "…".
pub fn headline_from_sentence(sentence: &str) -> String {
    let body = strip_dateline(sentence);
    let spans: Vec<Span> = words(body).take(HEADLINE_WORDS + 1).collect();
    if spans.len() <= HEADLINE_WORDS {
        return body.trim().to_string();
    }
    let end = spans[HEADLINE_WORDS - 1].end;
    let mut h = body[..end].trim_end_matches([',', ';', ':']).to_string();
    h.push('…');
    h
}

/// The sentence without a leading dateline: a place name in capitals ("WASHINGTON —",
/// "THE HAGUE, Netherlands —"), or a capitalised place followed by a parenthesised outlet
/// ("Seoul (CNN) --", "KYIV (Meridian Wire) —"), then a dash.
pub fn strip_dateline(sentence: &str) -> &str {
    let dash = sentence
        .char_indices()
        .take_while(|&(i, _)| i < 80)
        .find(|&(_, c)| matches!(c, '—' | '–' | '-'));
    let Some((di, dc)) = dash else {
        return sentence;
    };
    let head = sentence[..di].trim();
    let (place, outlet) = match head.split_once('(') {
        Some((p, rest)) if rest.ends_with(')') && !rest.contains('(') => (p.trim(), true),
        Some(_) => return sentence,
        None => (head, false),
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    let capitalised = !words.is_empty()
        && words.len() <= 5
        && words
            .iter()
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
    if !(capitalised && (outlet || all_caps || first_part_caps)) {
        return sentence;
    }
    let rest = &sentence[di + dc.len_utf8()..];
    rest.trim_start_matches(['-', '—', '–']).trim_start()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pipeline;
    use newsdesk_core::{Article, ArticleId, SourceRef};

    fn article(title: Option<&str>, text: &str) -> Article {
        Article {
            id: ArticleId::from_content(title, text),
            input_id: None,
            url: None,
            title: title.map(str::to_string),
            text: text.to_string(),
            published: None,
            outlet: None,
            lang: None,
            origin: SourceRef::default(),
        }
    }

    #[test]
    fn title_is_the_headline_and_lead_sentences_are_points() {
        let text = "Iran Says No Talks Are Planned\nBy Jane Roe\nTehran said on Thursday that no talks with Washington were scheduled. The White House said the same. A third sentence follows here. A fourth one is not taken.";
        let a = article(Some("Iran  says no talks are planned"), text);
        let an = Pipeline::default().analyze(&a);
        assert_eq!(an.key_points.headline, "Iran says no talks are planned");
        assert!(an.key_points.headline_evidence.is_none());
        let pts: Vec<&str> = an
            .key_points
            .points
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            pts,
            vec![
                "Tehran said on Thursday that no talks with Washington were scheduled.",
                "The White House said the same.",
                "A third sentence follows here."
            ]
        );
        for p in &an.key_points.points {
            assert_eq!(p.evidence.span.slice(&a.text), p.text);
            assert_eq!(an.sentences[p.evidence.sentence], p.evidence.span);
        }
    }

    #[test]
    fn headline_from_first_sentence_without_title() {
        let text = "TEHRAN (Meridian Wire) — Iran's parliament on Wednesday approved a bill that suspends the country's cooperation with the International Atomic Energy Agency until further notice. Other text.";
        let an = Pipeline::default().analyze(&article(None, text));
        assert_eq!(
            an.key_points.headline,
            "Iran's parliament on Wednesday approved a bill that suspends the country's cooperation with the International…"
        );
        assert_eq!(
            an.key_points.headline_evidence.as_ref().map(|e| e.sentence),
            Some(0)
        );
    }

    #[test]
    fn empty_and_tiny_texts_do_not_panic() {
        for t in ["", " ", ".", "Hi.", "—", "A - b"] {
            let an = Pipeline::default().analyze(&article(None, t));
            assert!(an.key_points.points.len() <= 3);
        }
    }

    #[test]
    fn dateline_is_stripped_only_when_it_is_one() {
        assert_eq!(
            strip_dateline("WASHINGTON — Talks resumed."),
            "Talks resumed."
        );
        assert_eq!(
            strip_dateline("THE HAGUE (Wire) - Leaders met."),
            "Leaders met."
        );
        assert_eq!(
            strip_dateline("Leaders met - briefly."),
            "Leaders met - briefly."
        );
        assert_eq!(strip_dateline("Co-operation grew."), "Co-operation grew.");
        assert_eq!(
            strip_dateline("Seoul (CNN) -- South Korea acted."),
            "South Korea acted."
        );
        assert_eq!(
            strip_dateline("THE HAGUE, Netherlands (Wire) — Leaders met."),
            "Leaders met."
        );
        assert_eq!(
            strip_dateline("KANANASKIS, Alta. — Leaders met."),
            "Leaders met."
        );
        assert_eq!(
            strip_dateline("The talks - which failed - ended."),
            "The talks - which failed - ended."
        );
    }

    #[test]
    fn points_are_clamped() {
        let text = "One two three four. Five six seven eight. Nine ten eleven twelve.";
        let a = article(None, text);
        let one = Pipeline::new(crate::Config { points: 0 }).analyze(&a);
        assert_eq!(one.key_points.points.len(), 1);
    }
}
