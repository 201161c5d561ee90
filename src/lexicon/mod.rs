//! What sex-spam bots say, as knowledge that carries across languages:
//! phrases mapped to **concepts** (explicit words, pointers to the bot's own
//! profile, invitations to private contact, live cams…), kept as data, one
//! file per language in `model/lexicon/` (see its README for the format).
//!
//! The lexicon is knowledge, not the classifier: each concept found becomes
//! a feature ("a pointer in the name"), and the model weighs the concepts
//! and their combinations the same way in every language. A new language
//! needs vocabulary only.
//!
//! Phrases are folded with the same [`crate::normalize::fold`] as comments,
//! so one entry covers its disguises; a word ending in `*` matches any
//! ending (`masturb*`); masked words in comments (`f*ck`) match any letter
//! where the mask is. The matcher is in [`matcher`].

mod matcher;

pub use matcher::{LexiconBuilder, find, find_in_name, find_into, fingerprint, parse_errors};

/// What a phrase does in a lure. The order is the model's feature order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concept {
    /// Sexual words that mean sexual content on their own.
    Explicit,
    /// Coarse sexual words that people also use as plain swearing.
    Vulgar,
    /// The writer sexualising their own body ("I'm so wet", "my boobs").
    Body,
    /// "I'm available": lonely, bored and alone, waiting for you.
    Availability,
    /// An invitation to private contact: DM me, text me, add me on …
    Invitation,
    /// Points to the bot's own profile, channel, story, bio, picture, name or
    /// link, where the lure is.
    Pointer,
    /// Live shows and cams.
    Live,
    /// Dating and hook-up offers.
    Dating,
    /// Paid and sugar arrangements, selling pictures.
    Paid,
    /// Leaked or private sexual videos and photos.
    Leaked,
    /// The names of adult and cam sites.
    AdultSite,
    /// Adverts for sexual material involving children.
    Minor,
    /// A bare greeting, the bait reply bots post under a lure name.
    Greeting,
    /// Words that suggest without being explicit (hot, sexy, baby).
    Suggestive,
    /// Other kinds of spam (game currency, crypto, giveaways): evidence
    /// that a comment is not sex-spam.
    Scam,
    /// People talking about bots and spam.
    Meta,
    /// Sex education, consent, safety and health.
    Education,
}

impl Concept {
    /// How many concepts there are.
    pub const COUNT: usize = 17;

    /// Every concept, in the model's feature order.
    pub const ALL: [Concept; Concept::COUNT] = [
        Concept::Explicit,
        Concept::Vulgar,
        Concept::Body,
        Concept::Availability,
        Concept::Invitation,
        Concept::Pointer,
        Concept::Live,
        Concept::Dating,
        Concept::Paid,
        Concept::Leaked,
        Concept::AdultSite,
        Concept::Minor,
        Concept::Greeting,
        Concept::Suggestive,
        Concept::Scam,
        Concept::Meta,
        Concept::Education,
    ];

    /// The name used in the data files' section headers and in feature
    /// names.
    pub const fn name(self) -> &'static str {
        match self {
            Concept::Explicit => "explicit",
            Concept::Vulgar => "vulgar",
            Concept::Body => "body",
            Concept::Availability => "availability",
            Concept::Invitation => "invitation",
            Concept::Pointer => "pointer",
            Concept::Live => "live",
            Concept::Dating => "dating",
            Concept::Paid => "paid",
            Concept::Leaked => "leaked",
            Concept::AdultSite => "adult-site",
            Concept::Minor => "minor",
            Concept::Greeting => "greeting",
            Concept::Suggestive => "suggestive",
            Concept::Scam => "scam",
            Concept::Meta => "meta",
            Concept::Education => "education",
        }
    }

    /// The concept a section header names.
    pub fn from_name(name: &str) -> Option<Concept> {
        Concept::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Its position in [`Concept::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Sexual content, offers or self-description: what turns a pointer or
    /// an invitation into a lure. (Live shows are not: gamers stream too;
    /// "live" weighs as an order in a name.)
    pub const fn is_sexual(self) -> bool {
        matches!(
            self,
            Concept::Explicit
                | Concept::Vulgar
                | Concept::Body
                | Concept::Dating
                | Concept::Paid
                | Concept::Leaked
                | Concept::AdultSite
                | Concept::Minor
        )
    }

    /// What a bot says to get the reader to act or to look: the lure
    /// itself, as opposed to mild words and greetings.
    pub const fn is_lure(self) -> bool {
        self.is_sexual()
            || matches!(
                self,
                Concept::Availability | Concept::Invitation | Concept::Pointer | Concept::Live
            )
    }

    /// Evidence that a comment is *not* sex-spam.
    pub const fn is_counter_evidence(self) -> bool {
        matches!(self, Concept::Scam | Concept::Meta | Concept::Education)
    }
}

/// A set of concepts, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Concepts(u32);

impl Concepts {
    /// Adds a concept.
    pub fn insert(&mut self, concept: Concept) {
        self.0 |= 1 << concept.index();
    }

    /// Whether it holds a concept.
    pub fn contains(self, concept: Concept) -> bool {
        self.0 & (1 << concept.index()) != 0
    }

    /// Whether it holds a concept for which `test` is true.
    pub fn any(self, test: impl Fn(Concept) -> bool) -> bool {
        // (Most fields hold none: no need to go through them all.)
        self.0 != 0
            && Concept::ALL
                .into_iter()
                .any(|c| self.contains(c) && test(c))
    }

    /// Both sets together.
    pub fn union(self, other: Concepts) -> Concepts {
        Concepts(self.0 | other.0)
    }
}

/// A phrase found in a folded field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The concept the phrase expresses.
    pub concept: Concept,
    /// The phrase as written in the lexicon.
    pub phrase: &'static str,
    /// The first word of the field it covers.
    pub first_word: usize,
    /// One past the last word it covers.
    pub end_word: usize,
    /// Whether the phrase was written backwards.
    pub reversed: bool,
    /// Whether it was found inside a longer word (`hotgirlvlogs`).
    pub inside_word: bool,
}

/// The lexicon's data files, `(language, contents)`, embedded at build time
/// (see `build.rs`).
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));
