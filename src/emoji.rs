//! What emoji say in a sex-spam comment: bots use a small vocabulary of them
//! (🍑 💦 🔞 to sexualise, 😘 ❤️ to flirt, 👉 👇 to point at their profile).

/// The kinds of emoji that are evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmojiClass {
    /// Emoji used as sexual vocabulary.
    Sexual,
    /// Kisses, hearts and heart-eyes.
    Affection,
    /// Hands and arrows pointing somewhere (usually at the name or profile).
    Pointing,
}

/// The class of an emoji (as recorded by [`crate::normalize`]), if any.
pub fn class(emoji: char) -> Option<EmojiClass> {
    use EmojiClass::*;
    Some(match emoji {
        '🍑' | '🍆' | '💦' | '👅' | '🔞' | '💋' | '😈' | '🥵' | '🫦' | '👙' | '🩲' | '🍒' | '🌶'
        | '😏' | '🤤' | '🍌' | '🍓' | '👄' => Sexual,
        '😘' | '😍' | '🥰' | '❤' | '♥' | '💕' | '💖' | '💘' | '💗' | '💓' | '💞' | '😻' | '💌'
        | '🌹' | '💝' | '😚' | '😙' | '♡' => Affection,
        '👉' | '👇' | '👆' | '☝' | '👈' | '⬇' | '➡' | '⤵' | '🔽' | '⏬' => {
            Pointing
        }
        _ => return None,
    })
}
