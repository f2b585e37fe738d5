//! The pictures a post's body refers to (`![alt](path)`), where in the file
//! each is written, which have no alt text, and where in the repository a
//! local one must be for the generator to find it (beside the post or in
//! its page bundle, or in the generator's static folder).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::export::Preset;
use crate::post::Post;
use crate::validate::{Diagnostic, Severity};

/// One `![alt](url)` of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub url: String,
    pub alt: String,
    /// 1-based line and column (in characters) in the whole file.
    pub line: usize,
    pub column: usize,
}

/// Every picture of the post's body, in order.
pub fn image_refs(post: &Post) -> Vec<ImageRef> {
    let body = post.body();
    let first_line = post.body_start_line();
    let mut out = Vec::new();
    let mut open: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options(false)).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if open.is_none() => {
                open = Some((dest_url.to_string(), range.start, String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((url, at, alt)) = open.take() {
                    let before = &body[..at];
                    let line = first_line + before.matches('\n').count();
                    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                    out.push(ImageRef {
                        url,
                        alt,
                        line,
                        column,
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = &mut open {
                    alt.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// A warning for each picture without alt text.
pub fn missing_alt(refs: &[ImageRef]) -> Vec<Diagnostic> {
    refs.iter()
        .filter(|r| r.alt.trim().is_empty())
        .map(|r| Diagnostic {
            severity: Severity::Warning,
            message: format!(
                "the image `{}` has no alt text: say what it shows, for readers who cannot see it",
                r.url
            ),
            line: r.line,
            column: r.column,
            key: None,
            fix: None,
        })
        .collect()
}

/// Where in the repository (paths relative to its root, `/`-separated) the
/// picture `url` of the post at `post_path` may be; `None`: not a file of
/// the repository (a web address, `data:`, a template's placeholder).
/// `preset`: the generator, when known (else every static folder counts).
pub fn repo_candidates(preset: Option<Preset>, post_path: &str, url: &str) -> Option<Vec<String>> {
    let url = url.split(['?', '#']).next().unwrap_or("");
    if url.is_empty()
        || url.contains("://")
        || url.starts_with("//")
        || url.contains(['{', '}'])
        || url.split_once(':').is_some_and(|(s, _)| !s.contains('/'))
    {
        return None;
    }
    let url = percent_decoded(url);
    if let Some(abs) = url.strip_prefix('/') {
        let roots: &[&str] = match preset {
            Some(Preset::Hugo | Preset::HugoBundle) => &["static", "assets"],
            Some(Preset::Zola) => &["static"],
            Some(Preset::Astro) => &["public"],
            // Jekyll serves the repository itself; Eleventy its passthrough copies.
            Some(Preset::Jekyll | Preset::Eleventy) => &[""],
            None => &["static", "public", "", "assets"],
        };
        return Some(roots.iter().map(|r| join(r, abs)).collect());
    }
    let dir = post_path.rsplit_once('/').map_or("", |(d, _)| d);
    Some(vec![join(dir, &url)])
}

/// The post's local pictures as an opened folder holds them: each
/// reference as written (once), with the repository files it may be, in
/// the order to try (see [`repo_candidates`]). What the preview shows for a
/// folder post's pictures that are not kept in the browser.
pub fn folder_pictures(
    preset: Option<Preset>,
    post_path: &str,
    post: &Post,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for r in image_refs(post) {
        if out.iter().any(|(u, _)| *u == r.url) {
            continue;
        }
        if let Some(c) = repo_candidates(preset, post_path, &r.url) {
            let c: Vec<String> = c.into_iter().filter(|p| !p.is_empty()).collect();
            if !c.is_empty() {
                out.push((r.url, c));
            }
        }
    }
    out
}

fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A link destination's `%XX` escapes decoded, as the file's own name
/// (`b%20c.png` is `b c.png`); text that would not be UTF-8 stays as written.
pub(crate) fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_found_with_their_place_in_the_file() {
        let post = Post::parse(
            "---\ntitle: x\n---\nIntro\n\n  ![A bay](/images/bay.jpg) and ![](shot%201.png)\n",
        );
        let refs = image_refs(&post);
        assert_eq!(refs.len(), 2);
        assert_eq!((refs[0].line, refs[0].column), (6, 3));
        assert_eq!(refs[0].alt, "A bay");
        assert_eq!((refs[1].line, refs[1].url.as_str()), (6, "shot%201.png"));
        let warnings = missing_alt(&refs);
        assert_eq!(warnings.len(), 1);
        assert_eq!((warnings[0].line, warnings[0].column), (6, 33));
        assert!(warnings[0]
            .message
            .contains("`shot%201.png` has no alt text"));
    }

    #[test]
    fn local_pictures_are_looked_for_beside_the_post_or_in_the_static_folder() {
        let c = |p, post, url| repo_candidates(p, post, url);
        assert_eq!(
            c(Some(Preset::Hugo), "content/posts/a.md", "/images/b.jpg"),
            Some(vec![
                "static/images/b.jpg".into(),
                "assets/images/b.jpg".into()
            ])
        );
        assert_eq!(
            c(
                Some(Preset::HugoBundle),
                "content/posts/trip/index.md",
                "./shot%201.png?x=1"
            ),
            Some(vec!["content/posts/trip/shot 1.png".into()])
        );
        assert_eq!(
            c(
                Some(Preset::Astro),
                "src/content/blog/a.md",
                "../../assets/b.jpg"
            ),
            Some(vec!["src/assets/b.jpg".into()])
        );
        assert_eq!(
            c(Some(Preset::Jekyll), "_posts/a.md", "/assets/images/b.png"),
            Some(vec!["assets/images/b.png".into()])
        );
        for url in [
            "https://x.org/a.png",
            "data:image/png;base64,AA",
            "//cdn/a.png",
            "{{ .Site.Params.img }}",
            "",
        ] {
            assert_eq!(c(None, "a.md", url), None, "{url}");
        }
    }

    #[test]
    fn a_folder_posts_pictures_are_looked_for_in_its_bundle_and_static_folder() {
        let post = Post::parse(
            "---\ntitle: x\n---\n![](cover.jpg) ![a](./cover.jpg) ![b](/images/x.png) ![c](https://e.x/y.png) ![d](cover.jpg)\n",
        );
        assert_eq!(
            folder_pictures(
                Some(Preset::HugoBundle),
                "content/posts/trip/index.md",
                &post
            ),
            vec![
                (
                    "cover.jpg".into(),
                    vec!["content/posts/trip/cover.jpg".into()]
                ),
                (
                    "./cover.jpg".into(),
                    vec!["content/posts/trip/cover.jpg".into()]
                ),
                (
                    "/images/x.png".into(),
                    vec!["static/images/x.png".into(), "assets/images/x.png".into()]
                ),
            ]
        );
        let zola = Post::parse("![](/images/x.png)\n");
        assert_eq!(
            folder_pictures(Some(Preset::Zola), "content/a.md", &zola),
            vec![("/images/x.png".into(), vec!["static/images/x.png".into()])]
        );
        let jekyll = Post::parse("![](/assets/img/x.png)\n");
        assert_eq!(
            folder_pictures(Some(Preset::Jekyll), "_posts/2024-01-01-a.md", &jekyll),
            vec![("/assets/img/x.png".into(), vec!["assets/img/x.png".into()])]
        );
    }
}
