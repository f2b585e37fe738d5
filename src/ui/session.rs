//! The browser's side of one editor's drafts: the debounce timer of
//! autosave, the task that finishes a save, and the hooks (page hide, other
//! tabs' `storage` events) that keep the drafts saved. What is decided about
//! the drafts (what a save, a conflict, a delete or an import does) is the
//! core's [`Workspace`]; this only says when.

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use yew::Callback;

use super::prefs::Prefs;
use super::Msg;
use crate::browser::journal::{self, JournalLink};
use crate::browser::storage::{self, AnyStore, StorageListener};
use crate::drafts::journal::JournalEntry;
use crate::drafts::{Cursor, DraftStore, SaveError, Saved, Workspace};
use crate::export::Preset;
use crate::post::Post;
use crate::presets::LocalNow;

/// Autosave this long after the last edit: a closed tab loses at most this much typing.
const SAVE_DELAY_MS: u32 = 400;

pub struct Session {
    workspace: Workspace<AnyStore>,
    /// The crash journal: every autosave is also written there, durably.
    pub journal: JournalLink,
    /// The autosave, a moment after the typing stops.
    timer: Option<Timeout>,
    /// The task that does what the last save left for later.
    finish_task: Option<Timeout>,
    /// Messages to the editor.
    send: Callback<Msg>,
    _page_listeners: Vec<EventListener>,
    _storage_listener: Option<StorageListener>,
}

/// What opening a session gives the editor to show.
pub struct Opened {
    pub session: Session,
    pub text: String,
    pub cursor: Option<Cursor>,
}

/// What a new draft starts with: what `preset`'s own `new` command writes
/// (see [`crate::presets::starter`]), dated now on the writer's clock.
pub fn starter_text(preset: Preset) -> String {
    let now = LocalClock::now();
    crate::presets::starter(preset, now.as_local_now())
}

/// The writer's clock now: the date, time and UTC offset of their zone.
pub struct LocalClock {
    date: String,
    time: String,
    offset: String,
}

impl LocalClock {
    pub fn now() -> Self {
        let d = js_sys::Date::new_0();
        // getTimezoneOffset is minutes behind UTC: Berlin in winter is -60.
        let east = -(d.get_timezone_offset() as i32);
        let sign = if east < 0 { '-' } else { '+' };
        LocalClock {
            date: format!(
                "{:04}-{:02}-{:02}",
                d.get_full_year(),
                d.get_month() + 1,
                d.get_date()
            ),
            time: format!(
                "{:02}:{:02}:{:02}",
                d.get_hours(),
                d.get_minutes(),
                d.get_seconds()
            ),
            offset: format!("{sign}{:02}:{:02}", east.abs() / 60, east.abs() % 60),
        }
    }

    pub fn as_local_now(&self) -> LocalNow<'_> {
        LocalNow {
            date: &self.date,
            time: &self.time,
            offset: &self.offset,
        }
    }
}

/// Now, as the drafts count time.
pub fn now() -> u64 {
    storage::now_ms()
}

impl Session {
    /// Opens the drafts under `namespace` (see [`Workspace::open`]), and
    /// restores the choices kept beside them into `prefs` first: a first
    /// visit's starter is the chosen generator's.
    pub fn open(namespace: &str, initial: &str, send: Callback<Msg>, prefs: &mut Prefs) -> Opened {
        let (store, blocked) = AnyStore::open_or_memory();
        let store = DraftStore::with_namespace(store, namespace, &storage::new_tab_id());
        prefs.restore(|name| Workspace::pref_of(&store, name));
        if blocked.is_none() {
            storage::request_persistence_in_background();
        }
        let journal = if blocked.is_some() || journal::turned_off_by_page() {
            JournalLink::off()
        } else {
            let l = send.clone();
            JournalLink::start(move |event| l.emit(Msg::Journal(event)))
        };
        let opening = Workspace::open(
            store,
            blocked,
            initial,
            &starter_text(prefs.preset()),
            now(),
        );
        let mut session = Session {
            workspace: opening.workspace,
            journal,
            timer: None,
            finish_task: None,
            send,
            _page_listeners: Vec::new(),
            _storage_listener: None,
        };
        session.listen();
        Opened {
            session,
            text: opening.text,
            cursor: opening.cursor,
        }
    }

    /// Saves on page hide (tab closed, switched, app backgrounded) and follows other tabs.
    fn listen(&mut self) {
        let send = &self.send;
        if let Some(window) = web_sys::window() {
            let l = send.clone();
            self._page_listeners
                .push(EventListener::new(&window, "pagehide", move |_| {
                    l.emit(Msg::SaveBeforeLeaving)
                }));
            if let Some(document) = window.document() {
                let l = send.clone();
                let doc = document.clone();
                self._page_listeners.push(EventListener::new(
                    &document,
                    "visibilitychange",
                    move |_| {
                        if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                            l.emit(Msg::SaveBeforeLeaving);
                        }
                    },
                ));
            }
        }
        if self.workspace.memory_only().is_none() {
            let l = send.clone();
            self._storage_listener =
                storage::on_storage_change(move |change| l.emit(Msg::StorageChanged(change.key)))
                    .ok();
        }
    }

    pub fn workspace(&self) -> &Workspace<AnyStore> {
        &self.workspace
    }

    /// For the workspace's decisions; saving goes through [`Session::save`],
    /// which keeps the timers in step.
    pub fn workspace_mut(&mut self) -> &mut Workspace<AnyStore> {
        &mut self.workspace
    }

    /// The text changed: save a moment after the typing stops.
    pub fn touch(&mut self) {
        self.workspace.touch();
        let l = self.send.clone();
        self.timer = Some(Timeout::new(SAVE_DELAY_MS, move || l.emit(Msg::SaveNow)));
    }

    /// Another draft is open: the pending autosave was for the one before.
    pub fn cancel_autosave(&mut self) {
        self.timer = None;
    }

    /// Writes the text now (see [`Workspace::save`]).
    pub fn save(&mut self, post: &Post, cursor: Cursor) -> Result<(), SaveError> {
        self.timer = None;
        self.finish_task = None;
        let at = now();
        let saved = self.workspace.save(post, cursor, at)?;
        if saved != Saved::Nothing {
            // localStorage reaches the disk in batches seconds apart: the
            // journal's strict IndexedDB commit is what survives a crash.
            let ws = &self.workspace;
            self.journal.record(JournalEntry::of_save(
                ws.namespace(),
                ws.open_id(),
                ws.rev(),
                at,
                &post.to_text(),
                cursor,
                &ws.info_for(post),
            ));
        }
        if saved == Saved::FinishLater {
            // The rest in a task of its own: for a long post, one task
            // doing both blocked typing for longer than 50 ms.
            let l = self.send.clone();
            self.finish_task = Some(Timeout::new(0, move || l.emit(Msg::FinishSave)));
        }
        Ok(())
    }

    /// Does what the last save left for later, if anything. Returns
    /// whether there was something.
    pub fn finish_save(&mut self) -> bool {
        self.finish_task = None;
        self.workspace.finish_save(now())
    }
}
