//! What a new post starts with, and telling a post nobody has written in
//! yet: the editor replaces such a draft instead of keeping it beside the
//! next one (every first visit made one, and an import left it behind).

/// A new post: the fields every post needs, ready to fill, dated `today`.
pub fn starter(today: &str) -> String {
    format!("---\ntitle: \"\"\ndate: {today}\ndraft: true\n---\n\n")
}

/// Whether `text` is exactly a [`starter`] of some date, or what a
/// generator's own tooling writes for a new post ([`crate::presets::starter`])
/// at some moment: nothing in it was typed, so nothing is lost without it.
/// Any other edit, even a space or a date of another shape, makes it a post.
pub fn is_untouched_starter(text: &str) -> bool {
    use crate::export::Preset;
    use crate::presets::{starter as preset_starter, LocalNow};
    const ZERO: LocalNow<'static> = LocalNow {
        date: "0000-00-00",
        time: "00:00:00",
        offset: "+00:00",
    };
    // Short: a starter is a few lines (no copy of a long post is made).
    if text.len() > 160 {
        return false;
    }
    let shape = shape_of(text);
    shape == shape_of(&starter(ZERO.date))
        || Preset::ALL
            .into_iter()
            .any(|p| shape == shape_of(&preset_starter(p, ZERO)))
}

/// The text with every digit a `0` and every `+` a `-`: two starters
/// written at different moments (in different zones) have the same shape.
fn shape_of(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => '0',
            '+' => '-',
            c => c,
        })
        .collect()
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

    #[test]
    fn a_generators_own_starter_is_untouched_until_written_in() {
        use crate::export::Preset;
        use crate::presets::{starter, LocalNow};
        let now = LocalNow {
            date: "2026-12-04",
            time: "18:42:07",
            offset: "-05:30",
        };
        for p in Preset::ALL {
            let text = starter(p, now);
            assert!(is_untouched_starter(&text), "{p:?}: {text:?}");
            let titled = text.replacen("\"\"", "\"Hi\"", 1);
            assert!(!is_untouched_starter(&titled), "{p:?}: {titled:?}");
            assert!(!is_untouched_starter(&format!("{text}x")), "{p:?}");
        }
    }
}
