//! What the classifier says about a comment, and why.

use serde::{Deserialize, Serialize};

/// The classifier's answer for one comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// How sure the classifier is that this is sex-spam, from 0 to 1.
    pub score: f32,
    /// Whether the score reaches the threshold of the chosen [`Sensitivity`].
    pub sexspam: bool,
    /// Why, in the order of how much each reason contributed. Empty when
    /// nothing suspicious was found.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// The verdict for a comment in which nothing suspicious was found.
    pub fn clean() -> Self {
        Verdict {
            score: 0.0,
            sexspam: false,
            reasons: Vec::new(),
        }
    }
}

/// One readable reason behind a verdict.
///
/// `code` is stable and is what user interfaces translate; `message` is the
/// English sentence for logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What kind of evidence this is.
    pub code: ReasonCode,
    /// Where in the comment it was found.
    pub field: Field,
    /// The words or domain that triggered it, as the classifier read them
    /// (after undoing disguises), so a person can check it.
    pub evidence: String,
    /// An English sentence explaining the reason.
    pub message: String,
}

impl Reason {
    /// Builds a reason and its English message.
    pub fn new(code: ReasonCode, field: Field, evidence: impl Into<String>) -> Self {
        let evidence = evidence.into();
        let message = code.describe(field, &evidence);
        Reason {
            code,
            field,
            evidence,
            message,
        }
    }
}

/// The kinds of evidence a verdict can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonCode {
    /// A phrase that lures people to sexual content ("tap on my pic").
    LurePhrase,
    /// A link whose domain advertises adult content.
    AdultLink,
    /// Emoji used as sexual vocabulary (🔞 💦 🍑).
    AdultEmoji,
}

impl ReasonCode {
    fn describe(self, field: Field, evidence: &str) -> String {
        match self {
            ReasonCode::LurePhrase => format!("the {field} contains the lure “{evidence}”"),
            ReasonCode::AdultLink => format!("links to an adult website ({evidence})"),
            ReasonCode::AdultEmoji => format!("the {field} uses sexual emoji ({evidence})"),
        }
    }
}

/// The part of a comment a reason was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// The author's display name or @handle.
    Name,
    /// The comment body.
    Text,
    /// A link in the comment.
    Link,
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Field::Name => "name",
            Field::Text => "comment",
            Field::Link => "link",
        })
    }
}

/// How readily comments are hidden. Each level is a score threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sensitivity {
    /// Hide only what is almost certainly sex-spam.
    Relaxed,
    /// The default: few false alarms, most bots hidden.
    #[default]
    Balanced,
    /// Hide anything suspicious; expect more false alarms.
    Strict,
}

impl Sensitivity {
    /// The score from which a comment counts as sex-spam.
    pub fn threshold(self) -> f32 {
        match self {
            Sensitivity::Relaxed => 0.8,
            Sensitivity::Balanced => 0.5,
            Sensitivity::Strict => 0.3,
        }
    }
}

impl std::str::FromStr for Sensitivity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "relaxed" => Ok(Sensitivity::Relaxed),
            "balanced" => Ok(Sensitivity::Balanced),
            "strict" => Ok(Sensitivity::Strict),
            other => Err(format!(
                "unknown sensitivity {other:?} (expected relaxed, balanced or strict)"
            )),
        }
    }
}
