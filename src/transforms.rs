//! The disguises bots use, as functions: used to test that the classifier
//! sees through them (tests/robustness.rs) and to show the model disguised
//! examples in training. Each takes a text and a random source and returns
//! the text disguised; letters a transform cannot disguise stay as they are.
//!
//! See docs/reference/bot-patterns.md for where each comes from.

/// A small deterministic random source (SplitMix64): the same seed gives the
/// same disguises, so training and tests are reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A named disguise.
pub struct Transform {
    /// Its name, for test reports.
    pub name: &'static str,
    /// The function.
    pub apply: fn(&str, &mut Rng) -> String,
}

/// Every disguise in bot-patterns.md.
pub const ALL: &[Transform] = &[
    Transform {
        name: "math-bold",
        apply: math_bold,
    },
    Transform {
        name: "math-script",
        apply: math_script,
    },
    Transform {
        name: "circled",
        apply: circled,
    },
    Transform {
        name: "negative-squared",
        apply: negative_squared,
    },
    Transform {
        name: "small-caps",
        apply: small_caps,
    },
    Transform {
        name: "superscript",
        apply: superscript,
    },
    Transform {
        name: "fullwidth",
        apply: fullwidth,
    },
    Transform {
        name: "cyrillic-look-alikes",
        apply: cyrillic,
    },
    Transform {
        name: "greek-look-alikes",
        apply: greek,
    },
    Transform {
        name: "diacritics",
        apply: diacritics,
    },
    Transform {
        name: "leetspeak",
        apply: leetspeak,
    },
    Transform {
        name: "masking",
        apply: masking,
    },
    Transform {
        name: "letter-spacing",
        apply: letter_spacing,
    },
    Transform {
        name: "separators",
        apply: separators,
    },
    Transform {
        name: "zero-width",
        apply: zero_width,
    },
    Transform {
        name: "combining-marks",
        apply: combining_marks,
    },
    Transform {
        name: "reversed",
        apply: reversed,
    },
    Transform {
        name: "symbols-appended",
        apply: symbols_appended,
    },
];

/// Maps ASCII letters through an offset into a Unicode alphabet that has
/// capitals at `upper` and small letters at `lower` (mathematical and
/// fullwidth alphabets), with exceptions for holes in the alphabet.
fn alphabet(text: &str, upper: u32, lower: u32, holes: &[(char, char)]) -> String {
    text.chars()
        .map(|c| {
            if let Some(&(_, replacement)) = holes.iter().find(|(from, _)| *from == c) {
                return replacement;
            }
            let mapped = match c {
                'A'..='Z' => char::from_u32(upper + (c as u32 - 'A' as u32)),
                'a'..='z' => char::from_u32(lower + (c as u32 - 'a' as u32)),
                _ => None,
            };
            mapped.unwrap_or(c)
        })
        .collect()
}

/// 𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎
pub fn math_bold(text: &str, _: &mut Rng) -> String {
    alphabet(text, 0x1D400, 0x1D41A, &[])
}

/// 𝓜𝔂 𝓹𝓻𝓲𝓿𝓪𝓽𝓮 (bold script, which has no holes)
pub fn math_script(text: &str, _: &mut Rng) -> String {
    alphabet(text, 0x1D4D0, 0x1D4EA, &[])
}

/// Ⓗⓞⓣ
pub fn circled(text: &str, _: &mut Rng) -> String {
    alphabet(text, 0x24B6, 0x24D0, &[])
}

/// 🅷🅸 🅶🆄🆈🆂 (only capitals exist)
pub fn negative_squared(text: &str, _: &mut Rng) -> String {
    alphabet(&text.to_uppercase(), 0x1F170, 0x1F170, &[])
}

/// ʟᴏᴏᴋ ᴀᴛ ᴍʏ ᴘʀᴏꜰɪʟᴇ
pub fn small_caps(text: &str, _: &mut Rng) -> String {
    const SMALL: &str = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ";
    map_letters(text, SMALL)
}

/// ˢᵗᵘᵖⁱᵈ (q has no superscript and stays)
pub fn superscript(text: &str, _: &mut Rng) -> String {
    const SUPER: &str = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖqʳˢᵗᵘᵛʷˣʸᶻ";
    map_letters(text, SUPER)
}

fn map_letters(text: &str, alphabet: &str) -> String {
    let letters: Vec<char> = alphabet.chars().collect();
    text.chars()
        .map(|c| {
            let lower = c.to_ascii_lowercase();
            if lower.is_ascii_lowercase() {
                letters[(lower as u8 - b'a') as usize]
            } else {
                c
            }
        })
        .collect()
}

/// ＦＵＬＬＷＩＤＴＨ
pub fn fullwidth(text: &str, _: &mut Rng) -> String {
    alphabet(text, 0xFF21, 0xFF41, &[])
}

/// Latin letters swapped for Cyrillic look-alikes, about half of them
/// (`ТАP ON MY Р1С`).
pub fn cyrillic(text: &str, rng: &mut Rng) -> String {
    swap_look_alikes(
        text,
        rng,
        &[
            ('A', 'А'),
            ('B', 'В'),
            ('C', 'С'),
            ('E', 'Е'),
            ('H', 'Н'),
            ('K', 'К'),
            ('M', 'М'),
            ('O', 'О'),
            ('P', 'Р'),
            ('T', 'Т'),
            ('X', 'Х'),
            ('Y', 'У'),
            ('a', 'а'),
            ('c', 'с'),
            ('e', 'е'),
            ('o', 'о'),
            ('p', 'р'),
            ('x', 'х'),
            ('y', 'у'),
            ('i', 'і'),
            ('s', 'ѕ'),
        ],
    )
}

/// Latin letters swapped for Greek look-alikes (`Α vℓσg`).
pub fn greek(text: &str, rng: &mut Rng) -> String {
    swap_look_alikes(
        text,
        rng,
        &[
            ('A', 'Α'),
            ('B', 'Β'),
            ('E', 'Ε'),
            ('H', 'Η'),
            ('I', 'Ι'),
            ('K', 'Κ'),
            ('M', 'Μ'),
            ('N', 'Ν'),
            ('O', 'Ο'),
            ('P', 'Ρ'),
            ('T', 'Τ'),
            ('X', 'Χ'),
            ('Y', 'Υ'),
            ('Z', 'Ζ'),
            ('o', 'ο'),
            ('v', 'ν'),
            ('a', 'α'),
            ('u', 'υ'),
        ],
    )
}

fn swap_look_alikes(text: &str, rng: &mut Rng, pairs: &[(char, char)]) -> String {
    let mut swapped_one = false;
    let mut out: String = text
        .chars()
        .map(|c| match pairs.iter().find(|(latin, _)| *latin == c) {
            Some(&(_, look_alike)) if rng.chance(0.5) => {
                swapped_one = true;
                look_alike
            }
            _ => c,
        })
        .collect();
    if !swapped_one {
        // Make sure something was disguised.
        out = text
            .chars()
            .map(|c| {
                pairs
                    .iter()
                    .find(|(latin, _)| *latin == c)
                    .map_or(c, |&(_, l)| l)
            })
            .collect();
    }
    out
}

/// Diacritics sprinkled on letters (`SĘÉ NÓW`, `Ĥii ĝuys`).
pub fn diacritics(text: &str, rng: &mut Rng) -> String {
    const MARKS: [char; 6] = [
        '\u{301}', '\u{300}', '\u{302}', '\u{328}', '\u{308}', '\u{303}',
    ];
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        out.push(c);
        if c.is_ascii_alphabetic() && rng.chance(0.4) {
            out.push(MARKS[rng.below(MARKS.len())]);
        }
    }
    // Precomposed where Unicode has it, as bots' keyboards produce.
    use unicode_normalization::UnicodeNormalization;
    out.nfc().collect()
}

/// Leetspeak (`H0rny`, `P1C`, `L!ve`): in about half the words, one or two
/// letters become digits or symbols, as bots write it; a word never loses
/// all its letters.
pub fn leetspeak(text: &str, rng: &mut Rng) -> String {
    let leet = |c: char, rng: &mut Rng| -> Option<char> {
        Some(match c.to_ascii_lowercase() {
            'o' => '0',
            'i' => {
                if rng.chance(0.5) {
                    '1'
                } else {
                    '!'
                }
            }
            'e' => '3',
            'a' => {
                if rng.chance(0.5) {
                    '4'
                } else {
                    '@'
                }
            }
            's' => {
                if rng.chance(0.5) {
                    '5'
                } else {
                    '$'
                }
            }
            't' => '7',
            _ => return None,
        })
    };
    text.split(' ')
        .map(|word| {
            let mut chars: Vec<char> = word.chars().collect();
            let letters = chars.iter().filter(|c| c.is_alphabetic()).count();
            if letters < 2 || !rng.chance(0.5) {
                return word.to_string();
            }
            let mut changed = 0;
            for _ in 0..chars.len() {
                let i = rng.below(chars.len());
                if changed < 2.min(letters - 1) {
                    if let Some(l) = leet(chars[i], rng) {
                        chars[i] = l;
                        changed += 1;
                    }
                }
            }
            chars.into_iter().collect()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// One vowel of each word of four letters or fewer, or of one longer word,
/// masked (`F?CK`, `S*X`).
pub fn masking(text: &str, rng: &mut Rng) -> String {
    const MASKS: [char; 3] = ['*', '?', '#'];
    let mask = MASKS[rng.below(MASKS.len())];
    let words: Vec<&str> = text.split(' ').collect();
    words
        .iter()
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            let vowel =
                (1..chars.len().saturating_sub(1)).find(|&i| "aeiouAEIOU".contains(chars[i]));
            match vowel {
                Some(i) if chars.len() <= 5 || rng.chance(0.3) => {
                    let mut masked = chars.clone();
                    masked[i] = mask;
                    masked.into_iter().collect()
                }
                _ => word.to_string(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The letters of one word spaced apart (`s e x`, `M i A vlog`), the
/// longest of the first few, as bots space the word a filter would catch.
pub fn letter_spacing(text: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let candidates = words.len().clamp(1, 4);
    let pick = (0..candidates)
        .max_by_key(|&i| (words[i].chars().count(), rng.below(4)))
        .unwrap_or(0);
    words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            if i == pick {
                word.chars().map(String::from).collect::<Vec<_>>().join(" ")
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Dots or dashes between letters of short words (`S.E.X`, `F-C-K`).
pub fn separators(text: &str, rng: &mut Rng) -> String {
    let separator = if rng.chance(0.5) { "." } else { "-" };
    text.split(' ')
        .map(|word| {
            if (2..=4).contains(&word.chars().count()) {
                word.chars()
                    .map(String::from)
                    .collect::<Vec<_>>()
                    .join(separator)
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Zero-width characters between letters.
pub fn zero_width(text: &str, rng: &mut Rng) -> String {
    const INVISIBLE: [char; 3] = ['\u{200B}', '\u{200C}', '\u{2060}'];
    let mut out = String::with_capacity(text.len() * 3);
    for c in text.chars() {
        out.push(c);
        if c.is_alphabetic() && rng.chance(0.5) {
            out.push(INVISIBLE[rng.below(INVISIBLE.len())]);
        }
    }
    out
}

/// Stacks of combining marks ("zalgo").
pub fn combining_marks(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() * 4);
    for c in text.chars() {
        out.push(c);
        if c.is_alphabetic() {
            for _ in 0..rng.below(3) {
                out.push(char::from_u32(0x0300 + rng.below(0x30) as u32).unwrap_or('\u{301}'));
            }
        }
    }
    out
}

/// The text written backwards (`oediv toh ym`), sometimes with a
/// right-to-left override so it displays forwards.
pub fn reversed(text: &str, rng: &mut Rng) -> String {
    let backwards: String = text.chars().rev().collect();
    if rng.chance(0.3) {
        format!("\u{202E}{backwards}")
    } else {
        backwards
    }
}

/// Random symbols appended so copies are not exact duplicates.
pub fn symbols_appended(text: &str, rng: &mut Rng) -> String {
    const SYMBOLS: [&str; 8] = ["✨", "⁂", "✧", "!!", "..", "🌸", "❀", "★"];
    let mut out = text.to_string();
    for _ in 0..1 + rng.below(3) {
        out.push(' ');
        out.push_str(SYMBOLS[rng.below(SYMBOLS.len())]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    #[test]
    fn letter_alphabets_fold_back() {
        let mut rng = Rng::new(1);
        for t in ALL {
            if [
                "reversed",
                "masking",
                "leetspeak",
                "letter-spacing",
                "separators",
            ]
            .contains(&t.name)
            {
                continue;
            }
            let disguised = (t.apply)("My Hot Video", &mut rng);
            assert_ne!(disguised, "My Hot Video", "{} changed nothing", t.name);
            assert_eq!(
                fold(&disguised).text,
                "my hot video",
                "{}: {disguised}",
                t.name
            );
        }
    }

    #[test]
    fn the_random_source_is_deterministic() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(a.next_u64(), b.next_u64());
        assert_eq!(
            leetspeak("Horny Chat", &mut Rng::new(3)),
            leetspeak("Horny Chat", &mut Rng::new(3))
        );
    }
}
