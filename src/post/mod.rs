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
//! * Hostile input is rejected before parsing by the caps in [`limits`]; an
//!   edit is accepted only if the result reads back within them.
//! * Posts read as the generators read them: blank lines may come before
//!   `+++` (Hugo, Zola; `split`); a key written twice reads as its last
//!   ([`Post::duplicate_keys`] says where, and only that key's edits are
//!   refused); YAML's `1` and `"1"` are two keys ([`Field::key_is_text`]);
//!   under [`KeyCase::Insensitive`] (Hugo) `Title` is `title` (`keys`).
//! * A string is written in the author's quoting ([`Post`] remembers it per
//!   key while an edit passes through values that force quotes).
//! * Files: `edit` (which field an edit names, and committing it),
//!   `yaml`/`yaml_scan`, `toml`, `json` (the formats), `text` (a value as
//!   the CLI's text), `errors`, `diagnostic` and `date` (shared with
//!   `crate::validate`, which re-exports them).

mod date;
mod diagnostic;
mod edit;
mod errors;
mod json;
mod keys;
pub mod limits;
mod pairs;
mod raw_box;
mod render;
mod split;
mod starter;
mod text;
mod toml;
mod toml_table;
mod yaml;
mod yaml_scan;
mod yaml_unclosed;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use date::{days_in_month, parse_date};
pub use diagnostic::{one_line, Diagnostic, Fix, Severity};
pub(crate) use edit::Order;
pub(crate) use errors::duplicate_refusal;
pub use errors::{EditError, ImportError};
pub use keys::{DuplicateKey, KeyCase};
pub use raw_box::{box_position, line_range_utf16, raw_box_text, BoxPosition};
use split::Parts;
pub use starter::{is_untouched_starter, starter};
pub use text::{value_from_text, value_text};

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
    /// Whether the key is text: in YAML, `"1"` is, the number `1` is another
    /// key (what Jekyll reads as `1` and `"1"` are two fields).
    #[serde(default = "yes")]
    pub key_is_text: bool,
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

fn yes() -> bool {
    true
}

/// A blog post: front matter plus body, kept byte-exact.
#[derive(Debug, Clone)]
pub struct Post {
    format: Format,
    parts: Parts,
    keys: KeyCase,
    /// Per key, the quoting the author chose (`'`, `"`, `'\'\'`, empty for
    /// none), as last seen in a value that did not force it: a value that
    /// must be quoted on the way (`""`, `2024-05-0`) does not change it.
    styles: BTreeMap<String, String>,
}

/// Two posts are equal when they read alike: the same text, keys compared alike.
impl PartialEq for Post {
    fn eq(&self, other: &Post) -> bool {
        self.format == other.format && self.parts == other.parts && self.keys == other.keys
    }
}

impl Eq for Post {}

/// A key for a format backend's edit: its text, whether YAML reads it as
/// text, and the author's quoting for it (read, and updated by `set`).
pub(crate) struct KeyRef<'a> {
    pub name: &'a str,
    pub text: bool,
    pub style: &'a mut Option<String>,
}

/// Low-level edit results of a format backend: the new front matter text.
pub(crate) type EditResult = Result<String, EditError>;

impl Post {
    /// Split `text` into front matter and body. Never fails: front matter that
    /// does not parse is still split, errors come from [`Post::fields`] and
    /// `crate::validate::validate`.
    pub fn parse(text: &str) -> Post {
        let (format, parts) = split::split(text);
        Post {
            format,
            parts,
            keys: KeyCase::Exact,
            styles: BTreeMap::new(),
        }
    }

    /// Compare keys as the generator does: [`KeyCase::Insensitive`] for Hugo.
    pub fn with_key_case(mut self, keys: KeyCase) -> Post {
        self.keys = keys;
        self
    }

    pub fn key_case(&self) -> KeyCase {
        self.keys
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

    /// Top-level keys in file order with values and 1-based file positions;
    /// of a key written more than once, the last (as the generators read it).
    /// A post without front matter has no fields.
    #[allow(clippy::result_large_err)] // the signature is the agreed API
    pub fn fields(&self) -> Result<Vec<Field>, Diagnostic> {
        self.every_field().map(keys::last_wins)
    }

    /// Whether this post without front matter opens, after blank lines, with
    /// what would be front matter at the top of a file: Hugo reads it so,
    /// Jekyll, Eleventy and Astro do not; no block may be added above it.
    pub fn has_late_front_matter(&self) -> bool {
        self.format == Format::None && split::has_late_front_matter(&self.parts.body)
    }

    /// Keys written more than once, with the lines of each.
    pub fn duplicate_keys(&self) -> Vec<DuplicateKey> {
        self.every_field()
            .map(|all| keys::duplicates(&all))
            .unwrap_or_default()
    }

    /// Every top-level pair as written, a key written twice listed twice.
    #[allow(clippy::result_large_err)]
    fn every_field(&self) -> Result<Vec<Field>, Diagnostic> {
        let res = read_fields(self.format, &self.parts.front);
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
        self.field(key).map(|f| f.value)
    }

    /// The field `key` names (see [`KeyCase`]; a text key before a number
    /// spelled alike).
    pub fn field(&self, key: &str) -> Option<Field> {
        let fields = self.fields().ok()?;
        match keys::resolve(&fields, key, self.keys) {
            Ok(f) => f.cloned(),
            Err(close) => close.last().map(|f| (*f).clone()),
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
}

/// Read every top-level pair of `front` (in front-matter coordinates) within the caps.
fn read_fields(format: Format, front: &str) -> Result<Vec<Field>, (String, usize, usize)> {
    limits::check(format, front).map_err(|m| (m, 1, 1))?;
    match format {
        Format::None => Ok(Vec::new()),
        Format::Yaml => yaml::fields(front),
        Format::Toml => toml::fields(front),
        Format::Json => json::fields(front),
    }
}

impl fmt::Display for Post {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
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
