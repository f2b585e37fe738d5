#![cfg(not(target_arch = "wasm32"))]
//! Save to folder's rule (`merge::disk`): given the file as the editor read
//! it, the file on disk now and the editor's text, what is written.

use postwright::merge::disk::{changes, decide_save, SaveDecision, Seen};
use postwright::merge::{Place, Resolution};

const READ: &str = "---\ntitle: Hello\ndate: 2024-02-03\ntags: [a, b]\n---\nFirst paragraph.\n\nSecond paragraph.\n";

fn seen() -> Seen {
    Seen::new(READ.to_string(), Some(1_700_000_000_000.0))
}

#[test]
fn an_unchanged_file_gets_mine() {
    let mine = READ.replace("Hello", "Hello again");
    assert_eq!(
        decide_save(&seen(), Some(READ), &mine),
        SaveDecision::Write(mine)
    );
}

#[test]
fn a_file_that_already_holds_mine_is_written_as_is() {
    let mine = READ.replace("Hello", "Hello again");
    assert_eq!(
        decide_save(&seen(), Some(&mine), &mine),
        SaveDecision::Write(mine.clone())
    );
}

#[test]
fn another_field_changed_on_disk_is_merged_and_named() {
    let mine = READ.replace("title: Hello", "title: Hello again");
    let disk = READ.replace("tags: [a, b]", "tags: [a, b, c]");
    match decide_save(&seen(), Some(&disk), &mine) {
        SaveDecision::Merged { text, from_disk } => {
            assert_eq!(
                text,
                READ.replace("title: Hello", "title: Hello again")
                    .replace("[a, b]", "[a, b, c]")
            );
            assert_eq!(from_disk, vec!["tags".to_string()]);
        }
        other => panic!("expected a merge, got {other:?}"),
    }
}

#[test]
fn another_paragraph_changed_on_disk_is_merged() {
    let mine = READ.replace("First paragraph.", "First paragraph, mine.");
    let disk = READ.replace("Second paragraph.", "Second paragraph, theirs.");
    match decide_save(&seen(), Some(&disk), &mine) {
        SaveDecision::Merged { text, from_disk } => {
            assert!(
                text.contains("First paragraph, mine.")
                    && text.contains("Second paragraph, theirs.")
            );
            assert_eq!(from_disk, vec!["1 body block".to_string()]);
        }
        other => panic!("expected a merge, got {other:?}"),
    }
}

#[test]
fn the_same_field_changed_both_ways_writes_nothing_until_settled() {
    let mine = READ.replace("title: Hello", "title: Mine");
    let disk = READ.replace("title: Hello", "title: Theirs");
    let SaveDecision::Conflicts(merged) = decide_save(&seen(), Some(&disk), &mine) else {
        panic!("expected a conflict");
    };
    let conflicts: Vec<_> = merged.conflicts().collect();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].place, Place::Field("title".into()));
    assert_eq!(conflicts[0].place.label(), "title");
    assert_eq!(
        merged.text(),
        None,
        "no text to write while the conflict stands"
    );
    assert_eq!(merged.resolved(&[Resolution::Theirs]), disk);
    assert_eq!(merged.resolved(&[Resolution::Mine]), mine);
    assert_eq!(
        merged.resolved(&[Resolution::Edited("title: Both\n".into())]),
        READ.replace("title: Hello", "title: Both")
    );
}

#[test]
fn a_file_gone_from_disk_is_reported_not_recreated() {
    assert_eq!(decide_save(&seen(), None, READ), SaveDecision::Gone);
}

#[test]
fn a_touched_file_with_the_same_bytes_is_unchanged() {
    let later = Seen::new(READ.to_string(), Some(1_800_000_000_000.0));
    assert_eq!(later.hash, seen().hash);
    assert!(seen().unchanged(READ));
    assert!(!seen().unchanged(&READ.replace("Hello", "Hullo")));
}

#[test]
fn changes_name_fields_added_removed_and_body_blocks() {
    let theirs = READ
        .replace("date: 2024-02-03\n", "")
        .replace("tags: [a, b]\n", "tags: [a, b]\nauthor: Ann\n")
        .replace("Second paragraph.\n", "");
    assert_eq!(
        changes(READ, &theirs),
        vec![
            "author".to_string(),
            "date".to_string(),
            "1 body block removed".to_string()
        ]
    );
    assert_eq!(changes(READ, READ), Vec::<String>::new());
}

#[test]
fn edited_text_keeps_the_line_breaks_a_text_box_drops() {
    let mine = READ
        .replace("Second paragraph.", "Second paragraph. Mine.")
        .replace("First paragraph.", "First paragraph. Mine.");
    let disk = READ.replace("First paragraph.", "First paragraph. Theirs.");
    let SaveDecision::Conflicts(merged) = decide_save(&seen(), Some(&disk), &mine) else {
        panic!("expected a conflict");
    };
    let c = merged.conflicts().next().expect("one");
    assert_eq!(c.mine.as_deref(), Some("First paragraph. Mine.\n"));
    assert_eq!(c.edited("First, both."), "First, both.\n");
    assert_eq!(c.edited("First, both.\n"), "First, both.\n");
    // A block's blank line after it, too.
    let block = postwright::merge::Conflict {
        place: postwright::merge::Place::Body { line: 6 },
        base: None,
        mine: Some("A paragraph.\n\n".into()),
        theirs: None,
    };
    assert_eq!(block.edited("Another"), "Another\n\n");
    assert_eq!(block.edited(""), "");
    let settled = merged.resolved(&[Resolution::Edited(c.edited("First, both."))]);
    assert_eq!(
        settled,
        mine.replace("First paragraph. Mine.", "First, both.")
    );
}
