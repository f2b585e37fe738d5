//! Word count and reading time.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

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

/// Counts the words a reader reads: Markdown text and inline code; not URLs,
/// markup, raw HTML, code blocks or shortcodes. A word is a run of
/// non-space characters holding at least one letter or digit.
pub fn stats(body: &str) -> Stats {
    let (src, _codes) = shortcodes::extract(body);
    let mut words = 0;
    let mut in_word = false;
    let mut word_has_alnum = false;
    let mut code_block = 0usize;
    let mut flush = |in_word: &mut bool, has: &mut bool| {
        if *in_word && *has {
            words += 1;
        }
        *in_word = false;
        *has = false;
    };
    for ev in Parser::new_ext(&src, super::dialect::options(false)) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => code_block += 1,
            Event::End(TagEnd::CodeBlock) => code_block = code_block.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if code_block == 0 => {
                let mut in_placeholder = false;
                for c in t.chars() {
                    if in_placeholder {
                        in_placeholder = c != shortcodes::CLOSE;
                    } else if c == shortcodes::OPEN {
                        flush(&mut in_word, &mut word_has_alnum);
                        in_placeholder = true;
                    } else if c.is_whitespace() {
                        flush(&mut in_word, &mut word_has_alnum);
                    } else {
                        in_word = true;
                        word_has_alnum |= c.is_alphanumeric();
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
            _ => flush(&mut in_word, &mut word_has_alnum),
        }
    }
    flush(&mut in_word, &mut word_has_alnum);
    Stats {
        words,
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE),
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
