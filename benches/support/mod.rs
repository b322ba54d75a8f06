//! Shared by `benches/throughput.rs` and `examples/bench_throughput.rs`: the benchmark
//! corpus (built at run time, never committed) and the valence-only pipeline.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use emotics::lang::{self, Language};
use emotics::length::LengthRules;
use emotics::lexicon::Lexicons;
use emotics::text::span::Utf16Index;
use emotics::text::tokenize::tokenize;
use emotics::tone;

/// One message of the corpus.
#[derive(Debug, Clone)]
pub struct Message {
    pub text: String,
    /// `en` or `fr`, as labelled in the dataset.
    pub lang: String,
}

/// The dev datasets: `$EMOTICS_DATASETS`, else `../shared/datasets` beside the crate.
pub fn datasets_dir() -> PathBuf {
    match std::env::var_os("EMOTICS_DATASETS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join("datasets"),
    }
}

/// Every `text` (with its `lang`) of the `*.jsonl` files in `dir`, in file-name order; empty
/// when the folder is missing, so callers can fall back to [`generated`].
pub fn load_datasets(dir: &Path) -> Vec<Message> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut messages = Vec::new();
    for file in files {
        let Ok(content) = std::fs::read_to_string(&file) else { continue };
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let (Some(text), Some(lang)) = (value["text"].as_str(), value["lang"].as_str()) else { continue };
            if !text.trim().is_empty() {
                messages.push(Message { text: text.to_string(), lang: lang.to_string() });
            }
        }
    }
    messages
}

/// A small corpus made up here (every combination of a few openings and endings, in both
/// languages) so `cargo bench` still runs without the datasets.
pub fn generated() -> Vec<Message> {
    let fr_open = [
        "Dernière chance : -50 % sur tout",
        "Je n'aime pas du tout ce service",
        "Franchement, c'est pas terrible",
        "Merci pour votre commande",
        "Livraison offerte ce week-end 🚚",
        "Trop bien, j'adore 😍",
        "Votre colis est en retard, désolés",
        "Pas mal du tout, cette offre",
    ];
    let en_open = [
        "Last chance: 50% off everything",
        "I don't like this at all",
        "Not bad… but shipping was sooo slow 🙄",
        "Thanks for your order",
        "Free delivery this weekend 🚚",
        "This is AMAZING, love it 😍",
        "Your parcel is late, sorry",
        "Worst support ever :(",
    ];
    let endings = ["", " !", " !!!", " https://example.com/soldes", " #promo", " 🔥🔥"];
    let mut messages = Vec::new();
    for ending in endings {
        for open in fr_open {
            messages.push(Message { text: format!("{open}{ending}"), lang: "fr".into() });
        }
        for open in en_open {
            messages.push(Message { text: format!("{open}{ending}"), lang: "en".into() });
        }
    }
    messages
}

/// The texts of `messages` in language `lang` (`None`: all), interleaved deterministically
/// (a fixed-seed shuffle) so a slice of the corpus mixes every dataset.
pub fn select(messages: &[Message], lang: Option<&str>) -> Vec<String> {
    let mut texts: Vec<String> =
        messages.iter().filter(|m| lang.is_none_or(|l| m.lang == l)).map(|m| m.text.clone()).collect();
    shuffle(&mut texts, 8);
    texts
}

/// `n` texts taken in order from `texts`, starting over when they run out.
pub fn cycled(texts: &[String], n: usize) -> Vec<String> {
    if texts.is_empty() {
        return Vec::new();
    }
    texts.iter().cycle().take(n).cloned().collect()
}

/// The three corpora of `n` messages each: `mixed` (80 % English, 20 % French, interleaved:
/// the French sets are small, so French gets more weight than its share of the data),
/// `en` and `fr`.
pub fn corpora(messages: &[Message], n: usize) -> [(&'static str, Vec<String>); 3] {
    let en = select(messages, Some("en"));
    let fr = select(messages, Some("fr"));
    let n_fr = if fr.is_empty() { 0 } else { n / 5 };
    let mut mixed = cycled(&en, n - n_fr);
    mixed.extend(cycled(&fr, n_fr));
    shuffle(&mut mixed, 9);
    [("mixed", mixed), ("en", cycled(&en, n)), ("fr", cycled(&fr, n))]
}

/// Fisher–Yates with a xorshift generator: the same order on every machine, no dependency.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// Valence only: the part of [`emotics::Checker::score`] that VADER also computes
/// (URLs, tokens, language, units, valence with its explanations), without the emotion and
/// tone dimensions and without the length profiles. The library has no such entry point
/// yet, so this composes its public modules the way `Checker::score_with` does.
pub struct Valence {
    rules: LengthRules,
    lexicons: Lexicons,
}

impl Valence {
    pub fn new() -> Valence {
        Valence { rules: LengthRules::builtin(), lexicons: Lexicons::builtin() }
    }

    /// The compound valence in [-1, 1] (and its explanations, dropped here).
    pub fn score(&self, text: &str) -> f64 {
        let urls: Vec<(usize, usize)> = self.rules.urls(text, true).iter().map(|u| (u.start, u.end)).collect();
        let tokens = tokenize(text, &urls, &|s| self.lexicons.emoticons.contains_key(s));
        let language: Language = lang::identify(&tokens, &self.lexicons);
        let index = Utf16Index::new(text);
        let units = tone::units::units(&tokens, language, &self.lexicons);
        let context = tone::context::Context::new(text, &units, language);
        tone::valence::score(text, &context, &index).valence
    }
}
