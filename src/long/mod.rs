//! A very long message (issues #21 and #24: a 10 MB line, a million emoji), scored in
//! windows so that its memory is bounded and its time linear.
//!
//! A message over [`crate::LONG_FROM`] bytes is cut into windows of at most [`WINDOW`] bytes, at
//! the end of a sentence, else at a space, else between grapheme clusters. Each window is
//! tokenized and read by the rule engine and the model as a message is, on every core; what
//! it adds up to is kept, in text order, and the rest dropped: VADER's sums ([`Tally`]), the
//! raw sums of the emotions and tones ([`Raw`]), the model's log-odds and its largest
//! contributions ([`model::Windows`]), and the rule engine's explanations, capped per
//! dimension as they come (so the scores do not depend on the number of cores: [`turns`]).
//! The windows are read in the language of the first one, and again in that of every
//! window's evidence when it differs. Lengths are measured on the whole text, exactly, on a
//! thread of their own meanwhile. `emotics check` then reads the windows' tokens again, one
//! window at a time, for its rules (`src/check/scan.rs`).
//!
//! Unlike a message read whole, no rule reads across a window's edge (a negation, a contrast,
//! a bigram); the rules that read the whole message (its first question, `!!!`, words in
//! capitals, `€€€`) fire in the first window where they would alone; `!` and `??` count up to
//! their caps in each window; and the model's feature of the rule engine's valence is read in
//! each window. On such a text the scores are sums of many words, which these move by little.

use crate::lang::Evidence;
use crate::length::urls::Url;
use crate::model;
use crate::text::span::{Utf16Index, utf16_len};
use crate::text::tokenize::Token;
use crate::tone::dimensions::Raw;
use crate::tone::valence::Tally;
use crate::tone::{self, Explanation, ToneReport};
use crate::{Checker, Explain, Language, Options, Profile, Report};
use turns::Turns;

mod turns;

/// The most bytes of a window: enough for its rules to read whole sentences, little enough
/// that its tokens and units stay in cache.
const WINDOW: usize = 32_768;

impl Checker {
    /// Scores a message over [`crate::LONG_FROM`] bytes window by window (see the module), its
    /// lengths measured meanwhile by the first thread free.
    pub(crate) fn score_long(&self, text: &str, options: &Options, profiles: &[Profile], explain: Explain) -> Report {
        let windows = windows(text);
        let threads = self.threads();
        let length = std::sync::OnceLock::new();
        let measure = || {
            length.get_or_init(|| self.length_of(text, None, &Utf16Index::new(text), profiles));
        };
        let read = |language, evidence, side| {
            self.long_tone(text, &windows, Reading { language, explain, evidence }, threads, side)
        };
        let (language, tone) = match options.language {
            Some(language) => (language, read(language, false, Some(&measure)).0),
            // the windows are read in the language of the first one, and read again in the
            // language of them all if it differs
            None => {
                let mut first = Evidence::default();
                let piece = windows.first().map_or("", |&(start, end)| &text[start..end]);
                first.add(&self.window_tokens(piece).0, &self.lexicons);
                let guess = first.language();
                match read(guess, true, Some(&measure)) {
                    (tone, evidence) if evidence.language() == guess => (guess, tone),
                    (_, evidence) => (evidence.language(), read(evidence.language(), false, None).0),
                }
            }
        };
        measure();
        Report { language, tone, length: length.into_inner().unwrap_or_default() }
    }

    /// The tone of the windows of `text` read as `reading` says on `threads` threads, and the
    /// evidence of their language if asked; the first thread free does `side` first (the
    /// lengths, measured on the whole text). Each window is read with the rules that fire once
    /// a message known to have fired before it when it is read, then added in text order, read
    /// again if one it holds fired in a window added meanwhile (the first few): the scores are
    /// those of reading the windows one after the other, whatever `threads`.
    fn long_tone(
        &self,
        text: &str,
        windows: &[(usize, usize)],
        reading: Reading,
        threads: usize,
        side: Option<&(dyn Fn() + Sync)>,
    ) -> (ToneReport, Evidence) {
        let Reading { language, explain, .. } = reading;
        let utf16: Vec<usize> = windows
            .iter()
            .scan(0, |at, &(start, end)| Some(std::mem::replace(at, *at + utf16_len(&text[start..end]))))
            .collect();
        let sums = Turns::new(Sums {
            fired: Vec::new(),
            evidence: Evidence::default(),
            tally: Tally::default(),
            raw: Raw::default(),
            models: (!self.models.is_empty()).then(|| model::Windows::new(&self.models, language)),
            rules: Vec::new(),
            unlisted: Vec::new(),
        });
        let first = usize::from(side.is_some());
        turns::each_item(first + windows.len(), threads, &[&sums], |item| {
            if let (0, Some(side)) = (item, side) {
                return side();
            }
            let k = item - first;
            let window = (windows[k].0, windows[k].1, utf16[k]);
            let read = |fired: &[(String, String)]| self.read_window(text, window, reading, fired);
            let known = sums.peek(|sums| sums.fired.clone());
            let mut window = read(&known);
            sums.in_turn(k, |sums| {
                let since = &sums.fired[known.len()..];
                if window.message_rules.iter().any(|rule| since.contains(rule)) {
                    window = read(&sums.fired);
                }
                sums.add(window);
            });
        });
        let Sums { evidence, tally, raw, models, mut rules, unlisted, .. } = sums.into_inner();
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
        (tone, evidence)
    }

    /// Reads the window `(start, end, utf16)` of `text` (its offsets in bytes, and its start
    /// in UTF-16 units) as a message, the rules that fire once a message found in `fired`
    /// having fired before it.
    fn read_window(
        &self,
        text: &str,
        (start, end, utf16): (usize, usize, usize),
        Reading { language, explain, evidence }: Reading,
        fired: &[(String, String)],
    ) -> Window {
        let piece = &text[start..end];
        let (tokens, urls) = self.window_tokens(piece);
        let mut window = Window::default();
        if evidence {
            window.evidence.add(&tokens, &self.lexicons);
        }
        let index = Utf16Index::new(piece);
        let units = tone::units::units(&tokens, language, &self.lexicons);
        let context = tone::context::Context::new(piece, &units, language);
        let (mut explanations, tally) = tone::valence::explain(piece, &context, &index);
        window.tally = tally;
        window.raw =
            tone::dimensions::raw_all(piece, &tokens, &context, language, &self.lexicons, &index, &mut explanations);
        explanations.retain(|e| {
            let Some(rule) = message_rule(e) else { return true };
            if !window.message_rules.iter().any(|r| (r.0.as_str(), r.1.as_str()) == rule) {
                window.message_rules.push((rule.0.to_string(), rule.1.to_string()));
            }
            let first = !fired.iter().chain(&window.fired).any(|r| (r.0.as_str(), r.1.as_str()) == rule);
            if first {
                window.fired.push((rule.0.to_string(), rule.1.to_string()));
            } else {
                window.raw.subtract(&self.lexicons, language, e);
            }
            first
        });
        if !self.models.is_empty() {
            let mut sums = model::Sums::new(&self.models, language, tokens.len());
            let each = &mut |f| sums.add(&f);
            model::features::extract(piece, &tokens, &urls, &context, language, &explanations, each);
            window.model = Some(model::Window::new((piece, &index, &explanations), sums, explain, (start, utf16)));
            explanations.retain(|e| !model::replaced(&self.models, e));
        }
        if explain == Explain::Yes {
            explanations.iter_mut().for_each(|e| e.shift(start, utf16));
            tone::cap(&mut explanations, &mut window.unlisted);
            window.rules = explanations;
        }
        window
    }

    /// Calls `each` with the tokens of each window of `text` in turn, their spans in `text`'s
    /// offsets: the rules of `check` read a long message so, never holding all its tokens. The
    /// windows are tokenized on every core.
    #[cfg(feature = "formats")]
    pub(crate) fn each_window_tokens(&self, text: &str, each: impl FnMut(&[Token]) + Send) {
        let windows = windows(text);
        let each = Turns::new(each);
        turns::each_item(windows.len(), self.threads(), &[&each], |k| {
            let (start, end) = windows[k];
            let mut tokens = self.window_tokens(&text[start..end]).0;
            for token in &mut tokens {
                token.start += start;
                token.end += start;
            }
            each.in_turn(k, |each| each(&tokens));
        });
    }

    /// The threads that read a long message: as set, else one per core.
    fn threads(&self) -> usize {
        self.threads.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), |n| n.get())
    }

    /// The tokens of a window, and the URLs X finds in it.
    fn window_tokens(&self, piece: &str) -> (Vec<Token>, Vec<Url>) {
        let urls = self.rules.urls(piece, true);
        (self.tokenize(piece, &urls), urls)
    }
}

/// How the windows are read: in which language, whether explained, and whether the evidence
/// of their language is gathered.
#[derive(Clone, Copy)]
struct Reading {
    language: Language,
    explain: Explain,
    evidence: bool,
}

/// What one window adds up to (see [`Checker::read_window`]).
#[derive(Default)]
struct Window {
    evidence: Evidence,
    tally: Tally,
    raw: Raw,
    model: Option<model::Window>,
    /// The rule engine's explanations, capped per dimension, and the rest.
    rules: Vec<Explanation>,
    unlisted: Vec<tone::Unlisted>,
    /// The rules that fire once a message (see [`message_rule`]) found in the window, and
    /// those of them that fired first there.
    message_rules: Vec<(String, String)>,
    fired: Vec<(String, String)>,
}

/// What the windows add up to, in text order.
struct Sums {
    /// The rules that fire once a message, as they fired.
    fired: Vec<(String, String)>,
    evidence: Evidence,
    tally: Tally,
    raw: Raw,
    models: Option<model::Windows>,
    /// The rule engine's explanations, capped per dimension as they come, and the rest.
    rules: Vec<Explanation>,
    unlisted: Vec<tone::Unlisted>,
}

impl Sums {
    /// Adds the next window in text order.
    fn add(&mut self, mut window: Window) {
        self.fired.append(&mut window.fired);
        self.evidence.merge(&window.evidence);
        self.tally.add(&window.tally);
        self.raw.add(&window.raw);
        if let (Some(models), Some(model)) = (&mut self.models, window.model) {
            models.add(model);
        }
        self.rules.append(&mut window.rules);
        tone::cap(&mut self.rules, &mut self.unlisted);
        tone::merge_unlisted(&mut self.unlisted, window.unlisted);
    }
}

/// The rules that read the whole message fire once in it (its first question, `!!!`, words
/// in capitals, `€€€`), and here once in every window: only the first window's is kept. Such
/// a rule is told by its dimension and the last word of its description.
fn message_rule(e: &Explanation) -> Option<(&str, &str)> {
    let description = e.modifiers.first()?.description.rsplit(' ').next()?;
    (e.lexicon == "rules" && e.dimension != "value").then_some((&*e.dimension, description))
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
    use crate::tone::{Family, LISTED_RULES};

    /// Sentences of both languages, shuffled by a fixed stride into a text of `bytes`.
    fn long_text(bytes: usize) -> String {
        let sentences = [
            "Dernière chance : -50 % sur tout, c'est génial !",
            "Je n'aime pas du tout ce service, vraiment décevant…",
            "What a wonderful day, thank you so much! 😀",
            "This is not bad at all, but the delivery was late.",
            "Offre VIP urgente, réservée à nos meilleurs clients : https://example.com/offre",
            "Tu vas adorer, vous allez voir !!!",
            "I'm scared and angry, this is DISGUSTING.",
            "Merci beaucoup pour votre confiance.",
        ];
        let mut text = String::new();
        let mut k = 0;
        while text.len() < bytes {
            text.push_str(sentences[k % sentences.len()]);
            text.push(' ');
            k = (k * 5 + 3) % sentences.len();
        }
        text
    }

    /// A long message read in windows scores as it does read whole, within a hundredth
    /// (its sums are large: saturated scores, shares of many words), lists a bounded number of
    /// explanations, and measures exactly the same lengths.
    #[test]
    fn a_long_message_scores_as_read_whole_within_a_hundredth_and_measures_the_same() {
        let text = long_text(crate::LONG_FROM + 60_000);
        for checker in [Checker::new(), Checker::without_model()] {
            let options = Options::default();
            let whole = checker.score_whole(&text, &options, checker.profiles(), Explain::Yes).0;
            let long = checker.score_long(&text, &options, checker.profiles(), Explain::Yes);
            assert_eq!(long.language, whole.language);
            assert_eq!(format!("{:?}", long.length), format!("{:?}", whole.length));
            let (a, b) = (&long.tone, &whole.tone);
            assert_eq!(a.label, b.label);
            assert_eq!(a.register, b.register);
            for (x, y) in [
                (a.valence, b.valence),
                (a.positive, b.positive),
                (a.neutral, b.neutral),
                (a.negative, b.negative),
                (a.intensity, b.intensity),
            ] {
                assert!((x - y).abs() < 0.01, "{x} {y}");
            }
            for (x, y) in a.emotions.0.iter().chain(&a.tones.0).zip(b.emotions.0.iter().chain(&b.tones.0)) {
                assert_eq!(x.0, y.0);
                assert!((x.1 - y.1).abs() < 0.01, "{x:?} {y:?}");
            }
            // as many of the rule engine's explanations of tones, listed or not, give or take
            // those a window's edge cuts
            let count = |t: &ToneReport| {
                let rules = t.explanations.iter().filter(|e| e.family == Family::Tone).count();
                rules + t.unlisted.iter().filter(|u| u.family == Family::Tone).map(|u| u.count).sum::<usize>()
            };
            assert!(count(a).abs_diff(count(b)) * 100 <= count(b), "{} {}", count(a), count(b));
            let per = |family: Family, dimension: &str| {
                a.explanations.iter().filter(|e| e.family == family && e.dimension == dimension).count()
            };
            assert!(a.explanations.iter().all(|e| per(e.family, &e.dimension) <= LISTED_RULES));
            for e in &a.explanations {
                assert_eq!(&text[e.span.start..e.span.end], e.text);
                let utf16 = |at: usize| text[..at].encode_utf16().count();
                assert_eq!((e.span.start_utf16, e.span.end_utf16), (utf16(e.span.start), utf16(e.span.end)));
            }
            if checker.model_name().is_empty() {
                // the rule engine's valence is the normalised sum of what is listed and not
                let sum: f64 =
                    a.explanations.iter().filter(|e| e.family == Family::Valence).map(|e| e.score).sum::<f64>()
                        + a.unlisted.iter().filter(|u| u.family == Family::Valence).map(|u| u.score).sum::<f64>();
                assert!((sum / (sum * sum + 15.0).sqrt() - a.valence).abs() < 0.002, "{sum} {}", a.valence);
            } else {
                assert_eq!(a.model.as_ref().map(|m| m.prior.clone()), b.model.as_ref().map(|m| m.prior.clone()));
            }
        }
    }

    /// Scores without explanations are those with them.
    #[test]
    fn a_long_message_scores_the_same_without_explanations() {
        let text = long_text(crate::LONG_FROM + 10_000);
        let checker = Checker::new();
        let brief = checker.score_long(&text, &Options::default(), &[], Explain::No).tone;
        let full = checker.score_long(&text, &Options::default(), &[], Explain::Yes).tone;
        assert!(brief.explanations.is_empty() && brief.model.is_none());
        assert_eq!((brief.valence, brief.emotions, brief.tones), (full.valence, full.emotions, full.tones));
    }

    /// The windows read on several threads give the scores, explanations and evidence of
    /// reading them one after the other, bit for bit.
    #[test]
    fn a_long_message_reads_the_same_on_any_number_of_threads() {
        let text = long_text(crate::LONG_FROM * 3);
        let cuts = windows(&text);
        for checker in [Checker::new(), Checker::without_model()] {
            for language in [Language::Fr, Language::En] {
                let read = |threads| {
                    let (tone, evidence) = checker.long_tone(
                        &text,
                        &cuts,
                        Reading { language, explain: Explain::Yes, evidence: true },
                        threads,
                        None,
                    );
                    format!("{tone:?} {:?}", evidence.language())
                };
                let one = read(1);
                assert_eq!(read(2), one);
                assert_eq!(read(5), one);
            }
        }
    }

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
