//! Where the keyboard goes when the control it was on goes away: without
//! this, removing a field or deleting a draft drops focus to the page, and a
//! keyboard user starts again from the top.

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

/// Called by a button that removes the item (`item`, a CSS selector) it sits
/// in, before the removal: moves focus to the first `control` in the next
/// element, else the previous one, else to `fallback` within the nearest
/// `scope` around the item.
pub fn to_neighbour(from: &Event, item: &str, control: &str, scope: &str, fallback: &str) {
    let Some(item) = from
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest(item).ok().flatten())
    else {
        return;
    };
    let inside = |e: Option<Element>, selector: &str| {
        e.and_then(|e| e.query_selector(selector).ok().flatten())
    };
    let target = inside(item.next_element_sibling(), control)
        .or_else(|| inside(item.previous_element_sibling(), control))
        .or_else(|| inside(item.closest(scope).ok().flatten(), fallback));
    if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let _ = target.focus();
    }
}
