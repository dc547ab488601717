//! Conversation starters: a list of question buttons.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartersProps {
    pub items: Vec<String>,
    pub label: AttrValue,
    /// The index of the clicked question, in display order.
    pub on_pick: Callback<usize>,
}

#[function_component]
pub fn Starters(props: &StartersProps) -> Html {
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
