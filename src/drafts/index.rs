//! The index: [`Index`] keeps a list of the drafts (title, date, size, rev)
//! under one key, so that listing does not read every draft. It is a cache:
//! written best effort, checked against the draft entries before it is
//! trusted, and rebuilt by the store when it is missing or stale.

use super::format::{parse, quick_rev, to_json, DraftMeta, IndexEnvelope, Parsed, FORMAT_VERSION};
use super::keys::Keys;
use super::kv::{utf16_len, KeyValueStore, StorageError};

/// The index of one namespace.
pub(crate) struct Index<'a, S: KeyValueStore> {
    pub store: &'a S,
    pub keys: &'a Keys,
}

impl<S: KeyValueStore> Index<'_, S> {
    /// The stored index; None if missing or unreadable.
    pub fn read(&self) -> Option<Vec<DraftMeta>> {
        let raw = self.store.get(&self.keys.index()).ok()??;
        match parse::<IndexEnvelope>(&raw) {
            Parsed::Current(idx) => Some(idx.drafts),
            _ => None,
        }
    }

    /// Best effort: if it cannot be written the index is removed, so that
    /// the next listing rebuilds it.
    pub fn write(&self, mut drafts: Vec<DraftMeta>) {
        sort_newest_first(&mut drafts);
        let env = IndexEnvelope {
            v: FORMAT_VERSION,
            drafts,
        };
        let key = self.keys.index();
        let ok = to_json(&env).is_ok_and(|json| self.store.set(&key, &json).is_ok());
        if !ok {
            let _ = self.store.remove(&key);
        }
    }

    /// Puts `meta` in place of its draft's entry. Returns false if there
    /// is no readable index to update (the caller rebuilds it).
    pub fn update_entry(&self, meta: DraftMeta) -> bool {
        let Some(mut drafts) = self.read() else {
            return false;
        };
        drafts.retain(|m| m.id != meta.id);
        drafts.push(meta);
        self.write(drafts);
        true
    }

    pub fn remove_entry(&self, id: &str) {
        if let Some(mut drafts) = self.read() {
            drafts.retain(|m| m.id != id);
            self.write(drafts);
        }
    }

    /// Whether the index holds exactly `meta`.
    pub fn holds(&self, meta: &DraftMeta) -> bool {
        self.read().is_some_and(|idx| idx.contains(meta))
    }

    /// Whether each entry of `drafts` has the size and rev of its draft
    /// entry (a crash between a draft's write and the index's leaves it stale).
    pub fn matches_entries(&self, drafts: &[DraftMeta]) -> Result<bool, StorageError> {
        for m in drafts {
            let key = self.keys.draft(&m.id);
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
}

/// Newest first; ties by id, so the order is stable.
pub(crate) fn sort_newest_first(drafts: &mut [DraftMeta]) {
    drafts.sort_by(|a, b| {
        b.updated_ms
            .cmp(&a.updated_ms)
            .then_with(|| a.id.cmp(&b.id))
    });
}
