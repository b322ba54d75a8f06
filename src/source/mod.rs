//! Readers of campaign files: the messages a file holds, each with where it is.
//!
//! Teams keep copy in plain text, spreadsheets (CSV/TSV), i18n trees (JSON, YAML) and
//! gettext catalogues (PO). Each reader turns a whole file's text into [`Item`]s, in file
//! order: a [`Message`] (its text, its 1-based line and column, a [`SourceMap`] of where its
//! characters are in the file, its key or column, and the rules it asks to ignore) or an
//! [`InputError`] for a record that cannot be read. A broken record never hides the others:
//! readers resume at the next record when the format allows it (text, CSV, JSON Lines, PO);
//! JSON and YAML files are trees, so a syntax error ends the file there, after the messages
//! read before it.
//!
//! Readers are pure (`&str` in, items out), so the CLI, fuzz targets and tests share them.
//!
//! ## Inline suppressions
//! `emotics: ignore` (every rule) or `emotics: ignore length, tone-target` (those rules) in a
//! record's comment turns findings off for that record; `emotics: ignore-file …` for the
//! whole file. Where a comment lives depends on the format: a `# emotics: …` line before the
//! message in text files, any other cell of the row in CSV, a comment (`//`, `/* */`) or a
//! sibling string field in JSON, a `#` comment on or above the line in YAML, a translator
//! comment in PO.

mod csv;
pub mod encode;
mod json;
mod location;
mod map;
mod po;
mod text;
mod yaml;

use std::fmt;

pub use location::LineIndex;
pub use map::SourceMap;

/// A file format emotics reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One message per line, or per blank-line-separated block.
    Text,
    /// Comma-, semicolon- or tab-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// JSON (comments allowed): string leaves, with their key path.
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    /// YAML: string leaves, with their key path.
    Yaml,
    /// gettext PO: every translated `msgstr`.
    Po,
}

impl Format {
    pub const NAMES: [&'static str; 7] = ["txt", "csv", "tsv", "json", "jsonl", "yaml", "po"];

    /// The format of a file from its extension (`None` for an unknown one).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "json" | "jsonc" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "yaml" | "yml" => Some(Format::Yaml),
            "po" | "pot" => Some(Format::Po),
            _ => None,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "txt" | "text" => Ok(Format::Text),
            "csv" => Ok(Format::Csv),
            "tsv" => Ok(Format::Tsv),
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "yaml" | "yml" => Ok(Format::Yaml),
            "po" => Ok(Format::Po),
            _ => Err(format!("unknown format `{s}` (expected one of: {})", Format::NAMES.join(", "))),
        }
    }
}

/// How text files are split into messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextMode {
    /// Every non-blank line is a message.
    #[default]
    Lines,
    /// Every run of non-blank lines is a message.
    Blocks,
}

/// What to read from a file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub text_mode: TextMode,
    /// CSV/TSV: the column holding the messages (by header name). Without it, the first
    /// column named like a message (`text`, `message`, `texte`, `copy`…).
    pub column: Option<String>,
    /// CSV: the separator; without it, the most frequent of `,` `;` and tab in the header.
    pub delimiter: Option<u8>,
    /// JSON/JSONL/YAML: only string leaves whose key path ends with this dotted path
    /// (`text`, `push.title`). JSON Lines default to `text`; JSON and YAML to every leaf.
    pub field: Option<String>,
    /// CSV/TSV columns and JSON/JSONL object fields kept with each message (matched
    /// case-insensitively), for the overrides that apply to records by field.
    pub record_fields: Vec<String>,
}

/// One message of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// 1-based line of the message's first character (for CSV, of the cell).
    pub line: usize,
    /// 1-based column of that character, in characters.
    pub column: usize,
    /// Where the message's bytes are in the file (through escapes, quotes, folding), so that
    /// findings inside the message point into the file; `None` when it cannot be told.
    pub map: Option<SourceMap>,
    /// The CSV column name, the JSON/YAML key path, or the PO `msgid`.
    pub key: Option<String>,
    pub ignore: Ignore,
    /// The values of [`ReadOptions::record_fields`] in the message's record (its CSV row, the
    /// JSON objects around it), named as they are there.
    pub fields: Vec<(String, String)>,
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// What a reader yields, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Message(Message),
    Error(InputError),
}

/// Everything read from one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub items: Vec<Item>,
    /// Rules turned off for the whole file by `emotics: ignore-file`.
    pub ignore_file: Ignore,
}

/// Reads the messages of a file's text (a leading byte-order mark is skipped).
pub fn read(format: Format, source: &str, options: &ReadOptions) -> Document {
    let bom = if source.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let lines = LineIndex::new(source);
    let mut document = match format {
        Format::Text => text::read(source, bom, options.text_mode, &lines),
        Format::Csv => csv::read(source, bom, options, None, &lines),
        Format::Tsv => csv::read(source, bom, options, Some(b'\t'), &lines),
        Format::Json => json::read_document(source, bom, options.field.as_deref(), &options.record_fields, &lines),
        Format::Jsonl => {
            json::read_lines(source, bom, options.field.as_deref().unwrap_or("text"), &options.record_fields, &lines)
        }
        Format::Yaml => yaml::read(source, bom, options.field.as_deref(), &lines),
        Format::Po => po::read(source, bom, &lines),
    };
    for item in &mut document.items {
        if let Item::Message(m) = item
            && m.map.as_ref().is_some_and(|map| !map.fits(&m.text, source))
        {
            m.map = None;
        }
    }
    document
}

/// A step of a JSON or YAML key path.
#[derive(Clone, Copy)]
enum PathStep<'a> {
    Key(&'a str),
    Index(usize),
}

/// Whether a leaf at `path` is a message: every leaf without `field`, else a leaf under a key
/// whose key path ends with the dotted `field` (`text`, `push.title`).
fn field_selected(path: &[PathStep], field: Option<&str>) -> bool {
    let Some(field) = field else { return true };
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            PathStep::Key(k) => Some(*k),
            PathStep::Index(_) => None,
        })
        .collect();
    let wanted: Vec<&str> = field.split('.').collect();
    matches!(path.last(), Some(PathStep::Key(_))) && keys.ends_with(&wanted)
}

/// `home.hero.title`, `items[2].text`.
fn key_path(path: &[PathStep]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            PathStep::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathStep::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Rules a record or a file asks to ignore.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ignore {
    /// Every rule.
    pub all: bool,
    pub rules: Vec<String>,
}

impl Ignore {
    pub fn covers(&self, rule: &str) -> bool {
        self.all || self.rules.iter().any(|r| r == rule)
    }

    pub fn is_empty(&self) -> bool {
        !self.all && self.rules.is_empty()
    }

    fn merge(&mut self, other: Ignore) {
        self.all |= other.all;
        self.rules.extend(other.rules);
    }
}

/// The marker's two forms: for the record, and for the whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Record,
    File,
}

/// Finds `emotics: ignore[-file] [rule, rule…]` in a comment or cell.
fn parse_marker(comment: &str) -> Option<(Scope, Ignore)> {
    const MARKER: &str = "emotics:";
    let at = comment.find(MARKER)?;
    let rest = comment[at + MARKER.len()..].trim_start();
    let (scope, rest) = if let Some(rest) = rest.strip_prefix("ignore-file") {
        (Scope::File, rest)
    } else {
        (Scope::Record, rest.strip_prefix("ignore")?)
    };
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None; // `ignored`, `ignore-me`: not the marker
    }
    let rules: Vec<String> = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .take_while(|word| word.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '*'))
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect();
    Some((scope, Ignore { all: rules.is_empty(), rules }))
}

/// Applies every marker of `comment`: record markers to `record`, file markers to `file`.
fn apply_markers(comment: &str, record: &mut Ignore, file: &mut Ignore) -> bool {
    match parse_marker(comment) {
        Some((Scope::Record, ignore)) => {
            record.merge(ignore);
            true
        }
        Some((Scope::File, ignore)) => {
            file.merge(ignore);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(parse_marker("no marker"), None);
        assert_eq!(parse_marker("emotics: ignore"), Some((Scope::Record, Ignore { all: true, rules: vec![] })));
        assert_eq!(
            parse_marker("# emotics: ignore length, tone-target — validé par Léa"),
            Some((Scope::Record, Ignore { all: false, rules: vec!["length".into(), "tone-target".into()] }))
        );
        assert_eq!(
            parse_marker("emotics: ignore-file shouting"),
            Some((Scope::File, Ignore { all: false, rules: vec!["shouting".into()] }))
        );
        assert_eq!(parse_marker("emotics: ignored"), None);
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_extension("CSV"), Some(Format::Csv));
        assert_eq!(Format::from_extension("yml"), Some(Format::Yaml));
        assert_eq!(Format::from_extension("rs"), None);
        assert!("xml".parse::<Format>().unwrap_err().contains("jsonl"));
    }
}
