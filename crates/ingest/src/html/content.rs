//! The main text of a page.
//!
//! 1. **Prune**: elements that are never article text (form controls, media, dialogs) and
//!    those that are boilerplate by tag (`nav`, `aside`, `footer`, `header`, `form`) or by
//!    class/id (comments, sharing, related, ads, menus, captions...), unless they hold most
//!    of the page's text or a marked article body (so a `<body class="has-sidebar">` or an
//!    ASP.NET page inside one `<form>` keeps its article).
//! 2. **Score blocks**: every block element's own text (text not inside a nested block)
//!    scores by length and link density: long low-link text counts for, link lists and
//!    short fragments against.
//! 3. **Choose the container**: the element whose subtree has the highest total. Unlike
//!    picking the best paragraph's parent, this gathers an article split across sibling
//!    `div`s and leaves out a teaser grid next to it. A marked article body
//!    (`itemprop=articleBody`, `entry-content`...) wins when it holds most of that score.
//! 4. **Write the text**: the container's subtree without pruned parts, link-dense blocks
//!    and the headline; blocks separated by blank lines.
//! 5. **JSON-LD first**: when the page's own `articleBody` is much longer than what the DOM
//!    gave (pages that render the body with scripts), it is used instead.
//!
//! Along the way: hidden collapsible panels (accordions, tab panels, `role="region"`)
//! are kept, class names inside `<pre>` are a highlighter's and prune nothing, streamed
//! server-rendered parts (`<div hidden id="S:1">`) are read at their placeholder, a body
//! split by a callout is gathered from its same-class siblings, author boxes and paywall
//! breakers are pruned, link lists followed by more of the article stay, and a
//! paragraph the page repeats (mobile and desktop copies) is written once.

use super::dates::parse_text_date;
use super::dom::{Doc, T, flag, push_collapsed};
use super::meta::{Meta, clean_byline, fold};

/// The result of body extraction, with the numbers the page typer needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    /// The article text.
    pub text: String,
    /// Blocks in the container that read like paragraphs (≥ 80 chars, few links).
    pub paragraphs: usize,
    /// Text in the whole (pruned) page, in bytes.
    pub page_text: usize,
    /// Link text in the whole (pruned) page.
    pub page_link_text: usize,
    /// Blocks outside the container that read like teasers (a link plus a short text).
    pub teasers: usize,
}

/// Tags never holding article text.
fn never_content(t: T) -> bool {
    matches!(
        t,
        T::Button
            | T::Select
            | T::Option
            | T::Input
            | T::Textarea
            | T::Dialog
            | T::Template
            | T::Iframe
            | T::Object
            | T::Canvas
            | T::Video
            | T::Audio
            | T::Title
            | T::Script
            | T::Style
            | T::Noscript
            | T::Svg
            | T::Math
            | T::Label
    )
}

/// Tags that are boilerplate unless they hold the article.
fn boiler_tag(t: T) -> bool {
    matches!(
        t,
        T::Nav | T::Aside | T::Footer | T::Header | T::Form | T::Figcaption | T::Menu
    )
}

/// An author box: an element named for the author (class, `itemprop`, `rel`) that holds
/// more than a byline's worth of text — the biography under the article.
fn author_box(tag: T, flags: u16, raw: u32) -> bool {
    flags & flag::BYLINE != 0 && raw >= 150 && tag.is_block()
}

/// Block tags that end a line rather than a paragraph.
fn line_tag(t: T) -> bool {
    matches!(t, T::Li | T::Tr | T::Td | T::Th | T::Dt | T::Dd | T::Br)
}

pub(crate) fn extract(doc: &Doc<'_>, meta: &Meta) -> Body {
    let nodes = &doc.nodes;
    let n = nodes.len();
    if n <= 1 {
        return Body::default();
    }
    // Raw text per subtree, and whether a marked article body is inside.
    let mut raw = vec![0u32; n];
    let mut good_inside = vec![false; n];
    for i in (1..n).rev() {
        let node = &nodes[i];
        if node.tag == T::Text {
            raw[i] += node.b - node.a;
        }
        if node.flags & flag::GOOD != 0 {
            good_inside[i] = true;
        }
        let p = node.parent as usize;
        raw[p] += raw[i];
        good_inside[p] |= good_inside[i];
    }
    let total = raw[0].max(1);

    let segments = Segments::find(doc);

    // Prune (top-down: nodes come after their parents).
    let mut pruned = vec![false; n];
    // Inside `<pre>`: class names there are a syntax highlighter's token kinds
    // ("hljs-comment", "token tag"), not page parts.
    let mut in_code = vec![false; n];
    for i in 1..n {
        let node = &nodes[i];
        if pruned[node.parent as usize] {
            pruned[i] = true;
            continue;
        }
        if node.tag == T::Text {
            continue;
        }
        let code = in_code[node.parent as usize];
        in_code[i] = code || node.tag == T::Pre;
        let protected = code
            || matches!(node.tag, T::Body | T::Html | T::Main | T::Article)
            || good_inside[i]
            || raw[i] as f64 > 0.6 * f64::from(total)
            // A long paragraph is prose whatever its class says ("contextmenu",
            // "share-quote" are names of widgets bolted onto it).
            || node.tag == T::P && raw[i] >= 200 && node.flags & flag::CAPTION == 0;
        if segments.is_part(i) {
            continue;
        }
        pruned[i] = never_content(node.tag)
            || diagram_source(doc, i)
            || (node.flags & flag::HIDDEN != 0
                && node.flags & flag::PANEL == 0
                && raw[i] as f64 <= 0.6 * f64::from(total))
            || (!protected
                && (boiler_tag(node.tag)
                    || node.flags & (flag::BOILER | flag::CAPTION) != 0
                    || author_box(node.tag, node.flags, raw[i])));
    }

    // Own text of each block, and the block scores.
    let mut block_of = vec![0u32; n];
    let mut own = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    for i in 1..n {
        let node = &nodes[i];
        if pruned[i] {
            continue;
        }
        if node.tag == T::Text {
            let b = block_of[node.parent as usize] as usize;
            let len = non_space_len(doc.text_of(node));
            own[b] += len;
            if node.flags & flag::IN_LINK != 0 {
                own_link[b] += len;
            }
            block_of[i] = b as u32;
        } else if node.tag.is_block() {
            block_of[i] = i as u32;
        } else {
            block_of[i] = block_of[node.parent as usize];
        }
    }
    let mut score = vec![0f64; n];
    // The prose alone: the sum of the positive block scores under each node.
    let mut prose = vec![0f64; n];
    let mut clean = vec![0u32; n];
    let mut clean_link = vec![0u32; n];
    let mut paras = vec![0u32; n];
    for i in 0..n {
        if own[i] == 0 {
            continue;
        }
        let len = f64::from(own[i]);
        let ld = f64::from(own_link[i]) / len;
        score[i] = if ld >= 0.5 {
            -len * 0.75
        } else if len >= 40.0 && ld < 0.4 {
            len * (1.0 - ld)
        } else if len < 40.0 {
            -len * 0.25
        } else {
            0.0
        };
        prose[i] = score[i].max(0.0);
        clean[i] = own[i];
        clean_link[i] = own_link[i];
        if len >= 80.0 && ld < 0.3 {
            paras[i] = 1;
        }
    }
    for i in (1..n).rev() {
        let p = segments.parent(doc, i);
        if pruned[i] {
            continue;
        }
        score[p] += score[i];
        prose[p] += prose[i];
        if nodes[i].tag != T::Text {
            clean[p] += clean[i];
            clean_link[p] += clean_link[i];
            paras[p] += paras[i];
        }
    }

    // The container.
    let mut best = 0usize;
    let mut best_good: Option<usize> = None;
    for i in 1..n {
        let node = &nodes[i];
        if pruned[i] || matches!(node.tag, T::Text | T::Root | T::Head) {
            continue;
        }
        if score[i] >= score[best] {
            best = i;
        }
        if node.flags & flag::GOOD != 0 && best_good.is_none_or(|g| score[i] > score[g]) {
            best_good = Some(i);
        }
    }
    // Nothing reads like prose (a tiny page): keep all the visible text of the body.
    if score[best] <= 0.0 {
        best = (1..n).find(|&i| nodes[i].tag == T::Body).unwrap_or(0);
    }
    // A marked article body wins when it holds most of the best score, or holds the best
    // block itself (tables and lists of short cells score low but are the article's).
    // A marked body split in parts by a callout counts with its parts.
    if let Some(g) = best_good
        && (score[g]
            + twins(doc, g, &pruned, &score)
                .iter()
                .map(|&t| score[t])
                .sum::<f64>()
            >= 0.7 * score[best]
            || g < best && best < nodes[g].end as usize)
        && score[g] > 0.0
    {
        best = g;
    }

    // Climb out of one section of a many-section article: an ancestor (up to six levels,
    // below `<body>`) that holds at least three times the prose wins when the other
    // things it holds (link lists, short lines) do not outweigh that prose, or when it is
    // the page's marked article (`<article>`, `<main>`, an article-body class), whose
    // link lists are the article's own (a changelog's pull requests, a list of movers).
    let mut a = best;
    let mut climb = best;
    for _ in 0..6 {
        a = nodes[a].parent as usize;
        if a == 0 || matches!(nodes[a].tag, T::Body | T::Html | T::Root) || pruned[a] {
            break;
        }
        let marked =
            matches!(nodes[a].tag, T::Article | T::Main) || nodes[a].flags & flag::GOOD != 0;
        if prose[a] >= 3.0 * prose[best] && (score[a] >= 0.3 * score[best] || marked) {
            climb = a;
        }
    }
    best = climb;

    // Gather the rest of an article split by a callout: siblings of the container made
    // like it (see [`twins`]). The text is then written from the parent with the other
    // siblings left out.
    let mut root = best;
    let mut paragraphs = paras[best];
    let kept = twins(doc, best, &pruned, &score);
    if !kept.is_empty() {
        let parent = nodes[best].parent as usize;
        let mut c = parent + 1;
        let end = nodes[parent].end as usize;
        while c < end {
            let next = (nodes[c].end as usize).max(c + 1);
            if c != best && !kept.contains(&c) {
                pruned[c] = true;
            }
            c = next;
        }
        paragraphs += kept.iter().map(|&k| paras[k]).sum::<u32>();
        root = parent;
    }

    let title = meta.title.as_deref().map(fold);
    let text = write_text(
        doc,
        root,
        &segments,
        &pruned,
        &Tallies {
            clean: &clean,
            clean_link: &clean_link,
            paras: &paras,
            last_para: (root + 1..(nodes[root].end as usize).min(n))
                .rev()
                .find(|&i| !pruned[i] && own[i] >= 80 && own_link[i] * 10 < own[i] * 3)
                .unwrap_or(0),
        },
        title.as_deref(),
        &meta.authors,
    );

    let mut body = Body {
        text,
        paragraphs: paragraphs as usize,
        page_text: clean[0] as usize,
        page_link_text: clean_link[0] as usize,
        teasers: 0,
    };
    let end = nodes[best].end as usize;
    body.teasers = (1..n)
        .filter(|&i| {
            (i < best || i >= end)
                && !pruned[i]
                && own[i] >= 30
                && own_link[i] * 10 >= own[i] * 3
                && own[i] < 400
        })
        .count();

    if let Some(ld) = &meta.ld_body {
        let ld_len = ld.len();
        if ld_len > 2 * body.text.len().max(1) {
            body.text = ld_body_text(ld);
            body.paragraphs = body.paragraphs.max(body.text.matches("\n\n").count() + 1);
        }
    }
    body
}

/// The siblings of `best` made like it: the same tag and the same non-empty class, not
/// pruned, with a positive score. A CMS that puts a "featured articles" box or an ad slot
/// in the middle of a post closes its rich-text block and opens a second one of the same
/// class after the box; these are the rest of the article.
fn twins(doc: &Doc<'_>, best: usize, pruned: &[bool], score: &[f64]) -> Vec<usize> {
    let nodes = &doc.nodes;
    let mut kept = Vec::new();
    let parent = nodes[best].parent as usize;
    if best == 0 || parent == 0 || matches!(nodes[parent].tag, T::Root | T::Html) {
        return kept;
    }
    let Some(class) = doc
        .attr(best as u32, "class")
        .filter(|c| !c.trim().is_empty())
    else {
        return kept;
    };
    let mut c = parent + 1;
    let end = (nodes[parent].end as usize).min(nodes.len());
    while c < end {
        let next = (nodes[c].end as usize).max(c + 1);
        if c != best
            && !pruned[c]
            && nodes[c].tag == nodes[best].tag
            && score[c] > 0.0
            && doc.attr(c as u32, "class").is_some_and(|k| k == class)
        {
            kept.push(c);
        }
        c = next;
    }
    kept
}

/// Streamed server rendering (React 18 and the like): the page is sent with a fallback
/// ("Loading...") and an empty `<template id="P:1">` (or `id="B:1"`, a boundary) where a
/// part of the article goes;
/// the part itself comes later in the page as `<div hidden id="S:1">`, moved into place
/// by a script. Here each such hidden part is read as if it stood at its placeholder.
#[derive(Default)]
struct Segments {
    /// (placeholder index, content index), sorted by placeholder. A content always comes
    /// after its placeholder in the page (so its scores flow up through the placeholder).
    pairs: Vec<(usize, usize)>,
}

impl Segments {
    fn find(doc: &Doc<'_>) -> Segments {
        let mut out = Segments::default();
        let src = doc.src.as_bytes();
        if memchr::memmem::find(src, b"<template id=\"P:").is_none()
            && memchr::memmem::find(src, b"<template id=\"B:").is_none()
        {
            return out;
        }
        let mut holders: Vec<(String, usize)> = Vec::new();
        let mut contents: Vec<(String, usize)> = Vec::new();
        for (i, node) in doc.nodes.iter().enumerate() {
            if node.tag == T::Text {
                continue;
            }
            let Some(id) = doc.attr(i as u32, "id") else {
                continue;
            };
            // "P:" is a placeholder; "B:" a Suspense boundary whose fallback follows it.
            if node.tag == T::Template
                && let Some(k) = id.strip_prefix("P:").or_else(|| id.strip_prefix("B:"))
            {
                holders.push((k.to_string(), i));
            } else if node.flags & flag::HIDDEN != 0
                && let Some(k) = id.strip_prefix("S:")
            {
                contents.push((k.to_string(), i));
            }
        }
        for (k, h) in &holders {
            if let Some(&(_, c)) = contents.iter().find(|(kc, c)| kc == k && c > h) {
                out.pairs.push((*h, c));
            }
        }
        out
    }

    /// Whether node `i` is a placeholder or a streamed part (neither is pruned).
    fn is_part(&self, i: usize) -> bool {
        !self.pairs.is_empty() && self.pairs.iter().any(|&(h, c)| h == i || c == i)
    }

    /// The parent of node `i` for score sums: a streamed part's placeholder.
    fn parent(&self, doc: &Doc<'_>, i: usize) -> usize {
        if !self.pairs.is_empty()
            && let Some(&(h, _)) = self.pairs.iter().find(|&&(_, c)| c == i)
        {
            return h;
        }
        doc.nodes[i].parent as usize
    }

    /// Whether node `i` is a streamed part (written at its placeholder, not where it is).
    fn is_content(&self, i: usize) -> bool {
        !self.pairs.is_empty() && self.pairs.iter().any(|&(_, c)| c == i)
    }

    /// The streamed part that goes where placeholder `i` stands.
    fn content_of(&self, i: usize) -> Option<usize> {
        if self.pairs.is_empty() {
            return None;
        }
        self.pairs.iter().find(|&&(h, _)| h == i).map(|&(_, c)| c)
    }
}

/// Non-whitespace length in bytes (text is already collapsed, so: bytes minus spaces).
fn non_space_len(s: &str) -> u32 {
    (s.len() - s.bytes().filter(|&b| b == b' ').count()) as u32
}

/// Short lines that are page furniture even inside an article container.
const JUNK_LINES: &[&str] = &[
    "advertisement",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "print",
    "email",
    "read more",
    "continue reading",
    "related",
    "related articles",
    "related posts",
    "you may also like",
    "recommended",
    "click here",
    "subscribe",
    "sign up",
    "skip to content",
    "skip to main content",
    "table of contents",
    "loading",
    "advertisement - continue reading below",
    "story continues below advertisement",
    "article continues below",
    "learn more",
    "written by",
    "search",
    "published",
    "contents",
    "get started",
    "get started today",
    "back to top",
    "book a demo",
    "download now",
    "author",
    "jump to review",
    "read full review",
    "no responses yet",
    "press enter or click to view image in full size",
    "in this article",
    "on this page",
    "jump to",
    "estimated reading time",
    "tags",
    "sponsored",
    "video",
    "save",
    "follow",
];

/// Where [`write_text`] goes on after a streamed part: the next node, the end of the
/// range being written, and the blocks open there (end index, separator kind).
type Resume = (usize, usize, Vec<(usize, u8)>);

/// Per-node sums over a subtree that writing the text needs.
struct Tallies<'a> {
    /// Non-space text bytes.
    clean: &'a [u32],
    /// Of those, inside links.
    clean_link: &'a [u32],
    /// Blocks that read like paragraphs.
    paras: &'a [u32],
    /// The last block of the container that reads like a paragraph (0: none).
    last_para: usize,
}

/// The container's text: blocks on their own lines, paragraphs separated by a blank line.
fn write_text(
    doc: &Doc<'_>,
    root: usize,
    segments: &Segments,
    pruned: &[bool],
    tallies: &Tallies<'_>,
    title: Option<&str>,
    authors: &[String],
) -> String {
    let mut lines = Lines {
        authors: authors.iter().map(|a| fold(a)).collect(),
        cuts: Vec::new(),
        seen: std::collections::HashSet::new(),
    };
    let nodes = &doc.nodes;
    let mut end = (nodes[root].end as usize).min(nodes.len());
    // Where to go on after a streamed segment written in its placeholder's place.
    let mut resume: Vec<Resume> = Vec::new();
    let mut out = String::new();
    // Pending separator: 0 none, 1 line break, 2 paragraph break.
    let mut pending = 0u8;
    let mut open_blocks: Vec<(usize, u8)> = Vec::new();
    let mut title_dropped = false;
    let mut line_start = 0usize;
    let mut i = root + 1;
    loop {
        if i >= end {
            let Some((back, back_end, blocks)) = resume.pop() else {
                break;
            };
            i = back;
            end = back_end;
            open_blocks = blocks;
            pending = 2;
            continue;
        }
        if segments.is_content(i) {
            // Written at its placeholder.
            i = (nodes[i].end as usize).max(i + 1);
            continue;
        }
        if let Some(seg) = segments.content_of(i)
            && resume.len() < 32
        {
            resume.push((
                (nodes[i].end as usize).max(i + 1),
                end,
                std::mem::take(&mut open_blocks),
            ));
            i = seg + 1;
            end = (nodes[seg].end as usize).min(nodes.len());
            pending = 2;
            continue;
        }
        while let Some(&(e, kind)) = open_blocks.last() {
            if i >= e {
                open_blocks.pop();
                pending = pending.max(kind);
            } else {
                break;
            }
        }
        let node = &nodes[i];
        if pruned[i] {
            i = node.end.max(i as u32 + 1) as usize;
            continue;
        }
        if node.tag == T::Text {
            let t = doc.text_of(node);
            if t.trim().is_empty() && pending > 0 {
                i += 1;
                continue;
            }
            if pending > 0 && !out.is_empty() {
                end_line(&mut out, &mut line_start, &mut lines);
                out.push_str(if pending >= 2 { "\n\n" } else { "\n" });
                line_start = out.len();
            }
            pending = 0;
            push_collapsed(&mut out, t);
            i += 1;
            continue;
        }
        if node.tag.is_block() {
            let kind = if line_tag(node.tag) { 1 } else { 2 };
            pending = pending.max(kind);
            let c = tallies.clean[i];
            let cl = tallies.clean_link[i];
            // Link lists: mostly link text and not long prose.
            // Headings stay even when linked: a list article's items are often
            // headings that link to the thing they describe. A block holding a real
            // paragraph is not dropped whole for the link list beside it: its link-only
            // children are dropped one by one instead.
            let link_block = c > 0
                && f64::from(cl) > 0.6 * f64::from(c)
                && !matches!(node.tag, T::P | T::Blockquote | T::Pre)
                && !node.tag.is_heading()
                && tallies.paras[i] == 0
                // A list of links with the article going on after it (the patches a
                // report lists, the sources of a section) is the article's; the
                // link lists after the last paragraph are the page's.
                && (node.end as usize > tallies.last_para
                    || !matches!(node.tag, T::Ul | T::Ol | T::Li));
            let headline = !title_dropped
                && node.tag.is_heading()
                && (node.tag == T::H1
                    || title.is_some_and(|t| fold(&doc.inner_text(i as u32)) == t));
            if link_block || headline {
                if headline {
                    title_dropped = true;
                }
                i = node.end.max(i as u32 + 1) as usize;
                continue;
            }
            if node.end as usize > i + 1 {
                open_blocks.push((node.end as usize, kind));
            }
        }
        i += 1;
    }
    end_line(&mut out, &mut line_start, &mut lines);
    // Cut at the first end marker ("Related posts", "Leave a reply") that comes after
    // most of the text: what follows is the page around the article. An early marker
    // (a "Related" box near the top) is left to the other rules.
    if let Some(&cut) = lines.cuts.iter().find(|&&c| c * 5 >= out.len() * 2)
        && out.is_char_boundary(cut)
    {
        out.truncate(cut);
    }
    out.trim().to_string()
}

/// What [`end_line`] learns while the text is written.
#[derive(Default)]
struct Lines {
    /// The authors' names, folded: a line that is only a byline is dropped.
    authors: Vec<String>,
    /// Offsets in the text where an end marker line begins.
    cuts: Vec<usize>,
    /// Hashes of the longer lines written so far: a page that holds its text twice (a
    /// mobile and a desktop copy, a tab strip and its panels, a summary box repeating the
    /// intro) gives each line once.
    seen: std::collections::HashSet<u64>,
}

/// The shortest line (bytes) that is dropped when it repeats an earlier one: shorter
/// lines ("Features:", "Pros", a price) repeat in real articles.
const REPEAT_MIN: usize = 40;

/// Headings after which an article is over: related links, comments, author boxes.
const END_MARKERS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related reading",
    "recent posts",
    "latest posts",
    "latest news",
    "latest articles",
    "latest stories",
    "more stories",
    "more articles",
    "more posts",
    "you may also like",
    "you might also like",
    "you may also be interested in",
    "read next",
    "popular posts",
    "most popular",
    "trending now",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "comments",
    "about the author",
    "similar posts",
    "recommended for you",
    "recommended reading",
    "keep reading",
    "recent blogs",
    "recent articles",
    "article sources",
    "join the conversation",
    "about the contributor",
    "about the authors",
    "discussion about this post",
    "ready for more",
    "up next",
    "further reading",
    "about our expert",
    "about the expert",
    "the author",
    "related topics",
    "explore more",
    "see more reviews",
    "did you find this content helpful",
    "was this article helpful",
    "was this helpful",
    "was this page helpful",
    "also in the news",
    "contact us",
    "contact us today",
    "get in touch",
    "what to read next",
    "join our newsletter",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "more news",
    "other news",
    "in other news",
];

/// Beginnings of end-marker headings that go on with a name ("More from The Planet",
/// "More articles by Jane Doe").
const END_PREFIXES: &[&str] = &[
    "more from ",
    "more articles by ",
    "more stories by ",
    "more by ",
    "written by:",
    "you may be interested in",
];

/// Labels that open a credit line: who reviewed, checked or contributed to the piece.
const CREDIT_PREFIXES: &[&str] = &[
    "reviewed by",
    "medically reviewed by",
    "fact checked by",
    "fact-checked by",
    "edited by",
    "contributions from",
    "view all posts by",
];

/// Whether a short line is page furniture by its form: a date alone or with a few words
/// ("Posted on Jan 13, 2025"), a reading time ("8 min read"), a byline ("By Jane Doe",
/// the author's name alone) or a credit ("Reviewed by ...", "Fact checked by ...").
/// Lines of numbers stay: tables in articles are made of them.
fn furniture_line(line: &str, lower: &str, authors: &[String]) -> bool {
    if line.len() >= 100 {
        return false;
    }
    let words = line.split_whitespace().count();
    if words <= 8 && CREDIT_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if reading_time(lower) {
        return true;
    }
    if words <= 8 && !line.ends_with('.') && parse_text_date(line).is_some() {
        return true;
    }
    if authors.iter().any(|a| lower == a.as_str()) {
        return true;
    }
    // "Words by Jane Doe", "Jane Doe · Staff Writer": a byline of a known author.
    if !authors.is_empty()
        && words <= 12
        && clean_byline(line).is_some_and(|b| authors.contains(&fold(&b)))
    {
        return true;
    }
    if let Some(rest) = line.strip_prefix("By ")
        && words <= 12
        && rest.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with('.')
    {
        return true;
    }
    false
}

/// An affiliate disclosure ("If you buy through our links, we may earn a commission"):
/// the publisher speaking about itself, not the article. Needs money words, links, and
/// the site talking in the first person, so a sentence about affiliate programmes in an
/// article about them stays.
fn affiliate_disclosure(lower: &str) -> bool {
    if lower.len() >= 400 {
        return false;
    }
    let money = ["commission", "compensat", "affiliate"]
        .iter()
        .any(|w| lower.contains(w));
    let gain = ["earn", "receive", "paid"]
        .iter()
        .any(|w| lower.contains(w));
    if !(money && gain && lower.contains("link")) {
        return false;
    }
    let first_person = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "we" | "us" | "our" | "i" | "my" | "me"));
    first_person
        || [
            "this post",
            "this article",
            "this page",
            "this site",
            "this website",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// "8 min read", "15 min", "5 minute read", "Reading time: 4 minutes": a line that only
/// says how long the article takes to read.
fn reading_time(lower: &str) -> bool {
    let l = lower
        .strip_prefix("reading time")
        .map_or(lower, |r| r.trim_start_matches([':', ' ']));
    let mut w = l.split_whitespace();
    let (Some(n), Some(unit)) = (w.next(), w.next()) else {
        return false;
    };
    let rest: Vec<&str> = w.collect();
    n.bytes().all(|b| b.is_ascii_digit())
        && n.len() <= 3
        && matches!(unit, "min" | "mins" | "minute" | "minutes")
        && (rest.is_empty() || rest == ["read"])
}

/// "12 comments", "3.4K shares", "1,204 views": a counter of the page's engagement.
fn counter_line(key: &str) -> bool {
    let mut w = key.split_whitespace();
    let (Some(n), Some(what), None) = (w.next(), w.next(), w.next()) else {
        return false;
    };
    let n = n.trim_end_matches(['k', 'm']);
    !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && n.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && matches!(
            what,
            "comment"
                | "comments"
                | "reply"
                | "replies"
                | "share"
                | "shares"
                | "like"
                | "likes"
                | "view"
                | "views"
                | "responses"
        )
}

/// "Loading...", "Loading comments…": a placeholder shown until a script fills the
/// space in.
fn loading_line(line: &str) -> bool {
    line.len() < 40
        && line.split_whitespace().count() <= 3
        && line
            .get(..8)
            .is_some_and(|h| h.eq_ignore_ascii_case("loading "))
        && (line.ends_with("...") || line.ends_with('…'))
}

/// Finish the current line: trim its trailing space and drop it if it is furniture; note
/// where end markers begin.
fn end_line(out: &mut String, line_start: &mut usize, lines: &mut Lines) {
    while out.ends_with(' ') {
        out.pop();
    }
    let start = (*line_start).min(out.len());
    let line = out.get(start..).unwrap_or("").trim();
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches([':', '.', '…', '!', '?']);
    // For the lists of labels: without the arrows, bullets and icons around them
    // ("Table of Contents ▼", "» Related posts").
    let key = lower.trim_matches(|c: char| !c.is_alphanumeric());
    let marker = !line.is_empty()
        && line.len() < 60
        && (END_MARKERS.contains(&key) || END_PREFIXES.iter().any(|p| key.starts_with(p)));
    // Only paragraphs: rows of a table and items of a list repeat in real articles (a
    // training plan's "Warm up" row every week).
    let paragraph = start == 0 || out[..start].ends_with("\n\n");
    let repeated = paragraph && line.len() >= REPEAT_MIN && {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        line.hash(&mut h);
        !lines.seen.insert(h.finish())
    };
    if !line.is_empty()
        && (repeated
            || line.len() < 60 && JUNK_LINES.contains(&key)
            || loading_line(line)
            || counter_line(key)
            || furniture_line(line, lower, &lines.authors)
            || affiliate_disclosure(lower))
    {
        out.truncate(start);
        while out.ends_with('\n') {
            out.pop();
        }
        // Cuts past the new end would point into text written later.
        let len = out.len();
        lines.cuts.retain(|&c| c <= len);
    }
    if marker {
        lines.cuts.push(start.min(out.len()));
    }
    *line_start = out.len();
}

/// JSON-LD `articleBody` as text: tags removed when it holds HTML, whitespace tidied,
/// paragraph breaks kept.
fn ld_body_text(s: &str) -> String {
    let s = if s.contains('<') && s.contains('>') {
        let d = super::dom::parse(s);
        let mut out = String::new();
        for node in &d.nodes {
            if node.tag == T::Text {
                push_collapsed(&mut out, d.text_of(node));
            } else if node.tag.is_block() && !out.ends_with('\n') && !out.is_empty() {
                out.push_str("\n\n");
            }
        }
        out
    } else {
        s.to_string()
    };
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whether node `i` is a `<pre>` holding the source of a diagram the page draws
/// (Mermaid, PlantUML, Graphviz: `class="mermaid"`, `language-mermaid`): on screen it is
/// a picture, so its text ("flowchart TD A --> B") is not the article's any more than an
/// image is.
fn diagram_source(doc: &Doc<'_>, i: usize) -> bool {
    let Some(node) = doc.nodes.get(i) else {
        return false;
    };
    if node.tag != T::Pre {
        return false;
    }
    let class = doc
        .attr(i as u32, "class")
        .unwrap_or_default()
        .to_ascii_lowercase();
    ["mermaid", "plantuml", "graphviz"]
        .iter()
        .any(|k| class.contains(k))
}
