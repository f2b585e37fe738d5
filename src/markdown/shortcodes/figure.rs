//! Hugo's `figure` shortcode, read from its named parameters so the
//! preview can show the image and caption as the site does.

use super::super::dialect::Templates;
use super::Shortcode;

/// Hugo's built-in `figure` shortcode (`{{< figure src="a.png" alt="…"
/// caption="…" >}}`), which the preview shows as the site does: the image
/// and its caption, not a placeholder.
pub(crate) struct Figure {
    pub(crate) src: String,
    pub(crate) alt: String,
    pub(crate) caption: String,
}

/// The figure a Hugo shortcode stands for, if it is `figure` with a `src`.
pub(crate) fn hugo_figure(c: &Shortcode) -> Option<Figure> {
    if c.escaped || c.templates != Templates::Hugo {
        return None;
    }
    let inner = c.text.get(3..c.text.len().checked_sub(3)?)?.trim();
    let params = inner.strip_prefix("figure")?;
    if !params.is_empty() && !params.starts_with(char::is_whitespace) {
        return None;
    }
    let mut figure = Figure {
        src: String::new(),
        alt: String::new(),
        caption: String::new(),
    };
    for (key, value) in named_params(params) {
        match key {
            "src" => figure.src = value,
            "alt" => figure.alt = value,
            "caption" => figure.caption = value,
            _ => {}
        }
    }
    (!figure.src.is_empty()).then_some(figure)
}

/// A shortcode's named parameters: `key="value"`, ``key=`raw` `` or
/// `key=bare`, as Hugo reads them (a `\"` inside quotes is a quote).
fn named_params(text: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            break;
        }
        let after = &rest[eq + 1..];
        let (value, used) = match after.chars().next() {
            Some('"') => {
                let mut v = String::new();
                let mut end = None;
                let mut chars = after.char_indices().skip(1);
                while let Some((i, ch)) = chars.next() {
                    match ch {
                        '\\' => {
                            if let Some((_, next)) = chars.next() {
                                v.push(next);
                            }
                        }
                        '"' => {
                            end = Some(i + 1);
                            break;
                        }
                        _ => v.push(ch),
                    }
                }
                match end {
                    Some(end) => (v, end),
                    None => break,
                }
            }
            Some('`') => match after[1..].find('`') {
                Some(end) => (after[1..1 + end].to_string(), end + 2),
                None => break,
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (after[..end].to_string(), end)
            }
        };
        out.push((key, value));
        rest = after[used..].trim_start();
    }
    out
}
