//! `localStorage` for the draft store: [`LocalStore`] implements
//! [`KeyValueStore`] with every access guarded (no panics: a sandboxed or
//! storage-blocked frame throws `SecurityError` on mere access to
//! `window.localStorage`, a full storage throws `QuotaExceededError`).
//! Also: asking for persistent storage, and listening to `storage` events
//! (other tabs' writes).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage, StorageEvent, Window};

use crate::drafts::{KeyValueStore, StorageError};

/// Maps a JS exception thrown by a storage access to a [`StorageError`].
pub fn storage_error_from_js(err: &JsValue) -> StorageError {
    let (name, code, message) = match err.dyn_ref::<DomException>() {
        Some(e) => (e.name(), e.code(), e.message()),
        None => {
            let field = |f: &str| {
                if err.is_object() {
                    js_sys::Reflect::get(err, &JsValue::from_str(f))
                        .ok()
                        .and_then(|v| v.as_string())
                } else {
                    None
                }
            };
            let message = field("message")
                .or_else(|| err.as_string())
                .unwrap_or_else(|| format!("{err:?}"));
            (field("name").unwrap_or_default(), 0, message)
        }
    };
    match name.as_str() {
        // Firefox used the second name; legacy codes 22 and 1014.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
        "SecurityError" => StorageError::Blocked,
        _ if code == 22 || code == 1014 => StorageError::QuotaExceeded,
        _ if code == 18 => StorageError::Blocked,
        _ if name.is_empty() => StorageError::Other(message),
        _ => StorageError::Other(format!("{name}: {message}")),
    }
}

/// `window.localStorage` as a [`KeyValueStore`].
#[derive(Debug, Clone)]
pub struct LocalStore {
    storage: Storage,
}

impl LocalStore {
    /// The `localStorage` of this page. `Blocked` in a sandboxed frame or
    /// when the user disabled site data, `Unavailable` outside a window.
    pub fn open() -> Result<LocalStore, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        Self::open_in(&window)
    }

    /// The `localStorage` of another window (e.g. a frame's).
    pub fn open_in(window: &Window) -> Result<LocalStore, StorageError> {
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStore { storage }),
            Ok(None) => Err(StorageError::Unavailable),
            Err(e) => Err(storage_error_from_js(&e)),
        }
    }

    /// Removes every key of the origin, not only the drafts' (for tests).
    pub fn clear_all(&self) -> Result<(), StorageError> {
        self.storage.clear().map_err(|e| storage_error_from_js(&e))
    }

    pub fn raw(&self) -> &Storage {
        &self.storage
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage
            .get_item(key)
            .map_err(|e| storage_error_from_js(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage
            .set_item(key, value)
            .map_err(|e| storage_error_from_js(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage
            .remove_item(key)
            .map_err(|e| storage_error_from_js(&e))
    }

    /// Reads the length and the start on the JS side: only the start
    /// crosses into wasm (copying long strings in, `encodeInto`, was a large
    /// share of autosave's time in CPU profiles of a 1 MB post).
    fn peek(&self, key: &str, prefix: usize) -> Result<Option<(usize, String)>, StorageError> {
        // `getItem` called so that its result stays a JS string (web-sys
        // copies it into a `String`).
        let value = js_sys::Reflect::get(&self.storage, &JsValue::from_str("getItem"))
            .and_then(|f| f.dyn_into::<js_sys::Function>())
            .and_then(|f| f.call1(&self.storage, &JsValue::from_str(key)))
            .map_err(|e| storage_error_from_js(&e))?;
        let Some(value) = value.dyn_ref::<js_sys::JsString>() else {
            return Ok(None);
        };
        let head = value.slice(0, prefix.min(u32::MAX as usize) as u32);
        Ok(Some((value.length() as usize, String::from(head))))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let n = self
            .storage
            .length()
            .map_err(|e| storage_error_from_js(&e))?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = self.storage.key(i).map_err(|e| storage_error_from_js(&e))? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Asks the browser not to evict this origin's storage under pressure
/// (`navigator.storage.persist()`). Resolves to whether it is persisted;
/// false when the API is missing or anything fails.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.storage` is missing in insecure contexts and old browsers.
    let Ok(manager) = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")) else {
        return false;
    };
    if !manager.is_object() {
        return false;
    }
    let has_persist = js_sys::Reflect::get(&manager, &JsValue::from_str("persist"))
        .is_ok_and(|f| f.is_function());
    if !has_persist {
        return false;
    }
    let manager: web_sys::StorageManager = manager.unchecked_into();
    let Ok(promise) = manager.persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// [`request_persistence`] in the background, result ignored.
pub fn request_persistence_in_background() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = request_persistence().await;
    });
}

/// A change of `localStorage` made by another tab of the origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageChange {
    /// None when the storage was cleared.
    pub key: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Listens to `storage` events while alive; the listener is removed on drop.
pub struct StorageListener {
    window: Window,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for StorageListener {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("storage", self.closure.as_ref().unchecked_ref());
    }
}

/// Calls `callback` on each change of `localStorage` by another tab (events
/// about `sessionStorage` are skipped). Pass the key to
/// `DraftStore::event_concerns` / `event_concerns_list`.
pub fn on_storage_change(
    mut callback: impl FnMut(StorageChange) + 'static,
) -> Result<StorageListener, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    let local = window.local_storage().ok().flatten();
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(event) = event.dyn_ref::<StorageEvent>() else {
            return;
        };
        if let (Some(area), Some(local)) = (event.storage_area(), local.as_ref()) {
            if JsValue::from(area) != JsValue::from(local.clone()) {
                return;
            }
        }
        callback(StorageChange {
            key: event.key(),
            old_value: event.old_value(),
            new_value: event.new_value(),
        });
    });
    window
        .add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref())
        .map_err(|e| storage_error_from_js(&e))?;
    Ok(StorageListener { window, closure })
}

/// A random id for this tab (the drafts' writer id).
pub fn new_tab_id() -> String {
    let n = (js_sys::Math::random() * 2f64.powi(52)) as u64;
    format!("t{n:x}")
}

/// Milliseconds since the epoch, the drafts' clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The drafts' storage whichever is available: `localStorage`, or memory
/// when storage is blocked (drafts then live only as long as the tab).
#[derive(Debug, Clone)]
pub enum AnyStore {
    Local(LocalStore),
    Memory(crate::drafts::MemoryStore),
}

impl AnyStore {
    /// `localStorage` if it can be opened, else an in-memory store and the
    /// reason (show it: the user must export before closing the tab).
    pub fn open_or_memory() -> (AnyStore, Option<StorageError>) {
        match LocalStore::open() {
            Ok(local) => (AnyStore::Local(local), None),
            Err(e) => (AnyStore::Memory(crate::drafts::MemoryStore::new()), Some(e)),
        }
    }

    pub fn is_persistent(&self) -> bool {
        matches!(self, AnyStore::Local(_))
    }

    fn inner(&self) -> &dyn KeyValueStore {
        match self {
            AnyStore::Local(s) => s,
            AnyStore::Memory(s) => s,
        }
    }
}

impl KeyValueStore for AnyStore {
    fn peek(&self, key: &str, prefix: usize) -> Result<Option<(usize, String)>, StorageError> {
        self.inner().peek(key, prefix)
    }
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.inner().get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.inner().set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.inner().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner().keys()
    }
}
