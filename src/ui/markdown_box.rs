//! [`MarkdownBox`]: the Markdown textarea and the body kept in step with
//! it. The textarea is uncontrolled while typing (handing a long post's
//! text back to the DOM on every keystroke costs milliseconds): typed edits
//! are applied to the body from the input event, and its value is written
//! only when the body is replaced from elsewhere (a draft opened, the
//! host's value), at the next render.

use web_sys::HtmlTextAreaElement;
use yew::NodeRef;

use super::msg::BodyChange;
use crate::document::Document;
use crate::drafts::Cursor;
use crate::editing;

#[derive(Default)]
pub(super) struct MarkdownBox {
    node: NodeRef,
    /// Replacements of the body from elsewhere, counted, and which one the
    /// DOM shows.
    epoch: u64,
    synced: u64,
    /// The textarea value's length in UTF-16 units, when known: typed edits
    /// are applied to the body only while it is.
    len16: Option<usize>,
    /// Typed edits were applied since the body was last compared with the
    /// textarea's value (done before saving and before any other action).
    unverified: bool,
    /// Where to put the caret once the textarea has the body (a restored draft).
    pending_cursor: Option<Cursor>,
}

impl MarkdownBox {
    /// For a body the textarea is yet to show.
    pub(super) fn new(cursor: Option<Cursor>) -> Self {
        MarkdownBox {
            epoch: 1,
            pending_cursor: cursor,
            ..Self::default()
        }
    }

    pub(super) fn node_ref(&self) -> NodeRef {
        self.node.clone()
    }

    pub(super) fn textarea(&self) -> Option<HtmlTextAreaElement> {
        self.node.cast::<HtmlTextAreaElement>()
    }

    /// The selection, in UTF-16 units (start of the text without a textarea).
    pub(super) fn cursor(&self) -> Cursor {
        self.textarea()
            .map(|a| Cursor {
                start: a.selection_start().ok().flatten().unwrap_or(0) as usize,
                end: a.selection_end().ok().flatten().unwrap_or(0) as usize,
            })
            .unwrap_or_default()
    }

    /// The body was replaced from elsewhere: the textarea gets it at the
    /// next render, the caret at `cursor`.
    pub(super) fn replaced(&mut self, cursor: Option<Cursor>) {
        self.epoch += 1;
        self.pending_cursor = cursor;
    }

    /// After a render: a replaced body goes into the textarea, the caret
    /// where it was asked for.
    pub(super) fn rendered(&mut self, body: &str) {
        if self.synced != self.epoch {
            if let Some(area) = self.textarea() {
                area.set_value(body);
                self.synced = self.epoch;
                self.len16 = Some(area.text_length() as usize);
                self.unverified = false;
            }
        }
        if let (Some(cursor), Some(area)) = (self.pending_cursor.take(), self.textarea()) {
            let _ = area.set_selection_range(cursor.start as u32, cursor.end as u32);
        }
    }

    /// The body after a change of the textarea: a typed edit applied to the
    /// body when the numbers fit, else the textarea's whole value.
    pub(super) fn body_after(&mut self, doc: &Document, change: BodyChange) -> Option<String> {
        if let BodyChange::Typed {
            inserted,
            len_after,
            caret,
        } = &change
        {
            let body = doc.post().body();
            let typed = self
                .len16
                .and_then(|len| editing::apply_typed(body, len, *len_after, *caret, inserted));
            if let Some(text) = typed {
                self.len16 = Some(*len_after);
                self.unverified = true;
                return Some(text);
            }
        }
        let value = match change {
            BodyChange::Value(v) => v,
            BodyChange::Typed { .. } => self.textarea()?.value(),
        };
        // The whole value: whatever typed edits were applied, this is the truth.
        self.len16 = self.textarea().map(|a| a.text_length() as usize);
        self.unverified = false;
        Some(doc.body_from_textarea(value))
    }

    /// Typed edits were applied to the body without reading the textarea:
    /// the textarea's value (which the user sees, and which wins) when it
    /// differs from `doc`'s body.
    pub(super) fn verify(&mut self, doc: &Document) -> Option<String> {
        if !self.unverified {
            return None;
        }
        self.unverified = false;
        let area = self.textarea()?;
        let value = doc.body_from_textarea(area.value());
        self.len16 = Some(area.text_length() as usize);
        (value != doc.post().body()).then_some(value)
    }
}
