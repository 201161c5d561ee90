//! The baseline Schild is measured against: a plain keyword list matched on
//! the lowercased text and name, without undoing disguises and without
//! learning. It shows what normalisation and the model buy (docs/classifier.md,
//! "Figures"); the extension never uses it.

use crate::comment::Comment;

/// Keywords of the kind simple comment filters use.
pub const KEYWORDS: &[&str] = &[
    "sex",
    "porn",
    "nude",
    "nudes",
    "naked",
    "horny",
    "xxx",
    "fuck me",
    "tap me",
    "hot video",
    "my profile",
    "my pic",
    "dating site",
    "sex tape",
    "onlyfans",
    "18+",
    "hot singles",
    "webcam",
    "escort",
    "camgirl",
    "send nudes",
    "don't read my name",
    "check my profile",
];

/// Whether the keyword list flags a comment.
pub fn flags(comment: &Comment) -> bool {
    let text = comment.text.to_lowercase();
    let name = comment.author().to_lowercase();
    KEYWORDS
        .iter()
        .any(|k| text.contains(k) || name.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keywords_match_and_disguises_slip_through() {
        assert!(flags(&Comment::new("my nudes here", "@x")));
        assert!(!flags(&Comment::new("my ɴᴜᴅᴇs here", "@x")));
        assert!(!flags(&Comment::new("great video", "@x")));
    }
}
