//! Where a comment is scored: normalise → features → model → verdict with
//! reasons (the reasons are made in [`crate::explain`]).
//!
//! Page context (a copied comment) is made only by [`crate::Page`]; a
//! comment classified here on its own has none.

use std::sync::Arc;

use crate::comment::{Comment, MAX_NAME_BYTES, truncate};
use crate::explain;
use crate::features::{PageContext, Part, Prepared, Workspace};
use crate::lexicon::{Concept, Hit};
use crate::model::Model;
use crate::verdict::{Reason, ReasonCode, Sensitivity, Verdict};

/// Scores comments with a model at a sensitivity. Cheap to clone; holds no
/// per-page state (see [`crate::Page`] for that).
#[derive(Debug, Clone)]
pub struct Classifier {
    model: Arc<Model>,
    sensitivity: Sensitivity,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new(Sensitivity::default())
    }
}

impl Classifier {
    /// The built-in model at the given sensitivity.
    pub fn new(sensitivity: Sensitivity) -> Self {
        Classifier::with_model(Model::embedded(), sensitivity)
    }

    /// Another model (a freshly trained one, in training and evaluation).
    pub fn with_model(model: Arc<Model>, sensitivity: Sensitivity) -> Self {
        Classifier { model, sensitivity }
    }

    /// The sensitivity this classifier flags at.
    pub fn sensitivity(&self) -> Sensitivity {
        self.sensitivity
    }

    /// The model it uses.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Scores one comment on its own, without page context.
    pub fn classify(&self, comment: &Comment) -> Verdict {
        self.classify_with(comment, |_| PageContext::default())
    }

    /// Only the score of one comment on its own (the fast path).
    pub fn score(&self, comment: &Comment) -> f32 {
        self.score_with(comment, |_| PageContext::default())
    }

    /// Scores one comment, asking `context` what its page says about it
    /// once the comment is folded ([`crate::Page`] records it there).
    pub(crate) fn classify_with(
        &self,
        comment: &Comment,
        context: impl FnOnce(&Prepared) -> PageContext,
    ) -> Verdict {
        let (forwards, backwards) = read_both_ways(comment, context, |prepared, context| {
            self.verdict(prepared, context)
        });
        let Some(read_backwards) = backwards else {
            return forwards;
        };
        if read_backwards.score <= forwards.score {
            return forwards;
        }
        // Quote the page as it is; say what the words read backwards. The
        // strongest reason says so whichever signal weighed most, so a
        // backwards comment is always explained as written backwards.
        let any_backwards = read_backwards
            .reasons
            .iter()
            .any(|r| matches!(r.code, ReasonCode::BotWords | ReasonCode::BackwardsText));
        let reasons = read_backwards
            .reasons
            .into_iter()
            .enumerate()
            .map(|(i, reason)| {
                let code = match reason.code {
                    ReasonCode::BotWords => ReasonCode::BackwardsText,
                    _ if i == 0 && !any_backwards => ReasonCode::BackwardsText,
                    code => code,
                };
                let written: String = reason.evidence.chars().rev().collect();
                let read = reason.revealed.unwrap_or(reason.evidence);
                Reason::new(code, reason.field, written, Some(read))
            })
            .collect();
        Verdict {
            reasons,
            ..read_backwards
        }
    }

    /// Only the score, with page context as in [`Classifier::classify_with`].
    pub(crate) fn score_with(
        &self,
        comment: &Comment,
        context: impl FnOnce(&Prepared) -> PageContext,
    ) -> f32 {
        let (forwards, backwards) = read_both_ways(comment, context, |prepared, context| {
            self.model.score(prepared, context)
        });
        backwards.map_or(forwards, |backwards| forwards.max(backwards))
    }

    /// The verdict on one reading of a comment.
    fn verdict(&self, prepared: &Prepared, context: PageContext) -> Verdict {
        let score = self.model.score(prepared, context);
        let sexspam = score >= self.model.threshold(self.sensitivity);
        // Explaining costs a second pass: only for flagged comments.
        let reasons = if sexspam {
            explain::reasons(&self.model, prepared, context)
        } else {
            Vec::new()
        };
        Verdict {
            score,
            sexspam,
            reasons,
        }
    }
}

thread_local! {
    /// The buffers of the last comment prepared on this thread.
    static WORKSPACE: std::cell::RefCell<Option<Workspace>> = const { std::cell::RefCell::new(None) };
}

/// The comment with its name or text reversed, when that part reads as a
/// lure only backwards ("ERAD UOY FI EM PAT"): the classifier then reads it
/// both ways and keeps the more suspicious reading.
fn backwards_reading(prepared: &Prepared) -> Option<Comment> {
    let reads_backwards = |hits: &[Hit]| {
        let strong = |h: &&Hit| {
            h.concept.is_lure() && !matches!(h.concept, Concept::Invitation | Concept::Availability)
        };
        hits.iter().filter(strong).any(|h| h.reversed)
            && !hits.iter().filter(strong).any(|h| !h.reversed)
    };
    let flip = |s: &str| -> String { s.chars().rev().collect() };
    let name = reads_backwards(&prepared.name_hits);
    // Only the part of the text that was read forwards is read backwards:
    // reversing all of a long text would read its end instead, and cost
    // time in proportion to its length.
    let read_text = prepared.original(Part::Text);
    // A link written backwards ("//:sptth") gives a text away too.
    let text = reads_backwards(&prepared.text_hits)
        || (read_text.contains(':') && read_text.contains("//:sptth"));
    if !name && !text {
        return None;
    }
    let comment = prepared.comment;
    Some(Comment {
        text: if text {
            flip(read_text)
        } else {
            read_text.to_string()
        },
        author: comment.author.as_deref().map(|author| {
            let read = truncate(author, MAX_NAME_BYTES);
            if name { flip(read) } else { read.to_string() }
        }),
        links: comment.links[..comment.links.len().min(crate::links::MAX_LINKS)].to_vec(),
        trusted: comment.trusted,
    })
}

/// Prepares `comment` in this thread's reused buffers and runs `f` on it.
/// `judge` of a comment as written and, where it reads as a lure only
/// backwards ([`backwards_reading`]), of it reversed, with the page context
/// `context` gives once the comment is folded.
fn read_both_ways<T>(
    comment: &Comment,
    context: impl FnOnce(&Prepared) -> PageContext,
    judge: impl Fn(&Prepared, PageContext) -> T,
) -> (T, Option<T>) {
    let mut page_context = PageContext::default();
    let (forwards, reversed) = with_prepared(comment, |prepared| {
        page_context = context(prepared);
        (judge(prepared, page_context), backwards_reading(prepared))
    });
    // The reversed comment reads forwards, so this does not recurse.
    let backwards = reversed.map(|reversed| with_prepared(&reversed, |p| judge(p, page_context)));
    (forwards, backwards)
}

fn with_prepared<T>(comment: &Comment, f: impl FnOnce(&Prepared) -> T) -> T {
    let workspace = WORKSPACE
        .with(|w| w.borrow_mut().take())
        .unwrap_or_default();
    let prepared = Prepared::new_in(comment, workspace);
    let result = f(&prepared);
    let workspace = prepared.into_workspace();
    WORKSPACE.with(|w| *w.borrow_mut() = Some(workspace));
    result
}

/// The logistic function.
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}
