//! The composer: Enter sends, Shift+Enter is a new line, blank text is not sent.

use super::icons::{icon, SEND};
use super::state::Texts;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub texts: &'static Texts,
    /// The textarea (the widget focuses it when the panel opens).
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// The message, without surrounding whitespace; never empty.
    pub on_send: Callback<String>,
}

#[function_component]
pub fn Composer(props: &ComposerProps) -> Html {
    let send = {
        let (input, on_send) = (props.node_ref.clone(), props.on_send.clone());
        Callback::from(move |()| {
            let Some(ta) = input.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = ta.value();
            let text = text.trim();
            if !text.is_empty() {
                on_send.emit(text.to_string());
                ta.set_value("");
            }
            let _ = ta.focus();
        })
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                e.prevent_default();
                send.emit(());
            }
        })
    };
    html! {
        <div class="f">
            <textarea
                ref={props.node_ref.clone()}
                rows="1"
                aria-label={props.texts.message}
                placeholder={props.texts.placeholder}
                {onkeydown}
            />
            <button type="button" class="se" aria-label={props.texts.send} onclick={send.reform(|_| ())}>
                { icon(SEND) }
            </button>
        </div>
    }
}
