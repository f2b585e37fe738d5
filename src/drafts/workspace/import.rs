//! Posts coming in from outside (files, a folder) and the untouched
//! starter: a new draft nobody wrote in gives way to the next one instead
//! of piling up as "Untitled".

use super::{Imported, Workspace};
use crate::drafts::{info_of, Cursor, KeyValueStore, SaveError};
use crate::post::{is_untouched_starter, Post};

/// An import under way: see [`Workspace::begin_import`].
#[derive(Debug)]
pub struct Import {
    untouched: Option<String>,
    first_done: bool,
}

impl<S: KeyValueStore> Workspace<S> {
    /// Starts taking in posts from outside (files, a folder): the first
    /// stored one is opened, and an untouched starter open before (see
    /// [`is_untouched_starter`]) gives way to it instead of staying listed
    /// as "Untitled". `current` is the open draft's post.
    pub fn begin_import(&self, current: &Post) -> Import {
        Import {
            untouched: self.untouched(current),
            first_done: false,
        }
    }

    /// Stores one post of the import; `path` is where it lives (a file's
    /// name, or its path in an opened folder), kept so that export and Save
    /// to folder write it back under the same name.
    pub fn import(&mut self, batch: &mut Import, post: &Post, path: &str, now_ms: u64) -> Imported {
        let first = !batch.first_done;
        batch.first_done = true;
        if first {
            match self.create_and_open(post, Some(path), now_ms) {
                Ok(draft) => Imported::Opened(Box::new(draft)),
                Err(error) => Imported::NotStored { first, error },
            }
        } else {
            match self
                .store
                .create(&post.to_text(), &info_of(post).with_path(path), now_ms)
            {
                Ok(_) => Imported::Stored,
                Err(error) => Imported::NotStored { first, error },
            }
        }
    }

    /// The open draft's path in the blog, if it has one of its own.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The writer named the open post's file (`""`: back to the generator's
    /// convention). Stored at once with the text as it is.
    pub fn set_path(
        &mut self,
        path: &str,
        post: &Post,
        cursor: Cursor,
        now_ms: u64,
    ) -> Result<(), SaveError> {
        self.finish_save(now_ms);
        let info = info_of(post).with_path(path);
        let (outcome, after) =
            self.store
                .save_first(&self.id, &post.to_text(), cursor, &info, now_ms, self.rev)?;
        self.path = (!path.is_empty()).then(|| path.to_string());
        self.stored(outcome.rev, post.to_text());
        if let Some(after) = after {
            self.store.finish_save(after, now_ms);
        }
        self.refresh_lists();
        Ok(())
    }

    /// Ends an import: the untouched starter goes if another draft is open.
    pub fn end_import(&mut self, batch: Import, now_ms: u64) {
        self.drop_untouched(batch.untouched, now_ms);
        self.refresh_lists();
    }

    /// The open draft's id if nothing was ever written in it (`current`,
    /// its post, is a new draft as it was made).
    pub(super) fn untouched(&self, current: &Post) -> Option<String> {
        // (A starter's body is a blank line: no copy of a long post is made.)
        let short = current.body().len() < 8;
        (short && is_untouched_starter(&current.to_text())).then(|| self.id.clone())
    }

    /// Deletes the untouched draft `id`, once another one is open.
    pub(super) fn drop_untouched(&mut self, id: Option<String>, now_ms: u64) {
        let Some(id) = id else { return };
        if self.id != id {
            // Nothing is in it to lose; a failure only leaves it listed.
            let _ = self.store.delete(&id, now_ms);
            self.refresh_lists();
        }
    }
}
