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
use super::{app::App, app::AppProps, install, theme_of, view, Boot};
use crate::platform::dom;
use crate::platform::storage::Store;

/// What the loader hands over.
pub struct Request {
    /// The fresh config as the loader found it.
    pub fetched: Fetched,
    /// `data-establishment`.
    pub establishment: Option<String>,
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
    let choice = choice::choose_config(&request.fetched, cached.as_deref(), BrowserPatterns::default);
    for report in &choice.reports {
        if report.fatal {
            dom::error(&report.message);
        } else {
            dom::warn(&report.message);
        }
    }
    // Remembered for the day the config cannot be loaded; not rewritten on
    // every page view when it has not changed.
    if let Some(text) = &choice.remember {
        let _ = store.set(LAST_GOOD_CONFIG_KEY, text);
    }
    let errors = choice.reports.into_iter().map(|r| r.message).collect();
    let Some((config, patterns, _)) = choice.config else {
        return false;
    };
    let css = crate::ui::theme::stylesheet(&theme_of(&config));
    let shadow = match dom::mount_shadow_host(&css) {
        Ok(shadow) => shadow,
        Err(error) => {
            dom::error(&format!("[nudge] {error}"));
            return false;
        }
    };
    let mobile = dom::viewport_width() < MOBILE_MAX_WIDTH;
    let initial = view::initial_state(&config, &dom::browser_language(), mobile);
    install(Boot {
        config,
        patterns: Box::new(patterns),
        store,
        establishment: request.establishment,
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
    true
}
