//! The crash journal's messages (`Msg::Journal`): on start, what it holds
//! newer than the drafts in local storage is written back and shown, with a
//! notice (the decisions are the workspace's, see
//! [`crate::drafts::Workspace::recover`]); a journal that cannot be used is
//! said once.

use yew::prelude::*;

use super::editor::Editor;
use super::session::now;
use crate::browser::journal::JournalEvent;
use crate::drafts::journal::JournalEntry;
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
        let Some(s) = &mut self.session else {
            return false;
        };
        let journaled = s.journal.recorded_any();
        let recovered = s
            .workspace_mut()
            .recover(&entries, journaled, self.doc.post(), now());
        for key in recovered.forget {
            s.journal.forget(key);
        }
        for entry in recovered.record {
            s.journal.record(entry);
        }
        if recovered.notice.is_none() && recovered.opened.is_none() && recovered.failed.is_empty() {
            return false;
        }
        if let Some(draft) = recovered.opened {
            self.show_draft(ctx, draft);
        }
        if let Some(notice) = recovered.notice {
            self.alert(Severity::Info, notice);
        }
        for (entry, err) in recovered.failed {
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
