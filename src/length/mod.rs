//! Platform length rules: one [`Profile`] per platform field, each counting in a [`Unit`]
//! against a limit, reporting where the text stops fitting.
//!
//! The special rules (X weighting, SMS segments, Mastodon, Bluesky) live in their own
//! modules; the other units are plain counts over grapheme clusters, because an overflow
//! must never cut a user-perceived character in two.
//!
//! Most messages are *narrow* text (ASCII, Latin scripts, curly quotes, `€`: see
//! `is_narrow`), where every character is a cluster of its own that weighs 1 in every
//! counted unit. There the counts, SMS segments and X's weight are computed from the
//! characters without segmenting; the tests check each such path against the general one.
//! In any other text, only its complex regions (see [`crate::text::plain`]) are segmented,
//! and lengths are counted over the clusters' ranks rather than cluster by cluster where
//! they can be (totals, Bluesky, Mastodon).

pub mod profile;
mod punycode;
pub mod sms;
mod starts;
mod url_tail;
pub mod urls;
pub mod x;

pub use profile::{LimitKind, Profile, ProfileError, Unit};

use std::cell::OnceCell;

use unicode_width::UnicodeWidthChar;

use crate::text::emoji::EmojiSet;
use crate::text::normalize::below_combining_marks;
use crate::text::plain::{complex_regions, plain_cluster_end};
use crate::text::tokenize::is_mark;
use starts::Starts;
use urls::{Tlds, UrlExtractor};

/// Data the length rules need, parsed once.
pub struct LengthRules {
    urls: UrlExtractor,
    x_emoji: EmojiSet,
    x_config: x::XConfig,
}

/// How one text measures against one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// Length in the profile's unit.
    pub length: usize,
    pub valid: bool,
    /// Byte offset where the part that fits ends (the text's length when it all fits).
    pub fit_end: usize,
    pub detail: MeasureDetail,
}

/// What some units know beyond a length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeasureDetail {
    None,
    X { valid_range_end_utf16: usize },
    Sms(sms::SmsSplit),
    Bluesky { graphemes: usize, bytes: usize },
}

pub const BLUESKY_MAX_BYTES: usize = 3000;
const MASTODON_URL_LENGTH: usize = 23;

/// Whether every character of `text` is narrow ([`is_narrow_char`]): most messages in
/// Latin scripts, curly quotes included.
pub(crate) fn is_narrow(text: &str) -> bool {
    below_combining_marks(text) || text.chars().all(is_narrow_char)
}

/// Characters below U+0300 (Latin scripts and Latin-1 punctuation), the dashes, quotes,
/// bullet and ellipsis of U+2010..=U+2027, and `€`: each is a grapheme cluster of its own
/// (except CR LF), one UTF-16 unit, one column, not an emoji, and NFC whatever surrounds it.
fn is_narrow_char(c: char) -> bool {
    u32::from(c) < 0x300 || matches!(c, '\u{2010}'..='\u{2027}' | '€')
}

impl LengthRules {
    /// The rules with the embedded reference data (TLD list and emoji set of X).
    pub fn builtin() -> LengthRules {
        let tlds = Tlds::parse(include_str!(concat!(env!("OUT_DIR"), "/data-x-tlds.txt")));
        let x_emoji = EmojiSet::new(include_str!(concat!(env!("OUT_DIR"), "/data-x-emoji.txt")));
        LengthRules { urls: UrlExtractor::new(tlds), x_emoji, x_config: x::XConfig::v3() }
    }

    /// X's weighted length with a given configuration (v3 is the default).
    pub fn x_length(&self, text: &str, config: &x::XConfig) -> x::XLength {
        x::weigh(text, config, &self.urls, &self.x_emoji, None)
    }

    /// URLs of `text` as X finds them (with `schemeless`) or as Mastodon's server does.
    pub fn urls(&self, text: &str, schemeless: bool) -> Vec<urls::Url> {
        self.urls.extract(text, schemeless)
    }

    /// Measures `text` in `unit` against `limit`.
    pub fn measure(&self, text: &str, unit: Unit, limit: usize) -> Measure {
        self.measure_segmented(&Segmented::new(text), unit, limit)
    }

    /// Measures a text already split into grapheme clusters (split once, measured against
    /// every profile).
    pub fn measure_segmented(&self, segmented: &Segmented, unit: Unit, limit: usize) -> Measure {
        let text = segmented.text;
        let snap_to_grapheme = |_: &str, at: usize| segmented.floor(at);
        let count = |_: &str, limit: usize, unit: Counted| count(segmented, limit, unit);
        match unit {
            Unit::XWeighted => {
                // a profile with X's own limit (the usual case) needs no configuration of its own
                let other_limit;
                let config = if limit == self.x_config.max_weighted_length {
                    &self.x_config
                } else {
                    other_limit = x::XConfig { max_weighted_length: limit, ..x::XConfig::v3() };
                    &other_limit
                };
                let x = x::weigh(text, config, &self.urls, &self.x_emoji, Some(segmented.x_urls(&self.urls)));
                Measure {
                    length: x.weighted_length,
                    valid: x.valid,
                    fit_end: snap_to_grapheme(text, x.fit_end),
                    detail: MeasureDetail::X { valid_range_end_utf16: x.valid_range_end_utf16 },
                }
            }
            Unit::SmsSegments => {
                let split = if segmented.narrow {
                    sms::split_narrow(text)
                } else {
                    sms::split_clusters(segmented.sms_clusters())
                };
                let segments = split.segments();
                // CR LF may straddle two segments; the overflow starts with the whole cluster.
                let fit_end =
                    split.segment_starts.get(limit).map_or(text.len(), |&start| snap_to_grapheme(text, start));
                Measure { length: segments, valid: segments <= limit, fit_end, detail: MeasureDetail::Sms(split) }
            }
            Unit::Bluesky => {
                // the first cluster over either limit: the one past `limit` clusters, or the
                // one holding byte 3000 (the 3001st byte)
                let graphemes = segmented.clusters();
                let first_over_bytes = if text.len() <= BLUESKY_MAX_BYTES {
                    usize::MAX
                } else if segmented.simple {
                    BLUESKY_MAX_BYTES
                } else {
                    segmented.starts().up_to(BLUESKY_MAX_BYTES).saturating_sub(1)
                };
                let fit_end = segmented.cluster_start(limit.min(first_over_bytes));
                let bytes = text.len();
                Measure {
                    length: graphemes,
                    valid: graphemes <= limit && bytes <= BLUESKY_MAX_BYTES,
                    fit_end,
                    detail: MeasureDetail::Bluesky { graphemes, bytes },
                }
            }
            Unit::Mastodon => self.mastodon(segmented, limit),
            Unit::Graphemes => count(text, limit, Counted::Graphemes),
            Unit::CodePoints => count(text, limit, Counted::CodePoints),
            Unit::Utf16 => count(text, limit, Counted::Utf16),
            Unit::Utf8Bytes => count(text, limit, Counted::Utf8Bytes),
            Unit::Threads => count(text, limit, Counted::Threads),
            Unit::Hashtags => {
                let hashtags = hashtag_starts(text);
                let fit_end = hashtags.get(limit).copied().unwrap_or(text.len());
                Measure { length: hashtags.len(), valid: hashtags.len() <= limit, fit_end, detail: MeasureDetail::None }
            }
            Unit::DoubleWidth => count(text, limit, Counted::DoubleWidth),
        }
    }

    /// Mastodon's server rule: URLs with a protocol count 23, `@user@domain` counts as
    /// `@user`, and the rest counts in grapheme clusters.
    fn mastodon(&self, segmented: &Segmented, limit: usize) -> Measure {
        let text = segmented.text;
        // X's URLs less the scheme-less ones: what Mastodon finds (a test checks the two agree)
        let x_urls = segmented.x_urls(&self.urls);
        let urls: Vec<urls::Url> = x_urls.iter().filter(|url| url.has_protocol(text)).copied().collect();
        let mentions = mastodon_remote_domains(text);
        if urls.is_empty() && mentions.is_empty() {
            // every cluster counts 1
            return count(segmented, limit, Counted::Graphemes);
        }
        // Each cluster counts 1, but a URL that starts on one counts 23 up to its end, and a
        // mention's domain that starts on one counts 0 to its end: from one to the next, the
        // clusters are counted by their ranks. URLs are taken in order (one that does not
        // start on a cluster, after a prepended mark, stops the others from counting).
        let mut length = 0;
        let mut fit_end = text.len();
        let (mut start, mut next_url, mut next_mention) = (0, 0, 0);
        let on_cluster = |at: usize| segmented.floor(at) == at;
        while start < text.len() {
            while mentions.get(next_mention).is_some_and(|m| m.0 < start || !on_cluster(m.0)) {
                next_mention += 1;
            }
            let url = urls.get(next_url).filter(|u| u.start >= start && on_cluster(u.start));
            let mention = mentions.get(next_mention);
            let stop = url.map_or(text.len(), |u| u.start).min(mention.map_or(text.len(), |m| m.0));
            let (before, clusters) = (segmented.rank(start), segmented.rank(stop) - segmented.rank(start));
            if length + clusters > limit && fit_end == text.len() {
                fit_end = segmented.cluster_start(before + limit - length);
            }
            length += clusters;
            let (end, weight) = match (url, mention) {
                (Some(url), _) if url.start == stop => {
                    next_url += 1;
                    (url.end, MASTODON_URL_LENGTH)
                }
                (_, Some(&(at, domain_end))) if at == stop => (domain_end, 0),
                _ => break,
            };
            length += weight;
            if length > limit && fit_end == text.len() {
                fit_end = stop;
            }
            start = segmented.ceil(end);
        }
        Measure { length, valid: length <= limit, fit_end: segmented.floor(fit_end), detail: MeasureDetail::None }
    }
}

/// A text split into extended grapheme clusters, once for every profile.
pub struct Segmented<'a> {
    text: &'a str,
    /// Byte offset of each cluster, found when a profile first needs them (an X profile
    /// within its limit does not); never in `simple` text, where every byte is a cluster.
    starts: OnceCell<Starts>,
    /// The number of clusters, when known without finding them (`narrow` text).
    narrow_clusters: usize,
    /// ASCII without CR: every byte is one grapheme, code point, UTF-16 unit and column.
    simple: bool,
    /// [`is_narrow`] without CR: every character is one cluster that weighs 1 in every
    /// counted unit but UTF-8 bytes (`simple` text is narrow).
    narrow: bool,
    /// The URLs of the text as X finds them, when the caller has them already.
    urls: Option<&'a [urls::Url]>,
    /// The same, found by the first profile that needs them (X and Mastodon both do).
    found_urls: OnceCell<Vec<urls::Url>>,
    /// The length of the text in each counted unit, computed in one pass over the clusters
    /// for the first profile that counts and shared by the others (31 profiles, 6 units).
    totals: OnceCell<[usize; Counted::ALL.len()]>,
}

/// The units counted cluster by cluster.
#[derive(Debug, Clone, Copy)]
enum Counted {
    Graphemes,
    CodePoints,
    Utf16,
    Utf8Bytes,
    Threads,
    DoubleWidth,
}

impl Counted {
    /// Every unit, in discriminant order.
    const ALL: [Counted; 6] = [
        Counted::Graphemes,
        Counted::CodePoints,
        Counted::Utf16,
        Counted::Utf8Bytes,
        Counted::Threads,
        Counted::DoubleWidth,
    ];

    /// What one cluster weighs.
    fn weight(self, g: &str) -> usize {
        match self {
            Counted::Graphemes => 1,
            Counted::CodePoints => g.chars().count(),
            Counted::Utf16 => g.encode_utf16().count(),
            Counted::Utf8Bytes => g.len(),
            Counted::Threads => {
                if is_emoji_grapheme(g) {
                    g.len()
                } else {
                    1
                }
            }
            Counted::DoubleWidth => g.chars().map(|c| if c.width() == Some(2) { 2 } else { 1 }).max().unwrap_or(1),
        }
    }
}

impl<'a> Segmented<'a> {
    pub fn new(text: &'a str) -> Segmented<'a> {
        let no_cr = memchr::memchr(b'\r', text.as_bytes()).is_none();
        let simple = no_cr && text.is_ascii();
        let narrow = simple || (no_cr && is_narrow(text));
        let narrow_clusters = if simple {
            text.len()
        } else if narrow {
            text.chars().count()
        } else {
            0
        };
        Segmented {
            text,
            starts: OnceCell::new(),
            narrow_clusters,
            simple,
            narrow,
            urls: None,
            found_urls: OnceCell::new(),
            totals: OnceCell::new(),
        }
    }

    /// [`Segmented::new`] without the shortcuts of ASCII and narrow text, every cluster found
    /// by UAX #29 (the tests compare the two).
    #[cfg(test)]
    fn general(text: &'a str) -> Segmented<'a> {
        let clusters = unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true);
        let starts = OnceCell::from(Starts::new(clusters.map(|(i, _)| i), text.len()));
        Segmented {
            text,
            starts,
            narrow_clusters: 0,
            simple: false,
            narrow: false,
            urls: None,
            found_urls: OnceCell::new(),
            totals: OnceCell::new(),
        }
    }

    /// Byte offset of each cluster (none for `simple` text).
    fn starts(&self) -> &Starts {
        self.starts.get_or_init(|| if self.simple { Starts::default() } else { Starts::of(self.text) })
    }

    /// With the URLs X finds in the text (scheme-less ones included), when found already.
    pub fn with_urls(self, urls: Option<&'a [urls::Url]>) -> Segmented<'a> {
        Segmented { urls, ..self }
    }

    /// The URLs of the text as X finds them (scheme-less ones included).
    fn x_urls(&self, extractor: &UrlExtractor) -> &[urls::Url] {
        self.urls.unwrap_or_else(|| self.found_urls.get_or_init(|| extractor.extract(self.text, true)))
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// (start, cluster) pairs.
    pub fn iter(&self) -> Clusters<'_, 'a> {
        let step = match (self.simple, self.narrow) {
            (true, _) => Step::Byte,
            (false, true) => Step::Char,
            (false, false) => Step::Starts(self.starts()),
        };
        Clusters { text: self.text, step, next: 0, crlf_apart: false }
    }

    /// The clusters as SMS counts them: CR LF is two.
    fn sms_clusters(&self) -> Clusters<'_, 'a> {
        Clusters { crlf_apart: true, ..self.iter() }
    }

    /// The number of clusters.
    fn clusters(&self) -> usize {
        if self.narrow { self.narrow_clusters } else { self.starts().len() }
    }

    /// The number of clusters before byte `at`, which starts one (or ends the text).
    fn rank(&self, at: usize) -> usize {
        match at {
            _ if at >= self.text.len() => self.clusters(),
            _ if self.simple => at,
            _ => self.starts().up_to(at) - 1,
        }
    }

    /// The start of the first cluster at or after byte `at` (a char boundary).
    fn ceil(&self, at: usize) -> usize {
        if self.floor(at) == at { at } else { self.starts().after(at).unwrap_or(self.text.len()) }
    }

    /// Byte offset of cluster `k` (the text's end for `k` past the last one).
    fn cluster_start(&self, k: usize) -> usize {
        if self.simple { k.min(self.text.len()) } else { self.starts().get(k).unwrap_or(self.text.len()) }
    }

    /// The text's length in `unit`.
    fn total(&self, unit: Counted) -> usize {
        if self.narrow {
            return if let Counted::Utf8Bytes = unit { self.text.len() } else { self.clusters() };
        }
        let totals = self.totals.get_or_init(|| {
            // a plain character is a cluster of its own and weighs 1 but in bytes: only the
            // clusters of the complex regions are weighed one by one
            let mut totals = [0; Counted::ALL.len()];
            let mut plain = self.text.chars().count();
            for region in complex_regions(self.text) {
                plain -= self.text[region.clone()].chars().count();
                let clusters = Clusters { next: region.start, ..self.iter() };
                for (_, cluster) in clusters.take_while(|&(start, _)| start < region.end) {
                    for unit in Counted::ALL {
                        totals[unit as usize] += unit.weight(cluster);
                    }
                }
            }
            for unit in Counted::ALL {
                totals[unit as usize] += if let Counted::Utf8Bytes = unit { 0 } else { plain };
            }
            totals[Counted::Utf8Bytes as usize] = self.text.len();
            totals
        });
        totals[unit as usize]
    }

    /// The start of the cluster containing byte `at` (the text's end for `at` past it).
    pub fn floor(&self, at: usize) -> usize {
        if at >= self.text.len() {
            return self.text.len();
        }
        if self.simple {
            return at;
        }
        if self.narrow {
            return crate::text::span::floor_char_boundary(self.text, at);
        }
        let k = self.starts().up_to(at);
        if k == 0 { 0 } else { self.starts().get(k - 1).unwrap_or(0) }
    }
}

/// The (start, cluster) pairs of a [`Segmented`] text.
#[derive(Clone)]
pub struct Clusters<'s, 'a> {
    text: &'a str,
    step: Step<'s>,
    /// The next cluster's byte offset.
    next: usize,
    /// Whether CR LF is two clusters (as SMS counts them).
    crlf_apart: bool,
}

/// How [`Clusters`] finds the next cluster.
#[derive(Clone, Copy)]
enum Step<'s> {
    /// Simple text: every byte.
    Byte,
    /// Narrow text: every character.
    Char,
    /// Any text: the cluster starts found by UAX #29 (but where a plain character is
    /// followed by another, see [`crate::text::plain`]).
    Starts(&'s Starts),
}

impl<'a> Iterator for Clusters<'_, 'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let at = self.next;
        if at >= self.text.len() {
            return None;
        }
        let (start, end) = match self.step {
            Step::Byte => (at, at + 1),
            Step::Char => (at, at + self.text[at..].chars().next()?.len_utf8()),
            Step::Starts(starts) => {
                let end = if let Some(end) = plain_cluster_end(self.text, at) {
                    end
                } else if self.crlf_apart && self.text.as_bytes().get(at..at + 2) == Some(b"\r\n") {
                    at + 1
                } else {
                    starts.after(at).unwrap_or(self.text.len())
                };
                (at, end)
            }
        };
        let cluster = self.text.get(start..end)?;
        self.next = end;
        Some((start, cluster))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let bytes_left = self.text.len().saturating_sub(self.next);
        match self.step {
            Step::Byte => (bytes_left, Some(bytes_left)),
            Step::Char => (bytes_left.div_ceil(4), Some(bytes_left)),
            // one cluster may be thousands of bytes (combining marks)
            Step::Starts(_) => (usize::from(bytes_left > 0), Some(bytes_left)),
        }
    }
}

/// Counts `unit` over grapheme clusters; the part that fits ends before the first cluster
/// that takes the total over `limit`.
fn count(segmented: &Segmented, limit: usize, unit: Counted) -> Measure {
    let text = segmented.text;
    let length = segmented.total(unit);
    let mut fit_end = text.len();
    if length > limit {
        // the first cluster whose running total passes the limit starts the overflow
        fit_end = match unit {
            Counted::Utf8Bytes => segmented.floor(limit),
            Counted::Graphemes => segmented.cluster_start(limit),
            _ if segmented.narrow => segmented.cluster_start(limit),
            _ => {
                let mut total = 0;
                let first_over = segmented.iter().find(|&(_, cluster)| {
                    total += unit.weight(cluster);
                    total > limit
                });
                first_over.map_or(text.len(), |(start, _)| start)
            }
        };
    }
    Measure { length, valid: length <= limit, fit_end, detail: MeasureDetail::None }
}

/// Whether a grapheme cluster is an emoji: it starts with a pictographic character
/// (symbols, dingbats, the emoji planes, regional indicators), or with a non-letter that an
/// emoji presentation selector U+FE0F turns into one (©️, 1️⃣).
pub(crate) fn is_emoji_grapheme(g: &str) -> bool {
    let Some(first) = g.chars().next() else { return false };
    let pictographic = matches!(first, '\u{2300}'..='\u{23FF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}' | '\u{1F000}'..='\u{1FAFF}');
    pictographic || (!first.is_alphabetic() && g.contains('\u{FE0F}'))
}

/// Byte offsets of the hashtags of `text`: `#` or `＃` not after a letter, digit, `_` or `&`,
/// followed by letters, marks, digits or `_` including at least one letter.
fn hashtag_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    // `#` and the first byte of `＃` (EF BC 83), searched many bytes at a time
    for i in memchr::memchr2_iter(b'#', 0xEF, text.as_bytes()) {
        let Some(c) = text[i..].chars().next().filter(|&c| matches!(c, '#' | '＃')) else {
            continue;
        };
        let previous = text[..i].chars().next_back();
        if previous.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '&') {
            continue;
        }
        let body = text[i + c.len_utf8()..].chars().take_while(|&c| c.is_alphanumeric() || c == '_' || is_mark(c));
        let mut has_letter = false;
        for c in body {
            has_letter |= c.is_alphabetic();
        }
        if has_letter {
            starts.push(i);
        }
    }
    starts
}

/// Byte ranges `@domain` of Mastodon remote mentions `@user@domain` (the part that does not
/// count), following Mastodon's `MENTION_RE`: not after `=`, `/` or a word character;
/// user `[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?`; domain `[\w.-]+\w+`.
fn mastodon_remote_domains(text: &str) -> Vec<(usize, usize)> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || is_mark(c);
    let mut found = Vec::new();
    for i in memchr::memchr_iter(b'@', text.as_bytes()) {
        if text[..i].chars().next_back().is_some_and(|p| p == '=' || p == '/' || word(p)) {
            continue;
        }
        let rest = &text[i + 1..];
        let user_len = mastodon_username_len(rest);
        if user_len == 0 {
            continue;
        }
        let after_user = &rest[user_len..];
        let Some(domain) = after_user.strip_prefix('@') else {
            continue;
        };
        // `[\w.-]+\w+`: greedy, then give back to end on a word character.
        let run: usize = domain.chars().take_while(|&c| word(c) || c == '.' || c == '-').map(char::len_utf8).sum();
        let run_text = &domain[..run];
        let Some(last_word) = run_text.char_indices().rfind(|&(_, c)| word(c)) else {
            continue;
        };
        let domain_len = last_word.0 + last_word.1.len_utf8();
        if domain_len < 2 {
            continue;
        }
        let start = i + 1 + user_len;
        found.push((start, start + 1 + domain_len));
    }
    found
}

/// Length of the Mastodon username at the start of `s` (`[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?`).
fn mastodon_username_len(s: &str) -> usize {
    let is_end = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let run = s.bytes().take_while(|&b| is_end(b) || b == b'.' || b == b'-').count();
    let head = s.bytes().take_while(|&b| is_end(b)).count();
    if head == 0 {
        return 0;
    }
    // the optional group must end on [a-z0-9_]: back off to the last such byte of the run
    let last_end = s.as_bytes()[..run].iter().rposition(|&b| is_end(b)).map_or(0, |p| p + 1);
    last_end.max(head)
}

#[cfg(test)]
mod tests {
    /// The fast paths of ASCII and narrow text give what counting grapheme by grapheme gives.
    #[test]
    fn narrow_counts_match_the_general_count() {
        let rules = LengthRules::builtin();
        let texts = [
            "",
            "a",
            "Soldes -50 % !",
            "tab\there\nnew line\u{7}",
            "#soldes c#sharp @alice@example.social see https://example.com/x or example.org [promo] {50%} ~`|",
            &"x".repeat(300),
            &"y".repeat(3500),
            &"Ext [chars] ^ ".repeat(30),
            &"a`b ".repeat(100),
            "Déjà là ? Oui, à 18 h : -50 % sur l'été ! #été",
            &format!("a{}", "é".repeat(1600)),
            &"Ça coûte 5 $ ".repeat(30),
            &"L’offre « -50 % » – “dès” 5 € … ".repeat(12),
        ];
        for text in texts {
            let fast = Segmented::new(text);
            assert!(fast.simple || fast.narrow);
            let slow = Segmented::general(text);
            assert_eq!(fast.iter().collect::<Vec<_>>(), slow.iter().collect::<Vec<_>>());
            for unit in Unit::ALL {
                for limit in [0, 1, 5, 153, 280, 3001, 5000] {
                    let (a, b) =
                        (rules.measure_segmented(&fast, unit, limit), rules.measure_segmented(&slow, unit, limit));
                    assert_eq!(a, b, "{text:?} {unit} {limit}");
                }
            }
            for at in 0..=text.len() + 1 {
                assert_eq!(fast.floor(at), slow.floor(at), "{text:?} {at}");
            }
        }
        assert!(!Segmented::new("a\r\nb").simple && !Segmented::new("é").simple);
    }

    /// On texts of every kind of cluster, short and over Bluesky's byte limit, the clusters,
    /// SMS's clusters, the totals and Bluesky's rule give what a reading of UAX #29's clusters
    /// gives, and every unit measures as on the clusters UAX #29 finds in the whole text.
    #[test]
    fn measures_match_a_reading_of_every_cluster() {
        let rules = LengthRules::builtin();
        let short = crate::text::plain::sample_texts();
        let long: Vec<String> = short.chunks(150).map(|texts| texts.concat()).collect();
        for text in short.iter().chain(&long) {
            let segmented = Segmented::new(text);
            let clusters: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(segmented.iter().collect::<Vec<_>>(), clusters, "{text:?}");
            let sms = clusters.iter().flat_map(|&(i, g)| match g {
                "\r\n" => vec![(i, "\r"), (i + 1, "\n")],
                _ => vec![(i, g)],
            });
            assert!(segmented.sms_clusters().eq(sms), "{text:?}");
            for unit in Counted::ALL {
                let total: usize = clusters.iter().map(|(_, g)| unit.weight(g)).sum();
                assert_eq!(segmented.total(unit), total, "{text:?} {unit:?}");
            }
            let general = Segmented::general(text);
            for limit in [0, 3, 30, 300, 5000] {
                let over = clusters.iter().enumerate().find(|&(k, (start, g))| k >= limit || start + g.len() > 3000);
                let bluesky = rules.measure_segmented(&segmented, Unit::Bluesky, limit);
                assert_eq!(bluesky.fit_end, over.map_or(text.len(), |(_, (start, _))| *start), "{text:?} {limit}");
                assert_eq!(bluesky.length, clusters.len());
                for unit in Unit::ALL {
                    let (a, b) = (
                        rules.measure_segmented(&segmented, unit, limit),
                        rules.measure_segmented(&general, unit, limit),
                    );
                    assert_eq!(a, b, "{text:?} {unit} {limit}");
                }
            }
        }
    }

    /// Mastodon's count, from one URL or mention to the next, gives what counting cluster by
    /// cluster gives, with URLs and mentions among every kind of cluster (and after a
    /// prepended mark, inside a cluster).
    #[test]
    fn mastodon_counts_as_cluster_by_cluster() {
        let rules = LengthRules::builtin();
        let by_clusters = |segmented: &Segmented, limit: usize| {
            let text = segmented.text;
            let urls: Vec<urls::Url> =
                segmented.x_urls(&rules.urls).iter().filter(|url| url.has_protocol(text)).copied().collect();
            let mentions = mastodon_remote_domains(text);
            let (mut length, mut fit_end, mut at) = (0, text.len(), 0);
            let (mut next_url, mut next_mention) = (0, 0);
            for (start, g) in segmented.iter() {
                if start < at {
                    continue;
                }
                while next_mention < mentions.len() && mentions[next_mention].0 < start {
                    next_mention += 1;
                }
                let (end, weight) = if let Some(url) = urls.get(next_url).filter(|u| u.start == start) {
                    next_url += 1;
                    (url.end, MASTODON_URL_LENGTH)
                } else if let Some(&(_, domain_end)) = mentions.get(next_mention).filter(|m| m.0 == start) {
                    (domain_end, 0)
                } else {
                    (start + g.len(), 1)
                };
                length += weight;
                if length > limit && fit_end == text.len() {
                    fit_end = start;
                }
                at = end;
            }
            (length, fit_end)
        };
        let pieces = [
            "https://example.com/a",
            "http://x.fr",
            "@alice@example.social",
            "@bob",
            " ",
            " ",
            "\u{600}",
            "é",
            "e\u{301}",
            "😀",
            "\r\n",
            "a",
            "日本",
            "example.com",
            "’",
        ];
        for text in crate::text::plain::shuffled_texts(&pieces, 3000, 29, 0x2545_F491_4F6C_DD1D) {
            for segmented in [Segmented::new(&text), Segmented::general(&text)] {
                for limit in [0, 1, 5, 23, 30, 60, 500] {
                    let m = rules.measure_segmented(&segmented, Unit::Mastodon, limit);
                    assert_eq!((m.length, m.fit_end), by_clusters(&segmented, limit), "{text:?} {limit}");
                }
            }
        }
    }

    /// The ASCII fast path splits exactly as UAX #29 does (every string of up to 5 of these
    /// bytes).
    #[test]
    fn ascii_segmentation_matches_uax29() {
        let alphabet = ['a', '\r', '\n', '\t', ' ', '\u{7f}', '\u{0}'];
        let mut level = vec![String::new()];
        let mut texts = level.clone();
        for _ in 0..5 {
            level = level.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(level.iter().cloned());
        }
        for text in &texts {
            let expected: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
            let found: Vec<usize> = Segmented::new(text).iter().map(|(i, _)| i).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    /// Counting gives, for every limit, the length and the start of the first cluster whose
    /// running total passes the limit, whatever shortcut a unit takes.
    #[test]
    fn counts_stop_at_the_first_cluster_over_the_limit() {
        let texts = ["Déjà là ?\r\nOui 👍🏽 日本", "e\u{301}té ❤️ 🇫🇷 ａ", "l’offre\r\n\r\n"];
        for text in texts {
            let segmented = Segmented::new(text);
            for unit in Counted::ALL {
                let mut running = Vec::new();
                let mut total = 0;
                for (start, cluster) in segmented.iter() {
                    total += unit.weight(cluster);
                    running.push((start, total));
                }
                for limit in 0..=total + 1 {
                    let fit_end = running.iter().find(|&&(_, t)| t > limit).map_or(text.len(), |&(start, _)| start);
                    let m = count(&segmented, limit, unit);
                    assert_eq!((m.length, m.valid, m.fit_end), (total, total <= limit, fit_end), "{text:?} {unit:?}");
                }
            }
        }
    }

    /// Every narrow character is its own cluster (except CR LF), as the narrow path of
    /// [`Segmented::starts`] assumes: checked against UAX #29 for every such character,
    /// between letters, doubled, and next to CR and LF.
    #[test]
    fn narrow_characters_never_join() {
        assert!(below_combining_marks("\u{2FF}") && !below_combining_marks("\u{300}"));
        let narrow: Vec<char> = (0..0x3000).filter_map(char::from_u32).filter(|&c| is_narrow_char(c)).collect();
        assert_eq!(narrow.len(), 0x300 + 0x18 + 1);
        for c in narrow {
            for text in [format!("a{c}a"), format!("{c}{c}"), format!("\r{c}\n"), format!("é{c}\r\n{c}")] {
                let expected: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
                let found: Vec<usize> = Segmented::new(&text).iter().map(|(i, _)| i).collect();
                assert_eq!(found, expected, "{text:?}");
            }
        }
    }

    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn mastodon_remote_mentions_count_as_local_part() {
        let rules = LengthRules::builtin();
        let m = rules.measure("hi @alice@example.social!", Unit::Mastodon, 500);
        assert_eq!(m.length, "hi @alice!".len());
        let url = rules.measure("see https://example.com/a/very/long/path/indeed/yes ok", Unit::Mastodon, 500);
        assert_eq!(url.length, 4 + 23 + 3);
        let schemeless = rules.measure("example.com", Unit::Mastodon, 500);
        assert_eq!(schemeless.length, 11, "the server does not shorten scheme-less URLs");
        let email = rules.measure("mail a@b.c", Unit::Mastodon, 500);
        assert_eq!(email.length, 10, "a@ preceded by a word character is not a mention");
    }

    #[test]
    fn overflow_starts_on_a_grapheme_boundary() {
        let rules = LengthRules::builtin();
        let text = "ab\u{1F44D}\u{1F3FD}cd";
        let m = rules.measure(text, Unit::CodePoints, 3);
        assert_eq!(m.length, 6);
        assert_eq!(m.fit_end, 2, "the thumbs-up with its skin tone does not fit whole");
        let m = rules.measure(text, Unit::Graphemes, 3);
        assert_eq!((m.length, m.fit_end, m.valid), (5, 10, false));
    }

    #[test]
    fn threads_counts_emoji_in_bytes() {
        let rules = LengthRules::builtin();
        assert_eq!(rules.measure("Top 👍", Unit::Threads, 500).length, 4 + 4);
        assert_eq!(rules.measure("été ❤️", Unit::Threads, 500).length, 4 + 6);
    }

    #[test]
    fn hashtags_are_counted_and_overflow_at_the_first_extra_one() {
        let rules = LengthRules::builtin();
        let text = "#soldes #BlackFriday c#sharp #2024 #été&co #_x";
        let m = rules.measure(text, Unit::Hashtags, 2);
        assert_eq!(m.length, 4, "c#sharp is not a hashtag, #2024 has no letter");
        assert!(!m.valid);
        assert!(text[m.fit_end..].starts_with("#été"));
        let wide = rules.measure("＃soldes a＃b é＃c ＃１ 日＃x ＃＃y", Unit::Hashtags, 1);
        assert_eq!(wide.length, 2, "fullwidth signs too, not after a letter, nor without one");
    }

    #[test]
    fn double_width_counts_cjk_twice() {
        let rules = LengthRules::builtin();
        assert_eq!(rules.measure("日本語ad", Unit::DoubleWidth, 30).length, 8);
        assert_eq!(rules.measure("Ｓａｌｅ", Unit::DoubleWidth, 30).length, 8, "fullwidth forms");
    }
}
