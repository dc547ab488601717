//! Small facts and actions on the host document: console messages, the
//! Shadow DOM host, the page's language and viewport.

use wasm_bindgen::JsCast;

/// Writes a warning on the console (never throws).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// Writes an error on the console (never throws).
pub fn error(message: &str) {
    web_sys::console::error_1(&message.into());
}

/// The element id of the widget's host; a second boot finds it and stops.
pub const HOST_ID: &str = "nudge-widget";

/// The host element's tag (a valid custom element name, never defined).
pub const HOST_TAG: &str = "nudge-widget";

/// A closed world for the widget: a host element at the end of `<body>` with
/// an open shadow root, so the host page's CSS cannot reach in and ours
/// cannot leak out.
pub struct ShadowHost {
    /// The element appended to the host page.
    pub host: web_sys::HtmlElement,
    /// The shadow root the stylesheet is adopted into.
    pub root: web_sys::ShadowRoot,
    /// The element the widget's view is mounted in.
    pub mount: web_sys::Element,
}

/// Why the widget could not be mounted.
#[derive(Debug, thiserror::Error)]
pub enum MountError {
    /// No `window`/`document`/`body` (not a browser page).
    #[error("no document body to mount the widget into")]
    NoBody,
    /// The widget is already on the page (the tag was included twice).
    #[error("the widget is already mounted")]
    AlreadyMounted,
    /// A DOM call failed.
    #[error("the browser refused to create the widget's shadow root")]
    Dom,
}

/// Creates the shadow host and installs `css` as a constructable stylesheet.
///
/// A constructable stylesheet (`adoptedStyleSheets`) is not an inline
/// `<style>`, so a strict `style-src` Content-Security-Policy allows it.
pub fn mount_shadow_host(css: &str) -> Result<ShadowHost, MountError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(MountError::NoBody)?;
    if document.get_element_by_id(HOST_ID).is_some() {
        return Err(MountError::AlreadyMounted);
    }
    let body = document.body().ok_or(MountError::NoBody)?;
    // An element name of our own: host rules such as `div { display: none }`
    // cannot reach it.
    let host: web_sys::HtmlElement = document
        .create_element(HOST_TAG)
        .map_err(|_| MountError::Dom)?
        .dyn_into()
        .map_err(|_| MountError::Dom)?;
    host.set_id(HOST_ID);
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .map_err(|_| MountError::Dom)?;
    adopt_stylesheet(&root, css);
    let mount = document
        .create_element("div")
        .map_err(|_| MountError::Dom)?;
    root.append_child(&mount).map_err(|_| MountError::Dom)?;
    body.append_child(&host).map_err(|_| MountError::Dom)?;
    Ok(ShadowHost { host, root, mount })
}

/// Replaces the shadow root's stylesheet (used when the theme changes).
pub fn adopt_stylesheet(root: &web_sys::ShadowRoot, css: &str) {
    let sheet = match web_sys::CssStyleSheet::new() {
        Ok(sheet) => sheet,
        Err(_) => return,
    };
    sheet.replace_sync(css).ok();
    let sheets = js_sys::Array::of1(&sheet);
    let _ = js_sys::Reflect::set(root, &"adoptedStyleSheets".into(), &sheets);
}

impl Drop for ShadowHost {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// The visitor's preferred language (`navigator.language`), e.g. "fr-FR".
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// The layout viewport width in CSS pixels (0 when unknown).
pub fn viewport_width() -> u32 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .map(|v| v.max(0.0) as u32)
        .unwrap_or(0)
}

/// The document's title.
pub fn title() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_default()
}

/// The document's referrer.
pub fn referrer() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.referrer())
        .unwrap_or_default()
}

/// True when the page is hidden (background tab, minimised window).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.hidden())
        .unwrap_or(false)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_widget_mounts_once_inside_a_shadow_root() {
        let first = mount_shadow_host(":host{color:red}").unwrap();
        assert!(first.host.shadow_root().is_some());
        assert!(matches!(
            mount_shadow_host(""),
            Err(MountError::AlreadyMounted)
        ));
        drop(first);
        let document = web_sys::window().unwrap().document().unwrap();
        assert!(document.get_element_by_id(HOST_ID).is_none());
    }

    #[wasm_bindgen_test]
    fn the_stylesheet_is_adopted_not_inlined() {
        let host = mount_shadow_host(":host{color:red}").unwrap();
        let sheets = js_sys::Reflect::get(&host.root, &"adoptedStyleSheets".into()).unwrap();
        assert_eq!(js_sys::Array::from(&sheets).length(), 1);
        assert!(host.root.query_selector("style").unwrap().is_none());
    }
}
