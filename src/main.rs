//! The editor's entry point (wasm32, built by trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<postwright::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("postwright-app is the browser editor: build it with `make dist` or run `make serve`.");
    std::process::exit(2);
}
