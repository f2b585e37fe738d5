//! Where a picture goes in the blog repository and how the post refers to
//! it, per generator, with Decap's names for the two settings: the *media
//! folder* (where the file is written in the repo) and the *public folder*
//! (how the post's Markdown refers to it; none: relative to the post).

use crate::export::{slugify, Preset};

use super::ImageKind;

/// The two settings a user can change; [`MediaFolders::default_for`] gives
/// what each generator's users expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFolders {
    /// Repo folder the file is written to, e.g. `static/images`; a page
    /// bundle's is the post's own folder.
    pub media_folder: String,
    /// URL prefix the post uses, e.g. `/images`; `None`: a path relative to the post.
    pub public_folder: Option<String>,
}

impl MediaFolders {
    /// The conventions per generator, for a post at repo path `post_path`:
    /// a page bundle (`…/index.md`) keeps its pictures beside the post.
    pub fn default_for(preset: Preset, post_path: &str) -> MediaFolders {
        let post_dir = post_path.rsplit_once('/').map_or("", |(d, _)| d);
        let bundle = post_path.ends_with("/index.md") || post_path.ends_with("/index.markdown");
        let (media, public): (&str, Option<&str>) = match preset {
            Preset::HugoBundle => (post_dir, None),
            Preset::Hugo | Preset::Zola if bundle => (post_dir, None),
            Preset::Hugo | Preset::Zola => ("static/images", Some("/images")),
            Preset::Jekyll => ("assets/images", Some("/assets/images")),
            // In src/assets and referenced relative, so Astro optimizes it.
            Preset::Astro => ("src/assets", None),
            Preset::Eleventy => ("img", Some("/img")),
        };
        MediaFolders {
            media_folder: media.to_string(),
            public_folder: public.map(String::from),
        }
    }
}

impl MediaFolders {
    /// The generator's conventions, with what the user (or the host) set
    /// instead: as in Decap, a public folder left unset is the media folder
    /// with a leading `/`.
    pub fn chosen(
        preset: Preset,
        post_path: &str,
        media_folder: Option<&str>,
        public_folder: Option<&str>,
    ) -> MediaFolders {
        let mut folders = MediaFolders::default_for(preset, post_path);
        if let Some(media) = media_folder.map(str::trim).filter(|m| !m.is_empty()) {
            let media = media.trim_matches('/').to_string();
            folders.public_folder = Some(format!("/{media}"));
            folders.media_folder = media;
        }
        if let Some(public) = public_folder.map(str::trim).filter(|p| !p.is_empty()) {
            folders.public_folder = Some(public.to_string());
        }
        folders
    }
}

/// Where one picture lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Its path in the repository, e.g. `static/images/photo-2.jpg`.
    pub repo_path: String,
    /// What the post writes in `![alt](…)`, e.g. `/images/photo-2.jpg`.
    pub reference: String,
    /// Alt text to start from, made from the file name (`Photo of the bay`).
    pub alt: String,
}

/// Places `file_name` (as the user's file was called) of `kind` for a post at
/// `post_path`; `taken` says whether a repo path is already used, so a second
/// `photo.jpg` becomes `photo-2.jpg`.
pub fn place(
    folders: &MediaFolders,
    post_path: &str,
    file_name: &str,
    kind: ImageKind,
    taken: &dyn Fn(&str) -> bool,
) -> Placement {
    // Only the name counts: a path a browser or host passes along is not ours to follow.
    let file_name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let slug = slugify(stem);
    let slug = if slug == "untitled" {
        "image".to_string()
    } else {
        slug
    };
    let folder = folders.media_folder.trim_matches('/');
    let join = |name: &str| {
        if folder.is_empty() {
            name.to_string()
        } else {
            format!("{folder}/{name}")
        }
    };
    let ext = kind.extension();
    let mut name = format!("{slug}.{ext}");
    let mut n = 2;
    while taken(&join(&name)) {
        name = format!("{slug}-{n}.{ext}");
        n += 1;
    }
    let repo_path = join(&name);
    let reference = match &folders.public_folder {
        Some(public) => format!("{}/{name}", public.trim_end_matches('/')),
        None => relative(post_path, &repo_path),
    };
    Placement {
        repo_path,
        reference,
        alt: alt_from(stem),
    }
}

/// `target` as a path relative to the folder of `from` (both repo paths).
pub fn relative(from: &str, target: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let from_dir = &from_dir[..from_dir.len().saturating_sub(1)];
    let to: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    let common = from_dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// A readable start for alt text from a file name: `IMG_2041` says nothing,
/// so it gives an empty alt (the editor selects it for typing either way).
fn alt_from(stem: &str) -> String {
    let words: String = stem
        .chars()
        .map(|c| {
            if c == '-' || c == '_' || c == '.' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let camera_like = {
        let letters = words.chars().filter(|c| c.is_alphabetic()).count();
        let digits = words.chars().filter(|c| c.is_ascii_digit()).count();
        digits >= letters
            || words.to_ascii_uppercase().starts_with("IMG")
            || words.starts_with("DSC")
    };
    if camera_like || words.is_empty() {
        return String::new();
    }
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(preset: Preset, post: &str, file: &str, taken: &[&str]) -> (String, String) {
        let folders = MediaFolders::default_for(preset, post);
        let p = place(&folders, post, file, ImageKind::Jpeg, &|p| {
            taken.contains(&p)
        });
        (p.repo_path, p.reference)
    }

    #[test]
    fn each_generator_files_pictures_where_its_users_expect() {
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            placed(
                Preset::HugoBundle,
                "content/posts/trip/index.md",
                "Bay View.JPG",
                &[]
            ),
            s("content/posts/trip/bay-view.jpg", "bay-view.jpg")
        );
        assert_eq!(
            placed(Preset::Hugo, "content/posts/trip.md", "bay.jpg", &[]),
            s("static/images/bay.jpg", "/images/bay.jpg")
        );
        assert_eq!(
            placed(Preset::Hugo, "content/posts/trip/index.md", "bay.jpg", &[]),
            s("content/posts/trip/bay.jpg", "bay.jpg")
        );
        assert_eq!(
            placed(Preset::Jekyll, "_posts/2026-01-01-trip.md", "bay.jpg", &[]),
            s("assets/images/bay.jpg", "/assets/images/bay.jpg")
        );
        assert_eq!(
            placed(Preset::Zola, "content/blog/trip.md", "bay.jpg", &[]),
            s("static/images/bay.jpg", "/images/bay.jpg")
        );
        assert_eq!(
            placed(Preset::Zola, "content/blog/trip/index.md", "bay.jpg", &[]),
            s("content/blog/trip/bay.jpg", "bay.jpg")
        );
        assert_eq!(
            placed(Preset::Astro, "src/content/blog/trip.md", "bay.jpg", &[]),
            s("src/assets/bay.jpg", "../../assets/bay.jpg")
        );
        assert_eq!(
            placed(Preset::Eleventy, "posts/trip.md", "bay.jpg", &[]),
            s("img/bay.jpg", "/img/bay.jpg")
        );
    }

    #[test]
    fn names_are_slugged_and_never_collide() {
        let taken = ["static/images/photo.jpg", "static/images/photo-2.jpg"];
        assert_eq!(
            placed(Preset::Hugo, "content/posts/a.md", "photo.jpeg", &taken).0,
            "static/images/photo-3.jpg"
        );
        assert_eq!(
            placed(
                Preset::Hugo,
                "content/posts/a.md",
                "../../etc/passwd.png",
                &[]
            )
            .0,
            "static/images/passwd.jpg"
        );
        assert_eq!(
            placed(Preset::Hugo, "content/posts/a.md", "....jpg", &[]).0,
            "static/images/image.jpg"
        );
    }

    #[test]
    fn a_user_setting_wins() {
        let folders = MediaFolders {
            media_folder: "assets/uploads/".into(),
            public_folder: Some("https://cdn.example/u/".into()),
        };
        let p = place(&folders, "x.md", "a.png", ImageKind::Png, &|_| false);
        assert_eq!(
            (p.repo_path.as_str(), p.reference.as_str()),
            ("assets/uploads/a.png", "https://cdn.example/u/a.png")
        );
    }

    #[test]
    fn a_hosts_folders_win_as_decap_reads_them() {
        let c = |m, p| MediaFolders::chosen(Preset::Hugo, "content/posts/a.md", m, p);
        assert_eq!(
            c(None, None),
            MediaFolders::default_for(Preset::Hugo, "content/posts/a.md")
        );
        let only_media = c(Some("static/uploads/"), None);
        assert_eq!(only_media.media_folder, "static/uploads");
        assert_eq!(only_media.public_folder.as_deref(), Some("/static/uploads"));
        let both = c(Some("static/uploads"), Some("/uploads"));
        assert_eq!(both.public_folder.as_deref(), Some("/uploads"));
        assert_eq!(c(None, Some("/media")).media_folder, "static/images");
    }

    #[test]
    fn alt_text_starts_from_a_meaningful_name() {
        let alt = |f: &str| {
            place(
                &MediaFolders::default_for(Preset::Hugo, "a.md"),
                "a.md",
                f,
                ImageKind::Png,
                &|_| false,
            )
            .alt
        };
        assert_eq!(alt("sunset-over_the.bay.png"), "Sunset over the bay");
        assert_eq!(alt("IMG_2041.png"), "");
        assert_eq!(alt("20240501_101500.png"), "");
    }
}
