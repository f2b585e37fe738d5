//! The draft store: every post being written is kept in browser storage, so
//! that nothing typed is lost and no tab silently overwrites another.
//!
//! Pure logic over an abstract [`KeyValueStore`] (`localStorage` in the
//! browser, see `browser::storage`; [`MemoryStore`] natively). It knows no
//! post model: the caller passes the title and date it extracted.
//!
//! Guarantees:
//! * a save writes the draft in ONE `set` of one key (atomic); the index,
//!   revisions and trash are written after and are rebuildable or best effort;
//! * a failed save writes nothing and is reported as an error (on a full
//!   storage, revisions are pruned oldest first and the save retried once);
//! * a save whose `expected_rev` is stale returns a conflict, never overwrites;
//! * unreadable entries are set aside verbatim (`corrupt_entries`), v1 entries
//!   are migrated, entries of a newer format are left untouched.

mod format;
mod kv;
mod retention;
mod store;
mod workspace;

#[doc(hidden)]
pub mod contract;

pub use format::{Cursor, DraftMeta, FORMAT_VERSION};
pub use kv::{entry_units, utf16_len, KeyValueStore, MemoryStore, StorageError};
pub use retention::{HOURLY_HOURS, KEEP_LAST};
pub use store::{
    AfterSave, CorruptEntry, DeleteToken, Draft, DraftInfo, DraftStore, LoadError, Revision,
    RevisionMeta, SaveError, SaveOutcome, DEFAULT_REVISION_BUDGET_UNITS, DEFAULT_UNDO_WINDOW_MS,
};
pub use workspace::{
    info_of, AfterDelete, Changed, Import, Imported, Opening, SaveStatus, Saved, Workspace,
};
