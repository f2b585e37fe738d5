//! Words the editor shows that depend on a number ("1 draft", "2 drafts").

/// `count` and the noun, singular for one: `counted(1, "draft", "drafts")` is `1 draft`.
pub fn counted(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(counted(1, "draft", "drafts"), "1 draft");
        assert_eq!(counted(0, "draft", "drafts"), "0 drafts");
        assert_eq!(counted(2, "post", "posts"), "2 posts");
        assert_eq!(counted(1, "word", "words"), "1 word");
    }
}
