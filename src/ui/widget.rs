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
                if let Some(ta) = e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
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
        // Literal class names (the stylesheet's `.n.o.mob`).
        self.root.set_class_name(match (s.open, s.mobile) {
            (false, false) => "n",
            (true, false) => "n o",
            (false, true) => "n mob",
            (true, true) => "n o mob",
        });
        self.launcher.update(s);
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
                let _ = self.root.insert_before(&panel.dialog, self.root.first_child().as_ref());
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
                self.panel.as_ref().map(|p| p.composer.textarea.clone().unchecked_into())
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
