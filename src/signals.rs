//! The one table of named signals: every hand-made feature the model
//! weighs, with its name, the reason it gives a person, the sign its weight
//! may take, and its index in the model. Features, training, the model file
//! and explanations all read this table; nothing else knows the layout.
//!
//! Two kinds of signal:
//! - **field signals** are found in the name or the text (a concept, a
//!   disguise, emoji). Each has two weights: `any:` counts wherever it is
//!   found, `name:` is added when it is in the name. The name weight is
//!   held to the sign of the signal, so a signal weighs at least as much
//!   in the name as in the text: bots put their lure in the name, while
//!   people write "so hot" in their comments.
//! - **comment signals** describe the whole comment: its shape, its links,
//!   its page, and the combinations of concepts that make a lure (a pointer
//!   to the profile together with sexual words, a name that gives an order).

use std::borrow::Cow;

use crate::lexicon::Concept;
use crate::verdict::ReasonCode;

/// A named signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signal {
    /// A phrase of a concept, as whole words.
    Concept(Concept),
    /// A phrase of a concept inside a longer word (`hotgirlvideos`).
    ConceptInside(Concept),
    /// A lure phrase written backwards.
    Reversed,
    /// A lure phrase whose words were disguised.
    DisguisedLure,
    /// Words mixing Latin with Cyrillic or Greek letters.
    MixedScript,
    /// Share of letters from decorative Unicode.
    Fancy,
    /// Words in leetspeak.
    Leet,
    /// Words with masking symbols.
    Masked,
    /// Words spelt with separated letters.
    Spaced,
    /// Invisible characters.
    Invisible,
    /// Sexual emoji.
    EmojiSexual,
    /// Kiss and heart emoji.
    EmojiAffection,
    /// Pointing emoji.
    EmojiPointing,
    /// "18+", "+18".
    AgeGate,
    /// The comment has no text (only the name is known).
    TextEmpty,
    /// The text is only a short greeting or exclamation.
    GreetingOnly,
    /// The comment links somewhere outside the site.
    LinkAny,
    /// A link or written domain advertises adult content.
    LinkAdult,
    /// A link or domain on a cheap top-level domain.
    LinkCheapTld,
    /// A link shortener or link-in-bio service.
    LinkShortener,
    /// A messenger invite.
    LinkMessenger,
    /// A domain written into the text.
    DomainInText,
    /// Only a link: no text and no name (a bare domain from a blocklist).
    LinkOnly,
    /// Only a link, and its domain advertises nothing adult.
    LinkOnlyNotAdult,
    /// The same text was posted on this page by another author, and this
    /// comment's name is itself suspicious. (Copying alone is never
    /// evidence: the original author wrote the same words.)
    CopiedSuspiciousName,
    /// A lure together with flirty or sexual emoji ("check my story 😘").
    LureWithEmoji,
    /// A lure in a text of at most eight words: bots write short lines.
    LureInShortText,
    /// A pointer to the profile, story or channel together with sexual
    /// words or emoji anywhere in the comment.
    PointerWithSexual,
    /// An invitation to private contact together with a self-description
    /// (lonely, my body, sexy).
    InvitationWithSelf,
    /// The name gives an order: go to my channel, look at my story, tap me.
    NameGivesOrder,
    /// The name gives an order and is sexual, flirty or lonely as well.
    NameOrderWithLure,
    /// A handle that reads like an adult account (`sexy.lena.cam`,
    /// `lily.babe_4you`).
    HandleLure,
    /// Sexual words together with a way to reach the sender (a link, a
    /// written domain, a phone number or short code): where the lure sends
    /// you.
    SexualWithContact,
}

/// Which weight of a field signal: wherever it is found, or the extra
/// weight for finding it in the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// Found in the name or the text.
    Any,
    /// Found in the name (added to [`Slot::Any`]).
    Name,
}

/// The sign a signal's weight may take after training.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// Evidence for sex-spam: the weight stays at zero or above.
    Positive,
    /// Evidence against: the weight stays at zero or below.
    Negative,
    /// Either (shapes of comments that mean nothing on their own).
    Free,
}

/// The field signals other than concepts, in model order.
const FIELD_FIXED: [Signal; 12] = [
    Signal::Reversed,
    Signal::DisguisedLure,
    Signal::MixedScript,
    Signal::Fancy,
    Signal::Leet,
    Signal::Masked,
    Signal::Spaced,
    Signal::Invisible,
    Signal::EmojiSexual,
    Signal::EmojiAffection,
    Signal::EmojiPointing,
    Signal::AgeGate,
];

/// The comment signals, in model order.
const COMMENT: [Signal; 19] = [
    Signal::TextEmpty,
    Signal::GreetingOnly,
    Signal::LinkAny,
    Signal::LinkAdult,
    Signal::LinkCheapTld,
    Signal::LinkShortener,
    Signal::LinkMessenger,
    Signal::DomainInText,
    Signal::LinkOnly,
    Signal::LinkOnlyNotAdult,
    Signal::CopiedSuspiciousName,
    Signal::LureWithEmoji,
    Signal::LureInShortText,
    Signal::PointerWithSexual,
    Signal::InvitationWithSelf,
    Signal::NameGivesOrder,
    Signal::NameOrderWithLure,
    Signal::HandleLure,
    Signal::SexualWithContact,
];

/// Field signals per slot.
const FIELD_COUNT: usize = 2 * Concept::COUNT + FIELD_FIXED.len();

/// How many named features there are: two slots of field signals, then
/// the comment signals.
pub const COUNT: usize = 2 * FIELD_COUNT + COMMENT.len();

impl Signal {
    /// Whether it is found in a field (and so has two slots).
    pub const fn is_field(self) -> bool {
        matches!(
            self,
            Signal::Concept(_)
                | Signal::ConceptInside(_)
                | Signal::Reversed
                | Signal::DisguisedLure
                | Signal::MixedScript
                | Signal::Fancy
                | Signal::Leet
                | Signal::Masked
                | Signal::Spaced
                | Signal::Invisible
                | Signal::EmojiSexual
                | Signal::EmojiAffection
                | Signal::EmojiPointing
                | Signal::AgeGate
        )
    }

    /// Its feature index: field signals need a slot, comment signals none.
    ///
    /// # Panics
    /// If a field signal is given no slot or a comment signal one: a
    /// programming error the unit tests rule out.
    pub fn index(self, slot: Option<Slot>) -> usize {
        let in_field = match self {
            Signal::Concept(c) => Some(c.index()),
            Signal::ConceptInside(c) => Some(Concept::COUNT + c.index()),
            other => FIELD_FIXED
                .iter()
                .position(|&s| s == other)
                .map(|i| 2 * Concept::COUNT + i),
        };
        match (in_field, slot) {
            (Some(i), Some(Slot::Any)) => i,
            (Some(i), Some(Slot::Name)) => FIELD_COUNT + i,
            (None, None) => {
                2 * FIELD_COUNT
                    + COMMENT
                        .iter()
                        .position(|&s| s == self)
                        .expect("every signal is in the table")
            }
            _ => panic!("{self:?} with slot {slot:?}"),
        }
    }

    /// The signal and slot of a feature index below [`COUNT`].
    pub fn at(index: usize) -> Option<(Signal, Option<Slot>)> {
        let field = |i: usize| {
            if i < Concept::COUNT {
                Signal::Concept(Concept::ALL[i])
            } else if i < 2 * Concept::COUNT {
                Signal::ConceptInside(Concept::ALL[i - Concept::COUNT])
            } else {
                FIELD_FIXED[i - 2 * Concept::COUNT]
            }
        };
        if index < FIELD_COUNT {
            Some((field(index), Some(Slot::Any)))
        } else if index < 2 * FIELD_COUNT {
            Some((field(index - FIELD_COUNT), Some(Slot::Name)))
        } else {
            COMMENT
                .get(index - 2 * FIELD_COUNT)
                .map(|&signal| (signal, None))
        }
    }

    /// A stable name (without the slot), e.g. `concept:pointer`, `leet`.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Signal::Concept(c) => return Cow::Owned(format!("concept:{}", c.name())),
            Signal::ConceptInside(c) => {
                return Cow::Owned(format!("concept-inside:{}", c.name()));
            }
            Signal::Reversed => "reversed",
            Signal::DisguisedLure => "disguised-lure",
            Signal::MixedScript => "mixed-script",
            Signal::Fancy => "fancy",
            Signal::Leet => "leet",
            Signal::Masked => "masked",
            Signal::Spaced => "spaced",
            Signal::Invisible => "invisible",
            Signal::EmojiSexual => "emoji-sexual",
            Signal::EmojiAffection => "emoji-affection",
            Signal::EmojiPointing => "emoji-pointing",
            Signal::AgeGate => "age-gate",
            Signal::TextEmpty => "text-empty",
            Signal::GreetingOnly => "text-greeting-only",
            Signal::LinkAny => "link-any",
            Signal::LinkAdult => "link-adult",
            Signal::LinkCheapTld => "link-cheap-tld",
            Signal::LinkShortener => "link-shortener",
            Signal::LinkMessenger => "link-messenger",
            Signal::DomainInText => "domain-in-text",
            Signal::LinkOnly => "link-only",
            Signal::LinkOnlyNotAdult => "link-only-not-adult",
            Signal::CopiedSuspiciousName => "copied-suspicious-name",
            Signal::LureWithEmoji => "lure-with-emoji",
            Signal::LureInShortText => "lure-in-short-text",
            Signal::PointerWithSexual => "pointer-with-sexual",
            Signal::InvitationWithSelf => "invitation-with-self",
            Signal::NameGivesOrder => "name-gives-order",
            Signal::NameOrderWithLure => "name-order-with-lure",
            Signal::HandleLure => "handle-lure",
            Signal::SexualWithContact => "sexual-with-contact",
        })
    }

    /// The reason this signal gives a person, if it gives one itself (a
    /// concept found in a comment explains as its concept; a combination as
    /// the phrase it rests on, which the features report as its origin).
    pub const fn reason(self) -> Option<ReasonCode> {
        match self {
            Signal::Concept(c) | Signal::ConceptInside(c) => concept_reason(c),
            Signal::Reversed => Some(ReasonCode::BackwardsText),
            Signal::DisguisedLure
            | Signal::MixedScript
            | Signal::Fancy
            | Signal::Leet
            | Signal::Masked
            | Signal::Spaced
            | Signal::Invisible => Some(ReasonCode::HiddenLetters),
            Signal::EmojiSexual => Some(ReasonCode::SexualEmoji),
            Signal::AgeGate => Some(ReasonCode::ExplicitWords),
            Signal::GreetingOnly => Some(ReasonCode::BaitReply),
            Signal::LinkAdult => Some(ReasonCode::AdultLink),
            Signal::LinkAny
            | Signal::LinkCheapTld
            | Signal::LinkShortener
            | Signal::LinkMessenger
            | Signal::DomainInText => Some(ReasonCode::SuspiciousLink),
            Signal::CopiedSuspiciousName => Some(ReasonCode::CopiedComment),
            Signal::NameGivesOrder | Signal::NameOrderWithLure => Some(ReasonCode::NameGivesOrder),
            Signal::HandleLure => Some(ReasonCode::LureHandle),
            Signal::EmojiAffection
            | Signal::EmojiPointing
            | Signal::TextEmpty
            | Signal::LinkOnly
            | Signal::LinkOnlyNotAdult
            | Signal::LureWithEmoji
            | Signal::LureInShortText
            | Signal::PointerWithSexual
            | Signal::InvitationWithSelf
            | Signal::SexualWithContact => None,
        }
    }

    /// The sign its weight is held to.
    pub const fn sign(self) -> Sign {
        match self {
            Signal::Concept(c) | Signal::ConceptInside(c) if c.is_counter_evidence() => {
                Sign::Negative
            }
            Signal::TextEmpty
            | Signal::LinkAny
            | Signal::LinkOnly
            | Signal::LinkOnlyNotAdult
            | Signal::GreetingOnly
            | Signal::EmojiAffection
            | Signal::EmojiPointing
            | Signal::Fancy
            | Signal::Leet
            | Signal::Spaced
            | Signal::Invisible => Sign::Free,
            _ => Sign::Positive,
        }
    }

    /// The feature name of a signal in a slot: `any:concept:pointer`,
    /// `name:leet`, `pointer-with-sexual`. Training configs name features
    /// this way, and the model file stores a fingerprint of all of them.
    pub fn feature_name(self, slot: Option<Slot>) -> String {
        match slot {
            Some(Slot::Any) => format!("any:{}", self.name()),
            Some(Slot::Name) => format!("name:{}", self.name()),
            None => self.name().into_owned(),
        }
    }
}

/// The reason a concept gives, if any (counter-evidence gives none).
pub const fn concept_reason(concept: Concept) -> Option<ReasonCode> {
    Some(match concept {
        Concept::Explicit | Concept::Vulgar => ReasonCode::ExplicitWords,
        Concept::Body => ReasonCode::SelfSexualising,
        Concept::Availability => ReasonCode::LonelyBait,
        Concept::Invitation => ReasonCode::Invitation,
        Concept::Pointer => ReasonCode::PointsToProfile,
        Concept::Live => ReasonCode::LiveCam,
        Concept::Dating => ReasonCode::DatingOrCam,
        Concept::Paid => ReasonCode::PaidSex,
        Concept::Leaked => ReasonCode::LeakedContent,
        Concept::AdultSite => ReasonCode::AdultSite,
        Concept::Minor => ReasonCode::ChildAbuse,
        Concept::Greeting => ReasonCode::BaitReply,
        Concept::Suggestive => ReasonCode::SuggestiveWords,
        Concept::Scam | Concept::Meta | Concept::Education => return None,
    })
}

/// The feature name of index `i` (`hashed:N` beyond the named ones).
pub fn feature_name(index: usize) -> String {
    match Signal::at(index) {
        Some((signal, slot)) => signal.feature_name(slot),
        None => format!("hashed:{}", index - COUNT),
    }
}

/// The sign of feature `index` (named features only).
pub fn sign(index: usize) -> Sign {
    Signal::at(index).map_or(Sign::Free, |(signal, _)| signal.sign())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_names_one_signal_and_back() {
        let mut names = Vec::new();
        for index in 0..COUNT {
            let (signal, slot) = Signal::at(index).expect("an index below COUNT");
            assert_eq!(signal.index(slot), index, "{signal:?} {slot:?}");
            assert_eq!(slot.is_some(), signal.is_field(), "{signal:?}");
            names.push(feature_name(index));
        }
        assert!(Signal::at(COUNT).is_none());
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(feature_name(0), "any:concept:explicit");
        assert_eq!(
            Signal::Concept(Concept::Pointer).feature_name(Some(Slot::Name)),
            "name:concept:pointer"
        );
        assert_eq!(feature_name(COUNT), "hashed:0");
    }

    #[test]
    fn counter_evidence_only_lowers_and_gives_no_reason() {
        for concept in Concept::ALL {
            let signal = Signal::Concept(concept);
            assert_eq!(
                signal.sign() == Sign::Negative,
                concept.is_counter_evidence()
            );
            assert_eq!(signal.reason().is_none(), concept.is_counter_evidence());
        }
    }
}
