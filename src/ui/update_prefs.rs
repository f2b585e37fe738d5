//! The user's choices of how the editor looks (the generator, the site's
//! address, the theme, the split between the panes, the form shown or
//! hidden), and keeping them beside the drafts.

use web_sys::HtmlElement;

use super::editor::Editor;
use crate::export::Preset;

/// The resizable split's range, in percent of the width for the editor.
pub(super) const SPLIT_MIN: f64 = 20.0;
pub(super) const SPLIT_MAX: f64 = 80.0;

impl Editor {
    /// `Msg::Split`.
    pub(super) fn set_split(&mut self, pct: f64) -> bool {
        let before = self.split.round();
        self.split = pct.clamp(SPLIT_MIN, SPLIT_MAX);
        self.apply_split();
        // Whole percents: a drag writes a few dozen times, not once per pointer move.
        if self.split.round() != before {
            self.set_pref("split", &format!("{:.0}", self.split));
        }
        true
    }

    /// `Msg::SetPreset`.
    pub(super) fn set_preset(&mut self, preset: Preset) -> bool {
        // A choice made: suggestions of another generator are moot.
        self.alerts.retain(|a| a.use_preset.is_none());
        self.use_preset(preset);
        self.set_pref("preset", preset.id());
        true
    }

    /// `Msg::SetSiteUrl`. An address typed without its scheme
    /// (`example.com`) is taken as `https://`; an empty box clears it.
    pub(super) fn set_site_url(&mut self, url: String) -> bool {
        let url = url.trim();
        let url = if url.is_empty() || url.contains("://") {
            url.to_string()
        } else {
            format!("https://{url}")
        };
        self.set_pref("site-url", &url);
        self.site_url = (!url.is_empty()).then_some(url);
        self.refresh_body();
        true
    }

    /// Where the preview and the form's thumbnails resolve relative paths:
    /// the host's `base-url` if it gave one, else the user's `Site URL`.
    pub(super) fn base_url(&self) -> Option<String> {
        self.config
            .base_url
            .clone()
            .or_else(|| self.site_url.clone())
    }

    /// `Msg::ToggleTheme`.
    pub(super) fn toggle_theme(&mut self) -> bool {
        let dark_now = self.dark.unwrap_or_else(prefers_dark);
        self.dark = Some(!dark_now);
        self.set_pref("theme", if dark_now { "light" } else { "dark" });
        true
    }

    /// `Msg::ToggleForm`.
    pub(super) fn toggle_form(&mut self) -> bool {
        self.form_open = !self.form_open;
        self.set_pref("form", if self.form_open { "shown" } else { "hidden" });
        true
    }

    /// A choice the user made (generator, theme, split, form shown), kept
    /// beside the drafts in local storage so the editor opens as they left
    /// it. None without a storage key.
    pub(super) fn pref(&self, name: &str) -> Option<String> {
        self.session.as_ref()?.workspace().pref(name)
    }

    pub(super) fn set_pref(&self, name: &str, value: &str) {
        if let Some(s) = &self.session {
            s.workspace().set_pref(name, value);
        }
    }

    /// Sets the editor and preview columns through the CSSOM: a style
    /// attribute would need 'unsafe-inline' under a strict CSP.
    pub(super) fn apply_split(&self) {
        if let Some(panes) = self.panes_ref.cast::<HtmlElement>() {
            let columns = format!(
                "minmax(0, {}fr) auto minmax(0, {}fr)",
                self.split,
                100.0 - self.split
            );
            let _ = panes
                .style()
                .set_property("grid-template-columns", &columns);
        }
    }

    /// The generator files exports and sets the preview's typography.
    pub(super) fn use_preset(&mut self, preset: Preset) {
        self.preset = preset;
        self.refresh_body();
    }
}

pub(super) fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}
