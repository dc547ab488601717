//! Helpers for the view's browser tests (wasm32 test builds only).

use super::state::WidgetState;
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
        event.default_prevented()
    }

    /// Sets the textarea's text as the visitor would type it: the value,
    /// then an `input` event.
    pub fn type_text(&self, text: &str) -> web_sys::HtmlTextAreaElement {
        let ta = self
            .get("textarea")
            .unchecked_into::<web_sys::HtmlTextAreaElement>();
        ta.set_value(text);
        ta.dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        ta
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// The element that has the focus, if any.
pub fn focused() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}
