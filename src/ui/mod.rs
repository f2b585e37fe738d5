//! The Yew user interface. Data flows one way: an edit becomes a message,
//! the message updates the post, the view is derived from the post.

use crate::markdown;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

pub enum Msg {
    BodyInput(String),
}

pub struct App {
    body: String,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        App { body: String::from("# Hello\n\nStart writing.\n") }
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::BodyInput(text) => self.body = text,
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let oninput = ctx.link().callback(|e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            Msg::BodyInput(area.value())
        });
        let preview = Html::from_html_unchecked(AttrValue::from(markdown::render_html(&self.body)));
        html! {
            <main class="pw-editor">
                <label for="pw-markdown" class="pw-label">{"Markdown"}</label>
                <textarea id="pw-markdown" class="pw-markdown" value={self.body.clone()} {oninput} spellcheck="true" />
                <section class="pw-preview" role="region" aria-label="Preview">{preview}</section>
            </main>
        }
    }
}
