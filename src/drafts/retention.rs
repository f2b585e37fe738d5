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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::format::Cursor;

    fn rev(id: u64, saved_ms: u64, len: usize) -> RevisionEntry {
        RevisionEntry {
            id,
            saved_ms,
            rev: id,
            title: String::new(),
            date: None,
            text: "x".repeat(len),
            cursor: Cursor::default(),
            since_ms: None,
            writer: String::new(),
            words: None,
        }
    }

    #[test]
    fn keeps_the_last_twenty_and_hourly_ones() {
        let now = 100 * HOUR_MS;
        // 48 hours of revisions, one every 30 minutes.
        let mut revs: Vec<_> = (0..96)
            .map(|i| rev(i, now - (96 - i) * HOUR_MS / 2, 1))
            .collect();
        let dropped = retain(&mut revs, now, usize::MAX);
        // 20 newest cover the last 10 hours; 14 more hours one each.
        assert_eq!(revs.len(), 20 + 14);
        assert_eq!(dropped, 96 - 34);
        assert_eq!(revs.last().unwrap().id, 95);
        assert!(revs
            .iter()
            .all(|r| now - r.saved_ms < HOURLY_HOURS * HOUR_MS));
    }

    #[test]
    fn budget_drops_oldest_first() {
        let mut revs: Vec<_> = (0..10).map(|i| rev(i, i * 1000, 100)).collect();
        let one = revision_units(&revs[9]);
        retain(&mut revs, 10_000, 3 * one + 5);
        let ids: Vec<u64> = revs.iter().map(|r| r.id).collect();
        assert_eq!(ids, [7, 8, 9]);
        retain(&mut revs, 10_000, 0);
        assert!(revs.is_empty());
    }
}
