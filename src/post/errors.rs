//! Why a file could not be imported, and why an edit was refused.

use std::fmt;

use serde::Serialize;

use super::{one_line, Diagnostic, DuplicateKey, Severity};

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ImportError {
    /// Not valid UTF-8; `offset` is the byte offset of the first bad byte.
    InvalidUtf8 { offset: usize },
    /// Contains a NUL byte at `offset`: a binary file, not a post.
    Binary { offset: usize },
    /// Larger than [`super::limits::MAX_FILE_BYTES`].
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
        EditError::Syntax(Box::new(Diagnostic {
            severity: Severity::Error,
            message,
            line,
            column,
            key: None,
            fix: None,
        }))
    }
}

/// Why an edit of a key written more than once is refused.
pub(crate) fn duplicate_refusal(key: &str, lines: &[usize]) -> EditError {
    let at = if lines.is_empty() {
        String::new()
    } else {
        format!(
            " ({})",
            DuplicateKey {
                key: key.to_string(),
                lines: lines.to_vec()
            }
            .lines_text()
        )
    };
    EditError::Unsupported(format!(
        "`{}` is written more than once{at} and the generators read only the last; keep one",
        one_line(key)
    ))
}
