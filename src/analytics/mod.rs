//! Statistics and visitor messages that reach the merchant (issue 11).
//!
//! - [`settings`]: the config's `analytics` and `inbox` sections (pure; the
//!   engine's config decoder and schema generator call it).

pub mod settings;
