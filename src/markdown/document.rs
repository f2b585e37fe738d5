//! What a document's blocks share: heading ids, footnote numbers and
//! definitions, link definitions. The renderer records each block's share;
//! the incremental preview hands a part of a document what it needs of the
//! rest ([`Context`]) so that the part renders as it does within the whole.

use std::collections::{HashMap, HashSet};

/// Where a top-level block ends, and what it contributes to document-wide
/// state (heading ids, footnote numbers and definitions).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) html_end: usize,
    /// The end of the block's source (its start is the previous block's end).
    pub(crate) src_end: usize,
    pub(crate) doc: DocState,
    /// The words a reader reads in the block (see [`super::stats`]).
    pub(crate) words: super::stats::Count,
}

/// A block's share of the document-wide state, empty for most blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocState {
    /// Heading ids given in this block, in order.
    pub(crate) ids: Vec<HeadingId>,
    /// Footnote labels first numbered in this block, in order.
    pub(crate) notes: Vec<String>,
    /// Footnote labels defined in this block.
    pub(crate) note_defs: Vec<String>,
}

impl DocState {
    pub(crate) fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.notes.is_empty() && self.note_defs.is_empty()
    }
}

/// A link reference definition: `[label]: dest "title"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RefDef {
    pub(crate) label: String,
    pub(crate) dest: String,
    pub(crate) title: String,
    /// Where the definition starts in the source.
    pub(crate) at: usize,
}

/// What rendering a part of a document needs to know of the rest of it, so
/// that the part renders exactly as it does within the whole document.
#[derive(Default)]
pub(crate) struct Context {
    /// Heading ids given before the part.
    pub(crate) ids: HashSet<String>,
    /// Footnote labels numbered before the part, in order (number = index + 1).
    pub(crate) notes: Vec<String>,
    /// Link reference definitions of the whole document, by normalized label.
    pub(crate) refdefs: HashMap<String, (String, String)>,
    /// Footnote labels defined anywhere in the document: a reference to a
    /// footnote is one only if its definition exists.
    pub(crate) note_defs: Vec<String>,
}

/// A link label as pulldown-cmark matches it: case-insensitive, runs of
/// white space as one space.
pub(crate) fn normalize_label(label: &str) -> String {
    let mut s = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.extend(word.chars().flat_map(char::to_lowercase));
    }
    s
}

/// A heading's id, and the slug it was made from when it was not given
/// explicitly (`{#id}`): the id is that slug, or the slug with `-n` when
/// an earlier heading had taken it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeadingId {
    pub(crate) id: String,
    pub(crate) slug: Option<String>,
}

impl HeadingId {
    /// Whether adding or removing `id` elsewhere before this heading could
    /// change this heading's id: only if `id` is its slug, or its slug `-n`.
    pub(crate) fn depends_on(&self, id: &str) -> bool {
        let Some(slug) = &self.slug else {
            return false;
        };
        id == slug
            || id
                .strip_prefix(slug.as_str())
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }
}
