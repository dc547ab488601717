//! The only code that touches the browser: thin, gloo-style wrappers that
//! deal in plain values (strings, numbers, callbacks), never in engine types.
//!
//! May import `web-sys`, `js-sys`, `wasm-bindgen`, `gloo-*`; must not import
//! `engine`, `ui` or `runtime`. Every wrapper cleans up on drop and turns
//! browser failures into errors or fallbacks, never panics.

pub mod clock;
pub mod dom;
pub mod guard;
pub mod listeners;
pub mod locks;
pub mod storage;
pub mod timer;
pub mod url;
