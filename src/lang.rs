//! Language identification for short texts: French, English or undetermined.
//!
//! Micromessages are too short for character n-gram models to be reliable, so we count
//! evidence a reader would use: function words of each language (`lexicons/*/function-words.txt`),
//! French elisions (`l'`, `qu'`…) and letters English does not use (`é`, `ç`, `œ`…), and English
//! contractions (`n't`, `'s`). A text without evidence, or with as much for both, is `und`.

use serde::{Deserialize, Serialize};

use crate::lexicon::Lexicons;
use crate::text::tokenize::{Token, TokenKind};

/// A language emotics reads.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
    /// Undetermined: no evidence for either language, or as much for both.
    Und,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
            Language::Und => "und",
        }
    }
}

impl std::str::FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Language, String> {
        match s.to_ascii_lowercase().as_str() {
            "fr" => Ok(Language::Fr),
            "en" => Ok(Language::En),
            "und" => Ok(Language::Und),
            _ => Err(format!("unknown language `{s}` (expected fr, en or und)")),
        }
    }
}

/// Letters of French words that English words do not have.
fn is_french_letter(c: char) -> bool {
    matches!(c, 'é' | 'è' | 'ê' | 'ë' | 'à' | 'â' | 'ç' | 'ù' | 'û' | 'î' | 'ï' | 'ô' | 'œ')
}

/// Evidence weights: a function word is strong evidence, a word known to one language's
/// lexicon only is weaker (English words are common in French messages), a French letter
/// weaker still.
const FUNCTION_WORD: f32 = 1.0;
const ELISION: f32 = 1.0;
const LEXICON_ONLY: f32 = 0.5;
const FRENCH_LETTER: f32 = 0.5;

/// The language of a tokenized message.
pub fn identify(tokens: &[Token], lexicons: &Lexicons) -> Language {
    // words in neither list of function words, weighed by the lexicons after the rest
    let mut others = Vec::with_capacity(tokens.len());
    let (mut french, mut english) = function_evidence(tokens, lexicons, &mut |token| others.push(token));
    // each of those words moves the balance by LEXICON_ONLY at most: when they cannot change
    // the answer (most messages), they are not looked up
    if (french - english).abs() <= LEXICON_ONLY * others.len() as f32 {
        for token in others {
            match lexicon_evidence(token, lexicons) {
                Some(Language::Fr) => french += LEXICON_ONLY,
                Some(_) => english += LEXICON_ONLY,
                None => {}
            }
        }
    }
    decide(french, english)
}

/// The evidence of a text read piece by piece (a very long message, scored in windows): the
/// same counts as [`identify`], summed over the pieces, so that the whole text decides.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    french: f32,
    english: f32,
    /// Words in neither list of function words, and what the lexicons say of them.
    others: usize,
    lexicon_french: f32,
    lexicon_english: f32,
}

impl Evidence {
    /// Adds the evidence of the tokens of one piece.
    pub fn add(&mut self, tokens: &[Token], lexicons: &Lexicons) {
        let mut others = 0;
        let (mut lexicon_french, mut lexicon_english) = (0.0, 0.0);
        let (french, english) = function_evidence(tokens, lexicons, &mut |token| {
            others += 1;
            match lexicon_evidence(token, lexicons) {
                Some(Language::Fr) => lexicon_french += LEXICON_ONLY,
                Some(_) => lexicon_english += LEXICON_ONLY,
                None => {}
            }
        });
        self.merge(&Evidence { french, english, others, lexicon_french, lexicon_english });
    }

    /// Adds the evidence of other pieces.
    pub fn merge(&mut self, other: &Evidence) {
        self.french += other.french;
        self.english += other.english;
        self.others += other.others;
        self.lexicon_french += other.lexicon_french;
        self.lexicon_english += other.lexicon_english;
    }

    /// The language of all the pieces added, as [`identify`] would find it in their tokens.
    pub fn language(&self) -> Language {
        let (mut french, mut english) = (self.french, self.english);
        if (french - english).abs() <= LEXICON_ONLY * self.others as f32 {
            french += self.lexicon_french;
            english += self.lexicon_english;
        }
        decide(french, english)
    }
}

/// The evidence of function words, elisions, contractions and French letters, as (French,
/// English); the other words go to `others`.
fn function_evidence<'t>(tokens: &'t [Token], lexicons: &Lexicons, others: &mut impl FnMut(&'t Token)) -> (f32, f32) {
    let (mut french, mut english) = (0.0f32, 0.0f32);
    for token in tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::HashtagWord)) {
        let word = token.norm.as_str();
        if word.ends_with('\'') {
            french += ELISION; // the tokenizer splits off French elisions only
            continue;
        }
        let in_french = lexicons.fr.function_words.contains(word);
        let in_english = lexicons.en.function_words.contains(word);
        french += if in_french { FUNCTION_WORD } else { 0.0 };
        english += if in_english { FUNCTION_WORD } else { 0.0 };
        if word.ends_with("n't")
            || word.ends_with("'s")
            || word.ends_with("'re")
            || word.ends_with("'ll")
            || word.ends_with("'m")
        {
            english += FUNCTION_WORD;
        }
        if !word.is_ascii() && word.chars().any(is_french_letter) {
            french += FRENCH_LETTER;
        }
        if !in_french && !in_english {
            others(token);
        }
    }
    (french, english)
}

/// The language whose lexicon alone knows `token`, if one does.
fn lexicon_evidence(token: &Token, lexicons: &Lexicons) -> Option<Language> {
    let fr = lexicons.fr.valence.word_of(token).is_some_and(|(_, approximate)| !approximate);
    let en = lexicons.en.valence.word_of(token).is_some_and(|(_, approximate)| !approximate);
    (fr != en).then_some(if fr { Language::Fr } else { Language::En })
}

fn decide(french: f32, english: f32) -> Language {
    if french > english {
        Language::Fr
    } else if english > french {
        Language::En
    } else {
        Language::Und
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn identify(text: &str) -> Language {
        let lexicons = Lexicons::builtin();
        super::identify(&tokenize(text, &[], &|_| false), &lexicons)
    }

    /// The lexicons are consulted exactly when their evidence could change the answer: here
    /// `génial` (French lexicon only) ties a message that an English function word led by
    /// half a point (a French letter: `é`).
    #[test]
    fn lexicon_evidence_decides_at_the_boundary() {
        assert_eq!(identify("the génial"), Language::Und);
        assert_eq!(identify("the the génial"), Language::En);
        assert_eq!(identify("le awesome"), Language::Fr);
    }

    #[test]
    fn identifies_short_messages() {
        assert_eq!(identify("Dernière chance : -50 % sur tout !"), Language::Fr);
        assert_eq!(identify("Last chance: 50% off everything!"), Language::En);
        assert_eq!(identify("C’est génial"), Language::Fr);
        assert_eq!(identify("Don't miss it"), Language::En);
        assert_eq!(identify("😍🔥"), Language::Und);
        assert_eq!(identify(""), Language::Und);
        assert_eq!(identify("Génial"), Language::Fr);
        assert_eq!(identify("Awesome"), Language::En);
        assert_eq!(identify("trop cool ce deal"), Language::Fr);
        assert_eq!(identify("Livraison gratuite"), Language::Fr);
    }
}
