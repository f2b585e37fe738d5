//! The Markdown toolbar: one button per editing command, named for screen
//! readers and tests, with its shortcut announced.

use yew::prelude::*;

use crate::editing::Action;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_action: Callback<Action>,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    html! {
        <div class="pw-toolbar" role="toolbar" aria-label="Formatting">
            { for Action::TOOLBAR.iter().map(|&(action, name, shortcut)| {
                let cb = props.on_action.clone();
                // mousedown would move focus out of the textarea and lose its selection.
                let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
                // Shown on hover and on keyboard focus by the stylesheet (a
                // `title` shows on hover only, and late).
                let tip = shortcut.map_or_else(|| name.to_string(), |s| format!("{name} ({s})"));
                html! {
                    <button type="button" class={classes!("pw-tool", format!("pw-tool-{}", name.to_lowercase().replace(' ', "-")))}
                        aria-label={name} data-tip={tip} aria-keyshortcuts={shortcut.map(|s| s.replace("Ctrl", "Control"))}
                        disabled={props.disabled} {onmousedown} onclick={Callback::from(move |_| cb.emit(action))}>
                        <span aria-hidden="true">{ icon(action) }</span>
                    </button>
                }
            }) }
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
