//! Where each byte of a message comes from in its file. A message is rarely the file's bytes
//! as they are: escapes (`\"`, `\u00e9`, `""` in CSV), line folding in YAML, PO strings
//! continued over several lines, CR LF read as `\n`. A finding's span inside the message is
//! mapped back through the pieces, so that it points at the exact line and column of the
//! file's bytes it comes from.

use std::ops::Range;

use super::encode::Quoting;

/// The pieces of a message, in order: each covers the message from its `text` offset to the
/// next piece's (the last, to the message's end), and comes from `source` in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    /// How the message is written there, for writing replacements ([`super::encode`]).
    quoting: Quoting,
}

/// What a format's reader sees at a point of its file, for [`SourceMap::decode`].
pub enum Step {
    /// A character of the message, written in so many bytes.
    Char(char, usize),
    /// So many bytes that are not part of the message (quotes, indentation, line breaks).
    Skip(usize),
    /// The message cannot come from here.
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: usize,
    source: Range<usize>,
    /// The file's bytes are the message's (else the piece is one character written another
    /// way: an escape, a folded line break).
    verbatim: bool,
}

impl SourceMap {
    /// A message that is the file's `len` bytes from `at` on.
    pub fn verbatim(at: usize, len: usize) -> SourceMap {
        SourceMap { pieces: vec![Piece { text: 0, source: at..at + len, verbatim: true }], quoting: Quoting::Raw }
    }

    /// The map, for a message written with `quoting`.
    pub fn with_quoting(mut self, quoting: Quoting) -> SourceMap {
        self.quoting = quoting;
        self
    }

    pub fn quoting(&self) -> Quoting {
        self.quoting
    }

    /// Adds `source`, the file's bytes of the message from `text` on (merged with the piece
    /// before when they follow each other in both).
    pub fn push_verbatim(&mut self, text: usize, source: Range<usize>) {
        if let Some(last) = self.pieces.last_mut()
            && last.verbatim
            && last.source.end == source.start
            && text - last.text == last.source.len()
        {
            last.source.end = source.end;
            return;
        }
        self.pieces.push(Piece { text, source, verbatim: true });
    }

    /// Adds one character of the message at `text`, written as `source` in the file (an
    /// escape, a line break folded into a space…).
    pub fn push_written(&mut self, text: usize, source: Range<usize>) {
        self.pieces.push(Piece { text, source, verbatim: false });
    }

    /// Follows `value`, a message a parser read from `source` starting at byte `from`, through
    /// the file: `step` says what the file holds at each point (given the rest of the file and
    /// the message's next character). `None` when the file does not spell the message.
    pub fn decode(
        source: &str,
        from: usize,
        value: &str,
        mut step: impl FnMut(&str, char) -> Step,
    ) -> Option<SourceMap> {
        let mut map = SourceMap::default();
        let mut at = from;
        for (text, expected) in value.char_indices() {
            loop {
                match step(source.get(at..)?, expected) {
                    Step::Char(c, len) if c == expected && len > 0 => {
                        let written = source.get(at..at + len)?;
                        if written.len() == c.len_utf8() && written.starts_with(c) {
                            map.push_verbatim(text, at..at + len);
                        } else {
                            map.push_written(text, at..at + len);
                        }
                        at += len;
                        break;
                    }
                    Step::Skip(len) if len > 0 => at += len,
                    _ => return None,
                }
            }
        }
        Some(map)
    }

    /// The step of a character written as itself (`Stop` at the end of the file).
    pub fn itself(rest: &str) -> Step {
        rest.chars().next().map_or(Step::Stop, |c| Step::Char(c, c.len_utf8()))
    }

    /// The file's byte range of the message's bytes `span` (on character boundaries).
    pub fn source_range(&self, span: Range<usize>) -> Range<usize> {
        let start = self.start(span.start);
        start..self.end(span.end).max(start)
    }

    /// The file's byte range of the message's bytes `span` when it holds exactly them: the
    /// pieces the span covers follow each other in the file, with nothing the message leaves
    /// out (indentation, a closing quote) between them.
    pub fn exact_range(&self, span: Range<usize>) -> Option<Range<usize>> {
        let first = self.pieces.partition_point(|p| p.text <= span.start).saturating_sub(1);
        let last = self.pieces.partition_point(|p| p.text < span.end).saturating_sub(1).max(first);
        let pieces = self.pieces.get(first..=last)?;
        pieces.windows(2).all(|w| w[0].source.end == w[1].source.start).then(|| self.source_range(span))
    }

    /// Where the message's byte `offset` starts in the file.
    fn start(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.text <= offset).saturating_sub(1);
        match self.pieces.get(i) {
            Some(p) if p.verbatim => p.source.start + (offset - p.text.min(offset)),
            Some(p) if offset > p.text => p.source.end,
            Some(p) => p.source.start,
            None => 0,
        }
    }

    /// Where the message's bytes before `offset` end in the file.
    fn end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.start(0);
        }
        let i = self.pieces.partition_point(|p| p.text < offset).saturating_sub(1);
        match self.pieces.get(i) {
            Some(p) if p.verbatim => p.source.start + (offset - p.text.min(offset)),
            Some(p) => p.source.end,
            None => 0,
        }
    }

    /// Whether the map fits `text` and `source`: pieces in order on both sides, within the
    /// file, verbatim pieces equal to the message's bytes and the others one character.
    /// Readers check what they build with it, so that a wrong map is dropped, not followed.
    pub fn fits(&self, text: &str, source: &str) -> bool {
        let mut previous_end = 0;
        for (i, p) in self.pieces.iter().enumerate() {
            let text_end = self.pieces.get(i + 1).map_or(text.len(), |next| next.text);
            let (Some(part), Some(written)) = (text.get(p.text..text_end), source.get(p.source.clone())) else {
                return false;
            };
            let fits = if p.verbatim { part == written } else { part.chars().count() == 1 };
            if !fits || p.source.start < previous_end || (i == 0) != (p.text == 0) {
                return false;
            }
            previous_end = p.source.end;
        }
        !self.pieces.is_empty() || text.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `"Il a dit \"oui\"\nVite"`: the message's spans map to the file's bytes, escapes
    /// whole.
    #[test]
    fn spans_map_through_escapes() {
        let source = r#"x = "Il a dit \"oui\"\nVite""#;
        let text = "Il a dit \"oui\"\nVite";
        let mut map = SourceMap::default();
        map.push_verbatim(0, 5..14); // Il a dit_
        map.push_written(9, 14..16); // \"
        map.push_verbatim(10, 16..19); // oui
        map.push_written(13, 19..21); // \"
        map.push_written(14, 21..23); // \n
        map.push_verbatim(15, 23..27); // Vite
        assert!(map.fits(text, source));
        let at = |span: Range<usize>| &source[map.source_range(span)];
        assert_eq!(at(9..14), r#"\"oui\""#);
        assert_eq!(at(10..13), "oui");
        assert_eq!(at(15..19), "Vite");
        assert_eq!(at(0..text.len()), &source[5..27]);
        assert_eq!(map.source_range(14..14), 21..21);
        // a wrong map does not fit
        let mut wrong = SourceMap::default();
        wrong.push_verbatim(0, 4..13);
        assert!(!wrong.fits(text, source));
        let verbatim = SourceMap::verbatim(5, 8);
        assert!(verbatim.fits("Il a dit", source));
        assert_eq!(verbatim.source_range(3..4), 8..9);
    }
}
