//! The proactive preview: a small bubble over the launcher.

use super::avatar::Avatar;
use super::icons::{icon, CLOSE};
use super::state::Bubble;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    pub bubble: Bubble,
    pub team_name: AttrValue,
    #[prop_or_default]
    pub avatar: Option<AttrValue>,
    pub dismiss_label: AttrValue,
    /// Clicking the bubble: carries the bubble's id.
    pub on_open: Callback<String>,
    /// The close button: carries the bubble's id.
    pub on_dismiss: Callback<String>,
}

#[function_component]
pub fn Preview(props: &PreviewProps) -> Html {
    let id = &props.bubble.id;
    let (i1, i2) = (id.clone(), id.clone());
    html! {
        <div class="pv">
            <button type="button" class="pb" onclick={props.on_open.reform(move |_| i1.clone())}>
                <Avatar name={props.team_name.clone()} url={props.avatar.clone()} />
                <span class="pt">{ props.bubble.text.clone() }</span>
            </button>
            <button
                type="button"
                class="px"
                aria-label={props.dismiss_label.clone()}
                onclick={props.on_dismiss.reform(move |_| i2.clone())}
            >
                { icon(CLOSE) }
            </button>
        </div>
    }
}
