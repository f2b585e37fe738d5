//! The messages that move posts in and out: import files, export one post
//! or every draft, a local blog folder (open, read a post, write it back),
//! copy to the clipboard, a whole post pasted.

use std::rc::Rc;

use yew::prelude::*;

use super::editor::Editor;
use super::msg::Msg;
use crate::browser::{files, folder};
use crate::export::{self, PostNames};
use crate::post::Post;
use crate::validate::Severity;

impl Editor {
    /// `Msg::Import`: reads the files, then `Msg::Imported` renders.
    pub(super) fn import_files(&mut self, ctx: &Context<Self>, list: Vec<web_sys::File>) -> bool {
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut out = Vec::new();
            for file in list {
                let name = file.name();
                let post = files::read_bytes(&file)
                    .await
                    .and_then(|bytes| Post::from_bytes(&bytes).map_err(|e| e.to_string()));
                out.push((name, post));
            }
            link.send_message(Msg::Imported(out));
        });
        false
    }

    /// `Msg::Imported`.
    pub(super) fn open_imported(
        &mut self,
        ctx: &Context<Self>,
        results: Vec<(String, Result<Post, String>)>,
    ) -> bool {
        self.save_now();
        let untouched = self.untouched_draft();
        let mut opened = false;
        for (name, result) in results {
            match result {
                Ok(post) => {
                    // With drafts, every file becomes a draft; the first one is opened.
                    let text = post.to_text();
                    let created = self.session.as_ref().map(|s| s.create_draft(&post));
                    match created {
                        Some(Err(e)) => {
                            self.alert(
                                Severity::Error,
                                format!("{name} was opened but not stored: {e}"),
                            );
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
                            self.alert(
                                Severity::Info,
                                format!(
                                    "{name}: this editor holds one post; import it on its own."
                                ),
                            );
                            continue;
                        }
                    }
                    let first = !opened;
                    opened = true;
                    self.alert(Severity::Info, format!("Imported {name}."));
                    if first {
                        self.suggest_preset(&name, &post);
                    }
                }
                Err(e) => self.alert(Severity::Error, not_imported(&name, &e)),
            }
        }
        self.drop_untouched(untouched);
        if let Some(s) = &mut self.session {
            s.refresh_lists();
        }
        true
    }

    /// `Msg::Export`.
    pub(super) fn export_post(&mut self) -> bool {
        let name = self.export_name();
        if let Err(e) = files::download(&name, self.post.to_text().as_bytes(), "text/markdown") {
            self.alert(Severity::Error, format!("Export failed: {e}"));
        }
        true
    }

    /// `Msg::ExportAll`.
    pub(super) fn export_all_drafts(&mut self) -> bool {
        self.save_now();
        match self.export_all() {
            Ok((count, bytes)) => {
                if let Err(e) = files::download("postwright-drafts.zip", &bytes, "application/zip")
                {
                    self.alert(Severity::Error, format!("Export failed: {e}"));
                } else {
                    self.alert(
                        Severity::Info,
                        format!(
                            "Exported {}.",
                            crate::wording::counted(count, "draft", "drafts")
                        ),
                    );
                }
            }
            Err(e) => self.alert(Severity::Error, format!("Export failed: {e}")),
        }
        true
    }

    /// `Msg::OpenFolder`: asks for a folder, then `Msg::FolderOpened` renders.
    pub(super) fn open_folder(&mut self, ctx: &Context<Self>) -> bool {
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            link.send_message(Msg::FolderOpened(folder::open().await))
        });
        false
    }

    /// `Msg::FolderOpened`.
    pub(super) fn folder_opened(
        &mut self,
        result: Result<(String, Vec<folder::FolderPost>), String>,
    ) -> bool {
        match result {
            Ok((name, posts)) => {
                self.alert(
                    Severity::Info,
                    format!(
                        "Opened folder {name}: {}.",
                        crate::wording::counted(posts.len(), "post", "posts")
                    ),
                );
                self.folder = Some((name, Rc::new(posts)));
            }
            // Closing the picker is not an error worth an alert.
            Err(e) if e.contains("AbortError") => return false,
            Err(e) => self.alert(Severity::Error, format!("Could not open the folder: {e}")),
        }
        true
    }

    /// `Msg::OpenFolderPost`: reads the file, then `Msg::FolderPostRead` renders.
    pub(super) fn open_folder_post(&mut self, ctx: &Context<Self>, index: usize) -> bool {
        self.save_now();
        if let Some(post) = self
            .folder
            .as_ref()
            .and_then(|(_, posts)| posts.get(index).cloned())
        {
            let link = ctx.link().clone();
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = folder::read(&post).await;
                link.send_message(Msg::FolderPostRead(post, bytes));
            });
        }
        false
    }

    /// `Msg::FolderPostRead`.
    pub(super) fn folder_post_read(
        &mut self,
        ctx: &Context<Self>,
        file: folder::FolderPost,
        bytes: Result<Vec<u8>, String>,
    ) -> bool {
        let post = bytes.and_then(|b| Post::from_bytes(&b).map_err(|e| e.to_string()));
        let untouched = self.untouched_draft();
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
                self.drop_untouched(untouched);
            }
            Err(e) => self.alert(
                Severity::Error,
                format!("{} was not opened: {e}", file.path),
            ),
        }
        true
    }

    /// `Msg::SaveToFolder`: writes the file, then `Msg::SavedToFolder` renders.
    pub(super) fn save_to_folder(&mut self, ctx: &Context<Self>) -> bool {
        if let Some((_, file)) = self.current_folder_file() {
            let file = file.clone();
            let bytes = self.post.to_text().into_bytes();
            let link = ctx.link().clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = folder::write(&file, &bytes)
                    .await
                    .map(|()| file.path.clone());
                link.send_message(Msg::SavedToFolder(result));
            });
        }
        false
    }

    /// `Msg::SavedToFolder`.
    pub(super) fn saved_to_folder(&mut self, result: Result<String, String>) -> bool {
        match result {
            Ok(path) => self.alert(Severity::Info, format!("Saved {path}.")),
            Err(e) => self.alert(Severity::Error, format!("Not saved to the folder: {e}. The text is still here; Export it to keep a copy.")),
        }
        true
    }

    /// `Msg::Copy`: copies, then `Msg::Copied` renders.
    pub(super) fn copy_post(&mut self, ctx: &Context<Self>) -> bool {
        let text = self.post.to_text();
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            link.send_message(Msg::Copied(files::copy_text(&text).await));
        });
        false
    }

    /// `Msg::Copied`.
    pub(super) fn copied(&mut self, result: Result<(), String>) -> bool {
        match result {
            Ok(()) => self.alert(Severity::Info, "Copied the post to the clipboard."),
            Err(e) => self.alert(
                Severity::Error,
                format!("Could not copy to the clipboard: {e}"),
            ),
        }
        true
    }

    /// `Msg::PastePost`.
    pub(super) fn paste_post(&mut self, ctx: &Context<Self>, text: String) -> bool {
        self.show(ctx, &text, None);
        self.publish(ctx);
        self.alert(
            Severity::Info,
            "Pasted a whole post: its front matter is in the form.",
        );
        true
    }

    pub(super) fn export_name(&self) -> String {
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
    pub(super) fn current_folder_file(&self) -> Option<&(Option<String>, folder::FolderPost)> {
        let current = self.session.as_ref().map(|s| s.id.clone());
        self.folder_file
            .as_ref()
            .filter(|(draft, _)| draft.is_none() || *draft == current)
    }
}

/// Why a file was not imported, in whole sentences. An image gets a hint
/// instead: it is dropped or chosen by people who mean to show it.
fn not_imported(name: &str, error: &str) -> String {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let image = matches!(
        ext.as_deref(),
        Some("png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "svg")
    );
    if image {
        return format!(
            "{name} is an image, not a post; nothing was replaced. To show it, add it to your site and write ![what it shows](/path/to/{name}) in the Markdown."
        );
    }
    let error = error.trim_end();
    let stop = if error.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    format!("{name} was not imported. {error}{stop} Nothing was replaced.")
}
