//! Tone suggestions: edits that bring a message to tone targets (`trust >= 0.3`,
//! `spamminess <= 0.2`, `valence >= 0.2`).
//!
//! Candidates come from the substitution bank (`lexicons/substitutions.tsv`: alternatives of
//! phrases, and closing sentences added at the end), runs of `!` shortened and words in
//! capitals lowered; for a register target (`register = vous`, `formality >= 0.6`, or their
//! tu side), the French message rewritten addressing the reader the other way
//! ([`super::register`]), as one edit. Each candidate, and each combination of up to
//! three, is scored again by the engine; a combination is kept only when every length profile
//! the message fitted still fits. Suggestions that reach every target come first, then those
//! with fewer edits, then those that come closest.

use serde::Serialize;

#[cfg(feature = "rewrite")]
use super::register;
use super::{Edit, EditKind, FixClass, ToneChange, apply, change, order, phrases, tables};
use crate::report::Report;
use crate::text::span::Utf16Index;
use crate::tone::targets::Target;
use crate::{Checker, Options};

/// At most this many edits in one suggestion, and this many suggestions.
const MOST_EDITS: usize = 3;
const MOST_SUGGESTIONS: usize = 5;
/// Combinations are grown from this many best partial ones at each step.
const BEAM: usize = 6;

/// A rewrite of the message and what it does to the targets.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// The edits, on the message as written, in text order.
    pub edits: Vec<Edit>,
    /// The message once edited.
    pub text: String,
    /// Whether every target is met.
    pub reaches: bool,
    pub targets: Vec<TargetResult>,
    /// How every tone score moves.
    pub tone: ToneChange,
}

/// One target before and after a suggestion.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    pub target: String,
    pub before: f64,
    pub after: f64,
    pub met: bool,
}

impl Checker {
    /// A tone target (`trust >= 0.3`), its dimension checked against those this checker
    /// scores.
    pub fn target(&self, text: &str) -> Result<Target, String> {
        let (emotions, tones) = self.dimension_names();
        Target::parse(text, &emotions, &tones)
    }

    /// Rewrites of `text` that bring it toward `targets`, best first; none when the message
    /// meets them already or nothing helps.
    pub fn suggest(&self, text: &str, targets: &[Target], options: &Options) -> Vec<Suggestion> {
        let before = self.score_with(text, options);
        if targets.iter().all(|t| t.miss(t.dimension.value(&before)).is_none()) {
            return Vec::new();
        }
        let candidates = candidates(self, text, before.language);
        #[cfg(feature = "rewrite")]
        let candidates = {
            let mut candidates = candidates;
            candidates.extend(register::edits(text, targets, &before));
            candidates
        };
        let fitted: Vec<bool> = before.length.profiles.iter().map(|p| p.valid).collect();
        let evaluate = |edits: &[&Edit]| -> Option<(f64, Report)> {
            // scores only: what the suggestion moves, and every profile's fit
            let report = self.score_brief(&apply(text, edits), options, self.profiles());
            // a profile the message fitted must still fit
            let fits = report.length.profiles.iter().zip(&fitted).all(|(p, was)| p.valid || !was);
            fits.then(|| (distance(targets, &report), report))
        };
        let start = distance(targets, &before);
        let mut found: Vec<(Vec<&Edit>, f64, Report)> = Vec::new();
        let mut frontier: Vec<Vec<&Edit>> = vec![Vec::new()];
        for _ in 0..MOST_EDITS {
            let mut next: Vec<(Vec<&Edit>, f64, Report)> = Vec::new();
            for partial in &frontier {
                let current = if partial.is_empty() { start } else { evaluate(partial).map_or(f64::MAX, |(d, _)| d) };
                for candidate in &candidates {
                    if partial.iter().any(|e| super::overlaps_edit(e, candidate)) {
                        continue;
                    }
                    let mut edits = partial.clone();
                    edits.push(candidate);
                    order::sort_by_key(&mut edits, |e| [order::up(e.span.start), order::up(e.span.end), 0, 0]);
                    if next.iter().any(|(other, _, _)| *other == edits) {
                        continue;
                    }
                    if let Some((d, report)) = evaluate(&edits)
                        && d < current
                    {
                        next.push((edits, d, report));
                    }
                }
            }
            order::sort_by_key(&mut next, |(_, d, _)| [order::float(*d), 0, 0, 0]);
            frontier = next.iter().take(BEAM).map(|(edits, _, _)| edits.clone()).collect();
            found.extend(next);
            if frontier.is_empty() || found.iter().any(|(_, d, _)| *d == 0.0) {
                break;
            }
        }
        // those that reach the targets, with the fewest edits; then the closest
        order::sort_by_key(&mut found, |(edits, d, _)| {
            let missed = *d > 0.0;
            [u64::from(missed), if missed { 0 } else { order::up(edits.len()) }, order::float(*d), 0]
        });
        let mut suggestions: Vec<Suggestion> = Vec::new();
        for (edits, d, report) in found {
            let edited = apply(text, &edits);
            if suggestions.len() == MOST_SUGGESTIONS || suggestions.iter().any(|s| s.text == edited) {
                continue;
            }
            // a suggestion that reaches the targets makes any longer one that contains it useless
            if suggestions.iter().any(|s| s.reaches && s.edits.iter().all(|e| edits.contains(&e))) {
                continue;
            }
            suggestions.push(Suggestion {
                edits: edits.into_iter().cloned().collect(),
                text: edited,
                reaches: d == 0.0,
                targets: targets
                    .iter()
                    .map(|t| {
                        let after = t.dimension.value(&report);
                        TargetResult {
                            target: t.to_string(),
                            before: t.dimension.value(&before),
                            after,
                            met: t.miss(after).is_none(),
                        }
                    })
                    .collect(),
                tone: change(&before.tone, &report.tone),
            });
        }
        suggestions
    }
}

/// How far a report is from meeting the targets: the sum of the gaps (0 when all are met).
fn distance(targets: &[Target], report: &Report) -> f64 {
    targets
        .iter()
        .map(|t| {
            let value = t.dimension.value(report);
            match t.miss(value) {
                None => 0.0,
                // a strict bound missed by equality still counts a little
                Some(crate::tone::targets::Miss::Below(min, _)) => (min - value).max(1e-6),
                Some(crate::tone::targets::Miss::Above(max, _)) => (value - max).max(1e-6),
            }
        })
        .sum()
}

/// The bank's phrase for sentences added at the end.
const END: &str = "<end>";

/// The edits a suggestion may combine.
fn candidates(checker: &Checker, text: &str, language: crate::Language) -> Vec<Edit> {
    let index = Utf16Index::new(text);
    let edit = |(start, end): (usize, usize), replacement: String, kind: EditKind, description: String| Edit {
        text: text[start..end].to_string(),
        span: index.span(start, end),
        replacement,
        class: FixClass::Lossy,
        kind,
        description,
    };
    let mut edits = Vec::new();
    let bank: Vec<&tables::Substitution> = tables::substitutions(language).filter(|s| s.phrase != END).collect();
    let phrases: Vec<&str> = bank.iter().map(|s| s.phrase).collect();
    for (start, end, k) in phrases::find(text, &phrases) {
        for alternative in &bank[k].alternatives {
            let replacement = phrases::same_case(text, start, &text[start..end], alternative);
            let description = format!("« {} » → « {replacement} »", &text[start..end]);
            edits.push(edit((start, end), replacement, EditKind::Substitution, description));
        }
    }
    // closing sentences, after the message's last sentence
    let body = text.trim_end();
    let sentence_end = body.ends_with(['.', '!', '?', '…']);
    for closing in tables::substitutions(language).filter(|s| s.phrase == END).flat_map(|s| &s.alternatives) {
        let replacement = if sentence_end { format!(" {closing}") } else { format!(". {closing}") };
        edits.push(edit((body.len(), text.len()), replacement, EditKind::Addition, format!("« {closing} » added")));
    }
    // runs of `!` (with the spaces before them) become one
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'!' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'!' || b == b' ').count();
            let marks = bytes[i..i + run].iter().filter(|&&b| b == b'!').count();
            let end = i + bytes[i..i + run].iter().rposition(|&b| b == b'!').map_or(1, |p| p + 1);
            if marks > 1 {
                edits.push(edit((i, end), "!".into(), EditKind::Punctuation, format!("{marks} « ! » → one")));
            }
            i += run.max(1);
        } else {
            i += 1;
        }
    }
    // words in capitals (three letters or more, outside SMS opt-outs such as « STOP 36111 »)
    let opt_outs = crate::text::placeholders::opt_outs(text);
    let urls = checker.rules.urls(text, true);
    for token in checker.tokenize(text, &urls) {
        let word = &text[token.start..token.end];
        let inside = opt_outs.iter().any(|&(s, e)| s <= token.start && token.end <= e);
        if token.all_caps && word.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !inside {
            let lowered = phrases::same_case(text, token.start, word, &word.to_lowercase());
            edits.push(edit((token.start, token.end), lowered, EditKind::Capitals, format!("{word} in lower case")));
        }
    }
    edits
}
