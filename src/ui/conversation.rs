//! The conversation: a polite live region. The widget scrolls it to the
//! newest message (its `log` ref), so that this stays a plain function.

use super::state::{Author, Bubble, Texts};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConversationProps {
    pub messages: Vec<Bubble>,
    /// Read out before agent and automatic messages.
    pub team_name: AttrValue,
    pub texts: &'static Texts,
    /// The scrolled element (the widget keeps it at the newest message).
    #[prop_or_default]
    pub log: NodeRef,
}

/// A plain function, not a component: each component instantiates Yew's
/// lifecycle machinery (its render runner, props and hooks: 0.3 KB brotli
/// for this one).
pub fn conversation(props: &ConversationProps) -> Html {
    let bubble = |b: &Bubble| {
        let who = match b.author {
            Author::Visitor => AttrValue::from(props.texts.you),
            _ => props.team_name.clone(),
        };
        let inner = html! {
            <>
                <span class="sr">{ who }{ ": " }</span>
                { b.text.clone() }
                <span class="t">{ b.time.clone() }</span>
            </>
        };
        let key = b.id.clone();
        // Literal classes: a computed `class={..}` brings in Yew's `Classes`.
        match b.author {
            Author::Visitor => html! { <div {key} class="g v">{ inner }</div> },
            Author::Agent => html! { <div {key} class="g ag">{ inner }</div> },
            Author::Bot => html! { <div {key} class="g">{ inner }</div> },
        }
    };
    html! {
        <div
            ref={props.log.clone()}
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Mounts `conversation` as a component for the tests.
    #[function_component]
    fn Conversation(props: &ConversationProps) -> Html {
        conversation(props)
    }
    use crate::ui::state::EN;
    use crate::ui::testing::Mounted;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn bubble(id: &str, author: Author, text: &str) -> Bubble {
        Bubble {
            id: id.into(),
            author,
            text: text.into(),
            time: "09:41".into(),
        }
    }

    fn props(messages: Vec<Bubble>) -> ConversationProps {
        ConversationProps {
            messages,
            team_name: "Acme".into(),
            texts: &EN,
            log: NodeRef::default(),
        }
    }

    #[wasm_bindgen_test]
    async fn the_conversation_is_a_labelled_polite_live_region() {
        let m = Mounted::<Conversation>::new(props(vec![])).await;
        assert_eq!(m.attr(".c", "aria-live").as_deref(), Some("polite"));
        assert_eq!(m.attr(".c", "role").as_deref(), Some("log"));
        assert_eq!(m.attr(".c", "aria-label").as_deref(), Some("Conversation"));
    }

    #[wasm_bindgen_test]
    async fn bubbles_show_text_time_and_author() {
        let m = Mounted::<Conversation>::new(props(vec![
            bubble("1", Author::Bot, "Welcome"),
            bubble("2", Author::Visitor, "Hi\nthere"),
            bubble("3", Author::Agent, "Hello"),
        ]))
        .await;
        assert_eq!(m.text(".g:nth-child(1)"), "Acme: Welcome09:41");
        assert_eq!(m.text(".g.v"), "You: Hi\nthere09:41");
        assert_eq!(m.text(".g.ag .sr"), "Acme: ");
        assert_eq!(m.text(".g.ag .t"), "09:41");
    }

    #[wasm_bindgen_test]
    async fn markup_in_a_message_is_shown_as_text() {
        let evil = "<img src=x onerror=alert(1)><b>bold</b>";
        let m = Mounted::<Conversation>::new(props(vec![bubble("1", Author::Visitor, evil)])).await;
        assert!(m.find("img").is_none());
        assert!(m.find("b").is_none());
        assert!(m.text(".g").contains(evil));
    }
}
