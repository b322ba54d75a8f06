//! Valence with VADER's arithmetic (Hutto & Gilbert 2014) and rules rewritten for French:
//!
//! - lexicon items: the longest term at each token (phrases and idioms first: `pas
//!   terrible`, `c'est de la bombe`, `yeah right`), emoji and emoticons; a word missing from
//!   the message's language is looked up in the other one (franglais), except false friends;
//! - emphasis: a word in capitals in a message that is not all capitals (+0.733), an
//!   elongated word (`trooop`, +0.293);
//! - boosters and dampeners up to three units before the word (±0.293 × 1, 0.95, 0.9);
//! - negation (×-0.74): a negator up to its scope before the word (`pas`, `jamais`, `sans`,
//!   `not`, `n't`, `never`, `without`), French `plus`/`personne`/`point` only after `ne`/`n'`,
//!   and French post-verbal negation (`je n'aime pas`, spoken `j'aime pas`); scope stops at
//!   punctuation and contrast words;
//! - contrast: before `mais`/`but` ×0.5, after ×1.5; `bien que`/`although` weakens its own
//!   clause;
//! - `!` (up to 4, +0.292 each) and `??` add to the sum in its direction;
//! - compound = sum / √(sum² + 15).

use std::borrow::Cow;

use crate::text::span::Utf16Index;

use super::context::{Context, NEGATION_SCALAR, QUESTION_FACTOR};
use super::units::{Unit, UnitKind};

use super::{
    AppliedModifier, Cause, Explanation, Label, ModifierKind, NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, ToneReport,
    round4,
};

/// VADER's constants.
const CAPS_INCREMENT: f32 = 0.733;
const ELONGATION_INCREMENT: f32 = 0.293;
const EXCLAMATION_INCREMENT: f32 = 0.292;
const MAX_EXCLAMATIONS: usize = 4;
const NORMALIZATION_ALPHA: f32 = 15.0;

/// Scores the valence of a tokenized message.
pub fn score(text: &str, context: &Context, index: &Utf16Index) -> ToneReport {
    let (explanations, tally) = explain(text, context, index);
    let mut report = ToneReport { explanations, ..ToneReport::empty() };
    tally.apply(&mut report);
    report
}

/// The sums VADER's scores are made of: those of the pieces of a very long message (scored
/// in windows) add up to the message's.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// The sum of the items' scores, and what `!` and `??` add to it.
    sum: f32,
    emphasis: f32,
    /// VADER's weights of positive items (score + 1 each), negative ones (score − 1) and
    /// neutral words (1 each).
    positive: f32,
    negative: f32,
    neutral: f32,
    /// The sum of the items' absolute scores.
    absolute: f32,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.sum += other.sum;
        self.emphasis += other.emphasis;
        self.positive += other.positive;
        self.negative += other.negative;
        self.neutral += other.neutral;
        self.absolute += other.absolute;
    }

    /// Sets the valence, label, shares and intensity of `report` from these sums.
    pub fn apply(&self, report: &mut ToneReport) {
        let Tally { sum, emphasis, mut positive, mut negative, neutral, absolute } = *self;
        let compound = normalize(sum + emphasis).clamp(-1.0, 1.0);
        // the emphasis goes to the side that weighs more
        if positive > negative.abs() {
            positive += emphasis.abs();
        } else if positive < negative.abs() {
            negative -= emphasis.abs();
        }
        let total = positive + negative.abs() + neutral;
        let share = |x: f32| if total > 0.0 { round4(x.abs() / total) } else { 0.0 };
        report.valence = round4(compound);
        report.label = label(compound);
        report.positive = share(positive);
        report.neutral = share(neutral);
        report.negative = share(negative);
        report.intensity = round4(normalize(absolute + emphasis.abs()));
    }
}

/// The valence explanations of a tokenized message and the sums they make.
pub fn explain(text: &str, context: &Context, index: &Utf16Index) -> (Vec<Explanation>, Tally) {
    let units = context.units;
    let message_all_caps = context.message_all_caps;
    let mut explanations = Vec::new();
    let mut scores: Vec<f32> = Vec::new();

    for (k, unit) in units.iter().enumerate() {
        let UnitKind::Valence { base, cause, lexicon, never_negated } = unit.kind else { continue };
        let mut score = base;
        let mut modifiers = Vec::new();
        let sign = |s: f32| if s < 0.0 { -1.0 } else { 1.0 };
        if unit.all_caps && !message_all_caps {
            score += sign(score) * CAPS_INCREMENT;
            modifiers.push(AppliedModifier::emphasis(
                ModifierKind::Caps,
                format!("written in capitals (+{CAPS_INCREMENT})"),
            ));
        }
        if unit.elongated {
            score += sign(score) * ELONGATION_INCREMENT;
            modifiers.push(AppliedModifier::emphasis(
                ModifierKind::Elongation,
                format!("elongated (+{ELONGATION_INCREMENT})"),
            ));
        }
        for intensifier in context.intensifiers(k) {
            let mut delta = intensifier.increment;
            if intensifier.shouted {
                delta += sign(delta) * CAPS_INCREMENT;
            }
            let delta = delta * sign(score);
            score += delta;
            modifiers.push(context.intensifier_modifier(&intensifier, delta, index));
        }
        let negated = if never_negated { None } else { context.negation(k) };
        let question = context.question(k);
        match negated {
            // a negative question is rhetorical: "isn't it great?", "qui n'aime pas … ?"
            Some(negation) => {
                if !question {
                    score *= NEGATION_SCALAR;
                }
                modifiers.push(negation.modifier(question, index));
            }
            None if question => {
                score *= QUESTION_FACTOR;
                modifiers.push(AppliedModifier::emphasis(
                    ModifierKind::Question,
                    format!("asked, not stated (×{QUESTION_FACTOR})"),
                ));
            }
            None => {}
        }
        if let Some((factor, by)) = context.contrast(k) {
            score *= factor;
            modifiers.push(context.contrast_modifier(k, by, factor, index));
        }
        scores.push(score);
        explanations.push(Explanation {
            text: text[unit.start..unit.end].to_string(),
            cause,
            family: super::Family::Valence,
            dimension: Cow::Borrowed("valence"),
            lexicon,
            base: round4(base),
            score: round4(score),
            span: index.span(unit.start, unit.end),
            modifiers,
        });
    }

    let sum: f32 = scores.iter().sum();
    let emphasis = punctuation_emphasis(text, units, sum, index, &mut explanations);
    // VADER's shares: each scored item counts its score plus one, neutral words one each.
    let tally = Tally {
        sum,
        emphasis,
        positive: scores.iter().filter(|&&s| s > 0.0).map(|s| s + 1.0).sum(),
        negative: scores.iter().filter(|&&s| s < 0.0).map(|s| s - 1.0).sum(),
        neutral: scores.iter().filter(|&&s| s == 0.0).count() as f32
            + units.iter().filter(|u| matches!(u.kind, UnitKind::Neutral)).count() as f32,
        absolute: scores.iter().map(|s| s.abs()).sum(),
    };
    (explanations, tally)
}

/// VADER's normalisation of a sum of contributions into (-1, 1): `x / √(x² + 15)`.
pub fn normalize(x: f32) -> f32 {
    x / (x * x + NORMALIZATION_ALPHA).sqrt()
}

/// The label of a compound valence.
pub fn label(compound: f32) -> Label {
    if compound >= POSITIVE_THRESHOLD {
        Label::Positive
    } else if compound <= NEGATIVE_THRESHOLD {
        Label::Negative
    } else {
        Label::Neutral
    }
}

/// `!` and `?` runs add to the sum in its direction; returns the amount added. Each run gets
/// its own explanation: the first four `!` count 0.292 each, and a run of two or more `?`
/// (VADER: 0.18 each, 0.96 from four) counts for the run that carries them.
fn punctuation_emphasis(
    text: &str,
    units: &[Unit],
    sum: f32,
    index: &Utf16Index,
    explanations: &mut Vec<Explanation>,
) -> f32 {
    if sum == 0.0 {
        return 0.0;
    }
    let total_questions: usize = units
        .iter()
        .map(|u| match u.kind {
            UnitKind::Exclamation { questions, .. } => questions,
            _ => 0,
        })
        .sum();
    let question_amount = match total_questions {
        0 | 1 => 0.0,
        2 | 3 => total_questions as f32 * 0.18,
        _ => 0.96,
    };
    let mut bangs_left = MAX_EXCLAMATIONS;
    let mut total = 0.0;
    for unit in units {
        let UnitKind::Exclamation { bangs, questions } = unit.kind else { continue };
        let counted = bangs.min(bangs_left);
        bangs_left -= counted;
        let exclamation = counted as f32 * EXCLAMATION_INCREMENT;
        let question = if questions > 0 { question_amount * questions as f32 / total_questions as f32 } else { 0.0 };
        let amount = (exclamation + question) * sum.signum();
        if amount == 0.0 {
            continue;
        }
        let mut modifiers = Vec::new();
        if exclamation > 0.0 {
            modifiers.push(AppliedModifier::emphasis(
                ModifierKind::Exclamation,
                format!("{counted} × ! (+{exclamation:.3}; at most {MAX_EXCLAMATIONS} count)"),
            ));
        }
        if question > 0.0 {
            modifiers.push(AppliedModifier::emphasis(
                ModifierKind::Question,
                format!("{questions} × ? of {total_questions} (+{question:.3})"),
            ));
        }
        total += amount;
        explanations.push(Explanation {
            text: text[unit.start..unit.end].to_string(),
            cause: Cause::Punctuation,
            family: super::Family::Valence,
            dimension: Cow::Borrowed("valence"),
            lexicon: "",
            base: 0.0,
            score: round4(amount),
            span: index.span(unit.start, unit.end),
            modifiers,
        });
    }
    total
}
