//! Every way [`DraftStore`] writes a draft: create, save (in one part or
//! two), force save, save as copy, duplicate, restore a revision. A save
//! writes the draft in ONE `set`; the revision of the version it replaced
//! and the index entry come after, best effort.

use super::{DraftStore, Stored};
use crate::drafts::draft::{AfterSave, Draft, DraftInfo, SaveOutcome};
use crate::drafts::errors::{LoadError, SaveError};
use crate::drafts::format::{to_json, Cursor};
use crate::drafts::kv::{entry_units, KeyValueStore, StorageError};

impl<S: KeyValueStore> DraftStore<S> {
    fn new_id(&self, now_ms: u64) -> Result<String, StorageError> {
        for _ in 0..1000 {
            let n = self.counter.get() + 1;
            self.counter.set(n);
            let id = format!("{now_ms:x}-{}-{n}", self.writer);
            if !self.exists(&self.keys.draft(&id))? {
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
                let pruned = self.revs().free(need);
                self.store.set(key, value)?;
                Ok(pruned)
            }
            other => other.map(|()| 0),
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
        let trashed = self.trash().holds(id);
        // A save that does not name a path keeps the stored one.
        let path = match &info.path {
            Some(p) if p.is_empty() => None,
            Some(p) => Some(p.clone()),
            None => current.as_ref().and_then(|c| c.path.clone()),
        };
        if let Some(cur) = &current {
            if !trashed
                && cur.rev > 0
                && cur.text == text
                && cur.cursor == cursor
                && cur.title == info.title
                && cur.date == info.date
                && cur.path == path
            {
                self.tab.note_seen(cur);
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
            path,
            cursor,
            title: info.title.clone(),
            date: info.date.clone(),
            created_ms: current.as_ref().map_or(now_ms, |c| c.created_ms),
            updated_ms: now_ms,
            rev: current.as_ref().map_or(base_rev, |c| c.rev) + 1,
            writer: self.writer.clone(),
        };
        let key = self.keys.draft(id);
        let json = to_json(&new.envelope()).map_err(StorageError::Other)?;
        let pruned = self.set_with_room(&key, &json)?;
        // The draft is saved. What follows is bookkeeping, best effort.
        self.tab.note_seen(&new);
        if trashed {
            let _ = self.trash().take_out();
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
            meta: new.meta(units),
            replaced: current.filter(|cur| cur.text != new.text),
            on_its_own: false,
        };
        self.tab.remember(new, units);
        Ok((outcome, Some(after)))
    }

    /// Does what a save left for later ([`Self::save_first`]): keeps the
    /// version it replaced as a revision and updates the index. Returns how
    /// many revisions were dropped to keep within the budget.
    pub fn finish_save(&self, after: AfterSave, now_ms: u64) -> usize {
        let pruned = match &after.replaced {
            Some(cur) => self.revs().push(
                &after.meta.id,
                cur,
                now_ms,
                self.revision_budget,
                !after.on_its_own,
            ),
            None => 0,
        };
        self.update_index_entry(after.meta);
        pruned
    }

    /// What a write of draft `id` starts from. An unreadable entry is set
    /// aside first (so it is not lost), and then counts as missing.
    fn current_for_write(&self, id: &str) -> Result<Option<Draft>, SaveError> {
        if let Some(d) = self.tab.still_stored(&self.store, &self.keys, id) {
            return Ok(Some(d));
        }
        match self.read_stored(id) {
            Ok(Stored::Missing) => Ok(None),
            Ok(Stored::Current(d, _)) => Ok(Some(d)),
            Ok(Stored::Legacy(text, _)) => Ok(Some(Draft::from_legacy(id, text))),
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
            if self.tab.is_stale(cur, expected_rev) {
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
        let info = DraftInfo::new(r.title, r.date);
        let (outcome, after) =
            self.save_first(id, &r.text, r.cursor, &info, now_ms, expected_rev)?;
        let after = after.map(|a| AfterSave {
            on_its_own: true,
            ..a
        });
        Ok(self.finished((outcome, after), now_ms))
    }
}
