//! What the host page sets and gets: the editor's options (attributes of
//! `<postwright-editor>`), the link back to the host, and the component's
//! properties.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// Options a host sets (attributes of `<postwright-editor>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditorConfig {
    pub schema: Option<String>,
    pub preset: Option<String>,
    pub base_url: Option<String>,
    pub theme: Option<String>,
    /// Namespace for autosaved drafts; `None`: the host owns persistence, nothing is stored.
    pub storage_key: Option<String>,
    pub readonly: bool,
    pub disabled: bool,
    /// Where pictures go in the repository and how the post refers to them
    /// (Decap's `media_folder` and `public_folder`); unset: the generator's.
    pub media_folder: Option<String>,
    pub public_folder: Option<String>,
    /// Photos wider than this (px) are offered a resize; 0: never. Unset: 2400.
    pub image_max_width: Option<u32>,
}

impl EditorConfig {
    /// Sets an option by its JS name (`baseUrl`, …); unknown names are ignored.
    pub fn set(&mut self, name: &str, value: Option<String>) {
        let flag = |v: &Option<String>| v.as_deref().is_some_and(|s| s != "false");
        match name {
            "schema" => self.schema = value,
            "preset" => self.preset = value,
            "baseUrl" | "base-url" => self.base_url = value,
            "theme" => self.theme = value,
            "storageKey" | "storage-key" => self.storage_key = value,
            "mediaFolder" | "media-folder" => self.media_folder = value,
            "publicFolder" | "public-folder" => self.public_folder = value,
            "imageMaxWidth" | "image-max-width" => {
                self.image_max_width = value.and_then(|v| v.trim().parse().ok())
            }
            "readonly" => self.readonly = flag(&value),
            "disabled" => self.disabled = flag(&value),
            _ => {}
        }
    }
}

/// How the editor talks back to its host: the current value and event callbacks.
pub struct HostLink {
    pub value: RefCell<String>,
    pub on_input: Box<dyn Fn()>,
    pub on_change: Box<dyn Fn()>,
    pub on_status: Box<dyn Fn(&str)>,
    /// The host's own media storage: `upload(file)` gives a promise of the
    /// URL to insert, or nothing to let the editor keep the picture itself.
    pub upload: Option<js_sys::Function>,
}

#[derive(Properties, Clone)]
pub struct EditorProps {
    pub initial: Rc<str>,
    pub config: Rc<EditorConfig>,
    pub host: Rc<HostLink>,
}

impl PartialEq for EditorProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && Rc::ptr_eq(&self.host, &other.host)
    }
}
