//! The script-tag boot and the `window.Nudge` JavaScript API.
//!
//! `static/nudge.js` (a classic script, the tag merchants paste) loads the
//! wasm, gathers the config (URL, inline JSON or `window.NudgeSettings`) and
//! calls [`start`]; afterwards it forwards every `Nudge(command, ...args)`
//! call, including the ones queued before the wasm was ready, to
//! [`command`]. Neither ever throws into the host page.

pub mod api;

use wasm_bindgen::prelude::*;

use crate::engine;
use crate::platform::dom;
use crate::platform::storage::Store;
use crate::runtime::patterns::BrowserPatterns;
use crate::runtime::{self, app::App, app::AppProps, Boot};

/// Storage key (under the store prefix) of the last config that parsed.
const LAST_GOOD_CONFIG_KEY: &str = "config";

/// Prefix of every key Nudge writes in localStorage (versioned).
pub const STORE_PREFIX: &str = "nudge:1:";

fn text_of(options: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(options, &key.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// Boots the widget. `options`: `{ config, source, error, establishment }`
/// where `config` is the JSON text (or null when it could not be loaded),
/// `source` says where it came from and `error` why it could not be loaded.
#[wasm_bindgen]
pub fn start(options: JsValue) {
    if runtime::is_running() {
        return;
    }
    let source = text_of(&options, "source").unwrap_or_else(|| "the config".into());
    let store = Store::open(STORE_PREFIX);
    let mut errors = Vec::new();
    let mut report = |message: String, fatal: bool| {
        if fatal {
            dom::error(&message);
        } else {
            dom::warn(&message);
        }
        errors.push(message);
    };
    if let Some(error) = text_of(&options, "error") {
        report(format!("[nudge] could not load {source}: {error}"), true);
    }
    let mut patterns = BrowserPatterns::default();
    let fresh = text_of(&options, "config").and_then(|text| {
        match engine::parse_config(&text, &mut patterns) {
            Ok((config, diagnostics)) => {
                for diagnostic in &diagnostics {
                    report(format!("[nudge] {source}: {diagnostic}"), false);
                }
                // Remembered for the day the config cannot be loaded; not
                // rewritten on every page view when it has not changed.
                if store.get(LAST_GOOD_CONFIG_KEY).as_deref() != Some(text.as_str()) {
                    let _ = store.set(LAST_GOOD_CONFIG_KEY, &text);
                }
                Some((config, patterns))
            }
            Err(diagnostic) => {
                report(format!("[nudge] {source}: {diagnostic}"), true);
                None
            }
        }
    });
    let parsed = fresh.or_else(|| {
        let cached = store.get(LAST_GOOD_CONFIG_KEY)?;
        let mut patterns = BrowserPatterns::default();
        let (config, _) = engine::parse_config(&cached, &mut patterns).ok()?;
        report(
            "[nudge] using the last config that worked on this site".into(),
            false,
        );
        Some((config, patterns))
    });
    let Some((config, patterns)) = parsed else {
        dom::error("[nudge] no usable config: the widget stays hidden");
        return;
    };
    let css = crate::ui::theme::stylesheet(&runtime::theme_of(&config));
    let shadow = match dom::mount_shadow_host(&css) {
        Ok(shadow) => shadow,
        Err(error) => {
            dom::warn(&format!("[nudge] {error}"));
            return;
        }
    };
    let mobile = dom::viewport_width() < runtime::MOBILE_MAX_WIDTH;
    let initial = runtime::view::initial_state(&config, &dom::browser_language(), mobile);
    runtime::install(Boot {
        config,
        patterns: Box::new(patterns),
        store,
        establishment: text_of(&options, "establishment"),
        errors,
    });
    // The first render gets a task of its own, apart from the parsing
    // above, so that no start-up task is long (> 50 ms) on a slow machine.
    gloo_timers::callback::Timeout::new(0, move || {
        yew::Renderer::<App>::with_root_and_props(shadow.mount.clone(), AppProps { initial })
            .render();
        // The widget lives as long as the page.
        std::mem::forget(shadow);
    })
    .forget();
}

/// Runs one `Nudge(command, ...args)` call; `args` is the JS arguments list.
#[wasm_bindgen]
pub fn command(args: js_sys::Array) {
    match api::parse(&args) {
        Ok(command) => runtime::send(command),
        Err(message) => dom::warn(&format!("[nudge] {message}")),
    }
}

/// The wasm linear memory in bytes, for the benchmark (`Nudge.memoryBytes()`).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length() as f64
        })
        .unwrap_or(0.0)
}
