//! Keeping what is derived from the post's body (the preview, the counts)
//! and the host's copy of its value in step with it (the front matter's is
//! the [`crate::document::Document`]'s), and the notices.

use yew::prelude::*;

use super::editor::Editor;
use crate::drafts::Cursor;
use crate::markdown::RenderOptions;
use crate::post::Post;
use crate::validate::Severity;

/// Links are checked again this long after the last keystroke.
const LINKS_DELAY_MS: u32 = 400;

impl Editor {
    /// The generator's typography and template tags, and the site's address.
    fn render_options(&self) -> RenderOptions {
        RenderOptions::for_preset(self.prefs.preset(), self.base_url())
    }

    /// The body (or the render options) changed: bring the preview blocks
    /// and the counts up to date.
    pub(super) fn refresh_body(&mut self) {
        let options = self.render_options();
        self.preview.refresh(self.doc.post().body(), options);
    }

    /// Checks the links again a moment after the typing stops (a link
    /// half typed goes nowhere yet), when the open post is a folder's.
    pub(super) fn links_after_typing(&mut self) {
        if self.current_folder_file().is_some() {
            let send = self.handlers.check_links.clone();
            self.links_timer = Some(gloo_timers::callback::Timeout::new(
                LINKS_DELAY_MS,
                move || send.emit(()),
            ));
        }
    }

    /// The open post's links that go nowhere, when it is a post of an
    /// opened folder (whose listing says which posts there are). `true`:
    /// they changed.
    pub(super) fn refresh_links(&mut self) -> bool {
        self.links_timer = None;
        use crate::site::links::{broken_links, ListedPosts};
        let found = match (self.folder.listing(), self.current_folder_file()) {
            (Some((_, posts)), Some(file)) => {
                let listed = ListedPosts(posts.iter().map(|p| p.path.as_str()).collect());
                broken_links(&file.path, self.doc.post(), &listed, &self.render_options())
            }
            _ => Vec::new(),
        };
        let changed = *self.broken_links != found;
        if changed {
            self.broken_links = std::rc::Rc::new(found);
        }
        changed
    }

    /// Tells the host the value changed (its `input` event) and schedules the autosave.
    pub(super) fn publish(&mut self, ctx: &Context<Self>) {
        let host = &ctx.props().host;
        *host.value.borrow_mut() = self.doc.post().to_text();
        (host.on_input)();
        if let Some(session) = &mut self.session {
            session.touch();
        }
    }

    /// Shows `text` as the current post (a draft opened, the host's value).
    pub(super) fn show(&mut self, ctx: &Context<Self>, text: &str, cursor: Option<Cursor>) {
        self.doc.replace(text);
        self.markdown.replaced(cursor);
        self.refresh_body();
        self.refresh_links();
        *ctx.props().host.value.borrow_mut() = self.doc.post().to_text();
    }

    pub(super) fn alert(&mut self, severity: Severity, text: impl Into<String>) {
        self.notices.push(severity, text.into());
    }

    /// Suggests the generator an imported post was plainly written for
    /// (see [`crate::generator::suggestion`]), in a notice that can switch to it.
    pub(super) fn suggest_preset(&mut self, file_name: &str, post: &Post) {
        if let Some(guessed) = crate::generator::suggestion(self.prefs.preset(), file_name, post) {
            let label = guessed.label();
            self.notices.suggest(
                format!("{file_name} looks like a {label} post: switch the generator to {label} for its file names, typography and template tags?"),
                guessed,
            );
        }
    }
}
