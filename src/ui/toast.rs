//! One notice in the toast region. An information notice without an action
//! goes away by itself after a while, but not while the pointer or the
//! keyboard is on it (someone reading it, or about to press its button).

use gloo_timers::callback::Interval;
use web_sys::Element;
use yew::prelude::*;

/// How long an information notice stays, in seconds of nobody using it.
const INFO_SECONDS: u32 = 10;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub id: u32,
    /// Whether it leaves by itself (an information notice without an action).
    pub transient: bool,
    pub class: Classes,
    pub role: AttrValue,
    pub on_dismiss: Callback<u32>,
    pub children: Html,
}

#[function_component(Notice)]
pub fn notice(props: &NoticeProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let dismiss = props.on_dismiss.reform({
            let id = props.id;
            move |_: ()| id
        });
        use_effect_with((props.id, props.transient), move |&(_, transient)| {
            let timer = transient.then(|| {
                let mut idle = 0;
                Interval::new(1000, move || {
                    let in_use = node
                        .cast::<Element>()
                        .is_some_and(|el| el.matches(":hover, :focus-within").unwrap_or(false));
                    idle = if in_use { 0 } else { idle + 1 };
                    if idle == INFO_SECONDS {
                        dismiss.emit(());
                    }
                })
            });
            move || drop(timer)
        });
    }
    html! {
        <div ref={node} class={props.class.clone()} role={props.role.clone()}>
            { props.children.clone() }
        </div>
    }
}
