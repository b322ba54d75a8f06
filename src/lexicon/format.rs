//! The "emotics-lexicon 1" table format: `#` comment lines, a header naming the columns,
//! then TAB-separated rows. Errors carry the file name, line and column and quote the
//! offending text, so a user's own lexicon can be fixed from the message alone.

use std::fmt;

/// An error in a lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// One data row, with what is needed to report an error in it.
pub struct Row<'f, 'a> {
    file: &'f str,
    line: usize,
    /// The first fields (a table has tens of thousands of rows: no allocation per row);
    /// columns past them are counted, never read.
    fields: [&'a str; MAX_FIELDS],
    field_count: usize,
}

/// Columns a row keeps: the widest table reads five.
const MAX_FIELDS: usize = 5;

impl<'a> Row<'_, 'a> {
    /// 1-based line number of the row.
    pub fn line(&self) -> usize {
        self.line
    }

    pub fn field(&self, index: usize) -> &'a str {
        if index < self.field_count { self.fields.get(index).map_or("", |f| f.trim()) } else { "" }
    }

    /// An error pointing at field `index`.
    pub fn error(&self, index: usize, message: String) -> LexiconError {
        let column =
            self.fields.iter().take(index.min(self.field_count)).map(|f| f.chars().count() + 1).sum::<usize>() + 1;
        LexiconError { file: self.file.to_string(), line: self.line, column, message }
    }

    /// Field `index` as a finite number.
    pub fn number(&self, index: usize) -> Result<f64, LexiconError> {
        let text = self.field(index);
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(self.error(index, format!("`{text}` is not a number"))),
        }
    }
}

/// Rows of a table whose header starts with the columns `required`.
pub fn parse_rows<'f, 'a>(file: &'f str, text: &'a str, required: &[&str]) -> Result<Vec<Row<'f, 'a>>, LexiconError> {
    // one row per line at most: no regrowing (and copying) a table of rows
    let mut rows = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut header_seen = false;
    for (index, line) in lines(text).enumerate() {
        let line_number = index + 1;
        let line = if index == 0 { line.trim_start_matches('\u{FEFF}') } else { line };
        let line = line.trim_end_matches('\r');
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = [""; MAX_FIELDS];
        let mut field_count = 0;
        for (slot, field) in split_bytes(line, b'\t').enumerate() {
            if let Some(slot) = fields.get_mut(slot) {
                *slot = field;
            }
            field_count += 1;
        }
        let row = Row { file, line: line_number, fields, field_count };
        if !header_seen {
            header_seen = true;
            for (i, name) in required.iter().enumerate() {
                if row.field(i) != *name {
                    return Err(row.error(i, format!("expected the header `{}`, found `{line}`", required.join("\t"))));
                }
            }
            continue;
        }
        if row.field_count < required.len() {
            return Err(row.error(
                row.field_count,
                format!(
                    "expected {} tab-separated fields ({}), found {}: `{line}`",
                    required.len(),
                    required.join(", "),
                    row.field_count
                ),
            ));
        }
        if row.field(0).is_empty() {
            return Err(row.error(0, "empty term".to_string()));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The lines of `text` without their LF, as [`str::lines`] gives them.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let count = if text.is_empty() { 0 } else { usize::MAX };
    split_bytes(text.strip_suffix('\n').unwrap_or(text), b'\n').take(count)
}

/// Splits on an ASCII byte, scanning byte by byte: table fields and lines are short, so a
/// plain loop beats a searcher set up for each (loading the tables is most of start-up).
fn split_bytes(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut bytes = text.bytes().enumerate();
    std::iter::from_fn(move || {
        if start > text.len() {
            return None;
        }
        let end = bytes.by_ref().find(|&(_, b)| b == separator).map_or(text.len(), |(i, _)| i);
        let piece = &text[start..end];
        start = end + 1;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_fields_split_as_the_standard_library_does() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\t", "a\tb\t", "é\tà\r\n\n"] {
            assert_eq!(lines(text).collect::<Vec<_>>(), text.split_terminator('\n').collect::<Vec<_>>(), "{text:?}");
            assert_eq!(split_bytes(text, b'\t').collect::<Vec<_>>(), text.split('\t').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let text = "# c\nterm\tvalence\nbon\t1.5\nmauvais\tmoins deux\n";
        let rows = parse_rows("x.tsv", text, &["term", "valence"]).unwrap();
        assert_eq!(rows[0].number(1).unwrap(), 1.5);
        let error = rows[1].number(1).unwrap_err();
        assert_eq!(error.to_string(), "x.tsv:4:9: `moins deux` is not a number");
        let missing = parse_rows("y.tsv", "term\tvalence\nseul\n", &["term", "valence"]).err().unwrap();
        assert_eq!((missing.line, missing.column), (2, 6));
        let header = parse_rows("z.tsv", "word\tscore\n", &["term", "valence"]).err().unwrap();
        assert_eq!((header.line, header.column), (1, 1));
    }
}
