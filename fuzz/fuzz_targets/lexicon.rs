//! `lexicon`: any user lexicon loads or gives a positioned error; a loaded one keeps scoring
//! bounded and faithful, on a fixed message and on one made of its own terms.
#![no_main]

#[path = "common.rs"]
mod common;

use emotics::Checker;
use emotics::lexicon::dimensions::parse_user;
use libfuzzer_sys::fuzz_target;

const FIXED: &str = "Dernière chance : -50 % sur tout ! Profitez-en, c'est sans engagement 🎉";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The parser alone is cheap; a fresh checker (~25 ms) only for lexicons that parse.
    let (entries, warnings) = match parse_user("f", text) {
        Ok(parsed) => parsed,
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1, "error at {}:{}", e.line, e.column);
            return;
        }
    };
    for w in &warnings {
        assert!(w.line >= 1 && w.line <= text.lines().count(), "warning line {}", w.line);
    }
    let mut checker = Checker::new();
    let loaded = checker.load_lexicon("f", text).expect("load_lexicon refuses what parse_user accepts");
    assert_eq!(loaded, warnings);
    let (emotions, tones) = checker.dimension_names();
    for e in &entries {
        let name = e.dimension.strip_prefix("emotion:").unwrap_or(&e.dimension);
        assert!(emotions.iter().chain(&tones).any(|n| n == name), "dimension {name} is not reported");
    }
    // A message made of the lexicon's own terms (wildcards and numbers filled in).
    let mut message = String::new();
    for e in entries.iter().take(64) {
        message.push_str(&e.term.replace("<number>", "12").replace('*', "ment"));
        message.push_str(" ! ");
    }
    for text in [FIXED, message.as_str()] {
        let report = checker.score(text);
        common::check_tone(text, &report);
        common::check_json(&report);
    }
});
