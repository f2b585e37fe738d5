//! [`ConflictView`]: the conflicts of a merge (`crate::merge`), one group
//! per field or block, each showing both versions with a choice of Mine,
//! Theirs or Edit (a text box that starts from mine). Nothing is settled
//! until every conflict has a choice and the writer confirms. Used by Save
//! to folder (the file changed on disk) and by two tabs on one draft.

use std::rc::Rc;

use yew::prelude::*;

use crate::merge::{Conflict, Place, Resolution};

#[derive(Properties, PartialEq)]
pub struct ConflictViewProps {
    pub conflicts: Rc<Vec<Conflict>>,
    /// What the view is about, in a sentence (the heading).
    pub title: AttrValue,
    /// Whose the other version is: `On disk`, `Other tab`.
    pub theirs_label: AttrValue,
    /// The confirming button: `Save resolved`, `Use resolved`.
    pub resolve_label: AttrValue,
    /// Keeps radio groups of two views apart.
    pub id: AttrValue,
    pub on_resolve: Callback<Vec<Resolution>>,
    pub on_cancel: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Choice {
    Mine,
    Theirs,
    Edit(String),
}

/// The group's accessible name: `Field title`, `Front matter`, `Body at line 7`.
pub fn legend(place: &Place) -> String {
    match place {
        Place::Field(k) => format!("Field {k}"),
        Place::FrontMatter => "Front matter".to_string(),
        Place::Body { line } => format!("Body at line {line}"),
    }
}

#[function_component(ConflictView)]
pub fn conflict_view(props: &ConflictViewProps) -> Html {
    let choices = use_state(|| vec![None::<Choice>; props.conflicts.len()]);
    let first = use_node_ref();
    {
        // A new set of conflicts: fresh choices, and the first choice focused.
        let (choices, first, n) = (choices.clone(), first.clone(), props.conflicts.len());
        use_effect_with(props.conflicts.clone(), move |_| {
            choices.set(vec![None; n]);
            if let Some(el) = first.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let set = |i: usize, choice: Choice| {
        let choices = choices.clone();
        Callback::from(move |_: Event| {
            let mut v = (*choices).clone();
            if let Some(slot) = v.get_mut(i) {
                *slot = Some(choice.clone());
            }
            choices.set(v);
        })
    };
    let all_chosen = choices.len() == props.conflicts.len() && choices.iter().all(Option::is_some);
    let resolve = {
        let (choices, conflicts, cb) = (
            choices.clone(),
            props.conflicts.clone(),
            props.on_resolve.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let resolutions: Option<Vec<Resolution>> = choices
                .iter()
                .zip(conflicts.iter())
                .map(|(c, conflict)| {
                    c.as_ref().map(|c| match c {
                        Choice::Mine => Resolution::Mine,
                        Choice::Theirs => Resolution::Theirs,
                        Choice::Edit(t) => Resolution::Edited(conflict.edited(t)),
                    })
                })
                .collect();
            if let Some(r) = resolutions {
                cb.emit(r);
            }
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let onkeydown = {
        let cb = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(());
            }
        })
    };
    let side = |text: &Option<String>| match text.as_deref() {
        Some(t) if !t.is_empty() => html! { <pre class="pw-conflict-text pw-mono">{ t }</pre> },
        _ => html! { <p class="pw-conflict-text pw-conflict-removed">{"(removed)"}</p> },
    };
    html! {
        <section class="pw-conflicts" role="dialog" aria-label="Resolve conflicts" {onkeydown}>
            <h2 class="pw-conflicts-title">{ props.title.clone() }</h2>
            { for props.conflicts.iter().enumerate().map(|(i, c)| {
                let name = format!("{}-{i}", props.id);
                let chosen = choices.get(i).cloned().flatten();
                let edit_text = match &chosen {
                    Some(Choice::Edit(t)) => Some(t.clone()),
                    _ => None,
                };
                let on_edit = {
                    let choices = choices.clone();
                    Callback::from(move |e: InputEvent| {
                        let value = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
                        let mut v = (*choices).clone();
                        if let Some(slot) = v.get_mut(i) {
                            *slot = Some(Choice::Edit(value));
                        }
                        choices.set(v);
                    })
                };
                let start = c.mine.clone().or_else(|| c.theirs.clone()).unwrap_or_default();
                html! {
                    <fieldset class="pw-conflict">
                        <legend>{ legend(&c.place) }</legend>
                        <div class="pw-conflict-sides">
                            <div><span class="pw-conflict-side">{"Mine"}</span>{ side(&c.mine) }</div>
                            <div><span class="pw-conflict-side">{ props.theirs_label.clone() }</span>{ side(&c.theirs) }</div>
                        </div>
                        <div class="pw-conflict-choices">
                            <label><input type="radio" name={name.clone()} ref={if i == 0 { first.clone() } else { NodeRef::default() }}
                                checked={chosen == Some(Choice::Mine)} onchange={set(i, Choice::Mine)} />{" Mine"}</label>
                            <label><input type="radio" name={name.clone()}
                                checked={chosen == Some(Choice::Theirs)} onchange={set(i, Choice::Theirs)} />{" Theirs"}</label>
                            <label><input type="radio" name={name}
                                checked={edit_text.is_some()} onchange={set(i, Choice::Edit(start))} />{" Edit"}</label>
                        </div>
                        if let Some(text) = edit_text {
                            <label class="pw-conflict-edit">{"Edited text"}
                                <textarea class="pw-input pw-mono" spellcheck="false" value={text} oninput={on_edit} />
                            </label>
                        }
                    </fieldset>
                }
            }) }
            <div class="pw-conflict-actions">
                <button type="button" disabled={!all_chosen} onclick={resolve}>{ props.resolve_label.clone() }</button>
                <button type="button" onclick={cancel}>{"Cancel"}</button>
            </div>
        </section>
    }
}
