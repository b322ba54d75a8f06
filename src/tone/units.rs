//! Units: the tokens of a message grouped into what the tone rules reason about — a scored
//! word or phrase (the longest lexicon term at each position), a modifier (negator,
//! booster, contrast word…), punctuation, or a neutral token.

use rustc_hash::FxHashSet as HashSet;

use crate::lang::Language;
use crate::lexicon::{LanguageLexicon, Lexicons, Modifier, TermMatch};
use crate::text::tokenize::{Token, TokenKind};

use super::Cause;

/// A discount (`-50 %`, `20% off`) is good news for the reader, as `save` or `deal` are.
const DISCOUNT_VALENCE: f32 = 1.5;

/// One lexical unit of the message: a token or a phrase.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: UnitKind,
    pub start: usize,
    pub end: usize,
    /// Index of the unit's first token, and how many tokens it covers.
    pub first_token: usize,
    pub token_count: usize,
    pub all_caps: bool,
    pub elongated: bool,
    /// A boundary that ends a sentence (`.`, `…`, `;`, `:`).
    pub sentence_end: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnitKind {
    Valence { base: f32, cause: Cause, lexicon: &'static str, never_negated: bool },
    Modifier(Modifier),
    Boundary,
    Exclamation { bangs: usize, questions: usize },
    Neutral,
}

/// The lexicons to read a message with: its language's, then the other one's for
/// borrowed words.
pub fn lexicon_order(language: Language, lexicons: &Lexicons) -> [(&LanguageLexicon, &'static str); 2] {
    match language {
        Language::Fr => [(&lexicons.fr, "fr"), (&lexicons.en, "en")],
        Language::En | Language::Und => [(&lexicons.en, "en"), (&lexicons.fr, "fr")],
    }
}

/// Groups tokens into units: phrases and words with their lexicon values, modifiers,
/// punctuation.
pub fn units(tokens: &[Token], language: Language, lexicons: &Lexicons) -> Vec<Unit> {
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
        units.push(Unit {
            kind,
            start: token.start,
            end: last.end,
            first_token: i,
            token_count: len,
            all_caps,
            elongated,
            sentence_end,
        });
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
    false_friends: &HashSet<&str>,
    language: Language,
) -> (UnitKind, usize) {
    // A function word is never read through accent folding (`sur` is not `sûr`).
    let value = main
        .valence
        .longest_at(tokens, i)
        .filter(|m| !(m.approximate && main.function_words.contains(tokens[i].norm.as_str())));
    let modifier = main.modifiers.longest_at(tokens, i).or_else(|| other.modifiers.phrase_at(tokens, i));
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
            // (not a modifier of the main language either: that was looked up above)
            let word = &tokens[i].norm;
            let borrowable = word.chars().count() >= 3
                && !(language == Language::Fr && false_friends.contains(word.as_str()))
                && !main.function_words.contains(word.as_str());
            let borrowed = if borrowable { other.valence.longest_at(tokens, i) } else { None };
            match borrowed.filter(|m| !m.approximate) {
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
