//! Sentence segmentation for news text (placeholder: split on terminal punctuation
//! followed by whitespace and an uppercase letter, and on newlines).

use crate::model::Span;

/// Split `text` into sentence spans (trimmed of surrounding whitespace, never empty).
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let boundary = if c == b'\n' {
            Some(i + 1)
        } else if matches!(c, b'.' | b'!' | b'?') && i + 2 < b.len() && b[i + 1] == b' ' && b[i + 2].is_ascii_uppercase() {
            Some(i + 1)
        } else {
            None
        };
        if let Some(end) = boundary {
            push(text, start, end, &mut out);
            start = end;
        }
        i += 1;
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = super::trimmed_span(&text[start..end], start);
    if !s.is_empty() {
        out.push(s);
    }
}
