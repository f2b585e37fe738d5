//! Typed edits as a textarea's `input` event reports them, applied to the
//! text without reading the whole value back from the page.

use crate::utf16;

/// Applies a typed edit, as a textarea's `input` event reports it, to the
/// text it was made in, so that a keystroke need not copy the whole value out
/// of the page: `inserted` (the typed text, a line break, or nothing for a
/// deletion) now ends at UTF-16 offset `caret`, and the text's UTF-16 length
/// went from `len_before` to `len_after`. Returns `None` when the numbers do
/// not fit together, or the text has CRs (a textarea holds LF only): the
/// caller then reads the whole value.
pub fn apply_typed(
    text: &str,
    len_before: usize,
    len_after: usize,
    caret: usize,
    inserted: &str,
) -> Option<String> {
    if inserted.contains('\r') || text.contains('\r') {
        return None;
    }
    let k = utf16::len(inserted);
    let start = caret.checked_sub(k)?;
    let end = start + (len_before + k).checked_sub(len_after)?;
    if end > len_before {
        return None;
    }
    let bs = utf16::exact_to_byte(text, 0, 0, start)?;
    let be = utf16::exact_to_byte(text, bs, start, end)?;
    let mut out = String::with_capacity(text.len() + inserted.len());
    out.push_str(&text[..bs]);
    out.push_str(inserted);
    out.push_str(&text[be..]);
    Some(out)
}
