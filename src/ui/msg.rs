//! Everything that can happen to the editor, as messages to
//! [`Editor::update`](super::Editor).

use std::fmt;

use crate::browser::journal::JournalEvent;
use crate::browser::{folder, BrowserError};
use crate::editing::Action;
use crate::export::Preset;
use crate::post::{ImportError, Post, Value};
use crate::validate::Fix;

/// How the Markdown textarea changed.
pub enum BodyChange {
    /// Typing or deleting: what was inserted (nothing for a deletion) now
    /// ends at `caret`, and the value is `len_after` UTF-16 units long. The
    /// edit is applied to the post's body without copying the whole value out
    /// of the page ([`crate::editing::apply_typed`]).
    Typed {
        inserted: String,
        len_after: usize,
        caret: usize,
    },
    /// Anything else (paste, undo, IME, drop): the whole value.
    Value(String),
}

/// Why a file did not become a post: the browser could not read it, or
/// its bytes are no post (too large, binary, not UTF-8).
#[derive(Debug)]
pub enum NotRead {
    Read(BrowserError),
    Post(ImportError),
}

impl fmt::Display for NotRead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotRead::Read(e) => e.fmt(f),
            NotRead::Post(e) => e.fmt(f),
        }
    }
}

/// Reads a file's bytes as a post.
pub fn post_of(bytes: Result<Vec<u8>, BrowserError>) -> Result<Post, NotRead> {
    Post::from_bytes(&bytes.map_err(NotRead::Read)?).map_err(NotRead::Post)
}

pub enum Msg {
    /// The Markdown textarea changed (typing, toolbar, paste, undo).
    BodyInput(BodyChange),
    /// The `Raw front matter` textarea changed.
    RawInput(String),
    SetField(String, Value),
    RemoveField(String),
    /// Put back the field removed last (the notice's `Undo`, Ctrl/Cmd+Z in the form).
    UndoRemoveField,
    /// Tabs, distraction-free mode, the form's disclosures.
    Layout(super::layout::LayoutMsg),
    AddField(String),
    ApplyFix(Fix),
    /// Writes another generator's draft marker (this key) as the chosen one's.
    ConvertDraft(String),
    /// The typing stopped: check the open folder post's links again.
    CheckLinks,
    /// A toolbar button: performed on the textarea, which then reports `BodyInput`.
    Command(Action),
    /// A committed edit (a text box lost focus after a change): the host's `change` event.
    Committed,
    /// The host replaced the whole value.
    SetValue(String),
    SetOption(String, Option<String>),
    Import(Vec<web_sys::File>),
    Imported(Vec<(String, Result<Post, NotRead>)>),
    Export,
    /// The writer typed the post's file name or path (`File name`).
    SetPath(String),
    /// Every draft in one zip, filed per the generator preset.
    ExportAll,
    // --- a local blog checkout (File System Access API) ---
    OpenFolder,
    FolderOpened(Result<folder::Opened, BrowserError>),
    OpenFolderPost(usize),
    FolderPostRead(folder::FolderPost, Result<folder::OnDisk, BrowserError>),
    SaveToFolder,
    /// Save to folder's steps: the file checked, written, conflicts settled (`folder_save`).
    FolderSave(super::folder_save::FolderSaveMsg),
    Copy,
    Copied(Result<(), BrowserError>),
    SetPreset(Preset),
    /// The `Site URL` box was changed: where the post's relative images
    /// and links point (when the host gives no base URL).
    SetSiteUrl(String),
    DismissAlert(u32),
    ToggleTheme,
    ToggleForm,
    /// The editor scrolled: keep the preview at the same relative place.
    SyncScroll,
    /// Sync the scroll again once the preview's newly shown chunks are laid
    /// out (the pass number; see `Editor::sync_scroll`).
    SettleScroll(u8),
    /// A pause in typing a long post: the moment to check the body against
    /// the textarea (a whole read of it) and to show the word count.
    TypingPaused,
    /// Refresh a long post's preview (deferred from the keystroke).
    RenderPreview,
    /// The editor pane's share of the width, in percent (the resizable split).
    Split(f64),
    /// A whole post pasted into the Markdown box (front matter and all).
    PastePost(String),
    // --- drafts ---
    /// Autosave now (debounce timer, page hidden, Ctrl/Cmd+S).
    SaveNow,
    /// Save everything now, the page is going away (hidden or closed).
    SaveBeforeLeaving,
    /// Finish the last save (its revision and index) in a task of its own.
    FinishSave,
    /// Another tab changed local storage.
    StorageChanged(Option<String>),
    /// The crash journal opened (recover from it) or cannot be used.
    Journal(JournalEvent),
    NewDraft,
    OpenDraft(String),
    DuplicateDraft(String),
    DeleteDraft(String),
    UndoDelete,
    SearchDrafts(String),
    RestoreRevision(u64),
    /// Show a revision before restoring it (`None`: close it).
    PreviewRevision(Option<u64>),
    DownloadCorrupt(String),
    DiscardCorrupt(String),
    /// After another tab saved the same draft: keep ours (theirs stays a revision)…
    KeepMine,
    /// …or take theirs (ours is saved as a new draft).
    UseTheirs,
    /// …or settle each conflicting field or block (`tab_conflict`).
    TabConflict(super::tab_conflict::TabConflictMsg),
    /// A file imported again that a draft holds: open, merge, or a new draft (`reimport`).
    Reimport(super::reimport::ReimportMsg),
    /// A host's `value` that conflicts with the writer's edits, settled (`host_merge`).
    HostMerge(super::host_merge::HostMergeMsg),
    /// The post's pictures: pasted, dropped, picked, stored, loaded.
    Images(super::images::ImagesMsg),
}
