//! The first stage: sentence spans and the word count.

use crate::{Doc, Stage};
use newsdesk_core::Analysis;
use newsdesk_core::text::{split_sentences, word_count};

/// Splits the text into sentences (see [`newsdesk_core::text::split_sentences`]) and
/// counts its words. Every later stage indexes its evidence by these sentences.
pub struct Sentences;

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }

    fn run(&self, doc: &Doc<'_>, out: &mut Analysis) {
        out.sentences = split_sentences(doc.text());
        out.word_count = word_count(doc.text());
    }
}
