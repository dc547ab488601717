//! The visitor's interface, drawn with the DOM (web-sys): [`WidgetView`]
//! renders a [`WidgetState`] and reports what the visitor did as plain
//! [`UiEvent`]s. The console's preview mounts the same view.
//!
//! Why not Yew here: Yew's machinery (scheduler, virtual DOM, event
//! registry, hooks) weighed 31 KB brotli of the widget's 115 KB, for a
//! dozen elements, against a 100 KB budget for everything a visitor
//! downloads; drawn with the DOM, the widget weighs 80 KB (README, "Where
//! the download went").
//! The merchant console, which only the merchant loads, is written with Yew.
//!
//! - [`state`]: the view types, the interface texts (English, French) and the
//!   [`Action`] reducer — pure, tested natively.
//! - [`theme`]: the stylesheet (installed by the platform code into the
//!   shadow root through `adoptedStyleSheets`; no inline styles anywhere).
//! - [`widget`] composes [`launcher`], [`preview`] and [`panel`] ([`header`],
//!   [`conversation`], [`starters`], [`composer`]), built with [`dom`].
//!
//! This module does not depend on `engine` (but for the message length
//! limit): the runtime maps engine outputs to [`Action`]s and events to
//! engine inputs.

pub mod avatar;
pub mod composer;
pub mod conversation;
pub mod dom;
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
pub use widget::{UiEvent, WidgetView};

#[cfg(all(test, target_arch = "wasm32"))]
mod testing;
