//! Text primitives shared by every analysis: spans that carry both byte and UTF-16 offsets,
//! NFC normalisation with a map back to the original text, plain characters (segmentation and
//! normalisation have work to do only around the others), emoji-sequence matching, and the
//! placeholders and markup of copy (`%(name)s`, `{{firstName}}`, `<strong>`), which are no words,
//! and the names of characters a reader cannot see, for quoting text in messages.

pub mod emoji;
pub mod invisible;
pub mod normalize;
pub mod placeholders;
pub mod plain;
pub mod similar;
pub mod span;
pub mod tokenize;
