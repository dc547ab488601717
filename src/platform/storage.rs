//! localStorage with an in-memory fallback.
//!
//! Why: Safari private windows, Brave and sandboxed iframes throw a
//! `SecurityError` on the mere access to `localStorage`, and a full quota
//! throws on `setItem`. The widget must keep working in all those cases, so
//! every failure degrades to memory and is reported once on the console.

use std::cell::{Cell, RefCell};

/// Why a storage operation could not reach localStorage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// localStorage is absent or access throws (privacy mode, sandbox).
    #[error("localStorage is not available")]
    Blocked,
    /// `setItem` threw, typically `QuotaExceededError`.
    #[error("localStorage refused to write {0}")]
    WriteFailed(String),
}

/// A namespaced key-value store: localStorage when it works, memory when not.
///
/// Values written while localStorage fails are kept in memory so that reads
/// in this page still see them.
pub struct Store {
    prefix: String,
    local: Option<web_sys::Storage>,
    /// (key, value) pairs: a handful at most, so a Vec (a HashMap's
    /// hashing and table code cost ~6 KB of wasm).
    memory: RefCell<Vec<(String, String)>>,
    warned: Cell<bool>,
}

impl Store {
    /// Opens the store; keys are `<prefix><name>`.
    pub fn open(prefix: &str) -> Store {
        Store::with_backend(prefix, local_storage().ok())
    }

    /// A store that never touches localStorage (tests, or consent withheld).
    pub fn memory_only(prefix: &str) -> Store {
        Store::with_backend(prefix, None)
    }

    fn with_backend(prefix: &str, local: Option<web_sys::Storage>) -> Store {
        Store {
            prefix: prefix.to_owned(),
            local,
            memory: RefCell::new(Vec::new()),
            warned: Cell::new(false),
        }
    }

    /// True when values reach localStorage (and so other tabs and reloads).
    pub fn is_persistent(&self) -> bool {
        self.local.is_some()
    }

    /// The full key used in localStorage for `name`.
    pub fn key(&self, name: &str) -> String {
        let mut key = self.prefix.clone();
        key.push_str(name);
        key
    }

    /// Reads a value; memory wins over localStorage because it holds writes
    /// that localStorage refused.
    pub fn get(&self, name: &str) -> Option<String> {
        let key = self.key(name);
        if let Some((_, value)) = self.memory.borrow().iter().find(|(k, _)| *k == key) {
            return Some(value.clone());
        }
        self.local
            .as_ref()
            .and_then(|s| s.get_item(&key).ok().flatten())
    }

    /// Writes a value; on failure keeps it in memory and warns once.
    pub fn set(&self, name: &str, value: &str) -> Result<(), StorageError> {
        let key = self.key(name);
        let result = match &self.local {
            Some(storage) => storage
                .set_item(&key, value)
                .map_err(|_| StorageError::WriteFailed(key.clone())),
            None => Err(StorageError::Blocked),
        };
        let mut memory = self.memory.borrow_mut();
        memory.retain(|(k, _)| *k != key);
        if let Err(error) = &result {
            memory.push((key, value.to_owned()));
            self.warn_once(error);
        }
        result
    }

    /// Removes a value everywhere.
    pub fn remove(&self, name: &str) {
        let key = self.key(name);
        self.memory.borrow_mut().retain(|(k, _)| *k != key);
        if let Some(storage) = &self.local {
            let _ = storage.remove_item(&key);
        }
    }

    /// Logs a storage problem once per page, then stays quiet.
    pub fn warn_once(&self, error: &StorageError) {
        if !self.warned.replace(true) {
            super::dom::warn(&format!(
                "[nudge] {error}; keeping data in memory for this page"
            ));
        }
    }
}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Blocked)?;
    // `local_storage()` itself throws a SecurityError when storage is blocked.
    window
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Blocked)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn values_round_trip_through_local_storage() {
        let store = Store::open("nudge-test-rt:");
        assert!(store.is_persistent());
        store.set("k", "v1").unwrap();
        assert_eq!(store.get("k").as_deref(), Some("v1"));
        let raw = local_storage()
            .unwrap()
            .get_item("nudge-test-rt:k")
            .unwrap();
        assert_eq!(raw.as_deref(), Some("v1"));
        store.remove("k");
        assert_eq!(store.get("k"), None);
    }

    #[wasm_bindgen_test]
    fn blocked_storage_falls_back_to_memory() {
        let store = Store::memory_only("nudge-test-blocked:");
        assert_eq!(store.set("k", "v"), Err(StorageError::Blocked));
        assert_eq!(store.get("k").as_deref(), Some("v"));
    }

    #[wasm_bindgen_test]
    fn storage_that_throws_on_access_is_treated_as_blocked() {
        // Make `window.localStorage` throw, as Safari private mode does
        // (Window is a [Global] interface: the accessor is an own property).
        let window = web_sys::window().unwrap();
        let proto: js_sys::Object = window.clone().into();
        let original = js_sys::Object::get_own_property_descriptor(&proto, &"localStorage".into());
        let thrower =
            js_sys::Function::new_no_args("throw new DOMException('denied', 'SecurityError')");
        let descriptor = js_sys::Object::new();
        js_sys::Reflect::set(&descriptor, &"get".into(), &thrower).unwrap();
        js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
        js_sys::Object::define_property(&proto, &"localStorage".into(), &descriptor);
        let store = Store::open("nudge-test-throw:");
        js_sys::Object::define_property(&proto, &"localStorage".into(), &original.into());
        assert!(!store.is_persistent());
        assert!(store.set("k", "v").is_err());
        assert_eq!(store.get("k").as_deref(), Some("v"));
    }

    #[wasm_bindgen_test]
    fn a_full_quota_keeps_the_value_in_memory() {
        let store = Store::open("nudge-test-quota:");
        let storage = local_storage().unwrap();
        // Fill localStorage until it refuses, then check the fallback.
        let chunk = "x".repeat(1 << 20);
        let mut filled = Vec::new();
        for i in 0..32 {
            let key = format!("nudge-test-fill-{i}");
            if storage.set_item(&key, &chunk).is_err() {
                break;
            }
            filled.push(key);
        }
        let big = "y".repeat(1 << 20);
        let result = store.set("big", &big);
        for key in &filled {
            let _ = storage.remove_item(key);
        }
        assert!(matches!(result, Err(StorageError::WriteFailed(_))));
        assert_eq!(store.get("big").map(|v| v.len()), Some(1 << 20));
        store.remove("big");
    }
}
