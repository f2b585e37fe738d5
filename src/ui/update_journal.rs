//! The crash journal's messages (`Msg::Journal`): on start, what it holds
//! newer than the drafts in local storage is written back and shown, with a
//! notice (the rules are `drafts::journal`'s); a journal that cannot be
//! used is said once.

use yew::prelude::*;

use super::editor::Editor;
use super::update_drafts::session_now;
use crate::browser::journal::JournalEvent;
use crate::drafts::journal::{plan_recovery, restore, JournalEntry, OpenDraft};
use crate::validate::Severity;

impl Editor {
    /// `Msg::Journal`.
    pub(super) fn journal_event(&mut self, ctx: &Context<Self>, event: JournalEvent) -> bool {
        match event {
            JournalEvent::Opened(entries) => self.recover_from_journal(ctx, entries),
            JournalEvent::Problem(problem) => {
                self.alert(Severity::Warning, problem.to_string());
                true
            }
        }
    }

    fn recover_from_journal(&mut self, ctx: &Context<Self>, entries: Vec<JournalEntry>) -> bool {
        let untouched = self.untouched_draft();
        let Some(s) = &mut self.session else {
            return false;
        };
        let open = OpenDraft {
            id: s.id.clone(),
            untouched: untouched.is_some(),
            edited: s.dirty || s.journal.recorded_any(),
        };
        let now = session_now();
        let stored = s.store.list().unwrap_or_default();
        let plan = plan_recovery(s.store.namespace(), &entries, &stored, &open, now);
        for key in &plan.forget {
            s.journal.forget(key.clone());
        }
        if plan.restore.is_empty() {
            return false;
        }
        let restored = restore(&s.store, &plan, now);
        for key in restored.forget {
            s.journal.forget(key);
        }
        for entry in restored.record {
            s.journal.record(entry);
        }
        s.refresh_lists();
        let shown = plan.open.as_deref().and_then(|id| s.store.load(id).ok());
        if let Some(draft) = shown {
            self.open_draft(ctx, draft);
            self.drop_untouched(untouched);
        }
        if let Some(notice) = plan.notice() {
            self.alert(Severity::Info, notice);
        }
        for (entry, err) in restored.failed {
            let title = if entry.title.is_empty() {
                "Untitled"
            } else {
                &entry.title
            };
            self.alert(
                Severity::Error,
                format!("“{title}” could not be recovered: {err}"),
            );
        }
        true
    }
}
