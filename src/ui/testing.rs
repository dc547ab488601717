//! Helpers for the components' browser tests (wasm32 test builds only).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::{AppHandle, BaseComponent, Callback, Renderer};

/// A component mounted into a fresh `<div>` appended to the body.
pub struct Mounted<C: BaseComponent> {
    pub root: Element,
    pub handle: Option<AppHandle<C>>,
}

impl<C: BaseComponent> Mounted<C> {
    pub async fn new(props: C::Properties) -> Self {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
        tick().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    }

    pub async fn update(&mut self, props: C::Properties) {
        self.handle.as_mut().unwrap().update(props);
        tick().await;
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} in {}", self.root.inner_html()))
    }

    pub fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.get(selector).get_attribute(name)
    }

    pub fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    pub async fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
        tick().await;
    }

    /// Dispatches a bubbling, cancelable `keydown`; returns whether the
    /// default action was prevented.
    pub async fn key(&self, selector: &str, key: &str, shift: bool) -> bool {
        let init = js_sys::Object::new();
        for (k, v) in [
            ("key", key.into()),
            ("shiftKey", shift.into()),
            ("bubbles", true.into()),
            ("cancelable", true.into()),
        ] {
            js_sys::Reflect::set(&init, &k.into(), &v).unwrap();
        }
        let ctor: js_sys::Function =
            js_sys::Reflect::get(&js_sys::global(), &"KeyboardEvent".into())
                .unwrap()
                .unchecked_into();
        let event: web_sys::Event =
            js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&"keydown".into(), &init))
                .unwrap()
                .unchecked_into();
        self.get(selector).dispatch_event(&event).unwrap();
        tick().await;
        event.default_prevented()
    }
}

impl<C: BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Lets Yew render and run effects.
pub async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

/// A callback that records what it was called with.
pub fn recorder<T: 'static>() -> (Callback<T>, Rc<RefCell<Vec<T>>>) {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let c = calls.clone();
    (Callback::from(move |v| c.borrow_mut().push(v)), calls)
}

/// The element that has the focus, if any.
pub fn focused() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}
