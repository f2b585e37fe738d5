//! Another tab saved the open draft and both changed the same field or
//! block: the conflict view ([`ConflictView`]) settles each conflict (mine,
//! theirs or edited), beside the whole-post Keep mine / Use theirs.

use std::rc::Rc;

use yew::prelude::*;

use super::conflict_view::ConflictView;
use super::editor::Editor;
use super::msg::Msg;
use super::session::now;
use crate::merge::{Conflict, Resolution};
use crate::validate::Severity;

/// The conflicts shown, and the editor text they were found in.
pub(super) struct TabConflict {
    conflicts: Rc<Vec<Conflict>>,
    mine: String,
    /// The other tab's save they are with (its rev).
    theirs_rev: u64,
    /// Closed by the writer: not shown again for the same save of theirs
    /// until asked (`Choose per field`).
    hidden: bool,
}

pub enum TabConflictMsg {
    /// Show the conflicts with the other tab's save (again).
    Open,
    Resolve(Vec<Resolution>),
    Close,
}

impl Editor {
    /// Finds the conflicts of the open post with the other tab's save
    /// (`asked`: shown even if closed before).
    pub(super) fn open_tab_conflict(&mut self, asked: bool) {
        let Some(session) = &self.session else {
            return;
        };
        let ws = session.workspace();
        let theirs_rev = ws.conflict().map_or(0, |d| d.rev);
        let hidden = !asked
            && self
                .tab_conflict
                .as_ref()
                .is_some_and(|t| t.hidden && t.theirs_rev == theirs_rev);
        self.tab_conflict = ws
            .conflict_merge(self.doc.post())
            .filter(|m| !m.is_clean())
            .map(|m| TabConflict {
                conflicts: Rc::new(m.conflicts().cloned().collect()),
                mine: self.doc.post().to_text(),
                theirs_rev,
                hidden,
            });
    }

    /// `Msg::TabConflict`.
    pub(super) fn tab_conflict(&mut self, ctx: &Context<Self>, msg: TabConflictMsg) -> bool {
        match msg {
            TabConflictMsg::Open => self.open_tab_conflict(true),
            TabConflictMsg::Close => {
                if let Some(t) = &mut self.tab_conflict {
                    t.hidden = true;
                }
            }
            TabConflictMsg::Resolve(choices) => {
                let Some(open) = self.tab_conflict.take() else {
                    return false;
                };
                if self.doc.post().to_text() != open.mine {
                    // Edited since: the choices were about another text.
                    self.open_tab_conflict(true);
                    return true;
                }
                let cursor = self.markdown.cursor();
                let Some(session) = &mut self.session else {
                    return false;
                };
                match session.workspace_mut().resolve_conflict(
                    self.doc.post(),
                    &choices,
                    cursor,
                    now(),
                ) {
                    Ok(Some(text)) => {
                        self.show(ctx, &text, Some(cursor));
                        (ctx.props().host.on_input)();
                        self.alert(
                            Severity::Info,
                            "Settled the conflicts with the other tab; saved.",
                        );
                    }
                    Ok(None) => {}
                    Err(e) => self.alert(Severity::Error, e.to_string()),
                }
            }
        }
        true
    }

    /// The conflicts with another tab's save, to settle one by one.
    pub(super) fn tab_conflict_view(&self, ctx: &Context<Self>) -> Html {
        let open = self
            .session
            .as_ref()
            .is_some_and(|s| s.workspace().conflict().is_some());
        let Some(conflict) = self.tab_conflict.as_ref().filter(|t| open && !t.hidden) else {
            return Html::default();
        };
        let link = ctx.link();
        html! {
            <ConflictView conflicts={conflict.conflicts.clone()} id="pw-tab-conflict"
                title="This draft was changed in another tab, in the same places as here. For each conflict, keep yours, theirs, or edit."
                theirs_label="Other tab" resolve_label="Use resolved"
                on_resolve={link.callback(|c| Msg::TabConflict(TabConflictMsg::Resolve(c)))}
                on_cancel={link.callback(|_| Msg::TabConflict(TabConflictMsg::Close))} />
        }
    }
}
