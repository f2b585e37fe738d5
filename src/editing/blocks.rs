//! Block commands: code fences, heading levels, tables and footnotes, with
//! the blank lines a block needs around it to stand on its own.

use std::ops::Range;

use super::{line_end, line_start, Edit};

pub(super) fn fence(text: &str, sel: Range<usize>) -> Vec<Edit> {
    let start = line_start(text, sel.start);
    let end = line_end(text, sel.end.saturating_sub(1).max(sel.start));
    let body = &text[start..end];
    let (lead, trail) = (block_lead(text, start), block_trail(text, end));
    let insert = format!("{lead}```\n{body}\n```{trail}");
    let caret = start + lead.len() + 3;
    vec![Edit {
        range: start..end,
        select: caret..caret,
        insert,
    }]
}

/// What a block inserted at line start `at` needs before it to stand as a
/// block of its own: a blank line after a non-blank line (after a list item a
/// table would otherwise be the item's text).
fn block_lead(text: &str, at: usize) -> &'static str {
    if at == 0 || text[..at].ends_with("\n\n") {
        ""
    } else if text[..at].ends_with('\n') {
        if text[line_start(text, at - 1)..at - 1].trim().is_empty() {
            ""
        } else {
            "\n"
        }
    } else {
        // Mid-line: end the line, then leave a blank one.
        "\n\n"
    }
}

/// What a block ending at `at` (its last character's end, no newline yet)
/// needs after it so that the text after stays a block of its own.
fn block_trail(text: &str, at: usize) -> &'static str {
    let after = &text[at..];
    match after.strip_prefix('\n') {
        None if after.is_empty() => "",
        None => "\n\n",
        Some(next) if next.is_empty() || next.starts_with('\n') => "",
        Some(next) if next[..line_end(next, 0)].trim().is_empty() => "",
        Some(_) => "\n",
    }
}

/// Heading level cycles: none -> ## -> ### -> #### -> # -> none (## first: # is the post title).
pub(super) fn cycle_heading(text: &str, sel: Range<usize>) -> Edit {
    let start = line_start(text, sel.start);
    let end = line_end(text, sel.start);
    let line = &text[start..end];
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = if hashes > 0 && line[hashes..].starts_with(' ') {
        &line[hashes + 1..]
    } else {
        line
    };
    let level = if hashes > 0 && line[hashes..].starts_with(' ') {
        hashes
    } else {
        0
    };
    let next = match level {
        0 => 2,
        1 => 0,
        6 => 1,
        n if n >= 4 => 1,
        n => n + 1,
    };
    let insert = if next == 0 {
        rest.to_string()
    } else {
        format!("{} {rest}", "#".repeat(next))
    };
    let caret = start + insert.len();
    Edit {
        range: start..end,
        insert,
        select: caret..caret,
    }
}

pub(super) fn table(text: &str, sel: Range<usize>) -> Edit {
    let lead = block_lead(text, sel.start);
    // The template ends its last row with a newline; a non-blank line right
    // after it would be read as another row, so it gets a blank line too.
    let trail = match text[sel.end..].chars().next() {
        None | Some('\n') => "",
        Some(_) => "\n",
    };
    let insert =
        format!("{lead}| Column | Column |\n| ------ | ------ |\n| Cell   | Cell   |\n{trail}");
    let start = sel.start + lead.len() + 2;
    Edit {
        range: sel,
        insert,
        select: start..start + "Column".len(),
    }
}

/// Inserts a reference `[^n]` at the cursor and its definition at the end of the text.
pub(super) fn footnote(text: &str, sel: Range<usize>) -> Vec<Edit> {
    let n = (1..)
        .find(|n| !text.contains(&format!("[^{n}]")))
        .unwrap_or(1);
    let reference = format!("[^{n}]");
    let sep = if text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let definition = format!("{sep}[^{n}]: ");
    let note = "Footnote text.";
    let end = text.len();
    // The definition first (at the end), so the reference's offsets stay valid;
    // the final selection is the note's placeholder text.
    let def_start = end + definition.len() + reference.len();
    vec![
        Edit {
            range: end..end,
            insert: format!("{definition}{note}\n"),
            select: end..end,
        },
        Edit {
            range: sel.end..sel.end,
            insert: reference.clone(),
            select: def_start..def_start + note.len(),
        },
    ]
}
