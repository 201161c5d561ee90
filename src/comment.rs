//! What the classifier is given: one comment as a page shows it.

use serde::Deserialize;

/// One comment, with everything the page tells us about it.
///
/// Only `text` is required; a name-only record (the author is known, the text
/// is empty) is valid. Unknown fields are ignored so callers can pass richer
/// records (ids, labels, platform) without a separate type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Comment {
    /// The comment body as shown, emoji included.
    pub text: String,
    /// The display name or @handle shown with the comment, if known.
    pub author: Option<String>,
    /// Outside links in the comment (already unwrapped from redirect URLs
    /// where the caller could; [`crate::links`] unwraps the rest).
    pub links: Vec<String>,
    /// The page vouches for this comment: it is the channel's or post's own,
    /// pinned, or hearted by the creator. Its name and its copies are then
    /// no evidence (creators' names can be anything, and fans quote them);
    /// only what the text and links say counts.
    pub trusted: bool,
}

impl Comment {
    /// A comment with text and an author, no links.
    pub fn new(text: impl Into<String>, author: impl Into<String>) -> Self {
        Comment {
            text: text.into(),
            author: Some(author.into()),
            links: Vec::new(),
            trusted: false,
        }
    }

    /// The author, or `""` when the page did not give one.
    pub fn author(&self) -> &str {
        self.author.as_deref().unwrap_or("")
    }
}

/// Longest text (in bytes) read for features; longer comments are cut at a
/// character boundary so any input costs bounded time.
pub const MAX_TEXT_BYTES: usize = 4096;
/// Longest name (in bytes) read.
pub const MAX_NAME_BYTES: usize = 256;

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
