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

use crate::lang::Language;
use crate::lexicon::{LanguageLexicon, Lexicons, Modifier, TermMatch};
use crate::text::span::Utf16Index;
use crate::text::tokenize::{Token, TokenKind};

use super::{
    AppliedModifier, Cause, Explanation, Label, ModifierKind, NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, ToneReport,
    round4,
};

/// VADER's constants.
const CAPS_INCREMENT: f32 = 0.733;
const BOOSTER_DECAY: [f32; 3] = [1.0, 0.95, 0.9];
const NEGATION_SCALAR: f32 = -0.74;
const ELONGATION_INCREMENT: f32 = 0.293;
const EXCLAMATION_INCREMENT: f32 = 0.292;
const MAX_EXCLAMATIONS: usize = 4;
const CONTRAST_BEFORE: f32 = 0.5;
const NORMALIZATION_ALPHA: f32 = 15.0;
/// A discount (`-50 %`, `20% off`) is good news for the reader, as `save` or `deal` are.
const DISCOUNT_VALENCE: f32 = 1.5;
/// A feeling asked about is not a feeling expressed: valence inside a question is scaled.
const QUESTION_FACTOR: f32 = 0.1;

/// One lexical unit of the message: a token or a phrase.
#[derive(Debug, Clone)]
struct Unit {
    kind: UnitKind,
    start: usize,
    end: usize,
    all_caps: bool,
    elongated: bool,
    /// A boundary that ends a sentence (`.`, `…`, `;`, `:`).
    sentence_end: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum UnitKind {
    Valence { base: f32, cause: Cause, lexicon: &'static str, never_negated: bool },
    Modifier(Modifier),
    Boundary,
    Exclamation { bangs: usize, questions: usize },
    Neutral,
}

/// Scores the valence of a tokenized message.
pub fn score(text: &str, tokens: &[Token], language: Language, lexicons: &Lexicons, index: &Utf16Index) -> ToneReport {
    let units = units(tokens, language, lexicons);
    let message_all_caps = is_all_caps(text);
    let mut explanations = Vec::new();
    let mut scores: Vec<f32> = Vec::new();
    let weights = clause_weights(&units);
    let questions = question_clauses(&units);

    for (k, unit) in units.iter().enumerate() {
        let UnitKind::Valence { base, cause, lexicon, never_negated } = unit.kind else { continue };
        let mut score = base;
        let mut modifiers = Vec::new();
        let sign = |s: f32| if s < 0.0 { -1.0 } else { 1.0 };
        if unit.all_caps && !message_all_caps {
            score += sign(score) * CAPS_INCREMENT;
            modifiers.push(emphasis(ModifierKind::Caps, format!("written in capitals (+{CAPS_INCREMENT})")));
        }
        if unit.elongated {
            score += sign(score) * ELONGATION_INCREMENT;
            modifiers.push(emphasis(ModifierKind::Elongation, format!("elongated (+{ELONGATION_INCREMENT})")));
        }
        for (distance, j) in (0..k).rev().take(3).enumerate() {
            match units[j].kind {
                UnitKind::Boundary
                | UnitKind::Modifier(Modifier::Contrast { .. } | Modifier::ContrastBefore { .. }) => break,
                UnitKind::Modifier(Modifier::Intensifier(value)) => {
                    let mut delta = value * BOOSTER_DECAY[distance];
                    if units[j].all_caps && !message_all_caps {
                        delta += sign(value) * CAPS_INCREMENT;
                    }
                    let delta = delta * sign(score);
                    score += delta;
                    let kind = if value >= 0.0 { ModifierKind::Booster } else { ModifierKind::Dampener };
                    let words = &text[units[j].start..units[j].end];
                    modifiers.push(AppliedModifier {
                        kind,
                        text: words.to_string(),
                        span: Some(index.span(units[j].start, units[j].end)),
                        description: format!(
                            "{} by {words} ({delta:+.3})",
                            if value >= 0.0 { "boosted" } else { "dampened" }
                        ),
                    });
                }
                _ => {}
            }
        }
        let negated = if never_negated { None } else { negation(text, &units, k, language) };
        match (negated, questions[k]) {
            // a negative question is rhetorical: "isn't it great?", "qui n'aime pas … ?"
            (Some((start, end, words)), true) => modifiers.push(AppliedModifier {
                kind: ModifierKind::Question,
                description: format!("rhetorical question: {words} does not negate"),
                text: words,
                span: Some(index.span(start, end)),
            }),
            (Some((start, end, words)), false) => {
                score *= NEGATION_SCALAR;
                modifiers.push(AppliedModifier {
                    kind: ModifierKind::Negation,
                    description: format!("negated by {words} (×{NEGATION_SCALAR})"),
                    text: words,
                    span: Some(index.span(start, end)),
                });
            }
            (None, true) => {
                score *= QUESTION_FACTOR;
                modifiers.push(emphasis(ModifierKind::Question, format!("asked, not stated (×{QUESTION_FACTOR})")));
            }
            (None, false) => {}
        }
        if let Some((factor, by)) = weights[k] {
            score *= factor;
            let words = &text[units[by].start..units[by].end];
            modifiers.push(AppliedModifier {
                kind: ModifierKind::Contrast,
                text: words.to_string(),
                span: Some(index.span(units[by].start, units[by].end)),
                description: format!("{} {words} (×{factor})", if by > k { "before" } else { "after" }),
            });
        }
        scores.push(score);
        explanations.push(Explanation {
            text: text[unit.start..unit.end].to_string(),
            cause,
            dimension: "valence",
            lexicon,
            base,
            score: round4(score),
            span: index.span(unit.start, unit.end),
            modifiers,
        });
    }

    let mut sum: f32 = scores.iter().sum();
    let emphasis = punctuation_emphasis(text, &units, sum, index, &mut explanations);
    sum += emphasis;
    let compound = (sum / (sum * sum + NORMALIZATION_ALPHA).sqrt()).clamp(-1.0, 1.0);

    // VADER's shares: each scored item counts its score plus one, neutral words one each.
    let mut positive: f32 = scores.iter().filter(|&&s| s > 0.0).map(|s| s + 1.0).sum();
    let mut negative: f32 = scores.iter().filter(|&&s| s < 0.0).map(|s| s - 1.0).sum();
    let neutral = scores.iter().filter(|&&s| s == 0.0).count() as f32
        + units.iter().filter(|u| matches!(u.kind, UnitKind::Neutral)).count() as f32;
    if positive > negative.abs() {
        positive += emphasis.abs();
    } else if positive < negative.abs() {
        negative -= emphasis.abs();
    }
    let total = positive + negative.abs() + neutral;
    let share = |x: f32| if total > 0.0 { round4(x.abs() / total) } else { 0.0 };
    let absolute: f32 = scores.iter().map(|s| s.abs()).sum::<f32>() + emphasis.abs();
    let intensity = absolute / (absolute * absolute + NORMALIZATION_ALPHA).sqrt();
    ToneReport {
        valence: round4(compound),
        label: label(compound),
        positive: share(positive),
        neutral: share(neutral),
        negative: share(negative),
        intensity: round4(intensity),
        explanations,
    }
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

fn emphasis(kind: ModifierKind, description: String) -> AppliedModifier {
    AppliedModifier { kind, text: String::new(), span: None, description }
}

/// Whether the message's letters are all capitals (then capitals are not emphasis).
fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// The lexicons to read a message with: its language's, then the other one's for
/// borrowed words.
fn lexicon_order(language: Language, lexicons: &Lexicons) -> [(&LanguageLexicon, &'static str); 2] {
    match language {
        Language::Fr => [(&lexicons.fr, "fr"), (&lexicons.en, "en")],
        Language::En | Language::Und => [(&lexicons.en, "en"), (&lexicons.fr, "fr")],
    }
}

/// Groups tokens into units: phrases and words with their lexicon values, modifiers,
/// punctuation.
fn units(tokens: &[Token], language: Language, lexicons: &Lexicons) -> Vec<Unit> {
    let [(main, main_name), (other, other_name)] = lexicon_order(language, lexicons);
    let mut units = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let (kind, len) = match token.kind {
            TokenKind::Boundary => (UnitKind::Boundary, 1),
            TokenKind::Exclamation => {
                let bangs = token.norm.matches('!').count();
                (UnitKind::Exclamation { bangs, questions: token.norm.len() - bangs }, 1)
            }
            TokenKind::Emoji => match lexicons.emoji(&token.norm) {
                Some(base) => (valence(base, Cause::Emoji, "emoji"), 1),
                None => (UnitKind::Neutral, 1),
            },
            TokenKind::Emoticon => {
                let raw = token.norm.as_str();
                match lexicons.emoticons.get(raw) {
                    Some(&base) => (valence(base, Cause::Emoticon, "emoticons"), 1),
                    None => (UnitKind::Neutral, 1),
                }
            }
            TokenKind::Number if is_discount(tokens, i) => (valence(DISCOUNT_VALENCE, Cause::Word, "rules"), 1),
            TokenKind::Url | TokenKind::Mention | TokenKind::Number => (UnitKind::Neutral, 1),
            TokenKind::Word | TokenKind::HashtagWord => {
                word_unit(tokens, i, main, main_name, other, other_name, &lexicons.false_friends, language)
            }
        };
        let last = &tokens[i + len - 1];
        let all_caps = tokens[i..i + len].iter().all(|t| t.all_caps);
        let elongated = tokens[i..i + len].iter().any(|t| t.elongated);
        let sentence_end = token.kind == TokenKind::Boundary && token.norm.contains(['.', '…', ';', ':']);
        units.push(Unit { kind, start: token.start, end: last.end, all_caps, elongated, sentence_end });
        i += len;
    }
    units
}

/// A percentage announced as a discount: `-50 %`, `20% off`, `30 % de réduction`.
fn is_discount(tokens: &[Token], i: usize) -> bool {
    let number = &tokens[i].norm;
    if !number.ends_with('%') {
        return false;
    }
    let next = tokens.get(i + 1).map(|t| t.norm.as_str());
    let after = tokens.get(i + 2).map(|t| t.norm.as_str());
    number.starts_with(['-', '−'])
        || next == Some("off")
        || (next == Some("de") && matches!(after, Some("réduction" | "remise")))
}

fn valence(base: f32, cause: Cause, lexicon: &'static str) -> UnitKind {
    UnitKind::Valence { base, cause, lexicon, never_negated: false }
}

/// The unit starting at word token `i`: the longest of the valence term and the modifier
/// term there; a word that is both (`super`, `trop`) boosts when a valence word follows.
#[allow(clippy::too_many_arguments)]
fn word_unit(
    tokens: &[Token],
    i: usize,
    main: &LanguageLexicon,
    main_name: &'static str,
    other: &LanguageLexicon,
    other_name: &'static str,
    false_friends: &std::collections::HashSet<String>,
    language: Language,
) -> (UnitKind, usize) {
    // A function word is never read through accent folding (`sur` is not `sûr`).
    let value = main
        .valence
        .longest_at(tokens, i)
        .filter(|m| !(m.approximate && main.function_words.contains(&tokens[i].norm)));
    let modifier =
        main.modifiers.longest_at(tokens, i).or_else(|| other.modifiers.longest_at(tokens, i).filter(|m| m.len > 1));
    let cause = |m: &TermMatch<f32>| if m.len > 1 { Cause::Phrase } else { Cause::Word };
    match (value, modifier) {
        (Some(v), Some(m)) if m.len > v.len => (UnitKind::Modifier(m.value), m.len),
        (Some(v), Some(m)) if m.len == v.len => match m.value {
            Modifier::NeverNegated => {
                (UnitKind::Valence { base: v.value, cause: cause(&v), lexicon: main_name, never_negated: true }, v.len)
            }
            // an idiom that contains a negator (`sans engagement`) is scored, not neutralised
            Modifier::NotNegation => (valence(v.value, cause(&v), main_name), v.len),
            Modifier::Intensifier(_) if !next_is_valence(tokens, i + m.len, main) => {
                (valence(v.value, cause(&v), main_name), v.len)
            }
            _ => (UnitKind::Modifier(m.value), m.len),
        },
        (Some(v), _) => (valence(v.value, cause(&v), main_name), v.len),
        (None, Some(m)) => (UnitKind::Modifier(m.value), m.len),
        (None, None) => {
            let word = &tokens[i].norm;
            let borrowable = word.chars().count() >= 3
                && !(language == Language::Fr && false_friends.contains(word))
                && !main.function_words.contains(word)
                && main.modifiers.word(word).is_none();
            match other.valence.longest_at(tokens, i).filter(|m| borrowable && !m.approximate) {
                Some(v) => (valence(v.value, cause(&v), other_name), v.len),
                None => (UnitKind::Neutral, 1),
            }
        }
    }
}

fn next_is_valence(tokens: &[Token], at: usize, lexicon: &LanguageLexicon) -> bool {
    tokens.get(at).is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::HashtagWord))
        && lexicon.valence.longest_at(tokens, at).is_some()
}

/// The negation of the valence unit `k`, as (start, end, words) of the negating words.
fn negation(text: &str, units: &[Unit], k: usize, language: Language) -> Option<(usize, usize, String)> {
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
    let words = |from: usize, to: usize| -> (usize, usize, String) {
        let (a, b) = (&units[from], &units[to]);
        let joined = if from == to {
            text[a.start..a.end].to_string()
        } else {
            format!("{}…{}", text[a.start..a.end].trim_end(), &text[b.start..b.end])
        };
        (a.start.min(b.start), a.end.max(b.end), joined)
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
            UnitKind::Boundary if unit_text_is_sentence_end(unit) => clause_start = k + 1,
            _ => {}
        }
    }
    result
}

/// Boundaries that end a sentence (`.`, `…`) rather than a clause (`,`).
fn unit_text_is_sentence_end(unit: &Unit) -> bool {
    unit.sentence_end
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
            modifiers.push(emphasis(
                ModifierKind::Exclamation,
                format!("{counted} × ! (+{exclamation:.3}; at most {MAX_EXCLAMATIONS} count)"),
            ));
        }
        if question > 0.0 {
            modifiers.push(emphasis(
                ModifierKind::Question,
                format!("{questions} × ? of {total_questions} (+{question:.3})"),
            ));
        }
        total += amount;
        explanations.push(Explanation {
            text: text[unit.start..unit.end].to_string(),
            cause: Cause::Punctuation,
            dimension: "valence",
            lexicon: "",
            base: 0.0,
            score: round4(amount),
            span: index.span(unit.start, unit.end),
            modifiers,
        });
    }
    total
}
