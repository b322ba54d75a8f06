//! A very long message (issues #21 and #24: a 10 MB line, a million emoji), scored in
//! windows so that its memory is bounded and its time linear.
//!
//! A message over [`LONG_FROM`] bytes is cut into windows of at most [`WINDOW`] bytes, at
//! the end of a sentence, else at a space, else between grapheme clusters. Each window is
//! tokenized and read by the rule engine and the model as a message is; what it adds up to
//! is kept and the rest dropped before the next one: VADER's sums ([`Tally`]), the raw sums of
//! the emotions and tones ([`Raw`]), the model's log-odds and its largest contributions
//! ([`model::Windows`]), and the rule engine's explanations, capped per dimension as they
//! come. The language is identified from the evidence of every window first. Lengths are
//! measured on the whole text, exactly.
//!
//! Unlike a message read whole, no rule reads across a window's edge (a negation, a contrast,
//! a bigram), `!` and `??` count up to their caps in each window, a window in capitals is a
//! message in capitals, and the model's feature of the rule engine's valence is read in each
//! window; on such a text the scores are saturated sums, and these move them by little.

use crate::lang::Evidence;
use crate::length::urls::Url;
use crate::model;
use crate::text::span::Utf16Index;
use crate::text::tokenize::Token;
use crate::tone::dimensions::Raw;
use crate::tone::valence::Tally;
use crate::tone::{self, ToneReport};
use crate::{Checker, Explain, Options, Profile, Report};

/// Messages longer than this (bytes) are scored in windows: 200 times X's limit, and far
/// over any platform's.
pub(crate) const LONG_FROM: usize = 100_000;
/// The most bytes of a window: enough for its rules to read whole sentences, little enough
/// that its tokens and units stay in cache.
const WINDOW: usize = 32_768;

impl Checker {
    /// Scores a message over [`LONG_FROM`] bytes window by window (see the module).
    pub(crate) fn score_long(&self, text: &str, options: &Options, profiles: &[Profile], explain: Explain) -> Report {
        let windows = windows(text);
        let language = options.language.unwrap_or_else(|| {
            let mut evidence = Evidence::default();
            for &(start, end) in &windows {
                evidence.add(&self.window_tokens(&text[start..end]).0, &self.lexicons);
            }
            evidence.language()
        });
        let (mut tally, mut raw) = (Tally::default(), Raw::default());
        let mut models = (!self.models.is_empty()).then(|| model::Windows::new(&self.models, language));
        let (mut rules, mut unlisted) = (Vec::new(), Vec::new());
        // the URLs of every window, for X's length: each is found whole in its window when
        // the windows end at spaces (a URL has none); else X finds them in the whole text
        let mut all_urls = Vec::new();
        let at_spaces = windows.iter().all(|&(_, end)| text[..end].ends_with(|c: char| c.is_ascii_whitespace()) || end == text.len());
        let mut utf16 = 0;
        for &(start, end) in &windows {
            let piece = &text[start..end];
            let (tokens, urls) = self.window_tokens(piece);
            if at_spaces {
                all_urls.extend(urls.iter().map(|u| Url { start: u.start + start, end: u.end + start, ..*u }));
            }
            let index = Utf16Index::new(piece);
            let units = tone::units::units(&tokens, language, &self.lexicons);
            let context = tone::context::Context::new(piece, &units, language);
            let (mut explanations, window_tally) = tone::valence::explain(piece, &context, &index);
            tally.add(&window_tally);
            let window_raw =
                tone::dimensions::raw_all(piece, &tokens, &context, language, &self.lexicons, &index, &mut explanations);
            raw.add(&window_raw);
            if let Some(model) = &mut models {
                let mut sums = model::Sums::new(&self.models, language, tokens.len());
                let each = &mut |f| sums.add(&f);
                model::features::extract(piece, &tokens, &urls, &context, language, &explanations, each);
                model.add((piece, &index, &explanations), sums, explain, (start, utf16));
                explanations.retain(|e| !model::replaced(&self.models, e));
            }
            if explain == Explain::Yes {
                explanations.iter_mut().for_each(|e| e.shift(start, utf16));
                rules.append(&mut explanations);
                tone::cap(&mut rules, &mut unlisted);
            }
            utf16 += index.utf16_at(piece.len());
        }
        let mut tone = ToneReport::empty();
        tally.apply(&mut tone);
        raw.apply(&self.lexicons, language, &mut tone);
        if let Some(model) = models {
            model.finish(&self.models, &self.model_name, explain, &mut tone);
        }
        if explain == Explain::Yes {
            tone.explanations.append(&mut rules);
            tone.unlisted = unlisted;
            tone.round_unlisted();
        }
        let urls = at_spaces.then_some(&all_urls[..]);
        let length = self.length_of(text, urls, &Utf16Index::new(text), profiles);
        Report { language, tone, length }
    }

    /// The tokens of a window, and the URLs X finds in it.
    fn window_tokens(&self, piece: &str) -> (Vec<Token>, Vec<Url>) {
        let urls = self.rules.urls(piece, true);
        (self.tokenize(piece, &urls), urls)
    }
}

/// The windows of a long text, as byte ranges that follow one another.
fn windows(text: &str) -> Vec<(usize, usize)> {
    let mut windows = Vec::with_capacity(text.len() / WINDOW * 2 + 1);
    let mut start = 0;
    while start < text.len() {
        let end = if text.len() - start <= WINDOW { text.len() } else { cut(text, start) };
        windows.push((start, end));
        start = end;
    }
    windows
}

/// Where the window from `start` ends: after the last sentence end followed by a space in its
/// second half, else after its last space there, else at its last grapheme boundary.
fn cut(text: &str, start: usize) -> usize {
    let limit = crate::text::span::floor_char_boundary(text, start + WINDOW);
    let half = start + WINDOW / 2;
    let bytes = text.as_bytes();
    let space = |i: usize| bytes[i].is_ascii_whitespace();
    // `.`, `!`, `?`, or the last byte of `…`
    let sentence_end = |i: usize| matches!(bytes[i - 1], b'.' | b'!' | b'?' | 0xA6);
    if let Some(i) = (half..limit).rev().find(|&i| space(i) && sentence_end(i)) {
        return i + 1;
    }
    if let Some(i) = (half..limit).rev().find(|&i| space(i)) {
        return i + 1;
    }
    use unicode_segmentation::UnicodeSegmentation;
    match text[start..limit].grapheme_indices(true).next_back() {
        Some((last, _)) if last > 0 => start + last,
        // one cluster longer than the window (combining marks by the thousand)
        _ => limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_text_and_end_at_sentences_then_spaces_then_clusters() {
        let sentences = "Une phrase. Another one! ".repeat(5_000);
        let cuts = windows(&sentences);
        assert!(cuts.len() > 3);
        assert_eq!(cuts.first().unwrap().0, 0);
        assert_eq!(cuts.last().unwrap().1, sentences.len());
        for pair in cuts.windows(2) {
            assert_eq!(pair[0].1, pair[1].0);
            assert!(pair[0].1 - pair[0].0 <= WINDOW);
            assert!(sentences[..pair[0].1].ends_with(". ") || sentences[..pair[0].1].ends_with("! "));
        }
        let words = "mot ".repeat(20_000);
        assert!(windows(&words).iter().all(|&(_, end)| words[..end].ends_with(' ')));
        // a family emoji is a cluster of seven characters: never cut between them
        let family = "👨‍👩‍👧‍👦".repeat(5_000);
        assert!(windows(&family).iter().all(|&(_, end)| family[end..].is_empty() || family[end..].starts_with("👨")));
        let marks = "\u{301}".repeat(40_000);
        assert_eq!(windows(&marks).len(), 3);
    }
}
