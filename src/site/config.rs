//! A blog's own configuration, read (never executed) from the files at the
//! root of its folder: which generator builds it, where it is published, how
//! post URLs are made, and whether future-dated posts and drafts are built.
//! TOML, YAML and JSON are parsed with the crates the post model already
//! uses; an Astro config is JavaScript, so only a plain `site:`/`base:`
//! string is read from it; Eleventy is known by its config file's presence.

use serde_json::Value as Json;

use crate::export::Preset;

/// What the site's configuration says that matters to a post.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SiteConfig {
    pub generator: Option<Preset>,
    /// The file it was read from, e.g. `hugo.toml`.
    pub file: String,
    /// Where the site is published, with its base path: `https://example.com/blog/`.
    pub base_url: Option<String>,
    /// Permalink patterns by section (Hugo's `[permalinks]`), or one for all
    /// posts under the key `""` (Jekyll's `permalink`).
    pub permalinks: Vec<(String, String)>,
    /// Future-dated posts are built (Hugo's `buildFuture`, Jekyll's `future`).
    pub build_future: bool,
    /// Drafts are built (Hugo's `buildDrafts`).
    pub build_drafts: bool,
    /// Expired posts are built (Hugo's `buildExpired`).
    pub build_expired: bool,
    /// The zone a date without offset is read in (Hugo's `timeZone`, Jekyll's `timezone`).
    pub time_zone: Option<String>,
    pub default_language: Option<String>,
    /// The taxonomies' front-matter keys (`tags`, `categories`, …).
    pub taxonomies: Vec<String>,
}

impl SiteConfig {
    /// Whether it is the configuration of `preset`'s site (a Hugo site's
    /// for Hugo with page bundles too).
    pub fn suits(&self, preset: Preset) -> bool {
        let family = |p: Preset| match p {
            Preset::HugoBundle => Preset::Hugo,
            p => p,
        };
        self.generator.map(family) == Some(family(preset))
    }

    /// What was read, for the writer: `Read hugo.toml: Hugo, at https://example.com/.`
    pub fn describe(&self) -> String {
        let generator = self.generator.map_or("no generator", |g| g.label());
        let at = self
            .base_url
            .as_deref()
            .map(|u| format!(", at {u}"))
            .unwrap_or_default();
        format!("Read {}: {generator}{at}.", self.file)
    }
}

/// The configuration files looked for at a site's root, in the order a
/// generator would pick them.
pub const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    ".eleventy.js",
];

/// A configuration file that could not be read: which one and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Reads the first configuration file of `files` (name at the site root,
/// text) that names a generator. `Ok(None)`: none of them is there.
pub fn read(files: &[(&str, &str)]) -> Result<Option<SiteConfig>, ConfigError> {
    for name in CONFIG_FILES {
        let Some(&(_, text)) = files.iter().find(|(n, _)| n == name) else {
            continue;
        };
        if let Some(config) = read_one(name, text)? {
            return Ok(Some(config));
        }
    }
    Ok(None)
}

fn read_one(name: &str, text: &str) -> Result<Option<SiteConfig>, ConfigError> {
    let err = |message: String| ConfigError {
        file: name.to_string(),
        message,
    };
    let ext = name.rsplit('.').next().unwrap_or("");
    if name.starts_with("astro.config") {
        return Ok(Some(astro(name, text)));
    }
    if name.contains("eleventy") {
        return Ok(Some(SiteConfig {
            generator: Some(Preset::Eleventy),
            file: name.to_string(),
            ..SiteConfig::default()
        }));
    }
    let data = match ext {
        "toml" => toml_to_json(text).map_err(err)?,
        "json" => serde_json::from_str(text).map_err(|e| err(e.to_string()))?,
        _ => yaml_to_json(text).map_err(err)?,
    };
    let generator = if name.starts_with("hugo.") {
        Preset::Hugo
    } else if name.starts_with("_config.") {
        Preset::Jekyll
    } else if get(&data, "base_url").is_some() || get(&data, "compile_sass").is_some() {
        Preset::Zola
    } else {
        // config.{toml,yaml,json} without Zola's keys: Hugo's older name.
        Preset::Hugo
    };
    Ok(Some(match generator {
        Preset::Jekyll => jekyll(name, &data),
        Preset::Zola => zola(name, &data),
        _ => hugo(name, &data),
    }))
}

fn hugo(name: &str, data: &Json) -> SiteConfig {
    // Hugo's configuration keys are case-insensitive.
    let key = |k: &str| get_ci(data, k);
    let flag = |k: &str| key(k).and_then(Json::as_bool).unwrap_or(false);
    let mut permalinks = Vec::new();
    if let Some(Json::Object(map)) = key("permalinks") {
        for (section, pattern) in map {
            match pattern {
                Json::String(p) => permalinks.push((section.clone(), p.clone())),
                // `[permalinks.page] posts = "…"` (Hugo 0.112+).
                Json::Object(inner) if section.eq_ignore_ascii_case("page") => {
                    for (s, p) in inner {
                        if let Some(p) = p.as_str() {
                            permalinks.push((s.clone(), p.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let taxonomies = match key("taxonomies") {
        Some(Json::Object(map)) => map
            .values()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => vec!["tags".to_string(), "categories".to_string()],
    };
    SiteConfig {
        generator: Some(Preset::Hugo),
        file: name.to_string(),
        base_url: key("baseURL").and_then(Json::as_str).map(with_slash),
        permalinks,
        build_future: flag("buildFuture"),
        build_drafts: flag("buildDrafts"),
        build_expired: flag("buildExpired"),
        time_zone: key("timeZone").and_then(Json::as_str).map(String::from),
        default_language: key("defaultContentLanguage")
            .and_then(Json::as_str)
            .map(String::from),
        taxonomies,
    }
}

fn jekyll(name: &str, data: &Json) -> SiteConfig {
    let s = |k: &str| get(data, k).and_then(Json::as_str).map(str::trim);
    let base_url = match (s("url"), s("baseurl")) {
        (Some(u), b) => Some(with_slash(&format!(
            "{}{}",
            u.trim_end_matches('/'),
            b.unwrap_or("")
        ))),
        (None, _) => None,
    };
    SiteConfig {
        generator: Some(Preset::Jekyll),
        file: name.to_string(),
        base_url,
        permalinks: s("permalink")
            .map(|p| vec![(String::new(), p.to_string())])
            .unwrap_or_default(),
        build_future: get(data, "future").and_then(Json::as_bool).unwrap_or(false),
        time_zone: s("timezone").map(String::from),
        default_language: s("lang").map(String::from),
        taxonomies: vec!["tags".to_string(), "categories".to_string()],
        ..SiteConfig::default()
    }
}

fn zola(name: &str, data: &Json) -> SiteConfig {
    let taxonomies = match get(data, "taxonomies") {
        Some(Json::Array(list)) => list
            .iter()
            .filter_map(|t| get(t, "name").and_then(Json::as_str).map(String::from))
            .collect(),
        _ => vec![],
    };
    SiteConfig {
        generator: Some(Preset::Zola),
        file: name.to_string(),
        base_url: get(data, "base_url").and_then(Json::as_str).map(with_slash),
        default_language: get(data, "default_language")
            .and_then(Json::as_str)
            .map(String::from),
        // Zola builds drafts only with `--drafts`, and future-dated pages always.
        build_future: true,
        taxonomies,
        ..SiteConfig::default()
    }
}

/// Astro's config is code: only `site: '…'` and `base: '…'` written as plain
/// strings are read; nothing is run.
fn astro(name: &str, text: &str) -> SiteConfig {
    let site = js_string_prop(text, "site");
    let base = js_string_prop(text, "base");
    let base_url = site.map(|s| {
        with_slash(&format!(
            "{}{}",
            s.trim_end_matches('/'),
            base.unwrap_or_default()
        ))
    });
    SiteConfig {
        generator: Some(Preset::Astro),
        file: name.to_string(),
        base_url,
        build_future: true,
        ..SiteConfig::default()
    }
}

/// The string value of `key: '…'` (or `"…"`) in JavaScript source.
fn js_string_prop(text: &str, key: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find(key) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + key.len()..].trim_start();
        rest = &rest[i + key.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let Some(value) = after.strip_prefix(':') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"' | '`'))?;
        let body = &value[1..];
        let end = body.find(quote)?;
        let s = &body[..end];
        if quote == '`' && s.contains("${") {
            return None;
        }
        return Some(s.to_string());
    }
    None
}

fn with_slash(url: &str) -> String {
    let u = url.trim();
    if u.ends_with('/') {
        u.to_string()
    } else {
        format!("{u}/")
    }
}

fn get<'a>(data: &'a Json, key: &str) -> Option<&'a Json> {
    data.as_object()?.get(key)
}

fn get_ci<'a>(data: &'a Json, key: &str) -> Option<&'a Json> {
    data.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

fn yaml_to_json(text: &str) -> Result<Json, String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    Ok(yaml_value_to_json(&v))
}

/// By hand, not through serde_json's serializer: the browser build carries
/// no serializer it does not otherwise need.
fn yaml_value_to_json(v: &serde_yaml::Value) -> Json {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Json::Null,
        Y::Bool(b) => Json::Bool(*b),
        Y::Number(n) => n
            .as_i64()
            .map(Json::from)
            .or_else(|| n.as_u64().map(Json::from))
            .or_else(|| {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(Json::Number)
            })
            .unwrap_or(Json::Null),
        Y::String(s) => Json::String(s.clone()),
        Y::Sequence(items) => Json::Array(items.iter().map(yaml_value_to_json).collect()),
        Y::Mapping(map) => Json::Object(
            map.iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        Y::Bool(b) => b.to_string(),
                        Y::Number(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_value_to_json(v)))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_value_to_json(&t.value),
    }
}

fn toml_to_json(text: &str) -> Result<Json, String> {
    let doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string().trim().to_string())?;
    Ok(table_to_json(doc.as_table()))
}

fn table_to_json(t: &toml_edit::Table) -> Json {
    Json::Object(
        t.iter()
            .filter_map(|(k, item)| Some((k.to_string(), item_to_json(item)?)))
            .collect(),
    )
}

fn item_to_json(item: &toml_edit::Item) -> Option<Json> {
    use toml_edit::Item;
    Some(match item {
        Item::None => return None,
        Item::Value(v) => value_to_json(v),
        Item::Table(t) => table_to_json(t),
        Item::ArrayOfTables(a) => Json::Array(a.iter().map(table_to_json).collect()),
    })
}

fn value_to_json(v: &toml_edit::Value) -> Json {
    use toml_edit::Value as V;
    match v {
        V::String(s) => Json::String(s.value().clone()),
        V::Integer(i) => Json::from(*i.value()),
        V::Float(f) => serde_json::Number::from_f64(*f.value()).map_or(Json::Null, Json::Number),
        V::Boolean(b) => Json::Bool(*b.value()),
        V::Datetime(d) => Json::String(d.value().to_string()),
        V::Array(a) => Json::Array(a.iter().map(value_to_json).collect()),
        V::InlineTable(t) => Json::Object(
            t.iter()
                .map(|(k, v)| (k.to_string(), value_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_generator_is_known_by_its_config() {
        let hugo = "baseURL = 'https://example.com/'\ntimeZone = 'Europe/Oslo'\nbuildFuture = true\n[permalinks]\nposts = '/:year/:month/:slug/'\n[taxonomies]\ntag = 'tags'\nseries = 'series'\n";
        let c = read(&[("hugo.toml", hugo)]).unwrap().unwrap();
        assert_eq!(c.generator, Some(Preset::Hugo));
        assert_eq!(c.base_url.as_deref(), Some("https://example.com/"));
        assert_eq!(
            c.permalinks,
            vec![("posts".to_string(), "/:year/:month/:slug/".to_string())]
        );
        assert!(c.build_future && !c.build_drafts);
        assert_eq!(c.time_zone.as_deref(), Some("Europe/Oslo"));
        assert_eq!(c.taxonomies, vec!["tags", "series"]);

        let jekyll = "url: https://me.github.io\nbaseurl: /blog\npermalink: pretty\nfuture: true\n";
        let c = read(&[("_config.yml", jekyll)]).unwrap().unwrap();
        assert_eq!(c.generator, Some(Preset::Jekyll));
        assert_eq!(c.base_url.as_deref(), Some("https://me.github.io/blog/"));
        assert_eq!(c.permalinks, vec![(String::new(), "pretty".to_string())]);
        assert!(c.build_future);

        let zola = "base_url = \"https://zola.example\"\ntaxonomies = [{name = \"tags\"}, {name = \"categories\"}]\n";
        let c = read(&[("config.toml", zola)]).unwrap().unwrap();
        assert_eq!(c.generator, Some(Preset::Zola));
        assert_eq!(c.base_url.as_deref(), Some("https://zola.example/"));
        assert_eq!(c.taxonomies, vec!["tags", "categories"]);

        let old_hugo = "BaseURL: https://old.example/\n";
        let c = read(&[("config.yaml", old_hugo)]).unwrap().unwrap();
        assert_eq!(
            (c.generator, c.base_url.as_deref()),
            (Some(Preset::Hugo), Some("https://old.example/"))
        );

        let astro = "import { defineConfig } from 'astro/config';\nexport default defineConfig({\n  site: 'https://astro.example',\n  base: '/docs',\n});\n";
        let c = read(&[("astro.config.mjs", astro)]).unwrap().unwrap();
        assert_eq!(
            (c.generator, c.base_url.as_deref()),
            (Some(Preset::Astro), Some("https://astro.example/docs/"))
        );

        let c = read(&[("eleventy.config.js", "module.exports = () => {}")])
            .unwrap()
            .unwrap();
        assert_eq!(c.generator, Some(Preset::Eleventy));
        assert_eq!(read(&[("README.md", "# hi")]).unwrap(), None);
    }

    #[test]
    fn hugo_wins_over_a_leftover_file_and_a_broken_config_says_where() {
        let c = read(&[
            ("config.toml", "base_url = 'x'"),
            ("hugo.toml", "baseurl = 'https://h.example'"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(c.generator, Some(Preset::Hugo));
        let e = read(&[("hugo.toml", "baseURL = ")]).unwrap_err();
        assert_eq!(e.file, "hugo.toml");
        assert!(!e.message.is_empty());
    }

    #[test]
    fn a_config_says_what_it_read_and_which_generator_it_suits() {
        let c = read(&[("hugo.toml", "baseURL = 'https://example.com/'")])
            .unwrap()
            .unwrap();
        assert_eq!(
            c.describe(),
            "Read hugo.toml: Hugo, at https://example.com/."
        );
        assert!(c.suits(Preset::Hugo) && c.suits(Preset::HugoBundle));
        assert!(!c.suits(Preset::Jekyll));
        let c = read(&[(".eleventy.js", "")]).unwrap().unwrap();
        assert_eq!(c.describe(), "Read .eleventy.js: Eleventy.");
    }

    #[test]
    fn astro_config_is_read_not_run() {
        assert_eq!(
            js_string_prop("const site = 1; x({ site: `https://${host}` })", "site"),
            None
        );
        assert_eq!(
            js_string_prop("{ website: 'no', site: \"https://a.b\" }", "site").as_deref(),
            Some("https://a.b")
        );
    }
}
