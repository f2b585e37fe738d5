//! A list of strings as chips (tags, categories, image paths): Enter or comma
//! adds, Backspace in the empty box removes the last, duplicates are refused.

use std::rc::Rc;

use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    /// The id of the text box (its `<label for>` gives the accessible name).
    pub id: String,
    pub label: String,
    pub items: Rc<Vec<String>>,
    pub on_change: Callback<Vec<String>>,
    #[prop_or_default]
    pub readonly: bool,
    #[prop_or_default]
    pub described_by: Option<AttrValue>,
}

#[function_component(ListInput)]
pub fn list_input(props: &ListProps) -> Html {
    let refused = use_state(|| None::<String>);
    let input = use_node_ref();

    // Adds the comma-separated parts of `text` in one change (one change per
    // part would each start from the same old list, and only the last would
    // stay). Returns what stays in the box: the parts refused as duplicates.
    let add = {
        let items = props.items.clone();
        let on_change = props.on_change.clone();
        let refused = refused.clone();
        move |text: &str| -> String {
            // Leaving an empty box changes nothing: clearing the message
            // then would move what is below it under the pointer mid-click.
            if text.trim().is_empty() {
                return String::new();
            }
            let mut next = (*items).clone();
            let mut dupes: Vec<&str> = Vec::new();
            for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                if next.iter().any(|t| t == tag) {
                    dupes.push(tag);
                } else {
                    next.push(tag.to_string());
                }
            }
            if next.len() != items.len() {
                on_change.emit(next);
            }
            refused.set(
                dupes
                    .first()
                    .map(|tag| format!("“{tag}” is already in the list")),
            );
            dupes.join(", ")
        }
    };
    let onkeydown = {
        let add = add.clone();
        let items = props.items.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: KeyboardEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            match e.key().as_str() {
                "Enter" | "," => {
                    e.prevent_default();
                    el.set_value(&add(&el.value()));
                }
                "Backspace" if el.value().is_empty() && !items.is_empty() => {
                    e.prevent_default();
                    let mut next = (*items).clone();
                    next.pop();
                    on_change.emit(next);
                }
                _ => {}
            }
        })
    };
    // Pasting or typing "a, b" adds the complete parts.
    let oninput = {
        let add = add.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            let value = el.value();
            if let Some((done, rest)) = value.rsplit_once(',') {
                let kept = add(done);
                let rest = rest.trim_start();
                el.set_value(&if kept.is_empty() {
                    rest.to_string()
                } else {
                    format!("{kept}, {rest}")
                });
            }
        })
    };
    // Leaving the box keeps what was typed.
    let onblur = Callback::from(move |e: FocusEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        el.set_value(&add(&el.value()));
    });
    let status_id = format!("{}-status", props.id);
    html! {
        <div class="pw-chips">
            <ul class="pw-chip-list" aria-label={props.label.clone()}>
                { for props.items.iter().enumerate().map(|(i, item)| {
                    let items = props.items.clone();
                    let on_change = props.on_change.clone();
                    let input = input.clone();
                    let remove = Callback::from(move |_| {
                        let mut next = (*items).clone();
                        next.remove(i);
                        on_change.emit(next);
                        // The button goes away with its chip: keep the
                        // keyboard in the list's box, not on the page.
                        if let Some(el) = input.cast::<HtmlInputElement>() {
                            let _ = el.focus();
                        }
                    });
                    html! {
                        <li class="pw-chip" key={item.clone()}>
                            <span>{ item }</span>
                            if !props.readonly {
                                <button type="button" class="pw-chip-remove" aria-label={format!("Remove {item}")} onclick={remove}>{"×"}</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if !props.readonly {
                <input ref={input} id={props.id.clone()} class="pw-input pw-chip-input" type="text"
                    placeholder="Add…" {onkeydown} {oninput} {onblur}
                    aria-describedby={props.described_by.clone().unwrap_or_else(|| status_id.clone().into())} />
            }
            <span class="pw-chip-status" id={status_id} role="status">{ (*refused).clone().unwrap_or_default() }</span>
        </div>
    }
}
