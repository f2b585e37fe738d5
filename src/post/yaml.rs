//! YAML front matter: values read with serde_yaml, edits applied to the text.
//! Reading lives here; the edits are in `edit`, how values are written in `style`.

mod edit;
mod style;

use super::pairs::Pairs;
use super::render::{self, Quote};
use super::yaml_scan::{scan, Entry};
use super::yaml_unclosed::unclosed;
use super::{limits, Field, Value};

type Yv = serde_yaml::Value;
pub(crate) type ParseErr = (String, usize, usize);

pub(crate) use edit::{remove, rename, set};

/// Bound alias expansion before serde_yaml sees the text (serde_yaml's own
/// repetition limit still lets a large anchored list be copied millions of
/// times). An anchor's extent is over-approximated as "from the anchor to the
/// end of the top-level key that holds it".
fn check_aliases(front: &str) -> Result<(), ParseErr> {
    let aliases: Vec<(usize, &str)> = limits::tokens(front, b'*').collect();
    if aliases.is_empty() {
        return Ok(());
    }
    let err = |m: &str| Err((m.to_string(), 1, 1));
    let Ok(entries) = scan(front) else {
        return err("front matter uses aliases (*name) in a layout too unusual to check safely");
    };
    let mut extents: Vec<(&str, usize, usize)> = Vec::new();
    for (pos, name) in limits::tokens(front, b'&') {
        let end = entries
            .iter()
            .find(|e| e.line_start <= pos && pos < e.span_end)
            .map(|e| e.span_end)
            .unwrap_or(front.len());
        if aliases.iter().any(|&(a, _)| a > pos && a < end) {
            return err("front matter uses an alias inside an anchored value (nested aliases are not supported)");
        }
        extents.push((name, pos, end));
    }
    let mut total = 0usize;
    for (_, name) in &aliases {
        // The most recent definition wins in YAML; take the largest to be safe.
        let size = extents
            .iter()
            .filter(|(n, _, _)| n == name)
            .map(|(_, s, e)| e - s)
            .max()
            .unwrap_or(0);
        total = total.saturating_add(size);
    }
    if total > limits::MAX_ALIAS_EXPANSION_BYTES {
        return err("front matter's aliases would expand to too much data");
    }
    Ok(())
}

/// A top-level pair as read: the key's text and whether YAML reads it as
/// text (`"1"`) or as another type (`1`, `true`), which are distinct keys.
#[derive(Debug, Clone, PartialEq)]
struct Pair {
    key: String,
    text: bool,
    value: Yv,
}

/// What is wrong, and where: an unclosed quote or bracket where it opens
/// (the reader only notices at the end), else where the reader stopped.
fn syntax_error(front: &str, e: serde_yaml::Error) -> ParseErr {
    if let Some(u) = unclosed(front) {
        return (u.message(), u.line, u.column);
    }
    let (l, c) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let msg = e.to_string();
    let msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    (format!("YAML syntax error: {msg}"), l, c)
}

/// Parse with serde_yaml into top-level pairs in file order, a key written
/// twice kept twice.
fn load(front: &str) -> Result<Vec<Pair>, ParseErr> {
    check_aliases(front)?;
    let pairs = match serde_yaml::from_str::<Pairs<Yv, Yv>>(front) {
        Ok(p) => p.0,
        Err(e) => {
            // Say what is wrong as a whole-value read would.
            return Err(match serde_yaml::from_str::<Yv>(front) {
                Err(e) => syntax_error(front, e),
                Ok(Yv::Mapping(_) | Yv::Null) => syntax_error(front, e),
                Ok(_) => (
                    "front matter must be a list of `key: value` pairs".to_string(),
                    1,
                    1,
                ),
            });
        }
    };
    if pairs.len() > limits::MAX_KEYS {
        return Err((
            format!(
                "front matter has too many keys ({}, at most {})",
                pairs.len(),
                limits::MAX_KEYS
            ),
            1,
            1,
        ));
    }
    let mut out = Vec::with_capacity(pairs.len());
    for (k, value) in pairs {
        let (key, text) = match k {
            Yv::String(s) => (s, true),
            Yv::Number(n) => (n.to_string(), false),
            Yv::Bool(b) => (b.to_string(), false),
            Yv::Null => ("null".to_string(), false),
            _ => {
                return Err((
                    "front matter keys must be simple names, not lists or mappings".to_string(),
                    1,
                    1,
                ))
            }
        };
        out.push(Pair { key, text, value });
    }
    Ok(out)
}

/// The scanned entries, if they agree with what serde_yaml read.
fn scan_checked(front: &str, map: &[Pair]) -> Option<Vec<Entry>> {
    let es = scan(front).ok()?;
    (es.len() == map.len() && es.iter().zip(map).all(|(e, p)| e.key == p.key)).then_some(es)
}

fn token<'a>(front: &'a str, e: &Entry) -> &'a str {
    &front[e.value_start..e.inline_end]
}

/// Source text of a structured value, line endings normalized to `\n`.
fn raw_source(front: &str, e: &Entry) -> String {
    let start = if e.inline_end == e.value_start {
        e.token_line_full
    } else {
        e.value_start
    };
    let text = front[start.min(e.span_end)..e.span_end].trim_end_matches(['\n', '\r']);
    text.replace("\r\n", "\n")
}

fn scalar_value(v: &Yv) -> Option<Value> {
    Some(match v {
        Yv::Null => Value::Null,
        Yv::Bool(b) => Value::Bool(*b),
        Yv::Number(n) => Value::Number(n.to_string()),
        Yv::String(s) => Value::String(s.clone()),
        _ => return None,
    })
}

fn convert(front: &str, v: &Yv, e: Option<&Entry>) -> Value {
    if let Some(e) = e {
        let t = token(front, e);
        if t.starts_with(['&', '*', '!']) {
            return Value::Raw(raw_source(front, e));
        }
        if let Yv::Number(_) = v {
            if e.span_end == e.token_line_full && !t.is_empty() && quote_of_plain(t) {
                return Value::Number(t.to_string());
            }
        }
    }
    if let Some(s) = scalar_value(v) {
        return s;
    }
    if let Yv::Sequence(items) = v {
        if let Some(list) = items.iter().map(scalar_value).collect::<Option<Vec<_>>>() {
            return Value::List(list);
        }
    }
    match e {
        Some(e) => Value::Raw(raw_source(front, e)),
        None => Value::Raw(
            serde_yaml::to_string(v)
                .unwrap_or_default()
                .trim_end()
                .to_string(),
        ),
    }
}

fn quote_of_plain(t: &str) -> bool {
    render::quote_of(t) == Quote::Plain
}

pub(crate) fn fields(front: &str) -> Result<Vec<Field>, ParseErr> {
    let map = load(front)?;
    let entries = scan_checked(front, &map);
    Ok(map
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let e = entries.as_ref().map(|es| &es[i]);
            Field {
                key: p.key.clone(),
                key_is_text: p.text,
                value: convert(front, &p.value, e),
                line: e.map(|e| e.line_no + 1).unwrap_or(1),
                column: 1,
            }
        })
        .collect())
}
