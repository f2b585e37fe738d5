mod common;

use common::*;
use postwright::post::{Format, Post, Value};
use postwright::schema::Schema;
use postwright::validate::{validate, Fix};

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{}{name}", samples_dir())).unwrap()
}

#[test]
fn samples_round_trip_byte_exact() {
    let all = read_dir(&samples_dir());
    assert!(all.len() >= 2);
    for (name, text) in all {
        let post = Post::parse(&text);
        assert_eq!(post.format(), Format::Yaml, "{name}");
        assert_eq!(post.to_text(), text, "{name}");
        assert_eq!(post.to_string(), text, "{name}");
        let fields = post.fields().unwrap();
        assert!(!fields.is_empty());
        let again = Post::from_bytes(text.as_bytes()).unwrap();
        assert_eq!(again, post);
    }
}

#[test]
fn sample_values() {
    let post = Post::parse(&sample("ic-take-on-devrel-2025.md"));
    assert_eq!(
        post.get("date"),
        Some(Value::String("2025-05-05 17:35:52.919448".into()))
    );
    assert_eq!(
        post.title().as_deref(),
        Some("An IC's take on DevRel in 2025")
    );
    assert_eq!(
        post.get("tags"),
        Some(Value::List(vec![
            Value::String("devrel".into()),
            Value::String("career".into())
        ]))
    );
    let fields = post.fields().unwrap();
    assert_eq!(fields[0].key, "date");
    assert_eq!((fields[0].line, fields[0].column), (2, 1));
    assert_eq!(fields[1].line, 3);
    assert_eq!(post.body_start_line(), 8);

    let post = Post::parse(&sample("from-dev-to-devrel.md"));
    assert_eq!(post.get("date"), Some(Value::String("2020-07-23".into())));
    assert_eq!(
        post.get("thumbnail"),
        Some(Value::String("/img/dev-to-devrel-banner.png".into()))
    );
    assert_eq!(
        post.get("autho"),
        Some(Value::String("Justin Garrison".into()))
    );
}

#[test]
fn editing_the_title_changes_one_line() {
    let schema = Schema::blog();
    for (name, text) in read_dir(&samples_dir()) {
        let mut post = Post::parse(&text);
        post.set(
            "title",
            &Value::String("A new: title, with \"quotes\"".into()),
            &schema,
        )
        .unwrap();
        let new = post.to_text();
        let (r, a) = diff(&text, &new);
        assert_eq!((r.len(), a.len()), (1, 1), "{name}: {r:?} {a:?}");
        assert!(a[0].starts_with("title: "), "{name}: {a:?}");
        assert_eq!(
            Post::parse(&new).title().as_deref(),
            Some("A new: title, with \"quotes\"")
        );
    }
    // A double-quoted title stays double-quoted; a plain one stays plain.
    let mut post = Post::parse(&sample("from-dev-to-devrel.md"));
    post.set("title", &Value::String("Hello".into()), &schema)
        .unwrap();
    assert!(post.to_text().contains("\ntitle: \"Hello\"\n"));
    let mut post = Post::parse(&sample("ic-take-on-devrel-2025.md"));
    post.set("title", &Value::String("Hello".into()), &schema)
        .unwrap();
    assert!(post.to_text().contains("\ntitle: Hello\n"));
    post.set("title", &Value::String("yes".into()), &schema)
        .unwrap();
    assert!(post.to_text().contains("\ntitle: \"yes\"\n"));
}

/// Sets `key` the way the form does while someone types `typed` into it:
/// one `set` per keystroke, starting from an empty box.
fn type_into(post: &mut Post, key: &str, typed: &str, schema: &Schema) {
    for (i, _) in typed.char_indices().skip(1).chain([(typed.len(), ' ')]) {
        post.set(key, &Value::String(typed[..i].into()), schema)
            .unwrap();
    }
}

#[test]
fn quotes_forced_by_a_half_typed_value_do_not_stick() {
    let schema = Schema::blog();
    // `2`, `2024-05-0` and `10` must be quoted on their way; the end values
    // need no quotes, and the fields were plain, so they end plain.
    let mut post = Post::parse(&sample("ic-take-on-devrel-2025.md"));
    type_into(&mut post, "date", "2024-05-01", &schema);
    type_into(&mut post, "title", "10 things", &schema);
    let text = post.to_text();
    assert!(
        text.contains(
            "
date: 2024-05-01
"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "
title: 10 things
"
        ),
        "{text}"
    );
    // Quotes the author chose stay, keystroke after keystroke.
    let mut post = Post::parse(&sample("from-dev-to-devrel.md"));
    type_into(&mut post, "title", "Hello", &schema);
    assert!(post.to_text().contains(
        "
title: \"Hello\"\n"
    ));
}

#[test]
fn fixing_autho_renames_only_that_key() {
    let text = sample("from-dev-to-devrel.md");
    let mut post = Post::parse(&text);
    let schema = Schema::blog();
    let diags = validate(&post, &schema);
    let d = diags
        .iter()
        .find(|d| d.key.as_deref() == Some("autho"))
        .expect("autho diagnostic");
    assert_eq!(d.message, "unknown key `autho`: did you mean `author`?");
    assert_eq!((d.line, d.column), (2, 1));
    let Some(Fix::RenameKey { from, to }) = d.fix.clone() else {
        panic!("no fix")
    };
    post.rename(&from, &to).unwrap();
    let new = post.to_text();
    let (r, a) = diff(&text, &new);
    assert_eq!(r, vec!["autho: \"Justin Garrison\"\n"]);
    assert_eq!(a, vec!["author: \"Justin Garrison\"\n"]);
    assert!(validate(&post, &schema)
        .iter()
        .all(|d| d.key.as_deref() != Some("author")));
}

#[test]
fn setting_equal_value_changes_nothing() {
    let schema = Schema::blog();
    for (_, text) in read_dir(&samples_dir()) {
        let mut post = Post::parse(&text);
        for f in post.fields().unwrap() {
            post.set(&f.key, &f.value, &schema).unwrap();
            assert_eq!(post.to_text(), text);
        }
    }
}

#[test]
fn sample_list_edit_keeps_flow_style_and_quotes() {
    let text = sample("from-dev-to-devrel.md");
    let mut post = Post::parse(&text);
    let tags = Value::List(vec![Value::String("a".into()), Value::String("b c".into())]);
    post.set("tags", &tags, &Schema::blog()).unwrap();
    let new = post.to_text();
    let (r, a) = diff(&text, &new);
    assert_eq!(r, vec!["tags: [\"shortcodes\", \"privacy\"]\n"]);
    assert_eq!(a, vec!["tags: [\"a\", \"b c\"]\n"]);
    // images uses plain items
    let imgs = Value::List(vec![
        Value::String("/a.png".into()),
        Value::String("/b.png".into()),
    ]);
    post.set("images", &imgs, &Schema::blog()).unwrap();
    assert!(post.to_text().contains("\nimages: [/a.png, /b.png]\n"));
}

#[test]
fn new_key_goes_by_schema_order() {
    let text = sample("ic-take-on-devrel-2025.md");
    let mut post = Post::parse(&text);
    post.set("draft", &Value::Bool(true), &Schema::blog())
        .unwrap();
    let new = post.to_text();
    let (r, a) = diff(&text, &new);
    assert!(r.is_empty());
    assert_eq!(a, vec!["draft: true\n"]);
    // After tags (the nearest preceding schema key present is `tags`).
    assert!(
        new.contains("tags: [\"devrel\", \"career\"]\ndraft: true\n"),
        "{new}"
    );
}
