//! Named time zones (`Europe/Oslo`) through the browser's `Intl`, for the
//! publish status: a Hugo site's `timeZone` decides when a post dated
//! without an offset appears. A zone the browser does not know is `None`
//! (the status then says the date was read as UTC).

use js_sys::{Array, Date, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::site::time::{FixedZones, ZoneOffsets};

/// Fixed offsets and `Etc/GMT±N` as the core reads them, every other zone
/// by `Intl.DateTimeFormat`.
pub struct IntlZones;

impl ZoneOffsets for IntlZones {
    fn offset_at(&self, zone: &str, local: i64) -> Option<i32> {
        if let Some(o) = FixedZones.offset_at(zone, local) {
            return Some(o);
        }
        let format = formatter(zone)?;
        // The offset at the instant the wall time would be in UTC, then at
        // the instant that gives: right except inside a DST gap.
        let first = offset_at_instant(&format, local)?;
        offset_at_instant(&format, local - i64::from(first))
    }
}

/// `new Intl.DateTimeFormat('en-US', {timeZone, …})`, or `None` when the
/// browser does not know the zone (it throws a RangeError).
fn formatter(zone: &str) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    for (k, v) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &k.into(), &v.into()).ok()?;
    }
    let args = Array::of2(&"en-US".into(), &options);
    Reflect::construct(&ctor, &args).ok()
}

/// The zone's offset from UTC, in seconds, at `utc` (seconds since the epoch).
fn offset_at_instant(format: &JsValue, utc: i64) -> Option<i32> {
    let parts: Function = Reflect::get(format, &"formatToParts".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let date = Date::new(&JsValue::from_f64(utc as f64 * 1000.0));
    let list: Array = parts.call1(format, &date).ok()?.dyn_into().ok()?;
    let mut wall = [0f64; 6];
    for part in list.iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let slot = match kind.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        wall[slot] = value.trim().parse().ok()?;
    }
    let [y, mo, d, h, mi, s] = wall;
    let wall_ms =
        Date::utc(y, mo - 1.0) + ((d - 1.0) * 86_400.0 + h * 3600.0 + mi * 60.0 + s) * 1000.0;
    Some(((wall_ms / 1000.0) as i64 - utc) as i32)
}
