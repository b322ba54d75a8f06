//! # emotics
//!
//! Tone and length checks for micromessages (tweets, SMS, push notifications, ad headlines)
//! in French and English.
//!
//! The core is pure: a [`Checker`] is built once from the embedded data and scores any
//! `&str` into a serde-serialisable [`Report`]. The CLI and the WebAssembly module are thin
//! shells over it.
//!
//! ```
//! let checker = emotics::Checker::new();
//! let report = checker.score("Dernière chance : -50 % sur tout !");
//! assert_eq!(report.language, emotics::Language::Fr);
//! assert_eq!(report.tone.label, emotics::tone::Label::Positive);
//! // every score is explained by the words that caused it
//! assert!(report.tone.explanations.iter().any(|e| e.text == "-50 %"));
//! let x = report.length.get("x").unwrap();
//! assert_eq!((x.length, x.limit, x.valid), (34, 280, true));
//! let sms = report.length.get("sms").unwrap();
//! assert_eq!(sms.sms().unwrap().encoding, emotics::length::sms::Encoding::Gsm7);
//! ```
//!
//! ## Pipeline
//! text → URLs (X's extractor) → tokens ([`text::tokenize`]) → language ([`lang`]) → tone
//! ([`tone::valence`], with the embedded [`lexicon`]s) → every length profile over the same
//! text ([`length`]) → [`Report`]. Offsets are bytes inside the core;
//! [`text::span::Utf16Index`] adds UTF-16 offsets for JavaScript when the report is built.
//!
//! ## Untrusted input
//! Any `&str` gets a report, in time linear in its length; nothing panics on user text
//! (property tests feed arbitrary strings). The embedded data is checked by the test suite.

// User text never reaches an unwrap, expect or explicit panic in library code: the few
// invariants of embedded, test-checked data are written as `expect` with a reason and allowed
// one by one.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

#[cfg(feature = "formats")]
pub mod check;
pub mod eval;
pub mod fix;
pub mod lang;
pub mod length;
pub mod lexicon;
#[cfg(not(target_arch = "wasm32"))]
mod long;
pub mod model;
pub(crate) mod order;
pub mod report;
#[cfg(feature = "formats")]
pub mod source;
pub mod text;
pub mod tone;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use lang::Language;
pub use length::{LimitKind, Profile, Unit};
pub use lexicon::LexiconError;
pub use lexicon::dimensions::LexiconWarning;
pub use report::{LengthReport, ProfileDetail, ProfileReport, Report, SmsReport, Unfit};

/// This library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// FNV-1a of the data embedded in this build (lexicons, length profiles, X's lists), as 16
/// hex digits: with the model's id ([`Checker::model_name`]) and [`VERSION`], it tells which
/// data scored a result, for reproducible and auditable scores.
pub const DATA_CHECKSUM: &str = env!("EMOTICS_DATA_CHECKSUM");

use length::profile::builtin_profiles;
use length::{LengthRules, MeasureDetail};
use report::CharSpan;
use text::span::Utf16Index;
use text::tokenize::{Token, tokenize};

/// Messages longer than this (bytes) are scored in windows (`long`), and their SMS reports
/// list the first [`LISTED_UCS2`] characters that force UCS-2: 200 times X's limit, and far
/// over any platform's.
pub const LONG_FROM: usize = 100_000;
/// The characters forcing UCS-2 a report of a message over [`LONG_FROM`] lists (a million
/// emoji made 86 MB of JSON).
pub const LISTED_UCS2: usize = 1_000;

/// Per-call options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Use this language instead of identifying it.
    pub language: Option<Language>,
}

/// Whether a report lists what each part of the message adds to its scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Explain {
    Yes,
    No,
}

/// Scores messages. Build it once (it parses the embedded data) and share it: scoring takes
/// `&self`.
pub struct Checker {
    rules: LengthRules,
    lexicons: lexicon::Lexicons,
    profiles: Vec<Profile>,
    /// The learned models of sentiment and emotions; without them the rule engine's scores
    /// stand.
    models: model::Models,
    /// The models' ids, as every report names them.
    model_name: std::sync::Arc<str>,
    /// The threads a message over [`LONG_FROM`] bytes is read on (`None`: one per core).
    threads: Option<std::num::NonZeroUsize>,
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
}

impl Checker {
    /// A checker with the built-in data and profiles.
    pub fn new() -> Checker {
        Checker::without_model().with_models(model::Models::builtin())
    }

    /// A checker that scores tone with the rule engine alone (lexicons and rules, no learned
    /// model): `--model none` on the command line.
    pub fn without_model() -> Checker {
        Checker {
            rules: LengthRules::builtin(),
            lexicons: lexicon::Lexicons::builtin(),
            profiles: builtin_profiles(),
            models: model::Models::default(),
            model_name: std::sync::Arc::from(""),
            threads: None,
        }
    }

    /// A checker that scores with `model` for the tasks it was trained on, and with the
    /// built-in model for the others (read only when `model` does not cover them all).
    pub fn with_model(model: model::Model) -> Checker {
        let covers_all = model.tasks.sentiment && model.tasks.emotions;
        let mut checker = if covers_all { Checker::without_model() } else { Checker::new() };
        checker.use_model(model);
        checker
    }

    fn with_models(mut self, models: model::Models) -> Checker {
        self.model_name = models.name();
        self.models = models;
        self
    }

    /// Loads a model file made by `emotics train`: it replaces the current model for the
    /// tasks it was trained on (sentiment, emotions or both). On error nothing is loaded.
    pub fn load_model(&mut self, bytes: &[u8]) -> Result<(), model::ModelError> {
        self.use_model(model::Model::from_bytes(bytes)?);
        Ok(())
    }

    /// Scores with `model` for the tasks it was trained on (see [`Checker::load_model`]).
    pub fn use_model(&mut self, model: model::Model) {
        self.models.replace_with(model);
        self.model_name = self.models.name();
    }

    /// The ids (`name@checksum`) of the models this checker scores with, empty without one.
    pub fn model_name(&self) -> &str {
        &self.model_name
    }

    /// The length profiles this checker measures, in report order.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// Reads a message over [`LONG_FROM`] bytes on at most `threads` threads (default: one per
    /// core); its report is the same on any number.
    pub fn with_threads(mut self, threads: std::num::NonZeroUsize) -> Checker {
        self.threads = Some(threads);
        self
    }

    /// Replaces the profiles measured.
    pub fn with_profiles(mut self, profiles: Vec<Profile>) -> Checker {
        self.profiles = profiles;
        self
    }

    /// The profiles named, in the order given; an unknown name is an error that lists the
    /// known ones.
    pub fn profiles_named<S: AsRef<str>>(&self, names: &[S]) -> Result<Vec<Profile>, String> {
        names
            .iter()
            .map(|name| {
                let name = name.as_ref();
                self.profiles.iter().find(|p| p.name == name).cloned().ok_or_else(|| {
                    let known: Vec<&str> = self.profiles.iter().map(|p| &*p.name).collect();
                    format!("unknown profile `{name}` (known: {})", known.join(", "))
                })
            })
            .collect()
    }

    /// Adds a profile, replacing a built-in one of the same name.
    pub fn add_profile(&mut self, profile: Profile) {
        match self.profiles.iter_mut().find(|p| p.name == profile.name) {
            Some(existing) => *existing = profile,
            None => self.profiles.push(profile),
        }
    }

    /// Loads a dimension lexicon in the "emotics-dimensions 1" format (see the README):
    /// its entries add to (or, with `replace`, override) the built-in emotions and tones, and
    /// new dimension names become custom tones. `file` names the source in errors. Returns
    /// the warnings (duplicate rows); on error nothing is loaded.
    pub fn load_lexicon(&mut self, file: &str, text: &str) -> Result<Vec<LexiconWarning>, LexiconError> {
        let (entries, warnings) = lexicon::dimensions::parse_user(file, text)?;
        for entry in entries {
            self.lexicons.add_user_entry(&entry);
        }
        Ok(warnings)
    }

    /// Scores `text` with default options.
    pub fn score(&self, text: &str) -> Report {
        self.score_with(text, &Options::default())
    }

    /// Scores `text`.
    pub fn score_with(&self, text: &str, options: &Options) -> Report {
        self.score_parts(text, options, &self.profiles, Explain::Yes).0
    }

    /// The scores of [`Checker::score_with`], measuring only `profiles`, without explanations
    /// (`tone.explanations` empty, no `tone.model`): for tables of scores, where listing what
    /// each word adds would cost more than a third of the scoring.
    pub fn score_brief(&self, text: &str, options: &Options, profiles: &[Profile]) -> Report {
        self.score_parts(text, options, profiles, Explain::No).0
    }

    /// Scores `text`, measuring only `profiles`, and returns its tokens too (for the rules
    /// of [`check`]), but for a message over [`LONG_FROM`] bytes, scored in windows: `check`
    /// reads its tokens a window at a time.
    pub(crate) fn score_tokens(&self, text: &str, options: &Options, profiles: &[Profile]) -> (Report, Vec<Token>) {
        self.score_parts(text, options, profiles, Explain::Yes)
    }

    fn score_parts(
        &self,
        text: &str,
        options: &Options,
        profiles: &[Profile],
        explain: Explain,
    ) -> (Report, Vec<Token>) {
        #[cfg(not(target_arch = "wasm32"))]
        if text.len() > LONG_FROM {
            return (self.score_long(text, options, profiles, explain), Vec::new());
        }
        self.score_whole(text, options, profiles, explain)
    }

    /// Scores `text` read whole (a message of any platform's length).
    fn score_whole(
        &self,
        text: &str,
        options: &Options,
        profiles: &[Profile],
        explain: Explain,
    ) -> (Report, Vec<Token>) {
        // found once, for the tokenizer and X's length
        let urls = self.rules.urls(text, true);
        let tokens = self.tokenize(text, &urls);
        let language = options.language.unwrap_or_else(|| lang::identify(&tokens, &self.lexicons));
        let index = Utf16Index::new(text);
        let input = (text, &tokens[..], &urls[..]);
        let mut tone = if self.models.is_empty() {
            self.rule_tone(input, language, &index, None::<&mut fn(model::features::Feature)>)
        } else {
            let mut sums = model::Sums::new(&self.models, language, tokens.len());
            let mut tone = self.rule_tone(input, language, &index, Some(&mut |f| sums.add(&f)));
            model::apply(text, sums, &self.models, &self.model_name, &index, explain, &mut tone);
            tone
        };
        if explain == Explain::No {
            // the rule engine's explanations were the model's features
            tone.explanations = Vec::new();
        } else {
            tone.cap_explanations();
        }
        let length = self.length_of(text, Some(&urls), &index, profiles);
        (Report { language, tone, length }, tokens)
    }

    /// The language of `text` and the features the learned model reads in it (the rule
    /// engine's contributions among them), for training.
    pub fn model_features(&self, text: &str, options: &Options) -> (Language, Vec<model::features::Feature>) {
        let urls = self.rules.urls(text, true);
        let tokens = self.tokenize(text, &urls);
        let language = options.language.unwrap_or_else(|| lang::identify(&tokens, &self.lexicons));
        let mut features = Vec::new();
        self.rule_tone((text, &tokens, &urls), language, &Utf16Index::new(text), Some(&mut |f| features.push(f)));
        (language, features)
    }

    /// The rule engine's tone of a message; the learned model's features go to `features`,
    /// when given.
    fn rule_tone(
        &self,
        (text, tokens, urls): (&str, &[Token], &[length::urls::Url]),
        language: Language,
        index: &Utf16Index,
        features: Option<&mut impl FnMut(model::features::Feature)>,
    ) -> tone::ToneReport {
        let units = tone::units::units(tokens, language, &self.lexicons);
        let context = tone::context::Context::new(text, &units, language);
        let mut tone = tone::valence::score(text, &context, index);
        tone::dimensions::score_all(text, tokens, &context, language, &self.lexicons, index, &mut tone);
        if let Some(each) = features {
            model::features::extract(text, tokens, urls, &context, language, &tone.explanations, each);
        }
        tone
    }

    /// The tokens of `text` (URLs found as X finds them).
    #[cfg(feature = "formats")]
    pub(crate) fn tokens(&self, text: &str) -> Vec<Token> {
        self.tokenize(text, &self.rules.urls(text, true))
    }

    fn tokenize(&self, text: &str, urls: &[length::urls::Url]) -> Vec<Token> {
        let spans: Vec<(usize, usize)> = urls.iter().map(|u| (u.start, u.end)).collect();
        tokenize(text, &text::placeholders::with_urls(text, spans), &|s| self.lexicons.emoticons.contains_key(s))
    }

    #[cfg(feature = "formats")]
    pub(crate) fn lexicons(&self) -> &lexicon::Lexicons {
        &self.lexicons
    }

    /// The emotion and tone names reports carry (built-in, then custom dimensions of the
    /// loaded lexicons), over both languages.
    pub fn dimension_names(&self) -> (Vec<String>, Vec<String>) {
        let (mut emotions, mut tones) = (Vec::new(), Vec::new());
        for language in [Language::Fr, Language::En] {
            let report = self.score_tokens("", &Options { language: Some(language) }, &[]).0;
            for (name, _) in report.tone.emotions.0 {
                if !emotions.iter().any(|e| *e == name) {
                    emotions.push(name.into_owned());
                }
            }
            for (name, _) in report.tone.tones.0 {
                if !tones.iter().any(|t| *t == name) {
                    tones.push(name.into_owned());
                }
            }
        }
        (emotions, tones)
    }

    /// Measures `text` against every profile.
    pub fn length(&self, text: &str) -> LengthReport {
        self.length_for(text, &self.profiles)
    }

    /// Measures `text` against `profiles`.
    pub fn length_for(&self, text: &str, profiles: &[Profile]) -> LengthReport {
        self.length_of(text, None, &Utf16Index::new(text), profiles)
    }

    /// [`Checker::length_for`], with what scoring found already: the URLs X finds in `text`
    /// (when the caller has them) and its UTF-16 offsets.
    fn length_of(
        &self,
        text: &str,
        urls: Option<&[length::urls::Url]>,
        index: &Utf16Index,
        profiles: &[Profile],
    ) -> LengthReport {
        if profiles.is_empty() {
            return LengthReport::default();
        }
        let segmented = length::Segmented::new(text).with_urls(urls);
        let profiles = profiles.iter().map(|profile| self.measure(&segmented, profile, index)).collect();
        LengthReport { profiles }
    }

    fn measure(&self, segmented: &length::Segmented, profile: &Profile, index: &Utf16Index) -> ProfileReport {
        let text = segmented.text();
        let measure = self.rules.measure_segmented(segmented, profile.unit, profile.limit);
        let overflow = (measure.fit_end < text.len()).then(|| index.span(measure.fit_end, text.len()));
        let detail = match measure.detail {
            MeasureDetail::None => None,
            MeasureDetail::X { valid_range_end_utf16 } => Some(ProfileDetail::X { valid_range_end_utf16 }),
            MeasureDetail::Sms(split) => Some(ProfileDetail::Sms(Box::new(SmsReport {
                encoding: split.encoding,
                segments: split.segments(),
                units: split.units,
                ucs2_characters: split
                    .ucs2_characters
                    .iter()
                    .take(if text.len() > LONG_FROM { LISTED_UCS2 } else { usize::MAX })
                    .map(|&(start, end)| CharSpan { text: text[start..end].to_string(), span: index.span(start, end) })
                    .collect(),
                units_per_segment: split.units_per_segment,
            }))),
            MeasureDetail::Bluesky { graphemes, bytes } => Some(ProfileDetail::Bluesky { graphemes, bytes }),
        };
        ProfileReport {
            name: profile.name.clone(),
            length: measure.length,
            limit: profile.limit,
            unit: profile.unit,
            kind: profile.kind,
            valid: measure.valid,
            overflow,
            detail,
        }
    }
}

/// The README's Rust examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
