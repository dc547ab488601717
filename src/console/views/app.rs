//! The console's root: owns the [`ConsoleState`] reducer and runs the
//! effects (autosave of the draft on every change, the interface language,
//! focusing a field named by an error, keyboard shortcuts for undo/redo).
//! Children get plain data and report [`Msg`]s.

use std::rc::Rc;

use yew::prelude::*;

use super::fields::Ctx;
use super::{
    automatic, json_tab, messages, preview_pane, publish, resume, settings, simulator, start,
};
use crate::console::browser;
use crate::console::check::{check, Problem};
use crate::console::i18n::tr;
use crate::console::state::{ConsoleState, Msg, View};
use crate::engine::json::Value;
use crate::ui::Lang;

/// Mounts the console into `<body>`.
pub fn mount() {
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("console"))
    else {
        return;
    };
    yew::Renderer::<App>::with_root(body).render();
}

fn view_label(lang: Lang, v: View) -> &'static str {
    match v {
        View::Start => tr(lang, "Start", "Démarrer"),
        View::Messages => tr(lang, "Messages", "Messages"),
        View::Automatic => tr(lang, "Automatic messages", "Messages automatiques"),
        View::Settings => tr(lang, "Site, team, hours", "Site, équipe, horaires"),
        View::Json => tr(lang, "JSON", "JSON"),
        View::Simulator => tr(lang, "Journey simulator", "Simulateur de parcours"),
        View::Publish => tr(lang, "Save and activate", "Sauvegarder et activer"),
        View::Resume => tr(lang, "Summary", "Résumé"),
    }
}

/// The problems of the draft, computed once per text.
pub struct Validation {
    pub problems: Rc<Vec<Problem>>,
    pub errors: usize,
    pub warnings: usize,
    pub parses: bool,
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let lang = match browser::load(browser::LANG_KEY).as_deref() {
            Some("en") => Lang::En,
            Some("fr") => Lang::Fr,
            _ => Lang::from_tag(
                &web_sys::window()
                    .and_then(|w| w.navigator().language())
                    .unwrap_or_default(),
            ),
        };
        ConsoleState::new(lang, browser::load(browser::DRAFT_KEY))
    });
    let on_msg = {
        let dispatcher = state.dispatcher();
        Callback::from(move |m: Msg| dispatcher.dispatch(m))
    };
    let saved = use_state(|| true);
    // Autosave: every change of the text is written at once (a reload or a
    // crash loses nothing).
    {
        let saved = saved.clone();
        use_effect_with(state.text.clone(), move |text| {
            if !text.is_empty() {
                saved.set(browser::save(browser::DRAFT_KEY, text));
            }
        });
    }
    {
        use_effect_with(state.lang, |lang| {
            let tag = if *lang == Lang::Fr { "fr" } else { "en" };
            browser::save(browser::LANG_KEY, tag);
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", tag);
            }
        });
    }
    // Focus the field named by an error, once its page is rendered.
    {
        let (view, text) = (state.view, state.text.clone());
        use_effect_with(state.focus.clone(), move |focus| {
            if let Some((path, _)) = focus {
                if view == View::Json || !browser::focus_path(path) {
                    let offset = crate::console::locate::offset_of(&text, path).unwrap_or(0);
                    let start = text[..offset].encode_utf16().count() as u32;
                    let line_end = text[offset..].find('\n').map_or(text.len(), |e| offset + e);
                    let end = text[..line_end].encode_utf16().count() as u32;
                    browser::select_in_textarea("json-text", start, end);
                }
            }
        });
    }
    // Ctrl+Z / Ctrl+Shift+Z outside text fields (inside them, the browser's
    // own undo applies to what is being typed).
    {
        let on = on_msg.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "keydown", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let in_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if (e.ctrl_key() || e.meta_key())
                        && !in_field
                        && e.key().eq_ignore_ascii_case("z")
                    {
                        e.prevent_default();
                        on.emit(if e.shift_key() { Msg::Redo } else { Msg::Undo });
                    }
                })
            });
            move || drop(listener)
        });
    }
    let validation = {
        use_memo(state.text.clone(), |text| {
            let c = check(text);
            Validation {
                errors: c.errors(),
                warnings: c.warnings(),
                parses: c.config.is_some(),
                problems: Rc::new(c.problems),
            }
        })
    };
    let lang = state.lang;
    let t = |en, fr| tr(lang, en, fr);
    let has_draft = !state.text.trim().is_empty();
    let nav = View::ALL.iter().filter(|v| has_draft || **v == View::Start || **v == View::Resume).map(|&v| {
        let on = on_msg.clone();
        let onclick = Callback::from(move |_: MouseEvent| on.emit(Msg::Show(v)));
        let current = state.view == v;
        let badge = if v == View::Json && validation.errors > 0 {
            html! { <span class="badge" aria-label={format!("{} {}", validation.errors, t("errors", "erreurs"))}>{ validation.errors }</span> }
        } else {
            html! {}
        };
        html! {
            <li>
                <button type="button" id={format!("nav-{}", v.slug())} class={if current { "nav current" } else { "nav" }}
                    aria-current={if current { Some("page") } else { None }} {onclick}>
                    { view_label(lang, v) }{ badge }
                </button>
            </li>
        }
    });
    let undo = {
        let on = on_msg.clone();
        Callback::from(move |_: MouseEvent| on.emit(Msg::Undo))
    };
    let redo = {
        let on = on_msg.clone();
        Callback::from(move |_: MouseEvent| on.emit(Msg::Redo))
    };
    let switch_lang = {
        let on = on_msg.clone();
        Callback::from(move |_: MouseEvent| {
            on.emit(Msg::SetLang(if lang == Lang::Fr {
                Lang::En
            } else {
                Lang::Fr
            }))
        })
    };
    let doc = state
        .doc
        .clone()
        .unwrap_or_else(|| Rc::new(Value::Object(Vec::new())));
    let ctx = Ctx {
        lang,
        doc: doc.clone(),
        problems: validation.problems.clone(),
        on_msg: on_msg.clone(),
    };
    let establishments: Vec<(String, String)> =
        crate::console::doc::get_array(&doc, &crate::console::doc::p(&["establishments"]))
            .iter()
            .filter_map(|e| {
                let id = e.get("id")?.as_str()?.to_string();
                let name = e
                    .get("name")
                    .and_then(Value::as_str)
                    .filter(|n| !n.is_empty())
                    .unwrap_or(&id)
                    .to_string();
                Some((id, name))
            })
            .collect();
    let needs_doc = matches!(
        state.view,
        View::Messages | View::Automatic | View::Settings
    );
    let body = if needs_doc && state.doc.is_none() {
        html! {
            <div class="view">
                <p class="banner error" role="alert">{ t(
                    "The draft is not valid JSON, so the forms cannot show it. Fix it in the JSON tab: nothing you typed is lost.",
                    "Le brouillon n'est pas un JSON valide : les formulaires ne peuvent pas l'afficher. Corrigez-le dans l'onglet JSON : rien de ce que vous avez saisi n'est perdu.") }</p>
            </div>
        }
    } else {
        match state.view {
            View::Start => {
                html! { <start::Start lang={lang} has_draft={has_draft} on_msg={on_msg.clone()} /> }
            }
            View::Messages => {
                html! { <messages::Messages ctx={ctx.clone()} set={state.set} establishment={state.preview.establishment.clone()} /> }
            }
            View::Automatic => html! { <automatic::Automatic ctx={ctx.clone()} /> },
            View::Settings => html! { <settings::Settings ctx={ctx.clone()} /> },
            View::Json => {
                html! { <json_tab::JsonTab lang={lang} text={state.text.clone()} problems={validation.problems.clone()} parses={validation.parses} on_msg={on_msg.clone()} /> }
            }
            View::Simulator => {
                html! { <simulator::Simulator lang={lang} text={state.text.clone()} journey={state.journey.clone()} establishments={establishments.clone()} on_msg={on_msg.clone()} /> }
            }
            View::Publish => {
                html! { <publish::Publish lang={lang} text={state.text.clone()} problems={validation.problems.clone()} parses={validation.parses} establishments={establishments.clone()} on_msg={on_msg.clone()} /> }
            }
            View::Resume => html! { <resume::Resume lang={lang} doc={doc.clone()} /> },
        }
    };
    let with_preview = has_draft
        && matches!(
            state.view,
            View::Messages | View::Automatic | View::Settings | View::Json
        );
    let status = if !has_draft {
        String::new()
    } else if *saved {
        let mut s = t(
            "Draft saved in this browser",
            "Brouillon enregistré dans ce navigateur",
        )
        .to_string();
        if validation.errors > 0 || validation.warnings > 0 {
            s.push_str(&format!(
                " · {} {} · {} {}",
                validation.errors,
                t("errors", "erreurs"),
                validation.warnings,
                t("warnings", "avertissements")
            ));
        }
        s
    } else {
        t(
            "The browser refuses to store the draft: download it before leaving",
            "Le navigateur refuse d'enregistrer le brouillon : téléchargez-le avant de partir",
        )
        .to_string()
    };
    html! {
        <>
            <header class="top">
                <div class="brand"><span class="logo" aria-hidden="true">{ "N" }</span><h1>{ t("Nudge — merchant console", "Nudge — console marchand") }</h1></div>
                <p class="status" id="draft-status">{ status }</p>
                <div class="actions">
                    <button type="button" class="small" id="undo" onclick={undo} disabled={state.undo.is_empty()}>{ t("↶ Undo", "↶ Annuler") }</button>
                    <button type="button" class="small" id="redo" onclick={redo} disabled={state.redo.is_empty()}>{ t("↷ Redo", "↷ Rétablir") }</button>
                    <button type="button" class="small" id="lang" onclick={switch_lang} lang={if lang == Lang::Fr { "en" } else { "fr" }}>{ t("Français", "English") }</button>
                </div>
            </header>
            <nav aria-label={t("Console sections", "Sections de la console")}><ul>{ for nav }</ul></nav>
            <div class={if with_preview { "layout with-preview" } else { "layout" }}>
                <main id="main">{ body }</main>
                if with_preview {
                    <preview_pane::PreviewPane lang={lang} text={state.text.clone()} opts={state.preview.clone()} establishments={establishments} on_msg={on_msg.clone()} />
                }
            </div>
            <div class="sr-only" aria-live="polite" id="live">{ state.announcement.0.clone() }</div>
        </>
    }
}

use wasm_bindgen::JsCast;
