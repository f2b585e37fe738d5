//! What the generators accept, the post model accepts: one fixture (or
//! more) per class of real posts the CLI once got wrong, in
//! `tests/fixtures/real-posts/`, driven through `postwright` as a blog's CI
//! would, and the round trip `set FILE K "$(get FILE K)"` on every fixture.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use postwright::post::{Post, Value};
use postwright::schema::Schema;

mod common;
use common::cli;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real-posts")
        .join(name)
}

/// A copy of a fixture in a directory of its own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn of(name: &str) -> Scratch {
        let text = std::fs::read(fixture(name)).unwrap();
        Scratch::with(name, &text)
    }

    fn with(tag: &str, bytes: &[u8]) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "postwright-real-{}-{}",
            std::process::id(),
            tag.replace('/', "-")
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("post.md");
        std::fs::write(&path, bytes).unwrap();
        Scratch(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.0).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Lines of `after` that differ from `before` (same line count asserted).
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn set_ok(args: &[&str]) {
    let mut all = vec!["set"];
    all.extend_from_slice(args);
    let (code, _, err) = cli(&all);
    assert_eq!(code, 0, "set {args:?}: {err}");
}

#[test]
fn class1_blank_lines_before_toml_front_matter_are_read_and_kept() {
    let site = fixture("zola-site");
    let (code, out, err) = cli(&["check", site.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("missing required field"), "{out}");
    assert!(err.contains("3 post(s) checked: 0 error(s)"), "{err}");

    let post = Scratch::of("zola-site/content/blog/01-blank-line.md");
    let before = post.text();
    let (code, out, _) = cli(&["get", post.path(), "title"]);
    assert_eq!((code, out.as_str()), (0, "Getting started\n"));
    set_ok(&[post.path(), "title", "Getting going"]);
    assert_eq!(
        changed_lines(&before, &post.text()),
        [(
            "title = \"Getting started\"".to_string(),
            "title = \"Getting going\"".to_string()
        )]
    );
    assert!(post.text().starts_with("\n+++\n"), "{}", post.text());

    let crlf = Scratch::of("zola-site/content/blog/02-crlf-blank-lines.md");
    let (code, out, _) = cli(&["get", crlf.path(), "title"]);
    assert_eq!((code, out.as_str()), (0, "CRLF and spaces first\n"));
}

#[test]
fn class1_never_a_second_front_matter_block() {
    // Jekyll needs `---` on the first line, so this is no front matter to
    // it; putting a new block above it would hide it for Hugo too.
    let post = Scratch::of("01-yaml-after-blank-line.md");
    let before = post.text();
    let (code, _, err) = cli(&["set", post.path(), "description", "D"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("front matter after blank lines"), "{err}");
    assert_eq!(post.text(), before);
    let (_, out, _) = cli(&["check", post.path()]);
    assert!(
        out.contains(":2:1: warning: front matter after blank lines"),
        "{out}"
    );
}

#[test]
fn class2_hugo_keys_ignore_case_and_are_edited_as_written() {
    let post = Scratch::of("02-hugo-capitalized.md");
    let before = post.text();
    let (code, out, _) = cli(&["get", "--preset", "hugo", post.path(), "title"]);
    assert_eq!((code, out.as_str()), (0, "Capitalized\n"));
    let (code, out, _) = cli(&["check", "--preset", "hugo", post.path()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("missing required field") && !out.contains("did you mean"),
        "{out}"
    );
    set_ok(&["--preset", "hugo", post.path(), "description", "New words"]);
    assert_eq!(
        changed_lines(&before, &post.text()),
        [(
            "Description: \"Hugo reads Title as title\"".to_string(),
            "Description: \"New words\"".to_string()
        )]
    );
    // Other generators compare keys exactly.
    let (code, _, _) = cli(&["get", "--preset", "jekyll", post.path(), "title"]);
    assert_eq!(code, 1);
}

#[test]
fn class3_set_writes_the_text_given() {
    let post = Scratch::of("03-typed-text.md");
    for (key, text) in [
        ("description", "Tips about your #selfie"),
        ("directive", "'use client'"),
        ("title", "[not, a, list]"),
        ("date", "2024-03-09"),
    ] {
        set_ok(&[post.path(), key, text]);
        let (code, out, _) = cli(&["get", post.path(), key]);
        assert_eq!((code, out), (0, format!("{text}\n")), "{}", post.text());
    }
    assert!(
        post.text().contains("\ndate: 2024-03-09\n"),
        "{}",
        post.text()
    );
    // YAML syntax on request.
    set_ok(&["--yaml", post.path(), "tags", "[a, b]"]);
    let (_, out, _) = cli(&["get", post.path(), "tags"]);
    assert_eq!(out, "a\nb\n");
}

#[test]
fn class4_titles_with_a_colon_are_plain_strings() {
    for name in ["04-colon-title.md", "04-colon-title-toml.md"] {
        let post = Scratch::of(name);
        let title = "Rust: a language empowering everyone";
        set_ok(&[post.path(), "title", title]);
        let (code, out, _) = cli(&["get", post.path(), "title"]);
        assert_eq!((code, out), (0, format!("{title}\n")), "{name}");
    }
}

#[test]
fn class5_the_authors_quoting_is_kept() {
    let post = Scratch::of("05-quoting.md");
    let before = post.text();
    set_ok(&[post.path(), "title", "@astrojs/lit"]);
    set_ok(&[post.path(), "version", "1.2.0"]);
    set_ok(&[post.path(), "summary", "From Devrel to Dev"]);
    set_ok(&[post.path(), "plain", "Other words"]);
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        changed_lines(&before, &post.text()),
        pairs(&[
            ("title: '@astrojs/alpinejs'", "title: '@astrojs/lit'"),
            ("version: 1.1.0", "version: 1.2.0"),
            (
                "summary: \"From Dev to Devrel\"",
                "summary: \"From Devrel to Dev\""
            ),
            ("plain: Just words", "plain: Other words"),
        ])
    );
    // A value that needs quotes gets them, and loses them again after.
    set_ok(&[post.path(), "plain", "yes"]);
    set_ok(&[post.path(), "plain", "Words again"]);
    assert!(
        post.text().contains("\nplain: Words again\n"),
        "{}",
        post.text()
    );

    let toml = Scratch::of("05-quoting-toml.md");
    let before = toml.text();
    set_ok(&[toml.path(), "title", "Still literal"]);
    set_ok(&[toml.path(), "subtitle", "still single"]);
    assert_eq!(
        changed_lines(&before, &toml.text()),
        pairs(&[
            ("title = '''Literal'''", "title = '''Still literal'''"),
            ("subtitle = 'single'", "subtitle = 'still single'"),
        ])
    );
}

/// The form sends every keystroke through `Post::set`: clearing a quoted
/// title passes through `""`, which must be quoted whatever the author's
/// taste, and must not decide the style of what is typed next.
#[test]
fn class5_form_typing_keeps_the_style_through_forced_quotes() {
    let schema = Schema::blog();
    for (line, typed, want) in [
        ("title: \"From Dev to Devrel\"", "Fr", "title: \"Fr\""),
        ("title: 'From Dev to Devrel'", "Fr", "title: 'Fr'"),
        ("title: From Dev to Devrel", "Fr", "title: Fr"),
        ("date: 2024-05-01", "2024-06-01", "date: 2024-06-01"),
    ] {
        let (key, _) = line.split_once(':').unwrap();
        let mut p = Post::parse(&format!("---\n{line}\n---\nBody\n"));
        for n in 0..=typed.len() {
            p.set(key, &Value::String(typed[..n].to_string()), &schema)
                .unwrap();
        }
        assert_eq!(p.to_text(), format!("---\n{want}\n---\nBody\n"), "{line}");
    }
    let mut p = Post::parse("+++\ntitle = '''Literal'''\n+++\n");
    for v in ["It's", "Its"] {
        p.set("title", &Value::String(v.into()), &schema).unwrap();
    }
    assert_eq!(p.to_text(), "+++\ntitle = '''Its'''\n+++\n");
}

#[test]
fn class6_a_key_written_twice_reads_last_wins_and_only_its_edits_are_refused() {
    let post = Scratch::of("06-duplicate-key.md");
    let (code, out, _) = cli(&["check", post.path()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(":8:1: warning: `redirect_from` is written more than once (lines 5 and 8)"),
        "{out}"
    );
    let (code, out, _) = cli(&["get", post.path(), "redirect_from"]);
    assert_eq!((code, out.as_str()), (0, "/older/\n/oldest/\n"));
    let before = post.text();
    set_ok(&[post.path(), "title", "Moved thrice"]);
    assert_eq!(changed_lines(&before, &post.text()).len(), 1);
    let (code, _, err) = cli(&["set", post.path(), "redirect_from", "/new/"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`redirect_from` is written more than once (lines 5 and 8)"),
        "{err}"
    );
}

#[test]
fn class7_check_keeps_one_line_per_finding() {
    let post = fixture("07-newline-key.md");
    let (_, out, _) = cli(&["check", post.to_str().unwrap()]);
    let prefix = format!("{}:", post.display());
    assert!(out.contains("bad\\nkey"), "{out}");
    for line in out.lines() {
        assert!(line.starts_with(&prefix), "{line:?} in {out:?}");
        assert!(!line.contains('\r') && !line.contains('\u{1b}'), "{line:?}");
    }
}

#[test]
fn class8_brackets_and_stars_in_strings_are_not_structure() {
    for name in ["08-stars-in-quotes.md", "08-stars-in-quotes-toml.md"] {
        let (code, out, err) = cli(&["check", fixture(name).to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: {out}{err}");
    }
}

#[test]
fn class8_an_accepted_edit_reads_back() {
    let schema = Schema::blog();
    for (text, deep) in [
        (
            "---\ntitle: T\n---\n",
            format!("{}{}", "[".repeat(33), "]".repeat(33)),
        ),
        (
            "---json\n{\"title\": \"T\"}\n---\n",
            format!("{}{}", "[".repeat(33), "]".repeat(33)),
        ),
        (
            "+++\ntitle = \"T\"\n+++\n",
            format!("{}{}", "{a=".repeat(33), "1}".to_string() + &"}".repeat(32)),
        ),
    ] {
        let mut p = Post::parse(text);
        let r = p.set("extra", &Value::Raw(deep.clone()), &schema);
        assert!(p.fields().is_ok(), "{text}: {r:?} left {:?}", p.to_text());
        assert!(r.is_err(), "{text}: {deep} accepted");
    }
    let mut p = Post::parse("---\na: &a x\n---\n");
    let aliases = vec!["*a"; 65].join(", ");
    let r = p.set("b", &Value::Raw(format!("[{aliases}]")), &schema);
    assert!(p.fields().is_ok() && r.is_err(), "{r:?}");
    // Text that only looks like structure is fine.
    let title = (0..70)
        .map(|i| format!("*a{i} ["))
        .collect::<Vec<_>>()
        .join(" ");
    let mut p = Post::parse("---\ntitle: T\n---\n");
    p.set("title", &Value::String(title.clone()), &schema)
        .unwrap();
    assert_eq!(p.get("title"), Some(Value::String(title)));
}

#[test]
fn class9_yaml_keys_keep_their_type() {
    let post = Scratch::of("09-typed-keys.md");
    let before = post.text();
    let (code, out, _) = cli(&["get", post.path(), "1"]);
    assert_eq!((code, out.as_str()), (0, "a text key\n"));
    set_ok(&[post.path(), "1", "a number key"]);
    assert_eq!(
        changed_lines(&before, &post.text()),
        [(
            "\"1\": a text key".to_string(),
            "\"1\": a number key".to_string()
        )]
    );
}

#[test]
fn class11_the_first_member_of_a_spaced_empty_object_keeps_the_spaces() {
    let post = Scratch::of("11-json-spaced.md");
    set_ok(&[post.path(), "title", "T"]);
    assert_eq!(post.text(), "---json\n{ \"title\": \"T\" }\n---\nBody\n");
}

/// Every fixture of the repository, `(name, bytes)`.
fn every_fixture() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for sub in ["posts", "samples", "real-posts"] {
        walk(&root.join(sub), &mut out);
    }
    out
}

#[test]
fn set_of_what_get_prints_leaves_every_fixture_byte_identical() {
    let mut checked = 0;
    for (i, (name, bytes)) in every_fixture().into_iter().enumerate() {
        let Ok(post) = Post::from_bytes(&bytes) else {
            continue;
        };
        let Ok(fields) = post.fields() else {
            continue;
        };
        let scratch = Scratch::with(&format!("identity-{i}"), &bytes);
        for f in fields {
            let (code, out, err) = cli(&["get", scratch.path(), &f.key]);
            assert_eq!(code, 0, "{name} get {:?}: {err}", f.key);
            // What `$(…)` makes of it: trailing line breaks dropped.
            let text = out.trim_end_matches('\n');
            let (code, _, err) = cli(&["set", scratch.path(), &f.key, text]);
            assert_eq!(code, 0, "{name} set {:?} {text:?}: {err}", f.key);
            assert!(
                std::fs::read(&scratch.0).unwrap() == bytes,
                "{name}: set {:?} {text:?} changed it to {:?}",
                f.key,
                scratch.text()
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn class6_json_members_written_twice_read_last_wins_too() {
    let schema = Schema::blog();
    let mut p = Post::parse("---json\n{\n  \"a\": 1,\n  \"title\": \"T\",\n  \"a\": 2\n}\n---\n");
    assert_eq!(p.get("a"), Some(Value::Number("2".into())));
    let dups = p.duplicate_keys();
    assert_eq!(
        (dups[0].key.as_str(), &dups[0].lines[..]),
        ("a", &[3, 5][..])
    );
    p.set("title", &Value::String("U".into()), &schema).unwrap();
    assert!(p.to_text().contains("\"title\": \"U\""), "{}", p.to_text());
    let err = p.set("a", &Value::Number("3".into()), &schema).unwrap_err();
    assert!(err.to_string().contains("lines 3 and 5"), "{err}");
}
