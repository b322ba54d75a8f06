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
    // written from another thread: a long output fills its pipe before a long input is read
    let mut pipe = child.stdin.take();
    let input = stdin.map(<[u8]>::to_vec);
    let writer = std::thread::spawn(move || {
        if let (Some(pipe), Some(input)) = (pipe.as_mut(), input) {
            pipe.write_all(&input).unwrap();
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
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
fn jsonl_jobs_keep_the_input_order_across_batches() {
    // more lines than a batch holds, with bad and blank lines among them: every thread
    // count gives the same lines in the same order, each id in its place
    let mut input = String::new();
    for i in 0..9_000 {
        match i % 1_000 {
            500 => input.push_str("not json\n"),
            501 => input.push('\n'),
            _ => input.push_str(&format!("{{\"id\": {i}, \"text\": \"Offre n°{i} : -{} % !\"}}\n", i % 90)),
        }
    }
    let one = emotics(&["score", "--jsonl", "--profile", "sms", "--jobs", "1"], Some(input.as_bytes()));
    let three = emotics(&["score", "--jsonl", "--profile", "sms", "-j", "3"], Some(input.as_bytes()));
    assert_eq!(one.status.code(), Some(1), "the bad lines make the exit code 1");
    assert_eq!(three.status.code(), Some(1));
    assert_eq!(one.stdout, three.stdout, "three threads write what one writes");
    let lines = json_lines(&three);
    assert_eq!(lines.len(), 9_000 - 9, "one output line per non-blank input line");
    let ids: Vec<u64> = lines.iter().filter_map(|l| l["id"].as_u64()).collect();
    let expected: Vec<u64> = (0..9_000).filter(|i| i % 1_000 < 500 || i % 1_000 > 501).collect();
    assert_eq!(ids, expected, "reports keep the input order");
    assert_eq!(lines[500]["line"], 501, "a bad line is reported with its line number, in place");
    assert_eq!(lines[8_990]["line"], serde_json::Value::Null);
    assert!(emotics(&["score", "--jsonl", "--jobs", "0"], Some(b"")).status.code() == Some(2), "--jobs 0 is refused");
}

#[test]
fn a_long_message_is_read_alike_on_any_number_of_jobs() {
    // over 100,000 bytes, a message is read in windows shared among the jobs
    let long = "Offre exclusive, vraiment géniale ! Terrible service, never again. ".repeat(2_000);
    let input = format!("{}\n", serde_json::json!({ "id": 1, "text": long }));
    let one = emotics(&["score", "--jsonl", "--jobs", "1"], Some(input.as_bytes()));
    let three = emotics(&["score", "--jsonl", "-j", "3"], Some(input.as_bytes()));
    assert!(one.status.success() && one.stdout.len() > 1_000);
    assert_eq!(one.stdout, three.stdout);
}

#[test]
fn score_adds_fit_plans_and_suggestions_when_asked() {
    let text = "CLIQUEZ ICI pour votre cadeau GRATUIT !!! L’offre « spéciale » se termine ce soir – profitez-en vite sur notre site, c’est maintenant ou jamais, chez nous…";
    let input = format!("{}\n", serde_json::json!({"id": 1, "text": text}));
    let args = ["score", "--jsonl", "--profile", "sms", "--fit", "sms", "--target", "spamminess <= 0.2"];
    let out = emotics(&args, Some(input.as_bytes()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line = &json_lines(&out)[0];
    assert_eq!(line["id"], 1);
    let plan = &line["fit"][0];
    assert_eq!((plan["profile"].as_str(), plan["before"]["length"].as_u64()), (Some("sms"), Some(3)));
    assert_eq!(
        (plan["after_safe"]["length"].as_u64(), plan["after_safe"]["encoding"].as_str()),
        (Some(1), Some("GSM-7"))
    );
    assert!(plan["edits"].as_array().unwrap().iter().all(|e| e["class"] == "safe"));
    let best = &line["suggestions"][0];
    assert_eq!(best["reaches"], true);
    assert!(best["text"].as_str().unwrap().starts_with("Découvrez l'offre"), "{best}");
    assert!(best["targets"][0]["after"].as_f64().unwrap() <= 0.2);
    // without the options, the report has neither
    let plain = emotics(&["score", "--jsonl", "--profile", "sms"], Some(input.as_bytes()));
    assert!(json_lines(&plain)[0].get("fit").is_none() && json_lines(&plain)[0].get("suggestions").is_none());
    // readable output
    let human = emotics(&["score", "--profile", "sms", "--fit", "sms", "--target", "spamminess <= 0.2", text], None);
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(
        human.contains("fit sms") && human.contains("3 segments UCS-2 → 1 segment GSM-7 with the safe edits"),
        "{human}"
    );
    assert!(human.contains("suggestion 1") && human.contains("reaches spamminess <= 0.2"), "{human}");
    // what cannot be followed is a usage error
    let bad = emotics(&["score", "--fit", "fax", "x"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown profile `fax`"));
    let bad = emotics(&["score", "--target", "spamines <= 0.2", "x"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("did you mean `spamminess`?"));
}

#[test]
fn score_suggests_a_tu_vous_rewrite_for_a_register_target() {
    let text = "Ton colis arrive demain : suis-le et n’hésite pas à nous écrire !";
    let human = emotics(&["score", "--profile", "sms", "--target", "register = vous", text], None);
    assert!(human.status.success(), "{}", String::from_utf8_lossy(&human.stderr));
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(human.contains("suggestion 1") && human.contains("reaches register = vous (0 → 1)"), "{human}");
    assert!(human.contains("Votre colis arrive demain : suivez-le et n’hésitez pas à nous écrire !"), "{human}");
    let input = format!("{}\n", serde_json::json!({"text": text}));
    let out = emotics(&["score", "--jsonl", "--profile", "sms", "--target", "register = vous"], Some(input.as_bytes()));
    let best = &json_lines(&out)[0]["suggestions"][0];
    assert_eq!(best["edits"].as_array().unwrap().len(), 1, "{best}");
    assert_eq!(
        (best["edits"][0]["kind"].as_str(), best["edits"][0]["class"].as_str()),
        (Some("register"), Some("lossy"))
    );
    let bad = emotics(&["score", "--target", "register = polite", "x"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("`register = vous` (or `formal`) or `register = tu`"));
}

#[test]
fn jsonl_fields_and_csv_write_only_what_is_asked() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Dernière chance : -50 % sur tout !\"}\n",
        "nope\n",
        "{\"id\": 7, \"text\": \"Hello, \\\"friend\\\", see you\"}\n",
    );
    let full = json_lines(&emotics(&["score", "--jsonl"], Some(input.as_bytes())));
    let paths = "id,language,tone.valence,tone.label,tone.emotions.joy,length.x.valid,length.sms.segments";
    let out = emotics(&["score", "--jsonl", "--fields", paths], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(1), "the bad line still makes the exit code 1");
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    let raw = String::from_utf8(out.stdout.clone()).unwrap();
    let at: Vec<usize> = paths.split(',').map(|p| raw.find(&format!("\"{p}\":")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "the fields come in the order asked: {raw}");
    for (row, report) in [(&lines[0], &full[0]), (&lines[2], &full[2])] {
        assert_eq!(row.as_object().unwrap().len(), 7, "only the fields asked for");
        for path in paths.split(',') {
            let pointer = format!("/{}", path.replace('.', "/"));
            assert_eq!(row[path], report.pointer(&pointer).cloned().unwrap(), "{path} is the report's");
        }
    }
    assert_eq!(lines[1]["line"], 2, "a bad line is the same error object");
    // CSV: a header, a row per line, the error in its column
    let out =
        emotics(&["score", "--jsonl", "--format", "csv", "--fields", "language,tone.label"], Some(input.as_bytes()));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "id,language,tone.label,error");
    assert_eq!(rows[1], format!("a,fr,{},", full[0]["tone"]["label"].as_str().unwrap()));
    assert!(rows[2].starts_with(",,,line 2: invalid JSON"), "{}", rows[2]);
    assert!(rows[3].starts_with("7,en,"), "{}", rows[3]);
    // without --fields, CSV has every field of the report
    let out = emotics(&["score", "--jsonl", "--format", "csv", "--profile", "sms"], Some(input.as_bytes()));
    let header = String::from_utf8(out.stdout).unwrap().lines().next().unwrap().to_string();
    assert!(
        header.starts_with("id,language,tone.valence,tone.label,") && header.ends_with("length.sms.segments,error"),
        "{header}"
    );
    // an unknown field is a usage error
    let out = emotics(&["score", "--jsonl", "--fields", "tone.valnce"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field `tone.valnce`"));
}

#[test]
fn lines_on_stdin_are_messages_blank_ones_too() {
    let out = emotics(&["score", "--json", "--profile", "x"], Some("Bonjour\n\nHello there\n".as_bytes()));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3, "one report per line, the blank one included");
    assert_eq!(lines[1]["length"]["x"]["length"], 0);
    assert_eq!(lines[2]["language"], "en");
}

/// An empty message (a blank line of stdin, or `""`) is not too long: X refuses it as empty,
/// and with no part to explain, no explanation header is printed.
#[test]
fn an_empty_message_reads_as_empty() {
    for out in [
        emotics(&["score", "--profile", "x,sms", ""], None),
        emotics(&["score", "--profile", "x,sms"], Some("Bonjour\n\n".as_bytes())),
    ] {
        let stdout = String::from_utf8(out.stdout).unwrap();
        let empty = stdout.split("\n\n").last().unwrap();
        assert!(empty.starts_with("«  »"), "{stdout}");
        let x = empty.lines().find(|l| l.trim_start().starts_with("x ")).unwrap();
        assert!(x.ends_with(" empty") && x.contains("0 / 280"), "{x}");
        assert!(!empty.contains("too long") && !empty.contains("what each part adds"), "{empty}");
        assert!(empty.contains("GSM-7, 0 septets"), "{empty}");
    }
    // X refuses U+FEFF whatever the length: an invalid character, not a length
    let out = emotics(&["score", "--profile", "x", "Bonjour\u{FEFF} à tous"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains(" invalid character  from column 8") && !stdout.contains("too long"), "{stdout}");
}

/// The value column of the valence lines is aligned by display width: an emoji takes two
/// columns (it was one place out of line).
#[test]
fn the_valence_column_is_aligned_by_display_width() {
    let out = emotics(&["score", "--profile", "x", "L’offre se termine ce soir 🔥"], None);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("    « ")).collect();
    assert!(lines.iter().any(|l| l.contains("🔥")), "{stdout}");
    for line in &lines {
        let value = line.find(" +").or_else(|| line.find(" -")).unwrap() + 1;
        assert_eq!(unicode_width::UnicodeWidthStr::width(&line[..value]), 27, "{stdout}");
    }
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
