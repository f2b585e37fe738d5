//! List and quote commands: line prefixes toggled over the selection, Tab /
//! Shift+Tab on list items, and Enter continuing or ending a list.

use std::ops::Range;

use super::{line_end, line_start, Edit};

/// Toggles a line prefix (quote, list markers) on every line of the selection.
pub(super) fn prefix_lines(
    text: &str,
    sel: Range<usize>,
    prefix: impl Fn(usize) -> String,
) -> Edit {
    let start = line_start(text, sel.start);
    let last = if sel.end > sel.start && text[..sel.end].ends_with('\n') {
        sel.end - 1
    } else {
        sel.end
    };
    let end = line_end(text, last.max(start));
    let lines: Vec<&str> = text[start..end].split('\n').collect();
    let all_have = lines
        .iter()
        .enumerate()
        .all(|(i, l)| l.starts_with(&prefix(i)));
    let out: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let p = prefix(i);
            if all_have {
                l[p.len()..].to_string()
            } else {
                format!("{p}{}", strip_marker(l))
            }
        })
        .collect();
    let insert = out.join("\n");
    let select = if sel.is_empty() {
        let caret = start + insert.len();
        caret..caret
    } else {
        start..start + insert.len()
    };
    Edit {
        range: start..end,
        insert,
        select,
    }
}

/// A line without its list or quote marker (so switching list kinds does not stack markers).
fn strip_marker(line: &str) -> &str {
    let (_, marker, rest) = split_list_item(line);
    if marker.is_empty() {
        line.strip_prefix("> ").unwrap_or(line)
    } else {
        rest
    }
}

/// Splits a line into (indent, marker incl. trailing space, rest) when it is a list item.
fn split_list_item(line: &str) -> (&str, &str, &str) {
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let (indent, after) = line.split_at(indent_len);
    let b = after.as_bytes();
    let mut m = if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        2
    } else {
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=9).contains(&digits)
            && b.len() > digits + 1
            && matches!(b[digits], b'.' | b')')
            && b[digits + 1] == b' '
        {
            digits + 2
        } else {
            return (indent, "", after);
        }
    };
    if after[m..].starts_with("[ ] ")
        || after[m..].starts_with("[x] ")
        || after[m..].starts_with("[X] ")
    {
        m += 4;
    }
    (indent, &after[..m], &after[m..])
}

/// Tab / Shift+Tab on list items: indent or outdent every selected item by
/// its parent's marker width. Outside a list, Tab is left to the browser
/// (so keyboard users can still tab out of the editor).
pub(super) fn indent(text: &str, sel: Range<usize>, deeper: bool) -> Vec<Edit> {
    let start = line_start(text, sel.start);
    let end = line_end(text, sel.end.max(start));
    let block = &text[start..end];
    if !block
        .split('\n')
        .all(|l| !split_list_item(l).1.is_empty() || l.trim().is_empty())
    {
        return vec![];
    }
    let mut out = Vec::new();
    let mut delta_first: isize = 0;
    let mut delta_total: isize = 0;
    for (i, line) in block.split('\n').enumerate() {
        let (ind, marker, _) = split_list_item(line);
        let width = if marker.is_empty() {
            0
        } else {
            marker.trim_end_matches(|c| c != ' ').len().clamp(2, 4)
        };
        let new = if deeper {
            if marker.is_empty() {
                line.to_string()
            } else {
                format!("{}{line}", " ".repeat(width))
            }
        } else {
            let remove = ind.len().min(width.max(2)).min(ind.len());
            line[remove..].to_string()
        };
        let d = new.len() as isize - line.len() as isize;
        if i == 0 {
            delta_first = d;
        }
        delta_total += d;
        out.push(new);
    }
    if delta_total == 0 {
        return vec![];
    }
    let insert = out.join("\n");
    let s = (sel.start as isize + delta_first).max(start as isize) as usize;
    let e = (sel.end as isize + delta_total).max(s as isize) as usize;
    vec![Edit {
        range: start..end,
        insert,
        select: s..e,
    }]
}

/// Enter inside a list item continues the list; on an empty item it ends the list.
pub(super) fn continue_list(text: &str, sel: Range<usize>) -> Vec<Edit> {
    if !sel.is_empty() {
        return vec![];
    }
    let start = line_start(text, sel.start);
    let line = &text[start..line_end(text, sel.start)];
    let (indent, marker, rest) = split_list_item(line);
    let quote = if marker.is_empty() && line.starts_with("> ") {
        "> "
    } else {
        ""
    };
    if marker.is_empty() && quote.is_empty() {
        return vec![];
    }
    if sel.start < start + indent.len() + marker.len().max(quote.len()) {
        return vec![];
    }
    let empty_item = if quote.is_empty() {
        rest.trim().is_empty()
    } else {
        line.trim() == ">"
    };
    if empty_item {
        // An empty item ends the list or quote, as in GitHub's editor: the
        // marker goes and a blank line is left, so what is typed next is a
        // paragraph of its own, not a lazy continuation of the last item.
        let end = start + line.len();
        return vec![Edit {
            range: start..end,
            insert: "\n".to_string(),
            select: start + 1..start + 1,
        }];
    }
    let next_marker = if quote.is_empty() {
        next_list_marker(marker)
    } else {
        quote.to_string()
    };
    let insert = format!("\n{indent}{next_marker}");
    let caret = sel.start + insert.len();
    vec![Edit {
        range: sel.clone(),
        insert,
        select: caret..caret,
    }]
}

fn next_list_marker(marker: &str) -> String {
    let task = marker.ends_with("] ");
    let base = if task {
        &marker[..marker.len() - 4]
    } else {
        marker
    };
    let digits: String = base.chars().take_while(char::is_ascii_digit).collect();
    let base = if digits.is_empty() {
        base.to_string()
    } else {
        let n: u64 = digits.parse().unwrap_or(0);
        format!("{}{}", n + 1, &base[digits.len()..])
    };
    if task {
        format!("{base}[ ] ")
    } else {
        base
    }
}
