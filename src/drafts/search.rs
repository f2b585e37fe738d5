//! Which drafts a search in the drafts panel finds: a blogger looking for
//! "that post about Hugo" may remember a word of its text, a tag or who
//! wrote it, not its title.

use crate::post::{Post, Value};

/// Whether the draft titled `title` with text `text` matches `query`:
/// every word of the query (ignoring case) is in the title, the body, or
/// a value of the front matter (tags, author, description…). Keys are not
/// searched: `title` would find every draft. A blank query matches all.
pub fn matches(query: &str, title: &str, text: &str) -> bool {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return true;
    }
    let post = Post::parse(text);
    let mut haystack = title.to_lowercase();
    haystack.push('\n');
    haystack.push_str(&post.body().to_lowercase());
    for field in post.fields().unwrap_or_default() {
        push_value(&mut haystack, &field.value);
    }
    words.iter().all(|w| haystack.contains(w.as_str()))
}

fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push_str(&format!("\n{b}")),
        Value::Number(s) | Value::String(s) | Value::Raw(s) => {
            out.push('\n');
            out.push_str(&s.to_lowercase());
        }
        Value::List(items) => items.iter().for_each(|v| push_value(out, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    const POST: &str = "---\ntitle: Moving my blog\nauthor: Ada Lovelace\ntags: [hugo, static-sites]\n---\nI left WordPress for a generator.\n";

    #[test]
    fn finds_a_word_of_the_title_body_tags_or_author() {
        for q in [
            "moving",
            "WORDPRESS",
            "hugo",
            "static-sites",
            "lovelace",
            "ada hugo",
        ] {
            assert!(matches(q, "Moving my blog", POST), "{q}");
        }
    }

    #[test]
    fn every_word_must_be_found_and_keys_are_not_searched() {
        assert!(!matches("hugo jekyll", "Moving my blog", POST));
        assert!(!matches("author", "Moving my blog", POST));
        assert!(!matches("tags", "Moving my blog", POST));
    }

    #[test]
    fn a_blank_query_matches_and_broken_front_matter_still_searches_the_body() {
        assert!(matches("  ", "", ""));
        let broken = "---\ntitle: [oops\n---\nStill findable.\n";
        assert!(matches("findable", "Oops", broken));
        assert!(matches("oops", "Oops", broken), "by the title kept for it");
    }
}
