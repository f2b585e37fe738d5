//! Posts coming in from outside (files, a folder) and the untouched
//! starter: a new draft nobody wrote in gives way to the next one instead
//! of piling up as "Untitled".

use super::{Imported, Workspace};
use crate::drafts::{info_of, KeyValueStore};
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

    /// Stores one post of the import.
    pub fn import(&mut self, batch: &mut Import, post: &Post, now_ms: u64) -> Imported {
        let first = !batch.first_done;
        batch.first_done = true;
        if first {
            match self.create_and_open(post, now_ms) {
                Ok(draft) => Imported::Opened(Box::new(draft)),
                Err(error) => Imported::NotStored { first, error },
            }
        } else {
            match self.store.create(&post.to_text(), &info_of(post), now_ms) {
                Ok(_) => Imported::Stored,
                Err(error) => Imported::NotStored { first, error },
            }
        }
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
