//! The three inline SVG icons (decorative: buttons carry their own labels).

use yew::{html, Html};

pub const CHAT: &str =
    "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
pub const CLOSE: &str =
    "M6.4 5 5 6.4l5.6 5.6L5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";
pub const SEND: &str = "M2 21l21-9L2 3v7l15 2-15 2z";

pub fn icon(d: &'static str) -> Html {
    html! {
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d={d} /></svg>
    }
}
