//! A field's value as one piece of text, and back: what `postwright get`
//! prints and what `postwright set` takes by default. The text is the value
//! itself (a title is its words, unquoted); `set` gives it the type the
//! field already has when the text fits it (a number stays a number, a list
//! takes one item a line, a nested structure takes its source), so
//! `set FILE KEY "$(get FILE KEY)"` changes nothing.

use super::Value;

/// The text of `value`: a list one item a line, `null` as nothing.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(s) | Value::String(s) | Value::Raw(s) => s.clone(),
        Value::List(items) => items.iter().map(value_text).collect::<Vec<_>>().join("\n"),
    }
}

/// The value `text` means for a field now holding `current` (`None`: a new
/// field, which gets the text as a string). A shell's `$(…)` drops trailing
/// line breaks, so a text that differs from the current string only by them
/// means the current string.
pub fn value_from_text(text: &str, current: Option<&Value>) -> Value {
    let string = || Value::String(text.to_string());
    match current {
        None => string(),
        Some(Value::String(s)) if s.trim_end_matches(['\n', '\r']) == text => {
            Value::String(s.clone())
        }
        Some(Value::String(_)) => string(),
        Some(Value::Number(n)) if n == text || is_number(text) => Value::Number(text.to_string()),
        Some(Value::Bool(_)) if text == "true" || text == "false" => Value::Bool(text == "true"),
        Some(Value::Null) if text.is_empty() => Value::Null,
        Some(Value::Raw(_)) => Value::Raw(text.to_string()),
        Some(v @ Value::List(items)) => {
            if text.is_empty() && value_text(v).is_empty() {
                return v.clone();
            }
            Value::List(
                text.split('\n')
                    .enumerate()
                    .map(|(i, line)| value_from_text(line, items.get(i)))
                    .collect(),
            )
        }
        Some(_) => string(),
    }
}

fn is_number(text: &str) -> bool {
    let t = text.strip_prefix(['+', '-']).unwrap_or(text);
    t.starts_with(|c: char| c.is_ascii_digit())
        && (t.parse::<f64>().is_ok() || t.parse::<i64>().is_ok())
}
