//! The proactive preview: a small bubble over the launcher.

use super::avatar::{avatar, AvatarProps};
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

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn preview(props: &PreviewProps) -> Html {
    let id = &props.bubble.id;
    let (i1, i2) = (id.clone(), id.clone());
    html! {
        <div class="pv">
            <button type="button" class="pb" onclick={props.on_open.reform(move |_| i1.clone())}>
                { avatar(&AvatarProps { name: props.team_name.clone(), url: props.avatar.clone() }) }
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Mounts `preview` as a component for the tests.
    #[function_component]
    fn Preview(props: &PreviewProps) -> Html {
        preview(props)
    }
    use crate::ui::state::Author;
    use crate::ui::testing::{recorder, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn props(
        avatar: Option<&str>,
        on_open: Callback<String>,
        on_dismiss: Callback<String>,
    ) -> PreviewProps {
        PreviewProps {
            bubble: Bubble {
                id: "m7".into(),
                author: Author::Bot,
                text: "Hello!\nNeed help?".into(),
                time: "14:05".into(),
            },
            team_name: "Acme Support".into(),
            avatar: avatar.map(|a| AttrValue::from(a.to_string())),
            dismiss_label: "Dismiss message".into(),
            on_open,
            on_dismiss,
        }
    }

    #[wasm_bindgen_test]
    async fn the_preview_shows_the_text_with_its_line_break() {
        let m = Mounted::<Preview>::new(props(None, Callback::noop(), Callback::noop())).await;
        assert_eq!(m.text(".pt"), "Hello!\nNeed help?");
    }

    #[wasm_bindgen_test]
    async fn clicking_the_preview_reports_its_id() {
        let (open, opened) = recorder();
        let (dismiss, dismissed) = recorder();
        let m = Mounted::<Preview>::new(props(None, open, dismiss)).await;
        m.click(".pb").await;
        assert_eq!(*opened.borrow(), ["m7"]);
        assert!(dismissed.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_labelled_close_button_reports_the_id_for_dismissal() {
        let (open, opened) = recorder();
        let (dismiss, dismissed) = recorder();
        let m = Mounted::<Preview>::new(props(None, open, dismiss)).await;
        assert_eq!(
            m.attr(".px", "aria-label").as_deref(),
            Some("Dismiss message")
        );
        m.click(".px").await;
        assert_eq!(*dismissed.borrow(), ["m7"]);
        assert!(opened.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn without_an_avatar_the_preview_shows_the_team_initials() {
        let m = Mounted::<Preview>::new(props(None, Callback::noop(), Callback::noop())).await;
        assert_eq!(m.text("span.a"), "AS");
        assert!(m.find("img").is_none());
    }

    #[wasm_bindgen_test]
    async fn an_https_avatar_is_shown_as_an_image() {
        let url = "https://cdn.example/a.png";
        let m = Mounted::<Preview>::new(props(Some(url), Callback::noop(), Callback::noop())).await;
        assert_eq!(m.attr("img.a", "src").as_deref(), Some(url));
        assert_eq!(m.attr("img.a", "alt").as_deref(), Some(""));
    }

    #[wasm_bindgen_test]
    async fn a_javascript_avatar_url_falls_back_to_initials() {
        let m = Mounted::<Preview>::new(props(
            Some("javascript:alert(1)"),
            Callback::noop(),
            Callback::noop(),
        ))
        .await;
        assert!(m.find("img").is_none());
        assert_eq!(m.text("span.a"), "AS");
    }
}
