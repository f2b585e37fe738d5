//! Where each top-level YAML key and its value lie in the text: the spans
//! a field edit rewrites. serde_yaml reads the values; this finds the lines.

use super::split::lines;

/// A top-level key and the byte spans it owns in the front matter.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) line_no: usize,
    pub(crate) line_start: usize,
    pub(crate) key_start: usize,
    pub(crate) key_end: usize,
    /// Start of the value token on the key line (after `:` and blanks).
    pub(crate) value_start: usize,
    /// End of the value token (may be on a later line for multi-line quoted
    /// or flow values); equals `value_start` for an empty/block value.
    pub(crate) inline_end: usize,
    /// End (after the line ending) of the line where the token ends.
    pub(crate) token_line_full: usize,
    /// End of the last line the key owns (after its line ending).
    pub(crate) span_end: usize,
}

pub(crate) fn is_blank(s: &str) -> bool {
    s.trim_matches([' ', '\t', '\r']).is_empty()
}

/// Scan the text for top-level keys and their line spans.
pub(crate) fn scan(front: &str) -> Result<Vec<Entry>, String> {
    let ls: Vec<(usize, usize, usize)> = lines(front).collect();
    let bytes = front.as_bytes();
    let mut entries: Vec<Entry> = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        let (s, e, f) = ls[i];
        let line = &front[s..e];
        let first = line.as_bytes().first().copied();
        let is_dash = line == "-" || line.starts_with("- ") || line.starts_with("-\t");
        if is_blank(line) || first == Some(b'#') {
            i += 1;
            continue;
        }
        if matches!(first, Some(b' ') | Some(b'\t')) || is_dash {
            match entries.last_mut() {
                Some(en) => en.span_end = f,
                None if line.trim_start().starts_with('#') => {}
                None => return Err("indented line before the first key".into()),
            }
            i += 1;
            continue;
        }
        // A key line.
        let (key, key_end) = match first {
            Some(q @ (b'"' | b'\'')) => {
                let close = scan_quoted(bytes, s, q, e).ok_or("unterminated quoted key")?;
                let k: String =
                    serde_yaml::from_str(&front[s..close]).map_err(|_| "bad quoted key")?;
                (k, close)
            }
            _ => {
                let lb = line.as_bytes();
                let colon = (0..lb.len())
                    .find(|&j| {
                        lb[j] == b':'
                            && (j + 1 == lb.len() || matches!(lb[j + 1], b' ' | b'\t' | b'\r'))
                    })
                    .ok_or("line without `key:`")?;
                let k = line[..colon].trim_end_matches([' ', '\t']);
                if k.is_empty()
                    || k.contains(" #")
                    || matches!(
                        k.as_bytes()[0],
                        b'?' | b'&'
                            | b'*'
                            | b'!'
                            | b'['
                            | b'{'
                            | b'|'
                            | b'>'
                            | b'%'
                            | b'@'
                            | b'`'
                            | b'-'
                            | b','
                            | b']'
                            | b'}'
                    )
                {
                    return Err("unsupported key syntax".into());
                }
                (k.to_string(), s + k.len())
            }
        };
        let mut p = key_end;
        while p < e && matches!(bytes[p], b' ' | b'\t') {
            p += 1;
        }
        if p >= e || bytes[p] != b':' {
            return Err("expected `:` after key".into());
        }
        p += 1;
        while p < e && matches!(bytes[p], b' ' | b'\t') {
            p += 1;
        }
        let value_start = p;
        let inline_end = scan_token(bytes, value_start, e).ok_or("unterminated value")?;
        // The line holding the end of the token.
        let mut k = i;
        while k < ls.len() && ls[k].1 < inline_end {
            k += 1;
        }
        if k >= ls.len() {
            return Err("value runs past the end".into());
        }
        let (_, tail_e, tail_f) = ls[k];
        let tail = front[inline_end..tail_e].trim_start_matches([' ', '\t']);
        if !(tail.is_empty() || tail == "\r" || tail.starts_with('#')) {
            return Err("unexpected text after value".into());
        }
        entries.push(Entry {
            key,
            line_no: i,
            line_start: s,
            key_start: s,
            key_end,
            value_start,
            inline_end,
            token_line_full: tail_f,
            span_end: tail_f,
        });
        i = k + 1;
    }
    Ok(entries)
}

/// Index just after the closing quote of a quoted scalar starting at `start`.
/// Double-quoted and single-quoted scalars may span lines unless `line_end`
/// limits them (keys).
fn scan_quoted(b: &[u8], start: usize, q: u8, limit: usize) -> Option<usize> {
    let mut j = start + 1;
    while j < limit {
        if q == b'"' && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if q == b'\'' && j + 1 < limit && b[j + 1] == b'\'' {
                j += 2;
                continue;
            }
            return Some(j + 1);
        }
        j += 1;
    }
    None
}

/// End of the value token starting at `p` on a line ending at `e`.
fn scan_token(b: &[u8], p: usize, e: usize) -> Option<usize> {
    if p >= e || b[p] == b'#' {
        return Some(p);
    }
    match b[p] {
        q @ (b'"' | b'\'') => scan_quoted(b, p, q, b.len()),
        b'[' | b'{' => {
            let mut depth = 0usize;
            let mut j = p;
            let mut prev = b'[';
            while j < b.len() {
                let c = b[j];
                match c {
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    b'"' | b'\'' if matches!(prev, b'[' | b'{' | b',' | b':') => {
                        j = scan_quoted(b, j, c, b.len())?;
                        prev = c;
                        continue;
                    }
                    _ => {}
                }
                if !matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
                    prev = c;
                }
                j += 1;
            }
            None
        }
        b'|' | b'>' => {
            let mut j = p;
            while j < e && !matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            Some(j)
        }
        _ => {
            // Plain scalar (or anchor/tag followed by something): up to ` #`.
            let mut j = p;
            let mut end = p;
            while j < e {
                if b[j] == b'#' && matches!(b[j - 1], b' ' | b'\t') {
                    break;
                }
                if !matches!(b[j], b' ' | b'\t' | b'\r') {
                    end = j + 1;
                }
                j += 1;
            }
            Some(end)
        }
    }
}
