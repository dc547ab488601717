//! The site configuration: types and the validating decoder.
//!
//! `parse_config` turns one JSON document into a [`Config`] plus every
//! problem found. Only a JSON syntax error or a non-object root is fatal; a
//! broken rule is dropped with its error and the rest keeps working.
//! What is checked comes from the field tables of `tables.rs` (the one
//! source of truth, shared with the JSON Schema and the README reference).

use super::clock::{parse_date, parse_hhmm, BusinessHours};
use super::conditions::{parse_condition, Condition};
use super::fields::{Fields, Ty};
use super::json::{self, Value};
use super::patterns::{NoPatterns, Patterns};
use super::placeholders::{Template, STANDARD_FACTS};
use super::presets::presets;
pub use super::tables::TeamStatus;
use super::tables::{
    FrequencyName, PresetName, TriggerKind, Weekday, AUTO_MESSAGE, EXCEPTION, MAX_STARTERS,
    MESSAGE_SET, PRESET, ROOT, STARTER, TRIGGERS, UI, UI_TEXTS,
};
use super::validate::{index, join, one_of, Checker, Diagnostic, Severity};

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

impl Frequency {
    /// The frequency a name stands for.
    pub fn of(name: FrequencyName) -> Frequency {
        match name {
            FrequencyName::OncePerVisitor => Frequency::OncePerVisitor,
            FrequencyName::OncePerSession => Frequency::OncePerSession,
            FrequencyName::OncePerPageView => Frequency::OncePerPageView,
            FrequencyName::Always => Frequency::Always,
        }
    }
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

/// The welcome, absence, starters and chat hours of some establishments
/// (Partoo's per-establishment settings). A field left out falls back to
/// the site-wide one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MessageSet {
    /// Ids of the establishments this set is for (known ids only).
    pub establishments: Vec<String>,
    pub welcome_message: Option<Template>,
    pub absence_message: Option<Template>,
    pub starters: Option<Vec<Starter>>,
    pub business_hours: Option<BusinessHours>,
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
    /// Per-establishment overrides; the first set listing a page's
    /// establishment wins.
    pub message_sets: Vec<MessageSet>,
    /// Sorted by priority (highest first), then declaration order (custom
    /// messages before presets). The engine relies on this order.
    pub rules: Vec<Rule>,
    pub behaviour: Behaviour,
    /// UI options, passed through for the UI (invalid known keys removed).
    pub ui: Value,
    /// Statistics destinations and the inbox (`analytics`, `inbox`).
    pub destinations: crate::analytics::settings::Destinations,
}

impl Config {
    /// What is wrong with a page's `data-establishment`, if anything: an id
    /// the config does not define would otherwise show, silently, the first
    /// establishment's facts, hours and messages (which is what happens).
    pub fn establishment_problem(&self, page: Option<&str>) -> Option<String> {
        let id = page?;
        if self.establishments.iter().any(|e| e.id == id) {
            return None;
        }
        let mut m = format!("data-establishment \"{id}\" is not an establishment of the config (");
        for (i, e) in self.establishments.iter().enumerate() {
            m.push_str(if i == 0 { "expected one of " } else { ", " });
            m.push_str(&e.id);
        }
        if self.establishments.is_empty() {
            m.push_str("it defines none");
        }
        m.push_str("); the first one, if any, is used");
        Some(m)
    }
}

impl Default for Config {
    /// The config of an empty document: every default comes from the
    /// field tables, through the decoder itself.
    fn default() -> Self {
        let mut patterns = NoPatterns;
        let mut ck = Checker::new(&mut patterns);
        decode(&mut ck, &Value::Object(Vec::new()))
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
    let (root, duplicates) = match json::parse_reporting(text) {
        Ok(v) => v,
        Err(e) => {
            // Too deep is not a syntax error; the "at line L, column C"
            // shape stays the same (the console reads it).
            let mut msg = String::from(if e.too_deep {
                "JSON too deep at line "
            } else {
                "JSON syntax error at line "
            });
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
    for path in duplicates {
        ck.warn(
            &path,
            "duplicate key; the last value is used (as JSON.parse does)".to_string(),
        );
    }
    let config = decode(&mut ck, &root);
    Ok((config, ck.diags))
}

/// The fields of an optional object `name` of `parent` (an absent object
/// decodes like an empty one, so its defaults apply).
fn child<'v>(ck: &mut Checker, parent: &Fields<'v>, name: &str) -> Fields<'v> {
    let table = match parent.table.field(name).map(|f| f.ty) {
        Some(Ty::Object(t)) => t,
        _ => unreachable!("{name} is not an object field"),
    };
    let path = parent.at(name);
    match parent.get(name).and_then(|v| ck.fields(v, &path, table)) {
        Some(f) => f,
        None => Fields {
            path,
            table,
            values: vec![None; table.fields.len()],
            complete: false,
        },
    }
}

fn decode(ck: &mut Checker, root: &Value) -> Config {
    let empty = Value::Object(Vec::new());
    let r = ck.fields(root, "", &ROOT).unwrap_or_else(|| Fields {
        path: String::new(),
        table: &ROOT,
        values: vec![None; ROOT.fields.len()],
        complete: false,
    });
    let _ = r.get("$schema"); // for editors only

    let site = child(ck, &r, "site");
    let site = Site {
        name: site.str_or_default("name"),
        language: site.str_or_default("language"),
        time_zone: site.str_or_default("time_zone"),
    };

    let establishments = match r.get("establishments") {
        Some(v) => decode_establishments(ck, v),
        None => Vec::new(),
    };
    ck.establishment_ids = establishments.iter().map(|e| e.id.clone()).collect();
    let mut facts: Vec<String> = Vec::new();
    if !establishments.is_empty() {
        facts.extend(STANDARD_FACTS.iter().map(|s| s.to_string()));
        for e in &establishments {
            for (k, _) in &e.facts {
                if !facts.contains(k) {
                    facts.push(k.clone());
                }
            }
        }
    }
    ck.establishment_facts = facts;

    let business_hours = r
        .get("business_hours")
        .and_then(|v| decode_hours(ck, v, "business_hours"));

    let t = child(ck, &r, "team");
    let team = Team {
        name: t.str_or_default("name"),
        status: t
            .choice("status")
            .map_or(TeamStatus::Online, |i| TeamStatus::ALL[i]),
        avatar: match t.get("avatar") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(other) => {
                ck.expected(&t.at("avatar"), "a URL string or null", other);
                None
            }
        },
        reply_time: t.str_or_default("reply_time"),
    };

    let welcome_message = text_field(ck, &r, "welcome_message");
    let absence_message = text_field(ck, &r, "absence_message");
    let starters = r
        .get("starters")
        .and_then(|v| decode_starters(ck, v, "starters"))
        .unwrap_or_default();
    let message_sets = match r.get("message_sets") {
        Some(v) => decode_message_sets(ck, v),
        None => Vec::new(),
    };

    let b = child(ck, &r, "behaviour");
    let behaviour = Behaviour {
        min_gap_ms: b.ms("min_gap_seconds"),
        quiet_during_agent_conversation: b.bool("quiet_during_agent_conversation"),
        consent_required: b.bool("consent_required"),
    };

    let ui = decode_ui(ck, r.get("ui").unwrap_or(&empty));
    let destinations = crate::analytics::settings::decode(ck, &r);

    // Rules: custom messages first, then presets; then a stable sort by
    // priority so that ties keep this declaration order.
    let mut rules: Vec<Rule> = Vec::new();
    if let Some(items) = r.get("auto_messages").and_then(Value::as_array) {
        for (i, item) in items.iter().enumerate() {
            let p = index("auto_messages", i);
            if let Some(rule) = decode_rule(ck, item, &p) {
                if rules.iter().any(|o| o.id == rule.id) {
                    ck.error(
                        &join(&p, "id"),
                        format!("duplicate id \"{}\"; expected a unique id", rule.id),
                    );
                } else {
                    rules.push(rule);
                }
            }
        }
    }
    if let Some(v) = r.get("presets") {
        let french = site.language.to_ascii_lowercase().starts_with("fr");
        for rule in decode_presets(ck, v, french) {
            if rules.iter().any(|o| o.id == rule.id) {
                ck.error(
                    &join("presets", &rule.id),
                    format!("an automatic message already uses the id \"{}\"", rule.id),
                );
            } else {
                rules.push(rule);
            }
        }
    }
    super::sort_small(&mut rules, |a, b| a.priority > b.priority);
    Config {
        site,
        business_hours,
        establishments,
        team,
        welcome_message,
        absence_message,
        starters,
        message_sets,
        rules,
        behaviour,
        ui,
        destinations,
    }
}

/// A template field of `f`, if present and valid.
fn text_field(ck: &mut Checker, f: &Fields, name: &str) -> Option<Template> {
    let v = f.get(name)?;
    template(ck, v, &f.at(name))
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
            match val {
                Value::Null => {}
                _ if ck.check(val, &join(&p, k), Ty::Plain) => {
                    facts.push((k.clone(), val.as_str().unwrap_or_default().to_string()))
                }
                _ => ok = false,
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
    ok.then_some(out)
}

fn decode_starters(ck: &mut Checker, v: &Value, path: &str) -> Option<Vec<Starter>> {
    let items = match v.as_array() {
        Some(items) => items,
        None => {
            ck.expected(path, "an array of starters", v);
            return None;
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        if i >= MAX_STARTERS {
            ck.error(
                &p,
                "too many starters, dropped; expected between 1 and 5".to_string(),
            );
            continue;
        }
        let Some(f) = ck.fields(item, &p, &STARTER) else {
            continue;
        };
        let title = text_field(ck, &f, "title");
        let answer = text_field(ck, &f, "answer");
        if let (Some(title), Some(answer)) = (title, answer) {
            out.push(Starter { title, answer });
        }
    }
    Some(out)
}

fn decode_message_sets(ck: &mut Checker, v: &Value) -> Vec<MessageSet> {
    let mut out: Vec<MessageSet> = Vec::new();
    let Some(items) = v.as_array() else {
        ck.expected("message_sets", "an array of message sets", v);
        return out;
    };
    for (i, item) in items.iter().enumerate() {
        let p = index("message_sets", i);
        let Some(f) = ck.fields(item, &p, &MESSAGE_SET) else {
            continue;
        };
        let ep = f.at("establishments");
        let ids = match f.get("establishments") {
            Some(Value::Array(ids)) if !ids.is_empty() => ids,
            Some(other) => {
                ck.expected(&ep, "a non-empty array of establishment ids", other);
                continue;
            }
            None => continue,
        };
        let mut set = MessageSet::default();
        for (j, id) in ids.iter().enumerate() {
            let ip = index(&ep, j);
            let Some(id) = ck.string(id, &ip) else {
                continue;
            };
            if !ck.establishment_ids.contains(&id) {
                let known = super::validate::join_all(
                    &mut ck.establishment_ids.iter().map(String::as_str),
                    ", ",
                );
                ck.error(
                    &ip,
                    format!(
                        "unknown establishment \"{}\"; expected one of {}",
                        id, known
                    ),
                );
            } else if let Some(k) = out.iter().position(|s| s.establishments.contains(&id)) {
                ck.warn(
                    &ip,
                    format!(
                        "establishment \"{}\" already has a message set (message_sets[{}]), which wins",
                        id, k
                    ),
                );
            } else if !set.establishments.contains(&id) {
                set.establishments.push(id);
            }
        }
        set.welcome_message = text_field(ck, &f, "welcome_message");
        set.absence_message = text_field(ck, &f, "absence_message");
        set.starters = f
            .get("starters")
            .and_then(|st| decode_starters(ck, st, &f.at("starters")));
        set.business_hours = f
            .get("business_hours")
            .and_then(|h| decode_hours(ck, h, &f.at("business_hours")));
        out.push(set);
    }
    out
}

fn decode_hours(ck: &mut Checker, v: &Value, path: &str) -> Option<BusinessHours> {
    let mut allowed: Vec<&str> = Weekday::NAMES.to_vec();
    allowed.push("exceptions");
    let fields = ck.object(v, path, &allowed)?;
    let mut h = BusinessHours::default();
    for (k, val) in fields {
        let p = join(path, k);
        if let Some(d) = Weekday::from_name(k) {
            if let (Some(slots), Some(day)) =
                (decode_slots(ck, val, &p), h.week.get_mut(d as usize))
            {
                *day = slots;
            }
        } else if k == "exceptions" {
            let Some(items) = val.as_array() else {
                ck.expected(&p, "an array of exceptions", val);
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let Some(f) = ck.fields(item, &index(&p, i), &EXCEPTION) else {
                    continue;
                };
                let date = f.str("date").and_then(parse_date);
                let slots = f
                    .get("hours")
                    .and_then(|hv| decode_slots(ck, hv, &f.at("hours")));
                if let (Some(d), Some(s)) = (date, slots) {
                    h.exceptions.push((d, s));
                }
            }
        }
    }
    Some(h)
}

fn decode_ui(ck: &mut Checker, v: &Value) -> Value {
    let Some(f) = ck.fields(v, "ui", &UI) else {
        return Value::Object(Vec::new());
    };
    let mut kept = Vec::new();
    for field in UI.fields {
        let Some(val) = f.get(field.name) else {
            continue;
        };
        let val = if field.name == "texts" {
            decode_ui_texts(ck, val, &f.at("texts"))
        } else {
            val.clone()
        };
        kept.push((field.name.to_string(), val));
    }
    Value::Object(kept)
}

/// `ui.texts`: text key → text (every language), or a language code →
/// {text key → text} (that language only). Only valid entries are kept.
fn decode_ui_texts(ck: &mut Checker, v: &Value, path: &str) -> Value {
    let mut kept = Vec::new();
    for (k, val) in v.as_object().unwrap_or(&[]) {
        let p = join(path, k);
        if UI_TEXTS.field(k).is_some() {
            if ck.check(val, &p, Ty::Str) {
                kept.push((k.clone(), val.clone()));
            }
        } else if is_language_code(k) && val.as_object().is_some() {
            // A misspelt key inside a language is said, like one outside.
            for (key, _) in val.as_object().unwrap_or(&[]) {
                if UI_TEXTS.field(key).is_none() {
                    ck.warn(
                        &join(&p, key),
                        format!(
                            "unknown interface text, ignored; expected one of {}",
                            one_of(&UI_TEXTS.names())
                        ),
                    );
                }
            }
            let inner = ck
                .fields(val, &p, &UI_TEXTS)
                .map(|f| {
                    let pairs = UI_TEXTS
                        .fields
                        .iter()
                        .filter_map(|t| f.get(t.name).map(|x| (t.name.to_string(), x.clone())));
                    Value::Object(pairs.collect())
                })
                .unwrap_or(Value::Object(Vec::new()));
            kept.push((k.clone(), inner));
        } else {
            ck.warn(
                &p,
                format!(
                    "unknown interface text, ignored; expected a language code or one of {}",
                    one_of(&UI_TEXTS.names())
                ),
            );
        }
    }
    Value::Object(kept)
}

/// A primary language subtag: 2 or 3 lowercase ASCII letters.
fn is_language_code(k: &str) -> bool {
    (2..=3).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_lowercase())
}

fn decode_trigger(ck: &mut Checker, v: &Value, path: &str) -> Option<Trigger> {
    let Some(fields) = v.as_object() else {
        ck.expected(
            path,
            "an object like {\"type\": \"time_on_page\", \"seconds\": 30}",
            v,
        );
        return None;
    };
    let ty_path = join(path, "type");
    let kind = match v.get("type") {
        Some(t) => TriggerKind::ALL[ck.choice(t, &ty_path, TriggerKind::NAMES)?],
        None => {
            ck.error(
                path,
                format!(
                    "missing \"type\"; expected one of {}",
                    one_of(TriggerKind::NAMES)
                ),
            );
            return None;
        }
    };
    let param = TRIGGERS
        .iter()
        .find(|t| t.kind == kind)
        .and_then(|t| t.param.as_ref());
    for (k, _) in fields {
        if k != "type" && param.is_none_or(|p| p.name != k) {
            ck.warn(
                &join(path, k),
                format!("unknown field for trigger \"{}\", ignored", kind.name()),
            );
        }
    }
    let value = match param {
        None => None,
        Some(p) => match v.get(p.name) {
            Some(x) => Some((x, join(path, p.name))),
            None if p.required => {
                ck.error(path, format!("missing \"{}\"", p.name));
                return None;
            }
            None => None,
        },
    };
    let ms = |ck: &mut Checker| match &value {
        Some((x, p)) => ck.seconds(x, p),
        None => Some(0),
    };
    Some(match kind {
        TriggerKind::TimeOnPage => Trigger::TimeOnPage(ms(ck)?),
        TriggerKind::TimeOnSite => Trigger::TimeOnSite(ms(ck)?),
        TriggerKind::PageView => Trigger::PageView(ms(ck)?),
        TriggerKind::Scroll => match value.as_ref().and_then(|(x, _)| x.as_i64()) {
            Some(n) if (0..=100).contains(&n) => Trigger::Scroll(n as u8),
            _ => {
                let p = value.map(|(_, p)| p).unwrap_or_default();
                ck.error(
                    &p,
                    "expected an integer percentage from 0 to 100".to_string(),
                );
                return None;
            }
        },
        TriggerKind::ExitIntent => Trigger::ExitIntent,
        TriggerKind::VisitorMessageUnanswered => Trigger::VisitorMessageUnanswered(ms(ck)?),
        TriggerKind::VisitorMessageOffline => Trigger::VisitorMessageOffline(ms(ck)?),
        TriggerKind::ChatOpened => Trigger::ChatOpened,
        TriggerKind::Event => {
            let (x, p) = value?;
            Trigger::Event(ck.string(x, &p)?)
        }
    })
}

fn decode_frequency(ck: &mut Checker, v: &Value, path: &str) -> Option<Frequency> {
    if v.as_object().is_some() {
        ck.object(v, path, &["cooldown"])?;
        return match v.get("cooldown") {
            Some(x) => Some(Frequency::Cooldown(ck.seconds(x, &join(path, "cooldown"))?)),
            None => {
                ck.error(path, "expected {\"cooldown\": seconds}".to_string());
                None
            }
        };
    }
    if v.as_str().is_none() {
        ck.expected(path, "a frequency name or {\"cooldown\": seconds}", v);
        return None;
    }
    let name = FrequencyName::ALL[ck.choice(v, path, FrequencyName::NAMES)?];
    Some(Frequency::of(name))
}

fn decode_rule(ck: &mut Checker, v: &Value, path: &str) -> Option<Rule> {
    let before = ck.errors();
    let f = ck.fields(v, path, &AUTO_MESSAGE)?;
    let id = match f.str("id") {
        Some("") => {
            ck.error(
                &f.at("id"),
                "empty id; expected a unique string".to_string(),
            );
            None
        }
        id => id.map(str::to_string),
    };
    let text = text_field(ck, &f, "text");
    let trigger = f
        .get("trigger")
        .and_then(|x| decode_trigger(ck, x, &f.at("trigger")));
    let conditions = f
        .get("conditions")
        .and_then(|x| parse_condition(ck, x, &f.at("conditions"), 0));
    let frequency = match f.get("frequency") {
        Some(x) => decode_frequency(ck, x, &f.at("frequency")),
        None => FrequencyName::from_name(&f.str_or_default("frequency")).map(Frequency::of),
    };
    if ck.errors() > before || !f.complete || !f.bool("enabled") {
        return None;
    }
    let trigger = trigger?;
    // "A visitor message no agent answered, team available" (the trigger's
    // doc): like the busy preset, the rule holds only while the team is
    // online or busy within business hours; offline is the offline reply's.
    let conditions = match trigger {
        Trigger::VisitorMessageUnanswered(_) => {
            let mut all: Vec<Condition> = conditions.into_iter().collect();
            all.push(team_available());
            Some(Condition::All(all))
        }
        _ => conditions,
    };
    Some(Rule {
        id: id?,
        text: text?,
        trigger,
        conditions,
        frequency: frequency?,
        priority: f.int("priority"),
        preset: false,
    })
}

/// The team is online or busy (within business hours: outside them it is
/// offline, whatever its status).
fn team_available() -> Condition {
    Condition::TeamStatus(1 << TeamStatus::Online as u32 | 1 << TeamStatus::Busy as u32)
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
        let Some(preset) =
            PresetName::from_name(&name).and_then(|n| table.iter().find(|p| p.name == n.name()))
        else {
            ck.error(
                &path,
                format!(
                    "unknown preset \"{}\"; expected one of {}",
                    name,
                    one_of(PresetName::NAMES)
                ),
            );
            continue;
        };
        if out.iter().any(|r| r.id == name) {
            ck.warn(&path, "preset listed twice, ignored".to_string());
            continue;
        }
        let mut text = Template::plain(if french { preset.fr } else { preset.en });
        let mut trigger = preset.trigger.clone();
        let mut priority = 0;
        match over {
            Some(Value::Bool(false)) => continue,
            // `"busy": true` enables with the defaults.
            Some(Value::Bool(true)) | None => {}
            Some(o) => {
                let before = ck.errors();
                let Some(f) = ck.fields(o, &path, &PRESET) else {
                    continue;
                };
                if let Some(t) = text_field(ck, &f, "text") {
                    text = t;
                }
                if f.get("delay").is_some() {
                    trigger = trigger.with_delay(f.ms("delay"));
                }
                priority = f.int("priority");
                if ck.errors() > before || !f.bool("enabled") {
                    continue;
                }
            }
        }
        let mut conds = Vec::new();
        if let Some(first) = preset.visitor {
            conds.push(Condition::Visitor(first));
        }
        if preset.team_not_offline {
            conds.push(team_available());
        }
        out.push(Rule {
            id: name.clone(),
            text,
            trigger,
            conditions: match conds.len() {
                0 => None,
                _ => Some(Condition::All(conds)),
            },
            frequency: preset.frequency,
            priority,
            preset: true,
        });
    }
    out
}
