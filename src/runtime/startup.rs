//! Start-up, owned by the runtime from end to end: from what the loader
//! gathered (the config text or why it could not be loaded) to a running
//! widget. It chooses the config ([`choice::choose_config`], pure), reports
//! its problems, remembers it, mounts the widget, installs the run loop and
//! schedules the first render. `embed::start` only marshals JS values into a
//! [`Request`].
//!
//! A start either runs or fails once and for all: [`Lifecycle::Failed`] is the
//! one state every later call sees (the widget stays hidden, calls are
//! ignored; the loader drops its queue with one warning).

use std::cell::Cell;

use super::choice::{self, Fetched, LAST_GOOD_CONFIG_KEY, MOBILE_MAX_WIDTH, STORE_PREFIX};
use super::patterns::BrowserPatterns;
use super::{app, install, theme_of, view, Boot};
use crate::platform::dom;
use crate::platform::guard::Guard;
use crate::platform::storage::Store;
use wasm_bindgen::{JsCast, JsValue};

/// What the loader hands over.
pub struct Request {
    /// The fresh config as the loader found it.
    pub fetched: Fetched,
    /// `data-establishment`.
    pub establishment: Option<String>,
    /// What the loader drew (None: it could not draw).
    pub shell: Option<Shell>,
    /// `Nudge('hide')` was called before the widget ran.
    pub hidden: bool,
    /// The page's door to the wasm (see `platform::guard`).
    pub guard: Guard,
}

/// The shadow root the loader drew before the wasm ran, adopted as is.
pub struct Shell {
    /// The widget's shadow root, its stylesheet installed.
    pub root: web_sys::ShadowRoot,
    /// The pre-drawn launcher's wrapper, removed in the frame the widget's
    /// own launcher appears.
    pub drawn: Option<web_sys::Element>,
    /// The theme CSS the loader used.
    pub theme: String,
    /// `restyle(css)`: replaces the loader's theme CSS.
    pub restyle: Option<js_sys::Function>,
}

/// Where the widget is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifecycle {
    /// `start` has not been called.
    NotStarted,
    /// Started: the run loop owns the widget.
    Running,
    /// No usable config, or the page refused the shadow root: hidden for good.
    Failed,
}

thread_local! {
    static LIFECYCLE: Cell<Lifecycle> = const { Cell::new(Lifecycle::NotStarted) };
}

/// Where the widget is in its life.
pub fn lifecycle() -> Lifecycle {
    LIFECYCLE.with(Cell::get)
}

/// Starts the widget; true when it runs. A second call changes nothing and
/// returns the first call's answer.
pub fn start(request: Request) -> bool {
    match lifecycle() {
        Lifecycle::NotStarted => {}
        state => return state == Lifecycle::Running,
    }
    let state = if start_now(request) {
        Lifecycle::Running
    } else {
        Lifecycle::Failed
    };
    LIFECYCLE.with(|l| l.set(state));
    state == Lifecycle::Running
}

fn start_now(request: Request) -> bool {
    let store = Store::open(STORE_PREFIX);
    let cached = store.get(LAST_GOOD_CONFIG_KEY);
    let mut choice = choice::choose_config(
        &request.fetched,
        cached.as_deref(),
        BrowserPatterns::default,
    );
    for report in &choice.reports {
        if report.fatal {
            dom::error(&report.message);
        } else {
            dom::warn(&report.message);
        }
    }
    // Remembered for the day the config cannot be loaded; not rewritten on
    // every page view when it has not changed. A site that asks for consent
    // stores nothing before it, this cache included: the runtime writes it
    // with the first state it saves, which only happens once consented.
    let consent_first = choice
        .config
        .as_ref()
        .is_some_and(|(config, _, _)| config.behaviour.consent_required);
    let mut config_to_cache = choice.remember.take();
    if !consent_first {
        if let Some(text) = config_to_cache.take() {
            let _ = store.set(LAST_GOOD_CONFIG_KEY, &text);
        }
    }
    let errors = choice.reports.into_iter().map(|r| r.message).collect();
    let Some((config, patterns, _)) = choice.config else {
        return false;
    };
    let Some(shell) = request.shell else {
        dom::error("[nudge] the widget could not be drawn (no document body, or no shadow root)");
        return false;
    };
    // The loader drew with the same rules; they can only differ when it
    // guessed before the config arrived or the config was refused.
    let theme = crate::ui::theme::theme_css(&theme_of(&config));
    if theme != shell.theme {
        if let Some(restyle) = &shell.restyle {
            let _ = restyle.call1(&JsValue::NULL, &theme.into());
        }
    }
    let Some(mount) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .filter(|mount| shell.root.append_child(mount).is_ok())
    else {
        dom::error("[nudge] the widget could not be mounted");
        return false;
    };
    let mobile = dom::viewport_width() < MOBILE_MAX_WIDTH;
    let mut initial = view::initial_state(&config, &dom::browser_language(), mobile);
    initial.visible = !request.hidden;
    let guard = request.guard;
    install(Boot {
        config,
        patterns: Box::new(patterns),
        store,
        establishment: request.establishment,
        errors,
        config_to_cache,
        guard: guard.clone(),
    });
    // The visitor's clicks and keys reach the wasm through the guard too.
    guard.root(&mount);
    // The first render gets a task of its own, apart from the parsing
    // above, so that no start-up task is long (> 50 ms) on a slow machine.
    guard.once(0, move || {
        app::mount(&mount, initial);
        take_over(&shell.root, shell.drawn, &mount);
    });
    true
}

/// The widget's first render is in the DOM: the pre-drawn launcher goes, in
/// the same task (no frame shows both, or neither), and the focus follows
/// if the visitor had put it on the pre-drawn one.
fn take_over(
    root: &web_sys::ShadowRoot,
    drawn: Option<web_sys::Element>,
    mount: &web_sys::Element,
) {
    let Some(drawn) = drawn else {
        return;
    };
    let focused = root
        .active_element()
        .is_some_and(|active| drawn.contains(Some(&active)));
    drawn.remove();
    if focused {
        if let Some(launcher) = mount
            .query_selector(".l")
            .ok()
            .flatten()
            .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = launcher.focus();
        }
    }
}
