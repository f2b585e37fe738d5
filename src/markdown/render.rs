//! The renderer: pulldown-cmark's parser and HTML writer, with a filtering
//! adapter in between that owns safety (raw HTML, URLs, heading attributes),
//! heading ids, shortcode placeholders and top-level block boundaries.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

use pulldown_cmark::{
    html, BrokenLink, CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd,
};
use pulldown_cmark_escape::escape_html;

use super::dialect::{options, slugify, RenderOptions};
use super::document::{normalize_label, Context, DocState, HeadingId, Mark, RefDef};
use super::sanitize::{escape_attr, escape_text, filter_id, HtmlFilter, Mode};
use super::shortcodes::{self, Shortcode};
use super::stats::WordCounter;
use super::url::{clean_url, Base, UrlKind};

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

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Adapter<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            // An event already processed goes out before a due boundary: the
            // closing tag it holds belongs to the block that just ended.
            if let Some(ev) = self.ready.take() {
                return Some(ev);
            }
            if self.boundary_due {
                // The writer has written everything up to the block's end.
                self.boundary_due = false;
                if self.filter.balanced() {
                    self.marks.push(Mark {
                        html_end: self.out.borrow().len(),
                        src_end: self.due_src_end,
                        doc: std::mem::take(&mut self.doc),
                        words: self.words.take(),
                    });
                }
            }
            let Some(ev) = self.pull() else {
                if self.finished {
                    return None;
                }
                self.finished = true;
                let mut s = String::new();
                self.filter.finish(&mut s);
                if s.is_empty() {
                    return None;
                }
                s.push('\n');
                return Some(Event::Html(s.into()));
            };
            if let Some(ev) = self.process(ev) {
                return Some(ev);
            }
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Adapter<'a, '_, I> {
    fn pull(&mut self) -> Option<Event<'a>> {
        let (ev, range) = match self.pending.pop_front() {
            Some(taken) => taken, // counted when first taken
            None => {
                let fresh = self.inner.next()?;
                self.words.event(&fresh.0);
                fresh
            }
        };
        self.range = range;
        Some(ev)
    }

    /// Puts back events taken by look-ahead (the current one last).
    fn unpull(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        for ev in events.into_iter().rev() {
            self.pending.push_front(ev);
        }
    }

    fn block_done(&mut self) {
        if self.depth == 0 {
            self.boundary_due = true;
            self.due_src_end = self.range.end;
        }
    }

    /// The number of footnote `label`, given on its first mention.
    fn note_number(&mut self, label: &str) -> usize {
        if let Some(&n) = self.notes.get(label) {
            return n;
        }
        let n = self.notes.len() + 1;
        self.notes.insert(label.to_string(), n);
        self.doc.notes.push(label.to_string());
        n
    }

    /// Footnotes are numbered here rather than by pulldown-cmark's writer,
    /// so that a part of a document can continue the whole's numbering.
    fn footnote_reference(&mut self, label: &str) -> Event<'a> {
        let n = self.note_number(label);
        if self.in_image > 0 {
            return Event::Text(format!("[{n}]").into());
        }
        // The id is where the definition's back-link returns (to the first
        // reference, when there are several: the browser takes the first).
        let mut s = String::from("<sup class=\"footnote-reference\" id=\"fnref-");
        let _ = escape_html(&mut s, label);
        s.push_str("\"><a href=\"#");
        let _ = escape_html(&mut s, label);
        s.push_str(&format!("\">{n}</a></sup>"));
        Event::InlineHtml(s.into())
    }

    fn footnote_definition(&mut self, label: &str) -> Event<'a> {
        let n = self.note_number(label);
        self.doc.note_defs.push(label.to_string());
        self.open_note = Some((label.to_string(), n));
        let out = self.out.borrow();
        let mut s = String::new();
        if !out.is_empty() && !out.ends_with('\n') {
            s.push('\n');
        }
        drop(out);
        s.push_str("<div class=\"footnote-definition\" id=\"");
        let _ = escape_html(&mut s, label);
        s.push_str(&format!(
            "\"><sup class=\"footnote-definition-label\">{n}</sup>"
        ));
        Event::Html(s.into())
    }

    /// The end of a footnote definition: a back-link (as GitHub and Hugo
    /// give) to where the note is referenced, then the closing tag.
    fn close_note(&mut self) -> String {
        let Some((label, n)) = self.open_note.take() else {
            return "</div>\n".to_string();
        };
        let mut s = String::from(" <a href=\"#fnref-");
        let _ = escape_html(&mut s, &label);
        // U+21A9 with U+FE0E: the arrow as text, not as an emoji.
        s.push_str(&format!(
            "\" class=\"footnote-backref\" aria-label=\"Back to reference {n}\">\u{21a9}\u{fe0e}</a></div>\n"
        ));
        s
    }

    fn process(&mut self, ev: Event<'a>) -> Option<Event<'a>> {
        let codes = self.codes;
        match ev {
            Event::Start(Tag::HtmlBlock) => {
                // One HTML block arrives as several events (one per line):
                // filter it as one fragment so a tag split across lines is
                // seen whole.
                let mut raw = String::new();
                while let Some(ev) = self.pull() {
                    match ev {
                        Event::Html(h) | Event::InlineHtml(h) | Event::Text(h) => raw.push_str(&h),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                let mut s = String::new();
                self.filter.feed(
                    &shortcodes::literal(&raw, codes),
                    Mode::Block,
                    self.depth,
                    &mut s,
                );
                self.block_done();
                if s.trim().is_empty() {
                    return None;
                }
                if !s.ends_with('\n') {
                    s.push('\n');
                }
                Some(Event::Html(s.into()))
            }
            Event::Html(h) => {
                let mut s = String::new();
                self.filter.feed(
                    &shortcodes::literal(&h, codes),
                    Mode::Block,
                    self.depth,
                    &mut s,
                );
                (!s.is_empty()).then(|| Event::Html(s.into()))
            }
            Event::InlineHtml(h) => {
                if self.in_image > 0 {
                    // The writer escapes it into the alt text.
                    return Some(Event::Text(
                        shortcodes::literal(&h, codes).into_owned().into(),
                    ));
                }
                let mut s = String::new();
                self.filter.feed(
                    &shortcodes::literal(&h, codes),
                    Mode::Inline,
                    self.depth,
                    &mut s,
                );
                (!s.is_empty()).then(|| Event::InlineHtml(s.into()))
            }
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                match tag {
                    TagEnd::Image => self.in_image = self.in_image.saturating_sub(1),
                    TagEnd::CodeBlock => self.in_code_block = false,
                    _ => {}
                }
                let mut closers = String::new();
                self.filter.leave(self.depth + 1, &mut closers);
                self.block_done();
                let end = match tag {
                    TagEnd::FootnoteDefinition => Event::Html(self.close_note().into()),
                    tag => Event::End(tag),
                };
                if closers.is_empty() {
                    Some(end)
                } else {
                    self.ready = Some(end);
                    Some(Event::InlineHtml(closers.into()))
                }
            }
            Event::Text(t) => {
                if self.filter.skipping() {
                    return None;
                }
                if codes.is_empty() || !shortcodes::has_placeholder(&t) {
                    return Some(Event::Text(t));
                }
                if self.in_image > 0 || self.in_code_block {
                    return Some(Event::Text(
                        shortcodes::literal(&t, codes).into_owned().into(),
                    ));
                }
                let mut s = String::new();
                shortcodes::inline_html(&t, codes, &mut s);
                Some(Event::InlineHtml(s.into()))
            }
            Event::Code(t) => {
                if self.filter.skipping() {
                    return None;
                }
                Some(Event::Code(literal_cow(t, codes)))
            }
            Event::FootnoteReference(label) if !self.filter.skipping() => {
                Some(self.footnote_reference(&shortcodes::literal(&label, codes)))
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
                if self.filter.skipping() =>
            {
                None
            }
            Event::Rule => {
                self.block_done();
                Some(Event::Rule)
            }
            ev => Some(ev),
        }
    }

    fn start(&mut self, tag: Tag<'a>) -> Option<Event<'a>> {
        let codes = self.codes;
        let ev = match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            } => {
                // Look ahead to the heading's text for its id.
                let mut buf = Vec::new();
                let mut text = String::new();
                let at = self.range.clone();
                while let Some(ev) = self.pull() {
                    match &ev {
                        Event::End(TagEnd::Heading(_)) => {
                            buf.push((ev, self.range.clone()));
                            break;
                        }
                        Event::Text(t) | Event::Code(t) => {
                            shortcodes::pieces(t, codes, |p| {
                                if let shortcodes::Piece::Text(t) = p {
                                    text.push_str(t)
                                }
                            });
                        }
                        _ => {}
                    }
                    buf.push((ev, self.range.clone()));
                }
                self.unpull(buf);
                self.range = at;
                let explicit = id
                    .map(|i| filter_id(&shortcodes::literal(&i, codes)))
                    .filter(|i| !i.is_empty());
                let heading = match explicit {
                    Some(i) => {
                        self.ids.insert(i.clone());
                        HeadingId { id: i, slug: None }
                    }
                    None => self.unique_id(slugify(&text)),
                };
                let id = heading.id.clone();
                self.doc.ids.push(heading);
                let classes = classes
                    .into_iter()
                    .map(|c| filter_id(&c).replace([':', '.'], ""))
                    .filter(|c| !c.is_empty())
                    .map(CowStr::from)
                    .collect();
                Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes,
                    attrs: Vec::new(),
                })
            }
            Tag::Paragraph if !codes.is_empty() => {
                if let Some(html) = self.shortcode_paragraph() {
                    self.block_done();
                    return Some(Event::Html(html.into()));
                }
                Event::Start(Tag::Paragraph)
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let title = literal_cow(title, codes);
                if link_type == LinkType::Email {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else {
                    match clean_url(&shortcodes::url(&dest_url, codes), UrlKind::Link, self.base) {
                        Some(u) => Event::Start(Tag::Link {
                            link_type,
                            dest_url: u.into(),
                            title,
                            id,
                        }),
                        None => {
                            // Keep the text, drop the link target.
                            let mut s = String::from("<a");
                            if !title.is_empty() {
                                s.push_str(" title=\"");
                                escape_text(&title, &mut s);
                                s.push('"');
                            }
                            s.push('>');
                            Event::InlineHtml(s.into())
                        }
                    }
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.in_image += 1;
                let dest = clean_url(
                    &shortcodes::url(&dest_url, codes),
                    UrlKind::Image,
                    self.base,
                )
                .unwrap_or_default();
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title: literal_cow(title, codes),
                    id,
                })
            }
            Tag::CodeBlock(kind) => {
                self.in_code_block = true;
                let kind = match kind {
                    CodeBlockKind::Fenced(info) => CodeBlockKind::Fenced(literal_cow(info, codes)),
                    kind => kind,
                };
                Event::Start(Tag::CodeBlock(kind))
            }
            Tag::FootnoteDefinition(label) => {
                self.footnote_definition(&shortcodes::literal(&label, codes))
            }
            tag => Event::Start(tag),
        };
        self.depth += 1;
        Some(ev)
    }

    /// A paragraph made only of shortcodes becomes block placeholders.
    fn shortcode_paragraph(&mut self) -> Option<String> {
        let codes = self.codes;
        let at = self.range.clone();
        let first = self.pull()?;
        let starts_with_code =
            matches!(&first, Event::Text(t) if t.trim_start().starts_with(shortcodes::OPEN));
        let mut buf = vec![(first, self.range.clone())];
        if !starts_with_code {
            self.unpull(buf);
            self.range = at;
            return None;
        }
        let mut found = Vec::new();
        let mut only = true;
        while let Some(ev) = self.pull() {
            match &ev {
                Event::End(TagEnd::Paragraph) => {
                    buf.push((ev, self.range.clone()));
                    break;
                }
                Event::SoftBreak => {}
                _ => only = false,
            }
            buf.push((ev, self.range.clone()));
        }
        if only {
            for (ev, _) in &buf {
                if let Event::Text(t) = ev {
                    only &= shortcodes::only_codes(t, codes, &mut found);
                }
            }
        }
        if !only || found.is_empty() {
            self.unpull(buf);
            self.range = at;
            return None;
        }
        let mut s = String::new();
        for c in found {
            match shortcodes::hugo_figure(c) {
                Some(f) => self.figure(&f, c, &mut s),
                None => shortcodes::push_code(c, "div", &mut s),
            }
            s.push('\n');
        }
        Some(s)
    }

    /// Hugo's `figure` shortcode as the site shows it: the image (its
    /// address checked and resolved as any image's) and its caption. An
    /// address that is refused leaves the placeholder.
    fn figure(&self, f: &shortcodes::Figure, code: &Shortcode, out: &mut String) {
        let Some(src) = clean_url(&f.src, UrlKind::Image, self.base) else {
            shortcodes::push_code(code, "div", out);
            return;
        };
        out.push_str("<figure class=\"pw-figure\"><img src=\"");
        escape_attr(&src, out);
        out.push_str("\" alt=\"");
        escape_attr(&f.alt, out);
        out.push_str("\" />");
        if !f.caption.is_empty() {
            out.push_str("<figcaption>");
            escape_text(&f.caption, out);
            out.push_str("</figcaption>");
        }
        out.push_str("</figure>");
    }

    fn unique_id(&mut self, slug: String) -> HeadingId {
        let slug = if slug.is_empty() {
            "section".to_string()
        } else {
            slug
        };
        if self.ids.insert(slug.clone()) {
            return HeadingId {
                id: slug.clone(),
                slug: Some(slug),
            };
        }
        let n = self.slug_counts.entry(slug.clone()).or_insert(0);
        loop {
            *n += 1;
            let candidate = format!("{slug}-{n}");
            if self.ids.insert(candidate.clone()) {
                return HeadingId {
                    id: candidate,
                    slug: Some(slug),
                };
            }
        }
    }
}

fn literal_cow<'a>(t: CowStr<'a>, codes: &[Shortcode]) -> CowStr<'a> {
    if codes.is_empty() || !shortcodes::has_placeholder(&t) {
        t
    } else {
        shortcodes::literal(&t, codes).into_owned().into()
    }
}
