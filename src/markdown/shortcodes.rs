//! Hugo shortcodes (`{{< name args >}}`, `{{% name args %}}`, closing forms and
//! the `{{</* escaped */>}}` form): found before Markdown parsing, as Hugo
//! does, and replaced in a private copy of the body by placeholders
//! (`U+E000 index U+E001`) that Markdown leaves alone. The renderer turns the
//! placeholders into labelled, inert spans or divs. Nothing is ever executed
//! and the author's text is not changed.

use std::borrow::Cow;

use super::sanitize::escape_text;

pub(crate) const OPEN: char = '\u{E000}';
pub(crate) const CLOSE: char = '\u{E001}';
/// Longest shortcode we recognize, in bytes.
const MAX_LEN: usize = 4096;

pub(crate) struct Shortcode {
    /// The text to show, e.g. `{{< youtube abc >}}`.
    pub(crate) text: String,
    /// `{{</* ... */>}}`: shown as plain text, not as a placeholder.
    pub(crate) escaped: bool,
}

/// Replaces the shortcodes of `body` by placeholders. Returns the body to
/// parse and the shortcodes (empty, and the body borrowed, if there are none).
pub(crate) fn extract(orig: &str) -> (Cow<'_, str>, Vec<Shortcode>) {
    let (src, codes, _) = extract_exact(orig);
    (src, codes)
}

/// Like [`extract`]; also says whether every placeholder is exactly as long
/// as its shortcode (zero-padded to fit), so that source offsets in the text
/// returned are those of `orig` (the incremental preview relies on it).
pub(crate) fn extract_exact(orig: &str) -> (Cow<'_, str>, Vec<Shortcode>, bool) {
    if next_open(orig, 0).is_none() {
        return (Cow::Borrowed(orig), Vec::new(), true);
    }
    // Placeholder characters typed by the author would only show some
    // shortcode's text, but keep them out anyway (U+FFFD is as long).
    let cleaned;
    // (One char at a time is a memchr search; a char set is not.)
    let body = if orig.as_bytes().contains(&0xEE) && (orig.contains(OPEN) || orig.contains(CLOSE)) {
        cleaned = orig.replace([OPEN, CLOSE], "\u{FFFD}");
        cleaned.as_str()
    } else {
        orig
    };
    let mut codes = Vec::new();
    let mut out = String::new();
    let mut copied = 0;
    let mut exact = true;
    scan(body, |found| {
        let original = &body[found.start..found.end];
        let text = if found.escaped {
            // `{{< /* x */ >}}` shows as `{{< x >}}`.
            let lead = found.lead;
            let closer = 5; // `*/>}}` or `*/%}}`
            let mut t = original[..3 + lead].to_string();
            t.push_str(&original[3 + lead + 2..original.len() - closer]);
            t.push_str(&original[original.len() - 3..]);
            t
        } else {
            original.to_string()
        };
        out.push_str(&body[copied..found.start]);
        let index = codes.len().to_string();
        let fixed = OPEN.len_utf8() + index.len() + CLOSE.len_utf8();
        out.push(OPEN);
        if original.len() >= fixed {
            out.extend(std::iter::repeat_n('0', original.len() - fixed));
        } else {
            exact = false;
        }
        out.push_str(&index);
        out.push(CLOSE);
        codes.push(Shortcode {
            text,
            escaped: found.escaped,
        });
        copied = found.end;
    });
    if codes.is_empty() {
        return (Cow::Borrowed(orig), codes, true);
    }
    out.push_str(&body[copied..]);
    (Cow::Owned(out), codes, exact)
}

/// A shortcode found in a text.
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    escaped: bool,
    /// White space between `{{<` and `/*` of an escaped shortcode.
    lead: usize,
}

/// Finds the shortcodes of `body`, left to right as Hugo does (a
/// shortcode's text is not searched for others).
pub(crate) fn scan(body: &str, mut f: impl FnMut(Found)) {
    let mut from = 0;
    while let Some(i) = next_open(body, from) {
        from = i + 2;
        let delim = if body.as_bytes()[i + 2] == b'<' {
            '<'
        } else {
            '%'
        };
        let inner_start = i + 3;
        let rest = &body[inner_start..];
        let trimmed = rest.trim_start();
        let escaped = trimmed.starts_with("/*");
        let closer = match (escaped, delim) {
            (true, '<') => "*/>}}",
            (true, _) => "*/%}}",
            (false, '<') => ">}}",
            (false, _) => "%}}",
        };
        let limit = rest.len().min(MAX_LEN);
        let Some(end) = find_within(rest, closer, limit) else {
            continue;
        };
        let inner = &rest[..end];
        let lead = rest.len() - trimmed.len();
        if escaped && end < lead + 2 {
            continue;
        }
        if inner.contains("\n\n") || inner.contains("\r\n\r\n") {
            continue;
        }
        let end_abs = inner_start + end + closer.len();
        f(Found {
            start: i,
            end: end_abs,
            escaped,
            lead,
        });
        from = end_abs;
    }
}

/// The longest a shortcode can be, in bytes.
pub(crate) const MAX_SPAN: usize = MAX_LEN + 8;

/// The next `{{<` or `{{%` at or after `from` (a memchr search for `{`).
fn next_open(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(p) = s.get(i..)?.find('{') {
        let j = i + p;
        if b.get(j + 1) == Some(&b'{') && matches!(b.get(j + 2), Some(b'<' | b'%')) {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

fn find_within(hay: &str, needle: &str, limit: usize) -> Option<usize> {
    let mut end = limit.min(hay.len()) + needle.len();
    while end > hay.len() || !hay.is_char_boundary(end) {
        if end > hay.len() {
            end = hay.len();
        } else {
            end -= 1;
        }
    }
    hay[..end].find(needle)
}

/// A piece of text holding placeholders.
pub(crate) enum Piece<'t, 'c> {
    Text(&'t str),
    Code(&'c Shortcode),
}

/// Splits `text` into plain text and shortcodes.
pub(crate) fn pieces<'t, 'c>(
    text: &'t str,
    codes: &'c [Shortcode],
    mut f: impl FnMut(Piece<'t, 'c>),
) {
    let mut rest = text;
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let code = after[digits..]
            .starts_with(CLOSE)
            .then(|| after[..digits].parse::<usize>().ok())
            .flatten()
            .and_then(|n| codes.get(n));
        match code {
            Some(c) => {
                if i > 0 {
                    f(Piece::Text(&rest[..i]));
                }
                f(Piece::Code(c));
                rest = &after[digits + CLOSE.len_utf8()..];
            }
            None => {
                let upto = i + OPEN.len_utf8();
                f(Piece::Text(&rest[..upto]));
                rest = &rest[upto..];
            }
        }
    }
    if !rest.is_empty() {
        f(Piece::Text(rest));
    }
}

/// Whether `text` may hold a placeholder: a memchr search for the lead byte
/// of U+E000..U+EFFF, rare in real text.
#[inline]
pub(crate) fn has_placeholder(text: &str) -> bool {
    text.as_bytes().contains(&0xEE) && text.contains(OPEN)
}

/// `text` with its placeholders replaced by the shortcodes' literal text.
pub(crate) fn literal<'t>(text: &'t str, codes: &[Shortcode]) -> Cow<'t, str> {
    if codes.is_empty() || !has_placeholder(text) {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 32);
    pieces(text, codes, |p| match p {
        Piece::Text(t) => s.push_str(t),
        Piece::Code(c) => s.push_str(&c.text),
    });
    Cow::Owned(s)
}

/// Safe HTML for `text` (escaped) with placeholders as labelled spans.
pub(crate) fn inline_html(text: &str, codes: &[Shortcode], out: &mut String) {
    pieces(text, codes, |p| match p {
        Piece::Text(t) => escape_text(t, out),
        Piece::Code(c) => push_code(c, "span", out),
    });
}

pub(crate) fn push_code(c: &Shortcode, tag: &str, out: &mut String) {
    if c.escaped {
        escape_text(&c.text, out);
        return;
    }
    out.push('<');
    out.push_str(tag);
    out.push_str(" class=\"pw-shortcode\" title=\"Hugo shortcode\">");
    escape_text(&c.text, out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// If `text` is only placeholders and whitespace, the shortcodes it holds.
pub(crate) fn only_codes<'c>(
    text: &str,
    codes: &'c [Shortcode],
    found: &mut Vec<&'c Shortcode>,
) -> bool {
    let mut only = true;
    pieces(text, codes, |p| match p {
        Piece::Text(t) => only &= t.trim().is_empty(),
        Piece::Code(c) => found.push(c),
    });
    only
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shortcodes() {
        let (b, c) = extract(
            "a {{< youtube abc >}} b {{% notice %}}x{{% /notice %}} {{</* raw */>}} {{ .Title }}",
        );
        assert_eq!(c.len(), 4);
        assert_eq!(c[0].text, "{{< youtube abc >}}");
        assert_eq!(c[1].text, "{{% notice %}}");
        assert_eq!(c[2].text, "{{% /notice %}}");
        assert_eq!(c[3].text, "{{< raw >}}");
        assert!(c[3].escaped);
        assert!(b.ends_with("{{ .Title }}"));
        assert_eq!(
            literal(&b, &c),
            "a {{< youtube abc >}} b {{% notice %}}x{{% /notice %}} {{< raw >}} {{ .Title }}"
        );
    }

    #[test]
    fn placeholders_are_as_long_as_their_shortcodes() {
        let body = "a {{< youtube abc >}} b\n{{% notice\nx %}}y{{</* raw */>}}";
        let (b, c, exact) = extract_exact(body);
        assert!(exact);
        assert_eq!(c.len(), 3);
        assert_eq!(b.len(), body.len());
        assert_eq!(
            literal(&b, &c),
            "a {{< youtube abc >}} b\n{{% notice\nx %}}y{{< raw >}}"
        );
        // Too short to hold its index: still found, offsets no longer exact.
        let many = "{{<a>}}".repeat(12);
        let (b, c, exact) = extract_exact(&many);
        assert_eq!(c.len(), 12);
        assert!(!exact);
        assert_eq!(literal(&b, &c), many);
    }

    #[test]
    fn no_shortcodes_borrows() {
        let (b, c) = extract("plain {{ x }} {{< unclosed");
        assert!(matches!(b, Cow::Borrowed(_)));
        assert!(c.is_empty());
    }

    #[test]
    fn forged_placeholders_are_inert() {
        let (b, c) = extract("\u{E000}0\u{E001} {{< a >}} \u{E001}");
        let mut out = String::new();
        inline_html(&b, &c, &mut out);
        assert_eq!(out.matches("pw-shortcode").count(), 1);
        assert!(!out.contains(['\u{E000}', '\u{E001}']));
    }
}
