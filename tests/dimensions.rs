//! Emotions, marketing tones and custom dimensions: every message reports all of them, with
//! explanations on real spans; context rules act on them; user lexicons load from the
//! library and the CLI, and bad files fail with their location.

use std::process::Command;

use emotics::tone::dimensions::{EMOTIONS, TONES};
use emotics::{Checker, Language, Options};

fn tone(checker: &Checker, text: &str, language: Language) -> emotics::tone::ToneReport {
    checker.score_with(text, &Options { language: Some(language) }).tone
}

#[test]
fn every_report_has_all_emotions_and_tones() {
    let checker = Checker::new();
    for text in ["", "😀", "Bonjour", "Last chance!", "@marie http://x.co"] {
        let report = checker.score(text);
        let emotions: Vec<&str> = report.tone.emotions.0.iter().map(|(n, _)| n.as_ref()).collect();
        assert_eq!(emotions, EMOTIONS, "{text:?}");
        let tones: Vec<&str> = report.tone.tones.0.iter().map(|(n, _)| n.as_ref()).collect();
        assert_eq!(tones, TONES, "{text:?}");
        for (_, score) in report.tone.emotions.0.iter().chain(&report.tone.tones.0) {
            assert!((0.0..=1.0).contains(score));
        }
    }
}

#[test]
fn marketing_tones_in_both_languages() {
    let checker = Checker::new();
    let cases = [
        ("Dernière chance : plus que 24 h !", Language::Fr, "urgency"),
        ("Last chance: ends tonight!", Language::En, "urgency"),
        ("Réservé aux membres VIP, en avant-première", Language::Fr, "exclusivity"),
        ("Members only: early access", Language::En, "exclusivity"),
        ("Paiement sécurisé, satisfait ou remboursé", Language::Fr, "trust"),
        ("Money-back guarantee, secure checkout", Language::En, "trust"),
        ("Sans engagement, partez où vous voulez", Language::Fr, "freedom"),
        ("No strings attached, travel anytime anywhere", Language::En, "freedom"),
        ("Livraison gratuite et -50 % sur tout", Language::Fr, "value"),
        ("Free shipping and 20% off everything", Language::En, "value"),
        ("Déjà 10 000 clients satisfaits, notre best-seller", Language::Fr, "social_proof"),
        ("Join 10,000 happy customers: our best seller", Language::En, "social_proof"),
        ("GAGNEZ DE L'ARGENT FACILE !!! CLIQUEZ ICI €€€", Language::Fr, "spamminess"),
        ("WIN CASH NOW!!! CLICK HERE $$$", Language::En, "spamminess"),
        ("Merci de votre confiance, n'hésitez pas à nous écrire", Language::Fr, "politeness"),
        ("Thank you for your patience, we appreciate it", Language::En, "politeness"),
    ];
    for (text, language, dimension) in cases {
        let t = tone(&checker, text, language);
        let score = t.tones.get(dimension).unwrap();
        assert!(score >= 0.5, "{text}: {dimension} {score}");
        assert!(t.explanations.iter().any(|e| e.dimension == dimension), "{text}: no explanation for {dimension}");
    }
    let plain = tone(&checker, "Votre colis arrive demain.", Language::Fr);
    for (name, score) in &plain.tones.0 {
        if name != "formality" {
            assert!(*score < 0.5, "plain message: {name} {score}");
        }
    }
}

#[test]
fn explanations_point_at_real_spans() {
    let checker = Checker::new();
    let text = "🔥 Dernière chance : l’offre « VIP » finit ce soir !";
    let report = checker.score(text);
    for e in &report.tone.explanations {
        assert_eq!(&text[e.span.start..e.span.end], e.text, "{}", e.dimension);
        assert_eq!(e.span.start_utf16, text[..e.span.start].encode_utf16().count());
    }
}

/// Asking is interest, the mild form of anticipation: a question mark raises anticipation
/// by a rule, explained on the mark; the same words without it do not.
#[test]
fn a_question_shows_interest() {
    // the rule engine's rule (the learned model weighs it as one feature among others)
    let checker = Checker::without_model();
    for (question, statement, language) in [
        ("Où est la gare ?", "Où est la gare.", Language::Fr),
        ("Where is the station?", "Where is the station.", Language::En),
    ] {
        let asked = tone(&checker, question, language);
        assert!(asked.emotions.get("anticipation").unwrap() >= 0.5, "{question}");
        let rule = asked.explanations.iter().find(|e| e.lexicon == "rules" && e.dimension == "anticipation").unwrap();
        assert_eq!(&question[rule.span.start..rule.span.end], "?");
        assert_eq!(rule.family, emotics::tone::Family::Emotion);
        assert_eq!(tone(&checker, statement, language).emotions.get("anticipation"), Some(0.0), "{statement}");
    }
}

#[test]
fn negation_lowers_an_emotion_or_tone() {
    let checker = Checker::new();
    let urgent = tone(&checker, "C'est urgent", Language::Fr).tones.get("urgency").unwrap();
    let not_urgent = tone(&checker, "Ce n'est pas urgent", Language::Fr).tones.get("urgency").unwrap();
    assert!(not_urgent < urgent, "{not_urgent} < {urgent}");
}

#[test]
fn formality_and_register() {
    let checker = Checker::new();
    let vous = tone(&checker, "Nous vous remercions pour votre commande", Language::Fr);
    let tu = tone(&checker, "Salut, merci pour ta commande, t'es top", Language::Fr);
    let mixed = tone(&checker, "Merci pour votre commande, tu vas adorer", Language::Fr);
    assert!(vous.tones.get("formality").unwrap() > tu.tones.get("formality").unwrap());
    assert_eq!(serde_json::to_value(vous.register).unwrap(), "vous");
    assert_eq!(serde_json::to_value(tu.register).unwrap(), "tu");
    assert_eq!(serde_json::to_value(mixed.register).unwrap(), "mixed");
}

#[test]
fn custom_lexicon_adds_dimensions_from_the_library() {
    let mut checker = Checker::new();
    let file = "examples/lexicons/marque-confiance-liberte.tsv";
    let warnings = checker.load_lexicon(file, &std::fs::read_to_string(file).unwrap()).unwrap();
    assert!(warnings.is_empty());
    let t = tone(&checker, "Oria : dormez tranquille, résiliable à tout moment 🛡️", Language::Fr);
    assert!(t.tones.get("serenite").unwrap() >= 0.5);
    assert!(t.tones.get("freedom").unwrap() >= 0.5);
    let before = tone(&Checker::new(), "oria : résiliable à tout moment", Language::Fr).tones.get("trust").unwrap();
    let after = tone(&checker, "oria : résiliable à tout moment", Language::Fr).tones.get("trust").unwrap();
    assert_eq!(before, after, "`Oria` is case-sensitive");
}

#[test]
fn bad_lexicon_files_fail_with_their_location() {
    let mut checker = Checker::new();
    let error =
        checker.load_lexicon("bad.tsv", "term\tdimension\tweight\nok\ttrust\t0.5\nko\ttrust\tbeaucoup\n").unwrap_err();
    assert_eq!(error.to_string(), "bad.tsv:3:10: `beaucoup` is not a number");
    let baseline = tone(&checker, "ok", Language::Fr).tones.get("trust").unwrap();
    assert_eq!(baseline, 0.0, "nothing of a bad file is loaded");
}

fn emotics(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_emotics")).args(args).env("NO_COLOR", "1").output().unwrap()
}

#[test]
fn cli_loads_lexicons_and_reports_bad_ones() {
    let out = emotics(&[
        "score",
        "--json",
        "--profile",
        "x",
        "--lexicon",
        "examples/lexicons/brand-trust-freedom-en.tsv",
        "Flexible booking, roam freely",
    ]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["tone"]["tones"]["freedom"].as_f64().unwrap() >= 0.5);
    assert!(report["tone"]["tones"]["wanderlust"].is_number());

    let dir = std::env::temp_dir().join(format!("emotics-lexicon-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "term\tdimension\tweight\tlang\tflags\nsoldes\tvalue\t0.5\tfr\tbold\n").unwrap();
    let out = emotics(&["score", "--lexicon", bad.to_str().unwrap(), "soldes"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.tsv:2:21: unknown flag `bold`"), "{stderr}");
    let dup = dir.join("dup.tsv");
    std::fs::write(&dup, "term\tdimension\tweight\nsoldes\tvalue\t0.5\nsoldes\tvalue\t0.2\n").unwrap();
    let out = emotics(&["score", "--lexicon", dup.to_str().unwrap(), "soldes"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("dup.tsv:3: warning: `soldes` → value is already defined on line 2")
    );
}
