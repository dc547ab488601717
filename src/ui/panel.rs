//! The chat panel (a non-modal dialog): header, conversation, starters, composer.

use super::composer::{composer, ComposerProps};
use super::conversation::{conversation, ConversationProps};
use super::header::{header, HeaderProps};
use super::starters::{starters, StartersProps};
use super::state::WidgetState;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub state: Rc<WidgetState>,
    #[prop_or_default]
    pub composer_ref: NodeRef,
    /// The conversation's scrolled element (see the widget).
    #[prop_or_default]
    pub log_ref: NodeRef,
    pub on_close: Callback<()>,
    pub on_send: Callback<String>,
    pub on_starter: Callback<usize>,
}

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn panel(props: &PanelProps) -> Html {
    let s = &props.state;
    let texts = s.texts();
    let name = AttrValue::from(s.team_name.clone());
    let avatar = s.avatar.clone().map(AttrValue::from);
    let label = if s.team_name.is_empty() {
        AttrValue::from(texts.conversation)
    } else {
        name.clone()
    };
    html! {
        <div class="p" id="nudge-panel" role="dialog" aria-modal="false" aria-label={label}>
            { header(&HeaderProps {
                name: name.clone(),
                avatar,
                status: s.team_status,
                reply_time: s.reply_time.clone().map(AttrValue::from),
                texts,
                on_close: props.on_close.clone(),
            }) }
            { conversation(&ConversationProps {
                messages: s.messages.clone(),
                team_name: name,
                texts,
                log: props.log_ref.clone(),
            }) }
            if !s.starters.is_empty() {
                { starters(&StartersProps {
                    items: s.starters.clone(),
                    label: texts.starters.into(),
                    on_pick: props.on_starter.clone(),
                }) }
            }
            { composer(&ComposerProps {
                texts,
                node_ref: props.composer_ref.clone(),
                on_send: props.on_send.clone(),
            }) }
        </div>
    }
}
