//! Browser tests of the console's components (wasm-bindgen-test, headless
//! Chromium): `cargo test --target wasm32-unknown-unknown --lib --features console console::`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;
use yew::{AppHandle, BaseComponent, Renderer};

use super::fields::Ctx;
use super::json_tab::{JsonTab, JsonTabProps};
use super::messages::{Messages, MessagesProps};
use super::preview_pane::{PreviewPane, PreviewPaneProps};
use crate::console::check::check;
use crate::console::doc::{p, PathExt};
use crate::console::state::{Edit, Hours, Msg, PreviewOpts};
use crate::engine::json;
use crate::ui::Lang;

struct Mounted<C: BaseComponent> {
    root: Element,
    _handle: AppHandle<C>,
}

async fn tick() {
    gloo_timers::future::sleep(Duration::from_millis(20)).await;
}

/// Waits until `done()` holds, for at most two seconds (a loaded machine
/// may take longer than one tick to render and run effects).
async fn eventually(done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        tick().await;
    }
}

impl<C: BaseComponent> Mounted<C> {
    async fn new(props: C::Properties) -> Self {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
        tick().await;
        Mounted {
            root,
            _handle: handle,
        }
    }
    fn find(&self, sel: &str) -> Option<Element> {
        self.root.query_selector(sel).unwrap()
    }
    fn get(&self, sel: &str) -> Element {
        self.find(sel)
            .unwrap_or_else(|| panic!("no {sel} in {}", self.root.inner_html()))
    }
    async fn click(&self, sel: &str) {
        self.get(sel).unchecked_into::<HtmlElement>().click();
        tick().await;
    }
}

impl<C: BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn recorder() -> (Callback<Msg>, Rc<RefCell<Vec<Msg>>>) {
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    (Callback::from(move |m| l.borrow_mut().push(m)), log)
}

fn ctx(text: &str, on_msg: Callback<Msg>) -> Ctx {
    Ctx {
        lang: Lang::Fr,
        doc: Rc::new(json::parse(text).unwrap()),
        problems: Rc::new(check(text).problems),
        on_msg,
    }
}

const PARTOO: &str = r#"{
  "establishments": [
    {"id": "paris", "name": "Boutique Paris", "address": "1 rue de Rivoli"},
    {"id": "lyon", "name": "Boutique Lyon", "address": "2 place Bellecour"}
  ],
  "welcome_message": "Bienvenue chez {{establishment.name}} <b>!</b>",
  "absence_message": "Fermé.",
  "starters": [
    {"title": "A", "answer": "Au {{establishment.address}}"},
    {"title": "B", "answer": "b"},
    {"title": "C", "answer": "c"},
    {"title": "D", "answer": "d"},
    {"title": "E", "answer": "e"}
  ]
}"#;

fn messages_props(text: &str, on: Callback<Msg>, establishment: Option<&str>) -> MessagesProps {
    MessagesProps {
        ctx: ctx(text, on),
        set: None,
        establishment: establishment.map(str::to_string),
    }
}

#[wasm_bindgen_test]
async fn the_sixth_starter_cannot_be_added_and_the_button_says_why() {
    let (on, _) = recorder();
    let m = Mounted::<Messages>::new(messages_props(PARTOO, on, None)).await;
    let add = m.get("#add-starter");
    assert!(add.has_attribute("disabled"));
    assert_eq!(
        add.text_content().unwrap(),
        "5 sujets au maximum : supprimez-en un pour en ajouter un autre"
    );
}

/// PARTOO with site hours and one set for Lyon; `set_hours` is the set's own
/// `business_hours` member, or nothing.
fn partoo_with_set(set_hours: &str) -> String {
    PARTOO.replacen(
        "\"starters\"",
        &format!(
            r#""business_hours": {{"mon": [["09:00", "12:00"]]}},
  "message_sets": [{{"establishments": ["lyon"]{set_hours}}}],
  "starters""#
        ),
        1,
    )
}

#[wasm_bindgen_test]
async fn a_set_without_hours_of_its_own_says_it_follows_the_site_and_starts_from_a_copy() {
    let (on, log) = recorder();
    let text = partoo_with_set("");
    let mut props = messages_props(&text, on, Some("lyon"));
    props.set = Some(0);
    let m = Mounted::<Messages>::new(props).await;
    assert!(m
        .get("section.hours")
        .text_content()
        .unwrap()
        .contains("suivent les horaires du site"));
    m.click("section.hours button").await;
    let site = json::parse(r#"{"mon": [["09:00", "12:00"]]}"#).unwrap();
    assert_eq!(
        log.borrow()[0],
        Msg::Edit(Edit::Set(
            p(&["message_sets"]).idx(0).key("business_hours"),
            site
        ))
    );
}

#[wasm_bindgen_test]
async fn a_set_with_its_own_hours_shows_their_slots_and_can_follow_the_site_again() {
    let (on, log) = recorder();
    let text = partoo_with_set(r#", "business_hours": {"tue": [["10:00", "19:00"]]}"#);
    let mut props = messages_props(&text, on, Some("lyon"));
    props.set = Some(0);
    let m = Mounted::<Messages>::new(props).await;
    let from = m.get(r#"input[data-path="message_sets[0].business_hours.tue[0][0]"]"#);
    assert_eq!(from.unchecked_into::<HtmlInputElement>().value(), "10:00");
    m.click("section.hours > button:last-of-type").await;
    assert_eq!(
        log.borrow()[0],
        Msg::Edit(Edit::Remove(
            p(&["message_sets"]).idx(0).key("business_hours")
        ))
    );
}

#[wasm_bindgen_test]
async fn a_sets_texts_are_shown_filled_with_one_of_its_own_establishments() {
    let (on, _) = recorder();
    let text = partoo_with_set("").replacen(
        r#""establishments": ["lyon"]"#,
        r#""establishments": ["lyon"], "welcome_message": "Ici {{establishment.name}}""#,
        1,
    );
    let mut props = messages_props(&text, on, Some("paris"));
    props.set = Some(0);
    let m = Mounted::<Messages>::new(props).await;
    let shown = m
        .get("section[aria-labelledby=texts-title]")
        .text_content()
        .unwrap();
    assert!(shown.contains("Ici Boutique Lyon"), "{shown}");
    assert!(!shown.contains("Ici Boutique Paris"), "{shown}");
}

#[wasm_bindgen_test]
async fn moving_a_starter_up_reports_the_move_and_announces_it() {
    let (on, log) = recorder();
    let m = Mounted::<Messages>::new(messages_props(PARTOO, on, None)).await;
    m.click("#starter-1-up").await;
    let log = log.borrow();
    assert_eq!(log[0], Msg::Edit(Edit::Move(p(&["starters"]), 1, 0)));
    assert_eq!(
        log[1],
        Msg::Announce("« B » déplacé en position 1 sur 5.".into())
    );
}

#[wasm_bindgen_test]
async fn texts_are_shown_filled_with_the_chosen_establishment_as_text_not_html() {
    let (on, _) = recorder();
    let m = Mounted::<Messages>::new(messages_props(PARTOO, on, Some("lyon"))).await;
    let filled = m.get(".filled-text");
    assert_eq!(
        filled.text_content().unwrap(),
        "Bienvenue chez Boutique Lyon <b>!</b>"
    );
    assert!(filled.query_selector("b").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_tag_button_inserts_the_placeholder_at_the_caret() {
    let (on, log) = recorder();
    let m = Mounted::<Messages>::new(messages_props(
        r#"{"establishments": [{"id": "a", "name": "A"}], "welcome_message": "Hi "}"#,
        on,
        None,
    ))
    .await;
    let area: web_sys::HtmlTextAreaElement =
        m.get("[data-path='welcome_message']").unchecked_into();
    area.set_selection_range(3, 3).unwrap();
    m.click(".template button.tag").await;
    assert_eq!(
        log.borrow()[0],
        Msg::Edit(Edit::Set(
            p(&["welcome_message"]),
            json::s("Hi {{establishment.name}}")
        ))
    );
}

#[wasm_bindgen_test]
async fn a_field_with_an_engine_error_is_flagged_and_shows_the_message() {
    let (on, _) = recorder();
    let m = Mounted::<Messages>::new(messages_props(
        r#"{"starters": [{"title": "A", "answer": "{{establishment.nope}}"}]}"#,
        on,
        None,
    ))
    .await;
    let field = m.get("[data-path='starters[0].answer']");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = field.get_attribute("aria-describedby").unwrap();
    assert!(m
        .get(&format!("#{described}"))
        .text_content()
        .unwrap()
        .contains("nope"));
}

#[wasm_bindgen_test]
async fn typing_in_a_field_reports_an_edit_of_its_path() {
    let (on, log) = recorder();
    let m = Mounted::<Messages>::new(messages_props(PARTOO, on, None)).await;
    let input: HtmlInputElement = m
        .get("[data-path='establishments[1].name']")
        .unchecked_into();
    input.set_value("Lyon Centre");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        log.borrow()[0],
        Msg::Edit(Edit::Set(
            p(&["establishments"]).idx(1).key("name"),
            json::s("Lyon Centre")
        ))
    );
}

#[wasm_bindgen_test]
async fn the_json_tab_lists_problems_and_a_click_asks_to_focus_the_field() {
    let text = "{\n  \"team\": {\"status\": \"sleeping\"}\n}";
    let (on, log) = recorder();
    let m = Mounted::<JsonTab>::new(JsonTabProps {
        lang: Lang::Fr,
        text: Rc::from(text),
        problems: Rc::new(check(text).problems),
        parses: true,
        on_msg: on,
    })
    .await;
    let item = m.get("#problems button[data-problem-path='team.status']");
    assert!(item.text_content().unwrap().contains("ligne 2, colonne 12"));
    m.click("#problems button[data-problem-path='team.status']")
        .await;
    assert_eq!(log.borrow()[0], Msg::Focus("team.status".into()));
}

/// The JSON tab in `lang` over `text`.
async fn json_tab(lang: Lang, text: &str) -> Mounted<JsonTab> {
    let (on, _) = recorder();
    Mounted::<JsonTab>::new(JsonTabProps {
        lang,
        text: Rc::from(text),
        problems: Rc::new(check(text).problems),
        parses: true,
        on_msg: on,
    })
    .await
}

/// What the JSON tab in `lang` shows for an unknown `team.status`.
async fn team_status_problem(lang: Lang) -> String {
    let m = json_tab(lang, r#"{"team": {"status": "sleeping"}}"#).await;
    m.get("#problems button[data-problem-path='team.status']")
        .text_content()
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_french_json_tab_shows_the_engine_problems_in_french() {
    let shown = team_status_problem(Lang::Fr).await;
    assert!(
        shown.contains("valeur \"sleeping\" inconnue ; valeurs possibles : online, busy, offline"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn the_english_json_tab_shows_the_engine_problems_as_written() {
    let shown = team_status_problem(Lang::En).await;
    assert!(
        shown.contains("unknown value \"sleeping\"; expected one of online, busy, offline"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn a_french_form_field_shows_its_problem_in_french() {
    let (on, _) = recorder();
    let text = r#"{"welcome_message": "Bonjour {{foo}}"}"#;
    let m = Mounted::<Messages>::new(messages_props(text, on, None)).await;
    let shown = m.get("#f-welcome-message-problems").text_content().unwrap();
    assert!(
        shown.contains("Erreur : balise \"{{foo}}\" inconnue ; balises possibles : "),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn the_preview_renders_the_widget_with_the_drafts_welcome_and_starters() {
    let (on, _) = recorder();
    let m = Mounted::<PreviewPane>::new(PreviewPaneProps {
        lang: Lang::Fr,
        text: Rc::from(PARTOO),
        opts: PreviewOpts {
            open: true,
            establishment: Some("lyon".into()),
            ..PreviewOpts::default()
        },
        establishments: vec![
            ("paris".into(), "Boutique Paris".into()),
            ("lyon".into(), "Boutique Lyon".into()),
        ],
        on_msg: on,
    })
    .await;
    tick().await;
    let root = m.get(".widget-host").shadow_root().expect("a shadow root");
    let starters = root.query_selector_all(".st li button").unwrap();
    assert_eq!(starters.length(), 5);
    let log = root
        .query_selector("[role=log]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        log.contains("Bienvenue chez Boutique Lyon <b>!</b>"),
        "{log}"
    );
}

#[wasm_bindgen_test]
async fn clicking_a_starter_in_the_preview_reports_it() {
    let (on, log) = recorder();
    let m = Mounted::<PreviewPane>::new(PreviewPaneProps {
        lang: Lang::Fr,
        text: Rc::from(PARTOO),
        opts: PreviewOpts {
            open: true,
            ..PreviewOpts::default()
        },
        establishments: vec![],
        on_msg: on,
    })
    .await;
    tick().await;
    let root = m.get(".widget-host").shadow_root().unwrap();
    root.query_selector(".st li:nth-child(2) button")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    tick().await;
    assert_eq!(
        log.borrow()[0],
        Msg::Preview(crate::console::state::PreviewMsg::Starter(1))
    );
}

#[wasm_bindgen_test]
fn the_preview_model_answers_a_clicked_starter_with_the_establishment_facts() {
    let opts = PreviewOpts {
        open: true,
        clicked: vec![0],
        establishment: Some("lyon".into()),
        ..PreviewOpts::default()
    };
    let run = crate::console::preview::run(PARTOO, &opts).unwrap();
    let texts: Vec<&str> = run.state.messages.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Bienvenue chez Boutique Lyon <b>!</b>",
            "A",
            "Au 2 place Bellecour"
        ]
    );
}

#[wasm_bindgen_test]
fn outside_business_hours_the_preview_opens_on_the_absence_message() {
    let text = r#"{"business_hours": {"mon": [["09:00", "18:00"]]}, "welcome_message": "W", "absence_message": "Fermé."}"#;
    let opts = PreviewOpts {
        open: true,
        hours: Hours::Outside,
        ..PreviewOpts::default()
    };
    let run = crate::console::preview::run(text, &opts).unwrap();
    assert_eq!(run.state.messages[0].text, "Fermé.");
    assert!(run.hours_found);
}

#[wasm_bindgen_test]
fn the_closed_preview_shows_the_first_proactive_message_and_when() {
    let text = r#"{"site": {"language": "fr"}, "presets": ["first_visit"]}"#;
    let run = crate::console::preview::run(text, &PreviewOpts::default()).unwrap();
    assert_eq!(run.proactive, Some(("first_visit".into(), 30)));
    assert!(run.state.preview.is_some());
}

#[wasm_bindgen_test]
fn the_preview_shows_a_url_targeted_message_only_on_a_page_it_targets() {
    let text = r#"{"auto_messages": [{"id": "checkout-help", "text": "Besoin d'aide ?",
        "trigger": {"type": "time_on_page", "seconds": 30},
        "conditions": {"url": {"contains": "step2"}}}]}"#;
    let home = crate::console::preview::run(text, &PreviewOpts::default()).unwrap();
    assert_eq!(home.proactive, None);
    for typed in [
        "/commande/step2",
        "commande/step2",
        "https://shop.example/commande/step2?x=1",
    ] {
        let opts = PreviewOpts {
            url: typed.into(),
            ..PreviewOpts::default()
        };
        let run = crate::console::preview::run(text, &opts).unwrap();
        assert_eq!(run.proactive, Some(("checkout-help".into(), 30)), "{typed}");
    }
}

#[wasm_bindgen_test]
async fn the_app_restores_the_saved_draft_and_saves_each_edit() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage
        .set_item(
            crate::console::browser::DRAFT_KEY,
            r#"{"site": {"name": "Restaurée"}}"#,
        )
        .unwrap();
    storage
        .set_item(crate::console::browser::LANG_KEY, "fr")
        .unwrap();
    let m = Mounted::<super::app::App>::new(()).await;
    m.click("#nav-settings").await;
    let input: HtmlInputElement = m.get("[data-path='site.name']").unchecked_into();
    assert_eq!(input.value(), "Restaurée");
    input.set_value("Modifiée");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let saved = || {
        storage
            .get_item(crate::console::browser::DRAFT_KEY)
            .unwrap()
            .map(|s| json::parse(&s).unwrap().to_json())
    };
    let edited = r#"{"site":{"name":"Modifiée"}}"#;
    eventually(|| saved().as_deref() == Some(edited)).await;
    assert_eq!(saved().as_deref(), Some(edited));
    storage
        .remove_item(crate::console::browser::DRAFT_KEY)
        .unwrap();
}
