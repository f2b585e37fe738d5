//! The drafts side panel: list `Drafts` (open, duplicate, delete with undo,
//! search by title, text, tags and author), `New draft`, the open draft's
//! revisions (each labelled by its time and what changed, previewed before
//! it is restored), and entries that could not be read (offered for download).

use yew::prelude::*;

use crate::drafts::{CorruptEntry, DraftMeta, RevisionMeta};

#[derive(Properties, PartialEq)]
pub struct DraftsProps {
    pub drafts: Vec<DraftMeta>,
    pub current: String,
    pub query: String,
    pub revisions: Vec<RevisionMeta>,
    pub corrupt: Vec<CorruptEntry>,
    pub status: String,
    pub on_new: Callback<()>,
    pub on_open: Callback<String>,
    pub on_duplicate: Callback<String>,
    pub on_delete: Callback<String>,
    pub on_search: Callback<String>,
    pub on_restore: Callback<u64>,
    /// The revision shown before restoring: its id and text.
    pub previewed: Option<(u64, AttrValue)>,
    /// Show a revision (`None`: close it).
    pub on_preview: Callback<Option<u64>>,
    pub on_download_corrupt: Callback<String>,
    pub on_discard_corrupt: Callback<String>,
}

/// `2026-11-22 14:05` in local time, from epoch milliseconds.
pub fn when(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

fn title_or_untitled(title: &str) -> String {
    if title.trim().is_empty() {
        "Untitled".to_string()
    } else {
        title.to_string()
    }
}

#[function_component(DraftsPanel)]
pub fn drafts_panel(p: &DraftsProps) -> Html {
    let oninput = p.on_search.reform(|e: InputEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .value()
    });
    html! {
        <aside class="pw-drafts" aria-label="Drafts panel">
            <div class="pw-drafts-head">
                <h2 class="pw-drafts-title">{"Drafts"}</h2>
                <button type="button" onclick={p.on_new.reform(|_| ())}>{"New draft"}</button>
            </div>
            <input type="search" class="pw-input" aria-label="Search drafts" placeholder="Title, text, tags, author" value={p.query.clone()} {oninput} />
            if p.drafts.is_empty() && !p.query.trim().is_empty() {
                <p class="pw-drafts-empty" role="status">{ format!("No drafts match “{}”.", p.query.trim()) }</p>
            }
            <ul class="pw-draft-list" aria-label="Drafts">
                { for p.drafts.iter().map(|d| {
                    let title = title_or_untitled(&d.title);
                    let current = d.id == p.current;
                    let (open, dup, del) = (d.id.clone(), d.id.clone(), d.id.clone());
                    html! {
                        <li class={classes!("pw-draft", current.then_some("pw-draft-current"))} key={d.id.clone()}
                            aria-current={current.then_some("true")}>
                            <button type="button" class="pw-draft-open" onclick={p.on_open.reform(move |_| open.clone())}>
                                <span class="pw-draft-name">{ &title }</span>
                                <span class="pw-draft-when">
                                    { d.date.clone().map(|d| format!("{} · ", d.chars().take(10).collect::<String>())).unwrap_or_default() }
                                    { format!("edited {}", when(d.updated_ms)) }
                                </span>
                            </button>
                            <button type="button" class="pw-icon-button" aria-label={format!("Duplicate {title}")} title="Duplicate"
                                onclick={p.on_duplicate.reform(move |_| dup.clone())}>{"❐"}</button>
                            <button type="button" class="pw-icon-button" aria-label={format!("Delete {title}")} title="Delete"
                                onclick={p.on_delete.reform(move |e: MouseEvent| {
                                    super::focus::to_neighbour(&e, "li", ".pw-draft-open", ".pw-drafts", "button");
                                    del.clone()
                                })}>{"✕"}</button>
                        </li>
                    }
                }) }
            </ul>
            <p class="pw-save-status" role="status">{ &p.status }</p>
            if !p.revisions.is_empty() {
                { revisions(p) }
            }
            if !p.corrupt.is_empty() {
                <div class="pw-corrupt">
                    <h3>{"Unreadable drafts"}</h3>
                    <ul aria-label="Unreadable drafts">
                        { for p.corrupt.iter().map(|c| {
                            let (k1, k2) = (c.key.clone(), c.key.clone());
                            html! {
                                <li key={c.key.clone()}>
                                    <span>{ &c.reason }</span>
                                    <button type="button" onclick={p.on_download_corrupt.reform(move |_| k1.clone())}>{"Download"}</button>
                                    <button type="button" onclick={p.on_discard_corrupt.reform(move |_| k2.clone())}>{"Discard"}</button>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
        </aside>
    }
}

/// The open draft's revisions, newest first: when, its title, what changed;
/// `Preview` shows one below the list, with its own `Restore`.
fn revisions(p: &DraftsProps) -> Html {
    let label = |r: &RevisionMeta| {
        format!(
            "{} · {} · {}",
            when(r.saved_ms),
            title_or_untitled(&r.title),
            r.change
        )
    };
    let shown = p
        .previewed
        .as_ref()
        .and_then(|(id, text)| Some((p.revisions.iter().find(|r| r.rev_id == *id)?, text)));
    html! {
        <details class="pw-revisions">
            <summary>{ format!("Revisions ({})", p.revisions.len()) }</summary>
            <ul aria-label="Revisions">
                { for p.revisions.iter().map(|r| {
                    let id = r.rev_id;
                    let label = label(r);
                    let previewing = shown.is_some_and(|(s, _)| s.rev_id == id);
                    html! {
                        <li key={r.rev_id} class={classes!(previewing.then_some("pw-revision-shown"))}>
                            <span class="pw-revision-when">{ when(r.saved_ms) }</span>
                            <span class="pw-revision-change">{ format!("{} · {}", title_or_untitled(&r.title), r.change) }</span>
                            <span class="pw-revision-actions">
                                <button type="button" aria-label={format!("Preview revision of {label}")} aria-pressed={previewing.to_string()}
                                    onclick={p.on_preview.reform(move |_| (!previewing).then_some(id))}>{"Preview"}</button>
                                <button type="button" aria-label={format!("Restore revision of {label}")}
                                    onclick={p.on_restore.reform(move |_| id)}>{"Restore"}</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            if let Some((r, text)) = shown {
                { preview(p, r, text, &label(r)) }
            }
        </details>
    }
}

/// One revision's text, read-only, before the user restores it (or not).
fn preview(p: &DraftsProps, r: &RevisionMeta, text: &AttrValue, label: &str) -> Html {
    let id = r.rev_id;
    html! {
        <section class="pw-revision-preview" aria-label={format!("Revision of {label}")}>
            <h3>{ format!("As it was at {}", when(r.saved_ms)) }</h3>
            <textarea class="pw-input pw-mono" readonly=true rows="12" spellcheck="false"
                aria-label="Revision text" value={text.clone()} />
            <div class="pw-revision-actions">
                <button type="button" onclick={p.on_restore.reform(move |_| id)}>{"Restore this revision"}</button>
                <button type="button" onclick={p.on_preview.reform(|e: MouseEvent| {
                    // The keyboard goes back to the revision's own Preview button.
                    let shown = ".pw-revision-shown button";
                    super::focus::to_neighbour(&e, ".pw-revision-preview", shown, ".pw-revisions", shown);
                    None
                })}>{"Close preview"}</button>
            </div>
        </section>
    }
}
