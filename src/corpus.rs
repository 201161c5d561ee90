//! Reading comment corpora: JSON Lines in the format of
//! `../shared/data/README.md` (`text`, `author`, `label`, `thread`, `lang`,
//! `platform`, …; unknown fields ignored).
//!
//! Every problem names its file and line, and nothing is silently dropped:
//! a line that is not valid JSON, lacks a required field, is not UTF-8 or is
//! longer than [`MAX_LINE_BYTES`] is an error.

use std::fmt;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::comment::Comment;

/// Longest line accepted (1 MiB); longer ones are reported, not read.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The label of a labelled comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Sex, porn, cam, "dating" or nudes lure: what Schild blurs.
    SexSpam,
    /// Other spam (scams, crypto, self-promotion).
    OtherSpam,
    /// A normal comment.
    Ham,
}

impl Label {
    /// Parses `sexspam`, `spam_other` or `ham`.
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "sexspam" => Some(Label::SexSpam),
            "spam_other" => Some(Label::OtherSpam),
            "ham" => Some(Label::Ham),
            _ => None,
        }
    }

    /// Whether this is the positive class.
    pub fn is_positive(self) -> bool {
        self == Label::SexSpam
    }
}

/// One line of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
pub struct RawRecord {
    /// The comment text (required by [`read_labelled`]).
    pub text: Option<String>,
    /// The author's name or handle.
    pub author: Option<String>,
    /// Outside links.
    pub links: Vec<String>,
    /// `sexspam`, `spam_other` or `ham`.
    pub label: Option<String>,
    /// The page the comment was on.
    pub thread: Option<String>,
    /// ISO 639-1 language.
    pub lang: Option<String>,
    /// `youtube`, `instagram` or `other`.
    pub platform: Option<String>,
    /// `comment`, `display_name`, `handle`, `domain`, `filter_term`, …
    pub kind: Option<String>,
    /// Where the row came from.
    pub source: Option<String>,
    /// Whether the page vouches for the comment (see [`Comment::trusted`]).
    pub trusted: bool,
    /// Written by the project for training (`model/synthetic/`), never
    /// counted in a reported figure.
    pub synthetic: bool,
}

/// A labelled comment with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The comment (a `domain` row becomes a link-only comment).
    pub comment: Comment,
    /// Its label.
    pub label: Label,
    /// The page it was on, if known.
    pub thread: Option<String>,
    /// Its language, if known.
    pub lang: Option<String>,
    /// Its platform, if known.
    pub platform: Option<String>,
    /// Its kind (`comment` when not given).
    pub kind: String,
    /// The file it was read from (file name only).
    pub file: String,
    /// Its line in that file (1-based).
    pub line: usize,
    /// Written by the project for training only (see [`RawRecord::synthetic`]).
    pub synthetic: bool,
}

/// A problem with a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    /// The file.
    pub file: PathBuf,
    /// The line (1-based), or 0 for the file as a whole.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.problem)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.problem)
        }
    }
}

impl std::error::Error for CorpusError {}

/// Reads JSON Lines from `reader`, one [`RawRecord`] (or a problem) per
/// non-empty line, with its line number. Never reads more than
/// [`MAX_LINE_BYTES`] of a line into memory.
pub fn raw_lines(reader: impl BufRead) -> impl Iterator<Item = (usize, Result<RawRecord, String>)> {
    let mut reader = reader;
    let mut number = 0usize;
    std::iter::from_fn(move || {
        loop {
            number += 1;
            let mut line = Vec::new();
            let read = (&mut reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut line);
            match read {
                Err(error) => return Some((number, Err(format!("cannot read: {error}")))),
                Ok(0) => return None,
                Ok(_) => {}
            }
            if line.len() > MAX_LINE_BYTES && !line.ends_with(b"\n") {
                // Skip the rest of the overlong line.
                let mut rest = 0usize;
                loop {
                    let mut chunk = Vec::new();
                    match (&mut reader).take(1 << 16).read_until(b'\n', &mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => rest += n,
                    }
                    if chunk.ends_with(b"\n") {
                        break;
                    }
                }
                let length = line.len() + rest;
                return Some((
                    number,
                    Err(format!(
                        "line too long ({length} bytes, limit {MAX_LINE_BYTES})"
                    )),
                ));
            }
            let Ok(text) = std::str::from_utf8(&line) else {
                return Some((number, Err("not valid UTF-8".to_string())));
            };
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let parsed =
                serde_json::from_str::<RawRecord>(text).map_err(|e| format!("invalid JSON: {e}"));
            return Some((number, parsed));
        }
    })
}

/// The records of each page, in order: records sharing a `thread` form one
/// page (as the comments under one video did); a record without a thread is
/// a page of its own. Pages come in the order of their first record.
pub fn pages(records: &[Record]) -> Vec<Vec<usize>> {
    let mut by_thread: std::collections::HashMap<&str, usize> = Default::default();
    let mut pages: Vec<Vec<usize>> = Vec::new();
    for (i, record) in records.iter().enumerate() {
        match record.thread.as_deref() {
            Some(thread) => match by_thread.get(thread) {
                Some(&page) => pages[page].push(i),
                None => {
                    by_thread.insert(thread, pages.len());
                    pages.push(vec![i]);
                }
            },
            None => pages.push(vec![i]),
        }
    }
    pages
}

/// Reads a labelled corpus file: every line must have `text` (a string,
/// possibly empty) and a valid `label`.
pub fn read_labelled(path: &Path) -> Result<Vec<Record>, CorpusError> {
    let error = |line: usize, problem: String| CorpusError {
        file: path.to_path_buf(),
        line,
        problem,
    };
    let file = std::fs::File::open(path).map_err(|e| error(0, format!("cannot open: {e}")))?;
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut records = Vec::new();
    for (line, raw) in raw_lines(std::io::BufReader::new(file)) {
        let raw = raw.map_err(|problem| error(line, problem))?;
        let text = raw
            .text
            .ok_or_else(|| error(line, "missing field `text`".into()))?;
        let label_text = raw
            .label
            .ok_or_else(|| error(line, "missing field `label`".into()))?;
        let label = Label::parse(&label_text).ok_or_else(|| {
            error(
                line,
                format!("unknown label {label_text:?} (expected sexspam, spam_other or ham)"),
            )
        })?;
        let kind = raw.kind.unwrap_or_else(|| "comment".into());
        let comment = if kind == "domain" {
            Comment {
                text: String::new(),
                author: raw.author,
                links: vec![text],
                trusted: raw.trusted,
            }
        } else {
            Comment {
                text,
                author: raw.author,
                links: raw.links,
                trusted: raw.trusted,
            }
        };
        records.push(Record {
            comment,
            label,
            thread: raw.thread,
            lang: raw.lang,
            platform: raw.platform,
            kind,
            file: file_name.clone(),
            line,
            synthetic: raw.synthetic,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<(usize, Result<RawRecord, String>)> {
        raw_lines(input.as_bytes()).collect()
    }

    #[test]
    fn reads_records_and_ignores_unknown_fields() {
        let read = lines(
            "{\"text\":\"hi\",\"author\":null,\"extra\":1}\n\n{\"text\":\"\",\"author\":\"@x\"}",
        );
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].0, 1);
        assert_eq!(read[1].0, 3, "blank lines still count");
        let second = read[1].1.as_ref().expect("valid");
        assert_eq!(second.author.as_deref(), Some("@x"));
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let read = lines("{\"text\":\"ok\"}\n{not json}\n\"just a string\"\n");
        assert!(read[0].1.is_ok());
        assert!(
            read[1]
                .1
                .as_ref()
                .is_err_and(|e| e.starts_with("invalid JSON")),
            "{read:?}"
        );
        assert_eq!(read[1].0, 2);
        assert!(read[2].1.is_err());
    }

    #[test]
    fn overlong_lines_are_refused_and_the_rest_still_read() {
        let long = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"after\"}}\n",
            "a".repeat(MAX_LINE_BYTES + 10)
        );
        let read = lines(&long);
        assert_eq!(read.len(), 2);
        assert!(
            read[0]
                .1
                .as_ref()
                .is_err_and(|e| e.starts_with("line too long"))
        );
        assert_eq!(
            read[1].1.as_ref().map(|r| r.text.clone()),
            Ok(Some("after".into()))
        );
        assert_eq!(read[1].0, 2);
    }

    #[test]
    fn invalid_utf8_is_reported() {
        let read: Vec<_> = raw_lines(&b"{\"text\":\"\xff\"}\n"[..]).collect();
        assert_eq!(read[0].1, Err("not valid UTF-8".to_string()));
    }

    #[test]
    fn labelled_files_need_text_and_a_known_label() {
        let dir = std::env::temp_dir().join(format!("schild-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let write = |name: &str, body: &str| {
            let path = dir.join(name);
            std::fs::write(&path, body).expect("write");
            path
        };
        let good = write(
            "good.jsonl",
            "{\"text\":\"x\",\"label\":\"ham\"}\n{\"text\":\"porn.uno\",\"label\":\"sexspam\",\"kind\":\"domain\"}\n",
        );
        let records = read_labelled(&good).expect("valid corpus");
        assert_eq!(records[1].comment.links, ["porn.uno"]);
        let missing = write(
            "missing.jsonl",
            "{\"text\":\"x\",\"label\":\"ham\"}\n{\"label\":\"ham\"}\n",
        );
        let error = read_labelled(&missing).expect_err("missing text");
        assert_eq!(
            (error.line, error.problem.as_str()),
            (2, "missing field `text`")
        );
        assert!(
            error
                .to_string()
                .ends_with("missing.jsonl:2: missing field `text`")
        );
        let bad_label = write("label.jsonl", "{\"text\":\"x\",\"label\":\"spam\"}\n");
        assert!(
            read_labelled(&bad_label)
                .expect_err("bad label")
                .problem
                .contains("unknown label")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
