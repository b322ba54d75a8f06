//! The learned tone model: the built-in one, a user's model from `emotics train` in the
//! library, `score`, `eval` and `check`, and model files that must be refused.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use emotics::model::train::{Example, Settings, train};
use emotics::tone::Label;
use emotics::{Checker, Language, Options};
use serde_json::Value;

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("emotics-model-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, content: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn emotics(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emotics")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

/// A brand's labelled messages, written for this test: « pépite » is its word for a hit, and
/// « retard » the complaint it hears most. Repeated so that a model learns them.
fn brand_jsonl() -> String {
    let mut lines = Vec::new();
    for i in 0..40 {
        for (text, sentiment) in [
            ("Encore une pépite dans la boutique", "positive"),
            ("Cette pépite est de retour", "positive"),
            ("Toujours ce retard de livraison", "negative"),
            ("Un retard de plus sur ma commande", "negative"),
            ("La boutique ouvre à 9 h", "neutral"),
            ("Commande numéro 12 expédiée", "neutral"),
        ] {
            lines.push(format!(
                r#"{{"id": "brand-{i}-{}", "text": "{text}", "sentiment": "{sentiment}"}}"#,
                lines.len()
            ));
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_builtin_model_scores_and_names_itself() {
    let checker = Checker::new();
    assert!(checker.model_name().starts_with("emotics-"), "{}", checker.model_name());
    let tone = checker.score("Merci, livraison rapide et produit parfait !").tone;
    assert_eq!(tone.label, Label::Positive);
    let trace = tone.model.expect("the model's trace");
    assert_eq!(&*trace.name, checker.model_name());
    // calibrated probabilities: a distribution, and valence is P(positive) − P(negative)
    assert!((tone.positive + tone.neutral + tone.negative - 1.0).abs() < 1e-3);
    assert!((tone.valence - (tone.positive - tone.negative)).abs() < 2e-4);
    // the rule engine alone has no trace
    assert!(Checker::without_model().score("Merci").tone.model.is_none());
}

#[test]
fn one_weak_cue_never_saturates_an_emotion() {
    let checker = Checker::new();
    for text in [
        "Votre remboursement de 49,90 € a bien été effectué.",
        "Nous sommes désolés, une erreur est survenue. Merci de réessayer.",
        "Your refund of $49.90 has been processed.",
        "peur",
        "merci",
    ] {
        for (emotion, score) in checker.score(text).tone.emotions.0 {
            assert!(score < 0.99, "{text}: {emotion} {score}");
        }
    }
}

#[test]
fn a_user_model_trained_on_brand_data_works_in_the_library() {
    let scratch = Scratch::new();
    let data = scratch.write("brand.jsonl", brand_jsonl().as_bytes());
    let model = scratch.0.join("brand.model").display().to_string();
    let out = emotics(&["train", &data, "--output", &model, "--name", "brand", "--split", "all"], &scratch.0);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&model).unwrap();

    let mut checker = Checker::new();
    let builtin_emotions = checker.score("Encore une pépite").tone.emotions;
    checker.load_model(&bytes).unwrap();
    assert!(checker.model_name().starts_with("brand@"), "{}", checker.model_name());
    let options = Options { language: Some(Language::Fr) };
    let hit = checker.score_with("Une vraie pépite", &options).tone;
    let late = checker.score_with("Quel retard", &options).tone;
    assert_eq!((hit.label, late.label), (Label::Positive, Label::Negative), "{hit:?} {late:?}");
    // explained by the words it learnt
    assert!(hit.explanations.iter().any(|e| e.text == "pépite" && e.dimension == "valence" && e.score > 0.0));
    // a sentiment-only model leaves the built-in model's emotions in place
    assert_eq!(checker.score("Encore une pépite").tone.emotions, builtin_emotions);
}

#[test]
fn a_user_model_works_in_score_eval_and_check() {
    let scratch = Scratch::new();
    let data = scratch.write("brand.jsonl", brand_jsonl().as_bytes());
    let out = emotics(&["train", &data, "-o", "brand.model", "--name", "brand", "--split", "all"], &scratch.0);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let out = emotics(&["score", "--json", "--model", "brand.model", "--lang", "fr", "Une vraie pépite"], &scratch.0);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["tone"]["label"], "positive");
    assert!(report["tone"]["model"]["name"].as_str().unwrap().starts_with("brand@"));

    let out = emotics(&["eval", "--model", "brand.model", "--part", "all", "--json", &data], &scratch.0);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(results[0]["all"]["macro_f1"].as_f64().is_some_and(|f1| f1 > 0.9), "{results}");

    // check: `model = …` in emotics.toml, relative to it; the brand model reads « retard » as negative
    scratch.write("emotics.toml", b"model = \"brand.model\"\n[rules.tone-target]\ntargets = [\"valence >= 0\"]\n");
    scratch.write("copy.txt", "Quel retard\n".as_bytes());
    let out = emotics(&["check", "--format", "json", "copy.txt"], &scratch.0);
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = findings["findings"].as_array().unwrap().iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(rules.contains(&"tone-target"), "{findings}");
    // a bad model named by the configuration is an error that names it
    scratch.write("emotics.toml", b"model = \"missing.model\"\n");
    let out = emotics(&["check", "copy.txt"], &scratch.0);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.model"));
}

#[test]
fn training_is_deterministic_and_the_builtin_model_round_trips() {
    let checker = Checker::without_model();
    let examples: Vec<Example> = ["super top", "nul bof", "il est 9 h", "génial merci", "horrible retard"]
        .iter()
        .zip([
            Some(Label::Positive),
            Some(Label::Negative),
            Some(Label::Neutral),
            Some(Label::Positive),
            Some(Label::Negative),
        ])
        .map(|(text, sentiment)| {
            let (language, features) = checker.model_features(text, &Options::default());
            let emotions = Some([sentiment == Some(Label::Positive), false, false, false, false, false, false, false]);
            Example {
                features: features.iter().map(|f| (f.id, f.value)).collect(),
                language,
                sentiment,
                emotions,
                weight: 1.0,
            }
        })
        .collect();
    let settings = Settings { l1: 0.01, l1_emotions: 0.01, hash_bits: 12, ..Settings::default() };
    let a = train(&examples, &settings).unwrap();
    assert_eq!(a, train(&examples, &settings).unwrap());
    let mut checker = Checker::new();
    checker.load_model(&a).unwrap();
    assert_eq!(checker.score("super top").tone.label, Label::Positive);
    assert!(train(&[], &settings).is_err());
}

#[test]
fn bad_model_files_are_refused_and_load_nothing() {
    let checker = Checker::without_model();
    let (language, features) = checker.model_features("super", &Options::default());
    let example = Example {
        features: features.iter().map(|f| (f.id, f.value)).collect(),
        language,
        sentiment: Some(Label::Positive),
        emotions: None,
        weight: 1.0,
    };
    let good = train(&[example], &Settings { hash_bits: 10, ..Settings::default() }).unwrap();
    let damaged = {
        let mut bytes = good.clone();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        bytes
    };
    let with_checksum = |mut body: Vec<u8>| {
        let hash = emotics::model::format::fnv64(&body);
        body.extend(hash.to_le_bytes());
        body
    };
    let body = &good[..good.len() - 8];
    let other_version = with_checksum([&body[..14], &[2, 0], &body[16..]].concat());
    let other_features = {
        let mut body = body.to_vec();
        let at = body.windows(10).position(|w| w == b"features=1").unwrap();
        body[at + 9] = b'9';
        with_checksum(body)
    };
    let truncated_body = with_checksum(body[..body.len() - 3].to_vec());
    for (bytes, expected) in [
        (b"not a model".to_vec(), "not an emotics model"),
        (Vec::new(), "not an emotics model"),
        (good[..20].to_vec(), "truncated"),
        (damaged, "damaged"),
        (other_version, "format version 2"),
        (other_features, "feature set 9"),
        (truncated_body, "truncated"),
    ] {
        let mut checker = Checker::new();
        let before = checker.model_name().to_string();
        let error = checker.load_model(&bytes).unwrap_err();
        assert!(error.to_string().contains(expected), "{error} (expected {expected})");
        assert_eq!(checker.model_name(), before, "nothing loaded");
    }
}

#[test]
fn cli_reports_a_bad_model_with_its_path() {
    let scratch = Scratch::new();
    scratch.write("bad.model", b"emotics-model\nxx");
    let out = emotics(&["score", "--model", "bad.model", "hello"], &scratch.0);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.model") && stderr.contains("byte"), "{stderr}");
    let out = emotics(&["train", "missing.jsonl", "-o", "x.model"], &scratch.0);
    assert_eq!(out.status.code(), Some(2));
    scratch.write("bad.jsonl", b"{\"text\": \"ok\", \"sentiment\": \"great\"}\n");
    let out = emotics(&["train", "bad.jsonl", "-o", "x.model"], &scratch.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.jsonl:1") && stderr.contains("great"), "{stderr}");
}

/// Training settings out of range are refused by name, not turned into a model of NaNs.
#[test]
fn bad_training_settings_are_refused() {
    let checker = Checker::without_model();
    let (language, features) = checker.model_features("super", &Options::default());
    let example = || Example {
        features: features.iter().map(|f| (f.id, f.value)).collect(),
        language,
        sentiment: Some(Label::Positive),
        emotions: None,
        weight: 1.0,
    };
    let base = Settings { hash_bits: 10, ..Settings::default() };
    for (settings, named) in [
        (Settings { neutral_weight: -1.0, ..base.clone() }, "neutral-weight"),
        (Settings { french_weight: f32::NAN, ..base.clone() }, "french-weight"),
        (Settings { emotion_balance: f32::INFINITY, ..base.clone() }, "emotion-balance"),
        (Settings { alpha: 0.0, ..base.clone() }, "alpha"),
    ] {
        let error = train(&[example()], &settings).unwrap_err();
        assert!(error.contains(named), "{error}");
    }
    assert!(train(&[example()], &base).is_ok());
}
