//! Earlier versions: [`Revisions`] keeps, per draft under `revs:{id}`, the
//! versions a save replaced (best effort: history never stops a save),
//! within the retention rules and a per-draft budget, and frees room across
//! all drafts, oldest first, when storage is full.

use std::collections::{BTreeMap, BTreeSet};

use super::corrupt::CorruptEntries;
use super::draft::Draft;
use super::errors::LoadError;
use super::format::{parse, to_json, Cursor, Parsed, RevisionEntry, RevsEnvelope, FORMAT_VERSION};
use super::history::{change_label, joins, word_count, Sketch, Stretch};
use super::keys::Keys;
use super::kv::{utf16_len, KeyValueStore, StorageError};
use super::retention::{retain, revision_units};

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
    /// What changed since the revision before it (`+120 words, title changed`).
    pub change: String,
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

/// The revisions of one namespace.
pub(crate) struct Revisions<'a, S: KeyValueStore> {
    pub store: &'a S,
    pub keys: &'a Keys,
}

impl<S: KeyValueStore> Revisions<'_, S> {
    fn corrupt(&self) -> CorruptEntries<'_, S> {
        CorruptEntries {
            store: self.store,
            keys: self.keys,
        }
    }

    /// The kept versions of draft `id`, oldest first. An unreadable entry
    /// is set aside and counts as none; one of a newer format as none too
    /// (left untouched).
    fn read(&self, id: &str) -> RevsEnvelope {
        let key = self.keys.revs(id);
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
                let _ = self
                    .corrupt()
                    .set_aside(&key, &raw, "not a revisions envelope");
                empty
            }
            Parsed::Corrupt(reason) => {
                let _ = self.corrupt().set_aside(&key, &raw, &reason);
                empty
            }
        }
    }

    /// The kept versions of draft `id`, newest first, each labelled by
    /// what changed since the one before it.
    pub fn list(&self, id: &str) -> Vec<RevisionMeta> {
        let mut older: Option<Sketch> = None;
        let mut revs: Vec<RevisionMeta> = self
            .read(id)
            .revs
            .iter()
            .map(|r| {
                let sketch = Sketch {
                    title: r.title.clone(),
                    words: r.words.unwrap_or_else(|| word_count(&r.text)),
                };
                let change = change_label(older.as_ref(), &sketch);
                older = Some(sketch);
                RevisionMeta {
                    rev_id: r.id,
                    saved_ms: r.saved_ms,
                    rev: r.rev,
                    title: r.title.clone(),
                    size: utf16_len(&r.text),
                    change,
                }
            })
            .collect();
        revs.reverse();
        revs
    }

    pub fn load(&self, id: &str, rev_id: u64) -> Result<Revision, LoadError> {
        let r = self
            .read(id)
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

    /// Keeps `prev` as a revision of `id` (best effort: history must never
    /// stop a save), within the retention rules and `budget` units: in
    /// place of the newest revision while it stands for the same stretch
    /// of editing (see `history`) and `may_join`, else as a revision of its
    /// own. Returns revisions pruned.
    pub fn push(
        &self,
        id: &str,
        prev: &Draft,
        now_ms: u64,
        budget: usize,
        may_join: bool,
    ) -> usize {
        let mut env = self.read(id);
        if env.revs.last().is_some_and(|r| r.text == prev.text) {
            return 0;
        }
        // A post with a file keeps the version it began as (see `history`).
        let oldest = env.revs.len() == 1 && prev.path.is_some();
        let last = env.revs.last().map(|r| Stretch {
            since_ms: r.since_ms.unwrap_or(r.saved_ms),
            writer: &r.writer,
            oldest,
        });
        let joined = last.filter(|_| may_join && joins(last, prev.updated_ms, &prev.writer));
        let since_ms = Some(joined.map_or(prev.updated_ms, |l| l.since_ms));
        if joined.is_some() {
            env.revs.pop();
        }
        let next = env
            .next
            .max(env.revs.iter().map(|r| r.id + 1).max().unwrap_or(1));
        env.revs.push(RevisionEntry {
            since_ms,
            writer: prev.writer.clone(),
            words: Some(word_count(&prev.text)),
            id: next,
            saved_ms: prev.updated_ms,
            rev: prev.rev,
            title: prev.title.clone(),
            date: prev.date.clone(),
            text: prev.text.clone(),
            cursor: prev.cursor,
        });
        env.next = next + 1;
        let mut pruned = retain(&mut env.revs, now_ms, budget);
        let key = self.keys.revs(id);
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

    /// Drops revisions, oldest first across all drafts, until about `need`
    /// units are freed. Returns how many were dropped.
    pub fn free(&self, need: usize) -> usize {
        let prefix = self.keys.revs_prefix();
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
}
