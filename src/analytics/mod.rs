//! Statistics and visitor messages that reach the merchant (issue 11).
//!
//! What lives here:
//! - [`settings`]: the config's `analytics` and `inbox` sections (pure; the
//!   engine's config decoder and schema generator call it);
//! - [`outbox`]: the persisted outbox, the batch and inbox JSON (pure,
//!   tested natively);
//! - `sender` (browser only): the runtime's hooks — events to `dataLayer`,
//!   `_paq`, `plausible` and the outbox; delivery by `fetch(keepalive)` and
//!   `sendBeacon`; agent replies from the inbox back into the runtime.
//!
//! May import: `engine` (types, `json`), `platform` (storage, clock, URL),
//! and `runtime::send` (agent replies). Not `ui` or `embed`. The runtime
//! calls it in a few lines: `Analytics::new`, `after`, `stat`, `deadline`,
//! `timer`.

pub mod outbox;
#[cfg(target_arch = "wasm32")]
pub mod sender;
pub mod settings;

#[cfg(target_arch = "wasm32")]
pub use sender::{Analytics, Note};
