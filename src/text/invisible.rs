//! Characters a reader cannot see: spaces other than the plain one, format characters (zero
//! width, joiners, direction marks, the byte-order mark), variation selectors and controls.
//! Quoted in a sentence as themselves they show as a blank or as nothing (“`\u{202F}` forces
//! UCS-2”), so messages name them instead: `U+202F NARROW NO-BREAK SPACE`.

use unicode_segmentation::UnicodeSegmentation;

/// Whether `c` shows nothing of its own: whitespace other than the plain space, a control,
/// a format character or a variation selector.
pub fn is_invisible(c: char) -> bool {
    (c.is_whitespace() && c != ' ')
        || c.is_control()
        || matches!(
            u32::from(c),
            0xAD | 0x34F
                | 0x61C
                | 0x115F
                | 0x1160
                | 0x17B4
                | 0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF9..=0xFFFB
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0000..=0xE007F
                | 0xE0100..=0xE01EF
        )
}

/// The Unicode name of the invisible characters copy meets most (spaces, joiners, marks).
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "CHARACTER TABULATION",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{85}' => "NEXT LINE",
        '\u{A0}' => "NO-BREAK SPACE",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{34F}' => "COMBINING GRAPHEME JOINER",
        '\u{61C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}' => "EN QUAD",
        '\u{2001}' => "EM QUAD",
        '\u{2002}' => "EN SPACE",
        '\u{2003}' => "EM SPACE",
        '\u{2004}' => "THREE-PER-EM SPACE",
        '\u{2005}' => "FOUR-PER-EM SPACE",
        '\u{2006}' => "SIX-PER-EM SPACE",
        '\u{2007}' => "FIGURE SPACE",
        '\u{2008}' => "PUNCTUATION SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{200A}' => "HAIR SPACE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{205F}' => "MEDIUM MATHEMATICAL SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{FE0E}' => "VARIATION SELECTOR-15",
        '\u{FE0F}' => "VARIATION SELECTOR-16",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => return None,
    })
}

/// `U+202F NARROW NO-BREAK SPACE`, or `U+E0041` for a character without a name here.
fn named(c: char) -> String {
    match name(c) {
        Some(name) => format!("U+{:04X} {name}", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// `text` quoted for a sentence between `open` and `close`, with every character a reader
/// cannot see named: a text of invisible characters only is its names (`U+202F NARROW
/// NO-BREAK SPACE`, unquoted); elsewhere each grapheme made only of invisible characters
/// is named in angle brackets (`` `50<U+202F NARROW NO-BREAK SPACE>%` ``). Invisible
/// characters inside a visible grapheme (the variation selector of `❤️`, the joiners of
/// an emoji sequence) are part of what shows and stay as they are.
pub fn quoted(text: &str, open: &str, close: &str) -> String {
    let hidden = |g: &str| g.chars().all(is_invisible);
    if !text.is_empty() && hidden(text) {
        return text.chars().map(named).collect::<Vec<_>>().join(" ");
    }
    let mut out = String::with_capacity(text.len() + open.len() + close.len());
    out.push_str(open);
    for grapheme in text.graphemes(true) {
        if hidden(grapheme) {
            for c in grapheme.chars() {
                out.push('<');
                out.push_str(&named(c));
                out.push('>');
            }
        } else {
            out.push_str(grapheme);
        }
    }
    out.push_str(close);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(quoted("\u{202F}", "`", "`"), "U+202F NARROW NO-BREAK SPACE");
        assert_eq!(quoted("\u{FE0F}", "“", "”"), "U+FE0F VARIATION SELECTOR-16");
        assert_eq!(quoted("\u{200B}\u{2060}", "`", "`"), "U+200B ZERO WIDTH SPACE U+2060 WORD JOINER");
        assert_eq!(quoted("\u{E0041}", "`", "`"), "U+E0041", "no name: the code point");
        assert_eq!(quoted("50\u{A0}%", "`", "`"), "`50<U+00A0 NO-BREAK SPACE>%`");
        assert_eq!(quoted("grat\u{AD}uit", "`", "`"), "`grat<U+00AD SOFT HYPHEN>uit`");
        // what shows stays as written: letters, plain spaces, emoji with their selectors
        assert_eq!(quoted("ê", "“", "”"), "“ê”");
        assert_eq!(quoted("cliquez ici", "`", "`"), "`cliquez ici`");
        assert_eq!(quoted("❤\u{FE0F}", "`", "`"), "`❤\u{FE0F}`");
        assert_eq!(quoted("👩\u{200D}💻", "`", "`"), "`👩\u{200D}💻`");
        for c in ['\u{A0}', '\u{202F}', '\u{2009}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'] {
            assert!(is_invisible(c) && name(c).is_some(), "{c:?}");
        }
        for c in ['\u{FE0E}', '\u{AD}', '\u{200E}', '\u{200F}', '\u{2002}', '\u{2003}', '\t'] {
            assert!(is_invisible(c) && name(c).is_some(), "{c:?}");
        }
        assert!(!is_invisible(' ') && !is_invisible('é') && !is_invisible('’'));
    }
}
