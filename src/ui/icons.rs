//! The three inline SVG icons (decorative: buttons carry their own labels).
//! The loader draws the same chat icon (static/nudge.js, generated).

use super::dom::{add, set, svg};
use web_sys::Element;

pub const CHAT: &str =
    "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
pub const CLOSE: &str =
    "M6.4 5 5 6.4l5.6 5.6L5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";
pub const SEND: &str = "M2 21l21-9L2 3v7l15 2-15 2z";

/// `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d>`,
/// appended to `parent`; returns the path (the launcher swaps its `d`).
pub fn icon(parent: &Element, d: &str) -> Element {
    let s = svg("svg");
    set(&s, "viewBox", "0 0 24 24");
    set(&s, "aria-hidden", "true");
    set(&s, "focusable", "false");
    let path = svg("path");
    set(&path, "d", d);
    add(&s, &path);
    add(parent, &s);
    path
}
