//! gettext PO catalogues: every non-empty `msgstr` (each plural form on its own), keyed by its
//! `msgid` (and `msgctxt`). The header entry (empty `msgid`) is not a message; a translator
//! comment `# emotics: ignore …` applies to its entry.

use super::encode::Quoting;
use super::map::SourceMap;
use super::{Document, Ignore, InputError, Item, LineIndex, Message, apply_markers};

/// The entry being read.
#[derive(Default)]
struct Entry {
    context: Option<String>,
    id: Option<String>,
    ignore: Ignore,
    /// Translations: index for plurals, text, and where its characters are in the file.
    strings: Vec<(Option<usize>, String, SourceMap)>,
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
            continue_string(&mut entry, target, source, string_at)
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
                match next {
                    Target::Context => entry.context = Some(String::new()),
                    Target::Id => entry.id = Some(String::new()),
                    Target::Str => {
                        let plural = keyword.strip_prefix("msgstr[").and_then(|k| k.strip_suffix(']'));
                        let index = plural.and_then(|n| n.parse().ok());
                        entry.strings.push((index, String::new(), SourceMap::default()));
                    }
                    _ => {}
                }
                continue_string(&mut entry, target, source, string_at)
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

/// Appends the string at byte `at` of `source` to the current keyword's value.
fn continue_string(entry: &mut Entry, target: Target, source: &str, at: usize) -> Result<(), String> {
    let mut unused = (String::new(), SourceMap::default());
    let (value, map) = match target {
        Target::Context => (entry.context.get_or_insert_default(), &mut unused.1),
        Target::Id => (entry.id.get_or_insert_default(), &mut unused.1),
        Target::Str => match entry.strings.last_mut() {
            Some((_, text, map)) => (text, map),
            None => (&mut unused.0, &mut unused.1),
        },
        Target::IdPlural | Target::None => (&mut unused.0, &mut unused.1),
    };
    parse_string(source, at, value, map)
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
    for (index, text, map) in entry.strings {
        if text.trim().is_empty() {
            continue;
        }
        let (line, column) = lines.position(source, map.source_range(0..0).start);
        let key = Some(match index {
            Some(n) => format!("{key}[{n}]"),
            None => key.clone(),
        });
        document.items.push(Item::Message(Message {
            text,
            line,
            column,
            map: Some(map.with_quoting(Quoting::Po)),
            key,
            ignore: entry.ignore.clone(),
            fields: Vec::new(),
        }));
    }
}

/// Appends the C-style quoted string at byte `at` of `source` (up to the end of its line) to
/// `value`, and where each of its characters is to `map`.
fn parse_string(source: &str, at: usize, value: &mut String, map: &mut SourceMap) -> Result<(), String> {
    let line = &source[at..source[at..].find('\n').map_or(source.len(), |end| at + end)];
    let body = line.strip_prefix('"').ok_or_else(|| "expected a quoted string".to_string())?;
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        let from = at + 1 + i;
        match c {
            '"' => {
                let rest = chars.as_str().trim();
                return if rest.is_empty() || rest.starts_with('#') {
                    Ok(())
                } else {
                    Err(format!("unexpected text after the string: `{rest}`"))
                };
            }
            '\\' => {
                let c = match chars.next().map(|(_, c)| c) {
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some('r') => '\r',
                    Some(c @ ('"' | '\\' | '\'' | '?')) => c,
                    Some('a') => '\u{7}',
                    Some('b') => '\u{8}',
                    Some('f') => '\u{c}',
                    Some('v') => '\u{b}',
                    Some(other) => return Err(format!("unknown escape `\\{other}`")),
                    None => return Err("unterminated string".into()),
                };
                map.push_written(value.len(), from..from + 2);
                value.push(c);
            }
            c => {
                map.push_verbatim(value.len(), from..from + c.len_utf8());
                value.push(c);
            }
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
                    (m.key.unwrap(), m.text, m.line, m.column, m.map.is_some(), m.ignore.covers("length"))
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
