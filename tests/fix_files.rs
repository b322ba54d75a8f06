//! `emotics check --fix`, `--unsafe-fixes` and `--diff` on every format `check` reads: SMS
//! copy that pays for typographic characters is fixed in place, the files' other bytes
//! (quoting, escapes, comments, folding, continuation lines) untouched.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// An SMS over one segment only because of its typographic apostrophes, dash and ellipsis:
/// `apostrophe`, `dash` and `ellipsis` written in, as a format writes them.
fn sms(apostrophe: &str, dash: &str, ellipsis: &str, e_acute: &str) -> String {
    format!(
        "Profitez de l{apostrophe}offre sp{e_acute}ciale {dash} c{apostrophe}est maintenant ou jamais, chez nous{ellipsis} \
         Rendez-vous sur le site pour en profiter, c{apostrophe}est le moment !"
    )
}

/// Each format's file, before (typographic characters) or after (`fixed`) the fixes, with
/// the places the fixes must not touch: a comment with `’`, quotes, escapes, folding.
fn files(fixed: bool) -> Vec<(&'static str, String)> {
    let (a, d, e) = if fixed { ("'", "-", "...") } else { ("’", "–", "…") };
    let plain = sms(a, d, e, "é");
    let doubled = sms(if fixed { "''" } else { "’" }, d, e, "é");
    let json = sms(if fixed { "'" } else { "\\u2019" }, d, e, "\\u00e9");
    let csv_quoted = sms(a, d, e, "é").replacen("Profitez", "\"\"Profitez\"\"", 1);
    let po_split = |s: &str| {
        let (first, rest) = s.split_at(s.find("Rendez").unwrap());
        format!("msgstr \"\"\n\"{first}\"\n\"{rest}\"\n")
    };
    vec![
        ("copy.txt", format!("# l’équipe\n{plain}\nBonjour !\n")),
        ("copy.md", format!("{plain}\n")),
        ("copy.csv", format!("id,text,note\n1,\"{csv_quoted}\",l’équipe\n2,court,x\n")),
        ("copy.tsv", format!("id\ttext\n1\t{plain}\n")),
        (
            "copy.json",
            format!(
                "{{\n  // l’équipe\n  \"sms\": {{\"a\": \"{json}\\nSTOP\", \"b\": \"caf\\u00e9 \\\"ok\\\"\"}}\n}}\n"
            ),
        ),
        ("copy.jsonl", format!("{{\"id\": 1, \"text\": \"{json}\"}}\n{{\"id\": 2, \"text\": \"l’été\"}}\n")),
        (
            "copy.yaml",
            format!(
                "# l’équipe\nplain: {plain} # fin\nsingle: '{doubled}'\ndouble: \"{json}\"\nfolded: >\n  {first}\n  {rest}\n",
                first = sms(a, d, e, "é").split(" Rendez").next().unwrap(),
                rest = sms(a, d, e, "é").split(" nous").nth(1).map(|r| r.trim_start_matches(['.', '…', ' '])).unwrap(),
            ),
        ),
        ("copy.po", format!("# l’équipe\nmsgid \"promo\"\n{}", po_split(&plain))),
    ]
}

struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(files: &[(&str, String)]) -> Project {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("emotics-fix-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, content) in files {
            std::fs::write(dir.join(name), content).unwrap();
        }
        Project { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_emotics"))
            .args(["check", "--no-config", "--platform", "sms"])
            .args(args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap()
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        let out = self.run(&[&["--format", "json"], args].concat());
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"].as_array().unwrap().clone()
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Every format: `--fix` leaves each file equal to the original with only the expected
/// replacements, and a second check has no SMS length finding left.
#[test]
fn fix_round_trips_every_format() {
    let before = files(false);
    let project = Project::new(&before);
    let lengths = project.json(&[]).iter().filter(|f| f["rule"] == "length").count();
    assert!(lengths >= before.len(), "each file has a message over one SMS ({lengths})");
    let out = project.run(&["--fix"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for ((name, expected), (_, original)) in files(true).into_iter().zip(&before) {
        assert_ne!(&expected, original, "{name} has something to fix");
        assert_eq!(project.read(name), expected, "{name}");
    }
    let left: Vec<Value> = project.json(&[]).into_iter().filter(|f| f["rule"] == "length").collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `--diff` prints the change as a unified diff and writes nothing; exit 1 when there is one.
#[test]
fn diff_writes_nothing() {
    let project = Project::new(&[("copy.txt", format!("# l’équipe\n{}\n", sms("’", "–", "…", "é")))]);
    let out = project.run(&["--diff"]);
    let diff = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let expected = format!(
        "--- a/copy.txt\n+++ b/copy.txt\n@@ -1,2 +1,2 @@\n # l’équipe\n-{}\n+{}\n",
        sms("’", "–", "…", "é"),
        sms("'", "-", "...", "é")
    );
    assert_eq!(diff, expected);
    assert_eq!(project.read("copy.txt"), format!("# l’équipe\n{}\n", sms("’", "–", "…", "é")));
}

/// An emoji keeps an SMS in UCS-2: removing it is lossy, so only `--unsafe-fixes` does.
#[test]
fn lossy_fixes_only_when_asked() {
    let text = format!("{} 🎉\n", sms("'", "-", "...", "é"));
    let project = Project::new(&[("copy.txt", text.clone())]);
    let fixes: Vec<Value> =
        project.json(&[]).iter().flat_map(|f| f["fixes"].as_array().cloned().unwrap_or_default()).collect();
    assert!(fixes.iter().any(|f| f["class"] == "lossy"), "{fixes:?}");
    project.run(&["--fix"]);
    assert_eq!(project.read("copy.txt"), text);
    let out = project.run(&["--fix", "--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(project.read("copy.txt"), format!("{}\n", sms("'", "-", "...", "é")));
}

/// An unquoted CSV field whose fix brings a quote in is quoted whole; that edit covers the
/// cell's other fixes, which the summary reports as left, and a second `--fix` applies.
#[test]
fn unquoted_csv_field_is_quoted() {
    let message = sms("’", "–", "…", "é").replace(", ", " ").replacen("spéciale", "“spéciale”", 1);
    let project = Project::new(&[("copy.csv", format!("id;text\n1;{message}\n"))]);
    let out = project.run(&["--fix"]);
    let summary = String::from_utf8(out.stderr).unwrap();
    let first = project.read("copy.csv");
    assert!(first.starts_with("id;text\n1;\"") && first.ends_with("\"\n"), "{first}");
    assert!(summary.contains("; 1 fix(es) applied, 6 left (overlapping"), "{summary}");
    project.run(&["--fix"]);
    let fixed = sms("'", "-", "...", "é").replace(", ", " ").replacen("spéciale", "\"\"spéciale\"\"", 1);
    assert_eq!(project.read("copy.csv"), format!("id;text\n1;\"{fixed}\"\n"));
}

/// JSON and SARIF findings carry each fix as an edit of the file: applying the edits of the
/// safe fixes gives what `--fix` writes. SARIF's follow the 2.1.0 shape of `fixes`.
#[test]
fn json_and_sarif_carry_the_fixes() {
    let source = format!("{{\"sms\": \"{}\"}}\n", sms("\\u2019", "–", "…", "\\u00e9"));
    let project = Project::new(&[("copy.json", source.clone())]);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for finding in project.json(&[]) {
        for fix in finding["fixes"].as_array().cloned().unwrap_or_default() {
            assert_eq!(fix["class"], "safe");
            assert!(fix["description"].as_str().is_some_and(|d| !d.is_empty()));
            let edit = &fix["edits"][0];
            assert!(edit["start_line"].as_u64() == Some(1) && edit["start_column"].as_u64() > Some(1));
            let (start, end) = (edit["start"].as_u64().unwrap() as usize, edit["end"].as_u64().unwrap() as usize);
            edits.push((start, end, edit["replacement"].as_str().unwrap().to_string()));
        }
    }
    edits.sort();
    edits.dedup();
    let mut applied = source.clone();
    for (start, end, replacement) in edits.iter().rev() {
        applied.replace_range(start..end, replacement);
    }
    assert_eq!(applied, format!("{{\"sms\": \"{}\"}}\n", sms("'", "-", "...", "\\u00e9")));

    let out = project.run(&["--format", "sarif"]);
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let fixes: Vec<&Value> =
        sarif["runs"][0]["results"].as_array().unwrap().iter().flat_map(|r| r["fixes"].as_array().unwrap()).collect();
    assert_eq!(fixes.len(), edits.len());
    for fix in fixes {
        assert!(fix["description"]["text"].is_string());
        let change = &fix["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "copy.json");
        let replacement = &change["replacements"][0];
        let region = &replacement["deletedRegion"];
        for key in ["startLine", "startColumn", "endLine", "endColumn", "byteLength"] {
            assert!(region[key].as_u64().is_some(), "{key}: {region}");
        }
        let at = region["byteOffset"].as_u64().unwrap() as usize;
        let replaced = edits.iter().find(|e| e.0 == at).unwrap();
        assert_eq!(replacement["insertedContent"]["text"], replaced.2.as_str());
    }
    project.run(&["--fix"]);
    assert_eq!(project.read("copy.json"), applied);
}

/// The GitHub format shows the message as the safe fixes make it.
#[test]
fn github_annotations_suggest_the_fixed_message() {
    let project = Project::new(&[("copy.txt", format!("{}\n", sms("’", "–", "…", "é")))]);
    let out = String::from_utf8(project.run(&["--format", "github"]).stdout).unwrap();
    let suggested = format!("%0Asuggested: {}", sms("'", "-", "...", "é"));
    assert!(out.lines().any(|l| l.starts_with("::warning") && l.ends_with(&suggested)), "{out}");
}

/// A fix that would change how the file reads (removing an invisible space between `:` and
/// a space in a plain YAML scalar makes a mapping of it) is not written: the file is left
/// as it is and the reason reported.
#[test]
fn a_fix_that_changes_how_the_file_reads_is_not_written() {
    let source = format!("promo: {} x:\u{200B} y\n", sms("'", "-", "...", "é"));
    let project = Project::new(&[("copy.yaml", source.clone())]);
    let fixes = project.json(&[]).iter().filter(|f| f["fixes"].is_array()).count();
    assert!(fixes > 0, "the zero-width space has a fix");
    let out = project.run(&["--fix"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("would not read as the fixed messages; not written"), "{stderr}");
    assert_eq!(project.read("copy.yaml"), source);
}
