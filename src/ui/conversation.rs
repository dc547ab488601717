//! The conversation: a polite live region, scrolled to the newest message.

use super::state::{Author, Bubble, Texts};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConversationProps {
    pub messages: Vec<Bubble>,
    /// Read out before agent and automatic messages.
    pub team_name: AttrValue,
    pub texts: &'static Texts,
}

#[function_component]
pub fn Conversation(props: &ConversationProps) -> Html {
    let log = use_node_ref();
    {
        let log = log.clone();
        let last = props.messages.last().map(|b| b.id.clone());
        use_effect_with((props.messages.len(), last), move |_| {
            if let Some(el) = log.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let bubble = |b: &Bubble| {
        let (class, who) = match b.author {
            Author::Visitor => ("g v", AttrValue::from(props.texts.you)),
            Author::Agent => ("g a", props.team_name.clone()),
            Author::Bot => ("g", props.team_name.clone()),
        };
        html! {
            <div key={b.id.clone()} class={class}>
                <span class="sr">{ who }{ ": " }</span>
                { b.text.clone() }
                <span class="t">{ b.time.clone() }</span>
            </div>
        }
    };
    html! {
        <div
            ref={log}
            class="c"
            role="log"
            aria-live="polite"
            aria-label={props.texts.conversation}
            tabindex="0"
        >
            { for props.messages.iter().map(bubble) }
        </div>
    }
}
