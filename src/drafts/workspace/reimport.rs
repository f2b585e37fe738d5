//! A file imported again (or opened again from a folder) that a draft
//! already holds: found by its path, so that the writer can open that
//! draft or merge the file into it instead of getting a duplicate.

use super::Workspace;
use crate::drafts::{Draft, KeyValueStore, LoadError};
use crate::merge::disk::{decide_save, SaveDecision, Seen};

/// What importing a file at a path some draft holds means.
#[derive(Debug, Clone, PartialEq)]
pub enum ReImport {
    /// No draft holds that path: import as usual.
    New,
    /// Draft `id` already holds exactly this text: open it.
    Same(String),
    /// Draft `id` holds that path with another text: ask.
    Differs { id: String, title: String },
}

impl<S: KeyValueStore> Workspace<S> {
    /// Whether a stored draft holds the post at `path`, and with what text.
    pub fn reimport(&self, path: &str, text: &str) -> ReImport {
        let Ok(list) = self.store.list() else {
            return ReImport::New;
        };
        for meta in list {
            let Ok(draft) = self.store.load(&meta.id) else {
                continue;
            };
            if draft.path.as_deref() == Some(path) {
                return if draft.text == text {
                    ReImport::Same(draft.id)
                } else {
                    ReImport::Differs {
                        id: draft.id,
                        title: draft.title,
                    }
                };
            }
        }
        ReImport::New
    }

    /// Opens draft `id` and merges `file` into it: the base is the oldest
    /// version its revisions keep (the text as first imported, unless
    /// pruned). A clean merge is what the draft should now hold; the caller
    /// shows it (and so saves it), or the conflicts to settle.
    pub fn merge_file_into(
        &mut self,
        id: &str,
        file: &str,
    ) -> Result<(Draft, SaveDecision), LoadError> {
        let draft = self.open_draft(id)?;
        let first = self
            .store
            .revisions(id)
            .last()
            .and_then(|oldest| self.store.load_revision(id, oldest.rev_id).ok())
            .map_or_else(|| draft.text.clone(), |r| r.text);
        let decision = decide_save(&Seen::new(first, None), Some(file), &draft.text);
        Ok((draft, decision))
    }
}
