//! The rules engine: pure, sans-IO.
//!
//! Given the site's configuration and what the visitor does (`Input`), it
//! decides which message to show and when (`Output`), on time passed in by
//! the caller. No browser APIs, no clock, no randomness, no storage: every
//! scenario runs natively on simulated time. See `README.md, "The rules engine"`.

pub mod case;
pub mod clock;
pub mod conditions;
pub mod config;
#[allow(clippy::module_inception)]
pub mod engine;
pub mod io;
pub mod json;
pub mod patterns;
pub mod placeholders;
pub mod presets;
pub mod schema;
pub mod state;
pub mod stats;
pub mod validate;
pub mod visits;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod harness;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use clock::{BusinessHours, Timestamp, WallClock};
pub use conditions::Condition;
pub use config::{
    parse_config, Behaviour, Config, Establishment, Frequency, Rule, Site, Starter, Team,
    TeamStatus, Trigger,
};
pub use engine::{Engine, ABSENCE_ID, WELCOME_ID};
pub use io::{Author, ChatMessage, Input, Output, PageInfo};
pub use json::Value;
#[cfg(not(target_arch = "wasm32"))]
pub use patterns::RegexLitePatterns;
pub use patterns::{NoPatterns, PatternId, Patterns};
pub use schema::config_schema;
pub use stats::{Counters, MessageStats, StatEvent, StatKind};
pub use validate::{Diagnostic, Severity};
