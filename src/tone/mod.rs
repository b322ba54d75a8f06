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
    /// The rule engine's explanations left out of `explanations` (see [`ToneReport::cap_explanations`]):
    /// per dimension, how many and the sum of their scores. Absent for every message of a
    /// platform's length.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unlisted: Vec<Unlisted>,
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

#[cfg(not(target_arch = "wasm32"))]
impl Explanation {
    /// Moves the spans of an explanation made in a piece of a text (a window of a very long
    /// message) to where the piece starts in the text: `bytes` and `utf16` units on.
    pub(crate) fn shift(&mut self, bytes: usize, utf16: usize) {
        self.span = self.span.shifted(bytes, utf16);
        for m in &mut self.modifiers {
            m.span = m.span.map(|s| s.shifted(bytes, utf16));
        }
    }
}

/// The rule engine's explanations listed at most per dimension: those of largest `|score|`
/// (the learned model lists its own the same way, a few per dimension). A message of any
/// platform's length is far from it (it would need 200 scored terms moving one dimension);
/// a 10 MB text reaches it, and its report stays bounded instead of holding an explanation
/// for every word (300 MB of JSON).
pub const LISTED_RULES: usize = 200;

/// The explanations of one dimension left out of a report, so that the listed ones and
/// these still add up to the dimension's sum.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unlisted {
    pub family: Family,
    pub dimension: Cow<'static, str>,
    /// How many explanations were left out.
    pub count: usize,
    /// The sum of their scores.
    pub score: f64,
}

impl ToneReport {
    /// Keeps at most [`LISTED_RULES`] explanations of each dimension: the largest by
    /// `|score|` (the first on ties), in their order; the others are counted and summed into
    /// `unlisted`. A report with no dimension over the cap is left as it is.
    pub(crate) fn cap_explanations(&mut self) {
        cap(&mut self.explanations, &mut self.unlisted);
        self.round_unlisted();
    }

    /// Rounds the sums of `unlisted` as reports show scores, once they are complete.
    pub(crate) fn round_unlisted(&mut self) {
        for u in &mut self.unlisted {
            u.score = (u.score * 10_000.0).round() / 10_000.0;
        }
    }

    /// A report of nothing yet: neutral, no scores, no explanations.
    pub(crate) fn empty() -> ToneReport {
        ToneReport {
            valence: 0.0,
            label: Label::Neutral,
            positive: 0.0,
            neutral: 0.0,
            negative: 0.0,
            intensity: 0.0,
            emotions: Default::default(),
            tones: Default::default(),
            register: rules::Register::None,
            explanations: Vec::new(),
            unlisted: Vec::new(),
            model: None,
        }
    }
}

/// Keeps at most [`LISTED_RULES`] explanations of each dimension, adding the count and the
/// (unrounded) sum of the others to `unlisted`: capping a list, adding to it and capping it
/// again keeps the same explanations as capping the whole list once.
pub(crate) fn cap(explanations: &mut Vec<Explanation>, unlisted: &mut Vec<Unlisted>) {
    if explanations.len() <= LISTED_RULES {
        return;
    }
    // the explanations of each dimension, by index, in order
    let mut groups: Vec<(Family, &str, Vec<usize>)> = Vec::new();
    for (k, e) in explanations.iter().enumerate() {
        match groups.iter_mut().find(|(family, dimension, _)| *family == e.family && *dimension == e.dimension) {
            Some(group) => group.2.push(k),
            None => groups.push((e.family, &e.dimension, vec![k])),
        }
    }
    let mut dropped = vec![false; explanations.len()];
    let mut left_out = Vec::new();
    for (family, dimension, mut members) in groups.into_iter().filter(|g| g.2.len() > LISTED_RULES) {
        let by_size = |&a: &usize, &b: &usize| {
            explanations[b].score.abs().total_cmp(&explanations[a].score.abs()).then(a.cmp(&b))
        };
        members.select_nth_unstable_by(LISTED_RULES - 1, by_size);
        let rest = &members[LISTED_RULES..];
        let mut score = 0.0;
        let mut rest = rest.to_vec();
        rest.sort_unstable();
        for &k in &rest {
            dropped[k] = true;
            score += explanations[k].score;
        }
        left_out.push(Unlisted { family, dimension: Cow::Owned(dimension.to_string()), count: rest.len(), score });
    }
    let mut k = 0;
    explanations.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
    merge_unlisted(unlisted, left_out);
}

/// Adds the counts and sums of `more` to those of the same dimension in `unlisted`.
pub(crate) fn merge_unlisted(unlisted: &mut Vec<Unlisted>, more: Vec<Unlisted>) {
    for out in more {
        match unlisted.iter_mut().find(|u| u.family == out.family && u.dimension == out.dimension) {
            Some(u) => {
                u.count += out.count;
                u.score += out.score;
            }
            None => unlisted.push(out),
        }
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

/// One contribution to a score. Serialized by hand (below) with its span's fields in its
/// own object: a report has dozens, and serde's `flatten` writes them through a map.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq)]
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
    // for tsify's TypeScript type: the JSON is written as flattened by `serialize` below
    #[cfg_attr(feature = "wasm", serde(flatten))]
    pub span: Span,
    pub modifiers: Vec<AppliedModifier>,
}

impl Serialize for Explanation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Explanation", 12)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("cause", &self.cause)?;
        s.serialize_field("family", &self.family)?;
        s.serialize_field("dimension", &self.dimension)?;
        s.serialize_field("lexicon", &self.lexicon)?;
        s.serialize_field("base", &self.base)?;
        s.serialize_field("score", &self.score)?;
        self.span.serialize_fields(&mut s)?;
        s.serialize_field("modifiers", &self.modifiers)?;
        s.end()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn explanation(dimension: &'static str, score: f64) -> Explanation {
        Explanation {
            text: String::new(),
            cause: Cause::Word,
            family: Family::Tone,
            dimension: Cow::Borrowed(dimension),
            lexicon: "words",
            base: 0.0,
            score,
            span: Span { start: 0, end: 0, start_utf16: 0, end_utf16: 0 },
            modifiers: Vec::new(),
        }
    }

    #[test]
    fn a_dimension_over_the_cap_keeps_its_largest_in_order_and_sums_the_rest() {
        let n = LISTED_RULES + 50;
        // urgency: scores 1, -2, 3, … (larger further on); value: a few, under the cap
        let mut explanations: Vec<Explanation> = (1..=n)
            .map(|k| explanation("urgency", if k % 2 == 0 { -(k as f64) } else { k as f64 }))
            .chain([explanation("value", 0.5), explanation("value", 0.25)])
            .collect();
        let total: f64 = explanations.iter().filter(|e| e.dimension == "urgency").map(|e| e.score).sum();
        let mut unlisted = Vec::new();
        cap(&mut explanations, &mut unlisted);
        let urgency: Vec<f64> = explanations.iter().filter(|e| e.dimension == "urgency").map(|e| e.score).collect();
        assert_eq!(urgency.len(), LISTED_RULES);
        assert_eq!(urgency.first().map(|s| s.abs()), Some(51.0), "the 50 smallest are left out");
        assert!(urgency.windows(2).all(|w| w[0].abs() < w[1].abs()), "kept in their order");
        assert_eq!(explanations.iter().filter(|e| e.dimension == "value").count(), 2);
        assert_eq!(unlisted.len(), 1);
        assert_eq!((unlisted[0].dimension.as_ref(), unlisted[0].count), ("urgency", 50));
        assert!((urgency.iter().sum::<f64>() + unlisted[0].score - total).abs() < 1e-9);
    }

    #[test]
    fn under_the_cap_nothing_changes() {
        let mut explanations: Vec<Explanation> = (0..LISTED_RULES).map(|k| explanation("urgency", k as f64)).collect();
        let before = explanations.clone();
        let mut unlisted = Vec::new();
        cap(&mut explanations, &mut unlisted);
        assert_eq!(explanations, before);
        assert!(unlisted.is_empty());
    }
}
