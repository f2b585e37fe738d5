//! What checking a post finds: a [`Diagnostic`] with its [`Severity`] and,
//! where one edit mends it, a [`Fix`]. They live with the post model because
//! its reader reports syntax errors as diagnostics and applies fixes;
//! `crate::validate` produces the schema findings and re-exports these.

use serde::{Deserialize, Serialize};

use super::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A finding; `line`/`column` are 1-based in the whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub key: Option<String>,
    pub fix: Option<Fix>,
}

impl std::fmt::Display for Diagnostic {
    /// `3:1: error: message` (what the CLI prints after the file name).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        write!(
            f,
            "{}:{}: {sev}: {}",
            self.line,
            self.column,
            one_line(&self.message)
        )
    }
}

/// `text` on one line: line breaks and other control characters escaped
/// (`\n`, `\u{1b}`), so a key holding a newline cannot break the
/// `path:line:col: severity: message` format.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// A one-click fix, applied with [`super::Post::apply_fix`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Fix {
    RenameKey { from: String, to: String },
    SetValue { key: String, value: Value },
}
