//! Finds the lexicon's phrases in a folded name or text: whole words (by
//! their first word), words with a masked letter (`f*ck`), prefixes
//! (`masturb*`), phrases run together inside longer words (names such as
//! `@hotgirlvideos`, and the scripts written without spaces), and phrases
//! written backwards.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::{Concept, FILES, Hit};
use crate::normalize::{self, DISGUISE_MASK, Folded, squeeze};

/// Scripts without spaces between words are matched inside words too.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF | 0xFF66..=0xFF9F)
}

/// One lexicon entry after folding.
#[derive(Debug)]
struct Entry {
    concept: Concept,
    /// The phrase as written in the data file.
    phrase: &'static str,
    /// Its folded words, repeated letters squeezed.
    words: Vec<String>,
    /// The length in bytes of each folded word before squeezing: a word of
    /// a comment matches only if it is at least as long, so that squeezing
    /// does not make Dutch "met" the English "meet".
    lengths: Vec<usize>,
    /// Whether each word is a prefix (written with a trailing `*`).
    prefix: Vec<bool>,
}

/// The shortest prefix a `*` may follow, in characters.
const MIN_PREFIX: usize = 4;

#[derive(Default)]
struct Lexicon {
    entries: Vec<Entry>,
    /// First word → entries starting with it (whole first words).
    by_first_word: FxHashMap<String, Vec<u16>>,
    /// The first [`MIN_PREFIX`] characters of a prefix first word → entries
    /// starting with that prefix.
    by_first_prefix: FxHashMap<String, Vec<u16>>,
    /// Entries by the length (in characters) of their whole first word, for
    /// masked words (`f*ck` may be any four-letter first word).
    by_first_length: Vec<EntryList>,
    /// Entries whose first word is a prefix (masked words try them all).
    prefixed: EntryList,
    /// Phrases without spaces (words joined), for finding them inside
    /// longer words.
    joined: Trie,
    /// The first four bytes of the ASCII ones among them (see
    /// [`AsciiHeads`]).
    joined_heads: AsciiHeads,
    /// The phrases as paths of word ids, for finding them word by word.
    paths: Paths,
}

/// The lexicon's phrases as paths through a tree whose edges are words: a
/// comment's words are looked up once each, then every start position walks
/// the tree, so the work per word does not grow with the number of phrases
/// that begin with it ("my …", "je …").
#[derive(Default)]
struct Paths {
    /// Whole (squeezed) words → id.
    words: FxHashMap<String, u32>,
    /// Prefix words (written with `*`), as a character trie whose entries are
    /// prefix ids (tagged with [`PREFIX`] in edges).
    prefixes: Trie,
    /// How many prefix ids there are.
    prefix_count: u32,
    /// (node, word or prefix id) → next node; node 0 is the root.
    edges: FxHashMap<(u32, u32), u32>,
    /// The entries whose path ends at each node.
    ends: Vec<Vec<u16>>,
    /// Which word heads occur in the paths (see [`Heads`]).
    heads: Heads,
}

/// Entries with the first character of their first word, so that a masked
/// word starting with a letter (`f*ck`) passes over the entries that start
/// with another without looking them up.
#[derive(Default)]
struct EntryList {
    entries: Vec<(u16, char)>,
}

impl EntryList {
    fn push(&mut self, initial: char, entry: u16) {
        self.entries.push((entry, initial));
    }

    /// In order, every entry, or only those whose first word starts with
    /// `initial`.
    fn starting_with(&self, initial: Option<char>) -> impl Iterator<Item = u16> + '_ {
        self.entries
            .iter()
            .filter(move |&&(_, c)| initial.is_none_or(|initial| c == initial))
            .map(|&(entry, _)| entry)
    }
}

/// Sets bit `bit` of a bit set (the filters below).
fn set_bit(bits: &mut [u64], bit: usize) {
    bits[bit / 64] |= 1 << (bit % 64);
}

/// Whether bit `bit` of a bit set is set.
fn has_bit(bits: &[u64], bit: usize) -> bool {
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

/// One-hash Bloom filters of the heads (first [`MIN_PREFIX`] characters,
/// or the whole word if shorter) of every word and of every prefix in the
/// lexicon. A word of a comment whose head is absent from the first cannot
/// be a lexicon word, and one whose head is absent from the second cannot
/// start with a prefix, so most words are ruled out without a map lookup
/// and nearly all without a trie walk. (Exact: a filter never hides a
/// match.)
struct Heads {
    /// The heads of whole words.
    words: Vec<u64>,
    /// The heads of prefixes (a word starting with a prefix of at least
    /// [`MIN_PREFIX`] characters has the prefix's head).
    prefixes: Vec<u64>,
    /// Prefixes that squeeze to fewer than [`MIN_PREFIX`] characters
    /// (`need*` is `ned`): too short for a head, checked one by one.
    short_prefixes: Vec<String>,
    /// The first bytes of `short_prefixes`, as a 256-bit set: most words
    /// start with none of them and are ruled out without comparing.
    short_firsts: [u64; 4],
}

impl Default for Heads {
    fn default() -> Self {
        Heads {
            words: vec![0; Heads::BITS / 64],
            prefixes: vec![0; Heads::BITS / 64],
            short_prefixes: Vec::new(),
            short_firsts: [0; 4],
        }
    }
}

impl Heads {
    const BITS: usize = 1 << 16;

    /// The filter bit of a word's head. (Not inlined: inlined in the
    /// search and in the building alike it made the wasm 1.4 kB larger,
    /// for 0.4 % fewer instructions.)
    #[inline(never)]
    fn bit(word: &str) -> usize {
        let bytes = word.as_bytes();
        // Most heads are ASCII: their (at most four) bytes packed in one
        // pass. Others end where the fifth character starts (at a byte that
        // is no UTF-8 continuation) and are hashed.
        let (mut packed, mut any_high) = (0u64, 0u8);
        for (i, &b) in bytes.iter().take(MIN_PREFIX).enumerate() {
            packed |= u64::from(b) << (8 * i);
            any_high |= b;
        }
        if any_high >= 0x80 {
            let end = (bytes.iter().enumerate())
                .filter(|&(_, &b)| b & 0xC0 != 0x80)
                .nth(MIN_PREFIX)
                .map_or(bytes.len(), |(i, _)| i);
            packed = crate::hash::fnv1a(&bytes[..end]);
        }
        (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize & (Heads::BITS - 1)
    }

    fn insert(&mut self, word: &str, is_prefix: bool) {
        if is_prefix && word.chars().count() < MIN_PREFIX {
            self.short_prefixes.push(word.to_string());
            if let Some(&first) = word.as_bytes().first() {
                set_bit(&mut self.short_firsts, usize::from(first));
            }
        }
        let bit = Heads::bit(word);
        let bits = if is_prefix {
            &mut self.prefixes
        } else {
            &mut self.words
        };
        set_bit(bits, bit);
    }

    /// Whether a word whose head has filter bit `bit` may be a lexicon word.
    fn may_be_word(&self, bit: usize) -> bool {
        has_bit(&self.words, bit)
    }

    /// Whether `word` (whose head has filter bit `bit`) may start with a
    /// prefix.
    fn may_start_prefix(&self, bit: usize, word: &str) -> bool {
        let short_first = |&first: &u8| has_bit(&self.short_firsts, usize::from(first));
        has_bit(&self.prefixes, bit)
            || (word.as_bytes().first().is_some_and(short_first)
                && self
                    .short_prefixes
                    .iter()
                    .any(|p| word.starts_with(p.as_str())))
    }

    /// Whether `word` may be a lexicon word or start with a prefix.
    #[cfg(test)]
    fn may_hold(&self, word: &str) -> bool {
        let bit = Heads::bit(word);
        self.may_be_word(bit) || self.may_start_prefix(bit, word)
    }
}

/// The bit that marks a prefix id among word ids.
const PREFIX: u32 = 1 << 31;

impl Paths {
    fn add(&mut self, words: &[String], prefix: &[bool], entry: u16) {
        if self.ends.is_empty() {
            self.ends.push(Vec::new());
        }
        let mut node = 0u32;
        for (word, &is_prefix) in words.iter().zip(prefix) {
            self.heads.insert(word, is_prefix);
            let id = if is_prefix {
                let mut found = None;
                self.prefixes.prefixes(word.chars(), |length, id| {
                    if length == word.chars().count() {
                        found = Some(u32::from(id));
                    }
                });
                let id = found.unwrap_or_else(|| {
                    let id = self.prefix_count;
                    self.prefix_count += 1;
                    self.prefixes.insert(word, id as u16);
                    id
                });
                id | PREFIX
            } else {
                let next = self.words.len() as u32;
                *self.words.entry(word.clone()).or_insert(next)
            };
            let next = self.ends.len() as u32;
            node = *self.edges.entry((node, id)).or_insert(next);
            if node == next {
                self.ends.push(Vec::new());
            }
        }
        self.ends[node as usize].push(entry);
    }

    /// The ids a word of a comment can take: its own, and every prefix it
    /// starts with.
    fn ids_of(&self, word: &str, out: &mut Vec<u32>) {
        let bit = Heads::bit(word);
        if self.heads.may_be_word(bit) {
            if let Some(&id) = self.words.get(word) {
                out.push(id);
            }
        }
        if self.heads.may_start_prefix(bit, word) {
            self.prefixes
                .prefixes(word.chars(), |_, id| out.push(u32::from(id) | PREFIX));
        }
    }
}

/// A one-hash Bloom filter of the first four bytes of phrases that start
/// with four ASCII characters: a position of an ASCII word whose next four
/// bytes are absent starts no such phrase, and is passed over without a trie
/// walk. (Exact: a filter never hides a match.)
struct AsciiHeads {
    bits: Vec<u64>,
}

impl Default for AsciiHeads {
    fn default() -> Self {
        AsciiHeads {
            bits: vec![0; 1 << 10],
        }
    }
}

impl AsciiHeads {
    /// The filter bit of four bytes (2^16 bits).
    fn bit(head: [u8; 4]) -> usize {
        (u32::from_le_bytes(head).wrapping_mul(0x9E37_79B1) >> 16) as usize
    }

    fn insert(&mut self, phrase: &[u8]) {
        if let Some(&[a, b, c, d]) = phrase.first_chunk::<4>() {
            if [a, b, c, d].is_ascii() {
                set_bit(&mut self.bits, AsciiHeads::bit([a, b, c, d]));
            }
        }
    }

    /// Whether a phrase may start with the (ASCII) bytes `head`.
    fn may_start(&self, head: [u8; 4]) -> bool {
        has_bit(&self.bits, AsciiHeads::bit(head))
    }
}

/// A character trie of the joined phrases: walking it from each position of
/// a word finds every phrase that starts there, usually after a step or two.
#[derive(Default)]
struct Trie {
    nodes: Vec<TrieNode>,
    /// The root's children for ASCII characters, looked up directly (most
    /// positions in a word fail right there).
    root_ascii: Vec<u32>,
    /// A filter of the root's other characters (one bit per code point
    /// modulo [`Trie::ROOT_OTHER_BITS`]): a clear bit means no phrase starts
    /// with that character. Wide enough that most Hangul and CJK characters
    /// are ruled out here, without a search of the root's children.
    root_other: Vec<u64>,
}

#[derive(Default)]
struct TrieNode {
    /// Children by character, sorted.
    children: Vec<(char, u32)>,
    /// The entry a phrase ending here belongs to.
    entry: Option<u16>,
}

impl Trie {
    const ROOT_OTHER_BITS: u32 = 1 << 12;

    /// The bit of `root_other` for a character.
    fn root_other_bit(c: char) -> usize {
        (c as u32 % Trie::ROOT_OTHER_BITS) as usize
    }

    /// Whether a phrase may start with the non-ASCII `c`.
    fn may_start_with(&self, c: char) -> bool {
        has_bit(&self.root_other, Trie::root_other_bit(c))
    }

    fn insert(&mut self, phrase: &str, entry: u16) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
            self.root_ascii = vec![0; 128];
            self.root_other = vec![0; (Trie::ROOT_OTHER_BITS / 64) as usize];
        }
        let mut node = 0usize;
        for c in phrase.chars() {
            let parent = node;
            node = match self.nodes[node]
                .children
                .binary_search_by_key(&c, |&(k, _)| k)
            {
                Ok(i) => self.nodes[node].children[i].1 as usize,
                Err(i) => {
                    let child = self.nodes.len();
                    self.nodes.push(TrieNode::default());
                    self.nodes[node].children.insert(i, (c, child as u32));
                    child
                }
            };
            // The root's children also go in its direct tables.
            if parent == 0 {
                if c.is_ascii() {
                    self.root_ascii[c as usize] = node as u32;
                } else {
                    set_bit(&mut self.root_other, Trie::root_other_bit(c));
                }
            }
        }
        self.nodes[node].entry.get_or_insert(entry);
    }

    /// Calls `found(length, entry)` for each phrase that `chars` starts with.
    fn prefixes(&self, chars: impl Iterator<Item = char>, mut found: impl FnMut(usize, u16)) {
        let mut node = 0usize;
        if self.nodes.is_empty() {
            return;
        }
        for (length, c) in chars.enumerate() {
            if node == 0 && c.is_ascii() {
                match self.root_ascii[c as usize] {
                    0 => return,
                    child => node = child as usize,
                }
            } else if node == 0 && !self.may_start_with(c) {
                return;
            } else {
                match self.nodes[node]
                    .children
                    .binary_search_by_key(&c, |&(k, _)| k)
                {
                    Ok(i) => node = self.nodes[node].children[i].1 as usize,
                    Err(_) => return,
                }
            }
            if let Some(entry) = self.nodes[node].entry {
                found(length + 1, entry);
            }
        }
    }
}

/// One phrase of a data file: its concept, the line as written, and its
/// words with their `*` (prefix) marks.
struct Phrase {
    concept: Concept,
    text: &'static str,
}

/// Reads a data file: `[concept]` headers, one phrase a line, `#` comments.
/// Problems are reported to `error` with the file and line; the phrase is
/// then left out (the data is compiled in, and a test requires no problems).
fn parse(
    language: &str,
    text: &'static str,
    mut phrase: impl FnMut(Phrase),
    mut error: impl FnMut(String),
) {
    let mut concept = None;
    for (number, line) in text.lines().enumerate() {
        let place = || format!("model/lexicon/{language}.txt:{}", number + 1);
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            concept = header.strip_suffix(']').and_then(Concept::from_name);
            if concept.is_none() {
                error(format!("{}: unknown section {line}", place()));
            }
            continue;
        }
        let Some(concept) = concept else {
            error(format!(
                "{}: a phrase before any [concept] section",
                place()
            ));
            continue;
        };
        for word in line.split_whitespace() {
            let stem = word.strip_suffix('*').unwrap_or(word);
            if stem.contains('*') {
                error(format!("{}: `*` only ends a word: {line:?}", place()));
            } else if stem.len() < word.len() && stem.chars().count() < MIN_PREFIX {
                error(format!(
                    "{}: at least {MIN_PREFIX} letters before `*`: {line:?}",
                    place()
                ));
            }
        }
        phrase(Phrase {
            concept,
            text: line,
        });
    }
}

/// Every problem in the lexicon's data files (unknown sections, misplaced
/// `*`, phrases that fold to nothing, one phrase under two concepts in one
/// file), for the test that keeps the data clean.
pub fn parse_errors(files: &[(&str, &'static str)]) -> Vec<String> {
    let mut errors = Vec::new();
    for &(language, text) in files {
        let mut phrases = Vec::new();
        parse(
            language,
            text,
            |phrase| phrases.push(phrase),
            |e| errors.push(e),
        );
        let mut seen: FxHashMap<Vec<String>, Concept> = FxHashMap::default();
        for phrase in phrases {
            let (words, _, _) = fold_phrase(phrase.text);
            if words.is_empty() {
                errors.push(format!("{language}: {:?} folds to nothing", phrase.text));
            } else if let Some(&other) = seen.get(&words) {
                if other != phrase.concept {
                    errors.push(format!(
                        "{language}: {:?} is both {} and {}",
                        phrase.text,
                        other.name(),
                        phrase.concept.name()
                    ));
                }
            } else {
                seen.insert(words, phrase.concept);
            }
        }
    }
    errors
}

/// A phrase's folded, squeezed words, their lengths before squeezing, and
/// which are prefixes.
fn fold_phrase(text: &str) -> (Vec<String>, Vec<usize>, Vec<bool>) {
    fold_phrase_with(text, normalize::fold)
}

/// [`fold_phrase`] with a folding function: a Cyrillic phrase is also
/// folded as Cyrillic text (see [`normalize::fold_keeping_cyrillic`]).
fn fold_phrase_with(text: &str, fold: fn(&str) -> Folded) -> (Vec<String>, Vec<usize>, Vec<bool>) {
    let (mut words, mut lengths, mut prefix) = (Vec::new(), Vec::new(), Vec::new());
    for raw in text.split_whitespace() {
        let stem = raw.strip_suffix('*');
        let folded = fold(stem.unwrap_or(raw));
        let count = folded.words.len();
        for (k, word) in folded.word_strs().enumerate() {
            words.push(squeeze(word));
            lengths.push(word.len());
            prefix.push(stem.is_some() && k + 1 == count);
        }
    }
    (words, lengths, prefix)
}

/// The first character of a (folded, never empty) word.
fn initial(word: &str) -> char {
    word.chars().next().unwrap_or_default()
}

/// The first [`MIN_PREFIX`] characters of a word (the prefix index key).
fn prefix_key(word: &str) -> Option<&str> {
    let end = word
        .char_indices()
        .nth(MIN_PREFIX)
        .map_or(word.len(), |(i, _)| i);
    (word[..end].chars().count() == MIN_PREFIX).then(|| &word[..end])
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(|| {
        let mut builder = LexiconBuilder::default();
        while !builder.add_next_file() {}
        builder.lexicon
    })
}

/// Builds the lexicon a data file at a time, so that a page can spread the
/// work over several tasks: built at once it took 30 ms natively and over
/// 100 ms as wasm in a page that was still loading. Whatever asks for the
/// lexicon before [`LexiconBuilder::step`] is done builds the rest at once.
#[derive(Default)]
pub struct LexiconBuilder {
    lexicon: Lexicon,
    seen: rustc_hash::FxHashSet<(Concept, Vec<String>, Vec<bool>)>,
    next_file: usize,
}

impl LexiconBuilder {
    /// Adds the next data file; true once every file is in.
    fn add_next_file(&mut self) -> bool {
        if let Some(&(language, text)) = FILES.get(self.next_file) {
            parse(
                language,
                text,
                |phrase| self.lexicon.add(phrase, &mut self.seen),
                |_| {},
            );
            self.next_file += 1;
        }
        self.next_file >= FILES.len()
    }

    /// One step: a data file; after the last, the lexicon is put to use.
    /// True once the lexicon is in use (built here or otherwise).
    pub fn step(&mut self) -> bool {
        if LEXICON.get().is_some() {
            return true;
        }
        if !self.add_next_file() {
            return false;
        }
        // Ignored if something built it meanwhile: that one is the same.
        let _ = LEXICON.set(std::mem::take(&mut self.lexicon));
        true
    }
}

impl Lexicon {
    fn add(
        &mut self,
        phrase: Phrase,
        seen: &mut rustc_hash::FxHashSet<(Concept, Vec<String>, Vec<bool>)>,
    ) {
        self.add_folded(&phrase, fold_phrase(phrase.text), seen);
        let cyrillic = phrase
            .text
            .chars()
            .any(|c| matches!(c as u32, 0x0400..=0x052F));
        if cyrillic {
            let as_cyrillic = fold_phrase_with(phrase.text, normalize::fold_keeping_cyrillic);
            self.add_folded(&phrase, as_cyrillic, seen);
        }
    }

    fn add_folded(
        &mut self,
        phrase: &Phrase,
        (words, lengths, prefix): (Vec<String>, Vec<usize>, Vec<bool>),
        seen: &mut rustc_hash::FxHashSet<(Concept, Vec<String>, Vec<bool>)>,
    ) {
        if words.is_empty()
            || !seen.insert((phrase.concept, words.clone(), prefix.clone()))
            || self.entries.len() >= usize::from(u16::MAX)
        {
            return;
        }
        let index = self.entries.len() as u16;
        if prefix[0] {
            let Some(key) = prefix_key(&words[0]) else {
                return;
            };
            self.by_first_prefix
                .entry(key.to_string())
                .or_default()
                .push(index);
            self.prefixed.push(initial(&words[0]), index);
        } else {
            self.by_first_word
                .entry(words[0].clone())
                .or_default()
                .push(index);
            let length = words[0].chars().count();
            if self.by_first_length.len() <= length {
                self.by_first_length
                    .resize_with(length + 1, EntryList::default);
            }
            self.by_first_length[length].push(initial(&words[0]), index);
        }
        let joined: String = words.concat();
        let length = joined.chars().count();
        // Short phrases inside words would match everywhere ("hi" in
        // "this", "anal" in "analaura"); only phrases of five letters or
        // more, and unspaced-script ones, are looked for.
        let unspaced = joined.chars().any(is_unspaced_script);
        let long_enough = length >= 5 || (unspaced && length >= 2);
        if long_enough {
            self.joined.insert(&joined, index);
            self.joined_heads.insert(joined.as_bytes());
        }
        self.paths.add(&words, &prefix, index);
        self.entries.push(Entry {
            concept: phrase.concept,
            phrase: phrase.text,
            words,
            lengths,
            prefix,
        });
    }
}

/// A fingerprint of every phrase and its concept: the model file records
/// it, so a model trained with another lexicon is refused.
pub fn fingerprint() -> u64 {
    fingerprint_of(lexicon())
}

fn fingerprint_of(lexicon: &Lexicon) -> u64 {
    lexicon
        .entries
        .iter()
        .fold(crate::hash::fnv1a(b""), |h, entry| {
            let h = crate::hash::fnv1a_from(h, entry.concept.name().as_bytes());
            crate::hash::fnv1a_from(h, entry.phrase.as_bytes())
        })
}

/// Every lexicon phrase in a comment text, forwards and (short texts)
/// backwards, and inside the words of unspaced scripts. Hits may overlap.
pub fn find(field: &Folded) -> Vec<Hit> {
    let mut hits = Vec::new();
    find_into(field, false, &mut hits);
    hits
}

/// Like [`find`] for a name or handle, where words run together
/// (`@hotgirlvideos`) and shorter words are searched inside.
pub fn find_in_name(field: &Folded) -> Vec<Hit> {
    let mut hits = Vec::new();
    find_into(field, true, &mut hits);
    hits
}

/// [`find`] (or, for a name, [`find_in_name`]) into `hits`, reusing it.
pub fn find_into(field: &Folded, is_name: bool, hits: &mut Vec<Hit>) {
    hits.clear();
    if field.words.is_empty() {
        return;
    }
    // Names run words together (`@hotgirlvideos`); texts rarely do, and the
    // learned n-grams see inside their words anyway, so inside texts only
    // unspaced scripts (Japanese, Chinese, Korean) are searched.
    find_with(field, if is_name { 5 } else { usize::MAX }, hits);
}

thread_local! {
    /// Buffers for backwards text and a word's characters, kept between calls.
    static SCRATCH: std::cell::RefCell<(String, Vec<char>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

fn find_with(field: &Folded, inside_min_length: usize, hits: &mut Vec<Hit>) {
    let lexicon = lexicon();
    let n = field.words.len();
    let forwards = |i: usize| field.squeezed_word(i);
    let masked = |i: usize| field.words[i].disguise & DISGUISE_MASK != 0;
    let length = |i: usize| (field.words[i].end - field.words[i].start) as usize;
    // A masked word (`f*ck`) may stand for many words: those fields take the
    // slower search that compares every candidate phrase.
    let any_masked = field.disguises.masked_words > 0;
    #[allow(clippy::too_many_arguments)]
    fn search<'w>(
        lexicon: &Lexicon,
        n: usize,
        any_masked: bool,
        word: &dyn Fn(usize) -> &'w str,
        length: &dyn Fn(usize) -> usize,
        masked: &dyn Fn(usize) -> bool,
        reversed: bool,
        hits: &mut Vec<Hit>,
    ) {
        if any_masked {
            find_phrases(lexicon, n, word, length, masked, reversed, hits);
        } else {
            walk_paths(lexicon, n, word, length, reversed, hits);
        }
    }
    search(
        lexicon, n, any_masked, &forwards, &length, &masked, false, hits,
    );
    SCRATCH.with(|scratch| {
        let (flipped, chars) = &mut *scratch.borrow_mut();
        // Names of up to 12 words and texts of up to 6 (bait lines) are
        // read backwards too. (Longer texts were, when forwards they held no
        // lure: in the corpora no bot wrote one backwards, and the only
        // backwards "lures" found were in ordinary French text, `reçus`.)
        let is_name = inside_min_length <= 5;
        let worth_it = if is_name { n <= 12 } else { n <= 6 };
        if field.disguises.right_to_left_override || worth_it {
            // Backwards text ("oediv toh ym"): checked on short fields,
            // where bots use it, and wherever a right-to-left override
            // shows it. Reversing the whole squeezed text reverses the
            // order of the words and each word's letters.
            flipped.clear();
            if field.squeezed.is_ascii() {
                // Bytes are characters: reverse them without decoding.
                let mut bytes = std::mem::take(flipped).into_bytes();
                bytes.extend(field.squeezed.bytes().rev());
                *flipped = String::from_utf8(bytes).unwrap_or_default();
            } else {
                flipped.extend(field.squeezed.chars().rev());
            }
            let total = flipped.len() as u32;
            let backwards = |i: usize| {
                let (start, end) = field.squeezed_words[n - 1 - i];
                &flipped[(total - end) as usize..(total - start) as usize]
            };
            let masked_backwards = |i: usize| masked(n - 1 - i);
            let length_backwards = |i: usize| length(n - 1 - i);
            let first_hit = hits.len();
            search(
                lexicon,
                n,
                any_masked,
                &backwards,
                &length_backwards,
                &masked_backwards,
                true,
                hits,
            );
            if inside_min_length <= 5 {
                // Names run words together backwards too ("lrigtoh").
                for index in 0..n {
                    find_inside_word(
                        lexicon,
                        backwards(index),
                        index,
                        inside_min_length,
                        true,
                        chars,
                        hits,
                    );
                }
                for hit in &mut hits[first_hit..] {
                    hit.reversed = true;
                }
            }
            for hit in &mut hits[first_hit..] {
                (hit.first_word, hit.end_word) = (n - hit.end_word, n - hit.first_word);
            }
        }
        let ascii = field.squeezed.is_ascii();
        for index in 0..n {
            let bytes = field.squeezed_bytes(index);
            // Most words are too short to search inside and of no unspaced
            // script (see `find_inside_word`): passed over without a call.
            if bytes.len() < inside_min_length && (ascii || !bytes.iter().any(|&b| b >= 0xE3)) {
                continue;
            }
            let word = forwards(index);
            find_inside_word(lexicon, word, index, inside_min_length, false, chars, hits);
        }
    });
    // Variants of one entry ("fuck me", "fck me") count once per place,
    // and so does a word that reads the same backwards ("xxx"): it is no
    // backwards writing.
    let place = |h: &Hit| (h.first_word, h.end_word, h.concept);
    let also_forwards = |h: &Hit, hits: &[Hit]| {
        h.reversed && hits.iter().any(|k| !k.reversed && place(k) == place(h))
    };
    // A short word read backwards is too often a name ("Lana", "Anna"): only
    // phrases of five letters or more count backwards.
    let too_short_backwards =
        |h: &Hit| h.reversed && h.phrase.chars().filter(|c| c.is_alphanumeric()).count() < 5;
    let mut kept = 0;
    for i in 0..hits.len() {
        let h = hits[i];
        let duplicate = also_forwards(&h, hits)
            || too_short_backwards(&h)
            || hits[..kept]
                .iter()
                .any(|k| place(k) == place(&h) && k.reversed == h.reversed);
        if !duplicate {
            hits[kept] = h;
            kept += 1;
        }
    }
    hits.truncate(kept);
}

thread_local! {
    /// Buffers kept between calls.
    static IDS: std::cell::RefCell<WalkScratch> =
        const { std::cell::RefCell::new(WalkScratch { ids: Vec::new(), starts: Vec::new(), frontier: Vec::new(), next: Vec::new() }) };
}

/// [`walk_paths`]'s buffers: each word's ids, where each word's ids start,
/// and the nodes reached before and after a word.
struct WalkScratch {
    ids: Vec<u32>,
    starts: Vec<u32>,
    frontier: Vec<u32>,
    next: Vec<u32>,
}

/// Phrases starting at each of the `n` words, found by walking the lexicon's
/// word paths (no word of the field is masked).
fn walk_paths<'w>(
    lexicon: &Lexicon,
    n: usize,
    word: &dyn Fn(usize) -> &'w str,
    length: &dyn Fn(usize) -> usize,
    reversed: bool,
    hits: &mut Vec<Hit>,
) {
    let paths = &lexicon.paths;
    if paths.ends.is_empty() {
        return;
    }
    IDS.with(|ids| {
        let WalkScratch {
            ids,
            starts,
            frontier,
            next,
        } = &mut *ids.borrow_mut();
        ids.clear();
        starts.clear();
        for i in 0..n {
            starts.push(ids.len() as u32);
            paths.ids_of(word(i), ids);
        }
        if ids.is_empty() {
            return; // no word starts a phrase
        }
        starts.push(ids.len() as u32);
        let ids_of = |i: usize| &ids[starts[i] as usize..starts[i + 1] as usize];
        // Paths branch only where a word is both itself and a prefix's
        // match, so the frontier stays tiny.
        for (start, bounds) in starts.windows(2).enumerate() {
            // A word that is no lexicon word and starts with no prefix
            // starts no phrase (the usual case).
            if bounds[0] == bounds[1] {
                continue;
            }
            frontier.clear();
            frontier.push(0);
            for k in start..n {
                next.clear();
                for &node in frontier.iter() {
                    for &id in ids_of(k) {
                        if let Some(&to) = paths.edges.get(&(node, id)) {
                            next.push(to);
                        }
                    }
                }
                if next.is_empty() {
                    break;
                }
                for &node in next.iter() {
                    for &index in &paths.ends[node as usize] {
                        let entry = &lexicon.entries[index as usize];
                        // Squeezed alike, and at least as long: `hiii` is
                        // `hi`, but `met` is not `meet`.
                        let long_enough = (0..entry.words.len())
                            .all(|j| entry.prefix[j] || length(start + j) >= entry.lengths[j]);
                        if long_enough {
                            hits.push(Hit {
                                concept: entry.concept,
                                phrase: entry.phrase,
                                first_word: start,
                                end_word: k + 1,
                                reversed,
                                inside_word: false,
                            });
                        }
                    }
                }
                std::mem::swap(frontier, next);
            }
        }
    });
}

/// Phrases starting at each of the `n` words (`word(i)` squeezed,
/// `length(i)` its length before squeezing, `masked(i)`), comparing every
/// candidate phrase: the search for fields with masked words.
fn find_phrases<'w>(
    lexicon: &Lexicon,
    n: usize,
    word: &dyn Fn(usize) -> &'w str,
    length: &dyn Fn(usize) -> usize,
    masked: &dyn Fn(usize) -> bool,
    reversed: bool,
    hits: &mut Vec<Hit>,
) {
    let matches = |entry: &Entry, k: usize, i: usize| {
        let (w, e) = (word(i), entry.words[k].as_str());
        match (masked(i), entry.prefix[k]) {
            (true, false) => wildcard_eq(w, e),
            (true, true) => wildcard_starts_with(w, e),
            (false, true) => w.starts_with(e),
            // Squeezed alike, and at least as long: `hiii` is `hi`, but
            // `met` is not `meet`.
            (false, false) => w == e && length(i) >= entry.lengths[k],
        }
    };
    let mut try_entry = |start: usize, index: u16| {
        let entry = &lexicon.entries[index as usize];
        let end = start + entry.words.len();
        if end <= n && (0..entry.words.len()).all(|k| matches(entry, k, start + k)) {
            hits.push(Hit {
                concept: entry.concept,
                phrase: entry.phrase,
                first_word: start,
                end_word: end,
                reversed,
                inside_word: false,
            });
        }
    };
    for start in 0..n {
        let first = word(start);
        if masked(start) {
            // A masked word ("f*ck") may stand for any entry's first word
            // of its length, or any prefix it starts with.
            let chars = first.chars().count();
            let initial = first.chars().next().filter(|&c| c != '*');
            let same_length = lexicon.by_first_length.get(chars);
            let same_length = same_length
                .into_iter()
                .flat_map(|l| l.starting_with(initial));
            for index in same_length.chain(lexicon.prefixed.starting_with(initial)) {
                try_entry(start, index);
            }
            continue;
        }
        if let Some(entries) = lexicon.by_first_word.get(first) {
            for &index in entries {
                try_entry(start, index);
            }
        }
        if let Some(entries) = prefix_key(first).and_then(|k| lexicon.by_first_prefix.get(k)) {
            for &index in entries {
                try_entry(start, index);
            }
        }
    }
}

/// Phrases inside word `index` (`word`), if it has `min_length` characters
/// or is of an unspaced script. `at_edges`: only phrases that begin or end
/// where the word does (a name read backwards: `lrigtoh` is "hot girl"
/// backwards, but `solangemoreira` only hides "erome" across its middle).
fn find_inside_word(
    lexicon: &Lexicon,
    word: &str,
    index: usize,
    min_length: usize,
    at_edges: bool,
    chars: &mut Vec<char>,
    hits: &mut Vec<Hit>,
) {
    // Only words that may be several words run together ("petits" holds
    // "tits" but is one French word), and words of unspaced scripts.
    let mut found = |start: usize, length: usize, word_length: usize, whole: bool, entry: u16| {
        if at_edges && start > 0 && start + length < word_length {
            return;
        }
        let entry = &lexicon.entries[entry as usize];
        hits.push(Hit {
            concept: entry.concept,
            phrase: entry.phrase,
            first_word: index,
            end_word: index + 1,
            reversed: false,
            inside_word: !whole,
        });
    };
    if word.is_ascii() {
        // The common case: bytes are characters.
        let bytes = word.as_bytes();
        if bytes.len() < min_length {
            return;
        }
        for start in 0..bytes.len() {
            // Only phrases of five letters or more are looked for inside
            // words (see `Lexicon::add_folded`): one must start with four
            // bytes the filter holds.
            let may_start = bytes[start..].first_chunk::<4>().is_some_and(|&head| {
                bytes.len() - start >= 5 && lexicon.joined_heads.may_start(head)
            });
            if !may_start {
                continue;
            }
            lexicon.joined.prefixes(
                bytes[start..].iter().map(|&b| char::from(b)),
                |length, entry| {
                    // The whole word is the phrase matcher's.
                    if start > 0 || length < bytes.len() {
                        found(start, length, bytes.len(), false, entry);
                    }
                },
            );
        }
        return;
    }
    // Unspaced scripts begin at UTF-8 lead byte E3 (kana): a word without
    // one, too short to search inside, is done without decoding.
    if word.len() < min_length && !word.bytes().any(|b| b >= 0xE3) {
        return;
    }
    chars.clear();
    chars.extend(word.chars());
    let unspaced = chars.iter().any(|&c| is_unspaced_script(c));
    if chars.len() < min_length && !unspaced {
        return;
    }
    for start in 0..chars.len() {
        lexicon
            .joined
            .prefixes(chars[start..].iter().copied(), |length, entry| {
                let whole = start == 0 && length == chars.len();
                if whole && !unspaced {
                    return; // the whole word: the phrase matcher has it
                }
                // In scripts written without spaces every phrase is inside
                // a run of text: that is how words are found there.
                found(start, length, chars.len(), whole || unspaced, entry);
            });
    }
}

/// Equality where `*` in the masked word `a` matches any one character.
fn wildcard_eq(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count() && wildcard_starts_with(a, b)
}

/// Whether the masked word `a` starts with `prefix`, where `*` in `a`
/// matches any one character.
fn wildcard_starts_with(a: &str, prefix: &str) -> bool {
    let mut a = a.chars();
    prefix
        .chars()
        .all(|q| a.next().is_some_and(|p| p == q || p == '*'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{fold, fold_name};

    fn phrases(text: &str) -> Vec<(&'static str, Concept)> {
        let mut found: Vec<_> = find(&fold(text))
            .into_iter()
            .map(|h| (h.phrase, h.concept))
            .collect();
        found.sort();
        found.dedup();
        found
    }

    fn concepts(text: &str) -> Vec<Concept> {
        let mut found: Vec<_> = phrases(text).into_iter().map(|(_, c)| c).collect();
        found.dedup();
        found
    }

    #[test]
    fn the_data_files_are_clean() {
        // The files as written (the library embeds them without comments).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("model/lexicon");
        let mut files: Vec<(String, &'static str)> = std::fs::read_dir(&dir)
            .expect("model/lexicon")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| {
                let language = p
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("?")
                    .to_string();
                let text: &'static str = Box::leak(
                    std::fs::read_to_string(&p)
                        .expect("readable")
                        .into_boxed_str(),
                );
                (language, text)
            })
            .collect();
        files.sort();
        assert_eq!(files.len(), FILES.len(), "every file is embedded");
        let files: Vec<(&str, &'static str)> =
            files.iter().map(|(l, t)| (l.as_str(), *t)).collect();
        let errors = parse_errors(&files);
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        assert!(FILES.len() >= 9, "{} lexicon files", FILES.len());
    }

    #[test]
    fn built_a_file_at_a_time_the_lexicon_is_the_one_built_at_once() {
        let mut builder = LexiconBuilder::default();
        let mut steps = 1;
        while !builder.add_next_file() {
            steps += 1;
        }
        assert_eq!(steps, FILES.len(), "a step per data file");
        assert_eq!(builder.lexicon.entries.len(), lexicon().entries.len());
        assert_eq!(fingerprint_of(&builder.lexicon), fingerprint());
        assert_eq!(
            builder.lexicon.by_first_word.len(),
            lexicon().by_first_word.len()
        );
        // Once the lexicon is in use, a step has nothing left to do.
        assert!(LexiconBuilder::default().step());
    }

    #[test]
    fn finds_disguised_lures() {
        let name = concepts("F?СК MЕ. ТАP ON MY Р1С");
        assert!(name.contains(&Concept::Vulgar), "{name:?}");
        assert!(name.contains(&Concept::Pointer), "{name:?}");
        let name = concepts("🍑TАP T0 НAVE S*Х WIТ' МE🍑");
        assert!(name.contains(&Concept::Explicit), "{name:?}");
        assert!(concepts("Ĥii ĝuys").contains(&Concept::Greeting));
    }

    #[test]
    fn squeezing_never_makes_a_word_longer_than_written() {
        // "meet me tonight" squeezes to "met me tonight", Dutch for "with
        // me tonight".
        assert!(
            phrases("ik ga met me tonight")
                .iter()
                .all(|(p, _)| *p != "meet me tonight")
        );
        assert!(
            phrases("meeet me tonight")
                .iter()
                .any(|(p, _)| *p == "meet me tonight")
        );
    }

    #[test]
    fn a_star_matches_any_ending() {
        let mut lexicon = Lexicon::default();
        let mut seen = Default::default();
        lexicon.add(
            Phrase {
                concept: Concept::Explicit,
                text: "masturb*",
            },
            &mut seen,
        );
        let found = |text: &str| {
            let field = fold(text);
            let (mut slow, mut fast) = (Vec::new(), Vec::new());
            let n = field.words.len();
            find_phrases(
                &lexicon,
                n,
                &|i| field.squeezed_word(i),
                &|i| (field.words[i].end - field.words[i].start) as usize,
                &|i| field.words[i].disguise & DISGUISE_MASK != 0,
                false,
                &mut slow,
            );
            walk_paths(
                &lexicon,
                n,
                &|i| field.squeezed_word(i),
                &|i| (field.words[i].end - field.words[i].start) as usize,
                false,
                &mut fast,
            );
            assert_eq!(slow, fast, "both searches agree on {text:?}");
            fast.len()
        };
        assert_eq!(found("masturbating"), 1);
        assert_eq!(found("Masturbeer"), 1);
        assert_eq!(found("M A S T U R B A T E"), 1);
        assert_eq!(found("mast urb"), 0);
        assert_eq!(found("master"), 0);
    }

    #[test]
    fn cyrillic_phrases_match_in_russian_text_and_as_disguise() {
        assert!(concepts("хочу секс прямо сейчас").contains(&Concept::Explicit));
        assert!(concepts("порно видео тут").contains(&Concept::Explicit));
        assert!(
            concepts("пoрнo видео").contains(&Concept::Explicit),
            "Latin o inside"
        );
        assert!(
            !concepts("вот это да").contains(&Concept::Meta),
            "вот is not bot"
        );
    }

    #[test]
    fn scripts_keep_their_vowel_signs() {
        let a = fold("नंगी");
        let b = fold("नग");
        assert_ne!(a.text, b.text);
    }

    #[test]
    fn finds_phrases_run_together_and_backwards() {
        let name = find_in_name(&fold_name("@hotgirlvideos"))
            .into_iter()
            .map(|h| h.phrase)
            .collect::<Vec<_>>();
        assert!(name.contains(&"hotgirl"), "{name:?}");
        let backwards = find(&fold("oediv toh ym"));
        assert!(
            backwards
                .iter()
                .any(|h| h.phrase == "hot video" && h.reversed)
        );
        // A name read backwards holds a phrase at its edge ("lrigtoh" is
        // "hotgirl" backwards), not across its middle: "solangemoreira"
        // backwards hides the adult site "erome" by chance.
        let reversed = |name: &str| -> Vec<&str> {
            find_in_name(&fold_name(name))
                .into_iter()
                .filter(|h| h.reversed)
                .map(|h| h.phrase)
                .collect()
        };
        assert!(
            reversed("@lrigtoh_xx").contains(&"hotgirl"),
            "{:?}",
            reversed("@lrigtoh_xx")
        );
        assert_eq!(reversed("@solangemoreira5385"), Vec::<&str>::new());
    }

    #[test]
    fn the_head_filter_keeps_every_lexicon_word_and_rules_out_ordinary_ones() {
        let paths = &lexicon().paths;
        assert!(paths.words.keys().all(|word| paths.heads.may_hold(word)));
        assert!(
            paths.heads.may_hold("nedy"),
            "`need*` squeezes to `ned*`, shorter than a head"
        );
        assert!(paths.heads.short_prefixes.len() < 10);
        let ordinary = [
            "because",
            "yesterday",
            "beautiful",
            "tomorrow",
            "gezellig",
            "vraiment",
            "gracias",
            "obrigado",
            "musique",
            "schön",
            "dankjewel",
            "question",
            "episode",
            "minecraft",
            "football",
            "grandma",
            "teacher",
            "homework",
            "birthday",
            "guitar",
        ];
        let passed = ordinary.iter().filter(|w| paths.heads.may_hold(w)).count();
        assert!(
            passed <= 8,
            "{passed} of {} ordinary words pass",
            ordinary.len()
        );
    }

    #[test]
    fn the_inside_word_filter_keeps_every_ascii_phrase() {
        let lexicon = lexicon();
        for entry in &lexicon.entries {
            let joined = entry.words.concat();
            if let Some(&head) = joined.as_bytes().first_chunk::<4>() {
                if joined.len() >= 5 && joined.is_ascii() {
                    assert!(lexicon.joined_heads.may_start(head), "{joined}");
                }
            }
        }
        let set: u32 = lexicon
            .joined_heads
            .bits
            .iter()
            .map(|b| b.count_ones())
            .sum();
        assert!(
            set < (1 << 16) / 8,
            "{set} bits set: the filter rules out little"
        );
    }

    #[test]
    fn ordinary_words_do_not_match_inside_words() {
        assert!(phrases("Greetings from Sussex and Middlesex, this is great").is_empty());
        assert!(phrases("sextou galera, sexta feira").is_empty());
        assert!(phrases("Bonne année bande de petits miracles").is_empty());
        assert!(
            phrases("Família Loures X Tik Tokers").is_empty(),
            "x is not xxx"
        );
    }
}
