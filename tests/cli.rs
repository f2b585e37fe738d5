//! The `postwright` CLI as a blog's CI would run it.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::cli;

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

/// A folder of files, removed when the test ends.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_site(name: &str, files: &[(&str, &str)]) -> TempDir {
    let dir = std::env::temp_dir().join(format!("postwright-site-{}-{name}", std::process::id()));
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    TempDir(dir)
}

#[test]
fn check_says_which_posts_will_not_publish_and_which_collide() {
    let site = temp_site(
        "hugo",
        &[
            ("hugo.toml", "baseURL = 'https://example.com/'\n"),
            (
                "content/posts/live.md",
                "---\ntitle: Live\ndate: 2026-01-01T10:00:00+01:00\n---\nHi\n",
            ),
            (
                "content/posts/later.md",
                "---\ntitle: Later\ndate: 2026-12-24T08:00:00+01:00\n---\nSoon\n",
            ),
            (
                "content/posts/wip.md",
                "---\ntitle: WIP\ndate: 2026-01-03\nDraft: true\n---\nNot yet\n",
            ),
            (
                "content/posts/other.md",
                "---\ntitle: Other\nslug: live\ndate: 2026-01-02\n---\nSame URL\n",
            ),
        ],
    );
    let root = site.0.display().to_string();
    let (code, out, err) = cli(&["check", "--now", "2026-12-04T12:00:00Z", &root]);
    assert_eq!(code, 1, "a URL collision is an error: {out}{err}");
    assert!(out.contains("later.md:1:1: warning: Hugo will publish this at https://example.com/posts/later/ from 2026-12-24T07:00:00Z (its date is in the future)"), "{out}");
    assert!(
        out.contains("wip.md:1:1: info: Hugo will not publish this: it is a draft (draft: true)"),
        "the generator comes from hugo.toml, keys ignore case: {out}"
    );
    assert!(
        out.contains("other.md:1:1: error: publishes to https://example.com/posts/live/, as ")
            && out.contains("live.md does: one would hide the other"),
        "{out}"
    );
    assert!(
        !out.contains("live.md:1:1:"),
        "a post that publishes is not listed: {out}"
    );
    assert!(
        !out.contains("unknown key `Draft`"),
        "Hugo's keys ignore case: {out}"
    );
    // After Christmas Eve the post is out.
    let (_, out, _) = cli(&["check", "--now", "2026-12-25", &root]);
    assert!(!out.contains("later.md:1:1: warning"), "{out}");
}

#[test]
fn check_warns_of_links_to_missing_posts_files_and_headings() {
    let site = temp_site(
        "links",
        &[
            ("hugo.toml", "baseURL = 'https://example.com/'\n"),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2026-01-01\n---\n## Set up\n\nSee [b](b.md), [gone](gone.md)\nand [set up](#set-up), [b's intro](b.md#intro), [nope](b.md#nope).\n![dot](img/dot.png) ![none](img/none.png) [web](https://example.org/x.md)\n",
            ),
            (
                "content/posts/b.md",
                "---\ntitle: B\ndate: 2026-01-02\n---\n# Intro\n\nBack to [a](../posts/a.md#set-up).\n",
            ),
            ("content/posts/img/dot.png", "png"),
        ],
    );
    let root = site.0.display().to_string();
    let (code, out, err) = cli(&["check", "--now", "2026-12-04T12:00:00Z", &root]);
    // The missing picture is the picture check's (an error), said once.
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(&format!(
            "{}:9:21: error: the image `img/none.png` is not in the repository",
            site.0.join("content/posts/a.md").display()
        )),
        "{out}"
    );
    let a = site.0.join("content/posts/a.md").display().to_string();
    let broken: Vec<&str> = out.lines().filter(|l| l.contains("link `")).collect();
    assert_eq!(
        broken,
        vec![
            format!(
                "{a}:7:16: warning: link `gone.md` points to no file ({})",
                site.0.join("content/posts/gone.md").display()
            ),
            format!(
                "{a}:8:49: warning: link `b.md#nope`: no heading `#nope` in {}",
                site.0.join("content/posts/b.md").display()
            ),
        ],
        "{out}"
    );
    assert!(err.contains("1 error(s), 2 warning(s)"), "{err}");
}

#[test]
fn check_reads_posts_with_the_generators_own_fields() {
    let post = temp_copy(
        "jekyll-fields",
        "---\ntitle: T\ndate: 2024-01-01\ndraft: true\npubDate: 2024-01-01\n---\nBody\n",
    );
    let path = post.to_str().unwrap();
    let (_, out, _) = cli(&["check", "--preset", "jekyll", path]);
    assert!(
        out.contains(": info: `draft` is not in the schema"),
        "Jekyll ignores draft: {out}"
    );
    let (_, out, _) = cli(&["check", "--preset", "astro", path]);
    assert!(
        !out.contains("`pubDate` is not in the schema"),
        "Astro's date: {out}"
    );
    assert!(out.contains("`date` is not in the schema"), "{out}");
}

#[test]
fn merge_is_a_git_merge_driver() {
    let base = "---\ntitle: T\ndate: 2024-01-01\n---\nOne.\n\nTwo.\n";
    let site = temp_site(
        "merge",
        &[
            ("base.md", base),
            ("mine.md", &base.replace("title: T", "title: Mine")),
            (
                "theirs.md",
                &base
                    .replace("date: 2024-01-01", "date: 2024-02-02")
                    .replace("Two.", "Two!"),
            ),
            ("clash.md", &base.replace("title: T", "title: Theirs")),
        ],
    );
    let f = |n: &str| site.0.join(n).display().to_string();
    let out_file = f("out.md");
    let (code, _, err) = cli(&[
        "merge",
        &f("base.md"),
        &f("mine.md"),
        &f("theirs.md"),
        "-o",
        &out_file,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        "---\ntitle: Mine\ndate: 2024-02-02\n---\nOne.\n\nTwo!\n"
    );
    // A real conflict: markers around the one field only, exit 1.
    let (code, out, err) = cli(&["merge", &f("base.md"), &f("mine.md"), &f("clash.md")]);
    assert_eq!(code, 1);
    assert_eq!(out, "---\n<<<<<<< mine\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> theirs\ndate: 2024-01-01\n---\nOne.\n\nTwo.\n");
    assert!(err.contains("conflict in field `title`"), "{err}");
    let (code, _, err) = cli(&["merge", &f("base.md")]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn check_reports_pictures_not_in_the_repository_and_pictures_without_alt_text() {
    let site = temp_site(
        "images",
        &[
            ("hugo.toml", "baseURL = 'https://example.com/'\n"),
            ("static/images/bay.jpg", "x"),
            ("content/posts/trip/shore.png", "x"),
            (
                "content/posts/trip/index.md",
                "---\ntitle: Trip\ndate: 2026-01-01\n---\n![The bay](/images/bay.jpg)\n\n![Shore](shore.png) ![](./shore.png)\n\n  ![Gone](/images/gone.jpg)\n\n![Web](https://example.org/a.png)\n",
            ),
        ],
    );
    let root = site.0.display().to_string();
    let (code, out, err) = cli(&["check", "--now", "2026-12-04T12:00:00Z", &root]);
    assert_eq!(code, 1, "a missing picture is an error: {out}{err}");
    assert!(
        out.contains("index.md:9:3: error: the image `/images/gone.jpg` is not in the repository (looked for static/images/gone.jpg, assets/images/gone.jpg)"),
        "{out}"
    );
    assert!(
        out.contains("index.md:7:21: warning: the image `./shore.png` has no alt text"),
        "{out}"
    );
    assert_eq!(
        out.matches("the image").count(),
        2,
        "the others resolve: {out}"
    );
}
