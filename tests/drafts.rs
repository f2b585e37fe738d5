//! The draft store natively, over MemoryStore.

#[path = "common/drafts_contract.rs"]
mod contract;

use postwright::drafts::*;

#[test]
fn contract_on_memory_store() {
    contract::run_all(MemoryStore::new);
}

#[test]
fn contract_on_memory_store_with_chromium_quota() {
    contract::run_all(|| MemoryStore::with_quota(MemoryStore::CHROMIUM_QUOTA_UNITS));
}

#[test]
fn quota_exceeded_on_memory_store() {
    contract::quota_exceeded(MemoryStore::with_quota(100_000), |s| {
        contract::fill_to_brim(s, "filler:");
    });
}

#[test]
fn memory_store_quota_counts_utf16_units_of_keys_and_values() {
    let s = MemoryStore::with_quota(10);
    s.set("ab", "😀é").unwrap(); // 2 + 3 units
    assert_eq!(s.used_units(), 5);
    s.set("cd", "xyz").unwrap();
    assert_eq!(s.used_units(), 10);
    assert_eq!(s.set("e", ""), Err(StorageError::QuotaExceeded));
    // Replacing a value counts the difference.
    s.set("cd", "x").unwrap();
    assert_eq!(s.used_units(), 8);
    assert_eq!(s.set("ab", "123456"), Err(StorageError::QuotaExceeded));
    assert_eq!(
        s.get("ab").unwrap().as_deref(),
        Some("😀é"),
        "failed set changes nothing"
    );
    s.remove("ab").unwrap();
    assert_eq!(s.used_units(), 3);
    assert_eq!(s.keys().unwrap(), ["cd"]);
}

#[test]
fn memory_store_clones_share_data() {
    let a = MemoryStore::new();
    let b = a.clone();
    a.set("k", "v").unwrap();
    assert_eq!(b.get("k").unwrap().as_deref(), Some("v"));
}

#[test]
fn storage_errors_tell_what_to_do() {
    let full = StorageError::QuotaExceeded.to_string();
    assert!(full.contains("full") && full.contains("NOT saved") && full.contains("Export"));
    assert!(StorageError::Blocked.to_string().contains("Export"));
    assert!(StorageError::Unavailable.to_string().contains("Export"));
    assert!(StorageError::Other("boom".into())
        .to_string()
        .contains("boom"));
    let conflict = SaveError::Conflict {
        theirs: Box::new(Draft {
            id: "x".into(),
            text: String::new(),
            path: None,
            cursor: Cursor::default(),
            title: String::new(),
            date: None,
            created_ms: 0,
            updated_ms: 0,
            rev: 2,
            writer: "t".into(),
        }),
    };
    assert!(conflict.to_string().contains("another tab"));
}

#[test]
fn a_failed_draft_write_is_never_reported_as_saved() {
    /// Storage whose writes to draft entries fail.
    struct DraftWritesFail(MemoryStore);
    impl KeyValueStore for DraftWritesFail {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            self.0.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            if key.contains(":draft:") {
                return Err(StorageError::Other("disk error".into()));
            }
            self.0.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            self.0.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StorageError> {
            self.0.keys()
        }
    }
    let mem = MemoryStore::new();
    let ok = DraftStore::new(mem.clone(), "t");
    let info = DraftInfo::new("T", None);
    let id = ok.create("kept", &info, 1).unwrap();
    let failing = DraftStore::new(DraftWritesFail(mem.clone()), "t");
    let err = failing
        .save(&id, "lost?", Cursor::default(), &info, 2, 1)
        .unwrap_err();
    assert_eq!(
        err,
        SaveError::Storage(StorageError::Other("disk error".into()))
    );
    assert_eq!(ok.load(&id).unwrap().text, "kept");
    assert!(failing.create("new", &info, 3).is_err());
    assert_eq!(ok.list().unwrap().len(), 1);
}

#[test]
fn cursor_is_clamped_to_the_text() {
    let drafts = DraftStore::new(MemoryStore::new(), "t");
    let id = drafts.create("abc", &DraftInfo::default(), 1).unwrap();
    drafts
        .save(
            &id,
            "abc",
            Cursor { start: 9, end: 2 },
            &DraftInfo::default(),
            2,
            1,
        )
        .unwrap();
    assert_eq!(
        drafts.load(&id).unwrap().cursor,
        Cursor { start: 3, end: 3 }
    );
}

#[test]
fn never_panics_on_arbitrary_stored_values() {
    let mem = MemoryStore::new();
    let drafts = DraftStore::new(&mem, "t");
    let values = [
        "",
        "{",
        "{}",
        "[]",
        "null",
        "{\"v\":",
        "{\"v\":2}",
        "{\"v\":-1}",
        "{\"v\":\"2\"}",
        "{\"v\":2,\"rev\":99999999999999999999999}",
        "{\"v\":1e400}",
        "\u{0}",
        "{\"v\":2,\"rev\":",
        "  {\"v\" : 2, \"text\": 5}",
        "{\"v\":18446744073709551615}",
    ];
    for (i, v) in values.iter().enumerate() {
        for key in [
            "draft:x",
            "revs:x",
            "index",
            "trash",
            "last_open",
            "corrupt:x:1",
        ] {
            mem.set(&format!("postwright:{key}"), v).unwrap();
        }
        let _ = drafts.list();
        let _ = drafts.load("x");
        let _ = drafts.revisions("x");
        let _ = drafts.load_revision("x", 1);
        let _ = drafts.last_open();
        let _ = drafts.corrupt_entries();
        let _ = drafts.save(
            "x",
            "t",
            Cursor::default(),
            &DraftInfo::default(),
            i as u64,
            1,
        );
        let _ = drafts.undo_delete(
            &DeleteToken {
                id: "x".into(),
                deleted_ms: 0,
            },
            0,
        );
        let _ = drafts.purge_trash(u64::MAX);
        let _ = drafts.delete("x", u64::MAX);
    }
}

#[test]
fn fill_to_brim_fills_a_quota_exactly() {
    let s = MemoryStore::with_quota(123_457);
    s.set("x", "already here").unwrap();
    let added = contract::fill_to_brim(&s, "f:");
    // Full to within one more filler key.
    assert!(
        s.used_units() <= 123_457 && s.used_units() + 16 > 123_457,
        "{}",
        s.used_units()
    );
    assert_eq!(added, s.used_units() - entry_units("x", "already here"));
}

/// A MemoryStore whose writes fail now and then (a crash, a full disk).
struct Flaky {
    mem: MemoryStore,
    seed: std::cell::Cell<u64>,
    fail_one_in: u64,
}

impl Flaky {
    fn next(&self) -> u64 {
        // xorshift64
        let mut x = self.seed.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.seed.set(x);
        x
    }
}

impl KeyValueStore for Flaky {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.mem.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.next() % self.fail_one_in == 0 {
            return Err(StorageError::Other("injected".into()));
        }
        self.mem.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        if self.next() % self.fail_one_in == 0 {
            return Err(StorageError::Other("injected".into()));
        }
        self.mem.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.mem.keys()
    }
}

/// Random operations on two tabs over a storage with a small quota whose
/// writes fail at random: whatever a save reported as saved is what loads,
/// until the next reported save; a failed save changes nothing.
#[test]
fn random_operations_never_lose_a_reported_save() {
    use std::collections::BTreeMap;
    let (mut saved, mut quota, mut failed) = (0, 0, 0);
    for seed in 1..=6u64 {
        let mem = MemoryStore::with_quota(25_000);
        let flaky = Flaky {
            mem: mem.clone(),
            seed: std::cell::Cell::new(seed * 7919),
            fail_one_in: 7,
        };
        let mut tab_a = DraftStore::new(&flaky, "A");
        tab_a.set_revision_budget(8_000);
        let tab_b = DraftStore::new(&flaky, "B");
        let reader = DraftStore::new(mem.clone(), "R");
        // id -> (text, rev) last reported saved
        let mut model: BTreeMap<String, (String, u64)> = BTreeMap::new();
        let mut now = 1_000_000;
        for step in 0..150u64 {
            now += 1000;
            let r = flaky.next();
            let ids: Vec<String> = model.keys().cloned().collect();
            let pick = |n: u64| ids.get((n as usize) % ids.len().max(1)).cloned();
            let tab = if r % 2 == 0 { &tab_a } else { &tab_b };
            let len = (r >> 8) % 3000;
            let text = format!("{step}:{}", "t".repeat(len as usize));
            let info = DraftInfo::new(format!("T{step}"), None);
            match (r >> 4) % 6 {
                0 => {
                    if let Ok(id) = tab.create(&text, &info, now) {
                        model.insert(id, (text, 1));
                    }
                }
                1..=3 => {
                    let Some(id) = pick(r >> 20) else { continue };
                    let rev = model[&id].1;
                    match tab.save(&id, &text, Cursor::default(), &info, now, rev) {
                        Ok(out) => {
                            saved += 1;
                            model.insert(id, (text, out.rev));
                        }
                        Err(SaveError::Conflict { .. }) => panic!("no other writer"),
                        Err(SaveError::Storage(StorageError::QuotaExceeded)) => quota += 1,
                        Err(_) => failed += 1,
                    }
                }
                4 => {
                    let Some(id) = pick(r >> 20) else { continue };
                    if let Ok(token) = tab.delete(&id, now) {
                        let kept = model.remove(&id).unwrap();
                        if (r >> 30) % 2 == 0 {
                            match tab.undo_delete(&token, now + 1) {
                                Ok(true) => {
                                    model.insert(id, kept);
                                }
                                Ok(false) => panic!("undo within the window failed"),
                                Err(_) => {
                                    // Not undone: deleted, or back if the trash key went.
                                    if reader.load(&id).is_ok() {
                                        model.insert(id, kept);
                                    }
                                }
                            }
                        }
                    } else if reader.load(&id).is_err() {
                        // The trash marker was written but the index update failed: deleted.
                        model.remove(&id);
                    }
                }
                _ => {
                    let Some(id) = pick(r >> 20) else { continue };
                    let _ = tab.revisions(&id);
                    let _ = tab.list();
                }
            }
            for (id, (text, rev)) in &model {
                let d = reader
                    .load(id)
                    .unwrap_or_else(|e| panic!("seed {seed} step {step}: {id} lost: {e:?}"));
                assert_eq!((&d.text, d.rev), (text, *rev), "seed {seed} step {step}");
            }
            let listed: Vec<String> = reader.list().unwrap().into_iter().map(|m| m.id).collect();
            assert_eq!(listed.len(), model.len(), "seed {seed} step {step}");
            assert!(listed.iter().all(|id| model.contains_key(id)));
            assert!(reader.corrupt_entries().unwrap().is_empty());
        }
    }
    eprintln!("saves: {saved} ok, {quota} storage full, {failed} failed");
    assert!(
        saved > 100 && quota > 5 && failed > 5,
        "{saved} {quota} {failed}"
    );
}

/// Autosave writes after every pause; the history keeps one revision per
/// stretch of editing (a few minutes, one tab), holding its latest text,
/// each labelled by what changed since the one before.
#[test]
fn revisions_are_stretches_of_editing_labelled_by_what_changed() {
    const T0: u64 = 1_700_000_000_000;
    const SEC: u64 = 1000;
    let span = history::REVISION_SPAN_MS;
    let storage = MemoryStore::new();
    let tab = DraftStore::new(&storage, "tabA");
    let info = |t: &str| DraftInfo::new(t, None);
    let id = tab.create("One.\n", &info("Start"), T0).unwrap();
    let mut rev = 1;
    let mut save = |store: &DraftStore<&MemoryStore>, text: String, title: &str, at: u64| {
        rev = store
            .save(&id, &text, Cursor::default(), &info(title), at, rev)
            .unwrap()
            .rev;
    };
    // Ten saves a few seconds apart: one revision.
    let words = |n: usize| "word ".repeat(n) + "\n";
    for i in 1..=10 {
        save(&tab, words(i), "Start", T0 + i as u64 * 3 * SEC);
    }
    let revs = tab.revisions(&id);
    assert_eq!(revs.len(), 1, "one revision for half a minute of pauses");
    let latest = tab.load_revision(&id, revs[0].rev_id).unwrap();
    assert_eq!(
        latest.text,
        words(9),
        "it holds the stretch's latest replaced text"
    );
    assert_eq!(revs[0].change, "first kept, 9 words");

    // Minutes later, 120 words more and a new title: a revision of its own.
    save(&tab, words(130), "Renamed", T0 + span + 40 * SEC);
    save(&tab, words(131), "Renamed", T0 + 2 * span + 50 * SEC);
    let revs = tab.revisions(&id);
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].change, "+120 words, title changed");
    assert_eq!(
        revs[1].change, "first kept, 10 words",
        "the first stretch ended with the tenth save"
    );

    // Another session (tab) starts its own at once.
    let other = DraftStore::new(&storage, "tabB");
    save(&other, words(140), "Renamed", T0 + 2 * span + 55 * SEC);
    assert_eq!(other.revisions(&id).len(), 3);
    assert_eq!(other.revisions(&id)[0].change, "+1 word");
}

/// A post that came from a file keeps the version it began as: saves right
/// after an import do not replace it, so a re-import of the file has its
/// common ancestor to merge from.
#[test]
fn a_file_posts_first_version_is_kept_as_it_began() {
    const T0: u64 = 1_700_000_000_000;
    let storage = MemoryStore::new();
    let tab = DraftStore::new(&storage, "tabA");
    let mut info = DraftInfo::new("Hello", None);
    info.path = Some("content/posts/hello.md".into());
    let id = tab.create("As imported.\n", &info, T0).unwrap();
    let mut rev = 1;
    for (i, text) in ["Edited.\n", "Edited again.\n", "Edited thrice.\n"]
        .into_iter()
        .enumerate()
    {
        rev = tab
            .save(
                &id,
                text,
                Cursor::default(),
                &info,
                T0 + (i as u64 + 1) * 2000,
                rev,
            )
            .unwrap()
            .rev;
    }
    let revs = tab.revisions(&id);
    assert_eq!(revs.len(), 2, "the beginning, and the stretch after it");
    let oldest = tab.load_revision(&id, revs[1].rev_id).unwrap();
    assert_eq!(oldest.text, "As imported.\n");
    let stretch = tab.load_revision(&id, revs[0].rev_id).unwrap();
    assert_eq!(stretch.text, "Edited again.\n");
}
