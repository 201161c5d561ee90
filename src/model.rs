//! The learned model: a logistic regression over [`crate::features`], its
//! calibrated thresholds, and the compact file format it is stored in.
//!
//! The committed model (`model/schild.model`) is what `schild train`
//! produces from `model/train.toml`; it is embedded in the library (and so in
//! the wasm). Hashed weights are quantised to one byte each and stored
//! sparsely: most buckets are zero.

use std::sync::{Arc, OnceLock};

use crate::classifier::sigmoid;
use crate::features::{self, PageContext, Prepared};
use crate::hash::{checksum, fnv1a_from};
use crate::signals;
use crate::verdict::Sensitivity;

/// The model file built into the classifier.
const EMBEDDED: &[u8] = include_bytes!("../model/schild.model");

const MAGIC: &[u8; 8] = b"SCHILDM\0";
const VERSION: u16 = 2;

/// Weights and thresholds of a trained classifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    hash_bits: u32,
    bias: f32,
    named: Vec<f32>,
    hashed: Vec<i8>,
    hashed_scale: f32,
    /// The most the hashed (learned-word) features may add to the log-odds:
    /// they refine what the named signals say, and alone they cannot flag a
    /// comment, nor make ordinary text in a language rare in training look
    /// suspicious.
    hashed_cap: f32,
    thresholds: Thresholds,
}

/// The score from which each sensitivity flags a comment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// For [`Sensitivity::Relaxed`].
    pub relaxed: f32,
    /// For [`Sensitivity::Balanced`].
    pub balanced: f32,
    /// For [`Sensitivity::Strict`].
    pub strict: f32,
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The file does not start with the model magic number.
    NotAModel,
    /// The file was written by another version of the format.
    Version(u16),
    /// The model was trained for a different set of named features.
    FeatureMismatch,
    /// The file ends early or its checksum is wrong.
    Corrupt(&'static str),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAModel => f.write_str("not a Schild model file"),
            ModelError::Version(v) => write!(f, "model format version {v}, expected {VERSION}"),
            ModelError::FeatureMismatch => {
                f.write_str("model was trained for another feature set: run `schild train`")
            }
            ModelError::Corrupt(what) => write!(f, "model file is corrupt ({what})"),
        }
    }
}

impl std::error::Error for ModelError {}

impl Model {
    /// The model built into this library.
    ///
    /// # Panics
    /// If the embedded model does not match the code, which a unit test
    /// rules out for every build.
    pub fn embedded() -> Arc<Model> {
        static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
        MODEL
            .get_or_init(|| match Model::from_bytes(EMBEDDED) {
                Ok(model) => Arc::new(model),
                Err(error) => panic!("the embedded model cannot be used: {error}"),
            })
            .clone()
    }

    /// A model from trained weights: `weights[..signals::COUNT]` are the
    /// named features', the rest the `2^hash_bits` hashed buckets'.
    pub fn from_weights(
        hash_bits: u32,
        bias: f32,
        weights: &[f32],
        hashed_cap: f32,
        thresholds: Thresholds,
    ) -> Model {
        assert_eq!(
            weights.len(),
            signals::COUNT + (1 << hash_bits),
            "weights do not match hash_bits"
        );
        let (named_weights, hashed) = weights.split_at(signals::COUNT);
        let largest = hashed.iter().fold(0f32, |m, w| m.max(w.abs()));
        let hashed_scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        Model {
            hash_bits,
            bias,
            named: named_weights.to_vec(),
            hashed: hashed
                .iter()
                .map(|w| (w / hashed_scale).round() as i8)
                .collect(),
            hashed_scale,
            hashed_cap,
            thresholds,
        }
    }

    /// The number of hash bits (the hashed part has `2^bits` buckets).
    pub fn hash_bits(&self) -> u32 {
        self.hash_bits
    }

    /// The thresholds of the three sensitivities.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Replaces the thresholds (after calibration).
    pub fn set_thresholds(&mut self, thresholds: Thresholds) {
        self.thresholds = thresholds;
    }

    /// The score from which `sensitivity` flags a comment.
    pub fn threshold(&self, sensitivity: Sensitivity) -> f32 {
        match sensitivity {
            Sensitivity::Relaxed => self.thresholds.relaxed,
            Sensitivity::Balanced => self.thresholds.balanced,
            Sensitivity::Strict => self.thresholds.strict,
        }
    }

    /// The weight of feature `index` (named or hashed).
    pub fn weight(&self, index: u32) -> f32 {
        let index = index as usize;
        if index < signals::COUNT {
            self.named[index]
        } else {
            f32::from(self.hashed[index - signals::COUNT]) * self.hashed_scale
        }
    }

    /// The most the hashed features may add to the log-odds.
    pub fn hashed_cap(&self) -> f32 {
        self.hashed_cap
    }

    /// The model's log-odds that a prepared comment is sex-spam.
    pub fn logit(&self, prepared: &Prepared, context: PageContext) -> f32 {
        // The two sums apart, each in the order of its features: the named
        // features go through calls the hashed ones need not wait for, so
        // their sum stays in a register.
        let mut named = self.bias;
        features::extract_named(prepared, context, &mut |index, value, _| {
            named += self.named[index as usize] * value;
        });
        let mut hashed = 0.0f32;
        features::extract_hashed(prepared, self.hash_bits, &mut |index, value, _| {
            hashed += self.weight(index) * value;
        });
        named + hashed.min(self.hashed_cap)
    }

    /// The model's probability that a prepared comment is sex-spam.
    pub fn score(&self, prepared: &Prepared, context: PageContext) -> f32 {
        sigmoid(self.logit(prepared, context))
    }

    /// The weights of the named features, by index.
    pub fn named_weights(&self) -> &[f32] {
        &self.named
    }

    /// The bias (log-odds with no features).
    pub fn bias(&self) -> f32 {
        self.bias
    }

    /// How many hashed weights are not zero.
    pub fn nonzero_hashed(&self) -> usize {
        self.hashed.iter().filter(|&&w| w != 0).count()
    }

    /// Serialises the model (the format [`Model::from_bytes`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + 4 * self.named.len() + self.nonzero_hashed() * 3);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(self.hash_bits as u8);
        out.extend_from_slice(&feature_fingerprint().to_le_bytes());
        for value in [
            self.bias,
            self.hashed_scale,
            self.hashed_cap,
            self.thresholds.relaxed,
            self.thresholds.balanced,
            self.thresholds.strict,
        ] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.extend_from_slice(&(self.named.len() as u16).to_le_bytes());
        for w in &self.named {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&(self.nonzero_hashed() as u32).to_le_bytes());
        let mut previous = 0usize;
        for (index, &w) in self.hashed.iter().enumerate().filter(|(_, w)| **w != 0) {
            write_varint(&mut out, (index - previous) as u32);
            out.push(w as u8);
            previous = index;
        }
        let checksum = checksum(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        out
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::NotAModel);
        }
        let (body, trailer) = bytes.split_at(bytes.len().saturating_sub(4));
        if trailer.len() != 4 || checksum(body).to_le_bytes() != trailer {
            return Err(ModelError::Corrupt("checksum"));
        }
        let mut reader = Reader {
            bytes: body,
            at: MAGIC.len(),
        };
        let version = u16::from_le_bytes(reader.array()?);
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let hash_bits = u32::from(reader.array::<1>()?[0]);
        if !(8..=24).contains(&hash_bits) {
            return Err(ModelError::Corrupt("hash bits"));
        }
        if u64::from_le_bytes(reader.array()?) != feature_fingerprint() {
            return Err(ModelError::FeatureMismatch);
        }
        let [bias, hashed_scale, hashed_cap, relaxed, balanced, strict] =
            [(); 6].map(|_| reader.array().map(f32::from_le_bytes));
        let named_count = usize::from(u16::from_le_bytes(reader.array()?));
        if named_count != signals::COUNT {
            return Err(ModelError::FeatureMismatch);
        }
        let named = (0..named_count)
            .map(|_| reader.array().map(f32::from_le_bytes))
            .collect::<Result<Vec<f32>, _>>()?;
        let nonzero = u32::from_le_bytes(reader.array()?) as usize;
        let mut hashed = vec![0i8; 1 << hash_bits];
        let mut index = 0usize;
        for _ in 0..nonzero {
            index += reader.varint()? as usize;
            let weight = reader.array::<1>()?[0] as i8;
            *hashed
                .get_mut(index)
                .ok_or(ModelError::Corrupt("hashed index"))? = weight;
        }
        Ok(Model {
            hash_bits,
            bias: bias?,
            named,
            hashed,
            hashed_scale: hashed_scale?,
            hashed_cap: hashed_cap?,
            thresholds: Thresholds {
                relaxed: relaxed?,
                balanced: balanced?,
                strict: strict?,
            },
        })
    }
}

/// A fingerprint of the named features' names, the hash function and the
/// lexicon's phrases, so a model and the code and knowledge it was trained
/// with always agree (a changed lexicon needs `schild train`).
fn feature_fingerprint() -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |bytes: &[u8]| {
        h = fnv1a_from(h, bytes);
        h = fnv1a_from(h, b"\0");
    };
    for index in 0..signals::COUNT {
        eat(signals::feature_name(index).as_bytes());
    }
    eat(&features::hash_probe().to_le_bytes());
    eat(&crate::lexicon::fingerprint().to_le_bytes());
    h
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7F) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let slice = self
            .bytes
            .get(self.at..self.at + N)
            .ok_or(ModelError::Corrupt("truncated"))?;
        self.at += N;
        let mut out = [0u8; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let [byte] = self.array::<1>()?;
            value |= u32::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ModelError::Corrupt("varint"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_model() -> Model {
        let mut weights = vec![0.0f32; signals::COUNT + (1 << 10)];
        weights[3] = 1.5;
        weights[signals::COUNT + 7] = -0.25;
        weights[signals::COUNT + 1000] = 2.0;
        let thresholds = Thresholds {
            relaxed: 0.9,
            balanced: 0.6,
            strict: 0.3,
        };
        Model::from_weights(10, -3.0, &weights, 4.0, thresholds)
    }

    #[test]
    fn a_model_survives_a_round_trip() {
        let model = small_model();
        let bytes = model.to_bytes();
        assert_eq!(Model::from_bytes(&bytes), Ok(model.clone()));
        assert_eq!(model.weight(3), 1.5);
        assert!((model.weight(signals::COUNT as u32 + 1000) - 2.0).abs() < 0.02);
        assert_eq!(model.nonzero_hashed(), 2);
    }

    #[test]
    fn damaged_files_are_refused() {
        let bytes = small_model().to_bytes();
        assert_eq!(Model::from_bytes(b"hello"), Err(ModelError::NotAModel));
        let mut flipped = bytes.clone();
        flipped[30] ^= 1;
        assert_eq!(
            Model::from_bytes(&flipped),
            Err(ModelError::Corrupt("checksum"))
        );
        assert_eq!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(ModelError::Corrupt("checksum"))
        );
    }

    #[test]
    fn the_embedded_model_loads_and_orders_its_thresholds() {
        let model = Model::embedded();
        let t = model.thresholds();
        assert!(t.strict <= t.balanced && t.balanced <= t.relaxed, "{t:?}");
    }
}
