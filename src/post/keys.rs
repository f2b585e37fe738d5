//! Which front-matter field a key names, as the post's generator would read
//! it: Hugo lower-cases its keys (`Title:` is Hugo's title), the others
//! compare them exactly; a YAML key written as text (`"1"`) is another key
//! than the number `1`; and a key written twice is read as the generators
//! read it, the last one winning.

use super::Field;

/// How keys compare: exactly, or ignoring case as Hugo does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyCase {
    #[default]
    Exact,
    /// Hugo's: `Title` and `title` are one key. Edits keep the key as written.
    Insensitive,
}

impl KeyCase {
    pub fn same(self, a: &str, b: &str) -> bool {
        match self {
            KeyCase::Exact => a == b,
            KeyCase::Insensitive => a == b || a.to_lowercase() == b.to_lowercase(),
        }
    }
}

/// A key written more than once; `lines` are 1-based file lines, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub lines: Vec<usize>,
}

impl DuplicateKey {
    /// "lines 3 and 7" / "lines 3, 5 and 7".
    pub fn lines_text(&self) -> String {
        let n: Vec<String> = self.lines.iter().map(usize::to_string).collect();
        match n.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("lines {} and {last}", rest.join(", "))
            }
            _ => format!("line {}", n.join("")),
        }
    }
}

/// The field `key` names: a text key spelled exactly so, else a key of
/// another YAML type (a number, `true`) spelled so, else (under
/// [`KeyCase::Insensitive`]) the key that differs only in case. `Err` when
/// several keys differ from `key` only in case (which one Hugo reads is
/// undefined).
pub(crate) fn resolve<'f>(
    fields: &'f [Field],
    key: &str,
    case: KeyCase,
) -> Result<Option<&'f Field>, Vec<&'f Field>> {
    if let Some(f) = fields.iter().find(|f| f.key == key && f.key_is_text) {
        return Ok(Some(f));
    }
    if let Some(f) = fields.iter().find(|f| f.key == key) {
        return Ok(Some(f));
    }
    let close: Vec<&Field> = fields.iter().filter(|f| case.same(&f.key, key)).collect();
    match close.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        _ => Err(close),
    }
}

/// Keep the last of each key written more than once (the generators' reading).
pub(crate) fn last_wins(fields: Vec<Field>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::with_capacity(fields.len());
    for f in fields {
        out.retain(|g| !(g.key == f.key && g.key_is_text == f.key_is_text));
        out.push(f);
    }
    out
}

/// The keys of `fields` (every occurrence, in file order) written more than once.
pub(crate) fn duplicates(fields: &[Field]) -> Vec<DuplicateKey> {
    let mut out: Vec<DuplicateKey> = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let same = |g: &&Field| g.key == f.key && g.key_is_text == f.key_is_text;
        if fields[..i].iter().any(|g| same(&g)) {
            continue;
        }
        let lines: Vec<usize> = fields[i..].iter().filter(same).map(|g| g.line).collect();
        if lines.len() > 1 {
            out.push(DuplicateKey {
                key: f.key.clone(),
                lines,
            });
        }
    }
    out
}
