//! A three-way merge of two edited copies of one sequence (Markdown blocks,
//! or lines inside a block): each side's changes to the base are found as
//! hunks (a base range and what replaced it); hunks of the two sides that
//! touch different base items apply together, even side by side, and only
//! hunks over the same items (or two insertions at one place) that differ
//! are a conflict. Classic diff3 calls edits of two adjacent items a
//! conflict; two authors editing neighbouring paragraphs is the common case
//! here, so this does not.

use std::ops::Range;

/// One part of a merged sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<T> {
    Clean(Vec<T>),
    /// Both sides changed these base items differently.
    Conflict {
        base: Vec<T>,
        mine: Vec<T>,
        theirs: Vec<T>,
    },
}

/// A change of one side: `base[range]` became `side[with]`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Hunk {
    range: Range<usize>,
    with: Range<usize>,
}

/// Larger middles than this (after the common prefix and suffix) are not
/// aligned item by item: the whole middle counts as changed, which can only
/// make a conflict, never a wrong merge.
const MAX_TABLE: usize = 4_000_000;

/// The hunks that turn `a` into `b`, from a longest common subsequence.
fn hunks<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Hunk> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut out = Vec::new();
    if am.is_empty() && bm.is_empty() {
        return out;
    }
    let (n, m) = (am.len(), bm.len());
    let pairs: Vec<(usize, usize)> = if n.saturating_mul(m) > MAX_TABLE {
        Vec::new()
    } else {
        // lcs[i][j]: LCS length of am[i..], bm[j..].
        let w = m + 1;
        let mut lcs = vec![0u32; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j, mut v) = (0, 0, Vec::new());
        while i < n && j < m {
            if am[i] == bm[j] {
                v.push((i, j));
                i += 1;
                j += 1;
            } else if lcs[(i + 1) * w + j] > lcs[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
        v
    };
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain([(n, m)]) {
        if pi > i || pj > j {
            out.push(Hunk {
                range: pre + i..pre + pi,
                with: pre + j..pre + pj,
            });
        }
        i = pi + 1;
        j = pj + 1;
    }
    out
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    // An insertion at a range's start goes before it; only one strictly inside overlaps.
    if a.is_empty() {
        return a.start > b.start && a.start < b.end;
    }
    if b.is_empty() {
        return b.start > a.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// Splits each hunk that replaces several items at the items that were
/// edited rather than replaced (`similarity` > 0: a paragraph with a word
/// changed), pairing them in order for the highest total similarity. Each
/// pair becomes a 1:1 hunk of its own, so an edit of one item and a
/// deletion of its neighbour are two changes, not one.
fn refine<T>(hs: Vec<Hunk>, a: &[T], b: &[T], similarity: &dyn Fn(&T, &T) -> usize) -> Vec<Hunk> {
    let mut out = Vec::with_capacity(hs.len());
    for h in hs {
        let (n, m) = (h.range.len(), h.with.len());
        if m == 0 {
            // A deletion of several items is several deletions: what the
            // other side inserts between them is kept.
            out.extend(h.range.map(|i| Hunk {
                range: i..i + 1,
                with: h.with.start..h.with.start,
            }));
            continue;
        }
        if n == 0 {
            out.push(h);
            continue;
        }
        if n.saturating_mul(m) > 250_000 {
            out.push(Hunk {
                range: h.range.start..h.range.start,
                with: h.with.clone(),
            });
            out.extend(h.range.map(|i| Hunk {
                range: i..i + 1,
                with: h.with.end..h.with.end,
            }));
            continue;
        }
        let w = m + 1;
        let mut best = vec![0usize; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let sim = similarity(&a[h.range.start + i], &b[h.with.start + j]);
                let pair = if sim > 0 {
                    best[(i + 1) * w + j + 1] + sim
                } else {
                    0
                };
                best[i * w + j] = pair.max(best[(i + 1) * w + j]).max(best[i * w + j + 1]);
            }
        }
        let (mut i, mut j) = (0, 0);
        let (mut gi, mut gj) = (0, 0); // start of the unpaired gap
                                       // Unpaired items: what the side wrote is an insertion, and each base
                                       // item it does not pair with a deletion of its own (whether it
                                       // "replaced" one of them is unknowable, and as one hunk it would
                                       // clash with anything the other side did between them).
        let flush = |out: &mut Vec<Hunk>, gi: usize, gj: usize, i: usize, j: usize| {
            let (bs, ss) = (h.range.start, h.with.start);
            if j > gj {
                out.push(Hunk {
                    range: bs + gi..bs + gi,
                    with: ss + gj..ss + j,
                });
            }
            out.extend((gi..i).map(|k| Hunk {
                range: bs + k..bs + k + 1,
                with: ss + j..ss + j,
            }));
        };
        while i < n && j < m {
            let sim = similarity(&a[h.range.start + i], &b[h.with.start + j]);
            if sim > 0 && best[i * w + j] == best[(i + 1) * w + j + 1] + sim {
                flush(&mut out, gi, gj, i, j);
                out.push(Hunk {
                    range: h.range.start + i..h.range.start + i + 1,
                    with: h.with.start + j..h.with.start + j + 1,
                });
                i += 1;
                j += 1;
                (gi, gj) = (i, j);
            } else if best[(i + 1) * w + j] >= best[i * w + j + 1] {
                i += 1;
            } else {
                j += 1;
            }
        }
        flush(&mut out, gi, gj, n, m);
    }
    out
}

/// Merges `mine` and `theirs`, two edits of `base`.
pub fn merge<T: PartialEq + Clone>(base: &[T], mine: &[T], theirs: &[T]) -> Vec<Piece<T>> {
    merge_with(base, mine, theirs, &|_, _| 0)
}

/// [`merge`], knowing which items are edits of one another (see [`refine`]).
pub fn merge_with<T: PartialEq + Clone>(
    base: &[T],
    mine: &[T],
    theirs: &[T],
    similarity: &dyn Fn(&T, &T) -> usize,
) -> Vec<Piece<T>> {
    let hm = refine(hunks(base, mine), base, mine, similarity);
    let ht = refine(hunks(base, theirs), base, theirs, similarity);
    // Both sides' hunks in base order (an insertion before a change at the same place).
    let key = |h: &Hunk| (h.range.start, !h.range.is_empty());
    let (mut a, mut b) = (0, 0);
    let mut pieces: Vec<Piece<T>> = Vec::new();
    let mut at = 0; // base items before this are emitted
    let push_clean = |pieces: &mut Vec<Piece<T>>, items: &[T]| {
        if items.is_empty() {
            return;
        }
        if let Some(Piece::Clean(v)) = pieces.last_mut() {
            v.extend_from_slice(items);
        } else {
            pieces.push(Piece::Clean(items.to_vec()));
        }
    };
    while a < hm.len() || b < ht.len() {
        // The next group: hunks of both sides that overlap one another, transitively.
        let first_mine = b >= ht.len() || (a < hm.len() && key(&hm[a]) <= key(&ht[b]));
        let start = if first_mine {
            hm[a].range.clone()
        } else {
            ht[b].range.clone()
        };
        let (ga, gb) = (a, b);
        let mut span = start;
        if first_mine {
            a += 1
        } else {
            b += 1
        }
        loop {
            if a < hm.len() && overlap(&hm[a].range, &span) {
                span = span.start.min(hm[a].range.start)..span.end.max(hm[a].range.end);
                a += 1;
            } else if b < ht.len() && overlap(&ht[b].range, &span) {
                span = span.start.min(ht[b].range.start)..span.end.max(ht[b].range.end);
                b += 1;
            } else {
                break;
            }
        }
        push_clean(&mut pieces, &base[at..span.start]);
        // Each side's version of the span: its hunks applied to the base items there.
        let side = |hs: &[Hunk], items: &[T]| -> Vec<T> {
            let mut out = Vec::new();
            let mut i = span.start;
            for h in hs {
                out.extend_from_slice(&base[i..h.range.start]);
                out.extend_from_slice(&items[h.with.clone()]);
                i = h.range.end;
            }
            out.extend_from_slice(&base[i..span.end]);
            out
        };
        let (mine_hunks, theirs_hunks) = (&hm[ga..a], &ht[gb..b]);
        if theirs_hunks.is_empty() {
            push_clean(&mut pieces, &side(mine_hunks, mine));
        } else if mine_hunks.is_empty() {
            push_clean(&mut pieces, &side(theirs_hunks, theirs));
        } else {
            let (m, t) = (side(mine_hunks, mine), side(theirs_hunks, theirs));
            if m == t {
                push_clean(&mut pieces, &m);
            } else {
                pieces.push(Piece::Conflict {
                    base: base[span.clone()].to_vec(),
                    mine: m,
                    theirs: t,
                });
            }
        }
        at = span.end;
    }
    push_clean(&mut pieces, &base[at..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(b: &str, x: &str, y: &str) -> String {
        let s = |t: &str| t.chars().collect::<Vec<_>>();
        merge(&s(b), &s(x), &s(y))
            .into_iter()
            .map(|p| match p {
                Piece::Clean(v) => v.into_iter().collect(),
                Piece::Conflict { mine, theirs, .. } => {
                    format!(
                        "<{}|{}>",
                        mine.into_iter().collect::<String>(),
                        theirs.into_iter().collect::<String>()
                    )
                }
            })
            .collect()
    }

    #[test]
    fn neighbouring_edits_merge_and_overlapping_ones_conflict() {
        assert_eq!(m("abcd", "Abcd", "aBcd"), "ABcd", "adjacent items");
        assert_eq!(m("abcd", "abcd", "abXd"), "abXd");
        assert_eq!(m("abcd", "bcd", "abc"), "bc", "deletions at both ends");
        assert_eq!(m("abcd", "aXbcd", "abcYd"), "aXbcYd", "insertions");
        assert_eq!(m("abcd", "aXcd", "aYcd"), "a<X|Y>cd");
        assert_eq!(m("abcd", "aXcd", "aXcd"), "aXcd", "the same edit twice");
        assert_eq!(
            m("ab", "aXb", "aYb"),
            "a<X|Y>b",
            "two insertions at one place"
        );
        assert_eq!(
            m("abc", "aXbc", "ac"),
            "aXc",
            "an insertion before a deleted item"
        );
        assert_eq!(m("", "x", ""), "x");
    }
}
