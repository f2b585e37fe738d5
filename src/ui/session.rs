//! Autosaved drafts for one editor: which draft is open, whether the text in
//! memory is saved, and the browser hooks (debounce timer, page hide, other
//! tabs' `storage` events) that keep it so. The logic of storage itself lives
//! in the pure [`crate::drafts`] module.

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use yew::html::Scope;

use super::{Editor, Msg};
use crate::browser::journal::{self, JournalLink};
use crate::browser::storage::{self, AnyStore, StorageListener};
use crate::drafts::journal::JournalEntry;
use crate::drafts::{
    AfterSave, CorruptEntry, Cursor, DeleteToken, Draft, DraftInfo, DraftMeta, DraftStore,
    RevisionMeta, SaveError, StorageError,
};
use crate::post::Post;

/// Autosave this long after the last edit: a closed tab loses at most this much typing.
const SAVE_DELAY_MS: u32 = 400;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Unsaved,
    /// The last save failed: the text is only in memory.
    Failed(String),
}

pub struct Session {
    pub store: DraftStore<AnyStore>,
    /// The open draft.
    pub id: String,
    /// The stored revision our text is based on (to detect other tabs' saves).
    pub rev: u64,
    pub dirty: bool,
    pub status: SaveStatus,
    /// Storage is blocked or unavailable: drafts live in memory only.
    pub memory_only: Option<StorageError>,
    /// Another tab saved this draft while we had unsaved changes.
    pub conflict: Option<Box<Draft>>,
    /// The last deleted draft, while it can be restored.
    pub deleted: Option<(DeleteToken, String)>,
    pub drafts: Vec<DraftMeta>,
    pub query: String,
    pub corrupt: Vec<CorruptEntry>,
    pub revisions: Vec<RevisionMeta>,
    /// The crash journal: every autosave is also written there, durably.
    pub journal: JournalLink,
    timer: Option<Timeout>,
    /// What the last autosave left for a task of its own (the replaced
    /// version kept as a revision, the index), and that task.
    after_save: Option<(AfterSave, Timeout)>,
    link: Scope<Editor>,
    _page_listeners: Vec<EventListener>,
    _storage_listener: Option<StorageListener>,
}

/// What opening a session gives the editor to show.
pub struct Opened {
    pub session: Session,
    pub text: String,
    pub cursor: Option<Cursor>,
}

pub fn info_of(post: &Post) -> DraftInfo {
    let date = match post.get("date") {
        Some(crate::post::Value::String(s)) => Some(s),
        _ => None,
    };
    DraftInfo::new(post.title().unwrap_or_default(), date)
}

/// What a new draft starts with: the fields every post needs, ready to fill.
pub fn starter_text() -> String {
    crate::post::starter(&crate::browser::files::today())
}

fn now() -> u64 {
    storage::now_ms()
}

impl Session {
    /// Opens the drafts under `namespace`: the host's `initial` value when it
    /// has one (kept as a draft), else the last open draft, else a new one.
    pub fn open(namespace: &str, initial: &str, link: &Scope<Editor>) -> Opened {
        let (store, blocked) = AnyStore::open_or_memory();
        let store = DraftStore::with_namespace(store, namespace, &storage::new_tab_id());
        let _ = store.purge_trash(now());
        let last = store.last_open().and_then(|id| store.load(&id).ok());
        let (draft, text, cursor) = match last {
            Some(d) if initial.is_empty() || d.text == initial => {
                let text = d.text.clone();
                let cursor = Some(d.cursor);
                (Some(d), text, cursor)
            }
            _ if initial.is_empty() => (None, starter_text(), None),
            _ => (None, initial.to_string(), None),
        };
        let (id, rev) = match draft {
            Some(d) => (d.id, d.rev),
            None => {
                let post = Post::parse(&text);
                match store.create(&text, &info_of(&post), now()) {
                    Ok(id) => {
                        let rev = store.load(&id).map(|d| d.rev).unwrap_or(0);
                        (id, rev)
                    }
                    Err(_) => (String::from("unsaved"), 0),
                }
            }
        };
        let _ = store.set_last_open(&id);
        if blocked.is_none() {
            storage::request_persistence_in_background();
        }
        let journal = if blocked.is_some() || journal::turned_off_by_page() {
            JournalLink::off()
        } else {
            let l = link.clone();
            JournalLink::start(move |event| l.send_message(Msg::Journal(event)))
        };
        let mut session = Session {
            store,
            id,
            rev,
            dirty: false,
            status: SaveStatus::Saved,
            memory_only: blocked.clone(),
            conflict: None,
            deleted: None,
            drafts: Vec::new(),
            query: String::new(),
            corrupt: Vec::new(),
            revisions: Vec::new(),
            journal,
            timer: None,
            after_save: None,
            link: link.clone(),
            _page_listeners: Vec::new(),
            _storage_listener: None,
        };
        session.listen();
        session.refresh_lists();
        Opened {
            session,
            text,
            cursor,
        }
    }

    /// Saves on page hide (tab closed, switched, app backgrounded) and follows other tabs.
    fn listen(&mut self) {
        let link = &self.link;
        if let Some(window) = web_sys::window() {
            let l = link.clone();
            self._page_listeners
                .push(EventListener::new(&window, "pagehide", move |_| {
                    l.send_message(Msg::SaveBeforeLeaving)
                }));
            if let Some(document) = window.document() {
                let l = link.clone();
                let doc = document.clone();
                self._page_listeners.push(EventListener::new(
                    &document,
                    "visibilitychange",
                    move |_| {
                        if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                            l.send_message(Msg::SaveBeforeLeaving);
                        }
                    },
                ));
            }
        }
        if self.memory_only.is_none() {
            let l = link.clone();
            self._storage_listener = storage::on_storage_change(move |change| {
                l.send_message(Msg::StorageChanged(change.key))
            })
            .ok();
        }
    }

    /// Stores `post` as a new draft and returns it as stored (not yet opened).
    pub fn create_draft(&self, post: &Post) -> Result<Draft, SaveError> {
        let id = self.store.create(&post.to_text(), &info_of(post), now())?;
        self.store.load(&id).map_err(SaveError::Load)
    }

    pub fn refresh_lists(&mut self) {
        self.drafts = if self.query.trim().is_empty() {
            self.store.list()
        } else {
            self.store.search(&self.query)
        }
        .unwrap_or_default();
        self.corrupt = self.store.corrupt_entries().unwrap_or_default();
        self.revisions = self.store.revisions(&self.id);
    }

    /// The text changed: save a moment after the typing stops.
    pub fn touch(&mut self, link: &Scope<Editor>) {
        self.dirty = true;
        if !matches!(self.status, SaveStatus::Failed(_)) {
            self.status = SaveStatus::Unsaved;
        }
        let l = link.clone();
        self.timer = Some(Timeout::new(SAVE_DELAY_MS, move || {
            l.send_message(Msg::SaveNow)
        }));
    }

    /// Writes the text now. `Err` carries what the user must be told; the
    /// text in memory is untouched either way.
    pub fn save(&mut self, post: &Post, cursor: Cursor) -> Result<bool, SaveError> {
        self.timer = None;
        self.finish_save();
        if !self.dirty || self.conflict.is_some() {
            return Ok(false);
        }
        let text = post.to_text();
        let info = info_of(post);
        match self
            .store
            .save_first(&self.id, &text, cursor, &info, now(), self.rev)
        {
            Ok((outcome, after)) => {
                if outcome.changed {
                    self.journal.record(JournalEntry::of_save(
                        self.store.namespace(),
                        &self.id,
                        outcome.rev,
                        outcome.updated_ms,
                        &text,
                        cursor,
                        &info,
                    ));
                }
                self.rev = outcome.rev;
                self.dirty = false;
                self.status = SaveStatus::Saved;
                match after {
                    // The rest in a task of its own: for a long post, one task
                    // doing both blocked typing for longer than 50 ms.
                    Some(after) => {
                        let l = self.link.clone();
                        let task = Timeout::new(0, move || l.send_message(Msg::FinishSave));
                        self.after_save = Some((after, task));
                    }
                    None => self.refresh_lists(),
                }
                Ok(outcome.changed)
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
    pub fn finish_save(&mut self) -> bool {
        let Some((after, _task)) = self.after_save.take() else {
            return false;
        };
        self.store.finish_save(after, now());
        self.refresh_lists();
        true
    }

    /// Makes `draft` the open one.
    pub fn switch_to(&mut self, draft: &Draft) {
        self.id = draft.id.clone();
        self.rev = draft.rev;
        self.dirty = false;
        self.conflict = None;
        self.status = SaveStatus::Saved;
        self.timer = None;
        let _ = self.store.set_last_open(&self.id);
        self.refresh_lists();
    }

    pub fn status_text(&self) -> String {
        if self.memory_only.is_some() {
            return "Autosave off (storage blocked)".into();
        }
        match &self.status {
            SaveStatus::Saved => "Saved".into(),
            SaveStatus::Unsaved => "Saving…".into(),
            SaveStatus::Failed(_) => "NOT saved".into(),
        }
    }
}
