//! Invariants shared by the fuzz targets (included with `#[path]`, not a target itself).
#![allow(dead_code)]

use std::sync::OnceLock;

use emotics::text::span::Span;
use emotics::{Checker, Report};
use unicode_segmentation::UnicodeSegmentation;

/// One checker per process: building one parses the embedded data (~25 ms).
pub fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::new)
}

pub fn utf16(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

/// `span` lies inside `text`, on char boundaries, and its UTF-16 offsets designate the
/// same characters.
pub fn check_span(text: &str, span: &Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(span.end <= text.len(), "{what}: span {span:?} past the end ({})", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what}: span {span:?} cuts a char");
    let total16 = text.encode_utf16().count();
    assert!(span.start_utf16 <= span.end_utf16 && span.end_utf16 <= total16, "{what}: utf16 {span:?} > {total16}");
    assert_eq!(span.start_utf16, utf16(text, span.start), "{what}: start_utf16 of {span:?}");
    assert_eq!(span.end_utf16, utf16(text, span.end), "{what}: end_utf16 of {span:?}");
}

/// Byte offsets where grapheme clusters start, and the end of the text.
pub fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

/// The tone invariants of a report of `text` (see tests/properties.rs).
pub fn check_tone(text: &str, report: &Report) {
    let tone = &report.tone;
    assert!((-1.0..=1.0).contains(&tone.valence), "valence {}", tone.valence);
    assert!((0.0..=1.0).contains(&tone.intensity), "intensity {}", tone.intensity);
    for share in [tone.positive, tone.neutral, tone.negative] {
        assert!((0.0..=1.0).contains(&share), "share {share}");
    }
    let shares = tone.positive + tone.neutral + tone.negative;
    assert!(shares == 0.0 || (shares - 1.0).abs() < 0.001, "shares add up to {shares}");
    for (name, score) in tone.emotions.0.iter().chain(&tone.tones.0) {
        assert!((0.0..=1.0).contains(score), "{name} = {score}");
    }
    if tone.valence >= 0.06 {
        assert_eq!(tone.label, emotics::tone::Label::Positive, "valence {}", tone.valence);
    } else if tone.valence <= -0.06 {
        assert_eq!(tone.label, emotics::tone::Label::Negative, "valence {}", tone.valence);
    } else if tone.valence.abs() <= 0.04 {
        assert_eq!(tone.label, emotics::tone::Label::Neutral, "valence {}", tone.valence);
    }
    // The explanations are the computation: their valence scores add up to the compound.
    let sum: f64 = tone.explanations.iter().filter(|e| e.dimension == "valence").map(|e| e.score).sum();
    let compound = sum / (sum * sum + 15.0).sqrt();
    assert!((compound - tone.valence).abs() < 0.002, "explanations sum to {compound} but valence is {}", tone.valence);
    for e in &tone.explanations {
        check_span(text, &e.span, "explanation");
        assert_eq!(&text[e.span.start..e.span.end], e.text, "explanation text");
        assert!(e.score.is_finite() && e.base.is_finite(), "explanation score {} base {}", e.score, e.base);
        for m in &e.modifiers {
            if let Some(span) = &m.span {
                check_span(text, span, "modifier");
            }
        }
    }
}

/// The report serialises, and its JSON reads back with every profile.
pub fn check_json(report: &Report) {
    let json = serde_json::to_string(report).expect("report serialises");
    let value: serde_json::Value = serde_json::from_str(&json).expect("report JSON parses");
    let length = value["length"].as_object().expect("length is an object");
    assert_eq!(length.len(), report.length.profiles.len(), "profiles in JSON");
}
