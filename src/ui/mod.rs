//! The Yew user interface. Data flows one way: an edit becomes a [`Msg`],
//! [`Editor::update`] applies it to the post (through the core's minimal
//! edits), refreshes what is derived from the post, and the view shows it.

mod drafts_panel;
mod focus;
mod form;
mod preview;
mod session;
mod tags;
mod toolbar;

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{HtmlElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::browser::{files, folder, textarea};
use crate::drafts::{Cursor, Draft, KeyValueStore};
use crate::editing::{self, Action};
use crate::export::{self, PostNames, Preset};
use crate::markdown::{self, RenderOptions, Stats};
use crate::post::{Field, Post, Value};
use crate::schema::Schema;
use crate::validate::{self, Diagnostic, Fix, Severity};
use drafts_panel::DraftsPanel;
use form::{problem_line, FrontMatterForm};
pub use preview::BlockPatcher;
use preview::Preview;
use session::{info_of, Session};
use toolbar::Toolbar;
use wasm_bindgen::JsCast;

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

/// How the Markdown textarea changed.
pub enum BodyChange {
    /// Typing or deleting: what was inserted (nothing for a deletion) now
    /// ends at `caret`, and the value is `len_after` UTF-16 units long. The
    /// edit is applied to the post's body without copying the whole value out
    /// of the page ([`crate::editing::apply_typed`]).
    Typed {
        inserted: String,
        len_after: usize,
        caret: usize,
    },
    /// Anything else (paste, undo, IME, drop): the whole value.
    Value(String),
}

pub enum Msg {
    /// The Markdown textarea changed (typing, toolbar, paste, undo).
    BodyInput(BodyChange),
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
    /// Every draft in one zip, filed per the generator preset.
    ExportAll,
    // --- a local blog checkout (File System Access API) ---
    OpenFolder,
    FolderOpened(Result<(String, Vec<folder::FolderPost>), String>),
    OpenFolderPost(usize),
    FolderPostRead(folder::FolderPost, Result<Vec<u8>, String>),
    SaveToFolder,
    SavedToFolder(Result<String, String>),
    Copy,
    Copied(Result<(), String>),
    SetPreset(Preset),
    DismissAlert(u32),
    ToggleTheme,
    ToggleForm,
    /// The editor scrolled: keep the preview at the same relative place.
    SyncScroll,
    /// Sync the scroll again once the preview's newly shown chunks are laid
    /// out (the pass number; see `Editor::sync_scroll`).
    SettleScroll(u8),
    /// A pause in typing a long post: the moment to check the body against
    /// the textarea (a whole read of it) and to show the word count.
    TypingPaused,
    /// Refresh a long post's preview (deferred from the keystroke).
    RenderPreview,
    /// The editor pane's share of the width, in percent (the resizable split).
    Split(f64),
    /// A whole post pasted into the Markdown box (front matter and all).
    PastePost(String),
    // --- drafts ---
    /// Autosave now (debounce timer, page hidden, Ctrl/Cmd+S).
    SaveNow,
    /// Save everything now, the page is going away (hidden or closed).
    SaveBeforeLeaving,
    /// Finish the last save (its revision and index) in a task of its own.
    FinishSave,
    /// Another tab changed local storage.
    StorageChanged(Option<String>),
    NewDraft,
    OpenDraft(String),
    DuplicateDraft(String),
    DeleteDraft(String),
    UndoDelete,
    SearchDrafts(String),
    RestoreRevision(u64),
    DownloadCorrupt(String),
    DiscardCorrupt(String),
    /// After another tab saved the same draft: keep ours (theirs stays a revision)…
    KeepMine,
    /// …or take theirs (ours is saved as a new draft).
    UseTheirs,
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
    /// Derived from the post's body: its rendered blocks, kept up to date
    /// edit by edit, and the splices not yet applied to the preview's DOM.
    preview: markdown::Incremental,
    patcher: BlockPatcher,
    blocks_ref: NodeRef,
    stats: Stats,
    /// Checking a long post's body against the textarea, and showing its
    /// word count, wait for a pause in typing.
    pause_task: Option<gloo_timers::callback::Timeout>,
    alerts: Vec<Alert>,
    next_alert: u32,
    dark: Option<bool>,
    form_open: bool,
    markdown_ref: NodeRef,
    preview_ref: NodeRef,
    /// Autosaved drafts, when the host gave a storage key.
    session: Option<Session>,
    /// Where to put the caret once the textarea exists (a restored draft).
    pending_cursor: Option<Cursor>,
    /// The id of an element to focus once the view is on the page: a field
    /// just added, or one a fix was applied to (its button has gone with the
    /// problem).
    pending_focus: Option<String>,
    /// The Markdown textarea is uncontrolled while typing (handing a long
    /// post's text back to the DOM on every keystroke costs milliseconds):
    /// its value is written only when the body is replaced from elsewhere,
    /// counted here, and `body_synced` says which replacement the DOM shows.
    body_epoch: u64,
    body_synced: u64,
    /// The textarea value's length in UTF-16 units, when known: typed edits
    /// are applied to the body only while it is.
    body_len16: Option<usize>,
    /// Typed edits were applied since the body was last compared with the
    /// textarea's value (done before saving and before any other action).
    body_unverified: bool,
    /// A long post's preview is rendered in a task of its own after the
    /// keystroke (so the typed character paints first), coalescing keystrokes
    /// that arrive meanwhile; this holds that task.
    preview_task: Option<gloo_timers::callback::Timeout>,
    /// The Markdown pane's share of the panes' width, in percent.
    split: f64,
    /// An opened local folder: its name and its posts.
    folder: Option<(String, Rc<Vec<folder::FolderPost>>)>,
    /// The folder file the open post came from, with the draft that holds it.
    folder_file: Option<(Option<String>, folder::FolderPost)>,
    panes_ref: NodeRef,
    handlers: Handlers,
    /// A pending pass of scroll sync, and the preview's height at the last one.
    scroll_task: Option<gloo_timers::callback::Timeout>,
    scroll_height: i32,
}

/// The callbacks handed to child components, made once. A callback made
/// in `view` is a new one each time and compares unequal, so the form, the
/// toolbar and the drafts panel rendered again on every render of the
/// editor: every word-count change while typing (the bench's p95 at 10 KB
/// went from 7.8–8.4 to 4.2–6.6 ms when they stopped).
struct Handlers {
    set_field: Callback<(String, Value)>,
    remove_field: Callback<String>,
    add_field: Callback<String>,
    fix: Callback<Fix>,
    command: Callback<Action>,
    import: Callback<Vec<web_sys::File>>,
    new_draft: Callback<()>,
    open_draft: Callback<String>,
    duplicate_draft: Callback<String>,
    delete_draft: Callback<String>,
    search_drafts: Callback<String>,
    restore_revision: Callback<u64>,
    download_corrupt: Callback<String>,
    discard_corrupt: Callback<String>,
}

impl Handlers {
    fn new(link: &yew::html::Scope<Editor>) -> Self {
        Handlers {
            set_field: link.callback(|(k, v)| Msg::SetField(k, v)),
            remove_field: link.callback(Msg::RemoveField),
            add_field: link.callback(Msg::AddField),
            fix: link.callback(Msg::ApplyFix),
            command: link.callback(Msg::Command),
            import: link.callback(Msg::Import),
            new_draft: link.callback(|_| Msg::NewDraft),
            open_draft: link.callback(Msg::OpenDraft),
            duplicate_draft: link.callback(Msg::DuplicateDraft),
            delete_draft: link.callback(Msg::DeleteDraft),
            search_drafts: link.callback(Msg::SearchDrafts),
            restore_revision: link.callback(Msg::RestoreRevision),
            download_corrupt: link.callback(Msg::DownloadCorrupt),
            discard_corrupt: link.callback(Msg::DiscardCorrupt),
        }
    }
}

/// Above this body size, a keystroke that needs the whole body rendered
/// again (a heading renamed, a footnote added) leaves that to a task of its
/// own, so the typed character paints first; keystrokes re-rendering only
/// their blocks (nearly all) are rendered at once at any size.
const DEFER_PREVIEW_BYTES: usize = 256 * 1024;

/// Above this body size a keystroke does only what it must, the preview's
/// blocks around it; the word count (a sum over blocks, but shown by
/// rendering the whole editor again) and checking the body against the
/// textarea (a whole read of it) wait for a pause in typing.
const LONG_POST_BYTES: usize = 64 * 1024;

/// The resizable split's range, in percent of the width for the editor.
const SPLIT_MIN: f64 = 20.0;
const SPLIT_MAX: f64 = 80.0;

impl Editor {
    /// A choice the user made (generator, theme, split, form shown), kept
    /// beside the drafts in local storage so the editor opens as they left
    /// it. None without a storage key.
    fn pref(&self, name: &str) -> Option<String> {
        let s = self.session.as_ref()?;
        let key = format!("{}:{name}", s.store.namespace());
        s.store.storage().get(&key).ok().flatten()
    }

    fn set_pref(&self, name: &str, value: &str) {
        if let Some(s) = &self.session {
            let key = format!("{}:{name}", s.store.namespace());
            // A preference that cannot be stored (full storage) is not worth
            // an alert: the drafts report storage trouble themselves.
            let _ = s.store.storage().set(&key, value);
        }
    }

    /// Sets the editor and preview columns through the CSSOM: a style
    /// attribute would need 'unsafe-inline' under a strict CSP.
    fn apply_split(&self) {
        if let Some(panes) = self.panes_ref.cast::<HtmlElement>() {
            let columns = format!(
                "minmax(0, {}fr) auto minmax(0, {}fr)",
                self.split,
                100.0 - self.split
            );
            let _ = panes
                .style()
                .set_property("grid-template-columns", &columns);
        }
    }

    /// The generator files exports and sets the preview's typography.
    fn use_preset(&mut self, preset: Preset) {
        self.preset = preset;
        self.refresh_body();
    }

    fn render_options(&self) -> RenderOptions {
        RenderOptions {
            base_url: self.config.base_url.clone(),
            smart_punctuation: markdown::smart_punctuation_by_default(self.preset),
        }
    }

    /// The body (or the render options) changed: bring the preview blocks
    /// and the counts up to date.
    fn refresh_body(&mut self) {
        let splice = self.preview.set_options(self.render_options());
        self.patcher.push(splice);
        let splice = self.preview.update(self.post.body());
        self.patcher.push(splice);
        self.stats = self.preview.stats();
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

    /// Tells the host the value changed (its `input` event) and schedules the autosave.
    fn publish(&mut self, ctx: &Context<Self>) {
        let host = &ctx.props().host;
        *host.value.borrow_mut() = self.post.to_text();
        (host.on_input)();
        if let Some(session) = &mut self.session {
            session.touch(ctx.link());
        }
    }

    /// Shows `text` as the current post (a draft opened, the host's value).
    fn show(&mut self, ctx: &Context<Self>, text: &str, cursor: Option<Cursor>) {
        self.post = Post::parse(text);
        self.pending_cursor = cursor;
        self.body_epoch += 1;
        self.refresh_all();
        *ctx.props().host.value.borrow_mut() = self.post.to_text();
    }

    fn cursor(&self) -> Cursor {
        self.textarea()
            .map(|a| Cursor {
                start: a.selection_start().ok().flatten().unwrap_or(0) as usize,
                end: a.selection_end().ok().flatten().unwrap_or(0) as usize,
            })
            .unwrap_or_default()
    }

    /// Saves pending edits now; a failure is shown and the text stays in memory.
    fn save_now(&mut self) {
        let cursor = self.cursor();
        let Some(session) = &mut self.session else {
            return;
        };
        if let Err(e) = session.save(&self.post, cursor) {
            self.alert(Severity::Error, e.to_string());
        }
    }

    /// Saves pending edits and what that save leaves for later, now: the
    /// page or the editor is going away.
    fn save_all(&mut self) {
        self.save_now();
        if let Some(session) = &mut self.session {
            session.finish_save();
        }
    }

    fn open_draft(&mut self, ctx: &Context<Self>, draft: Draft) {
        let text = draft.text.clone();
        let cursor = draft.cursor;
        if let Some(session) = &mut self.session {
            session.switch_to(&draft);
        }
        self.show(ctx, &text, Some(cursor));
        (ctx.props().host.on_input)();
    }

    fn alert(&mut self, severity: Severity, text: impl Into<String>) {
        self.next_alert += 1;
        self.alerts.push(Alert {
            id: self.next_alert,
            severity,
            text: text.into(),
        });
        // Keep the list short: the oldest go first.
        if self.alerts.len() > 4 {
            self.alerts.remove(0);
        }
    }

    fn title(&self) -> Option<String> {
        self.post.title().filter(|t| !t.trim().is_empty())
    }

    fn export_name(&self) -> String {
        export::download_name(
            self.preset,
            PostNames::of(&self.post).parts(),
            &files::today(),
        )
    }

    /// Every stored draft as a zip, each at its path for the chosen generator.
    fn export_all(&self) -> Result<(usize, Vec<u8>), String> {
        let session = self.session.as_ref().ok_or("no drafts here")?;
        let today = files::today();
        let mut paths = Vec::new();
        let mut texts = Vec::new();
        for meta in session.store.list().map_err(|e| e.to_string())? {
            let draft = session.store.load(&meta.id).map_err(|e| e.to_string())?;
            let names = PostNames::of(&Post::parse(&draft.text));
            paths.push(export::repo_path(self.preset, names.parts(), &today));
            texts.push(draft.text.into_bytes());
        }
        let entries: Vec<(String, Vec<u8>)> =
            export::unique_paths(paths).into_iter().zip(texts).collect();
        Ok((entries.len(), export::zip_archive(&entries)?))
    }

    /// The folder file behind the open post, if it came from an opened folder.
    fn current_folder_file(&self) -> Option<&(Option<String>, folder::FolderPost)> {
        let current = self.session.as_ref().map(|s| s.id.clone());
        self.folder_file
            .as_ref()
            .filter(|(draft, _)| draft.is_none() || *draft == current)
    }

    fn textarea(&self) -> Option<HtmlTextAreaElement> {
        self.markdown_ref.cast::<HtmlTextAreaElement>()
    }

    /// The body after a change of the textarea: a typed edit applied to the
    /// body when the numbers fit, else the textarea's whole value.
    fn body_after(&mut self, change: BodyChange) -> Option<String> {
        if let BodyChange::Typed {
            inserted,
            len_after,
            caret,
        } = &change
        {
            let typed = self.body_len16.and_then(|len| {
                editing::apply_typed(self.post.body(), len, *len_after, *caret, inserted)
            });
            if let Some(text) = typed {
                self.body_len16 = Some(*len_after);
                self.body_unverified = true;
                return Some(text);
            }
        }
        let value = match change {
            BodyChange::Value(v) => v,
            BodyChange::Typed { .. } => self.textarea()?.value(),
        };
        // The whole value: whatever typed edits were applied, this is the truth.
        self.body_len16 = self.textarea().map(|a| a.text_length() as usize);
        self.body_unverified = false;
        Some(self.with_post_newlines(value, self.post.body()))
    }

    /// Typed edits were applied to the body without reading the textarea:
    /// make sure the two agree (the textarea, which the user sees, wins).
    fn verify_body(&mut self, ctx: &Context<Self>) {
        if !self.body_unverified {
            return;
        }
        self.body_unverified = false;
        let Some(area) = self.textarea() else { return };
        let value = self.with_post_newlines(area.value(), self.post.body());
        self.body_len16 = Some(area.text_length() as usize);
        if value != self.post.body() {
            web_sys::console::warn_1(&"postwright: the Markdown was re-read from the page".into());
            self.post.set_body(&value);
            self.refresh_body();
            self.publish(ctx);
        }
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
        match config
            .schema
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
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
        let preset = config
            .preset
            .as_deref()
            .and_then(Preset::from_id)
            .unwrap_or(Preset::Hugo);
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
            preview: markdown::Incremental::new(RenderOptions::default()),
            patcher: BlockPatcher::default(),
            blocks_ref: NodeRef::default(),
            stats: Stats::default(),
            pause_task: None,
            alerts: Vec::new(),
            next_alert: 0,
            dark,
            form_open: true,
            markdown_ref: NodeRef::default(),
            preview_ref: NodeRef::default(),
            session: None,
            pending_cursor: None,
            pending_focus: None,
            body_epoch: 1,
            body_synced: 0,
            body_len16: None,
            body_unverified: false,
            preview_task: None,
            split: 50.0,
            folder: None,
            folder_file: None,
            panes_ref: NodeRef::default(),
            handlers: Handlers::new(ctx.link()),
            scroll_task: None,
            scroll_height: 0,
        };
        if let Some(e) = schema_error {
            editor.alert(Severity::Warning, e);
        }
        if let Some(ns) = editor.config.storage_key.clone() {
            let opened = Session::open(&ns, &ctx.props().initial, ctx.link());
            if let Some(e) = &opened.session.memory_only {
                editor.alert(Severity::Warning, e.to_string());
            }
            editor.post = Post::parse(&opened.text);
            editor.pending_cursor = opened.cursor;
            *ctx.props().host.value.borrow_mut() = opened.text;
            editor.session = Some(opened.session);
            // The choices made last time, in this storage namespace.
            if let Some(p) = editor.pref("preset").and_then(|p| Preset::from_id(&p)) {
                editor.preset = p;
            }
            match editor.pref("theme").as_deref() {
                Some("dark") => editor.dark = Some(true),
                Some("light") => editor.dark = Some(false),
                _ => {}
            }
            if let Some(split) = editor.pref("split").and_then(|s| s.parse::<f64>().ok()) {
                editor.split = split.clamp(SPLIT_MIN, SPLIT_MAX);
            }
            if editor.pref("form").as_deref() == Some("hidden") {
                editor.form_open = false;
            }
        }
        editor.refresh_all();
        editor
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self.apply_split();
        }
        self.patcher
            .apply(self.blocks_ref.cast(), self.preview.blocks());
        if self.body_synced != self.body_epoch {
            if let Some(area) = self.textarea() {
                area.set_value(self.post.body());
                self.body_synced = self.body_epoch;
                self.body_len16 = Some(area.text_length() as usize);
                self.body_unverified = false;
            }
        }
        if let (Some(cursor), Some(area)) = (self.pending_cursor.take(), self.textarea()) {
            let _ = area.set_selection_range(cursor.start as u32, cursor.end as u32);
        }
        if let Some(id) = self.pending_focus.take() {
            let target = self
                .textarea()
                .and_then(|area| area.closest(".pw-editor").ok().flatten())
                .and_then(|root| root.query_selector(&format!("#{id}")).ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(target) = target {
                let _ = target.focus();
            }
        }
    }

    fn destroy(&mut self, ctx: &Context<Self>) {
        // Removing the editor must not lose the last second of typing.
        self.verify_body(ctx);
        self.save_all();
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        if !matches!(
            msg,
            Msg::BodyInput(_)
                | Msg::RenderPreview
                | Msg::TypingPaused
                | Msg::SyncScroll
                | Msg::SettleScroll(_)
                | Msg::FinishSave
        ) {
            self.verify_body(ctx);
            // Drafts are used in the same order they were written.
            if let Some(session) = &mut self.session {
                session.finish_save();
            }
        }
        match msg {
            Msg::BodyInput(change) => {
                let Some(text) = self.body_after(change) else {
                    return false;
                };
                if text == self.post.body() {
                    return false;
                }
                self.post.set_body(&text);
                // What the view shows of a keystroke is the preview (patched
                // here), the word count and the save status: the rest of the
                // editor is not rendered again unless those two changed.
                let shown = (self.stats, self.session.as_ref().map(|s| s.status.clone()));
                if text.len() <= LONG_POST_BYTES {
                    self.refresh_body();
                } else {
                    // A long post: the keystroke's own blocks now, the rest later.
                    if let Some(splice) = self.preview.update_partial(&text) {
                        self.patcher.push(splice);
                    } else if text.len() <= DEFER_PREVIEW_BYTES {
                        self.patcher.push(self.preview.update(&text));
                    } else if self.preview_task.is_none() {
                        let link = ctx.link().clone();
                        self.preview_task = Some(gloo_timers::callback::Timeout::new(0, move || link.send_message(Msg::RenderPreview)));
                    }
                    // After a pause: a new keystroke drops the timer and sets another.
                    let link = ctx.link().clone();
                    self.pause_task = Some(gloo_timers::callback::Timeout::new(300, move || link.send_message(Msg::TypingPaused)));
                }
                self.publish(ctx);
                self.patcher.apply(self.blocks_ref.cast(), self.preview.blocks());
                return shown != (self.stats, self.session.as_ref().map(|s| s.status.clone()));
            }
            Msg::Split(pct) => {
                let before = self.split.round();
                self.split = pct.clamp(SPLIT_MIN, SPLIT_MAX);
                self.apply_split();
                // Whole percents: a drag writes a few dozen times, not once per pointer move.
                if self.split.round() != before {
                    self.set_pref("split", &format!("{:.0}", self.split));
                }
            }
            Msg::RenderPreview => {
                self.preview_task = None;
                let splice = self.preview.update(self.post.body());
                self.patcher.push(splice);
                self.stats = self.preview.stats();
            }
            Msg::TypingPaused => {
                self.pause_task = None;
                // Here rather than in the autosave that follows, whose task
                // is long enough on a long post.
                self.verify_body(ctx);
                // A new count shows by rendering the editor again, which a
                // long post's keystrokes leave out; a render left for later
                // brings its own count.
                if self.preview_task.is_none() {
                    self.stats = self.preview.stats();
                }
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
                // Someone who adds a field means to fill it in.
                self.pending_focus = Some(form::field_id(&key));
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
                    let key = match &fix {
                        Fix::RenameKey { to, .. } => to,
                        Fix::SetValue { key, .. } => key,
                    };
                    self.pending_focus = Some(form::field_id(key));
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
                self.show(ctx, &text, None);
                if let Some(session) = &mut self.session {
                    session.touch(ctx.link());
                }
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
                            self.use_preset(p);
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
                self.save_now();
                let mut opened = false;
                for (name, result) in results {
                    match result {
                        Ok(post) => {
                            // With drafts, every file becomes a draft; the first one is opened.
                            let text = post.to_text();
                            let created = self.session.as_ref().map(|s| s.create_draft(&post));
                            match created {
                                Some(Err(e)) => {
                                    self.alert(Severity::Error, format!("{name} was opened but not stored: {e}"));
                                    if !opened {
                                        self.show(ctx, &text, None);
                                        self.publish(ctx);
                                        opened = true;
                                    }
                                    continue;
                                }
                                Some(Ok(draft)) if !opened => self.open_draft(ctx, draft),
                                Some(Ok(_)) => {}
                                None if !opened => {
                                    self.show(ctx, &text, None);
                                    self.publish(ctx);
                                }
                                None => {
                                    self.alert(Severity::Info, format!("{name}: this editor holds one post; import it on its own."));
                                    continue;
                                }
                            }
                            opened = true;
                            self.alert(Severity::Info, format!("Imported {name}."));
                        }
                        Err(e) => self.alert(Severity::Error, format!("{name} was not imported: {e}. Nothing was replaced.")),
                    }
                }
                if let Some(s) = &mut self.session {
                    s.refresh_lists();
                }
            }
            Msg::Export => {
                let name = self.export_name();
                if let Err(e) = files::download(&name, self.post.to_text().as_bytes(), "text/markdown") {
                    self.alert(Severity::Error, format!("Export failed: {e}"));
                }
                return true;
            }
            Msg::ExportAll => {
                self.save_now();
                match self.export_all() {
                    Ok((count, bytes)) => {
                        if let Err(e) = files::download("postwright-drafts.zip", &bytes, "application/zip") {
                            self.alert(Severity::Error, format!("Export failed: {e}"));
                        } else {
                            self.alert(Severity::Info, format!("Exported {count} drafts."));
                        }
                    }
                    Err(e) => self.alert(Severity::Error, format!("Export failed: {e}")),
                }
            }
            Msg::OpenFolder => {
                let link = ctx.link().clone();
                wasm_bindgen_futures::spawn_local(async move { link.send_message(Msg::FolderOpened(folder::open().await)) });
                return false;
            }
            Msg::FolderOpened(result) => match result {
                Ok((name, posts)) => {
                    self.alert(Severity::Info, format!("Opened folder {name}: {} posts.", posts.len()));
                    self.folder = Some((name, Rc::new(posts)));
                }
                // Closing the picker is not an error worth an alert.
                Err(e) if e.contains("AbortError") => return false,
                Err(e) => self.alert(Severity::Error, format!("Could not open the folder: {e}")),
            },
            Msg::OpenFolderPost(index) => {
                self.save_now();
                if let Some(post) = self.folder.as_ref().and_then(|(_, posts)| posts.get(index).cloned()) {
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let bytes = folder::read(&post).await;
                        link.send_message(Msg::FolderPostRead(post, bytes));
                    });
                }
                return false;
            }
            Msg::FolderPostRead(file, bytes) => {
                let post = bytes.and_then(|b| Post::from_bytes(&b).map_err(|e| e.to_string()));
                match post {
                    Ok(post) => {
                        let text = post.to_text();
                        // Kept as a draft too, so autosave protects it like any other post.
                        let created = self.session.as_ref().map(|s| s.create_draft(&post));
                        let draft_id = match created {
                            Some(Ok(draft)) => {
                                let id = draft.id.clone();
                                self.open_draft(ctx, draft);
                                Some(id)
                            }
                            _ => {
                                self.show(ctx, &text, None);
                                (ctx.props().host.on_input)();
                                None
                            }
                        };
                        self.alert(Severity::Info, format!("Opened {}.", file.path));
                        self.folder_file = Some((draft_id, file));
                    }
                    Err(e) => self.alert(Severity::Error, format!("{} was not opened: {e}", file.path)),
                }
            }
            Msg::SaveToFolder => {
                if let Some((_, file)) = self.current_folder_file() {
                    let file = file.clone();
                    let bytes = self.post.to_text().into_bytes();
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = folder::write(&file, &bytes).await.map(|()| file.path.clone());
                        link.send_message(Msg::SavedToFolder(result));
                    });
                }
                return false;
            }
            Msg::SavedToFolder(result) => match result {
                Ok(path) => self.alert(Severity::Info, format!("Saved {path}.")),
                Err(e) => self.alert(Severity::Error, format!("Not saved to the folder: {e}. The text is still here; Export it to keep a copy.")),
            },
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
            Msg::SetPreset(preset) => {
                self.use_preset(preset);
                self.set_pref("preset", preset.id());
            }
            Msg::DismissAlert(id) => self.alerts.retain(|a| a.id != id),
            Msg::ToggleTheme => {
                let dark_now = self.dark.unwrap_or_else(prefers_dark);
                self.dark = Some(!dark_now);
                self.set_pref("theme", if dark_now { "light" } else { "dark" });
            }
            Msg::ToggleForm => {
                self.form_open = !self.form_open;
                self.set_pref("form", if self.form_open { "shown" } else { "hidden" });
            }
            Msg::SyncScroll => {
                self.sync_scroll(ctx, 0);
                return false;
            }
            Msg::SettleScroll(pass) => {
                self.sync_scroll(ctx, pass);
                return false;
            }
            Msg::PastePost(text) => {
                self.show(ctx, &text, None);
                self.publish(ctx);
                self.alert(Severity::Info, "Pasted a whole post: its front matter is in the form.");
            }
            Msg::SaveNow => {
                self.save_now();
            }
            Msg::SaveBeforeLeaving => self.save_all(),
            Msg::FinishSave => {
                return self.session.as_mut().is_some_and(Session::finish_save);
            }
            Msg::StorageChanged(key) => {
                let Some(session) = &mut self.session else { return false };
                if session.store.event_concerns(key.as_deref(), &session.id) {
                    match session.store.load(&session.id) {
                        Ok(theirs) if theirs.rev != session.rev => {
                            if session.dirty {
                                session.conflict = Some(Box::new(theirs));
                            } else {
                                self.open_draft(ctx, theirs);
                                self.alert(Severity::Info, "This draft was updated from another tab.");
                            }
                        }
                        Ok(_) => {}
                        Err(crate::drafts::LoadError::NotFound) => {
                            // Deleted elsewhere: keep the text, and store it again on the next save.
                            session.dirty = true;
                            self.alert(Severity::Warning, "This draft was deleted in another tab; your text is kept and will be saved again.");
                        }
                        Err(e) => self.alert(Severity::Error, e.to_string()),
                    }
                }
                if let Some(s) = &mut self.session {
                    s.refresh_lists();
                }
            }
            Msg::NewDraft => {
                self.save_now();
                let starter = Post::parse(&session::starter_text());
                let text = &starter.to_text();
                let created = self.session.as_ref().map(|s| s.create_draft(&starter));
                match created {
                    Some(Ok(draft)) => self.open_draft(ctx, draft),
                    Some(Err(e)) => self.alert(Severity::Error, format!("No new draft: {e}")),
                    None => {
                        self.show(ctx, text, None);
                        self.publish(ctx);
                    }
                }
            }
            Msg::OpenDraft(id) => {
                self.save_now();
                let loaded = self.session.as_ref().map(|s| s.store.load(&id));
                match loaded {
                    Some(Ok(draft)) => self.open_draft(ctx, draft),
                    Some(Err(e)) => self.alert(Severity::Error, e.to_string()),
                    None => {}
                }
            }
            Msg::DuplicateDraft(id) => {
                self.save_now();
                if let Some(s) = &mut self.session {
                    match s.store.duplicate(&id, session_now()) {
                        Ok(_) => s.refresh_lists(),
                        Err(e) => self.alert(Severity::Error, e.to_string()),
                    }
                }
            }
            Msg::DeleteDraft(id) => {
                self.save_now();
                let Some(s) = &mut self.session else { return false };
                let title = s.drafts.iter().find(|d| d.id == id).map(|d| d.title.clone()).unwrap_or_default();
                match s.store.delete(&id, session_now()) {
                    Ok(token) => {
                        s.deleted = Some((token, if title.is_empty() { "Untitled".into() } else { title }));
                        s.refresh_lists();
                        if id == s.id {
                            // The open draft went: open the newest other one, or a new draft.
                            let next = s.drafts.first().map(|d| d.id.clone());
                            match next.and_then(|n| s.store.load(&n).ok()) {
                                Some(draft) => self.open_draft(ctx, draft),
                                None => ctx.link().send_message(Msg::NewDraft),
                            }
                        }
                    }
                    Err(e) => self.alert(Severity::Error, e.to_string()),
                }
            }
            Msg::UndoDelete => {
                if let Some(s) = &mut self.session {
                    if let Some((token, _)) = s.deleted.take() {
                        match s.store.undo_delete(&token, session_now()) {
                            Ok(true) => s.refresh_lists(),
                            Ok(false) => self.alert(Severity::Warning, "That draft can no longer be restored."),
                            Err(e) => self.alert(Severity::Error, e.to_string()),
                        }
                    }
                }
            }
            Msg::SearchDrafts(query) => {
                if let Some(s) = &mut self.session {
                    s.query = query;
                    s.refresh_lists();
                }
            }
            Msg::RestoreRevision(rev_id) => {
                self.save_now();
                let Some(s) = &mut self.session else { return false };
                let restored = s.store.restore_revision(&s.id, rev_id, session_now(), s.rev).and_then(|_| {
                    s.store.load(&s.id).map_err(crate::drafts::SaveError::Load)
                });
                match restored {
                    Ok(draft) => {
                        self.open_draft(ctx, draft);
                        self.alert(Severity::Info, "Revision restored; the version before it is kept in Revisions.");
                    }
                    Err(e) => self.alert(Severity::Error, e.to_string()),
                }
            }
            Msg::DownloadCorrupt(key) => {
                if let Some(entry) = self.session.as_ref().and_then(|s| s.corrupt.iter().find(|c| c.key == key).cloned()) {
                    if let Err(e) = files::download("unreadable-draft.txt", entry.raw.as_bytes(), "text/plain") {
                        self.alert(Severity::Error, format!("Download failed: {e}"));
                    }
                }
                return false;
            }
            Msg::DiscardCorrupt(key) => {
                if let Some(s) = &mut self.session {
                    let _ = s.store.discard_corrupt(&key);
                    s.refresh_lists();
                }
            }
            Msg::KeepMine => {
                let cursor = self.cursor();
                let info = info_of(&self.post);
                let text = self.post.to_text();
                if let Some(s) = &mut self.session {
                    match s.store.force_save(&s.id, &text, cursor, &info, session_now()) {
                        Ok(outcome) => {
                            s.conflict = None;
                            s.rev = outcome.rev;
                            s.dirty = false;
                            s.status = session::SaveStatus::Saved;
                            s.refresh_lists();
                        }
                        Err(e) => self.alert(Severity::Error, e.to_string()),
                    }
                }
            }
            Msg::UseTheirs => {
                let cursor = self.cursor();
                let info = info_of(&self.post);
                let text = self.post.to_text();
                let Some(s) = &mut self.session else { return false };
                let Some(theirs) = s.conflict.take() else { return false };
                match s.store.save_as_copy(&text, cursor, &info, session_now()) {
                    Ok(_) => {
                        self.open_draft(ctx, *theirs);
                        self.alert(Severity::Info, "Your version was kept as a separate draft.");
                    }
                    Err(e) => {
                        s.conflict = Some(theirs);
                        self.alert(Severity::Error, format!("Your version could not be kept ({e}); nothing was replaced."));
                    }
                }
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
        let oninput = link.callback(|e: InputEvent| {
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            // (A host or a test may dispatch a plain `Event("input")`.)
            let typed = AsRef::<web_sys::Event>::as_ref(&e).dyn_ref::<InputEvent>();
            let inserted = typed.and_then(|e| match e.input_type().as_str() {
                "insertText" => e.data(),
                "insertLineBreak" | "insertParagraph" => Some("\n".to_string()),
                t if t.starts_with("delete") => Some(String::new()),
                _ => None,
            });
            // Read now: the caret must be the one right after this edit.
            let change = match (inserted, area.selection_start().ok().flatten()) {
                (Some(inserted), Some(caret)) => BodyChange::Typed {
                    inserted,
                    len_after: area.text_length() as usize,
                    caret: caret as usize,
                },
                _ => BodyChange::Value(area.value()),
            };
            Msg::BodyInput(change)
        });
        let onkeydown = Callback::from(|e: KeyboardEvent| {
            let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() else {
                return;
            };
            if let Some(action) = key_action(&e) {
                if textarea::apply(&area, action) {
                    e.prevent_default();
                }
            }
        });
        // Ctrl/Cmd+S out of habit: save the draft now instead of the
        // browser's "Save page as". The key still bubbles out of the widget,
        // so a host that saves on Ctrl+S keeps doing so.
        let save_key = link.batch_callback(|e: KeyboardEvent| {
            let save = (e.ctrl_key() || e.meta_key())
                && !e.alt_key()
                && !e.shift_key()
                && e.key().eq_ignore_ascii_case("s");
            save.then(|| {
                e.prevent_default();
                Msg::SaveNow
            })
        });
        let onchange = link.callback(|_: Event| Msg::Committed);
        let onscroll = link.callback(|_: Event| Msg::SyncScroll);
        let raw_input = link.callback(|e: InputEvent| {
            Msg::RawInput(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        let ondrop = link.batch_callback(|e: DragEvent| {
            e.prevent_default();
            let files = e
                .data_transfer()
                .and_then(|d| d.files())
                .map(file_list)
                .unwrap_or_default();
            (!files.is_empty()).then_some(Msg::Import(files))
        });
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let title = self.title().map(AttrValue::from);
        let problems: Vec<&Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| matches!(d.severity, Severity::Error | Severity::Warning))
            .collect();
        let h = &self.handlers;
        let onpaste = link.batch_callback(|e: Event| {
            let e: web_sys::ClipboardEvent = e.unchecked_into();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            if textarea::paste_link(&area, &text) {
                e.prevent_default();
                return None;
            }
            // A whole post (front matter and all) pasted into an empty or fully
            // selected editor opens as a post, its front matter in the form.
            let all_selected = area.selection_start().ok().flatten() == Some(0)
                && area.selection_end().ok().flatten() == Some(area.text_length());
            let is_post = Post::parse(&text).format() != crate::post::Format::None;
            if is_post && (area.value().trim().is_empty() || all_selected) {
                e.prevent_default();
                Some(Msg::PastePost(text))
            } else {
                None
            }
        });
        let session_alerts = self.session.as_ref().map(|s| {
            html! {
                <>
                    if s.conflict.is_some() {
                        <div class="pw-alert pw-alert-error" role="alert">
                            <span>{"This draft was changed in another tab while you were editing it here. Your version is not saved yet."}</span>
                            <span class="pw-alert-actions">
                                <button type="button" onclick={link.callback(|_| Msg::KeepMine)}>{"Keep mine"}</button>
                                <button type="button" onclick={link.callback(|_| Msg::UseTheirs)}>{"Use theirs"}</button>
                            </span>
                        </div>
                    }
                    if let session::SaveStatus::Failed(reason) = &s.status {
                        <div class="pw-alert pw-alert-error" role="alert">
                            <span>{ reason }</span>
                            <span class="pw-alert-actions">
                                <button type="button" onclick={link.callback(|_| Msg::Export)}>{"Export now"}</button>
                                <button type="button" onclick={link.callback(|_| Msg::SaveNow)}>{"Retry"}</button>
                            </span>
                        </div>
                    }
                    if let Some((_, title)) = &s.deleted {
                        <div class="pw-alert pw-alert-info" role="status">
                            <span>{ format!("Deleted “{title}”.") }</span>
                            <button type="button" onclick={link.callback(|_| Msg::UndoDelete)}>{"Undo"}</button>
                        </div>
                    }
                </>
            }
        });
        let drafts_panel = self.session.as_ref().map(|s| html! {
            <DraftsPanel drafts={s.drafts.clone()} current={s.id.clone()} query={s.query.clone()}
                revisions={s.revisions.clone()} corrupt={s.corrupt.clone()} status={s.status_text()}
                on_new={h.new_draft.clone()} on_open={h.open_draft.clone()}
                on_duplicate={h.duplicate_draft.clone()} on_delete={h.delete_draft.clone()}
                on_search={h.search_drafts.clone()} on_restore={h.restore_revision.clone()}
                on_download_corrupt={h.download_corrupt.clone()} on_discard_corrupt={h.discard_corrupt.clone()} />
        });

        html! {
            <div class={classes!("pw-editor", theme)} {ondrop} {ondragover} onkeydown={save_key}>
                <header class="pw-bar">
                    <span class="pw-brand">{"Postwright"}</span>
                    <FileButtons on_import={h.import.clone()} />
                    <button type="button" onclick={link.callback(|_| Msg::Export)} title={format!("Download {}", self.export_name())}>{"Export"}</button>
                    if self.session.is_some() {
                        <button type="button" onclick={link.callback(|_| Msg::ExportAll)}>{"Export all"}</button>
                    }
                    <button type="button" onclick={link.callback(|_| Msg::Copy)}>{"Copy"}</button>
                    // Only where the browser can open folders: absent, not broken, elsewhere.
                    if folder::supported() {
                        <button type="button" onclick={link.callback(|_| Msg::OpenFolder)}>{"Open folder"}</button>
                    }
                    if let Some((_, file)) = self.current_folder_file() {
                        <button type="button" onclick={link.callback(|_| Msg::SaveToFolder)} title={format!("Write {} back", file.path)}>{"Save to folder"}</button>
                    }
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
                    { for session_alerts }
                    if !problems.is_empty() {
                        <div class="pw-alert pw-alert-problems" role="alert">
                            { for problems.iter().map(|d| problem_line(d, &h.fix)) }
                        </div>
                    }
                    // Notices in a box of their own: as they come and go, the
                    // alerts above are not moved (moving a node drops its focus).
                    if !self.alerts.is_empty() {
                        <div class="pw-notices">
                        { for self.alerts.iter().map(|a| {
                            let id = a.id;
                            let role = if a.severity == Severity::Info { "status" } else { "alert" };
                            html! {
                                <div class={classes!("pw-alert", severity_class(a.severity))} role={role} key={a.id}>
                                    <span>{ &a.text }</span>
                                    <button type="button" class="pw-icon-button" aria-label="Dismiss" onclick={link.callback(move |e: MouseEvent| {
                                        focus::to_neighbour(&e, ".pw-alert", "button", ".pw-editor", ".pw-markdown");
                                        Msg::DismissAlert(id)
                                    })}>{"×"}</button>
                                </div>
                            }
                        }) }
                        </div>
                    }
                </div>

                <div class={classes!("pw-body", (drafts_panel.is_some() || self.folder.is_some()).then_some("pw-with-drafts"))}>
                if drafts_panel.is_some() || self.folder.is_some() {
                    <div class="pw-side">
                        { for drafts_panel }
                        { self.folder_panel(ctx) }
                    </div>
                }
                <div class="pw-main">
                <div class="pw-meta">
                    <button type="button" class="pw-disclosure" aria-expanded={self.form_open.to_string()} aria-controls="pw-form-body"
                        onclick={link.callback(|_| Msg::ToggleForm)}>{ if self.form_open { "Hide front matter" } else { "Show front matter" } }</button>
                    <div id="pw-form-body" hidden={!self.form_open}>
                        <FrontMatterForm fields={self.fields.clone()} schema={self.schema.clone()} diagnostics={self.diagnostics.clone()}
                            broken={self.broken} readonly={self.config.readonly || self.config.disabled}
                            base_url={self.config.base_url.clone().map(AttrValue::from)}
                            on_set={h.set_field.clone()}
                            on_remove={h.remove_field.clone()}
                            on_add={h.add_field.clone()}
                            on_fix={h.fix.clone()} />
                        <div class="pw-raw">
                            <label for="pw-raw-front-matter" class="pw-label">{"Raw front matter"}</label>
                            <textarea id="pw-raw-front-matter" class="pw-input pw-mono" rows="6" spellcheck="false"
                                value={self.post.front_matter().to_string()} oninput={raw_input} onchange={onchange.clone()}
                                readonly={self.config.readonly} disabled={self.config.disabled} />
                        </div>
                    </div>
                </div>

                <div class="pw-panes" ref={self.panes_ref.clone()}>
                    <div class="pw-pane pw-source">
                        <Toolbar on_action={h.command.clone()} disabled={self.config.readonly || self.config.disabled} />
                        <label for="pw-markdown" class="pw-label">{"Markdown"}</label>
                        <textarea id="pw-markdown" class="pw-markdown" ref={self.markdown_ref.clone()}
                            {oninput} {onkeydown} {onchange} {onscroll} {onpaste}
                            readonly={self.config.readonly} disabled={self.config.disabled} spellcheck="true" />
                        <div class="pw-status">
                            { format!("{} words · {} min read", self.stats.words, self.stats.reading_minutes) }
                        </div>
                    </div>
                    { self.splitter(ctx) }
                    <Preview {title} node_ref={self.preview_ref.clone()} blocks_ref={self.blocks_ref.clone()} />
                </div>
                </div>
                </div>
            </div>
        }
    }
}

impl Editor {
    /// Scrolls the preview to the share of its scroll range the Markdown is
    /// scrolled to. The preview's off-screen chunks have estimated heights
    /// until they are laid out, and scrolling lays some out, which changes its
    /// height (and the browser's scroll anchoring moves it): so the scroll is
    /// set again, a few frames later, until the height holds still.
    fn sync_scroll(&mut self, ctx: &Context<Self>, pass: u8) {
        const PASSES: u8 = 10;
        let (Some(area), Some(preview)) = (self.textarea(), self.preview_ref.cast::<HtmlElement>())
        else {
            return;
        };
        let range = (area.scroll_height() - area.client_height()).max(1) as f64;
        let ratio = area.scroll_top() as f64 / range;
        let height = preview.scroll_height();
        let target = (height - preview.client_height()).max(0) as f64;
        preview.set_scroll_top((ratio * target).round() as i32);
        let settled = pass > 0 && height == self.scroll_height;
        self.scroll_height = height;
        self.scroll_task = (!settled && pass < PASSES).then(|| {
            let link = ctx.link().clone();
            gloo_timers::callback::Timeout::new(40, move || {
                link.send_message(Msg::SettleScroll(pass + 1))
            })
        });
    }

    /// The posts of an opened folder, by path.
    fn folder_panel(&self, ctx: &Context<Self>) -> Html {
        let Some((name, posts)) = &self.folder else {
            return html! {};
        };
        let current = self.current_folder_file().map(|(_, f)| f.path.clone());
        html! {
            <section class="pw-folder pw-drafts" aria-label={format!("Folder {name}")}>
                <h2 class="pw-drafts-title">{ name }</h2>
                <ul class="pw-draft-list" aria-label="Folder posts">
                    { for posts.iter().enumerate().map(|(i, p)| html! {
                        <li class="pw-draft" key={p.path.clone()} aria-current={(current.as_deref() == Some(p.path.as_str())).then_some("true")}>
                            <button type="button" class="pw-draft-open" onclick={ctx.link().callback(move |_| Msg::OpenFolderPost(i))}>
                                <span class="pw-draft-name">{ &p.path }</span>
                            </button>
                        </li>
                    }) }
                </ul>
            </section>
        }
    }

    /// The handle between editor and preview: drag it, or focus it and use the arrow keys.
    fn splitter(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let panes = self.panes_ref.clone();
        let current = self.split;
        let onkeydown = link.batch_callback(move |e: KeyboardEvent| {
            let pct = match e.key().as_str() {
                "ArrowLeft" => current - 5.0,
                "ArrowRight" => current + 5.0,
                "Home" => SPLIT_MIN,
                "End" => SPLIT_MAX,
                _ => return None,
            };
            e.prevent_default();
            Some(Msg::Split(pct))
        });
        let onpointerdown = Callback::from(|e: PointerEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        });
        let onpointermove = link.batch_callback(move |e: PointerEvent| {
            let captured = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|el| el.has_pointer_capture(e.pointer_id()));
            let rect = panes.cast::<web_sys::Element>()?.get_bounding_client_rect();
            (captured && rect.width() > 0.0)
                .then(|| Msg::Split((e.client_x() as f64 - rect.left()) / rect.width() * 100.0))
        });
        html! {
            <div class="pw-splitter" role="separator" aria-orientation="vertical" aria-label="Resize editor and preview"
                aria-valuemin="20" aria-valuemax="80" aria-valuenow={format!("{:.0}", self.split)} tabindex="0"
                {onkeydown} {onpointerdown} {onpointermove}></div>
        }
    }
}

fn session_now() -> u64 {
    crate::browser::storage::now_ms()
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
        "Tab" if !modifier => Some(if e.shift_key() {
            Action::Outdent
        } else {
            Action::Indent
        }),
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
