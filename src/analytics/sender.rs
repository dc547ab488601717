//! The runtime's statistics and inbox hooks in the browser: records events
//! in the outbox, pushes them to the page's tag managers, and delivers the
//! outbox to the merchant's endpoints.
//!
//! Delivery (see README, "Statistics"):
//! - while the page lives, `fetch(url, {method: 'POST', keepalive: true,
//!   credentials: 'omit'})`: an answer below 400 (or an opaque one) removes
//!   the delivered entries; a failure keeps them for the next page activity
//!   or the `online` event (no retry timer);
//! - on `pagehide`, `navigator.sendBeacon(url, batch)`, falling back to a
//!   keepalive fetch; the entries stay until a later page's fetch is
//!   answered (at least once; the receiver deduplicates by key).
//!
//! Timing uses no timer of its own: [`Analytics::deadline`] joins the
//! runtime's one timer, and is `None` when nothing waits.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::outbox::{self, Event, Header, Outbox};
use super::settings::Destinations;
use crate::engine::{Author, Config, Engine, Input, StatEvent, StatKind};
use crate::platform::clock::now_ms;
use crate::platform::storage::Store;
use crate::platform::url::current_url;

/// Storage keys (under the store's prefix).
const OUTBOX_KEY: &str = "outbox";
const VISITOR_KEY: &str = "visitor";
/// Events are sent this long after the last one (a quiet moment).
pub const QUIET_MS: u64 = 3_000;
/// After a failed delivery, activity retries at most this often.
pub const RETRY_GAP_MS: u64 = 5_000;

/// What an input means for statistics, noted before the engine takes it.
pub enum Note {
    Typed,
    Starter(u32),
    Consent(bool),
    Reset,
    Hidden,
    /// Visitor activity (a page view, a click, a scroll...).
    Activity,
    Other,
}

impl Note {
    pub fn of(input: &Input) -> Note {
        match input {
            Input::VisitorMessage { .. } => Note::Typed,
            Input::StarterClicked { index } => Note::Starter(*index as u32),
            Input::Consent { granted } => Note::Consent(*granted),
            Input::Reset => Note::Reset,
            Input::Visibility { visible: false } => Note::Hidden,
            Input::Timer { .. } | Input::StateSynced { .. } | Input::AgentMessage { .. } => {
                Note::Other
            }
            _ => Note::Activity,
        }
    }
}

struct Inner {
    dest: Destinations,
    site: String,
    /// (message id, trigger type) of the configured messages.
    triggers: Vec<(String, &'static str)>,
    store: Store,
    consent: bool,
    /// The outbox while consent is required and not given (never stored).
    memory: String,
    visitor: String,
    /// Random per page load: keys stay unique across tabs.
    token: String,
    seq: u32,
    session: u64,
    quiet: Option<u64>,
    sending: bool,
    failed: Option<u64>,
    /// Keys of visitor messages being posted.
    posting: Vec<String>,
    /// `r => r.status < 400 ? r.text() : null`, shared by every request.
    answer: Closure<dyn Fn(JsValue) -> JsValue>,
}

/// Statistics and inbox delivery for one page; `None` from [`Analytics::new`]
/// when the config switches nothing on.
pub struct Analytics {
    inner: Rc<RefCell<Inner>>,
    _listeners: [EventListener; 2],
}

fn random_id(n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit((js_sys::Math::random() * 36.0) as u32 % 36, 36).unwrap_or('0'))
        .collect()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

fn window() -> JsValue {
    js_sys::global().into()
}

/// Calls `target[method](...args)`, containing what it throws.
fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Option<JsValue> {
    let f = Reflect::get(target, &method.into()).ok()?.dyn_into::<Function>().ok()?;
    let args: js_sys::Array = args.iter().copied().collect();
    f.apply(target, &args).ok()
}

impl Analytics {
    /// Starts statistics and the inbox for this page, if configured.
    pub fn new(config: &Config, store_prefix: &str) -> Option<Analytics> {
        let dest = config.destinations.clone();
        if !dest.any_stats() && dest.inbox.is_none() {
            return None;
        }
        let store = Store::open(store_prefix);
        let visitor = store.get(VISITOR_KEY).unwrap_or_else(|| random_id(12));
        let inner = Rc::new(RefCell::new(Inner {
            triggers: config
                .rules
                .iter()
                .map(|r| (r.id.clone(), outbox::trigger_name(&r.trigger)))
                .collect(),
            site: config.site.name.clone(),
            consent: !config.behaviour.consent_required,
            dest,
            store,
            memory: String::new(),
            visitor,
            token: random_id(4),
            seq: 0,
            session: 0,
            quiet: None,
            sending: false,
            failed: None,
            posting: Vec::new(),
            answer: Closure::new(|r: JsValue| {
                let status = Reflect::get(&r, &"status".into()).ok().and_then(|s| s.as_f64());
                if status.unwrap_or(999.0) < 400.0 {
                    call(&r, "text", &[]).unwrap_or(JsValue::NULL)
                } else {
                    JsValue::NULL
                }
            }),
        }));
        inner.borrow_mut().keep_visitor();
        let target: web_sys::EventTarget = window().unchecked_into();
        let on = |name: &'static str, beacon: bool| {
            let inner = inner.clone();
            EventListener::new(&target, name, move |_| flush(&inner, beacon))
        };
        let listeners = [on("pagehide", true), on("online", false)];
        Some(Analytics {
            inner,
            _listeners: listeners,
        })
    }

    /// After the engine took an input noted as `note`.
    pub fn after(&self, note: Note, engine: &Engine) {
        let now = now_ms();
        let send_now = {
            let mut s = self.inner.borrow_mut();
            s.session = engine.visit_number();
            match note {
                Note::Consent(granted) => {
                    s.consent = granted;
                    if granted && !s.memory.is_empty() {
                        let mut stored = Outbox::parse(s.store.get(OUTBOX_KEY).as_deref());
                        stored.lines.extend(Outbox::parse(Some(&s.memory)).lines);
                        let _ = s.store.set(OUTBOX_KEY, &stored.to_text());
                        s.memory.clear();
                    }
                    s.keep_visitor();
                    false
                }
                Note::Reset => {
                    // The old visitor's events leave (beacon) and are forgotten.
                    drop(s);
                    flush(&self.inner, true);
                    let mut s = self.inner.borrow_mut();
                    let mut o = s.load();
                    o.lines.retain(|l| l.starts_with('M'));
                    o.dropped = 0;
                    s.save(&o);
                    s.visitor = random_id(12);
                    s.keep_visitor();
                    false
                }
                Note::Starter(index) => {
                    let e = Event {
                        kind: 4,
                        message: "starters".into(),
                        trigger: None,
                        path: outbox::path_of(&current_url()),
                        index: Some(index),
                    };
                    s.record(e, now)
                }
                Note::Typed => s.typed(engine, now),
                Note::Hidden => true,
                Note::Activity => {
                    let retry = s.failed.is_some_and(|t| now >= t + RETRY_GAP_MS);
                    if !retry && s.quiet.is_none() && !s.sending && !s.load().lines.is_empty() {
                        s.quiet = Some(now + QUIET_MS);
                    }
                    retry
                }
                Note::Other => false,
            }
        };
        if send_now {
            flush(&self.inner, false);
        }
    }

    /// An engine statistics event.
    pub fn stat(&self, stat: &StatEvent) {
        let kind = match stat.kind {
            StatKind::Fired => 0,
            StatKind::Shown => 1,
            StatKind::OpenedFromPreview => 2,
            StatKind::Dismissed => 3,
            StatKind::Converted => 5,
        };
        let full = {
            let mut s = self.inner.borrow_mut();
            let trigger = s
                .triggers
                .iter()
                .find(|(id, _)| *id == stat.message_id)
                .map(|(_, t)| *t);
            let e = Event {
                kind,
                message: outbox::clip(&stat.message_id),
                trigger,
                path: outbox::path_of(&current_url()),
                index: None,
            };
            s.record(e, now_ms())
        };
        if full {
            flush(&self.inner, false);
        }
    }

    /// When the runtime's timer must wake up for statistics (real ms).
    pub fn deadline(&self) -> Option<u64> {
        self.inner.borrow().quiet
    }

    /// The runtime's timer fired.
    pub fn timer(&self) {
        let due = self.inner.borrow().quiet.is_some_and(|t| now_ms() >= t);
        if due {
            flush(&self.inner, false);
        }
    }
}

impl Inner {
    fn load(&self) -> Outbox {
        if self.consent {
            Outbox::parse(self.store.get(OUTBOX_KEY).as_deref())
        } else {
            Outbox::parse(Some(&self.memory))
        }
    }

    fn save(&mut self, o: &Outbox) {
        let text = o.to_text();
        if self.consent {
            let _ = self.store.set(OUTBOX_KEY, &text);
        } else {
            self.memory = text;
        }
    }

    fn keep_visitor(&mut self) {
        if self.consent {
            let _ = self.store.set(VISITOR_KEY, &self.visitor);
        }
    }

    fn key(&mut self) -> String {
        self.seq += 1;
        let mut key = format!("{}-{}.", self.visitor, self.token);
        crate::engine::json::write_int(self.seq.into(), &mut key);
        key
    }

    /// Queues an event and tells the tag managers; true when the outbox
    /// is full enough to be sent now.
    fn record(&mut self, e: Event, now: u64) -> bool {
        if !self.consent || !self.dest.any_stats() {
            return false;
        }
        self.push_to_page(&e);
        if self.dest.endpoint.is_none() {
            return false;
        }
        let key = self.key();
        let mut o = self.load();
        o.push('E', &outbox::event_json(&key, &e, now));
        self.save(&o);
        self.quiet = Some(now + QUIET_MS);
        o.entries('E').len() >= outbox::FLUSH_AT
    }

    /// `dataLayer`, `_paq` and `plausible`, as switched on.
    fn push_to_page(&self, e: &Event) {
        let w = window();
        let name = outbox::TYPES[e.kind];
        let params = Object::new();
        let mut event = String::from("nudge_");
        event.push_str(name);
        set(&params, "event", &event.into());
        set(&params, "nudge_message_id", &e.message.as_str().into());
        if let Some(t) = e.trigger {
            set(&params, "nudge_trigger", &t.into());
        }
        set(&params, "nudge_page_path", &e.path.as_str().into());
        if let Some(i) = e.index {
            set(&params, "nudge_starter_index", &i.into());
        }
        for (on, queue) in [(self.dest.gtm, "dataLayer"), (self.dest.matomo, "_paq")] {
            if !on {
                continue;
            }
            let mut list = Reflect::get(&w, &queue.into()).unwrap_or_default();
            if list.is_undefined() {
                list = js_sys::Array::new().into();
                set(&w, queue, &list);
            }
            let item: JsValue = if queue == "_paq" {
                ["trackEvent", "Nudge", name, e.message.as_str()]
                    .iter()
                    .map(|s| JsValue::from(*s))
                    .collect::<js_sys::Array>()
                    .into()
            } else {
                params.clone().into()
            };
            call(&list, "push", &[&item]);
        }
        if self.dest.plausible {
            Reflect::delete_property(&params, &"event".into()).ok();
            let props = Object::new();
            set(&props, "props", &params);
            call(&w, "plausible", &[&outbox::PLAUSIBLE_NAMES[e.kind].into(), &props]);
        }
    }

    /// Queues the message the visitor just typed for the inbox.
    fn typed(&mut self, engine: &Engine, now: u64) -> bool {
        if self.dest.inbox.is_none() {
            return false;
        }
        let conversation = engine.conversation();
        let Some(at) = conversation.iter().rposition(|m| m.author == Author::Visitor) else {
            return false;
        };
        let message = &conversation[at];
        let answered = conversation[..at]
            .iter()
            .rev()
            .find(|m| m.author != Author::Visitor)
            .filter(|m| m.author == Author::Bot)
            .and_then(|m| m.rule.as_deref());
        let key = self.key();
        let json = outbox::message_json(
            &key,
            &self.visitor,
            &message.id,
            &message.text,
            &current_url(),
            answered,
            now,
        );
        let mut o = self.load();
        o.push('M', &json);
        self.save(&o);
        true
    }
}

/// Sends what the outbox holds: the events as one batch, each visitor
/// message to the inbox. `beacon`: the page is going away.
fn flush(inner: &Rc<RefCell<Inner>>, beacon: bool) {
    let mut s = inner.borrow_mut();
    s.quiet = None;
    let o = s.load();
    let now = now_ms();
    if let Some(url) = s.dest.endpoint.clone() {
        let events = o.entries('E');
        if !events.is_empty() && (beacon || !s.sending) {
            let body = outbox::batch(
                &Header {
                    site: &s.site,
                    visitor: &s.visitor,
                    session: s.session,
                    sent_at: now,
                },
                o.dropped,
                &events,
            );
            let keys: Vec<String> = events.iter().map(|e| outbox::key_of(e).to_owned()).collect();
            let dropped = o.dropped;
            if beacon {
                beacon_or_fetch(&url, &body);
            } else {
                let inner = inner.clone();
                s.sending = post(&url, &body, "no-cors", &s.answer, move |answer| {
                    let mut s = inner.borrow_mut();
                    s.sending = false;
                    if answer.is_some() {
                        s.failed = None;
                        let mut o = s.load();
                        o.remove(&keys, dropped);
                        s.save(&o);
                    } else {
                        s.failed = Some(now_ms());
                    }
                });
                if !s.sending {
                    s.failed = Some(now);
                }
            }
        }
    }
    if let Some(url) = s.dest.inbox.clone() {
        for m in o.entries('M') {
            let key = outbox::key_of(m).to_owned();
            if beacon {
                beacon_or_fetch(&url, m);
                continue;
            }
            if s.posting.contains(&key) {
                continue;
            }
            let inner = inner.clone();
            let k = key.clone();
            let started = post(&url, m, "cors", &s.answer, move |answer| {
                let key = k;
                let replies = {
                    let mut s = inner.borrow_mut();
                    s.posting.retain(|k| *k != key);
                    let Some(answer) = answer else {
                        s.failed = Some(now_ms());
                        return;
                    };
                    let mut o = s.load();
                    o.remove(&[key], 0);
                    s.save(&o);
                    outbox::replies(&answer)
                };
                for text in replies {
                    crate::runtime::send(crate::runtime::Command::Input(Input::AgentMessage {
                        text,
                    }));
                }
            });
            if started {
                s.posting.push(key);
            } else {
                s.failed = Some(now);
            }
        }
    }
}

/// `navigator.sendBeacon(url, body)`, else a keepalive fetch.
fn beacon_or_fetch(url: &str, body: &str) {
    let navigator = Reflect::get(&window(), &"navigator".into()).unwrap_or_default();
    let queued = call(&navigator, "sendBeacon", &[&url.into(), &body.into()]);
    if queued.and_then(|q| q.as_bool()) != Some(true) {
        fetch(url, body, "no-cors");
    }
}

fn fetch(url: &str, body: &str, mode: &str) -> Option<JsValue> {
    let init = Object::new();
    set(&init, "method", &"POST".into());
    set(&init, "body", &body.into());
    set(&init, "keepalive", &true.into());
    set(&init, "credentials", &"omit".into());
    set(&init, "mode", &mode.into());
    call(&window(), "fetch", &[&url.into(), &init])
}

/// POSTs `body`; `done` later gets the answer's text, or `None` when the
/// request failed or was refused (status ≥ 400). False when fetch itself
/// is missing or threw (`done` is then never called).
fn post(
    url: &str,
    body: &str,
    mode: &str,
    answer: &Closure<dyn Fn(JsValue) -> JsValue>,
    done: impl FnOnce(Option<String>) + 'static,
) -> bool {
    let Some(promise) = fetch(url, body, mode) else {
        return false;
    };
    let done = Closure::once_into_js(move |v: JsValue| done(v.as_string()));
    call(&promise, "then", &[answer.as_ref()])
        .and_then(|p| call(&p, "then", &[&done, &done]))
        .is_some()
}
