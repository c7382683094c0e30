//! The recogniser's tokens: words (with the joins names need: "U.S.", "al-Assad",
//! "O'Neill", "AT&T"), possessive markers and single punctuation marks, each with flags
//! for case and position. One pass over the bytes, one vector per article, nothing
//! allocated per token.

use newsdesk_core::Span;

/// A word: starts with a letter or digit.
pub const WORD: u16 = 1;
/// First character is an upper-case letter.
pub const CAP: u16 = 2;
/// Every letter is upper case (and there is at least one).
pub const UPPER: u16 = 4;
/// First character is a lower-case letter.
pub const LOWER: u16 = 8;
/// First character is a digit.
pub const DIGIT: u16 = 16;
/// A possessive marker: `'s`, `’s`, or a lone `'` after a plural.
pub const POSS: u16 = 32;
/// The first word of a sentence, or the first after an opening quote: its capital letter
/// says nothing about it being a name.
pub const SENT_START: u16 = 64;
/// Inside a sentence written in capitals (a headline, a dateline): case says nothing.
pub const CAPS: u16 = 128;
/// Ends with a period that belongs to it ("U.S.", "Mr.", "J.").
pub const ABBR: u16 = 256;
/// An opening quotation mark or bracket.
pub const OPEN: u16 = 512;
/// A run of letters and digits only (no joiners).
pub const PLAIN: u16 = 1024;

/// One token: a byte span, flags and the index of its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset after the last byte.
    pub end: u32,
    /// The flags above (`WORD`, `CAP`...).
    pub flags: u16,
    /// Index of the sentence it is in.
    pub sent: u32,
}

impl Tok {
    /// Whether all of `f` are set.
    #[inline]
    pub fn is(&self, f: u16) -> bool {
        self.flags & f == f
    }

    /// The token's text.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// The token's byte span.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// Abbreviations whose final period is part of the word.
const ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co", "ltd", "gen", "sen", "rep",
    "gov", "lt", "col", "capt", "sgt", "prof", "rev", "mt", "ft", "adm", "cmdr", "maj", "brig",
    "supt", "messrs", "vs", "bros", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov",
    "dec", "mme", "pres", "gens", "reps", "sens", "cpl", "pvt", "no",
];

fn is_abbrev(word: &str) -> bool {
    word.len() <= 6 && ABBREVS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Tokenise `text`. `sentences` (sorted, non-overlapping spans) give each token its
/// sentence index and the sentence-start and all-caps flags.
pub fn tokenize(text: &str, sentences: &[Span], out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0usize;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let Some(ch) = char_at(text, i) else {
            i += 1;
            continue;
        };
        if ch.is_whitespace() {
            i += ch.len_utf8();
            continue;
        }
        if ch.is_alphanumeric() {
            i = word(text, i, out);
            continue;
        }
        // `'s` possessive, attached or (as in CoNLL) spaced
        if (ch == '\'' || ch == '’') && is_possessive(text, i + ch.len_utf8()) {
            let end = i + ch.len_utf8() + 1;
            push(out, i, end, POSS);
            i = end;
            continue;
        }
        let mut flags = 0;
        if matches!(ch, '"' | '“' | '‘' | '(' | '[' | '«') {
            flags |= OPEN;
        }
        if (ch == '\'' || ch == '’')
            && out
                .last()
                .is_some_and(|t| t.end as usize == i && t.is(WORD) && text[..i].ends_with('s'))
            && !char_at(text, i + 1).is_some_and(char::is_alphanumeric)
        {
            flags |= POSS; // lawmakers' votes
        }
        push(out, i, i + ch.len_utf8(), flags);
        i += ch.len_utf8();
    }
    mark_sentences(text, sentences, out);
}

/// `s` at `i` followed by a non-alphanumeric character (or the end).
fn is_possessive(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    matches!(b.get(i), Some(b's') | Some(b'S'))
        && !char_at(text, i + 1).is_some_and(char::is_alphanumeric)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn push(out: &mut Vec<Tok>, start: usize, end: usize, flags: u16) {
    out.push(Tok {
        start: start as u32,
        end: end as u32,
        flags,
        sent: 0,
    });
}

/// Scan one word from `start`; returns where scanning resumes.
fn word(text: &str, start: usize, out: &mut Vec<Tok>) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    let mut plain = true;
    let mut has_dot = false;
    let mut upper = 0usize;
    let mut lower = 0usize;
    let first = char_at(text, start).unwrap_or(' ');
    loop {
        // ASCII letters and digits, the common case, without decoding a char
        if let Some(&a) = b.get(i)
            && a.is_ascii_alphanumeric()
        {
            if a.is_ascii_uppercase() {
                upper += 1;
            } else if a.is_ascii_lowercase() {
                lower += 1;
            }
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        if c.is_alphanumeric() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
            i += c.len_utf8();
            continue;
        }
        // joiners: only between alphanumerics, and not a possessive 's
        let joiner = matches!(c, '-' | '.' | '\'' | '’' | '&' | '‑');
        if joiner && char_at(text, i + c.len_utf8()).is_some_and(char::is_alphanumeric) {
            if (c == '\'' || c == '’') && is_possessive(text, i + c.len_utf8()) {
                break;
            }
            has_dot |= c == '.';
            plain = false;
            i += c.len_utf8();
            continue;
        }
        break;
    }
    let mut flags = WORD;
    if plain {
        flags |= PLAIN;
    }
    // a final period that belongs to the word
    if b.get(i) == Some(&b'.') {
        let w = &text[start..i];
        let single_letter = w.chars().count() == 1 && first.is_alphabetic();
        if has_dot || single_letter || is_abbrev(w) {
            i += 1;
            flags |= ABBR;
        }
    }
    if first.is_uppercase() {
        flags |= CAP;
    } else if first.is_lowercase() {
        flags |= LOWER;
    } else if first.is_numeric() {
        flags |= DIGIT;
    }
    if upper > 0 && lower == 0 {
        flags |= UPPER;
    }
    push(out, start, i, flags);
    i
}

/// Set sentence indexes, `SENT_START` and `CAPS`.
fn mark_sentences(text: &str, sentences: &[Span], toks: &mut [Tok]) {
    let mut s = 0usize;
    let mut first_word = true;
    let mut after_open = false;
    let mut sent_begin = 0usize;
    for t in 0..toks.len() {
        let start = toks[t].start as usize;
        let mut changed = t == 0;
        while s + 1 < sentences.len() && sentences[s + 1].start <= start {
            s += 1;
            changed = true;
        }
        if changed {
            if t > 0 {
                mark_caps(text, &mut toks[sent_begin..t]);
            }
            sent_begin = t;
            first_word = true;
            after_open = false;
        }
        toks[t].sent = s as u32;
        if toks[t].is(WORD) {
            if first_word || after_open {
                toks[t].flags |= SENT_START;
            }
            first_word = false;
            after_open = false;
        } else if toks[t].is(OPEN) || is_dash(toks[t].text(text)) {
            after_open = first_word || after_open || toks[t].text(text) != "(";
        }
    }
    let n = toks.len();
    if n > 0 {
        mark_caps(text, &mut toks[sent_begin..n]);
    }
}

fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "–" | "—" | ":" | "•")
}

/// Flag a sentence's tokens `CAPS` when at least three quarters of its words of two or more
/// letters are written in capitals.
fn mark_caps(text: &str, toks: &mut [Tok]) {
    let mut words = 0usize;
    let mut caps = 0usize;
    for t in toks.iter() {
        if t.is(WORD)
            && !t.is(DIGIT)
            && t.text(text)
                .chars()
                .filter(|c| c.is_alphabetic())
                .nth(1)
                .is_some()
        {
            words += 1;
            if t.is(UPPER) {
                caps += 1;
            }
        }
    }
    if words > 0 && caps * 4 >= words * 3 && (words >= 2 || caps == words) {
        for t in toks.iter_mut() {
            t.flags |= CAPS;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsdesk_core::text::split_sentences;

    fn toks(text: &str) -> Vec<(String, u16)> {
        let mut out = Vec::new();
        tokenize(text, &split_sentences(text), &mut out);
        out.iter()
            .map(|t| (t.text(text).to_string(), t.flags))
            .collect()
    }

    #[test]
    fn words_keep_name_joins_and_split_possessives() {
        let t = toks("Iran's U.S.-led talks with al-Assad, O'Neill and AT&T. Mr. Smith");
        let words: Vec<&str> = t.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "Iran", "'s", "U.S.", "-", "led", "talks", "with", "al-Assad", ",", "O'Neill",
                "and", "AT&T", ".", "Mr.", "Smith"
            ]
        );
        assert!(t[1].1 & POSS != 0);
        assert!(t[0].1 & SENT_START != 0);
        assert_eq!(t[2].1 & (CAP | UPPER | ABBR), CAP | UPPER | ABBR);
        assert!(t[9].1 & CAP != 0 && t[9].1 & UPPER == 0 && t[9].1 & PLAIN == 0);
        assert!(t[13].1 & (SENT_START | ABBR) == SENT_START | ABBR);
        // CoNLL spacing
        let t = toks("Iran 's minister");
        assert!(t[1].1 & POSS != 0);
    }

    #[test]
    fn caps_sentences_are_flagged() {
        let t = toks("SOCCER - JAPAN GET LUCKY WIN.\nJapan won on Friday.");
        assert!(t.iter().take(6).all(|(_, f)| f & CAPS != 0));
        assert!(t.iter().skip(7).all(|(_, f)| f & CAPS == 0));
        assert!(t[2].1 & SENT_START != 0, "after a dash");
    }
}
