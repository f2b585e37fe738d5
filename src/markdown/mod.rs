//! Markdown to safe HTML: the one place that owns the Markdown dialect.

use pulldown_cmark::{html, Options, Parser};

/// The dialect: CommonMark plus the GitHub extensions blog posts use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Renders a post body to HTML.
pub fn render_html(body: &str) -> String {
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(body, options()));
    out
}
