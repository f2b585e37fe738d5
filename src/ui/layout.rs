//! How the editor shares the window: the Write / Preview tabs of narrow
//! screens (and the order things come in there), the distraction-free
//! mode, and the form's disclosures (`More fields`, `Raw front matter`).
//! One struct, one field of the editor.

use gloo_events::EventListener;
use yew::prelude::*;

use super::editor::Editor;
use super::msg::Msg;

/// Which pane a narrow screen shows (wide screens show both).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Write,
    Preview,
}

/// Screens this narrow show one pane at a time, the writing first: the
/// stylesheet's breakpoint (`styles/postwright.css`), kept in step.
const NARROW: &str = "(max-width: 760px)";

pub struct Layout {
    pub tab: Pane,
    /// The screen is [`NARROW`]: the page reads the writing, then the form,
    /// then the drafts, and so does the keyboard (the view puts them in
    /// that order in the page, not only on the screen).
    pub narrow: bool,
    /// Tells when the screen crosses [`NARROW`] (dropped with the editor).
    _narrow_listener: Option<EventListener>,
    /// Only the Markdown box, the whole window.
    pub focus_mode: bool,
    pub raw_open: bool,
    /// Made once (see `Handlers` in `editor`): a callback made in `view`
    /// compares unequal and renders the form again on every keystroke.
    pub callbacks: LayoutCallbacks,
}

pub struct LayoutCallbacks {
    /// `More fields` / `Fewer fields` (false), or show them all (true).
    pub show_all: Callback<bool>,
    pub toggle_raw: Callback<()>,
    pub raw_input: Callback<String>,
    pub committed: Callback<()>,
}

impl Layout {
    pub fn new(link: &yew::html::Scope<Editor>) -> Self {
        let query = web_sys::window().and_then(|w| w.match_media(NARROW).ok().flatten());
        let narrow = query.as_ref().is_some_and(|q| q.matches());
        let listener = query.map(|q| {
            let send = link.callback(|narrow| Msg::Layout(LayoutMsg::Narrow(narrow)));
            let target = q.clone();
            EventListener::new(&target, "change", move |_| send.emit(q.matches()))
        });
        Layout {
            tab: Pane::default(),
            narrow,
            _narrow_listener: listener,
            focus_mode: false,
            raw_open: false,
            callbacks: LayoutCallbacks {
                show_all: link.callback(|all: bool| {
                    Msg::Layout(if all {
                        LayoutMsg::ShowMoreFields
                    } else {
                        LayoutMsg::ToggleMoreFields
                    })
                }),
                toggle_raw: link.callback(|_| Msg::Layout(LayoutMsg::ToggleRaw)),
                raw_input: link.callback(Msg::RawInput),
                committed: link.callback(|_| Msg::Committed),
            },
        }
    }
}

impl Layout {
    /// The editor's body in the order the page reads it, each part keyed:
    /// the drafts (`side`), then the form (`meta`), then the panes
    /// (`writing`); on a narrow screen the writing, the form, the drafts,
    /// as the screen shows them, so the keyboard goes through them as the
    /// eye does (CSS `order` would move them on the screen only).
    pub fn reading_order(
        &self,
        side: Option<Html>,
        conflicts: Html,
        meta: Html,
        writing: Html,
    ) -> Vec<Html> {
        let main_parts = if self.narrow {
            [conflicts, writing, meta]
        } else {
            [conflicts, meta, writing]
        };
        let main = html! { <div class="pw-main" key="main">{ for main_parts }</div> };
        match side {
            Some(side) if self.narrow => vec![main, side],
            Some(side) => vec![side, main],
            None => vec![main],
        }
    }
}

pub enum LayoutMsg {
    Tab(Pane),
    ToggleFocusMode,
    LeaveFocusMode,
    ToggleMoreFields,
    /// Show every field (a field was just added that the compact form hides).
    ShowMoreFields,
    ToggleRaw,
    /// The skip link: to the Markdown box (on a narrow screen, its tab first).
    SkipToWriting,
    /// The screen became narrow (true) or wide.
    Narrow(bool),
}

impl Editor {
    /// Shows `key`'s field even if the compact form hides it (a fix just
    /// renamed or set it, and the keyboard goes there). Not kept as a preference.
    pub(super) fn reveal_field(&mut self, key: &str) {
        if !self.doc.schema().is_key_field(key) {
            let drafts = self.session.as_ref().map(|s| s.workspace());
            self.prefs.show_more_fields(true, false, drafts);
        }
    }

    /// `Msg::Layout`.
    pub(super) fn update_layout(&mut self, msg: LayoutMsg) -> bool {
        let layout = &mut self.layout;
        match msg {
            LayoutMsg::Tab(pane) => layout.tab = pane,
            LayoutMsg::ToggleFocusMode => layout.focus_mode = !layout.focus_mode,
            LayoutMsg::LeaveFocusMode => {
                if !layout.focus_mode {
                    return false;
                }
                layout.focus_mode = false;
            }
            LayoutMsg::ToggleMoreFields | LayoutMsg::ShowMoreFields => {
                let open = matches!(msg, LayoutMsg::ShowMoreFields) || !self.prefs.more_fields();
                if open == self.prefs.more_fields() {
                    return false;
                }
                let drafts = self.session.as_ref().map(|s| s.workspace());
                self.prefs.show_more_fields(open, true, drafts);
            }
            LayoutMsg::ToggleRaw => layout.raw_open = !layout.raw_open,
            LayoutMsg::SkipToWriting => layout.tab = Pane::Write,
            LayoutMsg::Narrow(narrow) => {
                if layout.narrow == narrow {
                    return false;
                }
                layout.narrow = narrow;
            }
        }
        // Entering or leaving, the writing keeps the keyboard.
        if matches!(
            msg,
            LayoutMsg::ToggleFocusMode | LayoutMsg::LeaveFocusMode | LayoutMsg::SkipToWriting
        ) {
            self.pending_focus = Some("pw-markdown".to_string());
        }
        true
    }
}
