//! What the classifier says about a comment, and why.

use serde::{Deserialize, Serialize};

/// The classifier's answer for one comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// How sure the classifier is that this is sex-spam, from 0 to 1.
    pub score: f32,
    /// Whether the score reaches the threshold of the chosen [`Sensitivity`].
    pub sexspam: bool,
    /// Why, strongest first. Every flagged comment has at least one reason;
    /// a comment that is not flagged has none.
    pub reasons: Vec<Reason>,
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
    /// The evidence as written on the page (the words, emoji or domain).
    pub evidence: String,
    /// What the classifier read there after undoing disguises, when that
    /// differs from what is written (`ТАP` reads `tap`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revealed: Option<String>,
    /// An English sentence explaining the reason.
    pub message: String,
}

impl Reason {
    /// Builds a reason and its English message.
    pub fn new(
        code: ReasonCode,
        field: Field,
        evidence: impl Into<String>,
        revealed: Option<String>,
    ) -> Self {
        let evidence = evidence.into();
        let revealed = revealed.filter(|r| !r.is_empty() && *r != evidence.to_lowercase());
        let message = code.describe(field, &evidence, revealed.as_deref());
        Reason {
            code,
            field,
            evidence,
            revealed,
            message,
        }
    }
}

/// The kinds of evidence a verdict can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonCode {
    /// Sexual words ("nudes", "18+").
    ExplicitWords,
    /// An invitation to tap, click, write, meet or come over.
    Invitation,
    /// Points to the profile, name or picture, where the lure is.
    PointsToProfile,
    /// The name itself tells the reader to go somewhere or do something
    /// ("LIVE NOW - GO TO MY CHANNEL").
    NameGivesOrder,
    /// The account name reads like an adult account (`sexy.lena.cam`).
    LureHandle,
    /// Talks about its own body in a sexual way.
    SelfSexualising,
    /// Says it is lonely, bored or waiting for you: bait.
    LonelyBait,
    /// Invites to a live show or a webcam.
    LiveCam,
    /// Dating, hook-up, cam or escort offers.
    DatingOrCam,
    /// Offers paid pictures, chats or "sugar" deals.
    PaidSex,
    /// "Leaked" or private sexual photos and videos.
    LeakedContent,
    /// Names an adult website.
    AdultSite,
    /// Advertises sexual material involving children.
    ChildAbuse,
    /// Suggestive words (hot, baby, lonely) in a suspicious context.
    SuggestiveWords,
    /// A bare greeting under a suspicious name ("Hii guys").
    BaitReply,
    /// Look-alike letters, symbols or spacing hide a word.
    HiddenLetters,
    /// A lure written backwards.
    BackwardsText,
    /// A link to an adult website.
    AdultLink,
    /// A link of the kinds lure sites use (cheap domains, shorteners,
    /// messenger invites).
    SuspiciousLink,
    /// Emoji bots use as sexual vocabulary.
    SexualEmoji,
    /// The same text was posted by another commenter on this page, under a
    /// suspicious name.
    CopiedComment,
    /// Words the model learned are typical of sex-spam bots.
    BotWords,
}

impl ReasonCode {
    fn describe(self, field: Field, evidence: &str, revealed: Option<&str>) -> String {
        let quoted = match revealed {
            Some(revealed) => format!("“{revealed}” (written “{evidence}”)"),
            None => format!("“{evidence}”"),
        };
        match self {
            ReasonCode::ExplicitWords => format!("the {field} uses sexual words: {quoted}"),
            ReasonCode::Invitation => format!("the {field} invites you to make contact: {quoted}"),
            ReasonCode::PointsToProfile => {
                format!("the {field} points you to a profile, name or picture: {quoted}")
            }
            ReasonCode::NameGivesOrder => format!("the name tells you to go somewhere or do something: {quoted}"),
            ReasonCode::LureHandle => format!("the account name reads like an adult account: {quoted}"),
            ReasonCode::SelfSexualising => format!("the {field} talks about its own body in a sexual way: {quoted}"),
            ReasonCode::LonelyBait => format!("the {field} says it is lonely or waiting for you, a common bait: {quoted}"),
            ReasonCode::LiveCam => format!("the {field} invites you to a live show or webcam: {quoted}"),
            ReasonCode::PaidSex => format!("the {field} offers paid pictures, chats or \"sugar\" deals: {quoted}"),
            ReasonCode::AdultSite => format!("the {field} names an adult website: {quoted}"),
            ReasonCode::DatingOrCam => format!("the {field} advertises dating or sex cams: {quoted}"),
            ReasonCode::LeakedContent => format!("the {field} advertises private sexual videos or photos: {quoted}"),
            ReasonCode::ChildAbuse => format!("the {field} advertises sexual material involving children: {quoted}"),
            ReasonCode::SuggestiveWords => format!("the {field} uses suggestive words: {quoted}"),
            ReasonCode::BaitReply => format!("a short bait reply under a suspicious name: {quoted}"),
            ReasonCode::HiddenLetters => format!("look-alike letters or symbols hide words in the {field}: {quoted}"),
            ReasonCode::BackwardsText => format!("the {field} hides a lure by writing it backwards: {quoted}"),
            ReasonCode::AdultLink => format!("links to an adult website ({evidence})"),
            ReasonCode::SuspiciousLink => format!("links to a site of a kind lure sites use ({evidence})"),
            ReasonCode::SexualEmoji => format!("the {field} uses emoji as sexual code: {evidence}"),
            ReasonCode::CopiedComment => {
                "the same text was posted by another commenter on this page; bots copy real comments".to_string()
            }
            ReasonCode::BotWords => format!("the {field} uses words typical of sex-spam bots: {quoted}"),
        }
    }
}

/// The part of a comment a reason was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

/// How readily comments are hidden. Each level is a threshold on the score,
/// calibrated when the model is trained (see `model/train.toml`).
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
    /// Every level, from the fewest comments hidden to the most.
    pub const ALL: [Sensitivity; 3] = [
        Sensitivity::Relaxed,
        Sensitivity::Balanced,
        Sensitivity::Strict,
    ];

    /// The name settings and the command line use.
    pub const fn name(self) -> &'static str {
        match self {
            Sensitivity::Relaxed => "relaxed",
            Sensitivity::Balanced => "balanced",
            Sensitivity::Strict => "strict",
        }
    }
}

impl std::str::FromStr for Sensitivity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sensitivity::ALL
            .into_iter()
            .find(|level| level.name() == s)
            .ok_or_else(|| {
                format!("unknown sensitivity {s:?} (expected relaxed, balanced or strict)")
            })
    }
}
