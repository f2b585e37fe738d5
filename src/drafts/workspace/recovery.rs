//! After a crash: what the durable journal holds newer than the drafts in
//! local storage is written back (the rules are [`crate::drafts::journal`]'s),
//! and the recovered draft is opened.

use super::Workspace;
use crate::drafts::journal::{plan_recovery, restore, JournalEntry, OpenDraft};
use crate::drafts::{Draft, KeyValueStore, SaveError};
use crate::post::Post;

/// What a recovery did, for the UI to show and the journal to update.
#[derive(Debug, Default)]
pub struct Recovered {
    /// Journal records to delete (restored, or stale).
    pub forget: Vec<String>,
    /// Journal records to write (the recovered drafts at their new revs).
    pub record: Vec<JournalEntry>,
    /// The draft now open, to show.
    pub opened: Option<Draft>,
    /// What to tell the writer.
    pub notice: Option<String>,
    /// Records that could not be written back, and why.
    pub failed: Vec<(JournalEntry, SaveError)>,
}

impl<S: KeyValueStore> Workspace<S> {
    /// The drafts' namespace (the journal keeps one per editor).
    pub fn namespace(&self) -> &str {
        self.store.namespace()
    }

    /// The stored revision the open text is based on.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// Recovers from `entries`, the journal's records; `journaled` says this
    /// editor has already written to the journal (then the open draft was
    /// edited here, and a recovery comes beside it); `current` is the open post.
    pub fn recover(
        &mut self,
        entries: &[JournalEntry],
        journaled: bool,
        current: &Post,
        now_ms: u64,
    ) -> Recovered {
        let untouched = self.untouched(current);
        let open = OpenDraft {
            id: self.id.clone(),
            untouched: untouched.is_some(),
            edited: self.dirty || journaled,
        };
        let stored = self.store.list().unwrap_or_default();
        let plan = plan_recovery(self.store.namespace(), entries, &stored, &open, now_ms);
        let mut out = Recovered {
            forget: plan.forget.clone(),
            ..Recovered::default()
        };
        if plan.restore.is_empty() {
            return out;
        }
        let restored = restore(&self.store, &plan, now_ms);
        out.forget.extend(restored.forget);
        out.record = restored.record;
        out.failed = restored.failed;
        out.notice = plan.notice();
        if let Some(draft) = plan.open.as_deref().and_then(|id| self.store.load(id).ok()) {
            self.switch_to(&draft);
            self.drop_untouched(untouched, now_ms);
            out.opened = Some(draft);
        }
        self.refresh_lists();
        out
    }
}
