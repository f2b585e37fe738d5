//! The editor component: the parts it is made of, and its life cycle
//! (created, rendered, updated by a message, destroyed). Each part is owned
//! and has its own file (`crate::document`, `prefs`, `preview_sync`,
//! `markdown_box`, `notices`, `session`); what each message does is in the
//! `update_*` modules, by concern; what it shows is in `view`.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::folder_link::FolderLink;
use super::host::{EditorConfig, EditorProps};
use super::images::{ImagesMsg, LocalImages};
use super::layout::Layout;
use super::markdown_box::MarkdownBox;
use super::msg::Msg;
use super::notices::Notices;
use super::prefs::Prefs;
use super::preview_sync::PreviewSync;
use super::session::Session;
use super::undo::FieldUndo;
use crate::document::{schema_or, Document};
use crate::editing::Action;
use crate::post::Value;
use crate::validate::{Fix, Severity};

/// The editor component: owned parts, each with its own file, and what
/// belongs to no part. The methods that update and view it live in the
/// modules beside this one, by concern.
pub struct Editor {
    /// The post, its fields, problems and schema (`crate::document`).
    pub(super) doc: Document,
    pub(super) config: EditorConfig,
    /// The user's choices of look (`prefs`).
    pub(super) prefs: Prefs,
    /// The preview pane and its renderer (`preview_sync`).
    pub(super) preview: PreviewSync,
    /// The Markdown textarea (`markdown_box`).
    pub(super) markdown: MarkdownBox,
    /// What the editor tells the user in passing (`notices`).
    pub(super) notices: Notices,
    /// Autosaved drafts, when the host gave a storage key (`session`).
    pub(super) session: Option<Session>,
    /// The id of an element to focus once the view is on the page: a field
    /// just added, or one a fix was applied to (its button has gone with the
    /// problem).
    pub(super) pending_focus: Option<String>,
    /// An opened local folder (`folder_link`).
    pub(super) folder: FolderLink,
    pub(super) panes_ref: NodeRef,
    pub(super) handlers: Handlers,
    /// The save status the host was last told (its `postwright-status` event).
    pub(super) reported_status: Option<&'static str>,
    /// Tabs, focus mode and the form's disclosures (`layout`).
    pub(super) layout: Layout,
    /// The last field removal, to take back (`undo`).
    pub(super) field_undo: FieldUndo,
    /// The open folder post's links that go nowhere (`refresh_links`).
    pub(super) broken_links: Rc<Vec<crate::site::links::LinkProblem>>,
    /// Checks the links a moment after the typing stops (`links_after_typing`).
    pub(super) links_timer: Option<gloo_timers::callback::Timeout>,
    /// Conflicts with another tab's save, shown to settle (`tab_conflict`).
    pub(super) tab_conflict: Option<super::tab_conflict::TabConflict>,
    /// A file imported again that a draft holds (`reimport`).
    pub(super) reimport: Option<super::reimport::Reimport>,
    /// The host's last `value`, to merge a new one with edits (`host_merge`).
    pub(super) host_merge: super::host_merge::HostMerge,
    /// The open draft's pictures (`images`).
    pub(super) images: LocalImages,
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
    pub(super) convert_draft: Callback<String>,
    pub(super) check_links: Callback<()>,
    pub(super) command: Callback<Action>,
    pub(super) import: Callback<Vec<web_sys::File>>,
    pub(super) attach_images: Callback<Vec<web_sys::File>>,
    pub(super) pick_field_image: Callback<(String, Vec<web_sys::File>)>,
    pub(super) new_draft: Callback<()>,
    pub(super) open_draft: Callback<String>,
    pub(super) duplicate_draft: Callback<String>,
    pub(super) delete_draft: Callback<String>,
    pub(super) search_drafts: Callback<String>,
    pub(super) restore_revision: Callback<u64>,
    pub(super) preview_revision: Callback<Option<u64>>,
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
            convert_draft: link.callback(Msg::ConvertDraft),
            check_links: link.callback(|_| Msg::CheckLinks),
            command: link.callback(Msg::Command),
            import: link.callback(Msg::Import),
            attach_images: link.callback(|files| Msg::Images(ImagesMsg::Attach(files))),
            pick_field_image: link
                .callback(|(key, files)| Msg::Images(ImagesMsg::AttachToField(key, files))),
            new_draft: link.callback(|_| Msg::NewDraft),
            open_draft: link.callback(Msg::OpenDraft),
            duplicate_draft: link.callback(Msg::DuplicateDraft),
            delete_draft: link.callback(Msg::DeleteDraft),
            search_drafts: link.callback(Msg::SearchDrafts),
            restore_revision: link.callback(Msg::RestoreRevision),
            preview_revision: link.callback(Msg::PreviewRevision),
            download_corrupt: link.callback(Msg::DownloadCorrupt),
            discard_corrupt: link.callback(Msg::DiscardCorrupt),
        }
    }
}

impl Editor {
    /// Tells the host when the save status changed (`postwright-status`).
    fn report_status(&mut self, ctx: &Context<Self>) {
        let status = self.session.as_ref().map(|s| s.workspace().status_text());
        if status != self.reported_status {
            self.reported_status = status;
            if let Some(status) = status {
                (ctx.props().host.on_status)(status);
            }
        }
    }
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let config = (*ctx.props().config).clone();
        let mut prefs = Prefs::new(&config);
        // The parts' timers and listeners talk back through this.
        let send = ctx.link().callback(|msg: Msg| msg);
        let opened = config
            .storage_key
            .as_deref()
            .map(|ns| Session::open(ns, &ctx.props().initial, send.clone(), &mut prefs));
        // The host's schema, else the fields of the generator chosen (as
        // the drafts' choices say).
        let (schema, schema_error) = schema_or(
            config.schema.as_deref(),
            crate::presets::schema(prefs.preset()),
        );
        let (text, cursor) = match &opened {
            Some(o) => (o.text.as_str(), o.cursor),
            None => (&*ctx.props().initial, None),
        };
        let doc = Document::new(text, Rc::new(schema));
        let host_merge = super::host_merge::HostMerge::new(&ctx.props().initial, text);
        let mut notices = Notices::default();
        if let Some(e) = schema_error {
            notices.push(Severity::Warning, e);
        }
        let session = opened.map(|opened| {
            if let Some(e) = opened.session.workspace().memory_only() {
                notices.push(Severity::Warning, e.to_string());
            }
            *ctx.props().host.value.borrow_mut() = opened.text;
            opened.session
        });
        let mut editor = Editor {
            doc,
            reported_status: session.as_ref().map(|s| s.workspace().status_text()),
            config,
            prefs,
            preview: PreviewSync::new(send),
            markdown: MarkdownBox::new(cursor),
            notices,
            session,
            pending_focus: None,
            folder: FolderLink::default(),
            panes_ref: NodeRef::default(),
            handlers: Handlers::new(ctx.link()),
            layout: Layout::new(ctx.link()),
            field_undo: FieldUndo::default(),
            broken_links: Rc::default(),
            links_timer: None,
            tab_conflict: None,
            reimport: None,
            host_merge,
            images: LocalImages::default(),
        };
        editor.follow_preset();
        editor.refresh_body();
        editor.start_images(ctx);
        editor.follow_images(ctx);
        editor
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first_render: bool) {
        if first_render {
            self.apply_split();
        }
        self.preview.apply();
        self.images.show_in(&self.preview.blocks_ref());
        self.markdown.rendered(self.doc.post().body());
        if let Some(id) = self.pending_focus.take() {
            let target = self
                .markdown
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
                | Msg::CheckLinks
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
        let render = match msg {
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
            Msg::ConvertDraft(key) => self.convert_draft(ctx, key),
            Msg::CheckLinks => self.refresh_links(),
            Msg::Command(action) => self.run_command(action),
            Msg::Committed => {
                (ctx.props().host.on_change)();
                false
            }
            Msg::SetValue(text) => self.set_value(ctx, text),
            Msg::SetOption(name, value) => self.set_option(name, value),
            Msg::SyncScroll => {
                self.sync_scroll(0);
                false
            }
            Msg::SettleScroll(pass) => {
                self.sync_scroll(pass);
                false
            }
            // The user's choices of look (`update_prefs`), and the notices.
            Msg::Split(pct) => self.set_split(pct),
            Msg::SetPreset(preset) => self.set_preset(ctx, preset),
            Msg::SetSiteUrl(url) => self.set_site_url(url),
            Msg::ToggleTheme => self.toggle_theme(),
            Msg::ToggleForm => self.toggle_form(),
            Msg::DismissAlert(id) => {
                self.notices.dismiss(id);
                true
            }
            // Files, a local folder, the clipboard (`update_files`).
            Msg::Import(list) => self.import_files(ctx, list),
            Msg::Imported(results) => self.open_imported(ctx, results),
            Msg::Export => self.export_post(ctx),
            Msg::SetPath(path) => self.set_path(path),
            Msg::ExportAll => self.export_all_drafts(ctx),
            Msg::OpenFolder => self.open_folder(ctx),
            Msg::FolderOpened(result) => self.folder_opened(ctx, result),
            Msg::OpenFolderPost(index) => self.open_folder_post(ctx, index),
            Msg::FolderPostRead(file, bytes) => self.folder_post_read(ctx, file, bytes),
            Msg::SaveToFolder => self.check_folder_file(ctx),
            Msg::FolderSave(msg) => self.folder_save(ctx, msg),
            Msg::Copy => self.copy_post(ctx),
            Msg::Copied(result) => self.copied(result),
            Msg::PastePost(text) => self.paste_post(ctx, text),
            // Autosaved drafts (`update_drafts`).
            Msg::SaveNow => {
                self.save_now();
                self.merge_other_tab(ctx);
                true
            }
            Msg::SaveBeforeLeaving => {
                self.save_all();
                true
            }
            Msg::FinishSave => self.finish_save(),
            Msg::StorageChanged(key) => self.storage_changed(ctx, key),
            Msg::Journal(event) => self.journal_event(ctx, event),
            Msg::NewDraft => self.new_draft(ctx),
            Msg::OpenDraft(id) => self.open_stored_draft(ctx, id),
            Msg::DuplicateDraft(id) => self.duplicate_draft(id),
            Msg::DeleteDraft(id) => self.delete_draft(ctx, id),
            Msg::UndoDelete => self.undo_delete(),
            Msg::SearchDrafts(query) => self.search_drafts(query),
            Msg::RestoreRevision(rev_id) => self.restore_revision(ctx, rev_id),
            Msg::PreviewRevision(rev_id) => self.preview_revision(rev_id),
            Msg::DownloadCorrupt(key) => self.download_corrupt(key),
            Msg::DiscardCorrupt(key) => self.discard_corrupt(key),
            Msg::KeepMine => self.keep_mine(),
            Msg::UseTheirs => self.use_theirs(ctx),
            Msg::TabConflict(msg) => self.tab_conflict(ctx, msg),
            Msg::Reimport(msg) => self.reimport_msg(ctx, msg),
            Msg::HostMerge(msg) => self.host_merge_msg(ctx, msg),
            // The post's pictures (`update_images`).
            Msg::Images(msg) => self.images_msg(ctx, msg),
        };
        self.follow_images(ctx);
        self.report_status(ctx);
        render
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        self.view_editor(ctx)
    }
}
