//! Conversation starters: a list of question buttons.

use super::dom::{add, button, el, set, text};
use web_sys::Element;

/// `ul.st` labelled `label`, one button per title, in display order.
pub fn starters(items: &[String], label: &str) -> Element {
    let ul = el("ul", "st");
    set(&ul, "aria-label", label);
    for title in items {
        let li = el("li", "");
        let b = button("");
        text(&b, title);
        add(&li, &b);
        add(&ul, &li);
    }
    ul
}

/// The index of the starter whose button is `b`, if it is one.
pub fn index_of(b: &Element) -> Option<usize> {
    let li = b.parent_element()?;
    if li.parent_element()?.class_name() != "st" {
        return None;
    }
    let mut i = 0;
    let mut at = li.previous_element_sibling();
    while let Some(e) = at {
        i += 1;
        at = e.previous_element_sibling();
    }
    Some(i)
}
