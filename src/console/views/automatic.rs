//! The six predefined messages (on/off, text, delay, priority) and the
//! merchant's own automatic messages: text, trigger (every trigger type),
//! conditions (a builder over every condition key the engine knows, with
//! nested all / any / not), frequency, priority, enabled. The lists of
//! triggers, frequencies, condition keys and operators are the engine's own
//! tables.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fields::{area, checkbox, field_id, number, problems_at, text, Ctx, Empty};
use super::start::preset_label;
use crate::console::doc::{self, p, path_str, Path, PathExt};
use crate::console::i18n::trs;
use crate::console::state::{Edit, Msg};
use crate::engine::json::{self, Value};
use crate::engine::presets::{presets, PRESET_NAMES};
use crate::engine::tables::{
    CmpOp, Device, FrequencyName, OpenState, StringOp, TeamStatus, VisitorKind, Weekday,
    CONDITIONS, TRIGGERS,
};
use crate::ui::Lang;

#[derive(Properties, PartialEq)]
pub struct AutomaticProps {
    pub ctx: Ctx,
}

/// A preset's settings as the form shows them.
#[derive(Clone, Default)]
struct PresetFields {
    enabled: bool,
    text: Option<String>,
    delay: Option<i64>,
    priority: Option<i64>,
    others: Vec<(String, Value)>,
}

fn preset_fields(presets: Option<&Value>, name: &str) -> PresetFields {
    match presets {
        Some(Value::Array(names)) => PresetFields {
            enabled: names.iter().any(|n| n.as_str() == Some(name)),
            ..Default::default()
        },
        Some(Value::Object(_)) => match presets.and_then(|v| v.get(name)) {
            Some(Value::Bool(b)) => PresetFields {
                enabled: *b,
                ..Default::default()
            },
            Some(Value::Object(fields)) => {
                let mut f = PresetFields {
                    enabled: true,
                    ..Default::default()
                };
                for (k, v) in fields {
                    match k.as_str() {
                        "enabled" => f.enabled = v.as_bool().unwrap_or(true),
                        "text" => f.text = v.as_str().map(str::to_string),
                        "delay" => f.delay = v.as_i64(),
                        "priority" => f.priority = v.as_i64(),
                        _ => f.others.push((k.clone(), v.clone())),
                    }
                }
                f
            }
            _ => PresetFields::default(),
        },
        _ => PresetFields::default(),
    }
}

fn preset_value(f: &PresetFields) -> Value {
    if f.text.is_none() && f.delay.is_none() && f.priority.is_none() && f.others.is_empty() {
        return Value::Bool(f.enabled);
    }
    let mut o = doc::object();
    if let Some(t) = &f.text {
        doc::set(&mut o, &p(&["text"]), doc::string(t));
    }
    if let Some(d) = f.delay {
        doc::set(&mut o, &p(&["delay"]), doc::int(d));
    }
    if let Some(pr) = f.priority {
        doc::set(&mut o, &p(&["priority"]), doc::int(pr));
    }
    if !f.enabled {
        doc::set(&mut o, &p(&["enabled"]), Value::Bool(false));
    }
    for (k, v) in &f.others {
        doc::set(&mut o, &p(&[k]), v.clone());
    }
    o
}

/// The whole `presets` object after changing `name` with `change`.
fn presets_with(d: &Value, name: &str, change: impl FnOnce(&mut PresetFields)) -> Value {
    let current = doc::get(d, &p(&["presets"]));
    let mut out = match current {
        Some(Value::Object(_)) => current.cloned().unwrap_or_else(doc::object),
        _ => {
            // The list form becomes the object form (same meaning).
            let mut o = doc::object();
            for n in PRESET_NAMES {
                let f = preset_fields(current, n);
                if f.enabled {
                    doc::set(&mut o, &p(&[n]), Value::Bool(true));
                }
            }
            o
        }
    };
    let mut f = preset_fields(Some(&out), name);
    change(&mut f);
    doc::set(&mut out, &p(&[name]), preset_value(&f));
    out
}

/// How one input of a preset's card changes its fields.
type FieldEdit = std::rc::Rc<dyn Fn(&mut PresetFields, String)>;

fn preset_card(ctx: &Ctx, i: usize, name: &'static str) -> Html {
    let f = preset_fields(ctx.get(&p(&["presets"])), name);
    let table = presets();
    let french = crate::ui::Lang::from_tag(&ctx.str_at(&p(&["site", "language"]))) == Lang::Fr;
    let default_text = if french { table[i].fr } else { table[i].en };
    let base = p(&["presets"]).key(name);
    let edit = |change: FieldEdit| {
        let (on, d) = (ctx.on_msg.clone(), ctx.doc.clone());
        move |v: String| {
            let change = change.clone();
            on.emit(Msg::Edit(Edit::Set(
                p(&["presets"]),
                presets_with(&d, name, move |f| change(f, v)),
            )));
        }
    };
    let toggle = {
        let e = edit(std::rc::Rc::new(|f, _| f.enabled = !f.enabled));
        Callback::from(move |_: Event| e(String::new()))
    };
    let on_text = {
        let e = edit(std::rc::Rc::new(|f, v| {
            f.text = Some(v).filter(|v| !v.is_empty())
        }));
        Callback::from(move |ev: InputEvent| {
            e(ev.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                .value())
        })
    };
    let on_delay = {
        let e = edit(std::rc::Rc::new(|f, v| f.delay = v.trim().parse().ok()));
        Callback::from(move |ev: InputEvent| {
            e(ev.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_priority = {
        let e = edit(std::rc::Rc::new(|f, v| f.priority = v.trim().parse().ok()));
        Callback::from(move |ev: InputEvent| {
            e(ev.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let ps = path_str(&base);
    let id = field_id(&ps);
    let problems = problems_at(&ctx.problems, &ps);
    html! {
        <li class={if f.enabled { "preset on" } else { "preset off" }}>
            <div class="field field-check">
                <input type="checkbox" id={format!("{id}-enabled")} data-path={ps.clone()} checked={f.enabled} onchange={toggle} />
                <label for={format!("{id}-enabled")}><strong>{ preset_label(ctx.lang, name) }</strong></label>
            </div>
            if f.enabled {
                <div class="field">
                    <label for={format!("{id}-text")}>{ ctx.tr("Text (empty: the text above)", "Texte (vide : le texte ci-dessus)") }</label>
                    <textarea id={format!("{id}-text")} data-path={format!("{ps}.text")} rows="2" placeholder={default_text} value={f.text.clone().unwrap_or_default()} oninput={on_text} />
                </div>
                <div class="grid">
                    <div class="field field-number">
                        <label for={format!("{id}-delay")}>{ ctx.tr("Delay (s, empty: the preset's)", "Délai (s, vide : celui du message)") }</label>
                        <input id={format!("{id}-delay")} data-path={format!("{ps}.delay")} type="number" min="0" value={f.delay.map(|d| d.to_string()).unwrap_or_default()} oninput={on_delay} />
                    </div>
                    <div class="field field-number">
                        <label for={format!("{id}-priority")}>{ ctx.tr("Priority (higher wins)", "Priorité (la plus haute gagne)") }</label>
                        <input id={format!("{id}-priority")} data-path={format!("{ps}.priority")} type="number" value={f.priority.map(|d| d.to_string()).unwrap_or_default()} oninput={on_priority} />
                    </div>
                </div>
            }
            <p class="quote">{ f.text.clone().unwrap_or_else(|| default_text.to_string()) }</p>
            <ul class="field-problems">{ for problems.iter().map(|p| html! { <li class="problem error">{ p.text(ctx.lang) }</li> }) }</ul>
        </li>
    }
}

fn trigger_label(lang: Lang, t: &str) -> String {
    let (en, fr) = match t {
        "time_on_page" => ("Time on the page", "Temps sur la page"),
        "time_on_site" => ("Time on the site", "Temps sur le site"),
        "page_view" => ("Each page view", "Chaque page vue"),
        "scroll" => ("Scrolling", "Défilement"),
        "exit_intent" => ("Exit intent", "Intention de sortie"),
        "visitor_message_unanswered" => (
            "Visitor message unanswered",
            "Message de l'internaute sans réponse",
        ),
        "visitor_message_offline" => (
            "Visitor message while offline",
            "Message de l'internaute hors ligne",
        ),
        "chat_opened" => ("Chat opened", "Ouverture du chat"),
        "event" => ("Custom event", "Événement personnalisé"),
        other => return other.to_string(),
    };
    crate::console::i18n::tr(lang, en, fr).to_string()
}

fn select_html(
    id: String,
    label: String,
    path: Option<String>,
    options: Vec<(String, String)>,
    value: String,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <span class="inline-field">
            <label for={id.clone()}>{ label }</label>
            <select id={id} data-path={path} {onchange}>
                { for options.into_iter().map(|(v, l)| html! { <option value={v.clone()} selected={v == value}>{ l }</option> }) }
            </select>
        </span>
    }
}

fn default_condition(key: &str, d: &Value) -> Value {
    let v = |t: &str| json::parse(t).unwrap_or(Value::Null);
    match key {
        "url" | "title" | "referrer" => v(r#"{"contains": ""}"#),
        "query" | "utm" | "attribute" => v(r#"{"name": "", "equals": ""}"#),
        "visitor" => doc::string("first"),
        "visit_number" | "pages_viewed" | "days_since_last_visit" => v(r#"{"gte": 1}"#),
        "language" => v(r#"["fr"]"#),
        "device" => v(r#"["mobile"]"#),
        "weekday" => v(r#"["mon", "tue", "wed", "thu", "fri"]"#),
        "time_of_day" => v(r#"{"from": "09:00", "to": "18:00"}"#),
        "business_hours" => doc::string("open"),
        "team_status" => v(r#"["online"]"#),
        "establishment" => Value::Array(
            super::messages::establishment_ids(d)
                .into_iter()
                .take(1)
                .map(|s| doc::string(&s))
                .collect(),
        ),
        "all" | "any" => v("[{}]"),
        _ => doc::object(),
    }
}

/// The editor of one condition object at `path` (several keys = all hold).
fn condition_object(ctx: &Ctx, path: &Path, depth: usize) -> Html {
    let fields: Vec<(String, Value)> = ctx
        .get(path)
        .and_then(Value::as_object)
        .unwrap_or(&[])
        .to_vec();
    let present: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    let add = {
        let (on, path, d) = (ctx.on_msg.clone(), path.clone(), ctx.doc.clone());
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let key = select.value();
            if !key.is_empty() {
                on.emit(Msg::Edit(Edit::Set(
                    path.key(&key),
                    default_condition(&key, &d),
                )));
            }
            select.set_value("");
        })
    };
    let add_id = format!("{}-add", field_id(&path_str(path)));
    html! {
        <div class={format!("conditions depth-{}", depth.min(3))}>
            <ul>
                { for fields.iter().map(|(k, v)| condition_row(ctx, path, k, v, depth)) }
            </ul>
            <span class="inline-field">
                <label for={add_id.clone()}>{ if fields.is_empty() { ctx.tr("Add a condition", "Ajouter une condition") } else { ctx.tr("And also", "Et aussi") } }</label>
                <select id={add_id} onchange={add}>
                    <option value="" selected=true>{ "…" }</option>
                    { for CONDITIONS.names().into_iter().filter(|k| !present.contains(k)).map(|k| html! { <option value={k}>{ condition_label(ctx.lang, k) }</option> }) }
                </select>
            </span>
        </div>
    }
}

fn condition_label(lang: Lang, k: &str) -> String {
    let (en, fr) = match k {
        "all" => ("All of (group)", "Toutes (groupe)"),
        "any" => ("Any of (group)", "Au moins une (groupe)"),
        "not" => ("Not", "Pas"),
        "url" => ("Page address", "Adresse de la page"),
        "title" => ("Page title", "Titre de la page"),
        "referrer" => ("Referrer", "Provenance"),
        "query" => ("URL parameter", "Paramètre d'URL"),
        "utm" => ("UTM of the visit", "UTM de la visite"),
        "visitor" => ("Visitor", "Internaute"),
        "visit_number" => ("Visit number", "Numéro de visite"),
        "pages_viewed" => ("Pages viewed", "Pages vues"),
        "days_since_last_visit" => ("Days since last visit", "Jours depuis la dernière visite"),
        "language" => ("Language", "Langue"),
        "device" => ("Device", "Appareil"),
        "weekday" => ("Day of week", "Jour de la semaine"),
        "time_of_day" => ("Time of day", "Heure"),
        "business_hours" => ("Business hours", "Horaires d'ouverture"),
        "team_status" => ("Team status", "Statut de l'équipe"),
        "attribute" => ("Custom attribute", "Attribut personnalisé"),
        "establishment" => ("Establishment", "Établissement"),
        other => return other.to_string(),
    };
    crate::console::i18n::tr(lang, en, fr).to_string()
}

fn condition_row(ctx: &Ctx, parent: &Path, key: &str, v: &Value, depth: usize) -> Html {
    let path = parent.key(key);
    let ps = path_str(&path);
    let id = field_id(&ps);
    let remove = {
        let (on, path) = (ctx.on_msg.clone(), path.clone());
        Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(path.clone()))))
    };
    let set = |target: Path| {
        let on = ctx.on_msg.clone();
        move |v: Value| on.emit(Msg::Edit(Edit::Set(target.clone(), v)))
    };
    let input = |iid: String,
                 label: String,
                 target: Path,
                 value: String,
                 kind: &'static str,
                 data_path: Option<String>| {
        let s = set(target);
        let numeric = kind == "number";
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if numeric {
                if let Ok(n) = v.trim().parse::<i64>() {
                    s(doc::int(n))
                }
            } else {
                s(doc::string(&v))
            }
        });
        html! { <span class="inline-field"><label for={iid.clone()}>{ label }</label><input id={iid} type={kind} data-path={data_path} value={value} {oninput} /></span> }
    };
    let problems = problems_at(&ctx.problems, &ps);
    let editor = match key {
        "all" | "any" => {
            let items = v.as_array().unwrap_or(&[]).len();
            let add = {
                let (on, path) = (ctx.on_msg.clone(), path.clone());
                Callback::from(move |_: MouseEvent| {
                    on.emit(Msg::Edit(Edit::Push(path.clone(), doc::object())))
                })
            };
            html! {
                <div class="group">
                    { for (0..items).map(|j| {
                        let del = { let (on, path) = (ctx.on_msg.clone(), path.idx(j)); Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(path.clone())))) };
                        html! { <div class="group-item" data-path={path_str(&path.idx(j))} tabindex="-1">
                            { condition_object(ctx, &path.idx(j), depth + 1) }
                            <button type="button" class="small" onclick={del}>{ ctx.tr("Remove from group", "Retirer du groupe") }</button>
                        </div> }
                    }) }
                    <button type="button" class="small secondary" onclick={add} data-path={ps.clone()}>{ ctx.tr("+ condition in the group", "+ condition dans le groupe") }</button>
                </div>
            }
        }
        "not" => {
            html! { <div class="group" data-path={ps.clone()} tabindex="-1">{ condition_object(ctx, &path, depth + 1) }</div> }
        }
        "url" | "title" | "referrer" | "query" | "utm" | "attribute" => {
            let named = matches!(key, "query" | "utm" | "attribute");
            let obj = v.as_object().unwrap_or(&[]).to_vec();
            let op = obj
                .iter()
                .map(|(k, _)| k.as_str())
                .find(|k| *k != "name")
                .unwrap_or("equals")
                .to_string();
            let operand = obj
                .iter()
                .find(|(k, _)| *k == op)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Null);
            let name = obj
                .iter()
                .find(|(k, _)| k == "name")
                .and_then(|(_, v)| v.as_str())
                .unwrap_or("")
                .to_string();
            let mut ops: Vec<(String, String)> = StringOp::NAMES
                .iter()
                .map(|o| (o.to_string(), o.replace('_', " ")))
                .collect();
            if key == "attribute" {
                ops.push(("exists".into(), "exists".into()));
            }
            let change_op = {
                let (s, name, operand) = (set(path.clone()), name.clone(), operand.clone());
                Callback::from(move |e: Event| {
                    let new_op = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let mut o = doc::object();
                    if named {
                        doc::set(&mut o, &p(&["name"]), doc::string(&name));
                    }
                    let val = if new_op == "exists" {
                        Value::Bool(true)
                    } else {
                        doc::string(operand.as_str().unwrap_or(""))
                    };
                    doc::set(&mut o, &p(&[&new_op]), val);
                    s(o);
                })
            };
            html! { <>
                if named { { input(format!("{id}-name"), ctx.tr("name", "nom").into(), path.key("name"), name.clone(), "text", None) } }
                { select_html(format!("{id}-op"), ctx.tr("operator", "opérateur").into(), Some(ps.clone()), ops, op.clone(), change_op) }
                if op == "exists" {
                    { checkbox(ctx, ctx.tr("exists", "existe"), path.key("exists"), true) }
                } else {
                    { input(format!("{id}-value"), ctx.tr("text", "texte").into(), path.key(&op), operand.as_str().unwrap_or("").to_string(), "text", None) }
                }
            </> }
        }
        "visit_number" | "pages_viewed" | "days_since_last_visit" => {
            let (op, n) = match v {
                Value::Number(n) => ("eq".to_string(), *n as i64),
                Value::Object(o) => o
                    .first()
                    .map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0)))
                    .unwrap_or(("gte".into(), 1)),
                _ => ("gte".into(), 1),
            };
            let change_op = {
                let s = set(path.clone());
                Callback::from(move |e: Event| {
                    let mut o = doc::object();
                    doc::set(
                        &mut o,
                        &p(&[&e.target_unchecked_into::<HtmlSelectElement>().value()]),
                        doc::int(n),
                    );
                    s(o);
                })
            };
            let ops = CmpOp::NAMES
                .iter()
                .map(|o| {
                    (
                        o.to_string(),
                        match *o {
                            "eq" => "=",
                            "ne" => "≠",
                            "gt" => ">",
                            "gte" => "≥",
                            "lt" => "<",
                            _ => "≤",
                        }
                        .to_string(),
                    )
                })
                .collect();
            let target = if matches!(v, Value::Number(_)) {
                path.clone()
            } else {
                path.key(&op)
            };
            html! { <>
                { select_html(format!("{id}-op"), ctx.tr("comparison", "comparaison").into(), Some(ps.clone()), ops, op.clone(), change_op) }
                { input(format!("{id}-value"), ctx.tr("number", "nombre").into(), target, n.to_string(), "number", None) }
            </> }
        }
        "visitor" | "business_hours" => {
            let names: &[&str] = if key == "visitor" {
                VisitorKind::NAMES
            } else {
                OpenState::NAMES
            };
            let s = set(path.clone());
            let onchange = Callback::from(move |e: Event| {
                s(doc::string(
                    &e.target_unchecked_into::<HtmlSelectElement>().value(),
                ))
            });
            select_html(
                format!("{id}-value"),
                ctx.tr("is", "est").into(),
                Some(ps.clone()),
                names
                    .iter()
                    .map(|n| (n.to_string(), n.to_string()))
                    .collect(),
                v.as_str().unwrap_or("").to_string(),
                onchange,
            )
        }
        "time_of_day" => html! { <>
            { input(format!("{id}-from"), ctx.tr("from", "de").into(), path.key("from"), v.get("from").and_then(Value::as_str).unwrap_or("").into(), "time", Some(ps.clone())) }
            { input(format!("{id}-to"), ctx.tr("to (excluded)", "à (exclue)").into(), path.key("to"), v.get("to").and_then(Value::as_str).unwrap_or("").into(), "time", None) }
        </> },
        "language" => {
            let current: Vec<String> = match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => vec![],
            };
            let s = set(path.clone());
            let oninput = Callback::from(move |e: InputEvent| {
                let list: Vec<Value> = e
                    .target_unchecked_into::<HtmlInputElement>()
                    .value()
                    .split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(doc::string)
                    .collect();
                s(Value::Array(list));
            });
            html! { <span class="inline-field"><label for={format!("{id}-value")}>{ ctx.tr("languages (fr, en…)", "langues (fr, en…)") }</label>
            <input id={format!("{id}-value")} data-path={ps.clone()} type="text" value={current.join(", ")} {oninput} /></span> }
        }
        _ => {
            // A set of names: device, weekday, team_status, establishment.
            let names: Vec<String> = match key {
                "device" => Device::NAMES.iter().map(|s| s.to_string()).collect(),
                "weekday" => Weekday::NAMES.iter().map(|s| s.to_string()).collect(),
                "team_status" => TeamStatus::NAMES.iter().map(|s| s.to_string()).collect(),
                _ => super::messages::establishment_ids(&ctx.doc),
            };
            let current: Vec<String> = match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => vec![],
            };
            html! {
                <fieldset class="inline-set" data-path={ps.clone()} tabindex="-1">
                    <legend class="sr-only">{ condition_label(ctx.lang, key) }</legend>
                    { for names.iter().enumerate().map(|(n, name)| {
                        let is_on = current.contains(name);
                        let (s, current, name2) = (set(path.clone()), current.clone(), name.clone());
                        let onchange = Callback::from(move |_: Event| {
                            let mut next = current.clone();
                            if next.contains(&name2) { next.retain(|x| *x != name2) } else { next.push(name2.clone()) }
                            s(Value::Array(next.iter().map(|x| doc::string(x)).collect()));
                        });
                        let cid = format!("{id}-{n}");
                        html! { <span class="check"><input type="checkbox" id={cid.clone()} checked={is_on} {onchange} /><label for={cid}>{ name.clone() }</label></span> }
                    }) }
                </fieldset>
            }
        }
    };
    html! {
        <li class="condition">
            <span class="condition-key">{ condition_label(ctx.lang, key) }</span>
            { editor }
            <button type="button" class="small" onclick={remove} aria-label={trs(ctx.lang, format!("Remove the condition {key}"), format!("Retirer la condition {key}"))}>{ "×" }</button>
            if !problems.is_empty() {
                <ul class="field-problems">{ for problems.iter().filter(|p| p.path == ps).map(|p| html! { <li class={if p.error { "problem error" } else { "problem warning" }}>{ p.text(ctx.lang) }</li> }) }</ul>
            }
        </li>
    }
}

fn custom_message(ctx: &Ctx, i: usize, m: &Value) -> Html {
    let base = p(&["auto_messages"]).idx(i);
    let id = m
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let trigger = m
        .get("trigger")
        .and_then(|t| t.get("type"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let param = TRIGGERS
        .iter()
        .find(|t| t.kind.name() == trigger)
        .and_then(|t| t.param.as_ref())
        .map(|f| f.name);
    let change_trigger = {
        let (on, path) = (ctx.on_msg.clone(), base.key("trigger"));
        Callback::from(move |e: Event| {
            let t = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut o = doc::object();
            doc::set(&mut o, &p(&["type"]), doc::string(&t));
            match TRIGGERS
                .iter()
                .find(|d| d.kind.name() == t)
                .and_then(|d| d.param.as_ref())
                .map(|f| f.name)
            {
                Some("name") => doc::set(&mut o, &p(&["name"]), doc::string("added_to_cart")),
                Some("percent") => doc::set(&mut o, &p(&["percent"]), doc::int(50)),
                Some(k) => doc::set(&mut o, &p(&[k]), doc::int(30)),
                None => {}
            }
            on.emit(Msg::Edit(Edit::Set(path.clone(), o)));
        })
    };
    let freq_value = match m.get("frequency") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(_)) => "cooldown".into(),
        _ => String::new(),
    };
    let change_freq = {
        let (on, path) = (ctx.on_msg.clone(), base.key("frequency"));
        Callback::from(move |e: Event| {
            let f = e.target_unchecked_into::<HtmlSelectElement>().value();
            on.emit(Msg::Edit(match f.as_str() {
                "" => Edit::Remove(path.clone()),
                "cooldown" => Edit::Set(
                    path.clone(),
                    json::parse(r#"{"cooldown": 3600}"#).unwrap_or(Value::Null),
                ),
                _ => Edit::Set(path.clone(), doc::string(&f)),
            }));
        })
    };
    let mut freqs: Vec<(String, String)> = vec![(
        String::new(),
        ctx.tr(
            "once per session (default)",
            "une fois par session (défaut)",
        )
        .into(),
    )];
    freqs.extend(
        FrequencyName::NAMES
            .iter()
            .map(|f| (f.to_string(), f.replace('_', " "))),
    );
    freqs.push((
        "cooldown".into(),
        ctx.tr("again after a pause", "de nouveau après une pause")
            .into(),
    ));
    let remove = {
        let (on, b) = (ctx.on_msg.clone(), base.clone());
        Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(b.clone()))))
    };
    let has_conditions = m.get("conditions").is_some();
    let add_conditions = {
        let (on, b) = (ctx.on_msg.clone(), base.key("conditions"));
        Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Set(b.clone(), doc::object()))))
    };
    let tps = path_str(&base.key("trigger"));
    html! {
        <li class="custom">
            <div class="row-head">
                <h4>{ if id.is_empty() { ctx.tr("New message", "Nouveau message").to_string() } else { id.clone() } }</h4>
                <button type="button" class="small danger" onclick={remove} aria-label={trs(ctx.lang, format!("Delete message {id}"), format!("Supprimer le message {id}"))}>{ ctx.tr("Delete", "Supprimer") }</button>
            </div>
            <div class="grid">
                { text(ctx, ctx.tr("Identifier (statistics, JS API)", "Identifiant (statistiques, API JS)"), base.key("id"), Empty::Keep) }
                { checkbox(ctx, ctx.tr("Enabled", "Actif"), base.key("enabled"), true) }
            </div>
            { area(ctx, ctx.tr("Text", "Texte"), base.key("text"), "", Empty::Keep) }
            <div class="grid">
                { select_html(field_id(&tps), ctx.tr("When", "Quand").into(), Some(tps.clone()),
                    TRIGGERS.iter().map(|t| (t.kind.name().to_string(), trigger_label(ctx.lang, t.kind.name()))).collect(), trigger.clone(), change_trigger) }
                if let Some(k) = param {
                    if k == "name" { { text(ctx, ctx.tr("Event name", "Nom de l'événement"), base.key("trigger").key("name"), Empty::Keep) } }
                    else { { number(ctx, match k { "percent" => ctx.tr("Percent", "Pourcentage"), "delay" => ctx.tr("Delay (s)", "Délai (s)"), _ => ctx.tr("Seconds", "Secondes") }, base.key("trigger").key(k), "") } }
                }
                { select_html(field_id(&path_str(&base.key("frequency"))), ctx.tr("How often", "Fréquence").into(), Some(path_str(&base.key("frequency"))), freqs, freq_value.clone(), change_freq) }
                if freq_value == "cooldown" { { number(ctx, ctx.tr("Pause (s)", "Pause (s)"), base.key("frequency").key("cooldown"), "3600") } }
                { number(ctx, ctx.tr("Priority (higher wins)", "Priorité (la plus haute gagne)"), base.key("priority"), "0") }
            </div>
            <h5>{ ctx.tr("Conditions", "Conditions") }</h5>
            if has_conditions {
                { condition_object(ctx, &base.key("conditions"), 0) }
            } else {
                <p class="hint">{ ctx.tr("Everyone.", "Tout le monde.") }{ " " }<button type="button" class="small secondary" onclick={add_conditions}>{ ctx.tr("+ Conditions", "+ Conditions") }</button></p>
            }
        </li>
    }
}

#[function_component]
pub fn Automatic(props: &AutomaticProps) -> Html {
    let ctx = &props.ctx;
    let customs = doc::get_array(&ctx.doc, &p(&["auto_messages"])).to_vec();
    let add = {
        let (on, n) = (ctx.on_msg.clone(), customs.len());
        Callback::from(move |_: MouseEvent| {
            let text = format!(
                r#"{{"id": "message-{}", "text": "", "trigger": {{"type": "time_on_page", "seconds": 30}}, "frequency": "once_per_session"}}"#,
                n + 1
            );
            on.emit(Msg::Edit(Edit::Push(
                p(&["auto_messages"]),
                json::parse(&text).unwrap_or(Value::Null),
            )));
        })
    };
    html! {
        <div class="view automatic">
            <h2>{ ctx.tr("Automatic messages", "Messages automatiques") }</h2>
            <section class="card">
                <h3>{ ctx.tr("Predefined messages", "Messages prédéfinis") }</h3>
                <ul class="presets">{ for PRESET_NAMES.iter().enumerate().map(|(i, n)| preset_card(ctx, i, n)) }</ul>
            </section>
            <section class="card">
                <h3>{ ctx.tr("Your own messages", "Vos propres messages") }</h3>
                <ol class="customs">{ for customs.iter().enumerate().map(|(i, m)| custom_message(ctx, i, m)) }</ol>
                <button type="button" class="secondary" id="add-custom" onclick={add}>{ ctx.tr("+ New automatic message", "+ Nouveau message automatique") }</button>
            </section>
        </div>
    }
}
