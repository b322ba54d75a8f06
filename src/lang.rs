//! Language identification for short texts: French, English or undetermined.
//!
//! Micromessages are too short for character n-gram models to be reliable, so we count
//! evidence a reader would use: function words of each language (`lexicons/*/function-words.txt`),
//! French elisions (`l'`, `qu'`…) and letters English does not use (`é`, `ç`, `œ`…), and English
//! contractions (`n't`, `'s`). A text without evidence, or with as much for both, is `und`.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// A language emotics reads.
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

/// Function-word lists of both languages.
pub struct LanguageIdentifier {
    french: HashSet<String>,
    english: HashSet<String>,
}

fn word_list(list: &str) -> HashSet<String> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect()
}

const FRENCH_ELISIONS: [&str; 9] = ["l", "d", "qu", "j", "n", "s", "c", "m", "t"];
const FRENCH_LETTERS: &str = "éèêëàâçùûîïôœ";

impl LanguageIdentifier {
    pub fn builtin() -> LanguageIdentifier {
        LanguageIdentifier {
            french: word_list(include_str!("../lexicons/fr/function-words.txt")),
            english: word_list(include_str!("../lexicons/en/function-words.txt")),
        }
    }

    /// The language of `text`.
    pub fn identify(&self, text: &str) -> Language {
        let (mut french, mut english) = (0.0f32, 0.0f32);
        let lower = text.to_lowercase();
        for word in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
            if word.is_empty() {
                continue;
            }
            let word = word.replace('’', "'");
            let word = word.trim_matches('\'');
            if self.french.contains(word) {
                french += 1.0;
            }
            if self.english.contains(word) {
                english += 1.0;
            }
            if word.split_once('\'').is_some_and(|(head, _)| FRENCH_ELISIONS.contains(&head)) {
                french += 1.0;
            }
            if word.ends_with("n't") || word.ends_with("'s") || word.ends_with("'re") || word.ends_with("'ll") {
                english += 1.0;
            }
            if word.chars().any(|c| FRENCH_LETTERS.contains(c)) {
                french += 0.5;
            }
        }
        if french > english {
            Language::Fr
        } else if english > french {
            Language::En
        } else {
            Language::Und
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_short_messages() {
        let id = LanguageIdentifier::builtin();
        assert_eq!(id.identify("Dernière chance : -50 % sur tout !"), Language::Fr);
        assert_eq!(id.identify("Last chance: 50% off everything!"), Language::En);
        assert_eq!(id.identify("C’est génial"), Language::Fr);
        assert_eq!(id.identify("Don't miss it"), Language::En);
        assert_eq!(id.identify("😍🔥"), Language::Und);
        assert_eq!(id.identify(""), Language::Und);
    }
}
