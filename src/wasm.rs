//! The browser binding: a thin layer that turns JavaScript objects into
//! [`Comment`]s and [`Verdict`]s into JavaScript objects. No classification
//! logic lives here.
//!
//! Used by the extension (content script or background) and by the demo page
//! in `www/`, all through the glue that `wasm-bindgen --target web` generates.

use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Comment, Page, Sensitivity};

#[wasm_bindgen(start)]
fn start() {
    // A panic becomes a readable console error instead of "unreachable".
    console_error_panic_hook::set_once();
}

/// The classifier for the comments of one page, as JavaScript sees it.
#[wasm_bindgen]
pub struct PageClassifier {
    page: Page,
}

#[wasm_bindgen]
impl PageClassifier {
    /// `sensitivity` is `"relaxed"`, `"balanced"` (the default) or `"strict"`.
    #[wasm_bindgen(constructor)]
    pub fn new(sensitivity: Option<String>) -> Result<PageClassifier, JsError> {
        let mut page = Page::new(parse_sensitivity(sensitivity)?);
        // Build the lexicon, model and buffers now, while the page is still
        // loading, rather than inside the first batch of comments.
        page.classify(&Comment::new("warming up", "@schild"));
        page.reset();
        Ok(PageClassifier { page })
    }

    /// Classifies an array of `{text, author?, links?}` objects. Returns an
    /// array of the same length: a verdict `{score, sexspam, reasons}` per
    /// comment, or `{error}` for an item that is not a comment, so one bad
    /// item never costs the others their verdicts.
    #[wasm_bindgen(js_name = classifyBatch)]
    pub fn classify_batch(&mut self, comments: &Array) -> Result<Array, JsError> {
        let out = Array::new_with_length(comments.length());
        for (i, item) in comments.iter().enumerate() {
            let value =
                match serde_wasm_bindgen::from_value::<Comment>(item).map_err(|e| e.to_string()) {
                    Ok(comment) => to_js(&self.page.classify(&comment))?,
                    Err(error) => {
                        web_sys::console::warn_1(
                            &format!("Schild: comment {i} skipped: {error}").into(),
                        );
                        to_js(&ItemError { error })?
                    }
                };
            out.set(i as u32, value);
        }
        Ok(out)
    }

    /// Forgets the page's comments (after navigating to another page).
    pub fn reset(&mut self) {
        self.page.reset();
    }
}

/// Classifies one comment on its own, without page context (the demo page).
#[wasm_bindgen]
pub fn classify(comment: JsValue, sensitivity: Option<String>) -> Result<JsValue, JsError> {
    let comment: Comment = serde_wasm_bindgen::from_value(comment)?;
    let mut page = Page::new(parse_sensitivity(sensitivity)?);
    let verdict = page.classify_batch(std::slice::from_ref(&comment));
    to_js(&verdict[0])
}

/// What the classifier reads after undoing disguises (`𝐇𝐎𝐓` → `hot`).
#[wasm_bindgen]
pub fn normalize(text: &str) -> String {
    crate::normalize::fold(text).text
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

fn parse_sensitivity(sensitivity: Option<String>) -> Result<Sensitivity, JsError> {
    sensitivity
        .as_deref()
        .map_or(Ok(Sensitivity::default()), str::parse)
        .map_err(|e: String| JsError::new(&e))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}
