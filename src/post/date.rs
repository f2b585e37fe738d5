//! Date and timestamp spellings, as the generators' readers accept them.

/// The days of month `m` (1 to 12) of year `y`, Gregorian.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parse a date/timestamp spelling: `2020-07-23`, `2025-05-05 17:35:52.919448`,
/// RFC 3339 (`2024-01-02T03:04:05+02:00`, `...Z`), YAML timestamps
/// (`2001-12-14 21:59:43.10 -5`) and TOML datetimes. Returns
/// (year, month, day) when valid.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b.len() > 64 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    let rest = &s[10..];
    if rest.is_empty() {
        return Some((y, m, d));
    }
    // Separator: T, t, or spaces/tabs.
    let rest = if let Some(r) = rest.strip_prefix(['T', 't']) {
        r
    } else {
        let r = rest.trim_start_matches([' ', '\t']);
        if r.len() == rest.len() {
            return None;
        }
        r
    };
    // Time: H(H):MM(:SS(.frac)?)?
    let rb = rest.as_bytes();
    let hl = rb.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&hl) {
        return None;
    }
    let h: u32 = rest[..hl].parse().ok()?;
    let mut i = hl;
    if rb.get(i) != Some(&b':') {
        return None;
    }
    let mi = rest.get(i + 1..i + 3)?;
    if !mi.bytes().all(|c| c.is_ascii_digit()) || h > 23 || mi.parse::<u32>().ok()? > 59 {
        return None;
    }
    i += 3;
    if rb.get(i) == Some(&b':') {
        let se = rest.get(i + 1..i + 3)?;
        if !se.bytes().all(|c| c.is_ascii_digit()) || se.parse::<u32>().ok()? > 60 {
            return None;
        }
        i += 3;
        if rb.get(i) == Some(&b'.') {
            let n = rb[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if n == 0 {
                return None;
            }
            i += 1 + n;
        }
    }
    // Zone: none, Z, or (spaces) +-H(H)(:MM | MM)?
    let zone = rest[i..].trim_start_matches([' ', '\t']);
    if zone.is_empty() || zone == "Z" || zone == "z" {
        return Some((y, m, d));
    }
    let z = zone.strip_prefix(['+', '-'])?;
    let zb = z.as_bytes();
    let zh = zb.iter().take_while(|c| c.is_ascii_digit()).count();
    let ok = match (zh, z.len()) {
        (1, 1) | (2, 2) => true,
        (2, 5) => zb[2] == b':' && z[3..].bytes().all(|c| c.is_ascii_digit()),
        (4, 4) => true,
        (1, 4) => zb[1] == b':' && z[2..].bytes().all(|c| c.is_ascii_digit()),
        _ => false,
    };
    ok.then_some((y, m, d))
}
