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
    pub fn new() -> Launcher {
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
