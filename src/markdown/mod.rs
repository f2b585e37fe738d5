//! Markdown to safe HTML: the one place that owns the Markdown dialect.
//! (Interim version: the sanitizing renderer lands from the markdown branch.)

use pulldown_cmark::{html, Options, Parser};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenderOptions {
    pub smart_punctuation: bool,
    pub base_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub key: u64,
    pub html: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    pub words: usize,
    pub reading_minutes: usize,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

pub fn render_html(body: &str, _opts: &RenderOptions) -> String {
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(body, options()));
    out
}

pub fn render_blocks(body: &str, opts: &RenderOptions) -> Vec<Block> {
    vec![Block { key: 0, html: render_html(body, opts) }]
}

pub fn stats(body: &str) -> Stats {
    let words = body.split_whitespace().count();
    Stats { words, reading_minutes: words.div_ceil(230).max(usize::from(words > 0)) }
}
