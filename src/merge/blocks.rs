//! The body merged by top-level Markdown block, then by line inside blocks
//! both sides changed.

use pulldown_cmark::{Event, Parser};

use super::seq::{self, Piece};
use super::{Conflict, Merged, Part, Place};

/// The body cut at the start of each top-level block; the pieces join to the
/// body exactly (blank lines stay with the block before them).
pub(super) fn split(body: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, crate::markdown::options(false)).into_offset_iter()
    {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    cuts.push(line_start(body, range.start));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => cuts.push(line_start(body, range.start)),
            _ => {}
        }
    }
    cuts.push(body.len());
    cuts.dedup();
    cuts.windows(2)
        .map(|w| &body[w[0]..w[1]])
        .filter(|s| !s.is_empty())
        .collect()
}

/// How much two blocks are one block edited: the words they share, when
/// those are at least half of the longer one's (0: different blocks).
fn similarity(a: &str, b: &str) -> usize {
    fn words(s: &str) -> Vec<&str> {
        let mut v: Vec<&str> = s.split_whitespace().collect();
        v.sort_unstable();
        v.dedup();
        v
    }
    let (wa, wb) = (words(a), words(b));
    let common = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    if common * 2 >= wa.len().max(wb.len()) && common > 0 {
        common
    } else {
        0
    }
}

fn line_start(s: &str, i: usize) -> usize {
    s[..i].rfind('\n').map_or(0, |n| n + 1)
}

pub(super) fn merge_body(
    base: &str,
    mine: &str,
    theirs: &str,
    first_line: usize,
    out: &mut Merged,
) {
    let (b, m, t) = (split(base), split(mine), split(theirs));
    let mut line = first_line;
    for piece in seq::merge_with(&b, &m, &t, &|x: &&str, y: &&str| similarity(x, y)) {
        match piece {
            Piece::Clean(v) => {
                let text = v.concat();
                line += text.matches('\n').count();
                out.push_text(&text);
            }
            Piece::Conflict { base, mine, theirs } => {
                // Both changed the same blocks: try their lines.
                let lines = |v: &[&str]| {
                    v.concat()
                        .split_inclusive('\n')
                        .map(String::from)
                        .collect::<Vec<_>>()
                };
                for p in seq::merge(&lines(&base), &lines(&mine), &lines(&theirs)) {
                    match p {
                        Piece::Clean(v) => {
                            let text = v.concat();
                            line += text.matches('\n').count();
                            out.push_text(&text);
                        }
                        Piece::Conflict { base, mine, theirs } => {
                            let (mine, theirs) = (mine.concat(), theirs.concat());
                            let at = line;
                            line += mine.matches('\n').count();
                            out.parts.push(Part::Conflict(Conflict {
                                place: Place::Body { line: at },
                                base: Some(base.concat()),
                                mine: Some(mine),
                                theirs: Some(theirs),
                            }));
                        }
                    }
                }
            }
        }
    }
}
