//! The business-hours editor: weekly slots per day, dated exceptions, and
//! the buttons that add or remove the hours. One component for the site's
//! `business_hours` and for a message set's own (`message_sets[i].business_hours`,
//! Partoo's per-establishment chat hours), so both read and write the same
//! shape and the engine's validation problems land on the same fields.
//! May import the console's fields and document helpers, and the engine's tables.

use yew::prelude::*;

use super::fields::{text_with, Ctx, Empty};
use crate::console::doc::{self, p, Path, PathExt};
use crate::console::i18n::{tr, trs};
use crate::console::state::{Edit, Msg};
use crate::engine::json::{self, Value};
use crate::engine::tables::Weekday;

/// What the editor says when there are no hours, and on its two buttons
/// (English, French): the site and a message set mean different things by
/// "no hours".
pub struct HoursTexts {
    pub none: (&'static str, &'static str),
    pub add: (&'static str, &'static str),
    pub remove: (&'static str, &'static str),
}

/// The site: no hours means the chat is always open.
pub const SITE_HOURS: HoursTexts = HoursTexts {
    none: (
        "No business hours: the chat is always open.",
        "Pas d'horaires : le chat est toujours ouvert.",
    ),
    add: ("Set business hours", "Définir des horaires"),
    remove: (
        "Always open (remove the hours)",
        "Toujours ouvert (retirer les horaires)",
    ),
};

/// A message set: no hours of its own means the site's hours apply.
pub const SET_HOURS: HoursTexts = HoursTexts {
    none: (
        "No chat hours of their own: these establishments follow the site's business hours.",
        "Pas d'horaires de chat propres : ces établissements suivent les horaires du site.",
    ),
    add: (
        "Give them their own chat hours",
        "Leur donner leurs propres horaires de chat",
    ),
    remove: (
        "Follow the site's hours again (remove these)",
        "Revenir aux horaires du site (retirer ceux-ci)",
    ),
};

/// Monday to Friday, 09:00–18:00: what "set hours" starts from when there
/// is nothing to copy.
pub fn weekday_hours() -> Value {
    let mut h = doc::object();
    for d in ["mon", "tue", "wed", "thu", "fri"] {
        doc::set(&mut h, &p(&[d]), Value::Array(vec![slot()]));
    }
    h
}

/// The editor for the hours at `path`. `start` is what the add button puts
/// there (a set starts from a copy of the site's hours).
pub fn hours_editor(ctx: &Ctx, path: &Path, texts: &HoursTexts, start: Value) -> Html {
    let has_hours = ctx.get(path).is_some();
    if !has_hours {
        let add = {
            let (on, path) = (ctx.on_msg.clone(), path.clone());
            Callback::from(move |_: MouseEvent| {
                on.emit(Msg::Edit(Edit::Set(path.clone(), start.clone())))
            })
        };
        return html! {
            <>
                <p class="hint">{ ctx.tr(texts.none.0, texts.none.1) }</p>
                <button type="button" class="secondary" onclick={add}>{ ctx.tr(texts.add.0, texts.add.1) }</button>
            </>
        };
    }
    let remove = {
        let (on, path) = (ctx.on_msg.clone(), path.clone());
        Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(path.clone()))))
    };
    let exceptions = doc::get_array(&ctx.doc, &path.key("exceptions")).to_vec();
    let add_exception = {
        let (on, path) = (ctx.on_msg.clone(), path.key("exceptions"));
        Callback::from(move |_: MouseEvent| {
            let mut e = doc::object();
            doc::set(&mut e, &p(&["date"]), doc::string("2026-12-25"));
            doc::set(&mut e, &p(&["hours"]), Value::Array(Vec::new()));
            on.emit(Msg::Edit(Edit::Push(path.clone(), e)));
        })
    };
    html! {
        <>
            { for Weekday::NAMES.iter().map(|d| slots_editor(ctx, path.key(d), day_name(ctx.lang, d).to_string())) }
            <h4>{ ctx.tr("Exceptions (holidays, special days)", "Exceptions (jours fériés, jours particuliers)") }</h4>
            <ul class="exceptions">
                { for exceptions.iter().enumerate().map(|(i, _)| {
                    let ep = path.key("exceptions").idx(i);
                    let del = { let (on, ep) = (ctx.on_msg.clone(), ep.clone()); Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(ep.clone())))) };
                    html! {
                        <li class="exception">
                            { text_with(ctx, ctx.tr("Date", "Date"), ep.key("date"), Empty::Keep, "2026-12-25", "date") }
                            { slots_editor(ctx, ep.key("hours"), ctx.tr("Hours that day", "Horaires ce jour-là").to_string()) }
                            <button type="button" class="small danger" onclick={del}>{ ctx.tr("Remove this exception", "Retirer cette exception") }</button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="secondary small" onclick={add_exception}>{ ctx.tr("+ Exception", "+ Exception") }</button>
            <button type="button" class="small" onclick={remove}>{ ctx.tr(texts.remove.0, texts.remove.1) }</button>
        </>
    }
}

fn day_name(lang: crate::ui::Lang, d: &str) -> &'static str {
    match d {
        "mon" => tr(lang, "Monday", "Lundi"),
        "tue" => tr(lang, "Tuesday", "Mardi"),
        "wed" => tr(lang, "Wednesday", "Mercredi"),
        "thu" => tr(lang, "Thursday", "Jeudi"),
        "fri" => tr(lang, "Friday", "Vendredi"),
        "sat" => tr(lang, "Saturday", "Samedi"),
        _ => tr(lang, "Sunday", "Dimanche"),
    }
}

fn slot() -> Value {
    Value::Array(vec![json::s("09:00"), json::s("18:00")])
}

fn slots_editor(ctx: &Ctx, path: Path, label: String) -> Html {
    let slots = doc::get_array(&ctx.doc, &path).to_vec();
    let add = {
        let (on, path) = (ctx.on_msg.clone(), path.clone());
        Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Push(path.clone(), slot()))))
    };
    html! {
        <div class="slots">
            <span class="slots-label">{ label.clone() }</span>
            if slots.is_empty() { <span class="closed">{ ctx.tr("Closed", "Fermé") }</span> }
            { for (0..slots.len()).map(|k| {
                let sp = path.idx(k);
                let del = { let (on, sp) = (ctx.on_msg.clone(), sp.clone()); Callback::from(move |_: MouseEvent| on.emit(Msg::Edit(Edit::Remove(sp.clone())))) };
                html! {
                    <span class="slot">
                        { text_with(ctx, &trs(ctx.lang, format!("{label}, slot {} from", k + 1), format!("{label}, plage {} de", k + 1)), sp.idx(0), Empty::Keep, "09:00", "time") }
                        { text_with(ctx, ctx.tr("to", "à"), sp.idx(1), Empty::Keep, "18:00", "time") }
                        <button type="button" class="small" onclick={del} aria-label={trs(ctx.lang, format!("Remove slot {} of {label}", k + 1), format!("Retirer la plage {} de {label}", k + 1))}>{ "×" }</button>
                    </span>
                }
            }) }
            <button type="button" class="small secondary" onclick={add}>{ ctx.tr("+ slot", "+ plage") }</button>
        </div>
    }
}
