//! Postwright: an in-browser editor for static-site blog posts.
//!
//! The crate is one pure core, natively testable and knowing nothing of the
//! browser, with thin layers around it:
//!
//! * pure core: [`post`] (split, parse, edit and serialize a post losslessly),
//!   [`schema`] and [`validate`], [`document`] (the post being edited, with
//!   its fields and problems kept in step), [`markdown`] (Markdown to safe HTML),
//!   [`export`] (file naming per generator), [`generator`] (which generator
//!   an imported post was written for), [`drafts`] (the draft store's logic
//!   over an abstract key-value storage), [`chunks`] (the preview's blocks
//!   grouped for the browser's layout), [`utf16`] (offsets and lengths as
//!   browsers count them);
//! * `browser` (wasm only): local storage, files, clipboard, the widget's JS face;
//! * `ui` (wasm only): the Yew components.
//!
//! The native CLI (`src/bin/postwright.rs`) uses the same core.

pub mod chunks;
pub mod document;
pub mod drafts;
pub mod editing;
pub mod export;
pub mod generator;
pub mod images;
pub mod markdown;
pub mod merge;
pub mod post;
pub mod presets;
pub mod schema;
pub mod site;
pub mod utf16;
pub mod validate;
pub mod wording;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
