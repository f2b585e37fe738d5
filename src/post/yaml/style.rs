//! How a YAML value is written: keys, quoting chosen from the old value's
//! style, flow and block lists, literal block scalars.

use super::super::render::{self, Quote};
use super::super::yaml_scan::{is_blank, Entry};
use super::super::{EditError, Value};
use super::{token, Yv};

pub(super) fn render_key(k: &str) -> Result<String, EditError> {
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
pub(super) struct OldStyle<'a> {
    pub(super) token: &'a str,
    /// The quoting a new string value is written in when it allows it.
    pub(super) quote: Quote,
    /// Continuation lines (after the token's line) owned by the key.
    pub(super) block: &'a str,
}

fn first_flow_item_quote(tok: &str) -> Option<Quote> {
    let inner = tok.strip_prefix('[')?.trim_start();
    if inner.starts_with(']') || inner.is_empty() {
        return None;
    }
    Some(render::quote_of(inner))
}

/// Render a value: (inline text after `key: `, block lines after the key line).
pub(super) fn render_value(
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

pub(super) fn doc_list_quote(front: &str, entries: &[Entry]) -> Option<Quote> {
    entries
        .iter()
        .find_map(|e| first_flow_item_quote(token(front, e)))
}

/// The quoting of the old token a new string is written in. Quotes the old
/// value could not do without say nothing of the author's taste (typing
/// `2024-05-01` into a plain date passes through `2`, `20`, `2024-05-0`,
/// which must be quoted; `""` on the way to a title): then the style last
/// seen chosen (`key.style`) is used when the new value allows it, and the
/// same quote character when it needs quotes.
pub(super) fn quote_for(token: &str, old: &Yv, new: &Value, style: &mut Option<String>) -> Quote {
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
