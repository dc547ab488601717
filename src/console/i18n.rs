//! The console's two languages. Each text is written once, in English and
//! French, where it is used: `tr(lang, "Undo", "Annuler")`. The widget's
//! own texts (in the preview) come from `crate::ui::state::Texts`.

pub use crate::ui::Lang;

/// The text for `lang`.
pub fn tr(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// The same, for texts built at run time.
pub fn trs(lang: Lang, en: String, fr: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// Human names of the placeholder tags, as Partoo's buttons show them.
pub fn placeholder_name(lang: Lang, tag: &str) -> String {
    let known = match tag {
        "establishment.name" => Some(("Establishment name", "Nom de l'établissement")),
        "establishment.address" => Some(("Establishment address", "Adresse de l'établissement")),
        "establishment.phone" => Some(("Establishment phone", "Téléphone de l'établissement")),
        "establishment.opening_hours" => Some(("Opening hours", "Horaires d'ouverture")),
        "site.name" => Some(("Site name", "Nom du site")),
        "team.name" => Some(("Team name", "Nom de l'équipe")),
        "team.reply_time" => Some(("Reply time", "Délai de réponse")),
        _ => None,
    };
    match known {
        Some((en, fr)) => tr(lang, en, fr).to_string(),
        None => match tag.strip_prefix("establishment.") {
            Some(fact) => trs(
                lang,
                format!("Establishment: {fact}"),
                format!("Établissement : {fact}"),
            ),
            None => tag.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partoo_tag_names_are_french_in_french() {
        assert_eq!(
            placeholder_name(Lang::Fr, "establishment.name"),
            "Nom de l'établissement"
        );
        assert_eq!(
            placeholder_name(Lang::En, "establishment.parking"),
            "Establishment: parking"
        );
    }
}
