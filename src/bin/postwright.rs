//! `postwright`: the editor's core as a command-line tool for blog repositories.
//!
//! ```text
//! postwright check [--schema FILE] PATH...   validate posts (files or folders)
//! postwright render [--base-url URL] [--preset NAME] [--smart] FILE   the HTML the preview shows
//! postwright get FILE KEY                    print one front-matter field
//! postwright set FILE KEY VALUE              write one field in place (VALUE in YAML syntax)
//! ```
//! `check` prints `path:line:col: severity: message` and exits 1 if any error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use postwright::export::Preset;
use postwright::markdown::{self, RenderOptions};
use postwright::post::{Post, Value};
use postwright::schema::Schema;
use postwright::validate::{self, Severity};

const USAGE: &str = "usage:
  postwright check [--schema FILE] PATH...
  postwright render [--base-url URL] [--preset NAME] [--smart] FILE
      NAME: hugo, hugo-bundle, jekyll, zola, astro, eleventy (the
      generator's default typography and template tags: Hugo shortcodes
      by default; --smart turns typography on for any)
  postwright get FILE KEY
  postwright set FILE KEY VALUE        (VALUE in YAML syntax, e.g. '[a, b]')";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("render") => render(&args[1..]),
        Some("get") => get(&args[1..]),
        Some("set") => set(&args[1..]),
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
    let mut schema = Schema::blog();
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--schema" {
            let file = it.next().ok_or("--schema needs a file")?;
            let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
            schema = if file.ends_with(".json") {
                Schema::from_json(&text)
            } else {
                Schema::from_yaml(&text)
            }
            .map_err(|e| format!("{file}: {e}"))?;
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        return Err(USAGE.to_string());
    }
    let mut files = Vec::new();
    for path in &paths {
        collect_posts(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let (mut errors, mut warnings) = (0, 0);
    for file in &files {
        let shown = file.display();
        let post = match read_post(file) {
            Ok(post) => post,
            Err(message) => {
                println!(
                    "{shown}:1:1: error: {}",
                    message.trim_start_matches(&format!("{shown}: "))
                );
                errors += 1;
                continue;
            }
        };
        for d in validate::validate(&post, &schema) {
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
            println!("{shown}:{}:{}: {severity}: {}", d.line, d.column, d.message);
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

fn get(args: &[String]) -> Result<ExitCode, String> {
    let [file, key] = args else {
        return Err(USAGE.to_string());
    };
    let post = read_post(Path::new(file))?;
    if let Err(d) = post.fields() {
        return Err(format!("{file}:{}:{}: {}", d.line, d.column, d.message));
    }
    match post.get(key) {
        Some(value) => {
            print_value(&value);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            eprintln!("postwright: {file}: no field `{key}`");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn print_value(value: &Value) {
    match value {
        Value::Null => println!(),
        Value::Bool(b) => println!("{b}"),
        Value::Number(n) | Value::String(n) | Value::Raw(n) => println!("{n}"),
        Value::List(items) => items.iter().for_each(print_value),
    }
}

fn set(args: &[String]) -> Result<ExitCode, String> {
    let [file, key, value] = args else {
        return Err(USAGE.to_string());
    };
    let path = Path::new(file);
    let mut post = read_post(path)?;
    let value = yaml_value(value).map_err(|e| format!("VALUE `{value}`: {e}"))?;
    post.set(key, &value, &Schema::blog())
        .map_err(|e| format!("{file}: {e}"))?;
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
