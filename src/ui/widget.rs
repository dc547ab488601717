//! The whole widget: launcher, proactive preview and panel, drawn with the
//! DOM from a [`WidgetState`].
//!
//! Fully controlled: [`WidgetView::render`] shows a state and the view
//! reports what the visitor did as [`UiEvent`]s; it never changes its own
//! state (the runtime turns events into actions, the reducer in `state.rs`
//! makes the next state). Each render changes only what differs from the
//! state shown before: the launcher keeps its element (and the focus), the
//! conversation keeps the bubbles it shows, the panel is built once and
//! kept while closed (with what the visitor was typing).
//!
//! Events are delegated: one `click`, one `keydown` and one `input`
//! listener on the element the view is mounted in (the runtime routes them
//! through the guard, `platform::guard`).
//!
//! Focus: moves into the composer when the panel opens (not on the first
//! render, so a panel restored open on page load does not steal focus), and
//! back to the launcher when it closes, unless the visitor has meanwhile put
//! the focus somewhere else on the page. The conversation shows its newest
//! message when the panel opens and whenever a message is added or replaced.

use super::composer::{take_message, typed};
use super::dom::{add, el, set};
use super::launcher::Launcher;
use super::panel::Panel;
use super::preview::preview;
use super::starters::index_of;
use super::state::WidgetState;
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement, KeyboardEvent, ShadowRoot};

/// What the visitor did, as plain data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UiEvent {
    /// The launcher was clicked.
    Toggle,
    /// The header's close button, or Esc in the open panel.
    Close,
    /// A message to send (trimmed, never empty, never over the limit).
    Send(String),
    /// The index of a clicked conversation starter.
    Starter(usize),
    /// The preview bubble was clicked (its id).
    PreviewOpen(String),
    /// The preview's close button (its id).
    PreviewDismiss(String),
}

/// The widget mounted in an element; dropping it removes its listeners.
pub struct WidgetView {
    drawn: Rc<RefCell<Drawn>>,
    _listeners: [EventListener; 3],
}

struct Drawn {
    mount: Element,
    /// `.n`, in `mount` while the widget is visible.
    root: Element,
    launcher: Launcher,
    /// `.pw`, the preview's live region.
    previews: Element,
    panel: Option<Panel>,
    /// The state on screen (None before the first render).
    shown: Option<WidgetState>,
}

impl WidgetView {
    /// Mounts the widget (nothing shows before the first [`render`]);
    /// `on_event` hears what the visitor does.
    ///
    /// [`render`]: WidgetView::render
    pub fn mount(mount: &Element, on_event: impl Fn(UiEvent) + 'static) -> WidgetView {
        let root = el("div", "n");
        let previews = el("div", "pw");
        set(&previews, "aria-live", "polite");
        add(&root, &previews);
        let launcher = Launcher::new();
        add(&root, &launcher.button);
        let drawn = Rc::new(RefCell::new(Drawn {
            mount: mount.clone(),
            root,
            launcher,
            previews,
            panel: None,
            shown: None,
        }));
        let on_event = Rc::new(on_event);
        let listen = |kind: &'static str, what: fn(&Drawn, &web_sys::Event) -> Option<UiEvent>| {
            let (drawn, on_event) = (drawn.clone(), on_event.clone());
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(mount, kind, options, move |e| {
                // Released before `on_event`: the runtime renders at once.
                let event = drawn.try_borrow().ok().and_then(|d| what(&d, e));
                if let Some(event) = event {
                    on_event(event);
                }
            })
        };
        let listeners = [
            listen("click", clicked),
            listen("keydown", key_pressed),
            listen("input", |_, e| {
                if let Some(ta) = e
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
                {
                    typed(&ta);
                }
                None
            }),
        ];
        WidgetView {
            drawn,
            _listeners: listeners,
        }
    }

    /// Shows `s`.
    pub fn render(&self, s: &WidgetState) {
        self.drawn.borrow_mut().render(s);
    }
}

impl Drawn {
    fn render(&mut self, s: &WidgetState) {
        let before = self.shown.take();
        let b = before.as_ref();
        let texts = s.texts();
        // Unchanged attributes are not set again (each set is a mutation
        // record for the page's observers and, for a label, a11y work).
        if b.map(|b| (b.open, b.mobile)) != Some((s.open, s.mobile)) {
            // Literal class names (the stylesheet's `.n.o.mob`).
            self.root.set_class_name(match (s.open, s.mobile) {
                (false, false) => "n",
                (true, false) => "n o",
                (false, true) => "n mob",
                (true, true) => "n o mob",
            });
        }
        let same_texts = b.is_some_and(|b| std::ptr::eq(b.texts(), texts));
        if !(same_texts && b.is_some_and(|b| (b.open, b.unread) == (s.open, s.unread))) {
            self.launcher.update(s);
        }
        let shown_preview = |w: &WidgetState| w.preview.clone().filter(|_| !w.open);
        let preview_now = shown_preview(s);
        let same_preview = b.is_some_and(|b| {
            shown_preview(b) == preview_now
                && (preview_now.is_none()
                    || (b.team_name == s.team_name
                        && b.avatar == s.avatar
                        && std::ptr::eq(b.texts(), texts)))
        });
        if !same_preview {
            self.previews.set_text_content(None);
            if let Some(bubble) = &preview_now {
                let pv = preview(bubble, &s.team_name, s.avatar.as_deref(), texts.dismiss);
                add(&self.previews, &pv);
            }
        }
        // The panel follows the state even while closed or hidden: it is
        // up to date the moment it shows.
        let mut changed = false;
        match &mut self.panel {
            Some(panel) => changed = panel.update(b, s),
            None if s.open => self.panel = Some(Panel::new(s)),
            None => {}
        }
        let was_open = b.map(|b| b.open);
        if let Some(panel) = &self.panel {
            if s.open && was_open != Some(true) {
                let _ = self
                    .root
                    .insert_before(&panel.dialog, self.root.first_child().as_ref());
            } else if !s.open {
                panel.dialog.remove();
            }
        }
        if s.visible {
            if self.root.parent_element().is_none() {
                add(&self.mount, &self.root);
            }
        } else {
            self.root.remove();
        }
        if let Some(panel) = self.panel.as_ref().filter(|_| s.open) {
            if changed || was_open != Some(true) {
                let log = &panel.conversation.log;
                log.set_scroll_top(log.scroll_height());
            }
        }
        // Not on the first render, and only when the panel opens or closes.
        if was_open.is_some_and(|w| w != s.open) {
            let target: Option<HtmlElement> = if s.open {
                self.panel
                    .as_ref()
                    .map(|p| p.composer.textarea.clone().unchecked_into())
            } else {
                Some(self.launcher.button.clone().unchecked_into::<HtmlElement>())
                    .filter(|l| focus_is_ours_or_lost(l))
            };
            if let Some(el) = target {
                let _ = el.focus();
            }
        }
        self.shown = Some(s.clone());
    }
}

/// A click on one of our buttons.
fn clicked(d: &Drawn, e: &web_sys::Event) -> Option<UiEvent> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let button = target.closest("button").ok()??;
    let s = d.shown.as_ref()?;
    let preview_id = || s.preview.as_ref().map(|p| p.id.clone());
    Some(match button.class_name().as_str() {
        "l" => UiEvent::Toggle,
        "x" => UiEvent::Close,
        "se" => UiEvent::Send(take_message(&d.panel.as_ref()?.composer.textarea)?),
        "pb" => UiEvent::PreviewOpen(preview_id()?),
        "px" => UiEvent::PreviewDismiss(preview_id()?),
        _ => UiEvent::Starter(index_of(&button)?),
    })
}

/// Esc closes the open panel; Enter in the composer sends (Shift+Enter is a
/// new line, and a key that ends an IME composition does nothing).
fn key_pressed(d: &Drawn, e: &web_sys::Event) -> Option<UiEvent> {
    let k = e.dyn_ref::<KeyboardEvent>()?;
    let open = d.shown.as_ref()?.open;
    match k.key().as_str() {
        "Escape" if open => {
            k.stop_propagation();
            Some(UiEvent::Close)
        }
        "Enter" if !k.shift_key() && !k.is_composing() => {
            let ta = e.target()?.dyn_into::<HtmlTextAreaElement>().ok()?;
            k.prevent_default();
            Some(UiEvent::Send(take_message(&ta)?))
        }
        _ => None,
    }
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::ui::state::{Author, Bubble, Lang, TeamStatus};
    use crate::ui::testing::{bubble, bubbles, focused, Mounted};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn state() -> WidgetState {
        WidgetState {
            team_name: "Acme Support".into(),
            team_status: TeamStatus::Online,
            reply_time: Some("Replies in a few minutes".into()),
            messages: vec![bubble("w", Author::Bot, "Welcome!")],
            starters: vec!["Opening hours?".into(), "Delivery?".into()],
            ..WidgetState::default()
        }
    }

    fn open() -> WidgetState {
        WidgetState {
            open: true,
            ..state()
        }
    }

    fn preview() -> Option<Bubble> {
        Some(bubble("p1", Author::Bot, "Need help?"))
    }

    #[wasm_bindgen_test]
    fn a_closed_widget_shows_only_the_labelled_launcher() {
        let m = Mounted::new(&WidgetState {
            unread: 2,
            ..state()
        });
        assert!(m.find("[role=dialog]").is_none());
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Open chat, 2 unread messages")
        );
    }

    #[wasm_bindgen_test]
    fn clicking_the_launcher_reports_a_toggle_and_leaves_opening_to_the_state() {
        let m = Mounted::new(&state());
        m.click("button.l");
        assert_eq!(m.events(), [UiEvent::Toggle]);
        assert!(m.find("[role=dialog]").is_none());
        m.update(&open());
        assert!(m.find("[role=dialog]").is_some());
    }

    #[wasm_bindgen_test]
    fn the_open_panel_is_a_non_modal_dialog_labelled_with_the_team_name() {
        let m = Mounted::new(&open());
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
    fn every_button_of_the_open_panel_has_an_accessible_name() {
        let m = Mounted::new(&open());
        for sel in ["button.l", "button.x", "button.se"] {
            assert!(
                m.attr(sel, "aria-label").is_some_and(|l| !l.is_empty()),
                "{sel}"
            );
        }
        assert_eq!(m.text(".st li:first-child button"), "Opening hours?");
    }

    #[wasm_bindgen_test]
    fn escape_in_the_open_panel_reports_a_close() {
        let m = Mounted::new(&open());
        m.key("textarea", "Escape", false);
        assert_eq!(m.events(), [UiEvent::Close]);
    }

    #[wasm_bindgen_test]
    fn escape_on_a_closed_widget_does_nothing() {
        let m = Mounted::new(&state());
        m.key("button.l", "Escape", false);
        assert!(m.events().is_empty());
    }

    #[wasm_bindgen_test]
    fn the_header_close_button_reports_a_close() {
        let m = Mounted::new(&open());
        m.click("button.x");
        assert_eq!(m.events(), [UiEvent::Close]);
    }

    #[wasm_bindgen_test]
    fn the_composer_and_starters_report_through_the_widget() {
        let m = Mounted::new(&open());
        m.click(".st li:nth-child(2) button");
        m.type_text("Hi");
        m.key("textarea", "Enter", false);
        assert_eq!(
            m.events(),
            [UiEvent::Starter(1), UiEvent::Send("Hi".into())]
        );
    }

    #[wasm_bindgen_test]
    fn the_preview_shows_while_closed_and_reports_open_and_dismiss() {
        let m = Mounted::new(&WidgetState {
            preview: preview(),
            ..state()
        });
        assert_eq!(m.text(".pt"), "Need help?");
        assert_eq!(m.attr(".pw", "aria-live").as_deref(), Some("polite"));
        m.click(".pb");
        m.click(".px");
        assert_eq!(
            m.events(),
            [
                UiEvent::PreviewOpen("p1".into()),
                UiEvent::PreviewDismiss("p1".into())
            ]
        );
    }

    #[wasm_bindgen_test]
    fn the_preview_is_not_shown_while_the_panel_is_open() {
        let m = Mounted::new(&WidgetState {
            preview: preview(),
            ..open()
        });
        assert!(m.find(".pv").is_none());
    }

    #[wasm_bindgen_test]
    fn a_hidden_widget_renders_nothing() {
        let m = Mounted::new(&WidgetState {
            visible: false,
            ..state()
        });
        assert!(m.find(".n").is_none());
        assert!(m.find("button").is_none());
    }

    #[wasm_bindgen_test]
    fn a_widget_shown_again_shows_the_current_state() {
        let m = Mounted::new(&open());
        m.update(&WidgetState {
            visible: false,
            ..open()
        });
        assert!(m.find(".n").is_none());
        let mut messages = state().messages;
        messages.push(bubble("a", Author::Agent, "Back soon"));
        m.update(&WidgetState { messages, ..open() });
        assert_eq!(m.root.child_element_count(), 1);
        assert!(m.find(".n.o").is_some());
        assert_eq!(m.text(".c .g:nth-child(2)"), "Acme Support: Back soon09:41");
    }

    #[wasm_bindgen_test]
    fn the_interface_speaks_french() {
        let m = Mounted::new(&WidgetState {
            lang: Lang::Fr,
            unread: 1,
            ..state()
        });
        assert_eq!(
            m.attr("button.l", "aria-label").as_deref(),
            Some("Ouvrir le chat, 1 message non lu")
        );
    }

    #[wasm_bindgen_test]
    fn the_mobile_flag_marks_the_root_for_the_full_screen_panel() {
        let m = Mounted::new(&WidgetState {
            mobile: true,
            ..open()
        });
        assert!(m.find(".n.o.mob").is_some());
    }

    #[wasm_bindgen_test]
    fn a_message_being_typed_survives_closing_and_reopening_the_panel() {
        let m = Mounted::new(&open());
        m.type_text("Half a quest");
        m.update(&state());
        assert!(m.find("textarea").is_none(), "the panel is closed");
        m.update(&open());
        assert_eq!(
            m.get("textarea")
                .unchecked_into::<HtmlTextAreaElement>()
                .value(),
            "Half a quest"
        );
    }

    #[wasm_bindgen_test]
    fn focus_moves_into_the_composer_on_open_and_back_to_the_launcher_on_close() {
        let m = Mounted::new(&state());
        m.update(&open());
        assert_eq!(
            focused()
                .and_then(|e| e.get_attribute("aria-label"))
                .as_deref(),
            Some("Message")
        );
        m.update(&state());
        assert!(focused().is_some_and(|e| e.class_name() == "l"));
    }

    #[wasm_bindgen_test]
    fn a_panel_restored_open_on_page_load_does_not_steal_the_focus() {
        let m = Mounted::new(&open());
        assert!(m.find("textarea").is_some());
        assert!(focused().is_none_or(|e| e.tag_name() != "TEXTAREA"));
    }

    /// Mounts the open widget, puts the focus on an input of the host page,
    /// renders `next`, and tells whether the focus is still on that input.
    fn focus_stays_on_the_host_page_after(next: WidgetState) -> bool {
        let doc = web_sys::window().unwrap().document().unwrap();
        let input = doc.create_element("input").unwrap();
        doc.body().unwrap().append_child(&input).unwrap();
        let m = Mounted::new(&open());
        input.unchecked_ref::<HtmlElement>().focus().unwrap();
        m.update(&next);
        let still_on_input = focused().is_some_and(|e| e.is_same_node(Some(&input)));
        input.remove();
        still_on_input
    }

    #[wasm_bindgen_test]
    fn a_new_message_in_the_open_panel_does_not_move_the_focus() {
        assert!(focus_stays_on_the_host_page_after(WidgetState {
            messages: bubbles(0..3),
            ..open()
        }));
    }

    #[wasm_bindgen_test]
    fn closing_does_not_take_the_focus_from_the_host_page() {
        assert!(focus_stays_on_the_host_page_after(state()));
    }

    /// A stylesheet that makes the log scroll (remove it after the test).
    fn scrolling_log() -> Element {
        let doc = web_sys::window().unwrap().document().unwrap();
        let style = doc.create_element("style").unwrap();
        style.set_text_content(Some(
            ".c{height:60px;overflow-y:auto;display:block}.g{display:block;height:40px}",
        ));
        doc.body().unwrap().append_child(&style).unwrap();
        style
    }

    /// How far the conversation is from its bottom, and how far it can scroll.
    fn distance_to_bottom(m: &Mounted) -> (i32, i32) {
        let log = m.get(".c");
        let bottom = log.scroll_height() - log.client_height();
        (bottom - log.scroll_top(), bottom)
    }

    #[wasm_bindgen_test]
    fn the_conversation_shows_its_newest_message_when_the_panel_opens() {
        let (messages, style) = (bubbles(0..9), scrolling_log());
        let m = Mounted::new(&WidgetState {
            messages: messages.clone(),
            ..state()
        });
        m.update(&WidgetState { messages, ..open() });
        let (left, bottom) = distance_to_bottom(&m);
        style.remove();
        assert!(bottom > 0);
        assert_eq!(left, 0);
    }

    #[wasm_bindgen_test]
    fn the_conversation_scrolls_to_a_new_message() {
        let (mut messages, style) = (bubbles(0..1), scrolling_log());
        let m = Mounted::new(&WidgetState {
            messages: messages.clone(),
            ..open()
        });
        messages.extend(bubbles(1..9));
        m.update(&WidgetState { messages, ..open() });
        let (left, bottom) = distance_to_bottom(&m);
        style.remove();
        assert!(bottom > 0);
        assert_eq!(left, 0);
    }
}
