//! Revisions as history, not as a log of pauses: which saves a revision
//! stands for, and how each is labelled.
//!
//! Autosave writes after every pause in typing, and each save replaces a
//! version. Kept one by one, those versions would be dozens of revisions a
//! minute apart that nobody can tell from each other. So a replaced version
//! joins the newest revision (taking its place: the revision holds the
//! latest text of its stretch) while it is of the same editing session (the
//! same tab) and within [`REVISION_SPAN_MS`] of the revision's first save;
//! otherwise it starts a revision of its own. The oldest kept revision of
//! a post with a file (imported, from a folder, named) is never joined: it
//! is what the draft began as, the common ancestor a re-import of the file
//! merges from, so it keeps that text. Each revision is labelled by
//! what changed since the revision before it (`+120 words, title changed`).

use crate::post::Post;
use crate::wording::counted;

/// A revision stands for at most this long of editing in one session.
pub const REVISION_SPAN_MS: u64 = 5 * 60_000;

/// The newest revision, as far as joining it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch<'a> {
    /// The first save the revision stands for.
    pub since_ms: u64,
    /// The tab (session) that wrote it.
    pub writer: &'a str,
    /// It is the oldest kept revision of a post with a file (what the
    /// draft began as: a re-import's common ancestor).
    pub oldest: bool,
}

/// Whether a version saved at `saved_ms` by `writer` joins the newest
/// revision `last` instead of starting one of its own.
pub fn joins(last: Option<Stretch<'_>>, saved_ms: u64, writer: &str) -> bool {
    last.is_some_and(|last| {
        !last.oldest
            && last.writer == writer
            && saved_ms >= last.since_ms
            && saved_ms - last.since_ms < REVISION_SPAN_MS
    })
}

/// What a label compares: a version's title and word count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    pub title: String,
    pub words: usize,
}

/// Bodies up to this long are counted as the status line counts them;
/// longer ones by a plain scan (a Markdown parse of each long revision
/// would cost a save tens of milliseconds).
const PARSED_COUNT_BYTES: usize = 64 * 1024;

/// The words of the post's body in `text`: as the editor's status line
/// counts them, or for a long post the runs of non-space characters
/// holding a letter or digit (close to it; Markdown's marks are not words).
pub fn word_count(text: &str) -> usize {
    let post = Post::parse(text);
    let body = post.body();
    if body.len() <= PARSED_COUNT_BYTES {
        return crate::markdown::stats(body).words;
    }
    body.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// What changed from `older` to `newer` (`+120 words, title changed`); the
/// oldest revision (no `older`) says how long it is.
pub fn change_label(older: Option<&Sketch>, newer: &Sketch) -> String {
    let Some(older) = older else {
        return format!("first kept, {}", counted(newer.words, "word", "words"));
    };
    let mut parts = Vec::new();
    let (n, o) = (newer.words, older.words);
    if n > o {
        parts.push(format!("+{}", counted(n - o, "word", "words")));
    } else if n < o {
        parts.push(format!("−{}", counted(o - n, "word", "words")));
    }
    if newer.title.trim() != older.title.trim() {
        parts.push("title changed".to_string());
    }
    if parts.is_empty() {
        "edited".to_string()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    fn at(since_ms: u64, writer: &str) -> Option<Stretch<'_>> {
        Some(Stretch {
            since_ms,
            writer,
            oldest: false,
        })
    }

    #[test]
    fn what_the_draft_began_as_is_never_joined() {
        let first = Some(Stretch {
            since_ms: 10 * MIN,
            writer: "tab",
            oldest: true,
        });
        assert!(!joins(first, 10 * MIN + 2_000, "tab"));
    }

    #[test]
    fn saves_a_few_seconds_apart_are_one_revision() {
        // Autosave after each pause: 2 s, 9 s, 40 s, 4 min after the first.
        for later in [2_000, 9_000, 40_000, 4 * MIN] {
            assert!(joins(at(10 * MIN, "tab"), 10 * MIN + later, "tab"));
        }
    }

    #[test]
    fn a_few_minutes_of_editing_start_the_next_revision() {
        assert!(!joins(at(10 * MIN, "tab"), 15 * MIN, "tab"));
        assert!(!joins(at(10 * MIN, "tab"), 60 * MIN, "tab"));
    }

    #[test]
    fn another_session_starts_a_revision_at_once() {
        assert!(!joins(at(10 * MIN, "tab-1"), 10 * MIN + 1_000, "tab-2"));
    }

    #[test]
    fn the_first_revision_and_a_clock_gone_back_start_their_own() {
        assert!(!joins(None, 5, "tab"));
        assert!(!joins(at(10 * MIN, "tab"), 9 * MIN, "tab"));
    }

    fn sketch(title: &str, words: usize) -> Sketch {
        Sketch {
            title: title.into(),
            words,
        }
    }

    #[test]
    fn labels_say_what_changed() {
        let a = sketch("Hello", 100);
        assert_eq!(change_label(None, &a), "first kept, 100 words");
        assert_eq!(change_label(Some(&a), &sketch("Hello", 220)), "+120 words");
        assert_eq!(change_label(Some(&a), &sketch("Hello", 99)), "−1 word");
        assert_eq!(
            change_label(Some(&a), &sketch("Hello, world", 101)),
            "+1 word, title changed"
        );
        assert_eq!(change_label(Some(&a), &sketch("Hello", 100)), "edited");
        assert_eq!(
            change_label(Some(&a), &sketch(" Hello ", 100)),
            "edited",
            "spaces around a title are not a change"
        );
    }

    #[test]
    fn words_are_those_of_the_body() {
        assert_eq!(
            word_count("---\ntitle: A long title here\n---\nTwo words.\n"),
            2
        );
        assert_eq!(word_count(""), 0);
        // A long post by a plain scan: the marks are not words.
        let long = "- one *two* [three](x)\n".repeat(4000);
        assert!(long.len() > PARSED_COUNT_BYTES);
        assert_eq!(word_count(&long), 3 * 4000);
    }
}
