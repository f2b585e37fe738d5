//! Unreadable entries: [`CorruptEntries`] sets an entry that cannot be read
//! aside, verbatim, under `corrupt:{what}:{n}` (so nothing is lost and the
//! user can download it), lists what was set aside, and discards it.

use super::format::{parse, to_json, CorruptEnvelope, Parsed, FORMAT_VERSION};
use super::keys::Keys;
use super::kv::{KeyValueStore, StorageError};

/// An unreadable entry that was set aside, offered to the user for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptEntry {
    /// The key it is kept under now (pass to
    /// [`DraftStore::discard_corrupt`](super::DraftStore::discard_corrupt)).
    pub key: String,
    /// The key it was found under.
    pub from_key: String,
    pub reason: String,
    /// The stored text, verbatim.
    pub raw: String,
}

/// The set-aside entries of one namespace.
pub(crate) struct CorruptEntries<'a, S: KeyValueStore> {
    pub store: &'a S,
    pub keys: &'a Keys,
}

impl<S: KeyValueStore> CorruptEntries<'_, S> {
    /// Sets the unreadable `raw` found under `from_key` aside under
    /// `corrupt:...`, verbatim, then removes it from `from_key`. Returns the
    /// new key.
    pub fn set_aside(
        &self,
        from_key: &str,
        raw: &str,
        reason: &str,
    ) -> Result<String, StorageError> {
        let what = self.keys.corrupt_name(from_key);
        let env = CorruptEnvelope {
            v: FORMAT_VERSION,
            from_key: from_key.to_owned(),
            reason: reason.to_owned(),
            raw: raw.to_owned(),
        };
        let json = to_json(&env).map_err(StorageError::Other)?;
        let mut n = 1u32;
        let key = loop {
            let key = format!("{}{what}:{n}", self.keys.corrupt_prefix());
            if self.store.get(&key)?.is_none() {
                break key;
            }
            n += 1;
            if n > 10_000 {
                return Err(StorageError::Other("too many unreadable entries".into()));
            }
        };
        self.store.set(&key, &json)?;
        // Only if unchanged meanwhile (another tab may have saved over it).
        if self.store.get(from_key)?.as_deref() == Some(raw) {
            self.store.remove(from_key)?;
        }
        Ok(key)
    }

    /// Every entry set aside, with its raw text.
    pub fn list(&self) -> Result<Vec<CorruptEntry>, StorageError> {
        let prefix = self.keys.corrupt_prefix();
        let mut out = Vec::new();
        for key in self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(&prefix))
        {
            let Some(raw) = self.store.get(&key)? else {
                continue;
            };
            out.push(match parse::<CorruptEnvelope>(&raw) {
                Parsed::Current(env) => CorruptEntry {
                    key,
                    from_key: env.from_key,
                    reason: env.reason,
                    raw: env.raw,
                },
                _ => CorruptEntry {
                    key,
                    from_key: String::new(),
                    reason: "unknown".into(),
                    raw,
                },
            });
        }
        Ok(out)
    }

    /// Removes a set-aside entry; any other key is left alone.
    pub fn discard(&self, key: &str) -> Result<(), StorageError> {
        if key.starts_with(&self.keys.corrupt_prefix()) {
            self.store.remove(key)
        } else {
            Ok(())
        }
    }
}
