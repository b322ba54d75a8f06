//! `score`: any text gets a bounded, faithful, serialisable report.
#![no_main]

#[path = "common.rs"]
mod common;

use emotics::{Language, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let checker = common::checker();
    let report = checker.score(&text);
    assert_eq!(report.length.profiles.len(), checker.profiles().len());
    common::check_tone(&text, &report);
    common::check_json(&report);
    // The same text with the language forced (the other code paths of the lexicons).
    let language = if data.len().is_multiple_of(2) { Language::Fr } else { Language::En };
    let forced = checker.score_with(&text, &Options { language: Some(language) });
    assert_eq!(forced.language, language);
    common::check_tone(&text, &forced);
    // Length does not depend on the language.
    assert_eq!(forced.length.profiles, report.length.profiles);
});
