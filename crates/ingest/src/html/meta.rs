//! Page metadata: title, authors, dates, language, canonical URL, publisher, and the
//! signals the page type needs.
//!
//! Sources in order of trust: JSON-LD (the article object: `NewsArticle`, `Article`,
//! `BlogPosting`... found through arrays, `@graph` and `@id` references), then meta tags
//! (OpenGraph, `article:*`, Dublin Core, Parse.ly, Sailthru, `itemprop`), then `<time>`
//! elements, then bylines and dates in visible text, then the URL. Publication and
//! update are kept apart at every level: a `dateModified` never fills `published`, and a
//! printed "Last updated" date fills only `updated`.
//!
//! Site labels are recognised wherever the page states them: `og:site_name`, the tail a
//! metadata title puts after its separator, what `<title>` adds around `og:title`
//! ("Blog: Post"), a host name segment. A numeric date that reads both ways takes the
//! reading the metadata or the URL confirms; a masthead's "today" is never a date of
//! the article.

use super::dates::{
    DateSource, PageDate, parse_page_date, parse_text_date, parse_text_date_hinted, url_date,
};
use super::dom::{Doc, T, flag};
use chrono::NaiveDate;
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
    "published",
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

    // Site name, before authors (an author equal to the site is not a person).
    m.site_name = get("og:site_name")
        .map(str::to_string)
        .or_else(|| ld.publisher.clone())
        .or_else(|| get("application-name").map(str::to_string))
        .map(|s| clean_space(&s));

    // Title.
    let ld_title = ld
        .article
        .as_ref()
        .and_then(|a| str_of(a.get("headline")).or_else(|| str_of(a.get("name"))));
    let og_title = get("og:title")
        .or_else(|| get("twitter:title"))
        .map(clean_space);
    // A JSON-LD headline cut short (schema plugins cap it at 110 characters) is the
    // start of the page's full title: that full title, without its site suffix.
    let ld_title = ld_title.map(|l| {
        [og_title.as_deref(), doc.title.as_deref()]
            .into_iter()
            .flatten()
            .map(|t| strip_site(t, None))
            .find(|full| truncated_of(&l, full))
            .unwrap_or(l)
    });
    let h1s = visible_h1s(doc);
    let calls_itself_article = ld.article.is_some()
        || get("og:type").is_some_and(|t| t.trim().eq_ignore_ascii_case("article"));
    m.title = choose_title_with(
        &h1s,
        ld_title.as_deref(),
        og_title.as_deref(),
        doc.title.as_deref(),
        m.site_name.as_deref(),
        calls_itself_article,
    )
    .map(|t| tidy_title(&t))
    .filter(|t| !t.is_empty());

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
    if m.published.is_none() {
        // Site-specific names that still say what they hold ("w-published-date",
        // "article.publish_time"): in name order, so the choice does not depend on
        // the map's.
        let mut keys: Vec<&String> = tags
            .keys()
            .filter(|k| {
                k.contains("publish")
                    && (k.contains("date") || k.contains("time"))
                    && !k.contains("modif")
                    && !k.contains("updat")
            })
            .collect();
        keys.sort();
        m.published = keys
            .into_iter()
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
    // What the page states elsewhere, to read a numeric date that reads both ways.
    let url_day = url
        .and_then(url_date)
        .or_else(|| get("og:url").and_then(url_date));
    let hints: Vec<NaiveDate> = url_day
        .into_iter()
        .chain(m.published.as_ref().and_then(|p| day_of(&p.value)))
        .collect();
    if m.published.is_none() {
        let (published, updated) = text_dates(doc, &hints);
        m.published = published;
        if m.updated.is_none() {
            m.updated = updated;
        }
    }
    if m.published.is_none() {
        m.published = embedded_date_published(doc.src);
    }
    if m.published.is_none()
        && let Some(d) = url_day
    {
        m.published = Some(PageDate {
            value: d.format("%Y-%m-%d").to_string(),
            timezone: None,
            source: DateSource::Url,
        });
    }
    // Whether a date is printed by the headline (else the byline's is looked for).
    let mut printed = false;
    if m.published.is_none() {
        m.published = date_near_headline(doc, m.title.as_deref(), 80, 25, &hints);
        printed = m.published.is_some();
    } else if let Some(shown) =
        date_near_headline(doc, m.title.as_deref(), 12, 8, &hints).inspect(|_| printed = true)
        && let Some(p) = &m.published
        && !same_day(&shown, p)
        && m.updated.as_ref().is_none_or(|u| !same_day(&shown, u))
    {
        // The dateline printed under the headline disagrees with the metadata: the
        // metadata is the less reliable of the two (CMS migrations re-stamp
        // `datePublished`; UTC timestamps move a late-evening post to the next day),
        // unless the printed date is the update the metadata also names.
        m.published = Some(shown);
    }

    // Authors: the first source that names someone other than the site itself; the site
    // only when nothing else names anyone.
    let site = m.site_name.as_deref().map(fold);
    let mut org: Option<String> = None;
    let mut people = |mut v: Vec<String>| {
        v.retain(|a| {
            let is_site = Some(fold(a)) == site;
            if is_site && org.is_none() {
                org = Some(a.clone());
            }
            !is_site && !a.is_empty()
        });
        v
    };
    if let Some(a) = &ld.article {
        m.authors = people(ld_authors(a.get("author"), &ld.by_id));
    }
    if m.authors.is_empty()
        && let Some(a) = &ld.page
    {
        m.authors = people(ld_authors(a.get("author"), &ld.by_id));
    }
    if m.authors.is_empty() {
        m.authors = people(citation_authors(doc));
    }
    if m.authors.is_empty() {
        m.authors = people(
            AUTHOR_KEYS
                .iter()
                .filter_map(|k| get(k))
                .filter(|v| !v.starts_with("http"))
                .filter_map(clean_byline)
                .take(1)
                .collect(),
        );
    }
    if m.authors.is_empty() {
        m.authors = people(labelled_meta_author(&tags).into_iter().collect());
    }
    if m.authors.is_empty() {
        m.authors = people(byline_elements(doc).into_iter().collect());
    }
    if m.authors.is_empty() {
        m.authors = people(author_links(doc));
    }
    if m.authors.is_empty() {
        m.authors = people(text_byline(doc));
    }
    // No person anywhere, but the page credits the organisation (its JSON-LD or meta
    // author is the publisher): that is who wrote it, not a byline to clean.
    if m.authors.is_empty()
        && let Some(o) = org
    {
        m.authors = vec![o];
    }
    m.authors.dedup();

    // No date by the headline: one the text labels as the publication ("Published
    // August 13, 2025") fills the gap, and beats a metadata date that disagrees with it
    // unless it is the update the metadata names.
    if !printed
        && let Some(shown) = labelled_publication(doc, &hints)
        && m.published.as_ref().is_none_or(|p| {
            !same_day(&shown, p) && m.updated.as_ref().is_none_or(|u| !same_day(&shown, u))
        })
    {
        m.published = Some(shown);
        printed = true;
    }
    // No date in the metadata nor by the headline: the one printed with the byline.
    // (Letting it overrule a metadata date that disagrees, as the headline's does, lost
    // more pages than it won on WCXB dev.)
    if m.published.is_none()
        && !printed
        && let Some(shown) = date_near_byline(doc, m.authors.first().map(String::as_str), &hints)
    {
        m.published = Some(shown);
    }
    // A page that says when the article first appeared ("This article was originally
    // published on 26 Sep 2019 but has been updated") has said it in so many words: that
    // beats any date stamped on the current version.
    if let Some(first) = first_published_statement(doc, &hints)
        && m.published.as_ref().is_none_or(|p| !same_day(&first, p))
    {
        m.published = Some(first);
    }
    // No update in the metadata: the one the page prints with a label ("Last updated:
    // Dec 12, 2025"), kept apart from the publication as everywhere.
    if m.updated.is_none() {
        m.updated = labelled_update(doc, &hints);
    }
    // An "update" equal to or before the publication is not an update.
    if let (Some(p), Some(u)) = (&m.published, &m.updated)
        && u.value <= p.value
    {
        m.updated = None;
    }

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
    if let Some((value, timezone)) = parse_page_date(raw) {
        return Some(PageDate {
            value,
            timezone,
            source,
        });
    }
    // A date written for people in a meta value ("July 17, 2025"): short values only,
    // so that a description that mentions a date is not taken for one.
    if raw.len() > 40 {
        return None;
    }
    let d = parse_text_date(raw)?;
    Some(PageDate {
        value: d.format("%Y-%m-%d").to_string(),
        timezone: None,
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

/// A date written in an element whose class names a date ("post-date", "published"):
/// the first publication date, and the first update ("Updated on May 27, 2025", or a
/// date whose label in the enclosing element says so), kept apart.
fn text_dates(doc: &Doc<'_>, hints: &[NaiveDate]) -> (Option<PageDate>, Option<PageDate>) {
    let mut published = None;
    let mut updated = None;
    for &i in doc.marked.iter().take(200) {
        if published.is_some() && updated.is_some() {
            break;
        }
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
        let text = doc.inner_text(i);
        if text.len() > 200 {
            continue;
        }
        // "December 3, 2025. Updated: December 7, 2025": the date before the update's
        // label is the publication.
        let lower = text.to_lowercase();
        if let Some(at) = ["updat", "modified"]
            .iter()
            .filter_map(|l| lower.find(l))
            .min()
            && let Some(first) = text
                .get(..at)
                .and_then(|t| parse_text_date_hinted(t, hints))
            && let Some(second) = text
                .get(at..)
                .and_then(|t| parse_text_date_hinted(t, hints))
        {
            let as_date = |d: chrono::NaiveDate| PageDate {
                value: d.format("%Y-%m-%d").to_string(),
                timezone: None,
                source: DateSource::Text,
            };
            published.get_or_insert(as_date(first));
            updated.get_or_insert(as_date(second));
            continue;
        }
        let Some(d) = parse_text_date_hinted(&text, hints) else {
            continue;
        };
        if in_todays_date(doc, i as usize) || (i + 1..n.end).any(|j| marks_today(doc, j)) {
            continue;
        }
        let date = PageDate {
            value: d.format("%Y-%m-%d").to_string(),
            timezone: None,
            source: DateSource::Text,
        };
        let parent = n.parent;
        let parent_text = doc
            .nodes
            .get(parent as usize)
            .filter(|p| p.end.saturating_sub(parent) <= 30 && parent != 0)
            .map(|_| doc.inner_text(parent))
            .unwrap_or_default();
        if class.contains("update")
            || class.contains("modified")
            || names_update(&text)
            || names_update(&parent_text) && !names_publication(&parent_text)
        {
            updated.get_or_insert(date);
            continue;
        }
        published.get_or_insert(date);
    }
    (published, updated)
}

/// Whether a short text labels a publication ("Published", "Posted").
fn names_publication(t: &str) -> bool {
    let l = t.to_lowercase();
    l.contains("publish") || l.contains("posted")
}

/// Whether a short text labels an update ("Updated", "Last modified", "Reviewed on").
fn names_update(t: &str) -> bool {
    let l = t.to_lowercase();
    l.contains("updat") || l.contains("modified") || l.contains("reviewed")
}

/// A date written as text just around the headline, where blogs and news pages put the
/// dateline ("Dec 19, 2025 • 12 min read"): the dated text run nearest to the headline
/// `<h1>`, looking at most `after` runs after it and `before` runs before it (after
/// first at equal distance). Lines that name an update are passed over.
fn date_near_headline(
    doc: &Doc<'_>,
    title: Option<&str>,
    after: usize,
    before: usize,
    hints: &[NaiveDate],
) -> Option<PageDate> {
    let title = title.map(fold);
    let h = doc
        .h1s
        .iter()
        .copied()
        .find(|&i| title.as_deref() == Some(fold(&tidy_title(&doc.inner_text(i))).as_str()))
        .or_else(|| doc.h1s.first().copied())
        .or_else(|| {
            // No `<h1>`: the first other heading that is the title.
            let t = title.as_deref()?;
            (0..doc.nodes.len()).find_map(|i| {
                let n = &doc.nodes[i];
                (n.tag.is_heading()
                    && n.end as usize - i < 40
                    && fold(&tidy_title(&doc.inner_text(i as u32))) == t)
                    .then_some(i as u32)
            })
        })? as usize;
    // The text runs after the headline and those before it, nearest first.
    let nodes = &doc.nodes;
    let is_text = |i: &usize| nodes.get(*i).is_some_and(|n| n.tag == T::Text);
    let mut down = (h + 1..nodes.len()).filter(is_text).take(after);
    let mut up = (0..h).rev().filter(is_text).take(before);
    loop {
        let (a, b) = (down.next(), up.next());
        if a.is_none() && b.is_none() {
            return None;
        }
        if let Some(d) = [a, b]
            .into_iter()
            .flatten()
            .find_map(|i| run_date(doc, i, hints))
        {
            return Some(d);
        }
    }
}

/// The date a short visible text run reads as (a dateline, "Dec 19, 2025 • 12 min
/// read"), unless it or a label just before it ("Last Updated" "on" "Mar 11") names an
/// update.
fn run_date(doc: &Doc<'_>, i: usize, hints: &[NaiveDate]) -> Option<PageDate> {
    let nodes = &doc.nodes;
    let n = nodes.get(i)?;
    if n.tag != T::Text || n.flags & flag::HIDDEN != 0 {
        return None;
    }
    let t = doc.text_of(n);
    if t.len() < 6 || t.len() > 160 {
        return None;
    }
    let label_before = (i.saturating_sub(3)..i)
        .filter_map(|j| nodes.get(j))
        .filter(|p| p.tag == T::Text)
        .any(|p| {
            let l = doc.text_of(p);
            l.len() < 40 && names_update(l) && !names_publication(l)
        });
    if names_update(t) || label_before {
        return None;
    }
    let d = parse_text_date_hinted(t, hints)?;
    if in_todays_date(doc, i) {
        return None;
    }
    Some(PageDate {
        value: d.format("%Y-%m-%d").to_string(),
        timezone: None,
        source: DateSource::Text,
    })
}

/// Whether a text run sits in a widget that prints today's date (mastheads do: an
/// element whose `id` or `class` says "today" or "current date"): the day the page was
/// fetched, not the day the article was published. Looks at the node and its three
/// nearest ancestors.
fn in_todays_date(doc: &Doc<'_>, i: usize) -> bool {
    let mut at = u32::try_from(i).unwrap_or(0);
    for _ in 0..4 {
        if at == 0 {
            return false;
        }
        if marks_today(doc, at) {
            return true;
        }
        at = doc.nodes.get(at as usize).map_or(0, |n| n.parent);
    }
    false
}

/// Whether one element's `id` or `class` names today's date ("todays-date",
/// "current_date").
fn marks_today(doc: &Doc<'_>, at: u32) -> bool {
    if doc.nodes.get(at as usize).is_none_or(|n| n.tag == T::Text) {
        return false;
    }
    let marks = format!(
        "{} {}",
        doc.attr(at, "id").unwrap_or_default(),
        doc.attr(at, "class").unwrap_or_default()
    )
    .to_ascii_lowercase()
    .replace(['-', '_'], "");
    marks.contains("today") || marks.contains("currentdate")
}

/// A date the page labels as the publication in its visible text ("Published August 13,
/// 2025", "Posted on" "15/12/2025"): the first short run naming a publication and no
/// update, read with the one or two runs after it.
fn labelled_publication(doc: &Doc<'_>, hints: &[NaiveDate]) -> Option<PageDate> {
    labelled_date(
        doc,
        hints,
        [b"publi", b"poste"],
        names_publication,
        names_update,
    )
}

/// A date the page labels as its last update in its visible text ("Last updated:" "Dec
/// 12, 2025", "Page updated: 12 November 2025"): the first short run naming an update
/// and no publication, read with the one or two runs after it.
fn labelled_update(doc: &Doc<'_>, hints: &[NaiveDate]) -> Option<PageDate> {
    labelled_date(
        doc,
        hints,
        [b"updat", b"modif"],
        names_update,
        names_publication,
    )
}

/// The date of the first short visible run that `names` its kind of date and does not
/// name the `other` kind (`stems`: a cheap byte filter in front of `names`), taken from
/// that run or the one or two runs after it that do not name the other kind.
fn labelled_date(
    doc: &Doc<'_>,
    hints: &[NaiveDate],
    stems: [&[u8]; 2],
    names: fn(&str) -> bool,
    other: fn(&str) -> bool,
) -> Option<PageDate> {
    let nodes = &doc.nodes;
    let i = (0..nodes.len()).find(|&i| {
        let n = &nodes[i];
        n.tag == T::Text && n.flags & flag::HIDDEN == 0 && {
            let t = doc.text_of(n);
            t.len() < 80
                && t.as_bytes()
                    .windows(5)
                    .any(|w| w.eq_ignore_ascii_case(stems[0]) || w.eq_ignore_ascii_case(stems[1]))
                && names(t)
                && !other(t)
        }
    })?;
    let as_date = |d: NaiveDate| PageDate {
        value: d.format("%Y-%m-%d").to_string(),
        timezone: None,
        source: DateSource::Text,
    };
    if let Some(d) = parse_text_date_hinted(doc.text_of(&nodes[i]), hints) {
        return Some(as_date(d));
    }
    nodes
        .iter()
        .skip(i + 1)
        .filter(|n| n.tag == T::Text)
        .take(2)
        .find_map(|n| {
            let t = doc.text_of(n);
            (t.len() < 80 && !other(t))
                .then(|| parse_text_date_hinted(t, hints))
                .flatten()
        })
        .map(as_date)
}

/// A date the visible text gives as the article's first appearance: "originally
/// published (on) ...", "first published (on) ...", said of this page ("This article
/// was...", or a note starting with the phrase), the date within the 60 bytes after the
/// phrase, in the first such run of the page.
fn first_published_statement(doc: &Doc<'_>, hints: &[NaiveDate]) -> Option<PageDate> {
    // Cheap first pass on the raw bytes; the phrase is then checked without case.
    let published = memchr::memmem::Finder::new("ublished");
    doc.nodes
        .iter()
        .filter(|n| n.tag == T::Text && n.flags & flag::HIDDEN == 0)
        .find_map(|n| {
            let t = doc.text_of(n);
            if t.len() < 20 || t.len() > 600 {
                return None;
            }
            let p = published.find(t.as_bytes())?;
            let before = t.get(..p.checked_sub(1)?)?.trim_end().to_ascii_lowercase();
            let at = ["originally", "first"]
                .iter()
                .find(|w| before.ends_with(*w))
                .map(|w| before.len() - w.len())?;
            // About this article ("This story was...", "A version of this post...", or
            // a note that starts with the phrase), not a book or film the text mentions.
            let subject = before.get(at.saturating_sub(60)..at).unwrap_or_default();
            let about_page = subject.trim().is_empty()
                || [
                    "this", "article", "story", "post", "piece", "column", "essay",
                ]
                .iter()
                .any(|w| subject.contains(w));
            if !about_page {
                return None;
            }
            let mut end = (at + 20 + 60).min(t.len());
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            let d = parse_text_date_hinted(t.get(at..end)?, hints)?;
            Some(PageDate {
                value: d.format("%Y-%m-%d").to_string(),
                timezone: None,
                source: DateSource::Text,
            })
        })
}

/// A date printed with the byline: the first dated text run among the few after the
/// first short visible run that names the author ("Luke Kim" "December 17, 2025"), or
/// just before it. Bylines and datelines sit together even where the headline is far
/// away or not an `<h1>`.
fn date_near_byline(doc: &Doc<'_>, author: Option<&str>, hints: &[NaiveDate]) -> Option<PageDate> {
    let name = fold(author?);
    if name.chars().count() < 4 {
        return None;
    }
    let last = author?.split_whitespace().last()?;
    let nodes = &doc.nodes;
    let at = (0..nodes.len()).find(|&i| {
        let n = &nodes[i];
        n.tag == T::Text && n.flags & flag::HIDDEN == 0 && {
            let t = doc.text_of(n);
            t.len() < 120 && t.contains(last) && fold(t).contains(&name)
        }
    })?;
    if let Some(d) = run_date(doc, at, hints) {
        return Some(d);
    }
    let mut texts = 0;
    let mut i = at + 1;
    while i < nodes.len() && texts < 6 {
        if nodes[i].tag == T::Text {
            texts += 1;
            if let Some(d) = run_date(doc, i, hints) {
                return Some(d);
            }
        }
        i += 1;
    }
    let mut texts = 0;
    let mut i = at;
    while i > 0 && texts < 3 {
        i -= 1;
        if nodes[i].tag == T::Text {
            texts += 1;
            if let Some(d) = run_date(doc, i, hints) {
                return Some(d);
            }
        }
    }
    None
}

/// A `datePublished` written in data the page embeds for its scripts rather than in a
/// JSON-LD block: escaped JSON in a string (`\"datePublished\":\"2025-...`), JSON in an
/// attribute (`&quot;datePublished&quot;:&quot;2025-...`). The first one whose value
/// reads as a date, among the first few.
fn embedded_date_published(src: &str) -> Option<PageDate> {
    let finder = memchr::memmem::Finder::new("datePublished");
    for at in finder.find_iter(src.as_bytes()).take(5) {
        let rest = src.get(at + "datePublished".len()..)?;
        let value = rest
            .trim_start_matches(['"', '\\', ':', ' ', '\''])
            .trim_start_matches("&quot;")
            .trim_start_matches([':', ' '])
            .trim_start_matches("&quot;")
            .trim_start_matches(['"', '\\', ' ']);
        let end = value
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+')))
            .unwrap_or(value.len())
            .min(40);
        if let Some(d) = value
            .get(..end)
            .and_then(|v| page_date(v, DateSource::Meta))
        {
            return Some(d);
        }
    }
    None
}

/// The calendar day of an ISO 8601 value as written (its `YYYY-MM-DD` prefix).
fn day_of(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// Whether two dates fall on the same calendar day as written (`YYYY-MM-DD` prefix).
fn same_day(a: &PageDate, b: &PageDate) -> bool {
    a.value.get(..10).is_some() && a.value.get(..10) == b.value.get(..10)
}

/// Every `citation_author` meta: papers list each author in one.
fn citation_authors(doc: &Doc<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &i in &doc.metas {
        let Some(name) = doc.attr(i, "name") else {
            continue;
        };
        if !name.eq_ignore_ascii_case("citation_author") {
            continue;
        }
        if let Some(b) = doc.attr(i, "content").and_then(|c| clean_byline(&c))
            && !out.contains(&b)
            && out.len() < 20
        {
            out.push(b);
        }
    }
    out
}

/// The author that `twitter:labelN` = "Written by" announces in `twitter:dataN` (how
/// Ghost and Yoast pages state it).
fn labelled_meta_author(tags: &HashMap<String, String>) -> Option<String> {
    (1..=4).find_map(|n| {
        let label = tags.get(&format!("twitter:label{n}"))?;
        let l = label.to_lowercase();
        if !(l.starts_with("written by") || l == "author" || l == "by") {
            return None;
        }
        clean_byline(tags.get(&format!("twitter:data{n}"))?)
    })
}

/// Path segments of a link to an author's page.
const AUTHOR_PATHS: &[&str] = &[
    "/author/",
    "/authors/",
    "/staff/",
    "/writer/",
    "/writers/",
    "/contributor/",
    "/contributors/",
    "/columnist/",
    "/columnists/",
    "/people/",
    "/profile/",
    "/profiles/",
    "/producers/",
    "/journalist/",
    "/journalists/",
    "/reporter/",
    "/reporters/",
];

/// Authors from links to their pages (`/author/jane-doe`, `/staff/…/jane-doe/`) whose
/// text is a name: up to four distinct ones, in page order, from the first such link on
/// (a byline with several authors links each). Links outside the main text only: once a
/// long paragraph has passed, later author links are author boxes and related teasers.
fn author_links(doc: &Doc<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut first: Option<usize> = None;
    for (i, n) in doc.nodes.iter().enumerate() {
        if n.tag != T::A || n.flags & flag::HIDDEN != 0 {
            continue;
        }
        if first.is_some_and(|f| i > f + 60) || out.len() >= 4 {
            break;
        }
        let Some(href) = doc.attr(i as u32, "href") else {
            continue;
        };
        let h = href.to_ascii_lowercase();
        if !AUTHOR_PATHS.iter().any(|p| h.contains(p)) {
            continue;
        }
        let text = doc.inner_text(i as u32);
        if !name_like(&text) {
            continue;
        }
        if let Some(b) = clean_byline(&text)
            && !out.contains(&b)
        {
            out.push(b);
            first.get_or_insert(i);
        }
    }
    out
}

/// Whether a text reads like a person's name: two to five words, each starting with a
/// capital letter (or a particle like "van", "de"), no digits, no sentence punctuation.
fn name_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || t.len() > 60 {
        return false;
    }
    if t.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '?' | '!' | ':' | '|' | '@' | '/'))
    {
        return false;
    }
    let particles = [
        "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al",
    ];
    words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || particles.contains(w))
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A byline written as text: "By Jane Doe" in one text run, or a label ("By", "Written
/// by", "Author:") followed by the name in the next run with text; one name or two joined
/// by "and" ([`byline_names`]). Searched around the headline first (where bylines are),
/// then anywhere for the explicit labels.
fn text_byline(doc: &Doc<'_>) -> Vec<String> {
    let nodes = &doc.nodes;
    let texts: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].tag == T::Text && nodes[i].flags & flag::HIDDEN == 0)
        .collect();
    let h1_pos = doc
        .h1s
        .first()
        .map(|&h| texts.partition_point(|&t| t < h as usize));
    let label = |t: &str| {
        let l = t.trim().trim_end_matches(':').trim().to_lowercase();
        matches!(
            l.as_str(),
            "by" | "written by" | "author" | "posted by" | "words by" | "story by"
        )
    };
    let try_at = |k: usize| -> Option<Vec<String>> {
        let t = doc.text_of(nodes.get(*texts.get(k)?)?).trim();
        if label(t) {
            // The next run with text: markup may leave blank runs between ("Written
            // by<!-- --> <a>").
            let next = (k + 1..k + 4)
                .filter_map(|j| Some(doc.text_of(nodes.get(*texts.get(j)?)?).trim()))
                .find(|t| !t.is_empty())?;
            return byline_names(next);
        }
        let rest = t
            .strip_prefix("By ")
            .or_else(|| t.strip_prefix("Written by "))?;
        let name = rest
            .split([',', '|', '·', '•'])
            .next()
            .unwrap_or(rest)
            .trim();
        byline_names(name)
    };
    if let Some(h) = h1_pos {
        let lo = h.saturating_sub(15);
        let hi = (h + 60).min(texts.len());
        if let Some(b) = (lo..hi).find_map(&try_at) {
            return b;
        }
    }
    (0..texts.len())
        .find_map(|k| {
            let t = doc.text_of(nodes.get(texts[k])?).trim();
            if label(t) && !t.eq_ignore_ascii_case("by") {
                try_at(k)
            } else {
                None
            }
        })
        .unwrap_or_default()
}

/// The people a byline's text names: one name, or two joined by "and" / "&" ("Mara
/// Lindqvist and Tomas Berg"), each of which must read as a name on its own, so that a
/// phrase ("Research and Development") is not split into two people.
fn byline_names(t: &str) -> Option<Vec<String>> {
    if name_like(t) {
        return clean_byline(t).map(|n| vec![n]);
    }
    let (a, b) = t.split_once(" and ").or_else(|| t.split_once(" & "))?;
    let (a, b) = (a.trim(), b.trim());
    if !(name_like(a) && name_like(b)) {
        return None;
    }
    Some(vec![clean_byline(a)?, clean_byline(b)?])
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
    "read more about",
    "more about",
];

/// Words that begin a role or a job title when they follow a name without a comma
/// ("Keith Barry Senior Autos Reporter"): the name ends before them. After a comma the
/// role stays ("Mike Marshall, Shipping Expert"), as bylines write it.
const ROLE_WORDS: &[&str] = &[
    "senior",
    "staff",
    "writer",
    "reporter",
    "editor",
    "contributor",
    "correspondent",
    "columnist",
    "former",
    "founder",
    "co-founder",
    "ceo",
    "chief",
    "head",
    "director",
    "manager",
    "expert",
    "author",
    "last",
    "updated",
    "published",
];

/// Labels that stand before a name: "Text by", "Recipe by", "Article by:".
const BY_LABELS: &[&str] = &[
    "text",
    "recipe",
    "article",
    "words",
    "story",
    "photos",
    "report",
    "post",
    "blog",
    "content",
    "interview",
];

/// Clean a byline: "By Jane Doe | Staff Writer · 5 minutes ago" → "Jane Doe". `None`
/// when nothing name-like is left (a date, a URL, one word of noise, a sentence).
pub(crate) fn clean_byline(raw: &str) -> Option<String> {
    let mut s = clean_space(&super::entities::decode(raw));
    // Cut at separators after which come roles, dates and links.
    for sep in [
        " | ",
        " • ",
        " · ",
        "\u{2014} ",
        " - ",
        " on ",
        " is a ",
        " is an ",
        " is the ",
        " is ",
    ] {
        if let Some(i) = s.find(sep)
            && i > 0
        {
            s.truncate(i);
        }
    }
    for sep in [
        "updated",
        "published",
        "posted on",
        "reviewed by",
        "fact checked",
        "fact-checked",
        "edited by",
        "min read",
    ] {
        if let Some(i) = s.to_lowercase().find(sep)
            && i > 0
            && s.is_char_boundary(i)
        {
            s.truncate(i);
        }
    }
    // A date glued to the name by the markup: "Luke KimDecember 17, 2025".
    if let Some(i) = glued_month(&s) {
        s.truncate(i);
    }
    let mut t = s.trim().to_string();
    loop {
        let lower = t.to_lowercase();
        let before = t.len();
        for n in BYLINE_NOISE {
            if lower.starts_with(n) {
                t = t.get(n.len()..).unwrap_or_default().trim().to_string();
                break;
            }
        }
        let lower = t.to_lowercase();
        if lower.starts_with("by ") {
            t = t.get(3..).unwrap_or_default().trim().to_string();
        } else if let Some(rest) = lower.strip_prefix("author ") {
            t = t
                .get(t.len().saturating_sub(rest.len())..)
                .unwrap_or_default()
                .trim()
                .to_string();
        } else if let Some((label, _)) = lower.split_once(" by")
            && BY_LABELS.contains(&label)
        {
            t = t
                .get(label.len() + 3..)
                .unwrap_or_default()
                .trim_start_matches(':')
                .trim()
                .to_string();
        }
        if t.len() == before {
            break;
        }
    }
    // A role after the name without a comma.
    let words: Vec<&str> = t.split_whitespace().collect();
    if let Some(k) = (2..words.len()).find(|&k| {
        ROLE_WORDS.contains(&words[k].to_lowercase().as_str()) && !words[k - 1].ends_with(',')
    }) {
        t = words[..k].join(" ");
    }
    // The same name twice (a link and its text): "Yucy Yucy", "Jo Lee Jo Lee".
    let words: Vec<&str> = t.split_whitespace().collect();
    if let Some(k) = (1..=3).find(|&k| words.len() >= 2 * k && words[..k] == words[k..2 * k]) {
        t = words[..k].join(" ");
    }
    // Dates and counters after the name ("Jane Doe Dec 18, 2025", "Brian Becker 7").
    let words: Vec<&str> = t.split_whitespace().collect();
    if let Some(k) = (1..words.len()).find(|&k| {
        let w = words[k].trim_matches([',', '.']);
        let next_num = words
            .get(k + 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        w.starts_with(|c: char| c.is_ascii_digit())
            || (month_of_word(w) || weekday(w)) && (next_num || weekday(w))
    }) {
        t = words[..k].join(" ");
    }
    // A sentence's full stop after credentials ("Shelby Loos, DVM."), not an initial's
    // or an abbreviation's ("Ph.D.", "Inc.").
    if let Some(last) = t.rsplit(' ').next().and_then(|w| w.strip_suffix('.'))
        && last.len() >= 2
        && !last.contains('.')
        && last.chars().all(|c| c.is_ascii_uppercase())
    {
        t.pop();
    }
    // "Last, First" as catalogues write it.
    if let Some((last, first)) = t.split_once(", ")
        && !last.contains(' ')
        && !first.contains([' ', ','])
        && first.chars().any(char::is_lowercase)
        && last.chars().any(char::is_lowercase)
    {
        t = format!("{first} {last}");
    }
    let t = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | '|' | '-' | '·' | '*' | ';')
    });
    let words = t.split_whitespace().count();
    if t.is_empty()
        || words > 12
        || t.len() > 120
        || t.starts_with("http")
        || t.contains('@') && !t.contains(' ')
        || t.contains('.') && !t.contains(' ') && t.len() > 3
        || parse_text_date(t).is_some()
        || t.split_whitespace()
            .all(|w| month_of_word(w.trim_matches(',')) || weekday(w.trim_matches(',')))
        || !t.chars().next().is_some_and(char::is_alphabetic)
        || t.ends_with('.') && words > 4
    {
        return None;
    }
    let lower = t.to_lowercase();
    if [
        "admin",
        "administrator",
        "staff",
        "editor",
        "author",
        "the author",
        "guest",
        "unknown",
        "anonymous",
        "by",
        "sign in",
        "log in",
        "login",
    ]
    .contains(&lower.as_str())
    {
        return None;
    }
    Some(t.to_string())
}

/// Whether a word names a month ("December", "Dec", "Sept").
fn month_of_word(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    newsdesk_core::date::MONTH_NAMES.contains(&l.as_str())
        || [
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ]
        .contains(&l.as_str())
}

/// Whether a word names a weekday ("Saturday", "Sat").
fn weekday(w: &str) -> bool {
    let l = w.to_ascii_lowercase();
    newsdesk_core::date::WEEKDAY_NAMES.contains(&l.as_str())
        || [
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        ]
        .contains(&l.as_str())
}

/// Where a month name starts right after a lower-case letter ("KimDecember"), if it does.
fn glued_month(s: &str) -> Option<usize> {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan ",
        "Feb ",
        "Mar ",
        "Apr ",
        "Jun ",
        "Jul ",
        "Aug ",
        "Sep ",
        "Sept ",
        "Oct ",
        "Nov ",
        "Dec ",
    ];
    let mut prev_lower = false;
    for (i, c) in s.char_indices() {
        if prev_lower && c.is_uppercase() && MONTHS.iter().any(|m| s[i..].starts_with(m)) {
            return Some(i);
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// The visible `<h1>`s with some text, in document order (at most 12).
/// An `<h1>` that holds blocks (a headline paragraph and a deck in an `<h4>`) also offers
/// its first block's text, after the whole.
fn visible_h1s(doc: &Doc<'_>) -> Vec<String> {
    doc.h1s
        .iter()
        .filter_map(|&i| {
            let n = doc.nodes.get(i as usize)?;
            if n.flags & flag::HIDDEN != 0 {
                return None;
            }
            let t = doc.inner_text(i);
            if t.chars().count() < 3 || t.len() >= 400 {
                return None;
            }
            let first = first_block_text(doc, i).filter(|f| *f != t && f.chars().count() >= 3);
            Some([Some(t), first].into_iter().flatten())
        })
        .flatten()
        .take(12)
        .collect()
}

/// The text of an element up to the first block boundary after some text (`None` when
/// there is no such boundary).
fn first_block_text(doc: &Doc<'_>, i: u32) -> Option<String> {
    let n = doc.nodes.get(i as usize)?;
    let mut out = String::new();
    for j in i as usize + 1..n.end as usize {
        let c = doc.nodes.get(j)?;
        if c.tag == T::Text {
            if c.flags & flag::HIDDEN == 0 {
                super::dom::push_collapsed(&mut out, doc.text_of(c));
            }
        } else if c.tag.is_block() && !out.trim().is_empty() {
            return Some(clean_space(&out));
        }
    }
    None
}

/// Lower-cased words of a text (letters and digits), for comparing titles.
fn title_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How much of `h1` the metadata title `meta` covers: the share of the heading's words
/// found in it (1.0 when every word of the heading is in the metadata title).
fn coverage(h1: &[String], meta: &[String]) -> f64 {
    if h1.is_empty() {
        return 0.0;
    }
    let found = h1.iter().filter(|w| meta.contains(w)).count();
    found as f64 / h1.len() as f64
}

/// Choose the headline among the candidates. The visible `<h1>` is what readers (and
/// annotators) call the title, when it agrees with a metadata title: of several `<h1>`s
/// (a logo, the site name, the headline), the one whose words the metadata title covers
/// best, if it covers at least 30% of them (headings are often reworded in the
/// metadata), and that is not the site's name. Otherwise the metadata title (JSON-LD
/// headline, `og:title`, `<title>`) with any site-name prefix or suffix cut; the first
/// `<h1>` when the page has no metadata title.
#[cfg(test)]
fn choose_title(
    h1s: &[String],
    ld: Option<&str>,
    og: Option<&str>,
    html: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    choose_title_with(h1s, ld, og, html, site, true)
}

/// `choose_title`, with the rule that passes over a one- or two-word `<h1>` inside a
/// longer metadata title only when `article` (the page calls itself an article): on
/// shop, category and section pages that short heading ("Microphones") is the title.
fn choose_title_with(
    h1s: &[String],
    ld: Option<&str>,
    og: Option<&str>,
    html: Option<&str>,
    site: Option<&str>,
    article: bool,
) -> Option<String> {
    let metas: Vec<Vec<String>> = [ld, og, html]
        .into_iter()
        .flatten()
        .map(title_words)
        .collect();
    // An `<h1>` that is the site's name (a logo, a blog's masthead) is not the headline,
    // however well the "Headline - Site" metadata title covers it.
    let site_parts: Vec<String> = site
        .into_iter()
        .map(fold)
        .chain([ld, og, html].into_iter().flatten().flat_map(site_segments))
        .chain(title_affixes(&[ld, og, html]))
        .collect();
    // "Site | Headline" beside "Headline | Site": the site's name is known from the other
    // title, so what follows it is the headline, not a label.
    let site_parts: Vec<String> = {
        let led: Vec<String> = [ld, og, html]
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let t = clean_space(t);
                let (head, tail) = t.split_once(" | ").or_else(|| t.split_once(" - "))?;
                site_parts.contains(&fold(head)).then(|| fold(tail))
            })
            .collect();
        site_parts
            .into_iter()
            .filter(|p| !led.contains(p))
            .collect()
    };
    let mut best: Option<(&String, f64)> = None;
    for h in h1s {
        if h1s.len() > 1 || !metas.is_empty() {
            let fh = fold(h);
            if site_parts.contains(&fh) {
                continue;
            }
        }
        let w = title_words(h);
        let c = metas.iter().map(|m| coverage(&w, m)).fold(0.0f64, f64::max);
        if best.is_none_or(|(_, b)| c > b + 1e-9) {
            best = Some((h, c));
        }
    }
    // A one- or two-word heading inside a much longer metadata title is a section or
    // site label ("Webcams", "Planning", "Discord"), not the headline the metadata gives.
    let label_only = |h: &str| {
        let hw = title_words(h).len();
        article && hw <= 2 && metas.iter().any(|m| m.len() >= hw + 4)
    };
    if let Some((h, c)) = best
        && (c >= 0.3 || metas.is_empty())
        && !label_only(h)
    {
        let names: Vec<String> = site.into_iter().map(fold).collect();
        return Some(strip_site_tail(strip_pipe_suffix(h), &names).to_string());
    }
    let meta = ld
        .or(og)
        .map(|t| strip_site(t, site))
        .or_else(|| html.map(|t| strip_site(t, site)));
    match (meta, h1s.first()) {
        (Some(m), _) if !m.is_empty() => Some(m),
        (_, Some(h)) => Some(h.clone()),
        _ => None,
    }
}

/// Whether `short` is `full` cut after a word (at least eight words kept), case and
/// whitespace folded.
fn truncated_of(short: &str, full: &str) -> bool {
    let (s, f) = (fold(short), fold(full));
    s.split(' ').count() >= 8
        && f.len() > s.len()
        && f.starts_with(s.trim_end_matches(['.', '…']).trim_end())
        && f.split(' ').count() > s.split(' ').count()
}

/// A title as people write it: references left encoded by the page decoded (JSON-LD and
/// double-encoded attributes carry `&amp;`, `&#8217;`), whitespace collapsed, a field
/// label ("Title:") and a dateline glued to the start or end of the heading ("Dec 18
/// 2025 Preparing...", "... Checklist January 1, 2025") cut, typographic single quotes
/// written as the apostrophe (pages mix both in one headline's copies; WCXB's annotators
/// mostly typed the plain one).
fn tidy_title(t: &str) -> String {
    let decoded = super::entities::decode(t);
    let decoded = if decoded.contains('&') {
        super::entities::decode(&decoded).into_owned()
    } else {
        decoded.into_owned()
    };
    let t = clean_space(&ascii_forms(
        &decoded.replace(['\u{2019}', '\u{2018}'], "'"),
    ));
    let t = t.strip_prefix("Title:").map_or(t.as_str(), str::trim_start);
    strip_dateline(t).to_string()
}

/// Full-width forms of ASCII punctuation and letters ("？", "：", "Ａ") written as ASCII
/// in a title that is otherwise in a Latin script (a Chinese or Japanese title keeps
/// them: there they are the ordinary forms).
fn ascii_forms(t: &str) -> std::borrow::Cow<'_, str> {
    let full = |c: char| ('\u{FF01}'..='\u{FF5E}').contains(&c);
    let east_asian = |c: char| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}');
    if !t.chars().any(full) || t.chars().any(east_asian) {
        return std::borrow::Cow::Borrowed(t);
    }
    t.chars()
        .map(|c| {
            if full(c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// A title without a date written before or after it: the longest run of two to five
/// leading or trailing words made only of date words (month, day, year, weekday) that
/// reads as a date, when at least three words remain.
fn strip_dateline(t: &str) -> &str {
    let words: Vec<&str> = t.split(' ').collect();
    let n = words.len();
    if n < 5 {
        return t;
    }
    let date_word = |w: &&str| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | '.' | '|' | '•' | '·' | '-' | '–'));
        w.is_empty()
            || month_of_word(w)
            || weekday(w)
            || w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .bytes()
                .all(|b| b.is_ascii_digit())
                && w.bytes().next().is_some_and(|b| b.is_ascii_digit())
    };
    for k in (2..=5.min(n - 3)).rev() {
        let head = &words[..k];
        if head.iter().all(date_word) && parse_text_date(&head.join(" ")).is_some() {
            let cut: usize = head.iter().map(|w| w.len() + 1).sum();
            return t.get(cut..).unwrap_or(t).trim_start();
        }
        let tail = &words[n - k..];
        if tail.iter().all(date_word) && parse_text_date(&tail.join(" ")).is_some() {
            let keep: usize = words[..n - k].iter().map(|w| w.len() + 1).sum();
            return t.get(..keep.saturating_sub(1)).unwrap_or(t).trim_end();
        }
    }
    t
}

/// The segments a metadata title puts beside its headline ("Headline | Site" gives
/// "site"), folded; none when the title has no separator.
fn site_segments(t: &str) -> Vec<String> {
    let t = clean_space(t);
    let mut out = Vec::new();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some((head, tail)) = t.rsplit_once(sep)
            && !head.trim().is_empty()
        {
            out.push(fold(tail));
        }
    }
    out
}

/// What one metadata title adds around another that it contains whole ("Lessons
/// Learned: The lean startup" around "The lean startup" gives "lessons learned"),
/// folded: the site's or blog's label, which pages put in `<title>` but not in
/// `og:title`. Only affixes joined by a separator (`:`, `|`, a dash...) count.
fn title_affixes(titles: &[Option<&str>]) -> Vec<String> {
    let titles: Vec<String> = titles.iter().flatten().map(|t| fold(t)).collect();
    let mut out = Vec::new();
    let seps =
        |c: char| c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–' | '—' | '·' | '•' | '»');
    for long in &titles {
        for short in &titles {
            if short.len() + 3 > long.len() || short.split(' ').count() < 2 {
                continue;
            }
            let rest = if let Some(head) = long.strip_suffix(short.as_str()) {
                head.ends_with(seps).then_some(head)
            } else if let Some(tail) = long.strip_prefix(short.as_str()) {
                tail.starts_with(seps).then_some(tail)
            } else {
                None
            };
            let Some(rest) = rest else { continue };
            let had_sep = rest.trim().starts_with(seps) || rest.trim().ends_with(seps);
            let label = rest.trim_matches(seps);
            if had_sep && !label.is_empty() && !out.iter().any(|o: &String| o == label) {
                out.push(label.to_string());
            }
        }
    }
    out
}

/// A heading without a trailing " – Site" or " | Site" that names the site (one of
/// `names`, folded, or a host name): headings sometimes carry the outlet's name as the
/// metadata titles do. At least two words stay.
fn strip_site_tail<'t>(t: &'t str, names: &[String]) -> &'t str {
    let mut t = t.trim();
    loop {
        let cut = [" | ", " – ", " — ", " - ", " · ", " • ", " » ", " :: "]
            .iter()
            .filter_map(|sep| t.rsplit_once(sep))
            .filter(|(head, tail)| {
                head.split_whitespace().count() >= 2
                    && (names.contains(&fold(tail)) || host_name(tail))
            })
            .map(|(head, _)| head.trim_end())
            .max_by_key(|head| head.len());
        match cut {
            Some(head) => t = head,
            None => return t,
        }
    }
}

/// A heading without a " | Section" suffix ("... health | Opinion", "... 2025 | Top 19
/// Companies"): pipes are page furniture, not headline punctuation. Only a short tail
/// after a longer head is cut, repeatedly.
fn strip_pipe_suffix(t: &str) -> &str {
    let mut t = t.trim();
    while let Some((head, tail)) = t.rsplit_once(" | ") {
        if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 3 {
            t = head.trim_end();
        } else {
            break;
        }
    }
    t
}

/// A title without its " | Site" / " - Site" suffix (or "Site | " prefix).
fn strip_site(t: &str, site: Option<&str>) -> String {
    let t = clean_space(t);
    // "Site | site.com - Headline": a host name among the leading segments ends the
    // site's label, whatever comes before it.
    if let Some(rest) = after_host_prefix(&t) {
        return strip_site(rest, site);
    }
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " • "] {
        // "Site | Headline": the site's name (or host name) before the first separator.
        if let Some((head, tail)) = t.split_once(sep)
            && (site.is_some_and(|s| fold(head) == fold(s)) || host_name(head))
            && tail.split_whitespace().count() >= 2
        {
            return strip_site(tail.trim(), site);
        }
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_is_site = site
                .is_some_and(|s| fold(tail).contains(&fold(s)) || fold(s).contains(&fold(tail)))
                || tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3
                || host_name(tail);
            if tail_is_site && !head.trim().is_empty() {
                return strip_site(head.trim(), site);
            }
        }
    }
    t
}

/// The rest of a title after a leading label that ends in a host name segment ("Sound
/// Notes | soundnotes.com - The Five Best..." gives "The Five Best..."), when at least
/// two words remain.
fn after_host_prefix(t: &str) -> Option<&str> {
    const SEPS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "];
    let mut at = 0;
    // At most three leading segments are looked at.
    for _ in 0..3 {
        let rest = t.get(at..)?;
        let (i, sep) = SEPS
            .iter()
            .filter_map(|s| rest.find(s).map(|i| (i, *s)))
            .min_by_key(|(i, _)| *i)?;
        let segment = &rest[..i];
        let after = rest.get(i + sep.len()..)?.trim();
        if host_name(segment) {
            return (after.split_whitespace().count() >= 2).then_some(after);
        }
        at += i + sep.len();
    }
    None
}

/// Whether a title segment is a host name ("Newegg.com", "www.example.co.uk"): one
/// word of letters, digits, dots and hyphens ending in a dot and a two- to six-letter
/// top-level domain.
fn host_name(t: &str) -> bool {
    let t = t.trim();
    !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && t.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.bytes().all(|b| b.is_ascii_alphabetic())
        })
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
    fn byline_noise_around_names() {
        let c = |s: &str| clean_byline(s);
        // Labels before the name.
        assert_eq!(c("Recipe by Ana Lutz").as_deref(), Some("Ana Lutz"));
        assert_eq!(c("Article by: Ana Lutz").as_deref(), Some("Ana Lutz"));
        assert_eq!(c("Author Ana Lutz").as_deref(), Some("Ana Lutz"));
        assert_eq!(c("Read more about Ana Lutz").as_deref(), Some("Ana Lutz"));
        // Roles without a comma go; credentials after a comma stay.
        assert_eq!(
            c("Omar Haddad Senior Science Reporter").as_deref(),
            Some("Omar Haddad")
        );
        assert_eq!(c("Rosa Linde, MD").as_deref(), Some("Rosa Linde, MD"));
        assert_eq!(c("Rosa Linde, DVM.").as_deref(), Some("Rosa Linde, DVM"));
        assert_eq!(c("Lena Park, Ph.D.").as_deref(), Some("Lena Park, Ph.D."));
        // Dates, counters, reviews and bios after the name.
        assert_eq!(
            c("Mira Olsen December 3, 2025").as_deref(),
            Some("Mira Olsen")
        );
        assert_eq!(
            c("Mira OlsenDecember 3, 2025").as_deref(),
            Some("Mira Olsen")
        );
        assert_eq!(c("Mira Olsen 7 min read").as_deref(), Some("Mira Olsen"));
        assert_eq!(
            c("Tove Berg, DVM. Reviewed by Ali Khan, DVM").as_deref(),
            Some("Tove Berg, DVM")
        );
        assert_eq!(
            c("Tove Berg Tove Berg is a writer").as_deref(),
            Some("Tove Berg")
        );
        assert_eq!(c("Tove Tove").as_deref(), Some("Tove"));
        // Catalogue order, and entities.
        assert_eq!(c("Olsen, Mira").as_deref(), Some("Mira Olsen"));
        assert_eq!(c("Ana &amp; Rui").as_deref(), Some("Ana & Rui"));
        // Not names.
        for junk in [
            "By",
            "Sign In",
            "Administrator",
            "The Author",
            "Sat, 20 Dec",
            "page.head.author",
        ] {
            assert_eq!(c(junk), None, "{junk}");
        }
    }

    #[test]
    fn headline_among_several_h1s() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // The site's masthead is an <h1> too; the metadata title's site suffix names it.
        assert_eq!(
            choose_title(
                &h(&["Shoreline Notes", "Quiet season"]),
                None,
                None,
                Some("Quiet season - Shoreline Notes"),
                None
            )
            .as_deref(),
            Some("Quiet season")
        );
        // The only <h1> is the site's name: the metadata title wins.
        assert_eq!(
            choose_title(
                &h(&["Shoreline Notes"]),
                None,
                Some("Quiet season at the pools"),
                Some("Quiet season at the pools | Shoreline Notes"),
                Some("Shoreline Notes")
            )
            .as_deref(),
            Some("Quiet season at the pools")
        );
        // The heading is kept as written even when the metadata title is longer.
        assert_eq!(
            choose_title(
                &h(&["Nine ways to save water"]),
                None,
                Some("Nine ways to save water in 2026 (tested)"),
                None,
                None
            )
            .as_deref(),
            Some("Nine ways to save water")
        );
        assert_eq!(tidy_title("Pool&#8217;s &amp;amp; rock"), "Pool's & rock");
    }

    #[test]
    fn site_name_before_the_headline() {
        assert_eq!(
            strip_site(
                "Shoreline Notes | Quiet season at the pools",
                Some("Shoreline Notes")
            ),
            "Quiet season at the pools"
        );
        assert_eq!(
            strip_site("Quiet season at the pools • Ines Varga", None),
            "Quiet season at the pools"
        );
    }

    #[test]
    fn pipe_suffixes_leave_headings() {
        assert_eq!(
            strip_pipe_suffix("How meditation rewires brains | Opinion"),
            "How meditation rewires brains"
        );
        assert_eq!(
            strip_pipe_suffix("How to help babies sleep | Patient Education | City Hospital"),
            "How to help babies sleep"
        );
        // A short head is the headline's own words: kept whole.
        assert_eq!(
            strip_pipe_suffix("GAME CHANGER | Store"),
            "GAME CHANGER | Store"
        );
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
                &["Big News".to_string()],
                None,
                Some("Big News - Planet"),
                None,
                None
            )
            .as_deref(),
            Some("Big News")
        );
        assert_eq!(
            choose_title(
                &["Menu".to_string()],
                Some("Storm hits coast"),
                None,
                None,
                None
            )
            .as_deref(),
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
