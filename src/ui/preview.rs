//! The live preview (region `Preview`). Yew renders the frame (the post's
//! title and an empty block container); the blocks inside the container are
//! patched directly from the incremental renderer's splices: on a keystroke
//! only the edited block is replaced (replacing the whole preview costs ~85 ms
//! at 100 KB, one block 1–3 ms), and not even the virtual DOM walks the
//! thousands of blocks of a long post.

use web_sys::Element;
use yew::prelude::*;

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
        <section class="pw-preview" role="region" aria-label="Preview" ref={props.node_ref.clone()} tabindex="0">
            <article class="pw-article">
                if let Some(title) = &props.title {
                    <h1 class="pw-post-title">{ title }</h1>
                }
                <div class="pw-blocks" ref={props.blocks_ref.clone()}></div>
            </article>
        </section>
    }
}

/// Keeps the block container in step with the renderer: splices queue up
/// between renders and are applied once the container exists; a container
/// it has not filled yet (first render, or the view was rebuilt) is filled
/// with every block.
#[derive(Default)]
pub struct BlockPatcher {
    pending: Vec<Splice>,
    filled: Option<Element>,
}

impl BlockPatcher {
    pub fn push(&mut self, splice: Splice) {
        if !splice.is_empty() {
            self.pending.push(splice);
        }
    }

    /// Applies what is pending to the container in `blocks_ref`; `all`
    /// gives every block, for a container not filled yet.
    pub fn apply<'a>(&mut self, blocks_ref: &NodeRef, all: impl Iterator<Item = &'a str>) {
        let Some(container) = blocks_ref.cast::<Element>() else {
            return;
        };
        let fresh = !self
            .filled
            .as_ref()
            .is_some_and(|e| e.is_same_node(Some(&container)));
        if fresh {
            container.set_inner_html(&wrap(all));
            self.filled = Some(container);
            self.pending.clear();
            return;
        }
        for s in self.pending.drain(..) {
            let children = container.children();
            // The block after the removed ones (None: the end).
            let after = children.item((s.at + s.removed) as u32);
            for _ in 0..s.removed {
                if let Some(child) = children.item(s.at as u32) {
                    child.remove();
                }
            }
            if s.inserted.is_empty() {
                continue;
            }
            let html = wrap(s.inserted.iter().map(String::as_str));
            let _ = match &after {
                Some(next) => next.insert_adjacent_html("beforebegin", &html),
                None => container.insert_adjacent_html("beforeend", &html),
            };
        }
    }
}

/// Each block in a `pw-block` div (so it can be replaced alone, and skipped
/// by layout off screen). The blocks' HTML is the renderer's safe output,
/// balanced block by block.
fn wrap<'a>(blocks: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for b in blocks {
        s.push_str("<div class=\"pw-block\">");
        s.push_str(b);
        s.push_str("</div>");
    }
    s
}
