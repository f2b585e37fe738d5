//! Taking back the removal of a front-matter field: the notice with its
//! `Undo` button, and Ctrl/Cmd+Z while the keyboard is in the form.

use yew::prelude::*;

use super::editor::Editor;

/// The last field removal, while it can still be taken back.
#[derive(Default)]
pub struct FieldUndo {
    removed: Option<Removal>,
}

struct Removal {
    label: String,
    /// The front matter before and right after the removal: the undo
    /// restores `before` byte for byte, and only while nothing else has
    /// changed the front matter since (then it would take back more).
    before: String,
    after: String,
}

impl FieldUndo {
    pub fn record(&mut self, label: String, before: String, after: String) {
        self.removed = Some(Removal {
            label,
            before,
            after,
        });
    }

    /// The removed field's label, if its removal can be taken back now.
    pub fn pending(&self, front_matter: &str) -> Option<&str> {
        self.removed
            .as_ref()
            .filter(|r| r.after == front_matter)
            .map(|r| r.label.as_str())
    }
}

impl Editor {
    /// `Msg::UndoRemoveField`.
    pub(super) fn undo_remove_field(&mut self, ctx: &Context<Self>) -> bool {
        let Some(removal) = self.field_undo.removed.take() else {
            return false;
        };
        if removal.after != self.doc.post().front_matter() {
            return true;
        }
        // The front matter as it was, byte for byte (it parsed then).
        let _ = self.doc.raw_input(removal.before);
        self.publish(ctx);
        (ctx.props().host.on_change)();
        true
    }
}
