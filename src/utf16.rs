//! UTF-16 offsets and lengths of UTF-8 text: textareas count selections in
//! UTF-16 code units, and browsers count storage quota in them too.
//!
//! Counted eight bytes at a time: walking character by character cost 3.5 ms
//! per keystroke at the middle of a 1 MB post (the caret's offset), and 23 ms
//! per autosave of one (the stored sizes), in wasm.

/// Length of `s` in UTF-16 code units.
pub fn len(s: &str) -> usize {
    units(s.as_bytes())
}

/// Byte offset in `text` of a UTF-16 offset (as textarea selections count);
/// an offset inside a surrogate pair gives the character's end.
pub fn to_byte(text: &str, utf16: usize) -> usize {
    char_starts(text.as_bytes(), 0, 0, utf16)
        .find(|&(_, units)| units >= utf16)
        .map_or(text.len(), |(at, _)| at)
}

/// UTF-16 units of the whole characters that start in `bytes`: one per
/// byte that starts a character, two for a 4-byte one (a surrogate pair).
fn units(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let count = |w: u64| {
        // Per byte, bit 7: a continuation byte is 10xxxxxx, a 4-byte start 11110xxx.
        let continuation = w & !(w << 1) & HIGH;
        let four = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
        8 - continuation.count_ones() as usize + four.count_ones() as usize
    };
    let mut words = bytes.chunks_exact(8);
    let mut n: usize = words
        .by_ref()
        .map(|w| count(u64::from_le_bytes(w.try_into().unwrap())))
        .sum();
    for &b in words.remainder() {
        n += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
    }
    n
}

/// From byte `from` (at UTF-16 offset `from16`), skips 64-byte runs while the
/// characters starting in them stay short of `target`; returns where it
/// stopped (possibly inside a character) and the units before it.
fn skip_units(bytes: &[u8], mut from: usize, mut from16: usize, target: usize) -> (usize, usize) {
    while let Some(run) = bytes.get(from..from + 64) {
        let n = units(run);
        if from16 + n >= target {
            break;
        }
        from += 64;
        from16 += n;
    }
    (from, from16)
}

/// The byte offset of UTF-16 offset `target`, counting from byte `from`
/// (UTF-16 offset `from16`); `None` inside a character or past the end.
pub fn exact_to_byte(text: &str, from: usize, from16: usize, target: usize) -> Option<usize> {
    let (at, units) =
        char_starts(text.as_bytes(), from, from16, target).find(|&(_, units)| units >= target)?;
    (units == target).then_some(at)
}

/// Where characters start, with the UTF-16 units before each, from about
/// where `target` is (see [`skip_units`]) to the end of the text (last).
fn char_starts(
    bytes: &[u8],
    from: usize,
    from16: usize,
    target: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let (start, mut units) = skip_units(bytes, from, from16, target);
    // `start` may be inside a character whose units are already counted:
    // only the bytes that start one count.
    bytes[start..]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b & 0xC0 != 0x80)
        .map(move |(i, &b)| (start + i, b))
        .chain([(bytes.len(), 0)])
        .map(move |(at, b)| {
            let before = units;
            units += 1 + usize::from(b >= 0xF0);
            (at, before)
        })
}

/// UTF-16 offset of a byte offset in `text` (inside a character: that
/// character's start).
pub fn from_byte(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    units(&text.as_bytes()[..byte])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_lengths_agree_with_counting_characters() {
        // Runs of ASCII, 2-, 3- and 4-byte characters, across 8- and 64-byte edges.
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(
                ["ab", "é", "€", "😀", "x\n", "ü😀", "abcdefghijklmnopqrstu"][i * 7 % 11 % 7],
            );
        }
        let mut units = 0;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(from_byte(&text, i), units, "byte {i}");
            assert_eq!(to_byte(&text, units), i, "unit {units}");
            assert_eq!(exact_to_byte(&text, 0, 0, units), Some(i), "unit {units}");
            if c.len_utf16() == 2 && i < text.len() {
                // Inside the pair: no exact byte; the rounding one is the end.
                assert_eq!(exact_to_byte(&text, 0, 0, units + 1), None);
                assert_eq!(to_byte(&text, units + 1), i + 4);
                assert_eq!(from_byte(&text, i + 2), units);
            }
            units += c.len_utf16();
        }
        assert_eq!(exact_to_byte(&text, 0, 0, units + 1), None);
        assert_eq!(to_byte(&text, units + 9), text.len());
        assert_eq!(len(&text), text.encode_utf16().count());
        for cut in 0..40 {
            let s = &text[text.char_indices().nth(cut).map_or(0, |(i, _)| i)..];
            assert_eq!(len(s), s.encode_utf16().count());
        }
    }

    #[test]
    fn offsets_convert_between_utf16_and_bytes() {
        let t = "a😀é b";
        assert_eq!(to_byte(t, 0), 0);
        assert_eq!(to_byte(t, 1), 1);
        assert_eq!(to_byte(t, 3), 5);
        assert_eq!(to_byte(t, 4), 7);
        assert_eq!(to_byte(t, 99), t.len());
        for b in [0, 1, 5, 7, t.len()] {
            assert_eq!(to_byte(t, from_byte(t, b)), b);
        }
    }
}
