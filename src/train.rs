//! Training the model from labelled corpora, reproducibly, and measuring how
//! well it catches what it has never seen.
//!
//! `schild train` reads `model/train.toml`, loads the real corpora it lists
//! and the project's own synthetic rows (`model/synthetic/`, training only),
//! and learns a logistic regression in two stages with FTRL-Proximal:
//! first the named signals (concepts, disguises, combinations; each pulled
//! towards a prior and held to its sign), then the hashed words, which may
//! only refine: their sum is capped and can never be negative.
//!
//! **Generalisation is measured, and calibrated on.** A random split of the
//! training sources flatters, because a source's style is on both sides. So
//! every corpus *family* (the files of one source) is held out in turn and
//! scored by a model trained on the others (leave one source out), and every
//! language is held out in turn, synthetic rows included (leave one language
//! out). The three sensitivity levels are calibrated on the pooled
//! out-of-source scores, and the final model, trained on everything, gets
//! those thresholds. The figures (`model/figures.json`) never count a
//! synthetic row.
//!
//! Everything is deterministic: same config, corpora and code, same bytes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::classifier::{Classifier, sigmoid};
use crate::comment::{Comment, truncate};
use crate::corpus::{self, CorpusError, Label, Record};
use crate::eval;
use crate::features::{self, PageContext, Prepared};
use crate::hash::{fnv1a, mix};
use crate::model::{Model, Thresholds};
use crate::normalize;
use crate::page::Page;
use crate::signals::{self, Sign};
use crate::transforms::{self, Rng};
use crate::verdict::Sensitivity;

/// The training configuration (`model/train.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the corpus files are, relative to the repository root.
    pub data_dir: PathBuf,
    /// Where the model is written, relative to the repository root.
    pub model: PathBuf,
    /// Where the generalisation figures are written.
    pub figures: PathBuf,
    /// The project's own training rows.
    pub synthetic: SyntheticConfig,
    /// How the random validation split is chosen (a figure for comparison).
    pub split: SplitConfig,
    /// Feature settings.
    pub features: FeatureConfig,
    /// Learning settings.
    pub learning: LearningConfig,
    /// Threshold calibration.
    pub calibration: CalibrationConfig,
    /// Disguised copies of training examples.
    pub augment: AugmentConfig,
    /// Which languages are held out in turn.
    pub generalisation: GeneralisationConfig,
    /// Starting weights of named features (by name), which training
    /// refines: the penalties pull weights towards these, not towards zero.
    #[serde(default)]
    pub priors: BTreeMap<String, f64>,
    /// How firmly some named weights hold to their prior (their own L2
    /// penalty instead of `l2_named`): for knowledge the corpora have too
    /// few examples to test.
    #[serde(default)]
    pub prior_strength: BTreeMap<String, f64>,
    /// The range some named weights must stay in, `[lowest, highest]`: a
    /// shape of a comment (emoji, fancy letters) may add a little suspicion,
    /// never enough to flag a comment alone.
    #[serde(default)]
    pub limits: BTreeMap<String, [f64; 2]>,
    /// The corpus files and how much each counts.
    #[serde(rename = "file")]
    pub files: Vec<FileConfig>,
}

/// The project's own training rows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyntheticConfig {
    /// The folder of `*.jsonl` files, relative to the repository root.
    pub dir: PathBuf,
    /// Weight multiplier for its rows.
    pub weight: f64,
}

/// How the random validation split is chosen.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitConfig {
    /// Seed of the hash that assigns groups to a side (also seeds training).
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
    /// Passes over the data for the named signals.
    pub epochs: usize,
    /// Passes for the hashed words, the named weights fixed.
    pub hashed_epochs: usize,
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
    /// The most the hashed words may add to the log-odds.
    pub hashed_cap: f64,
    /// A file's positives weigh at most as much as this many rows.
    pub positive_cap: f64,
}

/// Threshold calibration on out-of-source scores.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationConfig {
    /// Largest out-of-source false-positive rate allowed at each level.
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

/// The leave-one-language-out evaluation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneralisationConfig {
    /// The languages held out one at a time (ISO 639-1).
    pub languages: Vec<String>,
}

/// One corpus file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// The file name in `data_dir`.
    pub name: String,
    /// The source it belongs to, held out together (default: the file name
    /// without `.jsonl`).
    pub family: Option<String>,
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

impl FileConfig {
    /// The family this file is held out with.
    pub fn family(&self) -> String {
        self.family.clone().unwrap_or_else(|| {
            self.name
                .strip_suffix(".jsonl")
                .unwrap_or(&self.name)
                .to_string()
        })
    }
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
        (0..signals::COUNT)
            .map(|i| {
                self.priors
                    .get(&signals::feature_name(i))
                    .copied()
                    .unwrap_or(0.0)
            })
            .collect()
    }

    /// The L2 penalty of each named weight.
    fn named_l2(&self) -> Vec<f64> {
        (0..signals::COUNT)
            .map(|i| {
                self.prior_strength
                    .get(&signals::feature_name(i))
                    .copied()
                    .unwrap_or(self.learning.l2_named)
            })
            .collect()
    }

    /// The range of each named weight (unbounded where none is given).
    fn named_limits(&self) -> Vec<[f64; 2]> {
        (0..signals::COUNT)
            .map(|i| {
                self.limits
                    .get(&signals::feature_name(i))
                    .copied()
                    .unwrap_or([f64::NEG_INFINITY, f64::INFINITY])
            })
            .collect()
    }

    /// Checks that every prior names a feature, and agrees with its sign.
    fn check_priors(&self) -> Result<(), TrainError> {
        let names: Vec<String> = (0..signals::COUNT).map(signals::feature_name).collect();
        if let Some(unknown) = self
            .priors
            .keys()
            .chain(self.prior_strength.keys())
            .chain(self.limits.keys())
            .find(|k| !names.contains(k))
        {
            return Err(TrainError::Config(format!(
                "[priors] names no feature: {unknown:?}"
            )));
        }
        for (i, name) in names.iter().enumerate() {
            let prior = self.priors.get(name).copied().unwrap_or(0.0);
            let wrong = match signals::sign(i) {
                Sign::Positive => prior < 0.0,
                Sign::Negative => prior > 0.0,
                Sign::Free => false,
            };
            if wrong {
                return Err(TrainError::Config(format!(
                    "[priors] {name} = {prior} goes against the signal's sign"
                )));
            }
        }
        Ok(())
    }

    /// Which side of the random split a record's group is on.
    pub fn split_of(&self, group: u64) -> Side {
        let h = mix(self.split.seed ^ group);
        if (h % 1_000_000) as f64 / 1_000_000.0 < self.split.validation_share {
            Side::Validation
        } else {
            Side::Train
        }
    }
}

/// Which side of the random split a record is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Used for training.
    Train,
    /// Held out.
    Validation,
}

/// The labelled rows training reads: the real corpora, then the synthetic
/// rows, with each row's weight and family.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Every row, real first.
    pub records: Vec<Record>,
    /// Each row's weight multiplier.
    pub weights: Vec<f64>,
    /// Each row's family (`synthetic` for the project's own rows).
    pub families: Vec<String>,
}

impl Corpus {
    /// The indices of the real rows (the only ones any figure counts).
    pub fn real(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.records.len()).filter(|&i| !self.records[i].synthetic)
    }
}

/// The family name of the project's synthetic rows.
pub const SYNTHETIC: &str = "synthetic";

/// Loads the corpus files a config lists, in order, without the skipped
/// kinds and labels (from `root/data_dir`), then the synthetic rows (from
/// `root/synthetic.dir`, every `*.jsonl` in name order).
pub fn load_corpus(config: &Config, root: &Path) -> Result<Corpus, TrainError> {
    let mut corpus = Corpus::default();
    for file in &config.files {
        let path = root.join(&config.data_dir).join(&file.name);
        let family = file.family();
        for mut record in corpus::read_labelled(&path).map_err(TrainError::Corpus)? {
            let label = match record.label {
                Label::SexSpam => "sexspam",
                Label::OtherSpam => "spam_other",
                Label::Ham => "ham",
            };
            if file.skip_kinds.contains(&record.kind) || file.skip_labels.iter().any(|l| l == label)
            {
                continue;
            }
            // A real corpus row is never synthetic, whatever it says.
            record.synthetic = false;
            let positive = if record.label.is_positive() {
                file.positive_weight
            } else {
                1.0
            };
            corpus.weights.push(file.weight * positive);
            corpus.records.push(record);
            corpus.families.push(family.clone());
        }
    }
    let dir = root.join(&config.synthetic.dir);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    for path in files {
        for mut record in corpus::read_labelled(&path).map_err(TrainError::Corpus)? {
            record.synthetic = true;
            record.file = format!("{SYNTHETIC}/{}", record.file);
            corpus.weights.push(config.synthetic.weight);
            corpus.records.push(record);
            corpus.families.push(SYNTHETIC.to_string());
        }
    }
    Ok(corpus)
}

/// The group of each record: records sharing an author, or the opening
/// words of their text, are in one group (transitively), so the random
/// split never puts one bot on both sides.
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
            mix(fnv1a(names[&r].as_bytes()))
        })
        .collect()
}

fn group_keys(comment: &Comment) -> Vec<String> {
    let mut keys = Vec::new();
    let author = normalize::fold_name(comment.author()).text;
    if !author.is_empty() {
        keys.push(format!("a:{author}"));
    }
    let text = normalize::fold(truncate(&comment.text, 2048));
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

/// One training example: sparse features, label, weight.
#[derive(Debug, Clone)]
struct Example {
    indices: Vec<u32>,
    values: Vec<f32>,
    positive: bool,
    weight: f64,
    /// The record it came from (augmented copies share it).
    record: usize,
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

/// The training examples of every record, with their disguised copies.
/// Built once; each training picks the examples of the records it may see.
fn build_examples(config: &Config, corpus: &Corpus) -> Vec<Example> {
    let records = &corpus.records;
    let hash_bits = config.features.hash_bits;
    // Page context as the browser would see it, page by page.
    let mut contexts = vec![PageContext::default(); records.len()];
    for page in corpus::pages(records) {
        let seen = Page::contexts(page.iter().map(|&i| &records[i].comment));
        for (&i, context) in page.iter().zip(seen) {
            contexts[i] = context;
        }
    }
    // Positives of one file weigh at most `positive_cap` rows in all.
    let mut positives_per_file: FxHashMap<&str, f64> = FxHashMap::default();
    for record in records.iter().filter(|r| r.label.is_positive()) {
        *positives_per_file.entry(record.file.as_str()).or_default() += 1.0;
    }
    let mut examples = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let positive = record.label.is_positive();
        let mut weight = corpus.weights[i];
        if positive {
            let n = positives_per_file[record.file.as_str()];
            weight *= (config.learning.positive_cap / n).min(1.0);
        }
        let (indices, values) = example(&record.comment, contexts[i], hash_bits);
        examples.push(Example {
            indices,
            values,
            positive,
            weight,
            record: i,
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
            let (indices, values) = example(&disguised, contexts[i], hash_bits);
            examples.push(Example {
                indices,
                values,
                positive,
                weight: weight * config.augment.weight,
                record: i,
            });
        }
    }
    examples
}

/// FTRL-Proximal logistic regression (McMahan et al., 2013), with each
/// weight regularised towards a prior instead of zero (w = prior + δ, the
/// penalties apply to δ) and held to its sign.
struct Ftrl<'c> {
    z: Vec<f64>,
    n: Vec<f64>,
    prior: Vec<f64>,
    named_l2: Vec<f64>,
    sign: Vec<Sign>,
    limits: Vec<[f64; 2]>,
    config: &'c LearningConfig,
}

impl<'c> Ftrl<'c> {
    fn new(dimension: usize, config: &'c Config) -> Self {
        // One extra coordinate, the last, is the bias.
        Ftrl {
            z: vec![0.0; dimension + 1],
            n: vec![0.0; dimension + 1],
            prior: config.prior_weights(),
            named_l2: config.named_l2(),
            sign: (0..signals::COUNT).map(signals::sign).collect(),
            limits: config.named_limits(),
            config: &config.learning,
        }
    }

    fn bias_index(&self) -> usize {
        self.z.len() - 1
    }

    fn is_hashed(&self, i: usize) -> bool {
        i >= signals::COUNT && i != self.bias_index()
    }

    fn weight(&self, i: usize) -> f64 {
        let w = self.prior.get(i).copied().unwrap_or(0.0) + self.delta(i);
        if self.is_hashed(i) {
            // Learned words only add suspicion: an ordinary copied text
            // cannot outweigh a lure name.
            return w.max(0.0);
        }
        let w = match self.limits.get(i) {
            Some(&[low, high]) => w.clamp(low, high),
            None => w,
        };
        match self.sign.get(i) {
            Some(Sign::Positive) => w.max(0.0),
            Some(Sign::Negative) => w.min(0.0),
            _ => w,
        }
    }

    fn delta(&self, i: usize) -> f64 {
        let c = self.config;
        let hashed = self.is_hashed(i);
        let l1 = if i == self.bias_index() {
            0.0
        } else if hashed {
            c.l1
        } else {
            c.l1_named
        };
        let z = self.z[i];
        if z.abs() <= l1 {
            return 0.0;
        }
        let l2 = if hashed {
            c.l2
        } else {
            self.named_l2.get(i).copied().unwrap_or(c.l2_named)
        };
        -(z - z.signum() * l1) / ((c.beta + self.n[i].sqrt()) / c.alpha + l2)
    }

    /// The named part of an example's log-odds (bias included).
    fn named_logit(&self, example: &Example) -> f64 {
        let mut sum = self.weight(self.bias_index());
        for (&i, &v) in example.indices.iter().zip(&example.values) {
            if (i as usize) < signals::COUNT {
                sum += self.weight(i as usize) * f64::from(v);
            }
        }
        sum
    }

    /// The hashed part, before the cap.
    fn hashed_sum(&self, example: &Example) -> f64 {
        let mut sum = 0.0;
        for (&i, &v) in example.indices.iter().zip(&example.values) {
            if (i as usize) >= signals::COUNT {
                sum += self.weight(i as usize) * f64::from(v);
            }
        }
        sum
    }

    fn step(&mut self, i: usize, gradient: f64) {
        let w = self.delta(i);
        let n = self.n[i];
        let sigma = ((n + gradient * gradient).sqrt() - n.sqrt()) / self.config.alpha;
        self.z[i] += gradient - sigma * w;
        self.n[i] += gradient * gradient;
    }

    /// Stage one: the named signals and the bias.
    fn update_named(&mut self, example: &Example) {
        let p = sigmoid(self.named_logit(example) as f32) as f64;
        let g = (p - f64::from(u8::from(example.positive))) * example.weight;
        for (&i, &v) in example.indices.iter().zip(&example.values) {
            if (i as usize) < signals::COUNT {
                self.step(i as usize, g * f64::from(v));
            }
        }
        let bias = self.bias_index();
        self.step(bias, g);
    }

    /// Stage two: the hashed words, on top of the fixed named part.
    fn update_hashed(&mut self, example: &Example, named: f64) {
        let hashed = self.hashed_sum(example);
        if hashed >= self.config.hashed_cap {
            return; // capped: more weight would change nothing
        }
        let p = sigmoid((named + hashed) as f32) as f64;
        let g = (p - f64::from(u8::from(example.positive))) * example.weight;
        for (&i, &v) in example.indices.iter().zip(&example.values) {
            if (i as usize) >= signals::COUNT {
                self.step(i as usize, g * f64::from(v));
            }
        }
    }

    /// Trains on the examples `members` (indices into `examples`).
    fn train(config: &'c Config, examples: &[Example], members: &[usize]) -> Ftrl<'c> {
        let dimension = signals::COUNT + (1usize << config.features.hash_bits);
        let mut ftrl = Ftrl::new(dimension, config);
        let mut order = members.to_vec();
        let shuffle = |order: &mut Vec<usize>, epoch: usize| {
            let mut rng = Rng::new(config.split.seed.wrapping_add(epoch as u64 * 7919));
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
        };
        for epoch in 0..config.learning.epochs {
            shuffle(&mut order, epoch);
            for &i in &order {
                ftrl.update_named(&examples[i]);
            }
        }
        let named: FxHashMap<usize, f64> = members
            .iter()
            .map(|&i| (i, ftrl.named_logit(&examples[i])))
            .collect();
        for epoch in 0..config.learning.hashed_epochs {
            shuffle(&mut order, 1000 + epoch);
            for &i in &order {
                ftrl.update_hashed(&examples[i], named[&i]);
            }
        }
        ftrl
    }

    fn into_model(self, config: &Config, thresholds: Thresholds) -> Model {
        let dimension = self.z.len() - 1;
        let weights: Vec<f32> = (0..dimension).map(|i| self.weight(i) as f32).collect();
        Model::from_weights(
            config.features.hash_bits,
            self.weight(dimension) as f32,
            &weights,
            config.learning.hashed_cap as f32,
            thresholds,
        )
    }
}

/// Recall and false-positive rate of one held-out group of real rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupFigures {
    /// The family or language held out (or `all`).
    pub group: String,
    /// Sex-spam rows in it.
    pub positives: u64,
    /// Other rows in it.
    pub negatives: u64,
    /// Its rates (in the JSON beside the fields above).
    #[serde(flatten)]
    pub rates: Rates,
}

/// Shares of rows flagged, at the balanced and the strict level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rates {
    /// Share of sex-spam flagged at the balanced level.
    pub recall: Option<f64>,
    /// Share of other rows flagged at the balanced level.
    pub fpr: Option<f64>,
    /// Share of sex-spam flagged at the strict level.
    pub recall_strict: Option<f64>,
    /// Share of other rows flagged at the strict level.
    pub fpr_strict: Option<f64>,
}

/// A held-out evaluation: the pooled figures and one row per group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldOut {
    /// Pooled over all groups (in the JSON beside `groups`).
    #[serde(flatten)]
    pub rates: Rates,
    /// One row per held-out group.
    pub groups: Vec<GroupFigures>,
}

/// What `schild train` measured, written to `model/figures.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// How and on what these were measured.
    pub about: String,
    /// The level the headline figures are at.
    pub sensitivity: &'static str,
    /// The calibrated thresholds (scores from 0 to 1).
    pub thresholds: BTreeMap<&'static str, f32>,
    /// Each corpus family scored by a model trained without it.
    pub leave_one_source_out: HeldOut,
    /// Each language scored by a model trained without any row of it.
    pub leave_one_language_out: HeldOut,
    /// A random split of groups (flatters: a source's style is on both
    /// sides), for comparison.
    pub random_split: GroupFigures,
}

const ABOUT: &str = "Written by `schild train` from model/train.toml. Real rows of ../shared/data/dev only: \
the project's synthetic rows (model/synthetic) are used for training and never counted here. \
leave_one_source_out: each family of corpus files is scored by a model trained without it; \
leave_one_language_out: each language is scored by a model trained without any row in that language \
(synthetic rows included); random_split: held-out groups of a random split of the same sources. \
recall = share of sex-spam flagged; fpr = share of everything else flagged (spam_other included; \
bare domains from blocklists are not comments and are left out). The thresholds are calibrated on \
the pooled leave-one-source-out scores.";

/// What training measured, for the report it prints.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Real rows and synthetic rows trained on.
    pub real_records: usize,
    /// See `real_records`.
    pub synthetic_records: usize,
    /// Examples trained on (with disguised copies).
    pub examples: usize,
    /// The calibrated thresholds.
    pub thresholds: Thresholds,
    /// Non-zero hashed weights in the model.
    pub nonzero_hashed: usize,
    /// Size of the model file in bytes.
    pub model_bytes: usize,
    /// The held-out rows the balanced level got wrong, most confident first:
    /// `(how held out, score, label, place, author, text)`.
    pub mistakes: Vec<Mistake>,
}

/// A held-out row the balanced level got wrong.
#[derive(Debug, Clone)]
pub struct Mistake {
    /// The group it was held out with (`source youtube2023`, `language nl`).
    pub held_out: String,
    /// Its out-of-source score.
    pub score: f32,
    /// Its label.
    pub label: Label,
    /// File and line.
    pub place: String,
    /// Author.
    pub author: String,
    /// Text.
    pub text: String,
}

/// One training of the many `train` runs: which records it may learn from
/// and which real records it scores.
struct Task {
    name: String,
    kind: TaskKind,
    learn: Vec<usize>,
    score: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskKind {
    Source,
    Language,
    RandomSplit,
    Final,
}

/// Trains the model from `config` (paths relative to `root`) and measures
/// its generalisation. Returns the model, the figures and the report.
pub fn train(config: &Config, root: &Path) -> Result<(Model, Figures, TrainReport), TrainError> {
    let corpus = load_corpus(config, root)?;
    let records = &corpus.records;
    let examples = build_examples(config, &corpus);
    let real: Vec<usize> = corpus.real().collect();
    let synthetic: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].synthetic)
        .collect();

    let mut tasks = Vec::new();
    let families: Vec<&String> = {
        let mut seen: Vec<&String> = Vec::new();
        for &i in &real {
            if !seen.contains(&&corpus.families[i]) {
                seen.push(&corpus.families[i]);
            }
        }
        seen
    };
    for family in families {
        tasks.push(Task {
            name: family.clone(),
            kind: TaskKind::Source,
            learn: (0..records.len())
                .filter(|&i| &corpus.families[i] != family)
                .collect(),
            score: real
                .iter()
                .copied()
                .filter(|&i| &corpus.families[i] == family)
                .collect(),
        });
    }
    for language in &config.generalisation.languages {
        let of_language = |i: usize| records[i].lang.as_deref() == Some(language.as_str());
        tasks.push(Task {
            name: language.clone(),
            kind: TaskKind::Language,
            learn: (0..records.len()).filter(|&i| !of_language(i)).collect(),
            score: real.iter().copied().filter(|&i| of_language(i)).collect(),
        });
    }
    let groups = groups(records);
    let (train_side, validation_side): (Vec<usize>, Vec<usize>) = real
        .iter()
        .copied()
        .partition(|&i| config.split_of(groups[i]) == Side::Train);
    tasks.push(Task {
        name: "random split".into(),
        kind: TaskKind::RandomSplit,
        learn: train_side.into_iter().chain(synthetic).collect(),
        score: validation_side,
    });
    tasks.push(Task {
        name: "final".into(),
        kind: TaskKind::Final,
        learn: (0..records.len()).collect(),
        score: Vec::new(),
    });

    // Each task's records → its examples (copies included).
    let mut examples_of: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for (e, example) in examples.iter().enumerate() {
        examples_of[example.record].push(e);
    }
    let placeholder = Thresholds {
        relaxed: 0.5,
        balanced: 0.5,
        strict: 0.5,
    };
    let results = run_parallel(&tasks, |task| {
        let members: Vec<usize> = task
            .learn
            .iter()
            .flat_map(|&i| examples_of[i].iter().copied())
            .collect();
        let model =
            Arc::new(Ftrl::train(config, &examples, &members).into_model(config, placeholder));
        let held: Vec<Record> = task.score.iter().map(|&i| records[i].clone()).collect();
        let scores = eval::scores(
            &held,
            &Classifier::with_model(model.clone(), Sensitivity::Balanced),
        );
        (model, scores)
    });

    // Calibrate on the pooled out-of-source scores of real comments and
    // names (bare domains from blocklists are not comments).
    let is_comment = |i: usize| records[i].kind != "domain";
    let mut out_of_source: Vec<(f32, Label)> = Vec::new();
    for (task, (_, scores)) in tasks.iter().zip(&results) {
        if task.kind == TaskKind::Source {
            for (&i, &score) in task.score.iter().zip(scores) {
                if is_comment(i) {
                    out_of_source.push((score, records[i].label));
                }
            }
        }
    }
    let thresholds = calibrate(&out_of_source, &config.calibration);

    let figures_of = |kind: TaskKind| -> Vec<GroupFigures> {
        tasks
            .iter()
            .zip(&results)
            .filter(|(task, _)| task.kind == kind)
            .map(|(task, (_, scores))| {
                let pairs: Vec<(f32, Label)> = task
                    .score
                    .iter()
                    .zip(scores)
                    .filter(|(i, _)| is_comment(**i))
                    .map(|(&i, &s)| (s, records[i].label))
                    .collect();
                group_figures(&task.name, &pairs, thresholds)
            })
            .filter(|g| g.positives + g.negatives > 0)
            .collect()
    };
    let held_out = |kind: TaskKind| -> HeldOut {
        let groups = figures_of(kind);
        let pooled: Vec<(f32, Label)> = tasks
            .iter()
            .zip(&results)
            .filter(|(task, _)| task.kind == kind)
            .flat_map(|(task, (_, scores))| {
                task.score
                    .iter()
                    .zip(scores)
                    .filter(|(i, _)| is_comment(**i))
                    .map(|(&i, &s)| (s, records[i].label))
            })
            .collect();
        HeldOut {
            rates: group_figures("all", &pooled, thresholds).rates,
            groups,
        }
    };
    let random_split = figures_of(TaskKind::RandomSplit)
        .pop()
        .unwrap_or_else(|| group_figures("random split", &[], thresholds));
    let figures = Figures {
        about: ABOUT.to_string(),
        sensitivity: Sensitivity::Balanced.name(),
        thresholds: Sensitivity::ALL
            .into_iter()
            .map(|level| (level.name(), threshold_of(thresholds, level)))
            .collect(),
        leave_one_source_out: held_out(TaskKind::Source),
        leave_one_language_out: held_out(TaskKind::Language),
        random_split,
    };

    let mut mistakes: Vec<Mistake> = Vec::new();
    for (task, (_, scores)) in tasks.iter().zip(&results) {
        let how = match task.kind {
            TaskKind::Source => "source",
            TaskKind::Language => "language",
            _ => continue,
        };
        for (&i, &score) in task.score.iter().zip(scores) {
            let record = &records[i];
            if is_comment(i) && (score >= thresholds.balanced) != record.label.is_positive() {
                mistakes.push(Mistake {
                    held_out: format!("{how} {}", task.name),
                    score,
                    label: record.label,
                    place: format!("{}:{}", record.file, record.line),
                    author: record.comment.author().to_string(),
                    text: record.comment.text.clone(),
                });
            }
        }
    }
    let confidence = |m: &Mistake| (m.score - thresholds.balanced).abs();
    mistakes.sort_by(|a, b| {
        confidence(b)
            .total_cmp(&confidence(a))
            .then_with(|| a.place.cmp(&b.place))
    });
    let final_model = results
        .into_iter()
        .zip(&tasks)
        .find(|(_, task)| task.kind == TaskKind::Final)
        .map(|((model, _), _)| model)
        .expect("the final task is always there");
    let mut model = Arc::unwrap_or_clone(final_model);
    model.set_thresholds(thresholds);
    let report = TrainReport {
        real_records: real.len(),
        synthetic_records: records.len() - real.len(),
        examples: examples.len(),
        thresholds,
        nonzero_hashed: model.nonzero_hashed(),
        model_bytes: model.to_bytes().len(),
        mistakes,
    };
    Ok((model, figures, report))
}

/// A model trained on the rows of `corpus` that `keep` accepts (thresholds
/// left at 0.5): for looking at what one held-out training learned.
pub fn fit(config: &Config, corpus: &Corpus, keep: impl Fn(usize) -> bool) -> Model {
    let examples = build_examples(config, corpus);
    let members: Vec<usize> = (0..examples.len())
        .filter(|&e| keep(examples[e].record))
        .collect();
    let half = Thresholds {
        relaxed: 0.5,
        balanced: 0.5,
        strict: 0.5,
    };
    Ftrl::train(config, &examples, &members).into_model(config, half)
}

/// Runs `work` on every task on all cores, results in task order (each
/// task is deterministic, so the results do not depend on the scheduling).
fn run_parallel<T: Sync, R: Send>(tasks: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(tasks.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        tasks.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(task) = tasks.get(i) else { break };
                    let result = work(task);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .expect("every task ran to completion")
        })
        .collect()
}

fn threshold_of(thresholds: Thresholds, level: Sensitivity) -> f32 {
    match level {
        Sensitivity::Relaxed => thresholds.relaxed,
        Sensitivity::Balanced => thresholds.balanced,
        Sensitivity::Strict => thresholds.strict,
    }
}

/// Recall and false-positive rate of scored rows at the balanced and strict
/// thresholds.
fn group_figures(name: &str, scored: &[(f32, Label)], thresholds: Thresholds) -> GroupFigures {
    let count = |threshold: f32| {
        let mut counts = eval::Counts::default();
        for &(score, label) in scored {
            counts.add(label, score >= threshold);
        }
        counts
    };
    let balanced = count(thresholds.balanced);
    let strict = count(thresholds.strict);
    GroupFigures {
        group: name.to_string(),
        positives: balanced.tp + balanced.fn_,
        negatives: balanced.fp + balanced.tn,
        rates: Rates {
            recall: balanced.recall(),
            fpr: balanced.fpr(),
            recall_strict: strict.recall(),
            fpr_strict: strict.fpr(),
        },
    }
}

/// The score thresholds at which the out-of-source false-positive rate on
/// negatives stays within each level's target.
fn calibrate(scored: &[(f32, Label)], config: &CalibrationConfig) -> Thresholds {
    let mut negatives: Vec<f32> = scored
        .iter()
        .filter(|(_, label)| !label.is_positive())
        .map(|&(score, _)| score)
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

impl Figures {
    /// The figures as tables for people.
    pub fn to_text(&self) -> String {
        let pct =
            |v: Option<f64>| v.map_or("     —".to_string(), |v| format!("{:6.2}", 100.0 * v));
        let row = |group: &str, positives: u64, negatives: u64, r: &Rates| {
            format!(
                "  {:<28} {:>6} {:>7}  {}  {}   {}  {}\n",
                group,
                positives,
                negatives,
                pct(r.recall),
                pct(r.fpr),
                pct(r.recall_strict),
                pct(r.fpr_strict)
            )
        };
        let group_row = |g: &GroupFigures| row(&g.group, g.positives, g.negatives, &g.rates);
        let header = format!(
            "  {:<28} {:>6} {:>7}  {:>6}  {:>6}   {:>6}  {:>6}\n",
            "held out", "bots", "others", "recall", "fp%", "recall", "fp%"
        );
        let mut out = String::new();
        out.push_str(&format!(
            "thresholds: relaxed {:.3}, balanced {:.3}, strict {:.3}\n",
            self.thresholds["relaxed"], self.thresholds["balanced"], self.thresholds["strict"]
        ));
        for (title, held) in [
            ("leave one source out", &self.leave_one_source_out),
            ("leave one language out", &self.leave_one_language_out),
        ] {
            out.push_str(&format!("\n{title} (balanced | strict):\n{header}"));
            for group in &held.groups {
                out.push_str(&group_row(group));
            }
            out.push_str(&row(
                "all",
                held.groups.iter().map(|g| g.positives).sum(),
                held.groups.iter().map(|g| g.negatives).sum(),
                &held.rates,
            ));
        }
        out.push_str(&format!(
            "\nrandom split, for comparison (it flatters):\n{header}{}",
            group_row(&self.random_split)
        ));
        out
    }

    /// The figures as the JSON `model/figures.json` holds.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
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
            synthetic: false,
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
        let mut scored: Vec<(f32, Label)> = (0..1000)
            .map(|i| (sigmoid(-8.0 + i as f32 * 0.008), Label::Ham))
            .collect();
        scored.extend((0..50).map(|_| (sigmoid(5.0), Label::SexSpam)));
        let config = CalibrationConfig {
            relaxed_fpr: 0.001,
            balanced_fpr: 0.01,
            strict_fpr: 0.1,
        };
        let t = calibrate(&scored, &config);
        let fpr = |threshold: f32| {
            scored
                .iter()
                .filter(|(s, label)| !label.is_positive() && *s >= threshold)
                .count()
        };
        assert!(
            fpr(t.relaxed) <= 1 && fpr(t.balanced) <= 10 && fpr(t.strict) <= 100,
            "{t:?}"
        );
        assert!(t.strict <= t.balanced && t.balanced <= t.relaxed);
    }

    #[test]
    fn parallel_work_keeps_the_order() {
        let tasks: Vec<u64> = (0..37).collect();
        assert_eq!(
            run_parallel(&tasks, |&t| t * t),
            tasks.iter().map(|t| t * t).collect::<Vec<_>>()
        );
    }
}
