//! Where an unclosed quote or bracket of YAML front matter opens.
//!
//! A quote or a `[` left open runs to the end of the front matter, so the
//! YAML reader reports "unexpected end of stream" at the closing `---`,
//! lines below the mistake. The writer needs the place it opens: this scan
//! finds it, reading just enough YAML (quoted values, flow lists and maps,
//! comments, block scalars) to tell a quote that opens a value from an
//! apostrophe inside one (`title: It's here`).

/// What is left open: the character and its 1-based line and column
/// (in characters) in the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unclosed {
    pub opener: char,
    pub line: usize,
    pub column: usize,
}

impl Unclosed {
    /// What the writer is told, at the place it opens.
    pub fn message(&self) -> String {
        let what = match self.opener {
            '"' | '\'' => "quote",
            _ => "bracket",
        };
        format!(
            "YAML syntax error: the {what} {} that opens here is never closed",
            self.opener
        )
    }
}

/// The quote or bracket of `front` that is open at its end: the quote if
/// one is (everything after it is inside it), else the outermost bracket.
pub(crate) fn unclosed(front: &str) -> Option<Unclosed> {
    let mut quote: Option<Unclosed> = None;
    let mut brackets: Vec<Unclosed> = Vec::new();
    // Inside a block scalar (`|`, `>`): the indentation of the line that started it.
    let mut block: Option<usize> = None;
    for (i, line) in front.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        // The last significant character before this one, outside quotes:
        // a quote or bracket opens a value only after one of `:-[{,?`.
        let mut before: Option<char> = None;
        let mut prev = ' ';
        let mut chars = line.chars().enumerate().peekable();
        while let Some((col, c)) = chars.next() {
            if let Some(q) = quote {
                match c {
                    '\\' if q.opener == '"' => {
                        chars.next();
                    }
                    '\'' if q.opener == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                        chars.next();
                    }
                    c if c == q.opener => {
                        quote = None;
                        before = Some(c);
                    }
                    _ => {}
                }
                prev = c;
                continue;
            }
            let at_value_start = prev.is_whitespace() || matches!(prev, '[' | '{' | ',');
            let opens = at_value_start
                && (before.is_none() || matches!(before, Some(':' | '-' | '[' | '{' | ',' | '?')));
            let here = |opener| Unclosed {
                opener,
                line: i + 1,
                column: col + 1,
            };
            match c {
                '#' if prev.is_whitespace() => break,
                '"' | '\'' if opens => quote = Some(here(c)),
                '[' | '{' if opens || !brackets.is_empty() => brackets.push(here(c)),
                ']' | '}' if !brackets.is_empty() => {
                    let want = if c == ']' { '[' } else { '{' };
                    if brackets.last().is_some_and(|b| b.opener == want) {
                        brackets.pop();
                    }
                }
                '|' | '>' if opens && brackets.is_empty() => {
                    block = Some(indent);
                    break;
                }
                _ => {}
            }
            if !c.is_whitespace() {
                before = Some(c);
            }
            prev = c;
        }
    }
    quote.or_else(|| brackets.first().copied())
}

#[cfg(test)]
mod tests {
    use super::{unclosed, Unclosed};

    fn at(front: &str) -> Option<(char, usize, usize)> {
        unclosed(front).map(|u| (u.opener, u.line, u.column))
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let front = "title: \"Moving my blog\ndate: 2026-01-02\ntags: [hugo, jekyll\n";
        assert_eq!(at(front), Some(('"', 1, 8)));
        assert_eq!(at("a: 1\nb: 'it\n"), Some(('\'', 2, 4)));
        assert_eq!(at("- \"x\n"), Some(('"', 1, 3)));
    }

    #[test]
    fn an_unclosed_bracket_is_found_where_it_opens() {
        assert_eq!(
            at("title: Hi\ntags: [hugo, jekyll\ndate: 2026-01-02\n"),
            Some(('[', 2, 7))
        );
        assert_eq!(at("a: {b: [1, 2}\n"), Some(('{', 1, 4)));
        assert_eq!(at("a: [[1], [2]\n"), Some(('[', 1, 4)));
    }

    #[test]
    fn closed_ones_apostrophes_comments_and_block_scalars_are_not_reported() {
        for ok in [
            "title: \"Hello \\\" there\"\n",
            "title: 'It''s'\n",
            "title: It's here\n",
            "title: a \"quoted\" word\n",
            "tags: [a, \"b, c\", 'd']\n",
            "a: {b: [1, 2]}\n",
            "note: x # don't \"worry\n",
            "body: |\n  it's \"open [\n  still\nnext: 1\n",
            "title: \"two\n  lines\"\n",
            "url: https://x.org/a[1]\n",
        ] {
            assert_eq!(at(ok), None, "{ok}");
        }
    }

    #[test]
    fn the_message_says_what_is_open() {
        let u = Unclosed {
            opener: '"',
            line: 1,
            column: 8,
        };
        assert_eq!(
            u.message(),
            "YAML syntax error: the quote \" that opens here is never closed"
        );
        let b = Unclosed { opener: '[', ..u };
        assert!(b.message().contains("the bracket [ that opens here"));
    }
}
