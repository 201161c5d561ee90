//! The walking skeleton's knowledge: a small list of lure phrases, adult
//! words in domains and sexual emoji, with how much each one weighs.
//!
//! Phrases are written in folded form (see [`crate::normalize::fold`]) and
//! match whole words, so `sex` matches `S E X`-free text like `free sex` but
//! not `sussex`.

/// A lure phrase and its weight: the probability, on its own, that a comment
/// whose name or text contains it is sex-spam.
pub struct Phrase {
    /// The phrase in folded form.
    pub folded: &'static str,
    /// Its weight, between 0 and 1.
    pub weight: f32,
}

/// Lure phrases seen in bot names and comments (see
/// `../shared/reference/bot-patterns.md`).
pub const LURE_PHRASES: &[Phrase] = &[
    // Explicit words: enough on their own.
    Phrase {
        folded: "sex",
        weight: 0.7,
    },
    Phrase {
        folded: "fuck me",
        weight: 0.8,
    },
    Phrase {
        folded: "nude",
        weight: 0.6,
    },
    Phrase {
        folded: "nudes",
        weight: 0.7,
    },
    Phrase {
        folded: "horny",
        weight: 0.6,
    },
    Phrase {
        folded: "porn",
        weight: 0.7,
    },
    Phrase {
        folded: "hot singles",
        weight: 0.7,
    },
    Phrase {
        folded: "my private photos",
        weight: 0.7,
    },
    Phrase {
        folded: "my hot video",
        weight: 0.7,
    },
    // Calls to look at the profile, picture or name: suspicious, and decisive
    // together with anything else.
    Phrase {
        folded: "tap on my pic",
        weight: 0.6,
    },
    Phrase {
        folded: "check my profile",
        weight: 0.4,
    },
    Phrase {
        folded: "look at my profile",
        weight: 0.4,
    },
    Phrase {
        folded: "don t read my name",
        weight: 0.5,
    },
    Phrase {
        folded: "bored and lonely",
        weight: 0.3,
    },
    Phrase {
        folded: "see now",
        weight: 0.2,
    },
];

/// Words that make a domain an adult site when they appear in its name.
pub const ADULT_DOMAIN_WORDS: &[&str] = &[
    "porn",
    "sex",
    "xxx",
    "nude",
    "webcam",
    "camgirl",
    "hot-dates",
    "hotdates",
    "milf",
    "escort",
];

/// Emoji bots use as sexual vocabulary, with their weights.
pub const ADULT_EMOJI: &[(char, f32)] = &[
    ('🔞', 0.4),
    ('💦', 0.15),
    ('🍑', 0.15),
    ('🍆', 0.15),
    ('👅', 0.15),
    ('💋', 0.1),
];
