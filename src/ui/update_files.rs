//! The messages that move posts in and out: import files, export one post
//! or every draft, a local blog folder (open, read a post, write it back),
//! copy to the clipboard, a whole post pasted.

use yew::prelude::*;

use super::editor::Editor;
use super::msg::{post_of, Msg, NotRead};
use super::session::now;
use crate::browser::{files, folder, BrowserError};
use crate::drafts::Imported;
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
                out.push((name, post_of(files::read_bytes(&file).await)));
            }
            link.send_message(Msg::Imported(out));
        });
        false
    }

    /// `Msg::Imported`. One file a draft already holds is offered as that
    /// draft instead (`reimport`); otherwise [`Self::import_posts`].
    pub(super) fn open_imported(
        &mut self,
        ctx: &Context<Self>,
        results: Vec<(String, Result<Post, NotRead>)>,
    ) -> bool {
        if let [(name, Ok(post))] = results.as_slice() {
            self.save_now();
            if self.held_by_draft(ctx, name, post, None) {
                return true;
            }
        }
        self.import_posts(ctx, results)
    }

    /// With drafts, every file becomes a draft and the first one is opened
    /// (see [`crate::drafts::Workspace::import`]); without, the editor holds
    /// the first post only.
    pub(super) fn import_posts(
        &mut self,
        ctx: &Context<Self>,
        results: Vec<(String, Result<Post, NotRead>)>,
    ) -> bool {
        self.save_now();
        let mut batch = self
            .session
            .as_ref()
            .map(|s| s.workspace().begin_import(self.doc.post()));
        let mut shown = false;
        for (name, result) in results {
            let post = match result {
                Ok(post) => post,
                Err(e) => {
                    self.alert(Severity::Error, not_imported(&name, &e.to_string()));
                    continue;
                }
            };
            let first = match (&mut self.session, &mut batch) {
                (Some(s), Some(batch)) => {
                    match s.workspace_mut().import(batch, &post, &name, now()) {
                        Imported::Opened(draft) => {
                            self.show_draft(ctx, *draft);
                            true
                        }
                        Imported::Stored => false,
                        Imported::NotStored { first, error } => {
                            self.alert(
                                Severity::Error,
                                format!("{name} was opened but not stored: {error}"),
                            );
                            if first {
                                self.show(ctx, &post.to_text(), None);
                                self.publish(ctx);
                            }
                            continue;
                        }
                    }
                }
                _ if !shown => {
                    self.show(ctx, &post.to_text(), None);
                    self.publish(ctx);
                    true
                }
                _ => {
                    self.alert(
                        Severity::Info,
                        format!("{name}: this editor holds one post; import it on its own."),
                    );
                    continue;
                }
            };
            shown = true;
            self.alert(Severity::Info, format!("Imported {name}."));
            if first {
                self.suggest_preset(&name, &post);
            }
        }
        if let (Some(s), Some(batch)) = (&mut self.session, batch) {
            s.workspace_mut().end_import(batch, now());
        }
        true
    }

    /// `Msg::Export`.
    pub(super) fn export_post(&mut self, ctx: &Context<Self>) -> bool {
        if !self.images.pictures().is_empty() {
            return self.export_post_with_images(ctx);
        }
        let name = self.export_name();
        if let Err(e) =
            files::download(&name, self.doc.post().to_text().as_bytes(), "text/markdown")
        {
            self.alert(Severity::Error, format!("Export failed: {e}"));
        }
        true
    }

    /// `Msg::ExportAll`.
    pub(super) fn export_all_drafts(&mut self, ctx: &Context<Self>) -> bool {
        self.save_now();
        if self.images.store().is_some() {
            return self.export_all_with_images(ctx);
        }
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

    /// `Msg::FolderOpened`. The site's configuration, read (never run),
    /// chooses the generator and the Site URL, and tells the publish status
    /// its permalinks, time zone and whether future posts are built.
    pub(super) fn folder_opened(
        &mut self,
        ctx: &Context<Self>,
        result: Result<folder::Opened, BrowserError>,
    ) -> bool {
        match result {
            Ok(folder::Opened {
                name,
                posts,
                config: config_files,
                root,
            }) => {
                let files: Vec<(&str, &str)> = config_files
                    .iter()
                    .map(|(n, t)| (n.as_str(), t.as_str()))
                    .collect();
                let site = match crate::site::config::read(&files) {
                    Ok(site) => site,
                    Err(e) => {
                        self.alert(Severity::Warning, format!("Could not read {e}"));
                        None
                    }
                };
                let read = site
                    .as_ref()
                    .map(|s| format!(" {}", s.describe()))
                    .unwrap_or_default();
                self.alert(
                    Severity::Info,
                    format!(
                        "Opened folder {name}: {}.{read}",
                        crate::wording::counted(posts.len(), "post", "posts")
                    ),
                );
                let generator = site
                    .as_ref()
                    .filter(|s| !s.suits(self.prefs.preset()))
                    .and_then(|s| s.generator);
                let url = site.as_ref().and_then(|s| s.base_url.clone());
                self.folder.opened(name, posts, site, root);
                match generator {
                    Some(preset) => {
                        self.set_preset(ctx, preset);
                    }
                    // The same generator: its fields, with the site's taxonomies.
                    None => self.follow_preset(),
                }
                if let Some(url) = url {
                    self.set_site_url(url);
                }
            }
            // Closing the picker is not an error worth an alert.
            Err(BrowserError::Aborted(_)) => return false,
            Err(e) => self.alert(Severity::Error, format!("Could not open the folder: {e}")),
        }
        true
    }

    /// `Msg::OpenFolderPost`: reads the file, then `Msg::FolderPostRead` renders.
    pub(super) fn open_folder_post(&mut self, ctx: &Context<Self>, index: usize) -> bool {
        self.save_now();
        if let Some(post) = self.folder.post(index) {
            let link = ctx.link().clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = folder::read_now(&post).await.and_then(|now| {
                    now.ok_or_else(|| BrowserError::Failed("it is no longer in the folder".into()))
                });
                link.send_message(Msg::FolderPostRead(post, read));
            });
        }
        false
    }

    /// `Msg::FolderPostRead`. The post is kept as a draft too, so
    /// autosave protects it like any other.
    pub(super) fn folder_post_read(
        &mut self,
        ctx: &Context<Self>,
        file: folder::FolderPost,
        read: Result<folder::OnDisk, BrowserError>,
    ) -> bool {
        let modified = read.as_ref().ok().and_then(|d| d.modified_ms);
        let post = match post_of(read.map(|d| d.bytes)) {
            Ok(post) => post,
            Err(e) => {
                self.alert(
                    Severity::Error,
                    format!("{} was not opened: {e}", file.path),
                );
                return true;
            }
        };
        let path = file.path.clone();
        if self.held_by_draft(ctx, &path, &post, Some((file.clone(), modified))) {
            return true;
        }
        self.open_folder_copy(ctx, file, post, modified)
    }

    /// A folder file opened as a draft of its own.
    pub(super) fn open_folder_copy(
        &mut self,
        ctx: &Context<Self>,
        file: folder::FolderPost,
        post: Post,
        modified: Option<f64>,
    ) -> bool {
        let opened = self.session.as_mut().map(|s| {
            let ws = s.workspace_mut();
            let mut batch = ws.begin_import(self.doc.post());
            let imported = ws.import(&mut batch, &post, &file.path, now());
            (batch, imported)
        });
        let (draft_id, batch) = match opened {
            Some((batch, Imported::Opened(draft))) => {
                let id = draft.id.clone();
                self.show_draft(ctx, *draft);
                (Some(id), Some(batch))
            }
            other => {
                self.show(ctx, &post.to_text(), None);
                (ctx.props().host.on_input)();
                (None, other.map(|(batch, _)| batch))
            }
        };
        self.alert(Severity::Info, format!("Opened {}.", file.path));
        // What a save merges against, should the file change on disk meanwhile.
        let seen = crate::merge::disk::Seen::new(post.to_text(), modified);
        self.folder.opened_file(draft_id, file, seen);
        self.load_folder_pictures(ctx);
        self.refresh_links();
        if let (Some(s), Some(batch)) = (&mut self.session, batch) {
            s.workspace_mut().end_import(batch, now());
        }
        true
    }

    /// `Msg::Copy`: copies, then `Msg::Copied` renders.
    pub(super) fn copy_post(&mut self, ctx: &Context<Self>) -> bool {
        let text = self.doc.post().to_text();
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            link.send_message(Msg::Copied(files::copy_text(&text).await));
        });
        false
    }

    /// `Msg::Copied`.
    pub(super) fn copied(&mut self, result: Result<(), BrowserError>) -> bool {
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

    /// The open post's own path in the blog, if it has one (a file's name,
    /// a folder path, or what the writer typed in File name).
    fn own_path(&self) -> Option<&str> {
        self.session.as_ref().and_then(|s| s.workspace().path())
    }

    pub(super) fn export_name(&self) -> String {
        export::post_download_name(
            self.own_path(),
            self.prefs.preset(),
            self.doc.names().parts(),
            &files::today(),
        )
    }

    /// What `File name` shows: where export and Save to folder put the post.
    pub(super) fn export_path(&self) -> String {
        export::post_path(
            self.own_path(),
            self.prefs.preset(),
            self.doc.names().parts(),
            &files::today(),
        )
    }

    /// `Msg::SetPath`: the writer named the post's file.
    pub(super) fn set_path(&mut self, typed: String) -> bool {
        let Some(session) = self.session.as_mut() else {
            return false;
        };
        let path = match typed.trim() {
            "" => String::new(),
            t => match export::clean_path(t) {
                Ok(p) => p,
                Err(e) => {
                    self.alert(Severity::Error, format!("File name not changed: {e}."));
                    return true;
                }
            },
        };
        let cursor = self.markdown.cursor();
        if let Err(e) = session
            .workspace_mut()
            .set_path(&path, self.doc.post(), cursor, now())
        {
            self.alert(Severity::Error, format!("File name not kept: {e}"));
        }
        true
    }

    /// Every stored draft as a zip, each at its path for the chosen generator.
    fn export_all(&self) -> Result<(usize, Vec<u8>), String> {
        let session = self.session.as_ref().ok_or("no drafts here")?;
        let today = files::today();
        let mut paths = Vec::new();
        let mut texts = Vec::new();
        for (own, text) in session.workspace().texts().map_err(|e| e.to_string())? {
            let names = PostNames::of(&Post::parse(&text));
            paths.push(export::post_path(
                own.as_deref(),
                self.prefs.preset(),
                names.parts(),
                &today,
            ));
            texts.push(text.into_bytes());
        }
        let entries: Vec<(String, Vec<u8>)> =
            export::unique_paths(paths).into_iter().zip(texts).collect();
        Ok((entries.len(), export::zip_archive(&entries)?))
    }

    /// The folder file behind the open post, if it came from an opened folder.
    pub(super) fn current_folder_file(&self) -> Option<&folder::FolderPost> {
        let open = self.session.as_ref().map(|s| s.workspace().open_id());
        self.folder.current_file(open)
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
            "{name} is an image, not a post; nothing was replaced. To put it in the post, drop or paste it into the Markdown or pick it with the toolbar's Image; for one already on your site, write ![what it shows](/path/to/{name})."
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
