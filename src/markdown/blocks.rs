//! Top-level blocks with stable keys, for an incremental preview.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::dialect::RenderOptions;
use super::render::render;

/// One top-level block of the preview (paragraph, heading, list, table,
/// code block, HTML block, footnote definition, ...) as safe HTML.
///
/// Raw HTML that opens an element in one block and closes it in a later one
/// (`<details>` ... Markdown ... `</details>`) makes those blocks one: every
/// block's HTML is balanced on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// A hash of `html`; the n-th repeat of identical HTML gets a key mixed
    /// with n, so keys are unique within one call and stable across calls.
    pub key: u64,
    pub html: String,
}

/// Renders the whole document once (footnotes and reference links are
/// resolved document-wide) and splits the result into top-level blocks.
pub fn render_blocks(body: &str, opts: &RenderOptions) -> Vec<Block> {
    let r = render(body, opts);
    let mut blocks = Vec::with_capacity(r.marks.len());
    let mut seen: HashMap<u64, u64, BuildHasherDefault<KeyHasher>> = HashMap::default();
    let mut start = 0;
    for end in r.marks.iter().map(|m| m.html_end) {
        if end <= start {
            continue;
        }
        let html = &r.html[start..end];
        start = end;
        let h = hash(html.as_bytes());
        let n = seen.entry(h).or_insert(0);
        let key = if *n == 0 {
            h
        } else {
            mix(h ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        };
        *n += 1;
        blocks.push(Block {
            key,
            html: html.to_string(),
        });
    }
    blocks
}

/// A fast 64-bit hash (word-at-a-time multiply-rotate, murmur finalizer).
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    let mut tail = [0u8; 8];
    let rem = chunks.remainder();
    tail[..rem.len()].copy_from_slice(rem);
    h = (h ^ u64::from_le_bytes(tail)).wrapping_mul(0x0000_0100_0000_01b3);
    mix(h)
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The keys are hashes already: hashing them again is wasted work.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
