//! The Yew user interface. Data flows one way: an edit becomes a [`Msg`],
//! [`Editor::update`] applies it to the post (through the core's minimal
//! edits), refreshes what is derived from the post, and the view shows it.
//! The decisions are the core's: the post being edited is a
//! [`crate::document::Document`], the drafts a [`crate::drafts::Workspace`];
//! the UI holds what only a browser has (the DOM, timers, listeners).
//!
//! The editor component is made of owned parts, a file each: `prefs` (the
//! user's choices of look), `preview_sync` (the preview pane kept in step
//! with the body, and its scroll), `markdown_box` (the Markdown textarea
//! kept in step with the body), `notices` (what it tells the user in
//! passing), `session` (the drafts' autosave timer and page and storage
//! listeners), `folder_link` (an opened local folder), `folder_save` (Save to folder, merged with what changed on disk; `conflict_view` settles conflicts, `tab_conflict` those with another tab, `reimport` a file a draft already holds, `host_merge` a host's `value` set over edits). `msg` says what can happen; `editor` holds the parts and the
//! life cycle (`update` applies the common steps, then hands each message to
//! a method of its concern); `refresh` keeps the preview and the host's
//! copy in step; `update_body` (the Markdown, the front matter, the host's
//! value and options), `update_prefs` (the user's choices), `update_files`
//! (import, export, a local folder, the clipboard) and `update_drafts`
//! (autosaved drafts) and `update_journal` (the crash journal) handle the messages; `layout` (tabs, focus mode, disclosures) and `undo`
//! (taking back a field's removal) are parts too; `view` shows it with its
//! small components (`raw`, the Raw front matter box; `view_parts`: the
//! pane tabs, the splitter, the folder panel; `form_images`: image fields). `widget` is the
//! JS face that mounts it (`mount`, called by `widget/postwright.js`).

mod conflict_view;
mod drafts_panel;
mod editor;
mod export_images;
mod file_buttons;
mod focus;
mod folder_link;
mod folder_pictures;
mod folder_save;
mod form;
mod form_images;
mod host;
mod host_merge;
mod images;
mod layout;
mod markdown_box;
mod msg;
mod notices;
mod prefs;
mod preview;
mod preview_sync;
mod raw;
mod refresh;
mod reimport;
mod session;
mod tab_conflict;
mod tags;
mod toast;
mod toolbar;
mod undo;
mod update_body;
mod update_drafts;
mod update_files;
mod update_images;
mod update_journal;
mod update_prefs;
mod view;
mod view_parts;
pub mod widget;

pub use editor::Editor;
pub use host::{EditorConfig, EditorProps, HostLink};
pub use msg::{BodyChange, Msg, NotRead};
pub use notices::Alert;
pub use preview::BlockPatcher;
