//! "Links that work": a post's relative links to other posts and files
//! that are not there, and `#anchors` that match no heading of their
//! target. Only links a file system can answer are checked: a relative
//! path with a file extension (`../other.md`, `img/a.png`) or a bare
//! `#fragment`; web addresses and site URLs (`/posts/x/`) are the site's.
//! Pictures (`![alt](img/a.png)`) are not links here: `images::refs` checks
//! them where the generator keeps them (bundle, static folder), and one
//! report a reference is enough.
//! Pure: the caller says which files exist and gives their text.

use pulldown_cmark::{Event, Parser, Tag};

use crate::images::refs::percent_decoded;
use crate::markdown::{options, render_html, RenderOptions};
use crate::post::line_col;
use crate::post::Post;

/// The files a link may point to, by `/`-separated path (as the post's own
/// path is given). `None`: cannot say, nothing is reported.
pub trait SiteFiles {
    fn exists(&self, path: &str) -> Option<bool>;
    /// The text of the post at `path` (for its headings).
    fn text(&self, path: &str) -> Option<String>;
}

/// A link that goes nowhere, where it is in the post's file.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The broken links of `post`, the file at `path`.
pub fn broken_links(
    path: &str,
    post: &Post,
    files: &dyn SiteFiles,
    opts: &RenderOptions,
) -> Vec<LinkProblem> {
    let body = post.body();
    let first_line = post.body_start_line();
    let mut own_ids: Option<Vec<String>> = None;
    let mut out = Vec::new();
    // The dialect the preview renders (what the site's Markdown reads as a link).
    let parser = Parser::new_ext(body, options(opts.smart_punctuation)).into_offset_iter();
    for (event, range) in parser {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => dest_url.to_string(),
            _ => continue,
        };
        let Some((file, fragment)) = checkable(&dest) else {
            continue;
        };
        let (line, column) = line_col(body, range.start);
        let mut problem = |message: String| {
            out.push(LinkProblem {
                line: first_line + line - 1,
                column,
                message,
            })
        };
        if file.is_empty() {
            // `#fragment`: a heading of this post.
            let ids = own_ids.get_or_insert_with(|| heading_ids(body, opts));
            if let Some(f) = fragment.filter(|f| !ids.iter().any(|i| i == f)) {
                problem(format!("link `{dest}`: no heading `#{f}` in this post"));
            }
            continue;
        }
        let target = resolve(path, &file);
        match files.exists(&target) {
            Some(false) => {
                problem(format!("link `{dest}` points to no file ({target})"));
                continue;
            }
            None => continue,
            Some(true) => {}
        }
        let Some(f) = fragment.filter(|_| is_markdown(&target)) else {
            continue;
        };
        if let Some(text) = files.text(&target) {
            let ids = heading_ids(Post::parse(&text).body(), opts);
            if !ids.iter().any(|i| i == f) {
                problem(format!("link `{dest}`: no heading `#{f}` in {target}"));
            }
        }
    }
    out
}

/// What an opened folder's listing can say: which posts (Markdown files)
/// are there. Of other files, and of the posts' headings, nothing.
pub struct ListedPosts<'a>(pub Vec<&'a str>);

impl SiteFiles for ListedPosts<'_> {
    fn exists(&self, path: &str) -> Option<bool> {
        let listed = self.0.contains(&path);
        (listed || is_markdown(path)).then_some(listed)
    }

    fn text(&self, _: &str) -> Option<String> {
        None
    }
}

/// The editor's short line for the open post's broken links, by line
/// (each in full is [`LinkProblem::message`]); `None` when every link goes
/// somewhere.
pub fn summary(problems: &[LinkProblem]) -> Option<String> {
    let mut lines: Vec<String> = problems.iter().map(|p| p.line.to_string()).collect();
    lines.dedup();
    Some(match (problems.len(), lines.len()) {
        (0, _) => return None,
        (1, _) => format!("1 link goes nowhere (line {})", lines[0]),
        (n, 1) => format!("{n} links go nowhere (line {})", lines[0]),
        (n, _) => format!("{n} links go nowhere (lines {})", lines.join(", ")),
    })
}

/// The ids the renderer gives a body's headings (what `#anchors` match).
pub fn heading_ids(body: &str, opts: &RenderOptions) -> Vec<String> {
    let html = render_html(body, opts);
    let mut ids = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let is_heading = rest
            .as_bytes()
            .first()
            .is_some_and(|b| (b'1'..=b'6').contains(b));
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let tag = &rest[..open_end];
        if is_heading {
            if let Some(id) = tag.split("id=\"").nth(1).and_then(|t| t.split('"').next()) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// The file path and fragment of a link worth checking against files.
fn checkable(dest: &str) -> Option<(String, Option<&str>)> {
    let dest = dest.trim();
    let (before, fragment) = match dest.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (dest, None),
    };
    let file = before.split('?').next().unwrap_or("");
    if file.is_empty() {
        return fragment
            .filter(|f| !f.is_empty())
            .map(|f| (String::new(), Some(f)));
    }
    let has_scheme = file.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
    if has_scheme || file.starts_with('/') || file.contains("{{") || file.contains("{%") {
        return None;
    }
    let last = file.rsplit('/').next().unwrap_or("");
    let has_extension = last.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty() && !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    has_extension.then(|| (percent_decoded(file), fragment.filter(|f| !f.is_empty())))
}

fn is_markdown(path: &str) -> bool {
    path.ends_with(".md") || path.ends_with(".markdown")
}

/// `link` relative to the directory of the file at `from`, with `.` and
/// `..` taken out.
pub fn resolve(from: &str, link: &str) -> String {
    let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
    let absolute = from.starts_with('/');
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in link.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Files(Vec<(&'static str, &'static str)>);

    impl SiteFiles for Files {
        fn exists(&self, path: &str) -> Option<bool> {
            Some(self.0.iter().any(|(p, _)| *p == path))
        }
        fn text(&self, path: &str) -> Option<String> {
            self.0
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, t)| t.to_string())
        }
    }

    #[test]
    fn links_to_missing_files_and_headings_are_found_where_they_are() {
        let files = Files(vec![
            ("content/posts/other.md", "---\ntitle: O\n---\n## Set up\n"),
            ("content/posts/img/a.png", ""),
        ]);
        let post = Post::parse(
            "---\ntitle: T\n---\n# Intro\n\nSee [other](other.md#set-up), [gone](gone.md),\n\
             [bad anchor](other.md#nope), ![a](img/a.png) and [b](img/b%20c.png).\n\
             [top](#intro) [nowhere](#missing) [web](https://x.example/a.md) [site](/posts/x/) [dir](../x/)\n",
        );
        let opts = RenderOptions::default();
        let got = broken_links("content/posts/this.md", &post, &files, &opts);
        struct Unknown;
        impl SiteFiles for Unknown {
            fn exists(&self, _: &str) -> Option<bool> {
                None
            }
            fn text(&self, _: &str) -> Option<String> {
                None
            }
        }
        let only_own = broken_links("content/posts/this.md", &post, &Unknown, &opts);
        assert_eq!(
            only_own.len(),
            1,
            "what cannot be known is not reported: {only_own:?}"
        );
        assert!(only_own[0].message.contains("#missing"));
        let lines: Vec<(usize, usize, &str)> = got
            .iter()
            .map(|p| (p.line, p.column, p.message.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (
                    6,
                    31,
                    "link `gone.md` points to no file (content/posts/gone.md)"
                ),
                (
                    7,
                    1,
                    "link `other.md#nope`: no heading `#nope` in content/posts/other.md"
                ),
                (
                    7,
                    50,
                    "link `img/b%20c.png` points to no file (content/posts/img/b c.png)"
                ),
                (8, 15, "link `#missing`: no heading `#missing` in this post"),
            ]
        );
    }

    #[test]
    fn a_folders_listing_answers_for_its_posts_only_and_the_editor_says_so_in_a_line() {
        let post = Post::parse("# A\n\n[b](b.md) [c](c.md) [png](x.png) [a](#a) [z](#z)\n");
        let listed = ListedPosts(vec!["posts/b.md"]);
        let got = broken_links("posts/a.md", &post, &listed, &RenderOptions::default());
        let messages: Vec<&str> = got.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "link `c.md` points to no file (posts/c.md)",
                "link `#z`: no heading `#z` in this post"
            ]
        );
        assert_eq!(summary(&got).unwrap(), "2 links go nowhere (line 3)");
        assert_eq!(summary(&got[..1]).unwrap(), "1 link goes nowhere (line 3)");
        let mut later = got[1].clone();
        later.line = 9;
        assert_eq!(
            summary(&[got[0].clone(), later]).unwrap(),
            "2 links go nowhere (lines 3, 9)"
        );
        assert_eq!(summary(&[]), None);
    }

    #[test]
    fn paths_resolve_from_the_posts_folder() {
        assert_eq!(resolve("content/posts/a.md", "../b.md"), "content/b.md");
        assert_eq!(resolve("/site/a.md", "./img/../x.png"), "/site/x.png");
        assert_eq!(resolve("a.md", "b.md"), "b.md");
    }
}
