//! The messages that edit the post: the Markdown (typing, its preview, the
//! pause after typing, toolbar commands), the front matter (raw, by field,
//! by fix), the value and options the host sets, and the preview's scroll
//! following the Markdown's.

use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::editor::Editor;
use super::form;
use super::msg::{BodyChange, Msg};
use crate::browser::{files, textarea};
use crate::drafts::Cursor;
use crate::editing::{self, Action};
use crate::export::Preset;
use crate::post::Value;
use crate::validate::{Fix, Severity};

/// Above this body size, a keystroke that needs the whole body rendered
/// again (a heading renamed, a footnote added) leaves that to a task of its
/// own, so the typed character paints first; keystrokes re-rendering only
/// their blocks (nearly all) are rendered at once at any size.
const DEFER_PREVIEW_BYTES: usize = 256 * 1024;

/// Above this body size a keystroke does only what it must, the preview's
/// blocks around it; the word count (a sum over blocks, but shown by
/// rendering the whole editor again) and checking the body against the
/// textarea (a whole read of it) wait for a pause in typing.
const LONG_POST_BYTES: usize = 64 * 1024;

impl Editor {
    /// `Msg::BodyInput`. The preview is patched here, so the editor renders
    /// again only when what else a keystroke shows (the word count, the save
    /// status) changed.
    pub(super) fn body_input(&mut self, ctx: &Context<Self>, change: BodyChange) -> bool {
        let Some(text) = self.body_after(change) else {
            return false;
        };
        if text == self.post.body() {
            return false;
        }
        self.post.set_body(&text);
        // What the view shows of a keystroke is the preview (patched
        // here), the word count and the save status: the rest of the
        // editor is not rendered again unless those two changed.
        let shown = (self.stats, self.session.as_ref().map(|s| s.status.clone()));
        if text.len() <= LONG_POST_BYTES {
            self.refresh_body();
        } else {
            // A long post: the keystroke's own blocks now, the rest later.
            if let Some(splice) = self.preview.update_partial(&text) {
                self.patcher.push(splice);
            } else if text.len() <= DEFER_PREVIEW_BYTES {
                self.patcher.push(self.preview.update(&text));
            } else if self.preview_task.is_none() {
                let link = ctx.link().clone();
                self.preview_task = Some(gloo_timers::callback::Timeout::new(0, move || {
                    link.send_message(Msg::RenderPreview)
                }));
            }
            // After a pause: a new keystroke drops the timer and sets another.
            let link = ctx.link().clone();
            self.pause_task = Some(gloo_timers::callback::Timeout::new(300, move || {
                link.send_message(Msg::TypingPaused)
            }));
        }
        self.publish(ctx);
        self.patcher
            .apply(self.blocks_ref.cast(), self.preview.blocks());
        shown != (self.stats, self.session.as_ref().map(|s| s.status.clone()))
    }

    /// `Msg::RenderPreview`: a long post's preview, left from the keystroke.
    pub(super) fn render_preview(&mut self) -> bool {
        self.preview_task = None;
        let splice = self.preview.update(self.post.body());
        self.patcher.push(splice);
        self.stats = self.preview.stats();
        true
    }

    /// `Msg::TypingPaused`.
    pub(super) fn typing_paused(&mut self, ctx: &Context<Self>) -> bool {
        self.pause_task = None;
        // Here rather than in the autosave that follows, whose task
        // is long enough on a long post.
        self.verify_body(ctx);
        // A new count shows by rendering the editor again, which a
        // long post's keystrokes leave out; a render left for later
        // brings its own count.
        if self.preview_task.is_none() {
            self.stats = self.preview.stats();
        }
        true
    }

    /// `Msg::RawInput`.
    pub(super) fn raw_input(&mut self, ctx: &Context<Self>, text: String) -> bool {
        let text = self.with_post_newlines(text, self.post.front_matter());
        self.post.set_front_matter(&text);
        self.refresh_front_matter();
        self.publish(ctx);
        true
    }

    /// `Msg::SetField`.
    pub(super) fn set_field(&mut self, ctx: &Context<Self>, key: String, value: Value) -> bool {
        if let Err(e) = self.post.set(&key, &value, &self.schema) {
            self.alert(Severity::Error, format!("Could not set {key}: {e}"));
        } else {
            self.refresh_front_matter();
            self.publish(ctx);
        }
        true
    }

    /// `Msg::RemoveField`.
    pub(super) fn remove_field(&mut self, ctx: &Context<Self>, key: String) -> bool {
        let before = self.post.front_matter().to_string();
        if let Err(e) = self.post.remove(&key) {
            self.alert(Severity::Error, format!("Could not remove {key}: {e}"));
        } else {
            let label = self.schema.field(&key).map_or(key, |d| d.label.clone());
            let after = self.post.front_matter().to_string();
            self.field_undo.record(label, before, after);
            self.refresh_front_matter();
            self.publish(ctx);
            (ctx.props().host.on_change)();
        }
        true
    }

    /// `Msg::AddField`: no render of its own, the `Msg::SetField` it sends renders.
    pub(super) fn add_field(&mut self, ctx: &Context<Self>, key: String) -> bool {
        let value = match self.schema.field(&key).map(|d| &d.ty) {
            Some(crate::schema::FieldType::Bool) => Value::Bool(false),
            Some(crate::schema::FieldType::StringList | crate::schema::FieldType::ImageList) => {
                Value::List(vec![])
            }
            Some(crate::schema::FieldType::Date) => Value::String(files::today()),
            _ => Value::String(String::new()),
        };
        // Someone who adds a field means to fill it in.
        self.pending_focus = Some(form::field_id(&key));
        ctx.link().send_message(Msg::SetField(key, value));
        false
    }

    /// `Msg::ApplyFix`.
    pub(super) fn apply_fix(&mut self, ctx: &Context<Self>, fix: Fix) -> bool {
        let result = match &fix {
            Fix::RenameKey { from, to } => self.post.rename(from, to),
            Fix::SetValue { key, value } => self.post.set(key, value, &self.schema),
        };
        if let Err(e) = result {
            self.alert(Severity::Error, format!("Could not apply the fix: {e}"));
        } else {
            let key = match &fix {
                Fix::RenameKey { to, .. } => to,
                Fix::SetValue { key, .. } => key,
            };
            self.pending_focus = Some(form::field_id(key));
            self.reveal_field(key);
            self.refresh_front_matter();
            self.publish(ctx);
            (ctx.props().host.on_change)();
        }
        true
    }

    /// `Msg::Command`: no render of its own, the textarea reports the edit as
    /// `Msg::BodyInput`.
    pub(super) fn run_command(&mut self, action: Action) -> bool {
        if let Some(area) = self.textarea() {
            textarea::apply(&area, action);
        }
        false
    }

    /// `Msg::SetValue`.
    pub(super) fn set_value(&mut self, ctx: &Context<Self>, text: String) -> bool {
        self.show(ctx, &text, None);
        if let Some(session) = &mut self.session {
            session.touch(ctx.link());
        }
        true
    }

    /// `Msg::SetOption`.
    pub(super) fn set_option(&mut self, name: String, value: Option<String>) -> bool {
        self.config.set(&name, value);
        match name.as_str() {
            "schema" => {
                let (schema, error) = Editor::load_schema(&self.config);
                self.schema = schema;
                if let Some(e) = error {
                    self.alert(Severity::Warning, e);
                }
                self.refresh_front_matter();
            }
            "preset" => {
                if let Some(p) = self.config.preset.as_deref().and_then(Preset::from_id) {
                    self.use_preset(p);
                }
            }
            "theme" => {
                self.dark = match self.config.theme.as_deref() {
                    Some("dark") => Some(true),
                    Some("light") => Some(false),
                    _ => None,
                }
            }
            "baseUrl" | "base-url" => self.refresh_body(),
            _ => {}
        }
        true
    }

    /// Scrolls the preview to the share of its scroll range the Markdown is
    /// scrolled to. The preview's off-screen chunks have estimated heights
    /// until they are laid out, and scrolling lays some out, which changes its
    /// height (and the browser's scroll anchoring moves it): so the scroll is
    /// set again, a few frames later, until the height holds still.
    pub(super) fn sync_scroll(&mut self, ctx: &Context<Self>, pass: u8) {
        const PASSES: u8 = 10;
        let (Some(area), Some(preview)) = (self.textarea(), self.preview_ref.cast::<HtmlElement>())
        else {
            return;
        };
        let range = (area.scroll_height() - area.client_height()).max(1) as f64;
        let ratio = area.scroll_top() as f64 / range;
        let height = preview.scroll_height();
        let target = (height - preview.client_height()).max(0) as f64;
        preview.set_scroll_top((ratio * target).round() as i32);
        let settled = pass > 0 && height == self.scroll_height;
        self.scroll_height = height;
        self.scroll_task = (!settled && pass < PASSES).then(|| {
            let link = ctx.link().clone();
            gloo_timers::callback::Timeout::new(40, move || {
                link.send_message(Msg::SettleScroll(pass + 1))
            })
        });
    }

    pub(super) fn textarea(&self) -> Option<HtmlTextAreaElement> {
        self.markdown_ref.cast::<HtmlTextAreaElement>()
    }

    pub(super) fn cursor(&self) -> Cursor {
        self.textarea()
            .map(|a| Cursor {
                start: a.selection_start().ok().flatten().unwrap_or(0) as usize,
                end: a.selection_end().ok().flatten().unwrap_or(0) as usize,
            })
            .unwrap_or_default()
    }

    /// The body after a change of the textarea: a typed edit applied to the
    /// body when the numbers fit, else the textarea's whole value.
    fn body_after(&mut self, change: BodyChange) -> Option<String> {
        if let BodyChange::Typed {
            inserted,
            len_after,
            caret,
        } = &change
        {
            let typed = self.body_len16.and_then(|len| {
                editing::apply_typed(self.post.body(), len, *len_after, *caret, inserted)
            });
            if let Some(text) = typed {
                self.body_len16 = Some(*len_after);
                self.body_unverified = true;
                return Some(text);
            }
        }
        let value = match change {
            BodyChange::Value(v) => v,
            BodyChange::Typed { .. } => self.textarea()?.value(),
        };
        // The whole value: whatever typed edits were applied, this is the truth.
        self.body_len16 = self.textarea().map(|a| a.text_length() as usize);
        self.body_unverified = false;
        Some(self.with_post_newlines(value, self.post.body()))
    }

    /// Typed edits were applied to the body without reading the textarea:
    /// make sure the two agree (the textarea, which the user sees, wins).
    pub(super) fn verify_body(&mut self, ctx: &Context<Self>) {
        if !self.body_unverified {
            return;
        }
        self.body_unverified = false;
        let Some(area) = self.textarea() else { return };
        let value = self.with_post_newlines(area.value(), self.post.body());
        self.body_len16 = Some(area.text_length() as usize);
        if value != self.post.body() {
            web_sys::console::warn_1(&"postwright: the Markdown was re-read from the page".into());
            self.post.set_body(&value);
            self.refresh_body();
            self.publish(ctx);
        }
    }

    /// Text from a textarea uses LF; a CRLF post keeps CRLF (no whole-file diff).
    fn with_post_newlines(&self, text: String, original: &str) -> String {
        if original.contains("\r\n") && !text.contains("\r\n") {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    }
}
