//! The statistics events' names (pure, tested natively): the event types
//! as batches, `dataLayer` (`nudge_<type>`), Matomo and Plausible name
//! them, and the trigger names they carry.

use crate::engine::{StatKind, Trigger};

/// The event types, in the order of [`kind_of`].
pub const TYPES: [&str; 6] = [
    "fired",
    "shown",
    "opened",
    "dismissed",
    "starter_clicked",
    "contacted_after",
];

/// The engine's statistic as an index into [`TYPES`].
pub fn kind_of(kind: StatKind) -> usize {
    match kind {
        StatKind::Fired => 0,
        StatKind::Shown => 1,
        StatKind::OpenedFromPreview => 2,
        StatKind::Dismissed => 3,
        StatKind::Converted => 5,
    }
}

/// The config name of a trigger, as events carry it.
pub fn trigger_name(trigger: &Trigger) -> &'static str {
    use crate::engine::tables::TriggerKind as K;
    match trigger {
        Trigger::TimeOnPage(_) => K::TimeOnPage,
        Trigger::TimeOnSite(_) => K::TimeOnSite,
        Trigger::PageView(_) => K::PageView,
        Trigger::Scroll(_) => K::Scroll,
        Trigger::ExitIntent => K::ExitIntent,
        Trigger::VisitorMessageUnanswered(_) => K::VisitorMessageUnanswered,
        Trigger::VisitorMessageOffline(_) => K::VisitorMessageOffline,
        Trigger::ChatOpened => K::ChatOpened,
        Trigger::Event(_) => K::Event,
    }
    .name()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn event_names_are_ga4_friendly() {
        for t in TYPES {
            let name = format!("nudge_{t}");
            assert!(name.len() <= 40, "{name}");
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
        }
    }

    #[test]
    fn the_engines_statistics_map_to_the_documented_types() {
        assert_eq!(TYPES[kind_of(StatKind::Fired)], "fired");
        assert_eq!(TYPES[kind_of(StatKind::Shown)], "shown");
        assert_eq!(TYPES[kind_of(StatKind::OpenedFromPreview)], "opened");
        assert_eq!(TYPES[kind_of(StatKind::Dismissed)], "dismissed");
        assert_eq!(TYPES[kind_of(StatKind::Converted)], "contacted_after");
    }

    #[test]
    fn trigger_names_are_the_config_names() {
        assert_eq!(trigger_name(&Trigger::TimeOnPage(1)), "time_on_page");
        assert_eq!(trigger_name(&Trigger::TimeOnSite(1)), "time_on_site");
        assert_eq!(trigger_name(&Trigger::PageView(0)), "page_view");
        assert_eq!(trigger_name(&Trigger::Scroll(5)), "scroll");
        assert_eq!(trigger_name(&Trigger::ExitIntent), "exit_intent");
        assert_eq!(
            trigger_name(&Trigger::VisitorMessageUnanswered(1)),
            "visitor_message_unanswered"
        );
        assert_eq!(
            trigger_name(&Trigger::VisitorMessageOffline(1)),
            "visitor_message_offline"
        );
        assert_eq!(trigger_name(&Trigger::ChatOpened), "chat_opened");
        assert_eq!(trigger_name(&Trigger::Event("x".into())), "event");
    }
}
