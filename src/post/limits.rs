//! Caps that bound time and memory on hostile input. They are checked on the
//! raw front-matter text *before* any parser runs.
//!
//! What the parsers already limit: serde_yaml 0.9 stops at nesting depth 128
//! and at `events * 100` alias jumps (but billion-laughs documents still
//! expand to large values inside that budget); toml_edit stops at nesting 80;
//! serde_json stops at depth 128. The caps below are tighter and apply to all
//! formats.

use super::Format;

/// Largest file [`super::Post::from_bytes`] accepts.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Largest front matter that is parsed into fields.
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;
/// Most lines a front matter may have.
pub const MAX_FRONT_MATTER_LINES: usize = 5_000;
/// Most top-level keys (estimated before parsing, checked again after).
pub const MAX_KEYS: usize = 1_000;
/// Deepest nesting of indentation levels, flow brackets and `- ` prefixes.
pub const MAX_DEPTH: usize = 32;
/// Most YAML alias uses (`*name`); real posts use a handful at most.
pub const MAX_ALIASES: usize = 64;
/// Most bytes YAML aliases may copy in total (each alias counts the size of
/// the text its anchor covers). Aliases inside anchored values (nested
/// expansion, the billion-laughs shape) are refused outright.
pub const MAX_ALIAS_EXPANSION_BYTES: usize = 64 * 1024;
/// Most list items plus lines (estimated as commas plus line breaks): bounds
/// the number of parsed nodes, which drives parse time and memory.
pub const MAX_ITEMS: usize = 10_000;

/// Check the caps; `Err` carries a user-facing message.
pub(crate) fn check(format: Format, front: &str) -> Result<(), String> {
    if format == Format::None {
        return Ok(());
    }
    if front.len() > MAX_FRONT_MATTER_BYTES {
        return Err(format!(
            "front matter is too large ({} bytes, at most {MAX_FRONT_MATTER_BYTES})",
            front.len()
        ));
    }
    let lines = front.bytes().filter(|&b| b == b'\n').count();
    if lines > MAX_FRONT_MATTER_LINES {
        return Err(format!(
            "front matter has too many lines ({lines}, at most {MAX_FRONT_MATTER_LINES})"
        ));
    }
    let items = lines + front.bytes().filter(|&b| b == b',').count();
    if items > MAX_ITEMS {
        return Err(format!(
            "front matter has too many items ({items}, at most {MAX_ITEMS})"
        ));
    }
    let masked = mask(format, front);
    let depth = estimate_depth(&masked);
    if depth > MAX_DEPTH {
        return Err(format!(
            "front matter is nested too deeply (more than {MAX_DEPTH} levels)"
        ));
    }
    if format == Format::Yaml {
        let aliases = count_aliases(&masked);
        if aliases > MAX_ALIASES {
            return Err(format!(
                "front matter uses too many aliases ({aliases}, at most {MAX_ALIASES})"
            ));
        }
    }
    Ok(())
}

/// Over-estimate of nesting depth: per line, the indentation stack depth plus
/// leading `- ` items, plus the flow bracket depth (of a [`mask`]ed text).
fn estimate_depth(front: &str) -> usize {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow: usize = 0;
    let mut max = 0;
    for line in front.split('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - trimmed.len();
        if !trimmed.trim().is_empty() && !trimmed.starts_with('#') && flow == 0 {
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        let mut dashes = 0;
        let mut rest = trimmed;
        while let Some(r) = rest.strip_prefix("- ") {
            dashes += 1;
            rest = r.trim_start_matches(' ');
        }
        let mut line_max_flow = flow;
        for b in line.bytes() {
            match b {
                b'[' | b'{' => {
                    flow += 1;
                    line_max_flow = line_max_flow.max(flow);
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
        max = max.max(indents.len() + dashes + line_max_flow);
    }
    max
}

/// Count `*alias` tokens.
fn count_aliases(front: &str) -> usize {
    tokens(front, b'*').count()
}

/// Positions and names of `&anchor` (`sigil == b'&'`) or `*alias` tokens: the
/// sigil at the start of a token, followed by a name.
pub(crate) fn tokens(front: &str, sigil: u8) -> impl Iterator<Item = (usize, &str)> + '_ {
    let b = front.as_bytes();
    (0..b.len()).filter_map(move |i| {
        let starts = b[i] == sigil
            && (i == 0
                || matches!(
                    b[i - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':' | b'-'
                ))
            && i + 1 < b.len()
            && !matches!(b[i + 1], b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'&');
        if !starts {
            return None;
        }
        let end = (i + 1..b.len())
            .find(|&j| {
                matches!(
                    b[j],
                    b' ' | b'\t' | b'\n' | b'\r' | b',' | b'[' | b']' | b'{' | b'}'
                )
            })
            .unwrap_or(b.len());
        front.get(i + 1..end).map(|name| (i, name))
    })
}

/// `front` with the insides of quoted strings and comments blanked out
/// (line breaks kept), so that the estimates below do not count a `[`, `{`
/// or `*` a title holds. A quote that is never closed blanks nothing (the
/// estimate then over-counts, which only makes it stricter).
fn mask(format: Format, front: &str) -> String {
    let b = front.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let line_end = |i: usize| (i..b.len()).find(|&j| b[j] == b'\n').unwrap_or(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let starts_token = i == 0
            || matches!(
                b[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':' | b'='
            );
        let quote = match format {
            Format::Json => c == b'"',
            Format::Toml => c == b'"' || c == b'\'',
            _ => (c == b'"' || c == b'\'') && starts_token,
        };
        if quote {
            let triple = format == Format::Toml && b[i..].starts_with(&[c, c, c]);
            if let Some(end) = quoted_end(b, i, c, triple, format) {
                blank(&mut out, i + 1, end.saturating_sub(1).max(i + 1));
                i = end;
                continue;
            }
        } else if c == b'#' && format != Format::Json && (starts_token || format == Format::Toml) {
            let end = line_end(i);
            blank(&mut out, i, end);
            i = end;
            continue;
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Just after the quote closing the string opened at `start`, if any.
fn quoted_end(b: &[u8], start: usize, q: u8, triple: bool, format: Format) -> Option<usize> {
    let escapes = q == b'"';
    let mut j = start + if triple { 3 } else { 1 };
    while j < b.len() {
        if escapes && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if !triple && b[j] == b'\n' && format != Format::Yaml {
            return None;
        }
        if b[j] == q {
            if triple {
                if b[j..].starts_with(&[q, q, q]) {
                    // Up to two more quotes may close it (`''''` ends in `'`).
                    let mut k = j + 3;
                    while k < b.len() && k < j + 5 && b[k] == q {
                        k += 1;
                    }
                    return Some(k);
                }
            } else if format == Format::Yaml && q == b'\'' && b.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            } else {
                return Some(j + 1);
            }
        }
        j += 1;
    }
    None
}
