//! The one door between the host page and the wasm: `page.js`, a small
//! wasm-bindgen snippet. Every history wrapper, page listener, timer,
//! microtask and widget DOM event reaches the wasm through its `call`, and
//! so does every `Nudge()` call the loader forwards.
//!
//! Why: after a wasm trap (out of memory, a panic: `RuntimeError:
//! unreachable`) the wasm's state is broken for good, and every later call
//! into it throws. Without a door, the host's own `history.pushState` would
//! throw at the host's caller and every scroll would be an uncaught error.
//! With it, the first exception out of the wasm marks the widget dead: every
//! hook is undone (`pushState` / `replaceState` are exactly the host's
//! functions again), the widget is removed, one console error and one
//! `error` event tell the page, and everything after is swallowed.
//!
//! Wrappers around the host's functions call the host's function first and
//! return its result or exception unchanged; only then do they tell us.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// One widget's guard: the JS object `guard(options)` of `page.js`
    /// returns. The loader creates it (static/nudge.js carries a generated
    /// copy of `page.js`) and hands it over as `options.guard`; it calls the
    /// wasm through the guard's `call` and kills it with `die`.
    #[derive(Clone)]
    pub type Guard;

    #[wasm_bindgen(method, js_name = listen)]
    fn js_listen(this: &Guard, target: &JsValue, kind: &str, f: &JsValue) -> u32;
    #[wasm_bindgen(method, js_name = wrap)]
    fn js_wrap(this: &Guard, name: &str, f: &JsValue) -> u32;
    #[wasm_bindgen(method)]
    fn off(this: &Guard, id: u32);
    #[wasm_bindgen(method, js_name = later)]
    fn js_later(this: &Guard, f: &JsValue, ms: i32) -> u32;
    #[wasm_bindgen(method)]
    fn sub(this: &Guard, name: &str, f: Option<&js_sys::Function>, on: bool);
    /// Routes the DOM events the widget's view listens for on `element`
    /// (its mount) through the guard.
    #[wasm_bindgen(method)]
    pub fn root(this: &Guard, element: &web_sys::Element);
    /// Calls the subscribers of `name` with `detail`; what they throw is
    /// reported on the console.
    #[wasm_bindgen(method)]
    pub fn emit(this: &Guard, name: &str, detail: &JsValue);
    /// Stops (or lets) the host page scroll behind a full-screen panel;
    /// undone on death.
    #[wasm_bindgen(method)]
    pub fn lock(this: &Guard, on: bool);
    /// Starts the tab census under the lock name `name` (see
    /// `platform::locks`).
    #[wasm_bindgen(method)]
    pub fn tabs(this: &Guard, name: &str);
    /// Asks for the Web Lock `name`; `f(granted)` is called through the
    /// door: at once while this tab is alone, else when the lock manager
    /// answers (see `platform::locks`).
    #[wasm_bindgen(method, js_name = claim)]
    pub fn js_claim(this: &Guard, name: &str, f: &JsValue);
    /// Marks the widget dead (see the module's documentation).
    #[wasm_bindgen(method)]
    pub fn die(this: &Guard, error: &JsValue);
}

#[cfg(all(test, target_arch = "wasm32"))]
#[wasm_bindgen(module = "/src/platform/page.js")]
extern "C" {
    /// A guard for a test (the widget gets the loader's).
    #[wasm_bindgen(js_name = guard)]
    pub fn new_guard(options: &JsValue) -> Guard;
}

/// A listener or a history wrapper; dropping it undoes it.
pub struct Hook {
    guard: Guard,
    id: u32,
}

impl Drop for Hook {
    fn drop(&mut self) {
        self.guard.off(self.id);
    }
}

/// A pending timeout; dropping it cancels it.
pub type Later = Hook;

impl Guard {
    /// Calls `f` with each `kind` event on `target` (a passive listener).
    pub fn listen(&self, target: &JsValue, kind: &str, f: impl Fn(JsValue) + 'static) -> Hook {
        let f = Closure::<dyn Fn(JsValue)>::new(f).into_js_value();
        Hook {
            guard: self.clone(),
            id: self.js_listen(target, kind, &f),
        }
    }

    /// Wraps `history[name]` (`pushState`, `replaceState`): the host's
    /// function runs first, then `f`. None when there is no such function.
    pub fn wrap_history(&self, name: &str, f: impl Fn() + 'static) -> Option<Hook> {
        let f = Closure::<dyn Fn()>::new(f).into_js_value();
        match self.js_wrap(name, &f) {
            0 => None,
            id => Some(Hook {
                guard: self.clone(),
                id,
            }),
        }
    }

    /// Calls `f` (a JS function from a `Closure`) in `ms` milliseconds.
    pub fn later(&self, f: &JsValue, ms: u32) -> Later {
        Hook {
            guard: self.clone(),
            id: self.js_later(f, ms.min(i32::MAX as u32) as i32),
        }
    }

    /// Runs `f` once in a task of its own, `ms` milliseconds from now.
    pub fn once(&self, ms: u32, f: impl FnOnce() + 'static) {
        self.once_boxed(ms, Box::new(f));
    }

    // One instance of the closure glue for every caller.
    fn once_boxed(&self, ms: u32, f: Box<dyn FnOnce()>) {
        self.js_later(&Closure::once_into_js(f), ms as i32);
    }

    /// Calls `f` (a JS function) in a microtask, at the end of this task.
    pub fn soon(&self, f: &JsValue) {
        self.js_later(f, -1);
    }

    /// Subscribes `f` to the JS API event `name`.
    pub fn on(&self, name: &str, f: &js_sys::Function) {
        self.sub(name, Some(f), true);
    }

    /// Unsubscribes `f` (every subscriber of `name` when `None`).
    pub fn unsub(&self, name: &str, f: Option<&js_sys::Function>) {
        self.sub(name, f, false);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn history() -> JsValue {
        web_sys::window().unwrap().history().unwrap().into()
    }

    fn push_state() -> JsValue {
        js_sys::Reflect::get(&history(), &"pushState".into()).unwrap()
    }

    /// Puts `f` as `history.pushState` and returns what was there.
    fn set_push_state(f: &JsValue) -> JsValue {
        let before = push_state();
        js_sys::Reflect::set(&history(), &"pushState".into(), f).unwrap();
        before
    }

    /// A JS function that records `name` in `log` and calls `then`.
    fn logger(log: &js_sys::Array, name: &str) -> js_sys::Function {
        js_sys::Function::new_with_args(
            "log, name",
            "return function () { log.push(name); return 'host result'; }",
        )
        .call2(&JsValue::NULL, log, &name.into())
        .unwrap()
        .unchecked_into()
    }

    /// A guard, and how many times it told the loader it died.
    fn watched() -> (Guard, Rc<RefCell<u32>>) {
        let options = js_sys::Object::new();
        let deaths = Rc::new(RefCell::new(0));
        let count = deaths.clone();
        let on_dead = Closure::<dyn Fn()>::new(move || *count.borrow_mut() += 1).into_js_value();
        js_sys::Reflect::set(&options, &"dead".into(), &on_dead).unwrap();
        (new_guard(&options), deaths)
    }

    fn calls_push_state() -> Result<JsValue, JsValue> {
        let f: js_sys::Function = push_state().unchecked_into();
        f.call3(&history(), &JsValue::NULL, &"".into(), &"?guard".into())
    }

    #[wasm_bindgen_test]
    fn a_wrapper_calls_the_hosts_function_first_and_returns_its_result() {
        let log = js_sys::Array::new();
        let host = logger(&log, "host");
        let before = set_push_state(&host);
        let guard = new_guard(&js_sys::Object::new());
        let ours = log.clone();
        let hook = guard.wrap_history("pushState", move || {
            ours.push(&"ours".into());
        });
        let result = calls_push_state();
        drop(hook);
        set_push_state(&before);
        assert_eq!(result.unwrap(), "host result");
        assert_eq!(log.join(",").as_string().unwrap(), "host,ours");
    }

    #[wasm_bindgen_test]
    fn the_hosts_exception_passes_through_unchanged_and_we_are_not_told() {
        let thrown = js_sys::Object::new();
        let host = js_sys::Function::new_with_args("e", "return function () { throw e; }")
            .call1(&JsValue::NULL, &thrown)
            .unwrap();
        let before = set_push_state(&host);
        let (guard, deaths) = watched();
        let told = Rc::new(RefCell::new(0));
        let count = told.clone();
        let hook = guard.wrap_history("pushState", move || *count.borrow_mut() += 1);
        let result = calls_push_state();
        drop(hook);
        set_push_state(&before);
        let error = result.unwrap_err();
        assert!(
            js_sys::Object::is(&error, &thrown),
            "the very object the host threw"
        );
        assert_eq!(*told.borrow(), 0);
        assert_eq!(*deaths.borrow(), 0, "the host's exception is not ours");
    }

    #[wasm_bindgen_test]
    fn after_death_push_state_is_exactly_the_hosts_function_again() {
        let log = js_sys::Array::new();
        let host = logger(&log, "host");
        let before = set_push_state(&host);
        let (guard, deaths) = watched();
        let hook = guard.wrap_history("pushState", || {});
        assert!(!js_sys::Object::is(&push_state(), &host));
        guard.die(&"test".into());
        let after = push_state();
        set_push_state(&before);
        assert!(js_sys::Object::is(&after, &host));
        assert_eq!(*deaths.borrow(), 1);
        drop(hook); // undoing twice changes nothing
    }

    #[wasm_bindgen_test]
    fn an_exception_out_of_our_code_kills_the_widget_once_and_the_host_call_still_works() {
        let log = js_sys::Array::new();
        let host = logger(&log, "host");
        let before = set_push_state(&host);
        let (guard, deaths) = watched();
        let errors = Rc::new(RefCell::new(Vec::new()));
        let sink = errors.clone();
        let on_error = Closure::<dyn Fn(JsValue)>::new(move |e: JsValue| {
            let message = js_sys::Reflect::get(&e, &"message".into()).unwrap();
            sink.borrow_mut().push(message.as_string().unwrap());
        })
        .into_js_value();
        guard.on("error", on_error.unchecked_ref());
        // Stands for a trap: a wrapped call into "the wasm" that throws.
        let trap =
            js_sys::Function::new_no_args("throw new WebAssembly.RuntimeError('unreachable')");
        let _hook = guard.wrap_history("pushState", move || {
            let _ = trap.call0(&JsValue::NULL).map_err(wasm_bindgen::throw_val);
        });
        let first = calls_push_state();
        let second = calls_push_state();
        let after = push_state();
        set_push_state(&before);
        assert_eq!(
            first.unwrap(),
            "host result",
            "the host never sees our exception"
        );
        assert_eq!(second.unwrap(), "host result");
        assert_eq!(log.join(",").as_string().unwrap(), "host,host");
        assert!(js_sys::Object::is(&after, &host));
        assert_eq!(*deaths.borrow(), 1);
        let errors = errors.borrow();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("RuntimeError: unreachable"),
            "{}",
            errors[0]
        );
    }

    #[wasm_bindgen_test]
    async fn listeners_are_unhooked_on_death() {
        let guard = new_guard(&js_sys::Object::new());
        let heard = Rc::new(RefCell::new(0));
        let count = heard.clone();
        let window: JsValue = web_sys::window().unwrap().into();
        let _hook = guard.listen(&window, "nudge-guard-test", move |_| {
            *count.borrow_mut() += 1
        });
        let fire = || {
            web_sys::window()
                .unwrap()
                .dispatch_event(&web_sys::Event::new("nudge-guard-test").unwrap())
                .unwrap();
        };
        fire();
        guard.die(&"test".into());
        fire();
        assert_eq!(*heard.borrow(), 1);
    }

    #[wasm_bindgen_test]
    fn dropping_a_hook_unhooks_it() {
        let guard = new_guard(&js_sys::Object::new());
        let before = push_state();
        let hook = guard.wrap_history("pushState", || {}).unwrap();
        assert!(!js_sys::Object::is(&push_state(), &before));
        drop(hook);
        assert!(js_sys::Object::is(&push_state(), &before));
    }
}
