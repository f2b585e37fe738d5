//! `Import`: the button that opens the file chooser, and the files a
//! chooser or a drop gives.

use yew::prelude::*;

/// The files a chooser or a drop gives, as a list.
pub fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[derive(Properties, PartialEq)]
pub struct FileButtonsProps {
    pub on_import: Callback<Vec<web_sys::File>>,
}

/// `Import`: a button that opens the file chooser (several files at once).
#[function_component(FileButtons)]
pub fn file_buttons(props: &FileButtonsProps) -> Html {
    let input = use_node_ref();
    let open = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                el.click();
            }
        })
    };
    let onchange = {
        let cb = props.on_import.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            let files = el.files().map(file_list).unwrap_or_default();
            el.set_value("");
            if !files.is_empty() {
                cb.emit(files);
            }
        })
    };
    html! {
        <>
            <button type="button" onclick={open}>{"Import"}</button>
            <input ref={input} type="file" class="pw-hidden" tabindex="-1" aria-hidden="true" multiple=true
                accept=".md,.markdown,.mdx,text/markdown,text/plain" {onchange} />
        </>
    }
}
