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
        if let Some(value) = short_decimal(text) {
            return Ok(value);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(self.error(index, format!("`{text}` is not a number"))),
        }
    }
}

/// A number written `-d.dd` (at most 9 digits): the integer of its digits divided by a
/// power of ten, both exact in f64, so the division rounds as [`str::parse`] would. Every
/// number of the built-in tables read at start-up is one, so the WebAssembly engine never
/// runs f64's parser then (a large function it would compile to optimised code in the
/// background, competing with start-up on a busy machine).
fn short_decimal(text: &str) -> Option<f64> {
    const POWERS: [f64; 10] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let (mut integer, mut count, mut point) = (0u32, 0, None);
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' if count < 9 => {
                integer = integer * 10 + u32::from(b - b'0');
                count += 1;
            }
            b'.' if point.is_none() && i > 0 => point = Some(i),
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let decimals = point.map_or(0, |p| digits.len() - p - 1);
    let value = f64::from(integer) / POWERS[decimals];
    Some(if negative { -value } else { value })
}

/// The rows of a table whose header starts with the columns `required`: the header is
/// checked at once, each row as it is read (no list of rows: tables have tens of thousands).
pub fn parse_rows<'f, 'a, 'r>(
    file: &'f str,
    text: &'a str,
    required: &'r [&'r str],
) -> Result<impl Iterator<Item = Result<Row<'f, 'a>, LexiconError>> + use<'f, 'a, 'r>, LexiconError> {
    let (mut at, mut index) = (0, 0);
    let mut rows = std::iter::from_fn(move || {
        while at < text.len() {
            let rest = text.get(at..).unwrap_or("");
            let (length, fields, field_count) = scan_line(rest);
            let raw = rest.get(..length).unwrap_or("");
            at += length + 1;
            index += 1;
            let line = if index == 1 { raw.trim_start_matches('\u{FEFF}') } else { raw };
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // a BOM or CR came off: split the shorter line again (rare)
            let (_, fields, field_count) =
                if line.len() == raw.len() { (length, fields, field_count) } else { scan_line(line) };
            return Some((Row { file, line: index, fields, field_count }, line));
        }
        None
    });
    if let Some((header, line)) = rows.next() {
        for (i, name) in required.iter().enumerate() {
            if header.field(i) != *name {
                return Err(header.error(i, format!("expected the header `{}`, found `{line}`", required.join("\t"))));
            }
        }
    }
    Ok(rows.map(move |(row, line)| {
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
        Ok(row)
    }))
}

/// The first line of `text`: its length (up to the LF or the end), its TAB-separated
/// fields (the first [`MAX_FIELDS`]) and how many there are, in one loop over its bytes.
/// Lines and fields are short, so this beats searchers set up for each.
fn scan_line(text: &str) -> (usize, [&str; MAX_FIELDS], usize) {
    let mut fields = [""; MAX_FIELDS];
    let mut count = 0;
    let mut start = 0;
    for (i, &byte) in text.as_bytes().iter().enumerate() {
        if byte == b'\t' || byte == b'\n' {
            if let Some(slot) = fields.get_mut(count) {
                *slot = text.get(start..i).unwrap_or("");
            }
            if byte == b'\n' {
                return (i, fields, count + 1);
            }
            count += 1;
            start = i + 1;
        }
    }
    if let Some(slot) = fields.get_mut(count) {
        *slot = text.get(start..).unwrap_or("");
    }
    (text.len(), fields, count + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_fields_split_as_the_standard_library_does() {
        for text in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\t", "a\tb\t", "é\tà\r\n\n", "1\t2\t3\t4\t5\t6\t7\nx"]
        {
            let line = text.split('\n').next().unwrap();
            let expected: Vec<&str> = line.split('\t').collect();
            let (length, fields, count) = scan_line(text);
            assert_eq!(length, line.len(), "{text:?}");
            assert_eq!(count, expected.len(), "{text:?}");
            let kept = count.min(MAX_FIELDS);
            assert_eq!(&fields[..kept], &expected[..kept], "{text:?}");
        }
        let rows = |text| -> Vec<usize> { parse_rows("t", text, &["a"]).unwrap().map(|r| r.unwrap().line()).collect() };
        assert_eq!(rows("\u{FEFF}a\r\n# c\n\nb\r\n \nc"), vec![4, 6]);
        assert_eq!(rows("a\nb\n"), vec![2]);
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let text = "# c\nterm\tvalence\nbon\t1.5\nmauvais\tmoins deux\n";
        let rows: Vec<Row> = parse_rows("x.tsv", text, &["term", "valence"]).unwrap().map(Result::unwrap).collect();
        assert_eq!(rows[0].number(1).unwrap(), 1.5);
        let error = rows[1].number(1).unwrap_err();
        assert_eq!(error.to_string(), "x.tsv:4:9: `moins deux` is not a number");
        let missing =
            parse_rows("y.tsv", "term\tvalence\nseul\n", &["term", "valence"]).unwrap().next().unwrap().err().unwrap();
        assert_eq!((missing.line, missing.column), (2, 6));
        let header = parse_rows("z.tsv", "word\tscore\n", &["term", "valence"]).err().unwrap();
        assert_eq!((header.line, header.column), (1, 1));
    }

    #[test]
    fn short_decimals_read_as_the_standard_parser_does() {
        for text in ["0", "1", "-2.4", "0.60", "3.25", "-0.05", "123456.789", "0.12345678", "-0.0", "1."] {
            let parsed = text.parse::<f64>().unwrap();
            assert_eq!(short_decimal(text).map(f64::to_bits), Some(parsed.to_bits()), "{text}");
        }
        for other in ["2.5e3", "--1", ".5", "1.2.3", "1234567890", "-", "+1", "", "1,5", "١"] {
            assert_eq!(short_decimal(other), None, "{other}");
        }
        for n in 0..20_000 {
            let text = format!("{}.{:02}", n / 100, n % 100);
            assert_eq!(short_decimal(&text), Some(text.parse::<f64>().unwrap()), "{text}");
        }
    }
}
