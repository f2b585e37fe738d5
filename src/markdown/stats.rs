//! Word count and reading time.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::dialect::RenderOptions;
use super::shortcodes;

/// Reading speed used for [`Stats::reading_minutes`], in words...
pub const WORDS_PER_MINUTE: usize = 230;
/// ...and in Chinese or Japanese characters (Hugo's figure for CJK text).
pub const GLYPHS_PER_MINUTE: usize = 500;

/// Word count and reading time of a post body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Words, each Chinese or Japanese character counted as one (as Hugo's
    /// `.WordCount` does): those scripts do not put spaces between words.
    pub words: usize,
    /// Words at 230 a minute plus characters at 500, rounded up; at least 1
    /// when there is any word, 0 otherwise.
    pub reading_minutes: usize,
}

impl Stats {
    pub(crate) fn of(c: Count) -> Self {
        let per_both = WORDS_PER_MINUTE * GLYPHS_PER_MINUTE;
        Stats {
            words: c.words + c.glyphs,
            reading_minutes: (c.words * GLYPHS_PER_MINUTE + c.glyphs * WORDS_PER_MINUTE)
                .div_ceil(per_both),
        }
    }
}

/// What [`WordCounter`] counts: space-separated words, and Chinese or
/// Japanese characters, which are read at another speed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Count {
    pub(crate) words: usize,
    pub(crate) glyphs: usize,
}

impl std::ops::AddAssign for Count {
    fn add_assign(&mut self, o: Count) {
        self.words += o.words;
        self.glyphs += o.glyphs;
    }
}

/// Han ideographs, kana: scripts written without spaces between words.
/// (Korean puts spaces between words, so Hangul counts as other letters.)
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // hiragana, katakana
        | 0x31F0..=0x31FF // katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF66..=0xFF9D // half-width katakana
        | 0x20000..=0x3134F // extensions B to G
    )
}

/// Counts the words a reader reads: Markdown text and inline code; not URLs,
/// markup, raw HTML, code blocks or template tags (shortcodes). A word is a run of
/// non-space characters holding at least one letter or digit.
pub fn stats(body: &str) -> Stats {
    stats_with(body, &RenderOptions::default())
}

/// [`stats`] as parsed with the preview's options (smart punctuation changes
/// the text events, and in rare malformed headings, what they hold): what
/// the preview's per-block counts add up to.
pub fn stats_with(body: &str, opts: &RenderOptions) -> Stats {
    let (src, _codes) = shortcodes::extract(body, opts.templates);
    let mut counter = WordCounter::default();
    for ev in Parser::new_ext(&src, super::dialect::options(opts.smart_punctuation)) {
        counter.event(&ev);
    }
    Stats::of(counter.take())
}

/// [`stats`]' counting, fed one parser event at a time (the source text with
/// shortcodes replaced by placeholders): the preview's renderer feeds it the
/// events it parses anyway, and keeps a count per block.
#[derive(Debug, Default)]
pub(crate) struct WordCounter {
    count: Count,
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
                    } else if is_cjk(c) {
                        self.flush();
                        self.count.glyphs += 1;
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
            self.count.words += 1;
        }
        self.in_word = false;
        self.word_has_alnum = false;
    }

    /// What was counted since the last take, the word being read included.
    pub(crate) fn take(&mut self) -> Count {
        self.flush();
        std::mem::take(&mut self.count)
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

    #[test]
    fn chinese_and_japanese_count_by_character() {
        // 4 + 3 characters and the word `Rust`; 8 + 1 characters and the
        // word `2024` (punctuation is no word).
        assert_eq!(stats("我喜欢用Rust写代码。").words, 8);
        assert_eq!(stats("日本語のテキスト、2024年").words, 10);
        // Korean separates words with spaces.
        assert_eq!(stats("한국어 문장입니다").words, 2);
        // 1000 characters at 500 a minute, plus 230 words at 230 a minute.
        let mixed = format!("{}\n\n{}", "字".repeat(1000), "word ".repeat(230));
        assert_eq!(
            stats(&mixed),
            Stats {
                words: 1230,
                reading_minutes: 3
            }
        );
        assert_eq!(stats(&"字".repeat(501)).reading_minutes, 2);
    }
}
