//! The adapter's start tags: heading ids and classes, link and image
//! addresses, code block info, footnote definitions and paragraphs made only
//! of shortcodes (Hugo figures among them).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};

use super::super::dialect::slugify;
use super::super::document::HeadingId;
use super::super::sanitize::{escape_attr, escape_text, filter_id};
use super::super::shortcodes::{self, Shortcode};
use super::super::url::{clean_url, UrlKind};
use super::events::literal_cow;
use super::Adapter;

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Adapter<'a, '_, I> {
    pub(super) fn start(&mut self, tag: Tag<'a>) -> Option<Event<'a>> {
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
