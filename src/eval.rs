//! Evaluation against labelled data: 3-class accuracy, macro-F1 and confusion matrix of
//! `tone.label`, Pearson correlation of `tone.valence` with gold valence, per language.
//!
//! Pure: the caller feeds (gold, prediction) pairs; the CLI reads the files. Items are split
//! deterministically by a hash of their id into a *tuning* part (80 %) and a *held-out* part
//! (20 %) that is never used to set a threshold or a weight, so figures reported on it are
//! honest.

use serde::Serialize;

use crate::tone::Label;

/// Which part of a data set an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Tuning,
    HeldOut,
}

/// The part of the item with this id (FNV-1a hash, one in five held out).
pub fn part_of(id: &str) -> Part {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    if hash.is_multiple_of(5) { Part::HeldOut } else { Part::Tuning }
}

/// Rounds a metric to 4 decimals.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

const LABELS: [Label; 3] = [Label::Positive, Label::Neutral, Label::Negative];

/// A label's index in the order positive, neutral, negative (metrics and training).
pub(crate) fn label_index(label: Label) -> usize {
    match label {
        Label::Positive => 0,
        Label::Neutral => 1,
        Label::Negative => 2,
    }
}

/// Running metrics of one group of items.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    /// `confusion[gold][predicted]`, in the order positive, neutral, negative.
    confusion: [[usize; 3]; 3],
    /// (gold valence, predicted valence) sums for Pearson's r.
    n: usize,
    sum_x: f64,
    sum_y: f64,
    sum_xx: f64,
    sum_yy: f64,
    sum_xy: f64,
}

impl Metrics {
    pub fn add_label(&mut self, gold: Label, predicted: Label) {
        self.confusion[label_index(gold)][label_index(predicted)] += 1;
    }

    pub fn add_valence(&mut self, gold: f64, predicted: f64) {
        self.n += 1;
        self.sum_x += gold;
        self.sum_y += predicted;
        self.sum_xx += gold * gold;
        self.sum_yy += predicted * predicted;
        self.sum_xy += gold * predicted;
    }

    pub fn labelled(&self) -> usize {
        self.confusion.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> Option<f64> {
        let total = self.labelled();
        (total > 0).then(|| (0..3).map(|i| self.confusion[i][i]).sum::<usize>() as f64 / total as f64)
    }

    /// F1 of each label (0 when the label never occurs and is never predicted).
    pub fn f1(&self) -> [f64; 3] {
        let mut f1 = [0.0; 3];
        for (i, f) in f1.iter_mut().enumerate() {
            let tp = self.confusion[i][i] as f64;
            let predicted: usize = (0..3).map(|g| self.confusion[g][i]).sum();
            let gold: usize = self.confusion[i].iter().sum();
            if predicted + gold > 0 {
                *f = 2.0 * tp / (predicted + gold) as f64;
            }
        }
        f1
    }

    /// Mean F1 over the labels present in the gold data.
    pub fn macro_f1(&self) -> Option<f64> {
        let f1 = self.f1();
        let present: Vec<f64> =
            (0..3).filter(|&i| self.confusion[i].iter().sum::<usize>() > 0).map(|i| f1[i]).collect();
        (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
    }

    pub fn pearson(&self) -> Option<f64> {
        let n = self.n as f64;
        let cov = self.sum_xy - self.sum_x * self.sum_y / n;
        let var_x = self.sum_xx - self.sum_x * self.sum_x / n;
        let var_y = self.sum_yy - self.sum_y * self.sum_y / n;
        (self.n > 1 && var_x > 0.0 && var_y > 0.0).then(|| cov / (var_x * var_y).sqrt())
    }

    pub fn summary(&self) -> Summary {
        Summary {
            labelled: self.labelled(),
            accuracy: self.accuracy().map(round4),
            macro_f1: self.macro_f1().map(round4),
            f1: LABELS.iter().zip(self.f1()).map(|(l, f)| (*l, round4(f))).collect(),
            confusion: self.confusion,
            with_valence: self.n,
            pearson_r: self.pearson().map(round4),
        }
    }
}

/// Metrics of a group, ready to print or serialise.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub labelled: usize,
    pub accuracy: Option<f64>,
    pub macro_f1: Option<f64>,
    pub f1: Vec<(Label, f64)>,
    /// Rows: gold positive, neutral, negative; columns: predicted, same order.
    pub confusion: [[usize; 3]; 3],
    pub with_valence: usize,
    pub pearson_r: Option<f64>,
}

/// Multi-label emotion detection: per emotion, true positives, false positives and false
/// negatives of `score ≥ 0.5` against the gold labels.
#[derive(Debug, Clone, Default)]
pub struct EmotionMetrics {
    counts: [[usize; 3]; 8],
    items: usize,
}

/// Precision, recall and F1 of one emotion.
#[derive(Debug, Clone, Serialize)]
pub struct EmotionSummary {
    pub emotion: &'static str,
    pub gold: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl EmotionMetrics {
    /// Adds an item: its gold emotions and the predicted scores (in `EMOTIONS` order).
    pub fn add(&mut self, gold: &[String], scores: &[f64]) {
        self.items += 1;
        for (i, emotion) in crate::tone::dimensions::EMOTIONS.iter().enumerate() {
            let is_gold = gold.iter().any(|g| g == emotion);
            let predicted = scores.get(i).is_some_and(|&s| s >= 0.5);
            match (is_gold, predicted) {
                (true, true) => self.counts[i][0] += 1,
                (false, true) => self.counts[i][1] += 1,
                (true, false) => self.counts[i][2] += 1,
                (false, false) => {}
            }
        }
    }

    pub fn items(&self) -> usize {
        self.items
    }

    pub fn per_emotion(&self) -> Vec<EmotionSummary> {
        crate::tone::dimensions::EMOTIONS
            .iter()
            .zip(self.counts)
            .map(|(emotion, [tp, fp, fn_])| {
                let (tp, fp, fn_) = (tp as f64, fp as f64, fn_ as f64);
                let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
                let recall = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
                let f1 = if tp > 0.0 { 2.0 * tp / (2.0 * tp + fp + fn_) } else { 0.0 };
                EmotionSummary {
                    emotion,
                    gold: (tp + fn_) as usize,
                    precision: round4(precision),
                    recall: round4(recall),
                    f1: round4(f1),
                }
            })
            .collect()
    }

    /// Mean F1 over the emotions that occur in the gold labels.
    pub fn macro_f1(&self) -> Option<f64> {
        let present: Vec<f64> = self.per_emotion().iter().filter(|e| e.gold > 0).map(|e| e.f1).collect();
        (!present.is_empty()).then(|| round4(present.iter().sum::<f64>() / present.len() as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_f1_and_accuracy_from_a_known_confusion() {
        let mut m = Metrics::default();
        for (gold, predicted, count) in [
            (Label::Positive, Label::Positive, 8),
            (Label::Positive, Label::Neutral, 2),
            (Label::Negative, Label::Negative, 5),
            (Label::Negative, Label::Positive, 5),
        ] {
            for _ in 0..count {
                m.add_label(gold, predicted);
            }
        }
        assert_eq!(m.accuracy(), Some(13.0 / 20.0));
        // positive: tp 8, predicted 13, gold 10 → 16/23; negative: 5, 5, 10 → 10/15
        let expected = (16.0 / 23.0 + 10.0 / 15.0) / 2.0;
        assert!((m.macro_f1().unwrap() - expected).abs() < 1e-12);
    }

    #[test]
    fn pearson_of_a_line_is_one() {
        let mut m = Metrics::default();
        for i in 0..10 {
            m.add_valence(i as f64, 2.0 * i as f64 - 1.0);
        }
        assert!((m.pearson().unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(Metrics::default().pearson(), None);
    }

    #[test]
    fn emotion_f1_counts_each_emotion() {
        let mut m = EmotionMetrics::default();
        let joy_only = [0.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        m.add(&["joy".to_string()], &joy_only);
        m.add(&["joy".to_string(), "anger".to_string()], &joy_only);
        m.add(&[], &joy_only);
        let per = m.per_emotion();
        assert_eq!((per[0].precision, per[0].recall), (0.6667, 1.0));
        assert_eq!(per[6].f1, 0.0);
        assert_eq!(m.macro_f1(), Some(((0.8f64 + 0.0) / 2.0 * 10_000.0).round() / 10_000.0));
    }

    #[test]
    fn split_is_deterministic_and_about_one_in_five() {
        let held = (0..10_000).filter(|i| part_of(&format!("item-{i}")) == Part::HeldOut).count();
        assert!((1_800..2_200).contains(&held), "{held}");
        assert_eq!(part_of("goemotions-dev-00001"), part_of("goemotions-dev-00001"));
    }
}
