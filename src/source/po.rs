//! gettext PO catalogues: every non-empty `msgstr` (each plural form on its own), keyed by its
//! `msgid` (and `msgctxt`). The header entry (empty `msgid`) is not a message; a translator
//! comment `# emotics: ignore …` applies to its entry.

use super::{Document, Ignore, InputError, Item, LineIndex, Message, apply_markers};

/// The entry being read.
#[derive(Default)]
struct Entry {
    context: Option<String>,
    id: Option<String>,
    ignore: Ignore,
    /// Translations: (index for plurals, text, offset of its first string's text, verbatim).
    strings: Vec<(Option<usize>, String, usize, bool)>,
}

/// Which keyword the following continuation strings extend.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    None,
    Context,
    Id,
    IdPlural,
    Str,
}

pub fn read(source: &str, bom: usize, lines: &LineIndex) -> Document {
    let mut document = Document::default();
    let mut entry = Entry::default();
    let mut target = Target::None;
    let mut offset = bom;
    for raw in source[bom..].split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if entry.strings.is_empty() && entry.id.is_none() {
                // comments come before their entry
            } else {
                finish(&mut entry, &mut document, source, lines);
                target = Target::None;
            }
            if comment.starts_with([' ', '.']) || comment.is_empty() {
                apply_markers(comment, &mut entry.ignore, &mut document.ignore_file);
            }
            continue;
        }
        let (keyword, rest) = match trimmed.find([' ', '\t', '"']) {
            Some(at) => trimmed.split_at(at),
            None => (trimmed, ""),
        };
        let rest_start = start + indent + keyword.len();
        let string_at = rest_start + (rest.len() - rest.trim_start().len());
        let result = if keyword.is_empty() {
            // a continuation line: "…"
            parse_string(rest.trim_start())
                .map(|(s, verbatim)| continue_string(&mut entry, target, &s, string_at + 1, verbatim))
        } else {
            let next = match keyword {
                "msgctxt" => Target::Context,
                "msgid" => Target::Id,
                "msgid_plural" => Target::IdPlural,
                k if k == "msgstr" || (k.starts_with("msgstr[") && k.ends_with(']')) => Target::Str,
                _ => Target::None,
            };
            if next == Target::None {
                Err(format!("unknown keyword `{keyword}`"))
            } else {
                if matches!(next, Target::Context | Target::Id) && (entry.id.is_some() || !entry.strings.is_empty()) {
                    finish(&mut entry, &mut document, source, lines);
                }
                target = next;
                parse_string(rest.trim_start()).map(|(s, verbatim)| match next {
                    Target::Context => entry.context = Some(s),
                    Target::Id => entry.id = Some(s),
                    Target::Str => {
                        let plural = keyword.strip_prefix("msgstr[").and_then(|k| k.strip_suffix(']'));
                        let index = plural.and_then(|n| n.parse().ok());
                        entry.strings.push((index, s, string_at + 1, verbatim));
                    }
                    _ => {}
                })
            }
        };
        if let Err(message) = result {
            let (line, column) = lines.position(source, string_at.min(start + line.len()));
            document.items.push(Item::Error(InputError { line, column, message }));
            entry = Entry::default();
            target = Target::None;
        }
    }
    finish(&mut entry, &mut document, source, lines);
    document
}

/// Appends a continuation string (`at`: offset of its text) to the current keyword's value.
fn continue_string(entry: &mut Entry, target: Target, s: &str, at: usize, verbatim: bool) {
    match target {
        Target::Context => entry.context.get_or_insert_default().push_str(s),
        Target::Id => entry.id.get_or_insert_default().push_str(s),
        Target::Str => {
            if let Some((_, text, start, whole)) = entry.strings.last_mut() {
                if text.is_empty() {
                    // `msgstr ""` then the text: the message starts at its first non-empty string
                    (*start, *whole) = (at, verbatim);
                } else if !s.is_empty() {
                    *whole = false; // over several strings, the text is no longer the file's bytes
                }
                text.push_str(s);
            }
        }
        Target::IdPlural | Target::None => {}
    }
}

/// Pushes the messages of the entry read so far and starts a new one.
fn finish(entry: &mut Entry, document: &mut Document, source: &str, lines: &LineIndex) {
    let entry = std::mem::take(entry);
    let Some(id) = entry.id else { return };
    if id.is_empty() {
        return; // the header
    }
    let key = match &entry.context {
        Some(context) => format!("{context}|{id}"),
        None => id,
    };
    for (index, text, at, verbatim) in entry.strings {
        if text.trim().is_empty() {
            continue;
        }
        let (line, column) = lines.position(source, at);
        let key = Some(match index {
            Some(n) => format!("{key}[{n}]"),
            None => key.clone(),
        });
        let verbatim_at = verbatim.then_some(at);
        document.items.push(Item::Message(Message {
            text,
            line,
            column,
            verbatim_at,
            key,
            ignore: entry.ignore.clone(),
        }));
    }
}

/// A C-style quoted string; returns its value and whether it had no escapes.
fn parse_string(s: &str) -> Result<(String, bool), String> {
    let body = s.strip_prefix('"').ok_or_else(|| "expected a quoted string".to_string())?;
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars();
    let mut verbatim = true;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let rest = chars.as_str().trim();
                return if rest.is_empty() || rest.starts_with('#') {
                    Ok((value, verbatim))
                } else {
                    Err(format!("unexpected text after the string: `{rest}`"))
                };
            }
            '\\' => {
                verbatim = false;
                match chars.next() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => value.push('\r'),
                    Some(c @ ('"' | '\\' | '\'' | '?')) => value.push(c),
                    Some('a') => value.push('\u{7}'),
                    Some('b') => value.push('\u{8}'),
                    Some('f') => value.push('\u{c}'),
                    Some('v') => value.push('\u{b}'),
                    Some(other) => return Err(format!("unknown escape `\\{other}`")),
                    None => return Err("unterminated string".into()),
                }
            }
            c => value.push(c),
        }
    }
    Err("unterminated string".into())
}

#[cfg(test)]
mod tests {
    use crate::source::{Format, ReadOptions, read};

    use super::*;

    #[test]
    fn entries_plurals_and_comments() {
        let source = r#"msgid ""
msgstr ""
"Language: fr\n"

# emotics: ignore length
#: src/promo.js:12
msgctxt "push"
msgid "Sale ends tonight"
msgstr "Fin des soldes ce soir"

msgid "One day left"
msgid_plural "%d days left"
msgstr[0] "Plus qu'un jour"
msgstr[1] ""
"Plus que %d jours"

msgid "Untranslated"
msgstr ""
"#;
        let got = read(Format::Po, source, &ReadOptions::default()).items;
        let got: Vec<(String, String, usize, usize, bool, bool)> = got
            .into_iter()
            .map(|i| match i {
                Item::Message(m) => {
                    (m.key.unwrap(), m.text, m.line, m.column, m.verbatim_at.is_some(), m.ignore.covers("length"))
                }
                Item::Error(e) => panic!("{e}"),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("push|Sale ends tonight".into(), "Fin des soldes ce soir".into(), 9, 9, true, true),
                ("One day left[0]".into(), "Plus qu'un jour".into(), 13, 12, true, false),
                ("One day left[1]".into(), "Plus que %d jours".into(), 15, 2, true, false),
            ]
        );
    }

    #[test]
    fn bad_lines_are_errors_and_reading_goes_on() {
        let source =
            "msgid \"a\"\nmsgstr \"b\\q\"\n\nbogus line\nmsgid \"c\"\nmsgstr \"d\n\nmsgid \"e\"\nmsgstr \"f\"\n";
        let got = read(Format::Po, source, &ReadOptions::default()).items;
        let errors: Vec<(usize, &str)> = got
            .iter()
            .filter_map(|i| match i {
                Item::Error(e) => Some((e.line, e.message.as_str())),
                Item::Message(_) => None,
            })
            .collect();
        assert_eq!(
            errors,
            vec![(2, "unknown escape `\\q`"), (4, "unknown keyword `bogus`"), (6, "unterminated string")]
        );
        assert!(matches!(got.last(), Some(Item::Message(m)) if m.text == "f"));
    }
}
