//! NFC normalisation that remembers where each normalised piece came from.
//!
//! Platforms count NFC text (X normalises before weighing, a decomposed `e` + U+0301 is one
//! character to a reader) but users edit the original: every offset we report must point
//! into the text they typed. Composition never crosses an extended grapheme cluster
//! boundary, so normalising cluster by cluster gives the NFC of the whole text together
//! with a piecewise map back to the original.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::plain::complex_regions;

/// The UTF-8 lead byte of U+0300, the first combining mark: a text whose bytes are all
/// below it is made of characters below U+0300 (continuation bytes are 0x80..=0xBF).
const FIRST_BYTE_OF_COMBINING_MARKS: u8 = 0xCC;

/// Whether every character of `text` is below U+0300, the first combining mark (Latin
/// scripts and Latin-1 punctuation), checked a byte at a time.
pub(crate) fn below_combining_marks(text: &str) -> bool {
    text.bytes().all(|b| b < FIRST_BYTE_OF_COMBINING_MARKS)
}

/// A text in NFC, with the map from its byte offsets back to the original's.
pub struct Nfc<'a> {
    text: Cow<'a, str>,
    /// When the text changed, one entry per cluster that normalisation changed and one per
    /// run of clusters it left unchanged (their offsets differ by the same amount): (original
    /// start, NFC start, whether unchanged). Empty when the text was already NFC. Not one per
    /// cluster: a 10 MB text has ten million (240 MB).
    pieces: Vec<Piece>,
    original_len: usize,
}

#[derive(Clone, Copy)]
struct Piece {
    original: usize,
    normalized: usize,
    unchanged: bool,
}

/// Adds `piece` to `pieces`, unless it continues a run of unchanged clusters.
fn push_piece(pieces: &mut Vec<Piece>, piece: Piece) {
    if !(piece.unchanged && pieces.last().is_some_and(|p| p.unchanged)) {
        pieces.push(piece);
    }
}

impl<'a> Nfc<'a> {
    pub fn new(original: &'a str) -> Self {
        // ASCII, and any text of characters below U+0300 (no combining mark; each of them is
        // its own NFC, see the tests), is NFC: checked a byte at a time before the
        // character-by-character check
        if original.is_ascii() || below_combining_marks(original) || is_nfc_quick(original.chars()) == IsNormalized::Yes
        {
            return Nfc { text: Cow::Borrowed(original), pieces: Vec::new(), original_len: original.len() };
        }
        // plain characters are NFC and clusters of their own whatever surrounds them (see
        // `text::plain`): only the complex regions are normalised, cluster by cluster
        let mut text = String::with_capacity(original.len());
        let mut pieces = Vec::new();
        let mut plain_from = 0;
        for region in complex_regions(original) {
            if plain_from < region.start {
                push_piece(&mut pieces, Piece { original: plain_from, normalized: text.len(), unchanged: true });
                text.push_str(&original[plain_from..region.start]);
            }
            for (offset, cluster) in original[region.clone()].grapheme_indices(true) {
                let normalized = text.len();
                text.extend(cluster.nfc());
                let unchanged = &text[normalized..] == cluster;
                push_piece(&mut pieces, Piece { original: region.start + offset, normalized, unchanged });
            }
            plain_from = region.end;
        }
        if plain_from < original.len() {
            push_piece(&mut pieces, Piece { original: plain_from, normalized: text.len(), unchanged: true });
            text.push_str(&original[plain_from..]);
        }
        Nfc { text: Cow::Owned(text), pieces, original_len: original.len() }
    }

    /// Whether the text was NFC already (offsets are the original ones).
    pub fn unchanged(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The NFC text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether normalisation changed the text.
    pub fn changed(&self) -> bool {
        !self.pieces.is_empty()
    }

    /// The original byte ranges of the clusters normalisation changed, in order.
    pub fn changed_clusters(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let ends = self.pieces.iter().skip(1).map(|p| p.original).chain([self.original_len]);
        self.pieces.iter().zip(ends).filter(|(p, _)| !p.unchanged).map(|(p, end)| p.original..end)
    }

    /// The NFC byte offset of the original byte offset `at`, which is not inside a cluster
    /// normalisation changed.
    pub fn to_normalized(&self, at: usize) -> usize {
        if at >= self.original_len {
            return self.text.len();
        }
        let Some(index) = self.pieces.partition_point(|p| p.original <= at).checked_sub(1) else {
            return at;
        };
        let piece = self.pieces[index];
        piece.normalized + (at - piece.original)
    }

    /// The original byte offset of the NFC byte offset `at`. An offset inside a cluster that
    /// normalisation changed maps to that cluster's start.
    pub fn to_original(&self, at: usize) -> usize {
        if self.pieces.is_empty() {
            return at.min(self.original_len);
        }
        if at >= self.text.len() {
            return self.original_len;
        }
        let index = self.pieces.partition_point(|p| p.normalized <= at) - 1;
        let piece = self.pieces[index];
        if piece.unchanged { piece.original + (at - piece.normalized) } else { piece.original }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut of [`Nfc::new`]: every character below U+0300 is NFC on its own, and so
    /// is any text of them (nothing there composes with what precedes it).
    #[test]
    fn characters_below_combining_marks_are_nfc() {
        assert_eq!('\u{300}'.to_string().as_bytes()[0], FIRST_BYTE_OF_COMBINING_MARKS);
        assert_eq!('\u{2FF}'.to_string().as_bytes()[0], FIRST_BYTE_OF_COMBINING_MARKS - 1);
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", u32::from(c));
        }
    }

    /// Normalising the complex regions only gives the text and the pieces that normalising
    /// every cluster gives.
    #[test]
    fn regions_normalise_as_every_cluster_does() {
        for original in super::super::plain::sample_texts() {
            let nfc = Nfc::new(&original);
            let (mut text, mut pieces) = (String::new(), Vec::new());
            for (start, cluster) in original.grapheme_indices(true) {
                let normalized = text.len();
                text.extend(cluster.nfc());
                let unchanged = &text[normalized..] == cluster;
                push_piece(&mut pieces, Piece { original: start, normalized, unchanged });
            }
            if nfc.unchanged() {
                assert_eq!(text, original);
                continue;
            }
            assert_eq!(nfc.as_str(), text, "{original:?}");
            let fields =
                |pieces: &[Piece]| pieces.iter().map(|p| (p.original, p.normalized, p.unchanged)).collect::<Vec<_>>();
            assert_eq!(fields(&nfc.pieces), fields(&pieces), "{original:?}");
        }
    }

    #[test]
    fn already_nfc_text_is_borrowed() {
        let nfc = Nfc::new("déjà vu");
        assert!(!nfc.changed());
        assert_eq!(nfc.as_str(), "déjà vu");
        assert_eq!(nfc.to_original(3), 3);
    }

    #[test]
    fn decomposed_accents_compose_and_map_back() {
        let original = "cafe\u{301} ok";
        let nfc = Nfc::new(original);
        assert_eq!(nfc.as_str(), "café ok");
        assert_eq!(nfc.as_str().nfc().collect::<String>(), original.nfc().collect::<String>());
        // "é" starts at byte 3 in both; " ok" starts at 5 in NFC and 6 in the original
        assert_eq!(nfc.to_original(3), 3);
        assert_eq!(nfc.to_original(5), 6);
        assert_eq!(nfc.to_original(6), 7);
        assert_eq!(nfc.to_original(nfc.as_str().len()), original.len());
    }

    /// Clusters left as they were are kept as runs: every offset maps back as it would
    /// with one entry per cluster.
    #[test]
    fn runs_of_unchanged_clusters_map_back_offset_by_offset() {
        let original = "ab cafe\u{301} de\u{301}ja\u{300} vu, 👍🏽 e\u{301}!";
        let nfc = Nfc::new(original);
        let mut clusters = Vec::new();
        let mut text = String::new();
        for (start, cluster) in original.grapheme_indices(true) {
            clusters.push((start, text.len(), cluster.nfc().collect::<String>() == cluster));
            text.extend(cluster.nfc());
        }
        assert_eq!(nfc.as_str(), text);
        assert!(nfc.pieces.len() < clusters.len());
        for at in 0..text.len() {
            let &(original_start, start, unchanged) = clusters.iter().rev().find(|c| c.1 <= at).unwrap();
            let expected = if unchanged { original_start + at - start } else { original_start };
            assert_eq!(nfc.to_original(at), expected, "{at}");
        }
    }
}
