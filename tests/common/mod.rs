#![allow(dead_code)]
//! Shared test helpers.

/// Lines with their endings, so CRLF changes count as changes.
pub fn lines(s: &str) -> Vec<&str> {
    s.split_inclusive('\n').collect()
}

/// The changed region between two texts: (removed lines, added lines),
/// after stripping the common prefix and suffix lines.
pub fn diff<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let a = lines(old);
    let b = lines(new);
    let mut p = 0;
    while p < a.len() && p < b.len() && a[p] == b[p] {
        p += 1;
    }
    let mut s = 0;
    while s < a.len() - p && s < b.len() - p && a[a.len() - 1 - s] == b[b.len() - 1 - s] {
        s += 1;
    }
    (a[p..a.len() - s].to_vec(), b[p..b.len() - s].to_vec())
}

/// Assert that at most `removed` lines were removed and `added` were added.
#[track_caller]
pub fn assert_diff(old: &str, new: &str, removed: usize, added: usize) {
    let (r, a) = diff(old, new);
    assert!(
        r.len() <= removed && a.len() <= added,
        "expected at most -{removed}/+{added} lines, got -{:?} +{:?}\n--- old:\n{old}\n--- new:\n{new}",
        r,
        a
    );
}

/// Runs the `postwright` CLI: (exit code, stdout, stderr).
#[cfg(not(target_arch = "wasm32"))]
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_postwright"))
        .args(args)
        .output()
        .expect("run postwright");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn samples_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/samples/").to_string()
}

pub fn fixtures_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/posts/").to_string()
}

/// All files in a directory, sorted, as (name, text).
pub fn read_dir(dir: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {dir}: {e}"))
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

pub mod safety;
#[allow(unused_imports)]
pub use safety::*;
