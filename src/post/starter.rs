//! What a new post starts with, and telling a post nobody has written in
//! yet: the editor replaces such a draft instead of keeping it beside the
//! next one (every first visit made one, and an import left it behind).

/// A new post: the fields every post needs, ready to fill, dated `today`.
pub fn starter(today: &str) -> String {
    format!("---\ntitle: \"\"\ndate: {today}\ndraft: true\n---\n\n")
}

/// Whether `text` is exactly a [`starter`] of some date: nothing in it was
/// typed, so nothing is lost without it. Any edit, even a space or a
/// changed date, makes it a post.
pub fn is_untouched_starter(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("---\ntitle: \"\"\ndate: ") else {
        return false;
    };
    let Some((date, tail)) = rest.split_once('\n') else {
        return false;
    };
    let is_date = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    is_date && tail == "draft: true\n---\n\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_untouched_starter_is_one() {
        assert!(is_untouched_starter(&starter("2026-11-30")));
        assert!(is_untouched_starter(&starter("1999-01-02")));
        for edited in [
            "---\ntitle: \"\"\ndate: 2026-11-30\ndraft: true\n---\n\nx",
            "---\ntitle: \"A\"\ndate: 2026-11-30\ndraft: true\n---\n\n",
            "---\ntitle: \"\"\ndate: 2026-11-31T10:00\ndraft: true\n---\n\n",
            "---\ntitle: \"\"\ndate: 2026-11-30\ndraft: false\n---\n\n",
            "---\ntitle: \"\"\ndate: 2026-11-30\ndraft: true\n---\n\n\n",
            "",
        ] {
            assert!(!is_untouched_starter(edited), "{edited:?}");
        }
    }
}
