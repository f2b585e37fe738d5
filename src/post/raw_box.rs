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
    use super::raw_box_text;
    use crate::post::Post;

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
