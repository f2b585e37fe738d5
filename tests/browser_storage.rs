//! The draft store in Chromium, over the real `localStorage`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use postwright::browser::storage::*;
use postwright::drafts::{Cursor, DraftInfo, DraftStore, KeyValueStore, StorageError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_sys::{DomException, StorageEvent, StorageEventInit};

#[path = "common/drafts_contract.rs"]
mod contract;
#[path = "common/frames.rs"]
mod frames;

wasm_bindgen_test_configure!(run_in_browser);

fn empty_local_store() -> LocalStore {
    let store = LocalStore::open().expect("localStorage");
    store.clear_all().unwrap();
    store
}

#[wasm_bindgen_test]
fn contract_on_local_storage() {
    contract::run_all(empty_local_store);
    empty_local_store();
}

#[wasm_bindgen_test]
fn quota_exceeded_on_real_local_storage() {
    let store = empty_local_store();
    let filled = std::cell::Cell::new(0);
    contract::quota_exceeded(store.clone(), |s| {
        filled.set(contract::fill_to_brim(s, "filler:"));
    });
    assert!(filled.get() > 0);
    // The real quota is the one MemoryStore mimics, give or take encoding.
    let used: usize = store
        .keys()
        .unwrap()
        .iter()
        .map(|k| postwright::drafts::entry_units(k, &store.get(k).unwrap().unwrap()))
        .sum();
    web_sys::console::log_1(&format!("localStorage full at {used} UTF-16 units").into());
    assert!(used > 1_000_000, "{used}");
    store.clear_all().unwrap();
    assert!(store.keys().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn memory_store_quota_models_chromium() {
    let store = empty_local_store();
    let filled = contract::fill_to_brim(&store, "filler:");
    store.clear_all().unwrap();
    let model = postwright::drafts::MemoryStore::CHROMIUM_QUOTA_UNITS;
    let diff = filled.abs_diff(model);
    assert!(
        diff * 100 < model,
        "Chromium took {filled} units, MemoryStore models {model}"
    );
    let memory = postwright::drafts::MemoryStore::with_quota(model);
    assert!(contract::fill_to_brim(&memory, "filler:") + 16 > model);
}

#[wasm_bindgen_test]
fn any_store_opens_local_storage_when_allowed() {
    let (store, err) = AnyStore::open_or_memory();
    assert!(err.is_none());
    assert!(store.is_persistent());
    contract::create_save_load({
        LocalStore::open().unwrap().clear_all().unwrap();
        store
    });
    empty_local_store();
}

#[wasm_bindgen_test]
fn a_full_storage_never_loses_the_stored_draft() {
    let store = empty_local_store();
    let drafts = DraftStore::new(&store, "tab");
    let info = DraftInfo::new("Post", None);
    let id = drafts.create("what I wrote", &info, 1).unwrap();
    contract::fill_to_brim(&store, "filler:");
    let err = drafts
        .save(&id, &"more ".repeat(10_000), Cursor::default(), &info, 2, 1)
        .unwrap_err();
    assert_eq!(err.to_string(), StorageError::QuotaExceeded.to_string());
    assert_eq!(drafts.load(&id).unwrap().text, "what I wrote");
    store.clear_all().unwrap();
}

#[wasm_bindgen_test]
fn js_errors_map_to_storage_errors() {
    let quota = DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    assert_eq!(
        storage_error_from_js(&quota.into()),
        StorageError::QuotaExceeded
    );
    let security = DomException::new_with_message_and_name("no", "SecurityError").unwrap();
    assert_eq!(
        storage_error_from_js(&security.into()),
        StorageError::Blocked
    );
    let other = DomException::new_with_message_and_name("oops", "InvalidStateError").unwrap();
    assert!(
        matches!(storage_error_from_js(&other.into()), StorageError::Other(m) if m.contains("oops"))
    );
    let thrown_string = JsValue::from_str("weird");
    assert_eq!(
        storage_error_from_js(&thrown_string),
        StorageError::Other("weird".into())
    );
    let type_error: JsValue = js_sys::TypeError::new("bad").into();
    assert!(
        matches!(storage_error_from_js(&type_error), StorageError::Other(m) if m.contains("bad"))
    );
}

#[wasm_bindgen_test]
fn a_sandboxed_frame_gets_blocked_not_a_panic() {
    // No allow-same-origin: the frame has an opaque origin, its storage is off limits.
    let iframe = frames::frame(Some("allow-scripts"));
    let frame_window = iframe.content_window().unwrap();
    let result = LocalStore::open_in(&frame_window);
    iframe.remove();
    assert_eq!(result.err(), Some(StorageError::Blocked));
}

fn dispatch_storage_event(key: Option<&str>, area: Option<&web_sys::Storage>) {
    let init = StorageEventInit::new();
    init.set_key(key);
    init.set_new_value(Some("new"));
    init.set_storage_area(area);
    let event = StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn storage_events_reach_the_listener_until_dropped() {
    let store = empty_local_store();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = on_storage_change(move |change| sink.borrow_mut().push(change)).unwrap();
    let drafts = DraftStore::new(&store, "tab");

    dispatch_storage_event(Some("postwright:draft:abc"), Some(store.raw()));
    dispatch_storage_event(None, None);
    let session = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    dispatch_storage_event(Some("postwright:draft:abc"), Some(&session));
    {
        let seen = seen.borrow();
        assert_eq!(seen.len(), 2, "sessionStorage events are skipped: {seen:?}");
        assert_eq!(seen[0].key.as_deref(), Some("postwright:draft:abc"));
        assert_eq!(seen[0].new_value.as_deref(), Some("new"));
        assert!(drafts.event_concerns(seen[0].key.as_deref(), "abc"));
        assert!(!drafts.event_concerns(seen[0].key.as_deref(), "xyz"));
        assert_eq!(seen[1].key, None);
    }
    drop(listener);
    dispatch_storage_event(Some("postwright:draft:abc"), Some(store.raw()));
    assert_eq!(
        seen.borrow().len(),
        2,
        "no events after the guard is dropped"
    );
}

#[wasm_bindgen_test]
async fn request_persistence_answers() {
    // Headless Chromium may grant or refuse; it must answer, not throw.
    let _persisted: bool = request_persistence().await;
}

#[wasm_bindgen_test]
fn tab_ids_differ_and_fit_keys() {
    let a = new_tab_id();
    let b = new_tab_id();
    assert_ne!(a, b);
    assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
    assert!(now_ms() > 1_600_000_000_000);
}

/// A same-origin frame stands for a second tab: its writes reach this
/// window as real `storage` events, and its saves conflict with ours.
#[wasm_bindgen_test]
async fn a_second_document_is_a_second_tab() {
    let store = empty_local_store();
    let iframe = frames::frame(None);
    let other_store = LocalStore::open_in(&iframe.content_window().unwrap()).unwrap();

    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let _listener = on_storage_change(move |change| sink.borrow_mut().push(change)).unwrap();

    let here = DraftStore::new(&store, "here");
    let there = DraftStore::new(&other_store, "there");
    let info = DraftInfo::new("Post", None);
    let id = here.create("base", &info, 1).unwrap();
    let rev = here.load(&id).unwrap().rev;
    assert_eq!(there.load(&id).unwrap().text, "base");
    there
        .save(&id, "theirs", Cursor::default(), &info, 2, rev)
        .unwrap();

    for _ in 0..40 {
        if seen
            .borrow()
            .iter()
            .any(|c| here.event_concerns(c.key.as_deref(), &id))
        {
            break;
        }
        frames::sleep_ms(50).await;
    }
    {
        let seen = seen.borrow();
        let change = seen
            .iter()
            .find(|c| c.key.as_deref() == Some(here.draft_key(&id).as_str()))
            .expect("a storage event for the draft");
        assert!(change.new_value.as_deref().unwrap().contains("theirs"));
        assert!(seen.iter().all(|c| c
            .key
            .as_deref()
            .is_some_and(|k| k.starts_with("postwright:"))));
    }
    let err = here
        .save(&id, "mine", Cursor::default(), &info, 3, rev)
        .unwrap_err();
    assert!(
        matches!(err, postwright::drafts::SaveError::Conflict { ref theirs } if theirs.text == "theirs")
    );
    assert_eq!(there.load(&id).unwrap().text, "theirs");
    iframe.remove();
    store.clear_all().unwrap();
}
