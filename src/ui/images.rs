//! [`LocalImages`]: the open draft's pictures as this page shows them (an
//! object URL each), the store they are kept in (IndexedDB, opened in the
//! background), and the preview's `<img>` pointed at them. What is decided
//! (names, places, which `src` is ours) is `crate::images`.

use std::collections::HashSet;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Blob;
use yew::NodeRef;

use crate::browser::idb::{IdbError, IdbStore};
use crate::browser::images::{self as store, StoredPicture};
use crate::browser::BrowserError;
use crate::images::attach::{parse_store_key, store_key};
use crate::images::LocalSources;

/// What the pictures' background work reports.
pub enum ImagesMsg {
    /// The store opened (or why not).
    Opened(Result<IdbStore, IdbError>),
    /// The stored pictures of draft `.0`.
    Loaded(String, Vec<StoredPicture>),
    /// Files pasted, dropped or picked, to become pictures of the post.
    Attach(Vec<web_sys::File>),
    /// …of an image field of the form (its key).
    AttachToField(String, Vec<web_sys::File>),
    /// Their bytes, read.
    Read(Target, Vec<(String, Result<Vec<u8>, BrowserError>)>),
    /// Those left to take, after the pictures placed so far (one a task).
    Next(
        Target,
        Vec<(String, Result<Vec<u8>, BrowserError>)>,
        Vec<(String, crate::images::Placement, Vec<&'static str>)>,
    ),
    /// The host's upload hook gave the URL for a picture (its alt text, the URL).
    Uploaded(Target, String, String),
    /// `Resize to … px` on the offer for the picture at this repo path…
    Resize(String),
    /// …or `Keep original`.
    KeepOriginal(String),
    /// The picture at this repo path, resized (or why not).
    Resized(String, Result<Blob, BrowserError>),
    /// A picture could not be stored (the text keeps its reference).
    NotStored(String, IdbError),
    /// The open folder post's pictures, read from the folder (reference as written, bytes).
    FromFolder(Vec<(String, Blob)>),
    /// Something to tell the writer (an export done, or failed).
    Told(crate::validate::Severity, String),
}

/// Where pictures go: into the Markdown at the caret, or an image field.
#[derive(Clone)]
pub enum Target {
    Markdown,
    Field(String),
}

/// One picture of the open draft.
pub(super) struct Picture {
    pub(super) repo_path: String,
    pub(super) reference: String,
    pub(super) blob: Blob,
    url: String,
}

/// A photo wider than the limit, offered a resize.
#[derive(Clone, PartialEq)]
pub(super) struct Offer {
    pub(super) repo_path: String,
    pub(super) name: String,
    pub(super) width: u32,
    pub(super) to: (u32, u32),
    pub(super) mime: &'static str,
}

#[derive(Default)]
pub(super) struct LocalImages {
    /// Photos offered a resize, until the writer answers.
    pub(super) offers: Vec<Offer>,
    store: Option<IdbStore>,
    /// The store could not be opened: pictures live in this page only.
    unavailable: bool,
    /// The draft `pictures` are of (`""`: no drafts here).
    draft: Option<String>,
    pictures: Vec<Picture>,
    /// The open folder post's pictures as the folder holds them (reference,
    /// object URL): shown unless one kept here has the same reference.
    from_folder: Vec<(String, String)>,
    /// Shared with the form (its thumbnails), so it renders again only when they change.
    sources: Rc<LocalSources>,
    base_url: Option<String>,
}

impl LocalImages {
    /// The open draft's pictures as the form's thumbnails find them.
    pub(super) fn sources(&self) -> Rc<LocalSources> {
        Rc::clone(&self.sources)
    }

    pub(super) fn store(&self) -> Option<&IdbStore> {
        self.store.as_ref()
    }

    pub(super) fn opened(&mut self, result: Result<IdbStore, IdbError>) -> Option<IdbError> {
        match result {
            Ok(s) => {
                self.store = Some(s);
                None
            }
            Err(e) => {
                self.unavailable = true;
                Some(e)
            }
        }
    }

    pub(super) fn pictures(&self) -> &[Picture] {
        &self.pictures
    }

    /// The repo paths the open draft's pictures take.
    pub(super) fn taken(&self) -> HashSet<String> {
        self.pictures.iter().map(|p| p.repo_path.clone()).collect()
    }

    /// The draft shown changed to `draft`: its pictures are to be loaded
    /// (true) when the store is there.
    pub(super) fn follow(&mut self, draft: &str) -> bool {
        if self.draft.as_deref() == Some(draft) {
            return false;
        }
        self.clear();
        self.draft = Some(draft.to_string());
        self.store.is_some() && !draft.is_empty()
    }

    /// The store opened after the draft was shown: load it now.
    pub(super) fn draft(&self) -> Option<&str> {
        self.draft.as_deref()
    }

    fn clear(&mut self) {
        self.offers.clear();
        for p in self.pictures.drain(..) {
            store::revoke(&p.url);
        }
        self.rebuild();
    }

    /// The stored pictures of `draft`, when it is still the one shown.
    pub(super) fn loaded(&mut self, draft: &str, stored: Vec<StoredPicture>) -> bool {
        if self.draft.as_deref() != Some(draft) {
            return false;
        }
        self.clear();
        for s in stored {
            let Some((d, path)) = parse_store_key(&s.key) else {
                continue;
            };
            if d == draft {
                let path = path.to_string();
                self.add(path, s.reference, s.blob);
            }
        }
        true
    }

    /// A new picture of the open draft; the stored form to write, when
    /// the draft is stored.
    pub(super) fn add(
        &mut self,
        repo_path: String,
        reference: String,
        blob: Blob,
    ) -> Option<StoredPicture> {
        let url = store::object_url(&blob)?;
        let draft = self.draft.clone().unwrap_or_default();
        let stored = (!draft.is_empty() && !self.unavailable).then(|| StoredPicture {
            key: store_key(&draft, &repo_path),
            reference: reference.clone(),
            blob: blob.clone(),
        });
        if let Some(old) = self.pictures.iter().position(|p| p.repo_path == repo_path) {
            store::revoke(&self.pictures.remove(old).url);
        }
        self.pictures.push(Picture {
            repo_path,
            reference,
            blob,
            url,
        });
        self.rebuild();
        stored
    }

    /// The site's base URL changed (the preview's `src` with it).
    pub(super) fn set_base_url(&mut self, base_url: Option<String>) {
        if self.base_url != base_url {
            self.base_url = base_url;
            self.rebuild();
        }
    }

    /// The open folder post's pictures, read from the folder (replacing
    /// those of the post opened before).
    pub(super) fn set_from_folder(&mut self, found: Vec<(String, Blob)>) {
        if found.is_empty() && self.from_folder.is_empty() {
            return;
        }
        for (_, url) in self.from_folder.drain(..) {
            store::revoke(&url);
        }
        for (reference, blob) in found {
            if let Some(url) = store::object_url(&blob) {
                self.from_folder.push((reference, url));
            }
        }
        self.rebuild();
    }

    fn rebuild(&mut self) {
        let folder = self
            .from_folder
            .iter()
            .map(|(r, u)| (r.as_str(), u.as_str()));
        // Later wins: a picture kept here over the folder's file.
        self.sources = Rc::new(LocalSources::new(
            folder.chain(
                self.pictures
                    .iter()
                    .map(|p| (p.reference.as_str(), p.url.as_str())),
            ),
            self.base_url.as_deref(),
        ));
    }

    /// Points the preview's `<img>` that show one of the post's pictures at
    /// its bytes here. Only ever `<img>`: an SVG shown so runs no script.
    pub(super) fn show_in(&self, blocks: &NodeRef) {
        if self.sources.is_empty() {
            return;
        }
        let Some(root) = blocks.cast::<web_sys::Element>() else {
            return;
        };
        let Ok(list) = root.query_selector_all("img") else {
            return;
        };
        for i in 0..list.length() {
            let Some(img) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            // Once pointed here, by the path it was written with (its bytes may change: a resize).
            let Some(src) = img
                .get_attribute("data-pw-src")
                .or_else(|| img.get_attribute("src"))
            else {
                continue;
            };
            if let Some(url) = self.sources.url_for(&src) {
                if img.get_attribute("src").as_deref() == Some(url) {
                    continue;
                }
                let _ = img.set_attribute("data-pw-src", &src);
                // A photo's decode off the main thread: typing goes on meanwhile.
                let _ = img.set_attribute("decoding", "async");
                let _ = img.set_attribute("src", url);
            }
        }
    }
}
