//! Why reading or saving a draft failed: [`LoadError`], [`SaveError`]. The
//! `Display` texts are for the user: what happened, and what to do.

use std::fmt;

use super::draft::Draft;
use super::kv::StorageError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotFound,
    /// The entry could not be read; it was set aside under `set_aside_key`
    /// (None if even that failed: it is then left where it was).
    Corrupt {
        set_aside_key: Option<String>,
    },
    /// Written by a newer Postwright; left untouched.
    NewerFormat(u64),
    Storage(StorageError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound => {
                f.write_str("This draft no longer exists (deleted, maybe in another tab).")
            }
            LoadError::Corrupt {
                set_aside_key: Some(_),
            } => f.write_str(
                "This draft could not be read. Its stored text was set aside: download it from \
                 \"Unreadable drafts\" to recover what you can.",
            ),
            LoadError::Corrupt {
                set_aside_key: None,
            } => f.write_str(
                "This draft could not be read, and browser storage is too full to set it aside. \
                 Export or delete other drafts, then try again.",
            ),
            LoadError::NewerFormat(v) => write!(
                f,
                "This draft was saved by a newer version of Postwright (format {v}). \
                 Reload the page to update; it was left untouched."
            ),
            LoadError::Storage(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

impl From<StorageError> for LoadError {
    fn from(e: StorageError) -> Self {
        LoadError::Storage(e)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved this draft since `expected_rev` (or saved the same
    /// rev at the same time); nothing was written. Offer: keep theirs
    /// ([`DraftStore::load`](super::DraftStore::load) it and go on from its rev), keep mine
    /// ([`DraftStore::force_save`](super::DraftStore::force_save), which keeps theirs as a revision), or
    /// both ([`DraftStore::save_as_copy`](super::DraftStore::save_as_copy)).
    Conflict { theirs: Box<Draft> },
    /// Reading what a save starts from failed (duplicate, restore).
    Load(LoadError),
    /// The stored draft has a newer format: not overwritten.
    NewerFormat(u64),
    /// Nothing was written (what was stored before is intact).
    Storage(StorageError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict { .. } => f.write_str(
                "This draft was changed in another tab: your version is NOT saved yet. \
                 Choose which to keep, or keep both.",
            ),
            SaveError::Load(e) => e.fmt(f),
            SaveError::NewerFormat(v) => write!(
                f,
                "This draft was saved by a newer version of Postwright (format {v}): your version \
                 is NOT saved. Export it, then reload the page."
            ),
            SaveError::Storage(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        SaveError::Storage(e)
    }
}
