//! The README's configuration reference, generated from the field tables
//! (`tables.rs`) between two marker comments. A test fails when the README
//! is stale; `NUDGE_UPDATE_SCHEMA=1 cargo test --lib engine` rewrites it.

use super::fields::{Dflt, Field, Table, Ty};
use super::tables::{
    AUTO_MESSAGE, BEHAVIOUR, CONDITIONS, EXCEPTION, MESSAGE_SET, PRESET, ROOT, SITE, STARTER, TEAM,
    TRIGGERS, UI, UI_TEXTS,
};

/// Every object table, in the README's order.
pub static TABLES: &[&Table] = &[
    &ROOT,
    &SITE,
    &TEAM,
    &STARTER,
    &MESSAGE_SET,
    &EXCEPTION,
    &AUTO_MESSAGE,
    &PRESET,
    &BEHAVIOUR,
    &UI,
    &UI_TEXTS,
    &crate::analytics::settings::ANALYTICS,
    &crate::analytics::settings::INBOX,
];

pub const START: &str = "<!-- config-reference:start -->";
pub const END: &str = "<!-- config-reference:end -->";

fn type_name(t: Ty) -> String {
    match t {
        Ty::Str => "string".into(),
        Ty::Plain => "string (no placeholders)".into(),
        Ty::Text => "text (placeholders)".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int => "integer".into(),
        Ty::Seconds => "seconds (number ≥ 0)".into(),
        Ty::Color => "colour `#rgb` / `#rrggbb`".into(),
        Ty::Date => "date `YYYY-MM-DD`".into(),
        Ty::Choice(_) => "string".into(),
        Ty::Choices(_) => "string or list of strings".into(),
        Ty::Object(t) => format!("object (`{}`)", t.path),
        Ty::List(t, 0) => format!("list of `{}`", t.path),
        Ty::List(t, max) => format!("list of `{}`, 1–{}", t.path, max),
        Ty::Def(name) => match name {
            "businessHours" => "object: `mon` … `sun` → list of `[\"HH:MM\", \"HH:MM\"]` slots (a day left out is closed), `exceptions` (see `business_hours.exceptions[]`)".into(),
            "establishments" => "list of objects: `id` (required, unique) and facts as plain strings (`name`, `address`, `phone`, `opening_hours` or any other key)".into(),
            "establishmentIds" => "list of establishment ids".into(),
            "establishmentIdOrIds" => "id or list of ids".into(),
            "avatar" => "URL string or null".into(),
            "presets" => {
                "list of names, or object name → `true` / `false` / `presets.<name>`".into()
            }
            "trigger" => "trigger (see Triggers)".into(),
            "condition" => "condition (see Conditions)".into(),
            "conditionList" => "list of conditions".into(),
            "frequency" => "frequency name or `{\"cooldown\": seconds}`".into(),
            "slots" => "list of `[\"HH:MM\", \"HH:MM\"]`".into(),
            "stringMatch" => "`{<op>: text}`".into(),
            "namedMatch" => "`{name, <op>: text}`".into(),
            "attributeMatch" => "`{name, <op>: text}` or `{name, exists}`".into(),
            "compare" => "integer or `{eq, ne, gt, gte, lt, lte}`".into(),
            "languages" => "string or list of strings".into(),
            "timeOfDay" => "`{from: \"HH:MM\", to: \"HH:MM\"}`".into(),
            "percent" => "integer 0–100".into(),
            "uiTextsOfLanguage" => "object: text key → text (the keys above)".into(),
            other => other.into(),
        },
    }
}

fn allowed(t: Ty) -> String {
    let names: &[&str] = match t {
        Ty::Choice(n) | Ty::Choices(n) => n,
        Ty::Def("frequency") => super::tables::FrequencyName::NAMES,
        Ty::Def("presets") => super::tables::PresetName::NAMES,
        Ty::Def("stringMatch" | "namedMatch" | "attributeMatch") => super::tables::StringOp::NAMES,
        _ => &[],
    };
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn default_text(d: Dflt) -> String {
    match d {
        Dflt::None => String::new(),
        Dflt::Bool(b) => format!("`{b}`"),
        Dflt::Int(n) => format!("`{n}`"),
        Dflt::Str(s) => format!("`\"{s}\"`"),
    }
}

fn row(out: &mut String, f: &Field) {
    out.push_str(&format!(
        "| `{}` | {} | {} | {} | {} | {} |\n",
        f.name,
        type_name(f.ty),
        if f.required { "yes" } else { "no" },
        default_text(f.default),
        allowed(f.ty),
        f.doc.replace('|', "\\|"),
    ));
}

const HEAD: &str = "| field | type | required | default | allowed values | description |\n|---|---|---|---|---|---|\n";

/// The generated reference (between the markers).
pub fn readme_reference() -> String {
    let mut out = String::new();
    for t in TABLES {
        let title = if t.path.is_empty() {
            "The root object".to_string()
        } else {
            format!("`{}`", t.path)
        };
        out.push_str(&format!("\n#### {}\n\n{}\n\n{}", title, t.doc, HEAD));
        for f in t.fields {
            row(&mut out, f);
        }
        if let Some(extra) = t.extra {
            out.push_str(&format!(
                "| any other key | {} | no |  |  | |\n",
                type_name(extra)
            ));
        }
    }
    out.push_str("\n#### Triggers (`auto_messages[].trigger`)\n\n`{\"type\": <kind>, <parameter>}`.\n\n| type | parameter | description |\n|---|---|---|\n");
    for t in TRIGGERS {
        let param = match &t.param {
            Some(p) => format!(
                "`{}`: {}{}",
                p.name,
                type_name(p.ty),
                if p.required {
                    ""
                } else {
                    ", optional (default 0)"
                }
            ),
            None => "none".into(),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            t.kind.name(),
            param,
            t.doc
        ));
    }
    out.push_str(&format!(
        "\n#### Conditions (`auto_messages[].conditions`)\n\n{} String operators ignore case, except `regex` (see Decisions).\n\n| key | value | allowed values | description |\n|---|---|---|---|\n",
        CONDITIONS.doc
    ));
    for f in CONDITIONS.fields {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            f.name,
            type_name(f.ty),
            allowed(f.ty),
            f.doc
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readme_path() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")
    }

    #[test]
    fn the_readme_configuration_reference_is_up_to_date() {
        let readme = std::fs::read_to_string(readme_path()).expect("README.md readable");
        let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
            panic!("README.md lacks the config-reference markers");
        };
        let current = &readme[a + START.len()..b];
        let generated = readme_reference();
        if std::env::var("NUDGE_UPDATE_SCHEMA").is_ok() {
            let mut next = readme[..a + START.len()].to_string();
            next.push_str(&generated);
            next.push_str(&readme[b..]);
            std::fs::write(readme_path(), next).unwrap();
            return;
        }
        assert!(
            current == generated,
            "the README's configuration reference is stale; run NUDGE_UPDATE_SCHEMA=1 cargo test --lib engine"
        );
    }

    /// A documented field that nothing reads is impossible: decoding a
    /// config that has every object asks for every field of every table.
    #[test]
    fn the_decoder_reads_every_documented_field() {
        super::super::fields::READ.with(|r| r.borrow_mut().clear());
        let mut p = super::super::LinearPatterns::new();
        let (_, diags) = super::super::parse_config(EVERY_OBJECT, &mut p).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        let read = super::super::fields::READ.with(|r| r.borrow().clone());
        for t in TABLES {
            for f in t.fields {
                assert!(
                    read.iter()
                        .any(|(path, name)| *path == t.path && name == f.name),
                    "{}.{} is documented but never read",
                    t.path,
                    f.name
                );
            }
        }
    }

    /// Each condition key and trigger type the docs list is decoded.
    #[test]
    fn every_documented_condition_and_trigger_is_decoded() {
        for f in CONDITIONS.fields {
            let cfg = format!(
                r#"{{"auto_messages":[{{"id":"a","text":"a","trigger":{{"type":"page_view"}},"conditions":{{"{}":null}}}}]}}"#,
                f.name
            );
            let mut p = super::super::LinearPatterns::new();
            let (_, diags) = super::super::parse_config(&cfg, &mut p).unwrap();
            assert!(
                diags
                    .iter()
                    .all(|d| !d.message.contains("unknown condition")),
                "{}: {diags:?}",
                f.name
            );
        }
        for t in TRIGGERS {
            let cfg = format!(
                r#"{{"auto_messages":[{{"id":"a","text":"a","trigger":{{"type":"{}","seconds":1,"delay":1,"percent":5,"name":"x"}}}}]}}"#,
                t.kind.name()
            );
            let mut p = super::super::LinearPatterns::new();
            let (c, _) = super::super::parse_config(&cfg, &mut p).unwrap();
            assert_eq!(c.rules.len(), 1, "{}", t.kind.name());
        }
    }

    const EVERY_OBJECT: &str = r##"{
      "$schema": "nudge.schema.json",
      "site": {"name": "S", "language": "fr", "time_zone": "Europe/Paris"},
      "business_hours": {"mon": [["09:00", "18:00"]], "exceptions": [{"date": "2026-12-25", "hours": []}]},
      "establishments": [{"id": "paris", "name": "Paris"}],
      "team": {"name": "T", "status": "busy", "avatar": null, "reply_time": "5 min"},
      "welcome_message": "w", "absence_message": "a",
      "starters": [{"title": "t", "answer": "a"}],
      "message_sets": [{"establishments": ["paris"], "welcome_message": "w", "absence_message": "a",
                        "starters": [{"title": "t", "answer": "a"}], "business_hours": {"tue": []}}],
      "presets": {"first_visit": {"text": "x", "delay": 3, "priority": 1, "enabled": true}},
      "auto_messages": [{"id": "x", "text": "x", "trigger": {"type": "page_view"}, "conditions": {"visitor": "first"},
                         "frequency": "always", "priority": 2, "enabled": true}],
      "behaviour": {"min_gap_seconds": 1, "quiet_during_agent_conversation": false, "consent_required": true},
      "ui": {"color": "#123", "position": "left", "z_index": 3, "language": "fr",
             "texts": {"launcher_label": "L", "fr": {"placeholder": "P"}}},
      "analytics": {"gtm": true, "matomo": true, "plausible": true, "endpoint": "/collect"},
      "inbox": {"endpoint": "/inbox"}
    }"##;
}
