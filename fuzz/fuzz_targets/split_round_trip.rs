//! Any text splits and joins back to its bytes, reads without panicking,
//! and its own front matter set back changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postwright::post::Post;

fuzz_target!(|data: &[u8]| {
    let Ok(post) = Post::from_bytes(data) else {
        return;
    };
    let text = post.to_text();
    assert_eq!(text.as_bytes(), data);
    let _ = post.fields();
    let _ = post.duplicate_keys();
    let _ = post.body_start_line();
    let again = Post::parse(&text);
    assert_eq!(again.front_matter(), post.front_matter());
    assert_eq!(again.body(), post.body());
    let mut same = post.clone();
    let front = post.front_matter().to_string();
    same.set_front_matter(&front);
    assert_eq!(same.to_text(), text);
});
