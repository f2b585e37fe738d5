//! Writing YAML scalars and lists in a chosen style.

use super::{EditError, Value};

/// The quoting style of a YAML scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quote {
    Plain,
    Single,
    Double,
}

/// Style of a scalar token by its first character.
pub(crate) fn quote_of(token: &str) -> Quote {
    match token.as_bytes().first() {
        Some(b'"') => Quote::Double,
        Some(b'\'') => Quote::Single,
        _ => Quote::Plain,
    }
}

/// Words YAML 1.1 (Jekyll's Psych, go-yaml v2) or 1.2 reads as non-strings.
fn is_special_word(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", "-.inf", "+.inf",
        ".nan",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// Could `s` read as a number in some YAML version (1.2's core schema, 1.1's
/// ints and floats with `_`, sexagesimal `1:30`, `0x`/`0o`/`0b`, Go's float
/// syntax)? Errs on the side of yes; `1.1.0` and `2024-05-01` are not.
fn is_numberish(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    let b = t.as_bytes();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit() || c == b'_');
    match b {
        [b'0', b'x' | b'X' | b'o' | b'O' | b'b' | b'B', ..] => return true,
        [c, ..] if c.is_ascii_digit() => {}
        [b'.', c, ..] if c.is_ascii_digit() => {}
        _ => return false,
    }
    if t.contains(':') {
        // Sexagesimal: 1:30, 190:20:30.15.
        let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
        return digits(frac) && int.split(':').all(digits);
    }
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    let mantissa_ok = match mantissa.split_once('.') {
        Some((i, f)) => (i.is_empty() || digits(i)) && (f.is_empty() || digits(f)),
        None => digits(mantissa),
    };
    exp_ok && mantissa_ok
}

/// Is `s` a date or timestamp spelling (kept plain on purpose)?
fn is_date_like(s: &str) -> bool {
    super::parse_date(s).is_some()
}

/// Can `s` be written as a plain scalar and read back as the same string, in
/// block context (`flow == false`) or inside `[...]` (`flow == true`)?
pub(crate) fn plain_ok(s: &str, flow: bool) -> bool {
    if s.is_empty() || s.len() > 200 || s.trim() != s {
        return false;
    }
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
    {
        return false;
    }
    let first = s.as_bytes()[0];
    if matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    ) {
        // `-foo`, `?x` and `:x` are plain-safe but rarely worth the risk.
        return false;
    }
    if s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains(":\t")
        || s.contains("\t#")
    {
        return false;
    }
    // libyaml treats `:` inside flow collections as a value indicator in
    // more places than the spec does: never write it plain there.
    if flow
        && s.bytes()
            .any(|b| matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b':' | b'#'))
    {
        return false;
    }
    if is_special_word(s) {
        return false;
    }
    if is_numberish(s) && !is_date_like(s) {
        return false;
    }
    // Final check with the real parser.
    let doc = if flow {
        format!("[{s}]")
    } else {
        format!("k: {s}")
    };
    match serde_yaml::from_str::<serde_yaml::Value>(&doc) {
        Ok(serde_yaml::Value::Sequence(v)) if flow => {
            v.len() == 1 && v[0] == serde_yaml::Value::String(s.to_string())
        }
        Ok(serde_yaml::Value::Mapping(m)) if !flow => {
            m.get("k") == Some(&serde_yaml::Value::String(s.to_string()))
        }
        _ => false,
    }
}

pub(crate) fn double_quoted(s: &str) -> String {
    quoted(s, false)
}

/// A double-quoted string with backslash escapes. YAML and TOML share the
/// common escapes; they differ for other control characters: YAML has `\0`
/// and `\xNN` (and we also escape BOM and line/paragraph separators, which
/// YAML readers treat specially), TOML only `\uNNNN`.
pub(crate) fn quoted(s: &str, toml: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if toml && c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            '\0' => out.push_str("\\0"),
            c if !toml && (c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Write a string scalar, preferring `pref` when it can represent `s`.
pub(crate) fn scalar(s: &str, pref: Quote, flow: bool) -> String {
    match pref {
        Quote::Double => double_quoted(s),
        Quote::Single
            if !s.chars().any(|c| {
                c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}')
            }) =>
        {
            single_quoted(s)
        }
        Quote::Plain if plain_ok(s, flow) => s.to_string(),
        _ => double_quoted(s),
    }
}

/// Check a number spelling: it must read back as a YAML number.
pub(crate) fn number_ok(n: &str) -> bool {
    !n.is_empty()
        && n.len() < 100
        && n.trim() == n
        && matches!(
            serde_yaml::from_str::<serde_yaml::Value>(n),
            Ok(serde_yaml::Value::Number(_))
        )
}

/// Write one list item or a single-line value, in flow context when `flow`.
pub(crate) fn item(v: &Value, pref: Quote, flow: bool) -> Result<String, EditError> {
    Ok(match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            if !number_ok(n) {
                return Err(EditError::InvalidValue(format!("`{n}` is not a number")));
            }
            n.clone()
        }
        Value::String(s) => scalar(s, pref, flow),
        Value::List(items) => flow_list(items, pref, ", ", false)?,
        Value::Raw(r) => {
            let r = r.trim();
            if r.is_empty() || r.contains('\n') {
                return Err(EditError::Unsupported(
                    "a multi-line structure inside a list".into(),
                ));
            }
            r.to_string()
        }
    })
}

/// `[a, b]` with the given item style, separator and inner padding.
pub(crate) fn flow_list(
    items: &[Value],
    pref: Quote,
    sep: &str,
    pad: bool,
) -> Result<String, EditError> {
    let parts = items
        .iter()
        .map(|v| item(v, pref, true))
        .collect::<Result<Vec<_>, _>>()?;
    // Belt and braces: the whole list must read back as the items; if not,
    // double-quote every string item.
    let parts = if pref != Quote::Double && !reads_back(&parts, items) {
        items
            .iter()
            .map(|v| item(v, Quote::Double, true))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        parts
    };
    if parts.is_empty() {
        return Ok("[]".to_string());
    }
    Ok(if pad {
        format!("[ {} ]", parts.join(sep))
    } else {
        format!("[{}]", parts.join(sep))
    })
}

/// Does `[parts]` read back as the string items?
fn reads_back(parts: &[String], items: &[Value]) -> bool {
    if !items.iter().any(|v| matches!(v, Value::String(_))) {
        return true; // only string items depend on the quoting style
    }
    let doc = format!("[{}]", parts.join(", "));
    match serde_yaml::from_str::<serde_yaml::Value>(&doc) {
        Ok(serde_yaml::Value::Sequence(seq)) => {
            seq.len() == items.len()
                && seq.iter().zip(items).all(|(a, b)| match (a, b) {
                    (serde_yaml::Value::String(x), Value::String(y)) => x == y,
                    (_, Value::String(_)) => false,
                    _ => true,
                })
        }
        _ => false,
    }
}
