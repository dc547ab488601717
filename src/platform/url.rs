//! URL tracking for single-page apps: `history.pushState` and `replaceState`
//! (wrapped), `popstate` and `hashchange`, reported as the new `href` only
//! when it really changed.
//!
//! The wrappers (see [`super::guard`]) call the function that was there
//! before (which may itself be the host's or a router's wrapper) with the
//! same arguments, return its return value and let its exceptions through,
//! so the host sees no difference; only then is the URL checked.

use std::cell::RefCell;
use std::rc::Rc;

use super::guard::{Guard, Hook};

/// Reports URL changes without a page load; unwraps `history` on drop.
pub struct UrlWatcher {
    _hooks: Vec<Hook>,
}

/// The current `location.href` ("" when unknown).
pub fn current_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

impl UrlWatcher {
    /// Starts watching; `on_change` gets the new `href`.
    pub fn new(guard: &Guard, on_change: impl Fn(String) + 'static) -> Option<UrlWatcher> {
        let window = web_sys::window()?;
        let last = RefCell::new(current_url());
        let check = Rc::new(move || {
            let url = current_url();
            if *last.borrow() != url {
                last.replace(url.clone());
                on_change(url);
            }
        });
        let mut hooks = Vec::new();
        for name in ["popstate", "hashchange"] {
            let check = check.clone();
            hooks.push(guard.listen(&window, name, move |_| check()));
        }
        for name in ["pushState", "replaceState"] {
            let check = check.clone();
            hooks.extend(guard.wrap_history(name, move || check()));
        }
        Some(UrlWatcher { _hooks: hooks })
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn guard() -> Guard {
        super::super::guard::new_guard(&js_sys::Object::new())
    }

    fn history() -> web_sys::History {
        web_sys::window().unwrap().history().unwrap()
    }

    fn recorder() -> (Rc<RefCell<Vec<String>>>, impl Fn(String)) {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        (seen, move |url| sink.borrow_mut().push(url))
    }

    #[wasm_bindgen_test]
    fn push_state_is_reported_with_the_new_url() {
        let (seen, record) = recorder();
        let _watcher = UrlWatcher::new(&guard(), record).unwrap();
        history()
            .push_state_with_url(&JsValue::NULL, "", Some("?nudge-step2"))
            .unwrap();
        let seen = seen.borrow();
        assert_eq!(seen.len(), 1);
        assert!(seen[0].ends_with("?nudge-step2"));
    }

    #[wasm_bindgen_test]
    fn replace_state_to_the_same_url_is_not_a_change() {
        let (seen, record) = recorder();
        let _watcher = UrlWatcher::new(&guard(), record).unwrap();
        history().replace_state(&JsValue::NULL, "").unwrap();
        assert!(seen.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn hash_changes_are_reported() {
        let (seen, record) = recorder();
        let _watcher = UrlWatcher::new(&guard(), record).unwrap();
        web_sys::window()
            .unwrap()
            .location()
            .set_hash("nudge-compare")
            .unwrap();
        gloo_timers::future::TimeoutFuture::new(50).await;
        assert!(seen.borrow().iter().any(|u| u.ends_with("#nudge-compare")));
    }

    #[wasm_bindgen_test]
    async fn popstate_is_reported() {
        let (seen, record) = recorder();
        history()
            .push_state_with_url(&JsValue::NULL, "", Some("?nudge-a"))
            .unwrap();
        history()
            .push_state_with_url(&JsValue::NULL, "", Some("?nudge-b"))
            .unwrap();
        let _watcher = UrlWatcher::new(&guard(), record).unwrap();
        history().back().unwrap();
        gloo_timers::future::TimeoutFuture::new(100).await;
        assert!(seen.borrow().iter().any(|u| u.ends_with("?nudge-a")));
    }

    #[wasm_bindgen_test]
    fn the_hosts_return_value_and_exceptions_pass_through() {
        let (_seen, record) = recorder();
        let _watcher = UrlWatcher::new(&guard(), record).unwrap();
        // A cross-origin URL makes pushState throw a SecurityError: the host
        // must still get it.
        let result =
            history().push_state_with_url(&JsValue::NULL, "", Some("https://elsewhere.invalid/"));
        assert!(result.is_err());
    }

    #[wasm_bindgen_test]
    fn dropping_the_watcher_restores_history() {
        let before = js_sys::Reflect::get(&history(), &"pushState".into()).unwrap();
        let watcher = UrlWatcher::new(&guard(), |_| {}).unwrap();
        let during = js_sys::Reflect::get(&history(), &"pushState".into()).unwrap();
        assert_ne!(before, during);
        drop(watcher);
        let after = js_sys::Reflect::get(&history(), &"pushState".into()).unwrap();
        assert_eq!(before, after);
    }
}
