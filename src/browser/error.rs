//! What can go wrong at the browser's edge (files, the clipboard, a local
//! folder), as a type: the UI decides by kind (a closed picker is no error
//! worth telling) and shows the browser's own words.

use std::fmt;

use wasm_bindgen::{JsCast, JsValue};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserError {
    /// The user cancelled (closed a file or folder picker): a DOMException
    /// named `AbortError`. Its text is the browser's.
    Aborted(String),
    /// What the call needs is not there (no window, no document, an API the
    /// browser lacks): what is missing.
    Unavailable(String),
    /// The browser refused or failed, in its own words.
    Failed(String),
}

impl BrowserError {
    /// A JS exception or rejection, by its kind.
    pub fn from_js(e: &JsValue) -> Self {
        let aborted = e
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|ex| ex.name() == "AbortError");
        if aborted {
            BrowserError::Aborted(describe(e))
        } else {
            BrowserError::Failed(describe(e))
        }
    }

    pub fn unavailable(what: impl Into<String>) -> Self {
        BrowserError::Unavailable(what.into())
    }
}

impl From<JsValue> for BrowserError {
    fn from(e: JsValue) -> Self {
        BrowserError::from_js(&e)
    }
}

impl fmt::Display for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrowserError::Aborted(text)
            | BrowserError::Unavailable(text)
            | BrowserError::Failed(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for BrowserError {}

/// A JS error as text for a user-facing message.
fn describe(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}
