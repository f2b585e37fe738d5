//! Validation of a post against a schema: syntax errors with file
//! positions, wrong types (with fixes), missing required fields, unknown keys
//! close to known ones (with a rename fix), unparsable dates, and keys
//! written twice. Keys compare as the post's [`KeyCase`] says (Hugo's ignore case).

pub use crate::post::{parse_date, Diagnostic, Fix, Severity};
use crate::post::{Field, Format, KeyCase, Post, Value};
use crate::schema::{FieldType, Schema};

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
    let case = post.key_case();
    let mut out = Vec::new();
    if post.has_late_front_matter() {
        let line = 1 + post
            .body()
            .lines()
            .take_while(|l| l.trim().is_empty())
            .count();
        out.push(Diagnostic {
            severity: Severity::Warning,
            message: "front matter after blank lines: Hugo reads it, Jekyll, Eleventy and \
                      Astro read it as text; remove the blank lines before it"
                .to_string(),
            line,
            column: 1,
            key: None,
            fix: None,
        });
    }
    for d in post.duplicate_keys() {
        let last = d.lines.last().copied().unwrap_or(1);
        out.push(Diagnostic {
            severity: Severity::Warning,
            message: format!(
                "`{}` is written more than once ({}); the generators read the last one",
                d.key,
                d.lines_text()
            ),
            line: last,
            column: 1,
            key: Some(d.key.clone()),
            fix: None,
        });
    }
    for f in &fields {
        let def = schema.field(&f.key).or_else(|| {
            (case != KeyCase::Exact)
                .then(|| schema.fields.iter().find(|d| case.same(&d.key, &f.key)))
                .flatten()
        });
        match def {
            Some(def) => check_type(f, &def.ty, &mut out),
            None => match suggest(&f.key, schema) {
                Some(s) if !fields.iter().any(|g| case.same(&g.key, s)) => out.push(diag(
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
        if !fields.iter().any(|f| case.same(&f.key, &def.key)) {
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
