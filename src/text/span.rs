//! Spans over the original text, in UTF-8 bytes (for Rust) and UTF-16 code units (for
//! JavaScript). Offsets are computed here and nowhere else, so the two never disagree.

use serde::Serialize;

/// A half-open range of the analysed text, in bytes and in UTF-16 code units.
///
/// `start..end` always lies on `char` boundaries of the text it was made from, and
/// `start_utf16..end_utf16` designates the same characters in a JavaScript string.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

/// Converts any byte offset of one text into its UTF-16 offset in near-constant time, in
/// any order: UTF-16 offsets are stored every 64 bytes (`STEP`).
pub struct Utf16Index<'a> {
    text: &'a str,
    checkpoints: Vec<usize>,
}

impl<'a> Utf16Index<'a> {
    const STEP: usize = 64;

    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut units = 0;
        let mut next = 0;
        for (byte, c) in text.char_indices() {
            while byte >= next {
                // the checkpoint for `next` is taken at the first char starting at or after it
                checkpoints.push(units);
                next += Self::STEP;
            }
            units += c.len_utf16();
        }
        Utf16Index { text, checkpoints }
    }

    /// UTF-16 offset of byte offset `byte` (rounded down to a char boundary).
    pub fn utf16_at(&self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte);
        let slot = byte / Self::STEP;
        let Some(&base_units) = self.checkpoints.get(slot) else {
            return utf16_len(self.text);
        };
        // the checkpoint stands for the first char boundary at or after slot * STEP
        let base = (slot * Self::STEP..=byte).find(|&b| self.text.is_char_boundary(b)).unwrap_or(byte);
        base_units + utf16_len(&self.text[base..byte])
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start, end) = (floor_char_boundary(self.text, start), floor_char_boundary(self.text, end));
        Span { start, end, start_utf16: self.utf16_at(start), end_utf16: self.utf16_at(end) }
    }
}

/// Number of UTF-16 code units of `s`.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The largest char boundary of `text` that is `<= byte` (clamped to the text length).
pub fn floor_char_boundary(text: &str, byte: usize) -> usize {
    if byte >= text.len() {
        return text.len();
    }
    let mut b = byte;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// Byte offset of the UTF-16 offset `utf16` in `text`, rounded down to a char boundary
/// (an offset between the two halves of a surrogate pair designates the pair's start).
pub fn byte_at_utf16(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        let next = units + c.len_utf16();
        if next > utf16 {
            return byte;
        }
        units = next;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_surrogate_pairs_twice() {
        let text = "a😀é";
        let index = Utf16Index::new(text);
        assert_eq!(index.span(1, 5), Span { start: 1, end: 5, start_utf16: 1, end_utf16: 3 });
        assert_eq!(index.utf16_at(text.len()), 4);
        assert_eq!(index.utf16_at(1), 1);
    }

    #[test]
    fn index_answers_any_order() {
        let text = "é😀a".repeat(40);
        let index = Utf16Index::new(&text);
        for byte in (0..=text.len()).rev() {
            assert_eq!(index.utf16_at(byte), utf16_len(&text[..floor_char_boundary(&text, byte)]), "byte {byte}");
        }
        assert_eq!(Utf16Index::new("").utf16_at(3), 0);
    }

    #[test]
    fn byte_and_utf16_offsets_round_trip() {
        let text = "x😀y";
        assert_eq!(byte_at_utf16(text, 1), 1);
        assert_eq!(byte_at_utf16(text, 2), 1, "inside the pair rounds down");
        assert_eq!(byte_at_utf16(text, 3), 5);
        assert_eq!(byte_at_utf16(text, 99), text.len());
        assert_eq!(floor_char_boundary(text, 3), 1);
    }
}
