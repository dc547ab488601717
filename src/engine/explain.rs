//! Why a due message did not fire: the trace the merchant console's journey
//! simulator reads. Compiled only with the `console` feature (a child module
//! of `engine.rs`, so it sees the engine's state); the visitor's wasm has no
//! trace. Nothing here decides anything: each round records the engine's own
//! verdicts ([`Engine::verdict`], [`Condition::eval`]) at arbitration time.

use super::{Engine, Skip};
use crate::engine::conditions::{CmpOp, Condition, Facts, NumField, StrMatch, TextField};
use crate::engine::tables::{Device, TeamStatus, Weekday};

/// What happened to one due message in one arbitration round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It could have fired, but a higher-priority message fired instead.
    Lost,
    /// It could not fire; for `Skip::Condition`, the condition that was false.
    Skipped(Skip, Option<String>),
}

/// One moment where messages were due at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub at: u64,
    /// The id of the message that fired, if one did.
    pub winner: Option<String>,
    /// Every other due message, by id.
    pub others: Vec<(String, Outcome)>,
}

impl Engine {
    /// Starts recording arbitration rounds (console only).
    pub fn record_trace(&mut self) {
        self.trace = Some(Vec::new());
    }

    /// The rounds recorded since the last call.
    pub fn take_trace(&mut self) -> Vec<Round> {
        self.trace.as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub(super) fn record_round(&mut self, now: u64, winner: Option<u32>) {
        if self.trace.is_none() {
            return;
        }
        let facts = self.facts(now);
        let id = |i: u32| {
            self.config
                .rules
                .get(i as usize)
                .map(|r| r.id.clone())
                .unwrap_or_default()
        };
        let mut others = Vec::new();
        for &i in &self.candidates {
            if Some(i) == winner {
                continue;
            }
            let outcome = match self.verdict(i as usize, now, &facts) {
                None => Outcome::Lost,
                Some(Skip::Condition) => {
                    let why = self
                        .config
                        .rules
                        .get(i as usize)
                        .and_then(|r| r.conditions.as_ref())
                        .and_then(|c| false_part(c, &facts));
                    Outcome::Skipped(Skip::Condition, why)
                }
                Some(skip) => Outcome::Skipped(skip, None),
            };
            others.push((id(i), outcome));
        }
        let round = Round {
            at: now,
            winner: winner.map(id),
            others,
        };
        if let Some(trace) = self.trace.as_mut() {
            trace.push(round);
        }
    }
}

/// The part of `c` that makes it false, described (None if it holds).
pub fn false_part(c: &Condition, f: &Facts) -> Option<String> {
    if c.eval(f) {
        return None;
    }
    match c {
        Condition::All(cs) => cs.iter().find_map(|c| false_part(c, f)),
        Condition::Any(cs) => {
            let parts: Vec<String> = cs.iter().map(describe).collect();
            Some(format!("any of: {}", parts.join(" | ")))
        }
        other => Some(describe(other)),
    }
}

fn str_match(m: &StrMatch) -> String {
    match m {
        StrMatch::Equals(s) => format!("equals \"{s}\""),
        StrMatch::Contains(s) => format!("contains \"{s}\""),
        StrMatch::StartsWith(s) => format!("starts_with \"{s}\""),
        StrMatch::EndsWith(s) => format!("ends_with \"{s}\""),
        StrMatch::Wildcard(s) => format!("wildcard \"{s}\""),
        StrMatch::Regex(_) => "regex".to_string(),
    }
}

fn mask(names: &[&str], bits: u32) -> String {
    let picked: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect();
    picked.join(", ")
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// A condition written the way the config writes it.
pub fn describe(c: &Condition) -> String {
    match c {
        Condition::All(cs) => {
            let parts: Vec<String> = cs.iter().map(describe).collect();
            format!("all of: {}", parts.join(" & "))
        }
        Condition::Any(cs) => {
            let parts: Vec<String> = cs.iter().map(describe).collect();
            format!("any of: {}", parts.join(" | "))
        }
        Condition::Not(c) => format!("not ({})", describe(c)),
        Condition::Text(field, m) => {
            let name = match field {
                TextField::Url => "url",
                TextField::Title => "title",
                TextField::Referrer => "referrer",
            };
            format!("{name} {}", str_match(m))
        }
        Condition::Query(name, m) => format!("query {name} {}", str_match(m)),
        Condition::Utm(name, m) => format!("utm {name} {}", str_match(m)),
        Condition::Visitor(first) => {
            format!("visitor: {}", if *first { "first" } else { "returning" })
        }
        Condition::Number(field, tests) => {
            let name = match field {
                NumField::VisitNumber => "visit_number",
                NumField::PagesViewed => "pages_viewed",
                NumField::DaysSinceLastVisit => "days_since_last_visit",
            };
            let parts: Vec<String> = tests
                .iter()
                .map(|(op, v)| {
                    let op = match op {
                        CmpOp::Eq => "eq",
                        CmpOp::Ne => "ne",
                        CmpOp::Gt => "gt",
                        CmpOp::Gte => "gte",
                        CmpOp::Lt => "lt",
                        CmpOp::Lte => "lte",
                    };
                    format!("{op} {v}")
                })
                .collect();
            format!("{name} {}", parts.join(", "))
        }
        Condition::Language(l) => format!("language: {}", l.join(", ")),
        Condition::Device(m) => format!("device: {}", mask(Device::NAMES, *m)),
        Condition::Weekday(m) => format!("weekday: {}", mask(Weekday::NAMES, *m)),
        Condition::TimeOfDay(a, b) => format!("time_of_day: {}–{}", hhmm(*a), hhmm(*b)),
        Condition::BusinessHours(open) => {
            format!("business_hours: {}", if *open { "open" } else { "closed" })
        }
        Condition::TeamStatus(m) => format!("team_status: {}", mask(TeamStatus::NAMES, *m)),
        Condition::Attribute(name, m, exists) => match m {
            Some(m) => format!("attribute {name} {}", str_match(m)),
            None => format!("attribute {name} exists: {exists}"),
        },
        Condition::Establishment(ids) => format!("establishment: {}", ids.join(", ")),
    }
}
