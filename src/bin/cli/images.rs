//! `check`'s pictures: each `![alt](path)` of a post whose file is not in
//! the repository (beside the post or in its page bundle, or in the
//! generator's static folder) is an error, and one without alt text a
//! warning, at the picture's `path:line:col`.

use std::path::Path;

use postwright::export::Preset;
use postwright::images::refs::{image_refs, missing_alt, repo_candidates};
use postwright::post::Post;
use postwright::validate::{Diagnostic, Severity};

/// The findings for `post` read from `file`. `site`: the repository's root
/// when its configuration was found (else only paths relative to the post
/// are checked, there being no static folder to look in).
pub fn findings(
    file: &Path,
    post: &Post,
    site: Option<&Path>,
    preset: Option<Preset>,
) -> Vec<Diagnostic> {
    let refs = image_refs(post);
    let mut out = missing_alt(&refs);
    let (root, rel) = match site.and_then(|r| Some((r, file.strip_prefix(r).ok()?))) {
        Some((root, rel)) => (root.to_path_buf(), rel.to_path_buf()),
        None => (
            file.parent().unwrap_or(Path::new(".")).to_path_buf(),
            file.file_name().map(Into::into).unwrap_or_default(),
        ),
    };
    let post_path = rel.to_string_lossy().replace('\\', "/");
    for r in &refs {
        let Some(candidates) = repo_candidates(preset, &post_path, &r.url) else {
            continue;
        };
        if r.url.starts_with('/') && site.is_none() {
            continue;
        }
        if candidates.iter().any(|c| root.join(c).is_file()) {
            continue;
        }
        out.push(Diagnostic {
            severity: Severity::Error,
            message: format!(
                "the image `{}` is not in the repository (looked for {})",
                r.url,
                candidates.join(", ")
            ),
            line: r.line,
            column: r.column,
            key: None,
            fix: None,
        });
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}
