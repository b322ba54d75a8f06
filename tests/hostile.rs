//! Hostile input: whatever users paste or CI feeds gets a report or an error at its place,
//! never a panic, a hang or a lost record. Run in release by `scripts/test` (the inputs are
//! large); how fast each one goes is for the benchmarks, not for these tests.

use std::process::{Command, Stdio};

use emotics::tone::{Explanation, Family, LISTED_RULES};
use emotics::{Checker, LISTED_UCS2, ProfileDetail};

fn check_report(text: &str) {
    let checker = Checker::new();
    let report = checker.score(text);
    assert!((-1.0..=1.0).contains(&report.tone.valence));
    for e in &report.tone.explanations {
        assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
    }
    for p in &report.length.profiles {
        if let Some(o) = p.overflow {
            assert!(o.start <= o.end && o.end == text.len() && text.is_char_boundary(o.start), "{}", p.name);
        }
    }
    serde_json::to_string(&report).expect("every report serialises");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn ten_megabytes_on_one_line() {
    let text = "Dernière chance : -50 % sur tout, c'est génial ! 😀 https://example.com/offre ".repeat(130_000);
    assert!(text.len() > 10_000_000);
    check_report(&text);
    let x = Checker::new().length(&text);
    assert!(!x.get("x").unwrap().valid);
}

/// A 10 MB text has an explanation for every word the rules read; the report lists at most
/// `LISTED_RULES` of each dimension and sums the rest, so that it stays small (313 MB of JSON
/// before) and the explanations still add up to the rule engine's sums.
#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn a_ten_megabyte_report_lists_a_bounded_number_of_explanations() {
    let text = "Trop génial, merci ! Mais ce n'est pas terrible, vraiment décevant… Offre VIP urgente ".repeat(115_000);
    assert!(text.len() > 10_000_000);
    for checker in [Checker::new(), Checker::without_model()] {
        let tone = checker.score(&text).tone;
        let mut per_dimension: Vec<((Family, &str), usize)> = Vec::new();
        for e in &tone.explanations {
            match per_dimension.iter_mut().find(|(key, _)| *key == (e.family, e.dimension.as_ref())) {
                Some((_, n)) => *n += 1,
                None => per_dimension.push(((e.family, e.dimension.as_ref()), 1)),
            }
        }
        assert!(per_dimension.iter().all(|&(_, n)| n <= LISTED_RULES), "{per_dimension:?}");
        assert!(!tone.unlisted.is_empty());
        for u in &tone.unlisted {
            let listed = per_dimension.iter().find(|(key, _)| *key == (u.family, u.dimension.as_ref()));
            assert_eq!(listed.map(|&(_, n)| n), Some(LISTED_RULES), "{u:?}");
            assert!(u.count > 100_000, "{u:?}");
        }
        if checker.model_name().is_empty() {
            // the rule engine's valence is still the normalised sum of what is listed and not
            let valence = |e: &Explanation| e.family == Family::Valence;
            let sum: f64 = tone.explanations.iter().filter(|e| valence(e)).map(|e| e.score).sum::<f64>()
                + tone.unlisted.iter().filter(|u| u.family == Family::Valence).map(|u| u.score).sum::<f64>();
            assert!((sum / (sum * sum + 15.0).sqrt() - tone.valence).abs() < 0.002, "{sum} {}", tone.valence);
        }
        assert!(serde_json::to_string(&tone).unwrap().len() < 3_000_000);
    }
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn a_million_emoji_combining_marks_and_nul_bytes() {
    check_report(&"😀".repeat(1_000_000));
    check_report(&"👩🏽‍💻".repeat(100_000));
    check_report(&"\u{301}".repeat(200_000));
    check_report(&"e\u{301}\u{302}\u{303}\u{304}".repeat(50_000));
    check_report(&"a\0b\0\u{FEFF}\u{FFFE}".repeat(100_000));
    check_report("\u{0}");
    check_report("");
}

/// A million emoji are all counted (a message that long is scored in windows; its lengths are
/// measured whole), and its SMS report lists the first `LISTED_UCS2` that force UCS-2.
#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn a_million_emoji_are_all_counted_and_the_first_thousand_listed() {
    let text = "😀".repeat(1_000_000);
    let report = Checker::new().score(&text);
    let profile = |name: &str| report.length.profiles.iter().find(|p| p.name == name).unwrap();
    assert_eq!(profile("push_ios_title").length, 1_000_000);
    assert_eq!(profile("whatsapp").length, 2_000_000);
    assert_eq!(profile("x").length, 2_000_000);
    let Some(ProfileDetail::Sms(sms)) = &profile("sms").detail else { panic!("an SMS report") };
    assert_eq!((sms.units, sms.segments), (2_000_000, 30_304));
    assert_eq!(sms.ucs2_characters.len(), LISTED_UCS2);
    assert_eq!(sms.ucs2_characters.last().unwrap().span.start, 4 * (LISTED_UCS2 - 1));
    assert!(report.tone.explanations.len() <= 2 * LISTED_RULES);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn a_lexicon_of_100_000_entries_and_slow_patterns() {
    let mut lexicon = String::from("# format: emotics-dimensions 1\nterm\tdimension\tweight\n");
    for i in 0..100_000 {
        lexicon.push_str(&format!("mot{i}\tconfiance\t0.5\n"));
    }
    // patterns built to be slow: long shared prefixes with wildcards, and long phrases
    for i in 0..2_000 {
        lexicon.push_str(&format!("{}{i}*\tconfiance\t0.1\n", "a".repeat(20)));
        lexicon.push_str(&format!("{} fin{i}\tconfiance\t0.1\n", "a a a a a a a a a a"));
    }
    let mut checker = Checker::new();
    checker.load_lexicon("big.tsv", &lexicon).expect("loads");
    let text = format!("{} mot99999", "a ".repeat(50_000) + &"a".repeat(50_000));
    let report = checker.score(&text);
    assert!(report.tone.tones.get("confiance").unwrap() > 0.0);
}

fn emotics(args: &[&str], dir: &std::path::Path, stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_emotics"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn hostile_campaign_files() {
    let dir = std::env::temp_dir().join(format!("emotics-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // 100,000 columns, the message in the last one
    let mut header: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    header.push("text".into());
    let mut row: Vec<String> = (0..100_000).map(|_| String::new()).collect();
    row.push("CLIQUEZ ICI MAINTENANT POUR VOIR".into());
    std::fs::write(dir.join("wide.csv"), format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    // a JSON Lines record nested 10,000 deep between two good ones
    let deep = format!("{{\"text\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(dir.join("deep.jsonl"), format!("{{\"text\": \"un\"}}\n{deep}\n{{\"text\": \"deux\"}}\n")).unwrap();
    // BOM, CRLF and NUL bytes in a text file
    std::fs::write(dir.join("crlf.txt"), "\u{FEFF}Bonjour\r\nNUL\0ici\r\n\r\nFin\r\n").unwrap();
    let out = emotics(&["check", "--no-config", "--format", "json", "."], &dir, b"");
    let _ = std::fs::remove_dir_all(&dir);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON findings");
    let files = json["files"].as_array().unwrap();
    let messages =
        |name: &str| files.iter().find(|f| f["path"].as_str().unwrap().ends_with(name)).unwrap()["messages"].clone();
    assert_eq!(messages("wide.csv"), 1);
    assert_eq!(messages("deep.jsonl"), 2, "the records around the deep one are read");
    assert_eq!(messages("crlf.txt"), 3);
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "input" && f["line"] == 2 && f["message"].as_str().unwrap().contains("nested"))
    );
    assert!(findings.iter().any(|f| f["path"].as_str().unwrap().ends_with("wide.csv") && f["rule"] == "shouting"));
    assert!(!findings.iter().any(|f| f["text"].as_str().is_some_and(|t| t.contains('\r'))));
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn scoring_a_huge_stream_keeps_every_line() {
    let mut input = Vec::new();
    for i in 0..20_000 {
        input.extend_from_slice(format!("{{\"id\": {i}, \"text\": \"Message {i} 😀\"}}\n").as_bytes());
        if i % 1000 == 0 {
            input.extend_from_slice(b"{\"id\": \"bad\", \"text\": 42}\n\xff\xfe\n");
        }
    }
    let out = emotics(&["score", "--jsonl"], &std::env::temp_dir(), &input);
    let lines = out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    assert_eq!(lines, 20_000 + 2 * 20, "one output line per input line");
    assert_eq!(out.status.code(), Some(1));
}

/// A finding quotes its message in some formats: a long message's many findings each quote a
/// bounded part of it (a 10 MB line with 2,285 findings made 22 GB of JSON).
#[test]
#[cfg_attr(debug_assertions, ignore = "large inputs: run in release by scripts/test")]
fn the_findings_of_a_long_message_quote_a_bounded_part_of_it() {
    let dir = std::env::temp_dir().join(format!("emotics-long-findings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "Une offre gratuite pour vous, vraiment épatante. ".repeat(4_000);
    assert!(text.len() > emotics::LONG_FROM);
    std::fs::write(dir.join("long.txt"), format!("{text}\n")).unwrap();
    // escaped, so that where its characters are in the file is not known: the message is quoted
    let escaped = serde_json::to_string(&text).unwrap().replace('é', "\\u00e9");
    std::fs::write(dir.join("long.jsonl"), format!("{{\"text\": {escaped}}}\n")).unwrap();
    std::fs::write(dir.join("emotics.toml"), "[rules.forbidden]\nwords = [\"gratuit*\"]\n").unwrap();
    for file in ["long.txt", "long.jsonl"] {
        for format in ["human", "json", "sarif", "github", "junit", "checkstyle"] {
            let out = emotics(&["check", "--format", format, file], &dir, b"");
            let written = String::from_utf8(out.stdout).unwrap();
            assert!(written.matches("gratuit").count() >= 4_000, "{file} {format}: every finding is written");
            assert!(written.len() < 4_000 * 2_000, "{file} {format}: {} bytes", written.len());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
