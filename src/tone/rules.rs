//! Tones and emotions that come from the shape of a message rather than from its words:
//! questions (curiosity, and interest: the mild form of anticipation), spam-filter triggers (`!!!`, a message in capitals, `€€€`), discounts
//! (value), and the register (formality, French *tu*/*vous*). Each rule's contribution is an
//! explanation like a word's.

use std::borrow::Cow;

use serde::Serialize;

use crate::text::span::Utf16Index;
use crate::text::tokenize::{Token, TokenKind};

use super::context::Context;
use super::{Cause, Explanation, round4};

/// Contributions of the rules to raw tone sums.
const QUESTION_CURIOSITY: f32 = 0.4;
/// Contribution of a question to the raw anticipation sum: interest, the mildest emotion of
/// Plutchik's anticipation, as weak as the weakest emotion words (a lone question reads above
/// 0.5 after calibration: on the tuning data a question is the best cue of anticipation that
/// subtitles and comments share).
const QUESTION_INTEREST: f32 = 0.12;
const EXCLAMATIONS_SPAM: f32 = 0.4;
const SHOUTING_SPAM: f32 = 0.6;
const CURRENCY_RUN_SPAM: f32 = 0.6;
const DISCOUNT_VALUE: f32 = 0.8;
/// `!` in one message from which spam filters start to count them.
const SPAM_EXCLAMATIONS: usize = 3;
/// Share of words in capitals (of at least three words) that reads as shouting.
const SHOUTING_SHARE: f32 = 0.5;

/// The French register of a message.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Register {
    /// Addresses the reader as *vous* only.
    Vous,
    /// Addresses the reader as *tu* only.
    Tu,
    /// Both: a brand-voice inconsistency.
    Mixed,
    /// Neither.
    #[default]
    None,
}

impl Register {
    /// The register of a text made of two pieces with these registers.
    pub fn and(self, other: Register) -> Register {
        match (self, other) {
            (Register::None, other) => other,
            (register, Register::None) => register,
            (a, b) if a == b => a,
            _ => Register::Mixed,
        }
    }
}

const VOUS: [&str; 4] = ["vous", "votre", "vos", "vôtre"];
const TU: [&str; 9] = ["tu", "toi", "ton", "ta", "tes", "te", "t'", "tien", "tienne"];

/// The register of a tokenized message, with the byte spans of its markers.
pub fn register(tokens: &[Token]) -> (Register, Vec<(usize, usize, bool)>) {
    let mut markers = Vec::new();
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        if VOUS.contains(&t.norm.as_str()) {
            markers.push((t.start, t.end, true));
        } else if TU.contains(&t.norm.as_str()) {
            markers.push((t.start, t.end, false));
        }
    }
    let vous = markers.iter().any(|m| m.2);
    let tu = markers.iter().any(|m| !m.2);
    let register = match (vous, tu) {
        (true, true) => Register::Mixed,
        (true, false) => Register::Vous,
        (false, true) => Register::Tu,
        (false, false) => Register::None,
    };
    (register, markers)
}

/// A rule's explanation: `(start, end)` is the byte span of the cue in `text`.
fn rule(
    text: &str,
    family: super::Family,
    dimension: &'static str,
    (start, end): (usize, usize),
    score: f32,
    description: String,
    index: &Utf16Index,
) -> Explanation {
    Explanation {
        text: text[start..end].to_string(),
        cause: Cause::Punctuation,
        family,
        dimension: Cow::Borrowed(dimension),
        lexicon: "rules",
        base: round4(score),
        score: round4(score),
        span: index.span(start, end),
        modifiers: vec![super::AppliedModifier {
            kind: super::ModifierKind::Emphasis,
            text: String::new(),
            span: None,
            description,
        }],
    }
}

/// The question mark of the first clause that is a question, if any.
fn first_question(tokens: &[Token]) -> Option<&Token> {
    tokens.iter().find(|t| t.kind == TokenKind::Exclamation && t.norm.contains('?'))
}

/// Rule-based contributions to the emotions of a message.
pub fn emotion_rules(text: &str, tokens: &[Token], index: &Utf16Index) -> Vec<Explanation> {
    // asking is showing interest, the mild form of anticipation
    first_question(tokens)
        .map(|q| {
            let description = "a question: interest, the mild form of anticipation".into();
            rule(text, super::Family::Emotion, "anticipation", (q.start, q.end), QUESTION_INTEREST, description, index)
        })
        .into_iter()
        .collect()
}

/// Rule-based contributions to the tones of a message.
pub fn tone_rules(text: &str, tokens: &[Token], context: &Context, index: &Utf16Index) -> Vec<Explanation> {
    let tone = |dimension, span, score, description| {
        rule(text, super::Family::Tone, dimension, span, score, description, index)
    };
    let mut found = Vec::new();
    // a question invites the reader to want to know
    if let Some(q) = first_question(tokens) {
        found.push(tone("curiosity", (q.start, q.end), QUESTION_CURIOSITY, "a question to the reader".into()));
    }
    let bangs: usize =
        tokens.iter().filter(|t| t.kind == TokenKind::Exclamation).map(|t| t.norm.matches('!').count()).sum();
    if bangs >= SPAM_EXCLAMATIONS {
        let first = tokens.iter().find(|t| t.kind == TokenKind::Exclamation && t.norm.contains('!'));
        if let Some(t) = first {
            found.push(tone("spamminess", (t.start, t.end), EXCLAMATIONS_SPAM, format!("{bangs} exclamation marks")));
        }
    }
    let words: Vec<&Token> =
        tokens.iter().filter(|t| t.kind == TokenKind::Word && t.norm.chars().count() >= 2).collect();
    let shouted: Vec<&&Token> = words.iter().filter(|t| t.all_caps).collect();
    if words.len() >= 3 && shouted.len() as f32 / words.len() as f32 >= SHOUTING_SHARE {
        let span = (shouted[0].start, shouted[shouted.len() - 1].end);
        let share = 100 * shouted.len() / words.len();
        found.push(tone("spamminess", span, SHOUTING_SPAM, format!("{share} % of the words in capitals")));
    }
    if let Some(span) = currency_run(text) {
        found.push(tone("spamminess", span, CURRENCY_RUN_SPAM, "repeated currency signs".into()));
    }
    for unit in
        context.units.iter().filter(|u| matches!(u.kind, super::units::UnitKind::Valence { lexicon: "rules", .. }))
    {
        found.push(tone("value", (unit.start, unit.end), DISCOUNT_VALUE, "a discount".into()));
    }
    found
}

/// The first run of two or more currency signs (`€€€`, `$$`).
fn currency_run(text: &str) -> Option<(usize, usize)> {
    let mut run_start = None;
    let mut count = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '€' | '$' | '£' | '¥') {
            if count == 0 {
                run_start = Some(i);
            }
            count += 1;
        } else {
            if count >= 2 {
                return run_start.map(|s| (s, i));
            }
            count = 0;
        }
    }
    (count >= 2).then(|| run_start.map(|s| (s, text.len()))).flatten()
}
