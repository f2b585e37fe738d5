//! [`DraftStore`]: drafts, their revisions, trash and last-open over a
//! [`KeyValueStore`].

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::format::{
    guess_title, parse, quick_head, quick_rev, to_json, CorruptEnvelope, Cursor, DraftEnvelope,
    DraftMeta, IndexEnvelope, LastOpenEnvelope, Parsed, RevisionEntry, RevsEnvelope, TrashEnvelope,
    FORMAT_VERSION, HEAD_UNITS,
};
use super::kv::{entry_units, utf16_len, KeyValueStore, StorageError};
use super::retention::{retain, revision_units};

/// What the caller extracted from the post (the drafts know no post model).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftInfo {
    pub title: String,
    pub date: Option<String>,
}

impl DraftInfo {
    pub fn new(title: impl Into<String>, date: Option<String>) -> Self {
        DraftInfo {
            title: title.into(),
            date,
        }
    }
}

/// A draft as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub text: String,
    pub cursor: Cursor,
    pub title: String,
    pub date: Option<String>,
    pub created_ms: u64,
    pub updated_ms: u64,
    /// Counts the saves; pass it back as `expected_rev` to the next save.
    pub rev: u64,
    /// The tab that wrote this version (`"v1"` for a migrated draft).
    pub writer: String,
}

/// One kept earlier version, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionMeta {
    pub rev_id: u64,
    pub saved_ms: u64,
    /// The draft's `rev` this version had.
    pub rev: u64,
    pub title: String,
    /// Length of its text in UTF-16 units.
    pub size: usize,
}

/// One kept earlier version, loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub rev_id: u64,
    pub saved_ms: u64,
    pub rev: u64,
    pub title: String,
    pub date: Option<String>,
    pub text: String,
    pub cursor: Cursor,
}

/// An unreadable entry that was set aside, offered to the user for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptEntry {
    /// The key it is kept under now (pass to [`DraftStore::discard_corrupt`]).
    pub key: String,
    /// The key it was found under.
    pub from_key: String,
    pub reason: String,
    /// The stored text, verbatim.
    pub raw: String,
}

/// What a successful save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    pub id: String,
    /// The draft's rev now: the `expected_rev` of the next save.
    pub rev: u64,
    pub updated_ms: u64,
    /// False if nothing differed from what was stored, so nothing was written.
    pub changed: bool,
    /// Earlier versions dropped (retention, budget, or to make room).
    pub revisions_pruned: usize,
    /// The draft had been deleted (in another tab) and was written anew.
    pub recreated: bool,
}

/// What a save left for later: see [`DraftStore::save_first`]. Until it is
/// done, the revisions lack the replaced version and the index the new
/// title, date and size; the draft itself is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterSave {
    meta: DraftMeta,
    replaced: Option<Draft>,
}

/// Returned by [`DraftStore::delete`]; pass to [`DraftStore::undo_delete`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteToken {
    pub id: String,
    pub deleted_ms: u64,
}

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
    /// ([`DraftStore::load`] it and go on from its rev), keep mine
    /// ([`DraftStore::force_save`], which keeps theirs as a revision), or
    /// both ([`DraftStore::save_as_copy`]).
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
    ns: String,
    writer: String,
    revision_budget: usize,
    undo_window_ms: u64,
    counter: Cell<u64>,
    /// The (rev, writer) of each draft as this tab last loaded or saved it:
    /// catches two tabs that both wrote the same rev (localStorage has no
    /// compare-and-set, and reaches other processes with a delay).
    seen: RefCell<BTreeMap<String, (u64, String)>>,
    /// The draft entry this tab last wrote or read whole, and its size: while
    /// the stored entry still has that size, rev and writer, a save takes
    /// the version it replaces from here instead of reading back and parsing
    /// the whole entry (a megabyte for a long post) on every autosave.
    last: RefCell<Option<(Draft, usize)>>,
}

/// Keeps `[A-Za-z0-9_-]`, replaces anything else (notably `:`) by `_`.
fn sanitize(s: &str, fallback: &str) -> String {
    let s: String = s
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        fallback.to_owned()
    } else {
        s
    }
}

fn draft_from_env(env: DraftEnvelope) -> Draft {
    let len = utf16_len(&env.text);
    Draft {
        cursor: env.cursor.clamped(len),
        id: env.id,
        text: env.text,
        title: env.title,
        date: env.date,
        created_ms: env.created_ms,
        updated_ms: env.updated_ms,
        rev: env.rev,
        writer: env.writer,
    }
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
            ns: sanitize(namespace, Self::DEFAULT_NAMESPACE),
            writer: sanitize(writer, "tab"),
            revision_budget: DEFAULT_REVISION_BUDGET_UNITS,
            undo_window_ms: DEFAULT_UNDO_WINDOW_MS,
            counter: Cell::new(0),
            seen: RefCell::new(BTreeMap::new()),
            last: RefCell::new(None),
        }
    }

    pub fn set_revision_budget(&mut self, units: usize) {
        self.revision_budget = units;
    }

    pub fn set_undo_window_ms(&mut self, ms: u64) {
        self.undo_window_ms = ms;
    }

    pub fn namespace(&self) -> &str {
        &self.ns
    }

    pub fn writer(&self) -> &str {
        &self.writer
    }

    pub fn storage(&self) -> &S {
        &self.store
    }

    // ----- keys -----

    pub fn draft_key(&self, id: &str) -> String {
        format!("{}:draft:{id}", self.ns)
    }
    fn revs_key(&self, id: &str) -> String {
        format!("{}:revs:{id}", self.ns)
    }
    fn index_key(&self) -> String {
        format!("{}:index", self.ns)
    }
    fn trash_key(&self) -> String {
        format!("{}:trash", self.ns)
    }
    fn last_open_key(&self) -> String {
        format!("{}:last_open", self.ns)
    }
    fn corrupt_prefix(&self) -> String {
        format!("{}:corrupt:", self.ns)
    }
    fn draft_prefix(&self) -> String {
        format!("{}:draft:", self.ns)
    }

    /// Whether a `storage` event with this key (None: storage cleared)
    /// concerns the open draft `id`: reload it, or mark it as changed elsewhere.
    pub fn event_concerns(&self, key: Option<&str>, id: &str) -> bool {
        match key {
            None => true,
            Some(k) => k == self.draft_key(id) || k == self.revs_key(id) || k == self.trash_key(),
        }
    }

    /// Whether a `storage` event with this key may change the list of drafts.
    pub fn event_concerns_list(&self, key: Option<&str>) -> bool {
        match key {
            None => true,
            Some(k) => {
                k.starts_with(&self.draft_prefix())
                    || k == self.index_key()
                    || k == self.trash_key()
            }
        }
    }

    // ----- reading -----

    /// Sets an unreadable entry aside under `corrupt:...`, verbatim, then
    /// removes it. Returns the new key.
    fn set_aside(&self, from_key: &str, raw: &str, reason: &str) -> Result<String, StorageError> {
        let what = from_key
            .strip_prefix(&format!("{}:", self.ns))
            .unwrap_or(from_key)
            .replace(':', "_");
        let env = CorruptEnvelope {
            v: FORMAT_VERSION,
            from_key: from_key.to_owned(),
            reason: reason.to_owned(),
            raw: raw.to_owned(),
        };
        let json = to_json(&env).map_err(StorageError::Other)?;
        let mut n = 1u32;
        let key = loop {
            let key = format!("{}{what}:{n}", self.corrupt_prefix());
            if self.store.get(&key)?.is_none() {
                break key;
            }
            n += 1;
            if n > 10_000 {
                return Err(StorageError::Other("too many unreadable entries".into()));
            }
        };
        self.store.set(&key, &json)?;
        // Only if unchanged meanwhile (another tab may have saved over it).
        if self.store.get(from_key)?.as_deref() == Some(raw) {
            self.store.remove(from_key)?;
        }
        Ok(key)
    }

    fn read_stored(&self, id: &str) -> Result<Stored, LoadError> {
        let key = self.draft_key(id);
        let Some(raw) = self.store.get(&key)? else {
            return Ok(Stored::Missing);
        };
        let units = entry_units(&key, &raw);
        match parse::<DraftEnvelope>(&raw) {
            Parsed::Current(mut env) => {
                env.id = id.to_owned();
                Ok(Stored::Current(draft_from_env(env), units))
            }
            Parsed::Legacy(text) => Ok(Stored::Legacy(text, units)),
            Parsed::Newer(v) => Err(LoadError::NewerFormat(v)),
            Parsed::Corrupt(reason) => {
                let set_aside_key = self.set_aside(&key, &raw, &reason).ok();
                Err(LoadError::Corrupt { set_aside_key })
            }
        }
    }

    fn legacy_draft(&self, id: &str, text: String) -> Draft {
        let len = utf16_len(&text);
        Draft {
            id: id.to_owned(),
            title: guess_title(&text),
            date: None,
            cursor: Cursor::caret(len),
            text,
            created_ms: 0,
            updated_ms: 0,
            rev: 0,
            writer: "v1".into(),
        }
    }

    fn trashed_id(&self) -> Option<TrashEnvelope> {
        let raw = self.store.get(&self.trash_key()).ok()??;
        match parse::<TrashEnvelope>(&raw) {
            Parsed::Current(t) => Some(t),
            _ => None,
        }
    }

    fn is_trashed(&self, id: &str) -> bool {
        self.trashed_id().is_some_and(|t| t.id == id)
    }

    /// Loads a draft. A v1 draft is migrated (rewritten as v2, rev 1); an
    /// unreadable one is set aside (see [`DraftStore::corrupt_entries`]).
    pub fn load(&self, id: &str) -> Result<Draft, LoadError> {
        if self.is_trashed(id) {
            return Err(LoadError::NotFound);
        }
        match self.read_stored(id)? {
            Stored::Missing => Err(LoadError::NotFound),
            Stored::Current(d, units) => {
                self.refresh_index_entry_if_stale(&d, units);
                self.note_seen(&d);
                self.last.replace(Some((d.clone(), units)));
                Ok(d)
            }
            Stored::Legacy(text, _) => {
                let mut d = self.legacy_draft(id, text);
                d.rev = 1;
                let env = self.envelope(&d);
                let key = self.draft_key(id);
                match to_json(&env) {
                    Ok(json) if self.store.set(&key, &json).is_ok() => {
                        self.update_index_entry(self.meta_of(&d, entry_units(&key, &json)));
                    }
                    // Not migrated (storage full?): still readable as v1.
                    _ => d.rev = 0,
                }
                self.note_seen(&d);
                Ok(d)
            }
        }
    }

    fn note_seen(&self, d: &Draft) {
        self.seen
            .borrow_mut()
            .insert(d.id.clone(), (d.rev, d.writer.clone()));
    }

    /// Whether the stored version `cur` is not the one at `expected_rev` this
    /// tab knows: another rev, or the same rev by another writer.
    fn is_stale(&self, cur: &Draft, expected_rev: u64) -> bool {
        cur.rev != expected_rev
            || self
                .seen
                .borrow()
                .get(&cur.id)
                .is_some_and(|(rev, writer)| *rev == cur.rev && *writer != cur.writer)
    }

    fn envelope(&self, d: &Draft) -> DraftEnvelope {
        DraftEnvelope {
            v: FORMAT_VERSION,
            rev: d.rev,
            id: d.id.clone(),
            title: d.title.clone(),
            date: d.date.clone(),
            text: d.text.clone(),
            cursor: d.cursor,
            created_ms: d.created_ms,
            updated_ms: d.updated_ms,
            writer: d.writer.clone(),
        }
    }

    fn meta_of(&self, d: &Draft, size: usize) -> DraftMeta {
        DraftMeta {
            id: d.id.clone(),
            title: d.title.clone(),
            date: d.date.clone(),
            updated_ms: d.updated_ms,
            size,
            rev: d.rev,
        }
    }

    // ----- index -----

    fn read_index(&self) -> Option<Vec<DraftMeta>> {
        let raw = self.store.get(&self.index_key()).ok()??;
        match parse::<IndexEnvelope>(&raw) {
            Parsed::Current(idx) => Some(idx.drafts),
            _ => None,
        }
    }

    /// Best effort: the index is a cache. If it cannot be written it is
    /// removed, so that the next `list` rebuilds it.
    fn write_index(&self, mut drafts: Vec<DraftMeta>) {
        sort_newest_first(&mut drafts);
        let env = IndexEnvelope {
            v: FORMAT_VERSION,
            drafts,
        };
        let ok = to_json(&env).is_ok_and(|json| self.store.set(&self.index_key(), &json).is_ok());
        if !ok {
            let _ = self.store.remove(&self.index_key());
        }
    }

    fn update_index_entry(&self, meta: DraftMeta) {
        match self.read_index() {
            Some(mut drafts) => {
                drafts.retain(|m| m.id != meta.id);
                drafts.push(meta);
                self.write_index(drafts);
            }
            None => {
                let _ = self.rebuild_index();
            }
        }
    }

    fn remove_index_entry(&self, id: &str) {
        if let Some(mut drafts) = self.read_index() {
            drafts.retain(|m| m.id != id);
            self.write_index(drafts);
        }
    }

    fn refresh_index_entry_if_stale(&self, d: &Draft, units: usize) {
        let meta = self.meta_of(d, units);
        let fresh = self.read_index().is_some_and(|idx| idx.contains(&meta));
        if !fresh {
            self.update_index_entry(meta);
        }
    }

    fn draft_ids(&self) -> Result<BTreeSet<String>, StorageError> {
        let prefix = self.draft_prefix();
        let trashed = self.trashed_id().map(|t| t.id);
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
                Ok(Stored::Current(d, units)) => drafts.push(self.meta_of(&d, units)),
                Ok(Stored::Legacy(text, units)) => {
                    drafts.push(self.meta_of(&self.legacy_draft(&id, text), units))
                }
                Ok(Stored::Missing) | Err(LoadError::Corrupt { .. }) => {}
                Err(LoadError::NewerFormat(_)) => {}
                Err(LoadError::NotFound) => {}
                Err(LoadError::Storage(e)) => return Err(e),
            }
        }
        self.write_index(drafts.clone());
        sort_newest_first(&mut drafts);
        Ok(drafts)
    }

    /// All drafts, newest first. Uses the index when it lists exactly the
    /// stored drafts, else rebuilds it.
    pub fn list(&self) -> Result<Vec<DraftMeta>, StorageError> {
        let ids = self.draft_ids()?;
        if let Some(mut drafts) = self.read_index() {
            let listed: BTreeSet<String> = drafts.iter().map(|m| m.id.clone()).collect();
            if listed == ids && drafts.len() == ids.len() && self.index_matches(&drafts)? {
                sort_newest_first(&mut drafts);
                return Ok(drafts);
            }
        }
        self.rebuild_index()
    }

    /// Whether each index entry has the size and rev of its draft entry
    /// (a crash between a draft's write and the index's leaves it stale).
    fn index_matches(&self, drafts: &[DraftMeta]) -> Result<bool, StorageError> {
        for m in drafts {
            let key = self.draft_key(&m.id);
            // The rev is near the start of the entry (see `quick_rev`).
            let Some((len, head)) = self.store.peek(&key, 40)? else {
                return Ok(false);
            };
            if utf16_len(&key) + len != m.size || quick_rev(&head) != m.rev {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The drafts whose title contains `query`, ignoring case; newest first.
    pub fn search(&self, query: &str) -> Result<Vec<DraftMeta>, StorageError> {
        let q = query.trim().to_lowercase();
        let mut drafts = self.list()?;
        drafts.retain(|m| m.title.to_lowercase().contains(&q));
        Ok(drafts)
    }

    // ----- writing -----

    fn new_id(&self, now_ms: u64) -> Result<String, StorageError> {
        for _ in 0..1000 {
            let n = self.counter.get() + 1;
            self.counter.set(n);
            let id = format!("{now_ms:x}-{}-{n}", self.writer);
            if !self.exists(&self.draft_key(&id))? {
                return Ok(id);
            }
        }
        Err(StorageError::Other("could not pick a new draft id".into()))
    }

    /// Sets `key`; if storage is full, prunes revisions (oldest first, all
    /// drafts) to free what the value needs and retries once. On error,
    /// what was stored under `key` is unchanged. Returns revisions pruned.
    fn set_with_room(&self, key: &str, value: &str) -> Result<usize, StorageError> {
        match self.store.set(key, value) {
            Err(StorageError::QuotaExceeded) => {
                let old = self.store.get(key)?.map_or(0, |v| entry_units(key, &v));
                let need = entry_units(key, value).saturating_sub(old).max(1);
                let pruned = self.free_revisions(need);
                self.store.set(key, value)?;
                Ok(pruned)
            }
            other => other.map(|()| 0),
        }
    }

    /// Drops revisions, oldest first across all drafts, until about `need`
    /// units are freed. Returns how many were dropped.
    fn free_revisions(&self, need: usize) -> usize {
        let prefix = format!("{}:revs:", self.ns);
        let Ok(keys) = self.store.keys() else {
            return 0;
        };
        let mut all: BTreeMap<String, RevsEnvelope> = BTreeMap::new();
        let mut candidates = Vec::new();
        for key in keys.into_iter().filter(|k| k.starts_with(&prefix)) {
            let Ok(Some(raw)) = self.store.get(&key) else {
                continue;
            };
            if let Parsed::Current(env) = parse::<RevsEnvelope>(&raw) {
                for r in &env.revs {
                    candidates.push((r.saved_ms, key.clone(), r.id, revision_units(r)));
                }
                all.insert(key, env);
            }
        }
        candidates.sort();
        let mut freed = 0;
        let mut dropped: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
        for (_, key, rev_id, units) in candidates {
            if freed >= need {
                break;
            }
            freed += units;
            dropped.entry(key).or_default().insert(rev_id);
        }
        let mut count = 0;
        for (key, ids) in dropped {
            let Some(mut env) = all.remove(&key) else {
                continue;
            };
            let before = env.revs.len();
            env.revs.retain(|r| !ids.contains(&r.id));
            let done = if env.revs.is_empty() {
                self.store.remove(&key).is_ok()
            } else {
                // Smaller than before: fits.
                to_json(&env).is_ok_and(|json| self.store.set(&key, &json).is_ok())
            };
            if done {
                count += before - env.revs.len();
            }
        }
        count
    }

    fn read_revs(&self, id: &str) -> RevsEnvelope {
        let key = self.revs_key(id);
        let empty = RevsEnvelope {
            v: FORMAT_VERSION,
            next: 1,
            revs: Vec::new(),
        };
        let Ok(Some(raw)) = self.store.get(&key) else {
            return empty;
        };
        match parse::<RevsEnvelope>(&raw) {
            Parsed::Current(env) => env,
            Parsed::Newer(_) => empty,
            Parsed::Legacy(_) => {
                let _ = self.set_aside(&key, &raw, "not a revisions envelope");
                empty
            }
            Parsed::Corrupt(reason) => {
                let _ = self.set_aside(&key, &raw, &reason);
                empty
            }
        }
    }

    /// Keeps `prev` as a revision of `id` (best effort: history must never
    /// stop a save). Returns revisions pruned.
    fn push_revision(&self, id: &str, prev: &Draft, now_ms: u64) -> usize {
        let mut env = self.read_revs(id);
        if env.revs.last().is_some_and(|r| r.text == prev.text) {
            return 0;
        }
        let next = env
            .next
            .max(env.revs.iter().map(|r| r.id + 1).max().unwrap_or(1));
        env.revs.push(RevisionEntry {
            id: next,
            saved_ms: prev.updated_ms,
            rev: prev.rev,
            title: prev.title.clone(),
            date: prev.date.clone(),
            text: prev.text.clone(),
            cursor: prev.cursor,
        });
        env.next = next + 1;
        let mut pruned = retain(&mut env.revs, now_ms, self.revision_budget);
        let key = self.revs_key(id);
        loop {
            if env.revs.is_empty() {
                let _ = self.store.remove(&key);
                return pruned;
            }
            let Ok(json) = to_json(&env) else {
                return pruned;
            };
            match self.store.set(&key, &json) {
                Ok(()) => return pruned,
                Err(StorageError::QuotaExceeded) => {
                    env.revs.remove(0);
                    pruned += 1;
                }
                Err(_) => return pruned,
            }
        }
    }

    /// Does at once what the first part of a save left ([`Self::write_draft`]),
    /// adding the revisions it dropped to the outcome.
    fn finished(&self, first: (SaveOutcome, Option<AfterSave>), now_ms: u64) -> SaveOutcome {
        let (mut outcome, after) = first;
        if let Some(after) = after {
            outcome.revisions_pruned += self.finish_save(after, now_ms);
        }
        outcome
    }

    /// Writes a new version of draft `id` over `current` (one `set`), and
    /// returns what is left to do after it: keeping `current` as a revision
    /// and updating the index ([`Self::finish_save`]).
    #[allow(clippy::too_many_arguments)]
    fn write_draft(
        &self,
        id: &str,
        current: Option<Draft>,
        base_rev: u64,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
        now_ms: u64,
    ) -> Result<(SaveOutcome, Option<AfterSave>), SaveError> {
        let trashed = self.is_trashed(id);
        if let Some(cur) = &current {
            if !trashed
                && cur.rev > 0
                && cur.text == text
                && cur.cursor == cursor
                && cur.title == info.title
                && cur.date == info.date
            {
                self.note_seen(cur);
                let outcome = SaveOutcome {
                    id: id.to_owned(),
                    rev: cur.rev,
                    updated_ms: cur.updated_ms,
                    changed: false,
                    revisions_pruned: 0,
                    recreated: false,
                };
                return Ok((outcome, None));
            }
        }
        let new = Draft {
            id: id.to_owned(),
            text: text.to_owned(),
            cursor,
            title: info.title.clone(),
            date: info.date.clone(),
            created_ms: current.as_ref().map_or(now_ms, |c| c.created_ms),
            updated_ms: now_ms,
            rev: current.as_ref().map_or(base_rev, |c| c.rev) + 1,
            writer: self.writer.clone(),
        };
        let key = self.draft_key(id);
        let json = to_json(&self.envelope(&new)).map_err(StorageError::Other)?;
        let pruned = self.set_with_room(&key, &json)?;
        // The draft is saved. What follows is bookkeeping, best effort.
        self.note_seen(&new);
        if trashed {
            let _ = self.store.remove(&self.trash_key());
        }
        let outcome = SaveOutcome {
            id: id.to_owned(),
            rev: new.rev,
            updated_ms: now_ms,
            changed: true,
            revisions_pruned: pruned,
            recreated: current.is_none() || trashed,
        };
        let units = entry_units(&key, &json);
        let after = AfterSave {
            meta: self.meta_of(&new, units),
            replaced: current.filter(|cur| cur.text != new.text),
        };
        self.last.replace(Some((new, units)));
        Ok((outcome, Some(after)))
    }

    /// Does what a save left for later ([`Self::save_first`]): keeps the
    /// version it replaced as a revision and updates the index. Returns how
    /// many revisions were dropped to keep within the budget.
    pub fn finish_save(&self, after: AfterSave, now_ms: u64) -> usize {
        let pruned = match &after.replaced {
            Some(cur) => self.push_revision(&after.meta.id, cur, now_ms),
            None => 0,
        };
        self.update_index_entry(after.meta);
        pruned
    }

    /// What a write of draft `id` starts from. An unreadable entry is set
    /// aside first (so it is not lost), and then counts as missing.
    fn current_for_write(&self, id: &str) -> Result<Option<Draft>, SaveError> {
        if let Some(d) = self.still_stored(id) {
            return Ok(Some(d));
        }
        match self.read_stored(id) {
            Ok(Stored::Missing) => Ok(None),
            Ok(Stored::Current(d, _)) => Ok(Some(d)),
            Ok(Stored::Legacy(text, _)) => Ok(Some(self.legacy_draft(id, text))),
            Err(LoadError::Corrupt {
                set_aside_key: Some(_),
            }) => Ok(None),
            Err(LoadError::Corrupt {
                set_aside_key: None,
            }) => Err(SaveError::Load(LoadError::Corrupt {
                set_aside_key: None,
            })),
            Err(LoadError::NewerFormat(v)) => Err(SaveError::NewerFormat(v)),
            Err(LoadError::NotFound) => Ok(None),
            Err(LoadError::Storage(e)) => Err(SaveError::Storage(e)),
        }
    }

    /// The draft this tab last wrote or read under `id`, if the stored entry
    /// is still that one: the same size, and the same rev and writer at its
    /// start ([`quick_head`]). A writer writes each rev of a draft once, so
    /// this is the entry; any doubt (another tab, an older entry layout, a
    /// storage error) answers `None`, and the caller reads the entry whole.
    fn still_stored(&self, id: &str) -> Option<Draft> {
        let last = self.last.borrow();
        let (d, units) = last.as_ref().filter(|(d, _)| d.id == id)?;
        let key = self.draft_key(id);
        let (len, head) = self.store.peek(&key, HEAD_UNITS).ok()??;
        let (rev, writer) = quick_head(&head)?;
        (utf16_len(&key) + len == *units && rev == d.rev && writer == d.writer).then(|| d.clone())
    }

    /// Whether an entry is stored under `key`, without reading it.
    fn exists(&self, key: &str) -> Result<bool, StorageError> {
        Ok(self.store.peek(key, 0)?.is_some())
    }

    /// Creates a draft; returns its id.
    pub fn create(&self, text: &str, info: &DraftInfo, now_ms: u64) -> Result<String, SaveError> {
        self.create_with_cursor(text, Cursor::caret(0), info, now_ms)
    }

    fn create_with_cursor(
        &self,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
        now_ms: u64,
    ) -> Result<String, SaveError> {
        let id = self.new_id(now_ms)?;
        self.finished(
            self.write_draft(&id, None, 0, text, cursor, info, now_ms)?,
            now_ms,
        );
        Ok(id)
    }

    /// Saves a new version of draft `id`, if what is stored is still at
    /// `expected_rev` (the rev of the last load or save in this tab).
    /// Otherwise returns [`SaveError::Conflict`] and writes nothing.
    /// A draft deleted meanwhile is written anew (`recreated`).
    /// Any error means NOTHING was saved and the stored draft is intact.
    pub fn save(
        &self,
        id: &str,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
        now_ms: u64,
        expected_rev: u64,
    ) -> Result<SaveOutcome, SaveError> {
        let first = self.save_first(id, text, cursor, info, now_ms, expected_rev)?;
        Ok(self.finished(first, now_ms))
    }

    /// [`Self::save`], in two parts: this writes the draft (one `set`), and
    /// the [`AfterSave`] it returns, when the draft changed, is for
    /// [`Self::finish_save`] to keep the replaced version as a revision and
    /// update the index. The editor runs that in a task of its own: for a
    /// 1 MB post each part writes about 1 MB, and one task doing both (each
    /// then also reading about 1 MB) blocked input for 60-80 ms.
    pub fn save_first(
        &self,
        id: &str,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
        now_ms: u64,
        expected_rev: u64,
    ) -> Result<(SaveOutcome, Option<AfterSave>), SaveError> {
        let current = self.current_for_write(id)?;
        if let Some(cur) = &current {
            if self.is_stale(cur, expected_rev) {
                return Err(SaveError::Conflict {
                    theirs: Box::new(cur.clone()),
                });
            }
        }
        self.write_draft(id, current, expected_rev, text, cursor, info, now_ms)
    }

    /// Saves over whatever is stored (after a conflict, "keep mine"); the
    /// stored version is kept as a revision.
    pub fn force_save(
        &self,
        id: &str,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
        now_ms: u64,
    ) -> Result<SaveOutcome, SaveError> {
        let current = self.current_for_write(id)?;
        Ok(self.finished(
            self.write_draft(id, current, 0, text, cursor, info, now_ms)?,
            now_ms,
        ))
    }

    /// Saves this text as a new draft (after a conflict, "keep both").
    pub fn save_as_copy(
        &self,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
        now_ms: u64,
    ) -> Result<String, SaveError> {
        self.create_with_cursor(text, cursor, info, now_ms)
    }

    /// A new draft with the text and metadata of `id`; returns its id.
    pub fn duplicate(&self, id: &str, now_ms: u64) -> Result<String, SaveError> {
        let d = self.load(id).map_err(SaveError::Load)?;
        self.create_with_cursor(&d.text, d.cursor, &DraftInfo::new(d.title, d.date), now_ms)
    }

    // ----- delete, trash -----

    /// Deletes a draft: it goes to the trash, which holds one draft; the
    /// draft deleted before it is then gone for good. Undo with
    /// [`DraftStore::undo_delete`] within the undo window.
    pub fn delete(&self, id: &str, now_ms: u64) -> Result<DeleteToken, StorageError> {
        if let Some(old) = self.trashed_id() {
            if old.id != id {
                self.purge(&old.id)?;
            }
        }
        let env = TrashEnvelope {
            v: FORMAT_VERSION,
            id: id.to_owned(),
            deleted_ms: now_ms,
        };
        let json = to_json(&env).map_err(StorageError::Other)?;
        self.store.set(&self.trash_key(), &json)?;
        self.remove_index_entry(id);
        Ok(DeleteToken {
            id: id.to_owned(),
            deleted_ms: now_ms,
        })
    }

    fn purge(&self, id: &str) -> Result<(), StorageError> {
        self.store.remove(&self.draft_key(id))?;
        self.store.remove(&self.revs_key(id))?;
        self.store.remove(&self.trash_key())
    }

    /// Restores the draft `token` deleted, if still in the trash and within
    /// the undo window. Returns whether the draft is back (also true if it
    /// already was, e.g. saved again by another tab).
    pub fn undo_delete(&self, token: &DeleteToken, now_ms: u64) -> Result<bool, StorageError> {
        let trash = self.trashed_id();
        let Some(t) = trash.filter(|t| t.id == token.id) else {
            return self.exists(&self.draft_key(&token.id));
        };
        if t.deleted_ms != token.deleted_ms
            || now_ms.saturating_sub(t.deleted_ms) > self.undo_window_ms
        {
            return Ok(false);
        }
        self.store.remove(&self.trash_key())?;
        let _ = self.rebuild_index();
        self.exists(&self.draft_key(&token.id))
    }

    /// Ends the trash's undo window if it is over: the deleted draft is gone
    /// for good. Call now and then (e.g. on start).
    pub fn purge_trash(&self, now_ms: u64) -> Result<(), StorageError> {
        match self.trashed_id() {
            Some(t) if now_ms.saturating_sub(t.deleted_ms) > self.undo_window_ms => {
                self.purge(&t.id)
            }
            _ => Ok(()),
        }
    }

    // ----- last open -----

    /// The draft open last, if it still exists.
    pub fn last_open(&self) -> Option<String> {
        let raw = self.store.get(&self.last_open_key()).ok()??;
        let Parsed::Current(env) = parse::<LastOpenEnvelope>(&raw) else {
            return None;
        };
        let exists = self.exists(&self.draft_key(&env.id)).ok()?;
        (exists && !self.is_trashed(&env.id)).then_some(env.id)
    }

    pub fn set_last_open(&self, id: &str) -> Result<(), StorageError> {
        let env = LastOpenEnvelope {
            v: FORMAT_VERSION,
            id: id.to_owned(),
        };
        self.store.set(
            &self.last_open_key(),
            &to_json(&env).map_err(StorageError::Other)?,
        )
    }

    // ----- revisions -----

    /// The kept earlier versions of draft `id`, newest first.
    pub fn revisions(&self, id: &str) -> Vec<RevisionMeta> {
        let mut revs: Vec<RevisionMeta> = self
            .read_revs(id)
            .revs
            .iter()
            .map(|r| RevisionMeta {
                rev_id: r.id,
                saved_ms: r.saved_ms,
                rev: r.rev,
                title: r.title.clone(),
                size: utf16_len(&r.text),
            })
            .collect();
        revs.reverse();
        revs
    }

    pub fn load_revision(&self, id: &str, rev_id: u64) -> Result<Revision, LoadError> {
        let r = self
            .read_revs(id)
            .revs
            .into_iter()
            .find(|r| r.id == rev_id)
            .ok_or(LoadError::NotFound)?;
        let len = utf16_len(&r.text);
        Ok(Revision {
            rev_id: r.id,
            saved_ms: r.saved_ms,
            rev: r.rev,
            title: r.title,
            date: r.date,
            cursor: r.cursor.clamped(len),
            text: r.text,
        })
    }

    /// Makes revision `rev_id` the current version (a save, so the current
    /// version becomes a revision, and `expected_rev` is checked).
    pub fn restore_revision(
        &self,
        id: &str,
        rev_id: u64,
        now_ms: u64,
        expected_rev: u64,
    ) -> Result<SaveOutcome, SaveError> {
        let r = self.load_revision(id, rev_id).map_err(SaveError::Load)?;
        self.save(
            id,
            &r.text,
            r.cursor,
            &DraftInfo::new(r.title, r.date),
            now_ms,
            expected_rev,
        )
    }

    // ----- unreadable entries -----

    /// Entries that could not be read and were set aside, with their raw text.
    pub fn corrupt_entries(&self) -> Result<Vec<CorruptEntry>, StorageError> {
        let prefix = self.corrupt_prefix();
        let mut out = Vec::new();
        for key in self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
        {
            let Some(raw) = self.store.get(&key)? else {
                continue;
            };
            out.push(match parse::<CorruptEnvelope>(&raw) {
                Parsed::Current(env) => CorruptEntry {
                    key,
                    from_key: env.from_key,
                    reason: env.reason,
                    raw: env.raw,
                },
                _ => CorruptEntry {
                    key,
                    from_key: String::new(),
                    reason: "unknown".into(),
                    raw,
                },
            });
        }
        Ok(out)
    }

    /// Removes a set-aside entry (after the user downloaded or dismissed it).
    pub fn discard_corrupt(&self, key: &str) -> Result<(), StorageError> {
        if key.starts_with(&self.corrupt_prefix()) {
            self.store.remove(key)
        } else {
            Ok(())
        }
    }
}

fn sort_newest_first(drafts: &mut [DraftMeta]) {
    drafts.sort_by(|a, b| {
        b.updated_ms
            .cmp(&a.updated_ms)
            .then_with(|| a.id.cmp(&b.id))
    });
}
