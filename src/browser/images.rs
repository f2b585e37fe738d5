//! The post's pictures in IndexedDB: one object store of a database of its
//! own (the journal's keeps its version and its tests), each value a
//! `{ reference, blob }` object under the key
//! [`crate::images::attach::store_key`] (draft, then repo path). Blobs, not
//! strings: the browser keeps their bytes on disk, and nothing of them goes
//! to local storage.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Url};

use super::idb::{DurableStore, IdbError, IdbStore};
use super::BrowserError;

pub const DB_NAME: &str = "postwright-images";
pub const DB_VERSION: u32 = 1;
pub const STORE: &str = "images";

/// A picture as kept: its key, how the post refers to it, its bytes.
#[derive(Clone)]
pub struct StoredPicture {
    pub key: String,
    pub reference: String,
    pub blob: Blob,
}

pub async fn open() -> Result<IdbStore, IdbError> {
    IdbStore::open(DB_NAME, DB_VERSION, &[STORE]).await
}

/// `bytes` as a Blob of type `mime` (copied once, out of wasm memory).
pub fn blob_of(bytes: &[u8], mime: &str) -> Result<Blob, BrowserError> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(BrowserError::from)
}

/// A URL the page can show `blob` by (revoke it when done).
pub fn object_url(blob: &Blob) -> Option<String> {
    Url::create_object_url_with_blob(blob).ok()
}

pub fn revoke(url: &str) {
    let _ = Url::revoke_object_url(url);
}

/// `blob` as a File named `name` (what a host's upload hook is given).
pub fn file_of(blob: &Blob, name: &str) -> Result<web_sys::File, BrowserError> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&blob.type_());
    web_sys::File::new_with_blob_sequence_and_options(&Array::of1(blob), name, &options)
        .map_err(BrowserError::from)
}

/// Hands `file` to the host's `upload(file)`: `None` when it does not take
/// it (it gave nothing back), else its answer, the URL to insert.
pub fn upload(
    hook: &js_sys::Function,
    file: &web_sys::File,
) -> Option<impl std::future::Future<Output = Result<String, BrowserError>>> {
    let answer = match hook.call1(&JsValue::NULL, file) {
        Ok(v) if v.is_undefined() || v.is_null() => return None,
        Ok(v) => js_sys::Promise::resolve(&v),
        Err(e) => js_sys::Promise::reject(&e),
    };
    Some(async move {
        let url = JsFuture::from(answer).await.map_err(BrowserError::from)?;
        url.as_string()
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| BrowserError::unavailable("the upload gave no URL"))
    })
}

/// `blob` (a photo) scaled to `width` x `height` and encoded again as
/// `mime` (JPEG at quality 0.9): the browser decodes and encodes it
/// (`createImageBitmap`, an `OffscreenCanvas`), called by name, as web-sys
/// would need five more features for the same calls.
pub async fn resized(
    blob: &Blob,
    width: u32,
    height: u32,
    mime: &str,
) -> Result<Blob, BrowserError> {
    let err = |e: JsValue| BrowserError::from(e);
    let window = web_sys::window().ok_or_else(|| BrowserError::unavailable("no window"))?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"resizeWidth".into(), &width.into());
    let _ = Reflect::set(&options, &"resizeHeight".into(), &height.into());
    let _ = Reflect::set(&options, &"resizeQuality".into(), &"high".into());
    let call = |target: &JsValue, name: &str, args: &Array| -> Result<JsValue, BrowserError> {
        let f: js_sys::Function = Reflect::get(target, &name.into())
            .map_err(err)?
            .dyn_into()
            .map_err(err)?;
        f.apply(target, args).map_err(err)
    };
    let bitmap = call(&window, "createImageBitmap", &Array::of2(blob, &options))?;
    let bitmap = JsFuture::from(js_sys::Promise::from(bitmap))
        .await
        .map_err(err)?;
    let class: js_sys::Function = Reflect::get(&window, &"OffscreenCanvas".into())
        .map_err(err)?
        .dyn_into()
        .map_err(err)?;
    let canvas =
        Reflect::construct(&class, &Array::of2(&width.into(), &height.into())).map_err(err)?;
    let context = call(&canvas, "getContext", &Array::of1(&"2d".into()))?;
    call(
        &context,
        "drawImage",
        &Array::of3(&bitmap, &0.into(), &0.into()),
    )?;
    let _ = call(&bitmap, "close", &Array::new());
    let encode = Object::new();
    let _ = Reflect::set(&encode, &"type".into(), &mime.into());
    let _ = Reflect::set(&encode, &"quality".into(), &0.9.into());
    let out = call(&canvas, "convertToBlob", &Array::of1(&encode))?;
    let out = JsFuture::from(js_sys::Promise::from(out))
        .await
        .map_err(err)?;
    out.dyn_into().map_err(err)
}

pub async fn bytes_of(blob: &Blob) -> Result<Vec<u8>, BrowserError> {
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(BrowserError::from)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

pub async fn put(store: &IdbStore, picture: &StoredPicture) -> Result<(), IdbError> {
    let value = Object::new();
    let _ = Reflect::set(
        &value,
        &"reference".into(),
        &picture.reference.as_str().into(),
    );
    let _ = Reflect::set(&value, &"blob".into(), &picture.blob);
    store.put(&picture.key, &value).await
}

/// Every stored picture (of every draft), in key order.
pub async fn all(store: &IdbStore) -> Result<Vec<StoredPicture>, IdbError> {
    Ok(store
        .get_all()
        .await?
        .into_iter()
        .filter_map(|(key, v)| picture_of(key, &v))
        .collect())
}

fn picture_of(key: String, value: &JsValue) -> Option<StoredPicture> {
    let reference = Reflect::get(value, &"reference".into()).ok()?.as_string()?;
    let blob = Reflect::get(value, &"blob".into()).ok()?.dyn_into().ok()?;
    Some(StoredPicture {
        key,
        reference,
        blob,
    })
}

pub async fn delete(store: &IdbStore, key: &str) -> Result<(), IdbError> {
    store.delete(key).await
}
