//! The allowlist: the elements kept (with the attributes each may carry)
//! and the elements dropped together with their content.

/// Attributes allowed on every allowlisted element.
pub(super) const GLOBAL_ATTRS: &[&str] = &["class", "id", "title", "lang", "dir"];

/// An allowlisted element: its canonical name, whether it is void, and the
/// attributes it may carry besides the global ones.
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) void: bool,
    pub(super) attrs: &'static [&'static str],
}

const fn el(name: &'static str, attrs: &'static [&'static str]) -> Spec {
    Spec {
        name,
        void: false,
        attrs,
    }
}
const fn void(name: &'static str, attrs: &'static [&'static str]) -> Spec {
    Spec {
        name,
        void: true,
        attrs,
    }
}

static ELEMENTS: &[Spec] = &[
    el("a", &["href"]),
    el("abbr", &[]),
    el("article", &[]),
    el("aside", &[]),
    el("b", &[]),
    el("bdi", &[]),
    el("bdo", &[]),
    el("blockquote", &["cite"]),
    void("br", &[]),
    el("caption", &[]),
    el("center", &[]),
    el("cite", &[]),
    el("code", &[]),
    void("col", &["span"]),
    el("colgroup", &["span"]),
    el("dd", &[]),
    el("del", &["cite", "datetime"]),
    el("details", &["open"]),
    el("dfn", &[]),
    el("div", &[]),
    el("dl", &[]),
    el("dt", &[]),
    el("em", &[]),
    el("figcaption", &[]),
    el("figure", &[]),
    el("footer", &[]),
    el("h1", &[]),
    el("h2", &[]),
    el("h3", &[]),
    el("h4", &[]),
    el("h5", &[]),
    el("h6", &[]),
    el("header", &[]),
    void("hr", &[]),
    el("i", &[]),
    void("img", &["src", "alt", "width", "height", "loading"]),
    el("ins", &["cite", "datetime"]),
    el("kbd", &[]),
    el("li", &["value"]),
    el("mark", &[]),
    el("ol", &["start", "reversed", "type"]),
    el("p", &[]),
    el("pre", &[]),
    el("q", &["cite"]),
    el("rp", &[]),
    el("rt", &[]),
    el("ruby", &[]),
    el("s", &[]),
    el("samp", &[]),
    el("section", &[]),
    el("small", &[]),
    el("span", &[]),
    el("strike", &[]),
    el("strong", &[]),
    el("sub", &[]),
    el("summary", &[]),
    el("sup", &[]),
    el("table", &[]),
    el("tbody", &[]),
    el("td", &["colspan", "rowspan", "align"]),
    el("tfoot", &[]),
    el("th", &["colspan", "rowspan", "align", "scope"]),
    el("thead", &[]),
    el("time", &["datetime"]),
    el("tr", &[]),
    el("tt", &[]),
    el("u", &[]),
    el("ul", &[]),
    el("var", &[]),
    void("wbr", &[]),
];

pub(super) fn spec(name: &[u8]) -> Option<&'static Spec> {
    ELEMENTS
        .binary_search_by(|s| s.name.as_bytes().cmp(name))
        .ok()
        .map(|i| &ELEMENTS[i])
}

/// Elements dropped together with their content (all non-void). Raw-text
/// ones are tokenized as such (html5gum's naive state switching), the others
/// are skipped up to their balanced end tag.
pub(super) fn drops_content(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"template"
            | b"iframe"
            | b"object"
            | b"applet"
            | b"noscript"
            | b"noembed"
            | b"noframes"
            | b"xmp"
            | b"plaintext"
            | b"textarea"
            | b"title"
            | b"svg"
            | b"math"
            | b"select"
            | b"frameset"
            | b"head"
            | b"audio"
            | b"video"
            | b"canvas"
            | b"portal"
            | b"datalist"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowlist_is_sorted() {
        assert!(ELEMENTS.windows(2).all(|w| w[0].name < w[1].name));
    }
}
