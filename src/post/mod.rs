//! The post model: split a file into front matter and body, read the front
//! matter's top-level fields, and edit them with minimal, format-preserving
//! text edits.
//!
//! Design:
//! * [`Post`] keeps the file as pieces (BOM, opening delimiter line, front
//!   matter text, closing delimiter line, body); [`Post::to_text`]
//!   concatenates them, so an unedited post gives back identical bytes.
//! * Values are *read* with real parsers (serde_yaml, toml_edit, serde_json),
//!   but edits are applied to the text: only the lines of the edited field are
//!   rewritten. Every edit is verified by re-parsing: if any other field's
//!   value changed, or the edited field does not read back as requested, the
//!   edit is refused with [`EditError::Unsupported`] and the post is left
//!   untouched.
//! * YAML ownership of lines: a top-level key owns its key line plus the
//!   following lines that are indented, start with `- ` (block sequence at
//!   column 0), or continue a multi-line quoted/flow value. Blank lines and
//!   column-0 comments *after* the last such line are owned by no key: they
//!   stay put when a key is edited or removed. A comment above a key is
//!   therefore kept when the key is removed.
//!   Indented comments inside a value belong to that value (replaced with it).
//! * TOML is read with `toml_edit::ImDocument`, whose spans locate each root
//!   key and value; edits splice those spans (so CRLF, comments and spacing
//!   elsewhere are untouched) and are verified by re-parsing. Tables
//!   (`[params]`, dotted keys) are shown as `Value::Raw` and are edited in the
//!   raw box.
//! * JSON members are located by a small scanner; the edited member's value
//!   text is re-serialized (multi-line arrays keep their indentation).
//! * YAML anchors: a key whose value defines an anchor cannot be set or
//!   removed (aliases elsewhere would change); aliases inside anchored values
//!   are refused as a whole (billion-laughs shape).
//! * Hostile input is rejected before parsing by the caps in [`limits`].

mod json;
pub mod limits;
mod raw_box;
mod render;
mod split;
mod starter;
mod toml;
mod yaml;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::schema::Schema;
use crate::validate::{Diagnostic, Severity};
pub use raw_box::raw_box_text;
use split::Parts;
pub use starter::{is_untouched_starter, starter};

/// The syntax of a post's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Yaml,
    Toml,
    Json,
    None,
}

/// A value of a top-level front-matter field.
///
/// `String` holds a scalar as written (dates keep their spelling, e.g.
/// `"2025-05-05 17:35:52.919448"`); `Number` holds the number's source
/// spelling; `Raw` holds nested mappings and other structures (anchors,
/// aliases, tags, tables, lists of mappings) as source text, kept verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    List(Vec<Value>),
    Raw(String),
}

impl Value {
    /// The value as a plain string, if it is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Number(s) => Some(s),
            _ => None,
        }
    }
}

/// A top-level front-matter field with its 1-based position in the whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub key: String,
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ImportError {
    /// Not valid UTF-8; `offset` is the byte offset of the first bad byte.
    InvalidUtf8 { offset: usize },
    /// Contains a NUL byte at `offset`: a binary file, not a post.
    Binary { offset: usize },
    /// Larger than [`limits::MAX_FILE_BYTES`].
    TooLarge { size: usize, max: usize },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::InvalidUtf8 { offset } => write!(
                f,
                "This file is not valid UTF-8 text (bad byte at offset {offset}). Save it as UTF-8 and try again."
            ),
            ImportError::Binary { offset } => write!(
                f,
                "This looks like a binary file, not a text post (NUL byte at offset {offset})."
            ),
            ImportError::TooLarge { size, max } => write!(
                f,
                "This file is too large ({size} bytes); posts up to {max} bytes can be opened."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Why a field edit was refused. The post is unchanged when an edit fails.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum EditError {
    /// The front matter does not parse; fix it in the raw box first.
    Syntax(Box<Diagnostic>),
    /// No such top-level key.
    NotFound(String),
    /// `rename` target already exists.
    KeyExists(String),
    /// Empty key or one that cannot be written in this format.
    InvalidKey(String),
    /// The value cannot be written here (e.g. a `Number` that is not a number).
    InvalidValue(String),
    /// The front matter's layout is too unusual for a safe minimal edit; use
    /// the raw front matter box.
    Unsupported(String),
    /// The edit would exceed a size cap.
    TooLarge,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Syntax(d) => write!(f, "front matter has an error: {}", d.message),
            EditError::NotFound(k) => write!(f, "there is no field `{k}`"),
            EditError::KeyExists(k) => write!(f, "a field `{k}` already exists"),
            EditError::InvalidKey(k) => write!(f, "`{k}` cannot be used as a field name"),
            EditError::InvalidValue(m) => write!(f, "invalid value: {m}"),
            EditError::Unsupported(m) => write!(f, "{m}; edit the raw front matter instead"),
            EditError::TooLarge => write!(f, "the front matter would become too large"),
        }
    }
}

impl std::error::Error for EditError {}

impl EditError {
    /// The front matter does not parse: `message` at `line`/`column` (in front-matter coordinates).
    pub(crate) fn syntax((message, line, column): (String, usize, usize)) -> EditError {
        EditError::Syntax(Box::new(crate::validate::Diagnostic {
            severity: crate::validate::Severity::Error,
            message,
            line,
            column,
            key: None,
            fix: None,
        }))
    }
}

/// A blog post: front matter plus body, kept byte-exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    format: Format,
    parts: Parts,
}

/// Low-level edit results of a format backend: the new front matter text.
pub(crate) type EditResult = Result<String, EditError>;

impl Post {
    /// Split `text` into front matter and body. Never fails: front matter that
    /// does not parse is still split, errors come from [`Post::fields`] and
    /// [`crate::validate::validate`].
    pub fn parse(text: &str) -> Post {
        let (format, parts) = split::split(text);
        Post { format, parts }
    }

    /// Import a file's bytes: rejects files over [`limits::MAX_FILE_BYTES`],
    /// binary files (NUL bytes) and invalid UTF-8.
    pub fn from_bytes(bytes: &[u8]) -> Result<Post, ImportError> {
        if bytes.len() > limits::MAX_FILE_BYTES {
            return Err(ImportError::TooLarge {
                size: bytes.len(),
                max: limits::MAX_FILE_BYTES,
            });
        }
        if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
            // UTF-16: say "not UTF-8" rather than "binary".
            return Err(ImportError::InvalidUtf8 { offset: 0 });
        }
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(ImportError::Binary { offset });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Post::parse(text)),
            Err(e) => Err(ImportError::InvalidUtf8 {
                offset: e.valid_up_to(),
            }),
        }
    }

    /// The exact text of the file.
    pub fn to_text(&self) -> String {
        let p = &self.parts;
        let mut s =
            String::with_capacity(3 + p.open.len() + p.front.len() + p.close.len() + p.body.len());
        if p.bom {
            s.push('\u{feff}');
        }
        s.push_str(&p.open);
        s.push_str(&p.front);
        s.push_str(&p.close);
        s.push_str(&p.body);
        s
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The text between the delimiter lines (whole lines with their endings).
    pub fn front_matter(&self) -> &str {
        &self.parts.front
    }

    pub fn body(&self) -> &str {
        &self.parts.body
    }

    /// Whether the file starts with a byte order mark.
    pub fn has_bom(&self) -> bool {
        self.parts.bom
    }

    /// 1-based line of the file where the body starts.
    pub fn body_start_line(&self) -> usize {
        1 + self.front_start_line_offset()
            + count_newlines(&self.parts.front)
            + count_newlines(&self.parts.close)
    }

    /// Number of file lines before the first front-matter line.
    pub(crate) fn front_start_line_offset(&self) -> usize {
        count_newlines(&self.parts.open)
    }

    pub fn set_body(&mut self, body: &str) {
        self.parts.body = body.to_string();
    }

    /// The line ending this post uses (that of its first line), `"\n"` by default.
    pub fn line_ending(&self) -> &'static str {
        let t = if !self.parts.open.is_empty() {
            &self.parts.open
        } else if !self.parts.front.is_empty() {
            &self.parts.front
        } else {
            &self.parts.body
        };
        match t.find('\n') {
            Some(i) if i > 0 && t.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// Replace the raw front matter text. On a post without front matter this
    /// creates YAML `---` delimiters (using the post's line ending); setting
    /// empty text on such a post changes nothing.
    pub fn set_front_matter(&mut self, text: &str) {
        let eol = self.line_ending();
        let mut text = text.to_string();
        match self.format {
            Format::None => {
                if text.is_empty() {
                    return;
                }
                if !text.ends_with('\n') {
                    text.push_str(eol);
                }
                self.format = Format::Yaml;
                self.parts.open = format!("---{eol}");
                self.parts.close = format!("---{eol}");
                self.parts.front = text;
            }
            Format::Json if self.parts.open.is_empty() => {
                self.parts.front = text;
            }
            _ => {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push_str(eol);
                }
                self.parts.front = text;
            }
        }
    }

    /// Top-level keys in file order with values and 1-based file positions.
    /// A post without front matter has no fields.
    #[allow(clippy::result_large_err)] // the signature is the agreed API
    pub fn fields(&self) -> Result<Vec<Field>, Diagnostic> {
        let front = &self.parts.front;
        limits::check(self.format, front).map_err(|m| self.diag_at(m, 1, 1))?;
        let res = match self.format {
            Format::None => return Ok(Vec::new()),
            Format::Yaml => yaml::fields(front),
            Format::Toml => toml::fields(front),
            Format::Json => json::fields(front),
        };
        let off = self.front_start_line_offset();
        match res {
            Ok(mut v) => {
                for f in &mut v {
                    f.line += off;
                }
                Ok(v)
            }
            Err((msg, line, col)) => Err(self.diag_at(msg, line, col)),
        }
    }

    /// Build an error diagnostic at a front-matter-relative position.
    fn diag_at(&self, message: String, line: usize, column: usize) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message,
            line: line.max(1) + self.front_start_line_offset(),
            column: column.max(1),
            key: None,
            fix: None,
        }
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.fields()
            .ok()?
            .into_iter()
            .find(|f| f.key == key)
            .map(|f| f.value)
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
        let fields = self.fields_for_edit()?;
        if fields.iter().any(|f| f.key == key && &f.value == value) {
            return Ok(());
        }
        let mut fmt = self.format;
        if fmt == Format::None {
            fmt = Format::Yaml;
        }
        let order = insertion_order(key, schema);
        let eol = self.line_ending();
        let new_front = match fmt {
            Format::Yaml => yaml::set(&self.parts.front, key, value, &order, eol)?,
            Format::Toml => toml::set(&self.parts.front, key, value, &order, eol)?,
            Format::Json => json::set(&self.parts.front, key, value, &order, eol)?,
            Format::None => unreachable_none(),
        };
        self.commit_front(new_front)
    }

    /// Remove a top-level field and only its lines.
    pub fn remove(&mut self, key: &str) -> Result<(), EditError> {
        self.fields_for_edit()?;
        let new_front = match self.format {
            Format::None => return Err(EditError::NotFound(key.to_string())),
            Format::Yaml => yaml::remove(&self.parts.front, key)?,
            Format::Toml => toml::remove(&self.parts.front, key)?,
            Format::Json => json::remove(&self.parts.front, key)?,
        };
        self.commit_front(new_front)
    }

    /// Rename a top-level key; its value text is untouched.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), EditError> {
        if to.is_empty() {
            return Err(EditError::InvalidKey(to.to_string()));
        }
        let fields = self.fields_for_edit()?;
        if from == to {
            return if fields.iter().any(|f| f.key == from) {
                Ok(())
            } else {
                Err(EditError::NotFound(from.to_string()))
            };
        }
        if fields.iter().any(|f| f.key == to) {
            return Err(EditError::KeyExists(to.to_string()));
        }
        let new_front = match self.format {
            Format::None => return Err(EditError::NotFound(from.to_string())),
            Format::Yaml => yaml::rename(&self.parts.front, from, to)?,
            Format::Toml => toml::rename(&self.parts.front, from, to)?,
            Format::Json => json::rename(&self.parts.front, from, to)?,
        };
        self.commit_front(new_front)
    }

    /// Apply a fix offered by [`crate::validate::validate`].
    pub fn apply_fix(
        &mut self,
        fix: &crate::validate::Fix,
        schema: &Schema,
    ) -> Result<(), EditError> {
        match fix {
            crate::validate::Fix::RenameKey { from, to } => self.rename(from, to),
            crate::validate::Fix::SetValue { key, value } => self.set(key, value, schema),
        }
    }

    /// The title, if the post has a string-ish `title` field.
    pub fn title(&self) -> Option<String> {
        match self.get("title")? {
            Value::String(s) | Value::Number(s) => Some(s),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    fn fields_for_edit(&self) -> Result<Vec<Field>, EditError> {
        self.fields().map_err(|d| EditError::Syntax(Box::new(d)))
    }

    fn commit_front(&mut self, new_front: String) -> Result<(), EditError> {
        if new_front.len() > limits::MAX_FRONT_MATTER_BYTES {
            return Err(EditError::TooLarge);
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

impl fmt::Display for Post {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
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

/// 1-based (line, column) of byte offset `pos` in `text` (column in chars).
pub(crate) fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let pos = floor_char_boundary(text, pos.min(text.len()));
    let before = &text[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
