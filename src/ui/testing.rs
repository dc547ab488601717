//! Helpers for the view's browser tests (wasm32 test builds only).

use super::state::{Author, Bubble, WidgetState};
use super::widget::{UiEvent, WidgetView};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The widget mounted into a fresh `<div>` appended to the body, with the
/// events it reported.
pub struct Mounted {
    pub root: Element,
    pub view: WidgetView,
    events: Rc<RefCell<Vec<UiEvent>>>,
}

impl Mounted {
    /// Mounts the widget and renders `state`.
    pub fn new(state: &WidgetState) -> Self {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let record = events.clone();
        let view = WidgetView::mount(&root, move |e| record.borrow_mut().push(e));
        view.render(state);
        Mounted { root, view, events }
    }

    /// Renders `state`.
    pub fn update(&self, state: &WidgetState) {
        self.view.render(state);
    }

    /// What the widget reported so far, in order.
    pub fn events(&self) -> Vec<UiEvent> {
        self.events.borrow().clone()
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

    pub fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
    }

    /// Dispatches a bubbling, cancelable `keydown`; returns whether the
    /// default action was prevented.
    pub fn key(&self, selector: &str, key: &str, shift: bool) -> bool {
        let event = new_event(
            "KeyboardEvent",
            "keydown",
            &[("key", key.into()), ("shiftKey", shift.into())],
        );
        self.get(selector).dispatch_event(&event).unwrap();
        event.default_prevented()
    }

    /// Sets the textarea's text as the visitor would type it: the value,
    /// then an `input` event.
    pub fn type_text(&self, text: &str) -> web_sys::HtmlTextAreaElement {
        let ta = self
            .get("textarea")
            .unchecked_into::<web_sys::HtmlTextAreaElement>();
        ta.set_value(text);
        // Bubbling, as the browser's: the view listens on its mount.
        ta.dispatch_event(&new_event("InputEvent", "input", &[]))
            .unwrap();
        ta
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// `new <class>(kind, {bubbles, cancelable, ...fields})`: the event
/// classes' init dictionaries are not among web-sys's enabled features.
fn new_event(class: &str, kind: &str, fields: &[(&str, wasm_bindgen::JsValue)]) -> web_sys::Event {
    let init = js_sys::Object::new();
    let always = [("bubbles", true.into()), ("cancelable", true.into())];
    for (k, v) in always.iter().chain(fields) {
        js_sys::Reflect::set(&init, &(*k).into(), v).unwrap();
    }
    let ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &class.into())
        .unwrap()
        .unchecked_into();
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&kind.into(), &init))
        .unwrap()
        .unchecked_into()
}

/// The element that has the focus, if any.
pub fn focused() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// A message by `author`, sent at 09:41.
pub fn bubble(id: &str, author: Author, text: &str) -> Bubble {
    Bubble {
        id: id.into(),
        author,
        text: text.into(),
        time: "09:41".into(),
    }
}

/// Bot messages numbered `ids`.
pub fn bubbles(ids: std::ops::Range<usize>) -> Vec<Bubble> {
    ids.map(|i| bubble(&i.to_string(), Author::Bot, "b"))
        .collect()
}
