//! The Markdown module end to end: samples, blocks, shortcodes, URLs, the
//! XSS corpus under `tests/fixtures/xss/` and harmless HTML.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;
use std::path::Path;

use postwright::markdown::{
    render_blocks, render_html, sanitize_html, stats, RenderOptions, Stats,
};

fn opts() -> RenderOptions {
    RenderOptions::default()
}

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    strip_front_matter(&text).to_string()
}

fn strip_front_matter(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return &rest[end + 5..];
        }
    }
    s
}

fn xss_fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss");
    let mut v: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn sample_ic_take_footnotes_headings_underscores() {
    let html = render_html(&sample("ic-take-on-devrel-2025.md"), &opts());
    // Footnote references and definitions, including the empty `[^3]:`.
    assert!(
        html.contains(r##"<sup class="footnote-reference" id="fnref-1"><a href="#1">1</a></sup>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"<sup class="footnote-reference" id="fnref-2"><a href="#2">2</a></sup>"##)
    );
    // Each definition ends with a back-link to its reference.
    assert!(
        html.contains(concat!(
            r##"<a href="#fnref-1" class="footnote-backref" aria-label="Back to reference 1">"##,
            "\u{21a9}\u{fe0e}</a></div>"
        )),
        "{html}"
    );
    assert!(html.contains(
        r#"<div class="footnote-definition" id="1"><sup class="footnote-definition-label">1</sup>"#
    ));
    assert!(html.contains(r#"<div class="footnote-definition" id="2">"#));
    assert!(html.contains(r#"<div class="footnote-definition" id="3">"#));
    assert!(html.contains("<em>skip</em> is short for"));
    // Headings get ids.
    assert!(
        html.contains(
            r#"<h2 id="is-devrel-a-great-job-in-2025">Is DevRel a great job in 2025</h2>"#
        ),
        "{html}"
    );
    assert!(html
        .contains(r#"<h2 id="the-best-advocates-are-always-30-seconds-away-from-being-fired">"#));
    // Escaped underscores stay literal.
    // The escaped underscore is literal. (The shrug's second, unescaped `_`
    // in `¯\_(ツ)_/¯` opens emphasis that `human_` closes: that is CommonMark,
    // and what Hugo/goldmark and GitHub publish too.)
    assert!(html.contains("<p>¯_(ツ)<em>/¯... It"), "{html}");
    assert!(html.contains("most _human</em> job"), "{html}");
    assert_eq!(
        render_html("the most \\_human_ job", &opts()),
        "<p>the most _human_ job</p>\n"
    );
    assert_eq!(
        render_html("¯\\_(ツ)\\_/¯ and \\_human_", &opts()),
        "<p>¯_(ツ)_/¯ and _human_</p>\n"
    );
    assert!(html.contains("<em>it depends</em>"));
    // `<some advocate no longer on the team>` is shown as text, not dropped.
    assert!(html.contains("&lt;some advocate no longer on the team&gt;"));
    assert!(html.contains(r#"<a href="https://ashley.dev/posts/what-is-developer-advocacy/">"#));
    common::assert_safe(&html, "sample");
}

#[test]
fn sample_dev_to_devrel_headings_links() {
    let html = render_html(&sample("from-dev-to-devrel.md"), &opts());
    assert!(html.contains(r#"<h2 id="i-write-more-code-as-a-developer-advocate">I write more code as a developer advocate</h2>"#));
    assert!(
        html.contains(
            r#"<h2 id="im-not-in-sales-or-support-calls">I’m not in sales or support calls</h2>"#
        ),
        "{html}"
    );
    assert!(html.contains(r#"<a href="https://twitter.com/mary_grace">Mary Thengvall</a>"#));
    assert!(html.contains("<li>COVID-19 and travel restrictions</li>"));
    common::assert_safe(&html, "sample");
}

#[test]
fn samples_blocks_concatenate_to_whole() {
    for name in ["ic-take-on-devrel-2025.md", "from-dev-to-devrel.md"] {
        let body = sample(name);
        for o in [
            opts(),
            RenderOptions {
                smart_punctuation: true,
                base_url: Some("https://example.com/".into()),
                ..RenderOptions::default()
            },
        ] {
            let blocks = render_blocks(&body, &o);
            let joined: String = blocks.iter().map(|b| b.html.as_str()).collect();
            assert_eq!(joined, render_html(&body, &o));
            assert!(blocks.len() > 20);
            assert!(blocks.iter().all(|b| !b.html.is_empty()));
        }
    }
}

#[test]
fn blocks_unrelated_to_an_edit_stay_the_same() {
    let a = render_blocks("# T\n\npara one\n\npara two\n\n---\n\n---\n", &opts());
    let b = render_blocks("# T\n\npara ONE\n\npara two\n\n---\n\n---\n", &opts());
    assert_eq!(a.len(), 5);
    assert_eq!(a[0], b[0]);
    assert_ne!(a[1], b[1]);
    assert_eq!(a[2], b[2]);
    assert_eq!(a[3], a[4], "two rules are two blocks");
    assert_eq!(a[4], b[4]);
}

#[test]
fn blocks_footnotes_and_references_are_document_wide() {
    let body =
        "See[^n] and [site][s].\n\n## Head\n\n[^n]: The note.\n\n[s]: https://example.com/\n";
    let blocks = render_blocks(body, &opts());
    assert_eq!(blocks.len(), 3);
    assert!(blocks[0]
        .html
        .contains(r#"<a href="https://example.com/">site</a>"#));
    assert!(blocks[0].html.contains(r##"<a href="#n">1</a>"##));
    assert!(blocks[2].html.contains("footnote-definition"));
}

#[test]
fn html_spanning_blocks_is_one_balanced_block() {
    let body = "<details>\n<summary>More</summary>\n\nInside **bold**.\n\n</details>\n\nAfter.\n\n<div class=\"note\">\n\nunclosed";
    let blocks = render_blocks(body, &opts());
    assert_eq!(blocks.len(), 3, "{blocks:#?}");
    assert_eq!(
        blocks[0].html,
        "<details>\n<summary>More</summary>\n<p>Inside <strong>bold</strong>.</p>\n</details>\n"
    );
    assert_eq!(blocks[1].html, "<p>After.</p>\n");
    assert_eq!(
        blocks[2].html,
        "<div class=\"note\">\n<p>unclosed</p>\n</div>\n"
    );
}

#[test]
fn table_alignment_is_an_attribute_and_no_style_passes() {
    // `align`, not `style`: a strict CSP (the editor's page) drops inline styles.
    let html = render_html(
        "| a | b | c |\n|:--|--:|:-:|\n| <td style=\"color:red\">x</td> | <span style=\"x\">y</span> | z |\n",
        &opts(),
    );
    assert!(html.contains("<th align=\"left\">a</th>"), "{html}");
    assert!(html.contains("<th align=\"right\">b</th>"), "{html}");
    assert!(html.contains("<td align=\"center\">z</td>"), "{html}");
    assert_eq!(html.matches("style=").count(), 0, "{html}");
    common::assert_safe(&html, "alignment");
}

#[test]
fn heading_ids_unique_and_explicit() {
    let html = render_html(
        "# A b\n\n# A b\n\n## A b {#custom .x}\n\n# A-b-1\n\n# ???\n",
        &opts(),
    );
    assert!(html.contains(r#"<h1 id="a-b">"#));
    assert!(html.contains(r#"<h1 id="a-b-1">"#));
    assert!(html.contains(r#"<h2 id="custom" class="x">A b</h2>"#));
    assert!(html.contains(r#"<h1 id="a-b-1-1">"#), "{html}");
    assert!(html.contains(r#"<h1 id="section">"#));
}

#[test]
fn shortcodes_are_inert_placeholders() {
    let body = "{{< youtube abc >}}\n\nInline {{% ref \"a_b.md\" %}} and `{{< code >}}` and {{</* esc */>}}.\n\n```\n{{< in_fence >}}\n```\n";
    let html = render_html(body, &opts());
    assert!(html.starts_with("<div class=\"pw-shortcode\" title=\"Hugo shortcode\">{{&lt; youtube abc &gt;}}</div>\n"), "{html}");
    assert!(html.contains("<span class=\"pw-shortcode\" title=\"Hugo shortcode\">{{% ref &quot;a_b.md&quot; %}}</span>"));
    assert!(html.contains("<code>{{&lt; code &gt;}}</code>"));
    assert!(html.contains(" and {{&lt; esc &gt;}}."));
    assert!(html.contains("{{&lt; in_fence &gt;}}"));
    let paired = render_html(
        "{{< notice warning >}}\nBe careful\n{{< /notice >}}\n",
        &opts(),
    );
    assert!(paired.contains("pw-shortcode"), "{paired}");
}

#[test]
fn hugos_figure_shortcode_shows_its_image_and_caption() {
    let o = RenderOptions {
        base_url: Some("https://example.com/".into()),
        ..RenderOptions::default()
    };
    let html = render_html(
        "{{< figure src=\"/img/a.png\" alt=\"A <b>\" caption=\"Seen \\\"here\\\"\" >}}\n",
        &o,
    );
    assert_eq!(
        html,
        "<figure class=\"pw-figure\"><img src=\"https://example.com/img/a.png\" alt=\"A &lt;b&gt;\" /><figcaption>Seen &quot;here&quot;</figcaption></figure>\n"
    );
    // A refused address, or a figure inside a sentence: the placeholder.
    let bad = render_html(
        "{{< figure src=\"javascript:alert(1)\" caption=\"<script>\" >}}\n",
        &o,
    );
    assert!(
        bad.starts_with("<div class=\"pw-shortcode\"")
            && !bad.contains("<script")
            && !bad.contains("<img"),
        "{bad}"
    );
    let inline = render_html("See {{< figure src=\"a.png\" >}} here.\n", &o);
    assert!(
        inline.contains("<span class=\"pw-shortcode\"") && !inline.contains("<img"),
        "{inline}"
    );
}

#[test]
fn template_tags_follow_the_generator() {
    use postwright::export::Preset;
    let base = Some("https://example.com/".to_string());
    let jekyll = RenderOptions::for_preset(Preset::Jekyll, base.clone());
    let body = "{% include figure.html src=\"a.png\" %}\n\nSee [the post]({{ site.baseurl }}/2020/x/) and ![i]({{ \"/img/a.png\" | relative_url }}), by {{ page.author }}.\n\n{% raw %}{{ not_a_tag }}{% endraw %}\n";
    let html = render_html(body, &jekyll);
    // A paragraph of tags is a block placeholder; its quotes stay straight.
    assert!(html.starts_with("<div class=\"pw-shortcode\" title=\"Liquid tag\">{% include figure.html src=&quot;a.png&quot; %}</div>\n"), "{html}");
    // Liquid in addresses: the link is a link, to where the site would point it.
    assert!(
        html.contains("<a href=\"https://example.com/2020/x/\">the post</a>"),
        "{html}"
    );
    assert!(
        html.contains("<img src=\"https://example.com/img/a.png\" alt=\"i\" />"),
        "{html}"
    );
    assert!(
        html.contains(
            "by <span class=\"pw-shortcode\" title=\"Liquid tag\">{{ page.author }}</span>."
        ),
        "{html}"
    );
    // Inside {% raw %}, braces are text.
    assert!(html.contains("</span>{{ not_a_tag }}<span"), "{html}");
    // Jekyll's highlight tag is a code block, as on the site.
    let code = render_html(
        "{% highlight ruby %}\ndef x = \"y\"\n{% endhighlight %}\n",
        &jekyll,
    );
    assert_eq!(
        code,
        "<pre><code class=\"language-ruby\">def x = \"y\"\n</code></pre>\n"
    );
    // Hugo's scanner leaves all that as it was (a link with a space in its
    // address is no link).
    let hugo = render_html(body, &RenderOptions::for_preset(Preset::Hugo, base.clone()));
    assert!(
        !hugo.contains("pw-shortcode") && !hugo.contains("<a "),
        "{hugo}"
    );

    let zola = RenderOptions::for_preset(Preset::Zola, None);
    let html = render_html(
        "{{ youtube(id=\"abc\") }}\n\nText {{ not_a_call }} {{/* image() */}}.\n",
        &zola,
    );
    assert!(html.starts_with("<div class=\"pw-shortcode\" title=\"Zola shortcode\">{{ youtube(id=&quot;abc&quot;) }}</div>\n"), "{html}");
    assert!(
        html.contains("<p>Text {{ not_a_call }} {{ image() }}.</p>"),
        "{html}"
    );

    let astro = RenderOptions::for_preset(Preset::Astro, None);
    assert_eq!(
        render_html("{{< x >}} {% y %}", &astro),
        "<p>{{&lt; x &gt;}} {% y %}</p>\n"
    );
}

#[test]
fn smart_punctuation_is_optional() {
    let o = RenderOptions {
        smart_punctuation: true,
        base_url: None,
        ..RenderOptions::default()
    };
    let html = render_html("\"Hi\" -- it's...", &o);
    assert!(html.contains("“Hi” – it’s…"), "{html}");
    assert_eq!(render_html("\"Hi\"", &opts()), "<p>\"Hi\"</p>\n");
}

#[test]
fn base_url_resolves_relative_images_and_links() {
    let o = RenderOptions {
        smart_punctuation: false,
        base_url: Some("https://example.com/".into()),
        ..RenderOptions::default()
    };
    let html = render_html(
        "![x](/img/x.png) [p](/posts/a/) [f](#frag) <img src=\"img/y.png\"> [m](mailto:a@b.c)",
        &o,
    );
    assert!(
        html.contains(r#"<img src="https://example.com/img/x.png" alt="x" />"#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="https://example.com/posts/a/">p</a>"#));
    assert!(html.contains(r##"<a href="#frag">f</a>"##));
    assert!(html.contains(r#"<img src="https://example.com/img/y.png">"#));
    assert!(html.contains(r#"<a href="mailto:a@b.c">m</a>"#));
    let bad = RenderOptions {
        smart_punctuation: false,
        base_url: Some("javascript:alert(1)//".into()),
        ..RenderOptions::default()
    };
    assert!(render_html("![x](/img/x.png)", &bad).contains(r#"src="/img/x.png""#));
}

#[test]
fn harmless_html_survives() {
    let body = r#"<details open>
<summary>Spoiler</summary>
<figure><img src="https://example.com/a.png" alt="A" title="t" width="300" height="200" loading="lazy"><figcaption>Cap</figcaption></figure>
</details>

Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, x<sup>2</sup>, H<sub>2</sub>O, <abbr title="HyperText">HTML</abbr>, <mark>hi</mark>.<br>

<div class="note" id="n1"><span class="a b">span</span></div>

<table>
<thead><tr><th>A</th></tr></thead>
<tbody><tr><td colspan="2">1</td></tr></tbody>
</table>

| md | table |
|----|-------|
| 1  | 2     |

- [x] done
- [ ] todo

<a href="https://example.com/">link</a> <!-- a comment --> ~~gone~~
"#;
    let html = render_html(body, &opts());
    for needle in [
        "<details open=\"\">",
        "<summary>Spoiler</summary>",
        "<figure><img alt=\"A\" height=\"200\" loading=\"lazy\" src=\"https://example.com/a.png\" title=\"t\" width=\"300\"><figcaption>Cap</figcaption></figure>",
        "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
        "<sup>2</sup>",
        "<sub>2</sub>",
        "<abbr title=\"HyperText\">HTML</abbr>",
        "<mark>hi</mark>",
        "<br>",
        "<div class=\"note\" id=\"n1\"><span class=\"a b\">span</span></div>",
        "<th>A</th>",
        "<td colspan=\"2\">1</td>",
        "<table>",
        "<td>2</td>",
        "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>",
        "<a href=\"https://example.com/\">link</a>",
        "<del>gone</del>",
    ] {
        assert!(html.contains(needle), "missing {needle}\n{html}");
    }
    assert!(!html.contains("comment"));
    common::assert_safe(&html, "harmless");
}

#[test]
fn xss_corpus_is_neutralized() {
    let fixtures = xss_fixtures();
    assert!(fixtures.len() >= 40);
    let variants = [
        opts(),
        RenderOptions {
            smart_punctuation: true,
            base_url: Some("https://example.com/blog/".into()),
            ..RenderOptions::default()
        },
        // Each generator's template tags (Liquid's stand-in addresses, highlight fences).
        RenderOptions::for_preset(
            postwright::export::Preset::Jekyll,
            Some("https://example.com/".into()),
        ),
        RenderOptions::for_preset(postwright::export::Preset::Zola, None),
    ];
    for (name, body) in &fixtures {
        for o in &variants {
            let html = render_html(body, o);
            common::assert_safe(&html, name);
            let blocks: String = render_blocks(body, o).into_iter().map(|b| b.html).collect();
            assert_eq!(blocks, html, "{name}");
            // The payload never survives as markup, in any casing.
            let lower = html.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{name}: {html}");
            assert!(
                !lower.contains("javascript:") || !lower.contains("href=\"javascript"),
                "{name}: {html}"
            );
        }
        // Also as a raw fragment through the standalone filter.
        common::assert_safe(&sanitize_html(body), name);
    }
}

#[test]
fn checker_catches_the_corpus_unsanitized() {
    // The checker is only worth something if it flags the raw payloads.
    let raw_html_fixtures = xss_fixtures()
        .into_iter()
        .filter(|(_, b)| b.trim_start().starts_with('<') && !b.starts_with("<javascript"));
    for (name, body) in raw_html_fixtures {
        assert!(
            common::unsafe_reason(&body).is_some(),
            "checker misses {name}"
        );
    }
}

#[test]
fn split_and_dropped_content() {
    // Text inside an inline <script>/<style> is dropped with it.
    let html = render_html("a <style>*{x}</style> b <script>evil()</script> c", &opts());
    assert_eq!(html, "<p>a  b  c</p>\n");
    // An unclosed inline dropped element ends with its paragraph.
    let html = render_html("a <script>evil()\n\nnext", &opts());
    assert_eq!(html, "<p>a </p>\n<p>next</p>\n");
    // Inline elements left open are closed at the end of their container.
    let html = render_html("*a <b>bold*\n\nplain", &opts());
    assert_eq!(html, "<p><em>a <b>bold</b></em></p>\n<p>plain</p>\n");
}

#[test]
fn fragment_cache_respects_state() {
    postwright::markdown::clear_cache();
    // A stray `</div>` is not cached as "nothing" for a later, open `<div>`.
    let a = render_html("x </div> y\n\n<div>\n\nz\n\n</div>\n", &opts());
    assert_eq!(a, "<p>x  y</p>\n<div>\n<p>z</p>\n</div>\n");
    let again = render_html("x </div> y\n\n<div>\n\nz\n\n</div>\n", &opts());
    assert_eq!(a, again);
    // The base URL is part of the cached result.
    let b1 = render_html(
        "<img src=\"a.png\">",
        &RenderOptions {
            base_url: Some("https://one.example/".into()),
            ..opts()
        },
    );
    let b2 = render_html(
        "<img src=\"a.png\">",
        &RenderOptions {
            base_url: Some("https://two.example/".into()),
            ..opts()
        },
    );
    assert!(b1.contains("one.example") && b2.contains("two.example"));
}

#[test]
fn sanitize_html_standalone() {
    assert_eq!(
        sanitize_html("<p onclick=x>hi <b>there</p>"),
        "<p>hi <b>there</b></p>"
    );
    assert_eq!(
        sanitize_html("<a href=\" javascript:x\" target=_blank>y</a>"),
        "<a>y</a>"
    );
    assert_eq!(
        sanitize_html("<img src=\"data:image/png;base64,AA\">"),
        "<img src=\"data:image/png;base64,AA\">"
    );
    assert_eq!(sanitize_html("<img src=\"data:image/svg+xml,x\">"), "<img>");
    assert_eq!(
        sanitize_html("x < y & \"z\""),
        "x &lt; y &amp; &quot;z&quot;"
    );
}

#[test]
fn stats_of_samples() {
    let s = stats(&sample("from-dev-to-devrel.md"));
    assert!(s.words > 2000 && s.words < 2600, "{s:?}");
    assert_eq!(s.reading_minutes, s.words.div_ceil(230));
    assert_eq!(
        stats("   \n"),
        Stats {
            words: 0,
            reading_minutes: 0
        }
    );
    assert_eq!(stats("one").reading_minutes, 1);
}

#[test]
fn pathological_nesting_stays_fast() {
    let body = format!(
        "{}\n{}\n\n{}",
        "<div>".repeat(20_000),
        "</span>".repeat(20_000),
        "x <b>".repeat(20_000)
    );
    let t = std::time::Instant::now();
    let html = render_html(&body, &opts());
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    common::assert_safe(&html, "nesting");
    assert_eq!(
        html.matches("<div>").count(),
        html.matches("</div>").count()
    );
}

#[test]
fn never_panics_on_edge_inputs() {
    for s in [
        "",
        "\0",
        "<",
        "{{<",
        "{{< ",
        "{{</*/>}}",
        "{{%/*%}}",
        "\u{E000}",
        "\u{E000}99999999999999999999\u{E001}",
        "# {#}",
        "[^]:",
        "<a href=",
        "<!--",
        "<![CDATA[",
        "<svg/>x",
        "<script/>x",
        "| a |\n|--|\n| <b> |",
        "![<script>](x)",
    ] {
        let h = render_html(s, &opts());
        common::assert_safe(&h, s);
        let _ = render_blocks(s, &opts());
        let _ = stats(s);
        let _ = sanitize_html(s);
    }
}

#[test]
#[ignore]
fn dump_corpus() {
    for (name, body) in xss_fixtures() {
        println!("== {name}\n{}", render_html(&body, &opts()));
    }
}
