//! [`FolderLink`]: a local blog checkout opened with `Open folder` (see
//! `browser::folder`): its posts, and the file the open post came from,
//! which `Save to folder` writes back.

use std::rc::Rc;

use crate::browser::folder::FolderPost;
use crate::site::SiteConfig;

#[derive(Default)]
pub(super) struct FolderLink {
    /// The folder's name and its posts.
    opened: Option<(String, Rc<Vec<FolderPost>>)>,
    /// The file a post was opened from, with the draft that holds it (none
    /// without drafts).
    file: Option<(Option<String>, FolderPost)>,
    /// What the site's configuration file says (`hugo.toml`, …), if it has one.
    site: Option<SiteConfig>,
}

impl FolderLink {
    pub(super) fn opened(
        &mut self,
        name: String,
        posts: Vec<FolderPost>,
        site: Option<SiteConfig>,
    ) {
        self.opened = Some((name, Rc::new(posts)));
        self.site = site;
    }

    /// The opened site's configuration.
    pub(super) fn site(&self) -> Option<&SiteConfig> {
        self.site.as_ref()
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

    /// `file` is open now, held by draft `draft`.
    pub(super) fn opened_file(&mut self, draft: Option<String>, file: FolderPost) {
        self.file = Some((draft, file));
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
