//! Training (feature `train`): FTRL-Proximal (McMahan et al. 2013) logistic regressions over
//! hashed features, deterministic to the byte.
//!
//! FTRL keeps, for every weight, the sum of its gradients `z` and of their squares `n`, and
//! sets the weight in closed form: 0 while `|z| ≤ λ₁` (so the model is sparse, and small to
//! ship), else `-(z - sign(z)·λ₁) / ((β + √n)/α + λ₂)`. Examples are visited in an order
//! shuffled by a seeded generator, a fixed number of epochs, in one thread: the same data and
//! settings give the same file.
//!
//! Sentiment is one multinomial regression (neutral is the reference class), weighted so that
//! each class of each language counts alike (`tone.label` is judged by macro-F1). Each emotion
//! is a binary regression over the examples annotated for emotions, its positive examples
//! weighted by (negatives / positives)^balance within their language (see
//! [`Settings::emotion_balance`]): between
//! calibrated probabilities and balanced classes, since a reader's "it is there" is judged
//! at 0.5. A message labelled neutral, with no emotion, weighs more there
//! ([`Settings::neutral_weight`]): without it, the positives weighted up and the French
//! emotion set (subtitles, all moved) teach that any French line carries some emotion.

use crate::eval::label_index;
use crate::lang::Language;
use crate::tone::Label;

use super::format::{Parsed, write};
use super::{Tasks, language_slot};

/// One labelled message, as features.
pub struct Example {
    /// Feature ids and values (see [`super::features`]).
    pub features: Vec<(u32, f32)>,
    pub language: Language,
    pub sentiment: Option<Label>,
    /// The eight emotions, present or not, when the message was annotated for emotions.
    pub emotions: Option<[bool; 8]>,
    /// How much the example counts (1 for most; more for the few examples of a domain the
    /// rest lacks).
    pub weight: f32,
}

/// Training settings; the defaults made the built-in model.
#[derive(Debug, Clone)]
pub struct Settings {
    pub name: String,
    pub trained_on: String,
    /// The model keeps `2^hash_bits` buckets of feature ids.
    pub hash_bits: u32,
    pub epochs: usize,
    pub alpha: f32,
    pub beta: f32,
    /// L1 regularisation of sentiment, and of the emotions (eight outputs: most of a model's
    /// size).
    pub l1: f32,
    pub l1_emotions: f32,
    pub l2: f32,
    pub seed: u64,
    /// Extra weight of French examples (French data is scarcer).
    pub french_weight: f32,
    /// Positive examples of an emotion weigh `(negatives / positives)^balance` (at most 8):
    /// 0 keeps probabilities calibrated on the training mix, 1 balances the classes.
    pub emotion_balance: f32,
    /// Weight, in the emotion outputs, of a message labelled neutral that expresses no emotion.
    pub neutral_weight: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            name: "model".into(),
            trained_on: String::new(),
            hash_bits: 18,
            epochs: 6,
            alpha: 0.1,
            beta: 1.0,
            l1: 15.0,
            l1_emotions: 220.0,
            l2: 1.0,
            seed: 0x5eed,
            french_weight: 3.0,
            emotion_balance: 0.65,
            neutral_weight: 3.0,
        }
    }
}

/// The FTRL state of one output: per bucket, z and n.
struct Ftrl {
    l1: f32,
    z: Vec<f32>,
    n: Vec<f32>,
    /// z and n of the bias, per language.
    bias: [(f32, f32); 3],
}

impl Ftrl {
    fn new(buckets: usize, l1: f32) -> Ftrl {
        Ftrl { l1, z: vec![0.0; buckets], n: vec![0.0; buckets], bias: [(0.0, 0.0); 3] }
    }

    fn weight(z: f32, n: f32, s: &Settings, l1: f32) -> f32 {
        if z.abs() <= l1 { 0.0 } else { -(z - z.signum() * l1) / ((s.beta + n.sqrt()) / s.alpha + s.l2) }
    }

    fn at(&self, bucket: usize, s: &Settings) -> f32 {
        Ftrl::weight(self.z[bucket], self.n[bucket], s, self.l1)
    }

    fn bias(&self, language: usize, s: &Settings) -> f32 {
        let (z, n) = self.bias[language];
        Ftrl::weight(z, n, s, 0.0)
    }

    fn update(z: &mut f32, n: &mut f32, weight: f32, gradient: f32, s: &Settings) {
        let sigma = ((*n + gradient * gradient).sqrt() - n.sqrt()) / s.alpha;
        *z += gradient - sigma * weight;
        *n += gradient * gradient;
    }

    /// The logit of an example, with the weights used (to update them after).
    fn logit(&self, example: &Example, mask: usize, s: &Settings, weights: &mut Vec<f32>) -> f32 {
        weights.clear();
        let lang = language_slot(example.language);
        let mut logit = self.bias(lang, s);
        for &(id, value) in &example.features {
            let w = self.at(id as usize & mask, s);
            weights.push(w);
            logit += w * value;
        }
        logit
    }

    fn step(&mut self, example: &Example, mask: usize, gradient: f32, s: &Settings, weights: &[f32]) {
        let lang = language_slot(example.language);
        let bias_weight = self.bias(lang, s);
        let (z, n) = &mut self.bias[lang];
        Ftrl::update(z, n, bias_weight, gradient, s);
        for (&(id, value), &w) in example.features.iter().zip(weights) {
            let bucket = id as usize & mask;
            Ftrl::update(&mut self.z[bucket], &mut self.n[bucket], w, gradient * value, s);
        }
    }
}

/// A seeded xorshift generator, for the order of examples.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn shuffle(&mut self, items: &mut [usize]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains a model on `examples` and returns its file. The tasks are those some example is
/// labelled for.
pub fn train(examples: &[Example], settings: &Settings) -> Result<Vec<u8>, String> {
    let tasks = Tasks {
        sentiment: examples.iter().any(|e| e.sentiment.is_some()),
        emotions: examples.iter().any(|e| e.emotions.is_some()),
    };
    if !tasks.sentiment && !tasks.emotions {
        return Err("no example has a `sentiment` or `emotions` label".into());
    }
    let numbers = [
        ("alpha", settings.alpha),
        ("beta", settings.beta),
        ("l1", settings.l1),
        ("l1-emotions", settings.l1_emotions),
        ("l2", settings.l2),
        ("french-weight", settings.french_weight),
        ("emotion-balance", settings.emotion_balance),
        ("neutral-weight", settings.neutral_weight),
    ];
    if let Some((name, value)) = numbers.iter().find(|(_, v)| !(v.is_finite() && *v >= 0.0)) {
        return Err(format!("{name} {value} is not a finite number ≥ 0"));
    }
    if settings.alpha == 0.0 {
        return Err("alpha must be > 0".into());
    }
    if !(8..=28).contains(&settings.hash_bits) {
        return Err(format!("hash bits {} is outside 8..=28", settings.hash_bits));
    }
    let buckets = 1usize << settings.hash_bits;
    let mask = buckets - 1;
    let outputs = tasks.outputs();
    let mut states: Vec<Ftrl> =
        outputs.iter().map(|&o| Ftrl::new(buckets, if o < 2 { settings.l1 } else { settings.l1_emotions })).collect();

    // sentiment: each class of each language counts alike
    let mut counts = [[0usize; 3]; 3];
    for e in examples {
        if let Some(label) = e.sentiment {
            counts[language_slot(e.language)][label_index(label)] += 1;
        }
    }
    let class_weight = |language: usize, class: usize| -> f32 {
        let total: usize = counts[language].iter().sum();
        let n = counts[language][class];
        if n == 0 { 1.0 } else { (total as f32 / (3.0 * n as f32)).clamp(0.25, 4.0) }
    };
    // emotions: positives weighted by (negatives / positives)^balance, counted within each
    // language (French emotion data are subtitles with no neutral line: counted with the
    // English, their positives would be weighted up as if they were as rare)
    let mut present = [[0usize; 8]; 3];
    let mut annotated = [0usize; 3];
    for example in examples {
        if let Some(gold) = example.emotions {
            let lang = language_slot(example.language);
            annotated[lang] += 1;
            for (count, on) in present[lang].iter_mut().zip(gold) {
                *count += usize::from(on);
            }
        }
    }
    let positive_weight: [[f32; 8]; 3] = std::array::from_fn(|lang| {
        std::array::from_fn(|k| {
            let p = present[lang][k];
            if p == 0 {
                1.0
            } else {
                ((annotated[lang] - p) as f32 / p as f32).powf(settings.emotion_balance).clamp(1.0, 8.0)
            }
        })
    });

    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(settings.seed | 1);
    let (mut w_pos, mut w_neg, mut w) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..settings.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let example = &examples[i];
            let lang = language_slot(example.language);
            let weight = example.weight * if example.language == Language::Fr { settings.french_weight } else { 1.0 };
            let mut next = 0;
            if tasks.sentiment {
                if let Some(label) = example.sentiment {
                    let z_pos = states[0].logit(example, mask, settings, &mut w_pos);
                    let z_neg = states[1].logit(example, mask, settings, &mut w_neg);
                    let (p_pos, _, p_neg) = super::softmax(z_pos, z_neg);
                    let class = label_index(label);
                    let scale = weight * class_weight(lang, class);
                    let g_pos = (p_pos - f32::from(u8::from(class == 0))) * scale;
                    let g_neg = (p_neg - f32::from(u8::from(class == 2))) * scale;
                    states[0].step(example, mask, g_pos, settings, &w_pos);
                    states[1].step(example, mask, g_neg, settings, &w_neg);
                }
                next = 2;
            }
            if let Some(gold) = example.emotions.filter(|_| tasks.emotions) {
                let unmoved_neutral = example.sentiment == Some(Label::Neutral) && gold == [false; 8];
                for (k, &on) in gold.iter().enumerate() {
                    let state = &mut states[next + k];
                    let z = state.logit(example, mask, settings, &mut w);
                    let p = super::sigmoid(z);
                    let scale = weight
                        * if on {
                            positive_weight[lang][k]
                        } else if unmoved_neutral {
                            settings.neutral_weight
                        } else {
                            1.0
                        };
                    state.step(example, mask, (p - f32::from(u8::from(on))) * scale, settings, &w);
                }
            }
        }
    }
    Ok(write(&quantize(&states, tasks, settings)))
}

/// The final weights, as i8 per output with a scale, where they are not 0.
fn quantize(states: &[Ftrl], tasks: Tasks, settings: &Settings) -> Parsed {
    let buckets = 1usize << settings.hash_bits;
    let mut scales = Vec::new();
    let mut biases = Vec::new();
    for state in states {
        let max = (0..buckets).map(|b| state.at(b, settings).abs()).fold(0.0f32, f32::max);
        scales.push(if max > 0.0 { max / 127.0 } else { 1.0 });
        biases.push([0, 1, 2].map(|lang| state.bias(lang, settings)));
    }
    let weights = states
        .iter()
        .zip(&scales)
        .map(|(state, scale)| {
            (0..buckets)
                .filter_map(|bucket| {
                    let q = (state.at(bucket, settings) / scale).round().clamp(-127.0, 127.0) as i8;
                    (q != 0).then_some((bucket as u32, q))
                })
                .collect()
        })
        .collect();
    Parsed {
        name: settings.name.clone(),
        trained_on: settings.trained_on.clone(),
        hash_bits: settings.hash_bits,
        tasks,
        scales,
        biases,
        weights,
        checksum: 0,
    }
}
