//! Save to folder against a file that may have changed on disk since the
//! editor read it (a `git pull`, another editor, a second tab): what the
//! editor remembers of the file, and what a save does given the text it
//! read (base), the file now (disk) and the editor's text (mine). Never
//! overwrites what changed elsewhere: a clean merge is written and says
//! what came from disk; a conflict writes nothing until settled; a file
//! gone from disk is not silently recreated.

use super::{blocks, merge, Merged};
use crate::post::Post;

/// The file as the editor last read or wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    /// Its text: the base of a merge with what is on disk now.
    pub text: String,
    /// A hash of the text (FNV-1a): whether the file changed.
    pub hash: u64,
    /// Its last-modified time (ms since 1970), where the browser said.
    pub modified_ms: Option<f64>,
}

impl Seen {
    pub fn new(text: String, modified_ms: Option<f64>) -> Self {
        Seen {
            hash: content_hash(&text),
            text,
            modified_ms,
        }
    }

    /// Whether `disk` is still the file as seen. By content: a file only
    /// touched (its time changed, not its bytes) is not changed.
    pub fn unchanged(&self, disk: &str) -> bool {
        content_hash(disk) == self.hash && disk.len() == self.text.len()
    }
}

/// FNV-1a, 64 bits: enough to tell one version of a post from another.
pub fn content_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What Save to folder does.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveDecision {
    /// The file is as seen (or already holds mine): write this.
    Write(String),
    /// The file changed and the merge is clean: write the merge, and say
    /// what came from disk (field names, body blocks).
    Merged {
        text: String,
        from_disk: Vec<String>,
    },
    /// Both changed the same field or block: write nothing until settled.
    Conflicts(Merged),
    /// The file is no longer there (deleted or moved): write nothing
    /// unless the writer asks to write it anew.
    Gone,
}

/// The rule: given what was seen, the file now (`None`: not found) and mine.
pub fn decide_save(seen: &Seen, disk: Option<&str>, mine: &str) -> SaveDecision {
    let Some(disk) = disk else {
        return SaveDecision::Gone;
    };
    if seen.unchanged(disk) || disk == mine {
        return SaveDecision::Write(mine.to_string());
    }
    let merged = merge(&seen.text, mine, disk);
    match merged.text() {
        Some(text) => SaveDecision::Merged {
            text,
            from_disk: changes(&seen.text, disk),
        },
        None => SaveDecision::Conflicts(merged),
    }
}

/// What `theirs` changed from `base`, in words: the front-matter keys
/// changed, added or removed, then the body blocks.
pub fn changes(base: &str, theirs: &str) -> Vec<String> {
    let (b, t) = (Post::parse(base), Post::parse(theirs));
    let mut out = Vec::new();
    match (b.fields(), t.fields()) {
        (Ok(bf), Ok(tf)) => {
            let value = |fields: &[crate::post::Field], key: &str| {
                fields
                    .iter()
                    .find(|f| f.key == key)
                    .map(|f| f.value.clone())
            };
            for f in &tf {
                if value(&bf, &f.key).as_ref() != Some(&f.value) {
                    out.push(f.key.clone());
                }
            }
            for f in &bf {
                if value(&tf, &f.key).is_none() {
                    out.push(f.key.clone());
                }
            }
        }
        _ if b.front_matter() != t.front_matter() => out.push("the front matter".to_string()),
        _ => {}
    }
    let (bb, tb) = (blocks::split(b.body()), blocks::split(t.body()));
    let changed = tb.iter().filter(|blk| !bb.contains(blk)).count();
    let removed = bb.iter().filter(|blk| !tb.contains(blk)).count();
    match (changed, removed) {
        (0, 0) => {}
        (0, n) => out.push(crate::wording::counted(
            n,
            "body block removed",
            "body blocks removed",
        )),
        (n, _) => out.push(crate::wording::counted(n, "body block", "body blocks")),
    }
    out
}
