//! The run loop: owns the engine, turns platform events into engine inputs,
//! drains the engine's outputs into the UI, storage and JS API events, and
//! re-arms the one timer after every input.
//!
//! Everything enters through [`send`], which queues the command and pumps
//! the queue unless a pump is already running: a JS callback that calls
//! `Nudge(...)` from inside an event, or a click the view reports while the
//! runtime is busy, is handled after the current command, never re-entrantly.

pub mod app;
pub mod choice;
pub mod events;
pub mod patterns;
pub mod startup;
pub mod view;

pub use view::theme_of;

use std::cell::RefCell;
use std::collections::VecDeque;

use wasm_bindgen::JsValue;

use crate::engine::{self, Engine, Input, Output};
use crate::platform::clock::{self, SiteClock, WallTime};
use crate::platform::dom;
use crate::platform::guard::Guard;
use crate::platform::listeners::{ExitIntentWatcher, ScrollWatcher, TabSync, VisibilityWatcher};
use crate::platform::storage::Store;
use crate::platform::timer::OneTimer;
use crate::platform::url::UrlWatcher;
use crate::ui::state::{Action, Author, Bubble, TeamStatus};
use events::Pending;

/// Something the runtime must do: an engine input or a UI-only command.
pub enum Command {
    /// Feed the engine.
    Input(Input),
    /// Open the panel (launcher click, preview click, JS API).
    Open,
    /// Close the panel.
    Close,
    /// Open or close.
    Toggle,
    /// Show or hide the whole widget (JS API).
    Visible(bool),
    /// The one timer fired.
    Timer,
    /// Subscribe to a JS API event.
    On(String, js_sys::Function),
    /// Unsubscribe.
    Off(String, Option<js_sys::Function>),
    /// Demo only: make time run N times faster (1 = real time).
    TimeScale(u64),
    /// Write the persisted state now (end of the task, or the page hides).
    Save,
}

/// Storage key (under the store's prefix) of the persisted engine state.
pub const STATE_KEY: &str = "state";

/// The live widget.
pub struct Runtime {
    engine: Engine,
    store: Store,
    clock: SiteClock,
    timer: OneTimer,
    /// Actions for the view, rendered once the command is handled
    /// ([`app::dispatch`]).
    buffered: Vec<Action>,
    /// The page's door to the wasm; it also keeps the JS API subscribers.
    guard: Guard,
    /// The persisted state the engine last emitted, not written yet: one
    /// write per task at most, at its end ([`Command::Save`] in a
    /// microtask), never inside the host's call (`pushState`).
    unsaved: Option<String>,
    /// `send(Command::Save)`, as a JS function for [`Guard::soon`].
    save_soon: JsValue,
    open: bool,
    mobile: bool,
    watchers: Watchers,
    time: TimeBase,
    errors: Vec<String>,
    /// See [`Boot::config_to_cache`].
    config_to_cache: Option<String>,
    /// Start-up events owed to late subscribers, delivered by [`pump`].
    catch_up: Vec<(js_sys::Function, JsValue)>,
    /// The first page view has been handled (`ready` was sent).
    started: bool,
    /// Statistics destinations and the inbox, when the config has them.
    analytics: Option<crate::analytics::Analytics>,
}

/// Maps real time (`Date.now()`) to the widget's time, which runs faster in
/// the demo's ×10 / ×60 modes and equals real time otherwise.
#[derive(Clone, Copy)]
struct TimeBase {
    real_origin: u64,
    origin: u64,
    scale: u64,
}

impl TimeBase {
    fn now(&self) -> u64 {
        let real = clock::now_ms();
        self.origin + real.saturating_sub(self.real_origin) * self.scale
    }

    fn real_at(&self, at: u64) -> u64 {
        self.real_origin + at.saturating_sub(self.origin) / self.scale
    }

    fn rescaled(&self, scale: u64) -> TimeBase {
        TimeBase {
            real_origin: clock::now_ms(),
            origin: self.now(),
            scale: scale.clamp(1, 600),
        }
    }
}

/// The platform watchers; dropping them unsubscribes from the page.
#[derive(Default)]
struct Watchers {
    _url: Option<UrlWatcher>,
    _visibility: Option<VisibilityWatcher>,
    _scroll: Option<ScrollWatcher>,
    _exit: Option<ExitIntentWatcher>,
    _tabs: Option<TabSync>,
}

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
    static QUEUE: RefCell<VecDeque<Command>> = const { RefCell::new(VecDeque::new()) };
    static PUMPING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Queues a command and handles it (now, or right after the current one;
/// commands sent before [`install`] has finished wait for it).
pub fn send(command: Command) {
    QUEUE.with(|q| q.borrow_mut().push_back(command));
    pump();
}

/// Handles the queued commands unless a pump is already running or the
/// runtime is not installed yet.
fn pump() {
    // PUMPING first: a page callback that the runtime calls while it holds
    // itself (a tag manager's `dataLayer.push` calling `Nudge()`) must not
    // borrow it again (a panic, i.e. a trap).
    if PUMPING.with(|p| p.get()) || !is_running() {
        return;
    }
    PUMPING.with(|p| p.set(true));
    loop {
        let Some(command) = QUEUE.with(|q| q.borrow_mut().pop_front()) else {
            break;
        };
        let (pending, catch_up, actions) = RUNTIME.with(|cell| match cell.borrow_mut().as_mut() {
            Some(runtime) => {
                let pending = runtime.handle(command);
                let actions = std::mem::take(&mut runtime.buffered);
                (pending, std::mem::take(&mut runtime.catch_up), actions)
            }
            None => (Vec::new(), Vec::new(), Vec::new()),
        });
        // The view renders with the runtime released.
        app::dispatch(actions);
        for (callback, detail) in catch_up {
            events::deliver(vec![callback], &detail);
        }
        // Subscribers run with the runtime released: they may call Nudge().
        let guard = RUNTIME.with(|cell| cell.borrow().as_ref().map(|r| r.guard.clone()));
        for event in pending {
            if let Some(guard) = &guard {
                guard.emit(event.name, &event.detail);
            }
        }
    }
    PUMPING.with(|p| p.set(false));
}

/// True once [`install`] has run.
pub fn is_running() -> bool {
    RUNTIME.with(|cell| cell.borrow().is_some())
}

/// What the embed hands over to start the widget.
pub struct Boot {
    /// The validated config.
    pub config: engine::Config,
    /// The config's regular expressions, compiled by the browser.
    pub patterns: Box<dyn crate::engine::Patterns>,
    /// Where the page's data is stored.
    pub store: Store,
    /// The establishment selected for this page (`data-establishment`).
    pub establishment: Option<String>,
    /// Problems found while loading the config, for `error` subscribers.
    pub errors: Vec<String>,
    /// The last good config, not stored yet because the site asks for
    /// consent first: written with the first saved state.
    pub config_to_cache: Option<String>,
    /// The page's door to the wasm (see `platform::guard`).
    pub guard: Guard,
}

/// Creates the runtime, sends the first page view and starts watching the
/// page, in two tasks of their own after the current one: a site clock in a
/// named zone, in a browser without `Temporal`, makes the page's first
/// `Intl.DateTimeFormat`, which costs tens of milliseconds (ICU data), so it
/// must not share a task with the launcher's first render (no long task).
/// Commands sent meanwhile (the visitor's clicks, the JS API queue) wait in
/// the queue.
pub fn install(boot: Boot) {
    let guard = boot.guard.clone();
    guard.once(0, move || {
        let clock = SiteClock::new(&boot.config.site.time_zone);
        let guard = boot.guard.clone();
        guard.once(0, move || install_now(boot, clock));
    });
}

/// Four random base-36 characters naming this page load in message ids:
/// two tabs writing at the same moment never share an id.
fn tab_tag() -> String {
    let mut n = (js_sys::Math::random() * 1_679_616.0) as u32; // 36^4
    let mut tag = String::new();
    for _ in 0..4 {
        tag.push(char::from_digit(n % 36, 36).unwrap_or('0'));
        n /= 36;
    }
    tag
}

fn install_now(boot: Boot, clock: SiteClock) {
    let saved = boot.store.get(STATE_KEY);
    let tabs_key = boot.store.key(STATE_KEY);
    let time = TimeBase {
        real_origin: clock::now_ms(),
        origin: clock::now_ms(),
        scale: 1,
    };
    let now = time.now();
    let wall = wall_clock(&clock, now);
    let analytics = crate::analytics::Analytics::new(&boot.config, &boot.store.key(""));
    let guard = boot.guard;
    crate::platform::locks::start_census(&guard, &boot.store.key("tabs"));
    let save_soon = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| send(Command::Save));
    let runtime = Runtime {
        // Ids tagged per page load, and once-messages claimed across tabs
        // with Web Locks (engine module doc, platform/locks.rs).
        engine: Engine::new(boot.config, saved.as_deref(), boot.patterns)
            .with_tab(&tab_tag())
            .with_claims(true),
        store: boot.store,
        clock,
        timer: OneTimer::new(&guard, || send(Command::Timer)),
        buffered: Vec::new(),
        guard: guard.clone(),
        unsaved: None,
        save_soon: save_soon.into_js_value(),
        open: false,
        mobile: dom::viewport_width() < MOBILE_MAX_WIDTH,
        watchers: Watchers::default(),
        time,
        errors: boot.errors,
        config_to_cache: boot.config_to_cache,
        catch_up: Vec::new(),
        started: false,
        analytics,
    };
    // A saved state that could not be used (unreadable, or from a newer
    // version) is said once, like the config's problems.
    for d in runtime.engine.diagnostics() {
        dom::warn(&format!("[nudge] {d}"));
    }
    if let Some(problem) = runtime
        .engine
        .config()
        .establishment_problem(boot.establishment.as_deref())
    {
        dom::warn(&format!("[nudge] {problem}"));
    }
    let page = engine::PageInfo {
        url: crate::platform::url::current_url(),
        title: dom::title(),
        referrer: dom::referrer(),
        language: dom::browser_language(),
        viewport_width: dom::viewport_width(),
        establishment: boot.establishment,
    };
    // The commands that waited, in order, except that subscriptions and
    // show/hide go first: a `Nudge('on', …)` queued before the tag or made
    // in the page's `load` handler hears the `message` and `stats` events of
    // a message fired by the first page view, which comes right after them;
    // and a message fired by it while `Nudge('hide')` waits is not counted
    // `shown` before it is displayed.
    QUEUE.with(|q| {
        let mut queue = q.borrow_mut();
        // Not `drain(..)`/`partition`: their code costs ~1 KB of wasm here.
        let waiting = std::mem::take(&mut *queue);
        let mut others = Vec::new();
        for command in waiting {
            if matches!(
                command,
                Command::On(..) | Command::Off(..) | Command::Visible(..)
            ) {
                queue.push_back(command);
            } else {
                others.push(command);
            }
        }
        queue.push_back(Command::Input(Input::PageView { page, wall }));
        if dom::page_hidden() {
            queue.push_back(Command::Input(Input::Visibility { visible: false }));
        }
        queue.extend(others);
    });
    RUNTIME.with(|cell| *cell.borrow_mut() = Some(runtime));
    let watchers = Watchers {
        _url: UrlWatcher::new(&guard, |url| {
            let title = dom::title();
            send(Command::Input(Input::UrlChanged { url, title }))
        }),
        // Leaving the page (`pagehide`) writes what waits, if anything.
        _visibility: VisibilityWatcher::new(
            &guard,
            |visible| send(Command::Input(Input::Visibility { visible })),
            || send(Command::Save),
        ),
        _scroll: ScrollWatcher::new(&guard, |percent| {
            send(Command::Input(Input::Scroll { percent }))
        }),
        _exit: ExitIntentWatcher::new(&guard, || send(Command::Input(Input::ExitIntent))),
        _tabs: TabSync::new(&guard, tabs_key, |value| {
            if let Some(saved) = value {
                send(Command::Input(Input::StateSynced { saved }))
            }
        }),
    };
    RUNTIME.with(|cell| {
        if let Some(runtime) = cell.borrow_mut().as_mut() {
            runtime.watchers = watchers;
        }
    });
    pump();
}

/// The site's wall clock at `now`, as the engine wants it.
fn wall_clock(clock: &SiteClock, now: u64) -> engine::WallClock {
    let WallTime {
        year,
        month,
        day,
        weekday,
        minute_of_day,
    } = clock.wall(now);
    engine::WallClock {
        year,
        month,
        day,
        weekday,
        minute_of_day,
    }
}

pub use choice::MOBILE_MAX_WIDTH;

impl Runtime {
    fn wall(&self, now: u64) -> engine::WallClock {
        wall_clock(&self.clock, now)
    }

    fn handle(&mut self, command: Command) -> Vec<Pending> {
        let mut pending = Vec::new();
        let now = self.time.now();
        let hiding = matches!(
            command,
            Command::Save | Command::Input(Input::Visibility { visible: false })
        );
        match command {
            Command::Input(input) => {
                self.note_input(&input, &mut pending);
                let note = crate::analytics::Note::of(&input);
                let first_page_view = !self.started && matches!(input, Input::PageView { .. });
                self.engine.handle_input(engine::Timestamp(now), input);
                if let Some(a) = &self.analytics {
                    a.after(note, &self.engine);
                }
                if first_page_view {
                    // `ready` once the first page view is handled: its
                    // messages are out, the first timer is armed below.
                    self.started = true;
                    pending.push(Pending {
                        name: "ready",
                        detail: JsValue::UNDEFINED,
                    });
                }
            }
            Command::Timer => {
                self.timer.fired();
                let wall = self.wall(now);
                self.engine
                    .handle_input(engine::Timestamp(now), Input::Timer { wall });
                if let Some(a) = &self.analytics {
                    a.timer();
                }
            }
            Command::Open | Command::Toggle if !self.open => {
                self.set_open(true, now, &mut pending);
            }
            Command::Close | Command::Toggle => {
                if self.open {
                    self.set_open(false, now, &mut pending);
                }
            }
            Command::Open => {}
            Command::Visible(visible) => {
                self.ui(if visible { Action::Show } else { Action::Hide });
                // The engine counts `shown` only for what is displayed.
                let input = Input::WidgetVisible { visible };
                self.engine.handle_input(engine::Timestamp(now), input);
            }
            Command::On(name, callback) => {
                // Late subscribers still hear about start-up: `ready` and the
                // config problems happened before any `Nudge('on')` replayed.
                // They are told once the runtime is released, like every event.
                let single = callback.clone();
                let checked = events::check_name(&name);
                if checked.is_ok() {
                    self.guard.on(&name, &callback);
                }
                match checked {
                    Ok(()) if name == "ready" && self.started => {
                        self.catch_up.push((single, JsValue::UNDEFINED));
                    }
                    Ok(()) if name == "error" => {
                        for message in &self.errors {
                            let detail = events::object(&[("message", message.into())]);
                            self.catch_up.push((single.clone(), detail));
                        }
                    }
                    Ok(()) => {}
                    Err(message) => dom::warn(&format!("[nudge] {message}")),
                }
            }
            Command::Off(name, callback) => self.guard.unsub(&name, callback.as_ref()),
            Command::TimeScale(scale) => self.time = self.time.rescaled(scale),
            Command::Save => {}
        }
        self.drain(&mut pending);
        self.rearm(now);
        // The state the engine emitted is written at the end of the task
        // (`Command::Save` from the microtask queued in `drain`), so that a
        // burst of inputs (2 000 `pushState`s in one task) writes once, and
        // never inside the host's call; at once when the page hides.
        if hiding {
            if let Some(state) = self.unsaved.take() {
                let _ = self.store.set(STATE_KEY, &state);
                if let Some(text) = self.config_to_cache.take() {
                    let _ = self.store.set(choice::LAST_GOOD_CONFIG_KEY, &text);
                }
            }
        }
        pending
    }

    /// JS API events that mirror what the visitor did.
    fn note_input(&self, input: &Input, pending: &mut Vec<Pending>) {
        match input {
            Input::VisitorMessage { text } => pending.push(Pending {
                name: "visitor_message",
                detail: events::object(&[("text", text.into())]),
            }),
            Input::StarterClicked { index } => pending.push(Pending {
                name: "starter_clicked",
                detail: events::object(&[("index", (*index as u32).into())]),
            }),
            _ => {}
        }
    }

    fn set_open(&mut self, open: bool, now: u64, pending: &mut Vec<Pending>) {
        self.open = open;
        self.ui(if open { Action::Open } else { Action::Close });
        if self.mobile {
            self.guard.lock(open);
        }
        let input = if open {
            Input::ChatOpened
        } else {
            Input::ChatClosed
        };
        self.engine.handle_input(engine::Timestamp(now), input);
        pending.push(Pending {
            name: if open { "opened" } else { "closed" },
            detail: JsValue::UNDEFINED,
        });
    }

    fn ui(&mut self, action: Action) {
        self.buffered.push(action);
    }

    fn bubble(&self, message: engine::ChatMessage) -> Bubble {
        Bubble {
            id: message.id,
            author: match message.author {
                engine::Author::Visitor => Author::Visitor,
                engine::Author::Agent => Author::Agent,
                engine::Author::Bot => Author::Bot,
            },
            text: message.text,
            time: self.clock.hh_mm(message.at.0),
        }
    }

    fn drain(&mut self, pending: &mut Vec<Pending>) {
        while let Some(output) = self.engine.poll_output() {
            match output {
                Output::Conversation(messages) => {
                    let bubbles = messages.into_iter().map(|m| self.bubble(m)).collect();
                    self.ui(Action::SetConversation(bubbles));
                }
                Output::Message(message) => {
                    let bubble = self.bubble(message);
                    self.ui(Action::Append(bubble));
                }
                Output::Preview(message) => {
                    let bubble = message.map(|m| self.bubble(m));
                    self.ui(Action::SetPreview(bubble));
                }
                Output::Starters(titles) => self.ui(Action::SetStarters(titles)),
                Output::Unread(count) => self.ui(Action::SetUnread(count)),
                // Outside business hours the visitor sees the team offline,
                // whatever status the merchant set.
                Output::Team { status, open_now } => self.ui(Action::SetTeam {
                    status: match status {
                        _ if !open_now => TeamStatus::Offline,
                        engine::TeamStatus::Online => TeamStatus::Online,
                        engine::TeamStatus::Busy => TeamStatus::Busy,
                        engine::TeamStatus::Offline => TeamStatus::Offline,
                    },
                }),
                Output::Persist(state) => {
                    if self.unsaved.replace(state).is_none() {
                        self.guard.soon(&self.save_soon);
                    }
                }
                Output::Stat(stat) => {
                    if let Some(a) = &self.analytics {
                        a.stat(&stat, self.engine.config());
                    }
                    // `dismissed` names the message like every other event
                    // (the automatic message's id, not the chat bubble's).
                    if stat.kind == engine::StatKind::Dismissed {
                        pending.push(Pending {
                            name: "dismissed",
                            detail: events::object(&[("id", stat.message_id.as_str().into())]),
                        });
                    }
                    pending.push(Pending {
                        name: "stats",
                        detail: events::object(&[
                            ("id", stat.message_id.as_str().into()),
                            ("kind", stat_name(stat.kind).into()),
                        ]),
                    })
                }
                Output::Fired { message_id, text } => pending.push(Pending {
                    name: "message",
                    detail: events::object(&[("id", message_id.into()), ("text", text.into())]),
                }),
                // The first tab to ask wins; the answer is one more input.
                Output::Claim { key } => {
                    let name = self.store.key(&key);
                    crate::platform::locks::claim(&self.guard, &name, move |granted| {
                        send(Command::Input(Input::Claimed { key, granted }))
                    });
                }
            }
        }
    }

    fn rearm(&mut self, now: u64) {
        let deadline = self.engine.poll_timeout().map(|t| self.time.real_at(t.0));
        // Statistics wait for a quiet moment on the same timer (real ms).
        let deadline = match (deadline, self.analytics.as_ref().and_then(|a| a.deadline())) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let real_now = self.time.real_at(now);
        self.timer.arm(real_now, deadline);
    }
}

/// The name of a statistic in JS API events.
fn stat_name(kind: engine::StatKind) -> &'static str {
    match kind {
        engine::StatKind::Fired => "fired",
        engine::StatKind::Shown => "shown",
        engine::StatKind::OpenedFromPreview => "opened",
        engine::StatKind::Dismissed => "dismissed",
        engine::StatKind::Converted => "converted",
    }
}
