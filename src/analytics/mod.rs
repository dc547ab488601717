//! Statistics and visitor messages that reach the merchant (issue 11).
//!
//! What lives here:
//! - [`settings`]: the config's `analytics` and `inbox` sections (pure; the
//!   engine's config decoder and schema generator call it);
//! - [`events`]: event type and trigger names (pure);
//! - `sender.rs` + `sender.js` (browser only): the runtime's hooks, and the
//!   outbox, tag-manager pushes and delivery (`fetch` keepalive,
//!   `sendBeacon`), written in plain JS because it is several times smaller
//!   there than through wasm bindings.
//!
//! May import: `engine` (types, `json`, `validate`) and `runtime::send`
//! (agent replies come back as `Input::AgentMessage`). Not `ui`, `embed` or
//! `platform`. The runtime calls it in a few lines: `Analytics::new`,
//! `after`, `stat`, `deadline`, `timer`.

pub mod events;
#[cfg(target_arch = "wasm32")]
pub mod sender;
pub mod settings;

#[cfg(target_arch = "wasm32")]
pub use sender::{Analytics, Note};
