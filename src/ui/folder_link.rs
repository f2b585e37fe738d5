//! [`FolderLink`]: a local blog checkout opened with `Open folder` (see
//! `browser::folder`): its posts, and the file the open post came from,
//! which `Save to folder` writes back.

use std::rc::Rc;

use crate::browser::folder::FolderPost;
use crate::merge::disk::Seen;
use crate::merge::Merged;
use crate::site::SiteConfig;

#[derive(Default)]
pub(super) struct FolderLink {
    /// The folder's name and its posts.
    opened: Option<(String, Rc<Vec<FolderPost>>)>,
    /// The folder's handle: its pictures are reached through it.
    root: Option<wasm_bindgen::JsValue>,
    /// The file a post was opened from, with the draft that holds it (none
    /// without drafts).
    file: Option<(Option<String>, FolderPost)>,
    /// What the site's configuration file says (`hugo.toml`, …), if it has one.
    site: Option<SiteConfig>,
    /// The file as last read or written: what a save merges against.
    seen: Option<Seen>,
    /// A save that met conflicting changes on disk, until settled.
    pub(super) conflict: Option<DiskConflict>,
    /// The file was no longer there at the last save.
    pub(super) gone: bool,
}

/// Save to folder found the file changed on disk, in the same field or block.
pub(super) struct DiskConflict {
    pub(super) merged: Merged,
    pub(super) conflicts: Rc<Vec<crate::merge::Conflict>>,
    /// The file as it was then: the base once the conflicts are settled.
    pub(super) disk: Seen,
    /// The editor's text merged: settling applies to it only.
    pub(super) mine: String,
}

impl FolderLink {
    pub(super) fn opened(
        &mut self,
        name: String,
        posts: Vec<FolderPost>,
        site: Option<SiteConfig>,
        root: wasm_bindgen::JsValue,
    ) {
        self.opened = Some((name, Rc::new(posts)));
        self.root = Some(root);
        self.site = site;
    }

    /// The opened site's configuration.
    pub(super) fn site(&self) -> Option<&SiteConfig> {
        self.site.as_ref()
    }

    /// The opened folder's handle.
    pub(super) fn root(&self) -> Option<&wasm_bindgen::JsValue> {
        self.root.as_ref()
    }

    pub(super) fn is_open(&self) -> bool {
        self.opened.is_some()
    }

    /// The folder's name and its posts, by path.
    pub(super) fn listing(&self) -> Option<(&str, &[FolderPost])> {
        self.opened
            .as_ref()
            .map(|(name, posts)| (name.as_str(), posts.as_slice()))
    }

    pub(super) fn post(&self, index: usize) -> Option<FolderPost> {
        self.opened.as_ref()?.1.get(index).cloned()
    }

    /// `file` is open now, held by draft `draft`, as `seen`.
    pub(super) fn opened_file(&mut self, draft: Option<String>, file: FolderPost, seen: Seen) {
        self.file = Some((draft, file));
        self.seen = Some(seen);
        self.conflict = None;
        self.gone = false;
    }

    /// The open file as last read or written.
    pub(super) fn seen(&self) -> Option<&Seen> {
        self.seen.as_ref()
    }

    /// The open file was written (or settled) as `seen`.
    pub(super) fn set_seen(&mut self, seen: Seen) {
        self.seen = Some(seen);
    }

    /// The open file is at a new handle (written anew).
    pub(super) fn moved_to(&mut self, file: FolderPost) {
        if let Some((_, f)) = &mut self.file {
            *f = file;
        }
    }

    /// The folder file behind the open post (`open_draft`), if it came
    /// from the folder: the draft holding it is still the open one.
    pub(super) fn current_file(&self, open_draft: Option<&str>) -> Option<&FolderPost> {
        self.file
            .as_ref()
            .filter(|(draft, _)| draft.is_none() || draft.as_deref() == open_draft)
            .map(|(_, file)| file)
    }
}
