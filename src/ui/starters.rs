//! Conversation starters: a list of question buttons.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartersProps {
    pub items: Vec<String>,
    pub label: AttrValue,
    /// The index of the clicked question, in display order.
    pub on_pick: Callback<usize>,
}

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn starters(props: &StartersProps) -> Html {
    html! {
        <ul class="st" aria-label={props.label.clone()}>
            { for props.items.iter().enumerate().map(|(i, title)| html! {
                <li key={i}>
                    <button type="button" onclick={props.on_pick.reform(move |_| i)}>{ title.clone() }</button>
                </li>
            }) }
        </ul>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;

    /// Mounts `starters` as a component for the tests.
    #[function_component]
    fn Starters(props: &StartersProps) -> Html {
        starters(props)
    }
    use crate::ui::testing::{recorder, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    async fn clicking_a_starter_reports_its_index_and_the_list_is_labelled() {
        let (on_pick, picked) = recorder();
        let m = Mounted::<Starters>::new(StartersProps {
            items: vec![
                "Opening hours?".into(),
                "Where are you?".into(),
                "Delivery?".into(),
            ],
            label: "Suggested questions".into(),
            on_pick,
        })
        .await;
        assert_eq!(
            m.attr("ul.st", "aria-label").as_deref(),
            Some("Suggested questions")
        );
        assert_eq!(m.text("li:nth-child(2) button"), "Where are you?");
        m.click("li:nth-child(2) button").await;
        m.click("li:nth-child(3) button").await;
        assert_eq!(*picked.borrow(), [1, 2]);
    }
}
