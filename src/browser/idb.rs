//! IndexedDB, as much of it as the app needs: [`IdbStore`] is one object
//! store of one database (string keys, any value the browser can clone:
//! a journal entry's JSON, an image's `Blob`), behind the async
//! [`DurableStore`] trait, as `KeyValueStore` is for local storage, so that
//! callers are tested on stubs too. Every error is typed ([`IdbError`]):
//! blocked, unavailable, quota, and the rest with the browser's message.
//!
//! A write resolves once its transaction COMMITTED, with durability
//! `"strict"`: Chromium and Firefox then wait for the disk before they say
//! so (by default Chromium reports a commit before it is flushed). WebKit
//! ignores the option and commits as it always does; so does any browser
//! that does not know it. web-sys has `IdbTransactionOptions` only behind
//! `--cfg web_sys_unstable_apis`, so `transaction()` with options is bound
//! here (one line).
//!
//! Why web-sys and not `indexed_db_futures` or `rexie`: the app needs five
//! calls (open with an upgrade, get, get all, put, delete) and each is a
//! few lines over a request's `success`/`error` or a transaction's
//! `complete`/`abort` turned into a promise; no crate offers the strict
//! durability without that same binding, and a crate brings its own
//! layer of types (and wasm) for what is this one file. Operations start
//! when first polled: spawn them in the order they must happen (the browser
//! runs transactions on one store in the order they were made).

use std::fmt;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransaction,
};

#[wasm_bindgen]
extern "C" {
    /// An `IDBDatabase`, seen through the one call web-sys lacks.
    type DatabaseWithOptions;

    /// `db.transaction(store, mode, { durability })`.
    #[wasm_bindgen(method, catch, js_name = transaction)]
    fn transaction_with_options(
        this: &DatabaseWithOptions,
        store: &str,
        mode: &str,
        options: &Object,
    ) -> Result<IdbTransaction, JsValue>;
}

/// Why an IndexedDB access failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdbError {
    /// The browser refuses IndexedDB here (`SecurityError`): a sandboxed
    /// frame, site data blocked by the user or by policy.
    Blocked,
    /// There is no IndexedDB (no window, no factory), or it cannot be used
    /// at all (`InvalidStateError` on open: Firefox's private mode did so).
    Unavailable,
    /// The origin's quota is used up (`QuotaExceededError`).
    QuotaExceeded,
    /// Anything else, with the browser's name and message.
    Other(String),
}

impl fmt::Display for IdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdbError::Blocked => f.write_str("IndexedDB is blocked for this page"),
            IdbError::Unavailable => f.write_str("IndexedDB is not available"),
            IdbError::QuotaExceeded => f.write_str("the browser's storage is full"),
            IdbError::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for IdbError {}

/// Maps what IndexedDB threw or failed with to an [`IdbError`].
pub fn idb_error_from_js(err: &JsValue) -> IdbError {
    let (name, message) = match err.dyn_ref::<DomException>() {
        Some(e) => (e.name(), e.message()),
        None => {
            let field = |f: &str| {
                Reflect::get(err, &JsValue::from_str(f))
                    .ok()
                    .and_then(|v| v.as_string())
            };
            let message = if err.is_object() {
                field("message")
            } else {
                err.as_string()
            };
            let name = if err.is_object() { field("name") } else { None };
            (
                name.unwrap_or_default(),
                message.unwrap_or_else(|| format!("{err:?}")),
            )
        }
    };
    match name.as_str() {
        "QuotaExceededError" => IdbError::QuotaExceeded,
        "SecurityError" => IdbError::Blocked,
        "" => IdbError::Other(message),
        _ => IdbError::Other(format!("{name}: {message}")),
    }
}

/// An object store with string keys whose writes are durable once their
/// future resolves.
#[allow(async_fn_in_trait)] // wasm is single-threaded: no `Send` bound wanted
pub trait DurableStore {
    async fn get(&self, key: &str) -> Result<Option<JsValue>, IdbError>;
    /// Every key and value, in key order.
    async fn get_all(&self) -> Result<Vec<(String, JsValue)>, IdbError>;
    async fn put(&self, key: &str, value: &JsValue) -> Result<(), IdbError>;
    async fn delete(&self, key: &str) -> Result<(), IdbError>;
}

/// Resolves with the request's result, or fails with its error. Listens
/// from the call on (not from the first poll): a request made beside it in
/// the same transaction may finish first.
fn request_done(req: &IdbRequest) -> impl Future<Output = Result<JsValue, IdbError>> {
    let promise = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    let req = req.clone();
    async move {
        let done = JsFuture::from(promise).await;
        req.set_onsuccess(None);
        req.set_onerror(None);
        match done {
            Ok(_) => req.result().map_err(|e| idb_error_from_js(&e)),
            Err(event) => Err(match req.error() {
                Ok(Some(e)) => idb_error_from_js(&e),
                _ => idb_error_from_js(&event),
            }),
        }
    }
}

/// Resolves once the transaction committed; fails with why it aborted.
fn committed(tx: &IdbTransaction) -> impl Future<Output = Result<(), IdbError>> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        // A failed request aborts the transaction: `abort` always follows.
        tx.set_onabort(Some(&reject));
    });
    let tx = tx.clone();
    async move {
        match JsFuture::from(promise).await {
            Ok(_) => Ok(()),
            Err(event) => Err(match tx.error() {
                Some(e) => idb_error_from_js(&e),
                None => idb_error_from_js(&event),
            }),
        }
    }
}

/// One object store of an open database. Clones share the connection.
#[derive(Clone)]
pub struct IdbStore {
    db: IdbDatabase,
    store: Rc<str>,
    /// Closes the connection when another tab opens a newer version of the
    /// database (else that tab's upgrade would wait for this one to close).
    _on_versionchange: Rc<Closure<dyn FnMut()>>,
}

impl IdbStore {
    /// Opens database `name` at `version` in this window, creating the
    /// object `stores` it lacks (give every store of that version: a later
    /// version adds its own, e.g. images beside the journal), and returns
    /// the store `stores[0]`.
    pub async fn open(name: &str, version: u32, stores: &[&str]) -> Result<IdbStore, IdbError> {
        let window = web_sys::window().ok_or(IdbError::Unavailable)?;
        Self::open_in(&window, name, version, stores).await
    }

    /// [`IdbStore::open`] in another window (e.g. a frame's).
    pub async fn open_in(
        window: &web_sys::Window,
        name: &str,
        version: u32,
        stores: &[&str],
    ) -> Result<IdbStore, IdbError> {
        let factory = match window.indexed_db() {
            Ok(Some(f)) => f,
            Ok(None) => return Err(IdbError::Unavailable),
            Err(e) => return Err(idb_error_from_js(&e)),
        };
        Self::open_with(&factory, name, version, stores).await
    }

    /// [`IdbStore::open`] with a given factory (another window's, for tests).
    pub async fn open_with(
        factory: &IdbFactory,
        name: &str,
        version: u32,
        stores: &[&str],
    ) -> Result<IdbStore, IdbError> {
        let first: Rc<str> = Rc::from(*stores.first().ok_or(IdbError::Unavailable)?);
        let req: IdbOpenDbRequest = factory
            .open_with_u32(name, version)
            .map_err(|e| idb_error_from_js(&e))?;
        let names: Vec<String> = stores.iter().map(|s| s.to_string()).collect();
        let upgrade = {
            let req = req.clone();
            Closure::<dyn FnMut()>::new(move || {
                let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) else {
                    return;
                };
                for s in &names {
                    if !db.object_store_names().contains(s) {
                        let _ = db.create_object_store(s);
                    }
                }
            })
        };
        req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let opened = request_done(&req).await;
        req.set_onupgradeneeded(None);
        drop(upgrade);
        let db: IdbDatabase = match opened {
            Ok(db) => db.unchecked_into(),
            Err(IdbError::Other(m)) if m.starts_with("InvalidStateError") => {
                return Err(IdbError::Unavailable)
            }
            Err(e) => return Err(e),
        };
        let on_versionchange = {
            let db = db.clone();
            Closure::<dyn FnMut()>::new(move || db.close())
        };
        db.set_onversionchange(Some(on_versionchange.as_ref().unchecked_ref()));
        Ok(IdbStore {
            db,
            store: first,
            _on_versionchange: Rc::new(on_versionchange),
        })
    }

    /// The same database's store `name` (one of those it was opened with).
    pub fn store(&self, name: &str) -> IdbStore {
        IdbStore {
            store: Rc::from(name),
            ..self.clone()
        }
    }

    fn transaction(&self, mode: &str) -> Result<IdbTransaction, IdbError> {
        let options = Object::new();
        let _ = Reflect::set(&options, &"durability".into(), &"strict".into());
        self.db
            .unchecked_ref::<DatabaseWithOptions>()
            .transaction_with_options(&self.store, mode, &options)
            .map_err(|e| idb_error_from_js(&e))
    }

    /// Runs `write` on the store in a read-write transaction; resolves once committed.
    async fn write(
        &self,
        write: impl FnOnce(&web_sys::IdbObjectStore) -> Result<IdbRequest, JsValue>,
    ) -> Result<(), IdbError> {
        let tx = self.transaction("readwrite")?;
        let done = committed(&tx);
        let store = tx
            .object_store(&self.store)
            .map_err(|e| idb_error_from_js(&e))?;
        if let Err(e) = write(&store) {
            let _ = tx.abort();
            return Err(idb_error_from_js(&e));
        }
        done.await
    }
}

impl DurableStore for IdbStore {
    async fn get(&self, key: &str) -> Result<Option<JsValue>, IdbError> {
        let tx = self.transaction("readonly")?;
        let store = tx
            .object_store(&self.store)
            .map_err(|e| idb_error_from_js(&e))?;
        let req = store
            .get(&JsValue::from_str(key))
            .map_err(|e| idb_error_from_js(&e))?;
        let value = request_done(&req).await?;
        Ok((!value.is_undefined()).then_some(value))
    }

    async fn get_all(&self) -> Result<Vec<(String, JsValue)>, IdbError> {
        let tx = self.transaction("readonly")?;
        let store = tx
            .object_store(&self.store)
            .map_err(|e| idb_error_from_js(&e))?;
        // Both in one transaction: the same entries, both in key order.
        let keys = store.get_all_keys().map_err(|e| idb_error_from_js(&e))?;
        let values = store.get_all().map_err(|e| idb_error_from_js(&e))?;
        let (keys, values) = (request_done(&keys), request_done(&values));
        let keys: Array = keys.await?.unchecked_into();
        let values: Array = values.await?.unchecked_into();
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k.as_string()?, v)))
            .collect())
    }

    async fn put(&self, key: &str, value: &JsValue) -> Result<(), IdbError> {
        self.write(|s| s.put_with_key(value, &JsValue::from_str(key)))
            .await
    }

    async fn delete(&self, key: &str) -> Result<(), IdbError> {
        self.write(|s| s.delete(&JsValue::from_str(key))).await
    }
}
