//! The adapter's event loop: pulling and look-ahead, block boundaries,
//! raw HTML through the filter, text and code with shortcode placeholders,
//! and footnote numbering.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use super::super::sanitize::Mode;
use super::super::shortcodes::{self, Shortcode};
use super::{Adapter, Mark};

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
    pub(super) fn pull(&mut self) -> Option<Event<'a>> {
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
    pub(super) fn unpull(&mut self, events: Vec<(Event<'a>, Range<usize>)>) {
        for ev in events.into_iter().rev() {
            self.pending.push_front(ev);
        }
    }

    pub(super) fn block_done(&mut self) {
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

    pub(super) fn footnote_definition(&mut self, label: &str) -> Event<'a> {
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
}

pub(super) fn literal_cow<'a>(t: CowStr<'a>, codes: &[Shortcode]) -> CowStr<'a> {
    if codes.is_empty() || !shortcodes::has_placeholder(&t) {
        t
    } else {
        shortcodes::literal(&t, codes).into_owned().into()
    }
}
