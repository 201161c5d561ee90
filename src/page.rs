//! A page of comments: the unit the extension classifies, in batches as the
//! page renders them.

use crate::classifier::Classifier;
use crate::comment::Comment;
use crate::verdict::{Sensitivity, Verdict};

/// The comments of one page, classified batch by batch as they appear.
///
/// Keeps what later signals need to know about earlier comments on the same
/// page; start a new `Page` (or call [`Page::reset`]) when the user navigates.
#[derive(Debug, Clone, Default)]
pub struct Page {
    classifier: Classifier,
}

impl Page {
    /// An empty page classified at the given sensitivity.
    pub fn new(sensitivity: Sensitivity) -> Self {
        Page {
            classifier: Classifier::new(sensitivity),
        }
    }

    /// Classifies a batch of comments that appeared on this page, one verdict
    /// per comment, in order.
    pub fn classify_batch(&mut self, comments: &[Comment]) -> Vec<Verdict> {
        comments
            .iter()
            .map(|comment| self.classifier.classify(comment))
            .collect()
    }

    /// Forgets the comments seen so far (the user went to another page).
    pub fn reset(&mut self) {
        *self = Page::new(self.classifier.sensitivity());
    }
}
