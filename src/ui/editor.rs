//! The editor component: what it holds, and its life cycle (created,
//! rendered, updated by a message, destroyed). What each message does is in
//! the `update_*` modules, by concern; what it shows is in `view`.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::host::{EditorConfig, EditorProps};
use super::layout::Layout;
use super::msg::Msg;
use super::preview::BlockPatcher;
use super::session::Session;
use super::undo::FieldUndo;
use super::update_prefs::{SPLIT_MAX, SPLIT_MIN};
use crate::browser::folder;
use crate::drafts::Cursor;
use crate::editing::Action;
use crate::export::Preset;
use crate::markdown::{self, RenderOptions, Stats};
use crate::post::{Field, Post, Value};
use crate::schema::Schema;
use crate::validate::{Diagnostic, Fix, Severity};

#[derive(Clone, PartialEq)]
pub struct Alert {
    pub id: u32,
    pub severity: Severity,
    pub text: String,
    /// A generator to switch to from the notice itself (an imported post
    /// plainly written for another one).
    pub use_preset: Option<Preset>,
}

/// The editor component. Its fields are `pub(super)`: the methods that
/// update and view it live in the modules beside this one, by concern.
pub struct Editor {
    pub(super) post: Post,
    pub(super) config: EditorConfig,
    pub(super) schema: Rc<Schema>,
    pub(super) preset: Preset,
    /// Derived from the post's front matter: the last fields that parsed.
    pub(super) fields: Rc<Vec<Field>>,
    /// The front matter does not parse right now (its error is in `diagnostics`).
    pub(super) broken: bool,
    pub(super) diagnostics: Rc<Vec<Diagnostic>>,
    /// Derived from the post's body: its rendered blocks, kept up to date
    /// edit by edit, and the splices not yet applied to the preview's DOM.
    pub(super) preview: markdown::Incremental,
    pub(super) patcher: BlockPatcher,
    pub(super) blocks_ref: NodeRef,
    pub(super) stats: Stats,
    /// Checking a long post's body against the textarea, and showing its
    /// word count, wait for a pause in typing.
    pub(super) pause_task: Option<gloo_timers::callback::Timeout>,
    pub(super) alerts: Vec<Alert>,
    pub(super) next_alert: u32,
    pub(super) dark: Option<bool>,
    pub(super) form_open: bool,
    pub(super) markdown_ref: NodeRef,
    pub(super) preview_ref: NodeRef,
    /// Autosaved drafts, when the host gave a storage key.
    pub(super) session: Option<Session>,
    /// Where to put the caret once the textarea exists (a restored draft).
    pub(super) pending_cursor: Option<Cursor>,
    /// The id of an element to focus once the view is on the page: a field
    /// just added, or one a fix was applied to (its button has gone with the
    /// problem).
    pub(super) pending_focus: Option<String>,
    /// The Markdown textarea is uncontrolled while typing (handing a long
    /// post's text back to the DOM on every keystroke costs milliseconds):
    /// its value is written only when the body is replaced from elsewhere,
    /// counted here, and `body_synced` says which replacement the DOM shows.
    pub(super) body_epoch: u64,
    pub(super) body_synced: u64,
    /// The textarea value's length in UTF-16 units, when known: typed edits
    /// are applied to the body only while it is.
    pub(super) body_len16: Option<usize>,
    /// Typed edits were applied since the body was last compared with the
    /// textarea's value (done before saving and before any other action).
    pub(super) body_unverified: bool,
    /// A long post's preview is rendered in a task of its own after the
    /// keystroke (so the typed character paints first), coalescing keystrokes
    /// that arrive meanwhile; this holds that task.
    pub(super) preview_task: Option<gloo_timers::callback::Timeout>,
    /// The Markdown pane's share of the panes' width, in percent.
    pub(super) split: f64,
    /// The site's address as the user gave it (see `Editor::base_url`).
    pub(super) site_url: Option<String>,
    /// An opened local folder: its name and its posts.
    pub(super) folder: Option<(String, Rc<Vec<folder::FolderPost>>)>,
    /// The folder file the open post came from, with the draft that holds it.
    pub(super) folder_file: Option<(Option<String>, folder::FolderPost)>,
    pub(super) panes_ref: NodeRef,
    pub(super) handlers: Handlers,
    /// A pending pass of scroll sync, and the preview's height at the last one.
    pub(super) scroll_task: Option<gloo_timers::callback::Timeout>,
    pub(super) scroll_height: i32,
    /// Tabs, focus mode and the form's disclosures (`layout`).
    pub(super) layout: Layout,
    /// The last field removal, to take back (`undo`).
    pub(super) field_undo: FieldUndo,
}

/// The callbacks handed to child components, made once. A callback made
/// in `view` is a new one each time and compares unequal, so the form, the
/// toolbar and the drafts panel rendered again on every render of the
/// editor: every word-count change while typing (the bench's p95 at 10 KB
/// went from 7.8–8.4 to 4.2–6.6 ms when they stopped).
pub(super) struct Handlers {
    pub(super) set_field: Callback<(String, Value)>,
    pub(super) remove_field: Callback<String>,
    pub(super) add_field: Callback<String>,
    pub(super) fix: Callback<Fix>,
    pub(super) command: Callback<Action>,
    pub(super) import: Callback<Vec<web_sys::File>>,
    pub(super) new_draft: Callback<()>,
    pub(super) open_draft: Callback<String>,
    pub(super) duplicate_draft: Callback<String>,
    pub(super) delete_draft: Callback<String>,
    pub(super) search_drafts: Callback<String>,
    pub(super) restore_revision: Callback<u64>,
    pub(super) download_corrupt: Callback<String>,
    pub(super) discard_corrupt: Callback<String>,
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
            site_url: None,
            folder: None,
            folder_file: None,
            panes_ref: NodeRef::default(),
            handlers: Handlers::new(ctx.link()),
            scroll_task: None,
            scroll_height: 0,
            layout: Layout::new(ctx.link()),
            field_undo: FieldUndo::default(),
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
            editor.site_url = editor.pref("site-url").filter(|u| !u.is_empty());
            if editor.pref("form").as_deref() == Some("hidden") {
                editor.form_open = false;
            }
            editor.restore_layout();
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

    /// Applies a message. The answer is whether to render the editor again:
    /// each method below gives it for its message.
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
            // The Markdown, the front matter, the host's value and options (`update_body`).
            Msg::BodyInput(change) => self.body_input(ctx, change),
            Msg::RenderPreview => self.render_preview(),
            Msg::TypingPaused => self.typing_paused(ctx),
            Msg::RawInput(text) => self.raw_input(ctx, text),
            Msg::SetField(key, value) => self.set_field(ctx, key, value),
            Msg::RemoveField(key) => self.remove_field(ctx, key),
            Msg::AddField(key) => self.add_field(ctx, key),
            Msg::UndoRemoveField => self.undo_remove_field(ctx),
            Msg::Layout(msg) => self.update_layout(msg),
            Msg::ApplyFix(fix) => self.apply_fix(ctx, fix),
            Msg::Command(action) => self.run_command(action),
            Msg::Committed => {
                (ctx.props().host.on_change)();
                false
            }
            Msg::SetValue(text) => self.set_value(ctx, text),
            Msg::SetOption(name, value) => self.set_option(name, value),
            Msg::SyncScroll => {
                self.sync_scroll(ctx, 0);
                false
            }
            Msg::SettleScroll(pass) => {
                self.sync_scroll(ctx, pass);
                false
            }
            // The user's choices of look (`update_prefs`), and the notices.
            Msg::Split(pct) => self.set_split(pct),
            Msg::SetPreset(preset) => self.set_preset(preset),
            Msg::SetSiteUrl(url) => self.set_site_url(url),
            Msg::ToggleTheme => self.toggle_theme(),
            Msg::ToggleForm => self.toggle_form(),
            Msg::DismissAlert(id) => {
                self.alerts.retain(|a| a.id != id);
                true
            }
            // Files, a local folder, the clipboard (`update_files`).
            Msg::Import(list) => self.import_files(ctx, list),
            Msg::Imported(results) => self.open_imported(ctx, results),
            Msg::Export => self.export_post(),
            Msg::ExportAll => self.export_all_drafts(),
            Msg::OpenFolder => self.open_folder(ctx),
            Msg::FolderOpened(result) => self.folder_opened(result),
            Msg::OpenFolderPost(index) => self.open_folder_post(ctx, index),
            Msg::FolderPostRead(file, bytes) => self.folder_post_read(ctx, file, bytes),
            Msg::SaveToFolder => self.save_to_folder(ctx),
            Msg::SavedToFolder(result) => self.saved_to_folder(result),
            Msg::Copy => self.copy_post(ctx),
            Msg::Copied(result) => self.copied(result),
            Msg::PastePost(text) => self.paste_post(ctx, text),
            // Autosaved drafts (`update_drafts`).
            Msg::SaveNow => {
                self.save_now();
                true
            }
            Msg::SaveBeforeLeaving => {
                self.save_all();
                true
            }
            Msg::FinishSave => self.session.as_mut().is_some_and(Session::finish_save),
            Msg::StorageChanged(key) => self.storage_changed(ctx, key),
            Msg::NewDraft => self.new_draft(ctx),
            Msg::OpenDraft(id) => self.open_stored_draft(ctx, id),
            Msg::DuplicateDraft(id) => self.duplicate_draft(id),
            Msg::DeleteDraft(id) => self.delete_draft(ctx, id),
            Msg::UndoDelete => self.undo_delete(),
            Msg::SearchDrafts(query) => self.search_drafts(query),
            Msg::RestoreRevision(rev_id) => self.restore_revision(ctx, rev_id),
            Msg::DownloadCorrupt(key) => self.download_corrupt(key),
            Msg::DiscardCorrupt(key) => self.discard_corrupt(key),
            Msg::KeepMine => self.keep_mine(),
            Msg::UseTheirs => self.use_theirs(ctx),
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        self.view_editor(ctx)
    }
}
