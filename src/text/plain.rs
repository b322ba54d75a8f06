//! *Plain* characters: printable ASCII and U+00A0..=U+02FF but the soft hyphen U+00AD (Latin
//! letters, Latin-1 punctuation, spacing modifier letters). Between two of them there is
//! always a grapheme cluster boundary; each is its own NFC and composes with no plain
//! neighbour; each weighs 1 in every counted unit of the length rules but UTF-8 bytes and is
//! no emoji on its own (the tests check all of it, character by character).
//!
//! Most text is plain, so segmentation and normalisation have work to do only in its
//! *complex regions*: a run of other characters with the plain character on each side
//! (which may join it: `e` U+0301, `©` U+FE0F, CR LF's neighbours), regions merged where
//! they overlap. A region starts and ends on a cluster boundary, and outside the regions
//! every character is a cluster of its own, unchanged by NFC.

use std::ops::Range;

/// Whether `c` is plain.
pub fn is_plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{2FF}') && c != '\u{AD}'
}

/// The UTF-8 length of the plain character at byte `at` of `bytes` (a char boundary), or 0
/// when the character there is not plain: U+00A0..=U+00BF are C2 A0..BF, U+00C0..=U+02FF
/// are C3 80 to CB BF.
fn plain_len(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        0x20..=0x7E => 1,
        0xC3..=0xCB => 2,
        0xC2 if bytes[at + 1] >= 0xA0 && bytes[at + 1] != 0xAD => 2,
        _ => 0,
    }
}

/// The end of the cluster starting at byte `at` of `text` when it is a plain character
/// followed by another or by the end: there, no need to ask UAX #29.
pub fn plain_cluster_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = at + plain_len(bytes, at);
    (end > at && (end == bytes.len() || plain_len(bytes, end) > 0)).then_some(end)
}

/// Whether the eight bytes of `word` are all printable ASCII (0x20..=0x7E): none below 0x20
/// (subtracting 0x20 borrows into its high bit) and none above 0x7E (adding 1 reaches it).
fn printable_ascii(word: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    let below = word.wrapping_sub(0x20 * ONES) & !word;
    let above = word.wrapping_add(ONES) | word;
    (below | above) & (0x80 * ONES) == 0
}

/// The UTF-8 length of the character whose first byte is `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The complex regions of `text`, in order, as byte ranges.
pub fn complex_regions(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // the next byte to read, and where the plain character before it starts (if it is one)
    let (mut at, mut plain_before) = (0, None);
    std::iter::from_fn(move || {
        loop {
            // eight bytes of printable ASCII at a time: most of most texts
            while let Some(Ok(eight)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
                if !printable_ascii(u64::from_le_bytes(eight)) {
                    break;
                }
                at += 8;
                plain_before = Some(at - 1);
            }
            if at == bytes.len() {
                return None;
            }
            let n = plain_len(bytes, at);
            if n == 0 {
                break;
            }
            plain_before = Some(at);
            at += n;
        }
        let start = plain_before.unwrap_or(at);
        loop {
            // a run of other characters, then a plain one or the end
            while at < bytes.len() && plain_len(bytes, at) == 0 {
                at += char_len(bytes[at]);
            }
            if at == bytes.len() {
                return Some(start..at);
            }
            let plain = at;
            at += plain_len(bytes, plain);
            if at == bytes.len() || plain_len(bytes, at) > 0 {
                plain_before = Some(plain);
                return Some(start..at);
            }
            // a plain character between two runs: the two regions overlap there
        }
    })
}

/// Texts that mix plain characters with everything that joins or changes them (combining
/// marks, prepended and spacing marks, Indic conjuncts, ZWJ sequences, regional indicators,
/// Hangul, CR LF, controls, NFC singletons and reorderings), for the tests that compare a
/// shortcut with the general path: 4,000 of up to 40 pieces, from a fixed seed.
#[cfg(test)]
pub(crate) fn sample_texts() -> Vec<String> {
    const PIECES: [&str; 44] = [
        "a",
        "Z",
        " ",
        " ",
        "é",
        "ÿ",
        "ʰ",
        "\u{A0}",
        "\u{AD}",
        "\u{2FF}",
        "e\u{301}",
        "\u{301}",
        "\u{323}",
        "\u{30A}",
        "’",
        "…",
        "€",
        "日本",
        "😀",
        "👍🏽",
        "\u{1F3FD}",
        "👨‍👩‍👧",
        "\u{200D}",
        "🇫🇷",
        "\u{1F1EB}",
        "©",
        "®",
        "\u{FE0F}",
        "1️⃣",
        "\u{600}",
        "\u{915}\u{94D}\u{937}",
        "\u{94D}",
        "\u{903}",
        "\u{1100}",
        "\u{1161}",
        "각",
        "\r",
        "\n",
        "\t",
        "\u{212B}",
        "\u{F900}",
        "ǅ",
        ".",
        "https://é.fr/x",
    ];
    shuffled_texts(&PIECES, 4000, 40, 0x2545_F491_4F6C_DD1D)
}

/// `count` texts of up to `most` of `pieces` each, drawn by a xorshift generator from `seed`.
#[cfg(test)]
pub(crate) fn shuffled_texts(pieces: &[&str], count: usize, most: usize, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    (0..count).map(|_| (0..next(most + 1)).map(|_| pieces[next(pieces.len())]).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthChar;

    fn plain_chars() -> impl Iterator<Item = char> {
        (0..0x300).filter_map(char::from_u32).filter(|&c| is_plain(c))
    }

    /// The byte test agrees with [`is_plain`] on every character of the first three planes'
    /// two-byte range and around it.
    #[test]
    fn plain_bytes_match_plain_chars() {
        assert_eq!(plain_chars().count(), 95 + 0x260 - 1);
        for c in (0..0x1000).filter_map(char::from_u32) {
            let s = format!("{c}");
            assert_eq!(plain_len(s.as_bytes(), 0), if is_plain(c) { c.len_utf8() } else { 0 }, "U+{:04X}", c as u32);
            assert_eq!(char_len(s.as_bytes()[0]), c.len_utf8());
        }
        assert_eq!(char_len("😀".as_bytes()[0]), 4);
    }

    /// Two plain characters are two clusters, and a plain character is a cluster of its own
    /// between two others (every pair and triple of the range's ends and a sample).
    #[test]
    fn plain_characters_never_join() {
        let all: Vec<char> = plain_chars().collect();
        for &a in &all {
            for &b in &all {
                let text = format!("{a}{b}");
                assert_eq!(text.graphemes(true).count(), 2, "{text:?}");
                let nfc: String = text.nfc().collect();
                assert_eq!(nfc, text, "{text:?} composes");
            }
        }
    }

    /// Each plain character is NFC, never composes with what precedes it (NFC quick check
    /// Yes), is one code point, one UTF-16 unit and one column, and is no emoji.
    #[test]
    fn plain_characters_weigh_one() {
        for c in plain_chars() {
            let s = c.to_string();
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(s.nfc().collect::<String>(), s);
            assert_eq!(c.len_utf16(), 1);
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert!(!crate::length::is_emoji_grapheme(&s), "{c:?}");
        }
    }

    /// Eight bytes at a time, a non-plain character is found at each offset of a word, and
    /// every ASCII byte is told printable or not.
    #[test]
    fn non_plain_characters_are_found_in_every_position() {
        for c in (0..0x400).filter_map(char::from_u32) {
            for offset in 0..17 {
                let text = format!("{}{c}{}", "a".repeat(offset), "b".repeat(20));
                let expected: Vec<_> =
                    if is_plain(c) { Vec::new() } else { vec![(offset.saturating_sub(1), offset + c.len_utf8() + 1)] };
                assert_eq!(
                    complex_regions(&text).map(|r| (r.start, r.end)).collect::<Vec<_>>(),
                    expected,
                    "U+{:04X} {offset}",
                    c as u32
                );
            }
        }
        for byte in 0..=u8::MAX {
            for at in 0..8 {
                let mut eight = *b"abcdefgh";
                eight[at] = byte;
                assert_eq!(
                    printable_ascii(u64::from_le_bytes(eight)),
                    (0x20..=0x7E).contains(&byte),
                    "{byte:#x} at {at}"
                );
            }
        }
    }

    /// Regions, one by one against their definition: every character outside them is plain
    /// and a cluster of its own, and each one's ends are cluster boundaries of the text.
    #[test]
    fn regions_hold_every_join() {
        let texts = [
            "",
            "abc",
            "é",
            "e\u{301}",
            "\u{301}",
            "a\u{301}b",
            "a\u{301}b\u{301}c",
            "a\u{301}bc\u{301}d",
            "x\r\ny",
            "\r\n",
            "©\u{FE0F} ok 👍🏽!",
            "🇫🇷🇫🇷a🇫",
            "l’offre « 5 € » ",
            "a\u{AD}b",
            "\u{1100}\u{1161}\u{11A8}",
        ];
        for text in texts {
            let regions: Vec<_> = complex_regions(text).collect();
            let boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
            let mut outside = Vec::new();
            let mut at = 0;
            for region in &regions {
                assert!(region.start >= at && region.start < region.end, "{text:?} {regions:?}");
                outside.push(at..region.start);
                at = region.end;
                assert!(boundaries.contains(&region.start) && boundaries.contains(&region.end), "{text:?} {region:?}");
                let inside = &text[region.clone()];
                assert!(!inside.chars().all(is_plain), "{text:?} {region:?}");
            }
            outside.push(at..text.len());
            for range in outside {
                for (i, c) in text[range.clone()].char_indices() {
                    assert!(is_plain(c), "{text:?} {range:?}");
                    assert!(boundaries.contains(&(range.start + i)), "{text:?} {range:?}");
                }
            }
        }
        let ranges = |text| complex_regions(text).map(|r| (r.start, r.end)).collect::<Vec<_>>();
        assert_eq!(ranges("ab\u{301}c\u{301}de"), [(1, 8)], "overlapping regions merge");
        assert_eq!(ranges("ab\u{301}cd\u{301}e"), [(1, 5), (5, 9)]);
        assert_eq!(ranges("\u{301}a"), [(0, 3)]);
    }
}
