//! Accent folding, shared with `build.rs` (which classifies and tokenizes the built-in
//! terms at build time): no crate paths, so the build script can include it.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Strips accents: NFD without combining marks (`é` → `e`, `œ` stays).
pub fn fold_accents(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut folded = String::with_capacity(s.len());
    fold_into(s, &mut folded);
    Cow::Owned(folded)
}

/// [`fold_accents`] appended to `out` (the tokenizer's inline strings, without a heap copy
/// first).
pub fn fold_into(s: &str, out: &mut impl Extend<char>) {
    // French and most Western text (every character up to U+FF, or a French ligature, which
    // has no decomposition): a table instead of the decomposition iterator. No UTF-8 lead
    // byte from 0xC4 on means every character is up to U+FF: checked a byte at a time first.
    if s.bytes().all(|b| b < 0xC4) || s.chars().all(|c| c <= '\u{FF}' || matches!(c, 'œ' | 'Œ')) {
        out.extend(s.chars().map(fold_latin1));
    } else {
        out.extend(s.nfd().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)));
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
