use postwright::post::{Post, Value};
use postwright::schema::{FieldType, Schema};
use postwright::validate::{parse_date, validate, Diagnostic, Fix, Severity};

fn diags(text: &str) -> Vec<Diagnostic> {
    validate(&Post::parse(text), &Schema::blog())
}

#[test]
fn dates() {
    for ok in [
        "2020-07-23",
        "2025-05-05 17:35:52.919448",
        "2024-01-02T03:04:05+02:00",
        "2024-01-02T03:04:05Z",
        "2024-01-02t03:04:05.123z",
        "2001-12-14 21:59:43.10 -5",
        "2015-11-10 21:08:16 +0100",
        "2024-02-29",
        "1979-05-27T07:32:00",
        "2024-01-02T03:04",
    ] {
        assert!(parse_date(ok).is_some(), "{ok}");
    }
    for bad in [
        "2020-13-01",
        "2023-02-29",
        "2020-7-23",
        "July 4",
        "2020-07-23T25:00:00",
        "2020-07-23 xx",
        "",
        "2020-07-23T10:00:00+0:0",
        "2020-07-23T10:00:00+123",
    ] {
        assert!(parse_date(bad).is_none(), "{bad}");
    }
}

#[test]
fn clean_post_has_no_errors() {
    let d = diags("---\ntitle: T\ndate: 2020-07-23\ntags: [a]\ndraft: false\n---\nbody\n");
    assert!(d.is_empty(), "{d:?}");
    let d = diags("+++\ntitle = \"T\"\ndate = 2020-07-23T10:00:00Z\n+++\n");
    assert!(d.is_empty(), "{d:?}");
    let d = diags("---json\n{\"title\": \"T\", \"date\": \"2020-07-23\"}\n---\n");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn wrong_type_offers_fix() {
    let d = diags("---\ntitle: T\ndate: 2020-07-23\ntags: rust\n---\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!((d[0].line, d[0].column), (4, 1));
    assert_eq!(
        d[0].fix,
        Some(Fix::SetValue {
            key: "tags".into(),
            value: Value::List(vec![Value::String("rust".into())])
        })
    );
    let d = diags("---\ntitle: T\ndate: 2020-07-23\ndraft: \"yes\"\n---\n");
    assert_eq!(
        d[0].fix,
        Some(Fix::SetValue {
            key: "draft".into(),
            value: Value::Bool(true)
        })
    );
}

#[test]
fn missing_required() {
    let d = diags("---\ndescription: x\n---\nbody\n");
    let msgs: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.contains(&"missing required field `title` (Title)"),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("`date`")));
    assert!(d.iter().all(|d| d.severity == Severity::Error));
    let d = diags("just a body\n");
    assert_eq!(d.len(), 2);
}

#[test]
fn unknown_key_suggestion() {
    let d = diags("---\nautho: J\ntitle: T\ndate: 2020-07-23\ntagz: [a]\nmy_custom: 1\n---\n");
    let a = d
        .iter()
        .find(|d| d.key.as_deref() == Some("autho"))
        .unwrap();
    assert_eq!(a.message, "unknown key `autho`: did you mean `author`?");
    assert_eq!(
        a.fix,
        Some(Fix::RenameKey {
            from: "autho".into(),
            to: "author".into()
        })
    );
    let t = d.iter().find(|d| d.key.as_deref() == Some("tagz")).unwrap();
    assert_eq!(
        t.fix,
        Some(Fix::RenameKey {
            from: "tagz".into(),
            to: "tags".into()
        })
    );
    let c = d
        .iter()
        .find(|d| d.key.as_deref() == Some("my_custom"))
        .unwrap();
    assert_eq!(c.severity, Severity::Info);
    assert_eq!(c.fix, None);
    // No rename suggestion onto a key that already exists.
    let d = diags("---\nautho: J\nauthor: K\ntitle: T\ndate: 2020-07-23\n---\n");
    assert!(d.iter().all(|d| d.fix.is_none()), "{d:?}");
}

#[test]
fn bad_date() {
    let d = diags("---\ntitle: T\ndate: 2020-02-30\n---\n");
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("not a valid date"));
    assert_eq!(d[0].line, 3);
}

#[test]
fn syntax_error_with_position() {
    let d = diags("\u{feff}---\ntitle: \"unterminated\ndate: 2020-01-01\n---\n");
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message.starts_with("YAML syntax error"),
        "{}",
        d[0].message
    );
    assert!(d[0].line >= 2, "{:?}", d[0]);
}

#[test]
fn schema_blog_and_user_schemas() {
    let s = Schema::blog();
    assert_eq!(s.fields[0].key, "title");
    assert!(s.field("title").unwrap().required);
    assert!(s.field("date").unwrap().required);
    for (k, l) in [
        ("title", "Title"),
        ("date", "Date"),
        ("description", "Description"),
        ("tags", "Tags"),
        ("author", "Author"),
        ("draft", "Draft"),
    ] {
        assert_eq!(s.field(k).unwrap().label, l);
    }
    let y = "fields:\n  - key: title\n    required: true\n  - key: kind\n    type: select\n    options: [a, b]\n  - key: pub_date\n    type: date\n    label: Published\n";
    let u = Schema::from_yaml(y).unwrap();
    assert_eq!(u.fields.len(), 3);
    assert_eq!(u.field("title").unwrap().label, "Title");
    assert_eq!(
        u.field("kind").unwrap().ty,
        FieldType::Select(vec!["a".into(), "b".into()])
    );
    assert_eq!(u.field("pub_date").unwrap().label, "Published");
    let j = r#"[{"key": "title", "required": true}, {"key": "tags", "type": "string_list"}]"#;
    let u = Schema::from_json(j).unwrap();
    assert_eq!(u.field("tags").unwrap().ty, FieldType::StringList);
    assert!(Schema::from_yaml("fields:\n  - key: x\n    type: nope\n")
        .unwrap_err()
        .contains("unknown field type"));
    assert!(Schema::from_yaml("- key: a\n- key: a\n").is_err());
    assert!(Schema::from_yaml("- key: a\n  type: select\n").is_err());
    assert!(Schema::from_yaml(": : :").is_err());
    // User schema order drives insertion.
    let mut p = Post::parse("---\ntitle: T\nkind: a\n---\n");
    let u = Schema::from_yaml(y).unwrap();
    p.set("pub_date", &Value::String("2020-01-01".into()), &u)
        .unwrap();
    assert_eq!(
        p.to_text(),
        "---\ntitle: T\nkind: a\npub_date: 2020-01-01\n---\n"
    );
    let d = validate(&Post::parse("---\ntitle: T\nkind: c\n---\n"), &u);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Warning);
}

#[test]
fn apply_fixes_and_display() {
    let schema = Schema::blog();
    let mut p = Post::parse("---\nautho: J\ntitle: T\ndate: 2020-07-23\ntags: rust\n---\n");
    let d = validate(&p, &schema);
    assert_eq!(
        d[0].to_string(),
        "2:1: warning: unknown key `autho`: did you mean `author`?"
    );
    for fix in d.iter().filter_map(|d| d.fix.as_ref()) {
        p.apply_fix(fix, &schema).unwrap();
    }
    assert_eq!(
        p.to_text(),
        "---\nauthor: J\ntitle: T\ndate: 2020-07-23\ntags: [rust]\n---\n"
    );
    assert!(validate(&p, &schema).is_empty());
}
