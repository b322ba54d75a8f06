//! Accent folding, shared with `build.rs` (which classifies and tokenizes the built-in
//! terms at build time): no crate paths, so the build script can include it.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Strips accents: NFD without combining marks (`é` → `e`, `œ` stays).
pub fn fold_accents(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    // French and most Western text: a table instead of the decomposition iterator
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0'..='\u{FF}' => folded.push(fold_latin1(c)),
            // French ligatures: no decomposition
            'œ' | 'Œ' => folded.push(c),
            _ => return Cow::Owned(s.nfd().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).collect()),
        }
    }
    Cow::Owned(folded)
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
