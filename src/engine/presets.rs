//! The six predefined automatic messages of the Smartsupp help page
//! (seeds/000), enabled by name. French texts are copied verbatim from the
//! seed; English texts are translations. Which one is used follows
//! `site.language`.

use super::config::{Frequency, Trigger};

/// A predefined message and the conditions that make it work.
pub struct Preset {
    pub name: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub trigger: Trigger,
    /// Some(true): first visit only; Some(false): returning visitors only.
    pub visitor: Option<bool>,
    /// Only while the team is not offline (the busy message).
    pub team_not_offline: bool,
    pub frequency: Frequency,
}

/// The names accepted in `presets`, in the seed's order.
pub const PRESET_NAMES: &[&str] = &[
    "first_visit",
    "returning_visitor",
    "busy",
    "offline",
    "new_product",
    "first_order_discount",
];

/// The preset table (same order as PRESET_NAMES).
pub fn presets() -> [Preset; 6] {
    [
        Preset {
            name: "first_visit",
            fr: "Bonjour, nous avons remarqué que vous êtes pour la première fois ici. 👋 Si vous avez des questions, n'hésitez pas à nous contacter.",
            en: "Hello, we noticed this is your first time here. 👋 If you have any questions, feel free to contact us.",
            trigger: Trigger::TimeOnSite(30_000),
            visitor: Some(true),
            team_not_offline: false,
            frequency: Frequency::OncePerVisitor,
        },
        Preset {
            name: "returning_visitor",
            fr: "Bonjour, nous sommes heureux que vous soyez de retour ! Si vous avez des questions, nous serons heureux de vous aider",
            en: "Hello, we are glad you are back! If you have any questions, we will be happy to help",
            trigger: Trigger::TimeOnSite(30_000),
            visitor: Some(false),
            team_not_offline: false,
            frequency: Frequency::OncePerSession,
        },
        Preset {
            name: "busy",
            fr: "Nous sommes occupés pour le moment. Nous en sommes désolés. Laissez-nous votre email, et nous vous contacterons dès que possible.",
            en: "We are busy at the moment. We are sorry. Leave us your email and we will contact you as soon as possible.",
            trigger: Trigger::VisitorMessageUnanswered(45_000),
            visitor: None,
            team_not_offline: true,
            frequency: Frequency::Always,
        },
        Preset {
            name: "offline",
            fr: "Merci pour le message. Notre équipe est hors ligne. 💤 Nous vous recontacterons dès que nous le pourrons. 🙂",
            en: "Thank you for your message. Our team is offline. 💤 We will get back to you as soon as we can. 🙂",
            trigger: Trigger::VisitorMessageOffline(1_000),
            visitor: None,
            team_not_offline: false,
            frequency: Frequency::Always,
        },
        Preset {
            name: "new_product",
            fr: "La nouvelle collection d'hiver est arrivée ! ❄️ Jetez un coup d'œil à : www.eshop.en/example Contactez-nous et nous serons heureux de vous aider à choisir le bon produit.👌",
            en: "The new winter collection has arrived! ❄️ Take a look at: www.eshop.en/example Contact us and we will be happy to help you choose the right product.👌",
            trigger: Trigger::TimeOnSite(60_000),
            visitor: None,
            team_not_offline: false,
            frequency: Frequency::OncePerVisitor,
        },
        Preset {
            name: "first_order_discount",
            fr: "Nous avons un petit cadeau pour vous ! Entrez le code \"sale5\" à la caisse et vous recevrez 5 EUR de réduction sur votre premier achat.💸",
            en: "We have a little gift for you! Enter the code \"sale5\" at checkout and you will get 5 EUR off your first purchase.💸",
            trigger: Trigger::TimeOnSite(120_000),
            visitor: None,
            team_not_offline: false,
            frequency: Frequency::OncePerVisitor,
        },
    ]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The seed lives outside the repository; check it when it is there.
    #[test]
    fn french_preset_texts_are_verbatim_from_the_seed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with("000_") {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                for p in presets() {
                    assert!(text.contains(p.fr), "{} not in seed", p.name);
                }
            }
        }
    }

    #[test]
    fn names_table_matches_presets() {
        let names: Vec<&str> = presets().iter().map(|p| p.name).collect();
        assert_eq!(names, PRESET_NAMES);
    }
}
