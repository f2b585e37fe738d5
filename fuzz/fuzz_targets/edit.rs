//! An edit is accepted only if the post then reads back, the edited field
//! reads as set, and every other field keeps its value and its key line.
//! Input: `post \xff key \xff value \xff op` (op's first byte picks set as
//! text, set as a list, set as YAML-ish raw, remove or rename).
#![no_main]

use libfuzzer_sys::fuzz_target;
use postwright::post::{value_from_text, Field, Format, KeyCase, Post, Value};
use postwright::schema::Schema;

/// Every field not `touched` keeps its value, and its key line (unless it
/// shares the line with another field, as in a one-line `{…}`, or is JSON,
/// where the member before an added one gains its comma).
fn others_unchanged(
    before: &[Field],
    after: &[Field],
    touched: &[&str],
    old: &str,
    new: &str,
    json: bool,
) {
    let new_lines: Vec<&str> = new.lines().collect();
    for f in before.iter().filter(|f| !touched.contains(&f.key.as_str())) {
        let g = after
            .iter()
            .find(|g| g.key == f.key && g.key_is_text == f.key_is_text)
            .unwrap_or_else(|| panic!("{:?} lost in {new:?}", f.key));
        assert_eq!(g.value, f.value, "{:?} changed: {old:?} -> {new:?}", f.key);
        let shared = before.iter().filter(|g| g.line == f.line).count() > 1;
        if json || shared {
            continue;
        }
        let line = old.lines().nth(f.line - 1).unwrap_or("");
        assert!(
            new_lines.contains(&line),
            "line {line:?} changed: {old:?} -> {new:?}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xff);
    let (Some(text), Some(key), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let op = parts.next().and_then(|o| o.first()).copied().unwrap_or(0);
    let (Ok(text), Ok(key), Ok(value)) = (
        std::str::from_utf8(text),
        std::str::from_utf8(key),
        std::str::from_utf8(value),
    ) else {
        return;
    };
    let case = if op & 0x80 != 0 {
        KeyCase::Insensitive
    } else {
        KeyCase::Exact
    };
    let post = Post::parse(text).with_key_case(case);
    let Ok(before) = post.fields() else {
        return;
    };
    let schema = Schema::blog();
    let mut p = post.clone();
    let old = post.to_text();
    let json = post.format() == Format::Json;
    match op % 5 {
        0..=2 => {
            let current = post.get(key);
            let v = match op % 5 {
                0 => value_from_text(value, current.as_ref()),
                1 => Value::List(value.split(',').map(|s| Value::String(s.into())).collect()),
                _ => Value::Raw(value.to_string()),
            };
            if p.set(key, &v, &schema).is_err() {
                assert_eq!(p.to_text(), old, "a refused edit changed the post");
                return;
            }
            let after = p
                .fields()
                .unwrap_or_else(|d| panic!("accepted, then {d:?}: {:?}", p.to_text()));
            let edited = p
                .field(key)
                .unwrap_or_else(|| panic!("{key:?} not there: {:?}", p.to_text()));
            if !matches!(v, Value::Raw(_)) {
                assert_eq!(edited.value, v, "{:?}", p.to_text());
            }
            others_unchanged(
                &before,
                &after,
                &[edited.key.as_str()],
                &old,
                &p.to_text(),
                json,
            );
            assert_eq!(p.body(), post.body());
        }
        3 => {
            let target = post.field(key).map(|f| f.key);
            if p.remove(key).is_ok() {
                let after = p.fields().expect("reads after remove");
                let t = target.expect("removed an absent key");
                others_unchanged(&before, &after, &[t.as_str()], &old, &p.to_text(), json);
            }
        }
        _ => {
            let target = post.field(key).map(|f| f.key);
            if p.rename(key, value).is_ok() {
                let after = p.fields().expect("reads after rename");
                let t = target.expect("renamed an absent key");
                others_unchanged(
                    &before,
                    &after,
                    &[t.as_str(), value],
                    &old,
                    &p.to_text(),
                    json,
                );
            }
        }
    }
});
