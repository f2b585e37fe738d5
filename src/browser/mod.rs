//! Browser IO: thin wrappers over web APIs (storage, IndexedDB and the crash
//! journal in it, files, clipboard, the textarea's editing commands), and
//! their errors. It knows nothing of the UI above it (the widget's JS face
//! is `ui::widget`).

mod error;
pub mod files;
pub mod folder;
pub mod idb;
pub mod images;
pub mod journal;
pub mod storage;
pub mod textarea;
pub mod zones;

pub use error::BrowserError;
