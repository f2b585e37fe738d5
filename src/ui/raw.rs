//! The `Raw front matter` box, behind its own disclosure (it repeats the
//! form, so it takes no room until asked for, or until the front matter is
//! broken and this box is where to fix it).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::post::{line_range_utf16, raw_box_text};

/// Why the front matter does not parse, at the box's own line and column.
#[derive(Clone, PartialEq)]
pub struct RawProblem {
    pub message: AttrValue,
    pub line: usize,
    pub column: usize,
}

#[derive(Properties, PartialEq)]
pub struct RawProps {
    pub front_matter: AttrValue,
    pub open: bool,
    /// The front matter does not parse: the box is shown whatever `open` says.
    pub broken: bool,
    /// Shown under the box (and nowhere else while the box shows).
    pub problem: Option<RawProblem>,
    pub readonly: bool,
    pub disabled: bool,
    pub on_toggle: Callback<()>,
    pub on_input: Callback<String>,
    pub on_change: Callback<()>,
}

#[function_component(RawFrontMatter)]
pub fn raw_front_matter(props: &RawProps) -> Html {
    // The box's last value as typed: shown while it stands for the post's
    // front matter (see `raw_box_text`), so the line break the post adds at
    // the end does not land before the caret.
    let typed: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    let oninput = {
        let typed = typed.clone();
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            *typed.borrow_mut() = Some(value.clone());
            cb.emit(value);
        })
    };
    let shown = raw_box_text(typed.borrow().as_deref(), &props.front_matter).to_string();
    let open = props.open || props.broken;
    let area = use_node_ref();
    // Always in the page (empty and hidden without a problem), so that the
    // box beside it is never made again, which would drop its focus.
    let line = props.problem.as_ref().map_or(1, |p| p.line);
    let go = {
        let area = area.clone();
        Callback::from(move |_: MouseEvent| {
            // The line the problem is on, selected: where to look and type.
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                let (start, end) = line_range_utf16(&a.value(), line);
                let _ = a.focus();
                let _ = a.set_selection_range(start as u32, end as u32);
            }
        })
    };
    let text = props.problem.as_ref().map(|p| {
        format!(
            "Raw front matter, line {}, column {}: {}",
            p.line, p.column, p.message
        )
    });
    let problem = html! {
        <div class="pw-raw-problem pw-error" id="pw-raw-problem" role="alert" hidden={text.is_none()}>
            <span>{ text.clone().unwrap_or_default() }</span>
            if text.is_some() {
                <button type="button" class="pw-fix" onclick={go}>{ format!("Go to line {line}") }</button>
            }
        </div>
    };
    let described = props.problem.is_some().then_some("pw-raw-problem");
    html! {
        <div class="pw-raw">
            <button type="button" class="pw-disclosure" aria-expanded={open.to_string()} aria-controls="pw-raw-body"
                disabled={props.broken} onclick={props.on_toggle.reform(|_| ())}>{"Raw front matter"}</button>
            <div id="pw-raw-body" hidden={!open}>
                <label for="pw-raw-front-matter" class="pw-visually-hidden">{"Raw front matter"}</label>
                <textarea id="pw-raw-front-matter" class="pw-input pw-mono" rows="6" spellcheck="false" ref={area}
                    value={shown} {oninput} onchange={props.on_change.reform(|_| ())} aria-describedby={described}
                    aria-invalid={props.problem.is_some().then_some("true")}
                    readonly={props.readonly} disabled={props.disabled} />
                { problem }
            </div>
        </div>
    }
}
