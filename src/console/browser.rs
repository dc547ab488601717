//! The console's few browser calls, each containing its own failures: the
//! draft in `localStorage`, reading a picked file, fetching a config URL,
//! the clipboard and a download. Plain values in and out.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the draft is kept (one key; the value is the JSON text as typed).
pub const DRAFT_KEY: &str = "nudge-console-draft";
/// The console's interface language.
pub const LANG_KEY: &str = "nudge-console-lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved value of `key`, if storage works and has it.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves `value`; false when storage is blocked or full.
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The text of the first file of an `<input type=file>`.
pub async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or_else(|| "no file".to_string())?;
    let text = JsFuture::from(file.text()).await.map_err(js_error)?;
    text.as_string()
        .ok_or_else(|| "not a text file".to_string())
}

/// GETs `url` and returns its body as text.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js_error)?;
    let response: web_sys::Response = response.dyn_into().map_err(js_error)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// Copies `text` to the clipboard (`navigator.clipboard.writeText`).
pub async fn copy(text: &str) -> Result<(), String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(js_error)?;
    let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &text.into())
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    JsFuture::from(promise).await.map(|_| ()).map_err(js_error)
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no anchor".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Focuses the first element whose `data-path` is `path` or, failing
/// that, its deepest ancestor's; returns whether something got the focus.
pub fn focus_path(path: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(nodes) = document.query_selector_all("[data-path]") else {
        return false;
    };
    let mut best: Option<(usize, web_sys::HtmlElement)> = None;
    for i in 0..nodes.length() {
        let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let Some(p) = el.get_attribute("data-path") else {
            continue;
        };
        let prefix = path == p
            || (path.starts_with(&p) && matches!(path.as_bytes().get(p.len()), Some(b'.' | b'[')));
        if prefix && best.as_ref().is_none_or(|(len, _)| p.len() > *len) {
            best = Some((p.len(), el));
        }
    }
    match best {
        Some((_, el)) => {
            el.scroll_into_view();
            el.focus().is_ok()
        }
        None => false,
    }
}

/// Selects `start..end` (UTF-16 offsets) in the textarea `id` and focuses it.
pub fn select_in_textarea(id: &str, start: u32, end: u32) {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let _ = el.focus();
    let _ = el.set_selection_range(start, end);
}

/// The page's origin (where the widget is served from, next to the console).
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Milliseconds since the page started (for the timing shown in the bench).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn js_error(e: JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "failed".to_string())
}
