//! A whole render split into its top-level blocks.

use super::dialect::RenderOptions;
use super::render::render;

/// One top-level block of a render (paragraph, heading, list, table, code
/// block, HTML block, footnote definition, ...) as safe HTML.
///
/// Raw HTML that opens an element in one block and closes it in a later one
/// (`<details>` ... Markdown ... `</details>`) makes those blocks one: every
/// block's HTML is balanced on its own, so the preview can wrap and replace
/// each alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub html: String,
}

/// Renders the whole document once (footnotes and reference links are
/// resolved document-wide) and splits the result into its non-empty
/// top-level blocks. (The live preview keeps its blocks up to date with
/// [`super::Incremental`] instead.)
pub fn render_blocks(body: &str, opts: &RenderOptions) -> Vec<Block> {
    let r = render(body, opts);
    let mut blocks = Vec::with_capacity(r.marks.len());
    let mut start = 0;
    for end in r.marks.iter().map(|m| m.html_end) {
        if end > start {
            blocks.push(Block {
                html: r.html[start..end].to_string(),
            });
            start = end;
        }
    }
    blocks
}
