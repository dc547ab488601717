//! The visitor's root: the widget's state and its view, and the visitor's
//! clicks and keys turned into runtime commands. No rule logic lives here.
//!
//! The runtime's actions reach the view through [`dispatch`], after each
//! command, with the runtime released: one render per command, however
//! many actions it made. Actions sent before the view is mounted wait.

use std::cell::RefCell;

use super::{send, Command};
use crate::engine::Input;
use crate::ui::state::{Action, WidgetState};
use crate::ui::widget::{UiEvent, WidgetView};

struct Screen {
    state: WidgetState,
    view: Option<WidgetView>,
    /// Actions dispatched before the view was mounted.
    waiting: Vec<Action>,
}

thread_local! {
    static SCREEN: RefCell<Screen> = RefCell::new(Screen {
        state: WidgetState::default(),
        view: None,
        waiting: Vec::new(),
    });
}

/// Mounts the widget in `mount` and renders `initial` with the actions
/// that waited.
pub fn mount(mount: &web_sys::Element, initial: WidgetState) {
    let view = WidgetView::mount(mount, command_for);
    SCREEN.with(|s| {
        let mut s = s.borrow_mut();
        s.state = initial;
        for action in std::mem::take(&mut s.waiting) {
            s.state.apply(action);
        }
        view.render(&s.state);
        s.view = Some(view);
    });
}

/// Applies `actions` and renders once.
pub fn dispatch(actions: Vec<Action>) {
    if actions.is_empty() {
        return;
    }
    SCREEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.view.is_none() {
            s.waiting.extend(actions);
            return;
        }
        for action in actions {
            s.state.apply(action);
        }
        if let Some(view) = &s.view {
            view.render(&s.state);
        }
    });
}

/// What the visitor did, as runtime commands.
fn command_for(event: UiEvent) {
    match event {
        UiEvent::Toggle => send(Command::Toggle),
        UiEvent::Close => send(Command::Close),
        UiEvent::Send(text) => send(Command::Input(Input::VisitorMessage { text })),
        UiEvent::Starter(index) => send(Command::Input(Input::StarterClicked { index })),
        UiEvent::PreviewOpen(message_id) => {
            send(Command::Input(Input::PreviewOpened { message_id }));
            send(Command::Open);
        }
        UiEvent::PreviewDismiss(message_id) => {
            send(Command::Input(Input::PreviewDismissed { message_id }))
        }
    }
}
