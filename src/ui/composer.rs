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

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn composer(props: &ComposerProps) -> Html {
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Mounts `composer` as a component for the tests.
    #[function_component]
    fn Composer(props: &ComposerProps) -> Html {
        super::composer(props)
    }
    use crate::ui::state::{EN, FR};
    use crate::ui::testing::{recorder, Mounted};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    async fn composer(
        texts: &'static Texts,
    ) -> (
        Mounted<Composer>,
        std::rc::Rc<std::cell::RefCell<Vec<String>>>,
    ) {
        let (on_send, sent) = recorder();
        let m = Mounted::<Composer>::new(ComposerProps {
            texts,
            node_ref: NodeRef::default(),
            on_send,
        })
        .await;
        (m, sent)
    }

    fn type_in(m: &Mounted<Composer>, text: &str) -> HtmlTextAreaElement {
        let ta = m.get("textarea").unchecked_into::<HtmlTextAreaElement>();
        ta.set_value(text);
        ta
    }

    #[wasm_bindgen_test]
    async fn enter_sends_the_trimmed_text_and_clears_the_textarea() {
        let (m, sent) = composer(&EN).await;
        let ta = type_in(&m, "  Hello\nthere \n");
        assert!(
            m.key("textarea", "Enter", false).await,
            "Enter must not insert a newline"
        );
        assert_eq!(*sent.borrow(), ["Hello\nthere"]);
        assert_eq!(ta.value(), "");
    }

    #[wasm_bindgen_test]
    async fn shift_enter_does_not_send_and_keeps_the_new_line() {
        let (m, sent) = composer(&EN).await;
        let ta = type_in(&m, "Hello");
        assert!(
            !m.key("textarea", "Enter", true).await,
            "Shift+Enter keeps its default"
        );
        assert!(sent.borrow().is_empty());
        assert_eq!(ta.value(), "Hello");
    }

    #[wasm_bindgen_test]
    async fn a_whitespace_only_message_is_not_sent() {
        let (m, sent) = composer(&EN).await;
        type_in(&m, " \n\t ");
        m.key("textarea", "Enter", false).await;
        m.click("button.se").await;
        assert!(sent.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn other_keys_do_not_send() {
        let (m, sent) = composer(&EN).await;
        type_in(&m, "Hello");
        m.key("textarea", "a", false).await;
        assert!(sent.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_labelled_send_button_sends() {
        let (m, sent) = composer(&FR).await;
        assert_eq!(
            m.attr("button.se", "aria-label").as_deref(),
            Some("Envoyer")
        );
        assert_eq!(m.attr("textarea", "aria-label").as_deref(), Some("Message"));
        assert_eq!(
            m.attr("textarea", "placeholder").as_deref(),
            Some("Écrivez un message…")
        );
        type_in(&m, "Bonjour");
        m.click("button.se").await;
        assert_eq!(*sent.borrow(), ["Bonjour"]);
    }
}
