//! "Ignore this rule here": the suppression comment `check` reads above a message, in the
//! comment syntax of the file's format (`#` in text, YAML and PO, `//` in JSON). CSV cells and
//! JSON Lines have no comment line; the server offers an edit only when checking the edited
//! text shows the finding gone, so a format or a place where the comment would not be read
//! gets no action rather than a wrong one.

use emotics::source::{Format, Message};
use lsp_types::{Position, Range, TextEdit};

use super::positions::{Encoding, Lines, check_offset};

/// The edit that puts `# emotics: ignore RULE` on a line of its own above `message`, with
/// the text it makes.
pub fn ignore_rule(
    text: &str,
    format: Format,
    message: &Message,
    rule: &str,
    encoding: Encoding,
) -> Option<(TextEdit, String)> {
    let prefix = match format {
        Format::Text | Format::Yaml | Format::Po => "#",
        Format::Json => "//",
        Format::Csv | Format::Tsv | Format::Jsonl => return None,
    };
    let index = emotics::source::LineIndex::new(text);
    let mut line = message.line;
    // a PO entry's comments come before its first line (`msgid`, `msgctxt`)
    if format == Format::Po {
        while line > 1 && !text[index.line_range(line - 1, text)].trim().is_empty() {
            line -= 1;
        }
    }
    let start = check_offset(text, &index, line, 1);
    let line_text = &text[index.line_range(line, text)];
    let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let comment = format!("{indent}{prefix} emotics: ignore {rule}{ending}");
    let mut edited = text.to_string();
    edited.insert_str(start, &comment);
    let at: Position = Lines::new(text, encoding).position(start);
    Some((TextEdit { range: Range::new(at, at), new_text: comment }, edited))
}
