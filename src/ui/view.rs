//! What the editor shows: its bar, alerts, side panels, front matter form,
//! and the Markdown and preview panes with the splitter between them.

use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use super::drafts_panel::DraftsPanel;
use super::editor::Editor;
use super::file_buttons::{file_list, FileButtons};
use super::focus;
use super::form::{problem_line, FrontMatterForm};
use super::images::ImagesMsg;
use super::layout::{LayoutMsg, Pane};
use super::msg::{BodyChange, Msg};
use super::preview::Preview;
use super::raw::{RawFrontMatter, RawProblem};
use super::toast::Notice;
use super::toolbar::Toolbar;
use super::update_prefs::prefers_dark;
use crate::browser::{folder, textarea};
use crate::drafts::SaveStatus;
use crate::editing::Action;
use crate::export::Preset;
use crate::images::attach::looks_like_picture;
use crate::post::Post;
use crate::validate::{Diagnostic, Severity};

impl Editor {
    /// The whole editor: the bar, the alerts, the side panels, the form and the panes.
    pub(super) fn view_editor(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let theme = match self.prefs.dark() {
            Some(true) => "pw-theme-dark",
            Some(false) => "pw-theme-light",
            None => "pw-theme-auto",
        };
        let dark_now = self.prefs.dark().unwrap_or_else(prefers_dark);
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
        let focus_mode = self.layout.focus_mode;
        let save_key = link.batch_callback(move |e: KeyboardEvent| {
            let modifier = (e.ctrl_key() || e.meta_key()) && !e.alt_key();
            let msg = match e.key().as_str() {
                k if modifier && !e.shift_key() && k.eq_ignore_ascii_case("s") => Msg::SaveNow,
                // Ctrl/Cmd+Shift+F: distraction-free writing, and back.
                k if modifier && e.shift_key() && k.eq_ignore_ascii_case("f") => {
                    Msg::Layout(LayoutMsg::ToggleFocusMode)
                }
                "Escape" if focus_mode => Msg::Layout(LayoutMsg::LeaveFocusMode),
                _ => return None,
            };
            e.prevent_default();
            Some(msg)
        });
        let onchange = link.callback(|_: Event| Msg::Committed);
        let onscroll = link.callback(|_: Event| Msg::SyncScroll);
        let undo_label = self.field_undo.pending(self.doc.post().front_matter());
        // Ctrl/Cmd+Z in the form takes back a field's removal (while it can be).
        let can_undo = undo_label.is_some();
        let form_keys = link.batch_callback(move |e: KeyboardEvent| {
            let undo = can_undo
                && (e.ctrl_key() || e.meta_key())
                && !e.shift_key()
                && !e.alt_key()
                && e.key().eq_ignore_ascii_case("z");
            undo.then(|| {
                e.prevent_default();
                Msg::UndoRemoveField
            })
        });
        let ondrop = link.batch_callback(|e: DragEvent| {
            e.prevent_default();
            let files = e
                .data_transfer()
                .and_then(|d| d.files())
                .map(file_list)
                .unwrap_or_default();
            // Pictures go into the post; other files are imported as posts.
            let (pictures, posts): (Vec<_>, Vec<_>) = files
                .into_iter()
                .partition(|f| looks_like_picture(&f.name(), &f.type_()));
            let mut msgs = Vec::new();
            if !pictures.is_empty() {
                msgs.push(Msg::Images(ImagesMsg::Attach(pictures)));
            }
            if !posts.is_empty() {
                msgs.push(Msg::Import(posts));
            }
            msgs
        });
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let title = self.doc.title().map(AttrValue::from);
        // Each problem once: beside its field or under Raw front matter when
        // the form is beside the writing, the rest above (on a phone, all).
        let beside = self.prefs.form_open() && !self.layout.narrow;
        let problems: Vec<&Diagnostic> = self.doc.problems_at_top(beside);
        let raw_problem = self
            .doc
            .syntax_problem()
            .filter(|_| beside)
            .map(|(d, at)| RawProblem {
                message: AttrValue::from(d.message.clone()),
                line: at.line,
                column: at.column,
            });
        let stats = self.preview.stats();
        let h = &self.handlers;
        let onpaste = link.batch_callback(|e: Event| {
            let e: web_sys::ClipboardEvent = e.unchecked_into();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let pictures: Vec<_> = e
                .clipboard_data()
                .and_then(|d| d.files())
                .map(file_list)
                .unwrap_or_default()
                .into_iter()
                .filter(|f| looks_like_picture(&f.name(), &f.type_()))
                .collect();
            if !pictures.is_empty() {
                e.prevent_default();
                return Some(Msg::Images(ImagesMsg::Attach(pictures)));
            }
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
            let ws = s.workspace();
            html! {
                <>
                    if ws.conflict().is_some() {
                        <div class="pw-alert pw-alert-error" role="alert">
                            <span>{"This draft was changed in another tab while you were editing it here. Your version is not saved yet."}</span>
                            <span class="pw-alert-actions">
                                <button type="button" onclick={link.callback(|_| Msg::KeepMine)}>{"Keep mine"}</button>
                                <button type="button" onclick={link.callback(|_| Msg::UseTheirs)}>{"Use theirs"}</button>
                                <button type="button" onclick={link.callback(|_| Msg::TabConflict(super::tab_conflict::TabConflictMsg::Open))}>{"Choose per field"}</button>
                            </span>
                        </div>
                    }
                    if let SaveStatus::Failed(reason) = ws.status() {
                        <div class="pw-alert pw-alert-error" role="alert">
                            <span>{ reason }</span>
                            <span class="pw-alert-actions">
                                <button type="button" onclick={link.callback(|_| Msg::Export)}>{"Export now"}</button>
                                <button type="button" onclick={link.callback(|_| Msg::SaveNow)}>{"Retry"}</button>
                            </span>
                        </div>
                    }
                    if let Some(title) = ws.deleted_title() {
                        <div class="pw-alert pw-alert-info" role="status">
                            <span>{ format!("Deleted “{title}”.") }</span>
                            <button type="button" onclick={link.callback(|_| Msg::UndoDelete)}>{"Undo"}</button>
                        </div>
                    }
                </>
            }
        });
        let drafts_panel = self.session.as_ref().map(|s| {
            let ws = s.workspace();
            html! {
            <DraftsPanel drafts={ws.drafts().to_vec()} current={ws.open_id().to_string()} query={ws.query().to_string()}
                revisions={ws.revisions().to_vec()} corrupt={ws.corrupt().to_vec()} status={ws.status_text().to_string()}
                on_new={h.new_draft.clone()} on_open={h.open_draft.clone()}
                on_duplicate={h.duplicate_draft.clone()} on_delete={h.delete_draft.clone()}
                on_search={h.search_drafts.clone()} on_restore={h.restore_revision.clone()}
                previewed={ws.previewed().map(|r| (r.rev_id, AttrValue::from(r.text.clone())))} on_preview={h.preview_revision.clone()}
                on_download_corrupt={h.download_corrupt.clone()} on_discard_corrupt={h.discard_corrupt.clone()} />
            }
        });
        // Where the post will be written: shown in File name and read by the publish status.
        let export_path = self.export_path();

        // Keyed parts, put in the order the page reads them
        // (`Layout::reading_order`): they move, they are not made again.
        let with_side = drafts_panel.is_some() || self.folder.is_open();
        let side = with_side.then(|| {
            html! {
                        <div class="pw-side" key="side">
                            { for drafts_panel }
                            { self.folder_panel(ctx) }
                        </div>
            }
        });
        let meta = html! {
                <div class="pw-meta" key="meta" onkeydown={form_keys}>
                    <button type="button" class="pw-disclosure" aria-expanded={self.prefs.form_open().to_string()} aria-controls="pw-form-body"
                        onclick={link.callback(|_| Msg::ToggleForm)}>{ if self.prefs.form_open() { "Hide front matter" } else { "Show front matter" } }</button>
                    <div id="pw-form-body" hidden={!self.prefs.form_open()}>
                        <FrontMatterForm fields={self.doc.fields().clone()} schema={self.doc.schema().clone()} diagnostics={self.doc.diagnostics().clone()}
                            broken={self.doc.broken()} readonly={self.config.readonly || self.config.disabled}
                            base_url={self.base_url().map(AttrValue::from)}
                            on_set={h.set_field.clone()}
                            on_remove={h.remove_field.clone()}
                            on_add={h.add_field.clone()}
                            on_fix={h.fix.clone()}
                            show_all={self.prefs.more_fields()} notes={beside}
                            on_show_all={self.layout.callbacks.show_all.clone()}
                            draft_key={crate::presets::DraftKey::of(self.prefs.preset())}
                            nested={self.doc.nested().clone()}
                            on_convert_draft={h.convert_draft.clone()}
                            on_pick_image={h.pick_field_image.clone()} local_images={self.images.sources()} />
                        <RawFrontMatter front_matter={AttrValue::from(self.doc.post().front_matter().to_string())}
                            open={self.layout.raw_open} broken={self.doc.broken()} problem={raw_problem}
                            readonly={self.config.readonly} disabled={self.config.disabled}
                            on_toggle={self.layout.callbacks.toggle_raw.clone()}
                            on_input={self.layout.callbacks.raw_input.clone()} on_change={self.layout.callbacks.committed.clone()} />
                    </div>
                </div>
        };
        let writing = html! {
                <div class="pw-writing" key="writing">
                { self.pane_tabs(ctx) }
                <div class={classes!("pw-panes", (self.layout.tab == Pane::Preview).then_some("pw-show-preview"))} ref={self.panes_ref.clone()}>
                    <div class="pw-pane pw-source" id="pw-write-panel" role="tabpanel" aria-labelledby="pw-tab-write">
                        <Toolbar on_action={h.command.clone()} on_pick_images={h.attach_images.clone()} disabled={self.config.readonly || self.config.disabled} />
                        <label for="pw-markdown" class="pw-label">{"Markdown"}</label>
                        <textarea id="pw-markdown" class="pw-markdown" ref={self.markdown.node_ref()}
                            {oninput} {onkeydown} {onchange} {onscroll} {onpaste}
                            readonly={self.config.readonly} disabled={self.config.disabled} spellcheck="true" />
                        <div class="pw-status-row">
                            <span class="pw-status">{ format!("{} · {} min read", crate::wording::counted(stats.words, "word", "words"), stats.reading_minutes) }</span>
                            { { let publish = self.publish_status(&export_path);
                              // Cut short on a phone: the whole line on hover.
                              html! { <span class="pw-publish" role="status" title={publish.clone()}>{ publish }</span> } } }
                            // The open folder post's links that go nowhere (all of them on hover).
                            if let Some(line) = crate::site::links::summary(&self.broken_links) {
                                <span class="pw-links" role="status"
                                    title={self.broken_links.iter().map(|p| format!("Line {}, column {}: {}", p.line, p.column, p.message)).collect::<Vec<_>>().join("\n")}>
                                    { line }
                                </span>
                            }
                            // Below the writing, not in the toolbar's row: it stays,
                            // with the count, when everything else goes.
                            <button type="button" class="pw-focus-toggle" aria-pressed={focus_mode.to_string()}
                                aria-keyshortcuts="Control+Shift+F" data-tip="Only the writing, the whole window (Ctrl+Shift+F; Esc leaves)"
                                aria-label="Focus mode" onclick={link.callback(|_| Msg::Layout(LayoutMsg::ToggleFocusMode))}>{"Focus"}</button>
                        </div>
                    </div>
                    { self.splitter(ctx) }
                    <div class="pw-pane pw-preview-pane" id="pw-preview-panel" role="tabpanel" aria-labelledby="pw-tab-preview">
                        <Preview {title} node_ref={self.preview.pane_ref()} blocks_ref={self.preview.blocks_ref()} />
                    </div>
                </div>
                </div>
        };
        // A merge's conflicts to settle come first, whichever way the page reads.
        let conflicts = html! {
            <div class="pw-conflict-slot" key="conflicts">
                { self.folder_conflict_view(ctx) }
                { self.tab_conflict_view(ctx) }
                { self.reimport_conflict_view(ctx) }
                { self.host_conflict_view(ctx) }
            </div>
        };
        let body_parts = self.layout.reading_order(side, conflicts, meta, writing);

        html! {
            <div class={classes!("pw-editor", theme, focus_mode.then_some("pw-focus-mode"))} {ondrop} {ondragover} onkeydown={save_key}>
                // The first Tab stop: past the bar, the drafts and the form.
                <a class="pw-skip" href="#pw-markdown" onclick={link.callback(|e: MouseEvent| {
                    e.prevent_default();
                    Msg::Layout(LayoutMsg::SkipToWriting)
                })}>{"Skip to writing"}</a>
                <header class="pw-bar">
                    <span class="pw-brand">{"Postwright"}</span>
                    <FileButtons on_import={h.import.clone()} />
                    <label class="pw-file-name">{"File name "}
                        <input type="text" class="pw-input pw-mono" spellcheck="false" value={export_path.clone()}
                            disabled={self.session.is_none()} title="Where Export and Save to folder put this post"
                            onchange={link.callback(|e: Event| Msg::SetPath(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))} />
                    </label>
                    <button type="button" onclick={link.callback(|_| Msg::Export)} title={format!("Download {}", self.export_name())}>{"Export"}</button>
                    if self.session.is_some() {
                        <button type="button" onclick={link.callback(|_| Msg::ExportAll)}>{"Export all"}</button>
                    }
                    <button type="button" onclick={link.callback(|_| Msg::Copy)}>{"Copy"}</button>
                    // Only where the browser can open folders: absent, not broken, elsewhere.
                    if folder::supported() {
                        <button type="button" onclick={link.callback(|_| Msg::OpenFolder)}>{"Open folder"}</button>
                    }
                    if let Some(file) = self.current_folder_file() {
                        <button type="button" onclick={link.callback(|_| Msg::SaveToFolder)} title={format!("Write {} back", file.path)}>{"Save to folder"}</button>
                    }
                    <label class="pw-preset">{"Generator "}
                        <select onchange={link.batch_callback(|e: Event| {
                            Preset::from_id(&e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()).map(Msg::SetPreset)
                        })}>
                            { for Preset::ALL.iter().map(|p| html! { <option value={p.id()} selected={*p == self.prefs.preset()}>{ p.label() }</option> }) }
                        </select>
                    </label>
                    // A host that gives a base URL knows its site; a blogger
                    // using the editor on its own says where theirs is.
                    if self.config.base_url.is_none() {
                        <label class="pw-site-url">{"Site URL "}
                            <input type="url" class="pw-input" placeholder="https://example.com/" spellcheck="false"
                                value={self.prefs.site_url().unwrap_or_default().to_string()}
                                onchange={link.callback(|e: Event| Msg::SetSiteUrl(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))} />
                        </label>
                    }
                    <span class="pw-spacer"></span>
                    <button type="button" aria-pressed={dark_now.to_string()} onclick={link.callback(|_| Msg::ToggleTheme)}>{"Dark theme"}</button>
                </header>

                <div class="pw-alerts">
                    if !problems.is_empty() || !self.doc.body_problems().is_empty() {
                        <div class="pw-alert pw-alert-problems" role="alert">
                            { for problems.iter().map(|d| match self.doc.syntax_problem() {
                                // Broken front matter: at the Raw box's line, as there.
                                Some((s, at)) if std::ptr::eq(s, *d) => html! {
                                    <p class="pw-error">{ format!("Raw front matter, line {}, column {}: {}", at.line, at.column, d.message) }</p>
                                },
                                _ => problem_line(d, &h.fix),
                            }) }
                            // The body's, at the Markdown box's lines.
                            { for self.doc.body_problems().iter().map(|p| html! {
                                <p class="pw-warning">{ format!("Markdown, line {}, column {}: {}", p.line, p.column, p.message) }</p>
                            }) }
                        </div>
                    }
                </div>

                // Notices float over the corner (a toast region): as they come
                // and go the writing does not move. Those of the session first,
                // then the others in a box of their own, so that neither moves
                // the other's nodes (moving a node drops its focus).
                <div class="pw-toasts">
                    { for session_alerts }
                    { self.folder_gone_view(ctx) }
                    { self.reimport_offer_view(ctx) }
                    { self.resize_offers(ctx) }
                    if let Some(label) = undo_label {
                        <div class="pw-alert pw-alert-info" role="status">
                            <span>{ format!("Removed {label}.") }</span>
                            <button type="button" onclick={link.callback(|_| Msg::UndoRemoveField)}>{"Undo"}</button>
                        </div>
                    }
                    if !self.notices.is_empty() {
                        <div class="pw-notices">
                        { for self.notices.iter().map(|a| {
                            let id = a.id;
                            let role = if a.severity == Severity::Info { "status" } else { "alert" };
                            let transient = a.severity == Severity::Info && a.use_preset.is_none();
                            html! {
                                <Notice key={a.id} {id} {transient} class={classes!("pw-alert", severity_class(a.severity))} {role}
                                    on_dismiss={link.callback(Msg::DismissAlert)}>
                                    <span>{ &a.text }</span>
                                    if let Some(p) = a.use_preset {
                                        <button type="button" onclick={link.callback(move |_| Msg::SetPreset(p))}>{ format!("Use {}", p.label()) }</button>
                                    }
                                    <button type="button" class="pw-icon-button" aria-label="Dismiss" onclick={link.callback(move |e: MouseEvent| {
                                        focus::to_neighbour(&e, ".pw-alert", "button", ".pw-editor", ".pw-markdown");
                                        Msg::DismissAlert(id)
                                    })}>{"×"}</button>
                                </Notice>
                            }
                        }) }
                        </div>
                    }
                </div>

                <div class={classes!("pw-body", with_side.then_some("pw-with-drafts"))}>
                { for body_parts }
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
        "Tab" if !modifier => Some(if e.shift_key() {
            Action::Outdent
        } else {
            Action::Indent
        }),
        "Enter" if !modifier && !e.shift_key() => Some(Action::Newline),
        _ => None,
    }
}
