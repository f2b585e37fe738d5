//! The records a [`DraftStore`](super::DraftStore) hands out and takes:
//! [`Draft`] (one stored draft), [`DraftInfo`] (what the caller extracted
//! from the post), [`SaveOutcome`] and [`AfterSave`] (what a save did and
//! left for later), and how a draft maps to its stored envelope and its
//! index entry.

use super::format::{guess_title, Cursor, DraftEnvelope, DraftMeta, FORMAT_VERSION};
use super::kv::utf16_len;

/// What the caller extracted from the post (the drafts know no post model).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftInfo {
    pub title: String,
    pub date: Option<String>,
    /// Where the post lives in the blog (`content/posts/hello.md`), as it
    /// came from a file or folder or as the user named it: `None` keeps the
    /// stored one; `Some("")` clears it (the generator's convention names it).
    pub path: Option<String>,
}

impl DraftInfo {
    pub fn new(title: impl Into<String>, date: Option<String>) -> Self {
        DraftInfo {
            title: title.into(),
            date,
            path: None,
        }
    }

    /// The same, with the post's path set (see [`DraftInfo::path`]).
    pub fn with_path(self, path: impl Into<String>) -> Self {
        DraftInfo {
            path: Some(path.into()),
            ..self
        }
    }
}

/// A draft as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub text: String,
    /// Where the post lives in the blog, when it came from a file or the
    /// user named it; `None`: export names it by the generator's convention.
    pub path: Option<String>,
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

/// What a save left for later: see [`DraftStore::save_first`](super::DraftStore::save_first). Until it is
/// done, the revisions lack the replaced version and the index the new
/// title, date and size; the draft itself is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterSave {
    pub(crate) meta: DraftMeta,
    pub(crate) replaced: Option<Draft>,
    /// The replaced version is a revision of its own, never joined to the
    /// newest (a restore: what it replaced must stay restorable).
    pub(crate) on_its_own: bool,
}

impl Draft {
    /// The draft stored in `env` (its cursor clamped to its text).
    pub(crate) fn from_envelope(env: DraftEnvelope) -> Draft {
        let len = utf16_len(&env.text);
        Draft {
            cursor: env.cursor.clamped(len),
            id: env.id,
            text: env.text,
            path: env.path.filter(|p| !p.is_empty()),
            title: env.title,
            date: env.date,
            created_ms: env.created_ms,
            updated_ms: env.updated_ms,
            rev: env.rev,
            writer: env.writer,
        }
    }

    /// A v1 entry (plain text) as a draft: rev 0, title guessed, caret at the end.
    pub(crate) fn from_legacy(id: &str, text: String) -> Draft {
        let len = utf16_len(&text);
        Draft {
            id: id.to_owned(),
            title: guess_title(&text),
            date: None,
            cursor: Cursor::caret(len),
            text,
            path: None,
            created_ms: 0,
            updated_ms: 0,
            rev: 0,
            writer: "v1".into(),
        }
    }

    pub(crate) fn envelope(&self) -> DraftEnvelope {
        DraftEnvelope {
            v: FORMAT_VERSION,
            rev: self.rev,
            id: self.id.clone(),
            title: self.title.clone(),
            date: self.date.clone(),
            text: self.text.clone(),
            path: self.path.clone(),
            cursor: self.cursor,
            created_ms: self.created_ms,
            updated_ms: self.updated_ms,
            writer: self.writer.clone(),
        }
    }

    /// Its index entry, for an entry of `size` units.
    pub(crate) fn meta(&self, size: usize) -> DraftMeta {
        DraftMeta {
            id: self.id.clone(),
            title: self.title.clone(),
            date: self.date.clone(),
            updated_ms: self.updated_ms,
            size,
            rev: self.rev,
        }
    }
}
