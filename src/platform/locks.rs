//! Claims shared by every tab of the site: "this tab, and no other, shows
//! message X". Built on the Web Locks API: a claim is an exclusive lock
//! requested with `ifAvailable` and held for the rest of the page's life, so
//! a second tab asking for the same name — even in the same millisecond — is
//! refused, and a later page of the same visit finds the fired record in
//! storage (the lock goes away with the page that held it).
//!
//! Why locks rather than a claim written to localStorage and re-read: tabs
//! run in different processes whose localStorage copies are synchronised
//! asynchronously, so two tabs can both read "unclaimed" in the same
//! millisecond. The lock manager is one queue in the browser process.
//!
//! Without Web Locks (very old browsers, some embedded webviews) every claim
//! is granted at once: the widget behaves as one tab would.
//!
//! The request itself is made in `page.js` (the guard's `claim`), so that
//! its answer reaches the wasm through the same door as every other call.

use wasm_bindgen::prelude::*;

use super::guard::Guard;

/// Asks for the claim `name`; `on_result(granted)` runs once, later (never
/// synchronously inside this call, so the caller's state is not borrowed).
pub fn claim(guard: &Guard, name: &str, on_result: impl FnOnce(bool) + 'static) {
    let f =
        Closure::once_into_js(move |granted: JsValue| on_result(granted.as_bool() == Some(true)));
    guard.js_claim(name, &f);
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen_test::wasm_bindgen_test;

    async fn claim_now(name: &str) -> bool {
        let seen = Rc::new(RefCell::new(None));
        let sink = seen.clone();
        let guard = crate::platform::guard::new_guard(&js_sys::Object::new().into());
        claim(&guard, name, move |granted| {
            *sink.borrow_mut() = Some(granted)
        });
        for _ in 0..50 {
            if let Some(granted) = *seen.borrow() {
                return granted;
            }
            gloo_timers::future::TimeoutFuture::new(2).await;
        }
        panic!("the claim {name} was never answered");
    }

    #[wasm_bindgen_test]
    async fn the_first_claim_of_a_name_is_granted() {
        assert!(claim_now("test:first").await);
    }

    #[wasm_bindgen_test]
    async fn a_second_claim_of_the_same_name_is_refused() {
        assert!(claim_now("test:twice").await);
        assert!(!claim_now("test:twice").await);
    }

    #[wasm_bindgen_test]
    async fn claims_of_different_names_are_independent() {
        assert!(claim_now("test:a").await);
        assert!(claim_now("test:b").await);
    }
}
