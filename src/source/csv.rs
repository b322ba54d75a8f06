//! CSV and TSV with a header row (RFC 4180 quoting, multi-line quoted cells). The separator
//! is given, or guessed from the header: French spreadsheet exports use `;`. Other cells of a
//! row may carry an `emotics: ignore …` marker for it.

use super::{Document, Ignore, InputError, Item, LineIndex, Message, ReadOptions, apply_markers};

/// Header names taken as the message column when none is given, in order of preference.
const MESSAGE_COLUMNS: [&str; 14] = [
    "text", "message", "texte", "copy", "wording", "contenu", "content", "body", "libellé", "libelle", "sms", "tweet",
    "post", "headline",
];

pub fn read(source: &str, bom: usize, options: &ReadOptions, forced: Option<u8>, lines: &LineIndex) -> Document {
    let mut document = Document::default();
    let body = &source[bom..];
    let delimiter = options.delimiter.or(forced).unwrap_or_else(|| sniff_delimiter(body.as_bytes()));
    let mut reader =
        ::csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(body.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => {
            document.items.push(Item::Error(csv_error(source, bom, &e, lines)));
            return document;
        }
        None => return document,
    };
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    let column = match find_column(&names, options.column.as_deref()) {
        Ok(column) => column,
        Err(message) => {
            document.items.push(Item::Error(InputError { line: 1, column: 1, message }));
            return document;
        }
    };
    let name = names[column].to_string();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                document.items.push(Item::Error(csv_error(source, bom, &e, lines)));
                continue;
            }
        };
        let mut start = bom + record.position().map_or(0, |p| p.byte() as usize);
        // after CR LF the reader's position is the LF: the record starts past the line end
        while matches!(source.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let Some(text) = record.get(column) else {
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue; // a blank line
            }
            let (line, col) = lines.position(source, start);
            let message = format!("row has {} field(s); column `{name}` is field {}", record.len(), column + 1);
            document.items.push(Item::Error(InputError { line, column: col, message }));
            continue;
        };
        let mut ignore = Ignore::default();
        for (i, cell) in record.iter().enumerate() {
            if i != column {
                apply_markers(cell, &mut ignore, &mut document.ignore_file);
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        let cell = cell_start(source.as_bytes(), start, column, delimiter);
        let (line, col) = lines.position(source, cell);
        document.items.push(Item::Message(Message {
            text: text.to_string(),
            line,
            column: col,
            verbatim_at: Some(cell),
            key: Some(name.clone()),
            ignore,
        }));
    }
    document
}

fn csv_error(source: &str, bom: usize, error: &::csv::Error, lines: &LineIndex) -> InputError {
    let offset = error.position().map_or(bom, |p| bom + p.byte() as usize);
    let (line, column) = lines.position(source, offset);
    InputError { line, column, message: format!("unreadable CSV record: {error}") }
}

/// The message column: the one named (case-insensitively), or the first with a usual name.
fn find_column(names: &[&str], wanted: Option<&str>) -> Result<usize, String> {
    let position =
        |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted) || n.to_lowercase() == wanted);
    let found = match wanted {
        Some(wanted) => position(wanted),
        None => MESSAGE_COLUMNS.iter().find_map(|c| position(c)),
    };
    found.ok_or_else(|| {
        let known = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        match wanted {
            Some(wanted) => format!("no column `{wanted}` in the header (columns: {known})"),
            None => format!(
                "no message column found (columns: {known}); name one with --column or `column` in emotics.toml"
            ),
        }
    })
}

/// The most frequent of `,` `;` and tab in the header row (outside quotes); `,` on a tie.
fn sniff_delimiter(body: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in body {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(c) = counts.iter_mut().find(|c| c.0 == b) {
                    c.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().rev().max_by_key(|c| c.1).map_or(b',', |c| if c.1 == 0 { b',' } else { c.0 })
}

/// Byte offset of the text of field `column` of the record starting at `start` (past the
/// opening quote of a quoted field).
fn cell_start(source: &[u8], start: usize, column: usize, delimiter: u8) -> usize {
    let mut field = 0;
    let mut quoted = false;
    let mut field_start = start;
    let mut i = start;
    while i < source.len() && field < column {
        match source[i] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => {
                field += 1;
                field_start = i + 1;
            }
            b'\n' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    if source.get(field_start) == Some(&b'"') { field_start + 1 } else { field_start }
}

#[cfg(test)]
mod tests {
    use crate::source::{Format, ReadOptions, read};

    use super::*;

    fn items(source: &str, options: &ReadOptions) -> Vec<Item> {
        read(Format::Csv, source, options).items
    }

    #[test]
    fn semicolons_quotes_and_multiline_cells() {
        let source =
            "\u{FEFF}id;canal;message\n1;sms;\"Bonjour\n« ici »\"\n2;x;\"Il a dit \"\"oui\"\"\"\n3;push;Vite !\n";
        let got = items(source, &ReadOptions::default());
        let Item::Message(first) = &got[0] else { panic!() };
        assert_eq!((first.text.as_str(), first.line, first.column), ("Bonjour\n« ici »", 2, 8));
        assert_eq!(first.key.as_deref(), Some("message"));
        let Item::Message(second) = &got[1] else { panic!() };
        assert_eq!((second.text.as_str(), second.line, second.verbatim_at), ("Il a dit \"oui\"", 4, None));
        let Item::Message(third) = &got[2] else { panic!() };
        assert_eq!((third.line, third.column), (5, 8));
        assert_eq!(&source[third.verbatim_at.unwrap()..][..6], "Vite !");
    }

    #[test]
    fn short_rows_are_errors_and_markers_ignore() {
        let source = "text,note\nSoldes,emotics: ignore length\nonly\n\n,\n";
        let options = ReadOptions { column: Some("note".into()), ..ReadOptions::default() };
        let got = items(source, &options);
        assert!(matches!(&got[0], Item::Message(m) if m.text == "emotics: ignore length"));
        assert!(matches!(&got[1], Item::Error(e) if e.line == 3 && e.message.contains("column `note` is field 2")));
        let got = items(source, &ReadOptions::default());
        assert!(matches!(&got[0], Item::Message(m) if m.ignore.covers("length") && !m.ignore.covers("shouting")));
    }

    #[test]
    fn missing_column_lists_the_header() {
        let got = items("a,b\n1,2\n", &ReadOptions::default());
        assert!(matches!(&got[0], Item::Error(e) if e.message.contains("`a`, `b`")));
    }
}
