//! One streaming pass from HTML text to a flat tree.
//!
//! The tokenizer is deliberately small: it finds `<` with `memchr`, reads tags and their
//! attributes (quotes respected), skips comments, doctypes and the content of raw-text
//! elements (`script`, `style`, `svg`...) without looking at it, and decodes character
//! references in text. The tree builder applies the few implied-end-tag rules that matter
//! for text (`<p>` closed by a block, `<li>` by the next `<li>`, table cells), ignores
//! end tags that match nothing open, and caps the depth, so no input makes it recurse or
//! grow without bound.
//!
//! Nodes are stored in document (pre-)order and each records `end`, the index just past
//! its last descendant. A subtree is therefore a contiguous range, walked with a loop and
//! skipped with one assignment: no pointers, no recursion. Text is whitespace-collapsed
//! into one shared buffer as it is read.

use super::entities;
use aho_corasick::AhoCorasick;
use std::borrow::Cow;
use std::sync::OnceLock;

/// The deepest nesting kept; deeper elements are flattened into their ancestor at this
/// depth (real pages stay far below; fuzzers and broken generators do not).
const MAX_DEPTH: usize = 256;

/// Tags the extractor tells apart. Anything else is `Other` (with a hash of its name so
/// that end tags still match).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)]
pub(crate) enum T {
    Root,
    Text,
    Other,
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Embed,
    Canvas,
    Video,
    Audio,
    Picture,
    Source,
    Img,
    Br,
    Hr,
    Wbr,
    Input,
    Button,
    Select,
    Option,
    Textarea,
    Form,
    Label,
    Nav,
    Aside,
    Footer,
    Header,
    Main,
    Article,
    Section,
    Div,
    P,
    Span,
    A,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Blockquote,
    Pre,
    Figure,
    Figcaption,
    Time,
    Address,
    Details,
    Summary,
    Dialog,
    Menu,
    Fieldset,
    Legend,
    Center,
    Hgroup,
    Area,
    Base,
    Col,
    Param,
    Track,
    Xmp,
    Plaintext,
    Noembed,
    Noframes,
    Frameset,
}

impl T {
    fn from_name(name: &[u8]) -> T {
        match name {
            b"html" => T::Html,
            b"head" => T::Head,
            b"body" => T::Body,
            b"title" => T::Title,
            b"meta" => T::Meta,
            b"link" => T::Link,
            b"script" => T::Script,
            b"style" => T::Style,
            b"noscript" => T::Noscript,
            b"template" => T::Template,
            b"svg" => T::Svg,
            b"math" => T::Math,
            b"iframe" => T::Iframe,
            b"object" => T::Object,
            b"embed" => T::Embed,
            b"canvas" => T::Canvas,
            b"video" => T::Video,
            b"audio" => T::Audio,
            b"picture" => T::Picture,
            b"source" => T::Source,
            b"img" | b"image" => T::Img,
            b"br" => T::Br,
            b"hr" => T::Hr,
            b"wbr" => T::Wbr,
            b"input" => T::Input,
            b"button" => T::Button,
            b"select" => T::Select,
            b"option" => T::Option,
            b"textarea" => T::Textarea,
            b"form" => T::Form,
            b"label" => T::Label,
            b"nav" => T::Nav,
            b"aside" => T::Aside,
            b"footer" => T::Footer,
            b"header" => T::Header,
            b"main" => T::Main,
            b"article" => T::Article,
            b"section" => T::Section,
            b"div" => T::Div,
            b"p" => T::P,
            b"span" => T::Span,
            b"a" => T::A,
            b"h1" => T::H1,
            b"h2" => T::H2,
            b"h3" => T::H3,
            b"h4" => T::H4,
            b"h5" => T::H5,
            b"h6" => T::H6,
            b"ul" => T::Ul,
            b"ol" => T::Ol,
            b"li" => T::Li,
            b"dl" => T::Dl,
            b"dt" => T::Dt,
            b"dd" => T::Dd,
            b"table" => T::Table,
            b"thead" => T::Thead,
            b"tbody" => T::Tbody,
            b"tfoot" => T::Tfoot,
            b"tr" => T::Tr,
            b"td" => T::Td,
            b"th" => T::Th,
            b"caption" => T::Caption,
            b"blockquote" => T::Blockquote,
            b"pre" | b"listing" => T::Pre,
            b"figure" => T::Figure,
            b"figcaption" => T::Figcaption,
            b"time" => T::Time,
            b"address" => T::Address,
            b"details" => T::Details,
            b"summary" => T::Summary,
            b"dialog" => T::Dialog,
            b"menu" => T::Menu,
            b"fieldset" => T::Fieldset,
            b"legend" => T::Legend,
            b"center" => T::Center,
            b"hgroup" => T::Hgroup,
            b"area" => T::Area,
            b"base" => T::Base,
            b"col" => T::Col,
            b"param" => T::Param,
            b"track" => T::Track,
            b"xmp" => T::Xmp,
            b"plaintext" => T::Plaintext,
            b"noembed" => T::Noembed,
            b"noframes" => T::Noframes,
            b"frameset" => T::Frameset,
            _ => T::Other,
        }
    }

    /// Elements without content or end tag.
    fn is_void(self) -> bool {
        matches!(
            self,
            T::Meta
                | T::Link
                | T::Img
                | T::Br
                | T::Hr
                | T::Wbr
                | T::Input
                | T::Source
                | T::Embed
                | T::Area
                | T::Base
                | T::Col
                | T::Param
                | T::Track
        )
    }

    /// Elements whose content is not markup (or that we skip unread).
    fn is_raw(self) -> bool {
        matches!(
            self,
            T::Script
                | T::Style
                | T::Title
                | T::Textarea
                | T::Xmp
                | T::Iframe
                | T::Noembed
                | T::Noframes
                | T::Noscript
                | T::Svg
                | T::Math
                | T::Template
                | T::Plaintext
        )
    }

    /// Elements that start a new block of text (a line break in the output).
    pub(crate) fn is_block(self) -> bool {
        matches!(
            self,
            T::Root
                | T::Html
                | T::Head
                | T::Body
                | T::Div
                | T::P
                | T::Section
                | T::Article
                | T::Main
                | T::Header
                | T::Footer
                | T::Nav
                | T::Aside
                | T::H1
                | T::H2
                | T::H3
                | T::H4
                | T::H5
                | T::H6
                | T::Ul
                | T::Ol
                | T::Li
                | T::Dl
                | T::Dt
                | T::Dd
                | T::Table
                | T::Thead
                | T::Tbody
                | T::Tfoot
                | T::Tr
                | T::Td
                | T::Th
                | T::Caption
                | T::Blockquote
                | T::Pre
                | T::Figure
                | T::Figcaption
                | T::Address
                | T::Details
                | T::Summary
                | T::Dialog
                | T::Menu
                | T::Fieldset
                | T::Legend
                | T::Center
                | T::Hgroup
                | T::Form
                | T::Hr
                | T::Br
        )
    }

    /// Headings.
    pub(crate) fn is_heading(self) -> bool {
        matches!(self, T::H1 | T::H2 | T::H3 | T::H4 | T::H5 | T::H6)
    }

    /// Starting one of these closes an open `<p>`.
    fn closes_p(self) -> bool {
        matches!(
            self,
            T::Address
                | T::Article
                | T::Aside
                | T::Blockquote
                | T::Details
                | T::Dialog
                | T::Div
                | T::Dl
                | T::Fieldset
                | T::Figcaption
                | T::Figure
                | T::Footer
                | T::Form
                | T::H1
                | T::H2
                | T::H3
                | T::H4
                | T::H5
                | T::H6
                | T::Header
                | T::Hgroup
                | T::Hr
                | T::Main
                | T::Menu
                | T::Nav
                | T::Ol
                | T::P
                | T::Pre
                | T::Section
                | T::Table
                | T::Ul
                | T::Center
                | T::Li
                | T::Dd
                | T::Dt
        )
    }
}

/// Node flags, set while building.
pub(crate) mod flag {
    /// `hidden`, `aria-hidden="true"` or an inline `display:none`/`visibility:hidden`.
    pub const HIDDEN: u16 = 1;
    /// class/id name boilerplate (comments, sharing, related links, ads, menus...).
    pub const BOILER: u16 = 2;
    /// class/id or itemprop name the article body.
    pub const GOOD: u16 = 4;
    /// A text node inside a link.
    pub const IN_LINK: u16 = 8;
    /// class/id/rel/itemprop name an author or byline.
    pub const BYLINE: u16 = 16;
    /// class/id name a date.
    pub const DATE: u16 = 32;
    /// An element with an `itemprop` attribute.
    pub const ITEMPROP: u16 = 64;
    /// A text node inside a `<p>` (for density scores).
    pub const IN_P: u16 = 128;
    /// class/id name a caption, credit or note that is not body text.
    pub const CAPTION: u16 = 256;
    /// A collapsible panel (accordion, tab panel, `role="region"`): hidden until the
    /// reader opens it, but part of the article, so being hidden does not prune it.
    pub const PANEL: u16 = 512;
}

/// One node: an element or a text run.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    /// The element's tag, `T::Text` for text.
    pub tag: T,
    /// For `T::Other`: a hash of the name, so end tags match the right start tag.
    pub hash: u16,
    /// [`flag`] bits.
    pub flags: u16,
    /// The parent's index (the root is its own parent).
    pub parent: u32,
    /// The index just past the last descendant.
    pub end: u32,
    /// Text: byte range in [`Doc::text`]; element: byte range of the attributes in the
    /// source.
    pub a: u32,
    /// See `a`.
    pub b: u32,
}

/// The parsed page.
pub(crate) struct Doc<'s> {
    /// The decoded page.
    pub src: &'s str,
    /// All nodes in document order; index 0 is the root.
    pub nodes: Vec<Node>,
    /// Whitespace-collapsed, reference-decoded text of all text nodes.
    pub text: String,
    /// The first `<title>`'s text.
    pub title: Option<String>,
    /// The contents of `<script type="application/ld+json">` elements.
    pub json_ld: Vec<&'s str>,
    /// `<meta>` elements.
    pub metas: Vec<u32>,
    /// `<link>` elements.
    pub links: Vec<u32>,
    /// `<time>` elements.
    pub times: Vec<u32>,
    /// `<h1>` elements.
    pub h1s: Vec<u32>,
    /// Elements with an `itemprop`, or flagged as bylines or dates.
    pub marked: Vec<u32>,
    /// The `lang` attribute of `<html>`.
    pub lang: Option<String>,
}

impl<'s> Doc<'s> {
    /// The text of a text node.
    pub fn text_of(&self, n: &Node) -> &str {
        self.text.get(n.a as usize..n.b as usize).unwrap_or("")
    }

    /// The value of attribute `name` (lower-case) of element `i`, references decoded.
    pub fn attr(&self, i: u32, name: &str) -> Option<Cow<'s, str>> {
        let n = self.nodes.get(i as usize)?;
        if n.tag == T::Text {
            return None;
        }
        let span = self.src.get(n.a as usize..n.b as usize)?;
        Attrs::new(span)
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| entities::decode(v))
    }

    /// All text under node `i`, whitespace-collapsed, with spaces between blocks.
    pub fn inner_text(&self, i: u32) -> String {
        let mut out = String::new();
        let Some(n) = self.nodes.get(i as usize) else {
            return out;
        };
        for j in i as usize + 1..(n.end as usize).min(self.nodes.len()) {
            let c = &self.nodes[j];
            if c.tag == T::Text {
                push_collapsed(&mut out, self.text_of(c));
            } else if c.tag.is_block() && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        }
        out.trim().to_string()
    }
}

/// Append `s` (already collapsed) to `out`, never doubling a space.
pub(crate) fn push_collapsed(out: &mut String, s: &str) {
    if s.starts_with(' ') && (out.is_empty() || out.ends_with([' ', '\n'])) {
        out.push_str(&s[1..]);
    } else {
        out.push_str(s);
    }
}

/// Iterator over the attributes of a tag's attribute text: `(name, raw value)`.
pub(crate) struct Attrs<'a> {
    s: &'a [u8],
    src: &'a str,
    pos: usize,
}

impl<'a> Attrs<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Attrs {
            s: src.as_bytes(),
            src,
            pos: 0,
        }
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.s;
        loop {
            while self.pos < s.len() && (s[self.pos].is_ascii_whitespace() || s[self.pos] == b'/') {
                self.pos += 1;
            }
            if self.pos >= s.len() {
                return None;
            }
            let start = self.pos;
            while self.pos < s.len()
                && !s[self.pos].is_ascii_whitespace()
                && !matches!(s[self.pos], b'=' | b'/' | b'>')
            {
                self.pos += 1;
            }
            if self.pos == start {
                // A stray `=` or `>`: skip it.
                self.pos += 1;
                continue;
            }
            let name = self.src.get(start..self.pos)?;
            let mut p = self.pos;
            while p < s.len() && s[p].is_ascii_whitespace() {
                p += 1;
            }
            if p < s.len() && s[p] == b'=' {
                p += 1;
                while p < s.len() && s[p].is_ascii_whitespace() {
                    p += 1;
                }
                let (vs, ve, next) = match s.get(p) {
                    Some(&q @ (b'"' | b'\'')) => {
                        match memchr::memchr(q, s.get(p + 1..).unwrap_or_default()) {
                            Some(e) => (p + 1, p + 1 + e, p + 2 + e),
                            None => (p + 1, s.len(), s.len()),
                        }
                    }
                    _ => {
                        let mut e = p;
                        while e < s.len() && !s[e].is_ascii_whitespace() && s[e] != b'>' {
                            e += 1;
                        }
                        (p, e, e)
                    }
                };
                self.pos = next;
                return Some((name, self.src.get(vs..ve).unwrap_or("")));
            }
            return Some((name, ""));
        }
    }
}

/// Class/id fragments and what they mean, matched as substrings of the lower-cased
/// `class` and `id` values.
const CLASS_PATTERNS: &[(&str, u16)] = &[
    ("comment", flag::BOILER),
    ("disqus", flag::BOILER),
    ("share", flag::BOILER),
    ("sharing", flag::BOILER),
    ("social", flag::BOILER),
    ("related", flag::BOILER),
    ("newsletter", flag::BOILER),
    ("footer", flag::BOILER),
    ("breadcrumb", flag::BOILER),
    ("cookie", flag::BOILER),
    ("consent", flag::BOILER),
    ("gdpr", flag::BOILER),
    ("advert", flag::BOILER),
    ("sponsor", flag::BOILER),
    ("promo", flag::BOILER),
    ("subscribe", flag::BOILER),
    ("signup", flag::BOILER),
    ("sign-up", flag::BOILER),
    ("popup", flag::BOILER),
    ("modal", flag::BOILER),
    ("navbar", flag::BOILER),
    ("navigation", flag::BOILER),
    ("menu", flag::BOILER),
    ("masthead", flag::BOILER),
    ("pagination", flag::BOILER),
    ("pager", flag::BOILER),
    ("toolbar", flag::BOILER),
    ("recommend", flag::BOILER),
    ("trending", flag::BOILER),
    ("popular", flag::BOILER),
    ("readmore", flag::BOILER),
    ("read-more", flag::BOILER),
    ("more-stories", flag::BOILER),
    ("author-bio", flag::BOILER | flag::BYLINE),
    ("about-author", flag::BOILER),
    ("author-box", flag::BOILER | flag::BYLINE),
    ("authorbox", flag::BOILER | flag::BYLINE),
    ("skip-link", flag::BOILER),
    ("skiplink", flag::BOILER),
    ("screen-reader", flag::BOILER),
    ("sr-only", flag::BOILER),
    ("visually-hidden", flag::BOILER),
    ("visuallyhidden", flag::BOILER),
    ("outbrain", flag::BOILER),
    ("taboola", flag::BOILER),
    ("login", flag::BOILER),
    ("overlay", flag::BOILER),
    ("offcanvas", flag::BOILER),
    ("drawer", flag::BOILER),
    ("banner", flag::BOILER),
    ("tag-list", flag::BOILER),
    ("taglist", flag::BOILER),
    ("post-tags", flag::BOILER),
    ("entry-tags", flag::BOILER),
    ("article-tags", flag::BOILER),
    ("tags-", flag::BOILER),
    ("post-nav", flag::BOILER),
    ("post-meta", flag::BOILER),
    ("entry-meta", flag::BOILER),
    ("article-meta", flag::BOILER),
    ("paywall", flag::BOILER),
    ("regwall", flag::BOILER),
    ("restricted-content", flag::BOILER),
    ("byline", flag::BOILER | flag::BYLINE),
    ("author", flag::BYLINE),
    ("caption", flag::CAPTION),
    ("credit", flag::CAPTION),
    ("wp-caption", flag::CAPTION),
    ("date", flag::DATE),
    ("publish", flag::DATE),
    ("posted-on", flag::DATE),
    ("timestamp", flag::DATE),
    ("article-body", flag::GOOD),
    ("articlebody", flag::GOOD),
    ("article__body", flag::GOOD),
    ("article-content", flag::GOOD),
    ("article__content", flag::GOOD),
    ("articlecontent", flag::GOOD),
    ("entry-content", flag::GOOD),
    ("post-content", flag::GOOD),
    ("postcontent", flag::GOOD),
    ("post-body", flag::GOOD),
    ("post_body", flag::GOOD),
    ("post__content", flag::GOOD),
    ("story-body", flag::GOOD),
    ("storybody", flag::GOOD),
    ("story-content", flag::GOOD),
    ("article-text", flag::GOOD),
    ("body-text", flag::GOOD),
    ("rich-text", flag::GOOD),
    ("richtext", flag::GOOD),
    ("blog-post-content", flag::GOOD),
    ("single-content", flag::GOOD),
    ("content-body", flag::GOOD),
    ("main-content", flag::GOOD),
    ("accordion", flag::PANEL),
    ("collapsible", flag::PANEL),
    ("tab-pane", flag::PANEL),
    ("tabpanel", flag::PANEL),
];

/// Class/id tokens matched whole (as substrings they would match too much: "ad" is in
/// "head", "search" in "research", "sidebar" in the "has-sidebar" of a page wrapper).
const CLASS_TOKENS: &[(&str, u16)] = &[
    ("ad", flag::BOILER),
    ("ads", flag::BOILER),
    ("adv", flag::BOILER),
    ("advertisement", flag::BOILER),
    ("nav", flag::BOILER),
    ("tags", flag::BOILER),
    ("meta", flag::BOILER),
    ("hidden", flag::HIDDEN),
    ("d-none", flag::HIDDEN),
    ("hide", flag::HIDDEN),
    ("print-only", flag::HIDDEN),
    ("toc", flag::BOILER),
    ("sidebar", flag::BOILER),
    ("sidebar-primary", flag::BOILER),
    ("sidebar-secondary", flag::BOILER),
    ("primary-sidebar", flag::BOILER),
    ("secondary-sidebar", flag::BOILER),
    ("sidebar-right", flag::BOILER),
    ("sidebar-left", flag::BOILER),
    ("widget-area", flag::BOILER),
    ("search", flag::BOILER),
    ("search-form", flag::BOILER),
    ("searchform", flag::BOILER),
    ("cta", flag::BOILER),
];

/// The class/id matcher, built once. `None` only if building failed, which cannot happen
/// with these constant patterns; the extractor then only loses the class hints.
fn class_matcher() -> Option<&'static AhoCorasick> {
    static M: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    M.get_or_init(|| AhoCorasick::new(CLASS_PATTERNS.iter().map(|(p, _)| p)).ok())
        .as_ref()
}

/// Flags implied by a lower-cased "class id" string.
fn class_flags(s: &str) -> u16 {
    let mut f = 0;
    if let Some(m) = class_matcher() {
        for found in m.find_overlapping_iter(s) {
            if let Some((name, fl)) = CLASS_PATTERNS.get(found.pattern().as_usize()) {
                // "contextmenu" names a behaviour hooked onto the text (a right-click
                // menu), not a menu of the page.
                if *name == "menu" && s[..found.start()].ends_with("context") {
                    continue;
                }
                f |= fl;
            }
        }
    }
    for tok in s.split_ascii_whitespace() {
        if tok.len() <= 17
            && let Some((_, fl)) = CLASS_TOKENS.iter().find(|(t, _)| *t == tok)
        {
            f |= fl;
        }
    }
    f
}

/// Flags from an element's attributes, and whether it has an `itemprop`.
fn element_flags(tag: T, attrs: &str, buf: &mut String) -> u16 {
    if attrs.trim().is_empty() {
        return 0;
    }
    let mut f = 0;
    buf.clear();
    for (k, v) in Attrs::new(attrs) {
        let k = k.as_bytes();
        if k.eq_ignore_ascii_case(b"class") || k.eq_ignore_ascii_case(b"id") {
            buf.push(' ');
            buf.extend(v.chars().map(|c| c.to_ascii_lowercase()));
        } else if k.eq_ignore_ascii_case(b"hidden") {
            f |= flag::HIDDEN;
        } else if k.eq_ignore_ascii_case(b"aria-hidden") {
            if v.eq_ignore_ascii_case("true") {
                f |= flag::HIDDEN;
            }
        } else if k.eq_ignore_ascii_case(b"style") {
            let v: String = v
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if v.contains("display:none") || v.contains("visibility:hidden") {
                f |= flag::HIDDEN;
            }
        } else if k.eq_ignore_ascii_case(b"itemprop") {
            f |= flag::ITEMPROP;
            let v = v.to_ascii_lowercase();
            if v.contains("articlebody") || v == "text" && tag != T::Meta {
                f |= flag::GOOD;
            }
            if v.contains("author") || v == "creator" {
                f |= flag::BYLINE;
            }
            if v.contains("date") {
                f |= flag::DATE;
            }
        } else if k.eq_ignore_ascii_case(b"rel") {
            if v.eq_ignore_ascii_case("author") {
                f |= flag::BYLINE;
            }
        } else if k.eq_ignore_ascii_case(b"role") {
            let v = v.to_ascii_lowercase();
            if matches!(v.as_str(), "region" | "tabpanel") {
                f |= flag::PANEL;
            }
            if matches!(
                v.as_str(),
                "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "search"
            ) {
                f |= flag::BOILER;
            } else if v == "main" || v == "article" {
                f |= flag::GOOD;
            }
        } else if k.eq_ignore_ascii_case(b"data-testid")
            || k.eq_ignore_ascii_case(b"data-component")
        {
            buf.push(' ');
            buf.extend(v.chars().map(|c| c.to_ascii_lowercase()));
        }
    }
    if !buf.is_empty() {
        f |= class_flags(buf);
    }
    f
}

/// A 15-bit hash of a tag name, for matching end tags of unknown elements.
fn name_hash(name: &[u8]) -> u16 {
    let mut h: u32 = 2_166_136_261;
    for &b in name {
        h = (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(16_777_619);
    }
    (h & 0x7fff) as u16
}

struct Builder<'s> {
    doc: Doc<'s>,
    /// Open elements (indices); the root is at the bottom.
    stack: Vec<u32>,
    /// How many `<a>` are open (text inside is link text).
    links_open: u32,
    p_open: u32,
    buf: String,
}

/// Parse a page into a [`Doc`].
pub(crate) fn parse(src: &str) -> Doc<'_> {
    let mut b = Builder {
        doc: Doc {
            src,
            nodes: Vec::with_capacity(src.len() / 64 + 16),
            text: String::with_capacity(src.len() / 4),
            title: None,
            json_ld: Vec::new(),
            metas: Vec::new(),
            links: Vec::new(),
            times: Vec::new(),
            h1s: Vec::new(),
            marked: Vec::new(),
            lang: None,
        },
        stack: vec![0],
        links_open: 0,
        p_open: 0,
        buf: String::new(),
    };
    b.doc.nodes.push(Node {
        tag: T::Root,
        hash: 0,
        flags: 0,
        parent: 0,
        end: 0,
        a: 0,
        b: 0,
    });
    let bytes = src.as_bytes();
    let len = bytes.len();
    let mut text_start = 0;
    let mut scan = 0;
    while scan < len {
        let Some(off) = memchr::memchr(b'<', &bytes[scan..]) else {
            break;
        };
        let lt = scan + off;
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' || next == b'/' || next.is_ascii_alphabetic() {
            if lt > text_start {
                b.text(src.get(text_start..lt).unwrap_or(""));
            }
        } else {
            // A literal `<` in text.
            scan = lt + 1;
            continue;
        }
        let after = if next == b'!' {
            if bytes.get(lt + 2..lt + 4) == Some(b"--") {
                match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                    Some(e) => lt + 4 + e + 3,
                    None => len,
                }
            } else {
                skip_to_gt(bytes, lt + 2)
            }
        } else if next == b'?' {
            skip_to_gt(bytes, lt + 2)
        } else if next == b'/' {
            let name_start = lt + 2;
            if !bytes
                .get(name_start)
                .is_some_and(|c| c.is_ascii_alphabetic())
            {
                skip_to_gt(bytes, name_start)
            } else {
                let name_end = name_end(bytes, name_start);
                b.end_tag(&bytes[name_start..name_end]);
                skip_to_gt(bytes, name_end)
            }
        } else {
            let name_start = lt + 1;
            let name_end = name_end(bytes, name_start);
            let (attr_end, gt_end) = tag_end(bytes, name_end);
            let name = &bytes[name_start..name_end];
            let mut lower = [0u8; 16];
            let tag = if name.len() <= lower.len() {
                for (d, s) in lower.iter_mut().zip(name) {
                    *d = s.to_ascii_lowercase();
                }
                T::from_name(&lower[..name.len()])
            } else {
                T::Other
            };
            let self_closing = attr_end > name_end && bytes.get(attr_end - 1) == Some(&b'/');
            let idx = b.start_tag(tag, name, name_end, attr_end, self_closing);
            if tag.is_raw() && !self_closing {
                let (content_end, resume) = raw_end(bytes, gt_end, name, tag);
                let content = src.get(gt_end..content_end).unwrap_or("");
                b.raw_content(tag, idx, content);
                resume
            } else {
                gt_end
            }
        };
        scan = after.max(lt + 1);
        text_start = scan;
    }
    if text_start < len {
        b.text(src.get(text_start..).unwrap_or(""));
    }
    let n = b.doc.nodes.len() as u32;
    for &i in &b.stack {
        if let Some(node) = b.doc.nodes.get_mut(i as usize) {
            node.end = n;
        }
    }
    b.doc
}

/// The end of a tag name starting at `i`.
fn name_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'/' | b'>') {
        i += 1;
    }
    i
}

/// Just past the next `>` from `i` (or the end).
fn skip_to_gt(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..).and_then(|r| memchr::memchr(b'>', r)) {
        Some(e) => i + e + 1,
        None => bytes.len(),
    }
}

/// The end of a start tag's attributes (`>` position) and just past the `>`, quotes in
/// attribute values respected. An unclosed quote ends at the next `>` after it.
fn tag_end(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let len = bytes.len();
    while i < len {
        match bytes[i] {
            b'>' => return (i, i + 1),
            b'=' => {
                i += 1;
                while i < len && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                    match memchr::memchr(q, &bytes[i + 1..]) {
                        Some(e) => i = i + 1 + e + 1,
                        None => {
                            let gt = skip_to_gt(bytes, i);
                            return (gt.saturating_sub(1).max(i), gt);
                        }
                    }
                }
            }
            _ => i += 1,
        }
    }
    (len, len)
}

/// Where the content of a raw-text element that started at `from` ends, and where
/// parsing resumes (after its end tag). `svg` and `math` may nest; the first matching
/// end tag closes them, which only loses drawing markup.
fn raw_end(bytes: &[u8], from: usize, name: &[u8], tag: T) -> (usize, usize) {
    if tag == T::Plaintext {
        return (bytes.len(), bytes.len());
    }
    let mut i = from;
    while let Some(off) = bytes.get(i..).and_then(|r| memchr::memchr(b'<', r)) {
        let lt = i + off;
        if bytes.get(lt + 1) == Some(&b'/') {
            let s = lt + 2;
            if let Some(cand) = bytes.get(s..s + name.len())
                && cand.eq_ignore_ascii_case(name)
                && bytes
                    .get(s + name.len())
                    .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
            {
                return (lt, skip_to_gt(bytes, s + name.len()));
            }
        }
        i = lt + 1;
    }
    (bytes.len(), bytes.len())
}

impl<'s> Builder<'s> {
    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn push_node(&mut self, node: Node) -> u32 {
        let idx = self.doc.nodes.len() as u32;
        self.doc.nodes.push(node);
        idx
    }

    fn text(&mut self, raw: &str) {
        let parent = self.current();
        let start = self.doc.text.len();
        // Collapse whitespace runs to one space while copying; decode references.
        let decoded = entities::decode(raw);
        let mut last_space = false;
        for c in decoded.chars() {
            if c.is_whitespace() || c == '\u{200B}' {
                if !last_space {
                    self.doc.text.push(' ');
                    last_space = true;
                }
            } else {
                self.doc.text.push(c);
                last_space = false;
            }
        }
        let end = self.doc.text.len();
        if end == start {
            return;
        }
        let mut flags = 0;
        if self.links_open > 0 {
            flags |= flag::IN_LINK;
        }
        if self.p_open > 0 {
            flags |= flag::IN_P;
        }
        let idx = self.push_node(Node {
            tag: T::Text,
            hash: 0,
            flags,
            parent,
            end: 0,
            a: start as u32,
            b: end as u32,
        });
        if let Some(n) = self.doc.nodes.get_mut(idx as usize) {
            n.end = idx + 1;
        }
    }

    /// Pop the top element, recording its end.
    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(i) = self.stack.pop() {
            let end = self.doc.nodes.len() as u32;
            if let Some(n) = self.doc.nodes.get_mut(i as usize) {
                n.end = end;
                match n.tag {
                    T::A => self.links_open = self.links_open.saturating_sub(1),
                    T::P => self.p_open = self.p_open.saturating_sub(1),
                    _ => {}
                }
            }
        }
    }

    /// Pop up to and including the nearest open `want`, unless a `stop` tag is met first.
    fn close_nearest(&mut self, want: &[T], stop: &[T]) {
        let mut depth = None;
        for (k, &i) in self.stack.iter().enumerate().rev() {
            let t = self.doc.nodes[i as usize].tag;
            if want.contains(&t) {
                depth = Some(k);
                break;
            }
            if stop.contains(&t) || t == T::Root {
                return;
            }
        }
        if let Some(k) = depth {
            while self.stack.len() > k {
                self.pop();
            }
        }
    }

    fn start_tag(
        &mut self,
        tag: T,
        name: &[u8],
        attr_start: usize,
        attr_end: usize,
        self_closing: bool,
    ) -> u32 {
        // Implied end tags.
        if tag.closes_p() && self.p_open > 0 {
            self.close_nearest(&[T::P], &[T::Td, T::Th, T::Table, T::Button]);
        }
        match tag {
            T::Li => self.close_nearest(&[T::Li], &[T::Ul, T::Ol, T::Menu, T::Table]),
            T::Dt | T::Dd => self.close_nearest(&[T::Dt, T::Dd], &[T::Dl, T::Table]),
            T::Tr => self.close_nearest(&[T::Tr], &[T::Table]),
            T::Td | T::Th => self.close_nearest(&[T::Td, T::Th], &[T::Tr, T::Table]),
            T::Option => self.close_nearest(&[T::Option], &[T::Select]),
            T::A => self.close_nearest(&[T::A], &[T::Td, T::Th, T::Table]),
            _ => {}
        }
        if tag.is_heading()
            && let Some(&top) = self.stack.last()
            && self.doc.nodes[top as usize].tag.is_heading()
        {
            self.pop();
        }
        let attrs = self.doc.src.get(attr_start..attr_end).unwrap_or("");
        let mut buf = std::mem::take(&mut self.buf);
        let flags = element_flags(tag, attrs, &mut buf);
        self.buf = buf;
        let parent = self.current();
        let idx = self.push_node(Node {
            tag,
            hash: if tag == T::Other { name_hash(name) } else { 0 },
            flags,
            parent,
            end: 0,
            a: attr_start as u32,
            b: attr_end as u32,
        });
        match tag {
            T::Meta => self.doc.metas.push(idx),
            T::Link => self.doc.links.push(idx),
            T::Time => self.doc.times.push(idx),
            T::H1 => self.doc.h1s.push(idx),
            T::Html if self.doc.lang.is_none() => {
                self.doc.lang = self
                    .doc
                    .attr(idx, "lang")
                    .or_else(|| self.doc.attr(idx, "xml:lang"))
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
            }
            _ => {}
        }
        if flags & (flag::ITEMPROP | flag::BYLINE | flag::DATE) != 0 {
            self.doc.marked.push(idx);
        }
        if tag.is_void() || self_closing && tag != T::A && !tag.is_raw() {
            if let Some(n) = self.doc.nodes.get_mut(idx as usize) {
                n.end = idx + 1;
            }
            // A self-closed `<div/>` is not closed in HTML, but treating it so is harmless
            // and keeps broken XHTML from swallowing the rest of the page.
            return idx;
        }
        if tag.is_raw() {
            // Raw elements have no children; `raw_content` handles the content.
            if let Some(n) = self.doc.nodes.get_mut(idx as usize) {
                n.end = idx + 1;
            }
            return idx;
        }
        if self.stack.len() >= MAX_DEPTH {
            if let Some(n) = self.doc.nodes.get_mut(idx as usize) {
                n.end = idx + 1;
            }
            return idx;
        }
        match tag {
            T::A => self.links_open += 1,
            T::P => self.p_open += 1,
            _ => {}
        }
        self.stack.push(idx);
        idx
    }

    /// Keep what the metadata needs from a raw-text element: the first `<title>`, and
    /// JSON-LD scripts. Other raw content (scripts, styles, `textarea`) is never article
    /// text and is dropped.
    fn raw_content(&mut self, tag: T, idx: u32, content: &'s str) {
        match tag {
            T::Title if self.doc.title.is_none() => {
                let t = entities::decode(content);
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    self.doc.title = Some(t);
                }
            }
            T::Script
                if self
                    .doc
                    .attr(idx, "type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                self.doc.json_ld.push(content);
            }
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        let mut lower = [0u8; 16];
        let tag = if name.len() <= lower.len() {
            for (d, s) in lower.iter_mut().zip(name) {
                *d = s.to_ascii_lowercase();
            }
            T::from_name(&lower[..name.len()])
        } else {
            T::Other
        };
        if tag == T::Br {
            // `</br>` is a line break, as browsers treat it.
            let parent = self.current();
            let idx = self.push_node(Node {
                tag: T::Br,
                hash: 0,
                flags: 0,
                parent,
                end: 0,
                a: 0,
                b: 0,
            });
            if let Some(n) = self.doc.nodes.get_mut(idx as usize) {
                n.end = idx + 1;
            }
            return;
        }
        if matches!(tag, T::Html | T::Body) {
            // Content after `</body>` still belongs to the body in browsers.
            return;
        }
        let hash = if tag == T::Other { name_hash(name) } else { 0 };
        let found = self.stack.iter().rposition(|&i| {
            let n = &self.doc.nodes[i as usize];
            n.tag == tag && n.hash == hash
        });
        if let Some(k) = found
            && k > 0
        {
            // Block end tags do not close past a table cell or table they are not in.
            let crosses_cell = self.stack[k + 1..].iter().any(|&i| {
                matches!(
                    self.doc.nodes[i as usize].tag,
                    T::Td | T::Th | T::Table | T::Tr
                )
            }) && !matches!(
                tag,
                T::Td | T::Th | T::Table | T::Tr | T::Tbody | T::Thead | T::Tfoot
            );
            if crosses_cell && !matches!(tag, T::Div | T::Other) {
                return;
            }
            while self.stack.len() > k {
                self.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Doc<'_>) -> Vec<String> {
        d.nodes
            .iter()
            .filter(|n| n.tag == T::Text)
            .map(|n| d.text_of(n).to_string())
            .collect()
    }

    #[test]
    fn builds_a_tree() {
        let d = parse(
            "<!doctype html><html lang=en><head><title>T &amp; U</title>\
             <script>if (a<b) {}</script><script type=application/ld+json>{\"a\":1}</script></head>\
             <body><p class='x'>One <b>two</b><p>Three<div>Four</div></body></html>",
        );
        assert_eq!(d.title.as_deref(), Some("T & U"));
        assert_eq!(d.json_ld, vec!["{\"a\":1}"]);
        assert_eq!(d.lang.as_deref(), Some("en"));
        assert_eq!(texts(&d), vec!["One ", "two", "Three", "Four"]);
        // The second <p> closed the first, and the <div> closed the second.
        let ps: Vec<usize> = (0..d.nodes.len())
            .filter(|&i| d.nodes[i].tag == T::P)
            .collect();
        assert_eq!(ps.len(), 2);
        let div = (0..d.nodes.len())
            .find(|&i| d.nodes[i].tag == T::Div)
            .unwrap_or(0);
        assert_ne!(d.nodes[div].parent as usize, ps[1]);
        for n in &d.nodes {
            assert!(n.end as usize <= d.nodes.len());
        }
    }

    #[test]
    fn attributes() {
        let a: Vec<(&str, &str)> = Attrs::new(" a=\"x>y\" b='2' c=3 d /e=\"\"").collect();
        assert_eq!(
            a,
            vec![("a", "x>y"), ("b", "2"), ("c", "3"), ("d", ""), ("e", "")]
        );
        assert_eq!(tag_end(b"a=\"x>y\">rest", 0), (7, 8));
    }

    #[test]
    fn survives_broken_markup() {
        for s in [
            "<",
            "<a",
            "<a href=\"",
            "</",
            "<!--",
            "<script>",
            "<p><<>>",
            "</div></div>x",
            "<svg><svg></svg>",
            "<a b='>c",
        ] {
            let d = parse(s);
            assert!(
                d.nodes.iter().all(|n| n.end as usize <= d.nodes.len()),
                "{s}"
            );
        }
        let deep = "<div>".repeat(10_000);
        let d = parse(&deep);
        assert!(d.nodes.len() > 1000);
    }
}
