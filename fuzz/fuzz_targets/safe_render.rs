//! Whatever the body, the preview's HTML holds no script: no script-bearing
//! element, no event-handler attribute, no `javascript:`-like address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postwright::markdown::{render_html, RenderOptions, Templates};

const BAD_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "style", "base", "form", "meta", "link", "svg", "math",
    "frame", "frameset", "template", "noscript",
];

fn check_tag(tag: &str, html: &str) {
    let lower = tag.to_ascii_lowercase();
    let name: String = lower
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    assert!(!BAD_TAGS.contains(&name.as_str()), "tag {tag:?} in {html:?}");
    // Attribute names: after a space, up to `=`.
    for attr in lower.split([' ', '\t', '\n']).skip(1) {
        let attr_name = attr.split('=').next().unwrap_or("");
        assert!(!attr_name.starts_with("on"), "handler {tag:?} in {html:?}");
        assert!(!attr_name.starts_with("srcdoc") && !attr_name.starts_with("formaction"));
    }
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    for scheme in ["javascript:", "vbscript:", "data:text", "data:application"] {
        assert!(!squeezed.contains(scheme), "{scheme} in {tag:?} of {html:?}");
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
        let end = rest[i..].find('>').map(|e| i + e + 1).unwrap_or(rest.len());
        check_tag(&rest[i..end], &html);
        rest = &rest[end..];
    }
});
