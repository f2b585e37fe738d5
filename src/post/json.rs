//! JSON front matter: read with serde_json (key order preserved), edited as
//! text at member spans found by a small scanner, verified by re-parsing.

use serde_json::Value as Jv;

use super::pairs::Pairs;
use super::yaml::ParseErr;
use super::{limits, line_col, EditError, EditResult, Field, Order, Value};

/// The top-level members in file order, a key written twice kept twice
/// (serde_json's map would keep one; the generators read the last).
fn load(front: &str) -> Result<Vec<(String, Jv)>, ParseErr> {
    let syntax = |e: serde_json::Error| {
        (
            format!("JSON syntax error: {}", strip_pos(&e.to_string())),
            e.line(),
            e.column(),
        )
    };
    let pairs = match serde_json::from_str::<Pairs<String, Jv>>(front) {
        Ok(p) => p.0,
        Err(e) => {
            return Err(match serde_json::from_str::<Jv>(front) {
                Err(e) => syntax(e),
                Ok(Jv::Object(_)) => syntax(e),
                Ok(_) => ("JSON front matter must be an object".into(), 1, 1),
            })
        }
    };
    if pairs.len() > limits::MAX_KEYS {
        return Err((
            format!(
                "front matter has too many keys (at most {})",
                limits::MAX_KEYS
            ),
            1,
            1,
        ));
    }
    Ok(pairs)
}

fn strip_pos(m: &str) -> &str {
    m.find(" at line ").map(|i| &m[..i]).unwrap_or(m)
}

struct Member {
    key: String,
    key_start: usize,
    key_end: usize,
    value_start: usize,
    value_end: usize,
}

struct Obj {
    open: usize,
    close: usize,
    members: Vec<Member>,
}

fn ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    i
}

fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = string_end(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n')
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

fn scan(front: &str) -> Option<Obj> {
    let b = front.as_bytes();
    let open = ws(b, 0);
    if b.get(open) != Some(&b'{') {
        return None;
    }
    let mut i = ws(b, open + 1);
    let mut members = Vec::new();
    if b.get(i) == Some(&b'}') {
        return Some(Obj {
            open,
            close: i,
            members,
        });
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = string_end(b, i)?;
        let key: String = serde_json::from_str(&front[i..key_end]).ok()?;
        let mut j = ws(b, key_end);
        if b.get(j) != Some(&b':') {
            return None;
        }
        j = ws(b, j + 1);
        let ve = value_end(b, j)?;
        members.push(Member {
            key,
            key_start: i,
            key_end,
            value_start: j,
            value_end: ve,
        });
        let k = ws(b, ve);
        match b.get(k) {
            Some(b',') => i = ws(b, k + 1),
            Some(b'}') => {
                return Some(Obj {
                    open,
                    close: k,
                    members,
                })
            }
            _ => return None,
        }
    }
}

fn scan_checked(front: &str, map: &[(String, Jv)]) -> Option<Obj> {
    let o = scan(front)?;
    (o.members.len() == map.len() && o.members.iter().zip(map).all(|(m, (k, _))| m.key == *k))
        .then_some(o)
}

fn scalar(v: &Jv) -> Option<Value> {
    Some(match v {
        Jv::Null => Value::Null,
        Jv::Bool(b) => Value::Bool(*b),
        Jv::Number(n) => Value::Number(n.to_string()),
        Jv::String(s) => Value::String(s.clone()),
        _ => return None,
    })
}

fn convert(front: &str, v: &Jv, m: Option<&Member>) -> Value {
    let src = m.map(|m| front[m.value_start..m.value_end].replace("\r\n", "\n"));
    match v {
        Jv::Number(n) => Value::Number(src.unwrap_or_else(|| n.to_string())),
        Jv::Array(items) => match items.iter().map(scalar).collect::<Option<Vec<_>>>() {
            Some(l) => Value::List(l),
            None => Value::Raw(src.unwrap_or_else(|| v.to_string())),
        },
        Jv::Object(_) => Value::Raw(src.unwrap_or_else(|| v.to_string())),
        other => scalar(other).unwrap_or(Value::Null),
    }
}

pub(crate) fn fields(front: &str) -> Result<Vec<Field>, ParseErr> {
    let map = load(front)?;
    let obj = scan_checked(front, &map);
    Ok(map
        .iter()
        .enumerate()
        .map(|(i, (k, v))| {
            let m = obj.as_ref().map(|o| &o.members[i]);
            let (line, column) = m.map(|m| line_col(front, m.key_start)).unwrap_or((1, 1));
            Field {
                key: k.clone(),
                key_is_text: true,
                value: convert(front, v, m),
                line,
                column,
            }
        })
        .collect())
}

fn prepare(front: &str) -> Result<(Vec<(String, Jv)>, Obj), EditError> {
    let map = load(front).map_err(EditError::syntax)?;
    let obj = scan_checked(front, &map).ok_or_else(|| {
        EditError::Unsupported("this JSON has duplicate keys or an unusual layout".into())
    })?;
    Ok((map, obj))
}

fn expected(v: &Value) -> Result<Jv, EditError> {
    Ok(match v {
        Value::Null => Jv::Null,
        Value::Bool(b) => Jv::Bool(*b),
        Value::Number(n) => match serde_json::from_str::<Jv>(n) {
            Ok(j @ Jv::Number(_)) => j,
            _ => {
                return Err(EditError::InvalidValue(format!(
                    "`{n}` is not a JSON number"
                )))
            }
        },
        Value::String(s) => Jv::String(s.clone()),
        Value::List(items) => Jv::Array(items.iter().map(expected).collect::<Result<_, _>>()?),
        Value::Raw(r) => {
            serde_json::from_str(r).map_err(|_| EditError::InvalidValue("not valid JSON".into()))?
        }
    })
}

fn render(v: &Value, old_src: Option<&str>, eol: &str) -> Result<String, EditError> {
    let j = expected(v)?;
    Ok(match v {
        Value::Number(n) => n.clone(),
        Value::Raw(r) => r.trim().replace('\n', eol),
        Value::List(items) => {
            let parts = items
                .iter()
                .map(|x| render(x, None, eol))
                .collect::<Result<Vec<_>, _>>()?;
            match old_src {
                Some(o) if o.starts_with('[') && o.contains('\n') && !parts.is_empty() => {
                    // Multi-line array: keep item indent and closing indent.
                    let item_indent = o
                        .lines()
                        .skip(1)
                        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with(']'))
                        .map(|l| &l[..l.len() - l.trim_start().len()])
                        .unwrap_or("  ");
                    let close_line = o.lines().last().unwrap_or("]");
                    let close_indent =
                        &close_line[..close_line.len() - close_line.trim_start().len()];
                    let mut s = String::from("[");
                    for (i, p) in parts.iter().enumerate() {
                        s.push_str(eol);
                        s.push_str(item_indent);
                        s.push_str(p);
                        if i + 1 < parts.len() {
                            s.push(',');
                        }
                    }
                    s.push_str(eol);
                    s.push_str(close_indent);
                    s.push(']');
                    s
                }
                Some(o) if o.contains(",") && !o.contains(", ") => format!("[{}]", parts.join(",")),
                _ => format!("[{}]", parts.join(", ")),
            }
        }
        _ => serde_json::to_string(&j).unwrap_or_default(),
    })
}

fn refused() -> EditError {
    EditError::Unsupported("this edit could not be applied without disturbing other fields".into())
}

fn verify(new_front: &str, want: &[(String, Jv)]) -> Result<(), EditError> {
    let got = load(new_front).map_err(|_| refused())?;
    if got != want || scan_checked(new_front, &got).is_none() {
        return Err(refused());
    }
    Ok(())
}

/// Indentation (whitespace before `pos` on its line), if only whitespace.
fn indent_of(front: &str, pos: usize) -> Option<&str> {
    let ls = front[..pos].rfind('\n').map(|i| i + 1)?;
    let ind = &front[ls..pos];
    ind.trim().is_empty().then_some(ind)
}

pub(crate) fn set(front: &str, key: &str, value: &Value, order: &Order, eol: &str) -> EditResult {
    let owned;
    let front = if front.trim().is_empty() {
        owned = format!("{{}}{eol}");
        owned.as_str()
    } else {
        front
    };
    let (map, obj) = prepare(front)?;
    let jv = expected(value)?;
    let mut want = map.clone();
    let out = if let Some(i) = obj.members.iter().position(|m| m.key == key) {
        let m = &obj.members[i];
        let text = render(value, Some(&front[m.value_start..m.value_end]), eol)?;
        want[i].1 = jv;
        format!(
            "{}{}{}",
            &front[..m.value_start],
            text,
            &front[m.value_end..]
        )
    } else {
        let text = render(value, None, eol)?;
        let sep = obj
            .members
            .first()
            .map(|m| &front[m.key_end..m.value_start])
            .unwrap_or(": ");
        let member = format!(
            "{}{}{}",
            serde_json::to_string(key).unwrap_or_default(),
            sep,
            text
        );
        let find = |k: &String| obj.members.iter().position(|m| &m.key == k);
        let multiline = front[obj.open..obj.close].contains('\n');
        if obj.members.is_empty() {
            want.push((key.to_string(), jv));
            let inner = if multiline {
                format!("{eol}  {member}{eol}")
            } else if obj.close > obj.open + 1 {
                // `{  }`: the author spaces the braces.
                format!(" {member} ")
            } else {
                member
            };
            format!("{}{}{}", &front[..obj.open + 1], inner, &front[obj.close..])
        } else if let (None, Some(i)) = (
            order.before.iter().find_map(find),
            order.after.iter().find_map(find),
        ) {
            let m = &obj.members[i];
            want.insert(i, (key.to_string(), jv));
            let glue = match indent_of(front, m.key_start) {
                Some(ind) if multiline => format!(",{eol}{ind}"),
                _ => ", ".to_string(),
            };
            format!(
                "{}{}{}{}",
                &front[..m.key_start],
                member,
                glue,
                &front[m.key_start..]
            )
        } else {
            let i = order
                .before
                .iter()
                .find_map(find)
                .unwrap_or(obj.members.len() - 1);
            let m = &obj.members[i];
            want.insert(i + 1, (key.to_string(), jv));
            let glue = match indent_of(front, m.key_start) {
                Some(ind) if multiline => format!(",{eol}{ind}"),
                _ => ", ".to_string(),
            };
            // Insert after the member's value; a following comma stays after us.
            format!(
                "{}{}{}{}",
                &front[..m.value_end],
                glue,
                member,
                &front[m.value_end..]
            )
        }
    };
    verify(&out, &want)?;
    Ok(out)
}

pub(crate) fn remove(front: &str, key: &str) -> EditResult {
    let (map, obj) = prepare(front)?;
    let i = obj
        .members
        .iter()
        .position(|m| m.key == key)
        .ok_or_else(|| EditError::NotFound(key.to_string()))?;
    let ms = &obj.members;
    let out = if i + 1 < ms.len() {
        format!(
            "{}{}",
            &front[..ms[i].key_start],
            &front[ms[i + 1].key_start..]
        )
    } else if i > 0 {
        format!(
            "{}{}",
            &front[..ms[i - 1].value_end],
            &front[ms[i].value_end..]
        )
    } else {
        format!("{}{}", &front[..obj.open + 1], &front[obj.close..])
    };
    let want: Vec<_> = map.into_iter().filter(|(k, _)| k != key).collect();
    verify(&out, &want)?;
    Ok(out)
}

pub(crate) fn rename(front: &str, from: &str, to: &str) -> EditResult {
    let (map, obj) = prepare(front)?;
    let m = obj
        .members
        .iter()
        .find(|m| m.key == from)
        .ok_or_else(|| EditError::NotFound(from.to_string()))?;
    let out = format!(
        "{}{}{}",
        &front[..m.key_start],
        serde_json::to_string(to).unwrap_or_default(),
        &front[m.key_end..]
    );
    let want: Vec<_> = map
        .into_iter()
        .map(|(k, v)| (if k == from { to.to_string() } else { k }, v))
        .collect();
    verify(&out, &want)?;
    Ok(out)
}
