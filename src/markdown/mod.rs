//! Markdown to safe HTML: the one place that owns the Markdown dialect.
//!
//! * [`dialect`]: which extensions are on, heading slugs;
//! * `render`: pulldown-cmark's parser and writer with a filtering adapter
//!   between them (raw HTML, URLs, heading attributes and ids, shortcodes,
//!   block boundaries);
//! * `sanitize`: the raw-HTML allowlist filter over html5gum's tokenizer
//!   ([`sanitize_html`]);
//! * `shortcodes`: Hugo shortcodes shown as inert placeholders;
//! * `url`: the URL allowlist and base-URL resolution;
//! * `blocks`: a whole render split into top-level blocks;
//! * `document`: what blocks share (heading ids, footnotes, link definitions);
//! * `incremental`: the live preview's renderer, re-rendering only the
//!   blocks around an edit;
//! * `stats`: word count and reading time.
//!
//! A post never runs script: every tag in the output is either written by
//! pulldown-cmark's writer from filtered events or re-serialized from an
//! allowlist by the filter; all text and attribute values are escaped.

mod blocks;
pub mod dialect;
mod document;
mod footnotes;
mod incremental;
mod render;
mod sanitize;
mod shortcodes;
mod stats;
mod url;

pub use blocks::{render_blocks, Block};
pub use dialect::{options, slugify, smart_punctuation_by_default, RenderOptions, Templates};
pub use footnotes::{footnote_problems, FootnoteProblem};
pub use incremental::{Incremental, Splice};
pub use sanitize::sanitize_html;
pub use stats::{stats, stats_with, Stats, WORDS_PER_MINUTE};
pub use url::image_src;

/// Empties this thread's cache of filtered raw-HTML fragments (bounded to a
/// few MB; it is also emptied when the base URL changes). For benchmarks.
#[doc(hidden)]
pub fn clear_cache() {
    sanitize::clear_cache();
}

/// Renders a post body (no front matter) to safe HTML. Equal to the
/// concatenation of [`render_blocks`]' HTML.
pub fn render_html(body: &str, opts: &RenderOptions) -> String {
    render::render(body, opts).html
}
