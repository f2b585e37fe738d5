//! Template tags (Hugo shortcodes, Liquid tags, Zola shortcodes; see
//! [`Templates`]): found before Markdown parsing, as the generators do, and
//! replaced in a private copy of the body by placeholders
//! (`U+E000 index U+E001`) that Markdown leaves alone. The renderer turns the
//! placeholders into labelled, inert spans or divs. Nothing is ever executed
//! and the author's text is not changed.
//!
//! Finding the tags is here; `placeholders` works on the parsed text, `figure`
//! reads Hugo's figure shortcode.

mod figure;
mod placeholders;

use std::borrow::Cow;

use super::dialect::Templates;

pub(crate) use figure::{hugo_figure, Figure};
pub(crate) use placeholders::{
    has_placeholder, inline_html, literal, only_codes, pieces, push_code, url, Piece,
};

pub(crate) const OPEN: char = '\u{E000}';
pub(crate) const CLOSE: char = '\u{E001}';
/// Longest template tag we recognize, in bytes.
const MAX_LEN: usize = 4096;

pub(crate) struct Shortcode {
    /// The text to show, e.g. `{{< youtube abc >}}`.
    pub(crate) text: String,
    /// `{{</* ... */>}}`: shown as plain text, not as a placeholder.
    pub(crate) escaped: bool,
    /// Whose tag it is (for its label: `Hugo shortcode`, `Liquid tag`, …).
    templates: Templates,
    /// What it stands for in a link or image address, when that is known
    /// without the site: Liquid's `{{ site.baseurl }}` is empty and
    /// `{{ '/a.png' | relative_url }}` is `/a.png`, so that the preview can
    /// resolve the address against the base URL as it does any other.
    url: Option<String>,
}

/// Replaces the template tags of `body` by placeholders. Returns the body to
/// parse and the tags (empty, and the body borrowed, if there are none).
pub(crate) fn extract(orig: &str, templates: Templates) -> (Cow<'_, str>, Vec<Shortcode>) {
    let (src, codes, _) = extract_exact(orig, templates);
    (src, codes)
}

/// Like [`extract`]; also says whether every placeholder is exactly as long
/// as its shortcode (zero-padded to fit), so that source offsets in the text
/// returned are those of `orig` (the incremental preview relies on it).
pub(crate) fn extract_exact(
    orig: &str,
    templates: Templates,
) -> (Cow<'_, str>, Vec<Shortcode>, bool) {
    // Placeholder characters typed by the author would only show some
    // shortcode's text, but keep them out anyway (U+FFFD is as long). Always,
    // tags or not: the preview renders parts of the body alone, and a part
    // without a tag must show them as the whole body does.
    // (One char at a time is a memchr search; a char set is not.)
    let cleaned = (orig.as_bytes().contains(&0xEE)
        && (orig.contains(OPEN) || orig.contains(CLOSE)))
    .then(|| orig.replace([OPEN, CLOSE], "\u{FFFD}"));
    let as_given = || match &cleaned {
        Some(c) => Cow::Owned(c.clone()),
        None => Cow::Borrowed(orig),
    };
    if next_open(orig, 0, templates).is_none() {
        return (as_given(), Vec::new(), true);
    }
    let body = cleaned.as_deref().unwrap_or(orig);
    let mut codes = Vec::new();
    let mut out = String::new();
    let mut copied = 0;
    let mut exact = true;
    let mut fences = false;
    scan(body, templates, |found| {
        let original = &body[found.start..found.end];
        if templates == Templates::Liquid {
            if let Some(fence) = highlight_fence(body, &found) {
                out.push_str(&body[copied..found.start]);
                out.push_str(&fence);
                copied = found.end;
                fences = true;
                return;
            }
        }
        let text = match found.escape {
            // `{{< /* x */ >}}` shows as `{{< x >}}`: the comment marks go.
            Some((open, close)) => {
                let (open, close) = (open - found.start, close - found.start);
                let mut t = original[..open].to_string();
                t.push_str(&original[open + 2..close]);
                t.push_str(&original[close + 2..]);
                t
            }
            None => original.to_string(),
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
            url: url_value(original, templates),
            text,
            escaped: found.escape.is_some(),
            templates,
        });
        copied = found.end;
    });
    if codes.is_empty() && !fences {
        return (as_given(), codes, true);
    }
    out.push_str(&body[copied..]);
    (Cow::Owned(out), codes, exact)
}

/// A template tag found in a text.
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// An escaped tag (`{{</* x */>}}`): where its `/*` and `*/` are.
    escape: Option<(usize, usize)>,
}

/// Finds the template tags of `body`, left to right as the generators do
/// (a tag's text is not searched for others).
pub(crate) fn scan(body: &str, templates: Templates, mut f: impl FnMut(Found)) {
    let mut from = 0;
    while let Some(i) = next_open(body, from, templates) {
        from = i + 2;
        let Some(found) = tag_at(body, i, templates) else {
            continue;
        };
        from = found.end;
        // Liquid leaves the text between `{% raw %}` and `{% endraw %}` alone.
        if templates == Templates::Liquid && is_raw_tag(&body[found.start..found.end]) {
            from = endraw(body, found.end).unwrap_or(body.len());
        }
        f(found);
    }
}

/// The tag starting at `i` (at an opening found by [`next_open`]), if it
/// is closed within the length a tag may have and holds no blank line.
fn tag_at(body: &str, i: usize, templates: Templates) -> Option<Found> {
    let b = body.as_bytes();
    // Hugo's openings are three bytes (`{{<`, `{{%`), the others two.
    let opener = if templates == Templates::Hugo { 3 } else { 2 };
    let inner_start = i + opener;
    let rest = &body[inner_start..];
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    let escapable = matches!(templates, Templates::Hugo | Templates::Zola);
    let escaped = escapable && trimmed.starts_with("/*");
    let closer = match (templates, b[i + 1], b.get(i + 2)) {
        (Templates::Hugo, _, Some(b'<')) => ">}}",
        (Templates::Hugo, _, _) => "%}}",
        (_, b'{', _) => "}}",
        _ => "%}",
    };
    let closer = if escaped {
        ["*/", closer].concat()
    } else {
        closer.to_string()
    };
    if templates == Templates::Zola && !escaped && !zola_call(trimmed, b[i + 1] == b'%') {
        return None;
    }
    let end = find_within(rest, &closer, rest.len().min(MAX_LEN))?;
    if escaped && end < lead + 2 {
        return None;
    }
    let inner = &rest[..end];
    if inner.contains("\n\n") || inner.contains("\r\n\r\n") {
        return None;
    }
    let end_abs = inner_start + end + closer.len();
    Some(Found {
        start: i,
        end: end_abs,
        escape: escaped.then(|| (inner_start + lead, inner_start + end)),
    })
}

/// Zola's shortcodes are calls, `name(` (and `{% end %}` closes a body):
/// other braces in a Zola post are text.
fn zola_call(inner: &str, body_tag: bool) -> bool {
    let name = inner
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
        .count();
    let after = inner[name..].trim_start();
    name > 0
        && (after.starts_with('(')
            || (body_tag && &inner[..name] == "end" && after.starts_with("%}")))
}

/// A Liquid tag's name: `raw` for `{%- raw -%}`.
fn liquid_name(tag: &str) -> &str {
    let inner = tag
        .strip_prefix("{%")
        .and_then(|t| t.strip_suffix("%}"))
        .unwrap_or("");
    let inner = inner.trim_matches('-').trim();
    inner.split_whitespace().next().unwrap_or("")
}

/// Jekyll's `{% highlight ruby %}` … `{% endhighlight %}`, each alone on
/// its line, are a code block: the tags become a fence of the same length
/// (` ```ruby` and spaces), so the preview shows the code as Jekyll does.
fn highlight_fence(body: &str, found: &Found) -> Option<String> {
    let tag = &body[found.start..found.end];
    let line_start = body[..found.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &body[line_start..found.start];
    let rest = &body[found.end..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let alone = indent.len() <= 3
        && indent.bytes().all(|b| b == b' ')
        && rest[..line_end].trim().is_empty();
    if !alone {
        return None;
    }
    let inner = tag
        .strip_prefix("{%")?
        .strip_suffix("%}")?
        .trim_matches('-');
    let mut words = inner.split_whitespace();
    let info = match words.next()? {
        "highlight" => words.next()?,
        "endhighlight" if words.next().is_none() => "",
        _ => return None,
    };
    // A fence's info string holds no backtick.
    if info.contains('`') {
        return None;
    }
    let fence = format!("```{info}");
    (fence.len() <= tag.len()).then(|| format!("{fence:<width$}", width = tag.len()))
}

/// Whether a Liquid tag is `{% raw %}` (`{%- raw -%}` too).
pub(crate) fn is_raw_tag(tag: &str) -> bool {
    liquid_name(tag) == "raw"
}

impl Shortcode {
    /// Liquid's `{% raw %}`: the text after it, up to `{% endraw %}`, is not
    /// Liquid, however far that goes.
    pub(crate) fn opens_raw_block(&self) -> bool {
        self.templates == Templates::Liquid && is_raw_tag(&self.text)
    }
}

/// Where the `{% endraw %}` closing a raw block that ends at `from` starts.
fn endraw(body: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = next_open(body, at, Templates::Liquid) {
        match tag_at(body, i, Templates::Liquid) {
            Some(f) if liquid_name(&body[f.start..f.end]) == "endraw" => return Some(i),
            Some(f) => at = f.end,
            None => at = i + 2,
        }
    }
    None
}

/// What a Liquid output tag stands for in an address, when the site is not
/// needed to know it (see [`Shortcode::url`]).
fn url_value(tag: &str, templates: Templates) -> Option<String> {
    if templates != Templates::Liquid {
        return None;
    }
    let inner = tag.strip_prefix("{{")?.strip_suffix("}}")?;
    let inner = inner.trim_matches('-').trim();
    if matches!(
        inner,
        "site.baseurl" | "site.url" | "site.url | append: site.baseurl"
    ) {
        return Some(String::new());
    }
    // `'/a.png' | relative_url` (Jekyll), `"/a.png" | url` (Eleventy).
    let (value, filter) = inner.split_once('|')?;
    let value = value.trim();
    let quoted = value.len() >= 2
        && (value.starts_with('\'') && value.ends_with('\'')
            || value.starts_with('"') && value.ends_with('"'));
    let url_filter = matches!(filter.trim(), "relative_url" | "absolute_url" | "url");
    (quoted && url_filter).then(|| value[1..value.len() - 1].to_string())
}

impl Templates {
    /// The label a placeholder carries.
    fn label(self) -> &'static str {
        match self {
            Templates::Hugo => "Hugo shortcode",
            Templates::Liquid => "Liquid tag",
            Templates::Zola => "Zola shortcode",
            Templates::None => "",
        }
    }
}

/// The longest a template tag can be, in bytes.
pub(crate) const MAX_SPAN: usize = MAX_LEN + 8;

/// The next opening of a template tag at or after `from` (a memchr search
/// for `{`): `{{<` or `{{%` for Hugo, `{{` or `{%` for the others.
fn next_open(s: &str, from: usize, templates: Templates) -> Option<usize> {
    if templates == Templates::None {
        return None;
    }
    let b = s.as_bytes();
    let mut i = from;
    while let Some(p) = s.get(i..)?.find('{') {
        let j = i + p;
        let open = match templates {
            Templates::Hugo => {
                b.get(j + 1) == Some(&b'{') && matches!(b.get(j + 2), Some(b'<' | b'%'))
            }
            _ => matches!(b.get(j + 1), Some(b'{' | b'%')),
        };
        if open {
            return Some(j);
        }
        i = j + 1;
    }
    None
}

/// Whether `text` may hold a template tag (an opening of one).
pub(crate) fn may_hold_tags(text: &str, templates: Templates) -> bool {
    next_open(text, 0, templates).is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shortcodes() {
        let (b, c) = extract(
            "a {{< youtube abc >}} b {{% notice %}}x{{% /notice %}} {{</* raw */>}} {{ .Title }}",
            Templates::Hugo,
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
        let (b, c, exact) = extract_exact(body, Templates::Hugo);
        assert!(exact);
        assert_eq!(c.len(), 3);
        assert_eq!(b.len(), body.len());
        assert_eq!(
            literal(&b, &c),
            "a {{< youtube abc >}} b\n{{% notice\nx %}}y{{< raw >}}"
        );
        // Too short to hold its index: still found, offsets no longer exact.
        let many = "{{<a>}}".repeat(12);
        let (b, c, exact) = extract_exact(&many, Templates::Hugo);
        assert_eq!(c.len(), 12);
        assert!(!exact);
        assert_eq!(literal(&b, &c), many);
    }

    #[test]
    fn no_shortcodes_borrows() {
        let (b, c) = extract("plain {{ x }} {{< unclosed", Templates::Hugo);
        assert!(matches!(b, Cow::Borrowed(_)));
        assert!(c.is_empty());
    }

    #[test]
    fn forged_placeholders_are_inert() {
        let (b, c) = extract("\u{E000}0\u{E001} {{< a >}} \u{E001}", Templates::Hugo);
        let mut out = String::new();
        inline_html(&b, &c, &mut out);
        assert_eq!(out.matches("pw-shortcode").count(), 1);
        assert!(!out.contains(['\u{E000}', '\u{E001}']));
    }

    fn texts(body: &str, templates: Templates) -> Vec<String> {
        let (b, c) = extract(body, templates);
        assert_eq!(literal(&b, &c), body.replace("/*", "").replace("*/", ""));
        c.into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn liquid_tags_and_raw_blocks() {
        let body = "{% include note.html title=\"x\" %}\n[a]({{ site.baseurl }}/b) {{- page.title -}}\n{% raw %}{{ kept }}{% endraw %} {%- if x -%}y{% endif %}";
        assert_eq!(
            texts(body, Templates::Liquid),
            [
                "{% include note.html title=\"x\" %}",
                "{{ site.baseurl }}",
                "{{- page.title -}}",
                "{% raw %}",
                "{% endraw %}",
                "{%- if x -%}",
                "{% endif %}",
            ]
        );
        // Hugo's scanner leaves Liquid alone, and Liquid's leaves Hugo's
        // shortcodes' inner text (`<`) in the tag.
        assert!(texts(body, Templates::Hugo).is_empty());
        assert!(texts(body, Templates::None).is_empty());
        // A tag never spans a blank line.
        assert!(texts("{% a\n\nb %}", Templates::Liquid).is_empty());
    }

    #[test]
    fn jekyll_highlight_blocks_are_fences_of_the_same_length() {
        let body = "a\n{% highlight ruby linenos %}\ndef x; end\n{%- endhighlight -%}\n\nsee {% highlight ruby %} inline\n";
        let (b, c) = extract(body, Templates::Liquid);
        assert_eq!(b.len(), body.len());
        let open = format!("{:<28}", "```ruby"); // as long as `{% highlight ruby linenos %}`
        let close = format!("{:<20}", "```"); // and `{%- endhighlight -%}`
        assert!(
            b.starts_with(&format!("a\n{open}\ndef x; end\n{close}\n")),
            "{b:?}"
        );
        // Not alone on its line: an ordinary tag.
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].text, "{% highlight ruby %}");
    }

    #[test]
    fn hugo_figures_are_read_from_their_parameters() {
        let (_, c) = extract(
            "{{< figure src=\"/img/a b.png\" alt=`the \"alt\"` caption=\"A \\\"cap\\\"\" class=wide >}} {{< figures src=\"x\" >}} {{< figure alt=\"no src\" >}} {{</* figure src=\"x\" */>}}",
            Templates::Hugo,
        );
        let f = hugo_figure(&c[0]).expect("a figure");
        assert_eq!(
            (f.src.as_str(), f.alt.as_str(), f.caption.as_str()),
            ("/img/a b.png", "the \"alt\"", "A \"cap\"")
        );
        assert!(c[1..].iter().all(|c| hugo_figure(c).is_none()));
        let (_, c) = extract("{% figure src=\"x\" %}", Templates::Liquid);
        assert!(hugo_figure(&c[0]).is_none());
    }

    #[test]
    fn zola_shortcodes_are_calls() {
        let body = "{{ youtube(id=\"abc\") }} {{ not a call }} {% quote(author=\"A\") %}\nbody\n{% end %} {{/* image(src=\"x\") */}} {%/* note() */%}";
        assert_eq!(
            texts(body, Templates::Zola),
            [
                "{{ youtube(id=\"abc\") }}",
                "{% quote(author=\"A\") %}",
                "{% end %}",
                "{{ image(src=\"x\") }}",
                "{% note() %}",
            ]
        );
        let (_, c) = extract(body, Templates::Zola);
        assert!(c[3].escaped && c[4].escaped && !c[0].escaped);
    }

    #[test]
    fn liquid_addresses_stand_for_what_the_site_would_write() {
        let body = "{{ site.baseurl }}/a {{ '/b.png' | relative_url }} {{ \"/c\" | url }} {% link x.md %} {{ page.x }}";
        let (b, c) = extract(body, Templates::Liquid);
        assert_eq!(url(&b, &c), "/a /b.png /c {% link x.md %} {{ page.x }}");
        let (b, c) = extract("{{< ref \"x\" >}}", Templates::Hugo);
        assert_eq!(url(&b, &c), "{{< ref \"x\" >}}");
    }

    #[test]
    fn placeholders_are_labelled_by_their_generator() {
        for (body, templates, label) in [
            ("{{< a >}}", Templates::Hugo, "Hugo shortcode"),
            ("{% a %}", Templates::Liquid, "Liquid tag"),
            ("{{ a() }}", Templates::Zola, "Zola shortcode"),
        ] {
            let (b, c) = extract(body, templates);
            let mut out = String::new();
            inline_html(&b, &c, &mut out);
            assert!(out.contains(&format!("title=\"{label}\"")), "{out}");
        }
    }
}
