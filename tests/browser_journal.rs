//! The crash journal in Chromium: real IndexedDB for restore and ignore, a
//! sandboxed frame for blocked IndexedDB, and a stub store for a full one
//! (the path the app takes: drop other entries, retry, else say so once).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use postwright::browser::idb::{idb_error_from_js, DurableStore, IdbError, IdbStore};
use postwright::browser::journal::{Journal, JournalEvent, JournalLink, DB_NAME, DB_STORES};
use postwright::browser::storage::LocalStore;
use postwright::drafts::journal::*;
use postwright::drafts::{Cursor, DraftInfo, DraftStore};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::DomException;

#[path = "common/frames.rs"]
mod frames;

wasm_bindgen_test_configure!(run_in_browser);

const NS: &str = "jtest";

fn entry(id: &str, rev: u64, text: &str) -> JournalEntry {
    JournalEntry::of_save(
        NS,
        id,
        rev,
        1_000,
        text,
        Cursor::caret(text.len()),
        &DraftInfo::new("Kept", None),
    )
}

/// A fresh journal in a database of its own.
async fn fresh_journal(db: &str) -> Journal<IdbStore> {
    let store = IdbStore::open(db, 1, &["journal"])
        .await
        .expect("IndexedDB");
    for (k, _) in store.get_all().await.unwrap() {
        store.delete(&k).await.unwrap();
    }
    Journal::new(store)
}

fn empty_drafts() -> DraftStore<LocalStore> {
    let store = LocalStore::open().unwrap();
    store.clear_all().unwrap();
    DraftStore::with_namespace(store, NS, "tab")
}

fn open(id: &str) -> OpenDraft {
    OpenDraft {
        id: id.into(),
        untouched: false,
        edited: false,
    }
}

#[wasm_bindgen_test]
async fn a_newer_entry_is_restored_from_indexeddb() {
    let drafts = empty_drafts();
    let info = DraftInfo::new("Kept", None);
    let id = drafts.create("on disk", &info, 1).unwrap();
    let stored_rev = drafts.load(&id).unwrap().rev;
    let journal = fresh_journal("pw-test-restore").await;
    journal
        .record(&entry(&id, stored_rev + 2, "typed last"))
        .await
        .unwrap();

    // Read back through a new connection, as the next start does.
    let again = Journal::new(
        IdbStore::open("pw-test-restore", 1, &["journal"])
            .await
            .unwrap(),
    );
    let entries = again.entries().await.unwrap();
    assert_eq!(entries, vec![entry(&id, stored_rev + 2, "typed last")]);
    let plan = plan_recovery(NS, &entries, &drafts.list().unwrap(), &open(&id), 2_000);
    assert_eq!(plan.restore[0].how, RestoreAs::Over { stored_rev });
    let restored = restore(&drafts, &plan, 2_000);
    assert!(restored.failed.is_empty());
    assert_eq!(drafts.load(&id).unwrap().text, "typed last");
    for e in &restored.record {
        again.record(e).await.unwrap();
    }
    let entries = again.entries().await.unwrap();
    let plan = plan_recovery(NS, &entries, &drafts.list().unwrap(), &open(&id), 3_000);
    assert!(plan.restore.is_empty(), "restored once: {plan:?}");
    drafts.storage().clear_all().unwrap();
}

#[wasm_bindgen_test]
async fn an_older_entry_is_ignored() {
    let drafts = empty_drafts();
    let info = DraftInfo::new("Kept", None);
    let id = drafts.create("v1", &info, 1).unwrap();
    drafts
        .save(&id, "v2, newer", Cursor::default(), &info, 2, 1)
        .unwrap();
    let journal = fresh_journal("pw-test-ignore").await;
    journal.record(&entry(&id, 1, "v1")).await.unwrap();
    journal.record(&entry(&id, 2, "v2, newer")).await.unwrap();
    let entries = journal.entries().await.unwrap();
    assert_eq!(entries.len(), 1, "one entry per draft, replaced");
    let plan = plan_recovery(NS, &entries, &drafts.list().unwrap(), &open(&id), 3);
    assert!(plan.restore.is_empty());
    assert_eq!(plan.notice(), None);
    restore(&drafts, &plan, 3);
    assert_eq!(drafts.load(&id).unwrap().text, "v2, newer");
    drafts.storage().clear_all().unwrap();
}

#[wasm_bindgen_test]
async fn deleting_an_entry_keeps_it_from_coming_back() {
    let journal = fresh_journal("pw-test-forget").await;
    let e = entry("gone", 3, "deleted draft");
    journal.record(&e).await.unwrap();
    journal.forget(&e.key()).await.unwrap();
    assert!(journal.entries().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_sandboxed_frame_gets_blocked_indexeddb() {
    // No allow-same-origin: an opaque origin, no storage of any kind.
    let iframe = frames::frame(Some("allow-scripts"));
    let frame_window = iframe.content_window().unwrap();
    let result = IdbStore::open_in(&frame_window, DB_NAME, 1, DB_STORES).await;
    iframe.remove();
    let err = result.err().expect("blocked");
    assert_eq!(err, IdbError::Blocked);
    let told = JournalProblem::from(err).to_string();
    assert!(
        told.starts_with("Crash protection is off: this browser blocks IndexedDB"),
        "{told}"
    );
}

#[wasm_bindgen_test]
fn js_errors_map_to_idb_errors() {
    let cases = [
        ("QuotaExceededError", IdbError::QuotaExceeded),
        ("SecurityError", IdbError::Blocked),
    ];
    for (name, want) in cases {
        let e = DomException::new_with_message_and_name("m", name).unwrap();
        assert_eq!(idb_error_from_js(&e.into()), want);
    }
    let other = DomException::new_with_message_and_name("disk", "UnknownError").unwrap();
    assert_eq!(
        idb_error_from_js(&other.into()),
        IdbError::Other("UnknownError: disk".into())
    );
    assert_eq!(
        idb_error_from_js(&JsValue::from_str("weird")),
        IdbError::Other("weird".into())
    );
}

/// A store with a quota in UTF-16 units of its values: what a full
/// IndexedDB does to a put, without filling the test machine's disk.
#[derive(Clone)]
struct FullStore {
    quota: usize,
    data: Rc<RefCell<BTreeMap<String, JsValue>>>,
    puts: Rc<RefCell<u32>>,
}

impl FullStore {
    fn new(quota: usize) -> Self {
        FullStore {
            quota,
            data: Rc::default(),
            puts: Rc::default(),
        }
    }
    fn used_without(&self, key: &str) -> usize {
        self.data
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(_, v)| v.as_string().map_or(0, |s| s.encode_utf16().count()))
            .sum()
    }
}

impl DurableStore for FullStore {
    async fn get(&self, key: &str) -> Result<Option<JsValue>, IdbError> {
        Ok(self.data.borrow().get(key).cloned())
    }
    async fn get_all(&self) -> Result<Vec<(String, JsValue)>, IdbError> {
        Ok(self
            .data
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }
    async fn put(&self, key: &str, value: &JsValue) -> Result<(), IdbError> {
        *self.puts.borrow_mut() += 1;
        let size = value.as_string().map_or(0, |s| s.encode_utf16().count());
        if self.used_without(key) + size > self.quota {
            return Err(IdbError::QuotaExceeded);
        }
        self.data.borrow_mut().insert(key.into(), value.clone());
        Ok(())
    }
    async fn delete(&self, key: &str) -> Result<(), IdbError> {
        self.data.borrow_mut().remove(key);
        Ok(())
    }
}

#[wasm_bindgen_test]
async fn a_full_journal_drops_the_other_drafts_entries_then_writes() {
    let one = entry("one", 1, &"a".repeat(300));
    let quota = one.to_json().encode_utf16().count() * 2 + 10;
    let store = FullStore::new(quota);
    let journal = Journal::new(store.clone());
    journal.record(&one).await.unwrap();
    journal
        .record(&entry("two", 1, &"b".repeat(300)))
        .await
        .unwrap();
    let foreign = JournalEntry {
        ns: "elsewhere".into(),
        ..entry("x", 1, "")
    };
    let three = entry("three", 1, &"c".repeat(300));
    // Full: "one" and "two" leave, the other namespace stays.
    store
        .data
        .borrow_mut()
        .insert(foreign.key(), foreign.to_json().into());
    journal.record(&three).await.unwrap();
    let ids: Vec<String> = journal
        .entries()
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.key())
        .collect();
    assert_eq!(ids, vec!["elsewhere:x".to_string(), "jtest:three".into()]);
}

async fn next_tick() {
    frames::sleep_ms(10).await;
}

/// The app's path on a journal too small for even one entry: the editor
/// hears `Full` once (its notice), however many autosaves follow, and the
/// autosaves themselves are not held up.
#[wasm_bindgen_test]
async fn the_app_is_told_once_when_the_journal_is_full() {
    let store = FullStore::new(100);
    let heard = Rc::new(RefCell::new(Vec::new()));
    let sink = heard.clone();
    let s = store.clone();
    let link = JournalLink::start_with(async move { Ok(s) }, move |e| sink.borrow_mut().push(e));
    // Saved before the journal is open: written once it is.
    link.record(entry("big", 1, &"x".repeat(500)));
    for _ in 0..20 {
        if heard.borrow().len() >= 2 {
            break;
        }
        next_tick().await;
    }
    link.record(entry("big", 2, &"y".repeat(500)));
    for _ in 0..5 {
        next_tick().await;
    }
    let heard = heard.borrow();
    assert_eq!(
        *heard,
        vec![
            JournalEvent::Opened(vec![]),
            JournalEvent::Problem(JournalProblem::Full)
        ]
    );
    assert!(heard[1].to_string_lossy().contains("storage is full"));
    assert_eq!(*store.puts.borrow(), 4, "each autosave tried twice");
}

trait Lossy {
    fn to_string_lossy(&self) -> String;
}
impl Lossy for JournalEvent {
    fn to_string_lossy(&self) -> String {
        match self {
            JournalEvent::Problem(p) => p.to_string(),
            JournalEvent::Opened(_) => String::new(),
        }
    }
}

/// The link over the real IndexedDB: what one page load records, the next
/// one is handed on opening.
#[wasm_bindgen_test]
async fn the_link_hands_the_next_start_what_this_one_recorded() {
    async fn start() -> (JournalLink, Rc<RefCell<Vec<JournalEvent>>>) {
        let heard = Rc::new(RefCell::new(Vec::new()));
        let sink = heard.clone();
        let link = JournalLink::start(move |e| sink.borrow_mut().push(e));
        for _ in 0..100 {
            if !heard.borrow().is_empty() {
                break;
            }
            next_tick().await;
        }
        (link, heard)
    }
    let (first, heard) = start().await;
    let Some(JournalEvent::Opened(before)) = heard.borrow().first().cloned() else {
        panic!("not opened: {:?}", heard.borrow());
    };
    for e in &before {
        first.forget(e.key());
    }
    first.record(entry("link", 4, "from the first load"));
    next_tick().await;
    next_tick().await;
    let (second, heard) = start().await;
    let heard = heard.borrow();
    assert_eq!(
        *heard,
        vec![JournalEvent::Opened(vec![entry(
            "link",
            4,
            "from the first load"
        )])]
    );
    second.forget(entry("link", 4, "").key());
}
