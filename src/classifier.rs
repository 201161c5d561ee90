//! Where a comment is scored: normalise → find evidence → combine → verdict.

use crate::comment::Comment;
use crate::lexicon::{ADULT_DOMAIN_WORDS, ADULT_EMOJI, LURE_PHRASES};
use crate::links;
use crate::normalize::fold;
use crate::verdict::{Field, Reason, ReasonCode, Sensitivity, Verdict};

/// Scores comments. Cheap to create; holds no per-page state (see
/// [`crate::Page`] for that).
#[derive(Debug, Clone, Default)]
pub struct Classifier {
    sensitivity: Sensitivity,
}

/// One piece of evidence and how much it weighs.
struct Evidence {
    reason: Reason,
    weight: f32,
}

impl Classifier {
    /// A classifier that flags comments at the given sensitivity.
    pub fn new(sensitivity: Sensitivity) -> Self {
        Classifier { sensitivity }
    }

    /// The sensitivity this classifier flags at.
    pub fn sensitivity(&self) -> Sensitivity {
        self.sensitivity
    }

    /// Scores one comment on its own.
    pub fn classify(&self, comment: &Comment) -> Verdict {
        let mut evidence = Vec::new();
        find_phrases(&fold(comment.author()), Field::Name, &mut evidence);
        find_phrases(&fold(&comment.text), Field::Text, &mut evidence);
        find_emoji(comment.author(), Field::Name, &mut evidence);
        find_emoji(&comment.text, Field::Text, &mut evidence);
        for link in &comment.links {
            find_adult_domain(link, &mut evidence);
        }
        self.verdict(evidence)
    }

    /// Combines evidence by noisy-OR: each piece independently makes the
    /// comment sex-spam with its weight's probability.
    fn verdict(&self, mut evidence: Vec<Evidence>) -> Verdict {
        let score = 1.0 - evidence.iter().map(|e| 1.0 - e.weight).product::<f32>();
        evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let mut reasons: Vec<Reason> = Vec::with_capacity(evidence.len());
        for Evidence { reason, .. } in evidence {
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        Verdict {
            score,
            sexspam: score >= self.sensitivity.threshold(),
            reasons,
        }
    }
}

fn find_phrases(folded: &str, field: Field, out: &mut Vec<Evidence>) {
    if folded.is_empty() {
        return;
    }
    // Pad with spaces so every phrase matches whole words only.
    let padded = format!(" {folded} ");
    for phrase in LURE_PHRASES {
        if padded.contains(&format!(" {} ", phrase.folded)) {
            out.push(Evidence {
                reason: Reason::new(ReasonCode::LurePhrase, field, phrase.folded),
                weight: phrase.weight,
            });
        }
    }
}

fn find_emoji(raw: &str, field: Field, out: &mut Vec<Evidence>) {
    for &(emoji, weight) in ADULT_EMOJI {
        if raw.contains(emoji) {
            out.push(Evidence {
                reason: Reason::new(ReasonCode::AdultEmoji, field, emoji.to_string()),
                weight,
            });
        }
    }
}

fn find_adult_domain(link: &str, out: &mut Vec<Evidence>) {
    let host = links::host(&links::unwrap_redirect(link));
    if ADULT_DOMAIN_WORDS.iter().any(|word| host.contains(word)) {
        out.push(Evidence {
            reason: Reason::new(ReasonCode::AdultLink, Field::Link, host),
            weight: 0.7,
        });
    }
}
