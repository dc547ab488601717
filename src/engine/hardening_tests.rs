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

/// Two tabs, each with a visitor message typed before it hears of the
/// other's, then every storage event delivered.
fn two_tabs_typing_at_the_same_moment() -> Tabs {
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
    tabs
}

#[test]
fn two_visitor_messages_typed_at_the_same_moment_in_two_tabs_are_both_kept_in_both_tabs() {
    let tabs = two_tabs_typing_at_the_same_moment();
    let one = conversation_of(&tabs.tabs[0]);
    assert_eq!(one.len(), 2, "{:?}", one);
    assert_eq!(one, conversation_of(&tabs.tabs[1]));
    assert_ne!(one[0].0, one[1].0, "ids are unique across tabs");
}

#[test]
fn messages_typed_at_the_same_moment_in_two_tabs_are_both_in_storage_for_the_next_page() {
    let mut tabs = two_tabs_typing_at_the_same_moment();
    // A tab that merged something storage lacked writes the union back.
    tabs.reload(0);
    let texts: Vec<String> = conversation_of(&tabs.tabs[0])
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert_eq!(texts, ["from one", "from two"]);
}

#[test]
fn with_two_to_five_tabs_every_message_of_every_tab_is_kept_in_the_same_order_everywhere() {
    let cfg = site(r#""presets":[]"#);
    for n in 2..=5 {
        let mut tabs = Tabs::open(&cfg, n, start_time(), None, true);
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
fn an_agent_message_longer_than_the_limit_is_refused() {
    let cfg = site(r#""presets":[]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    let longest = "é".repeat(limits::MAX_MESSAGE_CHARS);
    sim.input(Input::AgentMessage {
        text: format!("{}x", longest),
    });
    assert!(sim.engine.conversation().is_empty());
    sim.input(Input::AgentMessage { text: longest });
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

// ----- once across tabs: claims ---------------------------------------------

fn claims_of(sim: &Sim) -> Vec<String> {
    sim.log
        .iter()
        .filter_map(|(_, o)| match o {
            Output::Claim { key } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

const ONCE: &str = r#""presets":["first_visit"],"auto_messages":[
    {"id":"sess","text":"s","trigger":{"type":"time_on_page","seconds":40},"frequency":"once_per_session"},
    {"id":"ev","text":"e","trigger":{"type":"event","name":"go"},"frequency":"once_per_visitor"}]"#;

#[test]
fn without_claims_tabs_due_in_the_same_millisecond_each_fire_a_once_per_visitor_message() {
    // The race that claims close (and proof the claim tests can fail).
    let mut tabs = Tabs::open(&site(ONCE), 3, start_time(), None, false);
    tabs.advance_each(31 * SEC);
    assert_eq!(tabs.fired(), vec!["first_visit"; 3]);
}

#[test]
fn with_claims_a_once_per_visitor_message_due_in_every_tab_at_once_fires_in_exactly_one() {
    for n in 2..=5 {
        let mut tabs = Tabs::open(&site(ONCE), n, start_time(), None, true);
        tabs.advance_each(31 * SEC);
        assert!(tabs.fired().is_empty(), "nothing fires before the answer");
        tabs.deliver_all();
        assert_eq!(tabs.fired(), vec!["first_visit"], "{} tabs", n);
        // Nothing more later, in any tab.
        tabs.advance_each(5 * SEC);
        tabs.deliver_all();
        assert_eq!(
            tabs.fired().iter().filter(|f| *f == "first_visit").count(),
            1
        );
    }
}

#[test]
fn with_claims_a_once_per_session_message_fires_in_exactly_one_tab() {
    let mut tabs = Tabs::open(&site(ONCE), 4, start_time(), None, true);
    tabs.deliver_all();
    tabs.advance_each(41 * SEC);
    tabs.deliver_all();
    let fired = tabs.fired();
    assert_eq!(
        fired.iter().filter(|f| *f == "sess").count(),
        1,
        "{:?}",
        fired
    );
}

#[test]
fn the_claim_key_names_the_message_and_its_scope_shared_by_the_tabs() {
    let mut tabs = Tabs::open(&site(ONCE), 2, start_time(), None, true);
    let now = tabs.tabs[0].now;
    tabs.advance_each(41 * SEC);
    let expect = [
        format!("first_visit@visitor:{}", now),
        format!("sess@session:{}", now),
    ];
    assert_eq!(claims_of(&tabs.tabs[0])[0], expect[0]);
    assert_eq!(claims_of(&tabs.tabs[1])[0], expect[0]);
    tabs.deliver_all();
    tabs.advance_each(SEC);
    assert!(claims_of(&tabs.tabs[0]).contains(&expect[1]));
}

#[test]
fn a_refused_claim_is_done_for_this_tab() {
    let mut tabs = Tabs::open(&site(ONCE), 2, start_time(), None, true);
    tabs.on(0, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    tabs.on(1, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    // Tab 1 hears its refusal before any storage event.
    let k = tabs
        .pending
        .iter()
        .position(|(i, input)| *i == 1 && matches!(input, Input::Claimed { .. }))
        .unwrap();
    tabs.deliver(k);
    assert!(tabs.tabs[1].fired().is_empty());
    tabs.on(1, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    assert_eq!(claims_of(&tabs.tabs[1]).len(), 1, "not asked again");
    tabs.deliver_all();
    assert_eq!(tabs.fired(), vec!["ev"]);
    assert_eq!(tabs.tabs[0].fired(), vec!["ev"]);
}

#[test]
fn a_refused_claim_is_saved_as_used_up_so_a_later_page_from_this_tabs_write_does_not_ask_again() {
    let mut tabs = Tabs::open(&site(ONCE), 2, start_time(), None, true);
    tabs.on(0, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    tabs.on(1, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    let k = tabs
        .pending
        .iter()
        .position(|(i, input)| *i == 1 && matches!(input, Input::Claimed { .. }))
        .unwrap();
    tabs.deliver(k);
    // Tab 1's write (it has not heard from tab 0) already says "done".
    let saved = tabs.tabs[1].saved.clone().unwrap();
    let p = Persisted::from_json(&saved).unwrap();
    let ev = p.rules.iter().find(|(id, _)| id == "ev").unwrap();
    assert!(ev.1.last_fired.is_some());
    assert_eq!(ev.1.counters.fired, 0, "not counted as fired here");
    let mut next = Sim::start(
        &site(ONCE),
        "https://shop.fr/",
        tabs.tabs[1].now + SEC,
        Some(saved),
    );
    next.input(Input::CustomEvent { name: "go".into() });
    assert!(next.fired().is_empty());
}

#[test]
fn a_pending_claim_is_not_asked_twice() {
    let mut sim = Sim::with_engine(
        "",
        {
            let (c, p) = super::harness::config(&site(ONCE));
            Engine::new(c, None, Box::new(p)).with_claims(true)
        },
        start_time(),
    );
    sim.page_view(super::harness::page("https://shop.fr/"));
    for _ in 0..3 {
        sim.input(Input::CustomEvent { name: "go".into() });
    }
    assert_eq!(claims_of(&sim).len(), 1);
    let key = claims_of(&sim)[0].clone();
    sim.input(Input::Claimed {
        key: key.clone(),
        granted: true,
    });
    assert_eq!(sim.fired(), vec!["ev"]);
    // A repeated or unknown answer does nothing.
    sim.input(Input::Claimed { key, granted: true });
    sim.input(Input::Claimed {
        key: "nope".into(),
        granted: true,
    });
    assert_eq!(sim.fired(), vec!["ev"]);
}

#[test]
fn a_claim_granted_after_another_tab_fired_the_message_does_not_fire_it_again() {
    let mut tabs = Tabs::open(&site(ONCE), 2, start_time(), None, true);
    tabs.on(0, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    let key = claims_of(&tabs.tabs[0])[0].clone();
    // Tab 1 fires it (say the lock was released by a closed page) and its
    // record reaches tab 0 before tab 0's answer.
    tabs.claims.clear();
    tabs.pending.retain(|(i, _)| *i != 0);
    tabs.on(1, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    let k = tabs
        .pending
        .iter()
        .position(|(i, input)| *i == 1 && matches!(input, Input::Claimed { .. }))
        .unwrap();
    tabs.deliver(k);
    assert_eq!(tabs.tabs[1].fired(), vec!["ev"]);
    tabs.deliver_all();
    tabs.on(0, |sim| sim.input(Input::Claimed { key, granted: true }));
    assert!(tabs.tabs[0].fired().is_empty());
}

#[test]
fn a_stale_write_from_another_tab_does_not_wipe_a_dismissal_from_storage() {
    // Tab 0 dismisses a message's preview; tab 1 writes its state before it
    // hears of it (the storage event is still on its way). Tab 0, hearing
    // that stale write, writes the union back: the next page still knows
    // the message was dismissed (and counted), and tab 1's change is kept.
    let mut tabs = Tabs::open(&site(ONCE), 2, start_time(), None, true);
    tabs.deliver_all();
    tabs.on(0, |sim| sim.input(Input::CustomEvent { name: "go".into() }));
    tabs.deliver_all();
    assert_eq!(tabs.tabs[0].fired(), vec!["ev"]);
    tabs.on(0, |sim| {
        sim.input(Input::PreviewDismissed {
            message_id: "ev".into(),
        })
    });
    tabs.on(1, |sim| {
        sim.input(Input::SetAttributes(vec![("plan".into(), "pro".into())]))
    });
    // Tab 0 hears tab 1's stale write first, then everything arrives.
    let k = tabs.pending.iter().position(|(i, _)| *i == 0).unwrap();
    tabs.deliver(k);
    tabs.deliver_all();
    tabs.reload(1);
    tabs.deliver_all();
    let dismissed = |sim: &Sim| {
        sim.engine
            .stats()
            .iter()
            .find(|m| m.message_id == "ev")
            .map_or(0, |m| m.counters.dismissed)
    };
    assert_eq!(
        dismissed(&tabs.tabs[1]),
        1,
        "the next page knows of the dismissal"
    );
    let stored = tabs.storage.clone().unwrap_or_default();
    assert!(stored.contains("pro"), "tab 1's attribute is kept too");
}

#[test]
fn claims_are_off_by_default() {
    let mut sim = Sim::new(&site(ONCE), "https://shop.fr/");
    sim.advance(MIN);
    assert!(claims_of(&sim).is_empty());
    assert_eq!(sim.fired(), vec!["first_visit", "sess"]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        /// Every tab lets this much time pass, in turn.
        AdvanceEach(u64),
        /// One tab lets time pass.
        Advance(u8, u64),
        /// Deliver one pending storage event or claim answer.
        Deliver(u8),
        Event(u8),
        Say(u8),
        Reload(u8),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0u64..40_000).prop_map(Step::AdvanceEach),
            (0u8..5, 0u64..40_000).prop_map(|(t, ms)| Step::Advance(t, ms)),
            (0u8..=255).prop_map(Step::Deliver),
            (0u8..=255).prop_map(Step::Deliver),
            (0u8..5).prop_map(Step::Event),
            (0u8..5).prop_map(Step::Say),
            (0u8..5).prop_map(Step::Reload),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn with_claims_once_per_visitor_fires_at_most_once_over_two_to_five_tabs(
            n in 2usize..=5,
            steps in proptest::collection::vec(step(), 0..40),
        ) {
            let cfg = site(ONCE);
            let mut tabs = Tabs::open(&cfg, n, start_time(), None, true);
            let mut fired_before_reloads: Vec<String> = Vec::new();
            for s in &steps {
                match s {
                    Step::AdvanceEach(ms) => tabs.advance_each(*ms),
                    Step::Advance(t, ms) => tabs.on(*t as usize % n, |sim| sim.advance(*ms)),
                    Step::Deliver(k) => {
                        if !tabs.pending.is_empty() {
                            let k = *k as usize % tabs.pending.len();
                            tabs.deliver(k);
                        }
                    }
                    Step::Event(t) => tabs.on(*t as usize % n, |sim| {
                        sim.input(Input::CustomEvent { name: "go".into() })
                    }),
                    Step::Say(t) => tabs.on(*t as usize % n, |sim| {
                        sim.input(Input::VisitorMessage { text: "?".into() })
                    }),
                    Step::Reload(t) => {
                        // A new page in that tab, from what storage holds
                        // now; its pending answers are for the old page.
                        let t = *t as usize % n;
                        fired_before_reloads.extend(tabs.tabs[t].fired());
                        tabs.reload(t);
                    }
                }
            }
            tabs.deliver_all();
            tabs.advance_each(2 * MIN);
            tabs.deliver_all();
            let mut fired = tabs.fired();
            fired.extend(fired_before_reloads);
            for id in ["first_visit", "ev"] {
                prop_assert!(
                    fired.iter().filter(|f| *f == id).count() <= 1,
                    "{} fired more than once: {:?}", id, fired
                );
            }
        }
    }
}

// ----- found by tests/fuzz.rs -------------------------------------------------

#[test]
fn a_synced_session_that_started_earlier_makes_time_on_site_due_now_not_at_a_past_deadline() {
    let cfg = site(
        r#""auto_messages":[{"id":"site","text":"s","trigger":{"type":"time_on_site","seconds":20}}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(5 * SEC);
    let mut other = Persisted::from_json(sim.saved.as_ref().unwrap()).unwrap();
    other.visits += 1;
    other.session.start = sim.now - MIN;
    other.session.last = sim.now;
    sim.input(Input::StateSynced {
        saved: other.to_json(),
    });
    assert_eq!(sim.fired(), vec!["site"]);
    assert!(sim.engine.poll_timeout().is_none_or(|t| t.0 > sim.now));
}

#[test]
fn conditions_nested_deeper_than_the_limit_are_reported_with_the_limit() {
    let nested = |n: usize| {
        format!(
            r#""auto_messages":[{{"id":"a","text":"a","trigger":{{"type":"page_view"}},"conditions":{}{}{}}}]"#,
            r#"{"not":"#.repeat(n),
            r#"{"url":{"contains":"x"}}"#,
            "}".repeat(n)
        )
    };
    let mut p = RegexLitePatterns::new();
    let max = limits::MAX_CONDITION_DEPTH;
    let (c, d) = parse_config(&site(&nested(max)), &mut p).unwrap();
    assert!(d.is_empty(), "{:?}", d);
    assert_eq!(c.rules.len(), 1);
    let (c, d) = parse_config(&site(&nested(max + 1)), &mut p).unwrap();
    assert!(c.rules.is_empty());
    assert!(
        d.iter()
            .any(|d| d.message == format!("conditions nested deeper than {}", max)),
        "{:?}",
        d
    );
}
