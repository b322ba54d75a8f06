//! The byte offsets where the grapheme clusters of a text start, as one bit per byte: a
//! quarter of a byte per byte of text, where a list of offsets took eight bytes per cluster
//! (80 MB for a 10 MB message).

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
    pub fn new(offsets: impl Iterator<Item = usize>, bytes: usize) -> Starts {
        let mut bits = vec![0u64; bytes.div_ceil(64)];
        for at in offsets {
            bits[at / 64] |= 1 << (at % 64);
        }
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
}
