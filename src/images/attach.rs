//! From a user's file to what the editor does with it: known by its bytes,
//! stripped of metadata, placed (named and filed), and the Markdown to
//! insert with the alt text to select. Also how pictures are keyed in the
//! browser's store (per draft), which stored ones belong to no draft any
//! more, and which `src` of the preview is one of the post's own pictures.

use std::collections::HashMap;
use std::ops::Range;

use super::{place, strip, ImageKind, MediaFolders, Placement};

/// A picture ready to be stored and referred to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub kind: ImageKind,
    /// The bytes to keep (metadata removed).
    pub bytes: Vec<u8>,
    pub placement: Placement,
    /// What was removed ("location (GPS)", …), for the notice.
    pub removed: Vec<&'static str>,
    pub dimensions: Option<(u32, u32)>,
}

/// Why a file did not become a picture of the post, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Takes the file `file_name` with `bytes` for the post at `post_path`;
/// `taken` says which repo paths are used already (by this post's other
/// pictures, including those of the same batch).
pub fn attach(
    folders: &MediaFolders,
    post_path: &str,
    file_name: &str,
    bytes: &[u8],
    taken: &dyn Fn(&str) -> bool,
) -> Result<Attached, Refused> {
    let kind = ImageKind::sniff(bytes).ok_or_else(|| {
        Refused(format!(
            "{file_name} is not a picture the editor takes (PNG, JPEG, GIF, WebP, AVIF or SVG)."
        ))
    })?;
    let stripped = strip(kind, bytes).map_err(|e| Refused(format!("{file_name}: {e}.")))?;
    let placement = place(folders, post_path, file_name, kind, taken);
    Ok(Attached {
        kind,
        bytes: stripped.bytes,
        placement,
        removed: stripped.removed,
        dimensions: stripped.dimensions,
    })
}

/// Whether a file dropped or pasted is meant as a picture (by its type or
/// name; its bytes decide later): pictures go into the post, other files
/// are imported as posts.
pub fn looks_like_picture(name: &str, mime: &str) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    mime.starts_with("image/")
        || matches!(
            ext.as_deref(),
            Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "svg")
        )
}

/// Photos wider than this are offered a resize (most themes show 1200 px at
/// most, 2400 on a sharp screen).
pub const RESIZE_ABOVE_PX: u32 = 2400;

/// The size to offer a picture of `kind` and `dimensions`, when it is wider
/// than `limit`: the same shape at `limit` px wide. Not for SVG (no pixels),
/// GIF (it may move) or AVIF (a browser may not encode it).
pub fn resize_offer(
    kind: ImageKind,
    dimensions: Option<(u32, u32)>,
    limit: u32,
) -> Option<(u32, u32)> {
    let (w, h) = dimensions?;
    let photo = matches!(kind, ImageKind::Jpeg | ImageKind::Png | ImageKind::Webp);
    (photo && w > limit && limit > 0).then(|| {
        let height = (u64::from(h) * u64::from(limit) + u64::from(w) / 2) / u64::from(w);
        (limit, height.max(1) as u32)
    })
}

/// The Markdown for pictures inserted at once: one `![alt](reference)` a
/// line, and the range (bytes into it) to select: the first one's alt text,
/// so the writer types it (an empty range between the brackets when there
/// is none yet).
pub fn markdown(pictures: &[&Placement]) -> (String, Range<usize>) {
    let mut text = String::new();
    let mut select = 0..0;
    for (i, p) in pictures.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let alt = escape_alt(&p.alt);
        if i == 0 {
            select = text.len() + 2..text.len() + 2 + alt.len();
        }
        text.push_str("![");
        text.push_str(&alt);
        text.push_str("](");
        text.push_str(&reference_in_markdown(&p.reference));
        text.push(')');
    }
    (text, select)
}

/// [`markdown`] to go between `before` and `after` (the text either side of
/// the caret): a picture is a paragraph of its own, so blank lines are added
/// where the text around it has none.
pub fn markdown_between(
    before: &str,
    after: &str,
    pictures: &[&Placement],
) -> (String, Range<usize>) {
    let (text, select) = markdown(pictures);
    let prefix = if before.is_empty() || before.ends_with("\n\n") {
        ""
    } else if before.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let suffix = if after.is_empty() || after.starts_with("\n\n") {
        ""
    } else if after.starts_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let at = prefix.len();
    (
        format!("{prefix}{text}{suffix}"),
        select.start + at..select.end + at,
    )
}

fn escape_alt(alt: &str) -> String {
    alt.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// A reference with spaces or parentheses goes in angle brackets (slugged
/// names have none; a public folder a user typed may).
fn reference_in_markdown(reference: &str) -> String {
    if reference.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", reference.replace('<', "%3C").replace('>', "%3E"))
    } else {
        reference.to_string()
    }
}

/// Where a picture is written with the post now at `post_path`: one the
/// post refers to relatively (a page bundle's, Astro's `src/assets`) moves
/// with the post, so it is found beside it whatever the post's name became
/// since; one under a public folder stays at `repo_path`.
pub fn path_in_repo(repo_path: &str, reference: &str, post_path: &str) -> String {
    match super::refs::repo_candidates(None, post_path, reference) {
        Some(c) if !reference.starts_with('/') && !c.is_empty() && !c[0].is_empty() => c[0].clone(),
        _ => repo_path.to_string(),
    }
}

/// How a stored picture is keyed: its draft, then its repo path.
pub fn store_key(draft_id: &str, repo_path: &str) -> String {
    format!("{draft_id}\n{repo_path}")
}

/// The draft and repo path of a stored key; `None`: not one of ours.
pub fn parse_store_key(key: &str) -> Option<(&str, &str)> {
    key.split_once('\n')
        .filter(|(d, p)| !d.is_empty() && !p.is_empty())
}

/// The stored keys whose draft is not among `live` (deleted for good, past
/// the undo window): their pictures go too.
pub fn orphans<'a>(keys: &'a [String], live: &[&str]) -> Vec<&'a str> {
    keys.iter()
        .map(String::as_str)
        .filter(|k| parse_store_key(k).is_none_or(|(d, _)| !live.contains(&d)))
        .collect()
}

/// The post's own pictures, by how the preview's `<img src>` shows them:
/// the reference as written, and resolved against the site's base URL.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LocalSources {
    by_src: HashMap<String, String>,
}

impl LocalSources {
    /// `pictures`: (reference as written in the post, the URL that shows
    /// its bytes here).
    pub fn new<'a>(
        pictures: impl IntoIterator<Item = (&'a str, &'a str)>,
        base_url: Option<&str>,
    ) -> Self {
        let mut by_src = HashMap::new();
        for (reference, url) in pictures {
            if let Some(resolved) = crate::markdown::image_src(reference, base_url) {
                by_src.insert(resolved, url.to_string());
            }
            by_src.insert(reference.to_string(), url.to_string());
            // `./photo.jpg` and `photo.jpg` are the same file.
            if let Some(plain) = reference.strip_prefix("./") {
                by_src.insert(plain.to_string(), url.to_string());
            }
        }
        LocalSources { by_src }
    }

    pub fn is_empty(&self) -> bool {
        self.by_src.is_empty()
    }

    /// The URL to show for an `<img>` whose `src` attribute is `src`, when
    /// it is one of the post's own pictures.
    pub fn url_for(&self, src: &str) -> Option<&str> {
        self.by_src
            .get(src)
            .or_else(|| self.by_src.get(src.strip_prefix("./")?))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Preset;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/images/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    #[test]
    fn a_photo_is_stripped_named_and_placed() {
        let folders = MediaFolders::default_for(Preset::Hugo, "content/posts/bay.md");
        let taken = |p: &str| p == "static/images/gps.jpg";
        let a = attach(
            &folders,
            "content/posts/bay.md",
            "gps.jpg",
            &fixture("gps.jpg"),
            &taken,
        )
        .unwrap();
        assert_eq!(a.kind, ImageKind::Jpeg);
        assert_eq!(a.placement.repo_path, "static/images/gps-2.jpg");
        assert_eq!(a.placement.reference, "/images/gps-2.jpg");
        assert!(a.removed.contains(&"location (GPS)"), "{:?}", a.removed);
        assert!(a.bytes.len() < fixture("gps.jpg").len());
    }

    #[test]
    fn a_file_that_is_no_picture_is_refused_by_its_bytes() {
        let folders = MediaFolders::default_for(Preset::Jekyll, "_posts/x.md");
        let e = attach(&folders, "_posts/x.md", "notes.png", b"hello", &|_| false).unwrap_err();
        assert!(e.0.contains("notes.png is not a picture"), "{e}");
    }

    #[test]
    fn pictures_are_told_from_posts_by_type_or_name() {
        assert!(looks_like_picture("a.JPG", ""));
        assert!(looks_like_picture("clipboard", "image/png"));
        assert!(!looks_like_picture("post.md", "text/markdown"));
    }

    fn placed(alt: &str, reference: &str) -> Placement {
        Placement {
            repo_path: String::new(),
            reference: reference.into(),
            alt: alt.into(),
        }
    }

    #[test]
    fn the_markdown_selects_the_first_alt_text() {
        let (a, b) = (placed("The bay", "/images/bay.jpg"), placed("", "x.png"));
        let (text, sel) = markdown(&[&a, &b]);
        assert_eq!(text, "![The bay](/images/bay.jpg)\n![](x.png)");
        assert_eq!(&text[sel], "The bay");
        let (text, sel) = markdown(&[&b]);
        assert_eq!(text, "![](x.png)");
        assert_eq!(sel, 2..2);
        let odd = placed("a [b]", "/my images/a (1).png");
        assert_eq!(markdown(&[&odd]).0, "![a \\[b\\]](</my images/a (1).png>)");
    }

    #[test]
    fn a_relative_picture_follows_its_post_a_public_one_stays() {
        // A bundle renamed since: its picture goes beside its index.md.
        assert_eq!(
            path_in_repo(
                "content/posts/untitled/bay.jpg",
                "bay.jpg",
                "content/posts/trip/index.md"
            ),
            "content/posts/trip/bay.jpg"
        );
        assert_eq!(
            path_in_repo(
                "src/assets/a.png",
                "../../assets/a.png",
                "src/content/blog/x.md"
            ),
            "src/assets/a.png"
        );
        assert_eq!(
            path_in_repo("static/images/a.png", "/images/a.png", "content/posts/y.md"),
            "static/images/a.png"
        );
    }

    #[test]
    fn wide_photos_are_offered_a_resize_to_the_limit() {
        assert_eq!(
            resize_offer(ImageKind::Jpeg, Some((4000, 3000)), 2400),
            Some((2400, 1800))
        );
        assert_eq!(
            resize_offer(ImageKind::Png, Some((2401, 1)), 2400),
            Some((2400, 1))
        );
        assert_eq!(
            resize_offer(ImageKind::Jpeg, Some((2400, 3000)), 2400),
            None
        );
        assert_eq!(resize_offer(ImageKind::Gif, Some((4000, 3000)), 2400), None);
        assert_eq!(resize_offer(ImageKind::Svg, None, 2400), None);
    }

    #[test]
    fn a_picture_is_a_paragraph_of_its_own() {
        let a = placed("Bay", "/b.jpg");
        let at = |before, after| markdown_between(before, after, &[&a]);
        assert_eq!(at("Intro\n\n", "").0, "![Bay](/b.jpg)");
        assert_eq!(at("", "").0, "![Bay](/b.jpg)");
        assert_eq!(at("Intro\n", "").0, "\n![Bay](/b.jpg)");
        let (text, sel) = at("Some text", "More text");
        assert_eq!(text, "\n\n![Bay](/b.jpg)\n\n");
        assert_eq!(&text[sel], "Bay");
        assert_eq!(at("A\n\n", "\nB").0, "![Bay](/b.jpg)\n");
    }

    #[test]
    fn stored_pictures_of_deleted_drafts_are_orphans() {
        let keys = vec![
            store_key("d1", "static/images/a.jpg"),
            store_key("d2", "static/images/b.jpg"),
            "junk".to_string(),
        ];
        assert_eq!(
            parse_store_key(&keys[0]),
            Some(("d1", "static/images/a.jpg"))
        );
        assert_eq!(
            orphans(&keys, &["d1"]),
            vec!["d2\nstatic/images/b.jpg", "junk"]
        );
    }

    #[test]
    fn the_preview_knows_the_posts_pictures_as_written_and_resolved() {
        let s = LocalSources::new(
            [("/images/a.jpg", "blob:1"), ("./b.png", "blob:2")],
            Some("https://example.com/blog/"),
        );
        assert_eq!(s.url_for("/images/a.jpg"), Some("blob:1"));
        assert_eq!(
            s.url_for("https://example.com/images/a.jpg"),
            Some("blob:1")
        );
        assert_eq!(s.url_for("b.png"), Some("blob:2"));
        assert_eq!(s.url_for("https://example.com/blog/b.png"), Some("blob:2"));
        assert_eq!(s.url_for("/images/other.jpg"), None);
    }
}
