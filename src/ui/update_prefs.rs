//! The messages about the user's choices of look (see [`super::prefs`]):
//! each changes the choice, keeps it beside the drafts, and brings the
//! page up to date (the preview's typography, the panes' columns).

use web_sys::HtmlElement;

use std::rc::Rc;

use yew::prelude::*;

use super::editor::Editor;
use super::session::LocalClock;
use crate::document::schema_or;
use crate::export::Preset;

impl Editor {
    /// `Msg::Split`.
    pub(super) fn set_split(&mut self, pct: f64) -> bool {
        let drafts = self.session.as_ref().map(|s| s.workspace());
        self.prefs.set_split(pct, drafts);
        self.apply_split();
        true
    }

    /// The document reads keys as the chosen generator does, and is
    /// checked against its fields (unless the host gave its own schema).
    pub(super) fn follow_preset(&mut self) {
        let preset = self.prefs.preset();
        self.doc.set_key_case(crate::presets::key_case(preset));
        // With the opened site's own taxonomies (a Hugo site's `series`).
        let taxonomies = self
            .folder
            .site()
            .filter(|s| s.suits(preset))
            .map_or(&[][..], |s| s.taxonomies.as_slice());
        let builtin = crate::presets::schema_for_site(preset, taxonomies);
        let (schema, _) = schema_or(self.config.schema.as_deref(), builtin);
        if **self.doc.schema() != schema {
            self.doc.set_schema(Rc::new(schema));
        }
    }

    /// `Msg::SetPreset`. The open post stays as written, unless it is a
    /// starter nobody wrote in: that becomes the new generator's own.
    pub(super) fn set_preset(&mut self, ctx: &Context<Self>, preset: Preset) -> bool {
        // A choice made: suggestions of another generator are moot.
        self.notices.drop_suggestions();
        let drafts = self.session.as_ref().map(|s| s.workspace());
        self.prefs.choose_preset(preset, drafts);
        self.follow_preset();
        let clock = LocalClock::now();
        let text = self.doc.post().to_text();
        if let Some(fresh) = crate::presets::on_switch(&text, preset, clock.as_local_now()) {
            self.show(ctx, &fresh, None);
            self.publish(ctx);
        }
        self.refresh_body();
        true
    }

    /// `Msg::SetSiteUrl`.
    pub(super) fn set_site_url(&mut self, url: String) -> bool {
        let drafts = self.session.as_ref().map(|s| s.workspace());
        self.prefs.set_site_url(&url, drafts);
        self.refresh_body();
        true
    }

    /// Where the preview and the form's thumbnails resolve relative paths:
    /// the host's `base-url` if it gave one, else the user's `Site URL`.
    pub(super) fn base_url(&self) -> Option<String> {
        self.config
            .base_url
            .clone()
            .or_else(|| self.prefs.site_url().map(str::to_string))
    }

    /// "Will it publish, and where?" for the open post, as the chosen
    /// generator decides it now, at the URL it will give it under the site's
    /// address, for the post at `path` (from the fields the form already
    /// holds: nothing is parsed here).
    pub(super) fn publish_status(&self, path: &str) -> String {
        use crate::browser::zones::IntlZones;
        use crate::site::{status_line, verdict_of_fields, SiteConfig};
        let preset = self.prefs.preset();
        // The opened folder's configuration, while it is the chosen generator's.
        let site = self
            .folder
            .site()
            .filter(|s| s.suits(preset))
            .cloned()
            .unwrap_or_default();
        let site = SiteConfig {
            base_url: self.base_url(),
            ..site
        };
        let now = (js_sys::Date::now() / 1000.0) as i64;
        let v = verdict_of_fields(preset, &site, path, self.doc.fields(), now, &IntlZones);
        status_line(preset, &v)
    }

    /// `Msg::ToggleTheme`.
    pub(super) fn toggle_theme(&mut self) -> bool {
        let dark_now = self.prefs.dark().unwrap_or_else(prefers_dark);
        let drafts = self.session.as_ref().map(|s| s.workspace());
        self.prefs.toggle_theme(dark_now, drafts);
        true
    }

    /// `Msg::ToggleForm`.
    pub(super) fn toggle_form(&mut self) -> bool {
        let drafts = self.session.as_ref().map(|s| s.workspace());
        self.prefs.toggle_form(drafts);
        true
    }

    /// Sets the editor and preview columns through the CSSOM: a style
    /// attribute would need 'unsafe-inline' under a strict CSP.
    pub(super) fn apply_split(&self) {
        if let Some(panes) = self.panes_ref.cast::<HtmlElement>() {
            let split = self.prefs.split();
            let columns = format!("minmax(0, {split}fr) auto minmax(0, {}fr)", 100.0 - split);
            let _ = panes
                .style()
                .set_property("grid-template-columns", &columns);
        }
    }
}

pub(super) fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}
