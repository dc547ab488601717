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
pub const PRESET_NAMES: &[&str] = super::tables::PresetName::NAMES;

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

    /// The corrections made to the seed's French texts, each documented
    /// in the README: the seed's typo "etês" is shown to visitors as "êtes".
    const CORRECTIONS: &[(&str, &str, &str)] = &[("first_visit", "etês", "êtes")];

    /// The seeds (the Smartsupp and Partoo pages the presets come from),
    /// as copied into `tests/fixtures/seeds` unchanged: the test reads
    /// them wherever the repository is cloned (the machine's
    /// `shared/seeds` is not beside every clone).
    fn seed(prefix: &str) -> String {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        let entries = std::fs::read_dir(&seeds).expect("tests/fixtures/seeds readable");
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(prefix) {
                return std::fs::read_to_string(e.path()).expect("seed readable");
            }
        }
        panic!("no seed {prefix}* in tests/fixtures/seeds");
    }

    /// A preset's French text as the seed writes it: its documented
    /// corrections undone.
    fn as_in_seed(p: &Preset) -> String {
        let mut text = p.fr.to_string();
        for (name, typo, fixed) in CORRECTIONS {
            if *name == p.name {
                text = text.replace(fixed, typo);
            }
        }
        text
    }

    #[test]
    fn french_preset_texts_are_the_seeds_with_exactly_the_documented_corrections() {
        let text = seed("000_");
        for p in presets() {
            if CORRECTIONS.iter().any(|(name, _, _)| *name == p.name) {
                assert!(
                    !text.contains(p.fr),
                    "{}: the correction is no longer needed",
                    p.name
                );
            }
            assert!(text.contains(&as_in_seed(&p)), "{} not in the seed", p.name);
        }
    }

    #[test]
    fn each_french_preset_text_is_its_seed_message_whole() {
        // The seed's "Message:" lines, in the presets' order: the text
        // between the quotes, without the spaces inside them.
        let text = seed("000_");
        let quoted: Vec<String> = text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("Message:"))
            .map(|rest| {
                let rest = rest.trim().trim_start_matches(['"', '“']);
                let end = rest.rfind(['"', '”']).unwrap_or(rest.len());
                rest[..end].trim().to_string()
            })
            .collect();
        assert_eq!(quoted.len(), PRESET_NAMES.len());
        for (p, seed_text) in presets().into_iter().zip(quoted) {
            assert_eq!(as_in_seed(&p), seed_text, "{}", p.name);
        }
    }

    #[test]
    fn preset_timings_are_the_seeds() {
        // Each preset's seconds are read from its own paragraph of the
        // seed: its "Situation:" line, the seed listing them in the
        // presets' order ("après 30 secondes", "dans les 45 secondes",
        // "après 1 seconde").
        let text = seed("000_");
        let seconds_of = |line: &str| -> u64 {
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words
                .iter()
                .position(|w| w.starts_with("seconde"))
                .unwrap_or_else(|| panic!("no seconds in {line:?}"));
            words[at - 1].parse().unwrap()
        };
        // The six presets come first; the tips after them have "Situation:"
        // lines of their own, with no delay.
        let situations: Vec<u64> = text
            .lines()
            .filter(|l| l.trim_start().starts_with("Situation:"))
            .take(PRESET_NAMES.len())
            .map(seconds_of)
            .collect();
        assert_eq!(situations.len(), PRESET_NAMES.len());
        for (p, seconds) in presets().into_iter().zip(situations) {
            let ms = match p.trigger {
                Trigger::TimeOnSite(ms)
                | Trigger::VisitorMessageUnanswered(ms)
                | Trigger::VisitorMessageOffline(ms) => ms,
                ref other => panic!("{}: {other:?}", p.name),
            };
            assert_eq!(ms, seconds * 1000, "{}", p.name);
        }
    }

    #[test]
    fn names_table_matches_presets() {
        let names: Vec<&str> = presets().iter().map(|p| p.name).collect();
        assert_eq!(names, PRESET_NAMES);
    }
}
