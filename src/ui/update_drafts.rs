//! The messages about autosaved drafts: another tab's changes, new, open,
//! duplicate, delete (and undo), search, revisions, unreadable entries, and
//! a conflict with another tab (keep mine, use theirs).

use yew::prelude::*;

use super::editor::Editor;
use super::form;
use super::session::{self, info_of};
use crate::browser::files;
use crate::drafts::journal::JournalEntry;
use crate::drafts::Draft;
use crate::post::Post;
use crate::validate::Severity;

impl Editor {
    /// `Msg::StorageChanged`.
    pub(super) fn storage_changed(&mut self, ctx: &Context<Self>, key: Option<String>) -> bool {
        let Some(session) = &mut self.session else {
            return false;
        };
        if session.store.event_concerns(key.as_deref(), &session.id) {
            match session.store.load(&session.id) {
                Ok(theirs) if theirs.rev != session.rev => {
                    if session.dirty {
                        session.conflict = Some(Box::new(theirs));
                    } else {
                        self.open_draft(ctx, theirs);
                        self.alert(Severity::Info, "This draft was updated from another tab.");
                    }
                }
                Ok(_) => {}
                Err(crate::drafts::LoadError::NotFound) => {
                    // Deleted elsewhere: keep the text, and store it again on the next save.
                    session.dirty = true;
                    self.alert(Severity::Warning, "This draft was deleted in another tab; your text is kept and will be saved again.");
                }
                Err(e) => self.alert(Severity::Error, e.to_string()),
            }
        }
        if let Some(s) = &mut self.session {
            s.refresh_lists();
        }
        true
    }

    /// `Msg::NewDraft`: the user asked for one. It takes the place of an
    /// untouched one, and its Title is focused: a new post starts with one.
    pub(super) fn new_draft(&mut self, ctx: &Context<Self>) -> bool {
        let untouched = self.untouched_draft();
        self.start_draft(ctx);
        self.drop_untouched(untouched);
        self.pending_focus = Some(form::field_id("title"));
        true
    }

    /// Makes a new draft and opens it.
    fn start_draft(&mut self, ctx: &Context<Self>) {
        self.save_now();
        let starter = Post::parse(&session::starter_text());
        let text = &starter.to_text();
        let created = self.session.as_ref().map(|s| s.create_draft(&starter));
        match created {
            Some(Ok(draft)) => self.open_draft(ctx, draft),
            Some(Err(e)) => self.alert(Severity::Error, format!("No new draft: {e}")),
            None => {
                self.show(ctx, text, None);
                self.publish(ctx);
            }
        }
    }

    /// The open draft's id if nothing was ever written in it (a new draft
    /// as it was made, see [`crate::post::is_untouched_starter`]): the next
    /// draft made or imported takes its place instead of joining it in the
    /// list (every first visit made one, and imports left it behind).
    pub(super) fn untouched_draft(&self) -> Option<String> {
        let s = self.session.as_ref()?;
        // (A starter's body is a blank line: no copy of a long post is made.)
        let short = self.post.body().len() < 8;
        (short && crate::post::is_untouched_starter(&self.post.to_text())).then(|| s.id.clone())
    }

    /// Deletes the draft [`Editor::untouched_draft`] gave, once another one is open.
    pub(super) fn drop_untouched(&mut self, id: Option<String>) {
        let (Some(id), Some(s)) = (id, &mut self.session) else {
            return;
        };
        if s.id != id {
            // Nothing is in it to lose; a failure only leaves it listed.
            let _ = s.store.delete(&id, session_now());
            s.journal
                .forget(JournalEntry::key_of(s.store.namespace(), &id));
            s.refresh_lists();
        }
    }

    /// `Msg::OpenDraft`.
    pub(super) fn open_stored_draft(&mut self, ctx: &Context<Self>, id: String) -> bool {
        self.save_now();
        let loaded = self.session.as_ref().map(|s| s.store.load(&id));
        match loaded {
            Some(Ok(draft)) => self.open_draft(ctx, draft),
            Some(Err(e)) => self.alert(Severity::Error, e.to_string()),
            None => {}
        }
        true
    }

    /// `Msg::DuplicateDraft`.
    pub(super) fn duplicate_draft(&mut self, id: String) -> bool {
        self.save_now();
        if let Some(s) = &mut self.session {
            match s.store.duplicate(&id, session_now()) {
                Ok(_) => s.refresh_lists(),
                Err(e) => self.alert(Severity::Error, e.to_string()),
            }
        }
        true
    }

    /// `Msg::DeleteDraft`.
    pub(super) fn delete_draft(&mut self, ctx: &Context<Self>, id: String) -> bool {
        self.save_now();
        let Some(s) = &mut self.session else {
            return false;
        };
        let title = s
            .drafts
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.title.clone())
            .unwrap_or_default();
        match s.store.delete(&id, session_now()) {
            Ok(token) => {
                s.journal
                    .forget(JournalEntry::key_of(s.store.namespace(), &id));
                s.deleted = Some((
                    token,
                    if title.is_empty() {
                        "Untitled".into()
                    } else {
                        title
                    },
                ));
                s.refresh_lists();
                if id == s.id {
                    // The open draft went: open the newest other one, or a
                    // new draft (the keyboard stays where the delete put it).
                    let next = s.drafts.first().map(|d| d.id.clone());
                    match next.and_then(|n| s.store.load(&n).ok()) {
                        Some(draft) => self.open_draft(ctx, draft),
                        None => self.start_draft(ctx),
                    }
                }
            }
            Err(e) => self.alert(Severity::Error, e.to_string()),
        }
        true
    }

    /// `Msg::UndoDelete`.
    pub(super) fn undo_delete(&mut self) -> bool {
        if let Some(s) = &mut self.session {
            if let Some((token, _)) = s.deleted.take() {
                match s.store.undo_delete(&token, session_now()) {
                    Ok(true) => s.refresh_lists(),
                    Ok(false) => {
                        self.alert(Severity::Warning, "That draft can no longer be restored.")
                    }
                    Err(e) => self.alert(Severity::Error, e.to_string()),
                }
            }
        }
        true
    }

    /// `Msg::SearchDrafts`.
    pub(super) fn search_drafts(&mut self, query: String) -> bool {
        if let Some(s) = &mut self.session {
            s.query = query;
            s.refresh_lists();
        }
        true
    }

    /// `Msg::RestoreRevision`.
    pub(super) fn restore_revision(&mut self, ctx: &Context<Self>, rev_id: u64) -> bool {
        self.save_now();
        let Some(s) = &mut self.session else {
            return false;
        };
        let restored = s
            .store
            .restore_revision(&s.id, rev_id, session_now(), s.rev)
            .and_then(|_| s.store.load(&s.id).map_err(crate::drafts::SaveError::Load));
        match restored {
            Ok(draft) => {
                self.open_draft(ctx, draft);
                self.alert(
                    Severity::Info,
                    "Revision restored; the version before it is kept in Revisions.",
                );
            }
            Err(e) => self.alert(Severity::Error, e.to_string()),
        }
        true
    }

    /// `Msg::DownloadCorrupt`: a download changes nothing shown.
    pub(super) fn download_corrupt(&mut self, key: String) -> bool {
        if let Some(entry) = self
            .session
            .as_ref()
            .and_then(|s| s.corrupt.iter().find(|c| c.key == key).cloned())
        {
            if let Err(e) =
                files::download("unreadable-draft.txt", entry.raw.as_bytes(), "text/plain")
            {
                self.alert(Severity::Error, format!("Download failed: {e}"));
            }
        }
        false
    }

    /// `Msg::DiscardCorrupt`.
    pub(super) fn discard_corrupt(&mut self, key: String) -> bool {
        if let Some(s) = &mut self.session {
            let _ = s.store.discard_corrupt(&key);
            s.refresh_lists();
        }
        true
    }

    /// `Msg::KeepMine`.
    pub(super) fn keep_mine(&mut self) -> bool {
        let cursor = self.cursor();
        let info = info_of(&self.post);
        let text = self.post.to_text();
        if let Some(s) = &mut self.session {
            match s
                .store
                .force_save(&s.id, &text, cursor, &info, session_now())
            {
                Ok(outcome) => {
                    s.conflict = None;
                    s.rev = outcome.rev;
                    s.dirty = false;
                    s.status = session::SaveStatus::Saved;
                    s.refresh_lists();
                }
                Err(e) => self.alert(Severity::Error, e.to_string()),
            }
        }
        true
    }

    /// `Msg::UseTheirs`.
    pub(super) fn use_theirs(&mut self, ctx: &Context<Self>) -> bool {
        let cursor = self.cursor();
        let info = info_of(&self.post);
        let text = self.post.to_text();
        let Some(s) = &mut self.session else {
            return false;
        };
        let Some(theirs) = s.conflict.take() else {
            return false;
        };
        match s.store.save_as_copy(&text, cursor, &info, session_now()) {
            Ok(_) => {
                self.open_draft(ctx, *theirs);
                self.alert(Severity::Info, "Your version was kept as a separate draft.");
            }
            Err(e) => {
                s.conflict = Some(theirs);
                self.alert(
                    Severity::Error,
                    format!("Your version could not be kept ({e}); nothing was replaced."),
                );
            }
        }
        true
    }

    /// Saves pending edits now; a failure is shown and the text stays in memory.
    pub(super) fn save_now(&mut self) {
        let cursor = self.cursor();
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(e) = session.save(&self.post, cursor) {
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

    pub(super) fn open_draft(&mut self, ctx: &Context<Self>, draft: Draft) {
        let text = draft.text.clone();
        let cursor = draft.cursor;
        if let Some(session) = &mut self.session {
            session.switch_to(&draft);
        }
        self.show(ctx, &text, Some(cursor));
        (ctx.props().host.on_input)();
    }
}

pub(super) fn session_now() -> u64 {
    crate::browser::storage::now_ms()
}
