//! TOML front matter: read with toml_edit (keeping spans), edited as text at
//! the spans toml_edit reports, then verified by re-parsing.

use std::ops::Range;

use toml_edit::{ImDocument, Item};

use super::render::double_quoted;
use super::yaml::ParseErr;
use super::{limits, line_col, EditError, EditResult, Field, KeyRef, Order, Value};

pub(super) fn load(front: &str) -> Result<ImDocument<&str>, ParseErr> {
    ImDocument::parse(front).map_err(|e| {
        let (l, c) = e.span().map(|s| line_col(front, s.start)).unwrap_or((1, 1));
        (format!("TOML syntax error: {}", e.message().trim()), l, c)
    })
}

fn span_text(front: &str, r: Option<Range<usize>>) -> Option<&str> {
    front.get(r?)
}

pub(super) fn convert_value(front: &str, v: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    let src = span_text(front, v.span()).map(str::to_string);
    match v {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(_) | T::Float(_) => {
            Value::Number(src.unwrap_or_else(|| v.to_string().trim().to_string()))
        }
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(src.unwrap_or_else(|| d.value().to_string())),
        T::Array(a) => {
            let items: Vec<Value> = a.iter().map(|x| convert_value(front, x)).collect();
            if items
                .iter()
                .all(|x| !matches!(x, Value::List(_) | Value::Raw(_)))
            {
                Value::List(items)
            } else {
                Value::Raw(src.unwrap_or_else(|| a.to_string().trim().to_string()))
            }
        }
        T::InlineTable(t) => Value::Raw(src.unwrap_or_else(|| t.to_string().trim().to_string())),
    }
}

pub(super) fn convert(front: &str, item: &Item) -> Value {
    match item {
        Item::Value(v) => convert_value(front, v),
        Item::None => Value::Null,
        other => Value::Raw(other.to_string().trim().replace("\r\n", "\n")),
    }
}

pub(crate) fn fields(front: &str) -> Result<Vec<Field>, ParseErr> {
    let doc = load(front)?;
    let t = doc.as_table();
    if t.len() > limits::MAX_KEYS {
        return Err((
            format!(
                "front matter has too many keys (at most {})",
                limits::MAX_KEYS
            ),
            1,
            1,
        ));
    }
    Ok(t.iter()
        .map(|(k, item)| {
            let (line, column) = t
                .key(k)
                .and_then(|k| k.span())
                .map(|s| line_col(front, s.start))
                .unwrap_or((1, 1));
            Field {
                key: k.to_string(),
                key_is_text: true,
                value: convert(front, item),
                line,
                column,
            }
        })
        .collect())
}

/// A root key-value's spans.
struct Kv {
    key: String,
    key_span: Range<usize>,
    value_span: Range<usize>,
    old: Value,
    old_src: String,
    is_datetime: bool,
}

struct Snapshot {
    kvs: Vec<Kv>,
    has_tables: bool,
    all: Vec<(String, Value)>,
}

fn snapshot(front: &str) -> Result<Snapshot, EditError> {
    let doc = load(front).map_err(EditError::syntax)?;
    let t = doc.as_table();
    let mut kvs = Vec::new();
    let mut has_tables = false;
    let mut all = Vec::new();
    for (k, item) in t.iter() {
        all.push((k.to_string(), convert(front, item)));
        match item {
            Item::Value(v) => {
                let ks = t.key(k).and_then(|k| k.span());
                let vs = v.span();
                if let (Some(ks), Some(vs)) = (ks, vs) {
                    // Dotted keys (`a.b = 1`) appear as tables, so this is a plain key.
                    kvs.push(Kv {
                        key: k.to_string(),
                        old_src: front.get(vs.clone()).unwrap_or("").to_string(),
                        key_span: ks,
                        value_span: vs,
                        old: convert(front, item),
                        is_datetime: v.is_datetime(),
                    });
                }
            }
            _ => has_tables = true,
        }
    }
    Ok(Snapshot {
        kvs,
        has_tables,
        all,
    })
}

pub(super) fn line_start(front: &str, pos: usize) -> usize {
    front[..pos].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

pub(super) fn line_end_full(front: &str, pos: usize) -> usize {
    front[pos..]
        .find('\n')
        .map(|i| pos + i + 1)
        .unwrap_or(front.len())
}

pub(super) fn render_key(k: &str) -> Result<String, EditError> {
    if k.chars().any(|c| c.is_control()) {
        return Err(EditError::InvalidKey(k.to_string()));
    }
    Ok(
        if k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            k.to_string()
        } else {
            double_quoted(k)
        },
    )
}

fn is_datetime(s: &str) -> bool {
    matches!(
        s.parse::<toml_edit::Value>(),
        Ok(toml_edit::Value::Datetime(_))
    )
}

/// The string kind a TOML string token is written in: `'''`, `'`, `"""` or `"`.
fn string_kind(src: &str) -> &'static str {
    ["'''", "'", "\"\"\"", "\""]
        .into_iter()
        .find(|k| src.starts_with(k))
        .unwrap_or("\"")
}

/// The kind a new string is written in: the old token's, unless the old
/// value forced a basic string on it (it held a `'` or a control character),
/// when the kind the author chose before (`style`) is tried again.
fn kind_for(old_src: &str, old: &Value, style: &mut Option<String>) -> String {
    let kind = string_kind(old_src);
    let forced = kind.starts_with('"')
        && matches!(old, Value::String(s)
            if s.contains('\'') || s.chars().any(|c| c.is_control() && c != '\t'));
    if forced {
        style.clone().unwrap_or_else(|| kind.to_string())
    } else {
        *style = Some(kind.to_string());
        kind.to_string()
    }
}

fn render_string(s: &str, kind: &str, eol: &str) -> String {
    let no_controls =
        |allowed: &[char]| !s.chars().any(|c| c.is_control() && !allowed.contains(&c));
    match kind {
        "'''" if !s.contains("'''") && !s.ends_with('\'') && no_controls(&['\n', '\t']) => {
            // A newline right after the opening delimiter is not content.
            let lead = if s.starts_with('\n') { eol } else { "" };
            format!("'''{lead}{}'''", s.replace('\n', eol))
        }
        "'" | "'''" if !s.contains('\'') && no_controls(&['\t']) => format!("'{s}'"),
        // A TOML basic string: the YAML writer's escapes, with \u for every control character.
        _ => super::render::quoted(s, true),
    }
}

pub(super) fn render(
    v: &Value,
    old_src: &str,
    kind: &str,
    bare_dates: bool,
) -> Result<String, EditError> {
    Ok(match v {
        Value::Null => {
            return Err(EditError::InvalidValue(
                "TOML has no null value; remove the field instead".into(),
            ))
        }
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            if !matches!(
                n.parse::<toml_edit::Value>(),
                Ok(toml_edit::Value::Integer(_) | toml_edit::Value::Float(_))
            ) {
                return Err(EditError::InvalidValue(format!(
                    "`{n}` is not a TOML number"
                )));
            }
            n.clone()
        }
        Value::String(s) if bare_dates && is_datetime(s) => s.clone(),
        Value::String(s) => render_string(s, kind, "\n"),
        Value::List(items) => {
            let inner = old_src
                .strip_prefix('[')
                .map(|r| r.trim_start())
                .unwrap_or("");
            let item_src = if inner.starts_with('\'') { "'" } else { "" };
            let sep = match old_src.find(',') {
                Some(i) if !old_src[i + 1..].starts_with([' ', '\n', '\r']) => ",",
                _ => ", ",
            };
            let parts = items
                .iter()
                .map(|x| render(x, item_src, string_kind(item_src), bare_dates))
                .collect::<Result<Vec<_>, _>>()?;
            format!("[{}]", parts.join(sep))
        }
        Value::Raw(r) => {
            let r = r.trim();
            if r.parse::<toml_edit::Value>().is_err() {
                return Err(EditError::InvalidValue("not a TOML value".into()));
            }
            r.to_string()
        }
    })
}

pub(super) fn refused() -> EditError {
    EditError::Unsupported("this edit could not be applied without disturbing other fields".into())
}

fn verify(new_front: &str, want: &[(String, Option<Value>)]) -> Result<(), EditError> {
    let got = snapshot(new_front).map_err(|_| refused())?;
    if got.all.len() != want.len() {
        return Err(refused());
    }
    for ((gk, gv), (wk, wv)) in got.all.iter().zip(want) {
        if gk != wk || wv.as_ref().is_some_and(|wv| gv != wv) {
            return Err(refused());
        }
    }
    Ok(())
}

pub(crate) fn set(front: &str, key: KeyRef, value: &Value, order: &Order, eol: &str) -> EditResult {
    let KeyRef {
        name: key, style, ..
    } = key;
    let snap = snapshot(front)?;
    let want_value = match value {
        Value::Raw(_) => None,
        v => Some(v.clone()),
    };
    if let Some(kv) = snap.kvs.iter().find(|kv| kv.key == key) {
        let kind = kind_for(&kv.old_src, &kv.old, style);
        let splice = |text: String| {
            format!(
                "{}{}{}",
                &front[..kv.value_span.start],
                text,
                &front[kv.value_span.end..]
            )
        };
        let out = match value {
            Value::String(s) if !(kv.is_datetime && is_datetime(s)) && kind != "\"" => {
                splice(render_string(s, &kind, eol))
            }
            _ => splice(render(value, &kv.old_src, &kind, kv.is_datetime)?),
        };
        let want: Vec<_> = snap
            .all
            .iter()
            .map(|(k, v)| {
                if k == key {
                    (k.clone(), want_value.clone())
                } else {
                    (k.clone(), Some(v.clone()))
                }
            })
            .collect();
        // The author's kind when the reader agrees, else a basic string.
        if verify(&out, &want).is_ok() {
            return Ok(out);
        }
        let out = splice(render(value, &kv.old_src, "\"", kv.is_datetime)?);
        verify(&out, &want)?;
        return Ok(out);
    }
    if snap.all.iter().any(|(k, _)| k == key) {
        return Err(EditError::Unsupported(format!("`{key}` is a table")));
    }
    let date_key = key.to_ascii_lowercase().contains("date") || key == "lastmod";
    let line = format!(
        "{} = {}{eol}",
        render_key(key)?,
        render(value, "", "\"", date_key)?
    );
    let find = |k: &String| snap.kvs.iter().position(|kv| &kv.key == k);
    let pos = if let Some(i) = order.before.iter().find_map(find) {
        line_end_full(front, snap.kvs[i].value_span.end)
    } else if let Some(i) = order.after.iter().find_map(find) {
        line_start(front, snap.kvs[i].key_span.start)
    } else if let Some(last) = snap.kvs.last() {
        line_end_full(front, last.value_span.end)
    } else if snap.has_tables {
        0
    } else {
        front.len()
    };
    let needs_eol = pos > 0 && !front[..pos].ends_with('\n');
    let out = format!(
        "{}{}{}{}",
        &front[..pos],
        if needs_eol { eol } else { "" },
        line,
        &front[pos..]
    );
    // The new key must read back; other keys unchanged (order may differ for tables).
    let got = snapshot(&out).map_err(|_| refused())?;
    let mut got_others: Vec<_> = got.all.iter().filter(|(k, _)| k != key).cloned().collect();
    let mut old_all = snap.all.clone();
    got_others.sort_by(|a, b| a.0.cmp(&b.0));
    old_all.sort_by(|a, b| a.0.cmp(&b.0));
    let new_ok = got
        .all
        .iter()
        .any(|(k, v)| k == key && want_value.as_ref().is_none_or(|w| w == v));
    if got_others != old_all || !new_ok {
        return Err(refused());
    }
    Ok(out)
}

pub(crate) fn remove(front: &str, key: &str) -> EditResult {
    let snap = snapshot(front)?;
    let Some(kv) = snap.kvs.iter().find(|kv| kv.key == key) else {
        return if snap.all.iter().any(|(k, _)| k == key) {
            Err(EditError::Unsupported(format!("`{key}` is a table")))
        } else {
            Err(EditError::NotFound(key.to_string()))
        };
    };
    let start = line_start(front, kv.key_span.start);
    let end = line_end_full(front, kv.value_span.end);
    let out = format!("{}{}", &front[..start], &front[end..]);
    let want: Vec<_> = snap
        .all
        .iter()
        .filter(|(k, _)| k != key)
        .map(|(k, v)| (k.clone(), Some(v.clone())))
        .collect();
    verify(&out, &want)?;
    Ok(out)
}

pub(crate) fn rename(front: &str, from: &str, to: &str) -> EditResult {
    let snap = snapshot(front)?;
    let Some(kv) = snap.kvs.iter().find(|kv| kv.key == from) else {
        return if snap.all.iter().any(|(k, _)| k == from) {
            Err(EditError::Unsupported(format!("`{from}` is a table")))
        } else {
            Err(EditError::NotFound(from.to_string()))
        };
    };
    let out = format!(
        "{}{}{}",
        &front[..kv.key_span.start],
        render_key(to)?,
        &front[kv.key_span.end..]
    );
    let want: Vec<_> = snap
        .all
        .iter()
        .map(|(k, v)| {
            (
                if k == from { to.to_string() } else { k.clone() },
                Some(v.clone()),
            )
        })
        .collect();
    verify(&out, &want)?;
    Ok(out)
}
