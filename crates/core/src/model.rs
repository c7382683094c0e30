//! The data model every stage speaks.
//!
//! Each arrow of the pipeline (ingest → analyze → stories → store) is one of these types.
//! They are plain data: no behaviour beyond small helpers, all serde-serialisable, so that
//! the store can keep them as JSON and the CLI and server can print them.
//!
//! Invariant: every derived fact ([`Mention`], [`Claim`], [`Event`], [`KeyPoint`]) carries
//! [`Evidence`] that points at its article and at the byte span of its sentence, so that
//! nothing newsdesk shows is untraceable.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// A half-open byte range `[start, end)` into an article's (NFC-normalised) text.
///
/// Byte offsets, not character offsets: they index `&text[start..end]` directly, and for
/// ASCII input they equal character offsets.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. `end < start` is clamped to an empty span at `start`,
    /// so that arithmetic mistakes never produce a span that panics when sliced.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The text under this span, or `""` when the span is out of range or not on a char
    /// boundary (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies entirely within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A stable identifier of an article: the same article read twice (from the same URL, or
/// with the same title and text) gets the same id, which is what makes ingest idempotent.
///
/// It is the first 16 bytes of a SHA-256, in hex, over the canonical URL when there is one,
/// else over the normalised title and text (see [`ArticleId::from_url`] and
/// [`ArticleId::from_content`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id of an article known by its URL. The URL is canonicalised first (scheme and
    /// host lowercased, fragment and common tracking parameters dropped, trailing slash
    /// removed), so `https://Example.com/a/?utm_source=x#top` and `https://example.com/a`
    /// are one article.
    pub fn from_url(url: &str) -> Self {
        Self::hash("url", &canonical_url(url))
    }

    /// The id of an article without a URL: a hash of its title and text after folding case
    /// and collapsing whitespace, so that re-encoded copies of the same text agree.
    pub fn from_content(title: Option<&str>, text: &str) -> Self {
        let mut key = String::with_capacity(text.len() + 64);
        if let Some(t) = title {
            crate::text::fold_for_key(t, &mut key);
        }
        key.push('\u{1f}');
        crate::text::fold_for_key(text, &mut key);
        Self::hash("content", &key)
    }

    fn hash(kind: &str, key: &str) -> Self {
        let mut h = Sha256::new();
        h.update(kind.as_bytes());
        h.update([0u8]);
        h.update(key.as_bytes());
        let digest = h.finalize();
        let mut s = String::with_capacity(32);
        for b in &digest[..16] {
            use fmt::Write;
            let _ = write!(s, "{b:02x}");
        }
        ArticleId(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Canonical form of a URL for identity: lowercase scheme and host, no fragment, no
/// tracking parameters (`utm_*`, `fbclid`, `gclid`, `ocid`, `cmpid`), no trailing `/`.
/// Not a full WHATWG parser: it only has to map the usual variants of one URL together.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => (String::new(), url),
    };
    let (hostpath, query) = match rest.split_once('?') {
        Some((hp, q)) => (hp, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match hostpath.find('/') {
        Some(i) => (&hostpath[..i], &hostpath[i..]),
        None => (hostpath, ""),
    };
    let mut host = host.to_ascii_lowercase();
    if let Some(h) = host.strip_prefix("www.") {
        host = h.to_string();
    }
    let path = path.trim_end_matches('/');
    let scheme = if scheme == "http" {
        "https".to_string()
    } else {
        scheme
    };
    let mut out = String::with_capacity(url.len());
    if !scheme.is_empty() {
        out.push_str(&scheme);
        out.push_str("://");
    }
    out.push_str(&host);
    out.push_str(path);
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|p| {
                let k = p.split('=').next().unwrap_or("").to_ascii_lowercase();
                !(k.is_empty()
                    || k.starts_with("utm_")
                    || matches!(k.as_str(), "fbclid" | "gclid" | "ocid" | "cmpid" | "smid"))
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    out
}

/// Where an article (or a rejected item) came from: the file, URL or `-` for stdin, and
/// the position inside it (1-based line for JSONL, 0 for a whole file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceRef {
    pub source: String,
    pub position: u64,
}

impl fmt::Display for SourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.position > 0 {
            write!(f, "{}:{}", self.source, self.position)
        } else {
            f.write_str(&self.source)
        }
    }
}

/// One news article, as ingest produces it.
///
/// Invariant: `text` is NFC-normalised once, in ingest, and never changed afterwards; every
/// span anywhere in newsdesk is a byte offset into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// The id the input gave the article (JSONL `id`), kept for the caller's joins.
    pub input_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// Publication time as ISO 8601: `YYYY-MM-DD` when only the day is known, RFC 3339
    /// otherwise (see [`crate::date::normalise_published`]).
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub lang: Option<String>,
    /// The byline's people (or, when a page names none, the organisation it credits), in
    /// page order. Empty when the source gives no author; omitted from JSON then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub origin: SourceRef,
}

impl Article {
    /// The publication day, when known.
    pub fn published_date(&self) -> Option<chrono::NaiveDate> {
        self.published.as_deref().and_then(crate::date::date_part)
    }
}

/// Points a derived fact back at the text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: ArticleId,
    /// Index into [`Analysis::sentences`].
    pub sentence: usize,
    /// The span of the fact itself (for a key point: its sentence, or the trimmed part).
    pub span: Span,
}

/// A sentence of an article: its byte span.
pub type Sentence = Span;

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Person,
    Organization,
    Government,
    Country,
    Place,
    Group,
    Nationality,
    Other,
}

/// An actor a mention resolves to, with a CAMEO-style code (country + sector, e.g.
/// `IRNGOV`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub code: String,
    pub country: Option<String>,
    pub role: Option<String>,
}

/// A stretch of text with its span: the speaker, cue or content of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A mention of an actor in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
    pub kind: MentionKind,
    pub actor: Option<Actor>,
    pub evidence: Evidence,
}

/// The stance a speaker takes toward what they say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Assert,
    Deny,
    Confirm,
    Suggest,
    Warn,
    Question,
}

/// The speaker of a claim: the text naming them and, when resolved, the actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub actor: Option<Actor>,
}

/// Who said what: a quote or reported speech.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub speaker: Option<Speaker>,
    pub cue: TextSpan,
    pub content: TextSpan,
    pub direct: bool,
    pub stance: Stance,
    pub evidence: Evidence,
}

/// A CAMEO event code such as `"195"` (its first two digits are the root).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CameoCode(pub String);

impl CameoCode {
    /// The two-digit root category (`"19"` for `"195"`).
    pub fn root(&self) -> &str {
        self.0.get(..2).unwrap_or(&self.0)
    }
}

/// One side of an event: the text naming the actor and its code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub code: String,
}

/// How precisely a date is known.
///
/// `Week` ("last week") was added for the event coder: the date is then the Monday of that
/// week, and mapping it to `Day` would claim a precision the text does not give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

/// Who did what to whom, and when, coded in CAMEO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub source: Option<EventActor>,
    pub target: Option<EventActor>,
    pub code: CameoCode,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Option<String>,
    pub date: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub evidence: Evidence,
}

/// One bullet of a brief: an extracted (possibly trimmed) sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPoint {
    pub text: String,
    pub evidence: Evidence,
}

/// A wire editor's brief: a headline and a few bullets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct KeyPoints {
    pub headline: String,
    /// Where the headline came from in the text, when it was taken from a sentence rather
    /// than from the article's title.
    pub headline_evidence: Option<Evidence>,
    pub points: Vec<KeyPoint>,
}

/// The reference to one claim taking part in a dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimRef {
    pub article: ArticleId,
    /// Index into that article's [`Analysis::claims`].
    pub claim: usize,
}

/// One side of a dispute: a stance and the claims taking it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisputeSide {
    pub stance: Stance,
    pub claims: Vec<ClaimRef>,
}

/// Where accounts disagree: claims on one proposition with opposite stances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dispute {
    pub proposition: String,
    pub sides: Vec<DisputeSide>,
}

/// Everything newsdesk derives from one article. Produced by `newsdesk-analyze`,
/// deterministic for a given article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub article: ArticleId,
    pub sentences: Vec<Sentence>,
    pub word_count: usize,
    pub key_points: KeyPoints,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    pub disputes: Vec<Dispute>,
    /// The article's actors, most salient first (one entry per distinct actor of
    /// `mentions`). Defaulted when reading analyses stored before the field existed.
    #[serde(default)]
    pub actors: Vec<ArticleActor>,
}

/// One actor of an article with how prominent it is there, so that lists, story centroids
/// and event coders can prefer the actors an article is about over those it only names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleActor {
    /// The actor, as its mentions carry it.
    pub actor: Actor,
    /// The kind of its most frequent mention.
    pub kind: MentionKind,
    /// How many mentions (coreferent ones included) resolve to it.
    pub mentions: usize,
    /// Index of the sentence of its first mention.
    pub first_sentence: usize,
    /// Whether the article's title (or, without one, its first sentence) names it.
    pub in_headline: bool,
    /// The ranking score: grows with the mention count, an early first mention and a
    /// headline mention (see `newsdesk_analyze::actors` for the formula).
    pub salience: f32,
}

impl Analysis {
    /// An empty analysis of `article`, to be filled by the analyzers.
    pub fn empty(article: ArticleId) -> Self {
        Analysis {
            article,
            sentences: Vec::new(),
            word_count: 0,
            key_points: KeyPoints::default(),
            mentions: Vec::new(),
            claims: Vec::new(),
            events: Vec::new(),
            disputes: Vec::new(),
            actors: Vec::new(),
        }
    }
}

/// A story's identifier: stable for the life of a store (the id of its first article).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub String);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A story: the articles that tell one real-world event, with a brief across them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub title: String,
    pub articles: Vec<ArticleId>,
    pub outlets: Vec<String>,
    /// Earliest and latest publication dates of its articles (ISO 8601), when known.
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub key_points: KeyPoints,
    pub disputes: Vec<Dispute>,
}

/// Where a new article went in the story index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub article: ArticleId,
    pub story: StoryId,
    /// Set when the article is a (near-)duplicate of one already seen.
    pub duplicate_of: Option<ArticleId>,
    /// Whether the article started a new story.
    pub new_story: bool,
}

/// An input item that could not become an article, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reject {
    pub origin: SourceRef,
    pub reason: String,
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variants_share_an_id() {
        let a = ArticleId::from_url("https://Example.com/a/?utm_source=x#top");
        let b = ArticleId::from_url("https://example.com/a");
        let c = ArticleId::from_url("http://www.example.com/a/");
        let d = ArticleId::from_url("https://example.com/b");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_ne!(a, d);
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn canonical_url_keeps_meaningful_query() {
        assert_eq!(
            canonical_url("https://ex.com/story?id=7&utm_medium=rss"),
            "https://ex.com/story?id=7"
        );
    }

    #[test]
    fn content_id_ignores_case_and_spacing() {
        let a = ArticleId::from_content(Some("Talks  Resume"), "Iran and the US\n met.");
        let b = ArticleId::from_content(Some("talks resume"), "iran and the us met.");
        let c = ArticleId::from_content(Some("talks resume"), "iran and the us did not meet.");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn span_slice_never_panics() {
        let t = "héllo";
        assert_eq!(Span::new(0, 1).slice(t), "h");
        assert_eq!(Span::new(1, 2).slice(t), ""); // inside 'é'
        assert_eq!(Span::new(3, 99).slice(t), "");
        assert!(Span::new(5, 2).is_empty());
    }
}
