//! The round button in the bottom corner, with the unread badge. The
//! loader draws the same button before the wasm runs (static/nudge.js).

use super::dom::{add, button, el, set, text};
use super::icons::{icon, CHAT, CLOSE};
use super::state::WidgetState;
use web_sys::Element;

/// The launcher's elements, updated in place (it keeps the focus).
pub struct Launcher {
    pub button: Element,
    path: Element,
    badge: Option<Element>,
}

impl Launcher {
    pub(crate) fn new() -> Launcher {
        let b = button("l");
        set(&b, "aria-controls", "nudge-panel");
        let path = icon(&b, CHAT);
        Launcher {
            button: b,
            path,
            badge: None,
        }
    }

    /// Label, expanded state, icon and badge for `s`.
    pub fn update(&mut self, s: &WidgetState) {
        let b = &self.button;
        set(b, "aria-label", &s.texts().launcher_label(s.open, s.unread));
        set(b, "aria-expanded", if s.open { "true" } else { "false" });
        set(&self.path, "d", if s.open { CLOSE } else { CHAT });
        if let Some(badge) = self.badge.take() {
            badge.remove();
        }
        if s.unread > 0 && !s.open {
            let badge = el("span", "b");
            set(&badge, "aria-hidden", "true");
            text(&badge, &badge_text(s.unread));
            add(b, &badge);
            self.badge = Some(badge);
        }
    }
}

/// The badge's number: "99+" above 99.
pub fn badge_text(unread: u32) -> String {
    if unread > 99 {
        "99+".to_string()
    } else {
        unread.to_string()
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::ui::state::WidgetState;
    use crate::ui::testing::Mounted;
    use crate::ui::widget::UiEvent;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The widget with its launcher (no panel, no preview).
    fn launcher(open: bool, unread: u32) -> Mounted {
        Mounted::new(&WidgetState {
            open,
            unread,
            ..WidgetState::default()
        })
    }

    #[wasm_bindgen_test]
    fn the_launcher_is_labelled_and_shows_the_unread_badge() {
        let m = launcher(false, 3);
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Open chat, 3 unread messages")
        );
        assert_eq!(
            m.attr("button.l", "aria-expanded").as_deref(),
            Some("false")
        );
        assert_eq!(m.text(".b"), "3");
    }

    #[wasm_bindgen_test]
    fn no_badge_is_shown_without_unread_messages() {
        let m = launcher(false, 0);
        assert!(m.find(".b").is_none());
    }

    #[wasm_bindgen_test]
    fn a_large_unread_count_is_capped_at_99_plus() {
        let m = launcher(false, 250);
        assert_eq!(m.text(".b"), "99+");
    }

    #[wasm_bindgen_test]
    fn clicking_the_launcher_reports_a_toggle() {
        let m = launcher(false, 0);
        m.click("button.l");
        assert_eq!(m.events(), [UiEvent::Toggle]);
    }

    #[wasm_bindgen_test]
    fn an_open_launcher_says_expanded_and_hides_the_badge() {
        let m = launcher(true, 3);
        assert_eq!(m.attr("button.l", "aria-expanded").as_deref(), Some("true"));
        assert!(m.find(".b").is_none());
    }
}
