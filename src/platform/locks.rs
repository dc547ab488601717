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

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Asks for the claim `name`; `on_result(granted)` runs once, later (never
/// synchronously inside this call, so the caller's state is not borrowed).
pub fn claim(name: &str, on_result: impl FnOnce(bool) + 'static) {
    match request(name) {
        Some(granted) => {
            let callback =
                Closure::once(move |held: JsValue| on_result(held.as_bool() == Some(true)));
            let _ = granted.then(&callback);
            callback.forget();
        }
        None => {
            // No lock manager: grant on the next microtask.
            let callback = Closure::once(move |_: JsValue| on_result(true));
            let _ = js_sys::Promise::resolve(&JsValue::UNDEFINED).then(&callback);
            callback.forget();
        }
    }
}

/// `navigator.locks.request(name, {ifAvailable: true}, cb)`, where `cb`
/// reports whether the lock was granted and then keeps it for the page's
/// life. The returned promise resolves to the granted flag. `None` when the
/// browser has no lock manager or refuses the call (e.g. opaque origins).
fn request(name: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into()).ok()?;
    let request = js_sys::Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE).ok()?;
    let (report, reported) = deferred();
    let report_refusal = report.clone();
    let holder = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let granted = !lock.is_null();
        let _ = report.call1(&JsValue::UNDEFINED, &JsValue::from_bool(granted));
        if granted {
            // Never settles: the lock is released when the page goes away.
            js_sys::Promise::new(&mut |_, _| {}).into()
        } else {
            JsValue::UNDEFINED
        }
    });
    let args = [JsValue::from_str(name), options.into(), holder];
    let pending = request
        .apply(&locks, &args.iter().collect::<js_sys::Array>())
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    // A refused call (SecurityError, …) rejects: grant, as without a manager.
    let fallback = Closure::once(move |_: JsValue| {
        let _ = report_refusal.call1(&JsValue::UNDEFINED, &JsValue::TRUE);
    });
    let _ = pending.catch(&fallback);
    fallback.forget();
    Some(reported)
}

/// A promise and the function that resolves it.
fn deferred() -> (js_sys::Function, js_sys::Promise) {
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
    (resolve.expect("the executor runs synchronously"), promise)
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
        claim(name, move |granted| *sink.borrow_mut() = Some(granted));
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
