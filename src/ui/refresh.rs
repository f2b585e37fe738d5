//! Keeping what is derived from the post (the fields, the problems, the
//! preview, the counts) and the host's copy of its value in step with it.

use std::rc::Rc;

use yew::prelude::*;

use super::editor::{Alert, Editor};
use super::host::EditorConfig;
use crate::drafts::Cursor;
use crate::markdown::RenderOptions;
use crate::post::Post;
use crate::schema::Schema;
use crate::validate::{self, Severity};

impl Editor {
    /// The generator's typography and template tags, and the site's address.
    fn render_options(&self) -> RenderOptions {
        RenderOptions::for_preset(self.preset, self.base_url())
    }

    /// The body (or the render options) changed: bring the preview blocks
    /// and the counts up to date.
    pub(super) fn refresh_body(&mut self) {
        let splice = self.preview.set_options(self.render_options());
        self.patcher.push(splice);
        let splice = self.preview.update(self.post.body());
        self.patcher.push(splice);
        self.stats = self.preview.stats();
    }

    /// The front matter changed: re-read the fields and validate.
    pub(super) fn refresh_front_matter(&mut self) {
        match self.post.fields() {
            Ok(fields) => {
                self.fields = Rc::new(fields);
                self.broken = false;
            }
            Err(_) => self.broken = true,
        }
        self.diagnostics = Rc::new(validate::validate(&self.post, &self.schema));
    }

    pub(super) fn refresh_all(&mut self) {
        self.refresh_front_matter();
        self.refresh_body();
    }

    /// Tells the host the value changed (its `input` event) and schedules the autosave.
    pub(super) fn publish(&mut self, ctx: &Context<Self>) {
        let host = &ctx.props().host;
        *host.value.borrow_mut() = self.post.to_text();
        (host.on_input)();
        if let Some(session) = &mut self.session {
            session.touch(ctx.link());
        }
    }

    /// Shows `text` as the current post (a draft opened, the host's value).
    pub(super) fn show(&mut self, ctx: &Context<Self>, text: &str, cursor: Option<Cursor>) {
        self.post = Post::parse(text);
        self.pending_cursor = cursor;
        self.body_epoch += 1;
        self.refresh_all();
        *ctx.props().host.value.borrow_mut() = self.post.to_text();
    }

    pub(super) fn alert(&mut self, severity: Severity, text: impl Into<String>) {
        let text = text.into();
        // The same notice again (a second export) replaces the first, as the newest.
        self.alerts
            .retain(|a| a.severity != severity || a.text != text);
        self.next_alert += 1;
        self.alerts.push(Alert {
            id: self.next_alert,
            severity,
            text,
            use_preset: None,
        });
        // Keep the list short: the oldest go first.
        if self.alerts.len() > 4 {
            self.alerts.remove(0);
        }
    }

    /// Suggests the generator an imported post was plainly written for
    /// (see [`crate::generator::suggestion`]), in a notice that can switch to it.
    pub(super) fn suggest_preset(&mut self, file_name: &str, post: &Post) {
        if let Some(guessed) = crate::generator::suggestion(self.preset, file_name, post) {
            let label = guessed.label();
            self.alert(
                Severity::Info,
                format!("{file_name} looks like a {label} post: switch the generator to {label} for its file names, typography and template tags?"),
            );
            if let Some(notice) = self.alerts.last_mut() {
                notice.use_preset = Some(guessed);
            }
        }
    }

    pub(super) fn title(&self) -> Option<String> {
        self.post.title().filter(|t| !t.trim().is_empty())
    }

    pub(super) fn load_schema(config: &EditorConfig) -> (Rc<Schema>, Option<String>) {
        match config
            .schema
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => (Rc::new(Schema::blog()), None),
            Some(text) => {
                let parsed = if text.starts_with('{') || text.starts_with('[') {
                    Schema::from_json(text)
                } else {
                    Schema::from_yaml(text)
                };
                match parsed {
                    Ok(schema) => (Rc::new(schema), None),
                    Err(e) => (Rc::new(Schema::blog()), Some(format!("The field schema could not be read ({e}); using the built-in blog schema."))),
                }
            }
        }
    }
}
