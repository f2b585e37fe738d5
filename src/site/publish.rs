//! "Will it publish, and where?": for one post, whether its generator will
//! put it on the site at the moment given (or why not, and when it will
//! appear), and the URL it will have. Each generator's rules as its docs
//! give them: Hugo hides drafts, future-dated and expired posts unless the
//! site says `buildDrafts`/`buildFuture`/`buildExpired`; Jekyll hides
//! `published: false`, `_drafts/` and (without `future: true`) future dates;
//! Zola hides `draft = true` and publishes future dates; Astro's blog
//! template hides `draft: true`; Eleventy writes every page unless
//! `permalink: false`, and leaves `eleventyExcludeFromCollections` out of lists.

use super::config::SiteConfig;
use super::time::{self, OffsetFrom, ZoneOffsets};
use crate::export::{slugify, Preset};
use crate::post::{Post, Value};

/// Whether the post will be on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    Published,
    /// A draft (the reason names the key or folder).
    Draft(String),
    /// Dated after now: it appears at this instant (UTC seconds).
    Future(i64),
    /// Expired at this instant.
    Expired(i64),
    /// Built, but left out of the site's lists (Eleventy's exclusion key).
    Unlisted,
    /// Not written at all (Eleventy's `permalink: false`).
    NotWritten,
}

/// The answer for one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub visibility: Visibility,
    /// The page's URL (absolute when the site's base URL is known, else from `/`).
    pub url: Option<String>,
    /// Things the author should know: a date read without an offset, say.
    pub notes: Vec<String>,
}

/// Reads the post at repository path `path` as `preset` builds it for `site`, at `now` (UTC seconds).
pub fn verdict(
    preset: Preset,
    site: &SiteConfig,
    path: &str,
    post: &Post,
    now: i64,
    zones: &dyn ZoneOffsets,
) -> Verdict {
    verdict_of_fields(
        preset,
        site,
        path,
        &post.fields().unwrap_or_default(),
        now,
        zones,
    )
}

/// [`verdict`] from fields already read (the editor keeps them).
pub fn verdict_of_fields(
    preset: Preset,
    site: &SiteConfig,
    path: &str,
    fields: &[crate::post::Field],
    now: i64,
    zones: &dyn ZoneOffsets,
) -> Verdict {
    let fields = Fields {
        fields,
        ci: matches!(preset, Preset::Hugo | Preset::HugoBundle),
    };
    let mut notes = Vec::new();
    let mut instant = |key: &str, value: &str| -> Option<i64> {
        let w = time::parse(value)?;
        let (t, from) = w.instant(site.time_zone.as_deref(), zones);
        let note = match from {
            OffsetFrom::Utc if !w.date_only => Some(format!("{key} has no UTC offset: read as UTC")),
            OffsetFrom::UnknownZone => Some(format!(
                "{key} has no UTC offset and the site's time zone {} is not known here: read as UTC",
                site.time_zone.as_deref().unwrap_or_default()
            )),
            _ => None,
        };
        if let Some(note) = note.filter(|n| !notes.contains(n)) {
            notes.push(note);
        }
        Some(t)
    };
    let truthy = |key: &str| matches!(fields.get(key), Some(Value::Bool(true)));
    let falsy = |key: &str| matches!(fields.get(key), Some(Value::Bool(false)));

    let visibility = match preset {
        Preset::Hugo | Preset::HugoBundle => {
            let publish = ["publishDate", "pubDate", "published", "date"]
                .into_iter()
                .find_map(|k| Some((k, fields.str(k)?)));
            let expiry = ["expiryDate", "unpublishDate"]
                .into_iter()
                .find_map(|k| Some((k, fields.str(k)?)));
            let publish_at = publish.and_then(|(k, v)| instant(k, &v));
            let expiry_at = expiry.and_then(|(k, v)| instant(k, &v));
            if truthy("draft") && !site.build_drafts {
                Visibility::Draft("draft: true".into())
            } else if let Some(t) = publish_at.filter(|&t| t > now && !site.build_future) {
                Visibility::Future(t)
            } else if let Some(t) = expiry_at.filter(|&t| t <= now && !site.build_expired) {
                Visibility::Expired(t)
            } else {
                Visibility::Published
            }
        }
        Preset::Jekyll => {
            let date = fields.str("date").or_else(|| file_date(path));
            let at = date.and_then(|d| instant("date", &d));
            if falsy("published") {
                Visibility::Draft("published: false".into())
            } else if path.starts_with("_drafts/") || path.contains("/_drafts/") {
                Visibility::Draft("it is in _drafts/".into())
            } else if let Some(t) = at.filter(|&t| t > now && !site.build_future) {
                Visibility::Future(t)
            } else {
                Visibility::Published
            }
        }
        Preset::Zola | Preset::Astro => {
            if truthy("draft") {
                Visibility::Draft("draft: true".into())
            } else {
                Visibility::Published
            }
        }
        Preset::Eleventy => {
            if falsy("permalink") {
                Visibility::NotWritten
            } else if truthy("eleventyExcludeFromCollections") {
                Visibility::Unlisted
            } else {
                Visibility::Published
            }
        }
    };
    let url = (visibility != Visibility::NotWritten)
        .then(|| url(preset, site, path, &fields, &mut instant));
    Verdict {
        visibility,
        url: url.flatten(),
        notes,
    }
}

/// The status line the editor shows, e.g. `Hugo will publish this at https://example.com/posts/hello/`.
pub fn status_line(preset: Preset, v: &Verdict) -> String {
    let name = match preset {
        Preset::HugoBundle => "Hugo",
        p => p.label(),
    };
    let at = v
        .url
        .as_deref()
        .map(|u| format!(" at {u}"))
        .unwrap_or_default();
    match &v.visibility {
        Visibility::Published => format!("{name} will publish this{at}"),
        Visibility::Draft(why) => format!("{name} will not publish this: it is a draft ({why})"),
        Visibility::Future(t) => format!(
            "{name} will publish this{at} from {} (its date is in the future)",
            time::format_utc(*t)
        ),
        Visibility::Expired(t) => format!(
            "{name} will not publish this: it expired at {}",
            time::format_utc(*t)
        ),
        Visibility::Unlisted => {
            format!("{name} will write this{at} but leave it out of collections")
        }
        Visibility::NotWritten => format!("{name} will not write this page (permalink: false)"),
    }
}

/// Posts that would publish to the same URL: (url, first path, second path).
pub fn collisions<'a>(pages: &[(&'a str, Option<&'a str>)]) -> Vec<(&'a str, &'a str, &'a str)> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut out = Vec::new();
    for &(path, url) in pages {
        let Some(url) = url else { continue };
        let key = url.trim_end_matches('/');
        match seen.iter().find(|(u, _)| u.trim_end_matches('/') == key) {
            Some(&(_, first)) => out.push((url, first, path)),
            None => seen.push((url, path)),
        }
    }
    out
}

/// Front-matter lookups (the fields read once), case-insensitive where the
/// generator's are (Hugo).
struct Fields<'f> {
    fields: &'f [crate::post::Field],
    ci: bool,
}

impl Fields<'_> {
    fn get(&self, key: &str) -> Option<Value> {
        // The last of duplicate keys wins, as the generators read them.
        self.fields
            .iter()
            .rev()
            .find(|f| {
                if self.ci {
                    f.key.eq_ignore_ascii_case(key)
                } else {
                    f.key == key
                }
            })
            .map(|f| f.value.clone())
    }
    fn str(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) | Value::Number(s) | Value::Raw(s) => Some(s.trim().to_string()),
            _ => None,
        }
    }
}

/// Jekyll's `_posts/2024-05-01-hello.md`: its date, and the title part.
fn file_date(path: &str) -> Option<String> {
    let name = path.rsplit('/').next()?;
    let d = name.get(..10)?;
    (name.as_bytes().get(10) == Some(&b'-') && time::parse(d).is_some()).then(|| d.to_string())
}

fn file_stem(path: &str) -> (&str, &str) {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    (dir, stem)
}

fn url(
    preset: Preset,
    site: &SiteConfig,
    path: &str,
    fields: &Fields<'_>,
    instant: &mut dyn FnMut(&str, &str) -> Option<i64>,
) -> Option<String> {
    let (dir, stem) = file_stem(path);
    // A page bundle is named by its folder.
    let (dir, stem) = if stem == "index" || stem == "_index" {
        file_stem(dir)
    } else {
        (dir, stem)
    };
    let slug = fields
        .str("slug")
        .filter(|s| !s.is_empty())
        .map(|s| slugify(&s));
    let title = fields.str("title").map(|t| slugify(&t));
    let date_of = |instant: &mut dyn FnMut(&str, &str) -> Option<i64>, fallback: Option<String>| {
        fields.str("date").or(fallback).and_then(|d| {
            // The URL's date is the day as written (the site's calendar), not UTC's.
            let w = time::parse(&d)?;
            let _ = instant("date", &d);
            Some(time::civil_from_days(w.local.div_euclid(86_400)))
        })
    };
    let relative = match preset {
        Preset::Hugo | Preset::HugoBundle => {
            if let Some(u) = fields.str("url") {
                u
            } else {
                let content = dir
                    .strip_prefix("content")
                    .map(|d| d.trim_start_matches('/'))
                    .unwrap_or(dir);
                let section = content.split('/').next().unwrap_or("");
                let pattern = site
                    .permalinks
                    .iter()
                    .find(|(s, _)| s == section)
                    .map(|(_, p)| p.clone());
                let leaf = slug.clone().unwrap_or_else(|| stem.to_lowercase());
                match pattern {
                    Some(p) => {
                        let date = date_of(instant, None);
                        expand(
                            &p,
                            date,
                            &[
                                (":slugorfilename", &leaf),
                                (
                                    ":slug",
                                    slug.as_deref().or(title.as_deref()).unwrap_or(stem),
                                ),
                                (":title", title.as_deref().unwrap_or(stem)),
                                (":filename", stem),
                                (":contentbasename", stem),
                                (":section", section),
                            ],
                        )
                    }
                    None if content.is_empty() => format!("/{leaf}/"),
                    None => format!("/{}/{leaf}/", content.to_lowercase()),
                }
            }
        }
        Preset::Jekyll => {
            let file_title = if file_date(path).is_some() {
                &stem[11..]
            } else {
                stem
            };
            let pattern = match fields.str("permalink") {
                Some(p) => p,
                None => match site
                    .permalinks
                    .first()
                    .map(|(_, p)| p.as_str())
                    .unwrap_or("date")
                {
                    "date" => "/:categories/:year/:month/:day/:title:output_ext".to_string(),
                    "pretty" => "/:categories/:year/:month/:day/:title/".to_string(),
                    "ordinal" => "/:categories/:year/:y_day/:title:output_ext".to_string(),
                    "none" => "/:categories/:title:output_ext".to_string(),
                    p => p.to_string(),
                },
            };
            let categories = match fields.get("categories").or_else(|| fields.get("category")) {
                Some(Value::List(l)) => l
                    .iter()
                    .filter_map(|v| v.as_str().map(slugify))
                    .collect::<Vec<_>>()
                    .join("/"),
                Some(Value::String(s)) => s
                    .split_whitespace()
                    .map(slugify)
                    .collect::<Vec<_>>()
                    .join("/"),
                _ => String::new(),
            };
            let date = date_of(instant, file_date(path));
            let out = expand(
                &pattern,
                date,
                &[
                    (":categories", &categories),
                    (":title", &slugify(file_title)),
                    (":slug", slug.as_deref().unwrap_or(file_title)),
                    (":output_ext", ".html"),
                ],
            );
            collapse_slashes(&out)
        }
        Preset::Zola => match fields.str("path") {
            Some(p) => format!("/{}/", p.trim_matches('/')),
            None => {
                let section = dir.strip_prefix("content").unwrap_or(dir).trim_matches('/');
                let leaf = slug.unwrap_or_else(|| slugify(strip_date_prefix(stem)));
                if section.is_empty() {
                    format!("/{leaf}/")
                } else {
                    format!("/{section}/{leaf}/")
                }
            }
        },
        Preset::Astro => {
            let id = dir.strip_prefix("src/content/").unwrap_or(dir);
            let collection = id.split('/').next().unwrap_or("blog");
            let rest = id
                .split_once('/')
                .map(|(_, r)| format!("{r}/"))
                .unwrap_or_default();
            format!(
                "/{collection}/{rest}{}/",
                slug.unwrap_or_else(|| stem.to_lowercase())
            )
        }
        Preset::Eleventy => match fields.str("permalink") {
            Some(p) if !p.contains("{{") && !p.contains("{%") => {
                if p.starts_with('/') {
                    p
                } else {
                    format!("/{p}")
                }
            }
            Some(_) => return None, // computed by a template: not known until built
            None if dir.is_empty() => format!("/{stem}/"),
            None => format!("/{dir}/{stem}/"),
        },
    };
    Some(match &site.base_url {
        Some(base) => format!("{}{}", base.trim_end_matches('/'), relative),
        None => relative,
    })
}

/// Zola drops a leading `YYYY-MM-DD-` (or `_`) from a file name's slug.
fn strip_date_prefix(stem: &str) -> &str {
    match stem.as_bytes().get(10) {
        Some(b'-' | b'_') if time::parse(&stem[..10]).is_some() => &stem[11..],
        _ => stem,
    }
}

/// Fills a permalink pattern's date and named tokens (longest names first in `tokens`).
fn expand(pattern: &str, date: Option<(i64, i64, i64)>, tokens: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in tokens {
        out = out.replace(name, value);
    }
    if let Some((y, m, d)) = date {
        let y_day = time::days_from_civil(y, m, d) - time::days_from_civil(y, 1, 1) + 1;
        out = out
            .replace(":year", &format!("{y:04}"))
            .replace(":month", &format!("{m:02}"))
            .replace(":day", &format!("{d:02}"))
            .replace(":y_day", &format!("{y_day:03}"));
    }
    out
}

fn collapse_slashes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}
