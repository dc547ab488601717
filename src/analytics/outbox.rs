//! The persisted outbox and the JSON it sends, as plain text (pure, tested
//! natively). Nothing here knows about the browser.
//!
//! The outbox is one localStorage value: a first line with the number of
//! events dropped for space since the last delivered batch, then one line
//! per entry, `E` + an event's JSON or `M` + a visitor message's JSON. Every
//! entry carries its idempotency `key`, so the receiver can deduplicate what
//! at-least-once delivery sends twice. Each change re-reads the stored
//! value first (another tab may have written it).

use crate::engine::json::{self, write_int, write_string};

/// At most this many entries wait in the outbox; beyond, the oldest event
/// goes (counted in `dropped`), a visitor message only when no event is left.
/// 200 events are ~30 KB of JSON: one batch stays under the 64 KB that
/// `sendBeacon` and `fetch(keepalive)` accept.
pub const LIMIT: usize = 200;
/// The outbox is flushed as soon as it holds this many events.
pub const FLUSH_AT: usize = 20;
/// GA4 limits parameter values to 100 characters.
pub const MAX_VALUE: usize = 100;

/// The event types, as named in batches, `dataLayer` (`nudge_<type>`) and
/// Matomo's action.
pub const TYPES: [&str; 6] = [
    "fired",
    "shown",
    "opened",
    "dismissed",
    "starter_clicked",
    "contacted_after",
];
/// The same events as Plausible goal names.
pub const PLAUSIBLE_NAMES: [&str; 6] = [
    "Nudge Fired",
    "Nudge Shown",
    "Nudge Opened",
    "Nudge Dismissed",
    "Nudge Starter Clicked",
    "Nudge Contacted After",
];

/// One statistics event, before it gets a key and a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Index into [`TYPES`].
    pub kind: usize,
    /// The automatic message's id (`starters` for a starter click).
    pub message: String,
    /// The message's trigger type, when it is a configured message.
    pub trigger: Option<&'static str>,
    /// The page's URL path (at most [`MAX_VALUE`] characters).
    pub path: String,
    /// The starter's 0-based index, for `starter_clicked`.
    pub index: Option<u32>,
}

/// `text` cut to [`MAX_VALUE`] characters.
pub fn clip(text: &str) -> String {
    text.chars().take(MAX_VALUE).collect()
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
    write_string(value, out);
}

fn number(out: &mut String, name: &str, value: u64) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
    write_int(value as i64, out);
}

/// An event as it appears in a batch.
pub fn event_json(key: &str, event: &Event, at: u64) -> String {
    let mut out = String::from("{\"key\":");
    write_string(key, &mut out);
    field(&mut out, "type", TYPES[event.kind]);
    field(&mut out, "message", &event.message);
    if let Some(t) = event.trigger {
        field(&mut out, "trigger", t);
    }
    field(&mut out, "path", &event.path);
    if let Some(i) = event.index {
        number(&mut out, "index", i.into());
    }
    number(&mut out, "at", at);
    out.push('}');
    out
}

/// A visitor message as POSTed to the inbox.
pub fn message_json(
    key: &str,
    conversation: &str,
    message_id: &str,
    text: &str,
    url: &str,
    answered: Option<&str>,
    at: u64,
) -> String {
    let mut out = String::from("{\"v\":1");
    field(&mut out, "key", key);
    field(&mut out, "conversation", conversation);
    field(&mut out, "message_id", message_id);
    field(&mut out, "text", text);
    field(&mut out, "url", url);
    out.push_str(",\"answered\":");
    match answered {
        Some(a) => write_string(a, &mut out),
        None => out.push_str("null"),
    }
    number(&mut out, "at", at);
    out.push('}');
    out
}

/// Who sends a batch.
pub struct Header<'a> {
    pub site: &'a str,
    pub visitor: &'a str,
    pub session: u64,
    pub sent_at: u64,
}

/// A batch of events (schema `v: 1`, see the README, "Statistics").
pub fn batch(h: &Header, dropped: u32, events: &[&str]) -> String {
    let mut out = String::from("{\"v\":1");
    field(&mut out, "site", h.site);
    field(&mut out, "visitor", h.visitor);
    number(&mut out, "session", h.session);
    number(&mut out, "sent_at", h.sent_at);
    number(&mut out, "dropped", dropped.into());
    out.push_str(",\"events\":[");
    out.push_str(&events.join(","));
    out.push_str("]}");
    out
}

/// The path of a URL (`/demo/cart/`), clipped to [`MAX_VALUE`] characters.
pub fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.find('/').map_or("/", |i| &rest[i..]);
    clip(rest.split(['?', '#']).next().unwrap_or("/"))
}

/// The config name of a trigger, as events carry it.
pub fn trigger_name(trigger: &crate::engine::Trigger) -> &'static str {
    use crate::engine::Trigger::*;
    let i = match trigger {
        TimeOnPage(_) => 0,
        TimeOnSite(_) => 1,
        PageView(_) => 2,
        Scroll(_) => 3,
        ExitIntent => 4,
        VisitorMessageUnanswered(_) => 5,
        VisitorMessageOffline(_) => 6,
        ChatOpened => 7,
        Event(_) => 8,
    };
    crate::engine::config::TRIGGERS[i].0
}

/// The idempotency key of an entry's JSON.
pub fn key_of(entry: &str) -> &str {
    let start = crate::engine::find_str(entry, "\"key\":\"").map_or(entry.len(), |i| i + 7);
    let rest = entry.get(start..).unwrap_or("");
    rest.split('"').next().unwrap_or("")
}

/// The agent replies in an inbox answer: `{"replies": ["…", …]}`.
pub fn replies(answer: &str) -> Vec<String> {
    let Ok(value) = json::parse(answer) else {
        return Vec::new();
    };
    value
        .get("replies")
        .and_then(|r| r.as_array())
        .unwrap_or(&[])
        .iter()
        .filter_map(|r| r.as_str())
        .filter(|r| !r.trim().is_empty())
        .map(String::from)
        .collect()
}

/// The outbox, decoded from its stored text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outbox {
    /// Events dropped for space since the last delivered batch.
    pub dropped: u32,
    /// `E{…}` and `M{…}` entries, oldest first.
    pub lines: Vec<String>,
}

impl Outbox {
    /// Reads the stored text; anything unreadable is an empty outbox.
    pub fn parse(text: Option<&str>) -> Outbox {
        let mut lines = text.unwrap_or("").split('\n');
        let dropped = lines.next().and_then(|d| d.parse().ok()).unwrap_or(0);
        Outbox {
            dropped,
            lines: lines
                .filter(|l| l.starts_with("E{") || l.starts_with("M{"))
                .map(String::from)
                .collect(),
        }
    }

    /// The text to store.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        write_int(self.dropped.into(), &mut out);
        for line in &self.lines {
            out.push('\n');
            out.push_str(line);
        }
        out
    }

    /// Appends an entry (`E` event or `M` message), dropping the oldest
    /// event beyond [`LIMIT`].
    pub fn push(&mut self, tag: char, json: &str) {
        let mut line = String::from(tag);
        line.push_str(json);
        self.lines.push(line);
        while self.lines.len() > LIMIT {
            let oldest = self.lines.iter().position(|l| l.starts_with('E'));
            if oldest.is_some() {
                self.dropped = self.dropped.saturating_add(1);
            }
            self.lines.remove(oldest.unwrap_or(0));
        }
    }

    /// The JSON of the entries tagged `tag`, oldest first.
    pub fn entries(&self, tag: char) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|l| l.starts_with(tag))
            .map(|l| &l[1..])
            .collect()
    }

    /// Forgets delivered entries, and the drops a delivered batch reported.
    pub fn remove(&mut self, keys: &[String], dropped: u32) {
        self.lines.retain(|l| !keys.iter().any(|k| k == key_of(l)));
        self.dropped = self.dropped.saturating_sub(dropped);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn event(kind: usize, message: &str) -> Event {
        Event {
            kind,
            message: message.into(),
            trigger: Some("time_on_site"),
            path: "/demo/".into(),
            index: None,
        }
    }

    #[test]
    fn an_event_carries_its_key_type_message_trigger_path_and_time() {
        let json = event_json("v1-ab.3", &event(0, "first_visit"), 1_764_570_000_000);
        assert_eq!(
            json,
            r#"{"key":"v1-ab.3","type":"fired","message":"first_visit","trigger":"time_on_site","path":"/demo/","at":1764570000000}"#
        );
        let value = json::parse(&json).unwrap();
        assert_eq!(value.get("type").and_then(|t| t.as_str()), Some("fired"));
    }

    #[test]
    fn a_starter_click_carries_its_index_and_no_trigger() {
        let e = Event { kind: 4, message: "starters".into(), trigger: None, path: "/".into(), index: Some(2) };
        let json = event_json("k", &e, 5);
        assert_eq!(json, r#"{"key":"k","type":"starter_clicked","message":"starters","path":"/","index":2,"at":5}"#);
    }

    #[test]
    fn a_batch_is_versioned_json_with_its_header_and_events() {
        let e = event_json("k1", &event(1, "m\"x"), 7);
        let h = Header { site: "Boutique Démo", visitor: "abc", session: 3, sent_at: 9 };
        let text = batch(&h, 2, &[&e, &e]);
        let v = json::parse(&text).expect("valid JSON");
        assert_eq!(v.get("v").and_then(|x| x.as_i64()), Some(1));
        assert_eq!(v.get("site").and_then(|x| x.as_str()), Some("Boutique Démo"));
        assert_eq!(v.get("session").and_then(|x| x.as_i64()), Some(3));
        assert_eq!(v.get("dropped").and_then(|x| x.as_i64()), Some(2));
        let events = v.get("events").and_then(|x| x.as_array()).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].get("message").and_then(|x| x.as_str()), Some("m\"x"));
    }

    #[test]
    fn a_visitor_message_names_the_message_it_answered_or_null() {
        let a = message_json("k", "conv", "m3", "Bonjour\n?", "https://s/p?q=1", Some("first_visit"), 4);
        let v = json::parse(&a).unwrap();
        assert_eq!(v.get("answered").and_then(|x| x.as_str()), Some("first_visit"));
        assert_eq!(v.get("text").and_then(|x| x.as_str()), Some("Bonjour\n?"));
        assert!(!a.contains('\n'), "one line per entry");
        let b = message_json("k", "conv", "m3", "t", "u", None, 4);
        assert!(b.contains("\"answered\":null"));
        assert_eq!(key_of(&b), "k");
    }

    #[test]
    fn the_outbox_round_trips_through_its_text() {
        let mut o = Outbox::default();
        o.push('E', &event_json("a", &event(0, "x"), 1));
        o.push('M', &message_json("b", "c", "m1", "hi", "u", None, 2));
        o.dropped = 4;
        let back = Outbox::parse(Some(&o.to_text()));
        assert_eq!(back, o);
        assert_eq!(back.entries('E').len(), 1);
        assert_eq!(key_of(back.entries('M')[0]), "b");
    }

    #[test]
    fn unreadable_outbox_text_is_an_empty_outbox() {
        assert_eq!(Outbox::parse(Some("garbage\nnot an entry")), Outbox::default());
        assert_eq!(Outbox::parse(None), Outbox::default());
    }

    #[test]
    fn a_full_outbox_drops_its_oldest_event_and_counts_it() {
        let mut o = Outbox::default();
        o.push('M', &message_json("msg", "c", "m1", "keep me", "u", None, 0));
        for i in 0..LIMIT + 5 {
            o.push('E', &event_json(&format!("e{i}"), &event(0, "x"), i as u64));
        }
        assert_eq!(o.lines.len(), LIMIT);
        assert_eq!(o.dropped, 6, "six events went, the message stayed");
        assert_eq!(o.entries('M').len(), 1);
        assert_eq!(key_of(o.entries('E')[0]), "e6");
    }

    #[test]
    fn delivered_entries_and_reported_drops_are_forgotten() {
        let mut o = Outbox::default();
        for k in ["a", "b", "c"] {
            o.push('E', &event_json(k, &event(0, "x"), 0));
        }
        o.dropped = 3;
        o.remove(&["a".to_string(), "c".to_string()], 2);
        assert_eq!(o.entries('E').iter().map(|e| key_of(e)).collect::<Vec<_>>(), ["b"]);
        assert_eq!(o.dropped, 1);
    }

    #[test]
    fn agent_replies_are_read_from_the_inbox_answer() {
        assert_eq!(replies(r#"{"replies":["Bonjour !"," ",3,"Je regarde"]}"#), ["Bonjour !", "Je regarde"]);
        assert!(replies("").is_empty());
        assert!(replies(r#"{"ok":true}"#).is_empty());
    }

    #[test]
    fn the_path_of_a_url_drops_origin_query_and_fragment() {
        assert_eq!(path_of("https://shop.example/demo/cart/step2.html?x=1#top"), "/demo/cart/step2.html");
        assert_eq!(path_of("http://127.0.0.1:8182"), "/");
        assert_eq!(path_of("https://s.example/?q=/a"), "/");
    }

    #[test]
    fn trigger_names_are_the_config_names() {
        use crate::engine::Trigger;
        assert_eq!(trigger_name(&Trigger::TimeOnSite(1)), "time_on_site");
        assert_eq!(trigger_name(&Trigger::ExitIntent), "exit_intent");
        assert_eq!(trigger_name(&Trigger::Event("x".into())), "event");
        assert_eq!(trigger_name(&Trigger::VisitorMessageOffline(1)), "visitor_message_offline");
    }

    #[test]
    fn values_are_clipped_to_the_ga4_limit() {
        let long = "é".repeat(150);
        assert_eq!(clip(&long).chars().count(), MAX_VALUE);
        assert_eq!(clip("/demo/"), "/demo/");
    }
}
