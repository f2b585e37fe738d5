//! A host setting `value` while the writer has edits: merged from the value
//! it set last ([`crate::merge::host`]); a conflict keeps the writer's text
//! until settled in the conflict view.

use std::rc::Rc;

use yew::prelude::*;

use super::conflict_view::ConflictView;
use super::editor::Editor;
use super::msg::Msg;
use crate::merge::host::{host_value, HostValue};
use crate::merge::{Conflict, Merged, Resolution};
use crate::validate::Severity;

/// The value the editor started with and the one the host set last, and
/// a merge with it waiting to be settled.
pub(super) struct HostMerge {
    first: String,
    last: String,
    open: Option<(Merged, Rc<Vec<Conflict>>, String)>,
}

impl HostMerge {
    /// The host gave `initial` (its form default); the editor shows `shown`
    /// (that, or the draft stored under its storage key).
    pub(super) fn new(initial: &str, shown: &str) -> Self {
        HostMerge {
            first: initial.to_string(),
            last: shown.to_string(),
            open: None,
        }
    }
}

pub enum HostMergeMsg {
    Resolve(Vec<Resolution>),
    Cancel,
}

impl Editor {
    /// `Msg::SetValue`: the host replaced the whole value.
    pub(super) fn set_value(&mut self, ctx: &Context<Self>, text: String) -> bool {
        let mine = self.doc.post().to_text();
        let last = std::mem::replace(&mut self.host_merge.last, text.clone());
        self.host_merge.open = None;
        match host_value(&self.host_merge.first, &last, &mine, &text) {
            HostValue::Replace => self.show(ctx, &text, None),
            HostValue::Merged(merged) => {
                let cursor = self.markdown.cursor();
                self.show(ctx, &merged, Some(cursor));
                // Not the value it set: the host hears of it as of an edit.
                (ctx.props().host.on_input)();
                self.alert(
                    Severity::Info,
                    "The page changed the post while you were editing: its change and yours are merged.",
                );
            }
            HostValue::Conflicts(merged) => {
                // The writer's text stays (and is the value) until settled.
                *ctx.props().host.value.borrow_mut() = mine.clone();
                (ctx.props().host.on_input)();
                let conflicts = Rc::new(merged.conflicts().cloned().collect());
                self.host_merge.open = Some((merged, conflicts, mine));
                return true;
            }
        }
        if let Some(session) = &mut self.session {
            session.touch();
        }
        true
    }

    /// `Msg::HostMerge`.
    pub(super) fn host_merge_msg(&mut self, ctx: &Context<Self>, msg: HostMergeMsg) -> bool {
        let Some((merged, _, mine)) = self.host_merge.open.take() else {
            return false;
        };
        if let HostMergeMsg::Resolve(choices) = msg {
            if self.doc.post().to_text() == mine {
                let text = merged.resolved(&choices);
                let cursor = self.markdown.cursor();
                self.show(ctx, &text, Some(cursor));
                self.publish(ctx);
            } else {
                self.alert(
                    Severity::Warning,
                    "The post changed meanwhile: the page's value was not merged.",
                );
            }
        }
        true
    }

    /// The conflicts of the writer's edits with the value the page set.
    pub(super) fn host_conflict_view(&self, ctx: &Context<Self>) -> Html {
        let Some((_, conflicts, _)) = &self.host_merge.open else {
            return Html::default();
        };
        let link = ctx.link();
        html! {
            <ConflictView conflicts={conflicts.clone()} id="pw-host-conflict"
                title="The page set a new version of this post while you were editing it, in the same places. For each conflict, keep yours, the page's, or edit."
                theirs_label="The page" resolve_label="Use resolved"
                on_resolve={link.callback(|c| Msg::HostMerge(HostMergeMsg::Resolve(c)))}
                on_cancel={link.callback(|_| Msg::HostMerge(HostMergeMsg::Cancel))} />
        }
    }
}
