//! The Yew user interface. Data flows one way: an edit becomes a [`Msg`],
//! [`Editor::update`] applies it to the post (through the core's minimal
//! edits), refreshes what is derived from the post, and the view shows it.
//!
//! The editor component is spread over files by concern: `msg` (what can
//! happen), `editor` (what the editor holds, and its life cycle: `update`
//! applies the common steps, then hands each message to a method of its
//! concern), `refresh` (what is derived from the post, and the host's copy),
//! `update_body` (the Markdown, the front matter, the host's value and
//! options), `update_prefs` (the user's choices of look), `update_files`
//! (import, export, a local folder, the clipboard), `update_drafts`
//! (autosaved drafts), `layout` (tabs, focus mode, disclosures), `undo`
//! (taking back a field's removal), and `view` with its small components.

mod drafts_panel;
mod editor;
mod file_buttons;
mod focus;
mod form;
mod host;
mod layout;
mod msg;
mod notices;
mod preview;
mod raw;
mod refresh;
mod session;
mod tags;
mod toolbar;
mod undo;
mod update_body;
mod update_drafts;
mod update_files;
mod update_prefs;
mod view;

pub use editor::{Alert, Editor};
pub use host::{EditorConfig, EditorProps, HostLink};
pub use msg::{BodyChange, Msg};
pub use preview::BlockPatcher;
