//! The round button in the bottom corner, with the unread badge.

use super::icons::{icon, CHAT, CLOSE};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LauncherProps {
    pub open: bool,
    pub unread: u32,
    /// The accessible name, e.g. "Open chat, 2 unread messages".
    pub label: AttrValue,
    #[prop_or_default]
    pub node_ref: NodeRef,
    pub on_click: Callback<()>,
}

#[function_component]
pub fn Launcher(props: &LauncherProps) -> Html {
    let badge = (props.unread > 0 && !props.open).then(|| {
        let n = if props.unread > 99 {
            "99+".to_string()
        } else {
            props.unread.to_string()
        };
        html! { <span class="b" aria-hidden="true">{ n }</span> }
    });
    html! {
        <button
            ref={props.node_ref.clone()}
            type="button"
            class="l"
            aria-label={props.label.clone()}
            aria-expanded={if props.open { "true" } else { "false" }}
            aria-controls="nudge-panel"
            onclick={props.on_click.reform(|_| ())}
        >
            { icon(if props.open { CLOSE } else { CHAT }) }
            { badge }
        </button>
    }
}
