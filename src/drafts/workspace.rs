//! [`Workspace`]: the drafts of one editor, and every decision about them.
//! It owns which draft is open, whether the text in memory is saved, the
//! lists the drafts panel shows, a conflict with another tab, the last
//! delete (while it can be undone), and the user's preferences kept beside
//! the drafts. The [`DraftStore`] below it knows no post model; this is
//! where posts meet it (titles and dates are read from the [`Post`]).
//!
//! It is pure: time comes in as `now_ms`, the caret as a [`Cursor`]. The UI
//! around it keeps only what the browser gives (the autosave timer, the
//! task that finishes a save, page and storage listeners) and turns the
//! answers here into what the user sees.

mod answers;
mod import;
mod lifecycle;
mod merging;
mod recovery;
mod reimport;

pub use answers::{AfterDelete, Changed, Imported, SaveStatus, Saved};
pub use import::Import;
pub use merging::TabMerge;
pub use recovery::Recovered;
pub use reimport::ReImport;

use super::{
    AfterSave, CorruptEntry, Cursor, DeleteToken, Draft, DraftInfo, DraftMeta, DraftStore,
    KeyValueStore, LoadError, Revision, RevisionMeta, SaveError, StorageError,
};
use crate::post::{Post, Value};

/// The drafts of one editor. See the module docs.
pub struct Workspace<S: KeyValueStore> {
    store: DraftStore<S>,
    /// The open draft.
    id: String,
    /// The stored revision our text is based on (to detect other tabs' saves).
    rev: u64,
    dirty: bool,
    status: SaveStatus,
    /// Storage is blocked or unavailable: drafts live in memory only.
    memory_only: Option<StorageError>,
    /// Another tab saved the open draft while we had unsaved changes.
    conflict: Option<Box<Draft>>,
    /// The last deleted draft, while it can be restored, and its title.
    deleted: Option<(DeleteToken, String)>,
    drafts: Vec<DraftMeta>,
    query: String,
    corrupt: Vec<CorruptEntry>,
    revisions: Vec<RevisionMeta>,
    /// The revision shown before it is restored (or not).
    previewed: Option<Revision>,
    /// What the last save left for later.
    after_save: Option<AfterSave>,
    /// The open draft's path in the blog (see [`Draft::path`]).
    path: Option<String>,
    /// The text stored at `rev`: the base a merge with another tab's save starts from.
    base: String,
}

/// The title and date the drafts list shows for `post`.
pub fn info_of(post: &Post) -> DraftInfo {
    let date = match post.get("date") {
        Some(Value::String(s)) => Some(s),
        _ => None,
    };
    DraftInfo::new(post.title().unwrap_or_default(), date)
}

/// What opening a workspace gives the editor to show.
#[derive(Debug)]
pub struct Opening<S: KeyValueStore> {
    pub workspace: Workspace<S>,
    pub text: String,
    /// Where the caret was (a draft reopened).
    pub cursor: Option<Cursor>,
}

impl<S: KeyValueStore> Workspace<S> {
    /// Opens the drafts of `store`: the host's `initial` value when it has
    /// one (kept as a draft, unless it is the last open draft's text), else
    /// the last open draft, else a new draft of `starter`. `memory_only`
    /// says the store is the in-memory stand-in for a blocked storage.
    pub fn open(
        store: DraftStore<S>,
        memory_only: Option<StorageError>,
        initial: &str,
        starter: &str,
        now_ms: u64,
    ) -> Opening<S> {
        let _ = store.purge_trash(now_ms);
        let last = store.last_open().and_then(|id| store.load(&id).ok());
        let (draft, text, cursor) = match last {
            Some(d) if initial.is_empty() || d.text == initial => {
                let text = d.text.clone();
                let cursor = Some(d.cursor);
                (Some(d), text, cursor)
            }
            _ if initial.is_empty() => (None, starter.to_string(), None),
            _ => (None, initial.to_string(), None),
        };
        let path = draft.as_ref().and_then(|d| d.path.clone());
        let (id, rev) = match draft {
            Some(d) => (d.id, d.rev),
            None => {
                let post = Post::parse(&text);
                match store.create(&text, &info_of(&post), now_ms) {
                    Ok(id) => {
                        let rev = store.load(&id).map(|d| d.rev).unwrap_or(0);
                        (id, rev)
                    }
                    Err(_) => (String::from("unsaved"), 0),
                }
            }
        };
        let _ = store.set_last_open(&id);
        let mut workspace = Workspace {
            store,
            id,
            rev,
            dirty: false,
            status: SaveStatus::Saved,
            memory_only,
            conflict: None,
            deleted: None,
            drafts: Vec::new(),
            query: String::new(),
            corrupt: Vec::new(),
            revisions: Vec::new(),
            previewed: None,
            after_save: None,
            path,
            base: text.clone(),
        };
        workspace.refresh_lists();
        Opening {
            workspace,
            text,
            cursor,
        }
    }

    // ----- what the editor shows -----

    /// The open draft's id.
    pub fn open_id(&self) -> &str {
        &self.id
    }

    pub fn status(&self) -> &SaveStatus {
        &self.status
    }

    /// The save status in words, as the drafts panel and the host's
    /// `postwright-status` event give it.
    pub fn status_text(&self) -> &'static str {
        if self.memory_only.is_some() {
            return "Autosave off (storage blocked)";
        }
        match &self.status {
            SaveStatus::Saved => "Saved",
            SaveStatus::Unsaved => "Saving…",
            SaveStatus::Failed(_) => "NOT saved",
        }
    }

    /// Why drafts live in memory only, if they do.
    pub fn memory_only(&self) -> Option<&StorageError> {
        self.memory_only.as_ref()
    }

    /// Another tab's version of the open draft, while the user chooses.
    pub fn conflict(&self) -> Option<&Draft> {
        self.conflict.as_deref()
    }

    /// The title of the draft deleted last, while the delete can be undone.
    pub fn deleted_title(&self) -> Option<&str> {
        self.deleted.as_ref().map(|(_, title)| title.as_str())
    }

    /// The drafts listed (those matching [`Self::query`]), newest first.
    pub fn drafts(&self) -> &[DraftMeta] {
        &self.drafts
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn corrupt(&self) -> &[CorruptEntry] {
        &self.corrupt
    }

    /// The open draft's kept earlier versions, newest first.
    pub fn revisions(&self) -> &[RevisionMeta] {
        &self.revisions
    }

    pub fn corrupt_entry(&self, key: &str) -> Option<&CorruptEntry> {
        self.corrupt.iter().find(|c| c.key == key)
    }

    /// Every stored draft's text, newest first (for an export of all).
    /// Every draft's text and its path in the blog (see [`Draft::path`]).
    pub fn texts(&self) -> Result<Vec<(Option<String>, String)>, LoadError> {
        let mut texts = Vec::new();
        for meta in self.store.list()? {
            let d = self.store.load(&meta.id)?;
            texts.push((d.path, d.text));
        }
        Ok(texts)
    }

    /// [`Self::texts`] with each draft's id (its pictures are kept by it).
    pub fn texts_by_id(&self) -> Result<Vec<(String, Option<String>, String)>, LoadError> {
        let mut texts = Vec::new();
        for meta in self.store.list()? {
            let d = self.store.load(&meta.id)?;
            texts.push((meta.id, d.path, d.text));
        }
        Ok(texts)
    }

    // ----- saving -----

    /// The title and date the open draft is listed under as `post`: its
    /// own; while its front matter does not parse (the user is mending it),
    /// those it was listed under before, so the draft keeps its name in the
    /// list instead of becoming "Untitled".
    pub fn info_for(&self, post: &Post) -> DraftInfo {
        let info = info_of(post);
        if post.fields().is_ok() {
            return info;
        }
        let listed = self.store.list().ok().into_iter().flatten();
        match listed.into_iter().find(|m| m.id == self.id) {
            Some(m) => DraftInfo::new(m.title, m.date),
            None => info,
        }
    }

    /// The text changed: it is to be saved (the caller's timer says when).
    pub fn touch(&mut self) {
        self.dirty = true;
        if !matches!(self.status, SaveStatus::Failed(_)) {
            self.status = SaveStatus::Unsaved;
        }
    }

    /// Saves `post` if it has unsaved edits. `Err` carries what the user
    /// must be told; the text in memory is untouched either way (a
    /// conflict is kept for [`Self::keep_mine`] / [`Self::use_theirs`]).
    pub fn save(&mut self, post: &Post, cursor: Cursor, now_ms: u64) -> Result<Saved, SaveError> {
        self.finish_save(now_ms);
        if !self.dirty || self.conflict.is_some() {
            return Ok(Saved::Nothing);
        }
        let text = post.to_text();
        let info = self.info_for(post);
        match self
            .store
            .save_first(&self.id, &text, cursor, &info, now_ms, self.rev)
        {
            Ok((outcome, after)) => {
                self.stored(outcome.rev, text);
                match after {
                    Some(after) => {
                        self.after_save = Some(after);
                        Ok(Saved::FinishLater)
                    }
                    None => {
                        self.refresh_lists();
                        Ok(Saved::Done)
                    }
                }
            }
            Err(SaveError::Conflict { theirs }) => {
                self.conflict = Some(theirs.clone());
                Err(SaveError::Conflict { theirs })
            }
            Err(e) => {
                self.status = SaveStatus::Failed(e.to_string());
                Err(e)
            }
        }
    }

    /// Does what the last save left for later, if anything (before any
    /// other use of the drafts, and before the page goes away). Returns
    /// whether there was something.
    pub fn finish_save(&mut self, now_ms: u64) -> bool {
        let Some(after) = self.after_save.take() else {
            return false;
        };
        self.store.finish_save(after, now_ms);
        self.refresh_lists();
        true
    }

    /// Our `text` is stored at `rev`.
    fn stored(&mut self, rev: u64, text: String) {
        self.rev = rev;
        self.base = text;
        self.dirty = false;
        self.status = SaveStatus::Saved;
    }

    /// After a conflict: our version over theirs (theirs stays a revision).
    pub fn keep_mine(&mut self, post: &Post, cursor: Cursor, now_ms: u64) -> Result<(), SaveError> {
        self.finish_save(now_ms);
        let text = post.to_text();
        let outcome =
            self.store
                .force_save(&self.id, &text, cursor, &self.info_for(post), now_ms)?;
        self.conflict = None;
        self.stored(outcome.rev, text);
        self.refresh_lists();
        Ok(())
    }

    /// After a conflict: theirs is opened, ours kept as a draft of its own.
    /// `Ok(None)`: there was no conflict. On `Err` nothing changed.
    pub fn use_theirs(
        &mut self,
        post: &Post,
        cursor: Cursor,
        now_ms: u64,
    ) -> Result<Option<Draft>, SaveError> {
        let Some(theirs) = self.conflict.take() else {
            return Ok(None);
        };
        match self
            .store
            .save_as_copy(&post.to_text(), cursor, &self.info_for(post), now_ms)
        {
            Ok(_) => {
                self.switch_to(&theirs);
                Ok(Some(*theirs))
            }
            Err(e) => {
                self.conflict = Some(theirs);
                Err(e)
            }
        }
    }

    /// Another tab changed storage under `key` (`None`: it was cleared).
    pub fn storage_changed(&mut self, key: Option<&str>) -> Changed {
        let changed = if self.store.event_concerns(key, &self.id) {
            match self.store.load(&self.id) {
                Ok(theirs) if theirs.rev != self.rev => {
                    if self.dirty {
                        self.conflict = Some(Box::new(theirs));
                        Changed::Conflict
                    } else {
                        self.switch_to(&theirs);
                        Changed::Reloaded(Box::new(theirs))
                    }
                }
                Ok(_) => Changed::Nothing,
                Err(LoadError::NotFound) => {
                    // Keep the text, and store it again on the next save.
                    self.dirty = true;
                    Changed::DeletedElsewhere
                }
                Err(e) => Changed::Unreadable(e),
            }
        } else {
            Changed::Nothing
        };
        self.refresh_lists();
        changed
    }

    /// Makes `draft` the open one.
    fn switch_to(&mut self, draft: &Draft) {
        self.previewed = None;
        self.id = draft.id.clone();
        self.rev = draft.rev;
        self.path = draft.path.clone();
        self.base = draft.text.clone();
        self.dirty = false;
        self.conflict = None;
        self.status = SaveStatus::Saved;
        let _ = self.store.set_last_open(&self.id);
        self.refresh_lists();
    }

    /// Shows revision `rev_id` of the open draft before it is restored
    /// (`None`: shows none).
    pub fn preview_revision(&mut self, rev_id: Option<u64>) -> Result<(), LoadError> {
        self.previewed = match rev_id {
            Some(rev_id) => Some(self.store.load_revision(&self.id, rev_id)?),
            None => None,
        };
        Ok(())
    }

    /// The revision being previewed, if any.
    pub fn previewed(&self) -> Option<&Revision> {
        self.previewed.as_ref()
    }

    /// Lists the drafts [`super::search::matches`] finds for `query` (all when blank).
    pub fn search(&mut self, query: String) {
        self.query = query;
        self.refresh_lists();
    }

    /// Forgets an unreadable entry set aside earlier.
    pub fn discard_corrupt(&mut self, key: &str) {
        let _ = self.store.discard_corrupt(key);
        self.refresh_lists();
    }

    // ----- preferences -----

    /// A choice the user made (generator, theme, split, form shown), kept
    /// beside the drafts so the editor opens as they left it.
    pub fn pref(&self, name: &str) -> Option<String> {
        Self::pref_of(&self.store, name)
    }

    /// A choice kept beside `store`'s drafts, read before they are opened.
    pub fn pref_of(store: &DraftStore<S>, name: &str) -> Option<String> {
        store
            .storage()
            .get(&pref_key(store.namespace(), name))
            .ok()
            .flatten()
    }

    /// Keeps a choice. One that cannot be stored (full storage) is not
    /// worth telling: the drafts report storage trouble themselves.
    pub fn set_pref(&self, name: &str, value: &str) {
        let _ = self
            .store
            .storage()
            .set(&pref_key(self.store.namespace(), name), value);
    }

    fn refresh_lists(&mut self) {
        self.drafts = if self.query.trim().is_empty() {
            self.store.list()
        } else {
            self.store.search(&self.query)
        }
        .unwrap_or_default();
        self.corrupt = self.store.corrupt_entries().unwrap_or_default();
        self.revisions = self.store.revisions(&self.id);
    }
}

impl<S: KeyValueStore> std::fmt::Debug for Workspace<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("id", &self.id)
            .field("rev", &self.rev)
            .field("dirty", &self.dirty)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// Preferences live under `"{namespace}:{name}"`, beside the store's keys.
fn pref_key(namespace: &str, name: &str) -> String {
    format!("{namespace}:{name}")
}
