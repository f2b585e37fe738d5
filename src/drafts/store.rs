//! [`DraftStore`]: the drafts of one namespace over a [`KeyValueStore`]:
//! loading, listing, deleting, last open, and (in `save`) every way a draft
//! is written. The entries it keeps beside the drafts each have an owner it
//! uses: [`Keys`] names them, [`Index`] lists the drafts, [`Revisions`]
//! keeps earlier versions, [`Trash`] the deleted draft, [`CorruptEntries`]
//! what could not be read, and [`TabMemory`] what this tab saw.

mod save;

use std::cell::Cell;
use std::collections::BTreeSet;

use super::corrupt::{CorruptEntries, CorruptEntry};
use super::draft::Draft;
use super::errors::LoadError;
use super::format::{
    parse, to_json, DraftEnvelope, DraftMeta, LastOpenEnvelope, Parsed, FORMAT_VERSION,
};
use super::index::{sort_newest_first, Index};
use super::keys::{sanitize, Keys};
use super::kv::{entry_units, KeyValueStore, StorageError};
use super::revisions::{Revision, RevisionMeta, Revisions};
use super::tab::TabMemory;
use super::trash::{DeleteToken, Trash};

/// Per-draft budget of the revisions, in UTF-16 units (a tenth of Chromium's quota).
pub const DEFAULT_REVISION_BUDGET_UNITS: usize = 512 * 1024;
/// How long a delete can be undone.
pub const DEFAULT_UNDO_WINDOW_MS: u64 = 60_000;

/// The drafts of one namespace over a [`KeyValueStore`].
///
/// Keys (all under `"{namespace}:"`): `draft:{id}`, `revs:{id}`, `index`,
/// `trash`, `last_open`, `corrupt:{what}:{n}`.
pub struct DraftStore<S: KeyValueStore> {
    store: S,
    keys: Keys,
    writer: String,
    revision_budget: usize,
    undo_window_ms: u64,
    counter: Cell<u64>,
    tab: TabMemory,
}

/// What is stored under a draft key.
enum Stored {
    Missing,
    Current(Draft, usize),
    Legacy(String, usize),
}

impl<S: KeyValueStore> DraftStore<S> {
    pub const DEFAULT_NAMESPACE: &'static str = "postwright";

    /// A store in the default namespace. `writer` identifies this tab (any
    /// string unique per tab, e.g. random).
    pub fn new(store: S, writer: &str) -> Self {
        Self::with_namespace(store, Self::DEFAULT_NAMESPACE, writer)
    }

    /// A store whose keys all start with `"{namespace}:"` (`:` and other
    /// unusual characters in the namespace are replaced by `_`).
    pub fn with_namespace(store: S, namespace: &str, writer: &str) -> Self {
        DraftStore {
            store,
            keys: Keys::new(namespace, Self::DEFAULT_NAMESPACE),
            writer: sanitize(writer, "tab"),
            revision_budget: DEFAULT_REVISION_BUDGET_UNITS,
            undo_window_ms: DEFAULT_UNDO_WINDOW_MS,
            counter: Cell::new(0),
            tab: TabMemory::default(),
        }
    }

    pub fn set_revision_budget(&mut self, units: usize) {
        self.revision_budget = units;
    }

    pub fn set_undo_window_ms(&mut self, ms: u64) {
        self.undo_window_ms = ms;
    }

    pub fn namespace(&self) -> &str {
        self.keys.namespace()
    }

    pub fn writer(&self) -> &str {
        &self.writer
    }

    pub fn storage(&self) -> &S {
        &self.store
    }

    pub fn draft_key(&self, id: &str) -> String {
        self.keys.draft(id)
    }

    /// Whether a `storage` event with this key (None: storage cleared)
    /// concerns the open draft `id`: reload it, or mark it as changed elsewhere.
    pub fn event_concerns(&self, key: Option<&str>, id: &str) -> bool {
        self.keys.concern_draft(key, id)
    }

    /// Whether a `storage` event with this key may change the list of drafts.
    pub fn event_concerns_list(&self, key: Option<&str>) -> bool {
        self.keys.concern_list(key)
    }

    // ----- the owners of the other entries -----

    fn index(&self) -> Index<'_, S> {
        Index {
            store: &self.store,
            keys: &self.keys,
        }
    }

    fn revs(&self) -> Revisions<'_, S> {
        Revisions {
            store: &self.store,
            keys: &self.keys,
        }
    }

    fn trash(&self) -> Trash<'_, S> {
        Trash {
            store: &self.store,
            keys: &self.keys,
        }
    }

    fn corrupt(&self) -> CorruptEntries<'_, S> {
        CorruptEntries {
            store: &self.store,
            keys: &self.keys,
        }
    }

    // ----- reading -----

    fn read_stored(&self, id: &str) -> Result<Stored, LoadError> {
        let key = self.keys.draft(id);
        let Some(raw) = self.store.get(&key)? else {
            return Ok(Stored::Missing);
        };
        let units = entry_units(&key, &raw);
        match parse::<DraftEnvelope>(&raw) {
            Parsed::Current(mut env) => {
                env.id = id.to_owned();
                Ok(Stored::Current(Draft::from_envelope(env), units))
            }
            Parsed::Legacy(text) => Ok(Stored::Legacy(text, units)),
            Parsed::Newer(v) => Err(LoadError::NewerFormat(v)),
            Parsed::Corrupt(reason) => {
                let set_aside_key = self.corrupt().set_aside(&key, &raw, &reason).ok();
                Err(LoadError::Corrupt { set_aside_key })
            }
        }
    }

    /// Whether an entry is stored under `key`, without reading it.
    fn exists(&self, key: &str) -> Result<bool, StorageError> {
        Ok(self.store.peek(key, 0)?.is_some())
    }

    /// Loads a draft. A v1 draft is migrated (rewritten as v2, rev 1); an
    /// unreadable one is set aside (see [`DraftStore::corrupt_entries`]).
    pub fn load(&self, id: &str) -> Result<Draft, LoadError> {
        if self.trash().holds(id) {
            return Err(LoadError::NotFound);
        }
        match self.read_stored(id)? {
            Stored::Missing => Err(LoadError::NotFound),
            Stored::Current(d, units) => {
                let meta = d.meta(units);
                if !self.index().holds(&meta) {
                    self.update_index_entry(meta);
                }
                self.tab.note_seen(&d);
                self.tab.remember(d.clone(), units);
                Ok(d)
            }
            Stored::Legacy(text, _) => {
                let mut d = Draft::from_legacy(id, text);
                d.rev = 1;
                let key = self.keys.draft(id);
                match to_json(&d.envelope()) {
                    Ok(json) if self.store.set(&key, &json).is_ok() => {
                        self.update_index_entry(d.meta(entry_units(&key, &json)));
                    }
                    // Not migrated (storage full?): still readable as v1.
                    _ => d.rev = 0,
                }
                self.tab.note_seen(&d);
                Ok(d)
            }
        }
    }

    // ----- listing -----

    fn update_index_entry(&self, meta: DraftMeta) {
        if !self.index().update_entry(meta) {
            let _ = self.rebuild_index();
        }
    }

    fn draft_ids(&self) -> Result<BTreeSet<String>, StorageError> {
        let prefix = self.keys.draft_prefix();
        let trashed = self.trash().held().map(|t| t.id);
        Ok(self
            .store
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(&prefix).map(str::to_owned))
            .filter(|id| Some(id) != trashed.as_ref())
            .collect())
    }

    /// Rebuilds the index from the draft entries (setting unreadable ones
    /// aside) and returns it, newest first.
    pub fn rebuild_index(&self) -> Result<Vec<DraftMeta>, StorageError> {
        let mut drafts = Vec::new();
        for id in self.draft_ids()? {
            match self.read_stored(&id) {
                Ok(Stored::Current(d, units)) => drafts.push(d.meta(units)),
                Ok(Stored::Legacy(text, units)) => {
                    drafts.push(Draft::from_legacy(&id, text).meta(units))
                }
                Ok(Stored::Missing) | Err(LoadError::Corrupt { .. }) => {}
                Err(LoadError::NewerFormat(_)) => {}
                Err(LoadError::NotFound) => {}
                Err(LoadError::Storage(e)) => return Err(e),
            }
        }
        self.index().write(drafts.clone());
        sort_newest_first(&mut drafts);
        Ok(drafts)
    }

    /// All drafts, newest first. Uses the index when it lists exactly the
    /// stored drafts, else rebuilds it.
    pub fn list(&self) -> Result<Vec<DraftMeta>, StorageError> {
        let ids = self.draft_ids()?;
        if let Some(mut drafts) = self.index().read() {
            let listed: BTreeSet<String> = drafts.iter().map(|m| m.id.clone()).collect();
            if listed == ids
                && drafts.len() == ids.len()
                && self.index().matches_entries(&drafts)?
            {
                sort_newest_first(&mut drafts);
                return Ok(drafts);
            }
        }
        self.rebuild_index()
    }

    /// The drafts [`search::matches`](super::search::matches) finds for
    /// `query` (in the title, the body or the front matter's values),
    /// newest first.
    pub fn search(&self, query: &str) -> Result<Vec<DraftMeta>, StorageError> {
        let mut drafts = self.list()?;
        drafts.retain(|m| {
            let text = match self.read_stored(&m.id) {
                Ok(Stored::Current(d, _)) => d.text,
                Ok(Stored::Legacy(text, _)) => text,
                _ => String::new(),
            };
            super::search::matches(query, &m.title, &text)
        });
        Ok(drafts)
    }

    // ----- delete, trash -----

    /// Deletes a draft: it goes to the trash, which holds one draft; the
    /// draft deleted before it is then gone for good. Undo with
    /// [`DraftStore::undo_delete`] within the undo window.
    pub fn delete(&self, id: &str, now_ms: u64) -> Result<DeleteToken, StorageError> {
        if let Some(old) = self.trash().held() {
            if old.id != id {
                self.trash().purge(&old.id)?;
            }
        }
        let token = self.trash().put(id, now_ms)?;
        self.index().remove_entry(id);
        Ok(token)
    }

    /// Restores the draft `token` deleted, if still in the trash and within
    /// the undo window. Returns whether the draft is back (also true if it
    /// already was, e.g. saved again by another tab).
    pub fn undo_delete(&self, token: &DeleteToken, now_ms: u64) -> Result<bool, StorageError> {
        let held = self.trash().held();
        let Some(t) = held.filter(|t| t.id == token.id) else {
            return self.exists(&self.keys.draft(&token.id));
        };
        if t.deleted_ms != token.deleted_ms || Trash::<S>::expired(&t, now_ms, self.undo_window_ms)
        {
            return Ok(false);
        }
        self.trash().take_out()?;
        let _ = self.rebuild_index();
        self.exists(&self.keys.draft(&token.id))
    }

    /// Ends the trash's undo window if it is over: the deleted draft is gone
    /// for good. Call now and then (e.g. on start).
    pub fn purge_trash(&self, now_ms: u64) -> Result<(), StorageError> {
        match self.trash().held() {
            Some(t) if Trash::<S>::expired(&t, now_ms, self.undo_window_ms) => {
                self.trash().purge(&t.id)
            }
            _ => Ok(()),
        }
    }

    // ----- last open -----

    /// The draft open last, if it still exists.
    pub fn last_open(&self) -> Option<String> {
        let raw = self.store.get(&self.keys.last_open()).ok()??;
        let Parsed::Current(env) = parse::<LastOpenEnvelope>(&raw) else {
            return None;
        };
        let exists = self.exists(&self.keys.draft(&env.id)).ok()?;
        (exists && !self.trash().holds(&env.id)).then_some(env.id)
    }

    pub fn set_last_open(&self, id: &str) -> Result<(), StorageError> {
        let env = LastOpenEnvelope {
            v: FORMAT_VERSION,
            id: id.to_owned(),
        };
        self.store.set(
            &self.keys.last_open(),
            &to_json(&env).map_err(StorageError::Other)?,
        )
    }

    // ----- revisions, unreadable entries -----

    /// The kept earlier versions of draft `id`, newest first.
    pub fn revisions(&self, id: &str) -> Vec<RevisionMeta> {
        self.revs().list(id)
    }

    pub fn load_revision(&self, id: &str, rev_id: u64) -> Result<Revision, LoadError> {
        self.revs().load(id, rev_id)
    }

    /// Entries that could not be read and were set aside, with their raw text.
    pub fn corrupt_entries(&self) -> Result<Vec<CorruptEntry>, StorageError> {
        self.corrupt().list()
    }

    /// Removes a set-aside entry (after the user downloaded or dismissed it).
    pub fn discard_corrupt(&self, key: &str) -> Result<(), StorageError> {
        self.corrupt().discard(key)
    }
}
