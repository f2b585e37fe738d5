//! `Open folder`: a local blog checkout through the File System Access API
//! (`showDirectoryPicker`). Where the browser lacks it, [`supported`] is false
//! and the UI shows no button. Handles are kept as JS values; everything is
//! reached through `Reflect`, since web-sys gates these APIs as unstable.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::BrowserError;

/// Folders not worth walking in a blog checkout.
const SKIP_DIRS: [&str; 6] = [
    "node_modules",
    "public",
    "_site",
    "dist",
    "resources",
    "target",
];
/// A checkout can be huge: stop listing after this many posts.
const MAX_POSTS: usize = 2000;
const MAX_DEPTH: usize = 8;

/// A post file in the opened folder.
#[derive(Clone)]
pub struct FolderPost {
    /// Path relative to the folder, e.g. `content/posts/hello.md`.
    pub path: String,
    pub handle: JsValue,
    /// The folder that holds it: where a file deleted or moved on disk is
    /// written anew, when the writer asks.
    pub parent: JsValue,
}

impl PartialEq for FolderPost {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

fn get(target: &JsValue, name: &str) -> Result<JsValue, BrowserError> {
    Reflect::get(target, &JsValue::from_str(name)).map_err(BrowserError::from)
}

/// Calls `target.name(args…)` and awaits the promise it returns.
async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, BrowserError> {
    call_js(target, name, args)
        .await
        .map_err(BrowserError::from)
}

/// [`call`], with the exception as thrown (to tell its kind).
async fn call_js(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(name))?
        .dyn_into()
        .map_err(|_| JsValue::from(js_sys::Error::new(&format!("{name} is not available"))))?;
    let array = args.iter().collect::<js_sys::Array>();
    let result = f.apply(target, &array)?;
    match result.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await,
        Err(v) => Ok(v),
    }
}

pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| get(&w, "showDirectoryPicker").is_ok_and(|f| f.is_function()))
}

/// The site configuration files found at a folder's root: name and text
/// (read as text, never run; see [`crate::site::config`]).
pub type ConfigFiles = Vec<(String, String)>;

/// A configuration file is a few KB: a bigger one is not read.
const MAX_CONFIG_BYTES: f64 = 1024.0 * 1024.0;

/// Asks the user for a folder (read-write) and lists its Markdown posts,
/// with the site configuration files at its root.
/// The folder itself is given too (`root`): its other files (pictures) are
/// reached through it.
pub async fn open() -> Result<Opened, BrowserError> {
    let window: JsValue = web_sys::window()
        .ok_or_else(|| BrowserError::unavailable("no window"))?
        .into();
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"mode".into(), &"readwrite".into());
    let dir = call(&window, "showDirectoryPicker", &[options.into()]).await?;
    let name = get(&dir, "name")?.as_string().unwrap_or_default();
    let mut posts = Vec::new();
    walk(&dir, String::new(), 0, &mut posts).await?;
    posts.sort_by(|a, b| a.path.cmp(&b.path));
    let config = config_files(&dir).await;
    Ok(Opened {
        name,
        posts,
        config,
        root: dir,
    })
}

/// An opened folder: its name, posts, site configuration and handle.
pub struct Opened {
    pub name: String,
    pub posts: Vec<FolderPost>,
    pub config: ConfigFiles,
    pub root: JsValue,
}

/// The handle of the folder `dirs` (path segments) under `root`; `create`:
/// made where missing. `None`: not there.
async fn dir_at(
    root: &JsValue,
    dirs: &[&str],
    create: bool,
) -> Result<Option<JsValue>, BrowserError> {
    let mut dir = root.clone();
    for name in dirs {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"create".into(), &create.into());
        dir = match call_js(
            &dir,
            "getDirectoryHandle",
            &[(*name).into(), options.into()],
        )
        .await
        {
            Ok(d) => d,
            Err(e) if is_not_found(&e) || is_type_mismatch(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
    }
    Ok(Some(dir))
}

fn is_type_mismatch(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|ex| ex.name() == "TypeMismatchError")
}

/// The file at `path` (`/`-separated, relative to `root`), as a Blob;
/// `None`: no such file.
pub async fn file_at(root: &JsValue, path: &str) -> Result<Option<web_sys::Blob>, BrowserError> {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((name, dirs)) = parts.split_last() else {
        return Ok(None);
    };
    let Some(dir) = dir_at(root, dirs, false).await? else {
        return Ok(None);
    };
    let handle = match call_js(&dir, "getFileHandle", &[(*name).into()]).await {
        Ok(h) => h,
        Err(e) if is_not_found(&e) || is_type_mismatch(&e) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let file = call(&handle, "getFile", &[]).await?;
    Ok(file.dyn_into::<web_sys::Blob>().ok())
}

/// What writing a file beside the post did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    Written,
    /// The same bytes were there already.
    Same,
    /// Another file is there: left as it was.
    Different,
}

/// Writes `bytes` at `path` under `root`, making its folders; never over a
/// file with other bytes.
pub async fn place_at(root: &JsValue, path: &str, bytes: &[u8]) -> Result<Placed, BrowserError> {
    if let Some(blob) = file_at(root, path).await? {
        let buffer = JsFuture::from(blob.array_buffer())
            .await
            .map_err(BrowserError::from)?;
        return Ok(if Uint8Array::new(&buffer).to_vec() == bytes {
            Placed::Same
        } else {
            Placed::Different
        });
    }
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some((name, dirs)) = parts.split_last() else {
        return Err(BrowserError::Failed(format!("{path} is no file name")));
    };
    let dir = dir_at(root, dirs, true).await?.ok_or_else(|| {
        BrowserError::Failed(format!("a file stands where a folder of {path} goes"))
    })?;
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"create".into(), &true.into());
    let handle = call(&dir, "getFileHandle", &[(*name).into(), options.into()]).await?;
    let writable = call(&handle, "createWritable", &[]).await?;
    call(&writable, "write", &[Uint8Array::from(bytes).into()]).await?;
    call(&writable, "close", &[]).await?;
    Ok(Placed::Written)
}

/// The text of each configuration file at `dir`'s root that is there (one
/// that cannot be read is left out, as if absent).
async fn config_files(dir: &JsValue) -> ConfigFiles {
    let mut out = Vec::new();
    for name in crate::site::config::CONFIG_FILES {
        let Ok(handle) = call(dir, "getFileHandle", &[JsValue::from_str(name)]).await else {
            continue;
        };
        let Ok(file) = call(&handle, "getFile", &[]).await else {
            continue;
        };
        if get(&file, "size")
            .ok()
            .and_then(|s| s.as_f64())
            .unwrap_or(0.0)
            > MAX_CONFIG_BYTES
        {
            continue;
        }
        if let Some(text) = call(&file, "text", &[])
            .await
            .ok()
            .and_then(|t| t.as_string())
        {
            out.push((name.to_string(), text));
        }
    }
    out
}

async fn walk(
    dir: &JsValue,
    prefix: String,
    depth: usize,
    out: &mut Vec<FolderPost>,
) -> Result<(), BrowserError> {
    let iter = call(dir, "values", &[]).await?;
    loop {
        if out.len() >= MAX_POSTS {
            return Ok(());
        }
        let step = call(&iter, "next", &[]).await?;
        if get(&step, "done")?.is_truthy() {
            return Ok(());
        }
        let entry = get(&step, "value")?;
        let name = get(&entry, "name")?.as_string().unwrap_or_default();
        let kind = get(&entry, "kind")?.as_string().unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let path = format!("{prefix}{name}");
        if kind == "directory" {
            if depth < MAX_DEPTH && !SKIP_DIRS.contains(&name.as_str()) {
                Box::pin(walk(&entry, format!("{path}/"), depth + 1, out)).await?;
            }
        } else if name.ends_with(".md") || name.ends_with(".markdown") {
            out.push(FolderPost {
                path,
                handle: entry,
                parent: dir.clone(),
            });
        }
    }
}

/// The file's current bytes.
pub async fn read(post: &FolderPost) -> Result<Vec<u8>, BrowserError> {
    let file = call(&post.handle, "getFile", &[]).await?;
    let buffer = call(&file, "arrayBuffer", &[]).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Replaces the file's content with `bytes` (written to a swap file by the
/// browser and moved into place on close, so a failure leaves the old file).
pub async fn write(post: &FolderPost, bytes: &[u8]) -> Result<(), BrowserError> {
    let writable = call(&post.handle, "createWritable", &[]).await?;
    call(&writable, "write", &[Uint8Array::from(bytes).into()]).await?;
    call(&writable, "close", &[]).await?;
    Ok(())
}

/// A file's bytes and last-modified time, as read.
pub struct OnDisk {
    pub bytes: Vec<u8>,
    pub modified_ms: Option<f64>,
}

/// The file now, or `None` when it is no longer there (deleted, or moved
/// away: its handle then finds nothing).
pub async fn read_now(post: &FolderPost) -> Result<Option<OnDisk>, BrowserError> {
    let file = match call_js(&post.handle, "getFile", &[]).await {
        Ok(file) => file,
        Err(e) if is_not_found(&e) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let modified_ms = get(&file, "lastModified")?.as_f64();
    let buffer = call(&file, "arrayBuffer", &[]).await?;
    Ok(Some(OnDisk {
        bytes: Uint8Array::new(&buffer).to_vec(),
        modified_ms,
    }))
}

fn is_not_found(e: &JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .is_some_and(|ex| ex.name() == "NotFoundError")
}

/// The file's last-modified time, after a write.
pub async fn modified(post: &FolderPost) -> Option<f64> {
    let file = call(&post.handle, "getFile", &[]).await.ok()?;
    get(&file, "lastModified").ok()?.as_f64()
}

/// Writes a file that is no longer there anew, in the folder it was in,
/// and gives its new handle.
pub async fn write_anew(post: &FolderPost, bytes: &[u8]) -> Result<FolderPost, BrowserError> {
    let name = post.path.rsplit('/').next().unwrap_or(&post.path);
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"create".into(), &true.into());
    let handle = call(
        &post.parent,
        "getFileHandle",
        &[name.into(), options.into()],
    )
    .await?;
    let post = FolderPost {
        path: post.path.clone(),
        handle,
        parent: post.parent.clone(),
    };
    write(&post, bytes).await?;
    Ok(post)
}
