//! The pictures of a post opened from a folder: those it already refers to
//! are read from the folder and shown in the preview (the files the core
//! names, [`crate::images::refs::folder_pictures`]); Save to folder writes
//! the pictures kept in the browser beside the post, never over another file.

use yew::prelude::*;

use super::editor::Editor;
use super::images::ImagesMsg;
use super::msg::Msg;
use crate::browser::folder::{self, Placed};
use crate::browser::images as store;
use crate::images::attach;
use crate::images::refs::folder_pictures;
use crate::images::PicturesPlaced;

impl Editor {
    /// Reads the open folder post's pictures from the folder, for the preview.
    pub(super) fn load_folder_pictures(&self, ctx: &Context<Self>) {
        let (Some(root), Some(file)) = (self.folder.root().cloned(), self.current_folder_file())
        else {
            return;
        };
        let wanted = folder_pictures(Some(self.prefs.preset()), &file.path, self.doc.post());
        let link = ctx.link().clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut found = Vec::new();
            for (reference, candidates) in wanted {
                for path in candidates {
                    if let Ok(Some(blob)) = folder::file_at(&root, &path).await {
                        found.push((reference.clone(), blob));
                        break;
                    }
                }
            }
            link.send_message(Msg::Images(ImagesMsg::FromFolder(found)));
        });
    }

    /// The pictures kept in the browser for the open post, with the paths
    /// they are written at beside the post at `post_path`.
    pub(super) fn pictures_to_place(&self, post_path: &str) -> Vec<(String, web_sys::Blob)> {
        self.images
            .pictures()
            .iter()
            .map(|p| {
                (
                    attach::path_in_repo(&p.repo_path, &p.reference, post_path),
                    p.blob.clone(),
                )
            })
            .collect()
    }
}

/// Writes `pictures` under `root` (after the post).
pub async fn place_pictures(
    root: Option<wasm_bindgen::JsValue>,
    pictures: Vec<(String, web_sys::Blob)>,
) -> PicturesPlaced {
    let mut done = PicturesPlaced::default();
    let Some(root) = root else {
        return done;
    };
    for (path, blob) in pictures {
        let placed = match store::bytes_of(&blob).await {
            Ok(bytes) => folder::place_at(&root, &path, &bytes).await,
            Err(e) => Err(e),
        };
        match placed {
            Ok(Placed::Written) => done.written += 1,
            Ok(Placed::Same) => {}
            Ok(Placed::Different) => done.different.push(path),
            Err(e) => done.failed.push(format!("{path} ({e})")),
        }
    }
    done
}
