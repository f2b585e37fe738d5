//! The wasm binary that trunk builds. It starts nothing by itself: pages load
//! `widget/postwright.js`, which calls the exported `mount` (see
//! `ui::widget`) for each `<postwright-editor>` element, so the full app
//! and an embedded widget are the same editor.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!(
            "postwright-app is the browser editor: build it with `make dist` or run `make serve`."
        );
        std::process::exit(2);
    }
}

// Keep the widget's exports linked into this binary.
#[cfg(target_arch = "wasm32")]
pub use postwright::ui::widget::mount;
