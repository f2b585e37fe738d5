//! [`Keys`]: the name of every entry a [`DraftStore`](super::DraftStore)
//! keeps, all under `"{namespace}:"` (layout in `format`), and which keys a
//! `storage` event from another tab concerns. Nothing else builds a key.

/// The keys of one namespace: `draft:{id}`, `revs:{id}`, `index`, `trash`,
/// `last_open`, `corrupt:{what}:{n}`.
#[derive(Debug, Clone)]
pub(crate) struct Keys {
    ns: String,
}

impl Keys {
    /// Keys under `"{namespace}:"`, the namespace [`sanitize`]d (`fallback`
    /// if nothing is left of it).
    pub fn new(namespace: &str, fallback: &str) -> Keys {
        Keys {
            ns: sanitize(namespace, fallback),
        }
    }

    pub fn namespace(&self) -> &str {
        &self.ns
    }

    pub fn draft(&self, id: &str) -> String {
        format!("{}:draft:{id}", self.ns)
    }
    pub fn revs(&self, id: &str) -> String {
        format!("{}:revs:{id}", self.ns)
    }
    pub fn index(&self) -> String {
        format!("{}:index", self.ns)
    }
    pub fn trash(&self) -> String {
        format!("{}:trash", self.ns)
    }
    pub fn last_open(&self) -> String {
        format!("{}:last_open", self.ns)
    }
    pub fn draft_prefix(&self) -> String {
        format!("{}:draft:", self.ns)
    }
    pub fn revs_prefix(&self) -> String {
        format!("{}:revs:", self.ns)
    }
    pub fn corrupt_prefix(&self) -> String {
        format!("{}:corrupt:", self.ns)
    }

    /// `key` without the namespace, as a name usable in a corrupt key
    /// (`draft_abc` for `ns:draft:abc`).
    pub fn corrupt_name(&self, key: &str) -> String {
        key.strip_prefix(&format!("{}:", self.ns))
            .unwrap_or(key)
            .replace(':', "_")
    }

    /// Whether a `storage` event with this key (None: storage cleared)
    /// concerns the open draft `id`.
    pub fn concern_draft(&self, key: Option<&str>, id: &str) -> bool {
        match key {
            None => true,
            Some(k) => k == self.draft(id) || k == self.revs(id) || k == self.trash(),
        }
    }

    /// Whether a `storage` event with this key may change the list of drafts.
    pub fn concern_list(&self, key: Option<&str>) -> bool {
        match key {
            None => true,
            Some(k) => {
                k.starts_with(&self.draft_prefix()) || k == self.index() || k == self.trash()
            }
        }
    }
}

/// Keeps `[A-Za-z0-9_-]`, replaces anything else (notably `:`) by `_`; at
/// most 64 characters, `fallback` if empty.
pub(crate) fn sanitize(s: &str, fallback: &str) -> String {
    let s: String = s
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() {
        fallback.to_owned()
    } else {
        s
    }
}
