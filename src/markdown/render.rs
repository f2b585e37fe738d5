//! The renderer: pulldown-cmark's parser and HTML writer, with a filtering
//! adapter in between that owns safety (raw HTML, URLs, heading attributes),
//! heading ids, shortcode placeholders and top-level block boundaries.

mod events;
mod tags;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

use pulldown_cmark::{html, BrokenLink, CowStr, Event, Parser};

use super::dialect::{options, RenderOptions};
use super::document::{normalize_label, Context, DocState, Mark, RefDef};
use super::sanitize::HtmlFilter;
use super::shortcodes::{self, Shortcode};
use super::stats::WordCounter;
use super::url::Base;

/// The document's HTML and where its top-level blocks end.
pub(crate) struct Rendered {
    pub(crate) html: String,
    /// One per top-level block (blocks joined by raw HTML left open count as
    /// one), in order; the last one ends at the end of `html`.
    pub(crate) marks: Vec<Mark>,
    /// The link reference definitions of the text, by normalized label.
    pub(crate) refdefs: Vec<RefDef>,
    /// False when a shortcode was too short for its placeholder: source
    /// offsets are then those of the text with placeholders, not of the body.
    pub(crate) offsets_exact: bool,
    /// The text has a Liquid `{% raw %}` block (see `Incremental`).
    pub(crate) raw_block: bool,
}

/// Output shared between the writer (which appends) and the adapter (which
/// reads the length to mark block boundaries).
struct Sink(Rc<RefCell<String>>);

impl fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Table alignment as `align`, not pulldown-cmark's `style` attribute: a
        // strict content security policy (the editor's page, many CMSs) drops
        // inline styles, and `align` is what GitHub writes. The writer sends
        // each of these as one piece; nothing from the post can (raw HTML is
        // re-serialized, text escapes `"`).
        let s = match s {
            " style=\"text-align: left\">" => " align=\"left\">",
            " style=\"text-align: center\">" => " align=\"center\">",
            " style=\"text-align: right\">" => " align=\"right\">",
            s => s,
        };
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

/// Renders a whole document.
pub(crate) fn render(body: &str, opts: &RenderOptions) -> Rendered {
    render_in(body, opts, Context::default())
}

/// Renders `body` as a part of a larger document described by `cx`. Footnote
/// definitions of the rest are appended as stubs after the part, so their
/// blocks (and any block reaching past `body.len()`) follow the part's.
pub(crate) fn render_in(body: &str, opts: &RenderOptions, cx: Context) -> Rendered {
    let base = opts.base_url.as_deref().and_then(Base::parse);
    let (src, codes, exact) = shortcodes::extract_exact(body, opts.templates);
    let src = if cx.note_defs.is_empty() {
        src
    } else {
        let mut s = src.into_owned();
        for label in &cx.note_defs {
            s.push_str("\n\n[^");
            s.push_str(label);
            s.push_str("]: .");
        }
        s.push('\n');
        std::borrow::Cow::Owned(s)
    };
    let refdefs = cx.refdefs;
    let codes_ref = &codes;
    let callback = move |link: BrokenLink<'_>| {
        refdefs
            .get(&normalize_label(&shortcodes::literal(
                &link.reference,
                codes_ref,
            )))
            .map(|(dest, title)| (CowStr::from(dest.clone()), CowStr::from(title.clone())))
    };
    let parser = Parser::new_with_broken_link_callback(
        &src,
        options(opts.smart_punctuation),
        Some(callback),
    );
    let found: Vec<RefDef> = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| RefDef {
            // Placeholders only mean something with this render's shortcodes.
            label: normalize_label(&shortcodes::literal(label, &codes)),
            dest: shortcodes::url(&def.dest, &codes).into_owned(),
            title: shortcodes::literal(def.title.as_deref().unwrap_or(""), &codes).into_owned(),
            at: def.span.start,
        })
        .collect();
    let out = Rc::new(RefCell::new(String::with_capacity(
        body.len() + body.len() / 2,
    )));
    let notes: HashMap<String, usize> = cx
        .notes
        .into_iter()
        .enumerate()
        .map(|(i, l)| (l, i + 1))
        .collect();
    let mut adapter = Adapter {
        inner: parser.into_offset_iter(),
        range: 0..0,
        due_src_end: 0,
        marks: Vec::new(),
        doc: DocState::default(),
        notes,
        pending: VecDeque::new(),
        ready: None,
        out: Rc::clone(&out),
        boundary_due: false,
        depth: 0,
        filter: HtmlFilter::new(base.as_ref()),
        base: base.as_ref(),
        codes: &codes,
        ids: cx.ids,
        slug_counts: HashMap::new(),
        in_image: 0,
        open_note: None,
        in_code_block: false,
        finished: false,
        words: WordCounter::default(),
    };
    // Writing to a String cannot fail.
    let _ = html::write_html_fmt(Sink(Rc::clone(&out)), &mut adapter);
    let mut marks = std::mem::take(&mut adapter.marks);
    let doc = std::mem::take(&mut adapter.doc);
    let words = adapter.words.take();
    drop(adapter);
    let html = Rc::try_unwrap(out)
        .map(RefCell::into_inner)
        .unwrap_or_else(|rc| rc.borrow().clone());
    // What follows the last boundary (closers of raw HTML left open, or
    // nothing) belongs to a last block.
    if html.len() > marks.last().map_or(0, |m| m.html_end) || !doc.is_empty() {
        marks.push(Mark {
            html_end: html.len(),
            src_end: src.len(),
            doc,
            words,
        });
    } else if let Some(last) = marks.last_mut() {
        last.words += words;
    }
    // Trailing blank lines and definitions belong to the last block.
    if let Some(last) = marks.last_mut() {
        last.src_end = src.len();
    }
    Rendered {
        html,
        marks,
        refdefs: found,
        offsets_exact: exact,
        raw_block: codes.iter().any(Shortcode::opens_raw_block),
    }
}

struct Adapter<'a, 'o, I: Iterator<Item = (Event<'a>, Range<usize>)>> {
    inner: I,
    /// The source range of the event being processed.
    range: Range<usize>,
    /// Events taken from `inner` by look-ahead, to be processed.
    pending: VecDeque<(Event<'a>, Range<usize>)>,
    /// An already processed event to hand out next.
    ready: Option<Event<'a>>,
    out: Rc<RefCell<String>>,
    marks: Vec<Mark>,
    /// The current block's share of the document-wide state.
    doc: DocState,
    /// Footnote numbers given so far.
    notes: HashMap<String, usize>,
    /// The source end of the block whose boundary is due.
    due_src_end: usize,
    boundary_due: bool,
    /// Markdown nesting depth (HTML blocks do not count).
    depth: usize,
    filter: HtmlFilter<'o>,
    base: Option<&'o Base>,
    codes: &'o [Shortcode],
    ids: HashSet<String>,
    slug_counts: HashMap<String, usize>,
    in_image: usize,
    /// The footnote definition being rendered: its label and number, for
    /// the back-link at its end.
    open_note: Option<(String, usize)>,
    in_code_block: bool,
    finished: bool,
    /// Words of the current block, counted as the parser's events come in.
    words: WordCounter,
}
