//! The `emotics` binary end to end: arguments, stdin, JSON Lines, errors and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn emotics(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_emotics"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn score_prints_a_readable_report_per_message() {
    let out = emotics(&["score", "Dernière chance : -50 % sur tout !", "Tête-à-tête"], None);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.matches("language").count(), 2);
    assert!(stdout.contains("34 / 280"), "{stdout}");
    assert!(stdout.contains("UCS-2") && stdout.contains("“ê” at 2"), "{stdout}");
}

/// A lone variation selector forces UCS-2 but shows nothing: it is named, not quoted as
/// `“️”`.
#[test]
fn score_names_invisible_characters() {
    let out = emotics(&["score", "--profile", "sms", "Soldes \u{FE0F} ici"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("because of U+FE0F VARIATION SELECTOR-16 at 8"), "{stdout}");
}

#[test]
fn jsonl_keeps_order_ids_and_reports_bad_lines_in_place() {
    let input = concat!(
        "{\"id\": 7, \"text\": \"Hello there\", \"other\": [1]}\n",
        "not json\n",
        "{\"id\": \"b\"}\n",
        "\n",
        "{\"text\": \"Bonjour à tous\"}\r\n",
        "{\"id\": [1], \"text\": 5}\n",
        "[1, 2]\n",
    );
    let out = emotics(&["score", "--jsonl"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "bad lines make the exit code 1");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 6, "every non-blank line gets exactly one output line");
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["language"], "en");
    assert_eq!(lines[0]["length"]["x"]["length"], 11);
    assert_eq!(lines[0]["length"]["x"]["valid_range_end_utf16"], 11);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().starts_with("invalid JSON"));
    assert_eq!(lines[2], serde_json::json!({"id": "b", "line": 3, "error": "missing field `text`"}));
    assert_eq!(lines[3]["id"], Value::Null);
    assert_eq!(lines[3]["language"], "fr");
    assert_eq!(lines[3]["length"]["sms"]["encoding"], "GSM-7");
    assert_eq!(lines[4], serde_json::json!({"id": [1], "line": 6, "error": "field `text` must be a string"}));
    assert_eq!(lines[5]["line"], 7);
}

#[test]
fn jsonl_report_has_the_contract_fields() {
    let out = emotics(&["score", "--jsonl"], Some("{\"id\":1,\"text\":\"Plus que 24 h ⏰ l’offre VIP\"}\n".as_bytes()));
    assert!(out.status.success());
    let report = &json_lines(&out)[0];
    let length = &report["length"];
    for key in ["length", "limit", "valid", "valid_range_end_utf16"] {
        assert!(length["x"].get(key).is_some(), "x.{key}");
    }
    assert_eq!(length["x"]["limit"], 280);
    assert_eq!(length["sms"]["encoding"], "UCS-2");
    assert_eq!(length["sms"]["segments"], 1);
    assert_eq!(length["sms"]["units"], 27);
    assert_eq!(length["sms"]["ucs2_characters"][0]["text"], "⏰");
    assert_eq!(length["sms"]["ucs2_characters"][1]["start_utf16"], 17);
    assert_eq!(length["mastodon"]["limit"], 500);
    assert_eq!(length["bluesky"]["graphemes"], 27);
    assert_eq!(length["bluesky"]["bytes"], 31);
    assert_eq!(length["bluesky"]["valid"], true);
}

#[test]
fn invalid_utf8_is_an_error_line_not_a_crash() {
    let out = emotics(&["score", "--jsonl"], Some(b"{\"text\": \"ok\"}\n\xff\xfe\n"));
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["error"], "invalid UTF-8 at byte 1");
}

#[test]
fn overflow_is_reported_with_byte_and_utf16_spans() {
    let text = format!("{}😀 fin", "é".repeat(279));
    let input = serde_json::json!({"text": text}).to_string() + "\n";
    let out = emotics(&["score", "--jsonl", "--profile", "x"], Some(input.as_bytes()));
    let report = &json_lines(&out)[0];
    let x = &report["length"]["x"];
    assert_eq!(x["length"], 279 + 2 + 4);
    assert_eq!(x["valid"], false);
    assert_eq!(x["overflow"]["start"], 558, "the emoji does not fit: it starts the overflow");
    assert_eq!(x["overflow"]["start_utf16"], 279);
    assert_eq!(x["overflow"]["end_utf16"], 285);
    assert_eq!(x["valid_range_end_utf16"], 279);
    assert!(report["length"].get("sms").is_none(), "--profile restricts the report");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(emotics(&["score", "--profile", "nope", "hi"], None).status.code(), Some(2));
    assert_eq!(emotics(&["score", "--lang", "de", "hi"], None).status.code(), Some(2));
    assert_eq!(emotics(&["score"], None).status.code(), Some(0), "empty stdin: nothing to score");
    assert_eq!(emotics(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn lang_overrides_identification() {
    let out = emotics(&["score", "--json", "--lang", "fr", "Hello there"], None);
    assert_eq!(json_lines(&out)[0]["language"], "fr");
}

#[test]
fn stdin_lines_are_messages() {
    let out = emotics(&["score", "--json"], Some("one\ntwo\r\nthree".as_bytes()));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["length"]["x"]["length"], 3, "CR LF is not part of the message");
}

#[test]
fn profiles_lists_every_profile_with_a_source() {
    let out = emotics(&["profiles", "--json"], None);
    assert!(out.status.success());
    let profiles: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(profiles.iter().any(|p| p["name"] == "x" && p["unit"] == "x-weighted" && p["limit"] == 280));
    assert!(profiles.iter().all(|p| !p["source"].as_str().unwrap().is_empty()));
}

/// A reader that stops early (`emotics check big.txt 2>&1 | head -3`) closes the pipe that
/// stdout and stderr share: every command then ends quietly with success, as ripgrep does,
/// rather than panicking (exit 101) or reporting the broken pipe.
#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("emotics-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.txt");
    let line = "DERNIÈRE CHANCE !!! CLIQUEZ ICI pour votre cadeau gratuit €€€\n";
    std::fs::write(&big, line.repeat(3_000)).unwrap();
    let big_path = big.to_str().unwrap();
    let runs: [&[&str]; 4] = [
        &["check", "--no-config", big_path],
        &["check", "--no-config", "--format", "json", big_path],
        &["score"],
        &["score", "--json"],
    ];
    for args in runs {
        let (reader, writer) = std::io::pipe().unwrap();
        let mut child = {
            // the command holds the pipe's write end until it is dropped: this block drops it
            let mut command = Command::new(env!("CARGO_BIN_EXE_emotics"));
            command
                .args(args)
                .env("NO_COLOR", "1")
                .stdin(std::fs::File::open(&big).unwrap())
                .stdout(writer.try_clone().unwrap())
                .stderr(writer);
            command.spawn().unwrap()
        };
        let mut reader = BufReader::new(reader);
        for _ in 0..3 {
            let mut read = String::new();
            assert!(reader.read_line(&mut read).unwrap() > 0, "{args:?} wrote nothing");
        }
        drop(reader);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
