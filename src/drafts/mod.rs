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
//!
//! Who owns what (each its own file):
//! * `store`: [`DraftStore`], loading, listing, deleting, last open; its
//!   `store/save` every way a draft is written;
//! * `draft`: the records ([`Draft`], [`DraftInfo`], [`SaveOutcome`], [`AfterSave`]);
//! * `keys`: the name of every entry; `format`: what is stored under it;
//! * `index`: the list of drafts (a cache); `revisions`: earlier versions
//!   (with `retention`: which are kept, and [`history`]: which saves one
//!   stands for, and its label); `trash`: the deleted draft;
//!   `corrupt`: unreadable entries set aside; `tab`: what this tab saw;
//! * [`search`]: which drafts a search finds (title, body, front-matter
//!   values); it and [`history`] read posts, the store itself does not;
//! * `errors`: [`LoadError`], [`SaveError`]; `kv`: the storage itself;
//! * [`journal`]: the crash journal's rules (what an autosave also writes
//!   durably, and what is restored from it on start);
//! * `workspace`: [`Workspace`], one editor's drafts and every decision
//!   about them, over the store.
//!
//! The contract every [`KeyValueStore`] must keep the store working on is
//! a test, `tests/common/drafts_contract.rs`.

mod corrupt;
mod draft;
mod errors;
mod format;
pub mod history;
mod index;
pub mod journal;
mod keys;
mod kv;
mod retention;
mod revisions;
pub mod search;
mod store;
mod tab;
mod trash;
mod workspace;

pub use corrupt::CorruptEntry;
pub use draft::{AfterSave, Draft, DraftInfo, SaveOutcome};
pub use errors::{LoadError, SaveError};
pub use format::{Cursor, DraftMeta, FORMAT_VERSION};
pub use kv::{entry_units, utf16_len, KeyValueStore, MemoryStore, StorageError};
pub use retention::{HOURLY_HOURS, KEEP_LAST};
pub use revisions::{Revision, RevisionMeta};
pub use store::{DraftStore, DEFAULT_REVISION_BUDGET_UNITS, DEFAULT_UNDO_WINDOW_MS};
pub use trash::DeleteToken;
pub use workspace::{
    info_of, AfterDelete, Changed, Import, Imported, Opening, ReImport, Recovered, SaveStatus,
    Saved, TabMerge, Workspace,
};
