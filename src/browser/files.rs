//! Files in and out: reading an imported file, downloading an export, the clipboard.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

use super::BrowserError;

/// The bytes of a user-chosen file.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, BrowserError> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(BrowserError::from)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Offers `bytes` as a download named `name`. The bytes go out exactly as
/// given: a Blob of a byte array, not of a string (no re-encoding).
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), BrowserError> {
    let array = Uint8Array::from(bytes);
    let parts = Array::of1(&array);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(BrowserError::from)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(BrowserError::from)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| BrowserError::unavailable("no document"))?;
    let a: HtmlAnchorElement = document
        .create_element("a")
        .map_err(BrowserError::from)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    // In the light DOM: a click inside a shadow root may not start a download.
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
    // Revoke later: the download reads the URL asynchronously.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), BrowserError> {
    let window = web_sys::window().ok_or_else(|| BrowserError::unavailable("no window"))?;
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(BrowserError::from)
}

/// Today's date as `YYYY-MM-DD` (local time), for file names and new posts.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
