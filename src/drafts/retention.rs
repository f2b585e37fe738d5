//! Which earlier versions of a draft are kept.

use super::format::RevisionEntry;
use super::kv::utf16_len;

/// The newest this many revisions are kept.
pub const KEEP_LAST: usize = 20;
/// Besides, the newest revision of each clock hour of the last this many
/// hours is kept.
pub const HOURLY_HOURS: u64 = 24;
const HOUR_MS: u64 = 3_600_000;

/// Storage units one revision takes inside its envelope (exact up to a comma).
pub(crate) fn revision_units(rev: &RevisionEntry) -> usize {
    serde_json::to_string(rev).map_or_else(|_| utf16_len(&rev.text) + 128, |s| utf16_len(&s) + 1)
}

/// Drops the revisions not to keep from `revs` (oldest first order), then
/// drops the oldest until they fit in `budget` units. Returns how many were
/// dropped.
pub(crate) fn retain(revs: &mut Vec<RevisionEntry>, now_ms: u64, budget: usize) -> usize {
    let before = revs.len();
    let n = revs.len();
    let mut keep = vec![false; n];
    for k in keep.iter_mut().skip(n.saturating_sub(KEEP_LAST)) {
        *k = true;
    }
    let mut last_bucket = None;
    for i in (0..n).rev() {
        let saved = revs[i].saved_ms;
        if now_ms.saturating_sub(saved) >= HOURLY_HOURS * HOUR_MS {
            continue;
        }
        let bucket = saved / HOUR_MS;
        if last_bucket != Some(bucket) {
            keep[i] = true;
            last_bucket = Some(bucket);
        }
    }
    let mut i = 0;
    revs.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
    let mut total: usize = revs.iter().map(revision_units).sum();
    let mut drop = 0;
    while total > budget && drop < revs.len() {
        total -= revision_units(&revs[drop]);
        drop += 1;
    }
    revs.drain(..drop);
    before - revs.len()
}
