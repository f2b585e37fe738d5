//! Browser IO: thin wrappers over web APIs (storage, files, clipboard) and
//! the widget's JS face.

pub mod widget;
