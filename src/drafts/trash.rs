//! The trash: [`Trash`] holds one deleted draft (its id and when it was
//! deleted) for the undo window; the draft's own entries stay until
//! [`Trash::purge`]. A draft in the trash counts as not there.

use super::format::{parse, to_json, Parsed, TrashEnvelope, FORMAT_VERSION};
use super::keys::Keys;
use super::kv::{KeyValueStore, StorageError};

/// Returned by [`DraftStore::delete`](super::DraftStore::delete); pass to
/// [`DraftStore::undo_delete`](super::DraftStore::undo_delete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteToken {
    pub id: String,
    pub deleted_ms: u64,
}

/// The trash of one namespace.
pub(crate) struct Trash<'a, S: KeyValueStore> {
    pub store: &'a S,
    pub keys: &'a Keys,
}

impl<S: KeyValueStore> Trash<'_, S> {
    /// The draft in the trash, if any (an unreadable trash entry counts as empty).
    pub fn held(&self) -> Option<DeleteToken> {
        let raw = self.store.get(&self.keys.trash()).ok()??;
        match parse::<TrashEnvelope>(&raw) {
            Parsed::Current(t) => Some(DeleteToken {
                id: t.id,
                deleted_ms: t.deleted_ms,
            }),
            _ => None,
        }
    }

    pub fn holds(&self, id: &str) -> bool {
        self.held().is_some_and(|t| t.id == id)
    }

    /// Puts draft `id` in the trash (in place of what was there).
    pub fn put(&self, id: &str, now_ms: u64) -> Result<DeleteToken, StorageError> {
        let env = TrashEnvelope {
            v: FORMAT_VERSION,
            id: id.to_owned(),
            deleted_ms: now_ms,
        };
        let json = to_json(&env).map_err(StorageError::Other)?;
        self.store.set(&self.keys.trash(), &json)?;
        Ok(DeleteToken {
            id: id.to_owned(),
            deleted_ms: now_ms,
        })
    }

    /// Empties the trash: the draft in it is back.
    pub fn take_out(&self) -> Result<(), StorageError> {
        self.store.remove(&self.keys.trash())
    }

    /// Removes draft `id` for good (its draft and revisions) and empties the trash.
    pub fn purge(&self, id: &str) -> Result<(), StorageError> {
        self.store.remove(&self.keys.draft(id))?;
        self.store.remove(&self.keys.revs(id))?;
        self.take_out()
    }

    /// Whether `held`, deleted at `deleted_ms`, is past an undo window of `window_ms` at `now_ms`.
    pub fn expired(held: &DeleteToken, now_ms: u64, window_ms: u64) -> bool {
        now_ms.saturating_sub(held.deleted_ms) > window_ms
    }
}
