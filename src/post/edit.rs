//! Editing a post's fields: which field an edit names, dispatching to the
//! format's text edit, and accepting the result only if it reads back.

use super::keys;
use super::limits;
use super::toml_table;
use super::{
    duplicate_refusal, json, read_fields, toml, yaml, EditError, Field, Fix, Format, KeyRef, Post,
    Value,
};
use crate::schema::Schema;

impl Post {
    /// The field an edit of `key` changes, refusing keys written more than
    /// once and keys that several differ from only in case.
    fn edit_target(&self, key: &str) -> Result<Option<Field>, EditError> {
        self.edit_target_unless(key, |_| false)
    }

    /// [`Post::edit_target`], but `Ok` for a key written more than once when
    /// the edit would keep `same` (its last value) anyway.
    fn edit_target_unless(
        &self,
        key: &str,
        same: impl Fn(&Field) -> bool,
    ) -> Result<Option<Field>, EditError> {
        let all = self
            .every_field()
            .map_err(|d| EditError::Syntax(Box::new(d)))?;
        let fields = keys::last_wins(all.clone());
        let target = keys::resolve(&fields, key, self.keys).map_err(|close| {
            let names: Vec<String> = close.iter().map(|f| format!("`{}`", f.key)).collect();
            EditError::Unsupported(format!(
                "{} differ only in case and Hugo reads one of them; keep one",
                names.join(" and ")
            ))
        })?;
        let Some(f) = target else {
            return Ok(None);
        };
        let lines: Vec<usize> = all
            .iter()
            .filter(|g| g.key == f.key && g.key_is_text == f.key_is_text)
            .map(|g| g.line)
            .collect();
        if lines.len() > 1 && !same(f) {
            return Err(duplicate_refusal(&f.key, &lines));
        }
        Ok(Some(f.clone()))
    }

    /// Set a top-level field, rewriting only that field's lines. A new key is
    /// placed after the nearest preceding key in schema order (else before the
    /// nearest following one, else at the end). Setting a value equal to the
    /// current one changes nothing. On a post without front matter, YAML front
    /// matter is created.
    pub fn set(&mut self, key: &str, value: &Value, schema: &Schema) -> Result<(), EditError> {
        if key.is_empty() {
            return Err(EditError::InvalidKey(key.to_string()));
        }
        let target = self.edit_target_unless(key, |f| &f.value == value)?;
        if target.as_ref().is_some_and(|f| &f.value == value) {
            return Ok(());
        }
        let (name, text) = target
            .map(|f| (f.key, f.key_is_text))
            .unwrap_or_else(|| (key.to_string(), true));
        let mut fmt = self.format;
        if fmt == Format::None {
            if self.has_late_front_matter() {
                return Err(EditError::Unsupported(
                    "this file has front matter after blank lines, which Jekyll, Eleventy and \
                     Astro do not read as front matter; remove the blank lines first"
                        .into(),
                ));
            }
            fmt = Format::Yaml;
        }
        let order = insertion_order(&name, schema);
        let eol = self.line_ending();
        let mut style = self.styles.get(&name).cloned();
        let k = KeyRef {
            name: &name,
            text,
            style: &mut style,
        };
        let new_front = match fmt {
            Format::Yaml => yaml::set(&self.parts.front, k, value, &order, eol)?,
            Format::Toml => toml::set(&self.parts.front, k, value, &order, eol)?,
            Format::Json => json::set(&self.parts.front, k.name, value, &order, eol)?,
            Format::None => unreachable_none(),
        };
        self.commit_front(fmt, new_front)?;
        if let Some(style) = style {
            self.styles.insert(name, style);
        }
        Ok(())
    }

    /// Remove a top-level field and only its lines.
    pub fn remove(&mut self, key: &str) -> Result<(), EditError> {
        let Some(f) = self.edit_target(key)? else {
            return Err(EditError::NotFound(key.to_string()));
        };
        let mut style = None;
        let k = KeyRef {
            name: &f.key,
            text: f.key_is_text,
            style: &mut style,
        };
        let new_front = match self.format {
            Format::None => return Err(EditError::NotFound(key.to_string())),
            Format::Yaml => yaml::remove(&self.parts.front, k)?,
            Format::Toml => toml::remove(&self.parts.front, k.name)?,
            Format::Json => json::remove(&self.parts.front, k.name)?,
        };
        self.commit_front(self.format, new_front)
    }

    /// Rename a top-level key; its value text is untouched.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), EditError> {
        if to.is_empty() {
            return Err(EditError::InvalidKey(to.to_string()));
        }
        let Some(f) = self.edit_target(from)? else {
            return Err(EditError::NotFound(from.to_string()));
        };
        if f.key == to {
            return Ok(());
        }
        if self.fields_for_edit()?.iter().any(|g| g.key == to) {
            return Err(EditError::KeyExists(to.to_string()));
        }
        let mut style = None;
        let k = KeyRef {
            name: &f.key,
            text: f.key_is_text,
            style: &mut style,
        };
        let new_front = match self.format {
            Format::None => return Err(EditError::NotFound(from.to_string())),
            Format::Yaml => yaml::rename(&self.parts.front, k, to)?,
            Format::Toml => toml::rename(&self.parts.front, k.name, to)?,
            Format::Json => json::rename(&self.parts.front, k.name, to)?,
        };
        if let Some(s) = self.styles.remove(&f.key) {
            self.styles.insert(to.to_string(), s);
        }
        self.commit_front(self.format, new_front)
    }

    /// Apply a fix offered by validation (`crate::validate::validate`).
    pub fn apply_fix(&mut self, fix: &Fix, schema: &Schema) -> Result<(), EditError> {
        match fix {
            Fix::RenameKey { from, to } => self.rename(from, to),
            Fix::SetValue { key, value } => self.set(key, value, schema),
        }
    }

    fn fields_for_edit(&self) -> Result<Vec<Field>, EditError> {
        self.fields().map_err(|d| EditError::Syntax(Box::new(d)))
    }

    /// Take an edited front matter, if it reads back: an edit that the
    /// reader's own limits (depth, aliases) would then refuse is refused.
    /// The keys of TOML table `table` (Zola's `[taxonomies]`) and their
    /// values; `None`: no such table, or the front matter is not TOML.
    pub fn table_entries(&self, table: &str) -> Option<Vec<(String, Value)>> {
        (self.format == Format::Toml)
            .then(|| toml_table::entries(&self.parts.front, table))
            .flatten()
    }

    /// Sets `key` inside TOML table `table` (the table is made if missing):
    /// only that key's text changes.
    pub fn set_in_table(&mut self, table: &str, key: &str, value: &Value) -> Result<(), EditError> {
        if self.format != Format::Toml {
            return Err(EditError::Unsupported(format!(
                "`{table}.{key}` is a TOML table's key"
            )));
        }
        if self
            .table_entries(table)
            .is_some_and(|e| e.iter().any(|(k, v)| k == key && v == value))
        {
            return Ok(());
        }
        let eol = self.line_ending();
        let new_front = toml_table::set(&self.parts.front, table, key, value, eol)?;
        self.commit_front(Format::Toml, new_front)
    }

    /// Removes `key` from TOML table `table`.
    pub fn remove_in_table(&mut self, table: &str, key: &str) -> Result<(), EditError> {
        if self.format != Format::Toml {
            return Err(EditError::NotFound(format!("{table}.{key}")));
        }
        let new_front = toml_table::remove(&self.parts.front, table, key)?;
        self.commit_front(Format::Toml, new_front)
    }

    fn commit_front(&mut self, format: Format, new_front: String) -> Result<(), EditError> {
        if new_front.len() > limits::MAX_FRONT_MATTER_BYTES {
            return Err(EditError::TooLarge);
        }
        if let Err((message, _, _)) = read_fields(format, &new_front) {
            return Err(EditError::InvalidValue(format!(
                "the front matter would no longer read: {message}"
            )));
        }
        if self.format == Format::None {
            self.set_front_matter(&new_front);
        } else {
            self.parts.front = new_front;
        }
        Ok(())
    }
}

fn unreachable_none() -> String {
    // Format::None is mapped to YAML before dispatch; keep the core panic-free.
    String::new()
}

/// Where a new key goes: the schema keys before it (nearest first) and after
/// it (nearest first).
pub(crate) struct Order {
    pub before: Vec<String>,
    pub after: Vec<String>,
}

fn insertion_order(key: &str, schema: &Schema) -> Order {
    match schema.fields.iter().position(|f| f.key == key) {
        Some(i) => Order {
            before: schema.fields[..i]
                .iter()
                .rev()
                .map(|f| f.key.clone())
                .collect(),
            after: schema.fields[i + 1..]
                .iter()
                .map(|f| f.key.clone())
                .collect(),
        },
        None => Order {
            before: Vec::new(),
            after: Vec::new(),
        },
    }
}
