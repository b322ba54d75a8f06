//! The rules of `check` that read a message's tokens, as running counts over its pieces: a
//! message is one piece; one over [`crate::LONG_FROM`] bytes is read in the windows it is
//! scored in (issue #21), so that the list of all its tokens is never held.
//!
//! The tokens of every piece carry spans in the message's offsets, so what is found is where
//! a reading of the whole text finds it. Only a phrase across a window's edge (windows end at
//! a sentence's end, else at a space) would be missed.

use std::borrow::Cow;

use super::{Linter, Rule, Severity, is_code};
use crate::lang::{Evidence, Language};
use crate::lexicon::Lexicons;
use crate::text::tokenize::{Token, TokenKind};

/// How many of something a message holds, and the span of the first one over the limit.
#[derive(Default)]
pub(super) struct Counted {
    pub count: usize,
    pub over: Option<(usize, usize)>,
}

impl Counted {
    /// Counts one more at `span`, the `max`-th (from 0) being the first over the limit.
    fn add(&mut self, span: (usize, usize), max: usize) {
        if self.count == max {
            self.over = Some(span);
        }
        self.count += 1;
    }
}

/// What the token rules have found so far in the pieces of one message.
pub(super) struct Scan<'a> {
    linter: &'a Linter,
    /// Occurrences of forbidden phrases: the phrase's index in the linter's list and the span.
    pub forbidden: Vec<(usize, (usize, usize))>,
    /// Whether each required phrase was found.
    pub required: Vec<bool>,
    /// Whether a configured opt-out pattern was found.
    pub opt_out: bool,
    /// Letters of words, and of words in capitals long enough to be shouting.
    pub letters: usize,
    pub shouted: usize,
    /// The first shouted word's start and the last one's end.
    pub loud: Option<(usize, usize)>,
    pub emoji: Counted,
    pub hashtags: Counted,
    pub mentions: Counted,
    /// The first *tu* and *vous* markers.
    pub tu: Option<(usize, usize)>,
    pub vous: Option<(usize, usize)>,
    /// Whether some word is code (`--force`, `default_shell`), and the words of the prose.
    pub has_code: bool,
    pub prose_words: usize,
    /// The evidence of the prose's language, when read in pieces and the rule is on.
    evidence: Option<Evidence>,
}

impl<'a> Scan<'a> {
    /// A scan of a message read whole (`pieces: false`: its language is identified from all
    /// its tokens at the end) or in pieces (the evidence of its language summed as they come).
    pub fn new(linter: &'a Linter, pieces: bool) -> Scan<'a> {
        Scan {
            linter,
            forbidden: Vec::new(),
            required: vec![false; linter.required.len()],
            opt_out: false,
            letters: 0,
            shouted: 0,
            loud: None,
            emoji: Counted::default(),
            hashtags: Counted::default(),
            mentions: Counted::default(),
            tu: None,
            vous: None,
            has_code: false,
            prose_words: 0,
            evidence: (pieces && linter.severity(Rule::Language) != Severity::Off).then(Evidence::default),
        }
    }

    /// Reads the tokens of the next piece of `text` (spans in `text`'s offsets).
    pub fn add(&mut self, text: &str, tokens: &[Token], lexicons: &Lexicons) {
        let linter = self.linter;
        for (i, phrase) in linter.forbidden.iter().enumerate() {
            self.forbidden.extend(phrase.find_all(tokens).into_iter().map(|span| (i, span)));
        }
        for (found, phrase) in self.required.iter_mut().zip(&linter.required) {
            *found = *found || !phrase.find_all(tokens).is_empty();
        }
        if linter.severity(Rule::OptOut) != Severity::Off && !self.opt_out {
            self.opt_out = linter.opt_outs.iter().any(|p| !p.find_all(tokens).is_empty());
        }
        let letters = |t: &Token| text[t.start..t.end].chars().filter(|c| c.is_alphabetic()).count();
        for t in tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::HashtagWord)) {
            let n = letters(t);
            self.letters += n;
            if t.all_caps && n >= super::SHOUTING_MIN_WORD {
                self.shouted += n;
                self.loud = Some((self.loud.map_or(t.start, |l| l.0), t.end));
            }
        }
        for t in tokens {
            match t.kind {
                TokenKind::Emoji => self.emoji.add((t.start, t.end), linter.max_emoji),
                TokenKind::Mention => self.mentions.add((t.start, t.end), linter.max_mentions),
                TokenKind::HashtagWord if text[..t.start].ends_with(['#', '＃']) => {
                    let at = text[..t.start].char_indices().next_back().map_or(t.start, |(i, _)| i);
                    // the first token after the `#` (tokens are in text order: no scan from the
                    // start for each hashtag, which made hashtag-heavy messages quadratic)
                    let next = tokens.partition_point(|t| t.start <= at);
                    let end = tokens.get(next).map_or(text.len(), |t| t.end);
                    self.hashtags.add((at, end), linter.max_hashtags);
                }
                _ => {}
            }
        }
        let markers = crate::tone::rules::register(tokens).1;
        let first = |vous: bool| markers.iter().find(|m| m.2 == vous).map(|m| (m.0, m.1));
        self.tu = self.tu.or_else(|| first(false));
        self.vous = self.vous.or_else(|| first(true));
        let prose = prose(text, tokens);
        self.has_code |= prose.len() < tokens.len();
        self.prose_words += prose.iter().filter(|t| t.kind == TokenKind::Word).count();
        if let Some(evidence) = &mut self.evidence {
            evidence.add(&prose, lexicons);
        }
    }

    /// The language of the prose of the pieces read, when read in pieces.
    pub fn language(&self) -> Option<Language> {
        self.evidence.map(|e| e.language())
    }
}

/// The tokens of the prose: code in copy (`--force`, `default_shell`) is in no language.
pub(super) fn prose<'t>(text: &str, tokens: &'t [Token]) -> Cow<'t, [Token]> {
    if tokens.iter().any(|t| is_code(text, t)) {
        Cow::Owned(tokens.iter().filter(|t| !is_code(text, t)).cloned().collect())
    } else {
        Cow::Borrowed(tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Config, Linter};
    use super::*;
    use crate::Checker;

    fn linter(checker: &Checker, toml: &str) -> Linter {
        let config = Config::parse("emotics.toml", toml).unwrap();
        Linter::new(checker, &config.settings(&[]), ("emotics.toml", toml)).unwrap()
    }

    /// A message over `LONG_FROM` bytes, read in windows, gets the findings its whole tokens
    /// give, at the same spans: a forbidden phrase and a required one only in the last window,
    /// the share of capitals and the counts over the whole text, the first *tu* and *vous*.
    #[test]
    fn a_long_message_gets_the_findings_of_its_whole_tokens() {
        let checker = Checker::without_model();
        let toml = r#"
language = "fr"
[rules.forbidden]
words = ["garanti à vie", "interdit"]
[rules.required]
words = ["STOP (au) 36111", "absent"]
[rules.emoji]
max = 40
[rules.opt-out]
severity = "warning"
patterns = ["désinscri*"]
"#;
        let linter = linter(&checker, toml);
        let mut text = String::new();
        while text.len() < crate::LONG_FROM + 50_000 {
            text.push_str("Bonjour, TU vas ADORER notre OFFRE EXCEPTIONNELLE ! 😀 #promo @ami, cliquez ici. ");
        }
        text.push_str("Vous aimerez ce produit garanti à vie. STOP au 36111");
        let (report, long) = linter.check(&checker, &text);
        // the same rules over the tokens of the whole text
        let tokens = checker.tokens(&text);
        let mut scan = Scan::new(&linter, false);
        scan.add(&text, &tokens, checker.lexicons());
        let language = || crate::lang::identify(&prose(&text, &tokens), checker.lexicons());
        let (_, whole) = linter.findings(&checker, &text, report, scan, language);
        assert_eq!(long.findings, whole.findings);
        assert_eq!((long.tu, long.vous, long.identified), (whole.tu, whole.vous, whole.identified));
        assert_eq!(long.identified, Some(Language::Fr));
        let found = |rule: Rule| long.findings.iter().filter(|f| f.rule == rule).collect::<Vec<_>>();
        let forbidden = found(Rule::Forbidden);
        assert_eq!(forbidden.len(), 1);
        assert_eq!(forbidden[0].span.map(|(s, e)| &text[s..e]), Some("garanti à vie"));
        let missing: Vec<&str> = found(Rule::Required).iter().map(|f| f.message.as_str()).collect();
        assert_eq!(missing, ["missing required `absent`"]);
        let shouting = found(Rule::Shouting);
        // from the first word in capitals to the last, `STOP`
        let last = text.rfind("STOP").map(|at| at + "STOP".len());
        assert_eq!(shouting[0].span, text.find("ADORER").zip(last));
        let n = text.matches("😀").count();
        let emoji = found(Rule::Emoji);
        assert_eq!(emoji[0].message, format!("{n} emoji (at most 40)"));
        assert_eq!(emoji[0].span.map(|s| s.0), text.match_indices('😀').nth(40).map(|m| m.0));
        let hashtags = found(Rule::Hashtags);
        assert_eq!(hashtags[0].message, format!("{n} hashtags (at most 3)"));
        assert_eq!(hashtags[0].span.map(|(s, e)| (s, &text[s..e])), text.match_indices("#promo").nth(3));
        assert_eq!(found(Rule::Mentions)[0].message, format!("{n} mentions (at most 3)"));
        assert_eq!(found(Rule::Exclamations)[0].message, format!("{n} exclamation marks (at most 2)"));
        let register = found(Rule::Register);
        assert_eq!(register[0].span.map(|(s, e)| &text[s..e]), Some("Vous"));
    }
}
