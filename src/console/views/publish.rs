//! "Sauvegarder et activer": the config file (download, copy), the exact
//! script tag with `data-config` and `data-establishment`, and the inline
//! variant. The file is the draft's text: nothing is re-encoded, so unknown
//! fields are kept (and listed). Nothing is sent anywhere.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::console::browser;
use crate::console::check::Problem;
use crate::console::i18n::{tr, trs};
use crate::console::publish::{inline_tags, script_tag};
use crate::console::state::{Msg, View};
use crate::ui::Lang;

#[derive(Properties, PartialEq)]
pub struct PublishProps {
    pub lang: Lang,
    pub text: Rc<str>,
    pub problems: Rc<Vec<Problem>>,
    pub parses: bool,
    pub establishments: Vec<(String, String)>,
    pub on_msg: Callback<Msg>,
}

fn copy_button(
    id: &str,
    label: &str,
    text: String,
    done: UseStateHandle<String>,
    lang: Lang,
) -> Html {
    let onclick = Callback::from(move |_: MouseEvent| {
        let (text, done) = (text.clone(), done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            done.set(match browser::copy(&text).await {
                Ok(()) => tr(lang, "Copied.", "Copié.").to_string(),
                Err(e) => trs(
                    lang,
                    format!("Copy failed ({e}): select the text and copy it."),
                    format!("La copie a échoué ({e}) : sélectionnez le texte et copiez-le."),
                ),
            });
        });
    });
    html! { <button type="button" class="secondary small" id={id.to_string()} {onclick}>{ label.to_string() }</button> }
}

#[function_component]
pub fn Publish(props: &PublishProps) -> Html {
    let lang = props.lang;
    let t = |en, fr| tr(lang, en, fr);
    let config_url = use_state(|| "https://shop.example/nudge.json".to_string());
    let establishment = use_state(|| {
        props
            .establishments
            .first()
            .map(|e| e.0.clone())
            .unwrap_or_default()
    });
    let done = use_state(String::new);
    let base = browser::origin();
    let est = Some(establishment.as_str()).filter(|e| !e.is_empty());
    let tag = script_tag(&base, &config_url, est);
    let inline = inline_tags(&base, &props.text, est);
    let errors: Vec<&Problem> = props.problems.iter().filter(|p| p.error).collect();
    // On the engine's English text, whatever the console's language.
    let unknown: Vec<&Problem> = props
        .problems
        .iter()
        .filter(|p| !p.error && p.message.starts_with("unknown"))
        .collect();
    let download = {
        let (text, done) = (props.text.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            done.set(
                match browser::download("nudge.json", &text, "application/json") {
                    Ok(()) => tr(
                        lang,
                        "nudge.json downloaded: put it on your site at the address below.",
                        "nudge.json téléchargé : déposez-le sur votre site à l'adresse ci-dessous.",
                    )
                    .to_string(),
                    Err(e) => e,
                },
            );
        })
    };
    let on_url = {
        let s = config_url.clone();
        Callback::from(move |e: InputEvent| {
            s.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_est = {
        let s = establishment.clone();
        Callback::from(move |e: Event| {
            s.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let to_json = {
        let on = props.on_msg.clone();
        Callback::from(move |_: MouseEvent| on.emit(Msg::Show(View::Json)))
    };
    html! {
        <div class="view publish">
            <h2>{ t("Save and activate", "Sauvegarder et activer") }</h2>
            if !props.parses {
                <p class="banner error" role="alert">{ t("The draft is not valid JSON: fix it before publishing.", "Le brouillon n'est pas un JSON valide : corrigez-le avant de publier.") }
                    { " " }<button type="button" class="link" onclick={to_json.clone()}>{ t("Open the JSON tab", "Ouvrir l'onglet JSON") }</button></p>
            } else if !errors.is_empty() {
                <p class="banner warning" role="status">{ trs(lang,
                    format!("{} error(s): the widget will drop the broken parts and run the rest.", errors.len()),
                    format!("{} erreur(s) : le widget écartera les parties en erreur et fera fonctionner le reste.", errors.len())) }
                    { " " }<button type="button" class="link" onclick={to_json}>{ t("See them", "Les voir") }</button></p>
            }
            if !unknown.is_empty() {
                <div class="banner warning" role="status">
                    <p>{ t("These fields are unknown to this version of the widget; they are kept in the file as they are:", "Ces champs sont inconnus de cette version du widget ; ils sont conservés tels quels dans le fichier :") }</p>
                    <ul>{ for unknown.iter().map(|p| html! { <li><code>{ p.path.clone() }</code></li> }) }</ul>
                </div>
            }
            <section class="card">
                <h3>{ t("1. The configuration file", "1. Le fichier de configuration") }</h3>
                <div class="buttons">
                    <button type="button" class="primary" id="download-config" onclick={download} disabled={!props.parses}>{ t("Download nudge.json", "Télécharger nudge.json") }</button>
                    { copy_button("copy-config", t("Copy the JSON", "Copier le JSON"), props.text.to_string(), done.clone(), lang) }
                </div>
                <p class="status" role="status" id="publish-status">{ (*done).clone() }</p>
            </section>
            <section class="card">
                <h3>{ t("2. The tag to paste before </body>", "2. La balise à coller avant </body>") }</h3>
                <div class="grid">
                    <div class="field">
                        <label for="config-address">{ t("Where you put nudge.json", "Où vous déposez nudge.json") }</label>
                        <input id="config-address" type="url" value={(*config_url).clone()} oninput={on_url} />
                    </div>
                    <div class="field">
                        <label for="publish-establishment">{ t("Establishment of this page", "Établissement de cette page") }</label>
                        <select id="publish-establishment" onchange={on_est}>
                            <option value="" selected={establishment.is_empty()}>{ t("None (the first one)", "Aucun (le premier)") }</option>
                            { for props.establishments.iter().map(|(id, name)| html! { <option value={id.clone()} selected={*id == *establishment}>{ format!("{name} ({id})") }</option> }) }
                        </select>
                    </div>
                </div>
                <pre class="code" id="script-tag"><code>{ tag.clone() }</code></pre>
                { copy_button("copy-tag", t("Copy the tag", "Copier la balise"), tag, done.clone(), lang) }
            </section>
            <section class="card">
                <h3>{ t("Or: the configuration inside the page", "Ou : la configuration dans la page") }</h3>
                <p class="hint">{ t("No file to host: the configuration travels in the page itself.", "Aucun fichier à héberger : la configuration est dans la page elle-même.") }</p>
                <pre class="code inline-tags" id="inline-tags"><code>{ inline.clone() }</code></pre>
                { copy_button("copy-inline", t("Copy", "Copier"), inline, done, lang) }
            </section>
        </div>
    }
}
