//! The crash journal in IndexedDB (its rules: `drafts::journal`).
//! [`Journal`] reads, records and forgets entries over any
//! [`DurableStore`]; [`JournalLink`] is what an editor holds: it opens the
//! journal in the background, hands its entries over once, then writes each
//! autosave's entry in the order the saves happened.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::idb::{DurableStore, IdbError, IdbStore};
use crate::drafts::journal::{JournalEntry, JournalProblem};

/// The database (shared with what else the app keeps in IndexedDB, at its
/// version), and the journal's object store in it.
pub const DB_NAME: &str = "postwright";
pub const DB_VERSION: u32 = 1;
pub const DB_STORES: &[&str] = &[STORE];
pub const STORE: &str = "journal";

impl From<IdbError> for JournalProblem {
    fn from(e: IdbError) -> Self {
        match e {
            IdbError::Blocked => JournalProblem::Blocked,
            IdbError::Unavailable => JournalProblem::Unavailable,
            IdbError::QuotaExceeded => JournalProblem::Full,
            IdbError::Other(m) => JournalProblem::Failed(m),
        }
    }
}

fn problem(e: IdbError) -> JournalProblem {
    e.into()
}

/// The journal's entries over a [`DurableStore`] (values: the entries' JSON).
#[derive(Clone)]
pub struct Journal<S: DurableStore> {
    store: S,
}

impl<S: DurableStore> Journal<S> {
    pub fn new(store: S) -> Self {
        Journal { store }
    }

    /// Every readable entry (of every namespace).
    pub async fn entries(&self) -> Result<Vec<JournalEntry>, JournalProblem> {
        let all = self.store.get_all().await.map_err(problem)?;
        Ok(all
            .into_iter()
            .filter_map(|(_, v)| JournalEntry::from_json(&v.as_string()?))
            .collect())
    }

    /// Writes `entry` in place of its draft's last one. On a full storage,
    /// the namespace's other entries are dropped (their drafts are older, so
    /// most likely on disk by now) and the write is tried once more.
    pub async fn record(&self, entry: &JournalEntry) -> Result<(), JournalProblem> {
        let key = entry.key();
        let value = JsValue::from_str(&entry.to_json());
        match self.store.put(&key, &value).await {
            Err(IdbError::QuotaExceeded) => {}
            other => return other.map_err(problem),
        }
        let prefix = JournalEntry::key_of(&entry.ns, "");
        let others = self.store.get_all().await.map_err(problem)?;
        for (k, _) in others {
            if k != key && k.starts_with(&prefix) {
                self.store.delete(&k).await.map_err(problem)?;
            }
        }
        self.store.put(&key, &value).await.map_err(problem)
    }

    pub async fn forget(&self, key: &str) -> Result<(), JournalProblem> {
        self.store.delete(key).await.map_err(problem)
    }
}

/// What the link tells its editor.
#[derive(Debug, Clone, PartialEq)]
pub enum JournalEvent {
    /// The journal is open; its entries, once, to plan a recovery with.
    Opened(Vec<JournalEntry>),
    /// It cannot be used (reported once per kind of problem).
    Problem(JournalProblem),
}

/// A write asked for while the journal was opening.
enum Waiting {
    Record(JournalEntry),
    Forget(String),
}

impl Waiting {
    fn key(&self) -> String {
        match self {
            Waiting::Record(e) => e.key(),
            Waiting::Forget(k) => k.clone(),
        }
    }
}

enum State<S: DurableStore> {
    /// Opening; the last write asked for each draft meanwhile.
    Opening(Vec<Waiting>),
    Open(Journal<S>),
    Off,
}

struct Inner<S: DurableStore> {
    state: State<S>,
    /// Whether an autosave was recorded through this link yet.
    recorded: bool,
    reported: Vec<JournalProblem>,
    on_event: Rc<dyn Fn(JournalEvent)>,
}

/// An editor's handle on the journal. Cheap to clone; every call returns
/// at once, the IndexedDB work runs in tasks started in call order.
pub struct JournalLink<S: DurableStore + Clone + 'static = IdbStore> {
    inner: Rc<RefCell<Inner<S>>>,
}

impl<S: DurableStore + Clone + 'static> Clone for JournalLink<S> {
    fn clone(&self) -> Self {
        JournalLink {
            inner: self.inner.clone(),
        }
    }
}

/// Whether the page asked to run without the journal (`?journal=off`): the
/// crash test shows with it that the journal is what brings text back.
pub fn turned_off_by_page() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|p| p == "journal=off")
        })
}

impl JournalLink<IdbStore> {
    /// Opens the journal in IndexedDB in the background; `on_event` hears
    /// once that it is open (with its entries), or why it is not.
    pub fn start(on_event: impl Fn(JournalEvent) + 'static) -> Self {
        let open = async {
            IdbStore::open(DB_NAME, DB_VERSION, DB_STORES)
                .await
                .map(|db| db.store(STORE))
        };
        Self::start_with(open, on_event)
    }
}

impl<S: DurableStore + Clone + 'static> JournalLink<S> {
    /// A link that does nothing (no journal wanted).
    pub fn off() -> Self {
        JournalLink {
            inner: Rc::new(RefCell::new(Inner {
                state: State::Off,
                recorded: false,
                reported: Vec::new(),
                on_event: Rc::new(|_| {}),
            })),
        }
    }

    /// [`JournalLink::start`] over the store `open` gives.
    pub fn start_with(
        open: impl std::future::Future<Output = Result<S, IdbError>> + 'static,
        on_event: impl Fn(JournalEvent) + 'static,
    ) -> Self {
        let link = JournalLink {
            inner: Rc::new(RefCell::new(Inner {
                state: State::Opening(Vec::new()),
                recorded: false,
                reported: Vec::new(),
                on_event: Rc::new(on_event),
            })),
        };
        let this = link.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let journal = match open.await.map(Journal::new) {
                Ok(j) => j,
                Err(e) => {
                    this.inner.borrow_mut().state = State::Off;
                    return this.report(problem(e));
                }
            };
            let entries = match journal.entries().await {
                Ok(e) => e,
                Err(p) => {
                    this.inner.borrow_mut().state = State::Off;
                    return this.report(p);
                }
            };
            let waiting =
                std::mem::replace(&mut this.inner.borrow_mut().state, State::Open(journal));
            this.event(JournalEvent::Opened(entries));
            if let State::Opening(waiting) = waiting {
                for w in waiting {
                    match w {
                        Waiting::Record(e) => this.record(e),
                        Waiting::Forget(k) => this.forget(k),
                    }
                }
            }
        });
        link
    }

    /// Whether this tab recorded an autosave yet (it edited its draft).
    pub fn recorded_any(&self) -> bool {
        self.inner.borrow().recorded
    }

    fn event(&self, e: JournalEvent) {
        // Not borrowed while the editor handles it (it may record at once).
        let on_event = self.inner.borrow().on_event.clone();
        on_event(e);
    }

    fn report(&self, p: JournalProblem) {
        let new = {
            let mut inner = self.inner.borrow_mut();
            let kind = std::mem::discriminant(&p);
            let new = !inner
                .reported
                .iter()
                .any(|r| std::mem::discriminant(r) == kind);
            if new {
                inner.reported.push(p.clone());
            }
            new
        };
        if new {
            self.event(JournalEvent::Problem(p));
        }
    }

    /// Writes `entry` (an autosave's), replacing its draft's last one.
    pub fn record(&self, entry: JournalEntry) {
        let journal = {
            let mut inner = self.inner.borrow_mut();
            inner.recorded = true;
            match &mut inner.state {
                State::Open(j) => j.clone(),
                State::Opening(waiting) => {
                    waiting.retain(|w| w.key() != entry.key());
                    waiting.push(Waiting::Record(entry));
                    return;
                }
                State::Off => return,
            }
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(p) = journal.record(&entry).await {
                this.report(p);
            }
        });
    }

    /// Drops the entry under `key` (its draft was deleted: it must not
    /// come back on the next start).
    pub fn forget(&self, key: String) {
        let journal = {
            let mut inner = self.inner.borrow_mut();
            match &mut inner.state {
                State::Open(j) => j.clone(),
                State::Opening(waiting) => {
                    waiting.retain(|w| w.key() != key);
                    waiting.push(Waiting::Forget(key));
                    return;
                }
                State::Off => return,
            }
        };
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(p) = journal.forget(&key).await {
                this.report(p);
            }
        });
    }
}
