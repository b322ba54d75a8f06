//! Embeds the data files compactly: comments and the columns the library never reads
//! (`source`, `note`) are left out of the copies in OUT_DIR that `include_str!` embeds, which
//! keeps the WebAssembly module within its size budget. The files in `lexicons/` and
//! `data/` stay the readable, diffable source of truth.
//!
//! The valence and dimension tables (the built-in terms) also get a `kind` column: `w` for a word
//! already normalised (lower-case Latin-1 letters only) and without accents, `a` for one
//! with accents, empty for any other term. Loading then inserts those words as they are,
//! with no normalising and no accent check at start-up; a test checks the result equals
//! loading the readable file term by term. Dimension tables get the rows of
//! each term together (`group_by_term`).

#[path = "src/lexicon/latin1.rs"]
mod latin1;

use std::env;
use std::fs;
use std::path::Path;

/// What a table's compact copy gets besides its kept columns (see the module comment).
#[derive(Clone, Copy, PartialEq)]
enum Terms {
    /// Nothing: the file as written, without comments.
    AsWritten,
    /// The `kind` column (valence tables).
    Kind,
    /// The `kind` column, and the rows of each term together (dimension tables).
    KindGrouped,
}

use Terms::{AsWritten, Kind, KindGrouped};

/// (source file, number of leading columns the library reads, 0 keeping every column; what
/// else its copy gets).
const EMBEDDED: [(&str, usize, Terms); 21] = [
    ("lexicons/fr/valence.tsv", 2, Kind),
    ("lexicons/en/valence.tsv", 2, Kind),
    ("lexicons/emoji/valence.tsv", 2, AsWritten),
    ("lexicons/emoji/emoticons.tsv", 2, AsWritten),
    ("lexicons/fr/modifiers.tsv", 3, AsWritten),
    ("lexicons/en/modifiers.tsv", 3, AsWritten),
    ("lexicons/fr/function-words.txt", 1, AsWritten),
    ("lexicons/en/function-words.txt", 1, AsWritten),
    ("lexicons/fr/false-friends.txt", 1, AsWritten),
    ("lexicons/emotions/fr.tsv", 3, KindGrouped),
    ("lexicons/emotions/en.tsv", 3, KindGrouped),
    ("lexicons/emotions/emoji.tsv", 3, KindGrouped),
    ("lexicons/emotions/calibration.tsv", 3, AsWritten),
    ("lexicons/tones/fr.tsv", 3, KindGrouped),
    ("lexicons/tones/en.tsv", 3, KindGrouped),
    ("lexicons/tones/emoji.tsv", 3, KindGrouped),
    ("lexicons/tones/formality-fr.tsv", 3, KindGrouped),
    ("lexicons/tones/formality-en.tsv", 3, KindGrouped),
    ("data/x/emoji.txt", 0, AsWritten),
    ("data/x/tlds.txt", 0, AsWritten),
    ("data/profiles.tsv", 0, AsWritten),
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/lexicon/latin1.rs");
    for (source, columns, terms) in EMBEDDED {
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let mut lines: Vec<String> = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if columns == 0 {
                lines.push(line.to_string());
                continue;
            }
            let mut kept: Vec<&str> = line.split('\t').take(columns).collect();
            if terms != AsWritten {
                kept.push(if lines.is_empty() { "kind" } else { word_kind(kept[0]) });
            }
            lines.push(kept.join("\t"));
        }
        if terms == KindGrouped {
            group_by_term(&mut lines);
        }
        let mut compact = lines.join("\n");
        compact.push('\n');
        let name = source.replace('/', "-");
        fs::write(Path::new(&out).join(name), compact).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}

/// Puts the rows of a term together (after the header), in the order terms first appear:
/// a dimension table then adds a row to the entry before it or starts a new one, with no
/// lookup of its pattern among all entries (see `DimensionTable::load_builtin`).
fn group_by_term(lines: &mut [String]) {
    let term = |line: &String| line.split('\t').next().unwrap_or("").trim().to_string();
    let mut first_seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, line) in lines.iter().enumerate().skip(1) {
        first_seen.entry(term(line)).or_insert(i);
    }
    lines[1..].sort_by_key(|line| first_seen[&term(line)]);
}

/// The `kind` column of a valence term (see the module comment).
fn word_kind(term: &str) -> &'static str {
    let lower_latin1 = |c: char| c <= '\u{FF}' && c.is_alphabetic() && c.to_lowercase().eq([c]);
    if term.is_empty() || term.trim() != term || !term.chars().all(lower_latin1) {
        ""
    } else if term.chars().all(|c| latin1::fold_latin1(c) == c) {
        "w"
    } else {
        "a"
    }
}
