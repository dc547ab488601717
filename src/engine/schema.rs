//! JSON Schema (draft 2020-12) of the configuration, generated from the
//! field tables of `tables.rs` (with each field's `description` and
//! `default`), so the schema and the decoder cannot drift apart. The
//! committed copy is `static/nudge.schema.json`; a test checks it, and
//! `NUDGE_UPDATE_SCHEMA=1 cargo test --lib engine` rewrites it (and the
//! README reference).

use super::fields::{doc_str, Dflt, Field, Table, Ty};
use super::json::{int, obj, s, Value};
use super::tables::{
    CmpOp, PresetName, StringOp, TriggerKind, Weekday, CONDITIONS, EXCEPTION, PRESET, ROOT,
    TRIGGERS, UI_TEXTS,
};

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

fn array_of(items: Value) -> Value {
    obj(vec![("type", s("array")), ("items", items)])
}

fn one_of(options: Vec<Value>) -> Value {
    obj(vec![("oneOf", Value::Array(options))])
}

fn seconds() -> Value {
    obj(vec![("type", s("number")), ("minimum", int(0))])
}

fn default_value(d: Dflt) -> Option<Value> {
    match d {
        Dflt::None => None,
        Dflt::Bool(b) => Some(Value::Bool(b)),
        Dflt::Int(n) => Some(int(n)),
        Dflt::Str(t) => Some(s(t)),
    }
}

/// The schema of a value of type `t`.
fn schema_of(t: Ty) -> Value {
    match t {
        Ty::Str | Ty::Plain => ty("string"),
        Ty::Text => r("text"),
        Ty::Bool => ty("boolean"),
        Ty::Int => ty("integer"),
        Ty::Seconds => seconds(),
        Ty::Color => obj(vec![
            ("type", s("string")),
            ("pattern", s("^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")),
        ]),
        Ty::Date => obj(vec![("type", s("string")), ("format", s("date"))]),
        Ty::Choice(names) => enum_of(names),
        Ty::Choices(names) => one_of(vec![enum_of(names), array_of(enum_of(names))]),
        Ty::Object(table) => object(table),
        Ty::List(table, max) => {
            let mut v = vec![("type", s("array")), ("items", object(table))];
            if max > 0 {
                v.push(("minItems", int(1)));
                v.push(("maxItems", int(max as i64)));
            }
            obj(v)
        }
        Ty::Def(name) => r(name),
    }
}

/// A field's schema with its description and default.
fn field_schema(f: &Field) -> Value {
    let mut v = match schema_of(f.ty) {
        Value::Object(pairs) => pairs,
        other => vec![("allOf".to_string(), Value::Array(vec![other]))],
    };
    if !doc_str(&f.doc).is_empty() {
        v.push(("description".to_string(), s(doc_str(&f.doc))));
    }
    if let Some(d) = default_value(f.default) {
        v.push(("default".to_string(), d));
    }
    Value::Object(v)
}

/// The schema of an object described by `table`.
fn object(table: &Table) -> Value {
    let props = table
        .fields
        .iter()
        .map(|f| (f.name.to_string(), field_schema(f)))
        .collect();
    let mut v = vec![("type", s("object"))];
    if !doc_str(&table.doc).is_empty() {
        v.push(("description", s(doc_str(&table.doc))));
    }
    v.push(("properties", Value::Object(props)));
    if let Some(extra) = table.extra {
        v.push(("additionalProperties", schema_of(extra)));
    }
    let required: Vec<Value> = table
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| s(f.name))
        .collect();
    if !required.is_empty() {
        v.push(("required", Value::Array(required)));
    }
    obj(v)
}

fn string_match(extra: &[(&str, Value)], required: &[&str]) -> Value {
    let mut props: Vec<(String, Value)> = extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    props.extend(
        StringOp::NAMES
            .iter()
            .map(|o| (o.to_string(), ty("string"))),
    );
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

fn trigger_schema() -> Value {
    let variants = TRIGGERS
        .iter()
        .map(|t| {
            let mut props = vec![(
                "type".to_string(),
                obj(vec![
                    ("const", s(t.kind.name())),
                    ("description", s(doc_str(&t.doc))),
                ]),
            )];
            let mut required = vec![s("type")];
            if let Some(p) = &t.param {
                props.push((p.name.to_string(), field_schema(p)));
                if p.required {
                    required.push(s(p.name));
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

fn business_hours() -> Value {
    let mut props: Vec<(String, Value)> = Weekday::NAMES
        .iter()
        .map(|d| (d.to_string(), r("slots")))
        .collect();
    props.push(("exceptions".to_string(), array_of(object(&EXCEPTION))));
    obj(vec![
        ("type", s("object")),
        (
            "description",
            s("Per weekday, a list of [from, to) slots (\"HH:MM\", 24:00 allowed as an end); a day not listed is closed. `exceptions` replace a date's slots."),
        ),
        ("properties", Value::Object(props)),
        ("additionalProperties", Value::Bool(false)),
    ])
}

fn ids() -> Value {
    array_of(ty("string"))
}

/// The JSON Schema of a Nudge configuration.
pub fn config_schema() -> Value {
    let mut root = match object(&ROOT) {
        Value::Object(pairs) => pairs,
        _ => Vec::new(),
    };
    let mut head = vec![
        (
            "$schema".to_string(),
            s("https://json-schema.org/draft/2020-12/schema"),
        ),
        ("$id".to_string(), s("nudge.schema.json")),
        ("title".to_string(), s("Nudge site configuration")),
    ];
    head.append(&mut root);
    let compare_props = CmpOp::NAMES
        .iter()
        .map(|o| (o.to_string(), ty("integer")))
        .collect();
    let defs = obj(vec![
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
            array_of(obj(vec![
                ("type", s("array")),
                ("prefixItems", Value::Array(vec![r("hhmm"), r("hhmm")])),
                ("minItems", int(2)),
                ("maxItems", int(2)),
            ])),
        ),
        ("businessHours", business_hours()),
        (
            "establishments",
            array_of(obj(vec![
                ("type", s("object")),
                ("description", s("`id` (required, unique) plus any string facts: name, address, phone, opening_hours, ...")),
                ("properties", obj(vec![("id", ty("string"))])),
                ("additionalProperties", ty("string")),
                ("required", Value::Array(vec![s("id")])),
            ])),
        ),
        ("establishmentIds", obj(vec![("type", s("array")), ("items", ty("string")), ("minItems", int(1))])),
        ("establishmentIdOrIds", one_of(vec![ty("string"), ids()])),
        ("avatar", obj(vec![("type", Value::Array(vec![s("string"), s("null")]))])),
        (
            "presets",
            one_of(vec![
                array_of(enum_of(PresetName::NAMES)),
                obj(vec![
                    ("type", s("object")),
                    ("propertyNames", enum_of(PresetName::NAMES)),
                    ("additionalProperties", one_of(vec![ty("boolean"), object(&PRESET)])),
                ]),
            ]),
        ),
        ("uiTextsOfLanguage", object(&UI_TEXTS)),
        ("stringMatch", string_match(&[], &[])),
        ("namedMatch", string_match(&[("name", ty("string"))], &["name"])),
        (
            "attributeMatch",
            string_match(&[("name", ty("string")), ("exists", ty("boolean"))], &["name"]),
        ),
        (
            "compare",
            one_of(vec![
                ty("integer"),
                obj(vec![
                    ("type", s("object")),
                    ("properties", Value::Object(compare_props)),
                    ("additionalProperties", Value::Bool(false)),
                ]),
            ]),
        ),
        ("languages", one_of(vec![ty("string"), ids()])),
        (
            "timeOfDay",
            obj(vec![
                ("type", s("object")),
                ("properties", obj(vec![("from", r("hhmm")), ("to", r("hhmm"))])),
                ("required", Value::Array(vec![s("from"), s("to")])),
            ]),
        ),
        ("percent", obj(vec![("type", s("integer")), ("minimum", int(0)), ("maximum", int(100))])),
        ("conditionList", array_of(r("condition"))),
        (
            "condition",
            match object(&CONDITIONS) {
                Value::Object(mut pairs) => {
                    pairs.push(("additionalProperties".to_string(), Value::Bool(false)));
                    Value::Object(pairs)
                }
                other => other,
            },
        ),
        ("trigger", trigger_schema()),
        (
            "frequency",
            one_of(vec![
                enum_of(super::tables::FrequencyName::NAMES),
                obj(vec![
                    ("type", s("object")),
                    ("properties", obj(vec![("cooldown", seconds())])),
                    ("required", Value::Array(vec![s("cooldown")])),
                ]),
            ]),
        ),
    ]);
    head.push(("$defs".to_string(), defs));
    let _ = TriggerKind::NAMES;
    Value::Object(head)
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
    fn schema_lists_every_condition_and_trigger_with_its_description() {
        let text = config_schema().to_json();
        for f in CONDITIONS.fields {
            assert!(text.contains(&format!("\"{}\"", f.name)));
            assert!(text.contains(&f.doc.replace('"', "\\\"")), "{}", f.name);
        }
        for t in TRIGGERS {
            assert!(text.contains(&format!("\"{}\"", t.kind.name())));
        }
    }

    #[test]
    fn every_def_a_table_names_is_in_the_schema() {
        let schema = config_schema();
        let defs = schema.get("$defs").unwrap();
        let mut tables: Vec<&Table> = super::super::reference::TABLES.to_vec();
        tables.push(&CONDITIONS);
        for t in tables {
            for f in t.fields.iter() {
                if let Ty::Def(name) = f.ty {
                    assert!(
                        defs.get(name).is_some(),
                        "{}.{}: no $defs/{}",
                        t.path,
                        f.name,
                        name
                    );
                }
            }
        }
    }
}
