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
    /// deadline (epoch ms, 0 = none). `what`, then its arguments:
    /// - `start`: a site name, b beacon endpoint, c inbox ("" = none),
    ///   d storage prefix, n = 1 gtm | 2 matomo | 4 plausible | 8 consent;
    /// - `event`: a type, b message id, c trigger ("" = none), n starter
    ///   index (-1 = none);
    /// - `typed`: a message id, b text, c the automatic message it
    ///   answered ("" = none);
    /// - `consent` (n 1 granted / 0 withdrawn), `reset`, `hidden`,
    ///   `activity` (n visit number), `timer`.
    fn nudge_stats(what: &str, a: &str, b: &str, c: &str, d: &str, n: f64) -> f64;
}

/// What an input means for statistics, noted before the engine takes it:
/// a `nudge_stats` call ("" = none) and its number.
pub struct Note(&'static str, f64);

impl Note {
    pub fn of(input: &Input) -> Note {
        match input {
            Input::VisitorMessage { .. } => Note("typed", 0.0),
            Input::StarterClicked { index } => Note("starter", *index as f64),
            Input::Consent { granted } => Note("consent", *granted as u8 as f64),
            Input::Reset => Note("reset", 0.0),
            Input::Visibility { visible: false } => Note("hidden", 0.0),
            Input::Timer { .. } | Input::StateSynced { .. } | Input::AgentMessage { .. } => {
                Note("", 0.0)
            }
            _ => Note("activity", 0.0),
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
            "start",
            &config.site.name,
            d.endpoint.as_deref().unwrap_or(""),
            d.inbox.as_deref().unwrap_or(""),
            store_prefix,
            flags.into(),
        );
        Some(a)
    }

    fn call(&self, what: &str, a: &str, b: &str, c: &str, d: &str, n: f64) {
        self.deadline.set(nudge_stats(what, a, b, c, d, n));
    }

    /// After the engine took an input, noted by [`Note::of`] before.
    #[inline(never)]
    pub fn after(&self, Note(what, n): Note, engine: &Engine) {
        let visit = engine.visit_number() as f64;
        match what {
            "typed" => {
                let conversation = engine.conversation();
                if let Some(at) = conversation.iter().rposition(|m| m.author == Author::Visitor) {
                    let m = &conversation[at];
                    // The automatic message it answers: the last message
                    // before it, unless that one came from a person.
                    let answered = conversation[..at]
                        .iter()
                        .rev()
                        .find(|m| m.author != Author::Visitor)
                        .filter(|m| m.author == Author::Bot)
                        .and_then(|m| m.rule.as_deref());
                    self.call("typed", &m.id, &m.text, answered.unwrap_or(""), "", 0.0);
                }
            }
            "starter" => {
                if self.stats {
                    self.call("event", TYPES[4], "starters", "", "", n)
                }
            }
            "consent" => return self.call(what, "", "", "", "", n),
            "" => return,
            _ => return self.call(what, "", "", "", "", visit),
        }
        self.call("activity", "", "", "", "", visit);
    }

    /// An engine statistics event.
    #[inline(never)]
    pub fn stat(&self, stat: &StatEvent, config: &Config) {
        if !self.stats {
            return;
        }
        let trigger = config
            .rules
            .iter()
            .find(|r| r.id == stat.message_id)
            .map_or("", |r| trigger_name(&r.trigger));
        self.call("event", TYPES[kind_of(stat.kind)], &stat.message_id, trigger, "", -1.0);
    }

    /// When the runtime's timer must wake up for statistics (real ms).
    pub fn deadline(&self) -> Option<u64> {
        Some(self.deadline.get() as u64).filter(|&t| t > 0)
    }

    /// The runtime's timer fired.
    pub fn timer(&self) {
        self.call("timer", "", "", "", "", 0.0);
    }
}
