//! The Yew interface: functions that render a [`WidgetState`] and report
//! what the visitor did through `on*` callbacks carrying plain data. Only
//! the piece with hooks ([`widget::use_widget`]: focus, scrolling) keeps
//! state, called by the visitor's root and mounted as [`widget::Widget`] by
//! the console; the leaves are plain `fn(&Props) -> Html` (each component
//! instantiates Yew's lifecycle code), mounted through a wrapper in tests.
//!
//! - [`state`]: the view types, the interface texts (English, French) and the
//!   [`Action`] reducer — pure, tested natively.
//! - [`theme`]: the stylesheet (installed by the platform code into the
//!   shadow root through `adoptedStyleSheets`; no inline styles anywhere).
//! - [`widget::Widget`] composes [`launcher`], [`preview`] and [`panel`]
//!   ([`header`], [`conversation`], [`starters`], [`composer`]).
//!
//! This module does not depend on `engine`: the runtime maps engine outputs
//! to [`Action`]s and callbacks to engine inputs.

pub mod avatar;
pub mod composer;
pub mod conversation;
pub mod header;
pub mod icons;
pub mod launcher;
pub mod panel;
pub mod preview;
pub mod starters;
pub mod state;
pub mod theme;
pub mod widget;

pub use state::{Action, Author, Bubble, Lang, Side, TeamStatus, Texts, WidgetState};
pub use theme::{stylesheet, Theme};
pub use widget::{Widget, WidgetProps};

#[cfg(all(test, target_arch = "wasm32"))]
mod testing;
