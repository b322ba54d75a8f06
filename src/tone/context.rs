//! The context of a unit: what the words around it do to it. Negation, boosters and
//! dampeners, contrast and questions act the same way on valence, emotions and tones; each
//! scorer decides what they do to its numbers.

use crate::lang::Language;
use crate::lexicon::Modifier;
use crate::text::span::Utf16Index;

use super::units::{Unit, UnitKind};
use super::{AppliedModifier, ModifierKind};

/// VADER's decay of a booster's effect with its distance to the word (1, 2, 3 units).
const BOOSTER_DECAY: [f32; 3] = [1.0, 0.95, 0.9];
/// VADER's weight of the clause before a contrast word.
const CONTRAST_BEFORE: f32 = 0.5;
/// VADER's factor of a negated word.
pub const NEGATION_SCALAR: f32 = -0.74;
/// A feeling asked about is not a feeling expressed: a question scales what it contains.
pub const QUESTION_FACTOR: f32 = 0.1;

/// Precomputed clause information of a message.
pub struct Context<'a> {
    text: &'a str,
    pub units: &'a [Unit],
    language: Language,
    contrast: Vec<Option<(f32, usize)>>,
    questions: Vec<bool>,
    /// Every letter of the message is a capital: then capitals are not emphasis.
    pub message_all_caps: bool,
}

/// Words that negate a unit: byte span and the words as written (`ne…pas`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negation {
    pub start: usize,
    pub end: usize,
    pub words: String,
}

impl Negation {
    /// The explanation of this negation: applied (×-0.74), or, in a question, rhetorical.
    pub fn modifier(self, in_question: bool, index: &Utf16Index) -> AppliedModifier {
        let span = Some(index.span(self.start, self.end));
        if in_question {
            AppliedModifier {
                kind: ModifierKind::Question,
                description: format!("rhetorical question: {} does not negate", self.words),
                text: self.words,
                span,
            }
        } else {
            AppliedModifier {
                kind: ModifierKind::Negation,
                description: format!("negated by {} (×{NEGATION_SCALAR})", self.words),
                text: self.words,
                span,
            }
        }
    }
}

/// A booster or dampener acting on a unit: the modifier's unit and its signed increment
/// after decay (positive boosts, negative dampens).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intensifier {
    pub unit: usize,
    pub increment: f32,
    /// The modifier itself is written in capitals (VADER adds emphasis).
    pub shouted: bool,
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, units: &'a [Unit], language: Language) -> Context<'a> {
        let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
        let message_all_caps = letters.peek().is_some() && letters.all(char::is_uppercase);
        Context {
            text,
            units,
            language,
            contrast: clause_weights(units),
            questions: question_clauses(units),
            message_all_caps,
        }
    }

    /// Boosters and dampeners up to three units before unit `k`, within its clause.
    pub fn intensifiers(&self, k: usize) -> Vec<Intensifier> {
        let mut found = Vec::new();
        for (distance, j) in (0..k).rev().take(3).enumerate() {
            match self.units[j].kind {
                UnitKind::Boundary
                | UnitKind::Modifier(Modifier::Contrast { .. } | Modifier::ContrastBefore { .. }) => break,
                UnitKind::Modifier(Modifier::Intensifier(value)) => found.push(Intensifier {
                    unit: j,
                    increment: value * BOOSTER_DECAY[distance],
                    shouted: self.units[j].all_caps && !self.message_all_caps,
                }),
                _ => {}
            }
        }
        found
    }

    /// The contrast factor of unit `k` and the contrast word's unit.
    pub fn contrast(&self, k: usize) -> Option<(f32, usize)> {
        self.contrast[k]
    }

    /// Whether unit `k` is in a clause that ends with a question mark.
    pub fn question(&self, k: usize) -> bool {
        self.questions[k]
    }

    /// The explanation of an intensifier, showing the increment `shown` it added.
    pub fn intensifier_modifier(&self, intensifier: &Intensifier, shown: f32, index: &Utf16Index) -> AppliedModifier {
        let j = &self.units[intensifier.unit];
        let words = self.words(intensifier.unit);
        let (kind, verb) = if intensifier.increment >= 0.0 {
            (ModifierKind::Booster, "boosted")
        } else {
            (ModifierKind::Dampener, "dampened")
        };
        AppliedModifier {
            kind,
            text: words.to_string(),
            span: Some(index.span(j.start, j.end)),
            description: format!("{verb} by {words} ({shown:+.3})"),
        }
    }

    /// The explanation of the contrast word `by` weighting unit `k` by `factor`.
    pub fn contrast_modifier(&self, k: usize, by: usize, factor: f32, index: &Utf16Index) -> AppliedModifier {
        let words = self.words(by);
        let b = &self.units[by];
        AppliedModifier {
            kind: ModifierKind::Contrast,
            text: words.to_string(),
            span: Some(index.span(b.start, b.end)),
            description: format!("{} {words} (×{factor})", if by > k { "before" } else { "after" }),
        }
    }

    /// The words as written of unit `k`.
    pub fn words(&self, k: usize) -> &'a str {
        &self.text[self.units[k].start..self.units[k].end]
    }

    /// The negation of unit `k`.
    pub fn negation(&self, k: usize) -> Option<Negation> {
        let (text, units, language) = (self.text, self.units, self.language);
        let is_stop = |u: &Unit| {
            matches!(u.kind, UnitKind::Boundary | UnitKind::Exclamation { .. })
                || matches!(u.kind, UnitKind::Modifier(Modifier::Contrast { .. } | Modifier::ContrastBefore { .. }))
        };
        // the particle `ne`/`n'` up to 3 units before `at`, in the same clause
        let particle_before = |at: usize| -> Option<usize> {
            (at.saturating_sub(3)..at)
                .rev()
                .take_while(|&j| !is_stop(&units[j]))
                .find(|&j| matches!(units[j].kind, UnitKind::Modifier(Modifier::NegationParticle)))
        };
        let words = |from: usize, to: usize| -> Negation {
            let (a, b) = (&units[from], &units[to]);
            let joined = if from == to {
                text[a.start..a.end].to_string()
            } else {
                format!("{}…{}", text[a.start..a.end].trim_end(), &text[b.start..b.end])
            };
            Negation { start: a.start.min(b.start), end: a.end.max(b.end), words: joined }
        };
        // before the word
        for (distance, j) in (0..k).rev().take(3).enumerate() {
            if is_stop(&units[j]) {
                break;
            }
            match units[j].kind {
                UnitKind::Modifier(Modifier::Negator { scope }) if distance < scope => {
                    return Some(match particle_before(j) {
                        Some(p) => words(p, j),
                        None => words(j, j),
                    });
                }
                UnitKind::Modifier(Modifier::WeakNegator { scope }) if distance < scope => {
                    if let Some(p) = particle_before(j) {
                        return Some(words(p, j));
                    }
                    // subject negation: `personne n'a aimé`, `plus rien ne marche`
                    if j + 1 < k && matches!(units[j + 1].kind, UnitKind::Modifier(Modifier::NegationParticle)) {
                        return Some(words(j, j + 1));
                    }
                }
                _ => {}
            }
        }
        // French post-verbal negation: `je n'aime pas`, `ne me plaît plus`, spoken `j'aime pas`
        if language == Language::Fr {
            // the negator may follow an adverb: `je ne regrette absolument pas`
            let after = (k + 1..units.len().min(k + 3))
                .find(|&j| !matches!(units[j].kind, UnitKind::Modifier(Modifier::Intensifier(_))))?;
            match units[after].kind {
                UnitKind::Modifier(Modifier::Negator { .. }) => {
                    return Some(match particle_before(k) {
                        Some(p) => words(p, after),
                        None => words(after, after),
                    });
                }
                UnitKind::Modifier(Modifier::WeakNegator { .. }) => {
                    return particle_before(k).map(|p| words(p, after));
                }
                _ => {}
            }
        }
        None
    }
}

/// Per unit, the contrast factor and the contrast word that sets it: before the last
/// `mais`/`but` ×0.5 and after it ×its weight; the clause opened by `bien que`/`although`
/// ×0.5 and what follows that clause ×its weight.
fn clause_weights(units: &[Unit]) -> Vec<Option<(f32, usize)>> {
    let mut weights = vec![None; units.len()];
    if let Some(c) = units.iter().rposition(|u| matches!(u.kind, UnitKind::Modifier(Modifier::Contrast { .. }))) {
        let UnitKind::Modifier(Modifier::Contrast { after }) = units[c].kind else { return weights };
        for (k, weight) in weights.iter_mut().enumerate() {
            if k != c {
                *weight = Some((if k < c { CONTRAST_BEFORE } else { after }, c));
            }
        }
        return weights;
    }
    if let Some(b) = units.iter().position(|u| matches!(u.kind, UnitKind::Modifier(Modifier::ContrastBefore { .. }))) {
        let UnitKind::Modifier(Modifier::ContrastBefore { main }) = units[b].kind else { return weights };
        let clause_end =
            (b + 1..units.len()).find(|&j| matches!(units[j].kind, UnitKind::Boundary)).unwrap_or(units.len());
        for (k, weight) in weights.iter_mut().enumerate().skip(b + 1) {
            *weight = Some((if k < clause_end { CONTRAST_BEFORE } else { main }, b));
        }
    }
    weights
}

/// Per unit, whether it is in a clause that ends with a question mark (and no `!`).
fn question_clauses(units: &[Unit]) -> Vec<bool> {
    let mut result = vec![false; units.len()];
    let mut clause_start = 0;
    for (k, unit) in units.iter().enumerate() {
        match unit.kind {
            UnitKind::Exclamation { bangs, questions } => {
                if bangs == 0 && questions > 0 {
                    result[clause_start..k].iter_mut().for_each(|q| *q = true);
                }
                clause_start = k + 1;
            }
            UnitKind::Boundary if unit.sentence_end => clause_start = k + 1,
            _ => {}
        }
    }
    result
}
