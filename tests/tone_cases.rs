//! Hand-written tone vectors (tests/tone/cases.tsv): each line's expected label, or its
//! intensity relative to the line above it. Every rule must keep a high pass rate, and the
//! cases quoted in the product's requirements must all pass.

use emotics::tone::Label;
use emotics::{Checker, Language, Options};

struct Case {
    line: usize,
    language: Language,
    expected: String,
    rule: String,
    text: String,
}

fn cases() -> Vec<Case> {
    cases_of("tests/tone/cases.tsv")
}

fn cases_of(path: &str) -> Vec<Case> {
    let data = std::fs::read_to_string(path).unwrap();
    let mut cases = Vec::new();
    for (index, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("lang\t") {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{path}:{}: 4 fields expected", index + 1);
        cases.push(Case {
            line: index + 1,
            language: fields[0].parse().unwrap(),
            expected: fields[1].to_string(),
            rule: fields[2].to_string(),
            text: fields[3].to_string(),
        });
    }
    cases
}

/// (passed, failed lines) for every case, judging comparisons against the last anchor.
fn run(checker: &Checker, with_language: bool) -> (Vec<(String, bool, String)>, usize) {
    run_cases(checker, cases(), with_language)
}

fn run_cases(checker: &Checker, cases: Vec<Case>, with_language: bool) -> (Vec<(String, bool, String)>, usize) {
    let mut results = Vec::new();
    let mut anchor: Option<f64> = None;
    let mut passed = 0;
    for case in cases {
        let options = Options { language: with_language.then_some(case.language) };
        let tone = checker.score_with(&case.text, &options).tone;
        let ok = match case.expected.as_str() {
            "positive" => tone.label == Label::Positive,
            "negative" => tone.label == Label::Negative,
            "neutral" => tone.label == Label::Neutral,
            "not-negative" => tone.label != Label::Negative,
            "not-positive" => tone.label != Label::Positive,
            "stronger" => anchor.is_some_and(|a| tone.valence.abs() > a.abs() && tone.valence * a > 0.0),
            "weaker" => anchor.is_some_and(|a| tone.valence.abs() < a.abs() && tone.valence * a > 0.0),
            other => panic!("line {}: unknown expectation {other}", case.line),
        };
        if matches!(case.expected.as_str(), "positive" | "negative") {
            anchor = Some(tone.valence);
        }
        passed += usize::from(ok);
        let detail = format!(
            "{}:{} [{}] expected {} got {:+.3} {:?}: {}",
            case.line,
            case.rule,
            case.language.code(),
            case.expected,
            tone.valence,
            tone.label,
            case.text
        );
        results.push((case.rule, ok, detail));
    }
    (results, passed)
}

#[test]
fn cases_pass_rate_per_rule() {
    // the rule engine (`--model none`), whose rules these cases were written for
    let checker = Checker::without_model();
    let (results, passed) = run(&checker, true);
    let total = results.len();
    let failures: Vec<&String> = results.iter().filter(|r| !r.1).map(|r| &r.2).collect();
    eprintln!(
        "{passed}/{total} tone cases pass; failures:\n{}",
        failures.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("\n")
    );
    let rate = passed as f64 / total as f64;
    assert!(rate >= MIN_PASS_RATE, "{passed}/{total} = {rate:.3} < {MIN_PASS_RATE}");
}

/// The overall pass rate the engine must keep (raise it when the engine improves).
const MIN_PASS_RATE: f64 = 0.85;

#[test]
fn quoted_requirement_cases_pass() {
    let checker = Checker::without_model();
    for (text, language, expected) in [
        ("Pas mal du tout, cette offre 😍 !!!", Language::Fr, Label::Positive),
        ("Not bad… but shipping was sooo slow 🙄", Language::En, Label::Negative),
        ("pas terrible", Language::Fr, Label::Negative),
        ("trop bien", Language::Fr, Label::Positive),
        ("à tomber", Language::Fr, Label::Positive),
        ("c'est de la bombe", Language::Fr, Label::Positive),
        ("the bomb", Language::En, Label::Positive),
        ("yeah right", Language::En, Label::Negative),
        ("je n'ai pas aimé", Language::Fr, Label::Negative),
        ("j'aime pas", Language::Fr, Label::Negative),
        ("Je suis déçue", Language::Fr, Label::Negative),
        ("Nous adorons", Language::Fr, Label::Positive),
        ("C'est genial", Language::Fr, Label::Positive),
        ("sans engagement", Language::Fr, Label::Positive),
    ] {
        let tone = checker.score_with(text, &Options { language: Some(language) }).tone;
        assert_eq!(tone.label, expected, "{text}: {:+.3}", tone.valence);
    }
}

/// Entries fixed by the data review of the valence lexicons (lexicons/curated/REVIEW.md):
/// homographs and neutral copy words that the old tables read with a polarity.
#[test]
fn lexicon_review_cases_pass() {
    // the rule engine's lexicons
    let checker = Checker::without_model();
    for (text, language, expected) in [
        // « vols » = flights, « volez » = fly, not thefts
        ("Ça vous dit un week-end à Lisbonne ? Vols dès 39 € A/R ✈️", Language::Fr, [Label::Neutral, Label::Positive]),
        ("Volez vers Rome cet automne.", Language::Fr, [Label::Neutral, Label::Positive]),
        ("Votre vol AF123 part à 14 h 05.", Language::Fr, [Label::Neutral, Label::Neutral]),
        // « robe » is a dress (AFINN-fr: 'rob')
        ("Nouvelle collection : la robe d'été est arrivée", Language::Fr, [Label::Neutral, Label::Positive]),
        ("robe d'été", Language::Fr, [Label::Neutral, Label::Positive]),
        // « dire » = to say (AFINN-fr: English 'dire')
        ("Voulez-vous dire « livraison » ?", Language::Fr, [Label::Neutral, Label::Neutral]),
        // « demande » = request (AFINN-fr: 'demand')
        ("Nous traitons votre demande.", Language::Fr, [Label::Neutral, Label::Neutral]),
        // « composer » = to dial
        ("Vous pouvez composer le 3677.", Language::Fr, [Label::Neutral, Label::Neutral]),
        // « par défaut » = by default
        ("Langue par défaut : français", Language::Fr, [Label::Neutral, Label::Neutral]),
        // elongation collapse: « ville » is not « vile », « poisson » not « poison », « années » not « ânes »
        ("Rendez-vous en ville samedi.", Language::Fr, [Label::Neutral, Label::Neutral]),
        ("Menu poisson du jour", Language::Fr, [Label::Neutral, Label::Neutral]),
        ("Soirée années 80 ce vendredi", Language::Fr, [Label::Neutral, Label::Positive]),
        // AFINN-fr English leftovers ('tard'), neutral nouns
        ("Livraison possible tard le soir.", Language::Fr, [Label::Neutral, Label::Neutral]),
        ("Choisissez votre type de peau", Language::Fr, [Label::Neutral, Label::Neutral]),
        ("Passez en mode avion", Language::Fr, [Label::Neutral, Label::Neutral]),
        ("C'est trop tard.", Language::Fr, [Label::Negative, Label::Negative]),
        // English: neutral copy words and phrases
        ("Don't forget to check in online.", Language::En, [Label::Neutral, Label::Neutral]),
        ("Do not forget your boarding pass.", Language::En, [Label::Neutral, Label::Neutral]),
        ("Skin care routine in 3 steps.", Language::En, [Label::Neutral, Label::Neutral]),
        ("Create your account in two minutes.", Language::En, [Label::Neutral, Label::Neutral]),
        ("Hand cream, 50 ml", Language::En, [Label::Neutral, Label::Neutral]),
        ("Star Wars Day: the collection is here", Language::En, [Label::Neutral, Label::Positive]),
        ("Lower prices on every size.", Language::En, [Label::Neutral, Label::Positive]),
        ("Supper is served at 7 pm.", Language::En, [Label::Neutral, Label::Neutral]),
        ("Super Bowl Sunday: order by noon", Language::En, [Label::Neutral, Label::Neutral]),
        // elongation collapse: 'as bad as' is not 'bad ass'
        ("It was as bad as the last one.", Language::En, [Label::Negative, Label::Negative]),
        ("Our favourite rapper is on tour.", Language::En, [Label::Neutral, Label::Positive]),
        ("Who cares about the fine print.", Language::En, [Label::Negative, Label::Negative]),
    ] {
        let tone = checker.score_with(text, &Options { language: Some(language) }).tone;
        assert!(expected.contains(&tone.label), "{text}: {:+.3} {:?}, expected {expected:?}", tone.valence, tone.label);
    }
    // (with the old tables every case above got the wrong label, except « trop tard », which
    // guards the idiom added when « tard » was dropped)
    // « que j'aie » (subjunctive of avoir) is not the interjection « aïe »
    for text in ["Il faut que j'aie fini avant midi.", "Bien que j'aie commandé hier"] {
        let tone = checker.score_with(text, &Options { language: Some(Language::Fr) }).tone;
        assert_ne!(tone.label, Label::Negative, "{text}: {:+.3}", tone.valence);
        for emotion in ["fear", "sadness"] {
            assert_eq!(tone.emotions.get(emotion), Some(0.0), "{text}: {emotion} read from « aie »");
        }
    }
}

/// The learned model on the same hand-written cases, and on the hard cases (sarcasm, litotes,
/// concessions, homographs, transactional messages) of tests/tone/hard-cases.tsv. The model
/// learns from tweets, comments and subtitles, where these constructions are rare: it passes
/// fewer of the linguistic cases than the rules written for them, and more of the hard ones
/// (raise the floors when it improves).
#[test]
fn the_model_keeps_its_pass_rates() {
    let checker = Checker::new();
    for (path, floor) in [("tests/tone/cases.tsv", MODEL_CASES_FLOOR), ("tests/tone/hard-cases.tsv", MODEL_HARD_FLOOR)]
    {
        let (results, passed) = run_cases(&checker, cases_of(path), true);
        let failures: Vec<&str> = results.iter().filter(|r| !r.1).map(|r| r.2.as_str()).collect();
        eprintln!("{path}: {passed}/{} pass; failures:\n{}", results.len(), failures.join("\n"));
        let rate = passed as f64 / results.len() as f64;
        assert!(rate >= floor, "{path}: {passed}/{} = {rate:.3} < {floor}", results.len());
    }
}

const MODEL_CASES_FLOOR: f64 = 0.75;
const MODEL_HARD_FLOOR: f64 = 0.70;

/// Neutral interface strings (tests/tone/neutral-ui.tsv) carry no emotion and no strong
/// valence, but for a few.
#[test]
fn neutral_interface_strings_stay_neutral() {
    let checker = Checker::new();
    let data = std::fs::read_to_string("tests/tone/neutral-ui.tsv").unwrap();
    let lines: Vec<&str> = data.lines().filter(|l| !l.starts_with('#') && !l.starts_with("lang\t")).collect();
    let (mut moved, mut charged) = (Vec::new(), Vec::new());
    for line in &lines {
        let text = line.split('\t').nth(1).unwrap();
        let tone = checker.score(text).tone;
        if tone.emotions.0.iter().any(|(_, s)| *s >= 0.5) {
            moved.push(text);
        }
        if tone.valence.abs() >= 0.5 {
            charged.push(text);
        }
    }
    let share = |n: usize| n as f64 / lines.len() as f64;
    assert!(share(moved.len()) <= 0.05, "{} of {} with an emotion ≥ 0.5: {moved:?}", moved.len(), lines.len());
    assert!(share(charged.len()) <= 0.05, "{} of {} with |valence| ≥ 0.5: {charged:?}", charged.len(), lines.len());
}

/// The hand-written training copy (data/model/copy.jsonl) shares no four words in a row with
/// the test cases, so that the cases measure what the model learnt, not what it was shown.
#[test]
fn training_copy_is_disjoint_from_the_test_cases() {
    let words = |text: &str| -> Vec<String> {
        text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
    };
    let shingles = |text: &str| -> Vec<String> {
        let w = words(text);
        if w.len() < 4 { vec![w.join(" ")] } else { w.windows(4).map(|s| s.join(" ")).collect() }
    };
    let mut tested = std::collections::HashSet::new();
    for path in ["tests/tone/cases.tsv", "tests/tone/hard-cases.tsv", "tests/tone/neutral-ui.tsv"] {
        for line in std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.starts_with('#')) {
            tested.extend(shingles(line.rsplit('\t').next().unwrap()));
        }
    }
    let copy = std::fs::read_to_string("data/model/copy.jsonl").unwrap();
    for line in copy.lines() {
        let item: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = item["text"].as_str().unwrap();
        assert!(shingles(text).iter().all(|s| !tested.contains(s)), "training copy overlaps a test case: {text}");
    }
}
