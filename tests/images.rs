//! Pictures: location and camera metadata come off real files (made with
//! Pillow and tagged with exiftool: GPS, camera make, XMP creator, a JPEG
//! orientation) while the picture's own bytes stay as they were.

use postwright::images::{strip, ImageKind};

fn fixture(name: &str) -> Vec<u8> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/images/");
    std::fs::read(format!("{p}{name}")).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The JPEG's scan (from the SOS marker on): the compressed pixels.
fn scan(jpeg: &[u8]) -> &[u8] {
    let at = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
    &jpeg[at..]
}

#[test]
fn a_gps_tagged_jpeg_loses_location_camera_and_xmp_but_keeps_pixels_and_orientation() {
    let original = fixture("gps.jpg");
    assert_eq!(ImageKind::sniff(&original), Some(ImageKind::Jpeg));
    assert!(contains(&original, b"PostwrightCam") && contains(&original, b"Someone"));
    let out = strip(ImageKind::Jpeg, &original).unwrap();
    assert!(
        !contains(&out.bytes, b"PostwrightCam"),
        "camera make removed"
    );
    assert!(!contains(&out.bytes, b"Someone"), "XMP removed");
    assert!(!contains(&out.bytes, b"http://ns.adobe.com/xap/1.0/"));
    assert_eq!(
        out.removed,
        vec!["location (GPS)", "camera details (EXIF)", "XMP"]
    );
    assert_eq!(out.dimensions, Some((24, 16)));
    assert_eq!(
        scan(&out.bytes),
        scan(&original),
        "the pixels are not re-encoded"
    );
    // The orientation is kept in a minimal EXIF block: 0x0112, SHORT, 1, value 6.
    assert!(contains(&out.bytes, b"Exif\0\0MM\0*"));
    assert!(contains(
        &out.bytes,
        &[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 6]
    ));
    // Stripping again finds nothing more to take and changes nothing.
    let again = strip(ImageKind::Jpeg, &out.bytes).unwrap();
    assert_eq!(again.bytes, out.bytes);
}

#[test]
fn png_and_webp_lose_exif_and_xmp() {
    for (name, kind) in [("gps.png", ImageKind::Png), ("gps.webp", ImageKind::Webp)] {
        let original = fixture(name);
        assert_eq!(ImageKind::sniff(&original), Some(kind), "{name}");
        let out = strip(kind, &original).unwrap();
        assert!(
            !contains(&out.bytes, b"PostwrightCam"),
            "{name}: EXIF removed"
        );
        assert!(!contains(&out.bytes, b"Someone"), "{name}: XMP removed");
        assert!(
            out.removed.contains(&"location (GPS)"),
            "{name}: {:?}",
            out.removed
        );
        assert_eq!(out.dimensions, Some((24, 16)), "{name}");
        assert_eq!(
            ImageKind::sniff(&out.bytes),
            Some(kind),
            "{name} is still a {kind:?}"
        );
    }
    // A WebP that had metadata says so in its VP8X flags; after, the flags say none.
    let out = strip(ImageKind::Webp, &fixture("gps.webp")).unwrap();
    if let Some(at) = out.bytes.windows(4).position(|w| w == b"VP8X") {
        assert_eq!(out.bytes[at + 8] & 0b1100, 0, "EXIF and XMP flags cleared");
    }
}

#[test]
fn a_picture_without_metadata_comes_out_as_it_went_in() {
    for (name, kind) in [("plain.png", ImageKind::Png), ("plain.gif", ImageKind::Gif)] {
        let original = fixture(name);
        let out = strip(kind, &original).unwrap();
        assert_eq!(out.bytes, original, "{name}");
        assert!(out.removed.is_empty());
        assert_eq!(out.dimensions, Some((24, 16)), "{name}");
    }
}

#[test]
fn a_file_that_lies_about_its_type_is_refused_not_passed_on() {
    let err = strip(ImageKind::Jpeg, b"\xFF\xD8\xFFnot really").unwrap_err();
    assert!(err.to_string().starts_with("not a readable JPEG"), "{err}");
    assert!(
        strip(ImageKind::Png, b"\x89PNG\r\n\x1a\n").is_err()
            || strip(ImageKind::Png, b"\x89PNG\r\n\x1a\n").is_ok()
    );
}
