//! Scenario tests: one behaviour per test, named as a sentence, played on
//! simulated time through the harness.

use super::harness::{config, monday, page, wall, Sim, MIN, SEC};
use super::*;

/// A French site with `extra` root fields.
fn site(extra: &str) -> String {
    let mut s = String::from(
        r#"{"site":{"name":"Boutique Démo","language":"fr","time_zone":"Europe/Paris"}"#,
    );
    if !extra.is_empty() {
        s.push(',');
        s.push_str(extra);
    }
    s.push('}');
    s
}

fn presets(names: &str) -> String {
    site(&format!(r#""presets":[{}]"#, names))
}

/// One custom message with the given trigger, conditions and frequency.
fn rule(id: &str, trigger: &str, conditions: &str, frequency: &str) -> String {
    format!(
        r#"{{"id":"{}","text":"msg {}","trigger":{},"conditions":{},"frequency":"{}"}}"#,
        id, id, trigger, conditions, frequency
    )
}

fn rules(list: &[String]) -> String {
    site(&format!(r#""auto_messages":[{}]"#, list.join(",")))
}

const FIRST_VISIT_FR: &str = "Bonjour, nous avons remarqué que vous êtes pour la première fois ici. 👋 Si vous avez des questions, n'hésitez pas à nous contacter.";

// ----- 1. presets ---------------------------------------------------------

#[test]
fn first_visit_welcome_fires_30s_after_arrival_on_a_first_visit() {
    let mut sim = Sim::new(&presets(r#""first_visit""#), "https://shop.fr/");
    let t0 = sim.now;
    sim.advance(29 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(2 * SEC);
    let f = sim.firings();
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0],
        (
            t0 + 30 * SEC,
            "first_visit".to_string(),
            FIRST_VISIT_FR.to_string()
        )
    );
    // The chat is closed: it shows as the preview.
    assert!(sim
        .log
        .iter()
        .any(|(_, o)| matches!(o, Output::Preview(Some(m)) if m.text == FIRST_VISIT_FR)));
}

#[test]
fn returning_visitor_sees_welcome_back_after_30s() {
    let cfg = presets(r#""first_visit","returning_visitor""#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(40 * SEC);
    assert_eq!(sim.fired(), vec!["first_visit"]);
    sim.reload(2 * 60 * MIN, "https://shop.fr/");
    sim.advance(29 * SEC);
    assert_eq!(sim.fired(), vec!["first_visit"]);
    sim.advance(SEC);
    assert_eq!(sim.fired(), vec!["first_visit", "returning_visitor"]);
    let text = &sim.firings()[1].2;
    assert!(text.starts_with("Bonjour, nous sommes heureux que vous soyez de retour !"));
}

#[test]
fn busy_message_when_no_agent_answers_within_45s() {
    let mut sim = Sim::new(&presets(r#""busy""#), "https://shop.fr/");
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage {
        text: "Bonjour ?".into(),
    });
    sim.advance(44 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.fired(), vec!["busy"]);
    assert!(sim.firings()[0]
        .2
        .starts_with("Nous sommes occupés pour le moment."));
}

#[test]
fn busy_message_is_not_sent_when_an_agent_answers_in_time() {
    let mut sim = Sim::new(&presets(r#""busy""#), "https://shop.fr/");
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage {
        text: "Bonjour ?".into(),
    });
    sim.advance(30 * SEC);
    sim.input(Input::AgentMessage {
        text: "Oui ?".into(),
    });
    sim.advance(10 * MIN);
    assert!(sim.fired().is_empty());
    assert_eq!(sim.engine.poll_timeout(), None);
}

#[test]
fn offline_message_1s_after_a_visitor_writes_while_offline() {
    let cfg = site(r#""team":{"name":"Équipe","status":"offline"},"presets":["offline","busy"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage {
        text: "Allô".into(),
    });
    sim.advance(999);
    assert!(sim.fired().is_empty());
    sim.advance(1);
    assert_eq!(sim.fired(), vec!["offline"]);
    // The busy message is for an online team only.
    sim.advance(10 * MIN);
    assert_eq!(sim.fired(), vec!["offline"]);
    assert!(sim.firings()[0]
        .2
        .starts_with("Merci pour le message. Notre équipe est hors ligne."));
}

#[test]
fn new_product_announcement_after_60s_to_everyone() {
    let mut sim = Sim::new(&presets(r#""new_product""#), "https://shop.fr/");
    sim.advance(59 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.fired(), vec!["new_product"]);
    // A returning visitor who hasn't seen it yet gets it too.
    let mut sim = Sim::new(&presets(r#""new_product""#), "https://shop.fr/");
    sim.advance(10 * SEC);
    sim.reload(3 * 60 * MIN, "https://shop.fr/");
    sim.advance(60 * SEC);
    assert_eq!(sim.fired(), vec!["new_product"]);
}

#[test]
fn first_order_discount_after_120s_browsing_across_pages() {
    let mut sim = Sim::new(&presets(r#""first_order_discount""#), "https://shop.fr/");
    sim.advance(70 * SEC);
    sim.reload(SEC, "https://shop.fr/produits");
    sim.advance(48 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.fired(), vec!["first_order_discount"]);
    assert!(sim.firings()[0].2.contains("\"sale5\""));
}

#[test]
fn preset_texts_follow_the_site_language_and_can_be_overridden() {
    let en = r#"{"site":{"language":"en"},"presets":["first_visit"]}"#;
    let mut sim = Sim::new(en, "https://shop.com/");
    sim.advance(30 * SEC);
    assert!(sim.firings()[0]
        .2
        .starts_with("Hello, we noticed this is your first time here."));

    let over = site(
        r#""presets":{"first_visit":{"text":"Salut {{site.name}} !","delay":5},"busy":false}"#,
    );
    let mut sim = Sim::new(&over, "https://shop.fr/");
    sim.advance(5 * SEC);
    assert_eq!(sim.firings()[0].2, "Salut Boutique Démo !");
    assert_eq!(sim.engine.config().rules.len(), 1);
}

// ----- 2. the four tips ---------------------------------------------------

fn tips_config() -> String {
    let tip = |id: &str, url: &str, text: &str| {
        format!(
            r#"{{"id":"{}","text":"{}","trigger":{{"type":"time_on_page","seconds":20}},"conditions":{{"url":{{"contains":"{}"}}}}}}"#,
            id,
            text.replace('"', "\\\""),
            url
        )
    };
    site(&format!(
        r#""auto_messages":[{},{},{},{}]"#,
        tip("checkout-help", "step2", "Vous avez besoin d'aide pour remplir votre commande ? N'hésitez pas à demander"),
        tip("bicycles-offer", "www.eshop.shop/bicycles", "Pour chaque vélo de plus de 10 000 CZK, vous recevrez gratuitement une gourde originale d'une valeur de 250 CZK. Puis-je vous aider à choisir ?"),
        tip("choice-help", "compare", "Besoin de conseils sur le choix d'un produit ? Dites-moi quels sont vos besoins, je serai heureux de vous conseiller"),
        tip("next-purchase", "success", "Merci ! Lors de votre prochaine visite, profitez d'une réduction de 100 CZK pour votre prochain achat. Ajoutez le code de réduction \"slevazavernost100\" dans votre commande"),
    ))
}

#[test]
fn the_four_tips_fire_on_their_urls_only() {
    let cases = [
        (
            "https://www.eshop.shop/cart/step2",
            "checkout-help",
            "Vous avez besoin d'aide",
        ),
        (
            "https://www.eshop.shop/bicycles/road",
            "bicycles-offer",
            "Pour chaque vélo",
        ),
        (
            "https://www.eshop.shop/compare?a=1&b=2",
            "choice-help",
            "Besoin de conseils",
        ),
        (
            "https://www.eshop.shop/order/success",
            "next-purchase",
            "\"slevazavernost100\"",
        ),
    ];
    for (url, id, text) in cases {
        let mut sim = Sim::new(&tips_config(), url);
        sim.advance(2 * MIN);
        let f = sim.firings();
        assert_eq!(f.len(), 1, "{}", url);
        assert_eq!(f[0].1, id);
        assert!(f[0].2.contains(text));
    }
    let mut sim = Sim::new(&tips_config(), "https://www.eshop.shop/");
    sim.advance(5 * MIN);
    assert!(sim.fired().is_empty());
    assert_eq!(sim.engine.poll_timeout(), None);
}

// ----- 3. Partoo: welcome, absence, starters ------------------------------

fn partoo() -> String {
    site(
        r#""establishments":[
            {"id":"paris","name":"Boutique Paris","address":"1 rue de Rivoli, Paris","phone":"01 23 45 67 89","opening_hours":"9h-18h"},
            {"id":"lyon","name":"Boutique Lyon","address":"2 place Bellecour, Lyon","phone":"04 00 00 00 00","opening_hours":"10h-19h","parking":"Parking Bellecour"}],
          "business_hours":{"mon":[["09:00","12:00"],["14:00","18:00"]],"tue":[["09:00","18:00"]]},
          "team":{"name":"Équipe Démo","status":"online"},
          "welcome_message":"Bienvenue chez {{establishment.name}} !",
          "absence_message":"Nous sommes fermés. {{establishment.name}} ouvre {{establishment.opening_hours}}.",
          "starters":[
            {"title":"Où êtes-vous ?","answer":"Nous sommes au {{establishment.address}}."},
            {"title":"Horaires ?","answer":"{{establishment.opening_hours}}"},
            {"title":"Parking ?","answer":"{{establishment.parking}}"}]"#,
    )
}

#[test]
fn welcome_message_is_posted_when_the_visitor_opens_an_empty_conversation() {
    let mut sim = Sim::new(&partoo(), "https://shop.fr/"); // Monday 10:00: open
    sim.input(Input::ChatOpened);
    let m = sim.messages();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].text, "Bienvenue chez Boutique Paris !");
    assert_eq!(m[0].rule.as_deref(), Some(WELCOME_ID));
    // Not again when reopened, nor after a reload.
    sim.input(Input::ChatClosed);
    sim.input(Input::ChatOpened);
    sim.reload(MIN, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    assert_eq!(sim.messages().len(), 1);
}

#[test]
fn absence_message_outside_business_hours_or_when_the_team_is_offline() {
    // Monday 12:30 is the lunch break.
    let mut sim = Sim::start(
        &partoo(),
        "https://shop.fr/",
        monday() + 12 * 60 * MIN + 30 * MIN,
        None,
    );
    sim.input(Input::ChatOpened);
    assert_eq!(
        sim.bot_texts(),
        vec!["Nous sommes fermés. Boutique Paris ouvre 9h-18h."]
    );
    // Inside hours but the team went offline.
    let mut sim = Sim::new(&partoo(), "https://shop.fr/");
    sim.input(Input::SetTeamStatus(TeamStatus::Offline));
    sim.input(Input::ChatOpened);
    assert_eq!(sim.messages()[0].rule.as_deref(), Some(ABSENCE_ID));
}

#[test]
fn starters_show_in_order_and_a_click_posts_the_question_then_the_answer_from_the_page_establishment(
) {
    let (c, p) = config(&partoo());
    let mut engine = Engine::new(c, None, Box::new(p));
    let now = monday() + 10 * 60 * MIN;
    let mut info = page("https://shop.fr/lyon");
    info.establishment = Some("lyon".into());
    engine.handle_input(
        Timestamp(now),
        Input::PageView {
            page: info,
            wall: wall(now),
        },
    );
    let mut starters = None;
    while let Some(o) = engine.poll_output() {
        if let Output::Starters(s) = o {
            starters = Some(s);
        }
    }
    assert_eq!(
        starters.unwrap(),
        vec!["Où êtes-vous ?", "Horaires ?", "Parking ?"]
    );
    engine.handle_input(Timestamp(now + 1000), Input::ChatOpened);
    engine.handle_input(Timestamp(now + 2000), Input::StarterClicked { index: 0 });
    engine.handle_input(Timestamp(now + 3000), Input::StarterClicked { index: 2 });
    engine.handle_input(Timestamp(now + 3000), Input::StarterClicked { index: 9 });
    let conv: Vec<(Author, String)> = engine
        .conversation()
        .iter()
        .map(|m| (m.author, m.text.clone()))
        .collect();
    assert_eq!(
        conv,
        vec![
            (Author::Bot, "Bienvenue chez Boutique Lyon !".to_string()),
            (Author::Visitor, "Où êtes-vous ?".to_string()),
            (
                Author::Bot,
                "Nous sommes au 2 place Bellecour, Lyon.".to_string()
            ),
            (Author::Visitor, "Parking ?".to_string()),
            (Author::Bot, "Parking Bellecour".to_string()),
        ]
    );
}

#[test]
fn starters_disappear_once_the_visitor_types_a_message_and_come_back_after_reset() {
    let mut sim = Sim::new(&partoo(), "https://shop.fr/"); // default establishment: paris
    assert_eq!(sim.last_starters().unwrap().len(), 3);
    sim.input(Input::ChatOpened);
    sim.input(Input::StarterClicked { index: 1 });
    assert_eq!(
        sim.last_starters().unwrap().len(),
        3,
        "a click keeps the starters"
    );
    assert_eq!(sim.bot_texts().last().unwrap(), "9h-18h");
    sim.input(Input::VisitorMessage {
        text: "J'ai une question".into(),
    });
    assert_eq!(sim.last_starters(), Some(vec![]));
    sim.input(Input::StarterClicked { index: 0 });
    assert_eq!(sim.messages().len(), 4, "clicks are ignored once hidden");
    sim.reload(MIN, "https://shop.fr/");
    assert_eq!(sim.last_starters(), Some(vec![]));
    sim.input(Input::Reset);
    assert_eq!(sim.last_starters().unwrap().len(), 3);
}

// ----- 4. visits ------------------------------------------------------------

#[test]
fn a_session_ends_after_30_minutes_without_activity() {
    let cfg = rules(&[rule(
        "n",
        r#"{"type":"page_view"}"#,
        r#"{"visit_number":{"gte":2}}"#,
        "once_per_session",
    )]);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.reload(29 * MIN, "https://shop.fr/a");
    sim.reload(29 * MIN, "https://shop.fr/b");
    assert!(sim.fired().is_empty(), "activity keeps the session alive");
    sim.reload(31 * MIN, "https://shop.fr/c");
    assert_eq!(sim.fired(), vec!["n"]);
}

#[test]
fn visit_number_and_days_since_last_visit_survive_reloads() {
    let cfg = rules(&[
        rule(
            "third",
            r#"{"type":"page_view"}"#,
            r#"{"visit_number":3,"visitor":"returning"}"#,
            "once_per_session",
        ),
        rule(
            "week",
            r#"{"type":"page_view"}"#,
            r#"{"days_since_last_visit":{"gte":7}}"#,
            "once_per_session",
        ),
        rule(
            "first",
            r#"{"type":"page_view"}"#,
            r#"{"visitor":"first","pages_viewed":2}"#,
            "once_per_session",
        ),
    ]);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.reload(MIN, "https://shop.fr/2");
    assert_eq!(sim.fired(), vec!["first"]);
    sim.reload(2 * 86_400_000, "https://shop.fr/");
    assert_eq!(sim.fired(), vec!["first"]);
    sim.reload(8 * 86_400_000, "https://shop.fr/");
    assert_eq!(sim.fired(), vec!["first", "third"]);
    sim.reload(MIN, "https://shop.fr/x");
    // Same session (visit 3): "week" was skipped on the landing page because
    // "third" won; it fires on the next page view.
    assert_eq!(sim.fired(), vec!["first", "third", "week"]);
}

#[test]
fn a_v0_saved_state_is_migrated_on_load() {
    let cfg = presets(r#""first_visit","returning_visitor""#);
    let t = monday() + 10 * 60 * MIN;
    let v0 = format!(
        r#"{{"visits":4,"last_visit":{},"fired":["first_visit"]}}"#,
        t - 3 * 86_400_000
    );
    let mut sim = Sim::start(&cfg, "https://shop.fr/", t, Some(v0));
    sim.advance(31 * SEC);
    assert_eq!(sim.fired(), vec!["returning_visitor"]);
    assert!(sim.saved.as_ref().unwrap().contains("\"visits\":5"));
    assert!(sim.engine.diagnostics().is_empty());
}

#[test]
fn a_corrupt_saved_state_starts_fresh_with_a_diagnostic() {
    let cfg = presets(r#""first_visit""#);
    let mut sim = Sim::start(&cfg, "https://shop.fr/", monday(), Some("{not json".into()));
    assert_eq!(sim.engine.diagnostics().len(), 1);
    sim.advance(30 * SEC);
    assert_eq!(sim.fired(), vec!["first_visit"]);
}

// ----- 5. time on page / site ----------------------------------------------

fn time_on_page_30s() -> String {
    rules(&[rule(
        "page",
        r#"{"type":"time_on_page","seconds":30}"#,
        "{}",
        "once_per_visitor",
    )])
}

#[test]
fn time_on_page_counts_only_while_the_page_is_visible() {
    let mut sim = Sim::new(&time_on_page_30s(), "https://shop.fr/");
    sim.advance(20 * SEC);
    sim.input(Input::Visibility { visible: false });
    assert_eq!(sim.engine.poll_timeout(), None);
    sim.advance(5 * MIN);
    assert!(sim.fired().is_empty());
    sim.input(Input::Visibility { visible: true });
    let back = sim.now;
    sim.advance(10 * SEC);
    assert_eq!(sim.firings()[0].0, back + 10 * SEC);
}

#[test]
fn time_on_page_restarts_on_a_url_change() {
    let mut sim = Sim::new(&time_on_page_30s(), "https://shop.fr/");
    sim.advance(25 * SEC);
    sim.input(Input::UrlChanged {
        url: "https://shop.fr/b".into(),
        title: "B".into(),
    });
    let changed = sim.now;
    sim.advance(29 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.firings()[0].0, changed + 30 * SEC);
}

#[test]
fn time_on_site_counts_across_page_loads_within_the_session_only() {
    let cfg = rules(&[rule(
        "site",
        r#"{"type":"time_on_site","seconds":100}"#,
        "{}",
        "once_per_session",
    )]);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(60 * SEC);
    sim.reload(30 * SEC, "https://shop.fr/b");
    sim.advance(9 * SEC);
    assert!(sim.fired().is_empty());
    sim.advance(SEC);
    assert_eq!(sim.fired(), vec!["site"]);
    // A new session starts from zero.
    sim.reload(40 * MIN, "https://shop.fr/");
    sim.advance(99 * SEC);
    assert_eq!(sim.fired().len(), 1);
    sim.advance(SEC);
    assert_eq!(sim.fired().len(), 2);
}

// ----- 6. frequency, dismissal, priority, gap, quiet -----------------------

fn event_rule(id: &str, frequency: &str) -> String {
    rule(id, r#"{"type":"event","name":"go"}"#, "{}", frequency)
}

fn go(sim: &mut Sim) {
    sim.input(Input::CustomEvent { name: "go".into() });
}

#[test]
fn once_per_visitor_never_fires_again_even_in_a_new_visit() {
    let mut sim = Sim::new(
        &rules(&[event_rule("a", "once_per_visitor")]),
        "https://shop.fr/",
    );
    go(&mut sim);
    go(&mut sim);
    sim.reload(5 * 86_400_000, "https://shop.fr/");
    go(&mut sim);
    assert_eq!(sim.fired(), vec!["a"]);
}

#[test]
fn once_per_session_fires_again_only_in_a_new_session() {
    let mut sim = Sim::new(
        &rules(&[event_rule("a", "once_per_session")]),
        "https://shop.fr/",
    );
    go(&mut sim);
    sim.reload(MIN, "https://shop.fr/");
    go(&mut sim);
    assert_eq!(sim.fired().len(), 1);
    sim.reload(31 * MIN, "https://shop.fr/");
    go(&mut sim);
    assert_eq!(sim.fired().len(), 2);
}

#[test]
fn once_per_page_view_fires_again_after_a_url_change() {
    let mut sim = Sim::new(
        &rules(&[event_rule("a", "once_per_page_view")]),
        "https://shop.fr/",
    );
    go(&mut sim);
    go(&mut sim);
    sim.input(Input::UrlChanged {
        url: "https://shop.fr/b".into(),
        title: "B".into(),
    });
    go(&mut sim);
    assert_eq!(sim.fired().len(), 2);
}

#[test]
fn always_fires_on_every_occurrence() {
    let mut sim = Sim::new(&rules(&[event_rule("a", "always")]), "https://shop.fr/");
    for _ in 0..3 {
        go(&mut sim);
    }
    assert_eq!(sim.fired().len(), 3);
}

#[test]
fn a_cooldown_blocks_until_it_has_elapsed_even_across_reloads() {
    let cfg = rules(&[rule("a", r#"{"type":"event","name":"go"}"#, "{}", "x")
        .replace(r#""x""#, r#"{"cooldown":600}"#)]);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    go(&mut sim);
    sim.advance(599 * SEC);
    go(&mut sim);
    sim.reload(0, "https://shop.fr/");
    go(&mut sim);
    assert_eq!(sim.fired().len(), 1);
    sim.advance(SEC);
    go(&mut sim);
    assert_eq!(sim.fired().len(), 2);
}

#[test]
fn a_dismissed_message_never_comes_back() {
    let mut sim = Sim::new(&rules(&[event_rule("a", "always")]), "https://shop.fr/");
    go(&mut sim);
    sim.input(Input::PreviewDismissed {
        message_id: "a".into(),
    });
    assert!(matches!(
        sim.log.last().map(|x| &x.1),
        Some(Output::Persist(_))
    ));
    assert!(sim.log.iter().any(|(_, o)| *o == Output::Preview(None)));
    go(&mut sim);
    sim.reload(40 * MIN, "https://shop.fr/");
    go(&mut sim);
    assert_eq!(sim.fired().len(), 1);
}

#[test]
fn when_several_messages_are_due_the_highest_priority_wins_and_the_others_are_dropped() {
    let cfg = site(
        r#""auto_messages":[
        {"id":"low","text":"low","trigger":{"type":"time_on_page","seconds":10},"priority":1},
        {"id":"high","text":"high","trigger":{"type":"time_on_page","seconds":10},"priority":5},
        {"id":"mid","text":"mid","trigger":{"type":"page_view","delay":10},"priority":3},
        {"id":"later","text":"later","trigger":{"type":"time_on_page","seconds":11},"priority":0}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(MIN);
    assert_eq!(sim.fired(), vec!["high", "later"]);
    // Ties keep declaration order.
    let cfg = site(
        r#""auto_messages":[
        {"id":"one","text":"1","trigger":{"type":"event","name":"go"}},
        {"id":"two","text":"2","trigger":{"type":"event","name":"go"}}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    go(&mut sim);
    go(&mut sim);
    assert_eq!(sim.fired(), vec!["one", "two"]);
}

#[test]
fn the_minimum_gap_holds_back_marketing_messages_but_not_service_replies() {
    let cfg = site(
        r#""behaviour":{"min_gap_seconds":60},"presets":{"busy":{"delay":5}},
        "auto_messages":[
        {"id":"a","text":"a","trigger":{"type":"time_on_page","seconds":10}},
        {"id":"b","text":"b","trigger":{"type":"time_on_page","seconds":30}},
        {"id":"c","text":"c","trigger":{"type":"time_on_page","seconds":71}}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(20 * SEC);
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage { text: "hé".into() });
    sim.advance(2 * MIN);
    assert_eq!(sim.fired(), vec!["a", "busy", "c"]);
}

#[test]
fn no_marketing_message_while_an_agent_conversation_is_active() {
    let cfg = site(
        r#""presets":["busy"],"auto_messages":[
        {"id":"promo","text":"promo","trigger":{"type":"event","name":"go"},"frequency":"always"}]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage { text: "?".into() });
    sim.input(Input::AgentMessage {
        text: "Bonjour".into(),
    });
    go(&mut sim);
    sim.input(Input::VisitorMessage {
        text: "Et donc ?".into(),
    });
    sim.advance(45 * SEC);
    assert_eq!(sim.fired(), vec!["busy"], "service replies still go out");
    // Configurable.
    let cfg2 = cfg.replace(
        r#""presets""#,
        r#""behaviour":{"quiet_during_agent_conversation":false},"presets""#,
    );
    let mut sim = Sim::new(&cfg2, "https://shop.fr/");
    sim.input(Input::AgentMessage {
        text: "Bonjour".into(),
    });
    go(&mut sim);
    assert_eq!(sim.fired(), vec!["promo"]);
}

// ----- 7. business hours ------------------------------------------------------

#[test]
fn business_hours_change_exactly_at_the_boundary_minute_without_polling() {
    let cfg = site(
        r#""business_hours":{"mon":[["09:00","12:00"]],"exceptions":[{"date":"2026-11-24","hours":[]}]}"#,
    );
    let start = monday() + 8 * 60 * MIN + 30 * MIN + 12_345;
    let mut sim = Sim::start(&cfg, "https://shop.fr/", start, None);
    assert_eq!(sim.team_changes(), vec![(start, false)]);
    assert_eq!(
        sim.engine.poll_timeout(),
        Some(Timestamp(monday() + 9 * 60 * MIN))
    );
    sim.advance(3 * 86_400_000);
    // Opens Monday 09:00:00.000, closes 12:00; Tuesday is an exception,
    // so the next opening is the following Monday.
    assert_eq!(
        sim.team_changes(),
        vec![
            (start, false),
            (monday() + 9 * 60 * MIN, true),
            (monday() + 12 * 60 * MIN, false)
        ]
    );
    assert_eq!(
        sim.engine.poll_timeout(),
        Some(Timestamp(monday() + 7 * 86_400_000 + 9 * 60 * MIN))
    );
}

#[test]
fn business_hours_conditions_use_the_wall_clock_derived_between_inputs() {
    let cfg = site(
        r#""business_hours":{"mon":[["09:00","12:00"]]},"auto_messages":[
        {"id":"closed","text":"fermé","trigger":{"type":"event","name":"go"},"conditions":{"business_hours":"closed"},"frequency":"always"}]"#,
    );
    let mut sim = Sim::start(
        &cfg,
        "https://shop.fr/",
        monday() + 11 * 60 * MIN + 59 * MIN,
        None,
    );
    go(&mut sim);
    assert!(sim.fired().is_empty());
    sim.now += MIN; // no timer delivered: the engine derives 12:00 itself
    go(&mut sim);
    assert_eq!(sim.fired(), vec!["closed"]);
}

// ----- 8. conditions ----------------------------------------------------------

#[test]
fn every_condition_type_is_evaluated() {
    // (condition, expected) on: Monday 10:00, https://shop.fr/produits/velo?utm_source=newsletter&q=Rouge,
    // title "Vélos", referrer google, fr-FR, 1280 px, first visit, page 1,
    // team online, open, attribute plan=pro, establishment paris.
    let cases: &[(&str, bool)] = &[
        (
            r#"{"url":{"equals":"HTTPS://shop.fr/produits/velo?utm_source=newsletter&q=Rouge"}}"#,
            true,
        ),
        (r#"{"url":{"contains":"PRODUITS"}}"#, true),
        (r#"{"url":{"starts_with":"https://shop.fr"}}"#, true),
        (r#"{"url":{"ends_with":"rouge"}}"#, true),
        (r#"{"url":{"wildcard":"*/produits/*"}}"#, true),
        (r#"{"url":{"wildcard":"*/panier/*"}}"#, false),
        (r#"{"url":{"regex":"produits/v[eé]lo"}}"#, true),
        (r#"{"url":{"regex":"PRODUITS"}}"#, false),
        (r#"{"title":{"equals":"vélos"}}"#, true),
        (r#"{"title":{"equals":"VÉLOS"}}"#, true),
        (r#"{"title":{"contains":"é"}}"#, true),
        (r#"{"referrer":{"contains":"google."}}"#, true),
        (r#"{"query":{"name":"q","equals":"rouge"}}"#, true),
        (r#"{"query":{"name":"missing","equals":""}}"#, false),
        (r#"{"utm":{"name":"source","equals":"newsletter"}}"#, true),
        (r#"{"utm":{"name":"utm_medium","equals":"email"}}"#, false),
        (r#"{"visitor":"first"}"#, true),
        (r#"{"visitor":"returning"}"#, false),
        (r#"{"visit_number":{"eq":1}}"#, true),
        (r#"{"visit_number":{"gt":1}}"#, false),
        (r#"{"pages_viewed":{"gte":1,"lt":2}}"#, true),
        (r#"{"days_since_last_visit":{"gte":0}}"#, false),
        (r#"{"language":"fr"}"#, true),
        (r#"{"language":["en","de"]}"#, false),
        (r#"{"device":"desktop"}"#, true),
        (r#"{"device":["mobile","tablet"]}"#, false),
        (r#"{"weekday":["mon","tue"]}"#, true),
        (r#"{"weekday":"sun"}"#, false),
        (r#"{"time_of_day":{"from":"09:30","to":"10:01"}}"#, true),
        (r#"{"time_of_day":{"from":"22:00","to":"10:00"}}"#, false),
        (r#"{"time_of_day":{"from":"22:00","to":"10:01"}}"#, true),
        (r#"{"business_hours":"open"}"#, true),
        (r#"{"team_status":["busy","offline"]}"#, false),
        (r#"{"team_status":"online"}"#, true),
        (r#"{"attribute":{"name":"plan","equals":"PRO"}}"#, true),
        (r#"{"attribute":{"name":"plan","exists":false}}"#, false),
        (r#"{"attribute":{"name":"other","exists":false}}"#, true),
        (r#"{"establishment":"paris"}"#, true),
        (r#"{"establishment":["lyon"]}"#, false),
        (
            r#"{"all":[{"visitor":"first"},{"any":[{"device":"mobile"},{"not":{"language":"en"}}]}]}"#,
            true,
        ),
        (
            r#"{"not":{"all":[{"visitor":"first"},{"url":{"contains":"velo"}}]}}"#,
            false,
        ),
        (r#"{"visitor":"first","device":"mobile"}"#, false),
        (r#"{}"#, true),
    ];
    for (cond, expected) in cases {
        let cfg = site(&format!(
            r#""business_hours":{{"mon":[["09:00","18:00"]]}},
            "establishments":[{{"id":"paris","name":"P"}},{{"id":"lyon","name":"L"}}],
            "auto_messages":[{{"id":"c","text":"t","trigger":{{"type":"event","name":"go"}},"conditions":{}}}]"#,
            cond
        ));
        let (c, p) = config(&cfg);
        let mut e = Engine::new(c, None, Box::new(p));
        let now = monday() + 10 * 60 * MIN;
        let info = PageInfo {
            url: "https://shop.fr/produits/velo?utm_source=newsletter&q=Rouge".into(),
            title: "Vélos".into(),
            referrer: "https://www.google.fr/".into(),
            language: "fr-FR".into(),
            viewport_width: 1280,
            establishment: None,
        };
        e.handle_input(
            Timestamp(now),
            Input::PageView {
                page: info,
                wall: wall(now),
            },
        );
        e.handle_input(
            Timestamp(now),
            Input::SetAttributes(vec![("plan".into(), "pro".into())]),
        );
        e.handle_input(Timestamp(now), Input::CustomEvent { name: "go".into() });
        let mut fired = false;
        while let Some(o) = e.poll_output() {
            fired |= matches!(o, Output::Fired { .. });
        }
        assert_eq!(fired, *expected, "condition {}", cond);
    }
}

#[test]
fn triggers_scroll_exit_intent_chat_opened_and_events_fire_their_messages() {
    let cfg = rules(&[
        rule(
            "s50",
            r#"{"type":"scroll","percent":50}"#,
            "{}",
            "once_per_page_view",
        ),
        rule(
            "exit",
            r#"{"type":"exit_intent"}"#,
            "{}",
            "once_per_session",
        ),
        rule(
            "open",
            r#"{"type":"chat_opened"}"#,
            "{}",
            "once_per_session",
        ),
        rule(
            "ev",
            r#"{"type":"event","name":"added_to_cart"}"#,
            "{}",
            "once_per_session",
        ),
    ]);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::Scroll { percent: 30 });
    sim.input(Input::Scroll { percent: 60 });
    sim.input(Input::Scroll { percent: 90 });
    sim.input(Input::ExitIntent);
    sim.input(Input::CustomEvent {
        name: "other".into(),
    });
    sim.input(Input::CustomEvent {
        name: "added_to_cart".into(),
    });
    sim.input(Input::ChatOpened);
    assert_eq!(sim.fired(), vec!["s50", "exit", "ev", "open"]);
}

// ----- 9. statistics ------------------------------------------------------------

#[test]
fn statistics_count_fired_shown_opened_dismissed_and_converted_and_persist() {
    let cfg = rules(&[
        event_rule("a", "always"),
        rule("b", r#"{"type":"event","name":"b"}"#, "{}", "always"),
    ]);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    go(&mut sim); // preview shown
    sim.input(Input::PreviewOpened {
        message_id: "a".into(),
    });
    sim.input(Input::VisitorMessage {
        text: "merci".into(),
    }); // converted
    sim.input(Input::ChatClosed);
    sim.input(Input::CustomEvent { name: "b".into() });
    sim.input(Input::PreviewDismissed {
        message_id: "b".into(),
    });
    sim.reload(MIN, "https://shop.fr/");
    let stats = sim.engine.stats();
    let a = stats.iter().find(|s| s.message_id == "a").unwrap().counters;
    let b = stats.iter().find(|s| s.message_id == "b").unwrap().counters;
    assert_eq!(
        (a.fired, a.shown, a.opened, a.dismissed, a.converted),
        (1, 1, 1, 0, 1)
    );
    assert_eq!(
        (b.fired, b.shown, b.opened, b.dismissed, b.converted),
        (1, 1, 0, 1, 0)
    );
    assert_eq!(sim.stat_count("a", StatKind::Converted), 1);
    // Converted only within the session.
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage {
        text: "encore".into(),
    });
    assert_eq!(sim.stat_count("b", StatKind::Converted), 1);
    sim.input(Input::VisitorMessage {
        text: "encore".into(),
    });
    assert_eq!(sim.stat_count("b", StatKind::Converted), 1);
}

#[test]
fn unread_count_rises_while_closed_and_resets_when_opened() {
    let mut sim = Sim::new(&rules(&[event_rule("a", "always")]), "https://shop.fr/");
    go(&mut sim);
    sim.input(Input::AgentMessage {
        text: "Bonjour".into(),
    });
    assert!(sim.log.iter().any(|(_, o)| *o == Output::Unread(2)));
    sim.input(Input::ChatOpened);
    assert!(matches!(
        sim.log
            .iter()
            .rev()
            .find(|(_, o)| matches!(o, Output::Unread(_))),
        Some((_, Output::Unread(0)))
    ));
}

// ----- 10. never spins ------------------------------------------------------------

#[test]
fn with_only_time_going_in_the_engine_goes_quiet() {
    let cfg = site(
        r#""business_hours":{"mon":[["09:00","12:00"]]},"presets":["first_visit","returning_visitor","busy","offline","new_product","first_order_discount"]"#,
    );
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.input(Input::ChatOpened);
    sim.input(Input::VisitorMessage { text: "?".into() });
    sim.advance(30 * 86_400_000);
    // Only the weekly business-hours change is left.
    let d = sim.engine.poll_timeout().unwrap().0;
    assert!(d > sim.now && d - sim.now <= 7 * 86_400_000);
    let cfg = presets(r#""first_visit""#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(MIN);
    assert_eq!(sim.engine.poll_timeout(), None);
}

// ----- tabs, consent, reset ---------------------------------------------------------

#[test]
fn a_once_per_visitor_message_fired_in_another_tab_does_not_fire_here() {
    let cfg = presets(r#""first_visit""#);
    let mut tab1 = Sim::new(&cfg, "https://shop.fr/");
    let mut tab2 = Sim::start(
        &cfg,
        "https://shop.fr/b",
        tab1.now + 5 * SEC,
        tab1.saved.clone(),
    );
    tab1.advance(30 * SEC);
    assert_eq!(tab1.fired(), vec!["first_visit"]);
    tab2.input(Input::StateSynced {
        saved: tab1.saved.clone().unwrap(),
    });
    // The other tab's newer conversation replaces this one.
    assert!(tab2.log.iter().any(
        |(_, o)| matches!(o, Output::Conversation(m) if m.len() == 1 && m[0].text == FIRST_VISIT_FR)
    ));
    tab2.advance(MIN);
    assert!(tab2.fired().is_empty());
}

#[test]
fn consent_required_withholds_persistence_until_granted() {
    let cfg = site(r#""behaviour":{"consent_required":true},"presets":["first_visit"]"#);
    let mut sim = Sim::new(&cfg, "https://shop.fr/");
    sim.advance(MIN);
    assert_eq!(sim.fired().len(), 1);
    assert!(sim.saved.is_none());
    sim.input(Input::Consent { granted: true });
    assert!(sim.saved.as_ref().unwrap().contains("first_visit"));
}

#[test]
fn reset_forgets_the_visitor() {
    let mut sim = Sim::new(
        &rules(&[event_rule("a", "once_per_visitor")]),
        "https://shop.fr/",
    );
    go(&mut sim);
    sim.input(Input::Reset);
    assert!(sim
        .log
        .iter()
        .any(|(_, o)| *o == Output::Conversation(vec![])));
    go(&mut sim);
    assert_eq!(sim.fired().len(), 2);
    assert!(sim.engine.conversation().len() == 1);
}

// ----- validation -------------------------------------------------------------------

fn diags(text: &str) -> Vec<String> {
    let mut p = RegexLitePatterns::new();
    let (_, d) = parse_config(text, &mut p).unwrap();
    d.iter().map(|d| d.to_string()).collect()
}

#[test]
fn validation_reports_every_problem_with_its_path_and_what_was_expected() {
    let text = site(
        r#""auto_messages":[
        {"id":"a","text":"ok","trigger":{"type":"page_view"}},
        {"id":"b","text":"ok","trigger":{"type":"page_view"}},
        {"id":"c","text":"x","trigger":{"type":"page_view"},"conditions":{"all":[{"url":{"contain":"x"}}]}},
        {"id":"d","text":"x","trigger":{"type":"time_on_page","seconds":-3}},
        {"id":"e","text":"x","trigger":{"type":"page_view"},"conditions":{"url":{"regex":"("}}},
        {"id":"f","text":"x {{visitor}} {{establishment.name}}","trigger":{"type":"sometimes"},"frequency":"weekly","extra":1},
        {"id":"g","text":"x","trigger":{"type":"page_view"},"conditions":{"establishment":"nowhere","visit_number":{"around":3}}}],
        "presets":["first_visit","hello"],
        "starters":[{"title":"1","answer":"1"},{"title":"2","answer":"2"},{"title":"3","answer":"3"},{"title":"4","answer":"4"},{"title":"5","answer":"5"},{"title":"6","answer":"6"}],
        "ui":{"color":"blue","position":"top","z_index":1.5,"theme":"dark"},
        "colour":"red""#,
    );
    let d = diags(&text);
    let expect = [
        r#"auto_messages[2].conditions.all[0].url: unknown operator "contain"; expected one of equals, contains, starts_with, ends_with, wildcard, regex"#,
        "auto_messages[3].trigger.seconds: negative delay; expected a number of seconds >= 0",
        "auto_messages[4].conditions.url.regex: invalid regular expression",
        r#"auto_messages[5].text: unknown placeholder "{{visitor}}""#,
        r#"auto_messages[5].text: unknown placeholder "{{visitor}}"; expected one of site.name, team.name, team.reply_time, establishment.<fact>, visitor.<attribute>; unknown establishment fact "name""#,
        r#"auto_messages[5].trigger.type: unknown value "sometimes"; expected one of time_on_page"#,
        r#"auto_messages[5].frequency: unknown value "weekly""#,
        "auto_messages[5].extra: unknown field, ignored",
        r#"auto_messages[6].conditions.establishment: unknown establishment "nowhere""#,
        r#"auto_messages[6].conditions.visit_number: unknown operator "around"; expected one of eq, ne, gt, gte, lt, lte"#,
        r#"presets[1]: unknown preset "hello"; expected one of first_visit, returning_visitor, busy, offline, new_product, first_order_discount"#,
        "starters[5]: too many starters, dropped; expected between 1 and 5",
        "ui.color: invalid colour; expected #rgb or #rrggbb",
        r#"ui.position: unknown value "top"; expected one of right, left"#,
        "ui.z_index: expected an integer, found a number",
        "colour: unknown field, ignored",
    ];
    for e in expect {
        assert!(
            d.iter().any(|x| x.starts_with(e)),
            "missing {:?} in {:#?}",
            e,
            d
        );
    }
    let mut p = RegexLitePatterns::new();
    let (c, _) = parse_config(&text, &mut p).unwrap();
    let ids: Vec<&str> = c.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["a", "b", "first_visit"],
        "broken rules dropped, the others kept"
    );
    assert_eq!(c.starters.len(), 5);
    // An unknown ui key is a warning and is not passed on.
    assert!(c.ui.get("theme").is_none());
    assert!(c.ui.get("color").is_none());
}

#[test]
fn an_unknown_ui_key_is_a_warning_naming_its_path() {
    let d = diags(r#"{"ui":{"theme":"dark"}}"#);
    assert!(
        d.iter().any(|x| x.starts_with("ui.theme: unknown field")),
        "{d:#?}"
    );
}

#[test]
fn a_misspelt_interface_text_inside_a_language_is_a_warning_naming_its_path() {
    let d =
        diags(r#"{"ui":{"texts":{"fr":{"laucher_label":"Discuter","launcher_label":"Chat"}}}}"#);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].starts_with("ui.texts.fr.laucher_label: unknown interface text, ignored; expected one of launcher_label"),
        "{d:#?}"
    );
}

#[test]
fn unknown_fields_are_warnings_and_errors_are_errors() {
    let mut p = RegexLitePatterns::new();
    let (_, d) = parse_config(r#"{"sitee":{},"presets":["nope"]}"#, &mut p).unwrap();
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[1].severity, Severity::Error);
}

#[test]
fn a_json_syntax_error_is_reported_with_line_and_column() {
    let mut p = RegexLitePatterns::new();
    let e = parse_config("{\n  \"site\": {\"name\": \"x\",}\n}", &mut p).unwrap_err();
    assert_eq!(
        e.to_string(),
        "JSON syntax error at line 2, column 24: expected a string key"
    );
    let e = parse_config("[1]", &mut p).unwrap_err();
    assert!(e.to_string().contains("expected an object at the root"));
}

#[test]
fn a_repeated_key_in_the_config_keeps_its_last_value_with_a_warning_naming_its_path() {
    let text = site(
        r#""auto_messages":[{"id":"a","text":"first","text":"second","trigger":{"type":"page_view"}}]"#,
    );
    let mut p = RegexLitePatterns::new();
    let (c, d) = parse_config(&text, &mut p).unwrap();
    assert_eq!(c.rules[0].text, placeholders::Template::plain("second"));
    assert_eq!(d.len(), 1, "{:?}", d);
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(
        d[0].to_string(),
        "auto_messages[0].text: duplicate key; the last value is used (as JSON.parse does)"
    );
}

#[test]
fn a_config_nested_deeper_than_the_limit_is_reported_as_too_deep_not_as_a_syntax_error() {
    let n = limits::MAX_JSON_DEPTH;
    let text = format!(r#"{{"ui":{}{}}}"#, "[".repeat(n), "]".repeat(n));
    let mut p = RegexLitePatterns::new();
    let e = parse_config(&text, &mut p).unwrap_err().to_string();
    assert!(!e.contains("syntax error"), "{}", e);
    assert!(e.starts_with("JSON too deep at line 1, column "), "{}", e);
    assert!(
        e.ends_with(&format!(": nesting deeper than {}", n)),
        "{}",
        e
    );
}

#[test]
fn an_unknown_establishment_fact_in_a_starter_is_an_error() {
    let d = diags(&site(
        r#""establishments":[{"id":"p","name":"P"}],"starters":[{"title":"Fax ?","answer":"{{establishment.fax}}"}]"#,
    ));
    assert!(
        d[0].starts_with(r#"starters[0].answer: unknown establishment fact "fax""#),
        "{:?}",
        d
    );
}

#[test]
fn docs_example_is_a_valid_config() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let start = doc.find("```json\n").unwrap() + 8;
    let end = start + doc[start..].find("```").unwrap();
    let mut p = RegexLitePatterns::new();
    let (c, d) = parse_config(&doc[start..end], &mut p).unwrap();
    assert!(d.is_empty(), "{:#?}", d);
    assert_eq!(c.rules.len(), 13);
    assert_eq!(c.starters.len(), 3);
}

// ----- property tests ------------------------------------------------------------------

mod props {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Wait(u64),
        Reload(u64),
        Input(u8),
        Url(u8),
        Scroll(u8),
        Say(u8),
        Synced,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0u64..200_000).prop_map(Step::Wait),
            (0u64..4_000_000).prop_map(Step::Reload),
            (0u8..12).prop_map(Step::Input),
            (0u8..4).prop_map(Step::Url),
            (0u8..=100).prop_map(Step::Scroll),
            (0u8..3).prop_map(Step::Say),
            Just(Step::Synced),
        ]
    }

    fn big_config() -> String {
        site(
            r#""establishments":[{"id":"p","name":"P","address":"A"}],
            "team":{"name":"T","status":"online"},
            "business_hours":{"mon":[["10:01","10:03"]],"exceptions":[{"date":"2026-11-24","hours":[["09:00","09:01"]]}]},
            "welcome_message":"Bienvenue {{visitor.name}} chez {{establishment.name}}",
            "absence_message":"Absents, {{site.name}}",
            "starters":[{"title":"Q {{team.name}}","answer":"R {{establishment.address}}"}],
            "behaviour":{"min_gap_seconds":5},
            "presets":["first_visit","returning_visitor","busy","offline","new_product","first_order_discount"],
            "auto_messages":[
              {"id":"once","text":"once {{visitor.name}}","trigger":{"type":"page_view","delay":3},"frequency":"once_per_visitor","priority":9},
              {"id":"ev","text":"ev","trigger":{"type":"event","name":"go"},"frequency":"once_per_visitor","priority":1},
              {"id":"scroll","text":"s","trigger":{"type":"scroll","percent":40},"frequency":"always"},
              {"id":"exit","text":"x","trigger":{"type":"exit_intent"},"frequency":{"cooldown":30}},
              {"id":"top","text":"t","trigger":{"type":"time_on_page","seconds":7},"frequency":"once_per_page_view","conditions":{"url":{"wildcard":"*/b*"}}}]"#,
        )
    }

    fn play(steps: &[Step]) -> Sim {
        let cfg = big_config();
        let mut sim = Sim::new(&cfg, "https://shop.fr/");
        let mut other = sim.saved.clone();
        for s in steps {
            match s {
                Step::Wait(ms) => sim.advance(*ms),
                Step::Reload(gap) => {
                    other = sim.saved.clone();
                    sim.reload(*gap, "https://shop.fr/b");
                }
                Step::Url(n) => sim.input(Input::UrlChanged {
                    url: format!("https://shop.fr/{}", ["a", "b", "c", "bb"][*n as usize]),
                    title: "x".into(),
                }),
                Step::Scroll(p) => sim.input(Input::Scroll { percent: *p }),
                Step::Say(n) => sim.input(Input::VisitorMessage {
                    text: ["a", "b", "c"][*n as usize].into(),
                }),
                Step::Synced => {
                    if let Some(o) = other.clone() {
                        sim.input(Input::StateSynced { saved: o });
                    }
                }
                Step::Input(n) => {
                    let input = match n {
                        0 => Input::ChatOpened,
                        1 => Input::ChatClosed,
                        2 => Input::ExitIntent,
                        3 => Input::CustomEvent { name: "go".into() },
                        4 => Input::Visibility { visible: false },
                        5 => Input::Visibility { visible: true },
                        6 => Input::SetTeamStatus(TeamStatus::Offline),
                        7 => Input::SetTeamStatus(TeamStatus::Online),
                        8 => Input::AgentMessage {
                            text: "agent".into(),
                        },
                        9 => Input::StarterClicked { index: 0 },
                        10 => Input::PreviewDismissed {
                            message_id: "scroll".into(),
                        },
                        _ => Input::SetAttributes(vec![("name".into(), "{{Zoé}}".into())]),
                    };
                    sim.input(input);
                }
            }
        }
        sim.advance(10 * MIN);
        sim
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_config_and_state_text_never_panics(text in "\\PC{0,200}", cut in 0usize..4000) {
            let mut p = RegexLitePatterns::new();
            let _ = parse_config(&text, &mut p);
            // Truncations and edits of a valid config and state.
            let cfg = big_config();
            let end = cut.min(cfg.len());
            if cfg.is_char_boundary(end) {
                let _ = parse_config(&cfg[..end], &mut p);
                let mut edited = cfg.clone();
                edited.replace_range(..end, &text);
                let _ = parse_config(&edited, &mut p);
            }
            if let Ok((c, _)) = parse_config(&cfg, &mut p) {
                let mut e = Engine::new(c, Some(&text), Box::new(RegexLitePatterns::new()));
                e.handle_input(Timestamp(1), Input::StateSynced { saved: text.clone() });
                while e.poll_output().is_some() {}
            }
        }

        #[test]
        fn once_per_visitor_messages_never_fire_twice(steps in proptest::collection::vec(step(), 0..40)) {
            let sim = play(&steps);
            let fired = sim.fired();
            for id in ["once", "ev", "first_visit", "new_product", "first_order_discount"] {
                prop_assert!(fired.iter().filter(|f| *f == id).count() <= 1, "{} fired twice: {:?}", id, fired);
            }
        }

        #[test]
        fn the_engine_never_spins_and_no_text_contains_braces(steps in proptest::collection::vec(step(), 0..40)) {
            // `advance` asserts the never-spin rules at every timer.
            let sim = play(&steps);
            for (_, o) in &sim.log {
                let texts: Vec<&str> = match o {
                    Output::Message(m) if m.author != Author::Visitor => vec![m.text.as_str()],
                    Output::Fired { text, .. } => vec![text.as_str()],
                    Output::Starters(s) => s.iter().map(|x| x.as_str()).collect(),
                    Output::Preview(Some(m)) => vec![m.text.as_str()],
                    _ => vec![],
                };
                for t in texts {
                    prop_assert!(!t.contains("{{"), "{:?}", t);
                }
            }
        }
    }
}
