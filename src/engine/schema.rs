//! JSON Schema (draft 2020-12) of the configuration, generated from the
//! same tables the validator uses, so the two cannot drift apart. The
//! committed copy is `static/nudge.schema.json` (a test checks it; run
//! `NUDGE_UPDATE_SCHEMA=1 cargo test --lib engine` to rewrite it).

use super::conditions::{
    COMPARE_OPS, CONDITION_KEYS, DEVICES, OPEN_STATES, STRING_OPS, TEAM_STATUSES, VISITOR_KINDS,
    WEEKDAYS,
};
use super::config::{
    AUTO_MESSAGE_FIELDS, BEHAVIOUR_FIELDS, EXCEPTION_FIELDS, FREQUENCIES, MAX_STARTERS,
    PRESET_FIELDS, ROOT_FIELDS, SITE_FIELDS, STARTER_FIELDS, TEAM_FIELDS, TRIGGERS, UI_POSITIONS,
};
use super::json::{int, obj, s, Value};
use super::presets::PRESET_NAMES;

fn r(name: &str) -> Value {
    let mut p = String::from("#/$defs/");
    p.push_str(name);
    obj(vec![("$ref", Value::String(p))])
}

fn ty(t: &str) -> Value {
    obj(vec![("type", s(t))])
}

fn enum_of(names: &[&str]) -> Value {
    obj(vec![(
        "enum",
        Value::Array(names.iter().map(|n| s(n)).collect()),
    )])
}

fn one_or_many(names: &[&str]) -> Value {
    obj(vec![(
        "oneOf",
        Value::Array(vec![
            enum_of(names),
            obj(vec![("type", s("array")), ("items", enum_of(names))]),
        ]),
    )])
}

fn object(fields: &[&str], schema_of: &dyn Fn(&str) -> Value, required: &[&str]) -> Value {
    let props = fields
        .iter()
        .map(|f| (f.to_string(), schema_of(f)))
        .collect();
    let mut v = vec![("type", s("object")), ("properties", Value::Object(props))];
    if !required.is_empty() {
        v.push((
            "required",
            Value::Array(required.iter().map(|f| s(f)).collect()),
        ));
    }
    obj(v)
}

fn seconds() -> Value {
    obj(vec![("type", s("number")), ("minimum", int(0))])
}

fn string_match(extra: &[(&str, Value)], required: &[&str]) -> Value {
    let mut props: Vec<(String, Value)> = extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    props.extend(STRING_OPS.iter().map(|o| (o.to_string(), ty("string"))));
    let mut f = vec![
        ("type", s("object")),
        ("properties", Value::Object(props)),
        ("additionalProperties", Value::Bool(false)),
    ];
    if !required.is_empty() {
        f.push((
            "required",
            Value::Array(required.iter().map(|x| s(x)).collect()),
        ));
    }
    obj(f)
}

fn condition_schema(key: &str) -> Value {
    match key {
        "all" | "any" => obj(vec![("type", s("array")), ("items", r("condition"))]),
        "not" => r("condition"),
        "url" | "title" | "referrer" => r("stringMatch"),
        "query" | "utm" => string_match(&[("name", ty("string"))], &["name"]),
        "attribute" => string_match(
            &[("name", ty("string")), ("exists", ty("boolean"))],
            &["name"],
        ),
        "visitor" => enum_of(VISITOR_KINDS),
        "visit_number" | "pages_viewed" | "days_since_last_visit" => r("compare"),
        "language" => obj(vec![(
            "oneOf",
            Value::Array(vec![
                ty("string"),
                obj(vec![("type", s("array")), ("items", ty("string"))]),
            ]),
        )]),
        "device" => one_or_many(DEVICES),
        "weekday" => one_or_many(WEEKDAYS),
        "team_status" => one_or_many(TEAM_STATUSES),
        "business_hours" => enum_of(OPEN_STATES),
        "time_of_day" => object(&["from", "to"], &|_| r("hhmm"), &["from", "to"]),
        "establishment" => obj(vec![(
            "oneOf",
            Value::Array(vec![
                ty("string"),
                obj(vec![("type", s("array")), ("items", ty("string"))]),
            ]),
        )]),
        _ => obj(vec![]),
    }
}

fn trigger_schema() -> Value {
    let variants = TRIGGERS
        .iter()
        .map(|(name, param)| {
            let mut props = vec![("type".to_string(), obj(vec![("const", s(name))]))];
            let mut required = vec![s("type")];
            if let Some(p) = param {
                let schema = match *p {
                    "name" => ty("string"),
                    "percent" => obj(vec![
                        ("type", s("integer")),
                        ("minimum", int(0)),
                        ("maximum", int(100)),
                    ]),
                    _ => seconds(),
                };
                props.push((p.to_string(), schema));
                if *p != "delay" {
                    required.push(s(p));
                }
            }
            obj(vec![
                ("type", s("object")),
                ("properties", Value::Object(props)),
                ("required", Value::Array(required)),
            ])
        })
        .collect();
    obj(vec![("oneOf", Value::Array(variants))])
}

fn root_field(f: &str) -> Value {
    match f {
        "$schema" => ty("string"),
        "site" => object(SITE_FIELDS, &|_| ty("string"), &[]),
        "business_hours" => {
            let mut props: Vec<(String, Value)> = WEEKDAYS
                .iter()
                .map(|d| (d.to_string(), r("slots")))
                .collect();
            props.push((
                "exceptions".to_string(),
                obj(vec![
                    ("type", s("array")),
                    (
                        "items",
                        object(
                            EXCEPTION_FIELDS,
                            &|k| {
                                if k == "date" {
                                    obj(vec![("type", s("string")), ("format", s("date"))])
                                } else {
                                    r("slots")
                                }
                            },
                            &["date"],
                        ),
                    ),
                ]),
            ));
            obj(vec![
                ("type", s("object")),
                ("properties", Value::Object(props)),
            ])
        }
        "establishments" => obj(vec![
            ("type", s("array")),
            (
                "items",
                obj(vec![
                    ("type", s("object")),
                    ("properties", obj(vec![("id", ty("string"))])),
                    ("additionalProperties", ty("string")),
                    ("required", Value::Array(vec![s("id")])),
                ]),
            ),
        ]),
        "team" => object(
            TEAM_FIELDS,
            &|k| match k {
                "status" => enum_of(TEAM_STATUSES),
                "avatar" => obj(vec![("type", Value::Array(vec![s("string"), s("null")]))]),
                _ => ty("string"),
            },
            &[],
        ),
        "welcome_message" | "absence_message" => r("text"),
        "starters" => obj(vec![
            ("type", s("array")),
            ("minItems", int(1)),
            ("maxItems", int(MAX_STARTERS as i64)),
            (
                "items",
                object(STARTER_FIELDS, &|_| r("text"), STARTER_FIELDS),
            ),
        ]),
        "presets" => obj(vec![(
            "oneOf",
            Value::Array(vec![
                obj(vec![("type", s("array")), ("items", enum_of(PRESET_NAMES))]),
                obj(vec![
                    ("type", s("object")),
                    ("propertyNames", enum_of(PRESET_NAMES)),
                    (
                        "additionalProperties",
                        obj(vec![(
                            "oneOf",
                            Value::Array(vec![
                                ty("boolean"),
                                object(
                                    PRESET_FIELDS,
                                    &|k| match k {
                                        "text" => r("text"),
                                        "delay" => seconds(),
                                        "enabled" => ty("boolean"),
                                        _ => ty("integer"),
                                    },
                                    &[],
                                ),
                            ]),
                        )]),
                    ),
                ]),
            ]),
        )]),
        "auto_messages" => obj(vec![
            ("type", s("array")),
            (
                "items",
                object(
                    AUTO_MESSAGE_FIELDS,
                    &|k| match k {
                        "id" => ty("string"),
                        "text" => r("text"),
                        "trigger" => r("trigger"),
                        "conditions" => r("condition"),
                        "frequency" => r("frequency"),
                        "priority" => ty("integer"),
                        _ => ty("boolean"),
                    },
                    &["id", "text", "trigger"],
                ),
            ),
        ]),
        "behaviour" => object(
            BEHAVIOUR_FIELDS,
            &|k| {
                if k == "min_gap_seconds" {
                    seconds()
                } else {
                    ty("boolean")
                }
            },
            &[],
        ),
        "ui" => obj(vec![
            ("type", s("object")),
            (
                "properties",
                obj(vec![
                    (
                        "color",
                        obj(vec![
                            ("type", s("string")),
                            ("pattern", s("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")),
                        ]),
                    ),
                    ("position", enum_of(UI_POSITIONS)),
                    ("z_index", ty("integer")),
                ]),
            ),
        ]),
        "analytics" | "inbox" => crate::analytics::settings::schema(f),
        _ => obj(vec![]),
    }
}

/// The JSON Schema of a Nudge configuration.
pub fn config_schema() -> Value {
    let root_props = ROOT_FIELDS
        .iter()
        .map(|f| (f.to_string(), root_field(f)))
        .collect();
    let cond_props = CONDITION_KEYS
        .iter()
        .map(|k| (k.to_string(), condition_schema(k)))
        .collect();
    let compare_props = COMPARE_OPS
        .iter()
        .map(|o| (o.to_string(), ty("integer")))
        .collect();
    obj(vec![
        ("$schema", s("https://json-schema.org/draft/2020-12/schema")),
        ("$id", s("nudge.schema.json")),
        ("title", s("Nudge site configuration")),
        ("type", s("object")),
        ("properties", Value::Object(root_props)),
        (
            "$defs",
            obj(vec![
                (
                    "text",
                    obj(vec![
                        ("type", s("string")),
                        (
                            "description",
                            s("Text with placeholders: {{site.name}}, {{team.name}}, {{team.reply_time}}, {{establishment.<fact>}}, {{visitor.<attribute>}}"),
                        ),
                    ]),
                ),
                ("hhmm", obj(vec![("type", s("string")), ("pattern", s("^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$"))])),
                (
                    "slots",
                    obj(vec![
                        ("type", s("array")),
                        (
                            "items",
                            obj(vec![
                                ("type", s("array")),
                                ("prefixItems", Value::Array(vec![r("hhmm"), r("hhmm")])),
                                ("minItems", int(2)),
                                ("maxItems", int(2)),
                            ]),
                        ),
                    ]),
                ),
                ("stringMatch", string_match(&[], &[])),
                (
                    "compare",
                    obj(vec![(
                        "oneOf",
                        Value::Array(vec![
                            ty("integer"),
                            obj(vec![
                                ("type", s("object")),
                                ("properties", Value::Object(compare_props)),
                                ("additionalProperties", Value::Bool(false)),
                            ]),
                        ]),
                    )]),
                ),
                (
                    "condition",
                    obj(vec![
                        ("type", s("object")),
                        ("properties", Value::Object(cond_props)),
                        ("additionalProperties", Value::Bool(false)),
                    ]),
                ),
                ("trigger", trigger_schema()),
                (
                    "frequency",
                    obj(vec![(
                        "oneOf",
                        Value::Array(vec![
                            enum_of(FREQUENCIES),
                            object(&["cooldown"], &|_| seconds(), &["cooldown"]),
                        ]),
                    )]),
                ),
            ]),
        ),
    ])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn committed_schema_is_up_to_date() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/nudge.schema.json");
        let generated = config_schema().to_pretty();
        if std::env::var("NUDGE_UPDATE_SCHEMA").is_ok() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "static/nudge.schema.json is stale; run NUDGE_UPDATE_SCHEMA=1 cargo test --lib engine"
        );
    }

    #[test]
    fn schema_lists_every_condition_and_trigger() {
        let text = config_schema().to_json();
        for k in CONDITION_KEYS {
            assert!(text.contains(&format!("\"{}\"", k)));
        }
        for (t, _) in TRIGGERS {
            assert!(text.contains(&format!("\"{}\"", t)));
        }
    }
}
