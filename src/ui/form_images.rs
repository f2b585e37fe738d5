//! The form's image fields: a thumbnail of the picture a field names (the
//! browser's own copy first, else through the base URL), and the drop
//! target and picker that put a picture in (out of `form`).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::form::{field_id, FormProps};

pub(super) fn thumbnail(props: &FormProps, path: &str) -> Html {
    let local = props.local_images.url_for(path).map(str::to_string);
    match local.or_else(|| crate::markdown::image_src(path, props.base_url.as_deref())) {
        Some(src) => html! {
            // Hidden while its path does not resolve; shown again once one does
            // (the element stays as the path is edited).
            <img class="pw-thumb" src={src} alt="" loading="lazy" referrerpolicy="no-referrer"
                onerror={Callback::from(|e: Event| {
                    if let Some(img) = e.target_dyn_into::<web_sys::HtmlElement>() { img.set_hidden(true); }
                })}
                onload={Callback::from(|e: Event| {
                    if let Some(img) = e.target_dyn_into::<web_sys::HtmlElement>() { img.set_hidden(false); }
                })} />
        },
        None => html! {},
    }
}

/// An image field that takes a picture dropped on it, or chosen with its
/// `Choose picture for …` button (several for an image list), the same way
/// the Markdown does.
pub(super) fn picture_drop(
    props: &FormProps,
    id: &str,
    label: &str,
    several: bool,
    inner: Html,
) -> Html {
    let key = props
        .fields
        .iter()
        .find(|f| field_id(&f.key) == id)
        .map_or_else(String::new, |f| f.key.clone());
    let emit = {
        let (cb, key) = (props.on_pick_image.clone(), key.clone());
        move |files: Vec<web_sys::File>| {
            if !files.is_empty() {
                cb.emit((key.clone(), files));
            }
        }
    };
    let ondrop = {
        let emit = emit.clone();
        Callback::from(move |e: DragEvent| {
            let files = e
                .data_transfer()
                .and_then(|d| d.files())
                .map(super::file_buttons::file_list)
                .unwrap_or_default();
            if !files.is_empty() {
                // Into this field, not into the Markdown.
                e.prevent_default();
                e.stop_propagation();
                emit(files);
            }
        })
    };
    let picker = NodeRef::default();
    let open = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let files = input
            .files()
            .map(super::file_buttons::file_list)
            .unwrap_or_default();
        input.set_value("");
        emit(files);
    });
    html! {
        <div class="pw-image-field" {ondrop}>
            { inner }
            if !props.readonly && !key.is_empty() {
                <button type="button" class="pw-choose-picture" aria-label={format!("Choose picture for {label}")} onclick={open}>{"Choose…"}</button>
                <input ref={picker} type="file" class="pw-hidden" tabindex="-1" aria-hidden="true" multiple={several}
                    accept="image/png,image/jpeg,image/gif,image/webp,image/avif,image/svg+xml" {onchange} />
            }
        </div>
    }
}
