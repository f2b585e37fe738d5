//! The Yew user interface. Data flows one way: an edit becomes a [`Msg`],
//! [`Editor::update`] applies it to the post (through the core's minimal
//! edits), refreshes what is derived from the post, and the view shows it.

mod form;
mod preview;
mod tags;
mod toolbar;

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::browser::{files, textarea};
use crate::editing::Action;
use crate::export::{self, NameParts, Preset};
use crate::markdown::{self, RenderOptions, Stats};
use crate::post::{Field, Post, Value};
use crate::schema::Schema;
use crate::validate::{self, Diagnostic, Fix, Severity};
use form::{problem_line, FrontMatterForm};
use preview::{Preview, PreviewBlock};
use toolbar::Toolbar;

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
    /// The Markdown textarea changed (typing, toolbar, paste, undo).
    BodyInput(String),
    /// The `Raw front matter` textarea changed.
    RawInput(String),
    SetField(String, Value),
    RemoveField(String),
    AddField(String),
    ApplyFix(Fix),
    /// A toolbar button: performed on the textarea, which then reports `BodyInput`.
    Command(Action),
    /// A committed edit (a text box lost focus after a change): the host's `change` event.
    Committed,
    /// The host replaced the whole value.
    SetValue(String),
    SetOption(String, Option<String>),
    Import(Vec<web_sys::File>),
    Imported(Vec<(String, Result<Post, String>)>),
    Export,
    Copy,
    Copied(Result<(), String>),
    SetPreset(Preset),
    DismissAlert(u32),
    ToggleTheme,
    ToggleForm,
    /// The editor scrolled: keep the preview at the same relative place.
    SyncScroll,
}

#[derive(Clone, PartialEq)]
pub struct Alert {
    pub id: u32,
    pub severity: Severity,
    pub text: String,
}

pub struct Editor {
    post: Post,
    config: EditorConfig,
    schema: Rc<Schema>,
    preset: Preset,
    /// Derived from the post's front matter: the last fields that parsed.
    fields: Rc<Vec<Field>>,
    /// The front matter does not parse right now (its error is in `diagnostics`).
    broken: bool,
    diagnostics: Rc<Vec<Diagnostic>>,
    /// Derived from the post's body.
    blocks: Rc<Vec<PreviewBlock>>,
    stats: Stats,
    alerts: Vec<Alert>,
    next_alert: u32,
    dark: Option<bool>,
    form_open: bool,
    markdown_ref: NodeRef,
    preview_ref: NodeRef,
}

impl Editor {
    fn render_options(&self) -> RenderOptions {
        RenderOptions { base_url: self.config.base_url.clone(), ..RenderOptions::default() }
    }

    /// The body changed: re-render the preview blocks and the counts.
    fn refresh_body(&mut self) {
        let opts = self.render_options();
        let blocks = markdown::render_blocks(self.post.body(), &opts);
        self.blocks = Rc::new(blocks.into_iter().map(PreviewBlock::from).collect());
        self.stats = markdown::stats(self.post.body());
    }

    /// The front matter changed: re-read the fields and validate.
    fn refresh_front_matter(&mut self) {
        match self.post.fields() {
            Ok(fields) => {
                self.fields = Rc::new(fields);
                self.broken = false;
            }
            Err(_) => self.broken = true,
        }
        self.diagnostics = Rc::new(validate::validate(&self.post, &self.schema));
    }

    fn refresh_all(&mut self) {
        self.refresh_front_matter();
        self.refresh_body();
    }

    /// Tells the host the value changed (its `input` event).
    fn publish(&self, ctx: &Context<Self>) {
        let host = &ctx.props().host;
        *host.value.borrow_mut() = self.post.to_text();
        (host.on_input)();
    }

    fn alert(&mut self, severity: Severity, text: impl Into<String>) {
        self.next_alert += 1;
        self.alerts.push(Alert { id: self.next_alert, severity, text: text.into() });
        // Keep the list short: the oldest go first.
        if self.alerts.len() > 4 {
            self.alerts.remove(0);
        }
    }

    fn title(&self) -> Option<String> {
        self.post.title().filter(|t| !t.trim().is_empty())
    }

    fn name_parts(&self) -> (Option<String>, Option<String>, Option<String>) {
        let text = |key: &str| match self.post.get(key) {
            Some(Value::String(s)) | Some(Value::Number(s)) => Some(s),
            _ => None,
        };
        (self.title(), text("slug"), text("date"))
    }

    fn export_name(&self) -> String {
        let (title, slug, date) = self.name_parts();
        let parts = NameParts { title: title.as_deref(), slug: slug.as_deref(), date: date.as_deref() };
        export::download_name(self.preset, parts, &files::today())
    }

    fn textarea(&self) -> Option<HtmlTextAreaElement> {
        self.markdown_ref.cast::<HtmlTextAreaElement>()
    }

    /// Text from a textarea uses LF; a CRLF post keeps CRLF (no whole-file diff).
    fn with_post_newlines(&self, text: String, original: &str) -> String {
        if original.contains("\r\n") && !text.contains("\r\n") {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    }

    fn load_schema(config: &EditorConfig) -> (Rc<Schema>, Option<String>) {
        match config.schema.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => (Rc::new(Schema::blog()), None),
            Some(text) => {
                let parsed = if text.starts_with('{') || text.starts_with('[') {
                    Schema::from_json(text)
                } else {
                    Schema::from_yaml(text)
                };
                match parsed {
                    Ok(schema) => (Rc::new(schema), None),
                    Err(e) => (Rc::new(Schema::blog()), Some(format!("The field schema could not be read ({e}); using the built-in blog schema."))),
                }
            }
        }
    }
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let config = (*ctx.props().config).clone();
        let (schema, schema_error) = Editor::load_schema(&config);
        let preset = config.preset.as_deref().and_then(Preset::from_id).unwrap_or(Preset::Hugo);
        let dark = match config.theme.as_deref() {
            Some("dark") => Some(true),
            Some("light") => Some(false),
            _ => None,
        };
        let mut editor = Editor {
            post: Post::parse(&ctx.props().initial),
            config,
            schema,
            preset,
            fields: Rc::default(),
            broken: false,
            diagnostics: Rc::default(),
            blocks: Rc::default(),
            stats: Stats::default(),
            alerts: Vec::new(),
            next_alert: 0,
            dark,
            form_open: true,
            markdown_ref: NodeRef::default(),
            preview_ref: NodeRef::default(),
        };
        if let Some(e) = schema_error {
            editor.alert(Severity::Warning, e);
        }
        editor.refresh_all();
        editor
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::BodyInput(text) => {
                let text = self.with_post_newlines(text, self.post.body());
                if text == self.post.body() {
                    return false;
                }
                self.post.set_body(&text);
                self.refresh_body();
                self.publish(ctx);
            }
            Msg::RawInput(text) => {
                let text = self.with_post_newlines(text, self.post.front_matter());
                self.post.set_front_matter(&text);
                self.refresh_front_matter();
                self.publish(ctx);
            }
            Msg::SetField(key, value) => {
                if let Err(e) = self.post.set(&key, &value, &self.schema) {
                    self.alert(Severity::Error, format!("Could not set {key}: {e}"));
                } else {
                    self.refresh_front_matter();
                    self.publish(ctx);
                }
            }
            Msg::RemoveField(key) => {
                if let Err(e) = self.post.remove(&key) {
                    self.alert(Severity::Error, format!("Could not remove {key}: {e}"));
                } else {
                    self.refresh_front_matter();
                    self.publish(ctx);
                    (ctx.props().host.on_change)();
                }
            }
            Msg::AddField(key) => {
                let value = match self.schema.field(&key).map(|d| &d.ty) {
                    Some(crate::schema::FieldType::Bool) => Value::Bool(false),
                    Some(crate::schema::FieldType::StringList | crate::schema::FieldType::ImageList) => Value::List(vec![]),
                    Some(crate::schema::FieldType::Date) => Value::String(files::today()),
                    _ => Value::String(String::new()),
                };
                ctx.link().send_message(Msg::SetField(key, value));
                return false;
            }
            Msg::ApplyFix(fix) => {
                let result = match &fix {
                    Fix::RenameKey { from, to } => self.post.rename(from, to),
                    Fix::SetValue { key, value } => self.post.set(key, value, &self.schema),
                };
                if let Err(e) = result {
                    self.alert(Severity::Error, format!("Could not apply the fix: {e}"));
                } else {
                    self.refresh_front_matter();
                    self.publish(ctx);
                    (ctx.props().host.on_change)();
                }
            }
            Msg::Command(action) => {
                if let Some(area) = self.textarea() {
                    textarea::apply(&area, action);
                }
                return false;
            }
            Msg::Committed => {
                (ctx.props().host.on_change)();
                return false;
            }
            Msg::SetValue(text) => {
                self.post = Post::parse(&text);
                self.refresh_all();
            }
            Msg::SetOption(name, value) => {
                self.config.set(&name, value);
                match name.as_str() {
                    "schema" => {
                        let (schema, error) = Editor::load_schema(&self.config);
                        self.schema = schema;
                        if let Some(e) = error {
                            self.alert(Severity::Warning, e);
                        }
                        self.refresh_front_matter();
                    }
                    "preset" => {
                        if let Some(p) = self.config.preset.as_deref().and_then(Preset::from_id) {
                            self.preset = p;
                        }
                    }
                    "theme" => {
                        self.dark = match self.config.theme.as_deref() {
                            Some("dark") => Some(true),
                            Some("light") => Some(false),
                            _ => None,
                        }
                    }
                    "baseUrl" | "base-url" => self.refresh_body(),
                    _ => {}
                }
            }
            Msg::Import(list) => {
                let link = ctx.link().clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut out = Vec::new();
                    for file in list {
                        let name = file.name();
                        let post = files::read_bytes(&file).await.and_then(|bytes| {
                            Post::from_bytes(&bytes).map_err(|e| e.to_string())
                        });
                        out.push((name, post));
                    }
                    link.send_message(Msg::Imported(out));
                });
                return false;
            }
            Msg::Imported(results) => {
                let mut opened = false;
                for (name, result) in results {
                    match result {
                        Ok(post) if !opened => {
                            self.post = post;
                            self.refresh_all();
                            self.publish(ctx);
                            opened = true;
                            self.alert(Severity::Info, format!("Imported {name}."));
                        }
                        Ok(_) => self.alert(Severity::Info, format!("{name}: only one file at a time here; import it on its own.")),
                        Err(e) => self.alert(Severity::Error, format!("{name} was not imported: {e}. Nothing was replaced.")),
                    }
                }
            }
            Msg::Export => {
                let name = self.export_name();
                if let Err(e) = files::download(&name, self.post.to_text().as_bytes(), "text/markdown") {
                    self.alert(Severity::Error, format!("Export failed: {e}"));
                }
                return true;
            }
            Msg::Copy => {
                let text = self.post.to_text();
                let link = ctx.link().clone();
                wasm_bindgen_futures::spawn_local(async move {
                    link.send_message(Msg::Copied(files::copy_text(&text).await));
                });
                return false;
            }
            Msg::Copied(result) => match result {
                Ok(()) => self.alert(Severity::Info, "Copied the post to the clipboard."),
                Err(e) => self.alert(Severity::Error, format!("Could not copy to the clipboard: {e}")),
            },
            Msg::SetPreset(preset) => self.preset = preset,
            Msg::DismissAlert(id) => self.alerts.retain(|a| a.id != id),
            Msg::ToggleTheme => {
                let dark_now = self.dark.unwrap_or_else(prefers_dark);
                self.dark = Some(!dark_now);
            }
            Msg::ToggleForm => self.form_open = !self.form_open,
            Msg::SyncScroll => {
                if let (Some(area), Some(preview)) = (self.textarea(), self.preview_ref.cast::<HtmlElement>()) {
                    let range = (area.scroll_height() - area.client_height()).max(1) as f64;
                    let ratio = area.scroll_top() as f64 / range;
                    let target = (preview.scroll_height() - preview.client_height()).max(0) as f64;
                    preview.set_scroll_top((ratio * target).round() as i32);
                }
                return false;
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let theme = match self.dark {
            Some(true) => "pw-theme-dark",
            Some(false) => "pw-theme-light",
            None => "pw-theme-auto",
        };
        let dark_now = self.dark.unwrap_or_else(prefers_dark);
        let oninput = link.callback(|e: InputEvent| Msg::BodyInput(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        let onkeydown = Callback::from(|e: KeyboardEvent| {
            let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() else { return };
            if let Some(action) = key_action(&e) {
                if textarea::apply(&area, action) {
                    e.prevent_default();
                }
            }
        });
        let onchange = link.callback(|_: Event| Msg::Committed);
        let onscroll = link.callback(|_: Event| Msg::SyncScroll);
        let raw_input = link.callback(|e: InputEvent| Msg::RawInput(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        let ondrop = link.batch_callback(|e: DragEvent| {
            e.prevent_default();
            let files = e.data_transfer().and_then(|d| d.files()).map(file_list).unwrap_or_default();
            (!files.is_empty()).then_some(Msg::Import(files))
        });
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let title = self.title().map(AttrValue::from);
        let problems: Vec<&Diagnostic> =
            self.diagnostics.iter().filter(|d| matches!(d.severity, Severity::Error | Severity::Warning)).collect();
        let on_fix = link.callback(Msg::ApplyFix);

        html! {
            <div class={classes!("pw-editor", theme)} {ondrop} {ondragover}>
                <header class="pw-bar">
                    <span class="pw-brand">{"Postwright"}</span>
                    <FileButtons on_import={link.callback(Msg::Import)} />
                    <button type="button" onclick={link.callback(|_| Msg::Export)} title={format!("Download {}", self.export_name())}>{"Export"}</button>
                    <button type="button" onclick={link.callback(|_| Msg::Copy)}>{"Copy"}</button>
                    <label class="pw-preset">{"Generator "}
                        <select onchange={link.batch_callback(|e: Event| {
                            Preset::from_id(&e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()).map(Msg::SetPreset)
                        })}>
                            { for Preset::ALL.iter().map(|p| html! { <option value={p.id()} selected={*p == self.preset}>{ p.label() }</option> }) }
                        </select>
                    </label>
                    <span class="pw-spacer"></span>
                    <button type="button" aria-pressed={dark_now.to_string()} onclick={link.callback(|_| Msg::ToggleTheme)}>{"Dark theme"}</button>
                </header>

                <div class="pw-alerts">
                    if !problems.is_empty() {
                        <div class="pw-alert pw-alert-problems" role="alert">
                            { for problems.iter().map(|d| problem_line(d, &on_fix)) }
                        </div>
                    }
                    { for self.alerts.iter().map(|a| {
                        let id = a.id;
                        let role = if a.severity == Severity::Info { "status" } else { "alert" };
                        html! {
                            <div class={classes!("pw-alert", severity_class(a.severity))} role={role} key={a.id}>
                                <span>{ &a.text }</span>
                                <button type="button" class="pw-icon-button" aria-label="Dismiss" onclick={link.callback(move |_| Msg::DismissAlert(id))}>{"×"}</button>
                            </div>
                        }
                    }) }
                </div>

                <div class="pw-meta">
                    <button type="button" class="pw-disclosure" aria-expanded={self.form_open.to_string()} aria-controls="pw-form-body"
                        onclick={link.callback(|_| Msg::ToggleForm)}>{ if self.form_open { "Hide front matter" } else { "Show front matter" } }</button>
                    <div id="pw-form-body" hidden={!self.form_open}>
                        <FrontMatterForm fields={self.fields.clone()} schema={self.schema.clone()} diagnostics={self.diagnostics.clone()}
                            broken={self.broken} readonly={self.config.readonly || self.config.disabled}
                            base_url={self.config.base_url.clone().map(AttrValue::from)}
                            on_set={link.callback(|(k, v)| Msg::SetField(k, v))}
                            on_remove={link.callback(Msg::RemoveField)}
                            on_add={link.callback(Msg::AddField)}
                            on_fix={on_fix.clone()} />
                        <div class="pw-raw">
                            <label for="pw-raw-front-matter" class="pw-label">{"Raw front matter"}</label>
                            <textarea id="pw-raw-front-matter" class="pw-input pw-mono" rows="6" spellcheck="false"
                                value={self.post.front_matter().to_string()} oninput={raw_input} onchange={onchange.clone()}
                                readonly={self.config.readonly} disabled={self.config.disabled} />
                        </div>
                    </div>
                </div>

                <div class="pw-panes">
                    <div class="pw-pane pw-source">
                        <Toolbar on_action={link.callback(Msg::Command)} disabled={self.config.readonly || self.config.disabled} />
                        <label for="pw-markdown" class="pw-label">{"Markdown"}</label>
                        <textarea id="pw-markdown" class="pw-markdown" ref={self.markdown_ref.clone()}
                            value={self.post.body().to_string()} {oninput} {onkeydown} {onchange} {onscroll}
                            readonly={self.config.readonly} disabled={self.config.disabled} spellcheck="true" />
                        <div class="pw-status">
                            { format!("{} words · {} min read", self.stats.words, self.stats.reading_minutes) }
                        </div>
                    </div>
                    <Preview blocks={self.blocks.clone()} {title} node_ref={self.preview_ref.clone()} />
                </div>
            </div>
        }
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "pw-alert-error",
        Severity::Warning => "pw-alert-warning",
        Severity::Info => "pw-alert-info",
    }
}

/// The editing command a key press asks for, if any.
fn key_action(e: &KeyboardEvent) -> Option<Action> {
    if e.is_composing() || e.alt_key() {
        return None;
    }
    let modifier = e.ctrl_key() || e.meta_key();
    match e.key().as_str() {
        "b" | "B" if modifier => Some(Action::Bold),
        "i" | "I" if modifier => Some(Action::Italic),
        "k" | "K" if modifier => Some(Action::Link),
        "Tab" if !modifier => Some(if e.shift_key() { Action::Outdent } else { Action::Indent }),
        "Enter" if !modifier && !e.shift_key() => Some(Action::Newline),
        _ => None,
    }
}

fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[derive(Properties, PartialEq)]
struct FileButtonsProps {
    on_import: Callback<Vec<web_sys::File>>,
}

/// `Import`: a button that opens the file chooser (several files at once).
#[function_component(FileButtons)]
fn file_buttons(props: &FileButtonsProps) -> Html {
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
