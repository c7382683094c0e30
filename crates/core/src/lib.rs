//! `newsdesk-core`: the data model and the text primitives every other crate shares.
//!
//! * [`model`]: `Article`, `Analysis`, `Story` and the facts inside them, each with
//!   [`model::Evidence`] pointing back at a byte span of the article's text.
//! * [`text`]: NFC normalisation, sentence segmentation tuned for news, word tokens,
//!   English Snowball stemming and stop words — all with byte spans, none allocating per
//!   token in the hot loops.
//! * [`date`]: publication dates normalised to ISO 8601.
//! * [`contract`]: the machine-readable JSON shapes that outside scripts rely on.
//!
//! This crate does no I/O.

pub mod contract;
pub mod date;
pub mod model;
pub mod text;

pub use model::*;
