//! The crash journal's rules natively: which entries come back on start,
//! and a crash played on MemoryStore (the stored draft loses its last saves,
//! the journal still has them).

use postwright::drafts::journal::*;
use postwright::drafts::*;

const T0: u64 = 1_700_000_000_000;
const MIN: u64 = 60_000;

fn entry(ns: &str, id: &str, rev: u64, saved_ms: u64, text: &str) -> JournalEntry {
    JournalEntry::of_save(
        ns,
        id,
        rev,
        saved_ms,
        text,
        Cursor::caret(0),
        &DraftInfo::new(format!("Post {id}"), None),
    )
}

fn meta(id: &str, rev: u64) -> DraftMeta {
    DraftMeta {
        id: id.into(),
        title: format!("Post {id}"),
        date: None,
        updated_ms: T0,
        size: 10,
        rev,
    }
}

fn open(id: &str) -> OpenDraft {
    OpenDraft {
        id: id.into(),
        untouched: false,
        edited: false,
    }
}

#[test]
fn an_entry_newer_than_the_stored_draft_is_restored_over_it() {
    let plan = plan_recovery(
        "pw",
        &[entry("pw", "a", 5, T0, "latest")],
        &[meta("a", 3)],
        &open("a"),
        T0 + MIN,
    );
    assert_eq!(plan.restore.len(), 1);
    assert_eq!(plan.restore[0].how, RestoreAs::Over { stored_rev: 3 });
    assert_eq!(plan.restore[0].entry.text, "latest");
    assert_eq!(
        plan.open.as_deref(),
        Some("a"),
        "the open draft is shown anew"
    );
    assert!(plan.forget.is_empty());
    let notice = plan.notice().unwrap();
    assert!(notice.contains("“Post a”"), "{notice}");
    assert!(
        notice.starts_with("Recovered the last changes to"),
        "{notice}"
    );
}

#[test]
fn entries_at_the_stored_rev_or_older_are_ignored_and_dropped_once_stale() {
    let entries = [
        entry("pw", "same", 4, T0, "x"),
        entry("pw", "older", 2, T0, "y"),
        entry("pw", "old-and-stale", 1, T0 - 2 * STALE_AFTER_MS, "z"),
    ];
    let stored = [meta("same", 4), meta("older", 3), meta("old-and-stale", 1)];
    let plan = plan_recovery("pw", &entries, &stored, &open("same"), T0 + MIN);
    assert!(plan.restore.is_empty());
    assert_eq!(plan.open, None);
    assert_eq!(plan.notice(), None);
    assert_eq!(plan.forget, vec!["pw:old-and-stale".to_string()]);
}

#[test]
fn a_draft_lost_whole_is_recreated_and_an_untouched_new_one_gives_way() {
    let entries = [
        entry("pw", "lost-old", 2, T0 - MIN, "first"),
        entry("pw", "lost-new", 3, T0, "second"),
    ];
    let starter = OpenDraft {
        id: "fresh".into(),
        untouched: true,
        edited: false,
    };
    let plan = plan_recovery("pw", &entries, &[meta("fresh", 1)], &starter, T0 + MIN);
    let how: Vec<_> = plan
        .restore
        .iter()
        .map(|r| (r.entry.id.as_str(), r.how.clone()))
        .collect();
    assert_eq!(
        how,
        vec![
            ("lost-new", RestoreAs::Recreated),
            ("lost-old", RestoreAs::Recreated)
        ],
        "newest first"
    );
    assert_eq!(plan.open.as_deref(), Some("lost-new"));
    let notice = plan.notice().unwrap();
    assert!(
        notice.contains("2 drafts: “Post lost-new”, “Post lost-old”"),
        "{notice}"
    );

    // A draft the user is writing in does not give way.
    let plan = plan_recovery(
        "pw",
        &entries,
        &[meta("fresh", 1)],
        &open("fresh"),
        T0 + MIN,
    );
    assert_eq!(plan.restore.len(), 2);
    assert_eq!(plan.open, None);
}

#[test]
fn an_open_draft_edited_before_the_journal_was_read_gets_the_entry_as_a_copy() {
    let edited = OpenDraft {
        id: "a".into(),
        untouched: false,
        edited: true,
    };
    let plan = plan_recovery(
        "pw",
        &[entry("pw", "a", 5, T0, "t")],
        &[meta("a", 3)],
        &edited,
        T0,
    );
    assert_eq!(plan.restore[0].how, RestoreAs::Copy);
    assert_eq!(plan.open, None, "what the user is typing stays on screen");
    assert!(plan.notice().unwrap().contains("new draft in the list"));
}

#[test]
fn other_namespaces_are_left_alone() {
    let entries = [
        entry("other", "a", 9, T0 - 2 * STALE_AFTER_MS, "theirs"),
        entry("other", "b", 9, T0, "theirs"),
    ];
    let plan = plan_recovery("pw", &entries, &[meta("a", 1)], &open("a"), T0);
    assert_eq!(plan, Recovery::default());
}

#[test]
fn entries_round_trip_and_unknown_formats_are_left_alone() {
    let e = entry("pw", "a", 2, T0, "text with \"quotes\" ✓ 😀\r\n");
    assert_eq!(JournalEntry::from_json(&e.to_json()), Some(e.clone()));
    assert_eq!(e.key(), "pw:a");
    let newer = e.to_json().replace("\"v\":1", "\"v\":2");
    assert_eq!(JournalEntry::from_json(&newer), None);
    assert_eq!(JournalEntry::from_json("{not json"), None);
}

#[test]
fn problems_say_drafts_are_still_saved() {
    for p in [
        JournalProblem::Blocked,
        JournalProblem::Unavailable,
        JournalProblem::Full,
        JournalProblem::Failed("UnknownError: disk".into()),
    ] {
        let text = p.to_string();
        assert!(text.starts_with("Crash protection is off: "), "{text}");
        assert!(text.contains("Drafts are still saved"), "{text}");
    }
    assert!(JournalProblem::Failed("UnknownError: disk".into())
        .to_string()
        .contains("UnknownError: disk"));
}

/// Copies every entry of `from` into a new store: the disk as the browser
/// left it.
fn snapshot(from: &MemoryStore) -> MemoryStore {
    let copy = MemoryStore::new();
    for k in from.keys().unwrap() {
        copy.set(&k, &from.get(&k).unwrap().unwrap()).unwrap();
    }
    copy
}

/// A crash as Chromium has it: the last save never reached the disk, the
/// journal has it. Restoring it as the app does (`force_save`, then the
/// entry written again at the new rev) brings the text back once.
#[test]
fn a_crash_after_a_save_is_recovered_once() {
    let live = MemoryStore::new();
    let drafts = DraftStore::new(&live, "tab");
    let info = DraftInfo::new("Crash", None);
    let id = drafts.create("first line\n", &info, T0).unwrap();
    let on_disk = snapshot(&live);
    let text = "first line\nand what I typed last\n";
    let out = drafts
        .save(&id, text, Cursor::caret(5), &info, T0 + 1000, 1)
        .unwrap();
    let ns = drafts.namespace().to_owned();
    let journal = vec![JournalEntry::of_save(
        &ns,
        &id,
        out.rev,
        out.updated_ms,
        text,
        Cursor::caret(5),
        &info,
    )];

    // The browser restarts on what reached the disk.
    let after = DraftStore::new(&on_disk, "tab2");
    assert_eq!(after.load(&id).unwrap().text, "first line\n");
    let plan = plan_recovery(&ns, &journal, &after.list().unwrap(), &open(&id), T0 + MIN);
    assert_eq!(plan.restore.len(), 1);
    let restored = restore(&after, &plan, T0 + MIN);
    assert!(restored.failed.is_empty() && restored.forget.is_empty());
    let back = after.load(&id).unwrap();
    assert_eq!(back.text, text);
    assert_eq!(back.cursor, Cursor::caret(5));
    assert_eq!(back.title, "Crash");
    assert_eq!(after.revisions(&id)[0].size, "first line\n".len());
    let journal = restored.record;
    assert_eq!(journal[0].rev, back.rev);

    // The next start finds nothing more to restore.
    let plan = plan_recovery(
        &ns,
        &journal,
        &after.list().unwrap(),
        &open(&id),
        T0 + 2 * MIN,
    );
    assert!(plan.restore.is_empty(), "{plan:?}");
}

/// A new draft whose creation never reached the disk comes back under its id.
#[test]
fn a_draft_created_just_before_the_crash_is_recreated() {
    let live = MemoryStore::new();
    let on_disk = snapshot(&live);
    let drafts = DraftStore::new(&live, "tab");
    let info = DraftInfo::new("New one", None);
    let id = drafts.create("typed\n", &info, T0).unwrap();
    let entry = JournalEntry::of_save("postwright", &id, 1, T0, "typed\n", Cursor::caret(6), &info);

    let after = DraftStore::new(&on_disk, "tab2");
    let starter = after
        .create("---\ntitle: \n---\n", &DraftInfo::default(), T0 + MIN)
        .unwrap();
    let untouched = OpenDraft {
        id: starter,
        untouched: true,
        edited: false,
    };
    let plan = plan_recovery(
        "postwright",
        &[entry],
        &after.list().unwrap(),
        &untouched,
        T0 + MIN,
    );
    assert_eq!(plan.restore[0].how, RestoreAs::Recreated);
    assert_eq!(plan.open.as_deref(), Some(id.as_str()));
    assert_eq!(restore(&after, &plan, T0 + MIN).record[0].id, id);
    let back = after.load(&id).unwrap();
    assert_eq!(
        (back.text.as_str(), back.title.as_str()),
        ("typed\n", "New one")
    );
}

/// The open draft was edited before the journal was read: the entry comes
/// back as a new draft, and leaves the journal (the user's next autosave
/// writes the open draft's own entry).
#[test]
fn a_copy_is_a_new_draft_and_its_entry_goes() {
    let store = MemoryStore::new();
    let drafts = DraftStore::new(&store, "tab");
    let info = DraftInfo::new("Mine", None);
    let id = drafts.create("typed here\n", &info, T0).unwrap();
    let edited = OpenDraft {
        id: id.clone(),
        untouched: false,
        edited: true,
    };
    let lost = JournalEntry::of_save(
        "postwright",
        &id,
        7,
        T0,
        "lost text\n",
        Cursor::caret(0),
        &info,
    );
    let plan = plan_recovery(
        "postwright",
        &[lost],
        &drafts.list().unwrap(),
        &edited,
        T0 + MIN,
    );
    let restored = restore(&drafts, &plan, T0 + MIN);
    assert_eq!(
        restored.forget,
        vec![JournalEntry::key_of("postwright", &id)]
    );
    let copy = &restored.record[0];
    assert_ne!(copy.id, id);
    assert_eq!(drafts.load(&copy.id).unwrap().text, "lost text\n");
    assert_eq!(drafts.load(&id).unwrap().text, "typed here\n");
    assert_eq!(drafts.list().unwrap().len(), 2);
}
