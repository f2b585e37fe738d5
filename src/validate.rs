//! Validation of a post against a schema: syntax errors with file
//! positions, wrong types (with fixes), missing required fields, unknown keys
//! close to known ones (with a rename fix), and unparsable dates.

use serde::{Deserialize, Serialize};

use crate::post::{Field, Format, Post, Value};
use crate::schema::{FieldType, Schema};

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
        write!(f, "{}:{}: {sev}: {}", self.line, self.column, self.message)
    }
}

/// A one-click fix, applied with [`Post::rename`] or [`Post::set`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Fix {
    RenameKey { from: String, to: String },
    SetValue { key: String, value: Value },
}

/// Parse a date/timestamp spelling: `2020-07-23`, `2025-05-05 17:35:52.919448`,
/// RFC 3339 (`2024-01-02T03:04:05+02:00`, `...Z`), YAML timestamps
/// (`2001-12-14 21:59:43.10 -5`) and TOML datetimes. Returns
/// (year, month, day) when valid.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b.len() > 64 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days[(m - 1) as usize] {
        return None;
    }
    let rest = &s[10..];
    if rest.is_empty() {
        return Some((y, m, d));
    }
    // Separator: T, t, or spaces/tabs.
    let rest = if let Some(r) = rest.strip_prefix(['T', 't']) {
        r
    } else {
        let r = rest.trim_start_matches([' ', '\t']);
        if r.len() == rest.len() {
            return None;
        }
        r
    };
    // Time: H(H):MM(:SS(.frac)?)?
    let rb = rest.as_bytes();
    let hl = rb.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&hl) {
        return None;
    }
    let h: u32 = rest[..hl].parse().ok()?;
    let mut i = hl;
    if rb.get(i) != Some(&b':') {
        return None;
    }
    let mi = rest.get(i + 1..i + 3)?;
    if !mi.bytes().all(|c| c.is_ascii_digit()) || h > 23 || mi.parse::<u32>().ok()? > 59 {
        return None;
    }
    i += 3;
    if rb.get(i) == Some(&b':') {
        let se = rest.get(i + 1..i + 3)?;
        if !se.bytes().all(|c| c.is_ascii_digit()) || se.parse::<u32>().ok()? > 60 {
            return None;
        }
        i += 3;
        if rb.get(i) == Some(&b'.') {
            let n = rb[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if n == 0 {
                return None;
            }
            i += 1 + n;
        }
    }
    // Zone: none, Z, or (spaces) +-H(H)(:MM | MM)?
    let zone = rest[i..].trim_start_matches([' ', '\t']);
    if zone.is_empty() || zone == "Z" || zone == "z" {
        return Some((y, m, d));
    }
    let z = zone.strip_prefix(['+', '-'])?;
    let zb = z.as_bytes();
    let zh = zb.iter().take_while(|c| c.is_ascii_digit()).count();
    let ok = match (zh, z.len()) {
        (1, 1) | (2, 2) => true,
        (2, 5) => zb[2] == b':' && z[3..].bytes().all(|c| c.is_ascii_digit()),
        (4, 4) => true,
        (1, 4) => zb[1] == b':' && z[2..].bytes().all(|c| c.is_ascii_digit()),
        _ => false,
    };
    ok.then_some((y, m, d))
}

/// Levenshtein distance (ASCII-case-insensitive), capped inputs.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().take(64).flat_map(char::to_lowercase).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The schema key closest to `key`, if close enough to be a typo.
pub fn suggest<'a>(key: &str, schema: &'a Schema) -> Option<&'a str> {
    let max = match key.chars().count() {
        0..=2 => return None,
        3..=5 => 1,
        _ => 2,
    };
    schema
        .fields
        .iter()
        .map(|f| (distance(key, &f.key), f.key.as_str()))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::List(_) => "a list",
        Value::Raw(_) => "a nested structure",
    }
}

fn diag(sev: Severity, f: &Field, message: String, fix: Option<Fix>) -> Diagnostic {
    Diagnostic {
        severity: sev,
        message,
        line: f.line,
        column: f.column,
        key: Some(f.key.clone()),
        fix,
    }
}

fn check_type(f: &Field, ty: &FieldType, out: &mut Vec<Diagnostic>) {
    let key = &f.key;
    let set = |v: Value| {
        Some(Fix::SetValue {
            key: key.clone(),
            value: v,
        })
    };
    match (ty, &f.value) {
        (_, Value::Null) | (FieldType::Object, _) => {}
        (FieldType::StringList | FieldType::ImageList, Value::List(_)) => {}
        (FieldType::StringList | FieldType::ImageList, Value::String(s)) => out.push(diag(
            Severity::Error,
            f,
            format!("`{key}` should be a list, e.g. [{s}]"),
            set(Value::List(vec![Value::String(s.clone())])),
        )),
        (FieldType::Date | FieldType::DateTime, Value::String(s)) => {
            if parse_date(s).is_none() {
                out.push(diag(
                    Severity::Error,
                    f,
                    format!("`{key}` is not a valid date: `{s}` (use e.g. 2024-05-01 or 2024-05-01T10:00:00+02:00)"),
                    None,
                ));
            }
        }
        (FieldType::Bool, Value::Bool(_)) => {}
        (FieldType::Bool, Value::String(s)) => {
            let b = match s.to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" => Some(true),
                "false" | "no" | "off" => Some(false),
                _ => None,
            };
            out.push(diag(
                Severity::Error,
                f,
                format!("`{key}` should be true or false, not `{s}`"),
                b.and_then(|b| set(Value::Bool(b))),
            ));
        }
        (FieldType::Number, Value::Number(_)) => {}
        (FieldType::Number, Value::String(s)) if s.trim().parse::<f64>().is_ok() => out.push(diag(
            Severity::Warning,
            f,
            format!("`{key}` should be a number, not text"),
            set(Value::Number(s.trim().to_string())),
        )),
        (FieldType::Select(opts), Value::String(s)) => {
            if !opts.contains(s) {
                out.push(diag(
                    Severity::Warning,
                    f,
                    format!("`{key}` should be one of: {}", opts.join(", ")),
                    None,
                ));
            }
        }
        (
            FieldType::String | FieldType::Text | FieldType::Image | FieldType::Url,
            Value::String(s),
        ) => {
            if matches!(ty, FieldType::Url | FieldType::Image)
                && s.trim().contains(char::is_whitespace)
            {
                out.push(diag(
                    Severity::Warning,
                    f,
                    format!("`{key}` contains spaces; is it a valid address?"),
                    None,
                ));
            }
        }
        (
            FieldType::String | FieldType::Text | FieldType::Url | FieldType::Image,
            Value::Number(n),
        ) => out.push(diag(
            Severity::Warning,
            f,
            format!("`{key}` is read as a number; quote it to keep it as text"),
            set(Value::String(n.clone())),
        )),
        (FieldType::String | FieldType::Text, Value::Bool(b)) => out.push(diag(
            Severity::Warning,
            f,
            format!("`{key}` is read as {b}; quote it to keep it as text"),
            None,
        )),
        (FieldType::Date | FieldType::DateTime, Value::Number(_)) => out.push(diag(
            Severity::Error,
            f,
            format!("`{key}` is not a valid date"),
            None,
        )),
        (_, v) => out.push(diag(
            Severity::Error,
            f,
            format!(
                "`{key}` has the wrong type: expected {}, found {}",
                expected_name(ty),
                type_name(v)
            ),
            None,
        )),
    }
}

fn expected_name(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::String
        | FieldType::Text
        | FieldType::Image
        | FieldType::Url
        | FieldType::Select(_) => "text",
        FieldType::Date | FieldType::DateTime => "a date",
        FieldType::StringList | FieldType::ImageList => "a list",
        FieldType::Bool => "true or false",
        FieldType::Number => "a number",
        FieldType::Object => "anything",
    }
}

/// Check a post against a schema. Syntax errors end validation early.
pub fn validate(post: &Post, schema: &Schema) -> Vec<Diagnostic> {
    let fields = match post.fields() {
        Ok(f) => f,
        Err(d) => return vec![d],
    };
    let mut out = Vec::new();
    for f in &fields {
        match schema.field(&f.key) {
            Some(def) => check_type(f, &def.ty, &mut out),
            None => match suggest(&f.key, schema) {
                Some(s) if !fields.iter().any(|g| g.key == s) => out.push(diag(
                    Severity::Warning,
                    f,
                    format!("unknown key `{}`: did you mean `{s}`?", f.key),
                    Some(Fix::RenameKey {
                        from: f.key.clone(),
                        to: s.to_string(),
                    }),
                )),
                _ => out.push(diag(
                    Severity::Info,
                    f,
                    format!("`{}` is not in the schema", f.key),
                    None,
                )),
            },
        }
    }
    let line = if post.format() == Format::None {
        1
    } else {
        post.body_start_line().saturating_sub(1).max(1)
    };
    for def in schema.fields.iter().filter(|d| d.required) {
        if !fields.iter().any(|f| f.key == def.key) {
            out.push(Diagnostic {
                severity: Severity::Error,
                message: format!("missing required field `{}` ({})", def.key, def.label),
                line,
                column: 1,
                key: Some(def.key.clone()),
                fix: None,
            });
        }
    }
    out
}
