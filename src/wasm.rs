//! The browser binding: a thin layer that turns JavaScript objects into
//! [`Comment`]s and [`Verdict`]s into JavaScript objects. No classification
//! logic lives here.
//!
//! Used by the extension (content script or background) and by the demo page
//! in `www/`, all through the glue that `wasm-bindgen --target web` generates.
//!
//! Two ways in: `classifyBatch` takes an array of comment objects (the demo
//! page, tests); `classifyPacked` takes a whole batch as one string and
//! answers with an array of scores, and verdicts only for the flagged
//! comments (the extension; `extension/shared/packing.js` packs). Reading
//! objects field by field and building a verdict object per comment was
//! most of the cost of crossing into wasm; one string in and one typed array
//! out cross once per batch.
//!
//! Whatever JavaScript passes in, a call returns verdicts, `{error}` items or
//! a catchable `Error`, and the classifier stays usable. That takes care:
//! - Parameters are `JsValue`s checked here, never `&str`/`String`: the glue
//!   copies a non-string given for a string parameter into wasm memory
//!   without checking it, which traps ("memory access out of bounds").
//! - Objects are read only through `Reflect` and imports declared `catch`: a
//!   JavaScript exception (a throwing getter, a Proxy) that unwinds through
//!   wasm would leave the `PageClassifier` borrowed for good, and every later
//!   call would fail with "recursive use of an object".
//! - Strings with lone surrogates arrive with U+FFFD in their place (the
//!   glue's `TextEncoder`).

use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::links::MAX_LINKS;
use crate::{Comment, Page, Sensitivity, Verdict};

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console error instead of "unreachable".
    console_error_panic_hook::set_once();
}

/// Most comments one `classifyBatch` call takes. The extension sends 100 at
/// a time; a much larger array is a mistake, and classifying it in one call
/// would hold up the page's main thread for seconds.
const MAX_BATCH: u32 = 1000;

thread_local! {
    /// The lexicon being built by [`prepare_step`] (wasm runs one thread).
    static PREPARING: std::cell::RefCell<crate::lexicon::LexiconBuilder> = Default::default();
}

/// Builds what every classifier shares (the lexicon, a data file a step,
/// then the model), a step a call: a page calls it in tasks of their own
/// before the first `PageClassifier`, so no one task is long (at once it
/// was a task of over 100 ms in a page that was loading). True when done;
/// a classifier made before that builds the rest at once.
#[wasm_bindgen(js_name = prepareStep)]
pub fn prepare_step() -> bool {
    if !PREPARING.with(|builder| builder.borrow_mut().step()) {
        return false;
    }
    crate::Model::embedded();
    true
}

/// The classifier for the comments of one page, as JavaScript sees it.
#[wasm_bindgen]
pub struct PageClassifier {
    page: Page,
    /// Reused for every packed comment, so a batch allocates nothing per
    /// comment once its buffers have grown.
    scratch: Comment,
    /// The flagged verdicts of the last packed batch, for `takeFlagged`.
    flagged: Vec<(u32, Verdict)>,
}

#[wasm_bindgen]
impl PageClassifier {
    /// `sensitivity` is `"relaxed"`, `"balanced"` (the default, also for
    /// `undefined` and `null`) or `"strict"`.
    #[wasm_bindgen(constructor)]
    pub fn new(sensitivity: JsValue) -> Result<PageClassifier, JsError> {
        let mut page = Page::new(parse_sensitivity(&sensitivity)?);
        // Build the lexicon, model and buffers now, while the page is still
        // loading, rather than inside the first batch of comments.
        page.classify(&Comment::new("warming up", "@schild"));
        page.reset();
        Ok(PageClassifier {
            page,
            scratch: Comment::default(),
            flagged: Vec::new(),
        })
    }

    /// Classifies a batch packed into one string (see [`SEPARATOR`]):
    /// `count` comments. Returns `count + 1` numbers: each comment's score,
    /// then how many comments have a verdict of sex-spam (or any reason),
    /// whose verdicts [`PageClassifier::take_flagged`] then gives. The
    /// others' verdicts are `{score, sexspam: false, reasons: []}`. Numbers
    /// out, rather than objects, because every object made for JavaScript
    /// is a call out of wasm, which cost more than classifying.
    ///
    /// Throws a catchable `Error` (the classifier stays usable) when
    /// `packed` is not a string, `count` is not a whole number up to 1,000,
    /// or the string does not hold `count` records.
    #[wasm_bindgen(js_name = classifyPacked)]
    pub fn classify_packed(
        &mut self,
        packed: JsValue,
        count: JsValue,
    ) -> Result<Vec<f32>, JsError> {
        self.flagged.clear();
        let packed = packed
            .as_string()
            .ok_or_else(|| JsError::new("classifyPacked: expected a string"))?;
        let count = count
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(MAX_BATCH)).contains(n))
            .ok_or_else(|| {
                JsError::new(&format!(
                    "classifyPacked: the count is not a whole number from 0 to {MAX_BATCH}"
                ))
            })? as usize;
        let mut fields = packed.split(SEPARATOR);
        let mut scores = Vec::with_capacity(count + 1);
        for index in 0..count {
            read_packed(&mut fields, &mut self.scratch).map_err(|error| {
                self.flagged.clear();
                JsError::new(&format!("classifyPacked: record {index} {error}"))
            })?;
            let verdict = self.page.classify(&self.scratch);
            scores.push(verdict.score);
            if verdict.sexspam || !verdict.reasons.is_empty() {
                self.flagged.push((index as u32, verdict));
            }
        }
        // Each field ends with a separator: the last is followed by nothing.
        if !matches!((fields.next(), fields.next()), (Some(""), None)) {
            self.flagged.clear();
            return Err(JsError::new(&format!(
                "classifyPacked: the string does not end after {count} records"
            )));
        }
        scores.push(self.flagged.len() as f32);
        Ok(scores)
    }

    /// The verdicts the last `classifyPacked` call flagged, as `[index,
    /// verdict]` pairs (once: a second call gives none).
    #[wasm_bindgen(js_name = takeFlagged)]
    pub fn take_flagged(&mut self) -> Result<Array, JsError> {
        let pairs = Array::new();
        for (index, verdict) in self.flagged.drain(..) {
            pairs.push(&Array::of2(&JsValue::from(index), &to_js(&verdict)?));
        }
        Ok(pairs)
    }

    /// Classifies an array of `{text, author?, links?, trusted?}` objects.
    /// Returns an array of the same length: a verdict `{score, sexspam,
    /// reasons}` per comment, or `{error}` for an item that is not a
    /// comment, so one bad item never costs the others their verdicts.
    ///
    /// Throws a catchable `Error` (the classifier stays usable) when
    /// `comments` is not an array or holds more than 1,000 items.
    #[wasm_bindgen(js_name = classifyBatch)]
    pub fn classify_batch(&mut self, comments: JsValue) -> Result<Array, JsError> {
        // wasm-bindgen would not check the type of an `&Array` parameter:
        // `{length: 1e9}` would be walked a billion times.
        if !is_array(&comments).unwrap_or(false) {
            return Err(JsError::new("classifyBatch: expected an array of comments"));
        }
        let length = KEYS
            .with(|keys| Reflect::get(&comments, &keys.length))
            .ok()
            .and_then(|length| length.as_f64())
            .unwrap_or(0.0);
        if length > f64::from(MAX_BATCH) {
            return Err(JsError::new(&format!(
                "classifyBatch: {length} comments in one batch, at most {MAX_BATCH}"
            )));
        }
        let length = length as u32;
        let out = Array::new_with_length(length);
        for i in 0..length {
            let comment = Reflect::get_u32(&comments, i)
                .map_err(|thrown| format!("reading it threw {}", describe(&thrown)))
                .and_then(|item| comment_from_js(&item));
            let value = match comment {
                Ok(comment) => to_js(&self.page.classify(&comment))?,
                Err(error) => {
                    web_sys::console::warn_1(
                        &format!("Schild: comment {i} skipped: {error}").into(),
                    );
                    to_js(&ItemError { error })?
                }
            };
            out.set(i, value);
        }
        Ok(out)
    }

    /// Forgets the page's comments (after navigating to another page).
    pub fn reset(&mut self) {
        self.page.reset();
    }
}

/// What ends each field of a packed batch. The packed format, as
/// `extension/shared/wasm.js` writes it: each comment is a header, its text,
/// its author when it has one, and its links, each followed by a NUL (which
/// the packer replaces in the fields themselves). The header is `t`
/// (trusted) or `f`, then `a` (an author follows) or `-`, then the number of
/// links in decimal: `fa1␀Hello␀@maria␀https://x.example/␀`.
const SEPARATOR: char = '\0';

/// Reads the next packed record into `comment`; an error says what is wrong.
fn read_packed<'a>(
    fields: &mut impl Iterator<Item = &'a str>,
    comment: &mut Comment,
) -> Result<(), String> {
    let mut next = |what: &str| {
        fields
            .next()
            .ok_or_else(|| format!("ends before its {what}"))
    };
    let header = next("header")?;
    let mut chars = header.chars();
    let trusted = match chars.next() {
        Some('t') => true,
        Some('f') => false,
        _ => return Err("has no valid header".into()),
    };
    let has_author = match chars.next() {
        Some('a') => true,
        Some('-') => false,
        _ => return Err("has no valid header".into()),
    };
    let links: usize = chars
        .as_str()
        .parse()
        .map_err(|_| "has no valid header".to_string())?;
    comment.trusted = trusted;
    comment.text.clear();
    comment.text.push_str(next("text")?);
    if has_author {
        let author = next("author")?;
        let buffer = comment.author.get_or_insert_with(String::new);
        buffer.clear();
        buffer.push_str(author);
    } else {
        comment.author = None;
    }
    comment.links.truncate(links.min(MAX_LINKS));
    for i in 0..links {
        let link = next("links")?;
        if i >= MAX_LINKS {
            continue; // the classifier reads the first MAX_LINKS
        }
        if let Some(buffer) = comment.links.get_mut(i) {
            buffer.clear();
            buffer.push_str(link);
        } else {
            comment.links.push(link.to_string());
        }
    }
    Ok(())
}

/// Classifies one comment on its own, without page context (the demo page).
#[wasm_bindgen]
pub fn classify(comment: JsValue, sensitivity: JsValue) -> Result<JsValue, JsError> {
    let comment = comment_from_js(&comment).map_err(|e| JsError::new(&e))?;
    let mut page = Page::new(parse_sensitivity(&sensitivity)?);
    let verdict = page.classify_batch(std::slice::from_ref(&comment));
    to_js(&verdict[0])
}

/// What the classifier reads after undoing disguises (`𝐇𝐎𝐓` → `hot`).
#[wasm_bindgen]
pub fn normalize(text: JsValue) -> Result<String, JsError> {
    let text = text
        .as_string()
        .ok_or_else(|| JsError::new("normalize: expected a string"))?;
    Ok(crate::normalize::fold(&text).text)
}

/// The classifier's version, for the popup and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[derive(Serialize)]
struct ItemError {
    error: String,
}

/// The property names read, made into JavaScript strings once (making
/// them for every comment cost a fifth of the batch's time).
struct Keys {
    text: JsValue,
    author: JsValue,
    links: JsValue,
    trusted: JsValue,
    length: JsValue,
}

impl Keys {
    fn get(&self, name: &str) -> &JsValue {
        match name {
            "text" => &self.text,
            "author" => &self.author,
            "links" => &self.links,
            _ => &self.trusted,
        }
    }
}

thread_local! {
    static KEYS: Keys = Keys {
        text: "text".into(),
        author: "author".into(),
        links: "links".into(),
        trusted: "trusted".into(),
        length: "length".into(),
    };
}

/// A comment from `{text, author?, links?, trusted?}`; unknown fields are
/// ignored, `undefined` and `null` stand for a missing field. Only the links
/// the classifier reads (the first 16) are read.
fn comment_from_js(item: &JsValue) -> Result<Comment, String> {
    if !item.is_object() {
        return Err(format!("expected a comment object, got {}", describe(item)));
    }
    let field = |name: &'static str| -> Result<Option<JsValue>, String> {
        let value = KEYS
            .with(|keys| Reflect::get(item, keys.get(name)))
            .map_err(|thrown| format!("reading `{name}` threw {}", describe(&thrown)))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    };
    let string = |name: &str, value: JsValue| {
        value
            .as_string()
            .ok_or_else(|| format!("`{name}` is not a string but {}", describe(&value)))
    };
    let text = field("text")?
        .map(|v| string("text", v))
        .transpose()?
        .unwrap_or_default();
    let author = field("author")?.map(|v| string("author", v)).transpose()?;
    let mut links = Vec::new();
    if let Some(list) = field("links")? {
        if !is_array(&list).unwrap_or(false) {
            return Err(format!("`links` is not an array but {}", describe(&list)));
        }
        let length = KEYS
            .with(|keys| Reflect::get(&list, &keys.length))
            .ok()
            .and_then(|length| length.as_f64())
            .unwrap_or(0.0);
        for i in 0..(length.min(MAX_LINKS as f64) as u32) {
            let link = Reflect::get_u32(&list, i)
                .map_err(|thrown| format!("reading `links[{i}]` threw {}", describe(&thrown)))?;
            links.push(string("links[]", link)?);
        }
    }
    let trusted = match field("trusted")? {
        None => false,
        Some(value) => value
            .as_bool()
            .ok_or_else(|| format!("`trusted` is not a boolean but {}", describe(&value)))?,
    };
    Ok(Comment {
        text,
        author,
        links,
        trusted,
    })
}

/// A short description of a JavaScript value for an error message (never
/// its contents, which may be a page's text).
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    value.js_typeof().as_string().unwrap_or_default()
}

fn parse_sensitivity(sensitivity: &JsValue) -> Result<Sensitivity, JsError> {
    if sensitivity.is_undefined() || sensitivity.is_null() {
        return Ok(Sensitivity::default());
    }
    let name = sensitivity
        .as_string()
        .ok_or_else(|| JsError::new("the sensitivity is not a string"))?;
    name.parse().map_err(|e: String| JsError::new(&e))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}
