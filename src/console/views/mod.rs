//! The console's Yew components. [`app::App`] is the root (state and
//! effects); the pages get plain data and report [`super::state::Msg`]s.

pub mod app;
pub mod automatic;
pub mod fields;
pub mod hours;
pub mod json_tab;
pub mod messages;
pub mod preview_pane;
pub mod publish;
pub mod resume;
pub mod settings;
pub mod simulator;
pub mod start;

#[cfg(test)]
mod tests;
