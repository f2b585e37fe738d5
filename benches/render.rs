//! Render throughput: `render_blocks` on 10 KB, 100 KB and 1 MB posts built
//! from the sample posts plus raw HTML and shortcodes, against pulldown-cmark
//! alone (no filter, no blocks), and the raw-HTML filter's share.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use postwright::markdown::{
    clear_cache, options, render_blocks, render_html, sanitize_html, RenderOptions,
};

const RAW_HTML: &str = r#"
<details>
<summary>Show the <kbd>Ctrl</kbd>+<kbd>C</kbd> trick</summary>
<figure><img src="/img/shot.png" alt="A screenshot" width="640" height="360" loading="lazy"><figcaption>Figure 1: the <mark>trick</mark>.</figcaption></figure>
</details>

<div class="note" id="note-1"><span class="label">Note</span> H<sub>2</sub>O and x<sup>2</sup>, <abbr title="Developer Relations">DevRel</abbr>.</div>

Inline <b>bold</b>, <a href="https://example.com/" title="ex">a link</a> and <img src="x.png" onerror="alert(1)"> with <script>alert(1)</script> removed.

{{< youtube dQw4w9WgXcQ >}}

| Col | <em>HTML</em> |
|-----|---------------|
| 1   | <code>x</code> |

"#;

fn strip_front_matter(s: &str) -> &str {
    s.strip_prefix("---\n")
        .and_then(|r| r.find("\n---\n").map(|e| &r[e + 5..]))
        .unwrap_or(s)
}

fn sample(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples")
        .join(name);
    strip_front_matter(&std::fs::read_to_string(p).expect("sample post")).to_string()
}

/// A post of about `size` bytes: the samples and the raw HTML, repeated
/// (footnote labels made unique per repetition).
fn post(size: usize) -> String {
    let parts = [
        sample("ic-take-on-devrel-2025.md"),
        RAW_HTML.to_string(),
        sample("from-dev-to-devrel.md"),
        RAW_HTML.to_string(),
    ];
    let mut s = String::with_capacity(size + 30_000);
    let mut n = 0;
    'outer: loop {
        for p in &parts {
            if s.len() >= size {
                break 'outer;
            }
            s.push_str(&p.replace("[^", &format!("[^r{n}-")));
            s.push_str("\n\n");
        }
        n += 1;
    }
    let mut end = size.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The raw HTML of a post, as the fragments the filter sees.
fn fragments(body: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser};
    let mut v = Vec::new();
    let mut block = String::new();
    for ev in Parser::new_ext(body, options(false)) {
        match ev {
            Event::Html(h) => block.push_str(&h),
            Event::InlineHtml(h) => v.push(h.to_string()),
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => v.push(std::mem::take(&mut block)),
            _ => {}
        }
    }
    v
}

fn bench(c: &mut Criterion) {
    let opts = RenderOptions {
        smart_punctuation: true,
        base_url: Some("https://example.com/".into()),
        ..RenderOptions::default()
    };
    let mut g = c.benchmark_group("render");
    g.sample_size(20);
    for (label, size) in [("10KB", 10_000), ("100KB", 100_000), ("1MB", 1_000_000)] {
        let body = post(size);
        assert_eq!(
            render_html(&body, &opts),
            render_blocks(&body, &opts)
                .into_iter()
                .map(|b| b.html)
                .collect::<String>()
        );
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("render_blocks", label),
            &body,
            |b, body| b.iter(|| render_blocks(black_box(body), &opts)),
        );
        g.bench_with_input(
            BenchmarkId::new("render_blocks_cold_cache", label),
            &body,
            |b, body| {
                b.iter(|| {
                    clear_cache();
                    render_blocks(black_box(body), &opts)
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("pulldown_cmark_unfiltered", label),
            &body,
            |b, body| {
                b.iter(|| {
                    let mut out = String::with_capacity(body.len() * 3 / 2);
                    pulldown_cmark::html::push_html(
                        &mut out,
                        pulldown_cmark::Parser::new_ext(black_box(body), options(true)),
                    );
                    out
                })
            },
        );
        let frags = fragments(&body);
        g.throughput(Throughput::Bytes(
            frags.iter().map(|f| f.len() as u64).sum(),
        ));
        g.bench_with_input(
            BenchmarkId::new("sanitize_html_fragments_only", label),
            &frags,
            |b, frags| {
                b.iter(|| {
                    clear_cache();
                    frags
                        .iter()
                        .map(|f| sanitize_html(black_box(f)).len())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();
}

/// The whole keystroke path of the core: split a file, read and validate its
/// front matter, render its body to safe blocks.
fn whole_post(c: &mut Criterion) {
    use postwright::{post::Post, schema::Schema, validate::validate};
    let schema = Schema::blog();
    let mut group = c.benchmark_group("post");
    for (label, size) in [("10KB", 10_000), ("100KB", 100_000), ("1MB", 1_000_000)] {
        let file = format!(
            "---\ntitle: \"Bench\"\ndate: 2024-01-01\ntags: [a, b]\n---\n{}",
            post(size)
        );
        group.throughput(Throughput::Bytes(file.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("split_parse_validate_render", label),
            &file,
            |b, file| {
                b.iter(|| {
                    let p = Post::parse(black_box(file));
                    let fields = p.fields().map(|f| f.len()).unwrap_or(0);
                    let problems = validate(&p, &schema).len();
                    let blocks = render_blocks(p.body(), &RenderOptions::default()).len();
                    black_box((fields, problems, blocks))
                })
            },
        );
    }
    group.finish();
}

/// A keystroke in the middle of a long post (the samples repeated, as the
/// browser bench types): the incremental renderer re-renders only the
/// blocks around it. (Bodies with shortcodes are rendered whole.)
fn keystroke(c: &mut Criterion) {
    use postwright::markdown::Incremental;
    let samples = [
        sample("ic-take-on-devrel-2025.md"),
        sample("from-dev-to-devrel.md"),
    ];
    let mut group = c.benchmark_group("keystroke");
    for (label, size) in [("10KB", 10_000), ("100KB", 100_000), ("1MB", 1_000_000)] {
        let mut body = String::new();
        let mut i = 0;
        while body.len() < size {
            body += &format!("\n## Part {i}\n\n");
            body += &samples[i % 2].replace("[^", &format!("[^{i}-"));
            i += 1;
        }
        let mut at = body.len() / 2;
        while !body.is_char_boundary(at) {
            at -= 1;
        }
        let opts = RenderOptions::default();
        let mut inc = Incremental::new(opts);
        inc.update(&body);
        // Typing and deleting one character, so the post keeps its size.
        let mut typed = false;
        group.bench_function(BenchmarkId::new("incremental_update", label), |b| {
            b.iter(|| {
                if typed {
                    body.remove(at);
                } else {
                    body.insert(at, 'x');
                }
                typed = !typed;
                let s = inc.update(black_box(&body));
                assert!(inc.last_was_partial());
                black_box(s)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench, whole_post, keystroke);
criterion_main!(benches);
