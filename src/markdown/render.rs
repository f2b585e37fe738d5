//! The renderer: pulldown-cmark's parser and HTML writer, with a filtering
//! adapter in between that owns safety (raw HTML, URLs, heading attributes),
//! heading ids, shortcode placeholders and top-level block boundaries.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::rc::Rc;

use pulldown_cmark::{html, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::dialect::{options, slugify, RenderOptions};
use super::sanitize::{escape_text, filter_id, HtmlFilter, Mode};
use super::shortcodes::{self, Shortcode};
use super::url::{clean_url, Base, UrlKind};

/// The whole document's HTML and the byte offsets where top-level blocks end.
pub(crate) struct Rendered {
    pub(crate) html: String,
    pub(crate) boundaries: Vec<usize>,
}

/// Output shared between the writer (which appends) and the adapter (which
/// reads the length to mark block boundaries).
struct Sink(Rc<RefCell<String>>);

impl fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

pub(crate) fn render(body: &str, opts: &RenderOptions) -> Rendered {
    let base = opts.base_url.as_deref().and_then(Base::parse);
    let (src, codes) = shortcodes::extract(body);
    let parser = Parser::new_ext(&src, options(opts.smart_punctuation));
    let out = Rc::new(RefCell::new(String::with_capacity(
        body.len() + body.len() / 2,
    )));
    let mut adapter = Adapter {
        inner: parser,
        pending: VecDeque::new(),
        ready: None,
        out: Rc::clone(&out),
        boundaries: Vec::new(),
        boundary_due: false,
        depth: 0,
        filter: HtmlFilter::new(base.as_ref()),
        base: base.as_ref(),
        codes: &codes,
        ids: HashSet::new(),
        slug_counts: HashMap::new(),
        in_image: 0,
        in_code_block: false,
        finished: false,
    };
    // Writing to a String cannot fail.
    let _ = html::write_html_fmt(Sink(Rc::clone(&out)), &mut adapter);
    let boundaries = std::mem::take(&mut adapter.boundaries);
    drop(adapter);
    let html = Rc::try_unwrap(out)
        .map(RefCell::into_inner)
        .unwrap_or_else(|rc| rc.borrow().clone());
    Rendered { html, boundaries }
}

struct Adapter<'a, 'o, I: Iterator<Item = Event<'a>>> {
    inner: I,
    /// Events taken from `inner` by look-ahead, to be processed.
    pending: VecDeque<Event<'a>>,
    /// An already processed event to hand out next.
    ready: Option<Event<'a>>,
    out: Rc<RefCell<String>>,
    boundaries: Vec<usize>,
    boundary_due: bool,
    /// Markdown nesting depth (HTML blocks do not count).
    depth: usize,
    filter: HtmlFilter<'o>,
    base: Option<&'o Base>,
    codes: &'o [Shortcode],
    ids: HashSet<String>,
    slug_counts: HashMap<String, usize>,
    in_image: usize,
    in_code_block: bool,
    finished: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Adapter<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if self.boundary_due {
                // The writer has written everything up to the block's end.
                self.boundary_due = false;
                if self.filter.balanced() {
                    self.boundaries.push(self.out.borrow().len());
                }
            }
            if let Some(ev) = self.ready.take() {
                return Some(ev);
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

impl<'a, I: Iterator<Item = Event<'a>>> Adapter<'a, '_, I> {
    fn pull(&mut self) -> Option<Event<'a>> {
        self.pending.pop_front().or_else(|| self.inner.next())
    }

    fn unpull(&mut self, events: Vec<Event<'a>>) {
        for ev in events.into_iter().rev() {
            self.pending.push_front(ev);
        }
    }

    fn block_done(&mut self) {
        if self.depth == 0 {
            self.boundary_due = true;
        }
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
                if closers.is_empty() {
                    Some(Event::End(tag))
                } else {
                    self.ready = Some(Event::End(tag));
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
                while let Some(ev) = self.pull() {
                    match &ev {
                        Event::End(TagEnd::Heading(_)) => {
                            buf.push(ev);
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
                    buf.push(ev);
                }
                self.unpull(buf);
                let explicit = id
                    .map(|i| filter_id(&shortcodes::literal(&i, codes)))
                    .filter(|i| !i.is_empty());
                let id = match explicit {
                    Some(i) => {
                        self.ids.insert(i.clone());
                        i
                    }
                    None => self.unique_id(slugify(&text)),
                };
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
                    match clean_url(
                        &shortcodes::literal(&dest_url, codes),
                        UrlKind::Link,
                        self.base,
                    ) {
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
                    &shortcodes::literal(&dest_url, codes),
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
                Event::Start(Tag::CodeBlock(kind))
            }
            tag => Event::Start(tag),
        };
        self.depth += 1;
        Some(ev)
    }

    /// A paragraph made only of shortcodes becomes block placeholders.
    fn shortcode_paragraph(&mut self) -> Option<String> {
        let codes = self.codes;
        let first = self.pull()?;
        let starts_with_code =
            matches!(&first, Event::Text(t) if t.trim_start().starts_with(shortcodes::OPEN));
        let mut buf = vec![first];
        if !starts_with_code {
            self.unpull(buf);
            return None;
        }
        let mut found = Vec::new();
        let mut only = true;
        while let Some(ev) = self.pull() {
            match &ev {
                Event::End(TagEnd::Paragraph) => {
                    buf.push(ev);
                    break;
                }
                Event::SoftBreak => {}
                _ => only = false,
            }
            buf.push(ev);
        }
        if only {
            for ev in &buf {
                if let Event::Text(t) = ev {
                    only &= shortcodes::only_codes(t, codes, &mut found);
                }
            }
        }
        if !only || found.is_empty() {
            self.unpull(buf);
            return None;
        }
        let mut s = String::new();
        for c in found {
            shortcodes::push_code(c, "div", &mut s);
            s.push('\n');
        }
        Some(s)
    }

    fn unique_id(&mut self, slug: String) -> String {
        let slug = if slug.is_empty() {
            "section".to_string()
        } else {
            slug
        };
        if self.ids.insert(slug.clone()) {
            return slug;
        }
        let n = self.slug_counts.entry(slug.clone()).or_insert(0);
        loop {
            *n += 1;
            let candidate = format!("{slug}-{n}");
            if self.ids.insert(candidate.clone()) {
                return candidate;
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
