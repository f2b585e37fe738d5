//! Field edits on YAML front matter (set, remove, rename), each checked
//! by reading the result back with serde_yaml.

use super::super::yaml_scan::Entry;
use super::super::{EditError, EditResult, KeyRef, Order, Value};
use super::style::{doc_list_quote, quote_for, render_key, render_value, OldStyle};
use super::{load, scan_checked, token, Pair, Yv};

type Prepared = (Vec<Pair>, Vec<Entry>);

fn prepare(front: &str) -> Result<Prepared, EditError> {
    let map = load(front).map_err(EditError::syntax)?;
    let entries = scan_checked(front, &map).ok_or_else(|| {
        EditError::Unsupported("this front matter's layout is too unusual for a field edit".into())
    })?;
    Ok((map, entries))
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
        _ => Err(super::super::duplicate_refusal(key.name, &[])),
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
