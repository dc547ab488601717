//! The `analytics` and `inbox` sections of the site config: where
//! statistics and visitor messages go. Pure (no browser): the engine's
//! config decoder calls [`decode`], the schema generator calls [`schema`].
//!
//! Compact on purpose: two tables of fields, one decoder, one schema, so
//! that the config's field tables can absorb them.

use crate::engine::fields::{doc_text, Dflt, Fields, Table, Ty};
use crate::engine::tables::opt as field;
use crate::engine::validate::Checker;


/// `analytics`: the switches (in the bit order of
/// [`Destinations::switches`]), then the beacon endpoint.
pub static ANALYTICS: Table = Table {
    path: "analytics",
    doc: doc_text!("Statistics destinations, all off by default (README, \"Statistics\")."),
    fields: &[
        field("gtm", Ty::Bool, Dflt::Bool(false), doc_text!("Push `nudge_<type>` events to `window.dataLayer` (Google Tag Manager / GA4).")),
        field("matomo", Ty::Bool, Dflt::Bool(false), doc_text!("Push `['trackEvent', 'Nudge', type, message]` to `window._paq`.")),
        field("plausible", Ty::Bool, Dflt::Bool(false), doc_text!("Call `plausible('Nudge <Type>', {props})` when the page has it.")),
        field("endpoint", Ty::Str, Dflt::None, doc_text!("A URL (absolute or relative to the page) that receives batches of events (JSON, `v: 1`).")),
    ],
    extra: None,
};

/// `inbox`: where visitor messages go.
pub static INBOX: Table = Table {
    path: "inbox",
    doc: doc_text!("Where visitor messages go (README, \"Statistics\")."),
    fields: &[field(
        "endpoint",
        Ty::Str,
        Dflt::None,
        doc_text!(
            "A URL that receives each visitor message (JSON); its answer may carry agent replies."
        ),
    )],
    extra: None,
};

/// Where statistics and visitor messages go; everything off by default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Destinations {
    /// Bit `i` set = `ANALYTICS.fields[i]` is on: 1 `gtm`
    /// (`window.dataLayer.push({event: 'nudge_<type>', ...})`), 2 `matomo`
    /// (`window._paq.push(['trackEvent', 'Nudge', type, message])`),
    /// 4 `plausible` (`plausible('Nudge <Type>', {props})` when it exists).
    pub switches: u8,
    /// Batches of events (JSON, `v: 1`) are POSTed here.
    pub endpoint: Option<String>,
    /// Each visitor message is POSTed here.
    pub inbox: Option<String>,
}

impl Destinations {
    /// True when any statistics destination is on.
    pub fn any_stats(&self) -> bool {
        self.switches != 0 || self.endpoint.is_some()
    }
}

/// Reads `analytics` and `inbox` from the config's root fields.
pub fn decode(ck: &mut Checker, root: &Fields) -> Destinations {
    let mut d = Destinations::default();
    let url = |f: &Fields| {
        f.str("endpoint")
            .filter(|u| !u.is_empty())
            .map(String::from)
    };
    if let Some(f) = root
        .get("analytics")
        .and_then(|v| ck.fields(v, "analytics", &ANALYTICS))
    {
        for (i, name) in ["gtm", "matomo", "plausible"].into_iter().enumerate() {
            d.switches |= (f.bool(name) as u8) << i;
        }
        d.endpoint = url(&f);
    }
    if let Some(f) = root
        .get("inbox")
        .and_then(|v| ck.fields(v, "inbox", &INBOX))
    {
        d.inbox = url(&f);
    }
    d
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::engine::{parse_config, NoPatterns};

    fn decode(text: &str) -> (super::Destinations, Vec<String>) {
        let (c, diags) = parse_config(text, &mut NoPatterns).unwrap();
        (
            c.destinations,
            diags.iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn a_relative_endpoint_is_kept_and_an_empty_one_is_none() {
        let (d, diags) =
            decode(r#"{"analytics":{"endpoint":"/nudge-collect"},"inbox":{"endpoint":""}}"#);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.endpoint.as_deref(), Some("/nudge-collect"));
        assert_eq!(d.inbox, None);
    }

    #[test]
    fn every_destination_is_off_without_the_sections() {
        let (d, diags) = decode("{}");
        assert_eq!(d, super::Destinations::default());
        assert!(!d.any_stats());
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn the_sections_switch_destinations_on() {
        let (d, diags) = decode(
            r#"{"analytics":{"gtm":true,"matomo":true,"plausible":false,"endpoint":"https://c.example/n"},
                "inbox":{"endpoint":"http://127.0.0.1:8183/inbox"}}"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(d.switches, 0b011, "gtm and matomo on, plausible off");
        assert_eq!(d.endpoint.as_deref(), Some("https://c.example/n"));
        assert_eq!(d.inbox.as_deref(), Some("http://127.0.0.1:8183/inbox"));
    }

    #[test]
    fn a_wrong_type_or_an_unknown_field_is_reported_with_its_path() {
        let (d, diags) =
            decode(r#"{"analytics":{"gtm":"yes","endpoint":false,"ga":1},"inbox":{"endpoint":3}}"#);
        assert_eq!(d, super::Destinations::default());
        let all = diags.join("\n");
        assert!(all.contains("analytics.gtm"), "{all}");
        assert!(all.contains("analytics.endpoint"), "{all}");
        assert!(
            all.contains("analytics.ga") && all.contains("unknown field"),
            "{all}"
        );
        assert!(all.contains("inbox.endpoint"), "{all}");
    }
}
