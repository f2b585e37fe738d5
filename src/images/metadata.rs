//! Removing location and camera metadata from a picture without re-encoding
//! it: the pixels' bytes are copied as they are; only metadata segments or
//! chunks go. JPEG keeps the EXIF orientation (else portrait photos turn on
//! their side) in a fresh, minimal EXIF block; everything else of EXIF (GPS,
//! camera make, model, serial, dates), XMP and Photoshop/IPTC blocks goes.
//! PNG loses `eXIf` and its text chunks; WebP its `EXIF` and `XMP ` chunks.
//! GIF carries none of these; SVG and AVIF pass through as they are.
//! Containers are read and written by the `img-parts` crate.

use img_parts::jpeg::{markers, Jpeg, JpegSegment};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

use super::ImageKind;

/// A picture after stripping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub bytes: Vec<u8>,
    /// What was removed, for the notice ("location (GPS)", "XMP", …); empty: nothing was there.
    pub removed: Vec<&'static str>,
    /// Width and height in pixels, where the container says.
    pub dimensions: Option<(u32, u32)>,
}

/// The file is not the picture its type claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnImage(pub String);

impl std::fmt::Display for NotAnImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const XMP_EXTENSION: &[u8] = b"http://ns.adobe.com/xmp/extension/\0";
const EXIF: &[u8] = b"Exif\0\0";

/// Strips `bytes` of kind `kind`.
pub fn strip(kind: ImageKind, bytes: &[u8]) -> Result<Stripped, NotAnImage> {
    let bad = |e: img_parts::Error| NotAnImage(format!("not a readable {}: {e}", kind.label()));
    let mut removed = Vec::new();
    let mut note = |what: &'static str| {
        if !removed.contains(&what) {
            removed.push(what);
        }
    };
    let (bytes, dimensions) = match kind {
        ImageKind::Jpeg => {
            let mut jpeg = Jpeg::from_bytes(Bytes::copy_from_slice(bytes)).map_err(bad)?;
            let mut kept: Vec<JpegSegment> = Vec::new();
            for seg in jpeg.segments().iter() {
                let c = seg.contents();
                match seg.marker() {
                    markers::APP1 if c.starts_with(EXIF) => {
                        let tiff = &c[EXIF.len()..];
                        if has_gps(tiff) {
                            note("location (GPS)");
                        }
                        note("camera details (EXIF)");
                        if let Some(o) = orientation(tiff).filter(|&o| o != 1) {
                            kept.push(JpegSegment::new_with_contents(
                                markers::APP1,
                                Bytes::from(orientation_exif(o)),
                            ));
                        }
                    }
                    markers::APP1 if c.starts_with(XMP) || c.starts_with(XMP_EXTENSION) => {
                        note("XMP")
                    }
                    markers::APP13 => note("IPTC"),
                    _ => kept.push(seg.clone()),
                }
            }
            *jpeg.segments_mut() = kept;
            let dims = jpeg.dimensions().map(|(w, h)| (u32::from(w), u32::from(h)));
            (jpeg.encoder().bytes().to_vec(), dims)
        }
        ImageKind::Png => {
            let mut png = Png::from_bytes(Bytes::copy_from_slice(bytes)).map_err(bad)?;
            let before = png.chunks().len();
            let had_exif = png
                .chunk_by_type(*b"eXIf")
                .is_some_and(|c| has_gps(c.contents()));
            // Text chunks carry XMP, camera make and model, software and
            // times (exiftool and cameras write them there too): none is
            // the picture, so all go.
            png.chunks_mut()
                .retain(|c| !matches!(&c.kind(), b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt"));
            if png.chunks().len() != before {
                if had_exif {
                    note("location (GPS)");
                }
                note("metadata (EXIF, XMP, text)");
            }
            let dims = png.dimensions();
            (png.encoder().bytes().to_vec(), dims)
        }
        ImageKind::Webp => {
            let mut webp = WebP::from_bytes(Bytes::copy_from_slice(bytes)).map_err(bad)?;
            if let Some(exif) = webp.exif() {
                if has_gps(&exif) {
                    note("location (GPS)");
                }
                note("camera details (EXIF)");
            }
            if webp.has_chunk(*b"XMP ") {
                note("XMP");
            }
            webp.remove_chunks_by_id(*b"XMP ");
            // Also sets the container's flags to say the metadata is gone.
            webp.set_exif(None);
            let dims = webp.dimensions();
            (webp.encoder().bytes().to_vec(), dims)
        }
        ImageKind::Gif => (bytes.to_vec(), gif_dimensions(bytes)),
        ImageKind::Svg | ImageKind::Avif => (bytes.to_vec(), None),
    };
    Ok(Stripped {
        bytes,
        removed,
        dimensions,
    })
}

/// One IFD entry: (tag, type, count, value field).
type IfdEntry = (u16, u16, u32, [u8; 4]);

/// A TIFF structure's byte order (little-endian?) and IFD0 entries.
fn ifd0(tiff: &[u8]) -> Option<(bool, Vec<IfdEntry>)> {
    let le = match tiff.get(..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(i..i + 2)?.try_into().ok()?;
        Some(if le {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(i..i + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let start = u32_at(4)? as usize;
    let n = u16_at(start)? as usize;
    let entries = (0..n.min(1000))
        .map_while(|i| {
            let e = start + 2 + i * 12;
            Some((
                u16_at(e)?,
                u16_at(e + 2)?,
                u32_at(e + 4)?,
                tiff.get(e + 8..e + 12)?.try_into().ok()?,
            ))
        })
        .collect();
    Some((le, entries))
}

/// Whether IFD0 points to a GPS IFD (tag 0x8825).
fn has_gps(tiff: &[u8]) -> bool {
    let tiff = tiff.strip_prefix(EXIF).unwrap_or(tiff);
    ifd0(tiff).is_some_and(|(_, e)| e.iter().any(|&(tag, ..)| tag == 0x8825))
}

/// The EXIF orientation (tag 0x0112, a SHORT), 1 to 8.
fn orientation(tiff: &[u8]) -> Option<u16> {
    let (le, entries) = ifd0(tiff)?;
    let &(_, ty, count, v) = entries.iter().find(|&&(tag, ..)| tag == 0x0112)?;
    let o = if le {
        u16::from_le_bytes([v[0], v[1]])
    } else {
        u16::from_be_bytes([v[0], v[1]])
    };
    (ty == 3 && count == 1 && (1..=8).contains(&o)).then_some(o)
}

/// A minimal EXIF block holding only an orientation.
fn orientation_exif(o: u16) -> Vec<u8> {
    let mut v = EXIF.to_vec();
    v.extend_from_slice(b"MM\0*\0\0\0\x08"); // big-endian TIFF, IFD0 at 8
    v.extend_from_slice(&1u16.to_be_bytes()); // one entry
    v.extend_from_slice(&0x0112u16.to_be_bytes());
    v.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    v.extend_from_slice(&1u32.to_be_bytes());
    v.extend_from_slice(&o.to_be_bytes());
    v.extend_from_slice(&[0, 0]);
    v.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    v
}

fn gif_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let w = u16::from_le_bytes(b.get(6..8)?.try_into().ok()?);
    let h = u16::from_le_bytes(b.get(8..10)?.try_into().ok()?);
    Some((u32::from(w), u32::from(h)))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A TIFF block (big-endian) with an orientation, a camera make and a GPS pointer.
    pub fn camera_exif(orientation: u16) -> Vec<u8> {
        let mut t = b"MM\0*\0\0\0\x08".to_vec();
        t.extend_from_slice(&3u16.to_be_bytes());
        for (tag, ty, count, value) in [
            (0x010f_u16, 2_u16, 4_u32, *b"Cam\0"),
            (0x0112, 3, 1, [0, orientation as u8, 0, 0]),
            (0x8825, 4, 1, [0, 0, 0, 50]),
        ] {
            t.extend_from_slice(&tag.to_be_bytes());
            t.extend_from_slice(&ty.to_be_bytes());
            t.extend_from_slice(&count.to_be_bytes());
            t.extend_from_slice(&value);
        }
        t.extend_from_slice(&0u32.to_be_bytes());
        t.extend_from_slice(b"GPS-DATA-HERE 59.91N 10.75E");
        [EXIF, &t].concat()
    }

    #[test]
    fn orientation_survives_a_rewrite_and_gps_is_seen() {
        let exif = camera_exif(6);
        assert!(has_gps(&exif));
        assert_eq!(orientation(&exif[6..]), Some(6));
        let fresh = orientation_exif(6);
        assert_eq!(orientation(&fresh[6..]), Some(6));
        assert!(!has_gps(&fresh));
        assert_eq!(orientation(b"garbage"), None);
    }
}
