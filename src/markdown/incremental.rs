//! The live preview's renderer: after a keystroke it re-renders only the
//! top-level blocks around the edit, and says which blocks to replace.
//!
//! Rendering a 1 MB post takes ~18 ms natively and several times that in
//! wasm; re-rendering the few blocks around an edit takes well under a
//! millisecond. The result is always the same HTML as a whole render
//! ([`super::render_html`]); `tests/incremental.rs` checks that on random
//! edits of real posts.
//!
//! Why a part can be rendered alone: at a top-level block boundary the parser
//! holds no open block, and whether a block ends depends only on the lines up
//! to the next one. So the text from the block before the edit up to a
//! boundary after it parses as it would within the document, provided the
//! part is given what is document-wide ([`Context`]: heading ids and footnote
//! numbers given before it, link and footnote definitions made elsewhere),
//! and provided the part's own share of that state (ids, footnote numbers and
//! definitions, link definitions) did not change, and no Hugo shortcode
//! crosses its ends. Where that cannot be shown, the whole body is rendered
//! and the changed blocks are found by comparison.

use std::collections::HashSet;
use std::ops::Range;

use super::dialect::{RenderOptions, Templates};
use super::document::{Context, DocState, RefDef};
use super::render::{render, render_in, Rendered};
use super::shortcodes;
use super::stats::{Count, Stats};

/// Blocks re-rendered after the last one the edit touched: a boundary must
/// be found among them where the new text is back in step with the old.
const LOOKAHEAD_BLOCKS: usize = 2;

/// Which blocks to replace: `removed` blocks from index `at` by `inserted`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub removed: usize,
    pub inserted: Vec<String>,
}

impl Splice {
    pub fn is_empty(&self) -> bool {
        self.removed == 0 && self.inserted.is_empty()
    }
}

/// One top-level block: its safe HTML, its source, and its word count.
#[derive(Clone, Debug)]
struct Part {
    html: String,
    src: Range<usize>,
    doc: DocState,
    words: Count,
}

/// A body and its rendered blocks, kept up to date edit by edit.
#[derive(Debug, Default)]
pub struct Incremental {
    opts: RenderOptions,
    body: String,
    parts: Vec<Part>,
    /// Link reference definitions, in source order (`at` in `body`).
    refdefs: Vec<RefDef>,
    /// False when source offsets are not those of `body` (shortcodes).
    exact: bool,
    /// How the last update was made (for tests and the bench).
    last_partial: bool,
    /// The body has a Liquid `{% raw %}` block: its blocks depend on text
    /// far away, so the next update renders the whole body too (see
    /// `crosses_shortcode`).
    raw_block: bool,
}

impl Incremental {
    pub fn new(opts: RenderOptions) -> Self {
        Incremental {
            opts,
            ..Incremental::default()
        }
    }

    /// The blocks' HTML, in order.
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.parts.iter().map(|p| p.html.as_str())
    }

    /// The whole preview's HTML.
    pub fn html(&self) -> String {
        self.blocks().collect()
    }

    /// Word count and reading time of the body, summed over its blocks: the
    /// same as [`super::stats_with`] of it, without parsing it again.
    pub fn stats(&self) -> Stats {
        let mut total = Count::default();
        for p in &self.parts {
            total += p.words;
        }
        Stats::of(total)
    }

    /// True if the last [`Incremental::update`] rendered only part of the body.
    pub fn last_was_partial(&self) -> bool {
        self.last_partial
    }

    /// New options (base URL, ...): everything is rendered again.
    pub fn set_options(&mut self, opts: RenderOptions) -> Splice {
        if opts == self.opts {
            return Splice::default();
        }
        self.opts = opts;
        let body = std::mem::take(&mut self.body);
        self.full(&body)
    }

    /// Brings the blocks up to date with `body`; returns which changed.
    pub fn update(&mut self, body: &str) -> Splice {
        if body == self.body && !self.parts.is_empty() {
            self.last_partial = true;
            return Splice::default();
        }
        match self.partial(body) {
            Some(splice) => {
                self.last_partial = true;
                splice
            }
            None => self.full(body),
        }
    }

    /// Like [`Incremental::update`] when the edit's blocks can be rendered
    /// alone; otherwise changes nothing and returns `None` (the caller may
    /// then leave the whole render to a later task).
    pub fn update_partial(&mut self, body: &str) -> Option<Splice> {
        if body == self.body && !self.parts.is_empty() {
            return Some(Splice::default());
        }
        let splice = self.partial(body)?;
        self.last_partial = true;
        Some(splice)
    }

    /// Renders the whole body; the splice covers the blocks that differ.
    fn full(&mut self, body: &str) -> Splice {
        self.last_partial = false;
        let r = render(body, &self.opts);
        self.exact = r.offsets_exact;
        self.raw_block = r.raw_block;
        self.refdefs = r.refdefs.clone();
        self.refdefs.sort_by_key(|d| d.at);
        let new = parts_of(r, 0);
        self.body = body.to_string();
        let splice = splice_between(&self.parts, &new, 0);
        self.parts = new;
        splice
    }

    /// Renders only the blocks around the edit, or says it cannot.
    fn partial(&mut self, body: &str) -> Option<Splice> {
        if !self.exact || self.raw_block || self.parts.is_empty() {
            return None;
        }
        let old = self.body.as_str();
        let (start, old_end, new_end) = changed(old, body);
        let delta = body.len() as isize - old.len() as isize;
        let shift = |x: usize| (x as isize + delta) as usize;
        let n = self.parts.len();

        // From the block before the edited one, to a few blocks after.
        let k = self
            .parts
            .partition_point(|p| p.src.end <= start)
            .min(n - 1);
        let mut i = k.saturating_sub(1);
        while i > 0 && continues_a_definition(old, &self.refdefs, &self.parts[i - 1..=i]) {
            i -= 1;
        }
        let j = self
            .parts
            .partition_point(|p| p.src.end < old_end)
            .min(n - 1);
        let last = (j + LOOKAHEAD_BLOCKS).min(n - 1);
        let a = self.parts[i].src.start;
        let old_b = self.parts[last].src.end;
        let b = shift(old_b);
        let to_end = last == n - 1;
        let part_text = body.get(a..b)?;
        if crosses_shortcode(body, &self.parts, a, b, self.opts.templates) || has_lone_cr(part_text)
        {
            return None;
        }

        // What the rest of the document tells the part.
        let mut cx = Context::default();
        for p in &self.parts[..i] {
            cx.ids.extend(p.doc.ids.iter().map(|h| h.id.clone()));
            cx.notes.extend(p.doc.notes.iter().cloned());
        }
        // Footnote definitions made elsewhere are appended as stubs, for the
        // part's references to them (when it has any: a stub also ends the
        // last line, which at the end of a body can matter).
        if part_text.contains("[^") {
            if to_end && !part_text.ends_with('\n') {
                return None;
            }
            for (x, p) in self.parts.iter().enumerate() {
                if x < i || x > last {
                    cx.note_defs.extend(p.doc.note_defs.iter().cloned());
                }
            }
            // A label holding a shortcode would not read back as a stub.
            if cx.note_defs.iter().any(|l| l.contains("{{")) {
                return None;
            }
        }
        let (inside, outside): (Vec<&RefDef>, Vec<&RefDef>) = self
            .refdefs
            .iter()
            .partition(|d| (a..old_b).contains(&d.at));
        cx.refdefs = outside
            .iter()
            .rev() // the first definition of a label wins
            .map(|d| (d.label.clone(), (d.dest.clone(), d.title.clone())))
            .collect();
        let stubs = cx.note_defs.len();
        let r = render_in(part_text, &self.opts, cx);
        if !r.offsets_exact {
            return None; // a shortcode was typed
        }

        // The part's link definitions must be the ones it had, and not shadow
        // or be shadowed by others.
        let mut was: Vec<(&str, &str, &str)> = inside
            .iter()
            .map(|d| (d.label.as_str(), d.dest.as_str(), d.title.as_str()))
            .collect();
        let mut now: Vec<(&str, &str, &str)> = r
            .refdefs
            .iter()
            .map(|d| (d.label.as_str(), d.dest.as_str(), d.title.as_str()))
            .collect();
        was.sort_unstable();
        now.sort_unstable();
        if was != now || now.iter().any(|d| outside.iter().any(|o| o.label == d.0)) {
            return None;
        }
        let new_defs: Vec<RefDef> = r
            .refdefs
            .iter()
            .map(|d| RefDef {
                at: d.at + a,
                ..d.clone()
            })
            .collect();

        // The part's blocks, without the footnote stubs after it; every stub
        // must be a block of its own (else the part swallowed them: an
        // unclosed fence, say).
        let mut new = parts_of(r, a);
        // (The last real block's source may run into the blank lines
        // before the first stub.)
        let real = new.len().checked_sub(stubs)?;
        let tail = &new[real..];
        let is_stub = |p: &Part| {
            p.doc.note_defs.len() == 1
                && p.html
                    .trim_start_matches('\n')
                    .starts_with("<div class=\"footnote-definition\"")
        };
        if tail.len() != stubs || !tail.iter().all(is_stub) {
            return None;
        }
        new.truncate(real);
        if let Some(p) = new.last_mut() {
            p.src.end = b;
        }

        // Back in step: a new block starting after the edit where an old one
        // started, with text after it still in the part; from there on the
        // old blocks stand. At the end of the body, the part runs to the end.
        let (keep_new, resume_old) = if to_end {
            (new.len(), n)
        } else {
            let mut found = None;
            for (q, p) in new.iter().enumerate() {
                let s = p.src.start;
                if s < new_end || s >= b {
                    continue;
                }
                let old_s = (s as isize - delta) as usize;
                let r = self.parts.partition_point(|p| p.src.start < old_s);
                if r < n && self.parts[r].src.start == old_s {
                    found = Some((q, r));
                    break;
                }
            }
            found?
        };
        new.truncate(keep_new);
        if new.is_empty() && resume_old == i {
            return None;
        }

        // The part's share of document-wide state must be unchanged, else
        // blocks after it would change too.
        let replaced = &self.parts[i..resume_old];
        let ids = |ps: &[Part]| {
            ps.iter()
                .flat_map(|p| p.doc.ids.iter().map(|h| h.id.clone()))
                .collect::<HashSet<_>>()
        };
        let notes = |ps: &[Part]| {
            ps.iter()
                .flat_map(|p| p.doc.notes.clone())
                .collect::<Vec<_>>()
        };
        let defs = |ps: &[Part]| {
            let mut d: Vec<String> = ps.iter().flat_map(|p| p.doc.note_defs.clone()).collect();
            d.sort_unstable();
            d
        };
        // (Footnote definitions also decide whether earlier `[^x]` are references.)
        if defs(replaced) != defs(&new) {
            return None;
        }
        let more_after = resume_old < n;
        if more_after && notes(replaced) != notes(&new) {
            return None;
        }
        // A heading typed or renamed: later ids stand unless one of them was
        // made from a slug that an added or removed id could take.
        let (was, now) = (ids(replaced), ids(&new));
        if more_after && was != now {
            let changed: Vec<&String> = was.symmetric_difference(&now).collect();
            let mut later = self.parts[resume_old..].iter().flat_map(|p| &p.doc.ids);
            if later.any(|h| changed.iter().any(|id| h.depends_on(id))) {
                return None;
            }
        }

        // Commit: definitions, blocks, offsets.
        self.refdefs.retain(|d| !(a..old_b).contains(&d.at));
        for d in &mut self.refdefs {
            if d.at >= old_b {
                d.at = shift(d.at);
            }
        }
        self.refdefs.extend(new_defs);
        self.refdefs.sort_by_key(|d| d.at);
        for p in &mut self.parts[resume_old..] {
            p.src = shift(p.src.start)..shift(p.src.end);
        }
        // Blocks rendered again but unchanged stay as they are.
        let splice = splice_between(&self.parts[i..resume_old], &new, i);
        self.parts.splice(i..resume_old, new);
        self.body.clear();
        self.body.push_str(body);
        Some(splice)
    }
}

/// The splice turning blocks `old` (at index `at`) into `new`: blocks equal
/// at either end are kept.
fn splice_between(old: &[Part], new: &[Part], at: usize) -> Splice {
    let head = old
        .iter()
        .zip(new)
        .take_while(|(o, n)| o.html == n.html)
        .count();
    let max_tail = old.len().min(new.len()) - head;
    let tail = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_tail)
        .take_while(|(o, n)| o.html == n.html)
        .count();
    Splice {
        at: at + head,
        removed: old.len() - head - tail,
        inserted: new[head..new.len() - tail]
            .iter()
            .map(|p| p.html.clone())
            .collect(),
    }
}

/// The byte range that changed between `old` and `new`: the common prefix
/// length, and where the common suffix starts in each.
fn changed(old: &str, new: &str) -> (usize, usize, usize) {
    let (o, n) = (old.as_bytes(), new.as_bytes());
    let max = o.len().min(n.len());
    // 64 bytes at a time (a memcmp each), then byte by byte.
    let mut start = 0;
    while start + 64 <= max && o[start..start + 64] == n[start..start + 64] {
        start += 64;
    }
    while start < max && o[start] == n[start] {
        start += 1;
    }
    while !new.is_char_boundary(start) {
        start -= 1;
    }
    let max = max - start;
    let (ol, nl) = (o.len(), n.len());
    let mut same = 0;
    while same + 64 <= max && o[ol - same - 64..ol - same] == n[nl - same - 64..nl - same] {
        same += 64;
    }
    while same < max && o[ol - same - 1] == n[nl - same - 1] {
        same += 1;
    }
    while !old.is_char_boundary(o.len() - same) || !new.is_char_boundary(n.len() - same) {
        same -= 1;
    }
    (start, o.len() - same, n.len() - same)
}

/// Whether a template tag of `body` starts before `a` or `b` and ends after
/// it: the part `a..b` would then not see it whole. The scan starts at a
/// block boundary far enough before `a` that no tag can cross it (the text
/// before `a` is unchanged, and tags are short). A Liquid `{% raw %}` block
/// can be any length, and a part inside one would find tags in it: a body
/// with one is rendered whole (which costs about 1.7 ms per 100 KB). The
/// body before this edit had none (see `raw_block`), so a new one is in the
/// edited part, which the scan covers.
fn crosses_shortcode(body: &str, parts: &[Part], a: usize, b: usize, templates: Templates) -> bool {
    let from = a.saturating_sub(shortcodes::MAX_SPAN);
    let c = parts[..parts.partition_point(|p| p.src.end <= from)]
        .last()
        .map_or(0, |p| p.src.end);
    let mut to = (b + shortcodes::MAX_SPAN).min(body.len());
    while !body.is_char_boundary(to) {
        to -= 1;
    }
    let window = &body[c..to];
    if !shortcodes::may_hold_tags(window, templates) {
        return false;
    }
    let mut crosses = false;
    shortcodes::scan(window, templates, |f| {
        let (s, e) = (c + f.start, c + f.end);
        crosses |= (s < a && a < e) || (s < b && b < e);
        crosses |=
            templates == Templates::Liquid && shortcodes::is_raw_tag(&window[f.start..f.end]);
    });
    crosses
}

/// Whether block `pair[1]` may be the rest of a paragraph that began in
/// `pair[0]` with a link definition: pulldown-cmark's range for a list
/// ending in `[s]: /u` covers the definition, and the line after it
/// (`<y>`) continues that paragraph, where alone it would start an HTML
/// block. A part must not start there: it starts a block earlier.
fn continues_a_definition(body: &str, refdefs: &[RefDef], pair: &[Part]) -> bool {
    let (prev, start) = (&pair[0].src, pair[1].src.start);
    let from = refdefs.partition_point(|d| d.at < prev.start);
    refdefs[from..]
        .iter()
        .take_while(|d| d.at < start)
        .any(|d| match body.get(d.at..start) {
            Some(between) => !between
                .split_inclusive('\n')
                .skip(1)
                .any(|l| l.trim_matches([' ', '\t', '\r', '\n']).is_empty()),
            None => true,
        })
}

/// A CR not followed by LF (a line ending to CommonMark, seen only in
/// damaged files): block boundaries next to one were seen not to hold when
/// the text before them changed (found by `tests/incremental.rs`).
fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

/// Splits a render into blocks, their sources offset by `at`.
fn parts_of(r: Rendered, at: usize) -> Vec<Part> {
    let mut parts = Vec::with_capacity(r.marks.len());
    let (mut html_start, mut src_start) = (0, 0);
    for m in r.marks {
        parts.push(Part {
            html: r.html[html_start..m.html_end].to_string(),
            src: at + src_start..at + m.src_end.max(src_start),
            doc: m.doc,
            words: m.words,
        });
        html_start = m.html_end;
        src_start = m.src_end.max(src_start);
    }
    parts
}
