//! Undoes the disguises bots put on words, so that `𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎`, `H0T vídeo`
//! and `ʜᴏᴛ ᴠɪᴅᴇᴏ` all read `hot video`, and records *that* they were
//! disguised, which is evidence in itself.
//!
//! A field (a name or a comment text) is folded into [`Folded`]: lowercase
//! words of letters and digits separated by single spaces, the emoji it
//! contained, and [`Disguises`] counts. Each word remembers where it came
//! from in the original, so a reason can quote what the person saw.
//!
//! Per character:
//! - invisible characters (zero-width, bidi controls, variation selectors)
//!   are dropped without breaking the word, so `s\u{200B}ex` reads `sex`;
//! - emoji are set aside and break words;
//! - Latin letters with diacritics lose them (canonical decomposition from
//!   `unicode-normalization`);
//! - other look-alikes — mathematical, fullwidth, circled, squared, small-caps
//!   and superscript letters, Cyrillic and Greek homoglyphs — go through
//!   `decancer`'s confusables table. Scripts that are real writing rather
//!   than disguise (CJK, Korean, Arabic, Hebrew, Indic, Thai) are kept.
//!
//! Per word (a run between spaces, emoji and hard punctuation):
//! - digits and `!@$|` between letters are read as letters (`H0rny`, `L!ve`);
//! - masking symbols between letters become `*`, a wildcard (`F?СК` →
//!   `f*ck`, `S*Х` → `s*x`); brackets around one letter vanish (`T[A]P`);
//! - single letters split by dots or dashes are joined (`S.E.X` → `sex`),
//!   as are runs of spaced single letters (`s e x`);
//! - a lowercase-to-uppercase step splits words (`MyHotVideo`).
//!
//! Folding is only for matching and features; what a person sees is always
//! the original text.

use std::sync::OnceLock;

// Derived from Unicode's decompositions by build.rs (unicode-normalization).
include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

/// Whether `c` is a combining mark (zalgo, accents, Indic vowel signs).
fn is_combining_mark(c: char) -> bool {
    let cp = c as u32;
    COMBINING_MARKS
        .binary_search_by(|&(start, end)| {
            if end < cp {
                std::cmp::Ordering::Less
            } else if start > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A name or text after undoing disguises.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The words, lowercase, separated by single spaces.
    pub text: String,
    /// One entry per word in `text`, in order.
    pub words: Vec<Word>,
    /// The words again with runs of a repeated letter squeezed to one
    /// (`hiii` → `hi`), as the lexicon and the learned features read them;
    /// `squeezed_words[i]` is the byte range of word `i` in it.
    pub squeezed: String,
    /// See `squeezed`.
    pub squeezed_words: Vec<(u32, u32)>,
    /// The emoji in the field, in order (skin tones and joiners left out).
    pub emoji: Vec<char>,
    /// How much disguise was undone.
    pub disguises: Disguises,
}

/// One folded word: where it is in [`Folded::text`] and in the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Byte range in [`Folded::text`].
    pub start: u32,
    /// End of the byte range in [`Folded::text`].
    pub end: u32,
    /// Byte range of the original field the word was read from.
    pub source_start: u32,
    /// End of the byte range in the original.
    pub source_end: u32,
    /// What was undone to read this word (`DISGUISE_*` bits).
    pub disguise: u8,
}

/// The word had digits or symbols standing in for letters (`H0rny`).
pub const DISGUISE_LEET: u8 = 1;
/// The word had masking symbols between letters (`F?CK`), now `*`.
pub const DISGUISE_MASK: u8 = 2;
/// The word was spelt with look-alike letters from decorative Unicode
/// (mathematical, circled, small caps, fullwidth…).
pub const DISGUISE_FANCY: u8 = 4;
/// The word mixed Latin with Cyrillic or Greek look-alikes (`ТАP`).
pub const DISGUISE_MIXED_SCRIPT: u8 = 8;
/// The word was spelt with separated letters (`S.E.X`, `s e x`, `T[A]P`).
pub const DISGUISE_SPACED: u8 = 16;
/// The word contained invisible characters.
pub const DISGUISE_INVISIBLE: u8 = 32;

/// Counts of the disguises undone in one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Disguises {
    /// Letters read at all.
    pub letters: u32,
    /// Letters that came from decorative Unicode (mathematical, circled…).
    pub fancy_letters: u32,
    /// Words that mixed Latin with Cyrillic or Greek letters.
    pub mixed_script_words: u32,
    /// Words with leetspeak digits or symbols.
    pub leet_words: u32,
    /// Words with masking symbols.
    pub masked_words: u32,
    /// Words spelt with separated letters.
    pub spaced_words: u32,
    /// Invisible characters (zero-width and the like).
    pub invisible: u32,
    /// Whether the field contains a right-to-left override, which shows the
    /// text after it backwards.
    pub right_to_left_override: bool,
}

impl Folded {
    /// The folded text of one word.
    pub fn word(&self, word: &Word) -> &str {
        &self.text[word.start as usize..word.end as usize]
    }

    /// Iterates over the folded words as strings.
    pub fn word_strs(&self) -> impl Iterator<Item = &str> + '_ {
        self.words.iter().map(|w| self.word(w))
    }

    /// Word `i` with repeated letters squeezed.
    pub fn squeezed_word(&self, i: usize) -> &str {
        let (start, end) = self.squeezed_words[i];
        &self.squeezed[start as usize..end as usize]
    }

    /// The bytes of [`Folded::squeezed_word`] `i`, for readers of bytes
    /// (slicing bytes checks less than slicing a `str`, which is felt at
    /// every word of every comment).
    pub fn squeezed_bytes(&self, i: usize) -> &[u8] {
        let (start, end) = self.squeezed_words[i];
        &self.squeezed.as_bytes()[start as usize..end as usize]
    }
}

/// Folds a display name or @handle. Like [`fold`], after dropping the `@`
/// and the suffix YouTube appends to generated handles (`@Júlia-s3x` is
/// "Júlia" plus a random `-s3x`, not a lure).
pub fn fold_name(name: &str) -> Folded {
    fold(name_source(name))
}

/// The part of a name [`fold_name`] reads (word offsets point into it).
pub fn name_source(name: &str) -> &str {
    strip_generated_handle_suffix(name.trim())
}

/// Folds a comment text (or any field): see the module documentation.
pub fn fold(text: &str) -> Folded {
    fold_with(text, true)
}

/// [`fold`] for a text known to be written in Cyrillic, however short: its
/// Cyrillic words stay Cyrillic even when all their letters look Latin
/// (`секс`). The lexicon folds its Cyrillic phrases both ways, to match them
/// in Russian text and in Latin text disguised with Cyrillic letters.
pub fn fold_keeping_cyrillic(text: &str) -> Folded {
    let mut out = Folded::default();
    fold_onto(text, true, &mut out, Some(true));
    out
}

/// [`fold`] into `out`, reusing its buffers (the classifier folds millions
/// of comments; allocating afresh for each was a tenth of its time).
pub fn fold_into(text: &str, out: &mut Folded) {
    out.text.clear();
    out.words.clear();
    out.squeezed.clear();
    out.squeezed_words.clear();
    out.emoji.clear();
    out.disguises = Disguises::default();
    fold_onto(text, true, out, None);
}

/// [`fold`], with or without the fast path for plain words (the tests
/// check that both read every text alike).
fn fold_with(text: &str, fast: bool) -> Folded {
    let mut out = Folded::default();
    fold_onto(text, fast, &mut out, None);
    out
}

thread_local! {
    /// The characters of the chunk being read, kept between calls.
    static CHUNK: std::cell::RefCell<Vec<Item>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Folds `text` onto an empty `out` (written in place: the buffers are
/// reused, and nothing the size of a [`Folded`] is moved around).
fn fold_onto(text: &str, fast: bool, out: &mut Folded, keep_cyrillic: Option<bool>) {
    let mut folder = Folder {
        out,
        current_end: 0,
        chunk: CHUNK.with(|c| std::mem::take(&mut *c.borrow_mut())),
        chunk_invisible: false,
        previous_lower: false,
        single_run: None,
        source: text,
        keep_cyrillic,
        squeezed_stale: false,
    };
    folder.chunk.clear();
    folder.out.text.reserve(text.len());
    folder.out.words.reserve(text.len() / 5 + 1);
    folder.out.squeezed.reserve(text.len());
    folder.out.squeezed_words.reserve(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut offset = 0;
    while offset < bytes.len() {
        if fast && folder.chunk.is_empty() {
            let b = bytes[offset];
            if b.is_ascii_whitespace()
                || (b.is_ascii_punctuation() && !is_inner_punctuation(char::from(b)))
            {
                // Between words (a space, or punctuation that can be no part
                // of a word, `:` `,` `"`): nothing to do but remember it.
                folder.previous_lower = false;
                offset += 1;
                continue;
            }
            if let Some(after) = folder.push_plain_word(text, offset) {
                // The punctuation after the word holds no letters: nothing
                // to read there.
                offset = after;
                continue;
            }
        }
        let Some(c) = text[offset..].chars().next() else {
            break;
        };
        folder.current_end = (offset + c.len_utf8()) as u32;
        folder.push(offset as u32, c);
        offset += c.len_utf8();
    }
    let chunk = folder.finish(text.len() as u32);
    CHUNK.with(|c| *c.borrow_mut() = chunk);
}

/// What [`read_plain_word`] read.
struct PlainWord {
    /// Where the word's letters (or digits) end in the original.
    end: usize,
    /// Where the punctuation after them ends.
    after: usize,
    /// Letters read (digits are no letters).
    letters: u32,
    /// Whether every folded character is ASCII (so the word was squeezed
    /// as it was read).
    ascii: bool,
    /// Whether two folded bytes in a row were equal (so squeezing changed
    /// something).
    repeats: bool,
    /// Whether the last original character was a lowercase letter.
    last_lower: bool,
}

/// The fast path for the common case: a run of plain letters (ASCII, or
/// Latin-1 letters with diacritics) without a CamelCase step, followed by
/// whitespace or the end, perhaps after punctuation (`great!`, `você,`).
/// Such a word needs none of the per-character disguise handling, so it is
/// read in one pass: each byte is looked at once, lowercased into `text` and,
/// unless it repeats the one before, into `squeezed`. None (with part of the
/// word written) if the careful path must read the word.
fn read_plain_word(
    source: &str,
    start: usize,
    text: &mut String,
    squeezed: &mut String,
) -> Option<PlainWord> {
    let bytes = source.as_bytes();
    let mut end = start;
    let mut letters = 0;
    let mut ascii = true;
    let mut repeats = false;
    let mut last_lower = false;
    // The last folded byte of the word (0: none yet).
    let mut last = 0u8;
    // A run of digits alone is a number, never leetspeak.
    while let Some(&digit) = bytes.get(end).filter(|b| b.is_ascii_digit()) {
        push_folded_ascii(digit, &mut last, &mut repeats, text, squeezed);
        end += 1;
    }
    if end == start {
        let mut previous_lower = false;
        let mut previous_letter = false;
        while let Some(&b) = bytes.get(end) {
            // The letter as folded: an ASCII byte, or a caseless letter kept
            // as it is.
            let (upper, width, folded) = match b {
                b if b.is_ascii_alphabetic() => {
                    (b.is_ascii_uppercase(), 1, Ok(b.to_ascii_lowercase()))
                }
                0xC3 => {
                    let cp = 0xC0 + u32::from(*bytes.get(end + 1)? & 0x3F);
                    let base = char::from_u32(cp).and_then(latin1_base)?;
                    (cp <= 0xDE, 2, Ok(base as u8))
                }
                // Three-byte letters of the big caseless blocks (Hangul, CJK,
                // kana), which are kept as they are.
                0xE3..=0xED => {
                    let c = source.get(end..end + 3)?.chars().next()?;
                    if !is_caseless_letter(c) && !is_hangul_jamo(c) {
                        break;
                    }
                    (false, 3, Err(c))
                }
                // An apostrophe between letters ("don't", "it’s") is dropped.
                b'\''
                    if previous_letter
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic) =>
                {
                    end += 1;
                    continue;
                }
                0xE2 if previous_letter
                    && bytes.get(end + 1..end + 3) == Some(&[0x80, 0x99])
                    && bytes.get(end + 3).is_some_and(u8::is_ascii_alphabetic) =>
                {
                    end += 3;
                    continue;
                }
                _ => break,
            };
            if upper && previous_lower {
                return None;
            }
            previous_lower = !upper;
            previous_letter = true;
            end += width;
            letters += 1;
            match folded {
                Ok(b) => {
                    push_folded_ascii(b, &mut last, &mut repeats, text, squeezed);
                    last_lower = !upper;
                }
                Err(caseless) => {
                    // Squeezed at the end (in [`Folder::push_plain_word`]).
                    text.push(caseless);
                    ascii = false;
                    last_lower = false;
                }
            }
        }
        if end == start {
            return None;
        }
    }
    Some(PlainWord {
        end,
        after: plain_word_end(source, end)?,
        letters,
        ascii,
        repeats,
        last_lower,
    })
}

/// Writes an ASCII byte of a plain word to `text` and, unless it repeats
/// the `last`, to `squeezed`.
#[inline(always)]
fn push_folded_ascii(
    b: u8,
    last: &mut u8,
    repeats: &mut bool,
    text: &mut String,
    squeezed: &mut String,
) {
    // (Masked to ASCII so pushing it needs no UTF-8 encoding.)
    let c = char::from(b & 0x7F);
    text.push(c);
    if b == *last {
        *repeats = true;
    } else {
        squeezed.push(c);
    }
    *last = b;
}

/// Where the punctuation after a plain word ends, if it then ends at
/// whitespace, at the end, or at an emoji; None if more of the word follows
/// (digits, symbols, other letters), which the careful path must read.
fn plain_word_end(source: &str, end: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut after = end;
    while after < bytes.len() && bytes[after].is_ascii_punctuation() {
        after += 1;
    }
    let emoji_follows = || {
        let c = source.get(after..after + 4)?.chars().next()?;
        emoji_base(c).map(|_| ())
    };
    let boundary = after == bytes.len()
        || bytes[after].is_ascii_whitespace()
        || (bytes[after] == 0xF0 && emoji_follows().is_some());
    boundary.then_some(after)
}

/// Letters of the big blocks of scripts without case (Hangul syllables, CJK
/// ideographs, hiragana, katakana): kept as they are, no questions asked.
fn is_caseless_letter(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA)
}

/// Hangul compatibility jamo (`ㅋㅋㅋ`, Korean laughter): caseless letters
/// too, but squeezed like other letters, unlike [`is_caseless_letter`].
fn is_hangul_jamo(c: char) -> bool {
    matches!(c as u32, 0x3131..=0x318E)
}

/// The base letter of a Latin-1 letter with a diacritic (`é` → `e`),
/// derived once from the canonical decompositions; None for letters without
/// one (`ß`, `æ`, `ø`, `ð`, `þ`) and for `×`, `÷`.
fn latin1_base(c: char) -> Option<char> {
    static TABLE: OnceLock<[u8; 64]> = OnceLock::new();
    let index = (c as u32).checked_sub(0xC0).filter(|&i| i < 64)?;
    let table = TABLE.get_or_init(|| {
        let mut table = [0u8; 64];
        for (i, slot) in table.iter_mut().enumerate() {
            let letter = char::from_u32(0xC0 + i as u32).and_then(latin_base);
            *slot = letter.map_or(0, |l| l as u8);
        }
        table
    });
    Some(table[index as usize])
        .filter(|&b| b != 0)
        .map(char::from)
}

/// `@Name-k2x` → `@Name`: YouTube's generated handles end in a hyphen and
/// three to five lowercase letters and digits, at least one a digit.
fn strip_generated_handle_suffix(name: &str) -> &str {
    if !name.starts_with('@') {
        return name;
    }
    if let Some(dash) = name.rfind('-') {
        let suffix = &name[dash + 1..];
        let generated = (3..=5).contains(&suffix.len())
            && suffix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && suffix.bytes().any(|b| b.is_ascii_digit());
        if generated && dash > 1 {
            return &name[..dash];
        }
    }
    name
}

/// What one original character contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A letter (lowercase), with the script it was written in.
    Letter(char, Script),
    /// A digit 0–9.
    Digit(char),
    /// Punctuation that may belong to a word (masks, leet symbols, brackets,
    /// dots, dashes, apostrophes).
    Inner(char),
}

/// The script a letter was written in, as far as disguises are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    /// Decorative Unicode letters: mathematical, enclosed, fullwidth, small
    /// caps, modifier (superscript) letters, letterlike symbols.
    Fancy,
    /// Anything else (kept as written, or folded from other scripts).
    Other,
}

/// One character of the word being assembled.
#[derive(Debug, Clone, Copy)]
struct Item {
    piece: Piece,
    /// Byte range of the original character.
    offset: u32,
    end: u32,
    /// Whether the original character was an uppercase letter after a
    /// lowercase one (a possible CamelCase step).
    upper_after_lower: bool,
    /// Whether the original character was a lowercase letter.
    lower: bool,
}

struct Folder<'a> {
    out: &'a mut Folded,
    /// End (byte offset) of the original character being pushed.
    current_end: u32,
    /// Characters of the current chunk (between separators).
    chunk: Vec<Item>,
    /// Invisible characters seen inside the current chunk.
    chunk_invisible: bool,
    /// Whether the previous original character was a lowercase letter.
    previous_lower: bool,
    /// Start of the current run of single-letter words (for `s e x`).
    single_run: Option<usize>,
    /// The field being read.
    source: &'a str,
    /// The field is written in Cyrillic (it has letters no Latin letter
    /// looks like): its Cyrillic words are kept as they are, and Latin
    /// look-alikes inside them are read as the Cyrillic letters they copy.
    /// None until a Cyrillic letter asks (see [`Folder::keeps_cyrillic`]).
    keep_cyrillic: Option<bool>,
    /// Words were merged after they were squeezed (see [`Folder::finish`]).
    squeezed_stale: bool,
}

impl Folder<'_> {
    /// Whether the field is written in Cyrillic, found out when a Cyrillic
    /// letter first asks: most fields have none, and need no look at it.
    fn keeps_cyrillic(&mut self) -> bool {
        *self
            .keep_cyrillic
            .get_or_insert_with(|| writes_cyrillic(self.source))
    }

    fn push(&mut self, offset: u32, c: char) {
        if is_invisible(c) {
            self.out.disguises.invisible += 1;
            if matches!(c, '\u{202E}' | '\u{2067}') {
                self.out.disguises.right_to_left_override = true;
            }
            self.chunk_invisible |= !self.chunk.is_empty();
            return;
        }
        if c.is_ascii() {
            self.push_ascii(offset, c);
            return;
        }
        // The big letter blocks of scripts without case: no questions asked.
        if is_caseless_letter(c) {
            self.add(offset, Piece::Letter(c, Script::Other), false);
            self.previous_lower = false;
            return;
        }
        if let Some(base) = latin1_base(c) {
            let upper = (c as u32) <= 0xDE;
            self.add(offset, Piece::Letter(base, Script::Latin), upper);
            self.previous_lower = !upper;
            return;
        }
        if let Some(emoji) = emoji_base(c) {
            self.end_chunk(offset);
            if let Some(emoji) = emoji {
                self.out.emoji.push(emoji);
            }
            self.previous_lower = false;
            return;
        }
        if c.is_whitespace() {
            self.end_chunk(offset);
            self.previous_lower = false;
            return;
        }
        let is_upper = c.is_uppercase();
        self.push_folded(offset, c, is_upper);
        self.previous_lower = c.is_lowercase();
    }

    /// Reads a plain word at `start` on the fast path ([`read_plain_word`]):
    /// copied lowercase, diacritics dropped, no disguise. Returns where the
    /// punctuation after it ends, or None (nothing written) if the careful
    /// path must read it.
    fn push_plain_word(&mut self, text: &str, start: usize) -> Option<usize> {
        let (text_length, squeezed_length) = (self.out.text.len(), self.out.squeezed.len());
        let out_start = self.begin_word();
        let squeezed_start = self.begin_squeezed();
        let Some(read) = read_plain_word(text, start, &mut self.out.text, &mut self.out.squeezed)
        else {
            self.out.text.truncate(text_length);
            self.out.squeezed.truncate(squeezed_length);
            return None;
        };
        self.out.disguises.letters += read.letters;
        let out = &mut self.out;
        let disguise = if read.ascii {
            if read.repeats {
                squeeze_single_letter(&out.text[out_start..], squeezed_start, &mut out.squeezed);
            }
            0
        } else {
            // Kanji that copy katakana are read as katakana before
            // squeezing, as on the careful path.
            let disguise = katakana_look_alikes(&mut out.text, out_start);
            out.squeezed.truncate(squeezed_start);
            squeeze_onto(&out.text[out_start..], &mut out.squeezed);
            disguise
        };
        self.add_word(
            out_start,
            squeezed_start,
            start as u32,
            read.end as u32,
            disguise,
        );
        self.previous_lower = read.last_lower;
        Some(read.after)
    }

    fn push_ascii(&mut self, offset: u32, c: char) {
        let piece = match c {
            'a'..='z' => Piece::Letter(c, Script::Latin),
            'A'..='Z' => Piece::Letter(c.to_ascii_lowercase(), Script::Latin),
            '0'..='9' => Piece::Digit(c),
            c if is_inner_punctuation(c) => Piece::Inner(c),
            _ => {
                self.end_chunk(offset);
                self.previous_lower = false;
                return;
            }
        };
        let upper = c.is_ascii_uppercase();
        self.add(offset, piece, upper);
        self.previous_lower = c.is_ascii_lowercase();
    }

    /// A non-ASCII character that is not an emoji, whitespace or invisible.
    fn push_folded(&mut self, offset: u32, c: char, is_upper: bool) {
        let script = script_of(c);
        // ß is "ss" (Unicode full case folding); decancer reads it as "b".
        if matches!(c, 'ß' | 'ẞ') {
            self.add(offset, Piece::Letter('s', Script::Latin), is_upper);
            self.add(offset, Piece::Letter('s', Script::Latin), false);
            return;
        }
        // Latin letters with diacritics: drop the marks. (decancer 3.3.3 maps
        // ó, ô, õ to p, q, r, so it must not see them.)
        if script == Script::Latin {
            if let Some(base) = latin_base(c) {
                self.add(offset, Piece::Letter(base, Script::Latin), is_upper);
                return;
            }
        }
        if keeps_its_script(c) {
            if is_arabic_vowel_mark(c) {
                return; // optional short vowels: people mostly leave them out
            }
            // (Caseless letters first: `is_alphanumeric` is a slow table
            // search outside ASCII.)
            if is_caseless_letter(c) || c.is_alphanumeric() || is_combining_mark(c) {
                // Vowel signs of Indic scripts and Thai are letters of the word.
                let letter = arabic_base(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c));
                self.add(offset, Piece::Letter(letter, Script::Other), false);
            } else {
                self.end_chunk(offset);
            }
            return;
        }
        if is_combining_mark(c) {
            return; // zalgo and stray accents
        }
        if script == Script::Cyrillic && self.keeps_cyrillic() && c.is_alphabetic() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            self.add(offset, Piece::Letter(lower, Script::Cyrillic), is_upper);
            return;
        }
        let mut first = true;
        let mut any = false;
        for folded in cure(c) {
            any = true;
            let piece = if folded.is_ascii_digit() {
                Piece::Digit(folded)
            } else if folded.is_alphabetic() {
                Piece::Letter(folded, script)
            } else if folded.is_ascii() && is_inner_punctuation(folded) {
                Piece::Inner(folded)
            } else {
                self.end_chunk(offset);
                continue;
            };
            self.add(offset, piece, is_upper && first);
            first = false;
        }
        if !any && !c.is_alphanumeric() {
            self.end_chunk(offset);
        }
    }

    fn add(&mut self, offset: u32, piece: Piece, is_upper: bool) {
        let upper_after_lower = is_upper && self.previous_lower;
        let lower = !is_upper && matches!(piece, Piece::Letter(..));
        self.chunk.push(Item {
            piece,
            offset,
            end: self.current_end,
            upper_after_lower,
            lower,
        });
    }

    /// Ends the current chunk at `offset` and turns it into words.
    fn end_chunk(&mut self, _offset: u32) {
        if self.chunk.is_empty() {
            self.chunk_invisible = false;
            return;
        }
        let chunk = std::mem::take(&mut self.chunk);
        let invisible = std::mem::take(&mut self.chunk_invisible);
        self.emit_chunk(&chunk, invisible);
        self.chunk = chunk;
        self.chunk.clear();
    }

    fn emit_chunk(&mut self, items: &[Item], invisible: bool) {
        // Trim punctuation at the edges: "(don't", "name)!!", "@alice"; but
        // a leading '$' before a letter is an S ("$ex").
        let keeps = |k: usize| match items[k].piece {
            Piece::Inner('$') => is_letter(items.get(k + 1).map(|i| i.piece)),
            Piece::Inner(_) => false,
            _ => true,
        };
        let Some(first) = (0..items.len()).find(|&k| keeps(k)) else {
            return;
        };
        let Some(last) = (0..items.len()).rfind(|&k| keeps(k)) else {
            return;
        };
        let items = &items[first..=last];

        // Split into parts at CamelCase steps and at separators between
        // multi-letter parts ("hot-dates", "madison[h0rny"); separators
        // between single letters join them ("s.e.x", "t[a]p").
        let mut part_start = 0;
        for i in 1..items.len() {
            if i <= part_start {
                continue;
            }
            // "MyHotVideo" splits; "ChanneI" and "LiVE" do not.
            if items[i].upper_after_lower
                && items.get(i + 1).is_some_and(|next| next.lower)
                && !(items[i].piece == Piece::Letter('i', Script::Latin)
                    && capital_i_for_l(items, i))
            {
                self.emit_word(&items[part_start..i], invisible);
                part_start = i;
            } else if splits_word(items, i) {
                self.emit_word(&items[part_start..i], invisible);
                part_start = i + 1;
            }
        }
        self.emit_word(&items[part_start..], invisible);
    }

    /// Reads one word's characters into the folded text.
    fn emit_word(&mut self, items: &[Item], invisible: bool) {
        // Trim separators left at the edges of a part (but not an S-like $).
        let Some(first) = (0..items.len()).find(|&k| match items[k].piece {
            Piece::Inner('$') => is_letter(items.get(k + 1).map(|i| i.piece)),
            Piece::Inner(_) => false,
            _ => true,
        }) else {
            return;
        };
        let Some(last) = items
            .iter()
            .rposition(|i| !matches!(i.piece, Piece::Inner(_)))
        else {
            return;
        };
        let items = &items[first..=last];
        let source_start = items[0].offset;
        let source_end = items[items.len() - 1].end;
        let letters = items
            .iter()
            .filter(|i| matches!(i.piece, Piece::Letter(..)))
            .count();
        let digits = items
            .iter()
            .filter(|i| matches!(i.piece, Piece::Digit(_)))
            .count();
        let mut disguise = if invisible { DISGUISE_INVISIBLE } else { 0 };
        let (mut latin, mut cyrillic_or_greek) = (false, false);
        // In a Cyrillic field, a Latin look-alike inside a Cyrillic word is
        // read as the Cyrillic letter it copies (`пoрнo` with Latin o).
        let as_cyrillic = items
            .iter()
            .any(|i| matches!(i.piece, Piece::Letter(_, Script::Cyrillic)))
            && self.keeps_cyrillic();

        let start = self.begin_word();
        for (k, item) in items.iter().enumerate() {
            let before = k.checked_sub(1).and_then(|j| items.get(j)).map(|i| i.piece);
            let after = items.get(k + 1).map(|i| i.piece);
            match item.piece {
                Piece::Letter('i', Script::Latin) if capital_i_for_l(items, k) => {
                    disguise |= DISGUISE_LEET;
                    self.out.text.push('l');
                    self.out.disguises.letters += 1;
                    latin = true;
                }
                Piece::Letter(c, script) => {
                    let c = match script {
                        Script::Latin | Script::Fancy if as_cyrillic => {
                            cyrillic_look_alike(c).unwrap_or(c)
                        }
                        _ => c,
                    };
                    self.out.text.push(c);
                    self.out.disguises.letters += 1;
                    match script {
                        Script::Latin => latin = true,
                        Script::Fancy => {
                            latin = true;
                            disguise |= DISGUISE_FANCY;
                            self.out.disguises.fancy_letters += 1;
                        }
                        Script::Cyrillic | Script::Greek => cyrillic_or_greek = true,
                        Script::Other => {}
                    }
                }
                Piece::Digit(d) => {
                    // Brackets around a digit do not hide it (`S[3]X`).
                    let before = neighbour(items, k, -1);
                    let after = neighbour(items, k, 1);
                    let as_letter = leet_digit(d).filter(|_| {
                        letters > 0
                            && digits <= letters
                            && (is_letter(before) || is_letter(after))
                            && !is_digit(before)
                            && !is_digit(after)
                    });
                    match as_letter {
                        Some(letter) => {
                            disguise |= DISGUISE_LEET;
                            self.out.text.push(letter);
                        }
                        None => self.out.text.push(d),
                    }
                }
                Piece::Inner(p) => {
                    let between_letters = is_letterish(before) && is_letterish(after);
                    let leading_s = p == '$' && k == 0 && is_letter(after);
                    if let (Some(letter), true) = (leet_symbol(p), between_letters || leading_s) {
                        disguise |= DISGUISE_LEET;
                        self.out.text.push(letter);
                    } else if is_mask(p) && between_letters {
                        disguise |= DISGUISE_MASK;
                        self.out.text.push('*');
                    } else if is_separator(item.piece) && letters > 1 {
                        // Separators between single letters: "s.e.x", "t[a]p".
                        disguise |= DISGUISE_SPACED;
                    }
                    // Apostrophes and other inner marks are simply dropped.
                }
            }
        }
        if latin && cyrillic_or_greek {
            disguise |= DISGUISE_MIXED_SCRIPT;
        }
        self.end_word(start, source_start, source_end, disguise);
    }

    fn begin_word(&mut self) -> usize {
        if !self.out.text.is_empty() {
            self.out.text.push(' ');
        }
        self.out.text.len()
    }

    /// Where the next word's squeezed form starts (after a space).
    fn begin_squeezed(&mut self) -> usize {
        if !self.out.squeezed.is_empty() {
            self.out.squeezed.push(' ');
        }
        self.out.squeezed.len()
    }

    fn end_word(&mut self, start: usize, source_start: u32, source_end: u32, disguise: u8) {
        let disguise = disguise | katakana_look_alikes(&mut self.out.text, start);
        let end = self.out.text.len();
        if end == start {
            // Nothing was written (only dropped marks): undo the space.
            if self.out.text.ends_with(' ') {
                self.out.text.pop();
            }
            return;
        }
        let squeezed_start = self.begin_squeezed();
        squeeze_onto(&self.out.text[start..end], &mut self.out.squeezed);
        self.add_word(start, squeezed_start, source_start, source_end, disguise);
    }

    /// Records a word written from `start` in the text (to its end) and from
    /// `squeezed_start` in the squeezed text.
    fn add_word(
        &mut self,
        start: usize,
        squeezed_start: usize,
        source_start: u32,
        source_end: u32,
        disguise: u8,
    ) {
        let d = &mut self.out.disguises;
        if disguise & DISGUISE_LEET != 0 {
            d.leet_words += 1;
        }
        if disguise & DISGUISE_MASK != 0 {
            d.masked_words += 1;
        }
        if disguise & DISGUISE_MIXED_SCRIPT != 0 {
            d.mixed_script_words += 1;
        }
        if disguise & DISGUISE_SPACED != 0 {
            d.spaced_words += 1;
        }
        self.out.words.push(Word {
            start: start as u32,
            end: self.out.text.len() as u32,
            source_start,
            source_end,
            disguise,
        });
        self.out
            .squeezed_words
            .push((squeezed_start as u32, self.out.squeezed.len() as u32));
        self.track_single_letters();
    }

    /// Joins runs of three or more single-letter words ("s e x" → "sex").
    fn track_single_letters(&mut self) {
        let last = self.out.words.len() - 1;
        let word = self.out.words[last];
        let single = word.end - word.start == 1
            && self.out.text[word.start as usize..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if !single {
            self.join_single_run();
            self.single_run = None;
            return;
        }
        self.single_run.get_or_insert(last);
    }

    fn join_single_run(&mut self) {
        let Some(run_start) = self.single_run else {
            return;
        };
        // The run is the single-letter words before the last word pushed.
        let run_end = self.out.words.len() - 1;
        if run_end - run_start < 3 {
            return;
        }
        self.merge_words(run_start, run_end);
    }

    /// Merges words `from..to` into one word without spaces.
    fn merge_words(&mut self, from: usize, to: usize) {
        let first = self.out.words[from];
        let last = self.out.words[to - 1];
        let merged: String = self.out.words[from..to]
            .iter()
            .map(|w| &self.out.text[w.start as usize..w.end as usize])
            .collect();
        let tail = self.out.text[last.end as usize..].to_string();
        let tail_words: Vec<Word> = self.out.words[to..].to_vec();
        self.out.text.truncate(first.start as usize);
        self.out.text.push_str(&merged);
        let shift = (last.end - first.start) as i64 - merged.len() as i64;
        self.out.text.push_str(&tail);
        let disguise = self.out.words[from..to]
            .iter()
            .fold(DISGUISE_SPACED, |d, w| d | w.disguise);
        self.out.words.truncate(from);
        self.out.words.push(Word {
            start: first.start,
            end: first.start + merged.len() as u32,
            source_start: first.source_start,
            source_end: last.source_end,
            disguise,
        });
        for mut word in tail_words {
            word.start = (word.start as i64 - shift) as u32;
            word.end = (word.end as i64 - shift) as u32;
            self.out.words.push(word);
        }
        self.out.disguises.spaced_words += 1;
        // The merged words and those after them moved: squeezed anew at the
        // end.
        self.squeezed_stale = true;
    }

    /// Reads the rest and gives back the chunk buffer.
    fn finish(mut self, len: u32) -> Vec<Item> {
        self.end_chunk(len);
        if let Some(run_start) = self.single_run.take() {
            let run_end = self.out.words.len();
            if run_end - run_start >= 3 {
                self.merge_words(run_start, run_end);
            }
        }
        if self.squeezed_stale {
            let out = &mut *self.out;
            out.squeezed.clear();
            out.squeezed_words.clear();
            for w in &out.words {
                if !out.squeezed.is_empty() {
                    out.squeezed.push(' ');
                }
                let start = out.squeezed.len();
                squeeze_onto(
                    &out.text[w.start as usize..w.end as usize],
                    &mut out.squeezed,
                );
                out.squeezed_words
                    .push((start as u32, out.squeezed.len() as u32));
            }
        }
        self.chunk
    }
}

/// Whether the separator at `i` splits the chunk: dots, dashes and
/// underscores split unless they separate single letters (`s.e.x`), brackets
/// only between two longer parts (`Madison[H0rny`, but not `T{αα}P`).
fn splits_word(items: &[Item], i: usize) -> bool {
    let Piece::Inner(c) = items[i].piece else {
        return false;
    };
    let (before, after) = (alnum_run_before(items, i), alnum_run_after(items, i));
    match c {
        '.' | '-' | '_' => before >= 2 || after >= 2,
        c if is_bracket(c) => before >= 2 && after >= 2,
        _ => false,
    }
}

fn alnum_run_before(items: &[Item], i: usize) -> usize {
    items[..i]
        .iter()
        .rev()
        .take_while(|item| !matches!(item.piece, Piece::Inner(_)))
        .count()
}

fn alnum_run_after(items: &[Item], i: usize) -> usize {
    items[i + 1..]
        .iter()
        .take_while(|item| !matches!(item.piece, Piece::Inner(_)))
        .count()
}

/// A capital I standing for a lowercase l: it ends or continues a lowercase
/// word (`ChanneI`, `TeIegram`) but does not start a CamelCase word.
fn capital_i_for_l(items: &[Item], k: usize) -> bool {
    let item = &items[k];
    let lower_before = k >= 1 && items[k - 1].lower;
    let next_ok = items
        .get(k + 1)
        .is_none_or(|next| next.lower || !matches!(next.piece, Piece::Letter(..)));
    item.upper_after_lower && lower_before && next_ok
}

/// The nearest piece before (`step` -1) or after (+1) item `k`, skipping
/// brackets and apostrophes (`S[3]X`, `1'm`).
fn neighbour(items: &[Item], k: usize, step: isize) -> Option<Piece> {
    let mut j = k as isize + step;
    while let Some(item) = usize::try_from(j).ok().and_then(|j| items.get(j)) {
        match item.piece {
            Piece::Inner(c) if is_bracket(c) || matches!(c, '\'' | '’') => j += step,
            piece => return Some(piece),
        }
    }
    None
}

fn is_letter(piece: Option<Piece>) -> bool {
    matches!(piece, Some(Piece::Letter(..)))
}

fn is_digit(piece: Option<Piece>) -> bool {
    matches!(piece, Some(Piece::Digit(_)))
}

/// A letter, or a digit or symbol that may stand for one (`S[3]X`).
fn is_letterish(piece: Option<Piece>) -> bool {
    matches!(piece, Some(Piece::Letter(..) | Piece::Digit(_)))
        || matches!(piece, Some(Piece::Inner(c)) if is_mask(c) || is_bracket(c))
}

/// Punctuation that can sit inside a disguised word.
fn is_inner_punctuation(c: char) -> bool {
    matches!(
        c,
        '*' | '?'
            | '#'
            | '!'
            | '@'
            | '$'
            | '|'
            | '.'
            | '-'
            | '_'
            | '\''
            | '’'
            | '['
            | ']'
            | '{'
            | '}'
            | '('
            | ')'
    )
}

/// Symbols that hide a letter (`F?CK`, `S*X`, `F#CK`).
fn is_mask(c: char) -> bool {
    matches!(c, '*' | '?' | '#')
}

fn is_bracket(c: char) -> bool {
    matches!(c, '[' | ']' | '{' | '}' | '(' | ')')
}

fn is_separator(piece: Piece) -> bool {
    matches!(piece, Piece::Inner(c) if matches!(c, '.' | '-' | '_') || is_bracket(c))
}

fn leet_digit(d: char) -> Option<char> {
    Some(match d {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '8' => 'b',
        _ => return None,
    })
}

fn leet_symbol(c: char) -> Option<char> {
    Some(match c {
        '!' | '|' => 'i',
        '@' => 'a',
        '$' => 's',
        _ => return None,
    })
}

/// Characters that change nothing visible (or only the direction of the
/// text): dropped, and counted as a sign of disguise.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
    // ZWJ inside emoji sequences is not a disguise, but dropping it is right.
}

/// For emoji: `Some(Some(base))` to record, `Some(None)` for emoji parts that
/// are not worth recording (skin tones, keycap marks); `None` if `c` is not an
/// emoji.
fn emoji_base(c: char) -> Option<Option<char>> {
    let cp = c as u32;
    match cp {
        0x1F3FB..=0x1F3FF | 0x20E3 => Some(None),
        // Enclosed alphanumerics (🄷 🅷) are letters in disguise; regional
        // indicators (flags) are emoji.
        0x1F1E6..=0x1F1FF => Some(Some(c)),
        0x1F100..=0x1F1FF => None,
        0x1F000..=0x1FAFF | 0x2600..=0x2775 | 0x2794..=0x27BF | 0x2B00..=0x2BFF => Some(Some(c)),
        0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x25FF => Some(None),
        0x3030 | 0x303D | 0x3297 | 0x3299 => Some(Some(c)),
        _ => None,
    }
}

fn script_of(c: char) -> Script {
    match c as u32 {
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        // IPA/small caps and modifier letters, superscripts, letterlike
        // symbols, enclosed and fullwidth forms, mathematical alphanumerics.
        0x0250..=0x02FF
        | 0x1D00..=0x1DBF
        | 0x2070..=0x209F
        | 0x2100..=0x214F
        | 0x2460..=0x24FF
        | 0xFF00..=0xFFEF
        | 0x1D400..=0x1D7FF
        | 0x1F100..=0x1F1FF => Script::Fancy,
        _ => Script::Other,
    }
}

/// The plain letter under a Latin letter with diacritics (`é` → `e`).
fn latin_base(c: char) -> Option<char> {
    LATIN_BASE
        .binary_search_by_key(&(c as u32), |&(cp, _)| cp)
        .ok()
        .map(|i| char::from(LATIN_BASE[i].1))
}

/// Scripts that are real writing, never disguise: kept as they are.
fn keeps_its_script(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF      // Hebrew, Arabic, Syriac, Thaana, NKo…
        | 0x0900..=0x0DFF    // Indic scripts and Sinhala
        | 0x0E00..=0x0EFF    // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1100..=0x11FF    // Hangul Jamo
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3130..=0x318F    // Hangul compatibility Jamo
        | 0x3400..=0x9FFF    // CJK
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility
        | 0xFF66..=0xFF9F    // halfwidth Katakana
        | 0x20000..=0x3FFFF) // CJK extensions
}

/// Kanji that look like katakana, and the katakana they copy: `工口` for
/// エロ, `工ッ千` for エッチ (bot-patterns in docs/reference).
const KATAKANA_LOOK_ALIKES: [(char, char); 10] = [
    ('工', 'エ'),
    ('口', 'ロ'),
    ('千', 'チ'),
    ('力', 'カ'),
    ('夕', 'タ'),
    ('卜', 'ト'),
    ('二', 'ニ'),
    ('八', 'ハ'),
    ('才', 'オ'),
    ('乂', 'メ'),
];

/// Reads the kanji look-alikes of a word written from `start` in `text` as
/// the katakana they copy, where a neighbour is katakana (or another
/// look-alike next to one), and says so as a disguise.
fn katakana_look_alikes(text: &mut String, start: usize) -> u8 {
    let word = &text[start..];
    // The look-alikes are all CJK ideographs (three UTF-8 bytes from E4):
    // most words have no such byte and are done without decoding.
    if !word.bytes().any(|b| (0xE4..=0xE9).contains(&b)) {
        return 0;
    }
    let look_alike = |c: char| {
        KATAKANA_LOOK_ALIKES
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| *v)
    };
    if !word.chars().any(|c| look_alike(c).is_some()) {
        return 0;
    }
    let katakana = |c: char| matches!(c as u32, 0x30A1..=0x30FA | 0x30FC);
    let chars: Vec<char> = word.chars().collect();
    let mut read = chars.clone();
    // Two passes: a look-alike next to one already read as katakana counts.
    for _ in 0..2 {
        for i in 0..chars.len() {
            if let Some(kana) = look_alike(chars[i]) {
                let beside = [i.checked_sub(1), Some(i + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| read.get(j))
                    .any(|&c| katakana(c));
                if beside {
                    read[i] = kana;
                }
            }
        }
    }
    if read == chars {
        return 0;
    }
    text.truncate(start);
    text.extend(read);
    DISGUISE_FANCY
}

/// Whether a text is written in Cyrillic: more of its letters are Cyrillic
/// than Latin, and some Cyrillic letter looks like no Latin letter (д, ж,
/// л, я…). Bots disguise Latin words with the look-alike ones (`ТАР МЕ`), or
/// sprinkle Cyrillic letters into Latin text (`Ĺ!νё ςам`): those are read
/// as Latin.
fn writes_cyrillic(text: &str) -> bool {
    // Cyrillic letters start with the UTF-8 lead bytes D0 to D4: most texts
    // (Latin, emoji, CJK) are ruled out without decoding a character.
    if !text.bytes().any(|b| (0xD0..=0xD4).contains(&b)) {
        return false;
    }
    let (mut cyrillic, mut latin, mut own) = (0u32, 0u32, false);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match script_of(c) {
            Script::Cyrillic => {
                cyrillic += 1;
                own |= c
                    .to_lowercase()
                    .next()
                    .is_some_and(|l| latin_look_alike(l).is_none() && l != 'ё');
            }
            Script::Latin | Script::Fancy => latin += 1,
            Script::Other if c.is_ascii() => latin += 1,
            _ => {}
        }
    }
    own && cyrillic > latin
}

/// Cyrillic letters that look like Latin ones, lowercase: (Cyrillic, Latin).
const LOOK_ALIKES: [(char, char); 16] = [
    ('а', 'a'),
    ('в', 'b'),
    ('е', 'e'),
    ('к', 'k'),
    ('м', 'm'),
    ('н', 'h'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('т', 't'),
    ('у', 'y'),
    ('х', 'x'),
    ('ѕ', 's'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ԁ', 'd'),
];

/// The Latin letter a lowercase Cyrillic one looks like.
fn latin_look_alike(c: char) -> Option<char> {
    LOOK_ALIKES.iter().find(|(cy, _)| *cy == c).map(|(_, l)| *l)
}

/// The Cyrillic letter a lowercase Latin one looks like.
fn cyrillic_look_alike(c: char) -> Option<char> {
    LOOK_ALIKES.iter().find(|(_, l)| *l == c).map(|(cy, _)| *cy)
}

/// Arabic short vowels and other optional marks (harakat, tanwin, shadda,
/// sukun, superscript alif).
fn is_arabic_vowel_mark(c: char) -> bool {
    matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// The plain form of Arabic letters people write either way: alef with
/// hamza or madda, teh marbuta, alef maksura.
fn arabic_base(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        _ => return None,
    })
}

/// The lowercase characters decancer reads `c` as.
fn cure(c: char) -> impl Iterator<Item = char> {
    use decancer::Translation;
    let mut buffer = [None; 4];
    match decancer::cure_char(c, decancer::Options::default()) {
        Translation::Character(folded) => buffer[0] = Some(folded),
        Translation::String(s) => {
            for (slot, ch) in buffer.iter_mut().zip(s.chars()) {
                *slot = Some(ch);
            }
        }
        Translation::None => {}
    }
    buffer.into_iter().flatten().flat_map(char::to_lowercase)
}

/// Collapses runs of the same character: `hiii` → `hi`, `taap` → `tap`.
/// A word of one repeated letter keeps up to three (`xxxx` is `xxx`, not
/// `x`), and the syllables of kana, CJK and Hangul are never collapsed
/// (`パパ活`, `심심해`: there the repeat is the word).
pub fn squeeze(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    squeeze_into(word, &mut out);
    out
}

/// [`squeeze`] into a reusable buffer.
pub fn squeeze_into(word: &str, out: &mut String) {
    out.clear();
    squeeze_onto(word, out);
}

/// The rule of [`squeeze_onto`] for a word of one repeated letter, on an
/// ASCII `word` whose repeats were already dropped from `squeezed` (from
/// `start`): `xxxx` keeps three.
fn squeeze_single_letter(word: &str, start: usize, squeezed: &mut String) {
    if let [only] = squeezed.as_bytes()[start..] {
        squeezed.truncate(start);
        squeezed.extend(std::iter::repeat_n(char::from(only), word.len().min(3)));
    }
}

/// [`squeeze`], appended to `out`.
pub fn squeeze_onto(word: &str, out: &mut String) {
    let bytes = word.as_bytes();
    if bytes.windows(2).all(|pair| pair[0] != pair[1]) {
        // Nothing repeats (the usual case; a repeated character always
        // repeats its last UTF-8 byte).
        out.push_str(word);
        return;
    }
    let start = out.len();
    let mut previous = None;
    for c in word.chars() {
        if previous != Some(c) || is_caseless_letter(c) {
            out.push(c);
        }
        previous = Some(c);
    }
    let mut kept = out[start..].chars();
    if let (Some(only), None) = (kept.next(), kept.next()) {
        let run = word.chars().count().min(3);
        out.truncate(start);
        out.extend(std::iter::repeat_n(only, run));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_that_copy_katakana_are_read_as_katakana_beside_katakana() {
        assert_eq!(fold("工ッ千どうが").text, "エッチどうが");
        assert_ne!(fold("工ッ千どうが").words[0].disguise, 0);
        assert_eq!(
            fold("川口けいと").text,
            "川口けいと",
            "a name, no katakana beside"
        );
        assert_eq!(fold("千葉").text, "千葉");
    }

    #[test]
    fn cyrillic_text_stays_cyrillic_and_cyrillic_disguise_reads_latin() {
        assert_eq!(fold("хочу секс").text, "хочу секс");
        assert_eq!(
            fold("пoрнo видео").text,
            "порно видео",
            "Latin o inside Russian"
        );
        assert_eq!(
            fold("ТАР МЕ").text,
            "tap me",
            "only look-alikes: a disguise"
        );
        assert_eq!(
            fold("Ánna Ĺ!νё ςам ɴᴏᴡ").text,
            "anna live cam now",
            "a few Cyrillic letters in Latin"
        );
    }

    fn words(text: &str) -> String {
        fold(text).text
    }

    #[test]
    fn mathematical_and_decorative_letters_read_as_plain_letters() {
        assert_eq!(words("𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎"), "my hot video");
        assert_eq!(words("𝓜𝔂 𝓹𝓻𝓲𝓿𝓪𝓽𝓮 𝓹𝓱𝓸𝓽𝓸𝓼"), "my private photos");
        assert_eq!(words("🅷🅸 🅶🆄🆈🆂!!"), "hi guys");
        assert_eq!(words("ʟᴏᴏᴋ ᴀᴛ ᴍʏ ᴘʀᴏꜰɪʟᴇ"), "look at my profile");
        assert_eq!(words("ˢᵗᵘᵖⁱᵈ ｆｕｌｌ Ⓗⓞⓣ"), "stupid full hot");
        let folded = fold("𝐇𝐎𝐓");
        assert_eq!(folded.disguises.fancy_letters, 3);
        assert_ne!(folded.words[0].disguise & DISGUISE_FANCY, 0);
    }

    #[test]
    fn cyrillic_look_alikes_in_latin_words_are_undone_and_noted() {
        let folded = fold("F?СК MЕ. ТАP ON MY Р1С");
        assert_eq!(folded.text, "f*ck me tap on my pic");
        assert!(folded.disguises.mixed_script_words >= 3);
        assert_eq!(words("won't уоu еven text mе?"), "wont you even text me");
    }

    #[test]
    fn diacritics_are_dropped_including_those_decancer_misreads() {
        assert_eq!(words("SĘÉ NÓW !"), "see now");
        assert_eq!(words("Ĥii ĝuys"), "hii guys");
        assert_eq!(words("você está ótimo, hôtel"), "voce esta otimo hotel");
        assert_eq!(words("Straße"), "strasse");
    }

    #[test]
    fn leetspeak_and_masks_inside_words() {
        assert_eq!(words("H0rny L!ve W!th"), "horny live with");
        assert_eq!(words("S*Х"), "s*x");
        assert_eq!(words("S[3]X T[A]P T{αα}P"), "sex tap taap");
        assert_eq!(words("F.C.K S.E.X"), "fck sex");
        assert_eq!(words("$ex"), "sex");
        assert_eq!(words("1’m l0n3ly"), "im lonely");
        let folded = fold("F?CK");
        assert_eq!(folded.disguises.masked_words, 1);
    }

    #[test]
    fn numbers_and_ordinary_punctuation_stay_as_they_are() {
        assert_eq!(
            words("The part at 2:05 was great"),
            "the part at 2 05 was great"
        );
        assert_eq!(words("100 likes, 2019!"), "100 likes 2019");
        assert_eq!(words("covid19"), "covid19");
        assert_eq!(words("(don't) read my name!!"), "dont read my name");
        assert_eq!(words("hot-dates.example/x"), "hot dates example x");
        assert_eq!(
            fold("Great video!").disguises,
            Disguises {
                letters: 10,
                ..Disguises::default()
            }
        );
    }

    #[test]
    fn spaced_letters_are_joined() {
        assert_eq!(words("s e x now"), "sex now");
        assert_eq!(words("r o s e-vlog"), "rose vlog");
        assert_eq!(words("a b"), "a b");
    }

    #[test]
    fn camel_case_splits_words() {
        assert_eq!(words("MyHotVideo SeeNow"), "my hot video see now");
        assert_eq!(words("HOTGIRL"), "hotgirl");
        assert_eq!(words("Go To My ChanneI LiVE"), "go to my channel live");
        assert_eq!(words("iPhone TeIegram"), "i phone telegram");
    }

    #[test]
    fn invisible_characters_join_and_are_counted() {
        let folded = fold("s\u{200B}e\u{200D}x");
        assert_eq!(folded.text, "sex");
        assert_eq!(folded.disguises.invisible, 2);
        assert!(fold("\u{202E}oediv toh").disguises.right_to_left_override);
    }

    #[test]
    fn emoji_are_set_aside_and_break_words() {
        let folded = fold("🍓hot💋video🔞👍🏽");
        assert_eq!(folded.text, "hot video");
        assert_eq!(folded.emoji, vec!['🍓', '💋', '🔞', '👍']);
    }

    #[test]
    fn real_scripts_are_kept() {
        assert_eq!(words("악녀만 투명귀신"), "악녀만 투명귀신");
        assert_eq!(words("再生リストに"), "再生リストに");
        assert_eq!(words("مرحبا"), "مرحبا");
    }

    #[test]
    fn words_point_back_to_the_original() {
        let original = "Look: 𝐇𝐎𝐓 now";
        let folded = fold(original);
        let hot = folded.words[1];
        assert_eq!(folded.word(&hot), "hot");
        assert_eq!(
            &original[hot.source_start as usize..hot.source_end as usize],
            "𝐇𝐎𝐓"
        );
    }

    #[test]
    fn generated_handle_suffixes_are_not_read() {
        assert_eq!(fold_name("@JúliaFarias-s3x").text, "julia farias");
        assert_eq!(fold_name("@hot-girls").text, "hot girls");
        assert_eq!(fold_name("Maria-s3x").text, "maria sex");
    }

    /// The squeezed words of `folded` as squeezing each word anew reads
    /// them: folding squeezes as it goes, and must agree.
    fn squeezed_anew(folded: &Folded) -> (String, Vec<(u32, u32)>) {
        let (mut squeezed, mut ranges) = (String::new(), Vec::new());
        for word in folded.word_strs() {
            if !squeezed.is_empty() {
                squeezed.push(' ');
            }
            let start = squeezed.len() as u32;
            squeeze_onto(word, &mut squeezed);
            ranges.push((start, squeezed.len() as u32));
        }
        (squeezed, ranges)
    }

    #[test]
    fn the_fast_path_reads_like_the_careful_one() {
        let samples = [
            "The flip at 2:05 is so hot and fluffy, how do you do that?",
            "don't read my name!!! it’s me, Ĥii ĝuys... 2019 100% video😂😂 ok",
            "Você está ótimo, hôtel Straße naïve café's",
            "악녀만 투명귀신한테 영원히 끌려가는게 개웃기네ㅋㅋㅋ 再生リストに 激",
            "MyHotVideo SeeNow ChanneI LiVE iPhone TeIegram x X xx",
            "ㅋㅋㅋㅋ ㅠㅠ ㅋ ㅎㅎ 대박ㅋㅋ \"quoted\"\n(paren) a:b, 1:2 \t/slash/ 50% +1 ~x~ <3 =)",
            "s e x now a b c d, F.C.K T[A]P H0rny $ex @alice #tag e-mail hot-dates.example/x",
            "🍓 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎 - SĘÉ NÓW ! ʟᴏᴏᴋ ᴀᴛ ᴍʏ ᴘʀᴏꜰɪʟᴇ won't уоu еven text mе?",
            "a'b 'quoted' it's' '' ’ l’homme d'accord 12'5 rock'n'roll",
            "",
            "   ",
            "end.",
            "hiii HIII xxxx aa 1000 11 cool l'll ㅋㅋ ㅋㅋkk 파파 工ッ千",
            "hiii s e x x x now aaaa",
        ];
        for sample in samples {
            let fast = fold_with(sample, true);
            assert_eq!(fast, fold_with(sample, false), "{sample:?}");
            let squeezed = (fast.squeezed.clone(), fast.squeezed_words.clone());
            assert_eq!(squeezed, squeezed_anew(&fast), "{sample:?}");
        }
    }

    /// The same on every name and text of the corpora, when they are there.
    #[test]
    fn the_fast_path_reads_the_corpora_like_the_careful_one() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dev");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no corpora at {}", dir.display());
            return;
        };
        let mut checked = 0;
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            for line in text.lines() {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                for field in ["text", "author"] {
                    if let Some(s) = value[field].as_str() {
                        let (fast, careful) = (fold_with(s, true), fold_with(s, false));
                        assert!(
                            fast == careful,
                            "{s:?}\n fast: {:?}\n careful: {:?}",
                            fast.text,
                            careful.text
                        );
                        let squeezed = (fast.squeezed.clone(), fast.squeezed_words.clone());
                        assert!(squeezed == squeezed_anew(&fast), "squeezed {s:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "only {checked} fields read");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "!!!",
            "\u{202E}",
            "\u{0301}\u{0301}",
            "@",
            "$",
            "a\u{200B}",
            "-a-",
            "s.",
            ".s.e.",
        ] {
            let folded = fold(text);
            for word in &folded.words {
                assert!(!folded.word(word).is_empty());
            }
        }
    }
}
