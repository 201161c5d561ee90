//! Turns a comment into the numbers the model weighs.
//!
//! Two kinds of features, in one index space:
//!
//! - **Named features** (`0..signals::COUNT`), made by hand and listed in
//!   [`crate::signals`]: the concepts found in the name and the text, the
//!   disguises undone, emoji classes, what the links reveal, the shape of
//!   the comment, page context, and the combinations of concepts that make
//!   a lure. Each has a stable name and a readable reason.
//! - **Hashed features** (`signals::COUNT..`), learned from data: words,
//!   word pairs and character n-grams of the folded name and text, emoji,
//!   and link host parts, hashed into `2^bits` buckets. Each namespace's
//!   values are scaled by 1/√n so long comments do not outweigh short ones.
//!   They refine; the model caps what they may add (see [`crate::model`]).
//!
//! Extraction reports every feature to a sink together with its [`Origin`],
//! so the same code serves scoring (origins ignored) and explaining
//! (contributions summed per origin).

use crate::comment::{Comment, MAX_NAME_BYTES, MAX_TEXT_BYTES, truncate};
use crate::emoji::{self, EmojiClass};
use crate::lexicon::{self, Concept, Concepts, Hit};
use crate::links::LinkSignals;
use crate::normalize::{self, Folded};
use crate::signals::{self, Signal, Slot};

/// Which field of a comment something was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// The author's name or handle.
    Name,
    /// The comment text.
    Text,
}

/// Where a feature came from, for explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A feature of the whole comment.
    Named,
    /// A feature of one part (name or text) of the comment.
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
            .any(|h| h.concept != Concept::Greeting && !h.concept.is_counter_evidence())
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

/// The concepts one field holds, and where each was first found (for
/// quoting it).
#[derive(Debug, Clone, Copy, Default)]
struct Reading {
    concepts: Concepts,
    first_hit: [Option<u16>; Concept::COUNT],
    /// Counts of emoji per class: sexual, affection, pointing.
    emoji: [u32; 3],
}

impl Reading {
    fn new(prepared: &Prepared, part: Part) -> Reading {
        let (folded, hits) = prepared.part(part);
        let greeting_counts = part == Part::Text && greeting_only(folded, hits);
        let mut reading = Reading::default();
        for (k, hit) in hits.iter().enumerate() {
            // A phrase inside a longer word (`sange` in `rosangela`) is
            // weighed on its own, never combined into a lure; so is one
            // written backwards (the backwards reading combines it).
            if !counts(hit, greeting_counts) || hit.inside_word || hit.reversed {
                continue;
            }
            reading.concepts.insert(hit.concept);
            reading.first_hit[hit.concept.index()].get_or_insert(k as u16);
        }
        for &e in &folded.emoji {
            match emoji::class(e) {
                Some(EmojiClass::Sexual) => reading.emoji[0] += 1,
                Some(EmojiClass::Affection) => reading.emoji[1] += 1,
                Some(EmojiClass::Pointing) => reading.emoji[2] += 1,
                None => {}
            }
        }
        reading
    }

    /// Where the first phrase of a concept is, as an origin.
    fn origin(&self, part: Part, concept: Concept) -> Option<Origin> {
        self.first_hit[concept.index()].map(|k| Origin::Lexicon(part, usize::from(k)))
    }

    fn flirty(&self) -> bool {
        self.emoji[0] + self.emoji[1] > 0
    }
}

/// Whether a hit counts as evidence: greetings only as a whole short text,
/// and a phrase written backwards only if it is a lure.
fn counts(hit: &Hit, greeting_counts: bool) -> bool {
    if hit.concept == Concept::Greeting {
        return greeting_counts && !hit.reversed;
    }
    !hit.reversed || hit.concept.is_lure()
}

/// Reports every feature of a prepared comment to `sink(index, value, origin)`.
/// Hashed indices are already offset by [`signals::COUNT`].
pub fn extract(
    prepared: &Prepared,
    context: PageContext,
    hash_bits: u32,
    sink: &mut impl FnMut(u32, f32, Origin),
) {
    extract_named(prepared, context, sink);
    extract_hashed(prepared, hash_bits, sink);
}

/// The named features of [`extract`], in the same order.
pub fn extract_named(
    prepared: &Prepared,
    context: PageContext,
    sink: &mut impl FnMut(u32, f32, Origin),
) {
    let name = Reading::new(prepared, Part::Name);
    let text = Reading::new(prepared, Part::Text);
    let mut named_sink = |signal: Signal, part: Option<Part>, value: f32, origin: Origin| {
        if value == 0.0 {
            return;
        }
        if signal.is_field() {
            sink(signal.index(Some(Slot::Any)) as u32, value, origin);
            if part == Some(Part::Name) {
                sink(signal.index(Some(Slot::Name)) as u32, value, origin);
            }
        } else {
            sink(signal.index(None) as u32, value, origin);
        }
    };
    named_part(prepared, Part::Name, &name, &mut named_sink);
    named_part(prepared, Part::Text, &text, &mut named_sink);
    named_comment(prepared, context, &name, &text, &mut named_sink);
}

/// The hashed features of [`extract`], in the same order.
pub fn extract_hashed(
    prepared: &Prepared,
    hash_bits: u32,
    sink: &mut impl FnMut(u32, f32, Origin),
) {
    let mask = (1u32 << hash_bits) - 1;
    let mut hashed = |hash: u64, value: f32, origin: Origin| {
        sink(signals::COUNT as u32 + (hash as u32 & mask), value, origin);
    };
    hashed_name(&prepared.name, &mut hashed);
    hashed_text(&prepared.text, &mut hashed);
    hashed_emoji(prepared, &mut hashed);
    hashed_links(&prepared.links, &mut hashed);
}

type NamedSink<'s> = dyn FnMut(Signal, Option<Part>, f32, Origin) + 's;

fn named_part(prepared: &Prepared, part: Part, reading: &Reading, sink: &mut NamedSink) {
    let (folded, hits) = prepared.part(part);
    let greeting_counts = part == Part::Text && greeting_only(folded, hits);
    let at = Some(part);

    // Concepts: each hit reported (at most two a concept) so its phrase can
    // be quoted.
    let mut seen = [0u8; 2 * Concept::COUNT];
    let mut reversed = false;
    let mut disguised = false;
    for (k, hit) in hits.iter().enumerate() {
        if !counts(hit, greeting_counts) {
            continue;
        }
        let origin = Origin::Lexicon(part, k);
        if hit.reversed && !reversed {
            // A lure written backwards counts as the lure it is, and the
            // reversal as a disguise of its own.
            reversed = true;
            sink(Signal::Reversed, at, 1.0, origin);
        }
        let slot = 2 * hit.concept.index() + usize::from(hit.inside_word);
        if seen[slot] >= 2 {
            continue;
        }
        seen[slot] += 1;
        let signal = if hit.inside_word {
            Signal::ConceptInside(hit.concept)
        } else {
            Signal::Concept(hit.concept)
        };
        sink(signal, at, 1.0, origin);
        let words_disguised = folded.words[hit.first_word..hit.end_word]
            .iter()
            .any(|w| w.disguise & !normalize::DISGUISE_INVISIBLE != 0);
        if hit.concept.is_lure() && words_disguised && !disguised {
            disguised = true;
            sink(Signal::DisguisedLure, at, 1.0, origin);
        }
    }

    // Disguises count once a field: one fancy name is as telling as three.
    let d = &folded.disguises;
    let capped = |n: u32| f32::from(n > 0);
    let field = Origin::Field(part);
    sink(Signal::MixedScript, at, capped(d.mixed_script_words), field);
    if d.letters > 0 {
        sink(
            Signal::Fancy,
            at,
            d.fancy_letters as f32 / d.letters as f32,
            field,
        );
    }
    sink(Signal::Leet, at, capped(d.leet_words), field);
    sink(Signal::Masked, at, capped(d.masked_words), field);
    sink(Signal::Spaced, at, capped(d.spaced_words), field);
    sink(
        Signal::Invisible,
        at,
        f32::from(d.invisible > 0 || d.right_to_left_override),
        field,
    );
    // Emoji count once: fans write 💋💋💋 as often as bots do.
    let present = |n: u32| f32::from(n > 0);
    sink(Signal::EmojiSexual, at, present(reading.emoji[0]), field);
    sink(Signal::EmojiAffection, at, present(reading.emoji[1]), field);
    sink(Signal::EmojiPointing, at, present(reading.emoji[2]), field);
    sink(
        Signal::AgeGate,
        at,
        f32::from(has_age_gate(prepared.original(part))),
        field,
    );
}

/// Whether a text says "18+" (or "+18", "18 +").
fn has_age_gate(text: &str) -> bool {
    text.contains('+')
        && text.match_indices("18").any(|(i, _)| {
            text[..i].ends_with('+') || text[i + 2..].trim_start_matches(' ').starts_with('+')
        })
}

/// Whether a text holds a phone number or an SMS short code: a run of at
/// least five digits, single spaces, dots or dashes allowed between them
/// (`Txt CHAT to 86688`, `0871 246 0324`). Times and years are shorter.
fn has_phone_number(text: &str) -> bool {
    // Most texts hold fewer than five digits in all (a quick count).
    if text.bytes().filter(u8::is_ascii_digit).count() < 5 {
        return false;
    }
    // Bytes, not characters: digits and separators are ASCII, and any other
    // character, however many bytes long, breaks a run alike.
    let mut digits = 0;
    let mut previous_separator = false;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            digits += 1;
            previous_separator = false;
            if digits >= 5 {
                return true;
            }
        } else if matches!(b, b' ' | b'-' | b'.') && digits > 0 && !previous_separator {
            previous_separator = true;
        } else {
            digits = 0;
            previous_separator = false;
        }
    }
    false
}

/// Whether a text is nothing but a short greeting or exclamation ("Hii guys").
fn greeting_only(text: &Folded, hits: &[Hit]) -> bool {
    let words = text.words.len();
    (1..=4).contains(&words)
        && (0..words).all(|w| {
            hits.iter().any(|h| {
                h.concept == Concept::Greeting
                    && !h.reversed
                    && (h.first_word..h.end_word).contains(&w)
            })
        })
}

/// The concepts that, in a name, give the reader an order ("go to my
/// channel", "text me", "live now").
const ORDERS: [Concept; 3] = [Concept::Pointer, Concept::Invitation, Concept::Live];

/// Whether a concept gives an order when it is in a name.
pub fn is_order(concept: Concept) -> bool {
    ORDERS.contains(&concept)
}

/// Whether a name is written as a handle (one token such as `@lena.cam` or
/// `lily_babe_4you`) rather than as a display name with spaces.
fn is_handle(name: &str) -> bool {
    let name = name.trim();
    name.chars().count() >= 3
        && !name.contains(char::is_whitespace)
        && (name.starts_with('@')
            || name.contains(['.', '_'])
            || name.chars().any(|c| c.is_ascii_digit()))
}

fn named_comment(
    prepared: &Prepared,
    context: PageContext,
    name: &Reading,
    text: &Reading,
    sink: &mut NamedSink,
) {
    let whole = Origin::Named;
    let text_empty = prepared.text.words.is_empty() && prepared.text.emoji.is_empty();
    sink(Signal::TextEmpty, None, f32::from(text_empty), whole);
    sink(
        Signal::GreetingOnly,
        None,
        f32::from(greeting_only(&prepared.text, &prepared.text_hits)),
        whole,
    );

    let links = &prepared.links;
    let flag = |b: bool| f32::from(b);
    sink(Signal::LinkAny, None, flag(!links.hosts.is_empty()), whole);
    sink(Signal::LinkAdult, None, flag(links.adult.is_some()), whole);
    sink(
        Signal::LinkCheapTld,
        None,
        flag(links.cheap_tld.is_some()),
        whole,
    );
    sink(
        Signal::LinkShortener,
        None,
        flag(links.shortener.is_some()),
        whole,
    );
    sink(
        Signal::LinkMessenger,
        None,
        flag(links.messenger.is_some()),
        whole,
    );
    sink(
        Signal::DomainInText,
        None,
        flag(links.domain_in_text),
        whole,
    );
    let link_only = text_empty && prepared.name.words.is_empty() && !links.hosts.is_empty();
    sink(Signal::LinkOnly, None, flag(link_only), whole);
    sink(
        Signal::LinkOnlyNotAdult,
        None,
        flag(link_only && links.adult.is_none()),
        whole,
    );
    let copied = context.copied && !prepared.comment.trusted && prepared.name_is_suspicious();
    sink(Signal::CopiedSuspiciousName, None, flag(copied), whole);

    // Combinations of concepts: the same in every language. Counter-evidence
    // (a game-currency scam, people talking about bots, sex education)
    // means mild words are not a lure, so nothing combines, unless the
    // comment is plainly sexual.
    let all = name.concepts.union(text.concepts);
    let strongly_sexual = all.any(|c| c.is_sexual() && !matches!(c, Concept::Vulgar));
    if all.any(Concept::is_counter_evidence) && !strongly_sexual {
        return;
    }
    let sexual_emoji = name.emoji[0] + text.emoji[0] > 0;
    let flirty = name.flirty() || text.flirty();
    // The origin of a concept: where it was first found, the name first.
    let origin = |concept: Concept| {
        name.origin(Part::Name, concept)
            .or_else(|| text.origin(Part::Text, concept))
    };
    let mut combination = |signal: Signal, origin: Option<Origin>| {
        if let Some(origin) = origin {
            sink(signal, None, 1.0, origin);
        }
    };

    let sexual = all.any(Concept::is_sexual) || sexual_emoji;
    if sexual {
        combination(Signal::PointerWithSexual, origin(Concept::Pointer));
    }
    // The phrase first: most comments have none, and then the text need
    // not be searched for a phone number.
    let sexual_origin = Concept::ALL
        .iter()
        .filter(|c| (c.is_sexual() && **c != Concept::Vulgar) || **c == Concept::Availability)
        .find_map(|&c| origin(c));
    if sexual_origin.is_some()
        && (!links.hosts.is_empty() || has_phone_number(prepared.original(Part::Text)))
    {
        combination(Signal::SexualWithContact, sexual_origin);
    }
    let self_described = all.any(|c| {
        matches!(
            c,
            Concept::Availability
                | Concept::Body
                | Concept::Suggestive
                | Concept::Explicit
                | Concept::Vulgar
        )
    });
    if self_described {
        combination(Signal::InvitationWithSelf, origin(Concept::Invitation));
    }

    let order = ORDERS.iter().find_map(|&c| name.origin(Part::Name, c));
    combination(Signal::NameGivesOrder, order);
    let name_lure = name
        .concepts
        .any(|c| c.is_sexual() || matches!(c, Concept::Suggestive | Concept::Availability))
        || name.flirty();
    if name_lure {
        combination(Signal::NameOrderWithLure, order);
    }
    // A handle that reads like an adult account: a sexual or cam word in
    // it, or two suggestive ones (`sexy.lena.cam`, `lily.babe_4you`); one
    // mild word alone is an ordinary handle (`@hot_mama_cooks`).
    if is_handle(prepared.original(Part::Name)) {
        let adult = |c: Concept| c.is_sexual() || c == Concept::Live;
        let suggestive = prepared
            .name_hits
            .iter()
            .filter(|h| h.concept == Concept::Suggestive && !h.inside_word)
            .count();
        if name.concepts.any(adult) || suggestive >= 2 {
            let handle_origin = Concept::ALL
                .iter()
                .filter(|&&c| adult(c) || c == Concept::Suggestive)
                .find_map(|&c| name.origin(Part::Name, c));
            combination(Signal::HandleLure, handle_origin);
        }
    }

    // A lure with flirty emoji, and a lure in a short text: the Instagram
    // bots' one-liners ("check my story 😘").
    let lures = || Concept::ALL.into_iter().filter(|c| c.is_lure());
    if flirty {
        combination(Signal::LureWithEmoji, lures().find_map(origin));
    }
    if prepared.text.words.len() <= 8 {
        let text_lure = lures().find_map(|c| text.origin(Part::Text, c));
        combination(Signal::LureInShortText, text_lure);
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
    let mut h = crate::hash::fnv1a_from(
        0xcbf2_9ce4_8422_2325u64 ^ namespace.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        bytes,
    );
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
    hash_packed(namespace, packed, window.len())
}

/// [`hash_window`] of a window of `length` bytes already packed into a word
/// (the first byte lowest).
#[inline]
fn hash_packed(namespace: u64, packed: u64, length: usize) -> u64 {
    let mut h = packed ^ namespace.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((length as u64) << 58);
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// A value of [`hash`] on a fixed input: part of the model's fingerprint, so
/// a changed hash function makes the old model refuse to load.
pub(crate) fn hash_probe() -> u64 {
    hash(7, b"schild") ^ hash_window(7, b"sch").rotate_left(1)
}

/// The 4-grams of `word` with `<` `>` around it, hashed in order: the
/// window slides over the bytes packed into one word, so neither the padded
/// word nor any window is copied.
fn padded_4grams(word: &[u8], namespace: u64, mut emit: impl FnMut(u64)) {
    let namespace = namespace + (4 << 8);
    // The last four bytes read, the oldest lowest (as `hash_window` packs
    // them), starting with the `<`.
    let mut packed = u64::from(b'<') << 24;
    for (i, &b) in word.iter().enumerate() {
        packed = (packed >> 8) | (u64::from(b) << 24);
        // The first window ends at the word's third byte.
        if i >= 2 {
            emit(hash_packed(namespace, packed, 4));
        }
    }
    if word.len() >= 2 {
        packed = (packed >> 8) | (u64::from(b'>') << 24);
        emit(hash_packed(namespace, packed, 4));
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
        let word = name.squeezed_bytes(index);
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
        sink(
            hash(namespace::NAME_WORD, name.squeezed_bytes(index)),
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
    // Words longer than this are cut for their n-grams (no word of a
    // language is; runs of letters are not words).
    const LONGEST: usize = 62;
    let pairs = words.len() - 1;
    let ngram_count: usize = (0..words.len())
        .map(|i| {
            let len = text.squeezed_bytes(i).len().min(LONGEST) + 2;
            len.saturating_sub(3)
        })
        .sum();
    let scale_words = 1.0 / ((words.len() + pairs) as f32).sqrt();
    let scale_ngrams = 1.0 / (ngram_count.max(1) as f32).sqrt();

    let mut previous: Option<u64> = None;
    for index in 0..words.len() {
        let word = text.squeezed_bytes(index);
        let word_hash = hash(namespace::TEXT_WORD, word);
        sink(word_hash, scale_words, Origin::Word(Part::Text, index));
        if let Some(previous) = previous {
            let pair = hash(
                namespace::TEXT_PAIR,
                &(previous ^ word_hash.rotate_left(17)).to_le_bytes(),
            );
            sink(pair, scale_words, Origin::Word(Part::Text, index));
        }
        previous = Some(word_hash);
        let bytes = &word[..word.len().min(LONGEST)];
        padded_4grams(bytes, namespace::TEXT_NGRAM, |h| {
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
                if (index as usize) < signals::COUNT {
                    out.push((signals::feature_name(index as usize), value));
                }
            },
        );
        out
    }

    fn has(features: &[(String, f32)], name: &str) -> bool {
        features.iter().any(|(n, v)| n == name && *v > 0.0)
    }

    #[test]
    fn a_disguised_lure_name_lights_up_the_right_features() {
        let f = features(&Comment::new("Hii", "F?СК MЕ. ТАP ON MY Р1С"));
        for name in [
            "any:concept:vulgar",
            "name:concept:vulgar",
            "name:concept:pointer",
            "name:disguised-lure",
            "name-gives-order",
            "name-order-with-lure",
            "name:mixed-script",
            "name:masked",
            "text-greeting-only",
        ] {
            assert!(has(&f, name), "{name} missing from {f:?}");
        }
    }

    #[test]
    fn a_text_signal_has_no_name_weight() {
        let f = features(&Comment::new("nudes", "@alice"));
        assert!(has(&f, "any:concept:explicit"), "{f:?}");
        assert!(!has(&f, "name:concept:explicit"), "{f:?}");
    }

    #[test]
    fn an_ordinary_comment_has_no_lure_features() {
        let f = features(&Comment::new(
            "The flip at 2:05 was great 😂",
            "@alice-cooks",
        ));
        assert!(
            f.iter()
                .all(|(n, _)| !n.contains("concept") && !n.contains("mixed")),
            "{f:?}"
        );
    }

    #[test]
    fn copying_counts_only_with_a_suspicious_name() {
        let count = |author: &str| {
            let comment = Comment::new("I love this song so much, it takes me back", author);
            let prepared = Prepared::new(&comment);
            let mut copied = 0.0;
            let index = Signal::CopiedSuspiciousName.index(None) as u32;
            extract(
                &prepared,
                PageContext { copied: true },
                16,
                &mut |i, v, _| {
                    if i == index {
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
    fn phone_numbers_and_short_codes_are_found() {
        assert!(has_phone_number("Txt CHAT to 86688 now"));
        assert!(has_phone_number("call 0871 246 0324"));
        assert!(!has_phone_number("at 2:05 in 2019, 1000 views"));
        assert!(!has_phone_number("1 2 3 4"));
    }

    #[test]
    fn handles_are_told_from_display_names() {
        assert!(is_handle("sexy.lena.cam"));
        assert!(is_handle("@lily_babe_4you"));
        assert!(is_handle("anna.x.2003"));
        assert!(!is_handle("Cam Johnson"));
        assert!(!is_handle("Lisa 🌸"));
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
    fn sliding_4grams_hash_like_the_windows_of_the_padded_word() {
        for word in ["", "a", "ab", "abc", "hello", "ㅋㅋ", "voce"] {
            let padded = format!("<{word}>");
            let windows: Vec<u64> = padded
                .as_bytes()
                .windows(4)
                .map(|w| hash_window(namespace::TEXT_NGRAM + (4 << 8), w))
                .collect();
            let mut slid = Vec::new();
            padded_4grams(word.as_bytes(), namespace::TEXT_NGRAM, |h| slid.push(h));
            assert_eq!(slid, windows, "{word:?}");
        }
    }

    #[test]
    fn huge_text_is_cut() {
        let comment = Comment::new("é".repeat(100_000), "x");
        let prepared = Prepared::new(&comment);
        assert!(prepared.text.text.len() <= MAX_TEXT_BYTES);
    }
}
