//! The raw-HTML filter: an allowlist over a WHATWG tokenizer (html5gum), with
//! every kept token re-serialized by us.
//!
//! Soundness rests on re-serialization, not on matching the browser's parse:
//! the browser only ever sees tags we wrote (allowlisted names and attributes,
//! quoted, escaped values) and escaped text. None of the allowlisted elements
//! switches the browser's tokenizer out of the data state (no raw-text,
//! RCDATA, foreign or plaintext elements), so whatever the input did to *our*
//! tokenizer, the browser parses our output exactly as we wrote it. Content
//! of dangerous elements (`script`, `style`, `svg`, ...) is dropped, and an
//! unclosed one drops everything up to the end of its scope.
//!
//! The elements and attributes kept are in `allowlist`; filtered fragments are
//! remembered in `cache`.

mod allowlist;
mod cache;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::url::{clean_url, Base, UrlKind};

use allowlist::{drops_content, spec, Spec, GLOBAL_ATTRS};

/// At most this many elements opened by raw HTML are kept open at once;
/// deeper start tags are dropped (their content kept). Bounds the end-tag
/// search, so pathological nesting stays linear.
const MAX_OPEN: usize = 256;

/// Where a fragment comes from: a whole HTML block (or any standalone
/// fragment), or one CommonMark inline HTML item (one tag or comment).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Block,
    Inline,
}

struct Skip {
    name: Vec<u8>,
    nest: u32,
    depth: usize,
}

struct Open {
    name: &'static str,
    depth: usize,
}

/// The filter's state, kept across the raw-HTML events of one document:
/// elements opened by raw HTML and not yet closed (so that output stays
/// balanced), and an element whose content is being dropped.
pub(crate) struct HtmlFilter<'b> {
    base: Option<&'b Base>,
    skip: Option<Skip>,
    open: Vec<Open>,
}

impl<'b> HtmlFilter<'b> {
    pub(crate) fn new(base: Option<&'b Base>) -> Self {
        HtmlFilter {
            base,
            skip: None,
            open: Vec::new(),
        }
    }

    /// True while the content of a dropped element (opened by inline HTML)
    /// is being skipped: the renderer then drops Markdown text too.
    pub(crate) fn skipping(&self) -> bool {
        self.skip.is_some()
    }

    /// True if no element opened by raw HTML is still open.
    pub(crate) fn balanced(&self) -> bool {
        self.open.is_empty()
    }

    /// Filters one fragment found at Markdown nesting `depth`, appending the
    /// safe HTML to `out`.
    pub(crate) fn feed(&mut self, frag: &str, mode: Mode, depth: usize, out: &mut String) {
        let cacheable = self.skip.is_none() && frag.len() <= cache::MAX_FRAGMENT;
        if cacheable && cache::get(mode, frag, self.base, out) {
            return;
        }
        let start_len = out.len();
        let open_before = self.open.len();
        // Pure: the output does not depend on the state we started from nor
        // changes it (no stray end tag, nothing closed that was open before,
        // nothing left open or skipping), so it can be cached.
        let mut pure = true;
        let mut emitter = DefaultEmitter::default();
        emitter.naively_switch_states(true);
        let mut first = true;
        for token in Tokenizer::new_with_emitter(frag, emitter) {
            let Ok(token) = token;
            if matches!(token, Token::Error(_)) {
                continue;
            }
            if mode == Mode::Inline && first && is_unknown_tag(&token) {
                // One inline tag we do not allow (`<some advocate>`,
                // `<form ...>`): show it as the text the author typed.
                escape_text(frag, out);
                if cacheable {
                    cache::put(mode, frag, self.base, &out[start_len..]);
                }
                return;
            }
            first = false;
            if let Some(skip) = &mut self.skip {
                match &token {
                    Token::StartTag(t) if t.name.0 == skip.name && !t.self_closing => {
                        skip.nest += 1
                    }
                    Token::EndTag(t) if t.name.0 == skip.name => {
                        skip.nest -= 1;
                        if skip.nest == 0 {
                            self.skip = None;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match token {
                Token::StartTag(t) => {
                    if drops_content(&t.name) {
                        // `<svg/>` and `<math/>` really are empty; `<script/>` is not.
                        let foreign = matches!(t.name.0.as_slice(), b"svg" | b"math");
                        if !(t.self_closing && foreign) {
                            self.skip = Some(Skip {
                                name: t.name.0.clone(),
                                nest: 1,
                                depth,
                            });
                        }
                    } else if let Some(spec) =
                        spec(&t.name).filter(|s| s.void || self.open.len() < MAX_OPEN)
                    {
                        self.write_start(spec, &t.attributes, out);
                        if !spec.void {
                            self.open.push(Open {
                                name: spec.name,
                                depth,
                            });
                        }
                    }
                }
                Token::EndTag(t) => {
                    if let Some(spec) = spec(&t.name) {
                        if !spec.void {
                            match self.close(spec.name, depth, out) {
                                Some(left) if left >= open_before => {}
                                _ => pure = false,
                            }
                        }
                    }
                }
                Token::String(s) => escape_text(&String::from_utf8_lossy(&s), out),
                // Comments, doctypes, processing instructions: dropped.
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        if mode == Mode::Block {
            // A dropped element's content ends with its HTML block.
            self.skip = None;
        }
        pure &= self.skip.is_none() && self.open.len() == open_before;
        if cacheable && pure {
            cache::put(mode, frag, self.base, &out[start_len..]);
        }
    }

    fn write_start(
        &self,
        spec: &Spec,
        attrs: &std::collections::BTreeMap<
            html5gum::HtmlString,
            html5gum::Spanned<html5gum::HtmlString, ()>,
        >,
        out: &mut String,
    ) {
        out.push('<');
        out.push_str(spec.name);
        for (k, v) in attrs {
            let Ok(k) = std::str::from_utf8(&k.0) else {
                continue;
            };
            let Some(k) = GLOBAL_ATTRS.iter().chain(spec.attrs).find(|a| **a == k) else {
                continue;
            };
            let v = String::from_utf8_lossy(&v.value);
            let value = match *k {
                "href" | "cite" => clean_url(&v, UrlKind::Link, self.base),
                "src" => clean_url(&v, UrlKind::Image, self.base),
                "id" => Some(filter_id(&v)).filter(|s| !s.is_empty()),
                "class" => Some(filter_classes(&v)).filter(|s| !s.is_empty()),
                "loading" => matches!(&*v, "lazy" | "eager").then(|| v.to_string()),
                "width" | "height" | "span" | "colspan" | "rowspan" | "start" | "value" => {
                    let t = v.trim();
                    (!t.is_empty()
                        && t.len() < 10
                        && t.bytes().all(|b| b.is_ascii_digit() || b == b'%'))
                    .then(|| t.to_string())
                }
                "dir" => matches!(&*v, "ltr" | "rtl" | "auto").then(|| v.to_string()),
                _ => Some(v.into_owned()),
            };
            if let Some(value) = value {
                out.push(' ');
                out.push_str(k);
                out.push_str("=\"");
                escape_attr(&value, out);
                out.push('"');
            }
        }
        out.push('>');
    }

    /// Closes the innermost open `name` opened at this depth, and any element
    /// opened after it; returns how many open elements are left. A stray end
    /// tag is dropped (`None`).
    fn close(&mut self, name: &str, depth: usize, out: &mut String) -> Option<usize> {
        let found = self
            .open
            .iter()
            .rev()
            .take_while(|o| o.depth == depth)
            .position(|o| o.name == name);
        let pos = found?;
        for _ in 0..=pos {
            if let Some(o) = self.open.pop() {
                push_end(o.name, out);
            }
        }
        Some(self.open.len())
    }

    /// Leaving Markdown nesting level `depth`: closes what raw HTML opened
    /// inside it and stops skipping dropped content begun inside it.
    pub(crate) fn leave(&mut self, depth: usize, out: &mut String) {
        while self.open.last().is_some_and(|o| o.depth >= depth) {
            if let Some(o) = self.open.pop() {
                push_end(o.name, out);
            }
        }
        if self.skip.as_ref().is_some_and(|s| s.depth >= depth) {
            self.skip = None;
        }
    }

    /// Closes everything still open (end of document or fragment).
    pub(crate) fn finish(&mut self, out: &mut String) {
        self.leave(0, out);
    }
}

/// A start or end tag that is neither allowlisted nor dropped with content.
fn is_unknown_tag(token: &Token) -> bool {
    match token {
        Token::StartTag(t) => spec(&t.name).is_none() && !drops_content(&t.name),
        Token::EndTag(t) => spec(&t.name).is_none() && !drops_content(&t.name),
        _ => false,
    }
}

pub(crate) use cache::clear as clear_cache;

fn push_end(name: &str, out: &mut String) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Keeps the characters that are harmless in an `id` (and in a fragment).
pub(crate) fn filter_id(v: &str) -> String {
    v.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .collect()
}

fn filter_classes(v: &str) -> String {
    let mut s = String::new();
    for class in v.split_ascii_whitespace() {
        let c: String = class
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if !c.is_empty() {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&c);
        }
    }
    s
}

/// Escapes text content: `&`, `<`, `>`, `"` (and `'`).
pub(crate) fn escape_text(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0 => "\u{FFFD}",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Escapes an attribute value (same set as text).
pub(crate) fn escape_attr(s: &str, out: &mut String) {
    escape_text(s, out)
}

/// Filters an untrusted HTML fragment to safe HTML: allowlisted elements and
/// attributes only, URLs restricted to http(s), mailto, tel, relative and
/// fragment links (and a few `data:image/*` types for `img src`), dangerous
/// elements dropped with their content, comments dropped, text escaped,
/// unclosed elements closed.
pub fn sanitize_html(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut f = HtmlFilter::new(None);
    f.feed(fragment, Mode::Block, 0, &mut out);
    f.finish(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert_eq!(sanitize_html("<b onclick=x>hi</b>"), "<b>hi</b>");
        assert_eq!(sanitize_html("<script>alert(1)</script>ok"), "ok");
        assert_eq!(
            sanitize_html("<a href='javascript:x' target=_top>y</a>"),
            "<a>y</a>"
        );
        assert_eq!(sanitize_html("<a href=\"&#106;avascript:x\">y"), "<a>y</a>");
        assert_eq!(
            sanitize_html("<img src=x onerror=alert(1)>"),
            "<img src=\"x\">"
        );
        assert_eq!(sanitize_html("<div>a</span></div></div>"), "<div>a</div>");
        assert_eq!(
            sanitize_html("a<!-- x --!> <img src=x onerror=y> -->"),
            "a <img src=\"x\"> --&gt;"
        );
        assert_eq!(sanitize_html("<svg><script>x</script></svg>t"), "t");
        assert_eq!(
            sanitize_html("<p title=\"</p><script>\">x"),
            "<p title=\"&lt;/p&gt;&lt;script&gt;\">x</p>"
        );
    }
}
