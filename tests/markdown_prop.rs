//! Property tests: rendering never panics and the output always passes the
//! safety checker, on inputs assembled and mutated from HTML-ish pieces.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(not(target_arch = "wasm32"))]
mod common;

use postwright::markdown::{
    clear_cache, render_blocks, render_html, sanitize_html, stats, RenderOptions,
};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "=",
    "&",
    "&#",
    "&#x6a;",
    "&#106;",
    "&colon;",
    "&Tab;",
    "&#x09;",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u{0}",
    "\u{1}",
    "`",
    "```",
    "    ",
    "*",
    "_",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "# ",
    "> ",
    "- ",
    "1. ",
    "|",
    "|---|",
    "|:--|",
    "|-:|",
    "|:-:|",
    "[^1]",
    "[^1]:",
    "{#",
    "{",
    "}",
    ".x",
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{{</*",
    "*/>}}",
    "\u{E000}",
    "\u{E001}",
    "0",
    "script",
    "SCRIPT",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<svg>",
    "</svg>",
    "<math>",
    "<template>",
    "<noscript>",
    "</noscript>",
    "<xmp>",
    "</xmp>",
    "<textarea>",
    "</textarea>",
    "<plaintext>",
    "<iframe",
    "<object",
    "<embed",
    "<base",
    "<meta",
    "<form",
    "<button",
    "<input",
    "<link",
    "<img",
    "<a",
    "<div",
    "<details",
    "<span",
    "<p",
    "<table>",
    "<td>",
    "</div>",
    "</a>",
    "</p>",
    "<!--",
    "-->",
    "--!>",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
    "<!DOCTYPE html>",
    " src=",
    " href=",
    " onerror=",
    " onclick=",
    " ONLOAD=",
    " style=",
    " srcdoc=",
    " formaction=",
    " action=",
    " xlink:href=",
    " is=",
    " srcset=",
    " target=_blank",
    " data=",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java\nscript:",
    "vbscript:",
    "data:text/html,",
    "data:image/png,",
    " \u{1}",
    "alert(1)",
    "window.__pwned=1",
    "x",
    "https://example.com/",
    "/img/x.png",
    "#frag",
    "mailto:a@b.c",
    "](",
    "](<",
    "![",
    "[x]: ",
    "<javascript:alert(1)>",
    "¯\\_(ツ)_/¯",
    "\\_human_",
];

fn assembled() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

fn fixture_bodies() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    v.sort();
    v
}

/// A corpus file with pieces spliced in and bytes deleted.
fn mutated() -> impl Strategy<Value = String> {
    let bodies = fixture_bodies();
    (
        prop::sample::select(bodies),
        prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::sample::select(PIECES),
                any::<bool>(),
            ),
            1..8,
        ),
    )
        .prop_map(|(mut body, edits)| {
            for (at, piece, delete) in edits {
                if body.is_empty() {
                    body.push_str(piece);
                    continue;
                }
                let mut i = at.index(body.len());
                while !body.is_char_boundary(i) {
                    i -= 1;
                }
                if delete {
                    let mut j = (i + piece.len()).min(body.len());
                    while !body.is_char_boundary(j) {
                        j -= 1;
                    }
                    body.replace_range(i..j, "");
                } else {
                    body.insert_str(i, piece);
                }
            }
            body
        })
}

fn check(input: &str) {
    for o in [
        RenderOptions::default(),
        RenderOptions {
            smart_punctuation: true,
            base_url: Some("https://example.com/blog/".into()),
            ..RenderOptions::default()
        },
    ] {
        let html = render_html(input, &o);
        common::assert_safe(&html, input);
        // The fragment cache never changes the output.
        clear_cache();
        assert_eq!(render_html(input, &o), html);
        let joined: String = render_blocks(input, &o)
            .into_iter()
            .map(|b| b.html)
            .collect();
        assert_eq!(joined, html);
    }
    common::assert_safe(&sanitize_html(input), input);
    let _ = stats(input);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn assembled_inputs_are_safe(input in assembled()) {
        check(&input);
    }

    #[test]
    fn mutated_corpus_is_safe(input in mutated()) {
        check(&input);
    }

    #[test]
    fn arbitrary_strings_are_safe(input in "\\PC{0,200}") {
        check(&input);
    }
}
