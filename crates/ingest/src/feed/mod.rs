//! Feeds and subscription lists: RSS 0.9x/1.0/2.0, Atom and JSON Feed (through the
//! `feed-rs` crate) and OPML (our own small reader, [`opml`]), turned into plain types of
//! ours.
//!
//! Why our own types over feed-rs's: the rest of newsdesk needs six fields per item (an
//! identity, a link, a title, a date, an author, a summary), resolved and cleaned once
//! here; keeping feed-rs's model out of our signatures means a parser change touches this
//! file only. Why feed-rs: it reads every format named above with one call, including the
//! RSS dialects and date formats found in the wild, and fuzzing found no panic in it.
//!
//! Every failure is a [`FeedError`] whose text starts with "not a feed" or names the limit,
//! so that a reject built from it reads clearly next to the feed's URL.

pub mod opml;

use std::borrow::Cow;

pub use opml::{OpmlError, Subscription, parse_opml};

/// The largest feed document parsed, in bytes. Real feeds are well under 5 MB; the bound
/// keeps a hostile or broken server from making the parser hold gigabytes.
pub const MAX_FEED_BYTES: usize = 20_000_000;

/// Which format a feed was written in (for `newsdesk feeds` and for tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    /// RSS 0.9x (also Netscape's RSS 0.91).
    Rss0,
    /// RSS 1.0 (RDF).
    Rss1,
    /// RSS 2.0.
    Rss2,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.x.
    Json,
}

/// A parsed feed: its own title and link, and its items in document order.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Feed {
    /// The format it was written in.
    pub format: FeedFormat,
    /// The feed's title ("Example News — World"), also the outlet of its items when their
    /// pages do not name one.
    pub title: Option<String>,
    /// The site the feed belongs to (its HTML home page), when given.
    pub link: Option<String>,
    /// The items, in document order (usually newest first).
    pub items: Vec<FeedItem>,
}

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FeedItem {
    /// The item's identity within its feed: RSS `<guid>`, Atom `<id>`, JSON `id`; when the
    /// feed gives none, the item's link, else its title (prefixed `title:`). Used to skip
    /// items already seen, so it must not change between two reads of the same feed.
    pub guid: String,
    /// The page of the item, absolute (resolved against the feed's URL when relative).
    pub url: Option<String>,
    /// The item's title, plain text.
    pub title: Option<String>,
    /// The publication time (else the update time) as RFC 3339 UTC.
    pub published: Option<String>,
    /// The authors' names, joined as a byline ("A", "A and B", "A, B, C").
    pub author: Option<String>,
    /// The item's summary, as plain text (tags removed, whitespace collapsed).
    pub summary: Option<String>,
}

/// Why bytes could not be read as a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// The document is not RSS, Atom or JSON Feed (or is malformed): the parser's reason.
    #[error("not a feed: {0}")]
    NotAFeed(String),
    /// The document is larger than [`MAX_FEED_BYTES`]; it was not parsed.
    #[error("feed is {len} bytes, over the limit of {limit} bytes; not parsed")]
    TooLarge {
        /// Its size.
        len: usize,
        /// [`MAX_FEED_BYTES`].
        limit: usize,
    },
}

/// What a document looks like from its first bytes (see [`sniff_document`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// An RSS, RDF or Atom root element, or a JSON object naming a JSON Feed version.
    Feed,
    /// An `<opml>` root element.
    Opml,
    /// An HTML page (`<!DOCTYPE html>` or `<html>`, or any other markup that is none of
    /// the above).
    Html,
    /// None of these (plain text, JSON that is not a feed, binary data).
    Other,
}

/// How far into a document [`sniff_document`] looks: prologs, comments and doctype
/// declarations of real feeds fit easily.
const SNIFF_LIMIT: usize = 4096;

/// Tell a feed, an OPML list and an HTML page apart from the start of a document, so that
/// `newsdesk ingest URL` can take any of them without being told which.
///
/// XML: the first element's name after the prolog, comments and doctype (`rss`, `RDF`
/// and `feed` are feeds, `opml` is OPML, anything else markup is HTML). JSON: an object
/// whose first 4 KiB mention `jsonfeed.org/version`.
pub fn sniff_document(bytes: &[u8]) -> DocumentKind {
    let head = bytes.get(..SNIFF_LIMIT).unwrap_or(bytes);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return DocumentKind::Other;
    };
    let head = &head[start..];
    if head.first() == Some(&b'{') {
        let text = String::from_utf8_lossy(head);
        return if text.contains("jsonfeed.org/version") {
            DocumentKind::Feed
        } else {
            DocumentKind::Other
        };
    }
    if head.first() != Some(&b'<') {
        return DocumentKind::Other;
    }
    match first_element_name(head) {
        Some(name) => match name.as_str() {
            "rss" | "rdf" | "feed" => DocumentKind::Feed,
            "opml" => DocumentKind::Opml,
            _ => DocumentKind::Html,
        },
        // A doctype `html` or markup we could not name: treat as a page.
        None => DocumentKind::Html,
    }
}

/// The local name (prefix dropped, lowercased) of the first element in `head`, skipping
/// `<?...?>`, `<!-- ... -->` and `<!...>` declarations.
fn first_element_name(head: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<?") {
            i += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            i += find(rest, b"-->")? + 3;
        } else if rest.starts_with(b"<!") {
            if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"doctype") {
                let decl = &rest[..find(rest, b">").unwrap_or(rest.len())];
                if String::from_utf8_lossy(decl)
                    .to_ascii_lowercase()
                    .contains("html")
                {
                    return Some("html".to_string());
                }
            }
            i += find(rest, b">")? + 1;
        } else if rest.starts_with(b"<") {
            let name: Vec<u8> = rest[1..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/'))
                .copied()
                .collect();
            let name = String::from_utf8_lossy(&name).to_ascii_lowercase();
            let local = name.rsplit(':').next().unwrap_or(&name).to_string();
            return (!local.is_empty()).then_some(local);
        } else {
            i += 1;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Parse a feed document (RSS, Atom or JSON Feed, in any encoding its XML prolog declares).
///
/// `base_url` (where the feed came from) resolves relative item links. Items keep document
/// order. Items without any link, title or id still come back (with a `title:` or empty
/// guid); the caller decides what to do with an item that has no page.
pub fn parse_feed(bytes: &[u8], base_url: Option<&str>) -> Result<Feed, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge {
            len: bytes.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    match sniff_document(bytes) {
        DocumentKind::Feed => {}
        DocumentKind::Opml => {
            return Err(FeedError::NotAFeed(
                "the document is an OPML subscription list".into(),
            ));
        }
        DocumentKind::Html => {
            return Err(FeedError::NotAFeed(
                "the document is an HTML page, not RSS, Atom or JSON Feed".into(),
            ));
        }
        DocumentKind::Other => {
            return Err(FeedError::NotAFeed(
                "the document is not XML or JSON Feed".into(),
            ));
        }
    }
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base_url)
        // An empty id tells us the feed gave none; we choose the fallback ourselves.
        .id_generator(|_links, _title, _uri| String::new())
        .build();
    let parsed = parser
        .parse(bytes)
        .map_err(|e| FeedError::NotAFeed(e.to_string()))?;
    let base = base_url.and_then(|b| url::Url::parse(b).ok());
    let format = match parsed.feed_type {
        feed_rs::model::FeedType::Atom => FeedFormat::Atom,
        feed_rs::model::FeedType::JSON => FeedFormat::Json,
        feed_rs::model::FeedType::RSS0 => FeedFormat::Rss0,
        feed_rs::model::FeedType::RSS1 => FeedFormat::Rss1,
        feed_rs::model::FeedType::RSS2 => FeedFormat::Rss2,
    };
    let items = parsed
        .entries
        .iter()
        .map(|e| item_of(e, base.as_ref()))
        .collect();
    Ok(Feed {
        format,
        title: parsed.title.as_ref().and_then(|t| plain(&t.content)),
        link: page_link(&parsed.links, base.as_ref()),
        items,
    })
}

fn item_of(e: &feed_rs::model::Entry, base: Option<&url::Url>) -> FeedItem {
    let url = page_link(&e.links, base);
    let title = e.title.as_ref().and_then(|t| plain(&t.content));
    let guid = if !e.id.trim().is_empty() {
        e.id.trim().to_string()
    } else if let Some(u) = &url {
        u.clone()
    } else if let Some(t) = &title {
        format!("title:{t}")
    } else {
        String::new()
    };
    let names: Vec<String> = e
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .filter_map(plain)
        .collect();
    let author = match names.as_slice() {
        [] => None,
        [a] => Some(a.clone()),
        [a, b] => Some(format!("{a} and {b}")),
        many => Some(many.join(", ")),
    };
    let summary = e
        .summary
        .as_ref()
        .map(|s| s.content.as_str())
        .or_else(|| e.content.as_ref().and_then(|c| c.body.as_deref()))
        .and_then(plain);
    FeedItem {
        guid,
        url,
        title,
        published: e
            .published
            .or(e.updated)
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        author,
        summary,
    }
}

/// The link to an item's (or a feed's) HTML page: the first link with no `rel` or with
/// `rel="alternate"` (Atom's page link), else the first link; resolved against `base`.
/// Only http(s) links are pages we can fetch.
fn page_link(links: &[feed_rs::model::Link], base: Option<&url::Url>) -> Option<String> {
    let chosen = links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| links.first())?;
    resolve(chosen.href.trim(), base)
}

/// `href` as an absolute http(s) URL, resolved against `base` when relative.
pub(crate) fn resolve(href: &str, base: Option<&url::Url>) -> Option<String> {
    if href.is_empty() {
        return None;
    }
    let parsed = match url::Url::parse(href) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// Text of a title or summary as plain text: tags removed, the common entities decoded,
/// whitespace collapsed; `None` when nothing is left.
fn plain(s: &str) -> Option<String> {
    let s: Cow<'_, str> = if s.contains('<') {
        Cow::Owned(strip_tags(s))
    } else {
        Cow::Borrowed(s)
    };
    let s = if s.contains('&') {
        Cow::Owned(decode_entities(&s))
    } else {
        s
    };
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The handful of entities left in feed text after XML parsing (HTML escaped twice).
fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example &amp; Co</title><link>https://example.org/</link>
<item><title>First &lt;b&gt;story&lt;/b&gt;</title><link>/news/1</link><guid isPermaLink="false">id-1</guid>
<pubDate>Tue, 24 Jun 2025 10:00:00 +0200</pubDate><author>jane@example.org (Jane Roe)</author>
<description>&lt;p&gt;Short  summary&lt;/p&gt;</description></item>
<item><title>No guid</title><link>https://example.org/news/2</link></item>
<item><description>nothing else</description></item>
</channel></rss>"#;

    #[test]
    fn rss2_items_resolved_and_cleaned() {
        let f = parse_feed(RSS.as_bytes(), Some("https://example.org/feed.xml")).unwrap();
        assert_eq!(f.format, FeedFormat::Rss2);
        assert_eq!(f.title.as_deref(), Some("Example & Co"));
        assert_eq!(f.items.len(), 3);
        let a = &f.items[0];
        assert_eq!(a.guid, "id-1");
        assert_eq!(a.url.as_deref(), Some("https://example.org/news/1"));
        assert_eq!(a.title.as_deref(), Some("First story"));
        assert_eq!(a.published.as_deref(), Some("2025-06-24T08:00:00Z"));
        assert_eq!(a.summary.as_deref(), Some("Short summary"));
        assert!(a.author.as_deref().unwrap_or("").contains("Jane Roe"));
        // No guid: the link is the identity.
        assert_eq!(f.items[1].guid, "https://example.org/news/2");
        assert_eq!(f.items[2].guid, "");
        assert_eq!(f.items[2].url, None);
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom site</title><id>urn:x</id><updated>2025-06-24T00:00:00Z</updated>
<entry><id>urn:e1</id><title type="html">A &amp;amp; B</title>
<link rel="alternate" href="https://atom.example/a"/><link rel="edit" href="https://atom.example/edit"/>
<updated>2025-06-25T12:00:00Z</updated><author><name>Ann Lee</name></author><author><name>Bo Chan</name></author></entry></feed>"#;
        let f = parse_feed(atom.as_bytes(), None).unwrap();
        assert_eq!(f.format, FeedFormat::Atom);
        let e = &f.items[0];
        assert_eq!(e.guid, "urn:e1");
        assert_eq!(e.url.as_deref(), Some("https://atom.example/a"));
        assert_eq!(e.title.as_deref(), Some("A & B"));
        assert_eq!(e.published.as_deref(), Some("2025-06-25T12:00:00Z"));
        assert_eq!(e.author.as_deref(), Some("Ann Lee and Bo Chan"));

        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
{"id":"7","url":"https://j.example/7","title":"Seven","date_published":"2025-06-01T08:00:00-04:00"}]}"#;
        let f = parse_feed(json.as_bytes(), None).unwrap();
        assert_eq!(f.format, FeedFormat::Json);
        assert_eq!(f.items[0].guid, "7");
        assert_eq!(
            f.items[0].published.as_deref(),
            Some("2025-06-01T12:00:00Z")
        );
    }

    #[test]
    fn not_feeds_are_clear_errors() {
        let e = parse_feed(b"<!DOCTYPE html><html><body>hi</body></html>", None).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("not a feed: the document is an HTML page")
        );
        let e = parse_feed(b"just words", None).unwrap_err();
        assert!(e.to_string().contains("not XML"));
        let e = parse_feed(b"<rss version=\"2.0\"><channel><item>", None);
        // Truncated XML is either an error or an empty-ish feed, never a panic.
        let _ = e;
        let e = parse_feed(b"<opml version=\"2.0\"></opml>", None).unwrap_err();
        assert!(e.to_string().contains("OPML"));
    }

    #[test]
    fn sniffing() {
        assert_eq!(
            sniff_document(b"\xEF\xBB\xBF <?xml version='1.0'?><!-- c --><rss>"),
            DocumentKind::Feed
        );
        assert_eq!(
            sniff_document(b"<rdf:RDF xmlns:rdf='x'>"),
            DocumentKind::Feed
        );
        assert_eq!(
            sniff_document(b"<?xml?>\n<opml version='1.0'>"),
            DocumentKind::Opml
        );
        assert_eq!(sniff_document(b"<!doctype html><html>"), DocumentKind::Html);
        assert_eq!(sniff_document(b"<html lang=en>"), DocumentKind::Html);
        assert_eq!(sniff_document(b"{\"a\":1}"), DocumentKind::Other);
        assert_eq!(sniff_document(b""), DocumentKind::Other);
        assert_eq!(sniff_document(b"<"), DocumentKind::Html);
    }
}
