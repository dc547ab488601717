//! The JavaScript API's events: `Nudge('on', name, callback)` subscribers,
//! called with plain JS values (kept and called by the page's guard). A
//! subscriber that throws is reported on the console and never breaks the
//! widget or the other subscribers.

use wasm_bindgen::JsValue;

/// Event names a page can subscribe to.
pub const EVENT_NAMES: [&str; 9] = [
    "ready",
    "message",
    "opened",
    "closed",
    "visitor_message",
    "starter_clicked",
    "dismissed",
    "stats",
    "error",
];

/// Checks an event name for `Nudge('on' | 'off', name, …)`. The subscribers
/// themselves live in the page's guard (`platform::guard`), which still
/// reaches `error` subscribers after the wasm is gone.
pub fn check_name(name: &str) -> Result<(), String> {
    if EVENT_NAMES.contains(&name) {
        Ok(())
    } else {
        Err(format!(
            "unknown event \"{name}\"; expected one of {}",
            crate::engine::validate::one_of(&EVENT_NAMES)
        ))
    }
}

/// An event waiting to be delivered once the runtime is released.
pub struct Pending {
    /// The event name.
    pub name: &'static str,
    /// The payload handed to each subscriber.
    pub detail: JsValue,
}

/// Builds a plain JS object from string pairs.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// Calls every callback with `detail`, catching what they throw.
pub fn deliver(callbacks: Vec<js_sys::Function>, detail: &JsValue) {
    for callback in callbacks {
        if let Err(error) = callback.call1(&JsValue::NULL, detail) {
            web_sys::console::error_2(&"[nudge] an event callback threw:".into(), &error);
        }
    }
}
