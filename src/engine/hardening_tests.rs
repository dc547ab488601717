//! Scenario tests for issue 9 "Hardening" (engine side): saved state from
//! a clock that was ahead or from a newer version, message ids, tab sync of
//! conversations, and once-per-visitor across tabs. One behaviour per test,
//! named as a sentence, played on simulated time through the harness.

use super::harness::{Sim, MIN, SEC};
use super::state::Persisted;
use super::*;

const DAY: u64 = 86_400_000;

/// A French site with `extra` root fields.
fn site(extra: &str) -> String {
    format!(
        r#"{{"site":{{"name":"Boutique","language":"fr"}},{}}}"#,
        extra
    )
}

fn persists(sim: &Sim) -> usize {
    sim.log
        .iter()
        .filter(|(_, o)| matches!(o, Output::Persist(_)))
        .count()
}

// ----- saved state: timestamps in the future ------------------------------

/// The state a first visit leaves when the device clock is `ahead` ms fast.
fn saved_by_a_clock_ahead(cfg: &str, ahead: u64) -> (u64, String) {
    let now = Sim::new(cfg, "https://shop.fr/").now;
    let fast = Sim::start(cfg, "https://shop.fr/", now + ahead, None);
    (now, fast.saved.clone().unwrap())
}

#[test]
fn a_saved_session_from_a_clock_that_was_ahead_ends_after_thirty_idle_minutes_from_now() {
    let cfg = site(r#""presets":["returning_visitor"]"#);
    let (now, saved) = saved_by_a_clock_ahead(&cfg, 10 * DAY);
    let mut sim = Sim::start(&cfg, "https://shop.fr/", now, Some(saved));
    assert_eq!(sim.engine.visit_number(), 1);
    sim.reload(2 * 60 * MIN, "https://shop.fr/");
    assert_eq!(sim.engine.visit_number(), 2, "the visit count froze");
    sim.advance(30 * SEC);
    assert_eq!(sim.fired(), vec!["returning_visitor"]);
}

#[test]
fn time_on_site_counts_from_now_when_the_saved_session_started_in_the_future() {
    let cfg = site(
        r#""auto_messages":[{"id":"site","text":"s","trigger":{"type":"time_on_site","seconds":60}}]"#,
    );
    let (now, saved) = saved_by_a_clock_ahead(&cfg, DAY);
    let mut sim = Sim::start(&cfg, "https://shop.fr/", now, Some(saved));
    sim.advance(61 * SEC);
    assert_eq!(sim.fired(), vec!["site"]);
}

#[test]
fn a_cooldown_saved_by_a_clock_that_was_ahead_runs_from_now() {
    let cfg = site(
        r#""auto_messages":[{"id":"go","text":"g","trigger":{"type":"event","name":"go"},"frequency":{"cooldown":60}}]"#,
    );
    let now = Sim::new(&cfg, "https://shop.fr/").now;
    let mut fast = Sim::start(&cfg, "https://shop.fr/", now + DAY, None);
    fast.input(Input::CustomEvent { name: "go".into() });
    assert_eq!(fast.fired().len(), 1);
    let mut sim = Sim::start(&cfg, "https://shop.fr/", now, fast.saved.clone());
    sim.advance(61 * SEC);
    sim.input(Input::CustomEvent { name: "go".into() });
    assert_eq!(sim.fired(), vec!["go"]);
}

#[test]
fn a_state_synced_from_a_tab_whose_clock_was_ahead_does_not_freeze_the_visit_count() {
    let cfg = site(r#""presets":["returning_visitor"]"#);
    let (now, future) = saved_by_a_clock_ahead(&cfg, 10 * DAY);
    // The other tab's state is of a later visit, all in the future.
    let mut p = Persisted::from_json(&future).unwrap();
    p.visits = 2;
    let mut sim = Sim::start(&cfg, "https://shop.fr/", now, None);
    sim.input(Input::StateSynced { saved: p.to_json() });
    assert_eq!(sim.engine.visit_number(), 2);
    // Two idle hours later, the visitor's next step starts a new visit.
    sim.advance(2 * 60 * MIN);
    sim.input(Input::UrlChanged {
        url: "https://shop.fr/b".into(),
        title: "B".into(),
    });
    assert_eq!(sim.engine.visit_number(), 3, "the visit count froze");
}

// ----- saved state: written by a newer version ------------------------------

const NEWER: &str = r#"{"v":2,"visitor":{"visits":7},"future":"field"}"#;

#[test]
fn a_saved_state_of_a_newer_version_is_never_overwritten_and_the_engine_runs_from_memory() {
    let cfg = site(r#""presets":["first_visit"]"#);
    let mut sim = Sim::start(
        &cfg,
        "https://shop.fr/",
        Sim::new(&cfg, "https://shop.fr/").now,
        Some(NEWER.to_string()),
    );
    assert!(sim.engine.saved_state_is_newer());
    sim.advance(MIN);
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage { text: "hi".into() });
    sim.input(Input::Reset);
    // It still works (from memory) ...
    assert_eq!(sim.fired(), vec!["first_visit"]);
    assert_eq!(sim.engine.visit_number(), 1);
    // ... and never asks to write over the newer state.
    assert_eq!(persists(&sim), 0);
    let d = &sim.engine.diagnostics()[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("newer version (v2)"), "{}", d.message);
}

#[test]
fn a_newer_version_seen_through_tab_sync_stops_this_tab_from_persisting() {
    let cfg = site(r#""presets":["first_visit"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    assert!(persists(&sim) > 0);
    assert!(!sim.engine.saved_state_is_newer());
    sim.clear_log();
    sim.input(Input::StateSynced {
        saved: NEWER.to_string(),
    });
    assert!(sim.engine.saved_state_is_newer());
    sim.advance(MIN);
    assert_eq!(sim.fired(), vec!["first_visit"]);
    assert_eq!(persists(&sim), 0);
}

#[test]
fn an_unknown_older_or_malformed_version_is_still_replaced() {
    for text in [r#"{"v":0}"#, r#"{"v":"2"}"#, r#"{"v":1.5}"#] {
        let cfg = site(r#""presets":["first_visit"]"#);
        let now = Sim::new(&cfg, "https://shop.fr/").now;
        let sim = Sim::start(&cfg, "https://shop.fr/", now, Some(text.to_string()));
        assert!(!sim.engine.saved_state_is_newer(), "{}", text);
        assert!(persists(&sim) > 0, "{}", text);
    }
}

// ----- saved state: message ids never reused -------------------------------

fn message_ids(sim: &Sim) -> Vec<String> {
    sim.messages().into_iter().map(|m| m.id).collect()
}

#[test]
fn after_an_unreadable_saved_state_new_message_ids_never_reuse_old_ones() {
    let cfg = site(r#""presets":["first_visit"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::VisitorMessage { text: "a".into() });
    sim.input(Input::VisitorMessage { text: "b".into() });
    let old = message_ids(&sim);
    assert_eq!(old.len(), 2);
    let corrupt = sim.saved.clone().unwrap().replace("\"v\":1", "\"v\":1,,");
    let mut next = Sim::start(&cfg, "https://shop.fr/", sim.now + MIN, Some(corrupt));
    assert!(next.engine.diagnostics()[0].message.contains("unreadable"));
    next.input(Input::VisitorMessage { text: "c".into() });
    next.advance(MIN);
    let new = message_ids(&next);
    assert_eq!(new.len(), 2);
    for id in &new {
        assert!(!old.contains(id), "{} reused among {:?}", id, old);
    }
}

#[test]
fn a_saved_state_whose_id_counter_is_damaged_never_reuses_ids_in_its_conversation() {
    let cfg = site(r#""presets":["first_visit"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    for t in ["a", "b", "c"] {
        sim.input(Input::VisitorMessage { text: t.into() });
    }
    let old = message_ids(&sim);
    let damaged = sim
        .saved
        .clone()
        .unwrap()
        .replace("\"next\":3", "\"next\":\"x\"");
    assert_ne!(&damaged, sim.saved.as_ref().unwrap());
    let mut next = Sim::start(&cfg, "https://shop.fr/", sim.now + MIN, Some(damaged));
    next.input(Input::VisitorMessage { text: "d".into() });
    let ids: Vec<String> = next
        .engine
        .conversation()
        .iter()
        .map(|m| m.id.clone())
        .collect();
    assert_eq!(&ids[..3], &old[..]);
    assert!(!old.contains(&ids[3]), "{:?}", ids);
}

// ----- conversation across tabs ---------------------------------------------

use super::harness::Tabs;

fn conversation_of(sim: &Sim) -> Vec<(String, String)> {
    sim.engine
        .conversation()
        .iter()
        .map(|m| (m.id.clone(), m.text.clone()))
        .collect()
}

fn start_time() -> u64 {
    Sim::new(&site(r#""presets":[]"#), "https://shop.fr/").now
}

#[test]
fn two_visitor_messages_typed_at_the_same_moment_in_two_tabs_are_both_kept_in_both_tabs() {
    let cfg = site(r#""presets":[]"#);
    let mut tabs = Tabs::open(&cfg, 2, start_time(), None, false);
    tabs.deliver_all();
    for (i, text) in ["from one", "from two"].iter().enumerate() {
        tabs.on(i, |sim| {
            sim.input(Input::VisitorMessage {
                text: text.to_string(),
            })
        });
    }
    tabs.deliver_all();
    let one = conversation_of(&tabs.tabs[0]);
    assert_eq!(one.len(), 2, "{:?}", one);
    assert_eq!(one, conversation_of(&tabs.tabs[1]));
    assert_ne!(one[0].0, one[1].0, "ids are unique across tabs");
}

#[test]
fn with_two_to_five_tabs_every_message_of_every_tab_is_kept_in_the_same_order_everywhere() {
    let cfg = site(r#""presets":[]"#);
    for n in 2..=5 {
        let mut tabs = Tabs::open(&cfg, n, start_time(), None, false);
        for round in 0..3 {
            for i in 0..n {
                tabs.on(i, |sim| {
                    sim.input(Input::VisitorMessage {
                        text: format!("tab {} round {}", i, round),
                    })
                });
            }
            // Some storage events arrive before the next round, some after.
            if round == 1 {
                tabs.deliver_all();
            }
            tabs.on(0, |sim| sim.advance(SEC));
        }
        tabs.deliver_all();
        let first = conversation_of(&tabs.tabs[0]);
        assert_eq!(first.len(), 3 * n, "{} tabs: {:?}", n, first);
        let mut ids: Vec<&String> = first.iter().map(|(id, _)| id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3 * n);
        for t in &tabs.tabs[1..] {
            assert_eq!(conversation_of(t), first, "{} tabs", n);
        }
    }
}

#[test]
fn a_reset_in_one_tab_clears_the_conversation_of_the_others() {
    let cfg = site(r#""presets":[]"#);
    let mut tabs = Tabs::open(&cfg, 3, start_time(), None, false);
    tabs.on(1, |sim| {
        sim.input(Input::VisitorMessage { text: "hi".into() })
    });
    tabs.deliver_all();
    assert_eq!(tabs.tabs[2].engine.conversation().len(), 1);
    tabs.on(0, |sim| sim.input(Input::Reset));
    tabs.deliver_all();
    for t in &tabs.tabs {
        assert!(t.engine.conversation().is_empty());
    }
    // And the old conversation does not come back from a stale tab.
    tabs.on(2, |sim| {
        sim.input(Input::VisitorMessage {
            text: "again".into(),
        })
    });
    tabs.deliver_all();
    for t in &tabs.tabs {
        let texts: Vec<String> = t
            .engine
            .conversation()
            .iter()
            .map(|m| m.text.clone())
            .collect();
        assert_eq!(texts, vec!["again"]);
    }
}

#[test]
fn a_visitor_message_longer_than_the_limit_is_refused() {
    let cfg = site(r#""presets":["busy"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    let longest = "é".repeat(limits::MAX_MESSAGE_CHARS);
    sim.input(Input::VisitorMessage {
        text: format!("{}x", longest),
    });
    assert!(sim.engine.conversation().is_empty());
    sim.advance(MIN);
    assert!(sim.fired().is_empty(), "no reply to a refused message");
    sim.input(Input::VisitorMessage { text: longest });
    assert_eq!(sim.engine.conversation().len(), 1);
}

#[test]
fn the_stored_conversation_keeps_only_the_latest_messages_up_to_the_limit() {
    let cfg = site(r#""presets":[]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    let max = limits::MAX_CONVERSATION_MESSAGES;
    for i in 0..max + 5 {
        sim.input(Input::VisitorMessage {
            text: format!("n{}", i),
        });
    }
    let conv = sim.engine.conversation();
    assert_eq!(conv.len(), max);
    assert_eq!(conv[0].text, "n5", "the oldest go first");
    let saved = Persisted::from_json(sim.saved.as_ref().unwrap()).unwrap();
    assert_eq!(saved.conversation.messages.len(), max);
    // A longer stored one (another version, a hand edit) is cut on load.
    let mut big = saved.clone();
    big.conversation
        .messages
        .extend(saved.conversation.messages.clone());
    let back = Persisted::from_json(&big.to_json()).unwrap();
    assert_eq!(back.conversation.messages.len(), max);
}
