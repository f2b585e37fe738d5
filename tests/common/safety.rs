//! An independent safety checker for rendered HTML: tokenizes the output the
//! way a browser would and rejects anything that could run script.
#![allow(dead_code)]

use html5gum::{DefaultEmitter, Token, Tokenizer};

const FORBIDDEN_TAGS: &[&str] = &[
    "script",
    "iframe",
    "object",
    "embed",
    "base",
    "meta",
    "form",
    "style",
    "link",
    "svg",
    "math",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "textarea",
    "title",
    "frame",
    "frameset",
    "applet",
    "button",
    "select",
    "body",
    "html",
    "head",
    "audio",
    "video",
    "source",
    "noembed",
    "noframes",
    "animate",
    "set",
    "portal",
];
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "cite",
    "data",
    "poster",
    "background",
    "srcset",
];
const FORBIDDEN_ATTRS: &[&str] = &[
    "style",
    "srcdoc",
    "formaction",
    "action",
    "xlink:href",
    "is",
    "srcset",
    "target",
    "name",
];

fn url_ok(v: &str, attr: &str, tag: &str) -> bool {
    let norm: String = v
        .chars()
        .filter(|c| *c > ' ' && *c != '\u{7f}')
        .collect::<String>()
        .to_ascii_lowercase();
    // WHATWG URL parser: a scheme is an ASCII letter followed by letters,
    // digits, `+`, `-`, `.`, then `:`; anything else is a relative URL.
    // (Every space and control character was removed above, which is
    // stricter than the browser's stripping.)
    let Some(colon) = norm.find(':') else {
        return true;
    };
    let scheme = &norm[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return true;
    }
    match scheme {
        "http" | "https" | "mailto" | "tel" => true,
        "data" => {
            attr == "src"
                && tag == "img"
                && [
                    "data:image/png",
                    "data:image/gif",
                    "data:image/jpeg",
                    "data:image/webp",
                ]
                .iter()
                .any(|p| {
                    norm.starts_with(p) && matches!(norm.as_bytes().get(p.len()), Some(b';' | b','))
                })
        }
        _ => false,
    }
}

/// Returns a description of the first unsafe thing found, if any.
pub fn unsafe_reason(html: &str) -> Option<String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(token) = token;
        if let Token::StartTag(t) = token {
            let name = String::from_utf8_lossy(&t.name).to_string();
            if FORBIDDEN_TAGS.contains(&name.as_str()) {
                return Some(format!("forbidden tag <{name}>"));
            }
            if name == "input" {
                // Task-list checkboxes from the Markdown writer only.
                let ty = t
                    .attributes
                    .get(b"type".as_slice())
                    .map(|v| v.value.0.clone());
                if ty.as_deref() != Some(b"checkbox".as_slice())
                    || !t.attributes.contains_key(b"disabled".as_slice())
                {
                    return Some("input that is not a disabled checkbox".into());
                }
            }
            for (k, v) in &t.attributes {
                let k = String::from_utf8_lossy(k).to_string();
                let v = String::from_utf8_lossy(&v.value).to_string();
                if k.starts_with("on") {
                    return Some(format!("event handler {k} on <{name}>"));
                }
                // The Markdown writer's own table-column alignment (a constant).
                let alignment = k == "style"
                    && (name == "th" || name == "td")
                    && matches!(
                        v.as_str(),
                        "text-align: left" | "text-align: center" | "text-align: right"
                    );
                if FORBIDDEN_ATTRS.contains(&k.as_str()) && !alignment {
                    return Some(format!("forbidden attribute {k} on <{name}>"));
                }
                if URL_ATTRS.contains(&k.as_str()) && !url_ok(&v, &k, &name) {
                    return Some(format!("bad URL {k}={v:?} on <{name}>"));
                }
            }
        }
    }
    None
}

pub fn assert_safe(html: &str, what: &str) {
    if let Some(r) = unsafe_reason(html) {
        panic!("{what}: {r}\n---\n{html}");
    }
}
