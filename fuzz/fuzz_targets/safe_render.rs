//! Whatever the body, the preview's HTML holds no script: no script-bearing
//! element, no event-handler attribute, no `javascript:`-like address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postwright::markdown::{render_html, RenderOptions, Templates};

const BAD_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "base", "form", "meta", "link", "svg", "math",
    "frame", "frameset", "template", "noscript",
];

/// Attributes whose value the browser follows as an address.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "xlink:href",
    "ping",
];

/// An attribute value as the browser reads it, roughly: numeric entities and
/// the named ones that spell a scheme decoded, whitespace and controls gone.
fn decoded(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            if let Some(end) = rest.find(';') {
                let ent = &rest[1..end];
                let ch = match ent {
                    "colon" => Some(':'),
                    "tab" | "newline" => Some(' '),
                    "amp" => Some('&'),
                    _ => ent
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                if let Some(ch) = ch {
                    out.push(ch);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn check_tag(tag: &str, html: &str) {
    let lower = tag.to_ascii_lowercase();
    let body = lower.trim_start_matches(['<', '/']);
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = &body[..name_len];
    assert!(!BAD_TAGS.contains(&name), "tag {tag:?} in {html:?}");
    // The sanitizer writes attributes as ` name="value"`.
    let mut rest = &body[name_len..];
    while let Some(eq) = rest.find("=\"") {
        let attr = rest[..eq].trim_start_matches([' ', '\t', '\n']);
        let Some(close) = rest[eq + 2..].find('"') else {
            panic!("unterminated attribute in {tag:?} of {html:?}");
        };
        let value = &rest[eq + 2..eq + 2 + close];
        assert!(!attr.starts_with("on"), "handler {tag:?} in {html:?}");
        assert!(
            attr != "srcdoc" && attr != "style",
            "{attr} in {tag:?} of {html:?}"
        );
        if URL_ATTRS.contains(&attr) {
            let v = decoded(value);
            for scheme in [
                "javascript:",
                "vbscript:",
                "data:text",
                "data:application",
                "file:",
            ] {
                assert!(!v.starts_with(scheme), "{scheme} in {tag:?} of {html:?}");
            }
        }
        rest = &rest[eq + 2 + close + 1..];
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let opts = RenderOptions {
        smart_punctuation: sel & 1 != 0,
        base_url: (sel & 2 != 0).then(|| "https://example.com/blog/".to_string()),
        templates: match (sel >> 2) % 3 {
            0 => Templates::Hugo,
            1 => Templates::Liquid,
            _ => Templates::Zola,
        },
    };
    let html = render_html(body, &opts);
    // The sanitizer writes text `<` as `&lt;`, so every `<` opens a tag.
    let mut rest = html.as_str();
    while let Some(i) = rest.find('<') {
        // The tag ends at the first `>` outside an attribute's quotes.
        let mut quoted = false;
        let end = rest[i..]
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .map(|(e, _)| i + e + 1)
            .unwrap_or(rest.len());
        check_tag(&rest[i..end], &html);
        rest = &rest[end..];
    }
});
