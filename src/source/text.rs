//! Plain text: one message per line, or per blank-line-separated block. A line of the form
//! `# emotics: ignore …` is a directive for the next message, not a message (a hashtag
//! line such as `#soldes` stays a message).

use super::map::{SourceMap, Step};
use super::{Document, Ignore, Item, LineIndex, Message, TextMode, apply_markers, parse_marker};

pub fn read(source: &str, bom: usize, mode: TextMode, lines: &LineIndex) -> Document {
    let mut document = Document::default();
    let mut pending = Ignore::default();
    // the block being gathered: its start and end byte offsets
    let mut block: Option<(usize, usize)> = None;
    let mut offset = bom;
    for raw in source[bom..].split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let directive = line.trim_start().starts_with('#') && parse_marker(line).is_some();
        if directive {
            apply_markers(line, &mut pending, &mut document.ignore_file);
            continue;
        }
        if line.trim().is_empty() {
            if let Some(b) = block.take() {
                push(&mut document, source, b, std::mem::take(&mut pending), lines);
            }
            continue;
        }
        match mode {
            TextMode::Lines => {
                push(&mut document, source, (start, start + line.len()), std::mem::take(&mut pending), lines)
            }
            TextMode::Blocks => match &mut block {
                Some(b) => b.1 = start + line.len(),
                None => block = Some((start, start + line.len())),
            },
        }
    }
    if let Some(b) = block.take() {
        push(&mut document, source, b, pending, lines);
    }
    document
}

fn push(document: &mut Document, source: &str, (start, end): (usize, usize), ignore: Ignore, lines: &LineIndex) {
    let text = source[start..end].replace("\r\n", "\n");
    let (line, column) = lines.position(source, start);
    // a block keeps `\n` between its lines, written CR LF in such files
    let map = SourceMap::decode(source, start, &text, |rest, _| {
        if rest.starts_with("\r\n") { Step::Char('\n', 2) } else { SourceMap::itself(rest) }
    });
    document.items.push(Item::Message(Message { text, line, column, map, key: None, ignore, fields: Vec::new() }));
}

#[cfg(test)]
mod tests {
    use crate::source::{Format, ReadOptions, read};

    use super::*;

    fn messages(source: &str, mode: TextMode) -> Vec<(String, usize, bool)> {
        let options = ReadOptions { text_mode: mode, ..ReadOptions::default() };
        read(Format::Text, source, &options)
            .items
            .into_iter()
            .map(|item| match item {
                Item::Message(m) => (m.text, m.line, m.ignore.all),
                Item::Error(e) => panic!("{e}"),
            })
            .collect()
    }

    #[test]
    fn lines_skip_blanks_and_directives() {
        let source = "\u{FEFF}Soldes !\r\n\n# emotics: ignore\n#soldes d'hiver\n";
        assert_eq!(
            messages(source, TextMode::Lines),
            vec![("Soldes !".into(), 1, false), ("#soldes d'hiver".into(), 4, true)]
        );
    }

    #[test]
    fn blocks_join_lines() {
        let source = "Un\ndeux\n\n\ntrois\n";
        assert_eq!(messages(source, TextMode::Blocks), vec![("Un\ndeux".into(), 1, false), ("trois".into(), 5, false)]);
    }
}
