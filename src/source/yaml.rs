//! YAML i18n trees (Rails, Symfony, i18next): every string leaf, with its key path. Plain
//! scalars that YAML reads as numbers, booleans or null are not messages. A `# emotics: …`
//! comment on a leaf's line or the line above applies to it.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

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

pub fn read(source: &str, bom: usize, field: Option<&str>, lines: &LineIndex) -> Document {
    let mut document = Document::default();
    let comments = comment_markers(source, lines, &mut document.ignore_file);
    let mut parser = Parser::new_from_str(&source[bom..]);
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let (event, marker) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                let (line, column) = lines.position(source, bom + byte_offset(&source[bom..], e.marker().index()));
                let message = format!("invalid YAML: {}", e.info());
                document.items.push(Item::Error(InputError { line, column, message }));
                break;
            }
        };
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, style, _, _) => {
                if let Some(Frame::Map { key, expecting_key: expecting @ true }) = stack.last_mut() {
                    *key = value;
                    *expecting = false;
                    continue;
                }
                if is_string(&value, style) && !value.trim().is_empty() && field_selected(&steps(&stack), field) {
                    let at = bom + byte_offset(&source[bom..], marker.index());
                    let quoted = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
                    let verbatim_at = if quoted { at + 1 } else { at };
                    let (line, column) = lines.position(source, verbatim_at);
                    let mut ignore = Ignore::default();
                    for (at_line, record) in &comments {
                        if *at_line == line || *at_line + 1 == line {
                            ignore.merge(record.clone());
                        }
                    }
                    let key = Some(key_path(&steps(&stack)));
                    let message = Message { text: value, line, column, verbatim_at: Some(verbatim_at), key, ignore };
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

/// The byte offset of character `chars` of `text` (the YAML scanner counts characters).
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i)
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

    #[test]
    fn syntax_errors_keep_what_came_before() {
        let source = "a: Un\nb: [unclosed\n";
        let got = read(Format::Yaml, source, &ReadOptions::default()).items;
        assert!(matches!(&got[0], Item::Message(m) if m.text == "Un"));
        assert!(matches!(got.last(), Some(Item::Error(e)) if e.line == 3 && e.message.starts_with("invalid YAML")));
    }
}
