//! Word count and reading time.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::dialect::RenderOptions;
use super::shortcodes;

/// Reading speed used for [`Stats::reading_minutes`].
pub const WORDS_PER_MINUTE: usize = 230;

/// Word count and reading time of a post body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub words: usize,
    /// `ceil(words / 230)`; at least 1 when there is any word, 0 otherwise.
    pub reading_minutes: usize,
}

impl Stats {
    /// The stats of a text of `words` words.
    pub fn of_words(words: usize) -> Self {
        Stats {
            words,
            reading_minutes: words.div_ceil(WORDS_PER_MINUTE),
        }
    }
}

/// Counts the words a reader reads: Markdown text and inline code; not URLs,
/// markup, raw HTML, code blocks or shortcodes. A word is a run of
/// non-space characters holding at least one letter or digit.
pub fn stats(body: &str) -> Stats {
    stats_with(body, &RenderOptions::default())
}

/// [`stats`] as parsed with the preview's options (smart punctuation changes
/// the text events, and in rare malformed headings, what they hold): what
/// the preview's per-block counts add up to.
pub fn stats_with(body: &str, opts: &RenderOptions) -> Stats {
    let (src, _codes) = shortcodes::extract(body);
    let mut counter = WordCounter::default();
    for ev in Parser::new_ext(&src, super::dialect::options(opts.smart_punctuation)) {
        counter.event(&ev);
    }
    Stats::of_words(counter.take())
}

/// [`stats`]' counting, fed one parser event at a time (the source text with
/// shortcodes replaced by placeholders): the preview's renderer feeds it the
/// events it parses anyway, and keeps a count per block.
#[derive(Debug, Default)]
pub(crate) struct WordCounter {
    words: usize,
    in_word: bool,
    word_has_alnum: bool,
    code_block: usize,
}

impl WordCounter {
    pub(crate) fn event(&mut self, ev: &Event<'_>) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => self.code_block += 1,
            Event::End(TagEnd::CodeBlock) => self.code_block = self.code_block.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.code_block == 0 => {
                let mut in_placeholder = false;
                for c in t.chars() {
                    if in_placeholder {
                        in_placeholder = c != shortcodes::CLOSE;
                    } else if c == shortcodes::OPEN {
                        self.flush();
                        in_placeholder = true;
                    } else if c.is_whitespace() {
                        self.flush();
                    } else {
                        self.in_word = true;
                        self.word_has_alnum |= c.is_alphanumeric();
                    }
                }
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            _ => self.flush(),
        }
    }

    fn flush(&mut self) {
        if self.in_word && self.word_has_alnum {
            self.words += 1;
        }
        self.in_word = false;
        self.word_has_alnum = false;
    }

    /// The words counted since the last take, the one being read included.
    pub(crate) fn take(&mut self) -> usize {
        self.flush();
        std::mem::take(&mut self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(
            stats(""),
            Stats {
                words: 0,
                reading_minutes: 0
            }
        );
        assert_eq!(
            stats("Hello *big* world"),
            Stats {
                words: 3,
                reading_minutes: 1
            }
        );
        assert_eq!(
            stats("un*believ*able"),
            Stats {
                words: 1,
                reading_minutes: 1
            }
        );
        assert_eq!(
            stats("a [link](https://example.com/very/long) b"),
            Stats {
                words: 3,
                reading_minutes: 1
            }
        );
        assert_eq!(
            stats("x\n\n```\nlet a = b;\n```\n\ny"),
            Stats {
                words: 2,
                reading_minutes: 1
            }
        );
        assert_eq!(
            stats("— - ... {{< youtube abc >}} word"),
            Stats {
                words: 1,
                reading_minutes: 1
            }
        );
        assert_eq!(
            stats("<div>x</div>\n\nok"),
            Stats {
                words: 1,
                reading_minutes: 1
            }
        );
        let long = "word ".repeat(461);
        assert_eq!(stats(&long).reading_minutes, 3);
    }
}
