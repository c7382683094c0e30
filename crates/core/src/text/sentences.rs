//! Sentence segmentation tuned for English news text.
//!
//! Sentences are the unit every later stage points at (evidence is "sentence *n*, bytes
//! *a..b*"), so the splitter must be exact about offsets, never panic, and be cheap enough
//! to run on every article of a large crawl. It is a single left-to-right pass over the
//! bytes: only the few bytes that can end a sentence (`.` `?` `!` `…` newlines, bullets)
//! are looked at closely, and the decision there reads a few bytes on either side. Nothing
//! is allocated except the output vector.
//!
//! The rules, in the order they are applied at a stop:
//!
//! * A stop must be followed (after any closing quotes or brackets: `."` `.”` `.)` `?'`)
//!   by whitespace, so `3.5`, `U.S.-led`, `example.com` and `$1.2` never split.
//! * A lower-case word after the stop means the sentence goes on (`"Why?" she asked`,
//!   `approx. five`), as does other punctuation (`U.S.,`). A dash or bullet after a real
//!   stop starts a new sentence (`said. -- CNN's Jane Doe contributed`).
//! * Title abbreviations that cannot end a sentence (Mr., Gen., Sen., Dr., vs., e.g.)
//!   never split.
//! * Abbreviations that can (U.S., Inc., Jr., Jan., etc., initials like "F." or "J.K.")
//!   split only when the next word is a common sentence starter ("The", "He", "But"...),
//!   so "moved to the U.S. The next day" splits and "U.S. President" does not. After
//!   a.m./p.m. any capitalised word splits except days, months and time zones. A single
//!   letter after a noun it labels ("World War I.", "Group C.") is not an initial.
//! * A small number with a period at the start of a line or right after another stop
//!   ("reasons. 1. Prices") is a list item number and stays with its item.
//! * `?`/`!` followed by a closing quote and an attribution ("Smith asked") does not split.
//! * Ellipses split before a capitalised word when attached to the word before
//!   ("paused... Then"); a spaced " ... " (an elision inside a quote) splits only before
//!   a sentence starter.
//! * Every newline ends a sentence (title lines, paragraphs), except after a line that
//!   ends with a dash, which is how datelines ("WASHINGTON (Reuters) -") and hyphenated
//!   line breaks look. A bullet marker (`- `, `* `, `• `) at the start of a sentence is
//!   not part of it, and `•` after whitespace starts a new sentence even mid-line.

use super::trimmed_span;
use crate::model::Span;

/// Split `text` into sentence spans: byte offsets `[start, end)` into `text`, in order,
/// non-overlapping, each non-empty and trimmed of surrounding whitespace (and of a leading
/// bullet marker).
///
/// Why spans and not strings: every fact extracted later carries evidence pointing into
/// the article's text, and the sentence index plus its span is that pointer. See the
/// module documentation for the rules; the function never panics, on any UTF-8 input.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 128 + 1);
    let mut seg_start = 0usize;
    let mut i = 0usize;
    while i < b.len() {
        let c = b[i];
        if !SPECIAL[c as usize] {
            i += 1;
            continue;
        }
        match c {
            b'\n' => {
                if !line_continues(b, i) {
                    push(text, seg_start, i, &mut out);
                    seg_start = i + 1;
                }
                i += 1;
            }
            b'.' | b'?' | b'!' => {
                let (resume, cut) = at_stop(text, i);
                if let Some(end) = cut {
                    push(text, seg_start, end, &mut out);
                    seg_start = end;
                }
                i = resume;
            }
            0xE2 => match (b.get(i + 1), b.get(i + 2)) {
                // … (U+2026)
                (Some(0x80), Some(0xA6)) => {
                    let (resume, cut) = at_stop(text, i);
                    if let Some(end) = cut {
                        push(text, seg_start, end, &mut out);
                        seg_start = end;
                    }
                    i = resume;
                }
                // line and paragraph separators (U+2028, U+2029)
                (Some(0x80), Some(0xA8 | 0xA9)) => {
                    push(text, seg_start, i, &mut out);
                    seg_start = i + 3;
                    i += 3;
                }
                // • (U+2022) after whitespace and before whitespace: a flattened bullet list
                (Some(0x80), Some(0xA2)) => {
                    if prev_is_space_or_start(text, i) && next_is_space(text, i + 3) {
                        push(text, seg_start, i, &mut out);
                        seg_start = i;
                    }
                    i += 3;
                }
                _ => i += 1,
            },
            // fullwidth and CJK stops (。！？) end a sentence without needing a space
            0xE3 | 0xEF if is_cjk_stop(b, i) => {
                let end = skip_stops_and_closers(b, i).0;
                push(text, seg_start, end, &mut out);
                seg_start = end;
                i = end;
            }
            _ => i += 1,
        }
    }
    push(text, seg_start, b.len(), &mut out);
    out
}

/// Bytes that may start something the splitter must look at: stops, newline, and the
/// lead bytes of the multi-byte stops, separators and bullets.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Push the trimmed, bullet-stripped span `[start, end)` when it is not empty.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(seg) = text.get(start..end) else {
        return;
    };
    let mut s = trimmed_span(seg, start);
    if let Some(rest) = s.slice(text).strip_prefix(['-', '*', '•', '▪', '◦', '‣'])
        && rest.starts_with(char::is_whitespace)
    {
        let marker = s.len() - rest.len();
        s = trimmed_span(rest, s.start + marker);
    }
    if !s.is_empty() {
        out.push(s);
    }
}

/// What kind of stop a run of stop characters is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A single period: decided by the word before it (abbreviation or not).
    Period,
    /// `?` or `!` (possibly repeated or mixed with periods).
    Strong,
    /// Two or more periods, or `…`.
    Ellipsis,
}

/// Decide whether the stop at byte `i` ends a sentence. Returns where to resume scanning
/// and, when it does end one, the end offset (after the stops and closing quotes).
fn at_stop(text: &str, i: usize) -> (usize, Option<usize>) {
    let b = text.as_bytes();
    let (j, stop, closed_by_quote) = skip_stops_and_closers(b, i);
    // must be followed by whitespace, and not by a newline (the newline itself cuts)
    let mut k = j;
    let mut saw_newline = false;
    while let Some((c, len)) = char_at(text, k) {
        if !c.is_whitespace() {
            break;
        }
        saw_newline |= c == '\n' || c == '\u{2028}' || c == '\u{2029}';
        k += len;
    }
    if k == j || k >= b.len() || saw_newline {
        return (j, None);
    }
    let next = next_token(text, k);
    let cut = match stop {
        Stop::Strong => match next.kind {
            Kind::Lower | Kind::Other => false,
            Kind::Upper => !(closed_by_quote && attribution_follows(text, next.word_start)),
            Kind::Digit | Kind::Symbol | Kind::Break => true,
        },
        Stop::Ellipsis => match ellipsis_position(text, i) {
            // `"... We had` opens a quotation: nothing before it to end
            EllipsisAt::Opening => false,
            EllipsisAt::Spaced => next.kind == Kind::Upper && is_starter(next.word(text)),
            EllipsisAt::Attached => next.kind == Kind::Upper,
        },
        Stop::Period => match abbreviation(text, i) {
            Abbr::Prefix | Abbr::ListNumber => false,
            Abbr::Ambiguous => {
                next.kind == Kind::Upper && (next.quoted || is_starter(next.word(text)))
            }
            Abbr::Clock => {
                next.kind == Kind::Upper
                    && (next.quoted || !is_clock_follower(text, next.word_start))
            }
            Abbr::Initial => next.kind == Kind::Upper && is_starter(next.word(text)),
            Abbr::No => matches!(
                next.kind,
                Kind::Upper | Kind::Digit | Kind::Symbol | Kind::Break
            ),
        },
    };
    (j, cut.then_some(j))
}

/// Where an ellipsis stands relative to the words around it.
enum EllipsisAt {
    /// Right after a word ("paused... Then"): often the end of a sentence.
    Attached,
    /// Between spaces ("was ... under review"): usually an elision inside a quote.
    Spaced,
    /// At the start of a quotation (`"...I worried` or `" ... We`).
    Opening,
}

fn ellipsis_position(text: &str, i: usize) -> EllipsisAt {
    let mut before = text.get(..i).unwrap_or("").chars().rev();
    match before.next() {
        None => EllipsisAt::Opening,
        Some(c) if c.is_whitespace() => match before.find(|c: &char| !c.is_whitespace()) {
            Some('"' | '“' | '\'' | '‘' | '(' | '[') => EllipsisAt::Opening,
            _ => EllipsisAt::Spaced,
        },
        Some('"' | '“' | '‘' | '(' | '[') => EllipsisAt::Opening,
        Some(_) => EllipsisAt::Attached,
    }
}

/// Skip the run of stops starting at `i` and any closing quotes or brackets after them
/// (which may be mixed: `?")` or `.)."`). Returns the end, the kind of stop, and whether a
/// closing quote was among the closers.
fn skip_stops_and_closers(b: &[u8], i: usize) -> (usize, Stop, bool) {
    let mut j = i;
    let mut dots = 0usize;
    let mut strong = false;
    let mut ellipsis = false;
    let mut quote = false;
    loop {
        match b.get(j) {
            Some(b'.') => {
                dots += 1;
                j += 1;
            }
            Some(b'?' | b'!') => {
                strong = true;
                j += 1;
            }
            Some(b'"' | b'\'') => {
                quote = true;
                j += 1;
            }
            Some(b')' | b']' | b'}') => j += 1,
            Some(0xE2) => match (b.get(j + 1), b.get(j + 2)) {
                (Some(0x80), Some(0xA6)) => {
                    ellipsis = true;
                    j += 3;
                }
                // ’ ” ›
                (Some(0x80), Some(0x99 | 0x9D | 0xBA)) => {
                    quote = true;
                    j += 3;
                }
                _ => break,
            },
            // »
            Some(0xC2) if b.get(j + 1) == Some(&0xBB) => {
                quote = true;
                j += 2;
            }
            // 」 』 。
            Some(0xE3)
                if b.get(j + 1) == Some(&0x80)
                    && matches!(b.get(j + 2), Some(0x8D | 0x8F | 0x82)) =>
            {
                j += 3;
            }
            // ） ！ ？
            Some(0xEF)
                if b.get(j + 1) == Some(&0xBC)
                    && matches!(b.get(j + 2), Some(0x89 | 0x81 | 0x9F)) =>
            {
                j += 3;
            }
            _ => break,
        }
    }
    let stop = if strong {
        Stop::Strong
    } else if ellipsis || dots >= 2 {
        Stop::Ellipsis
    } else {
        Stop::Period
    };
    (j, stop, quote)
}

/// Whether byte `i` starts `。`, `！` or `？`.
fn is_cjk_stop(b: &[u8], i: usize) -> bool {
    matches!(
        (b.get(i), b.get(i + 1), b.get(i + 2)),
        (Some(0xE3), Some(0x80), Some(0x82)) | (Some(0xEF), Some(0xBC), Some(0x81 | 0x9F))
    )
}

/// The char starting at byte `i`, with its length, or `None` at the end or off a char
/// boundary.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

fn prev_is_space_or_start(text: &str, i: usize) -> bool {
    match text.get(..i).and_then(|s| s.chars().next_back()) {
        None => true,
        Some(c) => c.is_whitespace(),
    }
}

fn next_is_space(text: &str, i: usize) -> bool {
    matches!(char_at(text, i), Some((c, _)) if c.is_whitespace())
}

/// Whether the newline at `i` continues the sentence: the line before it (skipping blank
/// lines) ends with a short run of dashes, as a dateline ("LONDON --", "BEIRUT —") or a
/// word hyphenated across lines does. A rule of dashes ("-----") does not continue.
fn line_continues(b: &[u8], i: usize) -> bool {
    // look back at most a few bytes so that runs of blank lines stay linear
    let floor = i.saturating_sub(16);
    let mut p = i;
    while p > floor && b[p - 1].is_ascii_whitespace() {
        p -= 1;
    }
    if p == 0 || p == floor {
        return false;
    }
    if p >= 3 && b[p - 3] == 0xE2 && b[p - 2] == 0x80 && matches!(b[p - 1], 0x93 | 0x94) {
        // – or —, alone
        return true;
    }
    let mut dashes = 0;
    while p > 0 && b[p - 1] == b'-' {
        dashes += 1;
        p -= 1;
    }
    (1..=3).contains(&dashes)
}

/// The class of the token after a stop.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Starts with a lower-case letter (the sentence goes on), unless it is "iPhone"-like.
    Lower,
    /// Starts with an upper-case letter, or a letter of a script without case.
    Upper,
    Digit,
    /// A currency or similar sign that can start a sentence ("$5 million was...").
    Symbol,
    /// A dash, bullet or similar mark that starts a new line of text ("-- CNN's Jane Doe
    /// contributed", "• The percentage...") after a real stop, but never after an
    /// abbreviation.
    Break,
    /// Other punctuation: `,` `;` `%` and the like, which do not start a sentence.
    Other,
}

/// The token after a stop, past any opening quotes or brackets.
struct Next {
    kind: Kind,
    /// Whether an opening double quote came first (a quotation starting a sentence).
    quoted: bool,
    /// Byte offset of the first letter, digit or symbol.
    word_start: usize,
}

impl Next {
    /// The run of ASCII letters at the start of the token ("The" in "The,"), empty for
    /// non-ASCII words.
    fn word<'a>(&self, text: &'a str) -> &'a str {
        ascii_word(text, self.word_start)
    }
}

fn ascii_word(text: &str, start: usize) -> &str {
    let b = text.as_bytes();
    let mut e = start;
    while e < b.len() && b[e].is_ascii_alphabetic() {
        e += 1;
    }
    text.get(start..e).unwrap_or("")
}

fn next_token(text: &str, start: usize) -> Next {
    let mut k = start;
    let mut quoted = false;
    // skip a few opening quotes and brackets
    for _ in 0..4 {
        match char_at(text, k) {
            Some(('"' | '“' | '«' | '„', len)) => {
                quoted = true;
                k += len;
            }
            Some(('\'' | '‘' | '(' | '[' | '‹', len)) => k += len,
            _ => break,
        }
    }
    // a quotation that opens with an ellipsis: `"...I worried`, `"... Her work`
    if k > start {
        let b = text.as_bytes();
        let dots = if text.get(k..).is_some_and(|t| t.starts_with('…')) {
            3
        } else {
            b[k..].iter().take_while(|&&c| c == b'.').count()
        };
        if dots >= 2 {
            k += dots;
            if b.get(k) == Some(&b' ') {
                k += 1;
            }
        }
    }
    let kind = match char_at(text, k) {
        None => Kind::Other,
        Some((c, len)) => {
            if c.is_lowercase() {
                // "iPhone", "eBay": a brand that starts a sentence
                match char_at(text, k + len) {
                    Some((d, _)) if d.is_uppercase() => Kind::Upper,
                    _ => Kind::Lower,
                }
            } else if c.is_alphabetic() {
                Kind::Upper
            } else if c.is_numeric() {
                Kind::Digit
            } else if matches!(c, '$' | '£' | '€' | '¥' | '#' | '@') {
                Kind::Symbol
            } else if matches!(
                c,
                '-' | '–'
                    | '—'
                    | '―'
                    | '*'
                    | '•'
                    | '·'
                    | '●'
                    | '▪'
                    | '◦'
                    | '‣'
                    | '►'
                    | '■'
                    | '©'
            ) {
                Kind::Break
            } else {
                Kind::Other
            }
        }
    };
    Next {
        kind,
        quoted,
        word_start: k,
    }
}

/// What the word before a single period is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abbr {
    /// Not an abbreviation: the period ends the sentence if a sentence can start next.
    No,
    /// A title or prefix that is always followed by more of the sentence (Mr., Gen., vs.).
    Prefix,
    /// Can end a sentence or not (U.S., Inc., Jr., Jan.).
    Ambiguous,
    /// A single letter ("John F. Kennedy"): like `Ambiguous`, but a quote after it is a
    /// nickname (`Walter E. "Gene" Crum`), not a new sentence.
    Initial,
    /// a.m. / p.m.: usually followed by a day, a time zone, or a new sentence.
    Clock,
    /// "1." or "a." at the start of a line, or a small number right after another stop
    /// ("...as planned. 5. The next"): a list item number.
    ListNumber,
}

/// Classify the word that ends just before the period at `dot`.
fn abbreviation(text: &str, dot: usize) -> Abbr {
    let b = text.as_bytes();
    // the word: ASCII letters, digits and inner periods, at most 24 bytes back
    let floor = dot.saturating_sub(24);
    let mut s = dot;
    while s > floor && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'.') {
        s -= 1;
    }
    if s == floor && s > 0 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] == b'.') {
        return Abbr::No; // a very long token: not an abbreviation
    }
    while s < dot && b[s] == b'.' {
        s += 1;
    }
    let Some(word) = text.get(s..dot) else {
        return Abbr::No;
    };
    if word.is_empty() {
        return Abbr::No;
    }
    // "Zürich." (the ASCII tail of a longer word), "didn't." and "AT&T." are words, not
    // abbreviations
    if let Some(p) = text.get(..s).and_then(|t| t.chars().next_back())
        && (p.is_alphabetic() || matches!(p, '\'' | '’' | '&'))
    {
        return Abbr::No;
    }
    let wb = word.as_bytes();
    let number = wb.len() <= 3 && wb.iter().all(u8::is_ascii_digit);
    if number || wb.len() == 1 {
        if at_line_start(b, s) || (number && wb.len() <= 2 && after_stop(text, s)) {
            return Abbr::ListNumber;
        }
        if number {
            return Abbr::No;
        }
        // a single letter: an initial ("John F. Kennedy"), unless it labels the noun
        // before it ("World War I.", "Group C.", "Plan B.")
        if lookup(LABELLED_NOUNS, previous_word(text, s), Caps::Any) {
            return Abbr::No;
        }
        return Abbr::Initial;
    }
    if lookup(PREFIX, word, Caps::Prefix) {
        return Abbr::Prefix;
    }
    if word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m") {
        return Abbr::Clock;
    }
    if lookup(AMBIGUOUS, word, Caps::Long) || word == "ST" {
        return Abbr::Ambiguous;
    }
    // initials and dotted acronyms: U.S, D.C, J.K, Ph.D, U.S.A
    if word.contains('.')
        && word
            .split('.')
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphabetic()))
    {
        return Abbr::Ambiguous;
    }
    Abbr::No
}

/// The ASCII word before byte `s`, skipping one space ("Group" for the "C" in
/// "Group C."), or "".
fn previous_word(text: &str, s: usize) -> &str {
    let b = text.as_bytes();
    if s < 2 || b[s - 1] != b' ' {
        return "";
    }
    let end = s - 1;
    let mut w = end;
    while w > 0 && end - w < 12 && b[w - 1].is_ascii_alphabetic() {
        w -= 1;
    }
    text.get(w..end).unwrap_or("")
}

/// Whether the token at `s` follows a stop or colon (" ... planned. 5. The").
/// A period only counts when the word before it is not an abbreviation ("No. 1." and
/// "Dec. 29." are not list items).
fn after_stop(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    if s < 2 || b[s - 1] != b' ' {
        return false;
    }
    match b[s - 2] {
        b'?' | b'!' | b':' | b'*' => true,
        b'.' => {
            let end = s - 2;
            let mut w = end;
            while w > 0 && end - w < 12 && b[w - 1].is_ascii_alphabetic() {
                w -= 1;
            }
            let word = text.get(w..end).unwrap_or("");
            !(word.len() == 1
                || lookup(PREFIX, word, Caps::Prefix)
                || lookup(AMBIGUOUS, word, Caps::Long))
        }
        _ => false,
    }
}

/// Whether only spaces or tabs lie between the start of the line and byte `s`.
fn at_line_start(b: &[u8], s: usize) -> bool {
    let floor = s.saturating_sub(8);
    let mut p = s;
    while p > floor && matches!(b[p - 1], b' ' | b'\t') {
        p -= 1;
    }
    p == 0 || b[p - 1] == b'\n'
}

/// Which other capitalisations of a list entry [`lookup`] accepts besides the exact one.
#[derive(Clone, Copy)]
enum Caps {
    /// All capitals ("WORLD WAR I.").
    Any,
    /// All capitals only for entries of three letters or more: "IND." is Indiana, but
    /// "LA.", "PA." and "VA." are far more often Los Angeles, the Press Association and
    /// Veterans Affairs than state abbreviations.
    Long,
    /// All capitals ("GEN. SMITH"), or a capitalised lower-case entry in titles and at
    /// the start of a sentence ("Kramer Vs. Kramer").
    Prefix,
}

/// Look `word` up in a sorted list, exactly or in the other capitalisations `caps` allows.
/// A lower-case word never matches a capitalised entry, so "sat." is not "Sat."
/// (Saturday).
fn lookup(list: &[&str], word: &str, caps: Caps) -> bool {
    if list.binary_search(&word).is_ok() {
        return true;
    }
    let all_upper = word.bytes().all(|c| !c.is_ascii_lowercase());
    let first_upper = word.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    if !first_upper {
        return false;
    }
    list.iter().any(|e| {
        e.eq_ignore_ascii_case(word)
            && match caps {
                Caps::Any => all_upper,
                Caps::Long => all_upper && e.len() >= 3,
                Caps::Prefix => all_upper || e.bytes().all(|c| !c.is_ascii_uppercase()),
            }
    })
}

/// Whether `word` (the letters starting the token after an abbreviation) is a word that
/// typically starts a sentence. Matches exactly, or in capitals for words of three or more
/// letters ("THE", but not "IT" or "US", which are acronyms).
fn is_starter(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if STARTERS.binary_search(&word).is_ok() {
        return true;
    }
    word.len() >= 3
        && word.bytes().all(|c| c.is_ascii_uppercase())
        && STARTERS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// After "a.m."/"p.m.": whether the capitalised token at `start` continues the time
/// expression (a day, a month, a time zone, or "London time").
fn is_clock_follower(text: &str, start: usize) -> bool {
    let word = ascii_word(text, start);
    if word.is_empty() {
        return false;
    }
    if CLOCK_FOLLOWERS.binary_search(&word).is_ok() {
        return true;
    }
    // "9 a.m. Moscow time"
    let rest = text.get(start + word.len()..).unwrap_or("");
    rest.starts_with(" time")
}

/// Whether the words at `start` are an attribution ("Smith asked", "Sen. Amy Cole said"):
/// up to four capitalised words then a speech verb, so `"Why?" Smith asked.` is one
/// sentence.
fn attribution_follows(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    let mut p = start;
    for n in 0..5 {
        let ws = p;
        while p < b.len() && (b[p].is_ascii_alphabetic() || matches!(b[p], b'.' | b'-' | b'\'')) {
            p += 1;
        }
        let Some(word) = text.get(ws..p) else {
            return false;
        };
        let word = word.trim_end_matches('.');
        if word.is_empty() {
            return false;
        }
        if SPEECH_VERBS.binary_search(&word).is_ok() {
            return true;
        }
        // a pronoun or other sentence starter begins a new sentence (`?" He added that`);
        // an attribution after a quote starts with a name (`?" Smith asked`)
        if !word.as_bytes()[0].is_ascii_uppercase() || (n == 0 && word != "I" && is_starter(word)) {
            return false;
        }
        if b.get(p) != Some(&b' ') {
            return false;
        }
        p += 1;
    }
    false
}

/// Abbreviations that never end a sentence: titles and other prefixes. Sorted (ASCII).
const PREFIX: &[&str] = &[
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Drs", "Fr",
    "Ft", "Gen", "Gens", "Gov", "Govs", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mmes", "Mr", "Mrs",
    "Ms", "Msgr", "Mt", "Nos", "Pfc", "Pres", "Prof", "Profs", "Pvt", "Rep", "Reps", "Rev", "Revs",
    "Rt", "Sen", "Sens", "Sgt", "Spc", "Supt", "a.k.a", "approx", "cf", "e.g", "i.e", "viz", "vs",
];

/// Abbreviations that may end a sentence (split only before a sentence starter). Sorted
/// (ASCII). Initials and dotted acronyms (U.S., D.C.) are recognised by shape instead.
const AMBIGUOUS: &[&str] = &[
    "Ala", "Alta", "Apr", "Ariz", "Ark", "Art", "Assn", "Aug", "Ave", "Blvd", "Bros", "Calif",
    "Co", "Colo", "Conn", "Corp", "Cos", "Dec", "Del", "Dept", "Esq", "Feb", "Fig", "Fla", "Fri",
    "Ga", "Govt", "Hwy", "Ill", "Inc", "Ind", "Inst", "Intl", "Jan", "Jr", "Jul", "Jun", "Kan",
    "Kans", "Ky", "La", "Ltd", "Mar", "Mass", "Md", "Mich", "Minn", "Miss", "Mo", "Mon", "Mont",
    "Natl", "Neb", "Nev", "No", "Nov", "Oct", "Okla", "Ont", "Ore", "Pa", "Plc", "Que", "Rd",
    "Sask", "Sat", "Sep", "Sept", "Sq", "Sr", "St", "Sun", "Tenn", "Tex", "Thu", "Thur", "Thurs",
    "Tue", "Tues", "Univ", "Va", "Vol", "Vt", "Wash", "Wed", "Wis", "Wyo", "al", "est", "etc",
    "ft", "hr", "hrs", "lb", "lbs", "oz", "pp", "yr", "yrs",
];

/// Capitalised words that typically start a sentence: pronouns, determiners,
/// conjunctions, prepositions and discourse adverbs, plus courtesy titles. After an
/// ambiguous abbreviation they signal a boundary; proper nouns ("U.S. Army") do not.
/// Sorted (ASCII).
const STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Again",
    "Against",
    "All",
    "Already",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "Anyone",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "During",
    "Each",
    "Earlier",
    "Even",
    "Every",
    "Everybody",
    "Everyone",
    "Few",
    "Finally",
    "For",
    "From",
    "Had",
    "Has",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Indeed",
    "Instead",
    "Is",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Moreover",
    "Most",
    "Mr",
    "Mrs",
    "Ms",
    "My",
    "Neither",
    "Nevertheless",
    "Next",
    "Nobody",
    "None",
    "Nor",
    "Not",
    "Nothing",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Others",
    "Our",
    "Over",
    "Since",
    "So",
    "Some",
    "Somebody",
    "Someone",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Under",
    "Unlike",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yet",
    "You",
    "Your",
];

/// Nouns labelled by a single letter ("World War I", "Group C", "Plan B", "Serie A"): the
/// letter after them is not an initial. Sorted (ASCII).
const LABELLED_NOUNS: &[&str] = &[
    "Appendix", "Category", "Class", "Division", "Exhibit", "Grade", "Group", "Level", "Part",
    "Plan", "Point", "Pool", "Section", "Serie", "Type", "Vitamin", "War", "Zone",
];

/// Capitalised words that continue a time after "a.m."/"p.m.". Sorted (ASCII).
const CLOCK_FOLLOWERS: &[&str] = &[
    "AEST",
    "April",
    "August",
    "BST",
    "CDT",
    "CET",
    "CST",
    "CT",
    "Central",
    "December",
    "EDT",
    "EST",
    "ET",
    "Eastern",
    "February",
    "Friday",
    "GMT",
    "HKT",
    "IST",
    "JST",
    "January",
    "July",
    "June",
    "MDT",
    "MST",
    "MT",
    "March",
    "May",
    "Monday",
    "Mountain",
    "November",
    "October",
    "PDT",
    "PST",
    "PT",
    "Pacific",
    "Saturday",
    "September",
    "Sunday",
    "Thursday",
    "Tuesday",
    "UTC",
    "Wednesday",
];

/// Verbs of saying that make `"Why?" Smith asked` one sentence. Sorted (ASCII).
const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "answered",
    "argued",
    "asked",
    "asks",
    "complained",
    "conceded",
    "continued",
    "cried",
    "declared",
    "demanded",
    "exclaimed",
    "explained",
    "inquired",
    "insisted",
    "joked",
    "laughed",
    "noted",
    "observed",
    "pleaded",
    "protested",
    "recalled",
    "repeated",
    "replied",
    "replies",
    "responded",
    "retorted",
    "said",
    "says",
    "screamed",
    "shouted",
    "sighed",
    "snapped",
    "suggested",
    "tells",
    "told",
    "tweeted",
    "warned",
    "whispered",
    "wondered",
    "wrote",
    "yelled",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [
            PREFIX,
            AMBIGUOUS,
            STARTERS,
            LABELLED_NOUNS,
            CLOCK_FOLLOWERS,
            SPEECH_VERBS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{} >= {}", w[0], w[1]);
            }
        }
    }

    /// Hard cases for news text, written for this project: each input with the sentences
    /// it must split into.
    const CASES: &[(&str, &[&str])] = &[
        (
            "The talks resumed on Monday. Both sides said progress was slow.",
            &[
                "The talks resumed on Monday.",
                "Both sides said progress was slow.",
            ],
        ),
        (
            "The U.S. Senate passed the bill late Tuesday. It now goes to the House.",
            &[
                "The U.S. Senate passed the bill late Tuesday.",
                "It now goes to the House.",
            ],
        ),
        (
            "The company moved its headquarters to the U.S. The next day, its shares rose.",
            &[
                "The company moved its headquarters to the U.S.",
                "The next day, its shares rose.",
            ],
        ),
        (
            "Chen studied engineering in the U.S. He returned to Taipei in 2019.",
            &[
                "Chen studied engineering in the U.S.",
                "He returned to Taipei in 2019.",
            ],
        ),
        (
            "The U.S. President met the U.N. Secretary-General in New York.",
            &["The U.S. President met the U.N. Secretary-General in New York."],
        ),
        (
            "The U.K. and the U.N. agreed on a plan. Details were not released.",
            &[
                "The U.K. and the U.N. agreed on a plan.",
                "Details were not released.",
            ],
        ),
        (
            "Gen. Maria Ortiz met Sen. Paul Adler and Rep. Dana Li on Friday. Gov. Tom Hale did not attend.",
            &[
                "Gen. Maria Ortiz met Sen. Paul Adler and Rep. Dana Li on Friday.",
                "Gov. Tom Hale did not attend.",
            ],
        ),
        (
            "Lt. Col. Anne Brooks said the convoy left at dawn. No one was hurt.",
            &[
                "Lt. Col. Anne Brooks said the convoy left at dawn.",
                "No one was hurt.",
            ],
        ),
        (
            "Dr. Amir Haddad and Prof. Lena Vogt spoke after Mr. and Mrs. Okafor. Ms. Reyes thanked them.",
            &[
                "Dr. Amir Haddad and Prof. Lena Vogt spoke after Mr. and Mrs. Okafor.",
                "Ms. Reyes thanked them.",
            ],
        ),
        (
            "The vote is set for Jan. 15, with a recount by Feb. 2 if needed. Campaigns began in Sept. last year.",
            &[
                "The vote is set for Jan. 15, with a recount by Feb. 2 if needed.",
                "Campaigns began in Sept. last year.",
            ],
        ),
        (
            "Prices rose in Aug. and Oct. but fell in Nov. The December figures are due Dec. 12.",
            &[
                "Prices rose in Aug. and Oct. but fell in Nov.",
                "The December figures are due Dec. 12.",
            ],
        ),
        (
            "The march began at St. Paul's Cathedral. Police closed nearby streets.",
            &[
                "The march began at St. Paul's Cathedral.",
                "Police closed nearby streets.",
            ],
        ),
        (
            "He returned to No. 10 Downing Street on Thursday. Aides said he was tired.",
            &[
                "He returned to No. 10 Downing Street on Thursday.",
                "Aides said he was tired.",
            ],
        ),
        (
            "Shares of Orbital Inc. rose after Delta Corp. raised its offer. Analysts were surprised.",
            &[
                "Shares of Orbital Inc. rose after Delta Corp. raised its offer.",
                "Analysts were surprised.",
            ],
        ),
        (
            "The deal values the startup at $2 billion, according to Harbor Holdings Inc. The board approved it.",
            &[
                "The deal values the startup at $2 billion, according to Harbor Holdings Inc.",
                "The board approved it.",
            ],
        ),
        (
            "Kessler & Co. and Marlow Ltd. signed the contract in London.",
            &["Kessler & Co. and Marlow Ltd. signed the contract in London."],
        ),
        (
            "The prize is named for Martin Reed Jr. He founded the paper in 1952.",
            &[
                "The prize is named for Martin Reed Jr.",
                "He founded the paper in 1952.",
            ],
        ),
        (
            "The case, Ohio vs. Carter, returns to court next week.",
            &["The case, Ohio vs. Carter, returns to court next week."],
        ),
        (
            "The polls open at 7 a.m. Tuesday and close at 8 p.m. Results are expected by midnight.",
            &[
                "The polls open at 7 a.m. Tuesday and close at 8 p.m.",
                "Results are expected by midnight.",
            ],
        ),
        (
            "The launch is set for 9:30 a.m. ET on Friday, weather permitting.",
            &["The launch is set for 9:30 a.m. ET on Friday, weather permitting."],
        ),
        (
            "Several allies, e.g. France and Japan, objected to the plan.",
            &["Several allies, e.g. France and Japan, objected to the plan."],
        ),
        (
            "They seized rifles, radios, fuel, etc. The haul was the largest this year.",
            &[
                "They seized rifles, radios, fuel, etc.",
                "The haul was the largest this year.",
            ],
        ),
        (
            "John F. Kennedy Airport reopened after the storm. Flights resumed at noon.",
            &[
                "John F. Kennedy Airport reopened after the storm.",
                "Flights resumed at noon.",
            ],
        ),
        (
            "A new novel by J.K. Rowling tops the list this week. Her publisher is delighted.",
            &[
                "A new novel by J.K. Rowling tops the list this week.",
                "Her publisher is delighted.",
            ],
        ),
        (
            "The poet E. B. Harlan read at the festival. It was sold out.",
            &[
                "The poet E. B. Harlan read at the festival.",
                "It was sold out.",
            ],
        ),
        (
            "Inflation slowed to 3.5 percent in March. Economists had expected 3.7 percent.",
            &[
                "Inflation slowed to 3.5 percent in March.",
                "Economists had expected 3.7 percent.",
            ],
        ),
        (
            "The fund lost $1.2 billion last year. Its manager resigned.",
            &[
                "The fund lost $1.2 billion last year.",
                "Its manager resigned.",
            ],
        ),
        (
            "The law passed in 1998. 2001 brought stricter rules.",
            &["The law passed in 1998.", "2001 brought stricter rules."],
        ),
        (
            "He said the plan was ... under review and would be announced soon.",
            &["He said the plan was ... under review and would be announced soon."],
        ),
        (
            "The minister paused... Then he left the podium.",
            &["The minister paused...", "Then he left the podium."],
        ),
        (
            "We will wait and see… The decision is yours, she told reporters. The figures… were revised.",
            &[
                "We will wait and see…",
                "The decision is yours, she told reporters.",
                "The figures… were revised.",
            ],
        ),
        (
            "\"We are ready.\" The minister then left.",
            &["\"We are ready.\"", "The minister then left."],
        ),
        (
            "“We are ready.” The minister then left. (The vote was 51 to 49.) Both parties claimed victory.",
            &[
                "“We are ready.”",
                "The minister then left.",
                "(The vote was 51 to 49.)",
                "Both parties claimed victory.",
            ],
        ),
        (
            "She asked, 'Who pays for this?' Nobody answered.",
            &["She asked, 'Who pays for this?'", "Nobody answered."],
        ),
        (
            "\"Who will pay for this?\" Sen. Laura Kim asked on Tuesday. Nobody answered.",
            &[
                "\"Who will pay for this?\" Sen. Laura Kim asked on Tuesday.",
                "Nobody answered.",
            ],
        ),
        (
            "\"Is it safe?\" asked one resident. Officials did not respond!",
            &[
                "\"Is it safe?\" asked one resident.",
                "Officials did not respond!",
            ],
        ),
        (
            "Stop the war! Protesters chanted outside the embassy. Can you believe it?! The crowd roared.",
            &[
                "Stop the war!",
                "Protesters chanted outside the embassy.",
                "Can you believe it?!",
                "The crowd roared.",
            ],
        ),
        (
            "Markets tumble as talks stall\nStocks dropped sharply on Monday.",
            &[
                "Markets tumble as talks stall",
                "Stocks dropped sharply on Monday.",
            ],
        ),
        (
            "First paragraph ends here.\n\nSecond paragraph begins here\n\n\nand a third line",
            &[
                "First paragraph ends here.",
                "Second paragraph begins here",
                "and a third line",
            ],
        ),
        (
            "Key points:\n- Talks resume Monday\n• Iran agrees to inspections\n* Oil prices fall",
            &[
                "Key points:",
                "Talks resume Monday",
                "Iran agrees to inspections",
                "Oil prices fall",
            ],
        ),
        (
            "Today's briefing • Rates held • Pound slips",
            &["Today's briefing", "Rates held", "Pound slips"],
        ),
        (
            "WASHINGTON (Reuters) - The Senate voted 52-48 on Thursday. The bill now heads to the House.",
            &[
                "WASHINGTON (Reuters) - The Senate voted 52-48 on Thursday.",
                "The bill now heads to the House.",
            ],
        ),
        (
            "LONDON —\nThe Bank of England held rates steady on Thursday.",
            &["LONDON —\nThe Bank of England held rates steady on Thursday."],
        ),
        (
            "WASHINGTON, D.C. (AP) — Lawmakers returned on Monday. They face a deadline.",
            &[
                "WASHINGTON, D.C. (AP) — Lawmakers returned on Monday.",
                "They face a deadline.",
            ],
        ),
        (
            "Iran, U.S. resume talks in Oman\nMUSCAT, Oman (AP) — Negotiators met for five hours.",
            &[
                "Iran, U.S. resume talks in Oman",
                "MUSCAT, Oman (AP) — Negotiators met for five hours.",
            ],
        ),
        (
            "Output rose 3 pct. over the quarter, the agency said.",
            &["Output rose 3 pct. over the quarter, the agency said."],
        ),
        (
            "Zürich’s mayor spoke first. Çelik replied in Turkish. Prices in São Paulo rose 2%. Économistes were surprised.",
            &[
                "Zürich’s mayor spoke first.",
                "Çelik replied in Turkish.",
                "Prices in São Paulo rose 2%.",
                "Économistes were surprised.",
            ],
        ),
        (
            "1. Ceasefire holds in the north\n2. Aid trucks enter the city",
            &[
                "1. Ceasefire holds in the north",
                "2. Aid trucks enter the city",
            ],
        ),
        (
            "The resolution was drafted by the U.N. \"We expect a vote soon,\" an envoy said.",
            &[
                "The resolution was drafted by the U.N.",
                "\"We expect a vote soon,\" an envoy said.",
            ],
        ),
        (
            "\"Why now?\" she asked. \"Why not?\" Cole replied.",
            &["\"Why now?\" she asked.", "\"Why not?\" Cole replied."],
        ),
        (
            "The measure was backed by NATO. Russia objected. More at example.com. The site was down.",
            &[
                "The measure was backed by NATO.",
                "Russia objected.",
                "More at example.com.",
                "The site was down.",
            ],
        ),
        (
            "Ms. O'Neill said: \"It's over.\" Then she left. The rally ended at St. Louis Union Station.",
            &[
                "Ms. O'Neill said: \"It's over.\"",
                "Then she left.",
                "The rally ended at St. Louis Union Station.",
            ],
        ),
        (
            "‘Are we next?’ The question hung in the air.",
            &["‘Are we next?’", "The question hung in the air."],
        ),
        ("Line one.\r\nLine two.", &["Line one.", "Line two."]),
        (
            "He won't. She didn't. They did.",
            &["He won't.", "She didn't.", "They did."],
        ),
        (
            "The firm, now Apple Inc., and Sony Corp. of Japan settled. Both declined to comment.",
            &[
                "The firm, now Apple Inc., and Sony Corp. of Japan settled.",
                "Both declined to comment.",
            ],
        ),
        (
            "ST. LOUIS (AP) — A judge on Friday ordered the release of the records. The city plans to appeal.",
            &[
                "ST. LOUIS (AP) — A judge on Friday ordered the release of the records.",
                "The city plans to appeal.",
            ],
        ),
        (
            "The shop opens at 9 a.m. Moscow time. It closes late.",
            &["The shop opens at 9 a.m. Moscow time.", "It closes late."],
        ),
        (
            "The senator thanked Joe Biden Sr. and his son. The board approved a deal with AT&T. Verizon objected.",
            &[
                "The senator thanked Joe Biden Sr. and his son.",
                "The board approved a deal with AT&T.",
                "Verizon objected.",
            ],
        ),
        (
            "Spain topped Group C. Italy finished second. It was the deadliest battle of World War I. Historians still argue.",
            &[
                "Spain topped Group C.",
                "Italy finished second.",
                "It was the deadliest battle of World War I.",
                "Historians still argue.",
            ],
        ),
        (
            "There are three reasons. 1. Prices are high. 2. Wages are flat.",
            &[
                "There are three reasons.",
                "1. Prices are high.",
                "2. Wages are flat.",
            ],
        ),
        (
            "The vote was set for Dec. 29. The count took a week, and he finished No. 2. Critics were stunned.",
            &[
                "The vote was set for Dec. 29.",
                "The count took a week, and he finished No. 2.",
                "Critics were stunned.",
            ],
        ),
        (
            "Officials said the road was closed. -- Reporting by Ana Diaz in Quito.",
            &[
                "Officials said the road was closed.",
                "-- Reporting by Ana Diaz in Quito.",
            ],
        ),
        (
            "She spoke last. \"...I worried about the children,\" she said. \"... We had no choice.\"",
            &[
                "She spoke last.",
                "\"...I worried about the children,\" she said.",
                "\"... We had no choice.\"",
            ],
        ),
        (
            "\"Why should we pay?\" He added that the fund was empty. \"Where were you?\" I asked.",
            &[
                "\"Why should we pay?\"",
                "He added that the fund was empty.",
                "\"Where were you?\" I asked.",
            ],
        ),
        (
            "The plant is in Little Rock, Ark. Its owner was born in Fla. and moved away.",
            &[
                "The plant is in Little Rock, Ark.",
                "Its owner was born in Fla. and moved away.",
            ],
        ),
        (
            "He told PA. Officials denied it. She moved to LA. Traffic was worse in the Land of Oz. Dorothy left.",
            &[
                "He told PA.",
                "Officials denied it.",
                "She moved to LA.",
                "Traffic was worse in the Land of Oz.",
                "Dorothy left.",
            ],
        ),
        (
            "The rapper, a.k.a. \"Big Z,\" performed first. Walter E. \"Gene\" Crum won the seat.",
            &[
                "The rapper, a.k.a. \"Big Z,\" performed first.",
                "Walter E. \"Gene\" Crum won the seat.",
            ],
        ),
        ("?!...", &["?!..."]),
        ("   \n\n \t ", &[]),
        ("", &[]),
    ];

    #[test]
    fn hard_cases() {
        let mut failures = Vec::new();
        for (input, expected) in CASES {
            let got = sentences(input);
            if got != *expected {
                failures.push(format!(
                    "input:    {input:?}\nexpected: {expected:?}\ngot:      {got:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases failed:\n\n{}",
            failures.len(),
            CASES.len(),
            failures.join("\n\n")
        );
        assert!(CASES.len() >= 40);
    }

    /// Check the span contract: in bounds, on char boundaries, non-empty, trimmed, in
    /// order and non-overlapping.
    fn check_spans(text: &str) {
        let spans = split_sentences(text);
        let mut prev_end = 0;
        for s in &spans {
            assert!(
                s.start >= prev_end && s.start < s.end && s.end <= text.len(),
                "bad span {s:?} in {text:?}"
            );
            let piece = text
                .get(s.start..s.end)
                .unwrap_or_else(|| panic!("not on char boundaries: {s:?} in {text:?}"));
            assert_eq!(piece, piece.trim(), "untrimmed span {s:?} in {text:?}");
            prev_end = s.end;
        }
    }

    /// A small deterministic pseudo-random generator (xorshift64*), so the test needs no
    /// dependency and fails the same way every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
    }

    #[test]
    fn spans_are_valid_on_random_input() {
        const CHARS: &[char] = &[
            'a', 'b', 'T', 'U', 'S', 'p', 'm', ' ', ' ', ' ', '.', '.', '.', '?', '!', '\n', '\r',
            '\t', '"', '\'', '“', '”', '‘', '’', '…', '•', '-', '—', '(', ')', '1', '9', '$', 'é',
            'Ç', '中', '。', '！', '😀', '\u{a0}', '\u{2028}', '\u{2029}', '»', '*', 'é',
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut text = String::new();
        for _ in 0..5_000 {
            text.clear();
            let len = (rng.next() % 120) as usize;
            for _ in 0..len {
                text.push(CHARS[(rng.next() % CHARS.len() as u64) as usize]);
            }
            check_spans(&text);
        }
    }

    #[test]
    fn spans_are_valid_on_adversarial_input() {
        let cases = [
            ".",
            "..",
            "…",
            "?",
            "!",
            "\n",
            ". . .",
            "U.S.",
            "a.",
            " .",
            ". ",
            "é.",
            ".é",
            "…é",
            "é…",
            "中。",
            "。",
            "！？",
            "x.”",
            ".”",
            "”.",
            "•",
            " • ",
            "- ",
            "-\n-\n",
            "—\n",
            "1.",
            "\n1. \n",
            "Mr. ",
            "\u{2028}",
            "a.\u{a0}B",
            "a.\u{a0}\u{a0}",
            "?\"",
            "\"?\" A",
            "A.😀 B",
            "😀. 😀",
            "ab.\u{301} C",
        ];
        for c in cases {
            check_spans(c);
        }
        // large and degenerate inputs stay linear and valid
        check_spans(&". ".repeat(50_000));
        check_spans(&"\n".repeat(100_000));
        check_spans(&".".repeat(100_000));
        check_spans(&"a".repeat(100_000));
        check_spans(&format!("{}. The end.", "a".repeat(100_000)));
        check_spans(&"U.S. The ".repeat(20_000));
        check_spans(&"?\" Smith said ".repeat(20_000));
        check_spans(&"é…\u{2028}• ".repeat(20_000));
        check_spans(&"-\n".repeat(50_000));
    }
}
