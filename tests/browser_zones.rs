//! Named time zones through the browser's `Intl`, as the publish status
//! reads a date without an offset in a site's `timeZone`.
#![cfg(target_arch = "wasm32")]

use postwright::browser::zones::IntlZones;
use postwright::site::time::{parse, ZoneOffsets};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local(s: &str) -> i64 {
    parse(s).unwrap().local
}

#[wasm_bindgen_test]
fn a_named_zone_has_its_offset_at_that_wall_time_summer_and_winter() {
    let oslo = |s: &str| IntlZones.offset_at("Europe/Oslo", local(s));
    assert_eq!(oslo("2026-07-02T08:00:00"), Some(2 * 3600));
    assert_eq!(oslo("2026-01-02T08:00:00"), Some(3600));
    assert_eq!(
        IntlZones.offset_at("America/New_York", local("2026-01-02T08:00:00")),
        Some(-5 * 3600)
    );
    assert_eq!(
        IntlZones.offset_at("Asia/Kolkata", local("2026-01-02")),
        Some(19800)
    );
    // What the core knows by itself still holds.
    assert_eq!(IntlZones.offset_at("Etc/GMT-2", 0), Some(7200));
    assert_eq!(IntlZones.offset_at("+05:45", 0), Some(20700));
    assert_eq!(IntlZones.offset_at("Not/A_Zone", 0), None);
}
