//! URL extraction exactly as X's reference implementation (twitter-text 3.1.0) does it, so
//! that each URL can weigh 23 as X counts it, and the Mastodon rule can find the URLs its
//! server shortens.
//!
//! The reference is one large backtracking regular expression with look-ahead, which the
//! `regex` crate cannot express and which takes quadratic time on long dotted runs. We
//! reproduce its semantics instead:
//! - a match is a `before` character (anything but `[A-Za-z0-9@＠$#＃]` and U+FFFE/FEFF/FFFF,
//!   or the start of the text), an optional `https?://`, a domain, then optional port, path
//!   and query;
//! - the domain is `label.`* `label.` TLD, where labels are runs of *domain characters*
//!   (anything but ASCII punctuation, spaces and directional marks), `_` and `-`, starting
//!   and ending with a domain character; the greedy `*` means the furthest label followed
//!   by a TLD wins. We precompute, right to left, the furthest such label for every label,
//!   so each attempt costs O(1) and the whole scan is linear;
//! - a TLD is the first entry of the reference's list (`data/x/tlds.txt`, in its order)
//!   that the text continues with, not followed by `[0-9a-zA-Z@+-]`, or a `xn--` label;
//! - port, path and query have no look-around: `url_tail` matches them by hand with the
//!   same semantics;
//! - then the reference's filters: a URL without protocol must not follow `-_./`, keeps
//!   only its ASCII-domain parts, and drops its query unless it has a path; `t.co` slugs
//!   are cut after the query; Punycode labels over 63 characters or URLs over 4096
//!   characters are rejected.

use rustc_hash::FxHashMap as HashMap;

use super::{punycode, url_tail};
use crate::text::normalize::Nfc;
use crate::text::span::utf16_len;

/// A URL found in a text, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Url {
    pub start: usize,
    pub end: usize,
    /// UTF-16 length of the URL as the reference writes it. It differs from the span when a
    /// scheme-less URL keeps only the ASCII part of its domain but its path too: the
    /// reference then skips this many units when weighing, not the whole span.
    pub len_utf16: usize,
}

impl Url {
    /// Whether the URL starts with `http://` or `https://` (in any case): those are the URLs
    /// Mastodon finds too.
    pub fn has_protocol(&self, text: &str) -> bool {
        let starts = |protocol: &str| text.get(self.start..self.start + protocol.len());
        ["https://", "http://"].iter().any(|p| starts(p).is_some_and(|s| s.eq_ignore_ascii_case(p)))
    }
}

/// The TLD list of the reference, in its order.
pub struct Tlds {
    /// TLDs as the list writes them, by the canonical form of their first char.
    by_first: HashMap<char, Vec<&'static str>>,
}

/// JavaScript's case-insensitive canonical form of a char (non-Unicode regex mode):
/// upper case when that is a single char that does not turn a non-ASCII char into ASCII.
fn canon(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if !u.is_ascii() && (u as u32 > 0xFFFF) == (c as u32 > 0xFFFF) => u,
        _ => c,
    }
}

/// Whether a TLD may end before `next` (the reference's `(?=[^0-9a-zA-Z@+-]|$)`).
fn tld_may_end_before(next: Option<char>) -> bool {
    !matches!(next, Some(c) if c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-'))
}

impl Tlds {
    /// Parses `data/x/tlds.txt`: comments, `[section]` lines, then one TLD a line.
    #[inline(never)] // see `Lexicons::builtin`
    pub fn parse(list: &'static str) -> Tlds {
        let mut by_first: HashMap<char, Vec<&'static str>> = HashMap::default();
        for line in list.lines().map(str::trim) {
            if line.starts_with('#') || line.starts_with('[') {
                continue;
            }
            if let Some(first) = line.chars().next() {
                by_first.entry(canon(first)).or_default().push(line);
            }
        }
        Tlds { by_first }
    }

    /// Whether some TLD starts with `c`, in any case (a Punycode one with `x`).
    pub fn may_start_with(&self, c: char) -> bool {
        c.eq_ignore_ascii_case(&'x') || self.by_first.contains_key(&canon(c))
    }

    /// End of the TLD starting at byte `at` of `s`, if any (list order, then Punycode).
    pub fn match_at(&self, s: &str, at: usize) -> Option<usize> {
        let rest = s.get(at..)?;
        let first = canon(rest.chars().next()?);
        if let Some(candidates) = self.by_first.get(&first) {
            'candidates: for tld in candidates {
                let mut chars = rest.char_indices();
                for expected in tld.chars() {
                    match chars.next() {
                        Some((_, c)) if canon(c) == canon(expected) => {}
                        _ => continue 'candidates,
                    }
                }
                let (end, next) = match chars.next() {
                    Some((i, c)) => (i, Some(c)),
                    None => (rest.len(), None),
                };
                if tld_may_end_before(next) {
                    return Some(at + end);
                }
            }
        }
        punycode_tld(rest).map(|end| at + end)
    }
}

/// `xn--[-0-9a-z]+`, case-insensitive, greedy.
fn punycode_tld(rest: &str) -> Option<usize> {
    let prefix = rest.get(..4)?;
    if !prefix.eq_ignore_ascii_case("xn--") {
        return None;
    }
    let tail = rest[4..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
    (tail > 0).then_some(4 + tail)
}

/// Characters that may start a match as its `before` character.
fn may_precede(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃' | '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'))
}

/// The reference's `validDomainChars`.
fn is_domain_char(c: char) -> bool {
    !matches!(c,
        '!' | '\'' | '#' | '%' | '&' | '(' | ')' | '*' | '+' | ',' | '\\' | '-' | '.' | '/' | ':' | ';'
        | '<' | '=' | '>' | '?' | '@' | '[' | ']' | '^' | '_' | '{' | '|' | '}' | '~' | '$'
        | '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'..='\u{200A}'
        | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        | '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'
        | '\u{202A}'..='\u{202E}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}')
}

/// The reference's `latinAccentChars`.
pub(super) fn is_latin_accent(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}' | '\u{100}'..='\u{24F}'
        | '\u{253}' | '\u{254}' | '\u{256}' | '\u{257}' | '\u{259}' | '\u{25B}' | '\u{263}' | '\u{268}'
        | '\u{26F}' | '\u{272}' | '\u{289}' | '\u{28B}' | '\u{2BB}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Characters of the labels of `validAsciiDomain`.
fn is_ascii_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || is_latin_accent(c)
}

/// A maximal run of label characters in a text.
struct Run {
    start: usize,
    end: usize,
    /// Byte offset of the last `_` in the run, if any.
    last_underscore: Option<usize>,
    ends_with_domain_char: bool,
    /// End of the TLD right after the run's dot, if one is there.
    tld_end: Option<usize>,
    /// End of the domain whose first label is this whole run (greedy over following labels).
    best_domain_end: Option<usize>,
}

/// The runs of one text that a dot follows (no other run is part of a domain) and that a
/// domain may start in, with the precomputed greedy domain ends.
struct Runs {
    runs: Vec<Run>,
}

impl Runs {
    /// Runs of chars for which `member` holds; `domain_char` tells which of them may start
    /// or end a label (all of them for ASCII domains; not `_` and `-` for domains). Generic,
    /// so that both tests are inlined in the loop over the chars of each run.
    fn new(
        text: &str,
        tlds: &Tlds,
        member: impl Fn(char) -> bool,
        domain_char: impl Fn(char) -> bool + Copy,
        underscore_allowed_in_last: bool,
    ) -> Runs {
        // only a run followed by a dot starts or continues a domain (a run without one ends
        // none): the runs are read back from each dot (`memchr`, many bytes at a time), and a
        // 10 MB text keeps a run per dotted word rather than per word (151 MB)
        let mut runs: Vec<Run> = Vec::new();
        for dot in memchr::memchr_iter(b'.', text.as_bytes()) {
            let mut run = Run {
                start: dot,
                end: dot,
                last_underscore: None,
                ends_with_domain_char: false,
                tld_end: None,
                best_domain_end: None,
            };
            for (i, c) in text[..dot].char_indices().rev().take_while(|&(_, c)| member(c)) {
                if run.start == dot {
                    run.ends_with_domain_char = domain_char(c);
                }
                if c == '_' && run.last_underscore.is_none() {
                    run.last_underscore = Some(i);
                }
                run.start = i;
            }
            if run.start < dot {
                run.tld_end = tlds.match_at(text, dot + 1);
                runs.push(run);
            }
        }
        // Right to left: the furthest label, reachable through subdomain labels, that is a
        // valid last label (no `_` unless allowed) followed by a TLD.
        let mut hosts = vec![false; runs.len()];
        for j in (0..runs.len()).rev() {
            let first_ok = text[runs[j].start..].chars().next().is_some_and(domain_char);
            let label_ok = first_ok && runs[j].ends_with_domain_char;
            let next_best =
                runs.get(j + 1).filter(|next| next.start == runs[j].end + 1).and_then(|n| n.best_domain_end);
            let via_next = if label_ok { next_best } else { None };
            let last_ok = label_ok && (underscore_allowed_in_last || runs[j].last_underscore.is_none());
            runs[j].best_domain_end = via_next.or(if last_ok { runs[j].tld_end } else { None });
            // a domain may start in the run (at its start or inside it) only through a TLD
            // after it or a domain from the next one
            hosts[j] = runs[j].tld_end.is_some() || next_best.is_some();
        }
        // the others start no domain and continue none: most dotted words of prose
        let mut hosting = hosts.into_iter();
        runs.retain(|_| hosting.next().unwrap_or(false));
        Runs { runs }
    }

    /// Index of the run containing byte `at`.
    fn containing(&self, at: usize) -> Option<usize> {
        let index = self.runs.partition_point(|r| r.end <= at);
        (index < self.runs.len() && self.runs[index].start <= at).then_some(index)
    }

    /// End of the domain starting at byte `at` (which may be inside a run).
    fn domain_end_at(
        &self,
        text: &str,
        at: usize,
        domain_char: fn(char) -> bool,
        underscore_allowed_in_last: bool,
    ) -> Option<usize> {
        let r = self.containing(at)?;
        let run = &self.runs[r];
        if at == run.start {
            return run.best_domain_end;
        }
        let first_ok = text[at..].chars().next().is_some_and(domain_char);
        let label_ok = first_ok && run.ends_with_domain_char;
        let chained = label_ok && r + 1 < self.runs.len() && self.runs[r + 1].start == run.end + 1;
        let via_next = if chained { self.runs[r + 1].best_domain_end } else { None };
        let last_ok = label_ok && (underscore_allowed_in_last || run.last_underscore.is_none_or(|u| u < at));
        via_next.or(if last_ok { run.tld_end } else { None })
    }
}

/// Whether some `.` of `text` is followed by a character a TLD starts with (in any case):
/// every URL X finds has one, its TLD following the last dot of its domain, and most
/// sentences' full stops (`fin.` `…”`) and decimal numbers (`3.5`) do not.
fn has_tld_dot(text: &str, tlds: &Tlds) -> bool {
    // most messages have a dot or two and no domain: `memchr` finds them many bytes at a time
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|dot| match bytes.get(dot + 1) {
        // every ASCII letter starts some TLD, nothing else in ASCII does (see the tests)
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
        Some(_) => text[dot + 1..].chars().next().is_some_and(|c| tlds.may_start_with(c)),
        None => false,
    })
}

/// Finds URLs the way X (and, with `schemeless` off, Mastodon) does.
pub struct UrlExtractor {
    tlds: Tlds,
}

/// One raw match of the reference expression.
struct RawMatch {
    before_start: usize,
    url_start: usize,
    protocol: bool,
    domain_end: usize,
    path_present: bool,
    end: usize,
}

/// How far after the position of a match's `before` character its domain may start: the
/// character itself (up to 4 bytes) and `https://`.
const REACH: usize = 12;
const MAX_URL_LENGTH: usize = 4096;
const MAX_TCO_SLUG_LENGTH: usize = 40;
const MAX_LABEL_LENGTH: usize = 63;

impl UrlExtractor {
    pub fn new(tlds: Tlds) -> UrlExtractor {
        UrlExtractor { tlds }
    }

    pub fn tlds(&self) -> &Tlds {
        &self.tlds
    }

    /// URLs of `text`, in order. `schemeless`: also URLs without `http(s)://` (X does,
    /// Mastodon's server does not).
    pub fn extract(&self, text: &str, schemeless: bool) -> Vec<Url> {
        let quick_reject = if schemeless { !has_tld_dot(text, &self.tlds) } else { !text.contains(':') };
        if quick_reject {
            return Vec::new();
        }
        let runs = Runs::new(text, &self.tlds, |c| is_domain_char(c) || c == '_' || c == '-', is_domain_char, false);
        let mut urls = Vec::new();
        let mut s = 0;
        // the first run that ends after `s`
        let mut next_run = 0;
        while s < text.len() {
            // a domain starts in a run (see `Runs`), at most `REACH` bytes after `s`: where no
            // run is that near, no match can be found
            while runs.runs.get(next_run).is_some_and(|run| run.end <= s) {
                next_run += 1;
            }
            let Some(run) = runs.runs.get(next_run) else {
                break;
            };
            if s + REACH < run.start {
                s = (run.start - REACH..).find(|&at| text.is_char_boundary(at)).unwrap_or(text.len());
                continue;
            }
            let Some(c) = text[s..].chars().next() else {
                break;
            };
            let next = s + c.len_utf8();
            let mut found = None;
            if c.len_utf16() == 2 {
                // The reference works on UTF-16 units: it takes the high surrogate as the
                // `before` character and tries a domain from the low one.
                found = self.match_domain_from(text, &runs, s, s, false);
            }
            if found.is_none() && may_precede(c) {
                found = self.match_at(text, &runs, s, next);
            }
            if found.is_none() && s == 0 {
                found = self.match_at(text, &runs, 0, 0);
            }
            match found {
                Some(m) => {
                    self.accept(text, &m, schemeless, &mut urls);
                    s = m.end.max(next);
                }
                None => s = next,
            }
        }
        urls
    }

    /// The URLs of `nfc`'s text, as X finds them, from `urls`, those of its original text
    /// `original`. No URL holds a space, and what is found after a space depends on nothing
    /// before it, nor what is found before it on anything after (the `before` character,
    /// labels, TLDs, port, path and query all stop at a space): only the stretches between
    /// two spaces that normalisation changed are searched again, and the other URLs move by
    /// what it added or removed before them.
    pub fn extract_normalized(&self, original: &str, urls: &[Url], nfc: &Nfc) -> Vec<Url> {
        let normalized = nfc.as_str();
        let moved = |url: &Url| Url { start: nfc.to_normalized(url.start), end: nfc.to_normalized(url.end), ..*url };
        let (mut found, mut urls) = (Vec::new(), urls.iter().peekable());
        let mut changed = nfc.changed_clusters().peekable();
        while let Some(cluster) = changed.next() {
            // from the space before the cluster to the one after it, or after the next
            // changed clusters that start before that one
            let start = original[..cluster.start].rfind(' ').unwrap_or(0);
            let mut end = cluster.end;
            loop {
                end = original[end..].find(' ').map_or(original.len(), |space| end + space);
                match changed.next_if(|next| next.start <= end) {
                    Some(next) => end = end.max(next.end),
                    None => break,
                }
            }
            while let Some(url) = urls.next_if(|url| url.start < start) {
                found.push(moved(url));
            }
            while urls.next_if(|url| url.start < end).is_some() {}
            let (from, to) = (nfc.to_normalized(start), nfc.to_normalized(end));
            let again = self.extract(&normalized[from..to], true);
            found.extend(again.into_iter().map(|url| Url { start: from + url.start, end: from + url.end, ..url }));
        }
        found.extend(urls.map(moved));
        found
    }

    /// A match whose URL starts at `url_start` (with or without protocol).
    fn match_at(&self, text: &str, runs: &Runs, before_start: usize, url_start: usize) -> Option<RawMatch> {
        let rest = &text[url_start..];
        for protocol in ["https://", "http://"] {
            if rest.get(..protocol.len()).is_some_and(|p| p.eq_ignore_ascii_case(protocol)) {
                if let Some(m) = self.match_domain_from(text, runs, before_start, url_start, true) {
                    return Some(m);
                }
                break;
            }
        }
        self.match_domain_from(text, runs, before_start, url_start, false)
    }

    fn match_domain_from(
        &self,
        text: &str,
        runs: &Runs,
        before_start: usize,
        url_start: usize,
        protocol: bool,
    ) -> Option<RawMatch> {
        let domain_start = if protocol { url_start + text[url_start..].find("//")? + 2 } else { url_start };
        let domain_end = runs.domain_end_at(text, domain_start, is_domain_char, false)?;
        let (tail, path_present) = url_tail::tail(&text[domain_end..]);
        let end = domain_end + tail;
        Some(RawMatch { before_start, url_start, protocol, domain_end, path_present, end })
    }

    /// Applies the reference's filters to a raw match and records what it keeps.
    fn accept(&self, text: &str, m: &RawMatch, schemeless: bool, urls: &mut Vec<Url>) {
        let url = &text[m.url_start..m.end];
        let domain_start = if m.protocol { m.url_start + url.find("//").unwrap_or(0) + 2 } else { m.url_start };
        let domain = &text[domain_start..m.domain_end];
        if !self.is_valid_url(url, if m.protocol { &url[..domain_start - m.url_start] } else { "https://" }, domain) {
            return;
        }
        if m.protocol {
            let mut end = m.end;
            if let Some((slug, kept)) = url_tail::tco(url) {
                if slug > MAX_TCO_SLUG_LENGTH {
                    return;
                }
                end = m.url_start + kept;
            }
            urls.push(Url { start: m.url_start, end, len_utf16: utf16_len(&text[m.url_start..end]) });
            return;
        }
        if !schemeless {
            return;
        }
        let before = &text[m.before_start..m.url_start];
        if before.ends_with(['-', '_', '.', '/']) {
            return;
        }
        // Each ASCII domain inside the matched domain is a URL; the last one takes the path
        // (and then the query) along, as the reference does.
        let ascii = self.ascii_domains(domain);
        let count = ascii.len();
        for (i, &(start, end)) in ascii.iter().enumerate() {
            let ascii_len = utf16_len(&domain[start..end]);
            if i + 1 == count && m.path_present {
                let after_domain = utf16_len(&text[m.domain_end..m.end]);
                urls.push(Url { start: domain_start + start, end: m.end, len_utf16: ascii_len + after_domain });
            } else {
                urls.push(Url { start: domain_start + start, end: domain_start + end, len_utf16: ascii_len });
            }
        }
    }

    /// The reference's `validAsciiDomain` matches inside a domain, as byte ranges.
    fn ascii_domains(&self, domain: &str) -> Vec<(usize, usize)> {
        let runs = Runs::new(domain, &self.tlds, is_ascii_domain_char, is_ascii_domain_char, true);
        let mut found = Vec::new();
        let mut from = 0;
        for run in &runs.runs {
            if run.end <= from {
                continue;
            }
            // Any start inside a run gives the same match (every label char may start a
            // label), so the leftmost start is the run start or where the last match ended.
            if let Some(end) = run.best_domain_end {
                found.push((run.start.max(from), end));
                from = end;
            }
        }
        found
    }

    /// The reference's `isValidUrl`: every label fits DNS once Punycode-encoded, and the
    /// URL with its protocol is at most 4096 characters.
    fn is_valid_url(&self, url: &str, protocol: &str, domain: &str) -> bool {
        if domain.starts_with("xn--") && self.ascii_domains(domain).is_empty() {
            return false;
        }
        let mut encoded_len = 0;
        for (i, label) in domain.split('.').enumerate() {
            let mut label_len = 0;
            for (j, part) in label.split(['\u{3002}', '\u{FF0E}', '\u{FF61}']).enumerate() {
                let points: Vec<u32> = part.chars().map(u32::from).collect();
                let Some(len) = punycode::ascii_label_len(&points) else {
                    return false;
                };
                label_len += len + usize::from(j > 0);
            }
            if !(1..=MAX_LABEL_LENGTH).contains(&label_len) {
                return false;
            }
            encoded_len += label_len + usize::from(i > 0);
        }
        // The reference measures the URL with its domain Punycode-encoded.
        let url_len = (utf16_len(url) + encoded_len).saturating_sub(utf16_len(domain));
        utf16_len(protocol) + url_len <= MAX_URL_LENGTH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URLs of a normalised text, found again only around what normalisation changed,
    /// are those found in the whole of it: decomposed accents, Kelvin signs and Ångström signs
    /// (which NFC turns into letters), reordered marks and a prepended mark before a space, in
    /// domains, TLDs, paths and between them.
    #[test]
    fn urls_are_found_again_only_where_normalisation_changed_the_text() {
        let rules = super::super::LengthRules::builtin();
        let pieces = [
            "example",
            "x",
            "www",
            ".",
            ".",
            ".com",
            ".fr",
            " ",
            " ",
            " ",
            "https://",
            "http://",
            "e\u{301}",
            "\u{212A}im",
            "bu\u{308}cher",
            "\u{212B}",
            "/path",
            "?q=1",
            ":80",
            "-",
            "_",
            "@",
            "#",
            "\u{600} ",
            "\u{301}\u{323}",
            "Å",
            "t.co/ab",
            "日本",
            "😀",
            "(",
            ")",
            "é",
            "…",
        ];
        let mut texts = crate::text::plain::shuffled_texts(&pieces, 6000, 29, 0x9E37_79B9_7F4A_7C15);
        texts.extend(crate::text::plain::sample_texts());
        let mut changed = 0;
        for text in &texts {
            let nfc = Nfc::new(text);
            let expected = rules.urls.extract(nfc.as_str(), true);
            let found = rules.urls.extract_normalized(text, &rules.urls.extract(text, true), &nfc);
            assert_eq!(found, expected, "{text:?}");
            changed += usize::from(nfc.changed() && !expected.is_empty());
        }
        assert!(changed > 1000, "{changed} texts with URLs that NFC changed");
    }

    /// The quick rejection keeps every URL (a TLD follows a dot) and drops decimal numbers,
    /// IP addresses and full stops before closing quotes, which X does not extract either
    /// (checked against twitter-text 3.1.0); the TLD vectors of the conformance tests check
    /// every TLD of the list, IDN and Punycode ones included.
    #[test]
    fn quick_rejection_keeps_every_domain() {
        let rules = super::super::LengthRules::builtin();
        let tlds = rules.urls.tlds();
        let found = |text: &str| -> Vec<String> {
            rules.urls(text, true).iter().map(|u| text[u.start..u.end].to_string()).collect()
        };
        assert_eq!(found("go to 3.5.com"), ["3.5.com"]);
        assert_eq!(found("a.1b.com"), ["a.1b.com"]);
        assert_eq!(found("test.日本.com or bücher.fr"), ["bücher.fr"]);
        assert_eq!(
            found("voir exemple.COM et exemple.рф ou exemple.XN--P1AI"),
            ["exemple.COM", "exemple.рф", "exemple.XN--P1AI"]
        );
        for c in (0..128u8).map(char::from) {
            assert_eq!(tlds.may_start_with(c), c.is_ascii_alphabetic(), "{c:?}");
        }
        for text in ["v2.0, 3.5 % and http://192.168.1.1/x", "C’est fini.’ « Non. » Ah.” Bon…"] {
            assert!(!has_tld_dot(text, tlds), "{text}");
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
