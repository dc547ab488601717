//! The proactive preview: a small bubble over the launcher.

use super::avatar::avatar;
use super::dom::{add, button, el, set, text};
use super::icons::{icon, CLOSE};
use super::state::Bubble;
use web_sys::Element;

/// `.pv`: the bubble (`.pb`, opens the chat) and its close button (`.px`).
pub fn preview(bubble: &Bubble, team_name: &str, avatar_url: Option<&str>, dismiss: &str) -> Element {
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
