//! The panel's header: avatar, team name, status, reply time, close button.

use super::avatar::Avatar;
use super::icons::{icon, CLOSE};
use super::state::{TeamStatus, Texts};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub name: AttrValue,
    #[prop_or_default]
    pub avatar: Option<AttrValue>,
    pub status: TeamStatus,
    #[prop_or_default]
    pub reply_time: Option<AttrValue>,
    pub texts: &'static Texts,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let dot = match props.status {
        TeamStatus::Online => "d",
        TeamStatus::Busy => "d busy",
        TeamStatus::Offline => "d off",
    };
    html! {
        <div class="h">
            <Avatar name={props.name.clone()} url={props.avatar.clone()} />
            <div class="hi">
                <h2>{ props.name.clone() }</h2>
                <p class="s"><span class={dot} aria-hidden="true"></span>{ props.texts.status(props.status) }</p>
                if let Some(reply) = &props.reply_time {
                    <p class="s">{ reply.clone() }</p>
                }
            </div>
            <button
                type="button"
                class="x"
                aria-label={props.texts.close_chat}
                onclick={props.on_close.reform(|_| ())}
            >
                { icon(CLOSE) }
            </button>
        </div>
    }
}
