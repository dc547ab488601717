//! The start page: a new site from templates (the six predefined messages
//! on or off, Partoo's welcome/absence/starters), an existing config (file,
//! paste, URL), or the autosaved draft.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::console::browser;
use crate::console::i18n::{tr, trs};
use crate::console::state::{Msg, View};
use crate::console::templates::{new_site, NewSite};
use crate::engine::presets::{presets, PRESET_NAMES};
use crate::ui::Lang;

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub lang: Lang,
    pub has_draft: bool,
    pub on_msg: Callback<Msg>,
}

/// The merchant's name of a preset.
pub fn preset_label(lang: Lang, name: &str) -> &'static str {
    match name {
        "first_visit" => tr(lang, "First visit welcome", "Accueil de la première visite"),
        "returning_visitor" => tr(lang, "Returning visitor", "Visiteur de retour"),
        "busy" => tr(lang, "We are busy", "Nous sommes occupés"),
        "offline" => tr(lang, "We are offline", "Nous sommes hors ligne"),
        "new_product" => tr(
            lang,
            "New product announcement",
            "Annonce d'un nouveau produit",
        ),
        "first_order_discount" => tr(
            lang,
            "First order discount",
            "Remise sur la première commande",
        ),
        _ => "",
    }
}

fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| {
            e.clone()
                .dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .ok()
                .or_else(|| e.dyn_into::<HtmlTextAreaElement>().map(|t| t.value()).ok())
        })
        .unwrap_or_default()
}

#[function_component]
pub fn Start(props: &StartProps) -> Html {
    let lang = props.lang;
    let t = |en, fr| tr(lang, en, fr);
    let choice = use_state(|| NewSite {
        lang,
        ..NewSite::default()
    });
    let error = use_state(String::new);
    let create = {
        let (on, choice) = (props.on_msg.clone(), choice.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut c = (*choice).clone();
            c.name = input_value("new-name");
            on.emit(Msg::Load(new_site(&c).to_pretty()));
        })
    };
    let toggle = |i: usize| {
        let choice = choice.clone();
        Callback::from(move |_: Event| {
            let mut c = (*choice).clone();
            c.presets[i] = !c.presets[i];
            choice.set(c);
        })
    };
    let toggle_partoo = {
        let choice = choice.clone();
        Callback::from(move |_: Event| {
            let mut c = (*choice).clone();
            c.partoo = !c.partoo;
            choice.set(c);
        })
    };
    let set_lang = |l: Lang| {
        let choice = choice.clone();
        Callback::from(move |_: Event| {
            let mut c = (*choice).clone();
            c.lang = l;
            choice.set(c);
        })
    };
    let open_file = {
        let (on, error) = (props.on_msg.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (on, error) = (on.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::read_file(&input).await {
                    Ok(text) => on.emit(Msg::Load(text)),
                    Err(m) => error.set(m),
                }
            });
        })
    };
    let paste = {
        let on = props.on_msg.clone();
        Callback::from(move |_: MouseEvent| {
            let text = input_value("paste-config");
            if !text.trim().is_empty() {
                on.emit(Msg::Load(text));
            }
        })
    };
    let fetch = {
        let (on, error) = (props.on_msg.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let url = input_value("config-url");
            let (on, error) = (on.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::fetch_text(&url).await {
                    Ok(text) => on.emit(Msg::Load(text)),
                    Err(m) => error.set(format!("{url}: {m}")),
                }
            });
        })
    };
    let resume = {
        let on = props.on_msg.clone();
        Callback::from(move |_: MouseEvent| on.emit(Msg::Show(View::Messages)))
    };
    let table = presets();
    let c = &*choice;
    html! {
        <div class="view start">
            <h2>{ t("Start", "Démarrer") }</h2>
            if props.has_draft {
                <section class="card">
                    <h3>{ t("Continue the draft", "Continuer le brouillon") }</h3>
                    <p class="hint">{ t("Your draft is kept in this browser as you type.", "Votre brouillon est conservé dans ce navigateur au fil de la saisie.") }</p>
                    <button type="button" class="primary" id="continue-draft" onclick={resume}>{ t("Continue", "Continuer") }</button>
                </section>
            }
            <section class="card">
                <h3>{ t("A new site", "Un nouveau site") }</h3>
                <form onsubmit={create}>
                    <div class="field">
                        <label for="new-name">{ t("Site name", "Nom du site") }</label>
                        <input id="new-name" type="text" placeholder={t("My shop", "Ma boutique")} />
                    </div>
                    <fieldset>
                        <legend>{ t("Language of the messages", "Langue des messages") }</legend>
                        <label class="radio"><input type="radio" name="new-lang" checked={c.lang == Lang::Fr} onchange={set_lang(Lang::Fr)} />{ "Français" }</label>
                        <label class="radio"><input type="radio" name="new-lang" checked={c.lang == Lang::En} onchange={set_lang(Lang::En)} />{ "English" }</label>
                    </fieldset>
                    <fieldset>
                        <legend>{ t("Predefined automatic messages", "Messages automatiques prédéfinis") }</legend>
                        { for PRESET_NAMES.iter().enumerate().map(|(i, name)| {
                            let text = if c.lang == Lang::Fr { table[i].fr } else { table[i].en };
                            let id = format!("new-preset-{name}");
                            html! {
                                <div class="field field-check preset-choice">
                                    <input type="checkbox" id={id.clone()} checked={c.presets[i]} onchange={toggle(i)} />
                                    <label for={id}><strong>{ preset_label(lang, name) }</strong><span class="quote">{ text }</span></label>
                                </div>
                            }
                        }) }
                    </fieldset>
                    <div class="field field-check">
                        <input type="checkbox" id="new-partoo" checked={c.partoo} onchange={toggle_partoo} />
                        <label for="new-partoo">{ t("Welcome and absence messages and 3 conversation starters with establishment tags (Partoo)",
                            "Messages de bienvenue et d'absence, et 3 sujets de conversation avec balises d'établissement (Partoo)") }</label>
                    </div>
                    <button type="submit" class="primary" id="create-site">{ t("Create", "Créer") }</button>
                    <button type="button" class="secondary" id="create-empty" onclick={
                        let on = props.on_msg.clone();
                        let l = c.lang;
                        Callback::from(move |_: MouseEvent| {
                            let site = NewSite { lang: l, presets: [false; 6], partoo: false, name: input_value("new-name") };
                            on.emit(Msg::Load(new_site(&site).to_pretty()));
                        })
                    }>{ t("Start from an empty site", "Partir d'un site vide") }</button>
                </form>
            </section>
            <section class="card">
                <h3>{ t("Open an existing configuration", "Ouvrir une configuration existante") }</h3>
                <div class="field">
                    <label for="open-file">{ t("A file (nudge.json)", "Un fichier (nudge.json)") }</label>
                    <input id="open-file" type="file" accept=".json,application/json" onchange={open_file} />
                </div>
                <div class="field">
                    <label for="paste-config">{ t("Or paste it", "Ou collez-la") }</label>
                    <textarea id="paste-config" rows="4" placeholder="{ … }" />
                    <button type="button" class="secondary" id="open-paste" onclick={paste}>{ t("Open the pasted configuration", "Ouvrir la configuration collée") }</button>
                </div>
                <form class="field" onsubmit={fetch}>
                    <label for="config-url">{ t("Or its address", "Ou son adresse") }</label>
                    <input id="config-url" type="url" placeholder="https://shop.example/nudge.json" />
                    <button type="submit" class="secondary">{ t("Load", "Charger") }</button>
                </form>
                if !error.is_empty() {
                    <p class="problem error" role="alert">{ trs(lang, format!("Could not open: {}", *error), format!("Ouverture impossible : {}", *error)) }</p>
                }
            </section>
        </div>
    }
}
