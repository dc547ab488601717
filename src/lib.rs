//! Nudge: a visitor chat widget that fires the right automatic message at
//! the right moment, locally in the visitor's browser.
//!
//! The crate follows the architecture of `DESIGN.md`:
//!
//! ```text
//! browser facts ─► platform ─Input─► engine ─Output─► runtime ─► ui / storage / stats
//!                      ▲                │
//!                      └─ poll_timeout ─┘   one timer, re-armed after each input
//! ```
//!
//! `engine` is pure and is tested natively on simulated time; everything that
//! touches the browser lives in `platform`, `runtime`, `ui` and `embed`.

pub mod analytics;
pub mod engine;

// The merchant console (its own wasm, never in the visitor's download).
#[cfg(feature = "console")]
pub mod console;

/// The runtime's start-up decisions that need no browser (which config runs,
/// the console summary), compiled natively for their tests; in the wasm
/// they are `runtime::choice`.
#[cfg(not(target_arch = "wasm32"))]
#[path = "runtime/choice.rs"]
pub mod choice;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
pub mod ui;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
