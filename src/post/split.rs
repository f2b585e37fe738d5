//! Splitting a file into BOM, opening delimiter, front matter, closing
//! delimiter and body, keeping every byte.

use super::Format;

/// The pieces of a post; concatenated in order they give the file back.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Parts {
    pub bom: bool,
    /// Opening delimiter line including its line ending (empty for none / bare JSON).
    pub open: String,
    /// Text between the delimiter lines: whole lines, each with its line ending.
    pub front: String,
    /// Closing delimiter line including its line ending (for bare JSON: the
    /// rest of the line after the closing brace).
    pub close: String,
    pub body: String,
}

/// Iterate lines keeping their endings: (start, end_without_ending, end_with_ending).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let mut end = match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => start + i,
            None => bytes.len(),
        };
        let full = if end < bytes.len() { end + 1 } else { end };
        if end > start && bytes[end - 1] == b'\r' && end < bytes.len() {
            end -= 1;
        }
        pos = full;
        Some((start, end, full))
    })
}

fn trim_ws_end(s: &str) -> &str {
    s.trim_end_matches([' ', '\t', '\r'])
}

/// Split `text` (BOM included) into parts. Never fails.
pub(crate) fn split(text: &str) -> (Format, Parts) {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let none = || {
        (
            Format::None,
            Parts {
                bom,
                body: rest.to_string(),
                ..Parts::default()
            },
        )
    };
    // Hugo and Zola skip whitespace before `+++` (Zola matches
    // `^[[:space:]]*\+\+\+`); Jekyll, Eleventy and Astro need their `---`
    // on the first line, so only TOML's opener may follow blank lines. The
    // blank lines are kept as part of the opening piece.
    let lead = leading_blank_lines(rest);
    let lead = if rest[lead..].starts_with("+++") {
        lead
    } else {
        0
    };
    let mut it = lines(rest).skip_while(|&(s, _, _)| s < lead);
    let Some((s0, e0, f0)) = it.next() else {
        return none();
    };
    let first = trim_ws_end(&rest[s0..e0]);
    let (format, closers): (Format, &[&str]) = match first {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        "---json" => (Format::Json, &["---"]),
        _ => {
            if looks_like_json_object(rest) {
                if let Some(end) = json_object_end(rest) {
                    // The closing "delimiter" is the rest of that line.
                    let line_end = match rest[end..].find('\n') {
                        Some(i) => end + i + 1,
                        None => rest.len(),
                    };
                    return (
                        Format::Json,
                        Parts {
                            bom,
                            open: String::new(),
                            front: rest[..end].to_string(),
                            close: rest[end..line_end].to_string(),
                            body: rest[line_end..].to_string(),
                        },
                    );
                }
            }
            return none();
        }
    };
    if f0 == e0 {
        // Opening delimiter without a line ending: nothing can follow.
        return none();
    }
    for (s, e, f) in it {
        let line = trim_ws_end(&rest[s..e]);
        if closers.contains(&line) {
            return (
                format,
                Parts {
                    bom,
                    open: rest[..f0].to_string(),
                    front: rest[f0..s].to_string(),
                    close: rest[s..f].to_string(),
                    body: rest[f..].to_string(),
                },
            );
        }
    }
    none()
}

/// Length of the whole blank lines (spaces, tabs, line endings) at the start of `text`.
pub(crate) fn leading_blank_lines(text: &str) -> usize {
    let mut end = 0;
    for (s, e, f) in lines(text) {
        if !text[s..e]
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
            || f == e
        {
            break;
        }
        end = f;
    }
    end
}

/// Whether `body` (of a post without front matter) opens, after blank lines,
/// with what would be a front-matter block had it started the file: a
/// generator may still read it, so a new block must not be put above it.
pub(crate) fn has_late_front_matter(body: &str) -> bool {
    let lead = leading_blank_lines(body);
    lead > 0 && split(&body[lead..]).0 != Format::None
}

/// Byte index just after the `}` closing the object starting at `text[0]`.
pub(crate) fn json_object_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return if b[i] == b'}' { Some(i + 1) } else { None };
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A bare JSON front matter object must open with `{` then a key or `}`
/// (so a body starting with a `{{< shortcode >}}` is not taken for JSON).
fn looks_like_json_object(text: &str) -> bool {
    match text.strip_prefix('{') {
        Some(r) => matches!(r.trim_start().as_bytes().first(), Some(b'"') | Some(b'}')),
        None => false,
    }
}
