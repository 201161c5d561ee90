//! Lists the lexicon's data files (`model/lexicon/*.txt`) for the library to
//! embed, so that adding a language is adding a file: nothing else changes.
//! What is embedded is the data without its comments and blank lines (they
//! are a third of the files, and the wasm is shipped to every browser); line
//! numbers in the library's messages are then those of the compact text, so
//! the test that checks the files (`src/lexicon`) reads the files themselves.

use std::path::Path;

fn main() {
    unicode_tables();
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("model/lexicon");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("lexicon file names are UTF-8");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let compact: String = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim())
            .filter(|line| !line.is_empty())
            .flat_map(|line| [line, "\n"])
            .collect();
        out.push_str(&format!("    ({stem:?}, {compact:?}),\n"));
        println!("cargo:rerun-if-changed={}", path.display());
    }
    out.push(']');
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lexicon_files.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}

/// Writes `unicode_tables.rs`: `LATIN_BASE`, (code point, ASCII base letter)
/// for the Latin letters with diacritics whose canonical decomposition is one
/// ASCII letter plus marks (`é` → `e`); and `COMBINING_MARKS`, the ranges of
/// Unicode's combining marks.
fn unicode_tables() {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let latin = (0xC0..=0x24Fu32)
        .chain(0x1E00..=0x1EFF)
        .chain(0x2C60..=0x2C7F)
        .chain(0xA720..=0xA7FF);
    let mut out = String::from(
        "/// Latin letters with diacritics and their base letter.\npub(crate) const LATIN_BASE: &[(u32, u8)] = &[\n",
    );
    for cp in latin {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let (mut base, mut count) = (None, 0);
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                base = Some(part);
                count += 1;
            }
        });
        if let Some(b) = base.filter(|b| count == 1 && b.is_ascii_alphabetic() && *b != c) {
            out.push_str(&format!("    ({cp:#x}, b'{}'),\n", b.to_ascii_lowercase()));
        }
    }
    out.push_str("];\n\n/// Ranges (inclusive) of Unicode's combining marks.\npub(crate) const COMBINING_MARKS: &[(u32, u32)] = &[\n");
    let mut start: Option<u32> = None;
    for cp in 0..=0x11_0000u32 {
        let mark = char::from_u32(cp).is_some_and(is_combining_mark);
        match (mark, start) {
            (true, None) => start = Some(cp),
            (false, Some(s)) => {
                out.push_str(&format!("    ({s:#x}, {:#x}),\n", cp - 1));
                start = None;
            }
            _ => {}
        }
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("unicode_tables.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
