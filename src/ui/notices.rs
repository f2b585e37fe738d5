//! [`Notices`]: what the editor tells the user in passing (a draft
//! imported, a save that failed, a generator to switch to), a short list,
//! each dismissible.

use crate::export::Preset;
use crate::validate::Severity;

/// Keep the list short: beyond this many, the oldest go first.
const MAX_NOTICES: usize = 4;

#[derive(Clone, PartialEq)]
pub struct Alert {
    pub id: u32,
    pub severity: Severity,
    pub text: String,
    /// A generator to switch to from the notice itself (an imported post
    /// plainly written for another one).
    pub use_preset: Option<Preset>,
}

#[derive(Default)]
pub(super) struct Notices {
    list: Vec<Alert>,
    last_id: u32,
}

impl Notices {
    pub(super) fn push(&mut self, severity: Severity, text: String) {
        self.push_alert(severity, text, None);
    }

    /// A notice offering to switch to `preset`.
    pub(super) fn suggest(&mut self, text: String, preset: Preset) {
        self.push_alert(Severity::Info, text, Some(preset));
    }

    fn push_alert(&mut self, severity: Severity, text: String, use_preset: Option<Preset>) {
        // The same notice again (a second export) replaces the first, as the newest.
        self.list
            .retain(|a| a.severity != severity || a.text != text);
        self.last_id += 1;
        self.list.push(Alert {
            id: self.last_id,
            severity,
            text,
            use_preset,
        });
        if self.list.len() > MAX_NOTICES {
            self.list.remove(0);
        }
    }

    pub(super) fn dismiss(&mut self, id: u32) {
        self.list.retain(|a| a.id != id);
    }

    /// A generator was chosen: suggestions of another are moot.
    pub(super) fn drop_suggestions(&mut self) {
        self.list.retain(|a| a.use_preset.is_none());
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &Alert> {
        self.list.iter()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
