//! `postwright merge BASE MINE THEIRS [-o OUT]`: the editor's three-way
//! merge of posts (by front-matter key, by Markdown block), usable as a git
//! merge driver:
//!
//! ```text
//! # .gitattributes
//! *.md merge=postwright
//! git config merge.postwright.driver 'postwright merge %O %A %B -o %A'
//! ```
//! Exit 0 with the merged post on a clean merge; exit 1 with git-style
//! conflict markers around only the conflicting field or block otherwise.

use std::process::ExitCode;

use postwright::merge::merge;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut files = Vec::new();
    let mut out = None;
    let mut labels = ("mine".to_string(), "theirs".to_string());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--output" => out = Some(it.next().ok_or("-o needs a file")?.clone()),
            "--mine-label" => labels.0 = it.next().ok_or("--mine-label needs a name")?.clone(),
            "--theirs-label" => labels.1 = it.next().ok_or("--theirs-label needs a name")?.clone(),
            _ => files.push(arg.clone()),
        }
    }
    let [base, mine, theirs] = files.as_slice() else {
        return Err("merge needs BASE MINE THEIRS".to_string());
    };
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let merged = merge(&read(base)?, &read(mine)?, &read(theirs)?);
    let n = merged.conflicts().count();
    let text = match merged.text() {
        Some(text) => text,
        None => merged.with_markers(&labels.0, &labels.1),
    };
    match out {
        Some(path) => std::fs::write(&path, &text).map_err(|e| format!("{path}: {e}"))?,
        None => print!("{text}"),
    }
    if n == 0 {
        Ok(ExitCode::SUCCESS)
    } else {
        for c in merged.conflicts() {
            let place = match &c.place {
                postwright::merge::Place::Field(k) => format!("field `{k}`"),
                postwright::merge::Place::FrontMatter => "the front matter".to_string(),
                postwright::merge::Place::Body { line } => format!("the block at line {line}"),
            };
            eprintln!("postwright: conflict in {place}: both sides changed it");
        }
        Ok(ExitCode::FAILURE)
    }
}
