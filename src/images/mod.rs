//! Pictures in a post: what kind a file is (by its bytes, not its name),
//! where it goes in the repository and how the post refers to it
//! ([`place`]), and removing location and camera metadata ([`metadata`]).
//! Pure core; the browser layer stores the bytes (IndexedDB) and the UI
//! inserts the Markdown.

pub mod attach;
pub mod metadata;
pub mod place;
pub mod placed;
pub mod refs;

pub use attach::{attach, Attached, LocalSources, Refused};
pub use metadata::{strip, NotAnImage, Stripped};
pub use place::{place, MediaFolders, Placement};
pub use placed::PicturesPlaced;

/// The picture formats a post may hold (what browsers show in `<img>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Avif,
    Svg,
}

impl ImageKind {
    /// Knows a picture by its first bytes; `None`: not a picture we take.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        let b = bytes;
        if b.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageKind::Jpeg)
        } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
            Some(ImageKind::Gif)
        } else if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
            Some(ImageKind::Webp)
        } else if b.len() >= 12 && &b[4..8] == b"ftyp" && matches!(&b[8..12], b"avif" | b"avis") {
            Some(ImageKind::Avif)
        } else if is_svg(b) {
            Some(ImageKind::Svg)
        } else {
            None
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
            ImageKind::Avif => "avif",
            ImageKind::Svg => "svg",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
            ImageKind::Avif => "image/avif",
            ImageKind::Svg => "image/svg+xml",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ImageKind::Png => "PNG",
            ImageKind::Jpeg => "JPEG",
            ImageKind::Gif => "GIF",
            ImageKind::Webp => "WebP",
            ImageKind::Avif => "AVIF",
            ImageKind::Svg => "SVG",
        }
    }
}

/// An SVG document: optional BOM, whitespace, XML declaration, comments or
/// doctype, then `<svg`.
fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let Ok(text) =
        std::str::from_utf8(head).or_else(|e| std::str::from_utf8(&head[..e.valid_up_to()]))
    else {
        return false;
    };
    let mut t = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(rest) = t.strip_prefix("<?") {
            t = rest.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else if let Some(rest) = t.strip_prefix("<!--") {
            t = rest.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if let Some(rest) = t.strip_prefix("<!") {
            t = rest.split_once('>').map_or("", |(_, r)| r).trim_start();
        } else {
            return t.starts_with("<svg");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_known_by_their_bytes() {
        assert_eq!(
            ImageKind::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageKind::Png)
        );
        assert_eq!(
            ImageKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageKind::Jpeg)
        );
        assert_eq!(ImageKind::sniff(b"GIF89a.."), Some(ImageKind::Gif));
        assert_eq!(
            ImageKind::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ImageKind::Webp)
        );
        assert_eq!(
            ImageKind::sniff(b"\0\0\0\x1cftypavif"),
            Some(ImageKind::Avif)
        );
        assert_eq!(
            ImageKind::sniff(
                b"<?xml version=\"1.0\"?>\n<!-- x -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
            ),
            Some(ImageKind::Svg)
        );
        assert_eq!(ImageKind::sniff(b"<html><svg></svg></html>"), None);
        assert_eq!(ImageKind::sniff(b"---\ntitle: x\n---\n"), None);
    }
}
