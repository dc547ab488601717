//! Partoo's flow as forms: establishments and their facts, which
//! establishments each message set applies to (`message_sets`) and its own
//! chat hours, the welcome
//! and absence texts with tag buttons, and the 1–5 conversation starters
//! (add, edit, delete, reorder by drag and drop and by keyboard).

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::fields::{self, area, field_id, text, Ctx, Empty};
use super::hours::{hours_editor, weekday_hours, SET_HOURS};
use crate::console::doc::{self, p, path_str, Path, PathExt};
use crate::console::i18n::{placeholder_name, trs};
use crate::console::problems_fr;
use crate::console::state::{Edit, Msg};
use crate::engine::json::Value;
use crate::engine::placeholders::{RenderContext, Template, STANDARD_FACTS};
use crate::engine::tables::MAX_STARTERS;

#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    pub ctx: Ctx,
    /// The message set being edited (None = the site-wide default).
    pub set: Option<usize>,
    /// The establishment whose facts fill the tags (None = the first).
    pub establishment: Option<String>,
}

/// The ids of the draft's establishments.
pub fn establishment_ids(d: &Value) -> Vec<String> {
    doc::get_array(d, &p(&["establishments"]))
        .iter()
        .filter_map(|e| e.get("id").and_then(Value::as_str).map(str::to_string))
        .collect()
}

fn establishment_label(e: &Value) -> String {
    let id = e.get("id").and_then(Value::as_str).unwrap_or("");
    match e.get("name").and_then(Value::as_str) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => id.to_string(),
    }
}

/// The text with its tags filled with `facts` (or the engine's complaint).
fn filled(d: &Value, text: &str, facts: &[(String, String)]) -> Result<String, String> {
    let t = Template::parse(text, &|_| true)?;
    let cx = RenderContext {
        site_name: doc::get_str(d, &p(&["site", "name"])),
        team_name: doc::get_str(d, &p(&["team", "name"])),
        reply_time: doc::get_str(d, &p(&["team", "reply_time"])),
        establishment: facts,
        attributes: &[],
    };
    Ok(t.render(&cx))
}

/// Facts of the establishment picked in the preview (else the first).
fn facts_of(d: &Value, pick: Option<&str>) -> (String, Vec<(String, String)>) {
    let all = doc::get_array(d, &p(&["establishments"]));
    let e = pick
        .and_then(|id| {
            all.iter()
                .find(|e| e.get("id").and_then(Value::as_str) == Some(id))
        })
        .or_else(|| all.first());
    match e {
        Some(Value::Object(fields)) => (
            establishment_label(e.unwrap_or(&Value::Null)),
            fields
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect(),
        ),
        _ => (String::new(), Vec::new()),
    }
}

/// Every tag a text may use: the standard establishment facts, the custom
/// facts the establishments define, then the site and team.
fn tags(d: &Value) -> Vec<String> {
    let mut out: Vec<String> = STANDARD_FACTS
        .iter()
        .filter(|f| **f != "id")
        .map(|f| format!("establishment.{f}"))
        .collect();
    for e in doc::get_array(d, &p(&["establishments"])) {
        if let Some(fields) = e.as_object() {
            for (k, _) in fields {
                let tag = format!("establishment.{k}");
                if k != "id" && !out.contains(&tag) {
                    out.push(tag);
                }
            }
        }
    }
    out.extend(["site.name", "team.name", "team.reply_time"].map(String::from));
    out
}

/// Inserts `{{tag}}` at the caret of the textarea of `path`.
fn insert_tag(ctx: &Ctx, path: &Path, tag: &str) {
    let id = field_id(&path_str(path));
    let Some(area) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&id))
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let value = area.value();
    let units: Vec<u16> = value.encode_utf16().collect();
    let start = (area
        .selection_start()
        .ok()
        .flatten()
        .unwrap_or(units.len() as u32) as usize)
        .min(units.len());
    let end = (area.selection_end().ok().flatten().unwrap_or(start as u32) as usize)
        .clamp(start, units.len());
    let insert = format!("{{{{{tag}}}}}");
    let mut out: Vec<u16> = units[..start].to_vec();
    out.extend(insert.encode_utf16());
    let caret = out.len() as u32;
    out.extend_from_slice(&units[end..]);
    let text = String::from_utf16_lossy(&out);
    ctx.send(Msg::Edit(Edit::Set(path.clone(), doc::string(&text))));
    gloo_timers::callback::Timeout::new(0, move || {
        let _ = area.focus();
        let _ = area.set_selection_range(caret, caret);
    })
    .forget();
}

/// A text with tag buttons and its filled-in rendering.
fn template_field(
    ctx: &Ctx,
    label: &str,
    path: Path,
    fallback: Option<String>,
    est: &(String, Vec<(String, String)>),
) -> Html {
    let value = ctx.str_at(&path);
    let placeholder = fallback.clone().unwrap_or_default();
    let shown = if value.is_empty() {
        fallback.unwrap_or_default()
    } else {
        value
    };
    let rendering = if shown.is_empty() {
        html! {}
    } else {
        match filled(&ctx.doc, &shown, &est.1) {
            Ok(t) => html! {
                <p class="filled">
                    <span class="filled-label">{ trs(ctx.lang, format!("As {} shows it:", est.0), format!("Tel qu'affiché pour {} :", est.0)) }</span>
                    { " " }<span class="filled-text">{ t }</span>
                </p>
            },
            Err(e) => {
                html! { <p class="filled problem error">{ problems_fr::in_lang(ctx.lang, &e) }</p> }
            }
        }
    };
    let buttons = tags(&ctx.doc).into_iter().map(|tag| {
        let (c, path, t) = (ctx.clone(), path.clone(), tag.clone());
        let onclick = Callback::from(move |_: MouseEvent| insert_tag(&c, &path, &t));
        let name = placeholder_name(ctx.lang, &tag);
        html! { <button type="button" class="tag" {onclick} title={format!("{{{{{tag}}}}}")}>{ "+ " }{ name }</button> }
    });
    html! {
        <div class="template">
            { area(ctx, label, path.clone(), &placeholder, Empty::Remove) }
            <div class="tags" role="group" aria-label={ctx.tr("Insert a tag", "Insérer une balise")}>{ for buttons }</div>
            { rendering }
        </div>
    }
}

#[function_component]
pub fn Messages(props: &MessagesProps) -> Html {
    let ctx = &props.ctx;
    let d = ctx.doc.clone();
    let sets = doc::get_array(&d, &p(&["message_sets"]));
    let set = props.set.filter(|i| *i < sets.len());
    // A set's texts are shown filled with one of its own establishments:
    // the preview's if the set has it, else the set's first.
    let members: Vec<&str> = set
        .and_then(|i| sets[i].get("establishments"))
        .and_then(Value::as_array)
        .map(|ids| ids.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let pick = match props.establishment.as_deref() {
        Some(id) if members.is_empty() || members.contains(&id) => Some(id),
        _ => members.first().copied().or(props.establishment.as_deref()),
    };
    let est = facts_of(&d, pick);
    let base: Path = match set {
        Some(i) => p(&["message_sets"]).idx(i),
        None => Vec::new(),
    };
    let default_text = |key: &str| -> Option<String> {
        set.map(|_| doc::get_str(&d, &p(&[key])).to_string())
            .filter(|s| !s.is_empty())
    };
    html! {
        <div class="view messages">
            <h2>{ ctx.tr("Messages", "Messages automatiques") }</h2>
            <Establishments ctx={ctx.clone()} />
            <section class="card" aria-labelledby="sets-title">
                <h3 id="sets-title">{ ctx.tr("Which establishments", "Établissements concernés") }</h3>
                { set_picker(ctx, set) }
                { match set { Some(i) => set_establishments(ctx, i), None => html! {
                    <p class="hint">{ ctx.tr(
                        "These messages apply to every establishment without a set of its own.",
                        "Ces messages s'appliquent à tous les établissements qui n'ont pas de jeu de messages à eux.") }</p>
                } } }
            </section>
            <section class="card" aria-labelledby="texts-title">
                <h3 id="texts-title">{ ctx.tr("Welcome and absence", "Bienvenue et absence") }</h3>
                { template_field(ctx, ctx.tr("Welcome message (sent when the chat opens during opening hours)", "Message de bienvenue (envoyé à l'ouverture du chat, pendant les horaires)"),
                    base.key("welcome_message"), default_text("welcome_message"), &est) }
                { template_field(ctx, ctx.tr("Absence message (sent when the chat opens outside opening hours)", "Message d'absence (envoyé à l'ouverture du chat, hors horaires)"),
                    base.key("absence_message"), default_text("absence_message"), &est) }
            </section>
            <Starters ctx={ctx.clone()} base={base.clone()} in_set={set.is_some()} est_name={est.0.clone()} est_facts={est.1.clone()} />
            if set.is_some() {
                <section class="card hours" aria-labelledby="set-hours-title">
                    <h3 id="set-hours-title">{ ctx.tr("Chat hours of these establishments", "Horaires du chat de ces établissements") }</h3>
                    { hours_editor(ctx, &base.key("business_hours"), &SET_HOURS,
                        ctx.get(&p(&["business_hours"])).cloned().unwrap_or_else(weekday_hours)) }
                </section>
            }
        </div>
    }
}

fn set_picker(ctx: &Ctx, set: Option<usize>) -> Html {
    let sets = doc::get_array(&ctx.doc, &p(&["message_sets"]));
    let all = doc::get_array(&ctx.doc, &p(&["establishments"]));
    let label_of = |s: &Value| -> String {
        let ids: Vec<String> = s
            .get("establishments")
            .and_then(Value::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .map(|id| {
                all.iter()
                    .find(|e| e.get("id").and_then(Value::as_str) == Some(id))
                    .map(establishment_label)
                    .unwrap_or_else(|| id.to_string())
            })
            .collect();
        if ids.is_empty() {
            "—".to_string()
        } else {
            ids.join(", ")
        }
    };
    let choose = |v: Option<usize>| {
        let on = ctx.on_msg.clone();
        Callback::from(move |_: Event| on.emit(Msg::SelectSet(v)))
    };
    let add = {
        let (on, n, first) = (
            ctx.on_msg.clone(),
            sets.len(),
            all.first()
                .and_then(|e| e.get("id").and_then(Value::as_str))
                .map(str::to_string),
        );
        Callback::from(move |_: MouseEvent| {
            let mut s = doc::object();
            let ids = first.iter().map(|id| doc::string(id)).collect();
            doc::set(&mut s, &p(&["establishments"]), Value::Array(ids));
            on.emit(Msg::Edit(Edit::Push(p(&["message_sets"]), s)));
            on.emit(Msg::SelectSet(Some(n)));
        })
    };
    html! {
        <fieldset class="sets">
            <legend>{ ctx.tr("Messages to edit", "Messages à modifier") }</legend>
            <label class="radio">
                <input type="radio" name="set" checked={set.is_none()} onchange={choose(None)} />
                { ctx.tr("All establishments (default)", "Tous les établissements (par défaut)") }
            </label>
            { for sets.iter().enumerate().map(|(i, s)| html! {
                <label class="radio">
                    <input type="radio" name="set" checked={set == Some(i)} onchange={choose(Some(i))} />
                    { trs(ctx.lang, format!("Set {}: {}", i + 1, label_of(s)), format!("Jeu {} : {}", i + 1, label_of(s))) }
                </label>
            }) }
            <button type="button" class="secondary" onclick={add} disabled={all.is_empty()}>
                { if all.is_empty() { ctx.tr("Add an establishment first to give it its own messages", "Ajoutez d'abord un établissement pour lui donner ses propres messages") }
                  else { ctx.tr("+ Messages for specific establishments", "+ Messages pour certains établissements") } }
            </button>
        </fieldset>
    }
}

fn set_establishments(ctx: &Ctx, i: usize) -> Html {
    let path = p(&["message_sets"]).idx(i).key("establishments");
    let chosen: Vec<String> = doc::get_array(&ctx.doc, &path)
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let all = doc::get_array(&ctx.doc, &p(&["establishments"]));
    let ps = path_str(&path);
    let problems = fields::problems_at(&ctx.problems, &ps);
    let remove = {
        let on = ctx.on_msg.clone();
        Callback::from(move |_: MouseEvent| {
            on.emit(Msg::SelectSet(None));
            on.emit(Msg::Edit(Edit::Remove(p(&["message_sets"]).idx(i))));
        })
    };
    html! {
        <fieldset class="set-establishments">
            <legend>{ trs(ctx.lang, format!("Set {} applies to", i + 1), format!("Le jeu {} s'applique à", i + 1)) }</legend>
            { for all.iter().enumerate().map(|(k, e)| {
                let id = e.get("id").and_then(Value::as_str).unwrap_or("").to_string();
                let checked = chosen.contains(&id);
                let (on, path, chosen, idc) = (ctx.on_msg.clone(), path.clone(), chosen.clone(), id.clone());
                let onchange = Callback::from(move |_: Event| {
                    let mut next: Vec<String> = chosen.clone();
                    if next.contains(&idc) { next.retain(|x| *x != idc) } else { next.push(idc.clone()) }
                    on.emit(Msg::Edit(Edit::Set(path.clone(), Value::Array(next.iter().map(|s| doc::string(s)).collect()))));
                });
                let box_id = format!("set-{i}-est-{k}");
                html! {
                    <div class="field field-check">
                        <input type="checkbox" id={box_id.clone()} {checked} {onchange}
                            data-path={if k == 0 { Some(ps.clone()) } else { None }} />
                        <label for={box_id}>{ establishment_label(e) }</label>
                    </div>
                }
            }) }
            <ul class="field-problems">{ for problems.iter().map(|p| html! { <li class="problem error">{ p.text(ctx.lang) }</li> }) }</ul>
            <button type="button" class="danger" onclick={remove}>{ ctx.tr("Delete this set", "Supprimer ce jeu") }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct EstablishmentsProps {
    pub ctx: Ctx,
}

#[function_component]
pub fn Establishments(props: &EstablishmentsProps) -> Html {
    let ctx = &props.ctx;
    let list = doc::get_array(&ctx.doc, &p(&["establishments"]));
    let add = {
        let (on, n) = (ctx.on_msg.clone(), list.len());
        let existing = establishment_ids(&ctx.doc);
        Callback::from(move |_: MouseEvent| {
            let mut k = n + 1;
            while existing.contains(&format!("etablissement-{k}")) {
                k += 1;
            }
            let mut e = doc::object();
            doc::set(
                &mut e,
                &p(&["id"]),
                doc::string(&format!("etablissement-{k}")),
            );
            for f in ["name", "address", "phone", "opening_hours"] {
                doc::set(&mut e, &p(&[f]), doc::string(""));
            }
            on.emit(Msg::Edit(Edit::Push(p(&["establishments"]), e)));
        })
    };
    html! {
        <section class="card" aria-labelledby="est-title">
            <h3 id="est-title">{ ctx.tr("Establishments", "Établissements") }</h3>
            if list.is_empty() {
                <p class="hint">{ ctx.tr("No establishment yet. Their facts fill the tags of your messages.", "Aucun établissement pour l'instant. Leurs informations remplissent les balises de vos messages.") }</p>
            }
            <ol class="establishments">
                { for list.iter().enumerate().map(|(i, e)| establishment(ctx, i, e)) }
            </ol>
            <button type="button" class="secondary" id="add-establishment" onclick={add}>{ ctx.tr("+ Add an establishment", "+ Ajouter un établissement") }</button>
        </section>
    }
}

fn establishment(ctx: &Ctx, i: usize, e: &Value) -> Html {
    let base = p(&["establishments"]).idx(i);
    let label = establishment_label(e);
    let custom: Vec<String> = e
        .as_object()
        .unwrap_or(&[])
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| !STANDARD_FACTS.contains(&k.as_str()))
        .collect();
    let remove = {
        let (on, base) = (ctx.on_msg.clone(), base.clone());
        Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(base.clone()))))
    };
    let add_fact = {
        let (on, base) = (ctx.on_msg.clone(), base.clone());
        let input_id = format!("new-fact-{i}");
        Callback::from(move |_: MouseEvent| {
            let name = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&input_id))
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|el| {
                    let v = el.value();
                    el.set_value("");
                    v
                })
                .unwrap_or_default();
            let key: String = name
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '_' })
                .collect();
            if !key.is_empty() && !STANDARD_FACTS.contains(&key.as_str()) {
                on.emit(Msg::Edit(Edit::Set(base.key(&key), doc::string(""))));
            }
        })
    };
    html! {
        <li class="establishment">
            <div class="row-head">
                <h4>{ if label.is_empty() { ctx.tr("New establishment", "Nouvel établissement").to_string() } else { label.clone() } }</h4>
                <button type="button" class="danger small" onclick={remove}
                    aria-label={trs(ctx.lang, format!("Delete establishment {label}"), format!("Supprimer l'établissement {label}"))}>
                    { ctx.tr("Delete", "Supprimer") }
                </button>
            </div>
            <div class="grid">
                { text(ctx, ctx.tr("Identifier (used in data-establishment)", "Identifiant (pour data-establishment)"), base.key("id"), Empty::Keep) }
                { text(ctx, ctx.tr("Name", "Nom"), base.key("name"), Empty::Keep) }
                { text(ctx, ctx.tr("Address", "Adresse"), base.key("address"), Empty::Keep) }
                { text(ctx, ctx.tr("Phone", "Téléphone"), base.key("phone"), Empty::Keep) }
                { text(ctx, ctx.tr("Opening hours (text)", "Horaires d'ouverture (texte)"), base.key("opening_hours"), Empty::Keep) }
                { for custom.iter().map(|k| {
                    let (on, path) = (ctx.on_msg.clone(), base.key(k));
                    let del = Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(path.clone()))));
                    html! {
                        <div class="custom-fact">
                            { text(ctx, k, base.key(k), Empty::Keep) }
                            <button type="button" class="small" onclick={del}
                                aria-label={trs(ctx.lang, format!("Remove fact {k}"), format!("Retirer l'information {k}"))}>{ "×" }</button>
                        </div>
                    }
                }) }
            </div>
            <div class="add-fact">
                <label for={format!("new-fact-{i}")}>{ ctx.tr("Other fact (e.g. parking)", "Autre information (ex. parking)") }</label>
                <input id={format!("new-fact-{i}")} type="text" />
                <button type="button" class="small" onclick={add_fact}>{ ctx.tr("Add", "Ajouter") }</button>
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct StartersProps {
    pub ctx: Ctx,
    /// `[]` for the site-wide starters, `message_sets[i]` for a set's.
    pub base: Path,
    pub in_set: bool,
    pub est_name: String,
    pub est_facts: Vec<(String, String)>,
}

/// Starters 1–5: add, edit, delete, reorder (drag and drop, or the move
/// buttons, announced in the live region).
#[function_component]
pub fn Starters(props: &StartersProps) -> Html {
    let ctx = &props.ctx;
    let path = props.base.key("starters");
    // The dragged starter: a shared cell (a state handle would be the
    // snapshot of the render that created the drop handler), plus a state
    // for the "being dragged" style.
    let drag_from = use_mut_ref(|| None::<usize>);
    let dragging = use_state(|| None::<usize>);
    let refocus = use_state(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect_with((*refocus).clone(), move |target| {
            if let Some(id) = target {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(id))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
                refocus.set(None);
            }
        });
    }
    let own = ctx.get(&path).is_some();
    if props.in_set && !own {
        let (on, path) = (ctx.on_msg.clone(), path.clone());
        let defaults = ctx
            .get(&p(&["starters"]))
            .cloned()
            .unwrap_or(Value::Array(Vec::new()));
        let customize = Callback::from(move |_: MouseEvent| {
            on.emit(Msg::Edit(Edit::Set(path.clone(), defaults.clone())))
        });
        return html! {
            <section class="card" aria-labelledby="starters-title">
                <h3 id="starters-title">{ ctx.tr("Conversation starters", "Sujets de conversation courants") }</h3>
                <p class="hint">{ ctx.tr("This set uses the default starters.", "Ce jeu utilise les sujets par défaut.") }</p>
                <button type="button" class="secondary" onclick={customize}>{ ctx.tr("Give this set its own starters", "Personnaliser les sujets de ce jeu") }</button>
            </section>
        };
    }
    let items = doc::get_array(&ctx.doc, &path).to_vec();
    let n = items.len();
    let title_of = |i: usize| -> String {
        items
            .get(i)
            .and_then(|s| s.get("title"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let move_to = {
        let (on, path, lang, refocus) =
            (ctx.on_msg.clone(), path.clone(), ctx.lang, refocus.clone());
        let titles: Vec<String> = (0..n).map(title_of).collect();
        move |from: usize, to: usize, focus: Option<&'static str>| {
            let (on, path, refocus, titles) =
                (on.clone(), path.clone(), refocus.clone(), titles.clone());
            move || {
                if from == to || to >= titles.len() {
                    return;
                }
                on.emit(Msg::Edit(Edit::Move(path.clone(), from, to)));
                let t = titles.get(from).cloned().unwrap_or_default();
                on.emit(Msg::Announce(trs(
                    lang,
                    format!("“{t}” moved to position {} of {}.", to + 1, titles.len()),
                    format!(
                        "« {t} » déplacé en position {} sur {}.",
                        to + 1,
                        titles.len()
                    ),
                )));
                if let Some(which) = focus {
                    // Keep the focus on the same button of the moved starter;
                    // at the top or bottom, on the other one.
                    let which = match which {
                        "up" if to == 0 => "down",
                        "down" if to + 1 == titles.len() => "up",
                        w => w,
                    };
                    refocus.set(Some(format!("starter-{to}-{which}")));
                }
            }
        }
    };
    let add = {
        let (on, path, lang) = (ctx.on_msg.clone(), path.clone(), ctx.lang);
        Callback::from(move |_: MouseEvent| {
            let mut s = doc::object();
            doc::set(&mut s, &p(&["title"]), doc::string(""));
            doc::set(&mut s, &p(&["answer"]), doc::string(""));
            on.emit(Msg::Edit(Edit::Push(path.clone(), s)));
            on.emit(Msg::Announce(trs(
                lang,
                format!("Starter {} added.", n + 1),
                format!("Sujet {} ajouté.", n + 1),
            )));
        })
    };
    let full = n >= MAX_STARTERS;
    let est = (props.est_name.clone(), props.est_facts.clone());
    html! {
        <section class="card" aria-labelledby="starters-title">
            <h3 id="starters-title">{ ctx.tr("Conversation starters", "Sujets de conversation courants") }</h3>
            <p class="hint">{ ctx.tr(
                "1 to 5 questions shown when the chat opens; the visitor clicks one and gets its answer at once. Drag them, or use the arrows, to reorder.",
                "De 1 à 5 questions affichées à l'ouverture du chat ; l'internaute clique et reçoit aussitôt la réponse. Faites-les glisser, ou utilisez les flèches, pour les réorganiser.") }</p>
            <ol class="starters">
                { for (0..n).map(|i| {
                    let item_path = path.idx(i);
                    let title = title_of(i);
                    let name = if title.is_empty() { trs(ctx.lang, format!("starter {}", i + 1), format!("sujet {}", i + 1)) } else { title.clone() };
                    let up = { let f = move_to(i, i.saturating_sub(1), Some("up")); Callback::from(move |_: MouseEvent| f()) };
                    let down = { let f = move_to(i, i + 1, Some("down")); Callback::from(move |_: MouseEvent| f()) };
                    let del = {
                        let (on, p2, lang, name) = (ctx.on_msg.clone(), item_path.clone(), ctx.lang, name.clone());
                        Callback::from(move |_: MouseEvent| {
                            on.emit(Msg::Edit(Edit::Remove(p2.clone())));
                            on.emit(Msg::Announce(trs(lang, format!("“{name}” deleted."), format!("« {name} » supprimé."))));
                        })
                    };
                    let ondragstart = {
                        let (dragging, drag_from) = (dragging.clone(), drag_from.clone());
                        Callback::from(move |e: DragEvent| {
                            if let Some(dt) = e.data_transfer() {
                                let _ = dt.set_data("text/plain", &i.to_string());
                                dt.set_effect_allowed("move");
                            }
                            *drag_from.borrow_mut() = Some(i);
                            dragging.set(Some(i));
                        })
                    };
                    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
                    let ondrop = {
                        let (dragging, drag_from) = (dragging.clone(), drag_from.clone());
                        let mv = move_to.clone();
                        Callback::from(move |e: DragEvent| {
                            e.prevent_default();
                            let from = drag_from.borrow_mut().take().or_else(|| {
                                e.data_transfer().and_then(|dt| dt.get_data("text/plain").ok()).and_then(|s| s.parse().ok())
                            });
                            if let Some(from) = from {
                                mv(from, i, None)();
                            }
                            dragging.set(None);
                        })
                    };
                    let ondragend = {
                        let (dragging, drag_from) = (dragging.clone(), drag_from.clone());
                        Callback::from(move |_: DragEvent| {
                            drag_from.borrow_mut().take();
                            dragging.set(None);
                        })
                    };
                    let class = if *dragging == Some(i) { "starter dragging" } else { "starter" };
                    html! {
                        <li class={class} draggable="true" {ondragstart} {ondragover} {ondrop} {ondragend} data-index={i.to_string()}>
                            <div class="row-head">
                                <span class="handle" aria-hidden="true">{ "⠿" }</span>
                                <h4>{ trs(ctx.lang, format!("Starter {}", i + 1), format!("Sujet {}", i + 1)) }</h4>
                                <div class="moves">
                                    <button type="button" class="small" id={format!("starter-{i}-up")} onclick={up} disabled={i == 0}
                                        aria-label={trs(ctx.lang, format!("Move “{name}” up"), format!("Monter « {name} »"))}>{ "↑" }</button>
                                    <button type="button" class="small" id={format!("starter-{i}-down")} onclick={down} disabled={i + 1 == n}
                                        aria-label={trs(ctx.lang, format!("Move “{name}” down"), format!("Descendre « {name} »"))}>{ "↓" }</button>
                                    <button type="button" class="small danger" onclick={del}
                                        aria-label={trs(ctx.lang, format!("Delete “{name}”"), format!("Supprimer « {name} »"))}>{ ctx.tr("Delete", "Supprimer") }</button>
                                </div>
                            </div>
                            { text(ctx, ctx.tr("Title (what the visitor clicks)", "Titre (ce sur quoi l'internaute clique)"), item_path.key("title"), Empty::Keep) }
                            { template_field(ctx, ctx.tr("Answer", "Réponse"), item_path.key("answer"), None, &est) }
                        </li>
                    }
                }) }
            </ol>
            <button type="button" class="secondary" id="add-starter" onclick={add} disabled={full}>
                { if full { ctx.tr("5 starters at most: delete one to add another", "5 sujets au maximum : supprimez-en un pour en ajouter un autre") }
                  else { ctx.tr("+ Add a starter", "+ Ajouter un sujet") } }
            </button>
        </section>
    }
}
