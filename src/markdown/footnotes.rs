//! Footnotes that go nowhere: a reference `[^x]` with no definition (the
//! generators print it as text, brackets and all) and a definition with
//! nothing in it (an empty note under the post). Both are warnings at the
//! line the writer sees in the Markdown box.
//!
//! A line scan, not a parse: it runs when typing pauses, on posts of any
//! size, and a post without `[^` costs one search. Fenced code and inline
//! code are skipped, as the renderer does; labels compare ignoring case.

use std::collections::HashSet;

/// At most this many are reported (the first ones): enough to see the kind.
const MAX_PROBLEMS: usize = 20;

/// A footnote problem at a 1-based line and column (characters) of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The footnote problems of `body`, in the order of the text.
pub fn footnote_problems(body: &str) -> Vec<FootnoteProblem> {
    if !body.contains("[^") {
        return Vec::new();
    }
    let lines = prose_lines(body);
    let mut defined = HashSet::new();
    let mut out = Vec::new();
    for (i, &(n, line)) in lines.iter().enumerate() {
        if let Some((label, rest)) = definition(line) {
            defined.insert(label.to_lowercase());
            // Its text may start on the next line, indented.
            let continued = lines.get(i + 1).is_some_and(|&(next, l)| {
                next == n + 1 && l.starts_with("    ") && !l.trim().is_empty()
            });
            if rest.trim().is_empty() && !continued {
                out.push(FootnoteProblem {
                    line: n,
                    column: 1,
                    message: format!(
                        "footnote [^{label}] is empty: write its note after the colon"
                    ),
                });
            }
        }
    }
    for &(n, line) in &lines {
        let skip = definition(line).map_or(0, |(label, _)| label.len() + 4);
        for (column, label) in references(line, skip) {
            if !defined.contains(&label.to_lowercase()) {
                out.push(FootnoteProblem {
                    line: n,
                    column,
                    message: format!(
                        "footnote [^{label}] has no definition: add a line `[^{label}]: …`, or it shows as text"
                    ),
                });
            }
        }
    }
    out.sort_by_key(|p| (p.line, p.column));
    out.truncate(MAX_PROBLEMS);
    out
}

/// The body's lines with their 1-based numbers, without fenced code
/// blocks, and with inline code blanked (so its `[^x]` is not read).
fn prose_lines(body: &str) -> Vec<(usize, &str)> {
    let mut fence: Option<(char, usize)> = None;
    let mut out = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let run = |c: char| trimmed.chars().take_while(|&x| x == c).count();
        let opener = ['`', '~'].into_iter().find(|&c| indent < 4 && run(c) >= 3);
        match (fence, opener) {
            (None, Some(c)) => fence = Some((c, run(c))),
            (Some((c, len)), Some(o))
                if o == c && run(c) >= len && trimmed.trim_end().chars().all(|x| x == c) =>
            {
                fence = None
            }
            (Some(_), _) => {}
            (None, None) => out.push((i + 1, line)),
        }
    }
    out
}

/// `[^label]: rest` at the start of a line (up to 3 spaces in).
fn definition(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let inner = t.strip_prefix("[^")?;
    let end = inner.find(']')?;
    let label = &inner[..end];
    let rest = inner[end + 1..].strip_prefix(':')?;
    valid_label(label).then_some((label, rest))
}

/// The `[^label]` references of `line` from byte `from` on, outside inline
/// code, with their 1-based columns (characters).
fn references(line: &str, from: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut in_code = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b'\\' => i += 1,
            b'[' if !in_code && i >= from && bytes.get(i + 1) == Some(&b'^') => {
                if let Some(end) = line[i + 2..].find(']') {
                    let label = &line[i + 2..i + 2 + end];
                    if valid_label(label) {
                        out.push((line[..i].chars().count() + 1, label));
                        i += 2 + end;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn valid_label(label: &str) -> bool {
    !label.is_empty() && !label.contains(char::is_whitespace) && !label.contains('[')
}

#[cfg(test)]
mod tests {
    use super::{footnote_problems, FootnoteProblem};

    fn found(body: &str) -> Vec<(usize, usize, String)> {
        footnote_problems(body)
            .into_iter()
            .map(
                |FootnoteProblem {
                     line,
                     column,
                     message,
                 }| (line, column, message),
            )
            .collect()
    }

    #[test]
    fn an_undefined_reference_is_a_warning_at_its_line_and_column() {
        let body = "Intro.\n\nA claim.[^1] Another.[^missing]\n\n[^1]: The source.\n";
        let p = found(body);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].0, p[0].1), (3, 22));
        assert!(
            p[0].2.contains("[^missing] has no definition"),
            "{}",
            p[0].2
        );
    }

    #[test]
    fn an_empty_definition_is_a_warning_at_its_line() {
        let body = "Text.[^a]\n\n[^a]:\n\nMore.\n";
        let p = found(body);
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].0, p[0].1), (3, 1));
        assert!(p[0].2.contains("[^a] is empty"));
        // Its note on the next line, indented, is not empty.
        assert!(found("Text.[^a]\n\n[^a]:\n    The note.\n").is_empty());
    }

    #[test]
    fn good_footnotes_code_and_escapes_are_not_warned_about() {
        for ok in [
            "No notes at all.\n",
            "Text.[^Note] Again.[^note]\n\n[^NOTE]: Labels ignore case.\n",
            "Use `[^x]` for a footnote.\n",
            "```\n[^x] in code\n```\n",
            "~~~~md\n[^x]:\n~~~~\n",
            "An escaped \\[^x] bracket.\n",
            "[^a]: A note that cites[^b].\n[^b]: Another.\nText[^a].\n",
            "Not a label: [^ x] or [^].\n",
        ] {
            assert!(found(ok).is_empty(), "{ok}: {:?}", found(ok));
        }
    }

    #[test]
    fn a_reference_inside_a_definition_is_checked_too() {
        let p = found("Text[^a].\n\n[^a]: See [^gone].\n");
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].0, p[0].1), (3, 11));
    }
}
