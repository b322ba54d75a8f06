//! From finding to fix: the fit plan of a message for one length profile.
//!
//! The plan is an ordered list of exact edits on the message as written, each with its span,
//! its replacement, its class and its effect: the profile's measure after it (length, units,
//! segments, encoding) and how each tone score moved, both from the engine itself (the
//! message is measured and scored again after every edit, never estimated).
//!
//! - **safe** edits keep the meaning: typographic apostrophes, quotes and dashes, the
//!   ellipsis, space variants and invisible characters (`data/fix/characters.tsv`), decomposed
//!   accents recomposed when GSM-7 has the result, repeated spaces, and a URL's tracking
//!   parameters where the profile counts URLs as written. An SMS pays for a single character
//!   outside GSM-7 with the whole message in UCS-2, so a repair is kept when it lowers the
//!   cost alone or is needed for the message to reach GSM-7.
//! - **lossy** edits change what the reader sees and are never applied without asking:
//!   accents and ligatures GSM-7 lacks (`ê` → `e`, `œ` → `oe`; GSM 03.38 has no French
//!   national language table), emoji removed, and shorter forms of a few phrases
//!   (`data/fix/abbreviations.tsv`), proposed only while the message is over its limit.

mod phrases;
#[cfg(feature = "rewrite")]
pub mod register;
mod suggest;
mod tables;

pub use suggest::{Suggestion, TargetResult};

use std::borrow::Cow;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::length::sms::gsm7_septets;
use crate::length::{Profile, Unit};
use crate::order;
use crate::report::{CharSpan, ProfileReport};
use crate::text::span::{Span, Utf16Index};
use crate::tone::{Label, ToneReport};
use crate::{Checker, Options};

/// Whether an edit keeps the meaning (`safe`, applied by `--fix`) or not (`lossy`, only with
/// `--unsafe-fixes`): ruff's convention.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixClass {
    Safe,
    Lossy,
}

/// One exact edit of the message as written.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    /// The text replaced.
    pub text: String,
    #[serde(flatten)]
    pub span: Span,
    pub replacement: String,
    pub class: FixClass,
    pub kind: EditKind,
    /// What the edit does, e.g. `RIGHT SINGLE QUOTATION MARK → '`, `repeated spaces`.
    pub description: String,
}

/// What an edit changes.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditKind {
    /// A character replaced or removed (`data/fix/characters.tsv`, decomposed accents).
    Character,
    Spaces,
    /// A URL's tracking parameters.
    Tracking,
    Emoji,
    /// A phrase's shorter form (`data/fix/abbreviations.tsv`).
    Abbreviation,
    /// A phrase's alternative from the substitution bank (`lexicons/substitutions.tsv`).
    Substitution,
    /// A closing sentence added at the end (substitution bank).
    Addition,
    /// A run of `!` shortened.
    Punctuation,
    /// A word in capitals written in lower case.
    Capitals,
    /// A French message rewritten addressing the reader as vous, or as tu.
    Register,
}

/// An edit of the plan and what the message is once it and those before it are applied.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedEdit {
    #[serde(flatten)]
    pub edit: Edit,
    /// The profile's measure after this edit.
    pub effect: ProfileReport,
    /// How the tone moved with this edit.
    pub tone: ToneChange,
}

/// The differences of the tone scores between two versions of a message (those of at least
/// 0.005 in absolute value).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ToneChange {
    pub valence: f64,
    /// The new label, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Label>,
    pub emotions: Vec<(Cow<'static, str>, f64)>,
    pub tones: Vec<(Cow<'static, str>, f64)>,
}

/// How to fit a message to a profile, or to pay fewer SMS segments.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitPlan {
    pub profile: String,
    /// The message as written.
    pub before: ProfileReport,
    /// With the safe edits applied.
    pub after_safe: ProfileReport,
    /// With every edit applied.
    pub after: ProfileReport,
    /// Safe edits first, in text order; then the lossy ones, in the order proposed.
    pub edits: Vec<PlannedEdit>,
    /// The characters that still keep an SMS in UCS-2 once the safe edits are applied.
    pub blocking: Vec<CharSpan>,
    /// The message with the safe edits, and with all of them.
    pub text_safe: String,
    pub text_all: String,
}

impl Checker {
    /// The fit plan of `text` for the profile called `profile`.
    pub fn fit_plan(&self, text: &str, profile: &str, options: &Options) -> Result<FitPlan, String> {
        let profile = self.profiles_named(&[profile])?.remove(0);
        let planner = Planner { checker: self, text, profile: &profile, options };
        let candidates = planner.candidates();
        let (safe, lossy, blocking) = planner.choose(&candidates);
        Ok(planner.report(safe, lossy, blocking))
    }

    /// The edits of the fit plans of `text` for `profiles`, each in its plan's order, without
    /// their effects (what `check` attaches to length findings: an effect costs a scoring,
    /// and the candidate edits are found once for SMS profiles and once for the others).
    pub fn fit_edits(&self, text: &str, profiles: &[&str], options: &Options) -> Result<Vec<Vec<Edit>>, String> {
        let profiles = self.profiles_named(profiles)?;
        let mut candidates: [Option<Vec<Edit>>; 2] = [None, None];
        let mut plans = Vec::with_capacity(profiles.len());
        for profile in &profiles {
            let planner = Planner { checker: self, text, profile, options };
            let found =
                candidates[usize::from(profile.unit == Unit::SmsSegments)].get_or_insert_with(|| planner.candidates());
            let (safe, lossy, _) = planner.choose(found);
            plans.push(safe.into_iter().chain(lossy).cloned().collect());
        }
        Ok(plans)
    }
}

/// The cost of a version of the message for a profile, lowest first: its length in the
/// profile's unit (segments for SMS), then UCS-2 before GSM-7, then its units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cost(usize, bool, usize);

struct Planner<'a> {
    checker: &'a Checker,
    text: &'a str,
    profile: &'a Profile,
    options: &'a Options,
}

impl Planner<'_> {
    fn measure(&self, text: &str) -> ProfileReport {
        // one profile asked, one measured
        self.checker.length_for(text, std::slice::from_ref(self.profile)).profiles.remove(0)
    }

    fn cost(&self, edits: &[&Edit]) -> Cost {
        let report = self.measure(&apply(self.text, edits));
        match report.sms() {
            Some(sms) => Cost(report.length, sms.encoding == crate::length::sms::Encoding::Ucs2, sms.units),
            None => Cost(report.length, false, report.length),
        }
    }

    fn candidates(&self) -> Vec<Edit> {
        candidates(self.text, self.checker, self.options, self.profile.unit == Unit::SmsSegments)
    }

    /// The safe edits kept and the lossy ones chosen, in the plan's order, and what keeps an
    /// SMS in UCS-2 once the safe ones are made.
    fn choose<'e>(&self, candidates: &'e [Edit]) -> (Vec<&'e Edit>, Vec<&'e Edit>, Vec<CharSpan>) {
        let is_sms = self.profile.unit == Unit::SmsSegments;
        let (safe, lossy): (Vec<&Edit>, Vec<&Edit>) = candidates.iter().partition(|e| e.class == FixClass::Safe);
        // what keeps an SMS in UCS-2 once the safe edits are made, and the lossy edits that
        // would remove it, taken only when they remove all of it and save a segment
        let blocking: Vec<CharSpan> = if is_sms {
            blockers(self.text).into_iter().filter(|c| !safe.iter().any(|e| overlaps(e, c))).collect()
        } else {
            Vec::new()
        };
        let mut chosen: Vec<&Edit> = Vec::new();
        if !blocking.is_empty() {
            let removals: Vec<&Edit> = lossy
                .iter()
                .copied()
                .filter(|e| matches!(e.kind, EditKind::Character | EditKind::Emoji))
                .filter(|e| blocking.iter().any(|c| overlaps(e, c)))
                .collect();
            let all_removed = blocking.iter().all(|c| removals.iter().any(|e| overlaps(e, c)));
            if all_removed && self.cost(&[&safe[..], &removals[..]].concat()).0 < self.cost(&safe).0 {
                chosen = removals;
            }
        }
        // a safe edit stays when the plan costs more without it
        fn without<'e>(set: &[&'e Edit], edit: &Edit) -> Vec<&'e Edit> {
            set.iter().copied().filter(|o| !std::ptr::eq(*o, edit)).collect()
        }
        let with_chosen: Vec<&Edit> = [&safe[..], &chosen[..]].concat();
        let safe: Vec<&Edit> = safe
            .iter()
            .copied()
            .filter(|e| {
                self.cost(&without(&safe, e)) > self.cost(&safe)
                    || self.cost(&without(&with_chosen, e)) > self.cost(&with_chosen)
            })
            .collect();
        // then shorter forms and emoji removals, the most saving first, while over the limit
        let mut current: Vec<&Edit> = [&safe[..], &chosen[..]].concat();
        let mut shorteners: Vec<(Cost, &Edit)> = lossy
            .iter()
            .copied()
            .filter(|e| !current.iter().any(|o| std::ptr::eq(*o, *e) || conflicts(o, e)))
            .map(|e| (self.cost(&[&current[..], &[e]].concat()), e))
            .collect();
        order::sort_by_key(&mut shorteners, |(Cost(length, ucs2, units), e)| {
            [order::up(*length), u64::from(*ucs2), order::up(*units), order::up(e.span.start)]
        });
        for (_, edit) in shorteners {
            if self.measure(&apply(self.text, &current)).valid {
                break;
            }
            let with = [&current[..], &[edit]].concat();
            if !current.iter().any(|o| conflicts(o, edit)) && self.cost(&with) < self.cost(&current) {
                current = with;
                chosen.push(edit);
            }
        }
        (safe, chosen, blocking)
    }

    fn report(&self, safe: Vec<&Edit>, lossy: Vec<&Edit>, blocking: Vec<CharSpan>) -> FitPlan {
        let mut applied: Vec<&Edit> = Vec::new();
        let mut edits = Vec::new();
        let mut tone = self.tone(self.text);
        for edit in safe.iter().chain(&lossy) {
            applied.push(edit);
            let text = apply(self.text, &applied);
            let next = self.tone(&text);
            edits.push(PlannedEdit { edit: (*edit).clone(), effect: self.measure(&text), tone: change(&tone, &next) });
            tone = next;
        }
        let text_safe = apply(self.text, &safe);
        let text_all = apply(self.text, &applied);
        FitPlan {
            profile: self.profile.name.to_string(),
            before: self.measure(self.text),
            after_safe: self.measure(&text_safe),
            after: self.measure(&text_all),
            edits,
            blocking,
            text_safe,
            text_all,
        }
    }

    /// The scores of `text` (what an edit moves; no explanations needed).
    fn tone(&self, text: &str) -> ToneReport {
        self.checker.score_brief(text, self.options, &[]).tone
    }
}

/// Whether `edit` replaces (part of) the character `c`.
fn overlaps(edit: &Edit, c: &CharSpan) -> bool {
    edit.span.start < c.span.end && c.span.start < edit.span.end
}

/// Whether two edits touch the same text (two insertions at one place included).
fn overlaps_edit(a: &Edit, b: &Edit) -> bool {
    a.span.start < b.span.end.max(b.span.start + 1) && b.span.start < a.span.end.max(a.span.start + 1)
}

/// Whether `later` cannot follow `earlier` in a plan: they overlap, and `later` does not
/// contain `earlier` (a shorter form may replace a phrase whose apostrophe was repaired: it
/// replaces that repair too).
fn conflicts(earlier: &Edit, later: &Edit) -> bool {
    let contains = later.span.start <= earlier.span.start && earlier.span.end <= later.span.end;
    overlaps_edit(earlier, later) && !contains
}

/// `text` with `edits` applied; an edit inside another is replaced by it.
pub(crate) fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&&Edit> = edits.iter().collect();
    // the containing edit first, so that those inside it are skipped
    order::sort_by_key(&mut sorted, |e| [order::up(e.span.start), order::down(e.span.end), 0, 0]);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        if edit.span.start < at {
            continue;
        }
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The characters of `text` that are not GSM-7.
fn blockers(text: &str) -> Vec<CharSpan> {
    let index = Utf16Index::new(text);
    text.char_indices()
        .filter(|(_, c)| gsm7_septets(*c).is_none())
        .map(|(i, c)| CharSpan { text: c.to_string(), span: index.span(i, i + c.len_utf8()) })
        .collect()
}

pub(crate) fn change(before: &ToneReport, after: &ToneReport) -> ToneChange {
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let moved = |a: &crate::tone::dimensions::Scores, b: &crate::tone::dimensions::Scores| {
        b.0.iter()
            .filter_map(|(name, value)| {
                let old = a.0.iter().find(|(n, _)| n == name).map_or(0.0, |(_, v)| *v);
                let delta = round(value - old);
                (delta.abs() >= 0.005).then(|| (name.clone(), delta))
            })
            .collect()
    };
    ToneChange {
        valence: round(after.valence - before.valence),
        label: (after.label != before.label).then_some(after.label),
        emotions: moved(&before.emotions, &after.emotions),
        tones: moved(&before.tones, &after.tones),
    }
}

/// A character the fit plan can replace, and with what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharacterRepair {
    /// Byte range of what is replaced: a character, or a letter with its combining marks.
    pub start: usize,
    pub end: usize,
    pub replacement: String,
    pub class: FixClass,
    /// `RIGHT SINGLE QUOTATION MARK → '`, `ZERO WIDTH SPACE → removed`.
    pub description: String,
}

/// The character repairs of `text`, in order: each character of `data/fix/characters.tsv`,
/// and each letter written with combining marks, recomposed (safe when GSM-7 has the
/// composed letter, else repaired as the table repairs it). The fit plan's candidates and
/// `check`'s help for a character that forces UCS-2 both read them here.
pub fn character_repairs(text: &str) -> impl Iterator<Item = CharacterRepair> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((start, c)) = chars.next() {
            // a letter and the combining marks after it, recomposed
            let mut end = start + c.len_utf8();
            let mut marks = false;
            while let Some(&(i, m)) = chars.peek().filter(|(_, m)| ('\u{300}'..='\u{36F}').contains(m)) {
                end = i + m.len_utf8();
                marks = true;
                chars.next();
            }
            let repair = |replacement: String, class: FixClass, description: String| {
                Some(CharacterRepair { start, end, replacement, class, description })
            };
            let single = if marks {
                let composed: String = text[start..end].nfc().collect();
                let mut one = composed.chars();
                match (one.next(), one.next()) {
                    (Some(single), None) if gsm7_septets(single).is_some() => {
                        let description = format!("decomposed accent → {composed}");
                        return repair(composed, FixClass::Safe, description);
                    }
                    (Some(single), None) => single,
                    _ => continue,
                }
            } else {
                c
            };
            if let Some(r) = tables::repair(single) {
                let shown = if r.replacement.is_empty() { "removed" } else { r.replacement.as_str() };
                return repair(r.replacement.clone(), r.class, format!("{} → {shown}", r.name));
            }
        }
        None
    })
}

/// Every edit the plan may choose from, on the message as written.
fn candidates(text: &str, checker: &Checker, options: &Options, is_sms: bool) -> Vec<Edit> {
    let index = Utf16Index::new(text);
    let edit = |(start, end): (usize, usize),
                replacement: String,
                (class, kind): (FixClass, EditKind),
                description: String| Edit {
        text: text[start..end].to_string(),
        span: index.span(start, end),
        replacement,
        class,
        kind,
        description,
    };
    let mut edits: Vec<Edit> = character_repairs(text)
        .map(|r| edit((r.start, r.end), r.replacement, (r.class, EditKind::Character), r.description))
        .collect();
    // runs of spaces, and spaces at the end
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let run = bytes[i..].iter().take_while(|&&b| b == b' ').count();
            let end = i + run;
            if end == bytes.len() || (run > 1 && i > 0) {
                let replacement = if end == bytes.len() { "" } else { " " };
                edits.push(edit(
                    (i, end),
                    replacement.to_string(),
                    (FixClass::Safe, EditKind::Spaces),
                    "repeated spaces".into(),
                ));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    // URLs and tokens found once, as scoring finds them
    let urls = checker.rules.urls(text, true);
    let tokens = checker.tokenize(text, &urls);
    // tracking parameters, where URLs count as written (X and Bluesky count links their way)
    if is_sms {
        for url in &urls {
            if let Some((start, end)) = tracking_parameters(&text[url.start..url.end]) {
                let span = (url.start + start, url.start + end);
                edits.push(edit(
                    span,
                    String::new(),
                    (FixClass::Safe, EditKind::Tracking),
                    "tracking parameters".into(),
                ));
            }
        }
    }
    // emoji, each with the space before it
    for token in &tokens {
        if token.kind == crate::text::tokenize::TokenKind::Emoji {
            let start = if text[..token.start].ends_with(' ') { token.start - 1 } else { token.start };
            let removal =
                edit((start, token.end), String::new(), (FixClass::Lossy, EditKind::Emoji), "emoji removed".into());
            if !edits.iter().any(|e| overlaps_edit(e, &removal)) {
                edits.push(removal);
            }
        }
    }
    // the language scoring uses, identified from the same tokens (not by scoring the message)
    let language = options.language.unwrap_or_else(|| crate::lang::identify(&tokens, &checker.lexicons));
    edits.extend(abbreviations(text, language).into_iter().map(|(start, end, short, phrase)| {
        edit((start, end), short, (FixClass::Lossy, EditKind::Abbreviation), format!("{phrase} → shorter form"))
    }));
    edits
}

/// Where the tracking parameters of `url` (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`)
/// are, with the `?` when no other parameter remains.
fn tracking_parameters(url: &str) -> Option<(usize, usize)> {
    let query = url.find('?')?;
    // a fragment ends the query; a `?` inside a fragment starts none
    let end = url[query..].find('#').map_or(url.len(), |i| query + i);
    if url[..query].contains('#') {
        return None;
    }
    let tracking = |p: &str| {
        let name = p.split('=').next().unwrap_or_default();
        name.starts_with("utm_") || ["fbclid", "gclid", "mc_cid", "mc_eid"].contains(&name)
    };
    let params: Vec<&str> = url[query + 1..end].split('&').collect();
    if !params.iter().any(|p| tracking(p)) {
        return None;
    }
    // only a tail of tracking parameters is removed, so that the edit is one span
    let kept = params.iter().rposition(|p| !tracking(p)).map_or(0, |i| i + 1);
    if kept == 0 {
        return Some((query, end));
    }
    let start = query + 1 + params[..kept].iter().map(|p| p.len() + 1).sum::<usize>() - 1;
    (start < end).then_some((start, end))
}

/// The phrases of `text` that have a shorter form: (start, end, short form, phrase).
fn abbreviations(text: &str, language: crate::Language) -> Vec<(usize, usize, String, &'static str)> {
    let table: Vec<&tables::Abbreviation> = tables::abbreviations(language).collect();
    let phrases: Vec<&str> = table.iter().map(|a| a.phrase).collect();
    phrases::find(text, &phrases)
        .into_iter()
        .map(|(start, end, k)| {
            (start, end, phrases::same_case(text, start, &text[start..end], table[k].short), table[k].phrase)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::tracking_parameters;

    #[test]
    fn tracking_parameters_are_a_tail_of_the_query_before_any_fragment() {
        let url = "https://x.co/a?id=4&utm_source=sms#top";
        assert_eq!(tracking_parameters(url).map(|(s, e)| &url[s..e]), Some("&utm_source=sms"));
        let url = "https://x.co/a?utm_source=sms";
        assert_eq!(tracking_parameters(url).map(|(s, e)| &url[s..e]), Some("?utm_source=sms"));
        assert_eq!(tracking_parameters("t.co/abc#promo?utm_source=1"), None, "a `?` in the fragment");
        assert_eq!(tracking_parameters("t.co/abc#promo?q=1t.co/abc"), None);
    }
}
