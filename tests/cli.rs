//! The `postwright` CLI as a blog's CI would run it.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_postwright"))
        .args(args)
        .output()
        .expect("run postwright");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn samples() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/samples").to_string()
}

/// A file in a directory of its own, removed with it when the test ends
/// (runs used to leave one directory per test behind).
struct TempPost(std::path::PathBuf);

impl std::ops::Deref for TempPost {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempPost {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn temp_copy(name: &str, text: &str) -> TempPost {
    let dir = std::env::temp_dir().join(format!("postwright-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("post.md");
    std::fs::write(&path, text).unwrap();
    TempPost(path)
}

#[test]
fn check_reports_path_line_col_and_exits_by_severity() {
    let (code, out, _) = cli(&["check", &samples()]);
    assert_eq!(code, 0, "warnings only: {out}");
    assert!(
        out.contains(
            "from-dev-to-devrel.md:2:1: warning: unknown key `autho`: did you mean `author`?"
        ),
        "{out}"
    );

    let bad = temp_copy(
        "bad",
        "---\ntitle: T\ndate: 2024-01-01\ntags: [a, b\n---\nBody\n",
    );
    let (code, out, _) = cli(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&format!("{}:", bad.display())) && l.contains(": error: ")),
        "{out}"
    );
}

#[test]
fn check_takes_a_user_schema() {
    let schema = temp_copy(
        "schema",
        "fields:\n  - key: headline\n    label: Headline\n    type: string\n    required: true\n",
    );
    let post = temp_copy("schemapost", "---\ntitle: T\n---\nx\n");
    let (code, out, _) = cli(&[
        "check",
        "--schema",
        schema.to_str().unwrap(),
        post.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("headline"), "{out}");
}

#[test]
fn get_and_set_make_minimal_edits() {
    let original = std::fs::read_to_string(format!("{}/from-dev-to-devrel.md", samples())).unwrap();
    let path = temp_copy("set", &original);
    let p = path.to_str().unwrap();
    let (code, out, _) = cli(&["get", p, "title"]);
    assert_eq!((code, out.as_str()), (0, "From Dev to Devrel\n"));
    let (code, _, err) = cli(&["set", "--yaml", p, "tags", "[a, b]"]);
    assert_eq!(code, 0, "{err}");
    let edited = std::fs::read_to_string(&*path).unwrap();
    // Without --yaml a list takes one item a line, as `get` prints it.
    let (code, _, err) = cli(&["set", p, "tags", "a\nb"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&*path).unwrap(), edited);
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(edited.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![(
            "tags: [\"shortcodes\", \"privacy\"]",
            "tags: [\"a\", \"b\"]"
        )]
    );
    assert_eq!(original.lines().count(), edited.lines().count());
    let (code, _, _) = cli(&["get", p, "nope"]);
    assert_eq!(code, 1);
}

#[test]
fn render_prints_the_safe_preview_html() {
    let path = temp_copy(
        "render",
        "---\ntitle: T\n---\n# Hi\n\n<script>alert(1)</script>\n\nA [link](javascript:alert(1)).\n",
    );
    let (code, out, _) = cli(&["render", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains(">Hi</h1>"), "{out}");
    assert!(
        !out.contains("<script") && !out.contains("href=\"javascript"),
        "{out}"
    );
    assert!(out.contains("link"), "the link text stays: {out}");
}

#[test]
fn render_follows_the_generators_typography() {
    let path = temp_copy("typography", "He said \"hi\"...\n");
    let render = |extra: &[&str]| {
        let mut args = vec!["render"];
        args.extend_from_slice(extra);
        args.push(path.to_str().unwrap());
        cli(&args)
    };
    assert_eq!(render(&[]).1, "<p>He said \"hi\"...</p>\n");
    assert_eq!(render(&["--preset", "hugo"]).1, "<p>He said “hi”…</p>\n");
    assert_eq!(
        render(&["--preset", "eleventy"]).1,
        "<p>He said \"hi\"...</p>\n"
    );
    assert_eq!(
        render(&["--smart", "--preset", "zola"]).1,
        "<p>He said “hi”…</p>\n"
    );
    let (code, _, err) = render(&["--preset", "blogger"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown preset `blogger`"), "{err}");
}

#[test]
fn render_shows_the_generators_template_tags() {
    let path = temp_copy(
        "templates",
        "{% include note.html %}\n\n{{< youtube abc >}}\n",
    );
    let render = |preset: &str| cli(&["render", "--preset", preset, path.to_str().unwrap()]).1;
    let jekyll = render("jekyll");
    assert!(
        jekyll.starts_with(
            "<div class=\"pw-shortcode\" title=\"Liquid tag\">{% include note.html %}</div>"
        ),
        "{jekyll}"
    );
    let hugo = render("hugo");
    assert!(
        hugo.starts_with(
            "<p>{% include note.html %}</p>\n<div class=\"pw-shortcode\" title=\"Hugo shortcode\">"
        ),
        "{hugo}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(cli(&[]).0, 2);
    assert_eq!(cli(&["bogus"]).0, 2);
}
