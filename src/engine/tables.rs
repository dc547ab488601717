//! Every config object, described once (see `fields.rs`): the decoder
//! checks against these tables, `schema.rs` turns them into the JSON
//! Schema and `reference.rs` into the README's field reference.
//!
//! Each enumerated concept is a `named!` enum with one name table.

use super::fields::{doc_text, named, Dflt, Doc, Field, Table, Ty};

named! {
    /// What the visitor's team looks like right now.
    pub enum TeamStatus {
        Online = "online",
        Busy = "busy",
        Offline = "offline",
    }
}

named! {
    /// How often one visitor may get a message (besides `{"cooldown": s}`).
    pub enum FrequencyName {
        OncePerVisitor = "once_per_visitor",
        OncePerSession = "once_per_session",
        OncePerPageView = "once_per_page_view",
        Always = "always",
    }
}

named! {
    /// The kinds of trigger.
    pub enum TriggerKind {
        TimeOnPage = "time_on_page",
        TimeOnSite = "time_on_site",
        PageView = "page_view",
        Scroll = "scroll",
        ExitIntent = "exit_intent",
        VisitorMessageUnanswered = "visitor_message_unanswered",
        VisitorMessageOffline = "visitor_message_offline",
        ChatOpened = "chat_opened",
        Event = "event",
    }
}

named! {
    /// Operators on texts (url, title, referrer, query, utm, attribute).
    pub enum StringOp {
        Equals = "equals",
        Contains = "contains",
        StartsWith = "starts_with",
        EndsWith = "ends_with",
        Wildcard = "wildcard",
        Regex = "regex",
    }
}

named! {
    /// Operators on numbers (visit_number, pages_viewed, days_since_last_visit).
    pub enum CmpOp {
        Eq = "eq",
        Ne = "ne",
        Gt = "gt",
        Gte = "gte",
        Lt = "lt",
        Lte = "lte",
    }
}

named! {
    /// Days of the week, Monday first (the index is the wall clock's).
    pub enum Weekday {
        Mon = "mon",
        Tue = "tue",
        Wed = "wed",
        Thu = "thu",
        Fri = "fri",
        Sat = "sat",
        Sun = "sun",
    }
}

named! {
    /// Device classes by viewport width.
    pub enum Device {
        Mobile = "mobile",
        Tablet = "tablet",
        Desktop = "desktop",
    }
}

named! {
    pub enum VisitorKind {
        First = "first",
        Returning = "returning",
    }
}

named! {
    pub enum OpenState {
        Open = "open",
        Closed = "closed",
    }
}

named! {
    /// Which bottom corner the launcher sits in.
    pub enum Position {
        Right = "right",
        Left = "left",
    }
}

named! {
    /// The predefined messages of the Smartsupp help page, in its order.
    pub enum PresetName {
        FirstVisit = "first_visit",
        ReturningVisitor = "returning_visitor",
        Busy = "busy",
        Offline = "offline",
        NewProduct = "new_product",
        FirstOrderDiscount = "first_order_discount",
    }
}

named! {
    /// The keys of a condition object, in the order of [`CONDITIONS`],
    /// whose fields are named by these variants.
    pub enum ConditionKey {
        All = "all",
        Any = "any",
        Not = "not",
        Url = "url",
        Title = "title",
        Referrer = "referrer",
        Query = "query",
        Utm = "utm",
        Attribute = "attribute",
        Visitor = "visitor",
        VisitNumber = "visit_number",
        PagesViewed = "pages_viewed",
        DaysSinceLastVisit = "days_since_last_visit",
        Language = "language",
        Device = "device",
        Weekday = "weekday",
        TimeOfDay = "time_of_day",
        BusinessHours = "business_hours",
        TeamStatus = "team_status",
        Establishment = "establishment",
    }
}

/// An optional field (also used by the `analytics` tables).
pub(crate) const fn opt(name: &'static str, ty: Ty, default: Dflt, doc: Doc) -> Field {
    Field {
        name,
        ty,
        required: false,
        default,
        doc,
    }
}

const fn req(name: &'static str, ty: Ty, doc: Doc) -> Field {
    Field {
        name,
        ty,
        required: true,
        default: Dflt::None,
        doc,
    }
}

pub const MAX_STARTERS: usize = 5;

pub static ROOT: Table = Table {
    path: "",
    doc: doc_text!("One JSON document per site."),
    fields: &[
        opt("$schema", Ty::Str, Dflt::None, doc_text!("Path or URL of `nudge.schema.json`, for editors; the widget ignores it.")),
        opt("site", Ty::Object(&SITE), Dflt::None, doc_text!("The site: name, language, time zone.")),
        opt("business_hours", Ty::Def("businessHours"), Dflt::None, doc_text!("Chat hours on the site's wall clock; none = always open.")),
        opt("establishments", Ty::Def("establishments"), Dflt::None, doc_text!("The places the merchant runs; their facts fill `{{establishment.*}}`.")),
        opt("team", Ty::Object(&TEAM), Dflt::None, doc_text!("The team shown in the header.")),
        opt("welcome_message", Ty::Text, Dflt::None, doc_text!("Posted when the visitor opens an empty conversation while the team is available.")),
        opt("absence_message", Ty::Text, Dflt::None, doc_text!("Posted instead of the welcome when the team is offline or outside business hours.")),
        opt("starters", Ty::List(&STARTER, MAX_STARTERS), Dflt::None, doc_text!("Conversation starters, 1 to 5, shown in this order until the visitor types.")),
        opt("message_sets", Ty::List(&MESSAGE_SET, 0), Dflt::None, doc_text!("Per-establishment welcome, absence, starters and hours; the first set listing the page's establishment wins.")),
        opt("presets", Ty::Def("presets"), Dflt::None, doc_text!("Predefined messages to turn on; a preset is off unless listed.")),
        opt("auto_messages", Ty::List(&AUTO_MESSAGE, 0), Dflt::None, doc_text!("The merchant's own automatic messages.")),
        opt("behaviour", Ty::Object(&BEHAVIOUR), Dflt::None, doc_text!("Global switches.")),
        opt("ui", Ty::Object(&UI), Dflt::None, doc_text!("Look and interface texts.")),
        opt("analytics", Ty::Object(&crate::analytics::settings::ANALYTICS), Dflt::None, doc_text!("Statistics destinations: tag managers and a beacon endpoint.")),
        opt("inbox", Ty::Object(&crate::analytics::settings::INBOX), Dflt::None, doc_text!("An endpoint that receives visitor messages.")),
    ],
    extra: None,
};

pub static SITE: Table = Table {
    path: "site",
    doc: doc_text!("The site."),
    fields: &[
        opt(
            "name",
            Ty::Plain,
            Dflt::Str(""),
            doc_text!("For `{{site.name}}`; the header's name when the team has none."),
        ),
        opt(
            "language",
            Ty::Str,
            Dflt::Str("en"),
            doc_text!("`fr…` picks the French preset and interface texts, anything else English."),
        ),
        opt(
            "time_zone",
            Ty::Str,
            Dflt::Str("UTC"),
            doc_text!("IANA time zone of business hours and time conditions, e.g. `Europe/Paris`."),
        ),
    ],
    extra: None,
};

pub static TEAM: Table = Table {
    path: "team",
    doc: doc_text!("The team."),
    fields: &[
        opt("name", Ty::Plain, Dflt::Str(""), doc_text!("For `{{team.name}}` and the header.")),
        opt("status", Ty::Choice(TeamStatus::NAMES), Dflt::Str("online"), doc_text!("Changeable at run time (`Nudge('setTeamStatus', …)`); outside business hours the team is offline whatever this says.")),
        opt("avatar", Ty::Def("avatar"), Dflt::None, doc_text!("Image URL (http or https) or null; without it the header shows initials.")),
        opt("reply_time", Ty::Plain, Dflt::Str(""), doc_text!("For `{{team.reply_time}}` and the header's reply-time line, e.g. `quelques minutes`.")),
    ],
    extra: None,
};

pub static STARTER: Table = Table {
    path: "starters[]",
    doc: doc_text!("A conversation starter: the visitor clicks the title, the answer follows."),
    fields: &[
        req(
            "title",
            Ty::Text,
            doc_text!("What the visitor clicks (posted as the visitor's message)."),
        ),
        req("answer", Ty::Text, doc_text!("The bot's answer.")),
    ],
    extra: None,
};

pub static MESSAGE_SET: Table = Table {
    path: "message_sets[]",
    doc: doc_text!("What some establishments say instead of the site-wide defaults; a field left out falls back to the site-wide one."),
    fields: &[
        req("establishments", Ty::Def("establishmentIds"), doc_text!("Non-empty array of establishment ids; an id already listed by an earlier set is a warning (the earlier set wins).")),
        opt("welcome_message", Ty::Text, Dflt::None, doc_text!("This set's welcome message.")),
        opt("absence_message", Ty::Text, Dflt::None, doc_text!("This set's absence message.")),
        opt("starters", Ty::List(&STARTER, MAX_STARTERS), Dflt::None, doc_text!("This set's starters (1 to 5).")),
        opt("business_hours", Ty::Def("businessHours"), Dflt::None, doc_text!("This set's chat hours (same shape as the site's).")),
    ],
    extra: None,
};

pub static AUTO_MESSAGE: Table = Table {
    path: "auto_messages[]",
    doc: doc_text!("One automatic message."),
    fields: &[
        req(
            "id",
            Ty::Str,
            doc_text!("Unique, non-empty; the id in statistics and every JS API event."),
        ),
        req("text", Ty::Text, doc_text!("The message.")),
        req(
            "trigger",
            Ty::Def("trigger"),
            doc_text!("When it becomes due (see Triggers)."),
        ),
        opt(
            "conditions",
            Ty::Def("condition"),
            Dflt::None,
            doc_text!("Who, where and when (see Conditions); none = always."),
        ),
        opt(
            "frequency",
            Ty::Def("frequency"),
            Dflt::Str("once_per_session"),
            doc_text!("How often one visitor may get it, or `{\"cooldown\": seconds}`."),
        ),
        opt(
            "priority",
            Ty::Int,
            Dflt::Int(0),
            doc_text!("Higher wins when several messages are due on one input."),
        ),
        opt(
            "enabled",
            Ty::Bool,
            Dflt::Bool(true),
            doc_text!("false keeps it in the config without running it."),
        ),
    ],
    extra: None,
};

pub static PRESET: Table = Table {
    path: "presets.<name>",
    doc: doc_text!(
        "A preset turned on with settings (or `true` for its defaults, `false` for off)."
    ),
    fields: &[
        opt(
            "text",
            Ty::Text,
            Dflt::None,
            doc_text!("Replaces the seed's text (default: the text in the site's language)."),
        ),
        opt(
            "delay",
            Ty::Seconds,
            Dflt::None,
            doc_text!("Replaces the preset's seconds (default: the seed's)."),
        ),
        opt(
            "priority",
            Ty::Int,
            Dflt::Int(0),
            doc_text!("As for automatic messages."),
        ),
        opt(
            "enabled",
            Ty::Bool,
            Dflt::Bool(true),
            doc_text!("false turns it off."),
        ),
    ],
    extra: None,
};

pub static BEHAVIOUR: Table = Table {
    path: "behaviour",
    doc: doc_text!("Global switches."),
    fields: &[
        opt(
            "min_gap_seconds",
            Ty::Seconds,
            Dflt::Int(0),
            doc_text!(
                "Minimum time between two marketing messages (replies to the visitor are exempt)."
            ),
        ),
        opt(
            "quiet_during_agent_conversation",
            Ty::Bool,
            Dflt::Bool(true),
            doc_text!("No marketing message once an agent has written in the session."),
        ),
        opt(
            "consent_required",
            Ty::Bool,
            Dflt::Bool(false),
            doc_text!("Nothing is stored before `Nudge('consent', true)`."),
        ),
    ],
    extra: None,
};

pub static UI: Table = Table {
    path: "ui",
    doc: doc_text!("Look and interface texts."),
    fields: &[
        opt("color", Ty::Color, Dflt::Str("#1f5fd1"), doc_text!("Accent colour, `#rgb` or `#rrggbb`.")),
        opt("position", Ty::Choice(Position::NAMES), Dflt::Str("right"), doc_text!("Bottom corner of the launcher.")),
        opt("z_index", Ty::Int, Dflt::Int(2_147_483_000), doc_text!("Stacking order of the widget.")),
        opt("language", Ty::Str, Dflt::None, doc_text!("Interface language (default: `site.language`, itself `\"en\"` unless set; `\"\"` means the visitor's browser language).")),
        opt("texts", Ty::Object(&UI_TEXTS), Dflt::None, doc_text!("Interface texts replacing the built-in ones: a text key applies to every language; a language code (`\"fr\": {…}`) holds texts for that language only.")),
    ],
    extra: None,
};

/// The interface texts `ui.texts` may replace (the UI's `Texts::slot`
/// knows the same keys; a test checks it).
pub static UI_TEXTS: Table = Table {
    path: "ui.texts",
    doc: doc_text!("Interface texts (English defaults shown)."),
    fields: &[
        opt(
            "launcher_label",
            Ty::Str,
            Dflt::Str("Open chat"),
            doc_text!("The launcher's accessible name."),
        ),
        opt(
            "close_label",
            Ty::Str,
            Dflt::Str("Close chat"),
            doc_text!("The close buttons' accessible name."),
        ),
        opt(
            "unread_one",
            Ty::Str,
            Dflt::Str("unread message"),
            doc_text!("After the count in the launcher's name, singular."),
        ),
        opt(
            "unread_many",
            Ty::Str,
            Dflt::Str("unread messages"),
            doc_text!("After the count in the launcher's name, plural."),
        ),
        opt(
            "dismiss_label",
            Ty::Str,
            Dflt::Str("Dismiss message"),
            doc_text!("The preview's close button."),
        ),
        opt(
            "status_online",
            Ty::Str,
            Dflt::Str("Online"),
            doc_text!("Header status."),
        ),
        opt(
            "status_busy",
            Ty::Str,
            Dflt::Str("Busy"),
            doc_text!("Header status."),
        ),
        opt(
            "status_offline",
            Ty::Str,
            Dflt::Str("Offline"),
            doc_text!("Header status (also outside business hours)."),
        ),
        opt(
            "conversation_label",
            Ty::Str,
            Dflt::Str("Conversation"),
            doc_text!("Accessible name of the message list."),
        ),
        opt(
            "starters_label",
            Ty::Str,
            Dflt::Str("Suggested questions"),
            doc_text!("Accessible name of the starters."),
        ),
        opt(
            "message_label",
            Ty::Str,
            Dflt::Str("Message"),
            doc_text!("Accessible name of the composer."),
        ),
        opt(
            "placeholder",
            Ty::Str,
            Dflt::Str("Write a message…"),
            doc_text!("The composer's placeholder."),
        ),
        opt(
            "send_label",
            Ty::Str,
            Dflt::Str("Send"),
            doc_text!("The send button."),
        ),
        opt(
            "you_label",
            Ty::Str,
            Dflt::Str("You"),
            doc_text!("Screen-reader prefix of the visitor's own messages."),
        ),
        opt(
            "reply_time",
            Ty::Str,
            Dflt::Str("Replies in {}"),
            doc_text!("The header's reply-time line; `{}` is `team.reply_time`."),
        ),
    ],
    extra: Some(Ty::Def("uiTextsOfLanguage")),
};

pub static EXCEPTION: Table = Table {
    path: "business_hours.exceptions[]",
    doc: doc_text!("A date whose hours replace the weekday's."),
    fields: &[
        req("date", Ty::Date, doc_text!("`YYYY-MM-DD`.")),
        req(
            "hours",
            Ty::Def("slots"),
            doc_text!("The slots of that day; `[]` = closed."),
        ),
    ],
    extra: None,
};

/// The keys of a condition object (several keys must all hold).
pub static CONDITIONS: Table = Table {
    path: "conditions",
    doc: doc_text!("A JSON object; several keys in one object must all hold."),
    fields: &[
        opt(ConditionKey::All.name(), Ty::Def("conditionList"), Dflt::None, doc_text!("Every condition of the list holds.")),
        opt(ConditionKey::Any.name(), Ty::Def("conditionList"), Dflt::None, doc_text!("At least one condition of the list holds.")),
        opt(ConditionKey::Not.name(), Ty::Def("condition"), Dflt::None, doc_text!("The condition does not hold.")),
        opt(ConditionKey::Url.name(), Ty::Def("stringMatch"), Dflt::None, doc_text!("The page's full URL (scheme, host, path, query and fragment), percent-decoded (`+` kept).")),
        opt(ConditionKey::Title.name(), Ty::Def("stringMatch"), Dflt::None, doc_text!("The page's title.")),
        opt(ConditionKey::Referrer.name(), Ty::Def("stringMatch"), Dflt::None, doc_text!("The referring page's URL, percent-decoded; empty when none.")),
        opt(ConditionKey::Query.name(), Ty::Def("namedMatch"), Dflt::None, doc_text!("A query parameter of this page (`name` exact, value decoded, `+` = space).")),
        opt(ConditionKey::Utm.name(), Ty::Def("namedMatch"), Dflt::None, doc_text!("A UTM parameter of the session's landing page (`\"source\"` means `utm_source`).")),
        opt(ConditionKey::Attribute.name(), Ty::Def("attributeMatch"), Dflt::None, doc_text!("An attribute set by `Nudge('set', …)`: `{name, <op>}` or `{name, exists}`.")),
        opt(ConditionKey::Visitor.name(), Ty::Choice(VisitorKind::NAMES), Dflt::None, doc_text!("First visit (visit 1) or returning (visit ≥ 2).")),
        opt(ConditionKey::VisitNumber.name(), Ty::Def("compare"), Dflt::None, doc_text!("Sessions so far, this one included.")),
        opt(ConditionKey::PagesViewed.name(), Ty::Def("compare"), Dflt::None, doc_text!("Page views in this session, this one included.")),
        opt(ConditionKey::DaysSinceLastVisit.name(), Ty::Def("compare"), Dflt::None, doc_text!("Whole days since the previous visit's last activity (false on a first visit).")),
        opt(ConditionKey::Language.name(), Ty::Def("languages"), Dflt::None, doc_text!("The browser's primary language subtag, one or a list.")),
        opt(ConditionKey::Device.name(), Ty::Choices(Device::NAMES), Dflt::None, doc_text!("`mobile` < 768 px ≤ `tablet` < 1024 px ≤ `desktop`.")),
        opt(ConditionKey::Weekday.name(), Ty::Choices(Weekday::NAMES), Dflt::None, doc_text!("On the site's wall clock.")),
        opt(ConditionKey::TimeOfDay.name(), Ty::Def("timeOfDay"), Dflt::None, doc_text!("`{from, to}` as `[from, to)`, wrapping past midnight.")),
        opt(ConditionKey::BusinessHours.name(), Ty::Choice(OpenState::NAMES), Dflt::None, doc_text!("Within the page's chat hours or not.")),
        opt(ConditionKey::TeamStatus.name(), Ty::Choices(TeamStatus::NAMES), Dflt::None, doc_text!("The status the visitor sees (offline outside business hours).")),
        opt(ConditionKey::Establishment.name(), Ty::Def("establishmentIdOrIds"), Dflt::None, doc_text!("The page's establishment id, one or a list.")),
    ],
    extra: None,
};

/// One trigger kind and its parameter.
pub struct TriggerDoc {
    pub kind: TriggerKind,
    pub param: Option<Field>,
    pub doc: Doc,
}

pub static TRIGGERS: &[TriggerDoc] = &[
    TriggerDoc { kind: TriggerKind::TimeOnPage, param: Some(req("seconds", Ty::Seconds, doc_text!(""))), doc: doc_text!("Visible time on this page view (restarts on a URL change).") },
    TriggerDoc { kind: TriggerKind::TimeOnSite, param: Some(req("seconds", Ty::Seconds, doc_text!(""))), doc: doc_text!("Time since the visit started, hidden time included; due while hidden, it fires when the page is visible again.") },
    TriggerDoc { kind: TriggerKind::PageView, param: Some(opt("delay", Ty::Seconds, Dflt::Int(0), doc_text!(""))), doc: doc_text!("Each page load and each SPA URL change, after `delay`.") },
    TriggerDoc { kind: TriggerKind::Scroll, param: Some(req("percent", Ty::Def("percent"), doc_text!(""))), doc: doc_text!("Scrolled at least `percent` (0–100) of the page.") },
    TriggerDoc { kind: TriggerKind::ExitIntent, param: None, doc: doc_text!("The pointer leaves the window towards the top.") },
    TriggerDoc { kind: TriggerKind::VisitorMessageUnanswered, param: Some(req("seconds", Ty::Seconds, doc_text!(""))), doc: doc_text!("A visitor message no agent answered for `seconds`, team available.") },
    TriggerDoc { kind: TriggerKind::VisitorMessageOffline, param: Some(req("seconds", Ty::Seconds, doc_text!(""))), doc: doc_text!("`seconds` after a visitor message written while the team is offline (or outside business hours).") },
    TriggerDoc { kind: TriggerKind::ChatOpened, param: None, doc: doc_text!("The visitor opens the chat.") },
    TriggerDoc { kind: TriggerKind::Event, param: Some(req("name", Ty::Str, doc_text!(""))), doc: doc_text!("`Nudge('track', name)`.") },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder matches on [`ConditionKey`] and the docs read
    /// [`CONDITIONS`]: a key added to one and not the other fails here.
    #[test]
    fn every_condition_key_is_documented_once_in_the_conditions_table() {
        assert_eq!(CONDITIONS.names(), ConditionKey::NAMES);
    }
}
