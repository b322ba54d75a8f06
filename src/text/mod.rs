//! Text primitives shared by every analysis: spans that carry both byte and UTF-16 offsets,
//! NFC normalisation with a map back to the original text, and emoji-sequence matching.

pub mod emoji;
pub mod normalize;
pub mod span;
pub mod tokenize;
