//! Browser IO: thin wrappers over web APIs (storage, files, clipboard).

pub mod storage;
