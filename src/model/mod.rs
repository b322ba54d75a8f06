//! The learned tone model: logistic regressions over explainable features.
//!
//! The rule engine ([`crate::tone`]) reads a message first; its contributions (lexicon
//! valence after negation, boosters, contrast and questions; emotion and tone terms) become
//! features beside the words, phrases, character n-grams, emoji and punctuation of the
//! message ([`features`]). Each output is a linear function of those features:
//!
//! - **sentiment**: a multinomial logistic regression over positive, neutral and negative,
//!   with neutral as the reference: `z₊ = b₊ + Σ w₊·x`, `z₋ = b₋ + Σ w₋·x`, and
//!   `P = softmax(z₊, 0, z₋)`. `tone.positive/neutral/negative` are these probabilities,
//!   `tone.label` the most probable, `tone.valence = P(positive) − P(negative)` and
//!   `tone.intensity = 1 − P(neutral)`;
//! - **emotions**: one binary logistic regression each, `P(e) = σ(b_e + Σ w_e·x)`: the
//!   probability that a reader would say the message expresses `e`.
//!
//! Every feature is tied to a span, so each output is explained exactly: an explanation of
//! `valence` is what its span adds to the log-odds `ln(P(positive) / P(negative))`, one of an
//! emotion what it adds to that emotion's log-odds `ln(P / (1 − P))`. The contributions of a
//! span are summed into one explanation; those too small to list are summed into
//! `tone.model.unlisted`, and the bias is `tone.model.prior`, so that for each dimension
//! `prior + unlisted + Σ explanations = log-odds` (a property test checks it).
//!
//! Weights are trained by `emotics train` ([`train`]) and stored quantized ([`format`]). The
//! built-in model (`data/model/`) is embedded; a user's model replaces it for the tasks it
//! was trained on.

pub mod features;
pub mod format;
#[cfg(feature = "train")]
pub mod train;

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::lang::Language;
use crate::order;
use crate::text::span::Utf16Index;
use crate::tone::dimensions::{EMOTIONS, Scores};
use crate::tone::{Explanation, Family, Label, ToneReport, round4};
use features::{FEATURE_SET, Feature};

/// The built-in model's file (see `data/model/README.md`).
const BUILTIN: &[u8] = include_bytes!("../../data/model/emotics.model");

/// The contributions of spans to the valence log-odds listed as explanations: the largest
/// [`LISTED_VALENCE`].1, from [`LISTED_VALENCE`].0 on (a tenth of the log-odds moves a
/// probability of 0.5 by 0.025).
const LISTED_VALENCE: (f32, usize) = (0.1, 6);
/// Those listed for an emotion of at least [`LISTED_EMOTION_FROM`] (what `emotics score`
/// shows).
const LISTED_EMOTION: (f32, usize) = (0.15, 3);
const LISTED_EMOTION_FROM: f32 = 0.3;

/// Which tasks a model was trained for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tasks {
    pub sentiment: bool,
    pub emotions: bool,
}

impl Tasks {
    pub fn parse(s: &str) -> Result<Tasks, String> {
        let mut tasks = Tasks { sentiment: false, emotions: false };
        for name in s.split(',').map(str::trim) {
            match name {
                "sentiment" => tasks.sentiment = true,
                "emotions" => tasks.emotions = true,
                other => return Err(format!("unknown task `{other}` (expected sentiment, emotions)")),
            }
        }
        Ok(tasks)
    }

    /// The outputs of these tasks, as indices into the ten outputs: sentiment's `positive`
    /// and `negative`, then the eight emotions.
    pub fn outputs(self) -> Vec<usize> {
        let mut outputs = Vec::new();
        if self.sentiment {
            outputs.extend([0, 1]);
        }
        if self.emotions {
            outputs.extend(2..10);
        }
        outputs
    }

    pub fn name(self) -> &'static str {
        match (self.sentiment, self.emotions) {
            (true, true) => "sentiment,emotions",
            (true, false) => "sentiment",
            _ => "emotions",
        }
    }
}

/// The slot of a language in a model's biases (and in training's per-language counts).
pub(crate) fn language_slot(language: Language) -> usize {
    match language {
        Language::Fr => 0,
        Language::En => 1,
        Language::Und => 2,
    }
}

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// The byte of the file where the problem is.
    pub offset: usize,
    pub message: String,
}

impl ModelError {
    fn at(offset: usize, message: String) -> ModelError {
        ModelError { offset, message }
    }
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for ModelError {}

/// A trained model, ready to score.
pub struct Model {
    pub name: String,
    /// What the model was trained on, as its file says.
    pub trained_on: String,
    pub tasks: Tasks,
    /// FNV-1a of the file: identifies the model in reports and audits.
    pub checksum: u64,
    /// Global output index of each of the model's outputs.
    outputs: Vec<usize>,
    bucket_mask: u32,
    biases: Vec<[f32; 3]>,
    /// One bit per bucket, set when it has weights: most features (character n-grams) have
    /// none, and a bit is quicker to test than a search.
    present: Vec<u8>,
    /// The number of buckets with weights before each byte of `present`: a bucket's row is
    /// that count plus the bits set below it in its byte (a rank, not a search), counted by
    /// [`BITS_SET`] (x86-64's baseline has no instruction for it: counting a 64-bit word
    /// took 21).
    rank: Vec<u32>,
    /// For each bucket that has weights, in bucket order, its weight on each of the ten
    /// outputs (0 where it has none), dequantized once at load (the quantized weight times
    /// its output's scale). A dense row is added in a few vector instructions, and takes less
    /// room than a list of (output, weight) pairs once a bucket weighs on three outputs.
    rows: Vec<[f32; 10]>,
}

impl Model {
    /// Reads a model file; on error nothing is loaded.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let parsed = format::parse(bytes, FEATURE_SET)?;
        // one row per bucket that has weights, in bucket order, so that a feature costs one
        // lookup: the buckets with weights, then their ranks, then the weights in their rows
        // (linear in the buckets and the weights; no sort, no hashing)
        let size = 1usize << parsed.hash_bits;
        let mut present = vec![0u8; size.div_ceil(8)];
        for &(bucket, _) in parsed.weights.iter().flatten() {
            present[bucket as usize / 8] |= 1 << (bucket % 8);
        }
        let rank: Vec<u32> = present
            .iter()
            .scan(0u32, |before, word| {
                let rank = *before;
                *before += word.count_ones();
                Some(rank)
            })
            .collect();
        let count = present.iter().map(|word| word.count_ones() as usize).sum();
        let outputs = parsed.tasks.outputs();
        let mut rows = vec![[0.0; 10]; count];
        for (local, list) in parsed.weights.iter().enumerate() {
            for &(bucket, w) in list {
                let row = row_of(&present, &rank, bucket as usize).unwrap_or_default();
                rows[row][outputs[local]] = f32::from(w) * parsed.scales[local];
            }
        }
        Ok(Model {
            name: parsed.name,
            trained_on: parsed.trained_on,
            tasks: parsed.tasks,
            checksum: parsed.checksum,
            outputs,
            bucket_mask: (1u32 << parsed.hash_bits) - 1,
            biases: parsed.biases,
            present,
            rank,
            rows,
        })
    }

    /// The built-in model.
    pub fn builtin() -> Model {
        #[allow(clippy::expect_used)]
        Model::from_bytes(BUILTIN).expect("the built-in model is checked by the test suite")
    }

    /// `name@checksum`, as reports show it.
    pub fn id(&self) -> String {
        format!("{}@{:016x}", self.name, self.checksum)
    }

    /// Adds the biases for `language` into `logits`.
    fn add_biases(&self, language: Language, logits: &mut [f32; 10]) {
        let lang = language_slot(language);
        for (local, &global) in self.outputs.iter().enumerate() {
            logits[global] += self.biases[local][lang];
        }
    }

    /// Adds a feature's contribution to each of this model's outputs into the sums of its span.
    fn add_feature(&self, feature: &Feature, spans: &mut SpanSums) {
        let Some(row) = row_of(&self.present, &self.rank, (feature.id & self.bucket_mask) as usize) else {
            return;
        };
        add_row(spans.of(feature), &self.rows[row], feature.value);
    }
}

/// Adds `row` times `value` into `sums`. A function of its own, so that the compiler knows
/// the two arrays apart and adds them a vector at a time. Adding a weight of 0 leaves a sum
/// as it is (no sum is -0: each starts at +0).
#[inline]
fn add_row(sums: &mut [f32; 10], row: &[f32; 10], value: f32) {
    for (sum, weight) in sums.iter_mut().zip(row) {
        *sum += weight * value;
    }
}

/// The row of `bucket` among the buckets that have weights, if it has some.
#[inline]
fn row_of(present: &[u8], rank: &[u32], bucket: usize) -> Option<usize> {
    let (byte, bit) = (bucket / 8, bucket % 8);
    let bits = *present.get(byte)?;
    (bits & (1 << bit) != 0)
        .then(|| rank[byte] as usize + usize::from(BITS_SET[usize::from(bits & ((1u8 << bit) - 1))]))
}

/// The number of bits set in each byte.
const BITS_SET: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).count_ones() as u8;
        byte += 1;
    }
    table
};

/// What the models make of a message's features as they come: the biases of its language,
/// and each span's contributions (a long text's features are never all held at once).
pub struct Sums<'m> {
    /// The models, found once rather than for each feature (often one model for both tasks).
    models: Vec<&'m Model>,
    logits: [f32; 10],
    spans: SpanSums,
}

impl<'m> Sums<'m> {
    /// The biases of `language`, with room for about `tokens` spans.
    pub fn new(models: &'m Models, language: Language, tokens: usize) -> Sums<'m> {
        let models: Vec<&Model> = models.each().collect();
        let mut logits = [0.0f32; 10];
        for model in &models {
            model.add_biases(language, &mut logits);
        }
        Sums { models, logits, spans: SpanSums::with_room(tokens.min(1024) + 8) }
    }

    /// Inlined where features are made: a message has some 200, most of them cheap.
    #[inline]
    pub fn add(&mut self, feature: &Feature) {
        for model in &self.models {
            model.add_feature(feature, &mut self.spans);
        }
    }
}

/// The contributions of the features to each output, summed per span (only features with a
/// weight get one: most character n-grams have none).
struct SpanSums {
    spans: Vec<(usize, usize, crate::tone::Cause, [f32; 10])>,
    at: FxHashMap<(usize, usize), usize>,
    /// The span found last: a token's features come one after the other.
    last: usize,
}

impl SpanSums {
    fn with_room(room: usize) -> SpanSums {
        SpanSums {
            spans: Vec::with_capacity(room),
            at: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            last: 0,
        }
    }

    #[inline]
    fn of(&mut self, feature: &Feature) -> &mut [f32; 10] {
        if self.spans.get(self.last).is_none_or(|s| (s.0, s.1) != (feature.start, feature.end)) {
            self.find(feature);
        }
        &mut self.spans[self.last].3
    }

    /// Makes `last` the span of `feature`, added if new: out of line, as a token's features
    /// mostly share the span found last.
    #[inline(never)]
    fn find(&mut self, feature: &Feature) {
        let spans = &mut self.spans;
        self.last = *self.at.entry((feature.start, feature.end)).or_insert_with(|| {
            spans.push((feature.start, feature.end, feature.cause, [0.0; 10]));
            spans.len() - 1
        });
    }

    /// The spans in text order.
    fn sorted(mut self) -> Vec<(usize, usize, crate::tone::Cause, [f32; 10])> {
        order::sort_by_key(&mut self.spans, |&(start, end, _, _)| [order::up(start), order::up(end), 0, 0]);
        self.spans
    }
}

/// The models a checker scores with: one for sentiment and one for emotions (often the same).
#[derive(Clone, Default)]
pub struct Models {
    pub sentiment: Option<Arc<Model>>,
    pub emotions: Option<Arc<Model>>,
}

impl Models {
    pub fn builtin() -> Models {
        let model = Arc::new(Model::builtin());
        Models { sentiment: Some(model.clone()), emotions: Some(model) }
    }

    pub fn is_empty(&self) -> bool {
        self.sentiment.is_none() && self.emotions.is_none()
    }

    /// Uses `model` for the tasks it was trained on.
    pub fn replace_with(&mut self, model: Model) {
        let model = Arc::new(model);
        if model.tasks.sentiment {
            self.sentiment = Some(model.clone());
        }
        if model.tasks.emotions {
            self.emotions = Some(model);
        }
    }

    /// The models, each once.
    fn each(&self) -> impl Iterator<Item = &Model> {
        let emotions = self.emotions.as_ref().filter(|e| !self.sentiment.as_ref().is_some_and(|s| Arc::ptr_eq(s, e)));
        self.sentiment.iter().chain(emotions).map(|m| m.as_ref())
    }

    /// The ids of the models, as `tone.model.name` shows them (computed once per checker).
    pub fn name(&self) -> Arc<str> {
        Arc::from(self.each().map(Model::id).collect::<Vec<_>>().join(" + "))
    }
}

/// How a model's outputs add up, per dimension (`valence` and each emotion).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelTrace {
    /// The models that scored (`name@checksum`).
    pub name: Arc<str>,
    /// The bias of each dimension's log-odds for the message's language.
    pub prior: Scores,
    /// The sum of the contributions too small to be listed as explanations.
    pub unlisted: Scores,
}

/// Turns what the models made of a message's features (`sums`) into probabilities and, with
/// `explain`, explanations, replacing the rule engine's sentiment and emotions in `tone` (what
/// no model covers is left as the rules scored it). Without `explain` the probabilities are
/// the same (the spans are summed in the same order), for less.
pub(crate) fn apply(
    text: &str,
    sums: Sums,
    models: &Models,
    name: &Arc<str>,
    index: &Utf16Index,
    explain: crate::Explain,
    tone: &mut ToneReport,
) {
    let Sums { mut logits, spans, .. } = sums;
    let prior = logits;
    let spans = spans.sorted();
    add_spans(&spans, &mut logits);
    set_probabilities(&logits, models, tone);
    if explain == crate::Explain::Yes {
        explain_scores(text, &spans, models, name, index, (&prior, &logits), tone);
    }
}

/// Adds the contributions of `spans` to `logits`, in text order.
fn add_spans(spans: &[(usize, usize, crate::tone::Cause, [f32; 10])], logits: &mut [f32; 10]) {
    for (_, _, _, c) in spans {
        for (logit, c) in logits.iter_mut().zip(c) {
            *logit += c;
        }
    }
}

/// Replaces the rule engine's sentiment and emotions in `tone` by the probabilities of
/// `logits`, for the tasks the models cover.
fn set_probabilities(logits: &[f32; 10], models: &Models, tone: &mut ToneReport) {
    if models.sentiment.is_some() {
        let (p_pos, p_neu, p_neg) = softmax(logits[0], logits[1]);
        tone.positive = round4(p_pos);
        tone.neutral = round4(p_neu);
        tone.negative = round4(p_neg);
        tone.valence = round4(p_pos - p_neg);
        tone.intensity = round4(1.0 - p_neu);
        tone.label = if p_pos > p_neu && p_pos > p_neg {
            Label::Positive
        } else if p_neg > p_neu && p_neg > p_pos {
            Label::Negative
        } else {
            Label::Neutral
        };
    }
    if models.emotions.is_some() {
        for (k, emotion) in EMOTIONS.iter().enumerate() {
            if let Some(slot) = tone.emotions.0.iter_mut().find(|(n, _)| n == emotion) {
                slot.1 = round4(sigmoid(logits[2 + k]));
            }
        }
    }
}

/// What the models make of a very long message scored in windows (`crate::long`, not in the
/// WebAssembly build): each window's features are summed as a message's are, and the largest
/// contributions of its spans are kept as they come, so that no window's spans are held after it.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct Windows {
    prior: [f32; 10],
    logits: [f32; 10],
    /// For valence, then each emotion: the largest contributions listed so far (at most as
    /// many as a message lists), in text order.
    listed: Vec<Vec<Explanation>>,
}

/// What the models made of one window of a long message: its spans' contributions and, when
/// explained, the largest of them listed for valence and each emotion. Made on any thread;
/// added to [`Windows`] in text order.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct Window {
    spans: Vec<(usize, usize, crate::tone::Cause, [f32; 10])>,
    listed: Vec<Vec<Explanation>>,
}

/// How many contributions are listed at most for valence, then each emotion.
#[cfg(not(target_arch = "wasm32"))]
const LISTED: [(f32, usize); 1 + EMOTIONS.len()] = {
    let mut listed = [LISTED_EMOTION; 1 + EMOTIONS.len()];
    listed[0] = LISTED_VALENCE;
    listed
};

/// What `c` (ten outputs) gives the `k`th listed dimension: valence (positive − negative), then
/// each emotion.
#[cfg(not(target_arch = "wasm32"))]
fn listed_score(k: usize, c: &[f32; 10]) -> f32 {
    if k == 0 { c[0] - c[1] } else { c[1 + k] }
}

#[cfg(not(target_arch = "wasm32"))]
impl Window {
    /// The window `text`'s features summed (`sums`); with `explain`, its largest contributions
    /// listed, their spans moved by `shift` (the window's offsets in the message, in bytes and
    /// UTF-16 units).
    pub(crate) fn new(
        (text, index, rules): (&str, &Utf16Index, &[Explanation]),
        sums: Sums,
        explain: crate::Explain,
        shift: (usize, usize),
    ) -> Window {
        let spans = sums.spans.sorted();
        if explain == crate::Explain::No {
            return Window { spans, listed: vec![Vec::new(); LISTED.len()] };
        }
        let dimensions = std::iter::once((Family::Valence, "valence"))
            .chain(EMOTIONS.iter().map(|&emotion| (Family::Emotion, emotion)));
        let listed = dimensions
            .zip(LISTED)
            .enumerate()
            .map(|(k, (dimension, listed))| {
                let mut kept = Vec::new();
                list(text, &spans, rules, index, dimension, |c| listed_score(k, c), listed, &mut kept);
                kept.iter_mut().for_each(|e| e.shift(shift.0, shift.1));
                kept
            })
            .collect();
        Window { spans, listed }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Windows {
    pub(crate) fn new(models: &Models, language: Language) -> Windows {
        let logits = Sums::new(models, language, 0).logits;
        Windows { prior: logits, logits, listed: vec![Vec::new(); LISTED.len()] }
    }

    /// Adds what the models made of a window, windows in text order: its contributions, and
    /// the largest of those listed so far (the earlier of equals, as a message lists them).
    pub(crate) fn add(&mut self, window: Window) {
        add_spans(&window.spans, &mut self.logits);
        for ((kept, listed), (_, most)) in self.listed.iter_mut().zip(window.listed).zip(LISTED) {
            kept.extend(listed);
            if kept.len() > most {
                // the largest in absolute value (the earlier of equals), in text order
                kept.sort_by(|a, b| b.score.abs().total_cmp(&a.score.abs()));
                kept.truncate(most);
                kept.sort_by_key(|e| e.span.start);
            }
        }
    }

    /// Sets the probabilities of `tone` and, with `explain`, the models' explanations (the
    /// rule engine's of what no model scored are the caller's) and trace.
    pub(crate) fn finish(self, models: &Models, name: &Arc<str>, explain: crate::Explain, tone: &mut ToneReport) {
        let Windows { prior, logits, listed } = self;
        set_probabilities(&logits, models, tone);
        if explain == crate::Explain::No {
            return;
        }
        let (mut prior_scores, mut unlisted_scores) = (Vec::new(), Vec::new());
        let mut explanations = Vec::new();
        for (k, listed) in listed.into_iter().enumerate() {
            let (dimension, shown) = match k {
                0 if models.sentiment.is_some() => ("valence", true),
                0 => continue,
                _ if models.emotions.is_some() => (EMOTIONS[k - 1], sigmoid(logits[1 + k]) >= LISTED_EMOTION_FROM),
                _ => continue,
            };
            let of = |c: &[f32; 10]| listed_score(k, c);
            let mut unlisted = of(&logits) - of(&prior);
            if shown {
                unlisted -= listed.iter().map(|e| e.score as f32).sum::<f32>();
                explanations.extend(listed);
            }
            prior_scores.push((Cow::Borrowed(dimension), round4(of(&prior))));
            unlisted_scores.push((Cow::Borrowed(dimension), round4(unlisted)));
        }
        tone.explanations = explanations;
        tone.model =
            Some(ModelTrace { name: name.clone(), prior: Scores(prior_scores), unlisted: Scores(unlisted_scores) });
    }
}

/// Whether the models replace the rule engine's score that `e` explains (their explanations
/// take its place).
pub(crate) fn replaced(models: &Models, e: &Explanation) -> bool {
    match e.family {
        Family::Valence => models.sentiment.is_some(),
        Family::Emotion => models.emotions.is_some() && EMOTIONS.contains(&e.dimension.as_ref()),
        Family::Tone => false,
    }
}

/// The explanations of the model's scores in `tone`: the largest contributions of spans to
/// each dimension, the rules' explanations of what no model scored, and the trace that closes
/// the sums (`prior` and `unlisted`).
fn explain_scores(
    text: &str,
    spans: &[(usize, usize, crate::tone::Cause, [f32; 10])],
    models: &Models,
    name: &Arc<str>,
    index: &Utf16Index,
    (prior, logits): (&[f32; 10], &[f32; 10]),
    tone: &mut ToneReport,
) {
    let rules = std::mem::take(&mut tone.explanations);
    let mut explanations = Vec::with_capacity(LISTED_VALENCE.1 + EMOTIONS.len() * LISTED_EMOTION.1 + rules.len());
    let dimensions = 1 + EMOTIONS.len();
    let (mut prior_scores, mut unlisted_scores) = (Vec::with_capacity(dimensions), Vec::with_capacity(dimensions));
    if models.sentiment.is_some() {
        let unlisted = list(
            text,
            spans,
            &rules,
            index,
            (Family::Valence, "valence"),
            |c| c[0] - c[1],
            LISTED_VALENCE,
            &mut explanations,
        );
        prior_scores.push((Cow::Borrowed("valence"), round4(prior[0] - prior[1])));
        unlisted_scores.push((Cow::Borrowed("valence"), round4(unlisted)));
    }
    if models.emotions.is_some() {
        for (k, emotion) in EMOTIONS.iter().enumerate() {
            let listed = if sigmoid(logits[2 + k]) >= LISTED_EMOTION_FROM { LISTED_EMOTION } else { (0.0, 0) };
            let unlisted =
                list(text, spans, &rules, index, (Family::Emotion, emotion), |c| c[2 + k], listed, &mut explanations);
            prior_scores.push((Cow::Borrowed(*emotion), round4(prior[2 + k])));
            unlisted_scores.push((Cow::Borrowed(*emotion), round4(unlisted)));
        }
    }
    // the rules' explanations of what no model scored stay
    explanations.extend(rules.into_iter().filter(|e| !replaced(models, e)));
    tone.explanations = explanations;
    tone.model =
        Some(ModelTrace { name: name.clone(), prior: Scores(prior_scores), unlisted: Scores(unlisted_scores) });
}

/// Lists, as explanations of `dimension`, the `most` spans whose contribution (`of`) is
/// largest, from `threshold` on; returns the sum of the others.
#[allow(clippy::too_many_arguments)]
fn list(
    text: &str,
    spans: &[(usize, usize, crate::tone::Cause, [f32; 10])],
    rules: &[Explanation],
    index: &Utf16Index,
    (family, dimension): (Family, &'static str),
    of: impl Fn(&[f32; 10]) -> f32,
    (threshold, most): (f32, usize),
    out: &mut Vec<Explanation>,
) -> f32 {
    let mut unlisted: f32 = spans.iter().map(|s| of(&s.3)).sum();
    if most == 0 {
        return unlisted;
    }
    let mut listed: Vec<(usize, f32)> =
        spans.iter().enumerate().map(|(k, s)| (k, of(&s.3))).filter(|&(_, score)| score.abs() >= threshold).collect();
    if listed.len() > most {
        // the largest in absolute value first (the earlier of equals), then in text order
        order::sort_by_key(&mut listed, |&(k, score)| {
            [u64::MAX - order::float(f64::from(score.abs())), order::up(k), 0, 0]
        });
        listed.truncate(most);
        order::sort_by_key(&mut listed, |&(k, _)| [order::up(k), 0, 0, 0]);
    }
    for (k, score) in listed {
        let (start, end, cause, _) = spans[k];
        // what the rule engine said of the same words (lexicon, base, modifiers)
        let rule = rules
            .iter()
            .find(|e| e.span.start == start && e.span.end == end && e.family == family && e.dimension == dimension);
        out.push(Explanation {
            text: text.get(start..end).unwrap_or_default().to_string(),
            cause,
            family,
            dimension: Cow::Borrowed(dimension),
            lexicon: rule.map_or("model", |r| r.lexicon),
            base: rule.map_or(0.0, |r| r.base),
            score: round4(score),
            span: index.span(start, end),
            modifiers: rule.map(|r| r.modifiers.clone()).unwrap_or_default(),
        });
        // the rest, and what rounding took from the listed ones
        unlisted -= round4(score) as f32;
    }
    unlisted
}

/// `softmax(z₊, 0, z₋)` as (positive, neutral, negative).
fn softmax(positive: f32, negative: f32) -> (f32, f32, f32) {
    let max = positive.max(negative).max(0.0);
    let (p, n, m) = ((positive - max).exp(), (-max).exp(), (negative - max).exp());
    let total = p + n + m;
    (p / total, n / total, m / total)
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_is_a_distribution_with_neutral_as_reference() {
        let (p, n, m) = softmax(0.0, 0.0);
        assert!((p - 1.0 / 3.0).abs() < 1e-6 && (n - p).abs() < 1e-6 && (m - p).abs() < 1e-6);
        let (p, n, m) = softmax(80.0, -80.0);
        assert!(p > 0.999 && n < 1e-3 && m < 1e-6 && (p + n + m - 1.0).abs() < 1e-5);
        let (p, _, m) = softmax(1.0, 2.0);
        assert!(((p / m).ln() - (1.0 - 2.0)).abs() < 1e-5);
    }

    #[test]
    fn rows_are_ranked_in_bucket_order() {
        let buckets = [0usize, 3, 7, 8, 63, 64, 200, 2047];
        let mut present = vec![0u8; 256];
        for &b in &buckets {
            present[b / 8] |= 1 << (b % 8);
        }
        let rank: Vec<u32> = present
            .iter()
            .scan(0u32, |before, byte| {
                let rank = *before;
                *before += byte.count_ones();
                Some(rank)
            })
            .collect();
        for bucket in 0..2048 {
            assert_eq!(row_of(&present, &rank, bucket), buckets.iter().position(|&b| b == bucket), "{bucket}");
        }
        assert_eq!(row_of(&present, &rank, 2048), None);
    }

    #[test]
    fn tasks_round_trip_their_names() {
        for name in ["sentiment", "emotions", "sentiment,emotions"] {
            assert_eq!(Tasks::parse(name).unwrap().name(), name);
        }
        assert!(Tasks::parse("valence").is_err());
    }
}
