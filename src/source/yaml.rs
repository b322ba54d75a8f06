//! YAML i18n trees (Rails, Symfony, i18next): every string leaf, with its key path. Plain
//! scalars that YAML reads as numbers, booleans or null are not messages. A `# emotics: …`
//! comment on a leaf's line or the line above applies to it.
//!
//! Positions come from the scanner's line and column, never from its index: yaml-rust2
//! counts that index in characters but adds block scalars' lines in bytes, so every
//! position after an accented block scalar drifted. A leaf's characters are then followed
//! through its quotes, escapes, indentation and folded lines to the file's bytes.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::encode::Quoting;
use super::map::{SourceMap, Step};
use super::{
    Document, Ignore, InputError, Item, LineIndex, Message, PathStep, apply_markers, field_selected, key_path,
};

enum Frame {
    /// A mapping: the current key, and whether the next scalar is a key.
    Map {
        key: String,
        expecting_key: bool,
    },
    Sequence {
        index: usize,
    },
}

/// Deeper trees are refused, as in JSON.
const MAX_DEPTH: usize = 128;

pub fn read(source: &str, bom: usize, field: Option<&str>, lines: &LineIndex) -> Document {
    let mut document = Document::default();
    let comments = comment_markers(source, lines, &mut document.ignore_file);
    let mut yaml_lines = YamlLines::new(source, bom);
    let mut parser = Parser::new_from_str(&source[bom..]);
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let (event, marker) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                let (line, column) = lines.position(source, yaml_lines.offset(source, e.marker()));
                let message = format!("invalid YAML: {}", e.info());
                document.items.push(Item::Error(InputError { line, column, message }));
                break;
            }
        };
        if matches!(event, Event::MappingStart(..) | Event::SequenceStart(..)) && stack.len() == MAX_DEPTH {
            let (line, column) = lines.position(source, yaml_lines.offset(source, &marker));
            let message = format!("nested deeper than {MAX_DEPTH} levels");
            document.items.push(Item::Error(InputError { line, column, message }));
            break;
        }
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, style, _, _) => {
                if let Some(Frame::Map { key, expecting_key: expecting @ true }) = stack.last_mut() {
                    *key = value;
                    *expecting = false;
                    continue;
                }
                if is_string(&value, style) && !value.trim().is_empty() && field_selected(&steps(&stack), field) {
                    let at = yaml_lines.offset(source, &marker);
                    let map = scalar_map(source, at, style, &value);
                    let first = map.as_ref().map_or(at, |map| map.source_range(0..0).start);
                    let (line, column) = lines.position(source, first);
                    let mut ignore = Ignore::default();
                    for (at_line, record) in &comments {
                        if *at_line == line || *at_line + 1 == line {
                            ignore.merge(record.clone());
                        }
                    }
                    let key = Some(key_path(&steps(&stack)));
                    let message = Message { text: value, line, column, map, key, ignore, fields: Vec::new() };
                    document.items.push(Item::Message(message));
                }
                value_done(&mut stack);
            }
            Event::Alias(_) => value_done(&mut stack),
            Event::MappingStart(..) => stack.push(Frame::Map { key: String::new(), expecting_key: true }),
            Event::SequenceStart(..) => stack.push(Frame::Sequence { index: 0 }),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                value_done(&mut stack);
            }
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => {}
        }
    }
    document
}

/// Where YAML's lines start: after LF, CR LF, and a lone CR (a line break in YAML, not in
/// emotics' line index).
struct YamlLines {
    starts: Vec<usize>,
    /// The last position found (line, column, offset): the next one on the same line is
    /// counted from there, so that a long flow line costs its length once.
    last: (usize, usize, usize),
}

impl YamlLines {
    fn new(source: &str, bom: usize) -> YamlLines {
        let bytes = source.as_bytes();
        let mut starts = vec![bom];
        for (i, &b) in bytes.iter().enumerate().skip(bom) {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        YamlLines { starts, last: (0, 0, 0) }
    }

    /// The byte offset of a scanner position (1-based line, 0-based column in characters),
    /// kept within its line.
    fn offset(&mut self, source: &str, marker: &Marker) -> usize {
        let (line, column) = (marker.line(), marker.col());
        let Some(&start) = line.checked_sub(1).and_then(|i| self.starts.get(i)) else {
            return source.len();
        };
        let (mut at, mut counted) = (start, 0);
        if self.last.0 == line && self.last.1 <= column {
            (counted, at) = (self.last.1, self.last.2);
        }
        for c in source[at..].chars().take(column - counted) {
            if c == '\r' || c == '\n' {
                break;
            }
            at += c.len_utf8();
            counted += 1;
        }
        self.last = (line, counted, at);
        at
    }
}

/// Where the characters of a scalar starting at byte `at` (its quote, its `|`/`>` header or
/// its first character) are in the file.
fn scalar_map(source: &str, at: usize, style: TScalarStyle, value: &str) -> Option<SourceMap> {
    let rest = source.get(at..)?;
    let from = match style {
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => at + 1,
        // the header line (`|-`, `>2 # comment`) is not part of the text
        TScalarStyle::Literal | TScalarStyle::Folded if rest.starts_with(['|', '>']) => {
            at + rest.find('\n').map_or(rest.len(), |end| end + 1)
        }
        _ => at,
    };
    let quoting = match style {
        TScalarStyle::SingleQuoted => Quoting::YamlSingle,
        TScalarStyle::DoubleQuoted => Quoting::YamlDouble,
        TScalarStyle::Literal | TScalarStyle::Folded => Quoting::YamlBlock,
        _ => Quoting::YamlPlain,
    };
    SourceMap::decode(source, from, value, |rest, expected| match style {
        TScalarStyle::DoubleQuoted if rest.starts_with('\\') => escape(rest),
        TScalarStyle::DoubleQuoted if rest.starts_with('"') => Step::Stop,
        TScalarStyle::SingleQuoted if rest.starts_with("''") => Step::Char('\'', 2),
        TScalarStyle::SingleQuoted if rest.starts_with('\'') => Step::Stop,
        _ => folded(rest, expected),
    })
    .map(|map| map.with_quoting(quoting))
}

/// A character outside escapes: itself; a line break folded into a space or a newline; or
/// indentation and line breaks that the scalar leaves out.
fn folded(rest: &str, expected: char) -> Step {
    let line_break = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with(['\r', '\n'])) };
    if rest.starts_with(expected) && line_break != 2 {
        Step::Char(expected, expected.len_utf8())
    } else if line_break > 0 && matches!(expected, ' ' | '\n') {
        Step::Char(expected, line_break)
    } else if line_break > 0 {
        Step::Skip(line_break)
    } else if rest.starts_with([' ', '\t']) {
        Step::Skip(1)
    } else {
        Step::Stop
    }
}

/// An escape of a double-quoted scalar (`\n`, `\u00e9`, `\` before a line break…).
fn escape(rest: &str) -> Step {
    let Some(kind) = rest[1..].chars().next() else { return Step::Stop };
    let hex = |digits: usize| {
        rest.get(2..2 + digits)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .map_or(Step::Stop, |c| Step::Char(c, 2 + digits))
    };
    let c = match kind {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' => return hex(2),
        'u' => return hex(4),
        'U' => return hex(8),
        '\r' if rest[2..].starts_with('\n') => return Step::Skip(3),
        '\r' | '\n' => return Step::Skip(2),
        other => other,
    };
    Step::Char(c, 1 + kind.len_utf8())
}

/// After a value: a mapping expects its next key, a sequence its next index.
fn value_done(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { expecting_key, .. }) => *expecting_key = true,
        Some(Frame::Sequence { index }) => *index += 1,
        None => {}
    }
}

fn is_string(value: &str, style: TScalarStyle) -> bool {
    if style != TScalarStyle::Plain {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    let keyword = matches!(lower.as_str(), "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off");
    !keyword && value.parse::<f64>().is_err()
}

/// The stack as the shared key-path steps.
fn steps(stack: &[Frame]) -> Vec<PathStep<'_>> {
    stack
        .iter()
        .map(|f| match f {
            Frame::Map { key, .. } => PathStep::Key(key),
            Frame::Sequence { index } => PathStep::Index(*index),
        })
        .collect()
}

/// `# emotics: …` comments by line (a `#` that starts the line or follows a space).
fn comment_markers(source: &str, lines: &LineIndex, file: &mut Ignore) -> Vec<(usize, Ignore)> {
    let mut markers = Vec::new();
    for line in 1..=lines.line_count() {
        let text = &source[lines.line_range(line, source)];
        if !text.contains("emotics:") {
            continue;
        }
        let comment = text.match_indices('#').find(|&(i, _)| i == 0 || text[..i].ends_with([' ', '\t']));
        if let Some((at, _)) = comment {
            let mut record = Ignore::default();
            if apply_markers(&text[at..], &mut record, file) && !record.is_empty() {
                markers.push((line, record));
            }
        }
    }
    markers
}

#[cfg(test)]
mod tests {
    use crate::source::{Format, ReadOptions, read};

    use super::*;

    #[test]
    fn leaves_with_key_paths() {
        let source = "fr:\n  promo:\n    titre: \"Soldes d'été !\"\n    count: 3\n    # emotics: ignore shouting\n    lignes:\n      - Vite\n      - 'Déjà là'\n  ok: true\n  bloc: |\n    Un\n    Deux\n";
        let got = read(Format::Yaml, source, &ReadOptions::default()).items;
        let got: Vec<(String, String, usize, usize, bool)> = got
            .into_iter()
            .map(|i| match i {
                Item::Message(m) => (m.key.unwrap(), m.text, m.line, m.column, m.ignore.covers("shouting")),
                Item::Error(e) => panic!("{e}"),
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("fr.promo.titre".into(), "Soldes d'été !".into(), 3, 13, false),
                ("fr.promo.lignes[0]".into(), "Vite".into(), 7, 9, false),
                ("fr.promo.lignes[1]".into(), "Déjà là".into(), 8, 10, false),
                ("fr.bloc".into(), "Un\nDeux\n".into(), 11, 5, false),
            ]
        );
    }

    #[test]
    fn comment_above_applies() {
        let source = "a:\n  # emotics: ignore shouting\n  b: VITE\n";
        let got = read(Format::Yaml, source, &ReadOptions::default()).items;
        assert!(matches!(&got[..], [Item::Message(m)] if m.ignore.covers("shouting") && m.line == 3));
    }

    /// The README promises an `input` error for nesting deeper than 128 levels, as in JSON.
    #[test]
    fn deep_nesting_is_an_error_at_its_place() {
        let flow = format!("a: Un\nb: {}{}\n", "[".repeat(200), "]".repeat(200));
        let got = read(Format::Yaml, &flow, &ReadOptions::default()).items;
        assert!(matches!(&got[0], Item::Message(m) if m.text == "Un"));
        let error = |items: &[Item]| match items.last() {
            Some(Item::Error(e)) => (e.line, e.column, e.message.clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(error(&got), (2, 4 + 127, "nested deeper than 128 levels".to_string()));
        let block: String = (0..130).map(|depth| format!("{}k:\n", " ".repeat(depth))).collect();
        let got = read(Format::Yaml, &block, &ReadOptions::default()).items;
        assert_eq!(error(&got).0, 129, "{got:?}");
    }

    #[test]
    fn syntax_errors_keep_what_came_before() {
        let source = "a: Un\nb: [unclosed\n";
        let got = read(Format::Yaml, source, &ReadOptions::default()).items;
        assert!(matches!(&got[0], Item::Message(m) if m.text == "Un"));
        assert!(matches!(got.last(), Some(Item::Error(e)) if e.line == 3 && e.message.starts_with("invalid YAML")));
    }
}
