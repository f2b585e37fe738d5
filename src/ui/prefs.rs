//! [`Prefs`]: the user's choices of how the editor looks (the generator,
//! the site's address, the theme, the split between the panes, the form
//! shown or hidden). A choice the user makes is kept beside the drafts
//! (see [`Workspace::pref`]) so the editor opens as they left it; one the
//! host sets (an attribute) is not.

use crate::browser::storage::AnyStore;
use crate::drafts::Workspace;
use crate::export::Preset;

use super::host::EditorConfig;

/// The resizable split's range, in percent of the width for the editor.
pub(super) const SPLIT_MIN: f64 = 20.0;
pub(super) const SPLIT_MAX: f64 = 80.0;

type Drafts<'a> = Option<&'a Workspace<AnyStore>>;

pub(super) struct Prefs {
    preset: Preset,
    /// `None`: follow the system's light or dark.
    dark: Option<bool>,
    form_open: bool,
    /// The Markdown pane's share of the panes' width, in percent.
    split: f64,
    /// The site's address as the user gave it (see `Editor::base_url`).
    site_url: Option<String>,
    /// The form shows every field, not only the key ones.
    more_fields: bool,
}

/// A `theme` option: `dark`, `light`, or anything else to follow the system.
fn theme_of(theme: Option<&str>) -> Option<bool> {
    match theme {
        Some("dark") => Some(true),
        Some("light") => Some(false),
        _ => None,
    }
}

impl Prefs {
    /// As the host's options say.
    pub(super) fn new(config: &EditorConfig) -> Self {
        Prefs {
            preset: config
                .preset
                .as_deref()
                .and_then(Preset::from_id)
                .unwrap_or(Preset::Hugo),
            dark: theme_of(config.theme.as_deref()),
            form_open: true,
            split: 50.0,
            site_url: None,
            more_fields: false,
        }
    }

    /// The choices made last time in these drafts' namespace, as `pref`
    /// reads them (see [`Workspace::pref_of`]).
    pub(super) fn restore(&mut self, pref: impl Fn(&str) -> Option<String>) {
        if let Some(p) = pref("preset").and_then(|p| Preset::from_id(&p)) {
            self.preset = p;
        }
        if let Some(dark) = theme_of(pref("theme").as_deref()) {
            self.dark = Some(dark);
        }
        if let Some(split) = pref("split").and_then(|s| s.parse::<f64>().ok()) {
            self.split = split.clamp(SPLIT_MIN, SPLIT_MAX);
        }
        self.site_url = pref("site-url").filter(|u| !u.is_empty());
        if pref("form").as_deref() == Some("hidden") {
            self.form_open = false;
        }
        self.more_fields = pref("more-fields").as_deref() == Some("shown");
    }

    pub(super) fn more_fields(&self) -> bool {
        self.more_fields
    }

    /// `More fields` / `Fewer fields`; `keep_it`: as a preference (not for a
    /// field shown only because a fix just went to it).
    pub(super) fn show_more_fields(&mut self, shown: bool, keep_it: bool, drafts: Drafts) {
        self.more_fields = shown;
        if keep_it {
            keep(
                drafts,
                "more-fields",
                if shown { "shown" } else { "hidden" },
            );
        }
    }

    pub(super) fn preset(&self) -> Preset {
        self.preset
    }

    /// The host set the generator.
    pub(super) fn use_preset(&mut self, preset: Preset) {
        self.preset = preset;
    }

    /// The user chose the generator.
    pub(super) fn choose_preset(&mut self, preset: Preset, drafts: Drafts) {
        self.preset = preset;
        keep(drafts, "preset", preset.id());
    }

    pub(super) fn dark(&self) -> Option<bool> {
        self.dark
    }

    /// The host set the theme.
    pub(super) fn use_theme(&mut self, theme: Option<&str>) {
        self.dark = theme_of(theme);
    }

    /// The user switched the theme from what shows now.
    pub(super) fn toggle_theme(&mut self, dark_now: bool, drafts: Drafts) {
        self.dark = Some(!dark_now);
        keep(drafts, "theme", if dark_now { "light" } else { "dark" });
    }

    pub(super) fn form_open(&self) -> bool {
        self.form_open
    }

    pub(super) fn toggle_form(&mut self, drafts: Drafts) {
        self.form_open = !self.form_open;
        keep(
            drafts,
            "form",
            if self.form_open { "shown" } else { "hidden" },
        );
    }

    pub(super) fn split(&self) -> f64 {
        self.split
    }

    /// The split dragged or keyed to `pct` (clamped to the range).
    pub(super) fn set_split(&mut self, pct: f64, drafts: Drafts) {
        let before = self.split.round();
        self.split = pct.clamp(SPLIT_MIN, SPLIT_MAX);
        // Whole percents: a drag writes a few dozen times, not once per pointer move.
        if self.split.round() != before {
            keep(drafts, "split", &format!("{:.0}", self.split));
        }
    }

    pub(super) fn site_url(&self) -> Option<&str> {
        self.site_url.as_deref()
    }

    /// The `Site URL` box changed. An address typed without its scheme
    /// (`example.com`) is taken as `https://`; an empty box clears it.
    pub(super) fn set_site_url(&mut self, url: &str, drafts: Drafts) {
        let url = url.trim();
        let url = if url.is_empty() || url.contains("://") {
            url.to_string()
        } else {
            format!("https://{url}")
        };
        keep(drafts, "site-url", &url);
        self.site_url = (!url.is_empty()).then_some(url);
    }
}

fn keep(drafts: Drafts, name: &str, value: &str) {
    if let Some(drafts) = drafts {
        drafts.set_pref(name, value);
    }
}
