//! The JSON tab: the same draft as text, in both directions, with the
//! engine's own problems (path, line and column). Clicking a problem
//! focuses the form field it names, or marks its line here.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::console::browser;
use crate::console::check::Problem;
use crate::console::i18n::{tr, trs};
use crate::console::locate;
use crate::console::state::{Msg, View};
use crate::ui::Lang;

#[derive(Properties, PartialEq)]
pub struct JsonTabProps {
    pub lang: Lang,
    pub text: Rc<str>,
    pub problems: Rc<Vec<Problem>>,
    pub parses: bool,
    pub on_msg: Callback<Msg>,
}

#[function_component]
pub fn JsonTab(props: &JsonTabProps) -> Html {
    let lang = props.lang;
    let t = |en, fr| tr(lang, en, fr);
    let oninput = {
        let on = props.on_msg.clone();
        Callback::from(move |e: InputEvent| {
            on.emit(Msg::SetText(
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ))
        })
    };
    let first_error = props
        .problems
        .iter()
        .find(|p| p.error && p.path.is_empty() && !props.parses);
    let excerpt = first_error.map(|p| {
        let line = props.text.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
        let caret: String = " ".repeat(p.column.saturating_sub(1)) + "^";
        html! {
            <pre class="excerpt" aria-hidden="true"><code>{ format!("{:>4} | {line}\n     | {caret}", p.line) }</code></pre>
        }
    });
    let items = props.problems.iter().map(|p| {
        let (on, path, text, line, col, parses) = (
            props.on_msg.clone(),
            p.path.clone(),
            props.text.clone(),
            p.line,
            p.column,
            props.parses,
        );
        let onclick = Callback::from(move |_: MouseEvent| {
            if parses && !path.is_empty() && View::of_path(&path) != View::Json {
                on.emit(Msg::Focus(path.clone()));
            } else {
                let offset = locate::offset_of_line_col(&text, line, col);
                let start = text[..offset].encode_utf16().count() as u32;
                let end = text[..text[offset..].find('\n').map_or(text.len(), |e| offset + e)]
                    .encode_utf16()
                    .count() as u32;
                browser::select_in_textarea("json-text", start, end.max(start + 1));
            }
        });
        let kind = if p.error {
            t("Error", "Erreur")
        } else {
            t("Warning", "Avertissement")
        };
        let where_ = trs(
            lang,
            format!("line {}, column {}", p.line, p.column),
            format!("ligne {}, colonne {}", p.line, p.column),
        );
        html! {
            <li class={if p.error { "problem error" } else { "problem warning" }}>
                <button type="button" class="link" {onclick} data-problem-path={p.path.clone()}>
                    <strong>{ kind }</strong>{ " · " }{ where_ }
                    if !p.path.is_empty() { { " · " }<code>{ p.path.clone() }</code> }
                    { " — " }{ p.text(lang) }
                </button>
            </li>
        }
    });
    let download = {
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = browser::download("nudge-draft.json", &text, "application/json");
        })
    };
    html! {
        <div class="view json">
            <h2>{ t("JSON", "JSON") }</h2>
            <p class="hint">{ t(
                "The same draft as text: what you change here changes the forms, and the other way round.",
                "Le même brouillon en texte : ce que vous changez ici change les formulaires, et inversement.") }</p>
            if !props.parses {
                <p class="banner error" role="alert">{ t("This is not valid JSON yet: the error is marked below. Your text is kept as you typed it.",
                    "Ce n'est pas encore du JSON valide : l'erreur est indiquée ci-dessous. Votre texte est conservé tel quel.") }
                    { " " }<button type="button" class="link" onclick={download}>{ t("Download it as it is", "Le télécharger tel quel") }</button></p>
            }
            { excerpt.unwrap_or_default() }
            <section aria-labelledby="problems-title" class="problems">
                <h3 id="problems-title">{ if props.problems.is_empty() { t("No problem found", "Aucun problème") } else { t("Problems found by the widget's validator", "Problèmes trouvés par le validateur du widget") } }</h3>
                <ul id="problems">{ for items }</ul>
            </section>
            <label for="json-text" class="sr-only">{ t("Configuration (JSON)", "Configuration (JSON)") }</label>
            <textarea id="json-text" class="code" spellcheck="false" value={props.text.to_string()} {oninput}
                aria-invalid={if props.parses { "false" } else { "true" }} rows="30" />
        </div>
    }
}
