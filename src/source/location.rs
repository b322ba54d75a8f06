//! Byte offsets to 1-based lines and columns (columns count characters, as editors do).

/// Long lines (minified JSON, YAML flows) hold a checkpoint every so many bytes, so that a
/// column is counted from the nearest one rather than from the line's start: placing each
/// of a long line's messages and findings would otherwise cost the square of its length.
const STRIDE: usize = 4096;

/// The start of every line of a text (after `\n`; a `\r` before it belongs to the line).
pub struct LineIndex {
    starts: Vec<usize>,
    /// In lines longer than [`STRIDE`]: byte offsets (on character boundaries) and the
    /// 0-based column there, in order.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(text.len(), |next| next - 1);
            let (mut at, mut column) = (start, 0);
            while end - at > STRIDE {
                let mut next = at + STRIDE;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                column += chars(&text.as_bytes()[at..next]);
                checkpoints.push((next, column));
                at = next;
            }
        }
        LineIndex { starts, checkpoints }
    }

    /// 1-based line and column of byte `offset` of `text` (the text this index was built
    /// from; an offset inside a character counts that character).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line - 1];
        // an offset inside the line ending (the LF of CR LF) is the end of the line
        let offset = offset.min(self.line_range(line, text).end);
        // count from the last checkpoint of the line before the offset, if any
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, column) = match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, column)) if at >= start => (at, column),
            _ => (start, 0),
        };
        (line, column + chars(&text.as_bytes()[from..offset]) + 1)
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
            Some(between) if between.len() <= STRIDE && !between.iter().any(|&b| b == b'\n' || b == b'\r') => {
                (line, column + chars(between))
            }
            _ => self.position(text, offset),
        }
    }

    /// The 1-based line holding byte `offset` (a binary search: no scan of the text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).max(1)
    }

    /// The whole lines holding the byte range `range` of `text`: the number of the first and
    /// their byte range without the last line's ending. Reads nothing outside those lines,
    /// so that quoting each of a file's findings costs its own lines only.
    pub fn lines_around(&self, text: &str, range: std::ops::Range<usize>) -> (usize, std::ops::Range<usize>) {
        let first = self.line_of(range.start.min(text.len()));
        let last = self.line_of(range.end.min(text.len())).max(first);
        (first, self.line_start(first, text)..self.line_range(last, text).end)
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

/// The characters of UTF-8 bytes (those that are not continuation bytes).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
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

    /// The lines around a range are the lines its ends are on, whole, without the last line
    /// ending; the line of an offset is found without scanning.
    #[test]
    fn lines_around_a_range() {
        let text = "un\r\ndeux trois\nquatre\n\ncinq";
        let index = LineIndex::new(text);
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(index.line_of(at("trois")), 2);
        assert_eq!(index.line_of(text.len()), 5);
        let around = |from: &str, to: &str| {
            let (line, range) = index.lines_around(text, at(from)..at(to) + to.len());
            (line, &text[range])
        };
        assert_eq!(around("trois", "trois"), (2, "deux trois"));
        assert_eq!(around("un", "un"), (1, "un"), "CR LF is not part of the line");
        assert_eq!(around("trois", "quatre"), (2, "deux trois\nquatre"));
        assert_eq!(around("cinq", "cinq"), (5, "cinq"));
        assert_eq!(index.lines_around(text, 0..0), (1, 0..2));
    }

    /// Columns in long lines are counted from checkpoints, and agree with counting from the
    /// line's start.
    #[test]
    fn long_lines_count_from_checkpoints() {
        let line = "é😀ab".repeat(3_000);
        let text = format!("x\n{line}\n{line}");
        let index = LineIndex::new(&text);
        assert!(index.checkpoints.len() > 4);
        for (offset, _) in text.char_indices().step_by(97).chain([(text.len(), ' ')]) {
            let line = text[..offset].matches('\n').count() + 1;
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(index.position(&text, offset), (line, column), "at {offset}");
        }
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
