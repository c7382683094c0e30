//! OPML subscription lists: the file feed readers export, an `<opml>` document whose
//! `<outline>` elements (nested into folders to any depth) name feeds by `xmlUrl`.
//!
//! Our own reader over quick-xml rather than a crate: the format is a dozen lines of
//! rules, and we want its errors and its limits (outline count) to be ours.

use quick_xml::events::{BytesStart, Event};

/// At most this many subscriptions are read from one list: a bound on memory and on the
/// work one `watch` round can be asked to do.
pub const MAX_SUBSCRIPTIONS: usize = 10_000;

/// One feed named by an OPML list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Subscription {
    /// The feed's URL (`xmlUrl`), resolved against the list's own URL when relative.
    pub xml_url: String,
    /// The site's page (`htmlUrl`), when given.
    pub html_url: Option<String>,
    /// The name shown for the feed (`title`, else `text`).
    pub title: Option<String>,
    /// The folders it sits in, outermost first (their `title` or `text`).
    pub folders: Vec<String>,
}

/// Why bytes could not be read as an OPML subscription list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OpmlError {
    /// Not XML, or XML whose root is not `<opml>`.
    #[error("not an OPML subscription list: {0}")]
    NotOpml(String),
    /// Malformed XML inside the list, with the byte offset where the reader stopped.
    #[error("malformed OPML at byte {offset}: {message}")]
    Malformed {
        /// Where in the document.
        offset: u64,
        /// quick-xml's reason.
        message: String,
    },
}

/// Read the subscriptions of an OPML document, in document order, folders flattened
/// (each subscription keeps its folder path). Outlines without `xmlUrl` are folders or
/// notes and yield nothing themselves; an `xmlUrl` that is not an http(s) URL (after
/// resolution against `base_url`) is skipped. Duplicate URLs are kept once.
pub fn parse_opml(bytes: &[u8], base_url: Option<&str>) -> Result<Vec<Subscription>, OpmlError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let base = base_url.and_then(|b| url::Url::parse(b).ok());
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut subs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // The open outlines: Some(folder name) for folders, None for feed outlines.
    let mut stack: Vec<Option<String>> = Vec::new();
    let mut root_seen = false;
    loop {
        let event = reader.read_event().map_err(|e| OpmlError::Malformed {
            offset: reader.error_position(),
            message: e.to_string(),
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if !root_seen => {
                if !name_is(e.local_name().as_ref(), "opml") {
                    return Err(OpmlError::NotOpml(format!(
                        "the root element is <{}>",
                        e.name().as_ref()
                    )));
                }
                root_seen = true;
            }
            Event::Start(e) if is_outline(&e) => {
                let o = outline(&e);
                let folder = if o.xml_url.is_some() {
                    None
                } else {
                    Some(o.title.clone().unwrap_or_default())
                };
                push_sub(&mut subs, &mut seen, o, &stack, base.as_ref());
                stack.push(folder);
            }
            Event::Empty(e) if is_outline(&e) => {
                push_sub(&mut subs, &mut seen, outline(&e), &stack, base.as_ref());
            }
            Event::End(e) if name_is(e.local_name().as_ref(), "outline") => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        if subs.len() >= MAX_SUBSCRIPTIONS {
            break;
        }
    }
    if !root_seen {
        return Err(OpmlError::NotOpml("no <opml> element".into()));
    }
    Ok(subs)
}

fn is_outline(e: &BytesStart<'_>) -> bool {
    name_is(e.local_name().as_ref(), "outline")
}

/// Whether an element or attribute name is `want`, ignoring ASCII case.
fn name_is(name: &str, want: &str) -> bool {
    name.eq_ignore_ascii_case(want)
}

/// The attributes of one `<outline>` we use.
struct Outline {
    xml_url: Option<String>,
    html_url: Option<String>,
    title: Option<String>,
}

fn outline(e: &BytesStart<'_>) -> Outline {
    let mut o = Outline {
        xml_url: None,
        html_url: None,
        title: None,
    };
    let mut text = None;
    for attr in e.attributes().flatten() {
        let Ok(value) = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
            continue;
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        // Attribute names are case-sensitive in XML, but exporters disagree on `xmlUrl`
        // versus `xmlurl`, so match them without case.
        let key = attr.key.local_name();
        let key = key.as_ref();
        if name_is(key, "xmlUrl") {
            o.xml_url = Some(value);
        } else if name_is(key, "htmlUrl") {
            o.html_url = Some(value);
        } else if name_is(key, "title") {
            o.title = Some(value);
        } else if name_is(key, "text") {
            text = Some(value);
        }
    }
    if o.title.is_none() {
        o.title = text;
    }
    o
}

fn push_sub(
    subs: &mut Vec<Subscription>,
    seen: &mut std::collections::HashSet<String>,
    o: Outline,
    stack: &[Option<String>],
    base: Option<&url::Url>,
) {
    let Some(xml_url) = o.xml_url.and_then(|u| super::resolve(&u, base)) else {
        return;
    };
    if !seen.insert(xml_url.clone()) {
        return;
    }
    subs.push(Subscription {
        xml_url,
        html_url: o.html_url.and_then(|u| super::resolve(&u, base)),
        title: o.title,
        folders: stack.iter().flatten().cloned().collect(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines() {
        let doc = br#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline text="World" title="World desk">
      <outline type="rss" text="A" xmlUrl="https://a.example/feed.xml" htmlUrl="https://a.example/"/>
    </outline>
    <outline type="rss" title="B &amp; C" xmlUrl="/b.xml"></outline>
  </outline>
  <outline type="rss" text="dup" xmlUrl="https://a.example/feed.xml"/>
  <outline type="rss" text="mail" xmlUrl="mailto:x@example.org"/>
  <outline text="empty folder"/>
</body></opml>"#;
        let subs = parse_opml(doc, Some("https://lists.example/me.opml")).unwrap();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].xml_url, "https://a.example/feed.xml");
        assert_eq!(subs[0].html_url.as_deref(), Some("https://a.example/"));
        assert_eq!(subs[0].title.as_deref(), Some("A"));
        assert_eq!(subs[0].folders, vec!["News", "World desk"]);
        assert_eq!(subs[1].xml_url, "https://lists.example/b.xml");
        assert_eq!(subs[1].title.as_deref(), Some("B & C"));
        assert_eq!(subs[1].folders, vec!["News"]);
    }

    #[test]
    fn errors() {
        let e = parse_opml(b"<rss></rss>", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not an OPML subscription list: the root element is <rss>"
        );
        assert!(matches!(
            parse_opml(b"plain text", None),
            Err(OpmlError::NotOpml(_))
        ));
        assert!(matches!(
            parse_opml(b"<opml><body><outline xmlUrl='x></body>", None),
            Err(OpmlError::Malformed { .. })
        ));
    }
}
