//! The live preview (region `Preview`). The body arrives as safe HTML blocks
//! from the core's renderer; each block is one keyed node, keyed by a hash of
//! its HTML, so on a keystroke the virtual DOM replaces only the blocks that
//! changed (replacing the whole preview costs ~85 ms at 100 KB, one block 1–3 ms).

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

/// A rendered block, its HTML shared (cheap to clone on every render).
#[derive(Clone, PartialEq)]
pub struct PreviewBlock {
    pub key: u64,
    pub html: AttrValue,
}

impl From<crate::markdown::Block> for PreviewBlock {
    fn from(b: crate::markdown::Block) -> Self {
        PreviewBlock {
            key: b.key,
            html: AttrValue::from(b.html),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub blocks: Rc<Vec<PreviewBlock>>,
    pub title: Option<AttrValue>,
    pub node_ref: NodeRef,
    #[prop_or_default]
    pub onscroll: Callback<Event>,
}

#[function_component(Preview)]
pub fn preview(props: &PreviewProps) -> Html {
    // Identical blocks (two "---" rules, say) share a hash; their position
    // among equals makes each key unique, as keyed lists require.
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(props.blocks.len());
    let blocks = props.blocks.iter().map(|b| {
        let n = seen.entry(b.key).or_insert(0);
        *n += 1;
        let key = format!("{:x}-{}", b.key, n);
        html! { <div class="pw-block" {key}>{ Html::from_html_unchecked(b.html.clone()) }</div> }
    });
    html! {
        <section class="pw-preview" role="region" aria-label="Preview" ref={props.node_ref.clone()}
            onscroll={props.onscroll.clone()} tabindex="0">
            <article class="pw-article">
                if let Some(title) = &props.title {
                    <h1 class="pw-post-title">{ title }</h1>
                }
                { for blocks }
            </article>
        </section>
    }
}
