//! The live preview after any edits is byte for byte a whole render, and its
//! splices turn the old block list into the new one. Input: a selector byte,
//! the body, then `\xff`-separated edits `pos_hi pos_lo deleted inserted…`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postwright::markdown::{render_html, Incremental, RenderOptions, Templates};

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let mut chunks = rest.split(|&b| b == 0xff);
    let Some(Ok(body)) = chunks.next().map(std::str::from_utf8) else {
        return;
    };
    let opts = RenderOptions {
        smart_punctuation: sel & 1 != 0,
        base_url: None,
        templates: match (sel >> 1) % 3 {
            0 => Templates::Hugo,
            1 => Templates::Liquid,
            _ => Templates::Zola,
        },
    };
    let mut inc = Incremental::new(opts.clone());
    let mut text = body.to_string();
    inc.update(&text);
    let mut mirror: Vec<String> = inc.blocks().map(str::to_string).collect();
    for edit in chunks.take(16) {
        let [hi, lo, del, ins @ ..] = edit else {
            continue;
        };
        let Ok(ins) = std::str::from_utf8(ins) else {
            continue;
        };
        let at = boundary(&text, usize::from(*hi) << 8 | usize::from(*lo));
        let end = boundary(&text, at + usize::from(*del % 16));
        text.replace_range(at..end, ins);
        let splice = inc.update(&text);
        let (at, removed) = (splice.at, splice.removed);
        assert!(at + removed <= mirror.len(), "splice out of range");
        mirror.splice(at..at + removed, splice.inserted);
        let whole = render_html(&text, &opts);
        assert_eq!(inc.html(), whole, "after edits: {text:?}");
        assert_eq!(mirror.concat(), whole, "splices: {text:?}");
    }
});
