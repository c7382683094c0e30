//! What kind of page this is: article, listing, wall, error or other.
//!
//! Why: a home page or a cookie wall run through a body extractor yields a "text" made of
//! teasers or legal boilerplate, which then pollutes stories. Saying what the page is lets
//! ingest reject it with a reason. The rules use, in order: error signals (a "404" or "not
//! found" title with little text), walls (consent or subscription phrases with little
//! text, or JSON-LD `isAccessibleForFree: false` with a short body), the page's own
//! declarations (JSON-LD types, `og:type`), then the shape of the text (paragraphs in the
//! container against teasers and links around it).

use super::PageType;
use super::content::Body;
use super::dom::{Doc, T};
use super::meta::Meta;

/// Phrases of consent walls (lower-case).
const CONSENT: &[&str] = &[
    "we use cookies",
    "uses cookies",
    "cookie policy",
    "cookie settings",
    "accept all cookies",
    "accept cookies",
    "consent to the use",
    "before you continue",
    "your privacy choices",
    "manage your privacy",
    "we value your privacy",
    "partners store and/or access",
];

/// Phrases of paywalls and login walls (lower-case).
const PAYWALL: &[&str] = &[
    "subscribe to continue",
    "subscribe to read",
    "to continue reading",
    "continue reading this article",
    "already a subscriber",
    "this content is for subscribers",
    "this article is for subscribers",
    "subscribers only",
    "sign in to continue",
    "log in to continue",
    "create a free account to continue",
    "you have reached your limit",
    "reached your free article limit",
];

/// Phrases of error pages (lower-case), matched in the title or first heading.
const ERROR: &[&str] = &[
    "404",
    "not found",
    "page not found",
    "page cannot be found",
    "page can't be found",
    "page could not be found",
    "doesn't exist",
    "does not exist",
    "no longer available",
    "error 500",
    "internal server error",
    "access denied",
    "403 forbidden",
];

/// JSON-LD types of pages that list other pages.
const LISTING_TYPES: &[&str] = &[
    "collectionpage",
    "itemlist",
    "searchresultspage",
    "blog",
    "siteNavigationElement",
];

/// JSON-LD types of pages that are something other than an article.
const OTHER_TYPES: &[&str] = &[
    "product",
    "productgroup",
    "offer",
    "aggregateoffer",
    "discussionforumposting",
    "qapage",
    "question",
    "softwareapplication",
    "jobposting",
    "event",
    "course",
    "recipe",
    "profilepage",
    "realestatelisting",
    "vehicle",
    "hotel",
    "localbusiness",
    "service",
];

pub(crate) fn classify(doc: &Doc<'_>, meta: &Meta, body: &Body) -> PageType {
    let text_len = body.text.len();
    let heads = format!(
        "{} {}",
        meta.html_title.as_deref().unwrap_or(""),
        doc.h1s
            .first()
            .map(|&i| doc.inner_text(i))
            .unwrap_or_default()
    )
    .to_lowercase();
    if text_len < 1500 && ERROR.iter().any(|p| heads.contains(p)) {
        return PageType::Error;
    }
    if text_len < 1200 {
        let sample = page_sample(doc);
        if PAYWALL.iter().any(|p| sample.contains(p)) || meta.paywalled && text_len < 800 {
            return PageType::Wall;
        }
        if CONSENT.iter().filter(|p| sample.contains(*p)).count() >= 1 && body.paragraphs <= 2 {
            return PageType::Wall;
        }
    }
    let has = |list: &[&str]| {
        meta.ld_types
            .iter()
            .any(|t| list.iter().any(|l| l.eq_ignore_ascii_case(t)))
    };
    let og_article = meta.og_type.as_deref() == Some("article");
    let declared_article = meta.ld_article || og_article;
    let dated = meta
        .published
        .as_ref()
        .is_some_and(|d| d.source != super::DateSource::Url);
    if has(OTHER_TYPES) && !meta.ld_article {
        return PageType::Other;
    }
    if matches!(
        meta.og_type.as_deref(),
        Some("product" | "og:product" | "product.item")
    ) {
        return PageType::Other;
    }
    if text_len < 250 {
        return if body.teasers >= 8 {
            PageType::Listing
        } else {
            PageType::Other
        };
    }
    let page_ld = if body.page_text == 0 {
        0.0
    } else {
        body.page_link_text as f64 / body.page_text as f64
    };
    let listing_shape =
        body.teasers >= 12 && body.paragraphs < 4 || page_ld > 0.55 && body.paragraphs < 3;
    if has(LISTING_TYPES) && !declared_article && body.paragraphs < 6 {
        return PageType::Listing;
    }
    if declared_article && (body.paragraphs >= 2 || text_len >= 600) {
        return PageType::Article;
    }
    if listing_shape {
        return PageType::Listing;
    }
    if dated && (body.paragraphs >= 3 || text_len >= 1200) {
        return PageType::Article;
    }
    if !meta.authors.is_empty() && body.paragraphs >= 4 {
        return PageType::Article;
    }
    PageType::Other
}

/// The first 20 KB of the page's visible text, lower-cased, for phrase checks.
fn page_sample(doc: &Doc<'_>) -> String {
    let mut s = String::new();
    for n in &doc.nodes {
        if n.tag == T::Text {
            s.push_str(doc.text_of(n));
            if s.len() > 20_000 {
                break;
            }
        }
    }
    s.to_lowercase()
}
