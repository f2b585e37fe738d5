//! Which generator an imported post was written for, when its file name or
//! front matter says so plainly. The editor suggests switching to it (the
//! generator names exports and sets the preview's typography and template
//! tags); it never switches on its own.

use crate::export::Preset;
use crate::post::{Format, Post};

/// The generator to suggest to someone using `current` for `post`, read
/// from a file named `file_name`: the first of those its signs fit, unless
/// `current` fits them too (a plain TOML post is Hugo's or Zola's, and a
/// Zola user is told nothing). `None` when nothing tells (most posts).
pub fn suggestion(current: Preset, file_name: &str, post: &Post) -> Option<Preset> {
    let fits = fitting(file_name, post);
    let family = |p| match p {
        // A Hugo page bundle is Hugo too.
        Preset::HugoBundle => Preset::Hugo,
        p => p,
    };
    let first = *fits.first()?;
    (!fits.iter().any(|&p| family(p) == family(current))).then_some(first)
}

/// The generators a post's plain signs fit, likeliest first.
fn fitting(file_name: &str, post: &Post) -> &'static [Preset] {
    let Some(stem) = file_name
        .strip_suffix(".md")
        .or_else(|| file_name.strip_suffix(".markdown"))
    else {
        return &[];
    };
    match post.format() {
        // Zola's own tables, or else TOML front matter: Hugo's or Zola's.
        Format::Toml if post.get("taxonomies").is_some() || post.get("extra").is_some() => {
            &[Preset::Zola]
        }
        Format::Toml => &[Preset::Hugo, Preset::Zola],
        // `_posts/YYYY-MM-DD-title.md` with YAML: Jekyll's posts (Zola's
        // dated file names come with TOML, above).
        Format::Yaml if dated(stem) => &[Preset::Jekyll],
        _ => &[],
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What a Hugo user and a Zola user are told about a post.
    fn told(name: &str, text: &str) -> [Option<Preset>; 2] {
        let post = Post::parse(text);
        [Preset::Hugo, Preset::Zola].map(|current| suggestion(current, name, &post))
    }

    #[test]
    fn plain_signs_only() {
        use Preset::{Hugo, Jekyll, Zola};
        let zola = "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"a\"]\n+++\nBody\n";
        assert_eq!(told("hello.md", zola), [Some(Zola), None]);
        assert_eq!(
            told("hello.md", "+++\ntitle = \"T\"\n[extra]\nx = 1\n+++\n"),
            [Some(Zola), None]
        );
        // Plain TOML fits both: neither user is told anything; a Jekyll user is told Hugo.
        let toml = "+++\ntitle = \"T\"\ntags = [\"a\"]\n+++\n";
        assert_eq!(told("hello.md", toml), [None, None]);
        assert_eq!(
            suggestion(Jekyll, "hello.md", &Post::parse(toml)),
            Some(Hugo)
        );
        let yaml = "---\ntitle: T\n---\n";
        assert_eq!(
            told("2024-05-01-hello.md", yaml),
            [Some(Jekyll), Some(Jekyll)]
        );
        assert_eq!(
            told("2024-05-01-hello.markdown", yaml),
            [Some(Jekyll), Some(Jekyll)]
        );
        assert_eq!(
            suggestion(Jekyll, "2024-05-01-hello.md", &Post::parse(yaml)),
            None
        );
        // Nothing plain: a YAML post with an ordinary name, a date alone, not Markdown.
        for (name, text) in [
            ("hello.md", yaml),
            ("2024-05-01.md", yaml),
            ("2024-05-01-hello.txt", yaml),
            ("2024-5-01-hello.md", yaml),
            ("2024-05-01-hello.md", "Just text\n"),
        ] {
            assert_eq!(told(name, text), [None, None], "{name}");
        }
    }

    #[test]
    fn a_bundle_is_hugo_too() {
        let toml = Post::parse("+++\ntitle = \"T\"\n+++\n");
        assert_eq!(suggestion(Preset::HugoBundle, "index.md", &toml), None);
        assert_eq!(
            suggestion(Preset::Eleventy, "index.md", &toml),
            Some(Preset::Hugo)
        );
    }
}
