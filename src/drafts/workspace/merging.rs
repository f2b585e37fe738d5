//! Another tab saved the open draft while this one had edits: the two are
//! merged by field and by block ([`crate::merge`]), from the text both
//! started from, so that the writer is asked only about real conflicts.

use super::Workspace;
use crate::drafts::{info_of, Cursor, KeyValueStore, SaveError};
use crate::merge::{merge, Merged, Resolution};
use crate::post::Post;

/// What a merge with another tab's save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabMerge {
    /// There was no conflict to merge.
    Nothing,
    /// Both sets of edits are in, and stored: show this text.
    Clean(String),
    /// Both changed the same field or block: the conflict stays for the
    /// writer (keep mine / use theirs); `n` conflicts, `places` named.
    Conflicts { n: usize, places: Vec<String> },
}

impl<S: KeyValueStore> Workspace<S> {
    /// Merges `mine` (the text in this editor) with the other tab's save
    /// that makes the open conflict, and stores the result when clean.
    pub fn merge_conflict(
        &mut self,
        mine: &Post,
        cursor: Cursor,
        now_ms: u64,
    ) -> Result<TabMerge, SaveError> {
        let Some(theirs) = self.conflict.as_deref() else {
            return Ok(TabMerge::Nothing);
        };
        let merged = merge(&self.base, &mine.to_text(), &theirs.text);
        let Some(text) = merged.text() else {
            let places: Vec<String> = merged.conflicts().map(|c| c.place.label()).collect();
            return Ok(TabMerge::Conflicts {
                n: places.len(),
                places,
            });
        };
        let post = Post::parse(&text);
        self.finish_save(now_ms);
        let outcome =
            self.store
                .force_save(&self.id, &text, cursor, &self.info_for(&post), now_ms)?;
        self.conflict = None;
        self.stored(outcome.rev, text.clone());
        self.refresh_lists();
        Ok(TabMerge::Clean(text))
    }

    /// The merge of `mine` with the other tab's save, while that conflict is
    /// open: what the conflict view shows (`None`: no conflict).
    pub fn conflict_merge(&self, mine: &Post) -> Option<Merged> {
        let theirs = self.conflict.as_deref()?;
        Some(merge(&self.base, &mine.to_text(), &theirs.text))
    }

    /// Settles the conflict with the other tab, one choice per conflict of
    /// [`Self::conflict_merge`] of the same `mine`, and stores the result
    /// over theirs (theirs stays a revision). `Ok(None)`: no conflict.
    pub fn resolve_conflict(
        &mut self,
        mine: &Post,
        choices: &[Resolution],
        cursor: Cursor,
        now_ms: u64,
    ) -> Result<Option<String>, SaveError> {
        let Some(merged) = self.conflict_merge(mine) else {
            return Ok(None);
        };
        let text = merged.resolved(choices);
        let post = Post::parse(&text);
        self.finish_save(now_ms);
        let outcome = self
            .store
            .force_save(&self.id, &text, cursor, &info_of(&post), now_ms)?;
        self.conflict = None;
        self.stored(outcome.rev, text.clone());
        self.refresh_lists();
        Ok(Some(text))
    }
}
