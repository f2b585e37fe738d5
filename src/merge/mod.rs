//! A three-way merge of posts, built on the lossless post model: front
//! matter merged by key (each key's lines as its author wrote them; keys
//! only one side changed are taken from that side byte for byte), the body
//! merged by Markdown block (paragraph, list, code block, table, …) and,
//! where both sides changed the same block, by line inside it. The same
//! edit on both sides is no conflict; a real one is reported per key or
//! block with all three versions — never dropped, never silently resolved.
//! Used by Save to folder, two tabs, a host's `value`, and `postwright merge`.

mod blocks;
pub mod disk;
pub mod host;
pub mod seq;

use seq::Piece;

use crate::post::{Format, Post};

/// Where a conflict is: a front-matter key, or the body block at a line of mine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Field(String),
    /// The front matter as a whole (it did not parse, or used JSON/duplicate keys).
    FrontMatter,
    /// Body text starting at this 1-based line of mine's file.
    Body {
        line: usize,
    },
}

impl Place {
    /// Where, in words: the key, `the front matter`, or `line N`.
    pub fn label(&self) -> String {
        match self {
            Place::Field(k) => k.clone(),
            Place::FrontMatter => "the front matter".to_string(),
            Place::Body { line } => format!("line {line}"),
        }
    }
}

/// Both sides changed one thing differently. `None`: that side has none (removed, or never added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub place: Place,
    pub base: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

impl Conflict {
    /// Text the writer typed to settle this conflict, ending as the versions
    /// do: a field's or block's lines end in line breaks (a block, with the
    /// blank line after it), which a text box makes easy to lose.
    pub fn edited(&self, text: &str) -> String {
        let version = self
            .mine
            .as_deref()
            .or(self.theirs.as_deref())
            .unwrap_or("");
        let breaks = &version[version.trim_end_matches('\n').len()..];
        if text.is_empty() || text.ends_with('\n') {
            text.to_string()
        } else {
            format!("{text}{breaks}")
        }
    }
}

/// A merge: text pieces and conflicts in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Conflict(Conflict),
}

/// How a conflict is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Mine,
    Theirs,
    /// Text the user wrote for it.
    Edited(String),
}

impl Merged {
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.parts.iter().filter_map(|p| match p {
            Part::Conflict(c) => Some(c),
            Part::Text(_) => None,
        })
    }

    pub fn is_clean(&self) -> bool {
        self.conflicts().next().is_none()
    }

    /// The merged text; `None` while a conflict remains.
    pub fn text(&self) -> Option<String> {
        self.is_clean().then(|| self.resolved(&[]))
    }

    /// The text with each conflict settled by `choices` (in conflict order;
    /// missing choices keep mine).
    pub fn resolved(&self, choices: &[Resolution]) -> String {
        let mut out = String::new();
        let mut i = 0;
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Conflict(c) => {
                    match choices.get(i).unwrap_or(&Resolution::Mine) {
                        Resolution::Mine => out.push_str(c.mine.as_deref().unwrap_or("")),
                        Resolution::Theirs => out.push_str(c.theirs.as_deref().unwrap_or("")),
                        Resolution::Edited(t) => out.push_str(t),
                    }
                    i += 1;
                }
            }
        }
        out
    }

    /// The text with git-style conflict markers around each conflict only.
    pub fn with_markers(&self, mine_label: &str, theirs_label: &str) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Conflict(c) => {
                    let side = |out: &mut String, t: &Option<String>| {
                        let t = t.as_deref().unwrap_or("");
                        out.push_str(t);
                        if !t.is_empty() && !t.ends_with('\n') {
                            out.push('\n');
                        }
                    };
                    out.push_str(&format!("<<<<<<< {mine_label}\n"));
                    side(&mut out, &c.mine);
                    out.push_str("=======\n");
                    side(&mut out, &c.theirs);
                    out.push_str(&format!(">>>>>>> {theirs_label}\n"));
                }
            }
        }
        out
    }

    fn push_text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if let Some(Part::Text(last)) = self.parts.last_mut() {
            last.push_str(t);
        } else {
            self.parts.push(Part::Text(t.to_string()));
        }
    }
}

/// Merges `mine` and `theirs`, two edits of `base` (whole files).
pub fn merge(base: &str, mine: &str, theirs: &str) -> Merged {
    let mut out = Merged { parts: Vec::new() };
    // The trivial cases exactly: one side unchanged, or both the same.
    if mine == theirs || theirs == base {
        out.push_text(mine);
        return out;
    }
    if mine == base {
        out.push_text(theirs);
        return out;
    }
    let (b, m, t) = (Split::of(base), Split::of(mine), Split::of(theirs));
    merge_head(&b, &m, &t, &mut out);
    let first_body_line = mine[..mine.len() - m.body.len()].matches('\n').count() + 1;
    blocks::merge_body(b.body, m.body, t.body, first_body_line, &mut out);
    out
}

/// A file as the merge sees it: what comes before the front matter, the
/// front matter's key blocks (or its whole text), what closes it, the body.
struct Split<'a> {
    open: &'a str,
    /// `None`: merged as one piece of text (no front matter, JSON, duplicate keys, or it does not parse).
    keys: Option<Vec<(String, &'a str)>>,
    front: &'a str,
    close: &'a str,
    body: &'a str,
}

impl<'a> Split<'a> {
    fn of(text: &'a str) -> Split<'a> {
        let post = Post::parse(text);
        let body = &text[text.len() - post.body().len()..];
        let head = &text[..text.len() - body.len()];
        let front_text = post.front_matter();
        let found = (!front_text.is_empty())
            .then(|| head.find(front_text))
            .flatten();
        let Some(fs) = found else {
            return Split {
                open: head,
                keys: None,
                front: "",
                close: "",
                body,
            };
        };
        let (open, front, close) = (
            &head[..fs],
            &head[fs..fs + front_text.len()],
            &head[fs + front_text.len()..],
        );
        let keys = match (post.format(), post.fields()) {
            (Format::Yaml | Format::Toml, Ok(fields)) => {
                let first_line = text[..fs].matches('\n').count() + 1;
                key_blocks(
                    front,
                    fields
                        .iter()
                        .map(|f| (f.key.as_str(), f.line.saturating_sub(first_line))),
                )
            }
            _ => None,
        };
        Split {
            open,
            keys,
            front,
            close,
            body,
        }
    }
}

/// Cuts front matter into one block per top-level key (its line up to the
/// next key's), with what comes before the first key under the key `""`.
/// `None` for duplicate keys (which one a merge edits is not clear).
fn key_blocks<'a, 'k>(
    front: &'a str,
    keys: impl Iterator<Item = (&'k str, usize)>,
) -> Option<Vec<(String, &'a str)>> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(front.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let offset = |line: usize| {
        starts
            .get(line)
            .copied()
            .unwrap_or(front.len())
            .min(front.len())
    };
    let keys: Vec<(&str, usize)> = keys.collect();
    let mut blocks: Vec<(String, &str)> = Vec::with_capacity(keys.len() + 1);
    let first = keys.first().map_or(front.len(), |&(_, l)| offset(l));
    blocks.push((String::new(), &front[..first]));
    for (i, &(key, line)) in keys.iter().enumerate() {
        let end = keys.get(i + 1).map_or(front.len(), |&(_, l)| offset(l));
        let start = offset(line);
        if end < start || blocks.iter().any(|(k, _)| k == key) {
            return None;
        }
        blocks.push((key.to_string(), &front[start..end]));
    }
    Some(blocks)
}

fn merge_head(b: &Split<'_>, m: &Split<'_>, t: &Split<'_>, out: &mut Merged) {
    let same_shape =
        b.open == m.open && b.open == t.open && b.close == m.close && b.close == t.close;
    match (&b.keys, &m.keys, &t.keys) {
        (Some(bk), Some(mk), Some(tk)) if same_shape => {
            out.push_text(m.open);
            merge_keys(bk, mk, tk, out);
            out.push_text(m.close);
        }
        _ => {
            // Delimiters changed, or a side is not key-by-key readable: the head as lines.
            let head = |s: &Split<'_>| format!("{}{}{}", s.open, s.front, s.close);
            let (bh, mh, th) = (head(b), head(m), head(t));
            let lines = |s: &str| {
                s.split_inclusive('\n')
                    .map(String::from)
                    .collect::<Vec<_>>()
            };
            for piece in seq::merge(&lines(&bh), &lines(&mh), &lines(&th)) {
                match piece {
                    Piece::Clean(v) => out.push_text(&v.concat()),
                    Piece::Conflict { base, mine, theirs } => {
                        out.parts.push(Part::Conflict(Conflict {
                            place: Place::FrontMatter,
                            base: Some(base.concat()),
                            mine: Some(mine.concat()),
                            theirs: Some(theirs.concat()),
                        }))
                    }
                }
            }
        }
    }
}

/// Key by key: a key only one side changed comes from that side as written.
fn merge_keys(b: &[(String, &str)], m: &[(String, &str)], t: &[(String, &str)], out: &mut Merged) {
    let find = |v: &[(String, &str)], k: &str| {
        v.iter()
            .find(|(key, _)| key == k)
            .map(|(_, s)| s.to_string())
    };
    // The order: the key sequences merged; two sides adding different keys at
    // one place are both kept, in name order (so the result does not depend on
    // which side is "mine").
    let names = |v: &[(String, &str)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    let mut order: Vec<String> = Vec::new();
    for piece in seq::merge(&names(b), &names(m), &names(t)) {
        match piece {
            Piece::Clean(v) => order.extend(v),
            Piece::Conflict { base, mine, theirs } => {
                let mut all: Vec<String> = base.into_iter().chain(mine).chain(theirs).collect();
                all.sort();
                all.dedup();
                order.extend(all);
            }
        }
    }
    // A key one side removed and the other changed is a conflict: it goes
    // back in, after the base key before it, so the conflict can be shown.
    for (i, (key, _)) in b.iter().enumerate() {
        if order.contains(key) {
            continue;
        }
        let (mv, tv) = (find(m, key), find(t, key));
        if mv != tv && mv.is_some() != tv.is_some() && find(b, key) != mv.clone().or(tv.clone()) {
            let after = b[..i]
                .iter()
                .rev()
                .find_map(|(k, _)| order.iter().position(|o| o == k));
            order.insert(after.map_or(0, |p| p + 1), key.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    for key in order {
        if !seen.insert(key.clone()) {
            continue;
        }
        let (bv, mv, tv) = (find(b, &key), find(m, &key), find(t, &key));
        let take = if mv == tv || bv == tv {
            Ok(mv.clone())
        } else if bv == mv {
            Ok(tv.clone())
        } else {
            Err(())
        };
        match take {
            Ok(Some(text)) => out.push_text(&text),
            Ok(None) => {}
            Err(()) => out.parts.push(Part::Conflict(Conflict {
                place: if key.is_empty() {
                    Place::FrontMatter
                } else {
                    Place::Field(key)
                },
                base: bv,
                mine: mv,
                theirs: tv,
            })),
        }
    }
}
