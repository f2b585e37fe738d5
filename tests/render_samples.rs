//! The real posts in tests/fixtures/samples render their footnotes, headings and
//! escaped underscores as a reader expects.

use postwright::markdown;

fn sample(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/samples/");
    std::fs::read_to_string(format!("{path}{name}")).expect("sample post (tests/fixtures/samples)")
}

/// The body after the YAML front matter (the post model has its own tests).
fn body(post: &str) -> &str {
    let rest = post.strip_prefix("---\n").expect("front matter");
    &rest[rest.find("\n---\n").expect("closing ---") + 5..]
}

#[test]
fn devrel_2025_footnotes_and_escaped_underscores() {
    let html = markdown::render_html(
        body(&sample("ic-take-on-devrel-2025.md")),
        &Default::default(),
    );
    // Footnote references and their definitions.
    assert!(
        html.contains("href=\"#1\"") || html.contains("href=\"#fn"),
        "footnote reference: {html}"
    );
    assert!(
        html.contains("RIF: Reduction in Force"),
        "footnote definition"
    );
    // `\_` is a literal underscore (CommonMark, as Hugo/Jekyll publish it): `¯\_(ツ)`
    // keeps its arm and `\_human_` its leading underscore. (The unescaped `_/¯`
    // then opens emphasis up to `human_`, exactly as the blog's own renderer does.)
    assert!(
        html.contains("<p>¯_(ツ)"),
        "escaped underscore kept literally"
    );
    assert!(
        html.contains("the most _human"),
        "escaped underscore kept literally"
    );
    assert!(!html.contains("<em>human</em>"));
    assert!(
        html.contains("<em>skip for life</em>"),
        "real emphasis still works"
    );
}

#[test]
fn dev_to_devrel_headings() {
    let html = markdown::render_html(body(&sample("from-dev-to-devrel.md")), &Default::default());
    assert!(
        html.contains(">I write more code as a developer advocate</h2>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"https://github.com/rothgar/rothgar/blob/master/SPEAKING.md\">public speaking</a>"));
}
