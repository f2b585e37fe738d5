//! The Markdown dialect: the one place that says which extensions are on.

use pulldown_cmark::Options;

use crate::export::Preset;

/// Rendering options (the UI's preview settings).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Curly quotes, en/em dashes and ellipses.
    pub smart_punctuation: bool,
    /// The site's base URL (e.g. `https://example.com/`): relative link and
    /// image URLs are resolved against it so the preview shows the images.
    /// Ignored unless it is an absolute `http(s)` URL.
    pub base_url: Option<String>,
    /// The generator's template tags the body may hold (shown as inert
    /// placeholders, as they are not Markdown).
    pub templates: Templates,
}

impl RenderOptions {
    /// What the preview should follow for a generator: its typography and
    /// its template tags.
    pub fn for_preset(preset: Preset, base_url: Option<String>) -> Self {
        RenderOptions {
            smart_punctuation: smart_punctuation_by_default(preset),
            base_url,
            templates: Templates::of(preset),
        }
    }
}

/// Which template tags a generator expands in a post before its Markdown is
/// rendered. They are not Markdown: the preview shows them as labelled,
/// inert placeholders instead of text (and never runs them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Templates {
    /// Hugo shortcodes: `{{< name >}}`, `{{% name %}}`, and the escaped
    /// `{{</* name */>}}` shown as text.
    #[default]
    Hugo,
    /// Liquid: `{{ output }}` and `{% tag %}`. Jekyll runs Liquid on every
    /// post, and Eleventy on Markdown by default (`markdownTemplateEngine`).
    Liquid,
    /// Zola shortcodes: `{{ name(args) }}`, `{% name(args) %}` … `{% end %}`,
    /// and the escaped `{{/* name() */}}` shown as text. Other braces are text.
    Zola,
    /// None: Astro renders a `.md` file's braces as text.
    None,
}

impl Templates {
    pub fn of(preset: Preset) -> Self {
        match preset {
            Preset::Hugo | Preset::HugoBundle => Templates::Hugo,
            Preset::Jekyll | Preset::Eleventy => Templates::Liquid,
            Preset::Zola => Templates::Zola,
            Preset::Astro => Templates::None,
        }
    }
}

/// CommonMark plus the extensions blog posts use: tables, footnotes,
/// strikethrough, task lists and heading attributes (`{#id .class}`; other
/// attributes are dropped by the renderer).
pub fn options(smart_punctuation: bool) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Whether the generator turns `"quotes"`, `--` and `...` into typographic
/// ones by default, so that the preview shows what the site will: Hugo
/// (Goldmark's typographer), Jekyll (kramdown's smart quotes) and Astro
/// (`smartypants`) do; Zola (`smart_punctuation = false`) and Eleventy
/// (markdown-it, `typographer: false`) do not.
pub fn smart_punctuation_by_default(preset: Preset) -> bool {
    match preset {
        Preset::Hugo | Preset::HugoBundle | Preset::Jekyll | Preset::Astro => true,
        Preset::Zola | Preset::Eleventy => false,
    }
}

/// The anchor id GitHub and Hugo would give a heading with this text:
/// lowercased, letters, digits, `-` and `_` kept, spaces turned into `-`.
pub fn slugify(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                s.push(c.to_ascii_lowercase());
            } else if c.is_ascii_whitespace() {
                s.push('-');
            }
        } else if c.is_alphanumeric() || c == '_' || c == '-' {
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            s.push('-');
        }
    }
    s
}
