//! Embeds the data files compactly. Text files lose their comments and the columns the
//! library never reads (`source`, `note`), which keeps the WebAssembly module within its
//! size budget. The files in `lexicons/` and `data/` stay the readable, diffable source of
//! truth.
//!
//! The valence and dimension tables (the built-in terms, some 25,000 rows) are compiled:
//! loading them is most of a checker's start-up, and most of the editor's. Their numbers
//! are decoded here, each term is tokenized with the message tokenizer (a word already
//! normalised is its own token, marked with or without accents), and the rows of a
//! dimension table's term are put together, so loading is a loop of insertions. The format
//! is read by `src/lexicon/compiled.rs`; tests check the tables it gives equal the readable
//! files loaded term by term. X's emoji list is decoded from hex to UTF-8.

#[path = "src/lexicon/fold.rs"]
#[allow(dead_code)]
mod fold;

/// What the tokenizer finds at `crate::lexicon`.
mod lexicon {
    pub use crate::fold::fold_into;
}

/// The message tokenizer, which tokenizes the built-in terms here as the library would.
#[path = "src/text/tokenize.rs"]
#[allow(dead_code)]
mod tokenize;

use std::env;
use std::fs;
use std::path::Path;

/// How a file is embedded.
#[derive(Clone, Copy, PartialEq)]
enum Embed {
    /// As written, without comments and blank lines, keeping the first `n` columns (0: all).
    Text(usize),
    /// Compiled, row by row: a valence table (`term  valence`).
    Valence,
    /// Compiled, the rows of each term together: a dimension table (`term  <dimension
    /// column>  weight`).
    Dimensions,
    /// Emoji sequences written as hex code points, embedded as UTF-8, a sequence a line.
    Emoji,
}

use Embed::{Dimensions, Emoji, Text, Valence};

const EMBEDDED: [(&str, Embed); 25] = [
    ("lexicons/fr/valence.tsv", Valence),
    ("lexicons/en/valence.tsv", Valence),
    ("lexicons/emoji/valence.tsv", Text(2)),
    ("lexicons/emoji/emoticons.tsv", Text(2)),
    ("lexicons/fr/modifiers.tsv", Text(3)),
    ("lexicons/en/modifiers.tsv", Text(3)),
    ("lexicons/fr/function-words.txt", Text(1)),
    ("lexicons/en/function-words.txt", Text(1)),
    ("lexicons/fr/false-friends.txt", Text(1)),
    ("lexicons/emotions/fr.tsv", Dimensions),
    ("lexicons/emotions/en.tsv", Dimensions),
    ("lexicons/emotions/emoji.tsv", Dimensions),
    ("lexicons/emotions/calibration.tsv", Text(3)),
    ("lexicons/tones/fr.tsv", Dimensions),
    ("lexicons/tones/en.tsv", Dimensions),
    ("lexicons/tones/emoji.tsv", Dimensions),
    ("lexicons/tones/formality-fr.tsv", Dimensions),
    ("lexicons/tones/formality-en.tsv", Dimensions),
    ("data/x/emoji.txt", Emoji),
    ("data/x/tlds.txt", Text(0)),
    ("data/profiles.tsv", Text(0)),
    ("lexicons/register-fr.tsv", Text(0)),
    ("lexicons/substitutions.tsv", Text(0)),
    ("data/fix/characters.tsv", Text(0)),
    ("data/fix/abbreviations.tsv", Text(0)),
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/lexicon/fold.rs");
    println!("cargo:rerun-if-changed=src/text/tokenize.rs");
    // FNV-1a of every byte embedded: `emotics::DATA_CHECKSUM`
    let mut checksum: u64 = 0xcbf2_9ce4_8422_2325;
    for (source, embed) in EMBEDDED {
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let name = Path::new(&out).join(source.replace('/', "-"));
        let mut write = |path: &Path, bytes: &[u8]| {
            checksum = bytes.iter().fold(checksum, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
            fs::write(path, bytes).unwrap_or_else(|e| panic!("{path:?}: {e}"))
        };
        match embed {
            Text(columns) => write(&name, compact_text(&text, columns).as_bytes()),
            Emoji => write(&name, emoji_sequences(source, &text).as_bytes()),
            Valence | Dimensions => {
                let (terms, values) = compile(source, &text, embed == Dimensions);
                write(&name.with_extension("terms"), terms.as_bytes());
                write(&name.with_extension("values"), &values);
            }
        }
    }
    println!("cargo:rustc-env=EMOTICS_DATA_CHECKSUM={checksum:016x}");
}

/// The rows of `text`, without comments and blank lines, each cut to its first `columns`
/// TAB-separated fields (0: all of them).
fn compact_text(text: &str, columns: usize) -> String {
    let mut compact = String::with_capacity(text.len());
    for line in text.lines().filter(|line| !is_comment_or_blank(line)) {
        if columns == 0 {
            compact.push_str(line);
        } else {
            compact.push_str(&line.split('\t').take(columns).collect::<Vec<_>>().join("\t"));
        }
        compact.push('\n');
    }
    compact
}

/// The sequences of an emoji list (code points in hex separated by spaces, a sequence a
/// line), as UTF-8, a line each. A malformed line stops the build with its file and line.
fn emoji_sequences(source: &str, text: &str) -> String {
    let mut sequences = String::with_capacity(text.len());
    for (number, line) in text.lines().enumerate().filter(|(_, line)| !is_comment_or_blank(line)) {
        for hex in line.split_whitespace() {
            let c = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
            sequences.push(c.unwrap_or_else(|| panic!("{source}:{}: `{hex}` is not a code point", number + 1)));
        }
        sequences.push('\n');
    }
    sequences
}

fn is_comment_or_blank(line: &str) -> bool {
    line.starts_with('#') || line.trim().is_empty()
}

/// One term of a compiled table, with its (dimension index, weight in hundredths) pairs.
struct Entry<'a> {
    term: &'a str,
    weights: Vec<(u8, i16)>,
}

/// Compiles a valence or dimension table (the format `src/lexicon/compiled.rs` reads):
///
/// - `.terms`, UTF-8: the dimension names joined by TABs, then the terms, a line each: a
///   term of kind 3 as its normalised tokens joined by spaces;
/// - `.values`, bytes: the number of terms (u32, little-endian), then per term its kind
///   (see [`kind_and_line`]),
///   per term its number of weights, per weight its
///   dimension index, and per weight its value in hundredths (an i16: the low bytes of all
///   weights, then their high bytes).
///
/// Each part is a column of its own, which compresses best. A malformed row stops the
/// build with its file and line.
fn compile(source: &str, text: &str, grouped: bool) -> (String, Vec<u8>) {
    let mut names: Vec<&str> = if grouped { Vec::new() } else { vec!["valence"] };
    let mut entries: Vec<Entry> = Vec::new();
    let mut index_of_term: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut header = true;
    for (number, line) in text.lines().enumerate() {
        if is_comment_or_blank(line) {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if std::mem::take(&mut header) {
            let expected = if grouped {
                ["term", fields.get(1).copied().unwrap_or(""), "weight"]
            } else {
                ["term", "valence", ""]
            };
            if fields.iter().zip(expected).any(|(found, expected)| !expected.is_empty() && *found != expected) {
                panic!("{source}:{}: expected the header `{}`", number + 1, expected.join("\t").trim_end());
            }
            continue;
        }
        let at = format!("{source}:{}", number + 1);
        if fields.first().is_some_and(|term| term.ends_with('*')) {
            panic!("{at}: a wildcard (`*`) is for brand lexicons; a built-in table lists its words");
        }
        let (term, dimension, value) = match (grouped, fields.as_slice()) {
            (false, [term, value, ..]) => (*term, "valence", *value),
            (true, [term, dimension, value, ..]) => (*term, *dimension, *value),
            _ => panic!("{at}: too few fields"),
        };
        let dimension = match names.iter().position(|n| *n == dimension) {
            Some(i) => i,
            None => {
                names.push(dimension);
                names.len() - 1
            }
        };
        let weight =
            (u8::try_from(dimension).unwrap_or_else(|_| panic!("{at}: too many dimensions")), hundredths(&at, value));
        match index_of_term.get(term) {
            Some(&i) if grouped => entries[i].weights.push(weight),
            _ => {
                index_of_term.insert(term, entries.len());
                entries.push(Entry { term, weights: vec![weight] });
            }
        }
    }
    // a term without tokens matches nothing: the library would skip it too
    let (lines, entries): (Vec<_>, Vec<_>) =
        entries.into_iter().filter_map(|e| Some((kind_and_line(e.term, grouped)?, e))).unzip();
    let mut terms = names.join("\t") + "\n";
    let mut values = u32::try_from(entries.len()).expect("fewer than 4 billion terms").to_le_bytes().to_vec();
    for (kind, line) in lines {
        terms.push_str(&line);
        terms.push('\n');
        values.push(kind);
    }
    values.extend(entries.iter().map(|e| u8::try_from(e.weights.len()).expect("fewer than 256 weights")));
    values.extend(entries.iter().flat_map(|e| e.weights.iter().map(|&(d, _)| d)));
    for byte in 0..2 {
        values.extend(entries.iter().flat_map(|e| e.weights.iter().map(move |&(_, w)| w.to_le_bytes()[byte])));
    }
    (terms, values)
}

/// A number with at most two decimals, in hundredths.
fn hundredths(at: &str, text: &str) -> i16 {
    let value: f64 = text.parse().unwrap_or_else(|_| panic!("{at}: `{text}` is not a number"));
    let scaled = (value * 100.0).round();
    if (scaled / 100.0 - value).abs() > 1e-9 || scaled.abs() > f64::from(i16::MAX) {
        panic!("{at}: `{text}` has more than two decimals or is out of range");
    }
    scaled as i16
}

/// The kind of a term and its line in `.terms`: 1 for a word already normalised (lower-case
/// Latin-1 letters only) and without accents, 2 for one with accents, both as written; 3 for
/// any other term, as its normalised tokens joined by spaces (pieces between spaces as the
/// library tokenizes them, and the `<number>` placeholder of dimension tables as it is).
/// `None` for a term without tokens.
fn kind_and_line(term: &str, dimensions: bool) -> Option<(u8, String)> {
    let lower_latin1 = |c: char| c <= '\u{FF}' && c.is_alphabetic() && c.to_lowercase().eq([c]);
    if !term.is_empty() && term.chars().all(lower_latin1) {
        let kind = if term.chars().all(|c| fold::fold_latin1(c) == c) { 1 } else { 2 };
        return Some((kind, term.to_string()));
    }
    let mut tokens = Vec::new();
    for piece in term.split_whitespace() {
        if dimensions && piece == "<number>" {
            tokens.push(piece.to_string());
        } else {
            tokenize::for_each_term_token(piece, |_, norm| tokens.push(norm.into_owned()));
        }
    }
    assert!(tokens.iter().all(|t| !t.contains([' ', '\n'])), "{term}: a token with a space");
    (!tokens.is_empty()).then(|| (3, tokens.join(" ")))
}
