//! A contract test of [`DraftStore`] over any [`KeyValueStore`], run natively
//! against `MemoryStore` (`tests/drafts.rs`) and in Chromium against
//! `LocalStore` (`tests/browser_storage.rs`), which include it with
//! `#[path = "common/drafts_contract.rs"] mod contract;`.
//!
//! Test code: it panics (asserts) on a broken contract.
#![allow(dead_code)]

use postwright::drafts::*;

const T0: u64 = 1_700_000_000_000;
const SEC: u64 = 1000;
/// Saves this far apart are revisions of their own (saves closer together join one).
const SPAN: u64 = history::REVISION_SPAN_MS;
const HOUR: u64 = 3_600_000;

fn info(title: &str) -> DraftInfo {
    DraftInfo::new(title, Some("2024-05-01".into()))
}

/// Runs every contract check, each on a fresh empty storage.
pub fn run_all<S: KeyValueStore>(make_empty: impl Fn() -> S) {
    create_save_load(make_empty());
    list_and_search(make_empty());
    duplicate(make_empty());
    delete_and_undo(make_empty());
    revisions_and_restore(make_empty());
    revision_retention(make_empty());
    migration_from_v1(make_empty());
    corrupt_entries_set_aside(make_empty());
    conflict_between_tabs(make_empty());
    same_rev_race_is_a_conflict(make_empty());
    last_open(make_empty());
    namespaces_are_separate(make_empty());
    index_rebuilt_after_crash(make_empty());
    event_concerns(make_empty());
    unchanged_save_writes_nothing(make_empty());
    save_in_two_parts(make_empty());
    peek_gives_length_and_start(make_empty());
    autosave_reads_only_the_head(make_empty());
}

pub fn create_save_load<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("# Hello\n", &info("Hello"), T0).unwrap();
    let d = drafts.load(&id).unwrap();
    assert_eq!(d.text, "# Hello\n");
    assert_eq!(d.rev, 1);
    assert_eq!(d.title, "Hello");
    assert_eq!(d.date.as_deref(), Some("2024-05-01"));
    assert_eq!(d.writer, "tabA");
    assert_eq!(d.updated_ms, T0);

    let text = "# Hello\n\nWorld ✓ 😀\n";
    let out = drafts
        .save(
            &id,
            text,
            Cursor { start: 3, end: 8 },
            &info("Hello again"),
            T0 + SEC,
            1,
        )
        .unwrap();
    assert!(out.changed);
    assert_eq!(out.rev, 2);
    let d = drafts.load(&id).unwrap();
    assert_eq!(d.text, text);
    assert_eq!(d.cursor, Cursor { start: 3, end: 8 });
    assert_eq!(d.title, "Hello again");
    assert_eq!(d.rev, 2);
    assert_eq!(d.created_ms, T0);
    assert_eq!(d.updated_ms, T0 + SEC);

    // Every key is in the namespace, and every value is a v2 envelope.
    for key in store.keys().unwrap() {
        assert!(
            key.starts_with("postwright:"),
            "key outside the namespace: {key}"
        );
        let raw = store.get(&key).unwrap().unwrap();
        assert!(
            raw.starts_with("{\"v\":2,"),
            "not an envelope under {key}: {raw}"
        );
    }
    assert!(matches!(drafts.load("nope"), Err(LoadError::NotFound)));
}

pub fn list_and_search<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    assert!(drafts.list().unwrap().is_empty());
    let a = drafts
        .create("a", &info("Rust in the Browser"), T0)
        .unwrap();
    let b = drafts
        .create("bb", &info("Gardening notes"), T0 + 2 * SEC)
        .unwrap();
    let c = drafts.create("ccc", &info("Why RUST?"), T0 + SEC).unwrap();
    let list = drafts.list().unwrap();
    let ids: Vec<&str> = list.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, [b.as_str(), c.as_str(), a.as_str()], "newest first");
    assert_eq!(list[0].title, "Gardening notes");
    assert_eq!(list[0].updated_ms, T0 + 2 * SEC);
    for m in &list {
        let key = drafts.draft_key(&m.id);
        assert_eq!(
            m.size,
            entry_units(&key, &store.get(&key).unwrap().unwrap())
        );
    }
    // A save moves a draft to the top.
    drafts
        .save(
            &a,
            "a2",
            Cursor::default(),
            &info("Rust in the Browser"),
            T0 + 3 * SEC,
            1,
        )
        .unwrap();
    assert_eq!(drafts.list().unwrap()[0].id, a);

    let found: Vec<String> = drafts
        .search("rust")
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(found, [a.clone(), c.clone()]);
    assert_eq!(drafts.search("  GARDEN ").unwrap().len(), 1);
    assert!(drafts.search("nothing like it").unwrap().is_empty());
    assert_eq!(drafts.search("").unwrap().len(), 3);
}

pub fn duplicate<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("body", &info("Original"), T0).unwrap();
    let copy = drafts.duplicate(&id, T0 + SEC).unwrap();
    assert_ne!(copy, id);
    let d = drafts.load(&copy).unwrap();
    assert_eq!(
        (d.text.as_str(), d.title.as_str(), d.rev),
        ("body", "Original", 1)
    );
    assert_eq!(drafts.list().unwrap().len(), 2);
    // They are independent.
    drafts
        .save(
            &copy,
            "changed",
            Cursor::default(),
            &info("Copy"),
            T0 + 2 * SEC,
            1,
        )
        .unwrap();
    assert_eq!(drafts.load(&id).unwrap().text, "body");
    assert!(matches!(
        drafts.duplicate("nope", T0),
        Err(SaveError::Load(LoadError::NotFound))
    ));
}

pub fn delete_and_undo<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let a = drafts.create("text a", &info("A"), T0).unwrap();
    let b = drafts.create("text b", &info("B"), T0).unwrap();
    drafts
        .save(&a, "text a2", Cursor::default(), &info("A"), T0 + SEC, 1)
        .unwrap();

    let token = drafts.delete(&a, T0 + 2 * SEC).unwrap();
    assert!(matches!(drafts.load(&a), Err(LoadError::NotFound)));
    assert_eq!(drafts.list().unwrap().len(), 1);
    assert!(drafts.search("A").unwrap().is_empty());
    assert!(drafts.undo_delete(&token, T0 + 3 * SEC).unwrap());
    let d = drafts.load(&a).unwrap();
    assert_eq!(d.text, "text a2");
    assert_eq!(drafts.revisions(&a).len(), 1, "revisions come back too");
    assert_eq!(drafts.list().unwrap().len(), 2);
    assert!(
        drafts.undo_delete(&token, T0 + 3 * SEC).unwrap(),
        "undo twice is harmless"
    );
    assert_eq!(drafts.list().unwrap().len(), 2);

    // The next delete ends the undo window of the previous one.
    let ta = drafts.delete(&a, T0 + 4 * SEC).unwrap();
    let tb = drafts.delete(&b, T0 + 5 * SEC).unwrap();
    assert!(!drafts.undo_delete(&ta, T0 + 6 * SEC).unwrap());
    assert!(
        store.get(&drafts.draft_key(&a)).unwrap().is_none(),
        "a is purged"
    );
    assert!(
        store.keys().unwrap().iter().all(|k| !k.contains(&a)),
        "no leftovers of a"
    );
    // The undo window ends.
    assert!(!drafts
        .undo_delete(&tb, T0 + 5 * SEC + DEFAULT_UNDO_WINDOW_MS + 1)
        .unwrap());
    drafts
        .purge_trash(T0 + 5 * SEC + DEFAULT_UNDO_WINDOW_MS + 1)
        .unwrap();
    assert!(
        store.get(&drafts.draft_key(&b)).unwrap().is_none(),
        "b is purged"
    );
    assert!(drafts.list().unwrap().is_empty());

    // A save from a tab that still had the deleted draft open brings it back.
    let c = drafts.create("c", &info("C"), T0).unwrap();
    drafts.delete(&c, T0 + SEC).unwrap();
    let out = drafts
        .save(
            &c,
            "c typed on",
            Cursor::default(),
            &info("C"),
            T0 + 2 * SEC,
            1,
        )
        .unwrap();
    assert!(out.recreated);
    assert_eq!(drafts.load(&c).unwrap().text, "c typed on");
    assert_eq!(drafts.list().unwrap().len(), 1);
}

pub fn revisions_and_restore<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("v1", &info("T1"), T0).unwrap();
    assert!(drafts.revisions(&id).is_empty());
    let mut rev = 1;
    for i in 2..=4 {
        let out = drafts
            .save(
                &id,
                &format!("v{i}"),
                Cursor::caret(1),
                &info(&format!("T{i}")),
                T0 + i * SPAN,
                rev,
            )
            .unwrap();
        rev = out.rev;
    }
    // A save changing only the cursor or title keeps no revision.
    rev = drafts
        .save(
            &id,
            "v4",
            Cursor::caret(2),
            &info("T4b"),
            T0 + 5 * SPAN,
            rev,
        )
        .unwrap()
        .rev;
    let revs = drafts.revisions(&id);
    let texts: Vec<String> = revs
        .iter()
        .map(|r| drafts.load_revision(&id, r.rev_id).unwrap().text)
        .collect();
    assert_eq!(texts, ["v3", "v2", "v1"], "earlier versions, newest first");
    assert_eq!(revs[0].title, "T3");
    assert_eq!(revs[2].saved_ms, T0);
    assert_eq!(revs[2].rev, 1);
    assert_eq!(revs[0].size, 2);

    let out = drafts
        .restore_revision(&id, revs[2].rev_id, T0 + 6 * SPAN, rev)
        .unwrap();
    let d = drafts.load(&id).unwrap();
    assert_eq!(
        (d.text.as_str(), d.title.as_str(), d.rev),
        ("v1", "T1", out.rev)
    );
    let texts: Vec<String> = drafts
        .revisions(&id)
        .iter()
        .map(|r| drafts.load_revision(&id, r.rev_id).unwrap().text)
        .collect();
    assert_eq!(texts, ["v4", "v3", "v2", "v1"], "what was current is kept");
    assert!(matches!(
        drafts.load_revision(&id, 999),
        Err(LoadError::NotFound)
    ));
    // Restoring checks the rev like a save.
    assert!(matches!(
        drafts.restore_revision(&id, revs[0].rev_id, T0 + 7 * SPAN, rev),
        Err(SaveError::Conflict { .. })
    ));
}

/// `peek` gives a value's length in UTF-16 units and its start.
pub fn peek_gives_length_and_start<S: KeyValueStore>(store: S) {
    let value = "{\"v\":2,\"rev\":7} héllo 😀";
    store.set("k", value).unwrap();
    assert_eq!(
        store.peek("k", 13).unwrap(),
        Some((
            value.encode_utf16().count(),
            "{\"v\":2,\"rev\":".to_string()
        ))
    );
    assert_eq!(
        store.peek("k", 100).unwrap().map(|(_, s)| s).as_deref(),
        Some(value)
    );
    assert_eq!(store.peek("missing", 10).unwrap(), None);
    store.remove("k").unwrap();
}

/// Counts whole reads of draft entries (`get`), not `peek`s.
struct CountingReads<S> {
    inner: S,
    draft_gets: std::cell::Cell<usize>,
}

impl<S: KeyValueStore> KeyValueStore for CountingReads<S> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if key.contains(":draft:") {
            self.draft_gets.set(self.draft_gets.get() + 1);
        }
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.inner.keys()
    }
    fn peek(&self, key: &str, prefix: usize) -> Result<Option<(usize, String)>, StorageError> {
        self.inner.peek(key, prefix)
    }
}

/// A tab saving the draft it wrote last reads back only the entry's head,
/// not the whole entry; after another tab's write it reads it whole again,
/// and still sees the conflict.
pub fn autosave_reads_only_the_head<S: KeyValueStore>(store: S) {
    let store = CountingReads {
        inner: store,
        draft_gets: std::cell::Cell::new(0),
    };
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("v1", &info("T"), T0).unwrap();
    store.draft_gets.set(0);
    for rev in 1..4 {
        let text = format!("v{}", rev + 1);
        let out = drafts
            .save(
                &id,
                &text,
                Cursor::caret(2),
                &info("T"),
                T0 + rev * SPAN,
                rev,
            )
            .unwrap();
        assert!(out.changed && out.rev == rev + 1);
    }
    assert_eq!(store.draft_gets.get(), 0, "a save read a whole draft entry");
    // What was replaced is still kept as a revision, from memory.
    let revs = drafts.revisions(&id);
    let kept: Vec<String> = revs
        .iter()
        .map(|r| drafts.load_revision(&id, r.rev_id).unwrap().text)
        .collect();
    assert_eq!(kept.len(), 3);
    assert!(["v1", "v2", "v3"]
        .iter()
        .all(|t| kept.iter().any(|k| k == t)));

    // Another tab writes rev 5 (same size as ours would be): read whole, conflict.
    let tab_b = DraftStore::new(&store.inner, "tabB");
    tab_b
        .save(&id, "vB", Cursor::caret(2), &info("T"), T0 + 9 * SPAN, 4)
        .unwrap();
    store.draft_gets.set(0);
    assert!(matches!(
        drafts.save(&id, "v5", Cursor::caret(2), &info("T"), T0 + 10 * SPAN, 4),
        Err(SaveError::Conflict { .. })
    ));
    assert!(store.draft_gets.get() > 0);
    // Loading it makes it the entry this tab knows: saves go quick again.
    let theirs = drafts.load(&id).unwrap();
    assert_eq!(theirs.text, "vB");
    store.draft_gets.set(0);
    drafts
        .save(
            &id,
            "v6",
            Cursor::caret(2),
            &info("T"),
            T0 + 11 * SPAN,
            theirs.rev,
        )
        .unwrap();
    assert_eq!(store.draft_gets.get(), 0);
    assert_eq!(drafts.load(&id).unwrap().text, "v6");
}

/// `save_first` then `finish_save` ends where `save` does; in between, the
/// draft is saved and the revision waits.
pub fn save_in_two_parts<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("v1", &info("T1"), T0).unwrap();
    let (out, after) = drafts
        .save_first(&id, "v2", Cursor::caret(1), &info("T2"), T0 + SEC, 1)
        .unwrap();
    assert!(out.changed);
    assert_eq!(
        drafts.load(&id).unwrap().text,
        "v2",
        "the draft is saved by the first part"
    );
    assert!(drafts.revisions(&id).is_empty(), "the revision waits");
    assert_eq!(
        drafts.finish_save(after.expect("something left to do"), T0 + SEC),
        0
    );
    let revs = drafts.revisions(&id);
    assert_eq!(revs.len(), 1);
    assert_eq!(
        drafts.load_revision(&id, revs[0].rev_id).unwrap().text,
        "v1"
    );
    assert_eq!(drafts.list().unwrap()[0].title, "T2");
    // The next save checks the rev the first part returned, like `save`.
    assert!(matches!(
        drafts.save_first(&id, "v3", Cursor::caret(1), &info("T3"), T0 + 2 * SEC, 1),
        Err(SaveError::Conflict { .. })
    ));
    // Nothing changed: nothing written, nothing left to do.
    let (out, after) = drafts
        .save_first(
            &id,
            "v2",
            Cursor::caret(1),
            &info("T2"),
            T0 + 3 * SEC,
            out.rev,
        )
        .unwrap();
    assert!(!out.changed && after.is_none());
}

pub fn revision_retention<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("save 0", &info("T"), T0).unwrap();
    // 30 hours of saves, one every 10 minutes.
    let step = HOUR / 6;
    let mut rev = 1;
    let mut now = T0;
    for i in 1..=180u64 {
        now = T0 + i * step;
        rev = drafts
            .save(
                &id,
                &format!("save {i}"),
                Cursor::default(),
                &info("T"),
                now,
                rev,
            )
            .unwrap()
            .rev;
    }
    let revs = drafts.revisions(&id);
    // The 20 newest...
    for (k, r) in revs.iter().take(KEEP_LAST).enumerate() {
        assert_eq!(r.saved_ms, now - (k as u64 + 1) * step);
    }
    // ...plus one per clock hour of the last 24 hours, nothing older.
    for r in &revs {
        assert!(
            now - r.saved_ms < HOURLY_HOURS * HOUR,
            "too old: {}",
            r.saved_ms
        );
    }
    // (Every hour had saves; the oldest hour is partly out of the window.)
    for h in 1..HOURLY_HOURS - 1 {
        let bucket = now / HOUR - h;
        assert!(
            revs.iter().any(|r| r.saved_ms / HOUR == bucket),
            "no revision kept for hour -{h}"
        );
    }
    assert!(
        revs.len() <= KEEP_LAST + HOURLY_HOURS as usize + 1,
        "{} kept",
        revs.len()
    );

    // A per-draft budget bounds them, oldest dropped first.
    let mut small = DraftStore::new(&store, "tabA");
    small.set_revision_budget(2_000);
    let id = small.create(&"x".repeat(500), &info("Big"), T0).unwrap();
    let mut rev = 1;
    for i in 1..=10u64 {
        let text = format!("{i}{}", "x".repeat(500));
        rev = small
            .save(
                &id,
                &text,
                Cursor::default(),
                &info("Big"),
                T0 + i * SEC,
                rev,
            )
            .unwrap()
            .rev;
    }
    let revs = small.revisions(&id);
    assert!(
        !revs.is_empty() && revs.len() < 4,
        "{} kept in 2000 units",
        revs.len()
    );
    assert_eq!(revs[0].saved_ms, T0 + 9 * SEC, "the newest is kept");
}

pub fn migration_from_v1<S: KeyValueStore>(store: S) {
    // What the first prototype stored: the plain text under "{ns}:draft:{id}".
    let v1 = "## My first post\n\nWritten with the prototype.\n";
    store.set("postwright:draft:proto", v1).unwrap();
    // Plain text that merely looks like JSON is a v1 draft too.
    store.set("postwright:draft:jsonish", "{\"a\": 1}").unwrap();
    let drafts = DraftStore::new(&store, "tabA");
    let list = drafts.list().unwrap();
    assert_eq!(list.len(), 2);
    let m = list.iter().find(|m| m.id == "proto").unwrap();
    assert_eq!(m.title, "My first post");
    let d = drafts.load("proto").unwrap();
    assert_eq!(d.text, v1);
    assert_eq!(d.rev, 1);
    assert_eq!(d.writer, "v1");
    let raw = store.get("postwright:draft:proto").unwrap().unwrap();
    assert!(raw.starts_with("{\"v\":2,"), "migrated on load: {raw}");
    assert_eq!(drafts.load("proto").unwrap(), d);
    assert_eq!(drafts.load("jsonish").unwrap().text, "{\"a\": 1}");
    drafts
        .save(
            "proto",
            "edited",
            Cursor::default(),
            &info("My first post"),
            T0,
            1,
        )
        .unwrap();
    assert_eq!(drafts.revisions("proto").len(), 1);
    assert!(drafts.corrupt_entries().unwrap().is_empty());

    // A newer format is left alone.
    let newer = "{\"v\":3,\"whatever\":true}";
    store.set("postwright:draft:future", newer).unwrap();
    assert!(matches!(
        drafts.load("future"),
        Err(LoadError::NewerFormat(3))
    ));
    assert!(matches!(
        drafts.save("future", "x", Cursor::default(), &info("x"), T0, 1),
        Err(SaveError::NewerFormat(3))
    ));
    assert_eq!(
        store.get("postwright:draft:future").unwrap().as_deref(),
        Some(newer)
    );
    assert_eq!(drafts.list().unwrap().len(), 2);
}

pub fn corrupt_entries_set_aside<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let good = drafts.create("good", &info("Good"), T0).unwrap();
    let truncated = "{\"v\":2,\"rev\":3,\"id\":\"bad\",\"text\":\"half a dra";
    store.set("postwright:draft:bad", truncated).unwrap();
    let wrong = "{\"v\":2,\"rev\":\"three\"}";
    store.set("postwright:draft:wrong", wrong).unwrap();
    let revs_key = format!("postwright:revs:{good}");
    store.set(&revs_key, "{\"v\":2,\"next\":").unwrap();
    store.set("postwright:index", "garbage").unwrap();

    let list = drafts.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, good);
    assert!(matches!(drafts.load("bad"), Err(LoadError::NotFound)));
    assert!(drafts.revisions(&good).is_empty());
    let mut corrupt = drafts.corrupt_entries().unwrap();
    corrupt.sort_by(|a, b| a.from_key.cmp(&b.from_key));
    let raws: Vec<(&str, &str)> = corrupt
        .iter()
        .map(|c| (c.from_key.as_str(), c.raw.as_str()))
        .collect();
    assert_eq!(
        raws,
        [
            ("postwright:draft:bad", truncated),
            ("postwright:draft:wrong", wrong),
            (revs_key.as_str(), "{\"v\":2,\"next\":")
        ]
    );
    for c in &corrupt {
        assert!(c.key.starts_with("postwright:corrupt:"), "{}", c.key);
        assert!(!c.reason.is_empty());
    }
    // Set aside again under another key: nothing overwritten.
    store.set("postwright:draft:bad", "{\"v\":2}").unwrap();
    assert!(matches!(
        drafts.load("bad"),
        Err(LoadError::Corrupt {
            set_aside_key: Some(_)
        })
    ));
    assert_eq!(drafts.corrupt_entries().unwrap().len(), 4);
    // A save over a corrupt entry keeps the corrupt text aside.
    store.set("postwright:draft:bad", "{\"v\":2,").unwrap();
    drafts
        .save("bad", "fresh", Cursor::default(), &info("Fresh"), T0, 0)
        .unwrap();
    assert_eq!(drafts.load("bad").unwrap().text, "fresh");
    assert_eq!(drafts.corrupt_entries().unwrap().len(), 5);
    for c in drafts.corrupt_entries().unwrap() {
        drafts.discard_corrupt(&c.key).unwrap();
    }
    assert!(drafts.corrupt_entries().unwrap().is_empty());
    drafts.discard_corrupt(&drafts.draft_key(&good)).unwrap();
    assert!(
        drafts.load(&good).is_ok(),
        "discard_corrupt only removes corrupt entries"
    );
}

pub fn conflict_between_tabs<S: KeyValueStore>(store: S) {
    let tab_a = DraftStore::new(&store, "tabA");
    let tab_b = DraftStore::new(&store, "tabB");
    let id = tab_a.create("base", &info("Post"), T0).unwrap();
    let rev_a = tab_a.load(&id).unwrap().rev;
    let rev_b = tab_b.load(&id).unwrap().rev;

    let out = tab_a
        .save(
            &id,
            "A's text",
            Cursor::default(),
            &info("Post"),
            T0 + SEC,
            rev_a,
        )
        .unwrap();
    let err = tab_b
        .save(
            &id,
            "B's text",
            Cursor::caret(3),
            &info("Post"),
            T0 + 2 * SEC,
            rev_b,
        )
        .unwrap_err();
    let SaveError::Conflict { theirs } = err else {
        panic!("expected a conflict, got {err:?}")
    };
    assert_eq!(theirs.text, "A's text");
    assert_eq!(theirs.writer, "tabA");
    assert_eq!(theirs.rev, out.rev);
    assert_eq!(
        tab_a.load(&id).unwrap().text,
        "A's text",
        "B overwrote nothing"
    );

    // Keep both.
    let copy = tab_b
        .save_as_copy(
            "B's text",
            Cursor::caret(3),
            &info("Post (tab B)"),
            T0 + 3 * SEC,
        )
        .unwrap();
    assert_eq!(tab_a.load(&copy).unwrap().text, "B's text");
    assert_eq!(tab_a.load(&copy).unwrap().cursor, Cursor::caret(3));
    assert_eq!(tab_a.load(&id).unwrap().text, "A's text");
    // Keep mine: theirs stays as a revision.
    let out = tab_b
        .force_save(
            &id,
            "B's text",
            Cursor::default(),
            &info("Post"),
            T0 + 4 * SEC,
        )
        .unwrap();
    let d = tab_a.load(&id).unwrap();
    assert_eq!(
        (d.text.as_str(), d.writer.as_str(), d.rev),
        ("B's text", "tabB", out.rev)
    );
    let kept: Vec<String> = tab_a
        .revisions(&id)
        .iter()
        .map(|r| tab_a.load_revision(&id, r.rev_id).unwrap().text)
        .collect();
    assert!(kept.contains(&"A's text".to_owned()));
    // A's next save with its old rev conflicts too.
    assert!(matches!(
        tab_a.save(
            &id,
            "A again",
            Cursor::default(),
            &info("Post"),
            T0 + 5 * SEC,
            rev_a + 1
        ),
        Err(SaveError::Conflict { .. })
    ));
    // Both tabs list the same drafts.
    assert_eq!(tab_a.list().unwrap(), tab_b.list().unwrap());
}

/// Two tabs save the same rev at once: both read rev N and write rev N+1,
/// the later write wins in storage. The loser's next save must conflict.
pub fn same_rev_race_is_a_conflict<S: KeyValueStore>(store: S) {
    let tab_a = DraftStore::new(&store, "tabA");
    let id = tab_a.create("base", &info("Post"), T0).unwrap();
    let out = tab_a
        .save(
            &id,
            "A's text",
            Cursor::default(),
            &info("Post"),
            T0 + SEC,
            1,
        )
        .unwrap();
    assert_eq!(out.rev, 2);
    // Tab B had not seen A's write yet and wrote its rev 2 over it.
    let key = tab_a.draft_key(&id);
    let raw = store.get(&key).unwrap().unwrap();
    let theirs = raw
        .replace("A's text", "B's text")
        .replace("\"tabA\"", "\"tabB\"");
    assert!(theirs.contains("\"tabB\"") && theirs.starts_with("{\"v\":2,\"rev\":2,"));
    store.set(&key, &theirs).unwrap();

    let err = tab_a
        .save(
            &id,
            "A's text, more",
            Cursor::default(),
            &info("Post"),
            T0 + 2 * SEC,
            2,
        )
        .unwrap_err();
    let SaveError::Conflict { theirs } = err else {
        panic!("expected a conflict, got {err:?}")
    };
    assert_eq!(
        (theirs.text.as_str(), theirs.writer.as_str()),
        ("B's text", "tabB")
    );
    // Keep theirs: load it and go on from its rev.
    let d = tab_a.load(&id).unwrap();
    let out = tab_a
        .save(
            &id,
            "B's text, edited in A",
            Cursor::default(),
            &info("Post"),
            T0 + 3 * SEC,
            d.rev,
        )
        .unwrap();
    assert_eq!(out.rev, 3);
    // Another store instance (a fresh tab) knows nothing and checks the rev only.
    let tab_c = DraftStore::new(&store, "tabC");
    assert!(tab_c
        .save(&id, "C", Cursor::default(), &info("Post"), T0 + 4 * SEC, 3)
        .is_ok());
}

pub fn last_open<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    assert_eq!(drafts.last_open(), None);
    let a = drafts.create("a", &info("A"), T0).unwrap();
    drafts.set_last_open(&a).unwrap();
    assert_eq!(drafts.last_open(), Some(a.clone()));
    let other_tab = DraftStore::new(&store, "tabB");
    assert_eq!(other_tab.last_open(), Some(a.clone()));
    drafts.delete(&a, T0).unwrap();
    assert_eq!(drafts.last_open(), None, "not a deleted draft");
    drafts.set_last_open("never-existed").unwrap();
    assert_eq!(drafts.last_open(), None);
}

pub fn namespaces_are_separate<S: KeyValueStore>(store: S) {
    let blog = DraftStore::with_namespace(&store, "blog", "tabA");
    let docs = DraftStore::with_namespace(&store, "docs", "tabA");
    let odd = DraftStore::with_namespace(&store, "a:b c", "tabA");
    assert_eq!(odd.namespace(), "a_b_c");
    let b = blog.create("blog post", &info("Blog"), T0).unwrap();
    docs.create("doc page", &info("Doc"), T0 + SEC).unwrap();
    odd.create("odd", &info("Odd"), T0).unwrap();
    assert_eq!(blog.list().unwrap().len(), 1);
    assert_eq!(docs.list().unwrap().len(), 1);
    assert_eq!(blog.list().unwrap()[0].id, b);
    assert!(matches!(docs.load(&b), Err(LoadError::NotFound)));
    for key in store.keys().unwrap() {
        assert!(
            key.starts_with("blog:") || key.starts_with("docs:") || key.starts_with("a_b_c:"),
            "{key}"
        );
    }
}

/// A storage on which writes to the index fail, as if the tab died between
/// writing a draft and writing the index.
struct IndexWritesFail<'a, S>(&'a S);

impl<S: KeyValueStore> KeyValueStore for IndexWritesFail<'_, S> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if key.ends_with(":index") {
            return Err(StorageError::Other("crashed".into()));
        }
        self.0.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        if key.ends_with(":index") {
            return Err(StorageError::Other("crashed".into()));
        }
        self.0.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.0.keys()
    }
}

pub fn index_rebuilt_after_crash<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let a = drafts.create("a", &info("Old title"), T0).unwrap();
    assert_eq!(drafts.list().unwrap()[0].title, "Old title");
    let crashing = DraftStore::new(IndexWritesFail(&store), "tabA");
    crashing
        .save(
            &a,
            "a, longer",
            Cursor::default(),
            &info("New title"),
            T0 + SEC,
            1,
        )
        .unwrap();
    let b = crashing.create("b", &info("B"), T0 + 2 * SEC).unwrap();
    let list = drafts.list().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].id, a);
    assert_eq!(list[1].title, "New title");
    assert_eq!(list[0].id, b);
    // Without an index at all.
    store.remove("postwright:index").unwrap();
    assert_eq!(drafts.list().unwrap(), list);
}

pub fn event_concerns<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("x", &info("X"), T0).unwrap();
    let other = drafts.create("y", &info("Y"), T0).unwrap();
    assert!(drafts.event_concerns(Some(&drafts.draft_key(&id)), &id));
    assert!(!drafts.event_concerns(Some(&drafts.draft_key(&other)), &id));
    assert!(drafts.event_concerns(Some("postwright:trash"), &id));
    assert!(drafts.event_concerns(None, &id), "storage.clear()");
    assert!(!drafts.event_concerns(Some("postwright:index"), &id));
    assert!(!drafts.event_concerns(Some("elsewhere:draft:x"), &id));
    assert!(drafts.event_concerns_list(Some(&drafts.draft_key(&other))));
    assert!(drafts.event_concerns_list(None));
    assert!(!drafts.event_concerns_list(Some("postwright:last_open")));
    assert!(!drafts.event_concerns_list(Some("other:draft:1")));
}

pub fn unchanged_save_writes_nothing<S: KeyValueStore>(store: S) {
    let drafts = DraftStore::new(&store, "tabA");
    let id = drafts.create("same", &info("Same"), T0).unwrap();
    let out = drafts
        .save(&id, "same", Cursor::caret(0), &info("Same"), T0 + SEC, 1)
        .unwrap();
    assert!(!out.changed);
    assert_eq!(out.rev, 1);
    assert_eq!(drafts.load(&id).unwrap().updated_ms, T0);
}

/// Fills `store` with filler keys (`"{prefix}{n}"`) until not even one more
/// key of one character fits, and returns how many units were added. Works
/// on any quota.
pub fn fill_to_brim<S: KeyValueStore>(store: &S, prefix: &str) -> usize {
    let mut added = 0;
    let mut n = 0;
    let mut size = 1 << 20;
    while size >= 1 {
        let chunk = "f".repeat(size);
        loop {
            let key = format!("{prefix}{n}");
            match store.set(&key, &chunk) {
                Ok(()) => {
                    added += entry_units(&key, &chunk);
                    n += 1;
                }
                Err(StorageError::QuotaExceeded) => break,
                Err(e) => panic!("filling failed: {e:?}"),
            }
        }
        size /= 4;
    }
    added
}

/// On a full storage: a save first prunes revisions (oldest first) and
/// retries; if still full it fails with `QuotaExceeded` and the stored draft
/// is intact. `store` must have a quota; `fill` fills it to the brim.
pub fn quota_exceeded<S: KeyValueStore>(store: S, fill: impl Fn(&S)) {
    let drafts = DraftStore::new(&store, "tabA");
    let other = drafts.create("other", &info("Other"), T0).unwrap();
    let mut rev_other = 1;
    let id = drafts.create("v0", &info("Post"), T0).unwrap();
    let mut rev = 1;
    for i in 1..=5u64 {
        let text = format!("{i}{}", "r".repeat(2000));
        rev = drafts
            .save(
                &id,
                &text,
                Cursor::default(),
                &info("Post"),
                T0 + i * SPAN,
                rev,
            )
            .unwrap()
            .rev;
        let text = format!("{i}{}", "o".repeat(2000));
        rev_other = drafts
            .save(
                &other,
                &text,
                Cursor::default(),
                &info("Other"),
                T0 + i * SPAN,
                rev_other,
            )
            .unwrap()
            .rev;
    }
    assert_eq!(drafts.revisions(&id).len(), 5);
    let revs_before = drafts.revisions(&id).len() + drafts.revisions(&other).len();
    fill(&store);

    // Needs ~3000 more units: made by pruning revisions, oldest first.
    let grown = format!("grown{}", "g".repeat(5000));
    let out = drafts
        .save(
            &id,
            &grown,
            Cursor::default(),
            &info("Post"),
            T0 + 10 * SPAN,
            rev,
        )
        .unwrap();
    assert!(out.revisions_pruned > 0);
    rev = out.rev;
    assert_eq!(drafts.load(&id).unwrap().text, grown);
    let revs_after = drafts.revisions(&id).len() + drafts.revisions(&other).len();
    assert!(revs_after < revs_before);
    for r in drafts
        .revisions(&id)
        .iter()
        .chain(drafts.revisions(&other).iter())
    {
        assert!(r.saved_ms >= T0 + 2 * SPAN, "the oldest went first");
    }

    // Far more than all revisions can free: fails, nothing changed.
    fill(&store);
    let huge = "h".repeat(200_000);
    let err = drafts
        .save(
            &id,
            &huge,
            Cursor::default(),
            &info("Post"),
            T0 + 11 * SPAN,
            rev,
        )
        .unwrap_err();
    assert_eq!(err, SaveError::Storage(StorageError::QuotaExceeded));
    assert!(err.to_string().contains("NOT saved"));
    let d = drafts.load(&id).unwrap();
    assert_eq!(
        (d.text.as_str(), d.rev),
        (grown.as_str(), rev),
        "previous version intact"
    );
    assert_eq!(drafts.load(&other).unwrap().rev, rev_other);
    assert_eq!(drafts.list().unwrap().len(), 2);
    let err = drafts
        .create(&huge, &info("New"), T0 + 12 * SPAN)
        .unwrap_err();
    assert_eq!(err, SaveError::Storage(StorageError::QuotaExceeded));
    assert_eq!(drafts.list().unwrap().len(), 2, "no half-created draft");
    // Deleting still works on a full storage.
    let token = drafts.delete(&other, T0 + 13 * SPAN).unwrap();
    assert!(drafts.undo_delete(&token, T0 + 13 * SPAN + SEC).unwrap());
}
