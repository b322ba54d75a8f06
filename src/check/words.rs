//! Words and phrases of the `forbidden` and `required` rules, matched on tokens (so case,
//! `'`/`’` and word boundaries are handled as when scoring), with optional words and
//! alternatives, and the suggestions of the `tone-target` rule (`data/check/suggestions.tsv`).

use compact_str::CompactString;

use crate::Checker;
use crate::text::tokenize::{Token, TokenKind};

/// A phrase to look for, word by word: `(word)` may be absent, `a|b` is either, and a
/// trailing `*` matches any ending (`STOP (au) 36111|36180`, `désinscri*|unsubscribe`).
pub struct Phrase {
    written: String,
    slots: Vec<Slot>,
}

/// One word of a phrase: its alternatives, each the norms of its tokens (`l'offre` is two).
struct Slot {
    alternatives: Vec<Alternative>,
    optional: bool,
}

struct Alternative {
    norms: Vec<CompactString>,
    /// A trailing `*`: the last token only has to start with its norm.
    prefix: bool,
}

/// Tokens that carry words (punctuation between them does not break a phrase).
fn is_content(token: &Token) -> bool {
    !matches!(token.kind, TokenKind::Boundary | TokenKind::Exclamation)
}

impl Phrase {
    /// `None` for a phrase without any word that must be there.
    pub fn new(written: &str, checker: &Checker) -> Option<Phrase> {
        let slots: Vec<Slot> = written
            .split_whitespace()
            .filter_map(|word| {
                let inner = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
                let alternatives: Vec<Alternative> = inner
                    .unwrap_or(word)
                    .split('|')
                    .filter_map(|alternative| {
                        let (body, prefix) = match alternative.strip_suffix('*') {
                            Some(body) => (body, true),
                            None => (alternative, false),
                        };
                        let norms: Vec<CompactString> =
                            checker.tokens(body).into_iter().filter(is_content).map(|t| t.norm).collect();
                        (!norms.is_empty()).then_some(Alternative { norms, prefix })
                    })
                    .collect();
                (!alternatives.is_empty()).then_some(Slot { alternatives, optional: inner.is_some() })
            })
            .collect();
        slots.iter().any(|s| !s.optional).then(|| Phrase { written: written.trim().to_string(), slots })
    }

    pub fn written(&self) -> &str {
        &self.written
    }

    /// Byte ranges of every occurrence in a message's tokens (the longest at each place; an
    /// occurrence starts after the previous one ends).
    pub fn find_all(&self, tokens: &[Token]) -> Vec<(usize, usize)> {
        let content: Vec<&Token> = tokens.iter().filter(|t| is_content(t)).collect();
        // where slot `s` matched from token `t` ends at the furthest, once computed: optional
        // words would otherwise be tried both ways at every place
        let mut memo = vec![None; self.slots.len() * (content.len() + 1)];
        let mut found = Vec::new();
        let mut at = 0;
        while at < content.len() {
            match self.longest(&content, 0, at, &mut memo).filter(|&end| end > at) {
                Some(end) => {
                    found.push((content[at].start, content[end - 1].end));
                    at = end;
                }
                None => at += 1,
            }
        }
        found
    }

    /// Where the phrase from slot `slot` on, matched from token `at`, ends at the furthest.
    fn longest(&self, content: &[&Token], slot: usize, at: usize, memo: &mut [Option<Option<usize>>]) -> Option<usize> {
        let Some(current) = self.slots.get(slot) else { return Some(at) };
        let key = slot * (content.len() + 1) + at;
        if let Some(known) = memo.get(key).copied().flatten() {
            return known;
        }
        let mut best = None;
        for alternative in &current.alternatives {
            let end = at + alternative.norms.len();
            let Some(window) = content.get(at..end) else { continue };
            let last = alternative.norms.len() - 1;
            let matches = window.iter().zip(&alternative.norms).enumerate().all(|(i, (token, norm))| {
                if alternative.prefix && i == last {
                    token.norm.starts_with(norm.as_str())
                } else {
                    token.norm == *norm
                }
            });
            if matches {
                best = best.max(self.longest(content, slot + 1, end, memo));
            }
        }
        if current.optional {
            best = best.max(self.longest(content, slot + 1, at, memo));
        }
        if let Some(entry) = memo.get_mut(key) {
            *entry = Some(best);
        }
        best
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

    /// `(word)` is optional and `a|b` offers alternatives, so that one entry covers the
    /// opt-out wordings: `STOP 36111`, `STOP au 36111`, `Stop SMS au 36111`.
    #[test]
    fn optional_words_and_alternatives() {
        let checker = Checker::new();
        let find = |p: &str, text: &str| -> Vec<String> {
            let tokens = checker.tokens(text);
            let phrase = Phrase::new(p, &checker).unwrap();
            phrase.find_all(&tokens).iter().map(|&(s, e)| text[s..e].to_string()).collect()
        };
        let rule = "STOP (SMS) (au|to) 36111|36180";
        assert_eq!(find(rule, "Répondez STOP au 36111"), ["STOP au 36111"]);
        assert_eq!(find(rule, "STOP 36111 pour ne plus recevoir"), ["STOP 36111"]);
        assert_eq!(find(rule, "Stop SMS au 36180"), ["Stop SMS au 36180"]);
        assert!(find(rule, "STOP au au 36111").is_empty());
        assert!(find(rule, "STOP au").is_empty());
        assert_eq!(find("désinscri*|unsubscribe", "Désinscrivez-vous ici"), ["Désinscrivez-vous"]);
        assert_eq!(find("(votre) offre", "Votre offre, l'offre"), ["Votre offre", "offre"]);
        assert!(Phrase::new("(au)", &checker).is_none(), "a phrase of optional words only matches nothing");
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
