//! For the in-browser tests: frames (a second document of this origin, or a
//! sandboxed one with an opaque origin and no storage) and waiting.
#![allow(dead_code)]

use wasm_bindgen::JsCast;

/// An iframe appended to this page, with this `sandbox` attribute (None: a
/// plain same-origin frame). Remove it when done.
pub fn frame(sandbox: Option<&str>) -> web_sys::HtmlIFrameElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let iframe: web_sys::HtmlIFrameElement = document
        .create_element("iframe")
        .unwrap()
        .dyn_into()
        .unwrap();
    if let Some(sandbox) = sandbox {
        iframe.set_attribute("sandbox", sandbox).unwrap();
    }
    document
        .document_element()
        .unwrap()
        .append_child(&iframe)
        .unwrap();
    iframe
}

pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
