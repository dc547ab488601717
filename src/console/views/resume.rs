//! The Résumé page: import a statistics NDJSON file and read, per message,
//! how many visitors it fired for, opened it, dismissed it, and wrote
//! afterwards, with the rates.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::start::preset_label;
use crate::console::browser;
use crate::console::i18n::{tr, trs};
use crate::console::resume::{summarize, Summary};
use crate::engine::json::Value;
use crate::ui::Lang;

#[derive(Properties, PartialEq)]
pub struct ResumeProps {
    pub lang: Lang,
    pub doc: Rc<Value>,
}

#[function_component]
pub fn Resume(props: &ResumeProps) -> Html {
    let lang = props.lang;
    let t = |en, fr| tr(lang, en, fr);
    let summary = use_state(|| None::<Summary>);
    let error = use_state(String::new);
    let open_file = {
        let (summary, error) = (summary.clone(), error.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (summary, error) = (summary.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match browser::read_file(&input).await {
                    Ok(text) => summary.set(Some(summarize(&text))),
                    Err(m) => error.set(m),
                }
            });
        })
    };
    let paste = {
        let summary = summary.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            summary.set(if text.trim().is_empty() {
                None
            } else {
                Some(summarize(&text))
            });
        })
    };
    let name = |id: &str| -> String {
        let preset = preset_label(lang, id);
        if !preset.is_empty() {
            return preset.to_string();
        }
        match id {
            "welcome_message" => t("Welcome message", "Message de bienvenue").into(),
            "absence_message" => t("Absence message", "Message d'absence").into(),
            _ => id.to_string(),
        }
    };
    let pct = |r: Option<u32>| r.map(|r| format!("{r} %")).unwrap_or_else(|| "—".into());
    let _ = &props.doc;
    html! {
        <div class="view resume">
            <h2>{ t("Summary", "Résumé") }</h2>
            <p class="hint">{ t("How often each automatic message fired and how many visitors wrote to you afterwards, from the statistics file your collection endpoint wrote (one JSON batch per line).",
                "Combien de fois chaque message automatique s'est déclenché et combien d'internautes vous ont écrit ensuite, d'après le fichier de statistiques écrit par votre point de collecte (un lot JSON par ligne).") }</p>
            <section class="card">
                <div class="field">
                    <label for="stats-file">{ t("Statistics file (.ndjson)", "Fichier de statistiques (.ndjson)") }</label>
                    <input id="stats-file" type="file" accept=".ndjson,.jsonl,.json,.txt" onchange={open_file} />
                </div>
                <div class="field">
                    <label for="stats-paste">{ t("Or paste its lines", "Ou collez ses lignes") }</label>
                    <textarea id="stats-paste" rows="3" oninput={paste} />
                </div>
                if !error.is_empty() { <p class="problem error" role="alert">{ (*error).clone() }</p> }
            </section>
            if let Some(s) = &*summary {
                <section class="card" aria-labelledby="summary-title">
                    <h3 id="summary-title">{ trs(lang, format!("{} visitors, {} events", s.visitors, s.events), format!("{} internautes, {} événements", s.visitors, s.events)) }</h3>
                    if !s.bad_lines.is_empty() {
                        <p class="problem warning">{ trs(lang,
                            format!("Lines not read (not statistics batches): {}", s.bad_lines.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ")),
                            format!("Lignes non lues (pas des lots de statistiques) : {}", s.bad_lines.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "))) }</p>
                    }
                    <table class="summary" id="summary">
                        <thead><tr>
                            <th scope="col">{ t("Message", "Message") }</th>
                            <th scope="col">{ t("Fired (visitors)", "Déclenché (internautes)") }</th>
                            <th scope="col">{ t("Opened", "Ouvert") }</th>
                            <th scope="col">{ t("Dismissed", "Fermé") }</th>
                            <th scope="col">{ t("Wrote afterwards", "Ont écrit ensuite") }</th>
                        </tr></thead>
                        <tbody>
                            { for s.rows.iter().map(|r| html! {
                                <tr data-id={r.message.clone()}>
                                    <th scope="row">{ name(&r.message) }</th>
                                    <td>{ r.fired }</td>
                                    <td>{ format!("{} ({})", r.opened, pct(r.rate(r.opened))) }</td>
                                    <td>{ format!("{} ({})", r.dismissed, pct(r.rate(r.dismissed))) }</td>
                                    <td>{ format!("{} ({})", r.contacted, pct(r.rate(r.contacted))) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            }
        </div>
    }
}
