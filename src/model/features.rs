//! The features of the learned model. Each is tied to the span of the message that carries
//! it, so that a feature's contribution (its weight times its value) is an explanation of
//! the output, located in the text.
//!
//! | feature | span | value |
//! |---|---|---|
//! | the word, per language (`w`), or `n` when the rule engine reads it as negated | the word | 1 |
//! | character 3- and 4-grams of the word, accents folded, with its edges (`^bon`, `on$`); `N` when negated | the word | 1/√(n-grams of the word) |
//! | a word in capitals (`C`), elongated (`E`), in a hashtag (`h`) | the word | 1 |
//! | two adjacent words, emoji or numbers (`b`), per language | both | 1 |
//! | an emoji (`j`) or an emoticon (`o`), as written, across languages | it | 1 |
//! | a number (`d`: plain, `%`, or with a currency), a URL (`u`), a mention (`@`) | it | 1 |
//! | a run of `!` and `?` (`!`, by its counts up to 3 and 2) | the run | 1 |
//! | each contribution of the rule engine (`R`: its family, dimension and sign) | its span | its score |
//! | the rule engine's valence of the message (`V`, `v` by its sign) | shared among its contributions | their share of it |
//!
//! A negator that negates a word gives no feature of its own: its meaning is in the negated
//! word's features (`n`, `N` and the rule's contribution). Placeholders and markup give no
//! feature either (they are no words, and the words around them are adjacent), nor do the tokens of an SMS opt-out (`STOP au 36111`, see
//! [`crate::text::placeholders::opt_outs`]): every marketing SMS carries one, and `stop` in
//! tweets is no opt-out.
//!
//! The values of a token's features are weighted as the rules weigh its clause: ×0.5 before a
//! contrast (`mais`, `but`), ×1.5 after. The rule engine's contributions carry what it knows beyond words: lexicon valence after
//! negation, boosters, contrast and questions, emotion and tone terms, discounts. A feature is
//! identified by a 32-bit hash of its kind and text ([`FEATURE_SET`] names this recipe: a
//! model records the one it was trained with, and a model of another is refused).

use crate::lang::Language;
use crate::length::urls::Url;
use crate::lexicon::Modifier;
use crate::text::tokenize::{Token, TokenKind};
use crate::tone::context::Context;
use crate::tone::units::{Unit, UnitKind};
use crate::tone::{Cause, Explanation, Family};

/// The version of the recipe above. Change it whenever a feature changes.
pub const FEATURE_SET: u32 = 1;

/// One feature of a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    /// The hash of the feature's kind and text.
    pub id: u32,
    pub value: f32,
    /// The bytes of the message that carry it.
    pub start: usize,
    pub end: usize,
    pub cause: Cause,
}

/// FNV-1a with a final avalanche (murmur3's), so that a model may keep any number of the
/// hash's low bits.
struct Hasher(u32);

impl Hasher {
    fn new(kind: u8) -> Hasher {
        let mut hasher = Hasher(0x811c_9dc5);
        hasher.write(&[kind]);
        hasher
    }

    /// A hasher for a kind of feature that is told apart by language (words, bigrams).
    fn in_language(kind: u8, language: Language) -> Hasher {
        let mut hasher = Hasher::new(kind);
        hasher.write(language.code().as_bytes()).write(b":");
        hasher
    }

    fn write(&mut self, bytes: &[u8]) -> &mut Hasher {
        for &byte in bytes {
            self.0 ^= u32::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
        self
    }

    /// One step per character (n-grams are hashed by the dozen per word).
    fn write_char(&mut self, c: char) {
        self.0 = (self.0 ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }

    fn finish(&self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x85eb_ca6b);
        h ^= h >> 13;
        h = h.wrapping_mul(0xc2b2_ae35);
        h ^ (h >> 16)
    }
}

/// The id of a feature of kind `kind` (one of the letters above) and text `text`, for the
/// language-specific kinds in `language`.
pub fn id(kind: u8, language: Option<Language>, text: &[u8]) -> u32 {
    let mut hasher = match language {
        Some(language) => Hasher::in_language(kind, language),
        None => Hasher::new(kind),
    };
    hasher.write(text).finish()
}

/// Gives `each` the features of a message, one at a time (a long text's features are
/// never all held at once): its tokens (and the spans of its URLs, to tell them from
/// placeholders), the units and context the rule engine read them with, and the rule engine's
/// explanations (`rules`).
pub fn extract(
    text: &str,
    tokens: &[Token],
    urls: &[Url],
    context: &Context,
    language: Language,
    rules: &[Explanation],
    each: &mut impl FnMut(Feature),
) {
    let TokenContext { negated, negator, weights } = token_context(tokens, context);
    let opt_outs = crate::text::placeholders::opt_outs(text);
    let inside = |start: usize, end: usize| opt_outs.iter().any(|&(s, e)| s <= start && end <= e);
    // the tokenizer keeps URLs and placeholders whole alike: a placeholder is one of those
    // tokens that is no URL
    let placeholder =
        |t: &Token| t.kind == TokenKind::Url && !urls.iter().any(|u| u.start == t.start && u.end == t.end);
    // the tokens read, in order: a placeholder between two words leaves them adjacent
    let mut read = Vec::with_capacity(tokens.len());
    read.extend(
        (0..tokens.len())
            .filter(|&i| !negator[i] && !placeholder(&tokens[i]) && !inside(tokens[i].start, tokens[i].end)),
    );
    let mut chars = Vec::with_capacity(64);
    for (k, &i) in read.iter().enumerate() {
        let token = &tokens[i];
        let weight = weights[i];
        let at = |id: u32, value: f32, cause: Cause| Feature {
            id,
            value: value * weight,
            start: token.start,
            end: token.end,
            cause,
        };
        let norm = token.norm.as_bytes();
        match token.kind {
            TokenKind::Word | TokenKind::HashtagWord => {
                let (word, grams) = if negated[i] { (b'n', b'N') } else { (b'w', b'c') };
                each(at(id(word, Some(language), norm), 1.0, Cause::Word));
                char_ngrams(token.folded(), grams, &mut chars, &mut |id, value| {
                    each(at(id, value, Cause::Word));
                });
                for (flag, kind) in
                    [(token.all_caps, b'C'), (token.elongated, b'E'), (token.kind == TokenKind::HashtagWord, b'h')]
                {
                    if flag {
                        each(at(id(kind, None, b""), 1.0, Cause::Word));
                    }
                }
            }
            TokenKind::Emoji => each(at(id(b'j', None, norm), 1.0, Cause::Emoji)),
            TokenKind::Emoticon => each(at(id(b'o', None, norm), 1.0, Cause::Emoticon)),
            TokenKind::Number => each(at(id(b'd', None, number_shape(&token.norm)), 1.0, Cause::Word)),
            TokenKind::Url => each(at(id(b'u', None, b""), 1.0, Cause::Word)),
            TokenKind::Mention => each(at(id(b'@', None, b""), 1.0, Cause::Word)),
            TokenKind::Exclamation => {
                let bangs = token.norm.bytes().filter(|&b| b == b'!').count();
                let questions = token.norm.len() - bangs;
                let shape = [b'0' + bangs.min(3) as u8, b'0' + questions.min(2) as u8];
                each(at(id(b'!', None, &shape), 1.0, Cause::Punctuation));
            }
            TokenKind::Boundary => {}
        }
        if let Some(next) = read.get(k + 1).map(|&j| &tokens[j])
            && let (Some(a), Some(b)) = (bigram_part(token), bigram_part(next))
        {
            let mut hasher = Hasher::in_language(b'b', language);
            hasher.write(a).write(b" ").write(b);
            each(Feature {
                id: hasher.finish(),
                value: weight,
                start: token.start,
                end: next.end,
                cause: Cause::Phrase,
            });
        }
    }
    let rules: Vec<&Explanation> = rules.iter().filter(|rule| !inside(rule.span.start, rule.span.end)).collect();
    // the rule engine's valence of the message (VADER's normalised sum), shared among the
    // words and marks that make it in proportion to their scores, so that it is explained
    let valence: Vec<&Explanation> = rules.iter().copied().filter(|r| r.family == Family::Valence).collect();
    let sum: f32 = valence.iter().map(|r| r.score as f32).sum();
    if sum != 0.0 {
        let compound = crate::tone::valence::normalize(sum);
        let id = id(if compound > 0.0 { b'V' } else { b'v' }, None, b"");
        for rule in valence {
            let value = compound * rule.score as f32 / sum;
            each(Feature { id, value, start: rule.span.start, end: rule.span.end, cause: rule.cause });
        }
    }
    for rule in rules {
        let family = match rule.family {
            Family::Valence => b'v',
            Family::Emotion => b'e',
            Family::Tone => b't',
        };
        let sign = if rule.score < 0.0 { b'-' } else { b'+' };
        let mut hasher = Hasher::new(b'R');
        hasher.write(&[family, sign]).write(rule.dimension.as_bytes());
        each(Feature {
            id: hasher.finish(),
            value: rule.score as f32,
            start: rule.span.start,
            end: rule.span.end,
            cause: rule.cause,
        });
    }
}

/// How the rule engine reads each token in its context: whether it is negated (`pas`, `not`…
/// before it, in scope) or a negator that negates a word (its meaning is in that word's
/// features, read as negated: alone, `not` would only say that tweets with negations tend to
/// be negative, and `not bad` would read as bad), and the weight of its clause (×0.5 before
/// `mais`/`but`, ×1.5 after, as the rules weigh contrast).
struct TokenContext {
    negated: Vec<bool>,
    negator: Vec<bool>,
    weights: Vec<f32>,
}

fn token_context(tokens: &[Token], context: &Context) -> TokenContext {
    let n = tokens.len();
    let (mut negated, mut negator, mut weights) = (vec![false; n], vec![false; n], vec![1.0; n]);
    let is_negator = |unit: &Unit| {
        matches!(
            unit.kind,
            UnitKind::Modifier(Modifier::Negator { .. } | Modifier::WeakNegator { .. } | Modifier::NegationParticle)
        )
    };
    for (k, unit) in context.units.iter().enumerate() {
        let range = unit.first_token..(unit.first_token + unit.token_count).min(n);
        let is_word =
            matches!(tokens.get(unit.first_token).map(|t| t.kind), Some(TokenKind::Word | TokenKind::HashtagWord));
        if is_word && let Some(negation) = context.negation(k) {
            negated[range.clone()].fill(true);
            // the negator's units (`ne…pas` spans the words between: only its negators); units
            // are in text order, so those inside are found from the first one at its start
            // (scanning them all for every negation took a 10 MB message 8 minutes)
            let first = context.units.partition_point(|u| u.start < negation.start);
            let inside = context.units[first..].iter().take_while(|u| u.start <= negation.end);
            for other in inside.filter(|u| u.end <= negation.end) {
                if is_negator(other) {
                    negator[other.first_token..(other.first_token + other.token_count).min(n)].fill(true);
                }
            }
        }
        if let Some((factor, _)) = context.contrast(k) {
            weights[range].fill(factor);
        }
    }
    TokenContext { negated, negator, weights }
}

/// The text a token brings to a bigram, if it takes part in bigrams.
fn bigram_part(token: &Token) -> Option<&[u8]> {
    match token.kind {
        TokenKind::Word | TokenKind::HashtagWord | TokenKind::Emoji | TokenKind::Emoticon => {
            Some(token.norm.as_bytes())
        }
        TokenKind::Number => Some(b"0"),
        _ => None,
    }
}

/// A number as the model sees it: plain, a percentage, or an amount.
fn number_shape(norm: &str) -> &'static [u8] {
    match norm.chars().last() {
        Some('%') => b"%",
        Some(c) if !c.is_ascii_digit() && !c.is_alphabetic() => b"$",
        _ => b"0",
    }
}

/// Calls `each` with the id of every character 3- and 4-gram of `^word$` (kind `kind`) and
/// its value.
fn char_ngrams(word: &str, kind: u8, chars: &mut Vec<char>, each: &mut dyn FnMut(u32, f32)) {
    chars.clear();
    chars.push('^');
    chars.extend(word.chars());
    chars.push('$');
    let count: usize = [3, 4].iter().map(|&n| chars.len().saturating_sub(n - 1)).sum();
    if count == 0 {
        return;
    }
    let value = 1.0 / (count as f32).sqrt();
    for n in [3, 4] {
        for window in chars.windows(n) {
            let mut hasher = Hasher::new(kind);
            for &c in window {
                hasher.write_char(c);
            }
            each(hasher.finish(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ngrams_cover_the_word_with_its_edges() {
        let mut grams = Vec::new();
        char_ngrams("bon", b'c', &mut Vec::new(), &mut |g, v| grams.push((g, v)));
        let gram = |g: &str| {
            let mut hasher = Hasher::new(b'c');
            g.chars().for_each(|c| hasher.write_char(c));
            hasher.finish()
        };
        let expected: Vec<u32> = ["^bo", "bon", "on$", "^bon", "bon$"].iter().map(|g| gram(g)).collect();
        assert_eq!(grams.iter().map(|(g, _)| *g).collect::<Vec<_>>(), expected);
        assert!(grams.iter().all(|(_, v)| (*v - 1.0 / 5f32.sqrt()).abs() < 1e-6));
    }

    #[test]
    fn ids_depend_on_kind_language_and_text() {
        let word = id(b'w', Some(Language::Fr), b"vol");
        assert_ne!(word, id(b'w', Some(Language::En), b"vol"));
        assert_ne!(word, id(b'n', Some(Language::Fr), b"vol"));
        assert_ne!(word, id(b'w', Some(Language::Fr), b"vols"));
        assert_eq!(word, id(b'w', Some(Language::Fr), b"vol"));
    }

    #[test]
    fn numbers_keep_only_their_shape() {
        assert_eq!(number_shape("-50%"), b"%");
        assert_eq!(number_shape("39€"), b"$");
        assert_eq!(number_shape("2026"), b"0");
    }
}
