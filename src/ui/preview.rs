//! The proactive preview: a small bubble over the launcher.

use super::avatar::avatar;
use super::dom::{add, button, el, set, text};
use super::icons::{icon, CLOSE};
use super::state::Bubble;
use web_sys::Element;

/// `.pv`: the bubble (`.pb`, opens the chat) and its close button (`.px`).
pub fn preview(
    bubble: &Bubble,
    team_name: &str,
    avatar_url: Option<&str>,
    dismiss: &str,
) -> Element {
    let pv = el("div", "pv");
    let pb = button("pb");
    add(&pb, &avatar(team_name, avatar_url));
    let pt = el("span", "pt");
    text(&pt, &bubble.text);
    add(&pb, &pt);
    add(&pv, &pb);
    let px = button("px");
    set(&px, "aria-label", dismiss);
    icon(&px, CLOSE);
    add(&pv, &px);
    pv
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::ui::state::{Author, WidgetState};
    use crate::ui::testing::{bubble, Mounted};
    use crate::ui::widget::UiEvent;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The closed widget of "Acme Support", previewing message "m7".
    fn previewing() -> Mounted {
        Mounted::new(&WidgetState {
            team_name: "Acme Support".into(),
            preview: Some(bubble("m7", Author::Bot, "Hello!\nNeed help?")),
            ..WidgetState::default()
        })
    }

    #[wasm_bindgen_test]
    fn the_preview_shows_the_text_with_its_line_break() {
        let m = previewing();
        assert_eq!(m.text(".pt"), "Hello!\nNeed help?");
    }

    #[wasm_bindgen_test]
    fn clicking_the_preview_reports_its_id() {
        let m = previewing();
        m.click(".pb");
        assert_eq!(m.events(), [UiEvent::PreviewOpen("m7".into())]);
    }

    #[wasm_bindgen_test]
    fn the_labelled_close_button_reports_the_id_for_dismissal() {
        let m = previewing();
        assert_eq!(
            m.attr(".px", "aria-label").as_deref(),
            Some("Dismiss message")
        );
        m.click(".px");
        assert_eq!(m.events(), [UiEvent::PreviewDismiss("m7".into())]);
    }
}
