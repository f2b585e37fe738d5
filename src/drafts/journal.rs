//! The crash journal's rules. Chromium keeps `localStorage` writes in the
//! browser process and commits them to disk in batches (about every 5 s),
//! so a browser killed right after an autosave loses it. Every autosave
//! therefore also writes the draft's latest text to a durable journal
//! (IndexedDB, see `browser::journal`): one [`JournalEntry`] per draft,
//! replaced by the next save. On start, [`plan_recovery`] compares the
//! journal with the drafts as stored and says which entries to restore,
//! which to ignore and which to drop, and [`Recovery::notice`] what the user
//! is told. No IO here.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::draft::DraftInfo;
use super::errors::SaveError;
use super::format::{Cursor, DraftMeta};
use super::kv::KeyValueStore;
use super::store::DraftStore;

/// The journal format this code writes.
pub const JOURNAL_FORMAT: u64 = 1;

/// An ignored entry (the stored draft is as new) is dropped once it is this
/// old: by then its draft has long reached the disk. Younger ones stay, in
/// case the stored draft itself only lives in the browser's memory yet (a
/// reload, then a crash).
pub const STALE_AFTER_MS: u64 = 3_600_000;

/// The latest text of one draft as an autosave wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub v: u64,
    /// The draft store's namespace (the host's storage key).
    pub ns: String,
    pub id: String,
    /// The draft's rev this save gave it: newer than the stored draft's
    /// when the stored draft missed the save.
    pub rev: u64,
    pub saved_ms: u64,
    pub title: String,
    pub date: Option<String>,
    pub cursor: Cursor,
    pub text: String,
}

impl JournalEntry {
    /// The entry a save of draft `id` in namespace `ns`, now at `rev`, writes.
    pub fn of_save(
        ns: &str,
        id: &str,
        rev: u64,
        saved_ms: u64,
        text: &str,
        cursor: Cursor,
        info: &DraftInfo,
    ) -> JournalEntry {
        JournalEntry {
            v: JOURNAL_FORMAT,
            ns: ns.to_owned(),
            id: id.to_owned(),
            rev,
            saved_ms,
            title: info.title.clone(),
            date: info.date.clone(),
            cursor,
            text: text.to_owned(),
        }
    }

    /// The key of draft `id`'s entry: one entry per draft and namespace.
    pub fn key_of(ns: &str, id: &str) -> String {
        format!("{ns}:{id}")
    }

    pub fn key(&self) -> String {
        Self::key_of(&self.ns, &self.id)
    }

    pub fn info(&self) -> DraftInfo {
        DraftInfo::new(self.title.clone(), self.date.clone())
    }

    pub fn to_json(&self) -> String {
        // A struct of strings and numbers: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The entry stored as `raw`; None if unreadable or of a newer format
    /// (such an entry is left alone).
    pub fn from_json(raw: &str) -> Option<JournalEntry> {
        serde_json::from_str::<JournalEntry>(raw)
            .ok()
            .filter(|e| e.v == JOURNAL_FORMAT)
    }
}

/// How a journal entry goes back into the draft store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreAs {
    /// Over the stored draft, which is older (it is kept as a revision).
    Over { stored_rev: u64 },
    /// The draft is not stored at all (the browser died before its first
    /// write reached the disk): written anew under its id.
    Recreated,
    /// The open draft was already edited in this tab before the journal
    /// was read: the entry becomes a new draft beside it.
    Copy,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restore {
    pub entry: JournalEntry,
    pub how: RestoreAs,
}

/// The draft open when the journal was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDraft {
    pub id: String,
    /// A new draft nothing was written in (it gives way to a recovered one).
    pub untouched: bool,
    /// Edited in this tab since it was opened (saved or not).
    pub edited: bool,
}

/// What to do with the journal on start: see [`plan_recovery`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recovery {
    /// Entries newer than their stored draft, newest first.
    pub restore: Vec<Restore>,
    /// Keys of entries to delete (stale: see [`STALE_AFTER_MS`]).
    pub forget: Vec<String>,
    /// The draft the editor should show now, if not the open one as it is:
    /// the open one when its entry replaced it, or the newest recreated
    /// draft when the open one is untouched.
    pub open: Option<String>,
}

/// Decides, on start, what the journal `entries` of namespace `ns` give
/// back: an entry is restored if its draft is not among `stored` (the
/// drafts as listed) or is stored at an older rev; an entry at the stored
/// rev or older is ignored (dropped once stale). Entries of other
/// namespaces are not looked at.
pub fn plan_recovery(
    ns: &str,
    entries: &[JournalEntry],
    stored: &[DraftMeta],
    open: &OpenDraft,
    now_ms: u64,
) -> Recovery {
    let mut out = Recovery::default();
    let mut mine: Vec<&JournalEntry> = entries.iter().filter(|e| e.ns == ns).collect();
    mine.sort_by(|a, b| b.saved_ms.cmp(&a.saved_ms).then_with(|| a.id.cmp(&b.id)));
    for e in mine {
        let how = match stored.iter().find(|m| m.id == e.id) {
            Some(m) if m.rev >= e.rev => {
                if now_ms.saturating_sub(e.saved_ms) > STALE_AFTER_MS {
                    out.forget.push(e.key());
                }
                continue;
            }
            Some(_) if e.id == open.id && open.edited => RestoreAs::Copy,
            Some(m) => RestoreAs::Over { stored_rev: m.rev },
            None => RestoreAs::Recreated,
        };
        out.restore.push(Restore {
            entry: e.clone(),
            how,
        });
    }
    let replaced_open = out
        .restore
        .iter()
        .any(|r| r.entry.id == open.id && r.how != RestoreAs::Copy);
    out.open = if replaced_open {
        Some(open.id.clone())
    } else if open.untouched {
        out.restore
            .iter()
            .find(|r| r.how == RestoreAs::Recreated)
            .map(|r| r.entry.id.clone())
    } else {
        None
    };
    out
}

fn quoted(title: &str) -> String {
    if title.trim().is_empty() {
        "“Untitled”".to_owned()
    } else {
        format!("“{}”", title.trim())
    }
}

impl Recovery {
    /// What the user is told, if anything was restored: which drafts, and why.
    pub fn notice(&self) -> Option<String> {
        let titles: Vec<String> = self
            .restore
            .iter()
            .map(|r| quoted(&r.entry.title))
            .collect();
        let what = match titles.as_slice() {
            [] => return None,
            [one] => format!("the last changes to {one}"),
            many => format!(
                "the last changes to {} drafts: {}",
                many.len(),
                many.join(", ")
            ),
        };
        let copies = self.restore.iter().any(|r| r.how == RestoreAs::Copy);
        let tail = if copies {
            " What you typed since is kept; the recovered text is a new draft in the list."
        } else {
            " Earlier versions are under Revisions."
        };
        Some(format!(
            "Recovered {what}: the browser closed before they reached its storage.{tail}"
        ))
    }
}

/// What [`restore`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Restored {
    /// The entries to journal again, at the rev each draft has now (so the
    /// next start does not restore them once more; a copy under its id).
    pub record: Vec<JournalEntry>,
    /// Keys to drop from the journal (the entries that became copies).
    pub forget: Vec<String>,
    /// The restores that could not be written, and why (their entries stay).
    pub failed: Vec<(JournalEntry, SaveError)>,
}

/// Writes the plan's restores into `store`: over the stored draft (which
/// becomes a revision) or anew under the draft's id with `force_save`, as a
/// new draft with `save_as_copy`.
pub fn restore<S: KeyValueStore>(store: &DraftStore<S>, plan: &Recovery, now_ms: u64) -> Restored {
    let mut out = Restored::default();
    for r in &plan.restore {
        let e = &r.entry;
        let written = match r.how {
            RestoreAs::Over { .. } | RestoreAs::Recreated => store
                .force_save(&e.id, &e.text, e.cursor, &e.info(), now_ms)
                .map(|o| (e.id.clone(), o.rev)),
            RestoreAs::Copy => store
                .save_as_copy(&e.text, e.cursor, &e.info(), now_ms)
                .and_then(|id| Ok((id.clone(), store.load(&id).map_err(SaveError::Load)?.rev))),
        };
        match written {
            Ok((id, rev)) => {
                if id != e.id {
                    out.forget.push(e.key());
                }
                out.record.push(JournalEntry {
                    id,
                    rev,
                    saved_ms: now_ms,
                    ..e.clone()
                });
            }
            Err(err) => out.failed.push((e.clone(), err)),
        }
    }
    out
}

/// Why the journal cannot be written: drafts are still saved in local
/// storage, but a browser crash may lose the last seconds of typing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalProblem {
    /// IndexedDB refused (private mode, blocked site data, a sandboxed frame).
    Blocked,
    /// There is no IndexedDB.
    Unavailable,
    /// It is full, even with the other drafts' entries dropped.
    Full,
    Failed(String),
}

impl fmt::Display for JournalProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self {
            JournalProblem::Blocked => "this browser blocks IndexedDB for this page".to_owned(),
            JournalProblem::Unavailable => "this browser has no IndexedDB".to_owned(),
            JournalProblem::Full => "the browser's storage is full".to_owned(),
            JournalProblem::Failed(msg) => format!("IndexedDB failed ({msg})"),
        };
        write!(
            f,
            "Crash protection is off: {why}. Drafts are still saved, but if the browser \
             crashes, the last few seconds of typing may be lost."
        )
    }
}

impl std::error::Error for JournalProblem {}
