//! The team's avatar: the image if its URL is http(s), else the initials.

use super::state::{initials, safe_image_url};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AvatarProps {
    pub name: AttrValue,
    #[prop_or_default]
    pub url: Option<AttrValue>,
}

/// A plain function, not a component: no hooks, and each component
/// instantiates Yew's lifecycle machinery (~1 KB of wasm).
pub fn avatar(props: &AvatarProps) -> Html {
    match props.url.as_deref().and_then(safe_image_url) {
        Some(src) => html! { <img class="a" src={src.to_string()} alt="" /> },
        None => html! { <span class="a" aria-hidden="true">{ initials(&props.name) }</span> },
    }
}
