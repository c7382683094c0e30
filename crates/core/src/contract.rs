//! The machine-readable output contract (DESIGN.md, "Machine-readable output").
//!
//! Scripts outside the repository score newsdesk by reading these shapes, so they are kept
//! apart from the internal model: the model may change, these fields may only grow.
//! Every list is present (empty when its analyzer found nothing), never missing.

use crate::model::{Actor, Analysis, Article, MentionKind, Stance};
use serde::Serialize;

/// One line of `newsdesk analyze --json`: an article's analysis in the contract's shape.
#[derive(Debug, Serialize)]
pub struct AnalysisRecord<'a> {
    /// The input's `id` when it had one, else newsdesk's stable article id.
    pub id: &'a str,
    /// newsdesk's stable article id (always present).
    pub article_id: &'a str,
    pub title: Option<&'a str>,
    pub published: Option<&'a str>,
    pub url: Option<&'a str>,
    pub outlet: Option<&'a str>,
    /// The byline's names (absent when the source gave none).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub authors: &'a [String],
    pub word_count: usize,
    pub sentences: Vec<[usize; 2]>,
    pub key_points: KeyPointsRecord<'a>,
    pub mentions: Vec<MentionRecord<'a>>,
    pub claims: Vec<ClaimRecord<'a>>,
    pub events: Vec<EventRecord<'a>>,
    pub disputes: Vec<DisputeRecord<'a>>,
    /// The article's actors, most salient first.
    pub actors: Vec<ActorRecord<'a>>,
}

/// One actor of the article, ranked by salience (count, position, headline).
#[derive(Debug, Serialize)]
pub struct ActorRecord<'a> {
    pub actor: &'a Actor,
    pub kind: MentionKind,
    pub mentions: usize,
    pub first_sentence: usize,
    pub in_headline: bool,
    pub salience: f32,
}

#[derive(Debug, Serialize)]
pub struct KeyPointsRecord<'a> {
    pub headline: &'a str,
    pub points: Vec<PointRecord<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PointRecord<'a> {
    pub text: &'a str,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct MentionRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    pub actor: Option<&'a Actor>,
}

#[derive(Debug, Serialize)]
pub struct SpanRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct SpeakerRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub actor: Option<&'a Actor>,
}

#[derive(Debug, Serialize)]
pub struct ClaimRecord<'a> {
    pub speaker: Option<SpeakerRecord<'a>>,
    pub cue: SpanRecord<'a>,
    pub content: SpanRecord<'a>,
    pub direct: bool,
    pub stance: Stance,
    pub sentence: usize,
}

#[derive(Debug, Serialize)]
pub struct EventActorRecord<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub code: &'a str,
}

#[derive(Debug, Serialize)]
pub struct EventRecord<'a> {
    pub source: Option<EventActorRecord<'a>>,
    pub target: Option<EventActorRecord<'a>>,
    pub code: &'a str,
    pub root: &'a str,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Option<&'a str>,
    pub date: Option<&'a str>,
    pub date_precision: Option<crate::model::DatePrecision>,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct DisputeRecord<'a> {
    pub proposition: &'a str,
    pub sides: Vec<DisputeSideRecord>,
}

#[derive(Debug, Serialize)]
pub struct DisputeSideRecord {
    pub stance: Stance,
    /// Indexes into this record's `claims`.
    pub claims: Vec<usize>,
}

impl<'a> AnalysisRecord<'a> {
    /// The contract view of `analysis` of `article`.
    pub fn new(article: &'a Article, analysis: &'a Analysis) -> Self {
        let ea = |a: &'a crate::model::EventActor| EventActorRecord {
            text: &a.text,
            start: a.start,
            end: a.end,
            code: &a.code,
        };
        AnalysisRecord {
            id: article.input_id.as_deref().unwrap_or(article.id.as_str()),
            article_id: article.id.as_str(),
            title: article.title.as_deref(),
            published: article.published.as_deref(),
            url: article.url.as_deref(),
            outlet: article.outlet.as_deref(),
            authors: &article.authors,
            word_count: analysis.word_count,
            sentences: analysis
                .sentences
                .iter()
                .map(|s| [s.start, s.end])
                .collect(),
            key_points: KeyPointsRecord {
                headline: &analysis.key_points.headline,
                points: analysis
                    .key_points
                    .points
                    .iter()
                    .map(|p| PointRecord {
                        text: &p.text,
                        sentence: p.evidence.sentence,
                        start: p.evidence.span.start,
                        end: p.evidence.span.end,
                    })
                    .collect(),
            },
            mentions: analysis
                .mentions
                .iter()
                .map(|m| MentionRecord {
                    text: &m.text,
                    start: m.span.start,
                    end: m.span.end,
                    kind: m.kind,
                    actor: m.actor.as_ref(),
                })
                .collect(),
            claims: analysis
                .claims
                .iter()
                .map(|c| ClaimRecord {
                    speaker: c.speaker.as_ref().map(|s| SpeakerRecord {
                        text: &s.text,
                        start: s.start,
                        end: s.end,
                        actor: s.actor.as_ref(),
                    }),
                    cue: SpanRecord {
                        text: &c.cue.text,
                        start: c.cue.start,
                        end: c.cue.end,
                    },
                    content: SpanRecord {
                        text: &c.content.text,
                        start: c.content.start,
                        end: c.content.end,
                    },
                    direct: c.direct,
                    stance: c.stance,
                    sentence: c.evidence.sentence,
                })
                .collect(),
            events: analysis
                .events
                .iter()
                .map(|e| EventRecord {
                    source: e.source.as_ref().map(ea),
                    target: e.target.as_ref().map(ea),
                    code: &e.code.0,
                    root: e.code.root(),
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    plover: e.plover.as_deref(),
                    date: e.date.as_deref(),
                    date_precision: e.date_precision,
                    sentence: e.evidence.sentence,
                    start: e.evidence.span.start,
                    end: e.evidence.span.end,
                })
                .collect(),
            disputes: analysis
                .disputes
                .iter()
                .map(|d| DisputeRecord {
                    proposition: &d.proposition,
                    sides: d
                        .sides
                        .iter()
                        .map(|s| DisputeSideRecord {
                            stance: s.stance,
                            claims: s
                                .claims
                                .iter()
                                .filter(|c| c.article == article.id)
                                .map(|c| c.claim)
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            actors: analysis
                .actors
                .iter()
                .map(|a| ActorRecord {
                    actor: &a.actor,
                    kind: a.kind,
                    mentions: a.mentions,
                    first_sentence: a.first_sentence,
                    in_headline: a.in_headline,
                    salience: a.salience,
                })
                .collect(),
        }
    }
}
