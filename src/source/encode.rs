//! Replacements written the way a format writes them where a message lives, so that a fix
//! on a message becomes an exact edit of its file: JSON and PO escapes, YAML's quoting
//! styles, CSV's doubled quotes (and quotes around a field that now needs them). A
//! replacement that cannot be written at its place as is gets no edit, rather than one
//! that would change what the file means.

use std::ops::Range;

use super::Message;

/// How a message's characters are written in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quoting {
    /// As they are: text and Markdown lines.
    #[default]
    Raw,
    /// A JSON string closed by this quote (`"`, or `'` in JSON5).
    Json(char),
    /// A PO string (C escapes).
    Po,
    /// A quoted CSV field (`""` for a quote).
    CsvQuoted,
    /// An unquoted CSV field, with its delimiter.
    CsvUnquoted(u8),
    YamlPlain,
    YamlSingle,
    YamlDouble,
    /// A literal (`|`) or folded (`>`) block scalar.
    YamlBlock,
}

/// `replacement` as written at a place of `quoting`, where `at_start`/`at_end` say whether
/// it begins or ends the message; `None` when it cannot be written there as is.
pub fn encode(quoting: Quoting, replacement: &str, at_start: bool, at_end: bool) -> Option<String> {
    let line_break = replacement.contains(['\n', '\r']);
    match quoting {
        Quoting::Raw | Quoting::YamlBlock if line_break => None,
        // a block scalar's first line sets its indentation
        Quoting::YamlBlock if at_start && replacement.starts_with([' ', '\t']) => None,
        Quoting::Raw | Quoting::YamlBlock => Some(replacement.to_string()),
        Quoting::Json(quote) => Some(escaped(replacement, quote, true)),
        Quoting::YamlDouble => Some(escaped(replacement, '"', true)),
        Quoting::Po if replacement.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) => None,
        Quoting::Po => Some(escaped(replacement, '"', false)),
        Quoting::CsvQuoted => Some(replacement.replace('"', "\"\"")),
        Quoting::CsvUnquoted(delimiter) => {
            let needs_quotes = line_break || replacement.contains('"') || replacement.bytes().any(|b| b == delimiter);
            (!needs_quotes).then(|| replacement.to_string())
        }
        Quoting::YamlSingle => (!line_break).then(|| replacement.replace('\'', "''")),
        Quoting::YamlPlain => {
            // `: `, ` #`, flow indicators and line breaks end or fold a plain scalar; an
            // indicator or a space at its ends changes how it is read
            let inside = !replacement.contains([':', '#', '\n', '\r', '\t', ',', '[', ']', '{', '}']);
            let first = !at_start
                || !replacement.starts_with(['-', '?', '!', '&', '*', '|', '>', '\'', '"', '%', '@', '`', ' ']);
            let last = !at_end || !replacement.ends_with(' ');
            (inside && first && last).then(|| replacement.to_string())
        }
    }
}

/// `text` with `\`, `quote` and control characters escaped (`\u00XX` for the rare ones when
/// `unicode`, else the character is kept as is).
fn escaped(text: &str, quote: char, unicode: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if unicode && (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A CSV field holding `text`, quoted.
pub fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The edit of the file that replaces the message's bytes `span` with `replacement`: the
/// file's exact bytes of the span and the replacement as the format writes it there. An
/// unquoted CSV field that now needs quotes is rewritten whole. `None` when the message's
/// bytes cannot be told, or the replacement cannot be written there.
pub fn file_edit(message: &Message, span: Range<usize>, replacement: &str) -> Option<(Range<usize>, String)> {
    let map = message.map.as_ref()?;
    let text = &message.text;
    text.get(span.clone())?;
    let range = map.exact_range(span.clone())?;
    match encode(map.quoting(), replacement, span.start == 0, span.end == text.len()) {
        Some(written) => Some((range, written)),
        None if matches!(map.quoting(), Quoting::CsvUnquoted(_)) => {
            let edited = format!("{}{replacement}{}", &text[..span.start], &text[span.end..]);
            Some((map.exact_range(0..text.len())?, csv_field(&edited)))
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, Item, ReadOptions, read};

    #[test]
    fn replacements_per_format() {
        assert_eq!(encode(Quoting::Json('"'), "\"a\\b\"\n\u{1}", false, false).unwrap(), r#"\"a\\b\"\n\u0001"#);
        assert_eq!(encode(Quoting::Json('\''), "l'a \"", false, false).unwrap(), r#"l\'a ""#);
        assert_eq!(encode(Quoting::Po, "\"x\"\n", false, false).unwrap(), r#"\"x\"\n"#);
        assert_eq!(encode(Quoting::Po, "\u{7}", false, false), None);
        assert_eq!(encode(Quoting::CsvQuoted, "\"", false, false).unwrap(), "\"\"");
        assert_eq!(encode(Quoting::CsvUnquoted(b';'), "'", false, false).unwrap(), "'");
        assert_eq!(encode(Quoting::CsvUnquoted(b';'), "a;b", false, false), None);
        assert_eq!(encode(Quoting::CsvUnquoted(b','), "\"", false, false), None);
        assert_eq!(encode(Quoting::YamlSingle, "'", false, false).unwrap(), "''");
        assert_eq!(encode(Quoting::YamlDouble, "\"\u{1}", false, false).unwrap(), "\\\"\\u0001");
        assert_eq!(encode(Quoting::YamlPlain, "'", false, false).unwrap(), "'");
        assert_eq!(encode(Quoting::YamlPlain, "'", true, false), None);
        assert_eq!(encode(Quoting::YamlPlain, "...", false, true).unwrap(), "...");
        assert_eq!(encode(Quoting::YamlPlain, ": ", false, false), None);
        assert_eq!(encode(Quoting::YamlPlain, " ", false, true), None);
        assert_eq!(encode(Quoting::YamlBlock, "\n", false, false), None);
        assert_eq!(encode(Quoting::Raw, "-", false, false).unwrap(), "-");
        assert_eq!(encode(Quoting::Raw, "a\nb", false, false), None);
    }

    /// Applies the edit of the message's `from` (replaced by `to`) to the file, and reads the
    /// message back.
    fn round_trip(format: Format, source: &str, from: &str, to: &str) -> (String, String) {
        let Item::Message(m) = read(format, source, &ReadOptions::default()).items.remove(0) else {
            panic!("no message in {source:?}")
        };
        let start = m.text.find(from).unwrap();
        let (range, written) = file_edit(&m, start..start + from.len(), to).unwrap();
        let edited = format!("{}{written}{}", &source[..range.start], &source[range.end..]);
        let Item::Message(again) = read(format, &edited, &ReadOptions::default()).items.remove(0) else {
            panic!("no message in {edited:?}")
        };
        (edited, again.text)
    }

    /// The edit changes the file at the span only, and the message read back is the message
    /// with the replacement.
    #[test]
    fn edits_read_back_as_the_replacement() {
        let cases: [(Format, &str, &str, &str, &str); 9] = [
            (
                Format::Json,
                "{\"a\": \"l\\u2019offre \\n \\u00e9t\\u00e9\"}",
                "’",
                "\"",
                "{\"a\": \"l\\\"offre \\n \\u00e9t\\u00e9\"}",
            ),
            (Format::Yaml, "a: l’offre # c\n", "’", "'", "a: l'offre # c\n"),
            (Format::Yaml, "a: 'l’offre'\n", "’", "'", "a: 'l''offre'\n"),
            (Format::Yaml, "a: \"l’offre\"\n", "’", "\"", "a: \"l\\\"offre\"\n"),
            (Format::Yaml, "a: >\n  l’offre\n  du jour\n", "’", "'", "a: >\n  l'offre\n  du jour\n"),
            (Format::Csv, "id,text\n1,\"l’offre \"\"x\"\"\"\n", "’", "\"", "id,text\n1,\"l\"\"offre \"\"x\"\"\"\n"),
            (Format::Csv, "id,text\n1,l’offre\n", "’", "\"", "id,text\n1,\"l\"\"offre\"\n"),
            (
                Format::Po,
                "msgid \"a\"\nmsgstr \"\"\n\"l’of\"\n\"fre\"\n",
                "’",
                "'",
                "msgid \"a\"\nmsgstr \"\"\n\"l'of\"\n\"fre\"\n",
            ),
            (Format::Text, "l’offre\n", "’", "'", "l'offre\n"),
        ];
        for (format, source, from, to, expected) in cases {
            let (edited, text) = round_trip(format, source, from, to);
            assert_eq!(edited, expected, "{format:?}");
            let Item::Message(m) = read(format, source, &ReadOptions::default()).items.remove(0) else { panic!() };
            assert_eq!(text, m.text.replacen(from, to, 1), "{format:?}");
        }
    }

    /// A span across bytes the message leaves out (a folded line's indentation) has no edit.
    #[test]
    fn no_edit_across_skipped_bytes() {
        let source = "a: >\n  l’offre\n  du jour\n";
        let Item::Message(m) = read(Format::Yaml, source, &ReadOptions::default()).items.remove(0) else { panic!() };
        let at = m.text.find("offre du").unwrap();
        assert_eq!(file_edit(&m, at..at + "offre du".len(), "x"), None);
        let no_map = Message { map: None, ..m };
        assert_eq!(file_edit(&no_map, 0..1, "x"), None);
    }
}
