//! `config`: any emotics.toml parses or gives a positioned error; a parsed one resolves into
//! a linter (or a positioned error) that checks messages.
#![no_main]

#[path = "common.rs"]
mod common;

use emotics::check::{Config, Linter};
use libfuzzer_sys::fuzz_target;

const MESSAGES: [&str; 3] = [
    "Dernière chance : -50 % sur tout ! Cliquez ici, c'est GRATUIT 🎉 #soldes @marque",
    "Tu vas adorer, vous allez voir. STOP 36111",
    "",
];

fn check_error(text: &str, e: &emotics::check::ConfigError) {
    assert_eq!(e.path, "f");
    assert!(e.line >= 1 && e.column >= 1, "error at {}:{}", e.line, e.column);
    assert!(e.line <= text.lines().count().max(1) + 1, "error line {} past the file", e.line);
    assert!(!e.message.is_empty());
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let config = match Config::parse("f", text) {
        Ok(config) => config,
        Err(e) => return check_error(text, &e),
    };
    let checker = common::checker();
    let all: Vec<usize> = (0..config.overrides.len()).collect();
    for matching in [&[][..], &all[..]] {
        let settings = config.settings(matching);
        let linter = match Linter::new(checker, &settings, ("f", text)) {
            Ok(linter) => linter,
            Err(e) => {
                check_error(text, &e);
                continue;
            }
        };
        let mut checked = Vec::new();
        for message in MESSAGES {
            let (report, c) = linter.check(checker, message);
            assert_eq!(report.length.profiles.len(), settings.platforms.len(), "one length per platform");
            for f in &c.findings {
                if let Some((start, end)) = f.span {
                    assert!(start <= end && end <= message.len(), "finding span {start}..{end} in {message:?}");
                    assert!(
                        message.is_char_boundary(start) && message.is_char_boundary(end),
                        "finding span cuts a char"
                    );
                }
            }
            serde_json::to_string(&c.findings).expect("findings serialise");
            checked.push(c);
        }
        linter.check_file(&MESSAGES, &mut checked);
    }
});
