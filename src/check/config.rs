//! `emotics.toml`: what `emotics check` checks and how strictly.
//!
//! The file is read with serde, every table refusing unknown keys, so a typo is an error at
//! its line and column that lists the valid keys and suggests the closest. A rule's table
//! may be written in full (`[rules.shouting] max-ratio = 0.2`) or as its severity only
//! (`shouting = "off"`). `[[overrides]]` apply, in order, to the files their globs match
//! and, with `when`, to the records whose fields have the values it names; their rule options
//! replace the base ones field by field.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::rules::{RULES, Severity};
use crate::source::TextMode;
use crate::{LimitKind, Unit};

/// A configuration error, with the position in the configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// `language`: a fixed language, or `auto` (identify each message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LanguageSetting {
    #[default]
    Auto,
    Fr,
    En,
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `auto` (default), `fr` or `en`.
    pub language: Option<LanguageSetting>,
    /// Length profiles to check (default `["x", "sms"]`).
    pub platforms: Option<Vec<Spanned<String>>>,
    /// Dimension lexicons ("emotics-dimensions 1"), relative to this file.
    #[serde(default)]
    pub lexicons: Vec<String>,
    /// The tone model: a file made by `emotics train` (relative to this file), `builtin`
    /// (default) or `none` (the rule engine alone).
    pub model: Option<String>,
    /// Custom length profiles, added to (or replacing) the built-in ones.
    #[serde(default)]
    pub profiles: Vec<ProfileConfig>,
    /// Globs of files never checked (besides `.gitignore`d ones).
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub input: InputConfig,
    #[serde(default)]
    pub rules: RulesConfig,
    #[serde(default)]
    pub overrides: Vec<Spanned<Override>>,
}

/// How files are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputConfig {
    /// Text files: `lines` (default) or `blocks`.
    pub text: Option<TextMode>,
    /// CSV/TSV: the message column.
    pub column: Option<String>,
    /// CSV: the separator (`,` `;` or `\t`); guessed from the header by default.
    pub delimiter: Option<String>,
    /// JSON/JSONL/YAML: the key path of messages.
    pub field: Option<String>,
}

impl InputConfig {
    fn is_empty(&self) -> bool {
        self.text.is_none() && self.column.is_none() && self.delimiter.is_none() && self.field.is_none()
    }

    fn merge(&mut self, other: &InputConfig) {
        merge_option(&mut self.text, &other.text);
        merge_option(&mut self.column, &other.column);
        merge_option(&mut self.delimiter, &other.delimiter);
        merge_option(&mut self.field, &other.field);
    }
}

/// `[[profiles]]`: a length profile of your own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    pub name: String,
    pub unit: Unit,
    pub limit: usize,
    #[serde(default = "hard")]
    pub kind: LimitKind,
    #[serde(default)]
    pub source: String,
}

fn hard() -> LimitKind {
    LimitKind::Hard
}

/// `[[overrides]]`: settings for the files matching `files` (every file without it) and, with
/// `when`, for their records whose fields have these values (`when = { canal = "sms" }`: a
/// CSV column, a field of a JSON object), so that one export mixing channels gets each
/// channel's rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    #[serde(default)]
    pub files: Vec<String>,
    #[serde(default)]
    pub when: BTreeMap<String, String>,
    pub language: Option<LanguageSetting>,
    pub platforms: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub input: InputConfig,
    #[serde(default)]
    pub rules: RulesConfig,
}

fn merge_option<T: Clone>(base: &mut Option<T>, other: &Option<T>) {
    if other.is_some() {
        base.clone_from(other);
    }
}

/// Declares a rule's option table: `severity` plus its own options, all optional so that
/// overrides can replace them one by one.
macro_rules! rule_options {
    ($(#[$doc:meta])* $name:ident { $($(#[$field_doc:meta])* $field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        pub struct $name {
            pub severity: Option<Severity>,
            $($(#[$field_doc])* pub $field: Option<$ty>,)*
        }

        impl $name {
            fn merge(&mut self, other: &$name) {
                merge_option(&mut self.severity, &other.severity);
                $(merge_option(&mut self.$field, &other.$field);)*
            }
        }

        impl From<Severity> for $name {
            #[allow(clippy::needless_update)] // `SeverityOnly` has no other field
            fn from(severity: Severity) -> $name {
                $name { severity: Some(severity), ..$name::default() }
            }
        }
    };
}

rule_options!(
    /// Rules without options of their own.
    SeverityOnly {}
);
rule_options!(
    /// `tone-target`.
    TargetsOptions {
        /// `"trust >= 0.3"`, `"0.2 <= urgency <= 0.8"`…
        targets: Vec<Spanned<String>>,
    }
);
rule_options!(
    /// `forbidden` and `required`.
    WordsOptions { words: Vec<String> }
);
rule_options!(
    /// `spam-trigger`.
    SpamOptions {
        /// The `spamminess` a message must reach to be reported (default 0.5).
        threshold: f64,
    }
);
rule_options!(
    /// `opt-out`.
    OptOutOptions {
        /// Phrases that are an opt-out mention (default: `STOP` and a number).
        patterns: Vec<String>,
        /// The `value`, `urgency` or `exclusivity` from which a message is promotional.
        threshold: f64,
    }
);
rule_options!(
    /// `shouting`.
    RatioOptions { max_ratio: f64 }
);
rule_options!(
    /// `exclamations`, `emoji`, `hashtags`, `mentions`.
    CountOptions { max: usize }
);
rule_options!(
    /// `register`.
    RegisterOptions { expected: ExpectedRegister }
);
rule_options!(
    /// `language`.
    LanguageOptions { min_words: usize }
);

/// `[rules.register] expected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpectedRegister {
    Vous,
    Tu,
}

/// `[rules]`: one optional table (or severity) per rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesConfig {
    #[serde(default, deserialize_with = "table_or_severity")]
    pub length: Option<SeverityOnly>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub tone_target: Option<TargetsOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub forbidden: Option<WordsOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub required: Option<WordsOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub spam_trigger: Option<SpamOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub shouting: Option<RatioOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub exclamations: Option<CountOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub emoji: Option<CountOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub hashtags: Option<CountOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub mentions: Option<CountOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub register: Option<RegisterOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub language: Option<LanguageOptions>,
    #[serde(default, deserialize_with = "table_or_severity")]
    pub opt_out: Option<OptOutOptions>,
}

impl RulesConfig {
    fn merge(&mut self, other: &RulesConfig) {
        fn one<T: Clone + Default>(base: &mut Option<T>, other: &Option<T>, merge: fn(&mut T, &T)) {
            if let Some(other) = other {
                merge(base.get_or_insert_with(T::default), other);
            }
        }
        one(&mut self.length, &other.length, SeverityOnly::merge);
        one(&mut self.tone_target, &other.tone_target, TargetsOptions::merge);
        one(&mut self.forbidden, &other.forbidden, WordsOptions::merge);
        one(&mut self.required, &other.required, WordsOptions::merge);
        one(&mut self.spam_trigger, &other.spam_trigger, SpamOptions::merge);
        one(&mut self.shouting, &other.shouting, RatioOptions::merge);
        one(&mut self.exclamations, &other.exclamations, CountOptions::merge);
        one(&mut self.emoji, &other.emoji, CountOptions::merge);
        one(&mut self.hashtags, &other.hashtags, CountOptions::merge);
        one(&mut self.mentions, &other.mentions, CountOptions::merge);
        one(&mut self.register, &other.register, RegisterOptions::merge);
        one(&mut self.language, &other.language, LanguageOptions::merge);
        one(&mut self.opt_out, &other.opt_out, OptOutOptions::merge);
    }
}

/// A rule written as `name = "off"` or as a table.
fn table_or_severity<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + From<Severity>,
{
    struct TableOrSeverity<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de> + From<Severity>> Visitor<'de> for TableOrSeverity<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a severity (\"error\", \"warning\", \"info\" or \"off\") or a table of options")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<T>, E> {
            Severity::deserialize(de::value::StrDeserializer::new(s)).map(|s| Some(T::from(s)))
        }

        fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Option<T>, M::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
        }
    }

    deserializer.deserialize_any(TableOrSeverity(std::marker::PhantomData))
}

/// The settings that apply to one file: the base merged with the matching overrides.
#[derive(Debug, Clone, Default)]
pub struct FileSettings {
    pub language: LanguageSetting,
    pub platforms: Vec<Spanned<String>>,
    pub input: InputConfig,
    pub rules: RulesConfig,
}

impl Config {
    /// Parses the file's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Config, ConfigError> {
        let error = |start: usize, message: String| {
            let (line, column) = position(text, start);
            ConfigError { path: path.to_string(), line, column, message }
        };
        let config: Config = toml::from_str(text).map_err(|e| {
            let message = with_suggestion(e.message());
            e.span().map_or_else(|| error(0, message.clone()), |span| error(span.start, message.clone()))
        })?;
        for o in &config.overrides {
            let start = o.span().start;
            if o.get_ref().files.is_empty() && o.get_ref().when.is_empty() {
                return Err(error(start, "an override needs `files` (globs) or `when` (record fields)".into()));
            }
            if !o.get_ref().when.is_empty() && !o.get_ref().input.is_empty() {
                let message = "`input` settings apply to whole files: not in an override with `when`";
                return Err(error(start, message.into()));
            }
        }
        Ok(config)
    }

    /// The record fields that overrides' `when` look at, for the readers to keep.
    pub fn record_fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = self.overrides.iter().flat_map(|o| o.get_ref().when.keys().cloned()).collect();
        fields.sort();
        fields.dedup();
        fields
    }

    /// Of the overrides matching a file, those that apply to the whole file (no `when`).
    pub fn file_overrides(&self, matching: &[usize]) -> Vec<usize> {
        matching
            .iter()
            .copied()
            .filter(|&i| self.overrides.get(i).is_some_and(|o| o.get_ref().when.is_empty()))
            .collect()
    }

    /// Of the overrides matching a file, those that apply to a record with these fields.
    pub fn record_overrides(&self, matching: &[usize], fields: &[(String, String)]) -> Vec<usize> {
        let applies = |o: &Override| {
            o.when
                .iter()
                .all(|(key, value)| fields.iter().any(|(k, v)| k.eq_ignore_ascii_case(key) && same_value(v, value)))
        };
        matching.iter().copied().filter(|&i| self.overrides.get(i).is_some_and(|o| applies(o.get_ref()))).collect()
    }

    /// Every set of overrides a record of a file matching `matching` can get: the file's own
    /// plus any `when` overrides that do not ask different values of one field (a record can
    /// match those together), so that each set's linter is built, and its errors reported,
    /// before any file is read.
    pub fn record_sets(&self, matching: &[usize]) -> Vec<Vec<usize>> {
        let when: Vec<usize> = matching.iter().copied().filter(|i| !self.file_overrides(&[*i]).contains(i)).collect();
        let compatible = |set: &[usize], i: usize| {
            let conditions = |i: usize| self.overrides.get(i).map(|o| &o.get_ref().when);
            set.iter().all(|&j| {
                conditions(i).into_iter().flatten().all(|(key, value)| {
                    conditions(j).and_then(|c| c.get(key)).is_none_or(|other| same_value(other, value))
                })
            })
        };
        let mut sets: Vec<Vec<usize>> = vec![Vec::new()];
        for &i in &when {
            let extended: Vec<Vec<usize>> = sets
                .iter()
                .filter(|set| compatible(set, i))
                .map(|set| set.iter().copied().chain([i]).collect())
                .collect();
            sets.extend(extended);
        }
        sets.into_iter()
            .map(|set| matching.iter().copied().filter(|i| !when.contains(i) || set.contains(i)).collect())
            .collect()
    }

    /// The settings for a file matched by the overrides at `matching` (indices, in order).
    pub fn settings(&self, matching: &[usize]) -> FileSettings {
        let default_platforms = || ["x", "sms"].iter().map(|p| Spanned::new(0..0, p.to_string())).collect();
        let mut settings = FileSettings {
            language: self.language.unwrap_or_default(),
            platforms: self.platforms.clone().unwrap_or_else(default_platforms),
            input: self.input.clone(),
            rules: self.rules.clone(),
        };
        for o in matching.iter().filter_map(|&i| self.overrides.get(i)).map(Spanned::get_ref) {
            settings.language = o.language.unwrap_or(settings.language);
            if let Some(platforms) = &o.platforms {
                settings.platforms.clone_from(platforms);
            }
            settings.input.merge(&o.input);
            settings.rules.merge(&o.rules);
        }
        settings
    }
}

/// A record's value as `when` asks for it: `SMS` and ` sms` are `sms`.
fn same_value(value: &str, wanted: &str) -> bool {
    value.trim().to_lowercase() == wanted.trim().to_lowercase()
}

/// 1-based line and column (in characters) of byte `offset` of `text`, as the file readers
/// count them.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    crate::source::LineIndex::new(text).position(text, offset)
}

/// Adds "did you mean `…`?" to serde's "unknown field `x`, expected one of `a`, `b`" (and
/// to unknown variants), picking the closest valid name.
fn with_suggestion(message: &str) -> String {
    let message = message.trim_end();
    let Some(rest) = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_string();
    };
    let Some((unknown, expected)) = rest.split_once('`') else { return message.to_string() };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    match crate::text::similar::closest(unknown, &candidates) {
        Some(best) => format!("{message}; did you mean `{best}`?"),
        None => message.to_string(),
    }
}

/// The rule names a `[rules]` table accepts (for messages).
pub fn rule_names() -> Vec<&'static str> {
    RULES.iter().filter(|r| r.name != "input").map(|r| r.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_file_with_overrides() {
        let text = r#"
language = "fr"
platforms = ["x", "sms"]
[rules]
shouting = "off"
[rules.tone-target]
targets = ["trust >= 0.3"]
[rules.exclamations]
max = 1
[[profiles]]
name = "push_title"
unit = "graphemes"
limit = 40
[[overrides]]
files = ["en/**"]
language = "en"
[overrides.rules.exclamations]
severity = "error"
"#;
        let config = Config::parse("emotics.toml", text).unwrap();
        assert_eq!(config.rules.shouting.as_ref().unwrap().severity, Some(Severity::Off));
        let base = config.settings(&[]);
        assert_eq!(base.language, LanguageSetting::Fr);
        let en = config.settings(&[0]);
        assert_eq!(en.language, LanguageSetting::En);
        let exclamations = en.rules.exclamations.unwrap();
        assert_eq!((exclamations.severity, exclamations.max), (Some(Severity::Error), Some(1)));
        assert_eq!(config.profiles[0].kind, LimitKind::Hard);
    }

    #[test]
    fn records_get_the_overrides_their_fields_ask_for() {
        let text = r#"
[[overrides]]
files = ["sms/**"]
[[overrides]]
when = { canal = "sms" }
[[overrides]]
when = { canal = "push" }
[[overrides]]
when = { langue = "fr" }
"#;
        let config = Config::parse("emotics.toml", text).unwrap();
        assert_eq!(config.record_fields(), ["canal", "langue"]);
        assert_eq!(config.file_overrides(&[0, 1, 2, 3]), [0]);
        let fields = [("Canal".to_string(), " SMS".to_string()), ("langue".to_string(), "fr".to_string())];
        assert_eq!(config.record_overrides(&[0, 1, 2, 3], &fields), [0, 1, 3]);
        // `canal` cannot be both sms and push: no set has both
        let sets = config.record_sets(&[0, 1, 2, 3]);
        assert_eq!(sets, [vec![0], vec![0, 1], vec![0, 2], vec![0, 3], vec![0, 1, 3], vec![0, 2, 3]]);
        let error = Config::parse(
            "e.toml",
            "[[overrides]]
when = { canal = \"sms\" }
[overrides.input]
column = \"x\"
",
        );
        assert!(error.unwrap_err().message.contains("whole files"));
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let error = Config::parse("e.toml", "langage = \"fr\"\n").unwrap_err();
        assert_eq!((error.line, error.column), (1, 1));
        assert!(error.message.contains("did you mean `language`?"), "{error}");
        let error = Config::parse("e.toml", "[rules]\nshoutting = \"off\"\n").unwrap_err();
        assert!(error.message.contains("did you mean `shouting`?"), "{error}");
        let error = Config::parse("e.toml", "[rules.emoji]\nmax = \"three\"\n").unwrap_err();
        assert_eq!(error.line, 2);
        let error = Config::parse("e.toml", "[rules]\nemoji = \"loud\"\n").unwrap_err();
        assert!(error.message.contains("error"), "{error}");
    }
}
