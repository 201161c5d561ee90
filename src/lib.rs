//! Schild's classifier: finds sex-spam bot comments so a browser extension can
//! blur them, and says why.
//!
//! The core is plain Rust and knows nothing of browsers:
//!
//! ```text
//! Comment ─▶ normalize ─▶ lexicon ─▶ features ─▶ model ─▶ Verdict { score, sexspam, reasons }
//!            undo          concepts    signals +   logistic      reasons from the
//!            disguises     per         hashed      regression    strongest evidence
//!                          language                              (explain)
//! ```
//!
//! - [`comment`]: what a page tells us about one comment.
//! - [`normalize`]: undoes look-alike letters, diacritics, leetspeak, masks,
//!   spacing and invisible characters, and records that it did.
//! - [`lexicon`]: phrases mapped to concepts (explicit, pointer to the
//!   profile, invitation…), one data file per language in `model/lexicon/`.
//! - [`links`], [`emoji`]: what links and emoji reveal.
//! - [`signals`]: the one table of named signals (name, reason, sign, index).
//! - [`features`]: the numbers the model weighs (the signals, and learned
//!   hashed words that refine them).
//! - [`model`]: the trained weights and calibrated thresholds (embedded).
//! - [`Classifier`]: where a comment is scored; `explain` says why.
//! - [`Page`]: the comments of one page, classified in batches, with the
//!   page context that exposes copied comments.
//! - [`verdict`]: the answer and its readable reasons.
//! - [`transforms`]: the disguises bots use, as functions (for tests and
//!   training).
//!
//! With the `tools` feature (the default): [`corpus`] reads labelled JSON
//! Lines, [`eval`] measures, [`train`] trains the model. The browser
//! binding lives in `wasm.rs` and is only compiled for wasm32.
//!
//! ```
//! use schild::{Comment, Classifier};
//!
//! let verdict = Classifier::default().classify(&Comment::new("Great video!", "🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW !"));
//! assert!(verdict.sexspam);
//! assert!(verdict.reasons.iter().any(|r| r.revealed.as_deref() == Some("my hot video")));
//! ```

pub mod baseline;
mod classifier;
pub mod comment;
pub mod emoji;
mod explain;
pub mod features;
pub mod hash;
pub mod lexicon;
pub mod links;
pub mod model;
pub mod normalize;
mod page;
pub mod signals;
#[cfg(feature = "tools")]
pub mod transforms;
pub mod verdict;

#[cfg(feature = "tools")]
pub mod corpus;
#[cfg(feature = "tools")]
pub mod eval;
#[cfg(feature = "tools")]
pub mod train;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use classifier::{Classifier, sigmoid};
pub use comment::Comment;
pub use model::Model;
pub use page::{CopyDetector, Page};
pub use verdict::{Field, Reason, ReasonCode, Sensitivity, Verdict};
