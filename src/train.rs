//! Training the model from labelled corpora, reproducibly.
//!
//! `schild train` reads `model/train.toml`, loads the corpora it lists, holds
//! out a validation split, learns a logistic regression with FTRL-Proximal
//! (per-coordinate learning rates; L1 keeps the hashed weights sparse and the
//! model small), calibrates the three sensitivity thresholds on out-of-fold
//! scores of the training split, and writes the model. Everything is
//! deterministic: same config and corpora, same bytes.
//!
//! **The split.** Bots reuse names and templates, so a random split would
//! put the same bot on both sides and flatter the figures. Comments are
//! grouped — same author, or same opening words — and whole groups go to
//! one side, chosen by a seeded hash. `schild eval --validation` applies the
//! same rule to evaluate the held-out side only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::classifier::sigmoid;
use crate::comment::Comment;
use crate::corpus::{self, CorpusError, Label, Record};
use crate::features::{self, PageContext, Prepared, named};
use crate::model::{Model, Thresholds};
use crate::normalize;
use crate::page::CopyDetector;
use crate::transforms::{self, Rng};
use crate::verdict::Sensitivity;

/// The training configuration (`model/train.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the corpus files are, relative to the config's repository root.
    pub data_dir: PathBuf,
    /// Where the model is written, relative to the repository root.
    pub model: PathBuf,
    /// How the validation split is chosen.
    pub split: SplitConfig,
    /// Feature settings.
    pub features: FeatureConfig,
    /// Learning settings.
    pub learning: LearningConfig,
    /// Threshold calibration.
    pub calibration: CalibrationConfig,
    /// Disguised copies of training examples.
    pub augment: AugmentConfig,
    /// Starting weights of named features (by name), which training
    /// refines: the penalties pull weights towards these, not towards zero.
    #[serde(default)]
    pub priors: BTreeMap<String, f64>,
    /// How firmly some named weights hold to their prior (their own L2
    /// penalty instead of `l2_named`): for knowledge the corpora have too
    /// few examples to test.
    #[serde(default)]
    pub prior_strength: BTreeMap<String, f64>,
    /// The corpus files and how much each counts.
    #[serde(rename = "file")]
    pub files: Vec<FileConfig>,
}

/// How the validation split is chosen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitConfig {
    /// Seed of the hash that assigns groups to a side.
    pub seed: u64,
    /// Share of groups held out for validation.
    pub validation_share: f64,
}

/// Feature settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureConfig {
    /// The hashed features have `2^hash_bits` buckets.
    pub hash_bits: u32,
}

/// FTRL-Proximal settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Learning rate scale.
    pub alpha: f64,
    /// Learning rate smoothing.
    pub beta: f64,
    /// L1 penalty on hashed weights (sparsity).
    pub l1: f64,
    /// L1 penalty on named weights.
    pub l1_named: f64,
    /// L2 penalty on hashed weights.
    pub l2: f64,
    /// L2 penalty on named weights.
    pub l2_named: f64,
    /// Keep hashed weights at zero or above: learned words can only add
    /// suspicion, so an ordinary copied text cannot outweigh a lure name.
    pub hashed_nonnegative: bool,
    /// Share of the total example weight given to sex-spam; without it,
    /// examples keep their natural weights.
    pub positive_share: Option<f64>,
    /// A file's positives weigh at most as much as this many rows.
    pub positive_cap: f64,
}

/// Threshold calibration on out-of-fold scores.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationConfig {
    /// Folds of the training split.
    pub folds: usize,
    /// Largest false-positive rate allowed at each level.
    pub relaxed_fpr: f64,
    /// See `relaxed_fpr`.
    pub balanced_fpr: f64,
    /// See `relaxed_fpr`.
    pub strict_fpr: f64,
}

/// Disguised copies of training examples, made with [`crate::transforms`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AugmentConfig {
    /// Disguised copies of each sex-spam example.
    pub positive_copies: usize,
    /// Share of other examples that get one disguised copy (so disguise
    /// alone is not taken as proof).
    pub negative_share: f64,
    /// Weight of a copy relative to its original.
    pub weight: f64,
}

/// One corpus file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The file name in `data_dir`.
    pub name: String,
    /// Weight multiplier for its rows.
    #[serde(default = "one")]
    pub weight: f64,
    /// Weight multiplier for its sex-spam rows (for weak labels).
    #[serde(default = "one")]
    pub positive_weight: f64,
    /// Row kinds to leave out (`filter_term`, `video_id`…).
    #[serde(default)]
    pub skip_kinds: Vec<String>,
    /// Labels to leave out.
    #[serde(default)]
    pub skip_labels: Vec<String>,
}

fn one() -> f64 {
    1.0
}

/// A problem while training.
#[derive(Debug)]
pub enum TrainError {
    /// The config could not be read.
    Config(String),
    /// A corpus file could not be read.
    Corpus(CorpusError),
    /// The model could not be written.
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::Config(e) => write!(f, "{e}"),
            TrainError::Corpus(e) => write!(f, "{e}"),
            TrainError::Write(path, e) => write!(f, "{}: cannot write: {e}", path.display()),
        }
    }
}

impl std::error::Error for TrainError {}

impl Config {
    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config, TrainError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| TrainError::Config(format!("{}: cannot read: {e}", path.display())))?;
        let config: Config = toml::from_str(&text)
            .map_err(|e| TrainError::Config(format!("{}: {e}", path.display())))?;
        config.check_priors()?;
        Ok(config)
    }

    /// The prior weight of each named feature (zero where none is given).
    pub fn prior_weights(&self) -> Vec<f64> {
        (0..named::COUNT)
            .map(|i| {
                self.priors
                    .get(&features::named_feature_name(i))
                    .copied()
                    .unwrap_or(0.0)
            })
            .collect()
    }

    /// The L2 penalty of each named weight.
    fn named_l2(&self) -> Vec<f64> {
        (0..named::COUNT)
            .map(|i| {
                let name = features::named_feature_name(i);
                self.prior_strength
                    .get(&name)
                    .copied()
                    .unwrap_or(self.learning.l2_named)
            })
            .collect()
    }

    /// Checks that every prior names a feature.
    fn check_priors(&self) -> Result<(), TrainError> {
        let names: Vec<String> = (0..named::COUNT)
            .map(features::named_feature_name)
            .collect();
        match self
            .priors
            .keys()
            .chain(self.prior_strength.keys())
            .find(|k| !names.contains(k))
        {
            Some(unknown) => Err(TrainError::Config(format!(
                "[priors] names no feature: {unknown:?}"
            ))),
            None => Ok(()),
        }
    }

    /// Whether a record belongs to the validation split.
    pub fn split_of(&self, groups: &[u64], index: usize) -> Side {
        let h = mix(self.split.seed ^ groups[index]);
        if (h % 1_000_000) as f64 / 1_000_000.0 < self.split.validation_share {
            Side::Validation
        } else {
            Side::Train
        }
    }
}

/// Which side of the split a record is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Used for training (and calibration).
    Train,
    /// Held out.
    Validation,
}

/// Loads the corpus files a config lists, in order, without the skipped
/// kinds and labels. Files are looked for in `root/data_dir`.
pub fn load_corpus(config: &Config, root: &Path) -> Result<(Vec<Record>, Vec<f64>), TrainError> {
    let mut records = Vec::new();
    let mut weights = Vec::new();
    for file in &config.files {
        let path = root.join(&config.data_dir).join(&file.name);
        for record in corpus::read_labelled(&path).map_err(TrainError::Corpus)? {
            let label = match record.label {
                Label::SexSpam => "sexspam",
                Label::OtherSpam => "spam_other",
                Label::Ham => "ham",
            };
            if file.skip_kinds.contains(&record.kind) || file.skip_labels.iter().any(|l| l == label)
            {
                continue;
            }
            let positive = if record.label.is_positive() {
                file.positive_weight
            } else {
                1.0
            };
            weights.push(file.weight * positive);
            records.push(record);
        }
    }
    Ok((records, weights))
}

/// The group of each record: records sharing an author, or the opening
/// words of their text, are in one group (transitively).
pub fn groups(records: &[Record]) -> Vec<u64> {
    let mut parent: Vec<usize> = (0..records.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: FxHashMap<String, usize> = FxHashMap::default();
    let mut keys_of = Vec::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let keys = group_keys(&record.comment);
        for key in &keys {
            match owner.get(key) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(key.clone(), i);
                }
            }
        }
        keys_of.push(keys);
    }
    // A group is named by the smallest key of any member (or the file and
    // line of a lone record without keys), so the name does not depend on
    // the order of the files.
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    for (i, keys) in keys_of.iter().enumerate() {
        let r = root(&mut parent, i);
        let own = keys
            .iter()
            .min()
            .cloned()
            .unwrap_or_else(|| format!("line:{}:{}", records[i].file, records[i].line));
        names
            .entry(r)
            .and_modify(|name| {
                if own < *name {
                    *name = own.clone();
                }
            })
            .or_insert(own);
    }
    (0..records.len())
        .map(|i| {
            let r = root(&mut parent, i);
            fingerprint(names[&r].as_bytes())
        })
        .collect()
}

fn group_keys(comment: &Comment) -> Vec<String> {
    let mut keys = Vec::new();
    let author = normalize::fold_name(comment.author()).text;
    if !author.is_empty() {
        keys.push(format!("a:{author}"));
    }
    let text = normalize::fold(features::truncate(&comment.text, 2048));
    let words: Vec<&str> = text.word_strs().collect();
    if words.len() >= 8 {
        keys.push(format!("t:{}", words[..8].join(" ")));
    } else if words.len() >= 3 || (!words.is_empty() && author.is_empty()) {
        keys.push(format!("x:{}", text.text));
    }
    if let Some(link) = comment.links.first() {
        keys.push(format!("l:{link}"));
    }
    keys
}

fn fingerprint(bytes: &[u8]) -> u64 {
    mix(bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    }))
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One training example: sparse features, label, weight.
#[derive(Debug, Clone)]
struct Example {
    indices: Vec<u32>,
    values: Vec<f32>,
    positive: bool,
    weight: f64,
    /// The record it came from (augmented copies share it).
    record: usize,
    augmented: bool,
}

fn example(comment: &Comment, context: PageContext, hash_bits: u32) -> (Vec<u32>, Vec<f32>) {
    let prepared = Prepared::new(comment);
    let mut pairs: Vec<(u32, f32)> = Vec::new();
    features::extract(&prepared, context, hash_bits, &mut |index, value, _| {
        pairs.push((index, value))
    });
    pairs.sort_by_key(|&(index, _)| index);
    // Merge repeated indices so each coordinate is updated once.
    let mut indices: Vec<u32> = Vec::with_capacity(pairs.len());
    let mut values: Vec<f32> = Vec::with_capacity(pairs.len());
    for (index, value) in pairs {
        if indices.last() == Some(&index) {
            if let Some(last) = values.last_mut() {
                *last += value;
            }
        } else {
            indices.push(index);
            values.push(value);
        }
    }
    (indices, values)
}

/// Page context of each record among the given ones (threads replayed in
/// order, as in the browser and in `schild eval`).
fn contexts(records: &[Record], members: &[usize]) -> FxHashMap<usize, PageContext> {
    let mut pages: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in members {
        if let Some(thread) = &records[i].thread {
            pages.entry(thread.as_str()).or_default().push(i);
        }
    }
    let mut out = FxHashMap::default();
    for indices in pages.values() {
        let mut page = CopyDetector::default();
        for &i in indices {
            out.insert(i, page.observe(&records[i].comment));
        }
    }
    out
}

/// Builds the training examples for `members` (indices into `records`),
/// with their disguised copies.
fn build_examples(
    config: &Config,
    records: &[Record],
    base_weights: &[f64],
    members: &[usize],
) -> Vec<Example> {
    let hash_bits = config.features.hash_bits;
    let contexts = contexts(records, members);
    // Positives of one file weigh at most `positive_cap` rows in all.
    let mut positives_per_file: FxHashMap<&str, f64> = FxHashMap::default();
    for &i in members {
        if records[i].label.is_positive() {
            *positives_per_file
                .entry(records[i].file.as_str())
                .or_default() += 1.0;
        }
    }
    let mut examples = Vec::new();
    for &i in members {
        let record = &records[i];
        let context = contexts.get(&i).copied().unwrap_or_default();
        let positive = record.label.is_positive();
        let mut weight = base_weights[i];
        if positive {
            let n = positives_per_file[record.file.as_str()];
            weight *= (config.learning.positive_cap / n).min(1.0);
        }
        let (indices, values) = example(&record.comment, context, hash_bits);
        examples.push(Example {
            indices,
            values,
            positive,
            weight,
            record: i,
            augmented: false,
        });

        let mut rng = Rng::new(config.split.seed ^ mix(i as u64 + 1));
        let copies = if positive {
            config.augment.positive_copies
        } else {
            usize::from(rng.chance(config.augment.negative_share))
        };
        for _ in 0..copies {
            let transform = &transforms::ALL[rng.below(transforms::ALL.len())];
            let disguised = Comment {
                text: (transform.apply)(&record.comment.text, &mut rng),
                author: record
                    .comment
                    .author
                    .as_deref()
                    .map(|a| (transform.apply)(a, &mut rng)),
                links: record.comment.links.clone(),
                trusted: record.comment.trusted,
            };
            if disguised == record.comment {
                continue; // nothing to disguise (a bare domain): no extra copy
            }
            let (indices, values) = example(&disguised, context, hash_bits);
            examples.push(Example {
                indices,
                values,
                positive,
                weight: weight * config.augment.weight,
                record: i,
                augmented: true,
            });
        }
    }
    // Rebalance: positives get `positive_share` of the total weight.
    let total: f64 = examples.iter().map(|e| e.weight).sum();
    let positive: f64 = examples
        .iter()
        .filter(|e| e.positive)
        .map(|e| e.weight)
        .sum();
    if let (Some(share), true) = (
        config.learning.positive_share,
        positive > 0.0 && positive < total,
    ) {
        let up = share * total / positive;
        let down = (1.0 - share) * total / (total - positive);
        let mean = total / examples.len() as f64;
        for e in &mut examples {
            e.weight *= if e.positive { up } else { down } / mean;
        }
    }
    examples
}

/// FTRL-Proximal logistic regression (McMahan et al., 2013), with each
/// weight regularised towards a prior instead of zero (w = prior + δ, the
/// penalties apply to δ).
struct Ftrl {
    z: Vec<f64>,
    n: Vec<f64>,
    prior: Vec<f64>,
    named_l2: Vec<f64>,
    named_count: usize,
    config: LearningConfig,
}

impl Ftrl {
    fn new(dimension: usize, config: &Config) -> Self {
        // One extra coordinate, the last, is the bias.
        Ftrl {
            z: vec![0.0; dimension + 1],
            n: vec![0.0; dimension + 1],
            prior: config.prior_weights(),
            named_l2: config.named_l2(),
            named_count: named::COUNT,
            config: config.learning.clone(),
        }
    }

    fn bias_index(&self) -> usize {
        self.z.len() - 1
    }

    fn weight(&self, i: usize) -> f64 {
        self.prior.get(i).copied().unwrap_or(0.0) + self.delta(i)
    }

    fn delta(&self, i: usize) -> f64 {
        let l1 = if i < self.named_count || i == self.bias_index() {
            if i == self.bias_index() {
                0.0
            } else {
                self.config.l1_named
            }
        } else {
            self.config.l1
        };
        let z = self.z[i];
        if z.abs() <= l1 {
            return 0.0;
        }
        let c = &self.config;
        let hashed = i >= self.named_count && i != self.bias_index();
        let l2 = if hashed {
            c.l2
        } else {
            self.named_l2.get(i).copied().unwrap_or(c.l2_named)
        };
        let w = -(z - z.signum() * l1) / ((c.beta + self.n[i].sqrt()) / c.alpha + l2);
        if hashed && c.hashed_nonnegative {
            w.max(0.0)
        } else {
            w
        }
    }

    fn logit(&self, example: &Example) -> f64 {
        let mut sum = self.weight(self.bias_index());
        for (&i, &v) in example.indices.iter().zip(&example.values) {
            sum += self.weight(i as usize) * f64::from(v);
        }
        sum
    }

    fn update(&mut self, example: &Example) {
        let p = 1.0 / (1.0 + (-self.logit(example)).exp());
        let y = if example.positive { 1.0 } else { 0.0 };
        let g = (p - y) * example.weight;
        let bias = self.bias_index();
        let coordinates = example
            .indices
            .iter()
            .map(|&i| i as usize)
            .zip(example.values.iter().map(|&v| f64::from(v)))
            .chain(std::iter::once((bias, 1.0)));
        for (i, v) in coordinates {
            let gi = g * v;
            let w = self.delta(i);
            let sigma = ((self.n[i] + gi * gi).sqrt() - self.n[i].sqrt()) / self.config.alpha;
            self.z[i] += gi - sigma * w;
            self.n[i] += gi * gi;
        }
    }

    fn train(config: &Config, examples: &[Example]) -> Ftrl {
        let dimension = named::COUNT + (1usize << config.features.hash_bits);
        let mut ftrl = Ftrl::new(dimension, config);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        for epoch in 0..config.learning.epochs {
            let mut rng = Rng::new(config.split.seed.wrapping_add(epoch as u64 * 7919));
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            for &i in &order {
                ftrl.update(&examples[i]);
            }
        }
        ftrl
    }

    fn into_model(self, hash_bits: u32, thresholds: Thresholds) -> Model {
        let dimension = self.z.len() - 1;
        let weights: Vec<f32> = (0..dimension).map(|i| self.weight(i) as f32).collect();
        Model::from_weights(
            hash_bits,
            self.weight(dimension) as f32,
            &weights,
            thresholds,
        )
    }
}

/// What training measured, for the report it prints.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Records in the training and validation splits.
    pub train_records: usize,
    /// See `train_records`.
    pub validation_records: usize,
    /// Examples trained on (with disguised copies).
    pub examples: usize,
    /// The calibrated thresholds.
    pub thresholds: Thresholds,
    /// Out-of-fold recall and false-positive rate at each level, on the
    /// training split.
    pub out_of_fold: Vec<(Sensitivity, f64, f64)>,
    /// Non-zero hashed weights in the model.
    pub nonzero_hashed: usize,
    /// Size of the model file in bytes.
    pub model_bytes: usize,
}

/// Trains a model from `config` (paths relative to `root`). Returns the
/// model, its report, and the loaded records with their sides (for
/// evaluating the validation split).
pub fn train(
    config: &Config,
    root: &Path,
) -> Result<(Model, TrainReport, Vec<Record>, Vec<Side>), TrainError> {
    let (records, weights) = load_corpus(config, root)?;
    let groups = groups(&records);
    let sides: Vec<Side> = (0..records.len())
        .map(|i| config.split_of(&groups, i))
        .collect();
    let train_members: Vec<usize> = (0..records.len())
        .filter(|&i| sides[i] == Side::Train)
        .collect();

    // Calibrate on out-of-fold scores: each fold is scored by a model that
    // never saw it (folds are whole groups, like the split).
    let folds = config.calibration.folds.max(2);
    let fold_of = |i: usize| (mix(groups[i] ^ 0xF01D) % folds as u64) as usize;
    let mut oof: Vec<(f64, Label)> = Vec::new();
    for fold in 0..folds {
        let fit: Vec<usize> = train_members
            .iter()
            .copied()
            .filter(|&i| fold_of(i) != fold)
            .collect();
        let held: Vec<usize> = train_members
            .iter()
            .copied()
            .filter(|&i| fold_of(i) == fold)
            .collect();
        let ftrl = Ftrl::train(config, &build_examples(config, &records, &weights, &fit));
        // Calibrate on comments and names, not on bare domains from
        // blocklists (labelled examples for the link features, but not what
        // a false-positive rate on comments is about).
        let calibrating = |e: &&Example| !e.augmented && records[e.record].kind != "domain";
        for e in build_examples(config, &records, &weights, &held)
            .iter()
            .filter(calibrating)
        {
            oof.push((ftrl.logit(e), records[e.record].label));
        }
    }
    let thresholds = calibrate(&oof, &config.calibration);
    let out_of_fold = [
        Sensitivity::Relaxed,
        Sensitivity::Balanced,
        Sensitivity::Strict,
    ]
    .into_iter()
    .map(|level| {
        let t = f64::from(match level {
            Sensitivity::Relaxed => thresholds.relaxed,
            Sensitivity::Balanced => thresholds.balanced,
            Sensitivity::Strict => thresholds.strict,
        });
        let (mut tp, mut pos, mut fp, mut neg) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for &(logit, label) in &oof {
            let flagged = f64::from(sigmoid(logit as f32)) >= t;
            if label.is_positive() {
                pos += 1.0;
                tp += f64::from(u8::from(flagged));
            } else {
                neg += 1.0;
                fp += f64::from(u8::from(flagged));
            }
        }
        (level, tp / pos.max(1.0), fp / neg.max(1.0))
    })
    .collect();

    let examples = build_examples(config, &records, &weights, &train_members);
    let model = Ftrl::train(config, &examples).into_model(config.features.hash_bits, thresholds);
    let report = TrainReport {
        train_records: train_members.len(),
        validation_records: records.len() - train_members.len(),
        examples: examples.len(),
        thresholds,
        out_of_fold,
        nonzero_hashed: model.nonzero_hashed(),
        model_bytes: model.to_bytes().len(),
    };
    Ok((model, report, records, sides))
}

/// The score thresholds at which the out-of-fold false-positive rate on
/// negatives stays within each level's target.
fn calibrate(oof: &[(f64, Label)], config: &CalibrationConfig) -> Thresholds {
    let mut negatives: Vec<f32> = oof
        .iter()
        .filter(|(_, label)| !label.is_positive())
        .map(|&(logit, _)| sigmoid(logit as f32))
        .collect();
    negatives.sort_by(|a, b| b.total_cmp(a));
    let at = |fpr: f64| -> f32 {
        // Allow `k` negatives above the threshold; put it halfway between
        // the k-th and (k+1)-th highest negative score.
        let k = (fpr * negatives.len() as f64).floor() as usize;
        let above = negatives.get(k).copied().unwrap_or(0.0);
        let below_allowed = if k == 0 { 1.0 } else { negatives[k - 1] };
        let threshold = (above + below_allowed.min(1.0)) / 2.0;
        threshold.clamp(0.05, 0.999)
    };
    let strict = at(config.strict_fpr);
    let balanced = at(config.balanced_fpr).max(strict);
    let relaxed = at(config.relaxed_fpr).max(balanced);
    Thresholds {
        relaxed,
        balanced,
        strict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(author: &str, text: &str, line: usize) -> Record {
        Record {
            comment: Comment::new(text, author),
            label: Label::Ham,
            thread: None,
            lang: None,
            platform: None,
            kind: "comment".into(),
            file: "f".into(),
            line,
        }
    }

    #[test]
    fn comments_of_one_author_or_template_share_a_group() {
        let records = [
            record("Hot Girl", "first comment by the bot", 1),
            record("hot girl", "another one entirely different here", 2),
            record(
                "@alice",
                "I saw a new video with her one two three four five",
                3,
            ),
            record(
                "@bob",
                "I saw a new video with her one two three four six",
                4,
            ),
            record("@carol", "unrelated", 5),
        ];
        let g = groups(&records);
        assert_eq!(g[0], g[1], "same author");
        assert_eq!(g[2], g[3], "same opening words");
        assert_ne!(g[0], g[2]);
        assert_ne!(g[4], g[0]);
        assert_eq!(groups(&records), g, "deterministic");
    }

    #[test]
    fn thresholds_keep_the_false_positive_rate() {
        let mut oof: Vec<(f64, Label)> = (0..1000)
            .map(|i| (-8.0 + i as f64 * 0.008, Label::Ham))
            .collect();
        oof.extend((0..50).map(|_| (5.0, Label::SexSpam)));
        let config = CalibrationConfig {
            folds: 2,
            relaxed_fpr: 0.001,
            balanced_fpr: 0.01,
            strict_fpr: 0.1,
        };
        let t = calibrate(&oof, &config);
        let fpr = |threshold: f32| {
            oof.iter()
                .filter(|(l, label)| !label.is_positive() && sigmoid(*l as f32) >= threshold)
                .count()
        };
        assert!(
            fpr(t.relaxed) <= 1 && fpr(t.balanced) <= 10 && fpr(t.strict) <= 100,
            "{t:?}"
        );
        assert!(t.strict <= t.balanced && t.balanced <= t.relaxed);
    }
}
