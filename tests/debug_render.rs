#[test]
#[ignore]
fn show() {
    let s = std::fs::read_to_string(std::env::var("MD").unwrap()).unwrap();
    let o = postwright::markdown::RenderOptions { smart_punctuation: true, base_url: Some("https://example.com/".into()) };
    for b in postwright::markdown::render_blocks(&s, &o) { println!("[{:016x}] {}", b.key, b.html); }
}
