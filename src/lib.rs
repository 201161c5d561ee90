//! Schild's classifier: finds sex-spam bot comments so a browser extension can
//! blur them.
//!
//! The core is plain Rust and knows nothing of browsers:
//!
//! ```text
//! Comment ──normalize──▶ folded name/text ──lexicon──▶ evidence ──▶ Verdict { score, sexspam, reasons }
//! ```
//!
//! - [`comment`]: what a page tells us about one comment.
//! - [`normalize`]: undoes look-alike letters, diacritics and leetspeak.
//! - [`links`]: unwraps redirect links, finds their domains.
//! - [`lexicon`]: the phrases, domain words and emoji that count as evidence.
//! - [`Classifier`]: where a comment is scored.
//! - [`Page`]: the comments of one page, classified in batches.
//! - [`verdict`]: the answer and its readable reasons.
//!
//! The browser binding lives in `wasm.rs` and is only compiled for wasm32.
//!
//! ```
//! use schild::{Comment, Classifier};
//!
//! let verdict = Classifier::default().classify(&Comment::new("Great video!", "🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW !"));
//! assert!(verdict.sexspam);
//! assert_eq!(verdict.reasons[0].evidence, "my hot video");
//! ```

mod classifier;
pub mod comment;
pub mod lexicon;
pub mod links;
pub mod normalize;
mod page;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use classifier::Classifier;
pub use comment::Comment;
pub use page::Page;
pub use verdict::{Field, Reason, ReasonCode, Sensitivity, Verdict};
