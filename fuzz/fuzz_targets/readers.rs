//! `readers`: every reader turns any file into messages and errors with valid positions.
//!
//! Input: byte 0 picks the format (`% 7`) and the options (`/ 7`: bit 0 blocks for text,
//! bit 1 an explicit field/column `text`, bit 2 the `;` delimiter); the rest is the file
//! (UTF-8, lossy).
#![no_main]

use emotics::source::{Format, Item, LineIndex, ReadOptions, TextMode, read};
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 7] =
    [Format::Text, Format::Csv, Format::Tsv, Format::Json, Format::Jsonl, Format::Yaml, Format::Po];

fn allow_known() -> bool {
    static ALLOW: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ALLOW.get_or_init(|| std::env::var_os("EMOTICS_FUZZ_ALLOW_KNOWN").is_some_and(|v| v == "1"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let source = String::from_utf8_lossy(rest);
    let format = FORMATS[usize::from(selector) % FORMATS.len()];
    let flags = selector / 7;
    let options = ReadOptions {
        text_mode: if flags & 1 != 0 { TextMode::Blocks } else { TextMode::Lines },
        column: (flags & 2 != 0).then(|| "text".to_string()),
        delimiter: (flags & 4 != 0).then_some(b';'),
        field: (flags & 2 != 0).then(|| "text".to_string()),
        record_fields: if flags & 8 != 0 { vec!["canal".to_string()] } else { Vec::new() },
    };
    let document = read(format, &source, &options);
    let lines = LineIndex::new(&source);
    // Lines are counted after every `\n`, so a position may name the line after the last one.
    let last_line = lines.line_count();
    // Known bug (tests/fuzz_regressions.rs): CSV/TSV messages after a CR LF are placed on
    // the previous line. `EMOTICS_FUZZ_ALLOW_KNOWN=1` skips those positions to fuzz on.
    let known_crlf = matches!(format, Format::Csv | Format::Tsv) && source.contains('\r') && allow_known();
    for item in &document.items {
        match item {
            Item::Message(_) if known_crlf => {}
            Item::Message(m) => {
                assert!(m.line >= 1 && m.column >= 1, "{format:?}: message at {}:{}", m.line, m.column);
                assert!(m.line <= last_line, "{format:?}: message line {} of {last_line}", m.line);
                let range = lines.line_range(m.line, &source);
                let width = source[range].chars().count();
                assert!(m.column <= width + 1, "{format:?}: message column {} past the line ({width})", m.column);
                if let Some(map) = &m.map {
                    // every span on character boundaries maps into the file, in order
                    let mut previous = 0;
                    for (i, _) in m.text.char_indices().chain([(m.text.len(), ' ')]) {
                        let range = map.source_range(i..m.text.len());
                        assert!(source.get(range.clone()).is_some(), "{format:?}: {i} maps to {range:?}");
                        assert!(range.start >= previous, "{format:?}: {i} maps back to {range:?}");
                        previous = range.start;
                    }
                    // The message's first character is where its position says (CSV gives
                    // the cell's, which may start with a quote).
                    let at = map.source_range(0..0).start;
                    if !matches!(format, Format::Csv | Format::Tsv) && !m.text.is_empty() {
                        assert_eq!(
                            lines.position(&source, at),
                            (m.line, m.column),
                            "{format:?}: message {:?} at byte {at}",
                            m.text
                        );
                    }
                }
            }
            Item::Error(e) => {
                assert!(e.line >= 1 && e.column >= 1, "{format:?}: error at {}:{}", e.line, e.column);
                assert!(e.line <= last_line, "{format:?}: error line {} of {last_line}", e.line);
                assert!(!e.message.is_empty(), "{format:?}: empty error message");
            }
        }
    }
});
