//! Placeholders in parsed text: split into pieces, turned back into the
//! tags' literal text or addresses, or written as labelled, inert HTML.

use std::borrow::Cow;

use super::super::sanitize::escape_text;
use super::{Shortcode, CLOSE, OPEN};

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
    replaced(text, codes, |c| &c.text)
}

/// A link or image address with its placeholders replaced by what they
/// stand for when that is known (see [`Shortcode::url`]), else their text.
pub(crate) fn url<'t>(text: &'t str, codes: &[Shortcode]) -> Cow<'t, str> {
    replaced(text, codes, |c| c.url.as_deref().unwrap_or(&c.text))
}

fn replaced<'t>(
    text: &'t str,
    codes: &[Shortcode],
    by: impl Fn(&Shortcode) -> &str,
) -> Cow<'t, str> {
    if codes.is_empty() || !has_placeholder(text) {
        return Cow::Borrowed(text);
    }
    let mut s = String::with_capacity(text.len() + 32);
    pieces(text, codes, |p| match p {
        Piece::Text(t) => s.push_str(t),
        Piece::Code(c) => s.push_str(by(c)),
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
    out.push_str(" class=\"pw-shortcode\" title=\"");
    out.push_str(c.templates.label());
    out.push_str("\">");
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
