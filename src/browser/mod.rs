//! Browser IO: thin wrappers over web APIs (storage, IndexedDB and the crash
//! journal in it, files, clipboard, the textarea's editing commands) and the
//! widget's JS face.

pub mod files;
pub mod folder;
pub mod idb;
pub mod journal;
pub mod storage;
pub mod textarea;
pub mod widget;
