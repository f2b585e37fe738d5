//! What the `Raw front matter` box shows while the user types in it.
//!
//! The post keeps its front matter ending in a line break
//! ([`Post::set_front_matter`](super::Post::set_front_matter) adds one, and
//! turns `\n` into the post's `\r\n`). Showing the post's text back in the box
//! on every keystroke would put that added line break before the caret, so
//! each typed character would land on a line of its own. The box therefore
//! shows what the user typed as long as it stands for the post's front matter,
//! and the post's own text once anything else changed it (a form edit, an
//! undo, another draft).

use super::{Diagnostic, Post};

/// A problem as the box shows it: its line and column counted from the
/// box's first line (the front matter's, not the file's: the delimiter
/// line above it is not in the box).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxPosition {
    pub line: usize,
    pub column: usize,
}

/// Where `d` (in file coordinates) is in the box showing `post`'s front
/// matter; `None` when it is not in the front matter (the body's, or a
/// post without front matter).
pub fn box_position(post: &Post, d: &Diagnostic) -> Option<BoxPosition> {
    if post.format() == super::Format::None {
        return None;
    }
    let front = post.front_matter();
    let first = post.front_start_line_offset() + 1;
    // The reader stops past the end of the front matter (at the closing
    // delimiter): that is the end of the box's last line.
    let lines = front.lines().count().max(1);
    let last = first + lines - 1;
    (first..=last + 1)
        .contains(&d.line)
        .then(|| match d.line > last {
            true => BoxPosition {
                line: lines,
                column: front.lines().last().map_or(0, |l| l.chars().count()) + 1,
            },
            false => BoxPosition {
                line: d.line + 1 - first,
                column: d.column,
            },
        })
}

/// The UTF-16 range (as a textarea selects) of 1-based `line` of `text`,
/// without its line break; past the end, the end.
pub fn line_range_utf16(text: &str, line: usize) -> (usize, usize) {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[start..];
    let end = start + rest.find('\n').unwrap_or(rest.len());
    let rest_end = end - usize::from(text[..end].ends_with('\r'));
    (
        crate::utf16::from_byte(text, start),
        crate::utf16::from_byte(text, rest_end),
    )
}

/// The text for the box: `typed` (the box's last value, if the user typed
/// in it) when normalizing it gives `front_matter`, else `front_matter`.
pub fn raw_box_text<'a>(typed: Option<&'a str>, front_matter: &'a str) -> &'a str {
    match typed {
        Some(typed) if stands_for(typed, front_matter) => typed,
        _ => front_matter,
    }
}

/// Whether `typed`, with the line break the post adds and its line endings,
/// is `front_matter`.
fn stands_for(typed: &str, front_matter: &str) -> bool {
    let unify = |s: &str| s.replace("\r\n", "\n");
    let (typed, front) = (unify(typed), unify(front_matter));
    typed == front || (!typed.ends_with('\n') && front.strip_suffix('\n') == Some(typed.as_str()))
}

#[cfg(test)]
mod tests {
    use super::{box_position, line_range_utf16, raw_box_text, BoxPosition};
    use crate::post::Post;

    fn problem_in_box(text: &str) -> Option<BoxPosition> {
        let post = Post::parse(text);
        let d = post.fields().expect_err("broken");
        box_position(&post, &d)
    }

    #[test]
    fn a_problem_is_placed_on_the_line_the_box_shows_it() {
        // The file's line 3 is the box's line 2: `---` is not in the box.
        assert_eq!(
            problem_in_box("---\ntitle: Hi\ntags: [a\n---\nBody\n"),
            Some(BoxPosition { line: 2, column: 7 })
        );
        // An unclosed quote: where it opens, not where the reader stopped.
        assert_eq!(
            problem_in_box("---\ntitle: \"Moving\ndate: 2026-01-02\n---\nBody\n"),
            Some(BoxPosition { line: 1, column: 8 })
        );
        // Blank lines before `+++` belong to the opening, not to the box.
        let toml = Post::parse("\n\n+++\ntitle = \"Hi\"\nx = = 1\n+++\nBody\n");
        let d = toml.fields().expect_err("broken");
        assert_eq!(box_position(&toml, &d).map(|p| p.line), Some(2));
    }

    #[test]
    fn an_error_at_the_end_is_at_the_end_of_the_boxs_last_line() {
        let post = Post::parse("---\na: 1\nb: 2\n---\n");
        let d = crate::post::Diagnostic {
            severity: crate::post::Severity::Error,
            message: String::new(),
            line: 4,
            column: 1,
            key: None,
            fix: None,
        };
        assert_eq!(
            box_position(&post, &d),
            Some(BoxPosition { line: 2, column: 5 })
        );
        let body = crate::post::Diagnostic { line: 9, ..d };
        assert_eq!(box_position(&post, &body), None);
    }

    #[test]
    fn a_line_is_selected_in_utf16_units() {
        let text = "a: é\nb: 😀x\r\nc: 1";
        assert_eq!(line_range_utf16(text, 1), (0, 4));
        assert_eq!(line_range_utf16(text, 2), (5, 11));
        assert_eq!(line_range_utf16(text, 3), (13, 17));
        assert_eq!(line_range_utf16(text, 9), (17, 17));
    }

    /// Types `keys` one by one into the box as a browser would (at the end),
    /// each time handing the box's value to the post and showing it back.
    fn type_into(post: &mut Post, keys: &str) -> String {
        let mut shown = post.front_matter().to_string();
        for c in keys.chars() {
            let typed = format!("{shown}{c}");
            post.set_front_matter(&typed);
            shown = raw_box_text(Some(&typed), post.front_matter()).to_string();
        }
        shown
    }

    #[test]
    fn typing_at_the_end_of_a_new_post_stays_on_one_line() {
        let mut post = Post::parse("Body\n");
        assert_eq!(type_into(&mut post, "tags: [hugo]"), "tags: [hugo]");
        assert_eq!(post.front_matter(), "tags: [hugo]\n");
        assert_eq!(post.to_string(), "---\ntags: [hugo]\n---\nBody\n");
    }

    #[test]
    fn typing_after_the_last_line_of_an_existing_front_matter() {
        let mut post = Post::parse("---\ntitle: Hi\n---\nBody\n");
        assert_eq!(type_into(&mut post, "tags: [a]"), "title: Hi\ntags: [a]");
        assert_eq!(post.to_string(), "---\ntitle: Hi\ntags: [a]\n---\nBody\n");
    }

    #[test]
    fn crlf_posts_show_what_was_typed() {
        let mut post = Post::parse("---\r\ntitle: Hi\r\n---\r\nBody\r\n");
        let typed = "title: Hi\nx: 1";
        post.set_front_matter(&typed.replace('\n', "\r\n"));
        assert_eq!(raw_box_text(Some(typed), post.front_matter()), typed);
    }

    #[test]
    fn a_change_from_elsewhere_shows_the_posts_text() {
        // The form set a title after the user typed in the box.
        let front = "title: New\n";
        assert_eq!(raw_box_text(Some("title: Old"), front), front);
        assert_eq!(raw_box_text(None, front), front);
        // A typed trailing line break is the user's, and shown as such.
        assert_eq!(raw_box_text(Some("a: 1\n"), "a: 1\n"), "a: 1\n");
        assert_eq!(raw_box_text(Some("a: 1\n\n"), "a: 1\n"), "a: 1\n");
    }
}
