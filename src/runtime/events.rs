//! The JavaScript API's events: `Nudge('on', name, callback)` subscribers,
//! called with plain JS values. A subscriber that throws is reported on the
//! console and never breaks the widget or the other subscribers.

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

/// The subscribers, per event name.
#[derive(Default)]
pub struct Subscribers {
    list: Vec<(String, js_sys::Function)>,
}

impl Subscribers {
    /// Adds a subscriber; an unknown event name is refused.
    pub fn on(&mut self, name: &str, callback: js_sys::Function) -> Result<(), String> {
        if !EVENT_NAMES.contains(&name) {
            return Err(format!(
                "unknown event \"{name}\"; expected one of {}",
                crate::engine::validate::one_of(&EVENT_NAMES)
            ));
        }
        self.list.push((name.to_owned(), callback));
        Ok(())
    }

    /// Removes a subscriber (all of them for `name` without a callback).
    pub fn off(&mut self, name: &str, callback: Option<&js_sys::Function>) {
        self.list
            .retain(|(n, f)| !(n == name && callback.is_none_or(|c| c == f)));
    }

    /// The callbacks subscribed to `name` (cloned, so they can be called
    /// after the runtime is released).
    pub fn of(&self, name: &str) -> Vec<js_sys::Function> {
        self.list
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, f)| f.clone())
            .collect()
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
