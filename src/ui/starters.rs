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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::ui::state::WidgetState;
    use crate::ui::testing::Mounted;
    use crate::ui::widget::UiEvent;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn clicking_a_starter_reports_its_index_and_the_list_is_labelled() {
        let m = Mounted::new(&WidgetState {
            open: true,
            starters: vec![
                "Opening hours?".into(),
                "Where are you?".into(),
                "Delivery?".into(),
            ],
            ..WidgetState::default()
        });
        assert_eq!(
            m.attr("ul.st", "aria-label").as_deref(),
            Some("Suggested questions")
        );
        assert_eq!(m.text(".st li:nth-child(2) button"), "Where are you?");
        m.click(".st li:nth-child(2) button");
        m.click(".st li:nth-child(3) button");
        assert_eq!(m.events(), [UiEvent::Starter(1), UiEvent::Starter(2)]);
    }
}
