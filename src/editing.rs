//! Markdown editing commands (toolbar buttons and keyboard shortcuts) as pure
//! text transforms. The UI applies each [`Edit`] through the browser's own
//! editing machinery (`insertText`) so that undo/redo keeps working.
//!
//! Offsets are byte offsets into the UTF-8 text; [`crate::utf16`] converts
//! from and to a textarea's selection offsets.

mod blocks;
mod lists;
mod typed;

use std::ops::Range;

use blocks::{cycle_heading, fence, footnote, table};
use lists::{continue_list, indent, prefix_lines};
pub use typed::apply_typed;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Heading,
    Bold,
    Italic,
    Link,
    Image,
    Code,
    Quote,
    BulletList,
    NumberedList,
    TaskList,
    Table,
    Footnote,
    Indent,
    Outdent,
    /// Enter: continue the list item the cursor is in (or end the list on an empty item).
    Newline,
}

impl Action {
    /// Toolbar buttons, in display order, with their accessible names and shortcuts.
    pub const TOOLBAR: [(Action, &'static str, Option<&'static str>); 12] = [
        (Action::Heading, "Heading", None),
        (Action::Bold, "Bold", Some("Ctrl+B")),
        (Action::Italic, "Italic", Some("Ctrl+I")),
        (Action::Link, "Link", Some("Ctrl+K")),
        (Action::Image, "Image", None),
        (Action::Code, "Code", None),
        (Action::Quote, "Quote", None),
        (Action::BulletList, "Bulleted list", None),
        (Action::NumberedList, "Numbered list", None),
        (Action::TaskList, "Task list", None),
        (Action::Table, "Table", None),
        (Action::Footnote, "Footnote", None),
    ];
}

/// Replace `range` of the current text with `insert`; afterwards select
/// `select` (offsets in the text after this edit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub insert: String,
    pub select: Range<usize>,
}

impl Edit {
    /// Applies the edit to `text` (used natively and by tests; the browser applies it itself).
    pub fn apply_to(&self, text: &mut String) {
        text.replace_range(self.range.clone(), &self.insert);
    }
}

/// The edits (to apply in order) that perform `action` on `text` with the
/// selection `sel`. Empty when the action does not apply (e.g. Newline outside
/// a list, which the browser then handles normally).
pub fn edits(action: Action, text: &str, sel: Range<usize>) -> Vec<Edit> {
    let sel = clamp(text, sel);
    match action {
        Action::Bold => vec![wrap(text, sel, "**", "**", "bold text")],
        Action::Italic => vec![wrap(text, sel, "_", "_", "italic text")],
        Action::Code => {
            if text[sel.clone()].contains('\n') {
                fence(text, sel)
            } else {
                vec![wrap(text, sel, "`", "`", "code")]
            }
        }
        Action::Link => vec![link(text, sel, "", "link text")],
        Action::Image => vec![link(text, sel, "!", "alt text")],
        Action::Heading => vec![cycle_heading(text, sel)],
        Action::Quote => vec![prefix_lines(text, sel, |_| "> ".to_string())],
        Action::BulletList => vec![prefix_lines(text, sel, |_| "- ".to_string())],
        Action::NumberedList => vec![prefix_lines(text, sel, |i| format!("{}. ", i + 1))],
        Action::TaskList => vec![prefix_lines(text, sel, |_| "- [ ] ".to_string())],
        Action::Table => vec![table(text, sel)],
        Action::Footnote => footnote(text, sel),
        Action::Indent => indent(text, sel, true),
        Action::Outdent => indent(text, sel, false),
        Action::Newline => continue_list(text, sel),
    }
}

/// Is `s` one absolute web address and nothing else (what a copied link is)?
pub fn is_web_address(s: &str) -> bool {
    let s = s.trim();
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty() && !r.contains(char::is_whitespace) && !r.contains(['<', '>'])
    })
}

/// Pasting a web address over a selection: `[selection](address)`, the caret
/// after it. `None` when the selection is not plain link text (it spans
/// lines, holds brackets, or is itself an address), so the paste replaces it.
pub fn paste_link(text: &str, sel: Range<usize>, pasted: &str) -> Option<Edit> {
    let sel = clamp(text, sel);
    let label = &text[sel.clone()];
    if label.trim().is_empty()
        || label.contains(['\n', '[', ']'])
        || is_web_address(label)
        || !is_web_address(pasted)
    {
        return None;
    }
    let insert = format!("[{label}]({})", pasted.trim());
    let end = sel.start + insert.len();
    Some(Edit {
        range: sel,
        insert,
        select: end..end,
    })
}

fn clamp(text: &str, sel: Range<usize>) -> Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (fix(sel.start), fix(sel.end));
    a.min(b)..a.max(b)
}

fn line_start(text: &str, i: usize) -> usize {
    text[..i].rfind('\n').map_or(0, |n| n + 1)
}

fn line_end(text: &str, i: usize) -> usize {
    text[i..].find('\n').map_or(text.len(), |n| i + n)
}

/// Wraps the selection in `open`/`close`, or unwraps it when already wrapped;
/// with nothing selected inserts a selected placeholder.
fn wrap(text: &str, sel: Range<usize>, open: &str, close: &str, placeholder: &str) -> Edit {
    let inner = &text[sel.clone()];
    let before = &text[..sel.start];
    let after = &text[sel.end..];
    if before.ends_with(open) && after.starts_with(close) && !inner.is_empty() {
        let range = sel.start - open.len()..sel.end + close.len();
        let start = range.start;
        return Edit {
            range,
            insert: inner.to_string(),
            select: start..start + inner.len(),
        };
    }
    // The selection may take in the markers too (a double-click and drag, or
    // select-all on `**word**`): pressing Bold again then takes them off.
    if inner.len() > open.len() + close.len() && inner.starts_with(open) && inner.ends_with(close) {
        let bare = &inner[open.len()..inner.len() - close.len()];
        return Edit {
            range: sel.clone(),
            insert: bare.to_string(),
            select: sel.start..sel.start + bare.len(),
        };
    }
    let body = if inner.is_empty() { placeholder } else { inner };
    let insert = format!("{open}{body}{close}");
    let start = sel.start + open.len();
    Edit {
        range: sel.clone(),
        insert,
        select: start..start + body.len(),
    }
}

fn link(text: &str, sel: Range<usize>, bang: &str, placeholder: &str) -> Edit {
    let inner = &text[sel.clone()];
    let looks_like_url =
        inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with('/');
    if looks_like_url && !inner.contains(char::is_whitespace) {
        let insert = format!("{bang}[{placeholder}]({inner})");
        let start = sel.start + bang.len() + 1;
        return Edit {
            range: sel.clone(),
            insert,
            select: start..start + placeholder.len(),
        };
    }
    let label = if inner.is_empty() { placeholder } else { inner };
    let url = "https://";
    let insert = format!("{bang}[{label}]({url})");
    let start = sel.start + bang.len() + label.len() + 3;
    Edit {
        range: sel,
        insert,
        select: start..start + url.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_edits_apply_where_the_caret_says() {
        let len = |s: &str| s.encode_utf16().count();
        let t = "héllo 😀 wörld";
        // Typing "x" after "hé": caret 3, one unit longer.
        assert_eq!(
            apply_typed(t, len(t), len(t) + 1, 3, "x").as_deref(),
            Some("héxllo 😀 wörld")
        );
        // Backspace over the emoji (two units): caret at its start.
        assert_eq!(
            apply_typed(t, len(t), len(t) - 2, 6, "").as_deref(),
            Some("héllo  wörld")
        );
        // Typing over a selection "llo" with "LL".
        assert_eq!(
            apply_typed(t, len(t), len(t) - 1, 4, "LL").as_deref(),
            Some("héLL 😀 wörld")
        );
        // A line break at the end.
        assert_eq!(
            apply_typed(t, len(t), len(t) + 1, len(t) + 1, "\n").as_deref(),
            Some("héllo 😀 wörld\n")
        );
        // Numbers that do not fit: inside the surrogate pair, past the end,
        // more removed than there was, CRs.
        assert_eq!(apply_typed(t, len(t), len(t) + 1, 8, "x"), None);
        assert_eq!(apply_typed(t, len(t), len(t) + 1, len(t) + 5, "x"), None);
        assert_eq!(apply_typed(t, 5, 3, 4, ""), None);
        assert_eq!(apply_typed("a\r\nb", 4, 5, 1, "x"), None);
        assert_eq!(apply_typed(t, len(t), len(t) + 2, 3, "\r\n"), None);
    }

    /// Runs an action on text where `|` marks the caret or `[`..`]` the selection.
    fn run(action: Action, marked: &str) -> String {
        let (text, sel) = unmark(marked);
        let mut out = text.clone();
        let es = edits(action, &text, sel);
        let mut last = None;
        for e in es {
            e.apply_to(&mut out);
            last = Some(e.select);
        }
        match last {
            Some(s) if s.is_empty() => format!("{}|{}", &out[..s.start], &out[s.start..]),
            Some(s) => format!("{}[{}]{}", &out[..s.start], &out[s.clone()], &out[s.end..]),
            None => "unchanged".to_string(),
        }
    }

    fn unmark(marked: &str) -> (String, Range<usize>) {
        if let Some(i) = marked.find('|') {
            let text = marked.replacen('|', "", 1);
            return (text, i..i);
        }
        let a = marked.find('[').unwrap();
        let b = marked.find(']').unwrap() - 1;
        (marked.replacen('[', "", 1).replacen(']', "", 1), a..b)
    }

    #[test]
    fn bold_and_italic_wrap_and_unwrap() {
        assert_eq!(run(Action::Bold, "a [word] b"), "a **[word]** b");
        assert_eq!(run(Action::Bold, "a **[word]** b"), "a [word] b");
        assert_eq!(run(Action::Bold, "a [**word**] b"), "a [word] b");
        assert_eq!(run(Action::Italic, "[_**word**_]"), "[**word**]");
        assert_eq!(
            run(Action::Bold, "[****]"),
            "**[****]**",
            "markers alone are text to wrap"
        );
        assert_eq!(run(Action::Bold, "a |"), "a **[bold text]**");
        assert_eq!(run(Action::Italic, "[x]"), "_[x]_");
    }

    #[test]
    fn pasting_an_address_over_a_selection_makes_a_link() {
        let paste = |marked: &str, pasted: &str| {
            let (text, sel) = unmark(marked);
            paste_link(&text, sel, pasted).map(|e| {
                let mut out = text.clone();
                e.apply_to(&mut out);
                format!("{}|{}", &out[..e.select.start], &out[e.select.start..])
            })
        };
        let url = "https://example.com/a?b=c#d";
        assert_eq!(
            paste("see [the docs] now", url).as_deref(),
            Some("see [the docs](https://example.com/a?b=c#d)| now")
        );
        assert_eq!(
            paste("[x]", " http://x.org\n").as_deref(),
            Some("[x](http://x.org)|")
        );
        // Otherwise the paste is an ordinary one.
        assert_eq!(paste("see |", url), None, "nothing selected");
        assert_eq!(paste("[two\nlines]", url), None);
        assert_eq!(paste("[a [b] c]", url), None);
        assert_eq!(
            paste("[https://old.org]", url),
            None,
            "an address replaced by another"
        );
        assert_eq!(paste("[x]", "two words"), None);
        assert_eq!(paste("[x]", "javascript:alert(1)"), None);
        assert_eq!(paste("[x]", "https://a.org b"), None);
    }

    #[test]
    fn link_selects_the_url_to_type_over() {
        assert_eq!(run(Action::Link, "see [docs]"), "see [docs]([https://])");
        assert_eq!(
            run(Action::Link, "[https://x.org]"),
            "[[link text]](https://x.org)"
        );
        assert_eq!(run(Action::Image, "|"), "![alt text]([https://])");
    }

    #[test]
    fn code_is_inline_or_fenced() {
        assert_eq!(run(Action::Code, "run [ls]"), "run `[ls]`");
        assert_eq!(run(Action::Code, "[a\nb]"), "```|\na\nb\n```");
    }

    #[test]
    fn headings_cycle() {
        assert_eq!(run(Action::Heading, "Ti|tle"), "## Title|");
        assert_eq!(run(Action::Heading, "## Ti|tle"), "### Title|");
        assert_eq!(run(Action::Heading, "#### T|"), "# T|");
        assert_eq!(run(Action::Heading, "# T|"), "T|");
    }

    #[test]
    fn line_prefixes_toggle_and_switch() {
        assert_eq!(run(Action::BulletList, "[a\nb]"), "[- a\n- b]");
        assert_eq!(run(Action::BulletList, "[- a\n- b]"), "[a\nb]");
        assert_eq!(run(Action::NumberedList, "[- a\n- b]"), "[1. a\n2. b]");
        assert_eq!(run(Action::TaskList, "x|"), "- [ ] x|");
        assert_eq!(
            run(Action::Quote, "one\n[two]\nthree"),
            "one\n[> two]\nthree"
        );
    }

    #[test]
    fn enter_continues_and_ends_lists() {
        assert_eq!(run(Action::Newline, "- a|"), "- a\n- |");
        assert_eq!(run(Action::Newline, "  9. a|"), "  9. a\n  10. |");
        assert_eq!(run(Action::Newline, "- [x] done|"), "- [x] done\n- [ ] |");
        assert_eq!(run(Action::Newline, "x\n- |"), "x\n\n|");
        assert_eq!(run(Action::Newline, "> quoted|"), "> quoted\n> |");
        // An empty quote line ends the quote the same way.
        assert_eq!(run(Action::Newline, "> quoted\n> |"), "> quoted\n\n|");
        assert_eq!(run(Action::Newline, "> quoted\n>|"), "unchanged");
        assert_eq!(run(Action::Newline, "plain|"), "unchanged");
    }

    #[test]
    fn tab_indents_list_items_only() {
        assert_eq!(run(Action::Indent, "- a\n- b|"), "- a\n  - b|");
        assert_eq!(run(Action::Outdent, "- a\n  - b|"), "- a\n- b|");
        assert_eq!(run(Action::Indent, "plain|"), "unchanged");
        assert_eq!(run(Action::Outdent, "- top|"), "unchanged");
    }

    #[test]
    fn footnote_adds_reference_and_definition() {
        let out = run(Action::Footnote, "Claim|.\n");
        assert_eq!(out, "Claim[^1].\n\n[^1]: [Footnote text.]\n");
        let out = run(Action::Footnote, "A[^1] B|\n\n[^1]: x\n");
        assert!(
            out.contains("B[^2]") && out.ends_with("[^2]: [Footnote text.]\n"),
            "{out}"
        );
    }

    #[test]
    fn table_template_on_its_own_lines() {
        assert_eq!(
            run(Action::Table, "text|"),
            "text\n\n| [Column] | Column |\n| ------ | ------ |\n| Cell   | Cell   |\n"
        );
    }

    #[test]
    fn block_insertions_start_a_block_of_their_own() {
        // After a list item a table needs a blank line, or it is the item's text.
        assert_eq!(
            run(Action::Table, "- item\n|"),
            "- item\n\n| [Column] | Column |\n| ------ | ------ |\n| Cell   | Cell   |\n"
        );
        // After a blank line nothing is added; text right after gets one too.
        assert_eq!(
            run(Action::Table, "para\n\n|next"),
            "para\n\n| [Column] | Column |\n| ------ | ------ |\n| Cell   | Cell   |\n\nnext"
        );
        // A code block made of lines under a list item.
        assert_eq!(
            run(Action::Code, "- item\n[a\nb]"),
            "- item\n\n```|\na\nb\n```"
        );
        assert_eq!(
            run(Action::Code, "[a\nb]\nafter"),
            "```|\na\nb\n```\n\nafter"
        );
    }

    /// What the writer means is what the preview shows: after ending a list
    /// or quote with Enter, the next paragraph stands alone; a table, code
    /// block, heading or quote inserted under a list item is not the item's text.
    #[test]
    fn what_the_commands_leave_renders_as_meant() {
        let html = |t: &str| crate::markdown::render_html(t, &Default::default());
        let typed = |start: &str, then: &str| {
            let mut t = start.to_string();
            let end = t.len();
            for e in edits(Action::Newline, start, end..end) {
                e.apply_to(&mut t);
            }
            t + then
        };
        let out = html(&typed("- Hugo\n- Jekyll\n- ", "That is all."));
        assert!(out.contains("</ul>\n<p>That is all.</p>"), "{out}");
        let out = html(&typed("> A quote\n> ", "That is all."));
        assert!(out.contains("</blockquote>\n<p>That is all.</p>"), "{out}");

        let applied = |action: Action, marked: &str| {
            let (mut t, sel) = unmark(marked);
            for e in edits(action, &t.clone(), sel) {
                e.apply_to(&mut t);
            }
            html(&t)
        };
        let out = applied(Action::Table, "- item\n|");
        assert!(out.contains("</ul>\n<table>"), "{out}");
        let out = applied(Action::Code, "- item\n[a\nb]");
        assert!(out.contains("</ul>\n<pre>"), "{out}");
        let out = applied(Action::Heading, "- item\n[Title]");
        assert!(out.contains("</ul>\n<h2"), "{out}");
        let out = applied(Action::Quote, "- item\n[Said]");
        assert!(out.contains("</ul>\n<blockquote>"), "{out}");
    }

    #[test]
    fn never_panics_on_odd_selections() {
        let t = "é- [ ] x\n\n|> y\n1) z";
        for a in Action::TOOLBAR.iter().map(|x| x.0).chain([
            Action::Indent,
            Action::Outdent,
            Action::Newline,
        ]) {
            for s in 0..=t.len() + 2 {
                for e in [0, s, t.len() + 5] {
                    let mut out = t.to_string();
                    for ed in edits(a, t, s..e) {
                        assert!(ed.range.end <= out.len());
                        ed.apply_to(&mut out);
                    }
                }
            }
        }
    }
}
