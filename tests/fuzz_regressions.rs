//! Inputs found by the fuzz targets (`fuzz/`, see fuzz/README.md), minimised by hand and
//! kept as plain tests so that `cargo test` guards them without cargo-fuzz.

use std::ops::Range;

use emotics::Checker;
use emotics::source::{Format, Item, ReadOptions, read};

/// Positions of the messages of `source`, read as `format`, with the file's bytes of each.
fn positions(format: Format, source: &str) -> Vec<(String, usize, usize, Option<Range<usize>>)> {
    read(format, source, &ReadOptions::default())
        .items
        .into_iter()
        .filter_map(|item| match item {
            Item::Message(m) => {
                let place = m.map.map(|map| map.source_range(0..m.text.len()));
                Some((m.text, m.line, m.column, place))
            }
            Item::Error(_) => None,
        })
        .collect()
}

/// fuzz target `readers`, artifact crash-8ec5915030af7f4b4d60afed051d76986379f2a1 (minimised):
/// in a CSV/TSV file with CR LF line endings (Excel's export), every message was placed on
/// the line before its own, one column past that line's end (on its `\n`), and lost its
/// place in the file.
#[test]
fn csv_messages_after_crlf_are_on_their_own_line() {
    let source = "id;message\r\n1;Bonjour\r\n2;Salut\r\n";
    let found = positions(Format::Csv, source);
    assert_eq!(found, vec![("Bonjour".to_string(), 2, 3, Some(14..21)), ("Salut".to_string(), 3, 3, Some(25..30))]);
    let tsv = positions(Format::Tsv, "message\r\nBonjour\r\n");
    assert_eq!(tsv, vec![("Bonjour".to_string(), 2, 1, Some(9..16))]);
}

/// fuzz target `lexicon`, artifact crash-66dc1a673e9a8cd57e3b9fc871b7cafb78da38cd (minimised):
/// a custom dimension given only by emoji terms was dropped: never in `tone.tones`, never
/// scored or explained, and missing from `dimension_names()` (so a `tone-target` on it is
/// refused as unknown).
#[test]
fn custom_dimension_of_emoji_terms_only_is_reported() {
    let mut checker = Checker::new();
    // the shield emoji U+1F6E1 alone defines the custom dimension `serenite`
    let warnings = checker.load_lexicon("f", "term\tdimension\tweight\n\u{1F6E1}\tserenite\t0.5\n").unwrap();
    assert!(warnings.is_empty());
    let (_, tones) = checker.dimension_names();
    assert!(tones.iter().any(|t| t == "serenite"), "serenite missing from {tones:?}");
    let report = checker.score("Votre maison est prot\u{e9}g\u{e9}e \u{1F6E1}");
    let serenite = report.tone.tones.0.iter().find(|(name, _)| name == "serenite");
    assert!(serenite.is_some_and(|(_, score)| *score > 0.0), "tones: {:?}", report.tone.tones.0);
    assert!(report.tone.explanations.iter().any(|e| e.dimension == "serenite" && e.text == "\u{1F6E1}"));
}

/// fuzz target `readers`, artifact crash-b641db84741b0a77376b029dfc2c3d54ba17ac3c (minimised):
/// YAML reads a lone CR as a line break, emotics' line index does not: a line's text
/// (`LineIndex::line_range`) cut every trailing CR, so a message placed among them fell past
/// the end of its line. Lines now lose only their `\n` or `\r\n`; this guards the positions of
/// messages around lone CRs.
#[test]
fn yaml_messages_after_lone_carriage_returns_stay_within_their_line() {
    let source = "a: >\n  un\r\r\rb: deux\r\r\nc: trois\n";
    let index = emotics::source::LineIndex::new(source);
    let found = positions(Format::Yaml, source);
    assert_eq!(found.len(), 3, "{found:?}");
    for (text, line, column, place) in found {
        let line_text = &source[index.line_range(line, source)];
        assert!(column <= line_text.chars().count() + 1, "{text:?} at {line}:{column} past {line_text:?}");
        let place = place.expect("each message is placed in the file");
        assert_eq!(index.position(source, place.start), (line, column), "{text:?}");
    }
}

/// fuzz target `readers`, artifact crash-3eca0b568ea39a0b58b14645afe29e793d181fa2 (kept as
/// found in tests/fuzz-inputs/: its first byte picks YAML): yaml-rust2 placed a folded block
/// scalar full of U+FFFD and NUL on the LF of a CR LF, which gave a column past the end of
/// the line. An offset inside a line ending now counts as the end of its line.
#[test]
fn positions_never_fall_past_the_end_of_their_line() {
    let bytes = include_bytes!("fuzz-inputs/readers-yaml-block-scalar-column");
    let source = String::from_utf8_lossy(&bytes[1..]).into_owned();
    let index = emotics::source::LineIndex::new(&source);
    for format in [Format::Yaml, Format::Text, Format::Csv, Format::Json, Format::Po] {
        for item in read(format, &source, &ReadOptions::default()).items {
            let (line, column) = match item {
                Item::Message(m) => (m.line, m.column),
                Item::Error(e) => (e.line, e.column),
            };
            let line_text = &source[index.line_range(line, &source)];
            assert!(column <= line_text.chars().count() + 1, "{format:?}: {line}:{column} past {line_text:?}");
        }
    }
}
