//! Export naming: where a post goes in a blog repository, per static-site
//! generator, and the slug it is filed under.

/// The static-site generators Postwright knows how to file posts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// `content/posts/<slug>.md`
    Hugo,
    /// Hugo page bundle: `content/posts/<slug>/index.md`
    HugoBundle,
    /// `_posts/YYYY-MM-DD-<slug>.md`
    Jekyll,
    /// `content/<slug>.md` (Zola uses TOML front matter)
    Zola,
    /// `src/content/blog/<slug>.md`
    Astro,
    /// `posts/<slug>.md`
    Eleventy,
}

impl Preset {
    pub const ALL: [Preset; 6] = [
        Preset::Hugo,
        Preset::HugoBundle,
        Preset::Jekyll,
        Preset::Zola,
        Preset::Astro,
        Preset::Eleventy,
    ];

    /// Stable identifier, used in settings and the widget's `preset` attribute.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Hugo => "hugo",
            Preset::HugoBundle => "hugo-bundle",
            Preset::Jekyll => "jekyll",
            Preset::Zola => "zola",
            Preset::Astro => "astro",
            Preset::Eleventy => "eleventy",
        }
    }

    /// Human-readable name for menus.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Hugo => "Hugo",
            Preset::HugoBundle => "Hugo (page bundle)",
            Preset::Jekyll => "Jekyll",
            Preset::Zola => "Zola",
            Preset::Astro => "Astro",
            Preset::Eleventy => "Eleventy",
        }
    }

    pub fn from_id(id: &str) -> Option<Preset> {
        let id = id.trim().to_ascii_lowercase();
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// What naming needs to know about a post.
#[derive(Debug, Clone, Copy, Default)]
pub struct NameParts<'a> {
    pub title: Option<&'a str>,
    /// An explicit `slug:` field: it wins over the title.
    pub slug: Option<&'a str>,
    /// The post's `date:` as written (only its `YYYY-MM-DD` prefix is used).
    pub date: Option<&'a str>,
}

/// The naming fields read from a post (scalars only; a blank title counts as none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostNames {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub date: Option<String>,
}

impl PostNames {
    pub fn of(post: &crate::post::Post) -> PostNames {
        use crate::post::Value;
        let scalar = |key: &str| match post.get(key) {
            Some(Value::String(s)) | Some(Value::Number(s)) => Some(s),
            _ => None,
        };
        PostNames {
            title: post.title().filter(|t| !t.trim().is_empty()),
            slug: scalar("slug"),
            date: scalar("date"),
        }
    }

    pub fn parts(&self) -> NameParts<'_> {
        NameParts {
            title: self.title.as_deref(),
            slug: self.slug.as_deref(),
            date: self.date.as_deref(),
        }
    }
}

/// The path of the post inside the blog repository, e.g. `content/posts/my-post.md`.
/// `today` (`YYYY-MM-DD`) is used by Jekyll when the post has no usable date.
pub fn repo_path(preset: Preset, parts: NameParts<'_>, today: &str) -> String {
    let slug = post_slug(parts);
    match preset {
        Preset::Hugo => format!("content/posts/{slug}.md"),
        Preset::HugoBundle => format!("content/posts/{slug}/index.md"),
        Preset::Jekyll => {
            let date = parts
                .date
                .and_then(ymd_prefix)
                .or_else(|| ymd_prefix(today));
            match date {
                Some(date) => format!("_posts/{date}-{slug}.md"),
                None => format!("_posts/{slug}.md"),
            }
        }
        Preset::Zola => format!("content/{slug}.md"),
        Preset::Astro => format!("src/content/blog/{slug}.md"),
        Preset::Eleventy => format!("posts/{slug}.md"),
    }
}

/// Where a post goes in the repository: its own path when it came from a
/// folder or the writer named it (`own`); a file imported by name alone
/// keeps that name in the generator's folder for posts; else the
/// generator's convention ([`repo_path`]). In Hugo the file name is the
/// URL, so a post that has a name keeps it, whatever its title becomes.
pub fn post_path(own: Option<&str>, preset: Preset, parts: NameParts<'_>, today: &str) -> String {
    let convention = repo_path(preset, parts, today);
    match own.and_then(|p| clean_path(p).ok()) {
        Some(p) if p.contains('/') => p,
        Some(name) => match convention.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{name}"),
            None => name,
        },
        None => convention,
    }
}

/// The name a single download gets: the post's own file name when it has
/// one (an imported `ic-take-on-devrel-2025.md` is exported as that), else
/// [`download_name`].
pub fn post_download_name(
    own: Option<&str>,
    preset: Preset,
    parts: NameParts<'_>,
    today: &str,
) -> String {
    match own.and_then(|p| clean_path(p).ok()) {
        Some(p) => p.rsplit('/').next().unwrap_or(&p).to_string(),
        None => download_name(preset, parts, today),
    }
}

/// A path the writer typed for the post, made safe to write inside a blog
/// folder: `/` separated, relative, no `..` or empty segments, a Markdown
/// extension. `Err` says what is wrong with it.
pub fn clean_path(typed: &str) -> Result<String, String> {
    let p = typed.trim().replace('\\', "/");
    let p = p.trim_start_matches("./").trim_start_matches('/');
    if p.is_empty() {
        return Err("the file name is empty".into());
    }
    let segments: Vec<&str> = p.split('/').collect();
    if segments
        .iter()
        .any(|s| s.is_empty() || *s == "." || *s == "..")
    {
        return Err(format!("{typed}: a path inside the blog, like content/posts/hello.md (no empty, . or .. parts)"));
    }
    if segments.iter().any(|s| {
        s.chars()
            .any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    }) {
        return Err(format!(
            "{typed}: a file name cannot hold : * ? \" < > | or control characters"
        ));
    }
    let name = segments[segments.len() - 1];
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
        return Err(format!("{typed}: a post's file name ends in .md"));
    }
    Ok(segments.join("/"))
}

/// The file name offered for a single download: the last path segment, except
/// for a page bundle, whose `index.md` alone would say nothing: `<slug>.index.md`.
pub fn download_name(preset: Preset, parts: NameParts<'_>, today: &str) -> String {
    let path = repo_path(preset, parts, today);
    match preset {
        Preset::HugoBundle => format!("{}.index.md", post_slug(parts)),
        _ => path.rsplit('/').next().unwrap_or(&path).to_string(),
    }
}

/// The slug a post is filed under: an explicit slug (made path-safe) wins,
/// else one made from the title, else `untitled`. Never empty.
pub fn post_slug(parts: NameParts<'_>) -> String {
    let from_slug = parts.slug.map(|s| clean(s, true)).filter(|s| !s.is_empty());
    let from_title = || {
        parts
            .title
            .map(|t| clean(t, false))
            .filter(|s| !s.is_empty())
    };
    from_slug
        .or_else(from_title)
        .unwrap_or_else(|| "untitled".to_string())
}

/// A slug from a title: Unicode-aware (letters and digits of every script are
/// kept, lower-cased), everything else becomes single hyphens. Never empty.
pub fn slugify(title: &str) -> String {
    let slug = clean(title, false);
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    }
}

/// Longest slug we produce, in characters; file systems cap names at 255 bytes.
const MAX_SLUG_CHARS: usize = 80;

/// Lower-cases and keeps alphanumerics; `keep_marks` also keeps `_` and `.`
/// (which authors use in explicit slugs). Never yields path separators, `..`
/// or leading/trailing separators.
fn clean(text: &str, keep_marks: bool) -> String {
    let mut out = String::new();
    let mut pending_sep = false;
    for c in text.chars() {
        let keep = c.is_alphanumeric() || (keep_marks && (c == '_' || c == '.'));
        if keep {
            if pending_sep && !out.is_empty() {
                out.push('-');
            }
            pending_sep = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '’' {
            // Apostrophes vanish ("Don't" -> "dont"); other marks separate words.
            pending_sep = true;
        }
        if out.len() > 4 * MAX_SLUG_CHARS {
            break; // enough to cut from; titles can be megabytes of hostile text
        }
    }
    let out: String = out.chars().take(MAX_SLUG_CHARS).collect();
    // A slug of dots (".", "..") would climb directories.
    let trimmed = out.trim_matches(|c| c == '.' || c == '-' || c == '_');
    let mut s = trimmed.to_string();
    while s.contains("..") {
        s = s.replace("..", ".");
    }
    s
}

/// `YYYY-MM-DD` from the start of a date spelling, when it is a real calendar date.
fn ymd_prefix(date: &str) -> Option<String> {
    let d = date.trim().trim_matches(|c| c == '"' || c == '\'');
    let ymd = d.get(..10)?;
    let b = ymd.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = ymd[5..7].parse().ok()?;
    let day: u32 = ymd[8..10].parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| ymd.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(title: &'a str, slug: Option<&'a str>, date: Option<&'a str>) -> NameParts<'a> {
        NameParts {
            title: Some(title),
            slug,
            date,
        }
    }

    #[test]
    fn slugs_are_unicode_aware_and_never_empty() {
        assert_eq!(slugify("From Dev to Devrel"), "from-dev-to-devrel");
        assert_eq!(
            slugify("An IC's take on DevRel (2025)"),
            "an-ics-take-on-devrel-2025"
        );
        assert_eq!(slugify("Ünïcödé Straße"), "ünïcödé-straße");
        assert_eq!(slugify("日本語のブログ"), "日本語のブログ");
        assert_eq!(slugify("  ---  "), "untitled");
        assert_eq!(slugify(""), "untitled");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert!(slugify(&"long ".repeat(100)).chars().count() <= MAX_SLUG_CHARS);
    }

    #[test]
    fn explicit_slug_wins_and_stays_path_safe() {
        let p = parts("A Title", Some("my_custom.slug"), None);
        assert_eq!(post_slug(p), "my_custom.slug");
        assert_eq!(post_slug(parts("A Title", Some("../x"), None)), "x");
        assert_eq!(post_slug(parts("A Title", Some(".."), None)), "a-title");
        assert_eq!(post_slug(parts("A Title", Some("a/b"), None)), "a-b");
        assert_eq!(post_slug(NameParts::default()), "untitled");
    }

    #[test]
    fn presets_file_posts_where_each_generator_expects() {
        let p = parts("From Dev to Devrel", None, Some("2020-07-23"));
        let today = "2026-11-22";
        assert_eq!(
            repo_path(Preset::Hugo, p, today),
            "content/posts/from-dev-to-devrel.md"
        );
        assert_eq!(
            repo_path(Preset::HugoBundle, p, today),
            "content/posts/from-dev-to-devrel/index.md"
        );
        assert_eq!(
            repo_path(Preset::Jekyll, p, today),
            "_posts/2020-07-23-from-dev-to-devrel.md"
        );
        assert_eq!(
            repo_path(Preset::Zola, p, today),
            "content/from-dev-to-devrel.md"
        );
        assert_eq!(
            repo_path(Preset::Astro, p, today),
            "src/content/blog/from-dev-to-devrel.md"
        );
        assert_eq!(
            repo_path(Preset::Eleventy, p, today),
            "posts/from-dev-to-devrel.md"
        );
        assert_eq!(
            download_name(Preset::Jekyll, p, today),
            "2020-07-23-from-dev-to-devrel.md"
        );
        assert_eq!(
            download_name(Preset::HugoBundle, p, today),
            "from-dev-to-devrel.index.md"
        );
    }

    #[test]
    fn jekyll_takes_the_date_prefix_or_today() {
        let t = "2026-11-22";
        let micro = parts("T", None, Some("2025-05-05 17:35:52.919448"));
        assert_eq!(
            repo_path(Preset::Jekyll, micro, t),
            "_posts/2025-05-05-t.md"
        );
        assert_eq!(
            repo_path(Preset::Jekyll, parts("T", None, Some("\"2021-01-02\"")), t),
            "_posts/2021-01-02-t.md"
        );
        assert_eq!(
            repo_path(Preset::Jekyll, parts("T", None, Some("yesterday")), t),
            "_posts/2026-11-22-t.md"
        );
        assert_eq!(
            repo_path(Preset::Jekyll, parts("T", None, Some("2021-13-01")), t),
            "_posts/2026-11-22-t.md"
        );
        assert_eq!(
            repo_path(Preset::Jekyll, parts("T", None, None), "not a date"),
            "_posts/t.md"
        );
    }

    #[test]
    fn names_come_from_the_post() {
        let post = crate::post::Post::parse(
            "---\ntitle: \"Hi there\"\ndate: 2021-02-03\nslug: [not, a, scalar]\n---\nx\n",
        );
        let names = PostNames::of(&post);
        assert_eq!(names.title.as_deref(), Some("Hi there"));
        assert_eq!(names.date.as_deref(), Some("2021-02-03"));
        assert_eq!(names.slug, None);
        assert_eq!(
            repo_path(Preset::Jekyll, names.parts(), "2000-01-01"),
            "_posts/2021-02-03-hi-there.md"
        );
    }

    #[test]
    fn a_post_with_a_name_keeps_it_whatever_its_title() {
        let t = "2026-12-04";
        let names = parts("An IC's take on DevRel in 2025", None, None);
        assert_eq!(
            post_download_name(Some("ic-take-on-devrel-2025.md"), Preset::Hugo, names, t),
            "ic-take-on-devrel-2025.md"
        );
        assert_eq!(
            post_path(Some("content/posts/ic-take.md"), Preset::Jekyll, names, t),
            "content/posts/ic-take.md"
        );
        // A file imported by name alone goes in the generator's folder under that name.
        assert_eq!(
            post_path(Some("ic-take-on-devrel-2025.md"), Preset::Hugo, names, t),
            "content/posts/ic-take-on-devrel-2025.md"
        );
        assert_eq!(
            post_path(Some("ic-take-on-devrel-2025.md"), Preset::Jekyll, names, t),
            "_posts/ic-take-on-devrel-2025.md"
        );
        assert_eq!(
            post_download_name(
                Some("content/posts/trip/index.md"),
                Preset::HugoBundle,
                names,
                t
            ),
            "index.md"
        );
        // Without one, the generator's convention.
        assert_eq!(
            post_download_name(None, Preset::Hugo, names, t),
            "an-ics-take-on-devrel-in-2025.md"
        );
        assert_eq!(
            post_path(Some("../../etc/passwd.md"), Preset::Hugo, names, t),
            "content/posts/an-ics-take-on-devrel-in-2025.md"
        );
    }

    #[test]
    fn a_typed_path_stays_inside_the_blog() {
        assert_eq!(
            clean_path(" /content/posts/a.md ").as_deref(),
            Ok("content/posts/a.md")
        );
        assert_eq!(
            clean_path("content\\posts\\a.md").as_deref(),
            Ok("content/posts/a.md")
        );
        for bad in [
            "",
            "../a.md",
            "content//a.md",
            "a.txt",
            "a?.md",
            "content/./a.md",
        ] {
            assert!(clean_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn preset_ids_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_id(p.id()), Some(p));
        }
        assert_eq!(Preset::from_id(" Jekyll "), Some(Preset::Jekyll));
        assert_eq!(Preset::from_id("gatsby"), None);
    }
}

/// Makes every path unique by numbering repeats (`a.md`, `a-2.md`, …), so two
/// drafts with one title do not overwrite each other in an archive.
pub fn unique_paths(paths: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    paths
        .into_iter()
        .map(|p| {
            if seen.insert(p.clone()) {
                return p;
            }
            let (stem, ext) = match p.rfind('.') {
                Some(dot) if !p[dot..].contains('/') => (&p[..dot], &p[dot..]),
                _ => (p.as_str(), ""),
            };
            let mut n = 2;
            loop {
                let candidate = format!("{stem}-{n}{ext}");
                if seen.insert(candidate.clone()) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

/// A zip archive of `(path, bytes)` entries, stored uncompressed (posts are
/// small, and no compressor ships in the widget).
pub fn zip_archive(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .unix_permissions(0o644);
    for (path, bytes) in entries {
        writer
            .start_file(path.as_str(), options)
            .map_err(|e| e.to_string())?;
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(writer.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod archive_tests {
    use super::*;

    #[test]
    fn repeated_paths_are_numbered() {
        let out = unique_paths(vec![
            "a.md".into(),
            "b.md".into(),
            "a.md".into(),
            "a.md".into(),
            "x/index.md".into(),
            "x/index.md".into(),
        ]);
        assert_eq!(
            out,
            [
                "a.md",
                "b.md",
                "a-2.md",
                "a-3.md",
                "x/index.md",
                "x/index-2.md"
            ]
        );
    }

    #[test]
    fn zip_holds_the_exact_bytes() {
        let entries = vec![
            (
                "content/posts/a.md".to_string(),
                b"---\ntitle: A\n---\nBody\r\n".to_vec(),
            ),
            (
                "content/posts/b.md".to_string(),
                "\u{feff}ünï\n".as_bytes().to_vec(),
            ),
        ];
        let bytes = zip_archive(&entries).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        for (path, data) in &entries {
            let mut file = archive.by_name(path).unwrap();
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut out).unwrap();
            assert_eq!(&out, data);
        }
    }
}
