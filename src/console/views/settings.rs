//! Site and team, business hours (weekly slots, dated exceptions, time
//! zone), behaviour, and the widget's look (colour with a contrast warning,
//! side, z-index, language, interface texts).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::fields::{checkbox, number, opts, select, text, text_with, Ctx, Empty};
use super::hours::{hours_editor, weekday_hours, SITE_HOURS};
use crate::console::doc::{self, p, PathExt};
use crate::console::i18n::trs;
use crate::console::state::{Edit, Msg};
use crate::engine::json::Value;

const ZONES: &[&str] = &[
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/Luxembourg",
    "Europe/Monaco",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Prague",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Helsinki",
    "America/Montreal",
    "America/Toronto",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Martinique",
    "America/Guadeloupe",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
    "Africa/Casablanca",
    "Africa/Dakar",
    "Africa/Abidjan",
    "Africa/Tunis",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Australia/Sydney",
    "UTC",
];

/// WCAG contrast ratio between two colours.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let lum = |c: [u8; 3]| {
        let f = |v: u8| {
            let c = v as f64 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
    };
    let (x, y) = (lum(a), lum(b));
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub ctx: Ctx,
}

#[function_component]
pub fn Settings(props: &SettingsProps) -> Html {
    let ctx = &props.ctx;
    let color = ctx.str_at(&p(&["ui", "color"]));
    let rgb = crate::ui::theme::parse_color(if color.is_empty() {
        crate::ui::theme::DEFAULT_ACCENT
    } else {
        &color
    });
    let warning = match rgb {
        None if !color.is_empty() => Some(ctx.tr("Not a colour the widget understands (#rgb or #rrggbb): it will use its default blue.", "Couleur non reconnue par le widget (#rgb ou #rrggbb) : il utilisera son bleu par défaut.").to_string()),
        Some(c) if contrast(c, [255, 255, 255]) < 3.0 => Some(trs(ctx.lang,
            format!("Low contrast: {:.1}:1 against a white page (3:1 needed), the chat button will be hard to see.", contrast(c, [255, 255, 255])),
            format!("Contraste faible : {:.1}:1 sur une page blanche (3:1 requis), le bouton du chat sera peu visible.", contrast(c, [255, 255, 255])))),
        _ => None,
    };
    let color_picker = {
        let on = ctx.on_msg.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            on.emit(Msg::Edit(Edit::Set(p(&["ui", "color"]), doc::string(&v))));
        })
    };
    let texts: Vec<String> = ctx
        .get(&p(&["ui", "texts"]))
        .and_then(Value::as_object)
        .unwrap_or(&[])
        .iter()
        .map(|(k, _)| k.clone())
        .collect();
    let add_text = {
        let on = ctx.on_msg.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("new-ui-text"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let key = input.value().trim().to_string();
            if !key.is_empty() {
                on.emit(Msg::Edit(Edit::Set(
                    p(&["ui", "texts"]).key(&key),
                    doc::string(""),
                )));
                input.set_value("");
            }
        })
    };
    let statuses = opts(&[
        ("", "—"),
        ("online", ctx.tr("Online", "En ligne")),
        ("busy", ctx.tr("Busy", "Occupée")),
        ("offline", ctx.tr("Offline", "Hors ligne")),
    ]);
    html! {
        <div class="view settings">
            <h2>{ ctx.tr("Site, team, hours", "Site, équipe, horaires") }</h2>
            <section class="card">
                <h3>{ ctx.tr("Site", "Site") }</h3>
                <div class="grid">
                    { text(ctx, ctx.tr("Site name", "Nom du site"), p(&["site", "name"]), Empty::Keep) }
                    { select(ctx, ctx.tr("Language of the predefined messages", "Langue des messages prédéfinis"), p(&["site", "language"]), &opts(&[("", "—"), ("fr", "Français"), ("en", "English")])) }
                    <div class="field">
                        <label for="f-site-time_zone">{ ctx.tr("Time zone", "Fuseau horaire") }</label>
                        <input id="f-site-time_zone" list="zones" data-path="site.time_zone" value={ctx.str_at(&p(&["site", "time_zone"]))}
                            oninput={{ let on = ctx.on_msg.clone(); Callback::from(move |e: InputEvent| on.emit(Msg::Edit(Edit::Set(p(&["site", "time_zone"]), doc::string(&e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))))) }} />
                        <datalist id="zones">{ for ZONES.iter().map(|z| html! { <option value={*z} /> }) }</datalist>
                    </div>
                </div>
            </section>
            <section class="card">
                <h3>{ ctx.tr("Team", "Équipe") }</h3>
                <div class="grid">
                    { text(ctx, ctx.tr("Team name", "Nom de l'équipe"), p(&["team", "name"]), Empty::Keep) }
                    { select(ctx, ctx.tr("Status", "Statut"), p(&["team", "status"]), &statuses) }
                    { text(ctx, ctx.tr("Reply time (e.g. a few minutes)", "Délai de réponse (ex. quelques minutes)"), p(&["team", "reply_time"]), Empty::Keep) }
                    { text_with(ctx, ctx.tr("Avatar (image address)", "Avatar (adresse de l'image)"), p(&["team", "avatar"]), Empty::Remove, "https://…", "url") }
                </div>
            </section>
            <section class="card hours">
                <h3>{ ctx.tr("Business hours", "Horaires d'ouverture") }</h3>
                { hours_editor(ctx, &p(&["business_hours"]), &SITE_HOURS, weekday_hours()) }
            </section>
            <section class="card">
                <h3>{ ctx.tr("Behaviour", "Comportement") }</h3>
                { number(ctx, ctx.tr("Minimum seconds between two marketing messages", "Secondes minimum entre deux messages marketing"), p(&["behaviour", "min_gap_seconds"]), "0") }
                { checkbox(ctx, ctx.tr("Quiet while an agent is talking with the visitor", "Silence pendant qu'un agent discute avec l'internaute"), p(&["behaviour", "quiet_during_agent_conversation"]), true) }
                { checkbox(ctx, ctx.tr("Store nothing before the visitor's consent", "Ne rien enregistrer avant le consentement de l'internaute"), p(&["behaviour", "consent_required"]), false) }
            </section>
            <section class="card">
                <h3>{ ctx.tr("Look", "Apparence") }</h3>
                <div class="grid">
                    <div class="field color">
                        { text(ctx, ctx.tr("Colour (#rrggbb)", "Couleur (#rrggbb)"), p(&["ui", "color"]), Empty::Remove) }
                        <label for="color-picker" class="sr-only">{ ctx.tr("Pick a colour", "Choisir une couleur") }</label>
                        <input id="color-picker" type="color" value={if color.len() == 7 { color.clone() } else { crate::ui::theme::DEFAULT_ACCENT.to_string() }} oninput={color_picker} />
                    </div>
                    { select(ctx, ctx.tr("Side", "Côté"), p(&["ui", "position"]), &opts(&[("", "—"), ("right", ctx.tr("Right", "Droite")), ("left", ctx.tr("Left", "Gauche"))])) }
                    { number(ctx, ctx.tr("Z-index (stacking order)", "Z-index (ordre d'empilement)"), p(&["ui", "z_index"]), "2147483000") }
                    { select(ctx, ctx.tr("Interface language", "Langue de l'interface"), p(&["ui", "language"]), &opts(&[("", ctx.tr("The site's", "Celle du site")), ("fr", "Français"), ("en", "English")])) }
                </div>
                if let Some(w) = warning { <p class="problem warning" role="status" id="contrast-warning">{ w }</p> }
                <h4>{ ctx.tr("Interface texts", "Textes de l'interface") }</h4>
                { for texts.iter().map(|k| text(ctx, k, p(&["ui", "texts"]).key(k), Empty::Remove)) }
                <div class="add-fact">
                    <label for="new-ui-text">{ ctx.tr("Text to override (e.g. launcher_label)", "Texte à remplacer (ex. launcher_label)") }</label>
                    <input id="new-ui-text" type="text" />
                    <button type="button" class="small" onclick={add_text}>{ ctx.tr("Add", "Ajouter") }</button>
                </div>
            </section>
        </div>
    }
}
