//! `emotics eval FILE.jsonl…`: scores labelled data (the format of the development sets:
//! `{"id", "lang", "text", "sentiment"?, "valence"?, "emotions"?}`) and prints accuracy,
//! macro-F1, the confusion matrix and Pearson's r, per language.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use emotics::eval::{EmotionMetrics, EmotionSummary, Metrics, Part, Summary, part_of};
use emotics::tone::Label;
use emotics::{Checker, Language, Options};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PartArg {
    /// The 20 % never used for tuning (the figures to publish).
    HeldOut,
    /// The 80 % used to set thresholds and weights.
    Tuning,
    All,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Labelled JSON Lines files.
    #[arg(required = true)]
    files: Vec<String>,
    /// Which part of each file to score (split by a hash of each item's id).
    #[arg(long, value_enum, default_value = "held-out")]
    part: PartArg,
    /// Score with the language given in each item (`lang`) instead of identifying it.
    #[arg(long)]
    gold_language: bool,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
    /// The tone model: a file made by `emotics train`, `builtin` (default) or `none` (the
    /// rule engine alone).
    #[arg(long)]
    model: Option<String>,
}

#[derive(Deserialize)]
struct Item {
    id: Option<String>,
    lang: Option<String>,
    text: String,
    sentiment: Option<String>,
    valence: Option<f64>,
    emotions: Option<Vec<String>>,
}

/// The gold label of an item: its `sentiment`, or one derived from its emotions (joy or
/// trust only: positive; anger, disgust, fear or sadness only: negative; none: neutral;
/// anything else: no label).
fn gold_label(item: &Item) -> Option<(Label, bool)> {
    match item.sentiment.as_deref() {
        Some("positive") => return Some((Label::Positive, false)),
        Some("neutral") => return Some((Label::Neutral, false)),
        Some("negative") => return Some((Label::Negative, false)),
        _ => {}
    }
    let emotions = item.emotions.as_ref()?;
    let positive = emotions.iter().any(|e| e == "joy" || e == "trust");
    let negative = emotions.iter().any(|e| matches!(e.as_str(), "anger" | "disgust" | "fear" | "sadness"));
    let other = emotions.iter().any(|e| e == "surprise" || e == "anticipation");
    match (positive, negative, other, emotions.is_empty()) {
        (_, _, _, true) => Some((Label::Neutral, true)),
        (true, false, false, _) => Some((Label::Positive, true)),
        (false, true, false, _) => Some((Label::Negative, true)),
        _ => None,
    }
}

#[derive(Serialize)]
pub struct FileResult {
    file: String,
    part: &'static str,
    items: usize,
    /// Items whose label was derived from their emotions.
    derived_labels: usize,
    by_language: BTreeMap<String, Summary>,
    all: Summary,
    /// Items with gold emotions, and the detection metrics (score ≥ 0.5 counts as present).
    emotion_items: usize,
    emotion_macro_f1: Option<f64>,
    emotions: Vec<EmotionSummary>,
}

pub fn run(args: EvalArgs) -> Result<ExitCode, String> {
    let checker = super::checker_with_model(args.model.as_deref())?.with_profiles(Vec::new());
    let part = args.part;
    let keep = move |id: &str| match part {
        PartArg::All => true,
        PartArg::HeldOut => part_of(id) == Part::HeldOut,
        PartArg::Tuning => part_of(id) == Part::Tuning,
    };
    let name = match args.part {
        PartArg::HeldOut => "held-out",
        PartArg::Tuning => "tuning",
        PartArg::All => "all",
    };
    let mut results = Vec::new();
    let mut errors = 0;
    for path in &args.files {
        let (result, file_errors) = evaluate_file(&checker, path, &keep, name, args.gold_language)?;
        results.push(result);
        errors += file_errors;
    }
    let mut out = super::streams::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results).map_err(|e| e.to_string())?;
        writeln!(out).map_err(|e| e.to_string())?;
    } else {
        for result in &results {
            write!(out, "{}", render(result)).map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Scores the items of `path` whose id `keep` accepts; returns the metrics and the number of
/// unreadable lines (reported on stderr).
pub fn evaluate_file(
    checker: &Checker,
    path: &str,
    keep: &dyn Fn(&str) -> bool,
    part: &'static str,
    gold_language: bool,
) -> Result<(FileResult, usize), String> {
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut by_language: BTreeMap<String, Metrics> = BTreeMap::new();
    let mut all = Metrics::default();
    let mut emotions = EmotionMetrics::default();
    let (mut items, mut derived_labels, mut errors) = (0, 0, 0);
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{path}:{}: {e}", index + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Item = match serde_json::from_str(&line) {
            Ok(item) => item,
            Err(e) => {
                super::streams::note(format_args!("emotics: {path}:{}:{}: {e}", index + 1, e.column()));
                errors += 1;
                continue;
            }
        };
        let id = item.id.clone().unwrap_or_else(|| format!("{path}:{}", index + 1));
        if !keep(&id) {
            continue;
        }
        items += 1;
        let language = if gold_language { item.lang.as_deref().and_then(|l| l.parse::<Language>().ok()) } else { None };
        let report = checker.score_with(&item.text, &Options { language });
        let group = item.lang.clone().unwrap_or_else(|| "?".into());
        let metrics = by_language.entry(group).or_default();
        if let Some((gold, derived)) = gold_label(&item) {
            derived_labels += usize::from(derived);
            metrics.add_label(gold, report.tone.label);
            all.add_label(gold, report.tone.label);
        }
        if let Some(gold) = &item.emotions {
            let scores: Vec<f64> = report.tone.emotions.0.iter().map(|(_, s)| *s).collect();
            emotions.add(gold, &scores);
        }
        if let Some(gold) = item.valence {
            metrics.add_valence(gold, report.tone.valence);
            all.add_valence(gold, report.tone.valence);
        }
    }
    let result = FileResult {
        file: path.to_string(),
        part,
        items,
        derived_labels,
        by_language: by_language.iter().map(|(k, m)| (k.clone(), m.summary())).collect(),
        all: all.summary(),
        emotion_items: emotions.items(),
        emotion_macro_f1: emotions.macro_f1(),
        emotions: emotions.per_emotion(),
    };
    Ok((result, errors))
}

fn fmt(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.3}"))
}

pub fn render(result: &FileResult) -> String {
    let mut s = format!("{} ({} part: {} items", result.file, result.part, result.items);
    if result.derived_labels > 0 {
        s.push_str(&format!(", {} labels derived from emotions", result.derived_labels));
    }
    s.push_str(")\n");
    s.push_str(&format!(
        "  {:<6} {:>8} {:>9} {:>9} {:>22} {:>10}\n",
        "lang", "labelled", "accuracy", "macro-F1", "F1 pos / neu / neg", "Pearson r"
    ));
    let groups = result.by_language.iter().map(|(k, v)| (k.as_str(), v)).chain(std::iter::once(("all", &result.all)));
    for (name, m) in groups {
        let f1 = format!("{:.3} / {:.3} / {:.3}", m.f1[0].1, m.f1[1].1, m.f1[2].1);
        s.push_str(&format!(
            "  {:<6} {:>8} {:>9} {:>9} {:>22} {:>10}\n",
            name,
            m.labelled,
            fmt(m.accuracy),
            fmt(m.macro_f1),
            f1,
            fmt(m.pearson_r)
        ));
    }
    if result.emotion_items > 0 {
        s.push_str(&format!(
            "  emotions ({} items, present when score ≥ 0.5): macro-F1 {}\n",
            result.emotion_items,
            fmt(result.emotion_macro_f1)
        ));
        s.push_str(&format!("    {:<13} {:>6} {:>9} {:>7} {:>7}\n", "emotion", "gold", "precision", "recall", "F1"));
        for e in &result.emotions {
            s.push_str(&format!(
                "    {:<13} {:>6} {:>9.3} {:>7.3} {:>7.3}\n",
                e.emotion, e.gold, e.precision, e.recall, e.f1
            ));
        }
    }
    if result.all.labelled > 0 {
        s.push_str("  confusion (rows gold, columns predicted: positive, neutral, negative)\n");
        for (label, row) in ["positive", "neutral", "negative"].iter().zip(result.all.confusion) {
            s.push_str(&format!("    {label:<9} {:>6} {:>6} {:>6}\n", row[0], row[1], row[2]));
        }
    }
    s
}
