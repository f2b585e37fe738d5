//! The generator's own fields in the document the editor holds: Zola's
//! `[taxonomies]` keys are fields of their own, edited in their table.

use std::rc::Rc;

use postwright::document::Document;
use postwright::export::Preset;
use postwright::post::Value;
use postwright::presets;

fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| Value::String(s.to_string())).collect())
}

#[test]
fn zolas_taxonomies_are_fields_edited_inside_their_table() {
    let text = "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"a\"]\n+++\nBody\n";
    let mut doc = Document::new(text, Rc::new(presets::schema(Preset::Zola)));
    let nested = doc.nested().clone();
    assert_eq!(nested.fields.len(), 1);
    assert_eq!(nested.fields[0].key, "taxonomies.tags");
    assert_eq!(nested.fields[0].value, list(&["a"]));
    assert_eq!(nested.whole_tables, vec!["taxonomies".to_string()]);
    doc.set_field("taxonomies.tags", &list(&["a", "b"]))
        .unwrap();
    assert_eq!(
        doc.post().to_text(),
        text.replace("[\"a\"]", "[\"a\", \"b\"]")
    );
    doc.remove_field("taxonomies.tags").unwrap();
    assert_eq!(
        doc.post().to_text(),
        "+++\ntitle = \"T\"\n[taxonomies]\n+++\nBody\n"
    );
    assert!(doc.problems().next().is_none(), "{:?}", doc.diagnostics());
}

#[test]
fn a_yaml_post_has_no_table_keys_and_hugo_has_no_taxonomies_table() {
    let doc = Document::new(
        "---\ntitle: T\ntaxonomies:\n  tags: [a]\n---\n",
        Rc::new(presets::schema(Preset::Zola)),
    );
    assert!(doc.nested().fields.is_empty() && !doc.nested().addable);
    let hugo = Document::new(
        "+++\ntitle = \"T\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"a\"]\n+++\n",
        Rc::new(presets::schema(Preset::Hugo)),
    );
    assert!(hugo.nested().fields.is_empty());
}
