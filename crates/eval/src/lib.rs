//! `newsdesk-eval`: metrics and readers for the public evaluation sets in `../shared/eval/`.

pub mod sentences;
