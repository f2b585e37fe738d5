//! One editor's drafts (`drafts::Workspace`) natively, over `MemoryStore`:
//! what the editor does with its drafts, as a user meets it (two tabs are
//! two workspaces on one storage).

use postwright::drafts::*;
use postwright::post::{starter, Post};

const STARTER_DAY: &str = "2026-12-04";

fn starter_text() -> String {
    starter(STARTER_DAY)
}

fn tab(storage: &MemoryStore, writer: &str, initial: &str) -> (Workspace<MemoryStore>, String) {
    let store = DraftStore::with_namespace(storage.clone(), "blog", writer);
    let opening = Workspace::open(store, None, initial, &starter_text(), 1_000);
    (opening.workspace, opening.text)
}

fn post(title: &str, body: &str) -> Post {
    Post::parse(&format!("---\ntitle: {title}\n---\n{body}"))
}

/// Types `post` into the open draft and saves it, as autosave does.
fn type_and_save(ws: &mut Workspace<MemoryStore>, post: &Post, now: u64) {
    ws.touch();
    assert_eq!(ws.status(), &SaveStatus::Unsaved);
    assert_eq!(ws.status_text(), "Saving…");
    let saved = ws.save(post, Cursor::caret(3), now).expect("saved");
    assert_ne!(saved, Saved::Nothing);
    ws.finish_save(now);
    assert_eq!(ws.status(), &SaveStatus::Saved);
}

fn stored_text(storage: &MemoryStore, id: &str) -> String {
    DraftStore::with_namespace(storage.clone(), "blog", "reader")
        .load(id)
        .unwrap()
        .text
}

fn titles(ws: &Workspace<MemoryStore>) -> Vec<String> {
    ws.drafts().iter().map(|d| d.title.clone()).collect()
}

#[test]
fn a_first_visit_opens_a_starter_and_a_reload_the_draft_as_left() {
    let storage = MemoryStore::new();
    let (mut ws, text) = tab(&storage, "a", "");
    assert_eq!(text, starter_text());
    assert_eq!(ws.drafts().len(), 1);
    assert_eq!(ws.status_text(), "Saved");
    let first = ws.open_id().to_string();

    let written = post("Hello", "Typed.\n");
    type_and_save(&mut ws, &written, 2_000);
    assert_eq!(titles(&ws), ["Hello"]);

    let store = DraftStore::with_namespace(storage.clone(), "blog", "b");
    let again = Workspace::open(store, None, "", &starter_text(), 3_000);
    assert_eq!(again.workspace.open_id(), first);
    assert_eq!(again.text, written.to_text());
    assert_eq!(again.cursor, Some(Cursor::caret(3)));
}

#[test]
fn a_host_value_becomes_a_draft_unless_it_is_the_last_open_one() {
    let storage = MemoryStore::new();
    let host = post("From the host", "Body\n").to_text();
    let (ws, text) = tab(&storage, "a", &host);
    assert_eq!(text, host);
    assert_eq!(titles(&ws), ["From the host"]);
    let (ws, _) = tab(&storage, "b", &host);
    assert_eq!(ws.drafts().len(), 1, "the same value reopens its draft");
    let (ws, _) = tab(&storage, "c", &post("Other", "x\n").to_text());
    assert_eq!(ws.drafts().len(), 2);
}

#[test]
fn nothing_to_save_writes_nothing() {
    let storage = MemoryStore::new();
    let (mut ws, text) = tab(&storage, "a", "");
    let before = storage.used_units();
    assert_eq!(
        ws.save(&Post::parse(&text), Cursor::default(), 2_000),
        Ok(Saved::Nothing)
    );
    assert_eq!(storage.used_units(), before);
}

#[test]
fn a_full_storage_says_not_saved_and_keeps_the_text_to_retry() {
    let storage = MemoryStore::with_quota(2_000);
    let (mut ws, _) = tab(&storage, "a", "");
    let long = post("Long", &"word ".repeat(1_000));
    ws.touch();
    let err = ws.save(&long, Cursor::default(), 2_000).unwrap_err();
    assert!(matches!(
        err,
        SaveError::Storage(StorageError::QuotaExceeded)
    ));
    assert!(matches!(ws.status(), SaveStatus::Failed(reason) if reason.contains("full")));
    assert_eq!(ws.status_text(), "NOT saved");
    // A later edit does not hide the failure; a save that fits clears it.
    ws.touch();
    assert_eq!(ws.status_text(), "NOT saved");
    ws.save(&post("Short", "ok\n"), Cursor::default(), 3_000)
        .unwrap();
    assert_eq!(ws.status_text(), "Saved");
}

#[test]
fn blocked_storage_says_autosave_is_off() {
    let store = DraftStore::with_namespace(MemoryStore::new(), "blog", "a");
    let opening = Workspace::open(
        store,
        Some(StorageError::Blocked),
        "",
        &starter_text(),
        1_000,
    );
    assert_eq!(
        opening.workspace.status_text(),
        "Autosave off (storage blocked)"
    );
    assert_eq!(
        opening.workspace.memory_only(),
        Some(&StorageError::Blocked)
    );
}

/// Two tabs on one draft; the first saves while the second has edits.
fn conflicting_tabs() -> (MemoryStore, Workspace<MemoryStore>, Workspace<MemoryStore>) {
    let storage = MemoryStore::new();
    let (mut a, _) = tab(&storage, "a", "");
    type_and_save(&mut a, &post("Base", "base\n"), 2_000);
    let (mut b, text) = tab(&storage, "b", "");
    assert_eq!(b.open_id(), a.open_id());
    assert_eq!(text, post("Base", "base\n").to_text());
    type_and_save(&mut a, &post("Theirs", "from tab a\n"), 3_000);
    b.touch();
    (storage, a, b)
}

#[test]
fn another_tabs_save_while_editing_is_a_conflict_and_nothing_is_overwritten() {
    let (storage, a, mut b) = conflicting_tabs();
    assert_eq!(
        b.storage_changed(Some("blog:draft:other")),
        Changed::Nothing
    );
    let key = format!("blog:draft:{}", a.open_id());
    assert_eq!(b.storage_changed(Some(&key)), Changed::Conflict);
    let theirs = b.conflict().expect("a conflict offered");
    assert_eq!(theirs.text, post("Theirs", "from tab a\n").to_text());
    // While the user chooses, autosave writes nothing.
    assert_eq!(
        b.save(&post("Mine", "from tab b\n"), Cursor::default(), 4_000),
        Ok(Saved::Nothing)
    );
    assert_eq!(
        stored_text(&storage, a.open_id()),
        post("Theirs", "from tab a\n").to_text()
    );
}

#[test]
fn a_save_that_meets_a_conflict_offers_it() {
    let (_storage, _a, mut b) = conflicting_tabs();
    let err = b
        .save(&post("Mine", "from tab b\n"), Cursor::default(), 4_000)
        .unwrap_err();
    assert!(matches!(err, SaveError::Conflict { .. }));
    assert!(b.conflict().is_some());
    assert_eq!(b.status_text(), "Saving…", "not saved, and not failed");
}

#[test]
fn keep_mine_stores_mine_keeps_theirs_as_a_revision_and_saves_on_from_there() {
    let (storage, mut a, mut b) = conflicting_tabs();
    let mine = post("Mine", "from tab b\n");
    assert!(b.save(&mine, Cursor::default(), 4_000).is_err());
    b.keep_mine(&mine, Cursor::caret(1), 5_000).unwrap();
    assert!(b.conflict().is_none());
    assert_eq!(b.status_text(), "Saved");
    assert_eq!(stored_text(&storage, b.open_id()), mine.to_text());
    assert!(b.revisions().iter().any(|r| r.title == "Theirs"));
    // The next edit saves over its own version, no conflict.
    type_and_save(&mut b, &post("Mine", "more\n"), 6_000);
    // Now tab a, which had not heard, meets the conflict in turn.
    a.touch();
    assert!(matches!(
        a.save(&post("Theirs", "again\n"), Cursor::default(), 7_000),
        Err(SaveError::Conflict { .. })
    ));
}

#[test]
fn use_theirs_opens_theirs_and_keeps_mine_as_a_draft_of_its_own() {
    let (storage, a, mut b) = conflicting_tabs();
    let mine = post("Mine", "from tab b\n");
    assert!(b.save(&mine, Cursor::default(), 4_000).is_err());
    let theirs = b.use_theirs(&mine, Cursor::default(), 5_000).unwrap();
    assert_eq!(
        theirs.map(|d| d.text),
        Some(post("Theirs", "from tab a\n").to_text())
    );
    assert!(b.conflict().is_none());
    assert_eq!(b.open_id(), a.open_id());
    let mut listed = titles(&b);
    listed.sort();
    assert_eq!(listed, ["Mine", "Theirs"]);
    assert_eq!(
        stored_text(&storage, a.open_id()),
        post("Theirs", "from tab a\n").to_text()
    );
    assert_eq!(b.use_theirs(&mine, Cursor::default(), 6_000), Ok(None));
}

#[test]
fn another_tabs_save_without_edits_here_reloads_it() {
    let storage = MemoryStore::new();
    let (mut a, _) = tab(&storage, "a", "");
    let (mut b, _) = tab(&storage, "b", "");
    type_and_save(&mut a, &post("New", "from a\n"), 2_000);
    match b.storage_changed(Some(&format!("blog:draft:{}", a.open_id()))) {
        Changed::Reloaded(d) => assert_eq!(d.text, post("New", "from a\n").to_text()),
        other => panic!("{other:?}"),
    }
    // Edits here now save on top of theirs.
    type_and_save(&mut b, &post("New", "from b\n"), 3_000);
}

#[test]
fn a_draft_deleted_in_another_tab_is_stored_again_on_the_next_save() {
    let storage = MemoryStore::new();
    let (mut a, _) = tab(&storage, "a", "");
    type_and_save(&mut a, &post("Kept", "x\n"), 2_000);
    let (mut b, _) = tab(&storage, "b", "");
    let id = a.open_id().to_string();
    b.delete(&id, &starter_text(), 3_000).unwrap();
    assert_eq!(
        a.storage_changed(Some(&format!("blog:draft:{id}"))),
        Changed::DeletedElsewhere
    );
    a.save(&post("Kept", "x\n"), Cursor::default(), 4_000)
        .unwrap();
    assert_eq!(stored_text(&storage, &id), post("Kept", "x\n").to_text());
}

#[test]
fn delete_and_undo() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("One", "1\n"), 2_000);
    let one = ws.open_id().to_string();
    let two = ws
        .new_draft(&post("One", "1\n"), &starter_text(), 3_000)
        .unwrap();
    type_and_save(&mut ws, &post("Two", "2\n"), 4_000);

    // Another draft than the open one.
    assert_eq!(
        ws.delete(&one, &starter_text(), 5_000),
        Ok(AfterDelete::Other)
    );
    assert_eq!(ws.deleted_title(), Some("One"));
    assert_eq!(titles(&ws), ["Two"]);
    assert_eq!(ws.undo_delete(6_000), Ok(true));
    assert_eq!(ws.deleted_title(), None);
    let mut listed = titles(&ws);
    listed.sort();
    assert_eq!(listed, ["One", "Two"]);

    // The open one: the newest other opens.
    match ws.delete(&two.id, &starter_text(), 7_000).unwrap() {
        AfterDelete::Opened(d) => assert_eq!(d.id, one),
        other => panic!("{other:?}"),
    }
    assert_eq!(ws.open_id(), one);
    // Too late to undo: the window is a minute.
    assert_eq!(
        ws.undo_delete(7_000 + DEFAULT_UNDO_WINDOW_MS + 1),
        Ok(false)
    );
    // With no delete to undo, nothing happens.
    assert_eq!(ws.undo_delete(8_000), Ok(true));
}

#[test]
fn deleting_the_last_draft_opens_a_new_one() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("Only", "x\n"), 2_000);
    let only = ws.open_id().to_string();
    match ws.delete(&only, &starter_text(), 3_000).unwrap() {
        AfterDelete::Opened(d) => {
            assert_ne!(d.id, only);
            assert_eq!(d.text, starter_text());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(ws.deleted_title(), Some("Only"));
    assert_eq!(ws.drafts().len(), 1);
}

#[test]
fn an_untitled_draft_deleted_is_called_untitled() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    let id = ws.open_id().to_string();
    ws.delete(&id, &starter_text(), 2_000).unwrap();
    assert_eq!(ws.deleted_title(), Some("Untitled"));
}

#[test]
fn duplicate_lists_a_copy_and_keeps_the_open_draft() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("Original", "x\n"), 2_000);
    let open = ws.open_id().to_string();
    ws.duplicate(&open, 3_000).unwrap();
    assert_eq!(titles(&ws), ["Original", "Original"]);
    assert_eq!(ws.open_id(), open);
    assert!(ws.duplicate("no-such-draft", 4_000).is_err());
}

#[test]
fn restoring_a_revision_opens_it_and_keeps_the_version_before() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("First", "1\n"), 2_000);
    type_and_save(&mut ws, &post("Second", "2\n"), 3_000);
    let first = ws
        .revisions()
        .iter()
        .find(|r| r.title == "First")
        .expect("the first version kept")
        .rev_id;
    let restored = ws.restore_revision(first, 4_000).unwrap();
    assert_eq!(restored.text, post("First", "1\n").to_text());
    assert_eq!(stored_text(&storage, ws.open_id()), restored.text);
    assert!(ws.revisions().iter().any(|r| r.title == "Second"));
    assert_eq!(ws.status_text(), "Saved");
    // Saving on from the restored version meets no conflict.
    type_and_save(&mut ws, &post("Third", "3\n"), 5_000);
}

#[test]
fn a_revision_is_previewed_before_it_is_restored_and_a_restore_loses_no_version() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    let minutes = |m: u64| 1_000 + m * 60_000;
    type_and_save(&mut ws, &post("First", "1\n"), minutes(1));
    type_and_save(&mut ws, &post("Second", "2\n"), minutes(10));
    type_and_save(&mut ws, &post("Third", "3\n"), minutes(10) + 5_000);
    let second = ws
        .revisions()
        .iter()
        .find(|r| r.title == "Second")
        .unwrap()
        .rev_id;
    ws.preview_revision(Some(second)).unwrap();
    assert_eq!(
        ws.previewed().unwrap().text,
        post("Second", "2\n").to_text()
    );
    ws.preview_revision(None).unwrap();
    assert!(ws.previewed().is_none());
    ws.preview_revision(Some(second)).unwrap();
    assert!(ws.preview_revision(Some(999)).is_err());

    let first = ws
        .revisions()
        .iter()
        .find(|r| r.title == "First")
        .unwrap()
        .rev_id;
    ws.restore_revision(first, minutes(10) + 9_000).unwrap();
    assert!(ws.previewed().is_none(), "restoring ends the preview");
    let kept: Vec<String> = ws.revisions().iter().map(|r| r.title.clone()).collect();
    assert!(
        kept.contains(&"Second".to_string()) && kept.contains(&"Third".to_string()),
        "the version a restore replaced is a revision of its own: {kept:?}"
    );
}

#[test]
fn a_new_draft_takes_the_place_of_an_untouched_one_only() {
    let storage = MemoryStore::new();
    let (mut ws, text) = tab(&storage, "a", "");
    let untouched = ws.open_id().to_string();
    let made = ws
        .new_draft(&Post::parse(&text), &starter_text(), 2_000)
        .unwrap();
    assert_eq!(ws.open_id(), made.id);
    assert_eq!(ws.drafts().len(), 1, "the untouched starter gave way");
    assert_ne!(made.id, untouched);

    // One space typed makes it a post that stays.
    let typed = Post::parse(&format!("{text} "));
    type_and_save(&mut ws, &typed, 3_000);
    ws.new_draft(&typed, &starter_text(), 4_000).unwrap();
    assert_eq!(ws.drafts().len(), 2);
}

#[test]
fn an_import_opens_the_first_post_stores_the_rest_and_replaces_an_untouched_starter() {
    let storage = MemoryStore::new();
    let (mut ws, text) = tab(&storage, "a", "");
    let starter_id = ws.open_id().to_string();
    let mut batch = ws.begin_import(&Post::parse(&text));
    let first = post("First file", "a\n");
    match ws.import(&mut batch, &first, "first.md", 2_000) {
        Imported::Opened(d) => assert_eq!(d.text, first.to_text()),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ws.import(&mut batch, &post("Second file", "b\n"), "second.md", 2_001),
        Imported::Stored
    );
    ws.end_import(batch, 2_002);
    let mut listed = titles(&ws);
    listed.sort();
    assert_eq!(listed, ["First file", "Second file"]);
    assert!(ws.drafts().iter().all(|d| d.id != starter_id));
    assert_eq!(
        ws.drafts()
            .iter()
            .find(|d| d.id == ws.open_id())
            .unwrap()
            .title,
        "First file"
    );

    // A written draft stays when another import comes.
    let mut batch = ws.begin_import(&first);
    ws.import(&mut batch, &post("Third file", "c\n"), "third.md", 3_000);
    ws.end_import(batch, 3_001);
    assert_eq!(ws.drafts().len(), 3);
}

#[test]
fn an_import_that_cannot_be_stored_says_so_and_keeps_the_starter() {
    let storage = MemoryStore::with_quota(3_000);
    let (mut ws, text) = tab(&storage, "a", "");
    let starter_id = ws.open_id().to_string();
    let mut batch = ws.begin_import(&Post::parse(&text));
    let huge = post("Huge", &"x".repeat(10_000));
    assert!(matches!(
        ws.import(&mut batch, &huge, "huge.md", 2_000),
        Imported::NotStored {
            first: true,
            error: SaveError::Storage(StorageError::QuotaExceeded)
        }
    ));
    ws.end_import(batch, 2_001);
    assert_eq!(
        ws.open_id(),
        starter_id,
        "nothing else opened, nothing deleted"
    );
    assert_eq!(ws.drafts().len(), 1);
}

#[test]
fn preferences_are_kept_per_namespace() {
    let storage = MemoryStore::new();
    let (ws, _) = tab(&storage, "a", "");
    assert_eq!(ws.pref("theme"), None);
    ws.set_pref("theme", "dark");
    let (again, _) = tab(&storage, "b", "");
    assert_eq!(again.pref("theme").as_deref(), Some("dark"));
    let other = DraftStore::with_namespace(storage.clone(), "other", "c");
    let other = Workspace::open(other, None, "", &starter_text(), 1_000).workspace;
    assert_eq!(other.pref("theme"), None);
    // Where earlier versions kept them, so nobody's choices are lost.
    assert_eq!(storage.get("blog:theme").unwrap().as_deref(), Some("dark"));
}

#[test]
fn search_lists_the_matching_drafts_only() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("Rust notes", "x\n"), 2_000);
    let current = post("Rust notes", "x\n");
    ws.new_draft(&current, &starter_text(), 3_000).unwrap();
    type_and_save(&mut ws, &post("Gardening", "y\n"), 4_000);
    ws.search("rust".into());
    assert_eq!(ws.query(), "rust");
    assert_eq!(titles(&ws), ["Rust notes"]);
    ws.search(String::new());
    assert_eq!(ws.drafts().len(), 2);
}

#[test]
fn search_finds_a_word_of_the_body_a_tag_or_the_author() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    let hugo = Post::parse(
        "---\ntitle: Moving\nauthor: Ada Lovelace\ntags: [hugo]\n---\nI left WordPress.\n",
    );
    type_and_save(&mut ws, &hugo, 2_000);
    ws.new_draft(&hugo, &starter_text(), 3_000).unwrap();
    type_and_save(&mut ws, &post("Gardening", "Tomatoes.\n"), 4_000);
    for q in ["wordpress", "Hugo", "lovelace", "tomatoes"] {
        ws.search(q.into());
        assert_eq!(titles(&ws).len(), 1, "{q}");
    }
    ws.search("wordpress".into());
    assert_eq!(titles(&ws), ["Moving"]);
    ws.search("nowhere".into());
    assert!(ws.drafts().is_empty());
}

#[test]
fn a_draft_whose_front_matter_is_being_mended_keeps_its_title_in_the_list() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("Moving my blog", "x\n"), 2_000);
    let broken = Post::parse("---\ntitle: \"Moving my blog\n---\nx\n");
    assert!(broken.fields().is_err());
    type_and_save(&mut ws, &broken, 3_000);
    assert_eq!(titles(&ws), ["Moving my blog"]);
    type_and_save(&mut ws, &broken, 4_000);
    assert_eq!(titles(&ws), ["Moving my blog"], "and on the saves after");
    type_and_save(&mut ws, &post("Moved", "x\n"), 5_000);
    assert_eq!(titles(&ws), ["Moved"]);
}

#[test]
fn an_export_of_all_has_every_drafts_text() {
    let storage = MemoryStore::new();
    let (mut ws, _) = tab(&storage, "a", "");
    type_and_save(&mut ws, &post("A", "a\n"), 2_000);
    ws.new_draft(&post("A", "a\n"), &starter_text(), 3_000)
        .unwrap();
    type_and_save(&mut ws, &post("B", "b\n"), 4_000);
    let mut texts = ws.texts().unwrap();
    texts.sort();
    assert_eq!(
        texts,
        [
            (None, post("A", "a\n").to_text()),
            (None, post("B", "b\n").to_text())
        ]
    );
}

#[test]
fn an_imported_post_keeps_its_path_through_edits_reloads_and_a_rename() {
    let storage = MemoryStore::new();
    let (mut ws, text) = tab(&storage, "a", "");
    let mut batch = ws.begin_import(&Post::parse(&text));
    let imported = post("An IC's take on DevRel in 2025", "x\n");
    ws.import(&mut batch, &imported, "ic-take-on-devrel-2025.md", 2_000);
    ws.end_import(batch, 2_001);
    assert_eq!(ws.path(), Some("ic-take-on-devrel-2025.md"));
    // Edits, even of the title, keep it: in Hugo the file name is the URL.
    let edited = post("A new title", "x y\n");
    type_and_save(&mut ws, &edited, 3_000);
    assert_eq!(ws.path(), Some("ic-take-on-devrel-2025.md"));
    // Another tab (or a reload) opens it with its path.
    let (other, _) = tab(&storage, "b", "");
    assert_eq!(other.path(), Some("ic-take-on-devrel-2025.md"));
    assert_eq!(
        other
            .texts()
            .unwrap()
            .iter()
            .filter(|(p, _)| p.as_deref() == Some("ic-take-on-devrel-2025.md"))
            .count(),
        1
    );
    // The writer renames it, or clears it back to the generator's convention.
    ws.set_path("content/posts/devrel.md", &edited, Cursor::default(), 4_000)
        .unwrap();
    assert_eq!(ws.path(), Some("content/posts/devrel.md"));
    let (other, _) = tab(&storage, "c", "");
    assert_eq!(other.path(), Some("content/posts/devrel.md"));
    ws.set_path("", &edited, Cursor::default(), 5_000).unwrap();
    assert_eq!(ws.path(), None);
    // A new draft has none.
    ws.new_draft(&edited, &starter_text(), 6_000).unwrap();
    assert_eq!(ws.path(), None);
}

#[test]
fn two_tabs_editing_different_fields_and_paragraphs_are_merged_not_asked() {
    let storage = MemoryStore::new();
    let (mut a, _) = tab(&storage, "a", "");
    let base = "---\ntitle: Base\ndraft: true\n---\nFirst paragraph.\n\nSecond paragraph.\n";
    type_and_save(&mut a, &Post::parse(base), 2_000);
    let (mut b, _) = tab(&storage, "b", "");
    // Tab a changes the title and saves; tab b, meanwhile, a paragraph and the draft flag.
    type_and_save(
        &mut a,
        &Post::parse(&base.replace("title: Base", "title: From tab a")),
        3_000,
    );
    b.touch();
    let mine = Post::parse(
        &base
            .replace("Second paragraph.", "Second, from tab b.")
            .replace("draft: true", "draft: false"),
    );
    assert!(matches!(
        b.save(&mine, Cursor::default(), 4_000),
        Err(SaveError::Conflict { .. })
    ));
    let merged =
        "---\ntitle: From tab a\ndraft: false\n---\nFirst paragraph.\n\nSecond, from tab b.\n";
    assert_eq!(
        b.merge_conflict(&mine, Cursor::default(), 5_000),
        Ok(TabMerge::Clean(merged.to_string()))
    );
    assert!(b.conflict().is_none());
    assert_eq!(b.status_text(), "Saved");
    assert_eq!(stored_text(&storage, b.open_id()), merged);
    // Saving on from the merge is no conflict.
    type_and_save(&mut b, &Post::parse(&format!("{merged}\nThird.\n")), 6_000);
}

#[test]
fn two_tabs_editing_the_same_field_still_ask_and_name_it() {
    let storage = MemoryStore::new();
    let (mut a, _) = tab(&storage, "a", "");
    type_and_save(&mut a, &post("Base", "body\n"), 2_000);
    let (mut b, _) = tab(&storage, "b", "");
    type_and_save(&mut a, &post("Theirs", "body\n"), 3_000);
    b.touch();
    let mine = post("Mine", "body\n");
    let key = format!("blog:draft:{}", a.open_id());
    assert_eq!(b.storage_changed(Some(&key)), Changed::Conflict);
    assert_eq!(
        b.merge_conflict(&mine, Cursor::default(), 4_000),
        Ok(TabMerge::Conflicts {
            n: 1,
            places: vec!["title".to_string()]
        })
    );
    assert!(b.conflict().is_some(), "the writer still chooses");
    assert_eq!(
        stored_text(&storage, a.open_id()),
        post("Theirs", "body\n").to_text(),
        "nothing written"
    );
}

#[test]
fn a_conflict_with_another_tab_is_settled_per_field_and_stored() {
    use postwright::merge::{Place, Resolution};
    let storage = MemoryStore::new();
    let (mut a, _) = tab(&storage, "a", "");
    type_and_save(&mut a, &post("Base", "body\n"), 2_000);
    let (mut b, _) = tab(&storage, "b", "");
    type_and_save(&mut a, &post("Theirs", "body\n"), 3_000);
    b.touch();
    let mine = post("Mine", "body, mine\n");
    let key = format!("blog:draft:{}", a.open_id());
    assert_eq!(b.storage_changed(Some(&key)), Changed::Conflict);
    let merged = b.conflict_merge(&mine).expect("a conflict");
    let places: Vec<_> = merged.conflicts().map(|c| c.place.clone()).collect();
    assert_eq!(places, vec![Place::Field("title".into())]);
    let settled = b
        .resolve_conflict(&mine, &[Resolution::Theirs], Cursor::default(), 4_000)
        .expect("stored")
        .expect("there was a conflict");
    assert_eq!(settled, post("Theirs", "body, mine\n").to_text());
    assert!(b.conflict().is_none());
    assert_eq!(stored_text(&storage, b.open_id()), settled);
    assert_eq!(b.conflict_merge(&mine), None);
}

#[test]
fn a_file_imported_again_is_found_by_its_path_and_merged_into_its_draft() {
    use postwright::merge::disk::SaveDecision;
    let storage = MemoryStore::new();
    let (mut ws, text) = tab(&storage, "a", "");
    let file = "---\ntitle: Hello\ntags: [a]\n---\nFirst.\n\nSecond.\n";
    assert_eq!(ws.reimport("hello.md", file), ReImport::New);
    let mut batch = ws.begin_import(&Post::parse(&text));
    let Imported::Opened(draft) = ws.import(&mut batch, &Post::parse(file), "hello.md", 2_000)
    else {
        panic!("opened");
    };
    ws.end_import(batch, 2_001);
    let id = draft.id.clone();
    assert_eq!(ws.reimport("hello.md", file), ReImport::Same(id.clone()));
    assert_eq!(ws.reimport("other.md", file), ReImport::New);
    // The writer edits the title; the file, elsewhere, gets a tag and a new second paragraph.
    let edited = file.replace("title: Hello", "title: Hello, edited");
    type_and_save(&mut ws, &Post::parse(&edited), 3_000);
    let changed = file
        .replace("[a]", "[a, b]")
        .replace("Second.", "Second, changed.");
    assert_eq!(
        ws.reimport("hello.md", &changed),
        ReImport::Differs {
            id: id.clone(),
            title: "Hello, edited".to_string()
        }
    );
    let (opened, decision) = ws.merge_file_into(&id, &changed).expect("loads");
    assert_eq!(opened.text, edited);
    assert_eq!(
        decision,
        SaveDecision::Merged {
            text: "---\ntitle: Hello, edited\ntags: [a, b]\n---\nFirst.\n\nSecond, changed.\n"
                .to_string(),
            from_disk: vec!["tags".to_string(), "1 body block".to_string()],
        }
    );
    // The same field changed both ways: a conflict to settle, not a silent pick.
    let clash = file.replace("title: Hello", "title: Hello from the file");
    let (_, decision) = ws.merge_file_into(&id, &clash).expect("loads");
    assert!(matches!(decision, SaveDecision::Conflicts(m) if m.conflicts().count() == 1));
}
