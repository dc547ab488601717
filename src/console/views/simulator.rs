//! The journey simulator's page: the merchant writes a journey (or picks a
//! ready-made one), the engine runs it on simulated time, and the page shows
//! the timeline and, for every enabled message that did not fire, why.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::console::i18n::{tr, trs};
use crate::console::simulate::{self, library, Journey, Step, Timeline, Visitor, Why};
use crate::console::state::Msg;
use crate::engine::Trigger;
use crate::ui::Lang;

#[derive(Properties, PartialEq)]
pub struct SimulatorProps {
    pub lang: Lang,
    pub text: Rc<str>,
    pub journey: Journey,
    pub establishments: Vec<(String, String)>,
    pub on_msg: Callback<Msg>,
}

const DAYS_FR: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn step_label(lang: Lang, kind: &str) -> &'static str {
    match kind {
        "open" => tr(lang, "Open a page", "Ouvrir une page"),
        "stay" => tr(lang, "Stay", "Rester"),
        "hide" => tr(lang, "Hide the tab", "Masquer l'onglet"),
        "scroll" => tr(lang, "Scroll to", "Faire défiler jusqu'à"),
        "leave" => tr(
            lang,
            "Move to leave (exit intent)",
            "Vouloir partir (souris hors de la page)",
        ),
        "open_chat" => tr(lang, "Open the chat", "Ouvrir le chat"),
        "starter" => tr(lang, "Click a starter", "Cliquer sur un sujet"),
        "write" => tr(lang, "Write a message", "Écrire un message"),
        "agent" => tr(lang, "An agent replies", "Un agent répond"),
        "team" => tr(lang, "Set the team status", "Changer le statut de l'équipe"),
        "event" => tr(lang, "Custom event", "Événement personnalisé"),
        "attribute" => tr(lang, "Custom attribute", "Attribut personnalisé"),
        _ => "",
    }
}

/// The trigger of a message, in words.
pub fn trigger_text(lang: Lang, t: &Trigger) -> String {
    let s = |ms: &u64| ms / 1000;
    match t {
        Trigger::TimeOnPage(ms) => trs(
            lang,
            format!("{} s on a page", s(ms)),
            format!("{} s sur une page", s(ms)),
        ),
        Trigger::TimeOnSite(ms) => trs(
            lang,
            format!("{} s on the site", s(ms)),
            format!("{} s sur le site", s(ms)),
        ),
        Trigger::PageView(ms) => trs(
            lang,
            format!("a page view (+{} s)", s(ms)),
            format!("une page vue (+{} s)", s(ms)),
        ),
        Trigger::Scroll(p) => trs(
            lang,
            format!("scrolling to {p} %"),
            format!("un défilement à {p} %"),
        ),
        Trigger::ExitIntent => tr(lang, "an exit intent", "une intention de sortie").to_string(),
        Trigger::VisitorMessageUnanswered(ms) => trs(
            lang,
            format!("a visitor message unanswered for {} s", s(ms)),
            format!(
                "un message de l'internaute sans réponse pendant {} s",
                s(ms)
            ),
        ),
        Trigger::VisitorMessageOffline(ms) => trs(
            lang,
            format!(
                "{} s after a message written while the team is offline",
                s(ms)
            ),
            format!(
                "{} s après un message écrit quand l'équipe est hors ligne",
                s(ms)
            ),
        ),
        Trigger::ChatOpened => tr(lang, "the chat being opened", "l'ouverture du chat").to_string(),
        Trigger::Event(n) => trs(
            lang,
            format!("the event “{n}”"),
            format!("l'événement « {n} »"),
        ),
    }
}

/// Why a message did not fire, in words.
pub fn why_text(lang: Lang, n: &simulate::NotFired) -> String {
    match &n.why {
        Why::NeverDue => trs(lang, format!("Its trigger never happened: it needs {}.", trigger_text(lang, &n.trigger)), format!("Son déclencheur n'a jamais eu lieu : il faut {}.", trigger_text(lang, &n.trigger))),
        Why::Condition(c) if c == "business_hours: open" => tr(lang, "Outside business hours.", "En dehors des horaires d'ouverture.").to_string(),
        Why::Condition(c) => trs(lang, format!("A condition is false: {c}."), format!("Une condition est fausse : {c}.")),
        Why::Frequency => tr(lang, "Its frequency is used up (already sent to this visitor, session or page).", "Sa fréquence est épuisée (déjà envoyé à cet internaute, dans cette session ou sur cette page).").to_string(),
        Why::LostTo(w) => trs(lang, format!("Due at the same moment as “{w}”, which has priority."), format!("Dû au même moment que « {w} », prioritaire.")),
        Why::Gap => tr(lang, "Inside the minimum gap after the previous message.", "Dans l'intervalle minimum après le message précédent.").to_string(),
        Why::Quiet => tr(lang, "Quiet during a conversation with an agent.", "Silence pendant une conversation avec un agent.").to_string(),
        Why::Dismissed => tr(lang, "The visitor closed it earlier.", "L'internaute l'a fermé auparavant.").to_string(),
    }
}

fn step_editor(lang: Lang, i: usize, step: &Step, journey: &Journey, on: &Callback<Msg>) -> Html {
    let set = {
        let (journey, on) = (journey.clone(), on.clone());
        move |s: Step| {
            let mut j = journey.clone();
            j.steps[i] = s;
            on.emit(Msg::SetJourney(j));
        }
    };
    let text_in = |label: &'static str, value: String, f: Rc<dyn Fn(String) -> Step>| {
        let set = set.clone();
        let id = format!("step-{i}-{}", label.len());
        let oninput = Callback::from(move |e: InputEvent| {
            set(f(e.target_unchecked_into::<HtmlInputElement>().value()))
        });
        html! { <span class="inline-field"><label for={id.clone()}>{ label }</label><input id={id} type="text" value={value} {oninput} /></span> }
    };
    let num_in = |label: &'static str, value: u32, f: Rc<dyn Fn(u32) -> Step>| {
        let set = set.clone();
        let id = format!("step-{i}-n");
        let oninput = Callback::from(move |e: InputEvent| {
            if let Ok(n) = e
                .target_unchecked_into::<HtmlInputElement>()
                .value()
                .parse()
            {
                set(f(n))
            }
        });
        html! { <span class="inline-field"><label for={id.clone()}>{ label }</label><input id={id} type="number" min="0" value={value.to_string()} {oninput} /></span> }
    };
    match step {
        Step::Open { url, title } => {
            let t2 = title.clone();
            let u2 = url.clone();
            html! { <>
                { text_in(tr(lang, "URL", "Adresse"), url.clone(), Rc::new(move |v| Step::Open { url: v, title: t2.clone() })) }
                { text_in(tr(lang, "Title", "Titre"), title.clone(), Rc::new(move |v| Step::Open { url: u2.clone(), title: v })) }
            </> }
        }
        Step::Stay { seconds } => num_in(
            tr(lang, "seconds", "secondes"),
            *seconds,
            Rc::new(|n| Step::Stay { seconds: n }),
        ),
        Step::Hide { seconds } => num_in(
            tr(lang, "seconds", "secondes"),
            *seconds,
            Rc::new(|n| Step::Hide { seconds: n }),
        ),
        Step::Scroll { percent } => num_in(
            "%",
            u32::from(*percent),
            Rc::new(|n| Step::Scroll {
                percent: n.min(100) as u8,
            }),
        ),
        Step::ClickStarter { index } => num_in(
            tr(lang, "starter number", "numéro du sujet"),
            *index as u32 + 1,
            Rc::new(|n| Step::ClickStarter {
                index: n.max(1) as usize - 1,
            }),
        ),
        Step::Write { text } => text_in(
            tr(lang, "text", "texte"),
            text.clone(),
            Rc::new(|v| Step::Write { text: v }),
        ),
        Step::AgentReply { text } => text_in(
            tr(lang, "text", "texte"),
            text.clone(),
            Rc::new(|v| Step::AgentReply { text: v }),
        ),
        Step::TeamStatus { status } => {
            let set = set.clone();
            let onchange = Callback::from(move |e: Event| {
                set(Step::TeamStatus {
                    status: e.target_unchecked_into::<HtmlSelectElement>().value(),
                })
            });
            let id = format!("step-{i}-team");
            html! { <span class="inline-field"><label for={id.clone()}>{ tr(lang, "status", "statut") }</label>
            <select id={id} {onchange}>{ for ["online", "busy", "offline"].iter().map(|s| html! { <option value={*s} selected={status == s}>{ *s }</option> }) }</select></span> }
        }
        Step::Event { name } => text_in(
            tr(lang, "name", "nom"),
            name.clone(),
            Rc::new(|v| Step::Event { name: v }),
        ),
        Step::Attribute { name, value } => {
            let (n2, v2) = (name.clone(), value.clone());
            html! { <>
                { text_in(tr(lang, "name", "nom"), name.clone(), Rc::new(move |v| Step::Attribute { name: v, value: v2.clone() })) }
                { text_in(tr(lang, "value", "valeur"), value.clone(), Rc::new(move |v| Step::Attribute { name: n2.clone(), value: v })) }
            </> }
        }
        Step::Leave | Step::OpenChat => html! {},
    }
}

/// How one input of the journey form changes the journey.
type JourneyEdit = Rc<dyn Fn(&mut Journey, String)>;

#[function_component]
pub fn Simulator(props: &SimulatorProps) -> Html {
    let lang = props.lang;
    let t = |en, fr| tr(lang, en, fr);
    let j = &props.journey;
    let timeline: Rc<Timeline> = use_memo((props.text.clone(), j.clone()), |(text, j)| {
        simulate::run(text, j)
    });
    let on = props.on_msg.clone();
    let update = {
        let (j, on) = (j.clone(), on.clone());
        move |f: JourneyEdit| {
            let (j, on) = (j.clone(), on.clone());
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                let mut next = j.clone();
                f(&mut next, v);
                on.emit(Msg::SetJourney(next));
            })
        }
    };
    let shipped = library();
    let pick = {
        let (on, shipped) = (on.clone(), shipped.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(s) = shipped.iter().find(|s| s.slug == v) {
                on.emit(Msg::SetJourney(s.journey.clone()));
            }
        })
    };
    let add_step = {
        let (j, on) = (j.clone(), on.clone());
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let v = select.value();
            if v.is_empty() {
                return;
            }
            let mut next = j.clone();
            next.steps.push(Step::of_kind(&v));
            on.emit(Msg::SetJourney(next));
            select.set_value("");
        })
    };
    let current = shipped
        .iter()
        .find(|s| s.journey == *j)
        .map(|s| s.slug)
        .unwrap_or("");
    let time = format!("{:02}:{:02}", j.start_minute / 60, j.start_minute % 60);
    let days = if lang == Lang::Fr { DAYS_FR } else { DAYS_EN };
    let returning_days = match j.visitor {
        Visitor::Returning { days_ago } => days_ago,
        Visitor::First => 0,
    };
    html! {
        <div class="view simulator">
            <h2>{ t("Journey simulator", "Simulateur de parcours") }</h2>
            <p class="hint">{ t("Write what a visitor does: the widget's own engine runs it on simulated time and tells you which message comes when, and why the others did not.",
                "Décrivez ce que fait un internaute : le moteur du widget le rejoue en temps simulé et vous dit quel message arrive quand, et pourquoi les autres ne sont pas partis.") }</p>
            <section class="card">
                <div class="field">
                    <label for="journey-pick">{ t("Ready-made journeys", "Parcours prêts") }</label>
                    <select id="journey-pick" onchange={pick}>
                        <option value="" selected={current.is_empty()}>{ t("Your own journey", "Votre parcours") }</option>
                        { for shipped.iter().map(|s| html! { <option value={s.slug} selected={s.slug == current}>{ if lang == Lang::Fr { s.fr } else { s.en } }</option> }) }
                    </select>
                </div>
                <div class="grid">
                    <div class="field">
                        <label for="journey-visitor">{ t("Visitor", "Internaute") }</label>
                        <select id="journey-visitor" onchange={update(Rc::new(|j, v| j.visitor = if v == "first" { Visitor::First } else { Visitor::Returning { days_ago: 3 } }))}>
                            <option value="first" selected={j.visitor == Visitor::First}>{ t("First visit", "Première visite") }</option>
                            <option value="returning" selected={j.visitor != Visitor::First}>{ t("Returning", "De retour") }</option>
                        </select>
                    </div>
                    if j.visitor != Visitor::First {
                        <div class="field">
                            <label for="journey-days">{ t("Last visit, days ago", "Dernière visite, il y a (jours)") }</label>
                            <input id="journey-days" type="number" min="1" value={returning_days.to_string()}
                                onchange={update(Rc::new(|j, v| j.visitor = Visitor::Returning { days_ago: v.parse().unwrap_or(1) }))} />
                        </div>
                    }
                    <div class="field">
                        <label for="journey-day">{ t("Day", "Jour") }</label>
                        <select id="journey-day" onchange={update(Rc::new(|j, v| j.start_day = v.parse().unwrap_or(0)))}>
                            { for (0..7u8).map(|d| html! { <option value={d.to_string()} selected={j.start_day == d}>{ days[d as usize] }</option> }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="journey-time">{ t("Time (site's time zone)", "Heure (fuseau du site)") }</label>
                        <input id="journey-time" type="time" value={time}
                            onchange={update(Rc::new(|j, v| if let Some(m) = crate::engine::clock::parse_hhmm(&v) { j.start_minute = m.min(1439) }))} />
                    </div>
                    <div class="field">
                        <label for="journey-est">{ t("Establishment", "Établissement") }</label>
                        <select id="journey-est" onchange={update(Rc::new(|j, v| j.establishment = Some(v).filter(|v| !v.is_empty())))}>
                            <option value="">{ t("The first one", "Le premier") }</option>
                            { for props.establishments.iter().map(|(id, name)| html! { <option value={id.clone()} selected={j.establishment.as_deref() == Some(id.as_str())}>{ name.clone() }</option> }) }
                        </select>
                    </div>
                </div>
                <h3>{ t("Steps", "Étapes") }</h3>
                <ol class="steps">
                    { for j.steps.iter().enumerate().map(|(i, s)| {
                        let remove = { let (j, on) = (j.clone(), on.clone()); Callback::from(move |_: MouseEvent| { let mut n = j.clone(); n.steps.remove(i); on.emit(Msg::SetJourney(n)); }) };
                        html! {
                            <li class="step">
                                <span class="step-kind">{ step_label(lang, s.kind()) }</span>
                                { step_editor(lang, i, s, j, &on) }
                                <button type="button" class="small" onclick={remove} aria-label={trs(lang, format!("Remove step {}", i + 1), format!("Retirer l'étape {}", i + 1))}>{ "×" }</button>
                            </li>
                        }
                    }) }
                </ol>
                <div class="field">
                    <label for="add-step">{ t("Add a step", "Ajouter une étape") }</label>
                    <select id="add-step" onchange={add_step}>
                        <option value="" selected=true>{ "…" }</option>
                        { for Step::KINDS.iter().map(|k| html! { <option value={*k}>{ step_label(lang, k) }</option> }) }
                    </select>
                </div>
            </section>
            <section class="card" aria-labelledby="timeline-title">
                <h3 id="timeline-title">{ trs(lang, format!("Timeline ({} s)", j.length()), format!("Chronologie ({} s)", j.length())) }</h3>
                if let Some(f) = &timeline.fatal {
                    <p class="problem error">{ crate::console::problems_fr::in_lang(lang, f) }</p>
                }
                if timeline.fired.is_empty() && timeline.fatal.is_none() {
                    <p>{ t("No message during this journey.", "Aucun message pendant ce parcours.") }</p>
                } else {
                    <table class="timeline" id="timeline">
                        <thead><tr><th scope="col">{ t("Second", "Seconde") }</th><th scope="col">{ t("Page", "Page") }</th><th scope="col">{ t("Message", "Message") }</th><th scope="col">{ t("Text", "Texte") }</th></tr></thead>
                        <tbody>
                            { for timeline.fired.iter().map(|f| html! {
                                <tr data-id={f.id.clone()} data-second={f.second.to_string()}>
                                    <td>{ format!("{} s", f.second) }</td><td><code>{ f.page.clone() }</code></td><td>{ f.id.clone() }</td><td>{ f.text.clone() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
                if !timeline.not_fired.is_empty() {
                    <h3>{ t("Enabled messages that did not fire", "Messages actifs qui ne sont pas partis") }</h3>
                    <ul class="not-fired" id="not-fired">
                        { for timeline.not_fired.iter().map(|n| html! {
                            <li data-id={n.id.clone()}>
                                <strong>{ n.id.clone() }</strong>{ " — " }{ why_text(lang, n) }
                                if let Some((s, page)) = &n.due { <span class="due">{ trs(lang, format!(" (at {s} s on {page})"), format!(" (à {s} s sur {page})")) }</span> }
                            </li>
                        }) }
                    </ul>
                }
            </section>
        </div>
    }
}
