//! Points in time as the generators read a post's dates: a date or date-time,
//! with or without a UTC offset. A date without an offset is read in the
//! site's time zone (Hugo's `timeZone`, Jekyll's `timezone`), else in UTC —
//! which is why a post "dated today" can still be in the future for the
//! build. No time-zone database here: named zones are resolved by the caller
//! (the browser's `Intl`, or a fixed offset), through [`ZoneOffsets`].

/// A date or date-time as written in a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Seconds since 1970-01-01T00:00:00 of the wall-clock time as written.
    pub local: i64,
    /// The UTC offset written with it, in seconds east of UTC.
    pub offset: Option<i32>,
    /// Only a date was written (no time of day).
    pub date_only: bool,
}

/// Resolves a named time zone's UTC offset at a wall-clock time (seconds
/// since the epoch as if it were UTC). `None`: the zone is not known.
pub trait ZoneOffsets {
    fn offset_at(&self, zone: &str, local: i64) -> Option<i32>;
}

/// Knows only UTC, `Etc/GMT±N` and fixed offsets (`+02:00`): what a native
/// build without a time-zone database can say for certain.
pub struct FixedZones;

impl ZoneOffsets for FixedZones {
    fn offset_at(&self, zone: &str, _local: i64) -> Option<i32> {
        let z = zone.trim();
        if matches!(z, "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" | "Z" | "UTC0") {
            return Some(0);
        }
        if let Some(n) = z.strip_prefix("Etc/GMT") {
            // POSIX-style: Etc/GMT+5 is five hours *behind* UTC.
            let h: i32 = n.parse().ok()?;
            return (-14..=12).contains(&h).then_some(-h * 3600);
        }
        parse_offset(z)
            .filter(|(_, rest)| rest.is_empty())
            .map(|(o, _)| o)
    }
}

impl Written {
    /// The UTC instant: the written offset, else the zone's, else UTC.
    /// The second value says how the offset was found.
    pub fn instant(&self, zone: Option<&str>, zones: &dyn ZoneOffsets) -> (i64, OffsetFrom) {
        if let Some(o) = self.offset {
            return (self.local - i64::from(o), OffsetFrom::Written);
        }
        match zone {
            Some(z) => match zones.offset_at(z, self.local) {
                Some(o) => (self.local - i64::from(o), OffsetFrom::Zone),
                None => (self.local, OffsetFrom::UnknownZone),
            },
            None => (self.local, OffsetFrom::Utc),
        }
    }
}

/// Where the UTC offset of a date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetFrom {
    Written,
    /// The site's time zone.
    Zone,
    /// No offset and no site time zone: read as UTC.
    Utc,
    /// The site names a zone this build cannot resolve: read as UTC.
    UnknownZone,
}

/// Reads `2024-05-01`, `2024-05-01T10:00`, `2024-05-01 10:00:00.5 +0200`,
/// `…Z`, `…+02:00`, YAML's `-5`: what Hugo, Jekyll, Zola and YAML accept.
pub fn parse(s: &str) -> Option<Written> {
    let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m)
        || d < 1
        || d > i64::from(crate::post::days_in_month(y as u32, m as u32))
    {
        return None;
    }
    let day = days_from_civil(y, m, d) * 86_400;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(Written {
            local: day,
            offset: None,
            date_only: true,
        });
    }
    let rest = rest
        .strip_prefix(['T', 't'])
        .unwrap_or_else(|| rest.trim_start_matches([' ', '\t']));
    let rb = rest.as_bytes();
    if rb.len() < 5 || rb[2] != b':' {
        return None;
    }
    let two = |i: usize| -> Option<i64> {
        let t = rest.get(i..i + 2)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let (hh, mm) = (two(0)?, two(3)?);
    let mut i = 5;
    let mut ss = 0;
    if rb.get(5) == Some(&b':') {
        ss = two(6)?;
        i = 8;
        if rb.get(8) == Some(&b'.') {
            i = 9 + rest[9..].bytes().take_while(u8::is_ascii_digit).count();
        }
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let local = day + hh * 3600 + mm * 60 + ss;
    let tail = rest[i..].trim_start_matches([' ', '\t']);
    let offset = if tail.is_empty() {
        None
    } else {
        match parse_offset(tail) {
            Some((o, "")) => Some(o),
            _ => return None,
        }
    };
    Some(Written {
        local,
        offset,
        date_only: false,
    })
}

/// `Z`, `+02:00`, `+0200`, `-5`, `+5:30` at the start of `s`; the rest after it.
fn parse_offset(s: &str) -> Option<(i32, &str)> {
    if let Some(rest) = s.strip_prefix(['Z', 'z']) {
        return Some((0, rest));
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = &s[1..];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (h, m, used) = match (digits, body.as_bytes().get(digits)) {
        (1 | 2, Some(b':')) => {
            let md = body[digits + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if md != 2 {
                return None;
            }
            (&body[..digits], &body[digits + 1..digits + 3], digits + 3)
        }
        (4, _) => (&body[..2], &body[2..4], 4),
        (1 | 2, _) => (&body[..digits], "0", digits),
        _ => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some((sign * (h * 3600 + m * 60), &body[used..]))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// An instant as RFC 3339 in UTC: `2024-05-01T08:00:00Z`.
pub fn format_utc(t: i64) -> String {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Reads `--now` values and the like: a [`parse`]d time taken as UTC when it has no offset.
pub fn parse_instant(s: &str) -> Option<i64> {
    parse(s).map(|w| w.instant(None, &FixedZones).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_generators_write() {
        let t = |s: &str| parse(s).map(|w| (format_utc(w.local), w.offset));
        assert_eq!(t("2024-05-01"), Some(("2024-05-01T00:00:00Z".into(), None)));
        assert_eq!(
            t("2024-05-01T10:30:00+02:00"),
            Some(("2024-05-01T10:30:00Z".into(), Some(7200)))
        );
        assert_eq!(
            t("2024-05-01 10:30:00 +0200"),
            Some(("2024-05-01T10:30:00Z".into(), Some(7200)))
        );
        assert_eq!(
            t("2001-12-14 21:59:43.10 -5"),
            Some(("2001-12-14T21:59:43Z".into(), Some(-18000)))
        );
        assert_eq!(
            t("2024-05-01T10:30Z"),
            Some(("2024-05-01T10:30:00Z".into(), Some(0)))
        );
        assert_eq!(
            t("'2024-05-01T10:30:00.123456-05:30'").map(|x| x.1),
            Some(Some(-19800))
        );
        for bad in [
            "2024-02-30",
            "2024-13-01",
            "2024-05-01T25:00",
            "2024-05-01 10:30 +2x",
            "yesterday",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_date_without_offset_is_read_in_the_site_zone() {
        let w = parse("2024-05-01T10:00:00").unwrap();
        assert_eq!(w.instant(None, &FixedZones), (w.local, OffsetFrom::Utc));
        assert_eq!(
            w.instant(Some("Etc/GMT-2"), &FixedZones),
            (w.local - 7200, OffsetFrom::Zone)
        );
        assert_eq!(
            w.instant(Some("Europe/Oslo"), &FixedZones),
            (w.local, OffsetFrom::UnknownZone)
        );
        let with = parse("2024-05-01T10:00:00-01:00").unwrap();
        assert_eq!(
            with.instant(Some("Etc/GMT-2"), &FixedZones).1,
            OffsetFrom::Written
        );
        assert_eq!(
            format_utc(with.instant(None, &FixedZones).0),
            "2024-05-01T11:00:00Z"
        );
    }

    #[test]
    fn civil_days_round_trip() {
        for z in [-800_000, -1, 0, 1, 11_016, 19_844, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
