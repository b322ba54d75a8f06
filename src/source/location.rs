//! Byte offsets to 1-based lines and columns (columns count characters, as editors do).

/// The start of every line of a text (after `\n`; a `\r` before it belongs to the line).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column of byte `offset` of `text` (the text this index was built
    /// from; an offset inside a character counts that character).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        // an offset inside the line ending (the LF of CR LF) is the end of the line
        let offset = offset.min(self.line_range(line, text).end);
        let column = text.as_bytes()[start..offset].iter().filter(|&&b| (b as i8) >= -0x40).count() + 1;
        (line, column)
    }

    /// 1-based line and column of byte `offset`, given those of an earlier offset `from`
    /// (`(from, line, column)`): when no line ending lies between them, only the characters
    /// between are counted (a message's findings, located from where the message starts).
    pub fn position_from(
        &self,
        text: &str,
        (from, line, column): (usize, usize, usize),
        offset: usize,
    ) -> (usize, usize) {
        match text.as_bytes().get(from..offset) {
            Some(between) if !between.iter().any(|&b| b == b'\n' || b == b'\r') => {
                (line, column + between.iter().filter(|&&b| (b as i8) >= -0x40).count())
            }
            _ => self.position(text, offset),
        }
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize, text: &str) -> usize {
        line.checked_sub(1).and_then(|i| self.starts.get(i)).copied().unwrap_or(text.len())
    }

    /// The byte range of 1-based `line`, without its line ending.
    pub fn line_range(&self, line: usize, text: &str) -> std::ops::Range<usize> {
        let start = self.line_start(line, text);
        let next = self.line_start(line + 1, text);
        // the line ending is `\n` or `\r\n`; any other `\r` is a character of the line
        let line_text = &text[start..next];
        let content = line_text.strip_suffix('\n').map_or(line_text, |l| l.strip_suffix('\r').unwrap_or(l));
        start..start + content.len()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "ab\néé x\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 2), (1, 3));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, text.find('x').unwrap()), (2, 4));
        assert_eq!(index.position(text, text.find("last").unwrap()), (3, 1));
        assert_eq!(index.position(text, 10_000), (3, 5));
        assert_eq!(&text[index.line_range(2, text)], "éé x");
        assert_eq!(index.line_count(), 3);
        // a lone CR (old Mac line ending) is part of the line: columns stay within it
        let text = "a: x\r\r\rb: y\r\n";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_range(1, text)], "a: x\r\r\rb: y");
        assert_eq!(index.position(text, text.find('b').unwrap()), (1, 8));
        let text = "x\r\r\ny";
        assert_eq!(&text[LineIndex::new(text).line_range(1, text)], "x\r", "only the CR of CR LF ends a line");
        assert_eq!(LineIndex::new(text).position(text, 3), (1, 3), "the LF of CR LF is the end of the line");
    }

    /// Counting from an earlier position gives the same line and column as counting from the
    /// start, for every pair of offsets (line endings LF, CR LF and lone CR; multi-byte
    /// characters; offsets inside characters and past the end).
    #[test]
    fn positions_from_an_earlier_one_agree() {
        for text in ["ab\néé x\r\nlast", "x\r\r\ny", "a: x\r\r\rb: y\r\n", "😀 é\n\nz", ""] {
            let index = LineIndex::new(text);
            for from in 0..=text.len() + 1 {
                let (line, column) = index.position(text, from);
                for offset in 0..=text.len() + 2 {
                    assert_eq!(
                        index.position_from(text, (from, line, column), offset),
                        index.position(text, offset),
                        "{text:?} from {from} to {offset}"
                    );
                }
            }
        }
    }
}
