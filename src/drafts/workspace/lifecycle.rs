//! The drafts themselves: a new draft, opening, duplicating and deleting
//! one (and undoing the delete), and bringing back an earlier revision.

use super::{AfterDelete, Workspace};
use crate::drafts::{info_of, Draft, KeyValueStore, LoadError, SaveError, StorageError};
use crate::post::Post;

impl<S: KeyValueStore> Workspace<S> {
    /// Stores `post` as a new draft and opens it.
    pub(in crate::drafts) fn create_and_open(
        &mut self,
        post: &Post,
        path: Option<&str>,
        now_ms: u64,
    ) -> Result<Draft, SaveError> {
        let info = match path {
            Some(p) => info_of(post).with_path(p),
            None => info_of(post),
        };
        let id = self.store.create(&post.to_text(), &info, now_ms)?;
        let draft = self.store.load(&id).map_err(SaveError::Load)?;
        self.switch_to(&draft);
        Ok(draft)
    }

    /// A new draft of `starter`, opened. It takes the place of the open
    /// draft if that is an untouched starter (`current` is its post).
    pub fn new_draft(
        &mut self,
        current: &Post,
        starter: &str,
        now_ms: u64,
    ) -> Result<Draft, SaveError> {
        let untouched = self.untouched(current);
        let made = self.create_and_open(&Post::parse(starter), None, now_ms);
        self.drop_untouched(untouched, now_ms);
        made
    }

    /// Opens a stored draft.
    pub fn open_draft(&mut self, id: &str) -> Result<Draft, LoadError> {
        let draft = self.store.load(id)?;
        self.switch_to(&draft);
        Ok(draft)
    }

    /// A copy of draft `id`, listed (not opened).
    pub fn duplicate(&mut self, id: &str, now_ms: u64) -> Result<(), SaveError> {
        self.store.duplicate(id, now_ms)?;
        self.refresh_lists();
        Ok(())
    }

    /// Deletes draft `id` (undoable for a while, see [`Self::undo_delete`]).
    /// When it is the open one, the newest other opens, or a new draft of
    /// `starter` when none is left.
    pub fn delete(
        &mut self,
        id: &str,
        starter: &str,
        now_ms: u64,
    ) -> Result<AfterDelete, StorageError> {
        let title = self
            .drafts
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Untitled".into());
        let token = self.store.delete(id, now_ms)?;
        self.deleted = Some((token, title));
        self.refresh_lists();
        if id != self.id {
            return Ok(AfterDelete::Other);
        }
        let next = self.drafts.first().map(|d| d.id.clone());
        if let Some(draft) = next.and_then(|n| self.store.load(&n).ok()) {
            self.switch_to(&draft);
            return Ok(AfterDelete::Opened(Box::new(draft)));
        }
        Ok(
            match self.create_and_open(&Post::parse(starter), None, now_ms) {
                Ok(draft) => AfterDelete::Opened(Box::new(draft)),
                Err(e) => AfterDelete::NoNewDraft(e),
            },
        )
    }

    /// Brings back the draft deleted last. `Ok(false)`: too late, it is
    /// gone. With no delete to undo, `Ok(true)` and nothing happens.
    pub fn undo_delete(&mut self, now_ms: u64) -> Result<bool, StorageError> {
        let Some((token, _)) = self.deleted.take() else {
            return Ok(true);
        };
        let back = self.store.undo_delete(&token, now_ms)?;
        if back {
            self.refresh_lists();
        }
        Ok(back)
    }

    /// Makes the open draft's revision `rev_id` its current version (the
    /// version before it is kept as a revision) and returns it to show.
    pub fn restore_revision(&mut self, rev_id: u64, now_ms: u64) -> Result<Draft, SaveError> {
        self.finish_save(now_ms);
        self.store
            .restore_revision(&self.id, rev_id, now_ms, self.rev)?;
        let draft = self.store.load(&self.id).map_err(SaveError::Load)?;
        self.switch_to(&draft);
        Ok(draft)
    }
}
