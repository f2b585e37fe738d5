//! The post being edited (`document::Document`) natively: every edit the
//! editor makes, and the fields, problems and title it shows after it.

use std::rc::Rc;

use postwright::document::{schema_or_blog, Document};
use postwright::post::{EditError, Value};
use postwright::schema::Schema;
use postwright::validate::{Fix, Severity};

fn doc(text: &str) -> Document {
    Document::new(text, Rc::new(Schema::blog()))
}

fn keys(doc: &Document) -> Vec<String> {
    doc.fields().iter().map(|f| f.key.clone()).collect()
}

#[test]
fn a_field_set_from_the_form_changes_its_line_only_and_the_fields_follow() {
    let mut d = doc("---\ntitle: Old\ndate: 2026-01-02\n---\nBody\n");
    d.set_field("title", &Value::String("New".into())).unwrap();
    assert_eq!(
        d.post().to_text(),
        "---\ntitle: New\ndate: 2026-01-02\n---\nBody\n"
    );
    assert_eq!(d.title().as_deref(), Some("New"));
    assert_eq!(
        d.fields()
            .iter()
            .find(|f| f.key == "title")
            .map(|f| &f.value),
        Some(&Value::String("New".into()))
    );
}

#[test]
fn a_field_that_cannot_be_set_is_an_error_and_changes_nothing() {
    let text = "---\ntitle: A\n  broken: [\n---\nBody\n";
    let mut d = doc(text);
    assert!(d.broken());
    let err = d
        .set_field("title", &Value::String("B".into()))
        .unwrap_err();
    assert!(matches!(err, EditError::Syntax(_)), "{err:?}");
    assert_eq!(d.post().to_text(), text);
    assert!(d.remove_field("nope").is_err());
}

#[test]
fn removing_a_field_drops_it_from_the_form() {
    let mut d = doc("---\ntitle: A\ntags: [x]\n---\n");
    d.remove_field("tags").unwrap();
    assert_eq!(keys(&d), ["title"]);
    assert_eq!(d.post().to_text(), "---\ntitle: A\n---\n");
    assert!(matches!(
        d.remove_field("tags"),
        Err(EditError::NotFound(_))
    ));
}

#[test]
fn a_fix_is_applied_by_the_post_and_names_the_field_it_changed() {
    let mut d = doc("---\nTitle: Hello\n---\nBody\n");
    let fix = d
        .diagnostics()
        .iter()
        .find_map(|p| p.fix.clone())
        .expect("a fix offered for a misspelt key");
    let key = d.apply_fix(&fix).unwrap();
    assert_eq!(key, "title");
    assert_eq!(d.post().to_text(), "---\ntitle: Hello\n---\nBody\n");
    assert!(d.diagnostics().iter().all(|p| p.fix.is_none()), "fixed");
    // A fix that no longer fits (the key is gone) is an error, and nothing changes.
    let stale = Fix::RenameKey {
        from: "Title".into(),
        to: "title".into(),
    };
    assert!(d.apply_fix(&stale).is_err());
    assert_eq!(d.post().to_text(), "---\ntitle: Hello\n---\nBody\n");
    let set = Fix::SetValue {
        key: "date".into(),
        value: Value::String("2026-12-04".into()),
    };
    assert_eq!(d.apply_fix(&set).unwrap(), "date");
    assert!(d.post().to_text().contains("date: 2026-12-04"));
}

#[test]
fn raw_front_matter_that_breaks_keeps_the_last_fields_that_parsed() {
    let mut d = doc("---\ntitle: A\ndraft: true\n---\nBody\n");
    assert!(d.raw_input("title: A\ndraft: [\n".into()).is_err());
    assert!(d.broken());
    assert_eq!(keys(&d), ["title", "draft"], "the form keeps its fields");
    assert!(d.problems().any(|p| p.severity == Severity::Error));
    d.raw_input("title: B\n".into()).unwrap();
    assert!(!d.broken());
    assert_eq!(keys(&d), ["title"]);
    assert_eq!(d.post().to_text(), "---\ntitle: B\n---\nBody\n");
}

#[test]
fn a_crlf_post_keeps_crlf_through_the_textareas() {
    let mut d = doc("---\r\ntitle: A\r\n---\r\nOne\r\n");
    d.raw_input("title: B\n".into()).unwrap();
    assert_eq!(d.post().front_matter(), "title: B\r\n");
    let body = d.body_from_textarea("One\nTwo\n".into());
    assert_eq!(body, "One\r\nTwo\r\n");
    d.set_body(&body);
    assert_eq!(
        d.post().to_text(),
        "---\r\ntitle: B\r\n---\r\nOne\r\nTwo\r\n"
    );
    // An LF post is left as typed.
    assert_eq!(doc("x\n").body_from_textarea("a\nb".into()), "a\nb");
}

#[test]
fn another_post_or_schema_brings_its_own_fields_and_problems() {
    let mut d = doc("---\ntitle: A\ndate: 2026-12-04\n---\n");
    assert!(d.problems().next().is_none(), "{:?}", d.diagnostics());
    d.replace("---\ntitle: \"\"\n---\n");
    assert_eq!(d.title(), None, "a blank title is none");
    let (strict, error) = schema_or_blog(Some(
        r#"{"fields":[{"key":"summary","label":"Summary","type":"string","required":true}]}"#,
    ));
    assert_eq!(error, None);
    d.set_schema(Rc::new(strict));
    assert!(
        d.problems().any(|p| p.message.contains("ummary")),
        "{:?}",
        d.diagnostics()
    );
}

#[test]
fn a_schema_that_cannot_be_read_falls_back_to_the_blog_schema_and_says_why() {
    let (schema, error) = schema_or_blog(Some("fields: [ {"));
    assert_eq!(schema, Schema::blog());
    assert!(error.unwrap().contains("could not be read"));
    assert_eq!(schema_or_blog(None), (Schema::blog(), None));
    assert_eq!(schema_or_blog(Some("  ")), (Schema::blog(), None));
}

#[test]
fn a_new_field_starts_as_its_type_says() {
    let d = doc("---\ntitle: A\n---\n");
    assert_eq!(d.new_field_value("draft", "2026-12-04"), Value::Bool(false));
    assert_eq!(d.new_field_value("tags", "2026-12-04"), Value::List(vec![]));
    // The blog schema's date may hold a time: it starts empty, to be written.
    assert_eq!(
        d.new_field_value("date", "2026-12-04"),
        Value::String(String::new())
    );
    let (days, _) = schema_or_blog(Some(
        r#"{"fields":[{"key":"day","label":"Day","type":"date"}]}"#,
    ));
    let d = Document::new("---\n---\n", Rc::new(days));
    assert_eq!(
        d.new_field_value("day", "2026-12-04"),
        Value::String("2026-12-04".into())
    );
    assert_eq!(
        d.new_field_value("unknown", "2026-12-04"),
        Value::String(String::new())
    );
}

#[test]
fn under_hugo_a_capitalized_key_is_the_field_and_is_edited_as_written() {
    let text = "---\nTitle: Old\nDate: 2026-01-02\n---\nBody\n";
    let mut d = doc(text);
    assert!(
        d.diagnostics()
            .iter()
            .any(|p| p.message.contains("unknown key `Title`")),
        "exact keys (Jekyll, Zola, Astro, Eleventy): Title is not title"
    );
    d.set_key_case(postwright::presets::key_case(
        postwright::export::Preset::Hugo,
    ));
    assert_eq!(d.title().as_deref(), Some("Old"));
    assert!(
        !d.diagnostics()
            .iter()
            .any(|p| p.message.contains("unknown key") || p.message.contains("missing required")),
        "{:?}",
        d.diagnostics()
    );
    d.set_field("title", &Value::String("New".into())).unwrap();
    assert_eq!(
        d.post().to_text(),
        "---\nTitle: New\nDate: 2026-01-02\n---\nBody\n",
        "no second title: key"
    );
    // Another post opened keeps reading keys the Hugo way.
    d.replace("---\nTITLE: Shout\n---\n");
    assert_eq!(d.title().as_deref(), Some("Shout"));
}

#[test]
fn a_picture_without_alt_text_is_a_warning_until_it_has_one() {
    let mut d = doc("---\ntitle: T\n---\nIntro\n");
    let before = d.problems().count();
    assert!(d.picture_warnings().is_empty());
    d.set_body("Intro\n\n![](/images/img-2041.jpg)\n");
    assert_eq!(d.problems().count(), before + 1, "shown with the others");
    let warnings = d.picture_warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].line, warnings[0].column), (6, 1));
    assert!(
        warnings[0].message.contains("has no alt text"),
        "{}",
        warnings[0].message
    );
    d.set_body("Intro\n\n![A heron](/images/img-2041.jpg)\n");
    assert!(d.picture_warnings().is_empty());
}

#[test]
fn while_the_front_matter_is_broken_the_post_keeps_its_last_good_title_and_file_name() {
    use postwright::export::{post_path, Preset};
    let mut d = doc("---\ntitle: Moving my blog\ndate: 2026-01-02\n---\nBody\n");
    let path = |d: &Document| post_path(None, Preset::Jekyll, d.names().parts(), "2026-12-04");
    assert_eq!(path(&d), "_posts/2026-01-02-moving-my-blog.md");
    // Mid-edit: an unclosed quote.
    let _ = d.raw_input("title: \"Moving my blog\ndate: 2026-01-02\n".into());
    assert!(d.broken());
    assert_eq!(d.title().as_deref(), Some("Moving my blog"));
    assert_eq!(path(&d), "_posts/2026-01-02-moving-my-blog.md");
    // Mended, with a new title: the new one.
    d.raw_input("title: \"Moved\"\ndate: 2026-01-02\n".into())
        .unwrap();
    assert_eq!(d.title().as_deref(), Some("Moved"));
    assert_eq!(path(&d), "_posts/2026-01-02-moved.md");
}

#[test]
fn each_problem_shows_once_beside_what_it_is_about() {
    // `tags` is not a list: under the Tags field, not again above the editor.
    let d = doc("---\ntitle: Hi\ndate: 2026-01-02\ntags: hugo\n---\nBody\n");
    assert_eq!(d.problems().count(), 1);
    assert!(d.problems_at_top(true).is_empty());
    assert_eq!(d.problems_at_top(false).len(), 1, "the form hidden: above");
    // A missing required field has no field to show it under.
    let d = doc("---\ndate: 2026-01-02\n---\nBody\n");
    assert_eq!(d.problems_at_top(true).len(), 1);
    // A syntax error: under the Raw front matter box, at the box's line.
    let mut d = doc("---\ntitle: Hi\ndate: 2026-01-02\n---\nBody\n");
    let _ = d.raw_input("title: Hi\ntags: [hugo\n".into());
    let (problem, at) = d.syntax_problem().expect("broken");
    assert_eq!(
        (at.line, at.column),
        (2, 7),
        "the box's line 2, where `[` opens"
    );
    assert_eq!(problem.line, 3, "the file's line 3 (the CLI's)");
    assert!(problem.message.contains("never closed"));
    assert!(d.problems_at_top(true).is_empty());
    assert_eq!(d.problems_at_top(false).len(), 1);
    // Mended: no syntax problem.
    d.raw_input("title: Hi\ntags: [hugo]\n".into()).unwrap();
    assert!(d.syntax_problem().is_none());
}

#[test]
fn a_footnote_that_goes_nowhere_is_a_warning_at_the_markdown_line() {
    let mut d = doc("---\ntitle: Hi\n---\nA claim.[^1]\n\n[^1]: The source.\n");
    assert!(d.body_problems().is_empty());
    d.set_body("A claim.[^1] And.[^2]\n\n[^1]:\n");
    assert!(d.body_problems().is_empty(), "until checked");
    assert!(d.check_body(), "checked: changed");
    let lines: Vec<(usize, usize)> = d
        .body_problems()
        .iter()
        .map(|p| (p.line, p.column))
        .collect();
    assert_eq!(
        lines,
        [(1, 18), (3, 1)],
        "the Markdown box's lines, not the file's"
    );
    assert!(!d.check_body(), "nothing new");
    d.replace("---\ntitle: Other\n---\nFine.\n");
    assert!(d.body_problems().is_empty());
}
