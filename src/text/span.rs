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

impl Span {
    /// Writes the span's fields into the object of what it locates (an explanation, an
    /// overflow's characters), as `#[serde(flatten)]` would, without serde's flattening,
    /// which goes through a map with its keys as strings to escape.
    pub(crate) fn serialize_fields<S: serde::ser::SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("start_utf16", &self.start_utf16)?;
        s.serialize_field("end_utf16", &self.end_utf16)
    }

    /// The same span in a text that has `bytes` bytes (`utf16` UTF-16 units) before it.
    pub fn shifted(self, bytes: usize, utf16: usize) -> Span {
        Span {
            start: self.start + bytes,
            end: self.end + bytes,
            start_utf16: self.start_utf16 + utf16,
            end_utf16: self.end_utf16 + utf16,
        }
    }
}

/// Converts any byte offset of one text into its UTF-16 offset in near-constant time, in
/// any order: the UTF-16 units of the characters starting before every 64th byte (`STEP`)
/// are stored, and the bytes after a checkpoint are counted (see `utf16_units`). In ASCII
/// text a byte offset is its UTF-16 offset, and nothing is stored; nor in a text of one step
/// or less, nor before the first offset is asked for (a length report may need none).
pub struct Utf16Index<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: std::cell::OnceCell<Vec<usize>>,
    /// The UTF-16 length of the text, where every overflow of a length report ends.
    len_utf16: std::cell::OnceCell<usize>,
}

impl<'a> Utf16Index<'a> {
    const STEP: usize = 64;

    pub fn new(text: &'a str) -> Self {
        let (checkpoints, len_utf16) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
        Utf16Index { text, ascii: text.is_ascii(), checkpoints, len_utf16 }
    }

    /// UTF-16 units before every `STEP`th byte.
    fn checkpoints(&self) -> &[usize] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::with_capacity(self.text.len() / Self::STEP + 1);
            let mut units = 0;
            checkpoints.push(units);
            for chunk in self.text.as_bytes().chunks(Self::STEP) {
                units += utf16_units(chunk);
                checkpoints.push(units);
            }
            checkpoints
        })
    }

    /// UTF-16 offset of byte offset `byte` (rounded down to a char boundary).
    pub fn utf16_at(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.text.len());
        }
        if byte >= self.text.len() {
            return *self.len_utf16.get_or_init(|| utf16_len(self.text));
        }
        let byte = floor_char_boundary(self.text, byte);
        if byte <= Self::STEP {
            return utf16_units(&self.text.as_bytes()[..byte]);
        }
        let slot = byte / Self::STEP;
        let base = self.checkpoints().get(slot).copied().unwrap_or(0);
        base + utf16_units(self.text.as_bytes().get(slot * Self::STEP..byte).unwrap_or_default())
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start, end) = (floor_char_boundary(self.text, start), floor_char_boundary(self.text, end));
        Span { start, end, start_utf16: self.utf16_at(start), end_utf16: self.utf16_at(end) }
    }
}

/// Number of UTF-16 code units of `s`.
pub fn utf16_len(s: &str) -> usize {
    utf16_units(s.as_bytes())
}

/// UTF-16 units of the characters that start in `bytes` (UTF-8): one for each byte that is
/// not a continuation byte, and one more for each lead byte of a 4-byte sequence (a
/// surrogate pair). Counted byte by byte, without decoding, in byte-wide counters (at most 2
/// a byte, so a block of 127 cannot overflow one), so the loop vectorizes.
fn utf16_units(bytes: &[u8]) -> usize {
    let block = |block: &[u8]| block.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40) + u8::from(b >= 0xF0));
    bytes.chunks(127).map(|b| usize::from(block(b))).sum()
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
        for text in ["é😀a".repeat(40), "ascii only, ".repeat(20)] {
            let index = Utf16Index::new(&text);
            for byte in (0..=text.len() + 2).rev() {
                let expected = text[..floor_char_boundary(&text, byte)].encode_utf16().count();
                assert_eq!(index.utf16_at(byte), expected, "byte {byte}");
            }
        }
        assert_eq!(Utf16Index::new("").utf16_at(3), 0);
    }

    #[test]
    fn utf16_length_counts_without_decoding() {
        for text in ["", "abc", "é", "€", "😀", "a😀é€\u{10FFFF}\u{FFFF}\u{7F}\u{80}\u{7FF}\u{800}"] {
            assert_eq!(utf16_len(text), text.encode_utf16().count(), "{text:?}");
        }
        // longer than a counting block, surrogate pairs everywhere
        for text in ["😀".repeat(100), "a😀é€".repeat(50), "𝕏".repeat(32)] {
            assert_eq!(utf16_len(&text), text.encode_utf16().count(), "{text:?}");
        }
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
