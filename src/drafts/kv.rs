//! The abstract key-value storage the draft store runs on, and an in-memory
//! implementation of it (for tests, and as the fallback when the browser's
//! storage is blocked).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// Why a storage access failed. The `Display` text is meant for the user:
/// it says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The storage is full (`QuotaExceededError`).
    QuotaExceeded,
    /// The browser refuses access (`SecurityError`): sandboxed frame,
    /// storage disabled by the user or by policy.
    Blocked,
    /// There is no storage at all (no window, no `localStorage`).
    Unavailable,
    /// Anything else, with the browser's message.
    Other(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::QuotaExceeded => f.write_str(
                "Browser storage is full: this draft is NOT saved. \
                 Export it now, or delete old drafts to make room.",
            ),
            StorageError::Blocked => f.write_str(
                "This browser blocks storage for this page (private mode, disabled \
                 site data, or a sandboxed frame): drafts are kept only while this tab \
                 is open. Export your work before closing the tab.",
            ),
            StorageError::Unavailable => f.write_str(
                "Browser storage is not available: drafts are kept only while this tab \
                 is open. Export your work before closing the tab.",
            ),
            StorageError::Other(msg) => write!(
                f,
                "Browser storage failed ({msg}): this draft may NOT be saved. \
                 Export it now to keep a copy."
            ),
        }
    }
}

impl std::error::Error for StorageError {}

/// A string key-value storage with the semantics of `localStorage`: every
/// `set` of one key is atomic (all or nothing), there are no transactions.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;

    /// The length of the value at `key` in UTF-16 units (as the quota counts
    /// it) and its start, up to `prefix` UTF-16 units, without copying the
    /// rest of a long value: the draft index is checked against every draft
    /// this way on each listing. Stores that can do it cheaply override this.
    fn peek(&self, key: &str, prefix: usize) -> Result<Option<(usize, String)>, StorageError> {
        Ok(self.get(key)?.map(|v| {
            let end = crate::utf16::to_byte(&v, prefix);
            (utf16_len(&v), v[..end].to_string())
        }))
    }
}

impl<S: KeyValueStore + ?Sized> KeyValueStore for &S {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
    fn peek(&self, key: &str, prefix: usize) -> Result<Option<(usize, String)>, StorageError> {
        (**self).peek(key, prefix)
    }
}

impl<S: KeyValueStore + ?Sized> KeyValueStore for Rc<S> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        (**self).keys()
    }
    fn peek(&self, key: &str, prefix: usize) -> Result<Option<(usize, String)>, StorageError> {
        (**self).peek(key, prefix)
    }
}

/// Size of a string as browsers account it against the quota: UTF-16 code units.
pub use crate::utf16::len as utf16_len;

/// Storage units one entry takes: key plus value, in UTF-16 code units.
pub fn entry_units(key: &str, value: &str) -> usize {
    utf16_len(key) + utf16_len(value)
}

/// An in-memory [`KeyValueStore`]. Clones share the same data (like two tabs
/// of one origin share `localStorage`).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    inner: Rc<RefCell<MemoryInner>>,
}

#[derive(Debug, Default)]
struct MemoryInner {
    map: BTreeMap<String, String>,
    used: usize,
    quota: Option<usize>,
}

impl MemoryStore {
    /// Chromium's per-origin `localStorage` quota: 10 MiB of UTF-16, i.e.
    /// 5 Mi code units of keys plus values.
    pub const CHROMIUM_QUOTA_UNITS: usize = 5 * 1024 * 1024;

    /// A store without quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store that refuses a `set` that would make keys plus values exceed
    /// `units` UTF-16 code units, like Chromium does.
    pub fn with_quota(units: usize) -> Self {
        let store = Self::default();
        store.inner.borrow_mut().quota = Some(units);
        store
    }

    /// Units used by keys plus values.
    pub fn used_units(&self) -> usize {
        self.inner.borrow().used
    }

    /// The quota, if any.
    pub fn quota(&self) -> Option<usize> {
        self.inner.borrow().quota
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.inner.borrow().map.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut inner = self.inner.borrow_mut();
        let old = inner.map.get(key).map_or(0, |v| entry_units(key, v));
        let new = entry_units(key, value);
        let used = inner.used - old + new;
        if let Some(quota) = inner.quota {
            if used > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        inner.used = used;
        inner.map.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        let mut inner = self.inner.borrow_mut();
        if let Some(v) = inner.map.remove(key) {
            inner.used -= entry_units(key, &v);
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.inner.borrow().map.keys().cloned().collect())
    }
}
