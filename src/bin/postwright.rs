//! `postwright`: the editor's core as a command-line tool for blog repositories.
//!
//! ```text
//! postwright check [--schema FILE] [--preset NAME] PATH...   validate posts (files or folders)
//! postwright render [--base-url URL] [--preset NAME] [--smart] FILE   the HTML the preview shows
//! postwright get [--preset NAME] FILE KEY    print one front-matter field
//! postwright set [--yaml] [--preset NAME] FILE KEY VALUE   write one field in place
//! postwright merge BASE MINE THEIRS [-o OUT]   three-way merge of a post (a git merge driver)
//! ```
//! `check` prints `path:line:col: severity: message` (one line each, control
//! characters escaped) and exits 1 if any error. `set` takes VALUE as the
//! text it is (see `postwright::post::value_from_text`); `--yaml` reads it in
//! YAML syntax. `--preset hugo` compares keys as Hugo does (ignoring case).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "cli/images.rs"]
mod images_check;
#[path = "cli/links.rs"]
mod links;
#[path = "cli/merge.rs"]
mod merge_cmd;
#[path = "cli/publish.rs"]
mod publish;

use postwright::export::Preset;
use postwright::markdown::{self, RenderOptions};
use postwright::post::{one_line, value_from_text, value_text, KeyCase, Post, Value};
use postwright::schema::Schema;
use postwright::validate::{self, Severity};

const USAGE: &str = "usage:
  postwright check [--schema FILE] [--preset NAME] [--now TIME] PATH...
  postwright render [--base-url URL] [--preset NAME] [--smart] FILE
  postwright get [--preset NAME] FILE KEY
  postwright set [--yaml] [--preset NAME] FILE KEY VALUE
  postwright merge [--mine-label L] [--theirs-label L] BASE MINE THEIRS [-o OUT]
      NAME: hugo, hugo-bundle, jekyll, zola, astro, eleventy: the
      generator's default typography and template tags for render (Hugo
      shortcodes by default; --smart turns typography on for any); for
      check, get and set, hugo compares keys ignoring case (Title is title);
      check knows the generator's own fields (unless --schema is given)
      VALUE: the text itself, written quoted as needed (a title with `: `
      or `#` is fine); a field that holds a number, true/false, a list
      (one item a line, as get prints it) or a nested structure (its
      source) keeps that type when VALUE fits it; --yaml reads VALUE in
      YAML syntax instead, e.g. --yaml '[a, b]'
      check with a generator (--preset, or the site's config file found at
      or above PATH) also lists posts that will not publish at TIME (default
      now; e.g. 2026-12-24T08:00:00Z) and why, and posts that would publish
      to the same URL (an error); check also warns of relative links to
      posts or files that do not exist and #anchors no heading matches
      merge: exit 0 and the merged post on a clean merge, exit 1 with
      conflict markers around only the conflicting field or block; as a git
      driver: git config merge.postwright.driver 'postwright merge %O %A %B -o %A'";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("render") => render(&args[1..]),
        Some("get") => get(&args[1..]),
        Some("set") => set(&args[1..]),
        Some("merge") => merge_cmd::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("postwright: {message}");
            ExitCode::from(2)
        }
    }
}

fn read_post(path: &Path) -> Result<Post, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Post::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn check(args: &[String]) -> Result<ExitCode, String> {
    let mut schema = None;
    let mut paths = Vec::new();
    let mut keys = KeyCase::Exact;
    let mut preset = None;
    let mut now = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--preset" {
            let name = it.next();
            keys = key_case(name)?;
            preset = name.and_then(|n| Preset::from_id(n));
        } else if arg == "--now" {
            let t = it
                .next()
                .ok_or("--now needs a time, e.g. 2026-12-24T08:00:00Z")?;
            now = Some(
                postwright::site::time::parse_instant(t)
                    .ok_or_else(|| format!("--now: `{t}` is not a date or time"))?,
            );
        } else if arg == "--schema" {
            let file = it.next().ok_or("--schema needs a file")?;
            let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
            schema = Some(
                if file.ends_with(".json") {
                    Schema::from_json(&text)
                } else {
                    Schema::from_yaml(&text)
                }
                .map_err(|e| format!("{file}: {e}"))?,
            );
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        return Err(USAGE.to_string());
    }
    // Without --preset, the site's own config (found at or above PATH) names the generator.
    if preset.is_none() {
        preset = paths
            .iter()
            .find_map(|p| publish::site_of(p).ok()?.1?.generator);
        if matches!(preset, Some(Preset::Hugo | Preset::HugoBundle)) {
            keys = KeyCase::Insensitive;
        }
    }
    // A user schema wins; else the generator's own fields, else the common blog ones.
    let schema =
        schema.unwrap_or_else(|| preset.map_or_else(Schema::blog, postwright::presets::schema));
    let mut files = Vec::new();
    for path in &paths {
        collect_posts(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let (mut errors, mut warnings) = (0, 0);
    // Headings get the ids the generator's Markdown gives them.
    let render_opts = preset.map_or_else(RenderOptions::default, |p| {
        RenderOptions::for_preset(p, None)
    });
    let mut read_posts: Vec<(PathBuf, Post)> = Vec::new();
    for file in &files {
        let shown = file.display().to_string();
        let shown = one_line(&shown);
        let post = match read_post(file) {
            Ok(post) => {
                read_posts.push((file.clone(), post.clone()));
                post.with_key_case(keys)
            }
            Err(message) => {
                println!(
                    "{shown}:1:1: error: {}",
                    message.trim_start_matches(&format!("{shown}: "))
                );
                errors += 1;
                continue;
            }
        };
        // Its pictures: each must be in the repository, and say what it shows.
        let (root, config) = publish::site_of(file)?;
        let site = config.as_ref().map(|_| root.as_path());
        let generator = preset.or_else(|| config.as_ref().and_then(|c| c.generator));
        let pictures = images_check::findings(file, &post, site, generator);
        for d in validate::validate(&post, &schema)
            .into_iter()
            .chain(pictures)
        {
            let severity = match d.severity {
                Severity::Error => {
                    errors += 1;
                    "error"
                }
                Severity::Warning => {
                    warnings += 1;
                    "warning"
                }
                Severity::Info => "info",
            };
            let message = one_line(&d.message);
            println!("{shown}:{}:{}: {severity}: {message}", d.line, d.column);
        }
        // Links to posts and files that are not there, and #anchors no heading has.
        for p in links::findings(file, &post, &render_opts) {
            warnings += 1;
            let message = one_line(&p.message);
            println!("{shown}:{}:{}: warning: {message}", p.line, p.column);
        }
    }
    // Will each publish, and where? Per site (the config around each PATH).
    let now = now.unwrap_or_else(|| {
        let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        since.map_or(0, |d| d.as_secs() as i64)
    });
    for path in &paths {
        let (root, config) = publish::site_of(path)?;
        let Some(generator) = preset.or_else(|| config.as_ref().and_then(|c| c.generator)) else {
            continue;
        };
        let site = config.unwrap_or_default();
        let here: Vec<(PathBuf, Post)> = read_posts
            .iter()
            .filter(|(f, _)| f.starts_with(path))
            .cloned()
            .collect();
        for f in publish::findings(generator, &site, &root, &here, now) {
            match f.severity {
                "error" => errors += 1,
                "warning" => warnings += 1,
                _ => {}
            }
            println!(
                "{}:1:1: {}: {}",
                one_line(&f.file.display().to_string()),
                f.severity,
                one_line(&f.message)
            );
        }
    }
    eprintln!(
        "{} post(s) checked: {errors} error(s), {warnings} warning(s)",
        files.len()
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Markdown files under `path` (or `path` itself), in a stable order.
fn collect_posts(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let p = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if p.is_dir() && !hidden && entry.file_name() != "node_modules" {
                collect_posts(&p, out)?;
            } else if p.extension().is_some_and(|e| e == "md" || e == "markdown") {
                out.push(p);
            }
        }
    } else {
        std::fs::metadata(path)?;
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn render(args: &[String]) -> Result<ExitCode, String> {
    let mut opts = RenderOptions::default();
    let mut file = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--base-url" => {
                opts.base_url = Some(it.next().ok_or("--base-url needs a URL")?.clone())
            }
            "--smart" => opts.smart_punctuation = true,
            "--preset" => {
                let name = it.next().ok_or("--preset needs a generator name")?;
                let preset = Preset::from_id(name)
                    .ok_or_else(|| format!("unknown preset `{name}`\n{USAGE}"))?;
                opts.smart_punctuation |= markdown::smart_punctuation_by_default(preset);
                opts.templates = markdown::Templates::of(preset);
            }
            _ if file.is_none() => file = Some(PathBuf::from(arg)),
            _ => return Err(USAGE.to_string()),
        }
    }
    let post = read_post(&file.ok_or(USAGE)?)?;
    print!("{}", markdown::render_html(post.body(), &opts));
    Ok(ExitCode::SUCCESS)
}

/// Key comparison for `--preset NAME`: Hugo's ignores case.
fn key_case(name: Option<&String>) -> Result<KeyCase, String> {
    let name = name.ok_or("--preset needs a generator name")?;
    match Preset::from_id(name) {
        Some(Preset::Hugo | Preset::HugoBundle) => Ok(KeyCase::Insensitive),
        Some(_) => Ok(KeyCase::Exact),
        None => Err(format!("unknown preset `{name}`\n{USAGE}")),
    }
}

/// The options before the positional arguments of get and set.
struct EditArgs<'a> {
    keys: KeyCase,
    yaml: bool,
    rest: Vec<&'a str>,
}

fn edit_args(args: &[String], yaml_allowed: bool) -> Result<EditArgs<'_>, String> {
    let mut out = EditArgs {
        keys: KeyCase::Exact,
        yaml: false,
        rest: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--preset" if out.rest.is_empty() => out.keys = key_case(it.next())?,
            "--yaml" if yaml_allowed && out.rest.is_empty() => out.yaml = true,
            _ => out.rest.push(arg),
        }
    }
    Ok(out)
}

fn get(args: &[String]) -> Result<ExitCode, String> {
    let a = edit_args(args, false)?;
    let [file, key] = a.rest[..] else {
        return Err(USAGE.to_string());
    };
    let post = read_post(Path::new(file))?.with_key_case(a.keys);
    if let Err(d) = post.fields() {
        return Err(format!(
            "{file}:{}:{}: {}",
            d.line,
            d.column,
            one_line(&d.message)
        ));
    }
    match post.get(key) {
        Some(Value::List(items)) if items.is_empty() => Ok(ExitCode::SUCCESS),
        Some(value) => {
            println!("{}", value_text(&value));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("postwright: {file}: no field `{}`", one_line(key));
            Ok(ExitCode::FAILURE)
        }
    }
}

fn set(args: &[String]) -> Result<ExitCode, String> {
    let a = edit_args(args, true)?;
    let [file, key, text] = a.rest[..] else {
        return Err(USAGE.to_string());
    };
    let path = Path::new(file);
    let mut post = read_post(path)?.with_key_case(a.keys);
    let value = if a.yaml {
        yaml_value(text).map_err(|e| format!("VALUE `{text}`: {e}"))?
    } else {
        value_from_text(text, post.get(key).as_ref())
    };
    post.set(key, &value, &Schema::blog())
        .map_err(|e| format!("{file}: {}", one_line(&e.to_string())))?;
    if post.to_text().as_bytes() == std::fs::read(path).unwrap_or_default() {
        return Ok(ExitCode::SUCCESS);
    }
    // Write beside the file, then rename: a crash never leaves half a post.
    let tmp = path.with_file_name(format!(
        ".{}.postwright-tmp",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    std::fs::write(&tmp, post.to_text()).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{file}: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// A value given on the command line, in YAML syntax.
fn yaml_value(text: &str) -> Result<Value, String> {
    let parsed: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    Ok(from_yaml(parsed, text))
}

fn from_yaml(v: serde_yaml::Value, source: &str) -> Value {
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => Value::Number(n.to_string()),
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::List(items.into_iter().map(|i| from_yaml(i, source)).collect())
        }
        serde_yaml::Value::Tagged(t) => from_yaml(t.value, source),
        serde_yaml::Value::Mapping(_) => Value::Raw(source.to_string()),
    }
}
