//! Body extraction rules, one small page of our own per rule: what the text keeps (code
//! comments, collapsed panels, the second half of a split post, streamed parts) and what
//! it drops (repeated copies, fallbacks, the news list after the article).

use newsdesk_ingest::html::{Extracted, Extractor, PageContext};

fn page(html: &str) -> Extracted {
    match Extractor::default().extract(html.as_bytes(), &PageContext::default()) {
        Ok(x) => x,
        Err(e) => panic!("extraction failed: {e}"),
    }
}

/// A page around `body`: a menu, a headline and a footer, so the rules have something
/// to leave out.
fn wrap(body: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Tide tables for the north coast</title>
<meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<h1>Tide tables for the north coast</h1>
{body}
<footer><p>Copyright the Coastal Almanac. All rights reserved. Terms of use.</p></footer>
</body></html>"#
    )
}

const P1: &str = "The spring tides this month reach their highest point on the fourteenth, \
    when the harbour master expects water over the lower quay for about an hour.";
const P2: &str = "Boat owners on the outer moorings are asked to check their lines before the \
    weekend, since the wind is forecast to turn north-west on Saturday afternoon.";
const P3: &str = "The ferry timetable does not change, but the last crossing on Sunday may \
    leave from the upper slipway if the pontoon is still under water at nine.";
const P4: &str = "Walkers on the coastal path should keep to the upper route between the two \
    beaches, where the lower steps are cut off for two hours either side of high water.";

const P5: &str = "The lifeguards on the main beach finish for the season at the end of the \
    month, so swimmers after that date should stay between the flags near the café.";

#[test]
fn syntax_highlighted_comments_stay_in_code() {
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p><p>{P2}</p>
<pre><code><span class="hljs-comment"># fetch the tide table</span>
curl -O tides.csv
<span class="token comment">// count the high waters</span>
wc -l tides.csv</code></pre><p>{P3}</p></article>"#
    )));
    assert!(x.text.contains("# fetch the tide table"), "{}", x.text);
    assert!(x.text.contains("// count the high waters"), "{}", x.text);
    // The comment section of the page, outside code, is still left out.
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
<div class="comments"><p>Great article, thanks for sharing this!</p></div>"#
    )));
    assert!(!x.text.contains("Great article"), "{}", x.text);
}

#[test]
fn diagram_source_is_a_picture_not_text() {
    // A Mermaid block is drawn as a chart: its source is left out like an image, while
    // ordinary code beside it stays.
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p>
<pre class="mermaid">flowchart TD
  Gauge[Tide gauge] --> Office[Harbour office]
  Office --> Board[Notice board]</pre>
<p>{P2}</p><pre class="language-sql"><code>SELECT day, height FROM tides;</code></pre>
<p>{P3}</p></article>"#
    )));
    assert!(!x.text.contains("flowchart"), "{}", x.text);
    assert!(!x.text.contains("Notice board"), "{}", x.text);
    assert!(
        x.text.contains("SELECT day, height FROM tides;"),
        "{}",
        x.text
    );
    assert!(x.text.contains("harbour master") && x.text.contains("ferry timetable"));
}

#[test]
fn contextmenu_is_not_a_menu() {
    let x = page(&wrap(&format!(
        r#"<div class="story"><p class="contextmenu Body">{P1}</p>
<p class="contextmenu Body">Short line kept too.</p><p class="contextmenu">{P2}</p>
<p>{P3}</p></div><div class="menu"><p>Weather</p><p>Tides</p><p>Contact</p></div>"#
    )));
    assert!(x.text.contains("Short line kept too."), "{}", x.text);
    assert!(x.text.contains("spring tides"), "{}", x.text);
    assert!(!x.text.contains("Contact"), "{}", x.text);
}

#[test]
fn collapsed_panels_are_part_of_the_article() {
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p><p>{P2}</p>
<div class="accordion"><a role="button">1. Check your moorings</a>
<div id="panel-1" role="region" style="display:none"><p>{P3}</p></div></div>
<div class="faq-item"><div class="collapsible-body" style="display: none"><p>{P4}</p></div></div>
<div style="display:none" class="dialog-box"><p>Your session has expired, please sign in again to continue.</p></div>
</article>"#
    )));
    assert!(x.text.contains("ferry timetable"), "{}", x.text);
    assert!(x.text.contains("coastal path"), "{}", x.text);
    // A hidden box that is not a panel stays out.
    assert!(!x.text.contains("session has expired"), "{}", x.text);
}

#[test]
fn a_post_split_by_a_callout_is_gathered() {
    // The CMS closes its rich-text block for a "related posts" box and opens a second
    // one after it: the second half is the article's, the box is not.
    let x = page(&wrap(&format!(
        r#"<section><div class="wrapper">
<div class="rich-text w-body"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>
<div class="featured-callout"><div>Featured articles</div>
<a href="/a"><h4>Ten walks for a wet weekend</h4><p>Our pick of routes that stay dry.</p></a>
<a href="/b"><h4>The lighthouse keepers</h4><p>Three generations on one rock.</p></a></div>
<div class="featured-callout"><div>Related posts</div><div class="list"></div></div>
<div class="rich-text w-body"><h2>On the path</h2><p>{P4}</p><p>{P5}</p></div>
</div></section>"#
    )));
    assert!(x.text.contains("spring tides"), "{}", x.text);
    assert!(x.text.contains("On the path"), "{}", x.text);
    assert!(x.text.contains("coastal path"), "{}", x.text);
    assert!(x.text.contains("lifeguards"), "{}", x.text);
    assert!(!x.text.contains("lighthouse keepers"), "{}", x.text);
}

#[test]
fn a_repeated_paragraph_is_given_once_but_repeated_rows_stay() {
    let x = page(&wrap(&format!(
        r#"<article><div class="mobile-only"><p>{P1}</p></div><div class="desktop-only"><p>{P1}</p></div>
<p>{P2}</p><p>{P3}</p>
<ul><li>Monday: easy walk along the upper path, forty minutes</li>
<li>Tuesday: rest</li><li>Wednesday: easy walk along the upper path, forty minutes</li></ul>
</article>"#
    )));
    assert_eq!(x.text.matches("highest point").count(), 1, "{}", x.text);
    assert_eq!(
        x.text.matches("easy walk along the upper path").count(),
        2,
        "{}",
        x.text
    );
}

#[test]
fn the_news_list_after_the_article_is_cut() {
    let x = page(&wrap(&format!(
        r#"<div class="main"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p>
<h3>Also in the news</h3>
<div><p>Council approves the new car park behind the lifeboat station after a long debate.</p></div>
<div><p>School choir wins the regional competition for the third year in a row on Friday.</p></div>
</div>"#
    )));
    assert!(x.text.contains("coastal path"), "{}", x.text);
    assert!(!x.text.contains("lifeboat station"), "{}", x.text);
    assert!(!x.text.contains("Also in the news"), "{}", x.text);
}

#[test]
fn streamed_parts_are_read_at_their_placeholder() {
    // Server streaming: the article's first half inline, the second half sent later in a
    // hidden part that a script moves into the boundary's place.
    let x = page(&wrap(&format!(
        r#"<main><article><p>{P1}</p>
<!--$?--><template id="B:0"></template><div class="skeleton">Loading paragraph...</div><!--/$-->
<p>{P4}</p></article></main>
<div class="sidebar-links"><a href="/x">Tide clocks</a></div>
<div hidden id="S:0"><p>{P2}</p><p>{P3}</p></div>
<div hidden id="S:9"><p>An unmatched hidden part is still hidden from the text.</p></div>"#
    )));
    let t = &x.text;
    assert!(!t.contains("Loading paragraph"), "{t}");
    assert!(!t.contains("unmatched hidden part"), "{t}");
    // In reading order: the streamed part stands where its boundary was.
    let (a, b, c) = (
        t.find("spring tides"),
        t.find("Boat owners"),
        t.find("coastal path"),
    );
    assert!(a.is_some() && b.is_some() && c.is_some(), "{t}");
    assert!(a < b && b < c, "{t}");
    assert_eq!(t.matches("Boat owners").count(), 1, "{t}");
}

#[test]
fn loading_placeholders_are_dropped() {
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p><div>Loading comments…</div><p>{P2}</p><div>Loading...</div>
<p>{P3}</p><p>Loading the boats takes about an hour at low water, said the harbour master...</p></article>"#
    )));
    assert!(!x.text.contains("Loading comments"), "{}", x.text);
    // A sentence that happens to start with "Loading" is prose.
    assert!(x.text.contains("Loading the boats"), "{}", x.text);
}

#[test]
fn paywall_breakers_and_author_boxes_are_left_out() {
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p><p>{P2}</p>
<div class="restricted-content-breaker"><p>This story is for members only.</p>
<p>Already a member? Log in. Plans from three pounds a month, cancel any time you like.</p></div>
<p>{P3}</p><p>{P4}</p>
<div class="saboxplugin-wrap" itemprop="author" itemscope><div class="saboxplugin-desc">
<p>Morwenna Hale has kept the harbour log for twenty years and writes about weather, boats and the people who work the quays of the north coast. She lives above the chandlery with two cats.</p></div></div>
</article>"#
    )));
    assert!(x.text.contains("coastal path"), "{}", x.text);
    assert!(!x.text.contains("members only"), "{}", x.text);
    assert!(
        !x.text.contains("harbour log for twenty years"),
        "{}",
        x.text
    );
    // A byline stays a byline: short text named for the author is not a box to drop
    // from the page's metadata.
    assert!(!x.text.contains("Morwenna"), "{}", x.text);
}

#[test]
fn labels_match_without_their_arrows() {
    let x = page(&wrap(&format!(
        r#"<div class="main"><div>Table of Contents ▼</div><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p>
<h3>» Related posts</h3>
<p>Ten walks for a wet weekend: our pick of the routes that stay dry when the rain comes in.</p></div>"#
    )));
    assert!(!x.text.contains("Table of Contents"), "{}", x.text);
    assert!(!x.text.contains("wet weekend"), "{}", x.text);
    assert!(x.text.contains("coastal path"), "{}", x.text);
}

#[test]
fn a_link_list_inside_the_article_stays_and_one_after_it_goes() {
    let x = page(&wrap(&format!(
        r#"<article><p>{P1}</p><h2>Patches merged this month</h2>
<ul><li><a href="/p/1">tides: add the spring correction for the upper quay</a></li>
<li><a href="/p/2">ferry: move the last Sunday crossing to the slipway</a></li>
<li><a href="/p/3">paths: close the lower steps around high water</a></li></ul>
<p>{P2}</p><p>{P3}</p>
<ul><li><a href="/a">Ten walks for a wet weekend</a></li><li><a href="/b">The lighthouse keepers of the point</a></li>
<li><a href="/c">Where to eat on the quay this winter</a></li></ul></article>"#
    )));
    assert!(x.text.contains("add the spring correction"), "{}", x.text);
    assert!(!x.text.contains("lighthouse keepers"), "{}", x.text);
}

#[test]
fn a_contact_box_after_the_article_is_cut() {
    let x = page(&wrap(&format!(
        r#"<div class="main"><div>In this article</div><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p>
<h3>Contact us today</h3>
<p>Call our friendly team for a free quote on mooring covers and winter storage, seven days a week.</p></div>"#
    )));
    assert!(x.text.contains("coastal path"), "{}", x.text);
    assert!(!x.text.contains("free quote"), "{}", x.text);
    assert!(!x.text.contains("In this article"), "{}", x.text);
}

#[test]
fn engagement_counters_are_dropped() {
    let x = page(&wrap(&format!(
        r#"<article><div>12 comments</div><div>3.4K shares</div><p>{P1}</p><p>{P2}</p>
<p>{P3}</p><div>2 views</div><p>12 boats stayed out overnight.</p></article>"#
    )));
    assert!(!x.text.contains("12 comments"), "{}", x.text);
    assert!(!x.text.contains("3.4K shares"), "{}", x.text);
    assert!(!x.text.contains("2 views"), "{}", x.text);
    assert!(
        x.text.contains("12 boats stayed out overnight."),
        "{}",
        x.text
    );
}
