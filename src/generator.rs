//! Which generator an imported post was written for, when its file name or
//! front matter says so plainly. The editor suggests switching to it (the
//! generator names exports and sets the preview's typography and template
//! tags); it never switches on its own.

use crate::export::Preset;
use crate::post::{Format, Post};

/// The generator `post`, read from a file named `file_name`, was written
/// for, if it is plain; `None` when nothing tells (most posts).
pub fn guess(file_name: &str, post: &Post) -> Option<Preset> {
    let stem = file_name
        .strip_suffix(".md")
        .or_else(|| file_name.strip_suffix(".markdown"))?;
    match post.format() {
        // TOML front matter is Hugo's or Zola's; Zola's own tables tell them apart.
        Format::Toml => {
            let zola = post.get("taxonomies").is_some() || post.get("extra").is_some();
            Some(if zola { Preset::Zola } else { Preset::Hugo })
        }
        // `_posts/YYYY-MM-DD-title.md` with YAML: Jekyll's posts (Zola's
        // dated file names come with TOML, above).
        Format::Yaml if dated(stem) => Some(Preset::Jekyll),
        _ => None,
    }
}

/// Whether a file name starts with a date and a dash: `2024-05-01-hello`.
fn dated(stem: &str) -> bool {
    let b = stem.as_bytes();
    b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'-'
}

/// Whether to suggest `guessed` to someone using `current`: not when it is
/// the same generator (a Hugo page bundle is Hugo too).
pub fn worth_suggesting(current: Preset, guessed: Preset) -> bool {
    let family = |p| match p {
        Preset::HugoBundle => Preset::Hugo,
        p => p,
    };
    family(current) != family(guessed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(name: &str, text: &str) -> Option<Preset> {
        guess(name, &Post::parse(text))
    }

    #[test]
    fn plain_signs_only() {
        let zola = "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"a\"]\n+++\nBody\n";
        assert_eq!(guessed("hello.md", zola), Some(Preset::Zola));
        assert_eq!(
            guessed("hello.md", "+++\ntitle = \"T\"\n[extra]\nx = 1\n+++\n"),
            Some(Preset::Zola)
        );
        assert_eq!(
            guessed("hello.md", "+++\ntitle = \"T\"\ntags = [\"a\"]\n+++\n"),
            Some(Preset::Hugo)
        );
        assert_eq!(
            guessed("2024-05-01-hello.md", "---\ntitle: T\n---\n"),
            Some(Preset::Jekyll)
        );
        assert_eq!(
            guessed("2024-05-01-hello.markdown", "---\ntitle: T\n---\n"),
            Some(Preset::Jekyll)
        );
        // Nothing plain: a YAML post with an ordinary name, a date alone, not Markdown.
        assert_eq!(guessed("hello.md", "---\ntitle: T\n---\n"), None);
        assert_eq!(guessed("2024-05-01.md", "---\ntitle: T\n---\n"), None);
        assert_eq!(
            guessed("2024-05-01-hello.txt", "---\ntitle: T\n---\n"),
            None
        );
        assert_eq!(guessed("2024-5-01-hello.md", "---\ntitle: T\n---\n"), None);
        assert_eq!(guessed("2024-05-01-hello.md", "Just text\n"), None);
    }

    #[test]
    fn a_bundle_is_hugo_too() {
        assert!(!worth_suggesting(Preset::HugoBundle, Preset::Hugo));
        assert!(!worth_suggesting(Preset::Hugo, Preset::Hugo));
        assert!(worth_suggesting(Preset::Hugo, Preset::Zola));
        assert!(worth_suggesting(Preset::Eleventy, Preset::Jekyll));
    }
}
