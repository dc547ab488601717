//! The site configuration: types and the validating decoder.
//!
//! `parse_config` turns one JSON document into a [`Config`] plus every
//! problem found. Only a JSON syntax error or a non-object root is fatal; a
//! broken rule is dropped with its error and the rest keeps working.
//! The tables at the top are shared with the JSON Schema generator.

use super::clock::{parse_date, parse_hhmm, BusinessHours};
use super::conditions::{parse_condition, Condition, TEAM_STATUSES, WEEKDAYS};
use super::json::{self, Value};
use super::patterns::Patterns;
use super::placeholders::{Template, STANDARD_FACTS};
use super::presets::{presets, PRESET_NAMES};
use super::validate::{index, join, one_of, Checker, Diagnostic, Severity};

pub const ROOT_FIELDS: &[&str] = &[
    "$schema",
    "site",
    "business_hours",
    "establishments",
    "team",
    "welcome_message",
    "absence_message",
    "starters",
    "presets",
    "auto_messages",
    "behaviour",
    "ui",
    "analytics",
    "inbox",
];
pub const SITE_FIELDS: &[&str] = &["name", "language", "time_zone"];
pub const TEAM_FIELDS: &[&str] = &["name", "status", "avatar", "reply_time"];
pub const STARTER_FIELDS: &[&str] = &["title", "answer"];
pub const AUTO_MESSAGE_FIELDS: &[&str] = &[
    "id",
    "text",
    "trigger",
    "conditions",
    "frequency",
    "priority",
    "enabled",
];
pub const PRESET_FIELDS: &[&str] = &["text", "delay", "enabled", "priority"];
pub const BEHAVIOUR_FIELDS: &[&str] = &[
    "min_gap_seconds",
    "quiet_during_agent_conversation",
    "consent_required",
];
pub const EXCEPTION_FIELDS: &[&str] = &["date", "hours"];
pub const UI_POSITIONS: &[&str] = &["right", "left"];
/// Trigger types and their parameter (None = no parameter).
pub const TRIGGERS: &[(&str, Option<&str>)] = &[
    ("time_on_page", Some("seconds")),
    ("time_on_site", Some("seconds")),
    ("page_view", Some("delay")),
    ("scroll", Some("percent")),
    ("exit_intent", None),
    ("visitor_message_unanswered", Some("seconds")),
    ("visitor_message_offline", Some("seconds")),
    ("chat_opened", None),
    ("event", Some("name")),
];
pub const FREQUENCIES: &[&str] = &[
    "once_per_visitor",
    "once_per_session",
    "once_per_page_view",
    "always",
];
pub const MAX_STARTERS: usize = 5;

/// What the visitor's team looks like right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamStatus {
    Online,
    Busy,
    Offline,
}

impl TeamStatus {
    /// Index into `TEAM_STATUSES`.
    pub fn index(self) -> u8 {
        match self {
            TeamStatus::Online => 0,
            TeamStatus::Busy => 1,
            TeamStatus::Offline => 2,
        }
    }
}

/// When an automatic message becomes due. Durations are in milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    TimeOnPage(u64),
    TimeOnSite(u64),
    PageView(u64),
    Scroll(u8),
    ExitIntent,
    VisitorMessageUnanswered(u64),
    VisitorMessageOffline(u64),
    ChatOpened,
    Event(String),
}

impl Trigger {
    /// Replies to the visitor (not marketing): never held back by the
    /// minimum gap or by an active agent conversation.
    pub fn is_service(&self) -> bool {
        matches!(
            self,
            Trigger::VisitorMessageUnanswered(_) | Trigger::VisitorMessageOffline(_)
        )
    }
    fn with_delay(&self, ms: u64) -> Trigger {
        match self {
            Trigger::TimeOnPage(_) => Trigger::TimeOnPage(ms),
            Trigger::TimeOnSite(_) => Trigger::TimeOnSite(ms),
            Trigger::PageView(_) => Trigger::PageView(ms),
            Trigger::VisitorMessageUnanswered(_) => Trigger::VisitorMessageUnanswered(ms),
            Trigger::VisitorMessageOffline(_) => Trigger::VisitorMessageOffline(ms),
            other => other.clone(),
        }
    }
}

/// How often one visitor may get a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    OncePerVisitor,
    OncePerSession,
    OncePerPageView,
    Always,
    /// Milliseconds between two firings.
    Cooldown(u64),
}

/// One automatic message (custom or preset), ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Unique; the preset name for presets. Used in stats and the JS API.
    pub id: String,
    pub text: Template,
    pub trigger: Trigger,
    pub conditions: Option<Condition>,
    pub frequency: Frequency,
    /// Higher wins when several messages are due at once.
    pub priority: i64,
    pub preset: bool,
}

/// A place the merchant runs; its facts fill `{{establishment.*}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Establishment {
    pub id: String,
    /// All string fields, `id` and `name` included.
    pub facts: Vec<(String, String)>,
}

/// A conversation starter: a title the visitor clicks, and its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Starter {
    pub title: Template,
    pub answer: Template,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub name: String,
    pub language: String,
    pub time_zone: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    pub name: String,
    pub status: TeamStatus,
    pub avatar: Option<String>,
    pub reply_time: String,
}

/// Global behaviour switches.
#[derive(Debug, Clone, PartialEq)]
pub struct Behaviour {
    /// Minimum time between two marketing messages, in ms.
    pub min_gap_ms: u64,
    /// No marketing message while an agent conversation is active.
    pub quiet_during_agent_conversation: bool,
    /// Nothing is persisted until the page grants consent.
    pub consent_required: bool,
}

/// A validated site configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub site: Site,
    /// None = always open.
    pub business_hours: Option<BusinessHours>,
    pub establishments: Vec<Establishment>,
    pub team: Team,
    pub welcome_message: Option<Template>,
    pub absence_message: Option<Template>,
    pub starters: Vec<Starter>,
    /// Sorted by priority (highest first), then declaration order (custom
    /// messages before presets). The engine relies on this order.
    pub rules: Vec<Rule>,
    pub behaviour: Behaviour,
    /// UI options, passed through for the UI (invalid known keys removed).
    pub ui: Value,
    /// Statistics destinations and the inbox (`analytics`, `inbox`).
    pub destinations: crate::analytics::settings::Destinations,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site: Site {
                name: String::new(),
                language: "en".to_string(),
                time_zone: "UTC".to_string(),
            },
            business_hours: None,
            establishments: Vec::new(),
            team: Team {
                name: String::new(),
                status: TeamStatus::Online,
                avatar: None,
                reply_time: String::new(),
            },
            welcome_message: None,
            absence_message: None,
            starters: Vec::new(),
            rules: Vec::new(),
            behaviour: Behaviour {
                min_gap_ms: 0,
                quiet_during_agent_conversation: true,
                consent_required: false,
            },
            ui: Value::Object(Vec::new()),
            destinations: Default::default(),
        }
    }
}

/// Parses and validates a configuration document.
///
/// Err only for a JSON syntax error (with line and column) or a root that
/// is not an object; everything else is a diagnostic beside a usable config.
pub fn parse_config(
    text: &str,
    patterns: &mut dyn Patterns,
) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
    let root = match json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let mut msg = String::from("JSON syntax error at line ");
            json::write_int(e.line as i64, &mut msg);
            msg.push_str(", column ");
            json::write_int(e.column as i64, &mut msg);
            msg.push_str(": ");
            msg.push_str(&e.message);
            return Err(Diagnostic {
                severity: Severity::Error,
                path: String::new(),
                message: msg,
            });
        }
    };
    if root.as_object().is_none() {
        return Err(Diagnostic {
            severity: Severity::Error,
            path: String::new(),
            message: format!("expected an object at the root, found {}", root.kind()),
        });
    }
    let mut ck = Checker::new(patterns);
    let config = decode(&mut ck, &root);
    Ok((config, ck.diags))
}

fn decode(ck: &mut Checker, root: &Value) -> Config {
    let mut c = Config::default();
    ck.object(root, "", ROOT_FIELDS);

    if let Some(v) = root.get("site") {
        if let Some(fields) = ck.object(v, "site", SITE_FIELDS) {
            for (k, val) in fields {
                let p = join("site", k);
                match k.as_str() {
                    "name" => c.site.name = plain(ck, val, &p),
                    "language" => {
                        if let Some(l) = ck.string(val, &p) {
                            c.site.language = l
                        }
                    }
                    "time_zone" => {
                        if let Some(z) = ck.string(val, &p) {
                            c.site.time_zone = z
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    if let Some(v) = root.get("establishments") {
        c.establishments = decode_establishments(ck, v);
    }
    ck.establishment_ids = c.establishments.iter().map(|e| e.id.clone()).collect();
    let mut facts: Vec<String> = Vec::new();
    if !c.establishments.is_empty() {
        facts.extend(STANDARD_FACTS.iter().map(|s| s.to_string()));
        for e in &c.establishments {
            for (k, _) in &e.facts {
                if !facts.contains(k) {
                    facts.push(k.clone());
                }
            }
        }
    }
    ck.establishment_facts = facts;

    if let Some(v) = root.get("business_hours") {
        c.business_hours = decode_hours(ck, v);
    }

    if let Some(v) = root.get("team") {
        if let Some(fields) = ck.object(v, "team", TEAM_FIELDS) {
            for (k, val) in fields {
                let p = join("team", k);
                match k.as_str() {
                    "name" => c.team.name = plain(ck, val, &p),
                    "reply_time" => c.team.reply_time = plain(ck, val, &p),
                    "avatar" => {
                        c.team.avatar = match val {
                            Value::Null => None,
                            _ => ck.string(val, &p),
                        }
                    }
                    "status" => {
                        c.team.status = match ck.choice(val, &p, TEAM_STATUSES) {
                            Some(1) => TeamStatus::Busy,
                            Some(2) => TeamStatus::Offline,
                            _ => TeamStatus::Online,
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    if let Some(v) = root.get("welcome_message") {
        c.welcome_message = template(ck, v, "welcome_message");
    }
    if let Some(v) = root.get("absence_message") {
        c.absence_message = template(ck, v, "absence_message");
    }

    if let Some(v) = root.get("starters") {
        match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = index("starters", i);
                    if i >= MAX_STARTERS {
                        ck.error(
                            &p,
                            "too many starters, dropped; expected between 1 and 5".to_string(),
                        );
                        continue;
                    }
                    if let Some(s) = decode_starter(ck, item, &p) {
                        c.starters.push(s);
                    }
                }
            }
            None => ck.expected("starters", "an array of starters", v),
        }
    }

    if let Some(v) = root.get("behaviour") {
        if let Some(fields) = ck.object(v, "behaviour", BEHAVIOUR_FIELDS) {
            for (k, val) in fields {
                let p = join("behaviour", k);
                match k.as_str() {
                    "min_gap_seconds" => {
                        if let Some(ms) = ck.seconds(val, &p) {
                            c.behaviour.min_gap_ms = ms
                        }
                    }
                    "quiet_during_agent_conversation" => {
                        if let Some(b) = ck.boolean(val, &p) {
                            c.behaviour.quiet_during_agent_conversation = b
                        }
                    }
                    "consent_required" => {
                        if let Some(b) = ck.boolean(val, &p) {
                            c.behaviour.consent_required = b
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    if let Some(v) = root.get("ui") {
        c.ui = decode_ui(ck, v);
    }
    c.destinations = crate::analytics::settings::decode(ck, root);

    // Rules: custom messages first, then presets; then a stable sort by
    // priority so that ties keep this declaration order.
    let mut rules: Vec<Rule> = Vec::new();
    if let Some(v) = root.get("auto_messages") {
        match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = index("auto_messages", i);
                    if let Some(r) = decode_rule(ck, item, &p) {
                        if rules.iter().any(|o| o.id == r.id) {
                            ck.error(
                                &join(&p, "id"),
                                format!("duplicate id \"{}\"; expected a unique id", r.id),
                            );
                        } else {
                            rules.push(r);
                        }
                    }
                }
            }
            None => ck.expected("auto_messages", "an array of automatic messages", v),
        }
    }
    if let Some(v) = root.get("presets") {
        let french = c.site.language.to_ascii_lowercase().starts_with("fr");
        for r in decode_presets(ck, v, french) {
            if rules.iter().any(|o| o.id == r.id) {
                ck.error(
                    &join("presets", &r.id),
                    format!("an automatic message already uses the id \"{}\"", r.id),
                );
            } else {
                rules.push(r);
            }
        }
    }
    super::sort_small(&mut rules, |a, b| a.priority > b.priority);
    c.rules = rules;
    c
}

/// A string that is inserted into texts: it may not contain placeholders.
fn plain(ck: &mut Checker, v: &Value, path: &str) -> String {
    match ck.string(v, path) {
        Some(s) if super::find_str(&s, "{{").is_some() => {
            ck.error(path, "placeholders are not allowed here".to_string());
            String::new()
        }
        Some(s) => s,
        None => String::new(),
    }
}

fn template(ck: &mut Checker, v: &Value, path: &str) -> Option<Template> {
    let text = ck.string(v, path)?;
    let facts = ck.establishment_facts.clone();
    let known = move |f: &str| facts.iter().any(|k| k == f);
    match Template::parse(&text, &known) {
        Ok(t) => Some(t),
        Err(e) => {
            ck.error(path, e);
            None
        }
    }
}

fn decode_establishments(ck: &mut Checker, v: &Value) -> Vec<Establishment> {
    let mut out: Vec<Establishment> = Vec::new();
    let items = match v.as_array() {
        Some(a) => a,
        None => {
            ck.expected("establishments", "an array of establishments", v);
            return out;
        }
    };
    for (i, item) in items.iter().enumerate() {
        let p = index("establishments", i);
        let fields = match item.as_object() {
            Some(f) => f,
            None => {
                ck.expected(&p, "an object", item);
                continue;
            }
        };
        let mut facts = Vec::new();
        let mut ok = true;
        for (k, val) in fields {
            let fp = join(&p, k);
            match val {
                Value::String(s) if super::find_str(&s, "{{").is_some() => {
                    ck.error(
                        &fp,
                        "placeholders are not allowed in establishment facts".to_string(),
                    );
                    ok = false;
                }
                Value::String(s) => facts.push((k.clone(), s.clone())),
                Value::Null => {}
                other => {
                    ck.expected(&fp, "a string", other);
                    ok = false;
                }
            }
        }
        let id = facts
            .iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| v.clone());
        match id {
            None => ck.error(
                &p,
                "missing \"id\"; expected a unique string id".to_string(),
            ),
            Some(id) if out.iter().any(|e| e.id == id) => ck.error(
                &join(&p, "id"),
                format!("duplicate establishment id \"{}\"", id),
            ),
            Some(id) if ok => out.push(Establishment { id, facts }),
            Some(_) => {}
        }
    }
    out
}

fn decode_slots(ck: &mut Checker, v: &Value, path: &str) -> Option<Vec<(u16, u16)>> {
    let items = match v.as_array() {
        Some(a) => a,
        None => {
            ck.expected(path, "an array of [\"HH:MM\", \"HH:MM\"] slots", v);
            return None;
        }
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        let pair = item.as_array().filter(|a| a.len() == 2);
        let parsed = pair.and_then(|a| {
            let from = parse_hhmm(a.first()?.as_str()?)?;
            let to = parse_hhmm(a.get(1)?.as_str()?)?;
            Some((from, to))
        });
        match parsed {
            Some((from, to)) if from < to => out.push((from, to)),
            Some(_) => {
                ck.error(
                    &p,
                    "empty slot; expected the start before the end".to_string(),
                );
                ok = false;
            }
            None => {
                ck.error(
                    &p,
                    "invalid slot; expected [\"HH:MM\", \"HH:MM\"]".to_string(),
                );
                ok = false;
            }
        }
    }
    if ok {
        Some(out)
    } else {
        None
    }
}

fn decode_hours(ck: &mut Checker, v: &Value) -> Option<BusinessHours> {
    let mut allowed: Vec<&str> = WEEKDAYS.to_vec();
    allowed.push("exceptions");
    let fields = ck.object(v, "business_hours", &allowed)?;
    let mut h = BusinessHours::default();
    for (k, val) in fields {
        let p = join("business_hours", k);
        if let Some(d) = WEEKDAYS.iter().position(|w| w == k) {
            if let (Some(slots), Some(day)) = (decode_slots(ck, val, &p), h.week.get_mut(d)) {
                *day = slots;
            }
        } else if k == "exceptions" {
            let items = match val.as_array() {
                Some(a) => a,
                None => {
                    ck.expected(&p, "an array of exceptions", val);
                    continue;
                }
            };
            for (i, item) in items.iter().enumerate() {
                let ep = index(&p, i);
                if ck.object(item, &ep, EXCEPTION_FIELDS).is_none() {
                    continue;
                }
                let date = match item.get("date").and_then(|d| d.as_str()) {
                    Some(s) => match parse_date(s) {
                        Some(d) => Some(d),
                        None => {
                            ck.error(
                                &join(&ep, "date"),
                                format!("invalid date \"{}\"; expected YYYY-MM-DD", s),
                            );
                            None
                        }
                    },
                    None => {
                        ck.error(&ep, "missing \"date\"; expected YYYY-MM-DD".to_string());
                        None
                    }
                };
                let slots = match item.get("hours") {
                    Some(hv) => decode_slots(ck, hv, &join(&ep, "hours")),
                    None => Some(Vec::new()),
                };
                if let (Some(d), Some(s)) = (date, slots) {
                    h.exceptions.push((d, s));
                }
            }
        }
    }
    Some(h)
}

fn decode_starter(ck: &mut Checker, v: &Value, path: &str) -> Option<Starter> {
    ck.object(v, path, STARTER_FIELDS)?;
    let get = |ck: &mut Checker, k: &str| match v.get(k) {
        Some(x) => template(ck, x, &join(path, k)),
        None => {
            ck.error(path, format!("missing \"{}\"", k));
            None
        }
    };
    let title = get(ck, "title");
    let answer = get(ck, "answer");
    Some(Starter {
        title: title?,
        answer: answer?,
    })
}

fn decode_ui(ck: &mut Checker, v: &Value) -> Value {
    let fields = match v.as_object() {
        Some(f) => f,
        None => {
            ck.expected("ui", "an object", v);
            return Value::Object(Vec::new());
        }
    };
    let mut kept = Vec::new();
    for (k, val) in fields {
        let p = join("ui", k);
        let ok = match k.as_str() {
            "color" => match val.as_str() {
                Some(s) if is_hex_colour(s) => true,
                _ => {
                    ck.error(&p, "invalid colour; expected #rgb or #rrggbb".to_string());
                    false
                }
            },
            "position" => ck.choice(val, &p, UI_POSITIONS).is_some(),
            "z_index" => ck.integer(val, &p).is_some(),
            _ => true,
        };
        if ok {
            kept.push((k.clone(), val.clone()));
        }
    }
    Value::Object(kept)
}

fn is_hex_colour(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 4 || b.len() == 7) && b[0] == b'#' && b[1..].iter().all(|c| c.is_ascii_hexdigit())
}

fn decode_trigger(ck: &mut Checker, v: &Value, path: &str) -> Option<Trigger> {
    let fields = match v.as_object() {
        Some(f) => f,
        None => {
            ck.expected(
                path,
                "an object like {\"type\": \"time_on_page\", \"seconds\": 30}",
                v,
            );
            return None;
        }
    };
    let ty_path = join(path, "type");
    let names: Vec<&str> = TRIGGERS.iter().map(|t| t.0).collect();
    let ty = match v.get("type") {
        Some(t) => ck.choice(t, &ty_path, &names)?,
        None => {
            ck.error(
                path,
                format!("missing \"type\"; expected one of {}", one_of(&names)),
            );
            return None;
        }
    };
    let (name, param) = TRIGGERS.get(ty).copied()?;
    for (k, _) in fields {
        if k != "type" && Some(k.as_str()) != param {
            ck.warn(
                &join(path, k),
                format!("unknown field for trigger \"{}\", ignored", name),
            );
        }
    }
    let param_value = param.and_then(|p| v.get(p));
    let pp = join(path, param.unwrap_or(""));
    let need = |ck: &mut Checker| {
        ck.error(path, format!("missing \"{}\"", param.unwrap_or("")));
    };
    let secs = |ck: &mut Checker| match param_value {
        Some(x) => ck.seconds(x, &pp),
        None => {
            need(ck);
            None
        }
    };
    Some(match name {
        "time_on_page" => Trigger::TimeOnPage(secs(ck)?),
        "time_on_site" => Trigger::TimeOnSite(secs(ck)?),
        "page_view" => Trigger::PageView(match param_value {
            Some(x) => ck.seconds(x, &pp)?,
            None => 0,
        }),
        "scroll" => match param_value {
            Some(x) => match x.as_i64() {
                Some(n) if (0..=100).contains(&n) => Trigger::Scroll(n as u8),
                _ => {
                    ck.error(
                        &pp,
                        "expected an integer percentage from 0 to 100".to_string(),
                    );
                    return None;
                }
            },
            None => {
                need(ck);
                return None;
            }
        },
        "exit_intent" => Trigger::ExitIntent,
        "visitor_message_unanswered" => Trigger::VisitorMessageUnanswered(secs(ck)?),
        "visitor_message_offline" => Trigger::VisitorMessageOffline(secs(ck)?),
        "chat_opened" => Trigger::ChatOpened,
        _ => match param_value {
            Some(x) => Trigger::Event(ck.string(x, &pp)?),
            None => {
                need(ck);
                return None;
            }
        },
    })
}

fn decode_frequency(ck: &mut Checker, v: &Value, path: &str) -> Option<Frequency> {
    if let Some(fields) = v.as_object() {
        let cd = match fields.iter().find(|(k, _)| k == "cooldown") {
            Some((_, x)) => ck.seconds(x, &join(path, "cooldown"))?,
            None => {
                ck.error(path, "expected {\"cooldown\": seconds}".to_string());
                return None;
            }
        };
        ck.object(v, path, &["cooldown"]);
        return Some(Frequency::Cooldown(cd));
    }
    if v.as_str().is_none() {
        ck.expected(path, "a frequency name or {\"cooldown\": seconds}", v);
        return None;
    }
    Some(match ck.choice(v, path, FREQUENCIES)? {
        0 => Frequency::OncePerVisitor,
        1 => Frequency::OncePerSession,
        2 => Frequency::OncePerPageView,
        _ => Frequency::Always,
    })
}

fn decode_rule(ck: &mut Checker, v: &Value, path: &str) -> Option<Rule> {
    ck.object(v, path, AUTO_MESSAGE_FIELDS)?;
    let before = ck.errors();
    let id = match v.get("id") {
        Some(x) => match ck.string(x, &join(path, "id")) {
            Some(s) if s.is_empty() => {
                ck.error(
                    &join(path, "id"),
                    "empty id; expected a unique string".to_string(),
                );
                None
            }
            s => s,
        },
        None => {
            ck.error(path, "missing \"id\"; expected a unique string".to_string());
            None
        }
    };
    let text = match v.get("text") {
        Some(x) => template(ck, x, &join(path, "text")),
        None => {
            ck.error(path, "missing \"text\"".to_string());
            None
        }
    };
    let trigger = match v.get("trigger") {
        Some(x) => decode_trigger(ck, x, &join(path, "trigger")),
        None => {
            ck.error(path, "missing \"trigger\"".to_string());
            None
        }
    };
    let conditions = match v.get("conditions") {
        Some(x) => parse_condition(ck, x, &join(path, "conditions"), 0),
        None => None,
    };
    let frequency = match v.get("frequency") {
        Some(x) => decode_frequency(ck, x, &join(path, "frequency")),
        None => Some(Frequency::OncePerSession),
    };
    let priority = match v.get("priority") {
        Some(x) => ck.integer(x, &join(path, "priority")),
        None => Some(0),
    };
    let enabled = match v.get("enabled") {
        Some(x) => ck.boolean(x, &join(path, "enabled")),
        None => Some(true),
    };
    if ck.errors() > before {
        return None;
    }
    if enabled != Some(true) {
        return None;
    }
    Some(Rule {
        id: id?,
        text: text?,
        trigger: trigger?,
        conditions,
        frequency: frequency?,
        priority: priority?,
        preset: false,
    })
}

fn decode_presets(ck: &mut Checker, v: &Value, french: bool) -> Vec<Rule> {
    let table = presets();
    let mut wanted: Vec<(String, String, Option<&Value>)> = Vec::new();
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if let Some(s) = ck.string(item, &index("presets", i)) {
                    wanted.push((s, index("presets", i), None));
                }
            }
        }
        Value::Object(fields) => {
            for (k, val) in fields {
                wanted.push((k.clone(), join("presets", k), Some(val)));
            }
        }
        other => ck.expected("presets", "an array of preset names or an object", other),
    }
    let mut out: Vec<Rule> = Vec::new();
    for (name, path, over) in wanted {
        let preset = match table.iter().find(|p| p.name == name) {
            Some(p) => p,
            None => {
                ck.error(
                    &path,
                    format!(
                        "unknown preset \"{}\"; expected one of {}",
                        name,
                        one_of(PRESET_NAMES)
                    ),
                );
                continue;
            }
        };
        if out.iter().any(|r| r.id == name) {
            ck.warn(&path, "preset listed twice, ignored".to_string());
            continue;
        }
        let mut text = Template::plain(if french { preset.fr } else { preset.en });
        let mut trigger = preset.trigger.clone();
        let mut priority = 0;
        if let Some(o) = over {
            if o.as_bool() == Some(false) {
                continue;
            }
            if o.as_bool() == Some(true) {
                // `"busy": true` enables with the defaults.
            } else {
                if ck.object(o, &path, PRESET_FIELDS).is_none() {
                    continue;
                }
                let before = ck.errors();
                if let Some(t) = o.get("text") {
                    if let Some(t) = template(ck, t, &join(&path, "text")) {
                        text = t;
                    }
                }
                if let Some(d) = o.get("delay") {
                    if let Some(ms) = ck.seconds(d, &join(&path, "delay")) {
                        trigger = trigger.with_delay(ms);
                    }
                }
                if let Some(p) = o.get("priority") {
                    priority = ck.integer(p, &join(&path, "priority")).unwrap_or(0);
                }
                let enabled = match o.get("enabled") {
                    Some(e) => ck.boolean(e, &join(&path, "enabled")),
                    None => Some(true),
                };
                if ck.errors() > before || enabled != Some(true) {
                    continue;
                }
            }
        }
        let mut conds = Vec::new();
        if let Some(first) = preset.visitor {
            conds.push(Condition::Visitor(first));
        }
        if preset.team_not_offline {
            conds.push(Condition::TeamStatus(0b011));
        }
        out.push(Rule {
            id: name.clone(),
            text,
            trigger,
            conditions: if conds.is_empty() {
                None
            } else {
                Some(Condition::All(conds))
            },
            frequency: preset.frequency,
            priority,
            preset: true,
        });
    }
    out
}
