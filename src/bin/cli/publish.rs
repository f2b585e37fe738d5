//! `check`'s "will it publish, and where?": for a site whose generator is
//! known (`--preset`, or its config file), each post that will not publish
//! now is listed with the reason and when it will appear, and two posts
//! that would publish to the same URL are an error naming both.

use std::path::{Path, PathBuf};

use postwright::export::Preset;
use postwright::post::Post;
use postwright::site::config::{read, CONFIG_FILES};
use postwright::site::time::FixedZones;
use postwright::site::{collisions, status_line, verdict, SiteConfig, Visibility};

/// The site around `path`: the nearest folder (itself or above, a few
/// levels) holding a configuration file, and what it says.
pub fn site_of(path: &Path) -> Result<(PathBuf, Option<SiteConfig>), String> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    };
    let mut dir = Some(start.as_path());
    for _ in 0..6 {
        let Some(d) = dir else { break };
        let files: Vec<(String, String)> = CONFIG_FILES
            .iter()
            .filter_map(|n| Some((n.to_string(), std::fs::read_to_string(d.join(n)).ok()?)))
            .collect();
        if !files.is_empty() {
            let refs: Vec<(&str, &str)> = files
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            let config = read(&refs).map_err(|e| format!("{}: {e}", d.join(&e.file).display()))?;
            return Ok((d.to_path_buf(), config));
        }
        dir = d.parent();
    }
    Ok((start, None))
}

/// One finding, as `check` prints it.
pub struct Finding {
    pub file: PathBuf,
    pub severity: &'static str,
    pub message: String,
}

/// The publish findings for `files` of the site at `root`.
pub fn findings(
    preset: Preset,
    site: &SiteConfig,
    root: &Path,
    files: &[(PathBuf, Post)],
    now: i64,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut pages = Vec::new();
    for (file, post) in files {
        let rel = file
            .strip_prefix(root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        let v = verdict(preset, site, &rel, post, now, &FixedZones);
        let severity = match v.visibility {
            Visibility::Published | Visibility::Unlisted => None,
            // The classic surprise: dated ahead, or a date read in UTC.
            Visibility::Future(_) => Some("warning"),
            _ => Some("info"),
        };
        if let Some(severity) = severity {
            out.push(Finding {
                file: file.clone(),
                severity,
                message: status_line(preset, &v),
            });
        }
        for note in &v.notes {
            out.push(Finding {
                file: file.clone(),
                severity: "info",
                message: note.clone(),
            });
        }
        if matches!(
            v.visibility,
            Visibility::Published | Visibility::Future(_) | Visibility::Unlisted
        ) {
            pages.push((file.clone(), v.url));
        }
    }
    let listed: Vec<(String, Option<&str>)> = pages
        .iter()
        .map(|(f, u)| (f.display().to_string(), u.as_deref()))
        .collect();
    let refs: Vec<(&str, Option<&str>)> = listed.iter().map(|(f, u)| (f.as_str(), *u)).collect();
    for (url, first, second) in collisions(&refs) {
        out.push(Finding {
            file: PathBuf::from(second),
            severity: "error",
            message: format!("publishes to {url}, as {first} does: one would hide the other"),
        });
    }
    out
}
