//! Page metadata: title, authors, dates, language, canonical URL, publisher, and the
//! signals the page type needs.
//!
//! Sources in order of trust: JSON-LD (the article object: `NewsArticle`, `Article`,
//! `BlogPosting`... found through arrays, `@graph` and `@id` references), then meta tags
//! (OpenGraph, `article:*`, Dublin Core, Parse.ly, Sailthru, `itemprop`), then `<time>`
//! elements, then bylines and dates in visible text, then the URL. Publication and
//! update are kept apart at every level: a `dateModified` never fills `published`.

use super::dates::{DateSource, PageDate, parse_page_date, parse_text_date, url_date};
use super::dom::{Doc, T, flag};
use serde_json::Value;
use std::collections::HashMap;

/// What the metadata pass found.
#[derive(Debug, Default, Clone)]
pub(crate) struct Meta {
    pub title: Option<String>,
    /// The `<title>` element (for page typing: "404 Not Found").
    pub html_title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub lang: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    /// `og:type`, lower-cased.
    pub og_type: Option<String>,
    /// Every JSON-LD `@type` on the page.
    pub ld_types: Vec<String>,
    /// Whether the JSON-LD article object exists (a strong article signal).
    pub ld_article: bool,
    /// JSON-LD `articleBody`, when given.
    pub ld_body: Option<String>,
    /// JSON-LD `isAccessibleForFree: false`.
    pub paywalled: bool,
}

/// JSON-LD types that are one article.
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "askpublicnewsarticle",
    "article",
    "blogposting",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "socialmediaposting",
    "medicalwebpage",
    "review",
];

/// Meta names (lower-cased `name`, `property` or `itemprop`) holding the publication
/// date, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "article_date_original",
    "date",
    "release_date",
    "datecreated",
];

/// Meta names holding the last update.
const UPDATED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "datemodified",
    "og:updated_time",
    "article:updated_time",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
];

/// Meta names holding the author.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "byl",
    "cxenseparse:author",
];

pub(crate) fn extract(doc: &Doc<'_>, url: Option<&str>) -> Meta {
    let mut m = Meta {
        html_title: doc.title.clone(),
        ..Meta::default()
    };
    let tags = meta_tags(doc);
    let get = |k: &str| {
        tags.get(k)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    };
    let ld = json_ld(doc);

    // Dates.
    if let Some(a) = &ld.article {
        m.published = date_from(a.get("datePublished"), DateSource::JsonLd)
            .or_else(|| date_from(a.get("dateCreated"), DateSource::JsonLd));
        m.updated = date_from(a.get("dateModified"), DateSource::JsonLd);
    }
    if m.published.is_none() {
        m.published = PUBLISHED_KEYS
            .iter()
            .filter_map(|k| get(k))
            .find_map(|v| page_date(v, DateSource::Meta));
    }
    if m.published.is_none()
        && let Some(p) = &ld.page
    {
        m.published = date_from(p.get("datePublished"), DateSource::JsonLd);
    }
    if m.updated.is_none() {
        m.updated = UPDATED_KEYS
            .iter()
            .filter_map(|k| get(k))
            .find_map(|v| page_date(v, DateSource::Meta));
    }
    if m.published.is_none() {
        m.published = time_elements(doc);
    }
    if m.published.is_none() {
        m.published = text_dates(doc);
    }
    if m.published.is_none()
        && let Some(d) = url
            .and_then(url_date)
            .or_else(|| get("og:url").and_then(url_date))
    {
        m.published = Some(PageDate {
            value: d.format("%Y-%m-%d").to_string(),
            timezone: None,
            source: DateSource::Url,
        });
    }
    // An "update" equal to or before the publication is not an update.
    if let (Some(p), Some(u)) = (&m.published, &m.updated)
        && u.value <= p.value
    {
        m.updated = None;
    }

    // Site name, before authors (an author equal to the site is not a person).
    m.site_name = get("og:site_name")
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| get("application-name").map(str::to_string))
        .map(|s| clean_space(&s));

    // Authors.
    if let Some(a) = &ld.article {
        m.authors = ld_authors(a.get("author"), &ld.by_id);
    }
    if m.authors.is_empty()
        && let Some(a) = &ld.page
    {
        m.authors = ld_authors(a.get("author"), &ld.by_id);
    }
    if m.authors.is_empty() {
        m.authors = AUTHOR_KEYS
            .iter()
            .filter_map(|k| get(k))
            .filter(|v| !v.starts_with("http"))
            .filter_map(clean_byline)
            .take(1)
            .collect();
    }
    if m.authors.is_empty() {
        m.authors = byline_elements(doc).into_iter().collect();
    }
    let site = m.site_name.as_deref().map(fold);
    m.authors.retain(|a| Some(fold(a)) != site && !a.is_empty());
    m.authors.dedup();

    // Title.
    let ld_title = ld
        .article
        .as_ref()
        .and_then(|a| str_of(a.get("headline")).or_else(|| str_of(a.get("name"))));
    let og_title = get("og:title")
        .or_else(|| get("twitter:title"))
        .map(clean_space);
    let h1 = first_h1(doc);
    m.title = choose_title(
        h1.as_deref(),
        ld_title.as_deref(),
        og_title.as_deref(),
        doc.title.as_deref(),
        m.site_name.as_deref(),
    );

    // Language.
    m.lang = doc
        .lang
        .clone()
        .or_else(|| {
            ld.article
                .as_ref()
                .and_then(|a| str_of(a.get("inLanguage")))
        })
        .or_else(|| get("content-language").map(str::to_string))
        .or_else(|| get("og:locale").map(|l| l.replace('_', "-")))
        .or_else(|| get("language").map(str::to_string))
        .map(|l| l.trim().to_string())
        .filter(|l| l.len() <= 35 && !l.is_empty());

    // Canonical URL.
    let canonical = doc.links.iter().find_map(|&i| {
        let rel = doc.attr(i, "rel")?;
        rel.split_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| doc.attr(i, "href"))
            .flatten()
            .map(|h| h.trim().to_string())
    });
    m.canonical_url = canonical
        .or_else(|| get("og:url").map(str::to_string))
        .and_then(|c| absolutise(&c, url))
        .or_else(|| url.map(str::to_string));

    m.og_type = get("og:type").map(|t| t.trim().to_ascii_lowercase());
    m.ld_types = ld.types;
    m.ld_article = ld.article.is_some();
    m.ld_body = ld
        .article
        .as_ref()
        .and_then(|a| str_of(a.get("articleBody")))
        .filter(|b| b.len() > 200);
    m.paywalled = ld.article.as_ref().is_some_and(|a| {
        matches!(a.get("isAccessibleForFree"), Some(Value::Bool(false)))
            || a.get("isAccessibleForFree")
                .and_then(Value::as_str)
                .is_some_and(|s| s.eq_ignore_ascii_case("false"))
    });
    m
}

/// Lower-cased meta names to contents (the first occurrence wins). `itemprop` metas and
/// `<time itemprop>`/`<span itemprop content>` count as meta tags too.
fn meta_tags(doc: &Doc<'_>) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for &i in &doc.metas {
        let key = doc
            .attr(i, "property")
            .or_else(|| doc.attr(i, "name"))
            .or_else(|| doc.attr(i, "itemprop"))
            .or_else(|| doc.attr(i, "http-equiv"));
        let (Some(k), Some(v)) = (key, doc.attr(i, "content")) else {
            continue;
        };
        tags.entry(k.trim().to_ascii_lowercase())
            .or_insert_with(|| v.trim().to_string());
    }
    for &i in &doc.marked {
        let Some(n) = doc.nodes.get(i as usize) else {
            continue;
        };
        if n.flags & flag::ITEMPROP == 0 || n.tag == T::Meta {
            continue;
        }
        let Some(k) = doc.attr(i, "itemprop") else {
            continue;
        };
        let k = k.trim().to_ascii_lowercase();
        if !(k.starts_with("date") || k == "headline") {
            continue;
        }
        let v = doc
            .attr(i, "content")
            .or_else(|| doc.attr(i, "datetime"))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| doc.inner_text(i));
        if !v.is_empty() {
            tags.entry(k).or_insert(v);
        }
    }
    tags
}

/// What the JSON-LD blocks hold.
#[derive(Default)]
struct Ld {
    article: Option<serde_json::Map<String, Value>>,
    /// A `WebPage` object (its dates are a weaker fallback).
    page: Option<serde_json::Map<String, Value>>,
    publisher: Option<String>,
    types: Vec<String>,
    by_id: HashMap<String, Value>,
}

fn json_ld(doc: &Doc<'_>) -> Ld {
    let mut ld = Ld::default();
    let mut objects = Vec::new();
    for raw in &doc.json_ld {
        if let Some(v) = parse_json_lenient(raw) {
            collect_objects(v, &mut objects, 0);
        }
    }
    for o in &objects {
        if let Some(Value::String(id)) = o.get("@id") {
            ld.by_id
                .entry(id.clone())
                .or_insert_with(|| Value::Object(o.clone()));
        }
    }
    let mut best_rank = usize::MAX;
    for o in objects {
        let types = types_of(&o);
        let rank = types
            .iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min();
        if ld.publisher.is_none()
            && let Some(p) = o.get("publisher")
        {
            ld.publisher = name_of(p, &ld.by_id);
        }
        if let Some(r) = rank
            && r < best_rank
        {
            best_rank = r;
            ld.article = Some(o.clone());
        } else if ld.page.is_none() && types.iter().any(|t| t.ends_with("webpage")) {
            ld.page = Some(o.clone());
        }
        ld.types.extend(types);
    }
    ld
}

/// Parse a JSON-LD block, tolerating what pages get wrong: HTML comment or CDATA
/// wrappers, raw control characters in strings, a trailing `;`.
fn parse_json_lenient(raw: &str) -> Option<Value> {
    let mut s = raw.trim();
    for p in ["<!--", "//<![CDATA[", "<![CDATA["] {
        s = s.strip_prefix(p).unwrap_or(s).trim();
    }
    for p in ["-->", "//]]>", "]]>", ";"] {
        s = s.strip_suffix(p).unwrap_or(s).trim();
    }
    if s.is_empty() || s.len() > 4_000_000 {
        return None;
    }
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    let fixed: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str(&fixed).ok()
}

/// Every object in a JSON-LD value: arrays flattened, `@graph` entered, and objects
/// nested as `mainEntity`/`mainEntityOfPage`/`itemListElement` kept as well.
fn collect_objects(v: Value, out: &mut Vec<serde_json::Map<String, Value>>, depth: usize) {
    if depth > 8 || out.len() > 500 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                collect_objects(x, out, depth + 1);
            }
        }
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                collect_objects(g, out, depth + 1);
            }
            for k in ["mainEntity", "mainEntityOfPage"] {
                if let Some(x @ Value::Object(_)) = o.get(k)
                    && x.get("@type").is_some()
                {
                    collect_objects(x.clone(), out, depth + 1);
                }
            }
            if o.get("@type").is_some() {
                out.push(o);
            }
        }
        _ => {}
    }
}

/// Lower-cased `@type`s of an object (a string or a list).
fn types_of(o: &serde_json::Map<String, Value>) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(t)) => vec![short_type(t)],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(short_type).collect(),
        _ => Vec::new(),
    }
}

fn short_type(t: &str) -> String {
    t.rsplit(['/', ':'])
        .next()
        .unwrap_or(t)
        .trim()
        .to_ascii_lowercase()
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(clean_space(s)).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("@value")),
        _ => None,
    }
}

fn date_from(v: Option<&Value>, source: DateSource) -> Option<PageDate> {
    page_date(&str_of(v)?, source)
}

fn page_date(raw: &str, source: DateSource) -> Option<PageDate> {
    let (value, timezone) = parse_page_date(raw)?;
    Some(PageDate {
        value,
        timezone,
        source,
    })
}

/// The name of a JSON-LD person or organisation value (string, object, `@id` reference).
fn name_of(v: &Value, by_id: &HashMap<String, Value>) -> Option<String> {
    match v {
        Value::String(s) => {
            Some(clean_space(s)).filter(|s| !s.is_empty() && !s.starts_with("http"))
        }
        Value::Array(a) => a.iter().find_map(|x| name_of(x, by_id)),
        Value::Object(o) => {
            if let Some(n) = str_of(o.get("name")) {
                return Some(n);
            }
            let id = o.get("@id")?.as_str()?;
            let target = by_id.get(id)?;
            match target {
                Value::Object(t) => str_of(t.get("name")),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Authors from a JSON-LD `author` value: people (and organisations, which the caller
/// drops when they are the publisher), cleaned.
fn ld_authors(v: Option<&Value>, by_id: &HashMap<String, Value>) -> Vec<String> {
    let Some(v) = v else {
        return Vec::new();
    };
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        x => vec![x],
    };
    items
        .into_iter()
        .filter_map(|x| name_of(x, by_id))
        .filter_map(|n| clean_byline(&n))
        .take(10)
        .collect()
}

/// The first `<time>` that dates the article: one marked as published (by `itemprop`,
/// class or `pubdate`), else the first one not marked as an update.
fn time_elements(doc: &Doc<'_>) -> Option<PageDate> {
    let mut first = None;
    for &i in &doc.times {
        let raw = doc
            .attr(i, "datetime")
            .map(|d| d.to_string())
            .unwrap_or_else(|| doc.inner_text(i));
        let Some(d) = page_date(&raw, DateSource::Time) else {
            continue;
        };
        let marks = format!(
            "{} {} {}",
            doc.attr(i, "itemprop").unwrap_or_default(),
            doc.attr(i, "class").unwrap_or_default(),
            doc.nodes
                .get(i as usize)
                .and_then(|n| doc.attr(n.parent, "class"))
                .unwrap_or_default()
        )
        .to_ascii_lowercase();
        if marks.contains("modified") || marks.contains("updated") {
            continue;
        }
        if marks.contains("published")
            || marks.contains("pubdate")
            || doc.attr(i, "pubdate").is_some()
        {
            return Some(d);
        }
        if first.is_none() {
            first = Some(d);
        }
    }
    first
}

/// A date written in an element whose class names a date ("post-date", "published").
fn text_dates(doc: &Doc<'_>) -> Option<PageDate> {
    for &i in doc.marked.iter().take(200) {
        let Some(n) = doc.nodes.get(i as usize) else {
            continue;
        };
        if n.flags & flag::DATE == 0 || n.end.saturating_sub(i) > 30 {
            continue;
        }
        let class = doc
            .attr(i, "class")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if class.contains("update") || class.contains("modified") {
            continue;
        }
        let text = doc.inner_text(i);
        if text.len() > 200 {
            continue;
        }
        if let Some(d) = parse_text_date(&text) {
            return Some(PageDate {
                value: d.format("%Y-%m-%d").to_string(),
                timezone: None,
                source: DateSource::Text,
            });
        }
    }
    None
}

/// A byline from elements marked as author or byline.
fn byline_elements(doc: &Doc<'_>) -> Option<String> {
    for &i in doc.marked.iter().take(300) {
        let Some(n) = doc.nodes.get(i as usize) else {
            continue;
        };
        if n.flags & flag::BYLINE == 0 || n.flags & flag::HIDDEN != 0 {
            continue;
        }
        if n.end.saturating_sub(i) > 40 {
            continue;
        }
        let class = doc
            .attr(i, "class")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if class.contains("bio") || class.contains("avatar") || class.contains("img") {
            continue;
        }
        let text = doc
            .attr(i, "content")
            .map(|c| c.to_string())
            .unwrap_or_else(|| doc.inner_text(i));
        if let Some(b) = clean_byline(&text) {
            return Some(b);
        }
    }
    None
}

/// Noise that pages put around a byline.
const BYLINE_NOISE: &[&str] = &[
    "email the author",
    "follow the author",
    "view all posts",
    "posts by",
    "more from",
    "written by",
    "reviewed by",
    "posted by",
    "published by",
    "author:",
    "authors:",
    "by:",
];

/// Clean a byline: "By Jane Doe | Staff Writer · 5 minutes ago" → "Jane Doe". `None`
/// when nothing name-like is left (a date, a URL, one word of noise, a sentence).
pub(crate) fn clean_byline(raw: &str) -> Option<String> {
    let mut s = clean_space(raw);
    // Cut at separators after which come roles, dates and links.
    for sep in [
        " | ",
        " • ",
        " · ",
        "\u{2014} ",
        " - ",
        "Updated",
        "Published",
        "Posted on",
        " on ",
    ] {
        if let Some(i) = s.find(sep)
            && i > 0
        {
            s.truncate(i);
        }
    }
    let mut t = s.trim().to_string();
    loop {
        let lower = t.to_lowercase();
        let before = t.len();
        for n in BYLINE_NOISE {
            if lower.starts_with(n) {
                t = t[n.len()..].trim().to_string();
                break;
            }
        }
        let lower = t.to_lowercase();
        if lower.starts_with("by ") {
            t = t[3..].trim().to_string();
        }
        if t.len() == before {
            break;
        }
    }
    let t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '-' | '·'));
    let words = t.split_whitespace().count();
    if t.is_empty()
        || words > 12
        || t.len() > 120
        || t.starts_with("http")
        || t.contains('@') && !t.contains(' ')
        || parse_text_date(t).is_some()
        || !t.chars().next().is_some_and(char::is_alphabetic)
        || t.ends_with('.') && words > 4
    {
        return None;
    }
    let lower = t.to_lowercase();
    if [
        "admin",
        "staff",
        "editor",
        "author",
        "guest",
        "unknown",
        "anonymous",
    ]
    .contains(&lower.as_str())
    {
        return None;
    }
    Some(t.to_string())
}

/// The first visible `<h1>` with some text.
fn first_h1(doc: &Doc<'_>) -> Option<String> {
    doc.h1s.iter().find_map(|&i| {
        let n = doc.nodes.get(i as usize)?;
        if n.flags & flag::HIDDEN != 0 {
            return None;
        }
        let t = doc.inner_text(i);
        (t.chars().count() >= 3 && t.len() < 400).then_some(t)
    })
}

/// Choose the headline among the candidates. The visible `<h1>` is what readers (and
/// annotators) call the title, when it agrees with a metadata title; otherwise the
/// metadata title (JSON-LD headline, `og:title`, `<title>`) with any site-name suffix cut.
fn choose_title(
    h1: Option<&str>,
    ld: Option<&str>,
    og: Option<&str>,
    html: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let metas: Vec<&str> = [ld, og, html].into_iter().flatten().collect();
    if let Some(h) = h1 {
        let fh = fold(h);
        if metas.iter().any(|m| {
            let fm = fold(m);
            fm == fh || fm.starts_with(&fh) || fm.contains(&fh) && fh.len() > 15
        }) {
            return Some(h.to_string());
        }
    }
    let meta = ld
        .or(og)
        .map(|t| strip_site(t, site))
        .or_else(|| html.map(|t| strip_site(t, site)));
    match (meta, h1) {
        (Some(m), _) if !m.is_empty() => Some(m),
        (_, Some(h)) => Some(h.to_string()),
        _ => None,
    }
}

/// A title without its " | Site" / " - Site" suffix (or "Site | " prefix).
fn strip_site(t: &str, site: Option<&str>) -> String {
    let t = clean_space(t);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_is_site = site
                .is_some_and(|s| fold(tail).contains(&fold(s)) || fold(s).contains(&fold(tail)))
                || tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if tail_is_site && !head.trim().is_empty() {
                return strip_site(head.trim(), site);
            }
        }
    }
    t
}

/// An absolute URL from a possibly relative `href`, against the page URL.
fn absolutise(href: &str, base: Option<&str>) -> Option<String> {
    let h = href.trim();
    if h.is_empty() {
        return None;
    }
    if h.starts_with("http://") || h.starts_with("https://") {
        return Some(h.to_string());
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if let Some(rest) = h.strip_prefix("//") {
        return Some(format!("{}{}", &base[..scheme_end], rest));
    }
    if h.starts_with('/') {
        return Some(format!("{}{}", &base[..host_end], h));
    }
    None
}

/// Whitespace runs to one space, trimmed.
pub(crate) fn clean_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case, whitespace-collapsed: for comparing names and titles.
pub(crate) fn fold(s: &str) -> String {
    clean_space(s).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            clean_byline("By Jane Doe | Staff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_byline("  Written by  Jane Doe ").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_byline("By JANE DOE and John Roe").as_deref(),
            Some("JANE DOE and John Roe")
        );
        assert_eq!(clean_byline("June 3, 2025"), None);
        assert_eq!(clean_byline("https://example.com/jane"), None);
        assert_eq!(clean_byline("Admin"), None);
        assert_eq!(clean_byline("Email the author"), None);
    }

    #[test]
    fn titles() {
        assert_eq!(
            strip_site(
                "Big News Today | The Daily Planet",
                Some("The Daily Planet")
            ),
            "Big News Today"
        );
        assert_eq!(
            choose_title(
                Some("Big News"),
                None,
                Some("Big News - Planet"),
                None,
                None
            )
            .as_deref(),
            Some("Big News")
        );
        assert_eq!(
            choose_title(Some("Menu"), Some("Storm hits coast"), None, None, None).as_deref(),
            Some("Storm hits coast")
        );
    }

    #[test]
    fn urls() {
        assert_eq!(
            absolutise("/a/b", Some("https://x.org/c/d")).as_deref(),
            Some("https://x.org/a/b")
        );
        assert_eq!(
            absolutise("https://y.org/", None).as_deref(),
            Some("https://y.org/")
        );
        assert_eq!(absolutise("rel", Some("https://x.org/")), None);
    }
}
