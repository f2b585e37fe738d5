//! The front-matter form (group `Front matter`): one typed widget per field,
//! labelled by the schema's label (or by the key itself outside the schema).
//! Every change is reported as a message; the post model turns it into a
//! minimal edit of the file.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::form_images::{picture_drop, thumbnail};
use super::tags::ListInput;
use crate::document::Nested;
use crate::post::{Field, Value};
use crate::presets::DraftKey;
use crate::schema::{FieldType, Schema};
use crate::validate::{Diagnostic, Fix, Severity};

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub fields: Rc<Vec<Field>>,
    pub schema: Rc<Schema>,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// The front matter does not parse: the form is read-only until it does.
    pub broken: bool,
    pub readonly: bool,
    pub base_url: Option<AttrValue>,
    pub on_set: Callback<(String, Value)>,
    pub on_remove: Callback<String>,
    pub on_add: Callback<String>,
    pub on_fix: Callback<Fix>,
    /// Every field, not only the key ones ([`Schema::in_compact_form`]).
    pub show_all: bool,
    /// `More fields` / `Fewer fields` (false), or show them all (true: a
    /// field the compact form hides was just added).
    pub on_show_all: Callback<bool>,
    /// The key the generator reads as "not published": its field is the
    /// `Draft` checkbox (checked is a draft, whatever the key's value says).
    pub draft_key: DraftKey,
    /// The schema's keys inside a TOML table (Zola's `taxonomies.tags`),
    /// shown as fields of their own.
    pub nested: Rc<Nested>,
    /// Writes another generator's draft marker (this key) as the chosen one's.
    pub on_convert_draft: Callback<String>,
    /// Pictures chosen or dropped on an image field (its key, the files).
    #[prop_or_default]
    pub on_pick_image: Callback<(String, Vec<web_sys::File>)>,
    /// The post's own pictures, kept in this browser: their thumbnails.
    #[prop_or_default]
    pub local_images: Rc<crate::images::LocalSources>,
    /// A field's problems are told under it (false: above the editor, as
    /// on a phone, where the form comes after the writing).
    #[prop_or(true)]
    pub notes: bool,
}

/// A DOM id for a field's widget, unique within the editor's shadow root.
pub fn field_id(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("pw-field-{safe}-{:x}", key.len())
}

#[function_component(FrontMatterForm)]
pub fn front_matter_form(props: &FormProps) -> Html {
    let nested = &props.nested;
    let present: Vec<&str> = props
        .fields
        .iter()
        .chain(&nested.fields)
        .map(|f| f.key.as_str())
        .collect();
    // A table's key (`taxonomies.tags`) can be added to a TOML post only.
    let addable: Vec<_> = props
        .schema
        .fields
        .iter()
        .filter(|d| !present.contains(&d.key.as_str()))
        .filter(|d| nested.addable || !d.key.contains('.'))
        .collect();
    let add_ref = use_node_ref();
    let on_add = {
        let add_ref = add_ref.clone();
        let cb = props.on_add.clone();
        let show_all = props.on_show_all.clone();
        let schema = props.schema.clone();
        let compact = !props.show_all;
        let count = props.fields.len();
        Callback::from(move |_| {
            if let Some(select) = add_ref.cast::<HtmlSelectElement>() {
                let key = select.value();
                if !key.is_empty() {
                    // The field just added is shown, to be filled in.
                    if compact && !schema.in_compact_form(&key, count + 1) {
                        show_all.emit(true);
                    }
                    cb.emit(key);
                    select.set_value("");
                }
            }
        })
    };
    let disabled = props.broken || props.readonly;
    // The compact form: the key fields, and any other with a problem to see
    // (a key the schema does not know is only a note: a theme's own keys are
    // many, and each would push the writing down).
    let shown = |f: &&Field| {
        props.show_all
            || props.schema.in_compact_form(&f.key, props.fields.len())
            || nested.fields.iter().any(|n| {
                n.key.split_once('.').is_some_and(|(t, _)| t == f.key)
                    && props.schema.is_key_field(&n.key)
            })
            || props
                .diagnostics
                .iter()
                .any(|d| d.key.as_deref() == Some(f.key.as_str()) && d.severity != Severity::Info)
    };
    let hidden = props.fields.iter().filter(|f| !shown(f)).count();
    html! {
        <fieldset class="pw-form" disabled={disabled}>
            <legend>{"Front matter"}</legend>
            { for props.fields.iter().filter(shown).map(|f| {
                // A table made of the schema's keys shows as those alone.
                let whole = nested.whole_tables.contains(&f.key);
                let inside = nested.fields.iter().filter(|n| n.key.split_once('.').is_some_and(|(t, _)| t == f.key));
                html! {
                    <>
                        if !whole { { field_row(props, f) } }
                        { for inside.map(|n| field_row(props, n)) }
                    </>
                }
            }) }
            <div class="pw-form-foot">
                if props.show_all || hidden > 0 {
                    <button type="button" class="pw-disclosure pw-more-fields" aria-expanded={props.show_all.to_string()}
                        onclick={props.on_show_all.reform(|_| false)}>
                        { if props.show_all { "Fewer fields".to_string() } else { format!("More fields ({hidden})") } }
                    </button>
                }
                if !addable.is_empty() && !props.readonly {
                    <div class="pw-add-field">
                        <select ref={add_ref} aria-label="Field to add">
                            <option value="" selected=true>{"Add a field…"}</option>
                            { for addable.iter().map(|d| html! { <option value={d.key.clone()}>{ &d.label }</option> }) }
                        </select>
                        <button type="button" onclick={on_add}>{"Add field"}</button>
                    </div>
                }
            </div>
        </fieldset>
    }
}

fn field_row(props: &FormProps, field: &Field) -> Html {
    let def = props.schema.field(&field.key);
    // Jekyll's `published: false` and Eleventy's exclusion are its Draft.
    let draft = (field.key == props.draft_key.key() && matches!(field.value, Value::Bool(_)))
        .then_some(props.draft_key);
    let label = match draft {
        Some(_) => "Draft".to_string(),
        None => def.map_or_else(|| field.key.clone(), |d| d.label.clone()),
    };
    let ty = def
        .map(|d| d.ty.clone())
        .unwrap_or_else(|| inferred_type(&field.value));
    let id = field_id(&field.key);
    let problems: Vec<&Diagnostic> = props
        .diagnostics
        .iter()
        .filter(|d| d.key.as_deref() == Some(field.key.as_str()))
        .collect();
    // Without notes, errors and warnings are told above; information stays here.
    let told: Vec<&Diagnostic> = problems
        .iter()
        .copied()
        .filter(|d| props.notes || d.severity == Severity::Info)
        .collect();
    let note_id = format!("{id}-note");
    let noted = !told.is_empty();
    let described = noted.then(|| AttrValue::from(note_id.clone()));
    let key = field.key.clone();
    let on_set = props.on_set.reform(move |v: Value| (key.clone(), v));
    let widget = match draft {
        Some(draft) => draft_checkbox(&id, draft, &field.value, described.clone(), on_set),
        None => widget(
            &id,
            &label,
            &ty,
            &field.value,
            described.clone(),
            on_set,
            props,
        ),
    };
    let remove = {
        let key = field.key.clone();
        props.on_remove.reform(move |e: MouseEvent| {
            super::focus::to_neighbour(
                &e,
                ".pw-field",
                "input, textarea, select",
                ".pw-form",
                ".pw-add-field select",
            );
            key.clone()
        })
    };
    let required = def.is_some_and(|d| d.required);
    html! {
        <div class={classes!("pw-field", (!problems.is_empty()).then_some("pw-field-invalid"))} key={field.key.clone()}>
            <label class="pw-field-label" for={id.clone()}>{ &label }{ required.then_some(html!{<span class="pw-required" aria-hidden="true">{" *"}</span>}) }</label>
            { widget }
            if let Some(button) = convert_button(props, field) { { button } }
            if noted {
                // An error or a warning is shown here only (not again above
                // the editor), so it is announced here.
                <div class="pw-field-note" id={note_id} role={told.iter().any(|d| d.severity != Severity::Info).then_some("alert")}>
                    { for told.iter().map(|d| problem_line(d, &props.on_fix)) }
                </div>
            }
            // Shown beside the label, but after the field in the page (and
            // in Tab order): the keyboard reaches the value first.
            if !props.readonly {
                // A word, not a second ×: the tags' chips have theirs just below.
                <button type="button" class="pw-field-remove" aria-label={format!("Remove {label}")} title={format!("Remove {label} (Undo takes it back)")} onclick={remove}>{"Remove"}</button>
            }
        </div>
    }
}

/// Offered on another generator's draft marker (`draft: true` under
/// Jekyll, which ignores it): write it as the chosen generator's.
fn convert_button(props: &FormProps, field: &Field) -> Option<Html> {
    let Value::Bool(value) = field.value else {
        return None;
    };
    if props.readonly {
        return None;
    }
    let (key, written) = crate::presets::draft_as(&field.key, value, props.draft_key)?;
    let onclick = props.on_convert_draft.reform({
        let k = field.key.clone();
        move |_| k.clone()
    });
    Some(html! {
        <button type="button" class="pw-fix" {onclick}>{ format!("Write as {key}: {written}") }</button>
    })
}

/// The Draft checkbox: checked is a draft, written as the generator's key
/// says one (`published: false` under Jekyll).
fn draft_checkbox(
    id: &str,
    draft: DraftKey,
    value: &Value,
    described: Option<AttrValue>,
    on_set: Callback<Value>,
) -> Html {
    let checked = matches!(value, Value::Bool(b) if draft.is_draft(*b));
    let onchange = on_set.reform(move |e: Event| {
        Value::Bool(draft.value(e.target_unchecked_into::<HtmlInputElement>().checked()))
    });
    html! { <input id={id.to_string()} type="checkbox" class="pw-checkbox" {checked} {onchange} aria-describedby={described} /> }
}

/// One problem, with its one-click fix when validation offers one.
pub fn problem_line(d: &Diagnostic, on_fix: &Callback<Fix>) -> Html {
    let class = match d.severity {
        Severity::Error => "pw-error",
        Severity::Warning => "pw-warning",
        Severity::Info => "pw-info",
    };
    let fix = d.fix.clone().map(|fix| {
        let label = match &fix {
            Fix::RenameKey { from, to } => format!("Rename {from} to {to}"),
            Fix::SetValue { key, .. } => format!("Fix {key}"),
        };
        let cb = on_fix.clone();
        let onclick = Callback::from(move |_| cb.emit(fix.clone()));
        html! { <button type="button" class="pw-fix" {onclick}>{ label }</button> }
    });
    html! {
        <p class={class}>
            { format!("Line {}, column {}: {}", d.line, d.column, d.message) }
            { for fix }
        </p>
    }
}

/// A widget for a key outside the schema, from the kind of value it holds.
fn inferred_type(value: &Value) -> FieldType {
    match value {
        Value::Bool(_) => FieldType::Bool,
        Value::List(_) => FieldType::StringList,
        Value::Raw(_) => FieldType::Object,
        Value::Number(_) => FieldType::Number,
        Value::String(s) if s.contains('\n') => FieldType::Text,
        _ => FieldType::String,
    }
}

/// The scalar text of a value, as a text box shows it.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(s) | Value::String(s) | Value::Raw(s) => s.clone(),
        Value::List(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(", "),
    }
}

fn list_items(value: &Value) -> Vec<String> {
    match value {
        Value::List(items) => items.iter().map(scalar_text).collect(),
        Value::Null => vec![],
        other => {
            let s = scalar_text(other);
            if s.is_empty() {
                vec![]
            } else {
                vec![s]
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn widget(
    id: &str,
    label: &str,
    ty: &FieldType,
    value: &Value,
    described: Option<AttrValue>,
    on_set: Callback<Value>,
    props: &FormProps,
) -> Html {
    let text_input = |kind: &'static str, make: fn(String) -> Value| {
        let oninput = on_set.reform(move |e: InputEvent| {
            make(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! {
            <input id={id.to_string()} type={kind} class="pw-input" value={scalar_text(value)} {oninput}
                aria-describedby={described.clone()} readonly={props.readonly} spellcheck={(kind == "text").to_string()} />
        }
    };
    match ty {
        FieldType::Bool => {
            let checked = matches!(value, Value::Bool(true));
            let onchange = on_set.reform(|e: Event| {
                Value::Bool(e.target_unchecked_into::<HtmlInputElement>().checked())
            });
            html! { <input id={id.to_string()} type="checkbox" class="pw-checkbox" {checked} {onchange} aria-describedby={described} /> }
        }
        FieldType::Text => {
            let oninput = on_set.reform(|e: InputEvent| {
                Value::String(e.target_unchecked_into::<HtmlTextAreaElement>().value())
            });
            html! { <textarea id={id.to_string()} class="pw-input pw-textarea" rows="3" value={scalar_text(value)} {oninput}
            aria-describedby={described} readonly={props.readonly} /> }
        }
        FieldType::Select(options) => {
            let current = scalar_text(value);
            let onchange = on_set.reform(|e: Event| {
                Value::String(e.target_unchecked_into::<HtmlSelectElement>().value())
            });
            let known = options.contains(&current);
            html! {
                <select id={id.to_string()} class="pw-input" {onchange} aria-describedby={described}>
                    if !known { <option value={current.clone()} selected=true>{ if current.is_empty() { "—".to_string() } else { current.clone() } }</option> }
                    { for options.iter().map(|o| html! { <option value={o.clone()} selected={*o == current}>{ o }</option> }) }
                </select>
            }
        }
        FieldType::StringList | FieldType::ImageList => {
            let items = list_items(value);
            let thumbs = matches!(ty, FieldType::ImageList).then(|| {
                html! {
                    <div class="pw-thumbs">{ for items.iter().map(|p| thumbnail(props, p)) }</div>
                }
            });
            let on_change = on_set.reform(|items: Vec<String>| {
                Value::List(items.into_iter().map(Value::String).collect())
            });
            let list = html! {
                <>
                    <ListInput id={id.to_string()} label={label.to_string()} items={Rc::new(items)} {on_change}
                        readonly={props.readonly} described_by={described} />
                    { for thumbs }
                </>
            };
            match ty {
                FieldType::ImageList => picture_drop(props, id, label, true, list),
                _ => list,
            }
        }
        FieldType::Image => {
            let field = html! {
                <>
                    { text_input("text", Value::String) }
                    { thumbnail(props, &scalar_text(value)) }
                </>
            };
            picture_drop(props, id, label, false, field)
        }
        FieldType::Url => text_input("url", Value::String),
        FieldType::Number => {
            let oninput = on_set.reform(|e: InputEvent| {
                let text = e.target_unchecked_into::<HtmlInputElement>().value();
                if text.trim().parse::<f64>().is_ok() {
                    Value::Number(text.trim().to_string())
                } else {
                    Value::String(text)
                }
            });
            html! { <input id={id.to_string()} type="text" inputmode="decimal" class="pw-input" value={scalar_text(value)} {oninput}
            aria-describedby={described} readonly={props.readonly} /> }
        }
        FieldType::Object => html! {
            // Nested structures stay exactly as written; edit them in Raw front matter.
            <textarea id={id.to_string()} class="pw-input pw-textarea pw-mono" rows="3" readonly=true
                value={scalar_text(value)} aria-describedby={described} />
        },
        // Dates keep the spelling the author wrote (`2025-05-05 17:35:52.919448`):
        // a text box, checked by validation, instead of a picker that would reformat it.
        FieldType::Date | FieldType::DateTime | FieldType::String => {
            text_input("text", Value::String)
        }
    }
}
