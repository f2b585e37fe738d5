//! The messages that edit the post: the Markdown (typing, its preview, the
//! pause after typing, toolbar commands), the front matter (raw, by field,
//! by fix), the value and options the host sets, and the preview's scroll
//! following the Markdown's.

use std::rc::Rc;

use yew::prelude::*;

use super::editor::Editor;
use super::form;
use super::msg::{BodyChange, Msg};
use super::preview_sync::LONG_POST_BYTES;
use crate::browser::{files, textarea};
use crate::document::schema_or;
use crate::drafts::SaveStatus;
use crate::editing::Action;
use crate::export::Preset;
use crate::post::Value;
use crate::validate::{Fix, Severity};

impl Editor {
    /// `Msg::BodyInput`. The preview is patched here, so the editor renders
    /// again only when what else a keystroke shows (the word count, the save
    /// status) changed.
    pub(super) fn body_input(&mut self, ctx: &Context<Self>, change: BodyChange) -> bool {
        let Some(text) = self.markdown.body_after(&self.doc, change) else {
            return false;
        };
        if text == self.doc.post().body() {
            return false;
        }
        let warned = self.doc.picture_warnings().to_vec();
        self.doc.set_body(&text);
        let shown = (self.preview.stats(), self.save_status());
        // A long post's footnotes are checked when typing pauses.
        let mut problems_changed = false;
        if text.len() <= LONG_POST_BYTES {
            self.refresh_body();
            problems_changed = self.doc.check_body();
        } else {
            self.preview.keystroke(&text);
        }
        self.publish(ctx);
        self.preview.apply();
        self.links_after_typing();
        self.images.show_in(&self.preview.blocks_ref());
        problems_changed
            || shown != (self.preview.stats(), self.save_status())
            || warned != self.doc.picture_warnings()
    }

    fn save_status(&self) -> Option<SaveStatus> {
        self.session
            .as_ref()
            .map(|s| s.workspace().status().clone())
    }

    /// `Msg::RenderPreview`: a long post's preview, left from the keystroke.
    pub(super) fn render_preview(&mut self) -> bool {
        self.preview.render_deferred(self.doc.post().body());
        true
    }

    /// `Msg::TypingPaused`.
    pub(super) fn typing_paused(&mut self, ctx: &Context<Self>) -> bool {
        // Here rather than in the autosave that follows, whose task
        // is long enough on a long post.
        self.verify_body(ctx);
        // A long post's footnotes, checked now rather than per keystroke.
        self.doc.check_body();
        // A new count shows by rendering the editor again, which a
        // long post's keystrokes leave out.
        self.preview.typing_paused();
        true
    }

    /// `Msg::RawInput`. Broken front matter is shown by the form (the
    /// last fields that parsed, and the problem), not by a notice.
    pub(super) fn raw_input(&mut self, ctx: &Context<Self>, text: String) -> bool {
        let _ = self.doc.raw_input(text);
        self.publish(ctx);
        true
    }

    /// `Msg::SetField`.
    pub(super) fn set_field(&mut self, ctx: &Context<Self>, key: String, value: Value) -> bool {
        match self.doc.set_field(&key, &value) {
            Ok(()) => self.publish(ctx),
            Err(e) => self.alert(Severity::Error, format!("Could not set {key}: {e}")),
        }
        true
    }

    /// `Msg::RemoveField`.
    pub(super) fn remove_field(&mut self, ctx: &Context<Self>, key: String) -> bool {
        let before = self.doc.post().front_matter().to_string();
        match self.doc.remove_field(&key) {
            Ok(()) => {
                let label = self
                    .doc
                    .schema()
                    .field(&key)
                    .map_or(key.clone(), |d| d.label.clone());
                let after = self.doc.post().front_matter().to_string();
                self.field_undo.record(label, before, after);
                self.publish(ctx);
                (ctx.props().host.on_change)();
            }
            Err(e) => self.alert(Severity::Error, format!("Could not remove {key}: {e}")),
        }
        true
    }

    /// `Msg::AddField`: no render of its own, the `Msg::SetField` it sends renders.
    pub(super) fn add_field(&mut self, ctx: &Context<Self>, key: String) -> bool {
        let draft = crate::presets::DraftKey::of(self.prefs.preset());
        // The Draft control starts unchecked, whatever key the generator uses.
        let value = if key == draft.key() {
            crate::post::Value::Bool(draft.value(false))
        } else {
            self.doc.new_field_value(&key, &files::today())
        };
        // Someone who adds a field means to fill it in.
        self.pending_focus = Some(form::field_id(&key));
        ctx.link().send_message(Msg::SetField(key, value));
        false
    }

    /// `Msg::ApplyFix`: the field fixed is focused (its button went with the problem).
    pub(super) fn apply_fix(&mut self, ctx: &Context<Self>, fix: Fix) -> bool {
        match self.doc.apply_fix(&fix) {
            Ok(key) => {
                self.pending_focus = Some(form::field_id(&key));
                self.reveal_field(&key);
                self.publish(ctx);
                (ctx.props().host.on_change)();
            }
            Err(e) => self.alert(Severity::Error, format!("Could not apply the fix: {e}")),
        }
        true
    }

    /// `Msg::ConvertDraft`: `draft: true` becomes `published: false` under
    /// Jekyll, in its line (renamed, then set).
    pub(super) fn convert_draft(&mut self, ctx: &Context<Self>, key: String) -> bool {
        let value = self
            .doc
            .fields()
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.clone());
        let Some(Value::Bool(value)) = value else {
            return false;
        };
        let Some((to, written)) = crate::presets::draft_as(
            &key,
            value,
            crate::presets::DraftKey::of(self.prefs.preset()),
        ) else {
            return false;
        };
        let before = self.doc.post().front_matter().to_string();
        let rename = Fix::RenameKey {
            from: key.clone(),
            to: to.to_string(),
        };
        let done = self
            .doc
            .apply_fix(&rename)
            .and_then(|_| self.doc.set_field(to, &Value::Bool(written)));
        match done {
            Ok(()) => {
                self.pending_focus = Some(form::field_id(to));
                self.publish(ctx);
                (ctx.props().host.on_change)();
            }
            Err(e) => {
                // Half done is not done: the front matter as it was.
                let _ = self.doc.raw_input(before);
                self.alert(
                    Severity::Error,
                    format!("Could not write {key} as {to}: {e}"),
                );
            }
        }
        true
    }

    /// `Msg::Command`: no render of its own, the textarea reports the edit as
    /// `Msg::BodyInput`.
    pub(super) fn run_command(&mut self, action: Action) -> bool {
        if let Some(area) = self.markdown.textarea() {
            textarea::apply(&area, action);
        }
        false
    }

    /// `Msg::SetOption`.
    pub(super) fn set_option(&mut self, name: String, value: Option<String>) -> bool {
        self.config.set(&name, value);
        match name.as_str() {
            "schema" => {
                let builtin = crate::presets::schema(self.prefs.preset());
                let (schema, error) = schema_or(self.config.schema.as_deref(), builtin);
                self.doc.set_schema(Rc::new(schema));
                if let Some(e) = error {
                    self.alert(Severity::Warning, e);
                }
            }
            "preset" => {
                if let Some(p) = self.config.preset.as_deref().and_then(Preset::from_id) {
                    self.prefs.use_preset(p);
                    self.follow_preset();
                    self.refresh_body();
                }
            }
            "theme" => self.prefs.use_theme(self.config.theme.as_deref()),
            "baseUrl" | "base-url" => self.refresh_body(),
            _ => {}
        }
        true
    }

    /// Scrolls the preview along with the Markdown (see [`super::preview_sync::PreviewSync::sync_scroll`]).
    pub(super) fn sync_scroll(&mut self, pass: u8) {
        if let Some(area) = self.markdown.textarea() {
            self.preview.sync_scroll(&area, pass);
        }
    }

    /// Typed edits were applied to the body without reading the textarea:
    /// make sure the two agree (the textarea, which the user sees, wins).
    pub(super) fn verify_body(&mut self, ctx: &Context<Self>) {
        if let Some(value) = self.markdown.verify(&self.doc) {
            web_sys::console::warn_1(&"postwright: the Markdown was re-read from the page".into());
            self.doc.set_body(&value);
            self.refresh_body();
            self.publish(ctx);
        }
    }
}
