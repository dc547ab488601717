//! The whole widget: launcher, proactive preview and panel.
//!
//! Fully controlled: it renders `state` and reports what the visitor did; it
//! never changes its own state (the runtime turns callbacks into actions).
//! Focus: moves into the composer when the panel opens (not on the first
//! render, so a panel restored open on page load does not steal focus), and
//! back to the launcher when it closes, unless the visitor has meanwhile put
//! the focus somewhere else on the page.

use super::launcher::Launcher;
use super::panel::Panel;
use super::preview::Preview;
use super::state::WidgetState;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub state: Rc<WidgetState>,
    /// The launcher was clicked.
    pub on_toggle: Callback<()>,
    /// The header's close button, or Esc.
    pub on_close: Callback<()>,
    /// A message to send (trimmed, never empty).
    pub on_send: Callback<String>,
    /// The index of a clicked conversation starter.
    pub on_starter: Callback<usize>,
    /// The preview bubble was clicked (its id).
    pub on_preview_open: Callback<String>,
    /// The preview's close button (its id).
    pub on_preview_dismiss: Callback<String>,
}

/// True when nothing else on the page holds the focus: it is on the body,
/// nowhere, or still inside our own shadow root.
fn focus_is_ours_or_lost(anchor: &Element) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(active) = doc.active_element() else {
        return true;
    };
    let on_body = doc.body().is_some_and(|b| active.is_same_node(Some(&b)));
    let on_host = anchor
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .is_ok_and(|root| active.is_same_node(Some(&root.host())));
    on_body || on_host
}

#[function_component]
pub fn Widget(props: &WidgetProps) -> Html {
    let s = &props.state;
    let launcher_ref = use_node_ref();
    let composer_ref = use_node_ref();
    let first_render = use_mut_ref(|| true);
    {
        let (launcher, composer) = (launcher_ref.clone(), composer_ref.clone());
        use_effect_with(s.open, move |&open| {
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            let target = if open {
                composer.cast::<HtmlElement>()
            } else {
                launcher
                    .cast::<HtmlElement>()
                    .filter(|l| focus_is_ours_or_lost(l))
            };
            if let Some(el) = target {
                let _ = el.focus();
            }
        });
    }
    if !s.visible {
        return html! {};
    }
    let texts = s.texts();
    let onkeydown = {
        let (open, on_close) = (s.open, props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| {
            if open && e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let preview = s.preview.as_ref().filter(|_| !s.open).map(|b| {
        html! {
            <Preview
                bubble={b.clone()}
                team_name={s.team_name.clone()}
                avatar={s.avatar.clone().map(AttrValue::from)}
                dismiss_label={texts.dismiss}
                on_open={props.on_preview_open.clone()}
                on_dismiss={props.on_preview_dismiss.clone()}
            />
        }
    });
    html! {
        <div class={classes!("n", s.open.then_some("o"), s.mobile.then_some("mob"))} {onkeydown}>
            if s.open {
                <Panel
                    state={s.clone()}
                    composer_ref={composer_ref}
                    on_close={props.on_close.clone()}
                    on_send={props.on_send.clone()}
                    on_starter={props.on_starter.clone()}
                />
            }
            <div class="pw" aria-live="polite">{ preview }</div>
            <Launcher
                open={s.open}
                unread={s.unread}
                label={texts.launcher_label(s.open, s.unread)}
                node_ref={launcher_ref}
                on_click={props.on_toggle.clone()}
            />
        </div>
    }
}
