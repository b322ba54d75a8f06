//! CSV and TSV with a header row (RFC 4180 quoting, multi-line quoted cells). The separator
//! is given, or guessed from the header: French spreadsheet exports use `;`. Other cells of a
//! row may carry an `emotics: ignore …` marker for it. A quote that is never closed would
//! take the rest of the file into one cell: it is an error where it opened, and reading
//! resumes at the next line.

use super::encode::Quoting;
use super::map::{SourceMap, Step};
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
    let mut header = None;
    let mut from = bom;
    while from < source.len() {
        from = read_from(source, from, delimiter, options, &mut header, lines, &mut document);
    }
    document
}

/// The header's message column and its name, and the columns of
/// [`ReadOptions::record_fields`] it has (index, name).
type Header = (usize, String, Vec<(usize, String)>);

/// Reads the records from byte `from` on (the header first, when `header` is not read yet)
/// until the end, or until a quote that is never closed: then reports it and returns where
/// reading resumes (the line after the quote's), else the end of the source.
fn read_from(
    source: &str,
    from: usize,
    delimiter: u8,
    options: &ReadOptions,
    header: &mut Option<Header>,
    lines: &LineIndex,
    document: &mut Document,
) -> usize {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(&source.as_bytes()[from..]);
    let mut records = reader.records().peekable();
    while let Some(record) = records.next() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                document.items.push(Item::Error(csv_error(source, from, &e, lines)));
                continue;
            }
        };
        let mut start = from + record.position().map_or(0, |p| p.byte() as usize);
        // after CR LF the reader's position is the LF: the record starts past the line end
        while matches!(source.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // only the last record can run to the end of the file inside quotes
        if records.peek().is_none()
            && let Some(quote) = unclosed_quote(&source.as_bytes()[start..], delimiter)
        {
            let (line, column) = lines.position(source, start + quote);
            let message = "unterminated quoted field: its quote is never closed".to_string();
            document.items.push(Item::Error(InputError { line, column, message }));
            // without a header there are no columns to read
            return if header.is_some() { lines.line_start(line + 1, source) } else { source.len() };
        }
        let Some((column, name, kept)) = header else {
            let names: Vec<&str> = record.iter().map(str::trim).collect();
            match find_column(&names, options.column.as_deref()) {
                Ok(column) => {
                    let kept = names
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| options.record_fields.iter().any(|f| f.eq_ignore_ascii_case(n)))
                        .map(|(i, n)| (i, n.to_string()))
                        .collect();
                    *header = Some((column, names[column].to_string(), kept));
                }
                Err(message) => {
                    document.items.push(Item::Error(InputError { line: 1, column: 1, message }));
                    return source.len();
                }
            }
            continue;
        };
        let (column, name) = (*column, name.as_str());
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
        let (cell, quoted) = cell_start(source.as_bytes(), start, column, delimiter);
        let (line, col) = lines.position(source, cell);
        document.items.push(Item::Message(Message {
            text: text.to_string(),
            line,
            column: col,
            map: cell_map(source, cell, quoted, delimiter, text),
            key: Some(name.to_string()),
            ignore,
            fields: kept.iter().filter_map(|(i, n)| Some((n.clone(), record.get(*i)?.to_string()))).collect(),
        }));
    }
    source.len()
}

/// Where the quote that opens a field of `record` and is still open at its end is, if one
/// is: the quoting of the CSV reader (a quote opens a field only at its start; `""` inside
/// is a quote; after the closing quote the field goes on unquoted).
fn unclosed_quote(record: &[u8], delimiter: u8) -> Option<usize> {
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        /// A quote inside a quoted field: closing it, or the first of `""`.
        QuoteInQuoted(usize),
    }
    let mut state = State::FieldStart;
    for (i, &b) in record.iter().enumerate() {
        let ends_field = b == delimiter || b == b'\n' || b == b'\r';
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::FieldStart | State::Unquoted | State::QuoteInQuoted(_) if ends_field => State::FieldStart,
            State::FieldStart | State::Unquoted => State::Unquoted,
            State::Quoted(at) if b == b'"' => State::QuoteInQuoted(at),
            State::Quoted(at) => State::Quoted(at),
            State::QuoteInQuoted(at) if b == b'"' => State::Quoted(at),
            State::QuoteInQuoted(_) => State::Unquoted,
        };
    }
    match state {
        State::Quoted(at) => Some(at),
        _ => None,
    }
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

/// Where the text of a cell starting at `cell` comes from: `""` is a quote, and after the
/// closing quote the cell goes on unquoted up to the delimiter, as the CSV reader reads it.
fn cell_map(source: &str, cell: usize, mut quoted: bool, delimiter: u8, text: &str) -> Option<SourceMap> {
    let quoting = if quoted { Quoting::CsvQuoted } else { Quoting::CsvUnquoted(delimiter) };
    SourceMap::decode(source, cell, text, |rest, _| {
        let next = rest.as_bytes().first().copied();
        if quoted && rest.starts_with("\"\"") {
            Step::Char('"', 2)
        } else if quoted && next == Some(b'"') {
            quoted = false;
            Step::Skip(1)
        } else if !quoted && (next == Some(delimiter) || matches!(next, Some(b'\n' | b'\r'))) {
            Step::Stop
        } else {
            SourceMap::itself(rest)
        }
    })
    .map(|map| map.with_quoting(quoting))
}

/// Byte offset of the text of field `column` of the record starting at `start` (past the
/// opening quote of a quoted field), and whether the field is quoted.
fn cell_start(source: &[u8], start: usize, column: usize, delimiter: u8) -> (usize, bool) {
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
    if source.get(field_start) == Some(&b'"') { (field_start + 1, true) } else { (field_start, false) }
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
        assert_eq!((second.text.as_str(), second.line, second.column), ("Il a dit \"oui\"", 4, 6));
        let quote = second.map.as_ref().unwrap().source_range(9..10);
        assert_eq!(&source[quote], "\"\"", "the quote is written `\"\"`");
        let Item::Message(third) = &got[2] else { panic!() };
        assert_eq!((third.line, third.column), (5, 8));
        assert_eq!(&source[third.map.as_ref().unwrap().source_range(0..6)], "Vite !");
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

    /// A quote that is never closed swallowed every following row into one cell, silently:
    /// it is an error where the quote opened, and reading resumes at the next line.
    #[test]
    fn an_unterminated_quote_is_an_error_and_the_next_rows_are_read() {
        let source = "id,text\n1,\"Un\nsur deux lignes\"\n2,\"Deux sans fin\n3,Trois\n4,Quatre\n";
        let got: Vec<String> = items(source, &ReadOptions::default())
            .into_iter()
            .map(|item| match item {
                Item::Message(m) => format!("{}:{} {}", m.line, m.column, m.text),
                Item::Error(e) => format!("{e}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                "2:4 Un\nsur deux lignes",
                "4:3: unterminated quoted field: its quote is never closed",
                "5:3 Trois",
                "6:3 Quatre"
            ]
        );
        // at the very end, and in the header
        let got = items("text\nUn\n\"", &ReadOptions::default());
        assert!(matches!(&got[..], [Item::Message(_), Item::Error(e)] if (e.line, e.column) == (3, 1)), "{got:?}");
        assert!(matches!(&items("\"text\nUn\n", &ReadOptions::default())[..], [Item::Error(e)] if e.line == 1));
    }

    #[test]
    fn missing_column_lists_the_header() {
        let got = items("a,b\n1,2\n", &ReadOptions::default());
        assert!(matches!(&got[0], Item::Error(e) if e.message.contains("`a`, `b`")));
    }
}
