//! The readable report of `emotics score`.

use std::fmt::Write;

use emotics::length::sms::Encoding;
use emotics::text::invisible;
use emotics::{LimitKind, ProfileReport, Report, Unfit};
use unicode_width::UnicodeWidthStr;

use super::style::Style;

/// Column (1-based, in characters) of byte offset `at` of `text`.
fn column(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |s| s.chars().count()) + 1
}

/// `s` and the spaces that make it `width` columns wide on a terminal (as `{:<width$}` does
/// for text of one column a character): an emoji takes two columns, also as a presentation
/// sequence (`❤️`), a ZWJ sequence or a flag, and a combining mark none.
fn padded(s: &str, width: usize) -> String {
    let shown = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(shown)))
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn preview(s: &str, max: usize) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() { format!("{head}…") } else { head }
}

pub fn render(text: &str, report: &Report, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold(&format!("« {} »", preview(text, 120))));
    let _ = writeln!(out, "  {:<24} {}", "language", report.language.code());
    render_tone(&mut out, report, style);
    render_dimensions(&mut out, "emotions", emotics::tone::Family::Emotion, report, style);
    render_dimensions(&mut out, "tones", emotics::tone::Family::Tone, report, style);
    if report.language == emotics::Language::Fr {
        let register = serde_json::to_value(report.tone.register)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let formality = report.tone.tones.get("formality").unwrap_or(0.5);
        let _ = writeln!(out, "  {:<24} {register} (formality {formality:.2})", "register");
    }
    for profile in &report.length.profiles {
        render_profile(&mut out, text, profile, style);
    }
    out
}

fn render_tone(out: &mut String, report: &Report, style: Style) {
    let tone = &report.tone;
    let label = match tone.label {
        emotics::tone::Label::Positive => style.good("positive"),
        emotics::tone::Label::Negative => style.bad("negative"),
        emotics::tone::Label::Neutral => style.dim("neutral"),
    };
    let _ = writeln!(
        out,
        "  {:<24} {:+.2} {label}  {}",
        "valence",
        tone.valence,
        style.dim(&format!(
            "(positive {:.0} %, neutral {:.0} %, negative {:.0} %, intensity {:.2})",
            tone.positive * 100.0,
            tone.neutral * 100.0,
            tone.negative * 100.0,
            tone.intensity
        ))
    );
    let mut explanations = tone.explanations.iter().filter(|e| e.dimension == "valence").peekable();
    if let Some(model) = tone.model.as_ref().filter(|_| explanations.peek().is_some()) {
        let _ = writeln!(
            out,
            "    {}",
            style.dim(&format!("what each part adds to the log-odds of positive over negative ({})", model.name))
        );
    }
    for e in explanations {
        let why: Vec<&str> = e.modifiers.iter().map(|m| m.description.as_str()).collect();
        let score = if tone.model.is_some() {
            // the model's contribution; the lexicon's reading, when there is one, is why
            format!("{:+.2}", e.score)
        } else {
            let base = if e.base == 0.0 { String::new() } else { format!("{:+.2} → ", e.base) };
            format!("{base}{:+.2}", e.score)
        };
        let score = if e.score > 0.0 { style.good(&score) } else { style.bad(&score) };
        let mut why = why.join("; ");
        if tone.model.is_some() && e.base != 0.0 {
            let lexicon = format!("lexicon {:+.2}", e.base);
            why = if why.is_empty() { lexicon } else { format!("{lexicon}, {why}") };
        }
        let why = if why.is_empty() { String::new() } else { format!("  {}", style.dim(&why)) };
        let _ = writeln!(out, "    {} {score}{why}", padded(&format!("« {} »", e.text), 22));
    }
}

/// Emotions and tones at or above this score are listed (0.5 reads as "expressed").
const SHOWN_FROM: f64 = 0.3;

fn render_dimensions(out: &mut String, title: &str, family: emotics::tone::Family, report: &Report, style: Style) {
    let shown: Vec<String> = report
        .tone
        .expressed(family, SHOWN_FROM)
        .into_iter()
        .map(|(name, score, words)| {
            let words: Vec<String> = words.iter().map(|w| format!("« {w} »")).collect();
            let line = format!("{name} {score:.2}");
            let line = if score >= 0.5 { style.bold(&line) } else { line };
            if words.is_empty() { line } else { format!("{line} {}", style.dim(&words.join(" "))) }
        })
        .collect();
    let list = if shown.is_empty() { style.dim("none") } else { shown.join(", ") };
    let _ = writeln!(out, "  {title:<24} {list}");
}

fn render_profile(out: &mut String, text: &str, p: &ProfileReport, style: Style) {
    let status = match (p.unfit(), p.kind) {
        (None, _) => style.good("ok"),
        (Some(Unfit::Empty), _) => style.bad("empty"),
        (Some(Unfit::InvalidCharacter), _) => style.bad("invalid character"),
        (Some(Unfit::TooLong), LimitKind::Hard) => style.bad("too long"),
        (Some(Unfit::TooLong), LimitKind::Heuristic) => style.warn("long"),
    };
    let amount = match p.unit {
        emotics::Unit::SmsSegments => {
            format!("{} / {} segment{}", p.length, p.limit, if p.limit == 1 { "" } else { "s" })
        }
        emotics::Unit::Mastodon | emotics::Unit::Bluesky | emotics::Unit::Threads => {
            format!("{} / {} graphemes", p.length, p.limit)
        }
        unit => format!("{} / {} {}", p.length, p.limit, unit.name()),
    };
    let _ = write!(out, "  {:<24} {:<34} {status}", p.name, amount);
    if let Some(sms) = p.sms() {
        let (encoding, units, chars) = (sms.encoding, sms.units, &sms.ucs2_characters);
        let unit = if encoding == Encoding::Gsm7 { "septets" } else { "UTF-16 units" };
        let encoding = if encoding == Encoding::Gsm7 { "GSM-7" } else { "UCS-2" };
        let _ = write!(out, "  {}", style.dim(&format!("{encoding}, {units} {unit}")));
        if !chars.is_empty() {
            let causes: Vec<String> = chars
                .iter()
                .take(5)
                .map(|c| format!("{} at {}", invisible::quoted(&c.text, "“", "”"), column(text, c.span.start)))
                .collect();
            let more = if chars.len() > 5 { format!(" and {} more", chars.len() - 5) } else { String::new() };
            let _ = write!(out, "{}", style.dim(&format!(" because of {}{more}", causes.join(", "))));
        }
    }
    if let Some(emotics::ProfileDetail::Bluesky { bytes, .. }) = p.detail {
        let _ = write!(out, "  {}", style.dim(&format!("{bytes} / 3000 bytes")));
    }
    if let Some(overflow) = p.overflow {
        let cut = &text[overflow.start..overflow.end];
        let _ = write!(
            out,
            "  {}",
            style.dim(&format!("from column {}: « {} »", column(text, overflow.start), preview(cut, 24)))
        );
    }
    out.push('\n');
}

/// The fit plans and suggestions asked with `--fit` and `--target`.
pub fn render_extras(text: &str, extras: &super::score::Extras, style: Style) -> String {
    let mut out = String::new();
    for plan in &extras.fit {
        let measure = |p: &ProfileReport| match p.sms() {
            Some(sms) => {
                format!("{} segment{} {}", p.length, if p.length == 1 { "" } else { "s" }, sms.encoding.name())
            }
            None => format!("{} / {}", p.length, p.limit),
        };
        let _ = writeln!(
            out,
            "  {:<24} {} → {} with the safe edits → {} with all",
            format!("fit {}", plan.profile),
            measure(&plan.before),
            measure(&plan.after_safe),
            measure(&plan.after)
        );
        if plan.edits.is_empty() {
            let _ = writeln!(out, "    {}", style.dim("nothing to change"));
        }
        for planned in &plan.edits {
            let edit = &planned.edit;
            let class = match edit.class {
                emotics::fix::FixClass::Safe => style.good("safe "),
                emotics::fix::FixClass::Lossy => style.warn("lossy"),
            };
            let _ = writeln!(
                out,
                "    {class} {} at {} → {}  {}",
                invisible::quoted(&edit.text, "“", "”"),
                column(text, edit.span.start),
                if edit.replacement.is_empty() {
                    "nothing".to_string()
                } else {
                    invisible::quoted(&edit.replacement, "“", "”")
                },
                style.dim(&format!("{} ({})", edit.description, measure(&planned.effect)))
            );
        }
        if !plan.blocking.is_empty() {
            let chars: Vec<String> = plan
                .blocking
                .iter()
                .take(5)
                .map(|c| format!("{} at {}", invisible::quoted(&c.text, "“", "”"), column(text, c.span.start)))
                .collect();
            let _ = writeln!(
                out,
                "    {}",
                style.dim(&format!("still UCS-2 after the safe edits because of {}", chars.join(", ")))
            );
        }
    }
    for (k, suggestion) in extras.suggestions.iter().flatten().enumerate() {
        let targets: Vec<String> =
            suggestion.targets.iter().map(|t| format!("{} ({} → {})", t.target, t.before, t.after)).collect();
        let verdict = if suggestion.reaches { style.good("reaches") } else { style.warn("comes closer to") };
        let _ = writeln!(out, "  {:<24} {verdict} {}", format!("suggestion {}", k + 1), targets.join(", "));
        for edit in &suggestion.edits {
            let _ = writeln!(out, "    {}", style.dim(&edit.description));
        }
        let _ = writeln!(out, "    « {} »", preview(&suggestion.text, 160));
    }
    if extras.suggestions.as_ref().is_some_and(Vec::is_empty) {
        let _ = writeln!(out, "  {:<24} {}", "suggestions", style.dim("none: the targets are met, or no edit helps"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{padded, render_dimensions};
    use crate::cli::style::{ColorChoice, Style};

    /// An emotion or tone the model reads from no word in particular is listed without the
    /// space its words would follow (`surprise 0.37, sadness…`, not `surprise 0.37 ,`).
    #[test]
    fn a_dimension_without_words_has_no_stray_space() {
        let checker = emotics::Checker::new();
        let style = Style::new(ColorChoice::Never);
        let mut wordless = 0;
        for text in ["Attention au colis", "Votre colis arrive demain", "Bravo, 3e colis perdu 👏", "J'ai peur"] {
            let report = checker.score(text);
            for family in [emotics::tone::Family::Emotion, emotics::tone::Family::Tone] {
                wordless += report.tone.expressed(family, super::SHOWN_FROM).iter().filter(|d| d.2.is_empty()).count();
                let mut out = String::new();
                render_dimensions(&mut out, "emotions", family, &report, style);
                assert!(!out.contains(" ,") && !out.trim_end_matches('\n').ends_with(' '), "{out:?}");
            }
        }
        assert!(wordless > 0, "the messages must include a dimension read from no word");
    }

    /// Emoji take two columns however they are written; a combining mark takes none.
    #[test]
    fn padding_counts_display_columns() {
        for (text, columns) in [
            ("« chance »", 10),
            ("« 🔥 »", 6),
            ("« ❤️ »", 6), // U+2764 with the emoji presentation selector
            ("« 👩‍💻 »", 6), // a ZWJ sequence
            ("« 🇫🇷 »", 6), // a flag
            ("« e\u{301}t\u{e9} »", 7),
        ] {
            let line = padded(text, 22);
            assert_eq!(line.len() - text.len(), 22 - columns, "{text}");
        }
        assert_eq!(padded("« a very long word indeed »", 22), "« a very long word indeed »");
    }
}
