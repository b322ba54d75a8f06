//! Words and phrases of the `forbidden` and `required` rules, matched on tokens (so case,
//! `'`/`’` and word boundaries are handled as when scoring), and the suggestions of the
//! `tone-target` rule (`data/check/suggestions.tsv`).

use compact_str::CompactString;

use crate::Checker;
use crate::text::tokenize::{Token, TokenKind};

/// A phrase to look for: the norms of its tokens; a trailing `*` matches any ending.
pub struct Phrase {
    written: String,
    norms: Vec<CompactString>,
    prefix: bool,
}

/// Tokens that carry words (punctuation between them does not break a phrase).
fn is_content(token: &Token) -> bool {
    !matches!(token.kind, TokenKind::Boundary | TokenKind::Exclamation)
}

impl Phrase {
    /// `None` for a phrase without any word.
    pub fn new(written: &str, checker: &Checker) -> Option<Phrase> {
        let (body, prefix) = match written.trim().strip_suffix('*') {
            Some(body) => (body, true),
            None => (written.trim(), false),
        };
        let norms: Vec<CompactString> = checker.tokens(body).into_iter().filter(is_content).map(|t| t.norm).collect();
        (!norms.is_empty()).then(|| Phrase { written: written.trim().to_string(), norms, prefix })
    }

    pub fn written(&self) -> &str {
        &self.written
    }

    /// Byte ranges of every occurrence in a message's tokens.
    pub fn find_all(&self, tokens: &[Token]) -> Vec<(usize, usize)> {
        let content: Vec<&Token> = tokens.iter().filter(|t| is_content(t)).collect();
        let n = self.norms.len();
        let mut found = Vec::new();
        if content.len() < n {
            return found;
        }
        for window in content.windows(n) {
            let last = n - 1;
            let matches = window.iter().zip(&self.norms).enumerate().all(|(i, (token, norm))| {
                if self.prefix && i == last { token.norm.starts_with(norm.as_str()) } else { token.norm == *norm }
            });
            if matches {
                found.push((window[0].start, window[last].end));
            }
        }
        found
    }
}

const SUGGESTIONS: &str = include_str!("../../data/check/suggestions.tsv");

/// Words that raise `dimension` in `language`, quoted and comma-separated.
pub fn suggestions(dimension: &str, language: &str) -> Option<String> {
    SUGGESTIONS.lines().filter(|l| !l.starts_with('#')).find_map(|line| {
        let mut fields = line.split('\t');
        let (d, l, phrases) = (fields.next()?, fields.next()?, fields.next()?);
        (d == dimension && l == language)
            .then(|| phrases.split(" | ").map(|p| format!("`{}`", p.trim())).collect::<Vec<_>>().join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::{Options, Profile};

    #[test]
    fn phrases_match_on_word_boundaries() {
        let checker = Checker::new();
        let text = "C'est GRATUIT, vraiment gratuite ! Répondez STOP au 36111";
        let tokens = checker.tokens(text);
        let find = |p: &str| -> Vec<&str> {
            Phrase::new(p, &checker).unwrap().find_all(&tokens).iter().map(|&(s, e)| &text[s..e]).collect()
        };
        assert_eq!(find("gratuit"), vec!["GRATUIT"]);
        assert_eq!(find("gratuit*"), vec!["GRATUIT", "gratuite"]);
        assert_eq!(find("c’est"), vec!["C'est"]);
        assert_eq!(find("stop au 36111"), vec!["STOP au 36111"]);
        assert!(find("rat").is_empty());
        assert!(Phrase::new(" ! ", &checker).is_none());
    }

    /// Every suggestion, written alone, raises its dimension above an empty message's: the
    /// help never offers words emotics would not count.
    #[test]
    fn suggestions_raise_their_dimension() {
        let checker = Checker::new();
        let none: [Profile; 0] = [];
        let value = |text: &str, dimension: &str, language: Language| -> f64 {
            let tone = checker.score_tokens(text, &Options { language: Some(language) }, &none).0.tone;
            match dimension {
                "valence" => tone.valence,
                d => tone.emotions.get(d).filter(|_| d != "trust").or_else(|| tone.tones.get(d)).unwrap_or(f64::NAN),
            }
        };
        let mut failures = Vec::new();
        for line in SUGGESTIONS.lines().filter(|l| !l.starts_with('#') && !l.starts_with("dimension\t")) {
            let fields: Vec<&str> = line.split('\t').collect();
            let language = if fields[1] == "fr" { Language::Fr } else { Language::En };
            let empty = value("", fields[0], language);
            for phrase in fields[2].split(" | ") {
                let raised = value(phrase, fields[0], language);
                if raised.is_nan() || raised <= empty {
                    failures.push(format!("{} {}: {phrase} ({raised} <= {empty})", fields[0], fields[1]));
                }
            }
        }
        assert!(failures.is_empty(), "suggestions that do not raise their dimension: {failures:#?}");
    }
}
