#![cfg(not(target_arch = "wasm32"))]
//! The three-way merge of posts: edits to different keys or blocks merge
//! cleanly and keep every untouched byte; the same edit twice is no
//! conflict; a real conflict is reported per key or block, never dropped.
//! Properties over generated posts and edits (set PROPTEST_CASES to run more).

use postwright::merge::{merge, Place, Resolution};
use postwright::post::Post;
use proptest::prelude::*;

const BASE: &str = "---\ntitle: \"From Dev to DevRel\"\ndate: 2024-05-01\n# the author's own comment\ntags: [devrel, career]\ndraft: true\n---\n\nFirst paragraph.\n\n- a list\n- of things\n\n```sh\necho code\n```\n\nLast paragraph.\n";

#[test]
fn two_authors_editing_different_keys_and_paragraphs_never_conflict() {
    let mine = BASE
        .replace(
            "title: \"From Dev to DevRel\"",
            "title: \"From Dev to DevRel, and back\"",
        )
        .replace("First paragraph.", "First paragraph, rewritten.");
    let theirs = BASE
        .replace("draft: true", "draft: false")
        .replace("- of things", "- of things\n- and more")
        .replace("Last paragraph.", "Last paragraph!");
    let m = merge(BASE, &mine, &theirs);
    let text = m.text().expect("clean");
    assert_eq!(
        text,
        "---\ntitle: \"From Dev to DevRel, and back\"\ndate: 2024-05-01\n# the author's own comment\ntags: [devrel, career]\ndraft: false\n---\n\nFirst paragraph, rewritten.\n\n- a list\n- of things\n- and more\n\n```sh\necho code\n```\n\nLast paragraph!\n"
    );
    // Adjacent keys too (classic diff3 calls this a conflict).
    let mine = BASE.replace("date: 2024-05-01", "date: 2024-05-02");
    let theirs = BASE.replace("tags: [devrel, career]", "tags: [devrel]");
    assert!(merge(BASE, &mine, &theirs).is_clean());
}

#[test]
fn the_same_edit_on_both_sides_is_not_a_conflict() {
    let both = BASE.replace("draft: true", "draft: false");
    assert_eq!(
        merge(BASE, &both, &both).text().as_deref(),
        Some(both.as_str())
    );
    let mine = both.replace("Last paragraph.", "Mine.");
    assert_eq!(
        merge(BASE, &mine, &both).text().as_deref(),
        Some(mine.as_str())
    );
}

#[test]
fn a_real_conflict_is_reported_per_key_and_per_block_with_all_three_versions() {
    let mine = BASE
        .replace("title: \"From Dev to DevRel\"", "title: \"Mine\"")
        .replace("Last paragraph.", "Mine last.");
    let theirs = BASE
        .replace("title: \"From Dev to DevRel\"", "title: \"Theirs\"")
        .replace("Last paragraph.", "Theirs last.")
        .replace("draft: true", "draft: false");
    let m = merge(BASE, &mine, &theirs);
    let conflicts: Vec<_> = m.conflicts().collect();
    assert_eq!(conflicts.len(), 2);
    assert_eq!(conflicts[0].place, Place::Field("title".into()));
    assert_eq!(
        conflicts[0].base.as_deref(),
        Some("title: \"From Dev to DevRel\"\n")
    );
    assert_eq!(conflicts[0].mine.as_deref(), Some("title: \"Mine\"\n"));
    assert_eq!(conflicts[0].theirs.as_deref(), Some("title: \"Theirs\"\n"));
    assert_eq!(conflicts[1].place, Place::Body { line: 18 });
    assert_eq!(m.text(), None, "no text while a conflict remains");
    // Settled: theirs for the title, an edit for the paragraph; the clean change (draft) is in.
    let settled = m.resolved(&[
        Resolution::Theirs,
        Resolution::Edited("Both last.\n".into()),
    ]);
    assert!(
        settled.contains("title: \"Theirs\"\n")
            && settled.contains("draft: false")
            && settled.ends_with("Both last.\n"),
        "{settled}"
    );
    // Markers go around the conflicting field and block only.
    let marked = m.with_markers("mine", "theirs");
    assert!(marked.contains("<<<<<<< mine\ntitle: \"Mine\"\n=======\ntitle: \"Theirs\"\n>>>>>>> theirs\ndate: 2024-05-01\n"), "{marked}");
    assert!(marked.contains("draft: false\n---\n"));
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_is_a_conflict_not_a_loss() {
    let mine = BASE.replace("tags: [devrel, career]\n", "");
    let theirs = BASE.replace("tags: [devrel, career]", "tags: [devrel, career, writing]");
    let m = merge(BASE, &mine, &theirs);
    let c: Vec<_> = m.conflicts().collect();
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].mine.as_deref(), c[0].theirs.as_deref()),
        (None, Some("tags: [devrel, career, writing]\n"))
    );
}

#[test]
fn toml_front_matter_merges_by_key_and_its_tables_stay_whole() {
    let base = "+++\ntitle = \"A\"\ndate = 2024-01-01\n[taxonomies]\ntags = [\"x\"]\n[extra]\nmood = \"calm\"\n+++\nBody.\n";
    let mine = base.replace("title = \"A\"", "title = \"B\"");
    let theirs = base.replace("mood = \"calm\"", "mood = \"happy\"");
    let text = merge(base, &mine, &theirs).text().expect("clean");
    assert_eq!(
        text,
        base.replace("title = \"A\"", "title = \"B\"")
            .replace("mood = \"calm\"", "mood = \"happy\"")
    );
}

#[test]
fn two_keys_added_at_one_place_are_both_kept_whichever_side_is_mine() {
    let mine = BASE.replace("draft: true\n", "draft: true\nauthor: Ann\n");
    let theirs = BASE.replace("draft: true\n", "draft: true\nslug: devrel\n");
    let a = merge(BASE, &mine, &theirs).text().expect("clean");
    let b = merge(BASE, &theirs, &mine).text().expect("clean");
    assert_eq!(a, b);
    assert!(
        a.contains("draft: true\nauthor: Ann\nslug: devrel\n---"),
        "{a}"
    );
}

// ---- properties -----------------------------------------------------------

/// A post as keys and paragraphs; edits as each index's fate.
#[derive(Debug, Clone)]
enum Op {
    Keep,
    Change,
    Delete,
}

#[derive(Debug, Clone)]
struct Side {
    keys: Vec<Op>,
    key_insert: Vec<bool>,
    paras: Vec<Op>,
    para_insert: Vec<bool>,
}

fn render(keys: &[(String, String)], paras: &[String]) -> String {
    let mut s = String::from("---\n");
    for (k, v) in keys {
        s.push_str(&format!("{k}: {v}\n"));
    }
    s.push_str("---\n\n");
    for p in paras {
        s.push_str(p);
        s.push_str("\n\n");
    }
    s
}

/// Applies one or both sides' edits (for `who` = "m", "t") to a base of `nk` keys and `np` paragraphs.
fn apply(nk: usize, np: usize, sides: &[(&str, &Side)]) -> String {
    let mut keys = Vec::new();
    for i in 0..nk {
        let mut v = Some(format!("base-{i}"));
        for (who, s) in sides {
            match s.keys[i] {
                Op::Keep => {}
                Op::Change => v = Some(format!("{who}-{i}")),
                Op::Delete => v = None,
            }
        }
        if let Some(v) = v {
            keys.push((format!("k{i}"), v));
        }
        let mut added: Vec<(String, String)> = sides
            .iter()
            .filter(|(_, s)| s.key_insert[i])
            .map(|(who, _)| (format!("new_{who}_{i}"), "added".to_string()))
            .collect();
        added.sort();
        keys.extend(added);
    }
    let mut paras = Vec::new();
    for j in 0..np {
        for (who, s) in sides {
            if s.para_insert[j] {
                paras.push(format!("Inserted by {who} before {j}."));
            }
        }
        let mut p = Some(format!(
            "Paragraph {j}: alpha{j} beta{j} gamma{j} delta{j}."
        ));
        for (who, s) in sides {
            match s.paras[j] {
                Op::Keep => {}
                Op::Change => {
                    p = Some(format!(
                        "Paragraph {j}: alpha{j} beta{j} gamma{j} delta{j}, as {who} wrote it."
                    ))
                }
                Op::Delete => p = None,
            }
        }
        paras.extend(p);
    }
    render(&keys, &paras)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![Just(Op::Change), Just(Op::Delete)]
}

/// Two sides whose edits touch disjoint keys, paragraphs and insertion places.
fn disjoint() -> impl Strategy<Value = (usize, usize, Side, Side)> {
    (1usize..7, 1usize..7).prop_flat_map(|(nk, np)| {
        let owner = || proptest::collection::vec(0u8..3, nk + np);
        let owner_ins = || proptest::collection::vec(0u8..3, nk + np);
        (
            Just(nk),
            Just(np),
            owner(),
            owner_ins(),
            proptest::collection::vec(op(), nk + np),
        )
            .prop_map(|(nk, np, own, own_ins, ops)| {
                // A side that deletes an item and inserts right beside it
                // leaves no trace of which side of the gap it wrote on (its
                // text reads the same either way), so the other side's
                // insertion there may rightly conflict: such pairs are not
                // "disjoint" and are left to the next property.
                let side = |me: u8| {
                    let keys: Vec<Op> = (0..nk)
                        .map(|i| {
                            if own[i] == me {
                                ops[i].clone()
                            } else {
                                Op::Keep
                            }
                        })
                        .collect();
                    let paras: Vec<Op> = (0..np)
                        .map(|j| {
                            if own[nk + j] == me {
                                ops[nk + j].clone()
                            } else {
                                Op::Keep
                            }
                        })
                        .collect();
                    let del = |v: &[Op], i: usize| matches!(v.get(i), Some(Op::Delete));
                    Side {
                        key_insert: (0..nk)
                            .map(|i| own_ins[i] == me && !del(&keys, i) && !del(&keys, i + 1))
                            .collect(),
                        para_insert: (0..np)
                            .map(|j| {
                                own_ins[nk + j] == me
                                    && !del(&paras, j)
                                    && (j == 0 || !del(&paras, j - 1))
                            })
                            .collect(),
                        keys,
                        paras,
                    }
                };
                (nk, np, side(1), side(2))
            })
    })
}

fn any_side(nk: usize, np: usize) -> impl Strategy<Value = Side> {
    let o = || prop_oneof![3 => Just(Op::Keep), 1 => Just(Op::Change), 1 => Just(Op::Delete)];
    (
        proptest::collection::vec(o(), nk),
        proptest::collection::vec(any::<bool>(), nk),
        proptest::collection::vec(o(), np),
        proptest::collection::vec(any::<bool>(), np),
    )
        .prop_map(|(keys, key_insert, paras, para_insert)| Side {
            keys,
            key_insert,
            paras,
            para_insert,
        })
}

proptest! {
    #[test]
    fn disjoint_edits_merge_cleanly_commute_and_keep_everything((nk, np, m, t) in disjoint()) {
        let none = Side { keys: vec![Op::Keep; nk], key_insert: vec![false; nk], paras: vec![Op::Keep; np], para_insert: vec![false; np] };
        let base = apply(nk, np, &[("b", &none)]);
        let mine = apply(nk, np, &[("m", &m)]);
        let theirs = apply(nk, np, &[("t", &t)]);
        let expected = apply(nk, np, &[("m", &m), ("t", &t)]);
        let merged = merge(&base, &mine, &theirs).text();
        prop_assert!(merged.is_some(), "disjoint edits conflict");
        let merged = merged.unwrap();
        prop_assert_eq!(merge(&base, &theirs, &mine).text(), Some(merged.clone()), "the sides commute");
        prop_assert!(Post::parse(&merged).fields().is_ok());
        // Every line either side wrote is in, every line either removed is out.
        let lines = |t: &str| t.lines().filter(|l| !l.is_empty() && *l != "---").map(String::from).collect::<std::collections::BTreeSet<_>>();
        prop_assert_eq!(lines(&merged), lines(&expected));
        // Where neither side deleted anything, insertion places are plain and
        // the result is exactly both edits applied. (A side that deletes the
        // items around its own insertion leaves its place among the other
        // side's insertions open: any order of the two is a right merge.)
        let deletes = |s: &Side| s.keys.iter().chain(&s.paras).any(|o| matches!(o, Op::Delete));
        if !deletes(&m) && !deletes(&t) {
            prop_assert_eq!(&merged, &expected);
        }
        // merge(b, a, b) = a and merge(b, b, t) = t.
        prop_assert_eq!(merge(&base, &mine, &base).text(), Some(mine.clone()));
        prop_assert_eq!(merge(&base, &base, &theirs).text(), Some(theirs.clone()));
    }

    #[test]
    fn every_edit_is_in_the_result_or_in_a_reported_conflict(
        (nk, np, m, t) in (1usize..6, 1usize..6).prop_flat_map(|(nk, np)| (Just(nk), Just(np), any_side(nk, np), any_side(nk, np)))
    ) {
        let none = Side { keys: vec![Op::Keep; nk], key_insert: vec![false; nk], paras: vec![Op::Keep; np], para_insert: vec![false; np] };
        let base = apply(nk, np, &[("b", &none)]);
        let mine = apply(nk, np, &[("m", &m)]);
        let theirs = apply(nk, np, &[("t", &t)]);
        let merged = merge(&base, &mine, &theirs);
        let conflicted: Vec<String> = merged.conflicts().flat_map(|c| [c.mine.clone().unwrap_or_default(), c.theirs.clone().unwrap_or_default()]).collect();
        let text = merged.resolved(&[]);
        for (who, side, doc) in [("m", &m, &mine), ("t", &t, &theirs)] {
            for (i, op) in side.keys.iter().enumerate() {
                let line = format!("k{i}: {who}-{i}\n");
                if matches!(op, Op::Change) {
                    prop_assert!(text.contains(&line) || conflicted.iter().any(|c| c.contains(&line)), "{} lost in\n{}", line, text);
                }
            }
            for (j, op) in side.paras.iter().enumerate() {
                let para = format!("Paragraph {j}: alpha{j} beta{j} gamma{j} delta{j}, as {who} wrote it.");
                if matches!(op, Op::Change) {
                    prop_assert!(doc.contains(&para));
                    prop_assert!(text.contains(&para) || conflicted.iter().any(|c| c.contains(&para)), "{} lost in\n{}", para, text);
                }
            }
        }
        // Settled either way, the result reads back as a post.
        let all_theirs: Vec<Resolution> = merged.conflicts().map(|_| Resolution::Theirs).collect();
        prop_assert!(Post::parse(&merged.resolved(&all_theirs)).fields().is_ok());
        prop_assert!(Post::parse(&text).fields().is_ok());
        // Untouched keys keep their bytes.
        for i in 0..nk {
            if matches!(m.keys[i], Op::Keep) && matches!(t.keys[i], Op::Keep) {
                let line = format!("k{i}: base-{i}\n");
                prop_assert!(text.contains(&line));
            }
        }
    }
}
