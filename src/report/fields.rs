//! Flat fields of a report: one typed value per dotted path of its JSON (`tone.valence`,
//! `tone.emotions.joy`, `length.sms.valid`), for the columns of a table (the Python
//! package's Arrow batches, `score --fields … --format csv`). Defined once here so that every
//! table of emotics has the same columns, named as the JSON names them.
//!
//! ```
//! use emotics::report::fields::{self, Value};
//! let checker = emotics::Checker::new();
//! let report = checker.score("Dernière chance : -50 % sur tout !");
//! let valid = fields::parse("length.sms.valid", &checker).unwrap();
//! assert_eq!(valid.get(&report), Some(Value::Bool(true)));
//! assert!(fields::all(&checker).iter().any(|f| f.path() == "tone.emotions.joy"));
//! ```

use crate::length::Unit;
use crate::tone::dimensions::Scores;
use crate::tone::rules::Register;
use crate::tone::{Label, ToneReport};
use crate::{Checker, ProfileReport, Report};

/// The type of a field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    Float,
    Int,
    Bool,
}

/// One value of a field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'r> {
    Str(&'r str),
    Float(f64),
    Int(u64),
    Bool(bool),
}

/// A flat field: its dotted path and how to read it from a report.
#[derive(Debug, Clone)]
pub struct Field {
    path: String,
    getter: Getter,
}

#[derive(Debug, Clone)]
enum Getter {
    Language,
    Label,
    Register,
    Tone(ToneScore),
    /// A dimension by name, and the index it has in the checker's reports (looked at first).
    Emotion(String, usize),
    CustomTone(String, usize),
    Profile(String, usize, ProfileValue),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum ProfileValue {
    Length,
    Valid,
    Segments,
}

/// Reads one scalar score of `tone`.
type ToneScore = fn(&ToneReport) -> f64;

/// The scalar scores of `tone`, in report order.
const TONE_SCORES: [(&str, ToneScore); 5] = [
    ("valence", |t| t.valence),
    ("positive", |t| t.positive),
    ("neutral", |t| t.neutral),
    ("negative", |t| t.negative),
    ("intensity", |t| t.intensity),
];

impl Field {
    /// The dotted path, as in the report's JSON.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The length profile the field reads, if it reads one.
    pub fn profile(&self) -> Option<&str> {
        match &self.getter {
            Getter::Profile(name, ..) => Some(name),
            _ => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self.getter {
            Getter::Language | Getter::Label | Getter::Register => Kind::Str,
            Getter::Tone(_) | Getter::Emotion(..) | Getter::CustomTone(..) => Kind::Float,
            Getter::Profile(_, _, ProfileValue::Valid) => Kind::Bool,
            Getter::Profile(..) => Kind::Int,
        }
    }

    /// The value in `report`, or `None` where the report has none (a dimension or profile
    /// that another checker's report lacks, the segments of a profile that is not SMS).
    pub fn get<'r>(&self, report: &'r Report) -> Option<Value<'r>> {
        let tone = &report.tone;
        Some(match &self.getter {
            Getter::Language => Value::Str(report.language.code()),
            Getter::Label => Value::Str(label_code(tone.label)),
            Getter::Register => Value::Str(register_code(tone.register)),
            Getter::Tone(score) => Value::Float(score(tone)),
            Getter::Emotion(name, at) => Value::Float(score_of(&tone.emotions, name, *at)?),
            Getter::CustomTone(name, at) => Value::Float(score_of(&tone.tones, name, *at)?),
            Getter::Profile(name, at, value) => {
                let profile = profile_of(report, name, *at)?;
                match value {
                    ProfileValue::Length => Value::Int(profile.length as u64),
                    ProfileValue::Valid => Value::Bool(profile.valid),
                    ProfileValue::Segments => Value::Int(profile.sms()?.segments as u64),
                }
            }
        })
    }
}

/// Every flat field of `checker`'s reports, in the order of the JSON report: `language`,
/// the scores and label of `tone`, each emotion and tone, the register, then `length`,
/// `valid` (and `segments` for SMS) of each profile.
pub fn all(checker: &Checker) -> Vec<Field> {
    let field = |path: String, getter| Field { path, getter };
    let mut fields = vec![field("language".into(), Getter::Language)];
    let mut scores = TONE_SCORES.iter().map(|&(name, score)| field(format!("tone.{name}"), Getter::Tone(score)));
    fields.extend(scores.next()); // valence
    fields.push(field("tone.label".into(), Getter::Label));
    fields.extend(scores);
    let (emotions, tones) = checker.dimension_names();
    for (at, name) in emotions.into_iter().enumerate() {
        fields.push(field(format!("tone.emotions.{name}"), Getter::Emotion(name, at)));
    }
    for (at, name) in tones.into_iter().enumerate() {
        fields.push(field(format!("tone.tones.{name}"), Getter::CustomTone(name, at)));
    }
    fields.push(field("tone.register".into(), Getter::Register));
    for (at, profile) in checker.profiles().iter().enumerate() {
        let mut values = vec![("length", ProfileValue::Length), ("valid", ProfileValue::Valid)];
        if profile.unit == Unit::SmsSegments {
            values.push(("segments", ProfileValue::Segments));
        }
        for (name, value) in values {
            let path = format!("length.{}.{name}", profile.name);
            fields.push(field(path, Getter::Profile(profile.name.to_string(), at, value)));
        }
    }
    fields
}

/// The field at `path` among [`all`] of `checker`'s.
pub fn parse(path: &str, checker: &Checker) -> Result<Field, String> {
    all(checker).into_iter().find(|f| f.path == path).ok_or_else(|| {
        format!(
            "unknown field `{path}`: expected language, tone.<valence|positive|neutral|negative|intensity|label|register>, \
             tone.emotions.<emotion>, tone.tones.<tone> or length.<profile>.<length|valid|segments>"
        )
    })
}

fn score_of(scores: &Scores, name: &str, at: usize) -> Option<f64> {
    match scores.0.get(at) {
        Some((n, score)) if n == name => Some(*score),
        _ => scores.get(name),
    }
}

fn profile_of<'r>(report: &'r Report, name: &str, at: usize) -> Option<&'r ProfileReport> {
    match report.length.profiles.get(at) {
        Some(profile) if profile.name == name => Some(profile),
        _ => report.length.get(name),
    }
}

fn label_code(label: Label) -> &'static str {
    match label {
        Label::Positive => "positive",
        Label::Neutral => "neutral",
        Label::Negative => "negative",
    }
}

fn register_code(register: Register) -> &'static str {
    match register {
        Register::Vous => "vous",
        Register::Tu => "tu",
        Register::Mixed => "mixed",
        Register::None => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use crate::lang::Language;

    const MESSAGES: [&str; 6] = [
        "Dernière chance : -50 % sur tout !",
        "Your order is delayed again. Terrible service 😡",
        "Merci pour votre confiance, tu vas adorer 🎉",
        "",
        "Réponds STOP pour ne plus recevoir nos SMS. Promo ⚡ https://example.com/soldes",
        "WOW!!! Free shipping today only 🚚",
    ];

    /// Every field reads what the JSON report says at its path, for reports of both
    /// languages and of an undetermined one.
    #[test]
    fn every_field_is_the_json_value_at_its_path() {
        let checker = Checker::new();
        let fields = all(&checker);
        for text in MESSAGES {
            for language in [None, Some(Language::Fr), Some(Language::En)] {
                let report = checker.score_with(text, &Options { language });
                let json = serde_json::to_value(&report).unwrap();
                for field in &fields {
                    let pointer = format!("/{}", field.path().replace('.', "/"));
                    let expected = json.pointer(&pointer).unwrap_or_else(|| panic!("{pointer} not in the JSON"));
                    let value = field.get(&report).unwrap_or_else(|| panic!("{} missing for {text:?}", field.path()));
                    let as_json = match value {
                        Value::Str(s) => serde_json::json!(s),
                        Value::Float(x) => serde_json::json!(x),
                        Value::Int(n) => serde_json::json!(n),
                        Value::Bool(b) => serde_json::json!(b),
                    };
                    assert_eq!(&as_json, expected, "{} of {text:?}", field.path());
                    let kind = match value {
                        Value::Str(_) => Kind::Str,
                        Value::Float(_) => Kind::Float,
                        Value::Int(_) => Kind::Int,
                        Value::Bool(_) => Kind::Bool,
                    };
                    assert_eq!(kind, field.kind(), "{}", field.path());
                }
            }
        }
    }

    #[test]
    fn the_fields_cover_the_scores_emotions_tones_and_each_profile() {
        let checker = Checker::new();
        let paths: Vec<String> = all(&checker).iter().map(|f| f.path().to_owned()).collect();
        let (emotions, tones) = checker.dimension_names();
        assert_eq!(emotions.len(), 8);
        for name in
            emotions.iter().map(|e| format!("tone.emotions.{e}")).chain(tones.iter().map(|t| format!("tone.tones.{t}")))
        {
            assert!(paths.contains(&name), "{name}");
        }
        for profile in checker.profiles() {
            assert!(paths.contains(&format!("length.{}.valid", profile.name)), "{}", profile.name);
            let segments = format!("length.{}.segments", profile.name);
            assert_eq!(paths.contains(&segments), profile.unit == Unit::SmsSegments, "{segments}");
        }
        let mut unique = paths.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), paths.len(), "a path is listed twice");
    }

    #[test]
    fn fields_follow_the_profiles_a_checker_measures() {
        let sms = Checker::new().profiles().iter().find(|p| p.name == "sms").unwrap().clone();
        let only_sms = Checker::new().with_profiles(vec![sms]);
        let length: Vec<String> =
            all(&only_sms).iter().map(|f| f.path().to_owned()).filter(|p| p.starts_with("length.")).collect();
        assert_eq!(length, ["length.sms.length", "length.sms.valid", "length.sms.segments"]);
        let no_profiles = Checker::new().with_profiles(vec![]);
        assert!(all(&no_profiles).iter().all(|f| !f.path().starts_with("length.")));

        let segments = parse("length.sms.segments", &only_sms).unwrap();
        assert_eq!(segments.get(&Checker::new().score(&"a".repeat(161))), Some(Value::Int(2)));
        // a profile the report does not measure reads as missing, not as another profile
        assert_eq!(segments.get(&no_profiles.score("hello")), None);
        assert!(parse("length.x.segments", &Checker::new()).is_err());
    }

    #[test]
    fn unknown_paths_are_refused_with_the_expected_shapes() {
        let error = parse("tone.valance", &Checker::new()).unwrap_err();
        assert!(error.contains("unknown field `tone.valance`"), "{error}");
        assert!(error.contains("length.<profile>"), "{error}");
    }
}
