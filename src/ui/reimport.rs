//! A file imported (or opened from a folder) again while a draft holds it:
//! offered as that draft opened, or the file merged into it (clean: shown
//! and saved; conflicts: the conflict view), or a new draft as before.

use std::rc::Rc;

use yew::prelude::*;

use super::conflict_view::ConflictView;
use super::editor::Editor;
use super::msg::Msg;
use crate::browser::folder::FolderPost;
use crate::drafts::ReImport;
use crate::merge::disk::{SaveDecision, Seen};
use crate::merge::{Conflict, Merged, Resolution};
use crate::post::Post;
use crate::validate::Severity;

pub(super) enum Reimport {
    /// Asking what to do with file `name` (its `text`), which draft `id` holds.
    Offer {
        name: String,
        text: String,
        id: String,
        title: String,
        /// The folder file it was opened from, with its last-modified time.
        folder: Option<(FolderPost, Option<f64>)>,
    },
    /// Merging it: the conflicts to settle, in the draft's text `mine`.
    Conflicts {
        name: String,
        merged: Merged,
        conflicts: Rc<Vec<Conflict>>,
        mine: String,
    },
}

pub enum ReimportMsg {
    Open,
    Merge,
    AsNew,
    Resolve(Vec<Resolution>),
    Cancel,
}

impl Editor {
    /// Whether file `name` is one a draft holds already: if so, it is
    /// opened (same text) or offered (`true`: nothing more to do now).
    pub(super) fn held_by_draft(
        &mut self,
        ctx: &Context<Self>,
        name: &str,
        post: &Post,
        folder: Option<(FolderPost, Option<f64>)>,
    ) -> bool {
        let text = post.to_text();
        let Some(found) = self
            .session
            .as_ref()
            .map(|s| s.workspace().reimport(name, &text))
        else {
            return false;
        };
        match found {
            ReImport::New => false,
            ReImport::Same(id) => {
                self.open_stored_draft(ctx, id.clone());
                self.alert(
                    Severity::Info,
                    format!("{name} is already a draft: opened it."),
                );
                self.link_folder_file(ctx, Some(id), folder, text);
                true
            }
            ReImport::Differs { id, title } => {
                self.reimport = Some(Reimport::Offer {
                    name: name.to_string(),
                    text,
                    id,
                    title,
                    folder,
                });
                true
            }
        }
    }

    fn link_folder_file(
        &mut self,
        ctx: &Context<Self>,
        id: Option<String>,
        folder: Option<(FolderPost, Option<f64>)>,
        text: String,
    ) {
        if let Some((file, modified)) = folder {
            // Save to folder then merges the draft with the file as read now.
            self.folder.opened_file(id, file, Seen::new(text, modified));
            self.load_folder_pictures(ctx);
        }
    }

    /// `Msg::Reimport`.
    pub(super) fn reimport_msg(&mut self, ctx: &Context<Self>, msg: ReimportMsg) -> bool {
        match (self.reimport.take(), msg) {
            (
                Some(Reimport::Offer {
                    id, folder, text, ..
                }),
                ReimportMsg::Open,
            ) => {
                self.open_stored_draft(ctx, id.clone());
                self.link_folder_file(ctx, Some(id), folder, text);
            }
            (
                Some(Reimport::Offer {
                    name, text, folder, ..
                }),
                ReimportMsg::AsNew,
            ) => {
                let post = Post::parse(&text);
                match folder {
                    Some((file, modified)) => self.open_folder_copy(ctx, file, post, modified),
                    None => self.import_posts(ctx, vec![(name, Ok(post))]),
                };
            }
            (
                Some(Reimport::Offer {
                    name,
                    text,
                    id,
                    folder,
                    ..
                }),
                ReimportMsg::Merge,
            ) => {
                self.save_now();
                let Some(session) = &mut self.session else {
                    return false;
                };
                let (draft, decision) = match session.workspace_mut().merge_file_into(&id, &text) {
                    Ok(answer) => answer,
                    Err(e) => {
                        self.alert(Severity::Error, e.to_string());
                        return true;
                    }
                };
                let cursor = draft.cursor;
                self.show_draft(ctx, draft);
                self.link_folder_file(ctx, Some(id), folder, text);
                match decision {
                    SaveDecision::Write(_) | SaveDecision::Gone => self.alert(
                        Severity::Info,
                        format!("The draft already holds everything in {name}."),
                    ),
                    SaveDecision::Merged { text, from_disk } => {
                        self.show(ctx, &text, Some(cursor));
                        self.publish(ctx);
                        self.alert(
                            Severity::Info,
                            format!(
                                "Merged {name} into its draft; from the file: {}.",
                                from_disk.join(", ")
                            ),
                        );
                    }
                    SaveDecision::Conflicts(merged) => {
                        self.alert(
                            Severity::Warning,
                            format!("{name} and its draft changed the same places: choose what to keep in the conflict view."),
                        );
                        self.reimport = Some(Reimport::Conflicts {
                            name,
                            conflicts: Rc::new(merged.conflicts().cloned().collect()),
                            merged,
                            mine: self.doc.post().to_text(),
                        });
                    }
                }
            }
            (
                Some(Reimport::Conflicts {
                    name, merged, mine, ..
                }),
                ReimportMsg::Resolve(choices),
            ) => {
                if self.doc.post().to_text() == mine {
                    let text = merged.resolved(&choices);
                    let cursor = self.markdown.cursor();
                    self.show(ctx, &text, Some(cursor));
                    self.publish(ctx);
                    self.alert(Severity::Info, format!("Merged {name} into its draft."));
                } else {
                    self.alert(
                        Severity::Warning,
                        format!(
                            "The draft changed meanwhile: {name} was not merged; import it again."
                        ),
                    );
                }
            }
            (_, ReimportMsg::Cancel) => {}
            (other, _) => self.reimport = other,
        }
        true
    }

    /// The offer, among the notices: open the draft, merge, or a new draft.
    pub(super) fn reimport_offer_view(&self, ctx: &Context<Self>) -> Html {
        let Some(Reimport::Offer { name, title, .. }) = &self.reimport else {
            return Html::default();
        };
        let link = ctx.link();
        let send = |m: fn() -> ReimportMsg| link.callback(move |_: MouseEvent| Msg::Reimport(m()));
        html! {
            <div class="pw-alert pw-alert-warning pw-alert-stacked" role="alert">
                <span>{ format!("{name} is already a draft (“{title}”), with other text.") }</span>
                <span class="pw-alert-actions">
                    <button type="button" onclick={send(|| ReimportMsg::Open)}>{"Open the draft"}</button>
                    <button type="button" onclick={send(|| ReimportMsg::Merge)}>{"Merge the file into it"}</button>
                    <button type="button" onclick={send(|| ReimportMsg::AsNew)}>{"Import as a new draft"}</button>
                    <button type="button" onclick={send(|| ReimportMsg::Cancel)}>{"Cancel"}</button>
                </span>
            </div>
        }
    }

    /// The conflicts of the file with its draft, to settle.
    pub(super) fn reimport_conflict_view(&self, ctx: &Context<Self>) -> Html {
        let Some(Reimport::Conflicts {
            name, conflicts, ..
        }) = &self.reimport
        else {
            return Html::default();
        };
        let link = ctx.link();
        html! {
            <ConflictView conflicts={conflicts.clone()} id="pw-reimport-conflict"
                title={format!("{name} and its draft changed the same places. For each conflict, keep the draft's, the file's, or edit.")}
                theirs_label="File" resolve_label="Use resolved"
                on_resolve={link.callback(|c| Msg::Reimport(ReimportMsg::Resolve(c)))}
                on_cancel={link.callback(|_| Msg::Reimport(ReimportMsg::Cancel))} />
        }
    }
}
