//! The runtime's statistics and inbox hooks in the browser: a thin layer
//! over `sender.js` (one import, `nudge_stats`), which keeps the outbox and
//! talks to the page's tag managers and the merchant's endpoints.
//!
//! Timing uses no timer of its own: every call returns the outbox's next
//! deadline, which [`Analytics::deadline`] hands to the runtime's one timer
//! (`None` when nothing waits).

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use super::events::{kind_of, trigger_name, TYPES};
use crate::engine::{Author, Config, Engine, Input, StatEvent};

#[wasm_bindgen(module = "/src/analytics/sender.js")]
extern "C" {
    /// The one entry point of `sender.js`; returns the outbox's next
    /// deadline (epoch ms, 0 = none). `what` is one of the codes below,
    /// then its arguments.
    fn nudge_stats(what: u8, a: &str, b: &str, c: &str, d: &str, n: f64) -> f64;
}

/// a site name, b beacon endpoint, c inbox ("" = none), d storage prefix,
/// n = 1 gtm | 2 matomo | 4 plausible | 8 consent.
const START: u8 = 0;
/// a type, b message id, c trigger ("" = none), n starter index (-1 = none).
const EVENT: u8 = 1;
/// a message id, b text, c the automatic message it answered ("" = none).
const TYPED: u8 = 2;
/// n: 1 granted, 0 withdrawn.
const CONSENT: u8 = 3;
const RESET: u8 = 4;
const HIDDEN: u8 = 5;
const TIMER: u8 = 6;
/// n: the visit number.
const ACTIVITY: u8 = 7;
/// Not a call: the starter click (an event, then activity).
const STARTER: u8 = 8;
/// Not a call: nothing to tell.
const NOTHING: u8 = 9;

/// What an input means for statistics, noted before the engine takes it:
/// a code and its number.
pub struct Note(u8, f64);

impl Note {
    pub fn of(input: &Input) -> Note {
        match input {
            Input::VisitorMessage { .. } => Note(TYPED, 0.0),
            Input::StarterClicked { index } => Note(STARTER, *index as f64),
            Input::Consent { granted } => Note(CONSENT, *granted as u8 as f64),
            Input::Reset => Note(RESET, 0.0),
            Input::Visibility { visible: false } => Note(HIDDEN, 0.0),
            Input::Timer { .. } | Input::StateSynced { .. } | Input::AgentMessage { .. } => {
                Note(NOTHING, 0.0)
            }
            _ => Note(ACTIVITY, 0.0),
        }
    }
}

/// Statistics and the inbox for one page; `None` from [`Analytics::new`]
/// when the config switches nothing on.
pub struct Analytics {
    stats: bool,
    deadline: Cell<f64>,
}

impl Analytics {
    /// Starts statistics and the inbox for this page, if configured.
    pub fn new(config: &Config, store_prefix: &str) -> Option<Analytics> {
        let d = &config.destinations;
        if !d.any_stats() && d.inbox.is_none() {
            return None;
        }
        let flags = d.switches | (!config.behaviour.consent_required as u8) << 3;
        let a = Analytics {
            stats: d.any_stats(),
            deadline: Cell::new(0.0),
        };
        a.call(
            START,
            &config.site.name,
            d.endpoint.as_deref().unwrap_or(""),
            d.inbox.as_deref().unwrap_or(""),
            store_prefix,
            flags.into(),
        );
        Some(a)
    }

    fn call(&self, what: u8, a: &str, b: &str, c: &str, d: &str, n: f64) {
        self.deadline.set(nudge_stats(what, a, b, c, d, n));
    }

    /// After the engine took an input, noted by [`Note::of`] before.
    pub fn after(&self, Note(what, n): Note, engine: &Engine) {
        match what {
            TYPED => {
                let conversation = engine.conversation();
                if let Some(at) = conversation
                    .iter()
                    .rposition(|m| m.author == Author::Visitor)
                {
                    let m = &conversation[at];
                    // The automatic message it answers: the last message
                    // before it, unless that one came from a person.
                    let answered = conversation[..at]
                        .iter()
                        .rev()
                        .find(|m| m.author != Author::Visitor)
                        .filter(|m| m.author == Author::Bot)
                        .and_then(|m| m.rule.as_deref());
                    self.call(TYPED, &m.id, &m.text, answered.unwrap_or(""), "", 0.0);
                }
            }
            STARTER if self.stats => self.call(EVENT, TYPES[4], "starters", "", "", n),
            NOTHING => return,
            CONSENT => return self.call(what, "", "", "", "", n),
            _ => {}
        }
        let what = if what == RESET || what == HIDDEN {
            what
        } else {
            ACTIVITY
        };
        self.call(what, "", "", "", "", engine.visit_number() as f64);
    }

    /// An engine statistics event.
    pub fn stat(&self, stat: &StatEvent, config: &Config) {
        if !self.stats {
            return;
        }
        let trigger = config
            .rules
            .iter()
            .find(|r| r.id == stat.message_id)
            .map_or("", |r| trigger_name(&r.trigger));
        self.call(
            EVENT,
            TYPES[kind_of(stat.kind)],
            &stat.message_id,
            trigger,
            "",
            -1.0,
        );
    }

    /// When the runtime's timer must wake up for statistics (real ms).
    pub fn deadline(&self) -> Option<u64> {
        Some(self.deadline.get() as u64).filter(|&t| t > 0)
    }

    /// The runtime's timer fired.
    pub fn timer(&self) {
        self.call(TIMER, "", "", "", "", 0.0);
    }
}
