//! The state that outlives a page load: one versioned JSON value.
//!
//! Why hand-written: no serde in the wasm (size). Why versioned: a visitor
//! keeps yesterday's state in localStorage while the widget updates; older
//! versions are migrated (`v0` → `v1`), anything unreadable is replaced by a
//! fresh state and reported. Decoding never panics.
//!
//! v1: `{"v":1,"visitor":{..},"session":{..},"rules":{id:[..]},
//! "conversation":{..},"attributes":[[k,v],..]}`
//! v0 (the first format): `{"visits":n,"last_visit":ms,"fired":[ids]}`.
//!
//! Hardening. A state written by a NEWER widget (`"v"` above [`VERSION`])
//! is not ours to rewrite: [`Persisted::from_json`] says so with
//! [`LoadError::Newer`], and the engine then runs from memory and never
//! persists (`Engine::saved_state_is_newer`), so an old cached script in one
//! tab cannot destroy what the new one saved. Timestamps read from storage
//! that lie in the future (a device clock that was ahead) are clamped to now
//! ([`Persisted::clamp_future`]) on load and on tab sync, so they cannot
//! freeze sessions, cooldowns or time on site until the clock catches up.
//! Message ids never go back: the counter is at least the highest `m<n>` id
//! read, and after an unreadable state it restarts from the clock.

use super::clock::Timestamp;
use super::io::{Author, ChatMessage};
use super::json::{self, int, obj, s, Value};
use super::limits::MAX_CONVERSATION_MESSAGES;
use super::stats::Counters;

pub const VERSION: i64 = 1;

/// What is remembered about one automatic message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuleRecord {
    /// When it last fired (once per visitor, cooldown).
    pub last_fired: Option<u64>,
    /// Start of the session in which it last fired (once per session).
    pub session_fired: u64,
    pub dismissed: bool,
    pub counters: Counters,
}

impl RuleRecord {
    /// Timestamps after `now` become `now`.
    pub fn clamp_future(&mut self, now: u64) {
        self.last_fired = self.last_fired.map(|t| t.min(now));
        self.session_fired = self.session_fired.min(now);
    }
    pub fn is_default(&self) -> bool {
        *self == RuleRecord::default()
    }
    pub fn merge(&self, o: &RuleRecord) -> RuleRecord {
        RuleRecord {
            last_fired: self.last_fired.max(o.last_fired),
            session_fired: self.session_fired.max(o.session_fired),
            dismissed: self.dismissed || o.dismissed,
            counters: self.counters.max(&o.counters),
        }
    }
}

/// The current visit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    pub start: u64,
    /// Last visitor activity; 30 minutes after it the session is over.
    pub last: u64,
    pub pages: u64,
    /// An agent wrote in this session.
    pub agent: bool,
    /// UTM parameters of the session's landing page.
    pub utm: Vec<(String, String)>,
    /// When the last marketing message fired (minimum gap).
    pub last_marketing: Option<u64>,
    /// Messages fired in this session that the visitor hasn't answered yet.
    pub unconverted: Vec<String>,
    /// Messages already counted `converted` in this session (once each).
    pub converted: Vec<String>,
}

/// The conversation shared by all tabs.
///
/// Tabs merge conversations by message id: the union of both, ordered by
/// time, then id number, then id (so every tab shows the same order), and
/// bounded by [`MAX_CONVERSATION_MESSAGES`] (the oldest go first). Two
/// visitor messages typed at the same moment in two tabs are both kept,
/// provided each tab tags its ids (`Engine::with_tab`). A reset starts a
/// new `epoch`: a conversation of a later epoch replaces an earlier one
/// instead of being merged with it, so a reset is not undone by a tab that
/// still shows the old conversation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Conversation {
    /// When the conversation was last reset (0 = never); see the type doc.
    pub epoch: u64,
    /// Time of the last change; the newer one's unread count wins a merge.
    pub updated: u64,
    pub next_id: u64,
    pub unread: u32,
    /// The visitor typed a message of their own (starters are hidden).
    pub typed: bool,
    pub messages: Vec<ChatMessage>,
}

/// Everything persisted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Persisted {
    /// Visit number of the current session (0 = never seen).
    pub visits: u64,
    pub first_seen: u64,
    /// Last activity of the previous visit (days since last visit).
    pub prev_last: Option<u64>,
    pub session: Session,
    pub rules: Vec<(String, RuleRecord)>,
    pub conversation: Conversation,
    pub attributes: Vec<(String, String)>,
}

/// Why a saved state was not loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Written by a newer version (its `"v"`): leave it untouched.
    Newer(i64),
    /// Not a saved state we can read (the caller starts fresh).
    Unreadable(String),
}

impl LoadError {
    /// A message for diagnostics.
    pub fn message(&self) -> String {
        match self {
            LoadError::Newer(v) => {
                let mut m = String::from("written by a newer version (v");
                json::write_int(*v, &mut m);
                m.push_str("); left untouched, running from memory");
                m
            }
            LoadError::Unreadable(e) => e.clone(),
        }
    }
}

/// The number of a message id `m<n>` (with or without a `.tab` suffix).
pub fn message_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix('m')?.split('.').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut n: u64 = 0;
    for b in digits.bytes() {
        n = n.checked_mul(10)?.checked_add((b - b'0') as u64)?;
    }
    Some(n)
}

fn pairs(v: &[(String, String)]) -> Value {
    Value::Array(
        v.iter()
            .map(|(k, x)| Value::Array(vec![s(k), s(x)]))
            .collect(),
    )
}

fn read_pairs(v: Option<&Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in v.and_then(|v| v.as_array()).unwrap_or(&[]) {
        if let Some([Value::String(k), Value::String(x)]) = item.as_array() {
            out.push((k.clone(), x.clone()));
        }
    }
    out
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(|a| a.as_array())
        .unwrap_or(&[])
        .iter()
        .filter_map(|x| x.as_str().map(|x| x.to_string()))
        .collect()
}

fn opt(n: Option<u64>) -> Value {
    match n {
        Some(n) => int(n as i64),
        None => Value::Null,
    }
}

fn u(v: Option<&Value>) -> u64 {
    v.and_then(|x| x.as_i64()).unwrap_or(0).max(0) as u64
}

fn ou(v: Option<&Value>) -> Option<u64> {
    v.and_then(|x| x.as_i64()).map(|n| n.max(0) as u64)
}

fn author_name(a: Author) -> &'static str {
    match a {
        Author::Visitor => "visitor",
        Author::Agent => "agent",
        Author::Bot => "bot",
    }
}

/// Serializes a message (shared with the JS API's needs).
pub fn message_value(m: &ChatMessage) -> Value {
    let mut f = vec![("id", s(&m.id))];
    if let Some(r) = &m.rule {
        f.push(("rule", s(r)));
    }
    f.push(("author", s(author_name(m.author))));
    f.push(("text", s(&m.text)));
    f.push(("at", int(m.at.0 as i64)));
    obj(f)
}

fn read_message(v: &Value) -> Option<ChatMessage> {
    Some(ChatMessage {
        id: v.get("id")?.as_str()?.to_string(),
        rule: v
            .get("rule")
            .and_then(|r| r.as_str())
            .map(|r| r.to_string()),
        author: match v.get("author")?.as_str()? {
            "visitor" => Author::Visitor,
            "agent" => Author::Agent,
            _ => Author::Bot,
        },
        text: v.get("text")?.as_str()?.to_string(),
        at: Timestamp(u(v.get("at"))),
    })
}

impl Persisted {
    /// The v1 JSON text.
    pub fn to_json(&self) -> String {
        let rules = self
            .rules
            .iter()
            .filter(|(_, r)| !r.is_default())
            .map(|(id, r)| {
                let c = r.counters.to_array();
                let mut a = vec![
                    opt(r.last_fired),
                    int(r.session_fired as i64),
                    int(r.dismissed as i64),
                ];
                a.extend(c.iter().map(|&n| int(n as i64)));
                (id.clone(), Value::Array(a))
            })
            .collect();
        let ss = &self.session;
        obj(vec![
            ("v", int(VERSION)),
            (
                "visitor",
                obj(vec![
                    ("visits", int(self.visits as i64)),
                    ("first", int(self.first_seen as i64)),
                    ("prev_last", opt(self.prev_last)),
                ]),
            ),
            (
                "session",
                obj(vec![
                    ("start", int(ss.start as i64)),
                    ("last", int(ss.last as i64)),
                    ("pages", int(ss.pages as i64)),
                    ("agent", Value::Bool(ss.agent)),
                    ("utm", pairs(&ss.utm)),
                    ("last_marketing", opt(ss.last_marketing)),
                    (
                        "unconverted",
                        Value::Array(ss.unconverted.iter().map(|x| s(x)).collect()),
                    ),
                    (
                        "converted",
                        Value::Array(ss.converted.iter().map(|x| s(x)).collect()),
                    ),
                ]),
            ),
            ("rules", Value::Object(rules)),
            (
                "conversation",
                obj(vec![
                    ("epoch", int(self.conversation.epoch as i64)),
                    ("updated", int(self.conversation.updated as i64)),
                    ("next", int(self.conversation.next_id as i64)),
                    ("unread", int(self.conversation.unread as i64)),
                    ("typed", Value::Bool(self.conversation.typed)),
                    (
                        "messages",
                        Value::Array(
                            self.conversation
                                .messages
                                .iter()
                                .map(message_value)
                                .collect(),
                        ),
                    ),
                ]),
            ),
            ("attributes", pairs(&self.attributes)),
        ])
        .to_json()
    }

    /// Reads any known version. `Newer`: a later version wrote it (leave it
    /// alone); `Unreadable`: the caller starts fresh.
    pub fn from_json(text: &str) -> Result<Persisted, LoadError> {
        let v = json::parse(text).map_err(|e| LoadError::Unreadable(e.message))?;
        if v.as_object().is_none() {
            return Err(LoadError::Unreadable(
                "saved state is not an object".to_string(),
            ));
        }
        match v.get("v").map(|x| x.as_i64()) {
            None => Ok(migrate_v0(&v)),
            Some(Some(1)) => Ok(read_v1(&v)),
            Some(Some(n)) if n > VERSION => Err(LoadError::Newer(n)),
            _ => Err(LoadError::Unreadable(
                "unknown saved state version".to_string(),
            )),
        }
    }

    /// Every timestamp after `now` becomes `now` (a state saved while the
    /// device clock was ahead). Rule records are clamped by their owner.
    pub fn clamp_future(&mut self, now: u64) {
        self.first_seen = self.first_seen.min(now);
        self.prev_last = self.prev_last.map(|t| t.min(now));
        let ss = &mut self.session;
        ss.start = ss.start.min(now);
        ss.last = ss.last.min(now);
        ss.last_marketing = ss.last_marketing.map(|t| t.min(now));
        for (_, r) in self.rules.iter_mut() {
            r.clamp_future(now);
        }
        // Message times are shown, never waited on, and must stay equal in
        // every tab (the merge orders by them): they are left as written.
        self.conversation.updated = self.conversation.updated.min(now);
    }

    /// Merges another tab's state into this one. Returns true if the
    /// conversation changed (see [`Conversation::merge`]).
    pub fn merge(&mut self, o: &Persisted) -> bool {
        if o.visits > self.visits {
            self.visits = o.visits;
            self.prev_last = o.prev_last;
            self.session = o.session.clone();
        } else if o.visits == self.visits && o.session.start == self.session.start {
            let ss = &mut self.session;
            ss.last = ss.last.max(o.session.last);
            ss.pages = ss.pages.max(o.session.pages);
            ss.agent |= o.session.agent;
            ss.last_marketing = ss.last_marketing.max(o.session.last_marketing);
            for id in &o.session.converted {
                if !ss.converted.contains(id) {
                    ss.converted.push(id.clone());
                }
            }
            for id in &o.session.unconverted {
                if !ss.unconverted.contains(id) && !ss.converted.contains(id) {
                    ss.unconverted.push(id.clone());
                }
            }
        }
        if self.first_seen == 0 || (o.first_seen != 0 && o.first_seen < self.first_seen) {
            self.first_seen = o.first_seen;
        }
        for (id, r) in &o.rules {
            match self.rules.iter_mut().find(|(k, _)| k == id) {
                Some((_, mine)) => *mine = mine.merge(r),
                None => self.rules.push((id.clone(), *r)),
            }
        }
        for (k, v) in &o.attributes {
            if !self.attributes.iter().any(|(m, _)| m == k) {
                self.attributes.push((k.clone(), v.clone()));
            }
        }
        self.conversation.merge(&o.conversation)
    }
}

/// Whether message `a` comes before `b` in every tab.
fn earlier(a: &ChatMessage, b: &ChatMessage) -> bool {
    (a.at, message_number(&a.id), &a.id) < (b.at, message_number(&b.id), &b.id)
}

impl Conversation {
    /// Appends a message, dropping the oldest beyond the bound.
    pub fn push(&mut self, m: ChatMessage) {
        self.messages.push(m);
        let excess = self
            .messages
            .len()
            .saturating_sub(MAX_CONVERSATION_MESSAGES);
        self.messages.drain(..excess);
    }

    /// Merges another tab's conversation into this one (see the type doc).
    /// Returns true if what this tab shows changed (messages or unread).
    pub fn merge(&mut self, o: &Conversation) -> bool {
        if o.epoch != self.epoch {
            if o.epoch > self.epoch {
                *self = o.clone();
                return true;
            }
            return false;
        }
        let mut changed = false;
        for m in &o.messages {
            if !self.messages.iter().any(|x| x.id == m.id) {
                self.messages.push(m.clone());
                changed = true;
            }
        }
        if changed {
            super::sort_small(&mut self.messages, earlier);
            let excess = self
                .messages
                .len()
                .saturating_sub(MAX_CONVERSATION_MESSAGES);
            self.messages.drain(..excess);
        }
        if o.updated > self.updated && o.unread != self.unread {
            self.unread = o.unread;
            changed = true;
        }
        if o.typed && !self.typed {
            self.typed = true;
            changed = true;
        }
        self.updated = self.updated.max(o.updated);
        self.next_id = self.next_id.max(o.next_id);
        changed
    }
}

fn read_v1(v: &Value) -> Persisted {
    let empty = Value::Null;
    let vis = v.get("visitor").unwrap_or(&empty);
    let ss = v.get("session").unwrap_or(&empty);
    let conv = v.get("conversation").unwrap_or(&empty);
    let mut rules = Vec::new();
    for (id, r) in v.get("rules").and_then(|r| r.as_object()).unwrap_or(&[]) {
        let a = r.as_array().unwrap_or(&[]);
        let mut c = [0u32; 5];
        for (i, slot) in c.iter_mut().enumerate() {
            *slot = u(a.get(3 + i)).min(u32::MAX as u64) as u32;
        }
        rules.push((
            id.clone(),
            RuleRecord {
                last_fired: ou(a.first()),
                session_fired: u(a.get(1)),
                dismissed: u(a.get(2)) != 0,
                counters: Counters::from_array(c),
            },
        ));
    }
    let mut messages: Vec<ChatMessage> = conv
        .get("messages")
        .and_then(|m| m.as_array())
        .unwrap_or(&[])
        .iter()
        .filter_map(read_message)
        .collect();
    let excess = messages.len().saturating_sub(MAX_CONVERSATION_MESSAGES);
    messages.drain(..excess);
    // Never below an id in use, whatever `next` says (a damaged state).
    let highest = messages
        .iter()
        .filter_map(|m| message_number(&m.id))
        .max()
        .unwrap_or(0);
    Persisted {
        visits: u(vis.get("visits")),
        first_seen: u(vis.get("first")),
        prev_last: ou(vis.get("prev_last")),
        session: Session {
            start: u(ss.get("start")),
            last: u(ss.get("last")),
            pages: u(ss.get("pages")),
            agent: ss.get("agent").and_then(|b| b.as_bool()).unwrap_or(false),
            utm: read_pairs(ss.get("utm")),
            last_marketing: ou(ss.get("last_marketing")),
            unconverted: strings(ss.get("unconverted")),
            converted: strings(ss.get("converted")),
        },
        rules,
        conversation: Conversation {
            epoch: u(conv.get("epoch")),
            updated: u(conv.get("updated")),
            next_id: u(conv.get("next")).max(highest),
            unread: u(conv.get("unread")).min(u32::MAX as u64) as u32,
            typed: conv.get("typed").and_then(|b| b.as_bool()).unwrap_or(false),
            messages,
        },
        attributes: read_pairs(v.get("attributes")),
    }
}

/// v0 knew the visit count, the last visit time and the once-fired ids.
fn migrate_v0(v: &Value) -> Persisted {
    let last = u(v.get("last_visit"));
    let mut p = Persisted {
        visits: u(v.get("visits")),
        first_seen: last,
        ..Persisted::default()
    };
    p.session.start = last;
    p.session.last = last;
    for id in v.get("fired").and_then(|f| f.as_array()).unwrap_or(&[]) {
        if let Some(id) = id.as_str() {
            p.rules.push((
                id.to_string(),
                RuleRecord {
                    last_fired: Some(last),
                    session_fired: last,
                    ..RuleRecord::default()
                },
            ));
        }
    }
    p
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn v1_round_trips() {
        let mut p = Persisted {
            visits: 3,
            first_seen: 5,
            prev_last: Some(7),
            ..Persisted::default()
        };
        p.session.utm.push(("utm_source".into(), "news".into()));
        p.session.unconverted.push("a".into());
        p.rules.push((
            "a".into(),
            RuleRecord {
                last_fired: Some(9),
                session_fired: 8,
                dismissed: true,
                counters: Counters::from_array([1, 2, 3, 4, 5]),
            },
        ));
        p.conversation.messages.push(ChatMessage {
            id: "m1".into(),
            rule: Some("a".into()),
            author: Author::Bot,
            text: "héllo \"x\"".into(),
            at: Timestamp(9),
        });
        p.attributes.push(("plan".into(), "pro".into()));
        p.conversation.next_id = 1;
        let back = Persisted::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn v0_state_is_migrated_to_v1() {
        let p = Persisted::from_json(r#"{"visits":2,"last_visit":1000,"fired":["first_visit"]}"#)
            .unwrap();
        assert_eq!(p.visits, 2);
        assert_eq!(p.session.last, 1000);
        assert_eq!(p.rules[0].0, "first_visit");
        assert_eq!(p.rules[0].1.last_fired, Some(1000));
        assert!(p.to_json().starts_with("{\"v\":1,"));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for t in [
            "",
            "[]",
            "{\"v\":99}",
            "{\"v\":1,\"rules\":{\"a\":\"x\"},\"visitor\":3}",
            "\u{0}",
        ] {
            let _ = Persisted::from_json(t);
        }
        assert!(Persisted::from_json("{\"v\":1,\"rules\":{\"a\":\"x\"},\"visitor\":3}").is_ok());
    }
}
