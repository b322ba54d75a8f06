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
pub struct Row<'a> {
    file: &'a str,
    line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// 1-based line number of the row.
    pub fn line(&self) -> usize {
        self.line
    }

    pub fn field(&self, index: usize) -> &'a str {
        self.fields.get(index).map_or("", |f| f.trim())
    }

    /// An error pointing at field `index`.
    pub fn error(&self, index: usize, message: String) -> LexiconError {
        let column = self.fields.iter().take(index).map(|f| f.chars().count() + 1).sum::<usize>() + 1;
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
pub fn parse_rows<'a>(file: &'a str, text: &'a str, required: &[&str]) -> Result<Vec<Row<'a>>, LexiconError> {
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = if index == 0 { line.trim_start_matches('\u{FEFF}') } else { line };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let row = Row { file, line: line_number, fields };
        if !header_seen {
            header_seen = true;
            for (i, name) in required.iter().enumerate() {
                if row.field(i) != *name {
                    return Err(row.error(i, format!("expected the header `{}`, found `{line}`", required.join("\t"))));
                }
            }
            continue;
        }
        if row.fields.len() < required.len() {
            return Err(row.error(
                row.fields.len(),
                format!(
                    "expected {} tab-separated fields ({}), found {}: `{line}`",
                    required.len(),
                    required.join(", "),
                    row.fields.len()
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

#[cfg(test)]
mod tests {
    use super::*;

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
