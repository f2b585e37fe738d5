//! "Will it publish, and where?" per generator: the verdict, the reason and
//! the URL for small realistic posts and site configs, at a fixed `now`.

use postwright::export::Preset;
use postwright::post::Post;
use postwright::site::config::read;
use postwright::site::time::{parse_instant, FixedZones};
use postwright::site::{collisions, status_line, verdict, SiteConfig, Visibility};

const NOW: &str = "2026-12-04T12:00:00Z";

fn check(
    preset: Preset,
    site: &SiteConfig,
    path: &str,
    text: &str,
) -> (Visibility, Option<String>, String) {
    let now = parse_instant(NOW).unwrap();
    let v = verdict(preset, site, path, &Post::parse(text), now, &FixedZones);
    let line = status_line(preset, &v);
    (v.visibility, v.url, line)
}

fn hugo_site() -> SiteConfig {
    read(&[("hugo.toml", "baseURL = 'https://example.com/'\n")])
        .unwrap()
        .unwrap()
}

#[test]
fn hugo_publishes_at_its_section_url_and_hides_drafts_future_and_expired() {
    let site = hugo_site();
    let (vis, url, line) = check(
        Preset::Hugo,
        &site,
        "content/posts/hello.md",
        "---\ntitle: Hello\ndate: 2026-01-02T10:00:00+01:00\n---\nHi\n",
    );
    assert_eq!(vis, Visibility::Published);
    assert_eq!(url.as_deref(), Some("https://example.com/posts/hello/"));
    assert_eq!(
        line,
        "Hugo will publish this at https://example.com/posts/hello/"
    );

    // Keys are case-insensitive in Hugo; a slug wins over the file name.
    let (vis, url, _) = check(
        Preset::Hugo,
        &site,
        "content/posts/x.md",
        "---\nTitle: X\nDraft: true\nSlug: My Post\n---\n",
    );
    assert_eq!(vis, Visibility::Draft("draft: true".into()));
    assert_eq!(url.as_deref(), Some("https://example.com/posts/my-post/"));

    let (vis, _, line) = check(
        Preset::Hugo,
        &site,
        "content/posts/x.md",
        "---\ndate: 2026-12-24T08:00:00+01:00\n---\n",
    );
    assert_eq!(
        vis,
        Visibility::Future(parse_instant("2026-12-24T07:00:00Z").unwrap())
    );
    assert!(
        line.contains("from 2026-12-24T07:00:00Z (its date is in the future)"),
        "{line}"
    );

    let (vis, _, _) = check(
        Preset::Hugo,
        &site,
        "content/posts/x.md",
        "---\ndate: 2026-01-01\nexpiryDate: 2026-06-01\n---\n",
    );
    assert_eq!(
        vis,
        Visibility::Expired(parse_instant("2026-06-01").unwrap())
    );

    // publishDate wins over date.
    let (vis, _, _) = check(
        Preset::Hugo,
        &site,
        "content/posts/x.md",
        "---\ndate: 2020-01-01\npublishDate: 2027-01-01\n---\n",
    );
    assert!(matches!(vis, Visibility::Future(_)));

    // A page bundle is named by its folder; TOML front matter reads the same.
    let (_, url, _) = check(
        Preset::HugoBundle,
        &site,
        "content/posts/trip/index.md",
        "+++\ntitle = 'Trip'\n+++\n",
    );
    assert_eq!(url.as_deref(), Some("https://example.com/posts/trip/"));
}

#[test]
fn hugo_site_settings_change_the_verdict_and_the_url() {
    let site = read(&[(
        "hugo.toml",
        "baseURL = 'https://example.com/blog/'\nbuildFuture = true\ntimeZone = 'Etc/GMT-2'\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
    )])
    .unwrap()
    .unwrap();
    let (vis, url, _) = check(
        Preset::Hugo,
        &site,
        "content/posts/a.md",
        "---\ntitle: A Day Out\ndate: 2027-03-05\n---\n",
    );
    assert_eq!(
        vis,
        Visibility::Published,
        "buildFuture publishes future posts"
    );
    assert_eq!(
        url.as_deref(),
        Some("https://example.com/blog/2027/03/a-day-out/")
    );

    // A date without offset is read in the site's zone: 13:00 at UTC+2 is 11:00Z, already past at 12:00Z.
    let no_future = SiteConfig {
        build_future: false,
        ..site.clone()
    };
    let (vis, _, _) = check(
        Preset::Hugo,
        &no_future,
        "content/posts/a.md",
        "---\ndate: 2026-12-04T13:00:00\n---\n",
    );
    assert_eq!(vis, Visibility::Published);
    let utc = SiteConfig {
        time_zone: None,
        ..no_future
    };
    let now = parse_instant(NOW).unwrap();
    let v = verdict(
        Preset::Hugo,
        &utc,
        "content/posts/a.md",
        &Post::parse("---\ndate: 2026-12-04T13:00:00\n---\n"),
        now,
        &FixedZones,
    );
    assert!(
        matches!(v.visibility, Visibility::Future(_)),
        "in UTC 13:00 is still ahead"
    );
    assert_eq!(
        v.notes,
        vec!["date has no UTC offset: read as UTC".to_string()]
    );
}

#[test]
fn jekyll_reads_published_drafts_future_and_its_permalink_styles() {
    let site = read(&[("_config.yml", "url: https://me.github.io\nbaseurl: /blog\n")])
        .unwrap()
        .unwrap();
    let (vis, url, _) = check(
        Preset::Jekyll,
        &site,
        "_posts/2026-05-01-hello-world.md",
        "---\ntitle: Hi\ncategories: [Dev, Notes]\n---\n",
    );
    assert_eq!(vis, Visibility::Published);
    assert_eq!(
        url.as_deref(),
        Some("https://me.github.io/blog/dev/notes/2026/05/01/hello-world.html")
    );

    let (vis, _, line) = check(
        Preset::Jekyll,
        &site,
        "_posts/2026-05-01-x.md",
        "---\npublished: false\n---\n",
    );
    assert_eq!(vis, Visibility::Draft("published: false".into()));
    assert_eq!(
        line,
        "Jekyll will not publish this: it is a draft (published: false)"
    );
    // `draft: true` means nothing to Jekyll.
    let (vis, _, _) = check(
        Preset::Jekyll,
        &site,
        "_posts/2026-05-01-x.md",
        "---\ndraft: true\n---\n",
    );
    assert_eq!(vis, Visibility::Published);
    let (vis, _, _) = check(
        Preset::Jekyll,
        &site,
        "_drafts/x.md",
        "---\ntitle: x\n---\n",
    );
    assert_eq!(vis, Visibility::Draft("it is in _drafts/".into()));
    let (vis, _, _) = check(
        Preset::Jekyll,
        &site,
        "_posts/2027-01-01-x.md",
        "---\ntitle: x\n---\n",
    );
    assert!(matches!(vis, Visibility::Future(_)));

    let pretty = read(&[(
        "_config.yml",
        "url: https://me.github.io\npermalink: pretty\nfuture: true\n",
    )])
    .unwrap()
    .unwrap();
    let (vis, url, _) = check(
        Preset::Jekyll,
        &pretty,
        "_posts/2027-01-01-x.md",
        "---\ntitle: x\n---\n",
    );
    assert_eq!(vis, Visibility::Published);
    assert_eq!(url.as_deref(), Some("https://me.github.io/2027/01/01/x/"));
    let (_, url, _) = check(
        Preset::Jekyll,
        &pretty,
        "_posts/2027-01-01-x.md",
        "---\npermalink: /about/\n---\n",
    );
    assert_eq!(url.as_deref(), Some("https://me.github.io/about/"));
}

#[test]
fn zola_astro_and_eleventy() {
    let zola = read(&[("config.toml", "base_url = 'https://zola.example'\n")])
        .unwrap()
        .unwrap();
    let (vis, url, _) = check(
        Preset::Zola,
        &zola,
        "content/blog/2026-01-02-first-post.md",
        "+++\ntitle = 'First'\ndate = 2030-01-01\n+++\n",
    );
    assert_eq!(vis, Visibility::Published, "Zola publishes future dates");
    assert_eq!(
        url.as_deref(),
        Some("https://zola.example/blog/first-post/")
    );
    let (vis, url, _) = check(
        Preset::Zola,
        &zola,
        "content/blog/x.md",
        "+++\ndraft = true\npath = 'custom/place'\n+++\n",
    );
    assert_eq!(vis, Visibility::Draft("draft: true".into()));
    assert_eq!(url.as_deref(), Some("https://zola.example/custom/place/"));

    let astro = read(&[(
        "astro.config.mjs",
        "export default { site: 'https://astro.example' }",
    )])
    .unwrap()
    .unwrap();
    let (vis, url, _) = check(
        Preset::Astro,
        &astro,
        "src/content/blog/hello.md",
        "---\ntitle: Hello\npubDate: 2026-01-01\n---\n",
    );
    assert_eq!(vis, Visibility::Published);
    assert_eq!(url.as_deref(), Some("https://astro.example/blog/hello/"));

    let eleventy = SiteConfig::default();
    let (_, url, _) = check(
        Preset::Eleventy,
        &eleventy,
        "posts/hello.md",
        "---\ntitle: Hello\n---\n",
    );
    assert_eq!(url.as_deref(), Some("/posts/hello/"));
    let (vis, url, line) = check(
        Preset::Eleventy,
        &eleventy,
        "posts/hello.md",
        "---\npermalink: false\n---\n",
    );
    assert_eq!((vis, url), (Visibility::NotWritten, None));
    assert_eq!(line, "Eleventy will not write this page (permalink: false)");
    let (vis, _, _) = check(
        Preset::Eleventy,
        &eleventy,
        "posts/hello.md",
        "---\neleventyExcludeFromCollections: true\n---\n",
    );
    assert_eq!(vis, Visibility::Unlisted);
}

#[test]
fn two_posts_publishing_to_one_url_are_named_together() {
    let site = hugo_site();
    let now = parse_instant(NOW).unwrap();
    let posts = [
        ("content/posts/hello.md", "---\ntitle: Hello\n---\n"),
        (
            "content/posts/other.md",
            "---\ntitle: Other\nslug: hello\n---\n",
        ),
        ("content/posts/third.md", "---\ntitle: Third\n---\n"),
    ];
    let urls: Vec<(&str, Option<String>)> = posts
        .iter()
        .map(|(p, t)| {
            (
                *p,
                verdict(Preset::Hugo, &site, p, &Post::parse(t), now, &FixedZones).url,
            )
        })
        .collect();
    let pages: Vec<(&str, Option<&str>)> = urls.iter().map(|(p, u)| (*p, u.as_deref())).collect();
    assert_eq!(
        collisions(&pages),
        vec![(
            "https://example.com/posts/hello/",
            "content/posts/hello.md",
            "content/posts/other.md"
        )]
    );
}
