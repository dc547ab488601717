//! What goes into the engine and what comes out of it (sans-IO).

use super::clock::{Timestamp, WallClock};
use super::config::TeamStatus;
use super::stats::StatEvent;

/// Facts about the page, gathered by the platform layer at load.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageInfo {
    pub url: String,
    pub title: String,
    pub referrer: String,
    /// The browser's language, e.g. "fr-FR".
    pub language: String,
    pub viewport_width: u32,
    /// Establishment id selected for this page (None = the first one).
    pub establishment: Option<String>,
}

/// Everything that can happen to the engine.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A page load; the first input after `Engine::new`.
    PageView {
        page: PageInfo,
        wall: WallClock,
    },
    /// SPA navigation (pushState / popstate / hashchange): a new page view.
    UrlChanged {
        url: String,
        title: String,
    },
    Visibility {
        visible: bool,
    },
    Scroll {
        percent: u8,
    },
    /// The whole widget was hidden (`Nudge('hide')`) or shown again: a
    /// message fired while hidden is counted `shown` only once displayed.
    WidgetVisible {
        visible: bool,
    },
    ExitIntent,
    ChatOpened,
    ChatClosed,
    VisitorMessage {
        text: String,
    },
    AgentMessage {
        text: String,
    },
    SetTeamStatus(TeamStatus),
    StarterClicked {
        index: usize,
    },
    /// The visitor clicked the proactive preview; this also opens the chat.
    PreviewOpened {
        message_id: String,
    },
    /// The preview's close button: that message never comes back.
    PreviewDismissed {
        message_id: String,
    },
    CustomEvent {
        name: String,
    },
    SetAttributes(Vec<(String, String)>),
    Consent {
        granted: bool,
    },
    /// The one timer fired; carries the current wall clock.
    Timer {
        wall: WallClock,
    },
    /// Another tab saved new persisted state: merge it.
    StateSynced {
        saved: String,
    },
    /// Forget this visitor.
    Reset,
    /// The answer to an [`Output::Claim`] of the same `key` (only with
    /// `Engine::with_claims(true)`): granted, the message fires now; refused,
    /// another tab has it and it is done for this tab.
    Claimed {
        key: String,
        granted: bool,
    },
}

/// Who wrote a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Visitor,
    Agent,
    Bot,
}

/// One message of the conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// Unique within the conversation ("m1", "m2", ...).
    pub id: String,
    /// The automatic message id that produced it ("welcome_message" and
    /// "absence_message" for those two; None for starter answers, visitor
    /// and agent messages).
    pub rule: Option<String>,
    pub author: Author,
    pub text: String,
    pub at: Timestamp,
}

/// Everything the engine asks its host to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Replace the whole conversation (page load with a saved one, another
    /// tab's newer one, reset).
    Conversation(Vec<ChatMessage>),
    /// Append one message.
    Message(ChatMessage),
    /// The proactive bubble over the closed launcher (None = hide).
    Preview(Option<ChatMessage>),
    /// Starter titles to show now, in order (empty = hide).
    Starters(Vec<String>),
    Unread(u32),
    Team {
        status: TeamStatus,
        open_now: bool,
    },
    /// The persisted state; never emitted while consent is required and
    /// not given.
    Persist(String),
    Stat(StatEvent),
    /// An automatic message fired (the JS API "message" event).
    Fired {
        message_id: String,
        text: String,
    },
    /// A once-per-visitor or once-per-session message is due: ask the tabs'
    /// shared registry for `key` (the first asker wins; the browser uses a
    /// Web Lock of that name held for the page's life) and answer with
    /// `Input::Claimed`. Only with `Engine::with_claims(true)`.
    Claim {
        key: String,
    },
}
