//! What the [`Workspace`](super::Workspace)'s decisions answer: the UI
//! turns each into what the user sees (a draft shown, a notice).

use crate::drafts::{Draft, LoadError, SaveError};

/// Whether the text in memory is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Unsaved,
    /// The last save failed: the text is only in memory (the reason, for the user).
    Failed(String),
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Nothing to save (no edit since the last save, or a conflict waits).
    Nothing,
    /// Saved, all of it.
    Done,
    /// The draft is saved; [`Workspace::finish_save`] is due (the replaced
    /// version kept as a revision, the index), best in a task of its own.
    FinishLater,
}

/// What a storage event of another tab meant for the open draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Nothing of the open draft (the lists are refreshed anyway).
    Nothing,
    /// It was saved there while we had edits: a conflict is now offered.
    Conflict,
    /// It was saved there and we had none: theirs is open now; show it.
    Reloaded(Box<Draft>),
    /// It was deleted there: our text is kept and will be stored again.
    DeletedElsewhere,
    /// It could not be read.
    Unreadable(LoadError),
}

/// After a delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterDelete {
    /// Another draft than the open one went; nothing else changes.
    Other,
    /// The open one went: this one is open now (the newest other, or a new
    /// draft when none was left); show it.
    Opened(Box<Draft>),
    /// The open one went, none was left, and no new one could be stored.
    NoNewDraft(SaveError),
}

/// One post of an import, as the workspace took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Stored and opened (the first of the batch): show it.
    Opened(Box<Draft>),
    /// Stored, listed, not opened (a later file of the batch).
    Stored,
    /// Not stored. `first`: it is the batch's first post, which the editor
    /// shows all the same (its text is then only in memory).
    NotStored { first: bool, error: SaveError },
}
