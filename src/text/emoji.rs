//! Emoji sequences from a list, matched longest first. Used with the list of the emoji
//! parser X counts with (`data/x/emoji.txt`, code points in hex, which `build.rs` embeds as
//! UTF-8), where a recognised sequence weighs 2 whatever its length.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A set of emoji sequences, matched at a position of a text.
pub struct EmojiSet {
    sequences: HashSet<&'static str>,
    /// Longest sequence, in chars, for each first char: bounds the lookups at a position.
    longest_by_first: HashMap<char, usize>,
    /// ASCII characters that start a sequence (`#`, `*`, digits of keycaps): the others are
    /// skipped without a lookup.
    ascii_starts: [bool; 128],
}

impl EmojiSet {
    /// The set of a list of sequences, a line each.
    #[inline(never)] // see `Lexicons::builtin`
    pub fn new(list: &'static str) -> EmojiSet {
        let mut sequences = HashSet::with_capacity_and_hasher(list.len() / 8, Default::default());
        let mut longest_by_first = HashMap::default();
        let mut ascii_starts = [false; 128];
        for sequence in list.lines() {
            let Some(first) = sequence.chars().next() else { continue };
            if let Some(start) = ascii_starts.get_mut(first as usize) {
                *start = true;
            }
            let chars = sequence.chars().count();
            let longest = longest_by_first.entry(first).or_insert(0);
            *longest = chars.max(*longest);
            sequences.insert(sequence);
        }
        EmojiSet { sequences, longest_by_first, ascii_starts }
    }

    /// The byte end of the longest sequence of the set starting at byte `at` of `text`.
    pub fn match_at(&self, text: &str, at: usize) -> Option<usize> {
        let rest = text.get(at..)?;
        let first = rest.chars().next()?;
        if first.is_ascii() && !self.ascii_starts[first as usize] {
            return None;
        }
        let longest = *self.longest_by_first.get(&first)?;
        let prefix_ends = rest.char_indices().skip(1).map(|(i, _)| i).chain(std::iter::once(rest.len()));
        prefix_ends.take(longest).filter(|&end| self.sequences.contains(&rest[..end])).last().map(|end| at + end)
    }

    /// Whether some character of `text` starts a sequence of the set (when not, no sequence
    /// can match anywhere in it).
    pub fn may_start_in(&self, text: &str) -> bool {
        text.chars().any(|c| self.may_start(c))
    }

    /// Whether some sequence of the set starts with `c`.
    pub fn may_start(&self, c: char) -> bool {
        match self.ascii_starts.get(c as usize) {
            Some(&start) => start,
            None => self.longest_by_first.contains_key(&c),
        }
    }

    pub fn len(&self) -> usize {
        self.sequences.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sequences.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "\u{A9}\u{FE0F}\n\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\n\u{1F468}\n\u{1F469}\n";

    #[test]
    fn starters_are_found_in_ascii_and_beyond() {
        let set = EmojiSet::new(LIST);
        assert!(set.may_start_in("Prix ©") && set.may_start_in("\u{1F468}"));
        assert!(!set.may_start_in("Déjà là ? #1 *") && !set.may_start_in(""));
        let keycaps = EmojiSet::new("#\u{FE0F}\u{20E3}\n");
        assert!(keycaps.may_start_in("#1") && !keycaps.may_start_in("*1"));
    }

    #[test]
    fn matches_the_longest_sequence() {
        let set = EmojiSet::new(LIST);
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}!";
        assert_eq!(set.match_at(family, 0), Some(family.len() - 1));
        let man_woman = "\u{1F468}\u{200D}\u{1F469}";
        assert_eq!(set.match_at(man_woman, 0), Some(4), "an incomplete ZWJ sequence is its first emoji");
        assert_eq!(set.match_at("\u{A9}", 0), None, "© alone is text");
        assert_eq!(set.match_at("a\u{A9}\u{FE0F}", 1), Some(6));
        assert_eq!(set.match_at("abc", 1), None);
        assert_eq!(set.match_at("abc", 9), None);
    }
}
