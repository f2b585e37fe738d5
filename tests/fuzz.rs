//! Property-based fuzzing of split, parse, fields, set/remove/rename and
//! validate. Run longer with e.g. `PROPTEST_CASES=100000 cargo test --release --test fuzz`.

#![cfg(not(target_arch = "wasm32"))]
use postwright::post::{value_from_text, value_text, EditError, Post, Value};
use postwright::schema::Schema;
use postwright::validate::validate;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "---",
    "...",
    "+++",
    "---json",
    "{",
    "}",
    "[",
    "]",
    "title: Hello",
    "date: 2020-07-23",
    "date: 2025-05-05 17:35:52.919448",
    "tags: [\"a\", \"b\"]",
    "tags:",
    "  - x",
    "- y",
    "  - 'q'",
    "autho: \"J\"",
    "# comment",
    "  # indented",
    "",
    " ",
    "\t",
    "a: &a [x, y]",
    "b: *a",
    "c: |",
    "  literal",
    "d: >-",
    "  folded",
    "\"quoted key\": v",
    "'k': 'it''s'",
    "e: \"esc \\n \\\" \\u00e9\"",
    "f: {x: 1}",
    "g:",
    "  nested: 1",
    "title = \"toml\"",
    "date = 2020-01-01T00:00:00Z",
    "[params]",
    "x = [1, 2]",
    "\"title\": \"json\",",
    "\"tags\": [1, \"a\"]",
    "country: NO",
    "n: 0x1F",
    "v: 1.50",
    "? k",
    ": v",
    "ü: ✓",
    "k: v # c",
    "k: v ",
    "emoji: 🎉",
    "!!binary x",
    "<<: *a",
    "x: \"unterminated",
    "y: [unclosed",
];

fn post_text() -> impl Strategy<Value = String> {
    let frag = prop_oneof![
        8 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[ -~\\t]{0,12}",
        1 => any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ];
    let eol = prop_oneof![6 => Just("\n"), 2 => Just("\r\n"), 1 => Just("\r"), 1 => Just("")];
    let wrap = prop_oneof![
        2 => Just(("", "")),
        4 => Just(("---\n", "---\n")),
        1 => Just(("---\r\n", "...\r\n")),
        1 => Just(("+++\n", "+++\n")),
        1 => Just(("---json\n{", "}\n---\n")),
    ];
    (
        any::<bool>(),
        wrap,
        proptest::collection::vec((frag, eol), 0..24),
        "[ -~\n]{0,20}",
    )
        .prop_map(|(bom, (open, close), parts, body)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str(open);
            for (f, e) in parts {
                s.push_str(&f);
                s.push_str(e);
            }
            if !close.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            s.push_str(close);
            s.push_str(&body);
            s
        })
}

const VALUES: &[&str] = &[
    "Hello",
    "\"quoted: yes\"",
    "'single ''q'''",
    "2020-07-23",
    "2025-05-05 17:35:52.919448",
    "[a, \"b\"]",
    "[]",
    "NO",
    "yes",
    "1.50",
    "0x1F",
    "~",
    "",
    "|\n  line one\n  line two",
    ">-\n  folded",
    "\n  - x\n  - 'y'",
    "\n- x\n- y",
    "\n  k: v\n  n:\n    deep: 1",
    "{a: 1}",
    "&anc v",
    "*anc",
    "\"multi\n  line\"",
    "v # comment",
    "v ",
    "https://x.y/a:b",
    "ü ✓",
    "\"\\t\\u00e9\"",
    "[one,\n  two]",
];

/// Mostly valid YAML front matter built from known-good lines.
fn yaml_text() -> impl Strategy<Value = String> {
    let line = (
        proptest::sample::select(vec![
            "title",
            "date",
            "tags",
            "draft",
            "author",
            "autho",
            "description",
            "x",
            "\"q k\"",
            "ü",
        ]),
        proptest::sample::select(VALUES),
        prop_oneof![4 => Just(""), 1 => Just("# c\n"), 1 => Just("\n")],
    );
    let eol = prop_oneof![3 => Just("\n"), 1 => Just("\r\n")];
    (eol, proptest::collection::vec(line, 0..8), "[ -~\n]{0,20}").prop_map(|(eol, lines, body)| {
        let mut s = format!("---{eol}");
        let mut seen = Vec::new();
        for (k, v, extra) in lines {
            if seen.contains(&k) {
                continue;
            }
            seen.push(k);
            s.push_str(&extra.replace('\n', eol));
            let sep = if v.starts_with('\n') || v.is_empty() {
                ":"
            } else {
                ": "
            };
            s.push_str(&format!("{k}{sep}{v}\n").replace('\n', eol));
        }
        s.push_str(&format!("---{eol}{body}"));
        s
    })
}

const TOML_VALUES: &[&str] = &[
    "\"Hello\"",
    "'literal'",
    "2020-07-23",
    "2024-01-01T08:00:00Z",
    "[\"a\", 'b']",
    "[]",
    "true",
    "10",
    "1.5",
    "{ x = 1 }",
    "\"\"\"\nmulti\nline\"\"\"",
    "\"esc \\\" \\u00e9\"",
    "[1, [2]]",
    "1979-05-27 07:32:00+02:00",
];

/// Mostly valid TOML front matter.
fn toml_text() -> impl Strategy<Value = String> {
    let line = (
        proptest::sample::select(vec![
            "title", "date", "tags", "draft", "autho", "weight", "\"q k\"", "x",
        ]),
        proptest::sample::select(TOML_VALUES),
        prop_oneof![4 => Just(""), 1 => Just(" # c"), 1 => Just("\n")],
    );
    let eol = prop_oneof![3 => Just("\n"), 1 => Just("\r\n")];
    let table = prop_oneof![3 => Just(""), 1 => Just("[params]\nsub = 1\n"), 1 => Just("[[res]]\nsrc = 'a'\n")];
    (eol, proptest::collection::vec(line, 0..7), table).prop_map(|(eol, lines, table)| {
        let mut s = format!("+++{eol}");
        let mut seen = Vec::new();
        for (k, v, extra) in lines {
            if seen.contains(&k) {
                continue;
            }
            seen.push(k);
            s.push_str(&format!("{k} = {v}{extra}\n").replace('\n', eol));
        }
        s.push_str(&table.replace('\n', eol));
        s.push_str(&format!("+++{eol}body"));
        s
    })
}

const JSON_VALUES: &[&str] = &[
    "\"Hello\"",
    "\"2020-07-23\"",
    "[\"a\", \"b\"]",
    "[\n    \"a\",\n    \"b\"\n  ]",
    "[]",
    "true",
    "null",
    "10",
    "1.50",
    "{\"x\": 1}",
    "\"esc \\\" \\u00e9\"",
    "[1, [2]]",
    "-0.5e3",
];

/// Mostly valid JSON front matter, `---json` or bare.
fn json_text() -> impl Strategy<Value = String> {
    let member = (
        proptest::sample::select(vec![
            "title", "date", "tags", "draft", "autho", "weight", "q k", "x",
        ]),
        proptest::sample::select(JSON_VALUES),
    );
    (
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec(member, 0..7),
    )
        .prop_map(|(dashed, pretty, ms)| {
            let mut seen = Vec::new();
            let mut parts = Vec::new();
            for (k, v) in ms {
                if !seen.contains(&k) {
                    seen.push(k);
                    parts.push(format!("\"{k}\": {v}"));
                }
            }
            let obj = if pretty {
                format!("{{\n  {}\n}}", parts.join(",\n  "))
            } else {
                format!("{{{}}}", parts.join(", "))
            };
            if dashed {
                format!("---json\n{obj}\n---\nbody\n")
            } else {
                format!("{obj}\nbody\n")
            }
        })
}

fn value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![Just("1"), Just("1.5"), Just("-3"), Just("x")]
            .prop_map(|s| Value::Number(s.to_string())),
        "[ -~]{0,10}".prop_map(Value::String),
        any::<String>().prop_map(|s| Value::String(s.chars().take(8).collect())),
        proptest::sample::select(vec![
            "yes",
            "NO",
            "2020-07-23",
            "- x",
            "a: b",
            "#",
            "'",
            "\"",
            "[x]",
            "null",
            "1e3",
            " x"
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    prop_oneof![
        4 => scalar.clone(),
        2 => proptest::collection::vec(scalar, 0..4).prop_map(Value::List),
        1 => proptest::sample::select(vec!["{a: 1}", "  x: 1\n  y: 2", "[1, 2]", "*a", "{\"a\": 1}"])
            .prop_map(|s| Value::Raw(s.to_string())),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "title",
            "date",
            "tags",
            "draft",
            "author",
            "description",
            "new",
            "b",
            "g",
            "ü",
            "weight",
            "x",
            "q k"
        ])
        .prop_map(str::to_string),
        "[a-z]{1,6}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

/// After a successful edit the post must still read, and no other field may change.
fn check_edit(before: &Post, after: &Post, touched: &[&str]) -> Result<(), TestCaseError> {
    let (Ok(b), Ok(a)) = (before.fields(), after.fields()) else {
        return Err(TestCaseError::fail(format!(
            "edit broke fields:\n{:?}\n{:?}",
            before.to_text(),
            after.to_text()
        )));
    };
    for f in b.iter().filter(|f| !touched.contains(&f.key.as_str())) {
        let g = a.iter().find(|g| g.key == f.key);
        prop_assert_eq!(
            g.map(|g| &g.value),
            Some(&f.value),
            "{:?} -> {:?}",
            before.to_text(),
            after.to_text()
        );
    }
    prop_assert_eq!(Post::parse(&after.to_text()).to_text(), after.to_text());
    Ok(())
}

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static CASES: AtomicUsize = AtomicUsize::new(0);
static WITH_FIELDS: AtomicUsize = AtomicUsize::new(0);
static EDITS_OK: AtomicUsize = AtomicUsize::new(0);
static EDITS_REFUSED: AtomicUsize = AtomicUsize::new(0);

/// `FUZZ_SHOW=1` prints every `Unsupported` refusal with its input.
fn show() -> bool {
    static SHOW: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SHOW.get_or_init(|| std::env::var("FUZZ_SHOW").is_ok())
}

static REASONS: std::sync::Mutex<Vec<(String, usize)>> = std::sync::Mutex::new(Vec::new());

/// Count an edit outcome; refusals are tallied by error kind.
fn count(r: Result<(), postwright::post::EditError>) -> bool {
    match r {
        Ok(()) => {
            EDITS_OK.fetch_add(1, Relaxed);
            true
        }
        Err(e) => {
            EDITS_REFUSED.fetch_add(1, Relaxed);
            let kind = format!("{e:?}");
            let kind = kind.split(['(', '{', '"']).next().unwrap_or("").to_string();
            let msg = match &e {
                EditError::Unsupported(m) | EditError::InvalidValue(m) => {
                    format!("{kind}: {}", m.split('`').next().unwrap_or(""))
                }
                _ => kind,
            };
            if let Ok(mut v) = REASONS.lock() {
                match v.iter_mut().find(|(m, _)| *m == msg) {
                    Some(x) => x.1 += 1,
                    None => v.push((msg, 1)),
                }
            }
            false
        }
    }
}

fn one_case(text: String, k: String, v: Value, k2: String) -> Result<(), TestCaseError> {
    CASES.fetch_add(1, Relaxed);
    let schema = Schema::blog();
    let post = Post::parse(&text);
    prop_assert_eq!(post.to_text(), text.clone());
    let _ = Post::from_bytes(text.as_bytes());
    let _ = post.body_start_line();
    let _ = validate(&post, &schema);
    let _ = post.title();
    if let Ok(fields) = post.fields() {
        if !fields.is_empty() {
            WITH_FIELDS.fetch_add(1, Relaxed);
        }
        for f in &fields {
            let mut p = post.clone();
            p.set(&f.key, &f.value, &schema).unwrap();
            prop_assert_eq!(p.to_text(), text.clone(), "no-op set of {}", f.key);
            // `postwright set FILE K "$(get FILE K)"`: the text `get` prints,
            // trailing line breaks dropped as `$(…)` does, taken back by `set`.
            let got = post.get(&f.key);
            let shown = got.as_ref().map(value_text).unwrap_or_default();
            let typed = value_from_text(shown.trim_end_matches('\n'), got.as_ref());
            let mut p = post.clone();
            let r = p.set(&f.key, &typed, &schema);
            prop_assert!(r.is_ok(), "set {:?} {:?} of get: {:?}", f.key, typed, r);
            prop_assert_eq!(p.to_text(), text.clone(), "set {:?} of get", f.key);
        }
        let mut p = post.clone();
        if show() {
            if let Err(EditError::Unsupported(m)) = p.clone().set(&k, &v, &schema) {
                eprintln!("REFUSED set {k:?} = {v:?} in {text:?}: {m}");
            }
        }
        if count(p.set(&k, &v, &schema)) {
            check_edit(&post, &p, &[k.as_str()])?;
            prop_assert!(p.get(&k).is_some(), "set {} lost it: {:?}", k, p.to_text());
        }
        let mut p = post.clone();
        if p.remove(&k).is_ok() {
            check_edit(&post, &p, &[k.as_str()])?;
            prop_assert_eq!(p.get(&k), None);
        }
        let mut p = post.clone();
        if p.rename(&k, &k2).is_ok() {
            check_edit(&post, &p, &[k.as_str(), k2.as_str()])?;
        }
        for f in fields.iter().take(3) {
            let mut p = post.clone();
            if show() {
                if let Err(EditError::Unsupported(m)) = p.clone().set(&f.key, &v, &schema) {
                    eprintln!("REFUSED set {:?} = {v:?} in {text:?}: {m}", f.key);
                }
                if let Err(EditError::Unsupported(m)) = p.clone().remove(&f.key) {
                    eprintln!("REFUSED remove {:?} in {text:?}: {m}", f.key);
                }
            }
            if count(p.set(&f.key, &v, &schema)) {
                check_edit(&post, &p, &[f.key.as_str()])?;
            }
            let mut p = post.clone();
            if count(p.remove(&f.key)) {
                check_edit(&post, &p, &[f.key.as_str()])?;
            }
            let mut p = post.clone();
            if count(p.rename(&f.key, &k2)) {
                check_edit(&post, &p, &[f.key.as_str(), k2.as_str()])?;
            }
        }
    }
    let mut p = post.clone();
    p.set_front_matter(&text);
    let _ = p.fields();
    Ok(())
}

#[test]
fn never_panics_and_edits_are_safe() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let text = prop_oneof![2 => post_text(), 3 => yaml_text(), 1 => toml_text(), 1 => json_text()];
    let r = runner.run(&(text, key(), value(), key()), |(t, k, v, k2)| {
        one_case(t, k, v, k2)
    });
    eprintln!(
        "fuzz: {} cases ({} with fields), {} edits applied and verified, {} refused",
        CASES.load(Relaxed),
        WITH_FIELDS.load(Relaxed),
        EDITS_OK.load(Relaxed),
        EDITS_REFUSED.load(Relaxed)
    );
    if let Ok(mut v) = REASONS.lock() {
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        for (m, n) in v.iter() {
            eprintln!("  refused {n:>6}: {m}");
        }
    }
    if let Err(e) = r {
        panic!("{e}");
    }
}
