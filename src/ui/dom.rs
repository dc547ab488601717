//! The few DOM calls the views make: create an element, set an attribute,
//! add text. Text always goes in as a text node, never as HTML.

use web_sys::{Document, Element};

thread_local! {
    static DOC: Document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
}

/// A new `<tag>` with `class` (none when empty).
pub fn el(tag: &str, class: &str) -> Element {
    let e = DOC.with(|d| d.create_element(tag)).expect("an element");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new SVG element.
pub fn svg(tag: &str) -> Element {
    DOC.with(|d| d.create_element_ns(Some("http://www.w3.org/2000/svg"), tag))
        .expect("an SVG element")
}

/// Sets an attribute (names are ours and valid: it cannot fail).
pub fn set(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

/// Appends `child`.
pub fn add(parent: &Element, child: &Element) {
    let _ = parent.append_with_node_1(child);
}

/// Appends `text` as a text node.
pub fn text(parent: &Element, text: &str) {
    let _ = parent.append_with_str_1(text);
}

/// A new `<button type="button">` with `class`.
pub fn button(class: &str) -> Element {
    let b = el("button", class);
    set(&b, "type", "button");
    b
}
