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

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn launcher(props: &LauncherProps) -> Html {
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Mounts `launcher` as a component for the tests.
    #[function_component]
    fn Launcher(props: &LauncherProps) -> Html {
        launcher(props)
    }
    use crate::ui::testing::{recorder, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn props(open: bool, unread: u32, on_click: Callback<()>) -> LauncherProps {
        LauncherProps {
            open,
            unread,
            label: "Open chat, 3 unread messages".into(),
            node_ref: NodeRef::default(),
            on_click,
        }
    }

    #[wasm_bindgen_test]
    async fn the_launcher_is_labelled_and_shows_the_unread_badge() {
        let m = Mounted::<Launcher>::new(props(false, 3, Callback::noop())).await;
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Open chat, 3 unread messages")
        );
        assert_eq!(
            m.attr("button.l", "aria-expanded").as_deref(),
            Some("false")
        );
        assert_eq!(m.text(".b"), "3");
    }

    #[wasm_bindgen_test]
    async fn no_badge_is_shown_without_unread_messages() {
        let m = Mounted::<Launcher>::new(props(false, 0, Callback::noop())).await;
        assert!(m.find(".b").is_none());
    }

    #[wasm_bindgen_test]
    async fn a_large_unread_count_is_capped_at_99_plus() {
        let m = Mounted::<Launcher>::new(props(false, 250, Callback::noop())).await;
        assert_eq!(m.text(".b"), "99+");
    }

    #[wasm_bindgen_test]
    async fn clicking_the_launcher_calls_on_click() {
        let (cb, calls) = recorder();
        let m = Mounted::<Launcher>::new(props(false, 0, cb)).await;
        m.click("button.l").await;
        assert_eq!(calls.borrow().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn an_open_launcher_says_expanded_and_hides_the_badge() {
        let m = Mounted::<Launcher>::new(props(true, 3, Callback::noop())).await;
        assert_eq!(m.attr("button.l", "aria-expanded").as_deref(), Some("true"));
        assert!(m.find(".b").is_none());
    }
}
