//! The merchant console: write, preview, simulate and publish a site's
//! automatic messages, in the browser, with no server (issue 10).
//!
//! Its own wasm (`console/index.html`, built with
//! `--no-default-features --features console` into `dist/console/`): none of
//! this is in what a visitor downloads.
//!
//! What lives here:
//! - pure logic, tested natively: [`doc`] (the draft's JSON tree and paths),
//!   [`locate`] (path → line/column), [`check`] (the engine's validation),
//!   [`problems_fr`] (its messages in French),
//!   [`state`] (the reducer), [`templates`], [`simulate`] (journeys on the
//!   real engine), [`resume`] (statistics NDJSON), [`publish`] (the script
//!   tags), [`i18n`] (French and English);
//! - the views (Yew components) in [`views`], and [`preview`], which runs
//!   the engine on the draft and renders the widget's own [`crate::ui`]
//!   components;
//! - [`browser`]: the few browser calls (storage, files, clipboard, fetch).
//!
//! What it may import: `crate::engine` (validation, simulation, preset
//! texts, placeholder rendering — never a second copy of a rule), `crate::ui`
//! (the widget's components and texts, for the preview), and in the browser
//! `crate::runtime::view` / `crate::runtime::patterns` / `crate::platform::dom`
//! (the widget's own start-up state, regular expressions and shadow root).
//! Nothing outside this folder imports it.

pub mod check;
pub mod doc;
pub mod i18n;
pub mod locate;
pub mod problems_fr;
pub mod publish;
pub mod resume;
pub mod simulate;
pub mod state;
pub mod templates;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod preview;
#[cfg(target_arch = "wasm32")]
pub mod views;

/// The console's entry point, called when its wasm module is instantiated.
/// Not compiled in tests (they mount components themselves) nor next to the
/// widget (the widget's wasm never has a start function).
#[cfg(all(target_arch = "wasm32", not(test), not(feature = "widget")))]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    views::app::mount();
}
