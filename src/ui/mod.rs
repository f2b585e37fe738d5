//! The Yew user interface. Data flows one way: an edit becomes a [`Msg`],
//! the message updates the post, the view is derived from the post.

use std::cell::RefCell;
use std::rc::Rc;

use crate::markdown;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Options a host sets (attributes of `<postwright-editor>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditorConfig {
    pub schema: Option<String>,
    pub preset: Option<String>,
    pub base_url: Option<String>,
    pub theme: Option<String>,
    /// Namespace for autosaved drafts; `None`: the host owns persistence, nothing is stored.
    pub storage_key: Option<String>,
    pub readonly: bool,
    pub disabled: bool,
}

impl EditorConfig {
    /// Sets an option by its JS name (`baseUrl`, …); unknown names are ignored.
    pub fn set(&mut self, name: &str, value: Option<String>) {
        let flag = |v: &Option<String>| v.as_deref().is_some_and(|s| s != "false");
        match name {
            "schema" => self.schema = value,
            "preset" => self.preset = value,
            "baseUrl" | "base-url" => self.base_url = value,
            "theme" => self.theme = value,
            "storageKey" | "storage-key" => self.storage_key = value,
            "readonly" => self.readonly = flag(&value),
            "disabled" => self.disabled = flag(&value),
            _ => {}
        }
    }
}

/// How the editor talks back to its host: the current value and event callbacks.
pub struct HostLink {
    pub value: RefCell<String>,
    pub on_input: Box<dyn Fn()>,
    pub on_change: Box<dyn Fn()>,
    pub on_status: Box<dyn Fn(&str)>,
}

#[derive(Properties, Clone)]
pub struct EditorProps {
    pub initial: Rc<str>,
    pub config: Rc<EditorConfig>,
    pub host: Rc<HostLink>,
}

impl PartialEq for EditorProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && Rc::ptr_eq(&self.host, &other.host)
    }
}

pub enum Msg {
    BodyInput(String),
    /// The host replaced the whole value.
    SetValue(String),
    SetOption(String, Option<String>),
}

pub struct Editor {
    body: String,
    config: EditorConfig,
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        Editor { body: ctx.props().initial.to_string(), config: (*ctx.props().config).clone() }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let host = &ctx.props().host;
        match msg {
            Msg::BodyInput(text) => {
                self.body = text;
                *host.value.borrow_mut() = self.body.clone();
                (host.on_input)();
            }
            Msg::SetValue(text) => self.body = text,
            Msg::SetOption(name, value) => self.config.set(&name, value),
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
            <div class="pw-editor">
                <div class="pw-pane">
                    <label for="pw-markdown" class="pw-label">{"Markdown"}</label>
                    <textarea id="pw-markdown" class="pw-markdown" value={self.body.clone()} {oninput}
                        readonly={self.config.readonly} disabled={self.config.disabled} spellcheck="true" />
                </div>
                <section class="pw-pane pw-preview" role="region" aria-label="Preview">{preview}</section>
            </div>
        }
    }
}
