//! The Markdown toolbar: one button per editing command, named for screen
//! readers and tests, with its shortcut announced.

use yew::prelude::*;

use crate::editing::Action;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_action: Callback<Action>,
    #[prop_or_default]
    pub disabled: bool,
    /// Given: `Image` opens a file picker for pictures (Shift+click still
    /// inserts the bare `![]()` syntax).
    #[prop_or_default]
    pub on_pick_images: Option<Callback<Vec<web_sys::File>>>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let picker = use_node_ref();
    let on_picked = props.on_pick_images.clone().map(|cb| {
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            let files = el
                .files()
                .map(super::file_buttons::file_list)
                .unwrap_or_default();
            el.set_value("");
            if !files.is_empty() {
                cb.emit(files);
            }
        })
    });
    html! {
        <div class="pw-toolbar" role="toolbar" aria-label="Formatting">
            { for Action::TOOLBAR.iter().map(|&(action, name, shortcut)| {
                let cb = props.on_action.clone();
                // mousedown would move focus out of the textarea and lose its selection.
                let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
                // Shown on hover and on keyboard focus by the stylesheet (a
                // `title` shows on hover only, and late).
                let picks = action == Action::Image && on_picked.is_some();
                let tip = match shortcut {
                    _ if picks => "Image: add pictures (Shift+click: only the ![]() syntax)".to_string(),
                    Some(s) => format!("{name} ({s})"),
                    None => name.to_string(),
                };
                let picker = picker.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    match picker.cast::<web_sys::HtmlInputElement>() {
                        Some(input) if picks && !e.shift_key() => input.click(),
                        _ => cb.emit(action),
                    }
                });
                html! {
                    <button type="button" class={classes!("pw-tool", format!("pw-tool-{}", name.to_lowercase().replace(' ', "-")))}
                        aria-label={name} data-tip={tip} aria-keyshortcuts={shortcut.map(|s| s.replace("Ctrl", "Control"))}
                        disabled={props.disabled} {onmousedown} {onclick}>
                        <span aria-hidden="true">{ icon(action) }</span>
                    </button>
                }
            }) }
            if let Some(onchange) = on_picked {
                <input ref={picker} type="file" class="pw-hidden" tabindex="-1" aria-hidden="true" multiple=true
                    accept="image/png,image/jpeg,image/gif,image/webp,image/avif,image/svg+xml,.png,.jpg,.jpeg,.gif,.webp,.avif,.svg" {onchange} />
            }
        </div>
    }
}

/// Short visible glyphs; the accessible name comes from aria-label.
fn icon(action: Action) -> &'static str {
    match action {
        Action::Heading => "H",
        Action::Bold => "B",
        Action::Italic => "I",
        Action::Link => "↗",
        Action::Image => "▣",
        Action::Code => "</>",
        Action::Quote => "❝",
        Action::BulletList => "•",
        Action::NumberedList => "№",
        Action::TaskList => "☑",
        Action::Table => "▦",
        Action::Footnote => "¹",
        _ => "",
    }
}
