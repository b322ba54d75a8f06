//! SMS segments as carriers bill them (3GPP TS 23.038 / 23.040), following the reference
//! calculator (Twilio's sms-segments-calculator 1.3.0, smart encoding off).
//!
//! A message is GSM-7 when every grapheme is one character of the GSM 03.38 basic or
//! extension table, otherwise UCS-2. A segment holds 140 octets; once a message needs more
//! than one, each segment loses 6 octets to the concatenation header, which leaves 153
//! septets or 67 UTF-16 units. Graphemes are packed whole, in order: an extension character
//! (2 septets) or a surrogate pair or a ZWJ sequence is never split across segments.

use unicode_segmentation::UnicodeSegmentation;

/// Bits in one SMS (140 octets).
const SEGMENT_BITS: usize = 1120;
/// Bits of the user data header of a concatenated SMS (6 octets).
const HEADER_BITS: usize = 48;

#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Encoding {
    #[serde(rename = "GSM-7")]
    Gsm7,
    #[serde(rename = "UCS-2")]
    Ucs2,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }
}

/// How a message splits into SMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsSplit {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole message.
    pub units: usize,
    /// Units in each segment.
    pub units_per_segment: Vec<usize>,
    /// Byte offset where each segment starts.
    pub segment_starts: Vec<usize>,
    /// Byte ranges of the characters that are not GSM-7 and so force UCS-2.
    pub ucs2_characters: Vec<(usize, usize)>,
}

impl SmsSplit {
    pub fn segments(&self) -> usize {
        self.units_per_segment.len()
    }
}

/// Septets of `c` in GSM-7: 1 in the basic table, 2 in the extension table, else `None`.
pub const fn gsm7_septets(c: char) -> Option<usize> {
    match c {
        '@'
        | '£'
        | '$'
        | '¥'
        | 'è'
        | 'é'
        | 'ù'
        | 'ì'
        | 'ò'
        | 'Ç'
        | '\n'
        | 'Ø'
        | 'ø'
        | '\r'
        | 'Å'
        | 'å'
        | 'Δ'
        | '_'
        | 'Φ'
        | 'Γ'
        | 'Λ'
        | 'Ω'
        | 'Π'
        | 'Ψ'
        | 'Σ'
        | 'Θ'
        | 'Ξ'
        | 'Æ'
        | 'æ'
        | 'ß'
        | 'É'
        | ' '
        | '!'
        | '"'
        | '#'
        | '¤'
        | '%'
        | '&'
        | '\''
        | '('
        | ')'
        | '*'
        | '+'
        | ','
        | '-'
        | '.'
        | '/'
        | '0'..='9'
        | ':'
        | ';'
        | '<'
        | '='
        | '>'
        | '?'
        | '¡'
        | 'A'..='Z'
        | 'Ä'
        | 'Ö'
        | 'Ñ'
        | 'Ü'
        | '§'
        | '¿'
        | 'a'..='z'
        | 'ä'
        | 'ö'
        | 'ñ'
        | 'ü'
        | 'à' => Some(1),
        '\u{0C}' | '^' | '{' | '}' | '\\' | '[' | '~' | ']' | '|' | '€' => Some(2),
        _ => None,
    }
}

/// The graphemes of the reference: extended grapheme clusters, with CR LF as two.
fn graphemes(text: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    sms_clusters(text.grapheme_indices(true))
}

/// Extended grapheme clusters as the reference counts them: CR LF is two.
fn sms_clusters<'a>(
    clusters: impl Iterator<Item = (usize, &'a str)> + Clone,
) -> impl Iterator<Item = (usize, &'a str)> + Clone {
    clusters.flat_map(|(i, g)| {
        let split = g == "\r\n";
        let first = if split { (i, "\r") } else { (i, g) };
        std::iter::once(first).chain(split.then_some((i + 1, "\n")))
    })
}

/// The UTF-16 units of a grapheme (a few characters: decoded, where counting the bytes of a
/// long text by blocks, as `text::span` does, costs more for so few).
fn utf16_len(grapheme: &str) -> usize {
    grapheme.chars().map(char::len_utf16).sum()
}

/// The GSM-7 septets of a grapheme, if it is a single GSM-7 character.
fn grapheme_septets(grapheme: &str) -> Option<usize> {
    if let &[byte] = grapheme.as_bytes() {
        // most graphemes: without decoding
        return Some(usize::from(ASCII_SEPTETS[usize::from(byte)])).filter(|&n| n > 0);
    }
    let mut chars = grapheme.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => gsm7_septets(c),
        _ => None,
    }
}

/// GSM-7 septets of each ASCII byte, 0 for the ones GSM-7 lacks (`` ` `` and most controls).
const ASCII_SEPTETS: [u8; 128] = {
    let mut table = [0; 128];
    let mut byte = 0;
    while byte < 128 {
        if let Some(septets) = gsm7_septets(byte as u8 as char) {
            table[byte] = septets as u8;
        }
        byte += 1;
    }
    table
};

/// [`split`] for narrow text (see `length::is_narrow`) without CR, where every character is a
/// cluster: one pass over the characters when the message fits in one segment (most do).
pub(crate) fn split_narrow(text: &str) -> SmsSplit {
    let mut septets = 0;
    let mut characters = 0;
    let mut ucs2_characters = Vec::new();
    if text.is_ascii() {
        // byte by byte, without decoding
        for (i, &b) in text.as_bytes().iter().enumerate() {
            match ASCII_SEPTETS[usize::from(b)] {
                0 => ucs2_characters.push((i, i + 1)),
                n => septets += usize::from(n),
            }
        }
        characters = text.len();
    } else {
        for (i, c) in text.char_indices() {
            characters += 1;
            let gsm7 = match ASCII_SEPTETS.get(c as usize) {
                Some(&n) => (n > 0).then_some(usize::from(n)),
                None => gsm7_septets(c),
            };
            match gsm7 {
                Some(n) => septets += n,
                None => ucs2_characters.push((i, i + c.len_utf8())),
            }
        }
    }
    // a narrow character is one UTF-16 unit
    let (encoding, units, bits_per_unit) =
        if ucs2_characters.is_empty() { (Encoding::Gsm7, septets, 7) } else { (Encoding::Ucs2, characters, 16) };
    if units * bits_per_unit <= SEGMENT_BITS {
        return SmsSplit { encoding, units, units_per_segment: vec![units], segment_starts: vec![0], ucs2_characters };
    }
    let septets_of = |(i, c): (usize, char)| (i, gsm7_septets(c).unwrap_or(1));
    let (units_per_segment, segment_starts) = match encoding {
        Encoding::Gsm7 => pack(text.char_indices().map(septets_of), bits_per_unit),
        Encoding::Ucs2 => pack(text.char_indices().map(|(i, _)| (i, 1)), bits_per_unit),
    };
    SmsSplit { encoding, units, units_per_segment, segment_starts, ucs2_characters }
}

/// Splits `text` into SMS segments.
pub fn split(text: &str) -> SmsSplit {
    split_clusters(graphemes(text))
}

/// [`split`] over clusters already found: (byte start, cluster), with CR LF as two (see
/// [`sms_clusters`]).
pub(crate) fn split_clusters<'a>(clusters: impl Iterator<Item = (usize, &'a str)> + Clone) -> SmsSplit {
    // one pass finds the encoding and the length in both encodings' units
    let mut ucs2_characters = Vec::new();
    let (mut septets, mut utf16_units) = (0, 0);
    for (start, grapheme) in clusters.clone() {
        utf16_units += utf16_len(grapheme);
        if let Some(n) = grapheme_septets(grapheme) {
            septets += n;
            continue;
        }
        for (offset, c) in grapheme.char_indices() {
            if gsm7_septets(c).is_none() {
                ucs2_characters.push((start + offset, start + offset + c.len_utf8()));
            }
        }
        // A GSM-7 base with a combining mark: the grapheme itself forces UCS-2.
        if grapheme.chars().all(|c| gsm7_septets(c).is_some()) {
            ucs2_characters.push((start, start + grapheme.len()));
        }
    }
    let (encoding, units, bits_per_unit) =
        if ucs2_characters.is_empty() { (Encoding::Gsm7, septets, 7) } else { (Encoding::Ucs2, utf16_units, 16) };
    if units * bits_per_unit <= SEGMENT_BITS {
        // one segment, the usual case: no packing to do
        return SmsSplit { encoding, units, units_per_segment: vec![units], segment_starts: vec![0], ucs2_characters };
    }
    // one packing through a pointer, rather than one for each encoding: the WebAssembly
    // module's size
    let unit_count: fn(&str) -> usize = match encoding {
        Encoding::Gsm7 => |g| grapheme_septets(g).unwrap_or(1),
        Encoding::Ucs2 => utf16_len,
    };
    let (units_per_segment, segment_starts) = pack(clusters.map(|(start, g)| (start, unit_count(g))), bits_per_unit);
    SmsSplit { encoding, units, units_per_segment, segment_starts, ucs2_characters }
}

/// Packs graphemes, given as (byte start, units), into segments: the units of each segment
/// and the byte offset where each starts.
///
/// The reference fills a first segment of 1120 bits; when a grapheme does not fit, the first
/// segment gets its header (dropping graphemes to the next one as needed) and every segment
/// from then on holds 1120 - 48 bits. Graphemes are packed whole.
fn pack(graphemes: impl Iterator<Item = (usize, usize)> + Clone, bits_per_unit: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut units_per_segment, mut segment_starts) = (Vec::new(), vec![0]);
    let (mut segment_units, mut with_header) = (0, false);
    for (start, units) in graphemes.clone() {
        let capacity = if with_header { SEGMENT_BITS - HEADER_BITS } else { SEGMENT_BITS };
        if capacity < (segment_units + units) * bits_per_unit {
            // the new segment starts with this grapheme, or with what the first one drops
            let (mut carried_units, mut carried_start) = (0, start);
            if !with_header {
                with_header = true;
                let (mut kept_units, mut carrying) = (0, false);
                for (s, u) in graphemes.clone().take_while(|&(s, _)| s < start) {
                    if !carrying && (kept_units + u) * bits_per_unit <= SEGMENT_BITS - HEADER_BITS {
                        kept_units += u;
                    } else {
                        carried_start = if carrying { carried_start } else { s };
                        carrying = true;
                        carried_units += u;
                    }
                }
                segment_units = kept_units;
            }
            units_per_segment.push(segment_units);
            segment_starts.push(carried_start);
            segment_units = carried_units;
        }
        segment_units += units;
    }
    units_per_segment.push(segment_units);
    (units_per_segment, segment_starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_accents_that_gsm7_lacks_force_ucs2() {
        let split = split("Tête-à-tête");
        assert_eq!(split.encoding, Encoding::Ucs2);
        assert_eq!(split.ucs2_characters, vec![(1, 3), (10, 12)], "both ê, not à");
        assert_eq!(super::split("Déjà là ? Oui.").encoding, Encoding::Gsm7);
    }

    #[test]
    fn curly_apostrophe_and_decomposed_accent_force_ucs2() {
        assert_eq!(split("l’offre").ucs2_characters, vec![(1, 4)]);
        let decomposed = split("e\u{301}");
        assert_eq!(decomposed.encoding, Encoding::Ucs2);
        assert_eq!(decomposed.ucs2_characters, vec![(1, 3)]);
    }

    #[test]
    fn extension_characters_are_never_split() {
        let text = format!("{}€{}", "a".repeat(152), "b".repeat(7));
        let split = split(&text);
        assert_eq!(split.units, 161);
        assert_eq!(split.units_per_segment, vec![152, 9], "€ does not fit in the 153rd septet");
        assert_eq!(split.segment_starts, vec![0, 152]);
    }

    /// The narrow path splits as the general one, in one segment and in several.
    #[test]
    fn narrow_split_matches_the_general_split() {
        let units = [
            "a",
            "Soldes -50 % !",
            "[x] ~ ",
            "a`b ",
            "tab\t@\u{7f}\n",
            "\u{c}{}",
            "Déjà là",
            "ê",
            "£ ¥ ñ ß",
            "l’été 5 € … ",
        ];
        for unit in units {
            for repeat in [0, 1, 2, 20, 40, 80, 200] {
                let text = unit.repeat(repeat);
                assert_eq!(split_narrow(&text), split(&text), "{unit:?} × {repeat}");
            }
        }
    }

    /// The reference's packing, written as it describes it: every grapheme placed in a list
    /// per segment, the first segment re-packed when it gets its header.
    fn packed_by_the_reference(split: &SmsSplit, text: &str) -> (Vec<usize>, Vec<usize>) {
        let (bits_per_unit, unit_count): (usize, fn(&str) -> usize) = match split.encoding {
            Encoding::Gsm7 => (7, |g| grapheme_septets(g).unwrap_or(1)),
            Encoding::Ucs2 => (16, |g| g.encode_utf16().count()),
        };
        let mut segments: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
        let mut with_header = false;
        for (start, grapheme) in graphemes(text) {
            let units = unit_count(grapheme);
            let used: usize = segments.last().unwrap().iter().map(|(_, u)| u * bits_per_unit).sum();
            let capacity = if with_header { SEGMENT_BITS - HEADER_BITS } else { SEGMENT_BITS };
            if units * bits_per_unit + used > capacity {
                let mut carried = Vec::new();
                if !with_header {
                    with_header = true;
                    let first = std::mem::take(segments.last_mut().unwrap());
                    let mut kept_bits = 0;
                    for (s, u) in first {
                        if carried.is_empty() && kept_bits + u * bits_per_unit <= SEGMENT_BITS - HEADER_BITS {
                            kept_bits += u * bits_per_unit;
                            segments.last_mut().unwrap().push((s, u));
                        } else {
                            carried.push((s, u));
                        }
                    }
                }
                segments.push(carried);
            }
            segments.last_mut().unwrap().push((start, units));
        }
        let units = segments.iter().map(|s| s.iter().map(|(_, u)| u).sum()).collect();
        let starts = segments.iter().map(|s| s.first().map_or(0, |(s, _)| *s)).collect();
        (units, starts)
    }

    /// Segments as the reference packs them, for messages made of every kind of grapheme:
    /// ASCII, extension characters, accents, emoji, ZWJ sequences, CR LF, and a cluster of
    /// combining marks heavier than a segment's header.
    #[test]
    fn long_messages_pack_as_the_reference_does() {
        let zalgo = format!("a{}", "\u{301}".repeat(40));
        let pieces =
            ["a", "b ", "€", "é", "ê", "😀", "👨\u{200D}👩\u{200D}👧", "e\u{301}", "\r\n", "{", zalgo.as_str()];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..400 {
            // mostly one kind of grapheme, as real messages are, with others mixed in
            let (main, others, len) = (next(pieces.len()), next(4), 100 + next(500));
            let text: String =
                (0..len).map(|_| if next(10) < others { pieces[next(pieces.len())] } else { pieces[main] }).collect();
            let split = split(&text);
            let (units, starts) = packed_by_the_reference(&split, &text);
            assert_eq!((&split.units_per_segment, &split.segment_starts), (&units, &starts), "{text:?}");
            assert_eq!(split.units, units.iter().sum::<usize>());
        }
    }

    #[test]
    fn empty_message_is_one_empty_segment() {
        let split = split("");
        assert_eq!(split.encoding, Encoding::Gsm7);
        assert_eq!(split.units_per_segment, vec![0]);
    }
}
