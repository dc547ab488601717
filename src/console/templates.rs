//! Starting points for a new site: the seed's six predefined messages, each
//! on or off (their texts stay in the engine's preset table: a preset is
//! switched on by name), and Partoo's welcome, absence and conversation
//! starters with establishment tags.

use crate::engine::json::{self, Value};
use crate::engine::presets::PRESET_NAMES;
use crate::ui::Lang;

use super::doc::{self, p, PathExt};

/// What the merchant picked on the start screen.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSite {
    pub name: String,
    pub lang: Lang,
    /// One flag per `PRESET_NAMES` entry.
    pub presets: [bool; 6],
    /// Partoo's welcome / absence / starters, and one establishment to fill
    /// their tags.
    pub partoo: bool,
}

impl Default for NewSite {
    fn default() -> Self {
        NewSite {
            name: String::new(),
            lang: Lang::Fr,
            presets: [true, true, true, true, false, false],
            partoo: true,
        }
    }
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// The JSON document of a new site.
pub fn new_site(choice: &NewSite) -> Value {
    let fr = choice.lang == Lang::Fr;
    let mut d = doc::object();
    doc::set(
        &mut d,
        &p(&["$schema"]),
        doc::string("https://widget-host.example/nudge.schema.json"),
    );
    let name = if choice.name.trim().is_empty() {
        if fr {
            "Mon site"
        } else {
            "My site"
        }
    } else {
        choice.name.trim()
    };
    doc::set(&mut d, &p(&["site", "name"]), doc::string(name));
    doc::set(
        &mut d,
        &p(&["site", "language"]),
        doc::string(lang_tag(choice.lang)),
    );
    doc::set(
        &mut d,
        &p(&["site", "time_zone"]),
        doc::string("Europe/Paris"),
    );
    doc::set(
        &mut d,
        &p(&["team", "name"]),
        doc::string(if fr { "L'équipe" } else { "The team" }),
    );
    doc::set(&mut d, &p(&["team", "status"]), doc::string("online"));
    doc::set(
        &mut d,
        &p(&["team", "reply_time"]),
        doc::string(if fr {
            "quelques minutes"
        } else {
            "a few minutes"
        }),
    );
    if choice.partoo {
        let mut est = doc::object();
        doc::set(&mut est, &p(&["id"]), doc::string("boutique"));
        doc::set(&mut est, &p(&["name"]), doc::string(name));
        for fact in ["address", "phone", "opening_hours"] {
            doc::set(&mut est, &p(&[fact]), doc::string(""));
        }
        doc::push(&mut d, &p(&["establishments"]), est);
        let (welcome, absence) = if fr {
            (
                "Bonjour ! Bienvenue chez {{establishment.name}}. Comment pouvons-nous vous aider ?",
                "Nous sommes fermés pour le moment. {{establishment.name}} est ouvert {{establishment.opening_hours}}. Laissez-nous un message, nous vous répondrons dès que possible.",
            )
        } else {
            (
                "Hello! Welcome to {{establishment.name}}. How can we help you?",
                "We are closed right now. {{establishment.name}} is open {{establishment.opening_hours}}. Leave us a message and we will answer as soon as we can.",
            )
        };
        doc::set(&mut d, &p(&["welcome_message"]), doc::string(welcome));
        doc::set(&mut d, &p(&["absence_message"]), doc::string(absence));
        let starters: &[(&str, &str)] = if fr {
            &[
                (
                    "Où êtes-vous situés ?",
                    "{{establishment.name}} se trouve au {{establishment.address}}.",
                ),
                (
                    "Quels sont vos horaires d'ouverture ?",
                    "{{establishment.name}} est ouvert {{establishment.opening_hours}}.",
                ),
                (
                    "Comment vous joindre ?",
                    "Appelez-nous au {{establishment.phone}}.",
                ),
            ]
        } else {
            &[
                (
                    "Where are you?",
                    "{{establishment.name}} is at {{establishment.address}}.",
                ),
                (
                    "What are your opening hours?",
                    "{{establishment.name}} is open {{establishment.opening_hours}}.",
                ),
                (
                    "How can I reach you?",
                    "Call us on {{establishment.phone}}.",
                ),
            ]
        };
        for (title, answer) in starters {
            let mut s = doc::object();
            doc::set(&mut s, &p(&["title"]), doc::string(title));
            doc::set(&mut s, &p(&["answer"]), doc::string(answer));
            doc::push(&mut d, &p(&["starters"]), s);
        }
        let hours = p(&["business_hours"]);
        for day in ["mon", "tue", "wed", "thu", "fri"] {
            let slot = Value::Array(vec![json::s("09:00"), json::s("18:00")]);
            doc::set(&mut d, &hours.key(day), Value::Array(vec![slot]));
        }
    }
    let mut presets = doc::object();
    for (i, name) in PRESET_NAMES.iter().enumerate() {
        doc::set(&mut presets, &p(&[name]), Value::Bool(choice.presets[i]));
    }
    doc::set(&mut d, &p(&["presets"]), presets);
    d
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::console::check::check;

    #[test]
    fn every_template_combination_is_a_valid_config() {
        for partoo in [false, true] {
            for lang in [Lang::Fr, Lang::En] {
                let text = new_site(&NewSite {
                    partoo,
                    lang,
                    ..NewSite::default()
                })
                .to_pretty();
                let c = check(&text);
                assert_eq!(c.errors(), 0, "{:?}", c.problems);
            }
        }
    }

    #[test]
    fn presets_switched_off_are_written_as_false() {
        let choice = NewSite {
            presets: [false, true, false, false, false, true],
            ..NewSite::default()
        };
        let d = new_site(&choice);
        assert_eq!(
            doc::get(&d, &p(&["presets", "first_visit"])),
            Some(&Value::Bool(false))
        );
        assert_eq!(
            doc::get(&d, &p(&["presets", "first_order_discount"])),
            Some(&Value::Bool(true))
        );
    }
}
