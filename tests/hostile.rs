//! Hostile input: every case must be answered (usually with an error) in
//! bounded time, and nothing may panic.

use std::time::{Duration, Instant};

use postwright::post::{limits, EditError, ImportError, Post, Value};
use postwright::schema::Schema;
use postwright::validate::{validate, Severity};

/// Time budget per case: tight in release, generous for unoptimized builds
/// (which are ~10x slower and share the machine with other builds).
const BUDGET: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(5)
} else {
    Duration::from_secs(1)
};

/// Parse, list fields, validate, and try an edit; returns the fields result.
#[track_caller]
fn run(text: &str) -> Result<usize, String> {
    let t = Instant::now();
    let mut post = Post::parse(text);
    assert_eq!(post.to_text(), text);
    let r = post.fields().map(|f| f.len()).map_err(|d| d.message);
    let _ = validate(&post, &Schema::blog());
    let _ = post.set("title", &Value::String("x".into()), &Schema::blog());
    let el = t.elapsed();
    eprintln!(
        "hostile case at {}: {el:?} ({} bytes)",
        std::panic::Location::caller(),
        text.len()
    );
    assert!(el < BUDGET, "took {el:?}");
    r
}

fn billion_laughs() -> String {
    let mut s = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        s.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    s.push_str("---\nbody\n");
    s
}

#[test]
fn h01_billion_laughs() {
    let e = run(&billion_laughs()).unwrap_err();
    assert!(e.contains("alias"), "{e}");
}

#[test]
fn h02_small_alias_fanout_within_caps_is_bounded() {
    // Flat aliases are fine; aliases inside anchored values are refused.
    let s = "---\na: &a [x, x, x, x]\nb: *a\nc: [*a, *a, *a, *a]\nd:\n  <<: *a\n---\n";
    assert_eq!(run(s), Ok(4));
    let s = "---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n---\n";
    assert!(run(s).unwrap_err().contains("nested aliases"));
}

#[test]
fn h03_deep_flow_nesting() {
    let s = format!(
        "---\ntitle: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert!(run(&s).unwrap_err().contains("nested too deeply"));
}

#[test]
fn h04_deep_block_nesting() {
    let mut s = String::from("---\n");
    for i in 0..200 {
        s.push_str(&" ".repeat(i));
        s.push_str("k:\n");
    }
    s.push_str("---\n");
    assert!(run(&s).unwrap_err().contains("nested too deeply"));
}

#[test]
fn h05_deep_json_nesting() {
    let s = format!(
        "---json\n{{\"a\": {}1{}}}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(run(&s).is_err());
}

#[test]
fn h06_deep_toml_nesting() {
    let s = format!("+++\na = {}1{}\n+++\n", "[".repeat(5000), "]".repeat(5000));
    assert!(run(&s).is_err());
}

#[test]
fn h07_megabyte_scalar_in_front_matter() {
    let s = format!("---\ntitle: \"{}\"\n---\n", "x".repeat(1 << 20));
    assert!(run(&s).unwrap_err().contains("too large"));
}

#[test]
fn h08_megabyte_body_is_fine() {
    let s = format!(
        "---\ntitle: t\ndate: 2020-01-01\n---\n{}",
        "word ---\n".repeat(200_000)
    );
    assert_eq!(run(&s), Ok(2));
}

#[test]
fn h09_ten_thousand_keys() {
    let mut s = String::from("---\n");
    for i in 0..10_000 {
        s.push_str(&format!("k{i}: v\n"));
    }
    s.push_str("---\n");
    assert!(run(&s).is_err());
    let toml = s
        .replace("---", "+++")
        .replace(": ", " = \"")
        .replace("v\n", "v\"\n");
    assert!(run(&toml).is_err());
}

#[test]
fn h10_keys_over_key_cap_but_under_line_cap() {
    let mut s = String::from("---\n");
    for i in 0..(limits::MAX_KEYS + 1) {
        s.push_str(&format!("k{i}: v\n"));
    }
    s.push_str("---\n");
    assert!(run(&s).unwrap_err().contains("too many keys"));
}

#[test]
fn h11_invalid_utf8_reports_offset() {
    let mut b = b"---\ntitle: caf".to_vec();
    b.push(0xe9);
    b.extend_from_slice(b"\n---\n");
    let e = Post::from_bytes(&b).unwrap_err();
    assert_eq!(e, ImportError::InvalidUtf8 { offset: 14 });
    assert!(e.to_string().contains("offset 14"));
}

#[test]
fn h11b_utf16_is_reported_as_not_utf8() {
    let b = [0xff, 0xfe, b'-', 0, b'-', 0, b'-', 0, b'\n', 0];
    assert_eq!(
        Post::from_bytes(&b),
        Err(ImportError::InvalidUtf8 { offset: 0 })
    );
}

#[test]
fn h12_binary_rejected() {
    let b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(matches!(
        Post::from_bytes(b),
        Err(ImportError::Binary { offset: 8 })
    ));
}

#[test]
fn h13_oversized_file_rejected() {
    let b = vec![b'a'; limits::MAX_FILE_BYTES + 1];
    let e = Post::from_bytes(&b).unwrap_err();
    assert!(matches!(e, ImportError::TooLarge { .. }));
    assert!(e.to_string().contains("too large"));
}

#[test]
fn h14_control_characters() {
    let s = "---\ntitle: a\u{7}b\u{1b}[31m\ndate: 2020-01-01\n---\nbody\u{0}\u{8}\n";
    let _ = run(s);
    let mut p = Post::parse("---\ntitle: t\n---\n");
    p.set(
        "title",
        &Value::String("bell\u{7} esc\u{1b} nl\n".into()),
        &Schema::blog(),
    )
    .unwrap();
    assert_eq!(p.title().as_deref(), Some("bell\u{7} esc\u{1b} nl\n"));
    assert!(
        p.to_text().contains("title: \"bell\\x07 esc\\x1b nl\\n\""),
        "{}",
        p.to_text()
    );
}

#[test]
fn h15_syntax_error_position_is_in_file_coordinates() {
    let s = "---\ntitle: ok\ndate: 2020-01-01\ntags: [a, b\nauthor: x\n---\nbody\n";
    let p = Post::parse(s);
    let d = p.fields().unwrap_err();
    assert_eq!(d.severity, Severity::Error);
    assert!(d.line >= 4 && d.line <= 6, "{d:?}");
    let v = validate(&p, &Schema::blog());
    assert_eq!(v.len(), 1);
    let s = "+++\ntitle = \"ok\"\ndate = = 2\n+++\n";
    let d = Post::parse(s).fields().unwrap_err();
    assert_eq!(d.line, 3, "{d:?}");
    let s = "---json\n{\n  \"title\": \"ok\",\n  \"date\": ,\n}\n---\n";
    let d = Post::parse(s).fields().unwrap_err();
    assert_eq!(d.line, 4, "{d:?}");
}

#[test]
fn h16_many_delimiter_lines() {
    let s = "---\n".repeat(100_000);
    let t = Instant::now();
    let p = Post::parse(&s);
    assert_eq!(p.to_text(), s);
    assert_eq!(p.front_matter(), "");
    assert!(t.elapsed() < BUDGET);
    let s = format!("---\n{}", "a\n".repeat(500_000));
    assert_eq!(Post::parse(&s).format(), postwright::post::Format::None);
}

#[test]
fn h17_too_many_lines() {
    let s = format!(
        "---\ntitle: x\n{}---\n",
        "# c\n".repeat(limits::MAX_FRONT_MATTER_LINES + 10)
    );
    assert!(run(&s).unwrap_err().contains("too many lines"));
}

#[test]
fn h18_tags_and_merge_keys_do_not_panic() {
    for s in [
        "---\na: !!binary aGVsbG8=\nb: !custom {x: 1}\nc: !!str 12\n---\n",
        "---\nbase: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n---\n",
        "---\n? complex key\n: value\n---\n",
        "---\n[a, b]: c\n---\n",
        "---\n- a\n- b\n---\n",
        "---\njust a scalar\n---\n",
        "---\n&a x: *a\n---\n",
        "---\na: *undefined\n---\n",
        "---\na: 1\na: 2\n---\n",
        "---json\n{\"a\": 1, \"a\": 2}\n---\n",
        "+++\na = 1\na = 2\n+++\n",
        "{\"a\": \"unterminated}\n",
        "---\n\u{feff}title: x\n---\n",
        "\u{feff}\u{feff}---\ntitle: x\n---\n",
        "---\r\rtitle: x\r---\r",
    ] {
        let _ = run(s);
    }
}

#[test]
fn h19_huge_edit_value_rejected() {
    let mut p = Post::parse("---\ntitle: t\n---\n");
    let before = p.to_text();
    let r = p.set(
        "title",
        &Value::String("x".repeat(1 << 20)),
        &Schema::blog(),
    );
    assert_eq!(r, Err(EditError::TooLarge));
    assert_eq!(p.to_text(), before);
    assert!(matches!(
        p.set("a\nb", &Value::Null, &Schema::blog()),
        Err(EditError::InvalidKey(_))
    ));
    assert!(matches!(
        p.rename("title", "x\u{0}"),
        Err(EditError::InvalidKey(_))
    ));
}

#[test]
fn h20_big_flat_list_is_bounded() {
    let s = format!("---\ntags: [{}]\n---\n", vec!["a"; 9_000].join(","));
    assert_eq!(run(&s), Ok(1));
}

#[test]
fn h21_alias_bomb_under_the_alias_cap() {
    // 6 levels x 10 aliases = 60 aliases (under the cap) would be 10^6
    // items; serde_yaml's repetition limit stops it, in bounded time.
    let mut s = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..=6 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{p}"); 10].join(", ")
        ));
    }
    s.push_str("---\n");
    assert!(run(&s).is_err());
}

#[test]
fn h22_large_anchor_copied_many_times() {
    // A 20 KB anchored list used 60 times would copy 1.2 MB of nodes.
    let s = format!(
        "---\na: &a [{}]\nb: [{}]\n---\n",
        vec!["xxxxxxx"; 2500].join(","),
        vec!["*a"; 60].join(", ")
    );
    assert!(run(&s).unwrap_err().contains("expand"));
}

#[test]
fn h23_too_many_items() {
    let s = format!("---\ntags: [{}]\n---\n", vec!["a"; 20_000].join(","));
    assert!(run(&s).unwrap_err().contains("too many items"));
}
