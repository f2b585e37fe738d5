//! YAML front matter: values read with serde_yaml, edits applied to the text.

use super::pairs::Pairs;
use super::render::{self, Quote};
use super::yaml_scan::{is_blank, scan, Entry};
use super::{limits, EditError, EditResult, Field, KeyRef, Order, Value};

type Yv = serde_yaml::Value;
pub(crate) type ParseErr = (String, usize, usize);

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

fn syntax_error(e: serde_yaml::Error) -> ParseErr {
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
                Err(e) => syntax_error(e),
                Ok(Yv::Mapping(_) | Yv::Null) => syntax_error(e),
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

type Prepared = (Vec<Pair>, Vec<Entry>);

fn prepare(front: &str) -> Result<Prepared, EditError> {
    let map = load(front).map_err(EditError::syntax)?;
    let entries = scan_checked(front, &map).ok_or_else(|| {
        EditError::Unsupported("this front matter's layout is too unusual for a field edit".into())
    })?;
    Ok((map, entries))
}

fn render_key(k: &str) -> Result<String, EditError> {
    if k.contains(['\n', '\r']) || k.chars().any(|c| c.is_control()) {
        return Err(EditError::InvalidKey(k.to_string()));
    }
    Ok(
        if render::plain_ok(k, true) && !k.contains(':') && !k.contains('#') {
            k.to_string()
        } else {
            render::double_quoted(k)
        },
    )
}

/// Style facts about the existing value of a key.
struct OldStyle<'a> {
    token: &'a str,
    /// The quoting a new string value is written in when it allows it.
    quote: Quote,
    /// Continuation lines (after the token's line) owned by the key.
    block: &'a str,
}

fn first_flow_item_quote(tok: &str) -> Option<Quote> {
    let inner = tok.strip_prefix('[')?.trim_start();
    if inner.starts_with(']') || inner.is_empty() {
        return None;
    }
    Some(render::quote_of(inner))
}

/// Render a value: (inline text after `key: `, block lines after the key line).
fn render_value(
    value: &Value,
    old: Option<&OldStyle>,
    doc_list_quote: Option<Quote>,
) -> Result<(String, Vec<String>), EditError> {
    let old_tok = old.map(|o| o.token).unwrap_or("");
    let old_quote = old.map(|o| o.quote).unwrap_or(Quote::Plain);
    match value {
        Value::String(s) => {
            if s.contains('\n') && old_tok.starts_with('|') {
                if let Some(r) = literal_block(s, old.map(|o| o.block).unwrap_or("")) {
                    return Ok(r);
                }
            }
            Ok((render::scalar(s, old_quote, false), Vec::new()))
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {
            Ok((render::item(value, Quote::Plain, false)?, Vec::new()))
        }
        Value::List(items) => {
            // Existing block list?
            if let Some(o) = old.filter(|o| o.token.is_empty()) {
                if let Some(first) = o
                    .block
                    .lines()
                    .map(|l| l.trim_end_matches('\r'))
                    .find(|l| !is_blank(l) && !l.trim_start().starts_with('#'))
                {
                    let rest = first.trim_start_matches([' ', '\t']);
                    if rest == "-" || rest.starts_with("- ") {
                        let indent = &first[..first.len() - rest.len()];
                        let after = &rest[1..];
                        let gap_len = after.len() - after.trim_start_matches(' ').len();
                        let gap = " ".repeat(gap_len.max(1));
                        let q = render::quote_of(after.trim_start());
                        let lines = items
                            .iter()
                            .map(|v| {
                                render::item(v, q, false).map(|t| format!("{indent}-{gap}{t}"))
                            })
                            .collect::<Result<Vec<_>, _>>()?;
                        if !lines.is_empty() {
                            return Ok((String::new(), lines));
                        }
                        return Ok(("[]".into(), Vec::new()));
                    }
                }
            }
            if old_tok.starts_with('[') {
                let q = first_flow_item_quote(old_tok)
                    .or(doc_list_quote)
                    .unwrap_or(Quote::Plain);
                let sep = match old_tok.find(',') {
                    Some(i) if !old_tok[i + 1..].starts_with([' ', '\n', '\r']) => ",",
                    _ => ", ",
                };
                let pad = old_tok.starts_with("[ ") && !old_tok.contains('\n');
                return Ok((render::flow_list(items, q, sep, pad)?, Vec::new()));
            }
            Ok((
                render::flow_list(items, doc_list_quote.unwrap_or(Quote::Plain), ", ", false)?,
                Vec::new(),
            ))
        }
        Value::Raw(r) => {
            let r = r.replace("\r\n", "\n");
            let r = r.trim_end();
            if r.trim().is_empty() {
                return Err(EditError::InvalidValue("empty structure".into()));
            }
            if !r.contains('\n') && !r.starts_with([' ', '\t']) {
                return Ok((r.to_string(), Vec::new()));
            }
            let needs_indent = r
                .lines()
                .filter(|l| !l.trim().is_empty())
                .any(|l| !l.starts_with([' ', '\t']));
            let lines = r
                .lines()
                .map(|l| {
                    if needs_indent && !l.trim().is_empty() {
                        format!("  {l}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            Ok((String::new(), lines))
        }
    }
}

/// A literal block scalar for `s`, indented like the old block.
fn literal_block(s: &str, old_block: &str) -> Option<(String, Vec<String>)> {
    if s.chars().any(|c| c.is_control() && c != '\n') || s.starts_with([' ', '\n']) {
        return None;
    }
    let indent = old_block
        .lines()
        .find(|l| !is_blank(l))
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .filter(|&n| n > 0)
        .unwrap_or(2);
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let header = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let content = s.trim_end_matches('\n');
    if content.lines().any(|l| l.ends_with([' ', '\t'])) && trailing > 1 {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut lines: Vec<String> = content
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect();
    if trailing > 1 {
        lines.extend(std::iter::repeat_n(String::new(), trailing - 1));
    }
    Some((header.to_string(), lines))
}

fn doc_list_quote(front: &str, entries: &[Entry]) -> Option<Quote> {
    entries
        .iter()
        .find_map(|e| first_flow_item_quote(token(front, e)))
}

fn expected(v: &Value) -> Option<Yv> {
    Some(match v {
        Value::Null => Yv::Null,
        Value::Bool(b) => Yv::Bool(*b),
        Value::Number(n) => serde_yaml::from_str(n).ok()?,
        Value::String(s) => Yv::String(s.clone()),
        Value::List(items) => Yv::Sequence(items.iter().map(expected).collect::<Option<Vec<_>>>()?),
        Value::Raw(r) => serde_yaml::from_str(r).ok()?,
    })
}

fn same(a: &Yv, b: &Yv) -> bool {
    a == b || format!("{a:?}") == format!("{b:?}")
}

/// An anchored value may be used by aliases elsewhere: changing or removing
/// it would change those fields too, so it is refused up front.
fn check_anchor(front: &str, e: &Entry) -> Result<(), EditError> {
    if token(front, e).starts_with('&') {
        return Err(EditError::Unsupported(format!(
            "`{}` defines an anchor (&) that other fields may use",
            e.key
        )));
    }
    Ok(())
}

fn refused() -> EditError {
    EditError::Unsupported("this edit could not be applied without disturbing other fields".into())
}

/// What a pair should read as after an edit: its key, and its value when known.
type Want = (String, bool, Option<Yv>);

fn unchanged(p: &Pair) -> Want {
    (p.key.clone(), p.text, Some(p.value.clone()))
}

/// Check that `new_front` holds `want` (old pairs with the one change).
fn verify(new_front: &str, want: &[Want]) -> Result<(), EditError> {
    let got = load(new_front).map_err(|_| refused())?;
    if got.len() != want.len() {
        return Err(refused());
    }
    for (g, (wk, wt, wv)) in got.iter().zip(want) {
        if g.key != *wk || g.text != *wt || wv.as_ref().is_some_and(|wv| !same(&g.value, wv)) {
            return Err(refused());
        }
    }
    if scan_checked(new_front, &got).is_none() {
        return Err(refused());
    }
    Ok(())
}

/// The entry `key` names, if any; a key written twice cannot be edited
/// (which one to change is the author's call).
fn find(map: &[Pair], key: &KeyRef) -> Result<Option<usize>, EditError> {
    let at: Vec<usize> = (0..map.len())
        .filter(|&i| map[i].key == key.name && map[i].text == key.text)
        .collect();
    match at.as_slice() {
        [] => Ok(None),
        [i] => Ok(Some(*i)),
        _ => Err(super::duplicate_refusal(key.name, &[])),
    }
}

/// The quoting of the old token a new string is written in. Quotes the old
/// value could not do without say nothing of the author's taste (typing
/// `2024-05-01` into a plain date passes through `2`, `20`, `2024-05-0`,
/// which must be quoted; `""` on the way to a title): then the style last
/// seen chosen (`key.style`) is used when the new value allows it, and the
/// same quote character when it needs quotes.
fn quote_for(token: &str, old: &Yv, new: &Value, style: &mut Option<String>) -> Quote {
    if token.starts_with(['[', '{', '|', '>', '&', '*', '!']) {
        return Quote::Plain;
    }
    let q = render::quote_of(token);
    let forced = match old {
        Yv::String(s) => q != Quote::Plain && !render::plain_ok(s, false),
        _ => false,
    };
    if !forced {
        *style = Some(token[..usize::from(q != Quote::Plain)].to_string());
        return q;
    }
    match new {
        Value::String(s) if render::plain_ok(s, false) => match style.as_deref() {
            Some(t) => render::quote_of(t),
            None => Quote::Plain,
        },
        _ => q,
    }
}

pub(crate) fn set(front: &str, key: KeyRef, value: &Value, order: &Order, eol: &str) -> EditResult {
    let (map, entries) = prepare(front)?;
    let list_q = doc_list_quote(front, &entries);
    let out;
    let want: Vec<Want>;
    if let Some(idx) = find(&map, &key)? {
        let e = &entries[idx];
        check_anchor(front, e)?;
        let token = token(front, e);
        let old = OldStyle {
            token,
            quote: quote_for(token, &map[idx].value, value, key.style),
            block: &front[e.token_line_full..e.span_end],
        };
        let (inline, block) = render_value(value, Some(&old), list_q)?;
        let prefix = &front[e.line_start..e.value_start];
        let rest = &front[e.inline_end..e.token_line_full];
        let mut s = String::with_capacity(front.len() + inline.len() + 64);
        s.push_str(&front[..e.line_start]);
        if inline.is_empty() {
            s.push_str(prefix.trim_end_matches([' ', '\t']));
        } else {
            s.push_str(prefix);
            if !prefix.ends_with([' ', '\t']) {
                s.push(' ');
            }
        }
        s.push_str(&inline);
        if !inline.is_empty() && rest.starts_with('#') {
            s.push(' ');
        }
        s.push_str(rest);
        if !block.is_empty() && !rest.ends_with('\n') {
            s.push_str(eol);
        }
        for l in &block {
            s.push_str(l);
            s.push_str(eol);
        }
        s.push_str(&front[e.span_end..]);
        out = s;
        want = map
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == idx {
                    (p.key.clone(), p.text, expected(value))
                } else {
                    unchanged(p)
                }
            })
            .collect();
    } else {
        let (inline, block) = render_value(value, None, list_q)?;
        let mut text = render_key(key.name)?;
        text.push(':');
        if !inline.is_empty() {
            text.push(' ');
            text.push_str(&inline);
        }
        text.push_str(eol);
        for l in &block {
            text.push_str(l);
            text.push_str(eol);
        }
        let find = |k: &String| entries.iter().position(|e| &e.key == k);
        let (pos, idx) = if let Some(i) = order.before.iter().find_map(find) {
            (entries[i].span_end, i + 1)
        } else if let Some(i) = order.after.iter().find_map(find) {
            (entries[i].line_start, i)
        } else {
            (front.len(), entries.len())
        };
        let mut s = String::with_capacity(front.len() + text.len() + 2);
        s.push_str(&front[..pos]);
        if pos > 0 && !front[..pos].ends_with('\n') {
            s.push_str(eol);
        }
        s.push_str(&text);
        s.push_str(&front[pos..]);
        out = s;
        let mut w: Vec<Want> = map.iter().map(unchanged).collect();
        w.insert(
            idx.min(w.len()),
            (key.name.to_string(), true, expected(value)),
        );
        want = w;
    }
    verify(&out, &want)?;
    Ok(out)
}

pub(crate) fn remove(front: &str, key: KeyRef) -> EditResult {
    let (map, entries) = prepare(front)?;
    let idx = find(&map, &key)?.ok_or_else(|| EditError::NotFound(key.name.to_string()))?;
    let e = &entries[idx];
    check_anchor(front, e)?;
    let out = format!("{}{}", &front[..e.line_start], &front[e.span_end..]);
    let want: Vec<Want> = map
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != idx)
        .map(|(_, p)| unchanged(p))
        .collect();
    verify(&out, &want)?;
    Ok(out)
}

pub(crate) fn rename(front: &str, from: KeyRef, to: &str) -> EditResult {
    let (map, entries) = prepare(front)?;
    let idx = find(&map, &from)?.ok_or_else(|| EditError::NotFound(from.name.to_string()))?;
    let e = &entries[idx];
    let out = format!(
        "{}{}{}",
        &front[..e.key_start],
        render_key(to)?,
        &front[e.key_end..]
    );
    let want: Vec<Want> = map
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == idx {
                (to.to_string(), true, Some(p.value.clone()))
            } else {
                unchanged(p)
            }
        })
        .collect();
    verify(&out, &want)?;
    Ok(out)
}
