#![cfg(not(target_arch = "wasm32"))]
//! A host setting `value` while the writer has edits (`merge::host`).

use postwright::merge::host::{host_value, HostValue};
use postwright::merge::{Place, Resolution};

const FIRST: &str = "---\ntitle: Hello\n---\nFirst.\n";
const LAST: &str = "---\ntitle: Hello\ntags: [a]\n---\nFirst.\n\nSecond.\n";

#[test]
fn without_edits_of_the_writer_the_value_is_shown_as_set() {
    let new = LAST.replace("Hello", "From the host");
    assert_eq!(host_value(FIRST, LAST, LAST, &new), HostValue::Replace);
}

#[test]
fn a_reset_to_the_value_set_before_replaces_the_edits() {
    let mine = LAST.replace("First.", "First, typed.");
    assert_eq!(host_value(FIRST, LAST, &mine, LAST), HostValue::Replace);
}

#[test]
fn the_value_the_editor_started_with_set_again_replaces_the_edits() {
    let mine = LAST.replace("First.", "First, typed.");
    assert_eq!(host_value(FIRST, LAST, &mine, FIRST), HostValue::Replace);
}

#[test]
fn the_writers_edits_and_the_hosts_change_elsewhere_are_merged() {
    let mine = LAST.replace("First.", "First, typed.");
    let new = LAST.replace("[a]", "[a, host]");
    assert_eq!(
        host_value(FIRST, LAST, &mine, &new),
        HostValue::Merged(
            LAST.replace("First.", "First, typed.")
                .replace("[a]", "[a, host]")
        )
    );
}

#[test]
fn the_same_field_changed_by_both_is_a_conflict_to_settle() {
    let mine = LAST.replace("title: Hello", "title: Typed");
    let new = LAST.replace("title: Hello", "title: Host");
    let HostValue::Conflicts(m) = host_value(FIRST, LAST, &mine, &new) else {
        panic!("a conflict");
    };
    assert_eq!(
        m.conflicts().map(|c| c.place.clone()).collect::<Vec<_>>(),
        vec![Place::Field("title".into())]
    );
    assert_eq!(m.resolved(&[Resolution::Theirs]), new);
}
