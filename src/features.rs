//! Turns a comment into the numbers the model weighs.
//!
//! Two kinds of features, in one index space:
//!
//! - **Named features** (`0..named::COUNT`), made by hand: lexicon
//!   categories found in the name and the text, the disguises undone, emoji
//!   classes, what the links reveal, the shape of the comment, and page
//!   context. Each has a stable name and a readable reason.
//! - **Hashed features** (`named::COUNT..`), learned from data: words, word
//!   pairs and character n-grams of the folded name and text, emoji, and link
//!   host parts, hashed into `2^bits` buckets. Each namespace's values are
//!   scaled by 1/√n so long comments do not outweigh short ones.
//!
//! Extraction reports every feature to a sink together with its [`Origin`],
//! so the same code serves scoring (origins ignored) and explaining
//! (contributions summed per origin).

use crate::comment::Comment;
use crate::emoji::{self, EmojiClass};
use crate::lexicon::{self, Category, Hit};
use crate::links::LinkSignals;
use crate::normalize::{self, Folded};

/// Indices of the named features. Fields alternate: `X + NAME`, `X + TEXT`.
pub mod named {
    use crate::lexicon::Category;

    /// Offset of a name-field feature.
    pub const NAME: usize = 0;
    /// Offset of a text-field feature.
    pub const TEXT: usize = 1;

    /// Lexicon phrases of a category, as whole words: `LEXICON + 2·category + field`.
    pub const LEXICON: usize = 0;
    /// Lexicon phrases found inside longer words: `LEXICON_INSIDE + 2·category + field`.
    pub const LEXICON_INSIDE: usize = LEXICON + 2 * Category::ALL.len();
    /// A lure phrase written backwards.
    pub const LEXICON_REVERSED: usize = LEXICON_INSIDE + 2 * Category::ALL.len();
    /// A lure phrase whose words were disguised.
    pub const LEXICON_DISGUISED: usize = LEXICON_REVERSED + 2;
    /// Words mixing Latin with Cyrillic or Greek letters.
    pub const MIXED_SCRIPT: usize = LEXICON_DISGUISED + 2;
    /// Share of letters from decorative Unicode.
    pub const FANCY: usize = MIXED_SCRIPT + 2;
    /// Words in leetspeak.
    pub const LEET: usize = FANCY + 2;
    /// Words with masking symbols.
    pub const MASKED: usize = LEET + 2;
    /// Words spelt with separated letters.
    pub const SPACED: usize = MASKED + 2;
    /// Invisible characters.
    pub const INVISIBLE: usize = SPACED + 2;
    /// Sexual emoji.
    pub const EMOJI_SEXUAL: usize = INVISIBLE + 2;
    /// Kiss and heart emoji.
    pub const EMOJI_AFFECTION: usize = EMOJI_SEXUAL + 2;
    /// Pointing emoji.
    pub const EMOJI_POINTING: usize = EMOJI_AFFECTION + 2;
    /// "18+", "+18".
    pub const AGE_GATE: usize = EMOJI_POINTING + 2;
    /// The comment has no text (only the name is known).
    pub const TEXT_EMPTY: usize = AGE_GATE + 2;
    /// The text is only a short greeting or exclamation.
    pub const TEXT_GREETING_ONLY: usize = TEXT_EMPTY + 1;
    /// The comment links somewhere outside the site.
    pub const LINK_ANY: usize = TEXT_GREETING_ONLY + 1;
    /// A link or written domain advertises adult content.
    pub const LINK_ADULT: usize = LINK_ANY + 1;
    /// A link or domain on a cheap top-level domain.
    pub const LINK_CHEAP_TLD: usize = LINK_ADULT + 1;
    /// A link shortener or link-in-bio service.
    pub const LINK_SHORTENER: usize = LINK_CHEAP_TLD + 1;
    /// A messenger invite.
    pub const LINK_MESSENGER: usize = LINK_SHORTENER + 1;
    /// A domain written into the text.
    pub const DOMAIN_IN_TEXT: usize = LINK_MESSENGER + 1;
    /// Only a link: no text and no name (a bare domain from a blocklist).
    pub const LINK_ONLY: usize = DOMAIN_IN_TEXT + 1;
    /// Only a link, and its domain advertises nothing adult: most such
    /// spam sells other things.
    pub const LINK_ONLY_NOT_ADULT: usize = LINK_ONLY + 1;
    /// The same text was posted on this page by another author, and this
    /// comment's name is itself suspicious. (Copying alone is never evidence:
    /// the original author wrote the same words.)
    pub const COPIED_SUSPICIOUS_NAME: usize = LINK_ONLY_NOT_ADULT + 1;
    /// A lure (invitation, profile pointer or explicit words)
    /// together with flirty or sexual emoji: the Instagram bots' pattern
    /// ("check my story 😘").
    pub const LURE_WITH_EMOJI: usize = COPIED_SUSPICIOUS_NAME + 1;
    /// A lure in a text of at most eight words: bots write short lines,
    /// people who mention such words usually say more.
    pub const LURE_IN_SHORT_TEXT: usize = LURE_WITH_EMOJI + 1;
    /// Each per-field feature again, summed over name and text: `ANY +
    /// (X - LEXICON) / 2`. A lure is a lure wherever it is written, and these
    /// shared weights are learned from every source, including those where
    /// bots put the lure in the text rather than the name.
    pub const ANY: usize = LURE_IN_SHORT_TEXT + 1;
    /// How many named features there are.
    pub const COUNT: usize = ANY + TEXT_EMPTY / 2;
}

/// A readable name for a named feature, e.g. `name:lexicon:invitation`.
/// The model file stores a fingerprint of all of them, so a model trained
/// for another feature set is refused.
pub fn named_feature_name(index: usize) -> String {
    use named::*;
    let field = |i: usize| {
        if (i - LEXICON) % 2 == NAME {
            "name"
        } else {
            "text"
        }
    };
    let category = |i: usize, base: usize| Category::ALL[(i - base) / 2].name();
    match index {
        i if i < LEXICON_INSIDE => format!("{}:lexicon:{}", field(i), category(i, LEXICON)),
        i if i < LEXICON_REVERSED => format!(
            "{}:lexicon-inside:{}",
            field(i),
            category(i, LEXICON_INSIDE)
        ),
        i if i < TEXT_EMPTY => {
            let kinds = [
                "lexicon-reversed",
                "lexicon-disguised",
                "mixed-script",
                "fancy",
                "leet",
                "masked",
                "spaced",
                "invisible",
                "emoji-sexual",
                "emoji-affection",
                "emoji-pointing",
                "age-gate",
            ];
            format!("{}:{}", field(i), kinds[(i - LEXICON_REVERSED) / 2])
        }
        TEXT_EMPTY => "text-empty".into(),
        TEXT_GREETING_ONLY => "text-greeting-only".into(),
        LINK_ANY => "link-any".into(),
        LINK_ADULT => "link-adult".into(),
        LINK_CHEAP_TLD => "link-cheap-tld".into(),
        LINK_SHORTENER => "link-shortener".into(),
        LINK_MESSENGER => "link-messenger".into(),
        DOMAIN_IN_TEXT => "domain-in-text".into(),
        LINK_ONLY => "link-only".into(),
        LINK_ONLY_NOT_ADULT => "link-only-not-adult".into(),
        COPIED_SUSPICIOUS_NAME => "copied-suspicious-name".into(),
        LURE_WITH_EMOJI => "lure-with-emoji".into(),
        LURE_IN_SHORT_TEXT => "lure-in-short-text".into(),
        i if (ANY..COUNT).contains(&i) => {
            named_feature_name(LEXICON + 2 * (i - ANY)).replacen("name:", "any:", 1)
        }
        _ => format!("hashed:{}", index - COUNT),
    }
}

/// Which field of a comment something was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The author's name or handle.
    Name,
    /// The comment text.
    Text,
}

impl Part {
    fn offset(self) -> usize {
        match self {
            Part::Name => named::NAME,
            Part::Text => named::TEXT,
        }
    }
}

/// Where a feature came from, for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A named feature of the whole comment (its index is the feature index).
    Named,
    /// A named feature of one part (name or text) of the comment.
    Field(Part),
    /// A lexicon hit: the `hit`-th hit of the part.
    Lexicon(Part, usize),
    /// A learned feature from a word of a part (word index).
    Word(Part, usize),
    /// A learned feature from something with no single word (emoji, links).
    Other,
}

/// A comment read and folded once, shared by feature extraction and
/// explanation.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    /// The comment as given.
    pub comment: &'a Comment,
    /// The part of the name that was folded (word offsets point into it).
    name_source: &'a str,
    /// The part of the text that was folded.
    text_source: &'a str,
    /// The folded name.
    pub name: Folded,
    /// The folded text.
    pub text: Folded,
    /// Lexicon phrases in the name.
    pub name_hits: Vec<Hit>,
    /// Lexicon phrases in the text.
    pub text_hits: Vec<Hit>,
    /// What the links reveal.
    pub links: LinkSignals,
}

/// Longest text (in bytes) read for features; longer comments are cut at a
/// character boundary so any input costs bounded time.
pub const MAX_TEXT_BYTES: usize = 4096;
/// Longest name (in bytes) read.
pub const MAX_NAME_BYTES: usize = 256;

/// The buffers a [`Prepared`] comment is built in, kept between comments
/// so classifying allocates next to nothing.
#[derive(Debug, Default)]
pub struct Workspace {
    name: Folded,
    text: Folded,
    name_hits: Vec<Hit>,
    text_hits: Vec<Hit>,
}

impl<'a> Prepared<'a> {
    /// Folds the name and text and finds the lexicon phrases and links.
    pub fn new(comment: &'a Comment) -> Self {
        Prepared::new_in(comment, Workspace::default())
    }

    /// Like [`Prepared::new`], built in the buffers of a used workspace
    /// (see [`Prepared::into_workspace`]).
    pub fn new_in(comment: &'a Comment, workspace: Workspace) -> Self {
        let Workspace {
            mut name,
            mut text,
            mut name_hits,
            mut text_hits,
        } = workspace;
        // A comment the page vouches for is judged on its text and links
        // only: its name is not read at all.
        let author = if comment.trusted {
            ""
        } else {
            comment.author()
        };
        let name_source = normalize::name_source(truncate(author, MAX_NAME_BYTES));
        let text_source = truncate(&comment.text, MAX_TEXT_BYTES);
        normalize::fold_into(name_source, &mut name);
        normalize::fold_into(text_source, &mut text);
        lexicon::find_into(&name, true, &mut name_hits);
        lexicon::find_into(&text, false, &mut text_hits);
        let links = LinkSignals::read(&comment.links, text_source);
        Prepared {
            comment,
            name_source,
            text_source,
            name,
            text,
            name_hits,
            text_hits,
            links,
        }
    }

    /// Gives the buffers back for the next comment.
    pub fn into_workspace(self) -> Workspace {
        Workspace {
            name: self.name,
            text: self.text,
            name_hits: self.name_hits,
            text_hits: self.text_hits,
        }
    }

    /// The folded field and its hits.
    pub fn part(&self, part: Part) -> (&Folded, &[Hit]) {
        match part {
            Part::Name => (&self.name, &self.name_hits),
            Part::Text => (&self.text, &self.text_hits),
        }
    }

    /// The original text of a part, as far as it was read.
    pub fn original(&self, part: Part) -> &str {
        match part {
            Part::Name => self.name_source,
            Part::Text => self.text_source,
        }
    }

    /// Whether the name alone carries any evidence: a lure phrase (even a
    /// suggestive one) or a disguise. Gates the copied-comment signal.
    pub fn name_is_suspicious(&self) -> bool {
        let d = &self.name.disguises;
        self.name_hits
            .iter()
            .any(|h| h.category != Category::Greeting)
            || d.mixed_script_words + d.masked_words + d.leet_words > 0
            || d.fancy_letters * 2 > d.letters.max(1)
            || self
                .name
                .emoji
                .iter()
                .any(|&e| emoji::class(e) == Some(EmojiClass::Sexual))
    }
}

/// What the page tells about a comment beyond the comment itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageContext {
    /// The same text was posted earlier on the page by another author.
    pub copied: bool,
}

/// Cuts `s` to at most `max` bytes at a character boundary.
pub fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Reports every feature of a prepared comment to `sink(index, value, origin)`.
/// Hashed indices are already offset by [`named::COUNT`].
pub fn extract(
    prepared: &Prepared,
    context: PageContext,
    hash_bits: u32,
    sink: &mut impl FnMut(u32, f32, Origin),
) {
    let mut named_sink = |index: usize, value: f32, origin: Origin| {
        if value != 0.0 {
            sink(index as u32, value, origin);
            if index < named::TEXT_EMPTY {
                sink(
                    (named::ANY + (index - named::LEXICON) / 2) as u32,
                    value,
                    origin,
                );
            }
        }
    };
    for part in [Part::Name, Part::Text] {
        named_part(prepared, part, &mut named_sink);
    }
    named_comment(prepared, context, &mut named_sink);

    let mask = (1u32 << hash_bits) - 1;
    let mut hashed = |hash: u64, value: f32, origin: Origin| {
        sink(named::COUNT as u32 + (hash as u32 & mask), value, origin);
    };
    hashed_name(&prepared.name, &mut hashed);
    hashed_text(&prepared.text, &mut hashed);
    hashed_emoji(prepared, &mut hashed);
    hashed_links(&prepared.links, &mut hashed);
}

/// Strong lure categories (not merely suggestive words or greetings).
fn is_lure(category: Category) -> bool {
    !matches!(category, Category::Suggestive | Category::Greeting)
}

fn named_part(prepared: &Prepared, part: Part, sink: &mut impl FnMut(usize, f32, Origin)) {
    use named::*;
    let (folded, hits) = prepared.part(part);
    let field = part.offset();
    let greeting_counts = part == Part::Text && greeting_only(folded, hits);

    // Lexicon: count per category (capped), each hit reported so its phrase
    // can be quoted.
    let mut seen = [0u8; 2 * Category::ALL.len()];
    let mut reversed = false;
    let mut disguised = false;
    for (k, hit) in hits.iter().enumerate() {
        if hit.category == Category::Greeting && !greeting_counts {
            continue;
        }
        let category = Category::ALL
            .iter()
            .position(|&c| c == hit.category)
            .unwrap_or(0);
        if hit.reversed {
            // A lure written backwards counts as the lure it is, and the
            // reversal as a disguise of its own.
            if !is_lure(hit.category) {
                continue;
            }
            if !reversed {
                reversed = true;
                sink(LEXICON_REVERSED + field, 1.0, Origin::Lexicon(part, k));
            }
        }
        let slot = 2 * category + usize::from(hit.inside_word);
        if seen[slot] >= 2 {
            continue;
        }
        seen[slot] += 1;
        let base = if hit.inside_word {
            LEXICON_INSIDE
        } else {
            LEXICON
        };
        sink(base + 2 * category + field, 1.0, Origin::Lexicon(part, k));
        let words_disguised = folded.words[hit.first_word..hit.end_word]
            .iter()
            .any(|w| w.disguise & !normalize::DISGUISE_INVISIBLE != 0);
        if is_lure(hit.category) && words_disguised && !disguised {
            disguised = true;
            sink(LEXICON_DISGUISED + field, 1.0, Origin::Lexicon(part, k));
        }
    }

    let d = &folded.disguises;
    let capped = |n: u32| n.min(3) as f32;
    sink(
        MIXED_SCRIPT + field,
        capped(d.mixed_script_words),
        Origin::Field(part),
    );
    if d.letters > 0 {
        sink(
            FANCY + field,
            d.fancy_letters as f32 / d.letters as f32,
            Origin::Field(part),
        );
    }
    sink(LEET + field, capped(d.leet_words), Origin::Field(part));
    sink(MASKED + field, capped(d.masked_words), Origin::Field(part));
    sink(SPACED + field, capped(d.spaced_words), Origin::Field(part));
    sink(
        INVISIBLE + field,
        f32::from(d.invisible > 0 || d.right_to_left_override),
        Origin::Field(part),
    );

    let mut classes = [0u32; 3];
    for &e in &folded.emoji {
        match emoji::class(e) {
            Some(EmojiClass::Sexual) => classes[0] += 1,
            Some(EmojiClass::Affection) => classes[1] += 1,
            Some(EmojiClass::Pointing) => classes[2] += 1,
            None => {}
        }
    }
    sink(
        EMOJI_SEXUAL + field,
        capped(classes[0]),
        Origin::Field(part),
    );
    sink(
        EMOJI_AFFECTION + field,
        capped(classes[1]),
        Origin::Field(part),
    );
    sink(
        EMOJI_POINTING + field,
        capped(classes[2]),
        Origin::Field(part),
    );

    sink(
        AGE_GATE + field,
        f32::from(has_age_gate(prepared.original(part))),
        Origin::Field(part),
    );
}

/// Whether a text says "18+" (or "+18", "18 +").
fn has_age_gate(text: &str) -> bool {
    text.contains('+')
        && text.match_indices("18").any(|(i, _)| {
            text[..i].ends_with('+') || text[i + 2..].trim_start_matches(' ').starts_with('+')
        })
}

/// Whether a text is nothing but a short greeting or exclamation ("Hii guys").
fn greeting_only(text: &Folded, hits: &[Hit]) -> bool {
    let words = text.words.len();
    (1..=4).contains(&words)
        && (0..words).all(|w| {
            hits.iter().any(|h| {
                h.category == Category::Greeting
                    && !h.reversed
                    && (h.first_word..h.end_word).contains(&w)
            })
        })
}

fn named_comment(
    prepared: &Prepared,
    context: PageContext,
    sink: &mut impl FnMut(usize, f32, Origin),
) {
    use named::*;
    let text_empty = prepared.text.words.is_empty() && prepared.text.emoji.is_empty();
    sink(TEXT_EMPTY, f32::from(text_empty), Origin::Named);
    sink(
        TEXT_GREETING_ONLY,
        f32::from(greeting_only(&prepared.text, &prepared.text_hits)),
        Origin::Named,
    );

    let links = &prepared.links;
    sink(LINK_ANY, f32::from(!links.hosts.is_empty()), Origin::Named);
    sink(LINK_ADULT, f32::from(links.adult.is_some()), Origin::Named);
    sink(
        LINK_CHEAP_TLD,
        f32::from(links.cheap_tld.is_some()),
        Origin::Named,
    );
    sink(
        LINK_SHORTENER,
        f32::from(links.shortener.is_some()),
        Origin::Named,
    );
    sink(
        LINK_MESSENGER,
        f32::from(links.messenger.is_some()),
        Origin::Named,
    );
    sink(
        DOMAIN_IN_TEXT,
        f32::from(links.domain_in_text),
        Origin::Named,
    );
    let link_only = text_empty && prepared.name.words.is_empty() && !links.hosts.is_empty();
    sink(LINK_ONLY, f32::from(link_only), Origin::Named);
    sink(
        LINK_ONLY_NOT_ADULT,
        f32::from(link_only && links.adult.is_none()),
        Origin::Named,
    );
    let copied = context.copied && !prepared.comment.trusted && prepared.name_is_suspicious();
    sink(COPIED_SUSPICIOUS_NAME, f32::from(copied), Origin::Named);

    fn lure(hits: &[Hit]) -> Option<&Hit> {
        hits.iter().find(|h| {
            !h.reversed
                && matches!(
                    h.category,
                    Category::Invitation | Category::ProfilePointer | Category::Explicit
                )
        })
    }
    let flirty = |folded: &Folded| {
        folded.emoji.iter().any(|&e| {
            matches!(
                emoji::class(e),
                Some(EmojiClass::Sexual | EmojiClass::Affection)
            )
        })
    };
    let lure_hit = lure(&prepared.text_hits)
        .map(|h| (Part::Text, h))
        .or_else(|| lure(&prepared.name_hits).map(|h| (Part::Name, h)));
    if let Some((part, hit)) = lure_hit {
        let index = prepared
            .part(part)
            .1
            .iter()
            .position(|h| h == hit)
            .unwrap_or(0);
        if flirty(&prepared.name) || flirty(&prepared.text) {
            sink(LURE_WITH_EMOJI, 1.0, Origin::Lexicon(part, index));
        }
    }
    if let Some(hit) = lure(&prepared.text_hits) {
        if prepared.text.words.len() <= 8 {
            let index = prepared
                .text_hits
                .iter()
                .position(|h| h == hit)
                .unwrap_or(0);
            sink(LURE_IN_SHORT_TEXT, 1.0, Origin::Lexicon(Part::Text, index));
        }
    }
}

/// Hash namespaces: every kind of hashed feature gets its own seed.
mod namespace {
    pub const NAME_WORD: u64 = 1;
    pub const NAME_NGRAM: u64 = 2;
    pub const TEXT_WORD: u64 = 3;
    pub const TEXT_PAIR: u64 = 4;
    pub const TEXT_NGRAM: u64 = 5;
    pub const NAME_EMOJI: u64 = 6;
    pub const TEXT_EMOJI: u64 = 7;
    pub const LINK_PART: u64 = 8;
}

/// Most words of a text used for hashed features.
const MAX_HASHED_WORDS: usize = 120;

/// FNV-1a, 64 bits, seeded by namespace. Part of the model format: the
/// committed model only works with exactly this function.
fn hash(namespace: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ namespace.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    // Final mix so the low bits (the bucket) depend on every byte.
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ (h >> 32)
}

/// The hash of a short window of bytes (n-grams, at most 8 bytes): the bytes
/// packed into one word and mixed, several times cheaper than [`hash`].
/// Also part of the model format.
fn hash_window(namespace: u64, window: &[u8]) -> u64 {
    debug_assert!(window.len() <= 8);
    let mut packed = 0u64;
    for (i, &b) in window.iter().enumerate() {
        packed |= u64::from(b) << (8 * i);
    }
    let mut h =
        packed ^ namespace.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((window.len() as u64) << 58);
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// A value of [`hash`] on a fixed input: part of the model's fingerprint, so
/// a changed hash function makes the old model refuse to load.
pub(crate) fn hash_probe() -> u64 {
    hash(7, b"schild") ^ hash_window(7, b"sch").rotate_left(1)
}

/// Character n-grams (3 and 4) of `padded`, a word with `<` `>` around it.
fn ngrams(padded: &[u8], namespace: u64, mut emit: impl FnMut(u64)) {
    for n in [4usize] {
        if padded.len() < n {
            continue;
        }
        for window in padded.windows(n) {
            emit(hash_window(namespace + ((n as u64) << 8), window));
        }
    }
}

fn hashed_name(name: &Folded, sink: &mut impl FnMut(u64, f32, Origin)) {
    if name.words.is_empty() {
        return;
    }
    // The name with spaces removed, between < and >, and which word each
    // byte came from; names are short, so both fit on the stack.
    let mut squashed = [0u8; MAX_NAME_BYTES + 2];
    let mut owners = [0u16; MAX_NAME_BYTES + 2];
    squashed[0] = b'<';
    let mut length = 1;
    for index in 0..name.words.len() {
        let word = name.squeezed_word(index).as_bytes();
        let word = &word[..word.len().min(MAX_NAME_BYTES - (length - 1))];
        squashed[length..length + word.len()].copy_from_slice(word);
        owners[length..length + word.len()].fill(index as u16);
        length += word.len();
    }
    squashed[length] = b'>';
    owners[length] = (name.words.len() - 1) as u16;
    length += 1;
    let squashed = &squashed[..length];

    let ngrams = length.saturating_sub(2) + length.saturating_sub(3);
    let scale = 1.0 / ((name.words.len() + ngrams) as f32).sqrt();
    for index in 0..name.words.len() {
        let word = name.squeezed_word(index);
        sink(
            hash(namespace::NAME_WORD, word.as_bytes()),
            scale,
            Origin::Word(Part::Name, index),
        );
    }
    // N-grams over the whole name with spaces removed, so that words run
    // together ("tapmenow") and words split apart ("hot girl") look alike.
    for n in [3usize, 4] {
        for (start, window) in squashed.windows(n).enumerate() {
            let owner = usize::from(owners[start + n / 2]);
            sink(
                hash_window(namespace::NAME_NGRAM + ((n as u64) << 8), window),
                scale,
                Origin::Word(Part::Name, owner),
            );
        }
    }
}

fn hashed_text(text: &Folded, sink: &mut impl FnMut(u64, f32, Origin)) {
    let words = &text.words[..text.words.len().min(MAX_HASHED_WORDS)];
    if words.is_empty() {
        return;
    }
    // Count first, so every feature gets its 1/√n scale as it is emitted.
    let pairs = words.len() - 1;
    let ngram_count: usize = (0..words.len())
        .map(|i| {
            let len = text.squeezed_word(i).len() + 2;
            len.saturating_sub(3)
        })
        .sum();
    let scale_words = 1.0 / ((words.len() + pairs) as f32).sqrt();
    let scale_ngrams = 1.0 / (ngram_count.max(1) as f32).sqrt();

    let mut previous: Option<u64> = None;
    let mut padded: Vec<u8> = Vec::with_capacity(32);
    for index in 0..words.len() {
        let word = text.squeezed_word(index);
        let word_hash = hash(namespace::TEXT_WORD, word.as_bytes());
        sink(word_hash, scale_words, Origin::Word(Part::Text, index));
        if let Some(previous) = previous {
            let pair = hash(
                namespace::TEXT_PAIR,
                &(previous ^ word_hash.rotate_left(17)).to_le_bytes(),
            );
            sink(pair, scale_words, Origin::Word(Part::Text, index));
        }
        previous = Some(word_hash);
        padded.clear();
        padded.push(b'<');
        padded.extend_from_slice(word.as_bytes());
        padded.push(b'>');
        ngrams(&padded, namespace::TEXT_NGRAM, |h| {
            sink(h, scale_ngrams, Origin::Word(Part::Text, index))
        });
    }
}

fn hashed_emoji(prepared: &Prepared, sink: &mut impl FnMut(u64, f32, Origin)) {
    for (folded, ns) in [
        (&prepared.name, namespace::NAME_EMOJI),
        (&prepared.text, namespace::TEXT_EMOJI),
    ] {
        let emoji = &folded.emoji[..folded.emoji.len().min(32)];
        if emoji.is_empty() {
            continue;
        }
        let scale = 1.0 / (emoji.len() as f32).sqrt();
        for &e in emoji {
            sink(hash(ns, &u32::from(e).to_le_bytes()), scale, Origin::Other);
        }
    }
}

fn hashed_links(links: &LinkSignals, sink: &mut impl FnMut(u64, f32, Origin)) {
    let parts: Vec<&str> = links
        .hosts
        .iter()
        .take(8)
        .flat_map(|host| host.split(['.', '-']))
        .filter(|part| !part.is_empty() && *part != "www")
        .collect();
    if parts.is_empty() {
        return;
    }
    let scale = 1.0 / (parts.len() as f32).sqrt();
    for part in parts {
        sink(
            hash(namespace::LINK_PART, part.as_bytes()),
            scale,
            Origin::Other,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(comment: &Comment) -> Vec<(String, f32)> {
        let prepared = Prepared::new(comment);
        let mut out = Vec::new();
        extract(
            &prepared,
            PageContext::default(),
            16,
            &mut |index, value, _| {
                if (index as usize) < named::COUNT {
                    out.push((named_feature_name(index as usize), value));
                }
            },
        );
        out
    }

    fn has(features: &[(String, f32)], name: &str) -> bool {
        features.iter().any(|(n, v)| n == name && *v > 0.0)
    }

    #[test]
    fn feature_names_are_unique() {
        let names: Vec<String> = (0..named::COUNT).map(named_feature_name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "{names:?}");
        assert_eq!(
            named_feature_name(named::LEXICON + 1),
            "text:lexicon:explicit"
        );
        assert_eq!(named_feature_name(named::AGE_GATE), "name:age-gate");
    }

    #[test]
    fn a_disguised_lure_name_lights_up_the_right_features() {
        let f = features(&Comment::new("Hii", "F?СК MЕ. ТАP ON MY Р1С"));
        for name in [
            "name:lexicon:explicit",
            "name:lexicon:invitation",
            "name:lexicon-disguised",
            "name:mixed-script",
            "name:masked",
            "text-greeting-only",
        ] {
            assert!(has(&f, name), "{name} missing from {f:?}");
        }
    }

    #[test]
    fn an_ordinary_comment_has_no_lure_features() {
        let f = features(&Comment::new(
            "The flip at 2:05 was great 😂",
            "@alice-cooks",
        ));
        assert!(
            f.iter()
                .all(|(n, _)| !n.contains("lexicon") && !n.contains("mixed")),
            "{f:?}"
        );
    }

    #[test]
    fn copying_counts_only_with_a_suspicious_name() {
        let count = |author: &str| {
            let comment = Comment::new("I love this song so much, it takes me back", author);
            let prepared = Prepared::new(&comment);
            let mut copied = 0.0;
            extract(
                &prepared,
                PageContext { copied: true },
                16,
                &mut |i, v, _| {
                    if i as usize == named::COPIED_SUSPICIOUS_NAME {
                        copied += v;
                    }
                },
            );
            copied
        };
        assert_eq!(count("@maria.lopez"), 0.0);
        assert_eq!(count("🍑 Sweety Hotgirl"), 1.0);
    }

    #[test]
    fn namespaces_separate_equal_strings() {
        assert_ne!(
            hash(namespace::NAME_WORD, b"hot"),
            hash(namespace::TEXT_WORD, b"hot")
        );
        assert_ne!(hash(1, b"hot") & 0xFFFF, hash(1, b"hat") & 0xFFFF);
    }

    #[test]
    fn huge_text_is_cut() {
        let comment = Comment::new("é".repeat(100_000), "x");
        let prepared = Prepared::new(&comment);
        assert!(prepared.text.text.len() <= MAX_TEXT_BYTES);
    }
}
