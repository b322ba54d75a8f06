//! `emotics check`: rules over campaign copy, pure and IO-free.
//!
//! A [`Linter`] is built once per set of file settings (the configuration merged with the
//! overrides matching a file). [`Linter::check`] scores one message and returns its
//! [`Finding`]s; [`Linter::check_file`] then adds what needs the whole file (French register
//! and language consistency). Findings carry byte spans inside the message; the CLI turns
//! them into file positions and output formats.

pub mod config;
pub mod rules;
mod scan;
mod words;

use std::fmt::Write;

use serde::Serialize;

use crate::fix::{Edit, FixClass};
use crate::tone::targets::{Miss, Target};
pub use config::{Config, ConfigError, FileSettings};
pub use rules::{RULES, Rule, Severity};
use scan::Scan;
use words::Phrase;

use crate::lang::Language;
use crate::length::{BLUESKY_MAX_BYTES, LimitKind};
use crate::report::{CharSpan, Report, Unfit};
use crate::text::tokenize::Token;
use crate::tone::Explanation;
use crate::tone::rules::Register;
use crate::{Checker, Options, Profile};

/// One problem found in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    #[serde(serialize_with = "serialize_rule")]
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    /// Byte range inside the message, when the problem is somewhere in particular.
    pub span: Option<(usize, usize)>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Exact edits of the message that fix it or help to (a length finding's fit plan),
    /// when the linter proposes fixes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Edit>,
}

fn serialize_rule<S: serde::Serializer>(rule: &Rule, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(rule.name())
}

/// A checked message: its findings, and what the file-level rules need (small: a file's
/// worth is kept until [`Linter::check_file`]).
#[derive(Debug, Clone)]
pub struct Checked {
    pub findings: Vec<Finding>,
    register: Register,
    /// The language identified from the text (whatever the configuration forces for scoring),
    /// when the message has enough words to tell.
    identified: Option<Language>,
    /// The language the configuration sets for the message (its file's, or its record's
    /// through `[[overrides]] when`).
    configured: Option<Language>,
    /// The first *tu* and *vous* markers.
    tu: Option<(usize, usize)>,
    vous: Option<(usize, usize)>,
}

/// Resolved settings of every rule for one file.
pub struct Linter {
    language: Option<Language>,
    profiles: Vec<Profile>,
    severity: [Severity; RULES.len()],
    targets: Vec<Target>,
    forbidden: Vec<Phrase>,
    required: Vec<Phrase>,
    /// Opt-out mentions; empty: the French `STOP` and a number.
    opt_outs: Vec<Phrase>,
    promotional_threshold: f64,
    spam_threshold: f64,
    max_caps_ratio: f64,
    max_exclamations: usize,
    max_emoji: usize,
    max_hashtags: usize,
    max_mentions: usize,
    expected_register: Option<Register>,
    min_words: usize,
    /// Whether length findings carry their fit plan's edits (costly: off unless asked).
    fixes: bool,
}

/// Messages longer than this get no fixes: a fit plan measures and scores the message again
/// for each candidate edit, so its cost grows with the square of the message; no SMS or
/// post is this long, and a hostile file's one long line must not stall a check.
const FIX_MAX_BYTES: usize = 2048;

/// The `spamminess` from which a message is reported by `spam-trigger` (one strong cue such
/// as « cliquez ici », or two weaker ones).
const SPAM_THRESHOLD: f64 = 0.5;
/// The `value`, `urgency` or `exclusivity` from which a message is promotional (a discount,
/// a deadline, members only) and, as a marketing SMS, must carry an opt-out mention.
const PROMOTIONAL: f64 = 0.5;
/// The tones that make a message promotional.
const PROMOTIONAL_TONES: [&str; 3] = ["value", "urgency", "exclusivity"];
/// Capitals shorter than this are acronyms (VIP, SMS), not shouting.
const SHOUTING_MIN_WORD: usize = 4;
/// Messages with fewer letters are not judged for shouting.
const SHOUTING_MIN_LETTERS: usize = 12;

impl Linter {
    /// Resolves `settings` against `checker` (its profiles and dimensions). `source` is the
    /// configuration file's path and text, for error positions.
    pub fn new(checker: &Checker, settings: &FileSettings, source: (&str, &str)) -> Result<Linter, ConfigError> {
        let error = |span: std::ops::Range<usize>, message: String| {
            let (line, column) =
                if span.is_empty() && span.start == 0 { (1, 1) } else { config::position(source.1, span.start) };
            ConfigError { path: source.0.to_string(), line, column, message }
        };
        let mut profiles = Vec::new();
        for name in &settings.platforms {
            match checker.profiles().iter().find(|p| *p.name == **name.get_ref()) {
                Some(profile) => profiles.push(profile.clone()),
                None => {
                    let known: Vec<&str> = checker.profiles().iter().map(|p| &*p.name).collect();
                    let hint =
                        crate::text::similar::closest(name.get_ref(), &known).map(|c| format!("; did you mean `{c}`?"));
                    let message = format!("unknown platform `{}`{}", name.get_ref(), hint.unwrap_or_default());
                    return Err(error(name.span(), format!("{message} (see `emotics profiles`)")));
                }
            }
        }
        let rules = &settings.rules;
        let (emotions, tones) = checker.dimension_names();
        let mut targets = Vec::new();
        for target in rules.tone_target.iter().flat_map(|t| t.targets.iter().flatten()) {
            let parsed = Target::parse(target.get_ref(), &emotions, &tones).map_err(|m| error(target.span(), m))?;
            if matches!(parsed.dimension, crate::tone::targets::Dimension::Register(_)) {
                let message = "the register is the `register` rule's `expected` setting, not a tone target";
                return Err(error(target.span(), message.into()));
            }
            targets.push(parsed);
        }
        let words = |o: &Option<config::WordsOptions>| -> Vec<Phrase> {
            o.iter().flat_map(|w| w.words.iter().flatten()).filter_map(|w| Phrase::new(w, checker)).collect()
        };
        let mut severity = [Severity::Off; RULES.len()];
        for (slot, info) in severity.iter_mut().zip(&RULES) {
            *slot = info.default;
        }
        let mut set = |rule: Rule, value: Option<Severity>| {
            if let (Some(value), Some(i)) = (value, RULES.iter().position(|r| r.rule == rule)) {
                severity[i] = value;
            }
        };
        set(Rule::Length, rules.length.as_ref().and_then(|r| r.severity));
        set(Rule::ToneTarget, rules.tone_target.as_ref().and_then(|r| r.severity));
        set(Rule::Forbidden, rules.forbidden.as_ref().and_then(|r| r.severity));
        set(Rule::Required, rules.required.as_ref().and_then(|r| r.severity));
        set(Rule::SpamTrigger, rules.spam_trigger.as_ref().and_then(|r| r.severity));
        set(Rule::Shouting, rules.shouting.as_ref().and_then(|r| r.severity));
        set(Rule::Exclamations, rules.exclamations.as_ref().and_then(|r| r.severity));
        set(Rule::Emoji, rules.emoji.as_ref().and_then(|r| r.severity));
        set(Rule::Hashtags, rules.hashtags.as_ref().and_then(|r| r.severity));
        set(Rule::Mentions, rules.mentions.as_ref().and_then(|r| r.severity));
        set(Rule::Register, rules.register.as_ref().and_then(|r| r.severity));
        set(Rule::Language, rules.language.as_ref().and_then(|r| r.severity));
        set(Rule::OptOut, rules.opt_out.as_ref().and_then(|r| r.severity));
        let max = |o: &Option<config::CountOptions>, default| o.as_ref().and_then(|c| c.max).unwrap_or(default);
        Ok(Linter {
            language: match settings.language {
                config::LanguageSetting::Auto => None,
                config::LanguageSetting::Fr => Some(Language::Fr),
                config::LanguageSetting::En => Some(Language::En),
            },
            profiles,
            severity,
            targets,
            forbidden: words(&rules.forbidden),
            required: words(&rules.required),
            opt_outs: rules
                .opt_out
                .iter()
                .flat_map(|o| o.patterns.iter().flatten())
                .filter_map(|p| Phrase::new(p, checker))
                .collect(),
            promotional_threshold: rules.opt_out.as_ref().and_then(|o| o.threshold).unwrap_or(PROMOTIONAL),
            spam_threshold: rules.spam_trigger.as_ref().and_then(|s| s.threshold).unwrap_or(SPAM_THRESHOLD),
            max_caps_ratio: rules.shouting.as_ref().and_then(|s| s.max_ratio).unwrap_or(0.3),
            max_exclamations: max(&rules.exclamations, 2),
            max_emoji: max(&rules.emoji, 3),
            max_hashtags: max(&rules.hashtags, 3),
            max_mentions: max(&rules.mentions, 3),
            expected_register: rules.register.as_ref().and_then(|r| r.expected).map(|e| match e {
                config::ExpectedRegister::Vous => Register::Vous,
                config::ExpectedRegister::Tu => Register::Tu,
            }),
            min_words: rules.language.as_ref().and_then(|l| l.min_words).unwrap_or(4),
            fixes: false,
        })
    }

    /// Length findings carry the edits of their profile's fit plan from now on.
    pub fn propose_fixes(&mut self) {
        self.fixes = true;
    }

    /// The severity of `rule` in these settings (`input` is always an error).
    pub fn severity(&self, rule: Rule) -> Severity {
        if rule == Rule::Input {
            return Severity::Error;
        }
        RULES.iter().position(|r| r.rule == rule).map_or(Severity::Off, |i| self.severity[i])
    }

    /// Scores `text` and applies every per-message rule; returns the report too. A message
    /// over [`crate::LONG_FROM`] bytes is scored in windows and its rules read the tokens of
    /// one window at a time (`scan.rs`), so that its memory is bounded.
    pub fn check(&self, checker: &Checker, text: &str) -> (Report, Checked) {
        let options = Options { language: self.language };
        #[cfg(not(target_arch = "wasm32"))]
        if text.len() > crate::LONG_FROM {
            let report = checker.score_long(text, &options, &self.profiles, crate::Explain::Yes);
            let mut scan = Scan::new(self, true);
            checker.each_window_tokens(text, |tokens| scan.add(text, tokens, checker.lexicons()));
            let language = scan.language();
            return self.findings(checker, text, report, scan, || language.unwrap_or(Language::Und));
        }
        let (report, tokens) = checker.score_tokens(text, &options, &self.profiles);
        let mut scan = Scan::new(self, false);
        scan.add(text, &tokens, checker.lexicons());
        let language = || crate::lang::identify(&scan::prose(text, &tokens), checker.lexicons());
        self.findings(checker, text, report, scan, language)
    }

    /// The findings of a message from its report and what its tokens held; `prose_language`
    /// identifies the language of its prose (asked only when the configuration forces the
    /// language of scoring, or the message holds code).
    fn findings(
        &self,
        checker: &Checker,
        text: &str,
        report: Report,
        scan: Scan,
        prose_language: impl FnOnce() -> Language,
    ) -> (Report, Checked) {
        let options = Options { language: self.language };
        let mut out = Findings { linter: self, findings: Vec::new() };
        out.length(text, &report);
        if self.fixes && text.len() <= FIX_MAX_BYTES {
            out.fixes(checker, text, &options, &report);
        }
        out.targets(text, &report);
        out.phrases(text, &scan);
        out.shouting(&scan);
        out.counts(text, &scan);
        out.spam(&report);
        out.opt_out(text, &scan, &report);
        let (tu, vous) = (scan.tu, scan.vous);
        if let (Some(tu), Some(vous)) = (tu, vous) {
            let message = format!("mixes tu ({}) and vous ({})", code(&text[tu.0..tu.1]), code(&text[vous.0..vous.1]));
            out.push(Rule::Register, message, Some(tu.max(vous)), Some("address the reader one way throughout".into()));
        }
        let identified = (scan.prose_words >= self.min_words && self.severity(Rule::Language) != Severity::Off)
            .then(|| match (self.language, scan.has_code) {
                // scoring identified the language of the same words already
                (None, false) => report.language,
                _ => prose_language(),
            })
            .filter(|l| *l != Language::Und);
        let mut findings = out.findings;
        findings.sort_by_key(|f| f.span.map_or(0, |s| s.0));
        let register = report.tone.register;
        (report, Checked { findings, register, identified, configured: self.language, tu, vous })
    }

    /// The rules over a whole file: French register and language consistency. Adds findings
    /// to the messages concerned.
    pub fn check_file(&self, texts: &[&str], checked: &mut [Checked]) {
        if self.severity(Rule::Register) != Severity::Off {
            self.register_consistency(texts, checked);
        }
        if self.severity(Rule::Language) != Severity::Off {
            self.language_consistency(checked);
        }
    }

    fn register_consistency(&self, texts: &[&str], checked: &mut [Checked]) {
        let count = |r: Register| checked.iter().filter(|c| c.register == r).count();
        let (vous, tu) = (count(Register::Vous), count(Register::Tu));
        let (expected, reason) = match self.expected_register {
            Some(expected) => (expected, "the configuration expects".to_string()),
            None if vous > tu && tu > 0 => (Register::Vous, format!("{vous} of the file's messages use")),
            None if tu > vous && vous > 0 => (Register::Tu, format!("{tu} of the file's messages use")),
            None => return,
        };
        let (expected_name, other, other_name) = match expected {
            Register::Vous => ("vous", Register::Tu, "tu"),
            _ => ("tu", Register::Vous, "vous"),
        };
        for (c, text) in checked.iter_mut().zip(texts) {
            if c.register != other {
                continue;
            }
            let Some(span) = (if other == Register::Tu { c.tu } else { c.vous }) else { continue };
            let message = format!("uses {other_name} ({}), but {reason} {expected_name}", code(&text[span.0..span.1]));
            let help = Some(format!("rewrite it addressing the reader as {expected_name}"));
            let severity = self.severity(Rule::Register);
            let fixes = Vec::new();
            c.findings.push(Finding { rule: Rule::Register, severity, message, span: Some(span), help, fixes });
        }
    }

    /// Each message must be in its configured language, else (when the file's messages are
    /// not all alike) in the language most of the others without one are in.
    fn language_consistency(&self, checked: &mut [Checked]) {
        let count = |l: Language| checked.iter().filter(|c| c.configured.is_none() && c.identified == Some(l)).count();
        let (fr, en) = (count(Language::Fr), count(Language::En));
        let majority = if fr > en && en > 0 {
            Some((Language::Fr, format!("{fr} of the file's messages are")))
        } else if en > fr && fr > 0 {
            Some((Language::En, format!("{en} of the file's messages are")))
        } else {
            None
        };
        let name = |l: Language| if l == Language::Fr { "French" } else { "English" };
        for c in checked.iter_mut() {
            let (expected, reason) = match (c.configured, &majority) {
                (Some(language), _) if c.configured == self.language => {
                    (language, "the configuration says this file is")
                }
                (Some(language), _) => (language, "the configuration says this record is"),
                (None, Some((language, reason))) => (*language, reason.as_str()),
                (None, None) => continue,
            };
            let Some(language) = c.identified.filter(|l| *l != expected) else { continue };
            let message = format!("looks {}, but {reason} {}", name(language), name(expected));
            let severity = self.severity(Rule::Language);
            let (span, help, fixes) = (None, None, Vec::new());
            c.findings.push(Finding { rule: Rule::Language, severity, message, span, help, fixes });
        }
    }
}

/// Whether a word is code rather than prose: a command-line option (`--force`, `-f`) or
/// part of an identifier (`default_shell`, `find_and_set_shell`).
fn is_code(text: &str, token: &Token) -> bool {
    let before = &text[..token.start];
    // `--[no-]color` is `--no-color` and `--color`
    let option = before.trim_end_matches('[').strip_suffix('-').is_some_and(|b| {
        let b = b.strip_suffix('-').unwrap_or(b);
        b.is_empty() || b.ends_with(|c: char| c.is_whitespace() || matches!(c, '[' | '(' | '|' | '{' | ']'))
    });
    option
        || before.ends_with("-]")
        || before.ends_with('_')
        || text[token.end..].starts_with('_')
        || text[token.start..token.end].contains('_')
}

/// The help of an SMS length finding: what the first character that forces UCS-2 can become,
/// as the fit plan would repair it (`data/fix/characters.tsv`): a GSM-7 equivalent that
/// keeps the meaning, a lossy one named as such, or none.
fn ucs2_help(text: &str, first: &CharSpan) -> String {
    let (start, end) = (first.span.start, first.span.end);
    let repair = crate::fix::character_repairs(text).find(|r| r.end > start).filter(|r| r.start < end);
    let shown = code(&first.text);
    let cure = match repair {
        Some(r) if r.class == FixClass::Safe && r.replacement.is_empty() => {
            "removing it keeps the meaning and the look".to_string()
        }
        Some(r) if r.class == FixClass::Safe => {
            format!("its GSM-7 equivalent {} keeps the meaning", code(&r.replacement))
        }
        Some(r) => {
            let written = code(&text[r.start..r.end]);
            format!("GSM-7 has no {written}, only a lossy replacement: {}", code(&r.replacement))
        }
        None => format!("GSM-7 has no equivalent of {shown}"),
    };
    format!("{shown} forces UCS-2 (70 characters per SMS instead of 160); {cure}")
}

/// Text quoted in a message, `like this`, with the characters a reader cannot see named.
fn code(text: &str) -> String {
    crate::text::invisible::quoted(text, "`", "`")
}

/// `46 % of the letters are in capitals (at most 30 %)`. When whole percents would read as
/// the limit (30.4 % against 30 %), the share gets the decimals that tell them apart and
/// the counts it comes from: `30.4 % … (24 of 79; at most 30 %)`.
fn shouting_message(shouted: usize, total: usize, max_ratio: f64) -> String {
    let (percent, limit) = (shouted as f64 * 100.0 / total as f64, max_ratio * 100.0);
    let shown = |decimals: i32| (percent * 10f64.powi(decimals)).round() / 10f64.powi(decimals);
    let decimals = (0..3).find(|&d| shown(d) > limit).unwrap_or(3);
    // the limit as written in the configuration: `30`, `12.5`
    let limit = format!("{limit:.3}");
    let limit = limit.trim_end_matches('0').trim_end_matches('.');
    let counts = if decimals > 0 { format!("{shouted} of {total}; ") } else { String::new() };
    format!("{percent:.prec$} % of the letters are in capitals ({counts}at most {limit} %)", prec = decimals as usize)
}

/// Findings of one message being gathered.
struct Findings<'a> {
    linter: &'a Linter,
    findings: Vec<Finding>,
}

impl Findings<'_> {
    fn push(&mut self, rule: Rule, message: String, span: Option<(usize, usize)>, help: Option<String>) {
        self.push_at(rule, self.linter.severity(rule), message, span, help);
    }

    fn push_at(
        &mut self,
        rule: Rule,
        severity: Severity,
        message: String,
        span: Option<(usize, usize)>,
        help: Option<String>,
    ) {
        if severity != Severity::Off {
            self.findings.push(Finding { rule, severity, message, span, help, fixes: Vec::new() });
        }
    }

    fn length(&mut self, text: &str, report: &Report) {
        for p in report.length.profiles.iter().filter(|p| !p.valid) {
            let rule_severity = self.linter.severity(Rule::Length);
            let severity =
                if p.kind == LimitKind::Heuristic { rule_severity.min(Severity::Warning) } else { rule_severity };
            let over = p.length.saturating_sub(p.limit);
            let unit = match p.unit {
                crate::Unit::SmsSegments => "segments",
                crate::Unit::XWeighted => "weighted characters",
                crate::Unit::Utf8Bytes => "bytes",
                crate::Unit::Utf16 => "UTF-16 units",
                crate::Unit::Hashtags => "hashtags",
                _ => "characters",
            };
            // sized for the whole sentence: `format!` would guess from its literal parts, then
            // double, and a file's findings are all kept until they are written
            let mut message = String::with_capacity(96);
            let _ = match p.unfit() {
                Some(Unfit::Empty) => write!(message, "not a valid {} post: empty", p.name),
                Some(Unfit::InvalidCharacter) => {
                    write!(message, "not a valid {} post: it holds U+FFFE, U+FEFF or U+FFFF", p.name)
                }
                _ if over == 0 => match p.detail {
                    // within 300 graphemes, over 3,000 bytes
                    Some(crate::ProfileDetail::Bluesky { bytes, .. }) => write!(
                        message,
                        "too long for {}: {bytes} bytes, limit {BLUESKY_MAX_BYTES} ({} over)",
                        p.name,
                        bytes.saturating_sub(BLUESKY_MAX_BYTES)
                    ),
                    _ => write!(message, "too long for {}", p.name),
                },
                _ => write!(message, "too long for {}: {} {unit}, limit {} ({over} over)", p.name, p.length, p.limit),
            };
            let mut help = None;
            if let Some(sms) = p.sms() {
                let _ = write!(message, "; {} {} units", sms.units, sms.encoding.name());
                help = sms.ucs2_characters.first().map(|first| ucs2_help(text, first));
            } else if over > 0 {
                help = Some(format!("cut {over} {unit} from the highlighted part"));
            }
            let span = p.overflow.map(|s| (s.start, s.end));
            self.push_at(Rule::Length, severity, message, span, help);
        }
    }

    /// Gives each length finding the edits of its profile's fit plan (pushed in the order of
    /// the invalid profiles by [`Self::length`]).
    fn fixes(&mut self, checker: &Checker, text: &str, options: &Options, report: &Report) {
        let options = Options { language: options.language.or(Some(report.language)) };
        let invalid: Vec<&str> = report.length.profiles.iter().filter(|p| !p.valid).map(|p| &*p.name).collect();
        let plans = checker.fit_edits(text, &invalid, &options).unwrap_or_default();
        let findings = self.findings.iter_mut().filter(|f| f.rule == Rule::Length);
        for (finding, edits) in findings.zip(plans) {
            finding.fixes = edits;
        }
    }

    fn targets(&mut self, text: &str, report: &Report) {
        for target in &self.linter.targets {
            let value = target.dimension.value(report);
            let Some(miss) = target.miss(value) else { continue };
            let dimension = target.dimension.explained_as();
            let contributions = |positive: bool| -> Vec<&Explanation> {
                let mut list: Vec<&Explanation> = report
                    .tone
                    .explanations
                    .iter()
                    .filter(|e| e.dimension == dimension && (e.score > 0.0) == positive && e.score != 0.0)
                    .collect();
                list.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
                list
            };
            let quoted =
                |list: &[&Explanation]| list.iter().take(3).map(|e| code(&e.text)).collect::<Vec<_>>().join(", ");
            let (message, pushers) = match miss {
                Miss::Below(min, inclusive) => (
                    format!("{} {value:.2} {} {min:.2}", target.dimension.name(), if inclusive { "<" } else { "<=" }),
                    contributions(false),
                ),
                Miss::Above(max, inclusive) => (
                    format!("{} {value:.2} {} {max:.2}", target.dimension.name(), if inclusive { ">" } else { ">=" }),
                    contributions(true),
                ),
            };
            let below = matches!(miss, Miss::Below(..));
            let mut help = String::new();
            if !pushers.is_empty() {
                let _ = write!(help, "{} by {}", if below { "pulled down" } else { "raised" }, quoted(&pushers));
            }
            if below {
                let language = if report.language == Language::Fr { "fr" } else { "en" };
                if let Some(words) = words::suggestions(target.dimension.name(), language) {
                    let lead =
                        if contributions(true).is_empty() { "no words carry it" } else { "too few words carry it" };
                    let sep = if help.is_empty() { "" } else { "; " };
                    let _ = write!(help, "{sep}{lead}; consider {words}");
                }
            } else if pushers.is_empty() {
                let _ = write!(help, "target: {target}");
            }
            let span = pushers.first().map(|e| (e.span.start, e.span.end)).filter(|s| s.1 <= text.len());
            self.push(Rule::ToneTarget, message, span, (!help.is_empty()).then_some(help));
        }
    }

    fn phrases(&mut self, text: &str, scan: &Scan) {
        for &(i, (start, end)) in &scan.forbidden {
            let written = code(self.linter.forbidden[i].written());
            let message = format!("forbidden: {} (rule: {written})", code(&text[start..end]));
            self.push(Rule::Forbidden, message, Some((start, end)), None);
        }
        for (phrase, _) in self.linter.required.iter().zip(&scan.required).filter(|(_, found)| !**found) {
            self.push(Rule::Required, format!("missing required {}", code(phrase.written())), None, None);
        }
    }

    /// One finding for a message whose spam cues reach the threshold, naming them (strongest
    /// first): spam filters weigh cues together, so one weak cue alone (« carte de crédit »,
    /// a sports « win ») is no finding. Runs of `!` and capitals are the `exclamations` and
    /// `shouting` rules' (which know acronyms from shouting): what is compared is the share
    /// of the message's `spamminess` its other cues carry, each counted once.
    fn spam(&mut self, report: &Report) {
        let score = report.tone.tones.get("spamminess").unwrap_or(0.0);
        if score < self.linter.spam_threshold {
            return;
        }
        let spam: Vec<&Explanation> =
            report.tone.explanations.iter().filter(|e| e.dimension == "spamminess" && e.score > 0.0).collect();
        let other_rules =
            |e: &Explanation| e.lexicon == "rules" && e.text.contains(|c: char| c == '!' || c.is_alphabetic());
        // a filter matches a phrase or not: « cliquez… cliquez » is one cue, at its strongest
        let mut cues: Vec<&Explanation> = spam.iter().copied().filter(|e| !other_rules(e)).collect();
        cues.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut distinct: Vec<&Explanation> = Vec::new();
        for cue in cues {
            if !distinct.iter().any(|d| d.text.to_lowercase() == cue.text.to_lowercase()) {
                distinct.push(cue);
            }
        }
        let total: f64 = spam.iter().map(|e| e.score).sum();
        let carried = score * distinct.iter().map(|e| e.score).sum::<f64>() / total;
        if distinct.is_empty() || carried < self.linter.spam_threshold {
            return;
        }
        let span = distinct.first().map(|e| (e.span.start, e.span.end));
        let quoted: Vec<String> = distinct.iter().map(|e| code(&e.text)).collect();
        let threshold = self.linter.spam_threshold;
        let mut message = format!("reads as spam (spamminess {score:.2}");
        if carried < score {
            let _ = write!(message, ", {carried:.2} from these cues");
        }
        let _ = write!(message, "; threshold {threshold:.2}): {}", quoted.join(", "));
        let help = Some("spam filters weigh these together: rewrite or drop the strongest".into());
        self.push(Rule::SpamTrigger, message, span, help);
    }

    /// A promotional message without its opt-out mention (`STOP 36111`, or the configured
    /// patterns).
    fn opt_out(&mut self, text: &str, scan: &Scan, report: &Report) {
        if self.linter.severity(Rule::OptOut) == Severity::Off {
            return;
        }
        let strongest = PROMOTIONAL_TONES
            .iter()
            .filter_map(|&tone| Some((tone, report.tone.tones.get(tone)?)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((tone, score)) = strongest.filter(|s| s.1 >= self.linter.promotional_threshold) else { return };
        let found = if self.linter.opt_outs.is_empty() {
            !crate::text::placeholders::opt_outs(text).is_empty()
        } else {
            scan.opt_out
        };
        if !found {
            let message = format!("promotional ({tone} {score:.2}) but no opt-out mention");
            let help = match self.linter.opt_outs.first() {
                Some(pattern) => format!("add the opt-out mention, e.g. {}", code(pattern.written())),
                None => "add the opt-out mention: `STOP` and your number, e.g. `STOP au 36111`".to_string(),
            };
            self.push(Rule::OptOut, message, None, Some(help));
        }
    }

    fn shouting(&mut self, scan: &Scan) {
        let (shouted, total) = (scan.shouted, scan.letters);
        let Some(span) = scan.loud.filter(|_| total >= SHOUTING_MIN_LETTERS) else { return };
        let ratio = shouted as f64 / total as f64;
        if ratio > self.linter.max_caps_ratio {
            let message = shouting_message(shouted, total, self.linter.max_caps_ratio);
            self.push(
                Rule::Shouting,
                message,
                Some(span),
                Some("write in sentence case; keep capitals for acronyms".into()),
            );
        }
    }

    fn counts(&mut self, text: &str, scan: &Scan) {
        let max = self.linter.max_exclamations;
        if let Some((at, _)) = text.match_indices('!').nth(max) {
            let message = format!("{} exclamation marks (at most {max})", text.matches('!').count());
            self.push(Rule::Exclamations, message, Some((at, at + 1)), None);
        }
        let counted = [
            (Rule::Emoji, &scan.emoji, "emoji", self.linter.max_emoji),
            (Rule::Hashtags, &scan.hashtags, "hashtags", self.linter.max_hashtags),
            (Rule::Mentions, &scan.mentions, "mentions", self.linter.max_mentions),
        ];
        for (rule, counted, what, max) in counted {
            if let Some(span) = counted.over {
                self.push(rule, format!("{} {what} (at most {max})", counted.count), Some(span), None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{shouting_message, ucs2_help};
    use crate::report::CharSpan;
    use crate::text::span::Span;

    /// The help names what the fit plan can do with the first character that forces UCS-2:
    /// GSM-7 has no `ê` (only the lossy `e`), but a safe `'` for `’`.
    #[test]
    fn the_ucs2_help_says_what_each_character_can_become() {
        let help = |text: &str, start: usize, end: usize| {
            let first = CharSpan {
                text: text[start..end].to_string(),
                span: Span { start, end, start_utf16: 0, end_utf16: 0 },
            };
            let help = ucs2_help(text, &first);
            let head = format!("`{}` forces UCS-2 (70 characters per SMS instead of 160); ", &text[start..end]);
            help.strip_prefix(&head).map(str::to_string).unwrap_or(help)
        };
        assert_eq!(help("L’offre", 1, 4), "its GSM-7 equivalent `'` keeps the meaning");
        assert_eq!(help("Prête", 2, 4), "GSM-7 has no `ê`, only a lossy replacement: `e`");
        assert_eq!(help("cœur", 1, 3), "GSM-7 has no `œ`, only a lossy replacement: `oe`");
        // a decomposed `ê`: the mark forces UCS-2, the letter it composes has no GSM-7 form
        assert_eq!(help("Pre\u{302}te", 3, 5), "GSM-7 has no `e\u{302}`, only a lossy replacement: `e`");
        assert_eq!(help("Soldes 🔥", 7, 11), "GSM-7 has no equivalent of `🔥`");
        let zwsp = help("a\u{200B}b", 1, 4);
        assert!(
            zwsp.ends_with(
                "forces UCS-2 (70 characters per SMS instead of 160); removing it keeps the meaning and the look"
            ),
            "{zwsp}"
        );
        assert!(zwsp.starts_with("U+200B ZERO WIDTH SPACE"), "{zwsp}");
    }

    #[test]
    fn shouting_shows_the_difference_it_judges() {
        assert_eq!(shouting_message(46, 100, 0.3), "46 % of the letters are in capitals (at most 30 %)");
        assert_eq!(shouting_message(24, 79, 0.3), "30.4 % of the letters are in capitals (24 of 79; at most 30 %)");
        assert_eq!(
            shouting_message(3004, 10_000, 0.3),
            "30.04 % of the letters are in capitals (3004 of 10000; at most 30 %)"
        );
        assert_eq!(shouting_message(13, 100, 0.125), "13 % of the letters are in capitals (at most 12.5 %)");
    }
}
