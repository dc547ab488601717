//! The `analytics` and `inbox` sections of the site config: where
//! statistics and visitor messages go. Pure (no browser): the engine's
//! config decoder calls [`decode`], the schema generator calls [`schema`].
//!
//! Compact on purpose: two tables of fields, one decoder, one schema, so
//! that the config's field tables can absorb them.

use crate::engine::json::{obj, s, Value};
use crate::engine::validate::{join, Checker};

/// Fields of `analytics`: the switches, then the beacon endpoint.
pub const ANALYTICS_FIELDS: &[&str] = &["gtm", "matomo", "plausible", "endpoint"];
/// Fields of `inbox`.
pub const INBOX_FIELDS: &[&str] = &["endpoint"];

/// Where statistics and visitor messages go; everything off by default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Destinations {
    /// Bit `i` set = `ANALYTICS_FIELDS[i]` is on: 1 `gtm`
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

/// A URL (absolute, or relative to the page); "" means none.
fn url(ck: &mut Checker, v: &Value, path: &str) -> Option<String> {
    ck.string(v, path).filter(|u| !u.is_empty())
}

/// Reads `analytics` and `inbox` from the config's root object.
pub fn decode(ck: &mut Checker, root: &Value) -> Destinations {
    let mut d = Destinations::default();
    for (section, allowed) in [("analytics", ANALYTICS_FIELDS), ("inbox", INBOX_FIELDS)] {
        let Some(fields) = root.get(section).and_then(|v| ck.object(v, section, allowed)) else {
            continue;
        };
        for (k, v) in fields {
            let p = join(section, k);
            match (section, allowed.iter().position(|f| f == k)) {
                ("inbox", Some(_)) => d.inbox = url(ck, v, &p),
                (_, Some(3)) => d.endpoint = url(ck, v, &p),
                (_, Some(i)) => {
                    if ck.boolean(v, &p) == Some(true) {
                        d.switches |= 1 << i;
                    }
                }
                _ => {}
            }
        }
    }
    d
}

/// The JSON Schema of the `analytics` or `inbox` root field.
pub fn schema(field: &str) -> Value {
    let doc = |d: &str| obj(vec![("type", s("boolean")), ("default", Value::Bool(false)), ("description", s(d))]);
    let url = |d: &str| obj(vec![("type", s("string")), ("format", s("uri-reference")), ("description", s(d))]);
    let props = if field == "inbox" {
        vec![("endpoint", url("Each visitor message is POSTed here as JSON; the answer may carry agent replies"))]
    } else {
        vec![
            ("gtm", doc("Push nudge_<type> events to window.dataLayer (Google Tag Manager / GA4)")),
            ("matomo", doc("Push ['trackEvent', 'Nudge', type, message] to window._paq")),
            ("plausible", doc("Call plausible('Nudge <Type>', {props}) when the function exists")),
            ("endpoint", url("Batches of events (JSON, v 1) are sent here with sendBeacon / fetch keepalive")),
        ]
    };
    obj(vec![
        ("type", s("object")),
        ("properties", obj(props)),
        ("additionalProperties", Value::Bool(false)),
    ])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::engine::{parse_config, NoPatterns};

    fn decode(text: &str) -> (super::Destinations, Vec<String>) {
        let (c, diags) = parse_config(text, &mut NoPatterns).unwrap();
        (c.destinations, diags.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn a_relative_endpoint_is_kept_and_an_empty_one_is_none() {
        let (d, diags) = decode(r#"{"analytics":{"endpoint":"/nudge-collect"},"inbox":{"endpoint":""}}"#);
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
        let (d, diags) = decode(r#"{"analytics":{"gtm":"yes","endpoint":false,"ga":1},"inbox":{"endpoint":3}}"#);
        assert_eq!(d, super::Destinations::default());
        let all = diags.join("\n");
        assert!(all.contains("analytics.gtm"), "{all}");
        assert!(all.contains("analytics.endpoint"), "{all}");
        assert!(all.contains("analytics.ga") && all.contains("unknown field"), "{all}");
        assert!(all.contains("inbox.endpoint"), "{all}");
    }
}
