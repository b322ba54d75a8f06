//! The built-in valence and dimension tables as `build.rs` compiles them. Loading the
//! tables is most of a checker's start-up (in WebAssembly, most of the editor's), so the
//! build decodes their numbers, tokenizes each term with the message tokenizer and puts
//! the rows of a term together: loading is then a loop of insertions, with no text to
//! split, no number to parse and nothing to tokenize.
//!
//! A table is two files: `.terms` (UTF-8: the dimension names joined by TABs, then the
//! terms, a line each, a phrase as its normalised tokens joined by spaces) and `.values`
//! (bytes, one column after the other: the number of terms as a little-endian u32, each
//! term's [`TermKind`], each term's number of weights, each weight's dimension index, then
//! each weight's value in hundredths as an i16: the low bytes of all weights, then their
//! high bytes, which are nearly all 0 or 255 and compress to almost nothing).

/// How a term is written, as `build.rs` found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// A normalised word (lower-case letters of Latin-1) without accents: its own key.
    Word,
    /// The same with accents: its own key, and its accent-folded form.
    Accented,
    /// Anything else (phrases, apostrophes, capitals, digits, emoji), tokenized by `build.rs`
    /// with the message tokenizer: its normalised tokens, joined by spaces.
    Tokens,
}

/// A compiled table.
pub struct Table {
    /// Dimension names, indexed by the entries' weights.
    pub names: Vec<&'static str>,
    terms: &'static str,
    kinds: &'static [u8],
    counts: &'static [u8],
    dimensions: &'static [u8],
    /// Low and high bytes of the weights' values.
    low: &'static [u8],
    high: &'static [u8],
}

/// A term and its weights.
pub struct Entry {
    pub term: &'static str,
    pub kind: TermKind,
    dimensions: &'static [u8],
    low: &'static [u8],
    high: &'static [u8],
}

impl Entry {
    /// (dimension index, weight) pairs, in file order.
    pub fn weights(&self) -> impl ExactSizeIterator<Item = (usize, f32)> + '_ {
        let values = self.low.iter().zip(self.high);
        self.dimensions.iter().zip(values).map(|(&dimension, (&low, &high))| {
            let hundredths = i16::from_le_bytes([low, high]);
            // as `str::parse::<f64>` then `as f32` read the written decimal: both round once
            (usize::from(dimension), (f64::from(hundredths) / 100.0) as f32)
        })
    }

    /// The normalised tokens of the term (a word is its own token).
    pub fn tokens(&self) -> Vec<super::Key> {
        match self.kind {
            TermKind::Tokens => self.term.split(' ').map(std::borrow::Cow::Borrowed).collect(),
            _ => vec![std::borrow::Cow::Borrowed(self.term)],
        }
    }

    /// The first weight (a valence table's only one).
    pub fn first_weight(&self) -> f32 {
        self.weights().next().map_or(0.0, |(_, w)| w)
    }
}

impl Table {
    /// Reads the two files; `None` if they do not fit together (the tests load every table).
    pub fn read(terms: &'static str, values: &'static [u8]) -> Option<Table> {
        let (names, terms) = terms.split_once('\n')?;
        let count = usize::try_from(u32::from_le_bytes(values.get(..4)?.try_into().ok()?)).ok()?;
        let (kinds, rest) = values.get(4..)?.split_at_checked(count)?;
        let (counts, rest) = rest.split_at_checked(count)?;
        let weights: usize = counts.iter().map(|&c| usize::from(c)).sum();
        let (dimensions, rest) = rest.split_at_checked(weights)?;
        let (low, high) = rest.split_at_checked(weights)?;
        if high.len() != weights {
            return None;
        }
        let names = names.split('\t').collect();
        Some(Table { names, terms, kinds, counts, dimensions, low, high })
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }
}

impl Iterator for Table {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let ([kind, kinds @ ..], [count, counts @ ..]) = (self.kinds, self.counts) else { return None };
        // a byte loop: terms are short, shorter than a searcher's set-up
        let end = self.terms.bytes().position(|b| b == b'\n')?;
        let term = self.terms.get(..end)?;
        let terms = self.terms.get(end + 1..)?;
        let count = usize::from(*count);
        let (dimensions, rest_dimensions) = self.dimensions.split_at_checked(count)?;
        let (low, rest_low) = self.low.split_at_checked(count)?;
        let (high, rest_high) = self.high.split_at_checked(count)?;
        (self.terms, self.kinds, self.counts) = (terms, kinds, counts);
        (self.dimensions, self.low, self.high) = (rest_dimensions, rest_low, rest_high);
        let kind = match kind {
            1 => TermKind::Word,
            2 => TermKind::Accented,
            _ => TermKind::Tokens,
        };
        Some(Entry { term, kind, dimensions, low, high })
    }
}
