//! The live preview (region `Preview`). Yew renders the frame (the post's
//! title and an empty block container); the blocks inside the container are
//! patched directly from the incremental renderer's splices: on a keystroke
//! only the edited block is replaced (replacing the whole preview costs ~85 ms
//! at 100 KB, one block 1–3 ms), and not even the virtual DOM walks the
//! thousands of blocks of a long post.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::chunks::{Chunks, Op};
use crate::markdown::Splice;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub title: Option<AttrValue>,
    pub node_ref: NodeRef,
    /// The block container, filled by [`BlockPatcher`].
    pub blocks_ref: NodeRef,
}

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    html! {
        <section class="pw-preview" role="region" aria-label="Preview" ref={props.node_ref.clone()} tabindex="0"
            onclick={Callback::from(follow_link)}>
            <article class="pw-article">
                if let Some(title) = &props.title {
                    <h1 class="pw-post-title">{ title }</h1>
                }
                <div class="pw-blocks" ref={props.blocks_ref.clone()}></div>
            </article>
        </section>
    }
}

/// A link in the preview must not take the editor's page away: the editor
/// lives inside someone's CMS, and a click there would leave it. Web links
/// open in a new tab. Fragments (`#heading`, footnotes) scroll the preview:
/// the preview sits in the widget's shadow root, where the browser's own
/// fragment scrolling does not look, and changing the page's `#` could
/// drive the host's router.
fn follow_link(e: MouseEvent) {
    if e.default_prevented() || e.button() != 0 {
        return;
    }
    let Some(link) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a[href]").ok().flatten())
    else {
        return;
    };
    let Some(preview) = e
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    else {
        return;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    if let Some(fragment) = href.strip_prefix('#') {
        e.prevent_default();
        let decoded = js_sys::decode_uri_component(fragment)
            .ok()
            .and_then(|s| s.as_string());
        let target = [Some(fragment.to_string()), decoded]
            .into_iter()
            .flatten()
            .find_map(|id| {
                let selector =
                    format!("[id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""));
                preview.query_selector(&selector).ok().flatten()
            });
        if let Some(target) = target {
            target.scroll_into_view();
        }
        return;
    }
    let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    // mailto: and tel: hand over to another app and leave the page alone.
    if matches!(link.protocol().as_str(), "http:" | "https:") {
        e.prevent_default();
        if let Some(window) = web_sys::window() {
            let _ = window.open_with_url_and_target_and_features(
                &link.href(),
                "_blank",
                "noopener,noreferrer",
            );
        }
    }
}

/// Keeps the block container in step with the renderer: splices queue up
/// between renders and are applied once the container exists; a container
/// it has not filled yet (first render, or the view was rebuilt) is filled
/// with every block. The blocks sit in `pw-chunk` groups ([`crate::chunks`]
/// says why), whose bookkeeping mirrors the DOM.
#[derive(Default)]
pub struct BlockPatcher {
    pending: Vec<Splice>,
    filled: Option<Element>,
    chunks: Chunks,
}

impl BlockPatcher {
    /// How many blocks each chunk holds, as the patcher believes the DOM is.
    pub fn chunk_sizes(&self) -> &[usize] {
        self.chunks.sizes()
    }

    pub fn push(&mut self, splice: Splice) {
        if !splice.is_empty() {
            self.pending.push(splice);
        }
    }

    /// Applies what is pending to `container` (none yet: later); `all`
    /// gives every block, for a container not filled yet.
    pub fn apply<'a>(
        &mut self,
        container: Option<Element>,
        mut all: impl ExactSizeIterator<Item = &'a str>,
    ) {
        let Some(container) = container else {
            return;
        };
        let fresh = !self
            .filled
            .as_ref()
            .is_some_and(|e| e.is_same_node(Some(&container)));
        if fresh {
            self.chunks = Chunks::fill(all.len());
            let mut html = String::new();
            for &n in self.chunks.sizes() {
                html.push_str(CHUNK_OPEN);
                wrap_into(&mut html, all.by_ref().take(n));
                html.push_str("</div>");
            }
            container.set_inner_html(&html);
            self.filled = Some(container);
            self.pending.clear();
            return;
        }
        for s in self.pending.drain(..) {
            let ops = self.chunks.splice(s.at, s.removed, s.inserted.len());
            let mut inserted = s.inserted.iter().map(String::as_str);
            for op in ops {
                run(&container, op, &mut inserted);
            }
        }
    }
}

/// A chunk of blocks (see [`crate::chunks`]).
const CHUNK_OPEN: &str = "<div class=\"pw-chunk\">";

/// Carries out one chunk operation on the DOM.
fn run<'a>(container: &Element, op: Op, inserted: &mut impl Iterator<Item = &'a str>) {
    let chunks = container.children();
    let chunk = |i: usize| chunks.item(i as u32);
    let empty_chunk = || format!("{CHUNK_OPEN}</div>");
    match op {
        Op::Remove {
            chunk: c,
            offset,
            count,
        } => {
            let Some(c) = chunk(c) else { return };
            let blocks = c.children();
            for _ in 0..count {
                if let Some(b) = blocks.item(offset as u32) {
                    b.remove();
                }
            }
        }
        Op::RemoveChunk { chunk: c } => {
            if let Some(c) = chunk(c) {
                c.remove();
            }
        }
        Op::NewChunk { at } => {
            let _ = match chunk(at) {
                Some(next) => next.insert_adjacent_html("beforebegin", &empty_chunk()),
                None => container.insert_adjacent_html("beforeend", &empty_chunk()),
            };
        }
        Op::Split { chunk: c, offset } => {
            let Some(c) = chunk(c) else { return };
            let _ = c.insert_adjacent_html("afterend", &empty_chunk());
            let (Some(tail), blocks) = (c.next_element_sibling(), c.children()) else {
                return;
            };
            while let Some(b) = blocks.item(offset as u32) {
                let _ = tail.append_child(&b);
            }
        }
        Op::Insert {
            chunk: c,
            offset,
            count,
        } => {
            let Some(c) = chunk(c) else { return };
            let mut html = String::new();
            wrap_into(&mut html, inserted.by_ref().take(count));
            let _ = match c.children().item(offset as u32) {
                Some(next) => next.insert_adjacent_html("beforebegin", &html),
                None => c.insert_adjacent_html("beforeend", &html),
            };
        }
    }
}

/// Each block in a `pw-block` div, so it can be replaced alone. The blocks'
/// HTML is the renderer's safe output, balanced block by block.
fn wrap_into<'a>(s: &mut String, blocks: impl Iterator<Item = &'a str>) {
    for b in blocks {
        s.push_str("<div class=\"pw-block\">");
        s.push_str(b);
        s.push_str("</div>");
    }
}
