//! `cargo bench`: time and heap allocations per message for the full report
//! (`Checker::score`), length only (`Checker::length`) and valence only, on a corpus built
//! here from the dev datasets (`../shared/datasets/*.jsonl`, or `$EMOTICS_DATASETS`); without
//! them, on a small generated corpus. Nothing of the datasets is committed.
//!
//! Each iteration handles one message, taken in turn from the corpus, so divan's time is
//! ns/message, its throughput messages/s, and its allocation counts (AllocProfiler) are
//! per message; read the `mean` column (200 samples of 50 messages: 10,000 messages per
//! benchmark, so fastest/slowest are single samples of short or long messages).
//!
//!     cargo bench --bench throughput
//!     cargo bench --bench throughput -- score      # one group

use std::cell::Cell;
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{AllocProfiler, Bencher};
use emotics::Checker;

#[path = "support/mod.rs"]
mod support;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

/// Messages per corpus: enough to mix every dataset, small enough to build in a second.
const CORPUS_SIZE: usize = 20_000;

fn main() {
    let corpora = corpora();
    eprintln!("corpus: {} ({} messages each: mixed 80 % en / 20 % fr, en, fr)", corpora.source, corpora.mixed.len());
    divan::main();
}

struct Corpora {
    source: String,
    mixed: Vec<String>,
    en: Vec<String>,
    fr: Vec<String>,
}

fn corpora() -> &'static Corpora {
    static CORPORA: OnceLock<Corpora> = OnceLock::new();
    CORPORA.get_or_init(|| {
        let dir = support::datasets_dir();
        let mut messages = support::load_datasets(&dir);
        let source = if messages.is_empty() {
            messages = support::generated();
            format!("generated ({} not found)", dir.display())
        } else {
            format!("{}", dir.display())
        };
        let [(_, mixed), (_, en), (_, fr)] = support::corpora(&messages, CORPUS_SIZE);
        Corpora { source, mixed, en, fr }
    })
}

fn corpus(name: &str) -> &'static [String] {
    let c = corpora();
    match name {
        "en" => &c.en,
        "fr" => &c.fr,
        _ => &c.mixed,
    }
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::new)
}

fn valence() -> &'static support::Valence {
    static VALENCE: OnceLock<support::Valence> = OnceLock::new();
    VALENCE.get_or_init(support::Valence::new)
}

/// Runs `f` on one message per iteration, cycling through the corpus.
fn per_message<O>(bencher: Bencher, name: &str, f: impl Fn(&str) -> O + Sync) {
    let texts = corpus(name);
    let next = Cell::new(0usize);
    bencher
        .with_inputs(|| {
            let i = next.get();
            next.set((i + 1) % texts.len());
            texts[i].as_str()
        })
        .input_counter(|_| ItemsCount::new(1usize))
        .bench_local_values(f);
}

/// The full report: language, valence, emotions, tones and every length profile.
#[divan::bench(args = ["mixed", "en", "fr"], sample_count = 200, sample_size = 50)]
fn score(bencher: Bencher, name: &str) {
    let checker = checker();
    per_message(bencher, name, |t| checker.score(t));
}

/// Every length profile, no tone.
#[divan::bench(args = ["mixed"], sample_count = 200, sample_size = 50)]
fn length(bencher: Bencher, name: &str) {
    let checker = checker();
    per_message(bencher, name, |t| checker.length(t));
}

/// Valence only (what VADER computes), composed from the library's modules.
#[divan::bench(args = ["mixed", "en"], sample_count = 200, sample_size = 50)]
fn valence_only(bencher: Bencher, name: &str) {
    let valence = valence();
    per_message(bencher, name, |t| valence.score(t));
}

/// Start-up: the embedded data parsed into a checker (what the CLI and the editor pay once).
#[divan::bench(sample_count = 20)]
fn checker_new() -> Checker {
    Checker::new()
}

/// Loading a user lexicon of 100,000 entries (issue #9: large lexicons load in linear time).
#[divan::bench(sample_count = 10)]
fn load_100k_lexicon(bencher: Bencher) {
    let mut lexicon = String::from("term\tdimension\tweight\tlang\n");
    for i in 0..100_000 {
        lexicon.push_str(&format!("terme{i} numéro{}\tconfiance\t0.5\tfr\n", i % 97));
    }
    bencher
        .with_inputs(Checker::new)
        .bench_local_values(|mut checker| checker.load_lexicon("big.tsv", &lexicon).map(|w| w.len()));
}
