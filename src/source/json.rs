//! JSON (comments and trailing commas allowed, as in i18n files) and JSON Lines. Messages are
//! string leaves with their key path (`home.hero.title`, `items[2].text`).

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

use super::encode::Quoting;
use super::map::{SourceMap, Step};
use super::{
    Document, Ignore, InputError, Item, LineIndex, Message, PathStep, apply_markers, field_selected, key_path,
    parse_marker,
};

/// Deeper documents are refused before parsing (the parser recurses).
const MAX_DEPTH: usize = 128;

/// A whole JSON document: every string leaf, or those whose path ends with `field`.
pub fn read_document(
    source: &str,
    bom: usize,
    field: Option<&str>,
    record_fields: &[String],
    lines: &LineIndex,
) -> Document {
    let mut document = Document::default();
    let mut comments = CommentMarkers::default();
    let selected = Selected { field, record_fields };
    read_value(source, bom, source.len(), selected, lines, &mut document, Some(&mut comments));
    for item in &mut document.items {
        if let Item::Message(m) = item {
            m.ignore.merge(comments.for_line(m.line));
        }
    }
    document.ignore_file.merge(std::mem::take(&mut comments.file));
    document
}

/// JSON Lines: one value per line (blank lines skipped); a bad line is an error item and
/// the next line is read.
pub fn read_lines(source: &str, bom: usize, field: &str, record_fields: &[String], lines: &LineIndex) -> Document {
    let mut document = Document::default();
    let mut offset = bom;
    for raw in source[bom..].split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let end = start + raw.trim_end_matches(['\n', '\r']).len();
        if source[start..end].trim().is_empty() {
            continue;
        }
        let before = document.items.len();
        let selected = Selected { field: Some(field), record_fields };
        read_value(source, start, end, selected, lines, &mut document, None);
        if document.items.len() == before {
            let (line, column) = lines.position(source, start);
            let message = format!("no string field `{field}`");
            document.items.push(Item::Error(InputError { line, column, message }));
        }
    }
    document
}

/// What is read of a value: the string leaves under `field` (every one without it), and the
/// fields of the objects around them named in `record_fields`.
#[derive(Clone, Copy)]
struct Selected<'a> {
    field: Option<&'a str>,
    record_fields: &'a [String],
}

/// Parses `source[start..end]` and pushes its messages (or its error) to `document`.
fn read_value(
    source: &str,
    start: usize,
    end: usize,
    selected: Selected,
    lines: &LineIndex,
    document: &mut Document,
    comments: Option<&mut CommentMarkers>,
) {
    let text = &source[start..end];
    if let Some(at) = too_deep(text) {
        let (line, column) = lines.position(source, start + at);
        let message = format!("nested deeper than {MAX_DEPTH} levels");
        document.items.push(Item::Error(InputError { line, column, message }));
        return;
    }
    let collect = CollectOptions {
        comments: if comments.is_some() { CommentCollectionStrategy::Separate } else { CommentCollectionStrategy::Off },
        tokens: false,
    };
    let parsed = match parse_to_ast(text, &collect, &ParseOptions::default()) {
        Ok(parsed) => parsed,
        Err(e) => {
            let (line, column) = lines.position(source, start + e.range().start);
            document.items.push(Item::Error(InputError {
                line,
                column,
                message: format!("invalid JSON: {}", e.kind()),
            }));
            return;
        }
    };
    if let (Some(markers), Some(map)) = (comments, &parsed.comments) {
        for comment in map.values().flat_map(|list| list.iter()) {
            let range = match comment {
                jsonc_parser::ast::Comment::Line(c) => c.range,
                jsonc_parser::ast::Comment::Block(c) => c.range,
            };
            markers.add(lines.position(source, start + range.end).0, comment.text());
        }
    }
    if let Some(value) = &parsed.value {
        let mut walker = Walker { source, start, selected, lines, document, path: Vec::new() };
        walker.value(value, Ignore::default(), &[]);
    }
}

/// Where the nesting first exceeds [`MAX_DEPTH`] (brackets outside strings), if it does.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, None, false);
    for (i, b) in text.bytes().enumerate() {
        match (in_string, b) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(quote), b) if b == quote => in_string = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => in_string = Some(b),
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A step of a key path.
enum KeyStep {
    Key(String),
    Index(usize),
}

struct Walker<'s, 'd> {
    source: &'s str,
    start: usize,
    selected: Selected<'s>,
    lines: &'s LineIndex,
    document: &'d mut Document,
    path: Vec<KeyStep>,
}

impl<'s> Walker<'s, '_> {
    /// Walks `value`; `fields` are the kept fields of the objects around it.
    fn value(&mut self, value: &Value<'s>, ignore: Ignore, fields: &[(String, String)]) {
        match value {
            Value::StringLit(s) => self.leaf(&s.value, s.range.start, ignore, fields),
            Value::Object(object) => {
                // a sibling string field carrying a marker applies to the object's leaves
                let mut inherited = ignore;
                for property in &object.properties {
                    if let Value::StringLit(s) = &property.value {
                        apply_markers(&s.value, &mut inherited, &mut self.document.ignore_file);
                    }
                }
                // a record's fields (`canal`) apply to the object's leaves; inner ones win
                let mut fields = fields.to_vec();
                let is_record_field =
                    |key: &str| self.selected.record_fields.iter().any(|f| f.eq_ignore_ascii_case(key));
                for property in &object.properties {
                    let key = property_name(&property.name);
                    if !is_record_field(key) {
                        continue;
                    }
                    let value = match &property.value {
                        Value::StringLit(s) => s.value.to_string(),
                        Value::NumberLit(n) => n.value.to_string(),
                        Value::BooleanLit(b) => b.value.to_string(),
                        _ => continue,
                    };
                    fields.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
                    fields.push((key.to_string(), value));
                }
                for property in &object.properties {
                    let key = property_name(&property.name);
                    if is_record_field(key) {
                        continue; // what a record is (`canal`), not its copy
                    }
                    self.path.push(KeyStep::Key(key.to_string()));
                    self.value(&property.value, inherited.clone(), &fields);
                    self.path.pop();
                }
            }
            Value::Array(array) => {
                for (i, element) in array.elements.iter().enumerate() {
                    self.path.push(KeyStep::Index(i));
                    self.value(element, ignore.clone(), fields);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    fn leaf(&mut self, text: &str, quote: usize, ignore: Ignore, fields: &[(String, String)]) {
        if text.trim().is_empty() || parse_marker(text).is_some() || !field_selected(&self.steps(), self.selected.field)
        {
            return;
        }
        let quote = self.start + quote;
        let closing = self.source[quote..].chars().next().unwrap_or('"');
        let map = SourceMap::decode(self.source, quote + 1, text, |rest, _| string_step(rest, closing))
            .map(|map| map.with_quoting(Quoting::Json(closing)));
        let first = map.as_ref().map_or(quote + 1, |map| map.source_range(0..0).start);
        let (line, column) = self.lines.position(self.source, first);
        self.document.items.push(Item::Message(Message {
            text: text.to_string(),
            line,
            column,
            map,
            key: Some(key_path(&self.steps())),
            ignore,
            fields: fields.to_vec(),
        }));
    }

    /// The current path as the shared key-path steps.
    fn steps(&self) -> Vec<PathStep<'_>> {
        self.path
            .iter()
            .map(|s| match s {
                KeyStep::Key(k) => PathStep::Key(k),
                KeyStep::Index(i) => PathStep::Index(*i),
            })
            .collect()
    }
}

fn property_name<'a>(name: &'a ObjectPropName) -> &'a str {
    match name {
        ObjectPropName::String(s) => s.value.as_ref(),
        ObjectPropName::Word(w) => w.value,
    }
}

/// A character of a JSON (or JSON5) string closed by `quote`: itself, or an escape.
fn string_step(rest: &str, quote: char) -> Step {
    let Some(escape) = rest.strip_prefix('\\') else {
        return if rest.starts_with(quote) { Step::Stop } else { SourceMap::itself(rest) };
    };
    let Some(kind) = escape.chars().next() else { return Step::Stop };
    let hex = |digits: &str| u32::from_str_radix(digits, 16).ok();
    let c = match kind {
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        '0' => '\0',
        '\n' => return Step::Skip(2),
        '\r' => return Step::Skip(if escape[1..].starts_with('\n') { 3 } else { 2 }),
        'x' => match escape.get(1..3).and_then(hex).and_then(char::from_u32) {
            Some(c) => return Step::Char(c, 4),
            None => return Step::Stop,
        },
        'u' => {
            let Some(high) = escape.get(1..5).and_then(hex) else { return Step::Stop };
            // a surrogate pair is one character written in two escapes
            let low = escape.get(5..7).filter(|s| *s == "\\u").and(escape.get(7..11)).and_then(hex);
            return match (char::from_u32(high), low) {
                (Some(c), _) => Step::Char(c, 6),
                (None, Some(low)) if (0xD800..0xDC00).contains(&high) && (0xDC00..0xE000).contains(&low) => {
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                        .map_or(Step::Stop, |c| Step::Char(c, 12))
                }
                _ => Step::Stop,
            };
        }
        other => other,
    };
    Step::Char(c, 1 + kind.len_utf8())
}

/// Markers found in comments, by the line they end on: a comment applies to a leaf on its
/// own line (trailing) or on the next line (above).
#[derive(Default)]
struct CommentMarkers {
    by_line: Vec<(usize, Ignore)>,
    file: Ignore,
}

impl CommentMarkers {
    fn add(&mut self, line: usize, comment: &str) {
        let mut record = Ignore::default();
        if apply_markers(comment, &mut record, &mut self.file) && !record.is_empty() {
            self.by_line.push((line, record));
        }
    }

    fn for_line(&self, line: usize) -> Ignore {
        let mut ignore = Ignore::default();
        for (at, record) in &self.by_line {
            if *at == line || *at + 1 == line {
                ignore.merge(record.clone());
            }
        }
        ignore
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{Format, ReadOptions, read};

    use super::*;

    fn messages(format: Format, source: &str, field: Option<&str>) -> Vec<Item> {
        let options = ReadOptions { field: field.map(str::to_string), ..ReadOptions::default() };
        read(format, source, &options).items
    }

    #[test]
    fn i18n_tree_with_paths_and_comments() {
        let source = "{\n  // emotics: ignore length\n  \"home\": {\"title\": \"Soldes !\", \"n\": 3},\n  \"list\": [\"a\\n\", \"b\"]\n}";
        let got = messages(Format::Json, source, None);
        let keys: Vec<(String, usize, usize, bool)> = got
            .iter()
            .map(|i| match i {
                Item::Message(m) => (m.key.clone().unwrap(), m.line, m.column, m.ignore.covers("length")),
                Item::Error(e) => panic!("{e}"),
            })
            .collect();
        assert_eq!(
            keys,
            vec![
                ("home.title".into(), 3, 22, true),
                ("list[0]".into(), 4, 13, false),
                ("list[1]".into(), 4, 20, false)
            ]
        );
        assert!(matches!(&got[1], Item::Message(m) if m.text == "a\n" && m.map.is_some()));
    }

    #[test]
    fn jsonl_keeps_going_after_a_bad_line() {
        let source = "{\"id\": 1, \"text\": \"Un\"}\n{oops\n\n{\"id\": 3}\n{\"text\": \"Trois\", \"lint\": \"emotics: ignore\"}\n";
        let got = messages(Format::Jsonl, source, None);
        assert!(matches!(&got[0], Item::Message(m) if m.text == "Un" && m.line == 1));
        assert!(matches!(&got[1], Item::Error(e) if e.line == 2 && e.message.starts_with("invalid JSON")));
        assert!(matches!(&got[2], Item::Error(e) if e.line == 4 && e.message.contains("`text`")));
        assert!(matches!(&got[3], Item::Message(m) if m.text == "Trois" && m.ignore.all));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let source = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let got = messages(Format::Json, &source, None);
        assert!(matches!(&got[0], Item::Error(e) if e.message.contains("nested deeper")));
    }

    #[test]
    fn field_selects_leaves() {
        let source = "[{\"id\": \"a\", \"text\": \"Un\"}, {\"push\": {\"text\": \"Deux\"}}]";
        let got = messages(Format::Json, source, Some("text"));
        assert_eq!(got.len(), 2);
        let got = messages(Format::Json, source, Some("push.text"));
        assert!(
            matches!(&got[..], [Item::Message(m)] if m.text == "Deux" && m.key.as_deref() == Some("[1].push.text"))
        );
    }
}
