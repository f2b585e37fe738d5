//! Export of posts with their pictures: one post and its pictures as a zip
//! (`Export`), every draft with theirs (`Export all`), each picture at its
//! repo path (see `crate::images::attach::path_in_repo`).

use yew::prelude::*;

use super::editor::Editor;
use super::images::ImagesMsg;
use super::msg::Msg;
use super::update_images::problem;
use crate::browser::files;
use crate::browser::images as store;
use crate::export::{self, PostNames};
use crate::images::attach::{self, parse_store_key};
use crate::post::Post;
use crate::validate::Severity;

impl Editor {
    /// `Msg::Export` of a post with pictures: a zip of the post and its
    /// pictures at their repo paths (without pictures: the `.md` alone).
    pub(super) fn export_post_with_images(&self, ctx: &Context<Self>) -> bool {
        let name = self.export_name();
        let zip_name = format!(
            "{}.zip",
            name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s)
        );
        let post_path = self.export_path();
        let pictures: Vec<_> = self
            .images
            .pictures()
            .iter()
            .map(|p| {
                let path = attach::path_in_repo(&p.repo_path, &p.reference, &post_path);
                (path, p.blob.clone())
            })
            .collect();
        let mut entries = vec![(post_path, self.doc.post().to_text().into_bytes())];
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            for (path, blob) in pictures {
                match store::bytes_of(&blob).await {
                    Ok(bytes) => entries.push((path, bytes)),
                    Err(e) => return problem(&link, format!("Export failed: {e}")),
                }
            }
            let done = export::zip_archive(&entries)
                .map_err(|e| e.to_string())
                .and_then(|zip| {
                    files::download(&zip_name, &zip, "application/zip").map_err(|e| e.to_string())
                });
            if let Err(e) = done {
                problem(&link, format!("Export failed: {e}"));
            }
        });
        false
    }

    /// `Msg::ExportAll` with the pictures' store: every draft, and each
    /// draft's pictures at their repo paths.
    pub(super) fn export_all_with_images(&self, ctx: &Context<Self>) -> bool {
        let (Some(db), Some(session)) = (self.images.store().cloned(), &self.session) else {
            return false;
        };
        let texts = match session.workspace().texts_by_id() {
            Ok(t) => t,
            Err(e) => {
                problem(ctx.link(), format!("Export failed: {e}"));
                return false;
            }
        };
        let today = files::today();
        let preset = self.prefs.preset();
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let all = store::all(&db).await.unwrap_or_default();
            let mut paths = Vec::new();
            let mut bytes = Vec::new();
            let (drafts, mut pictures) = (texts.len(), 0);
            for (id, own, text) in texts {
                let names = PostNames::of(&Post::parse(&text));
                let post_path = export::post_path(own.as_deref(), preset, names.parts(), &today);
                paths.push(post_path.clone());
                bytes.push(text.into_bytes());
                for p in &all {
                    let Some((d, path)) = parse_store_key(&p.key) else {
                        continue;
                    };
                    if d == id {
                        match store::bytes_of(&p.blob).await {
                            Ok(b) => {
                                pictures += 1;
                                paths.push(attach::path_in_repo(path, &p.reference, &post_path));
                                bytes.push(b);
                            }
                            Err(e) => return problem(&link, format!("Export failed: {e}")),
                        }
                    }
                }
            }
            let entries: Vec<(String, Vec<u8>)> =
                export::unique_paths(paths).into_iter().zip(bytes).collect();
            let done = export::zip_archive(&entries).and_then(|zip| {
                files::download("postwright-drafts.zip", &zip, "application/zip")
                    .map_err(|e| e.to_string())
            });
            match done {
                Err(e) => problem(&link, format!("Export failed: {e}")),
                Ok(()) => {
                    let text = format!(
                        "Exported {}{}.",
                        crate::wording::counted(drafts, "draft", "drafts"),
                        match pictures {
                            0 => String::new(),
                            n => format!(
                                " with {}",
                                crate::wording::counted(n, "picture", "pictures")
                            ),
                        }
                    );
                    link.send_message(Msg::Images(ImagesMsg::Told(Severity::Info, text)));
                }
            }
        });
        true
    }
}
