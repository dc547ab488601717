//! The script-tag boot and the `window.Nudge` JavaScript API.
//!
//! `static/nudge.js` (a classic script, the tag merchants paste) loads the
//! wasm, gathers the config (URL, inline JSON or `window.NudgeSettings`) and
//! calls [`start`]; afterwards it forwards every `Nudge(command, ...args)`
//! call, including the ones queued before the wasm was ready, to
//! [`command`]. Neither ever throws into the host page.
//!
//! This module only marshals JS values into Rust ones: the runtime owns the
//! whole start-up (`runtime::startup`: config choice, mount, first render).

mod allocator;
pub mod api;

use wasm_bindgen::prelude::*;

use crate::platform::dom;
use crate::runtime;
use crate::runtime::choice::Fetched;
use crate::runtime::startup::{self, Lifecycle, Request, Shell};

fn text_of(options: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(options, &key.into())
        .ok()
        .and_then(|v| v.as_string())
}

fn value_of(options: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Boots the widget; true when it runs (false: no usable config, said on
/// the console). `options`: `{ config, source, error, establishment, root,
/// drawn, theme, restyle, hidden }` where `config` is the JSON text (absent
/// when it could not be loaded), `source` says where it came from and
/// `error` why it could not be loaded; `root` is the shadow root the loader
/// drew, `drawn` its pre-drawn launcher, `theme` the theme CSS it used,
/// `restyle(css)` replaces that CSS, `hidden` says `Nudge('hide')` was called,
/// `guard` is the page's door to the wasm (`platform::guard`), through which
/// the loader calls `start` and [`command`].
#[wasm_bindgen]
pub fn start(options: JsValue) -> bool {
    use wasm_bindgen::JsCast;
    let guard = value_of(&options, "guard");
    if !guard.is_object() {
        dom::error("[nudge] nudge.js and the widget do not match (no guard); reload the page");
        return false;
    }
    let shell = value_of(&options, "root")
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .map(|root| Shell {
            root,
            drawn: value_of(&options, "drawn").dyn_into().ok(),
            theme: text_of(&options, "theme").unwrap_or_default(),
            restyle: value_of(&options, "restyle").dyn_into().ok(),
        });
    startup::start(Request {
        fetched: Fetched {
            source: text_of(&options, "source").unwrap_or_default(),
            text: text_of(&options, "config"),
            error: text_of(&options, "error"),
        },
        establishment: text_of(&options, "establishment"),
        shell,
        hidden: value_of(&options, "hidden").is_truthy(),
        guard: guard.unchecked_into(),
    })
}

/// Runs one `Nudge(command, ...args)` call; `args` is the JS arguments list.
#[wasm_bindgen]
pub fn command(args: js_sys::Array) {
    // After a failed start every call is ignored (the loader has warned).
    if startup::lifecycle() != Lifecycle::Running {
        return;
    }
    match api::parse(&args) {
        Ok(command) => runtime::send(command),
        Err(message) => dom::warn(&format!("[nudge] {message}")),
    }
}
