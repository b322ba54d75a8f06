//! Embeds the data files compactly: comments and the columns the library never reads
//! (`source`, `note`) are left out of the copies in OUT_DIR that `include_str!` embeds, which
//! keeps the WebAssembly module within its size budget. The files in `lexicons/` and
//! `data/` stay the readable, diffable source of truth.

use std::env;
use std::fs;
use std::path::Path;

/// (source file, number of leading columns the library reads; 0 keeps every column).
const EMBEDDED: [(&str, usize); 21] = [
    ("lexicons/fr/valence.tsv", 2),
    ("lexicons/en/valence.tsv", 2),
    ("lexicons/emoji/valence.tsv", 2),
    ("lexicons/emoji/emoticons.tsv", 2),
    ("lexicons/fr/modifiers.tsv", 3),
    ("lexicons/en/modifiers.tsv", 3),
    ("lexicons/fr/function-words.txt", 1),
    ("lexicons/en/function-words.txt", 1),
    ("lexicons/fr/false-friends.txt", 1),
    ("lexicons/emotions/fr.tsv", 3),
    ("lexicons/emotions/en.tsv", 3),
    ("lexicons/emotions/emoji.tsv", 3),
    ("lexicons/emotions/calibration.tsv", 3),
    ("lexicons/tones/fr.tsv", 3),
    ("lexicons/tones/en.tsv", 3),
    ("lexicons/tones/emoji.tsv", 3),
    ("lexicons/tones/formality-fr.tsv", 3),
    ("lexicons/tones/formality-en.tsv", 3),
    ("data/x/emoji.txt", 0),
    ("data/x/tlds.txt", 0),
    ("data/profiles.tsv", 0),
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (source, columns) in EMBEDDED {
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let mut compact = String::with_capacity(text.len());
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if columns == 0 {
                compact.push_str(line);
            } else {
                let kept: Vec<&str> = line.split('\t').take(columns).collect();
                compact.push_str(&kept.join("\t"));
            }
            compact.push('\n');
        }
        let name = source.replace('/', "-");
        fs::write(Path::new(&out).join(name), compact).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}
