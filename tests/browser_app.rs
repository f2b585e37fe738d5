//! The editor mounted in a real browser (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn tick() {
    yew::platform::time::sleep(std::time::Duration::from_millis(30)).await;
}

#[wasm_bindgen_test]
async fn typing_in_markdown_updates_the_preview_and_the_value() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let inputs = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = inputs.clone();
    let on_input = Closure::<dyn Fn()>::new(move || counter.set(counter.get() + 1));
    let noop = js_sys::Function::new_no_args("");
    let config = js_sys::Object::new();
    js_sys::Reflect::set(&config, &"value".into(), &"start\n".into()).unwrap();
    let mut handle = postwright::ui::widget::mount(
        root.clone(),
        config.into(),
        on_input
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone(),
        noop.clone(),
        noop,
    );
    tick().await;

    let area: HtmlTextAreaElement = root
        .query_selector("#pw-markdown")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value("# From the test\n\nA [^1] note.\n\n[^1]: the note\n");
    area.dispatch_event(&Event::new("input").unwrap()).unwrap();
    tick().await;

    let preview = root
        .query_selector("[aria-label=Preview]")
        .unwrap()
        .expect("a Preview region");
    let h1 = preview
        .query_selector("h1")
        .unwrap()
        .expect("a heading in the preview");
    assert_eq!(h1.text_content().unwrap(), "From the test");
    assert!(
        preview.inner_html().contains("the note"),
        "footnote rendered: {}",
        preview.inner_html()
    );
    assert_eq!(inputs.get(), 1, "one input reported to the host");
    assert!(handle.value().contains("# From the test"));
    handle.destroy();
    tick().await;
    assert!(
        root.query_selector("textarea").unwrap().is_none(),
        "destroy unmounts"
    );
    root.remove();
}

/// The preview's patcher, against a model: random splices (small edits, and
/// runs of blocks big enough to make and split chunks) must leave the DOM's
/// blocks equal to the model's, in chunks the patcher counts right.
#[wasm_bindgen_test]
fn the_preview_patcher_keeps_blocks_in_order_across_chunks() {
    use postwright::markdown::Splice;
    use postwright::ui::BlockPatcher;

    let document = web_sys::window().unwrap().document().unwrap();
    let container = document.create_element("div").unwrap();
    let mut blocks: Vec<String> = (0..100).map(|i| format!("<p>{i}</p>")).collect();
    let mut patcher = BlockPatcher::default();
    patcher.apply(Some(container.clone()), blocks.iter().map(String::as_str));
    let mut seed = 11u64;
    let mut below = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut fresh = 1000;
    let mut splits = 0;
    for step in 0..400 {
        let at = below(blocks.len() + 1);
        let removed = [0, 1, 2, below(100)][below(4)].min(blocks.len() - at);
        let count = [0, 1, 1, 3, below(150)][below(5)];
        let inserted: Vec<String> = (fresh..fresh + count)
            .map(|i| format!("<p>{i}</p>"))
            .collect();
        fresh += count;
        let chunks_before = patcher.chunk_sizes().len();
        blocks.splice(at..at + removed, inserted.iter().cloned());
        patcher.push(Splice {
            at,
            removed,
            inserted,
        });
        patcher.apply(Some(container.clone()), blocks.iter().map(String::as_str));
        if patcher.chunk_sizes().len() > chunks_before + 1 && count > 0 {
            splits += 1;
        }

        let chunks = container.children();
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        for c in 0..chunks.length() {
            let chunk = chunks.item(c).unwrap();
            assert_eq!(chunk.class_name(), "pw-chunk");
            sizes.push(chunk.child_element_count() as usize);
            let inner = chunk.children();
            for b in 0..inner.length() {
                seen.push(inner.item(b).unwrap().inner_html());
            }
        }
        assert_eq!(seen, blocks, "step {step}");
        assert_eq!(sizes, patcher.chunk_sizes(), "step {step}");
    }
    assert!(splits > 10, "only {splits} splices made new chunks");
}
