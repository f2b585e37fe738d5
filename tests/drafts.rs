//! The draft store natively, over MemoryStore.

use postwright::drafts::contract;
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
