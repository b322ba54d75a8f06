//! Length profiles: a named field of a platform (an X post, a Google Ads headline…), the unit
//! it is counted in, its limit, and whether exceeding it is rejected or merely unwise. The
//! built-in profiles are data (`data/profiles.tsv`, with a source for each); users add their
//! own through the library API or the config file.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What a length is counted in.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// X's weighted length (twitter-text v3): URLs 23, emoji 2, CJK 2, Latin 1.
    XWeighted,
    /// SMS segments (GSM-7 160/153 septets, else UCS-2 70/67 units).
    SmsSegments,
    /// Extended grapheme clusters (user-perceived characters).
    Graphemes,
    /// Unicode scalar values.
    CodePoints,
    /// UTF-16 code units (a JavaScript or Java string's length).
    Utf16,
    /// UTF-8 bytes.
    Utf8Bytes,
    /// Graphemes, counting 2 for East Asian wide and fullwidth characters.
    DoubleWidth,
    /// Mastodon's server rule: graphemes, URLs 23, remote mentions as their local part.
    Mastodon,
    /// Bluesky's rule: graphemes, and at most 3000 UTF-8 bytes.
    Bluesky,
    /// Threads' rule: graphemes, except that an emoji counts its UTF-8 bytes.
    Threads,
    /// Number of hashtags (`#word`), for platforms that cap them.
    Hashtags,
}

impl Unit {
    pub const ALL: [Unit; 11] = [
        Unit::XWeighted,
        Unit::SmsSegments,
        Unit::Graphemes,
        Unit::CodePoints,
        Unit::Utf16,
        Unit::Utf8Bytes,
        Unit::DoubleWidth,
        Unit::Mastodon,
        Unit::Bluesky,
        Unit::Threads,
        Unit::Hashtags,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Unit::XWeighted => "x-weighted",
            Unit::SmsSegments => "sms-segments",
            Unit::Graphemes => "graphemes",
            Unit::CodePoints => "code-points",
            Unit::Utf16 => "utf16",
            Unit::Utf8Bytes => "utf8-bytes",
            Unit::DoubleWidth => "double-width",
            Unit::Mastodon => "mastodon",
            Unit::Bluesky => "bluesky",
            Unit::Threads => "threads",
            Unit::Hashtags => "hashtags",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> Result<Unit, String> {
        Unit::ALL.into_iter().find(|u| u.name() == s).ok_or_else(|| {
            let names: Vec<&str> = Unit::ALL.iter().map(|u| u.name()).collect();
            format!("unknown unit `{s}` (expected one of: {})", names.join(", "))
        })
    }
}

/// Whether the platform enforces a limit or a length is only a display or best-practice cut.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitKind {
    /// The platform rejects or truncates a longer text.
    Hard,
    /// A display cut-off or recommendation: a warning, not an error.
    Heuristic,
}

impl FromStr for LimitKind {
    type Err = String;

    fn from_str(s: &str) -> Result<LimitKind, String> {
        match s {
            "hard" => Ok(LimitKind::Hard),
            "heuristic" => Ok(LimitKind::Heuristic),
            _ => Err(format!("unknown limit kind `{s}` (expected `hard` or `heuristic`)")),
        }
    }
}

/// A platform field's length rule.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Key in reports, e.g. `x`, `sms`, `google_ads_headline`. Every report names every
    /// profile: a built-in name is borrowed, so naming costs nothing (no reference count to
    /// update, as a shared `Arc` had).
    pub name: Cow<'static, str>,
    pub unit: Unit,
    pub limit: usize,
    pub kind: LimitKind,
    /// Where the rule comes from (documentation URL or source file).
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
}

impl Profile {
    pub fn new(name: impl Into<Cow<'static, str>>, unit: Unit, limit: usize, kind: LimitKind) -> Profile {
        Profile { name: name.into(), unit, limit, kind, source: String::new(), note: String::new() }
    }
}

/// An error in a profile table, with its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ProfileError {}

/// Parses a profile table: `#` comments, a header line starting with `name`, then
/// `name<TAB>unit<TAB>limit<TAB>kind<TAB>urls<TAB>source<TAB>note` (the last three optional).
#[inline(never)] // see `Lexicons::builtin`
pub fn parse_profiles(table: &'static str) -> Result<Vec<Profile>, ProfileError> {
    let mut profiles: Vec<Profile> = Vec::new();
    for (index, line) in table.lines().enumerate() {
        let line_number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("name\t") {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let column_of = |field: usize| fields[..field].iter().map(|f| f.chars().count() + 1).sum::<usize>() + 1;
        let error =
            |field: usize, message: String| ProfileError { line: line_number, column: column_of(field), message };
        if fields.len() < 4 {
            return Err(error(
                0,
                format!("expected at least 4 tab-separated fields (name, unit, limit, kind), found {}", fields.len()),
            ));
        }
        let name = fields[0].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err(error(0, format!("profile name `{name}` must be snake_case ASCII")));
        }
        if profiles.iter().any(|p| *p.name == *name) {
            return Err(error(0, format!("profile `{name}` is defined twice")));
        }
        let unit = fields[1].trim().parse().map_err(|e| error(1, e))?;
        let limit =
            fields[2].trim().parse().map_err(|_| error(2, format!("limit `{}` is not a whole number", fields[2])))?;
        let kind = fields[3].trim().parse().map_err(|e| error(3, e))?;
        let source = fields.get(5).map_or("", |s| s.trim()).to_string();
        let note = fields.get(6).map_or("", |s| s.trim()).to_string();
        profiles.push(Profile { name: Cow::Borrowed(name), unit, limit, kind, source, note });
    }
    Ok(profiles)
}

/// The built-in profiles (`data/profiles.tsv`).
#[allow(clippy::panic)] // embedded data, parsed by the tests: cannot fail in a built binary
pub fn builtin_profiles() -> Vec<Profile> {
    parse_profiles(include_str!(concat!(env!("OUT_DIR"), "/data-profiles.tsv")))
        .unwrap_or_else(|e| panic!("data/profiles.tsv:{e} (the build embeds a checked file)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_reports_errors_with_positions() {
        let table = "# c\nname\tunit\tlimit\tkind\turls\tsource\tnote\nx\tx-weighted\t280\thard\t23\thttps://e\tn\n";
        let profiles = parse_profiles(table).unwrap();
        assert_eq!(
            profiles[0],
            Profile {
                source: "https://e".into(),
                note: "n".into(),
                ..Profile::new("x", Unit::XWeighted, 280, LimitKind::Hard)
            }
        );
        let bad = parse_profiles("x\tfurlongs\t3\thard\n").unwrap_err();
        assert_eq!((bad.line, bad.column), (1, 3));
        assert!(bad.message.contains("unknown unit `furlongs`"), "{}", bad.message);
        let bad = parse_profiles("a\tgraphemes\t3\thard\n\na\tgraphemes\t4\thard\n").unwrap_err();
        assert_eq!(bad.line, 3);
        let bad = parse_profiles("a\tgraphemes\tten\thard\n").unwrap_err();
        assert_eq!((bad.line, bad.column, bad.message.as_str()), (1, 13, "limit `ten` is not a whole number"));
    }

    #[test]
    fn builtin_table_has_the_contract_profiles() {
        let profiles = builtin_profiles();
        for (name, unit, limit) in [
            ("x", Unit::XWeighted, 280),
            ("sms", Unit::SmsSegments, 1),
            ("mastodon", Unit::Mastodon, 500),
            ("bluesky", Unit::Bluesky, 300),
        ] {
            let p = profiles.iter().find(|p| *p.name == *name).unwrap_or_else(|| panic!("no {name}"));
            assert_eq!((p.unit, p.limit), (unit, limit), "{name}");
        }
        assert!(profiles.iter().all(|p| !p.source.is_empty()), "every profile cites a source");
    }
}
