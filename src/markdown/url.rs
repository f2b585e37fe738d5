//! URL policy: which URLs may appear in an `href`/`src`, and resolution of
//! relative URLs against the site's base URL.

/// What the URL is for: links allow `mailto:`/`tel:`, images allow a few
/// `data:image/...` types.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum UrlKind {
    Link,
    Image,
}

/// A parsed `http(s)` base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Base {
    scheme: &'static str,
    /// `scheme://host[:port]`, no trailing slash.
    origin: String,
    /// The path (always starts with `/`), no query or fragment.
    path: String,
}

impl Base {
    /// Parses an absolute `http`/`https` URL; anything else is ignored (`None`).
    pub(crate) fn parse(s: &str) -> Option<Base> {
        let s = s.trim();
        let (scheme, rest) = if s.len() > 8 && s[..8].eq_ignore_ascii_case("https://") {
            ("https", &s[8..])
        } else if s.len() > 7 && s[..7].eq_ignore_ascii_case("http://") {
            ("http", &s[7..])
        } else {
            return None;
        };
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = &rest[..host_end];
        if host.is_empty() || host.chars().any(|c| c <= ' ' || "\"'<>\\`@".contains(c)) {
            return None;
        }
        let tail = &rest[host_end..];
        let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
        let path = if tail[..path_end].is_empty() {
            "/"
        } else {
            &tail[..path_end]
        };
        if path.chars().any(|c| c <= ' ') {
            return None;
        }
        Some(Base {
            scheme,
            origin: format!("{scheme}://{host}"),
            path: path.to_string(),
        })
    }

    /// Resolves a relative reference (no scheme) against this base.
    fn resolve(&self, rel: &str) -> String {
        if let Some(rest) = rel.strip_prefix("//") {
            return format!("{}://{}", self.scheme, rest);
        }
        if rel.starts_with('/') {
            return format!("{}{}", self.origin, remove_dot_segments_prefix(rel));
        }
        if rel.starts_with('?') || rel.starts_with('#') {
            return format!("{}{}{}", self.origin, self.path, rel);
        }
        let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
        let joined = format!("{dir}{rel}");
        format!("{}{}", self.origin, remove_dot_segments_prefix(&joined))
    }
}

/// Removes `.` and `..` segments from the path part (before `?`/`#`).
fn remove_dot_segments_prefix(p: &str) -> String {
    let end = p.find(['?', '#']).unwrap_or(p.len());
    let (path, rest) = p.split_at(end);
    if !path.contains("./") && !path.ends_with("/.") && !path.ends_with("/..") {
        return p.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    let last = segs.len().saturating_sub(1);
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut s = out.join("/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    s.push_str(rest);
    s
}

/// Returns the URL to emit, or `None` if it must not be emitted.
///
/// `raw` is the already entity-decoded value. The scheme is detected the way a
/// browser would after stripping, but more aggressively: every ASCII control
/// character and space is ignored wherever it is, and the scheme is compared
/// case-insensitively. Anything with a scheme outside the allowlist is refused.
pub(crate) fn clean_url(raw: &str, kind: UrlKind, base: Option<&Base>) -> Option<String> {
    let t = raw.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    let mut has_scheme = false;
    for c in t.chars() {
        if c <= ' ' || c == '\u{7f}' {
            continue;
        }
        match c {
            ':' => {
                has_scheme = true;
                break;
            }
            '/' | '?' | '#' | '\\' => break,
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    if has_scheme {
        let ok = match scheme.as_str() {
            "http" | "https" => true,
            "mailto" | "tel" => kind == UrlKind::Link,
            "data" => kind == UrlKind::Image && is_safe_data_image(t),
            _ => false,
        };
        return ok.then(|| t.to_string());
    }
    if t.is_empty() || t.starts_with('#') {
        return Some(t.to_string());
    }
    Some(match base {
        Some(b) => b.resolve(t),
        None => t.to_string(),
    })
}

/// Where an image path from the front matter (`image: /img/cover.png`) is
/// found, resolved against the site's base URL exactly as the preview
/// resolves the body's images; `None` when there is no absolute URL to show
/// (a relative path and no base URL, or a refused scheme).
pub fn image_src(path: &str, base_url: Option<&str>) -> Option<String> {
    let base = base_url.and_then(Base::parse);
    let url = clean_url(path, UrlKind::Image, base.as_ref())?;
    let absolute = ["https://", "http://", "data:"].iter().any(|p| {
        url.as_bytes()
            .get(..p.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
    });
    absolute.then_some(url)
}

fn is_safe_data_image(t: &str) -> bool {
    let norm: String = t
        .chars()
        .filter(|&c| c > ' ' && c != '\u{7f}')
        .take(24)
        .flat_map(char::to_lowercase)
        .collect();
    [
        "data:image/png",
        "data:image/gif",
        "data:image/jpeg",
        "data:image/webp",
    ]
    .iter()
    .any(|p| {
        norm.strip_prefix(p)
            .is_some_and(|r| r.starts_with(';') || r.starts_with(','))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_images_resolve_like_the_body_s() {
        let base = Some("https://example.com/blog/");
        assert_eq!(
            image_src("/img/a.png", base).as_deref(),
            Some("https://example.com/img/a.png")
        );
        assert_eq!(
            image_src("img/a.png", base).as_deref(),
            Some("https://example.com/blog/img/a.png")
        );
        assert_eq!(
            image_src(" https://cdn.example/a.png", None).as_deref(),
            Some("https://cdn.example/a.png")
        );
        assert_eq!(image_src("img/a.png", None), None);
        // A relative path of non-ASCII characters, with no base: compared by bytes.
        assert_eq!(image_src("aaéééé.png", None), None);
        assert_eq!(
            image_src("ééé/ü.png", base).as_deref(),
            Some("https://example.com/blog/ééé/ü.png")
        );
        assert_eq!(image_src("", base), None);
        assert_eq!(image_src("javascript:alert(1)", base), None);
        assert_eq!(image_src("/img/a.png", Some("javascript:x")), None);
    }

    #[test]
    fn schemes() {
        let l = UrlKind::Link;
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,<script>",
            "jav\u{0}ascript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(clean_url(bad, l, None), None, "{bad:?}");
        }
        assert_eq!(
            clean_url("data:image/png;base64,AAA", UrlKind::Image, None).as_deref(),
            Some("data:image/png;base64,AAA")
        );
        assert_eq!(
            clean_url("data:image/svg+xml,<svg>", UrlKind::Image, None),
            None
        );
        assert_eq!(clean_url("data:image/png;base64,AAA", l, None), None);
        assert_eq!(
            clean_url("mailto:a@b.c", l, None).as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(clean_url("mailto:a@b.c", UrlKind::Image, None), None);
        assert_eq!(
            clean_url("https://x.y/a:b", l, None).as_deref(),
            Some("https://x.y/a:b")
        );
        assert_eq!(clean_url("a/b:c", l, None).as_deref(), Some("a/b:c"));
    }

    #[test]
    fn resolve() {
        let b = Base::parse("https://example.com/blog/post/").unwrap();
        let r = |u| clean_url(u, UrlKind::Image, Some(&b)).unwrap();
        assert_eq!(r("/img/x.png"), "https://example.com/img/x.png");
        assert_eq!(r("x.png"), "https://example.com/blog/post/x.png");
        assert_eq!(r("../x.png"), "https://example.com/blog/x.png");
        assert_eq!(r("//cdn.example/x.png"), "https://cdn.example/x.png");
        assert_eq!(r("#frag"), "#frag");
        assert_eq!(r("http://o.example/x"), "http://o.example/x");
        assert!(Base::parse("javascript:alert(1)").is_none());
        assert!(Base::parse("https://").is_none());
        let b = Base::parse("https://example.com").unwrap();
        assert_eq!(
            clean_url("img/a.png", UrlKind::Image, Some(&b)).unwrap(),
            "https://example.com/img/a.png"
        );
    }
}
