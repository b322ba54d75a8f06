//! Placeholders and markup in copy (`%(name)s`, `{{firstName}}`, `{0}`, `<strong>`, `&nbsp;`,
//! `:smile:`) are no words: they change neither the language, nor the tone, nor the rules'
//! findings; explanations never point into them; lengths count them as written.

use std::process::{Command, Stdio};

use emotics::{Checker, Language};

/// A message with placeholders, the placeholders it holds, and the same message without them.
const MESSAGES: [(&str, &[&str], &str); 5] = [
    (
        "Bonjour %(name)s, votre <strong>commande</strong> est prête",
        &["%(name)s", "<strong>", "</strong>"],
        "Bonjour , votre commande est prête",
    ),
    ("Vous avez {count} nouveaux messages", &["{count}"], "Vous avez nouveaux messages"),
    ("{{firstName}}, votre code est {0}", &["{{firstName}}", "{0}"], ", votre code est"),
    (
        "Hi { $userName }, your order&nbsp;is <b>ready</b> :tada: %1$s",
        &["{ $userName }", "&nbsp;", "<b>", "</b>", ":tada:", "%1$s"],
        "Hi , your order is ready",
    ),
    (
        "<EM>Nouveau</EM> : <STRONG>la</STRONG> collection, <SPAN>%(count)d</SPAN> modèles",
        &["<EM>", "</EM>", "<STRONG>", "</STRONG>", "<SPAN>", "%(count)d", "</SPAN>"],
        "Nouveau : la collection, modèles",
    ),
];

fn byte_spans(text: &str, placeholders: &[&str]) -> Vec<(usize, usize)> {
    let mut from = 0;
    placeholders
        .iter()
        .map(|p| {
            let start = from + text[from..].find(p).unwrap_or_else(|| panic!("{p} in {text}"));
            from = start + p.len();
            (start, from)
        })
        .collect()
}

#[test]
fn placeholders_change_neither_language_nor_tone() {
    let checker = Checker::new();
    for (text, placeholders, plain) in MESSAGES {
        let report = checker.score(text);
        let without = checker.score(plain);
        assert_eq!(report.language, without.language, "{text}");
        assert_eq!(report.tone.valence, without.tone.valence, "{text}");
        assert_eq!(report.tone.label, without.tone.label, "{text}");
        // the same explanations, by text and score, in every dimension (a phrase of the model
        // joins the words on either side of a placeholder: its text is read without it)
        let unmarked = |words: &str| -> String {
            let mut words = words.to_string();
            for p in placeholders.iter() {
                words = words.replace(p, " ");
            }
            words.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let explained = |r: &emotics::Report| {
            let mut e: Vec<(String, String, String)> = r
                .tone
                .explanations
                .iter()
                .map(|e| (e.dimension.to_string(), unmarked(&e.text), format!("{:.4}", e.score)))
                .collect();
            e.sort();
            e
        };
        assert_eq!(explained(&report), explained(&without), "{text}");
        assert_eq!(report.tone.emotions, without.tone.emotions, "{text}");
        assert_eq!(report.tone.tones, without.tone.tones, "{text}");
        for e in &report.tone.explanations {
            for &(start, end) in &byte_spans(text, placeholders) {
                let (s, t) = (e.span.start, e.span.end);
                let around = s < start && t > end;
                assert!(t <= start || s >= end || around, "{text}: `{}` points into `{}`", e.text, &text[start..end]);
            }
        }
    }
}

#[test]
fn the_po_like_messages_are_french() {
    let checker = Checker::new();
    for (text, _, _) in MESSAGES.iter().filter(|m| !m.0.starts_with("Hi")) {
        assert_eq!(checker.score(text).language, Language::Fr, "{text}");
    }
    assert_eq!(checker.score(MESSAGES[3].0).language, Language::En);
    // English-looking placeholders are no English words: the one French word decides
    assert_eq!(checker.score("{{ first_name }}, {user} : <strong>merci</strong> !").language, Language::Fr);
}

#[test]
fn tags_in_capitals_are_no_shouting_and_no_spam() {
    let report = Checker::new().score(MESSAGES[4].0);
    let spam: Vec<&str> =
        report.tone.explanations.iter().filter(|e| e.dimension == "spamminess").map(|e| e.text.as_str()).collect();
    assert!(spam.is_empty(), "{spam:?}");
}

#[test]
fn lengths_count_placeholders_as_written() {
    let checker = Checker::new();
    for (text, _, _) in MESSAGES {
        let report = checker.score(text);
        let x = report.length.get("x").unwrap();
        // no URL and no character above U+10FF: X counts one a character
        assert_eq!(x.length, text.chars().count(), "{text}");
        // scoring measures as measuring alone does, every profile
        let alone = checker.length(text);
        for profile in &report.length.profiles {
            let measured = alone.get(&profile.name).unwrap();
            assert_eq!((profile.length, profile.valid), (measured.length, measured.valid), "{text}: {}", profile.name);
        }
    }
}

/// `emotics check` on a PO file: tags in capitals are neither shouting nor a spam trigger.
#[test]
fn check_reads_no_rule_into_markup() {
    let po = "msgid \"promo\"\nmsgstr \"<EM>Nouveau</EM> : <STRONG>la</STRONG> collection, <SPAN>%(count)d</SPAN> modèles\"\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_emotics"))
        .args(["check", "--no-config", "--format", "json", "--input-format", "po", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), po.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    for rule in ["shouting", "spam-trigger", "language"] {
        assert!(!rules.contains(&rule), "{rule} in {rules:?}");
    }
}

/// Around placeholders, discounts, emoticons and times read as before.
#[test]
fn discounts_emoticons_and_times_are_still_read() {
    // as the rule engine reads them (the learned model may weigh a cue too little to list it)
    let checker = Checker::without_model();
    let text = "%(name)s, -50 % sur tout à 10:30 <3 :) et 20% off {{ code }}";
    let explained: Vec<String> = checker
        .score(text)
        .tone
        .explanations
        .iter()
        .filter(|e| e.dimension == "valence")
        .map(|e| e.text.clone())
        .collect();
    for cue in ["-50 %", "<3", ":)", "20%"] {
        assert!(explained.iter().any(|e| e == cue), "{cue} in {explained:?}");
    }
    let spans = emotics::text::placeholders::spans(text);
    let found: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(found, ["%(name)s", "{{ code }}"]);
}
