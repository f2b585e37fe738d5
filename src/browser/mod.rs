//! Browser IO: thin wrappers over web APIs (storage, files, clipboard, the
//! textarea's editing commands) and the widget's JS face.

pub mod files;
pub mod folder;
pub mod storage;
pub mod textarea;
pub mod widget;
