//! What this tab remembers of the drafts it wrote or read: [`TabMemory`].
//! It catches two tabs that both wrote the same rev (localStorage has no
//! compare-and-set, and reaches other processes with a delay), and spares
//! an autosave reading back the whole entry it replaces.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::draft::Draft;
use super::format::{quick_head, HEAD_UNITS};
use super::keys::Keys;
use super::kv::{utf16_len, KeyValueStore};

#[derive(Default)]
pub(crate) struct TabMemory {
    /// The (rev, writer) of each draft as this tab last loaded or saved it.
    seen: RefCell<BTreeMap<String, (u64, String)>>,
    /// The draft entry this tab last wrote or read whole, and its size: while
    /// the stored entry still has that size, rev and writer, a save takes
    /// the version it replaces from here instead of reading back and parsing
    /// the whole entry (a megabyte for a long post) on every autosave.
    last: RefCell<Option<(Draft, usize)>>,
}

impl TabMemory {
    pub fn note_seen(&self, d: &Draft) {
        self.seen
            .borrow_mut()
            .insert(d.id.clone(), (d.rev, d.writer.clone()));
    }

    /// Whether the stored version `cur` is not the one at `expected_rev` this
    /// tab knows: another rev, or the same rev by another writer.
    pub fn is_stale(&self, cur: &Draft, expected_rev: u64) -> bool {
        cur.rev != expected_rev
            || self
                .seen
                .borrow()
                .get(&cur.id)
                .is_some_and(|(rev, writer)| *rev == cur.rev && *writer != cur.writer)
    }

    /// Remembers `d`, just written or read whole as an entry of `units`.
    pub fn remember(&self, d: Draft, units: usize) {
        self.last.replace(Some((d, units)));
    }

    /// The draft this tab last wrote or read under `id`, if the stored entry
    /// is still that one: the same size, and the same rev and writer at its
    /// start ([`quick_head`]). A writer writes each rev of a draft once, so
    /// this is the entry; any doubt (another tab, an older entry layout, a
    /// storage error) answers `None`, and the caller reads the entry whole.
    pub fn still_stored<S: KeyValueStore>(
        &self,
        store: &S,
        keys: &Keys,
        id: &str,
    ) -> Option<Draft> {
        let last = self.last.borrow();
        let (d, units) = last.as_ref().filter(|(d, _)| d.id == id)?;
        let key = keys.draft(id);
        let (len, head) = store.peek(&key, HEAD_UNITS).ok()??;
        let (rev, writer) = quick_head(&head)?;
        (utf16_len(&key) + len == *units && rev == d.rev && writer == d.writer).then(|| d.clone())
    }
}
