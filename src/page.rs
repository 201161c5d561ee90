//! A page of comments: the unit the extension classifies, in batches as the
//! page renders them, and the unit `schild eval` classifies (one thread).
//!
//! The page is what lets Schild see a copied comment: bots repost real
//! viewers' comments word for word (sometimes with symbols appended) under a
//! lure name. Copying alone is never evidence, because the original author
//! wrote the same words; it only adds weight to a name that is suspicious
//! itself (see `signals::Signal::CopiedSuspiciousName`).

use rustc_hash::FxHashMap;

use crate::classifier::Classifier;
use crate::comment::{Comment, MAX_TEXT_BYTES, truncate};
use crate::features::PageContext;
use crate::hash::fnv1a;
use crate::normalize;
use crate::verdict::{Sensitivity, Verdict};

/// Texts shorter than this (in folded bytes) are too common to count as
/// copies ("nice video").
const MIN_COPIED_LENGTH: usize = 20;
/// How many texts a page remembers; a page with more comments forgets the
/// oldest half, so memory stays bounded on endless pages.
const MAX_REMEMBERED: usize = 20_000;

/// The comments of one page, classified batch by batch as they appear. The
/// only maker of page context: the extension, `schild classify`, evaluation
/// and training all classify through it.
///
/// Start a new `Page` (or call [`Page::reset`]) when the user navigates.
#[derive(Debug, Clone)]
pub struct Page {
    classifier: Classifier,
    copies: CopyDetector,
}

/// Remembers who posted which text on a page, to spot copies.
#[derive(Debug, Clone, Default)]
pub struct CopyDetector {
    /// Folded text → the author who posted it first.
    first_author: FxHashMap<u64, u64>,
}

impl CopyDetector {
    /// Records a comment and tells whether another author posted its text
    /// before on this page.
    pub fn observe(&mut self, comment: &Comment) -> PageContext {
        let folded = normalize::fold(truncate(&comment.text, MAX_TEXT_BYTES));
        self.observe_folded(&folded.text, comment.author())
    }

    /// [`CopyDetector::observe`] for a text already folded (as
    /// [`crate::features::Prepared`] holds it), so nothing is folded twice.
    pub fn observe_folded(&mut self, folded_text: &str, author: &str) -> PageContext {
        if folded_text.len() < MIN_COPIED_LENGTH {
            return PageContext::default();
        }
        let author = fnv1a(normalize::name_source(author).as_bytes());
        let text = fnv1a(folded_text.as_bytes());
        if self.first_author.len() >= MAX_REMEMBERED {
            let keep: Vec<(u64, u64)> =
                self.first_author.drain().take(MAX_REMEMBERED / 2).collect();
            self.first_author.extend(keep);
        }
        let first = *self.first_author.entry(text).or_insert(author);
        PageContext {
            copied: first != author,
        }
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        self.first_author.clear();
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::new(Sensitivity::default())
    }
}

impl Page {
    /// An empty page classified at the given sensitivity.
    pub fn new(sensitivity: Sensitivity) -> Self {
        Page::with_classifier(Classifier::new(sensitivity))
    }

    /// An empty page classified by the given classifier.
    pub fn with_classifier(classifier: Classifier) -> Self {
        Page {
            classifier,
            copies: CopyDetector::default(),
        }
    }

    /// Classifies a batch of comments that appeared on this page, one verdict
    /// per comment, in order.
    pub fn classify_batch(&mut self, comments: &[Comment]) -> Vec<Verdict> {
        comments
            .iter()
            .map(|comment| self.classify(comment))
            .collect()
    }

    /// Classifies one comment that appeared on this page (the copy detector
    /// reads the text the classification folds anyway).
    pub fn classify(&mut self, comment: &Comment) -> Verdict {
        let copies = &mut self.copies;
        self.classifier.classify_with(comment, |prepared| {
            copies.observe_folded(&prepared.text.text, comment.author())
        })
    }

    /// Only the score of one comment that appeared on this page.
    pub fn score(&mut self, comment: &Comment) -> f32 {
        let copies = &mut self.copies;
        self.classifier.score_with(comment, |prepared| {
            copies.observe_folded(&prepared.text.text, comment.author())
        })
    }

    /// The context each of a page's comments had when it appeared, in
    /// order: what training needs to see the page as a classification does.
    pub fn contexts<'c>(comments: impl IntoIterator<Item = &'c Comment>) -> Vec<PageContext> {
        let mut copies = CopyDetector::default();
        comments
            .into_iter()
            .map(|comment| copies.observe(comment))
            .collect()
    }

    /// The classifier in use.
    pub fn classifier(&self) -> &Classifier {
        &self.classifier
    }

    /// Forgets the comments seen so far (the user went to another page).
    pub fn reset(&mut self) {
        self.copies.reset();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_posted_again_by_another_author_is_a_copy() {
        let mut page = CopyDetector::default();
        let text = "This song takes me back to summer 2019, love it";
        assert!(!page.observe(&Comment::new(text, "@maria")).copied);
        assert!(
            !page.observe(&Comment::new(text, "@maria")).copied,
            "the same author again"
        );
        assert!(
            page.observe(&Comment::new(format!("{text} 🍓✨!!"), "Hot Girl"))
                .copied
        );
        assert!(!page.observe(&Comment::new("nice video", "@a")).copied);
        assert!(
            !page.observe(&Comment::new("nice video", "@b")).copied,
            "too short to count"
        );
        page.reset();
        assert!(!page.observe(&Comment::new(text, "Hot Girl")).copied);
    }
}
