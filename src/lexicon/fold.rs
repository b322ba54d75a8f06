//! Accent folding, shared with `build.rs` (which classifies and tokenizes the built-in
//! terms at build time): no crate paths, so the build script can include it.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Strips accents: NFD without combining marks (`é` → `e`, `œ` stays).
pub fn fold_accents(s: &str) -> Cow<'_, str> {
    if s.is_ascii() { Cow::Borrowed(s) } else { Cow::Owned(folded(s)) }
}

/// [`fold_accents`] into any string type (the tokenizer's inline strings, without a heap
/// copy first).
pub fn folded<S: FromIterator<char>>(s: &str) -> S {
    // French and most Western text: a table instead of the decomposition iterator (French
    // ligatures have no decomposition)
    if s.chars().all(|c| c <= '\u{FF}' || matches!(c, 'œ' | 'Œ')) {
        s.chars().map(fold_latin1).collect()
    } else {
        s.nfd().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).collect()
    }
}

/// The base letter of a Latin-1 letter with an accent (what NFD without marks gives).
pub fn fold_latin1(c: char) -> char {
    match c {
        'À'..='Å' => 'A',
        'Ç' => 'C',
        'È'..='Ë' => 'E',
        'Ì'..='Ï' => 'I',
        'Ñ' => 'N',
        'Ò'..='Ö' => 'O',
        'Ù'..='Ü' => 'U',
        'Ý' => 'Y',
        'à'..='å' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ñ' => 'n',
        'ò'..='ö' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}
