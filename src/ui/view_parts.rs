//! The editor view's smaller parts: the Write / Preview tabs of a narrow
//! screen, the splitter between the panes, and the opened folder's panel
//! (out of `view`, which composes them).

use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::editor::Editor;
use super::layout::{LayoutMsg, Pane};
use super::msg::Msg;
use super::prefs::{SPLIT_MAX, SPLIT_MIN};

impl Editor {
    /// Write / Preview, for screens too narrow for both panes side by side
    /// (shown by the stylesheet only there). Arrow keys move between them.
    pub(super) fn pane_tabs(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let tab = |pane: Pane, id: &'static str, panel: &'static str, name: &'static str| {
            let selected = self.layout.tab == pane;
            let other = if pane == Pane::Write {
                Pane::Preview
            } else {
                Pane::Write
            };
            let onkeydown = link.batch_callback(move |e: KeyboardEvent| {
                matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight").then(|| {
                    e.prevent_default();
                    if let Some(next) = e
                        .target_dyn_into::<web_sys::Element>()
                        .and_then(|t| {
                            if pane == Pane::Write {
                                t.next_element_sibling()
                            } else {
                                t.previous_element_sibling()
                            }
                        })
                        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = next.focus();
                    }
                    Msg::Layout(LayoutMsg::Tab(other))
                })
            });
            html! {
                <button type="button" role="tab" {id} aria-controls={panel} aria-selected={selected.to_string()}
                    tabindex={if selected { "0" } else { "-1" }} {onkeydown}
                    onclick={link.callback(move |_| Msg::Layout(LayoutMsg::Tab(pane)))}>{ name }</button>
            }
        };
        html! {
            <div class="pw-tabs" role="tablist" aria-label="Write or preview">
                { tab(Pane::Write, "pw-tab-write", "pw-write-panel", "Write") }
                { tab(Pane::Preview, "pw-tab-preview", "pw-preview-panel", "Preview") }
            </div>
        }
    }

    /// The posts of an opened folder, by path.
    pub(super) fn folder_panel(&self, ctx: &Context<Self>) -> Html {
        let Some((name, posts)) = self.folder.listing() else {
            return html! {};
        };
        let current = self.current_folder_file().map(|f| f.path.clone());
        html! {
            <section class="pw-folder pw-drafts" aria-label={format!("Folder {name}")}>
                <h2 class="pw-drafts-title">{ name }</h2>
                <ul class="pw-draft-list" aria-label="Folder posts">
                    { for posts.iter().enumerate().map(|(i, p)| html! {
                        <li class="pw-draft" key={p.path.clone()} aria-current={(current.as_deref() == Some(p.path.as_str())).then_some("true")}>
                            <button type="button" class="pw-draft-open" onclick={ctx.link().callback(move |_| Msg::OpenFolderPost(i))}>
                                <span class="pw-draft-name">{ &p.path }</span>
                            </button>
                        </li>
                    }) }
                </ul>
            </section>
        }
    }

    /// The handle between editor and preview: drag it, or focus it and use the arrow keys.
    pub(super) fn splitter(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let panes = self.panes_ref.clone();
        let current = self.prefs.split();
        let onkeydown = link.batch_callback(move |e: KeyboardEvent| {
            let pct = match e.key().as_str() {
                "ArrowLeft" => current - 5.0,
                "ArrowRight" => current + 5.0,
                "Home" => SPLIT_MIN,
                "End" => SPLIT_MAX,
                _ => return None,
            };
            e.prevent_default();
            Some(Msg::Split(pct))
        });
        let onpointerdown = Callback::from(|e: PointerEvent| {
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        });
        let onpointermove = link.batch_callback(move |e: PointerEvent| {
            let captured = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|el| el.has_pointer_capture(e.pointer_id()));
            let rect = panes.cast::<web_sys::Element>()?.get_bounding_client_rect();
            (captured && rect.width() > 0.0)
                .then(|| Msg::Split((e.client_x() as f64 - rect.left()) / rect.width() * 100.0))
        });
        html! {
            <div class="pw-splitter" role="separator" aria-orientation="vertical" aria-label="Resize editor and preview"
                aria-valuemin="20" aria-valuemax="80" aria-valuenow={format!("{:.0}", self.prefs.split())} tabindex="0"
                {onkeydown} {onpointerdown} {onpointermove}></div>
        }
    }
}
