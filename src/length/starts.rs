//! The byte offsets where the grapheme clusters of a text start, as one bit per byte: a
//! quarter of a byte per byte of text, where a list of offsets took eight bytes per cluster
//! (80 MB for a 10 MB message).

use unicode_segmentation::UnicodeSegmentation;

use crate::text::plain::complex_regions;

/// A set of byte offsets of one text, in order.
#[derive(Debug, Clone, Default)]
pub struct Starts {
    /// Bit `i % 64` of word `i / 64` is set when a cluster starts at byte `i`.
    bits: Vec<u64>,
    /// The number of starts before each word: cluster `k` is found by a search over these,
    /// then among the bits of one word.
    before: Vec<usize>,
    len: usize,
}

impl Starts {
    /// The starts `offsets` (increasing) of a text of `bytes` bytes.
    #[cfg(test)]
    pub fn new(offsets: impl Iterator<Item = usize>, bytes: usize) -> Starts {
        let mut bits = vec![0u64; bytes.div_ceil(64)];
        for at in offsets {
            bits[at / 64] |= 1 << (at % 64);
        }
        Starts::counted(bits)
    }

    /// The cluster starts of `text`: every character outside its complex regions (see
    /// [`crate::text::plain`]), and those UAX #29 finds in each region (a small part of most
    /// texts: UAX #29 costs some 20 ns a character).
    pub fn of(text: &str) -> Starts {
        // the bytes that start a character (no continuation byte 0b10xx_xxxx), 64 at a time
        let mut bits: Vec<u64> = text
            .as_bytes()
            .chunks(64)
            .map(|chunk| chunk.iter().rev().fold(0, |word, &b| word << 1 | u64::from((b as i8) >= -0x40)))
            .collect();
        for region in complex_regions(text) {
            for at in region.clone() {
                bits[at / 64] &= !(1 << (at % 64));
            }
            for (offset, _) in text[region.clone()].grapheme_indices(true) {
                let at = region.start + offset;
                bits[at / 64] |= 1 << (at % 64);
            }
        }
        Starts::counted(bits)
    }

    /// The set of `bits`, with the counts that find its members.
    fn counted(bits: Vec<u64>) -> Starts {
        let mut len = 0;
        let before = bits
            .iter()
            .map(|word| {
                let before = len;
                len += word.count_ones() as usize;
                before
            })
            .collect();
        Starts { bits, before, len }
    }

    /// The number of starts.
    pub fn len(&self) -> usize {
        self.len
    }

    /// The `k`th start.
    pub fn get(&self, k: usize) -> Option<usize> {
        if k >= self.len {
            return None;
        }
        let word = self.before.partition_point(|&before| before <= k) - 1;
        let mut bits = self.bits[word];
        for _ in 0..k - self.before[word] {
            bits &= bits - 1;
        }
        Some(word * 64 + bits.trailing_zeros() as usize)
    }

    /// How many starts are at or before byte `at`.
    pub fn up_to(&self, at: usize) -> usize {
        let word = at / 64;
        if word >= self.bits.len() {
            return self.len;
        }
        let mask = if at % 64 == 63 { u64::MAX } else { (1u64 << (at % 64 + 1)) - 1 };
        self.before[word] + (self.bits[word] & mask).count_ones() as usize
    }

    /// The first start after byte `at`, if any.
    pub fn after(&self, at: usize) -> Option<usize> {
        let from = at + 1;
        let mut word = from / 64;
        let mut bits = self.bits.get(word)? & (u64::MAX << (from % 64));
        while bits == 0 {
            word += 1;
            bits = *self.bits.get(word)?;
        }
        Some(word * 64 + bits.trailing_zeros() as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_are_found_by_rank_position_and_successor() {
        let offsets = [0, 1, 5, 63, 64, 65, 127, 200, 640, 641];
        let starts = Starts::new(offsets.iter().copied(), 700);
        assert_eq!(starts.len(), offsets.len());
        for (k, &at) in offsets.iter().enumerate() {
            assert_eq!(starts.get(k), Some(at));
        }
        assert_eq!(starts.get(offsets.len()), None);
        for at in 0..700 {
            assert_eq!(starts.up_to(at), offsets.partition_point(|&o| o <= at), "{at}");
            assert_eq!(starts.after(at), offsets.iter().copied().find(|&o| o > at), "{at}");
        }
        assert_eq!(starts.up_to(10_000), offsets.len());
        assert_eq!(Starts::new(std::iter::empty(), 0).after(0), None);
    }

    /// [`Starts::of`] finds the starts UAX #29 finds in the whole text.
    #[test]
    fn starts_of_a_text_are_its_clusters() {
        for text in crate::text::plain::sample_texts() {
            let expected = Starts::new(text.grapheme_indices(true).map(|(i, _)| i), text.len());
            let found = Starts::of(&text);
            assert_eq!(
                (found.bits, found.before, found.len),
                (expected.bits, expected.before, expected.len),
                "{text:?}"
            );
        }
    }
}
