//! The panel's header: avatar, team name, status, reply time, close button.

use super::avatar::{avatar, AvatarProps};
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

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn header(props: &HeaderProps) -> Html {
    // Literal classes: a computed `class={..}` brings in Yew's `Classes`.
    let dot = match props.status {
        TeamStatus::Online => html! { <span class="d" aria-hidden="true"></span> },
        TeamStatus::Busy => html! { <span class="d busy" aria-hidden="true"></span> },
        TeamStatus::Offline => html! { <span class="d off" aria-hidden="true"></span> },
    };
    html! {
        <div class="h">
            { avatar(&AvatarProps { name: props.name.clone(), url: props.avatar.clone() }) }
            <div class="hi">
                <h2>{ props.name.clone() }</h2>
                <p class="s">{ dot }{ props.texts.status(props.status) }</p>
                if let Some(reply) = &props.reply_time {
                    <p class="s">{ props.texts.reply_line(reply) }</p>
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Mounts `header` as a component for the tests.
    #[function_component]
    fn Header(props: &HeaderProps) -> Html {
        header(props)
    }
    use crate::ui::state::FR;
    use crate::ui::testing::{recorder, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn props(status: TeamStatus, on_close: Callback<()>) -> HeaderProps {
        HeaderProps {
            name: "Acme".into(),
            avatar: None,
            status,
            reply_time: Some("quelques minutes".into()),
            texts: &FR,
            on_close,
        }
    }

    #[wasm_bindgen_test]
    async fn the_header_shows_name_status_and_reply_time_in_french() {
        let m = Mounted::<Header>::new(props(TeamStatus::Busy, Callback::noop())).await;
        assert_eq!(m.text("h2"), "Acme");
        assert_eq!(m.text(".s"), "Occupé");
        assert!(m.find(".d.busy").is_some());
        assert!(m
            .root
            .text_content()
            .unwrap()
            .contains("Répond en quelques minutes"));
    }

    #[wasm_bindgen_test]
    async fn the_labelled_close_button_calls_on_close() {
        let (on_close, closed) = recorder();
        let m = Mounted::<Header>::new(props(TeamStatus::Offline, on_close)).await;
        assert_eq!(
            m.attr("button.x", "aria-label").as_deref(),
            Some("Fermer le chat")
        );
        m.click("button.x").await;
        assert_eq!(closed.borrow().len(), 1);
    }
}
