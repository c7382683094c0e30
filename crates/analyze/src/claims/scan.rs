//! Tokens and quotation marks: the two passes the claims stage reads the text with.
//!
//! Why our own small tokenizer: the claims rules need to know, per token, its case, whether
//! it is punctuation, and whether it sits inside a quotation, all as byte spans of the
//! article text; one linear pass builds that without allocating per token.

use newsdesk_core::Span;

/// A word or a punctuation mark of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    /// Bit set of the `T_*` flags.
    pub flags: u16,
    /// The quotation (index into the quote list) the token lies inside, or `u32::MAX`.
    pub quote: u32,
    /// The paragraph the token is in (paragraphs are separated by line breaks).
    pub para: u32,
}

/// A word (letters or digits, with inner apostrophes, hyphens and abbreviation dots).
pub const T_WORD: u16 = 1;
/// A word whose first letter is upper case.
pub const T_CAP: u16 = 2;
/// A word of two or more letters, all upper case.
pub const T_ALLCAPS: u16 = 4;
/// An opening quotation mark.
pub const T_QOPEN: u16 = 8;
/// A closing quotation mark.
pub const T_QCLOSE: u16 = 16;
/// Sentence-final punctuation: `.`, `!`, `?`.
pub const T_END: u16 = 32;

impl Tok {
    /// Whether the flag is set.
    pub fn is(&self, f: u16) -> bool {
        self.flags & f != 0
    }

    /// The byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// Whether the token is inside a quotation.
    pub fn quoted(&self) -> bool {
        self.quote != u32::MAX
    }
}

/// A quotation: from its opening mark to just after its closing mark (or to the end of
/// the paragraph where an unbalanced quotation was given up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the closing mark (or of the paragraph end when unclosed).
    pub close: usize,
    /// The text between the marks.
    pub inner: Span,
    /// Whether a closing mark was found.
    pub closed: bool,
}

impl Quote {
    /// The number of words inside (counted on demand: few quotations are asked).
    pub fn words(&self, text: &str) -> usize {
        self.inner
            .slice(text)
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }
}

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || "([{—–-/:,;".contains(p),
    }
}

/// Find the quotations of `text`: straight and curly double quotes (and curly single
/// quotes outside double ones), quotations continued over paragraphs (a paragraph that
/// leaves a quotation open and a next one that opens with a quotation mark), and
/// unbalanced marks given up at the paragraph's end so that the rest of the text is read
/// as usual.
pub fn quotes(text: &str) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut open: Option<usize> = None;
    // a single-quoted quotation, only when no double one is open
    let mut open_single: Option<usize> = None;
    let mut para_start = 0usize;
    let bytes = text.as_bytes();
    let push = |out: &mut Vec<Quote>, o: usize, close: usize, inner_end: usize, closed: bool| {
        let mark_len = text[o..].chars().next().map_or(1, char::len_utf8);
        let inner = Span::new((o + mark_len).min(inner_end), inner_end);
        if !inner.is_empty() {
            out.push(Quote {
                open: o,
                close,
                inner,
                closed,
            });
        }
    };
    let mut prev: Option<char> = None;
    let mut at_para_start = true;
    let mut pos = 0usize;
    while pos < bytes.len() {
        // only marks and line breaks change the state: other ASCII goes by fast
        let b = bytes[pos];
        if b < 0x80 && !matches!(b, b'"' | b'\'' | b'\n') {
            let c = char::from(b);
            if !c.is_whitespace() {
                at_para_start = false;
            }
            prev = Some(c);
            pos += 1;
            continue;
        }
        let Some(c) = text.get(pos..).and_then(|t| t.chars().next()) else {
            break;
        };
        let i = pos;
        pos += c.len_utf8();
        let next = text.get(pos..).and_then(|t| t.chars().next());
        if c == '\n' {
            if let Some(o) = open_single.take() {
                push(&mut out, o, i, trim_end(text, o, i), false);
            }
            // paragraph end: an open quotation continues only if the next paragraph
            // opens with a quotation mark
            if let Some(o) = open {
                let rest = &text[i..];
                let first = rest.trim_start().chars().next();
                let continues = matches!(first, Some('"' | '“'))
                    && rest.trim_start_matches(char::is_whitespace).len() < rest.len();
                if !continues {
                    push(&mut out, o, i, trim_end(text, o, i), false);
                    open = None;
                }
            }
            para_start = i + 1;
            at_para_start = true;
            prev = Some(c);
            continue;
        }
        let _ = para_start;
        let first_of_para = at_para_start && !c.is_whitespace();
        if !c.is_whitespace() {
            at_para_start = false;
        }
        match c {
            '“' | '"' => {
                let opening =
                    c == '“' || (is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()));
                match open {
                    Some(_) if first_of_para && opening => {
                        // a continued quotation: this mark reopens it
                    }
                    Some(o) if opening && c == '“' => {
                        push(&mut out, o, i, trim_end(text, o, i), false);
                        open = Some(i);
                    }
                    Some(o) if opening && c == '"' && prev.is_some_and(char::is_whitespace) => {
                        // "a" b "c": a straight mark after a space while open is ambiguous;
                        // a closing one is followed by a space or punctuation
                        if next.is_some_and(char::is_alphanumeric) {
                            push(&mut out, o, i, trim_end(text, o, i), false);
                            open = Some(i);
                        } else {
                            push(&mut out, o, i + 1, i, true);
                            open = None;
                        }
                    }
                    Some(o) => {
                        push(&mut out, o, i + c.len_utf8(), i, true);
                        open = None;
                    }
                    None if opening => {
                        if let Some(s) = open_single.take() {
                            push(&mut out, s, i, trim_end(text, s, i), false);
                        }
                        open = Some(i);
                    }
                    None => {}
                }
            }
            '”' => {
                if let Some(o) = open.take() {
                    push(&mut out, o, i + c.len_utf8(), i, true);
                } else if is_open_context(prev) && next.is_some_and(char::is_alphanumeric) {
                    // a closing mark typed where an opening one belongs (”Fear. …”)
                    if let Some(s) = open_single.take() {
                        push(&mut out, s, i, trim_end(text, s, i), false);
                    }
                    open = Some(i);
                }
            }
            '‘' if open.is_none()
                && open_single.is_none()
                && is_open_context(prev)
                && next.is_some_and(char::is_alphanumeric) =>
            {
                open_single = Some(i);
            }
            '’' | '\'' if open.is_none() => {
                if let Some(s) = open_single {
                    let closes = !next.is_some_and(char::is_alphanumeric)
                        && prev.is_some_and(|p| !p.is_whitespace());
                    if closes {
                        push(&mut out, s, i + c.len_utf8(), i, true);
                        open_single = None;
                    }
                } else if c == '\''
                    && matches!(prev, Some(' ') | None)
                    && next.is_some_and(char::is_uppercase)
                {
                    open_single = Some(i);
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    let end = bytes.len();
    if let Some(o) = open_single.take() {
        push(&mut out, o, end, trim_end(text, o, end), false);
    }
    if let Some(o) = open {
        push(&mut out, o, end, trim_end(text, o, end), false);
    }
    out.sort_by_key(|q| q.open);
    out
}

/// Whether the text at `at` (just after "X.") goes on as a name does after an initial: one
/// space and a capitalised word.
fn initial_before(text: &str, at: usize) -> bool {
    let mut rest = text.get(at..).unwrap_or("").chars();
    rest.next() == Some(' ') && rest.next().is_some_and(char::is_uppercase)
}

/// `end` moved back over trailing whitespace, not before `start`.
fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let s = text.get(start..end).unwrap_or("");
    start + s.trim_end().len()
}

/// Titles abbreviated with a dot, which is then no sentence end.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Rep", "Sen", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "Maj",
    "Cpl", "Pres", "Prof", "Rev", "St", "Sr", "Jr", "Amb", "Supt", "Cmdr",
];

/// Tokenise `text`, marking the tokens inside each of `quotes` and the paragraphs.
pub fn tokenize(text: &str, quotes: &[Quote], out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let char_at = |p: usize| text.get(p..).and_then(|t| t.chars().next());
    let mut para = 0u32;
    let mut q = 0usize;
    let mut pos = 0usize;
    while pos < bytes.len() {
        if bytes[pos] == b'\n' {
            para += 1;
            pos += 1;
            continue;
        }
        let Some(c) = char_at(pos) else { break };
        let i = pos;
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let (start, end, flags) = if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut caps = u32::from(c.is_uppercase());
            let mut letters = u32::from(c.is_alphabetic());
            let mut last = c;
            loop {
                // ASCII letters and digits go by fast
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    let nb = bytes[end];
                    caps += u32::from(nb.is_ascii_uppercase());
                    letters += u32::from(nb.is_ascii_alphabetic());
                    last = char::from(nb);
                    end += 1;
                }
                let Some(d) = char_at(end) else { break };
                let j = end;
                if d.is_alphanumeric() {
                    caps += u32::from(d.is_uppercase());
                    letters += u32::from(d.is_alphabetic());
                } else if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                    // inner only: followed by a letter or digit
                    let after = char_at(j + d.len_utf8());
                    if d == '.' && TITLE_ABBREVIATIONS.contains(&&text[i..j]) {
                        // "Rep.", "Gen.": the dot belongs to the title
                        end = j + 1;
                        break;
                    }
                    if d == '.'
                        && j == i + c.len_utf8()
                        && c.is_uppercase()
                        && initial_before(text, j + 1)
                    {
                        // "Elijah E. Cummings": a middle initial, no sentence end
                        end = j + 1;
                        break;
                    }
                    if !after.is_some_and(char::is_alphanumeric) {
                        // "U.S." keeps its last dot when it follows a single capital
                        if d == '.' && last.is_uppercase() && text[i..j].contains('.') {
                            end = j + 1;
                        }
                        break;
                    }
                } else {
                    break;
                }
                last = d;
                end = j + d.len_utf8();
            }
            let mut f = T_WORD;
            if c.is_uppercase() {
                f |= T_CAP;
            }
            if letters >= 2 && caps == letters {
                f |= T_ALLCAPS;
            }
            (i, end, f)
        } else {
            let mut f = 0u16;
            if matches!(c, '.' | '!' | '?') {
                f |= T_END;
            }
            (i, i + c.len_utf8(), f)
        };
        pos = end;
        while q < quotes.len() && quotes[q].close <= start {
            q += 1;
        }
        let mut flags = flags;
        let mut quote = u32::MAX;
        if let Some(qt) = quotes.get(q).filter(|qt| qt.closed) {
            // an unbalanced quotation reads as plain text (its words may hold the cue)
            if start == qt.open {
                flags |= T_QOPEN;
            } else if qt.closed && end == qt.close {
                flags |= T_QCLOSE;
            } else if start > qt.open && end <= qt.close {
                quote = q as u32;
            }
        }
        out.push(Tok {
            start: start as u32,
            end: end as u32,
            flags,
            quote,
            para,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        quotes(text).iter().map(|q| q.inner.slice(text)).collect()
    }

    #[test]
    fn straight_curly_and_nested() {
        assert_eq!(inner("He said \"no deal,\" then left."), vec!["no deal,"]);
        assert_eq!(
            inner("“He told me ‘never’,” she said."),
            vec!["He told me ‘never’,"]
        );
    }

    #[test]
    fn multi_paragraph_and_unbalanced() {
        let t = "“First part.\n\n“Second part,” he said.\n\nShe said “oops.\n\nThe rest “is fine.”";
        let q = inner(t);
        assert_eq!(q[0], "First part.\n\n“Second part,");
        assert_eq!(q[1], "oops.");
        assert_eq!(q[2], "is fine.");
    }

    #[test]
    fn single_quotes_in_headlines() {
        assert_eq!(
            inner("Araghchi: 'There is no agreement'"),
            vec!["There is no agreement"]
        );
        assert_eq!(inner("Iran’s leaders’ view"), Vec::<&str>::new());
    }

    #[test]
    fn tokens_flags() {
        let t = "“No,” said the U.S. envoy.";
        let q = quotes(t);
        let mut toks = Vec::new();
        tokenize(t, &q, &mut toks);
        let words: Vec<&str> = toks
            .iter()
            .map(|k| &t[k.start as usize..k.end as usize])
            .collect();
        assert_eq!(
            words,
            vec!["“", "No", ",", "”", "said", "the", "U.S.", "envoy", "."]
        );
        assert!(toks[0].is(T_QOPEN));
        assert!(toks[1].quoted());
        assert!(toks[3].is(T_QCLOSE));
        assert!(toks[6].is(T_CAP));
    }
}
