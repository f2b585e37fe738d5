//! `check`'s links: the post's relative links and `#anchors`, against the
//! files beside it on disk (see `postwright::site::links`).

use std::path::Path;

use postwright::markdown::RenderOptions;
use postwright::post::Post;
use postwright::site::links::{broken_links, LinkProblem, SiteFiles};

/// The file system, by `/`-separated path.
struct Disk;

impl SiteFiles for Disk {
    fn exists(&self, path: &str) -> Option<bool> {
        Some(Path::new(path).is_file())
    }

    fn text(&self, path: &str) -> Option<String> {
        // A post too large to be one is not read for its headings.
        let meta = std::fs::metadata(path).ok()?;
        if meta.len() > 8 * 1024 * 1024 {
            return None;
        }
        std::fs::read_to_string(path).ok()
    }
}

/// The broken links of `post`, read from `file`.
pub fn findings(file: &Path, post: &Post, opts: &RenderOptions) -> Vec<LinkProblem> {
    let path = file.to_string_lossy().replace('\\', "/");
    broken_links(&path, post, &Disk, opts)
}
