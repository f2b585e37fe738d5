//! The messages of the post's pictures: the store opening, a draft's
//! pictures loaded, files pasted, dropped or picked becoming pictures
//! (stripped, named, placed by `crate::images`, stored, and inserted as
//! `![alt](path)` with the alt selected), the resize offer. The exports
//! that carry them are in `export_images`.

use std::collections::HashSet;

use yew::prelude::*;

use super::editor::Editor;
use super::images::{ImagesMsg, Offer, Target};
use super::msg::Msg;
use crate::browser::idb::IdbError;
use crate::browser::images::{self as store, StoredPicture};
use crate::browser::{files, textarea};
use crate::images::attach::{self, parse_store_key};
use crate::images::{MediaFolders, Placement};
use crate::post::Value;
use crate::validate::Severity;

impl Editor {
    /// Opens the pictures' store in the background (at the editor's start).
    pub(super) fn start_images(&mut self, ctx: &Context<Self>) {
        if self.session.is_none() {
            return; // no drafts kept: pictures live in this page only
        }
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let opened = store::open().await;
            link.send_message(Msg::Images(ImagesMsg::Opened(opened)));
        });
    }

    /// After every message: the pictures follow the draft shown.
    pub(super) fn follow_images(&mut self, ctx: &Context<Self>) {
        let draft = self
            .session
            .as_ref()
            .map_or("", |s| s.workspace().open_id())
            .to_string();
        self.images.set_base_url(self.base_url());
        // A folder post's pictures from the folder are for it alone.
        if self.current_folder_file().is_none() {
            self.images.set_from_folder(Vec::new());
        }
        if self.images.follow(&draft) {
            self.load_images(ctx, draft);
        }
    }

    fn load_images(&self, ctx: &Context<Self>, draft: String) {
        let Some(db) = self.images.store().cloned() else {
            return;
        };
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(all) = store::all(&db).await {
                let mine = all
                    .into_iter()
                    .filter(|p| parse_store_key(&p.key).is_some_and(|(d, _)| d == draft))
                    .collect();
                link.send_message(Msg::Images(ImagesMsg::Loaded(draft, mine)));
            }
        });
    }

    /// `Msg::Images`.
    pub(super) fn images_msg(&mut self, ctx: &Context<Self>, msg: ImagesMsg) -> bool {
        match msg {
            ImagesMsg::Opened(result) => {
                if let Some(e) = self.images.opened(result) {
                    self.alert(
                        Severity::Warning,
                        format!("Pictures will not be kept for your next visit here: {e}."),
                    );
                    return true;
                }
                self.remove_orphan_images();
                if let Some(draft) = self.images.draft().map(str::to_string) {
                    self.load_images(ctx, draft);
                }
                false
            }
            ImagesMsg::Loaded(draft, stored) => {
                let shown = self.images.loaded(&draft, stored);
                self.images.show_in(&self.preview.blocks_ref());
                shown
            }
            ImagesMsg::Attach(list) => read_files(ctx, Target::Markdown, list),
            ImagesMsg::AttachToField(key, list) => read_files(ctx, Target::Field(key), list),
            ImagesMsg::Read(target, read) => self.insert_images(ctx, target, read, Vec::new()),
            ImagesMsg::Next(target, read, placed) => self.insert_images(ctx, target, read, placed),
            ImagesMsg::Uploaded(target, alt, url) => {
                let placed = Placement {
                    repo_path: String::new(),
                    reference: url,
                    alt,
                };
                self.put_in(ctx, &target, &[placed]);
                false
            }
            ImagesMsg::KeepOriginal(path) => {
                self.images.offers.retain(|o| o.repo_path != path);
                true
            }
            ImagesMsg::Resize(path) => self.resize(ctx, path),
            ImagesMsg::Resized(path, result) => self.resized(ctx, path, result),
            ImagesMsg::NotStored(name, e) => {
                let what = match e {
                    IdbError::QuotaExceeded => "the browser's storage is full".to_string(),
                    e => e.to_string(),
                };
                self.alert(
                    Severity::Error,
                    format!("{name} is in the post and the preview, but was not kept for your next visit: {what}. Export the post now (the zip holds it), or delete drafts you no longer need and add it again."),
                );
                true
            }
            ImagesMsg::FromFolder(found) => {
                self.images.set_from_folder(found);
                self.images.show_in(&self.preview.blocks_ref());
                true
            }
            ImagesMsg::Told(severity, text) => {
                self.alert(severity, text);
                true
            }
        }
    }

    /// Pictures of drafts deleted for good (a deleted draft can be brought
    /// back in the page that deleted it only, so at the start none can).
    fn remove_orphan_images(&self) {
        let (Some(db), Some(session)) = (self.images.store().cloned(), &self.session) else {
            return;
        };
        let ws = session.workspace();
        // Only when the drafts' list is whole: drafts kept in memory only,
        // or unreadable ones, may still own pictures.
        if ws.memory_only().is_some() || !ws.corrupt().is_empty() {
            return;
        }
        let mut live: Vec<String> = ws.drafts().iter().map(|d| d.id.clone()).collect();
        live.push(ws.open_id().to_string());
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(all) = store::all(&db).await else {
                return;
            };
            let keys: Vec<String> = all.into_iter().map(|p| p.key).collect();
            let live: Vec<&str> = live.iter().map(String::as_str).collect();
            for key in attach::orphans(&keys, &live) {
                let _ = store::delete(&db, key).await;
            }
        });
    }

    /// The files read: each that is a picture is stripped and placed, kept,
    /// one a task (twenty dropped at once must not hold the page), and their
    /// Markdown inserted at the caret once all are (the first alt selected).
    fn insert_images(
        &mut self,
        ctx: &Context<Self>,
        target: Target,
        mut read: Vec<(String, Result<Vec<u8>, crate::browser::BrowserError>)>,
        mut placed: Vec<(String, Placement, Vec<&'static str>)>,
    ) -> bool {
        if !read.is_empty() {
            let (name, bytes) = read.remove(0);
            placed.extend(self.take_image(ctx, &target, name, bytes));
        }
        if !read.is_empty() {
            let link = ctx.link().clone();
            gloo_timers::callback::Timeout::new(0, move || {
                link.send_message(Msg::Images(ImagesMsg::Next(target, read, placed)))
            })
            .forget();
            return false;
        }
        // One notice for the lot: what was added, where, and what was removed.
        let mut removed: Vec<&str> = Vec::new();
        for r in placed.iter().flat_map(|(_, _, r)| r) {
            if !removed.contains(r) {
                removed.push(r);
            }
        }
        let removed = match removed.is_empty() {
            true => String::new(),
            false => format!(" ({} removed)", removed.join(", ")),
        };
        match placed.as_slice() {
            [] => {}
            [(name, p, _)] => self.alert(
                Severity::Info,
                format!("Added {name} as {}{removed}.", p.repo_path),
            ),
            [(_, p, _), ..] => {
                let folder = p.repo_path.rsplit_once('/').map_or("", |(d, _)| d);
                let count = crate::wording::counted(placed.len(), "picture", "pictures");
                let place = match folder {
                    "" => String::new(),
                    f => format!(" in {f}"),
                };
                self.alert(Severity::Info, format!("Added {count}{place}{removed}."));
            }
        }
        let placed: Vec<Placement> = placed.into_iter().map(|(_, p, _)| p).collect();
        self.put_in(ctx, &target, &placed);
        true
    }

    /// The pictures go where they were meant: the Markdown, or a field (an
    /// image list gets them added, an image field the first).
    fn put_in(&mut self, ctx: &Context<Self>, target: &Target, placed: &[Placement]) {
        let Target::Field(key) = target else {
            return self.insert_markdown(placed);
        };
        let Some(first) = placed.first() else {
            return;
        };
        let list = self
            .doc
            .schema()
            .field(key)
            .is_some_and(|d| d.ty == crate::schema::FieldType::ImageList);
        let value = if list {
            let mut items = match self.doc.post().get(key) {
                Some(Value::List(items)) => items,
                Some(Value::String(s)) if !s.is_empty() => vec![Value::String(s)],
                _ => Vec::new(),
            };
            items.extend(placed.iter().map(|p| Value::String(p.reference.clone())));
            Value::List(items)
        } else {
            Value::String(first.reference.clone())
        };
        ctx.link().send_message(Msg::SetField(key.clone(), value));
    }

    /// One file: stripped, placed and kept here (its placement to insert),
    /// or handed to the host's upload hook (its URL goes in when it comes).
    fn take_image(
        &mut self,
        ctx: &Context<Self>,
        target: &Target,
        name: String,
        bytes: Result<Vec<u8>, crate::browser::BrowserError>,
    ) -> Option<(String, Placement, Vec<&'static str>)> {
        let post_path = self.export_path();
        let folders = MediaFolders::chosen(
            self.prefs.preset(),
            &post_path,
            self.config.media_folder.as_deref(),
            self.config.public_folder.as_deref(),
        );
        let taken: HashSet<String> = self.images.taken();
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                self.alert(Severity::Error, format!("{name} could not be read: {e}"));
                return None;
            }
        };
        let attached =
            match attach::attach(&folders, &post_path, &name, &bytes, &|p| taken.contains(p)) {
                Ok(a) => a,
                Err(e) => {
                    self.alert(Severity::Error, e.to_string());
                    return None;
                }
            };
        let blob = match store::blob_of(&attached.bytes, attached.kind.mime()) {
            Ok(b) => b,
            Err(e) => {
                self.alert(Severity::Error, format!("{name}: {e}"));
                return None;
            }
        };
        let p = &attached.placement;
        if let Some(hook) = &ctx.props().host.upload {
            let file_name = p.repo_path.rsplit('/').next().unwrap_or(&p.repo_path);
            let uploading = store::file_of(&blob, file_name)
                .ok()
                .and_then(|file| store::upload(hook, &file));
            if let Some(uploading) = uploading {
                // The host keeps it: its URL goes in once it answers.
                let (link, alt, target) = (ctx.link().clone(), p.alt.clone(), target.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match uploading.await {
                        Ok(url) => {
                            link.send_message(Msg::Images(ImagesMsg::Uploaded(target, alt, url)))
                        }
                        Err(e) => problem(&link, format!("{name} was not uploaded: {e}")),
                    }
                });
                return None;
            }
        }
        if let Some(to) =
            attach::resize_offer(attached.kind, attached.dimensions, self.resize_limit())
        {
            self.images.offers.push(Offer {
                repo_path: p.repo_path.clone(),
                name: name.clone(),
                width: attached.dimensions.map_or(0, |d| d.0),
                to,
                mime: attached.kind.mime(),
            });
        }
        if let Some(stored) = self
            .images
            .add(p.repo_path.clone(), p.reference.clone(), blob)
        {
            self.keep_image(ctx, name.clone(), stored);
        }
        Some((name, attached.placement, attached.removed))
    }

    /// Inserts the pictures' Markdown at the caret, the first alt selected.
    fn insert_markdown(&self, placed: &[Placement]) {
        if placed.is_empty() {
            return;
        }
        let pictures: Vec<&Placement> = placed.iter().collect();
        if let Some(area) = self.markdown.textarea() {
            // Reported back as `Msg::BodyInput`, which shows it in the preview.
            textarea::insert(&area, |before, after| {
                attach::markdown_between(before, after, &pictures)
            });
        }
    }

    /// `Resize to … px`: the browser scales and encodes it again (its
    /// metadata was gone already); the path and the Markdown stay.
    fn resize(&mut self, ctx: &Context<Self>, path: String) -> bool {
        let Some(offer) = self
            .images
            .offers
            .iter()
            .find(|o| o.repo_path == path)
            .cloned()
        else {
            return false;
        };
        self.images.offers.retain(|o| o.repo_path != path);
        let Some(blob) = self
            .images
            .pictures()
            .iter()
            .find(|p| p.repo_path == path)
            .map(|p| p.blob.clone())
        else {
            return true;
        };
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (w, h) = offer.to;
            let out = store::resized(&blob, w, h, offer.mime).await;
            link.send_message(Msg::Images(ImagesMsg::Resized(path, out)));
        });
        true
    }

    fn resized(
        &mut self,
        ctx: &Context<Self>,
        path: String,
        result: Result<web_sys::Blob, crate::browser::BrowserError>,
    ) -> bool {
        let blob = match result {
            Ok(b) => b,
            Err(e) => {
                self.alert(Severity::Error, format!("{path} was not resized: {e}"));
                return true;
            }
        };
        let Some(reference) = self
            .images
            .pictures()
            .iter()
            .find(|p| p.repo_path == path)
            .map(|p| p.reference.clone())
        else {
            return true;
        };
        if let Some(stored) = self.images.add(path.clone(), reference, blob) {
            self.keep_image(ctx, path.clone(), stored);
        }
        self.images.show_in(&self.preview.blocks_ref());
        self.alert(Severity::Info, format!("Resized {path}."));
        true
    }

    /// The resize offers, as notices with their two answers.
    pub(super) fn resize_offers(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        html! {
            <>{ for self.images.offers.iter().map(|o| {
                let (resize, keep) = (o.repo_path.clone(), o.repo_path.clone());
                html! {
                    <div class="pw-alert pw-alert-info" role="status" key={o.repo_path.clone()}>
                        <span>{ format!("{} is {} px wide; sites rarely show more than {} px.", o.name, o.width, o.to.0) }</span>
                        <span class="pw-alert-actions">
                            <button type="button" onclick={link.callback(move |_| Msg::Images(ImagesMsg::Resize(resize.clone())))}>{ format!("Resize to {} px", o.to.0) }</button>
                            <button type="button" onclick={link.callback(move |_| Msg::Images(ImagesMsg::KeepOriginal(keep.clone())))}>{"Keep original"}</button>
                        </span>
                    </div>
                }
            }) }</>
        }
    }

    /// Photos wider than this are offered a resize (the host's `image-max-width`).
    fn resize_limit(&self) -> u32 {
        self.config
            .image_max_width
            .unwrap_or(attach::RESIZE_ABOVE_PX)
    }

    fn keep_image(&self, ctx: &Context<Self>, name: String, stored: StoredPicture) {
        let Some(db) = self.images.store().cloned() else {
            return;
        };
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = store::put(&db, &stored).await {
                link.send_message(Msg::Images(ImagesMsg::NotStored(name, e)));
            }
        });
    }
}

/// Reads the files' bytes, then `ImagesMsg::Read` takes them.
fn read_files(ctx: &Context<Editor>, target: Target, list: Vec<web_sys::File>) -> bool {
    let link = ctx.link().clone();
    wasm_bindgen_futures::spawn_local(async move {
        let mut out = Vec::new();
        for file in list {
            out.push((file.name(), files::read_bytes(&file).await));
        }
        link.send_message(Msg::Images(ImagesMsg::Read(target, out)));
    });
    false
}

pub(super) fn problem(link: &yew::html::Scope<Editor>, text: String) {
    link.send_message(Msg::Images(ImagesMsg::Told(Severity::Error, text)));
}
