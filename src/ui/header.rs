//! The panel's header: avatar, team name, status, reply time, close button.

use super::avatar::avatar;
use super::dom::{add, button, el, set, text};
use super::icons::{icon, CLOSE};
use super::state::{TeamStatus, WidgetState};
use web_sys::Element;

/// `.h` for `s`.
pub fn header(s: &WidgetState) -> Element {
    let texts = s.texts();
    let h = el("div", "h");
    add(&h, &avatar(&s.team_name, s.avatar.as_deref()));
    let hi = el("div", "hi");
    let name = el("h2", "");
    text(&name, &s.team_name);
    add(&hi, &name);
    let status = el("p", "s");
    let dot = el(
        "span",
        match s.team_status {
            TeamStatus::Online => "d",
            TeamStatus::Busy => "d busy",
            TeamStatus::Offline => "d off",
        },
    );
    set(&dot, "aria-hidden", "true");
    add(&status, &dot);
    text(&status, texts.status(s.team_status));
    add(&hi, &status);
    if let Some(reply) = &s.reply_time {
        let p = el("p", "s");
        text(&p, &texts.reply_line(reply));
        add(&hi, &p);
    }
    add(&h, &hi);
    let close = button("x");
    set(&close, "aria-label", texts.close_chat);
    icon(&close, CLOSE);
    add(&h, &close);
    h
}

/// What the header shows: it is redrawn only when this changes.
pub fn header_key(s: &WidgetState) -> (&str, Option<&str>, TeamStatus, Option<&str>, *const ()) {
    (
        &s.team_name,
        s.avatar.as_deref(),
        s.team_status,
        s.reply_time.as_deref(),
        s.texts() as *const _ as *const (),
    )
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use crate::ui::state::{Lang, TeamStatus, WidgetState};
    use crate::ui::testing::Mounted;
    use crate::ui::widget::UiEvent;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The open panel of team "Acme", in French.
    fn state(status: TeamStatus) -> WidgetState {
        WidgetState {
            open: true,
            lang: Lang::Fr,
            team_name: "Acme".into(),
            team_status: status,
            reply_time: Some("quelques minutes".into()),
            ..WidgetState::default()
        }
    }

    #[wasm_bindgen_test]
    fn the_header_shows_name_status_and_reply_time_in_french() {
        let m = Mounted::new(&state(TeamStatus::Busy));
        assert_eq!(m.text(".h h2"), "Acme");
        assert_eq!(m.text(".h .s"), "Occupé");
        assert!(m.find(".h .d.busy").is_some());
        assert!(m.text(".h").contains("Répond en quelques minutes"));
    }

    #[wasm_bindgen_test]
    fn the_labelled_close_button_reports_a_close() {
        let m = Mounted::new(&state(TeamStatus::Offline));
        assert_eq!(
            m.attr("button.x", "aria-label").as_deref(),
            Some("Fermer le chat")
        );
        m.click("button.x");
        assert_eq!(m.events(), [UiEvent::Close]);
    }

    #[wasm_bindgen_test]
    fn the_open_header_follows_a_new_team_status() {
        let m = Mounted::new(&state(TeamStatus::Online));
        m.update(&state(TeamStatus::Offline));
        assert_eq!(m.text(".h .s"), "Hors ligne");
        assert!(m.find(".h .d.off").is_some());
        // Replaced, not added: header, conversation, composer.
        assert_eq!(m.get("[role=dialog]").child_element_count(), 3);
    }
}
