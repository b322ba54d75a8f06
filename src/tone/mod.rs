//! Tone: how a message feels, explained by the words that make it so.
//!
//! [`valence`] scores positive/negative polarity with VADER-style rules made native for
//! French and English (negation with `ne … pas` and spoken `pas`, boosters, contrast,
//! idioms, emoji, emphasis); every contribution is kept as an [`Explanation`] whose scores
//! add up to the message's raw valence, so the explanation is the computation.

pub mod context;
pub mod dimensions;
pub mod rules;
pub mod targets;
pub mod units;
pub mod valence;

use std::borrow::Cow;

use serde::Serialize;

use crate::text::span::Span;

/// `tone.label` thresholds on the compound valence: `positive` at or above
/// [`POSITIVE_THRESHOLD`], `negative` at or below [`NEGATIVE_THRESHOLD`], `neutral` between.
pub const POSITIVE_THRESHOLD: f32 = 0.05;
pub const NEGATIVE_THRESHOLD: f32 = -0.05;

/// The tone of one message.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneReport {
    /// Compound valence in [-1, 1].
    pub valence: f64,
    pub label: Label,
    /// Shares of positive, neutral and negative weight (they add up to 1, or are all 0).
    pub positive: f64,
    pub neutral: f64,
    pub negative: f64,
    /// How charged the message is, whatever its direction, in [0, 1].
    pub intensity: f64,
    /// Plutchik's eight emotions, each in [0, 1] (≥ 0.5: a reader would say the message
    /// expresses it), always all eight.
    pub emotions: dimensions::Scores,
    /// Marketing tones (and custom dimensions) in [0, 1]; `formality` is 0.5 without any
    /// register marker.
    pub tones: dimensions::Scores,
    /// How the message addresses the reader in French: `vous`, `tu`, `mixed` or `none`.
    pub register: rules::Register,
    /// Every word, phrase, emoji or rule that moved a score, with the dimension it moved.
    pub explanations: Vec<Explanation>,
    /// How the learned model's log-odds add up (absent when the rule engine scored alone):
    /// for each dimension, `prior + unlisted + Σ explanations = log-odds`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<crate::model::ModelTrace>,
}

impl ToneReport {
    /// The emotions or tones (`family`) scoring at least `from`, in report order, each with
    /// the words that raise it — what readable reports and hovers list. `formality` is left
    /// out: it is a scale (0.5 without a marker), not something a message expresses.
    pub fn expressed(&self, family: Family, from: f64) -> Vec<(&str, f64, Vec<&str>)> {
        let scores = if family == Family::Emotion { &self.emotions } else { &self.tones };
        scores
            .0
            .iter()
            .filter(|(name, score)| *score >= from && name != "formality")
            .map(|(name, score)| {
                let words = self
                    .explanations
                    .iter()
                    .filter(|e| e.family == family && e.dimension == *name && e.score > 0.0)
                    .map(|e| e.text.as_str())
                    .collect();
                (name.as_ref(), *score, words)
            })
            .collect()
    }
}

#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Positive,
    Neutral,
    Negative,
}

/// The family of scores an explanation belongs to.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Valence,
    Emotion,
    Tone,
}

/// What kind of text an explanation points at.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cause {
    Word,
    Phrase,
    Emoji,
    Emoticon,
    Punctuation,
}

/// One contribution to a score.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The text as written in the message.
    pub text: String,
    pub cause: Cause,
    /// Which scores the dimension belongs to: `valence`, `emotion` or `tone` (`trust` is
    /// both an emotion and a tone).
    pub family: Family,
    /// The dimension it moves: `valence`, an emotion, a tone, or a custom dimension.
    pub dimension: Cow<'static, str>,
    /// Which lexicon gave the base score (`fr`, `en`, `emoji`, `emoticons`, or empty).
    pub lexicon: &'static str,
    /// Score in the lexicon (VADER scale, -4..4).
    pub base: f64,
    /// Contribution after every modifier.
    pub score: f64,
    #[serde(flatten)]
    pub span: Span,
    pub modifiers: Vec<AppliedModifier>,
}

/// A modifier applied to an explanation's base score.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedModifier {
    pub kind: ModifierKind,
    /// The modifier's words as written (`ne…pas`, `très`, `mais`), empty for emphasis.
    pub text: String,
    /// Where the modifier's words are (absent for emphasis carried by the word itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Readable account, e.g. `negated by ne…pas (×-0.74)`.
    pub description: String,
}

#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModifierKind {
    Negation,
    Booster,
    Dampener,
    Caps,
    Elongation,
    Contrast,
    Exclamation,
    Question,
    /// A rule about the message's shape (a question, `!!!`, capitals, a discount).
    Emphasis,
}

impl AppliedModifier {
    /// Emphasis carried by the word itself or by the message's shape (no words of its own).
    pub(crate) fn emphasis(kind: ModifierKind, description: String) -> AppliedModifier {
        AppliedModifier { kind, text: String::new(), span: None, description }
    }
}

/// Rounds to 4 decimals, so reports are stable and readable, and the same in JSON from Rust
/// and in JavaScript numbers (an `f32` such as 1.2 would read 1.2000000476837158 there).
pub(crate) fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}
