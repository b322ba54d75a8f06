//! LSP positions (0-based line, column in the negotiated encoding) to byte offsets and back.
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says. Positions a client sends
//! past a line's end or past the last line are clamped; offsets inside a character (or a
//! UTF-16 column inside a surrogate pair) fall back to the character's start.

use lsp_types::Position;

/// How columns count: UTF-16 code units (the protocol's default) or UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The start of every line of a text.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        Lines { text, starts, encoding }
    }

    /// The byte range of 0-based `line` without its line ending (empty past the end).
    fn line(&self, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line) else { return self.text.len()..self.text.len() };
        let next = self.starts.get(line + 1).copied().unwrap_or(self.text.len());
        let content = &self.text[start..next];
        let content = content.strip_suffix('\n').unwrap_or(content);
        let content = content.strip_suffix('\r').unwrap_or(content);
        start..start + content.len()
    }

    /// The byte offset of `position`, clamped to the text.
    pub fn offset(&self, position: Position) -> usize {
        let range = self.line(position.line as usize);
        let wanted = position.character as usize;
        let mut column = 0;
        for (i, c) in self.text[range.clone()].char_indices() {
            let width = self.width(c);
            if column + width > wanted {
                return range.start + i;
            }
            column += width;
        }
        range.end
    }

    /// The position of byte `offset` (clamped to the text; inside a character: its start).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let range = self.line(line);
        let end = offset.clamp(range.start, range.end);
        let column: usize = self.text[range.start..end].chars().map(|c| self.width(c)).sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The end of the line `offset` is on.
    pub fn line_end(&self, offset: usize) -> usize {
        let line = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        self.line(line).end
    }

    fn width(&self, c: char) -> usize {
        match self.encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The byte offset of a 1-based line and character column as `check` reports them (lines
/// ending at `\n` only), clamped to the line.
pub fn check_offset(text: &str, index: &emotics::source::LineIndex, line: usize, column: usize) -> usize {
    let range = index.line_range(line, text);
    text[range.clone()].char_indices().nth(column.saturating_sub(1)).map_or(range.end, |(i, _)| range.start + i)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accents, an emoji (a surrogate pair in UTF-16) and CR LF: offsets and positions agree
    /// both ways in both encodings, and what the client sends out of range is clamped.
    #[test]
    fn positions_round_trip() {
        let text = "é😀x\r\nb\rc";
        let utf16 = Lines::new(text, Encoding::Utf16);
        let x = text.find('x').unwrap();
        assert_eq!(utf16.position(x), Position::new(0, 3));
        assert_eq!(utf16.offset(Position::new(0, 3)), x);
        assert_eq!(utf16.offset(Position::new(0, 2)), 2, "inside the surrogate pair: the emoji's start");
        assert_eq!(utf16.position(text.find('b').unwrap()), Position::new(1, 0));
        assert_eq!(utf16.position(text.find('c').unwrap()), Position::new(2, 0), "a lone CR ends a line");
        assert_eq!(utf16.offset(Position::new(0, 99)), x + 1, "past the end of the line: its end");
        assert_eq!(utf16.offset(Position::new(9, 9)), text.len());
        assert_eq!(utf16.position(x + 1), Position::new(0, 4));
        assert_eq!(utf16.position(x + 2), Position::new(0, 4), "inside CR LF: the end of the line");
        assert_eq!(utf16.position(3), Position::new(0, 1), "inside the emoji: its start");
        let utf8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(x), Position::new(0, 6));
        assert_eq!(utf8.offset(Position::new(0, 6)), x);
        assert_eq!(utf8.offset(Position::new(0, 1)), 0, "inside é: its start");
    }

    #[test]
    fn check_columns_count_characters() {
        let text = "a\né😀x\n";
        let index = emotics::source::LineIndex::new(text);
        assert_eq!(check_offset(text, &index, 2, 3), text.find('x').unwrap());
        assert_eq!(check_offset(text, &index, 2, 99), text.len() - 1);
    }
}
