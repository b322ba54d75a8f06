//! Named dimensions beyond valence: Plutchik's eight emotions and the marketing tones, each a
//! score in [0, 1], explained like valence.
//!
//! A term raises its dimensions by its weight, changed by its context as valence is:
//! boosters and dampeners (×(1 ± 0.293…)), capitals and elongation, negation (×-0.74, so
//! `je n'ai pas peur` *lowers* fear), contrast (×0.5 before `mais`, ×1.5 after) and, for
//! emotions, questions (×0.1). The sum `raw` of a dimension becomes `1 - exp(-raw / τ)`
//! (0 when `raw ≤ 0`), where τ is calibrated so that 0.5 is where a reader starts to say
//! the message expresses that dimension (`lexicons/emotions/calibration.tsv`; τ = 1/ln 2 for
//! the others, so a raw sum of 1 reads 0.5).
//!
//! A few tones and one emotion also come from rules, explained the same way (lexicon
//! `rules`): a question raises curiosity and anticipation (interest); three or more `!`, a
//! message mostly in capitals, or `€€€` raise spamminess; a discount raises value; formality
//! reads the register (French *vous* vs *tu*, English formal phrases vs contractions and
//! slang).

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::lexicon::dimensions::DimensionTable;
use crate::lexicon::family;
use crate::text::span::Utf16Index;
use crate::text::tokenize::{Token, TokenKind};

use super::context::{Context, NEGATION_SCALAR, QUESTION_FACTOR};
use super::units::Unit;
use super::{AppliedModifier, Cause, Explanation, ModifierKind, round4};

/// Plutchik's eight emotions, in report order.
pub const EMOTIONS: [&str; 8] = ["joy", "trust", "fear", "surprise", "sadness", "disgust", "anger", "anticipation"];

/// The built-in marketing tones, in report order.
pub const TONES: [&str; 10] = [
    "urgency",
    "exclusivity",
    "trust",
    "freedom",
    "curiosity",
    "value",
    "social_proof",
    "spamminess",
    "formality",
    "politeness",
];

const CAPS_FACTOR: f32 = 0.3;
const ELONGATION_FACTOR: f32 = 0.2;
/// τ for an uncalibrated emotion: a raw sum of 1 reads 0.5.
pub const DEFAULT_TAU: f32 = std::f32::consts::LOG2_E;
/// τ for tones: one clear cue (weight 0.6, see lexicons/tones/README.md) reads 0.5.
pub const TONE_TAU: f32 = 0.6 * std::f32::consts::LOG2_E;

/// Scores of named dimensions, serialised as an object in a fixed order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores(pub Vec<(Cow<'static, str>, f64)>);

impl Scores {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, s)| *s)
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, score) in &self.0 {
            map.serialize_entry(name, score)?;
        }
        map.end()
    }
}

/// The tables one family of dimensions (emotions or tones) is read with.
pub struct Family<'a> {
    /// The message's language table, and the language-neutral one (emoji).
    pub words: &'a DimensionTable,
    pub emoji: &'a DimensionTable,
    /// Report order: the built-in names, then any custom dimension of the tables.
    pub order: Vec<&'a str>,
    /// Questions weaken this family (emotions: a feeling asked about is not expressed).
    pub questions_weaken: bool,
    pub family: super::Family,
    /// Words never read through accent folding (the language's function words: `sur` is
    /// not `sûr`).
    pub exact_only: &'a rustc_hash::FxHashSet<&'static str>,
    /// The family's bit in the message's term starts (see [`crate::lexicon::TermStarts`]).
    pub bit: u8,
}

/// Raw sums (in `family.order`) and explanations of one family over a message. `starts`:
/// for each token, the families that may have a term starting there (only those tokens are
/// looked up).
pub fn raw_sums(
    (text, tokens, starts): (&str, &[Token], &[u8]),
    context: &Context,
    family: &Family,
    index: &Utf16Index,
) -> (Vec<f32>, Vec<Explanation>) {
    let mut raw = vec![0.0f32; family.order.len()];
    let mut explanations = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if starts[i] & family.bit == 0 {
            i += 1;
            continue;
        }
        let table = if tokens[i].kind == TokenKind::Emoji { family.emoji } else { family.words };
        let matches = table.matches_at(text, tokens, i, family.exact_only);
        let Some(longest) = matches.first().map(|m| m.len) else {
            i += 1;
            continue;
        };
        let k = unit_of_token(context.units, i);
        let (start, end) = (tokens[i].start, tokens[i + longest - 1].end);
        let (factor, modifiers) = context_factor(context, k, (start, end), family.questions_weaken, index);
        // one span for every dimension the term weighs on
        let span = index.span(start, end);
        for m in matches.iter().filter(|m| m.len == longest) {
            for &(dimension, weight) in m.weights {
                let name = &table.names()[dimension];
                let Some(slot) = family.order.iter().position(|n| n == name) else { continue };
                let contribution = weight * factor;
                raw[slot] += contribution;
                explanations.push(Explanation {
                    text: text[start..end].to_string(),
                    cause: cause_of(&tokens[i], longest),
                    family: family.family,
                    dimension: dimension_name(name),
                    lexicon: if tokens[i].kind == TokenKind::Emoji { "emoji" } else { "words" },
                    base: round4(weight),
                    score: round4(contribution),
                    span,
                    modifiers: modifiers.clone(),
                });
            }
        }
        i += longest;
    }
    (raw, explanations)
}

/// Scores in [0, 1] from raw sums: `1 - exp(-raw / τ)`, 0 when the sum is not positive.
pub fn calibrate(order: &[&str], raw: &[f32], tau: &dyn Fn(&str) -> f32) -> Scores {
    Scores(
        order
            .iter()
            .zip(raw)
            .map(|(name, &sum)| {
                (dimension_name(name), if sum > 0.0 { round4(1.0 - (-sum / tau(name)).exp()) } else { 0.0 })
            })
            .collect(),
    )
}

/// The name of a dimension: borrowed for the built-in ones, owned for custom ones.
fn dimension_name(name: &str) -> Cow<'static, str> {
    match EMOTIONS.iter().chain(TONES.iter()).find(|b| **b == name) {
        Some(builtin) => Cow::Borrowed(builtin),
        None => Cow::Owned(name.to_string()),
    }
}

fn cause_of(token: &Token, len: usize) -> Cause {
    match (token.kind, len) {
        (TokenKind::Emoji, _) => Cause::Emoji,
        (_, 1) => Cause::Word,
        _ => Cause::Phrase,
    }
}

/// Index of the unit token `i` belongs to: units cover the tokens in order, so it is the last
/// one starting at or before it (looked up for the few tokens a term matches at).
fn unit_of_token(units: &[Unit], i: usize) -> usize {
    units.partition_point(|unit| unit.first_token <= i).saturating_sub(1)
}

/// What the context of unit `k` does to a dimension weight, with its explanation.
/// `span`: the matched term, whose own words (`oh non`, `sans engagement`) never negate it.
fn context_factor(
    context: &Context,
    k: usize,
    span: (usize, usize),
    questions_weaken: bool,
    index: &Utf16Index,
) -> (f32, Vec<AppliedModifier>) {
    let unit = &context.units[k];
    let mut factor = 1.0;
    let mut modifiers = Vec::new();
    if unit.all_caps && !context.message_all_caps {
        factor += CAPS_FACTOR;
        modifiers.push(AppliedModifier::emphasis(
            ModifierKind::Caps,
            format!("written in capitals (×{:.2})", 1.0 + CAPS_FACTOR),
        ));
    }
    if unit.elongated {
        factor += ELONGATION_FACTOR;
        modifiers
            .push(AppliedModifier::emphasis(ModifierKind::Elongation, format!("elongated (+{ELONGATION_FACTOR})")));
    }
    for intensifier in context.intensifiers(k) {
        factor += intensifier.increment;
        modifiers.push(context.intensifier_modifier(&intensifier, intensifier.increment, index));
    }
    let mut factor = factor.max(0.2);
    let question = context.question(k);
    match context.negation(k).filter(|n| !(span.0 <= n.start && n.end <= span.1)) {
        Some(negation) => {
            if !question {
                factor *= NEGATION_SCALAR;
            }
            modifiers.push(negation.modifier(question, index));
        }
        None if question && questions_weaken => {
            factor *= QUESTION_FACTOR;
            modifiers.push(AppliedModifier::emphasis(
                ModifierKind::Question,
                format!("asked, not stated (×{QUESTION_FACTOR})"),
            ));
        }
        None => {}
    }
    if let Some((weight, by)) = context.contrast(k) {
        factor *= weight;
        modifiers.push(context.contrast_modifier(k, by, weight, index));
    }
    (factor, modifiers)
}

/// Emotions, tones and register of a message, added to its valence report.
pub fn score_all(
    text: &str,
    tokens: &[Token],
    context: &Context,
    language: crate::lang::Language,
    lexicons: &crate::lexicon::Lexicons,
    index: &Utf16Index,
    report: &mut super::ToneReport,
) {
    raw_all(text, tokens, context, language, lexicons, index, &mut report.explanations)
        .apply(lexicons, language, report);
}

/// The raw sums of every emotion, tone and register marker of a message, before they are
/// calibrated into scores: those of the pieces of a very long message (scored in windows)
/// add up to the message's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Raw {
    /// In the order of [`families`].
    emotions: Vec<f32>,
    tones: Vec<f32>,
    formal: f32,
    informal: f32,
    register: super::rules::Register,
}

impl Raw {
    pub fn add(&mut self, other: &Raw) {
        for (sums, others) in [(&mut self.emotions, &other.emotions), (&mut self.tones, &other.tones)] {
            sums.resize(sums.len().max(others.len()), 0.0);
            sums.iter_mut().zip(others).for_each(|(sum, other)| *sum += other);
        }
        self.formal += other.formal;
        self.informal += other.informal;
        self.register = self.register.and(other.register);
    }

    /// Takes back what explanation `e` (of an emotion or a tone) added.
    pub fn subtract(&mut self, lexicons: &crate::lexicon::Lexicons, language: crate::lang::Language, e: &Explanation) {
        let [emotions, tones, _] = families(lexicons, language);
        let (order, sums) = match e.family {
            super::Family::Emotion => (&emotions.order, &mut self.emotions),
            _ => (&tones.order, &mut self.tones),
        };
        if let Some(slot) = order.iter().position(|n| *n == e.dimension) {
            sums[slot] -= e.score as f32;
        }
    }

    /// Sets the emotions, tones and register of `report` from these sums.
    pub fn apply(
        &self,
        lexicons: &crate::lexicon::Lexicons,
        language: crate::lang::Language,
        report: &mut super::ToneReport,
    ) {
        let [emotions, tones, _] = families(lexicons, language);
        let code = if language == crate::lang::Language::Fr { "fr" } else { "en" };
        let tau = |name: &str| lexicons.emotion_tau(name, code).unwrap_or(DEFAULT_TAU);
        report.emotions = calibrate(&emotions.order, &self.emotions, &tau);
        let mut tone_scores = calibrate(&tones.order, &self.tones, &|_| TONE_TAU);
        // formality: share of formal weight among register markers (0.5 without any)
        let (formal, informal) = (self.formal.max(0.0), self.informal.max(0.0));
        let formality = if formal + informal > 0.0 { round4(formal / (formal + informal)) } else { 0.5 };
        if let Some(slot) = tone_scores.0.iter_mut().find(|(n, _)| n == "formality") {
            slot.1 = formality;
        }
        report.tones = tone_scores;
        report.register = self.register;
    }
}

/// The raw sums of every dimension of a message; their explanations go to `explanations`.
pub fn raw_all(
    text: &str,
    tokens: &[Token],
    context: &Context,
    language: crate::lang::Language,
    lexicons: &crate::lexicon::Lexicons,
    index: &Utf16Index,
    explanations: &mut Vec<Explanation>,
) -> Raw {
    let [emotions, tones, formality] = families(lexicons, language);
    // one lookup per token tells which families may have a term starting there
    let term_starts = &lexicons.of(language).term_starts;
    let starts: Vec<u8> = tokens.iter().map(|token| term_starts.of(token)).collect();
    let message = (text, tokens, starts.as_slice());

    // emotions: always all eight, then any custom emotion
    let (mut emotion_raw, found) = raw_sums(message, context, &emotions, index);
    for rule in super::rules::emotion_rules(text, tokens, index) {
        add_rule(&emotions.order, &mut emotion_raw, rule, explanations);
    }
    explanations.extend(found);

    // tones from words and emoji, then from rules
    let (mut tone_raw, found) = raw_sums(message, context, &tones, index);
    let covered = Coverage::new(&found);
    for rule in super::rules::tone_rules(text, tokens, context, index) {
        // a cue the lexicon already explains (`-50 % sur tout`) is not counted twice
        if !covered.contains(&rule.dimension, rule.span.start, rule.span.end) {
            add_rule(&tones.order, &mut tone_raw, rule, explanations);
        }
    }
    explanations.extend(found);

    let (register_raw, register_explanations) = raw_sums(message, context, &formality, index);
    explanations.extend(register_explanations.into_iter().map(|mut e| {
        if e.dimension == "informal" {
            e.score = -e.score;
        }
        e.dimension = Cow::Borrowed("formality");
        e
    }));
    Raw {
        emotions: emotion_raw,
        tones: tone_raw,
        formal: register_raw[0],
        informal: register_raw[1],
        register: super::rules::register(tokens).0,
    }
}

/// The three families of a language: emotions (the eight, then any custom emotion), tones
/// (the built-in ones, then custom dimensions) and the register markers behind formality.
fn families(lexicons: &crate::lexicon::Lexicons, language: crate::lang::Language) -> [Family<'_>; 3] {
    let exact_only = &lexicons.of(language).function_words;
    /// A family's tables, and its order: the built-in names, then the tables' others.
    fn tables<'a>(
        tables: &'a crate::lexicon::ByLanguage<DimensionTable>,
        builtin: &[&'static str],
        language: crate::lang::Language,
    ) -> (&'a DimensionTable, &'a DimensionTable, Vec<&'a str>) {
        let (words, emoji) = (tables.of(language), &tables.emoji);
        let mut order = builtin.to_vec();
        extend_order(&mut order, words.names());
        extend_order(&mut order, emoji.names());
        (words, emoji, order)
    }
    let (words, emoji, order) = tables(&lexicons.emotions, &EMOTIONS, language);
    let emotions = Family {
        words,
        emoji,
        order,
        questions_weaken: true,
        family: super::Family::Emotion,
        exact_only,
        bit: family::EMOTIONS,
    };
    let (words, emoji, order) = tables(&lexicons.tones, &TONES, language);
    let tones = Family {
        words,
        emoji,
        order,
        questions_weaken: false,
        family: super::Family::Tone,
        exact_only,
        bit: family::TONES,
    };
    let formality = Family {
        words: lexicons.formality.of(language),
        emoji: &lexicons.formality.emoji,
        order: vec!["formal", "informal"],
        questions_weaken: false,
        family: super::Family::Tone,
        exact_only,
        bit: family::FORMALITY,
    };
    [emotions, tones, formality]
}

/// The spans explanations cover, per dimension, to ask in logarithmic time whether one of
/// them contains a span (a message can hold hundreds of thousands of explanations).
struct Coverage<'a> {
    /// Per dimension: span starts in order, and the largest end among spans starting at or
    /// before each.
    by_dimension: Vec<(&'a str, Vec<usize>, Vec<usize>)>,
}

impl<'a> Coverage<'a> {
    fn new(explanations: &'a [Explanation]) -> Coverage<'a> {
        // the spans of each dimension (a few dozen dimensions at most), then in order
        let mut spans: Vec<(&str, Vec<(usize, usize)>)> = Vec::new();
        for e in explanations {
            let span = (e.span.start, e.span.end);
            match spans.iter_mut().find(|(d, _)| *d == e.dimension.as_ref()) {
                Some((_, list)) => list.push(span),
                None => spans.push((e.dimension.as_ref(), vec![span])),
            }
        }
        let by_dimension = spans
            .into_iter()
            .map(|(dimension, mut list)| {
                crate::order::sort_by_key(&mut list, |&(s, e)| [crate::order::up(s), crate::order::up(e), 0, 0]);
                let starts = list.iter().map(|&(s, _)| s).collect();
                let max_ends = list.iter().scan(0, |max, &(_, e)| {
                    *max = e.max(*max);
                    Some(*max)
                });
                (dimension, starts, max_ends.collect())
            })
            .collect();
        Coverage { by_dimension }
    }

    /// Whether a span of `dimension` contains `start..end`.
    fn contains(&self, dimension: &str, start: usize, end: usize) -> bool {
        let Some((_, starts, max_ends)) = self.by_dimension.iter().find(|d| d.0 == dimension) else { return false };
        let before = starts.partition_point(|&s| s <= start);
        before > 0 && max_ends[before - 1] >= end
    }
}

/// Adds a rule's contribution to the raw sum of its dimension, and keeps its explanation.
fn add_rule(order: &[&str], raw: &mut [f32], rule: Explanation, explanations: &mut Vec<Explanation>) {
    if let Some(slot) = order.iter().position(|n| *n == rule.dimension) {
        raw[slot] += rule.score as f32;
    }
    explanations.push(rule);
}

/// Appends the names of `table` that are not in `order` yet (custom dimensions).
fn extend_order<'a>(order: &mut Vec<&'a str>, names: &'a [String]) {
    for name in names {
        if !order.contains(&name.as_str()) {
            order.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;
    use crate::text::tokenize::tokenize;

    /// Every token is found in the unit that covers it, phrases and modifiers included.
    #[test]
    fn tokens_map_to_the_unit_covering_them() {
        let lexicons = Lexicons::builtin();
        for text in ["", "!!", "Ce n'est pas du tout génial, mais sans engagement !", "not bad at all :) 😍 -50 %"] {
            let tokens = tokenize(text, &[], &|_| false);
            let units = crate::tone::units::units(&tokens, crate::lang::Language::Fr, &lexicons);
            for (k, unit) in units.iter().enumerate() {
                for i in unit.first_token..unit.first_token + unit.token_count {
                    assert_eq!(unit_of_token(&units, i), k, "{text:?} token {i}");
                }
            }
        }
    }

    /// The term starts skip only tokens where no family has a term: every family's raw sums
    /// and explanations are the same as when every token is looked up, for messages made of
    /// each term of the built-in tables (words, phrases, numbers, emoji), in both languages.
    #[test]
    fn term_starts_skip_only_tokens_that_start_no_term() {
        let lexicons = Lexicons::builtin();
        let mut texts = vec!["Plus que 24 h, tu vas adorer 😍 !".to_string(), "Not bad at all, mate :)".to_string()];
        for file in [
            "emotions/en.tsv",
            "emotions/fr.tsv",
            "emotions/emoji.tsv",
            "tones/en.tsv",
            "tones/fr.tsv",
            "tones/emoji.tsv",
            "tones/formality-en.tsv",
            "tones/formality-fr.tsv",
        ] {
            let path = format!("{}/lexicons/{file}", env!("CARGO_MANIFEST_DIR"));
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let terms = source.lines().filter(|l| !l.starts_with('#')).skip(1).filter_map(|l| l.split('\t').next());
            texts.extend(terms.map(|term| format!("oh {} !", term.replace("<number>", "24"))));
        }
        assert!(texts.len() > 7_000, "{} messages", texts.len());
        for text in &texts {
            for language in [crate::lang::Language::Fr, crate::lang::Language::En] {
                let tokens = tokenize(text, &[], &|_| false);
                let units = crate::tone::units::units(&tokens, language, &lexicons);
                let context = Context::new(text, &units, language);
                let index = Utf16Index::new(text);
                let term_starts = &lexicons.of(language).term_starts;
                let starts: Vec<u8> = tokens.iter().map(|token| term_starts.of(token)).collect();
                let every = vec![u8::MAX; tokens.len()];
                for family in families(&lexicons, language) {
                    let skipping = raw_sums((text, &tokens, &starts), &context, &family, &index);
                    let looking_up_all = raw_sums((text, &tokens, &every), &context, &family, &index);
                    assert_eq!(skipping, looking_up_all, "{text:?} in {language:?}");
                }
            }
        }
    }
}
