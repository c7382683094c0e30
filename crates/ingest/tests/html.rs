//! Article extraction on pages we wrote (tests/fixtures/html/), bad input, the reader
//! path for HTML files, and a few of the shared WCXB pages when they are present.

use newsdesk_core::{ArticleId, SourceRef};
use newsdesk_ingest::html::{
    DateSource, Extracted, Extractor, PageContext, PageType, extract_file,
};
use newsdesk_ingest::{Input, Item, Options, Reader, RejectReason, read_html};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

fn extract(name: &str) -> Extracted {
    match extract_file(&fixture(name), &Extractor::default()) {
        Ok(x) => x,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn page(html: &str) -> Result<Extracted, RejectReason> {
    Extractor::default().extract(html.as_bytes(), &PageContext::default())
}

#[test]
fn json_ld_article() {
    let x = extract("jsonld.html");
    assert_eq!(x.page_type, PageType::Article);
    assert_eq!(
        x.title.as_deref(),
        Some("Harbour bridge reopens after repairs")
    );
    // Authors through an @id reference and an inline Person, in order.
    assert_eq!(x.authors, vec!["Maren Olsen", "Tomas Berg"]);
    // JSON-LD wins over the (wrong) meta date; the update is kept apart, zone kept.
    let p = x.published.clone().expect("published");
    assert_eq!(p.value, "2025-03-14T07:30:00+01:00");
    assert_eq!(p.timezone.as_deref(), Some("+01:00"));
    assert_eq!(p.source, DateSource::JsonLd);
    assert_eq!(
        x.updated.as_ref().map(|d| d.value.as_str()),
        Some("2025-03-15T09:00:00+01:00")
    );
    assert_eq!(x.lang.as_deref(), Some("en-GB"));
    assert_eq!(x.site_name.as_deref(), Some("The Coastal Gazette"));
    assert_eq!(
        x.canonical_url.as_deref(),
        Some("https://gazette.example/2025/03/14/harbour-bridge-reopens")
    );
    // The body: all four paragraphs, none of the menus, share links, related list,
    // headline, byline or footer.
    assert!(
        x.text.starts_with("The harbour bridge reopened"),
        "{}",
        x.text
    );
    assert!(
        x.text.ends_with("the transport office added."),
        "{}",
        x.text
    );
    assert_eq!(x.text.matches("\n\n").count(), 3, "{}", x.text);
    for junk in [
        "Home",
        "Share on",
        "Ferry timetable",
        "All rights",
        "By Maren",
        "Related",
    ] {
        assert!(!x.text.contains(junk), "{junk} in {}", x.text);
    }
}

#[test]
fn opengraph_only() {
    let x = extract("opengraph.html");
    assert_eq!(x.page_type, PageType::Article);
    assert_eq!(x.title.as_deref(), Some("Library extends weekend hours"));
    assert_eq!(x.author().as_deref(), Some("Priya Raman"));
    let p = x.published.clone().expect("published");
    assert_eq!(p.value, "2024-11-02T16:45:00-05:00");
    assert_eq!(p.source, DateSource::Meta);
    assert_eq!(
        x.updated.map(|d| d.value),
        Some("2024-11-03T08:00:00-05:00".to_string())
    );
    assert_eq!(x.lang.as_deref(), Some("en-US"));
    assert_eq!(
        x.canonical_url.as_deref(),
        Some("https://courier.example/news/library-hours")
    );
    assert!(x.text.starts_with("The Northfield public library"));
    assert!(x.text.contains("review visitor numbers in June"));
    assert!(!x.text.contains("Front page"), "{}", x.text);
    assert!(
        !x.text.contains("waiting for this"),
        "comments kept: {}",
        x.text
    );
}

#[test]
fn byline_and_time() {
    let x = extract("byline_time.html");
    assert_eq!(x.page_type, PageType::Article);
    assert_eq!(x.authors, vec!["Luis Ortega"]);
    let p = x.published.expect("published");
    assert_eq!(p.value, "2025-04-22T06:10:00-07:00");
    assert_eq!(p.source, DateSource::Time);
    assert_eq!(x.text.matches("\n\n").count(), 2, "{}", x.text);
    assert!(!x.text.contains("Luis Ortega"), "{}", x.text);
    assert!(!x.text.contains("Subscribe"), "{}", x.text);
}

#[test]
fn non_articles_are_typed_and_rejected() {
    for (name, kind, reason) in [
        (
            "listing.html",
            PageType::Listing,
            "not an article: the page is a listing (links to other pages)",
        ),
        (
            "consent.html",
            PageType::Wall,
            "not an article: the page is a paywall or consent wall",
        ),
        (
            "error.html",
            PageType::Error,
            "not an article: the page is an error page",
        ),
    ] {
        let x = extract(name);
        assert_eq!(x.page_type, kind, "{name}");
        let err = x.into_draft().map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(err, Err(reason.to_string()), "{name}");
    }
}

#[test]
fn latin1_with_meta_charset() {
    let x = extract("latin1.html");
    assert_eq!(x.charset, "windows-1252");
    assert_eq!(x.page_type, PageType::Article);
    assert!(x.text.contains("la fête du village"), "{}", x.text);
    assert!(x.text.contains("crêpes"), "{}", x.text);
    assert!(!x.text.contains('\u{FFFD}'));
    assert_eq!(x.published.map(|d| d.value), Some("2025-07-14".to_string()));
}

#[test]
fn gzipped_page_is_read_directly() {
    let x = extract("cycle_lanes.html.gz");
    assert_eq!(x.page_type, PageType::Article);
    assert_eq!(x.title.as_deref(), Some("Council approves new cycle lanes"));
    assert_eq!(x.published.map(|d| d.value), Some("2025-05-09".to_string()));
    assert!(x.text.contains("eleven to four"));
}

#[test]
fn reader_turns_html_files_into_articles_with_canonical_ids() {
    let mut reader = Reader::new([Input::Path(fixture(""))], Options::default());
    let items: Vec<Item> = reader.by_ref().collect();
    let mut articles = Vec::new();
    let mut rejects = Vec::new();
    for i in &items {
        match i {
            Item::Article(a) => articles.push(a),
            Item::Reject(r) => rejects.push(r),
        }
    }
    // Sorted walk: blog_post, byline_time, consent, cycle_lanes.html.gz, error, jsonld,
    // latin1, listing, opengraph.
    assert_eq!(articles.len(), 6, "{items:#?}");
    assert_eq!(rejects.len(), 3);
    let bridge = articles
        .iter()
        .find(|a| a.title.as_deref() == Some("Harbour bridge reopens after repairs"))
        .expect("bridge article");
    assert_eq!(
        bridge.id,
        ArticleId::from_url("https://gazette.example/2025/03/14/harbour-bridge-reopens")
    );
    assert_eq!(
        bridge.published.as_deref(),
        Some("2025-03-14T07:30:00+01:00")
    );
    assert_eq!(bridge.outlet.as_deref(), Some("The Coastal Gazette"));
    assert!(rejects.iter().any(|r| r.reason.contains("consent wall")));
    assert_eq!(reader.summary().files_skipped, 0);
}

#[test]
fn bad_input_gets_reasons() {
    let origin = SourceRef {
        source: "x.html".into(),
        position: 0,
    };
    let reason = |bytes: &[u8]| match read_html(bytes, origin.clone(), &Options::default()) {
        Item::Reject(r) => r.reason,
        Item::Article(a) => panic!("unexpected article {a:?}"),
    };
    assert_eq!(
        reason(b"just some words, no markup at all"),
        "not HTML: no markup found at the start of the input"
    );
    assert_eq!(reason(b"   \n "), "empty text: nothing but whitespace");
    assert!(reason(b"<html>\0\0\0binary").starts_with("binary data: NUL byte"));
    // A truncated gzip stream.
    let gz = std::fs::read(fixture("cycle_lanes.html.gz")).unwrap_or_default();
    let cut = &gz[..gz.len() / 2];
    assert!(
        reason(cut).starts_with("cannot decompress gzip data"),
        "{}",
        reason(cut)
    );
    // HTML without an article.
    assert!(
        reason(b"<html><body><div><a href=/>Home</a></div></body></html>")
            .starts_with("not an article")
    );
}

#[test]
fn invalid_dates_are_dropped_not_guessed() {
    let body = "<p>".to_string() + &"A sentence of body text that goes on. ".repeat(30) + "</p>";
    let x = page(&format!(
        "<html><head><meta property='og:type' content='article'>\
         <meta property='article:published_time' content='2025-13-45T99:00:00Z'>\
         <meta name='date' content='soon'></head><body><h1>T</h1>{body}</body></html>"
    ))
    .expect("page");
    assert_eq!(x.published, None);
    assert_eq!(x.page_type, PageType::Article);
    // A date in the URL is used only when the page has none, and says so.
    let x = Extractor::default()
        .extract(
            format!("<html><body>{body}</body></html>").as_bytes(),
            &PageContext {
                url: Some("https://n.example/2024/02/29/leap"),
                content_type: None,
            },
        )
        .expect("page");
    let d = x.published.expect("url date");
    assert_eq!(
        (d.value.as_str(), d.source),
        ("2024-02-29", DateSource::Url)
    );
}

#[test]
fn http_charset_wins() {
    let bytes = b"<html><head><meta charset=utf-8></head><body><p>caf\xe9</p></body></html>";
    let x = Extractor::default()
        .extract(
            bytes,
            &PageContext {
                url: None,
                content_type: Some("text/html; charset=ISO-8859-1"),
            },
        )
        .expect("page");
    assert_eq!(x.charset, "windows-1252");
    assert!(x.text.contains("café"), "{}", x.text);
}

/// A few WCXB dev pages (read from ../shared, never copied): each extracts, article pages
/// keep most of their gold text. Skipped when the data is not on this machine.
#[test]
fn shared_eval_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/html/wcxb_dev");
    let gt_path = dir.join("ground_truth.json");
    let Ok(gt) = std::fs::read(&gt_path) else {
        eprintln!("skipped: {} not found", gt_path.display());
        return;
    };
    let gt: serde_json::Value = serde_json::from_slice(&gt).expect("ground truth JSON");
    let ex = Extractor::default();
    let mut checked = 0;
    for id in ["0001", "0002", "0003", "0004", "0006", "0007"] {
        let Some(g) = gt.get(id) else { continue };
        let Some(rel) = g["html"].as_str() else {
            continue;
        };
        let x = extract_file(&dir.join(rel), &ex).expect("extracts");
        if g["page_type"] != "article" {
            continue;
        }
        let gold = g["articleBody"].as_str().unwrap_or("");
        let gold_words: std::collections::HashSet<&str> = gold.split_whitespace().collect();
        let found = x
            .text
            .split_whitespace()
            .filter(|w| gold_words.contains(w))
            .count();
        let total = x.text.split_whitespace().count().max(1);
        assert!(
            found * 10 >= total * 7,
            "{id}: only {found}/{total} words in the gold"
        );
        checked += 1;
    }
    assert!(checked >= 3, "too few article pages checked");
}

/// Random and mutated inputs never panic the extractor (a quick version of the fuzz
/// target in fuzz/, run on every `cargo test`).
#[test]
fn no_panic_on_mutated_pages() {
    let seed = std::fs::read(fixture("jsonld.html")).unwrap_or_default();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let ex = Extractor::default();
    for _ in 0..300 {
        let mut b = seed.clone();
        for _ in 0..(next() % 40) {
            let len = b.len().max(1);
            let i = (next() as usize) % len;
            match next() % 4 {
                0 => {
                    b.truncate(i);
                }
                1 => b.insert(i.min(b.len()), (next() & 0xFF) as u8),
                2 => {
                    if i < b.len() {
                        b.remove(i);
                    }
                }
                _ => {
                    let piece: &[u8] = [
                        &b"<"[..],
                        b">",
                        b"\"",
                        b"</div>",
                        b"<p>",
                        b"&#",
                        b"<!--",
                        b"<script>",
                    ][(next() % 8) as usize];
                    let at = i.min(b.len());
                    b.splice(at..at, piece.iter().copied());
                }
            }
        }
        let _ = ex.extract(&b, &PageContext::default());
    }
}

#[test]
fn blog_post_without_metadata() {
    let x = extract("blog_post.html");
    assert_eq!(x.page_type, PageType::Article);
    // The second <h1> is the headline (the first is the masthead); the typographic
    // apostrophe is written plainly.
    assert_eq!(x.title.as_deref(), Some("The Tide Pool's Quiet Season"));
    // The author from the link to their page, the date from the dateline under the
    // headline.
    assert_eq!(x.authors, vec!["Ines Varga"]);
    let p = x.published.expect("published");
    assert_eq!(p.value, "2025-12-19");
    assert_eq!(p.source, DateSource::Text);
    // The body: the four paragraphs, without the dateline, the "Posted on" line, the
    // byline, or what follows "Keep reading".
    assert!(x.text.starts_with("Every winter"), "{}", x.text);
    assert!(x.text.ends_with("a season of growth."), "{}", x.text);
    for junk in [
        "min read",
        "Posted on",
        "Ines Varga",
        "Keep reading",
        "oystercatchers",
    ] {
        assert!(!x.text.contains(junk), "{junk} in {}", x.text);
    }
}

/// A page with JSON-LD and the given extra `<head>` and `<body>` parts.
fn page_with(head: &str, body: &str) -> Extracted {
    let html = format!(
        "<!doctype html><html><head><title>Quiet season</title>{head}</head><body>\
         <article><h1>Quiet season</h1>{body}\
         <p>Every winter the tide pools below the north ledge go quiet and look empty to \
         anyone walking past in a hurry, but they are not.</p>\
         <p>We counted what lives in the three largest pools and found more periwinkles \
         than in August, and two sea stars never seen there before.</p></article></body></html>"
    );
    match page(&html) {
        Ok(x) => x,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn author_lists_are_written_as_bylines() {
    let ld = |authors: &str| {
        format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Quiet season","author":[{authors}]}}</script>"#
        )
    };
    let one = page_with(&ld(r#"{"@type":"Person","name":"Ana Lutz"}"#), "");
    assert_eq!(one.author().as_deref(), Some("Ana Lutz"));
    let two = page_with(&ld(r#""Ana Lutz","Rui Sousa""#), "");
    assert_eq!(two.author().as_deref(), Some("Ana Lutz and Rui Sousa"));
    let three = page_with(&ld(r#""Ana Lutz","Rui Sousa","Mei Chen""#), "");
    assert_eq!(
        three.author().as_deref(),
        Some("Ana Lutz, Rui Sousa, Mei Chen")
    );
}

#[test]
fn organisation_author_only_when_no_person_is_named() {
    let head = r#"<meta property="og:site_name" content="Harbour Works">
        <script type="application/ld+json">{"@type":"Article","headline":"Quiet season",
        "author":{"@type":"Organization","name":"Harbour Works"}}</script>"#;
    let x = page_with(head, "");
    assert_eq!(x.authors, vec!["Harbour Works"]);
    // A person in the byline wins over the organisation.
    let x = page_with(head, r#"<p class="byline">By Ana Lutz</p>"#);
    assert_eq!(x.authors, vec!["Ana Lutz"]);
}

#[test]
fn more_author_and_date_sources() {
    // Ghost/Yoast label pairs, and a human date in a meta value.
    let x = page_with(
        r#"<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Mei Chen">
           <meta name="published" content="July 17, 2025">"#,
        "",
    );
    assert_eq!(x.authors, vec!["Mei Chen"]);
    assert_eq!(x.published.map(|d| d.value), Some("2025-07-17".to_string()));
    // Papers: every citation_author.
    let x = page_with(
        r#"<meta name="citation_author" content="Chen, Mei"><meta name="citation_author" content="Rui Sousa">"#,
        "",
    );
    assert_eq!(x.authors, vec!["Mei Chen", "Rui Sousa"]);
    // A byline written as a label and a name in separate elements.
    let x = page_with("", "<div><p>Written by</p><p>Tove Berg</p></div>");
    assert_eq!(x.authors, vec!["Tove Berg"]);
}

#[test]
fn widget_classes_and_tables_in_a_marked_body() {
    let rows: String = (1..=15)
        .map(|i| format!("<tr><td>Pool {i}</td><td>{}</td><td>cold</td></tr>", i * 3))
        .collect();
    let html = format!(
        "<html><head><title>Pool census</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/pools\">Pools</a></nav>\
         <div class=\"entry-content\">\
         <p>We counted the animals living in fifteen tide pools below the north ledge on six \
         cold mornings this winter, and we set the numbers out below for anyone who wants to \
         compare them with their own counts next year.</p>\
         <table>{rows}</table>\
         <p class=\"contextmenu body\">The cold water holds more oxygen, which suits the slow \
         grazers, and the storms bring fresh kelp and the tiny shrimp that young fish feed on \
         through the dark months, so the pools are busier than they look from the path.</p>\
         </div><footer>All rights reserved</footer></body></html>"
    );
    let x = page(&html).unwrap_or_else(|e| panic!("{e}"));
    // The paragraph whose class names a widget ("contextmenu") is kept...
    assert!(x.text.contains("busier than they look"), "{}", x.text);
    // ...and so is the table inside the marked article body.
    assert!(x.text.contains("Pool 7"), "{}", x.text);
    assert!(x.text.starts_with("We counted"), "{}", x.text);
    assert!(!x.text.contains("All rights"), "{}", x.text);
}

#[test]
fn update_labels_keep_text_dates_apart() {
    // The label in its own element, the date in a classed one: an update, not the
    // publication.
    let x = page_with(
        "",
        r#"<span class="post-date"><span>Last Updated</span> <span class="date">Mar 11, 2026</span></span>"#,
    );
    assert_eq!(x.published, None);
    assert_eq!(x.updated.map(|d| d.value), Some("2026-03-11".to_string()));
    // Both written: each where it belongs.
    let x = page_with(
        "",
        r#"<div class="dates"><span class="pub-date">Published Jan 5, 2026</span></div>
           <div class="update-note"><span class="date">Updated on Feb 2, 2026</span></div>"#,
    );
    assert_eq!(x.published.map(|d| d.value), Some("2026-01-05".to_string()));
    assert_eq!(x.updated.map(|d| d.value), Some("2026-02-02".to_string()));
}

#[test]
fn text_after_an_end_heading_is_not_the_article() {
    let x = page_with(
        "",
        "<p>The cold water holds more oxygen, which suits the slow grazers, and storms bring \
         fresh kelp with the tiny shrimp that young fish feed on through the dark months.</p>",
    );
    let html_end = "<h3>More from Shoreline Notes</h3><p>Last spring we followed a family of \
        oystercatchers along the south beach for a month and wrote down all they ate.</p>";
    let y = page(&format!(
        "<html><head><title>Quiet season</title></head><body><article><h1>Quiet season</h1>\
         <p>{}</p>{html_end}</article></body></html>",
        x.text.replace("\n\n", "</p><p>")
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(y.text.contains("tiny shrimp"), "{}", y.text);
    assert!(!y.text.contains("oystercatchers"), "{}", y.text);
    assert!(!y.text.contains("More from"), "{}", y.text);
}

#[test]
fn printed_dateline_wins_over_restamped_metadata() {
    // The CMS re-stamped `datePublished`; the dateline under the headline is the date
    // readers see.
    let ld = r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"Quiet season",
        "datePublished":"2025-06-24T10:00:00Z"}</script>"#;
    let x = page_with(ld, r#"<p class="meta">Ana Lutz</p><p>August 25, 2024</p>"#);
    let p = x.published.expect("published");
    assert_eq!(p.value, "2024-08-25");
    assert_eq!(p.source, DateSource::Text);
    // The printed date is the update the metadata names: the publication stays.
    let ld = r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"Quiet season",
        "datePublished":"2025-01-29T20:47:55Z","dateModified":"2025-08-19T13:25:59Z"}</script>"#;
    let x = page_with(ld, "<p>August 19, 2025</p>");
    assert_eq!(
        x.published.map(|d| d.value),
        Some("2025-01-29T20:47:55Z".to_string())
    );
    // Agreement changes nothing: the metadata keeps its time and zone.
    let ld = r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"Quiet season",
        "datePublished":"2025-06-24T10:00:00+02:00"}</script>"#;
    let x = page_with(ld, "<p>June 24, 2025</p>");
    assert_eq!(x.published.map(|d| d.source), Some(DateSource::JsonLd));
}

#[test]
fn publication_before_an_update_label_in_one_element() {
    let x = page_with(
        "",
        r#"<p class="date">December 3, 2025. <i>Updated: December 7, 2025</i></p>"#,
    );
    assert_eq!(x.published.map(|d| d.value), Some("2025-12-03".to_string()));
    assert_eq!(x.updated.map(|d| d.value), Some("2025-12-07".to_string()));
}

#[test]
fn dateline_near_a_title_heading_without_h1() {
    let html = "<html><head><title>Quiet season at the pools | Shoreline Notes</title></head>\
        <body><nav><a href=\"/\">Home</a></nav><h2>Quiet season at the pools</h2>\
        <small>December 17, 2025</small>\
        <p>Every winter the tide pools below the north ledge go quiet and look empty to \
        anyone walking past in a hurry, but they are not.</p>\
        <p>We counted what lives in the three largest pools and found more periwinkles \
        than in August, and two sea stars never seen there before.</p></body></html>";
    let x = page(html).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.published.map(|d| d.value), Some("2025-12-17".to_string()));
}

#[test]
fn titles_without_datelines_labels_or_section_names() {
    let doc = |head: &str, h1: &str| {
        let html = format!(
            "<html><head>{head}</head><body><article><h1>{h1}</h1>\
             <p>Every winter the tide pools below the north ledge go quiet and look empty to \
             anyone walking past in a hurry, but they are not.</p></article></body></html>"
        );
        page(&html).unwrap_or_else(|e| panic!("{e}")).title
    };
    // A date glued before or after the headline.
    assert_eq!(
        doc(
            "<title>Preparing a transition</title>",
            "Dec 18 2025 Preparing a transition in the archive"
        )
        .as_deref(),
        Some("Preparing a transition in the archive")
    );
    assert_eq!(
        doc(
            "<title>Beginner's Backpacking Checklist</title>",
            "Beginner's Backpacking Checklist (By a Guide!) January 1, 2025"
        )
        .as_deref(),
        Some("Beginner's Backpacking Checklist (By a Guide!)")
    );
    // A field label.
    assert_eq!(
        doc("", "Title: Merging models with geometric constraints").as_deref(),
        Some("Merging models with geometric constraints")
    );
    // On an article, a one-word section heading is not the headline the metadata gives.
    let og =
        r#"<meta property="og:title" content="How we watched the tide pools through the winter">"#;
    assert_eq!(
        doc(
            &format!(r#"{og}<meta property="og:type" content="article">"#),
            "Tide pools"
        )
        .as_deref(),
        Some("How we watched the tide pools through the winter")
    );
    // On a page that does not call itself an article (a shop's category), it is.
    assert_eq!(doc(og, "Tide pools").as_deref(), Some("Tide pools"));
    // A headline that is a date-like phrase inside is left alone.
    assert_eq!(
        doc("", "What changed on May 4 for the harbour ferries").as_deref(),
        Some("What changed on May 4 for the harbour ferries")
    );
}

#[test]
fn linked_headings_credits_and_reading_times() {
    let x = page_with(
        "",
        "<p>8 min read</p><p>Reviewed by Rui Sousa</p>\
         <h2><a href=\"https://pools.example/north\">1. North ledge pool</a></h2>\
         <p>The largest pool keeps the most sea stars, sheltered from the swell by the ledge \
         and fed by the spring tides twice a month.</p>\
         <p>Article continues below</p>",
    );
    assert!(x.text.contains("1. North ledge pool"), "{}", x.text);
    assert!(!x.text.contains("min read"), "{}", x.text);
    assert!(!x.text.contains("Reviewed by"), "{}", x.text);
    assert!(!x.text.contains("continues below"), "{}", x.text);
}

#[test]
fn affiliate_disclosures_are_not_the_article() {
    let x = page_with(
        "",
        "<p>Disclosure: this post contains affiliate links. If you buy through them, we may          earn a small commission at no extra cost to you.</p>         <p>Affiliate programmes let streamers earn a commission when viewers buy gear through          their links, and many pool-watching channels use them.</p>",
    );
    assert!(!x.text.contains("Disclosure"), "{}", x.text);
    // A sentence about affiliate programmes, not the site's own disclosure, stays.
    assert!(x.text.contains("Affiliate programmes"), "{}", x.text);
}

#[test]
fn a_sectioned_article_is_taken_whole() {
    // Sections, each with prose and a list of links (a changelog's pull requests): the
    // article around them, not the one section with the fewest links.
    let section = |n: usize, words: &str| {
        let links: String = (1..=8)
            .map(|i| {
                format!("<li><a href=\"/pr/{n}{i}\">Pull request {n}{i} fixing the build</a></li>")
            })
            .collect();
        format!(
            "<div class=\"sect\"><h2>Part {n}</h2><p>{words} The tide pools below the north \
             ledge were counted again this month and the numbers went into the log.</p>\
             <ul>{links}</ul></div>"
        )
    };
    let html = format!(
        "<html><head><title>Progress report</title></head><body><main><article>\
         <h1>Progress report</h1>{}{}{}{}</article></main>\
         <footer><a href=\"/\">Home</a></footer></body></html>",
        section(
            1,
            "First, the periwinkles came back in numbers after the winter storms."
        ),
        section(
            2,
            "Second, the sea stars moved from the east pool to the west one."
        ),
        section(
            3,
            "Third, the young fish stayed in the pools through the dark months."
        ),
        section(
            4,
            "Fourth, the kelp brought back the tiny shrimp the young fish eat."
        ),
    );
    let x = page(&html).unwrap_or_else(|e| panic!("{e}"));
    assert!(x.text.contains("periwinkles came back"), "{}", x.text);
    assert!(x.text.contains("sea stars moved"), "{}", x.text);
    assert!(x.text.contains("young fish stayed"), "{}", x.text);
    assert!(!x.text.contains("Home"), "{}", x.text);
}

#[test]
fn double_encoded_utf8_is_repaired() {
    let html = "<html><head><title>Quiet season</title></head><body><article><p>Now \
        let\u{e2}\u{80}\u{99}s look at the pools: the caf\u{c3}\u{a9} by the ledge counts \
        periwinkles every winter, and the tide pools are busier than they look.</p>\
        </article></body></html>";
    let x = page(html).unwrap_or_else(|e| panic!("{e}"));
    assert!(x.text.contains("let\u{2019}s look"), "{}", x.text);
    assert!(x.text.contains("café"), "{}", x.text);
}

/// Short paragraphs of filler: enough text runs to move a line away from the headline.
fn filler(n: usize) -> String {
    (1..=n)
        .map(|i| {
            format!(
                "<p>Note {i}: the tide pools below the north ledge were counted again this \
                 week, and the sea stars were where the last count left them.</p>"
            )
        })
        .collect()
}

#[test]
fn a_date_labelled_published_beats_metadata_that_disagrees() {
    let html = format!(
        "<html><head><title>Counting the pools</title>\
         <meta property=\"article:published_time\" content=\"2025-11-29T12:28:31-05:00\">\
         </head><body><article><h1>Counting the pools</h1>{}\
         <p>Published August 13, 2025</p>{}</article></body></html>",
        filler(14),
        filler(2)
    );
    let x = page(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.published.map(|d| d.value), Some("2025-08-13".to_string()));
    // "Posted on" with the date in the next run fills a page without one.
    let html = format!(
        "<html><head><title>Counting the pools</title></head><body><article>\
         <h1>Counting the pools</h1>{}<p><span>Posted on</span> <b>15/12/2025</b></p>\
         </article></body></html>",
        filler(14)
    );
    let x = page(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.published.map(|d| d.value), Some("2025-12-15".to_string()));
}

#[test]
fn a_date_printed_with_the_byline_fills_a_page_without_one() {
    // No `<h1>` and no date in the metadata: the date under the author's name.
    let html = format!(
        "<html><head><title>Introducing the tide counter | Pools Lab</title>\
         <meta name=\"author\" content=\"Luke Kim\"></head><body><article>\
         <h2>A faster way to count</h2><div><p>Luke Kim</p><small>December 17, 2025</small>\
         </div>{}</article></body></html>",
        filler(3)
    );
    let x = page(&html).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(x.authors, vec!["Luke Kim"]);
    assert_eq!(x.published.map(|d| d.value), Some("2025-12-17".to_string()));
}

#[test]
fn full_titles_over_cut_headlines_and_host_names() {
    let doc = |head: &str| {
        let html = format!(
            "<html><head>{head}</head><body><article>{}</article></body></html>",
            filler(3)
        );
        page(&html).unwrap_or_else(|e| panic!("{e}")).title
    };
    // A JSON-LD headline cut at a length limit: the full title the page gives.
    let full = "Struggling with how to arrange the tide pool tanks? We help four readers find \
                solutions (including one trick that works nine times in ten)";
    let head = format!(
        r#"<title>{full} - Pools Lab</title><script type="application/ld+json">
        {{"@type":"Article","headline":"Struggling with how to arrange the tide pool tanks? We help four readers find solutions (including"}}
        </script>"#
    );
    assert_eq!(doc(&head).as_deref(), Some(full));
    // A host name after or before the headline is the site, however short the headline.
    assert_eq!(
        doc("<title>Game Changer | Pools.example.com</title>").as_deref(),
        Some("Game Changer")
    );
    assert_eq!(
        doc("<title>poolslab.org - Tide Tables</title>").as_deref(),
        Some("Tide Tables")
    );
}
