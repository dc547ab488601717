//! The Yew root: holds the widget's reducer state, hands its dispatcher to
//! the runtime once mounted, and turns the visitor's clicks and keys into
//! runtime commands. No rule logic lives here.

use std::rc::Rc;

use yew::prelude::*;

use super::{send, Command};
use crate::engine::Input;
use crate::ui::state::WidgetState;
use crate::ui::widget::{use_widget, WidgetProps};

/// What the root starts from.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The first render's state (language, header, layout from the config).
    pub initial: WidgetState,
    /// Called once, right after the first render is in the DOM.
    pub on_mounted: Callback<()>,
}

/// The root component mounted inside the shadow root.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial);
    {
        let dispatcher = state.dispatcher();
        let on_mounted = props.on_mounted.clone();
        use_effect_with((), move |_| {
            on_mounted.emit(());
            send(Command::Attach(dispatcher));
        });
    }
    let on_toggle = Callback::from(|()| send(Command::Toggle));
    let on_close = Callback::from(|()| send(Command::Close));
    let on_send =
        Callback::from(|text: String| send(Command::Input(Input::VisitorMessage { text })));
    let on_starter =
        Callback::from(|index: usize| send(Command::Input(Input::StarterClicked { index })));
    let on_preview_open = Callback::from(|message_id: String| {
        send(Command::Input(Input::PreviewOpened { message_id }));
        send(Command::Open);
    });
    let on_preview_dismiss = Callback::from(|message_id: String| {
        send(Command::Input(Input::PreviewDismissed { message_id }))
    });
    // The widget's hooks run in this component (see `use_widget`).
    use_widget(&WidgetProps {
        state: Rc::new((*state).clone()),
        on_toggle,
        on_close,
        on_send,
        on_starter,
        on_preview_open,
        on_preview_dismiss,
    })
}
