//! Undoes the disguises bots put on words, so `𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎` and `H0T vídeo`
//! both read `hot video`.
//!
//! The output is a *folded* string: lowercase letters and digits, words
//! separated by single spaces, no marks or symbols. It is only for matching;
//! what a person sees is always the original text.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` for matching: compatibility decomposition (NFKD turns
/// mathematical, fullwidth, circled and superscript letters into plain ones),
/// drops combining marks (`SĘÉ` → `see`), lowercases, reads digits and symbols
/// inside words as the letters they imitate (`H0rny` → `horny`), and turns
/// everything else into single spaces.
pub fn fold(text: &str) -> String {
    let plain: Vec<char> = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();

    let mut out = String::with_capacity(plain.len());
    let mut pending_space = false;
    for (i, &c) in plain.iter().enumerate() {
        let c = if c.is_alphabetic() {
            Some(c)
        } else {
            leet_letter(c).filter(|_| reads_as_letter(&plain, i))
        };
        match c {
            Some(letter) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(letter);
            }
            None if plain[i].is_ascii_digit() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(plain[i]);
            }
            None => pending_space = true,
        }
    }
    out
}

/// The letter a digit or symbol imitates in leetspeak, if any.
fn leet_letter(c: char) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        _ => return None,
    })
}

/// Whether the leet character at `i` stands for a letter here: a digit next to
/// a letter and no other digit (`H0t`, `0N`, but not `2:05` or `100`), a symbol
/// between two letters (`L!ve`, but not `now!`).
fn reads_as_letter(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
    let after = chars.get(i + 1).copied();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if chars[i].is_ascii_digit() {
        (letter(before) || letter(after)) && !digit(before) && !digit(after)
    } else {
        letter(before) && letter(after)
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn mathematical_letters_read_as_plain_letters() {
        assert_eq!(fold("𝐌𝐘 𝐇𝐎𝐓 𝐕𝐈𝐃𝐄𝐎"), "my hot video");
        assert_eq!(fold("𝓜𝔂 𝓹𝓻𝓲𝓿𝓪𝓽𝓮 𝓹𝓱𝓸𝓽𝓸𝓼"), "my private photos");
    }

    #[test]
    fn sprinkled_diacritics_are_dropped() {
        assert_eq!(fold("SĘÉ NÓW !"), "see now");
    }

    #[test]
    fn leetspeak_inside_words_reads_as_letters() {
        assert_eq!(fold("H0rny"), "horny");
        assert_eq!(fold("L!ve"), "live");
    }

    #[test]
    fn numbers_and_timestamps_stay_numbers() {
        assert_eq!(
            fold("The part at 2:05 was great"),
            "the part at 2 05 was great"
        );
        assert_eq!(fold("100 likes"), "100 likes");
    }

    #[test]
    fn symbols_and_emoji_become_word_breaks() {
        assert_eq!(fold("🍓 hot • video!!"), "hot video");
        assert_eq!(fold(""), "");
        assert_eq!(fold("💋🔞"), "");
    }
}
