//! The engine's pattern matching in the widget: the engine's own
//! linear-time matcher, the same one the native tests use (the browser's
//! `RegExp` backtracks, so a config pattern could freeze the page).

/// Every regular expression of the config, compiled once.
pub type BrowserPatterns = crate::engine::LinearPatterns;
