//! The messages about autosaved drafts: another tab's changes, new, open,
//! duplicate, delete (and undo), search, revisions, unreadable entries, and
//! a conflict with another tab (keep mine, use theirs). What each does to
//! the drafts is decided by the core's [`crate::drafts::Workspace`]; here
//! its answers become what the editor shows and says.

use yew::prelude::*;

use super::editor::Editor;
use super::form;
use super::session::{now, starter_text, Session};
use crate::browser::files;
use crate::drafts::journal::JournalEntry;
use crate::drafts::{AfterDelete, Changed, Draft, TabMerge};
use crate::validate::Severity;

impl Editor {
    /// `Msg::StorageChanged`.
    pub(super) fn storage_changed(&mut self, ctx: &Context<Self>, key: Option<String>) -> bool {
        let Some(session) = &mut self.session else {
            return false;
        };
        match session.workspace_mut().storage_changed(key.as_deref()) {
            Changed::Nothing => {}
            Changed::Conflict => self.merge_other_tab(ctx),
            Changed::Reloaded(theirs) => {
                self.show_draft(ctx, *theirs);
                self.alert(Severity::Info, "This draft was updated from another tab.");
            }
            Changed::DeletedElsewhere => self.alert(
                Severity::Warning,
                "This draft was deleted in another tab; your text is kept and will be saved again.",
            ),
            Changed::Unreadable(e) => self.alert(Severity::Error, e.to_string()),
        }
        true
    }

    /// Another tab saved this draft while we had edits: both are merged by
    /// field and by block; only a real conflict is left for the writer.
    pub(super) fn merge_other_tab(&mut self, ctx: &Context<Self>) {
        let cursor = self.markdown.cursor();
        let Some(session) = &mut self.session else {
            return;
        };
        match session
            .workspace_mut()
            .merge_conflict(self.doc.post(), cursor, now())
        {
            Ok(TabMerge::Nothing) => {}
            Ok(TabMerge::Clean(text)) => {
                self.show(ctx, &text, Some(cursor));
                self.publish(ctx);
                self.alert(
                    Severity::Info,
                    "Merged the changes made in another tab with yours.",
                );
            }
            Ok(TabMerge::Conflicts { places, .. }) => {
                self.alert(
                    Severity::Warning,
                    format!(
                        "Another tab changed {} too: choose which version to keep.",
                        places.join(", ")
                    ),
                );
                self.open_tab_conflict(false);
            }
            Err(e) => self.alert(Severity::Error, e.to_string()),
        }
    }

    /// `Msg::NewDraft`: the user asked for one. It takes the place of an
    /// untouched one, and its Title is focused: a new post starts with one.
    pub(super) fn new_draft(&mut self, ctx: &Context<Self>) -> bool {
        self.save_now();
        let made = self.session.as_mut().map(|s| {
            s.workspace_mut()
                .new_draft(self.doc.post(), &starter_text(self.prefs.preset()), now())
        });
        match made {
            Some(Ok(draft)) => self.show_draft(ctx, draft),
            Some(Err(e)) => self.alert(Severity::Error, format!("No new draft: {e}")),
            None => {
                self.show(ctx, &starter_text(self.prefs.preset()), None);
                self.publish(ctx);
            }
        }
        self.pending_focus = Some(form::field_id("title"));
        true
    }

    /// `Msg::OpenDraft`.
    pub(super) fn open_stored_draft(&mut self, ctx: &Context<Self>, id: String) -> bool {
        self.save_now();
        let loaded = self
            .session
            .as_mut()
            .map(|s| s.workspace_mut().open_draft(&id));
        match loaded {
            Some(Ok(draft)) => self.show_draft(ctx, draft),
            Some(Err(e)) => self.alert(Severity::Error, e.to_string()),
            None => {}
        }
        true
    }

    /// `Msg::DuplicateDraft`.
    pub(super) fn duplicate_draft(&mut self, id: String) -> bool {
        self.save_now();
        let duplicated = self
            .session
            .as_mut()
            .map(|s| s.workspace_mut().duplicate(&id, now()));
        if let Some(Err(e)) = duplicated {
            self.alert(Severity::Error, e.to_string());
        }
        true
    }

    /// `Msg::DeleteDraft`. When the open draft goes, the next one opens
    /// (the keyboard stays where the delete put it).
    pub(super) fn delete_draft(&mut self, ctx: &Context<Self>, id: String) -> bool {
        self.save_now();
        let Some(s) = &mut self.session else {
            return false;
        };
        let deleted = s
            .workspace_mut()
            .delete(&id, &starter_text(self.prefs.preset()), now());
        if deleted.is_ok() {
            // Else the journal would bring the deleted draft back on the next start.
            let key = JournalEntry::key_of(s.workspace().namespace(), &id);
            s.journal.forget(key);
        }
        match deleted {
            Ok(AfterDelete::Other) => {}
            Ok(AfterDelete::Opened(draft)) => self.show_draft(ctx, *draft),
            Ok(AfterDelete::NoNewDraft(e)) => {
                self.alert(Severity::Error, format!("No new draft: {e}"))
            }
            Err(e) => self.alert(Severity::Error, e.to_string()),
        }
        true
    }

    /// `Msg::UndoDelete`.
    pub(super) fn undo_delete(&mut self) -> bool {
        let undone = self
            .session
            .as_mut()
            .map(|s| s.workspace_mut().undo_delete(now()));
        match undone {
            Some(Ok(false)) => {
                self.alert(Severity::Warning, "That draft can no longer be restored.")
            }
            Some(Err(e)) => self.alert(Severity::Error, e.to_string()),
            Some(Ok(true)) | None => {}
        }
        true
    }

    /// `Msg::SearchDrafts`.
    pub(super) fn search_drafts(&mut self, query: String) -> bool {
        if let Some(s) = &mut self.session {
            s.workspace_mut().search(query);
        }
        true
    }

    /// `Msg::RestoreRevision`.
    pub(super) fn restore_revision(&mut self, ctx: &Context<Self>, rev_id: u64) -> bool {
        self.save_now();
        let Some(s) = &mut self.session else {
            return false;
        };
        match s.workspace_mut().restore_revision(rev_id, now()) {
            Ok(draft) => {
                self.show_draft(ctx, draft);
                self.alert(
                    Severity::Info,
                    "Revision restored; the version before it is kept in Revisions.",
                );
            }
            Err(e) => self.alert(Severity::Error, e.to_string()),
        }
        true
    }

    /// `Msg::PreviewRevision`.
    pub(super) fn preview_revision(&mut self, rev_id: Option<u64>) -> bool {
        let Some(s) = &mut self.session else {
            return false;
        };
        if let Err(e) = s.workspace_mut().preview_revision(rev_id) {
            self.alert(Severity::Error, e.to_string());
        }
        true
    }

    /// `Msg::DownloadCorrupt`: a download changes nothing shown.
    pub(super) fn download_corrupt(&mut self, key: String) -> bool {
        let raw = self
            .session
            .as_ref()
            .and_then(|s| s.workspace().corrupt_entry(&key).map(|c| c.raw.clone()));
        if let Some(raw) = raw {
            if let Err(e) = files::download("unreadable-draft.txt", raw.as_bytes(), "text/plain") {
                self.alert(Severity::Error, format!("Download failed: {e}"));
            }
        }
        false
    }

    /// `Msg::DiscardCorrupt`.
    pub(super) fn discard_corrupt(&mut self, key: String) -> bool {
        if let Some(s) = &mut self.session {
            s.workspace_mut().discard_corrupt(&key);
        }
        true
    }

    /// `Msg::KeepMine`.
    pub(super) fn keep_mine(&mut self) -> bool {
        let cursor = self.markdown.cursor();
        let kept = self
            .session
            .as_mut()
            .map(|s| s.workspace_mut().keep_mine(self.doc.post(), cursor, now()));
        if let Some(Err(e)) = kept {
            self.alert(Severity::Error, e.to_string());
        }
        true
    }

    /// `Msg::UseTheirs`.
    pub(super) fn use_theirs(&mut self, ctx: &Context<Self>) -> bool {
        let cursor = self.markdown.cursor();
        let Some(s) = &mut self.session else {
            return false;
        };
        match s.workspace_mut().use_theirs(self.doc.post(), cursor, now()) {
            Ok(None) => return false,
            Ok(Some(theirs)) => {
                self.show_draft(ctx, theirs);
                self.alert(Severity::Info, "Your version was kept as a separate draft.");
            }
            Err(e) => self.alert(
                Severity::Error,
                format!("Your version could not be kept ({e}); nothing was replaced."),
            ),
        }
        true
    }

    /// Saves pending edits now; a failure is shown and the text stays in memory.
    pub(super) fn save_now(&mut self) {
        let cursor = self.markdown.cursor();
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(e) = session.save(self.doc.post(), cursor) {
            self.alert(Severity::Error, e.to_string());
        }
    }

    /// Saves pending edits and what that save leaves for later, now: the
    /// page or the editor is going away.
    pub(super) fn save_all(&mut self) {
        self.save_now();
        if let Some(session) = &mut self.session {
            session.finish_save();
        }
    }

    /// `Msg::FinishSave`.
    pub(super) fn finish_save(&mut self) -> bool {
        self.session.as_mut().is_some_and(Session::finish_save)
    }

    /// Shows `draft`, which the workspace has just opened.
    pub(super) fn show_draft(&mut self, ctx: &Context<Self>, draft: Draft) {
        if let Some(session) = &mut self.session {
            session.cancel_autosave();
        }
        self.show(ctx, &draft.text, Some(draft.cursor));
        (ctx.props().host.on_input)();
    }
}
