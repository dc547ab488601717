//! Scenario tests for the seed behaviours of issue 8 (points 1, 2, 3, 6, 8,
//! 11) and the never-spin case of issue 9.7: one behaviour per test, named
//! as a sentence, played on simulated time through the harness.

use super::harness::{Sim, MIN, SEC};
use super::*;

/// A French site with `extra` root fields.
fn site(extra: &str) -> String {
    format!(
        r#"{{"site":{{"name":"Boutique","language":"fr"}},{}}}"#,
        extra
    )
}

fn say(sim: &mut Sim, text: &str) {
    sim.input(Input::VisitorMessage { text: text.into() });
}

// ----- 8.1 outside business hours the team is offline ----------------------

/// The simulated visitor arrives on Monday at 10:00.
const CLOSED_AT_TEN: &str = r#""business_hours":{"mon":[["14:00","18:00"]]}"#;
const OPEN_AT_TEN: &str = r#""business_hours":{"mon":[["09:00","18:00"]]}"#;

#[test]
fn outside_business_hours_a_visitor_who_writes_gets_the_offline_reply_whatever_the_status_left() {
    for status in ["online", "busy"] {
        let cfg = site(&format!(
            r#"{},"team":{{"status":"{}"}},"presets":["busy","offline"]"#,
            CLOSED_AT_TEN, status
        ));
        let mut sim = Sim::new(&cfg, "https://shop.fr/");
        sim.input(Input::ChatOpened);
        say(&mut sim, "Bonjour ?");
        sim.advance(SEC);
        assert_eq!(sim.fired(), vec!["offline"], "status {}", status);
        sim.advance(10 * MIN);
        assert_eq!(sim.fired(), vec!["offline"], "never busy ({})", status);
    }
}

#[test]
fn busy_applies_only_while_the_team_is_available_within_business_hours() {
    let cfg = site(&format!(
        r#"{},"team":{{"status":"busy"}},"presets":["busy","offline"]"#,
        OPEN_AT_TEN
    ));
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    say(&mut sim, "Bonjour ?");
    sim.advance(10 * MIN);
    assert_eq!(sim.fired(), vec!["busy"]);
}

#[test]
fn a_custom_unanswered_message_waits_for_an_available_team_like_the_busy_preset() {
    let rule = r#""auto_messages":[{"id":"still-there","text":"Toujours là ?",
        "trigger":{"type":"visitor_message_unanswered","seconds":120}}]"#;
    // Outside business hours: the offline reply, never the unanswered rule.
    let closed = site(&format!(
        r#"{},"presets":["offline"],{}"#,
        CLOSED_AT_TEN, rule
    ));
    let mut sim = Sim::new(&closed, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    say(&mut sim, "Bonjour ?");
    sim.advance(10 * MIN);
    assert_eq!(sim.fired(), vec!["offline"]);
    // Within them, with the team online: it fires after its 120 s.
    let open = site(&format!(r#"{},{}"#, OPEN_AT_TEN, rule));
    let mut sim = Sim::new(&open, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    say(&mut sim, "Bonjour ?");
    sim.advance(119 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.fired(), vec!["still-there"]);
}

#[test]
fn team_status_conditions_see_the_team_offline_outside_business_hours() {
    let cfg = site(&format!(
        r#"{},"auto_messages":[
        {{"id":"off","text":"off","trigger":{{"type":"event","name":"go"}},"conditions":{{"team_status":"offline"}}}}]"#,
        CLOSED_AT_TEN
    ));
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::CustomEvent { name: "go".into() });
    assert_eq!(sim.fired(), vec!["off"]);
}

#[test]
fn an_unknown_data_establishment_is_said_with_the_ids_the_config_defines() {
    let cfg = r#"{"establishments":[{"id":"paris","name":"Paris"},{"id":"lyon","name":"Lyon"}]}"#;
    let (config, _) = parse_config(cfg, &mut NoPatterns).unwrap();
    assert_eq!(config.establishment_problem(Some("lyon")), None);
    assert_eq!(config.establishment_problem(None), None);
    assert_eq!(
        config.establishment_problem(Some("lyom")).as_deref(),
        Some(
            r#"data-establishment "lyom" is not an establishment of the config (expected one of paris, lyon); the first one, if any, is used"#
        )
    );
    let (none, _) = parse_config("{}", &mut NoPatterns).unwrap();
    assert_eq!(
        none.establishment_problem(Some("paris")).as_deref(),
        Some(
            r#"data-establishment "paris" is not an establishment of the config (it defines none); the first one, if any, is used"#
        )
    );
}

// ----- 8.2 preset timing: time since the visit started ----------------------

#[test]
fn a_visitor_who_changes_page_every_20s_still_gets_the_first_visit_message_at_30s() {
    let mut sim = Sim::new(&site(r#""presets":["first_visit"]"#), "https://shop.fr/");
    let t0 = sim.now;
    sim.advance(20 * SEC);
    sim.input(Input::UrlChanged {
        url: "https://shop.fr/a".into(),
        title: "A".into(),
    });
    sim.advance(9 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.firings()[0].0, t0 + 30 * SEC);
}

#[test]
fn the_new_product_message_counts_time_across_page_loads() {
    let mut sim = Sim::new(&site(r#""presets":["new_product"]"#), "https://shop.fr/");
    let t0 = sim.now;
    sim.advance(40 * SEC);
    sim.reload(SEC, "https://shop.fr/b");
    sim.advance(18 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(2 * SEC);
    assert_eq!(sim.firings()[0].0, t0 + 60 * SEC);
}

#[test]
fn hidden_time_counts_but_a_preset_due_while_hidden_waits_until_the_page_is_visible() {
    let mut sim = Sim::new(&site(r#""presets":["first_visit"]"#), "https://shop.fr/");
    sim.advance(10 * SEC);
    sim.input(Input::Visibility { visible: false });
    // Hidden: no timer at all (no wake-up in a background tab).
    assert_eq!(sim.engine.poll_timeout(), None);
    sim.advance(5 * MIN);
    assert!(sim.fired().is_empty());
    sim.input(Input::Visibility { visible: true });
    assert_eq!(sim.fired(), vec!["first_visit"]);
}

#[test]
fn a_zero_second_rule_after_a_url_change_while_hidden_fires_when_visible_without_spinning() {
    let cfg = site(
        r#""auto_messages":[
        {"id":"now","text":"now","trigger":{"type":"time_on_page","seconds":0},"frequency":"always"}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    assert_eq!(sim.fired(), vec!["now"]);
    sim.input(Input::Visibility { visible: false });
    sim.advance(SEC);
    sim.input(Input::UrlChanged {
        url: "https://shop.fr/b".into(),
        title: "B".into(),
    });
    sim.input(Input::Visibility { visible: true });
    // Fired by the input itself, and no deadline left at `now`.
    assert_eq!(sim.fired(), vec!["now", "now"]);
    assert!(sim.engine.poll_timeout().is_none_or(|t| t.0 > sim.now));
}

// ----- 8.3 url, title and referrer match decoded text ----------------------

fn url_rule(op: &str, text: &str) -> String {
    site(&format!(
        r#""auto_messages":[{{"id":"u","text":"u","trigger":{{"type":"page_view"}},"conditions":{{"url":{{"{}":"{}"}}}}}}]"#,
        op, text
    ))
}

#[test]
fn a_url_condition_matches_the_percent_decoded_url() {
    let sim = Sim::new(
        &url_rule("contains", "succès"),
        "https://shop.fr/commande/succ%C3%A8s.html",
    );
    assert_eq!(sim.fired(), vec!["u"]);
    let sim = Sim::new(
        &url_rule("ends_with", "/commande/succès.html"),
        "https://shop.fr/commande/SUCC%C3%88S.html",
    );
    assert_eq!(sim.fired(), vec!["u"]);
}

#[test]
fn a_url_condition_matches_whatever_the_encoding_of_the_rest_of_the_url() {
    // A Latin-1 escape (%E9) is not UTF-8: it does not hide the rest.
    for url in [
        "https://shop.fr/v%E9los/bicycles/",
        "https://shop.fr/v%C3%A9los/bicycles/?q=%E9t%E9",
        "https://shop.fr/%62icycles/",
    ] {
        let sim = Sim::new(&url_rule("contains", "bicycles"), url);
        assert_eq!(sim.fired(), vec!["u"], "{}", url);
    }
}

#[test]
fn the_url_matched_is_the_full_url_with_query_and_fragment() {
    let sim = Sim::new(
        &url_rule("wildcard", "https://shop.fr/a?x=é#top"),
        "https://shop.fr/a?x=%C3%A9#top",
    );
    assert_eq!(sim.fired(), vec!["u"]);
}

#[test]
fn a_referrer_condition_matches_the_decoded_referrer() {
    let cfg = site(
        r#""auto_messages":[{"id":"r","text":"r","trigger":{"type":"page_view"},"conditions":{"referrer":{"contains":"vélo"}}}]"#,
    );
    let (c, p) = super::harness::config(&cfg);
    let mut e = Engine::new(c, None, Box::new(p));
    let mut info = super::harness::page("https://shop.fr/");
    info.referrer = "https://google.fr/search?q=v%C3%A9lo".into();
    e.handle_input(
        Timestamp(super::harness::monday()),
        Input::PageView {
            page: info,
            wall: super::harness::wall(super::harness::monday()),
        },
    );
    let mut fired = false;
    while let Some(o) = e.poll_output() {
        fired |= matches!(o, Output::Fired { .. });
    }
    assert!(fired);
}

// ----- 8.8 statistics mean what they say -----------------------------------

fn event_site() -> String {
    site(
        r#""auto_messages":[
        {"id":"a","text":"a","trigger":{"type":"event","name":"go"},"frequency":"always"}]"#,
    )
}

fn go(sim: &mut Sim) {
    sim.input(Input::CustomEvent { name: "go".into() });
}

#[test]
fn a_message_fired_while_the_widget_is_hidden_is_not_counted_shown_until_displayed() {
    let mut sim = Sim::new(&event_site(), "https://shop.fr/");
    sim.input(Input::WidgetVisible { visible: false });
    go(&mut sim);
    assert_eq!(sim.stat_count("a", StatKind::Fired), 1);
    assert_eq!(sim.stat_count("a", StatKind::Shown), 0);
    sim.input(Input::WidgetVisible { visible: true });
    // The preview is now visible.
    assert_eq!(sim.stat_count("a", StatKind::Shown), 1);
    sim.input(Input::ChatOpened);
    assert_eq!(sim.stat_count("a", StatKind::Shown), 1);
}

#[test]
fn messages_replaced_as_preview_while_hidden_are_counted_shown_when_the_chat_is_opened() {
    let mut sim = Sim::new(&event_site(), "https://shop.fr/");
    sim.input(Input::WidgetVisible { visible: false });
    go(&mut sim);
    sim.advance(SEC);
    go(&mut sim);
    sim.input(Input::WidgetVisible { visible: true });
    assert_eq!(sim.stat_count("a", StatKind::Shown), 1);
    sim.input(Input::ChatOpened);
    assert_eq!(sim.stat_count("a", StatKind::Shown), 2);
}

#[test]
fn converted_counts_once_per_message_and_session_however_often_it_fired() {
    let mut sim = Sim::new(&event_site(), "https://shop.fr/");
    go(&mut sim);
    say(&mut sim, "un");
    sim.advance(SEC);
    go(&mut sim);
    say(&mut sim, "deux");
    assert_eq!(sim.stat_count("a", StatKind::Converted), 1);
    // A reload in the same session remembers it.
    sim.reload(MIN, "https://shop.fr/");
    go(&mut sim);
    say(&mut sim, "trois");
    assert_eq!(sim.stat_count("a", StatKind::Converted), 1);
    // A new session counts again.
    sim.reload(31 * MIN, "https://shop.fr/");
    go(&mut sim);
    say(&mut sim, "quatre");
    assert_eq!(sim.stat_count("a", StatKind::Converted), 2);
}

#[test]
fn dismissing_the_preview_by_its_bubble_id_reports_the_message_id() {
    let mut sim = Sim::new(&event_site(), "https://shop.fr/");
    go(&mut sim);
    let bubble = sim.messages().last().unwrap().id.clone();
    assert_ne!(bubble, "a");
    sim.input(Input::PreviewDismissed { message_id: bubble });
    assert_eq!(sim.stat_count("a", StatKind::Dismissed), 1);
}

// ----- 8.11 collisions: one message per input --------------------------------

#[test]
fn a_service_reply_and_a_marketing_message_due_on_the_same_input_fire_only_the_reply() {
    let cfg = site(
        r#""team":{"status":"offline"},"auto_messages":[
        {"id":"promo","text":"promo","trigger":{"type":"time_on_page","seconds":10},"priority":100},
        {"id":"reply","text":"reply","trigger":{"type":"visitor_message_offline","seconds":10},"frequency":"always"}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    say(&mut sim, "allô");
    sim.advance(10 * SEC);
    assert_eq!(sim.fired(), vec!["reply"]);
}

#[test]
fn a_marketing_message_due_on_the_input_where_the_visitor_writes_gives_way_to_the_reply() {
    let cfg = site(
        r#""team":{"status":"offline"},"auto_messages":[
        {"id":"promo","text":"promo","trigger":{"type":"time_on_page","seconds":10},"priority":100},
        {"id":"reply","text":"reply","trigger":{"type":"visitor_message_offline","seconds":0},"frequency":"always"}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    // The promo falls due exactly when the visitor writes: one input, one
    // arbitration, and the reply to the visitor comes first.
    sim.now += 10 * SEC;
    say(&mut sim, "allô");
    assert_eq!(sim.fired(), vec!["reply"]);
    sim.advance(MIN);
    assert_eq!(sim.fired(), vec!["reply"], "dropped for this occurrence");
}

// ----- busy/offline: once per unanswered streak -------------------------------
// A streak starts at the first visitor message after the last agent message
// and ends at the next agent message; it is not persisted across reloads.

/// The busy preset, team online, chat open.
fn busy_chat() -> Sim {
    let mut sim = Sim::new(&site(r#""presets":["busy"]"#), "https://shop.fr/");
    sim.input(Input::ChatOpened);
    sim
}

/// The times (ms after `t0`) at which `id` fired.
fn fired_at(sim: &Sim, id: &str, t0: u64) -> Vec<u64> {
    sim.firings()
        .iter()
        .filter(|(_, m, _)| m == id)
        .map(|(t, _, _)| t - t0)
        .collect()
}

#[test]
fn busy_fires_once_45s_after_the_first_message_of_an_unanswered_streak() {
    let mut sim = busy_chat();
    let t0 = sim.now;
    say(&mut sim, "Bonjour ?");
    sim.advance(30 * SEC);
    // Still unanswered: the same streak, the count is not restarted.
    say(&mut sim, "Il y a quelqu'un ?");
    sim.advance(15 * SEC);
    assert_eq!(fired_at(&sim, "busy", t0), vec![45 * SEC]);
    // Written after the busy reply, still unanswered: no second one.
    sim.advance(15 * SEC);
    say(&mut sim, "Allô ?");
    sim.advance(10 * MIN);
    assert_eq!(fired_at(&sim, "busy", t0), vec![45 * SEC]);
}

#[test]
fn after_an_agent_answers_the_next_visitor_message_starts_a_new_streak_and_busy_can_fire_again() {
    let mut sim = busy_chat();
    let t0 = sim.now;
    say(&mut sim, "Bonjour ?");
    sim.advance(MIN);
    sim.input(Input::AgentMessage {
        text: "Bonjour, je regarde.".into(),
    });
    sim.advance(MIN);
    say(&mut sim, "Alors ?");
    sim.advance(44 * SEC);
    assert_eq!(fired_at(&sim, "busy", t0), vec![45 * SEC]);
    sim.advance(SEC);
    assert_eq!(
        fired_at(&sim, "busy", t0),
        vec![45 * SEC, 2 * MIN + 45 * SEC]
    );
}

#[test]
fn an_unanswered_streak_is_not_persisted_across_a_reload() {
    let mut sim = busy_chat();
    say(&mut sim, "Bonjour ?");
    sim.advance(30 * SEC);
    sim.reload(SEC, "https://shop.fr/panier");
    sim.input(Input::ChatOpened);
    sim.advance(10 * MIN);
    assert!(sim.fired().is_empty(), "{:?}", sim.fired());
    // Only the streak was lost: a message written on this page gets its
    // busy reply 45 s later.
    let t1 = sim.now;
    say(&mut sim, "Toujours là ?");
    sim.advance(45 * SEC);
    assert_eq!(fired_at(&sim, "busy", t1), vec![45 * SEC]);
}

#[test]
fn the_offline_reply_is_sent_once_per_unanswered_streak() {
    let cfg = site(r#""team":{"status":"offline"},"presets":["offline"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    let t0 = sim.now;
    say(&mut sim, "Bonjour ?");
    sim.advance(5 * SEC);
    say(&mut sim, "Vous êtes là ?");
    sim.advance(10 * MIN);
    assert_eq!(fired_at(&sim, "offline", t0), vec![SEC]);
}

// ----- 8.6 per-establishment message sets ------------------------------------

fn partoo_sets() -> String {
    site(
        r#""establishments":[{"id":"paris","name":"Paris"},{"id":"lyon","name":"Lyon"},{"id":"nice","name":"Nice"}],
        "business_hours":{"mon":[["09:00","18:00"]]},
        "welcome_message":"Bienvenue chez {{establishment.name}}",
        "absence_message":"Fermé",
        "starters":[{"title":"Horaires ?","answer":"9h-18h"}],
        "message_sets":[
          {"establishments":["lyon","nice"],"welcome_message":"Bonjour de {{establishment.name}} !",
           "starters":[{"title":"Où ?","answer":"Bellecour"},{"title":"Parking ?","answer":"Oui"}],
           "business_hours":{"mon":[["14:00","19:00"]]}}]"#,
    )
}

fn visit(cfg: &str, establishment: Option<&str>) -> Sim {
    let (c, p) = super::harness::config(cfg);
    let now = super::harness::monday() + 10 * 60 * MIN;
    let engine = Engine::new(c, None, Box::new(p));
    let mut sim = Sim::with_engine(cfg, engine, now);
    let mut info = super::harness::page("https://shop.fr/");
    info.establishment = establishment.map(str::to_string);
    sim.page_view(info);
    sim
}

#[test]
fn a_page_with_an_establishment_uses_that_establishments_set_and_its_hours() {
    // Lyon opens at 14:00: at 10:00 it is closed, the absence falls back
    // to the site-wide text, the starters are Lyon's.
    let mut sim = visit(&partoo_sets(), Some("lyon"));
    assert_eq!(
        sim.last_starters().unwrap(),
        vec!["Où ?".to_string(), "Parking ?".to_string()]
    );
    assert!(!sim.engine.open_now());
    sim.input(Input::ChatOpened);
    assert_eq!(sim.bot_texts(), vec!["Fermé"]);
    // At 14:00 Lyon opens and the set's own welcome is used.
    let mut sim = visit(&partoo_sets(), Some("nice"));
    sim.advance(4 * 60 * MIN);
    assert!(sim.engine.open_now());
    sim.input(Input::ChatOpened);
    assert_eq!(sim.bot_texts(), vec!["Bonjour de Nice !"]);
}

#[test]
fn an_establishment_without_a_set_uses_the_site_wide_messages_and_hours() {
    for establishment in [Some("paris"), None] {
        let mut sim = visit(&partoo_sets(), establishment);
        assert_eq!(sim.last_starters().unwrap(), vec!["Horaires ?".to_string()]);
        assert!(sim.engine.open_now());
        sim.input(Input::ChatOpened);
        assert_eq!(sim.bot_texts(), vec!["Bienvenue chez Paris"]);
    }
}

#[test]
fn outside_a_sets_hours_a_visitor_who_writes_gets_the_offline_reply() {
    let cfg = partoo_sets().replace(
        r#""message_sets""#,
        r#""presets":["offline","busy"],"message_sets""#,
    );
    let mut sim = visit(&cfg, Some("lyon"));
    sim.input(Input::ChatOpened);
    say(&mut sim, "?");
    sim.advance(MIN);
    assert_eq!(sim.fired(), vec!["offline"]);
}

fn errors_of(text: &str) -> Vec<String> {
    let mut p = RegexLitePatterns::new();
    let (_, d) = parse_config(text, &mut p).unwrap();
    d.iter().map(|d| d.to_string()).collect()
}

#[test]
fn an_unknown_establishment_id_in_a_message_set_is_reported_with_its_path() {
    let cfg = site(
        r#""establishments":[{"id":"paris"},{"id":"lyon"}],
        "message_sets":[{"establishments":["lyon","x"]},{"establishments":["lyon"],"welcome_message":"?"},{"welcome_message":"?"},{"establishments":[]}]"#,
    );
    let d = errors_of(&cfg);
    assert!(d.contains(
        &r#"message_sets[0].establishments[1]: unknown establishment "x"; expected one of paris, lyon"#
            .to_string()
    ), "{:?}", d);
    assert!(
        d.iter().any(|m| m.starts_with(
            r#"message_sets[1].establishments[0]: establishment "lyon" already has a message set"#
        )),
        "{:?}",
        d
    );
    assert!(
        d.iter()
            .any(|m| m.starts_with(r#"message_sets[2]: missing "establishments""#)),
        "{:?}",
        d
    );
    assert!(
        d.iter()
            .any(|m| m.starts_with("message_sets[3].establishments: expected a non-empty array")),
        "{:?}",
        d
    );
    let mut p = RegexLitePatterns::new();
    let (c, diags) = parse_config(&cfg, &mut p).unwrap();
    let warning = diags
        .iter()
        .find(|d| d.path == "message_sets[1].establishments[0]")
        .unwrap();
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(c.message_sets[0].establishments, vec!["lyon".to_string()]);
}

// ----- 9.6 business-hours exceptions -------------------------------------------

#[test]
fn an_exception_date_without_hours_is_reported() {
    let d = errors_of(&site(
        r#""business_hours":{"exceptions":[{"date":"2026-12-25"}]}"#,
    ));
    assert!(
        d.iter()
            .any(|m| m.starts_with(r#"business_hours.exceptions[0]: missing "hours""#)),
        "{:?}",
        d
    );
}

#[test]
fn an_exception_date_of_the_wrong_type_is_reported_as_a_wrong_type_not_missing() {
    let d = errors_of(&site(
        r#""business_hours":{"exceptions":[{"date":20261225,"hours":[]}]}"#,
    ));
    assert!(
        d.iter().any(|m| m
            == "business_hours.exceptions[0].date: expected a date string like 2026-12-24, found a number"),
        "{:?}",
        d
    );
    assert!(!d.iter().any(|m| m.contains("missing")), "{:?}", d);
}

#[test]
fn an_exception_date_that_is_not_a_calendar_date_says_what_a_date_looks_like() {
    let d = errors_of(&site(
        r#""business_hours":{"exceptions":[{"date":"24/12/2026","hours":[]}]}"#,
    ));
    assert_eq!(
        d,
        vec![
            r#"business_hours.exceptions[0].date: invalid date "24/12/2026"; expected a date string like 2026-12-24"#
        ]
    );
}

/// Decision: an exception without `hours` is an ERROR (the exception is
/// dropped): nothing says whether that day is closed or open, so guessing
/// either way could show the wrong status; the weekday's hours still apply
/// and the rest of the config keeps working.
#[test]
fn an_exception_without_hours_is_an_error_and_the_weekday_hours_still_apply() {
    let cfg = site(
        r#""business_hours":{"mon":[["09:00","18:00"]],"exceptions":[{"date":"2026-11-23"},{"date":"2026-11-24","hours":[]}]}"#,
    );
    let mut p = RegexLitePatterns::new();
    let (c, d) = parse_config(&cfg, &mut p).unwrap();
    assert_eq!(d.len(), 1, "{:?}", d);
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(
        d[0].to_string(),
        r#"business_hours.exceptions[0]: missing "hours""#
    );
    let h = c.business_hours.unwrap();
    assert_eq!(h.exceptions.len(), 1);
    // Monday 2026-11-23 10:00 is open: the broken exception was ignored.
    let monday = clock::day_number(2026, 11, 23);
    assert!(h.is_open(monday, 10 * 60));
    assert!(!h.is_open(monday + 1, 10 * 60));
}

// ----- 12.3 no timer for a rule that cannot fire on this page ---------------

#[test]
fn no_timer_is_armed_for_rules_whose_page_conditions_are_false() {
    let cfg = site(
        r#""auto_messages":[
        {"id":"cart","text":"c","trigger":{"type":"time_on_page","seconds":30},"conditions":{"url":{"contains":"/cart"}}},
        {"id":"site","text":"s","trigger":{"type":"time_on_site","seconds":60},"conditions":{"all":[{"title":{"equals":"Panier"}},{"visitor":"first"}]}},
        {"id":"pv","text":"p","trigger":{"type":"page_view","delay":5},"conditions":{"not":{"url":{"contains":"/home"}}}}]"#,
    );
    let sim = Sim::new(&cfg, "https://shop.fr/home");
    assert_eq!(sim.engine.poll_timeout(), None);
    // On a page where they can fire, they are armed.
    let mut sim = Sim::new(&cfg, "https://shop.fr/cart");
    assert_eq!(sim.engine.poll_timeout().unwrap().0, sim.now + 5 * SEC);
    sim.advance(MIN);
    assert_eq!(sim.fired(), vec!["pv", "cart"]);
}

#[test]
fn after_the_last_possible_message_no_timer_is_left() {
    let cfg = site(r#""presets":["first_visit","new_product","first_order_discount"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(3 * MIN);
    assert_eq!(sim.fired().len(), 3);
    assert_eq!(sim.engine.poll_timeout(), None);
    // A returning visitor in a new session: the once-per-visitor presets
    // are used up, so nothing is armed at all.
    sim.reload(2 * 60 * MIN, "https://shop.fr/");
    assert_eq!(sim.engine.poll_timeout(), None);
}

#[test]
fn a_spa_url_change_rearms_the_rules_of_the_new_page() {
    let cfg = site(
        r#""auto_messages":[
        {"id":"cart","text":"c","trigger":{"type":"time_on_page","seconds":30},"conditions":{"url":{"contains":"/cart"}}}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/home");
    assert_eq!(sim.engine.poll_timeout(), None);
    sim.input(Input::UrlChanged {
        url: "https://shop.fr/cart".into(),
        title: "Panier".into(),
    });
    assert_eq!(sim.engine.poll_timeout().unwrap().0, sim.now + 30 * SEC);
}
