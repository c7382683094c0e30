//! Title and date rules of the HTML extractor's metadata pass, each on a small page we
//! wrote: which headline candidate wins, which site affixes go, and which printed date
//! is the publication.

use newsdesk_ingest::html::{Extracted, Extractor, PageContext};

/// A page with the given `<head>` extras, `<title>`, and body markup before three
/// paragraphs of article text (enough for the page to read as an article).
fn page(head: &str, title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{head}</head>\
         <body><main><article>{body}\
         <p>The harbour master posted the new tide tables on the board outside the office, \
         and the fishermen gathered to read them before the morning boats went out.</p>\
         <p>Spring tides this year run higher than usual, the tables show, and the lowest \
         ebb falls in the second week of the month, when the sandbar is exposed.</p>\
         <p>Sailors who moor in the outer basin are asked to check their lines twice a day \
         while the high tides last, and to report any damage to the pontoons.</p>\
         </article></main></body></html>"
    )
}

fn extract(html: &str, url: Option<&str>) -> Extracted {
    let ctx = PageContext {
        url,
        content_type: None,
    };
    match Extractor::default().extract(html.as_bytes(), &ctx) {
        Ok(x) => x,
        Err(e) => panic!("extraction failed: {e}"),
    }
}

fn day(x: &Extracted) -> Option<&str> {
    x.published.as_ref().and_then(|d| d.value.get(..10))
}

#[test]
fn blog_name_before_the_og_title_is_not_the_headline() {
    // `<title>` is "Blog: Post" and `og:title` is "Post": the `<h1>` that repeats the
    // blog's name is its masthead.
    let html = page(
        r#"<meta property="og:title" content="Reading the spring tide tables">"#,
        "Quiet Harbour: Reading the spring tide tables",
        "<header><h1>Quiet Harbour</h1></header>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Reading the spring tide tables")
    );
    // The same `<h1>` on a page whose titles do not frame it as a label stays the title.
    let html = page(
        r#"<meta property="og:title" content="Quiet Harbour">"#,
        "Quiet Harbour",
        "<h1>Quiet Harbour</h1>",
    );
    assert_eq!(extract(&html, None).title.as_deref(), Some("Quiet Harbour"));
}

#[test]
fn heading_loses_a_trailing_site_name_but_keeps_its_subtitle() {
    let head = r#"<meta property="og:site_name" content="Harbour Post">"#;
    let html = page(
        head,
        "Reading the spring tide tables - Harbour Post",
        "<h1>Reading the spring tide tables \u{2013} Harbour Post</h1>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Reading the spring tide tables")
    );
    let html = page(
        head,
        "Reading the spring tide tables - Harbour Post",
        "<h1>Reading the spring tide tables \u{2013} A primer</h1>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Reading the spring tide tables \u{2013} A primer")
    );
}

#[test]
fn site_label_ending_in_a_host_name_is_cut_from_the_title() {
    // No `og:title`, and an `<h1>` that is a section label: the `<title>` gives the
    // headline once "Site | host - " is cut.
    let html = page(
        "",
        "Harbour Notes! | harbournotes.org - Reading the spring tide tables",
        "<h1>Pulse</h1>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Reading the spring tide tables")
    );
}

#[test]
fn the_dateline_nearest_the_headline_wins() {
    // The date printed just above the headline, not one mentioned further down.
    let html = page(
        "",
        "Reading the spring tide tables",
        "<div class=\"meta\"><span>Mar 3, 2025</span><span>4 min read</span></div>\
         <h1>Reading the spring tide tables</h1>\
         <p>Intro.</p><p>The old tables were retired on 30 October 2024.</p>",
    );
    assert_eq!(day(&extract(&html, None)), Some("2025-03-03"));
}

#[test]
fn todays_date_in_the_masthead_is_not_the_publication() {
    let html = page(
        "",
        "Reading the spring tide tables",
        "<div id=\"block-date\"><p id=\"todays-date\"><strong>Friday</strong>, December 19, 2025</p></div>\
         <h1>Reading the spring tide tables</h1>\
         <div class=\"post-date\">12.12.2025</div>",
    );
    assert_eq!(day(&extract(&html, None)), Some("2025-12-12"));
}

#[test]
fn a_numeric_date_that_reads_both_ways_takes_the_reading_the_page_confirms() {
    let body = "<h1>Reading the spring tide tables</h1><p class=\"byline\">By Ines Varga</p>\
                <p class=\"post-date\">09.10.2024</p>";
    // Dots read day-first: 9 October...
    let html = page("", "Reading the spring tide tables", body);
    assert_eq!(day(&extract(&html, None)), Some("2024-10-09"));
    // ...unless the JSON-LD says 10 September: the printed date is then the same day,
    // not a disagreement that overrules the metadata.
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle",
        "headline":"Reading the spring tide tables","datePublished":"2024-09-10T16:07:00Z"}</script>"#;
    let html = page(ld, "Reading the spring tide tables", body);
    assert_eq!(day(&extract(&html, None)), Some("2024-09-10"));
    // Slashes read US-style, unless the URL (with its month spelled out) says otherwise.
    let body = "<h1>Reading the spring tide tables</h1><div class=\"blog-date\">03/10/2023</div>";
    let html = page("", "Reading the spring tide tables", body);
    assert_eq!(day(&extract(&html, None)), Some("2023-03-10"));
    let url = "https://harbour.example/blog/2023/october/03/spring-tides/";
    assert_eq!(day(&extract(&html, Some(url))), Some("2023-10-03"));
}

#[test]
fn originally_published_beats_the_date_of_the_current_version() {
    let html = page(
        "",
        "Reading the spring tide tables",
        "<h1>Reading the spring tide tables</h1><p class=\"post-date\">30 Sep 2022, 11:07am</p>\
         <p>This article was originally published on 26 Sep 2019 at 4:12pm but has been \
         regularly updated to keep the tables current.</p>",
    );
    assert_eq!(day(&extract(&html, None)), Some("2019-09-26"));
}

#[test]
fn a_printed_update_fills_updated_never_published() {
    let html = page(
        "",
        "Reading the spring tide tables",
        "<div><span>Last updated:</span><span>Dec 12, 2025</span></div>\
         <h1>Reading the spring tide tables</h1>",
    );
    let x = extract(&html, None);
    assert_eq!(x.published, None);
    assert_eq!(
        x.updated.as_ref().map(|d| d.value.as_str()),
        Some("2025-12-12")
    );
}

#[test]
fn headline_block_inside_an_h1_with_a_deck() {
    // The `<h1>` wraps the headline and a deck; the metadata title names the headline.
    let html = page(
        r#"<meta property="og:title" content="Reading the spring tide tables">"#,
        "Tide tables and why they matter | Harbour Post",
        "<h1><div><p>Reading the spring tide tables</p>\
         <h4>A guide to the numbers on the board outside the harbour office</h4></div></h1>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Reading the spring tide tables")
    );
}

#[test]
fn site_name_leading_one_title_and_trailing_another() {
    // `og:title` is "Site | Headline", `<title>` is "Other headline | Site": the
    // headline after the site's name is not a site label, so the `<h1>` that repeats it
    // is the title.
    let html = page(
        r#"<meta property="og:title" content="Harbour Post | Reading the spring tide tables">"#,
        "Spring tides explained | Harbour Post",
        "<h1>Reading the spring tide tables</h1>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Reading the spring tide tables")
    );
}

#[test]
fn a_first_publication_the_text_mentions_is_not_the_articles() {
    // The novel's first edition, not this article's.
    let html = page(
        "",
        "Reading the spring tide tables",
        "<h1>Reading the spring tide tables</h1><p class=\"post-date\">30 Sep 2022</p>\
         <p>The harbour novel, first published on 12 March 1998, describes the same tides.</p>",
    );
    assert_eq!(day(&extract(&html, None)), Some("2022-09-30"));
}

#[test]
fn a_byline_naming_two_people_gives_both_and_its_date() {
    // "Written by" then a link naming two people, and the date on the next line: both
    // are authors (neither is dropped, nor kept glued as one "person"), and the date
    // printed with the byline is the publication.
    let html = page(
        "",
        "Tide tables for the spring",
        "<h1>Tide tables for the spring</h1>\
         <div><p>Written by<!-- --> <a href=\"/authors/team\">Mara Lindqvist and Tomas Berg</a></p>\
         <p>April 8, 2024</p></div>",
    );
    let x = extract(&html, None);
    assert_eq!(x.authors, vec!["Mara Lindqvist", "Tomas Berg"]);
    assert_eq!(x.author().as_deref(), Some("Mara Lindqvist and Tomas Berg"));
    assert_eq!(day(&x), Some("2024-04-08"));
}

#[test]
fn a_phrase_joined_by_and_is_not_two_people() {
    let html = page(
        "",
        "Tide tables for the spring",
        "<h1>Tide tables for the spring</h1>\
         <div><p>Written by <a href=\"/team\">Research and Development</a></p></div>",
    );
    let x = extract(&html, None);
    assert!(x.authors.is_empty(), "{:?}", x.authors);
}

#[test]
fn full_width_punctuation_is_ascii_in_a_latin_title_only() {
    let html = page(
        "",
        "Why do tides run high in spring\u{FF1F}",
        "<h1>Why do tides run high in spring\u{FF1F}</h1>",
    );
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("Why do tides run high in spring?")
    );
    let html = page("", "潮汐表\u{FF1F}", "<h1>潮汐表\u{FF1F}</h1>");
    assert_eq!(
        extract(&html, None).title.as_deref(),
        Some("潮汐表\u{FF1F}")
    );
}
