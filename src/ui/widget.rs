//! The whole widget: launcher, proactive preview and panel.
//!
//! Fully controlled: it renders `state` and reports what the visitor did; it
//! never changes its own state (the runtime turns callbacks into actions).
//! Focus: moves into the composer when the panel opens (not on the first
//! render, so a panel restored open on page load does not steal focus), and
//! back to the launcher when it closes, unless the visitor has meanwhile put
//! the focus somewhere else on the page.

use super::launcher::{launcher, LauncherProps};
use super::panel::{panel, PanelProps};
use super::preview::{preview, PreviewProps};
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

/// The widget as a component: the merchant console's preview and the tests
/// mount it. The visitor's root calls [`use_widget`] itself, so that the
/// widget's wasm holds one component (this one cost 1.3 KB brotli: each
/// component instantiates Yew's lifecycle code and compares its props).
#[function_component]
pub fn Widget(props: &WidgetProps) -> Html {
    use_widget(props)
}

/// Renders the widget and keeps its focus and scrolling, inside the calling
/// component.
#[hook]
pub fn use_widget(props: &WidgetProps) -> Html {
    let s = &props.state;
    let launcher_ref = use_node_ref();
    let composer_ref = use_node_ref();
    let log_ref = use_node_ref();
    // Whether the panel was open at the last render (None before the first).
    let was_open = use_mut_ref(|| None::<bool>);
    {
        // One effect (each hook type is code in the wasm) for two jobs:
        // - the conversation shows its newest message when the panel opens
        //   and whenever a message is added or replaced;
        // - the focus moves when the panel opens or closes.
        let (launcher, composer, log) =
            (launcher_ref.clone(), composer_ref.clone(), log_ref.clone());
        let last = s.messages.last().map(|b| b.id.clone());
        use_effect_with((s.open, s.messages.len(), last), move |&(open, _, _)| {
            if let Some(el) = log.cast::<Element>() {
                el.set_scroll_top(el.scroll_height());
            }
            let before = was_open.borrow_mut().replace(open);
            // Not on the first render (a panel restored open on page load
            // does not steal the focus), and not for a new message.
            if before.is_none_or(|b| b == open) {
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
        preview(&PreviewProps {
            bubble: b.clone(),
            team_name: s.team_name.clone().into(),
            avatar: s.avatar.clone().map(AttrValue::from),
            dismiss_label: texts.dismiss.into(),
            on_open: props.on_preview_open.clone(),
            on_dismiss: props.on_preview_dismiss.clone(),
        })
    });
    let children = html! {
        <>
            if s.open {
                { panel(&PanelProps {
                    state: s.clone(),
                    composer_ref,
                    log_ref,
                    on_close: props.on_close.clone(),
                    on_send: props.on_send.clone(),
                    on_starter: props.on_starter.clone(),
                }) }
            }
            <div class="pw" aria-live="polite">{ preview }</div>
            { launcher(&LauncherProps {
                open: s.open,
                unread: s.unread,
                label: texts.launcher_label(s.open, s.unread).into(),
                node_ref: launcher_ref,
                on_click: props.on_toggle.clone(),
            }) }
        </>
    };
    // Literal classes only: a computed `class={..}` goes through Yew's
    // `Classes` (an IndexSet), whose code costs ~1.5 KB brotli.
    match (s.open, s.mobile) {
        (false, false) => html! { <div class="n" {onkeydown}>{ children }</div> },
        (true, false) => html! { <div class="n o" {onkeydown}>{ children }</div> },
        (false, true) => html! { <div class="n mob" {onkeydown}>{ children }</div> },
        (true, true) => html! { <div class="n o mob" {onkeydown}>{ children }</div> },
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::ui::state::{Author, Bubble, Lang, TeamStatus};
    use crate::ui::testing::{focused, recorder, Mounted};
    use std::cell::RefCell;
    use wasm_bindgen_test::wasm_bindgen_test;

    type Calls<T> = Rc<RefCell<Vec<T>>>;

    struct Spy {
        toggles: Calls<()>,
        closes: Calls<()>,
        sent: Calls<String>,
        starters: Calls<usize>,
        opened: Calls<String>,
        dismissed: Calls<String>,
    }

    fn state() -> WidgetState {
        WidgetState {
            team_name: "Acme Support".into(),
            team_status: TeamStatus::Online,
            reply_time: Some("Replies in a few minutes".into()),
            messages: vec![Bubble {
                id: "w".into(),
                author: Author::Bot,
                text: "Welcome!".into(),
                time: "10:00".into(),
            }],
            starters: vec!["Opening hours?".into(), "Delivery?".into()],
            ..WidgetState::default()
        }
    }

    fn preview() -> Option<Bubble> {
        Some(Bubble {
            id: "p1".into(),
            author: Author::Bot,
            text: "Need help?".into(),
            time: "10:01".into(),
        })
    }

    fn props(state: WidgetState) -> (WidgetProps, Spy) {
        let (on_toggle, toggles) = recorder();
        let (on_close, closes) = recorder();
        let (on_send, sent) = recorder();
        let (on_starter, starters) = recorder();
        let (on_preview_open, opened) = recorder();
        let (on_preview_dismiss, dismissed) = recorder();
        let props = WidgetProps {
            state: Rc::new(state),
            on_toggle,
            on_close,
            on_send,
            on_starter,
            on_preview_open,
            on_preview_dismiss,
        };
        (
            props,
            Spy {
                toggles,
                closes,
                sent,
                starters,
                opened,
                dismissed,
            },
        )
    }

    async fn mount(state: WidgetState) -> (Mounted<Widget>, Spy) {
        let (p, spy) = props(state);
        (Mounted::new(p).await, spy)
    }

    #[wasm_bindgen_test]
    async fn a_closed_widget_shows_only_the_labelled_launcher() {
        let (m, _) = mount(WidgetState {
            unread: 2,
            ..state()
        })
        .await;
        assert!(m.find("[role=dialog]").is_none());
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Open chat, 2 unread messages")
        );
    }

    #[wasm_bindgen_test]
    async fn clicking_the_launcher_reports_a_toggle() {
        let (m, spy) = mount(state()).await;
        m.click("button.l").await;
        assert_eq!(spy.toggles.borrow().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn the_open_panel_is_a_non_modal_dialog_labelled_with_the_team_name() {
        let (m, _) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        assert_eq!(
            m.attr("[role=dialog]", "aria-label").as_deref(),
            Some("Acme Support")
        );
        assert_eq!(
            m.attr("[role=dialog]", "aria-modal").as_deref(),
            Some("false")
        );
        assert_eq!(m.attr(".c", "aria-live").as_deref(), Some("polite"));
        assert_eq!(m.text(".s"), "Online");
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Close chat")
        );
    }

    #[wasm_bindgen_test]
    async fn every_button_of_the_open_panel_has_an_accessible_name() {
        let (m, _) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        for sel in ["button.l", "button.x", "button.se"] {
            assert!(
                m.attr(sel, "aria-label").is_some_and(|l| !l.is_empty()),
                "{sel}"
            );
        }
        assert_eq!(m.text(".st li:first-child button"), "Opening hours?");
    }

    #[wasm_bindgen_test]
    async fn escape_in_the_open_panel_reports_a_close() {
        let (m, spy) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        m.key("textarea", "Escape", false).await;
        assert_eq!(spy.closes.borrow().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn escape_on_a_closed_widget_does_nothing() {
        let (m, spy) = mount(state()).await;
        m.key("button.l", "Escape", false).await;
        assert!(spy.closes.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_header_close_button_reports_a_close() {
        let (m, spy) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        m.click("button.x").await;
        assert_eq!(spy.closes.borrow().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn the_composer_and_starters_report_through_the_widget() {
        let (m, spy) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        m.click(".st li:nth-child(2) button").await;
        m.get("textarea")
            .unchecked_into::<web_sys::HtmlTextAreaElement>()
            .set_value("Hi");
        m.key("textarea", "Enter", false).await;
        assert_eq!(*spy.starters.borrow(), [1]);
        assert_eq!(*spy.sent.borrow(), ["Hi"]);
    }

    #[wasm_bindgen_test]
    async fn the_preview_shows_while_closed_and_reports_open_and_dismiss() {
        let (m, spy) = mount(WidgetState {
            preview: preview(),
            ..state()
        })
        .await;
        assert_eq!(m.text(".pt"), "Need help?");
        assert_eq!(m.attr(".pw", "aria-live").as_deref(), Some("polite"));
        m.click(".pb").await;
        m.click(".px").await;
        assert_eq!(*spy.opened.borrow(), ["p1"]);
        assert_eq!(*spy.dismissed.borrow(), ["p1"]);
    }

    #[wasm_bindgen_test]
    async fn the_preview_is_not_shown_while_the_panel_is_open() {
        let (m, _) = mount(WidgetState {
            open: true,
            preview: preview(),
            ..state()
        })
        .await;
        assert!(m.find(".pv").is_none());
    }

    #[wasm_bindgen_test]
    async fn a_hidden_widget_renders_nothing() {
        let (m, _) = mount(WidgetState {
            visible: false,
            ..state()
        })
        .await;
        assert!(m.find("button").is_none());
    }

    #[wasm_bindgen_test]
    async fn the_interface_speaks_french() {
        let (m, _) = mount(WidgetState {
            lang: Lang::Fr,
            unread: 1,
            ..state()
        })
        .await;
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Ouvrir le chat, 1 message non lu")
        );
    }

    #[wasm_bindgen_test]
    async fn the_mobile_flag_marks_the_root_for_the_full_screen_panel() {
        let (m, _) = mount(WidgetState {
            open: true,
            mobile: true,
            ..state()
        })
        .await;
        assert!(m.find(".n.o.mob").is_some());
    }

    #[wasm_bindgen_test]
    async fn focus_moves_into_the_composer_on_open_and_back_to_the_launcher_on_close() {
        let (mut m, _) = mount(state()).await;
        let (open, _) = props(WidgetState {
            open: true,
            ..state()
        });
        m.update(open).await;
        assert_eq!(
            focused()
                .and_then(|e| e.get_attribute("aria-label"))
                .as_deref(),
            Some("Message")
        );
        let (closed, _) = props(state());
        m.update(closed).await;
        assert!(focused().is_some_and(|e| e.class_name() == "l"));
    }

    #[wasm_bindgen_test]
    async fn a_panel_restored_open_on_page_load_does_not_steal_the_focus() {
        let (m, _) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        assert!(m.find("textarea").is_some());
        assert!(focused().is_none_or(|e| e.tag_name() != "TEXTAREA"));
    }

    /// Mounts the open widget, puts the focus on an input of the host page,
    /// renders `next`, and tells whether the focus is still on that input.
    async fn focus_stays_on_the_host_page_after(next: WidgetState) -> bool {
        let doc = web_sys::window().unwrap().document().unwrap();
        let input = doc.create_element("input").unwrap();
        doc.body().unwrap().append_child(&input).unwrap();
        let (mut m, _) = mount(WidgetState {
            open: true,
            ..state()
        })
        .await;
        input.unchecked_ref::<HtmlElement>().focus().unwrap();
        let (next, _) = props(next);
        m.update(next).await;
        let still_on_input = focused().is_some_and(|e| e.is_same_node(Some(&input)));
        input.remove();
        still_on_input
    }

    #[wasm_bindgen_test]
    async fn a_new_message_in_the_open_panel_does_not_move_the_focus() {
        assert!(
            focus_stays_on_the_host_page_after(WidgetState {
                open: true,
                messages: bubbles(0..3),
                ..state()
            })
            .await
        );
    }

    #[wasm_bindgen_test]
    async fn closing_does_not_take_the_focus_from_the_host_page() {
        assert!(focus_stays_on_the_host_page_after(state()).await);
    }

    /// Bot messages numbered `ids`.
    fn bubbles(ids: std::ops::Range<usize>) -> Vec<Bubble> {
        ids.map(|i| Bubble {
            id: i.to_string(),
            author: Author::Bot,
            text: "b".into(),
            time: "10:00".into(),
        })
        .collect()
    }

    /// A stylesheet that makes the log scroll (remove it after the test).
    fn scrolling_log() -> web_sys::Element {
        let doc = web_sys::window().unwrap().document().unwrap();
        let style = doc.create_element("style").unwrap();
        style.set_text_content(Some(
            ".c{height:60px;overflow-y:auto;display:block}.g{display:block;height:40px}",
        ));
        doc.head().unwrap().append_child(&style).unwrap();
        style
    }

    /// How far the conversation is from its bottom, and how far it can scroll.
    fn distance_to_bottom(m: &Mounted<Widget>) -> (i32, i32) {
        let log = m.get(".c");
        let bottom = log.scroll_height() - log.client_height();
        (bottom - log.scroll_top(), bottom)
    }

    #[wasm_bindgen_test]
    async fn the_conversation_shows_its_newest_message_when_the_panel_opens() {
        let (messages, style) = (bubbles(0..9), scrolling_log());
        let (mut m, _) = mount(WidgetState {
            messages: messages.clone(),
            ..state()
        })
        .await;
        let (open, _) = props(WidgetState {
            messages,
            open: true,
            ..state()
        });
        m.update(open).await;
        let (left, bottom) = distance_to_bottom(&m);
        style.remove();
        assert!(bottom > 0);
        assert_eq!(left, 0);
    }

    #[wasm_bindgen_test]
    async fn the_conversation_scrolls_to_a_new_message() {
        let (mut messages, style) = (bubbles(0..1), scrolling_log());
        let (mut m, _) = mount(WidgetState {
            messages: messages.clone(),
            open: true,
            ..state()
        })
        .await;
        messages.extend(bubbles(1..9));
        let (more, _) = props(WidgetState {
            messages,
            open: true,
            ..state()
        });
        m.update(more).await;
        let (left, bottom) = distance_to_bottom(&m);
        style.remove();
        assert!(bottom > 0);
        assert_eq!(left, 0);
    }
}
