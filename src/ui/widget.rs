//! The widget's JS face: `mount(root, config, on_input, on_change, on_status)`,
//! called by `widget/postwright.js` (the `<postwright-editor>` element and its
//! `mount()` export). The page's own app uses the same entry point. It lives
//! in the UI, which it mounts: the browser layer below knows no component.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use yew::AppHandle;

use super::{Editor, EditorConfig, EditorProps, HostLink, Msg};

/// A running editor, as JS sees it.
#[wasm_bindgen]
pub struct EditorHandle {
    app: Option<AppHandle<Editor>>,
    host: Rc<HostLink>,
    root: web_sys::Element,
}

#[wasm_bindgen]
impl EditorHandle {
    /// The whole post (front matter included), exactly as it would be exported.
    pub fn value(&self) -> String {
        self.host.value.borrow().clone()
    }

    /// Replaces the whole post (a host setting `value`); not reported back as an input.
    pub fn set_value(&self, text: String) {
        if let Some(app) = &self.app {
            *self.host.value.borrow_mut() = text.clone();
            app.send_message(Msg::SetValue(text));
        }
    }

    /// Changes one option (`schema`, `preset`, `baseUrl`, `theme`, `storageKey`,
    /// `readonly`, `disabled`); `None` resets it.
    pub fn set_option(&self, name: String, value: Option<String>) {
        if let Some(app) = &self.app {
            app.send_message(Msg::SetOption(name, value));
        }
    }

    pub fn focus(&self) {
        if let Ok(Some(el)) = self.root.query_selector("textarea") {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    /// Unmounts the editor and frees everything it holds (listeners, timers).
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn string_option(config: &JsValue, key: &str) -> Option<String> {
    Reflect::get(config, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty())
}

fn bool_option(config: &JsValue, key: &str) -> bool {
    Reflect::get(config, &JsValue::from_str(key))
        .ok()
        .is_some_and(|v| v.is_truthy())
}

/// Mounts an editor into `root` (an element inside the widget's shadow root).
#[wasm_bindgen]
pub fn mount(
    root: web_sys::Element,
    config: JsValue,
    on_input: Function,
    on_change: Function,
    on_status: Function,
) -> EditorHandle {
    let value = string_option(&config, "value").unwrap_or_default();
    let mut editor_config = EditorConfig {
        readonly: bool_option(&config, "readonly"),
        disabled: bool_option(&config, "disabled"),
        ..EditorConfig::default()
    };
    for key in [
        "schema",
        "preset",
        "baseUrl",
        "theme",
        "storageKey",
        "mediaFolder",
        "publicFolder",
        "imageMaxWidth",
    ] {
        editor_config.set(key, string_option(&config, key));
    }
    let host = Rc::new(HostLink {
        value: RefCell::new(value.clone()),
        on_input: Box::new(move || {
            let _ = on_input.call0(&JsValue::NULL);
        }),
        on_change: Box::new(move || {
            let _ = on_change.call0(&JsValue::NULL);
        }),
        on_status: Box::new(move |status: &str| {
            let _ = on_status.call1(&JsValue::NULL, &JsValue::from_str(status));
        }),
        upload: Reflect::get(&config, &JsValue::from_str("upload"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok()),
    });
    let props = EditorProps {
        initial: Rc::from(value),
        config: Rc::new(editor_config),
        host: Rc::clone(&host),
    };
    let app = yew::Renderer::<Editor>::with_root_and_props(root.clone(), props).render();
    EditorHandle {
        app: Some(app),
        host,
        root,
    }
}
