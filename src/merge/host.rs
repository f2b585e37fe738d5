//! A host page setting the editor's `value` while the writer has edits of
//! their own: merged through the same three-way merge, from the value the
//! host set last, instead of replacing the edits.

use super::{merge, Merged};

/// What a new `value` from the host does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostValue {
    /// Shown as set: nothing of the writer's would be lost, or the host set
    /// again a value it set before or started with (a form reset, a revert:
    /// it means that text).
    Replace,
    /// Both the writer's edits and the host's change, merged.
    Merged(String),
    /// Both changed the same field or block: the writer settles it.
    Conflicts(Merged),
}

/// `first`: the value the editor started with (a form's default); `last`:
/// the value the host set last (or `first`); `mine`: the editor's text now;
/// `new`: the value the host sets.
pub fn host_value(first: &str, last: &str, mine: &str, new: &str) -> HostValue {
    if mine == last || new == last || new == first || new == mine {
        return HostValue::Replace;
    }
    let merged = merge(last, mine, new);
    match merged.text() {
        Some(text) => HostValue::Merged(text),
        None => HostValue::Conflicts(merged),
    }
}
