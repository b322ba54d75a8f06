//! Spans over the original text, in UTF-8 bytes (for Rust) and UTF-16 code units (for
//! JavaScript). Offsets are computed here and nowhere else, so the two never disagree.

use serde::Serialize;

/// A half-open range of the analysed text, in bytes and in UTF-16 code units.
///
/// `start..end` always lies on `char` boundaries of the text it was made from, and
/// `start_utf16..end_utf16` designates the same characters in a JavaScript string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

/// Converts byte offsets of one text into UTF-16 offsets.
///
/// Conversions must be asked in non-decreasing order of offset for the linear scan to be
/// cheap; earlier offsets are still answered, by rescanning from the start.
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    utf16: usize,
}

impl<'a> Utf16Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor { text, byte: 0, utf16: 0 }
    }

    /// UTF-16 offset of the byte offset `byte`, which must be a char boundary of the text
    /// (offsets inside a char are rounded down to its start).
    pub fn utf16_at(&mut self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte);
        if byte < self.byte {
            self.byte = 0;
            self.utf16 = 0;
        }
        self.utf16 += utf16_len(&self.text[self.byte..byte]);
        self.byte = byte;
        self.utf16
    }

    /// The span of bytes `start..end` with its UTF-16 offsets.
    pub fn span(&mut self, start: usize, end: usize) -> Span {
        let start_utf16 = self.utf16_at(start);
        let end_utf16 = self.utf16_at(end);
        Span {
            start: floor_char_boundary(self.text, start),
            end: floor_char_boundary(self.text, end),
            start_utf16,
            end_utf16,
        }
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
        let mut cursor = Utf16Cursor::new(text);
        assert_eq!(cursor.span(1, 5), Span { start: 1, end: 5, start_utf16: 1, end_utf16: 3 });
        assert_eq!(cursor.utf16_at(text.len()), 4);
        // asking again for an earlier offset rescans
        assert_eq!(cursor.utf16_at(1), 1);
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
