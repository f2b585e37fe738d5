//! Save to folder, never over what changed on disk: the file is read again
//! first and the core decides ([`crate::merge::disk::decide_save`]): the
//! editor's text is written when the file is as it was read; a clean merge
//! is written and the notice says what came from disk; conflicts write
//! nothing until settled in the conflict view; a file gone from disk is
//! reported and written anew only when the writer asks.

use std::rc::Rc;

use yew::prelude::*;

use super::conflict_view::ConflictView;
use super::editor::Editor;
use super::folder_link::DiskConflict;
use super::folder_pictures::place_pictures;
use super::msg::{post_of, Msg};
use crate::browser::folder::{self, FolderPost, OnDisk};
use crate::browser::BrowserError;
use crate::images::PicturesPlaced;
use crate::merge::disk::{decide_save, SaveDecision, Seen};
use crate::merge::Resolution;
use crate::validate::Severity;

pub enum FolderSaveMsg {
    /// The file as it is now, read before writing (`None`: not there).
    Checked(FolderPost, Result<Option<OnDisk>, BrowserError>),
    /// `text` was written (its new last-modified time); `merged`: what came from disk.
    Written {
        path: String,
        text: String,
        merged: Option<String>,
        result: Result<Option<f64>, BrowserError>,
        /// The post's pictures, written beside it after it.
        pictures: PicturesPlaced,
    },
    /// The conflict view's choices, one per conflict.
    Resolve(Vec<Resolution>),
    /// Close the conflict view; nothing is written.
    Cancel,
    /// The file was gone: write it anew, where it was.
    WriteAnew,
    WrittenAnew(String, Result<FolderPost, BrowserError>),
    /// The file was gone: leave it so.
    KeepGone,
}

impl Editor {
    /// `Msg::SaveToFolder`: reads the file again, then decides.
    pub(super) fn check_folder_file(&mut self, ctx: &Context<Self>) -> bool {
        let Some(file) = self.current_folder_file().cloned() else {
            return false;
        };
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let now = folder::read_now(&file).await;
            link.send_message(Msg::FolderSave(FolderSaveMsg::Checked(file, now)));
        });
        false
    }

    /// `Msg::FolderSave`.
    pub(super) fn folder_save(&mut self, ctx: &Context<Self>, msg: FolderSaveMsg) -> bool {
        match msg {
            FolderSaveMsg::Checked(file, now) => self.checked(ctx, file, now),
            FolderSaveMsg::Written {
                path,
                text,
                merged,
                result,
                pictures,
            } => {
                match result {
                    Ok(modified) => {
                        self.folder.set_seen(Seen::new(text, modified));
                        let saved = match merged {
                            Some(from_disk) => format!(
                                "Saved {path}, merged with what changed on disk since it was read: {from_disk}."
                            ),
                            None => format!("Saved {path}."),
                        };
                        let severity =
                            if pictures.different.is_empty() && pictures.failed.is_empty() {
                                Severity::Info
                            } else {
                                Severity::Warning
                            };
                        self.alert(severity, format!("{saved}{}", pictures.describe()));
                    }
                    Err(e) => self.not_saved(&e.to_string()),
                }
                true
            }
            FolderSaveMsg::Resolve(choices) => {
                let Some(conflict) = self.folder.conflict.take() else {
                    return false;
                };
                if self.doc.post().to_text() != conflict.mine {
                    // Edited since the view opened: the choices are about another text.
                    self.alert(Severity::Info, "The post changed while the conflicts were open: comparing with the file again.");
                    self.check_folder_file(ctx);
                    return true;
                }
                let text = conflict.merged.resolved(&choices);
                let cursor = self.markdown.cursor();
                self.show(ctx, &text, Some(cursor));
                self.publish(ctx);
                // The settled text holds the file as it was: save against that
                // (and so against anything newer on disk since).
                self.folder.set_seen(conflict.disk);
                self.check_folder_file(ctx);
                true
            }
            FolderSaveMsg::Cancel => {
                self.folder.conflict = None;
                self.alert(
                    Severity::Info,
                    "Not saved to the folder: the conflicts were left as they were.",
                );
                true
            }
            FolderSaveMsg::WriteAnew => {
                self.folder.gone = false;
                if let Some(file) = self.current_folder_file().cloned() {
                    let text = self.doc.post().to_text();
                    let link = ctx.link().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = folder::write_anew(&file, text.as_bytes()).await;
                        link.send_message(Msg::FolderSave(FolderSaveMsg::WrittenAnew(
                            text, result,
                        )));
                    });
                }
                true
            }
            FolderSaveMsg::WrittenAnew(text, result) => {
                match result {
                    Ok(file) => {
                        self.alert(Severity::Info, format!("Wrote {} anew.", file.path));
                        self.folder.set_seen(Seen::new(text, None));
                        self.folder.moved_to(file);
                    }
                    Err(e) => self.not_saved(&e.to_string()),
                }
                true
            }
            FolderSaveMsg::KeepGone => {
                self.folder.gone = false;
                true
            }
        }
    }

    fn checked(
        &mut self,
        ctx: &Context<Self>,
        file: FolderPost,
        now: Result<Option<OnDisk>, BrowserError>,
    ) -> bool {
        let Some(seen) = self.folder.seen() else {
            return false;
        };
        let disk = match now {
            Ok(Some(disk)) => match post_of(Ok(disk.bytes)) {
                Ok(post) => Some((post.to_text(), disk.modified_ms)),
                Err(e) => {
                    self.not_saved(&format!(
                        "{} changed on disk and is no post now ({e})",
                        file.path
                    ));
                    return true;
                }
            },
            Ok(None) => None,
            Err(e) => {
                self.not_saved(&e.to_string());
                return true;
            }
        };
        let mine = self.doc.post().to_text();
        let read = disk.as_ref().map(|(t, _)| t.clone()).unwrap_or_default();
        match decide_save(seen, disk.as_ref().map(|(t, _)| t.as_str()), &mine) {
            SaveDecision::Write(text) => self.write_file(ctx, file, read, text, None),
            SaveDecision::Merged { text, from_disk } => {
                let cursor = self.markdown.cursor();
                self.show(ctx, &text, Some(cursor));
                self.publish(ctx);
                self.write_file(ctx, file, read, text, Some(from_disk.join(", ")));
            }
            SaveDecision::Conflicts(merged) => {
                let (text, modified) = disk.unwrap_or_default();
                let conflicts = Rc::new(merged.conflicts().cloned().collect::<Vec<_>>());
                self.alert(
                    Severity::Warning,
                    format!(
                        "{} changed on disk too: nothing was written. Choose what to keep in the conflict view.",
                        file.path
                    ),
                );
                self.folder.conflict = Some(DiskConflict {
                    merged,
                    conflicts,
                    disk: Seen::new(text, modified),
                    mine,
                });
            }
            SaveDecision::Gone => self.folder.gone = true,
        }
        true
    }

    /// Writes `text` over the file, if it still holds `read` (what the
    /// decision was made on); if it changed again meanwhile, decides again.
    fn write_file(
        &mut self,
        ctx: &Context<Self>,
        file: FolderPost,
        read: String,
        text: String,
        merged: Option<String>,
    ) {
        let link = ctx.link().clone();
        let root = self.folder.root().cloned();
        let pictures = self.pictures_to_place(&file.path);
        wasm_bindgen_futures::spawn_local(async move {
            let now = folder::read_now(&file).await;
            let still = match &now {
                Ok(Some(disk)) => {
                    post_of(Ok(disk.bytes.clone())).is_ok_and(|p| p.to_text() == read)
                }
                _ => false,
            };
            if !still {
                link.send_message(Msg::FolderSave(FolderSaveMsg::Checked(file, now)));
                return;
            }
            let result = match folder::write(&file, text.as_bytes()).await {
                Ok(()) => Ok(folder::modified(&file).await),
                Err(e) => Err(e),
            };
            let pictures = match result {
                Ok(_) => place_pictures(root, pictures).await,
                Err(_) => PicturesPlaced::default(),
            };
            link.send_message(Msg::FolderSave(FolderSaveMsg::Written {
                path: file.path,
                text,
                merged,
                result,
                pictures,
            }));
        });
    }

    fn not_saved(&mut self, why: &str) {
        self.alert(
            Severity::Error,
            format!(
                "Not saved to the folder: {why}. The text is still here; Export it to keep a copy."
            ),
        );
    }

    /// A file gone from disk, with the choice to write it anew (among the notices).
    pub(super) fn folder_gone_view(&self, ctx: &Context<Self>) -> Html {
        let Some(file) = self.current_folder_file().filter(|_| self.folder.gone) else {
            return Html::default();
        };
        let link = ctx.link();
        html! {
            <div class="pw-alert pw-alert-error pw-alert-stacked" role="alert">
                <span>{ format!("{} is no longer in the folder: it was deleted or moved. Nothing was written.", file.path) }</span>
                <span class="pw-alert-actions">
                    <button type="button" onclick={link.callback(|_| Msg::FolderSave(FolderSaveMsg::WriteAnew))}>{"Write it anew"}</button>
                    <button type="button" onclick={link.callback(|_| Msg::FolderSave(FolderSaveMsg::KeepGone))}>{"Leave it"}</button>
                </span>
            </div>
        }
    }

    /// The conflicts of a save with what changed on disk, to settle.
    pub(super) fn folder_conflict_view(&self, ctx: &Context<Self>) -> Html {
        let (Some(conflict), Some(file)) = (&self.folder.conflict, self.current_folder_file())
        else {
            return Html::default();
        };
        let link = ctx.link();
        html! {
            <ConflictView conflicts={conflict.conflicts.clone()} id="pw-disk-conflict"
                title={format!("{} changed on disk while you edited it here. For each conflict, keep yours, theirs, or edit; nothing is written until then.", file.path)}
                theirs_label="On disk" resolve_label="Save resolved"
                on_resolve={link.callback(|c| Msg::FolderSave(FolderSaveMsg::Resolve(c)))}
                on_cancel={link.callback(|_| Msg::FolderSave(FolderSaveMsg::Cancel))} />
        }
    }
}
