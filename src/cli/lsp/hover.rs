//! What a hover on a message shows, as Markdown: its valence, the emotions and tones a reader
//! would see in it, the words behind them, and its length on each of the file's profiles.

use std::fmt::Write;

use emotics::Report;
use emotics::report::ProfileReport;
use emotics::tone::{Explanation, Family, Label};

/// Emotions and tones from this score are shown (a reader would say the message expresses
/// them).
const SHOWN_FROM: f64 = 0.5;
/// The words behind the valence shown, strongest first.
const TOP_WORDS: usize = 5;

pub fn markdown(report: &Report) -> String {
    let tone = &report.tone;
    let mut out = format!("**valence {:+.2}** {}\n", tone.valence, label(tone.label));
    let mut words: Vec<&Explanation> = tone.explanations.iter().filter(|e| e.family == Family::Valence).collect();
    words.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
    if !words.is_empty() {
        let shown: Vec<String> =
            words.iter().take(TOP_WORDS).map(|e| format!("« {} » {:+.2}", e.text, e.score)).collect();
        let _ = writeln!(out, "\nwords: {}", shown.join(" · "));
    }
    for (title, family) in [("emotions", Family::Emotion), ("tones", Family::Tone)] {
        let shown: Vec<String> = tone
            .expressed(family, SHOWN_FROM)
            .into_iter()
            .map(|(name, score, words)| {
                let behind: Vec<String> = words.iter().map(|w| format!("« {w} »")).collect();
                let behind = if behind.is_empty() { String::new() } else { format!(" ({})", behind.join(" ")) };
                format!("{name} {score:.2}{behind}")
            })
            .collect();
        if !shown.is_empty() {
            let _ = writeln!(out, "\n{title}: {}", shown.join(", "));
        }
    }
    // a list rather than a table: every client renders lists
    if !report.length.profiles.is_empty() {
        out.push('\n');
        for p in &report.length.profiles {
            let mark = if p.valid { "" } else { " ⚠" };
            let _ = writeln!(out, "- {} {}{mark}", p.name, length(p));
        }
    }
    out
}

/// `57/280`, or for SMS `2/1 SMS · UCS-2 because of ’`.
pub fn length(p: &ProfileReport) -> String {
    let Some(sms) = p.sms() else { return format!("{}/{}", p.length, p.limit) };
    let mut out = format!("{}/{} SMS · {}", p.length, p.limit, sms.encoding.name());
    if !sms.ucs2_characters.is_empty() {
        let mut chars: Vec<&str> = Vec::new();
        for c in &sms.ucs2_characters {
            if chars.len() < 3 && !chars.contains(&c.text.as_str()) {
                chars.push(&c.text);
            }
        }
        let _ = write!(out, " because of {}", chars.join(" "));
    }
    out
}

pub fn label(label: Label) -> &'static str {
    match label {
        Label::Positive => "positive",
        Label::Neutral => "neutral",
        Label::Negative => "negative",
    }
}
