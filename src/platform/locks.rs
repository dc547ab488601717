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
//!
//! A lock manager answers a task later, which would make a message fire a
//! little after its due time, and a lot after it on a simulated clock that
//! jumps. So the tabs keep a census ([`start_census`]): each holds a shared
//! lock for its life, says hello on a BroadcastChannel, and recounts the
//! holders on every hello and on every return to the tab. While a tab is
//! alone its claims are granted within the call (the lock is still taken,
//! for tabs opened later); with other tabs open they wait for the lock
//! manager. The window left: tabs opened within the same few milliseconds,
//! before their census has answered, each think they are alone.

use wasm_bindgen::prelude::*;

use super::guard::Guard;

/// Starts counting the site's tabs under the lock name `name`.
pub fn start_census(guard: &Guard, name: &str) {
    guard.tabs(name);
}

/// Asks for the claim `name`; `on_result(granted)` runs once: within this
/// call while the tab is alone (the runtime queues what it sends then),
/// later otherwise.
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
    async fn a_tab_that_counted_itself_alone_gets_its_claim_within_the_call() {
        let guard = crate::platform::guard::new_guard(&js_sys::Object::new().into());
        start_census(&guard, "test:census");
        gloo_timers::future::TimeoutFuture::new(100).await;
        let seen = Rc::new(RefCell::new(None));
        let sink = seen.clone();
        claim(&guard, "test:alone", move |granted| {
            *sink.borrow_mut() = Some(granted)
        });
        assert_eq!(*seen.borrow(), Some(true));
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
