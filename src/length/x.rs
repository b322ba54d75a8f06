//! X (Twitter) weighted length, exactly as twitter-text 3.1.0 `parseTweet` with config v3
//! computes it: on the NFC text, each URL weighs 23, each emoji sequence of its emoji
//! parser 2, and every other code point 1 in the light ranges (Latin, general punctuation…)
//! or 2 elsewhere. The reference's `validRangeEnd` quirks are reproduced too.

use super::is_narrow;
use super::urls::{Url, UrlExtractor};
use crate::text::emoji::EmojiSet;
use crate::text::normalize::Nfc;
use crate::text::span::utf16_len;

/// The weights of a twitter-text configuration.
pub struct XConfig {
    pub max_weighted_length: usize,
    pub scale: usize,
    pub default_weight: usize,
    pub transformed_url_length: usize,
    /// Inclusive code point ranges with their weight.
    pub ranges: Vec<(u32, u32, usize)>,
    pub emoji_parsing: bool,
}

impl XConfig {
    /// twitter-text's config v3 (the rule X applies since 2018).
    pub fn v3() -> XConfig {
        XConfig {
            max_weighted_length: 280,
            scale: 100,
            default_weight: 200,
            transformed_url_length: 23,
            ranges: vec![(0, 4351, 100), (8192, 8205, 100), (8208, 8223, 100), (8242, 8247, 100)],
            emoji_parsing: true,
        }
    }

    /// twitter-text's config v2 (no emoji discount), kept for the reference's old tests.
    pub fn v2() -> XConfig {
        XConfig { emoji_parsing: false, ..XConfig::v3() }
    }

    /// The weight of every ASCII character, when they all weigh the same (the first range
    /// holding U+0000 holds U+007F).
    fn ascii_weight(&self) -> Option<usize> {
        let (_, end, weight) = self.ranges.iter().find(|(start, end, _)| (*start..=*end).contains(&0))?;
        (*end >= 0x7F).then_some(*weight)
    }

    fn weight(&self, c: char) -> usize {
        let code = u32::from(c);
        self.ranges.iter().find(|(start, end, _)| (*start..=*end).contains(&code)).map_or(self.default_weight, |r| r.2)
    }
}

/// The X length of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XLength {
    pub weighted_length: usize,
    pub valid: bool,
    /// The reference's `validRangeEnd + 1` (exclusive UTF-16 end of the part that fits),
    /// clamped to the text's length.
    pub valid_range_end_utf16: usize,
    /// Byte offset, in the original text, where the part that fits ends.
    pub fit_end: usize,
    /// Byte ranges of the URLs (each counted as 23), in the original text.
    pub urls: Vec<(usize, usize)>,
}

/// Whether a UTF-16 unit makes a tweet invalid.
fn is_invalid_char(c: char) -> bool {
    matches!(c, '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}')
}

/// Weighs `text` with `config`, finding URLs with `urls` (unless the caller found them
/// already: `known_urls`, scheme-less, in `text`) and emoji with `emoji`.
pub fn weigh(
    text: &str,
    config: &XConfig,
    urls: &UrlExtractor,
    emoji: &EmojiSet,
    known_urls: Option<&[Url]>,
) -> XLength {
    let nfc = Nfc::new(text);
    let normalized = nfc.as_str();
    let extracted;
    let url_entities = match known_urls {
        Some(known) if nfc.unchanged() => known,
        Some(known) => {
            extracted = urls.extract_normalized(text, known, &nfc);
            &extracted
        }
        None => {
            extracted = urls.extract(normalized, true);
            &extracted
        }
    };
    if url_entities.is_empty() {
        if text.is_ascii()
            && let Some(weight) = config.ascii_weight()
        {
            return weigh_ascii(text.len(), weight, config);
        }
        // narrow text is NFC, one UTF-16 unit a character, and emoji only where the set says
        if is_narrow(text) && !(config.emoji_parsing && emoji.may_start_in(text)) {
            return weigh_narrow(text, config);
        }
    }
    weigh_units(text, &nfc, url_entities, config, emoji)
}

/// [`weigh`] for ASCII text without URLs, where every character weighs the same: in
/// closed form (most messages).
fn weigh_ascii(len: usize, weight: usize, config: &XConfig) -> XLength {
    let max = config.max_weighted_length * config.scale;
    let fitting = max.checked_div(weight).map_or(len, |fit| len.min(fit));
    let weighted_length = len * weight / config.scale;
    XLength {
        weighted_length,
        valid: weighted_length > 0 && weighted_length <= config.max_weighted_length,
        // the reference's last fitting index is 0 when nothing fits, and the end is one past it
        valid_range_end_utf16: if len == 0 { 0 } else { fitting.max(1) },
        fit_end: fitting,
        urls: Vec::new(),
    }
}

/// [`weigh`] for narrow text without URLs or emoji: every character is a unit of its own,
/// one UTF-16 unit long.
fn weigh_narrow(text: &str, config: &XConfig) -> XLength {
    let max = config.max_weighted_length * config.scale;
    let mut weighted = 0;
    let mut fitting = 0; // characters that fit
    let mut fit_end = 0;
    for (i, c) in text.char_indices() {
        weighted += config.weight(c);
        if weighted <= max {
            fitting += 1;
            fit_end = i + c.len_utf8();
        }
    }
    let weighted_length = weighted / config.scale;
    XLength {
        weighted_length,
        valid: weighted_length > 0 && weighted_length <= config.max_weighted_length,
        // the reference's last fitting index is 0 when nothing fits, and the end is one past it
        valid_range_end_utf16: if text.is_empty() { 0 } else { fitting.max(1) },
        fit_end,
        urls: Vec::new(),
    }
}

/// [`weigh`] unit by unit: characters, URLs and emoji sequences of the NFC text.
fn weigh_units(text: &str, nfc: &Nfc, url_entities: &[Url], config: &XConfig, emoji: &EmojiSet) -> XLength {
    let normalized = nfc.as_str();
    let emoji_entities = if config.emoji_parsing { emoji_entities(normalized, emoji) } else { Vec::new() };

    let max = config.max_weighted_length * config.scale;
    let mut weighted = 0;
    let mut valid = true;
    let mut valid_display_index = 0; // UTF-16 index of the last unit that fits (reference)
    let mut fit_end = 0; // NFC byte end of the last unit that fits
    let (mut next_url, mut next_emoji) = (0, 0);
    let mut at = 0;
    let mut at_utf16 = 0;
    while at < normalized.len() {
        while next_url < url_entities.len() && url_entities[next_url].start < at {
            next_url += 1;
        }
        while next_emoji < emoji_entities.len() && emoji_entities[next_emoji].0 < at {
            next_emoji += 1;
        }
        let url_start = url_entities.get(next_url).map_or(normalized.len(), |u| u.start);
        let emoji_start = emoji_entities.get(next_emoji).map_or(normalized.len(), |e| e.0);
        let stop = url_start.min(emoji_start);
        if at < stop {
            // the characters before the next URL or emoji, each a unit: in one loop
            for (i, c) in normalized[at..stop].char_indices() {
                weighted += config.weight(c);
                let last_unit_utf16 = at_utf16 + c.len_utf16() - 1;
                valid = valid && !is_invalid_char(c);
                if valid && weighted <= max {
                    valid_display_index = last_unit_utf16;
                    fit_end = at + i + c.len_utf8();
                }
                at_utf16 = last_unit_utf16 + 1;
            }
            at = stop;
            continue;
        }
        let (end, weight) = if url_start == at {
            let url = &url_entities[next_url];
            // The reference skips the length of its URL string, which can be shorter than
            // the span (see `Url::len_utf16`); a skip that ends inside a surrogate pair
            // leaves its low half to be weighed alone, at the default weight.
            let (skip_end, dangling) = advance_utf16(normalized, at, url.len_utf16);
            weighted += dangling * config.default_weight;
            (skip_end, config.transformed_url_length * config.scale)
        } else {
            (emoji_entities[next_emoji].1, config.default_weight)
        };
        weighted += weight;
        let unit = &normalized[at..end];
        let last_unit_utf16 = at_utf16 + utf16_len(unit) - 1;
        if valid {
            // The reference tests only the last UTF-16 unit of each counted unit.
            valid = !unit.chars().next_back().is_some_and(is_invalid_char);
        }
        if valid && weighted <= max {
            valid_display_index = last_unit_utf16;
            fit_end = end;
        }
        at_utf16 = last_unit_utf16 + 1;
        at = end;
    }
    let weighted_length = weighted / config.scale;
    let valid = valid && weighted_length > 0 && weighted_length <= config.max_weighted_length;
    let original_utf16 = utf16_len(text);
    let shift = original_utf16 as isize - at_utf16 as isize;
    let valid_range_end = (valid_display_index as isize + shift + 1).clamp(0, original_utf16 as isize) as usize;
    let valid_range_end_utf16 = if text.is_empty() { 0 } else { valid_range_end };
    XLength {
        weighted_length,
        valid,
        valid_range_end_utf16,
        fit_end: nfc.to_original(fit_end),
        urls: url_entities.iter().map(|u| (nfc.to_original(u.start), nfc.to_original(u.end))).collect(),
    }
}

/// The byte offset `units` UTF-16 units after byte `at`, rounded up to a char boundary, and
/// whether rounding up skipped the low half of a surrogate pair (1) or not (0).
fn advance_utf16(text: &str, at: usize, units: usize) -> (usize, usize) {
    let mut counted = 0;
    for (i, c) in text[at..].char_indices() {
        if counted >= units {
            return (at + i, usize::from(counted > units));
        }
        counted += c.len_utf16();
    }
    (text.len(), usize::from(counted > units))
}

/// Emoji sequences of `text` as the reference's global regex finds them, left to right.
fn emoji_entities(text: &str, emoji: &EmojiSet) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    for (i, c) in text.char_indices() {
        if i < at || !emoji.may_start(c) {
            continue;
        }
        if let Some(end) = emoji.match_at(text, i) {
            found.push((i, end));
            at = end;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closed form for ASCII gives what weighing character by character gives.
    #[test]
    fn ascii_closed_form_matches_the_unit_by_unit_weighing() {
        let no_emoji = EmojiSet::new("");
        let short = XConfig { max_weighted_length: 10, ..XConfig::v3() };
        let heavy = XConfig { ranges: vec![(0, 0x7F, 300)], ..XConfig::v3() };
        let greedy = XConfig { max_weighted_length: 1, scale: 100, ranges: vec![(0, 0x7F, 200)], ..XConfig::v3() };
        for config in [&XConfig::v3(), &XConfig::v2(), &short, &heavy, &greedy] {
            let weight = config.ascii_weight().unwrap();
            for len in [0, 1, 2, 9, 10, 11, 93, 94, 95, 279, 280, 281, 600] {
                let text: String = "Soldes d'hiver: -50% !\n\t".chars().cycle().take(len).collect();
                let slow = weigh_units(&text, &Nfc::new(&text), &[], config, &no_emoji);
                assert_eq!(weigh_ascii(text.len(), weight, config), slow, "{len} {:?}", config.ranges);
            }
        }
        let split = XConfig { ranges: vec![(0, 0x40, 100), (0x41, 0x7F, 200)], ..XConfig::v3() };
        assert_eq!(split.ascii_weight(), None, "letters weigh more than digits");
    }

    /// Narrow text without URLs, weighed character by character, gets what weighing unit by
    /// unit gets, with and without the emoji set's starters (© ® ‼).
    #[test]
    fn narrow_closed_form_matches_the_unit_by_unit_weighing() {
        let rules = super::super::LengthRules::builtin();
        let short = XConfig { max_weighted_length: 10, ..XConfig::v3() };
        let latin_heavy = XConfig { ranges: vec![(0, 0x7F, 100), (0x80, 0x2FF, 300)], ..XConfig::v3() };
        for config in [&XConfig::v3(), &XConfig::v2(), &short, &latin_heavy] {
            for unit in ["Déjà là ? ça coûte 5 $\n", "Prix ©, marque ®, ½ ¿ ÿ ", "a", "L’offre – “5 €” … ‼"]
            {
                for len in [0, 1, 9, 10, 11, 139, 140, 141, 279, 280, 281, 600] {
                    let text: String = unit.chars().cycle().take(len).collect();
                    let fast = weigh(&text, config, &rules.urls, &rules.x_emoji, None);
                    let slow = weigh_units(&text, &Nfc::new(&text), &[], config, &rules.x_emoji);
                    assert_eq!(fast, slow, "{text:?} {:?}", config.ranges);
                }
            }
        }
    }
}
