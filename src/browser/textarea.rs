//! Applies the core's editing commands to the Markdown textarea through the
//! browser's own editing (`insertText`), so undo/redo keeps working and the
//! textarea fires its normal `input` event.

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlTextAreaElement};

use crate::editing::{self, Action};
use crate::utf16;

/// Performs `action` on the textarea's current text and selection. Returns
/// false when the action does not apply here (the caller then lets the key
/// do what it normally does).
pub fn apply(area: &HtmlTextAreaElement, action: Action) -> bool {
    let (text, sel) = text_and_selection(area);
    let edits = editing::edits(action, &text, sel);
    apply_edits(area, text, edits)
}

/// Pasting a web address over selected text makes the text a link to it
/// (as GitHub's editor does). False when the paste is anything else.
pub fn paste_link(area: &HtmlTextAreaElement, pasted: &str) -> bool {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(0);
    if start == end || !editing::is_web_address(pasted) {
        return false; // the usual case, decided without reading the text
    }
    let (text, sel) = text_and_selection(area);
    let edits = editing::paste_link(&text, sel, pasted)
        .into_iter()
        .collect();
    apply_edits(area, text, edits)
}

/// Puts `insert` in place of the selection (a picture's Markdown), then
/// selects `select` (byte offsets into `insert`: its alt text), through the
/// same editing as the toolbar's, so undo takes it back.
/// `make` is given the text before and after the selection.
pub fn insert(
    area: &HtmlTextAreaElement,
    make: impl FnOnce(&str, &str) -> (String, std::ops::Range<usize>),
) -> bool {
    let (text, sel) = text_and_selection(area);
    let (insert, select) = make(&text[..sel.start], &text[sel.end..]);
    let at = sel.start;
    let edit = editing::Edit {
        range: sel,
        insert,
        select: at + select.start..at + select.end,
    };
    apply_edits(area, text, vec![edit])
}

/// The text and the selection as byte offsets into it.
fn text_and_selection(area: &HtmlTextAreaElement) -> (String, std::ops::Range<usize>) {
    let text = area.value();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    let sel = utf16::to_byte(&text, start)..utf16::to_byte(&text, end);
    (text, sel)
}

fn apply_edits(area: &HtmlTextAreaElement, text: String, edits: Vec<editing::Edit>) -> bool {
    if edits.is_empty() {
        return false;
    }
    let _ = area.focus();
    let document: Option<HtmlDocument> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into().ok());
    let mut current = text;
    for edit in edits {
        let from = utf16::from_byte(&current, edit.range.start) as u32;
        let to = utf16::from_byte(&current, edit.range.end) as u32;
        let _ = area.set_selection_range(from, to);
        let done = match (&document, edit.insert.is_empty()) {
            (Some(doc), false) => doc
                .exec_command_with_show_ui_and_value("insertText", false, &edit.insert)
                .unwrap_or(false),
            (Some(doc), true) if from != to => doc.exec_command("delete").unwrap_or(false),
            (Some(_), true) => true,
            (None, _) => false,
        };
        if !done {
            // No editing command (old browser): edit the value directly; undo
            // history is lost for this step but the text is right.
            let _ = area.set_range_text_with_start_and_end(&edit.insert, from, to);
            let _ = area.dispatch_event(
                &web_sys::InputEvent::new("input")
                    .expect("input event")
                    .into(),
            );
        }
        edit.apply_to(&mut current);
        let s = utf16::from_byte(&current, edit.select.start) as u32;
        let e = utf16::from_byte(&current, edit.select.end) as u32;
        let _ = area.set_selection_range(s, e);
    }
    true
}
