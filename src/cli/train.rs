//! `emotics train FILE.jsonl… --output MODEL`: trains a tone model on labelled JSON Lines
//! (the format of `emotics eval`: `{"id", "text", "sentiment"?, "emotions"?, "weight"?}`), writes it,
//! and evaluates it on the items it was not trained on, beside the model it replaces.
//!
//! When some item carries `emotions`, an item labelled `neutral` without `emotions` counts as
//! expressing no emotion.
//!
//! Items are split by a hash of their id as `emotics eval` splits them: by default the model
//! learns from the tuning part (80 %) and is measured on the held-out part. `--split
//! validation` sets a fifth of the tuning part aside instead, to choose settings without
//! looking at the held-out part; `--split all` learns from everything (then no figure is honest).

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use emotics::eval::{Part, part_of};
use emotics::model::train::{Example, Settings, train};
use emotics::tone::Label;
use emotics::{Checker, Options};
use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitArg {
    /// Learn from the tuning part, measure on the held-out part.
    Tuning,
    /// Learn from four fifths of the tuning part, measure on the last fifth.
    Validation,
    /// Learn from every item (the figures printed are then on seen data).
    All,
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// Labelled JSON Lines files.
    #[arg(required = true)]
    files: Vec<String>,
    /// Where to write the model.
    #[arg(long, short)]
    output: String,
    /// The model's name, shown in reports.
    #[arg(long, default_value = "model")]
    name: String,
    /// What the model was trained on, stored in it (default: the file names).
    #[arg(long)]
    trained_on: Option<String>,
    #[arg(long, value_enum, default_value = "tuning")]
    split: SplitArg,
    /// The model keeps 2^N buckets of feature hashes.
    #[arg(long, default_value_t = Settings::default().hash_bits)]
    hash_bits: u32,
    #[arg(long, default_value_t = Settings::default().epochs)]
    epochs: usize,
    /// L1 regularisation: higher gives a smaller model.
    #[arg(long, default_value_t = Settings::default().l1)]
    l1: f32,
    /// L1 regularisation of the emotions.
    #[arg(long, default_value_t = Settings::default().l1_emotions)]
    l1_emotions: f32,
    #[arg(long, default_value_t = Settings::default().l2)]
    l2: f32,
    /// FTRL's learning rate.
    #[arg(long, default_value_t = Settings::default().alpha)]
    alpha: f32,
    /// Weight of French examples relative to the others.
    #[arg(long, default_value_t = Settings::default().french_weight)]
    french_weight: f32,
    /// How much positive examples of a rare emotion are weighted up (0: not, 1: balanced).
    #[arg(long, default_value_t = Settings::default().emotion_balance)]
    emotion_balance: f32,
    /// Weight of a message labelled neutral, without emotions, in the emotion outputs.
    #[arg(long, default_value_t = Settings::default().neutral_weight)]
    neutral_weight: f32,
    /// Do not evaluate after training.
    #[arg(long)]
    no_eval: bool,
}

#[derive(Deserialize)]
struct Item {
    id: Option<String>,
    text: String,
    sentiment: Option<String>,
    emotions: Option<Vec<String>>,
    /// How much the item counts (default 1).
    weight: Option<f32>,
}

/// Whether an item (by id) is learnt from, under `split`.
fn learns_from(split: SplitArg, id: &str) -> bool {
    match split {
        SplitArg::All => true,
        SplitArg::Tuning => part_of(id) == Part::Tuning,
        SplitArg::Validation => part_of(id) == Part::Tuning && !in_validation(id),
    }
}

/// Whether an item is measured on, under `split`.
fn measured_on(split: SplitArg, id: &str) -> bool {
    match split {
        SplitArg::All => true,
        SplitArg::Tuning => part_of(id) == Part::HeldOut,
        SplitArg::Validation => part_of(id) == Part::Tuning && in_validation(id),
    }
}

/// A fifth of the tuning part, by another hash of the id.
fn in_validation(id: &str) -> bool {
    part_of(&format!("{id}#validation")) == Part::HeldOut
}

fn sentiment(value: Option<&str>, at: &str) -> Result<Option<Label>, String> {
    match value {
        None => Ok(None),
        Some("positive") => Ok(Some(Label::Positive)),
        Some("neutral") => Ok(Some(Label::Neutral)),
        Some("negative") => Ok(Some(Label::Negative)),
        Some(other) => Err(format!("{at}: unknown sentiment `{other}` (expected positive, neutral, negative)")),
    }
}

fn emotions(value: Option<&[String]>, at: &str) -> Result<Option<[bool; 8]>, String> {
    let Some(names) = value else { return Ok(None) };
    let mut present = [false; 8];
    for name in names {
        let k = emotics::tone::dimensions::EMOTIONS.iter().position(|e| e == name).ok_or_else(|| {
            format!(
                "{at}: unknown emotion `{name}` (expected one of {})",
                emotics::tone::dimensions::EMOTIONS.join(", ")
            )
        })?;
        present[k] = true;
    }
    Ok(Some(present))
}

/// The texts measured on under `split` (lower-cased): a text that is also in another file
/// (the tweet sets share some) is not learnt from.
fn measured_texts(paths: &[String], split: SplitArg) -> Result<HashSet<String>, String> {
    let mut texts = HashSet::new();
    for path in paths {
        let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
        for (index, line) in BufReader::new(file).lines().enumerate() {
            let line = line.map_err(|e| format!("{path}:{}: {e}", index + 1))?;
            if let Ok(item) = serde_json::from_str::<Item>(&line) {
                let id = item.id.unwrap_or_else(|| format!("{path}:{}", index + 1));
                if measured_on(split, &id) {
                    texts.insert(item.text.trim().to_lowercase());
                }
            }
        }
    }
    Ok(texts)
}

/// The examples of `path` that `split` learns from, but for texts in `measured`; returns
/// whether some item of the file is annotated for emotions.
fn read_examples(
    checker: &Checker,
    path: &str,
    split: SplitArg,
    measured: &HashSet<String>,
    out: &mut Vec<Example>,
) -> Result<bool, String> {
    let mut annotated_emotions = false;
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let at = format!("{path}:{}", index + 1);
        let line = line.map_err(|e| format!("{at}: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = serde_json::from_str(&line).map_err(|e| format!("{at}:{}: {e}", e.column()))?;
        let id = item.id.clone().unwrap_or_else(|| at.clone());
        let sentiment = sentiment(item.sentiment.as_deref(), &at)?;
        annotated_emotions |= item.emotions.is_some();
        // a message labelled neutral expresses no emotion: the emotion sets have few such
        // messages (the French one none), and without them any interface string reads as moved
        let emotions = match emotions(item.emotions.as_deref(), &at)? {
            None if sentiment == Some(Label::Neutral) => Some([false; 8]),
            emotions => emotions,
        };
        if (sentiment.is_none() && emotions.is_none())
            || !learns_from(split, &id)
            || (split != SplitArg::All && measured.contains(&item.text.trim().to_lowercase()))
        {
            continue;
        }
        let (language, features) = checker.model_features(&item.text, &Options::default());
        let features = features.iter().map(|f| (f.id, f.value)).collect();
        let weight = match item.weight {
            None => 1.0,
            Some(w) if w.is_finite() && (0.0..=1000.0).contains(&w) => w,
            Some(w) => return Err(format!("{at}: weight {w} is outside 0..=1000")),
        };
        out.push(Example { features, language, sentiment, emotions, weight });
    }
    Ok(annotated_emotions)
}

pub fn run(args: TrainArgs) -> Result<ExitCode, String> {
    let rules = Checker::without_model().with_profiles(Vec::new());
    let measured = measured_texts(&args.files, args.split)?;
    let mut examples = Vec::new();
    let mut annotated_emotions = false;
    for path in &args.files {
        annotated_emotions |= read_examples(&rules, path, args.split, &measured, &mut examples)?;
    }
    if !annotated_emotions {
        // neutral items stand for "no emotion" only beside items annotated for emotions
        for example in &mut examples {
            example.emotions = None;
        }
        examples.retain(|e| e.sentiment.is_some());
    }
    let names: Vec<&str> =
        args.files.iter().map(|f| std::path::Path::new(f).file_name().and_then(|n| n.to_str()).unwrap_or(f)).collect();
    let settings = Settings {
        name: args.name.clone(),
        trained_on: args.trained_on.clone().unwrap_or_else(|| names.join(", ")),
        hash_bits: args.hash_bits,
        epochs: args.epochs,
        alpha: args.alpha,
        l1: args.l1,
        l1_emotions: args.l1_emotions,
        l2: args.l2,
        french_weight: args.french_weight,
        emotion_balance: args.emotion_balance,
        neutral_weight: args.neutral_weight,
        ..Settings::default()
    };
    let bytes = train(&examples, &settings)?;
    std::fs::write(&args.output, &bytes).map_err(|e| format!("{}: {e}", args.output))?;
    super::streams::note(format_args!(
        "emotics: trained on {} examples; wrote {} ({} bytes)",
        examples.len(),
        args.output,
        bytes.len()
    ));
    if args.no_eval {
        return Ok(ExitCode::SUCCESS);
    }
    let mut trained = Checker::without_model().with_profiles(Vec::new());
    trained.load_model(&bytes).map_err(|e| format!("{}: {e}", args.output))?;
    let split = args.split;
    let keep = move |id: &str| measured_on(split, id);
    let part = match args.split {
        SplitArg::Tuning => "held-out",
        SplitArg::Validation => "validation",
        SplitArg::All => "all (seen in training)",
    };
    let mut out = super::streams::stdout();
    for path in &args.files {
        for (checker, engine) in [(&trained, "trained model"), (&rules, "rule engine")] {
            let (result, _) = super::eval::evaluate_file(checker, path, &keep, part, false)?;
            let _ = writeln!(out, "[{engine}]");
            write!(out, "{}", super::eval::render(&result)).map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(ExitCode::SUCCESS)
}
