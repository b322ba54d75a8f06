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
pub(crate) fn sms_clusters<'a>(
    clusters: impl Iterator<Item = (usize, &'a str)> + Clone,
) -> impl Iterator<Item = (usize, &'a str)> + Clone {
    clusters.flat_map(|(i, g)| {
        let split = g == "\r\n";
        let first = if split { (i, "\r") } else { (i, g) };
        std::iter::once(first).chain(split.then_some((i + 1, "\n")))
    })
}

/// The GSM-7 septets of a grapheme, if it is a single GSM-7 character.
fn grapheme_septets(grapheme: &str) -> Option<usize> {
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
    // a narrow character is one UTF-16 unit
    let (encoding, units, bits_per_unit) =
        if ucs2_characters.is_empty() { (Encoding::Gsm7, septets, 7) } else { (Encoding::Ucs2, characters, 16) };
    if units * bits_per_unit <= SEGMENT_BITS {
        return SmsSplit { encoding, units, units_per_segment: vec![units], segment_starts: vec![0], ucs2_characters };
    }
    split_clusters(text.char_indices().map(|(i, c)| (i, &text[i..i + c.len_utf8()])))
}

/// Splits `text` into SMS segments.
pub fn split(text: &str) -> SmsSplit {
    split_clusters(graphemes(text))
}

/// [`split`] over clusters already found: (byte start, cluster), with CR LF as two (see
/// [`sms_clusters`]).
pub(crate) fn split_clusters<'a>(clusters: impl Iterator<Item = (usize, &'a str)> + Clone) -> SmsSplit {
    let mut ucs2_characters = Vec::new();
    for (start, grapheme) in clusters.clone() {
        if grapheme_septets(grapheme).is_none() {
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
    }
    let encoding = if ucs2_characters.is_empty() { Encoding::Gsm7 } else { Encoding::Ucs2 };
    let (bits_per_unit, unit_count): (usize, fn(&str) -> usize) = match encoding {
        Encoding::Gsm7 => (7, |g| grapheme_septets(g).unwrap_or(1)),
        Encoding::Ucs2 => (16, |g| g.encode_utf16().count()),
    };

    let units: usize = clusters.clone().map(|(_, g)| unit_count(g)).sum();
    if units * bits_per_unit <= SEGMENT_BITS {
        // one segment, the usual case: no packing to do
        let units_per_segment = vec![units];
        return SmsSplit { encoding, units, units_per_segment, segment_starts: vec![0], ucs2_characters };
    }

    // The reference fills a first segment of 1120 bits; when a grapheme does not fit, the
    // first segment gets its header (dropping graphemes to the next one as needed) and
    // every segment from then on holds 1120 - 48 bits.
    let mut segments: Vec<Vec<(usize, usize)>> = vec![Vec::new()]; // (byte start, units)
    let mut used_bits = 0;
    let mut with_header = false;
    for (start, grapheme) in clusters {
        let units = unit_count(grapheme);
        let bits = units * bits_per_unit;
        let capacity = if with_header { SEGMENT_BITS - HEADER_BITS } else { SEGMENT_BITS };
        if capacity < used_bits + bits {
            let mut carried = Vec::new();
            if !with_header {
                with_header = true;
                let first = segments.last_mut().map(std::mem::take).unwrap_or_default();
                let mut kept_bits = 0;
                let mut kept = Vec::new();
                for (s, u) in first {
                    if kept_bits + u * bits_per_unit <= SEGMENT_BITS - HEADER_BITS && carried.is_empty() {
                        kept_bits += u * bits_per_unit;
                        kept.push((s, u));
                    } else {
                        carried.push((s, u));
                    }
                }
                if let Some(last) = segments.last_mut() {
                    *last = kept;
                }
            }
            used_bits = carried.iter().map(|(_, u)| u * bits_per_unit).sum();
            segments.push(carried);
        }
        used_bits += bits;
        if let Some(last) = segments.last_mut() {
            last.push((start, units));
        }
    }
    let units_per_segment: Vec<usize> = segments.iter().map(|s| s.iter().map(|(_, u)| u).sum()).collect();
    let mut segment_starts = Vec::with_capacity(segments.len());
    let mut previous_end = 0;
    for segment in &segments {
        let start = segment.first().map_or(previous_end, |(s, _)| *s);
        segment_starts.push(start);
        previous_end = segment.last().map_or(start, |(s, _)| *s);
    }
    SmsSplit { encoding, units: units_per_segment.iter().sum(), units_per_segment, segment_starts, ucs2_characters }
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

    #[test]
    fn empty_message_is_one_empty_segment() {
        let split = split("");
        assert_eq!(split.encoding, Encoding::Gsm7);
        assert_eq!(split.units_per_segment, vec![0]);
    }
}
