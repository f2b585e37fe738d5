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
    let mut handle = postwright::browser::widget::mount(
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
