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
