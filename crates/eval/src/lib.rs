//! `newsdesk-eval`: metrics and readers for the public evaluation sets in `../shared/eval/`.

pub mod events;
pub mod html;
pub mod keypoints;
pub mod ner;
pub mod quotes;
pub mod rouge;
pub mod sentences;
